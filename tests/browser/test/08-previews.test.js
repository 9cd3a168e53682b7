// Previews (issue 18), from file:// with no network: hovering or focusing
// a mention, an `@/` link or a note reference shows what it leads to in a
// tooltip beside it (an actor's role, an event's date, a note's text);
// Escape closes it, focus is never trapped in it, a tap on a touch screen
// follows the link (no preview); axe-core finds nothing
// with a preview open, in light and dark. And the print page: valid HTML
// (Nu checker) holding every article with its notes as endnotes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, SCREENSHOT_DIR, fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, watchPage, firstArticle } from '../lib/common.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar'));
const ROOT = fileRootUrl();
const BOX = '#dossier-preview';
// Longer than the hover delay of preview.js.
const SHOWN_MS = 3000;

let browser;

before(async () => {
  requireBook();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A context that cannot reach the network. */
async function offline(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  return context;
}

/** Every preview of the site, by key (a URL from the site root): the scripts `previews/<n>.js` that pages load, read from disk. */
function sitePreviews() {
  const dir = path.join(BOOK_DIR, 'previews');
  const data = {};
  for (const name of fs.readdirSync(dir)) {
    const js = fs.readFileSync(path.join(dir, name), 'utf8');
    const m = /^DOSSIER_PREVIEWS\.add\(([\s\S]*)\);\n$/.exec(js);
    assert.ok(m, `previews/${name} is not one call of DOSSIER_PREVIEWS.add`);
    Object.assign(data, JSON.parse(m[1]));
  }
  return data;
}

/** The previews a page's links lead to: the page must load the script that shows them. */
function previewsOf(rel) {
  const html = fs.readFileSync(path.join(BOOK_DIR, rel), 'utf8');
  assert.ok(/<script src="[^"]*preview\.js" data-shards="\d+"/.test(html), `${rel} does not load the previews`);
  return sitePreviews();
}

/** An article with actor and event mentions and notes (the first that has all three). */
function articleWithEverything() {
  const dir = path.join(BOOK_DIR, 'articles');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.html')).sort()) {
    const html = fs.readFileSync(path.join(dir, f), 'utf8');
    if (html.includes('mention-actor') && html.includes('mention-event') && html.includes('class="note-ref"')) {
      return `articles/${f}`;
    }
  }
  return firstArticle();
}

/** The key preview.js looks a link's page up by: its URL from the site root. */
async function keyOf(link) {
  return link.evaluate((a, root) => decodeURIComponent(a.href.split('#')[0].slice(root.length)), ROOT);
}

const ARTICLE = articleWithEverything();
/** An actor mention in the article body (not in a side note), whose actor has a role. */
async function actorMention(page, data) {
  const links = page.locator('.article-body a.mention-actor:not(.sidenote a)');
  for (let i = 0; i < (await links.count()); i++) {
    const link = links.nth(i);
    const item = data[await keyOf(link)];
    if (item && item.role && (await link.isVisible())) return { link, item };
  }
  throw new Error(`${ARTICLE}: no visible actor mention with a role`);
}

test('hovering an actor mention shows its name, role and counts; leaving it closes the preview', async () => {
  const context = await offline();
  const page = await context.newPage();
  const problems = watchPage(page, { isAllowedRequest: isFileRequest });
  // The scripts of previews a page loads: none until a link is pointed at.
  const loads = [];
  page.on('request', (r) => { if (r.url().includes('/previews/')) loads.push(r.url()); });
  await page.goto(ROOT + ARTICLE);
  const data = previewsOf(ARTICLE);
  const { link, item } = await actorMention(page, data);
  assert.equal(item.type, 'actor');
  assert.deepEqual(loads, [], 'previews loaded before any link was pointed at');
  // The role the preview shows is the one the actor's own page shows.
  const actorPage = fs.readFileSync(path.join(BOOK_DIR, await keyOf(link)), 'utf8');
  assert.ok(actorPage.includes(item.role.replace(/&/g, '&amp;')), `the actor page does not show the role "${item.role}"`);
  await link.hover();
  const box = page.locator(BOX);
  await box.waitFor({ state: 'visible', timeout: SHOWN_MS });
  assert.equal(loads.length, 1, `loaded ${loads.join(', ')}`);
  assert.ok(loads[0].startsWith('file://'), loads[0]);
  const text = await box.innerText();
  assert.ok(text.includes(item.role), `preview "${text}" lacks the role "${item.role}"`);
  assert.ok(text.includes(item.name), `preview "${text}" lacks the name "${item.name}"`);
  assert.match(text, /\d+ mentions? in \d+ articles?/);
  assert.equal(await box.getAttribute('role'), 'tooltip');
  assert.match(await link.getAttribute('aria-describedby'), /dossier-preview/);
  // The pointer may move onto the preview (it stays), then away (it closes).
  await box.hover();
  await page.waitForTimeout(500);
  assert.ok(await box.isVisible(), 'the preview closed while the pointer was over it');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'preview-hover-light.png') });
  await page.mouse.move(5, 5);
  await box.waitFor({ state: 'hidden', timeout: SHOWN_MS });
  assert.equal(await link.getAttribute('aria-describedby'), null, 'aria-describedby left behind');
  await context.close();
  assertNoProblems('hover preview', problems);
});

