// Side notes on a phone (a reader tester's report): below 66rem the notes
// are in the text, and the HTML has each one right where its highlight
// ends, often mid-sentence, so the sentence was cut by a note box. With
// JavaScript, preview.js moves each note to the end of the block of text
// that holds its highlight (paragraph, list item, table cell), in order:
// the paragraph reads whole, then come its notes. From file://:
// - at 390 px no note stands inside a sentence, the notes keep their order
//   and the text its words, a note reference still brings its note into view;
// - widened to 1280 px the notes are back where the HTML has them and in
//   the margin exactly as on a fresh load at 1280 px; narrowed again they
//   move again;
// - without JavaScript the notes are where the HTML has them;
// - a right-to-left article's notes move the same way;
// - at 1280 px, the text zoomed alone (no resize of the window), the notes
//   are placed again as a resize would place them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SCREENSHOT_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, watchPage, articleWithMostNotes } from '../lib/common.js';

const ROOT = fileRootUrl();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

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

async function offlinePage(options) {
  const context = await browser.newContext(options);
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest });
  return { context, page, problems };
}

/** Two frames: what preview.js does on a resize (once per frame) is done. */
const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Where each note of the text stands against its block (the paragraph, list
 * item, cell… that holds it), its highlight and the text around it:
 * problems, one string each, and the notes' ids and the blocks' words.
 */
function notesInText() {
  const BLOCK = 'p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, caption';
  const INNER_BLOCK = /^(P|UL|OL|DL|DIV|BLOCKQUOTE|TABLE|PRE|FIGURE|HR|H[1-6])$/;
  const body = document.querySelector('.article-body');
  const notes = [...body.querySelectorAll('.sidenote')];
  const out = [];
  const name = (n) => `note ${n.querySelector('.note-num').textContent.trim()} (#${n.id})`;
  // A block's own text: without its notes, without the blocks inside it.
  const ownText = (block) => {
    let s = '';
    const walk = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType === 3) s += c.data;
        else if (c.nodeType === 1 && !c.classList.contains('sidenote') && !(c !== block && INNER_BLOCK.test(c.tagName))) walk(c);
      }
    };
    walk(block);
    return s.replace(/\s+/g, ' ').trim();
  };
  const blocks = [];
  for (const n of notes) {
    const block = n.parentElement.closest(BLOCK);
    if (!block || !body.contains(block)) {
      out.push(`${name(n)} is in no block of text`);
      continue;
    }
    if (!blocks.includes(block)) blocks.push(block);
    const mark = document.getElementById('ann-' + n.id.slice('note-'.length));
    if (!mark || !block.contains(mark)) out.push(`${name(n)}: its highlight is not in its block <${block.tagName.toLowerCase()}>`);
    else if (mark.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING) out.push(`${name(n)} stands before its highlight`);
    // What follows the note in its block: other notes, or a block inside it
    // (a nested list), never words of its text.
    for (let s = n.nextSibling; s; s = s.nextSibling) {
      if (s.nodeType === 3 && !s.data.trim()) continue;
      if (s.nodeType === 8) continue;
      if (s.nodeType === 1 && (s.classList.contains('sidenote') || INNER_BLOCK.test(s.tagName))) {
        if (INNER_BLOCK.test(s.tagName)) break;
        continue;
      }
      out.push(`${name(n)} cuts its <${block.tagName.toLowerCase()}>: followed by “${(s.textContent || '').trim().slice(0, 40)}”`);
      break;
    }
    // Nor is the note inside an inline element of the block (a link, an emphasis).
    if (n.parentElement !== block) out.push(`${name(n)} is inside <${n.parentElement.tagName.toLowerCase()}>, not at its block's end`);
  }
  // Each block's text ends where its sentence ends, before its first note.
  for (const block of blocks) {
    const first = block.querySelector('.sidenote');
    const range = document.createRange();
    range.setStart(block, 0);
    range.setEndBefore(first);
    const before = range.toString().replace(/\s+/g, ' ').trim();
    const whole = ownText(block);
    if (!whole.startsWith(before.replace(/\s+/g, ' ')) || before.length < whole.length - 1) {
      out.push(`<${block.tagName.toLowerCase()}> with ${first.id}: its text goes on after its first note (“${whole.slice(before.length, before.length + 40)}”)`);
    }
  }
  return {
    problems: out,
    ids: notes.map((n) => n.id),
    numbers: notes.map((n) => Number(n.querySelector('.note-num').textContent)),
    words: [...body.querySelectorAll('p, li, td, th')].map(ownText),
  };
}

