// Full-text search, offline from file://, driven from the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, SEARCH_QUERY, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, watchPage, isFileRequest } from '../lib/common.js';

const ROOT = fileRootUrl();
const rel = (u) => (u.startsWith(ROOT) ? u.slice(ROOT.length) : u);
const QUERY_RE = new RegExp(SEARCH_QUERY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

let browser;
let context;

before(async () => {
  requireBook();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
});

after(async () => {
  await browser?.close();
});

/** The search field of the search page itself (not the header's, if both exist). */
async function searchInput(page) {
  for (const sel of [
    'main input[type=search]',
    '[role=main] input[type=search]',
    'main input[name=q]',
    'main input[type=text]',
    'input[type=search]:not(header input)',
    'input[type=search]',
    'input[name=q]',
  ]) {
    const loc = page.locator(sel).first();
    if ((await loc.count()) > 0 && (await loc.isVisible())) return loc;
  }
  return null;
}

/** Links that look like search results: outside header/nav/footer/forms, in document order. */
function resultLinks() {
  const out = [];
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('header, nav, footer, form, [role=banner], [role=navigation], [role=contentinfo], [role=search]')) continue;
    const item = a.closest('li, article, [class*=result i], [id*=result i], dd, div, p') || a.parentElement;
    const itemText = (item ? item.innerText : '').trim();
    // A link may wrap the whole result (title + snippet): then its title is its heading.
    const heading = a.querySelector('h1, h2, h3, h4, h5, h6, strong, b, .title, [class*=title i]');
    const title = (heading || a).innerText.trim();
    out.push({
      href: a.getAttribute('href'),
      abs: a.href,
      title,
      rest: itemText.replace(title, '').trim(),
      marks: item ? item.querySelectorAll('mark').length : 0,
    });
  }
  return out;
}

async function waitForMoreLinks(page, before, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const n = await page.evaluate(resultLinks).then((l) => l.length, () => 0);
    if (n > before) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('search.html finds the query typed from the keyboard, with title, link and snippet', async () => {
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => rel(page.url().split('?')[0]) });
  await page.goto(ROOT + 'search.html', { waitUntil: 'load' });

  const input = await searchInput(page);
  assert.ok(input, 'search.html has no visible search input (input[type=search] or input[name=q])');

  // The input is reachable with Tab from the top of the page.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await input.evaluate((el) => el === document.activeElement);
  }
  if (!reached) problems.push('search.html: the search input is not reachable with Tab (60 presses)');
  await input.focus();
  assert.ok(await input.evaluate((el) => el === document.activeElement), 'the search input cannot take focus');

  const before = (await page.evaluate(resultLinks)).length;
  await page.keyboard.type(SEARCH_QUERY, { delay: 15 });
  let appeared = await waitForMoreLinks(page, before, 3000);
  if (!appeared) {
    // Some searches run on Enter (a form submit to search.html?q=…).
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    appeared = await waitForMoreLinks(page, before, 3000);
  }
  assert.ok(appeared, `no results appeared on search.html after typing "${SEARCH_QUERY}" (and pressing Enter)`);

  const results = (await page.evaluate(resultLinks)).slice(before);
  console.log(`# "${SEARCH_QUERY}": ${results.length} result link(s); first: ${results[0].title} → ${results[0].href}`);
  for (const r of results) {
    if (!r.title) problems.push(`search result with an empty title: href="${r.href}"`);
    let u;
    try {
      u = new URL(r.abs);
    } catch {
      problems.push(`search result with unparseable href "${r.href}"`);
      continue;
    }
    if (!u.href.startsWith(ROOT)) {
      problems.push(`search result "${r.title}" leaves the site: ${r.href}`);
      continue;
    }
    if (u.pathname.endsWith('/')) problems.push(`search result "${r.title}" links to a directory: ${r.href}`);
    else if (!fs.existsSync(path.join(BOOK_DIR, decodeURIComponent(u.pathname.slice(new URL(ROOT).pathname.length))))) {
      problems.push(`search result "${r.title}" links to a missing file: ${r.href}`);
    }
  }
  const withSnippet = results.filter((r) => QUERY_RE.test(r.rest));
  if (withSnippet.length === 0) {
    problems.push(`no search result has a snippet (text beside its title link) containing "${SEARCH_QUERY}"; first result text: ${JSON.stringify(results[0].rest.slice(0, 200))}`);
  }
  if (!results.some((r) => r.marks > 0)) console.log('# note: no <mark> highlighting in the results');

  // Fragments of the first results point at existing elements.
  const checked = new Map();
  for (const r of results.slice(0, 10)) {
    const u = new URL(r.abs);
    if (!u.hash || u.hash === '#' || !u.href.startsWith(ROOT)) continue;
    const key = u.href.split('#')[0];
    if (!checked.has(key)) {
      const p = await context.newPage();
      try {
        await p.goto(key, { waitUntil: 'domcontentloaded' });
        checked.set(key, await p.evaluate(() => Array.from(document.querySelectorAll('[id]'), (e) => e.id)));
      } catch {
        checked.set(key, []);
      }
      await p.close();
    }
    const id = decodeURIComponent(u.hash.slice(1));
    if (!checked.get(key).includes(id)) problems.push(`search result "${r.title}" → ${r.href}: no element with id="${id}"`);
  }

  // Keyboard: from the input, Tab reaches the result links; Enter follows one.
  await input.focus();
  const resultHrefs = new Set(results.map((r) => r.abs));
  let onResult = null;
  for (let i = 0; i < 25 && !onResult; i++) {
    await page.keyboard.press('Tab');
    onResult = await page.evaluate(
      (hrefs) => {
        const a = document.activeElement;
        return a && a.localName === 'a' && hrefs.includes(a.href) ? a.href : null;
      },
      [...resultHrefs],
    );
  }
  if (!onResult) {
    problems.push('no search result link is reachable with Tab from the search input (25 presses)');
  } else {
    await Promise.all([page.waitForURL((u) => u.href.split('#')[0] === onResult.split('#')[0], { timeout: 5000 }), page.keyboard.press('Enter')]).catch(
      () => problems.push(`Enter on the focused result did not open ${rel(onResult)}`),
    );
  }
  await page.close();
  assertNoProblems('search', problems);
});

