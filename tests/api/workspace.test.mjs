// GET /api/v1/workspace (issue 15): the landing page's queues by role. For a commune officer, a
// district officer and leader, a department officer, the coordinator, the province leader and the
// administrator: which sections are present, and what they hold, checked against the database:
// every assignment is the caller's very unit's, due within 10 working days (counted here from the
// holiday calendar) or overdue oldest first, totals equal SQL counts, the units behind equal a
// count per unit, no feedback item or report outside the caller's scope. The plan and feedback
// items the checks need are made here: a published plan with tasks for X0101 due soon, on the
// tenth and the eleventh working day, overdue and done, one for X0102; an item forwarded to
// X0101 and one to X0201.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { login, req } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, submit } from './feedback.lib.mjs';

const next = addressPool(157);
const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ms = (ymd) => Date.parse(`${ymd}T00:00:00Z`);
const vnDate = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
// the server's "today" is Asia/Ho_Chi_Minh
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

let OFF;
let ON;
/** Working days in (a, b] over the holiday calendar; negative when b < a. */
function wd(a, b) {
  if (!OFF) {
    const rows = sql('SELECT day, kind FROM holidays');
    OFF = new Set(rows.filter((r) => r[1] === 'holiday').map((r) => r[0]));
    ON = new Set(rows.filter((r) => r[1] === 'workday').map((r) => r[0]));
  }
  if (b < a) return -wd(b, a);
  let n = 0;
  for (let t = ms(a) + DAY; t <= ms(b); t += DAY) {
    const d = iso(t);
    const w = new Date(t).getUTCDay();
    if (OFF.has(d)) continue;
    if ((w >= 1 && w <= 5) || ON.has(d)) n++;
  }
  return n;
}
/** The n-th working day after today. */
function ahead(n) {
  let d = TODAY;
  while (wd(TODAY, d) < n) d = iso(ms(d) + DAY);
  return d;
}
const ids = (list) => list.items.map((x) => x.assignment_id ?? x.id);
const inList = (a) => (a.length ? a.join(',') : '0');
const oneCol = (q) => sql(q).map((r) => r[0]);

const ROLES = ['xa11.daumoi', 'huyen1.daumoi', 'huyen1.lanhdao', 'stp.daumoi', 'vp.kstt', 'lanhdao.tinh', 'admin'];
const ws = {};
const me = {};
const fx = {};
let U;

before(async () => {
  const admin = await login('admin');
  const vp = await login('vp.kstt');
  U = {};
  for (const u of (await req('GET', '/api/v1/units?per_page=1000', { token: admin })).json.items) U[u.code] = u;
  const tag = randomBytes(4).toString('hex');
  fx.dates = {
    soon: ahead(3),
    edgeIn: ahead(10),
    edgeOut: ahead(11),
    overdueOld: iso(ms(TODAY) - 300 * DAY),
    overdueNew: iso(ms(TODAY) - 9 * DAY),
    done: iso(ms(TODAY) - 20 * DAY),
  };
  const tasks = [
    ...Object.entries(fx.dates).map(([k, due]) => ({ key: k, unit: 'X0101', due })),
    { key: 'other', unit: 'X0102', due: fx.dates.overdueOld },
  ];
  const r = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: {
      title: `Kế hoạch thử trang làm việc ${tag}`,
      year: Number(TODAY.slice(0, 4)),
      unit_id: U.NDH.id,
      sections: [
        {
          number: 'I',
          title: 'Nhiệm vụ thử',
          tasks: tasks.map((t, i) => ({
            number: String(i + 1),
            title: `Việc ${t.key} ${tag}`,
            output: null,
            lead: [{ text: U[t.unit].name, unit_id: U[t.unit].id, group: null }],
            coop: [],
            timeline: { text: `Trước ${vnDate(t.due)}` },
            children: [],
          })),
        },
      ],
    },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: vp })).status, 200);
  fx.asg = {};
  for (const [k, unit] of [...Object.keys(fx.dates).map((k) => [k, 'X0101']), ['other', 'X0102']]) {
    const row = sql(
      `SELECT a.id, a.due_date FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ${Number(r.json.id)} AND t.title = 'Việc ${k} ${tag}' AND a.unit_id = ${Number(U[unit].id)}`,
    );
    assert.equal(row.length, 1, `assignment ${k}`);
    fx.asg[k] = Number(row[0][0]);
    if (k !== 'other') assert.equal(row[0][1], fx.dates[k], `due date of ${k}`);
  }
  sql(`UPDATE assignments SET status = 'done', progress = 100, done_date = '${TODAY}' WHERE id = ${fx.asg.done}`);
  // Feedback: one forwarded to X0101 (the commune's queue), one to X0201 (outside H01).
  const forward = async (unit) => {
    const s = await submit(next);
    assert.equal(s.r.status, 201, s.r.text);
    const l = await req('GET', `/api/v1/feedback?box=all&q=${s.r.json.tracking_code}`, { token: vp });
    const id = l.json.items[0].id;
    assert.equal((await req('POST', `/api/v1/feedback/${id}/accept`, { token: vp, body: {} })).status, 200);
    const f = await req('POST', `/api/v1/feedback/${id}/forward`, { token: vp, body: { unit_id: U[unit].id } });
    assert.equal(f.status, 200, f.text);
    return id;
  };
  fx.fbIn = await forward('X0101');
  fx.fbOut = await forward('X0201');
  for (const who of ROLES) me[who] = (await req('GET', '/api/v1/auth/me', { token: await login(who) })).json.user;
});

