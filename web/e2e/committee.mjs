// End-to-end scenarios of the committee screens (pages/committee/), run by run.mjs with its
// helpers: `npm run e2e -- committee`. Every name contains "committee" so that filter selects
// them; names with 1366×768 get a desktop window, the others a 360×640 phone.
//
// The scenarios share one demo server with run.mjs's own and each other, so none depends on what
// another changed: the import goes to Chi bộ thôn Hạ, the move takes Chi bộ thôn Tây, the audit
// scenario makes its own change, and the account scenario creates the account it resets.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, MAIN_NAV, PHONE, signInCommittee } from './lib.mjs';

// From the committee home to a unit page through the tree's search, typed without diacritics.
async function openUnitBySearch(page, typed, name) {
  await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
  await page.getByRole('link', { name: /Tổ chức đảng/ }).click();
  await page.getByRole('heading', { name: 'Tổ chức đảng' }).waitFor();
  await page.getByLabel('Tìm đơn vị').fill(typed);
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

// Today as the browser sees it (lib.mjs opens it in Asia/Ho_Chi_Minh), as dd/mm/yyyy.
function today() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  return parts; // en-GB writes dd/mm/yyyy
}

const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên,Điện thoại,Tình trạng';
const BAD_CSV = [
  HEADER,
  'Đỗ Văn Khải,12/04/1985,Nam,03/02/2010,03/02/2011,990000101,0912000101,Chính thức',
  'Lương Thị Mơ,31/02/1990,Nữ,15/06/2015,15/06/2016,990000102,0912000102,Chính thức',
  'Hà Văn Tú,20/10/1992,Nam,,,99x,0912000103,Chính thức',
  'Vũ Thị Sen,05/05/1988,Nữ,10/10/2012,10/10/2013,990000104,12345,Chính thức',
].join('\n');
const GOOD_CSV = [
  HEADER,
  'Đỗ Văn Khải,12/04/1985,Nam,03/02/2010,03/02/2011,990000101,0912000101,Chính thức',
  'Lương Thị Mơ,28/02/1990,Nữ,15/06/2015,15/06/2016,990000102,0912000102,Chính thức',
  'Hà Văn Tú,20/10/1992,Nam,01/09/2024,,990000103,0912000103,Dự bị',
  'Vũ Thị Sen,05/05/1988,Nữ,10/10/2012,10/10/2013,990000104,0912000104,Chính thức',
].join('\n');

