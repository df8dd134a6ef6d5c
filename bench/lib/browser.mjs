// Headless Chromium over the DevTools protocol (playwright-core drives it; nothing is downloaded: the
// system's Chromium is used), the throttling profile, and the helpers every measurement shares.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.QUIRE_CHROMIUM || '/usr/bin/chromium';

export const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Timers and rAF must not be slowed in a page nobody looks at.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/// The throttled profile: CPU 4x slower, a fast-3G-like network (150 ms RTT, 1.6 Mbps down, 750 kbps up).
export const THROTTLED = {
  name: 'throttled',
  cpu: 4,
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  describe: 'CPU 4x slower (Emulation.setCPUThrottlingRate 4), network 150 ms RTT, 1.6 Mbps down, 750 kbps up (Network.emulateNetworkConditions)',
};
export const UNTHROTTLED = { name: 'unthrottled', cpu: 1, network: null, describe: 'no throttling' };

/// A fresh Chromium: playwright starts it with a new temporary --user-data-dir, removed on close.
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: false, // `--headless=new` is in ARGS, exactly as written
    args: ARGS,
  });
  return {
    browser,
    version: browser.version(),
    /// A new incognito-like context and page with a CDP session: cache disabled, profile applied.
    async page(profileOpts = UNTHROTTLED) {
      // bypassCSP: the harness polls with predicates evaluated from source text, which the site's
      // Content-Security-Policy (no 'unsafe-eval') would refuse; the page's own scripts are unaffected.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profileOpts.cpu });
      if (profileOpts.network) await cdp.send('Network.emulateNetworkConditions', profileOpts.network);
      return { context, page, cdp, close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/// Collects the responses a page receives through CDP: URL, status, encoding and bytes on the wire.
export function recordRequests(cdp) {
  const byId = new Map();
  cdp.on('Network.responseReceived', (e) => {
    byId.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      encoding: (e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '') || null,
      type: e.type,
      transferred: null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.transferred = e.encodedDataLength;
  });
  return () => [...byId.values()];
}

/// Waits until a page-side predicate (source of an expression) holds, polling each frame.
export async function waitFor(page, expression, timeout = 60_000) {
  await page.waitForFunction(expression, null, { timeout, polling: 'raf' });
}

/// Resolves after the next frame has been painted (rAF, then a task posted from it runs after paint).
export const AFTER_PAINT = `new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(null);
}))`;
