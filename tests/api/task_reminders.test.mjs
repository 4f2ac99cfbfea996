// The task reminder job (issue 15): with the `tasks` rule set's default lists as a version of the
// test's own, and assignments whose due dates the plan import sets so that today is their b1 (one
// working day before) or o1 (five working days after), `kstt-api run-job task-reminders` reminds
// each assignee unit's focal officers (and, overdue, its leaders) once, a unit without a focal
// officer through a unit-wide notification, queues a mail for each person with an address who
// keeps the default "immediate" for the kind (every member of a unit told as a whole), and
// passes over done assignments and draft plans; a second run adds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { login, req } from '../lib/api.mjs';
import { kstt } from '../lib/stack.mjs';
import { sql, workingDaysBetween } from '../lib/kpi-ref.mjs';

const runJob = (name) => kstt('run-job', name);

const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ms = (ymd) => Date.parse(`${ymd}T00:00:00Z`);
const vnDate = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
// the server's "today" is Asia/Ho_Chi_Minh
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

// b1: the next working day after today (its reminder one working day before falls on or before
// today, and it is not yet past). o1: the latest day with five working days between it and today.
let soon = TODAY;
do soon = iso(ms(soon) + DAY);
while (workingDaysBetween(TODAY, soon) < 1);
let late = TODAY;
do late = iso(ms(late) - DAY);
while (workingDaysBetween(late, TODAY) < 5);

