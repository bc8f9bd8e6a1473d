// End-to-end tests: what a person does, in Debian's Chromium, against a real `sotay serve` on a
// fresh demo database. Run with `npm run e2e` (after `npm run build`); scripts/test-web.sh does both.
// Screenshots of each key screen at 360×640 and 1366×768 go to artifacts/screenshots/; a failing
// scenario also leaves failure-<name>.png there.
//
// A deliberately small runner (no test framework): scenarios run one after another, each in a
// fresh browser profile; the first argument filters scenarios by name.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DESKTOP, LOGIN_LABEL, PASSWORD, PHONE, apiSignIn, openBrowser, screenshotPath, signIn, startServer, totp, waitInPage } from './lib.mjs';

const scenarios = [];
const scenario = (name, fn) => scenarios.push({ name, fn });

async function shot(page, name) {
  // Let fonts and the spinner settle so screenshots are comparable run to run.
  await page.waitForTimeout(150);
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

async function inViewport(locator, viewport) {
  const box = await locator.boundingBox();
  assert.ok(box, 'element has no box (not rendered)');
  assert.ok(box.width > 0 && box.height > 0, 'element has no size');
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `element not fully on screen: y=${box.y} h=${box.height}`);
  assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `element wider than the screen: x=${box.x} w=${box.width}`);
}

// Every control a finger uses must be at least 44 px tall (checkbox rows by their label).
async function checkTapTargets(page) {
  const small = await page.evaluate(() => {
    const sel = 'button, .btn, .nav a, .tile, input:not([type=checkbox]), label.switch, label.check, .link-list a';
    return [...document.querySelectorAll(sel)]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      })
      .map((el) => ({ text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40), h: el.getBoundingClientRect().height }))
      .filter((x) => x.h < 43.5);
  });
  assert.deepEqual(small, [], `tap targets under 44 px: ${JSON.stringify(small)}`);
}

async function memberName(base, login) {
  // The name the card must show, from the API itself (the demo data is generated).
  const { cookie } = await apiSignIn(base, login);
  const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json();
  return me.member.full_name;
}

async function memberUnit(base, login) {
  const { cookie } = await apiSignIn(base, login);
  return (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()).member;
}

async function waitForOfflineReady(page) {
  // The worker controls the page and holds GET /me in its cache.
  await waitInPage(page,
    async () => {
      if (!navigator.serviceWorker.controller) return false;
      return !!(await caches.match('/api/v1/me'));
    },
    null,
    { timeout: 20000, polling: 200, what: 'the service worker in control with GET /me kept for offline use' },
  ).catch(async (e) => {
    // Say which half was missing: no worker in control, or a cache without /me (and what it holds).
    const state = await page.evaluate(async () => ({
      controlled: !!navigator.serviceWorker.controller,
      kept: await caches.open('sotay-api').then((c) => c.keys()).then((keys) => keys.map((r) => new URL(r.url).pathname)),
    }));
    throw new Error(`${e.message}; ${JSON.stringify(state)}`);
  });
}

// ---------------------------------------------------------------------------------------------

scenario('member signs in at 360×640 and sees the card (name and QR code on screen)', async ({ server, browser }) => {
  const { page } = browser;
  const name = await memberName(server.base, 'dangvien');
  await page.goto(server.base + '/');
  await page.waitForURL('**/login');
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await checkTapTargets(page);
  await shot(page, 'login-360x640');

  await page.getByLabel(LOGIN_LABEL).fill('dangvien');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();

  const card = page.locator('.member-card');
  await inViewport(card.locator('.member-name'), PHONE);
  assert.equal((await card.locator('.member-name').textContent()).trim(), name);
  const qr = card.getByRole('img', { name: new RegExp(`Mã QR định danh đảng viên ${name}`) });
  await inViewport(qr, PHONE);
  assert.match(await card.textContent(), /Chi bộ thôn Đông/);
  assert.match(await card.textContent(), /Chính thức/);
  await checkTapTargets(page);
  await shot(page, 'home-360x640');
  await page.screenshot({ path: screenshotPath('home-360x640-full'), fullPage: true });

  // The other member screens, each reached through the navigation as a person would.
  await page.getByRole('navigation').getByRole('link', { name: 'Cá nhân' }).click();
  await page.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();
  await checkTapTargets(page);
  await shot(page, 'profile-360x640');

  await page.getByRole('link', { name: 'Thiết bị và phiên đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Thiết bị và phiên đăng nhập' }).waitFor();
  await page.getByText('Thiết bị này', { exact: true }).waitFor();
  await shot(page, 'sessions-360x640');

  await page.goto(server.base + '/security/two-factor');
  await page.getByRole('heading', { name: 'Xác thực hai lớp' }).waitFor();
  await shot(page, 'two-factor-start-360x640');

  await page.getByRole('navigation').getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
  await checkTapTargets(page);
  await shot(page, 'settings-360x640');

  // Large text: a setting on the device, applied at once and kept across a reload.
  await page.getByRole('switch', { name: 'Chữ lớn' }).check();
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
  await page.reload();
  await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), true);
  await page.getByRole('navigation').getByRole('link', { name: 'Trang chủ' }).click();
  await page.locator('.member-card').waitFor();
  await shot(page, 'home-360x640-large-text');

  await page.goto(server.base + '/news');
  await page.getByRole('heading', { name: 'Tin tức' }).waitFor();
  await shot(page, 'section-news-360x640');
});

