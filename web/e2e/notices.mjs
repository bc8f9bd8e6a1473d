// End-to-end scenarios of notices (decision 0006; pages/notices/, pages/committee/Notice*), run by
// run.mjs with its helpers: `node e2e/run.mjs notices`. Every name contains "notices" so that
// filter selects them; names with 1366×768 get a desktop window, the others a 360×640 phone.
//
// The scenarios share one demo server with the others, so each sends its own notices (with a
// number in the title) and counts from what the member had before.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DESKTOP, MAIN_NAV, PHONE, openBrowser, shotWithoutFlash, signIn, signInCommittee, waitInPage } from './lib.mjs';

// The API through a signed-in page, with its own session (the CSRF token from GET /me).
async function apiFromPage(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/me', { cache: 'no-store' })).json();
      if (path === '/me') return me;
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'X-CSRF-Token': me.csrf_token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    },
    { method, path, body },
  );
}

const stamp = () => String(Date.now() % 100000);

// A real 1×1 PNG (the server checks the bytes, not the name).
const PLAN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// The number on the bell in the navigation (0 when there is none).
async function unreadBadge(page) {
  const badge = page.getByRole('navigation', { name: MAIN_NAV }).locator('.nav-badge [aria-hidden="true"]');
  if ((await badge.count()) === 0) return 0;
  const text = (await badge.textContent()).trim();
  return text === '99+' ? 100 : Number(text);
}

// Signs the member in on a page and waits until the live connection has said hello.
async function signInLive(page, base, login) {
  // Listening from the socket's first moment: the hello arrives right after it opens.
  const hello = new Promise((resolve) => {
    page.on('websocket', (ws) => {
      if (ws.url().endsWith('/api/v1/live')) ws.on('framereceived', () => resolve(ws));
    });
  });
  await signIn(page, base, login);
  await page.locator('.member-card').waitFor();
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no message on /api/v1/live within 20 s')), 20000));
  return Promise.race([hello, timeout]);
}

// On a notice's statistics: opens each named child unit in turn when it is listed.
async function drillTo(page, names) {
  for (const name of names) {
    const link = page.locator('.e-children').getByRole('link', { name: new RegExp(`^${name}: `) });
    if ((await link.count()) === 0) continue;
    await link.click();
    await page.locator('.e-rate-unit', { hasText: name }).waitFor();
  }
}

