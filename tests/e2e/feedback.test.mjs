// Citizen feedback, the whole journey in the browser: a citizen fills the public form (the proof
// of work is solved by the page), gets a tracking code and tracks it; the coordinator classifies
// and forwards it to a commune; the commune takes it, drafts and submits the answer; the
// coordinator publishes it; the citizen sees the answer and rates it; the answer is listed among
// the published ones without the sender's personal data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage, visit, pick, waitForText } from '../lib/browser.mjs';
import { unitByCode } from '../lib/api.mjs';

const SLOW = { timeout: 45000 };
const m = randomBytes(4).toString('hex');
const citizen = {
  name: `Phạm Thị Công Dân ${m}`,
  // A number of its own: the per-number ceiling on public submissions counts by number.
  phone: `09${String(parseInt(m, 16) % 100000000).padStart(8, '0')}`,
  address: `Xóm ${m}, xã Nam Phong, TP Nam Định`,
  email: `congdan.${m}@example.vn`,
  title: `Phường yêu cầu giấy xác nhận cư trú không cần thiết ${m}`,
  content: `Khi đăng ký khai sinh cho con, cán bộ phường yêu cầu tôi nộp giấy xác nhận cư trú dù đã có căn cước. Mã thử ${m}.`,
};
const ANSWER = `UBND phường Vị Xuyên đã chấn chỉnh, không yêu cầu giấy xác nhận cư trú khi người dân xuất trình căn cước (${m}).`;

