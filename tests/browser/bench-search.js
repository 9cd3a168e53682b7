// Search in the browser, measured: opens BOOK_DIR/search.html from file://
// in headless Chromium, types a few queries as a person would, and reports
// the time from the last keystroke of each query to its results on screen,
// the script bytes loaded (the page's own, then what typing each query
// added, every intermediate query included) and the JavaScript heap; then,
// for each query given at once on a fresh page, the script bytes that page
// and that one query load. A query's results are "on screen" when the
// results list says it shows them (its `data-query`). A build whose list
// does not say it is timed by the list's last change once the status line
// names the query: the status line itself is said only once typing pauses
// (500 ms) in builds since 1035a5c, and with the results before that.
//
// Usage: node tests/browser/bench-search.js BOOK_DIR [--label TEXT] [query ...]
// (the default queries suit a corpus of dossier-gen; CHROMIUM_PATH as for
// the suite). Nothing is asserted: this prints numbers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/config.js';

const DEFAULT_QUERIES = ['nezoran talks', 'tudarova', 'koren tuar', 'ceasefi'];
const TYPING_DELAY_MS = 60; // between keystrokes: brisk typing
const RESULT_TIMEOUT_MS = 120000;

function parseArgs(argv) {
  const args = { dir: null, label: null, queries: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--label') args.label = argv[++i];
    else if (!args.dir) args.dir = path.resolve(argv[i]);
    else args.queries.push(argv[i]);
  }
  if (!args.dir || !fs.existsSync(path.join(args.dir, 'search.html'))) {
    console.error('usage: node tests/browser/bench-search.js BOOK_DIR [--label TEXT] [query ...]');
    process.exit(2);
  }
  if (args.queries.length === 0) args.queries = DEFAULT_QUERIES;
  return args;
}

/** Bytes of the files under `root` that `urls` name (file:// only). */
function bytesOf(urls, root) {
  let total = 0;
  for (const u of urls) {
    const file = fileURLToPath(u.split(/[?#]/)[0]);
    if (file.startsWith(root) && fs.existsSync(file)) total += fs.statSync(file).size;
  }
  return total;
}

// In the page: the time of the last key pressed, of the last change to the
// status line, of the last change to the query the results list shows, and
// of the last change to the list's items.
function instrument() {
  window.__bench = { lastKey: 0, statusAt: 0, listAt: 0, itemsAt: 0 };
  // The event's own time: when the key was pressed, even if the page was
  // too busy to handle it at once.
  document.addEventListener('keydown', (e) => (window.__bench.lastKey = e.timeStamp), true);
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('search-status');
    if (!status) return;
    new MutationObserver(() => (window.__bench.statusAt = performance.now())).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    const list = document.getElementById('search-results');
    if (!list) return;
    new MutationObserver(() => (window.__bench.listAt = performance.now())).observe(list, {
      attributes: true,
      attributeFilter: ['data-query'],
    });
    new MutationObserver(() => (window.__bench.itemsAt = performance.now())).observe(list, { childList: true });
  });
}

/** The JavaScript heap in use, in MB: as it is, and after a garbage collection. */
async function heapMB(cdp) {
  const used = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576;
  const before = await used();
  await cdp.send('HeapProfiler.collectGarbage');
  return `${before.toFixed(1)} MB (${(await used()).toFixed(1)} MB after GC)`;
}

const isScript = (u) => /\.js($|[?#])/.test(u);

/** A fresh page of the book with its requests recorded. */
async function openPage(browser, dir, query = '') {
  const page = await browser.newPage();
  await page.route((u) => !u.href.startsWith('file:'), (r) => r.abort('blockedbyclient'));
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.addInitScript(instrument);
  const started = Date.now();
  const q = query ? '?q=' + encodeURIComponent(query) : '';
  await page.goto(pathToFileURL(path.join(dir, 'search.html')).href + q, { waitUntil: 'load' });
  return { page, requested, loadMs: Date.now() - started };
}

// The list says which query it shows; for a build whose list does not, the
// status line says when they are in.
async function waitForResults(page, query) {
  await page.waitForFunction(
    (q) =>
      document.getElementById('search-results')?.dataset.query === q ||
      (!window.__bench?.listAt && (document.getElementById('search-status')?.textContent || '').includes(`“${q}”`)),
    query,
    { timeout: RESULT_TIMEOUT_MS, polling: 10 },
  );
}

async function typeQuery(page, input, query) {
  await input.fill('');
  await input.focus();
  await page.keyboard.type(query, { delay: TYPING_DELAY_MS });
  await waitForResults(page, query);
  const ms = await page.evaluate(() => {
    const b = window.__bench;
    // A query with no results may leave an empty list as it was.
    const items = b.itemsAt > b.lastKey ? b.itemsAt : b.statusAt;
    return (b.listAt || items) - b.lastKey;
  });
  // The count is in the status line, said once typing pauses.
  await page.waitForFunction(
    (q) => (document.getElementById('search-status')?.textContent || '').includes(`“${q}”`),
    query,
    { timeout: RESULT_TIMEOUT_MS, polling: 10 },
  );
  return page.evaluate((ms) => ({
    ms,
    results: document.querySelectorAll('#search-results li').length,
    status: document.getElementById('search-status').textContent,
  }), ms);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = args.dir + path.sep;
  const browser = await launchBrowser();
  const { page, requested, loadMs } = await openPage(browser, args.dir);
  const cdp = await page.context().newCDPSession(page);
  const pageScripts = bytesOf(requested.filter(isScript), root);
  console.log(`search bench: ${args.label || args.dir}`);
  console.log(`  page: loaded in ${loadMs} ms, ${kB(pageScripts)} kB of script, JS heap ${await heapMB(cdp)}`);
  console.log(`  typed: ${'query'.padEnd(16)} ${'ms to results'.padStart(13)} ${'script kB'.padStart(10)} ${'results'.padStart(8)}`);
  const input = page.locator('#q');
  for (const query of args.queries) {
    const before = requested.length;
    const r = await typeQuery(page, input, query);
    const added = bytesOf(new Set(requested.slice(before).filter(isScript)), root);
    const count = (r.status.match(/^(\d+)/) || [, r.results])[1];
    console.log(`         ${query.padEnd(16)} ${r.ms.toFixed(0).padStart(13)} ${kB(added).padStart(10)} ${String(count).padStart(8)}`);
  }
  const scripts = bytesOf(new Set(requested.filter(isScript)), root);
  console.log(`  after typing them: ${kB(scripts)} kB of script loaded in all, JS heap ${await heapMB(cdp)}`);
  await page.close();

  // What one query needs: a fresh page, the query in its address.
  const needs = [];
  for (const query of args.queries) {
    const fresh = await openPage(browser, args.dir, query);
    await waitForResults(fresh.page, query);
    needs.push(`${query} ${kB(bytesOf(new Set(fresh.requested.filter(isScript)), root))} kB`);
    await fresh.page.close();
  }
  console.log(`  page + one query's scripts: ${needs.join(', ')}`);
  await browser.close();
}

const kB = (bytes) => (bytes / 1024).toFixed(0);

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
