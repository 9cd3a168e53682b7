// A tiny static server that behaves like GitHub Pages for a project site:
// the book is served under SITE_PATH (e.g. /kz-dossier/), directories get
// their index.html, and any miss gets 404.html with status 404.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Starts the server on 127.0.0.1 on a free port.
 * Returns { port, origin, siteUrl, log, close() }.
 */
export async function startServer({ root, prefix = '/kz-dossier/' }) {
  const rootDir = path.resolve(root);
  const log = [];
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      log.push(`${status} ${req.method} ${req.url}`);
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      const page = path.join(rootDir, '404.html');
      if (fs.existsSync(page)) send(404, fs.readFileSync(page), { 'content-type': TYPES['.html'] });
      else send(404, 'not found (and no 404.html)\n', { 'content-type': TYPES['.txt'] });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname + '/' === prefix) return send(301, '', { location: prefix });
    if (!pathname.startsWith(prefix)) {
      // Outside the project path GitHub serves its own 404, not ours.
      return send(404, 'outside the project path\n', { 'content-type': TYPES['.txt'] });
    }
    const file = path.join(rootDir, pathname.slice(prefix.length));
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return notFound();
    let st;
    try {
      st = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, '', { location: pathname + '/' });
      const index = path.join(file, 'index.html');
      if (!fs.existsSync(index)) return notFound();
      return send(200, fs.readFileSync(index), { 'content-type': TYPES['.html'] });
    }
    return send(200, fs.readFileSync(file), { 'content-type': contentType(file) });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    siteUrl: origin + prefix,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
