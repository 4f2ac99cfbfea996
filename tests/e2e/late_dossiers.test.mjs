// Late-dossier accountability (issue 20) in the browser: a district officer opens a late dossier
// from the list of late dossiers, records an explanation and an apology letter with their files and
// sees them listed (the apology badge turns); a citizen reads the monthly public list of units with
// late dossiers for that month.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';

const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const CODE = `E2E-LT-${RUN}`;

describe('late dossiers', () => {
  let browser;
  let unitName;
  before(async () => {
    browser = await launch();
    const admin = await apiLogin('admin');
    const units = await req('GET', '/api/v1/units?q=H01&per_page=1000', { token: admin });
    const h01 = units.json.items.find((u) => u.code === 'H01');
    unitName = `Xã trễ hạn thử ${RUN}`;
    const u = await req('POST', '/api/v1/units', { token: admin, body: { code: `ELT${RUN}`, name: unitName, level: 'commune', parent_id: h01.id, valid_from: '2020-01-01' } });
    assert.equal(u.status, 201, u.text);
    const body = [{ code: CODE, unit_code: `ELT${RUN}`, channel: 'direct', received_at: '2024-05-02T08:00:00+07:00', due_at: '2024-05-06', finished_at: '2024-05-09T15:00:00+07:00', status: 'finished', handler_name: 'Đỗ Văn Trễ' }];
    const r = await req('POST', '/api/v1/dossiers/bulk', { token: admin, body });
    assert.equal(r.json.inserted, 1, r.text);
  });
  after(async () => {
    await browser?.close();
  });

  test('a district officer records an explanation and an apology for a late dossier', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.daumoi');
      await visit(page, '/app/chi-so/tre-han?tu=2024-05-01&den=2024-05-31&thieu=explanation');
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ trễ hạn: giải trình, xin lỗi' }).waitFor();
      await page.getByRole('link', { name: CODE }).click();
      await page.getByRole('heading', { level: 1, name: `Hồ sơ ${CODE}` }).waitFor();
      await waitForText(page.getByTestId('ld-apology'), /Chưa xin lỗi/);

      const ex = page.getByTestId('ld-ex-form');
      await ex.getByLabel('Số văn bản').fill('15/GT-UBND');
      await ex.getByLabel('Ngày văn bản').fill('10/05/2024');
      await ex.getByLabel('Lý do trễ hạn').fill('Phải xác minh nguồn gốc đất.');
      await ex.getByLabel('Tệp đính kèm').setInputFiles({ name: 'giai-trinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await ex.getByRole('button', { name: 'Lưu văn bản giải trình' }).click();
      await page.getByRole('cell', { name: '15/GT-UBND' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'giai-trinh.pdf' }).count(), 1);

      const ap = page.getByTestId('ld-ap-form');
      await ap.getByLabel('Số phiếu').fill('3/PXL');
      await ap.getByLabel('Ngày phiếu').fill('07/05/2024');
      await ap.getByLabel('Hình thức gửi').selectOption('postal');
      await ap.getByLabel('Tệp đính kèm').setInputFiles({ name: 'phieu-xin-loi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await ap.getByRole('button', { name: 'Lưu phiếu xin lỗi' }).click();
      await page.getByRole('cell', { name: '3/PXL' }).waitFor();
      await waitForText(page.getByTestId('ld-apology'), /Đã xin lỗi/);
    } finally {
      await page.context().close();
    }
  });

  test('the public list of units with late dossiers shows the month', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/cong-khai-tre-han?thang=2024-05');
      await page.getByRole('heading', { level: 1, name: 'Công khai danh sách đơn vị có hồ sơ trễ hạn' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: unitName });
      await row.waitFor();
      assert.match(await row.innerText(), /1/);
      await waitForText(page.getByTestId('lu-officers-note'), /không công khai tên cán bộ/);
      assert.equal(await page.getByText('Đỗ Văn Trễ').count(), 0);
    } finally {
      await page.context().close();
    }
  });
});
