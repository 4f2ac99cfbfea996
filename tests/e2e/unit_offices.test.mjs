// Offices (issue 20): the administrator opens a new district in the unit tree, previews its
// standard offices ("Tạo các phòng chuyên môn"), creates them, and finds them in the tree.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { req, login as apiLogin } from '../lib/api.mjs';

describe('standard offices', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the administrator previews and creates the offices of a new district, then edits an office\'s other names', async () => {
    const admin = await apiLogin('admin');
    const ndh = (await req('GET', '/api/v1/units?q=NDH', { token: admin })).json.items.find((u) => u.code === 'NDH');
    const code = `E${randomBytes(3).toString('hex').toUpperCase()}`;
    const made = await req('POST', '/api/v1/units', { token: admin, body: { code, name: `UBND huyện Thử ${code}`, level: 'district', parent_id: ndh.id } });
    assert.equal(made.status, 201, made.text);
    const page = await newPage(browser);
    try {
      await login(page, 'admin');
      await visit(page, '/app/quan-tri/don-vi');
      await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
      await page.getByLabel('Tìm đơn vị').fill(code);
      await page.getByRole('button', { name: `UBND huyện Thử ${code}` }).click();
      await page.getByRole('button', { name: 'Tạo các phòng chuyên môn' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Sẽ tạo 12 phòng').first().waitFor();
      assert.ok(await dialog.getByRole('row').filter({ hasText: `Phòng Tư pháp huyện Thử ${code}` }).isVisible());
      await dialog.getByRole('button', { name: 'Tạo 12 phòng' }).click();
      await page.getByText(`Đã tạo 12 phòng chuyên môn cho UBND huyện Thử ${code}.`).waitFor();
      await page.getByLabel('Tìm đơn vị').fill(`${code}-TP`);
      await page.getByRole('button', { name: `Phòng Tư pháp huyện Thử ${code}` }).click();
      // the names documents use for it: one per line in the form, shown in the unit's facts
      await page.getByRole('button', { name: 'Sửa, chuyển đơn vị' }).click();
      const form = page.getByRole('dialog');
      const aliases = form.getByLabel('Tên gọi khác');
      assert.equal(await aliases.inputValue(), 'Phòng Tư pháp\nPhòng TP');
      await aliases.fill('Phòng Tư pháp\nPhòng TP\n  P. Tư pháp  \n');
      await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByText('Đã lưu thay đổi của đơn vị.').waitFor();
      await page.getByText('Phòng Tư pháp; Phòng TP; P. Tư pháp').waitFor();
      const tp = (await req('GET', `/api/v1/units?q=${code}-TP`, { token: admin })).json.items[0];
      assert.deepEqual(tp.aliases, ['Phòng Tư pháp', 'Phòng TP', 'P. Tư pháp']);
    } finally {
      await page.close();
    }
  });
});
