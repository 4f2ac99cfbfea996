// The notification bell and page (issue 15): the bell in the header shows the unread count; the
// page lists them unread first; opening one marks it read, goes to its link and the count drops;
// "Đánh dấu tất cả đã đọc" empties it. A fresh commune with its own officer and three unit-wide
// notifications, so the counts are exact whatever else the database holds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage, visit, waitForCount } from '../lib/browser.mjs';
import { login as apiLogin, req, unitByCode } from '../lib/api.mjs';
import { sql } from '../api/storage.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const USERNAME = `bell${RUN.toLowerCase()}`;
const PASSWORD = `Bell@${RUN}aa1`;

async function ok(token, method, path, body, status) {
  const r = await req(method, path, { token, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.json;
}

describe('notification bell', () => {
  let browser;
  before(async () => {
    const admin = await apiLogin('admin');
    const district = await unitByCode('H01');
    const unit = await ok(admin, 'POST', '/api/v1/units', { code: `B${RUN}`, name: `Xã chuông ${RUN}`, level: 'commune', parent_id: district.id, valid_from: '2020-01-01' }, 201);
    await ok(admin, 'POST', '/api/v1/users', { username: USERNAME, full_name: `Cán bộ chuông ${RUN}`, unit_id: unit.id, role: 'officer', password: PASSWORD }, 201);
    const rows = [
      ['Cũ nhất', '2026-01-01 08:00:00', '/app/tai-khoan'],
      ['Ở giữa', '2026-01-02 08:00:00', '/app/tai-khoan'],
      ['Mới nhất', '2026-01-03 08:00:00', '/app/tai-khoan'],
    ];
    for (const [title, at, link] of rows) {
      sql(
        `INSERT INTO notifications SET unit_id = ${unit.id}, kind = 'report.remind', entity = 'report', ` +
          `title = '${title} ${RUN}', link = '${link}', created_at = '${at}'`,
      );
    }
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the bell counts, opening one marks it read and the count drops, read-all empties it', async () => {
    const page = await newPage(browser);
    try {
      await login(page, USERNAME, PASSWORD);
      const bell = page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ });
      await page.getByRole('link', { name: 'Thông báo: 3 chưa đọc' }).waitFor();
      assert.equal((await bell.innerText()).trim(), '3');
      await bell.click();
      await page.waitForURL((u) => u.pathname === '/app/thong-bao');
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      const items = page.getByRole('list', { name: 'Danh sách thông báo' }).getByRole('listitem');
      await waitForCount(items, 3);
      // Newest first among the unread, each marked.
      const texts = await items.allInnerTexts();
      assert.deepEqual(texts.map((t) => t.match(/(Cũ nhất|Ở giữa|Mới nhất)/)[1]), ['Mới nhất', 'Ở giữa', 'Cũ nhất']);
      for (const t of texts) assert.match(t, /Chưa đọc/);

      // Opening one: marked read, its link opens, the count drops.
      await page.getByRole('link', { name: `Ở giữa ${RUN}` }).click();
      await page.waitForURL((u) => u.pathname === '/app/tai-khoan');
      await page.getByRole('link', { name: 'Thông báo: 2 chưa đọc' }).waitFor();

      // Back on the page: the read one is last and no longer marked.
      await page.getByRole('link', { name: 'Thông báo: 2 chưa đọc' }).click();
      await page.waitForURL((u) => u.pathname === '/app/thong-bao');
      await waitForCount(items, 3);
      const last = items.nth(2);
      assert.match(await last.innerText(), /Ở giữa/);
      assert.doesNotMatch(await last.innerText(), /Chưa đọc/);

      // Read all: the count is gone, nothing is marked unread.
      await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã đánh dấu 2 thông báo là đã đọc.' }).waitFor();
      await page.getByRole('link', { name: 'Thông báo: 0 chưa đọc' }).waitFor();
      await waitForCount(page.locator('.notif--unread'), 0);
      assert.equal(await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).isDisabled(), true);
      // Still read after a reload (the server's state, not the page's).
      await visit(page, '/app/thong-bao');
      await page.getByRole('link', { name: 'Thông báo: 0 chưa đọc' }).waitFor();
    } finally {
      await page.close();
    }
  });

  test('the account page: a kind x mail table of radio buttons and the digest hour, saved on the server', async () => {
    const page = await newPage(browser);
    try {
      await login(page, USERNAME, PASSWORD);
      await visit(page, '/app/tai-khoan');
      await page.getByRole('heading', { level: 2, name: 'Nhận thông báo qua thư điện tử' }).waitFor();
      const digest = page.getByRole('radio', { name: 'Nhiệm vụ quá hạn: Gửi tổng hợp hằng ngày' });
      assert.equal(await page.getByRole('radio', { name: 'Nhiệm vụ quá hạn: Gửi ngay' }).isChecked(), true, 'the default');
      await digest.check();
      await page.getByLabel('Giờ gửi thư tổng hợp').selectOption('18');
      await page.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã lưu cách nhận thư thông báo.' }).waitFor();
      await visit(page, '/app/tai-khoan');
      await page.getByRole('radio', { name: 'Nhiệm vụ quá hạn: Gửi tổng hợp hằng ngày', checked: true }).waitFor();
      assert.equal(await page.getByLabel('Giờ gửi thư tổng hợp').inputValue(), '18');
    } finally {
      await page.close();
    }
  });
});
