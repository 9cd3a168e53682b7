// Breadth-first crawler: opens every same-site HTML page reachable from the
// start page in real Chromium and reports everything that is wrong at once.
//
// Checked on every page:
//   - console errors, uncaught page errors, failed requests, HTTP errors
//   - any request outside the site (file:/data: only on file://, the test
//     server's origin only over HTTP): the dossier must not touch the network
//   - every <a>/<area> href and <form action> that resolves inside the site:
//     the target exists, is not a directory link (…/ instead of …/index.html)
//     and, when it has a #fragment, the target page has an element with that id
//   - hrefs that leave the site root on the same scheme/origin (e.g. "/x.html"
//     on file://) — they break on file:// or under a project path
//   - every stylesheet/script/image reference is local (or data:) and exists
//   - the header holds a search form (or link) that leads to search.html
import fs from 'node:fs';
import path from 'node:path';

const MAX_PAGES = 5000;

/**
 * @param {object} o
 * @param {import('playwright-core').BrowserContext} o.context
 * @param {string} o.rootUrl   site root URL with trailing slash
 * @param {string} o.bookDir   directory the root URL maps to
 * @param {string} [o.start]   start page relative to the root (default index.html)
 * @param {(url: string) => boolean} o.isAllowedRequest
 * @param {boolean} [o.http]   true when served over HTTP (checks status codes)
 */
