// Right-to-left articles (issue 18): an Arabic article in an English
// dossier carries lang="ar" dir="rtl" on its text, and its side notes sit
// in the left margin of the text column at desktop width, while an English
// article's stay on the right. The layout is CSS logical properties, so the
// same rules do both. Its title and summary (with the summary's label) end at the right, where its text does.
//
// The book is tests/fixtures/rtl, built here with the release binary into
// a temporary folder (or RTL_BOOK_DIR, if set, already built).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SCREENSHOT_DIR, fileRootUrl, launchBrowser } from '../lib/config.js';
import { isFileRequest, watchPage } from '../lib/common.js';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
let browser;
let bookDir;

before(async () => {
  bookDir = process.env.RTL_BOOK_DIR;
  if (!bookDir) {
    bookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-rtl-'));
    const bin = path.join(REPO_ROOT, 'target', 'release', 'dossier');
    const fixture = path.join(REPO_ROOT, 'tests', 'fixtures', 'rtl');
    const run = spawnSync(bin, ['--quiet', 'build', fixture, '-d', bookDir], { encoding: 'utf8' });
    assert.equal(run.status, 0, `building the rtl fixture failed:\n${run.stderr}`);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** The article page at `rel`, from file://, with no request leaving the book. */
async function open(rel) {
  const context = await browser.newContext(DESKTOP);
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest });
  await page.goto(fileRootUrl(bookDir) + rel, { waitUntil: 'load' });
  return { page, context, problems };
}

/** Where the body's text column and each side note stand. */
function placesOf() {
  const body = document.querySelector('.article-body');
  const column = body.getBoundingClientRect();
  const notes = [...body.querySelectorAll('.sidenote')].map((n) => {
    const r = n.getBoundingClientRect();
    return { id: n.id, left: r.left, right: r.right, width: r.width };
  });
  return {
    lang: body.getAttribute('lang'),
    dir: body.getAttribute('dir'),
    computedDir: getComputedStyle(body).direction,
    column: { left: column.left, right: column.right },
    notes,
  };
}

test('an Arabic article runs right to left with its notes in the left margin', async () => {
  const { page, context, problems } = await open('articles/harbour-fire-ar.html');
  const p = await page.evaluate(placesOf);
  assert.equal(p.lang, 'ar');
  assert.equal(p.dir, 'rtl');
  assert.equal(p.computedDir, 'rtl');
  assert.equal(p.notes.length, 3, JSON.stringify(p.notes));
  for (const n of p.notes) {
    assert.ok(n.width > 100, `${n.id} is drawn as a margin note (${n.width}px wide)`);
    assert.ok(n.right <= p.column.left + 1, `${n.id} (${n.left}–${n.right}) is left of the text column (${p.column.left}–${p.column.right})`);
  }
  // Its title and summary end where its text does, at the right, and so
  // does the summary's label (in the site's language and direction).
  const header = await page.evaluate(() => ['h1', '.summary', '.summary-label'].map((sel) => {
    const el = document.querySelector(`.article-header ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(el);
    return { sel, right: range.getBoundingClientRect().right };
  }));
  for (const h of header) {
    assert.ok(Math.abs(h.right - p.column.right) <= 2, `${h.sel} ends at ${Math.round(h.right)}, the text at ${Math.round(p.column.right)}`);
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rtl-article-desktop.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an English article's notes stay in the right margin", async () => {
  const { page, context, problems } = await open('articles/harbour-fire-en.html');
  const p = await page.evaluate(placesOf);
  assert.equal(p.lang, null);
  assert.equal(p.computedDir, 'ltr');
  assert.equal(p.notes.length, 2, JSON.stringify(p.notes));
  for (const n of p.notes) {
    assert.ok(n.left >= p.column.right - 1, `${n.id} (${n.left}–${n.right}) is right of the text column (${p.column.left}–${p.column.right})`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** How each side note is laid out inside: its words' language and direction, where its head and permalink stand. */
function notesInside() {
  return [...document.querySelectorAll('.article-body .sidenote')].map((n) => {
    const inner = n.querySelector('.note-body') || n;
    const box = inner.getBoundingClientRect();
    const head = n.querySelector('.note-head').getBoundingClientRect();
    const link = n.querySelector('.note-link').getBoundingClientRect();
    return {
      id: n.id,
      lang: inner.closest('[lang]').getAttribute('lang'),
      dir: getComputedStyle(inner).direction,
      headFromLeft: head.left - box.left,
      headTop: head.top - box.top,
      linkFromBottom: box.bottom - link.bottom,
      textAlign: getComputedStyle(inner).textAlign,
    };
  });
}

test("an Arabic article's notes are English, left to right, in the left margin", async () => {
  for (const width of [1280, 375]) {
    const { page, context, problems } = await open('articles/harbour-fire-ar.html');
    await page.setViewportSize({ width, height: 900 });
    const notes = await page.evaluate(notesInside);
    assert.equal(notes.length, 3);
    for (const n of notes) {
      assert.equal(n.lang, 'en', `${n.id} at ${width}px`);
      assert.equal(n.dir, 'ltr', `${n.id} at ${width}px`);
      assert.ok(n.headFromLeft < 2 && n.headTop < 6, `${n.id}: its head starts the first line at its left (${JSON.stringify(n)})`);
      assert.ok(n.linkFromBottom < 4, `${n.id}: its permalink ends the last line (${JSON.stringify(n)})`);
    }
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `rtl-notes-${width}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** Whether the text `after` (a text node's) stands right of every <bdi> in `sel`, on one line. */
function afterIsolates([sel, after]) {
  const p = document.querySelector(sel);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes(after));
  const range = document.createRange();
  const from = node.data.indexOf(after);
  range.setStart(node, from);
  range.setEnd(node, from + after.length);
  const rest = range.getBoundingClientRect();
  const isolates = [...p.querySelectorAll('bdi')].map((b) => b.getBoundingClientRect());
  return { bdi: isolates.length, ok: isolates.every((b) => b.right <= rest.left + 1 && Math.abs(b.top - rest.top) < 4) };
}

test('Cite this: the Arabic publisher and title are isolated, the date stays after them', async () => {
  const { page, context, problems } = await open('articles/harbour-fire-ar.html');
  const cite = await page.evaluate(afterIsolates, ['.cite-text', '12 May 2024.']);
  assert.deepEqual(cite, { bdi: 2, ok: true });
  const kicker = await page.evaluate(afterIsolates, ['.kicker', 'Source article']);
  assert.equal(kicker.bdi, 1);
  await page.locator('.cite').screenshot({ path: path.join(SCREENSHOT_DIR, 'rtl-cite.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an actor's mentions in Arabic read right to left, each isolated in the English page", async () => {
  const { page, context, problems } = await open('actors/haddad.html');
  const mentions = await page.$$eval('.mentions li a > bdi', (bs) =>
    bs.map((b) => ({ text: b.textContent, dir: getComputedStyle(b).direction })),
  );
  const arabic = mentions.filter((m) => /[\u0600-\u06ff]/.test(m.text));
  assert.ok(arabic.length > 0, JSON.stringify(mentions));
  for (const m of arabic) assert.equal(m.dir, 'rtl', m.text);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rtl-haddad.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('search results in Arabic: title and snippet isolated, ellipses at their ends', async () => {
  const { page, context, problems } = await open('search.html?q=' + encodeURIComponent('حريق'));
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  const shown = await page.$$eval('#search-results li', (lis) =>
    lis.map((li) => {
      const b = li.querySelector('p > bdi');
      const fields = [...li.querySelectorAll('p > bdi')].map((f) => ({ text: f.textContent, dir: getComputedStyle(f).direction }));
      return { text: b.textContent, dir: getComputedStyle(b).direction, fields };
    }),
  );
  // Each field on its own: the English note after an Arabic quote reads left to right.
  const fields = shown.flatMap((r) => r.fields);
  const english = fields.filter((f) => /^…?[A-Z]/.test(f.text));
  assert.ok(english.length > 0, JSON.stringify(fields));
  for (const f of english) assert.equal(f.dir, 'ltr', f.text);
  const arabic = shown.filter((r) => /^…?[\u0600-\u06ff]/.test(r.text));
  assert.ok(arabic.length > 0, JSON.stringify(shown));
  for (const r of arabic) assert.equal(r.dir, 'rtl', r.text);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rtl-search.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an Arabic quote in the annotation list stands inside the page's own quotation marks, opening on the left", async () => {
  const { page, context, problems } = await open('articles/harbour-fire-ar.html');
  const quotes = await page.$$eval('.annotation-list .an-quote', (spans) => spans.map((span) => {
    const bdi = span.querySelector('bdi');
    const marks = [span.firstChild, span.lastChild].map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return { text: node.textContent, x: range.getBoundingClientRect().left };
    });
    const quote = bdi.getBoundingClientRect();
    return { dir: bdi.getAttribute('dir'), open: marks[0], close: marks[1], left: quote.left, right: quote.right };
  }));
  assert.ok(quotes.length > 0, 'the Arabic article lists its notes');
  for (const q of quotes) {
    assert.equal(q.dir, 'rtl');
    assert.deepEqual([q.open.text, q.close.text], ['“', '”']);
    assert.ok(q.open.x < q.left && q.close.x >= q.right - 1, `marks around the quote: ${JSON.stringify(q)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
