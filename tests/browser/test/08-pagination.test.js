// Numbered list pages (issue 17), from file:// with no network: a generated
// dossier of 45 articles built with ten items a page splits the index, the
// sources, the timeline list and each busy actor's mentions into pages
// `name.N.html`. A reader clicks "Next" from the first page to the last and
// "Previous" back, each page says where it stands (aria-current on its own
// number, "Page n of N"), the numbered links open the page they name, the
// pager is reachable by keyboard, has no horizontal scroll on a phone, and
// axe-core finds nothing on a numbered page in light and dark, and the Nu
// checker finds every numbered page valid.
//
// The book is built here from `dossier-gen corpus` (release binaries) into
// a temporary folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { isFileRequest, watchPage } from '../lib/common.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar'));
const PAGE_SIZE = 10;
let browser;
let bookDir;
let root;

/** Runs a release binary of the workspace; its stdout. */
function run(bin, args) {
  const out = spawnSync(path.join(REPO_ROOT, 'target', 'release', bin), args, { encoding: 'utf8' });
  assert.equal(out.status, 0, `${bin} ${args.join(' ')} failed:\n${out.stderr}`);
  return out.stdout;
}

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pages-'));
  const src = path.join(tmp, 'src');
  run('dossier-gen', ['corpus', src, '--articles', '45', '--actors', '20', '--events', '12', '--seed', '3']);
  // `[output.html]` is the generated book.toml's last table.
  fs.appendFileSync(path.join(src, 'book.toml'), `page-size = ${PAGE_SIZE}\n`);
  bookDir = path.join(tmp, 'book');
  run('dossier', ['--quiet', 'build', src, '-d', bookDir]);
  root = fileRootUrl(bookDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A page in a context that cannot reach the network, and its problems. */
async function open(rel, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest });
  await page.goto(root + rel);
  return { context, page, problems };
}

/** What the pager of the open page says: its number, the count, the links. */
function pagerState() {
  const nav = document.querySelector('nav.pager');
  if (!nav) return null;
  const current = nav.querySelector('[aria-current="page"]');
  return {
    where: nav.querySelector('.pager-where').textContent,
    label: nav.getAttribute('aria-label'),
    current: current ? Number(current.textContent) : null,
    numbers: [...nav.querySelectorAll('li a:not([rel])')].map((a) => Number(a.textContent)),
    hasNext: !!nav.querySelector('a[rel="next"]'),
    hasPrev: !!nav.querySelector('a[rel="prev"]'),
    headNext: document.querySelector('head link[rel="next"]')?.getAttribute('href') ?? null,
  };
}

/** The list's first page name and the files of its numbered pages. */
function numberedFiles(rel) {
  const dir = path.dirname(rel);
  const stem = path.basename(rel, '.html');
  const names = fs.readdirSync(path.join(bookDir, dir)).filter((n) => new RegExp(`^${stem}\\.\\d+\\.html$`).test(n));
  return names.length + 1;
}

/** Clicks "Next" from page 1 of `rel` to its last page, then "Previous" back. */
async function walkList(rel, problems) {
  const { context, page, problems: seen } = await open(rel);
  const total = numberedFiles(rel);
  assert.ok(total >= 2, `${rel} is not split (${total} page)`);
  const visited = [];
  for (let n = 1; ; n += 1) {
    const state = await page.evaluate(pagerState);
    assert.ok(state, `${page.url()} has no pager`);
    visited.push(page.url());
    if (state.current !== n) problems.push(`${page.url()}: aria-current is ${state.current}, not ${n}`);
    if (!state.where.includes(String(n)) || !state.where.includes(String(total))) problems.push(`${page.url()}: says "${state.where}" on page ${n} of ${total}`);
    if (state.hasPrev !== n > 1) problems.push(`${page.url()}: Previous link ${state.hasPrev ? 'on' : 'missing from'} page ${n}`);
    if (!state.hasNext) break;
    assert.equal(state.hasNext, state.headNext !== null, `${page.url()}: rel=next in the nav but not in the head`);
    await Promise.all([page.waitForURL((u) => u.href !== visited[n - 1]), page.locator('nav.pager a[rel="next"]').click()]);
  }
  if (visited.length !== total) problems.push(`${rel}: Next reached ${visited.length} pages of ${total}`);
  for (let n = visited.length - 1; n >= 1; n -= 1) {
    await Promise.all([page.waitForURL(visited[n - 1]), page.locator('nav.pager a[rel="prev"]').click()]);
  }
  problems.push(...seen);
  await context.close();
  return visited;
}

