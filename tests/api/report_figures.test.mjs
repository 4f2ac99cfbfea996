// The periodic report's figures (issue 14, SPEC §6) against independent computations over the raw
// rows (tests/lib/report-ref.mjs): the dossier form by field and level from the field roll-ups,
// feedback, procedures and plan assignments, for a unit's own data and its subtree, over quarter
// and year windows of the demo province; the field roll-ups kept by the ingest when a dossier
// changes procedure, and rebuilt by `kstt-api rollups-rebuild` after the catalogue moves a
// procedure to another field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, req, unitByCode } from '../lib/api.mjs';
import { kstt } from '../lib/stack.mjs';
import { sql, toNdjson, isoAt, localMidnight } from '../lib/kpi-ref.mjs';
import { OVERDUE_LISTED, assertTables } from '../lib/report-ref.mjs';

const figures = (unitId, from, to, subtree) =>
  JSON.parse(kstt('report-figures', String(unitId), from, to, ...(subtree ? ['subtree'] : [])));
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

// Windows of the demo data: a quarter and years under the default cut-off (the 14th).
const WINDOWS = [
  ['2025-03-15', '2025-06-14'],
  ['2024-12-15', '2025-12-14'],
  ['2023-12-15', '2024-12-14'],
  ['2025-12-15', '2026-12-14'],
];

test('the figures of a commune, a district and the province equal the raw rows, own and subtree', async () => {
  const province = Number(sql("SELECT id FROM units WHERE level = 'province' ORDER BY id LIMIT 1")[0][0]);
  const cases = [
    [Number(sql("SELECT id FROM units WHERE code = 'X0101'")[0][0]), 'X0101'],
    [Number(sql("SELECT id FROM units WHERE code = 'H01'")[0][0]), 'H01'],
    [Number(sql("SELECT id FROM units WHERE coordinator = 1 ORDER BY id LIMIT 1")[0][0]), 'coordinator'],
    [province, 'province'],
  ];
  let checked = 0;
  for (const [id, label] of cases) {
    for (const [from, to] of WINDOWS) {
      for (const subtree of [false, true]) {
        const t = figures(id, from, to, subtree);
        assertTables(assert, t, id, from, to, today(), !subtree, `${label} ${subtree ? 'subtree' : 'own'} ${from}..${to}`);
        checked++;
      }
    }
  }
  // the demo has data in every table somewhere, so the comparisons are not of empty sets
  const year = figures(province, '2024-12-15', '2025-12-14', true);
  assert.ok(year.dossiers.total.received_online > 0 && year.dossiers.by_field.length >= 5, 'dossiers by field');
  assert.ok(year.dossiers.by_level.some((r) => r.key === 'commune') && year.dossiers.by_level.some((r) => r.key === 'district'));
  assert.ok(year.procedures.in_force > 0, 'procedures in force');
  const older = figures(province, '2022-12-15', '2023-12-14', true);
  assert.ok(older.plan.due > 0 && older.plan.overdue > 0, 'plan rows');
  assert.equal(older.plan.overdue_list.length, Math.min(older.plan.overdue, OVERDUE_LISTED), 'the overdue list, cut at 500');
  assertTables(assert, older, province, '2022-12-15', '2023-12-14', today(), false, 'province 2023');
  const recent = figures(province, '2025-12-15', '2026-12-14', true);
  assert.ok(recent.feedback.received > 0 && recent.feedback.by_type.length > 0, 'feedback');
  assert.equal(checked, cases.length * WINDOWS.length * 2);
});

test('the subtree figures of a district add up its own data and its communes', async () => {
  const h = Number(sql("SELECT id FROM units WHERE code = 'H02'")[0][0]);
  const kids = sql(`SELECT id FROM units WHERE parent_id = ${h}`).map((r) => Number(r[0]));
  const [from, to] = WINDOWS[1];
  const whole = figures(h, from, to, true);
  const parts = [figures(h, from, to, false), ...kids.map((k) => figures(k, from, to, true))];
  for (const k of Object.keys(whole.dossiers.total)) {
    assert.equal(whole.dossiers.total[k], parts.reduce((s, p) => s + p.dossiers.total[k], 0), `dossiers.total.${k}`);
  }
  for (const k of ['received', 'answered', 'overdue']) {
    assert.equal(whole.feedback[k], parts.reduce((s, p) => s + p.feedback[k], 0), `feedback.${k}`);
  }
  assert.equal(whole.plan.due, parts.reduce((s, p) => s + p.plan.due, 0), 'plan.due');
});