test('every page header has a search form, and the one on index.html leads to results on search.html', async () => {
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => rel(page.url().split('?')[0]) });
  await page.goto(ROOT + 'index.html', { waitUntil: 'load' });
  const field = page.locator('header input[type=search], header input[name=q], [role=banner] input[type=search], header [role=search] input').first();
  if ((await field.count()) === 0) {
    // A plain link to search.html is allowed; the per-page check lives in the crawl.
    const link = page.locator('header a[href$="search.html"]');
    assert.ok((await link.count()) > 0, 'index.html: no search field or search.html link in the header');
    console.log('# header has a link to search.html, not a form');
    await page.close();
    assertNoProblems('header search', problems);
    return;
  }
  await field.fill(SEARCH_QUERY);
  await Promise.all([page.waitForURL(/search\.html/, { timeout: 5000 }), field.press('Enter')]).catch(() =>
    problems.push(`index.html: Enter in the header search field did not open search.html (now at ${rel(page.url())})`),
  );
  if (/search\.html/.test(page.url())) {
    await page.waitForLoadState('load');
    const ok = await waitForMoreLinks(page, 0, 3000);
    const results = ok ? await page.evaluate(resultLinks) : [];
    if (!results.length) problems.push(`search.html opened from the header form (${rel(page.url())}) shows no results for "${SEARCH_QUERY}"`);
    const inputValue = await (await searchInput(page))?.inputValue().catch(() => '');
    if (inputValue !== undefined && !QUERY_RE.test(inputValue || '')) problems.push(`search.html does not put the query from the header form into its search field (has "${inputValue}")`);
  }
  await page.close();
  assertNoProblems('header search', problems);
});

test('search.html reads its index from a script, not via fetch', async () => {
  const html = fs.readFileSync(path.join(BOOK_DIR, 'search.html'), 'utf8');
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  const local = srcs.filter((s) => !/^([a-z]+:)?\/\//i.test(s) && !s.startsWith('data:'));
  const holding = local.filter((s) => {
    const f = path.join(BOOK_DIR, decodeURIComponent(s.split(/[?#]/)[0]));
    return fs.existsSync(f) && QUERY_RE.test(fs.readFileSync(f, 'utf8'));
  });
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc)[^>]*>([\s\S]*?)<\/script>/gi)].some((m) => QUERY_RE.test(m[1]));
  console.log(`# search.html scripts: ${srcs.join(', ') || '(none)'}; index in: ${holding.join(', ') || (inline ? 'inline script' : 'nowhere')}`);
  assert.ok(holding.length > 0 || inline, `search.html loads no script that contains the index (no script mentions "${SEARCH_QUERY}"); scripts: ${srcs.join(', ')}`);
});
