// Writes bench/report.json (everything, machine-readable) and bench/report.md (for people) from what
// xtask measured (config) and what the browser runs measured (results).

import fs from 'node:fs';
import { AUDITS } from './lighthouse.mjs';

const kb = (n) => (n === null || n === undefined ? 'n/a' : `${(n / 1000).toFixed(1)} kB`);
const bytes = (n) => (n === null || n === undefined ? 'n/a' : n.toLocaleString('en-US'));
const ms = (n, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : `${n.toFixed(digits)} ms`);
const x = (n, digits = 2) => (n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : `${n.toFixed(digits)}×`);
const mb = (n) => (n === null || n === undefined ? 'n/a' : `${(n / 1e6).toFixed(1)} MB`);

/// A Markdown table; columns whose cells are all figures are right-aligned.
function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const figure = /^(\*\*)?([\d.,]+|n\/a)( ?(B|kB|MB|ms|s|×|%))?(\*\*)?$|^$/;
  const align = header.map((_, c) => (c > 0 && rows.every((r) => figure.test(String(r[c]))) ? '---:' : '---'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/// The first path segment of a Rust path (`serde_json::de::X` → `serde_json`), or null.
function headCrate(path) {
  let s = path.trim();
  for (;;) {
    const before = s;
    s = s.replace(/^(<|&mut |&|\*const |\*mut |dyn |\(|\[)/, '');
    if (s === before) break;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(s);
  return m ? m[1] : null;
}

/// `<A as B>::f`, `crate::module::f::h0123`, `data segment ".rodata"` → the crate (or section) it belongs to.
/// For `<T as Trait>::f` with a generic or local `T` (no path), the trait's crate.
export function crateOf(name) {
  if (/^data segment/.test(name)) return 'data segments (static data)';
  if (/subsection|custom section/.test(name)) return 'custom sections';
  if (!name.includes('::')) return /^(type|import|export|elem|table|memory|global|func|function|start|datacount|tag|code|data|unknown)\b/.test(name) ? 'wasm structure (types, imports, exports, tables)' : 'unnamed (glue and intrinsics)';
  if (name.startsWith('<')) {
    // Split `<SELF as TRAIT>` at the ` as ` one level deep.
    let depth = 0;
    for (let i = 0; i < name.length; i++) {
      const c = name[i];
      if (c === '<') depth++;
      else if (c === '>') {
        depth--;
        if (depth === 0) {
          const inner = name.slice(1, i);
          let d = 0;
          for (let j = 0; j < inner.length; j++) {
            if (inner[j] === '<' || inner[j] === '(' || inner[j] === '[') d++;
            else if (inner[j] === '>' || inner[j] === ')' || inner[j] === ']') d--;
            else if (d === 0 && inner.startsWith(' as ', j)) {
              return headCrate(inner.slice(0, j)) || headCrate(inner.slice(j + 4)) || 'other';
            }
          }
          // `<char>::f`, `<[T]>::f`: inherent methods of primitive types live in core.
          return headCrate(inner) || 'core';
        }
      }
    }
  }
  return headCrate(name) || 'other';
}

function wasmProfile(config) {
  const twiggy = config.wasm && config.wasm.twiggy;
  if (!twiggy || !fs.existsSync(twiggy)) return null;
  const items = JSON.parse(fs.readFileSync(twiggy, 'utf8'));
  // The name section is there only so names can be read; the shipped module has none.
  const shipped = items.filter((i) => !/"function names" subsection|"local names"|"name" section|custom section 'name'/.test(i.name) && !/^"[a-z ]+ names" subsection$/.test(i.name));
  const total = shipped.reduce((a, i) => a + i.shallow_size, 0);
  const byCrate = new Map();
  for (const i of shipped) {
    const c = crateOf(i.name);
    const e = byCrate.get(c) || { crate: c, bytes: 0, items: 0 };
    e.bytes += i.shallow_size;
    e.items += 1;
    byCrate.set(c, e);
  }
  const crates = [...byCrate.values()].sort((a, b) => b.bytes - a.bytes);
  const top = shipped
    .slice()
    .sort((a, b) => b.shallow_size - a.shallow_size)
    .slice(0, 20)
    .map((i) => ({ name: i.name.replace(/::h[0-9a-f]{16}$/, ''), bytes: i.shallow_size }));
  return { total, crates, top };
}

function describeMachine(config, browser) {
  const m = config.machine;
  return `${m.nproc} cores (\`nproc\`), ${m.cpu}, ${Math.round((m.memoryKb || 0) / 1e6)} GB; Chromium ${browser.version} headless; Node ${m.node}`;
}

function sizesTable(view) {
  const rows = view.files.map((f) => [`\`${f.path}\``, f.kind, bytes(f.raw), bytes(f.gzip), bytes(f.brotli)]);
  rows.push(['**total**', '', `**${bytes(view.total.raw)}**`, `**${bytes(view.total.gzip)}**`, `**${bytes(view.total.brotli)}**`]);
  return table(['file', 'kind', 'raw bytes', 'gzip bytes', 'brotli bytes'], rows);
}

function targets(config, results) {
  const rows = [];
  const art = config.sizes.article.total.brotli;
  const goal = 100_000;
  const firstView = (what, bytes) =>
    rows.push([`first view of an article, brotli, ${what}`, '≤ 100 kB', kb(bytes), bytes === null ? 'n/a' : bytes <= goal ? 'met' : `missed by ${kb(bytes - goal)} (${x(bytes / goal)} the target)`]);
  firstView('27 sample posts', art);
  const big = (results.scale || []).find((s) => s.posts === 10000);
  if (big && big.firstView) firstView('10,000 posts', big.firstView.article);
  if (results.load) {
    for (const p of results.load.profiles) {
      const r = p.ratio ? p.ratio.lcp : null;
      rows.push([`article LCP ÷ static page LCP, ${p.profile}`, '≤ 1.2×', x(r), r === null ? 'not measured (no static page)' : r <= 1.2 ? 'met' : 'missed']);
    }
    const slow = results.load.profiles.find((p) => p.profile === 'throttled');
    if (slow) {
      const t = slow.quire.ready.median;
      rows.push(['throttled: the app has taken over (its article in the DOM)', '≤ 1.0 s', ms(t), t <= 1000 ? 'met' : 'missed']);
    }
  }
  if (results.markdown) {
    const i = results.markdown.inputs.find((i) => i.name === '50 KB');
    const r = i ? i.median.markdownIt / i.median.quire : null;
    rows.push(['markdown-it time ÷ Quire time, 50 KB', '≥ 2×', x(r), r === null ? 'n/a' : r >= 2 ? 'met' : 'missed']);
  }
  if (results.scale) {
    const s = results.scale.find((s) => s.posts === 10000);
    const v = s ? s.switchPainted.median : null;
    rows.push(['category switch at 10,000 posts, click to paint', '< 50 ms', ms(v, 1), v === null ? 'n/a' : v < 50 ? 'met' : 'missed']);
  }
  if (results.search) {
    const s = results.search.find((s) => s.posts === 10000);
    const b = s ? s.firstQueryBytes : null;
    rows.push(['first search query at 10,000 posts, bytes (index + runtime)', '≤ 300 kB', b === null ? 'n/a' : kb(b), b === null ? 'n/a' : b <= 300_000 ? 'met' : 'missed']);
  }
  if (results.lighthouse) {
    const q = results.lighthouse.quire;
    const score = q.score.median;
    const tbt = q.audits['total-blocking-time'].median;
    rows.push(['Lighthouse mobile performance score, article', '100', `${score}`, score >= 100 ? 'met' : 'missed']);
    rows.push(['Lighthouse mobile Total Blocking Time, article', '≤ 50 ms', ms(tbt), tbt <= 50 ? 'met' : 'missed']);
  }
  return table(['target', 'goal', 'measured (median)', 'status'], rows);
}

export function writeReports(config, browser, results, benchDir) {
  const machine = describeMachine(config, browser);
  const profile = wasmProfile(config);
  const report = {
    generated: config.generated,
    git: config.git,
    machine: { ...config.machine, chromium: browser.version },
    sizes: config.sizes,
    budgets: config.budgets,
    // The profile's path is this machine's; the report keeps only what it says.
    wasm: { ...config.wasm, twiggy: undefined, profile },
    build: config.build,
    load: results.load,
    markdown: results.markdown,
    scale: results.scale,
    search: results.search,
    lighthouse: results.lighthouse,
    browserSeconds: results.browserSeconds,
    loadEnd: results.loadEnd,
  };
  fs.writeFileSync(config.out.json, JSON.stringify(report, null, 2) + '\n');

  const md = [];
  md.push('# Quire performance report');
  md.push('');
  md.push(`Written by \`cargo xtask bench\` on ${config.generated} at ${config.git}. Machine: ${machine}.`);
  md.push(`Load average (1 min) of the machine: ${config.machine.loadStart} when the run started, ${results.loadEnd ?? 'n/a'} when it ended; nothing else was stopped for the run, so timings carry that noise (sizes do not).`);
  md.push('How to read it: [README.md](README.md#how-to-read-the-report). Raw figures: [report.json](report.json).');
  if (config.notes && config.notes.length) {
    md.push('');
    for (const n of config.notes) md.push(`> ${n}`);
  }
  md.push('');
  md.push('## Targets');
  md.push('');
  md.push(targets(config, results));
  md.push('');

  // 1. Size
  const s = config.sizes;
  md.push('## 1. Size');
  md.push('');
  md.push(`### First view of an article (\`${config.site.articlePath}\`)`);
  md.push('');
  md.push(sizesTable(s.article));
  md.push('');
  md.push(`*Measured:* ${s.method}`);
  md.push('');
  md.push('### First view of the list page (`/`)');
  md.push('');
  md.push(sizesTable(s.list));
  md.push('');
  md.push(`*Measured:* ${s.method}`);
  md.push('');
  md.push(`Budgets (\`bench/budgets.toml\`, checked by \`cargo xtask test\`): article first view ${bytes(config.budgets.articleFirstViewBrotli)} B brotli (now ${bytes(s.article.total.brotli)}), wasm ${bytes(config.budgets.wasmBrotli)} B brotli (now ${bytes(s.wasm.brotli)}).`);
  md.push('');
  md.push('### Where the wasm bytes go');
  md.push('');
  if (profile) {
    md.push(table(['crate (or section)', 'bytes', 'share'], profile.crates.slice(0, 15).map((c) => [c.crate, bytes(c.bytes), `${((100 * c.bytes) / profile.total).toFixed(1)}%`])));
    md.push('');
    md.push(table(['largest items', 'bytes'], profile.top.map((t) => [`\`${t.name.replace(/\|/g, '\\|').slice(0, 110)}\``, bytes(t.bytes)])));
    md.push('');
    md.push(`*Measured:* ${config.wasm.method} Code and data sum to ${bytes(profile.total)} B here; the shipped module is ${bytes(s.wasm.raw)} B.`);
  } else {
    md.push(`Not measured: ${config.wasm.twiggyError || 'no twiggy output'}.`);
  }
  md.push('');

  // 2. Cold load
  md.push('## 2. Cold load of an article');
  md.push('');
  if (results.load) {
    const L = results.load;
    if (!L.staticPath) md.push('> No prerendered `posts/<slug>/index.html` in this build, so there is no static page to compare with.\n');
    for (const p of L.profiles) {
      md.push(`### ${p.profile === 'throttled' ? 'Throttled: ' + p.describe : 'Unthrottled (loopback, full CPU)'}`);
      md.push('');
      const rows = [];
      const metric = (label, key, ratioKey) => {
        const q = p.quire[key];
        const st = p.static ? p.static[key] : null;
        rows.push([label, ms(q.median), ms(q.p90), st ? ms(st.median) : 'n/a', st ? ms(st.p90) : 'n/a', p.ratio && ratioKey ? x(p.ratio[ratioKey]) : 'n/a']);
      };
      metric('First Contentful Paint', 'fcp', 'fcp');
      metric('Largest Contentful Paint', 'lcp', 'lcp');
      metric('article body in the DOM', 'ready', 'ready');
      md.push(table(['metric', '(a) Quire median', '(a) p90', '(b) static median', '(b) p90', 'ratio a/b (medians)'], rows));
      md.push('');
      const q = p.quire;
      md.push(
        `Where (a)'s time goes (medians, ms from navigation start): HTML received ${ms(q.htmlEnd.median)}, CSS ${ms(q.cssEnd.median)}, JS ${ms(q.jsEnd.median)}, wasm ${ms(q.wasmEnd.median)}, app started ${ms(q.appStarted.median)}, JSON fetched ${q.jsonEnd.median === null ? 'none (the page carries it)' : ms(q.jsonEnd.median)}, app's article in the DOM ${ms(q.ready.median)}. LCP element: ${q.lcpElements.join(', ')}${p.static ? `; static: ${p.static.lcpElements.join(', ')}` : ''}.`,
      );
      md.push('');
      md.push(`*Measured:* ${p.runs} cold loads of each page after 1 discarded warm-up, (a) and (b) interleaved in one run, each in a new browser context with the cache disabled (Network.setCacheDisabled) and ${p.describe}; served by bench/server.mjs from loopback with brotli; FCP and LCP from the Paint and LCP APIs, "in the DOM" by a MutationObserver installed before the page's scripts (for (a): \`.app .prose\` present and \`#prerendered\` gone; for (b): \`.prose\` parsed); ${machine}.`);
      md.push('');
      if (p.requests && p.requests.length) {
        const counted = new Set(config.sizes.article.files.map((f) => '/' + f.path.replace(/index\.html$/, '')));
        const seen = new Set(p.requests.map((r) => r.path));
        const extra = [...seen].filter((q) => !counted.has(q));
        const unseen = [...counted].filter((q) => !seen.has(q));
        md.push(`Cross-check with the size table: ${extra.length ? `downloaded but not counted: ${extra.join(', ')}` : 'every request is counted'}; ${unseen.length ? `counted but not downloaded: ${unseen.join(', ')}` : 'every counted file was downloaded'}.`);
        md.push('');
        md.push(`Requests of (a), as seen over CDP: ${p.requests.map((r) => `\`${r.path}\` ${r.status}${r.encoding ? ' ' + r.encoding : ''} ${bytes(r.transferred)} B`).join('; ')}.`);
        md.push('');
      }
    }
  } else md.push('Not run.\n');

  // 3. Markdown
  md.push('## 3. Markdown in the browser');
  md.push('');
  if (results.markdown) {
    const M = results.markdown;
    const row = (i) => [
      i.kind === 'size' ? `**${i.name}**` : `\`${i.name}\``,
      bytes(i.bytes),
      ms(i.median.quire, 3),
      ms(i.median.markdownIt, 3),
      x(i.median.markdownIt / i.median.quire),
      ms(i.median.crossIn, 3),
      ms(i.median.crossOut, 3),
    ];
    md.push(table(['input', 'bytes', 'Quire (wasm) median', 'markdown-it median', 'markdown-it ÷ Quire', 'JS→wasm copy in', 'wasm→JS copy out'], M.inputs.map(row)));
    md.push('');
    const samples = M.inputs.filter((i) => i.kind === 'sample');
    if (samples.length) {
      const sum = (k) => samples.reduce((a, i) => a + i.median[k], 0);
      md.push(`All ${samples.length} sample posts: Quire ${ms(sum('quire'), 2)} in total, markdown-it ${ms(sum('markdownIt'), 2)}: ${x(sum('markdownIt') / sum('quire'))}.`);
      md.push('');
    }
    md.push(
      `*Measured:* in one cross-origin-isolated page (5 µs timer), same input strings; a global warm-up pass over every input, then per input ≥200 ms warm-up of each function and ${M.inputs[0] ? M.inputs[0].samples : ''} interleaved samples (21 for inputs over 100 kB), each a batch of calls lasting ≥10 ms (20 ms for large inputs) divided by the number of calls; medians. "Quire" is \`render(md) -> String\` from bench/md-wasm (quire-content's render_html, ${config.md.profile}), JS string in and HTML string out; "copy in" times \`input_len(md)\` (the input crossing alone), "copy out" \`last_html()\` (the rendered HTML crossing back alone, a clone in wasm plus the UTF-8 decode into a JS string). markdown-it ${M.markdownItVersion}, preset \`default\` with \`typographer: true, html: false\` (Quire also adds heading ids and anchors, footnotes, link rewriting and sanitising; markdown-it has no footnotes without a plugin). Sizes are sample bodies concatenated and cut at a blank line. ${machine}.`,
    );
  } else md.push('Not run.');
  md.push('');

  // 4. Scale
  md.push('## 4. Scale');
  md.push('');
  if (results.scale) {
    const S = results.scale;
    const col = (f) => S.map(f);
    const rows = [
      ['first view of `/`, brotli (page + assets; the page carries its data)', ...col((s) => bytes(s.firstView.home) + ' B')],
      ['first view of an article, brotli', ...col((s) => bytes(s.firstView.article) + ' B')],
      ['JSON fetched by the first view', ...col((s) => String(s.jsonOnLoad.median))],
      ['one page of the category list (`data/lists/category/…/1.json`), brotli', ...col((s) => bytes(s.firstView.listPage) + ' B')],
      ['app started → list painted', ...col((s) => ms(s.startToList.median, 1))],
      ['First Contentful Paint of `/`', ...col((s) => ms(s.fcp.median))],
      ['app\'s list painted, from navigation start', ...col((s) => ms(s.listPainted.median))],
      ['category click → next paint (median)', ...col((s) => ms(s.switchPainted.median, 1))],
      ['category click → next paint (p90)', ...col((s) => ms(s.switchPainted.p90, 1))],
      ['DOM nodes after load (Memory.getDOMCounters)', ...col((s) => bytes(s.domNodes.median))],
      ['elements', ...col((s) => bytes(s.elements.median))],
      ['JS heap used after load and GC', ...col((s) => mb(s.jsHeapUsed.median))],
      ['wasm linear memory', ...col((s) => mb(s.wasmMemory.median))],
    ];
    md.push(table(['', ...S.map((s) => `${s.posts.toLocaleString('en-US')} posts`)], rows));
    md.push('');
    md.push(
      `*Measured:* sites built from this run's app bundle with \`quire-press build --release\` on \`cargo xtask gen-posts N\` output and \`quire-press pages\`; ${S[0].loads} cold loads of \`/\` per site after 1 warm-up (new context, cache disabled, unthrottled); first-view bytes from the built files, as in section 1; each load then clicks every category in the bar in turn with real input events (${S[0].switches} switches at ${S[0].posts}), timed from the click event's timestamp to the task after the next animation frame (≤ 1 frame late); heap after HeapProfiler.collectGarbage; ${machine}.`,
    );
  } else md.push('Not run.');
  md.push('');

  // 6. Search (written after the build section)
  const searchSection = [];
  searchSection.push('## 6. Search');
  searchSection.push('');
  if (results.search) {
    const S = results.search;
    const col = (f) => S.map(f);
    const rows = [
      ['first query', ...col((s) => `\`${s.firstQuery}\``)],
      ['first query: bytes sent (Pagefind script, wasm, index chunks, excerpts)', ...col((s) => (s.firstQueryBytes === null ? 'n/a' : `${bytes(s.firstQueryBytes)} B`))],
      ['first query: files', ...col((s) => String(s.firstQueryFiles.length))],
      ['first query: last key → results painted (loads the index)', ...col((s) => ms(s.firstQueryPainted.median, 1))],
      ['later queries: last key → results painted (median)', ...col((s) => ms(s.keyToPaint.median, 1))],
      ['later queries: last key → results painted (p90)', ...col((s) => ms(s.keyToPaint.p90, 1))],
      ['index build (`quire-press pages`, Pagefind)', ...col((s) => (s.indexBuildMs === null ? 'n/a' : ms(s.indexBuildMs)))],
    ];
    searchSection.push(table(['', ...S.map((s) => (s.posts ? `${s.posts.toLocaleString('en-US')} posts` : 'sample site'))], rows));
    searchSection.push('');
    const big = S[S.length - 1];
    searchSection.push('First query\'s files at ' + (big.posts ? big.posts.toLocaleString('en-US') + ' posts' : 'the sample site') + ': ' + big.firstQueryFiles.map((f) => `\`${f.path.replace(/^.*\/pagefind\//, '')}\` ${bytes(f.bytes)} B`).join(', ') + '.');
    searchSection.push('');
    searchSection.push(
      `*Measured:* per site, cold loads of \`/\` (new context, cache disabled, unthrottled) after 1 warm-up; nothing of search is fetched before the field has the focus (the run fails otherwise); the field is focused, then each query put in the field with its last letter typed as a real key event, timed from that keydown to the task after the next animation frame once the first result of that query is in the DOM. Bytes are the bodies the server sent (brotli where the host compresses; Pagefind's chunks and wasm are gzip already) for every file under \`pagefind/\` up to the first query's results, the worker's fetches included; headers not counted.`,
    );
  } else searchSection.push('Not run.');
  searchSection.push('');

  // 5. Build
  md.push('## 5. Build');
  md.push('');
  const B = config.build;
  const rows = [];
  if (B.press) rows.push([`quire-press build, ${bytes(B.press.posts)} posts`, `${B.press.median.toFixed(2)} s`, `${B.press.tool}: ${B.press.runs} runs after ${B.press.warmup} warm-up, median (min ${Math.min(...B.press.times).toFixed(2)} s, max ${Math.max(...B.press.times).toFixed(2)} s)`]);
  if (B.pages) rows.push([`quire-press pages, ${bytes(B.pages.posts)} posts (no \`--compress\`, no cache)`, `${B.pages.median.toFixed(2)} s`, `${B.pages.tool}: ${B.pages.runs} runs after ${B.pages.warmup} warm-up, median (each run over the previous run's output)`]);
  if (B.pagesCompress) rows.push([`quire-press pages --compress, ${bytes(B.pagesCompress.posts)} posts`, `${B.pagesCompress.seconds.toFixed(1)} s`, 'one run: pages plus a .br (brotli 11 for the app\'s wasm, JS and CSS, 5 for the rest) and .gz beside every text file, as a release build does']);
  for (const r of B.dist10k || []) rows.push([`10,000 posts: ${r.step}`, `${r.seconds.toFixed(1)} s`, 'quire-press as a release build runs it (`build --release`, `pages --compress`), one run each; the cache starts empty and the warm run reuses what the cold run stored; compress is the part of `pages` that writes .br/.gz']);
  rows.push(['release build (`cargo xtask dist` after `touch src/lib.rs`)', B.distSeconds === null ? 'not measured' : `${B.distSeconds.toFixed(1)} s`, B.distNote]);
  md.push(table(['what', 'wall time', 'how'], rows));
  md.push('');
  md.push(`*Measured:* wall-clock time on ${machine}; other processes on the machine were not stopped.`);
  md.push('');
  md.push(...searchSection);

  // 7. Lighthouse
  md.push('## 7. Lighthouse (mobile)');
  md.push('');
  if (results.lighthouse) {
    const LH = results.lighthouse;
    const cols = ['quire', 'static'].filter((k) => LH[k]);
    const cell = (s, fmt) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
    const value = (id) => (v) => (id === 'cumulative-layout-shift' ? v.toFixed(3) : ms(v));
    const rows = [['performance score', ...cols.map((k) => cell(LH[k].score, (v) => `${v}`))]];
    for (const [id, label] of AUDITS) rows.push([label, ...cols.map((k) => cell(LH[k].audits[id], value(id)))]);
    md.push(table(['median (min–max)', ...cols.map((k) => (k === 'quire' ? '(a) Quire' : '(b) static page'))], rows));
    md.push('');
    md.push(`*Measured:* Lighthouse ${LH.version}, performance category, its default mobile profile (simulated throttling: a mid-range phone, slow 4G), ${LH.runs} runs of each page after 1 discarded warm-up, interleaved, on \`${config.site.articlePath}\` served by bench/server.mjs from loopback with brotli; (b) is the same page without scripts. ${machine}.`);
  } else md.push('Not run.');
  md.push('');
  fs.writeFileSync(config.out.md, md.join('\n'));
}
