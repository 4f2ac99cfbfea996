// The satisfaction survey in the browser (issue 19 part 2): Sở Nội vụ writes and opens a survey,
// issues a one-time link, a citizen answers it (once), a paper form is typed in, the survey is
// closed, the results show the figures computed here, the public results page shows them, and a
// reform index criterion with metric sipas_index picks the unit's figure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';

// expected: [status, path] answers the journey asks for (the fresh year's survey before it
// exists: 404, shown as "no survey"; a refused save: 422, shown at its field)
const noErrors = (page, expected = []) => {
  const other = (e) => !expected.some(([status, path]) => e.includes(String(status)) && e.includes(path));
  assert.deepEqual(page.consoleErrors.filter(other), []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors.filter(other), []);
};
// vi-VN: 66,67 %
const pctText = (v) => `${v.toFixed(2).replace('.', ',')} %`;

describe('satisfaction survey', () => {
  let browser;
  let year;
  let h01;
  let h02;
  before(async () => {
    browser = await launch();
    [h01, h02] = await Promise.all(['H01', 'H02'].map(unitByCode));
    const admin = await apiLogin('admin');
    // a year with neither a survey nor an index tree, from 2079 down (the API test takes its
    // years from 2089 down, the access matrix from 2030 up)
    for (let y = 2079; y >= 2031 && !year; y--) {
      const s = await req('GET', `/api/v1/sipas/${y}/survey`, { token: admin });
      const c = await req('GET', `/api/v1/index/${y}/criteria?kind=district`, { token: admin });
      if (s.status === 404 && c.json.criteria.length === 0 && !c.json.locked) year = y;
    }
    assert.ok(year, 'a free year');
  });
  after(async () => {
    await browser?.close();
  });

  test('create → open → link → citizen answers → paper form → close → results → index criterion', async () => {
    let page = await newPage(browser);
    let link;
    try {
      await login(page, 'snv.cchc');
      await page.getByRole('link', { name: 'Khảo sát sự hài lòng', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Khảo sát sự hài lòng của người dân, tổ chức' }).waitFor();
      await visit(page, `/app/khao-sat-hai-long?nam=${year}`);
      await page.getByText(`Năm ${year} chưa có phiếu khảo sát.`).waitFor();
      const units = page.getByRole('group', { name: 'Đơn vị được khảo sát (sở, ngành, UBND cấp huyện)' });
      await units.getByLabel(h01.name, { exact: true }).check();
      await units.getByLabel(h02.name, { exact: true }).check();
      // a question without a code is refused at its field, then fixed
      await page.getByLabel('Mã câu 2', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Lưu phiếu khảo sát' }).click();
      await page.locator('#sp-q1-code-error').getByText('Mã câu hỏi gồm 1–16 chữ cái, chữ số, dấu chấm hoặc gạch.').waitFor();
      await page.getByLabel('Mã câu 2', { exact: true }).fill('B1');
      await page.getByRole('button', { name: 'Lưu phiếu khảo sát' }).click();
      await waitForText(page.getByTestId('sp-status'), /^Đang soạn thảo$/);
      await page.getByRole('heading', { level: 3, name: 'Công chức trực tiếp giải quyết công việc' }).waitFor();
      await page.getByRole('button', { name: 'Mở khảo sát' }).click();
      await waitForText(page.getByTestId('sp-status'), /^Đang khảo sát$/);

      const issue = page.locator('form', { has: page.getByRole('heading', { name: 'Phát đường dẫn khảo sát dùng một lần' }) });
      await issue.getByLabel('Đơn vị').selectOption(String(h01.id));
      await issue.getByLabel('Số đường dẫn (1–200)').fill('1');
      await issue.getByRole('button', { name: 'Phát đường dẫn' }).click();
      const box = issue.getByLabel('Đường dẫn mới');
      await page.waitForFunction(() => /\/khao-sat\/[A-Za-z0-9_-]{20,}/.test(document.getElementById('sp-new-links')?.value || ''));
      link = new URL((await box.inputValue()).trim()).pathname;
      assert.match(link, /^\/khao-sat\/[A-Za-z0-9_-]{20,}$/);
      noErrors(page, [
        [404, `/api/v1/sipas/${year}/survey`],
        [422, `/api/v1/sipas/${year}/survey`],
      ]);
    } finally {
      await page.closeAll();
    }

    // the citizen answers by the link, once: 5, 4, 2, (none), 3
    page = await newPage(browser);
    try {
      await visit(page, link);
      await page.getByText(h01.name, { exact: true }).waitFor();
      const answer = async (q, label) => page.getByRole('group', { name: q }).getByLabel(label, { exact: true }).check();
      await answer('A1. Nơi ngồi chờ có đủ chỗ ngồi, tiện nghi', 'Rất hài lòng');
      await answer('B1. Thủ tục hành chính được niêm yết công khai, đầy đủ', 'Hài lòng');
      await answer('C1. Công chức có thái độ giao tiếp lịch sự', 'Không hài lòng');
      await answer('E1. Góp ý, phản ánh được tiếp nhận, trả lời kịp thời', 'Bình thường');
      await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
      await page.getByText('Cảm ơn bạn đã tham gia khảo sát. Câu trả lời của bạn đã được ghi nhận.').waitFor();
      noErrors(page);
      // a second visit: the link is used
      await visit(page, link);
      await page.getByText('Đường dẫn khảo sát không đúng, đã được dùng hoặc cuộc khảo sát đã kết thúc.').waitFor();
    } finally {
      await page.closeAll();
    }

    // a paper form for H02 (4, 4), then closing; the results as computed here
    page = await newPage(browser);
    try {
      await login(page, 'snv.cchc');
      await visit(page, `/app/khao-sat-hai-long?nam=${year}`);
      const paper = page.locator('form', { has: page.getByRole('heading', { name: 'Nhập phiếu khảo sát giấy' }) });
      await paper.getByLabel('Đơn vị được đánh giá trên phiếu').selectOption(String(h02.id));
      await paper.getByRole('group', { name: 'A1. Nơi ngồi chờ có đủ chỗ ngồi, tiện nghi' }).getByLabel('Hài lòng', { exact: true }).check();
      await paper.getByRole('group', { name: 'B1. Thủ tục hành chính được niêm yết công khai, đầy đủ' }).getByLabel('Hài lòng', { exact: true }).check();
      await paper.getByRole('button', { name: 'Ghi nhận phiếu giấy' }).click();
      await page.getByText('Đã ghi nhận 1 phiếu giấy.').waitFor();
      await page.getByRole('button', { name: 'Kết thúc khảo sát' }).click();
      await waitForText(page.getByTestId('sp-status'), /^Đã kết thúc$/);
      // 4 satisfied of 6 answered overall; H01 2 of 4; H02 2 of 2
      await waitForText(page.getByTestId('sp-index'), new RegExp(`^${pctText(400 / 6)}$`));
      await waitForText(page.getByTestId(`sp-unit-${h01.id}`), new RegExp(pctText(50)));
      await waitForText(page.getByTestId(`sp-unit-${h02.id}`), new RegExp(pctText(100)));
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // public results, once closed
    page = await newPage(browser);
    try {
      await visit(page, `/khao-sat-hai-long?nam=${year}`);
      await waitForText(page.getByTestId('sp-index'), new RegExp(`^${pctText(400 / 6)}$`));
      noErrors(page);
    } finally {
      await page.closeAll();
    }

    // the reform index: a system criterion with metric sipas_index picks H01's figure
    const snv = await apiLogin('snv.cchc');
    const tree = [
      { code: '1', name: 'Sự hài lòng của người dân', max: 10 },
      { code: '1.1', name: 'Chỉ số hài lòng SIPAS', max: 10, method: 'ratio', source: 'system', params: { threshold: 100, metric: 'sipas_index' } },
    ];
    const r = await req('PUT', `/api/v1/index/${year}/criteria?kind=district`, { token: snv, body: tree });
    assert.equal(r.status, 200, r.text);
    page = await newPage(browser);
    try {
      await login(page, 'huyen1.daumoi');
      await visit(page, `/app/chi-so-cchc/${year}/${h01.id}`);
      await page.getByText(`${pctText(50)} (2/4)`, { exact: false }).waitFor();
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
