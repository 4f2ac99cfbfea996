// Issue 11 items 1 and 2: a district administrator administers its own subtree only, and readers
// below a plan's owner see their own subtree's assignment rows and updates plus figures over all.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { addressPool, submit } from './feedback.lib.mjs';

const rand = () => randomBytes(4).toString('hex');
const U = {};
let admin, dadmin, dadminUser; // province admin; admin of district H01 made here
const subtree = new Map(); // unit id -> Set of ids in its subtree

async function newUnit(token, parent, extra = {}) {
  const code = `S${rand().toUpperCase()}`;
  return req('POST', '/api/v1/units', { token, body: { code, name: `Đơn vị phạm vi ${code}`, level: 'commune', parent_id: parent, ...extra } });
}

before(async () => {
  admin = await login('admin');
  for (const c of ['NDH', 'VP', 'H01', 'H02', 'X0101', 'X0102', 'X0201']) U[c] = await unitByCode(c);
  const password = `Sc@${rand()}Aa1`;
  const username = `sc.dadmin.${rand()}`;
  const r = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Quản Trị Huyện', unit_id: U.H01.id, role: 'admin', password } });
  assert.equal(r.status, 201, r.text);
  dadminUser = r.json;
  dadmin = await login(username, password);
  await loadTree();
});

/** Recomputes every unit's subtree (tests add units as they go). */
async function loadTree() {
  subtree.clear();
  const all = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  const kids = new Map();
  for (const u of all.json.items) {
    const p = u.successor_id ?? u.parent_id;
    if (p != null) kids.set(p, [...(kids.get(p) || []), u.id]);
  }
  for (const u of all.json.items) {
    const s = new Set([u.id]);
    const todo = [u.id];
    while (todo.length) for (const c of kids.get(todo.pop()) || []) s.add(c), todo.push(c);
    subtree.set(u.id, s);
  }
}

test('a district admin cannot make its own unit (or any unit) the coordinator', async () => {
  const r = await req('PUT', `/api/v1/units/${U.H01.id}`, { token: dadmin, body: { coordinator: true } });
  assertProblem(r, 403);
  const after = await req('GET', `/api/v1/units/${U.H01.id}`, { token: admin });
  assert.equal(after.json.coordinator, false);
  const c = await newUnit(dadmin, U.H01.id, { coordinator: true });
  assertProblem(c, 403);
  // Its own unit's other fields are its to edit; resending coordinator unchanged is no change.
  const ok = await req('PUT', `/api/v1/units/${U.H01.id}`, { token: dadmin, body: { sort_order: U.H01.sort_order, coordinator: false } });
  assert.equal(ok.status, 200, ok.text);
});

test('a district admin edits, moves, merges and retires inside its subtree only', async () => {
  const other = await req('PUT', `/api/v1/units/${U.H02.id}`, { token: dadmin, body: { name: 'Chiếm quyền huyện khác' } });
  assertProblem(other, 404);
  assert.notEqual((await req('GET', `/api/v1/units/${U.H02.id}`, { token: admin })).json.name, 'Chiếm quyền huyện khác');
  assertProblem(await newUnit(dadmin, U.H02.id), 403);
  assertProblem(await newUnit(dadmin, null, { level: 'province' }), 403);
  const mine = await newUnit(dadmin, U.H01.id);
  assert.equal(mine.status, 201, mine.text);
  // Moving out of the subtree (or its own unit anywhere) is the province admin's.
  assertProblem(await req('PUT', `/api/v1/units/${mine.json.id}`, { token: dadmin, body: { parent_id: U.H02.id } }), 403);
  assert.equal((await req('GET', `/api/v1/units/${mine.json.id}`, { token: admin })).json.parent_id, U.H01.id);
  assertProblem(await req('PUT', `/api/v1/units/${U.H01.id}`, { token: dadmin, body: { parent_id: U.VP.id } }), 403);
  assertProblem(await req('POST', `/api/v1/units/${mine.json.id}/merge`, { token: dadmin, body: { successor_id: U.X0201.id, date: '2030-01-01' } }), 403);
  assertProblem(await req('POST', `/api/v1/units/${U.H01.id}/retire`, { token: dadmin, body: { date: '2030-01-01' } }), 403);
  const outsider = await newUnit(admin, U.H02.id);
  assertProblem(await req('POST', `/api/v1/units/${outsider.json.id}/retire`, { token: dadmin, body: { date: '2030-01-01' } }), 404);
  const merged = await req('POST', `/api/v1/units/${mine.json.id}/merge`, { token: dadmin, body: { successor_id: U.X0101.id, date: '2030-01-01' } });
  assert.equal(merged.status, 200, merged.text);
  assert.equal(merged.json.successor_id, U.X0101.id);
});

