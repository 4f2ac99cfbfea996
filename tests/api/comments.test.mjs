// Comments (issue 15): internal discussion on tasks, assignments, feedback items and reports.
// Each run makes its own district D (communes C1, C2) and a second district E, their users, a
// published plan (task 1: lead D, with C1; task 2: lead C2), a feedback item forwarded to C1 and a
// report of C1, so it never meets the demo's comments or another run's. Checked: every route's
// success and validation errors; each role inside and outside the scope of each object kind (the
// object's own GET decides, 404 outside); mentions notify exactly the users who can see the object
// (the notification rows' user ids), once; the 15-minute window (created_at moved back in SQL);
// the tombstone; downloads with the evidence headers; the audit rows; public pages never show a
// comment.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { sql } from './storage.lib.mjs';
import { files, multipart } from './feedback.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const run = RUN.toLowerCase();
const T = {};
const U = {};
const ID = {}; // user ids by key
const O = {}; // the objects: task, task2, assignment (C1's on task 1), feedback, report

const uname = (key) => `cm${run}.${key}`;
async function as(who, method, path, body) {
  return req(method, path, { token: T[who], body });
}
async function ok(who, method, path, body, status = 200) {
  const r = await as(who, method, path, body);
  assert.equal(r.status, status, `${who} ${method} ${path}: ${r.text}`);
  return r.json;
}
async function unit(key, level, parent) {
  const body = { code: `CM${RUN}${key}`, name: `Đơn vị trao đổi ${RUN} ${key}`, level, parent_id: parent, valid_from: '2020-01-01' };
  U[key] = await ok('admin', 'POST', '/api/v1/units', body, 201);
}
async function user(key, unitKey, role) {
  const password = `Cm@${RUN}aa1`;
  const u = await ok('admin', 'POST', '/api/v1/users', { username: uname(key), full_name: `Cán bộ ${key} ${RUN}`, unit_id: U[unitKey].id, role, password }, 201);
  ID[key] = u.id;
  T[key] = await login(uname(key), password);
}
const post = (who, entity, entity_id, body) => as(who, 'POST', '/api/v1/comments', { entity, entity_id, body });
const list = (who, entity, entity_id, q = '') => as(who, 'GET', `/api/v1/comments?entity=${entity}&entity_id=${entity_id}${q}`);
async function postForm(who, fields, fileList) {
  const m = multipart(fields, fileList.map((f) => ({ field: 'files', ...f })));
  return req('POST', '/api/v1/comments', { token: T[who], raw: m.body, headers: m.headers });
}
/** User ids a comment's mentions notified (the notification rows themselves). */
function notified(commentId) {
  return sql(`SELECT user_id FROM notifications WHERE kind = 'comment.mention' AND dedupe LIKE 'comment.mention:${commentId}:%' ORDER BY user_id`).map((r) => Number(r[0]));
}
const sorted = (a) => [...a].sort((x, y) => x - y);

