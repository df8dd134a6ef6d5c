// The browser half of `cargo xtask bench`: cold loads, Markdown in the browser, scale, search, Lighthouse;
// then both reports.
//
// Usage: node run.mjs CONFIG.json [--only load,markdown,scale,search,lighthouse] [--runs N]
//        node run.mjs CONFIG.json --report-only   (rewrite report.md from report.json, measuring nothing)
//
// CONFIG is written by xtask (bench.rs): machine, sizes, wasm profile, build times, and the folders of
// the built sites. This script adds what it measures in Chromium and writes report.json and report.md.

import fs from 'node:fs';
import path from 'node:path';
import { launch, THROTTLED, UNTHROTTLED } from './lib/browser.mjs';
import { coldLoad, READY, resourceEnd } from './lib/load.mjs';
import { runMarkdown } from './lib/markdown.mjs';
import { runScale } from './lib/scale.mjs';
import { runSearch } from './lib/search.mjs';
import { runLighthouse } from './lib/lighthouse.mjs';
import { summary, ratio } from './lib/stats.mjs';
import { startServer } from './server.mjs';
import { writeReports } from './lib/report.mjs';

const args = process.argv.slice(2);
const configPath = args.find((a) => !a.startsWith('--'));
if (!configPath) {
  console.error('usage: node run.mjs CONFIG.json [--only load,markdown,scale,search,lighthouse] [--runs N]');
  process.exit(2);
}
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
const only = flag('--only') ? new Set(flag('--only').split(',')) : null;
const wanted = (section) => !only || only.has(section);
if (flag('--runs')) config.runs = Number(flag('--runs'));
const benchDir = path.dirname(new URL(import.meta.url).pathname);
const log = (line) => console.log(`bench: ${line}`);

/// Cold loads of the article: (a) the Quire build, (b) the same page without scripts, interleaved.
async function runLoads(session) {
  const site = config.site;
  const server = await startServer(site.dir);
  const variants = [{ name: 'quire', url: `${server.origin}/${site.articlePath}`, ready: READY.app }];
  if (site.staticPath) variants.push({ name: 'static', url: `${server.origin}/${site.staticPath}`, ready: READY.static });
  const profiles = [];
  try {
    for (const profile of [UNTHROTTLED, THROTTLED]) {
      const runs = profile === THROTTLED ? config.throttledRuns ?? config.runs : config.runs;
      const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
      let requests = null;
      for (let i = 0; i <= runs; i++) {
        // Alternate which variant goes first, so neither always follows the other.
        const order = i % 2 ? [...variants].reverse() : variants;
        for (const v of order) {
          const { metrics, tab } = await coldLoad(session, v.url, { profile, ready: v.ready });
          await tab.close();
          if (i === 0) continue; // warm-up: server compression caches, OS file cache
          if (v.name === 'quire' && !requests) requests = metrics.requests;
          samples[v.name].push(metrics);
        }
      }
      const metricsOf = (name) => {
        const loads = samples[name];
        const pick = (f) => summary(loads.map(f));
        const res = (test) => (l) => resourceEnd(l, test);
        return {
          loads: loads.length,
          fcp: pick((l) => l.fcp),
          lcp: pick((l) => l.lcp),
          ready: pick((l) => l.ready),
          htmlEnd: pick((l) => l.htmlEnd),
          cssEnd: pick(res((n) => n.endsWith('.css'))),
          jsEnd: pick(res((n) => n.endsWith('.js'))),
          wasmEnd: pick(res((n) => n.endsWith('.wasm'))),
          appStarted: pick((l) => l.appStarted),
          jsonEnd: pick(res((n) => n.endsWith('.json'))),
          lcpElements: [...new Set(loads.map((l) => l.lcpElement).filter(Boolean))],
          lcpSizes: [...new Set(loads.map((l) => l.lcpSize))],
        };
      };
      const result = { profile: profile.name, describe: profile.describe, runs };
      for (const v of variants) result[v.name] = metricsOf(v.name);
      if (result.static) {
        result.ratio = {
          fcp: ratio(result.quire.fcp.median, result.static.fcp.median),
          lcp: ratio(result.quire.lcp.median, result.static.lcp.median),
          ready: ratio(result.quire.ready.median, result.static.ready.median),
        };
      }
      result.requests = (requests || []).map((r) => ({ path: new URL(r.url).pathname, status: r.status, encoding: r.encoding, transferred: r.transferred }));
      const f = (s) => (s && s.median !== null ? `${s.median.toFixed(0)} ms` : 'n/a');
      log(`load ${profile.name}: quire FCP ${f(result.quire.fcp)} LCP ${f(result.quire.lcp)} ready ${f(result.quire.ready)}` +
        (result.static ? `; static FCP ${f(result.static.fcp)} LCP ${f(result.static.lcp)} ready ${f(result.static.ready)}` : ''));
      profiles.push(result);
    }
  } finally {
    await server.close();
  }
  return { article: site.article, articlePath: site.articlePath, staticPath: site.staticPath, profiles };
}

if (args.includes('--report-only')) {
  const previous = JSON.parse(fs.readFileSync(config.out.json, 'utf8'));
  const { load, markdown, scale, search, lighthouse, browserSeconds, loadEnd } = previous;
  writeReports(config, { version: previous.machine.chromium }, { load, markdown, scale, search, lighthouse, browserSeconds, loadEnd }, benchDir);
  log(`rewrote ${config.out.md} from ${config.out.json}`);
  process.exit(0);
}

const started = Date.now();
const session = await launch();
const browser = { version: session.version };
log(`Chromium ${session.version}`);
const results = { load: null, markdown: null, scale: null, search: null, lighthouse: null };
try {
  if (wanted('load')) results.load = await runLoads(session);
  if (wanted('markdown')) {
    results.markdown = await runMarkdown(session, {
      contentDir: config.contentDir,
      pkgDir: config.md.pkg,
      benchDir,
      outDir: config.outDir,
      log,
    });
  }
  if (wanted('scale') && config.scale.length) {
    results.scale = await runScale(session, { sites: config.scale, runs: config.scaleRuns ?? 3, log });
  }
  if (wanted('search')) {
    // The sample site, then the generated ones: the index grows with the site, the first query should not.
    const sites = [{ posts: null, dir: config.site.dir, indexBuildMs: config.site.indexBuildMs ?? null, generated: false }, ...config.scale.map((s) => ({ ...s, generated: true }))];
    results.search = await runSearch(session, { sites, runs: config.searchRuns ?? 5, log });
  }
  if (wanted('lighthouse')) {
    results.lighthouse = await runLighthouse({ site: config.site, runs: config.lighthouseRuns ?? 5, log });
  }
} finally {
  await session.close();
}
results.browserSeconds = (Date.now() - started) / 1000;
try {
  results.loadEnd = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
} catch {
  results.loadEnd = 'n/a';
}
writeReports(config, browser, results, benchDir);
log(`wrote ${config.out.json} and ${config.out.md}`);
