// Full-text search, offline from file://, driven from the keyboard.
//
// The first tests run on the book under test (BOOK_DIR). The others build
// two dossiers of their own with the release binaries (built if missing):
// the river-spill fixture, for words in Polish and Cyrillic, and a
// generated one large enough that its index has several shards, to see
// that a query loads only the shards it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { BOOK_DIR, REPO_ROOT, SEARCH_QUERY, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, watchPage, isFileRequest } from '../lib/common.js';

const ROOT = fileRootUrl();
const rel = (u) => (u.startsWith(ROOT) ? u.slice(ROOT.length) : u);
const QUERY_RE = new RegExp(SEARCH_QUERY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
const PAGE_SIZE = 10; // results search.js shows at once

let browser;
let context;
let tmp;
let spill; // the river-spill fixture, built
let large; // a generated dossier, built
let repo; // the repository's own dossier, built (ranking by names and aliases)

before(async () => {
  requireBook();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-search-'));
  spill = buildDossier(path.join(REPO_ROOT, 'tests/fixtures/river-spill'), path.join(tmp, 'spill'));
  const corpus = path.join(tmp, 'corpus');
  run(binary('dossier-gen'), ['corpus', corpus, '--articles', '400', '--actors', '80', '--events', '20', '--seed', '2']);
  large = buildDossier(corpus, path.join(tmp, 'large'));
  repo = buildDossier(REPO_ROOT, path.join(tmp, 'repo'));
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr || r.error}`);
}

/** A release binary of the repository, built if it is not there. */
function binary(name) {
  const file = path.join(process.env.DOSSIER_BIN_DIR || path.join(REPO_ROOT, 'target/release'), name);
  if (!fs.existsSync(file)) run('cargo', ['build', '--release', '--quiet', '--workspace', '--bins'], { cwd: REPO_ROOT });
  return file;
}

function buildDossier(src, out) {
  run(binary('dossier'), ['--quiet', 'build', src, '-d', out]);
  return out;
}

/** The index of a built dossier, read as search.js reads it. */
function readIndex(dir) {
  const index = { shards: [], frags: [] };
  const DOSSIER_SEARCH = {
    meta: (m) => (index.meta = m),
    shard: (v, n, words, postings) => (index.shards[n] = { words, postings }),
    frag: (v, n, docs) => (index.frags[n] = docs),
  };
  for (const f of fs.readdirSync(path.join(dir, 'search'))) {
    vm.runInNewContext(fs.readFileSync(path.join(dir, 'search', f), 'utf8'), { DOSSIER_SEARCH });
  }
  return index;
}

/** The shard a folded word is in: the last whose first word is not after it. */
function shardOf(meta, word) {
  let n = 0;
  meta.shards.forEach((first, i) => {
    if (first <= word) n = i;
  });
  return n;
}

/** A page of `dir` opened from file://, with its requests and problems recorded. */
async function openSearch(dir, query = '') {
  const root = fileRootUrl(dir);
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => page.url().split('?')[0] });
  const requests = [];
  page.on('request', (r) => requests.push({ path: r.url().startsWith(root) ? r.url().slice(root.length) : r.url(), type: r.resourceType() }));
  await page.goto(root + 'search.html' + (query ? '?q=' + encodeURIComponent(query) : ''), { waitUntil: 'load' });
  return { page, problems, requests, input: page.locator('#q') };
}

/** Waits for the status line to report `query`, then returns the results shown. */
async function resultsFor(page, query) {
  await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(`“${q}”`), query, {
    timeout: 5000,
  });
  return page.$$eval('#search-results li', (items) =>
    items.map((li) => ({
      title: li.querySelector('a').textContent,
      href: li.querySelector('a').getAttribute('href'),
      kind: li.querySelector('.tag').textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      text: li.querySelector('p')?.textContent ?? '',
    })),
  );
}

// ---- On the book under test.

/** The search field of the search page itself (not the header's, if both exist). */
async function searchInput(page) {
  for (const sel of ['main input[type=search]', 'input[type=search]:not(header input)', 'input[name=q]']) {
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
    const title = a.innerText.trim();
    out.push({ href: a.getAttribute('href'), abs: a.href, title, rest: itemText.replace(title, '').trim(), marks: item ? item.querySelectorAll('mark').length : 0 });
  }
  return out;
}

async function waitForMoreLinks(page, before, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const n = await page.evaluate(resultLinks).then((l) => l.length, () => 0);
    if (n > before) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('search.html shows results as the query is typed (no Enter), with title, link and marked snippet', async () => {
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => rel(page.url().split('?')[0]) });
  await page.goto(ROOT + 'search.html', { waitUntil: 'load' });

  const input = await searchInput(page);
  assert.ok(input, 'search.html has no visible search input');
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await input.evaluate((el) => el === document.activeElement);
  }
  if (!reached) problems.push('search.html: the search input is not reachable with Tab (60 presses)');
  await input.focus();

  const before = (await page.evaluate(resultLinks)).length;
  await page.keyboard.type(SEARCH_QUERY, { delay: 15 });
  assert.ok(await waitForMoreLinks(page, before, 3000), `no results appeared on search.html while typing "${SEARCH_QUERY}"`);

  const results = (await page.evaluate(resultLinks)).slice(before);
  console.log(`# "${SEARCH_QUERY}": ${results.length} result link(s); first: ${results[0].title} → ${results[0].href}`);
  for (const r of results) {
    if (!r.title) problems.push(`search result with an empty title: href="${r.href}"`);
    const u = new URL(r.abs);
    if (!u.href.startsWith(ROOT)) {
      problems.push(`search result "${r.title}" leaves the site: ${r.href}`);
      continue;
    }
    const file = path.join(BOOK_DIR, decodeURIComponent(u.pathname.slice(new URL(ROOT).pathname.length)));
    if (!fs.existsSync(file)) problems.push(`search result "${r.title}" links to a missing file: ${r.href}`);
  }
  if (!results.some((r) => QUERY_RE.test(r.rest))) problems.push(`no search result has a snippet containing "${SEARCH_QUERY}"`);
  if (!results.some((r) => r.marks > 0)) problems.push('no <mark> highlighting in the results');

  // Fragments of the first results point at existing elements.
  const checked = new Map();
  for (const r of results.slice(0, 10)) {
    const u = new URL(r.abs);
    if (!u.hash || !u.href.startsWith(ROOT)) continue;
    const key = u.href.split('#')[0];
    if (!checked.has(key)) {
      const p = await context.newPage();
      await p.goto(key, { waitUntil: 'domcontentloaded' });
      checked.set(key, await p.evaluate(() => Array.from(document.querySelectorAll('[id]'), (e) => e.id)));
      await p.close();
    }
    if (!checked.get(key).includes(decodeURIComponent(u.hash.slice(1)))) problems.push(`search result "${r.title}" → ${r.href}: no such id`);
  }

  // Tab also reaches the results, and Enter follows one.
  await input.focus();
  const hrefs = results.map((r) => r.abs);
  let onResult = null;
  for (let i = 0; i < 25 && !onResult; i++) {
    await page.keyboard.press('Tab');
    onResult = await page.evaluate((h) => (h.includes(document.activeElement?.href) ? document.activeElement.href : null), hrefs);
  }
  if (!onResult) problems.push('no search result link is reachable with Tab from the search input (25 presses)');
  else {
    await Promise.all([page.waitForURL((u) => u.href.split('#')[0] === onResult.split('#')[0], { timeout: 5000 }), page.keyboard.press('Enter')]).catch(() =>
      problems.push(`Enter on the focused result did not open ${rel(onResult)}`),
    );
  }
  await page.close();
  assertNoProblems('search', problems);
});

