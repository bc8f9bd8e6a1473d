// Shared by the end-to-end tests and the performance measurement: a real `sotay serve` on a fresh
// SQLite database loaded with `sotay demo`, on a free port, serving a copy of web/dist; and
// Debian's Chromium driven by playwright-core with a fresh profile per scenario.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(WEB, '..');
export const SOTAY_BIN = resolve(WEB, process.env.SOTAY_BIN ?? '../build/sotay');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(REPO, 'artifacts/screenshots');
export const PASSWORD = 'SoTay@2026';

export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1366, height: 768 };

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForServer(url, child, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`sotay serve exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status > 0) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sotay serve did not answer at ${url} within ${ms} ms`);
}

// Starts `sotay serve` on a fresh demo database. The web root is a copy of dist/ so a test may
// change it (a new deploy) without touching the build.
export async function startServer({ log = false } = {}) {
  if (!existsSync(SOTAY_BIN)) throw new Error(`sotay binary not found at ${SOTAY_BIN} (set SOTAY_BIN)`);
  if (!existsSync(join(WEB, 'dist/index.html'))) throw new Error('web/dist is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'sotay-e2e-'));
  const db = join(dir, 'e2e.db');
  const webRoot = join(dir, 'web');
  cpSync(join(WEB, 'dist'), webRoot, { recursive: true });
  const demo = spawnSync(SOTAY_BIN, ['demo', '--db', db], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`sotay demo failed:\n${demo.stdout}\n${demo.stderr}`);
  const port = await freePort();
  const child = spawn(
    SOTAY_BIN,
    ['serve', '--db', db, '--port', String(port), '--bind', '127.0.0.1', '--web', webRoot, '--threads', '2'],
    { stdio: ['ignore', log ? 'inherit' : 'ignore', log ? 'inherit' : 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/api/v1/me`, child);
  return {
    base,
    port,
    webRoot,
    db,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // Chromium refuses service workers on insecure origins except localhost; the server is on
  // 127.0.0.1, which counts as potentially trustworthy, so nothing else is needed.
];

// A fresh profile per call, so each scenario starts with no cookies, caches or service worker.
export async function openBrowser(viewport = PHONE, extra = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install the Debian package chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'sotay-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new is in the args: the real browser, not the headless shell
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
    ...extra,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret, to finish two-factor setup.
export function totp(secretBase32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`bad base32 character ${ch}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

// ---- shared by the scenario files (run.mjs, committee.mjs, library.mjs, editor.mjs) ----

export const LOGIN_LABEL = 'Số điện thoại hoặc tên đăng nhập';
export const MAIN_NAV = 'Điều hướng chính';

// Fills and sends the sign-in form; waits for nothing.
export async function signIn(page, base, login, password = PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel(LOGIN_LABEL).fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

// Signs in someone with committee work and waits for "Quản lý" in the main navigation.
export async function signInCommittee(page, base, login) {
  await signIn(page, base, login);
  await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).waitFor();
}

// Signs in through the API: the session cookie and the CSRF token.
export async function apiSignIn(base, login) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  assert.equal(res.status, 200, `sign-in for ${login}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return { cookie, csrf };
}

// Screenshots without the passing "Đã lưu…" messages over the content; a message may leave by
// itself meanwhile, so closing one does not wait for it.
export function shotWithoutFlash(takeShot) {
  return async (page, name) => {
    for (const close of await page.locator('.flash-close').all()) await close.click({ timeout: 1000 }).catch(() => undefined);
    await takeShot(page, name);
  };
}

// Waits until `fn`, run in the page (it may be async), returns something truthy, and returns it.
// page.waitForFunction cannot wait on an async function: it takes the Promise as a truthy answer
// at once (playwright#29132), so a check written that way passes without waiting.
export async function waitInPage(page, fn, arg, { timeout = 10000, polling = 200, what = 'the condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg);
      if (last) return last;
    } catch (e) {
      // A reload or navigation in between ends the page's context: look again in the new one.
      if (!/context was destroyed|navigat/i.test(String(e?.message))) throw e;
    }
    if (Date.now() >= until) throw new Error(`waited ${timeout} ms in the page for ${what}; last answer: ${JSON.stringify(last)}`);
    await page.waitForTimeout(polling);
  }
}
