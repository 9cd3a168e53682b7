// Small things a reader meets on an article page, from file://:
// - the names links are announced by (Chromium's own accessibility tree):
//   a dot or an arrow the stylesheet adds for the eye is no part of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest } from '../lib/common.js';

const ROOT = fileRootUrl();

let browser;

before(async () => {
  requireBook();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** The article with the most notes. */
function articleWithMostNotes() {
  const dir = path.join(BOOK_DIR, 'articles');
  let best = null, most = 0;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.html')).sort()) {
    const n = (fs.readFileSync(path.join(dir, f), 'utf8').match(/<span class="sidenote[^"]*" id="note-/g) || []).length;
    if (n > most) { most = n; best = `articles/${f}`; }
  }
  return best;
}

const ARTICLE = articleWithMostNotes();

async function offlinePage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  return { context, page: await context.newPage() };
}

/** The accessible names Chromium gives the elements `selector` finds (its accessibility tree, by CDP). */
async function accessibleNames(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const names = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes.find((n) => !n.ignored) || nodes[0];
    names.push(node?.name?.value ?? '');
  }
  await cdp.detach();
  return names;
}

test("a note's number, the link back to its passage, is announced by its number alone (not \"1 ·\")", async () => {
  const { context, page } = await offlinePage();
  await page.goto(ROOT + ARTICLE);
  const texts = await page.$$eval('.sidenote a.note-num', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(texts.length > 0, `${ARTICLE}: no note numbers`);
  const names = await accessibleNames(page, '.sidenote a.note-num');
  const problems = names.map((name, i) => (name.trim() === texts[i] ? null : `note ${texts[i]}: announced as "${name}"`)).filter(Boolean);
  // The dot is still drawn.
  const dot = await page.$eval('.sidenote a.note-num', (a) => getComputedStyle(a, '::after').content);
  assert.match(dot, /·/, 'the dot after the number is gone');
  // "More" links: their arrow is drawn, not read.
  await page.goto(ROOT + 'index.html');
  const more = await page.$$eval('.more a', (as) => as.map((a) => a.textContent.trim()));
  const moreNames = await accessibleNames(page, '.more a');
  moreNames.forEach((name, i) => { if (name.trim() !== more[i]) problems.push(`"${more[i]}" link: announced as "${name}"`); });
  await context.close();
  assertNoProblems('names of links', problems);
});
