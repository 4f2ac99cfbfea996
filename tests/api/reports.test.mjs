// Periodic reports (issue 14): create (shape, window, due per level), the duplicate's 409 with its
// id, validation 422s, corrections (tables vs computed vs the list), refresh keeping corrections,
// every transition and every illegal one, the lock after submit, the late flag, aggregation of the
// children's filed reports (return drops one out, resubmit brings it back), the tracker, remind,
// the .xlsx export and scope for every role. Each run makes its own district with three communes
// (and a retired fourth), so it never meets the demo's reports or another run's.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { unzip, xmlText } from '../lib/xlsx-read.mjs';
import { BASE, assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { sql } from './storage.lib.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const P = '2025-Q1'; // window 2024-12-15..2025-03-14 (cut-off 14); communes due 17/3, districts 20/3
const T = {};
const U = {};
const R = {}; // report ids by unit key

async function as(who, method, path, body) {
  return req(method, path, { token: T[who], body });
}
async function ok(who, method, path, body, status = 200) {
  const r = await as(who, method, path, body);
  assert.equal(r.status, status, `${who} ${method} ${path}: ${r.text}`);
  return r.json;
}
const get = (who, id) => ok(who, 'GET', `/api/v1/reports/${id}`);
const fig = (t, ...path) => path.reduce((o, k) => o?.[k], t);

async function unit(key, level, parent, extra = {}) {
  const body = { code: `R${RUN}${key}`, name: `Đơn vị báo cáo ${RUN} ${key}`, level, parent_id: parent, valid_from: '2020-01-01', ...extra };
  U[key] = await ok('admin', 'POST', '/api/v1/units', body, 201);
}
async function user(key, unitKey, role, extra = {}) {
  const username = `rp${RUN.toLowerCase()}.${key}`;
  const password = `Rp@${RUN}aa1`;
  await ok('admin', 'POST', '/api/v1/users', { username, full_name: `Cán bộ ${key}`, unit_id: U[unitKey].id, role, password, ...extra }, 201);
  T[key] = await login(username, password);
}
function dossier(code, channel, unitKey) {
  return {
    code: `RP${RUN}-${code}`, procedure_code: '1.001234', unit_code: U[unitKey].code, channel, online_level: channel === 'online' ? 'full' : null,
    received_at: '2025-01-10T08:30:00+07:00', due_at: '2025-05-20T17:00:00+07:00', finished_at: null, returned_at: null, status: 'processing',
    supplement_count: 0, digitized: true, result_electronic: true, reused_data: false, fee: 0, paid_online: false, rating: null, apology_issued: false,
  };
}
async function ingest(rows) {
  const r = await req('POST', '/api/v1/dossiers/bulk', { token: T.admin, raw: JSON.stringify(rows), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected?.length || 0, 0, r.text);
}
const NARRATIVE = { results: 'Kết quả tốt.', difficulties: 'Còn hạn chế về hạ tầng.', proposals: 'Đề nghị tập huấn.' };

before(async () => {
  for (const u of ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.daumoi', 'xa11.daumoi', 'stp.daumoi']) T[u] = await login(u);
  U.root = await unitByCode('NDH');
  await unit('D', 'district', U.root.id);
  for (const k of ['C1', 'C2', 'C3']) await unit(k, 'commune', U.D.id);
  await unit('C4', 'commune', U.D.id, { valid_from: '2020-01-01' });
  const retire = await as('admin', 'POST', `/api/v1/units/${U.C4.id}/retire`, { date: '2024-06-30' });
  assert.equal(retire.status, 200, retire.text);
  await user('c1', 'C1', 'officer', { focal_officer: true, email: `c1.${RUN.toLowerCase()}@example.vn` });
  await user('c2', 'C2', 'officer', { focal_officer: true, email: `c2.${RUN.toLowerCase()}@example.vn` });
  await user('c3v', 'C3', 'viewer');
  await user('c3', 'C3', 'officer'); // not a focal officer: C3 has none
  await user('d', 'D', 'officer', { focal_officer: true });
  await user('dv', 'D', 'viewer');
  await ingest([dossier('1', 'online', 'C1'), dossier('2', 'direct', 'C1'), dossier('3', 'postal', 'C1'), dossier('4', 'online', 'D')]);
});

test('create: the draft with its window, due date per level and pre-filled tables; a second is 409 with its id', async () => {
  const c1 = await ok('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, kind: 'kstt', period: P }, 201);
  R.C1 = c1.id;
  assert.equal(c1.status, 'draft');
  assert.deepEqual(c1.unit, { id: U.C1.id, code: U.C1.code, name: U.C1.name, level: 'commune', parent_id: U.D.id });
  assert.equal(c1.kind, 'kstt');
  assert.equal(c1.period, P);
  assert.equal(c1.period_kind, 'quarter');
  assert.deepEqual(c1.window, { from: '2024-12-15', to: '2025-03-14' });
  assert.equal(c1.due, '2025-03-17');
  assert.equal(c1.late, false);
  assert.equal(c1.submitted_at, null);
  assert.deepEqual(c1.corrections, []);
  assert.deepEqual(c1.narrative, { results: null, difficulties: null, proposals: null });
  assert.deepEqual(c1.can, { edit: true, submit: true, accept: false, return: false });
  assert.deepEqual(c1.events.map((e) => e.action), ['create']);
  assert.equal(c1.events[0].actor.username, `rp${RUN.toLowerCase()}.c1`);
  for (const t of ['dossiers', 'feedback', 'procedures', 'plan']) assert.ok(c1.tables[t] && c1.computed[t] && c1.system[t], t);
  // The three dossiers recorded at the commune in the window, one per channel.
  assert.equal(fig(c1.computed, 'dossiers', 'total', 'received_online'), 1);
  assert.equal(fig(c1.computed, 'dossiers', 'total', 'received_direct'), 1);
  assert.equal(fig(c1.computed, 'dossiers', 'total', 'received_postal'), 1);
  assert.deepEqual(c1.tables, c1.computed);
  assert.deepEqual(c1.aggregation.included, []);
  assert.deepEqual(c1.aggregation.children, []);

  const dup = await as('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, kind: 'kstt', period: P });
  assertProblem(dup, 409);
  assert.equal(dup.json.existing_id, R.C1);

  const d = await ok('d', 'POST', '/api/v1/reports', { unit_id: U.D.id, period: P }, 201);
  R.D = d.id;
  assert.equal(d.due, '2025-03-20');
  assert.deepEqual(d.aggregation.children.map((c) => c.unit_id), [U.C1.id, U.C2.id, U.C3.id], 'the retired C4 is not expected');
  assert.deepEqual(d.aggregation.missing.map((c) => c.unit_id), [U.C1.id, U.C2.id, U.C3.id]);
  assert.equal(d.aggregation.missing[0].report_id, R.C1);
  assert.equal(d.aggregation.missing[0].status, 'draft');
  assert.equal(d.aggregation.missing[1].report_id, null);
  // Own direct data only (the district's own dossier); the subtree in system.
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_online'), 1);
  assert.equal(fig(d.system, 'dossiers', 'total', 'received_online'), 2);

  // Ad hoc: the key from from/to, the title, due = to + 5 working days unless given.
  const from = `2024-0${1 + (parseInt(RUN, 16) % 8)}-0${1 + (parseInt(RUN, 16) % 9)}`;
  const ah = await ok('c2', 'POST', '/api/v1/reports', { unit_id: U.C2.id, kind: 'kstt', from, to: '2024-10-31', title: 'Báo cáo đột xuất' }, 201);
  assert.equal(ah.period, `${from}..2024-10-31`);
  assert.equal(ah.period_kind, 'adhoc');
  assert.equal(ah.title, 'Báo cáo đột xuất');
  assert.deepEqual(ah.window, { from, to: '2024-10-31' });
  assert.equal(ah.due, '2024-11-07');
  const ah2 = await ok('c2', 'POST', '/api/v1/reports', { unit_id: U.C2.id, from: '2024-11-01', to: '2024-11-30', title: 'Đột xuất 2', due: '2024-12-05' }, 201);
  assert.equal(ah2.due, '2024-12-05');
});

test('due dates per level: province 22, department 20 (a random old quarter, or the one already made)', async () => {
  const q = `${2001 + (parseInt(RUN, 16) % 17)}-Q${1 + (parseInt(RUN, 16) % 4)}`;
  const lastMonth = { 1: '03', 2: '06', 3: '09', 4: '12' }[q.slice(-1)];
  for (const [who, unitId, day] of [['vp.kstt', U.root.id, '22'], ['stp.daumoi', (await unitByCode('STP')).id, '20']]) {
    let r = await as(who, 'POST', '/api/v1/reports', { unit_id: unitId, period: q });
    if (r.status === 409) r = await as(who, 'GET', `/api/v1/reports/${r.json.existing_id}`);
    assert.ok(r.status === 201 || r.status === 200, r.text);
    assert.equal(r.json.due, `${q.slice(0, 4)}-${lastMonth}-${day}`);
  }
});

test('rules: the period rule set version in force at the period\'s start gives window and due; filed before due is not late', async () => {
  sql("DELETE FROM rule_sets WHERE name = 'period' AND effective_from = '2031-01-01'");
  sql(`INSERT INTO rule_sets (name, effective_from, rules_json, note) VALUES ('period', '2031-01-01', '{"cutoff_day":10,"due_day":{"commune":12}}', 'reports.test')`);
  try {
    const q1 = await ok('c3', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: '2031-Q1' }, 201);
    assert.deepEqual(q1.window, { from: '2030-12-11', to: '2031-03-10' });
    assert.equal(q1.due, '2031-03-12');
    const q4 = await ok('c3', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: '2030-Q4' }, 201);
    assert.deepEqual(q4.window, { from: '2030-09-15', to: '2030-12-14' });
    assert.equal(q4.due, '2030-12-17');
    // Years and halves of the same version's cut-off.
    const y = await ok('c3', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: '2031' }, 201);
    assert.deepEqual([y.period_kind, y.window.from, y.window.to, y.due], ['year', '2030-12-11', '2031-12-10', '2031-12-12']);
    const h = await ok('c3', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: '2030-H2' }, 201);
    assert.deepEqual([h.period_kind, h.window.from, h.window.to, h.due], ['half', '2030-06-15', '2030-12-14', '2030-12-17']);
    // Filed before its due date: not late.
    await ok('c3', 'PUT', `/api/v1/reports/${q1.id}`, { narrative: NARRATIVE });
    const s = await ok('c3', 'POST', `/api/v1/reports/${q1.id}/submit`);
    assert.equal(s.late, false);
    // Its parent has no report for that period: nothing to recompute, and the tracker shows it.
    const t = await ok('d', 'GET', `/api/v1/reports/tracker?period=2031-Q1&unit_id=${U.D.id}`);
    assert.deepEqual(t.items.at(-1), { unit: { id: U.C3.id, code: U.C3.code, name: U.C3.name, level: 'commune' }, report_id: q1.id, status: 'submitted', due: '2031-03-12', submitted_at: s.submitted_at, late: false });
    assert.deepEqual(t.items.slice(0, 2).map((i) => [i.status, i.late, i.due]), [['missing', false, '2031-03-12'], ['missing', false, '2031-03-12']]);
  } finally {
    sql("DELETE FROM rule_sets WHERE name = 'period' AND effective_from = '2031-01-01'");
  }
});

test('validation: Vietnamese 422 naming the field', async () => {
  const bad = async (who, method, path, body, field) => {
    const r = await as(who, method, path, body);
    assertProblem(r, 422, field);
    assert.match(r.json.errors.find((e) => e.field === field).message, /[àáảãạăâđêôơưệếọ]/i);
  };
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, period: '2025-Q5' }, 'period');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, period: '2025-03-01..2025-03-31' }, 'period');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, period: P, from: '2025-01-01' }, 'period');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, period: P, title: 'Quý I' }, 'period');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, from: '2025-01-01', to: '2025-02-01' }, 'title');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, from: '2025-03-01', to: '2025-02-01', title: 'X' }, 'to');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, from: '2024-01-01', to: '2025-06-01', title: 'X' }, 'to');
  await bad('c1', 'POST', '/api/v1/reports', { period: P }, 'unit_id');
  await bad('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, kind: 'other', period: P }, 'kind');
  const id = R.C1;
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'dossiers.total.nothing', value: 1, note: 'x' }] }, 'corrections[0].path');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'plan.overdue_list', value: 1, note: 'x' }] }, 'corrections[0].path');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'a..b', value: 1, note: 'x' }] }, 'corrections[0].path');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'dossiers.total.received_online', value: -1, note: 'x' }] }, 'corrections[0].value');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'dossiers.total.received_online', value: 2 }] }, 'corrections[0].note');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: [{ path: 'dossiers.total.received_online', value: 2, note: '  ' }] }, 'corrections[0].note');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { corrections: { path: 'x' } }, 'corrections');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { narrative: { summary: 'x' } }, 'narrative.summary');
  await bad('c1', 'PUT', `/api/v1/reports/${id}`, { number: 'x'.repeat(65) }, 'number');
  await bad('c1', 'POST', `/api/v1/reports/${id}/submit`, undefined, 'narrative.results');
  const r = await as('c1', 'POST', `/api/v1/reports/${id}/submit`);
  for (const f of ['narrative.results', 'narrative.difficulties', 'narrative.proposals']) assert.ok(r.json.errors.some((e) => e.field === f), f);
  await bad('d', 'POST', `/api/v1/reports/${id}/return`, {}, 'comment');
  await bad('d', 'GET', `/api/v1/reports/tracker?period=2025-Q0&unit_id=${U.D.id}`, undefined, 'period');
  await bad('d', 'GET', '/api/v1/reports?period=abc', undefined, 'period');
  await bad('d', 'POST', '/api/v1/reports/remind', { period: 'x', unit_id: U.C3.id }, 'period');
  // Nothing was written by the refused requests.
  assert.deepEqual((await get('c1', id)).corrections, []);
});

