// Following a published answer and the coordinator's correction (issue 16): follow with the
// e-mail proof (validation, 404 for anything not published, idempotent), the correction's rights
// and state (409 unless published), its event (before/after) and audit rows, one mail per
// follower with the answer's link and an unsubscribe link, none after unfollowing, the
// unsubscribe link itself, and the public answer's keys (only the correction fields added).
// The test stack sends mail to a closed port, so every mail stays in mail_outbox where it is read.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PASSWORD, assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, altcha, preq, submit } from './feedback.lib.mjs';

const next = addressPool(171);
const T = {};
const U = {};
// issue 20 added the reply letters and the reopening (reopened, its time and reason)
const KEYS = ['answer', 'content', 'corrected_at', 'correction_reason', 'field', 'id', 'letters', 'published', 'published_at', 'received_on', 'reopen_reason', 'reopened', 'reopened_at', 'title', 'type', 'type_label', 'unit_id', 'unit_name'];
const q = (s) => `'${String(s).replace(/[^0-9A-Za-z_.@\-]/g, '')}'`;
const email = () => `theodoi.${randomBytes(5).toString('hex')}@example.vn`;
const outbox = (to, like = '%') =>
  sql(`SELECT subject, body FROM mail_outbox WHERE recipient = ${q(to)} AND subject LIKE '${like}' ORDER BY id`).map(([subject, body]) => ({
    subject,
    body: body.replace(/\\n/g, '\n'),
  }));

async function act(who, id, action, body) {
  const r = await req(action === 'answer' ? 'PUT' : 'POST', `/api/v1/feedback/${id}/${action}`, { token: T[who], body });
  assert.equal(r.status, 200, `${who} ${action}: ${r.text}`);
  return r.json;
}

async function itemAt(stage) {
  const { r } = await submit(next);
  assert.equal(r.status, 201, r.text);
  const s = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: T.vp });
  const id = s.json.items[0].id;
  if (stage === 'new') return id;
  await act('vp', id, 'accept', { field: 'Đất đai' });
  await act('vp', id, 'forward', { unit_id: U.X0101 });
  await act('xa11', id, 'receive');
  await act('xa11', id, 'submit', { answer: 'Trả lời ban đầu.' });
  if (stage === 'answered') return id;
  await act('vp', id, 'publish', {});
  return id;
}

/** A fresh e-mail code for the address, read from the outbox. */
async function codeFor(addr) {
  const r = await preq('POST', '/api/v1/public/email-code', { body: { email: addr, altcha: await altcha(next()) }, local: next() });
  assert.equal(r.status, 202, r.text);
  const mails = outbox(addr, 'Mã xác nhận%');
  return mails[mails.length - 1].body.match(/là: (\d{6})/)[1];
}

const follow = (id, body) => preq('POST', `/api/v1/public/answers/${id}/follow`, { body, local: next() });
const unfollowLink = (mail) => mail.body.match(/(\/api\/v1\/public\/unfollow\?token=[0-9a-f]{64})/)[1];

before(async () => {
  T.vp = await login('vp.kstt');
  T.xa11 = await login('xa11.daumoi');
  T.leader = await login('lanhdao.tinh');
  U.X0101 = (await unitByCode('X0101')).id;
  const admin = await login('admin');
  const username = `xem.td.${randomBytes(3).toString('hex')}`;
  const c = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username, full_name: 'Người Xem Thử', unit_id: (await unitByCode('H01')).id, role: 'viewer', password: PASSWORD },
  });
  assert.equal(c.status, 201, c.text);
  T.viewer = await login(username);
});

