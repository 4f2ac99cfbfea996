// Search and print views (issue 15): the search box in the intranet header leads to the grouped
// results, "Xem thêm" opens one kind, a result opens its page; at 360 px the box fits. Each print
// view (plan, task, feedback) shows the official heading and its rows, is reached by the "In"
// button of its page, and prints without the app's header and buttons.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit, waitUntil } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';

describe('search and print views', () => {
  let browser;
  const fx = {};
  before(async () => {
    const vp = await apiLogin('vp.kstt');
    // The demo's province plan: the published plan with the most tasks (other tests add small ones).
    const plans = await req('GET', '/api/v1/plans?status=published&per_page=200', { token: vp });
    fx.plan = [...plans.json.items].sort((a, b) => b.task_count - a.task_count)[0].id;
    const plan = await req('GET', `/api/v1/plans/${fx.plan}`, { token: vp });
    const tasks = [];
    const walk = (l) => l.forEach((t) => (tasks.push(t.id), walk(t.children || [])));
    plan.json.sections.forEach((s) => walk(s.tasks));
    for (const id of tasks) {
      const t = await req('GET', `/api/v1/tasks/${id}`, { token: vp });
      if ((t.json.updates || []).length) {
        fx.task = id;
        fx.updates = t.json.updates.length;
        fx.assignments = t.json.assignments.length;
        break;
      }
    }
    assert.ok(fx.task, 'a demo task with progress updates');
    const fb = await req('GET', '/api/v1/feedback?box=all&status=published&per_page=1', { token: vp });
    fx.feedback = fb.json.items[0].id;
    const item = await req('GET', `/api/v1/feedback/${fx.feedback}`, { token: vp });
    fx.events = item.json.events.length;
    fx.answer = (item.json.answer_text || '').slice(0, 30);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('header search → grouped results → "Xem thêm" → open a result, by keyboard', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      const box = page.getByRole('search', { name: 'Tìm kiếm' });
      await box.waitFor();
      const input = box.getByRole('searchbox', { name: 'Tìm kiếm' });
      await input.focus();
      await page.keyboard.type('dat dai');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/app/tim-kiem' && u.searchParams.get('q') === 'dat dai');
      await page.getByRole('heading', { level: 1, name: /Kết quả tìm kiếm/ }).waitFor();
      const proc = page.getByRole('region', { name: /^Thủ tục hành chính \(\d+\)$/ });
      await proc.waitFor();
      const total = Number((await proc.getByRole('heading').innerText()).match(/\((\d+)\)/)[1]);
      assert.ok(total > 5, `enough procedures for "xem thêm": ${total}`);
      assert.equal(await proc.getByRole('listitem').count(), 5);
      // The groups a coordinator sees, in order; no unit or user group (no admin page).
      const heads = await page.locator('.search-group__title').allInnerTexts();
      assert.deepEqual(heads.map((h) => h.replace(/ \(\d+\)$/, '')), ['Kế hoạch', 'Nhiệm vụ', 'Thủ tục hành chính', 'Phản ánh, kiến nghị']);
      await proc.getByRole('link', { name: /^Xem thêm/ }).click();
      await page.waitForURL((u) => u.searchParams.get('kind') === 'procedure');
      const alone = page.getByRole('region', { name: /^Thủ tục hành chính/ });
      await waitUntil(page, async () => (await alone.getByRole('listitem').count()) === Math.min(total, 20), 'up to 20 procedures');
      const first = alone.getByRole('listitem').first().getByRole('link');
      const title = (await first.innerText()).trim();
      await first.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => /^\/app\/thu-tuc\/\d+$/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('at 360 px the search box fits the header and the results page does not scroll sideways', async () => {
    const page = await newPage(browser, { width: 360, height: 740 });
    try {
      await login(page, 'xa11.daumoi');
      const input = page.getByRole('searchbox', { name: 'Tìm kiếm' });
      await input.waitFor();
      const b = await input.boundingBox();
      assert.ok(b.x >= 0 && b.x + b.width <= 360, `input inside the viewport: ${JSON.stringify(b)}`);
      await input.fill('ke hoach');
      await input.press('Enter');
      await page.getByRole('region', { name: /^Kế hoạch \(\d+\)$/ }).waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 360, `no horizontal scroll: ${wide}`);
    } finally {
      await page.closeAll();
    }
  });

  const heading = async (page) => {
    await page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').waitFor();
    await page.getByText('Độc lập - Tự do - Hạnh phúc').waitFor();
  };
  const printHidesChrome = async (page) => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.app-header').isVisible(), false, 'no header in print');
    assert.equal(await page.getByRole('button', { name: 'In', exact: true }).isVisible(), false, 'no button in print');
    await page.emulateMedia({ media: 'screen' });
  };

  test('plan print: the "In" button, the heading, sections, tasks and assignees with progress', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, `/app/ke-hoach/${fx.plan}`);
      await page.getByRole('link', { name: 'In', exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/app/ke-hoach/${fx.plan}/in`);
      await heading(page);
      await page.getByText('UBND TỈNH NAM ĐỊNH', { exact: true }).waitFor();
      await page.getByRole('heading', { level: 1, name: /KẾ HOẠCH/ }).waitFor();
      await page.getByText(/Tiến độ chung: \d+%/).waitFor();
      assert.ok((await page.locator('.print-section h2').count()) > 0, 'sections');
      assert.ok((await page.locator('.print-task').count()) > 0, 'tasks');
      assert.ok((await page.locator('.print-table--assignments tbody tr').count()) > 0, 'assignment rows');
      assert.match(await page.locator('.print-table--assignments tbody tr').first().innerText(), /\d+%/);
      await printHidesChrome(page);
    } finally {
      await page.closeAll();
    }
  });

  test('task print: assignments and every update', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, `/app/nhiem-vu/${fx.task}`);
      await page.getByRole('link', { name: 'In', exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/app/nhiem-vu/${fx.task}/in`);
      await heading(page);
      await page.getByRole('heading', { level: 1, name: /TÌNH HÌNH THỰC HIỆN NHIỆM VỤ/ }).waitFor();
      const tables = page.locator('table.print-table');
      await waitUntil(page, async () => (await tables.count()) === 2, 'two tables');
      assert.equal(await tables.nth(0).locator('tbody tr').count(), fx.assignments);
      assert.equal(await tables.nth(1).locator('tbody tr').count(), fx.updates);
      await printHidesChrome(page);
    } finally {
      await page.closeAll();
    }
  });

  test('feedback print: content, handling history and answer', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, `/app/phan-anh/${fx.feedback}`);
      await page.getByRole('link', { name: 'In', exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/app/phan-anh/${fx.feedback}/in`);
      await heading(page);
      await page.getByRole('heading', { level: 1, name: /PHIẾU THEO DÕI XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ/ }).waitFor();
      await page.getByRole('heading', { name: 'II. QUÁ TRÌNH XỬ LÝ' }).waitFor();
      assert.equal(await page.locator('table.print-table tbody tr').count(), fx.events);
      if (fx.answer) await page.getByText(fx.answer, { exact: false }).first().waitFor();
      await printHidesChrome(page);
    } finally {
      await page.closeAll();
    }
  });
});
