// The checks check something: a tiny broken site, made on the fly, must make
// the crawler and the static scan report every planted fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileRootUrl, launchBrowser } from '../lib/config.js';
import { isFileRequest } from '../lib/common.js';
import { crawl } from '../lib/crawl.js';
import { scanBook } from '../lib/scan.js';
import { startServer } from '../lib/server.js';

let dir;
let browser;

const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head>` +
  `<body><header><form action="search.html"><input name="q" aria-label="q"></form></header><main><h1>t</h1>${body}</main></body></html>`;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-selftest-'));
  fs.mkdirSync(path.join(dir, 'sub'));
  const w = (f, s) => fs.writeFileSync(path.join(dir, f), s);
  w('search.html', page('search'));
  w('ok.html', page('<p id="there">ok</p>'));
  w('sub/index.html', page('sub'));
  w('mod.js', 'export const x = 1;');
  w(
    'index.html',
    page(
      `<a href="ok.html">ok</a> <a href="ok.html#there">frag ok</a> <a href="ok.html#nope">frag bad</a>
       <a href="missing.html">missing</a> <a href="sub/">dir</a> <a href="/abs.html">abs</a>
       <a href="https://example.org/">external link is fine</a>
       <img src="https://example.invalid/x.png" alt="x">
       <script>window.boom();</script>
       <script>fetch('data.json').catch(function () {});</script>
       <script type="module" src="mod.js"></script>`,
    ),
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('self-test: the crawler reports every planted fault', async () => {
  const context = await browser.newContext();
  const { problems, pages } = await crawl({ context, rootUrl: fileRootUrl(dir), bookDir: dir, isAllowedRequest: isFileRequest });
  await context.close();
  const all = problems.join('\n');
  assert.ok([...pages.values()].some((p) => p.url.endsWith('/ok.html')), 'ok.html was not crawled');
  for (const expected of [
    'no element with id="nope"',
    'broken link "missing.html"',
    'link to a directory "sub/"',
    'link "/abs.html" leaves the site root',
    'network request outside the site: https://example.invalid/x.png',
    'uncaught page error',
    'request failed',
  ]) {
    assert.ok(all.includes(expected), `crawler did not report: ${expected}\nit reported:\n${all}`);
  }
  assert.ok(!all.includes('#there'), `a good fragment was reported:\n${all}`);
  assert.ok(!all.includes('example.org'), `an external link was reported as a problem:\n${all}`);
});

test('self-test: the static scan reports fetch and module scripts', () => {
  const all = scanBook(dir).problems.join('\n');
  assert.match(all, /uses fetch\(/);
  assert.match(all, /type="module"/);
});

test('self-test: the test server serves 404.html for misses under the project path', async () => {
  fs.writeFileSync(path.join(dir, '404.html'), page('gone'));
  const server = await startServer({ root: dir, prefix: '/p/' });
  try {
    const ok = await fetch(server.siteUrl + 'ok.html');
    assert.equal(ok.status, 200);
    const miss = await fetch(server.siteUrl + 'a/b/nope.html');
    assert.equal(miss.status, 404);
    assert.match(await miss.text(), /gone/);
    const esc = await fetch(server.origin + '/p/..%2f..%2f..%2fetc%2fpasswd');
    assert.equal(esc.status, 404, 'path traversal must not escape the book');
    const bare = await fetch(server.origin + '/p', { redirect: 'manual' });
    assert.equal(bare.status, 301);
  } finally {
    await server.close();
  }
});
