// End-to-end scenarios of the editor screens (pages/committee/DocumentEditor*, NewsEditor*,
// ReadingStats*), run by run.mjs with its helpers: `node e2e/run.mjs editor`. Every name contains
// "editor" so that filter selects them; names with 1366×768 get a desktop window, the others a
// 360×640 phone.
//
// The scenarios share one demo server with the others, so each makes what it changes: the editor
// writes its own document and article; the committee picks a published document the member has
// not read yet (asking the API), so it does not matter what the library scenarios read before.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DESKTOP, MAIN_NAV, PHONE, apiSignIn, openBrowser, shotWithoutFlash, signIn, signInCommittee, waitInPage } from './lib.mjs';

async function openTile(page, name) {
  await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
  await page.locator('.tiles').getByRole('link', { name: new RegExp(`^${name}`) }).click();
}

// The API as a person: GET and JSON changes with the session cookie and the CSRF token.
async function apiAs(base, login) {
  const { cookie, csrf } = await apiSignIn(base, login);
  const call = async (method, path, body) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

// A one-page PDF whose text poppler reads ("Dieu 1 ..."), written by hand with a correct xref.
function tinyPdf(lines) {
  const content = ['BT', '/F1 16 Tf', '72 770 Td', '20 TL', ...lines.map((l) => `(${l.replace(/[()\\]/g, '')}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A small valid PNG (solid colour), for the news cover.
function tinyPng(width = 64, height = 40) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([183, 28, 28]))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// "2026-11-21T15:30" two days from now at 15:30, Vietnam time, for a datetime-local input.
function inTwoDays() {
  const d = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return `${day}T15:30`;
}

function todayVn() {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
}

const BODY = [
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  'Hướng dẫn này quy định việc dùng Sổ tay đảng viên điện tử trong sinh hoạt chi bộ.',
  'Điều 2. Đối tượng áp dụng',
  '1. Đảng viên sinh hoạt tại các chi bộ trực thuộc.',
  '2. Cấp ủy các cấp.',
  'Chương II',
  'TỔ CHỨC THỰC HIỆN',
  'Điều 3. Trách nhiệm của chi ủy',
  'Chi ủy nhắc đảng viên đọc tài liệu trước buổi sinh hoạt.',
].join('\n');

export function register(scenario, { shot: takeShot, checkTapTargets }) {
  // Screenshots without the passing "Đã lưu…" messages over the content.
  const shot = shotWithoutFlash(takeShot);
  // The same screen at the other size, for the screenshot set.
  const shotBoth = async (page, name, from = DESKTOP) => {
    await shot(page, `${name}-${from.width}x${from.height}`);
    const other = from === DESKTOP ? PHONE : DESKTOP;
    await page.setViewportSize(other);
    await page.waitForTimeout(200);
    await shot(page, `${name}-${other.width}x${other.height}`);
    await page.setViewportSize(from);
  };

  scenario('editor writes a document with articles, sees its contents, attaches a PDF, watches the text being read and publishes (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'sotay-editor-'));
    try {
      const pdf = join(dir, 'Hướng dẫn số 7.pdf');
      writeFileSync(pdf, tinyPdf(['Dieu 1. Pham vi dieu chinh', 'Tai lieu thu nghiem cua So tay.']));
      const title = `Hướng dẫn dùng Sổ tay trong sinh hoạt chi bộ (${Date.now() % 100000})`;

      await signInCommittee(page, server.base, 'bientap');
      await openTile(page, 'Tài liệu');
      await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Nháp' }).waitFor();
      await page.getByRole('link', { name: 'Soạn tài liệu mới' }).click();
      await page.getByRole('heading', { name: 'Soạn tài liệu mới' }).waitFor();

      // Checked before sending: the title is required, the message sits next to the field.
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      await page.getByText('Vui lòng nhập tên tài liệu.').waitFor();

      await page.getByLabel('Loại văn bản').selectOption('huong_dan');
      await page.getByLabel('Số hiệu').fill('07-HD/BTG');
      await page.getByLabel('Tên (trích yếu)').fill(title);
      await page.getByLabel('Cơ quan ban hành').fill('Ban Tuyên giáo Tỉnh ủy');
      await page.getByLabel('Cấp ban hành').selectOption('province');
      await page.getByLabel('Ngày ban hành').fill(todayVn());
      await page.getByLabel('Chủ đề mới').fill('Chuyển đổi số');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.locator('.e-chip', { hasText: 'Chuyển đổi số' }).waitFor();
      await page.getByLabel('Nội dung', { exact: true }).fill(BODY);
      await page.getByText('Lưu nháp để xem mục lục').waitFor();
      await page.getByRole('button', { name: 'Lưu nháp' }).click();

      // The first save makes the draft and moves to its address; the server's table of contents.
      await page.waitForURL(/\/committee\/documents\/\d+$/);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      const toc = page.locator('.e-toc-list');
      await toc.getByText('Điều 1', { exact: true }).waitFor();
      await toc.getByText('Điều 3', { exact: true }).waitFor();
      assert.match(await toc.textContent(), /Chương I.*Điều 1.*Phạm vi điều chỉnh.*Điều 2.*Chương II.*Điều 3/s);
      await page.locator('.e-lead', { hasText: 'Nháp' }).waitFor();
      await checkTapTargets(page);
      await page.locator('.e-toc').scrollIntoViewIfNeeded();
      await shotBoth(page, 'editor-document');

      // The attachment: a type the server cannot read is refused on the device with a plain
      // message (so is a file over 50 MB: unit-tested); a small PDF goes up and is read.
      const file = page.getByLabel('Tệp đính kèm (PDF, Word hoặc ảnh)');
      await file.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('ghi chú') });
      await page.getByText('Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh').waitFor();
      await file.setInputFiles(pdf);
      const row = page.locator('.e-attachment', { hasText: 'Hướng dẫn số 7.pdf' });
      await row.waitFor({ timeout: 20000 });
      await row.getByText(/Đã đọc xong chữ trong tệp/).waitFor({ timeout: 60000 });
      await row.scrollIntoViewIfNeeded();
      await shot(page, 'editor-attachment-1366x768');

      // Sent for review, then published, each after a confirmation that says what will happen.
      await page.locator('.e-workflow').getByRole('button', { name: 'Gửi duyệt' }).click();
      const submit = page.getByRole('dialog', { name: 'Gửi duyệt' });
      await submit.getByText('Trong lúc chờ duyệt, đảng viên chưa thấy bài.').waitFor();
      await submit.getByRole('button', { name: 'Gửi duyệt' }).click();
      await page.locator('.e-lead .e-state', { hasText: 'Chờ duyệt' }).waitFor();
      await page.locator('.e-workflow').getByRole('button', { name: 'Trả lại' }).waitFor();
      await page.locator('.e-workflow').getByRole('button', { name: 'Đăng ngay' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đăng ngay' });
      await dialog.getByText(`“${title}” sẽ được đăng ngay.`).waitFor();
      await shot(page, 'editor-publish-confirm-1366x768');
      await dialog.getByRole('button', { name: 'Đăng ngay' }).click();
      await page.locator('.e-lead .e-state', { hasText: 'Đã đăng' }).waitFor();
      // Required reading is a committee's decision: the editor gets the statistics only.
      await page.getByRole('link', { name: 'Xem thống kê đọc' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Yêu cầu đọc' }).count(), 0);
      await page.locator('.e-workflow').getByRole('button', { name: 'Thu hồi' }).waitFor();

      // It is in the "Đã đăng" tab, and the version history has the earlier saves.
      await page.locator('details.e-history summary').click();
      await page.locator('.e-versions li').nth(1).waitFor();
      await page.getByRole('link', { name: 'Về danh sách' }).click();
      await page.getByRole('tab', { name: 'Đã đăng' }).click();
      await page.getByRole('link', { name: title }).waitFor();
      await shotBoth(page, 'editor-documents-published');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  scenario('editor: someone else saved first — the editor says so in words and reloads the newer version (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    const api = await apiAs(server.base, 'bientap');
    const me = await api.get('/me');
    const owner = me.roles.find((g) => g.role === 'editor').unit_id;
    const doc = await api.post('/documents', { kind: 'thong_bao', title: 'Thông báo thử xung đột', level: 'province', owner_unit_id: owner, body: 'Nội dung.' });

    await signInCommittee(page, server.base, 'bientap');
    await page.goto(`${server.base}/committee/documents/${doc.id}`);
    await page.getByRole('heading', { name: 'Thông báo thử xung đột', level: 1 }).waitFor();
    // Another editor saves in the meantime.
    await api.put(`/documents/${doc.id}`, { kind: 'thong_bao', title: 'Thông báo thử xung đột (bản của người khác)', level: 'province', owner_unit_id: owner, body: 'Nội dung khác.', version: doc.version });

    await page.getByLabel('Tóm tắt').fill('Tóm tắt của tôi');
    await page.getByText('Có thay đổi chưa lưu.').waitFor();
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Người khác vừa sửa tài liệu này').waitFor();
    await shot(page, 'editor-conflict-1366x768');
    await page.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await page.getByRole('heading', { name: 'Thông báo thử xung đột (bản của người khác)', level: 1 }).waitFor();
    assert.equal(await page.getByText('Người khác vừa sửa tài liệu này').count(), 0);
  });

  scenario('editor writes a news article with a preview, sends it for review and publishes it', async ({ server, browser }) => {
    const { page } = browser;
    const title = `Chi bộ thôn Đông đọc tài liệu trên Sổ tay (${Date.now() % 100000})`;
    await signInCommittee(page, server.base, 'bientap');
    await openTile(page, 'Tin tức');
    await page.getByRole('heading', { name: 'Tin tức', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Viết tin mới' }).click();
    await page.getByRole('heading', { name: 'Viết tin mới' }).waitFor();
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Tóm tắt').fill('Đảng viên cao tuổi đọc nghị quyết ngay trên điện thoại.');
    await page.getByLabel('Chuyên mục').selectOption('Chuyển đổi số');
    await page.getByLabel('Nội dung', { exact: true }).fill('Buổi sinh hoạt tháng này **rất đông đủ**.\n\n## Kết quả\n- 25 đảng viên dự\n- 20 đảng viên đã đọc trước');
    await page.getByRole('tab', { name: 'Xem trước' }).click();
    await page.locator('.e-preview-article strong', { hasText: 'rất đông đủ' }).waitFor();
    await page.locator('.e-preview-article li', { hasText: '25 đảng viên dự' }).waitFor();
    await shot(page, 'editor-news-preview-360x640');
    await page.getByRole('tab', { name: 'Soạn' }).click();
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.waitForURL(/\/committee\/news\/\d+$/);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await checkTapTargets(page);

    // A cover image, resized by the server for phones.
    await page.getByRole('button', { name: 'Ảnh bìa' }).setInputFiles({ name: 'anh-bia.png', mimeType: 'image/png', buffer: tinyPng() });
    await page.locator('img.e-cover').waitFor({ timeout: 20000 });
    await page.waitForFunction(() => {
      const img = document.querySelector('img.e-cover');
      return img && img.complete && img.naturalWidth > 0;
    });

    await page.locator('.e-workflow').getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByRole('dialog', { name: 'Gửi duyệt' }).getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.locator('.e-lead .e-state', { hasText: 'Chờ duyệt' }).waitFor();
    await page.locator('.e-workflow').getByRole('button', { name: 'Đăng ngay' }).click();
    await page.getByRole('dialog', { name: 'Đăng ngay' }).getByRole('button', { name: 'Đăng ngay' }).click();
    await page.locator('.e-lead .e-state', { hasText: 'Đã đăng' }).waitFor();
    await shot(page, 'editor-news-published-360x640');
  });

  scenario('editor schedules a document for later, then returns it to draft (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    const api = await apiAs(server.base, 'bientap');
    const owner = (await api.get('/me')).roles.find((g) => g.role === 'editor').unit_id;
    const title = `Kế hoạch thử hẹn giờ (${Date.now() % 100000})`;
    const doc = await api.post('/documents', { kind: 'ke_hoach', title, level: 'province', owner_unit_id: owner, body: 'Điều 1. Thời gian\nTháng 12.' });

    await signInCommittee(page, server.base, 'bientap');
    await page.goto(`${server.base}/committee/documents/${doc.id}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.locator('.e-workflow').getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hẹn giờ đăng' });
    // A time in the past is refused in words before anything is sent.
    await dialog.getByLabel('Thời điểm đăng').fill('2020-01-01T08:00');
    await dialog.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    await dialog.getByText('Thời điểm đăng phải ở tương lai.').waitFor();
    const when = inTwoDays();
    await dialog.getByLabel('Thời điểm đăng').fill(when);
    const [y, m, d] = when.slice(0, 10).split('-');
    await dialog.getByText(`sẽ tự động được đăng lúc ${d}/${m}/${y} 15:30`).waitFor();
    await shot(page, 'editor-schedule-1366x768');
    await dialog.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    await page.locator('.e-lead .e-state', { hasText: `Hẹn đăng lúc ${d}/${m}/${y} 15:30` }).waitFor();
    const saved = await api.get(`/documents/${doc.id}`);
    assert.equal(saved.state, 'submitted');
    assert.ok(saved.publish_at > Date.now() / 1000, 'publish_at is in the future');

    // Returned to the writer: a draft again.
    await page.locator('.e-workflow').getByRole('button', { name: 'Trả lại' }).click();
    const back = page.getByRole('dialog', { name: 'Trả lại' });
    await back.getByText('về trạng thái Nháp').waitFor();
    await back.getByRole('button', { name: 'Trả lại' }).click();
    await page.locator('.e-lead .e-state', { hasText: 'Nháp' }).waitFor();
  });

  scenario('editor screens: a committee publishes a document, asks its base committee to read it, a member reads it, the rate climbs (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    // The committee's own draft (made through the API to keep the scenario short); publishing,
    // the required reading and the statistics go through the screens.
    const committee = await apiAs(server.base, 'danguy');
    const member = await apiAs(server.base, 'dangvien');
    const memberMe = await member.get('/me');
    const unitId = (await committee.get('/me')).roles.find((g) => g.role === 'committee').unit_id;
    const title = `Nghị quyết thử về đọc tài liệu (${Date.now() % 100000})`;
    const doc = await committee.post('/documents', {
      kind: 'nghi_quyet',
      number: '09-NQ/ĐU',
      title,
      level: 'base',
      owner_unit_id: unitId,
      body: BODY,
    });
    await committee.post(`/documents/${doc.id}/submit`);

    await signInCommittee(page, server.base, 'danguy');
    await openTile(page, 'Tài liệu');
    await page.getByRole('tab', { name: 'Chờ duyệt' }).click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.locator('.e-workflow').getByRole('button', { name: 'Đăng ngay' }).click();
    await page.getByRole('dialog', { name: 'Đăng ngay' }).getByRole('button', { name: 'Đăng ngay' }).click();
    await page.locator('.e-lead .e-state', { hasText: 'Đã đăng' }).waitFor();

    // Required reading for the committee's own unit and everything below it, with a deadline.
    await page.getByRole('button', { name: 'Yêu cầu đọc' }).click();
    const dialog = page.getByRole('dialog', { name: 'Yêu cầu đọc tài liệu' });
    await dialog.getByText(/Mọi đảng viên thuộc Đảng bộ khu vực Tân Lập \(kể cả các đơn vị cấp dưới\) sẽ được yêu cầu đọc/).waitFor();
    await dialog.getByLabel('Lời nhắn cho đảng viên').fill('Đọc trước buổi sinh hoạt chuyên đề.');
    await shot(page, 'editor-required-1366x768');
    await dialog.getByRole('button', { name: 'Yêu cầu đọc' }).click();
    // On to the statistics of that unit.
    await page.getByRole('heading', { name: 'Thống kê đọc tài liệu' }).waitFor();
    await page.getByTestId('read-rate').waitFor();
    await page.getByText(/^Hạn đọc xong: \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.locator('.e-rate-unit', { hasText: 'Đảng bộ khu vực Tân Lập' }).waitFor();

    // Per cell, each bar labelled; the list of who has not finished includes the member.
    const cell = page.getByRole('link', { name: /^Chi bộ thôn Đông: .*% đã đọc hết/ });
    await cell.waitFor();
    const notRead = page.locator('.e-not-read');
    await notRead.getByText(memberMe.member.full_name).first().waitFor();
    const detail = async () => {
      const m = /([\d.]+) \/ ([\d.]+) đảng viên đã đọc hết/.exec(await page.locator('.e-rate-detail').textContent());
      return { read: Number(m[1].replace(/\./g, '')), total: Number(m[2].replace(/\./g, '')) };
    };
    const before = await detail();
    const rateBefore = await page.getByTestId('read-rate').textContent();
    await shotBoth(page, 'editor-reading-stats');

    // The member, on a phone, finds it among the documents to read, opens it and finishes it.
    const phone = await openBrowser(PHONE);
    try {
      const p = phone.page;
      await signIn(p, server.base, 'dangvien');
      await p.locator('.member-card').waitFor();
      await p.goto(`${server.base}/tai-lieu/${doc.id}`);
      await p.getByRole('heading', { name: title, level: 1 }).waitFor();
      const mark = p.getByRole('button', { name: 'Đánh dấu đã đọc' });
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      await p.locator('.read-done', { hasText: 'Đã đọc' }).waitFor();
      await waitInPage(p,
        async (id) => {
          const r = await fetch(`/api/v1/documents/${id}`, { cache: 'no-store' });
          return r.ok && (await r.json()).read.reached_end === true;
        },
        doc.id,
        { timeout: 30000, polling: 1000 },
      );
    } finally {
      await phone.close();
    }

    // The committee's page refreshes by itself (every 10 s) and shows one more reader.
    await page.waitForFunction(
      (n) => {
        const m = /([\d.]+) \/ [\d.]+ đảng viên đã đọc hết/.exec(document.querySelector('.e-rate-detail')?.textContent ?? '');
        return m && Number(m[1].replace(/\./g, '')) > n;
      },
      before.read,
      { timeout: 30000, polling: 500 },
    );
    const after = await detail();
    assert.equal(after.read, before.read + 1);
    assert.notEqual(await page.getByTestId('read-rate').textContent(), rateBefore);
    await page.waitForFunction((name) => !document.querySelector('.e-not-read')?.textContent.includes(name), memberMe.member.full_name, { timeout: 5000 }).catch(() => undefined);

    // The spreadsheet of the same numbers.
    const xlsx = await page.getByRole('link', { name: 'Tải Excel' }).getAttribute('href');
    const sheet = await page.request.get(server.base + xlsx);
    assert.equal(sheet.status(), 200);
    assert.match(sheet.headers()['content-type'], /spreadsheetml/);
    assert.equal((await sheet.body()).subarray(0, 2).toString(), 'PK');

    // Remind those who have not finished: the confirmation says how many, the answer too.
    await page.getByRole('button', { name: 'Nhắc người chưa đọc' }).click();
    const remind = page.getByRole('dialog', { name: 'Nhắc người chưa đọc' });
    await remind.getByText(/chưa đọc hết .* sẽ nhận được lời nhắc/).waitFor();
    await remind.getByRole('button', { name: 'Nhắc người chưa đọc' }).click();
    await page.locator('.e-stats-actions .alert-success').getByText(/Đã nhắc [\d.]+ đảng viên\.|Không có ai cần nhắc\./).waitFor();

    // Drill down into a cell; the way back is named.
    await cell.click();
    await page.waitForURL(/unit=\d+/);
    await page.locator('.e-rate-unit', { hasText: 'Chi bộ thôn Đông' }).waitFor();
    await page.getByRole('navigation', { name: 'Các cấp đã xem' }).getByRole('link', { name: 'Đảng bộ khu vực Tân Lập' }).waitFor();
    await checkTapTargets(page);
    await shotBoth(page, 'editor-reading-stats-cell');
  });

  scenario('editor screens: a member typing an editor address sees "Không có quyền truy cập"', async ({ server, browser }) => {
    const { page } = browser;
    await signIn(page, server.base, 'dangvien');
    await page.locator('.member-card').waitFor();
    assert.equal(await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).count(), 0);
    for (const path of ['/committee/documents/new', '/committee/news', '/committee/reading']) {
      await page.goto(server.base + path);
      await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    }
    await shot(page, 'editor-not-allowed-360x640');
  });
}
