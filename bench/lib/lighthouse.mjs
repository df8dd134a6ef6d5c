// Lighthouse's mobile performance audit of the article, as PageSpeed Insights runs it: (a) the Quire
// build, (b) the same page without scripts, interleaved, several runs each, medians. Lighthouse drives
// its own Chromium (chrome-launcher, the system's binary, the same flags as the other sections) and
// throttles by simulation (its default mobile profile: a mid-range phone on a slow 4G network), so its
// figures are not the throttled section's and are not comparable with them.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { ARGS, CHROMIUM } from './browser.mjs';
import { summary } from './stats.mjs';
import { startServer } from '../server.mjs';

/// The audits reported, by Lighthouse's ids.
export const AUDITS = [
  ['first-contentful-paint', 'First Contentful Paint'],
  ['largest-contentful-paint', 'Largest Contentful Paint'],
  ['total-blocking-time', 'Total Blocking Time'],
  ['speed-index', 'Speed Index'],
  ['interactive', 'Time to Interactive'],
  ['cumulative-layout-shift', 'Cumulative Layout Shift'],
];

export async function runLighthouse({ site, runs, log }) {
  const server = await startServer(site.dir);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ARGS });
  const variants = [{ name: 'quire', url: `${server.origin}/${site.articlePath}` }];
  if (site.staticPath) variants.push({ name: 'static', url: `${server.origin}/${site.staticPath}` });
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  let version = null;
  try {
    for (let i = 0; i <= runs; i++) {
      const order = i % 2 ? [...variants].reverse() : variants;
      for (const v of order) {
        const result = await lighthouse(v.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${v.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        version = lhr.lighthouseVersion;
        if (i === 0) continue; // warm-up: server compression caches, OS file cache
        samples[v.name].push({
          score: Math.round(lhr.categories.performance.score * 100),
          audits: Object.fromEntries(AUDITS.map(([id]) => [id, lhr.audits[id].numericValue])),
        });
      }
    }
  } finally {
    await chrome.kill();
    await server.close();
  }
  const of = (name) => {
    const runs = samples[name];
    return {
      score: summary(runs.map((r) => r.score)),
      audits: Object.fromEntries(AUDITS.map(([id]) => [id, summary(runs.map((r) => r.audits[id]))])),
    };
  };
  const result = { version, runs };
  for (const v of variants) result[v.name] = of(v.name);
  const q = result.quire;
  log(`lighthouse: quire score ${q.score.median}, TBT ${q.audits['total-blocking-time'].median.toFixed(0)} ms, LCP ${q.audits['largest-contentful-paint'].median.toFixed(0)} ms` +
    (result.static ? `; static score ${result.static.score.median}` : ''));
  return result;
}