export function register(scenario, { shot: takeShot, checkTapTargets }) {
  // Screenshots without the passing "Đã lưu…" messages over the content.
  const shot = async (page, name) => {
    for (const close of await page.locator('.flash-close').all()) await close.click().catch(() => undefined);
    await takeShot(page, name);
  };

  scenario('committee imports a CSV with bad rows, reads the reasons, fixes the file and imports it (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'sotay-import-'));
    try {
      const bad = join(dir, 'danh-sach.csv');
      writeFileSync(bad, `\ufeff${BAD_CSV}\n`);
      await signInCommittee(page, server.base, 'tinhuy');
      await openUnitBySearch(page, 'thon ha', 'Chi bộ thôn Hạ');
      await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
      await page.getByRole('heading', { name: 'Nhập danh sách đảng viên' }).waitFor();
      // The rule is said before anything is sent.
      await page.getByText('khi tệp còn dòng lỗi, không có gì được ghi vào hệ thống').waitFor();
      await page.getByRole('link', { name: 'Tải mẫu Excel (.xlsx)' }).waitFor();

      const file = page.getByLabel('Tệp danh sách (.xlsx hoặc .csv)');
      await file.setInputFiles(bad);
      await page.getByText('Đã chọn: danh-sach.csv').waitFor();
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const table = page.getByRole('table', { name: 'Các dòng lỗi' });
      await table.waitFor();
      await page.getByText('Tệp còn 3 dòng lỗi. Chưa có gì được ghi vào hệ thống.').waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
      );
      // Row numbers are the spreadsheet's (the header is row 1), with the column and the reason.
      assert.deepEqual(rows[0], ['3', 'Ngày sinh', 'Ngày sinh không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/1980.']);
      assert.ok(rows.some(([r, c, m]) => r === '4' && c === 'Ngày vào Đảng' && /ngày vào Đảng/.test(m)), JSON.stringify(rows));
      assert.ok(rows.some(([r, c, m]) => r === '4' && c === 'Số thẻ đảng viên' && /6 đến 12 chữ số/.test(m)), JSON.stringify(rows));
      assert.ok(rows.some(([r, c, m]) => r === '5' && c === 'Điện thoại' && /Số điện thoại không hợp lệ/.test(m)), JSON.stringify(rows));
      // Nothing can be imported while a row is bad.
      assert.equal(await page.getByRole('button', { name: /^Nhập \d+ đảng viên$/ }).count(), 0);
      await checkTapTargets(page);
      await table.scrollIntoViewIfNeeded();
      await shot(page, 'committee-import-errors-1366x768');
      await page.setViewportSize(PHONE);
      await table.scrollIntoViewIfNeeded();
      await shot(page, 'committee-import-errors-360x640');
      await page.setViewportSize(DESKTOP);

      // Fixed file, chosen again: the check passes, then the import runs and says what it did.
      const good = join(dir, 'danh-sach-da-sua.csv');
      writeFileSync(good, `\ufeff${GOOD_CSV}\n`);
      await file.setInputFiles(good);
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByText('Tệp hợp lệ: 4 đảng viên sẵn sàng để nhập.').waitFor();
      await page.getByRole('button', { name: 'Nhập 4 đảng viên' }).click();
      await page.getByRole('heading', { name: 'Đã nhập xong' }).waitFor({ timeout: 20000 });
      await page.getByText('Đã thêm mới 4 đảng viên và cập nhật 0 đảng viên.').waitFor();
      await shot(page, 'committee-import-done-1366x768');

      // The members are there: back on the unit page, found by name.
      await page.getByRole('link', { name: 'Về trang đơn vị' }).click();
      await page.getByLabel('Tìm theo tên').fill('luong thi mo');
      await page.getByRole('link', { name: 'Lương Thị Mơ' }).waitFor();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // danguy, not bithu: run.mjs's two-factor scenario turns on bithu's second factor on this server.
  scenario('committee finds a member by typing the name without diacritics (360×640)', async ({ server, browser }) => {
    const { page } = browser;
    await signInCommittee(page, server.base, 'danguy');
    await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
    await page.getByRole('link', { name: /Tổ chức đảng/ }).click();
    const tree = page.getByRole('tree', { name: 'Cây tổ chức đảng' });
    await tree.getByRole('treeitem', { name: /^Chi bộ thôn Đông/ }).waitFor();
    await page.waitForFunction(() => /\d+ đảng viên/.test(document.querySelector('[role=treeitem] .c-tree-meta')?.textContent ?? ''));
    await checkTapTargets(page);
    await shot(page, 'committee-orgtree-360x640');
    await tree.getByRole('link', { name: 'Chi bộ thôn Đông' }).click();
    await page.getByRole('heading', { name: 'Chi bộ thôn Đông', exact: true }).waitFor();
    const names = page.locator('.c-member-table tbody th a');
    await names.first().waitFor();
    const before = await names.count();
    await checkTapTargets(page);
    await shot(page, 'committee-unit-360x640');

    await page.getByLabel('Tìm theo tên').fill('nguyen');
    await page.waitForFunction(
      (n) => {
        const links = [...document.querySelectorAll('.c-member-table tbody th a')];
        return links.length > 0 && links.length < n && links.every((a) => /Nguyễn/.test(a.textContent));
      },
      before,
      { timeout: 10000 },
    );
    const found = await names.allTextContents();
    assert.ok(found.length >= 1 && found.every((n) => n.includes('Nguyễn')), JSON.stringify(found));
    await shot(page, 'committee-unit-search-360x640');

    // The record opens; a wrong value gets its Vietnamese message next to the input.
    const first = found[0];
    await names.first().click();
    await page.getByRole('heading', { name: first, exact: true }).waitFor();
    await page.getByText('Ngày vào Đảng').first().waitFor();
    await shot(page, 'committee-member-360x640');
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const phone = page.getByLabel('Số điện thoại');
    const born = page.getByLabel('Ngày sinh');
    const bornBefore = await born.inputValue();
    assert.match(bornBefore, /^\d\d\/\d\d\/\d{4}$/);
    await phone.fill('12345');
    await born.fill('31/02/1970');
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await page.getByText('Số điện thoại không hợp lệ (ví dụ: 0912345678).').waitFor();
    await page.getByText('Ngày sinh không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/1980.').waitFor();
    const described = await phone.getAttribute('aria-describedby');
    assert.ok(described, 'the phone input is not tied to its message');
    assert.match(await page.locator(`[id="${described.split(' ').pop()}"]`).textContent(), /Số điện thoại không hợp lệ/);
    assert.doesNotMatch(await page.locator('main').textContent(), /validation_failed|422/);
    await shot(page, 'committee-member-field-errors-360x640');
    // Fixed: each message goes as its field is edited, the other one stays until then; saved,
    // the phone as the server normalized it, the date as dd/mm/yyyy.
    await phone.fill('0912 345 678');
    await page.getByText('Số điện thoại không hợp lệ (ví dụ: 0912345678).').waitFor({ state: 'detached' });
    assert.equal(await page.getByText('Ngày sinh không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/1980.').count(), 1);
    await born.fill(bornBefore);
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await page.getByText('Đã lưu hồ sơ.').first().waitFor();
    const record = page.locator('.details');
    await record.getByText('0912345678').waitFor();
    await record.getByText(bornBefore).waitFor();
  });

  scenario('committee moves a cell under another base committee and sees it in the history (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    await signInCommittee(page, server.base, 'tinhuy');
    await openUnitBySearch(page, 'chi bo thon tay', 'Chi bộ thôn Tây');
    assert.match(await page.locator('.c-crumbs').textContent(), /Đảng bộ khu vực Tân Lập/);
    await shot(page, 'committee-unit-1366x768');
    await page.getByRole('tab', { name: 'Thay đổi tổ chức' }).click();
    await page.getByRole('button', { name: 'Chuyển sang đơn vị khác…' }).click();
    const dialog = page.getByRole('dialog', { name: /Chuyển sang đơn vị khác/ });
    await dialog.waitFor();
    // Focus starts inside the dialog, in the search box.
    await page.waitForFunction(() => document.activeElement?.closest('[role=dialog]') !== null);
    await dialog.getByLabel('Đơn vị cấp trên mới').fill('phong thinh');
    await dialog.getByRole('button', { name: /^Đảng bộ khu vực Phong Thịnh/ }).click();
    const date = dialog.getByLabel('Ngày hiệu lực');
    assert.equal(await date.inputValue(), today());
    const will = dialog.locator('.c-will-change');
    await will.waitFor();
    assert.match(
      await will.textContent(),
      new RegExp(
        `Chi bộ thôn Tây \\(\\d+ đảng viên\\) sẽ được chuyển sang trực thuộc Đảng bộ khu vực Phong Thịnh từ ngày ${today()} \\(hiện trực thuộc Đảng bộ khu vực Tân Lập\\)\\.`,
      ),
    );
    await checkTapTargets(page);
    await shot(page, 'committee-move-dialog-1366x768');
    await page.setViewportSize(PHONE);
    await shot(page, 'committee-move-dialog-360x640');
    await page.setViewportSize(DESKTOP);
    await dialog.getByRole('button', { name: 'Chuyển đơn vị', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Đã chuyển đơn vị.').first().waitFor();
    await page.waitForFunction(() => /Đảng bộ khu vực Phong Thịnh/.test(document.querySelector('.c-crumbs')?.textContent ?? ''));

    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    const latest = page.locator('.c-history-item').first();
    await latest.waitFor();
    assert.match(await latest.textContent(), /Chuyển đơn vị/);
    assert.match(await latest.textContent(), /Từ "Đảng bộ khu vực Tân Lập" sang "Đảng bộ khu vực Phong Thịnh"/);
    assert.match(await latest.textContent(), new RegExp(`Từ ngày ${today()}`));
    assert.match(await page.locator('.c-history').textContent(), /Thành lập/);
    await shot(page, 'committee-unit-history-1366x768');
  });

  scenario('committee tree: expand with the keyboard, counts per unit, Enter opens the unit (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    await signInCommittee(page, server.base, 'tinhuy');
    await page.goto(`${server.base}/committee/units`);
    const tree = page.getByRole('tree', { name: 'Cây tổ chức đảng' });
    const root = tree.getByRole('treeitem', { name: /^Đảng bộ tỉnh Sông Hồng/ });
    await root.waitFor();
    // A single root starts open.
    await page.waitForFunction(() => document.querySelector('[role=treeitem]')?.getAttribute('aria-expanded') === 'true');
    // Committees show their whole membership once counted.
    await page.waitForFunction(() => /\d+ đảng viên/.test(document.querySelector('[role=treeitem] .c-tree-meta')?.textContent ?? ''));
    // One tab stop: Tab from the search box lands on the tree's current row.
    await page.getByLabel('Tìm đơn vị').focus();
    await page.keyboard.press('Tab');
    const active = () => page.evaluate(() => document.activeElement?.querySelector('.c-tree-link')?.textContent ?? document.activeElement?.tagName);
    // Focus moves after the tree re-renders: wait for it rather than read at once.
    const expectActive = async (name) => {
      await page
        .waitForFunction((n) => document.activeElement?.querySelector('.c-tree-link')?.textContent === n, name, { timeout: 5000 })
        .catch(async () => assert.equal(await active(), name));
    };
    await expectActive('Đảng bộ tỉnh Sông Hồng');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('.c-tree-row')).outlineStyle), 'none');
    await page.keyboard.press('End');
    await expectActive('Đảng bộ xã Tân Phong');
    await page.keyboard.press('ArrowRight');
    const tp = tree.getByRole('treeitem', { name: /^Đảng bộ xã Tân Phong/ });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
    const firstChild = tp.getByRole('group').getByRole('treeitem').first();
    await firstChild.waitFor();
    const child = (await firstChild.locator('.c-tree-link').first().textContent()).trim();
    await page.keyboard.press('ArrowRight');
    await expectActive(child);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-level')), '3');
    await page.keyboard.press('ArrowLeft');
    await expectActive('Đảng bộ xã Tân Phong');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
    await page.keyboard.press('ArrowRight');
    await firstChild.waitFor();
    await page.keyboard.press('ArrowDown');
    await expectActive(child);
    await shot(page, 'committee-orgtree-1366x768');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: child, exact: true }).waitFor();

    // Search without diacritics links to unit pages.
    await page.goto(`${server.base}/committee/units`);
    await page.getByLabel('Tìm đơn vị').fill('hoa binh');
    await page.getByRole('link', { name: /^Đảng bộ phường Hoà Bình/ }).waitFor();
    await shot(page, 'committee-orgtree-search-1366x768');
  });

  scenario('committee member record at 1366×768; account created for the member, password reset, role granted and revoked', async ({ server, browser }) => {
    const { page } = browser;
    await signInCommittee(page, server.base, 'danguy');
    await openUnitBySearch(page, 'thon nam', 'Chi bộ thôn Nam');
    const first = page.locator('.c-member-table tbody th a').first();
    const name = (await first.textContent()).trim();
    await first.click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await shot(page, 'committee-member-1366x768');

    // An account for the member: the temporary password is shown once, clearly.
    const login = `e2e${Date.now().toString(36)}`;
    await page.getByLabel('Tên đăng nhập').fill(login);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const temp = page.getByTestId('temporary-password');
    await temp.waitFor();
    assert.match((await temp.textContent()).trim(), /^\S{8,}$/);
    await shot(page, 'committee-account-created-1366x768');
    await page.getByRole('button', { name: 'Tôi đã ghi lại, đóng' }).click();
    assert.equal(await page.getByTestId('temporary-password').count(), 0);

    // Accounts: find it, reset its password, grant and revoke a role, each confirmed first.
    await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
    await page.getByRole('link', { name: /Tài khoản/ }).click();
    await page.getByRole('heading', { name: 'Tài khoản' }).waitFor();
    await page.getByLabel('Tìm tài khoản').fill(login);
    const card = page.locator('.c-account', { hasText: login });
    await card.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.c-account').length === 1);
    await card.getByRole('button', { name: 'Cấp lại mật khẩu' }).click();
    const reset = page.getByRole('dialog', { name: /Cấp lại mật khẩu/ });
    await reset.getByText('sẽ không dùng được nữa').waitFor();
    await reset.getByRole('button', { name: 'Cấp lại mật khẩu' }).click();
    await reset.getByTestId('temporary-password').waitFor();
    await reset.getByRole('button', { name: 'Tôi đã ghi lại, đóng' }).click();
    await reset.waitFor({ state: 'detached' });

    await card.getByRole('button', { name: 'Giao vai trò' }).click();
    const grant = page.getByRole('dialog', { name: /Giao vai trò/ });
    await grant.getByLabel('Vai trò').selectOption('cell_committee');
    await grant.getByText(/sẽ được giao vai trò Chi ủy tại Đảng bộ khu vực Tân Lập/).waitFor();
    await grant.getByRole('button', { name: 'Giao vai trò' }).click();
    await grant.waitFor({ state: 'detached' });
    await card.getByText('Chi ủy', { exact: true }).waitFor();
    await shot(page, 'committee-accounts-1366x768');
    await card.getByRole('button', { name: 'Thu hồi vai trò Chi ủy tại Đảng bộ khu vực Tân Lập' }).click();
    const revoke = page.getByRole('dialog', { name: 'Thu hồi vai trò' });
    await revoke.getByText(/sẽ không còn vai trò Chi ủy tại Đảng bộ khu vực Tân Lập/).waitFor();
    await revoke.getByRole('button', { name: 'Thu hồi' }).click();
    await revoke.waitFor({ state: 'detached' });
    await page.waitForFunction((l) => {
      const c = [...document.querySelectorAll('.c-account')].find((x) => x.textContent.includes(l));
      return c && !/Chi ủy/.test(c.querySelector('.c-roles')?.textContent ?? '');
    }, login);
    await page.setViewportSize(PHONE);
    await shot(page, 'committee-accounts-360x640');
  });

  scenario('committee audit log: filters, before/after with the changed field highlighted (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    await signInCommittee(page, server.base, 'quantri');
    // Something to find: a rename made through the API as the admin.
    const renamed = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      const found = await (await fetch('/api/v1/units/search?q=tram%20y%20te')).json();
      const unit = found.units[0];
      const res = await fetch(`/api/v1/units/${unit.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ name: `${unit.name} (cơ sở 2)` }),
      });
      return { status: res.status, before: unit.name };
    });
    assert.equal(renamed.status, 200);
    await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Quản lý' }).click();
    await page.getByRole('link', { name: /Nhật ký hệ thống/ }).click();
    await page.getByRole('heading', { name: 'Nhật ký hệ thống' }).waitFor();
    await page.locator('.c-audit').first().waitFor();
    await page.getByLabel('Thao tác').selectOption({ label: 'Đổi tên tổ chức đảng' });
    await page.getByLabel('Từ ngày').fill(today());
    await page.getByLabel('Đến ngày').fill(today());
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('.c-audit')];
      return items.length > 0 && items.every((i) => /Đổi tên tổ chức đảng/.test(i.textContent));
    });
    const entry = page.locator('.c-audit').first();
    const changed = entry.locator('tr.c-changed');
    assert.equal(await changed.count(), 1);
    assert.match(await changed.textContent(), new RegExp(`Tên.*${renamed.before}.*${renamed.before} \\(cơ sở 2\\)`));
    assert.equal(await changed.locator('mark').textContent(), `${renamed.before} (cơ sở 2)`);
    assert.match(await entry.textContent(), /quantri/);
    await checkTapTargets(page);
    await shot(page, 'committee-audit-1366x768');
    // On a phone the filters fold away behind one button that says which are on.
    await page.setViewportSize(PHONE);
    const toggle = page.getByRole('button', { name: /^Bộ lọc: Đổi tên tổ chức đảng/ });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await shot(page, 'committee-audit-360x640');
    // A wrong date is caught next to its field.
    await toggle.click();
    await page.getByLabel('Từ ngày').fill('32/13/2026');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.').waitFor();
  });
}