test('the header search form of index.html leads to results on search.html, the query in the field', async () => {
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => rel(page.url().split('?')[0]) });
  await page.goto(ROOT + 'index.html', { waitUntil: 'load' });
  const field = page.locator('header input[type=search]').first();
  assert.ok((await field.count()) > 0, 'index.html: no search field in the header');
  await field.fill(SEARCH_QUERY);
  await Promise.all([page.waitForURL(/search\.html/, { timeout: 5000 }), field.press('Enter')]);
  await page.waitForLoadState('load');
  assert.ok(await waitForMoreLinks(page, 0, 3000), `search.html opened from the header form (${rel(page.url())}) shows no results`);
  assert.match(await page.locator('#q').inputValue(), QUERY_RE, 'search.html does not put the query into its field');
  await page.close();
  assertNoProblems('header search', problems);
});

test('search reads its index from scripts in search/, never with fetch', () => {
  const html = fs.readFileSync(path.join(BOOK_DIR, 'search.html'), 'utf8');
  assert.match(html, /<script src="search\.js"><\/script>/);
  const js = fs.readFileSync(path.join(BOOK_DIR, 'search.js'), 'utf8');
  assert.doesNotMatch(js, /\bfetch\s*\(|XMLHttpRequest|import\s*\(/, 'search.js fetches');
  const index = readIndex(BOOK_DIR);
  assert.ok(index.meta && index.meta.docs > 0, 'search/meta.js defines no documents');
  const word = SEARCH_QUERY.toLowerCase();
  assert.ok(index.shards[shardOf(index.meta, word)].words.includes(word), `"${word}" is not in its shard`);
});

// ---- On dossiers built here.

test('whole words and prefixes: "cat" finds no "indication"; the word being typed finds longer words', async () => {
  const { page, problems, input } = await openSearch(spill);
  await input.focus();
  await page.keyboard.type('cat', { delay: 20 });
  assert.deepEqual(await resultsFor(page, 'cat'), [], '"cat" matched inside a longer word');
  assert.match(await page.locator('#search-status').textContent(), /^No results/);

  await input.fill('');
  await page.keyboard.type('indic', { delay: 20 });
  const prefixed = await resultsFor(page, 'indic');
  assert.ok(prefixed.some((r) => r.href === 'articles/spill-denied.html'), 'the prefix "indic" did not find "indication"');
  assert.ok(prefixed.every((r) => r.marks.every((m) => /^indic/i.test(m))), 'marks outside the matched words');

  // Once a space follows it, a word is whole: "indic " finds nothing.
  await page.keyboard.type(' ');
  assert.deepEqual(await resultsFor(page, 'indic '), []);
  await page.close();
  assertNoProblems('whole words', problems);
});

test('case and diacritics are folded: "wisla" and "ŻANETA" find "Wisła" and "Żaneta"', async () => {
  const { page, problems, input } = await openSearch(spill, 'wisla');
  assert.equal(await input.inputValue(), 'wisla', '?q= does not fill the field');
  const wisla = await resultsFor(page, 'wisla');
  assert.equal(wisla[0].href, 'actors/wisla-chemicals.html', 'the actor named Wisła comes first');
  assert.deepEqual(wisla[0].marks, ['Wisła']);
  assert.ok(wisla.some((r) => r.href === 'articles/inquiry-opened.html'));

  await input.fill('ŻANETA');
  const zaneta = await resultsFor(page, 'ŻANETA');
  assert.ok(zaneta.some((r) => r.href === 'actors/kowalska.html' && r.marks.includes('Żaneta')), JSON.stringify(zaneta));
  await page.close();
  assertNoProblems('folding', problems);
});

test('a Cyrillic query: a prefix finds every form, a whole word only its own', async () => {
  const { page, problems, input } = await openSearch(spill);
  await input.fill('иванов');
  const prefix = await resultsFor(page, 'иванов');
  const hrefs = prefix.map((r) => r.href).sort();
  assert.deepEqual(hrefs, ['actors/ivanova.html', 'articles/spill-denied.html', 'events/samples-taken.html']);
  assert.equal(prefix[0].href, 'actors/ivanova.html', 'the actor named Иванова comes first');
  const article = prefix.find((r) => r.href === 'articles/spill-denied.html');
  assert.ok(article.marks.includes('Иванова'), JSON.stringify(article));

  await input.fill('Ивановой ');
  const whole = await resultsFor(page, 'Ивановой ');
  assert.deepEqual(whole.map((r) => r.href), ['articles/spill-denied.html']);
  assert.deepEqual(whole[0].marks, ['Ивановой']);
  await page.close();
  assertNoProblems('Cyrillic', problems);
});

test('the kind filter narrows the results and counts each kind', async () => {
  const { page, problems } = await openSearch(spill, 'kowalska');
  const all = await resultsFor(page, 'kowalska');
  const kinds = new Set(all.map((r) => r.kind));
  assert.ok(kinds.has('article') && kinds.has('actor') && kinds.has('source note'), [...kinds].join(', '));
  const articles = page.getByRole('checkbox', { name: /Articles/ });
  assert.match(await page.locator('#search-kinds').innerText(), /Articles \(2\)/);
  await articles.uncheck();
  await page.waitForFunction(() => /of the kinds chosen/.test(document.getElementById('search-status').textContent));
  const left = await resultsFor(page, 'kowalska');
  assert.equal(left.length, all.length - 2);
  assert.ok(left.every((r) => r.kind !== 'article'));
  // Back from a result finds the search as it was left: the query and the
  // kinds left out are in the address.
  assert.match(page.url(), /\?q=kowalska&without=article$/);
  await page.locator('#search-results li a').first().click();
  await page.waitForURL((u) => !u.href.includes('search.html'));
  await page.goBack();
  await page.waitForFunction(() => /of the kinds chosen/.test(document.getElementById('search-status').textContent));
  assert.equal(await articles.isChecked(), false, 'the kind left out stays left out');
  assert.deepEqual(await resultsFor(page, 'kowalska'), left);
  await articles.check();
  assert.match(page.url(), /\?q=kowalska$/);
  await page.waitForFunction(() => !/of the kinds chosen/.test(document.getElementById('search-status').textContent));
  assert.equal((await resultsFor(page, 'kowalska')).length, all.length);
  await page.close();
  assertNoProblems('kind filter', problems);
});

test('keyboard: ↓ enters the results, ↑ ↓ move through them, ↑ returns to the field, Enter opens', async () => {
  const { page, problems, input } = await openSearch(spill, 'kowalska');
  const results = await resultsFor(page, 'kowalska');
  assert.ok(results.length >= 3);
  const focused = () => page.evaluate(() => (document.activeElement.id === 'q' ? 'field' : document.activeElement.getAttribute('href')));
  await input.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), results[0].href);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), results[2].href);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), results[1].href);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'field');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL((u) => u.href.includes(results[0].href), { timeout: 5000 }), page.keyboard.press('Enter')]);
  await page.close();
  assertNoProblems('keyboard', problems);
});

