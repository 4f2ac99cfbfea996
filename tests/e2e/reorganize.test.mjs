// The reorganisation of units (Quản trị › Tổ chức lại đơn vị, issue 20): the administrator picks a
// commune to merge into another and a district to retire, previews (the changes, the commune left
// in place moved automatically, nothing saved), then confirms; the API shows the merged commune
// ended with its successor. A district leader has no menu entry and is refused at the address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';

const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });
const LABEL = 'Tổ chức lại đơn vị';
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const units = {};

async function choose(page, label, name) {
  await page.getByRole('combobox', { name: label }).fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).first().click();
}

describe('reorganisation of units', () => {
  let browser;
  let admin;
  before(async () => {
    browser = await launch();
    admin = await apiLogin('admin');
    const province = await unitByCode('NDH');
    const make = async (key, name, level, parent_id) => {
      const r = await req('POST', '/api/v1/units', { token: admin, body: { code: `E${key}${RUN}`, name: `${name} ${RUN}`, level, parent_id, valid_from: '2020-01-01' } });
      assert.equal(r.status, 201, r.text);
      units[key] = r.json;
    };
    await make('D', 'Huyện Giao Diện', 'district', province.id);
    await make('A', 'Xã Giao Diện An', 'commune', units.D.id);
    await make('B', 'Xã Giao Diện Bình', 'commune', units.D.id);
  });
  after(async () => {
    await browser?.close();
  });

  test('the administrator previews and confirms a merge and a retirement', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin');
      await menu(page).getByRole('link', { name: LABEL }).click();
      await page.waitForURL((u) => u.pathname === '/app/to-chuc-lai');
      await page.getByRole('heading', { level: 1, name: LABEL }).waitFor();
      await page.getByLabel('Ngày có hiệu lực').fill('01/07/2025');
      await choose(page, 'Đơn vị bị sáp nhập', units.A.name);
      await page.getByRole('button', { name: 'Thêm đơn vị bị sáp nhập' }).click();
      await choose(page, 'Đơn vị tiếp nhận', units.B.name);
      await page.getByRole('button', { name: 'Thêm vào danh sách sáp nhập' }).click();
      await choose(page, 'Đơn vị giải thể', units.D.name);
      await page.getByRole('button', { name: 'Thêm vào danh sách giải thể' }).click();
      const request = page.getByRole('region', { name: 'Các thay đổi sẽ gửi' });
      await request.getByRole('row').filter({ hasText: 'Giải thể' }).waitFor();

      await page.getByRole('button', { name: 'Xem trước' }).click();
      const changes = page.getByRole('region', { name: 'Xem trước: các thay đổi (chưa lưu)' });
      // the receiving commune stays where the district was: it follows the district's successor
      const auto = changes.getByRole('row').filter({ hasText: 'Tự động' });
      await auto.waitFor();
      assert.match(await auto.innerText(), new RegExp(`Chuyển đơn vị cấp trên[\\s\\S]*${units.B.name}`));
      assert.match(await changes.getByRole('row').filter({ hasText: 'Sáp nhập' }).innerText(), new RegExp(`${units.A.name}[\\s\\S]*${units.B.name}`));
      let a = await req('GET', `/api/v1/units/${units.A.id}`, { token: admin });
      assert.equal(a.json.valid_to, null, 'the preview saved nothing');

      await page.getByRole('button', { name: 'Xác nhận tổ chức lại' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã tổ chức lại đơn vị từ ngày 01/07/2025' }).waitFor();
      await page.getByRole('region', { name: 'Các thay đổi đã thực hiện' }).waitFor();
      a = await req('GET', `/api/v1/units/${units.A.id}`, { token: admin });
      assert.equal(a.json.valid_to, '2025-06-30');
      assert.equal(a.json.successor_id, units.B.id);
    } finally {
      await page.close();
    }
  });

  test('a district leader has no entry and is refused at the address', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.lanhdao');
      await menu(page).getByRole('link', { name: 'Tài khoản của tôi' }).waitFor();
      assert.equal(await menu(page).getByRole('link', { name: LABEL }).count(), 0);
      await visit(page, '/app/to-chuc-lai');
      await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
    } finally {
      await page.close();
    }
  });
});
