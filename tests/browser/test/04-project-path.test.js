// The book served like GitHub Pages serves a project site: under /kz-dossier/
// on a local HTTP server, with 404.html for every miss.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BOOK_DIR, SITE_PATH, launchBrowser, assertNoProblems } from '../lib/config.js';
import { requireBook } from '../lib/common.js';
import { crawl } from '../lib/crawl.js';
import { startServer } from '../lib/server.js';

let browser;
let server;

before(async () => {
  requireBook();
  server = await startServer({ root: BOOK_DIR, prefix: SITE_PATH });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const allowed = (u) => u.startsWith(server.origin + '/') || u.startsWith('data:');

test(`project path: crawl from http://127.0.0.1:PORT${SITE_PATH}index.html`, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { problems, pages, ms } = await crawl({
    context,
    rootUrl: server.siteUrl,
    bookDir: BOOK_DIR,
    isAllowedRequest: allowed,
    http: true,
  });
  await context.close();
  console.log(`# ${SITE_PATH} crawl: ${pages.size} pages in ${(ms / 1000).toFixed(1)} s`);
  assert.ok(pages.size > 1, `only ${pages.size} page(s) reached`);
  assertNoProblems('project-path crawl', problems);
});

for (const missing of ['articles/nope.html', 'a/b/missing.html']) {
  test(`404.html served for ${SITE_PATH}${missing}: stylesheet loads, links lead to existing pages`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route(
      (u) => !allowed(u.href),
      (r) => r.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    const problems = [];
    const url = server.siteUrl + missing;
    page.on('console', (m) => {
      // The document itself is a 404; Chromium logs that as an error.
      if (m.type() === 'error' && !(m.text().includes('404') && (m.location()?.url || '') === url)) problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught page error: ${e.message}`));
    page.on('request', (r) => {
      if (!allowed(r.url())) problems.push(`network request outside the site: ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      if (allowed(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    const sheets = [];
    page.on('response', (r) => {
      if (r.url() === url) return;
      if (r.request().resourceType() === 'stylesheet') sheets.push(`${r.status()} ${r.url()}`);
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    const resp = await page.goto(url, { waitUntil: 'load' });
    assert.equal(resp.status(), 404, `the test server should answer 404 for ${url}`);

    const facts = await page.evaluate(() => {
      let rules = 0;
      for (const s of document.styleSheets) {
        try {
          rules += s.cssRules.length;
        } catch {
          /* cross-origin: not ours */
        }
      }
      return {
        title: document.title,
        sheets: document.styleSheets.length,
        rules,
        links: Array.from(document.querySelectorAll('a[href]'), (a) => ({ raw: a.getAttribute('href'), abs: a.href, text: a.textContent.trim() })),
        ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
        heads: Array.from(document.querySelectorAll('link[href]'), (l) => ({ rel: l.getAttribute('rel'), raw: l.getAttribute('href'), abs: l.href })),
      };
    });
    console.log(`# 404 at ${missing}: "${facts.title}", stylesheets: ${sheets.join(', ') || 'none'}, ${facts.rules} CSS rules, ${facts.links.length} links`);
    if (!sheets.some((s) => s.startsWith('200 '))) problems.push(`no stylesheet loaded (responses: ${sheets.join(', ') || 'none'})`);
    if (facts.rules === 0) problems.push('the page has no CSS rules applied');

    const site = new URL(server.siteUrl);
    const home = new Set([site.href, site.href + 'index.html']);
    let homeLink = null;
    for (const l of facts.links) {
      const u = new URL(l.abs);
      if (u.origin !== site.origin) continue; // external
      const target = u.origin + u.pathname;
      if (l.raw.startsWith('#')) {
        // A link within the page (e.g. "Skip to content"): its id must be here.
        const id = decodeURIComponent(u.hash.slice(1));
        if (id && id !== 'top' && !facts.ids.includes(id)) problems.push(`link "${l.raw}" (${l.text}): no element with id="${id}" on the 404 page`);
        continue;
      }
      if (home.has(target)) homeLink = homeLink || l;
      if (!u.pathname.startsWith(site.pathname)) {
        problems.push(`link "${l.raw}" (${l.text}) → ${u.pathname}: outside ${SITE_PATH}`);
        continue;
      }
      const r = await fetch(target, { method: 'HEAD', redirect: 'manual' });
      if (r.status !== 200) problems.push(`link "${l.raw}" (${l.text}) → ${u.pathname}: HTTP ${r.status}`);
    }
    // <link> elements too (feed, canonical, icons): from any depth they must name real files.
    for (const l of facts.heads) {
      const u = new URL(l.abs);
      if (u.origin !== site.origin) continue;
      if (!u.pathname.startsWith(site.pathname)) {
        problems.push(`<link rel="${l.rel}" href="${l.raw}"> → ${u.pathname}: outside ${SITE_PATH}`);
        continue;
      }
      const r = await fetch(u.origin + u.pathname, { method: 'HEAD', redirect: 'manual' });
      if (r.status !== 200) problems.push(`<link rel="${l.rel}" href="${l.raw}"> → ${u.pathname}: HTTP ${r.status}`);
    }
    if (!homeLink) {
      problems.push(`no link to the home page (${SITE_PATH}index.html or ${SITE_PATH}); links: ${facts.links.map((l) => `"${l.raw}" → ${new URL(l.abs).pathname}`).join(', ')}`);
    }
    await context.close();
    assertNoProblems(`404 at ${missing}`, problems);
  });
}