test('keyboard: Tab to a mention shows its preview, Escape closes it, Tab moves on (no trap)', async () => {
  const context = await offline();
  const page = await context.newPage();
  await page.goto(ROOT + ARTICLE);
  const data = previewsOf(ARTICLE);
  const box = page.locator(BOX);
  // Tab from the top of the page to the first link with a preview.
  let key = null;
  for (let i = 0; i < 300 && !key; i++) {
    await page.keyboard.press('Tab');
    key = await page.evaluate((root) => {
      const a = document.activeElement;
      if (!a || a.tagName !== 'A' || !a.closest('main') || !a.href.startsWith(root)) return null;
      // A link within the page (its notes, its lists) previews no item.
      if (a.href.split('#')[0] === location.href.split('#')[0]) return null;
      return decodeURIComponent(a.href.split('#')[0].slice(root.length));
    }, ROOT);
    if (key && !data[key]) key = null;
  }
  assert.ok(key, 'no link with a preview reached by Tab');
  await box.waitFor({ state: 'visible', timeout: SHOWN_MS });
  const item = data[key];
  const text = await box.innerText();
  assert.ok(text.includes(item.name || item.title), `focus preview "${text}" lacks "${item.name || item.title}"`);
  await page.evaluate(() => { window.focusedBefore = document.activeElement; });
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'hidden', timeout: SHOWN_MS });
  assert.ok(await page.evaluate(() => document.activeElement === window.focusedBefore), 'Escape moved focus');
  await page.keyboard.press('Tab');
  const after = await page.evaluate(() => ({
    same: document.activeElement === window.focusedBefore,
    inBox: !!document.activeElement.closest('#dossier-preview'),
  }));
  assert.equal(after.same, false, 'Tab did not move focus on');
  assert.equal(after.inBox, false, 'focus went into the preview');
  await context.close();
});

test('arriving at a mention by its #fragment shows no preview over it; Tab away and back shows one', async () => {
  const context = await offline();
  const page = await context.newPage();
  await page.goto(ROOT + ARTICLE);
  const { link, item } = await actorMention(page, previewsOf(ARTICLE));
  const id = await link.getAttribute('id');
  assert.ok(id, 'a mention has an element id');
  // From another page, as a link on an actor page leads there; then
  // within the page, as a link there would.
  await page.goto(ROOT + 'index.html');
  await page.goto(ROOT + ARTICLE + '#' + id);
  await page.waitForLoadState('load');
  await page.waitForTimeout(SHOWN_MS);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), id, 'the mention has focus');
  assert.equal(await page.locator(BOX).isVisible(), false, 'a preview opened over the passage the reader came to');
  await page.evaluate(() => { document.activeElement.blur(); location.hash = ''; });
  await page.evaluate((target) => { location.hash = target; }, id);
  await page.waitForTimeout(SHOWN_MS);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), id, 'the mention has focus');
  assert.equal(await page.locator(BOX).isVisible(), false, 'a preview opened over the passage the reader came to');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), id);
  await page.waitForFunction(
    (name) => { const b = document.querySelector('#dossier-preview'); return b && !b.hidden && b.innerText.includes(name); },
    item.name, { timeout: SHOWN_MS });
  await context.close();
});

