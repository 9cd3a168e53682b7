// Screenshots for a person to look at, and the phone-width layout check.
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, SCREENSHOT_DIR, SEARCH_QUERY, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, firstArticle, isFileRequest } from '../lib/common.js';
import { walk } from '../lib/scan.js';

const ROOT = fileRootUrl();
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const MOBILE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const FULL_PAGE_MAX = 3600; // px: enough to see a page's shape, small enough to look at

let browser;

before(async () => {
  requireBook();
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/** A context that cannot reach the network (errors are the crawls' business; this file only looks). */
async function newContext(options) {
  const context = await browser.newContext(options);
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
  return context;
}

/** Elements sticking out to the right of a narrow viewport (the widest first). */
function overflowers(width) {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    // Report the outermost offender only.
    const p = el.parentElement;
    if (p && p !== document.body && p.getBoundingClientRect().right > width + 0.5) continue;
    const one = (e) => e.localName + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
    const chain = [];
    for (let e = el; e && e !== document.body && chain.length < 4; e = e.parentElement) chain.unshift(one(e));
    const name = chain.join(' > ');
    out.push({ name, right: Math.round(r.right), text: (el.textContent || '').trim().slice(0, 50) });
  }
  return out.sort((a, b) => b.right - a.right).slice(0, 5);
}

async function shoot(context, rel, name, { dark = false, print = false } = {}) {
  const page = await context.newPage();
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  if (print) await page.emulateMedia({ media: 'print' });
  await page.goto(ROOT + rel, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize().width;
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}-full.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, FULL_PAGE_MAX) },
  });
  await page.close();
  return height;
}

test('screenshots at 1280×900 and 390×844 of index, an article, actors/tokayev, timeline', async () => {
  const problems = [];
  const article = firstArticle();
  if (!article) problems.push('no article page in articles/');
  const targets = [
    ['index.html', 'index'],
    [article, 'article'],
    ['actors/tokayev.html', 'actor-tokayev'],
    ['timeline.html', 'timeline'],
  ].filter(([rel]) => rel);
  for (const [rel] of targets) {
    if (!fs.existsSync(path.join(BOOK_DIR, rel))) problems.push(`missing ${rel}`);
  }
  const desktop = await newContext(DESKTOP);
  const mobile = await newContext(MOBILE);
  for (const [rel, name] of targets) {
    if (!fs.existsSync(path.join(BOOK_DIR, rel))) continue;
    const h1 = await shoot(desktop, rel, `${name}-1280`);
    const h2 = await shoot(mobile, rel, `${name}-390`);
    console.log(`# ${rel}: ${h1}px tall at 1280, ${h2}px at 390`);
  }
  // Search results, dark mode and print, for a look.
  await shoot(mobile, `search.html?q=${encodeURIComponent(SEARCH_QUERY)}`, 'search-390');
  await shoot(mobile, 'index.html', 'index-390-dark', { dark: true });
  if (article) await shoot(desktop, article, 'article-1280-dark', { dark: true });
  if (article) await shoot(desktop, article, 'article-print', { print: true });
  await desktop.close();
  await mobile.close();
  console.log(`# screenshots in ${SCREENSHOT_DIR}`);
  assertNoProblems('screenshots', problems);
});

test('no horizontal scroll at 390 px on any page of the book', async () => {
  const problems = [];
  const context = await newContext(MOBILE);
  const page = await context.newPage();
  const files = walk(BOOK_DIR).filter((f) => f.endsWith('.html'));
  for (const f of files) {
    const rel = path.relative(BOOK_DIR, f).split(path.sep).join('/');
    await page.goto(ROOT + rel, { waitUntil: 'load' });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    if (sw > 390) {
      const who = await page.evaluate(overflowers, 390);
      problems.push(
        `${rel}: scrollWidth ${sw} > 390; widest: ${who.map((w) => `${w.name} (right edge ${w.right}px${w.text ? `, "${w.text}"` : ''})`).join('; ')}`,
      );
    }
  }
  await context.close();
  console.log(`# checked ${files.length} pages at 390 px`);
  assertNoProblems('phone width', problems);
});
