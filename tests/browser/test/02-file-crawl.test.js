// Crawls the book from file:// in Chromium, the way a reader opens it from disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BOOK_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest } from '../lib/common.js';
import { crawl } from '../lib/crawl.js';
import { walk } from '../lib/scan.js';
import { a11yProblems } from '../lib/a11y.js';

let browser;
let result;

before(async () => {
  requireBook();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  result = await crawl({ context, rootUrl: fileRootUrl(), bookDir: BOOK_DIR, isAllowedRequest: isFileRequest });
  await context.close();
});

after(async () => {
  await browser?.close();
});

test('file:// crawl: no errors, no network, no broken links or fragments', () => {
  const { problems, pages, ms } = result;
  console.log(`# file:// crawl: ${pages.size} pages in ${(ms / 1000).toFixed(1)} s`);
  const reached = new Set([...pages.values()].map((p) => path.resolve(new URL(p.url).pathname)));
  const orphans = walk(BOOK_DIR)
    .filter((f) => f.endsWith('.html') && !reached.has(f))
    .map((f) => path.relative(BOOK_DIR, f));
  if (orphans.length) console.log(`# HTML files not reachable from index.html: ${orphans.join(', ')}`);
  assert.ok(pages.size > 1, `only ${pages.size} page(s) reached from index.html`);
  assertNoProblems('file:// crawl', problems);
});

test('file:// crawl: accessibility basics on every page (lang, title, main, h1, labels, alt, unique ids)', () => {
  const problems = a11yProblems(result.pages, fileRootUrl());
  assertNoProblems('accessibility basics', problems);
});
