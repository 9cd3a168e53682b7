// The search page for those who listen to it, on the book under test from
// file:// (its own templates: the other search tests build dossiers with
// the release binary's theme):
// - the status line, a live region, is said once typing pauses, not at
//   every key, while the results follow every key (the list says which
//   query it shows before the status line names it);
// - its two search landmarks (the header's form and the page's own) have
//   names that tell them apart (axe-core's landmark-unique).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, watchPage } from '../lib/common.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const ROOT = fileRootUrl();
const QUERY = 'kazakh security';

let browser;

before(async () => {
  requireBook();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function searchPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest });
  await page.goto(ROOT + 'search.html', { waitUntil: 'load' });
  // The index's first script is in.
  await page.waitForFunction(() => document.getElementById('search-kinds') && !document.getElementById('search-kinds').hidden, null, { timeout: 5000 });
  return { context, page, problems };
}

test(`typing "${QUERY}": the live status is said once typing pauses, the results follow every key`, async () => {
  const { context, page, problems } = await searchPage();
  await page.evaluate(() => {
    window.said = [];
    window.listed = 0;
    window.order = [];
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    // Observers made first are called first when both change in one task:
    // the list's, so that the order recorded is never the wrong way round.
    new MutationObserver(() => window.order.push('list: ' + list.dataset.query)).observe(list, { attributeFilter: ['data-query'] });
    new MutationObserver(() => { window.listed += 1; }).observe(list, { childList: true });
    new MutationObserver(() => {
      window.said.push(status.textContent);
      window.order.push('status: ' + status.textContent);
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.locator('#q').focus();
  // A steady typist: 150 ms a key.
  await page.keyboard.type(QUERY, { delay: 150 });
  const whileTyping = await page.evaluate(() => ({ said: window.said.slice(), listed: window.listed }));
  await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(`“${q}”`), QUERY, { timeout: 5000 });
  await page.waitForTimeout(800);
  const said = (await page.evaluate(() => window.said)).filter((t) => t !== '');
  assert.ok(whileTyping.listed > 3, `the results changed ${whileTyping.listed} times while typing: they should follow the keys`);
  assert.ok(said.length <= 2, `the status was announced ${said.length} times: ${JSON.stringify(said)}`);
  assert.match(said[said.length - 1], new RegExp(`“${QUERY}”`), `the last announcement is ${JSON.stringify(said[said.length - 1])}`);
  assert.ok(!said.some((t) => /“k”/.test(t)), `a one-letter query was announced: ${JSON.stringify(said)}`);
  const order = await page.evaluate(() => window.order);
  const listed = order.indexOf(`list: ${QUERY}`);
  const named = order.findIndex((e) => e.startsWith('status: ') && e.includes(`“${QUERY}”`));
  assert.ok(listed >= 0 && listed < named, `the list should say it shows "${QUERY}" before the status names it: ${JSON.stringify(order)}`);
  // Enter says it at once.
  await page.evaluate(() => { window.said = []; });
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.said.some((t) => /“kazakh securit”/.test(t)), null, { timeout: 400 });
  await context.close();
  assertNoProblems('search status', problems);
});

test('the search page: its search landmarks have names that tell them apart (axe-core landmark-unique)', async () => {
  const { context, page, problems } = await searchPage();
  const landmarks = await page.locator('[role="search"], search').count();
  assert.equal(landmarks, 2, 'the header form and the page form');
  await page.addScriptTag({ path: AXE_SOURCE });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'rule', values: ['landmark-unique'] } }));
  const found = result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  await context.close();
  assertNoProblems('search landmarks', [...found, ...problems]);
});