test('the task reminder job reminds each assignee once: focal officers, leaders when overdue, the unit when it has no focal officer', async () => {
  const admin = await login('admin');
  const vp = await login('vp.kstt');
  const U = {};
  for (const u of (await req('GET', '/api/v1/units?per_page=1000', { token: admin })).json.items) U[u.code] = u;
  const tag = randomBytes(4).toString('hex');
  async function makePlan(tasks, publish) {
    const r = await req('POST', '/api/v1/plans/import', {
      token: vp,
      body: {
        title: `Kế hoạch thử nhắc hạn ${tag}`,
        year: Number(TODAY.slice(0, 4)),
        unit_id: U.NDH.id,
        sections: [{
          number: 'I',
          title: 'Nhiệm vụ thử',
          tasks: tasks.map((t, i) => ({
            number: String(i + 1),
            title: `${t.title} ${tag}`,
            output: null,
            lead: t.lead.map((c) => ({ text: U[c].name, unit_id: U[c].id, group: null })),
            coop: [],
            timeline: { text: `Trước ${vnDate(t.due)}` },
            children: [],
          })),
        }],
      },
    });
    assert.equal(r.status, 201, r.text);
    if (publish) assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: vp })).status, 200);
    const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp });
    assert.equal(g.status, 200, g.text);
    return g.json.sections[0].tasks;
  }
  // X0101: one focal officer; H01: a focal officer and a leader; X0103: nobody (unit-wide).
  const units = ['X0101', 'H01', 'X0103'];
  for (const c of units) assert.ok(U[c], c);
  const pub = await makePlan(
    [
      { title: 'Nhiệm vụ sắp đến hạn', lead: units, due: soon },
      { title: 'Nhiệm vụ quá hạn', lead: units, due: late },
      { title: 'Nhiệm vụ đã xong', lead: ['X0102'], due: soon },
    ],
    true,
  );
  const draft = await makePlan([{ title: 'Nhiệm vụ kế hoạch nháp', lead: ['X0101'], due: late }], false);
  const asg = (t, code) => t.assignments.find((a) => a.unit_id === U[code].id);
  for (const c of units) {
    assert.equal(asg(pub[0], c).due_date, soon, `due date of ${c}'s soon task`);
    assert.equal(asg(pub[1], c).due_date, late, `due date of ${c}'s late task`);
  }
  // X0102 finishes its task before the job runs: no reminder for it.
  const xa12 = await login('xa12.daumoi');
  const done = asg(pub[2], 'X0102');
  const up = await req('POST', `/api/v1/assignments/${done.id}/updates`, { token: xa12, body: { status: 'done', progress: 100, note: 'Hoàn thành' } });
  assert.equal(up.status, 201, up.text);

  // The default lists as a version of the test's own (starting today), so that a changed
  // installation default does not move today's reminders.
  const had = sql(`SELECT COUNT(*) FROM rule_sets WHERE name = 'tasks' AND effective_from = '${TODAY}'`)[0][0] !== '0';
  assert.equal(had, false, 'no tasks rule version starts today already');
  sql(
    `INSERT INTO rule_sets (name, effective_from, rules_json, note) VALUES ('tasks', '${TODAY}', ` +
      `'{"remind_before_working_days":[5,1],"overdue_every_working_days":5,"overdue_max":6}', 'test: task reminders')`,
  );
  const mailsBefore = Number(sql('SELECT COALESCE(MAX(id), 0) FROM mail_outbox')[0][0]);
  const ids = [...pub.flatMap((t) => t.assignments.map((a) => a.id)), ...draft.flatMap((t) => t.assignments.map((a) => a.id))];
  const notes = () =>
    sql(
      `SELECT dedupe, COALESCE(user_id, 0), COALESCE(unit_id, 0), kind, entity, entity_id, link FROM notifications ` +
        `WHERE entity = 'assignment' AND entity_id IN (${ids.join(',')}) ORDER BY dedupe`,
    );
  const mails = () => sql(`SELECT recipient FROM mail_outbox WHERE id > ${mailsBefore} AND subject LIKE '%${tag}%' ORDER BY recipient`).map((r) => r[0]);
  try {
    assert.match(runJob('task-reminders'), /run-job: task-reminders done/);
    const first = notes();
    // what each assignment should have produced
    const want = [];
    const wantMail = [];
    for (const [t, rid, overdue] of [[pub[0], 'b1', false], [pub[1], 'o1', true]]) {
      for (const c of units) {
        const a = asg(t, c);
        const key = `task-remind:${a.id}:${a.due_date}:${rid}`;
        const kind = overdue ? 'assignment.overdue' : 'assignment.due_soon';
        const link = `/app/nhiem-vu/${t.id}`;
        const focal = Number(sql(`SELECT COUNT(*) FROM users WHERE unit_id = ${U[c].id} AND active = 1 AND focal_officer = 1`)[0][0]);
        // the mail: to each recipient with an address who keeps "immediate" for the kind (the
        // default), every active member when the notification is unit-wide
        const wants = (who) =>
          sql(
            `SELECT u.email FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id AND p.kind = '${kind}' ` +
              `WHERE u.unit_id = ${U[c].id} AND u.active = 1 AND u.email IS NOT NULL AND u.email <> '' AND ${who} ` +
              `AND COALESCE(p.mail, 'immediate') = 'immediate'`,
          ).map((r) => r[0]);
        if (focal === 0) {
          want.push([key, '0', String(U[c].id), kind, 'assignment', String(a.id), link]);
          wantMail.push(...wants('1'));
        }
        const people = sql(
          `SELECT id FROM users WHERE unit_id = ${U[c].id} AND active = 1 AND ` +
            `(focal_officer = 1 ${overdue ? "OR role = 'leader'" : ''})`,
        );
        for (const [id] of people) want.push([`${key}:u${id}`, id, '0', kind, 'assignment', String(a.id), link]);
        wantMail.push(...wants(`(u.focal_officer = 1 ${overdue ? "OR u.role = 'leader'" : ''})`));
      }
    }
    want.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    assert.deepEqual(first, want, 'one notification per recipient, nothing for the done task or the draft plan');
    // the cases the fixture is meant to cover are really there
    assert.ok(first.some((n) => n[2] === String(U.X0103.id) && n[3] === 'assignment.due_soon'), 'unit-wide when no focal officer');
    const leader = sql(`SELECT id FROM users WHERE username = 'huyen1.lanhdao'`)[0][0];
    assert.ok(first.some((n) => n[1] === leader && n[3] === 'assignment.overdue'), 'the leader on the overdue task');
    assert.ok(!first.some((n) => n[1] === leader && n[3] === 'assignment.due_soon'), 'not the leader on the task due soon');
    assert.deepEqual(mails(), wantMail.sort(), 'a mail for each recipient with an address');
    assert.ok(wantMail.length > 0);

    assert.match(runJob('task-reminders'), /done/);
    assert.deepEqual(notes(), first, 'a second run writes nothing new');
    assert.deepEqual(mails(), wantMail.sort(), 'and queues no mail');
  } finally {
    sql(`DELETE FROM rule_sets WHERE name = 'tasks' AND effective_from = '${TODAY}' AND note = 'test: task reminders'`);
  }
});
