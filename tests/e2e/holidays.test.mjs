// The holiday calendar (Quản trị › Ngày nghỉ, ngày làm bù): the administrator
// sees the 2023 Tết days, adds a day in a future year and deletes it again; a
// commune officer has no menu entry and is refused at the address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, launch, login, newPage, visit } from '../lib/browser.mjs';

const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });
const LABEL = 'Ngày nghỉ, ngày làm bù';

describe('holiday calendar', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the administrator lists 2023, adds a day and deletes it', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin', DEMO_PASSWORD);
      await menu(page).getByRole('link', { name: LABEL }).click();
      await page.waitForURL((u) => u.pathname === '/app/quan-tri/ngay-nghi');
      await page.getByRole('heading', { level: 1, name: LABEL }).waitFor();
      // The current year is selected by default.
      const year = page.getByLabel('Năm', { exact: true });
      assert.equal(await year.inputValue(), String(new Date().getFullYear()));

      // 2023: Tết Nguyên đán from 20/01 to 26/01 (the weekend between is not listed).
      await year.selectOption('2023');
      const table = page.getByRole('region', { name: 'Ngày nghỉ, ngày làm bù năm 2023' });
      const tet = table.getByRole('row').filter({ hasText: '20/01/2023' });
      await tet.waitFor();
      assert.match(await tet.innerText(), /Thứ sáu[\s\S]*Tết Nguyên đán[\s\S]*Nghỉ/);
      for (const d of ['23/01/2023', '24/01/2023', '25/01/2023', '26/01/2023']) {
        assert.match(await table.getByRole('row').filter({ hasText: d }).innerText(), /Tết Nguyên đán/);
      }

      // A future year: pick a weekday of June that is not in the calendar yet.
      const future = new Date().getFullYear() + 3;
      await year.selectOption(String(future));
      const futureTable = page.getByRole('region', { name: `Ngày nghỉ, ngày làm bù năm ${future}` });
      await futureTable.locator('table:not([aria-busy])').waitFor();
      const listed = await futureTable.innerText();
      let day = null;
      for (let d = 1; d <= 30 && !day; d += 1) {
        const text = `${String(d).padStart(2, '0')}/06/${future}`;
        const wd = new Date(Date.UTC(future, 5, d)).getUTCDay();
        if (wd !== 0 && wd !== 6 && !listed.includes(text)) day = text;
      }
      assert.ok(day, 'a free day in June');
      const name = `Ngày thử nghiệm e2e ${Date.now()}`;
      const form = page.getByRole('form', { name: 'Thêm hoặc sửa ngày' });
      await form.getByLabel('Ngày', { exact: true }).fill(day);
      await form.getByLabel('Tên ngày nghỉ').fill(name);
      await form.getByLabel('Loại ngày').selectOption('holiday');
      await form.getByRole('button', { name: 'Lưu ngày' }).click();
      await page.getByRole('status').filter({ hasText: `Đã lưu ngày ${day}` }).waitFor();
      const row = futureTable.getByRole('row').filter({ hasText: name });
      await row.waitFor();
      assert.match(await row.innerText(), new RegExp(`${day.replace(/\//g, '\\/')}[\\s\\S]*Nghỉ`));

      // Delete it, confirming in the dialog.
      await row.getByRole('button', { name: `Xóa ngày ${day}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Xóa ngày nghỉ' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), new RegExp(name));
      await dialog.getByRole('button', { name: 'Xóa', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: `Đã xóa ngày ${day}` }).waitFor();
      await futureTable.getByRole('row').filter({ hasText: name }).waitFor({ state: 'detached' });

      assert.deepEqual(page.failedRequests, []);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a commune officer has no menu entry and is refused at the address', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi', DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Trang làm việc' }).waitFor();
      assert.equal(await menu(page).getByRole('link', { name: LABEL }).count(), 0);
      await visit(page, '/app/quan-tri/ngay-nghi');
      await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
      assert.equal(await page.getByRole('heading', { level: 1, name: LABEL }).count(), 0);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });
});
