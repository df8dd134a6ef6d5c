// Page side of the Markdown benchmark. window.__md.measure(input, options) times, on the same string:
//   quire        render(md) -> html: JS string in, HTML string out (the whole cost a caller pays)
//   quireNoOut   render_len(md) -> length: the string goes in, the HTML stays in wasm memory
//   crossIn      input_len(md): only the JS→wasm copy of the input (UTF-16 → UTF-8, alloc, free)
//   crossOut     last_html(): only the wasm→JS copy of that HTML (UTF-8 → JS string)
//   markdownIt   markdown-it's render(md) -> html
// Each sample runs a batch of calls long enough (minSampleMs) for the 5 µs timer (the page is
// cross-origin isolated) and divides; samples of the five are interleaved so they share conditions.

import init, { render, render_len, last_html, input_len } from './pkg/quire_md_wasm.js';

const md = window.markdownit('default', { html: false, linkify: false, typographer: true });

const fns = {
  quire: (s) => render(s),
  quireNoOut: (s) => render_len(s),
  crossIn: (s) => input_len(s),
  crossOut: () => last_html(),
  markdownIt: (s) => md.render(s),
};

let sink = 0;
function batch(fn, input, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) {
    const out = fn(input);
    sink ^= typeof out === 'string' ? out.length : out;
  }
  return (performance.now() - t0) / k;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1];
}

async function measure(input, { warmupMs = 300, minSampleMs = 20, samples = 31 } = {}) {
  render_len(input); // what last_html() copies out
  const names = Object.keys(fns);
  const k = {};
  for (const name of names) {
    // Warm up (JIT tiers, wasm tier-up, allocator growth), then size the batch.
    const t0 = performance.now();
    let runs = 0;
    while (performance.now() - t0 < warmupMs || runs < 5) {
      fns[name](input);
      runs++;
    }
    const per = (performance.now() - t0) / runs;
    k[name] = Math.max(1, Math.ceil(minSampleMs / Math.max(per, 0.001)));
  }
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let s = 0; s < samples; s++) {
    // Rotate the order so no function always runs right after the same other one.
    for (let j = 0; j < names.length; j++) {
      const name = names[(s + j) % names.length];
      times[name].push(batch(fns[name], input, k[name]));
    }
    // Let the page breathe (GC, timers) between rounds.
    await new Promise((r) => setTimeout(r, 0));
  }
  const quireHtml = render(input);
  const mditHtml = md.render(input);
  return {
    bytes: new TextEncoder().encode(input).length,
    batch: k,
    samples,
    median: Object.fromEntries(names.map((n) => [n, median(times[n])])),
    outputChars: { quire: quireHtml.length, markdownIt: mditHtml.length },
    isolated: window.crossOriginIsolated,
    sink,
  };
}

window.__md = { ready: init().then(() => true), measure };
