// Registries in the browser (issue 18): a district leader finds a commune without a focal officer,
// appoints one of its officers (the unit leaves the vacancy list), then ends the appointment (it
// comes back); and adds a training course with two attendees, whose page lists them with their unit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitForCount, waitForText } from '../lib/browser.mjs';
import { req, login as apiLogin, unitByCode } from '../lib/api.mjs';

const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors, []);
};
const rand = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e5).toString(36)}`;
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function newUser(admin, unitId, fullName) {
  const r = await req('POST', '/api/v1/users', { token: admin, body: { username: `e2e.reg.${rand()}`, full_name: fullName, unit_id: unitId, role: 'officer', password: `Reg@${rand()}Aa1` } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** In a Combobox inside scope: type, then choose the option whose name starts with `name`. */
async function choose(scope, label, typed, name) {
  await scope.getByRole('combobox', { name: label }).fill(typed);
  await scope.getByRole('listbox', { name: label }).getByRole('option', { name: new RegExp(`^${esc(name)}`) }).first().click();
}

describe('registries', () => {
  let browser, admin, H01, X0101;
  before(async () => {
    browser = await launch();
    admin = await apiLogin('admin');
    H01 = await unitByCode('H01');
    X0101 = await unitByCode('X0101');
  });
  after(async () => {
    await browser?.close();
  });

  test('appoint a focal officer to a vacant commune, then end the appointment', async () => {
    // a commune of its own (the demo appoints most): vacant until the leader appoints someone
    const tag = rand();
    const c = await req('POST', '/api/v1/units', { token: admin, body: { code: `E${tag}`.slice(0, 20), name: `Xã Đầu Mối ${tag}`, level: 'commune', parent_id: H01.id } });
    assert.equal(c.status, 201, c.text);
    const unit = { unit_id: c.json.id, unit_name: c.json.name };
    const officer = await newUser(admin, unit.unit_id, `Đầu Mối ${rand()}`);
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.lanhdao');
      await page.getByRole('navigation', { name: 'Menu chức năng' }).getByRole('link', { name: 'Sổ theo dõi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sổ theo dõi kiểm soát TTHC' }).waitFor();
      await page.locator('#focal-filter-unit').selectOption(String(unit.unit_id));
      await page.getByLabel('Chỉ các đơn vị chưa có cán bộ đầu mối').check();
      await page.waitForURL((u) => u.searchParams.get('trong') === '1' && u.searchParams.get('don_vi') === String(unit.unit_id));
      const vacant = page.getByRole('region', { name: 'Đơn vị chưa có cán bộ đầu mối' });
      await vacant.getByRole('cell', { name: unit.unit_name, exact: true }).waitFor();

      const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cử cán bộ đầu mối' }) });
      await choose(form, 'Đơn vị', unit.unit_name, unit.unit_name);
      await form.getByLabel('Cán bộ', { exact: true }).selectOption({ label: `${officer.full_name} (${officer.username})` });
      await form.getByLabel('Số quyết định cử').fill('15/QĐ-UBND');
      await form.getByLabel('Ngày quyết định').fill('01/03/2024');
      await form.getByRole('button', { name: 'Cử cán bộ đầu mối' }).click();
      await page.getByText(`Đã cử ${officer.full_name} làm cán bộ đầu mối của ${unit.unit_name}.`).waitFor();

      // the appointment in the unit's list, and the unit has left the vacancy list
      await visit(page, `/app/so-theo-doi?don_vi=${unit.unit_id}`);
      const current = page.getByRole('region', { name: 'Cán bộ đầu mối đang làm nhiệm vụ' });
      const row = current.getByRole('row').filter({ hasText: officer.full_name });
      await row.getByText('15/QĐ-UBND').waitFor();
      await visit(page, `/app/so-theo-doi?don_vi=${unit.unit_id}&trong=1`);
      await page.getByTestId('focal-total').filter({ hasText: /^0 đơn vị chưa có/ }).waitFor();

      // ending it: the unit is vacant again
      await visit(page, `/app/so-theo-doi?don_vi=${unit.unit_id}`);
      await page.getByRole('button', { name: `Kết thúc cử ${officer.full_name}` }).click();
      const dlg = page.getByRole('dialog');
      await dlg.getByLabel('Lý do').fill('Chuyển công tác');
      await dlg.getByRole('button', { name: 'Kết thúc', exact: true }).click();
      await page.getByText(`Đã kết thúc việc cử ${officer.full_name}.`).waitFor();
      await waitForCount(current.getByRole('row').filter({ hasText: officer.full_name }), 0);
      await visit(page, `/app/so-theo-doi?don_vi=${unit.unit_id}&trong=1`);
      await page.getByRole('region', { name: 'Đơn vị chưa có cán bộ đầu mối' }).getByRole('cell', { name: unit.unit_name, exact: true }).waitFor();
      noErrors(page);
    } finally {
      await page.close();
    }
  });

  test('add a training course with two attendees; its page lists them with their unit', async () => {
    const tag = rand();
    const a1 = await newUser(admin, X0101.id, `Học Viên Một ${tag}`);
    const a2 = await newUser(admin, X0101.id, `Học Viên Hai ${tag}`);
    const topic = `Tập huấn kiểm soát TTHC ${tag}`;
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.lanhdao');
      await visit(page, '/app/so-theo-doi');
      await page.getByRole('navigation', { name: 'Các sổ theo dõi' }).getByRole('link', { name: 'Tập huấn, bồi dưỡng' }).click();
      const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Thêm khóa tập huấn' }) });
      await choose(form, 'Đơn vị tổ chức', H01.name, H01.name);
      await form.getByLabel('Nội dung tập huấn').fill(topic);
      await form.getByLabel('Tổ chức trực tuyến').check();
      await choose(form, 'Chọn người của đơn vị', X0101.name, X0101.name);
      await form.getByLabel(`${a1.full_name} (${a1.username})`).check();
      await form.getByLabel(`${a2.full_name} (${a2.username})`).check();
      await form.getByRole('list', { name: 'Người đã chọn' }).getByRole('listitem').nth(1).waitFor();
      await form.getByRole('button', { name: 'Lưu khóa tập huấn' }).click();

      await page.getByRole('heading', { level: 1, name: topic }).waitFor();
      const people = page.getByRole('region', { name: 'Người tham dự' });
      for (const a of [a1, a2]) {
        await people.getByRole('row').filter({ hasText: a.full_name }).getByRole('cell', { name: X0101.name, exact: true }).waitFor();
      }
      await waitForCount(people.getByRole('row'), 3); // the header and two attendees

      // the course in the year's list; the two attendees are not among the untrained
      await page.getByRole('link', { name: '← Tập huấn, bồi dưỡng' }).click();
      await page.getByRole('link', { name: topic }).waitFor();
      const untrained = page.locator('section').filter({ has: page.getByRole('heading', { name: /^Cán bộ chưa được tập huấn/ }) });
      await choose(untrained, 'Đơn vị', X0101.name, X0101.name);
      const region = untrained.getByRole('region', { name: /^Cán bộ chưa được tập huấn/ });
      await region.waitFor();
      await waitForCount(region.getByRole('row').filter({ hasText: tag }), 0);
      noErrors(page);
    } finally {
      await page.close();
    }
  });

  test('record a budget line of a commune, see the totals, void it; the Provincial Office adds a category', async () => {
    const tag = rand();
    const year = new Date().getFullYear();
    const vnd = (n) => new Intl.NumberFormat('vi-VN').format(n);
    const page = await newPage(browser);
    try {
      await login(page, 'huyen1.lanhdao');
      await visit(page, `/app/so-theo-doi/kinh-phi?don_vi=${X0101.id}&nam=${year}`);
      await page.getByRole('heading', { level: 2, name: `${X0101.name} — năm ${year}` }).waitFor();
      const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ghi khoản kinh phí' }) });
      await form.getByLabel('Nội dung chi (Thông tư 167)').selectOption({ label: 'Tập huấn, bồi dưỡng nghiệp vụ kiểm soát thủ tục hành chính' });
      await form.getByLabel('Loại').selectOption('spending');
      await form.getByLabel('Số tiền (đồng)').fill('1.234.567');
      await form.getByLabel('Ghi chú').fill(`Chi hội nghị ${tag}`);
      await form.getByRole('button', { name: 'Ghi khoản kinh phí' }).click();
      await page.getByText('Đã ghi khoản kinh phí.').waitFor();
      const lines = page.getByRole('region', { name: 'Các khoản đã ghi' });
      const row = lines.getByRole('row').filter({ hasText: tag });
      await row.getByText('1.234.567', { exact: true }).waitFor();
      // the totals shown are the server's, exact to the đồng
      const api = (await req('GET', `/api/v1/budget?unit_id=${X0101.id}&year=${year}&per_page=1`, { token: await apiLogin('huyen1.lanhdao') })).json.totals;
      await waitForText(page.getByTestId('budget-spending'), new RegExp(`^${esc(vnd(api.spending))} đồng$`));
      await row.getByRole('button', { name: 'Hủy khoản 1.234.567 đồng' }).click();
      await page.getByText('Đã hủy khoản kinh phí (vẫn lưu trong nhật ký).').waitFor();
      await waitForCount(row, 0); // a voided line leaves the list and the totals
      await waitForText(page.getByTestId('budget-spending'), new RegExp(`^${esc(vnd(api.spending - 1234567))} đồng$`));
      noErrors(page);
    } finally {
      await page.close();
    }
    const vp = await newPage(browser);
    try {
      await login(vp, 'vp.kstt');
      await visit(vp, '/app/so-theo-doi/kinh-phi');
      const cats = vp.locator('section').filter({ has: vp.getByRole('heading', { name: /^Danh mục nội dung chi/ }) });
      const code = `E2E-${tag}`.slice(0, 30);
      await cats.getByLabel('Mã', { exact: true }).fill(code);
      await cats.getByLabel('Tên nội dung chi').fill(`Nội dung chi thử ${tag}`);
      await cats.getByRole('button', { name: 'Thêm nội dung chi' }).click();
      await vp.getByText(`Đã thêm nội dung chi ${code}.`).waitFor();
      const crow = cats.getByRole('row').filter({ hasText: code });
      await crow.getByRole('button', { name: `Ngừng dùng ${code}` }).click();
      await crow.getByText('Ngừng dùng', { exact: true }).first().waitFor();
      await crow.getByRole('button', { name: `Dùng lại ${code}` }).waitFor();
      noErrors(vp);
    } finally {
      await vp.close();
    }
  });
});