for (const rel of ['index.html', 'sources.html', 'timeline.html']) {
  test(`${rel}: Next from the first numbered page to the last, Previous back, each page where it says it is`, async () => {
    const problems = [];
    const visited = await walkList(rel, problems);
    assert.match(visited[1], new RegExp(`${path.basename(rel, '.html')}\\.2\\.html$`));
    assertNoProblems(`pager of ${rel}`, problems);
  });
}

test("an actor's mentions continue on numbered pages; a numbered link opens the page it names", async () => {
  const actors = fs.readdirSync(path.join(bookDir, 'actors')).filter((n) => /\.3\.html$/.test(n));
  assert.ok(actors.length > 0, 'no actor has three pages of mentions');
  const rel = `actors/${actors[0].replace(/\.3\.html$/, '.html')}`;
  const problems = [];
  await walkList(rel, problems);
  const { context, page, problems: seen } = await open(rel);
  await Promise.all([page.waitForURL(/\.3\.html$/), page.locator('nav.pager li a:not([rel])', { hasText: /^3$/ }).click()]);
  const state = await page.evaluate(pagerState);
  if (state.current !== 3) problems.push(`the link "3" opened page ${state.current}`);
  problems.push(...seen);
  await context.close();
  assertNoProblems(`pager of ${rel}`, problems);
});

test('keyboard: Tab reaches the pager links, Enter on "Next" opens page 2', async () => {
  const { context, page, problems } = await open('sources.html');
  let focused = '';
  for (let i = 0; i < 400 && focused !== 'next'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement?.closest('nav.pager') ? document.activeElement.getAttribute('rel') : ''));
  }
  assert.equal(focused, 'next', 'Tab never reached the Next link');
  await Promise.all([page.waitForURL(/sources\.2\.html$/), page.keyboard.press('Enter')]);
  await context.close();
  assertNoProblems('pager by keyboard', problems);
});

test('a numbered page on a phone: the pager wraps, no horizontal scroll', async () => {
  const { context, page, problems } = await open('timeline.3.html', { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`timeline.3.html scrolls ${overflow}px sideways at 390px`);
  await context.close();
  assertNoProblems('pager on a phone', problems);
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core: zero violations on a numbered page, ${scheme} mode`, async () => {
    const { context, page, problems } = await open('index.2.html');
    await page.emulateMedia({ colorScheme: scheme });
    // axe-core itself reads the stylesheets by XHR, which file:// refuses:
    // the page's own problems are those seen before it is injected.
    const found = [...problems];
    await page.addScriptTag({ path: AXE_SOURCE });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    );
    for (const v of result.violations) found.push(`${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    await context.close();
    assertNoProblems(`axe index.2.html ${scheme}`, found);
  });
}

test('Nu HTML Checker: every numbered page is valid HTML', () => {
  const numbered = [];
  for (const dir of ['.', 'actors', 'events']) {
    for (const n of fs.readdirSync(path.join(bookDir, dir)).filter((f) => /\.\d+\.html$/.test(f))) numbered.push(path.join(bookDir, dir, n));
  }
  assert.ok(numbered.length >= 10, `only ${numbered.length} numbered pages`);
  let out;
  try {
    out = execFileSync('java', ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', ...numbered], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stderr || e.stdout;
  }
  const problems = [];
  for (const m of JSON.parse(out || '{"messages":[]}').messages || []) {
    if (m.type === 'error' || m.type === 'non-document-error') problems.push(`vnu: ${m.url?.split('/').pop()}:${m.lastLine}: ${m.message}`);
  }
  assertNoProblems(`vnu over ${numbered.length} numbered pages`, problems);
});
