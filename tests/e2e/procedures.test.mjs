// Procedure catalogue in the browser: a citizen searches without accents ("chung thuc ban sao")
// and opens the procedure; filters and counts; the page at 360 px; a province specialist checks
// an import file and edits a procedure, which shows in its history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { req, login as apiLogin } from '../lib/api.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();
// Public pages are rate-limited per address; other test files may be using the allowance.
const settle = (page) => page.waitForLoadState('networkidle');
const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors.filter((e) => !/ — 429$/.test(e)), []);
};

describe('procedure catalogue', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a citizen searches "chung thuc ban sao" without accents and opens the procedure', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/');
      await page.getByRole('link', { name: /Tra cứu thủ tục hành chính/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/thu-tuc');
      const box = page.getByLabel('Tên, mã hoặc nội dung thủ tục');
      await box.pressSequentially('chung thuc ban sao', { delay: 30 });
      // instant results, without pressing Enter; the address keeps the search
      const first = page.locator('#proc-results li').first().getByRole('link');
      await page.waitForFunction(() => /chứng thực bản sao/i.test(document.querySelector('#proc-results li a')?.textContent || ''));
      assert.match(await first.innerText(), /Thủ tục chứng thực bản sao từ bản chính/);
      await page.waitForURL((u) => u.searchParams.get('q') === 'chung thuc ban sao');
      assert.match(await page.getByRole('status').filter({ hasText: 'Tìm thấy' }).innerText(), /Tìm thấy [\d.]+ thủ tục/);
      await first.click();
      await page.waitForURL((u) => u.pathname === '/thu-tuc/2.000815');
      const h1 = page.getByRole('heading', { level: 1 });
      assert.match(await h1.innerText(), /chứng thực bản sao từ bản chính/i);
      for (const name of ['Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần, số lượng hồ sơ', 'Thời hạn giải quyết', 'Đối tượng thực hiện', 'Cơ quan thực hiện', 'Căn cứ pháp lý']) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      await page.getByText('Dịch vụ công trực tuyến một phần').waitFor();
      const apply = page.getByRole('link', { name: /Nộp trực tuyến/ });
      assert.match(await apply.getAttribute('href'), /^https:\/\/dichvucong\.gov\.vn\/.*ma_thu_tuc=2\.000815$/);
      assert.equal(await apply.getAttribute('rel'), 'noopener noreferrer');
      assert.match(await page.title(), /chứng thực bản sao/i);
      // back to the search, which is still there
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor();
      assert.equal(await box.inputValue(), 'chung thuc ban sao');
      await settle(page);
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });

  test('filters narrow the results and show their counts; a code finds its procedure', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/thu-tuc?q=khai%20sinh');
      await page.waitForFunction(() => document.querySelectorAll('#proc-results li').length > 0);
      const level = page.getByLabel('Cấp thực hiện');
      // the counts come with the stats, a moment after the results
      await page.waitForFunction(() => [...document.querySelectorAll('#proc-level option')].some((o) => /\(\d+\)$/.test(o.textContent)));
      const options = await level.locator('option').allInnerTexts();
      assert.ok(options.some((o) => /^Cấp xã \(\d+\)$/.test(o)), options.join('|'));
      await level.selectOption('commune');
      await page.waitForURL((u) => u.searchParams.get('cap') === 'commune');
      await page.waitForFunction(() => !document.querySelector('#proc-results[aria-busy="true"]'));
      // The filtered search starts after a short debounce: wait for the list it brings.
      await page
        .waitForFunction(() => {
          const m = [...document.querySelectorAll('#proc-results .proc-result__meta')].map((e) => e.textContent);
          return m.length > 0 && m.every((t) => /Cấp xã/.test(t));
        }, null, { timeout: 10000 })
        .catch(() => {});
      const metas = await page.locator('#proc-results .proc-result__meta').allInnerTexts();
      assert.ok(metas.length > 0);
      assert.ok(metas.every((m) => /Cấp xã/.test(m)), metas.join('\n'));
      await visit(page, '/thu-tuc?q=1.001193');
      await page.waitForFunction(() => /Thủ tục đăng ký khai sinh$/.test(document.querySelector('#proc-results li a')?.textContent || ''));
      await page.getByRole('button', { name: 'Xóa tìm kiếm' }).click();
      await page.waitForURL((u) => u.pathname === '/thu-tuc' && !u.search);
      assert.equal(await page.getByLabel('Tên, mã hoặc nội dung thủ tục').inputValue(), '');
      await settle(page);
      noErrors(page);
    } finally {
      await page.closeAll();
    }
  });

  test('an unknown code shows a not-found message; an abolished procedure points to its successor', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/thu-tuc/9.999999');
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục' }).waitFor();
      await visit(page, '/thu-tuc/1.004227');
      await page.getByText('Thủ tục này đã bị bãi bỏ', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'mã 1.012753' }).click();
      await page.waitForURL((u) => u.pathname === '/thu-tuc/1.012753');
      await page.getByRole('heading', { level: 1, name: /lần đầu đối với hộ gia đình/ }).waitFor();
    } finally {
      await page.closeAll();
    }
  });

  test('the search and a procedure page fit 360 px without horizontal scroll', async () => {
    for (const path of ['/thu-tuc?q=dat%20dai', '/thu-tuc/2.000815']) {
      const page = await newPage(browser, { width: 360, height: 740, isMobile: true, hasTouch: true });
      try {
        await visit(page, path);
        await settle(page);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      } finally {
        await page.closeAll();
      }
    }
  });

  test('a province specialist checks an Excel file and sees the errors by row', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt', undefined, { next: '/app/thu-tuc' });
      await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();
      await page.getByRole('link', { name: 'Nhập từ tệp CSV, Excel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhập danh mục thủ tục từ tệp' }).waitFor();
      await page.getByLabel('Tệp cần nhập').setInputFiles(join(ROOT, 'tests/fixtures/procedures_import.xlsx'));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByRole('heading', { name: 'Kết quả kiểm tra (chưa ghi vào danh mục)' }).waitFor();
      const table = page.getByRole('region', { name: 'Kết quả từng dòng' });
      assert.match(await table.innerText(), /Cấp thực hiện:.*trung ương/);
      assert.match(await table.innerText(), /Mã thủ tục trùng với dòng 4/);
      await page.getByLabel('Chỉ hiện dòng có lỗi hoặc cảnh báo').check();
      const rows = await table.locator('tbody tr').count();
      assert.equal(rows, 5);
      await settle(page);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('editing a procedure saves it and the history shows the change', async () => {
    const page = await newPage(browser);
    try {
      // a procedure of its own, so the demo catalogue stays as it is
      const token = await apiLogin('admin');
      const fields = await req('GET', '/api/v1/procedure-fields', { token });
      const code = `1.5${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
      const made = await req('POST', '/api/v1/procedures', {
        token,
        body: { code, name: 'Thủ tục thử nghiệm giao diện chứng thực chữ ký điện tử', field_id: fields.json.items[0].id, levels: ['commune'] },
      });
      assert.equal(made.status, 201, made.text);
      await login(page, 'admin', undefined, { next: `/app/thu-tuc?q=${code}` });
      await page.getByRole('link', { name: /thử nghiệm giao diện chứng thực chữ ký/i }).click();
      await page.getByRole('heading', { level: 1, name: /thử nghiệm giao diện/i }).waitFor();
      await page.getByText('Chưa công khai đủ 7 bộ phận bắt buộc').waitFor();
      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `Sửa thủ tục ${code}` }).waitFor();
      const fee = page.getByLabel('Mức phí (đồng)');
      await fee.fill('10.000');
      const subjects = page.getByLabel('Đối tượng thực hiện');
      await subjects.fill('Cá nhân, tổ chức có yêu cầu chứng thực chữ ký (thử nghiệm giao diện)');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('heading', { level: 1, name: /thử nghiệm giao diện/i }).waitFor();
      await page.getByText('(thử nghiệm giao diện)').first().waitFor();
      const history = page.getByRole('region', { name: 'Lịch sử thay đổi' }).or(page.locator('section[aria-labelledby="hist-title"]'));
      await history.getByText('Sửa', { exact: true }).first().waitFor();
      assert.match(await history.innerText(), /Thay đổi: .*Đối tượng thực hiện/);
      // a form error is shown next to its field
      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      await page.getByLabel('Mã thủ tục').fill('1.99');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('alert').getByText(/Mã thủ tục: Mã thủ tục có dạng 1.001234/).waitFor();
    } finally {
      await page.closeAll();
    }
  });
});
