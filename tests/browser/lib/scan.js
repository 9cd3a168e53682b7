// Static scan of every file of the book (not only the pages a crawl reaches).
import fs from 'node:fs';
import path from 'node:path';

export function walk(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else out.push(p);
    }
  }
  return out.sort();
}

// Network APIs a page of the dossier has no business calling: on file://
// Chromium blocks fetch()/XHR of local files, and the site must work offline.
const NETWORK_APIS = [
  [/\bfetch\s*\(/, 'fetch('],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\bnew\s+WebSocket\s*\(/, 'WebSocket'],
  [/\bnew\s+EventSource\s*\(/, 'EventSource'],
  [/\bsendBeacon\s*\(/, 'navigator.sendBeacon('],
  [/\bimport\s*\(\s*['"`]/, 'dynamic import()'],
];

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** Returns { problems, htmlFiles, scriptFiles }. */
export function scanBook(bookDir) {
  const problems = [];
  const files = walk(bookDir);
  const rel = (p) => path.relative(bookDir, p);
  const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
  const scriptFiles = new Set(files.filter((f) => /\.m?js$/i.test(f)));

  const scanScript = (code, where) => {
    for (const [re, name] of NETWORK_APIS) {
      const m = re.exec(code);
      if (m) {
        const line = code.slice(0, m.index).split('\n').length;
        problems.push(`${where}:${line}: uses ${name} (the dossier must work from file:// with no network)`);
      }
    }
  };

  for (const f of htmlFiles) {
    const html = fs.readFileSync(f, 'utf8');
    const scriptRe = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
    let m;
    while ((m = scriptRe.exec(html))) {
      const attrs = m[1];
      const line = html.slice(0, m.index).split('\n').length;
      const type = /\btype\s*=\s*(["']?)([^"'\s>]+)\1/i.exec(attrs);
      if (type && type[2].toLowerCase() === 'module') {
        problems.push(`${rel(f)}:${line}: <script type="module"> (blocked by CORS on file://)`);
      }
      const src = /\bsrc\s*=\s*(["']?)([^"'\s>]+)\1/i.exec(attrs);
      if (src) {
        const s = src[2];
        if (REMOTE.test(s)) {
          problems.push(`${rel(f)}:${line}: script from the network: ${s}`);
        } else if (!s.startsWith('data:')) {
          const target = path.resolve(path.dirname(f), decodeURIComponent(s.split(/[?#]/)[0]));
          if (s.startsWith('/')) problems.push(`${rel(f)}:${line}: script src "${s}" is root-absolute (breaks on file://)`);
          else if (!fs.existsSync(target)) problems.push(`${rel(f)}:${line}: script src "${s}" does not exist`);
          else scriptFiles.add(target);
        }
      } else if (!type || /javascript|ecmascript|module/i.test(type[2])) {
        scanScript(m[2], `${rel(f)} (inline script at line ${line})`);
      }
    }
    // Inline event handlers can call fetch too.
    const handlerRe = /<[a-z][a-z0-9-]*\b[^>]*?\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi;
    while ((m = handlerRe.exec(html))) scanScript(m[1], `${rel(f)} (inline handler)`);
    // Remote stylesheets, images, iframes in the markup.
    const tagRe = /<(link|img|iframe|source|video|audio|embed)\b([^>]*)>/gi;
    while ((m = tagRe.exec(html))) {
      const attrs = m[2];
      if (m[1].toLowerCase() === 'link' && !/\brel\s*=\s*(["']?)[^"'>]*\b(stylesheet|icon|preload|modulepreload|manifest|prefetch|preconnect|dns-prefetch)\b/i.test(attrs)) continue;
      const ref = /\b(?:href|src)\s*=\s*(["']?)([^"'\s>]+)\1/i.exec(attrs);
      if (ref && REMOTE.test(ref[2])) {
        const line = html.slice(0, m.index).split('\n').length;
        problems.push(`${rel(f)}:${line}: <${m[1]}> loads from the network: ${ref[2]}`);
      }
    }
  }
  for (const f of [...scriptFiles].sort()) scanScript(fs.readFileSync(f, 'utf8'), rel(f));
  for (const f of files.filter((x) => /\.css$/i.test(x))) {
    const css = fs.readFileSync(f, 'utf8');
    const re = /(?:url\(\s*(["']?)|@import\s+(["']))((?:[a-z][a-z0-9+.-]*:)?\/\/[^"')\s]+)/gi;
    let m;
    while ((m = re.exec(css))) {
      const line = css.slice(0, m.index).split('\n').length;
      problems.push(`${rel(f)}:${line}: loads from the network: ${m[3]}`);
    }
  }
  return { problems, htmlFiles, scriptFiles: [...scriptFiles] };
}
