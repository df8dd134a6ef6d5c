// Markdown in the browser: Quire's renderer (compiled to wasm from bench/md-wasm) against markdown-it,
// in one page, on the sample posts and on 5 KB, 50 KB and 500 KB posts made of their bodies.

import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server.mjs';

/// Every `.md` under `dir`, sorted by path.
function markdownFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/// The body of a post file: what follows the `+++` or `---` front matter.
export function body(text) {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const open = lines[0].trim();
  if (open !== '+++' && open !== '---') return text;
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === open);
  return close < 0 ? text : lines.slice(close + 1).join('\n').replace(/^\n+/, '');
}

/// The sample posts' bodies concatenated (repeated as needed) and cut at the last blank line before
/// `bytes`, so no construct is cut in half.
export function sized(bodies, bytes) {
  let text = '';
  while (Buffer.byteLength(text) < bytes) {
    for (const b of bodies) text += b.trimEnd() + '\n\n';
  }
  let cut = Buffer.from(text).subarray(0, bytes).toString('utf8');
  const blank = cut.lastIndexOf('\n\n');
  if (blank > 0) cut = cut.slice(0, blank + 1);
  return cut;
}

export function inputs(contentDir) {
  const files = markdownFiles(path.join(contentDir, 'posts'));
  const posts = files.map((f) => ({
    name: path.relative(contentDir, f),
    kind: 'sample',
    text: body(fs.readFileSync(f, 'utf8')),
  }));
  const bodies = posts.map((p) => p.text);
  const synthetic = [5_000, 50_000, 500_000].map((n) => ({
    name: `${n / 1000} KB`,
    kind: 'size',
    text: sized(bodies, n),
  }));
  return { posts, synthetic };
}

/// Copies the page, the wasm package and markdown-it into `dir`.
function stage(dir, pkgDir, benchDir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'pkg'), { recursive: true });
  for (const f of ['index.html', 'bench.js']) fs.copyFileSync(path.join(benchDir, 'md', f), path.join(dir, f));
  for (const f of fs.readdirSync(pkgDir)) fs.copyFileSync(path.join(pkgDir, f), path.join(dir, 'pkg', f));
  fs.copyFileSync(
    path.join(benchDir, 'node_modules/markdown-it/dist/browser/markdown-it.umd.min.js'),
    path.join(dir, 'markdown-it.umd.min.js'),
  );
}

export async function runMarkdown(session, { contentDir, pkgDir, benchDir, outDir, log }) {
  const dir = path.join(outDir, 'mdpage');
  stage(dir, pkgDir, benchDir);
  const server = await startServer(dir, 0, { compress: false, isolate: true });
  const tab = await session.page();
  try {
    await tab.page.goto(`${server.origin}/index.html`, { waitUntil: 'load' });
    await tab.page.waitForFunction('window.__md !== undefined');
    await tab.page.evaluate('window.__md.ready');
    const { posts, synthetic } = inputs(contentDir);
    // A global warm-up pass: every input through every function a few times, so the first input
    // measured does not pay for JIT tiers and allocator growth the later ones get for free.
    for (const input of [...synthetic, ...posts]) {
      await tab.page.evaluate(([text]) => window.__md.measure(text, { warmupMs: 50, minSampleMs: 1, samples: 2 }), [input.text]);
    }
    const results = [];
    for (const input of [...synthetic, ...posts]) {
      const big = Buffer.byteLength(input.text) > 100_000;
      const r = await tab.page.evaluate(
        ([text, opts]) => window.__md.measure(text, opts),
        [input.text, big ? { warmupMs: 500, minSampleMs: 20, samples: 21 } : { warmupMs: 200, minSampleMs: 10, samples: 31 }],
      );
      results.push({ name: input.name, kind: input.kind, ...r });
      log(`markdown: ${input.name.padEnd(50)} ${(r.bytes / 1000).toFixed(1).padStart(6)} kB  quire ${r.median.quire.toFixed(3)} ms  markdown-it ${r.median.markdownIt.toFixed(3)} ms`);
    }
    const version = JSON.parse(fs.readFileSync(path.join(benchDir, 'node_modules/markdown-it/package.json'), 'utf8')).version;
    return { markdownItVersion: version, inputs: results };
  } finally {
    await tab.close();
    await server.close();
  }
}
