// Notifications (issue 15): one model for every module with per-user read state. A unit-wide
// notification read by one member stays unread for another member of the same unit; read-all
// touches only the caller's; another unit's notification is 404; unread first, then newest, with
// the counts. Each producer added here fires once for its event with its entity and link: a plan
// published (assignment.created per assignee unit), a progress update (task.update to the task's
// lead unit, not when the lead posts it), a report returned or accepted by its parent
// (report.returned / report.accepted to the report's unit). Each run makes its own district with
// three communes and their users, so it never meets the demo's notifications or another run's.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { sql } from './storage.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const T = {};
const U = {};

async function as(who, method, path, body) {
  return req(method, path, { token: T[who], body });
}
async function ok(who, method, path, body, status = 200) {
  const r = await as(who, method, path, body);
  assert.equal(r.status, status, `${who} ${method} ${path}: ${r.text}`);
  return r.json;
}
async function unit(key, level, parent) {
  const body = { code: `N${RUN}${key}`, name: `Đơn vị thông báo ${RUN} ${key}`, level, parent_id: parent, valid_from: '2020-01-01' };
  U[key] = await ok('admin', 'POST', '/api/v1/units', body, 201);
}
async function user(key, unitKey, role, extra = {}) {
  const username = `nt${RUN.toLowerCase()}.${key}`;
  const password = `Nt@${RUN}aa1`;
  await ok('admin', 'POST', '/api/v1/users', { username, full_name: `Cán bộ ${key}`, unit_id: U[unitKey].id, role, password, ...extra }, 201);
  T[key] = await login(username, password);
}
const list = (who, q = '') => ok(who, 'GET', `/api/v1/notifications?per_page=200${q}`);
const kinds = (l, kind) => l.items.filter((n) => n.kind === kind);
/** A notification written straight into the table (the read state is what is tested). */
function seed({ unitKey, userKey, title, at }) {
  const target = unitKey ? `unit_id = ${U[unitKey].id}` : `user_id = (SELECT id FROM users WHERE username = 'nt${RUN.toLowerCase()}.${userKey}')`;
  sql(
    `INSERT INTO notifications SET ${target}, kind = 'test.seed', entity = 'test', title = '${title}', ` +
      `created_at = '${at}'`,
  );
  return Number(sql(`SELECT id FROM notifications WHERE title = '${title}'`)[0][0]);
}

before(async () => {
  T.admin = await login('admin');
  U.root = await unitByCode('NDH');
  await unit('D', 'district', U.root.id);
  for (const k of ['C1', 'C2', 'C3']) await unit(k, 'commune', U.D.id);
  await user('d', 'D', 'officer', { focal_officer: true });
  await user('c1', 'C1', 'officer', { focal_officer: true });
  await user('c1b', 'C1', 'officer');
  await user('c2', 'C2', 'officer');
  await user('c3', 'C3', 'officer');
});

