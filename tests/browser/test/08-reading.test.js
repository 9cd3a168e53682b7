// Small things a reader meets on an article page, from file://:
// - the names links are announced by (Chromium's own accessibility tree):
//   a dot or an arrow the stylesheet adds for the eye is no part of them;
// - mentions' underlines stand out from what is behind them (at least 3:1,
//   WCAG 1.4.11) in light and dark mode, on the page, in a highlight, in a
//   note and when a mention is the target of the address;
// - in a forced-colours mode (Windows' contrast themes), where the kinds'
//   colours are gone, each kind keeps a line under its highlights of its
//   own, and the legend shows that line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileRootUrl, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook, isFileRequest, articleWithMostNotes } from '../lib/common.js';

const ROOT = fileRootUrl();

let browser;

before(async () => {
  requireBook();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const ARTICLE = articleWithMostNotes();

async function offlinePage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
  return { context, page: await context.newPage() };
}

/** The accessible names Chromium gives the elements `selector` finds (its accessibility tree, by CDP). */
async function accessibleNames(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const names = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes.find((n) => !n.ignored) || nodes[0];
    names.push(node?.name?.value ?? '');
  }
  await cdp.detach();
  return names;
}

test('a note reference in the text is announced as "Note 1", not a bare number', async () => {
  const { context, page } = await offlinePage();
  await page.goto(ROOT + ARTICLE);
  const texts = await page.$$eval('.article-body .note-ref a', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(texts.length > 0, `${ARTICLE}: no note references`);
  const names = await accessibleNames(page, '.article-body .note-ref a');
  const problems = names.map((name, i) => (name === `Note ${texts[i]}` ? null : `note ${texts[i]}: announced as "${name}"`)).filter(Boolean);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a note's number, the link back to its passage, is announced by its number alone (not \"1 ·\")", async () => {
  const { context, page } = await offlinePage();
  await page.goto(ROOT + ARTICLE);
  const texts = await page.$$eval('.sidenote a.note-num', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(texts.length > 0, `${ARTICLE}: no note numbers`);
  const names = await accessibleNames(page, '.sidenote a.note-num');
  const problems = names.map((name, i) => (name.trim() === texts[i] ? null : `note ${texts[i]}: announced as "${name}"`)).filter(Boolean);
  // The dot is still drawn.
  const dot = await page.$eval('.sidenote a.note-num', (a) => getComputedStyle(a, '::after').content);
  assert.match(dot, /·/, 'the dot after the number is gone');
  // "More" links: their arrow is drawn, not read.
  await page.goto(ROOT + 'index.html');
  const more = await page.$$eval('.more a', (as) => as.map((a) => a.textContent.trim()));
  const moreNames = await accessibleNames(page, '.more a');
  moreNames.forEach((name, i) => { if (name.trim() !== more[i]) problems.push(`"${more[i]}" link: announced as "${name}"`); });
  await context.close();
  assertNoProblems('names of links', problems);
});

/** Contrast of each mention's underline against what is behind it: [{id, where, ratio}]. */
function underlineContrasts() {
  const rgb = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => { const a = lum(x), b = lum(y); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  // The first opaque background from the element up.
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return { c, where: e.localName + (e.className ? '.' + String(e.className).split(' ').join('.') : '') };
    }
    return { c: { r: 255, g: 255, b: 255 }, where: 'canvas' };
  };
  return [...document.querySelectorAll('main a.mention')].map((a) => {
    const s = getComputedStyle(a);
    const line = rgb(s.textDecorationColor);
    // A highlight may be inside the mention (<a><mark>BBC</mark></a>): the
    // underline is drawn on it.
    const { c, where } = behind(a.querySelector('mark') || a);
    return { id: a.id || a.textContent, where, ratio: Math.round(ratio(line, c) * 100) / 100 };
  });
}

for (const scheme of ['light', 'dark']) {
  test(`mentions' underlines have at least 3:1 contrast with what is behind them, ${scheme} mode`, async () => {
    const problems = [];
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
      const { context, page } = await offlinePage({ viewport, colorScheme: scheme });
      await page.goto(ROOT + ARTICLE);
      const all = await page.evaluate(underlineContrasts);
      assert.ok(all.length > 0, 'no mentions');
      assert.ok(all.some((x) => /mark/.test(x.where)), 'no mention inside a highlight');
      // A mention that is the target of the address (its own background).
      const id = all.find((x) => x.where.startsWith('body'))?.id;
      assert.ok(id, 'no mention on the page itself');
      await page.evaluate((x) => { location.hash = x; }, id);
      await page.waitForTimeout(100);
      all.push(...(await page.evaluate(underlineContrasts)).filter((x) => x.id === id).map((x) => ({ ...x, where: x.where + ' (:target)' })));
      const seen = new Set();
      for (const x of all) {
        const key = `${x.where} ${x.ratio}`;
        if (x.ratio < 3 && !seen.has(key)) { seen.add(key); problems.push(`${viewport.width}px: #${x.id} on ${x.where}: ${x.ratio}:1`); }
      }
      await context.close();
    }
    assertNoProblems(`mention underlines, ${scheme}`, problems);
  });
}

