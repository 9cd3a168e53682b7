// Checks on the files of the book, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, SITE_PATH, assertNoProblems } from '../lib/config.js';
import { requireBook } from '../lib/common.js';
import { scanBook } from '../lib/scan.js';

test('.nojekyll exists in the book', () => {
  requireBook();
  assert.ok(fs.existsSync(path.join(BOOK_DIR, '.nojekyll')), `${BOOK_DIR}/.nojekyll is missing (GitHub Pages would run Jekyll)`);
});

test('output layout of SPEC §5 is present', () => {
  requireBook();
  const must = ['index.html', 'actors/index.html', 'timeline.html', 'sources.html', 'search.html', '404.html', 'dossier.json'];
  const problems = must.filter((f) => !fs.existsSync(path.join(BOOK_DIR, f))).map((f) => `missing ${f}`);
  for (const dir of ['articles', 'actors', 'events', 'seeds']) {
    const d = path.join(BOOK_DIR, dir);
    const n = fs.existsSync(d) ? fs.readdirSync(d).filter((x) => x !== 'index.html').length : 0;
    if (n === 0) problems.push(`no files in ${dir}/`);
  }
  const dj = path.join(BOOK_DIR, 'dossier.json');
  if (fs.existsSync(dj)) {
    try {
      JSON.parse(fs.readFileSync(dj, 'utf8'));
    } catch (e) {
      problems.push(`dossier.json is not valid JSON: ${e.message}`);
    }
  }
  assertNoProblems('layout', problems);
});

test('no page uses fetch/XHR/module scripts or loads from the network (all HTML files, not only linked ones)', () => {
  requireBook();
  const { problems, htmlFiles } = scanBook(BOOK_DIR);
  assert.ok(htmlFiles.length > 0, 'no HTML files in the book');
  assertNoProblems('static scan', problems);
});

test('sitemap.xml and feed.xml (when present) point at files of the book under the site path', (t) => {
  requireBook();
  const problems = [];
  let seen = 0;
  for (const [file, re] of [
    ['sitemap.xml', /<loc>\s*([^<\s]+)\s*<\/loc>/g],
    ['feed.xml', /<link\b[^>]*\bhref="([^"]+)"/g],
  ]) {
    const p = path.join(BOOK_DIR, file);
    if (!fs.existsSync(p)) continue;
    seen++;
    const xml = fs.readFileSync(p, 'utf8');
    for (const m of xml.matchAll(re)) {
      const raw = m[1].replace(/&amp;/g, '&');
      const u = new URL(raw, 'http://site.invalid/');
      if (!u.pathname.startsWith(SITE_PATH)) {
        problems.push(`${file}: ${raw} is not under the site path ${SITE_PATH}`);
        continue;
      }
      let rel = decodeURIComponent(u.pathname.slice(SITE_PATH.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      if (!fs.existsSync(path.join(BOOK_DIR, rel))) problems.push(`${file}: ${raw} → ${rel} does not exist in the book`);
    }
  }
  if (seen === 0) t.skip('no sitemap.xml or feed.xml (site-url is not a full URL)');
  assertNoProblems('sitemap/feed', problems);
});