scenario('member at 1366×768 signs in with the keyboard only and sees the card', async ({ server, browser }) => {
  const { page } = browser;
  const name = await memberName(server.base, 'dangvien');
  await page.goto(server.base + '/login');
  await page.getByLabel(LOGIN_LABEL).waitFor();
  await shot(page, 'login-1366x768');
  // Tab order: the skip link first, then the brand, then the login field.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bỏ qua, đến nội dung chính');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'login');
  // The focus ring is visible (an outline, not removed).
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.type('dangvien');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();
  await inViewport(page.locator('.member-card .member-name'), DESKTOP);
  await inViewport(page.locator('.member-card svg.qr'), DESKTOP);
  await shot(page, 'home-1366x768');

  for (const [path, heading, file] of [
    ['/profile', 'Thông tin cá nhân', 'profile-1366x768'],
    ['/security/sessions', 'Thiết bị và phiên đăng nhập', 'sessions-1366x768'],
    ['/settings', 'Cài đặt', 'settings-1366x768'],
  ]) {
    await page.goto(server.base + path);
    await page.getByRole('heading', { name: heading }).waitFor();
    await shot(page, file);
  }
});

scenario('a wrong password shows the Vietnamese error, never a code', async ({ server, browser }) => {
  const { page } = browser;
  await signIn(page, server.base, 'dangvien', 'sai-mat-khau-1');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
  const text = await page.locator('body').textContent();
  assert.doesNotMatch(text, /unauthenticated|401/);
  // Still on the sign-in screen, the password cleared for a new try, the login kept.
  assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel(LOGIN_LABEL).inputValue(), 'dangvien');
  await shot(page, 'login-wrong-password-360x640');
  // Empty fields are caught before any request, next to each input.
  await page.getByLabel(LOGIN_LABEL).fill('');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Vui lòng nhập số điện thoại hoặc tên đăng nhập.').waitFor();
  await page.getByText('Vui lòng nhập mật khẩu.').waitFor();
});

scenario('a member typing a committee address gets the "not allowed" page', async ({ server, browser }) => {
  const { page } = browser;
  await signIn(page, server.base, 'dangvien');
  await page.locator('.member-card').waitFor();
  // No committee entry in the navigation for a plain member.
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Quản lý' }).count(), 0);
  await page.goto(server.base + '/committee/units/1');
  await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
  await page.getByRole('link', { name: 'Về trang chủ' }).waitFor();
  await shot(page, 'not-allowed-360x640');
  await page.setViewportSize(DESKTOP);
  await shot(page, 'not-allowed-1366x768');
  // An unknown address is "not found", not "not allowed".
  await page.goto(server.base + '/khong-co-trang-nay');
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
});

scenario('a cell secretary opening a record outside their scope gets "not allowed" from the API', async ({ server, browser }) => {
  const { page } = browser;
  await signIn(page, server.base, 'bithu');
  await page.getByRole('navigation').getByRole('link', { name: 'Quản lý' }).waitFor();
  // The route is open to cell committees, but the API answers 404 for a member outside the cell.
  await page.goto(server.base + '/committee/members/999999');
  await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
});

scenario('the app is installable: manifest and service worker, no installability errors', async ({ server, browser }) => {
  const { page, context } = browser;
  await page.goto(server.base + '/login');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], `manifest errors: ${JSON.stringify(manifest.errors)}`);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.name, 'Sổ tay đảng viên');
  assert.equal(parsed.short_name, 'Sổ tay');
  assert.equal(parsed.lang, 'vi');
  // Chromium decides installability once the worker controls a page.
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  let errors = [];
  for (let i = 0; i < 20; i++) {
    ({ installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors'));
    if (errors.length === 0) break;
    await page.waitForTimeout(250);
  }
  assert.deepEqual(errors, [], `installability errors: ${JSON.stringify(errors)}`);
});