/**
 * Reads who's workspace and runs check on it; other suites may change the data between the answer
 * and the SQL that checks it, so a failed check is tried again on a new answer (three times).
 */
async function settled(who, check) {
  for (let attempt = 0; ; attempt++) {
    const w = await req('GET', '/api/v1/workspace', { token: await login(who) });
    assert.equal(w.status, 200, `${who}: ${w.text}`);
    ws[who] = w.json;
    try {
      return check(w.json);
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** Checks the sections every caller has: the unit's assignments, feedback, reports, notifications. */
function checkUnitSections(who) {
  const w = ws[who];
  const unit = Number(me[who].unit_id);
  assert.equal(w.today, TODAY);
  assert.equal(w.due_until, ahead(10), 'the horizon is the tenth working day');
  const lists = { due: w.due, overdue: w.overdue };
  for (const [name, list] of Object.entries(lists)) {
    assert.ok(list.items.length <= 10, `${name} capped`);
    const got = ids(list);
    if (got.length) {
      // Every assignment is the caller's very unit's, open, of a published plan.
      const rows = sql(
        `SELECT a.id, a.unit_id, a.status, p.status FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id WHERE a.id IN (${inList(got)})`,
      );
      assert.equal(rows.length, got.length);
      for (const [id, u, st, ps] of rows) {
        assert.equal(Number(u), unit, `${who} ${name}: assignment ${id} of unit ${u}`);
        assert.notEqual(st, 'done');
        assert.equal(ps, 'published');
      }
    }
    const dues = list.items.map((a) => a.due_date);
    assert.deepEqual(dues, [...dues].sort(), `${name} ordered by due date, oldest first`);
  }
  for (const a of w.due.items) {
    const n = wd(TODAY, a.due_date);
    assert.ok(a.due_date >= TODAY && n <= 10, `due ${a.due_date} within 10 working days`);
    assert.equal(a.days_left, n);
    assert.equal(a.link, `/app/nhiem-vu/${a.task_id}?cap_nhat=${a.assignment_id}`);
  }
  for (const a of w.overdue.items) {
    assert.ok(a.due_date < TODAY);
    assert.equal(a.days_overdue, wd(a.due_date, TODAY));
  }
  const base = `FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id WHERE a.unit_id = ${unit} AND p.status = 'published' AND a.status <> 'done'`;
  assert.equal(w.due.total, Number(sql(`SELECT COUNT(*) ${base} AND a.due_date BETWEEN '${TODAY}' AND '${ahead(10)}'`)[0][0]), `${who}: due total`);
  assert.equal(w.overdue.total, Number(sql(`SELECT COUNT(*) ${base} AND a.due_date < '${TODAY}'`)[0][0]), `${who}: overdue total`);
  // Feedback waiting for this very unit.
  const fb = ids(w.feedback);
  for (const [id, u, st] of fb.length ? sql(`SELECT id, assigned_unit_id, status FROM feedback WHERE id IN (${inList(fb)})`) : []) {
    assert.equal(Number(u), unit, `${who}: feedback ${id} of another unit`);
    assert.ok(['forwarded', 'processing'].includes(st), st);
  }
  assert.equal(w.feedback.total, Number(sql(`SELECT COUNT(*) FROM feedback WHERE assigned_unit_id = ${unit} AND status IN ('forwarded','processing')`)[0][0]));
  for (const f of w.feedback.items) assert.ok(f.clock && 'due' in f.clock, 'the item carries its clock');
  // Reports: the unit's own, not filed.
  for (const r of w.reports_due.items) {
    assert.equal(r.unit.id, unit, `${who}: report of another unit`);
    assert.ok(['missing', 'draft', 'returned'].includes(r.status), r.status);
    assert.ok(r.due_date <= ahead(10), 'due by the horizon');
    if (r.report_id) assert.deepEqual(sql(`SELECT unit_id, status FROM reports WHERE id = ${Number(r.report_id)}`)[0], [String(unit), r.status]);
    else assert.equal(sql(`SELECT COUNT(*) FROM reports WHERE unit_id = ${unit} AND kind = 'kstt' AND period = '${r.period}'`)[0][0], '0');
  }
  // Notifications: the caller's unread ones.
  const user = Number(me[who].id);
  const unread = Number(
    sql(
      `SELECT COUNT(*) FROM notifications n LEFT JOIN notification_reads nr ON nr.notification_id = n.id AND nr.user_id = ${user} WHERE (n.user_id = ${user} OR n.unit_id = ${unit}) AND nr.read_at IS NULL`,
    )[0][0],
  );
  assert.equal(w.notifications.unread, unread);
  assert.ok(w.notifications.items.length <= 5);
}

/** Units with overdue assignments in scope (subtree of root, or all), counted in SQL here. */
function behindCounts(root) {
  const scope = root ? `AND a.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${Number(root)})` : '';
  return new Map(
    sql(
      `SELECT a.unit_id, COUNT(*), MIN(a.due_date) FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id WHERE p.status = 'published' AND a.status <> 'done' AND a.due_date < '${TODAY}' ${scope} GROUP BY a.unit_id`,
    ).map(([u, n, d]) => [Number(u), { n: Number(n), d }]),
  );
}

function checkBehind(list, root) {
  const counts = behindCounts(root);
  assert.equal(list.total, counts.size, 'one row per unit behind');
  assert.ok(list.items.length <= 10);
  const max = Math.max(0, ...[...counts.values()].map((c) => c.n));
  if (list.items.length) assert.equal(list.items[0].overdue, max, 'worst first');
  let prev = Infinity;
  for (const b of list.items) {
    const c = counts.get(b.unit.id);
    assert.ok(c, `unit ${b.unit.name} is not behind, or out of scope`);
    assert.equal(b.overdue, c.n, `${b.unit.name}: overdue count`);
    assert.equal(b.worst_days, wd(c.d, TODAY), `${b.unit.name}: worst days`);
    assert.ok(b.overdue <= prev, 'ordered by overdue count');
    prev = b.overdue;
  }
}

describe('workspace', () => {
  test('anonymous: 401', async () => {
    assert.equal((await req('GET', '/api/v1/workspace')).status, 401);
  });

  test('commune officer: its unit\'s queues only, due within 10 working days, overdue oldest first', () =>
    settled('xa11.daumoi', (w) => {
      for (const k of ['coordinator', 'leader', 'system']) assert.equal(w[k], undefined, `no ${k} section`);
      checkUnitSections('xa11.daumoi');
      const due = ids(w.due);
      assert.ok(due.includes(fx.asg.soon), 'due in 3 working days: listed');
      assert.ok(due.includes(fx.asg.edgeIn) || w.due.total > 10, 'due on the tenth working day: listed');
      assert.ok(!due.includes(fx.asg.edgeOut), 'due on the eleventh working day: not listed');
      const over = ids(w.overdue);
      assert.ok(over.includes(fx.asg.overdueOld) || w.overdue.total > 10, 'overdue: listed');
      if (over.includes(fx.asg.overdueOld) && over.includes(fx.asg.overdueNew)) assert.ok(over.indexOf(fx.asg.overdueOld) < over.indexOf(fx.asg.overdueNew), 'oldest first');
      assert.ok(!over.includes(fx.asg.done) && !due.includes(fx.asg.done), 'a done assignment is not listed');
      assert.ok(!over.includes(fx.asg.other), "another commune's assignment is not listed");
      // Listed, unless ten items with nearer deadlines fill the queue (earlier runs leave theirs).
      assert.ok(ids(w.feedback).includes(fx.fbIn) || w.feedback.total > w.feedback.items.length, 'the item forwarded to the commune is listed');
      assert.ok(!ids(w.feedback).includes(fx.fbOut), 'the item forwarded elsewhere is not');
    }));

  test('district officer and department officer: their own unit\'s queues, no other section', async () => {
    for (const who of ['huyen1.daumoi', 'stp.daumoi']) await settled(who, () => {
      for (const k of ['coordinator', 'leader', 'system']) assert.equal(ws[who][k], undefined, `${who}: no ${k}`);
      checkUnitSections(who);
      assert.ok(!ids(ws[who].feedback).includes(fx.fbIn), `${who}: the commune's item is the commune's to handle`);
    });
  });

  test('district leader: units behind and overdue feedback of its subtree', () =>
    settled('huyen1.lanhdao', (w) => {
      assert.ok(w.leader);
      assert.equal(w.coordinator, undefined);
      assert.equal(w.system, undefined);
      checkUnitSections('huyen1.lanhdao');
      checkBehind(w.leader.units_behind, U.H01.id);
      const fb = ids(w.leader.feedback_overdue);
      const sub = new Set(oneCol(`SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${U.H01.id}`).map(Number));
      for (const [id, u, due] of fb.length ? sql(`SELECT id, assigned_unit_id, due_date FROM feedback WHERE id IN (${inList(fb)})`) : []) {
        assert.ok(sub.has(Number(u)), `feedback ${id} outside H01`);
        assert.ok(due < TODAY, 'overdue');
      }
      assert.equal(
        w.leader.feedback_overdue.total,
        Number(
          sql(
            `SELECT COUNT(*) FROM feedback f WHERE f.assigned_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${U.H01.id}) AND f.status IN ('new','accepted','returned','forwarded','processing','answered') AND f.due_date < '${TODAY}'`,
          )[0][0],
        ),
      );
    }));

  test('coordinator: routing queues, units behind across the province, reports not filed', () =>
    settled('vp.kstt', (w) => {
      assert.ok(w.coordinator);
      assert.equal(w.leader, undefined, 'a specialist is no leader');
      assert.equal(w.system, undefined);
      checkUnitSections('vp.kstt');
      const c = w.coordinator;
      const count = (where) => Number(sql(`SELECT COUNT(*) FROM feedback f WHERE ${where}`)[0][0]);
      assert.equal(c.feedback_to_route.total, count("f.status IN ('new','accepted')"));
      assert.equal(c.returned.total, count("f.status = 'returned'"));
      assert.equal(c.to_publish.total, count("f.status = 'answered'"));
      for (const f of c.feedback_to_route.items) assert.ok(['new', 'accepted'].includes(f.status));
      for (const f of c.returned.items) assert.equal(f.status, 'returned');
      const dues = c.feedback_to_route.items.map((f) => f.due_date).filter(Boolean);
      assert.deepEqual(dues, [...dues].sort(), 'nearest deadline first');
      checkBehind(c.behind, null);
      for (const r of c.reports_missing.items) {
        assert.ok(['missing', 'draft', 'returned'].includes(r.status));
        if (r.report_id) assert.deepEqual(sql(`SELECT unit_id, status FROM reports WHERE id = ${Number(r.report_id)}`)[0], [String(r.unit.id), r.status]);
        else assert.equal(sql(`SELECT COUNT(*) FROM reports WHERE unit_id = ${r.unit.id} AND kind = 'kstt' AND period = '${r.period}'`)[0][0], '0');
        assert.ok(r.due_date <= ahead(10));
      }
      const md = c.reports_missing.items.map((r) => r.due_date);
      assert.deepEqual(md, [...md].sort(), 'oldest due first');
    }));

  test('province leader: units behind across the province, no coordinator or system section', () =>
    settled('lanhdao.tinh', (w) => {
      assert.ok(w.leader);
      assert.equal(w.coordinator, undefined);
      assert.equal(w.system, undefined);
      checkBehind(w.leader.units_behind, null);
      const n = Number(
        sql(`SELECT COUNT(*) FROM feedback f WHERE f.status IN ('new','accepted','returned','forwarded','processing','answered') AND f.due_date < '${TODAY}'`)[0][0],
      );
      assert.equal(w.leader.feedback_overdue.total, n);
    }));

  test('administrator: every section and the system state', () =>
    settled('admin', (w) => {
      for (const k of ['coordinator', 'leader', 'system']) assert.ok(w[k], `admin has ${k}`);
      checkUnitSections('admin');
      const s = w.system;
      assert.ok(s.workers.count >= 1 && s.workers.threads >= 1);
      assert.equal(s.database.ok, true);
      assert.equal(s.database.schema, sql('SELECT MAX(version) FROM schema_migrations')[0][0]);
      // Other suites queue and send mail meanwhile: the pending count is only checked for form.
      const failed = Number(sql('SELECT COALESCE(SUM(sent_at IS NULL AND attempts >= 8), 0) FROM mail_outbox')[0][0]);
      assert.ok(Number.isInteger(s.mail_outbox.pending) && s.mail_outbox.pending >= 0);
      assert.equal(s.mail_outbox.failed, failed);
      assert.ok(Array.isArray(s.jobs));
      for (const j of s.jobs) assert.ok(['ok', 'failed', 'running'].includes(j.last_status), j.last_status);
      assert.ok(s.last_backup === null || /^\d{4}-\d{2}-\d{2}T/.test(s.last_backup.at));
    }));
});