test('a district admin cannot create or edit accounts outside its subtree or above its powers', async () => {
  const body = (unit, role) => ({ username: `sc.${rand()}`, full_name: 'Người Phạm Vi', unit_id: unit, role, password: `Sc@${rand()}Aa1` });
  assertProblem(await req('POST', '/api/v1/users', { token: dadmin, body: body(U.NDH.id, 'admin') }), 422, 'unit_id');
  assertProblem(await req('POST', '/api/v1/users', { token: dadmin, body: body(U.VP.id, 'specialist') }), 422, 'unit_id');
  assertProblem(await req('POST', '/api/v1/users', { token: dadmin, body: body(U.X0201.id, 'officer') }), 422, 'unit_id');
  const ok = await req('POST', '/api/v1/users', { token: dadmin, body: body(U.X0101.id, 'admin') });
  assert.equal(ok.status, 201, ok.text);
  assertProblem(await req('PUT', `/api/v1/users/${ok.json.id}`, { token: dadmin, body: { unit_id: U.NDH.id } }), 422, 'unit_id');
  assertProblem(await req('PUT', `/api/v1/users/${dadminUser.id}`, { token: dadmin, body: { unit_id: U.NDH.id } }), 422, 'unit_id');
  const me = await req('GET', `/api/v1/users/${dadminUser.id}`, { token: admin });
  assert.equal(me.json.unit_id, U.H01.id);
  const provinceAdmin = (await req('GET', '/api/v1/users?q=admin&per_page=100', { token: admin })).json.items.find((u) => u.username === 'admin');
  assertProblem(await req('PUT', `/api/v1/users/${provinceAdmin.id}`, { token: dadmin, body: { password: 'Chiem@Quyen2023' } }), 404);
  assertProblem(await req('POST', `/api/v1/users/${provinceAdmin.id}/disable`, { token: dadmin }), 404);
});

test('the holiday calendar is the province admin\'s', async () => {
  assertProblem(await req('POST', '/api/v1/holidays', { token: dadmin, body: { day: '2098-05-05', name: 'Nghỉ tự đặt' } }), 403);
  assertProblem(await req('DELETE', '/api/v1/holidays/2023-01-01', { token: dadmin }), 403);
  const list = await req('GET', '/api/v1/holidays?year=2098', { token: admin });
  assert.ok(!list.json.items.some((h) => h.day === '2098-05-05'));
});

test('a district admin reads the audit rows of its own subtree only', async () => {
  // Fresh rows on both sides: a change in H02 by the province admin, one in H01 by the district.
  const far = await newUnit(admin, U.H02.id);
  const near = await newUnit(dadmin, U.H01.id);
  const mineIds = subtree.get(U.H01.id);
  const users = new Map((await req('GET', '/api/v1/users?per_page=500', { token: admin })).json.items.map((u) => [u.id, u.unit_id]));
  const r = await req('GET', '/api/v1/audit?per_page=500', { token: dadmin });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.some((a) => a.entity === 'unit' && a.entity_id === String(near.json.id)), 'its own change is listed');
  assert.ok(!r.json.items.some((a) => a.entity === 'unit' && a.entity_id === String(far.json.id)), 'another district\'s change is not');
  for (const a of r.json.items) {
    const actorIn = users.has(a.actor_id) && mineIds.has(users.get(a.actor_id));
    const objectIn =
      (a.entity === 'unit' && mineIds.has(Number(a.entity_id))) || (a.entity === 'user' && mineIds.has(users.get(Number(a.entity_id)))) || a.entity === 'plan'; // plans: checked by the SQL
    assert.ok(actorIn || objectIn, `audit row ${a.id} (${a.action} ${a.entity} ${a.entity_id} by ${a.actor_username}) is outside H01`);
  }
  const exact = await req('GET', `/api/v1/audit?entity=unit&entity_id=${far.json.id}`, { token: dadmin });
  assert.equal(exact.json.total, 0);
  const whole = await req('GET', `/api/v1/audit?entity=unit&entity_id=${far.json.id}`, { token: admin });
  assert.ok(whole.json.total >= 1);
});

