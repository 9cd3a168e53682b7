// Arriving at a note by its #fragment (search results, a note's # link, a
// note reference, an actor page's link to a mention inside a note), from
// file://: the passage the note comments on (its highlight, #ann-<id>) is
// in view beside the note, at a desktop size (notes in the margin, often
// below their passage, pushed down by the notes above) and a phone size
// (notes after their passage), and the note's head too. Also arriving by
// a change of the fragment within the page (a note reference clicked).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, articleWithMostNotes } from '../lib/common.js';

const ROOT = fileRootUrl();
const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
];

let browser;

before(async () => {
  requireBook();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const ARTICLE = articleWithMostNotes();

/**
 * Where the target of the address, its note and the note's highlight are,
 * against the window: problems, one string each (none when all is well).
 */
function arrival(id) {
  const vh = window.innerHeight;
  const target = document.getElementById(id);
  const note = target.closest('.sidenote');
  const mark = document.getElementById('ann-' + note.id.slice('note-'.length));
  const seen = (r) => r.bottom > 0 && r.top < vh;
  const out = [];
  const t = target.getBoundingClientRect();
  // The target's top, and its first line, in the window.
  if (t.top < 0 || t.top + Math.min(t.height, 16) > vh) out.push(`the target is out of view (top ${Math.round(t.top)})`);
  // The note's head (its first line: number and kind) in the window.
  const head = note.querySelector('.note-head').getBoundingClientRect();
  if (head.top < 0 || head.bottom > vh) out.push(`the note's head is out of view (top ${Math.round(head.top)})`);
  const rects = [...mark.getClientRects()];
  if (!rects.some(seen)) {
    // Only when the passage, the note down to its target and the target
    // cannot all be in the window at once may the passage be out of it.
    const n = note.getBoundingClientRect();
    const span = Math.max(t.bottom, n.top + 40) - Math.min(rects[0].top, n.top);
    if (span < vh - 32) {
      out.push(`the highlight #${mark.id} is out of view (lines at ${rects.map((r) => Math.round(r.top)).join(', ')}; window ${vh} high)`);
    }
  }
  return out;
}

async function offlinePage(viewport) {
  const context = await browser.newContext({ viewport });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  return { context, page: await context.newPage() };
}

for (const size of SIZES) {
  test(`arriving at each note of the longest article shows its highlighted passage, ${size.name}`, async () => {
    assert.ok(ARTICLE, 'no article with notes');
    const { context, page } = await offlinePage(size.viewport);
    await page.goto(ROOT + ARTICLE);
    const ids = await page.$$eval('.article-body .sidenote', (ns) => ns.map((n) => n.id));
    assert.ok(ids.length >= 5, `${ARTICLE} has ${ids.length} notes`);
    // Mentions inside notes, as an actor page links to them.
    const inNotes = await page.$$eval('.article-body .sidenote a.mention[id]', (as) => as.map((a) => a.id));
    assert.ok(inNotes.length > 0, 'no mention inside a note');
    const problems = [];
    // From another page (a search result, an actor page).
    for (const id of [...ids, ...inNotes]) {
      await page.goto(ROOT + 'index.html');
      await page.goto(ROOT + ARTICLE + '#' + id, { waitUntil: 'load' });
      await page.waitForTimeout(100);
      for (const p of await page.evaluate(arrival, id)) problems.push(`#${id} (from another page): ${p}`);
      if (id === ids[ids.length - 2]) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `arrival-note-${size.name}.png`) });
    }
    // Within the page: the fragment changes (a note reference clicked).
    for (const id of ids) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.evaluate((target) => { location.hash = target; }, id);
      await page.waitForTimeout(100);
      for (const p of await page.evaluate(arrival, id)) problems.push(`#${id} (within the page): ${p}`);
    }
    await context.close();
    assertNoProblems(`arrival at notes, ${size.name} ${size.viewport.width}×${size.viewport.height}`, problems);
  });
}

test('arriving at a mention or a highlight in the text leaves lines of context above it', async () => {
  const { context, page } = await offlinePage(SIZES[0].viewport);
  await page.goto(ROOT + ARTICLE);
  const ids = await page.$$eval('.article-body a.mention[id]:not(.sidenote a), .article-body mark.ann[id]', (es) => es.map((e) => e.id));
  const problems = [];
  // Those far enough down the page for the window to be scrolled to them.
  for (const id of ids.slice(-6)) {
    await page.goto(ROOT + 'index.html');
    await page.goto(ROOT + ARTICLE + '#' + id, { waitUntil: 'load' });
    await page.waitForTimeout(100);
    const top = await page.evaluate((x) => document.getElementById(x).getBoundingClientRect().top, id);
    if (top < 48) problems.push(`#${id} is ${Math.round(top)} px from the top of the window`);
  }
  await context.close();
  assertNoProblems('arrival at a mention', problems);
});
