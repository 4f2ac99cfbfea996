// The citizen's flow (issue 16) in the browser, at 1366 px and at 360 px: from a procedure's page
// to the feedback form in steps with the procedure filled in; the error summary linking to the
// field; check your answers with "Thay đổi"; a reload and the Back link keep what was typed; the
// confirmation page with its own address survives a reload (with and without what the tab kept);
// the tracking page says why the answer date moved after a forwarding; the published answers'
// filter and an answer's own page. Every page state visited is checked with axe-core (no serious
// or critical violation) and, at 320 px, for horizontal overflow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { axeViolations, launch, newPage, visit, waitForText, waitUntil } from '../lib/browser.mjs';
import { login as apiLogin, req, unitByCode } from '../lib/api.mjs';
import { addressPool, preq, submit } from '../api/feedback.lib.mjs';

const SLOW = { timeout: 90000 };
const next = addressPool(162);
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
];

/** No serious or critical axe-core violation on the page as it is now. */
async function axe(page, what) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
}

/** The page is no wider than the viewport. */
async function noOverflow(page, what) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(over <= 0, `${what}: ${over} px of horizontal overflow`);
}

let proc;
let published;
before(async () => {
  const p = await req('GET', '/api/v1/public/procedures?per_page=1');
  proc = p.json.items[0];
  const l = await req('GET', '/api/v1/public/feedback?per_page=1');
  published = l.json.items[0];
});

