// Cold loads: one fresh browser context per load (empty cache and storage, cache disabled over CDP, no
// warm connection), metrics read in the page from the Paint, Largest Contentful Paint and Resource Timing
// APIs, and the moment the page's content is in the DOM caught by a MutationObserver installed before
// any of the page's own scripts.

import { recordRequests, waitFor } from './browser.mjs';

/// Runs in the page before its own scripts (Page.addScriptToEvaluateOnNewDocument).
function install(readyExpression) {
  const ready = new Function(`return (${readyExpression});`);
  const b = (window.__bench = { fcp: null, lcp: null, lcpSize: null, lcpElement: null, ready: null, readyPainted: null, appStarted: null, wasm: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.lcp = e.startTime;
        b.lcpSize = e.size;
        const el = e.element;
        b.lcpElement = el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''}` : null;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch (e) {
    b.error = String(e);
  }
  const check = () => {
    if (b.ready === null && document.documentElement && ready()) {
      b.ready = performance.now();
      observer.disconnect();
      // The task after the next animation frame runs once that frame is painted: at most a frame late.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (b.readyPainted = performance.now());
        channel.port2.postMessage(null);
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('readystatechange', check);
  addEventListener('TrunkApplicationStarted', (e) => {
    b.appStarted = performance.now();
    b.wasm = e.detail && e.detail.wasm;
  });
}

/// What the page knows once it is ready.
function collect() {
  const b = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource').map((r) => ({
    name: new URL(r.name).pathname,
    start: r.startTime,
    end: r.responseEnd,
    transfer: r.transferSize,
    decoded: r.decodedBodySize,
  }));
  let wasmMemory = null;
  try {
    wasmMemory = b.wasm && b.wasm.memory ? b.wasm.memory.buffer.byteLength : null;
  } catch {}
  return {
    fcp: b.fcp,
    lcp: b.lcp,
    lcpSize: b.lcpSize,
    lcpElement: b.lcpElement,
    ready: b.ready,
    readyPainted: b.readyPainted,
    appStarted: b.appStarted,
    htmlEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    resources,
    wasmMemory,
    elements: document.getElementsByTagName('*').length,
    error: b.error || null,
  };
}

/// One cold load of `url` with `profile`; `ready` is a page-side expression that is true once the content
/// is in the DOM. Returns the metrics (ms from navigation start) and the responses seen over CDP.
export async function coldLoad(session, url, { profile, ready, settleMs = 300, heap = false }) {
  const tab = await session.page(profile);
  try {
    const requests = recordRequests(tab.cdp);
    await tab.page.addInitScript(install, ready);
    await tab.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await waitFor(tab.page, `window.__bench && window.__bench.readyPainted !== null`, 120_000);
    // LCP candidates are reported after their paint; give the last one time to arrive.
    await tab.page.waitForTimeout(settleMs);
    const metrics = await tab.page.evaluate(collect);
    if (heap) {
      await tab.cdp.send('HeapProfiler.collectGarbage');
      const usage = await tab.cdp.send('Runtime.getHeapUsage');
      metrics.jsHeapUsed = usage.usedSize;
      metrics.jsHeapTotal = usage.totalSize;
      const counters = await tab.cdp.send('Memory.getDOMCounters').catch(() => null);
      metrics.domNodes = counters ? counters.nodes : null;
    }
    metrics.requests = requests();
    return { metrics, tab };
  } catch (e) {
    await tab.close();
    throw e;
  }
}

/// The page-side readiness tests.
export const READY = {
  /// The app shows the article: its own `.prose` is in `.app`, and the prerendered copy is gone.
  app: `document.querySelector('.app .prose') !== null && document.getElementById('prerendered') === null`,
  /// The static page's article body is parsed (the element exists and the parser is past it).
  static: `document.querySelector('.prose') !== null && document.readyState !== 'loading'`,
  /// The app shows the list: post cards inside `.app`, and the prerendered copy is gone.
  list: `document.querySelector('.app .post-card') !== null && document.getElementById('prerendered') === null`,
};

/// `/quire-abc_bg.wasm` → `wasm` etc.: the resource of a load by kind.
export function resourceEnd(metrics, test) {
  const r = metrics.resources.find((x) => test(x.name));
  return r ? r.end : null;
}
