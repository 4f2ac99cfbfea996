// Lists past 5,000 rows (issue 11, item 9): the feedback inbox and the assignment list filter,
// count and page in SQL. 5,211 feedback items and 5,150 assignments are inserted straight into the
// test database; the totals are exact, pages hold the rows the database orders there (the last
// page too), and the SQL filters agree with the clocks the api computes in C for every row shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { req, login } from '../lib/api.mjs';
import { sql, rand, unitsByCode, makePlan, allTasks } from './storage.lib.mjs';

const NFB = 5211;
const NASG = 5150;
const marker = `LST${rand().toUpperCase()}`; // 11 characters, in every title
let vp, U, planId;

// The statuses the inserted feedback cycles through, with the dates each needs.
const FB_STATUSES = ['new', 'accepted', 'forwarded', 'processing', 'answered', 'needs_info', 'returned', 'rejected'];

before(async () => {
  vp = await login('vp.kstt');
  U = await unitsByCode(vp);
  const unit = U.X0301.id;
  // Intake spread over the last 45 days, so some items are overdue, some due soon, some neither.
  sql(`INSERT INTO feedback (tracking_code, status, channel, sender_name, address, phone, title, content, type,
         assigned_unit_id, received_at, intake_at, status_since, returned_at, forwarded_at, answered_at, answer_due)
       SELECT CONCAT('${marker.slice(3, 7)}', LPAD(s.seq, 8, '0')) AS code,
              ELT(1 + s.seq % 8, ${FB_STATUSES.map((x) => `'${x}'`).join(',')}), 'web', 'Người Thử', 'Địa chỉ', '0912345678',
              CONCAT('${marker} #', s.seq), 'Nội dung', 1 + s.seq % 8,
              IF(s.seq % 8 IN (2, 3, 4), ${unit}, NULL),
              NOW() - INTERVAL (s.seq % 45) DAY, NOW() - INTERVAL (s.seq % 45) DAY, NOW(),
              IF(s.seq % 8 = 6, NOW() - INTERVAL (s.seq % 45) DAY + INTERVAL 1 DAY, NULL),
              IF(s.seq % 8 IN (2, 3, 4), NOW() - INTERVAL (s.seq % 45) DAY + INTERVAL 1 DAY, NULL),
              IF(s.seq % 8 = 4, NOW() - INTERVAL (s.seq % 45) DAY + INTERVAL 2 DAY, NULL),
              CURDATE()
       FROM seq_1_to_${NFB} s`);
  // Their due dates are not set: forget the recorded basis, so the next list recomputes every
  // stored due date (the backfill path of migration 012).
  sql(`UPDATE feedback_due_basis SET basis = '' WHERE id = 1`);

  // One published plan of 2030 with one task; then 5,149 more tasks and one assignment each for
  // X0301, with due dates around today, every status, and some periodic timelines.
  const plan = await makePlan(vp, U, {
    publish: true,
    year: 2030,
    sections: [{ number: 'I', title: `Mục ${marker}`, tasks: [{ number: '1', title: `${marker} nhiệm vụ gốc`, lead: ['X0301'], timeline: 'Quý IV/2030' }] }],
  });
  planId = plan.id;
  const sectionId = plan.sections[0].id;
  sql(`INSERT INTO tasks (plan_id, section_id, sort_order, number, title, timeline_json, tl_kind, start_date)
       SELECT ${planId}, ${sectionId}, s.seq * 10, CONCAT('1.', s.seq), CONCAT('${marker} #', s.seq),
              ELT(1 + s.seq % 4, NULL, '{"kind":"continuous","recurrence":null}', '{"kind":"recurring","recurrence":"monthly"}', '{"kind":"recurring","recurrence":["quarterly","yearly"]}'),
              'unknown', IF(s.seq % 3 = 0, CURDATE() - INTERVAL 400 DAY, NULL)
       FROM seq_1_to_${NASG - 1} s`);
  sql(`INSERT INTO assignments (task_id, unit_id, role, due_date, status, progress, done_date)
       SELECT t.id, ${unit}, 'lead', IF(t.id % 7 = 0, NULL, CURDATE() - INTERVAL 30 DAY + INTERVAL (t.id % 60) DAY),
              ELT(1 + t.id % 4, 'not_started', 'in_progress', 'done', 'blocked'), IF(t.id % 4 = 2, 100, 10),
              IF(t.id % 4 = 2, CURDATE() - INTERVAL (t.id % 50) DAY, NULL)
       FROM tasks t WHERE t.plan_id = ${planId} AND t.title LIKE '${marker} #%'`);
  // A recent report on a third of them (covers the finished period of periodic tasks).
  sql(`INSERT INTO task_updates (assignment_id, status, progress, created_at)
       SELECT a.id, 'in_progress', 10, NOW() - INTERVAL (a.id % 200) DAY FROM assignments a JOIN tasks t ON t.id = a.task_id
       WHERE t.plan_id = ${planId} AND a.id % 3 = 0`);
});

after(() => {
  sql(`DELETE FROM feedback WHERE title LIKE '${marker} #%'`);
  if (planId) {
    sql(`DELETE u FROM task_updates u JOIN assignments a ON a.id = u.assignment_id JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ${planId};
         DELETE a FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ${planId};
         UPDATE tasks SET parent_task_id = NULL WHERE plan_id = ${planId};
         DELETE FROM tasks WHERE plan_id = ${planId};
         DELETE FROM plan_sections WHERE plan_id = ${planId};
         DELETE FROM plans WHERE id = ${planId};`);
  }
});

