// The charts as a reader sees them: on an actor's strip the dossier's other
// events are drawn faint, all alike, whatever their dates (a multi-day event
// with an uncertain date once took the outline of the actor's own uncertain
// events, so the strip seemed to show more of the actor's events than its list);
// and on a tablet a timeline is drawn narrow, as on a phone (the wide drawing,
// shrunk to 768 px, had 8 px labels).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR, fileRootUrl, launchBrowser } from '../lib/config.js';
import { requireBook, isFileRequest, watchPage } from '../lib/common.js';

let browser;

before(async () => {
  requireBook();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Each mark of an actor's strip: its classes and how it is painted. */
function marksOf() {
  return [...document.querySelectorAll('svg.tl .tl-mark')].map((m) => {
    const s = getComputedStyle(m);
    return { cls: m.getAttribute('class'), paint: `${s.fill} ${s.fillOpacity} ${s.stroke}` };
  });
}

test("an actor's strip paints every other event of the dossier alike, its own apart", async () => {
  const actors = fs.readdirSync(path.join(BOOK_DIR, 'actors')).filter((n) => /^[^.]+\.html$/.test(n) && n !== 'index.html');
  const seen = new Set();
  let strips = 0;
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
    const page = await context.newPage();
    const problems = watchPage(page, { isAllowedRequest: isFileRequest });
    for (const name of actors) {
      await page.goto(fileRootUrl() + 'actors/' + name, { waitUntil: 'load' });
      const marks = await page.evaluate(marksOf);
      const context = marks.filter((m) => /\btl-context\b/.test(m.cls));
      const own = marks.filter((m) => !/\btl-context\b/.test(m.cls));
      if (!context.length || !own.length) continue;
      strips += 1;
      context.forEach((m) => seen.add(m.cls));
      const paints = new Set(context.map((m) => m.paint));
      assert.equal(paints.size, 1, `${scheme} ${name}: other events painted ${[...paints].join(' | ')} (${context.map((m) => m.cls).join(', ')})`);
      const [faint] = paints;
      const alike = own.filter((m) => m.paint === faint);
      assert.deepEqual(alike, [], `${scheme} ${name}: the actor's own events painted as the others`);
    }
    assert.deepEqual(problems, [], `${scheme}: console errors or requests`);
    await context.close();
  }
  assert.ok(strips > 0, 'no actor page has a strip with both its own and other events');
  assert.ok([...seen].some((c) => /tl-span/.test(c) && /tl-uncertain/.test(c)), `no uncertain multi-day other event on any strip: ${[...seen].join(', ')}`);
});

test('chart labels stay readable (11 px or more as drawn) from a phone to a desktop', async () => {
  const actor = fs.readdirSync(path.join(BOOK_DIR, 'actors')).find((n) => /^[^.]+\.html$/.test(n) && n !== 'index.html');
  const small = [];
  for (const width of [390, 768, 820, 1024, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route((u) => !isFileRequest(u.href), (r) => r.abort('blockedbyclient'));
    const page = await context.newPage();
    for (const rel of ['timeline.html', `actors/${actor}`]) {
      await page.goto(fileRootUrl() + rel, { waitUntil: 'load' });
      const sizes = await page.evaluate(() => [...document.querySelectorAll('svg.tl, svg.net')]
        .filter((s) => s.getBoundingClientRect().width > 0)
        .map((s) => {
          const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
          const label = s.querySelector('.tl-label, .net-label');
          return { chart: s.getAttribute('class'), px: label ? parseFloat(getComputedStyle(label).fontSize) * scale : null };
        }));
      for (const { chart, px } of sizes) {
        if (px !== null && px < 11) small.push(`${width} px, ${rel}, ${chart}: labels ${px.toFixed(1)} px`);
      }
    }
    await context.close();
  }
  assert.deepEqual(small, []);
});
