// Compliance cost in the browser (issue 17): Sở Tư pháp's officer opens a procedure, enters a
// before and an after sheet, sees the cost and the saving computed by the server and charted, then
// the savings page shows the procedure and the totals. Numbers are docs/compliance-cost.md's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';

const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors, []);
};

describe('compliance cost', () => {
  let browser;
  let proc;
  let field;
  before(async () => {
    browser = await launch();
    const admin = await apiLogin('admin');
    const stp = await unitByCode('STP');
    const f = await req('POST', '/api/v1/procedure-fields', { token: admin, body: { name: `Lĩnh vực chi phí e2e ${Date.now()}` } });
    assert.equal(f.status, 201, f.text);
    field = f.json;
    for (let i = 0; i < 5 && !proc; i++) {
      const code = `1.9${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`;
      const r = await req('POST', '/api/v1/procedures', { token: admin, body: { code, name: `Thủ tục chi phí trình duyệt ${code}`, field_id: field.id, levels: ['province'], agency_unit_id: stp.id } });
      if (r.status === 201) proc = r.json;
    }
    assert.ok(proc, 'throwaway procedure');
  });
  after(async () => {
    await browser?.close();
  });

  test('enter a before and after sheet, see the saving computed and charted, then on the savings page', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'stp.daumoi');
      await visit(page, `/app/thu-tuc/${proc.id}`);
      await page.locator('#main').getByRole('link', { name: 'Chi phí tuân thủ', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Chi phí tuân thủ thủ tục hành chính' }).waitFor();
      await page.getByLabel('Năm').selectOption('2024');
      await page.waitForURL((u) => u.searchParams.get('nam') === '2024');
      // the 2024 sheet is in (not the current year's, still shown while it loads)
      await page.locator('form[data-year="2024"]').waitFor();
      const before = page.locator('#cost-before');
      await before.getByLabel('Tên hoạt động 1 (Trước đơn giản hóa)').fill('Chuẩn bị hồ sơ, đi lại, chờ đợi');
      await before.getByLabel('Số giờ 1 (Trước đơn giản hóa)').fill('8,25');
      await before.getByLabel('Chi phí 1 (Trước đơn giản hóa)').fill('170000');
      await before.getByLabel('Số đối tượng (Trước đơn giản hóa)').fill('1200');
      await page.getByLabel('Có phương án sau đơn giản hóa').check();
      const afterSheet = page.locator('#cost-after');
      await afterSheet.getByLabel('Tên hoạt động 1 (Sau đơn giản hóa)').fill('Khai và nộp trực tuyến');
      await afterSheet.getByLabel('Số giờ 1 (Sau đơn giản hóa)').fill('3');
      await afterSheet.getByLabel('Chi phí 1 (Sau đơn giản hóa)').fill('60000');
      await afterSheet.getByLabel('Số đối tượng (Sau đơn giản hóa)').fill('1200');
      await page.getByRole('button', { name: 'Lưu và tính chi phí' }).click();
      await page.getByText('Đã lưu bảng chi phí tuân thủ.').waitFor();
      await waitForText(page.getByTestId('before-per-time'), /^530\.938 đồng$/);
      await waitForText(page.getByTestId('before-yearly'), /^637\.125\.600 đồng$/);
      await waitForText(page.getByTestId('after-yearly'), /^229\.500\.000 đồng$/);
      await waitForText(page.getByTestId('saving'), /^407\.625\.600 đồng$/);
      await waitForText(page.getByTestId('saving-pct'), /^63,98 %$/);
      // the chart, and the same numbers as its table
      const chart = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Chi phí tuân thủ trước và sau đơn giản hóa' }) });
      await chart.locator('canvas').waitFor();
      await chart.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      await waitForText(chart.getByRole('table'), /Trước đơn giản hóa[\s\S]*637\.125\.600[\s\S]*Sau đơn giản hóa[\s\S]*229\.500\.000/);
      // the savings page of 2024, narrowed to the field
      await page.getByRole('link', { name: /Tổng hợp cắt giảm chi phí năm 2024/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Cắt giảm chi phí tuân thủ TTHC' }).waitFor();
      await page.getByLabel('Lĩnh vực').selectOption(String(field.id));
      await page.waitForURL((u) => u.searchParams.get('linh_vuc') === String(field.id));
      const table = page.getByRole('table', { name: /Chi phí tuân thủ năm 2024 theo thủ tục/ });
      await waitForText(table, new RegExp(`${proc.code.replace('.', '\\.')}[\\s\\S]*407\\.625\\.600`));
      await waitForText(page.getByTestId('totals-saving'), /407\.625\.600 đồng \(63,98 %\)/);
      await waitForText(page.getByTestId('totals-procedures'), /^1 \/ 1 bảng chi phí$/);
      const exportLink = page.getByRole('link', { name: 'Tải Excel (.xlsx)' });
      assert.match(await exportLink.getAttribute('href'), new RegExp(`/api/v1/review/savings/export\\?.*field_id=${field.id}`));
      // a row opens the procedure's sheet
      await table.getByRole('button', { name: `Bảng chi phí của thủ tục ${proc.code}` }).click();
      await page.waitForURL((u) => u.pathname === `/app/thu-tuc/${proc.id}/chi-phi`);
      await waitForText(page.getByTestId('saving'), /^407\.625\.600 đồng$/);
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
