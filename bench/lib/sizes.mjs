// Raw, gzip and brotli sizes of files, as a host serving them precompressed would send them: `x.br` /
// `x.gz` beside `x` when the build wrote them, else compressed here (brotli quality 11, gzip level 9).
// `node lib/sizes.mjs FILE...` prints one line per file: `RAW GZIP BROTLI SOURCE FILE`, where SOURCE
// says where the compressed sizes came from (`beside` or `node`). xtask reads this.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotli, gzip } from '../server.mjs';

export function sizes(file) {
  const raw = fs.readFileSync(file);
  const br = fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : null;
  const gz = fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : null;
  return {
    raw: raw.length,
    gzip: gz ?? gzip(raw).length,
    brotli: br ?? brotli(raw).length,
    source: br !== null && gz !== null ? 'beside' : br !== null || gz !== null ? 'mixed' : 'node',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    const s = sizes(file);
    console.log(`${s.raw} ${s.gzip} ${s.brotli} ${s.source} ${file}`);
  }
}
