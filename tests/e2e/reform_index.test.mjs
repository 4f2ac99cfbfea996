// The reform index in the browser (issue 19), the whole journey: Sở Nội vụ imports a year's
// criteria tree from an .xlsx sheet, a district's officer self-assesses with a note, a link and an
// uploaded evidence file (a mistaken one withdrawn, kept), its leader submits, the council opens
// the file, changes a score with a reason and scores its own criterion, Sở Nội vụ publishes the
// year by a decision; the results chart drills into the unit's areas (by a click on its bar and by
// keyboard from the table), the .xlsx export has the same figures, and the public ranking shows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axeViolations, launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';
import { ROOT } from '../lib/stack.mjs';
import { sheetRows } from '../lib/xlsx-read.mjs';

// tests/fixtures/index_criteria.xlsx: 1 (10) = 1.1 yes/no 2.5 + 1.2 choice Đạt 7.5 / Không đạt 0;
// 2 (10) = 2.1 on-time rate from the system (6) + 2.2 the council's points (4)
const SHEET = readFileSync(`${ROOT}/tests/fixtures/index_criteria.xlsx`);
const PDF = Buffer.from('%PDF-1.4\n% bao cao cai cach hanh chinh nam\n%%EOF\n');

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

  test('import → self-assessment with files → submission → appraisal → decision → chart, drill-down, export → public ranking', async () => {
    // Sở Nội vụ imports the tree from the sheet
    let page = await newPage(browser);
    try {
      await login(page, 'snv.cchc');
      await page.getByRole('link', { name: 'Chỉ số CCHC', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Chỉ số cải cách hành chính' }).waitFor();
      await visit(page, `/app/chi-so-cchc/tieu-chi?nam=${year}&loai=district`);
      await page.getByText('Năm này chưa có bộ tiêu chí.').waitFor();
      await page.getByLabel('Tệp bộ tiêu chí (.xlsx hoặc CSV)').setInputFiles({ name: 'tieu-chi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: SHEET });
      await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
      await page.getByText('Đã nhập bộ tiêu chí từ tệp tieu-chi.xlsx.').waitFor();
      const table = page.getByRole('region', { name: `Bộ tiêu chí năm ${year}` });
      await table.getByRole('cell', { name: 'Mức độ hoàn thành kế hoạch' }).waitFor();
      await table.getByRole('cell', { name: 'Đánh giá của Hội đồng' }).waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // the district's officer self-assesses, uploads the evidence, withdraws a mistaken file
    page = await newPage(browser);
    try {
      await login(page, 'huyen1.daumoi');
      await visit(page, `/app/chi-so-cchc?nam=${year}&loai=district`);
      await page.getByRole('link', { name: `Bản tự chấm của đơn vị tôi năm ${year}` }).click();
      await page.getByRole('heading', { level: 1, name: `Chỉ số CCHC năm ${year}` }).waitFor();
      await page.getByLabel('Giá trị tự chấm 1.1').selectOption('yes');
      await page.getByLabel('Giá trị tự chấm 1.2').selectOption('Đạt');
      await page.getByLabel('Ghi chú 1.2').fill('Hoàn thành 100% nhiệm vụ');
      await page.getByLabel('Tài liệu kiểm chứng 1.2').fill('Báo cáo CCHC năm | https://namdinh.gov.vn/bc-cchc.pdf');
      await page.getByRole('button', { name: 'Lưu điểm tự chấm' }).click();
      await page.getByText('Đã lưu điểm tự chấm.').waitFor();
      await waitForText(page.getByTestId('ri-c-1').getByRole('cell').nth(1), /^10$/);

      const files = page.getByTestId('ri-files-1.2');
      await page.getByLabel('Tệp kiểm chứng 1.2', { exact: true }).setInputFiles({ name: 'nham-tep.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Tải tệp lên cho tiêu chí 1.2' }).click();
      await page.getByText('Đã tải tệp nham-tep.pdf lên cho tiêu chí 1.2.').waitFor();
      await files.getByRole('link', { name: 'nham-tep.pdf' }).waitFor();
      await page.getByLabel('Tệp kiểm chứng 1.2', { exact: true }).setInputFiles({ name: 'bao-cao-cchc.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Tải tệp lên cho tiêu chí 1.2' }).click();
      await page.getByText('Đã tải tệp bao-cao-cchc.pdf lên cho tiêu chí 1.2.').waitFor();
      await files.getByRole('button', { name: 'Rút tệp nham-tep.pdf' }).click();
      await page.getByText('Đã rút tệp nham-tep.pdf.').waitFor();
      // the withdrawn file stays listed, marked, with no second withdrawal
      await waitForText(files.getByRole('listitem').first(), /nham-tep\.pdf.*đã rút/);
      assert.equal(await files.getByRole('button', { name: /^Rút tệp/ }).count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'the assessment with its files is accessible');
      // a file that is not what it says is refused with a Vietnamese message
      await page.getByLabel('Tệp kiểm chứng 1.1', { exact: true }).setInputFiles({ name: 'gia.pdf', mimeType: 'application/pdf', buffer: Buffer.from('chi la van ban') });
      await page.getByRole('button', { name: 'Tải tệp lên cho tiêu chí 1.1' }).click();
      await page.getByRole('alert').filter({ hasText: /tệp/i }).first().waitFor();
      // that refusal is the one expected 4xx (and the browser's console line about it)
      page.clientErrors = page.clientErrors.filter((e) => !/\/evidence — 422$/.test(e));
      page.consoleErrors = page.consoleErrors.filter((e) => !/422 .*\/evidence$/.test(e));
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
      // submitted: no more uploads
      assert.equal(await page.getByRole('button', { name: /^Tải tệp lên/ }).count(), 0);
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // the council opens the evidence, lowers 1.2 with a reason, scores 2.2; then the decision
    page = await newPage(browser);
    try {
      await login(page, 'snv.cchc');
      await visit(page, `/app/chi-so-cchc/${year}/${h01.id}`);
      const files = page.getByTestId('ri-files-1.2');
      const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('link', { name: 'bao-cao-cchc.pdf' }).click()]);
      assert.equal(download.suggestedFilename(), 'bao-cao-cchc.pdf');
      assert.deepEqual(readFileSync(await download.path()), PDF);
      await page.getByLabel('Điểm thẩm định 1.2').fill('5');
      await page.getByLabel('Lý do 1.2').fill('Tài liệu chưa chứng minh mức hoàn thành');
      await page.getByLabel('Điểm thẩm định 2.2').fill('3');
      await page.getByRole('button', { name: 'Ghi kết quả thẩm định' }).click();
      await page.getByText('Đã ghi kết quả thẩm định.').waitFor();
      await waitForText(page.getByTestId('ri-status'), /Đã thẩm định/);
      await waitForText(page.getByTestId('ri-c-1.2').getByRole('cell').last(), /^5$/);
      await visit(page, `/app/chi-so-cchc?nam=${year}&loai=district`);
      const row = page.getByTestId(`ri-row-${h01.id}`);
      // 2.5 + 5 | 0 (no dossiers that year) + 3
      await waitForText(row.getByRole('cell').nth(2), /^10,5\/20$/);
      await page.getByLabel('Số quyết định').fill('25/QĐ-UBND');
      await page.getByLabel('Ngày quyết định').fill('15/02/2026');
      await page.getByRole('button', { name: 'Công bố kết quả' }).click();
      await page.getByText(`Đã công bố kết quả Chỉ số CCHC năm ${year}.`).waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // a province leader: the chart, the drill-down by a bar and by keyboard, the export
    page = await newPage(browser);
    try {
      await login(page, 'lanhdao.tinh');
      await visit(page, `/app/chi-so-cchc?nam=${year}&loai=district`);
      const panel = page.locator('section[aria-labelledby="ri-chart-title"]');
      await panel.getByRole('heading', { name: `Tổng điểm theo đơn vị năm ${year}` }).waitFor();
      await panel.getByRole('img', { name: /Biểu đồ tổng điểm/ }).waitFor();
      await panel.getByRole('list', { name: 'Chú giải màu theo xếp loại' }).getByText('Trung bình').waitFor();
      // one unit: its bar runs from the axis to 52.5 % of the plot; a click inside it picks the unit
      const box = await panel.locator('canvas').boundingBox();
      await page.mouse.click(box.x + box.width * 0.35, box.y + box.height / 2);
      const drill = page.getByTestId('ri-drill');
      await drill.getByRole('heading', { name: `${h01.name}: điểm theo lĩnh vực` }).waitFor();
      await waitForText(drill.locator('p').first(), /Hạng 1 — 10,5\/20 điểm \(52,50 %\) — Trung bình/);
      const area = (name) => drill.getByRole('row', { name: new RegExp(name) });
      await waitForText(area('Công tác chỉ đạo, điều hành').getByRole('cell').first(), /^7,5\/10$/);
      await waitForText(area('Cải cách thủ tục hành chính').getByRole('cell').first(), /^3\/10$/);
      assert.equal(await drill.locator('meter').count(), 2);
      // keyboard: the table's button picks the unit and the focus lands on the breakdown
      await page.reload();
      await page.getByTestId(`ri-row-${h01.id}`).getByRole('button', { name: `Xem lĩnh vực của ${h01.name}` }).focus();
      await page.keyboard.press('Enter');
      const heading = page.getByRole('heading', { name: `${h01.name}: điểm theo lĩnh vực` });
      await heading.waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'ri-drill-title');
      assert.deepEqual(await axeViolations(page), [], 'the chart, its legend and the drill-down are accessible');

      // the export: the same figures, with the title row
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).click()]);
      assert.equal(download.suggestedFilename(), `chi-so-cchc-${year}-district.xlsx`);
      const rows = sheetRows(readFileSync(await download.path()));
      assert.match(rows[0][0], new RegExp(`^KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year} — UBND cấp huyện — toàn tỉnh — kết quả chính thức theo Quyết định số 25/QĐ-UBND ngày 15/02/2026 — lập lúc`));
      assert.deepEqual(rows[1].slice(8), ['1. Công tác chỉ đạo, điều hành (tối đa 10)', '2. Cải cách thủ tục hành chính (tối đa 10)']);
      assert.deepEqual(rows.slice(2), [[1, 1, h01.name, 10.5, 20, 52.5, 'Trung bình', '', 7.5, 3]]);

      // the drill-down's link opens the assessment
      await drill.getByRole('link', { name: `Xem bản tự chấm và thẩm định của ${h01.name}` }).click();
      await page.getByRole('heading', { level: 1, name: `Chỉ số CCHC năm ${year}` }).waitFor();
      await waitForText(page.getByTestId('ri-status'), /Đã công bố/);
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
      await waitForText(row.getByRole('cell').nth(3), /^52,50 %$/);
      await waitForText(row.getByRole('cell').nth(4), /^Trung bình$/);
      await row.getByRole('button', { name: `Xem lĩnh vực của ${h01.name}` }).click();
      await page.getByText('1. Công tác chỉ đạo, điều hành: 7,5/10').waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
