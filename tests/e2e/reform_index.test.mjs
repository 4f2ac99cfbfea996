// The reform index in the browser (issue 19): Sở Nội vụ imports a year's criteria tree from a sheet, a district's
// officer self-assesses with a note and evidence, its leader submits, the council changes a score
// with a reason, Sở Nội vụ publishes the year by a decision, and the public ranking shows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';

const TREE = [
  { code: '1', name: 'Chỉ đạo, điều hành', max: 10 },
  { code: '1.1', name: 'Ban hành kế hoạch kịp thời', max: 4, method: 'yesno', source: 'self' },
  { code: '1.2', name: 'Mức độ hoàn thành kế hoạch', max: 6, method: 'choice', source: 'self', params: { choices: [{ label: 'Hoàn thành 100%', points: 6 }, { label: 'Dưới 100%', points: 3 }] } },
  { code: '2', name: 'Đánh giá của Hội đồng', max: 5, method: 'points', source: 'appraisal' },
];

const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors, []);
};

describe('reform index', () => {
  let browser;
  let year;
  let h01;
  before(async () => {
    browser = await launch();
    h01 = await unitByCode('H01');
    const admin = await apiLogin('admin');
    // a free year from 2100 down (the access matrix takes its years from 2030 up)
    for (let y = 2100; y >= 2030 && !year; y--) {
      const r = await req('GET', `/api/v1/index/${y}/criteria?kind=district`, { token: admin });
      if (r.json.criteria.length === 0) year = y;
    }
    assert.ok(year, 'a free year');
  });
  after(async () => {
    await browser?.close();
  });

  test('criteria → self-assessment → submission → appraisal → decision → public ranking', async () => {
    // Sở Nội vụ enters the tree
    let page = await newPage(browser);
    try {
      await login(page, 'snv.cchc');
      await page.getByRole('link', { name: 'Chỉ số CCHC', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Chỉ số cải cách hành chính' }).waitFor();
      await visit(page, `/app/chi-so-cchc/tieu-chi?nam=${year}&loai=district`);
      await page.getByText('Năm này chưa có bộ tiêu chí.').waitFor();
      // the tree as a spreadsheet would have it: one row per node, Vietnamese method names
      const method = { yesno: 'Có/không', choice: 'Lựa chọn', points: 'Điểm' };
      const source = { self: 'Tự chấm', appraisal: 'Thẩm định' };
      const q = (t) => `"${String(t).replace(/"/g, '""')}"`;
      const csv = ['Mã;Tên tiêu chí;Điểm tối đa;Cách chấm;Tham số;Nguồn']
        .concat(TREE.map((n) => [n.code, n.name, n.max, method[n.method] || '', n.params ? q(JSON.stringify(n.params)) : '', source[n.source] || ''].join(';')))
        .join('\n');
      await page.getByLabel('Tệp bộ tiêu chí (.xlsx hoặc CSV)').setInputFiles({ name: 'tieu-chi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
      await page.getByText('Đã nhập bộ tiêu chí từ tệp tieu-chi.csv.').waitFor();
      const table = page.getByRole('region', { name: `Bộ tiêu chí năm ${year}` });
      await table.getByRole('cell', { name: 'Mức độ hoàn thành kế hoạch' }).waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // the district's officer self-assesses
    page = await newPage(browser);
    try {
      await login(page, 'huyen1.daumoi');
      await visit(page, `/app/chi-so-cchc?nam=${year}&loai=district`);
      await page.getByRole('link', { name: `Bản tự chấm của đơn vị tôi năm ${year}` }).click();
      await page.getByRole('heading', { level: 1, name: `Chỉ số CCHC năm ${year}` }).waitFor();
      await page.getByLabel('Giá trị tự chấm 1.1').selectOption('yes');
      await page.getByLabel('Giá trị tự chấm 1.2').selectOption('Dưới 100%');
      await page.getByLabel('Ghi chú 1.2').fill('Còn 2 nhiệm vụ chuyển sang năm sau');
      await page.getByLabel('Tài liệu kiểm chứng 1.2').fill('Báo cáo CCHC năm | https://namdinh.gov.vn/bc-cchc.pdf');
      await page.getByRole('button', { name: 'Lưu điểm tự chấm' }).click();
      await page.getByText('Đã lưu điểm tự chấm.').waitFor();
      await waitForText(page.getByTestId('ri-c-1').getByRole('cell').nth(1), /^7$/);
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // its leader submits
    page = await newPage(browser);
    try {
      await login(page, 'huyen1.lanhdao');
      await visit(page, `/app/chi-so-cchc/${year}/${h01.id}`);
      await page.getByRole('button', { name: 'Gửi thẩm định' }).click();
      await page.getByText('Đã gửi bản tự chấm đi thẩm định.').waitFor();
      await waitForText(page.getByTestId('ri-status'), /Đã gửi thẩm định/);
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // the council: 1.2 lowered with a reason, its own criterion scored; then the decision
    page = await newPage(browser);
    try {
      await login(page, 'snv.cchc');
      await visit(page, `/app/chi-so-cchc/${year}/${h01.id}`);
      await page.getByLabel('Điểm thẩm định 1.2').fill('2');
      await page.getByLabel('Lý do 1.2').fill('Tài liệu chưa chứng minh mức hoàn thành');
      await page.getByLabel('Điểm thẩm định 2', { exact: true }).fill('4,5');
      await page.getByRole('button', { name: 'Ghi kết quả thẩm định' }).click();
      await page.getByText('Đã ghi kết quả thẩm định.').waitFor();
      await waitForText(page.getByTestId('ri-status'), /Đã thẩm định/);
      await waitForText(page.getByTestId('ri-c-1.2').getByRole('cell').last(), /^2$/);
      await visit(page, `/app/chi-so-cchc?nam=${year}&loai=district`);
      const row = page.getByTestId(`ri-row-${h01.id}`);
      await waitForText(row.getByRole('cell').nth(2), /^10,5\/15$/);
      await page.getByLabel('Số quyết định').fill('25/QĐ-UBND');
      await page.getByLabel('Ngày quyết định').fill('15/02/2026');
      await page.getByRole('button', { name: 'Công bố kết quả' }).click();
      await page.getByText(`Đã công bố kết quả Chỉ số CCHC năm ${year}.`).waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // anyone: the public ranking, with the areas on demand
    page = await newPage(browser);
    try {
      await visit(page, `/chi-so-cchc?nam=${year}&loai=district`);
      await page.getByRole('heading', { level: 1, name: 'Kết quả Chỉ số cải cách hành chính' }).waitFor();
      const row = page.getByTestId(`ri-row-${h01.id}`);
      await row.getByRole('cell', { name: h01.name, exact: true }).waitFor();
      await waitForText(row.getByRole('cell').first(), /^1$/);
      await waitForText(row.getByRole('cell').nth(3), /^70,00 %$/);
      await waitForText(row.getByRole('cell').nth(4), /^Khá$/);
      await row.getByRole('button', { name: `Xem lĩnh vực của ${h01.name}` }).click();
      await page.getByText('1. Chỉ đạo, điều hành: 6/10').waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