test('corrections: tables hold the corrected figure, computed the data, corrections the list; refresh keeps them', async () => {
  const id = R.C1;
  const a = await ok('c1', 'PUT', `/api/v1/reports/${id}`, {
    corrections: [
      { path: 'dossiers.total.received_online', value: 5, note: 'Bổ sung 4 hồ sơ nhận qua Zalo OA' },
      { path: 'feedback.received', value: 2, note: 'Phản ánh nhận trực tiếp' },
    ],
    narrative: { results: 'Kết quả.' },
    number: `${RUN}/BC-UBND`,
  });
  assert.equal(fig(a.tables, 'dossiers', 'total', 'received_online'), 5);
  assert.equal(fig(a.computed, 'dossiers', 'total', 'received_online'), 1);
  assert.equal(fig(a.tables, 'feedback', 'received'), 2);
  assert.equal(a.corrections.length, 2);
  assert.deepEqual({ ...a.corrections[0], at: undefined, by: undefined }, { path: 'dossiers.total.received_online', value: 5, computed: 1, note: 'Bổ sung 4 hồ sơ nhận qua Zalo OA', at: undefined, by: undefined });
  assert.equal(a.corrections[0].by.username, `rp${RUN.toLowerCase()}.c1`);
  assert.match(a.corrections[0].at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(a.number, `${RUN}/BC-UBND`);
  assert.deepEqual(a.narrative, { results: 'Kết quả.', difficulties: null, proposals: null });
  // A partial narrative keeps the other parts; a list without an entry drops that correction.
  const b = await ok('c1', 'PUT', `/api/v1/reports/${id}`, {
    narrative: { difficulties: NARRATIVE.difficulties, proposals: NARRATIVE.proposals },
    corrections: [{ path: 'dossiers.total.received_online', value: 5, note: 'Bổ sung 4 hồ sơ nhận qua Zalo OA' }],
  });
  assert.deepEqual(b.narrative, { results: 'Kết quả.', difficulties: NARRATIVE.difficulties, proposals: NARRATIVE.proposals });
  assert.equal(b.corrections.length, 1);
  assert.equal(b.corrections[0].at, a.corrections[0].at, 'an unchanged correction keeps its time');
  assert.equal(fig(b.tables, 'feedback', 'received'), fig(b.computed, 'feedback', 'received'));
  // New data, then refresh: computed moves, the correction stays in force.
  await ingest([dossier('5', 'online', 'C1')]);
  const c = await ok('c1', 'POST', `/api/v1/reports/${id}/refresh`);
  assert.equal(fig(c.computed, 'dossiers', 'total', 'received_online'), 2);
  assert.equal(fig(c.tables, 'dossiers', 'total', 'received_online'), 5);
  assert.equal(c.corrections[0].computed, 2);
  assert.equal(fig(c.tables, 'dossiers', 'total', 'received_direct'), 1);
  assert.deepEqual(c.events.map((e) => e.action), ['create', 'update', 'update', 'refresh']);
});

test('workflow: every transition, every illegal one (409), the lock after submit, late, and aggregation', async () => {
  const id = R.C1;
  assertProblem(await as('d', 'POST', `/api/v1/reports/${id}/accept`, {}), 409); // a draft
  assertProblem(await as('d', 'POST', `/api/v1/reports/${id}/return`, { comment: 'x' }), 409);
  assertProblem(await as('d', 'POST', `/api/v1/reports/${id}/submit`), 403); // not the unit's staff
  const s = await ok('c1', 'POST', `/api/v1/reports/${id}/submit`);
  assert.equal(s.status, 'submitted');
  assert.equal(s.late, true, 'submitted after 2025-03-17');
  assert.ok(s.submitted_at);
  assert.deepEqual(s.can, { edit: false, submit: false, accept: false, return: false });
  // Locked.
  assertProblem(await as('c1', 'POST', `/api/v1/reports/${id}/submit`), 409);
  assertProblem(await as('c1', 'PUT', `/api/v1/reports/${id}`, { number: 'x' }), 409);
  assertProblem(await as('c1', 'POST', `/api/v1/reports/${id}/refresh`), 409);
  assertProblem(await as('c1', 'POST', `/api/v1/reports/${id}/accept`, {}), 403);
  assert.deepEqual((await get('dv', id)).can, { edit: false, submit: false, accept: false, return: false }, 'a viewer reads only');

  // The district's draft now adds up C1's figures in force.
  let d = await get('d', R.D);
  assert.deepEqual(d.can, { edit: true, submit: true, accept: false, return: false });
  assert.deepEqual(d.aggregation.included.map((c) => c.unit_id), [U.C1.id]);
  assert.deepEqual(d.aggregation.missing.map((c) => c.unit_id), [U.C2.id, U.C3.id]);
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_online'), 1 + 5, 'own 1 + C1 in force 5');
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_direct'), 0 + 1);
  assert.equal(d.aggregation.children[0].included, true);
  assert.equal(d.aggregation.children[0].summary.dossiers.total.received_online, 5);
  assert.equal(d.aggregation.own.dossiers.total.received_online, 1);
  assert.ok(d.events.some((e) => e.action === 'recompute'));

  // C2 files its quarter; the district adds it.
  const c2 = await ok('c2', 'POST', '/api/v1/reports', { unit_id: U.C2.id, period: P }, 201);
  R.C2 = c2.id;
  await ok('c2', 'PUT', `/api/v1/reports/${c2.id}`, { narrative: NARRATIVE, corrections: [{ path: 'dossiers.total.received_postal', value: 7, note: 'Hồ sơ qua bưu điện' }] });
  await ok('c2', 'POST', `/api/v1/reports/${c2.id}/submit`);
  d = await get('d', R.D);
  assert.deepEqual(d.aggregation.included.map((c) => c.unit_id), [U.C1.id, U.C2.id]);
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_postal'), 1 + 7);
  // Returned: C2 drops out; the comment is on its event.
  const ret = await ok('d', 'POST', `/api/v1/reports/${c2.id}/return`, { comment: 'Đề nghị rà soát số hồ sơ bưu chính.' });
  assert.equal(ret.status, 'returned');
  assert.ok(ret.returned_at);
  assert.equal(ret.events.at(-1).action, 'return');
  assert.equal(ret.events.at(-1).comment, 'Đề nghị rà soát số hồ sơ bưu chính.');
  assert.equal(ret.events.at(-1).actor.username, `rp${RUN.toLowerCase()}.d`);
  assert.deepEqual(ret.can, { edit: false, submit: false, accept: false, return: false }, 'as seen by the district');
  assertProblem(await as('d', 'POST', `/api/v1/reports/${c2.id}/return`, { comment: 'x' }), 409);
  assertProblem(await as('d', 'POST', `/api/v1/reports/${c2.id}/accept`, {}), 409);
  d = await get('d', R.D);
  assert.deepEqual(d.aggregation.included.map((c) => c.unit_id), [U.C1.id]);
  assert.deepEqual(d.aggregation.missing.map((c) => [c.unit_id, c.status]), [[U.C2.id, 'returned'], [U.C3.id, null]]);
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_postal'), 1);
  // The unit edits and submits again: back in.
  const c2e = await ok('c2', 'PUT', `/api/v1/reports/${c2.id}`, { corrections: [{ path: 'dossiers.total.received_postal', value: 6, note: 'Đã rà soát' }] });
  assert.equal(c2e.can.submit, true);
  await ok('c2', 'POST', `/api/v1/reports/${c2.id}/submit`);
  d = await get('d', R.D);
  assert.deepEqual(d.aggregation.included.map((c) => c.unit_id), [U.C1.id, U.C2.id]);
  assert.equal(fig(d.computed, 'dossiers', 'total', 'received_postal'), 1 + 6);
  // The figure in force of the district = own + the included children's tables, figure by figure.
  const c1 = await get('d', R.C1);
  const c2n = await get('d', R.C2);
  for (const k of ['received_online', 'received_direct', 'received_postal', 'carried_over', 'resolved_ontime', 'in_progress_ontime', 'in_progress_overdue'])
    assert.equal(d.computed.dossiers.total[k], d.aggregation.own.dossiers.total[k] + c1.tables.dossiers.total[k] + c2n.tables.dossiers.total[k], k);

  // Accept: C1 accepted by the district's officer; an accepted report cannot be returned.
  const acc = await ok('d', 'POST', `/api/v1/reports/${id}/accept`, { comment: 'Đạt yêu cầu.' });
  assert.equal(acc.status, 'accepted');
  assert.ok(acc.accepted_at);
  assertProblem(await as('d', 'POST', `/api/v1/reports/${id}/return`, { comment: 'x' }), 409);
  assertProblem(await as('d', 'POST', `/api/v1/reports/${id}/accept`, {}), 409);
  assertProblem(await as('c1', 'POST', `/api/v1/reports/${id}/submit`), 409);
  assert.deepEqual((await get('c1', id)).events.map((e) => e.action), ['create', 'update', 'update', 'refresh', 'submit', 'accept']);
  d = await get('d', R.D);
  assert.deepEqual(d.aggregation.included.map((c) => [c.unit_id, c.status]), [[U.C1.id, 'accepted'], [U.C2.id, 'submitted']]);

  // The district files; the province's staff and the coordinator review it.
  await ok('d', 'PUT', `/api/v1/reports/${R.D}`, { narrative: NARRATIVE });
  const ds = await ok('d', 'POST', `/api/v1/reports/${R.D}/submit`);
  assert.equal(ds.status, 'submitted');
  assertProblem(await as('d', 'POST', `/api/v1/reports/${R.D}/accept`, {}), 403); // not its own
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/reports/${R.D}/accept`, {}), 404);
  assert.equal((await get('vp.kstt', R.D)).can.accept, true);
  assert.equal((await get('lanhdao.tinh', R.D)).can.return, true);
  const back = await ok('vp.kstt', 'POST', `/api/v1/reports/${R.D}/return`, { comment: 'Bổ sung số liệu xã C3.' });
  assert.equal(back.status, 'returned');
  const again = await ok('d', 'POST', `/api/v1/reports/${R.D}/submit`);
  assert.equal(again.status, 'submitted');
  assert.equal((await ok('lanhdao.tinh', 'POST', `/api/v1/reports/${R.D}/accept`, {})).status, 'accepted');
  // Audit rows for the transitions.
  const rows = sql(`SELECT action FROM audit_log WHERE entity = 'report' AND entity_id = '${R.D}' ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(rows, ['reports.create', 'reports.update', 'reports.submit', 'reports.return', 'reports.submit', 'reports.accept']);
});

test('concurrency: duplicate creates race to one report; children submitting together while the parent refreshes all land', async () => {
  const Q = '2025-Q3';
  const creates = await Promise.all([1, 2, 3, 4].map(() => as('c1', 'POST', '/api/v1/reports', { unit_id: U.C1.id, period: Q })));
  const made = creates.filter((r) => r.status === 201);
  assert.equal(made.length, 1, creates.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join('\n'));
  for (const r of creates.filter((x) => x.status !== 201)) {
    assertProblem(r, 409);
    assert.equal(r.json.existing_id, made[0].json.id);
  }
  const ids = { c1: made[0].json.id };
  ids.c2 = (await ok('c2', 'POST', '/api/v1/reports', { unit_id: U.C2.id, period: Q }, 201)).id;
  ids.c3 = (await ok('c3', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: Q }, 201)).id;
  const d = await ok('d', 'POST', '/api/v1/reports', { unit_id: U.D.id, period: Q }, 201);
  for (const k of ['c1', 'c2', 'c3']) await ok(k, 'PUT', `/api/v1/reports/${ids[k]}`, { narrative: NARRATIVE });
  const all = await Promise.all([
    ...['c1', 'c2', 'c3'].map((k) => as(k, 'POST', `/api/v1/reports/${ids[k]}/submit`)),
    as('d', 'POST', `/api/v1/reports/${d.id}/refresh`),
    as('d', 'POST', `/api/v1/reports/${d.id}/refresh`),
  ]);
  assert.deepEqual(all.map((r) => r.status), [200, 200, 200, 200, 200], all.map((r) => r.text.slice(0, 120)).join('\n'));
  const after = await get('d', d.id);
  assert.deepEqual(after.aggregation.included.map((c) => c.unit_id), [U.C1.id, U.C2.id, U.C3.id]);
  assert.deepEqual(after.aggregation.missing, []);
  assert.equal(after.events.filter((e) => e.action === 'recompute').length, 3);
});

