// A tiny static file server for the benchmarks, like a bare CDN: a file, or a folder's index.html for a
// path ending in `/`, else 404 with the site's 404.html. No fallback to index.html.
//
// Compression as a CDN does it: `x.br` / `x.gz` beside `x` (quire-press writes them) when the browser
// accepts them, else compressed here once per file (brotli quality 11, gzip 9) and kept in memory, so
// the throttled runs download what a real host would send. QUIRE_BENCH_COMPRESS=0 turns that off.
//
// Usage: node server.mjs ROOT [PORT]  (prints `listening http://127.0.0.1:PORT` when ready; QUIRE_BENCH_ISOLATE=1
// adds COOP/COEP)
// or import { startServer } from './server.mjs'.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.xml', '.txt', '.md']);

export function brotli(buf) {
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

export function gzip(buf) {
  return zlib.gzipSync(buf, { level: 9 });
}

/// The file a URL path names under `root`, or null. Never anything outside `root`.
function resolve(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.split('/').includes('..')) return null;
  const candidate = path.join(root, decoded);
  let stat;
  try {
    stat = fs.statSync(candidate);
  } catch {
    return null;
  }
  if (stat.isFile()) return candidate;
  if (stat.isDirectory() && urlPath.endsWith('/')) {
    const index = path.join(candidate, 'index.html');
    return fs.existsSync(index) ? index : null;
  }
  return null;
}

/// Starts a server for `root` on 127.0.0.1 (port 0: any free one); resolves to { origin, close }.
/// `isolate` adds COOP/COEP so performance.now() has 5 µs resolution instead of 100 µs (the Markdown page).
export function startServer(
  root,
  port = 0,
  { compress = process.env.QUIRE_BENCH_COMPRESS !== '0', isolate = process.env.QUIRE_BENCH_ISOLATE === '1' } = {},
) {
  root = path.resolve(root);
  const cache = new Map(); // path + encoding -> { mtimeMs, body }
  // What was sent, body bytes by path, in order: also what a page's workers fetched, which the page's
  // own Resource Timing does not list.
  const sent = [];

  function encoded(file, encoding) {
    const key = `${file}\0${encoding}`;
    const mtimeMs = fs.statSync(file).mtimeMs;
    const hit = cache.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return hit.body;
    const beside = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    let body;
    if (fs.existsSync(beside)) body = fs.readFileSync(beside);
    else {
      const raw = fs.readFileSync(file);
      body = encoding === 'br' ? brotli(raw) : gzip(raw);
    }
    cache.set(key, { mtimeMs, body });
    return body;
  }

  const server = http.createServer((req, res) => {
    const urlPath = (req.url || '/').split(/[?#]/)[0];
    const file = resolve(root, urlPath);
    const common = { 'Cache-Control': 'no-cache' };
    if (isolate) {
      common['Cross-Origin-Opener-Policy'] = 'same-origin';
      common['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    if (!file) {
      const notFound = path.join(root, '404.html');
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : Buffer.from('not found');
      res.writeHead(404, { ...common, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const ext = path.extname(file);
    const headers = { ...common, 'Content-Type': TYPES[ext] || 'application/octet-stream' };
    const accept = String(req.headers['accept-encoding'] || '');
    let body;
    if (compress && COMPRESSIBLE.has(ext) && /\bbr\b/.test(accept)) {
      body = encoded(file, 'br');
      headers['Content-Encoding'] = 'br';
    } else if (compress && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(accept)) {
      body = encoded(file, 'gzip');
      headers['Content-Encoding'] = 'gzip';
    } else {
      body = fs.readFileSync(file);
    }
    if (COMPRESSIBLE.has(ext)) headers['Vary'] = 'Accept-Encoding';
    headers['Content-Length'] = body.length;
    sent.push({ path: urlPath, bytes: body.length });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolvePromise({
        origin,
        sent,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, port] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node server.mjs ROOT [PORT]');
    process.exit(2);
  }
  const { origin } = await startServer(root, Number(port || 0));
  console.log(`listening ${origin}`);
}
