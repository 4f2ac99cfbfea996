// Reform registries in the browser (issue 17): a commune records an internal procedure with a
// simplification proposal that the Provincial Office accepts and the commune implements; a
// district drafts an impact assessment and sends it, the Department of Justice appraises it; a
// commune proposes an initiative that the Provincial Office assesses and adopts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, pick, visit, waitForText } from '../lib/browser.mjs';

const noErrors = (page) => {
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.clientErrors, []);
};

describe('reform registries', () => {
  let browser;
  const tag = `e2e${Date.now().toString(36)}`;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  /** A signed-in page of username; closed by the caller. */
  async function as(username) {
    const page = await newPage(browser);
    await login(page, username);
    return page;
  }

  test('an internal procedure with a proposal: accepted by the Provincial Office, implemented by the commune', async () => {
    const xa = await as('xa11.daumoi');
    const vp = await as('vp.kstt');
    try {
      await xa.locator('.app-nav').getByRole('link', { name: 'TTHC nội bộ', exact: true }).click();
      await xa.getByRole('heading', { level: 1, name: 'Thủ tục hành chính nội bộ' }).waitFor();
      await xa.getByRole('button', { name: 'Thêm thủ tục nội bộ' }).click();
      const form = xa.getByRole('form', { name: 'Thêm thủ tục nội bộ' });
      const name = `Quy trình cấp giấy giới thiệu ${tag}`;
      await form.getByLabel('Tên thủ tục nội bộ').fill(name);
      await form.getByLabel('Lĩnh vực').fill('Hành chính');
      await pick(form, 'Thêm đơn vị liên quan', 'vi xuyen', /^UBND phường Vị Xuyên/);
      await form.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
      await form.getByRole('button', { name: 'Thêm thủ tục nội bộ' }).click();
      await xa.getByRole('heading', { level: 1, name }).waitFor();
      await waitForText(xa.getByTestId('ip-status'), /Đang thực hiện/);
      const proposals = xa.getByRole('form', { name: 'Thêm phương án đơn giản hóa' });
      await proposals.getByLabel('Phương án đơn giản hóa mới').fill('Ký số giấy giới thiệu, bỏ bản giấy');
      await proposals.getByRole('button', { name: 'Thêm phương án' }).click();
      const table = xa.getByRole('table', { name: 'Phương án đơn giản hóa' });
      await waitForText(table, /Ký số giấy giới thiệu, bỏ bản giấy[\s\S]*Đã đề xuất/);
      const path = new URL(xa.url()).pathname;

      await visit(vp, path);
      await vp.getByRole('heading', { level: 1, name }).waitFor();
      await vp.getByRole('button', { name: 'Chấp thuận', exact: true }).click();
      await waitForText(vp.getByRole('table', { name: 'Phương án đơn giản hóa' }), /Được chấp thuận/);

      await visit(xa, path);
      const impl = xa.getByRole('form', { name: 'Thực thi phương án 1' });
      await impl.getByLabel('Số văn bản thực thi').fill('27/QĐ-UBND');
      await impl.getByLabel('Ngày ban hành').fill('05/01/2026');
      await impl.getByRole('button', { name: 'Ghi nhận thực thi' }).click();
      await waitForText(xa.getByRole('table', { name: 'Phương án đơn giản hóa' }), /Đã thực thi[\s\S]*27\/QĐ-UBND \(05\/01\/2026\)/);
      // the list finds it by its words
      await visit(xa, `/app/tthc-noi-bo?q=${tag}`);
      await waitForText(xa.getByRole('table', { name: 'Thủ tục hành chính nội bộ' }), new RegExp(`${name}[\\s\\S]*UBND phường Vị Xuyên`));
      noErrors(xa);
      noErrors(vp);
    } finally {
      await xa.closeAll();
      await vp.closeAll();
    }
  });

  test('an impact assessment: drafted and sent by a district, appraised by the Department of Justice', async () => {
    const h1 = await as('huyen1.daumoi');
    const stp = await as('stp.daumoi');
    try {
      await visit(h1, '/app/danh-gia-tac-dong');
      await h1.getByRole('button', { name: 'Tạo hồ sơ đánh giá tác động' }).click();
      const form = h1.getByRole('form', { name: 'Tạo hồ sơ đánh giá' });
      const title = `Dự thảo quyết định về cấp phép biển quảng cáo ${tag}`;
      await form.getByLabel('Tên dự thảo văn bản').fill(title);
      await form.getByLabel('Loại văn bản').fill('Quyết định');
      await form.getByLabel('Thủ tục 1: tên').fill('Cấp phép biển quảng cáo tạm thời');
      await form.getByLabel('Sự cần thiết').fill('Cần để quản lý quảng cáo ngoài trời');
      await form.getByLabel('Chi phí tuân thủ ước tính (đồng/năm)').fill('250000');
      await form.getByRole('button', { name: 'Tạo hồ sơ đánh giá' }).click();
      await h1.getByRole('heading', { level: 1, name: title }).waitFor();
      await waitForText(h1.getByTestId('ia-status'), /Dự thảo/);
      await h1.getByRole('button', { name: 'Gửi Sở Tư pháp thẩm định' }).click();
      await waitForText(h1.getByTestId('ia-status'), /Đã gửi Sở Tư pháp/);
      await waitForText(h1.getByTestId('ia-due'), /\d{2}\/\d{2}\/\d{4} — còn \d+ ngày làm việc/);
      const path = new URL(h1.url()).pathname;

      await visit(stp, `/app/danh-gia-tac-dong?q=${tag}&trang_thai=sent`);
      await stp.getByRole('table', { name: 'Hồ sơ đánh giá tác động' }).getByRole('link', { name: title }).click();
      await stp.getByRole('heading', { level: 1, name: title }).waitFor();
      const appraise = stp.getByRole('form', { name: 'Ý kiến thẩm định' });
      await appraise.getByLabel('Ý kiến thẩm định').fill('Đồng ý; đề nghị bổ sung chi phí tuân thủ');
      await appraise.getByRole('button', { name: 'Ghi ý kiến thẩm định' }).click();
      await waitForText(stp.getByTestId('ia-status'), /Đã có ý kiến thẩm định/);
      await waitForText(stp.getByTestId('ia-opinion'), /Đồng ý; đề nghị bổ sung chi phí tuân thủ/);
      await visit(h1, path);
      await waitForText(h1.getByTestId('ia-opinion'), /Đồng ý; đề nghị bổ sung chi phí tuân thủ/);
      noErrors(h1);
      noErrors(stp);
    } finally {
      await h1.closeAll();
      await stp.closeAll();
    }
  });

  test('an initiative: proposed by a commune, assessed and adopted by the Provincial Office', async () => {
    const xa = await as('xa11.daumoi');
    const vp = await as('vp.kstt');
    try {
      await visit(xa, '/app/sang-kien');
      await xa.getByRole('button', { name: 'Đề xuất sáng kiến' }).click();
      const form = xa.getByRole('form', { name: 'Đề xuất sáng kiến' });
      const title = `Sáng kiến trả kết quả tại nhà ${tag}`;
      await form.getByLabel('Tên sáng kiến').fill(title);
      await form.getByLabel('Nội dung', { exact: true }).fill('Trả kết quả qua bưu chính công ích cho người cao tuổi');
      await form.getByLabel('Hiệu quả dự kiến').fill('Giảm đi lại');
      await form.getByRole('button', { name: 'Gửi sáng kiến' }).click();
      await xa.getByRole('heading', { level: 1, name: title }).waitFor();
      await waitForText(xa.getByTestId('ini-status'), /Đã đề xuất/);
      const path = new URL(xa.url()).pathname;

      await visit(vp, path);
      const assess = vp.getByRole('form', { name: 'Đánh giá sáng kiến' });
      await assess.getByLabel('Nội dung đánh giá').fill('Khả thi, chi phí thấp');
      await assess.getByLabel('Điểm (1–100, nếu có)').fill('90');
      await assess.getByRole('button', { name: 'Ghi nhận đánh giá' }).click();
      await waitForText(vp.getByTestId('ini-status'), /Đã đánh giá/);
      const decide = vp.getByRole('form', { name: 'Quyết định công nhận' });
      await decide.getByLabel('Số quyết định').fill('45/QĐ-UBND');
      await decide.getByLabel('Ngày quyết định').fill('10/02/2026');
      await decide.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
      await waitForText(vp.getByTestId('ini-status'), /Được công nhận/);
      await waitForText(vp.getByTestId('ini-decision'), /45\/QĐ-UBND \(10\/02\/2026\)/);
      // the list's filters: words and status, kept in the address
      await visit(xa, '/app/sang-kien');
      const filters = xa.getByRole('search', { name: 'Lọc sáng kiến' });
      await filters.getByLabel('Từ khóa').fill(tag);
      await filters.getByLabel('Trạng thái').selectOption('adopted');
      await filters.getByRole('button', { name: 'Lọc' }).click();
      await xa.waitForURL((u) => u.searchParams.get('trang_thai') === 'adopted' && u.searchParams.get('q') === tag);
      await waitForText(xa.getByRole('table', { name: 'Sáng kiến cải cách TTHC' }), new RegExp(`${title}[\\s\\S]*45/QĐ-UBND`));
      noErrors(xa);
      noErrors(vp);
    } finally {
      await xa.closeAll();
      await vp.closeAll();
    }
  });
});