test('tracker: the district\'s communes in force, late and missing first, with counts', async () => {
  const t = await ok('d', 'GET', `/api/v1/reports/tracker?period=${P}&unit_id=${U.D.id}`);
  assert.equal(t.period, P);
  assert.equal(t.kind, 'kstt');
  assert.equal(t.unit.id, U.D.id);
  assert.deepEqual(t.items.map((i) => i.unit.id), [U.C3.id, U.C1.id, U.C2.id]);
  const [c3, c1, c2] = t.items;
  assert.deepEqual({ ...c3, unit: c3.unit.code }, { unit: U.C3.code, report_id: null, status: 'missing', due: '2025-03-17', submitted_at: null, late: true });
  assert.equal(c1.status, 'accepted');
  assert.equal(c1.report_id, R.C1);
  assert.equal(c1.late, true);
  assert.ok(c1.submitted_at);
  assert.equal(c2.status, 'submitted');
  assert.deepEqual(t.counts, { expected: 3, missing: 1, draft: 0, submitted: 1, accepted: 1, returned: 0, late: 3 });
  // unit_id defaults to the principal's unit; the province's tracker lists the new district.
  assert.deepEqual((await ok('d', 'GET', `/api/v1/reports/tracker?period=${P}`)).items.map((i) => i.unit.id), [U.C3.id, U.C1.id, U.C2.id]);
  const prov = await ok('vp.kstt', 'GET', `/api/v1/reports/tracker?period=${P}&unit_id=${U.root.id}`);
  const mine = prov.items.find((i) => i.unit.id === U.D.id);
  assert.equal(mine.status, 'accepted');
  assert.equal(mine.due, '2025-03-20');
  const firstNotLate = prov.items.findIndex((i) => !i.late);
  assert.ok(firstNotLate === -1 || prov.items.slice(firstNotLate).every((i) => !i.late), 'late first');
  // A commune has no children: an empty tracker.
  assert.deepEqual((await ok('c1', 'GET', `/api/v1/reports/tracker?period=${P}`)).counts.expected, 0);
  // Out of scope: 404.
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/reports/tracker?period=${P}&unit_id=${U.D.id}`), 404);
  assertProblem(await as('c1', 'GET', `/api/v1/reports/tracker?period=${P}&unit_id=${U.D.id}`), 404);
});

test('remind: the parent\'s staff chase one child; focal officers get a notification and a mail, a unit without one a unit-wide notification', async () => {
  const r3 = await ok('d', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id });
  assert.deepEqual(r3, { unit_id: U.C3.id, period: P, kind: 'kstt', due: '2025-03-17', notifications: 1 });
  const n3 = await ok('c3v', 'GET', '/api/v1/notifications?per_page=50');
  assert.ok(n3.items.some((n) => n.kind === 'report.remind' && n.title.includes(P)), JSON.stringify(n3.items));
  // C2 is back to returned? No: submitted, so reminding is refused; C1 accepted too.
  assertProblem(await as('d', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C1.id }), 409);
  assertProblem(await as('d', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C2.id }), 409);
  // A focal officer: its own notification and a mail in the outbox (another period: C2 has none).
  const Q = '2025-Q2';
  const before = Number(sql(`SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'c2.${RUN.toLowerCase()}@example.vn'`)[0][0]);
  const r2 = await ok('d', 'POST', '/api/v1/reports/remind', { period: Q, unit_id: U.C2.id });
  assert.equal(r2.notifications, 1);
  const after = Number(sql(`SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'c2.${RUN.toLowerCase()}@example.vn'`)[0][0]);
  assert.equal(after, before + 1);
  const n2 = await ok('c2', 'GET', '/api/v1/notifications?per_page=50');
  assert.ok(n2.items.some((n) => n.kind === 'report.remind' && n.title.includes(Q)));
  // Not the parent's staff: 403; out of scope: 404; the remind is an event on an existing report.
  assertProblem(await as('c1', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id }), 404);
  assertProblem(await as('dv', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id }), 403);
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id }), 404);
  assertProblem(await as('stp.daumoi', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id }), 404);
  // The coordinator reviews only the root's children: a commune of a district is not its to chase.
  assertProblem(await as('vp.kstt', 'POST', '/api/v1/reports/remind', { period: P, unit_id: U.C3.id }), 403);
});

// ---- export --------------------------------------------------------------------------------------
/** The first sheet's cells: Map "B7" -> string or number. */
function cells(buf) {
  const zip = unzip(buf);
  const shared = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') || '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => xmlText([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')));
  const out = new Map();
  for (const m of zip.get('xl/worksheets/sheet1.xml').toString('utf8').matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const v = (m[3] || '').match(/<v>([^<]*)<\/v>/)?.[1];
    if (v === undefined) continue;
    out.set(m[1], /t="s"/.test(m[2]) ? shared[Number(v)] : Number(v));
  }
  return out;
}

test('export: the .xlsx opens, has the title row, the circular\'s headings and the district\'s totals', async () => {
  const d = await get('d', R.D);
  const res = await fetch(`${BASE}/api/v1/reports/${R.D}/export`, { headers: { authorization: `Bearer ${T.d}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition') || '', /attachment;.*\.xlsx/);
  const c = cells(Buffer.from(await res.arrayBuffer()));
  const title = c.get('A1');
  assert.match(title, /BÁO CÁO/);
  assert.ok(title.includes(U.D.name) && title.includes('quý I năm 2025') && /lập lúc \d\d\/\d\d\/\d{4}/.test(title), title);
  const texts = [...c.values()].filter((v) => typeof v === 'string');
  for (const h of ['Tổng số', 'Trong kỳ', 'Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính', 'Từ kỳ trước', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Trong hạn', 'Số hồ sơ đã giải quyết', 'Số hồ sơ đang giải quyết'])
    assert.ok(texts.includes(h), `heading ${h}`);
  for (const s of ['1. Kết quả đạt được', NARRATIVE.results, NARRATIVE.proposals]) assert.ok(texts.includes(s), s);
  // The first "Tổng số" line of the form (column B) holds the totals in force.
  const row = [...c.entries()].find(([k, v]) => k.startsWith('B') && v === 'Tổng số' && Number(k.slice(1)) > 5)[0].slice(1);
  const t = d.tables.dossiers.total;
  assert.equal(c.get(`D${row}`), t.received_online);
  assert.equal(c.get(`E${row}`), t.received_direct);
  assert.equal(c.get(`F${row}`), t.received_postal);
  assert.equal(c.get(`G${row}`), t.carried_over);
  assert.equal(c.get(`C${row}`), t.received_online + t.received_direct + t.received_postal + t.carried_over);
  assert.equal(c.get(`H${row}`), t.resolved_early + t.resolved_ontime + t.resolved_late);
  assert.equal(c.get(`L${row}`), t.in_progress_ontime + t.in_progress_overdue);
  assert.equal(c.get(`D${row}`), 1 + 5);
  // Scope: another district 404, a commune of the district 404 (its parent's report), anonymous 401.
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/reports/${R.D}/export`), 404);
  assertProblem(await as('c1', 'GET', `/api/v1/reports/${R.D}/export`), 404);
  assertProblem(await req('GET', `/api/v1/reports/${R.D}/export`), 401);
});

test('scope: every role reads what its subtree holds and nothing else (ids checked)', async () => {
  // The commune's report.
  for (const who of ['c1', 'd', 'dv', 'vp.kstt', 'lanhdao.tinh', 'admin']) assert.equal((await get(who, R.C1)).id, R.C1, who);
  for (const who of ['huyen1.daumoi', 'xa11.daumoi', 'stp.daumoi', 'c2']) assertProblem(await as(who, 'GET', `/api/v1/reports/${R.C1}`), 404);
  // The district's report: not the communes'.
  assertProblem(await as('c1', 'GET', `/api/v1/reports/${R.D}`), 404);
  assertProblem(await as('c3v', 'GET', `/api/v1/reports/${R.D}`), 404);
  // Lists, filtered in SQL.
  const list = async (who, q = '') => (await ok(who, 'GET', `/api/v1/reports?period=${P}&per_page=500${q}`)).items;
  const ids = (items) => items.map((i) => i.id).sort((a, b) => a - b);
  assert.deepEqual(ids(await list('c1')), [R.C1]);
  assert.deepEqual(ids(await list('d')), [R.C1, R.C2, R.D].sort((a, b) => a - b));
  assert.deepEqual(ids(await list('dv')), [R.C1, R.C2, R.D].sort((a, b) => a - b));
  const h1 = await list('huyen1.daumoi');
  assert.ok(h1.every((i) => ![R.C1, R.C2, R.D].includes(i.id)));
  for (const who of ['vp.kstt', 'lanhdao.tinh']) {
    const all = ids(await list(who, `&unit_id=${U.C1.id}`));
    assert.deepEqual(all, [R.C1], who);
  }
  assert.deepEqual(ids(await list('d', '&status=accepted')), [R.C1, R.D].sort((a, b) => a - b));
  assert.deepEqual(ids(await list('d', '&status=submitted')), [R.C2]);
  assert.deepEqual(ids(await list('d', `&unit_id=${U.C2.id}&kind=kstt`)), [R.C2]);
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/reports?unit_id=${U.D.id}`), 404);
  // Writes: another district's officer cannot even see; a district officer cannot write its commune's.
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: P }), 404);
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: P }), 404);
  assertProblem(await as('d', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: P }), 403);
  assertProblem(await as('dv', 'POST', '/api/v1/reports', { unit_id: U.D.id, period: '2025-Q2' }), 403);
  assertProblem(await as('vp.kstt', 'POST', '/api/v1/reports', { unit_id: U.C3.id, period: P }), 403);
  assertProblem(await as('huyen1.daumoi', 'PUT', `/api/v1/reports/${R.C2}`, { number: 'x' }), 404);
  assertProblem(await as('d', 'PUT', `/api/v1/reports/${R.C2}`, { number: 'x' }), 403);
  assertProblem(await req('GET', `/api/v1/reports/${R.C1}`), 401);
  assertProblem(await as('d', 'GET', '/api/v1/reports/99999999'), 404);
});