describe('follow a published answer', () => {
  let id;
  before(async () => {
    id = await itemAt('published');
  });

  test('validation: bad address, missing or wrong code (422); unknown or unpublished item (404)', async () => {
    assertProblem(await follow(id, { email: 'khong-phai-thu', email_code: '123456' }), 422, 'email');
    assertProblem(await follow(id, { email: email() }), 422, 'email_code');
    assertProblem(await follow(id, { email: email(), email_code: '000000' }), 422, 'email_code');
    assertProblem(await follow(id, { email: email(), email_code: '1', extra: 1 }), 422);
    const addr = email();
    const code = await codeFor(addr);
    assertProblem(await follow(99999999, { email: addr, email_code: code }), 404);
    assertProblem(await follow(await itemAt('new'), { email: addr, email_code: code }), 404);
    // the code was not spent on the refusals
    assert.equal((await follow(id, { email: addr, email_code: code })).status, 201);
  });

  test('201 {following: true}, the same address again 200 (one row)', async () => {
    const addr = email();
    const r = await follow(id, { email: addr, email_code: await codeFor(addr) });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json, { following: true });
    const again = await follow(id, { email: addr.toUpperCase(), email_code: await codeFor(addr) });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, { following: true });
    const [[n, hash]] = sql(`SELECT COUNT(*), MAX(token_hash) FROM feedback_follows WHERE feedback_id = ${id} AND email_key = ${q(addr)}`);
    assert.equal(n, '1');
    assert.match(hash, /^[0-9a-f]{64}$/);
  });

  test('a spent code does not follow twice', async () => {
    const addr = email();
    const code = await codeFor(addr);
    assert.equal((await follow(id, { email: addr, email_code: code })).status, 201);
    const other = await itemAt('published');
    assertProblem(await follow(other, { email: addr, email_code: code }), 422, 'email_code');
  });
});

test('the public rate limit holds on follow: a fast burst gets 429 problem+json', async () => {
  const id = await itemAt('published');
  const local = '127.0.174.1'; // a source address of its own
  const rs = await Promise.all(Array.from({ length: 80 }, () => preq('POST', `/api/v1/public/answers/${id}/follow`, { body: { email: email(), email_code: '000000' }, local })));
  const limited = rs.filter((r) => r.status === 429);
  assert.ok(limited.length > 0, 'some 429');
  assert.match(limited[0].headers.get('content-type'), /application\/problem\+json/);
});

