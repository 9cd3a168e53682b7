// Shared configuration of the browser suite.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Repository root (tests/browser/lib/../../..). */
export const REPO_ROOT = path.resolve(here, '..', '..', '..');

/** The built site under test; `BOOK_DIR` overrides (e.g. a hand-made mock). */
export const BOOK_DIR = path.resolve(process.env.BOOK_DIR || path.join(REPO_ROOT, 'book'));

/** The GitHub Pages project path the site is served under in the HTTP tests. */
export const SITE_PATH = normalisePrefix(process.env.SITE_PATH || '/kz-dossier/');

/** Where screenshots go (gitignored). */
export const SCREENSHOT_DIR = path.resolve(
  process.env.SCREENSHOT_DIR || path.join(REPO_ROOT, 'tests', 'browser', 'screenshots'),
);

/** A query that is known to occur in the dossier. */
export const SEARCH_QUERY = process.env.SEARCH_QUERY || 'Tokayev';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** file:// URL of the book root, with a trailing slash. */
export function fileRootUrl(bookDir = BOOK_DIR) {
  const u = pathToFileURL(bookDir).href;
  return u.endsWith('/') ? u : u + '/';
}

function normalisePrefix(p) {
  let s = p.startsWith('/') ? p : '/' + p;
  if (!s.endsWith('/')) s += '/';
  return s;
}

/** Formats a list of problems as one readable assertion message. */
export function report(title, problems) {
  if (problems.length === 0) return '';
  const lines = problems.map((p) => '  - ' + p.replace(/\n/g, '\n    '));
  return `${title}: ${problems.length} problem(s)\n${lines.join('\n')}`;
}

/** Fails with every problem listed (no diff noise) when there are any. */
export function assertNoProblems(title, problems) {
  if (problems.length > 0) {
    const err = new Error(report(title, problems));
    err.name = 'Problems';
    throw err;
  }
}