before(async () => {
  T.admin = await login('admin');
  T.vp = await login('vp.kstt');
  ID.admin = Number(sql("SELECT id FROM users WHERE username = 'admin'")[0][0]);
  ID.vp = Number(sql("SELECT id FROM users WHERE username = 'vp.kstt'")[0][0]);
  U.root = await unitByCode('NDH');
  await unit('D', 'district', U.root.id);
  await unit('E', 'district', U.root.id);
  for (const k of ['C1', 'C2']) await unit(k, 'commune', U.D.id);
  await user('d', 'D', 'officer');
  await user('dl', 'D', 'leader');
  await user('c1', 'C1', 'officer');
  await user('c1b', 'C1', 'officer');
  await user('c1l', 'C1', 'leader');
  await user('c1v', 'C1', 'viewer');
  await user('c2', 'C2', 'officer');
  await user('e', 'E', 'officer');
  const ref = (k) => ({ text: U[k].name, unit_id: U[k].id, group: null });
  const plan = await ok('admin', 'POST', '/api/v1/plans/import', {
    title: `Kế hoạch trao đổi ${RUN}`,
    year: 2026,
    unit_id: U.root.id,
    sections: [{
      number: 'I',
      title: 'Mục thử',
      tasks: [
        { number: '1', title: `Nhiệm vụ trao đổi ${RUN}`, output: null, lead: [ref('D')], coop: [ref('C1')], timeline: { text: 'Quý IV/2026' }, children: [] },
        { number: '2', title: `Nhiệm vụ xã hai ${RUN}`, output: null, lead: [ref('C2')], coop: [], timeline: { text: 'Quý IV/2026' }, children: [] },
      ],
    }],
  }, 201);
  await ok('admin', 'POST', `/api/v1/plans/${plan.id}/publish`);
  const mine = await ok('c1', 'GET', `/api/v1/assignments?per_page=500&unit_id=${U.C1.id}`);
  const a = mine.items.find((x) => x.plan_id === plan.id);
  O.assignment = a.id;
  O.task = a.task_id;
  const c2 = await ok('c2', 'GET', `/api/v1/assignments?per_page=500&unit_id=${U.C2.id}`);
  O.task2 = c2.items.find((x) => x.plan_id === plan.id).task_id;
  O.c2assignment = c2.items.find((x) => x.plan_id === plan.id).id;
  // A feedback item forwarded to C1 (its workflow is feedback's tests' business: written directly).
  const code = Array.from(randomBytes(12), (b) => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[b % 32]).join('');
  sql(
    `INSERT INTO feedback SET tracking_code = '${code}', status = 'forwarded', sender_name = 'Người gửi', address = 'Nam Định', ` +
      `phone = '0912345678', title = 'Phản ánh trao đổi ${RUN}', content = 'Nội dung', type = 1, assigned_unit_id = ${U.C1.id}, ` +
      `received_at = NOW(), intake_at = NOW(), status_since = NOW(), forwarded_at = NOW(), answer_due = CURDATE()`,
  );
  O.feedback = Number(sql(`SELECT id FROM feedback WHERE tracking_code = '${code}'`)[0][0]);
  O.feedbackCode = code;
  const rep = await ok('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, kind: 'kstt', period: '2025-Q1' }, 201);
  O.report = rep.id;
});

test('create and list: the answer names the author, the unit, the mentions and the files; oldest first, paged', async () => {
  const c = await post('c1', 'task', O.task, `Đề nghị @${uname('d')} xem giúp.`);
  assert.equal(c.status, 201, c.text);
  const x = c.json;
  assert.equal(x.entity, 'task');
  assert.equal(x.entity_id, O.task);
  assert.deepEqual(x.author, { id: ID.c1, username: uname('c1'), full_name: `Cán bộ c1 ${RUN}`, unit_id: U.C1.id, unit_name: U.C1.name });
  assert.equal(x.body, `Đề nghị @${uname('d')} xem giúp.`);
  assert.deepEqual(x.mentions, [{ id: ID.d, username: uname('d'), full_name: `Cán bộ d ${RUN}` }]);
  assert.deepEqual(x.files, []);
  assert.match(x.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  assert.equal(x.edited_at, null);
  assert.equal(x.deleted, false);
  assert.deepEqual(x.can, { edit: true, delete: true });
  const second = await ok('d', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task, body: 'Đã nhận.' }, 201);
  const l = (await list('c1', 'task', O.task)).json;
  assert.equal(l.total, 2);
  assert.deepEqual(l.items.map((i) => i.id), [x.id, second.id]);
  assert.deepEqual(l.items[1].can, { edit: false, delete: false }, 'another user\'s comment');
  const p2 = (await list('c1', 'task', O.task, '&per_page=1&page=2')).json;
  assert.deepEqual([p2.total, p2.page, p2.per_page, p2.items.map((i) => i.id)], [2, 2, 1, [second.id]]);
  // Audited with the comment as posted.
  const audit = sql(`SELECT action, actor_id, entity FROM audit_log WHERE entity = 'comment' AND entity_id = '${x.id}'`);
  assert.deepEqual(audit, [['comment.create', String(ID.c1), 'comment']]);
});

test('validation: body 1..4000 characters, entity, entity_id, unknown fields, the query', async () => {
  assertProblem(await post('c1', 'task', O.task, ''), 422, 'body');
  assertProblem(await post('c1', 'task', O.task, ' \n\t '), 422, 'body');
  assertProblem(await post('c1', 'task', O.task, 'ệ'.repeat(4001)), 422, 'body');
  assert.equal((await post('c1', 'task', O.task, 'ệ'.repeat(4000))).status, 201, 'exactly 4000 characters (12000 bytes)');
  assertProblem(await post('c1', 'plan', O.task, 'x'), 422, 'entity');
  assertProblem(await post('c1', 'task', 0, 'x'), 422, 'entity_id');
  assertProblem(await post('c1', 'task', 'abc', 'x'), 422, 'entity_id');
  assertProblem(await as('c1', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task, body: 'x', author_id: 1 }), 422, 'author_id');
  assertProblem(await as('c1', 'POST', '/api/v1/comments', { entity: 'task', body: 'x' }), 422, 'entity_id');
  const bad = await req('POST', '/api/v1/comments', { token: T.c1, raw: '{"entity":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400, bad.text);
  assertProblem(await as('c1', 'GET', '/api/v1/comments?entity=plan&entity_id=1'), 422, 'entity');
  assertProblem(await as('c1', 'GET', `/api/v1/comments?entity=task`), 422, 'entity_id');
  assertProblem(await as('c1', 'GET', `/api/v1/comments?entity=task&entity_id=${O.task}&per_page=201`), 422, 'per_page');
  // Nothing was written by the refused requests.
  assert.equal(sql(`SELECT COUNT(*) FROM comments WHERE entity = 'task' AND entity_id = ${O.task} AND author_id = ${ID.c1} AND body = 'x'`)[0][0], '0');
});

test('files: up to 3, checked by content; 4 files, a renamed file or a bad form are refused before anything is stored', async () => {
  const pdf = files.pdf();
  const png = files.png();
  const r = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: 'Gửi minh chứng' }, [
    { name: 'bao-cao.pdf', type: 'application/pdf', data: pdf },
    { name: 'ảnh chụp.png', type: 'image/png', data: png },
  ]);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.files, [
    { n: 1, name: 'bao-cao.pdf', type: 'application/pdf', size: pdf.length },
    { n: 2, name: 'ảnh chụp.png', type: 'image/png', size: png.length },
  ]);
  O.withFiles = r.json.id;
  const four = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: 'Bốn tệp' }, [1, 2, 3, 4].map((i) => ({ name: `t${i}.pdf`, data: pdf })));
  assertProblem(four, 422, 'files');
  const exe = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: 'Tệp giả' }, [{ name: 'van-ban.pdf', data: files.exe() }]);
  assertProblem(exe, 422, 'files');
  assert.match(exe.json.errors.find((e) => e.field === 'files').message, /không đúng định dạng/);
  const text = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: 'Ảnh giả' }, [{ name: 'anh.png', data: files.text() }]);
  assertProblem(text, 422, 'files');
  const other = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: 'x' }, [{ field: 'attachments', name: 'a.pdf', data: pdf }]);
  assertProblem(other, 422, 'attachments');
  const emptyBody = await postForm('c1', { entity: 'assignment', entity_id: O.assignment, body: '' }, [{ name: 'a.pdf', data: pdf }]);
  assertProblem(emptyBody, 422, 'body');
  const broken = await req('POST', '/api/v1/comments', { token: T.c1, raw: 'xx', headers: { 'content-type': 'multipart/form-data; boundary=zz' } });
  assert.equal(broken.status, 400, broken.text);
  // A file for an object the caller cannot see is refused as the object's 404, and nothing is written.
  const outside = await postForm('c2', { entity: 'assignment', entity_id: O.assignment, body: 'Không được' }, [{ name: 'a.pdf', data: pdf }]);
  assert.equal(outside.status, 404, outside.text);
  assert.equal(sql(`SELECT COUNT(*) FROM comments WHERE entity = 'assignment' AND entity_id = ${O.assignment}`)[0][0], '1');
});

