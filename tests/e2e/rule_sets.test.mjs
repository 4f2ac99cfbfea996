// The business rules (Quản trị › Quy tắc nghiệp vụ, issue 20): the administrator opens the 766
// set, reads its groups and weights, writes a new version from a day of 2100 (no other test
// computes there), sees its changes before saving, is refused with the field's message when the
// weights do not add up to 100, then saves it; a province specialist has no menu entry and is
// refused at the address; the page with a set open does not scroll sideways at 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launch, login, newPage, visit } from '../lib/browser.mjs';

const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });
const LABEL = 'Quy tắc nghiệp vụ';
const KPI = 'Bộ chỉ số 766: trọng số và ngưỡng';

async function openKpi(page) {
  await visit(page, '/app/quy-tac');
  await page.getByRole('heading', { level: 1, name: LABEL }).waitFor();
  const sets = page.getByRole('region', { name: 'Các bộ quy tắc' });
  await sets.getByRole('row').filter({ hasText: KPI }).getByRole('button', { name: /Mở/ }).click();
  await page.getByRole('heading', { level: 2, name: KPI }).waitFor();
}

describe('business rules', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the administrator reads the 766 weights and saves a checked new version', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin');
      await menu(page).getByRole('link', { name: LABEL }).click();
      await page.waitForURL((u) => u.pathname === '/app/quy-tac');
      await openKpi(page);
      const groups = page.getByRole('region', { name: 'Nhóm chỉ số, trọng số và ngưỡng đạt điểm tối đa' });
      const online = groups.getByRole('row').filter({ hasText: 'Dịch vụ công trực tuyến' });
      await online.waitFor();
      assert.match(await online.innerText(), /12[\s\S]*0,5/);

      const form = page.getByRole('form', { name: 'Tạo phiên bản mới' });
      await form.getByLabel('Ngày hiệu lực').fill('15/11/2100');
      await form.getByLabel('Căn cứ, ghi chú').fill('Kiểm thử giao diện: chuyển 1 điểm sang dịch vụ công trực tuyến');
      const text = form.getByLabel('Nội dung quy tắc (JSON)');
      const rules = JSON.parse(await text.inputValue());
      assert.equal(rules.weights.online, 12);
      // 13 + the rest: 101 points — the server names the weights
      rules.weights.online = 13;
      await text.fill(JSON.stringify(rules, null, 2));
      await form.getByRole('button', { name: 'Xem thay đổi' }).click();
      const changes = form.getByRole('region', { name: 'Thay đổi so với phiên bản đang xem' });
      assert.match(await changes.getByRole('row').filter({ hasText: 'weights.online' }).innerText(), /12[\s\S]*13/);
      await form.getByRole('button', { name: 'Lưu phiên bản' }).click();
      await form.getByRole('alert').filter({ hasText: 'Tổng trọng số các nhóm phải bằng 100' }).waitFor();

      rules.weights.payment = 9;
      await text.fill(JSON.stringify(rules, null, 2));
      await form.getByRole('button', { name: 'Xem thay đổi' }).click();
      await changes.getByRole('row').filter({ hasText: 'weights.payment' }).waitFor();
      await form.getByRole('button', { name: 'Lưu phiên bản' }).click();
      await page.getByRole('status').filter({ hasText: 'có hiệu lực từ 15/11/2100' }).waitFor();
      const versions = page.getByRole('region', { name: 'Các phiên bản' });
      const row = versions.getByRole('row').filter({ hasText: '15/11/2100' });
      await row.waitFor();
      assert.match(await row.innerText(), /Sắp áp dụng[\s\S]*Kiểm thử giao diện[\s\S]*Nguyễn Văn Quản/);
      // the saved version is shown, with its changes against the one before it
      await page.getByRole('heading', { level: 3, name: 'Phiên bản có hiệu lực từ 15/11/2100' }).waitFor();
      assert.match(await groups.getByRole('row').filter({ hasText: 'Dịch vụ công trực tuyến' }).innerText(), /13/);
    } finally {
      await page.close();
    }
  });

  test('a province specialist has no entry and is refused at the address', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await menu(page).getByRole('link', { name: 'Tài khoản của tôi' }).waitFor();
      assert.equal(await menu(page).getByRole('link', { name: LABEL }).count(), 0);
      await visit(page, '/app/quy-tac');
      await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
    } finally {
      await page.close();
    }
  });

  test('at 320 px with a set open: no sideways scrolling, no serious accessibility violation', async () => {
    const page = await newPage(browser, { width: 320, height: 640 });
    try {
      await login(page, 'admin');
      await openKpi(page);
      await page.getByRole('form', { name: 'Tạo phiên bản mới' }).waitFor();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 1, `scrolls sideways by ${over}px`);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.close();
    }
  });
});
