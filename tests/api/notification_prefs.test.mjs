// Notification preferences and the daily digest (issue 15): GET/PUT /api/v1/me/notification-
// preferences (every kind with its label and the caller's choice, defaults when never chosen,
// partial lists, 422 naming the bad element's field, each user reads and writes only their own);
// the one producer queues a mail for a new notification only to a recipient who chose
// "immediate" for its kind (here report.remind, from the parent unit's reminder); the job
// notification-digest mails a user who chose "digest" once a day with the right items, unread
// first, and nothing on a second run. Each run makes its own district and commune.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { kstt } from '../lib/stack.mjs';
import { sql } from './storage.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const T = {};
const U = {};
const MAIL = `np.${RUN.toLowerCase()}@example.vn`;
const PREFS = '/api/v1/me/notification-preferences';

async function ok(who, method, path, body, status = 200) {
  const r = await req(method, path, { token: T[who], body });
  assert.equal(r.status, status, `${who} ${method} ${path}: ${r.text}`);
  return r.json;
}
async function unit(key, level, parent) {
  const body = { code: `P${RUN}${key}`, name: `Đơn vị nhận thư ${RUN} ${key}`, level, parent_id: parent, valid_from: '2020-01-01' };
  U[key] = await ok('admin', 'POST', '/api/v1/units', body, 201);
}
async function user(key, unitKey, role, extra = {}) {
  const username = `np${RUN.toLowerCase()}.${key}`;
  const password = `Np@${RUN}aa1`;
  U[`u_${key}`] = await ok('admin', 'POST', '/api/v1/users', { username, full_name: `Cán bộ ${key}`, unit_id: U[unitKey].id, role, password, ...extra }, 201);
  T[key] = await login(username, password);
}
const mails = () => sql(`SELECT subject, body FROM mail_outbox WHERE recipient = '${MAIL}' ORDER BY id`).map(([s, b]) => ({ subject: s, body: b.replace(/\\n/g, '\n') }));
const remind = (period) => ok('d', 'POST', '/api/v1/reports/remind', { period, unit_id: U.C.id });

before(async () => {
  T.admin = await login('admin');
  U.root = await unitByCode('NDH');
  await unit('D', 'district', U.root.id);
  await unit('C', 'commune', U.D.id);
  await user('d', 'D', 'officer', { focal_officer: true });
  await user('c', 'C', 'officer', { focal_officer: true, email: MAIL });
  await user('c2', 'C', 'officer');
});

test('GET lists every kind with its Vietnamese label and the defaults when the user never chose', async () => {
  const p = await ok('c', 'GET', PREFS);
  assert.equal(p.email, MAIL);
  assert.equal(p.digest_hour, 7);
  const by = Object.fromEntries(p.kinds.map((k) => [k.kind, k.mail]));
  for (const k of ['assignment.created', 'assignment.due_soon', 'assignment.overdue', 'task.update', 'feedback.forwarded',
    'feedback.returned', 'feedback.answered', 'feedback.sent_back', 'feedback.info_reply', 'feedback.overdue',
    'feedback.due_soon', 'report.remind', 'report.returned', 'report.accepted', 'comment.mention',
    'review.submitted', 'review.accepted', 'review.returned', 'followup.overdue'])
    assert.ok(k in by, `kind ${k} listed`);
  assert.equal(by['assignment.due_soon'], 'immediate');
  assert.equal(by['assignment.overdue'], 'immediate');
  assert.equal(by['comment.mention'], 'immediate');
  assert.equal(by['report.returned'], 'immediate');
  assert.equal(by['feedback.overdue'], 'digest');
  assert.equal(by['assignment.created'], 'none');
  assert.ok(p.kinds.every((k) => typeof k.label === 'string' && /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(k.label)), 'Vietnamese labels');
  const anon = await req('GET', PREFS);
  assert.equal(anon.status, 401);
});