async function get(path) {
  const r = await req('GET', path, { token: vp });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
/** Every page of a list (per_page as given): the items in order, and the totals seen. */
async function allPages(path, perPage) {
  const first = await get(`${path}&per_page=${perPage}&page=1`);
  const pages = Math.ceil(first.total / perPage);
  const items = [...first.items];
  for (let p = 2; p <= pages; p++) items.push(...(await get(`${path}&per_page=${perPage}&page=${p}`)).items);
  return { first, items };
}

test(`feedback: ${NFB} items, exact total, pages in the database's order, the last page`, async () => {
  const base = `/api/v1/feedback?box=all&q=${marker}`;
  const { first, items } = await allPages(base, 200);
  assert.equal(first.total, NFB);
  assert.equal(items.length, NFB);
  assert.equal(new Set(items.map((i) => i.id)).size, NFB, 'no row twice');
  const expected = sql(`SELECT id FROM feedback WHERE title LIKE '${marker} #%'
                        ORDER BY due_date IS NULL, due_date, received_at DESC, id DESC`).map((r) => Number(r[0]));
  assert.deepEqual(items.map((i) => i.id), expected);
  const last = await get(`${base}&per_page=200&page=${Math.ceil(NFB / 200)}`);
  assert.equal(last.items.length, NFB % 200);
  assert.deepEqual(last.items.map((i) => i.id), expected.slice(-(NFB % 200)));
  const beyond = await get(`${base}&per_page=200&page=${Math.ceil(NFB / 200) + 1}`);
  assert.equal(beyond.items.length, 0);
  assert.equal(beyond.total, NFB);

  // Every row's clock (computed in C for the rows shown) agrees with the SQL figures and filters.
  const over = items.filter((i) => i.overdue).length;
  const soon = items.filter((i) => i.due_soon).length;
  console.log(`feedback: total ${first.total}, overdue ${over}, due soon ${soon}`);
  assert.ok(over > 100 && soon > 10, 'the data has both');
  assert.equal(first.overdue_count, over);
  assert.equal(first.due_soon_count, soon);
  for (const i of items) if (i.clock.due) assert.equal(i.due_date, i.clock.due, 'stored due date = clock');
  const o = await allPages(`${base}&overdue=1`, 200);
  assert.equal(o.first.total, over);
  assert.ok(o.items.every((i) => i.overdue === true));
  assert.equal((await get(`${base}&overdue=0&per_page=1`)).total, NFB - over);
  const s = await allPages(`${base}&due_soon=true`, 200);
  assert.equal(s.first.total, soon);
  assert.ok(s.items.every((i) => i.due_soon === true && !i.overdue));
  // Status and box filters count in SQL too.
  const perStatus = Math.floor(NFB / 8) + (NFB % 8 >= 1 ? 1 : 0); // seq % 8 = 1: 'accepted'
  assert.equal((await get(`${base}&status=accepted&per_page=1`)).total, perStatus);
  const unitBox = items.filter((i) => ['forwarded', 'processing', 'answered'].includes(i.status)).length;
  assert.equal((await get(`/api/v1/feedback?box=unit&q=${marker}&per_page=1`)).total, unitBox);
  assert.equal((await get(`/api/v1/feedback?box=all&q=${marker}&unit_id=${U.X0301.id}&per_page=1`)).total, unitBox);
});

test(`assignments: ${NASG} rows of one unit, exact total, pages, state filters agree with the computed state`, async () => {
  const base = `/api/v1/assignments?unit_id=${U.X0301.id}&plan_id=${planId}`;
  const { first, items } = await allPages(base, 500);
  assert.equal(first.total, NASG);
  assert.equal(items.length, NASG);
  assert.equal(new Set(items.map((i) => i.id)).size, NASG);
  // overdue work first (by the state computed in C, which the SQL order must agree with), then by
  // due date, undated last, then the plan's order
  const overdueIds = new Set(items.filter((i) => i.overdue).map((i) => i.id));
  const rows = sql(`SELECT a.id, COALESCE(a.due_date, ''), t.plan_id, t.sort_order FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ${planId}`)
    .map(([id, due, plan, order]) => ({ id: Number(id), due, plan: Number(plan), order: Number(order) }));
  const key = (r) => [overdueIds.has(r.id) ? 0 : 1, r.due ? 0 : 1, r.due, r.plan, r.order, r.id];
  const cmp = (a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
  };
  const expected = rows.sort(cmp).map((r) => r.id);
  assert.ok(overdueIds.size > 0 && overdueIds.size < NASG, 'some overdue, some not');
  assert.deepEqual(items.map((i) => i.id), expected);
  const last = await get(`${base}&per_page=500&page=${Math.ceil(NASG / 500)}`);
  assert.deepEqual(last.items.map((i) => i.id), expected.slice(-(NASG % 500)));
  const byState = {};
  for (const i of items) byState[i.state] = (byState[i.state] || 0) + 1;
  console.log('assignments by state', JSON.stringify(byState), 'missing reports', items.filter((i) => i.missing_report).length);
  assert.ok(items.some((i) => i.missing_report), 'some periodic tasks miss a report');
  for (const st of ['not_started', 'in_progress', 'done', 'done_late', 'blocked', 'overdue']) {
    assert.ok(byState[st] > 0, st);
    const l = await allPages(`${base}&status=${st}`, 500);
    assert.equal(l.first.total, byState[st], st);
    assert.ok(l.items.every((i) => i.state === st), st);
  }
  const over = items.filter((i) => i.overdue).length;
  assert.equal((await get(`${base}&overdue=true&per_page=1`)).total, over);
  assert.equal((await get(`${base}&overdue=false&per_page=1`)).total, NASG - over);
  const cut = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const before = items.filter((i) => i.due_date && i.due_date < cut).length;
  assert.equal((await get(`${base}&due_before=${cut}&per_page=1`)).total, before);
});
