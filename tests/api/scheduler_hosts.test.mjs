// Once per event across api hosts (issue 15): every notification-producing job run from two
// kstt-api processes at the same moment (two hosts on one database: `run-job` takes the same
// lease row as each host's scheduler, so one runs and the other exits 3 "running elsewhere", or
// both run one after the other), together with the feedback reminders' manual route, which
// takes no lock at all and so races the job for real. Afterwards no event has two notifications
// and no mail is queued twice: the dedupe keys (INSERT IGNORE in the one producer), the
// immediate mail written only with a notification that was new, the feedback job's job_runs
// day row and the digest's (user, day) row are what make it so. The digest gets work of its
// own: a user of this run with an address, hour 0 and notifications of a digest kind.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { login, req, unitByCode } from '../lib/api.mjs';
import { ROOT, STACK_ENV } from '../lib/stack.mjs';
import { sql } from './storage.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const MAIL = `sh.${RUN.toLowerCase()}@example.vn`;
const JOBS = ['task-reminders', 'report-reminders', 'feedback-reminders', 'notification-digest'];

/** `kstt-api run-job name` as its own process; resolves to its exit status. */
const runJob = (name) =>
  new Promise((resolve) => {
    execFile(path.join(ROOT, 'build/kstt-api'), ['run-job', name], { env: { ...process.env, ...STACK_ENV } }, (err) =>
      resolve(err ? err.code : 0),
    );
  });

let admin, coord, uid, firstNote, firstMail;

before(async () => {
  admin = await login('admin');
  coord = await login('vp.kstt');
  const root = await unitByCode('NDH');
  const u = await req('POST', '/api/v1/units', { token: admin, body: { code: `S${RUN}`, name: `Đơn vị hai máy ${RUN}`, level: 'district', parent_id: root.id, valid_from: '2020-01-01' } });
  assert.equal(u.status, 201, u.text);
  const username = `sh${RUN.toLowerCase()}`;
  const password = `Sh@${RUN}aa1`;
  const r = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Cán bộ hai máy', unit_id: u.json.id, role: 'officer', password, email: MAIL } });
  assert.equal(r.status, 201, r.text);
  uid = r.json.id;
  const tok = await login(username, password);
  const p = await req('PUT', '/api/v1/me/notification-preferences', { token: tok, body: { digest_hour: 0, kinds: [{ kind: 'task.update', mail: 'digest' }] } });
  assert.equal(p.status, 200, p.text);
  firstNote = Number(sql('SELECT COALESCE(MAX(id), 0) FROM notifications')[0][0]);
  firstMail = Number(sql('SELECT COALESCE(MAX(id), 0) FROM mail_outbox')[0][0]);
  for (const k of [1, 2, 3])
    sql(`INSERT INTO notifications SET user_id = ${uid}, kind = 'task.update', entity = 'task', title = 'Hai máy ${RUN} ${k}', dedupe = 'sh:${RUN}:${k}'`);
});

test('every notification-producing job from two hosts at once: each notification and each mail once', async () => {
  for (let round = 0; round < 2; round++) {
    const runs = [];
    for (const job of JOBS) runs.push(runJob(job), runJob(job));
    // the manual feedback reminders take no lock: they race the job through the dedupe keys
    runs.push(req('POST', '/api/v1/feedback/reminders', { token: coord }).then((r) => (r.status === 200 ? 0 : r.status)));
    runs.push(req('POST', '/api/v1/feedback/reminders', { token: coord }).then((r) => (r.status === 200 ? 0 : r.status)));
    const codes = await Promise.all(runs);
    for (let i = 0; i < JOBS.length; i++) {
      const pair = codes.slice(2 * i, 2 * i + 2);
      assert.ok(pair.every((c) => c === 0 || c === 3), `${JOBS[i]}: ${pair} (0 ran, 3 running on the other host)`);
      assert.ok(pair.includes(0), `${JOBS[i]} ran on one host at least`);
    }
    assert.deepEqual(codes.slice(-2), [0, 0], 'the manual runs answered 200');
  }
  const twice = sql(
    `SELECT kind, COALESCE(entity_id, 0), COALESCE(user_id, 0), COALESCE(unit_id, 0), title, COUNT(*) FROM notifications ` +
      `WHERE id > ${firstNote} GROUP BY kind, entity_id, user_id, unit_id, title HAVING COUNT(*) > 1`,
  );
  assert.deepEqual(twice, [], 'no event notified twice to the same recipient');
  const mailedTwice = sql(
    `SELECT recipient, subject, COUNT(*) FROM mail_outbox WHERE id > ${firstMail} GROUP BY recipient, subject, body HAVING COUNT(*) > 1`,
  );
  assert.deepEqual(mailedTwice, [], 'no mail queued twice');
  const digests = sql(`SELECT subject, body FROM mail_outbox WHERE id > ${firstMail} AND recipient = '${MAIL}'`);
  assert.equal(digests.length, 1, 'one digest for the user of this run');
  assert.match(digests[0][0], /3 thông báo/);
  for (const k of [1, 2, 3]) assert.ok(digests[0][1].includes(`Hai máy ${RUN} ${k}`));
  assert.equal(sql(`SELECT COUNT(*) FROM notification_digests WHERE user_id = ${uid}`)[0][0], '1');
  // every digest mail of these runs has its (user, day) row, and no user two mails
  const perUser = sql(
    `SELECT recipient, COUNT(*) FROM mail_outbox WHERE id > ${firstMail} AND subject LIKE 'Tổng hợp thông báo ngày %' GROUP BY recipient HAVING COUNT(*) > 1`,
  );
  assert.deepEqual(perUser, []);
});
