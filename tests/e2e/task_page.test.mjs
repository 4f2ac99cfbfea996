// The task page puts the officer's own unit first: its assignment and its updates, with the
// other units folded under their counts (a province task has dozens of assignees).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, waitForCount } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';

describe('task page', () => {
  let browser;
  let taskId;
  let assignees;
  before(async () => {
    browser = await launch();
    // a demo task of the district that its communes share too (a commune sees only its own row;
    // a district sees its communes' rows as well)
    const token = await apiLogin('huyen1.lanhdao');
    const mine = (await req('GET', '/api/v1/assignments?per_page=500', { token })).json.items;
    for (const a of mine) {
      const t = (await req('GET', `/api/v1/tasks/${a.task_id}`, { token })).json;
      if ((t.assignments || []).length >= 5) {
        taskId = a.task_id;
        assignees = t.assignments;
        break;
      }
    }
    assert.ok(taskId, 'a demo task the district shares with its communes');
  });
  after(async () => {
    await browser?.close();
  });

  for (const [width, height] of [[1366, 900], [360, 740]]) {
    test(`a district officer finds the district's own row first (${width} px)`, async () => {
      const page = await newPage(browser, { width, height });
      try {
        await login(page, 'huyen1.lanhdao', undefined, { next: `/app/nhiem-vu/${taskId}` });
        const mineRegion = page.getByRole('region', { name: 'Phần việc của UBND thành phố Nam Định' });
        await mineRegion.waitFor();
        // the first assignment row of the page is the commune's
        const firstRow = page.locator('table tbody tr th[scope="row"]').first();
        assert.match(await firstRow.innerText(), /^UBND thành phố Nam Định/);
        assert.equal(await mineRegion.locator('tbody tr').count(), assignees.filter((a) => a.unit_name === 'UBND thành phố Nam Định').length);
        // the other units are folded, with their count, and open on request
        const others = page.locator('details.others');
        assert.equal(await others.evaluate((d) => d.open), false);
        const n = assignees.filter((a) => a.unit_name !== 'UBND thành phố Nam Định').length;
        assert.match(await others.locator('summary').innerText(), new RegExp(`^Các đơn vị khác: ${n} đơn vị · \\d+ hoàn thành`));
        await others.locator('summary').click();
        const otherRows = page.getByRole('region', { name: 'Các đơn vị khác' }).locator('tbody tr');
        await otherRows.first().waitFor();
        assert.equal(await otherRows.count(), n);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
        assert.deepEqual(page.consoleErrors, []);
      } finally {
        await page.closeAll();
      }
    });
  }

  test('an update on completed work asks for a reason and keeps the completion date', async () => {
    const token = await apiLogin('xa11.daumoi');
    const done = (await req('GET', '/api/v1/assignments?status=done&per_page=100', { token })).json.items.find((a) => a.plan_status === 'published' && a.done_date);
    assert.ok(done, 'the commune has completed work');
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi', undefined, { next: '/app/viec-cua-toi?trang_thai=done' });
      await page.getByRole('button', { name: `Cập nhật tiến độ: ${done.task_title}` }).first().click();
      const dlg = page.getByRole('dialog', { name: 'Cập nhật tiến độ' });
      const [y, m, d] = done.done_date.split('-');
      await dlg.getByText(`Phần việc này đã hoàn thành ngày ${d}/${m}/${y}.`).waitFor();
      await dlg.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
      await dlg.getByText('Hãy nêu lý do cập nhật thêm (ít nhất 5 ký tự).').first().waitFor();
      await dlg.getByLabel('Lý do cập nhật thêm').fill('Bổ sung văn bản chứng minh');
      await dlg.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo tiến độ' }).waitFor();
      const after = (await req('GET', `/api/v1/assignments/${done.id}`, { token })).json;
      assert.equal(after.done_date, done.done_date, 'the completion date did not move');
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a province leader, whose unit has no share, sees every unit unfolded', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'lanhdao.tinh', undefined, { next: `/app/nhiem-vu/${taskId}` });
      const all = page.getByRole('region', { name: 'Đơn vị thực hiện' });
      await all.locator('tbody tr').first().waitFor();
      const token = await apiLogin('lanhdao.tinh');
      const everyone = (await req('GET', `/api/v1/tasks/${taskId}`, { token })).json.assignments;
      assert.ok(everyone.every((a) => a.unit_name !== 'UBND tỉnh Nam Định'));
      await waitForCount(all.locator('tbody tr'), everyone.length);
      assert.equal(await page.locator('details.others').count(), 0);
    } finally {
      await page.closeAll();
    }
  });
});