describe('feedback journey', () => {
  let browser;
  let code;
  let itemPath;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a citizen submits the form and gets a tracking code', SLOW, async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/');
      await page.getByRole('link', { name: /Gửi phản ánh, kiến nghị/ }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
      // What happens next, with the time limits of the rule set.
      const main = page.getByRole('main');
      await main.getByRole('heading', { name: 'Sau khi gửi' }).waitFor();
      assert.match(await main.innerText(), /15 ngày làm việc/);
      // The form is in steps (issue 16); continuing with nothing filled lists what is missing.
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('alert').getByRole('link', { name: 'Nhập họ và tên.' }).waitFor();
      await page.getByLabel('Họ và tên', { exact: true }).fill(citizen.name);
      await page.getByLabel('Số điện thoại').fill(citizen.phone);
      await page.getByLabel('Địa chỉ liên hệ').fill(citizen.address);
      await page.getByLabel('Thư điện tử').fill(citizen.email);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByLabel('Loại phản ánh, kiến nghị').selectOption('1');
      await page.getByLabel('Tiêu đề', { exact: true }).fill(citizen.title);
      await page.getByLabel('Nội dung', { exact: true }).fill(citizen.content);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.locator('#fb-attachments').setInputFiles({
        name: 'giay-hen.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'),
      });
      await page.getByRole('button', { name: 'Bỏ tệp giay-hen.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      // The honeypot is off-screen for people (it sits on the last step).
      const hp = await page.locator('#fb-website').boundingBox();
      assert.ok(!hp || hp.x < 0, 'honeypot off-screen');
      assert.equal(await page.locator('#fb-website').getAttribute('style'), null, 'hidden by a class, not an inline style');
      await page.getByLabel(/Tôi cam kết/).check();
      await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
      await page.getByRole('heading', { name: 'Đã gửi phản ánh, kiến nghị' }).waitFor({ timeout: 40000 });
      code = (await page.getByTestId('tracking-code').innerText()).trim();
      assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      await page.getByRole('button', { name: 'Sao chép mã' }).click();
      await page.getByText(/Đã sao chép mã tra cứu|Ctrl\+C/).waitFor();
      assert.match(await main.innerText(), /Hạn trả lời/);
      // Tracking.
      await page.getByRole('link', { name: 'Theo dõi phản ánh' }).click();
      await page.getByRole('heading', { level: 2, name: citizen.title }).waitFor();
      assert.match(await main.innerText(), /Mới tiếp nhận/);
      assert.match(await main.innerText(), /Đã nhận phản ánh, kiến nghị/);
      assert.ok(!(await main.innerText()).includes(citizen.phone), 'no personal data on the tracking page');
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the coordinator classifies it and forwards it to the commune', SLOW, async () => {
    assert.ok(code, 'submitted');
    const x0101 = await unitByCode('X0101');
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await page.getByRole('navigation', { name: 'Menu chức năng' }).getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
      await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
      await page.getByRole('tab', { name: 'Cần điều phối' }).waitFor();
      await page.getByLabel('Mã tra cứu hoặc tiêu đề').fill(code);
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.getByRole('link', { name: citizen.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: citizen.title }).waitFor();
      itemPath = new URL(page.url()).pathname;
      const main = page.getByRole('main');
      assert.match(await main.innerText(), new RegExp(citizen.phone)); // staff see the sender
      await main.getByRole('link', { name: 'giay-hen.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp nhận, phân loại' }).click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('Lĩnh vực').fill('Hộ tịch');
      await dlg.getByRole('button', { name: 'Tiếp nhận, phân loại' }).click();
      await page.getByText('Đã thực hiện: Tiếp nhận, phân loại.').waitFor();
      await page.getByRole('button', { name: 'Chuyển đơn vị xử lý' }).click();
      // the unit picker: a required choice is checked before sending, then found without diacritics
      await dlg.getByRole('combobox', { name: 'Đơn vị xử lý' }).fill('');
      await dlg.getByRole('combobox', { name: 'Đơn vị xử lý' }).blur();
      await dlg.getByRole('button', { name: 'Chuyển đơn vị xử lý' }).click();
      await dlg.getByText('Hãy chọn đơn vị xử lý.').first().waitFor();
      await pick(dlg, 'Đơn vị xử lý', 'vi xuyen', /^UBND phường Vị Xuyên/);
      assert.equal(await dlg.getByRole('combobox', { name: 'Đơn vị xử lý' }).inputValue(), 'UBND phường Vị Xuyên');
      assert.ok(x0101.id);
      await dlg.getByLabel('Ý kiến chỉ đạo, ghi chú').fill('Đề nghị UBND phường kiểm tra, trả lời.');
      await dlg.getByRole('button', { name: 'Chuyển đơn vị xử lý' }).click();
      await page.getByText('Đã thực hiện: Chuyển đơn vị xử lý.').waitFor();
      assert.match(await main.innerText(), /UBND phường Vị Xuyên/);
      assert.match(await main.innerText(), /Đã chuyển cơ quan xử lý/);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the commune takes it, drafts and submits the answer', SLOW, async () => {
    assert.ok(itemPath, 'forwarded');
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi');
      await visit(page, '/app/phan-anh');
      await page.getByRole('link', { name: citizen.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: citizen.title }).waitFor();
      await page.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
      await page.getByText('Đã thực hiện: Tiếp nhận xử lý.').waitFor();
      await page.getByLabel(/Nội dung trả lời \(được công khai/).fill(ANSWER);
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.getByText('Đã lưu dự thảo trả lời.').waitFor();
      await page.getByRole('button', { name: 'Gửi dự thảo trả lời' }).click();
      const dlg = page.getByRole('dialog');
      assert.equal(await dlg.getByLabel('Nội dung trả lời').inputValue(), ANSWER);
      await dlg.getByRole('button', { name: 'Gửi dự thảo trả lời' }).click();
      await page.getByText('Đã thực hiện: Gửi dự thảo trả lời.').waitFor();
      await waitForText(page.getByRole('main'), /Đã có dự thảo trả lời/);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the coordinator approves and publishes', SLOW, async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, itemPath);
      await page.getByRole('heading', { level: 1, name: citizen.title }).waitFor();
      await page.getByRole('button', { name: 'Duyệt và công khai' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Duyệt và công khai' }).click();
      await page.getByText('Đã thực hiện: Duyệt và công khai.').waitFor();
      const main = page.getByRole('main');
      assert.match(await main.innerText(), /Câu trả lời đã công khai/);
      assert.match(await main.innerText(), /Lịch sử xử lý/);
      assert.match(await main.innerText(), /Đơn vị gửi dự thảo trả lời/);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the citizen sees the answer and rates it; it is public without personal data', SLOW, async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/phan-anh/tra-cuu');
      await page.getByLabel('Mã tra cứu').fill(code.toLowerCase().replace(/-/g, ' '));
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('heading', { level: 3, name: 'Câu trả lời' }).waitFor();
      const main = page.getByRole('main');
      assert.match(await main.innerText(), new RegExp(ANSWER.slice(0, 40)));
      assert.ok(!(await main.innerText()).includes('Trần Thị Hà'), 'no staff name');
      assert.ok(!(await main.innerText()).includes('Đề nghị UBND phường kiểm tra'), 'no internal note');
      await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
      await page.getByText('Cảm ơn bạn đã đánh giá.').waitFor();
      await main.getByText(/Bạn đã đánh giá: Hài lòng/).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Không hài lòng' }).count(), 0, 'rated once');
      // Published answers.
      await visit(page, '/phan-anh/da-tra-loi');
      await page.getByLabel('Từ khóa').fill(m);
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.getByRole('heading', { level: 2, name: citizen.title }).waitFor();
      const text = await main.innerText();
      assert.match(text, new RegExp(ANSWER.slice(0, 40)));
      for (const k of ['name', 'phone', 'address', 'email']) assert.ok(!text.includes(citizen[k]), `no ${k}`);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });
});