test('a query loads only the shards of its words and the fragments of the results shown, as scripts from file://', async () => {
  const index = readIndex(large);
  assert.ok(index.meta.shards.length >= 3, `the generated dossier has only ${index.meta.shards.length} shard(s)`);
  // A word of the last shard and one of the first that are not alone in
  // most documents: two shards, some results.
  const last = index.shards[index.shards.length - 1].words;
  const word = last.find((w) => /^[a-z]{6,}$/.test(w));
  const { page, problems, requests, input } = await openSearch(large);
  await input.fill(word + ' ');
  const shown = await resultsFor(page, word + ' ');
  assert.ok(shown.length > 0 && shown.length <= PAGE_SIZE, `${shown.length} results shown for "${word}"`);
  const loaded = (kind) => requests.filter((r) => r.path.startsWith(`search/${kind}-`));
  assert.deepEqual(
    loaded('shard').map((r) => r.path),
    [`search/shard-${index.meta.shards.length - 1}.js`],
    `"${word}" loaded other shards`,
  );
  assert.ok(loaded('frag').length <= shown.length, `${loaded('frag').length} fragments for ${shown.length} results`);
  for (const r of requests.filter((x) => x.path.startsWith('search/'))) {
    assert.equal(r.type, 'script', `${r.path} was loaded as ${r.type}, not as a script`);
  }

  // A prefix loads the shards its words span, and no other.
  const before = requests.length;
  const had = new Set(loaded('shard').map((r) => r.path));
  await input.fill('ab');
  await resultsFor(page, 'ab');
  const expected = [];
  for (let n = shardOf(index.meta, 'ab'); n <= shardOf(index.meta, 'ab\uffff'); n++) {
    if (!had.has(`search/shard-${n}.js`)) expected.push(`search/shard-${n}.js`);
  }
  const added = requests.slice(before).filter((r) => r.path.startsWith('search/shard-')).map((r) => r.path);
  assert.deepEqual(added.sort(), expected.sort(), 'the prefix "ab" loaded other shards than those its words are in');

  // More results, on demand: the next page, focus on the first of it.
  await input.fill('the ');
  await resultsFor(page, 'the ');
  await page.locator('#search-more').click();
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, PAGE_SIZE);
  const focusedIndex = await page.evaluate(() => [...document.querySelectorAll('#search-results li > a')].indexOf(document.activeElement));
  assert.equal(focusedIndex, PAGE_SIZE);
  await page.close();
  assertNoProblems('shards', problems);
});