describe('the coordinator corrects a published answer', () => {
  let id;
  const a = email();
  const b = email();
  const c = email();
  before(async () => {
    id = await itemAt('published');
    for (const addr of [a, b]) assert.equal((await follow(id, { email: addr, email_code: await codeFor(addr) })).status, 201);
  });

  test('rights: commune, leader and viewer refused (403); unpublished 409; bad body 422', async () => {
    const body = { answer: 'Trả lời đính chính.', reason: 'Sai số liệu' };
    assertProblem(await req('POST', `/api/v1/feedback/${id}/correct`, { token: T.xa11, body }), 403);
    assertProblem(await req('POST', `/api/v1/feedback/${id}/correct`, { token: T.leader, body }), 403);
    assertProblem(await req('POST', `/api/v1/feedback/${id}/correct`, { token: T.viewer, body }), 403);
    assertProblem(await req('POST', `/api/v1/feedback/${id}/correct`, { body }), 401);
    const answered = await itemAt('answered');
    const r = await req('POST', `/api/v1/feedback/${answered}/correct`, { token: T.vp, body });
    assertProblem(r, 409);
    assertProblem(await req('POST', `/api/v1/feedback/${id}/correct`, { token: T.vp, body: { answer: '', reason: 'x' } }), 422);
    assertProblem(await req('POST', '/api/v1/feedback/99999999/correct', { token: T.vp, body }), 404);
    assert.equal(sql(`SELECT COUNT(*) FROM feedback_events WHERE feedback_id = ${id} AND action = 'correct'`)[0][0], '0');
  });

  test('the correction: answer replaced, event and audit keep before/after, one mail per follower', async () => {
    const r = await req('POST', `/api/v1/feedback/${id}/correct`, {
      token: T.vp,
      body: { answer: 'Trả lời đã đính chính lần một.', reason: 'Sai căn cứ pháp lý' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'published');
    assert.equal(r.json.answer_text, 'Trả lời đã đính chính lần một.');
    assert.equal(r.json.correction_reason, 'Sai căn cứ pháp lý');
    assert.ok(r.json.corrected_at);
    const [ev] = sql(`SELECT before_text, after_text, note, actor_kind, from_status, to_status FROM feedback_events WHERE feedback_id = ${id} AND action = 'correct'`);
    assert.deepEqual(ev, ['Trả lời ban đầu.', 'Trả lời đã đính chính lần một.', 'Sai căn cứ pháp lý', 'coordinator', 'published', 'published']);
    const [au] = sql(`SELECT actor_username, before_json, after_json FROM audit_log WHERE action = 'feedback.correct' AND entity_id = ${id}`);
    assert.equal(au[0], 'vp.kstt');
    assert.equal(JSON.parse(au[1]).answer, 'Trả lời ban đầu.');
    assert.deepEqual(JSON.parse(au[2]), { answer: 'Trả lời đã đính chính lần một.', reason: 'Sai căn cứ pháp lý' });
    for (const addr of [a, b]) {
      const mails = outbox(addr, 'Đính chính%');
      assert.equal(mails.length, 1, addr);
      assert.match(mails[0].body, new RegExp(`/phan-anh/da-tra-loi/${id}\\b`));
      assert.match(mails[0].body, /Sai căn cứ pháp lý/);
      assert.match(mails[0].body, /\/api\/v1\/public\/unfollow\?token=[0-9a-f]{64}/);
    }
    assert.notEqual(unfollowLink(outbox(a, 'Đính chính%')[0]), unfollowLink(outbox(b, 'Đính chính%')[0]));
    assert.equal(outbox(c, 'Đính chính%').length, 0);
  });

  test('the public answer: the current text and the correction fields, nothing else new', async () => {
    const r = await preq('GET', `/api/v1/public/answers/${id}`, { local: next() });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), KEYS);
    assert.equal(r.json.answer, 'Trả lời đã đính chính lần một.');
    assert.equal(r.json.correction_reason, 'Sai căn cứ pháp lý');
    assert.ok(r.json.corrected_at);
    const l = await preq('GET', `/api/v1/public/feedback?per_page=50`, { local: next() });
    const row = l.json.items.find((x) => x.id === id);
    assert.ok(row, 'in the public list');
    assert.equal(row.correction_reason, 'Sai căn cứ pháp lý');
    const track = sql(`SELECT tracking_code FROM feedback WHERE id = ${id}`)[0][0];
    const t = await preq('GET', `/api/v1/public/feedback/${track}`, { local: next() });
    assert.equal(t.status, 200, t.text);
    assert.ok(!t.text.includes('Trả lời ban đầu.'), 'the tracking view shows the current answer only');
  });

  test('unfollow by token: a page, then 404; a bad token 422/404; no mail after it', async () => {
    const link = unfollowLink(outbox(b, 'Đính chính%')[0]);
    const r = await preq('GET', link, { local: next() });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.text, /đã hủy theo dõi/);
    assert.ok(!/style=|<script/.test(r.text), 'nothing the CSP would block');
    assertProblem(await preq('GET', link, { local: next() }), 404);
    assertProblem(await preq('GET', '/api/v1/public/unfollow?token=abc', { local: next() }), 422, 'token');
    assertProblem(await preq('GET', '/api/v1/public/unfollow', { local: next() }), 422, 'token');
    assertProblem(await preq('GET', `/api/v1/public/unfollow?token=${'0'.repeat(64)}`, { local: next() }), 404);
    const r2 = await req('POST', `/api/v1/feedback/${id}/correct`, { token: T.vp, body: { answer: 'Lần hai.', reason: 'Bổ sung căn cứ' } });
    assert.equal(r2.status, 200, r2.text);
    assert.equal(outbox(a, 'Đính chính%').length, 2);
    assert.equal(outbox(b, 'Đính chính%').length, 1);
    assert.equal(sql(`SELECT COUNT(*) FROM feedback_events WHERE feedback_id = ${id} AND action = 'correct'`)[0][0], '2');
  });
});
