// timeline.json opens in TimelineJS itself: the npm package's build
// (@knight-lab/timelinejs, from node_modules over file://) is given the
// built site's timeline.json on a page of its own, must load it and draw a
// slide for every event and every dated article, with no error and no
// network request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BOOK_DIR, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, watchPage, isFileRequest } from '../lib/common.js';

const require = createRequire(import.meta.url);
const TIMELINEJS_DIST = path.join(path.dirname(require.resolve('@knight-lab/timelinejs/package.json')), 'dist');

let browser;
let dir;

before(async () => {
  requireBook();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-timelinejs-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A page that runs TimelineJS on `timeline` (the parsed timeline.json),
 * given as a script variable: a page on file:// cannot fetch a file.
 * `font: null`: the default font loads from Google Fonts.
 */
function timelinePage(timeline) {
  const js = pathToFileURL(path.join(TIMELINEJS_DIST, 'js')).href + '/';
  const css = pathToFileURL(path.join(TIMELINEJS_DIST, 'css', 'timeline.css')).href;
  fs.writeFileSync(path.join(dir, 'data.js'), `window.TIMELINE = ${JSON.stringify(timeline)};\n`);
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>timeline.json in TimelineJS</title>
<link rel="stylesheet" href="${css}">
<script src="${js}timeline.js"></script>
<script src="data.js"></script>
</head>
<body>
<div id="timeline" style="width: 1200px; height: 700px"></div>
<script>
window.fired = [];
var timeline = new TL.Timeline('timeline', window.TIMELINE, { font: null, script_path: ${JSON.stringify(js)} });
['dataloaded', 'loaded', 'ready'].forEach(function (name) {
  timeline.on(name, function () { window.fired.push(name); });
});
window.timeline = timeline;
</script>
</body>
</html>
`,
  );
  return pathToFileURL(path.join(dir, 'index.html')).href;
}

test('timeline.json opens in TimelineJS, a slide for every event and dated article', async () => {
  const timeline = JSON.parse(fs.readFileSync(path.join(BOOK_DIR, 'timeline.json'), 'utf8'));
  const dossier = JSON.parse(fs.readFileSync(path.join(BOOK_DIR, 'dossier.json'), 'utf8'));
  const expected = dossier.events.length + dossier.articles.filter((a) => a.published).length;
  assert.ok(expected > 0, 'the dossier has no event and no dated article to show');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest, label: () => 'TimelineJS page' });
  await page.goto(timelinePage(timeline));
  await page
    .waitForFunction(() => window.fired.includes('dataloaded') && window.fired.includes('loaded'), null, {
      timeout: 30000,
    })
    .catch(() => {});
  const state = await page.evaluate(() => ({
    fired: window.fired,
    errors: window.timeline.config ? window.timeline.config.getErrors().map(String) : ['no config'],
    events: window.timeline.config ? window.timeline.config.events.length : 0,
    title: Boolean(window.timeline.config && window.timeline.config.title),
    slides: document.querySelectorAll('#timeline .tl-slide').length,
    message: (document.querySelector('#timeline .tl-message-full') || {}).innerText || '',
  }));
  await context.close();

  assert.ok(state.fired.includes('dataloaded'), `TimelineJS did not load the data (fired: ${state.fired}; message: ${state.message})`);
  assert.ok(state.fired.includes('loaded'), `TimelineJS did not finish loading (fired: ${state.fired})`);
  assert.deepEqual(state.errors, [], 'TimelineJS found errors in timeline.json');
  assertNoProblems('TimelineJS page', problems);
  assert.equal(state.events, expected, 'TimelineJS kept every event and dated article');
  assert.ok(state.title, 'TimelineJS shows the title slide');
  assert.equal(state.slides, expected + 1, 'one slide per event and dated article, and the title slide');
});
