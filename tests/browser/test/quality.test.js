// Quality bars of the default theme (issue 7): valid HTML (Nu HTML Checker),
// zero axe-core violations at WCAG 2 A/AA in light and dark mode, the page
// skeleton (one h1, skip link, landmarks), keyboard focus that shows, SVG
// pictures with a title, a description and a text alternative, a print
// stylesheet, and no sideways scrolling at 390 px.
//
// Needs Java 11+ for vnu.jar (run.sh installs Debian's default-jre-headless
// when `java` is missing). axe-core is injected into each page from
// node_modules; nothing is fetched from the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, SITE_PATH, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest } from '../lib/common.js';
import { walk } from '../lib/scan.js';
import { startServer } from '../lib/server.js';

const require = createRequire(import.meta.url);
const ROOT = fileRootUrl();
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar'));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let browser;
let server; // 404.html is only meaningful where a server sends it (its links are site-absolute)
let htmlFiles = []; // relative to the book, '/'-separated

before(async () => {
  requireBook();
  htmlFiles = walk(BOOK_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.relative(BOOK_DIR, f).split(path.sep).join('/'));
  browser = await launchBrowser();
  server = await startServer({ root: BOOK_DIR, prefix: SITE_PATH });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const allowed = (u) => isFileRequest(u) || (server && u.startsWith(server.origin + '/'));

/** A context that cannot reach the network (only file: and the local test server). */
async function offlineContext(options) {
  const context = await browser.newContext(options);
  await context.route(
    (u) => !allowed(u.href),
    (r) => r.abort('blockedbyclient'),
  );
  return context;
}

/** The URL a reader opens for `rel`: file:// for every page, the served 404 for 404.html. */
function urlOf(rel) {
  if (rel === '404.html') return server.siteUrl + 'articles/no-such-page.html';
  return ROOT + rel;
}

/** Runs `fn(page, item)` over `items` on `n` pages of `context` at once. */
async function eachOnPages(context, items, fn, n = 4) {
  const queue = [...items];
  const worker = async () => {
    const page = await context.newPage();
    while (queue.length) await fn(page, queue.shift());
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/** One page of each type, as a reader would open it. */
function pageTypes() {
  const first = (dir, not = 'index.html') =>
    htmlFiles.filter((f) => f.startsWith(dir + '/') && !f.endsWith('/' + not)).sort()[0];
  const types = [
    ['index', 'index.html'],
    ['article', first('articles')],
    ['actor', htmlFiles.includes('actors/tokayev.html') ? 'actors/tokayev.html' : first('actors')],
    ['actors index', 'actors/index.html'],
    ['event', first('events')],
    ['timeline', 'timeline.html'],
    ['sources', 'sources.html'],
    ['search (with results)', 'search.html?q=Tokayev'],
    ['about', htmlFiles.includes('about.html') ? 'about.html' : null],
    ['404', '404.html'],
  ];
  return types.filter(([, rel]) => rel && htmlFiles.includes(rel.split('?')[0]));
}

function runVnu(files) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // vnu exits 1 when it reports errors; the JSON on stderr is what counts.
        try {
          resolve(JSON.parse(stderr || stdout));
        } catch {
          reject(new Error(`vnu did not answer JSON (${error ? error.message : 'no error'}):\n${stderr}\n${stdout}`.slice(0, 4000)));
        }
      },
    );
  });
}

