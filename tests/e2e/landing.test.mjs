// The landing page by role (issue 15): a commune officer lands, sees an overdue task at the top
// and opens its update form in one click (and a notification, marked read as it is followed);
// the coordinator's landing shows its queues; a leader sees the headline cards of the last
// complete month (equal to the indicator API's figures) and the link to the full dashboard; the
// administrator sees the system state; the public home shows the month's live figures. At
// 360 px the landing page does not scroll sideways.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage, visit, waitUntil } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const vnDate = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The last complete month as the landing page and the home compute it. */
function lastMonth() {
  let y = Number(TODAY.slice(0, 4));
  let m = Number(TODAY.slice(5, 7)) - 1;
  if (m === 0) {
    y -= 1;
    m = 12;
  }
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}` };
}

describe('landing pages by role', () => {
  let browser;
  const fx = {};
  before(async () => {
    browser = await launch();
    // A published plan with a task for X0101 overdue by a long way: the oldest of its overdue work.
    const vp = await apiLogin('vp.kstt');
    const admin = await apiLogin('admin');
    const units = (await req('GET', '/api/v1/units?per_page=1000', { token: admin })).json.items;
    const U = Object.fromEntries(units.map((u) => [u.code, u]));
    // Earlier runs' tasks leave the queue (done), so that this run's is the oldest again.
    sql(
      "UPDATE assignments a JOIN tasks t ON t.id = a.task_id SET a.status = 'done', a.progress = 100 WHERE t.title LIKE 'Việc quá hạn thử trang làm việc %'",
    );
    // Due in 2001: older than anything the other suites give X0101 (plans of 2022 on), so it is
    // the first row of the commune's overdue queue, oldest first.
    const due = '2001-01-15';
    fx.title = `Việc quá hạn thử trang làm việc ${randomBytes(3).toString('hex')}`;
    const r = await req('POST', '/api/v1/plans/import', {
      token: vp,
      body: {
        title: `Kế hoạch thử trang làm việc ${fx.title.slice(-6)}`,
        year: Number(TODAY.slice(0, 4)),
        unit_id: U.NDH.id,
        sections: [
          {
            number: 'I',
            title: 'Nhiệm vụ thử',
            tasks: [
              {
                number: '1',
                title: fx.title,
                output: null,
                lead: [{ text: U.X0101.name, unit_id: U.X0101.id, group: null }],
                coop: [],
                timeline: { text: `Trước ${vnDate(due)}` },
                children: [],
              },
            ],
          },
        ],
      },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: vp })).status, 200);
  });
  after(async () => {
    await browser?.close();
  });

  test('a commune officer sees the overdue task at the top and opens its update form in one click', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi');
      await visit(page, '/app');
      const first = page.locator('.ws section').first();
      await first.waitFor();
      assert.equal(await first.getAttribute('data-queue'), 'ws-overdue', 'the overdue queue comes first');
      assert.match(await first.getByRole('heading', { level: 2 }).innerText(), /Việc quá hạn/);
      const link = first.getByRole('link', { name: new RegExp(fx.title) });
      await link.waitFor();
      assert.match(await first.locator('.ws-item__link').first().innerText(), new RegExp(fx.title), 'the oldest overdue task is the first row');
      await link.click();
      await page.waitForURL((u) => u.pathname.startsWith('/app/nhiem-vu/') && u.searchParams.has('cap_nhat'));
      const dialog = page.getByRole('dialog', { name: 'Cập nhật tiến độ' });
      await dialog.waitFor();
      assert.ok(await dialog.getByLabel('Tình trạng').isVisible(), 'the update form is open');
      assert.match(await dialog.innerText(), new RegExp(fx.title));
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a notification on the landing page opens its object and is marked read for this user', async () => {
    const token = await apiLogin('xa11.daumoi');
    const before = (await req('GET', '/api/v1/notifications?unread=1&per_page=1', { token })).json.unread;
    assert.ok(before > 0, 'publishing the plan notified the commune');
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi');
      await visit(page, '/app');
      const q = page.locator('[data-queue="ws-notifications"]');
      const link = q.getByRole('link').first();
      await link.waitFor();
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((u) => u.pathname + u.search === href);
      await waitUntil(
        page,
        async () => (await req('GET', '/api/v1/notifications?unread=1&per_page=1', { token })).json.unread === before - 1,
        'the notification read',
      );
    } finally {
      await page.closeAll();
    }
  });

  test('at 360 px the landing page does not scroll sideways', async () => {
    const page = await newPage(browser, { width: 360, height: 740 });
    try {
      await login(page, 'xa11.daumoi');
      await visit(page, '/app');
      await page.locator('.ws section').first().waitFor();
      const { sw, cw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      assert.ok(sw <= cw, `scrollWidth ${sw} > ${cw}`);
    } finally {
      await page.closeAll();
    }
  });

  test("the coordinator's landing shows its queues, each with an accessible heading", async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await visit(page, '/app');
      for (const name of [
        'Phản ánh mới chờ phân loại, chuyển xử lý',
        'Phản ánh đơn vị trả lại',
        'Đơn vị chậm tiến độ nhiệm vụ',
        'Báo cáo định kỳ các đơn vị chưa gửi',
        'Việc quá hạn của đơn vị',
      ]) {
        await page.getByRole('heading', { level: 2, name: new RegExp(name) }).waitFor();
      }
      const w = (await req('GET', '/api/v1/workspace', { token: await apiLogin('vp.kstt') })).json;
      const route = page.locator('[data-queue="ws-route"]');
      if (w.coordinator.feedback_to_route.total) {
        const a = route.getByRole('link').first();
        assert.match(await a.getAttribute('href'), /^\/app\/phan-anh\/\d+$/);
      } else {
        assert.match(await route.innerText(), /Không có phản ánh mới chờ xử lý\./);
      }
      // The units behind, worst first, as the API ranks them.
      if (w.coordinator.behind.items.length) {
        const firstUnit = page.locator('[data-queue="ws-behind"] .ws-item__link').first();
        assert.equal(await firstUnit.innerText(), w.coordinator.behind.items[0].unit.name);
      }
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a leader sees the headline cards of the last complete month and the link to the dashboard', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'lanhdao.tinh');
      await visit(page, '/app');
      const cards = page.locator('.ws-kpi');
      await cards.first().waitFor();
      assert.equal(await cards.count(), 4);
      const m = lastMonth();
      const k = (await req('GET', `/api/v1/kpi/summary?from=${m.from}&to=${m.to}`, { token: await apiLogin('lanhdao.tinh') })).json;
      const received = await page.locator('.ws-kpi[data-key="received"] .ws-kpi__value').innerText();
      assert.equal(received.replace(/\D/g, ''), String(k.received), 'received as the API counts it');
      const rate = await page.locator('.ws-kpi[data-key="ontime_rate"] .ws-kpi__value').innerText();
      if (k.ontime_rate !== null) assert.equal(rate, `${(k.ontime_rate * 100).toFixed(1).replace('.', ',')} %`);
      assert.match(await page.locator('.ws-kpi[data-key="received"] .ws-kpi__delta').innerText(), /so với tháng/);
      const link = page.getByRole('link', { name: 'Xem bảng chỉ số đầy đủ' });
      assert.equal(await link.getAttribute('href'), '/app/chi-so');
      await page.getByRole('heading', { level: 2, name: /Đơn vị chậm tiến độ nhiệm vụ/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: /Phản ánh, kiến nghị quá hạn xử lý/ }).waitFor();
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the administrator sees the system state', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin');
      await visit(page, '/app');
      const sys = page.getByRole('region', { name: 'Tình trạng hệ thống' });
      await sys.waitFor();
      const text = await sys.innerText();
      for (const s of ['Tiến trình xử lý', 'Cơ sở dữ liệu', 'Hộp thư đi', 'Sao lưu gần nhất', 'Tác vụ nền']) assert.ok(text.includes(s), s);
      const w = (await req('GET', '/api/v1/workspace', { token: await apiLogin('admin') })).json;
      assert.ok(text.includes(w.system.database.schema), 'the schema version');
    } finally {
      await page.closeAll();
    }
  });

  test('the public home shows the last complete month\'s live figures', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/');
      const live = page.locator('.service__figures[data-live]');
      await live.waitFor();
      const m = lastMonth();
      const k = (await req('GET', `/api/v1/public/kpi/summary?from=${m.from}&to=${m.to}`)).json;
      const received = await live.locator('[data-key="received"]').innerText();
      assert.equal(received.replace(/\D/g, ''), String(k.received));
      assert.match(await live.innerText(), /đúng hạn/);
      assert.match(await live.innerText(), /trực tuyến/);
      assert.equal(await page.getByText(/sắp ra mắt/i).count(), 0);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });
});
