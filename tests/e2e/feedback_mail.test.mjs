// The public form's mail confirmation (issue 11, item 6): the sender asks for a code, types the
// six digits from the mail, and the receipt goes to that address; the receipt page says so. The
// test stack keeps mail in mail_outbox (a closed SMTP port), where the code is read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, newPage, visit } from '../lib/browser.mjs';
import { sql } from '../lib/kpi-ref.mjs';

const SLOW = { timeout: 60000 };
const m = randomBytes(4).toString('hex');
const email = `xacnhan.e2e.${m}@example.vn`;
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const mails = () => sql(`SELECT subject, body FROM mail_outbox WHERE recipient = '${email}' ORDER BY id`);

test('a code confirms the address; the receipt is mailed there and the page says so', SLOW, async () => {
  const page = await newPage(browser);
  try {
    await visit(page, '/phan-anh');
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await page.getByLabel('Họ và tên', { exact: true }).fill(`Trần Thị Thư ${m}`);
    await page.getByLabel('Số điện thoại').fill(`09${String(parseInt(m, 16) % 100000000).padStart(8, '0')}`);
    await page.getByLabel('Địa chỉ liên hệ').fill(`Xóm ${m}, xã Nam Phong`);
    await page.getByLabel('Thư điện tử').fill(email);
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByText('Đã gửi mã tới địa chỉ thư điện tử trên').waitFor({ timeout: 40000 });
    const sent = mails();
    assert.equal(sent.length, 1);
    const code = sent[0][1].match(/là: (\d{6})/)[1];
    await page.getByLabel(/Mã xác nhận/).fill(code);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByLabel('Loại phản ánh, kiến nghị').selectOption('2');
    await page.getByLabel('Tiêu đề', { exact: true }).fill(`Thử xác nhận thư ${m}`);
    await page.getByLabel('Nội dung', { exact: true }).fill(`Nội dung thử xác nhận địa chỉ thư ${m}.`);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByLabel(/Tôi cam kết/).check();
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh, kiến nghị' }).waitFor({ timeout: 40000 });
    const tracking = (await page.getByTestId('tracking-code').innerText()).trim();
    await page.getByText(/Thư xác nhận kèm mã tra cứu đã được gửi/).waitFor();
    const after2 = mails();
    assert.equal(after2.length, 2, 'the code, then the receipt');
    assert.match(after2[1][0], /Xác nhận đã nhận phản ánh/);
    assert.ok(after2[1][1].includes(tracking));
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.close();
  }
});