test('PUT changes only what is sent; bad input is 422 naming the field; each user has their own', async () => {
  const p = await ok('c2', 'PUT', PREFS, { digest_hour: 6, kinds: [{ kind: 'task.update', mail: 'digest' }] });
  assert.equal(p.digest_hour, 6);
  assert.equal(p.kinds.find((k) => k.kind === 'task.update').mail, 'digest');
  assert.equal(p.kinds.find((k) => k.kind === 'report.remind').mail, 'immediate', 'others keep their default');
  // what GET answered may be sent back as is (label ignored)
  const back = await ok('c2', 'PUT', PREFS, { kinds: p.kinds });
  assert.deepEqual(back, p);
  // another user is untouched
  const other = await ok('c', 'GET', PREFS);
  assert.equal(other.digest_hour, 7);
  assert.equal(other.kinds.find((k) => k.kind === 'task.update').mail, 'none');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { kinds: [{ kind: 'task.update', mail: 'digest' }, { kind: 'no.such', mail: 'none' }] } }), 422, 'kinds[1].kind');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { kinds: [{ kind: 'task.update', mail: 'weekly' }] } }), 422, 'kinds[0].mail');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { kinds: [{ kind: 'task.update', mail: 'none', extra: 1 }] } }), 422, 'kinds[0].extra');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { kinds: 'all' } }), 422, 'kinds');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { digest_hour: 24 } }), 422, 'digest_hour');
  assertProblem(await req('PUT', PREFS, { token: T.c2, body: { email: 'x@example.vn' } }), 422, 'email');
  // nothing of the refused requests was stored
  assert.deepEqual(await ok('c2', 'GET', PREFS), p);
  // there is no way to name another user: the path is the caller's own
  assert.equal((await req('PUT', PREFS)).status, 401);
});

test('immediate: a mail with each new notification; none: the notification only; digest: one mail a day', async () => {
  const start = mails().length;
  // default report.remind = immediate
  const r1 = await remind('2025-Q1');
  assert.equal(r1.notifications, 1);
  let m = mails();
  assert.equal(m.length, start + 1, 'one mail for the immediate kind');
  assert.match(m.at(-1).subject, /2025-Q1/);
  assert.match(m.at(-1).body, /Xem tại: .*\/app\/bao-cao/);

  await ok('c', 'PUT', PREFS, { kinds: [{ kind: 'report.remind', mail: 'none' }] });
  assert.equal((await remind('2025-Q2')).notifications, 1);
  assert.equal(mails().length, start + 1, 'no mail for none');

  await ok('c', 'PUT', PREFS, { digest_hour: 0, kinds: [{ kind: 'report.remind', mail: 'digest' }] });
  assert.equal((await remind('2025-Q3')).notifications, 1);
  assert.equal(mails().length, start + 1, 'no immediate mail for digest');
  // one of the three read: the unread ones come first in the digest
  const mine = (await ok('c', 'GET', '/api/v1/notifications?per_page=50')).items.filter((n) => n.kind === 'report.remind');
  assert.equal(mine.length, 3);
  const q2 = mine.find((n) => n.title.includes('2025-Q2'));
  assert.equal((await req('POST', `/api/v1/notifications/${q2.id}/read`, { token: T.c })).status, 204);

  assert.match(kstt('run-job', 'notification-digest'), /run-job: notification-digest done/);
  m = mails();
  assert.equal(m.length, start + 2, 'one digest mail');
  const d = m.at(-1);
  assert.match(d.subject, /Tổng hợp thông báo ngày .*: 3 thông báo/);
  const lines = d.body.split('\n').filter((l) => l.startsWith('- '));
  assert.equal(lines.length, 3, d.body);
  assert.ok(lines[0].startsWith('- [Chưa đọc]') && lines[1].startsWith('- [Chưa đọc]'), 'unread first');
  assert.ok(lines[2].includes('2025-Q2') && !lines[2].includes('[Chưa đọc]'), 'the read one last');
  const day = sql(`SELECT digest_day, items FROM notification_digests WHERE user_id = ${U.u_c.id}`);
  assert.equal(day.length, 1);
  assert.equal(day[0][1], '3');

  assert.match(kstt('run-job', 'notification-digest'), /done/);
  assert.equal(mails().length, start + 2, 'a second run the same day mails nothing');
  // a user without an address never gets a digest row
  assert.equal(sql(`SELECT COUNT(*) FROM notification_digests WHERE user_id = ${U.u_c2.id}`)[0][0], '0');
});
