// Periodic reports (issue 14), the browser journey: a commune officer opens "Báo cáo", picks the
// quarter, creates the unit's report, corrects a figure (the note is required), writes the
// narrative and submits it after the confirmation; the district sees it in its tracker (missing
// units first), reminds a unit, and returns the report with a comment; the commune corrects and
// submits again; the district accepts it; the district's own report includes it, and every figure
// of its dossier table reads as the API's answer. Also: an ad hoc report with its title, the print
// view's official heading, and the pages at 360 px.
//
// The test owns its data: the quarter is the latest one (before the demo's two) for which neither
// the commune nor the district has a report yet, so earlier runs on the same database and the
// demo's reports never meet it; the ad hoc window comes from the run's time stamp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, url, visit, waitForText } from '../lib/browser.mjs';

const STAMP = Date.now();
const DAY = 86400000;
// An ad hoc window of 60 to 89 days starting somewhere in the 500 days from 2024-07-01.
const FROM = new Date(Date.UTC(2024, 6, 1) + (STAMP % 500) * DAY);
const TO = new Date(FROM.getTime() + (60 + (Math.floor(STAMP / 500) % 30)) * DAY);
const iso = (d) => d.toISOString().slice(0, 10);
const vn = (d) => iso(d).split('-').reverse().join('/');
const ADHOC = `${iso(FROM)}..${iso(TO)}`;
const ADHOC_TITLE = `Báo cáo đột xuất công tác kiểm soát TTHC (kiểm thử ${STAMP})`;
const COMMUNE = 'UBND phường Vị Xuyên';
const DISTRICT = 'UBND thành phố Nam Định';
const FIG = 'dossiers.total.received_online';
const ROMAN = ['I', 'II', 'III', 'IV'];
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });
const dialog = (page, name) => page.getByRole('dialog', { name });
const status = (page, re) => page.locator('.rep-live[role="status"]').filter({ hasText: re });
const figure = (page, path) => page.locator(`[data-path="${path}"]`).first();

/** The figure at a path of a report's table tree, as in the contract. */
function figureAt(tree, path) {
  let n = tree;
  for (const s of path.split('.')) n = Array.isArray(n) ? n.find((r) => String(r.key) === s) : n?.[s];
  return n;
}

async function api(page, path) {
  const res = await page.request.get(url(`/api/v1${path}`));
  assert.equal(res.status(), 200, `GET ${path}`);
  return res.json();
}

/**
 * The quarter of this run: going back from the one before the last complete quarter (the demo
 * files the last two), the first for which neither unit has a report; the picker offers the
 * last eight years.
 */
async function freeQuarter(page, unitIds) {
  const now = new Date(Date.now() + 7 * 3600 * 1000);
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const back = () => {
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  };
  back();
  back();
  back();
  while (y > YEAR - 8) {
    const key = `${y}-Q${q}`;
    let used = false;
    for (const id of unitIds) used ||= (await api(page, `/reports?period=${key}&unit_id=${id}&kind=kstt`)).items.length > 0;
    if (!used) return { key, year: y, q };
    back();
  }
  throw new Error('no free quarter left for the journey in the picker\'s eight years');
}

/** Choose a quarter in the picker and wait for the page to follow it. */
async function pickQuarter(page, Q) {
  const picker = page.getByRole('search', { name: 'Chọn kỳ báo cáo' });
  await picker.getByLabel('Kỳ báo cáo').selectOption(`Q${Q.q}`);
  await picker.getByLabel('Năm').selectOption(String(Q.year));
  await picker.getByRole('button', { name: 'Xem kỳ báo cáo' }).click();
  await page.waitForURL((u) => u.searchParams.get('ky') === Q.key);
}

