// The periodic reports' reminder job (issue 14): with a rule set version that makes today a
// reminder day for the communes' report of the current quarter, `kstt-api run-job
// report-reminders` (the scheduler's job, under its lock) reminds every commune that has not
// filed: each focal officer once (a mail queued for those with an address), a unit without one
// through a unit-wide notification; a commune that filed gets nothing; running it again adds
// nothing (the dedupe key makes it once on every host).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, req } from '../lib/api.mjs';
import { kstt } from '../lib/stack.mjs';
import { sql, workingDaysBetween } from '../lib/kpi-ref.mjs';

const runJob = (name) => kstt('run-job', name);

const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const ms = (ymd) => Date.parse(`${ymd}T00:00:00Z`);


test('the reminder job reminds each commune that has not filed, once, and never one that has', async () => {
  const today = iso(Date.now() + 7 * 3600e3);
  const [y, m] = today.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const period = `${y}-Q${q}`;
  const start = `${y}-${String(3 * q - 2).padStart(2, '0')}-01`;
  // the version in force for the quarter, and the communes' due date under it
  const [[rulesJson]] = sql(
    `SELECT rules_json FROM rule_sets WHERE name = 'period' ORDER BY effective_from <= '${start}' DESC, ` +
      `IF(effective_from <= '${start}', effective_from, NULL) DESC, effective_from LIMIT 1`,
  );
  const rules = JSON.parse(rulesJson);
  const lastMonth = 3 * q;
  const monthEnd = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  const due = `${y}-${String(lastMonth).padStart(2, '0')}-${String(Math.min(rules.due_day.commune, monthEnd)).padStart(2, '0')}`;
  // Today becomes the communes' only reminder day: n working days before the due date, or m
  // calendar days after it. (Districts and departments are due later: no reminder of theirs falls
  // on or before today under these lists.)
  const version = { ...rules };
  let rid;
  if (today <= due) {
    const n = workingDaysBetween(today, due);
    assert.ok(n <= 60, `${n} working days to the due date`);
    Object.assign(version, { remind_before_working_days: [n], remind_after_days: [] });
    rid = `b${n}`;
  } else {
    const d = Math.round((ms(today) - ms(due)) / DAY);
    Object.assign(version, { remind_before_working_days: [], remind_after_days: [d] });
    rid = `a${d}`;
  }

  // One commune files first: it must not be reminded.
  const admin = await login('admin');
  const filed = Number(sql("SELECT id FROM units WHERE code = 'X0302'")[0][0]);
  const stamp = Date.now().toString(36);
  const mk = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username: `rr${stamp}`, full_name: 'Cán bộ nhắc báo cáo', unit_id: filed, role: 'officer', password: 'Rr@2026-remind' },
  });
  assert.equal(mk.status, 201, mk.text);
  const officer = await login(`rr${stamp}`, 'Rr@2026-remind');
  let rep = await req('POST', '/api/v1/reports', { token: officer, body: { unit_id: filed, kind: 'kstt', period } });
  if (rep.status === 409) rep = await req('GET', `/api/v1/reports/${rep.json.existing_id}`, { token: officer });
  assert.ok([200, 201].includes(rep.status), rep.text);
  if (!['submitted', 'accepted'].includes(rep.json.status)) {
    const narrative = { results: 'Đã thực hiện.', difficulties: 'Không.', proposals: 'Không.' };
    assert.equal((await req('PUT', `/api/v1/reports/${rep.json.id}`, { token: officer, body: { narrative } })).status, 200);
    const sub = await req('POST', `/api/v1/reports/${rep.json.id}/submit`, { token: officer });
    assert.equal(sub.status, 200, sub.text);
  }

  const effective = start;
  const had = sql(`SELECT COUNT(*) FROM rule_sets WHERE name = 'period' AND effective_from = '${effective}'`)[0][0] !== '0';
  assert.equal(had, false, 'no rule version starts on the quarter already');
  const esc = JSON.stringify(version).replace(/\\/g, '\\\\').replace(/'/g, "''");
  sql(`INSERT INTO rule_sets (name, effective_from, rules_json, note) VALUES ('period', '${effective}', '${esc}', 'test: reminders today')`);
  const mailsBefore = Number(sql('SELECT COALESCE(MAX(id), 0) FROM mail_outbox')[0][0]);
  // Units reminded already today (an earlier run on this database): their notifications are not
  // new, so they are not mailed again.
  const remindedBefore = new Set(sql(`SELECT dedupe FROM notifications WHERE dedupe LIKE 'report-remind:%:kstt:${period}:${rid}%'`).map((r) => r[0]));
  try {
    assert.match(runJob('report-reminders'), /run-job: report-reminders done/);
    const key = (unit) => `report-remind:${unit}:kstt:${period}:${rid}`;
    const communes = sql(
      `SELECT u.id, (SELECT COUNT(*) FROM users f WHERE f.unit_id = u.id AND f.active = 1 AND f.focal_officer = 1) ` +
        `FROM units u LEFT JOIN reports r ON r.unit_id = u.id AND r.kind = 'kstt' AND r.period = '${period}' ` +
        `WHERE u.level = 'commune' AND u.valid_from <= '${due}' AND (u.valid_to IS NULL OR u.valid_to >= '${start}') ` +
        `AND (r.id IS NULL OR r.status NOT IN ('submitted', 'accepted'))`,
    );
    assert.ok(communes.length > 0, 'communes without a filed report');
    const notes = () =>
      Object.fromEntries(
        sql(`SELECT dedupe, COALESCE(user_id, 0), COALESCE(unit_id, 0) FROM notifications WHERE dedupe LIKE 'report-remind:%:kstt:${period}:${rid}%'`)
          .map((r) => [r[0], [Number(r[1]), Number(r[2])]]),
      );
    const first = notes();
    for (const [unit, focal] of communes) {
      const mine = Object.entries(first).filter(([k]) => k === key(unit) || k.startsWith(`${key(unit)}:u`));
      if (Number(focal) === 0) {
        assert.deepEqual(mine, [[key(unit), [0, Number(unit)]]], `unit ${unit}: one unit-wide notification`);
      } else {
        const focals = sql(`SELECT id FROM users WHERE unit_id = ${unit} AND active = 1 AND focal_officer = 1 ORDER BY id`).map((r) => Number(r[0]));
        assert.deepEqual(
          mine.map(([k, v]) => [k, v]).sort(),
          focals.map((u) => [`${key(unit)}:u${u}`, [u, 0]]).sort(),
          `unit ${unit}: one notification per focal officer`,
        );
      }
    }
    assert.equal(
      Object.keys(first).filter((k) => k === key(filed) || k.startsWith(`${key(filed)}:u`)).length,
      0,
      'the commune that filed is not reminded',
    );
    // a mail for each focal officer with an address, in the same step,
    const mailed = sql(
      `SELECT COUNT(*) FROM mail_outbox WHERE id > ${mailsBefore} AND subject LIKE '%kỳ ${period}%'`,
    )[0][0];
    // ... who keeps the default "immediate" for report reminders (notification_prefs); a unit
    // without a focal officer is told as a whole, and each member with an address is mailed
    const wants = (unit, who) =>
      sql(
        `SELECT u.id FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id AND p.kind = 'report.remind' ` +
          `WHERE u.unit_id = ${unit} AND u.active = 1 AND ${who} AND u.email IS NOT NULL AND u.email <> '' ` +
          `AND COALESCE(p.mail, 'immediate') = 'immediate'`,
      );
    const withMail = communes.reduce(
      (s, [unit, focal]) =>
        s +
        (Number(focal) === 0
          ? remindedBefore.has(key(unit))
            ? 0
            : wants(unit, '1').length
          : wants(unit, 'u.focal_officer = 1').filter(([id]) => !remindedBefore.has(`${key(unit)}:u${id}`)).length),
      0,
    );
    assert.equal(Number(mailed), withMail, 'a mail for each focal officer with an address who wants it at once');

    assert.match(runJob('report-reminders'), /done/);
    assert.deepEqual(notes(), first, 'a second run writes nothing new');
    assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE id > ${mailsBefore} AND subject LIKE '%kỳ ${period}%'`)[0][0], mailed);
  } finally {
    sql(`DELETE FROM rule_sets WHERE name = 'period' AND effective_from = '${effective}' AND note = 'test: reminders today'`);
  }
});

test('run-job names the jobs when asked for one that does not exist', () => {
  let err;
  try {
    runJob('no-such-job');
  } catch (e) {
    err = e;
  }
  assert.equal(err?.status, 2);
  assert.match(String(err.stderr), /report-reminders/);
});
