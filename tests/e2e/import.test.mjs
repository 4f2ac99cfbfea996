// Importing a plan from its document (issue 5): the coordinator pastes the
// Nghệ An table, picks the unit for a name the server could not resolve, saves
// the draft and sees it with its sections. Also: HTML from the clipboard goes
// to the server as `html`, and a .docx is converted in the browser (mammoth).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync, crc32 } from 'node:zlib';
import { launch, login, newPage, url } from '../lib/browser.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The table part of the Nghệ An decision: from its header row to the end of the table. */
function ngheAnTable() {
  const lines = fixture('plan_nghean_2023.txt').split('\n');
  const start = lines.findIndex((l) => l.startsWith('STT\tNội dung công việc'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('**UBND TỈNH NGHỆ AN'));
  assert.ok(start > 0 && end > start, 'table found in the fixture');
  return lines.slice(start, end).join('\n').trimEnd();
}

/** A minimal .zip (deflate) — enough for a .docx that Word and mammoth read. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A .docx whose body is one table (rows of cells). */
function docx(rows) {
  const cell = (t) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p></w:tc>`;
  const table = `<w:tbl>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>KẾ HOẠCH kiểm soát thủ tục hành chính năm 2024</w:t></w:r></w:p>${table}</w:body></w:document>`,
  });
}

async function openImport(page) {
  await login(page, 'vp.kstt');
  await page.getByRole('navigation', { name: 'Menu chức năng' }).getByRole('link', { name: 'Kế hoạch' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kế hoạch' }).waitFor();
  await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nhập kế hoạch từ văn bản' }).waitFor();
  // The coordinator's plans belong to the province: that is the default owner.
  const owner = page.getByRole('combobox', { name: 'Đơn vị ban hành' });
  await page.waitForFunction(() => document.querySelector('#imp-unit_id')?.value);
  assert.match(await owner.inputValue(), /UBND tỉnh/);
}

const countOf = async (locator) => Number(((await locator.innerText()).match(/\d+/) || ['0'])[0]);

describe('import a plan from its document', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('paste the Nghệ An table, fix one unresolved unit, save, see the draft plan', async () => {
    const page = await newPage(browser);
    try {
      await openImport(page);
      await page.getByLabel('Năm của kế hoạch').selectOption('2023');
      await page.getByLabel('Nội dung bảng').fill(ngheAnTable());
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('region', { name: 'Xem trước kế hoạch' });
      await preview.waitFor();

      // Twelve sections (I … XII), each with its tasks, as in the document.
      assert.equal(await preview.locator('tbody.plan-section').count(), 12);
      const summary = page.locator('.summary-line').first();
      assert.match(await summary.innerText(), /12 mục, 4\d nhiệm vụ/);
      assert.match(await preview.innerText(), /I\. Công tác chỉ đạo, điều hành/);
      assert.match(await preview.innerText(), /XII\. Công tác khác/);

      // Names the unit tree does not know are flagged and offer a select.
      const flagged = summary.locator('.badge', { hasText: 'chưa xác định' });
      const before = await countOf(flagged);
      assert.ok(before > 0, 'some unresolved units in the Nghệ An plan');
      const units = await (await page.request.get(url('/api/v1/units?per_page=1000'))).json();
      const tttt = units.items.find((u) => u.name === 'Sở Thông tin và Truyền thông').id;
      // found by typing without diacritics; the option is the unit with that id
      const box = page.getByRole('combobox', { name: 'Chọn đơn vị cho «Báo Nghệ An»' }).first();
      await box.fill('thong tin truyen thong');
      const option = page.getByRole('option', { name: /^Sở Thông tin và Truyền thông/ });
      await option.waitFor();
      assert.ok(tttt);
      await option.click();
      await page.waitForFunction(
        (n) => Number((document.querySelector('.summary-line')?.innerText.match(/(\d+) tên đơn vị chưa xác định/) || [0, 0])[1]) === n,
        before - 1,
      );

      // "Only rows to review" keeps the flagged rows (and the rows above them).
      const all = await preview.locator('tr.plan-task').count();
      await page.getByLabel('Chỉ hiện các dòng cần xem lại').check();
      await page.waitForFunction((n) => document.querySelectorAll('tr.plan-task').length < n, all);
      const shown = await preview.locator('tr.plan-task').count();
      assert.ok(shown > 0 && shown < all, `only flagged rows shown (${shown} of ${all})`);
      await page.getByLabel('Chỉ hiện các dòng cần xem lại').uncheck();

      const title = `Kế hoạch hoạt động kiểm soát TTHC năm 2023 tỉnh Nghệ An (nhập thử ${Date.now()})`;
      await page.getByLabel('Tên kế hoạch').fill(title);
      await page.getByLabel('Số quyết định').fill('320/QĐ-UBND');
      await page.getByLabel('Ngày ban hành').fill('10/02/2023');
      await page.getByRole('button', { name: 'Lưu kế hoạch dự thảo' }).click();

      // The import report: saved, and what is still open (leads nobody matched) listed by task.
      await page.getByRole('heading', { level: 2, name: 'Đã lưu kế hoạch dự thảo' }).waitFor();
      const report = page.locator('ul.import-report > li');
      assert.ok((await report.count()) > 0);
      assert.match(await report.first().innerText(), /^Mục [IVX]+, nhiệm vụ .+: Chưa xác định được đơn vị chủ trì/);
      await page.getByRole('link', { name: 'Mở kế hoạch vừa lưu' }).click();
      await page.waitForURL((u) => /^\/app\/ke-hoach\/\d+$/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.match(await page.locator('.page-lead').innerText(), /Dự thảo/);
      const table = page.getByRole('region', { name: 'Bảng kế hoạch' });
      await table.waitFor();
      assert.equal(await table.locator('tbody.plan-section').count(), 12);
      assert.ok(await table.getByRole('button', { name: /I\. Công tác chỉ đạo, điều hành/ }).isVisible());
      // Sections collapse and open again.
      const sec = table.getByRole('button', { name: /II\. Công bố, công khai TTHC/ });
      await sec.click();
      assert.equal(await sec.getAttribute('aria-expanded'), 'false');
      await sec.click();
      assert.equal(await sec.getAttribute('aria-expanded'), 'true');

      // The unit picked in the preview was saved with the task.
      const id = new URL(page.url()).pathname.split('/').pop();
      const plan = await (await page.request.get(url(`/api/v1/plans/${id}`))).json();
      assert.equal(plan.status, 'draft');
      assert.equal(plan.year, 2023);
      assert.equal(plan.decision_no, '320/QĐ-UBND');
      assert.equal(plan.sections.length, 12);
      const coop = plan.sections[0].tasks[1].coop.find((u) => u.text === 'Báo Nghệ An');
      assert.ok(coop, 'task I.2 keeps "Báo Nghệ An" as written');
      assert.equal(coop.unit_id, tttt);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('HTML pasted from the clipboard is sent as html and previewed', async () => {
    const page = await newPage(browser);
    try {
      await openImport(page);
      const html = fixture('import_variants/namdinh_table.html');
      await page.getByLabel('Nội dung bảng').focus();
      await page.evaluate((h) => {
        const dt = new DataTransfer();
        dt.setData('text/html', h);
        dt.setData('text/plain', 'STT\tNhiệm vụ\t(bảng dán từ Word)');
        document.querySelector('#imp-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, html);
      await page.getByText('Đã nhận nội dung dán ở dạng HTML').waitFor();
      assert.match(await page.getByLabel('Nội dung bảng').inputValue(), /bảng dán từ Word/);
      const [req] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/v1/plans/import/preview')),
        page.getByRole('button', { name: 'Xem trước' }).click(),
      ]);
      const body = req.postDataJSON();
      assert.ok(body.html && body.html.includes('<table'), 'html sent');
      assert.equal(body.text, undefined);
      const preview = page.getByRole('region', { name: 'Xem trước kế hoạch' });
      await preview.waitFor();
      assert.match(await preview.innerText(), /CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH/);
      assert.ok((await preview.locator('tr.plan-task').count()) >= 3);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a .docx is converted in the browser and previewed', async () => {
    const page = await newPage(browser);
    try {
      await openImport(page);
      const file = docx([
        ['STT', 'Nhiệm vụ', 'Kết quả', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian thực hiện'],
        ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', '', '', '', ''],
        ['1', 'Xây dựng kế hoạch kiểm soát TTHC năm 2024', 'Kế hoạch', 'Văn phòng UBND tỉnh', 'Các Sở, ban, ngành', 'Tháng 01/2024'],
        ['2', 'Tự kiểm tra việc công khai TTHC', 'Báo cáo', 'UBND cấp xã', '', 'Quý II/2024'],
      ]);
      await page.getByLabel('Tệp Word (.docx)').setInputFiles({
        name: 'ke-hoach-2024.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: file,
      });
      await page.getByText('Đã đọc tệp').waitFor();
      // The year was read from the document's title.
      assert.equal(await page.getByLabel('Năm của kế hoạch').inputValue(), '2024');
      const [req] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/v1/plans/import/preview')),
        page.getByRole('button', { name: 'Xem trước' }).click(),
      ]);
      assert.match(req.postDataJSON().html, /<table/);
      const preview = page.getByRole('region', { name: 'Xem trước kế hoạch' });
      await preview.waitFor();
      assert.equal(await preview.locator('tr.plan-task').count(), 2);
      assert.match(await preview.innerText(), /Tự kiểm tra việc công khai TTHC/);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a district plan with sub-items: each row shows its confidence, doubts give reasons, the filter and "Đã xem"', async () => {
    const page = await newPage(browser);
    try {
      await openImport(page);
      await page.getByLabel('Năm của kế hoạch').selectOption('2025');
      await page.getByLabel('Nội dung bảng').fill(fixture('import_variants/district_subitems.html'));
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('region', { name: 'Xem trước kế hoạch' });
      await preview.waitFor();
      // Sub-items 2.1-2.3 from the output column, each with a badge.
      const rows = preview.locator('tr.plan-task');
      assert.equal(await rows.count(), 13);
      assert.equal(await preview.locator('tr.plan-task .pv-confidence .badge').count(), 13);
      const sub = rows.filter({ has: page.locator('td.plan-task__num', { hasText: /^2\.3$/ }) });
      assert.match(await sub.locator('td.plan-task__title').innerText(), /Tổng hợp kết quả rà soát, báo cáo UBND tỉnh\./);
      // The row joined over a page break is low, with its reason.
      const joined = rows.filter({ hasText: 'Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân' });
      await joined.locator('.badge', { hasText: 'Tin cậy thấp' }).waitFor();
      assert.match(await joined.locator('.pv-reasons').innerText(), /tách sang trang/);
      // The summary counts the rows to review; "Đã xem" takes one off.
      const summary = page.locator('.summary-line').first();
      const review = summary.locator('.badge', { hasText: 'dòng cần xem lại' });
      const before = await countOf(review);
      assert.ok(before > 0);
      await joined.getByRole('button', { name: /^Đã xem dòng 1 Tiếp nhận/ }).click();
      await joined.locator('.badge', { hasText: 'Tin cậy cao' }).waitFor();
      await page.waitForFunction((n) => Number((document.querySelector('.summary-line')?.innerText.match(/(\d+) dòng cần xem lại/) || [0, 0])[1]) === n, before - 1);
      // Rows with a district office the province's tree does not hold stay flagged for their unit.
      assert.ok(await joined.evaluate((tr) => tr.classList.contains('has-issue')));
    } finally {
      await page.close();
    }
  });
});
