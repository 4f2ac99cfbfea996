// Leader's journey through the indicator dashboard: open it, change the period, drill down from
// the province to a district, read a chart as a table and export it; the public scoreboard; a
// phone-sized screen. The demo province has dossiers from 2023 to October 2026.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, login, newPage, visit, waitForCount, waitForText } from '../lib/browser.mjs';
import { firstCell } from '../lib/xlsx-read.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';

const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });
const card = (page, key) => page.locator(`.kpi-card[data-key="${key}"] .kpi-card__value`);

describe('indicator dashboard', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a province leader opens the dashboard, changes the period and drills down to a district', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'lanhdao.tinh');
      await menu(page).getByRole('link', { name: 'Chỉ số giải quyết TTHC' }).click();
      await page.getByRole('heading', { level: 1, name: 'Chỉ số giải quyết thủ tục hành chính' }).waitFor();
      await page.locator('.kpi-card[data-key="received"]').waitFor();
      assert.match(await page.locator('.page-lead').innerText(), /UBND tỉnh Nam Định/);

      // the year 2025. "Năm" first shows the current year, whose figures are on screen until the
      // 2025 answer arrives: take the expected figure from the server's answer for 2025 (the
      // page asks for it twice, as the current period and as the one before 2026; either will do)
      // and wait for the card to show it, never for "some number".
      const summary2025 = page.waitForResponse((r) => {
        const u = new URL(r.url());
        return u.pathname.endsWith('/kpi/summary') && !u.searchParams.get('unit_id') && u.searchParams.get('from') === '2025-01-01' && u.searchParams.get('to') === '2025-12-31';
      });
      await page.getByRole('button', { name: 'Năm', exact: true }).click();
      await page.locator('#kpi-year').selectOption('2025');
      await page.waitForURL((u) => u.searchParams.get('kind') === 'year' && u.searchParams.get('y') === '2025');
      await page.getByText('Năm 2025', { exact: false }).first().waitFor();
      const expected2025 = (await (await summary2025).json()).received;
      assert.ok(expected2025 > 0, 'the demo has dossiers in 2025');
      await page.waitForFunction((v) => document.querySelector('.kpi-card[data-key="received"] .kpi-card__value')?.textContent.replace(/\D/g, '') === String(v), expected2025);
      const received2025 = await card(page, 'received').innerText();
      assert.match(await card(page, 'ontime_rate').innerText(), /%/);
      assert.match(await page.locator('.kpi-card[data-key="ontime_rate"] .kpi-card__delta').innerText(), /so với năm 2024|Không so sánh/);
      assert.match(await card(page, 'feedback_ontime').innerText(), /%|—/);

      // a quarter, then back to the year through the history
      await page.getByRole('button', { name: 'Quý', exact: true }).click();
      await page.locator('#kpi-quarter').selectOption('2');
      await page.waitForURL((u) => u.searchParams.get('kind') === 'quarter' && u.searchParams.get('q') === '2');
      await page.getByText('Quý II/2025').first().waitFor();
      await page.goBack();
      await page.goBack();
      await page.waitForURL((u) => u.searchParams.get('kind') === 'year');
      await page.waitForFunction((v) => document.querySelector('.kpi-card[data-key="received"] .kpi-card__value')?.textContent === v, received2025);

      // rank the districts and read the chart as a table
      await page.locator('#kpi-level').selectOption('district');
      await page.waitForURL((u) => u.searchParams.get('level') === 'district');
      const ranking = page.locator('section[aria-labelledby="kpi-ranking-title"]');
      await ranking.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      const row = ranking.getByRole('button', { name: 'Xem chỉ số của UBND thành phố Nam Định' });
      await row.waitFor();
      assert.ok(await ranking.locator('canvas').count(), 'the ranking has a chart');
      assert.ok((await ranking.locator('tbody tr').count()) >= 10);

      // the export is a real .xlsx file
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        ranking.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^xep-hang-score766-2025-01-01-2025-12-31\.xlsx$/);
      const bytes = readFileSync(await download.path());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      // the title row: what, whose, which period, when made
      assert.match(firstCell(bytes), /^Xếp hạng cấp huyện theo .+ — UBND tỉnh Nam Định · Năm 2025 — lập lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);

      // drill down
      await row.click();
      await page.waitForURL((u) => u.searchParams.has('unit') && !u.searchParams.get('level'));
      await page.waitForFunction(() => /UBND thành phố Nam Định/.test(document.querySelector('.page-lead')?.textContent || ''));
      // the table view stays open: the district's communes are listed
      await page.getByRole('button', { name: 'Xem chỉ số của UBND phường Vị Xuyên' }).waitFor();
      assert.equal(await ranking.getByRole('button', { name: 'Xem biểu đồ' }).count(), 1);
      const districtReceived = await card(page, 'received').innerText();
      assert.notEqual(districtReceived, received2025);
      // the late list and the 766 breakdown are there
      await page.getByRole('heading', { name: /Hồ sơ giải quyết quá hạn — UBND thành phố Nam Định/ }).waitFor();
      await page.getByRole('heading', { name: /Điểm Bộ chỉ số 766/ }).waitFor();
      // back up to the province
      await page.getByRole('button', { name: '↑ Lên đơn vị cấp trên' }).click();
      await page.waitForFunction(() => /UBND tỉnh Nam Định/.test(document.querySelector('.page-lead')?.textContent || ''));
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a province specialist uploads a CSV file and sees the progress and the rejected rows', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt', undefined, { next: '/app/chi-so' });
      await page.getByRole('link', { name: 'Nạp dữ liệu hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nạp dữ liệu hồ sơ' }).waitFor();
      const run = Date.now().toString(36);
      const csv = [
        'code;unit_code;channel;received_at;due_at;finished_at;status;fee;paid_online',
        `E2E-${run}-1;X0101;online;2025-03-03T08:00:00+07:00;2025-03-10;2025-03-07T09:00:00+07:00;finished;50000;true`,
        `E2E-${run}-2;X0101;fax;2025-03-03T08:00:00+07:00;;;processing;0;false`,
        `"E2E-${run}-3";H01;"Trực tiếp";2025-03-04T08:00:00+07:00;;;processing;0;false`,
      ].join('\r\n');
      await page.locator('#ingest-file').setInputFiles({ name: 'ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Nạp dữ liệu' }).click();
      await page.getByText('Đã nạp xong tệp.').waitFor();
      assert.equal(await page.locator('#ingest-progress').getAttribute('value'), '3');
      assert.match(await page.locator('.kpi-progress').innerText(), /Thêm mới 2 · cập nhật 0 · bị từ chối 1/);
      const rejected = page.locator('section[aria-labelledby="rejected-title"] tbody tr');
      await waitForCount(rejected, 1);
      assert.match(await rejected.first().innerText(), /3[\s\S]*E2E-.*-2[\s\S]*channel/);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('every card shows its API figure; the default is the last complete month; a month under way says so and compares like with like', async () => {
    const page = await newPage(browser);
    const token = await apiLogin('lanhdao.tinh');
    // Vietnam's today, independently of the page's code
    const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
    const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const [ly, lm] = tm === 1 ? [ty - 1, 12] : [ty, tm - 1];
    const pad = (n) => String(n).padStart(2, '0');
    const pctText = (r) => (r === null ? '—' : `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r * 100)} %`);
    try {
      await login(page, 'lanhdao.tinh', undefined, { next: '/app/chi-so' });
      await page.waitForFunction((t) => document.querySelector('.page-lead')?.textContent.includes(t), `Tháng ${pad(lm)}/${ly}`);
      assert.equal(await page.locator('.kpi-card__partial').count(), 0, 'a complete month has no partial note');

      // each card against the figure the API gives for the year 2025
      await visit(page, '/app/chi-so?kind=year&y=2025');
      const sum = (await req('GET', '/api/v1/kpi/summary?from=2025-01-01&to=2025-12-31', { token })).json;
      const fb = (await req('GET', '/api/v1/feedback/stats?from=2025-01-01&to=2025-12-31', { token })).json;
      const expected = {
        received: new Intl.NumberFormat('vi-VN').format(sum.received),
        online_rate: pctText(sum.online_rate),
        ontime_rate: pctText(sum.ontime_rate),
        digitization_rate: pctText(sum.digitization_rate),
        online_payment_rate: pctText(sum.online_payment_rate),
        satisfaction_rate: pctText(sum.satisfaction_rate),
        feedback_ontime: pctText(fb.on_time_rate),
      };
      await page.waitForFunction((v) => document.querySelector('.kpi-card[data-key="received"] .kpi-card__value')?.textContent === v, expected.received);
      for (const [key, text] of Object.entries(expected)) assert.equal(await card(page, key).innerText(), text, key);

      // the month under way: marked partial, compared with as many days of the month before
      await visit(page, `/app/chi-so?kind=month&y=${ty}&m=${tm}`);
      const note = page.locator('.kpi-card[data-key="received"] .kpi-card__partial');
      await note.waitFor();
      assert.equal(await note.innerText(), `Kỳ chưa kết thúc: số liệu đến hết ngày ${today.slice(8)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
      const delta = page.locator('.kpi-card[data-key="received"] .kpi-card__delta');
      await waitForText(delta, new RegExp(`${Number(today.slice(8))} ngày đầu tháng ${pad(lm)}/${ly}`));
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the most late procedures: the table shows the API page, by procedure and by field; the score shows its band', async () => {
    const page = await newPage(browser);
    const token = await apiLogin('lanhdao.tinh');
    const q = 'from=2025-01-01&to=2025-12-31&per_page=10';
    try {
      const procs = (await req('GET', `/api/v1/kpi/procedures?${q}`, { token })).json;
      const fields = (await req('GET', `/api/v1/kpi/fields?${q}`, { token })).json;
      const sum = (await req('GET', '/api/v1/kpi/summary?from=2025-01-01&to=2025-12-31', { token })).json;
      assert.ok(procs.items.length > 0 && fields.items.length > 0, 'the demo province has late dossiers in 2025');
      await login(page, 'lanhdao.tinh', undefined, { next: '/app/chi-so?kind=year&y=2025' });
      const panel = page.locator('section[aria-labelledby="late-procedures-title"]');
      await panel.getByRole('heading', { name: /Thủ tục trễ hạn nhiều nhất/ }).waitFor();
      const rows = panel.locator('tbody tr');
      await waitForText(rows.first(), new RegExp(procs.items[0].procedure_code.replace(/\./g, '\\.')));
      assert.equal(await rows.count(), procs.items.length);
      const cells = await rows.first().locator('td, th').allInnerTexts();
      assert.equal(cells[4].replace(/\D/g, ''), String(procs.items[0].resolved_late));
      await panel.getByLabel('Nhóm').selectOption('fields');
      await waitForText(rows.first(), new RegExp(fields.items[0].field_name || 'Thủ tục ngoài danh mục'));
      if (sum.score766.band) await waitForText(page.locator('#kpi-score-title'), new RegExp(`xếp loại ${sum.score766.band}`));
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a ranking of the communes shows its top and bottom ten on a 320 px phone, the rest on request; the links are the unit names', async () => {
    const page = await newPage(browser, { width: 320, height: 720 });
    try {
      const all = (await req('GET', '/api/v1/public/kpi/ranking?level=commune&from=2025-01-01&to=2025-12-31&metric=ontime_rate')).json.items;
      assert.ok(all.length > 22, 'the demo has more than 22 communes');
      // sorted by value, best first
      for (let i = 1; i < all.length; i++) assert.ok((all[i - 1].ontime_rate ?? -1) >= (all[i].ontime_rate ?? -1), `sorted at ${i}`);
      await visit(page, '/bang-xep-hang?kind=year&y=2025&level=commune&metric=ontime_rate');
      const panel = page.locator('section[aria-labelledby="sb-ranking-title"]');
      const more = panel.getByRole('button', { name: `Xem tất cả ${new Intl.NumberFormat('vi-VN').format(all.length)} đơn vị` });
      await more.waitFor();
      await panel.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      const rows = panel.locator('tbody tr');
      await waitForCount(rows, 20);
      const names = await rows.locator('td[data-label="Đơn vị"]').allInnerTexts();
      assert.deepEqual(names, [...all.slice(0, 10), ...all.slice(-10)].map((r) => r.unit.name));
      await more.click();
      await waitForCount(rows, all.length);
      let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling at 320 px (${overflow}px)`);

      // the leader's ranking: the drill-down link is the unit's name, its accessible name includes it
      await login(page, 'lanhdao.tinh', undefined, { next: '/app/chi-so?kind=year&y=2025&level=district' });
      const ranking = page.locator('section[aria-labelledby="kpi-ranking-title"]');
      await ranking.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      const link = ranking.locator('tbody tr').first().locator('button.link-button');
      await link.waitFor();
      const visible = (await link.innerText()).trim();
      assert.match(visible, /^UBND /, 'the link shows the unit name, not the rank');
      assert.ok((await link.getAttribute('aria-label')).includes(visible), 'the accessible name includes the visible text');
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling at 320 px on the dashboard (${overflow}px)`);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a commune officer sees only the commune', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi', undefined, { next: '/app/chi-so?kind=year&y=2024' });
      await page.waitForFunction(() => /UBND phường Vị Xuyên/.test(document.querySelector('.page-lead')?.textContent || ''));
      await page.getByRole('link', { name: 'Nạp dữ liệu hồ sơ' }).waitFor({ state: 'detached' });
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the public scoreboard ranks units and lists units with late dossiers, on a phone too', async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    try {
      await visit(page, '/bang-xep-hang?kind=month&y=2026&m=9');
      await page.getByRole('heading', { level: 1, name: 'Bảng xếp hạng giải quyết thủ tục hành chính' }).waitFor();
      await page.getByText('Tháng 09/2026').first().waitFor();
      const late = page.locator('section[aria-labelledby="sb-late-title"]');
      await late.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      await late.locator('tbody tr').first().waitFor();
      assert.ok((await late.locator('tbody tr').count()) > 0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px)`);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });
});
