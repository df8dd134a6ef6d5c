// Search: what a reader's first query costs (bytes of Pagefind's script, wasm and index, as sent) and
// how long from a keypress to the results painted, on the sample site and on generated ones.

import { startServer } from '../server.mjs';
import { coldLoad, READY } from './load.mjs';
import { UNTHROTTLED } from './browser.mjs';
import { summary } from './stats.mjs';

/// Queries that find posts: words of the sample posts, and topics of the generated ones.
const QUERIES = {
  sample: ['tcp', 'latency', 'postgres', 'cache', 'hash_password', 'retry'],
  generated: ['bloom', 'fsync', 'mutex', 'planner', 'allocator', 'handshake'],
};

/// Arms a watcher for the next query: resolves with the last keydown's time, when the first result for
/// it was in the DOM, and when that frame was painted. The panel is emptied first, so the results seen
/// are the new query's.
function armQuery() {
  window.__query = new Promise((resolve) => {
    let pressed = null;
    const onKey = (e) => (pressed = e.timeStamp);
    addEventListener('keydown', onKey, { capture: true });
    const check = () => {
      const hit = document.querySelector('#site-search-results .search-hit');
      const field = document.getElementById('site-search');
      if (pressed !== null && hit && field && field.value === window.__expect) {
        observer.disconnect();
        removeEventListener('keydown', onKey, { capture: true });
        const inDom = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ pressed, inDom, painted: performance.now() });
          channel.port2.postMessage(null);
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/// Search files the server sent since `from` (an index into its log), with their body bytes as sent
/// (compressed where the host compresses; the index chunks are gzip already), the worker's too.
function searchBytes(server, from) {
  return server.sent.slice(from).filter((r) => r.path.includes('/pagefind/'));
}

export async function runSearch(session, { sites, runs, log }) {
  const results = [];
  for (const site of sites) {
    const server = await startServer(site.dir);
    const queries = site.generated ? QUERIES.generated : QUERIES.sample;
    const firstQueries = [];
    const timings = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const from = server.sent.length;
        const { tab } = await coldLoad(session, `${server.origin}/`, { profile: UNTHROTTLED, ready: READY.list });
        try {
          const before = searchBytes(server, from);
          if (before.length) throw new Error(`search files fetched before the field had the focus: ${before.map((b) => b.path)}`);
          await tab.page.focus('#site-search');
          for (const [n, query] of queries.entries()) {
            // Clear the field (the panel closes), then put the query in and time its last key.
            await tab.page.evaluate(() => {
              const f = document.getElementById('site-search');
              f.value = '';
              f.dispatchEvent(new Event('input', { bubbles: true }));
            });
            await tab.page.waitForFunction(() => !document.getElementById('site-search-results'), null, { timeout: 10_000 });
            // All but the last letter go in without an input event, so the panel stays closed and the
            // first result to appear is the whole query's, not a prefix's.
            await tab.page.evaluate((q) => {
              window.__expect = q;
              document.getElementById('site-search').value = q.slice(0, -1);
            }, query);
            await tab.page.evaluate(armQuery);
            await tab.page.keyboard.type(query.slice(-1));
            const t = await tab.page.evaluate('window.__query');
            if (i === 0) continue; // warm-up: server compression caches, OS file cache
            if (n === 0) {
              const files = searchBytes(server, from);
              firstQueries.push({ query, files, bytes: files.reduce((s, f) => s + f.bytes, 0), painted: t.painted - t.pressed });
            } else {
              timings.push({ query, inDom: t.inDom - t.pressed, painted: t.painted - t.pressed });
            }
          }
        } finally {
          await tab.close();
        }
      }
    } finally {
      await server.close();
    }
    const first = firstQueries[0] || { files: [], bytes: null };
    const result = {
      posts: site.posts,
      firstQuery: first.query,
      firstQueryBytes: first.bytes,
      firstQueryFiles: first.files,
      firstQueryPainted: summary(firstQueries.map((q) => q.painted)),
      keyToPaint: summary(timings.map((t) => t.painted)),
      keyToDom: summary(timings.map((t) => t.inDom)),
      queries: timings.length,
      indexBuildMs: site.indexBuildMs ?? null,
    };
    log(`search ${site.posts}: first query ${result.firstQueryBytes} B in ${first.files.length} files, key to paint ${result.keyToPaint.median?.toFixed(1)} ms median (${timings.length} queries)`);
    results.push(result);
  }
  return results;
}
