// End-to-end scenarios of the library and the news (pages/library, pages/news), run by run.mjs
// with its helpers: `node e2e/run.mjs library`. Every name contains "library" so that filter
// selects them; names with 1366×768 get a desktop window, the others a 360×640 phone.
//
// The demo library is generated (server/src/demo/library/), so the scenarios ask the API what is
// there — a document with an article (Điều) that has a heading — and search for that heading
// typed without diacritics, as members do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DESKTOP, PHONE, REPO, SOTAY_BIN, apiSignIn, shotWithoutFlash, signIn, waitInPage } from './lib.mjs';

// Signs in a member and waits for the member card.
async function signInMember(page, base, login) {
  await signIn(page, base, login);
  await page.locator('.member-card').waitFor();
}

// "Mục đích sử dụng" → "muc dich su dung".
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

async function apiSession(base, login) {
  const { cookie } = await apiSignIn(base, login);
  return async (path) => {
    const r = await fetch(`${base}/api/v1${path}`, { headers: { cookie } });
    assert.equal(r.status, 200, `GET ${path}: ${r.status} ${(await r.clone().text()).slice(0, 200)}`);
    return r.json();
  };
}

// A published document the member sees, with an article whose heading makes a good query.
async function pickPassage(base) {
  const get = await apiSession(base, 'dangvien');
  const list = await get('/documents?limit=50');
  assert.ok(list.documents.length > 0, 'the demo library has no documents for dangvien');
  for (const summary of list.documents) {
    const doc = await get(`/documents/${summary.id}`);
    const section = doc.sections.find((s) => s.kind === 'dieu' && s.heading.trim().split(/\s+/).length >= 3 && s.anchor);
    if (section) return { doc, section, query: fold(section.heading.trim()) };
  }
  throw new Error('no document with an article heading in the demo library');
}

// Large text ("Chữ lớn" in Settings) must not push anything off the side of a small phone.
async function largeTextFits(page, shot, name) {
  await page.evaluate(() => document.documentElement.classList.add('large-text'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `wider than the screen with large text by ${overflow} px`);
  await shot(page, name);
  await page.evaluate(() => document.documentElement.classList.remove('large-text'));
}

async function onScreen(page, locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'element not rendered');
  const vp = page.viewportSize();
  assert.ok(box.y < vp.height && box.y + Math.min(box.height, 40) > 0, `element not on screen: y=${box.y}`);
}