for (const vp of VIEWPORTS) {
  describe(`the citizen's flow at ${vp.width} px`, () => {
    let browser;
    let code;
    const m = randomBytes(4).toString('hex');
    const who = {
      name: `Lê Văn Công ${m}`,
      phone: `08${String(parseInt(m, 16) % 100000000).padStart(8, '0')}`,
      address: `Thôn ${m}, xã Nam Phong`,
      title: `Thủ tục yêu cầu giấy tờ thừa ${m}`,
      content: `Cán bộ yêu cầu nộp thêm bản sao không có trong thành phần hồ sơ. Mã thử ${m}.`,
    };
    before(async () => {
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
    });

    test('from a procedure page, the stepped form with the procedure filled in, to the confirmation page', SLOW, async () => {
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      try {
        await visit(page, `/thu-tuc/${proc.code}`);
        await page.getByRole('heading', { level: 1, name: proc.name }).waitFor();
        await page.getByRole('heading', { name: 'Mẫu đơn, tờ khai' }).waitFor();
        await axe(page, 'procedure page');
        await page.getByRole('link', { name: 'Gửi phản ánh về thủ tục này' }).click();
        await page.waitForURL((u) => u.pathname === '/phan-anh' && u.searchParams.get('thu_tuc') === proc.code);
        await page.getByTestId('fb-step').getByText('Bước 1/4').waitFor();
        await axe(page, 'step 1');
        // Continue with nothing: the error summary at the top links to each field.
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
        await summary.waitFor();
        await waitUntil(page, () => summary.evaluate((el) => el === document.activeElement), 'the summary takes the focus');
        await axe(page, 'step 1 with errors');
        await summary.getByRole('link', { name: 'Nhập số điện thoại.' }).click();
        await waitUntil(page, async () => (await page.evaluate(() => document.activeElement?.id)) === 'fb-phone', 'the error link focuses its field');
        assert.equal(await page.locator('#fb-phone').getAttribute('aria-invalid'), 'true');
        await page.getByLabel('Họ và tên', { exact: true }).fill(who.name);
        await page.getByLabel('Số điện thoại').fill(who.phone);
        await page.getByLabel('Địa chỉ liên hệ').fill(who.address);
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        // Step 2: the procedure is named and its code filled in.
        await page.getByTestId('fb-step').getByText('Bước 2/4').waitFor();
        await waitForText(page.getByTestId('fb-procedure'), new RegExp(proc.code.replace('.', '\\.')));
        assert.equal(await page.getByLabel('Mã thủ tục hành chính').inputValue(), proc.code);
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await page.getByRole('alert').getByRole('link', { name: 'Chọn loại phản ánh, kiến nghị.' }).waitFor();
        await axe(page, 'step 2 with errors');
        await page.getByLabel('Loại phản ánh, kiến nghị').selectOption('2');
        await page.getByLabel('Tiêu đề', { exact: true }).fill('Tiêu đề tạm');
        await page.getByLabel('Nội dung', { exact: true }).fill(who.content);
        // A reload of a step keeps what was typed (sessionStorage).
        await page.reload();
        await page.getByTestId('fb-step').getByText('Bước 2/4').waitFor();
        await waitUntil(page, async () => (await page.getByLabel('Nội dung', { exact: true }).inputValue()) === who.content, 'the content kept across a reload');
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await page.getByTestId('fb-step').getByText('Bước 3/4').waitFor();
        await axe(page, 'step 3');
        // Back, and forward again: the values are still there.
        await page.getByRole('link', { name: 'Quay lại' }).click();
        await page.getByTestId('fb-step').getByText('Bước 2/4').waitFor();
        assert.equal(await page.getByLabel('Tiêu đề', { exact: true }).inputValue(), 'Tiêu đề tạm');
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await page.getByTestId('fb-step').getByText('Bước 3/4').waitFor();
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        // Check your answers, with a "Thay đổi" link back to each step.
        await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin trước khi gửi' }).waitFor();
        const main = page.getByRole('main');
        await waitForText(main, new RegExp(who.name));
        assert.match(await main.innerText(), new RegExp(`mã ${proc.code.replace('.', '\\.')}`));
        await axe(page, 'check your answers');
        await page.getByRole('link', { name: 'Thay đổi tiêu đề' }).click();
        await page.getByTestId('fb-step').getByText('Bước 2/4').waitFor();
        await page.getByLabel('Tiêu đề', { exact: true }).fill(who.title);
        await page.getByRole('button', { name: 'Lưu và quay lại bước kiểm tra' }).click();
        await page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin trước khi gửi' }).waitFor();
        await waitForText(main, new RegExp(who.title));
        // Send without the pledge: the summary names it; then send.
        await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
        await page.getByRole('alert').getByRole('link', { name: /cam kết/ }).waitFor();
        await page.getByLabel(/Tôi cam kết/).check();
        await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
        await page.waitForURL((u) => u.pathname.startsWith('/phan-anh/da-gui/'), { timeout: 60000 });
        await page.getByTestId('confirm-panel').waitFor();
        code = (await page.getByTestId('tracking-code').innerText()).trim();
        assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
        assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/phan-anh/da-gui/${code}`);
        const due = (await page.getByTestId('answer-due').innerText()).trim();
        assert.match(due, /^\d{2}\/\d{2}\/\d{4}$/);
        assert.equal(await page.getByTestId('answer-due').evaluate((el) => getComputedStyle(el).whiteSpace), 'nowrap');
        await page.getByRole('button', { name: 'In phiếu tiếp nhận' }).waitFor();
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Lưu mã tra cứu' }).click();
        const file = await download;
        assert.equal(file.suggestedFilename(), `phan-anh-${code}.txt`);
        await axe(page, 'confirmation page');
        // A reload keeps the code and the dates: from what the tab kept, and without it (the API).
        await page.reload();
        await page.getByTestId('confirm-panel').waitFor();
        assert.equal((await page.getByTestId('tracking-code').innerText()).trim(), code);
        assert.equal((await page.getByTestId('answer-due').innerText()).trim(), due);
        await page.evaluate(() => sessionStorage.clear());
        await page.reload();
        await page.getByTestId('confirm-panel').waitFor();
        assert.equal((await page.getByTestId('tracking-code').innerText()).trim(), code);
        assert.equal((await page.getByTestId('answer-due').innerText()).trim(), due);
        assert.match(await page.getByTestId('received-at').innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        // The draft is gone once sent: a new form starts empty.
        await visit(page, '/phan-anh');
        assert.equal(await page.getByLabel('Họ và tên', { exact: true }).inputValue(), '');
        assert.deepEqual(page.consoleErrors, []);
        assert.deepEqual(page.failedRequests, []);
      } finally {
        await page.closeAll();
      }
    });

    test('the tracking page says why the answer date moved after a forwarding', SLOW, async () => {
      // An item of its own, forwarded through the API, so the test stands alone.
      const { r } = await submit(next);
      assert.equal(r.status, 201, r.text);
      const t = await apiLogin('vp.kstt');
      const s = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: t });
      const id = s.json.items[0].id;
      const x0101 = await unitByCode('X0101');
      assert.equal((await req('POST', `/api/v1/feedback/${id}/accept`, { token: t, body: {} })).status, 200);
      const f = await req('POST', `/api/v1/feedback/${id}/forward`, { token: t, body: { unit_id: x0101.id } });
      assert.equal(f.status, 200, f.text);
      const [y, mo, d] = f.json.answer_due.split('-');
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      try {
        await visit(page, `/phan-anh/tra-cuu?ma=${r.json.tracking_code}`);
        const why = page.getByTestId('clock-why');
        await waitForText(why, /Phản ánh được chuyển đến UBND phường Vị Xuyên ngày/);
        assert.match(await why.innerText(), new RegExp(`thời hạn trả lời mới: ${d}/${mo}/${y}`));
        assert.equal((await page.getByTestId('answer-due').innerText()).trim(), `${d}/${mo}/${y}`);
        await axe(page, 'tracking page');
        assert.deepEqual(page.consoleErrors, []);
      } finally {
        await page.closeAll();
      }
    });

    test('published answers: the filter, and an answer on its own page', SLOW, async () => {
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      try {
        await visit(page, '/phan-anh/da-tra-loi');
        await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị đã trả lời' }).waitFor();
        await page.locator('.fb-item').first().waitFor();
        await axe(page, 'published list');
        await page.getByLabel('Cơ quan trả lời').selectOption(String(published.unit_id));
        await page.waitForURL((u) => u.searchParams.get('don_vi') === String(published.unit_id));
        // The list reloads after the address changes: wait until every item is that unit's.
        await waitUntil(
          page,
          async () => {
            const metas = await page.locator('.fb-item .fb-meta').allInnerTexts();
            return metas.length > 0 && metas.every((t) => t.includes(published.unit_name));
          },
          'the list filtered by the unit',
        );
        await page.getByRole('link', { name: published.title }).click();
        await page.waitForURL((u) => u.pathname === `/phan-anh/da-tra-loi/${published.id}`);
        await page.getByRole('heading', { level: 1, name: published.title }).waitFor();
        assert.equal((await page.getByTestId('answer-text').innerText()).trim(), published.answer.trim());
        await axe(page, 'a published answer');
        // Its own address works on a fresh load too.
        await visit(page, `/phan-anh/da-tra-loi/${published.id}`);
        await page.getByRole('heading', { level: 1, name: published.title }).waitFor();
        assert.deepEqual(page.consoleErrors, []);
        assert.deepEqual(page.failedRequests, []);
      } finally {
        await page.closeAll();
      }
    });

    test('no horizontal overflow at 320 px on these pages', SLOW, async () => {
      if (vp.name !== 'phone') return;
      assert.ok(code, 'a feedback was sent');
      const page = await newPage(browser, { width: 320, height: 740 });
      try {
        const pages = [
          [`/thu-tuc/${proc.code}`, () => page.getByRole('heading', { level: 1, name: proc.name }).waitFor()],
          ['/phan-anh', () => page.getByTestId('fb-step').waitFor()],
          ['/phan-anh?buoc=2', () => page.getByLabel('Nội dung', { exact: true }).waitFor()],
          ['/phan-anh?buoc=3', () => page.locator('#fb-attachments').waitFor()],
          ['/phan-anh?buoc=4', () => page.getByRole('heading', { level: 1, name: 'Kiểm tra thông tin trước khi gửi' }).waitFor()],
          [`/phan-anh/da-gui/${code}`, () => page.getByTestId('confirm-panel').waitFor()],
          [`/phan-anh/tra-cuu?ma=${code}`, () => page.getByTestId('answer-due').waitFor()],
          ['/phan-anh/da-tra-loi', () => page.locator('.fb-item').first().waitFor()],
          [`/phan-anh/da-tra-loi/${published.id}`, () => page.getByTestId('answer-text').waitFor()],
        ];
        for (const [path, ready] of pages) {
          await visit(page, path);
          await ready();
          await noOverflow(page, path);
        }
        // Dates on the confirmation page never wrap mid-number.
        await visit(page, `/phan-anh/da-gui/${code}`);
        const h = await page.getByTestId('answer-due').evaluate((el) => el.getClientRects().length);
        assert.equal(h, 1, 'the answer date is on one line');
      } finally {
        await page.closeAll();
      }
    });
  });
}