test('Nu HTML Checker (vnu.jar): every HTML file of the book is valid HTML5', async () => {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.equal(java.status, 0, 'java is not installed (vnu.jar needs Java 11+; run.sh installs default-jre-headless)');
  assert.ok(htmlFiles.length > 0, 'no HTML files in the book');
  const abs = htmlFiles.map((f) => path.join(BOOK_DIR, f));
  const out = await runVnu(abs);
  const problems = [];
  const warnings = [];
  for (const m of out.messages || []) {
    const file = m.url ? path.relative(BOOK_DIR, decodeURIComponent(new URL(m.url).pathname)) : '(vnu)';
    const where = `${file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
    const text = `${where}: ${m.message}${m.extract ? `\n  near: ${m.extract.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`;
    // Nothing is filtered: every error (and every non-document "non-document-error") fails.
    if (m.type === 'error' || m.type === 'non-document-error') problems.push(text);
    else if (m.subType === 'warning') warnings.push(text);
  }
  console.log(`# vnu: ${htmlFiles.length} files, ${problems.length} error(s), ${warnings.length} warning(s)`);
  for (const w of warnings.slice(0, 20)) console.log(`# vnu warning: ${w.split('\n')[0]}`);
  assertNoProblems('Nu HTML Checker', problems);
});

/** Runs axe-core in the page and returns its violations, one string per node. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  // One line per rule and page: the first few elements and the first reason.
  const out = [];
  for (const v of result.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    const why = (v.nodes[0]?.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300);
    out.push(`${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n  at ${targets.join(' | ')}${more}\n  ${why}`);
  }
  return { out, passes: result.passes?.length ?? 0 };
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core: zero violations (${AXE_TAGS.join(', ')}) on every page type, ${scheme} mode`, async () => {
    const problems = [];
    const context = await offlineContext(DESKTOP);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const types = pageTypes();
    assert.ok(types.length >= 10, `only ${types.length} page types found in the book`);
    for (const [name, rel] of types) {
      await page.goto(urlOf(rel), { waitUntil: 'load' });
      if (rel.startsWith('search.html')) await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
      const { out } = await axeViolations(page);
      for (const v of out) problems.push(`${name} (${rel}): ${v}`);
    }
    await context.close();
    console.log(`# axe ${scheme}: ${types.length} page types, ${problems.length} violation node(s)`);
    assertNoProblems(`axe-core, ${scheme} mode`, problems);
  });
}

test('axe-core: zero violations on every other page of the book (light mode)', async () => {
  const problems = [];
  const context = await offlineContext(DESKTOP);
  const done = new Set(pageTypes().map(([, rel]) => rel));
  const rest = htmlFiles.filter((f) => !done.has(f));
  await eachOnPages(context, rest, async (page, rel) => {
    await page.goto(urlOf(rel), { waitUntil: 'load' });
    const { out } = await axeViolations(page);
    for (const v of out) problems.push(`${rel}: ${v}`);
  });
  await context.close();
  problems.sort();
  console.log(`# axe: ${rest.length} further pages`);
  assertNoProblems('axe-core, all pages', problems);
});

/** Runs in the page: the skeleton every page must have. */
function skeleton() {
  const all = (s) => Array.from(document.querySelectorAll(s));
  const visible = (e) => {
    const cs = getComputedStyle(e);
    return cs.display !== 'none' && cs.visibility !== 'hidden';
  };
  const problems = [];
  const h1 = all('h1');
  if (h1.length !== 1) problems.push(`${h1.length} <h1> elements (want exactly one)`);
  for (const [sel, what] of [
    ['header', '<header> (banner)'],
    ['nav', '<nav>'],
    ['main', '<main>'],
    ['footer', '<footer> (contentinfo)'],
  ]) {
    // Landmarks at the top level of the page, not inside <article>/<section>.
    const top = all(sel).filter((e) => !e.parentElement.closest('article, aside, main, nav, section') || sel === 'nav');
    if (top.length === 0) problems.push(`no ${what} landmark`);
  }
  if (all('main').length !== 1) problems.push(`${all('main').length} <main> elements`);
  const firstLink = document.querySelector('body a[href], body button, body input');
  const skip = document.querySelector('a.skip-link, a[href="#main"]');
  if (!skip) problems.push('no skip link');
  else {
    if (firstLink !== skip) problems.push('the skip link is not the first focusable element');
    const target = document.getElementById(decodeURIComponent(skip.getAttribute('href').slice(1)));
    if (!target) problems.push(`skip link target ${skip.getAttribute('href')} does not exist`);
    else if (target.localName !== 'main') problems.push('skip link does not lead to <main>');
  }
  // Every picture has a name, a description and a text alternative beside it.
  for (const svg of all('svg')) {
    if (svg.closest('[aria-hidden="true"]') || !visible(svg)) continue;
    const title = svg.querySelector(':scope > title');
    const desc = svg.querySelector(':scope > desc');
    const id = svg.getAttribute('class') || 'svg';
    if (!title || !title.textContent.trim()) problems.push(`<svg class="${id}"> has no <title>`);
    if (!desc || !desc.textContent.trim()) problems.push(`<svg class="${id}"> has no <desc>`);
    const labelled = svg.getAttribute('aria-labelledby') || svg.getAttribute('aria-label');
    if (!labelled) problems.push(`<svg class="${id}"> has no aria-labelledby/aria-label`);
    const fig = svg.closest('figure');
    if (!fig) problems.push(`<svg class="${id}"> is not in a <figure>`);
    else if (!fig.querySelector('figcaption')) problems.push(`<svg class="${id}">: its <figure> has no <figcaption>`);
  }
  return problems;
}

test('every page: one h1, skip link first and leading to main, header/nav/main/footer landmarks, SVGs titled and described', async () => {
  const problems = [];
  const context = await offlineContext(DESKTOP);
  await eachOnPages(context, htmlFiles, async (page, rel) => {
    await page.goto(urlOf(rel), { waitUntil: 'load' });
    for (const p of await page.evaluate(skeleton)) problems.push(`${rel}: ${p}`);
  });
  await context.close();
  problems.sort();
  console.log(`# skeleton: ${htmlFiles.length} pages`);
  assertNoProblems('page skeleton', problems);
});

test('keyboard: the first Tab shows the skip link, and focus is visibly outlined', async () => {
  const problems = [];
  const context = await offlineContext(DESKTOP);
  const page = await context.newPage();
  for (const [name, rel] of pageTypes()) {
    await page.goto(urlOf(rel), { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return {
        skip: e.classList.contains('skip-link'),
        inView: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      };
    });
    if (!f.skip) problems.push(`${name}: the first Tab does not land on the skip link`);
    if (!f.inView) problems.push(`${name}: the focused skip link is not visible`);
    if (!f.outline) problems.push(`${name}: the focused skip link has no visible outline (≥ 2px)`);
    await page.keyboard.press('Enter');
    const atMain = await page.evaluate(() => location.hash === '#main');
    if (!atMain) problems.push(`${name}: Enter on the skip link does not go to #main`);
    // The next Tab lands inside main, on a link with a visible outline.
    await page.keyboard.press('Tab');
    const g = await page.evaluate(() => {
      const e = document.activeElement;
      const cs = getComputedStyle(e);
      return { inMain: !!e.closest('main'), outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2, tag: e.localName };
    });
    if (!g.inMain) problems.push(`${name}: after the skip link, Tab does not continue inside <main> (got <${g.tag}>)`);
    else if (!g.outline) problems.push(`${name}: focused <${g.tag}> inside main has no visible outline`);
  }
  await context.close();
  assertNoProblems('keyboard', problems);
});

test('no horizontal scroll at 390 px on any page, in light and dark mode', async () => {
  const problems = [];
  const context = await offlineContext(PHONE);
  const jobs = ['light', 'dark'].flatMap((scheme) => htmlFiles.map((rel) => [scheme, rel]));
  await eachOnPages(context, jobs, async (page, [scheme, rel]) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(urlOf(rel), { waitUntil: 'load' });
    const sw = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    if (sw > 390) problems.push(`${rel} (${scheme}): scrollWidth ${sw} > 390`);
  });
  await context.close();
  problems.sort();
  assertNoProblems('390 px layout', problems);
});