scenario('with the network cut after a first visit, the shell and the card still load', async ({ browser }) => {
  // Its own server, stopped before the reload: the app must not need it at all.
  const own = await startServer();
  const { page, context } = browser;
  try {
    const name = await memberName(own.base, 'dangvien');
    await signIn(page, own.base, 'dangvien');
    await page.locator('.member-card .member-name').waitFor();
    await waitForOfflineReady(page);
    await context.setOffline(true);
    await own.stop();
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    assert.match(await page.getByTestId('offline-banner').textContent(), /Bạn đang ngoại tuyến/);
    await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();
    await inViewport(page.locator('.member-card svg.qr'), PHONE);
    await shot(page, 'offline-home-360x640');
    // Screens opened before are there too; the sections tiles still navigate.
    await page.getByRole('navigation').getByRole('link', { name: 'Cá nhân' }).click();
    await page.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();
    await page.setViewportSize(DESKTOP);
    await page.goto(own.base + '/');
    await page.locator('.member-card').waitFor();
    await shot(page, 'offline-home-1366x768');
  } finally {
    await own.stop();
  }
});

scenario('contact details: field errors next to inputs; a change made offline is sent when back online', async ({ server, browser }) => {
  const { page, context } = browser;
  await signIn(page, server.base, 'dangvien');
  await page.locator('.member-card').waitFor();
  await page.goto(server.base + '/profile');
  await page.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();

  await page.getByLabel('Thư điện tử').fill('khong-phai-email');
  await page.getByRole('button', { name: 'Lưu' }).click();
  const emailError = page.getByText('Địa chỉ email không hợp lệ.');
  await emailError.waitFor();
  // Tied to its input for screen readers.
  const describedBy = await page.getByLabel('Thư điện tử').getAttribute('aria-describedby');
  assert.ok(describedBy && (await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).includes('email'));
  await shot(page, 'profile-field-error-360x640');

  // Once the person edits the field, the message about what was sent goes.
  await page.getByLabel('Thư điện tử').fill('');
  await emailError.waitFor({ state: 'detached' });
  await waitForOfflineReady(page);
  await context.setOffline(true);
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu trên máy. Sẽ tự gửi khi có mạng trở lại.').first().waitFor();
  await page.getByText('1 thay đổi đang chờ gửi khi có mạng.').waitFor();
  await shot(page, 'profile-queued-offline-360x640');

  await context.setOffline(false);
  await page.getByText('Đã gửi 1 thay đổi lưu khi ngoại tuyến.').waitFor({ timeout: 15000 });
  const phone = await page.evaluate(async () => (await (await fetch('/api/v1/me', { cache: 'no-store' })).json()).member.phone);
  assert.equal(phone, '0912345678');
  assert.equal(await page.getByText('thay đổi đang chờ gửi').count(), 0);
});

