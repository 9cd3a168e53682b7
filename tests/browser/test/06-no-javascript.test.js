// Everything except search works without JavaScript: no other page carries
// a script, and with JavaScript switched off an article still shows its
// highlights and side notes, and the navigation, mention links and charts
// of the main pages are there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, firstArticle } from '../lib/common.js';

let browser;
let context;

before(async () => {
  requireBook();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
});

after(async () => {
  await browser?.close();
});

function htmlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) htmlFiles(p, out);
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

test('no page but search.html carries a script', () => {
  requireBook();
  const problems = [];
  const files = htmlFiles(BOOK_DIR);
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${BOOK_DIR}`);
  for (const f of files) {
    const rel = path.relative(BOOK_DIR, f).split(path.sep).join('/');
    if (rel === 'search.html') continue;
    const html = fs.readFileSync(f, 'utf8');
    if (/<script\b/i.test(html)) problems.push(`${rel}: has a <script>`);
    if (/\son[a-z]+\s*=/i.test(html.replace(/<pre[\s\S]*?<\/pre>/gi, ''))) problems.push(`${rel}: has an inline event handler`);
  }
  assertNoProblems('scripts outside search.html', problems);
});

test('with JavaScript off: side notes, highlights, mention links, navigation and charts are there', async () => {
  requireBook();
  const page = await context.newPage();
  const root = fileRootUrl();
  const article = firstArticle();
  await page.goto(root + article);
  const notes = await page.locator('.sidenote, [id^="note-"]').count();
  const marks = await page.locator('mark[id^="ann-"]').count();
  assert.ok(marks > 0, `${article}: no annotation highlight without JavaScript`);
  assert.ok(notes >= marks, `${article}: ${marks} highlights but ${notes} side notes`);
  const firstNote = page.locator('[id^="note-"]').first();
  assert.ok(await firstNote.isVisible(), `${article}: the first side note is not visible without JavaScript`);
  assert.ok((await page.locator('main a[href*="actors/"]').count()) > 0, `${article}: no mention links`);
  assert.ok(await page.locator('nav a').first().isVisible(), `${article}: navigation not visible`);

  for (const [rel, sel] of [
    ['timeline.html', 'svg'],
    ['actors/index.html', 'svg'],
    ['index.html', 'svg'],
  ]) {
    await page.goto(root + rel);
    assert.ok(await page.locator(`main ${sel}`).first().isVisible(), `${rel}: no chart visible without JavaScript`);
  }
  // Search needs JavaScript; its page must say so rather than look broken.
  await page.goto(root + 'search.html');
  const text = await page.locator('main').innerText();
  assert.match(text, /JavaScript/i, 'search.html says that search needs JavaScript when it is off');
  await page.close();
});
