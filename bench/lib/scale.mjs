// Scale: the list page of a site of 1,000 or 10,000 generated posts, built from the same app bundle.

import { startServer } from '../server.mjs';
import { coldLoad, READY } from './load.mjs';
import { UNTHROTTLED } from './browser.mjs';
import { summary } from './stats.mjs';

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
    const loads = [];
    const switches = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const { metrics, tab } = await coldLoad(session, `${server.origin}/`, { profile: UNTHROTTLED, ready: READY.list, heap: true });
        try {
          if (i === 0) continue; // warm-up: the server compresses each file once, the OS caches the files
          const jsonOnLoad = metrics.resources.filter((r) => r.name.endsWith('.json')).length;
          loads.push({ ...metrics, jsonOnLoad, resources: undefined, requests: undefined });
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
      firstView: site.firstView,
      loads: loads.length,
      fcp: pick('fcp'),
      listInDom: pick('ready'),
      listPainted: pick('readyPainted'),
      jsonOnLoad: pick('jsonOnLoad'),
      startToList: summary(loads.map((l) => l.readyPainted - l.appStarted)),
      switchInDom: summary(switches.map((s) => s.inDom)),
      switchPainted: summary(switches.map((s) => s.painted)),
      switches: switches.length,
      domNodes: pick('domNodes'),
      elements: pick('elements'),
      jsHeapUsed: pick('jsHeapUsed'),
      wasmMemory: pick('wasmMemory'),
    };
    log(`scale ${site.posts}: first view of an article ${site.firstView.article} B br, list painted ${result.listPainted.median?.toFixed(0)} ms, switch ${result.switchPainted.median?.toFixed(1)} ms (${switches.length} switches)`);
    results.push(result);
  }
  return results;
}