scenario('two-factor: set up with the QR code, then sign in with a code; committee navigation', async ({ server, browser }) => {
  const { page } = browser;
  await signIn(page, server.base, 'bithu');
  await page.getByRole('navigation').getByRole('link', { name: 'Quản lý' }).waitFor();
  await page.goto(server.base + '/security/two-factor');
  await page.getByRole('button', { name: 'Bắt đầu thiết lập' }).click();
  await page.getByRole('img', { name: 'Mã QR để thêm Sổ tay vào ứng dụng xác thực' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await shot(page, 'two-factor-qr-360x640');
  const first = totp(secret);
  await page.getByLabel('Mã 6 số').fill(first);
  await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
  await page.getByText('Đã bật xác thực hai lớp.').first().waitFor();

  // Sign out from Settings, then sign in: the code field appears when the server asks for it.
  await page.getByRole('navigation').getByRole('link', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel(LOGIN_LABEL).fill('bithu');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const codeField = page.getByLabel('Mã xác thực 6 số');
  await codeField.waitFor();
  await shot(page, 'login-totp-360x640');
  // A code is good once: wait for the next 30-second window if the setup used this one.
  let code = totp(secret);
  while (code === first) {
    await page.waitForTimeout(1000);
    code = totp(secret);
  }
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.member-card').waitFor();

  await page.getByRole('navigation').getByRole('link', { name: 'Quản lý' }).click();
  await page.getByRole('heading', { name: 'Quản lý' }).waitFor();
  // A cell secretary sees the tree but neither accounts nor the audit log.
  assert.equal(await page.getByRole('link', { name: /Tài khoản/ }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /Nhật ký/ }).count(), 0);
  await shot(page, 'committee-home-360x640');
  await page.getByRole('link', { name: /Tổ chức đảng/ }).click();
  await page.getByRole('heading', { name: 'Tổ chức đảng' }).waitFor();
  await page.getByRole('link', { name: /Chi bộ thôn Đông/ }).waitFor();
  await page.setViewportSize(DESKTOP);
  await shot(page, 'committee-tree-1366x768');
});

scenario('after a password reset, the member must set a new password before anything else', async ({ browser }) => {
  // Its own server: this changes dangvien's password.
  const own = await startServer();
  const { page } = browser;
  try {
    // The administrator resets the member's password through the API.
    const api = async (path, { method = 'GET', body, cookie, csrf } = {}) => {
      const res = await fetch(own.base + '/api/v1' + path, {
        method,
        headers: {
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { res, json: await res.json() };
    };
    const signin = await api('/session', { method: 'POST', body: { login: 'quantri', password: PASSWORD } });
    const cookie = signin.res.headers.get('set-cookie').split(';')[0];
    const csrf = signin.json.csrf_token;
    const unitId = (await memberUnit(own.base, 'dangvien')).unit_id;
    const accounts = await api(`/units/${unitId}/accounts?q=dangvien`, { cookie });
    const account = accounts.json.accounts.find((a) => a.login === 'dangvien');
    const reset = await api(`/accounts/${account.id}/reset-password`, { method: 'POST', cookie, csrf });
    const temporary = reset.json.temporary_password;
    assert.ok(temporary);

    await signIn(page, own.base, 'dangvien', temporary);
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/password');
    // No navigation while the step is pending, and other addresses lead back here.
    assert.equal(await page.getByRole('navigation').count(), 0);
    await page.goto(own.base + '/profile');
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
    await shot(page, 'forced-password-360x640');

    await page.getByLabel('Mật khẩu bạn vừa dùng để đăng nhập').fill(temporary);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Hoa sen 2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Hoa sen 2027');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Hai lần nhập mật khẩu mới không khớp.').waitFor();
    // The server's own rule, shown next to the field.
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('abcdefgh');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('abcdefgh');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu phải có cả chữ và số.').waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Hoa sen 2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Hoa sen 2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // Done: the guard lets the member through, to the page they had asked for.
    await page.getByRole('heading', { name: 'Thông tin cá nhân' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Trang chủ' }).click();
    await page.locator('.member-card').waitFor();
  } finally {
    await own.stop();
  }
});

scenario('a new deploy offers "Đã có phiên bản mới — Tải lại" and reloads on request', async ({ server, browser }) => {
  const { page } = browser;
  await signIn(page, server.base, 'dangvien');
  await page.locator('.member-card').waitFor();
  await waitForOfflineReady(page);
  // Simulate a deploy: same app, new service worker version.
  const swPath = join(server.webRoot, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const version = /sotay-shell-(?:\$\{"|")?([0-9a-f]{12})/.exec(sw)?.[1] ?? /"([0-9a-f]{12})"/.exec(sw)?.[1];
  assert.ok(version, 'service worker version not found in sw.js');
  const next = sw.split(version).join('e2e000000002');
  writeFileSync(swPath, next);
  writeFileSync(`${swPath}.gz`, gzipSync(next));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByText('Đã có phiên bản mới');
  await banner.waitFor({ timeout: 20000 });
  await shot(page, 'update-available-360x640');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Tải lại' }).click()]);
  await page.locator('.member-card').waitFor();
  assert.equal(await page.getByText('Đã có phiên bản mới').count(), 0);
  const caches = await page.evaluate(() => window.caches.keys());
  assert.ok(caches.includes('sotay-shell-e2e000000002'), `caches after update: ${caches}`);
  assert.ok(!caches.includes(`sotay-shell-${version}`), 'old shell cache kept');
});

// The committee screens' scenarios live in e2e/committee.mjs and use the helpers above.
(await import('./committee.mjs')).register(scenario, { shot, checkTapTargets });
// The library's and the news' scenarios: e2e/library.mjs.
(await import('./library.mjs')).register(scenario, { shot, checkTapTargets });
// The editor screens' scenarios (documents, news, reading statistics): e2e/editor.mjs.
(await import('./editor.mjs')).register(scenario, { shot, checkTapTargets });
(await import('./notices.mjs')).register(scenario, { shot, checkTapTargets });

// ---------------------------------------------------------------------------------------------

const filter = process.argv[2];
const selected = scenarios.filter((s) => !filter || s.name.includes(filter));
const server = await startServer();
let failed = 0;
const started = Date.now();
try {
  for (const s of selected) {
    const viewport = /1366×768/.test(s.name) ? DESKTOP : PHONE;
    const browser = await openBrowser(viewport);
    // Script errors and CSP refusals fail the scenario (the server's CSP allows no inline script).
    const problems = [];
    browser.page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    browser.page.on('console', (m) => {
      if (m.type() === 'error' && /Refused to|Content Security Policy|Uncaught/.test(m.text())) problems.push(m.text());
    });
    const t0 = Date.now();
    try {
      await s.fn({ server, browser });
      assert.deepEqual(problems, [], 'errors in the page');
      console.log(`  ✓ ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${s.name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
      const slug = s.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
      await browser.page.screenshot({ path: screenshotPath(`failure-${slug}`) }).catch(() => undefined);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}
console.log(
  `\n${selected.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s); screenshots in artifacts/screenshots/`,
);
process.exit(failed ? 1 : 0);
