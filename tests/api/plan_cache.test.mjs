// The plan table's cache and assignee paging (issue 21): a cached table is never served after a
// write to the plan, its sections, tasks, assignments or progress updates; each reader's scope
// still picks its rows; assignees_limit pages the assignee rows and says how many there are.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');
const U = {};
let vp, xa11, xa12, h1off, plan;

before(async () => {
  const admin = await login('admin');
  [vp, xa11, xa12, h1off] = await Promise.all(['vp.kstt', 'xa11.daumoi', 'xa12.daumoi', 'huyen1.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
  const ref = (code) => ({ text: U[code].name, unit_id: U[code].id, group: null });
  const communes = { text: 'UBND cấp xã', unit_id: null, group: 'communes' };
  const body = {
    title: `Kế hoạch bộ nhớ đệm ${rand()}`,
    year: 2023,
    unit_id: U.NDH.id,
    sections: [
      {
        number: 'I',
        title: 'Mục đệm',
        tasks: [
          { number: '1', title: 'Nhiệm vụ cho mọi xã', output: null, lead: [communes], coop: [ref('STP')], timeline: { text: 'Quý I/2023' }, children: [] },
          { number: '2', title: 'Nhiệm vụ của Sở Tư pháp', output: null, lead: [ref('STP')], coop: [], timeline: { text: 'Quý II/2023' }, children: [] },
        ],
      },
    ],
  };
  const c = await req('POST', '/api/v1/plans/import', { token: vp, body });
  assert.equal(c.status, 201, c.text);
  const p = await req('POST', `/api/v1/plans/${c.json.id}/publish`, { token: vp });
  assert.equal(p.status, 200, p.text);
  plan = c.json;
});

const get = async (token, q = '') => {
  const r = await req('GET', `/api/v1/plans/${plan.id}${q}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const ORDER = ['overdue', 'blocked', 'not_started', 'in_progress', 'done_late', 'done'];
/** The web table's urgency order (PlanCommon byUrgency), ties in the table's order. */
const urgent = (rows) =>
  rows
    .map((a, at) => ({ a, at, rank: a.overdue ? 0 : ORDER.indexOf(a.state) }))
    .sort((x, y) => x.rank - y.rank || (x.a.due_date || '9999').localeCompare(y.a.due_date || '9999') || x.at - y.at)
    .map((x) => x.a);
const tasksOf = (p) => p.sections.flatMap((s) => s.tasks);
/** Reads the table twice (the second read is the cached answer) and checks both agree. */
async function cached(token, q = '') {
  const a = await get(token, q);
  const b = await get(token, q);
  assert.deepEqual(b.sections, a.sections, 'a repeated read gives the same table');
  return b;
}

test('plan table: assignees_limit pages each task\'s assignees, with the total and unchanged figures', async () => {
  const all = await cached(vp);
  const paged = await cached(vp, '?assignees_limit=3');
  const [t1, t2] = tasksOf(all);
  const [p1, p2] = tasksOf(paged);
  assert.ok(t1.assignments.length > 30, `${t1.assignments.length} assignees`);
  assert.equal(t1.assignments_total, t1.assignments.length);
  assert.equal(p1.assignments_total, t1.assignments.length);
  assert.deepEqual(p1.assignments, urgent(t1.assignments).slice(0, 3), 'the most urgent rows');
  assert.equal(p1.assignee_count, t1.assignee_count, 'figures count every assignee');
  assert.deepEqual(p1.by_state, t1.by_state);
  assert.equal(p2.assignments.length, 1);
  assert.equal(p2.assignments_total, 1);
  assert.deepEqual(p2.assignments, t2.assignments);
  const none = await get(vp, '?assignees_limit=0');
  assert.deepEqual(tasksOf(none)[0].assignments, []);
  assert.equal(tasksOf(none)[0].assignments_total, t1.assignments.length);
  for (const bad of ['-1', '1001', 'abc', '2.5']) {
    const r = await req('GET', `/api/v1/plans/${plan.id}?assignees_limit=${bad}`, { token: vp });
    assertProblem(r, 422, 'assignees_limit');
  }
});

test('progress board: cached too, never stale after an update, each reader its own units', async () => {
  const board = async (token) => {
    const a = await req('GET', `/api/v1/plans/${plan.id}/progress`, { token });
    const b = await req('GET', `/api/v1/plans/${plan.id}/progress`, { token });
    assert.equal(a.status, 200, a.text);
    assert.equal(b.text, a.text, 'a repeated read gives the same board');
    return b.json;
  };
  const before = await board(vp);
  const mine = tasksOf(await get(xa12)).flatMap((t) => t.assignments).find((a) => a.unit_id === U.X0102.id);
  const r = await req('POST', `/api/v1/assignments/${mine.id}/updates`, { token: xa12, body: { status: 'done', note: 'Đã xong', evidence_no: '2/BC', evidence_date: '2023-03-21' } });
  assert.equal(r.status, 201, r.text);
  const after = await board(vp);
  assert.equal(after.done, before.done + 1);
  const row = (b, id) => b.units.find((u) => u.unit_id === id);
  assert.equal(row(after, U.X0102.id).done, row(before, U.X0102.id).done + 1);
  const a = await board(xa11);
  const b = await board(xa12);
  assert.deepEqual(a.units.map((u) => u.unit_id), [U.X0101.id]);
  assert.deepEqual(b.units.map((u) => u.unit_id), [U.X0102.id]);
  assert.equal(b.units[0].done, 1);
  assert.equal(a.overall.assignee_count, after.overall.assignee_count, 'figures over every assignee');
});

test('plan table: never stale after a progress update, a task edit, an assignment change, a section edit or a plan edit', async () => {
  // every row (the test database may hold more communes than a page, whatever ran before)
  const q = '?assignees_limit=1000';
  let p = await cached(vp, q);
  const mine = tasksOf(p)[0].assignments.find((a) => a.unit_id === U.X0101.id);
  assert.ok(mine, 'X0101 is assigned');
  assert.equal(mine.progress, 0);
  const doneBefore = tasksOf(p)[0].done_count;
  // a progress update by the commune
  let r = await req('POST', `/api/v1/assignments/${mine.id}/updates`, { token: xa11, body: { status: 'done', note: 'Đã xong', evidence_no: '1/BC', evidence_date: '2023-03-20' } });
  assert.equal(r.status, 201, r.text);
  p = await cached(vp, q);
  let row = tasksOf(p)[0].assignments.find((a) => a.id === mine.id);
  assert.equal(row.progress, 100);
  assert.equal(row.status, 'done');
  assert.equal(tasksOf(p)[0].done_count, doneBefore + 1, 'the task\'s figures follow');
  // a task edit
  const t2 = tasksOf(p)[1];
  r = await req('PUT', `/api/v1/tasks/${t2.id}`, { token: vp, body: { title: 'Nhiệm vụ của Sở Tư pháp (đã sửa)' } });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.equal(tasksOf(p)[1].title, 'Nhiệm vụ của Sở Tư pháp (đã sửa)');
  // an assignment change: a newly named lead unit gets an assignment at once
  r = await req('PUT', `/api/v1/tasks/${t2.id}`, {
    token: vp,
    body: { lead: [{ text: U.STP.name, unit_id: U.STP.id, group: null }, { text: U.H01.name, unit_id: U.H01.id, group: null }] },
  });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.deepEqual(tasksOf(p)[1].assignments.map((a) => a.unit_id).sort((a, b) => a - b), [U.STP.id, U.H01.id].sort((a, b) => a - b));
  assert.equal(tasksOf(p)[1].assignments_total, 2);
  // a timeline change moves the due dates
  r = await req('PUT', `/api/v1/tasks/${t2.id}`, { token: vp, body: { timeline_text: 'Quý III/2023' } });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.ok(tasksOf(p)[1].assignments.every((a) => a.due_date === '2023-09-30'), JSON.stringify(tasksOf(p)[1].assignments));
  // a section edit
  r = await req('PUT', `/api/v1/sections/${p.sections[0].id}`, { token: vp, body: { title: 'Mục đệm đã sửa' } });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.equal(p.sections[0].title, 'Mục đệm đã sửa');
  // a new task
  r = await req('POST', `/api/v1/plans/${plan.id}/tasks`, {
    token: vp,
    body: { section_id: p.sections[0].id, number: '3', title: 'Nhiệm vụ mới thêm', lead: [{ text: U.STP.name, unit_id: U.STP.id, group: null }], timeline_text: 'Quý IV/2023' },
  });
  assert.equal(r.status, 201, r.text);
  p = await cached(vp, q);
  assert.deepEqual(tasksOf(p).map((t) => t.title).at(-1), 'Nhiệm vụ mới thêm');
  assert.equal(tasksOf(p).at(-1).assignments.length, 1);
  // deleting it
  r = await req('DELETE', `/api/v1/tasks/${tasksOf(p).at(-1).id}`, { token: vp });
  assert.equal(r.status, 204, r.text);
  p = await cached(vp, q);
  assert.equal(tasksOf(p).length, 2);
  // a plan edit
  r = await req('PUT', `/api/v1/plans/${plan.id}`, { token: vp, body: { title: `${plan.title} (sửa)` } });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.equal(p.title, `${plan.title} (sửa)`);
  // closing it
  r = await req('POST', `/api/v1/plans/${plan.id}/close`, { token: vp });
  assert.equal(r.status, 200, r.text);
  p = await cached(vp, q);
  assert.equal(p.status, 'closed');
  row = tasksOf(p)[0].assignments.find((a) => a.id === mine.id);
  assert.equal(row.progress, 100, 'the closed plan still shows the progress');
});

test('plan table: each reader gets its own scope\'s rows from the cache, whoever read first', async () => {
  for (const q of ['', '?assignees_limit=5']) {
    const full = await cached(vp, q);
    const a = await cached(xa11, q);
    const b = await cached(xa12, q);
    const d = await cached(h1off, q);
    assert.equal(a.assignments_view, 'subtree');
    const rows = (p) => tasksOf(p).flatMap((t) => t.assignments);
    assert.deepEqual([...new Set(rows(a).map((x) => x.unit_id))], [U.X0101.id], 'xa11 sees only its rows');
    assert.deepEqual([...new Set(rows(b).map((x) => x.unit_id))], [U.X0102.id], 'xa12 sees only its rows');
    const h01 = Object.values(U).filter((u) => u.id === U.H01.id || u.parent_id === U.H01.id).map((u) => u.id);
    assert.ok(rows(d).length > 1 && rows(d).every((x) => h01.includes(x.unit_id)), 'a district sees its subtree');
    assert.equal(tasksOf(a)[0].assignments_total, 1);
    assert.equal(tasksOf(a)[0].assignee_count, tasksOf(full)[0].assignee_count, 'figures over every assignee');
    assert.ok(rows(full).length > rows(d).length);
    // and again in the other order
    assert.deepEqual((await get(xa12, q)).sections, b.sections);
    assert.deepEqual((await get(xa11, q)).sections, a.sections);
  }
});