test('read state is per user: a unit-wide notification read by one member stays unread for another', async () => {
  const id = seed({ unitKey: 'C1', title: `Chung ${RUN}`, at: '2026-01-05 08:00:00' });
  let a = await list('c1');
  let b = await list('c1b');
  assert.equal(a.unread, 1);
  assert.equal(b.unread, 1);
  assert.deepEqual(a.items.map((n) => [n.id, n.read, n.read_at]), [[id, false, null]]);
  assert.equal(a.items[0].kind, 'test.seed');
  assert.equal(a.items[0].entity, 'test');
  const r = await as('c1', 'POST', `/api/v1/notifications/${id}/read`);
  assert.equal(r.status, 204);
  // Read twice: no change.
  assert.equal((await as('c1', 'POST', `/api/v1/notifications/${id}/read`)).status, 204);
  a = await list('c1');
  b = await list('c1b');
  assert.equal(a.unread, 0);
  assert.equal(a.items[0].read, true);
  assert.match(a.items[0].read_at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(b.unread, 1, 'the other member has not read it');
  assert.equal(b.items[0].read, false);
  assert.deepEqual((await list('c1', '&unread=true')).items, []);
  assert.deepEqual((await list('c1b', '&unread=true')).items.map((n) => n.id), [id]);
  // Only the reader's row: one row in notification_reads, for c1.
  assert.deepEqual(sql(`SELECT u.username FROM notification_reads r JOIN users u ON u.id = r.user_id WHERE r.notification_id = ${id}`), [[`nt${RUN.toLowerCase()}.c1`]]);
});

test('404 for a notification not addressed to the caller or their unit; 401 signed out', async () => {
  const other = seed({ unitKey: 'C2', title: `Của xã 2 ${RUN}`, at: '2026-01-05 09:00:00' });
  const personal = seed({ userKey: 'c2', title: `Riêng ${RUN}`, at: '2026-01-05 09:30:00' });
  for (const id of [other, personal, 99999999]) assertProblem(await as('c1', 'POST', `/api/v1/notifications/${id}/read`), 404);
  assertProblem(await as('c3', 'POST', `/api/v1/notifications/${personal}/read`), 404);
  assert.ok(!(await list('c1')).items.some((n) => n.id === other || n.id === personal));
  assert.equal((await list('c2')).unread, 2);
  assertProblem(await req('POST', `/api/v1/notifications/${other}/read`), 401);
  assertProblem(await req('POST', '/api/v1/notifications/read-all'), 401);
  assertProblem(await req('GET', '/api/v1/notifications'), 401);
  assertProblem(await as('c1', 'GET', '/api/v1/notifications?unread=maybe'), 422, 'unread');
});

test('unread first, then newest; counts; paged', async () => {
  const old1 = seed({ unitKey: 'C3', title: `Cũ ${RUN}`, at: '2026-01-01 08:00:00' });
  const mid = seed({ userKey: 'c3', title: `Giữa ${RUN}`, at: '2026-01-02 08:00:00' });
  const newest = seed({ unitKey: 'C3', title: `Mới ${RUN}`, at: '2026-01-03 08:00:00' });
  await ok('c3', 'POST', `/api/v1/notifications/${newest}/read`, undefined, 204);
  const l = await list('c3');
  assert.deepEqual(l.items.map((n) => [n.id, n.read]), [[mid, false], [old1, false], [newest, true]]);
  assert.equal(l.total, 3);
  assert.equal(l.unread, 2);
  const p2 = await ok('c3', 'GET', '/api/v1/notifications?per_page=1&page=2');
  assert.deepEqual(p2.items.map((n) => n.id), [old1]);
  assert.equal(p2.total, 3);
  assert.equal(p2.unread, 2);
  const u = await list('c3', '&unread=true');
  assert.deepEqual(u.items.map((n) => n.id), [mid, old1]);
  assert.equal(u.total, 2);
});

test('read-all marks only the caller\'s own notifications', async () => {
  const shared = seed({ unitKey: 'C2', title: `Chung xã 2 ${RUN}`, at: '2026-01-06 08:00:00' });
  const before = await list('c2');
  assert.ok(before.unread >= 3, JSON.stringify(before));
  const r = await ok('c2', 'POST', '/api/v1/notifications/read-all');
  assert.equal(r.marked, before.unread);
  assert.equal((await list('c2')).unread, 0);
  assert.equal((await ok('c2', 'POST', '/api/v1/notifications/read-all')).marked, 0);
  // c1's unit-wide one and c3's are still unread; nobody else's row for the C2 notification.
  assert.equal((await list('c1b')).unread, 1);
  assert.equal((await list('c3')).unread, 2);
  assert.deepEqual(sql(`SELECT COUNT(*) FROM notification_reads WHERE notification_id = ${shared}`), [['1']]);
});

test('producers: plan published -> assignment.created once per assignee unit; progress update -> task.update to the lead unit', async () => {
  // A title of the longest kind: the notification's title (500 characters at most) is cut, and
  // publishing does not fail on it.
  const planTitle = `Kế hoạch thông báo ${RUN} `.padEnd(500, 'đ');
  const body = {
    title: planTitle,
    year: 2026,
    unit_id: U.root.id,
    sections: [{
      number: 'I',
      title: 'Mục thử',
      tasks: [
        { number: '1', title: `Nhiệm vụ một ${RUN}`, output: null, lead: [{ text: U.D.name, unit_id: U.D.id, group: null }], coop: [{ text: U.C1.name, unit_id: U.C1.id, group: null }], timeline: { text: 'Quý IV/2026' }, children: [] },
        { number: '2', title: `Nhiệm vụ hai ${RUN}`, output: null, lead: [{ text: U.D.name, unit_id: U.D.id, group: null }], coop: [], timeline: { text: 'Quý IV/2026' }, children: [] },
      ],
    }],
  };
  const plan = await ok('admin', 'POST', '/api/v1/plans/import', body, 201);
  // Nothing before publishing.
  assert.equal(kinds(await list('d'), 'assignment.created').length, 0);
  await ok('admin', 'POST', `/api/v1/plans/${plan.id}/publish`);
  const dN = kinds(await list('d'), 'assignment.created');
  assert.equal(dN.length, 1, 'one per unit, not one per task');
  assert.equal(dN[0].entity, 'plan');
  assert.equal(dN[0].entity_id, plan.id);
  assert.equal(dN[0].link, `/app/ke-hoach/${plan.id}`);
  assert.equal(dN[0].read, false);
  assert.match(dN[0].title, /^Được giao 2 nhiệm vụ: Kế hoạch thông báo /);
  assert.equal([...dN[0].title].length, 500);
  const c1N = kinds(await list('c1b'), 'assignment.created');
  assert.deepEqual(c1N.map((n) => [n.entity_id, n.link]), [[plan.id, `/app/ke-hoach/${plan.id}`]]);
  assert.equal(kinds(await list('c2'), 'assignment.created').length, 0, 'not an assignee');
  const rows = sql(`SELECT unit_id FROM notifications WHERE kind = 'assignment.created' AND entity_id = ${plan.id} ORDER BY unit_id`);
  assert.deepEqual(rows.map((r) => Number(r[0])), [U.D.id, U.C1.id].sort((a, b) => a - b));

  // The cooperating commune posts an update: the lead district is told, once, with the task's link.
  const mine = await ok('c1', 'GET', `/api/v1/assignments?per_page=500&unit_id=${U.C1.id}`);
  const coop = mine.items.find((a) => a.plan_id === plan.id);
  assert.ok(coop, JSON.stringify(mine.items));
  await ok('c1', 'POST', `/api/v1/assignments/${coop.id}/updates`, { status: 'in_progress', progress: 40, note: 'Đang làm' }, 201);
  let upd = kinds(await list('d'), 'task.update');
  assert.equal(upd.length, 1);
  assert.deepEqual([upd[0].entity, upd[0].entity_id, upd[0].link], ['task', coop.task_id, `/app/nhiem-vu/${coop.task_id}`]);
  assert.ok(upd[0].title.includes(U.C1.name), upd[0].title);
  // Its own unit is not told about its own update; the lead posting tells nobody.
  assert.equal(kinds(await list('c1b'), 'task.update').length, 0);
  const leads = await ok('d', 'GET', `/api/v1/assignments?per_page=500&unit_id=${U.D.id}`);
  const lead = leads.items.find((a) => a.plan_id === plan.id && a.task_id === coop.task_id);
  await ok('d', 'POST', `/api/v1/assignments/${lead.id}/updates`, { status: 'in_progress', progress: 60, note: 'Tổng hợp' }, 201);
  upd = kinds(await list('d'), 'task.update');
  assert.equal(upd.length, 1);
  assert.equal(kinds(await list('c1b'), 'task.update').length, 0);
});

test('producers: a report returned or accepted by the parent tells the report\'s unit, once each', async () => {
  const P = '2025-Q1';
  const NARRATIVE = { results: 'Kết quả tốt.', difficulties: 'Còn hạn chế.', proposals: 'Tập huấn.' };
  const rep = await ok('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, kind: 'kstt', period: P }, 201);
  await ok('c1', 'PUT', `/api/v1/reports/${rep.id}`, { narrative: NARRATIVE });
  await ok('c1', 'POST', `/api/v1/reports/${rep.id}/submit`);
  assert.equal(kinds(await list('c1b'), 'report.returned').length, 0, 'a submit tells nobody');
  await ok('d', 'POST', `/api/v1/reports/${rep.id}/return`, { comment: `Bổ sung số liệu ${RUN}` });
  let ret = kinds(await list('c1b'), 'report.returned');
  assert.equal(ret.length, 1);
  assert.deepEqual([ret[0].entity, ret[0].entity_id, ret[0].link, ret[0].body], ['report', rep.id, `/app/bao-cao/${rep.id}`, `Bổ sung số liệu ${RUN}`]);
  assert.ok(ret[0].title.includes(P));
  assert.equal(kinds(await list('d'), 'report.returned').length, 0, 'not the parent');
  await ok('c1', 'POST', `/api/v1/reports/${rep.id}/submit`);
  await ok('d', 'POST', `/api/v1/reports/${rep.id}/accept`, {});
  const acc = kinds(await list('c1'), 'report.accepted');
  assert.equal(acc.length, 1);
  assert.deepEqual([acc[0].entity, acc[0].entity_id, acc[0].link], ['report', rep.id, `/app/bao-cao/${rep.id}`]);
  ret = kinds(await list('c1'), 'report.returned');
  assert.equal(ret.length, 1);
  assert.equal(kinds(await list('c2'), 'report.accepted').length, 0);
});