test('the ingest moves a dossier between fields when its procedure changes; rollups-rebuild follows the catalogue', async () => {
  const token = await login('admin');
  const commune = await unitByCode('X0402');
  const procs = sql("SELECT code, field_id FROM procedures WHERE status = 'in_force' AND level_commune = 1 ORDER BY code");
  const a = procs[0];
  const b = procs.find((p) => p[1] !== a[1]);
  assert.ok(a && b, 'two commune procedures of different fields');
  const stamp = Date.now().toString(36).toUpperCase();
  const day = '2025-05-06';
  const at = localMidnight(day) + 9 * 3600e3;
  const row = (code, proc, finished) => ({
    code, procedure_code: proc, unit_code: commune.code, channel: 'online', online_level: 'full',
    received_at: isoAt(at), due_at: isoAt(at + 5 * 86400e3), finished_at: finished ? isoAt(at + 86400e3) : null,
    status: finished ? 'finished' : 'processing',
  });
  const send = async (rows) => {
    const r = await req('POST', '/api/v1/dossiers/bulk', {
      token, raw: toNdjson(rows), headers: { 'content-type': 'application/x-ndjson' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.rejected_total ?? 0, 0, JSON.stringify(r.json));
  };
  const [from, to] = ['2025-04-15', '2025-07-14'];
  const before = figures(commune.id, from, to, false);
  const fieldRow = (t, f) => t.dossiers.by_field.find((r) => r.key === String(f));
  const count = (t, f) => (fieldRow(t, f)?.received_online ?? 0);
  await send([row(`RF-${stamp}-1`, a[0], false), row(`RF-${stamp}-2`, a[0], true)]);
  let now = figures(commune.id, from, to, false);
  assert.equal(count(now, a[1]), count(before, a[1]) + 2, 'both new dossiers in the first field');
  assertTables(assert, now, commune.id, from, to, today(), true, 'after the first ingest');
  // the second version names a procedure of another field: it moves, nothing is counted twice
  await send([row(`RF-${stamp}-2`, b[0], true)]);
  now = figures(commune.id, from, to, false);
  assert.equal(count(now, a[1]), count(before, a[1]) + 1);
  assert.equal(count(now, b[1]), count(before, b[1]) + 1);
  assertTables(assert, now, commune.id, from, to, today(), true, 'after the second version');

  // The catalogue moves a procedure to another field (a specialist's edit): the roll-ups keep the
  // field each dossier had when it arrived until an operator rebuilds them.
  const field = async (name) => {
    const r = await req('POST', '/api/v1/procedure-fields', { token, body: { name: `${name} ${stamp}` } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const [f1, f2] = [await field('Lĩnh vực báo cáo một'), await field('Lĩnh vực báo cáo hai')];
  const code = `8.${String(Date.now() % 1000000).padStart(6, '0')}`;
  const p = await req('POST', '/api/v1/procedures', {
    token, body: { code, name: 'Thủ tục thử cho báo cáo định kỳ', field_id: f1, levels: ['commune'] },
  });
  assert.equal(p.status, 201, p.text);
  await send([row(`RF-${stamp}-3`, code, true), row(`RF-${stamp}-4`, code, false)]);
  now = figures(commune.id, from, to, false);
  assert.equal(count(now, f1), 2, 'the new field has the two dossiers');
  const put = await req('PUT', `/api/v1/procedures/${p.json.id}`, { token, body: { field_id: f2 } });
  assert.equal(put.status, 200, put.text);
  const stale = figures(commune.id, from, to, false);
  assert.deepEqual(stale.dossiers.by_field, now.dossiers.by_field, 'no change before the rebuild');
  assert.match(kstt('rollups-rebuild'), /rollups-rebuild: done/);
  const rebuilt = figures(commune.id, from, to, false);
  assert.equal(count(rebuilt, f1), 0);
  assert.equal(count(rebuilt, f2), 2, 'the dossiers follow their procedure to its new field');
  assert.deepEqual(rebuilt.dossiers.total, now.dossiers.total, 'the totals do not move');
  assertTables(assert, figures(commune.id, from, to, false), commune.id, from, to, today(), true, 'restored');
});

// Through the API: a commune's report is pre-filled with its own rows; once every commune of a
// district has filed without corrections, the district's report (its own rows plus the communes'
// figures in force) equals what the data says for its whole subtree, and `system` says so too.
test('POST /reports pre-fills from the data; all communes filed, the district adds up to its subtree', async () => {
  const admin = await login('admin');
  const district = await unitByCode('H02');
  const stamp = Date.now().toString(36);
  const token = {};
  const person = async (unitId, key) => {
    const username = `rf${stamp}${key}`.toLowerCase();
    const password = 'Rf@2026-report';
    const r = await req('POST', '/api/v1/users', {
      token: admin, body: { username, full_name: `Cán bộ báo cáo ${key}`, unit_id: unitId, role: 'officer', password },
    });
    assert.equal(r.status, 201, r.text);
    return login(username, password);
  };
  // an ad hoc period of its own (no other test files one with this window)
  const start = new Date(Date.UTC(2024, 0, 1) + (Date.now() % 200) * 86400e3).toISOString().slice(0, 10);
  const end = new Date(Date.parse(start) + 120 * 86400e3).toISOString().slice(0, 10);
  // the communes expected to report: every child in force at some time in the window (other
  // suites add units to the demo's districts, some of them later or already retired)
  const kids = sql(
    `SELECT id, code FROM units WHERE parent_id = ${district.id} AND valid_from <= '${end}' AND ` +
      `(valid_to IS NULL OR valid_to >= '${start}') ORDER BY id`,
  );
  token.district = await person(district.id, 'h');
  for (const [id, code] of kids) token[code] = await person(Number(id), code);
  const create = async (tok, unitId) => {
    const r = await req('POST', '/api/v1/reports', {
      token: tok, body: { unit_id: unitId, kind: 'kstt', from: start, to: end, title: `Báo cáo đột xuất kiểm tra số liệu ${stamp}` },
    });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const narrative = { results: 'Kết quả đạt được.', difficulties: 'Không có.', proposals: 'Không có.' };
  for (const [id, code] of kids) {
    const rep = await create(token[code], Number(id));
    assert.deepEqual(rep.window, { from: start, to: end });
    assertTables(assert, rep.computed, Number(id), start, end, today(), true, `${code} computed`);
    assertTables(assert, rep.system, Number(id), start, end, today(), false, `${code} system`);
    assert.deepEqual(rep.tables, rep.computed, 'no corrections: the figures in force are the computed ones');
    const put = await req('PUT', `/api/v1/reports/${rep.id}`, { token: token[code], body: { narrative } });
    assert.equal(put.status, 200, put.text);
    const sub = await req('POST', `/api/v1/reports/${rep.id}/submit`, { token: token[code] });
    assert.equal(sub.status, 200, sub.text);
  }
  const d = await create(token.district, district.id);
  assert.deepEqual(
    d.aggregation.included.map((x) => x.unit_id).sort((a, b) => a - b),
    kids.map((k) => Number(k[0])).sort((a, b) => a - b),
    'every commune included',
  );
  assert.deepEqual(d.aggregation.missing, []);
  assertTables(assert, d.system, district.id, start, end, today(), false, 'district system');
  // The aggregate adds the same rows as the subtree: every figure equal (rows in any order).
  const byKey = (rows) => Object.fromEntries(rows.map((r) => [r.key, r]));
  assert.deepEqual(d.computed.dossiers.total, d.system.dossiers.total, 'dossiers.total');
  assert.deepEqual(byKey(d.computed.dossiers.by_field), byKey(d.system.dossiers.by_field), 'dossiers.by_field');
  assert.deepEqual(byKey(d.computed.dossiers.by_level), byKey(d.system.dossiers.by_level), 'dossiers.by_level');
  const { by_type: ta, ...fa } = d.computed.feedback;
  const { by_type: tb, ...fb } = d.system.feedback;
  assert.deepEqual(fa, fb, 'feedback');
  assert.deepEqual(byKey(ta), byKey(tb), 'feedback.by_type');
  assert.deepEqual(d.computed.procedures, d.system.procedures, 'procedures');
  const { overdue_list: la, ...pa } = d.computed.plan;
  const { overdue_list: lb, ...pb } = d.system.plan;
  assert.deepEqual(pa, pb, 'plan');
  assert.deepEqual(la.map((x) => x.assignment_id).sort(), lb.map((x) => x.assignment_id).sort(), 'plan.overdue_list');
  assert.ok(d.system.dossiers.total.received_online + d.system.dossiers.total.carried_over > 0, 'the window has dossiers');
});