export function register(scenario, { shot: takeShot, checkTapTargets }) {
  const shot = shotWithoutFlash(takeShot);

  scenario('notices: a committee sends an urgent notice asking for acknowledgement to a base committee; the member sees it arrive live, opens it, presses "Đã nhận"; the statistics show it at once (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    const title = `Họp khẩn cấp ủy mở rộng (${stamp()})`;
    const body = 'Đề nghị đồng chí có mặt tại hội trường Đảng ủy lúc 14 giờ.\nMang theo Sổ tay đảng viên.';
    // The member's phone has the app open before anything is sent.
    const phone = await openBrowser(PHONE);
    try {
      const p = phone.page;
      await signInLive(p, server.base, 'dangvien');
      const memberName = (await apiFromPage(p, 'GET', '/me')).member.full_name;
      const unreadBefore = await unreadBadge(p);
      const toAckBefore = (await apiFromPage(p, 'GET', '/inbox?limit=1')).to_ack;
      const homeToAck = (n) => `Có ${n.toLocaleString('vi-VN')} thông báo cấp ủy đang chờ bạn bấm “Đã nhận”.`;

      // The province committee writes the notice.
      await signInCommittee(page, server.base, 'tinhuy');
      await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
      await page.locator('.tiles').getByRole('link', { name: /^Thông báo/ }).click();
      await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Gửi thông báo mới' }).click();
      await page.getByRole('heading', { name: 'Gửi thông báo', level: 1 }).waitFor();

      // Checked before sending, next to each field.
      await page.getByRole('button', { name: 'Gửi thông báo', exact: true }).click();
      await page.getByText('Vui lòng nhập tiêu đề.').waitFor();
      await page.getByText('Hãy chọn người nhận: đơn vị, chức vụ hoặc đảng viên.').first().waitFor();

      await page.getByLabel('Tiêu đề').fill(title);
      await page.getByLabel('Nội dung', { exact: true }).fill(body);
      await page.getByRole('radio', { name: 'Khẩn' }).check();
      // The tree of the scope: open the district, tick one base committee.
      await page.getByRole('button', { name: 'Mở các đơn vị trực thuộc Đảng bộ xã Tân Phong' }).click();
      const base = page.getByRole('checkbox', { name: /Đảng bộ khu vực Tân Lập/ });
      await base.check();
      // Its cells show as included.
      await page.getByRole('button', { name: 'Mở các đơn vị trực thuộc Đảng bộ khu vực Tân Lập' }).click();
      await page.getByText('Đã gồm trong Đảng bộ khu vực Tân Lập').first().waitFor();
      // The number of recipients before sending.
      const count = page.getByTestId('recipient-count');
      await count.waitFor();
      const recipients = Number(/Sẽ gửi tới ([\d.]+) đảng viên/.exec(await count.textContent())[1].replace(/\./g, ''));
      assert.ok(recipients > 0, 'somebody receives it');
      await page.getByRole('checkbox', { name: 'Yêu cầu xác nhận đã nhận' }).check();
      await page.getByText('Hạn xác nhận (có thể bỏ trống)').waitFor();

      // A file goes with it. One whose bytes are not what its name says is refused by the server,
      // in Vietnamese, and nothing is added; the real plan goes up.
      const fileInput = page.getByLabel('Thêm tệp (PDF, Word hoặc ảnh)');
      await fileInput.setInputFiles({ name: 'gia-mao.png', mimeType: 'image/png', buffer: Buffer.from('không phải ảnh') });
      await page.getByText(/^Tệp không đúng định dạng/).waitFor();
      await fileInput.setInputFiles({ name: 'Kế hoạch họp.png', mimeType: 'image/png', buffer: PLAN_PNG });
      await page.locator('.n-files').getByText('Kế hoạch họp.png').waitFor();
      assert.equal(await page.locator('.n-files li').count(), 1);
      await page.locator('.n-files').scrollIntoViewIfNeeded();
      await shot(page, 'notices-compose-files-1366x768');
      await checkTapTargets(page);
      await shot(page, 'notices-compose-1366x768');

      // A confirmation in plain words.
      await page.getByRole('button', { name: 'Gửi thông báo', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Gửi thông báo' });
      await dialog.getByText(`Gửi thông báo khẩn tới ${recipients.toLocaleString('vi-VN')} đảng viên?`).waitFor();
      await dialog.getByText('Kế hoạch họp.png').waitFor();
      await shot(page, 'notices-confirm-1366x768');
      await dialog.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.waitForURL(/\/committee\/notices\/\d+$/);
      const noticeId = Number(/\/committee\/notices\/(\d+)$/.exec(page.url())[1]);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByTestId('count-acked').waitFor();
      assert.match(await page.getByTestId('count-acked').textContent(), /^0 \/ /);

      // The member: the notice arrives without a reload — the badge and a message at the top.
      const toast = p.getByTestId('notice-toast').filter({ hasText: title });
      await toast.waitFor({ timeout: 15000 });
      assert.match(await toast.textContent(), new RegExp(`Thông báo khẩn: ${title.replace(/[()]/g, '\\$&')}`));
      await p.waitForFunction((n) => {
        const el = document.querySelector('.nav .nav-badge [aria-hidden="true"]');
        return el && Number(el.textContent) === n;
      }, unreadBefore + 1);
      // The home screen under it now says one more waits for "Đã nhận" (counted live, not asked).
      await p.getByTestId('home-to-ack').getByText(homeToAck(toAckBefore + 1)).waitFor();
      await shot(p, 'notices-live-toast-360x640');

      // Opens it from the message: the text, the deadline, the big "Đã nhận".
      await toast.getByRole('link', { name: 'Xem' }).click();
      await p.getByRole('heading', { name: title, level: 1 }).waitFor();
      await p.getByText('Mang theo Sổ tay đảng viên.').waitFor();
      await p.getByText(/^Hạn xác nhận: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
      // The file, downloaded as sent.
      const fileLink = p.getByRole('link', { name: 'Tải về tệp Kế hoạch họp.png' });
      await fileLink.waitFor();
      const [download] = await Promise.all([p.waitForEvent('download'), fileLink.click()]);
      assert.equal(download.suggestedFilename(), 'Kế hoạch họp.png');
      assert.deepEqual(await readFile(await download.path()), PLAN_PNG);
      const ack = p.getByRole('button', { name: 'Đã nhận' });
      await ack.scrollIntoViewIfNeeded();
      await checkTapTargets(p);
      await shot(p, 'notices-view-360x640');
      // Opening it read it: the badge goes back down.
      await p.waitForFunction((n) => {
        const el = document.querySelector('.nav .nav-badge [aria-hidden="true"]');
        return Number(el?.textContent ?? '0') === n;
      }, unreadBefore);
      await ack.click();
      await p.getByTestId('acked').getByText(/^Đã xác nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
      assert.equal(await p.getByRole('button', { name: 'Đã nhận' }).count(), 0);
      // A good moment to offer notifications on the phone (where the browser can do push).
      const offer = p.getByTestId('push-offer');
      if (await offer.isVisible().catch(() => false)) {
        await offer.getByText('Nhận thông báo khi không mở ứng dụng?').waitFor();
        await shot(p, 'notices-push-offer-360x640');
        await offer.getByRole('button', { name: 'Để sau' }).click();
        await offer.waitFor({ state: 'detached' });
      }
      await shot(p, 'notices-acked-360x640');

      // The inbox: the notice on top, urgent, no longer waiting for acknowledgement.
      await p.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: /^Thông báo/ }).click();
      await p.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
      const row = p.locator('.inbox-item').first();
      await row.getByText(title).waitFor();
      await row.getByText('Khẩn', { exact: true }).waitFor();
      assert.equal(await row.getByText('Cần xác nhận').count(), 0);
      await checkTapTargets(p);
      await shot(p, 'notices-inbox-360x640');

      // "Cần xác nhận": only what still waits for "Đã nhận" — not this one any more.
      await p.getByRole('navigation', { name: 'Lọc thông báo' }).getByRole('link', { name: /^Cần xác nhận/ }).click();
      await p.waitForURL(/xem=can-xac-nhan/);
      await p.getByText(/thông báo đang chờ bạn bấm “Đã nhận”|Bạn đã xác nhận hết/).waitFor();
      const waiting = p.locator('.inbox-item');
      for (const r of await waiting.all()) await r.getByText('Cần xác nhận', { exact: true }).waitFor();
      assert.equal(await waiting.filter({ hasText: title }).count(), 0);
      await checkTapTargets(p);
      await shot(p, 'notices-inbox-to-ack-360x640');

      // Searching, typed without marks: only this notice, whatever the view; then back to all.
      await p.getByRole('navigation', { name: 'Lọc thông báo' }).getByRole('link', { name: 'Tất cả' }).click();
      const stampOf = title.match(/\((\d+)\)/)[1];
      await p.getByLabel('Tìm thông báo').fill(`hop khan mo rong ${stampOf}`);
      await p.getByRole('search').getByRole('button', { name: 'Tìm' }).click();
      await p.waitForURL(/tim=/);
      await p.getByTestId('inbox-searching').getByText(`Các thông báo có “hop khan mo rong ${stampOf}”.`).waitFor();
      await p.locator('.inbox-item').filter({ hasText: title }).waitFor();
      assert.equal(await p.locator('.inbox-item').count(), 1);
      await checkTapTargets(p);
      await shot(p, 'notices-inbox-search-360x640');
      await p.getByLabel('Tìm thông báo').fill('tàu vũ trụ');
      await p.getByLabel('Tìm thông báo').press('Enter');
      await p.getByText('Không tìm thấy thông báo nào có “tàu vũ trụ”.').waitFor();
      await p.getByRole('link', { name: 'Bỏ tìm, xem lại tất cả' }).click();
      await p.locator('.inbox-item').filter({ hasText: title }).waitFor();
      assert.equal(await p.getByTestId('inbox-searching').count(), 0);
      assert.equal(await p.getByLabel('Tìm thông báo').inputValue(), '');
      // Back home: the reminder is down by the one acknowledged (gone when none is left).
      await p.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Trang chủ' }).click();
      await p.locator('.member-card').waitFor();
      if (toAckBefore > 0) await p.getByTestId('home-to-ack').getByText(homeToAck(toAckBefore)).waitFor();
      else assert.equal(await p.getByTestId('home-to-ack').count(), 0);

      // The committee's statistics, refreshed by themselves: one acknowledgement.
      await page.waitForFunction(() => /^1 \//.test(document.querySelector('[data-testid="count-acked"]')?.textContent ?? ''), null, {
        timeout: 15000,
        polling: 250,
      });
      await page.locator('.n-pending').waitFor();
      assert.ok(!(await page.locator('.n-pending').textContent()).includes(memberName), 'the member left the pending list');
      await checkTapTargets(page);
      await shot(page, 'notices-stats-1366x768');

      // Those who have not acknowledged are reminded now: the dialog says how many, once an hour.
      const waitingCount = (recipients - 1).toLocaleString('vi-VN');
      await page.getByRole('button', { name: 'Nhắc người chưa xác nhận' }).click();
      const remind = page.getByRole('dialog', { name: 'Nhắc người chưa xác nhận' });
      await remind.getByText(`${waitingCount} đảng viên chưa xác nhận sẽ nhận lời nhắc ngay`, { exact: false }).waitFor();
      await shot(page, 'notices-remind-1366x768');
      await remind.getByRole('button', { name: 'Nhắc người chưa xác nhận' }).click();
      await remind.waitFor({ state: 'detached' });
      await page.getByText(`Đã nhắc ${waitingCount} đảng viên chưa xác nhận.`).first().waitFor();
      await page.getByText(/^Lần nhắc gần nhất lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; lần nhắc tiếp theo lúc/).waitFor();
      // Asked again at once: refused in words.
      await page.getByRole('button', { name: 'Nhắc người chưa xác nhận' }).click();
      await remind.getByRole('button', { name: 'Nhắc người chưa xác nhận' }).click();
      await remind.getByText(/Mỗi giờ chỉ nhắc một lần/).waitFor();
      await remind.getByRole('button', { name: 'Hủy' }).click();
      await remind.waitFor({ state: 'detached' });

      // Down to the member's cell, level by level from wherever the page starts; the levels
      // above become links back.
      await drillTo(page, ['Đảng bộ xã Tân Phong', 'Đảng bộ khu vực Tân Lập', 'Chi bộ thôn Đông']);
      await page.waitForURL(/unit=\d+/);
      await page.getByRole('navigation', { name: 'Các cấp' }).getByRole('link', { name: 'Đảng bộ khu vực Tân Lập' }).waitFor();
      await page.waitForFunction(() => /^1 \//.test(document.querySelector('[data-testid="count-acked"]')?.textContent ?? ''));
      assert.ok(!(await page.locator('.n-pending').textContent()).includes(memberName), 'the member is not listed as pending');
      await shot(page, 'notices-stats-cell-1366x768');
      await page.setViewportSize(PHONE);
      await shot(page, 'notices-stats-cell-360x640');
      await page.setViewportSize(DESKTOP);

      // The list of sent notices, with the counts.
      await page.getByRole('navigation', { name: 'Vị trí trang' }).getByRole('link', { name: 'Thông báo' }).click();
      const card = page.locator('.n-card', { hasText: title });
      await card.getByText(/Đã đến máy [\d.]+\/[\d.]+ · Đã đọc [\d.]+ · Đã xác nhận 1/).waitFor();
      await shot(page, 'notices-list-1366x768');
      assert.ok(noticeId > 0);
    } finally {
      await phone.close();
    }
  });

  scenario('notices: a correction and a recall reach the open inbox; the member reads why (360×640 member, committee through the screens)', async ({ server, browser }) => {
    const { page } = browser;
    const title = `Lịch sinh hoạt chi bộ tháng này (${stamp()})`;
    // The base committee, on a desktop window, sends a notice to its whole unit (through the API
    // to keep this short; the composer has its own scenario).
    const desk = await openBrowser(DESKTOP);
    try {
      const d = desk.page;
      await signInCommittee(d, server.base, 'danguy');
      const unitId = (await apiFromPage(d, 'GET', '/me')).roles.find((g) => g.role === 'committee').unit_id;
      // It goes with the old schedule as a file, uploaded as the composer does.
      const oldSchedule = await d.evaluate(async (bytes) => {
        const me = await (await fetch('/api/v1/me', { cache: 'no-store' })).json();
        const r = await fetch('/api/v1/notice-files', {
          method: 'POST',
          headers: { 'X-CSRF-Token': me.csrf_token, 'X-File-Name': encodeURIComponent('Lịch cũ.png'), 'Content-Type': 'image/png' },
          body: new Uint8Array(bytes),
        });
        return r.json();
      }, [...PLAN_PNG]);
      const notice = await apiFromPage(d, 'POST', '/notices', {
        title,
        body: 'Sinh hoạt chi bộ vào 8 giờ sáng Chủ nhật.',
        priority: 'normal',
        audience: { units: [unitId] },
        require_ack: false,
        files: [oldSchedule.id],
      });

      await signInLive(page, server.base, 'dangvien');
      await page.goto(`${server.base}/thong-bao`);
      const row = page.locator('.inbox-item', { hasText: title });
      await row.waitFor();
      assert.match(await row.getAttribute('class'), /is-unread/);

      // The committee corrects it on its own screen.
      await d.goto(`${server.base}/committee/notices/${notice.id}`);
      await d.getByRole('heading', { name: title, level: 1 }).waitFor();
      await d.getByRole('button', { name: 'Đính chính' }).click();
      const fix = d.getByRole('dialog', { name: 'Đính chính thông báo' });
      await fix.getByLabel('Nội dung mới').fill('Sinh hoạt chi bộ vào 14 giờ chiều Chủ nhật.');
      await fix.getByRole('button', { name: 'Đính chính' }).click();
      await fix.getByText('Vui lòng ghi rõ điều được đính chính.').waitFor();
      await fix.getByLabel('Ghi chú đính chính').fill('Đổi giờ từ 8 giờ sáng sang 14 giờ chiều.');
      await fix.getByText('Vui lòng ghi rõ điều được đính chính.').waitFor({ state: 'detached' });  // filled: the message goes
      // The correction takes the old schedule back and carries the new one as a file.
      await fix.getByRole('group', { name: 'Tệp đã gửi kèm' }).getByLabel('Gỡ tệp “Lịch cũ.png”').check();
      await fix.getByRole('heading', { name: 'Gửi kèm thêm tệp (nếu cần)' }).waitFor();
      await fix.getByLabel('Thêm tệp (PDF, Word hoặc ảnh)').setInputFiles({ name: 'Lịch mới.png', mimeType: 'image/png', buffer: PLAN_PNG });
      await fix.locator('.n-files').getByText('Lịch mới.png').waitFor();
      await fix.locator('.n-files').scrollIntoViewIfNeeded();
      await shot(d, 'notices-correct-files-1366x768');
      await fix.getByRole('button', { name: 'Đính chính' }).click();
      await fix.waitFor({ state: 'detached' });
      await d.locator('.n-lead').getByText('Đã đính chính').waitFor();

      // The open inbox shows it corrected, without a reload.
      await row.getByText('Đã đính chính').waitFor({ timeout: 15000 });
      await shot(page, 'notices-inbox-corrected-360x640');

      // Then recalls it, with a reason.
      await d.getByRole('button', { name: 'Thu hồi' }).click();
      const recall = d.getByRole('dialog', { name: 'Thu hồi thông báo' });
      await recall.getByLabel('Lý do thu hồi').fill('Lịch sinh hoạt đã được gộp vào thông báo chung của Đảng ủy.');
      await recall.getByRole('button', { name: 'Thu hồi' }).click();
      await recall.waitFor({ state: 'detached' });
      await d.locator('.n-lead').getByText('Đã thu hồi').waitFor();
      assert.equal(await d.getByRole('button', { name: 'Đính chính' }).count(), 0);

      await row.getByText('Đã thu hồi').waitFor({ timeout: 15000 });
      await row.getByRole('link').click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByText('Thông báo này đã bị thu hồi').waitFor();
      await page.getByText('Lý do: Lịch sinh hoạt đã được gộp vào thông báo chung của Đảng ủy.').waitFor();
      // The history tells what was corrected.
      await page.locator('details.notice-history > summary').click();
      await page
        .getByText('Nội dung đính chính: Đổi giờ từ 8 giờ sáng sang 14 giờ chiều. Gửi kèm thêm tệp: Lịch mới.png. Đã gỡ tệp: Lịch cũ.png.')
        .waitFor();
      // The file taken back is no longer offered, nor can it be fetched by its address.
      assert.equal(await page.getByRole('link', { name: 'Tải về tệp Lịch cũ.png' }).count(), 0);
      const oldStatus = await page.evaluate(async (id) => (await fetch(`/api/v1/notice-files/${id}/file`)).status, oldSchedule.id);
      assert.equal(oldStatus, 404);
      // The file the correction added is there to download, the same bytes.
      const newFile = page.getByRole('link', { name: 'Tải về tệp Lịch mới.png' });
      await newFile.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([page.waitForEvent('download'), newFile.click()]);
      assert.equal(download.suggestedFilename(), 'Lịch mới.png');
      assert.deepEqual(await readFile(await download.path()), PLAN_PNG);
      await checkTapTargets(page);
      await shot(page, 'notices-recalled-360x640');
    } finally {
      await desk.close();
    }
  });

  scenario('notices: the settings choose the levels of notices and keep them on the account (360×640)', async ({ server, browser }) => {
    const { page } = browser;
    await signIn(page, server.base, 'dangvien');
    await page.locator('.member-card').waitFor();
    await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    await page.getByText('Thông báo khẩn luôn được gửi.').waitFor();
    const central = page.getByRole('checkbox', { name: 'Trung ương' });
    if (!(await central.isChecked())) await central.check();
    await page.waitForTimeout(1200);
    await central.uncheck();
    // Saved to the account (a moment later: quick taps become one request).
    await waitInPage(page,
      async () => {
        const r = await fetch('/api/v1/me/notification-prefs', { cache: 'no-store' });
        const { items } = await r.json();
        const find = (level) => items.find((i) => i.topic === 'notices' && i.level === level);
        return find('central')?.push === false && find('cell')?.push === true;
      },
      null,
      { timeout: 10000, polling: 500 },
    );
    await checkTapTargets(page);
    await page.locator('fieldset.levels').scrollIntoViewIfNeeded();
    await shot(page, 'notices-settings-360x640');
    // Kept on the account: another device (a fresh browser) shows the same choice.
    const other = await openBrowser(PHONE);
    try {
      await signIn(other.page, server.base, 'dangvien');
      await other.page.locator('.member-card').waitFor();
      await other.page.goto(`${server.base}/settings`);
      const box = other.page.getByRole('checkbox', { name: 'Trung ương' });
      await other.page.waitForFunction(() => {
        const label = [...document.querySelectorAll('fieldset.levels label')].find((l) => l.textContent.includes('Trung ương'));
        return label && !label.querySelector('input').checked;
      });
      assert.equal(await box.isChecked(), false);
      assert.equal(await other.page.getByRole('checkbox', { name: 'Chi bộ' }).isChecked(), true);
    } finally {
      await other.close();
    }
    // Back to all levels for the other scenarios.
    await central.check();
    await page.waitForTimeout(1500);
  });

  scenario('notices: a push for a closed app becomes a notification on the phone, urgent ones staying until touched (360×640)', async ({ server, browser }) => {
    const { page, context } = browser;
    await context.grantPermissions(['notifications'], { origin: server.base });
    await signIn(page, server.base, 'dangvien');
    await page.locator('.member-card').waitFor();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20000 });
    // What the server's push service delivers, handed to the service worker by the browser.
    const cdp = await context.newCDPSession(page);
    const registrations = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < 20 && !registrations.some((r) => r.scopeURL.startsWith(server.base)); i++) await page.waitForTimeout(100);
    const reg = registrations.find((r) => r.scopeURL.startsWith(server.base));
    assert.ok(reg, 'the service worker is registered');
    const push = (payload) => cdp.send('ServiceWorker.deliverPushMessage', { origin: server.base, registrationId: reg.registrationId, data: JSON.stringify(payload) });
    // The worker tells open windows once a push is on display (PUSHED: the app's cue to catch up).
    await page.evaluate(() => {
      window.pushedIds = [];
      navigator.serviceWorker.addEventListener('message', (e) => {
        if (e.data?.type === 'PUSHED') window.pushedIds.push(e.data.id);
      });
    });
    // Read only once the worker has shown them: Chromium's getNotifications() deletes from its
    // store every notification not yet on display when it looks (PlatformNotificationContextImpl),
    // so polling it while a push is being shown loses that notification for good.
    const shownAfter = async (count) => {
      await page.waitForFunction((n) => window.pushedIds.length >= n, count, { timeout: 10000 });
      return page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications())
          // Only these pushes' notifications: notices other scenarios sent may be on the phone too.
          .filter((n) => n.tag === 'notice-9001' || n.tag === 'notice-9002')
          .map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data?.url, sticky: n.requireInteraction })),
      );
    };
    await push({ type: 'notice', id: 9001, title: 'Họp chi bộ bất thường', body: 'Tối nay 19 giờ tại nhà văn hóa.', priority: 'urgent', url: '/thong-bao/9001' });
    await push({ type: 'notice', id: 9002, title: 'Lịch trực Tết', body: 'Xem lịch trực.', priority: 'normal', url: 'https://example.org/elsewhere' });
    const list = (await shownAfter(2)).sort((a, b) => a.tag.localeCompare(b.tag));
    assert.deepEqual(list, [
      { title: 'Khẩn: Họp chi bộ bất thường', body: 'Tối nay 19 giờ tại nhà văn hóa.', tag: 'notice-9001', url: '/thong-bao/9001', sticky: true },
      // An address outside the app is never followed: the notice's own page instead.
      { title: 'Lịch trực Tết', body: 'Xem lịch trực.', tag: 'notice-9002', url: '/thong-bao/9002', sticky: false },
    ]);
    assert.deepEqual(await page.evaluate(() => window.pushedIds.slice().sort()), [9001, 9002]);
    // A correction of the same notice replaces its notification rather than adding one.
    await push({ type: 'notice', id: 9002, title: 'Lịch trực Tết (đã đính chính)', body: 'Xem lịch trực mới.', priority: 'normal', url: '/thong-bao/9002' });
    const corrected = (await shownAfter(3)).filter((n) => n.tag === 'notice-9002');
    assert.equal(corrected.length, 1);
    assert.equal(corrected[0].title, 'Lịch trực Tết (đã đính chính)');
    assert.equal(corrected[0].body, 'Xem lịch trực mới.');
  });

  scenario('notices: a member typing a committee notice address sees "Không có quyền truy cập"', async ({ server, browser }) => {
    const { page } = browser;
    await signIn(page, server.base, 'dangvien');
    await page.locator('.member-card').waitFor();
    for (const path of ['/committee/notices', '/committee/notices/new']) {
      await page.goto(server.base + path);
      await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    }
  });
}
