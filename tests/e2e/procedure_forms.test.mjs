// The forms a procedure offers (mẫu đơn, tờ khai, issue 16) in the browser: a province specialist
// uploads a form on the procedure's staff page, a citizen downloads it from the public page (at
// 360 px too), the specialist withdraws it and the public page no longer offers it. axe on each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { axeViolations, launch, login, newPage, visit, waitForCount } from '../lib/browser.mjs';
import { req, login as apiLogin } from '../lib/api.mjs';

/** A throwaway procedure the admin makes: { id, code }. */
async function newProcedure() {
  const admin = await apiLogin('admin');
  const fields = await req('GET', '/api/v1/procedure-fields', { token: admin });
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = `1.8${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const r = await req('POST', '/api/v1/procedures', {
      token: admin,
      body: { code, name: `Thủ tục thử mẫu đơn ${randomBytes(3).toString('hex')}`, field_id: fields.json.items[0].id, levels: ['commune'] },
    });
    if (r.status === 201) return r.json;
  }
  throw new Error('no free procedure code');
}

describe('procedure forms', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a specialist uploads a form, a citizen downloads it on a phone, the withdrawn form leaves the public page', async () => {
    const p = await newProcedure();
    const pdf = Buffer.from(`%PDF-1.4\n% to khai ${randomBytes(6).toString('hex')}\n%%EOF\n`);
    const staff = await newPage(browser);
    try {
      await login(staff, 'vp.kstt');
      await visit(staff, `/app/thu-tuc/${p.id}`);
      const card = staff.locator('section.card', { has: staff.getByRole('heading', { level: 2, name: 'Mẫu đơn, tờ khai' }) });
      await card.getByText('Thủ tục chưa có tệp mẫu đơn, tờ khai').waitFor();
      // Sending with no file names the field in Vietnamese, without a request.
      await card.getByRole('button', { name: 'Tải lên', exact: true }).click();
      await card.getByText('Hãy chọn ít nhất một tệp mẫu đơn, tờ khai.').waitFor();
      await card.getByLabel('Tải lên mẫu đơn, tờ khai').setInputFiles({ name: 'To khai dang ky.pdf', mimeType: 'application/pdf', buffer: pdf });
      await card.getByRole('button', { name: 'Tải lên', exact: true }).click();
      await staff.getByText('Đã tải lên 1 tệp mẫu đơn, tờ khai.').waitFor();
      const link = card.getByRole('link', { name: 'To khai dang ky.pdf' });
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), `/api/v1/procedures/${p.id}/forms/1`);
      assert.deepEqual(await axeViolations(staff), []);

      const citizen = await newPage(browser, { width: 360, height: 740 });
      try {
        await visit(citizen, `/thu-tuc/${p.code}`);
        const pub = citizen.getByRole('link', { name: 'To khai dang ky.pdf' });
        await pub.waitFor();
        const [download] = await Promise.all([citizen.waitForEvent('download'), pub.click()]);
        assert.equal(download.suggestedFilename(), 'To khai dang ky.pdf');
        assert.ok(readFileSync(await download.path()).equals(pdf), 'the bytes uploaded');
        const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal overflow at 360 px (${overflow})`);
        assert.deepEqual(await axeViolations(citizen), []);
      } finally {
        await citizen.closeAll();
      }

      await card.getByRole('button', { name: 'Gỡ To khai dang ky.pdf' }).click();
      await staff.getByRole('dialog').getByRole('button', { name: 'Gỡ khỏi trang công khai' }).click();
      await staff.getByText('Đã gỡ "To khai dang ky.pdf" khỏi trang công khai.').waitFor();
      await waitForCount(card.getByRole('link', { name: 'To khai dang ky.pdf' }), 0);

      const later = await newPage(browser);
      try {
        await visit(later, `/thu-tuc/${p.code}`);
        await later.getByRole('heading', { level: 2, name: 'Mẫu đơn, tờ khai' }).waitFor();
        await later.getByText(/tệp mẫu để tải về có tại/).waitFor();
        assert.equal(await later.getByRole('link', { name: 'To khai dang ky.pdf' }).count(), 0);
      } finally {
        await later.closeAll();
      }
    } finally {
      await staff.closeAll();
    }
  });
});
