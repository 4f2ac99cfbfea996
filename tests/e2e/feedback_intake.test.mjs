// Feedback from every channel (issue 20): the coordinator records a letter received earlier,
// is refused with the field's message for a future date, then gets a tracking code; the item
// opens with its channel; the public feedback page shows the contact the admin set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';

const dmy = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const vnNow = () => new Date(Date.now() + 7 * 3600 * 1000);

describe('staff intake', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the coordinator records a letter and gets its tracking code', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, '/app/phan-anh');
      await page.getByRole('link', { name: 'Tiếp nhận phản ánh' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận phản ánh, kiến nghị' }).waitFor();
      await page.getByLabel('Kênh tiếp nhận').selectOption('letter');
      const tomorrow = new Date(vnNow().getTime() + 86400000);
      await page.getByLabel('Ngày nhận').fill(dmy(tomorrow));
      await page.getByLabel('Họ và tên').fill('Trần Văn Thư');
      await page.getByLabel('Loại phản ánh, kiến nghị').selectOption('1');
      await page.getByLabel('Tiêu đề').fill('Thư phản ánh về thời gian cấp giấy phép');
      await page.getByLabel('Nội dung').first().fill('Hồ sơ nộp đã quá hạn nhưng chưa được trả kết quả.');
      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      await page.getByText('Ngày nhận không được sau ngày hôm nay.').first().waitFor();
      const earlier = new Date(vnNow().getTime() - 2 * 86400000);
      await page.getByLabel('Ngày nhận').fill(dmy(earlier));
      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      const done = page.getByTestId('intake-done');
      await done.waitFor();
      const code = (await done.innerText()).match(/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/)[0];
      await done.getByRole('link', { name: 'Mở phản ánh' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thư phản ánh về thời gian cấp giấy phép' }).waitFor();
      assert.match(await page.locator('body').innerText(), new RegExp(code));
      assert.match(await page.locator('body').innerText(), /Tiếp nhận qua thư, văn bản/);
    } finally {
      await page.close();
    }
  });

  test('the public feedback page shows the contact set by the admin', async () => {
    const admin = await apiLogin('admin');
    const body = { hotline: '1900 1234', address: 'Số 1 đường Trần Hưng Đạo, Nam Định', email: 'kstt@namdinh.gov.vn' };
    const r = await req('PUT', '/api/v1/settings/contact', { token: admin, body });
    assert.equal(r.status, 200, r.text);
    const page = await newPage(browser);
    try {
      await visit(page, '/phan-anh/tra-cuu');
      const box = page.getByTestId('public-contact');
      await box.waitFor();
      const text = await box.innerText();
      assert.match(text, /1900 1234/);
      assert.match(text, /kstt@namdinh\.gov\.vn/);
    } finally {
      await page.close();
    }
  });
});