test('a district admin cannot publish or send back its communes\' answers (feedback.route is the coordinator\'s)', async () => {
  const next = addressPool(76);
  const vp = await login('vp.kstt');
  const xa = await login('xa11.daumoi');
  const answered = async () => {
    const { r } = await submit(next);
    assert.equal(r.status, 201, r.text);
    const l = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: vp });
    const id = l.json.items[0].id;
    for (const [who, path, body] of [
      [vp, 'accept', { type: 2 }],
      [vp, 'forward', { unit_id: U.X0101.id }],
      [xa, 'receive', undefined],
      [xa, 'submit', { answer: 'Trả lời của xã.' }],
    ]) {
      const s = await req('POST', `/api/v1/feedback/${id}/${path}`, { token: who, body });
      assert.equal(s.status, 200, `${path}: ${s.text}`);
    }
    return id;
  };
  const id = await answered();
  const seen = await req('GET', `/api/v1/feedback/${id}`, { token: dadmin });
  assert.equal(seen.status, 200, 'the district reads its commune\'s item');
  assert.deepEqual(seen.json.allowed, [], 'no coordinator action is offered to the district');
  assertProblem(await req('POST', `/api/v1/feedback/${id}/publish`, { token: dadmin, body: { answer: 'Huyện tự công khai' } }), 403);
  assertProblem(await req('POST', `/api/v1/feedback/${id}/send-back`, { token: dadmin, body: { note: 'Huyện trả lại' } }), 403);
  assertProblem(await req('POST', '/api/v1/feedback/reminders', { token: dadmin }), 403);
  const after = await req('GET', `/api/v1/feedback/${id}`, { token: vp });
  assert.equal(after.json.status, 'answered');
  assert.equal(after.json.published_at, null);
  const pub = await req('POST', `/api/v1/feedback/${id}/publish`, { token: vp });
  assert.equal(pub.status, 200, pub.text);
});

// ---- item 2: embedded rows ---------------------------------------------------------------------
async function provincePlan() {
  const r = await req('POST', '/api/v1/plans/import', {
    token: admin,
    body: {
      title: `Kế hoạch phạm vi ${rand()}`,
      year: 2023,
      unit_id: U.NDH.id,
      sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: 'Nhiệm vụ cấp xã', lead: [{ text: 'UBND cấp xã', unit_id: null, group: 'communes' }], coop: [], timeline: { text: 'Quý II/2023' }, children: [] }] }],
    },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: admin })).status, 200);
  const full = await req('GET', `/api/v1/plans/${r.json.id}`, { token: admin });
  const task = full.json.sections[0].tasks[0];
  const note = async (code, text) => {
    const a = task.assignments.find((x) => x.unit_id === U[code].id);
    const u = await req('POST', `/api/v1/assignments/${a.id}/updates`, { token: admin, body: { status: 'in_progress', progress: 40, note: text } });
    assert.equal(u.status, 201, u.text);
  };
  await note('X0101', 'Ghi chú nội bộ X0101');
  await note('X0201', 'Ghi chú nội bộ X0201');
  return { id: r.json.id, task, total: task.assignments.length };
}

test('a commune reads its own assignment rows and updates of a province task, and figures over all', async () => {
  const p = await provincePlan();
  const xa = await login('xa11.daumoi');
  const t = await req('GET', `/api/v1/tasks/${p.task.id}`, { token: xa });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual(t.json.assignments.map((a) => a.unit_id), [U.X0101.id]);
  assert.deepEqual(t.json.updates.map((u) => u.note), ['Ghi chú nội bộ X0101']);
  assert.equal(t.json.summary.assignee_count, p.total);
  assert.equal(t.json.assignments_view, 'subtree');
  assert.ok(!JSON.stringify(t.json).includes('X0201'), 'nothing of another commune');
  const plan = await req('GET', `/api/v1/plans/${p.id}`, { token: xa });
  const task = plan.json.sections[0].tasks[0];
  assert.deepEqual(task.assignments.map((a) => a.unit_id), [U.X0101.id]);
  assert.equal(task.assignee_count, p.total);
  assert.equal(Object.values(task.by_state).reduce((a, b) => a + b, 0), p.total);
  const prog = await req('GET', `/api/v1/plans/${p.id}/progress`, { token: xa });
  assert.deepEqual(prog.json.units.map((u) => u.unit_id), [U.X0101.id]);
  assert.equal(prog.json.overall.assignee_count, p.total);
  const exp = await req('GET', `/api/v1/plans/${p.id}/export`, { token: xa });
  assert.equal(exp.status, 200);
});

test('a district reads its communes\' rows; the province and the owner read every row', async () => {
  const p = await provincePlan();
  await loadTree();
  const h = await req('GET', `/api/v1/tasks/${p.task.id}`, { token: await login('huyen1.lanhdao') });
  const mine = subtree.get(U.H01.id);
  assert.ok(h.json.assignments.length > 1);
  assert.ok(h.json.assignments.every((a) => mine.has(a.unit_id)), 'only H01 communes');
  assert.ok(h.json.updates.every((u) => mine.has(u.unit_id)));
  assert.equal(h.json.updates.length, 1);
  for (const who of ['admin', 'lanhdao.tinh', 'vp.kstt']) {
    const w = await req('GET', `/api/v1/tasks/${p.task.id}`, { token: await login(who) });
    assert.equal(w.json.assignments.length, p.total, who);
    assert.equal(w.json.updates.length, 2, who);
    assert.equal(w.json.assignments_view, 'all');
  }
});