test('download: the evidence headers and bytes; n out of range, outsiders and unknown comments get 404', async () => {
  const r = await fetch(`${process.env.KSTT_BASE_URL}/api/v1/comments/${O.withFiles}/files/1`, { headers: { authorization: `Bearer ${T.d}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), /^attachment; .*filename\*=UTF-8''bao-cao\.pdf/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), files.pdf());
  const png = await fetch(`${process.env.KSTT_BASE_URL}/api/v1/comments/${O.withFiles}/files/2`, { headers: { authorization: `Bearer ${T.c1}` } });
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.match(png.headers.get('content-disposition'), /filename\*=UTF-8''%E1%BA%A3nh%20ch%E1%BB%A5p\.png/);
  assert.equal((await as('c1', 'GET', `/api/v1/comments/${O.withFiles}/files/3`)).status, 404);
  assert.equal((await as('c1', 'GET', `/api/v1/comments/${O.withFiles}/files/0`)).status, 404);
  assert.equal((await as('c1', 'GET', `/api/v1/comments/${O.withFiles}/files/x`)).status, 404);
  assert.equal((await as('c2', 'GET', `/api/v1/comments/${O.withFiles}/files/1`)).status, 404, 'another commune');
  assert.equal((await as('e', 'GET', `/api/v1/comments/${O.withFiles}/files/1`)).status, 404, 'another district');
  assert.equal((await as('c1', 'GET', '/api/v1/comments/99999999/files/1')).status, 404);
  assert.equal((await req('GET', `/api/v1/comments/${O.withFiles}/files/1`)).status, 401);
});

// Who sees (and so reads and writes comments on) each object kind, as its own GET decides.
const SCOPE = {
  // The plan is visible to the units it assigns work to: C2 carries out task 2 of the same plan.
  task: { inside: ['c1', 'c1b', 'd', 'dl', 'c2', 'admin', 'vp'], outside: ['e'] },
  // C1's assignment: its unit, the parent district, the province; not the other commune.
  assignment: { inside: ['c1', 'd', 'admin', 'vp'], outside: ['c2', 'e'] },
  // Forwarded to C1: never seen by a unit it never reached.
  feedback: { inside: ['c1', 'd', 'admin', 'vp'], outside: ['c2', 'e'] },
  report: { inside: ['c1', 'd', 'admin', 'vp'], outside: ['c2', 'e'] },
};

for (const [entity, { inside, outside }] of Object.entries(SCOPE)) {
  test(`scope of ${entity} comments: inside reads and writes, outside gets the object's 404`, async () => {
    const id = O[entity];
    const mine = await ok('c1', 'POST', '/api/v1/comments', { entity, entity_id: id, body: `Trao đổi ${entity} ${RUN}` }, 201);
    for (const who of inside) {
      const l = await list(who, entity, id);
      assert.equal(l.status, 200, `${who}: ${l.text}`);
      assert.ok(l.json.items.some((c) => c.id === mine.id && c.body === `Trao đổi ${entity} ${RUN}` && c.author.id === ID.c1), who);
      const w = await post(who, entity, id, `Ý kiến của ${who}`);
      assert.equal(w.status, 201, `${who}: ${w.text}`);
      assert.equal(w.json.author.username, who === 'admin' ? 'admin' : who === 'vp' ? 'vp.kstt' : uname(who));
    }
    for (const who of outside) {
      const l = await list(who, entity, id);
      assertProblem(l, 404);
      assert.ok(!l.text.includes(RUN), 'nothing of the object leaks');
      assertProblem(await post(who, entity, id, 'Không được phép'), 404);
      assertProblem(await as(who, 'PUT', `/api/v1/comments/${mine.id}`, { body: 'Sửa' }), 404);
      assertProblem(await as(who, 'DELETE', `/api/v1/comments/${mine.id}`), 404);
    }
    // A viewer of C1 reads but does not write (the role); anonymous callers get 401.
    assert.equal((await list('c1v', entity, id)).status, 200);
    assertProblem(await post('c1v', entity, id, 'Người xem'), 403);
    assert.equal((await req('GET', `/api/v1/comments?entity=${entity}&entity_id=${id}`)).status, 401);
    assert.equal((await req('POST', '/api/v1/comments', { body: { entity, entity_id: id, body: 'x' } })).status, 401);
    // A missing object is 404 like an invisible one.
    assertProblem(await list('admin', entity, 99999999), 404);
    assertProblem(await post('admin', entity, 99999999, 'x'), 404);
  });
}

test('mentions notify only existing active users who can see the object, once, never the author', async () => {
  sql(`UPDATE users SET active = 0 WHERE id = ${ID.c1b}`);
  try {
    const body = `@${uname('d')} @${uname('c2')} @${uname('e')} @${uname('c1')} @${uname('c1b')} @khongcoai${run} ai@${uname('dl')}.vn`;
    // Task: D and C2 see it (C2 carries out the same plan); E cannot; c1 is the author; c1b is
    // inactive; the address is not a mention.
    const t = await ok('c1', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task, body }, 201);
    assert.deepEqual(sorted(t.mentions.map((m) => m.id)), sorted([ID.d, ID.c2]));
    assert.deepEqual(notified(t.id), sorted([ID.d, ID.c2]));
    const row = sql(`SELECT entity, entity_id, link, title FROM notifications WHERE kind = 'comment.mention' AND dedupe = 'comment.mention:${t.id}:${ID.d}'`)[0];
    assert.deepEqual(row.slice(0, 3), ['task', String(O.task), `/app/nhiem-vu/${O.task}`]);
    assert.match(row[3], new RegExp(`^Cán bộ c1 ${RUN} nhắc đến bạn trong trao đổi: Nhiệm vụ trao đổi ${RUN}`));
    // The mentioned user's own list has it, with the link to the object.
    const n = (await ok('d', 'GET', '/api/v1/notifications?per_page=200')).items.filter((x) => x.kind === 'comment.mention' && x.entity_id === O.task && x.body === body);
    assert.equal(n.length, 1);
    assert.equal(n[0].link, `/app/nhiem-vu/${O.task}`);
    assert.equal(n[0].body, body);
    // Assignment of C1: C2 may not see it (not told, not listed), D may.
    const a = await ok('c1', 'POST', '/api/v1/comments', { entity: 'assignment', entity_id: O.assignment, body }, 201);
    assert.deepEqual(a.mentions.map((m) => m.id), [ID.d]);
    assert.deepEqual(notified(a.id), [ID.d]);
    assert.deepEqual(sql(`SELECT entity, entity_id, link FROM notifications WHERE dedupe = 'comment.mention:${a.id}:${ID.d}'`)[0], ['assignment', String(O.assignment), `/app/nhiem-vu/${O.task}?phan-cong=${O.assignment}`]);
    // Feedback and report of C1: the province's coordinator and admin see them too.
    for (const entity of ['feedback', 'report']) {
      const f = await ok('c1', 'POST', '/api/v1/comments', { entity, entity_id: O[entity], body: `${body} @vp.kstt @admin` }, 201);
      assert.deepEqual(sorted(f.mentions.map((m) => m.id)), sorted([ID.d, ID.vp, ID.admin]));
      assert.deepEqual(notified(f.id), sorted(f.mentions.map((m) => m.id)));
      const link = entity === 'feedback' ? `/app/phan-anh/${O.feedback}` : `/app/bao-cao/${O.report}`;
      assert.deepEqual(sql(`SELECT DISTINCT entity, entity_id, link FROM notifications WHERE dedupe LIKE 'comment.mention:${f.id}:%'`), [[entity, String(O[entity]), link]]);
    }
  } finally {
    sql(`UPDATE users SET active = 1 WHERE id = ${ID.c1b}`);
  }
});

test('edit: the author only, within 15 minutes; a mention added by an edit notifies once', async () => {
  const c = await ok('c1', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task, body: `Ban đầu @${uname('d')}` }, 201);
  const e1 = await ok('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: `Sửa: @${uname('d')} và @${uname('dl')}` });
  assert.equal(e1.body, `Sửa: @${uname('d')} và @${uname('dl')}`);
  assert.match(e1.edited_at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(sorted(e1.mentions.map((m) => m.id)), sorted([ID.d, ID.dl]));
  assert.deepEqual(notified(c.id), sorted([ID.d, ID.dl]));
  // Naming them again (and dropping one) notifies nobody twice; the list keeps who was told.
  await ok('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: `Lần ba @${uname('dl')} @${uname('d')}` });
  await ok('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: 'Lần bốn' });
  assert.deepEqual(notified(c.id), sorted([ID.d, ID.dl]));
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE dedupe LIKE 'comment.mention:${c.id}:%'`)[0][0], '2');
  // Someone else, even the unit's leader, may not edit.
  assertProblem(await as('c1l', 'PUT', `/api/v1/comments/${c.id}`, { body: 'Lãnh đạo sửa' }), 403);
  assertProblem(await as('d', 'PUT', `/api/v1/comments/${c.id}`, { body: 'Huyện sửa' }), 403);
  assertProblem(await as('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: '' }), 422, 'body');
  assertProblem(await as('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: 'x'.repeat(4001) }), 422, 'body');
  assertProblem(await as('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: 'x', entity: 'task' }), 422, 'entity');
  assertProblem(await as('c1', 'PUT', '/api/v1/comments/99999999', { body: 'x' }), 404);
  // Past the window: 409 with the reason, and the listed can.edit is false.
  sql(`UPDATE comments SET created_at = NOW() - INTERVAL 16 MINUTE WHERE id = ${c.id}`);
  const late = await as('c1', 'PUT', `/api/v1/comments/${c.id}`, { body: 'Muộn' });
  assertProblem(late, 409);
  assert.match(late.json.detail, /quá 15 phút/);
  const listed = (await list('c1', 'task', O.task)).json.items.find((x) => x.id === c.id);
  assert.deepEqual(listed.can, { edit: false, delete: false });
  assert.equal(listed.body, 'Lần bốn');
  const audit = sql(`SELECT action FROM audit_log WHERE entity = 'comment' AND entity_id = '${c.id}' ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(audit, ['comment.create', 'comment.update', 'comment.update', 'comment.update']);
  const beforeAfter = sql(`SELECT JSON_VALUE(before_json, '$.body'), JSON_VALUE(after_json, '$.body') FROM audit_log WHERE entity = 'comment' AND entity_id = '${c.id}' AND action = 'comment.update' ORDER BY id LIMIT 1`);
  assert.deepEqual(beforeAfter, [[`Ban đầu @${uname('d')}`, `Sửa: @${uname('d')} và @${uname('dl')}`]]);
});

test('delete: a tombstone (author within 15 minutes, or the author unit\'s leader); files kept but not downloadable', async () => {
  const pdf = files.pdf();
  const r = await postForm('c1', { entity: 'task', entity_id: O.task, body: `Sẽ xoá @${uname('d')}` }, [{ name: 'xoa.pdf', data: pdf }]);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assertProblem(await as('c1b', 'DELETE', `/api/v1/comments/${id}`), 403, undefined);
  assertProblem(await as('dl', 'DELETE', `/api/v1/comments/${id}`), 403, undefined); // leader of another unit
  sql(`UPDATE comments SET created_at = NOW() - INTERVAL 16 MINUTE WHERE id = ${id}`);
  const late = await as('c1', 'DELETE', `/api/v1/comments/${id}`);
  assertProblem(late, 409);
  assert.match(late.json.detail, /quá 15 phút/);
  // The leader of the author's unit may remove it at any time.
  const t = await ok('c1l', 'DELETE', `/api/v1/comments/${id}`);
  assert.equal(t.deleted, true);
  assert.equal(t.body, null);
  assert.deepEqual(t.files, []);
  assert.deepEqual(t.mentions, []);
  assert.equal(t.author.id, ID.c1, 'who wrote it is kept');
  assert.deepEqual(t.deleted_by, { id: ID.c1l, full_name: `Cán bộ c1l ${RUN}` });
  assert.match(t.deleted_at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(t.can, { edit: false, delete: false });
  const listed = (await list('d', 'task', O.task)).json.items.find((x) => x.id === id);
  assert.deepEqual(listed, { ...t, can: { edit: false, delete: false } });
  assertProblem(await as('c1l', 'DELETE', `/api/v1/comments/${id}`), 409);
  assertProblem(await as('c1', 'PUT', `/api/v1/comments/${id}`, { body: 'x' }), 409);
  // Evidence: the rows and bytes stay; users cannot download them any more.
  assert.equal((await as('c1', 'GET', `/api/v1/comments/${id}/files/1`)).status, 404);
  const [[body, sha]] = sql(`SELECT c.body, f.sha256 FROM comments c JOIN comment_files f ON f.comment_id = c.id WHERE c.id = ${id}`);
  assert.equal(body, `Sẽ xoá @${uname('d')}`);
  assert.equal(sha.length, 64);
  // The mentioned user's notification no longer quotes it (it still links to the task).
  assert.deepEqual(sql(`SELECT body IS NULL, link FROM notifications WHERE dedupe = 'comment.mention:${id}:${ID.d}'`), [['1', `/app/nhiem-vu/${O.task}`]]);
  assert.deepEqual(sql(`SELECT action FROM audit_log WHERE entity = 'comment' AND entity_id = '${id}' ORDER BY id`).map((x) => x[0]), ['comment.create', 'comment.delete']);
  // The author within the window removes their own.
  const own = await ok('c1', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task, body: 'Gửi nhầm' }, 201);
  assert.equal((await ok('c1', 'DELETE', `/api/v1/comments/${own.id}`)).deleted, true);
  assertProblem(await as('c1', 'DELETE', '/api/v1/comments/99999999'), 404);
});

test('evidence outlives its object: deleting a task deletes none of its comments', async () => {
  const fk = sql("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'comment%' AND (DELETE_RULE = 'CASCADE' OR REFERENCED_TABLE_NAME IN ('tasks', 'assignments', 'feedback', 'reports'))");
  assert.deepEqual(fk, [['0']]);
  const before = Number(sql(`SELECT COUNT(*) FROM comments WHERE entity = 'task' AND entity_id = ${O.task2}`)[0][0]);
  await ok('c2', 'POST', '/api/v1/comments', { entity: 'task', entity_id: O.task2, body: 'Bằng chứng' }, 201);
  sql(`DELETE FROM task_updates WHERE assignment_id IN (SELECT id FROM assignments WHERE task_id = ${O.task2}); DELETE FROM assignments WHERE task_id = ${O.task2}; DELETE FROM tasks WHERE id = ${O.task2}`);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM comments WHERE entity = 'task' AND entity_id = ${O.task2}`)[0][0]), before + 1);
  assertProblem(await list('c2', 'task', O.task2), 404);
});

test('public pages never show a comment', async () => {
  const marker = `Nội bộ ${RUN}`;
  await ok('c1', 'POST', '/api/v1/comments', { entity: 'feedback', entity_id: O.feedback, body: marker }, 201);
  const code = O.feedbackCode;
  const dashed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  const track = await req('GET', `/api/v1/public/feedback/${dashed}`);
  assert.equal(track.status, 200, track.text);
  assert.ok(!track.text.includes(marker));
  assert.ok(!('comments' in track.json));
  const pub = await req('GET', '/api/v1/public/feedback?per_page=100');
  assert.ok(!pub.text.includes(marker));
  // Staff GET of the item does not embed them either: only /comments lists them.
  const staff = await ok('c1', 'GET', `/api/v1/feedback/${O.feedback}`);
  assert.ok(!JSON.stringify(staff).includes(marker));
});
