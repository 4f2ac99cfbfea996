// The 2025 reorganisation of units (issue 20): POST /api/v1/units/reorganize from preview to
// roll-up. A throwaway district with four communes, a one-stop desk and dossiers over 2025 is
// reorganised from 2025-07-01 (two communes merged into a new one, the district retired, a
// commune moved, the rest moved automatically); the figures of the successor over the spanning
// year equal the sum of its predecessors' own dossiers (SQL straight over the dossiers table),
// and the old district's figures for the old period are what they were before.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { generate, sqlFigures, assertFigures, toNdjson, withRates, COUNT_FIELDS, sql } from '../lib/kpi-ref.mjs';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const EFF = '2025-07-01';
const units = {}; // key -> unit
const fx = {}; // fixture ids
let admin;
let province;

async function createUnit(key, name, level, parent_id) {
  const code = `R${key}${RUN}`;
  const r = await req('POST', '/api/v1/units', { token: admin, body: { code, name: `${name} ${RUN}`, level, parent_id, valid_from: '2020-01-01' } });
  assert.equal(r.status, 201, r.text);
  units[key] = r.json;
  return r.json;
}

async function reorganize(body, token = admin) {
  return req('POST', '/api/v1/units/reorganize', { token, body });
}

async function summary(unitId, from, to) {
  const r = await req('GET', `/api/v1/kpi/summary?unit_id=${unitId}&from=${from}&to=${to}`, { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** The sum of the units' own figures, straight from the dossiers table. */
function sumOwn(ids, from, to) {
  const total = Object.fromEntries(COUNT_FIELDS.map((k) => [k, 0]));
  for (const id of ids) {
    const f = sqlFigures(id, from, to, { own: true });
    for (const k of COUNT_FIELDS) total[k] += f[k];
  }
  return withRates(total);
}

const one = (q) => sql(q)[0]?.[0];

/** Plan, tasks, assignments, feedback and reports of the communes and the district. */
function fixtures() {
  const { C1, C2, D } = Object.fromEntries(Object.entries(units).map(([k, u]) => [k, u.id]));
  sql(`INSERT INTO plans (unit_id, year, title, status) VALUES (${province.id}, 2025, 'Kế hoạch tổ chức lại ${RUN}', 'published')`);
  fx.plan = Number(one(`SELECT MAX(id) FROM plans WHERE title = 'Kế hoạch tổ chức lại ${RUN}'`));
  for (const t of ['T1', 'T2', 'T3']) {
    sql(`INSERT INTO tasks (plan_id, title) VALUES (${fx.plan}, 'Nhiệm vụ ${t} ${RUN}')`);
    fx[t] = Number(one(`SELECT MAX(id) FROM tasks WHERE plan_id = ${fx.plan}`));
  }
  const asg = (key, task, unit, status) => {
    sql(`INSERT INTO assignments (task_id, unit_id, role, status) VALUES (${task}, ${unit}, 'lead', '${status}')`);
    fx[key] = Number(one(`SELECT id FROM assignments WHERE task_id = ${task} AND unit_id = ${unit}`));
  };
  asg('a1open', fx.T1, C1, 'in_progress'); // moves to the new commune
  asg('a1done', fx.T2, C1, 'done'); // stays: finished work keeps its historic unit
  asg('a2same', fx.T1, C2, 'not_started'); // the new commune already has T1 from C1: stays, kept
  asg('a2open', fx.T3, C2, 'blocked'); // moves
  asg('aDopen', fx.T2, D, 'not_started'); // the retired district's: moves to the province
  // last year's plan is a record of that year: its unfinished item stays (kept)
  sql(`INSERT INTO plans (unit_id, year, title, status) VALUES (${province.id}, 2024, 'Kế hoạch năm trước ${RUN}', 'published')`);
  const old = Number(one(`SELECT MAX(id) FROM plans WHERE title = 'Kế hoạch năm trước ${RUN}'`));
  sql(`INSERT INTO tasks (plan_id, title) VALUES (${old}, 'Nhiệm vụ năm trước ${RUN}')`);
  asg('a1old', Number(one(`SELECT MAX(id) FROM tasks WHERE plan_id = ${old}`)), C1, 'in_progress');
  const fb = (key, unit, status) => {
    const code = `F${key}${RUN}`.slice(0, 12).padEnd(12, 'X');
    sql(
      `INSERT INTO feedback (tracking_code, sender_name, address, phone, title, content, type, received_at, intake_at, status_since, answer_due, status, assigned_unit_id) ` +
        `VALUES ('${code}', 'Người gửi', 'Địa chỉ', '0900000000', 'Phản ánh ${key}', 'Nội dung', 1, NOW(), NOW(), NOW(), '2025-12-31', '${status}', ${unit})`,
    );
    fx[key] = Number(one(`SELECT id FROM feedback WHERE tracking_code = '${code}'`));
  };
  fb('f1open', C1, 'processing');
  fb('f1pub', C1, 'published');
  const rep = (key, unit, period, status) => {
    sql(
      `INSERT INTO reports (unit_id, kind, period, period_kind, window_from, window_to, due, status) ` +
        `VALUES (${unit}, 'kstt', '${period}', 'quarter', '2025-04-01', '2025-06-30', '2025-07-20', '${status}')`,
    );
    fx[key] = Number(one(`SELECT id FROM reports WHERE unit_id = ${unit} AND period = '${period}'`));
  };
  rep('r1draft', C1, '2025-Q3', 'draft');
  rep('r1sub', C1, '2025-Q2', 'submitted');
  // a review form in draft moves, one sent for decision stays
  const proc = Number(one('SELECT MIN(id) FROM procedures'));
  const form = (key, task, status) => {
    sql(`INSERT INTO review_forms (plan_id, task_id, unit_id, procedure_id, status) VALUES (${fx.plan}, ${task}, ${C1}, ${proc}, '${status}')`);
    fx[key] = Number(one(`SELECT id FROM review_forms WHERE task_id = ${task} AND unit_id = ${C1}`));
  };
  form('rfDraft', fx.T1, 'draft');
  form('rfSent', fx.T2, 'submitted');
  // the retired district's self-assessment cannot go to the province (not a district): kept
  sql(`INSERT INTO ri_assessments (year, kind, unit_id, status) VALUES (2025, 'district', ${D}, 'draft')`);
  fx.riD = Number(one(`SELECT id FROM ri_assessments WHERE year = 2025 AND unit_id = ${D}`));
  // an inspection the district planned of C1: both ends follow; a done one stays as it was
  const insp = (key, status, date) => {
    sql(`INSERT INTO inspections (inspecting_unit_id, unit_id, subject, planned_date, status) VALUES (${D}, ${C1}, 'kstt', '${date}', '${status}')`);
    fx[key] = Number(one(`SELECT id FROM inspections WHERE unit_id = ${C1} AND planned_date = '${date}'`));
  };
  insp('inPlanned', 'planned', '2025-09-15');
  insp('inDone', 'done', '2025-03-15');
  sql(`INSERT INTO users (username, full_name, unit_id, role) VALUES ('reorg.${RUN.toLowerCase()}', 'Cán bộ xã', ${C1}, 'officer')`);
  fx.user = Number(one(`SELECT id FROM users WHERE username = 'reorg.${RUN.toLowerCase()}'`));
  // the retired district's administrator must not become the province's: kept, to be seated
  sql(`INSERT INTO users (username, full_name, unit_id, role) VALUES ('reorgd.${RUN.toLowerCase()}', 'Quản trị huyện', ${D}, 'admin')`);
  fx.userD = Number(one(`SELECT id FROM users WHERE username = 'reorgd.${RUN.toLowerCase()}'`));
}

let plan; // the request body of the reorganisation
const before2023 = {}; // figures before the change

before(async () => {
  admin = await login('admin');
  province = await unitByCode('NDH');
  await createUnit('D', 'UBND huyện Tổ chức lại', 'district', province.id);
  for (const k of ['C1', 'C2', 'C3', 'C4']) await createUnit(k, `UBND xã ${k}`, 'commune', units.D.id);
  await createUnit('O1', 'Bộ phận một cửa huyện', 'onestop', units.D.id);
  await createUnit('O2', 'Bộ phận một cửa xã', 'onestop', units.O1.id);
  await createUnit('S1', 'Sở Tổ chức lại', 'department', province.id);
  const rows = generate({ seed: 2025, units: ['D', 'C1', 'C2', 'C3', 'C4'].map((k) => units[k].code), from: '2025-01-01', to: '2025-12-31', count: 500, prefix: `G${RUN}` });
  const ing = await req('POST', '/api/v1/dossiers/bulk', { token: admin, raw: toNdjson(rows), headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(ing.status, 200, ing.text);
  assert.equal(ing.json.inserted, 500);
  fixtures();
  before2023.D = await summary(units.D.id, '2025-01-01', '2025-06-30');
  before2023.province = await summary(province.id, '2025-01-01', '2025-12-31');
  plan = {
    effective_from: EFF,
    merge: [{ from: [units.C1.id, units.C2.id], into: { code: `RN${RUN}`, name: `Xã Hợp Nhất ${RUN}`, level: 'commune', parent_id: province.id } }],
    retire: [units.D.id],
    move: [{ id: units.C3.id, parent_id: province.id }],
  };
});

test('only the province admin reorganises: 401, 403 for a district leader and a specialist', async () => {
  assert.equal((await req('POST', '/api/v1/units/reorganize', { body: { effective_from: EFF } })).status, 401);
  for (const who of ['huyen1.lanhdao', 'vp.kstt']) {
    const r = await reorganize({ ...plan, preview: true }, await login(who));
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
});

test('422 with the field for every bad request, changing nothing', async () => {
  const cases = [
    [{ merge: [{ from: [999999999], into: units.C4.id }] }, 'merge[0].from[0]'],
    [{ merge: [{ from: [units.C1.id], into: units.C2.id }], retire: [units.C1.id] }, 'retire[0]'],
    [{ retire: [units.C4.id], move: [{ id: units.C3.id, parent_id: units.C4.id }] }, 'move[0].parent_id'],
    [{ merge: [{ from: [units.C4.id], into: units.C3.id }], move: [{ id: units.C1.id, parent_id: units.C4.id }] }, 'move[0].parent_id'],
    // a cycle: the district desk moved under the commune desk that hangs under it
    [{ move: [{ id: units.O1.id, parent_id: units.O2.id }] }, 'move'],
    [{ effective_from: '2019-12-31', retire: [units.C4.id] }, 'effective_from'],
    [{ move: [{ id: units.C3.id, parent_id: units.S1.id }] }, 'move[0].parent_id'], // a commune under a department
    [{ merge: [{ from: [units.C3.id], into: units.S1.id }] }, 'merge[0].from[0]'], // another level
    [{ merge: [{ from: [units.C3.id], into: { code: `RX${RUN}`, name: 'Xã', level: 'commune', parent_id: units.S1.id } }] }, 'merge[0].into.parent_id'],
    [{ merge: [{ from: [units.C3.id], into: { code: units.C4.code, name: 'Xã trùng mã', level: 'commune', parent_id: province.id } }] }, 'merge[0].into.code'],
    [{ retire: [province.id] }, 'retire[0]'], // the root has no successor
    [{ move: [{ id: units.C3.id, parent_id: units.D.id, extra: 1 }] }, 'move[0].extra'],
    [{ retire: {} }, 'retire'],
    [{}, 'merge'], // nothing to do
  ];
  for (const [body, field] of cases) {
    const r = await reorganize({ effective_from: EFF, ...body });
    assertProblem(r, 422, field);
  }
  assert.equal(one(`SELECT COUNT(*) FROM units WHERE code = '${units.C4.code}' AND valid_to IS NULL`), '1');
  assert.equal(one(`SELECT COUNT(*) FROM units WHERE code = 'RX${RUN}'`), '0');
});

test('preview lists every change and the objects that would move, and changes nothing', async () => {
  const auditBefore = one(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'unit.%'`);
  const r = await reorganize({ ...plan, preview: true });
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  assert.equal(p.preview, true);
  assert.equal(p.reorganization_id, null);
  assert.equal(p.created.length, 1);
  assert.equal(p.created[0].code, `RN${RUN}`);
  const newId = p.created[0].id;
  const byUnit = Object.fromEntries(p.changes.map((c) => [c.id, c]));
  assert.deepEqual(
    p.changes.map((c) => [c.kind, c.id, c.kind === 'move' ? c.parent_id : c.successor_id, c.automatic]),
    [
      ['merge', units.C1.id, newId, false],
      ['merge', units.C2.id, newId, false],
      ['retire', units.D.id, province.id, false], // the parent is the successor
      ['move', units.C3.id, province.id, false],
      ['move', units.C4.id, province.id, true], // left in place: follows the district's successor
      ['move', units.O1.id, province.id, true],
    ],
  );
  assert.equal(byUnit[units.C1.id].to.code, `RN${RUN}`);
  assert.equal(byUnit[units.D.id].from_parent_id, province.id);
  const moved = Object.fromEntries(p.moved.map((m) => [m.unit_id, m]));
  assert.deepEqual(moved[units.C1.id].assignments, { count: 1, ids: [fx.a1open], kept_ids: [fx.a1old] });
  assert.deepEqual(moved[units.C2.id].assignments, { count: 1, ids: [fx.a2open], kept_ids: [fx.a2same] });
  assert.deepEqual(moved[units.D.id].assignments, { count: 1, ids: [fx.aDopen], kept_ids: [] });
  assert.deepEqual(moved[units.C1.id].feedback, { count: 1, ids: [fx.f1open], kept_ids: [] });
  assert.deepEqual(moved[units.C1.id].reports, { count: 1, ids: [fx.r1draft], kept_ids: [] });
  assert.deepEqual(moved[units.C1.id].users, { count: 1, ids: [fx.user], kept_ids: [] });
  assert.deepEqual(moved[units.D.id].users, { count: 0, ids: [], kept_ids: [fx.userD] });
  assert.deepEqual(moved[units.C1.id].review_forms, { count: 1, ids: [fx.rfDraft], kept_ids: [] });
  assert.deepEqual(moved[units.D.id].index_assessments, { count: 0, ids: [], kept_ids: [fx.riD] });
  assert.deepEqual(moved[units.C1.id].inspections, { count: 1, ids: [fx.inPlanned], kept_ids: [] });
  assert.deepEqual(moved[units.D.id].inspections_led, { count: 1, ids: [fx.inPlanned], kept_ids: [] });
  assert.equal(p.totals.assignments, 3);
  assert.equal(p.totals.review_forms, 1);
  assert.equal(p.totals.kept, 4);
  // nothing changed
  assert.equal(one(`SELECT COUNT(*) FROM units WHERE code = 'RN${RUN}'`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM units WHERE id IN (${units.C1.id}, ${units.D.id}) AND valid_to IS NULL`), '2');
  assert.equal(one(`SELECT unit_id FROM assignments WHERE id = ${fx.a1open}`), String(units.C1.id));
  assert.equal(one(`SELECT parent_id FROM units WHERE id = ${units.C3.id}`), String(units.D.id));
  assert.equal(one(`SELECT COUNT(*) FROM unit_parent_history WHERE unit_id = ${units.C3.id}`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'unit.%'`), auditBefore);
});

test('applied: one audited transaction; open work moves, finished work stays; roll-ups follow', async () => {
  const r = await reorganize(plan);
  assert.equal(r.status, 201, r.text);
  const out = r.json;
  assert.equal(out.preview, false);
  assert.ok(out.reorganization_id > 0);
  const N = out.created[0].id;
  // the tree
  const row = (id) => sql(`SELECT COALESCE(parent_id, 0), COALESCE(valid_to, ''), COALESCE(successor_id, 0) FROM units WHERE id = ${id}`)[0];
  assert.deepEqual(row(units.C1.id), [String(units.D.id), '2025-06-30', String(N)]);
  assert.deepEqual(row(units.C2.id), [String(units.D.id), '2025-06-30', String(N)]);
  assert.deepEqual(row(units.D.id), [String(province.id), '2025-06-30', String(province.id)]);
  assert.deepEqual(row(units.C3.id), [String(province.id), '', '0']);
  assert.deepEqual(row(units.C4.id), [String(province.id), '', '0']);
  assert.equal(one(`SELECT valid_from FROM units WHERE id = ${N}`), EFF);
  // the objects
  const unitOf = (t, id, col = 'unit_id') => Number(one(`SELECT ${col} FROM ${t} WHERE id = ${id}`));
  assert.equal(unitOf('assignments', fx.a1open), N);
  assert.equal(unitOf('assignments', fx.a1done), units.C1.id);
  assert.equal(unitOf('assignments', fx.a1old), units.C1.id);
  assert.equal(unitOf('assignments', fx.a2same), units.C2.id);
  assert.equal(unitOf('assignments', fx.a2open), N);
  assert.equal(unitOf('assignments', fx.aDopen), province.id);
  assert.equal(unitOf('feedback', fx.f1open, 'assigned_unit_id'), N);
  assert.equal(unitOf('feedback', fx.f1pub, 'assigned_unit_id'), units.C1.id);
  assert.equal(unitOf('reports', fx.r1draft), N);
  assert.equal(unitOf('reports', fx.r1sub), units.C1.id);
  assert.equal(unitOf('users', fx.user), N);
  assert.equal(unitOf('users', fx.userD), units.D.id);
  assert.equal(unitOf('review_forms', fx.rfDraft), N);
  assert.equal(unitOf('review_forms', fx.rfSent), units.C1.id);
  assert.equal(unitOf('ri_assessments', fx.riD), units.D.id);
  assert.deepEqual([unitOf('inspections', fx.inPlanned), unitOf('inspections', fx.inPlanned, 'inspecting_unit_id')], [N, province.id]);
  assert.deepEqual([unitOf('inspections', fx.inDone), unitOf('inspections', fx.inDone, 'inspecting_unit_id')], [units.C1.id, units.D.id]);
  // audited: the reorganisation and each unit
  assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE action = 'unit.reorganize' AND entity_id = '${out.reorganization_id}'`), '1');
  assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE entity = 'unit' AND entity_id IN ('${units.C1.id}', '${units.D.id}', '${units.C4.id}') AND action IN ('unit.merge', 'unit.retire', 'unit.move')`), '3');
  // the closure: the new commune carries its predecessors, the old district keeps its communes
  const anc = (a, d) => one(`SELECT COUNT(*) FROM unit_closure WHERE ancestor_id = ${a} AND descendant_id = ${d}`);
  assert.equal(anc(N, units.C1.id), '1');
  assert.equal(anc(units.D.id, units.C3.id), '1');
  assert.equal(anc(province.id, units.C3.id), '1');

  // roll-ups: the successor over a spanning period == the sum of its predecessors' and its own
  for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2025-05-01', '2025-08-31'], ['2025-01-01', '2025-06-30']]) {
    assertFigures(assert, await summary(N, from, to), sumOwn([N, units.C1.id, units.C2.id], from, to), `successor ${from}..${to}`);
  }
  // the old district over the old period is what it was; a predecessor keeps its own figures
  assertFigures(assert, await summary(units.D.id, '2025-01-01', '2025-06-30'), before2023.D, 'old district, old period');
  assertFigures(assert, await summary(units.C1.id, '2025-01-01', '2025-06-30'), sumOwn([units.C1.id], '2025-01-01', '2025-06-30'), 'C1 own');
  // the province counts every dossier once, as before
  assertFigures(assert, await summary(province.id, '2025-01-01', '2025-12-31'), before2023.province, 'province');

  // dossiers of the new commune after the change roll up to it and to the province
  const rows = generate({ seed: 2026, units: [`RN${RUN}`], from: EFF, to: '2025-12-31', count: 60, prefix: `H${RUN}` });
  const ing = await req('POST', '/api/v1/dossiers/bulk', { token: admin, raw: toNdjson(rows), headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(ing.status, 200, ing.text);
  assertFigures(assert, await summary(N, '2025-01-01', '2025-12-31'), sumOwn([N, units.C1.id, units.C2.id], '2025-01-01', '2025-12-31'), 'successor with its own dossiers');

  // applying the same request again: the units have ended already
  assertProblem(await reorganize({ ...plan, merge: [{ from: [units.C1.id], into: N }] }), 422, 'merge[0].from[0]');
});

test("merged departments: the draft self-assessment follows to the successor department (the province's 2025 merges)", async () => {
  const a = await createUnit('SA', 'Sở Thông tin và Truyền thông', 'department', province.id);
  const b = await createUnit('SB', 'Sở Khoa học và Công nghệ', 'department', province.id);
  sql(`INSERT INTO ri_assessments (year, kind, unit_id, status) VALUES (2025, 'department', ${a.id}, 'draft'), (2024, 'department', ${a.id}, 'final')`);
  const draft = Number(one(`SELECT id FROM ri_assessments WHERE year = 2025 AND unit_id = ${a.id}`));
  const final = Number(one(`SELECT id FROM ri_assessments WHERE year = 2024 AND unit_id = ${a.id}`));
  const r = await reorganize({ effective_from: '2025-03-01', merge: [{ from: [a.id], into: b.id }] });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.moved[0].index_assessments, { count: 1, ids: [draft], kept_ids: [] });
  assert.equal(one(`SELECT unit_id FROM ri_assessments WHERE id = ${draft}`), String(b.id));
  assert.equal(one(`SELECT unit_id FROM ri_assessments WHERE id = ${final}`), String(a.id), 'a final score keeps its unit');
});
