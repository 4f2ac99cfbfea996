// The review journey in the browser (issue 17): a commune opens its review task, fills the form a
// row per component and submits it; the Provincial Office, told by a notification, accepts it; the
// accepted change is adopted by a decision, whose page shows the compliance cost it saves (the
// procedure's cost sheet, computed by the server).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';
import { newProcedure, publish, reviewPlan, setTargets } from '../api/review.lib.mjs';

const COMPONENTS = ['name', 'steps', 'way', 'dossier', 'time_limit', 'subjects', 'agency', 'fee', 'form', 'requirements', 'result'];
const dots = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors, []);
};

describe('review of procedures', () => {
  let browser;
  let proc;
  let task;
  let cost;
  before(async () => {
    browser = await launch();
    const admin = await apiLogin('admin');
    const [province, commune] = [await unitByCode('NDH'), await unitByCode('X0101')];
    proc = await newProcedure(admin);
    const { plan, tasks } = await reviewPlan(admin, province.id, [commune.id]);
    task = tasks[commune.id];
    const t = await setTargets(admin, task.id, { procedure_ids: [proc.id] });
    assert.equal(t.status, 200, t.text);
    await publish(admin, plan.id);
    // The procedure's cost sheet of 2025, before and after the simplification.
    const sheet = (hours, money) => ({ activities: [{ name: 'Chuẩn bị, nộp hồ sơ và nhận kết quả', hours, money }], frequency: 1, subjects: 1500 });
    const c = await req('PUT', `/api/v1/procedures/${proc.id}/cost`, { token: admin, body: { year: 2025, before: sheet(6.5, 120000), after: sheet(2, 30000) } });
    assert.equal(c.status, 200, c.text);
    cost = c.json;
    assert.ok(cost.saving > 0);
  });
  after(async () => {
    await browser?.close();
  });

  test('from the review task to a submitted form, accepted, adopted by a decision showing its saving', async () => {
    const unitPage = await newPage(browser);
    let formId;
    try {
      await login(unitPage, 'xa11.daumoi');
      await visit(unitPage, `/app/nhiem-vu/${task.id}`);
      await unitPage.locator('#main').getByRole('link', { name: '1 phiếu' }).click();
      await unitPage.waitForURL((u) => u.pathname === '/app/ra-soat');
      await unitPage.getByRole('link', { name: new RegExp(esc(proc.code)) }).click();
      await unitPage.waitForURL((u) => /^\/app\/ra-soat\/phieu\/\d+$/.test(u.pathname));
      formId = Number(new URL(unitPage.url()).pathname.split('/').pop());
      await unitPage.getByRole('heading', { level: 1, name: new RegExp(esc(proc.code)) }).waitFor();
      // a row per component: necessary, reasonable, lawful; the fee is abolished with a reason
      for (const k of COMPONENTS) {
        if (k === 'fee') {
          await unitPage.locator('#rv-fee-lawful').check();
          await unitPage.locator('#rv-fee-reason').fill('Lệ phí trùng với phí đã thu ở khâu trước.');
          await unitPage.locator('#rv-fee-proposal').selectOption('abolish');
          await unitPage.locator('#rv-fee-change').fill('Bãi bỏ lệ phí cấp bản sao.');
          continue;
        }
        for (const a of ['necessary', 'reasonable', 'lawful']) await unitPage.locator(`#rv-${k}-${a}`).check();
        await unitPage.locator(`#rv-${k}-proposal`).selectOption('keep');
      }
      await unitPage.locator('#rv-proposal').selectOption('simplify');
      await unitPage.locator('#rv-change').fill('Bãi bỏ lệ phí; rút thời hạn giải quyết còn 3 ngày làm việc.');
      await unitPage.getByRole('button', { name: 'Gửi phiếu' }).click();
      await unitPage.getByText('Đã gửi phiếu cho Văn phòng UBND tỉnh.').waitFor();
      await waitForText(unitPage.locator('.facts'), /Đã gửi/);
      assert.equal(await unitPage.getByRole('button', { name: 'Gửi phiếu' }).count(), 0, 'a submitted form is locked');
      noErrors(unitPage);
    } finally {
      await unitPage.closeAll();
    }

    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      // the notification leads to the form
      await visit(page, '/app/thong-bao');
      await page.getByRole('link', { name: new RegExp(`gửi phiếu rà soát: ${esc(proc.name)}`) }).first().click();
      await page.waitForURL((u) => u.pathname === `/app/ra-soat/phieu/${formId}`);
      await page.getByRole('button', { name: 'Tiếp nhận phiếu' }).click();
      await page.getByText('Đã tiếp nhận phiếu.').waitFor();
      const form = (await req('GET', `/api/v1/review/forms/${formId}`, { token: await apiLogin('vp.kstt') })).json;
      assert.equal(form.status, 'accepted');
      assert.ok(form.proposal_id > 0);
      // the proposal, chosen for a decision
      await page.getByRole('link', { name: `Số ${form.proposal_id}` }).click();
      await page.waitForURL((u) => u.pathname === '/app/ra-soat/phuong-an');
      await page.getByLabel(`Chọn phương án ${form.proposal_id}`, { exact: true }).check();
      const number = `${String(Date.now()).slice(-6)}/QĐ-UBND`;
      await page.getByLabel('Số quyết định').fill(number);
      await page.getByLabel('Ngày quyết định').fill('20/11/2025');
      await page.getByRole('button', { name: 'Ghi quyết định' }).click();
      await page.waitForURL((u) => /^\/app\/ra-soat\/quyet-dinh\/\d+$/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name: `Quyết định ${number}` }).waitFor();
      await waitForText(page.getByRole('table', { name: 'Phương án được phê duyệt' }), new RegExp(`${esc(proc.code)}[\\s\\S]*Đơn giản hóa`));
      // the saving of the decision: the server's figure for the procedure's 2025 sheet
      await waitForText(page.getByTestId('decision-saving-total'), new RegExp(`^${esc(dots(cost.saving))} đồng \\(`));
      await waitForText(page.getByTestId('decision-saving-procedures'), /^1$/);
      // and the per-procedure list of that decision
      await page.getByRole('link', { name: 'Chi phí của từng thủ tục →' }).click();
      await page.waitForURL((u) => u.pathname === '/app/chi-phi-tuan-thu' && u.searchParams.get('quyet_dinh') !== null);
      await waitForText(page.getByTestId('totals-procedures'), /^1 \/ 1 bảng chi phí$/);
      await waitForText(page.getByRole('table', { name: /Chi phí tuân thủ năm 2025 theo thủ tục/ }), new RegExp(`${esc(proc.code)}[\\s\\S]*${esc(dots(cost.saving))}`));
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
