// Public submissions (issue 11, item 6): a ceiling per phone number (from the feedback rule set,
// 5 in 24 hours) answered 429 with a Vietnamese message and Retry-After; the receipt is mailed
// only to an address the sender confirms with a one-time code (mailed after a proof of work, a
// few a day per address); without it the receipt is the page with the tracking code.
// The test stack sends mail to a closed port, so every mail stays in mail_outbox where it is read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertProblem } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, altcha, form, preq, submit } from './feedback.lib.mjs';

const next = addressPool(87);
const uniquePhone = () => `08${String(randomBytes(4).readUInt32BE(0) % 100000000).padStart(8, '0')}`;
const uniqueEmail = () => `xacnhan.${randomBytes(5).toString('hex')}@example.vn`;
const q = (s) => `'${String(s).replace(/[^0-9A-Za-z_.@\-]/g, '')}'`;

const outbox = (to) => sql(`SELECT subject, body FROM mail_outbox WHERE recipient = ${q(to)} ORDER BY id`).map(([subject, body]) => ({ subject, body: body.replace(/\\n/g, '\n') }));
const itemOf = (code) => {
  const bare = code.replace(/-/g, '');
  const [row] = sql(`SELECT COALESCE(email, ''), COALESCE(email_unconfirmed, ''), phone_key FROM feedback WHERE tracking_code = ${q(bare)}`);
  return { email: row[0] || null, unconfirmed: row[1] || null, phone_key: row[2] };
};

async function requestCode(email, extra = {}) {
  return preq('POST', '/api/v1/public/email-code', { body: { email, altcha: await altcha(next()), ...extra }, local: next() });
}
const codeIn = (mail) => mail.body.match(/là: (\d{6})/)?.[1];

describe('ceiling per phone number', () => {
  test('5 submissions from one number in 24 hours, the 6th is 429 with Retry-After; the number in another spelling too', async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++) {
      const { r } = await submit(next, { phone });
      assert.equal(r.status, 201, `submission ${i + 1}: ${r.text}`);
    }
    const { r, body } = await submit(next, { phone });
    assertProblem(r, 429);
    assert.match(r.json.detail, /Số điện thoại này đã gửi 5 phản ánh, kiến nghị trong 24 giờ qua/);
    const ra = Number(r.headers.get('retry-after'));
    assert.ok(ra > 80000 && ra <= 86400, `Retry-After ${ra}`);
    assert.equal(sql(`SELECT COUNT(*) FROM feedback WHERE title = ${q(body.title)}`)[0][0], '0', 'nothing stored');
    // +84 and spaces are the same number.
    const intl = `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
    assertProblem((await submit(next, { phone: intl })).r, 429);
    // Another number goes through; the proof of work of a refused form is not spent.
    const pow = await altcha(next());
    assertProblem((await submit(next, { phone, altcha: pow })).r, 429);
    const { r: other } = await submit(next, { phone: uniquePhone(), altcha: pow });
    assert.equal(other.status, 201, other.text);
  });
});

describe('receipt mail only to a confirmed address', () => {
  test('meta says the form may confirm an address', async () => {
    const r = await preq('GET', '/api/v1/public/feedback/meta', { local: next() });
    assert.equal(r.json.email_confirmation, true);
  });

  test('without a code: 201, no mail at all, the address kept apart from the one mail goes to', async () => {
    const email = uniqueEmail();
    const { r } = await submit(next, { email });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.receipt_mailed, false);
    assert.deepEqual(outbox(email), [], 'no mail to an unconfirmed address');
    const it = itemOf(r.json.tracking_code);
    assert.equal(it.email, null);
    assert.equal(it.unconfirmed, email);
  });

  test('a code mailed after a proof of work confirms the address: the receipt goes there, once', async () => {
    const email = uniqueEmail();
    const c = await requestCode(email);
    assert.equal(c.status, 202, c.text);
    assert.deepEqual(c.json, { sent: true, expires_in: 900 });
    const mails = outbox(email);
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /Mã xác nhận/);
    const code = codeIn(mails[0]);
    assert.match(code, /^\d{6}$/);
    // A wrong code: 422 on email_code, nothing stored.
    const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
    const { r: bad, body: badBody } = await submit(next, { email, email_code: wrong });
    assertProblem(bad, 422, 'email_code');
    assert.equal(sql(`SELECT COUNT(*) FROM feedback WHERE title = ${q(badBody.title)}`)[0][0], '0');
    // The right code (the address in another case is the same address).
    const { r } = await submit(next, { email: email.toUpperCase(), email_code: code });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.receipt_mailed, true);
    const after = outbox(email); // the code, then the receipt
    assert.equal(after.length, 2, 'the code and the receipt');
    assert.match(after[1].subject, /Xác nhận đã nhận phản ánh/);
    assert.ok(after[1].body.includes(r.json.tracking_code), 'the receipt names the tracking code');
    assert.equal(itemOf(r.json.tracking_code).email, email.toUpperCase());
    // The code is spent.
    const { r: again } = await submit(next, { email, email_code: code });
    assertProblem(again, 422, 'email_code');
  });

  test('five wrong guesses spend the live code', async () => {
    const email = uniqueEmail();
    assert.equal((await requestCode(email)).status, 202);
    const code = codeIn(outbox(email)[0]);
    for (let i = 1; i <= 5; i++) {
      const guess = String((Number(code) + i) % 1000000).padStart(6, '0');
      assertProblem((await submit(next, { email, email_code: guess })).r, 422, 'email_code');
    }
    assertProblem((await submit(next, { email, email_code: code })).r, 422, 'email_code');
  });

  test('codes: a proof of work each, 3 a day per address (429), bad input 422', async () => {
    const email = uniqueEmail();
    const pow = await altcha(next());
    assert.equal((await preq('POST', '/api/v1/public/email-code', { body: { email, altcha: pow }, local: next() })).status, 202);
    const replay = await preq('POST', '/api/v1/public/email-code', { body: { email, altcha: pow }, local: next() });
    assertProblem(replay, 422, 'altcha');
    assert.equal((await requestCode(email)).status, 202);
    assert.equal((await requestCode(email)).status, 202);
    const fourth = await requestCode(email);
    assertProblem(fourth, 429);
    assert.match(fourth.json.detail, /đã nhận đủ số mã xác nhận/);
    assert.ok(Number(fourth.headers.get('retry-after')) > 0);
    assert.equal(outbox(email).length, 3);
    assertProblem(await requestCode('khong-phai-thu'), 422, 'email');
    assertProblem(await preq('POST', '/api/v1/public/email-code', { body: { email: uniqueEmail() }, local: next() }), 422, 'altcha');
    assertProblem((await submit(next, { email: uniqueEmail(), email_code: '12ab' })).r, 422, 'email_code');
    assertProblem((await submit(next, { email: '', email_code: '123456' })).r, 422, 'email_code');
  });
});
