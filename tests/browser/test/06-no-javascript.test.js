// Every page reads completely without JavaScript; scripts only add to it
// (search needs it, and says so). Pages may carry scripts, but no inline
// event handlers, and their JSON-LD is data (parsed here), not code; with
// JavaScript switched off an article still shows its highlights and side
// notes, and the navigation, mention links and charts of the main pages are
// there. (That nothing loads from the network is 01-static's scan.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, firstArticle } from '../lib/common.js';

let browser;
let context;

before(async () => {
  requireBook();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await context.route(
    (u) => !isFileRequest(u.href),
    (r) => r.abort('blockedbyclient'),
  );
});

after(async () => {
  await browser?.close();
});

function htmlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) htmlFiles(p, out);
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

// What the JSON-LD of each kind of page must say (issue 18).
const LD_FIELDS = [
  [/^articles\//, ['NewsArticle'], ['headline']],
  [/^actors\/(?!index\.html)/, ['Person', 'Organization', 'GovernmentOrganization', 'Country'], ['name']],
  [/^events\//, ['Event'], ['name']],
];
const PARTIAL_ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;

test('no inline event handlers or inline code; scripts are local files; JSON-LD is data that parses and carries its fields', () => {
  requireBook();
  const problems = [];
  const files = htmlFiles(BOOK_DIR);
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${BOOK_DIR}`);
  let described = 0;
  for (const f of files) {
    const rel = path.relative(BOOK_DIR, f).split(path.sep).join('/');
    const html = fs.readFileSync(f, 'utf8');
    if (/\son[a-z]+\s*=/i.test(html.replace(/<pre[\s\S]*?<\/pre>/gi, ''))) problems.push(`${rel}: has an inline event handler`);
    // Scripts only add to a page: local files loaded by a tag (search.js,
    // preview.js), or data (JSON-LD, the previews' JSON); never code inline.
    for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/g)) {
      const src = /\bsrc="([^"]+)"/.exec(attrs);
      const data = /\btype="application\/(ld\+)?json"/.test(attrs);
      if (src && /^([a-z]+:)?\/\//i.test(src[1])) problems.push(`${rel}: script from elsewhere: ${src[1]}`);
      if (!src && !data) problems.push(`${rel}: inline script <script${attrs}>`);
    }
    const lds = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    const rule = LD_FIELDS.find(([re]) => re.test(rel));
    if (rule && lds.length !== 1) problems.push(`${rel}: ${lds.length} JSON-LD scripts, expected 1`);
    for (const [, text] of lds) {
      let ld;
      try {
        ld = JSON.parse(text);
      } catch (e) {
        problems.push(`${rel}: JSON-LD does not parse: ${e.message}`);
        continue;
      }
      if (ld['@context'] !== 'https://schema.org') problems.push(`${rel}: JSON-LD @context is ${ld['@context']}`);
      if (!rule) continue;
      described++;
      const [, types, fields] = rule;
      const given = [].concat(ld['@type']);
      if (!given.every((t) => types.includes(t))) problems.push(`${rel}: JSON-LD @type ${given.join(', ')}, expected one of ${types.join(', ')}`);
      for (const field of fields) if (!ld[field]) problems.push(`${rel}: JSON-LD has no ${field}`);
      // An event's date is stated unless its page marks it uncertain
      // (schema.org has no word for that; a bare date would read as known).
      if (/^events\//.test(rel)) {
        const head = html.slice(html.indexOf('<h1'), html.indexOf('</header>', html.indexOf('<h1')));
        const uncertain = head.includes('tag-uncertain');
        if (uncertain === 'startDate' in ld) problems.push(`${rel}: JSON-LD ${uncertain ? 'states' : 'has no'} startDate (date ${uncertain ? '' : 'not '}uncertain)`);
      }
      for (const field of ['startDate', 'endDate', 'datePublished']) {
        if (field in ld && !PARTIAL_ISO.test(ld[field])) problems.push(`${rel}: JSON-LD ${field} "${ld[field]}" is no (partial) ISO date`);
      }
    }
  }
  assert.ok(described > 0, 'no page of an article, actor or event carries JSON-LD');
  assertNoProblems('scripts and JSON-LD', problems);
});

test('with JavaScript off: side notes, highlights, mention links, navigation and charts are there', async () => {
  requireBook();
  const page = await context.newPage();
  const root = fileRootUrl();
  const article = firstArticle();
  await page.goto(root + article);
  const notes = await page.locator('.sidenote, [id^="note-"]').count();
  const marks = await page.locator('mark[id^="ann-"]').count();
  assert.ok(marks > 0, `${article}: no annotation highlight without JavaScript`);
  assert.ok(notes >= marks, `${article}: ${marks} highlights but ${notes} side notes`);
  const firstNote = page.locator('[id^="note-"]').first();
  assert.ok(await firstNote.isVisible(), `${article}: the first side note is not visible without JavaScript`);
  assert.ok((await page.locator('main a[href*="actors/"]').count()) > 0, `${article}: no mention links`);
  assert.ok(await page.locator('nav a').first().isVisible(), `${article}: navigation not visible`);
  // A mention is a plain link: with no script to preview it, a click follows it.
  const mention = page.locator('.article-body a.mention').first();
  const href = await mention.evaluate((a) => a.href);
  await Promise.all([page.waitForURL(href), mention.click()]);
  // The print page is all there too.
  await page.goto(root + 'print.html');
  assert.ok((await page.locator('main article').count()) > 0, 'print.html shows no article without JavaScript');

  for (const [rel, sel] of [
    ['timeline.html', 'svg'],
    ['actors/index.html', 'svg'],
    ['index.html', 'svg'],
  ]) {
    await page.goto(root + rel);
    assert.ok(await page.locator(`main ${sel}`).first().isVisible(), `${rel}: no chart visible without JavaScript`);
  }
  // Search needs JavaScript; its page must say so rather than look broken.
  await page.goto(root + 'search.html');
  const text = await page.locator('main').innerText();
  assert.match(text, /JavaScript/i, 'search.html says that search needs JavaScript when it is off');
  await page.close();
});