/** Correct a figure through its dialog: the note is required. */
async function correct(page, path, value, note) {
  await figure(page, path).click();
  const form = dialog(page, 'Điều chỉnh số liệu');
  await form.getByLabel('Giá trị điều chỉnh').fill(String(value));
  await form.getByLabel('Lý do điều chỉnh').fill('');
  await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
  await form.getByText('Nhập lý do điều chỉnh.').waitFor();
  assert.equal(await form.getByLabel('Lý do điều chỉnh').evaluate((el) => el === document.activeElement), true, 'focus on the note');
  await form.getByLabel('Lý do điều chỉnh').fill(note);
  await form.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
  await status(page, /Đã điều chỉnh/).waitFor();
  await form.waitFor({ state: 'hidden' });
  // Focus back on the figure, to go on with the next one.
  await page.waitForFunction((p) => document.activeElement?.getAttribute('data-path') === p, path);
}

async function submitReport(page) {
  await page.locator('.rep-actions').getByRole('button', { name: 'Gửi báo cáo' }).click();
  const confirm = dialog(page, 'Gửi báo cáo');
  await confirm.getByText('Sau khi gửi, báo cáo không sửa được nữa').waitFor();
  await confirm.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await status(page, /Đã gửi báo cáo/).waitFor();
  await waitForText(page.locator('.page-lead'), /Đã gửi/);
  // The submit button is gone: the result line has the focus.
  await page.waitForFunction(() => document.activeElement?.classList.contains('rep-live'));
  // Read-only now: no figure buttons, no text areas (but the discussion's, which stays open), no
  // submit.
  assert.equal(await page.locator('button.fig--edit').count(), 0);
  assert.equal(await page.locator('textarea:not(.comment__textarea)').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Gửi báo cáo' }).count(), 0);
}

describe('periodic reports: file, track, return, resubmit, aggregate', () => {
  let browser;
  let commune;
  let district;
  let reportPath;
  let computed;
  let Q;
  let TITLE;
  before(async () => {
    browser = await launch();
    commune = await newPage(browser);
    district = await newPage(browser);
    await login(commune, 'xa11.daumoi');
    await login(district, 'huyen1.daumoi');
    const body = await api(district, '/units?tree=1');
    const flat = [];
    const walk = (ns) => ns.forEach((n) => (flat.push(n), walk(n.children || [])));
    walk(Array.isArray(body) ? body : body.items || []);
    const ids = ['X0101', 'H01'].map((c) => flat.find((u) => u.code === c)?.id);
    assert.ok(ids.every(Boolean), 'the demo commune and district');
    Q = await freeQuarter(district, ids);
    TITLE = `Báo cáo công tác kiểm soát TTHC quý ${ROMAN[Q.q - 1]} năm ${Q.year}`;
  });
  after(async () => {
    await commune?.closeAll();
    await district?.closeAll();
    await browser?.close();
  });

  test('a commune officer creates the report, corrects a figure with a note, writes the narrative and submits', async () => {
    const page = commune;
    await menu(page).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    // The default period is the last complete quarter.
    assert.match(await page.locator('.page-lead').innerText(), /Quý (I|II|III|IV) năm \d{4}/);
    await pickQuarter(page, Q);
    const mine = page.getByRole('region', { name: `Báo cáo của đơn vị: ${COMMUNE}` });
    await mine.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.waitForURL((u) => /^\/app\/bao-cao\/\d+$/.test(u.pathname));
    reportPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assert.match(await page.locator('.page-lead').innerText(), /Đang soạn/);

    // The paper form's columns.
    const table = page.getByRole('region', { name: 'Tình hình, kết quả giải quyết TTHC', exact: true });
    const heads = (await table.locator('thead th').allInnerTexts()).map((s) => s.trim());
    for (const h of ['Tổng số', 'Trong kỳ', 'Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính', 'Từ kỳ trước', 'Số hồ sơ đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Số hồ sơ đang giải quyết', 'Trong hạn']) {
      assert.ok(heads.includes(h), `column "${h}" in ${JSON.stringify(heads)}`);
    }

    const id = reportPath.split('/').pop();
    const before = await api(page, `/reports/${id}`);
    computed = figureAt(before.computed, FIG);
    assert.equal(typeof computed, 'number');
    await correct(page, FIG, computed + 5, 'Hồ sơ giấy tiếp nhận tại Bộ phận Một cửa chưa nhập vào hệ thống.');
    // Side by side: the value in force and the computed one.
    await waitForText(figure(page, FIG), new RegExp(`^${nf.format(computed + 5)}\\s*\\(tính: ${nf.format(computed)}\\)`));
    const row = page.getByRole('region', { name: 'Số liệu đã điều chỉnh' }).locator(`tr[data-path="${FIG}"]`);
    assert.match(await row.innerText(), /Hồ sơ giấy tiếp nhận/);

    await page.getByLabel('Kết quả đạt được').fill('Tiếp nhận, giải quyết hồ sơ đúng quy trình; niêm yết đầy đủ TTHC.');
    await page.getByLabel('Khó khăn, vướng mắc và nguyên nhân').fill('Đường truyền không ổn định vào cuối tháng.');
    await page.getByLabel('Đề xuất, kiến nghị').fill('Đề nghị nâng cấp đường truyền cho Bộ phận Một cửa.');
    await submitReport(page);
    const after = await api(page, `/reports/${id}`);
    assert.equal(after.status, 'submitted');
    assert.equal(figureAt(after.tables, FIG), computed + 5);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.failedRequests, []);
  });

  test('the district sees it in the tracker (missing first), reminds a unit, and returns it with a comment', async () => {
    assert.ok(reportPath, 'the report of the previous test');
    const page = district;
    await menu(page).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await pickQuarter(page, Q);
    const tracker = page.getByRole('region', { name: 'Tình hình nộp báo cáo' });
    const row = tracker.locator('tbody tr', { hasText: COMMUNE });
    await waitForText(row, /Đã gửi/);
    const rows = await tracker.locator('tbody tr').allInnerTexts();
    assert.ok(rows.length >= 2, 'the district has several communes');
    assert.match(rows[0], /Chưa lập/, 'a missing unit first');
    assert.doesNotMatch(rows[rows.length - 1], /Chưa lập/, 'the filed one after the missing ones');
    assert.match(await page.locator('.rep-counts').innerText(), /1\s*Đã gửi/);

    // One click to remind a unit that has not filed.
    const missing = tracker.locator('tbody tr', { hasText: 'Chưa lập' }).first();
    const name = (await missing.locator('th').innerText()).trim();
    await missing.getByRole('button', { name: /Nhắc nộp/ }).click();
    await status(page, new RegExp(`Đã gửi lời nhắc nộp báo cáo đến ${name}`)).waitFor();
    assert.equal(await page.locator('.rep-live').evaluate((el) => el === document.activeElement), true, 'focus on the result');

    await row.getByRole('link', { name: `Xem báo cáo của ${COMMUNE}` }).click();
    await page.waitForURL((u) => u.pathname === reportPath);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    const form = dialog(page, 'Trả lại báo cáo');
    await form.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await form.getByText('Nhập lý do trả lại').waitFor();
    await form.getByLabel('Lý do trả lại').fill('Số hồ sơ trực tuyến chưa khớp với sổ theo dõi; đề nghị kiểm tra lại.');
    await form.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await status(page, /Đã trả lại báo cáo/).waitFor();
    await waitForText(page.locator('.page-lead'), /Bị trả lại/);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.failedRequests, []);
  });

  test('the commune reads the comment, corrects the figure and submits again', async () => {
    const page = commune;
    await visit(page, reportPath);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await waitForText(page.locator('.rep-returned'), /chưa khớp với sổ theo dõi/);
    // Refresh recomputes the figures and keeps the correction.
    await page.getByRole('button', { name: 'Làm mới số liệu' }).click();
    await status(page, /Đã làm mới số liệu/).waitFor();
    await waitForText(figure(page, FIG), new RegExp(`^${nf.format(computed + 5)}\\s*\\(tính: `));
    await correct(page, FIG, computed + 3, 'Đối chiếu sổ theo dõi: 3 hồ sơ giấy chưa nhập vào hệ thống.');
    await waitForText(figure(page, FIG), new RegExp(`^${nf.format(computed + 3)}`));
    await submitReport(page);
    const id = reportPath.split('/').pop();
    const r = await api(page, `/reports/${id}`);
    assert.equal(r.status, 'submitted');
    assert.deepEqual(
      r.events.map((e) => e.action).filter((a) => a === 'submit' || a === 'return'),
      ['submit', 'return', 'submit'],
    );
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.failedRequests, []);
  });

  test("the district accepts it; its own report includes the commune's, and its figures are the API's", async () => {
    const page = district;
    await visit(page, reportPath);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await dialog(page, 'Tiếp nhận báo cáo').getByRole('button', { name: 'Tiếp nhận báo cáo' }).click();
    await status(page, /Đã tiếp nhận báo cáo/).waitFor();
    await waitForText(page.locator('.page-lead'), /Đã tiếp nhận/);

    await visit(page, `/app/bao-cao?ky=${Q.key}`);
    const mine = page.getByRole('region', { name: `Báo cáo của đơn vị: ${DISTRICT}` });
    await mine.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.waitForURL((u) => /^\/app\/bao-cao\/\d+$/.test(u.pathname) && u.pathname !== reportPath);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop();
    const r = await api(page, `/reports/${id}`);
    const child = (await api(page, `/reports/${reportPath.split('/').pop()}`)).tables;

    // Included: the commune, with its corrected figure in the sum.
    assert.ok(
      r.aggregation.included.some((c) => c.name === COMMUNE),
      'the commune is included',
    );
    assert.equal(figureAt(r.computed, FIG), figureAt(r.aggregation.own, FIG) + figureAt(child, FIG));
    const agg = page.getByRole('region', { name: 'Số liệu theo từng đơn vị' });
    assert.match(await agg.locator('tbody tr', { hasText: COMMUNE }).innerText(), /Có/);
    assert.match(await page.locator('.rep-agg-summary').innerText(), new RegExp(`Đã tổng hợp 1 trên ${r.aggregation.included.length + r.aggregation.missing.length}`));

    // Every figure of the dossier table on the page is the API's.
    const table = page.getByRole('region', { name: 'Tình hình, kết quả giải quyết TTHC', exact: true });
    const cells = await table.locator('[data-path]').evaluateAll((els) =>
      els.map((e) => ({ path: e.getAttribute('data-path'), text: e.querySelector('.fig__value').textContent.trim() })),
    );
    assert.ok(cells.length >= 9, `figures on the page: ${cells.length}`);
    for (const c of cells) assert.equal(c.text, nf.format(figureAt(r.tables, c.path)), c.path);
    // The .xlsx download.
    const href = await page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).getAttribute('href');
    const xlsx = await page.request.get(url(href));
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    // The "Tổng số" of received dossiers is the sum of its four columns.
    const t = r.tables.dossiers.total;
    const sum = t.received_online + t.received_direct + t.received_postal + t.carried_over;
    assert.equal((await table.locator('tr.rep-total td.sum').first().innerText()).trim(), nf.format(sum));
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.failedRequests, []);
  });

  test('an ad hoc report: the picker takes from, to and a title; the report and its print view carry the title', async () => {
    const page = commune;
    await visit(page, '/app/bao-cao');
    const picker = page.getByRole('search', { name: 'Chọn kỳ báo cáo' });
    await picker.getByLabel('Kỳ báo cáo').selectOption('adhoc');
    // A title is required.
    await picker.getByLabel('Từ ngày').fill(vn(FROM));
    await picker.getByLabel('Đến ngày').fill(vn(TO));
    await picker.getByRole('button', { name: 'Xem kỳ báo cáo' }).click();
    await picker.getByText('Nhập tên báo cáo đột xuất.').waitFor();
    await picker.getByLabel('Tên báo cáo').fill(ADHOC_TITLE);
    await picker.getByRole('button', { name: 'Xem kỳ báo cáo' }).click();
    await page.waitForURL((u) => u.searchParams.get('ky') === ADHOC);
    await page.getByRole('region', { name: `Báo cáo của đơn vị: ${COMMUNE}` }).getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.waitForURL((u) => /^\/app\/bao-cao\/\d+$/.test(u.pathname));
    await page.getByRole('heading', { level: 1, name: ADHOC_TITLE }).waitFor();
    assert.match(await page.locator('.page-lead').innerText(), new RegExp(`Số liệu từ ${vn(FROM)} đến ${vn(TO)}`));
    const id = new URL(page.url()).pathname.split('/').pop();
    const r = await api(page, `/reports/${id}`);
    assert.equal(r.period, ADHOC);
    assert.equal(r.title, ADHOC_TITLE);
    // Back on the list, the report exists: it opens instead of being created again.
    await visit(page, `/app/bao-cao?ky=${ADHOC}&ten=${encodeURIComponent(ADHOC_TITLE)}`);
    await page.getByRole('region', { name: `Báo cáo của đơn vị: ${COMMUNE}` }).getByRole('link', { name: 'Mở báo cáo' }).click();
    await page.waitForURL((u) => u.pathname === `/app/bao-cao/${id}`);
    await visit(page, `/app/bao-cao/${id}/in`);
    // BÁO CÁO, then the subject: the title without its leading "Báo cáo".
    await waitForText(page.getByRole('article', { name: 'Bản in báo cáo' }).locator('h1'), new RegExp(`BÁO CÁO[\\s\\S]*Đột xuất công tác kiểm soát TTHC \\(kiểm thử ${STAMP}\\)`));
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.failedRequests, []);
  });

  test('the print view carries the official heading; the form fits 360 px with its tables scrolling inside', async () => {
    const page = await newPage(browser, { width: 360, height: 740 });
    try {
      await login(page, 'xa11.daumoi');
      await visit(page, `${reportPath}/in`);
      const doc = page.getByRole('article', { name: 'Bản in báo cáo' });
      // The parent above the unit, the unit, then Quốc hiệu.
      await waitForText(doc.locator('.rep-doc-head'), /UBND THÀNH PHỐ NAM ĐỊNH[\s\S]*UBND PHƯỜNG VỊ XUYÊN[\s\S]*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      assert.match(await doc.locator('h1').innerText(), /BÁO CÁO/);
      assert.match(await doc.locator('h1').innerText(), new RegExp(`Tình hình, kết quả thực hiện công tác kiểm soát TTHC quý ${ROMAN[Q.q - 1]} năm ${Q.year}`));
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-sidebar').isVisible(), false, 'no menu on paper');
      assert.equal(await page.locator('.rep-print__tools').isVisible(), false, 'no buttons on paper');
      await page.emulateMedia({ media: 'screen' });

      await visit(page, reportPath);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 360, `page is ${w}px wide at 360px`);
      const wrap = page.getByRole('region', { name: 'Tình hình, kết quả giải quyết TTHC', exact: true });
      const [client, scroll] = await wrap.evaluate((el) => [el.clientWidth, el.scrollWidth]);
      assert.ok(scroll > client, 'the dossier table scrolls inside its container');
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
    // The district's tracker too: its table scrolls inside, the page does not.
    const narrow = await newPage(browser, { width: 360, height: 740 });
    try {
      await login(narrow, 'huyen1.daumoi');
      await visit(narrow, `/app/bao-cao?ky=${Q.key}`);
      await waitForText(narrow.getByRole('region', { name: 'Tình hình nộp báo cáo' }).locator('tbody tr', { hasText: COMMUNE }), /Đã tiếp nhận/);
      const w = await narrow.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 360, `tracker page is ${w}px wide at 360px`);
      assert.deepEqual(narrow.consoleErrors, []);
    } finally {
      await narrow.closeAll();
    }
  });
});
