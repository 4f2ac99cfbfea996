// The public home page on slow mobile networks (issue 12): loads / in Chromium under CDP network
// throttling (Network.emulateNetworkConditions through playwright-core) and prints, per profile,
// when the page is usable (its h1 and service links rendered by the app) and the JavaScript bytes
// transferred. A measurement for docs/PERFORMANCE.md, not an assertion (times depend on the machine).
// Usage: KSTT_BASE_URL=http://127.0.0.1:18780 node bench/home_3g.mjs   (a running stack)
import { launch, newPage, url } from '../tests/lib/browser.mjs';

// Throughput in bytes/s, latency in ms (round trip added by Chromium to every request).
const PROFILES = [
  // WebPageTest "3G Slow" (400 kbps down/up, 400 ms RTT).
  { name: 'WebPageTest 3G Slow (400 kbps, 400 ms RTT)', download: 400e3 / 8, upload: 400e3 / 8, latency: 400 },
  // Chrome DevTools "Slow 3G" preset (500 kbps × 0.8, 400 ms × 5 RTT).
  { name: 'DevTools Slow 3G (400 kbps, 2000 ms RTT)', download: (500e3 / 8) * 0.8, upload: (500e3 / 8) * 0.8, latency: 2000 },
  // Chrome DevTools "Fast 3G" / Lighthouse mobile (1.6 Mbps × 0.9, 150 ms × 3.75 RTT).
  { name: 'DevTools Fast 3G (1.44 Mbps, 562 ms RTT)', download: (1.6e6 / 8) * 0.9, upload: (750e3 / 8) * 0.9, latency: 562.5 },
];
const RUNS = Number(process.env.RUNS || 3);

async function once(browser, p) {
  const page = await newPage(browser, { width: 360, height: 740 });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, downloadThroughput: p.download, uploadThroughput: p.upload, latency: p.latency });
    let js = 0;
    const scripts = new Set();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (scripts.has(e.requestId)) js += e.encodedDataLength;
    });
    const t0 = Date.now();
    await page.goto(url('/'), { waitUntil: 'commit', timeout: 60000 });
    // Usable: the app has rendered the home page's heading and its service links.
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
    await page.locator('a[href="/thu-tuc"]').first().waitFor({ timeout: 60000 });
    const usable = Date.now() - t0;
    await page.waitForLoadState('networkidle', { timeout: 60000 });
    return { usable, js };
  } finally {
    await page.closeAll();
  }
}

const browser = await launch();
try {
  for (const p of PROFILES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(browser, p));
    const times = runs.map((r) => r.usable).sort((a, b) => a - b);
    console.log(`${p.name}: usable in ${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s (median ${(times[times.length >> 1] / 1000).toFixed(2)} s); JavaScript transferred ${runs[0].js} B incl. headers`);
  }
} finally {
  await browser.close();
}