test('in a forced-colours mode each kind of highlight keeps a line of its own, and the legend shows it', async () => {
  const { context, page } = await offlinePage({ forcedColors: 'active' });
  await page.goto(ROOT + ARTICLE, { waitUntil: 'load' });
  const seen = await page.evaluate(() => {
    const kindOf = (el) => [...el.classList].find((c) => c.startsWith('ann-') && c !== 'ann');
    const marks = {};
    for (const m of document.querySelectorAll('.article-body mark.ann')) {
      const s = getComputedStyle(m);
      marks[kindOf(m)] = s.textDecorationLine === 'none' ? 'none' : s.textDecorationStyle;
    }
    const swatches = {};
    for (const w of document.querySelectorAll('.legend-compact .swatch')) {
      const line = getComputedStyle(w, '::after');
      swatches[kindOf(w)] = {
        line: line.textDecorationLine === 'none' ? 'none' : line.textDecorationStyle,
        shown: getComputedStyle(w).forcedColorAdjust === 'none' && w.getBoundingClientRect().width > 4,
      };
    }
    return { marks, swatches };
  });
  await context.close();
  const kinds = Object.keys(seen.marks);
  assert.ok(kinds.length >= 3, `${ARTICLE}: highlights of ${kinds.length} kinds`);
  const lines = kinds.map((k) => seen.marks[k]);
  assert.equal(new Set(lines).size, lines.length, `one line per kind: ${JSON.stringify(seen.marks)}`);
  for (const k of kinds) {
    assert.ok(seen.swatches[k]?.shown, `${k}: its swatch shows in the legend`);
    assert.equal(seen.swatches[k].line, seen.marks[k], `${k}: the legend draws the highlight's line`);
  }
});

test('the index\'s side column stays beside the introduction and all of it can be reached in a short window', async () => {
  const { context, page } = await offlinePage({ viewport: { width: 1366, height: 560 } });
  await page.goto(ROOT + 'index.html', { waitUntil: 'load' });
  const r = await page.evaluate(async () => {
    const g = document.querySelector('.index-lead .glance');
    scrollTo(0, 400);
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const box = g.getBoundingClientRect();
    g.scrollTop = g.scrollHeight;
    const last = [...g.querySelectorAll('a')].at(-1).getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, lastBottom: last.bottom, vh: innerHeight, position: getComputedStyle(g).position };
  });
  await context.close();
  assert.equal(r.position, 'sticky');
  assert.ok(r.bottom <= r.vh, `the column ends inside the window (${Math.round(r.bottom)} > ${r.vh})`);
  assert.ok(r.lastBottom <= r.vh, `its last link can be scrolled into view (${Math.round(r.lastBottom)} > ${r.vh})`);
});