/** Each note right after its note reference, as the HTML has it: problems. */
function notesAsInHtml() {
  return [...document.querySelectorAll('.article-body .sidenote')].flatMap((n) => {
    const ref = n.previousElementSibling;
    const link = ref && ref.matches('sup.note-ref') ? ref.querySelector('a') : null;
    return link && link.getAttribute('href') === '#' + n.id ? [] : [`#${n.id} is not right after its note reference`];
  });
}

/** The notes' boxes and the text's markup (the notes' tops are in its style attributes). */
function layout() {
  const body = document.querySelector('.article-body');
  const clone = body.cloneNode(true);
  // What a preview shown for a focused link adds to it is no part of the layout.
  for (const a of clone.querySelectorAll('[aria-describedby], [data-preview-was]')) {
    a.removeAttribute('data-preview-was');
    a.removeAttribute('aria-describedby');
  }
  return {
    html: clone.innerHTML,
    notes: [...body.querySelectorAll('.sidenote')].map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.id, left: Math.round(r.left), top: Math.round(r.top + scrollY), width: Math.round(r.width), height: Math.round(r.height) };
    }),
  };
}

/** The note of the reference `ref` (an index) in the window, after a click on it. */
async function clickRef(page, i) {
  const link = page.locator('.article-body .note-ref a').nth(i);
  const id = (await link.getAttribute('href')).slice(1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await page.waitForTimeout(150);
  const where = await page.evaluate((x) => {
    const r = document.getElementById(x).getBoundingClientRect();
    const head = document.getElementById(x).querySelector('.note-head').getBoundingClientRect();
    return { hash: location.hash, top: r.top, headBottom: head.bottom, vh: innerHeight };
  }, id);
  await page.keyboard.press('Escape');
  const out = [];
  if (where.hash !== '#' + id) out.push(`a click on the reference to #${id} led to ${where.hash}`);
  if (where.top < 0 || where.headBottom > where.vh) out.push(`a click on the reference to #${id} left its note out of view (top ${Math.round(where.top)}, window ${where.vh})`);
  return out;
}

test('at 390 px each note follows the block of text that holds its highlight, in order; widened it is back in the margin, narrowed it moves again', async () => {
  assert.ok(ARTICLE, 'no article with notes');
  const off = await offlinePage({ viewport: PHONE, javaScriptEnabled: false });
  await off.page.goto(ROOT + ARTICLE, { waitUntil: 'load' });
  const html = await off.page.evaluate(notesInText);
  assertNoProblems(`${ARTICLE} without JavaScript at 390 px`, await off.page.evaluate(notesAsInHtml));
  await off.context.close();

  const fresh = await offlinePage({ viewport: DESKTOP });
  await fresh.page.goto(ROOT + ARTICLE, { waitUntil: 'load' });
  await settled(fresh.page);
  const wide = await fresh.page.evaluate(layout);
  await fresh.context.close();

  const { context, page, problems } = await offlinePage({ viewport: PHONE });
  await page.goto(ROOT + ARTICLE, { waitUntil: 'load' });
  await settled(page);
  const phone = await page.evaluate(notesInText);
  assert.ok(phone.ids.length >= 5, `${ARTICLE} has ${phone.ids.length} notes`);
  problems.push(...phone.problems.map((p) => `390 px: ${p}`));
  // In order, every one of them, and the text's words all there.
  assert.deepEqual(phone.ids, html.ids, 'the notes in the order of the HTML');
  assert.deepEqual(phone.numbers, [...phone.numbers].sort((a, b) => a - b), 'the notes numbered in order');
  assert.deepEqual(phone.words, html.words, 'each block of text has its words, as in the HTML');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-notes-390.png') });
  // A note reference (its number in the text) still leads to its note.
  const refs = await page.locator('.article-body .note-ref a').count();
  for (const i of [0, Math.floor(refs / 2), refs - 1]) problems.push(...(await clickRef(page, i)).map((p) => `390 px: ${p}`));

  // Turned (or widened): the notes are in the margin as on a fresh load.
  await page.evaluate(() => history.replaceState(null, '', location.pathname));
  await page.setViewportSize(DESKTOP);
  await settled(page);
  const back = await page.evaluate(layout);
  assert.deepEqual(back.notes, wide.notes, 'at 1280 px after 390 px, the notes stand as on a fresh load at 1280 px');
  assert.ok(back.html === wide.html, 'at 1280 px after 390 px, the text is as on a fresh load at 1280 px (the notes back where the HTML has them)');
  assertNoProblems('1280 px after 390 px', await page.evaluate(notesAsInHtml));

  // And narrowed again: moved again.
  await page.setViewportSize(PHONE);
  await settled(page);
  const again = await page.evaluate(notesInText);
  problems.push(...again.problems.map((p) => `390 px again: ${p}`));
  assert.deepEqual(again.ids, html.ids);
  assert.deepEqual(again.words, html.words);
  await context.close();
  assertNoProblems(`side notes at 390 px, ${ARTICLE}`, problems);
});

test("a right-to-left article's notes follow their blocks at 390 px, and are back in the left margin at 1280 px", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-rtl-'));
  const bin = path.join(REPO_ROOT, 'target', 'release', 'dossier');
  const run = spawnSync(bin, ['--quiet', 'build', path.join(REPO_ROOT, 'tests', 'fixtures', 'rtl'), '-d', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, `building the rtl fixture failed:\n${run.stderr}`);
  const url = fileRootUrl(dir) + 'articles/harbour-fire-ar.html';
  const { context, page, problems } = await offlinePage({ viewport: PHONE });
  await page.goto(url, { waitUntil: 'load' });
  await settled(page);
  const phone = await page.evaluate(notesInText);
  assert.equal(phone.ids.length, 3);
  problems.push(...phone.problems);
  // Still the article's direction around them, the site's inside them.
  const dirs = await page.$$eval('.article-body .sidenote', (ns) => ns.map((n) => [getComputedStyle(n.parentElement).direction, getComputedStyle(n.querySelector('.note-body') || n).direction]));
  for (const d of dirs) assert.deepEqual(d, ['rtl', 'ltr']);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-notes-rtl-390.png') });
  await page.setViewportSize(DESKTOP);
  await settled(page);
  problems.push(...(await page.evaluate(notesAsInHtml)));
  const side = await page.evaluate(() => {
    const column = document.querySelector('.article-body').getBoundingClientRect();
    return [...document.querySelectorAll('.article-body .sidenote')].map((n) => n.getBoundingClientRect().right <= column.left + 1);
  });
  assert.deepEqual(side, [true, true, true], 'in the left margin at 1280 px');
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  assertNoProblems('a right-to-left article at 390 px', problems);
});

test('at 1280 px, the text zoomed alone (no resize of the window): the notes are placed again, as a resize places them', async () => {
  const { context, page, problems } = await offlinePage({ viewport: DESKTOP });
  await page.goto(ROOT + ARTICLE, { waitUntil: 'load' });
  await settled(page);
  const tops = () =>
    page.evaluate(() => [...document.querySelectorAll('.article-body .sidenote')].map((n) => n.style.getPropertyValue('--note-top')));
  const before = await tops();
  // What a reader's "zoom text only" does: the lines move, the window does not.
  await page.evaluate(() => { document.querySelector('.article-body').style.fontSize = '125%'; });
  await settled(page);
  await settled(page);
  const zoomed = await tops();
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await settled(page);
  const resized = await tops();
  assert.notDeepEqual(resized, before, 'the larger text moved the passages, so the notes move with them');
  assert.deepEqual(zoomed, resized, 'after the text was zoomed, the notes stand as a resize of the window places them');
  // And it settles: over the next frames nothing is placed again.
  const changes = await page.evaluate(async () => {
    let n = 0;
    const seen = new MutationObserver((records) => { n += records.length; });
    const body = document.querySelector('.article-body');
    for (const el of [body, ...body.querySelectorAll('.sidenote')]) seen.observe(el, { attributeFilter: ['style'] });
    for (let i = 0; i < 6; i++) await new Promise((r) => requestAnimationFrame(r));
    seen.disconnect();
    return n;
  });
  assert.equal(changes, 0, 'the notes were placed again with nothing changed: the layout does not settle');
  await context.close();
  assertNoProblems(`side notes after a text zoom, ${ARTICLE}`, problems);
});