test('side notes: in the margin near their passages at 1280 and 1600 px (nearer than floats), inline in the text column at 390 px', async () => {
  const article = pageTypes().find(([n]) => n === 'article')?.[1];
  assert.ok(article, 'no article page');
  const measure = async (options) => {
    const context = await offlineContext(options);
    const page = await context.newPage();
    await page.goto(ROOT + article, { waitUntil: 'load' });
    const r = await page.evaluate(() => {
      const bodyEl = document.querySelector('.article-body');
      const body = bodyEl.getBoundingClientRect();
      const meta = document.querySelector('.article-meta').getBoundingClientRect();
      // A right-to-left article's notes are in the left margin.
      const rtl = getComputedStyle(bodyEl).direction === 'rtl';
      return Array.from(document.querySelectorAll('.sidenote')).map((n) => {
        const nr = n.getBoundingClientRect();
        const ref = document.getElementById(n.id.replace('note-', 'ann-'));
        const ar = ref ? ref.getBoundingClientRect() : nr;
        return { left: nr.left, right: nr.right, top: nr.top, bottom: nr.bottom, bodyRight: body.right, bodyLeft: body.left, anchorTop: ar.top, metaTop: meta.top, vw: innerWidth, rtl };
      });
    });
    await context.close();
    return r;
  };
  /** Distances note–highlight (px, + when the note is lower), sorted. */
  const driftsOf = (notes) => notes.map((n) => n.top - n.anchorTop).sort((a, b) => a - b);
  const farthest = (drifts) => Math.max(...drifts.map(Math.abs));
  const median = (drifts) => drifts[Math.floor(drifts.length / 2)];
  const problems = [];
  for (const width of [1280, 1600]) {
    const options = { ...DESKTOP, viewport: { ...DESKTOP.viewport, width } };
    // preview.js places the notes; without it they float, each at the line
    // of its highlight or pushed below the note above. The floats are the
    // bar: placed notes are never farther from their highlights.
    const placed = await measure(options);
    const floated = await measure({ ...options, javaScriptEnabled: false });
    assert.ok(placed.length > 0, `${article} has no side notes`);
    for (const [layout, notes] of [['placed', placed], ['floated', floated]]) {
      const at = `${width} px, ${layout}`;
      for (const [i, n] of notes.entries()) {
        if (!n.rtl && n.left < n.bodyRight) problems.push(`${at}: note ${i + 1} overlaps the text column (left ${n.left} < ${n.bodyRight})`);
        if (n.rtl && n.right > n.bodyLeft) problems.push(`${at}: note ${i + 1} overlaps the text column (right ${n.right} > ${n.bodyLeft})`);
        if (n.right > n.vw || n.left < 0) problems.push(`${at}: note ${i + 1} sticks out of the window`);
        // In order, none over the one before (so over none at all).
        if (i > 0 && n.top < notes[i - 1].bottom - 0.5) {
          problems.push(`${at}: note ${i + 1} (top ${Math.round(n.top)}) overlaps note ${i} (bottom ${Math.round(notes[i - 1].bottom)})`);
        }
      }
      const last = notes.at(-1);
      if (last.metaTop < last.bottom) problems.push(`${at}: what follows the text starts at ${Math.round(last.metaTop)}, above the end of the last note (${Math.round(last.bottom)})`);
    }
    const p = driftsOf(placed), f = driftsOf(floated);
    console.log(`# side notes at ${width}: ${placed.length}, distance note–anchor placed median ${Math.round(median(p))} px, max ${Math.round(farthest(p))} px; floated median ${Math.round(median(f))} px, max ${Math.round(farthest(f))} px`);
    if (farthest(p) > farthest(f) + 1) {
      problems.push(`${width} px: a placed note stands ${Math.round(farthest(p))} px from its highlight, farther than any floated one (${Math.round(farthest(f))} px)`);
    }
  }
  const narrow = await measure(PHONE);
  for (const [i, n] of narrow.entries()) {
    if (n.left < n.bodyLeft - 1 || n.right > n.bodyRight + 1) problems.push(`390 px: note ${i + 1} is not inside the text column`);
  }
  assertNoProblems('side notes', problems);
});