// An item whose name, an alias, a surname or an acronym is the query comes
// first; an alias that only contains the query's word ("Tokayev's
// predecessor", "Tokayev's military") earns a smaller bonus, and a name that
// only contains it ("ОДКБ-CSTO") does not name the item.
test('an actor named by the query comes first, before those whose aliases only contain it', async () => {
  const { page, problems, input } = await openSearch(repo, 'Tokayev');
  const tokayev = await resultsFor(page, 'Tokayev');
  assert.equal(tokayev[0].href, 'actors/tokayev.html', JSON.stringify(tokayev.slice(0, 4).map((r) => r.href)));

  await input.fill('CSTO');
  const csto = await resultsFor(page, 'CSTO');
  assert.equal(csto[0].href, 'actors/csto.html', JSON.stringify(csto.slice(0, 4).map((r) => r.href)));
  assert.ok(csto.findIndex((r) => r.href === 'actors/odkb-csto-telegram.html') > 0);

  // The name's own words: a surname.
  await input.fill('Nazarbayev');
  const nazarbayev = await resultsFor(page, 'Nazarbayev');
  assert.equal(nazarbayev[0].href, 'actors/nazarbayev.html');
  await page.close();
  assertNoProblems('ranking by names', problems);
});

// A snippet's fields are separated, an article's summary that its body
// opens with is not shown twice, and no "…" follows a sentence's end.
test('snippets: fields separated, a summary the body repeats left out, no ellipsis after a full stop', async () => {
  for (const [dir, query] of [[repo, 'report'], [large, 'senator'], [spill, 'river']]) {
    const { page, problems } = await openSearch(dir, query);
    const results = await resultsFor(page, query);
    assert.ok(results.length > 0, `no results for ${query}`);
    for (const r of results) {
      assert.doesNotMatch(r.text, /[.!?]["'”’»)]*…$/, `ellipsis after a sentence's end: ${r.text}`);
      assert.doesNotMatch(r.text, /^…?\s*·|·\s*…?$/, `a snippet begins or ends on a separator: ${r.text}`);
      const sentences = r.text.replace(/^…|…$/g, '').split(/(?<=[.!?])\s+|\s·\s/).map((x) => x.trim()).filter((x) => x.length > 25);
      assert.equal(new Set(sentences).size, sentences.length, `a sentence shown twice: ${r.text}`);
    }
    const articles = results.filter((r) => /^articles\/[^#]*$/.test(r.href) && !r.text.startsWith('…'));
    for (const r of articles) assert.match(r.text, /^[^·]+ · /, `the publisher is not set apart: ${r.text}`);
    await page.close();
    assertNoProblems(`snippets of ${query}`, problems);
  }
});
