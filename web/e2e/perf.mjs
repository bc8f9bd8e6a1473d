// Measures what an older member on a cheap phone and a weak connection waits for, in Debian's
// Chromium with a cold cache: emulated slow 3G (400 kbit/s down and up, 400 ms round trip) and a
// 4× CPU slowdown, 360×640. Run with `npm run perf` (after `npm run build`); not a test, a report.
//
//   sign-in usable   navigation start → the sign-in form is rendered and interactive
//   home after sign-in   click on "Đăng nhập" → the card shows the name and the QR code
//   home, signed in, cold cache   navigation start → the card (a returning member whose cache
//                    was cleared: index.html, JS, CSS and GET /me over the slow link)
//   first-screen bytes   bytes on the wire until the sign-in form is usable
//
// The service worker is blocked during these runs: a cold first visit has none yet, and the
// worker's own requests run outside the page's network emulation, which would skew the figures.
// Each figure is the median of RUNS fresh browser profiles.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD, PHONE, REPO, openBrowser, startServer } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const CPU_SLOWDOWN = 4;

async function throttled(server) {
  const browser = await openBrowser(PHONE, { serviceWorkers: 'block' });
  const cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const transfer = { bytes: 0 };
  cdp.on('Network.loadingFinished', (e) => {
    transfer.bytes += e.encodedDataLength;
  });
  return { ...browser, cdp, transfer, server };
}

const whenLoginUsable = () => {
  const el = document.querySelector('input[name=login]');
  const button = document.querySelector('button[type=submit]');
  return el && button && !button.disabled ? performance.now() : 0;
};
const whenCardShown = () => {
  const name = document.querySelector('.member-card .member-name');
  const qr = document.querySelector('.member-card svg.qr path');
  return name && name.textContent && qr ? performance.now() : 0;
};

async function measureSignIn(server) {
  const b = await throttled(server);
  try {
    await b.page.goto(`${server.base}/login`, { waitUntil: 'commit', timeout: 60000 });
    const usable = await (await b.page.waitForFunction(whenLoginUsable, null, { polling: 'raf', timeout: 60000 })).jsonValue();
    const bytes = b.transfer.bytes;
    await b.page.fill('input[name=login]', 'dangvien');
    await b.page.fill('input[name=password]', PASSWORD);
    // The click time is taken inside the page, on the same clock as the card's appearance.
    await b.page.evaluate(() => {
      document.addEventListener('click', () => (window.__submitAt = performance.now()), { capture: true, once: true });
    });
    await b.page.click('button[type=submit]');
    const shown = await (await b.page.waitForFunction(whenCardShown, null, { polling: 'raf', timeout: 60000 })).jsonValue();
    const submitAt = await b.page.evaluate(() => window.__submitAt);
    // Now a returning member: signed in (cookie kept), but nothing cached.
    await b.cdp.send('Network.clearBrowserCache');
    b.transfer.bytes = 0;
    await b.page.goto(`${server.base}/`, { waitUntil: 'commit', timeout: 60000 });
    const homeCold = await (await b.page.waitForFunction(whenCardShown, null, { polling: 'raf', timeout: 60000 })).jsonValue();
    return { usable, bytes, home: shown - submitAt, homeCold, homeColdBytes: b.transfer.bytes };
  } finally {
    await b.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const server = await startServer();
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await measureSignIn(server);
    runs.push(r);
    console.log(
      `run ${i + 1}: sign-in usable ${sec(r.usable)}, home after sign-in ${sec(r.home)}, home signed-in cold ${sec(r.homeCold)}`,
    );
  }
} finally {
  await server.stop();
}

const result = {
  conditions: { ...NETWORK, cpuSlowdown: CPU_SLOWDOWN, viewport: PHONE, runs: RUNS, cache: 'cold', serviceWorker: 'blocked' },
  signInUsableMs: Math.round(median(runs.map((r) => r.usable))),
  homeAfterSignInMs: Math.round(median(runs.map((r) => r.home))),
  homeSignedInColdMs: Math.round(median(runs.map((r) => r.homeCold))),
  firstScreenBytes: median(runs.map((r) => r.bytes)),
  homeColdBytes: median(runs.map((r) => r.homeColdBytes)),
};
console.log(`
Slow 3G (400 kbit/s, 400 ms RTT), CPU ×${CPU_SLOWDOWN}, 360×640, cold cache — median of ${RUNS}
  sign-in screen usable           ${sec(result.signInUsableMs).padStart(8)}   (target < 3 s)
  member home after sign-in       ${sec(result.homeAfterSignInMs).padStart(8)}   (target < 4 s)
  member home, signed in, cold    ${sec(result.homeSignedInColdMs).padStart(8)}   (target < 4 s)
  bytes until sign-in usable      ${kb(result.firstScreenBytes).padStart(8)}   (on the wire, gzip)`);
mkdirSync(join(REPO, 'artifacts'), { recursive: true });
writeFileSync(join(REPO, 'artifacts/perf-web.json'), JSON.stringify(result, null, 2) + '\n');
const ok = result.signInUsableMs < 3000 && result.homeAfterSignInMs < 4000 && result.homeSignedInColdMs < 4000;
process.exit(ok ? 0 : 1);
