// Following a published answer and its correction (issue 16) in the browser: on the answer's own
// page a person asks for a code, types it from the mail (read from mail_outbox: the test stack
// keeps mail there) and follows; the coordinator corrects the answer in the staff item's dialog;
// the public page then shows the current answer with "Đã đính chính ngày …" and the reason, and
// the follower's correction mail is queued. axe-core on every new state, at 1366 and 360 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { axeViolations, launch, login, newPage, visit } from '../lib/browser.mjs';
import { login as apiLogin, req, unitByCode } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, submit } from '../api/feedback.lib.mjs';

const SLOW = { timeout: 120000 };
const next = addressPool(173);
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
];

async function axe(page, what) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
}

async function publishedItem() {
  const vp = await apiLogin('vp.kstt');
  const xa = await apiLogin('xa11.daumoi');
  const x0101 = (await unitByCode('X0101')).id;
  const { r } = await submit(next);
  assert.equal(r.status, 201, r.text);
  const l = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: vp });
  const id = l.json.items[0].id;
  const steps = [
    [vp, 'accept', { field: 'Hộ tịch' }],
    [vp, 'forward', { unit_id: x0101 }],
    [xa, 'receive', undefined],
    [xa, 'submit', { answer: 'Câu trả lời ban đầu của đơn vị.' }],
    [vp, 'publish', {}],
  ];
  for (const [token, action, body] of steps) {
    const s = await req('POST', `/api/v1/feedback/${id}/${action}`, { token, body });
    assert.equal(s.status, 200, `${action}: ${s.text}`);
  }
  return id;
}

const mails = (to, like) => sql(`SELECT body FROM mail_outbox WHERE recipient = '${to}' AND subject LIKE '${like}' ORDER BY id`).map(([b]) => b.replace(/\\n/g, '\n'));

for (const vp of VIEWPORTS) {
  describe(`follow and correction at ${vp.width} px`, () => {
    let browser;
    let id;
    const m = randomBytes(4).toString('hex');
    const email = `theodoi.e2e.${m}@example.vn`;
    before(async () => {
      browser = await launch();
      id = await publishedItem();
    });
    after(async () => {
      await browser?.close();
    });

    test('follow from the answer page with the mailed code', SLOW, async () => {
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      try {
        await visit(page, `/phan-anh/da-tra-loi/${id}`);
        const box = page.getByRole('region', { name: 'Theo dõi câu trả lời này' });
        await box.waitFor();
        await axe(page, 'follow form');
        await box.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
        await box.getByText('Nhập đúng địa chỉ thư điện tử').waitFor();
        await axe(page, 'follow form with an error');
        await box.getByLabel('Địa chỉ thư điện tử').fill(email);
        await box.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
        await box.getByText('Mã xác nhận đã được gửi tới').waitFor({ timeout: 60000 });
        await axe(page, 'code step');
        const code = mails(email, 'Mã xác nhận%').at(-1).match(/là: (\d{6})/)[1];
        await box.getByLabel('Mã xác nhận').fill(code);
        await box.getByRole('button', { name: 'Theo dõi' }).click();
        await page.getByTestId('follow-done').waitFor();
        await axe(page, 'following');
        assert.equal(sql(`SELECT COUNT(*) FROM feedback_follows WHERE feedback_id = ${id} AND email = '${email}'`)[0][0], '1');
      } finally {
        await page.context().close();
      }
    });

    test('the coordinator corrects the answer; the public page shows the correction', SLOW, async () => {
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      try {
        await login(page, 'vp.kstt');
        await visit(page, `/app/phan-anh/${id}`);
        await page.getByRole('button', { name: 'Đính chính câu trả lời' }).click();
        const dlg = page.getByRole('dialog');
        await dlg.getByLabel('Lý do đính chính').waitFor();
        await axe(page, 'correction dialog');
        await dlg.getByLabel('Nội dung trả lời sau đính chính').fill(`Câu trả lời đã đính chính ${m}.`);
        await dlg.getByLabel('Lý do đính chính').fill(`Sai số hiệu văn bản ${m}`);
        await dlg.getByRole('button', { name: 'Đính chính câu trả lời' }).click();
        await dlg.waitFor({ state: 'detached' });
        await page.getByText(`Lý do: Sai số hiệu văn bản ${m}`).waitFor();
        await visit(page, `/phan-anh/da-tra-loi/${id}`);
        await page.getByTestId('answer-text').getByText(`Câu trả lời đã đính chính ${m}.`).waitFor();
        const c = page.getByTestId('correction');
        await c.getByText('Đã đính chính ngày').waitFor();
        assert.match(await c.textContent(), new RegExp(`Lý do: Sai số hiệu văn bản ${m}`));
        await axe(page, 'corrected answer');
        const sent = mails(email, 'Đính chính%');
        assert.equal(sent.length, 1);
        assert.match(sent[0], new RegExp(`/phan-anh/da-tra-loi/${id}`));
        assert.match(sent[0], /\/api\/v1\/public\/unfollow\?token=[0-9a-f]{64}/);
      } finally {
        await page.context().close();
      }
    });
  });
}
