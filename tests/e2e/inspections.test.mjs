// Inspections in the browser (issue 18, the journey the issue asks for): the coordinator plans an
// inspection of a district, carries it out and records two findings that need action; the district
// sees two follow-ups in its work list, marked with their source, and completes them; closing was
// refused while they were open and now succeeds. Plus the communications page and a dialogue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, pick, visit, waitForText } from '../lib/browser.mjs';

// expected: the 409 of closing while follow-ups are open (and the browser's console line for it)
const noErrors = (page, expected = /^$/) => {
  assert.deepEqual(page.consoleErrors.filter((e) => !expected.test(e)), []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors.filter((e) => !expected.test(e)), []);
};

function vnDate(d) {
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

describe('inspections', () => {
  let browser;
  const tag = String(Date.now()).slice(-6);
  const today = new Date();
  const soon = new Date(today.getTime() + 20 * 86400000);
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the coordinator inspects a district, two findings become its follow-ups, done, then the inspection closes', async () => {
    const vp = await newPage(browser);
    const district = await newPage(browser);
    try {
      // plan
      await login(vp, 'vp.kstt', undefined, { next: '/app/kiem-tra' });
      await vp.getByRole('heading', { level: 1, name: 'Kiểm tra công tác kiểm soát TTHC' }).waitFor();
      await vp.getByRole('button', { name: 'Lập kế hoạch kiểm tra' }).click();
      const plan = vp.locator('section').filter({ has: vp.getByRole('heading', { name: 'Lập kế hoạch kiểm tra' }) });
      await pick(plan, 'Đơn vị được kiểm tra', 'thanh pho nam dinh', /^UBND thành phố Nam Định/);
      await plan.getByLabel('Nội dung kiểm tra').selectOption('public_posting');
      await plan.getByLabel('Ngày dự kiến').fill(vnDate(today));
      await plan.getByRole('button', { name: 'Lập kế hoạch kiểm tra' }).click();
      await vp.getByRole('heading', { level: 1, name: 'Kiểm tra UBND thành phố Nam Định' }).waitFor();
      const inspUrl = new URL(vp.url()).pathname;
      assert.match(inspUrl, /^\/app\/kiem-tra\/\d+$/);
      // carry out: the date, one checklist result
      await vp.getByLabel('Ngày kiểm tra').fill(vnDate(today));
      await vp.getByRole('button', { name: 'Lưu kết quả thực hiện' }).click();
      await vp.getByText('Đã lưu kết quả thực hiện.').waitFor();
      await waitForText(vp.locator('.facts'), /Đã kiểm tra/);
      await vp.getByLabel('Kết quả').first().selectOption('not_compliant');
      await vp.getByRole('button', { name: 'Lưu danh mục kiểm tra' }).click();
      await vp.getByText('Đã lưu danh mục kiểm tra.').waitFor();
      // two findings needing action
      const texts = [`Niêm yết thiếu thủ tục mới (e2e ${tag})`, `Chưa công khai số điện thoại đường dây nóng (e2e ${tag})`];
      for (const t of texts) {
        await vp.getByLabel('Nội dung phát hiện').fill(t);
        await vp.getByLabel('Hạn khắc phục').fill(vnDate(soon));
        await vp.getByRole('button', { name: 'Ghi nhận phát hiện' }).click();
        await vp.getByRole('table', { name: 'Phát hiện' }).getByText(t).waitFor();
      }
      // closing is refused while the follow-ups are open, naming them
      await vp.getByRole('button', { name: 'Kết thúc cuộc kiểm tra' }).click();
      await waitForText(vp.getByRole('alert'), /2 việc khắc phục chưa hoàn thành/);
      await waitForText(vp.getByRole('list', { name: 'Việc khắc phục chưa hoàn thành' }), /UBND thành phố Nam Định[\s\S]*UBND thành phố Nam Định/);

      // the district: two follow-ups in its work list, with their source
      await login(district, 'huyen1.daumoi', undefined, { next: '/app/viec-cua-toi' });
      const list = district.getByRole('region', { name: 'Danh sách việc được giao' });
      for (const t of texts) {
        const row = list.locator('tr').filter({ hasText: t });
        await row.waitFor();
        await waitForText(row, /Kiểm tra: Văn phòng UBND tỉnh/);
      }
      // complete both
      for (const t of texts) {
        const row = list.locator('tr').filter({ hasText: t });
        await row.getByRole('button', { name: /Cập nhật/ }).click();
        const dlg = district.getByRole('dialog');
        await dlg.getByLabel('Tình trạng').selectOption('done');
        await dlg.getByLabel('Nội dung đã thực hiện, vướng mắc').fill('Đã niêm yết bổ sung, có ảnh chụp.');
        await dlg.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
        await district.getByText(/Đã gửi báo cáo tiến độ/).waitFor();
        await list.locator('tr').filter({ hasText: t }).waitFor({ state: 'detached' });
      }

      // the inspection closes
      await visit(vp, inspUrl);
      const table = vp.getByRole('table', { name: 'Phát hiện' });
      await waitForText(table, /Đã hoàn thành[\s\S]*Đã hoàn thành/);
      await vp.getByRole('button', { name: 'Kết thúc cuộc kiểm tra' }).click();
      await vp.getByText('Đã kết thúc cuộc kiểm tra.').waitFor();
      await waitForText(vp.locator('.facts'), /Đã kết thúc/);
      assert.equal(await vp.getByRole('button', { name: 'Ghi nhận phát hiện' }).count(), 0, 'a closed inspection takes no more findings');
      noErrors(district);
      noErrors(vp, /409/);
    } finally {
      await vp.closeAll();
      await district.closeAll();
    }
  });

  test('a district records a dialogue and a commitment; it shows in the work list as a follow-up of the dialogue', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.daumoi', undefined, { next: '/app/truyen-thong' });
      await page.getByRole('heading', { level: 1, name: 'Truyền thông, đối thoại về TTHC' }).waitFor();
      await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).click();
      const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ghi nhận hoạt động' }) });
      await form.getByLabel('Hình thức').selectOption('dialogue');
      await form.getByLabel('Ngày', { exact: true }).fill(vnDate(today));
      await form.getByLabel('Tiêu đề').fill(`Đối thoại với hộ kinh doanh (e2e ${tag})`);
      await form.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Đối thoại với hộ kinh doanh (e2e ${tag})` }).waitFor();
      const answer = `Giải quyết đăng ký hộ kinh doanh trong 2 ngày, e2e ${tag}`;
      await page.getByLabel('Câu hỏi, kiến nghị').fill('Đăng ký hộ kinh doanh còn chậm');
      await page.getByLabel('Nội dung trả lời, cam kết').fill(answer);
      await page.getByLabel('Hạn thực hiện').fill(vnDate(soon));
      await page.getByRole('button', { name: 'Ghi nhận cam kết' }).click();
      await page.getByText(/Đã ghi nhận cam kết/).waitFor();
      await waitForText(page.getByRole('table', { name: 'Cam kết' }), new RegExp(answer));
      // the district itself committed (the default): the work list names the dialogue
      await visit(page, '/app/viec-cua-toi');
      const row = page.getByRole('region', { name: 'Danh sách việc được giao' }).locator('tr').filter({ hasText: answer });
      await waitForText(row, /Đối thoại: UBND thành phố Nam Định/);
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });
});
