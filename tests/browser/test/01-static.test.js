// Checks on the files of the book, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, assertNoProblems } from '../lib/config.js';
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
