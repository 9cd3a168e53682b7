// Helpers shared by the test files.
import fs from 'node:fs';
import path from 'node:path';
import { BOOK_DIR } from './config.js';

/** Throws a clear error when the book has not been built. */
export function requireBook() {
  if (!fs.existsSync(path.join(BOOK_DIR, 'index.html'))) {
    throw new Error(`no built dossier at ${BOOK_DIR} (run \`cargo run --release -- build\` or set BOOK_DIR)`);
  }
}

/** Attaches listeners that collect console errors, page errors and failed/outside requests. */
export function watchPage(page, { isAllowedRequest, label = () => page.url() }) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${label()}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${label()}: uncaught page error: ${e.message}`));
  // Which page a request was made for: a page's own navigation away starts
  // the next one (the crawler's rule, lib/crawl.js).
  let visit = 0;
  const visitOf = new WeakMap();
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) visit += 1;
    visitOf.set(r, visit);
    if (!isAllowedRequest(r.url())) problems.push(`${label()}: network request outside the site: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (!isAllowedRequest(r.url())) return;
    const err = r.failure()?.errorText || 'unknown error';
    // A request of the previous page cut short by the navigation away from
    // it (a script a hover asked for, say) is not a fault.
    if (visitOf.get(r) !== visit && /ERR_ABORTED/.test(err)) return;
    problems.push(`${label()}: request failed: ${r.url()} (${err})`);
  });
  return problems;
}

export const isFileRequest = (u) => u.startsWith('file:') || u.startsWith('data:');

/** The first article page of the book (alphabetically), relative to the book root. */
export function firstArticle() {
  const dir = path.join(BOOK_DIR, 'articles');
  if (!fs.existsSync(dir)) return null;
  const f = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.html') && n !== 'index.html')
    .sort()[0];
  return f ? `articles/${f}` : null;
}

/** The book's article with the most side notes (`articles/<file>`). */
export function articleWithMostNotes() {
  const dir = path.join(BOOK_DIR, 'articles');
  let best = null, most = 0;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.html')).sort()) {
    const n = (fs.readFileSync(path.join(dir, f), 'utf8').match(/<span class="sidenote[^"]*" id="note-/g) || []).length;
    if (n > most) { most = n; best = `articles/${f}`; }
  }
  return best;
}