export function register(scenario, { shot: takeShot, checkTapTargets }) {
  const shot = shotWithoutFlash(takeShot);

  scenario('library: a member searches without diacritics, opens the passage, marks it read and reads it again offline', async ({ server, browser }) => {
    const { page, context } = browser;
    const { doc, section, query } = await pickPassage(server.base);
    await signInMember(page, server.base, 'dangvien');

    // From the home screen's tile, as a member would.
    await page.locator('.tiles').getByRole('link', { name: /Tài liệu/ }).click();
    await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor();
    await page.locator('.doc-card').first().waitFor();
    await checkTapTargets(page);
    await shot(page, 'library-360x640');

    await page.getByLabel('Tìm văn bản').fill(query);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('heading', { name: 'Tìm văn bản' }).waitFor();
    await page.locator('.result').first().waitFor();
    assert.match(await page.locator('.result-total').textContent(), /Tìm thấy \d+ kết quả/);
    // The passage is among the results, named by its citation label, with the words highlighted.
    const href = `/tai-lieu/${doc.id}#${encodeURIComponent(section.anchor)}`;
    const result = page.locator(`.result:has(a[href="${href}"])`).first();
    await result.waitFor({ timeout: 5000 });
    assert.match(await result.locator('.result-section').textContent(), new RegExp(`Tại ${section.label}`));
    assert.ok((await result.locator('.snippet mark').count()) > 0, 'no highlighted words in the snippet');
    assert.doesNotMatch(await result.locator('.snippet').textContent(), /<\/?mark>/);
    await checkTapTargets(page);
    await shot(page, 'search-360x640');
    await largeTextFits(page, shot, 'search-360x640-large-text');

    await result.locator('a.result-link').click();
    await page.getByRole('heading', { name: doc.title, level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, `#${section.anchor}`);
    const target = page.locator(`[id="${section.anchor}"]`);
    await page.waitForFunction((id) => document.getElementById(id)?.classList.contains('is-target'), section.anchor);
    await onScreen(page, target);
    await shot(page, 'document-at-passage-360x640');

    // The table of contents lists the article and jumps to it.
    await page.getByText(/^Mục lục/).click();
    await page.locator('.toc').getByRole('link', { name: new RegExp(section.label) }).first().waitFor();
    await checkTapTargets(page);

    // The end: "Đánh dấu đã đọc", then "Đã đọc"; the server has the record.
    const mark = page.getByRole('button', { name: 'Đánh dấu đã đọc' });
    await mark.scrollIntoViewIfNeeded();
    await mark.click();
    await page.locator('.read-done', { hasText: 'Đã đọc' }).waitFor();
    await shot(page, 'document-read-360x640');
    await page.evaluate(() => window.scrollTo(0, 0));
    await largeTextFits(page, shot, 'document-360x640-large-text');
    await waitInPage(page,
      async (id) => {
        const r = await fetch(`/api/v1/documents/${id}`, { cache: 'no-store' });
        return r.ok && (await r.json()).read.reached_end === true;
      },
      doc.id,
      { timeout: 25000, polling: 1000 },
    );

    // Offline: the document opened before still opens, from the device.
    await waitInPage(page,
      async (id) => !!navigator.serviceWorker.controller && !!(await caches.match(`/api/v1/documents/${id}`)),
      doc.id,
      { timeout: 20000, polling: 250 },
    );
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    await page.getByRole('heading', { name: doc.title, level: 1 }).waitFor();
    await page.locator('.read-done', { hasText: 'Đã đọc' }).waitFor();
    await shot(page, 'document-offline-360x640');

    // The library says which documents are on the device.
    await page.locator('.crumbs').getByRole('link', { name: /Tài liệu/ }).click();
    await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor();
    const card = page.locator(`.doc-card:has(a[href="/tai-lieu/${doc.id}"])`).first();
    await card.waitFor();
    await card.locator('.badge-device', { hasText: 'Có trên máy' }).waitFor();
    await shot(page, 'library-offline-360x640');
    await context.setOffline(false);
  });

  scenario('library: after the corpus is imported, "dieu le dang vien du bi" lands on Điều 5 of the Charter, read again offline', async ({ server, browser }) => {
    // The real texts of ../shared/corpus are test data beside the project, imported as an
    // administrator would (`sotay import documents`), into the running server's database.
    const corpus = process.env.SOTAY_CORPUS_DIR ?? resolve(REPO, '../shared/corpus');
    if (!existsSync(corpus)) {
      console.log(`   skipped: no corpus at ${corpus}`);
      return;
    }
    const run = spawnSync(SOTAY_BIN, ['import', 'documents', corpus, '--db', server.db], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const charter = 'Điều lệ Đảng Cộng sản Việt Nam';
    const { page, context } = browser;
    await signInMember(page, server.base, 'dangvien');
    await page.locator('.tiles').getByRole('link', { name: /Tài liệu/ }).click();
    await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor();
    await page.getByLabel('Tìm văn bản').fill('dieu le dang vien du bi');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const first = page.locator('.result').first();
    await first.waitFor();
    assert.match(await first.textContent(), new RegExp(charter));
    assert.match(await first.locator('.result-section').textContent(), /Tại Điều 5\b/);
    assert.ok((await first.locator('.snippet mark').count()) > 0, 'no highlighted words');
    await shot(page, 'search-charter-360x640');

    await first.locator('a.result-link').click();
    await page.getByRole('heading', { name: charter, level: 1 }).waitFor();
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    assert.match(anchor, /^dieu-5/);
    await page.waitForFunction((id) => document.getElementById(id)?.classList.contains('is-target'), anchor);
    await onScreen(page, page.locator(`[id="${anchor}"]`));
    const id = new URL(page.url()).pathname.split('/').pop();

    // A second visit without network: the article opens from the device.
    await waitInPage(page,
      async (doc) => !!navigator.serviceWorker.controller && !!(await caches.match(`/api/v1/documents/${doc}`)),
      id,
      { timeout: 20000, polling: 250 },
    );
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    await page.getByRole('heading', { name: charter, level: 1 }).waitFor();
    await page.getByText(/thời kỳ dự bị mười hai tháng/).first().waitFor();
    await shot(page, 'charter-offline-360x640');
    await context.setOffline(false);
  });

  scenario('library: the news feed shows articles and one opens (1366×768)', async ({ server, browser }) => {
    const { page } = browser;
    await signInMember(page, server.base, 'dangvien');
    // The home screen lists the latest news.
    await page.locator('.home-feed .news-card').first().waitFor();
    await shot(page, 'home-feed-1366x768');

    await page.locator('.tiles').getByRole('link', { name: /Tin tức/ }).click();
    await page.getByRole('heading', { name: 'Tin tức', exact: true }).waitFor();
    const cards = page.locator('.news-list .news-card');
    await cards.first().waitFor();
    assert.ok((await cards.count()) > 0);
    // Covers load lazily and have their size set (no jump while loading).
    for (const img of await page.locator('img.news-cover').all()) {
      assert.equal(await img.getAttribute('loading'), 'lazy');
      assert.ok(await img.getAttribute('width'));
      assert.ok(await img.getAttribute('height'));
    }
    await shot(page, 'news-1366x768');

    const title = (await cards.first().locator('.news-title').textContent()).trim();
    await cards.first().locator('a.news-link').click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    assert.ok(((await page.locator('.prose').textContent()) ?? '').trim().length > 20, 'article text is empty');
    await shot(page, 'news-article-1366x768');
    await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.locator('.read-done', { hasText: 'Đã đọc' }).waitFor();

    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkTapTargets(page);
    await shot(page, 'news-article-360x640');
    await page.getByRole('link', { name: '← Tin tức' }).click();
    await cards.first().waitFor();
    await checkTapTargets(page);
    await shot(page, 'news-360x640');
    await largeTextFits(page, shot, 'news-360x640-large-text');
  });

  scenario('library: filters and the reading view at 1366×768', async ({ server, browser }) => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    await signInMember(page, server.base, 'dangvien');
    await page.goto(`${server.base}/tai-lieu`);
    await page.locator('.doc-card').first().waitFor();
    // Filter chips with counts; choosing one narrows the list and shows in the address.
    const chip = page.locator('.chip-group').first().locator('a.chip').first();
    await chip.waitFor();
    const label = (await chip.textContent()).trim();
    const count = Number(/\((\d+)\)$/.exec(label)?.[1]);
    assert.ok(count > 0, `chip without a count: ${label}`);
    await chip.click();
    await page.waitForURL(/kind=|level=|topic=|year=/);
    // The list itself (not the "Văn bản cần đọc" box above it) narrows to the chip's count.
    const list = page.locator('.library > .doc-list > .doc-card');
    await page.waitForFunction(
      (n) => {
        const cards = document.querySelectorAll('.library > .doc-list > .doc-card').length;
        return cards > 0 && cards <= n;
      },
      count,
      { timeout: 10000 },
    );
    assert.ok((await list.count()) <= count);
    await shot(page, 'library-1366x768');
    await list.first().locator('a.doc-title').click();
    await page.locator('.doc-head h1').waitFor();
    await shot(page, 'document-1366x768');
  });
}