export async function crawl({ context, rootUrl, bookDir, start = 'index.html', isAllowedRequest, http = false }) {
  const root = new URL(rootUrl);
  const problems = []; // strings
  const grouped = new Map(); // problem text -> Set of pages (for link problems repeated on many pages)
  const pages = new Map(); // page key (no hash/query) -> info
  const fragmentChecks = []; // { key, id, from, href }
  const queue = [];
  const queued = new Set();

  const rel = (u) => {
    const s = typeof u === 'string' ? u : u.href;
    return s.startsWith(rootUrl) ? s.slice(rootUrl.length) || '(root)' : s;
  };
  const addGrouped = (msg, page) => {
    if (!grouped.has(msg)) grouped.set(msg, new Set());
    grouped.get(msg).add(rel(page));
  };
  const inSite = (u) => u.origin === root.origin && u.protocol === root.protocol && u.pathname.startsWith(root.pathname);
  const sameScheme = (u) => u.protocol === root.protocol && (u.protocol === 'file:' || u.origin === root.origin);
  const toFile = (u) => {
    let p;
    try {
      p = decodeURIComponent(u.pathname.slice(root.pathname.length));
    } catch {
      return null;
    }
    return path.join(bookDir, p);
  };
  const keyOf = (u) => u.origin + u.pathname;
  const isHtml = (p) => /\.html?$/i.test(p);
  const enqueue = (u) => {
    const k = keyOf(u);
    if (queued.has(k)) return;
    queued.add(k);
    const clean = new URL(u.href);
    clean.hash = '';
    clean.search = '';
    queue.push(clean.href);
  };

  /** Checks one in-site reference; returns the resolved file or null. */
  const checkTarget = (u, from, what, raw) => {
    if (u.pathname.endsWith('/')) {
      addGrouped(`${what} to a directory "${raw}" (→ ${rel(u)}): link to …/index.html instead`, from);
      return null;
    }
    const file = toFile(u);
    if (file === null) {
      addGrouped(`${what} "${raw}" has a malformed percent-encoding`, from);
      return null;
    }
    let st = null;
    try {
      st = fs.statSync(file);
    } catch {
      /* missing */
    }
    if (!st) {
      addGrouped(`broken ${what} "${raw}" (→ ${rel(u)}: no such file in the book)`, from);
      return null;
    }
    if (st.isDirectory()) {
      addGrouped(`${what} to a directory "${raw}" (→ ${rel(u)}): link to …/index.html instead`, from);
      return null;
    }
    return file;
  };

  const page = await context.newPage();
  let current = null; // problems of the page being loaded
  const note = (msg) => (current ? current.push(msg) : problems.push(msg));

  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    note(`console error: ${m.text()}${loc && loc.url ? ` (${rel(loc.url)}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => note(`uncaught page error: ${e.message}`));
  let visit = 0; // which navigation a request belongs to
  const visitOf = new WeakMap();
  page.on('request', (r) => {
    visitOf.set(r, visit);
    if (!isAllowedRequest(r.url())) note(`network request outside the site: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (!isAllowedRequest(r.url())) return; // already reported, and aborted by the route below
    const err = r.failure()?.errorText || 'unknown error';
    // A request of the previous page cut short by our navigation is not a fault.
    if (visitOf.get(r) !== visit && /ERR_ABORTED/.test(err)) return;
    note(`request failed: ${rel(r.url())} (${err})`);
  });
  if (http) {
    page.on('response', (r) => {
      if (r.status() >= 400) note(`HTTP ${r.status()} for ${rel(r.url())}`);
    });
  }
  // Never let a request leave the machine, whatever the page asks for.
  await page.route(
    (u) => !isAllowedRequest(u.href),
    (route) => route.abort('blockedbyclient'),
  );

  enqueue(new URL(start, rootUrl));
  const t0 = Date.now();
  while (queue.length > 0 && pages.size < MAX_PAGES) {
    const url = queue.shift();
    current = [];
    visit++;
    let info = null;
    try {
      const resp = await page.goto(url, { waitUntil: 'load', timeout: 20000 });
      if (http && resp && resp.status() !== 200) current.push(`page answered HTTP ${resp.status()}`);
      // Give deferred scripts a moment to throw, if they are going to.
      await page.waitForTimeout(10);
      info = await page.evaluate(collectPageInfo);
    } catch (e) {
      current.push(`could not load the page: ${e.message.split('\n')[0]}`);
    }
    const pageProblems = current;
    current = null;
    const u = new URL(url);
    pages.set(keyOf(u), { url, info, problems: pageProblems });
    for (const p of pageProblems) problems.push(`${rel(url)}: ${p}`);
    if (!info) continue;

    // Links and form actions.
    const refs = [
      ...info.links.map((l) => ({ ...l, what: 'link' })),
      ...info.forms.map((f) => ({ raw: f.raw, abs: f.abs, what: 'form action' })),
    ];
    for (const ref of refs) {
      const raw = ref.raw;
      if (raw === null) continue;
      let t;
      try {
        t = new URL(ref.abs);
      } catch {
        addGrouped(`unparseable ${ref.what} "${raw}"`, url);
        continue;
      }
      if (!['file:', 'http:', 'https:'].includes(t.protocol)) continue; // mailto:, tel:, …
      if (!inSite(t)) {
        if (sameScheme(t)) addGrouped(`${ref.what} "${raw}" leaves the site root (→ ${t.href}); links must be relative`, url);
        continue; // external link: fine, it is not a request
      }
      const file = checkTarget(t, url, ref.what, raw);
      if (!file) continue;
      if (isHtml(file)) {
        enqueue(t);
        if (t.hash && t.hash !== '#' && !t.hash.startsWith('#:~:')) {
          let id;
          try {
            id = decodeURIComponent(t.hash.slice(1));
          } catch {
            id = t.hash.slice(1);
          }
          if (id !== 'top') fragmentChecks.push({ key: keyOf(t), id, from: url, raw });
        }
      }
    }

    // Sub-resources named in the markup (also those the browser may not fetch, e.g. icons).
    for (const r of info.resources) {
      let t;
      try {
        t = new URL(r.abs);
      } catch {
        addGrouped(`unparseable ${r.what} "${r.raw}"`, url);
        continue;
      }
      if (t.protocol === 'data:') continue;
      if (!inSite(t)) {
        if (r.mayBeExternal && !sameScheme(t)) continue;
        addGrouped(`${r.what} "${r.raw}" is not a file of the site (→ ${t.href})`, url);
        continue;
      }
      checkTarget(t, url, r.what, r.raw);
    }

    // A search form (or link) in the header that leads to search.html.
    const searchTarget = new URL('search.html', rootUrl);
    const leadsToSearch = (abs) => {
      try {
        const x = new URL(abs);
        return keyOf(x) === keyOf(searchTarget);
      } catch {
        return false;
      }
    };
    if (!info.hasHeader) {
      addGrouped('page has no <header> (banner landmark)', url);
    } else if (!info.headerForms.some(leadsToSearch) && !info.headerLinks.some(leadsToSearch)) {
      addGrouped('header has no search form/link leading to search.html', url);
    }
  }
  await page.close();
  if (queue.length > 0) problems.push(`crawl stopped after ${MAX_PAGES} pages; ${queue.length} left`);

  // Fragments, now that every reachable page has been seen.
  for (const f of fragmentChecks) {
    const target = pages.get(f.key);
    if (!target || !target.info) continue; // its load problem is reported already
    if (!target.info.ids.includes(f.id)) {
      addGrouped(`link "${f.raw}": no element with id="${f.id}" on ${rel(target.url)}`, f.from);
    }
  }

  for (const [msg, froms] of grouped) {
    const list = [...froms];
    const shown = list.slice(0, 5).join(', ') + (list.length > 5 ? `, … (${list.length} pages)` : '');
    problems.push(`${msg} — on ${shown}`);
  }

  return { problems, pages, ms: Date.now() - t0 };
}

/** Runs in the page: everything the crawler needs to know about it. */
function collectPageInfo() {
  const all = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const ids = all('[id]').map((e) => e.id);
  for (const a of all('a[name]')) ids.push(a.getAttribute('name'));
  // SVG <a> elements (e.g. a timeline strip) have no string .href: resolve by hand.
  const resolve = (raw) => {
    try {
      return new URL(raw, document.baseURI).href;
    } catch {
      return '';
    }
  };
  const links = all('a[href], area[href], a[*|href]').map((a) => {
    const raw = a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    return { raw, abs: resolve(raw) };
  });
  const forms = all('form').map((f) => ({
    raw: f.getAttribute('action'),
    abs: f.action,
  }));
  const resources = [];
  for (const s of all('script[src]')) resources.push({ what: 'script', raw: s.getAttribute('src'), abs: s.src });
  for (const l of all('link[href]')) {
    const relAttr = (l.getAttribute('rel') || '').toLowerCase().split(/\s+/);
    if (relAttr.some((r) => ['stylesheet', 'icon', 'preload', 'modulepreload', 'manifest', 'apple-touch-icon', 'prefetch', 'alternate'].includes(r))) {
      // A feed or translation may live elsewhere; stylesheets, icons and the like may not.
      const mayBeExternal = relAttr.includes('alternate') && !relAttr.includes('stylesheet');
      resources.push({ what: `<link rel="${l.getAttribute('rel')}">`, raw: l.getAttribute('href'), abs: l.href, mayBeExternal });
    }
  }
  for (const e of all('img[src], source[src], video[src], audio[src], iframe[src], embed[src], track[src], input[type=image][src]')) {
    resources.push({ what: `<${e.localName}>`, raw: e.getAttribute('src'), abs: e.src });
  }
  for (const o of all('object[data]')) resources.push({ what: '<object>', raw: o.getAttribute('data'), abs: o.data });
  const header = document.querySelector('header, [role=banner]');
  const headers = all('header, [role=banner]');
  const headerForms = headers.flatMap((h) => all('form', h).map((f) => f.action));
  const headerLinks = headers.flatMap((h) => all('a[href]', h).map((a) => a.href));
  const images = all('img');
  const labelled = (el) =>
    el.hasAttribute('aria-label') ||
    el.hasAttribute('aria-labelledby') ||
    el.hasAttribute('title') ||
    (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) ||
    el.closest('label');
  const controls = all('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea');
  return {
    title: document.title,
    ids,
    links,
    forms,
    resources,
    hasHeader: !!header,
    headerForms,
    headerLinks,
    a11y: {
      lang: document.documentElement.getAttribute('lang') || '',
      title: document.title.trim(),
      mains: all('main, [role=main]').length,
      h1: all('h1').length,
      viewport: !!document.querySelector('meta[name=viewport]'),
      imgsWithoutAlt: images.filter((i) => !i.hasAttribute('alt')).map((i) => i.getAttribute('src')),
      unlabelledControls: controls.filter((c) => !labelled(c)).map((c) => c.outerHTML.slice(0, 80)),
      duplicateIds: (() => {
        const seen = new Set();
        const dup = new Set();
        for (const id of ids) (seen.has(id) ? dup : seen).add(id);
        return [...dup].slice(0, 10);
      })(),
      emptyLinks: all('a[href]')
        .filter((a) => !a.textContent.trim() && !a.getAttribute('aria-label') && !a.querySelector('img[alt]:not([alt=""])') && !a.getAttribute('title'))
        .map((a) => a.getAttribute('href'))
        .slice(0, 10),
    },
  };
}