test('print: no navigation, notes kept as numbered notes, black on white', async () => {
  const article = pageTypes().find(([n]) => n === 'article')?.[1];
  const context = await offlineContext(DESKTOP);
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(ROOT + article, { waitUntil: 'load' });
  const r = await page.evaluate(() => {
    const shown = (s) => Array.from(document.querySelectorAll(s)).filter((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);
    const notes = shown('.print-notes li, .sidenote');
    return {
      nav: shown('.site-header, nav, .site-footer, .skip-link, form').length,
      notes: notes.length,
      expected: document.querySelectorAll('.sidenote').length,
      bg: getComputedStyle(document.body).backgroundColor,
      fg: getComputedStyle(document.body).color,
    };
  });
  const pdf = await page.pdf({ format: 'A4' });
  await context.close();
  const problems = [];
  if (r.nav) problems.push(`${r.nav} navigation element(s) printed`);
  if (r.notes < r.expected) problems.push(`${r.notes} notes printed, want ${r.expected}`);
  if (!/rgb\(255, 255, 255\)|rgba\(0, 0, 0, 0\)/.test(r.bg)) problems.push(`background ${r.bg} in print`);
  if (r.fg !== 'rgb(0, 0, 0)') problems.push(`text colour ${r.fg} in print`);
  if (pdf.length < 1000) problems.push('the PDF is empty');
  assertNoProblems('print', problems);
});
