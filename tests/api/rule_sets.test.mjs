// Rule sets as dated versions (issue 20): the list, the version in force on a day, the diff, a new
// version (checked per set, 422 naming the field), a version in force never changed (409), a future
// one replaced, the audit with the diff, each role (only the province's administrators), and the
// effect at a date boundary on two readers (the 766 score's rules and the reports' due dates).
//
// Tests share one database and run in parallel: every version written here starts in the year 2100
// or later (no other test computes there), except one copy of the impact rules in force today, which
// changes no figure (the same rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem } from '../lib/api.mjs';

const NAMES = ['feedback', 'period', 'tasks', 'kpi766', 'cost', 'impact', 'reform_index', 'late_list', 'standard_offices'];
const PERIOD = {
  cutoff_day: 14,
  due_day: { commune: 17, district: 20, department: 20, vertical: 20, onestop: 20, province: 22 },
  adhoc_due_working_days: 5,
  remind_before_working_days: [3, 1],
  remind_after_days: [1],
};
const KPI = {
  weights: { disclosure: 18, progress: 20, online: 12, digitization: 22, payment: 10, satisfaction: 18 },
  thresholds: { online: 0.5, digitization: 0.8, payment: 0.5, ontime: 1, satisfaction: 1 },
};
// A day of 2100 (the last year a date may name) with no impact version yet, so a "new version" is
// new on a reused database.
async function freeDay() {
  const list = await req('GET', '/api/v1/rule-sets', { token: await login('admin') });
  const used = new Set(list.json.items.find((x) => x.name === 'impact').versions.map((v) => v.effective_from));
  for (;;) {
    const m = 5 + Math.floor(Math.random() * 8), d = 1 + Math.floor(Math.random() * 28);
    const day = `2100-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (!used.has(day)) return day;
  }
}
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh

async function post(name, body, who = 'admin') {
  return req('POST', `/api/v1/rule-sets/${name}`, { token: await login(who), body });
}

test('the list names every rule set with its versions, the one in force marked', async () => {
  const t = await login('admin');
  const r = await req('GET', '/api/v1/rule-sets', { token: t });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => x.name), NAMES);
  for (const s of r.json.items) {
    assert.ok(s.versions.length >= 1, s.name);
    const inForce = s.versions.filter((v) => v.in_force);
    assert.equal(inForce.length, 1, s.name);
    assert.equal(inForce[0].effective_from, s.in_force_from);
    assert.ok(s.in_force_from <= today());
    // latest first
    const dates = s.versions.map((v) => v.effective_from);
    assert.deepEqual([...dates].sort().reverse(), dates);
  }
  const kpi = r.json.items.find((x) => x.name === 'kpi766');
  const first = kpi.versions.find((v) => v.effective_from === '2022-06-23');
  assert.equal(first.note, 'Quyết định 766/QĐ-TTg');
  assert.equal(first.created_by, null);
});

test('the version in force on a day, with its changes against the previous one', async () => {
  const t = await login('admin');
  const r = await req('GET', '/api/v1/rule-sets/kpi766?at=2023-01-01', { token: t });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'kpi766');
  assert.equal(r.json.effective_from, '2022-06-23');
  assert.deepEqual(r.json.rules.weights, KPI.weights);
  assert.equal(r.json.previous_effective_from, null);
  assert.ok(r.json.changes.some((c) => c.path === 'weights' && c.old === null));
  // default: today
  const now = await req('GET', '/api/v1/rule-sets/cost', { token: t });
  assert.equal(now.status, 200);
  assert.ok(now.json.effective_from <= today());
  // before the first version: none
  assertProblem(await req('GET', '/api/v1/rule-sets/kpi766?at=2000-01-01', { token: t }), 404);
  assertProblem(await req('GET', '/api/v1/rule-sets/nope', { token: t }), 404);
  assertProblem(await req('GET', '/api/v1/rule-sets/kpi766?at=2023-13-01', { token: t }), 422, 'at');
});

test('a new version: 201 with its author and diff, audited with the diff; a future one replaced', async () => {
  const day = await freeDay();
  // the version in force that day so far; the new one changes its days (earlier runs left others)
  const prev = await req('GET', `/api/v1/rule-sets/impact?at=${day}`, { token: await login('admin') });
  const n = (prev.json.rules.appraisal_days % 200) + 1;
  const rules = { appraisal_days: n, appraiser_unit_code: 'STP' };
  const r = await post('impact', { effective_from: day, rules, note: 'Thử: thời hạn thẩm định mới' });
  assert.equal(r.status, 201, r.text);
  const me = (await req('GET', '/api/v1/auth/me', { token: await login('admin') })).json.user;
  assert.equal(r.json.name, 'impact');
  assert.equal(r.json.effective_from, day);
  assert.deepEqual(r.json.rules, rules);
  assert.equal(r.json.created_by, me.id);
  assert.equal(r.json.created_by_name, me.full_name);
  assert.ok(r.json.previous_effective_from);
  assert.equal(r.json.previous_effective_from, prev.json.effective_from);
  assert.deepEqual(r.json.changes.filter((c) => c.path === 'appraisal_days'), [
    { path: 'appraisal_days', old: prev.json.rules.appraisal_days, new: n },
  ]);
  // the audit row holds the diff
  const a = await req('GET', `/api/v1/audit?entity=rule_set&per_page=50`, { token: await login('admin') });
  assert.equal(a.status, 200, a.text);
  const row = a.json.items.find((x) => x.action === 'rule_set.create' && String(x.entity_id) === String(r.json.id));
  assert.ok(row, 'audit row');
  assert.deepEqual(row.after.changes, r.json.changes);
  assert.equal(row.actor_id, me.id);
  // not yet in force: a second POST for that day replaces it (200), audited as such
  const again = await post('impact', { effective_from: day, rules: { ...rules, appraisal_days: n + 1 }, note: 'Sửa lại: thêm 1 ngày' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.id, r.json.id);
  assert.equal(again.json.rules.appraisal_days, n + 1);
  const list = await req('GET', '/api/v1/rule-sets', { token: await login('admin') });
  const v = list.json.items.find((x) => x.name === 'impact').versions.filter((x) => x.effective_from === day);
  assert.equal(v.length, 1);
  assert.equal(v[0].note, 'Sửa lại: thêm 1 ngày');
  assert.equal(v[0].in_force, false);
  // the diff between the two days
  const d = await req('GET', `/api/v1/rule-sets/impact/diff?from=${r.json.previous_effective_from}&to=${day}`, {
    token: await login('admin'),
  });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.to_version, day);
  assert.equal(d.json.from_version, r.json.previous_effective_from);
  assert.deepEqual(d.json.changes.find((c) => c.path === 'appraisal_days'), {
    path: 'appraisal_days',
    old: prev.json.rules.appraisal_days,
    new: n + 1,
  });
  assertProblem(await req('GET', '/api/v1/rule-sets/impact/diff', { token: await login('admin') }), 422, 'from');
});

test('a version already in force is never changed: 409 on its day, 422 for a past day', async () => {
  const t = await login('admin');
  // impact: read only for today, and no other test dates a version of it today (task_reminders
  // does so for tasks); the same rules from today change no figure
  const cur = await req('GET', '/api/v1/rule-sets/impact', { token: t });
  const body = { effective_from: today(), rules: cur.json.rules, note: 'Bản sao quy tắc hiện hành (kiểm thử)' };
  const first = await post('impact', body);
  assert.ok([201, 409].includes(first.status), first.text);
  assertProblem(await post('impact', body), 409);
  const past = await post('impact', { ...body, effective_from: '2020-01-01' });
  assertProblem(past, 422, 'effective_from');
  assert.match(past.json.errors[0].message, /Ngày hiệu lực/);
});

// One invalid version per set: the field named, a Vietnamese message.
const BAD = [
  ['feedback', { reject_days: 0, info_request_days: 5, forward_days: 5, answer_days: 15, publish_days: 2 }, 'rules.reject_days'],
  ['period', { ...PERIOD, due_day: { ...PERIOD.due_day, commune: 40 } }, 'rules.due_day.commune'],
  ['period', { ...PERIOD, remind_after_days: [1, -2] }, 'rules.remind_after_days[1]'],
  ['tasks', { remind_before_working_days: [5, 1], overdue_every_working_days: 0, overdue_max: 6 }, 'rules.overdue_every_working_days'],
  ['kpi766', { ...KPI, weights: { ...KPI.weights, online: 13 } }, 'rules.weights'],
  ['kpi766', { ...KPI, thresholds: { ...KPI.thresholds, online: 1.5 } }, 'rules.thresholds.online'],
  ['kpi766', { ...KPI, colour: 'red' }, 'rules.colour'],
  ['cost', { hourly_income: { 2100: 40000.5 } }, 'rules.hourly_income.2100'],
  ['cost', { hourly_income: { 2100: 0 } }, 'rules.hourly_income.2100'],
  ['impact', { appraisal_days: 10, appraiser_unit_code: 'KHONG-CO' }, 'rules.appraiser_unit_code'],
  ['reform_index', { appraiser_unit_code: 'SNV', bands: [{ min: 80, label: 'Tốt' }, { min: 90, label: 'Xuất sắc' }, { min: 0, label: 'Yếu' }] }, 'rules.bands[1].min'],
  ['reform_index', { appraiser_unit_code: 'SNV', bands: [{ min: 90, label: '' }, { min: 0, label: 'Yếu' }] }, 'rules.bands[0].label'],
  ['reform_index', { appraiser_unit_code: 'SNV', bands: [{ min: 90, label: 'Tốt' }, { min: 50, label: 'Yếu' }] }, 'rules.bands'],
];

test('each set refuses a version its readers could not use, naming the field', async () => {
  for (const [name, rules, field] of BAD) {
    const r = await post(name, { effective_from: '2100-12-31', rules, note: 'Không hợp lệ' });
    assertProblem(r, 422, field);
    const e = r.json.errors.find((x) => x.field === field);
    assert.match(e.message, /[àáảãạăâđêôơưệếốờứ]/i, `${name}: Vietnamese message`);
  }
  // the declared inputs
  assertProblem(await post('tasks', { rules: {}, note: 'x' }), 422, 'effective_from');
  assertProblem(await post('tasks', { effective_from: '2100-12-31', rules: {}, note: 'x' }), 422, 'note');
  assertProblem(await post('tasks', { effective_from: '2100-12-31', rules: 5, note: 'Ghi chú' }), 422, 'rules');
  assertProblem(await post('nope', { effective_from: '2100-12-31', rules: {}, note: 'Ghi chú' }), 404);
  // nothing was saved for 2100-12-31
  const list = await req('GET', '/api/v1/rule-sets', { token: await login('admin') });
  for (const s of list.json.items) assert.ok(!s.versions.some((v) => v.effective_from === '2100-12-31'), s.name);
});

test('only the province administrators: everyone else 403, anonymous 401', async () => {
  const paths = ['/api/v1/rule-sets', '/api/v1/rule-sets/kpi766', '/api/v1/rule-sets/kpi766/diff?from=2023-01-01'];
  for (const who of ['vp.kstt', 'lanhdao.tinh', 'stp.daumoi', 'huyen1.lanhdao', 'xa11.daumoi', 'snv.cchc']) {
    const t = await login(who);
    for (const p of paths) assertProblem(await req('GET', p, { token: t }), 403);
    assertProblem(await post('kpi766', { effective_from: '2100-12-31', rules: KPI, note: 'Không được' }, who), 403);
  }
  for (const p of paths) assertProblem(await req('GET', p), 401);
  assertProblem(await req('POST', '/api/v1/rule-sets/kpi766', { body: { effective_from: '2100-12-31', rules: KPI, note: 'x' } }), 401);
});

test('a new version from a date changes the figures of periods after it, not before', async () => {
  const t = await login('admin');
  // the 766 score's weights: a version from 2100-04-01 moves 5 points from payment to online
  const kpi = { ...KPI, weights: { ...KPI.weights, online: 17, payment: 5 } };
  const k = await post('kpi766', { effective_from: '2100-04-01', rules: kpi, note: 'Ranh giới (kiểm thử)' });
  assert.ok([200, 201].includes(k.status), k.text);
  const weight = (r, key) => r.json.groups.find((g) => g.key === key).weight;
  const before = await req('GET', '/api/v1/kpi/rules?at=2100-03-31', { token: t });
  const after = await req('GET', '/api/v1/kpi/rules?at=2100-04-01', { token: t });
  assert.equal(before.status, 200, before.text);
  assert.equal(before.json.effective_from, '2022-06-23');
  assert.equal(weight(before, 'online'), 12);
  assert.equal(after.json.effective_from, '2100-04-01');
  assert.equal(weight(after, 'online'), 17);
  assert.equal(weight(after, 'payment'), 5);
  // the reports' due dates: departments due on the 5th from the second quarter of 2100
  const period = { ...PERIOD, due_day: { ...PERIOD.due_day, department: 5 } };
  const p = await post('period', { effective_from: '2100-04-01', rules: period, note: 'Ranh giới (kiểm thử)' });
  assert.ok([200, 201].includes(p.status), p.text);
  const due = async (key) => {
    const r = await req('GET', `/api/v1/reports/tracker?period=${key}`, { token: t });
    assert.equal(r.status, 200, r.text);
    const vp = r.json.items.find((x) => x.unit.code === 'VP');
    return vp.due;
  };
  assert.equal(await due('2100-Q1'), '2100-03-20');
  assert.equal(await due('2100-Q2'), '2100-06-05');
  assert.equal(await due('2099-Q4'), '2099-12-20');
});