test('an event mention previews its date; a note reference previews its note', async () => {
  const context = await offline();
  const page = await context.newPage();
  await page.goto(ROOT + ARTICLE);
  const data = previewsOf(ARTICLE);
  const box = page.locator(BOX);
  const event = page.locator('.article-body a.mention-event').first();
  const item = data[await keyOf(event)];
  assert.equal(item?.type, 'event', 'no event preview data for the first event mention');
  await event.focus();
  await box.waitFor({ state: 'visible', timeout: SHOWN_MS });
  let text = await box.innerText();
  assert.ok(text.includes(item.date), `event preview "${text}" lacks the date "${item.date}"`);
  assert.ok(text.includes(item.title), `event preview "${text}" lacks the title`);
  if (item.uncertain) assert.match(text, /uncertain/);
  // A note reference: its note's kind and text.
  const ref = page.locator('.note-ref a').first();
  const id = (await ref.getAttribute('href')).slice(1);
  const note = page.locator(`[id="${id}"]`);
  const noteText = (await note.locator('.note-p').first().textContent()).trim();
  const kind = (await note.locator('.note-kind').textContent()).trim();
  await ref.hover();
  await page.waitForFunction((t) => document.querySelector('#dossier-preview:not([hidden])')?.textContent.includes(t), noteText.slice(0, 40), { timeout: SHOWN_MS });
  text = await box.textContent();
  assert.ok(text.includes(kind), `note preview "${text}" lacks the kind "${kind}"`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'preview-note-light.png') });
  await context.close();
});

/** Rectangles that overlap (by more than a pixel each way). */
const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
  test(`a link that wraps to several lines: its preview is below its last line, or above its first, never over it (${viewport.width}×${viewport.height})`, async () => {
    const context = await offline({ viewport });
    const page = await context.newPage();
    // An actor page's list of every mention: long links that wrap.
    const actor = fs.readdirSync(path.join(BOOK_DIR, 'actors')).filter((n) => n.endsWith('.html') && n !== 'index.html').sort()
      .map((n) => `actors/${n}`)
      .sort((a, b) => fs.statSync(path.join(BOOK_DIR, b)).size - fs.statSync(path.join(BOOK_DIR, a)).size)[0];
    await page.goto(ROOT + actor);
    const data = sitePreviews();
    const links = page.locator('main .mentions a[href]');
    let wrapped = null;
    for (let i = 0; i < (await links.count()) && !wrapped; i++) {
      const link = links.nth(i);
      if (!data[await keyOf(link)]) continue;
      if ((await link.evaluate((a) => a.getClientRects().length)) >= 2) wrapped = link;
    }
    assert.ok(wrapped, `${actor}: no link to an item wraps at ${viewport.width} px`);
    const problems = [];
    // In the middle of the window (room below), then at its foot (none).
    for (const where of ['center', 'end']) {
      await wrapped.evaluate((a, block) => a.scrollIntoView({ block }), where);
      await page.mouse.move(1, 1);
      await wrapped.evaluate((a) => a.blur());
      await wrapped.focus();
      await page.locator(BOX).waitFor({ state: 'visible', timeout: SHOWN_MS });
      const r = await wrapped.evaluate((a) => {
        const box = document.getElementById('dossier-preview').getBoundingClientRect();
        const lines = [...a.getClientRects()].map((x) => ({ top: x.top, bottom: x.bottom, left: x.left, right: x.right }));
        return { box: { top: box.top, bottom: box.bottom, left: box.left, right: box.right }, lines, vh: innerHeight };
      });
      const over = r.lines.filter((l) => overlaps(l, r.box));
      if (over.length) problems.push(`${where}: the preview (${Math.round(r.box.top)}–${Math.round(r.box.bottom)}) covers ${over.length} of the link's ${r.lines.length} lines (${r.lines.map((l) => `${Math.round(l.top)}–${Math.round(l.bottom)}`).join(', ')})`);
      if (r.box.bottom > r.vh || r.box.top < 0) problems.push(`${where}: the preview is out of the window (${Math.round(r.box.top)}–${Math.round(r.box.bottom)})`);
      if (where === 'center') await page.screenshot({ path: path.join(SCREENSHOT_DIR, `preview-wrapped-${viewport.width}.png`) });
      await page.keyboard.press('Escape');
    }
    await context.close();
    assertNoProblems(`preview of a wrapped link, ${viewport.width}×${viewport.height}`, problems);
  });
}

