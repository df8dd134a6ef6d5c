// Scale: the list page of a site of 1,000 or 10,000 generated posts, built from the same app bundle.

import path from 'node:path';
import { startServer } from '../server.mjs';
import { sizes } from './sizes.mjs';
import { coldLoad, READY, resourceEnd } from './load.mjs';
import { UNTHROTTLED } from './browser.mjs';
import { summary } from './stats.mjs';

/// Fetches and parses data/index.json `times` times in the page; returns per-run { fetch, parse } in ms.
function fetchAndParse([url, times]) {
  return (async () => {
    const runs = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      const response = await fetch(url, { cache: 'no-store' });
      const text = await response.text();
      const t1 = performance.now();
      const value = JSON.parse(text);
      const t2 = performance.now();
      runs.push({ fetch: t1 - t0, parse: t2 - t1, posts: Array.isArray(value.posts) ? value.posts.length : null });
    }
    return runs;
  })();
}

/// Arms a watcher for a switch to category `name`: resolves with the click's time, when the heading
/// showed the category, and when that frame was painted.
function armSwitch(name) {
  window.__switch = new Promise((resolve) => {
    let clicked = null;
    addEventListener('click', (e) => (clicked = e.timeStamp), { capture: true, once: true });
    const check = () => {
      const h = document.querySelector('.app .list-header h1');
      if (clicked !== null && h && h.textContent.trim() === name) {
        observer.disconnect();
        const inDom = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ clicked, inDom, painted: performance.now() });
          channel.port2.postMessage(null);
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

export async function runScale(session, { sites, runs, log }) {
  const results = [];
  for (const site of sites) {
    const server = await startServer(site.dir);
    const index = sizes(path.join(site.dir, 'data/index.json'));
    const loads = [];
    const switches = [];
    let fetchParse = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const { metrics, tab } = await coldLoad(session, `${server.origin}/`, { profile: UNTHROTTLED, ready: READY.list, heap: true });
        try {
          if (i === 0) continue; // warm-up: the server compresses each file once, the OS caches the files
          const indexEnd = resourceEnd(metrics, (n) => n.endsWith('/data/index.json'));
          const indexRes = metrics.resources.find((r) => r.name.endsWith('/data/index.json'));
          loads.push({ ...metrics, indexFetch: indexRes ? indexRes.end - indexRes.start : null, indexEnd, resources: undefined, requests: undefined });
          fetchParse.push(...(await tab.page.evaluate(fetchAndParse, [`${server.origin}/data/index.json`, 3])));
          const categories = await tab.page.$$eval('.app .category-bar a', (as) =>
            as.map((a) => ({ href: a.getAttribute('href'), name: (a.firstChild ? a.firstChild.textContent : a.textContent).trim() })),
          );
          for (const c of categories.filter((c) => /\/category\//.test(c.href))) {
            await tab.page.evaluate(armSwitch, c.name);
            await tab.page.click(`.app .category-bar a[href="${c.href}"]`);
            const s = await tab.page.evaluate('window.__switch');
            switches.push({ category: c.name, inDom: s.inDom - s.clicked, painted: s.painted - s.clicked });
          }
        } finally {
          await tab.close();
        }
      }
    } finally {
      await server.close();
    }
    const pick = (k) => summary(loads.map((l) => l[k]));
    const result = {
      posts: site.posts,
      indexJson: index,
      loads: loads.length,
      fcp: pick('fcp'),
      listInDom: pick('ready'),
      listPainted: pick('readyPainted'),
      indexFetchInApp: pick('indexFetch'),
      indexEndToList: summary(loads.map((l) => l.readyPainted - Math.max(l.indexEnd, l.appStarted))),
      fetchJs: summary(fetchParse.map((r) => r.fetch)),
      parseJs: summary(fetchParse.map((r) => r.parse)),
      switchInDom: summary(switches.map((s) => s.inDom)),
      switchPainted: summary(switches.map((s) => s.painted)),
      switches: switches.length,
      domNodes: pick('domNodes'),
      elements: pick('elements'),
      jsHeapUsed: pick('jsHeapUsed'),
      wasmMemory: pick('wasmMemory'),
    };
    log(`scale ${site.posts}: index.json ${index.raw} B (${index.brotli} B br), list painted ${result.listPainted.median?.toFixed(0)} ms, switch ${result.switchPainted.median?.toFixed(1)} ms (${switches.length} switches)`);
    results.push(result);
  }
  return results;
}