test('touch: a tap follows the link at once and shows no preview', async () => {
  const context = await offline({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(ROOT + ARTICLE);
  const box = page.locator(BOX);
  // A note reference: the tap leads to the note on the page, no preview.
  const ref = page.locator('.article-body .note-ref a').first();
  const hash = await ref.getAttribute('href');
  await ref.tap();
  await page.waitForFunction((h) => decodeURIComponent(location.hash) === h, hash, { timeout: 5000 });
  await page.waitForTimeout(SHOWN_MS);
  assert.equal(await box.isVisible(), false, 'a tap on a note reference showed a preview');
  // A mention: the first tap goes to its page.
  await page.evaluate(() => window.scrollTo(0, 0));
  const { link } = await actorMention(page, previewsOf(ARTICLE));
  const target = await link.evaluate((a) => a.href);
  await Promise.all([page.waitForURL(target, { timeout: 5000 }), link.tap()]);
  assert.equal(page.url(), target, 'the first tap did not follow the link');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'preview-touch-phone.png') });
  await context.close();
});

/** axe-core's violations in the page, one string per rule. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_SOURCE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core: zero violations with a preview open, ${scheme} mode`, async () => {
    const context = await offline();
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(ROOT + ARTICLE);
    const problems = [];
    for (const selector of ['.article-body a.mention-actor', '.article-body a.mention-event', '.note-ref a']) {
      await page.locator(selector).first().focus();
      await page.locator(BOX).waitFor({ state: 'visible', timeout: SHOWN_MS });
      for (const v of await axeViolations(page)) problems.push(`${selector}: ${v}`);
    }
    await page.locator('.article-body a.mention-actor').first().focus();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `preview-focus-${scheme}.png`) });
    await context.close();
    assertNoProblems(`axe-core with a preview open, ${scheme}`, problems);
  });
}

test('print.html: every article and every note, valid HTML; print pages and an article page pass the Nu checker', async () => {
  const print = fs.readFileSync(path.join(BOOK_DIR, 'print.html'), 'utf8');
  const problems = [];
  for (const f of fs.readdirSync(path.join(BOOK_DIR, 'articles')).filter((n) => n.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(BOOK_DIR, 'articles', f), 'utf8');
    const title = /<h1 id="article-title">([\s\S]*?)<\/h1>/.exec(html)[1];
    if (!print.includes(title)) problems.push(`print.html lacks the article "${title}"`);
    const slug = f.replace(/\.html$/, '');
    // The print copy's ids are the article page's, scoped by its place.
    const at = print.indexOf(`id="article-${slug}"`);
    const block = at < 0 ? '' : print.slice(at, print.indexOf('</article>', at));
    const ids = [...block.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    for (const [, id] of html.matchAll(/<span class="sidenote[^"]*" id="note-([^"]+)"/g)) {
      if (!ids.some((x) => x.endsWith(`-note-${id}`))) problems.push(`print.html lacks the endnote ${slug}#note-${id}`);
    }
  }
  const files = ['print.html', ARTICLE, ...fs.readdirSync(BOOK_DIR).filter((n) => /^print-\d+\.html$/.test(n))];
  let out;
  try {
    out = execFileSync('java', ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', ...files.map((f) => path.join(BOOK_DIR, f))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stderr || e.stdout;
  }
  for (const m of JSON.parse(out || '{"messages":[]}').messages || []) {
    if (m.type === 'error' || m.type === 'non-document-error') problems.push(`vnu: ${m.url?.split('/').pop()}:${m.lastLine}: ${m.message}`);
  }
  const context = await offline();
  const page = await context.newPage();
  await page.goto(ROOT + 'print.html');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'print-screen.png') });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'print-media.png') });
  for (const v of await axeViolations(page)) problems.push(`axe print.html: ${v}`);
  await context.close();
  assertNoProblems('print.html', problems);
});
