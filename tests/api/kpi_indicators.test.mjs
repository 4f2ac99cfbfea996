// The indicators the seeds name (issue 20): the per procedure and per field figures, the 766
// disclosure group from the catalogue, the bands of the rule set (and a version changing them at a
// date), the internal_transfer field's validation, and scope. Each figure against an independent
// computation: JS from the generated rows, and SQL over the raw tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { generate, toNdjson, toCsv, sql, sqlDisclosure, bandOf, localDate } from '../lib/kpi-ref.mjs';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const N3 = String(100 + Math.floor(Math.random() * 900));
const pcode = (n) => `1.8${N3}${String(n).padStart(2, '0')}`;
const units = {};
let admin;
let rows;
let field;
const D = `ID${RUN}`;
const C1 = `IC1${RUN}`;
const C2 = `IC2${RUN}`;
const BAND_DAY = '2023-07-01';
const AFTER_DAY = '2023-07-02';
const BAND_LABEL = `Hạng thử ${RUN}`;

async function createUnit(code, name, level, parent_id) {
  const r = await req('POST', '/api/v1/units', { token: admin, body: { code, name, level, parent_id, valid_from: '2020-01-01' } });
  assert.equal(r.status, 201, r.text);
  units[code] = r.json;
}

async function ingest(body, contentType) {
  const r = await req('POST', '/api/v1/dossiers/bulk', { token: admin, raw: body, headers: { 'content-type': contentType } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const COMPONENTS = {
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.', way: 'Trực tiếp; trực tuyến', dossier: 'Tờ khai theo mẫu',
  time_limit_text: '03 ngày làm việc', subjects: 'Công dân Việt Nam', agency: 'UBND cấp xã',
};

// The procedures of commune C1 (its agency): what each contributes to the disclosure group.
const PROCS = [
  { n: 1, complete: true, approved: '2024-03-10', effective: '2024-01-01' },
  { n: 2, complete: true, approved: null, effective: null },
  { n: 3, complete: false, approved: '2023-01-01', effective: null },
  { n: 4, complete: true, approved: '2023-05-01', effective: null, abolished: '2024-05-01' },
  { n: 5, complete: true, approved: '2024-01-01', effective: '2024-09-01' },
];

async function createProc(p) {
  const body = {
    code: pcode(p.n), name: `Thủ tục kiểm thử chỉ số công khai số ${p.n} đợt ${RUN}`, field_id: field.id,
    levels: ['commune'], agency_unit_id: units[C1].id, effective_date: p.effective,
    ...(p.complete ? COMPONENTS : {}),
    ...(p.approved ? { internal_process_approved: true, internal_process_decision_no: `${p.n}/QĐ-UBND`, internal_process_date: p.approved } : {}),
  };
  const r = await req('POST', '/api/v1/procedures', { token: admin, body });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.complete, p.complete);
  if (p.abolished) {
    const s = await req('POST', `/api/v1/procedures/${r.json.id}/status`, { token: admin, body: { status: 'abolished', decision_no: `${p.n}/QĐ-BB`, date: p.abolished } });
    assert.equal(s.status, 200, s.text);
  }
}

/** My procedures' counts at the end of day, computed by hand from PROCS. */
function ownDisclosure(day) {
  let inForce = 0;
  let disclosed = 0;
  for (const p of PROCS) {
    if (p.effective && p.effective > day) continue;
    if (p.abolished && p.abolished <= day) continue;
    inForce++;
    if (p.complete && p.approved && p.approved <= day) disclosed++;
  }
  return [inForce, disclosed];
}

before(async () => {
  admin = await login('admin');
  const province = await unitByCode('NDH');
  await createUnit(D, `UBND huyện Chỉ số ${RUN}`, 'district', province.id);
  await createUnit(C1, `UBND xã Đông ${RUN}`, 'commune', units[D].id);
  await createUnit(C2, `UBND xã Tây ${RUN}`, 'commune', units[D].id);
  const f = await req('GET', '/api/v1/procedure-fields', { token: admin });
  field = f.json.items.find((x) => x.name === 'Hộ tịch');
  assert.ok(field);
  for (const p of PROCS) await createProc(p);
  rows = generate({ seed: 20261205, units: [D, C1, C2], from: '2023-01-01', to: '2024-12-31', count: 900, prefix: `IX${RUN}` });
  // a third of the dossiers are of the catalogue's procedures (field Hộ tịch), the rest unknown
  rows.forEach((r, i) => {
    if (i % 3 === 0) r.procedure_code = pcode(1 + (i % 5));
    if (i % 11 === 0) r.procedure_code = null;
  });
  let res = await ingest(toNdjson(rows.slice(0, 400)), 'application/x-ndjson');
  assert.equal(res.rejected.length, 0, JSON.stringify(res.rejected.slice(0, 2)));
  res = await ingest(JSON.stringify(rows.slice(400, 700)), 'application/json');
  assert.equal(res.rejected.length, 0, JSON.stringify(res.rejected.slice(0, 2)));
  res = await ingest(toCsv(rows.slice(700), ';'), 'text/csv; charset=utf-8');
  assert.equal(res.rejected.length, 0, JSON.stringify(res.rejected.slice(0, 2)));
});

after(() => {
  sql(`DELETE FROM rule_sets WHERE name = 'kpi766' AND effective_from IN ('${BAND_DAY}', '${AFTER_DAY}') AND note LIKE 'Kiểm thử chỉ số%'`);
  sql('UPDATE kpi_data_version SET version = version + 1 WHERE id = 1');
});

const get = async (path, token = admin) => req('GET', path, { token });

/** Per key (procedure code or field) from the generated rows: received, resolved, late. */
function jsBreakdown(keyOf, from, to) {
  const m = new Map();
  for (const d of rows) {
    const R = localDate(d.received_at);
    const U = d.due_at ? localDate(d.due_at) : R;
    const F = d.finished_at ? localDate(d.finished_at) : null;
    const k = String(keyOf(d));
    const e = m.get(k) || { received: 0, resolved: 0, late: 0 };
    if (R >= from && R <= to) e.received++;
    if (F !== null && F >= from && F <= to) {
      e.resolved++;
      if (F > U || d.supplement_count > 1) e.late++;
    }
    if (e.received || e.resolved) m.set(k, e);
  }
  return m;
}

/** The same straight from the dossiers table of a unit's subtree. */
function sqlBreakdown(unitId, keySql, from, to) {
  const inR = `DATE(d.received_at) BETWEEN '${from}' AND '${to}'`;
  const inF = `d.finished_at IS NOT NULL AND DATE(d.finished_at) BETWEEN '${from}' AND '${to}'`;
  const late = `(d.supplement_count > 1 OR DATE(d.finished_at) > DATE(COALESCE(d.due_at, d.received_at)))`;
  const out = sql(
    `SELECT ${keySql}, SUM(${inR}), SUM(${inF}), SUM(${inF} AND ${late}) FROM dossiers d WHERE d.unit_id IN ` +
      `(SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${Number(unitId)}) AND (${inR} OR ${inF}) GROUP BY 1`,
  );
  return new Map(out.map(([k, a, b, c]) => [k === 'NULL' ? '' : k, { received: Number(a), resolved: Number(b), late: Number(c) }]));
}

function assertItems(items, want, keyOf, label) {
  for (const it of items) {
    const w = want.get(String(keyOf(it)));
    assert.ok(w, `${label}: ${keyOf(it)} not expected`);
    assert.deepEqual([it.received, it.resolved, it.resolved_late, it.resolved_within_time], [w.received, w.resolved, w.late, w.resolved - w.late], `${label}: ${keyOf(it)}`);
    if (w.resolved === 0) assert.equal(it.late_share, null);
    else assert.ok(Math.abs(it.late_share - w.late / w.resolved) < 1e-12);
  }
}

const byLate = (a, b) => b.late - a.late || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);

test('per procedure: received, resolved, late and late share equal JS and SQL; sorted and paged in SQL', async () => {
  for (const [from, to] of [['2024-01-01', '2024-12-31'], ['2023-03-01', '2023-03-31'], ['2024-06-30', '2024-06-30']]) {
    const r = await get(`/api/v1/kpi/procedures?unit_id=${units[D].id}&from=${from}&to=${to}&per_page=500`);
    assert.equal(r.status, 200, r.text);
    const js = jsBreakdown((d) => d.procedure_code || '', from, to);
    const db = sqlBreakdown(units[D].id, "COALESCE(d.procedure_code, '')", from, to);
    assert.equal(r.json.total, js.size);
    assert.equal(r.json.items.length, js.size);
    assertItems(r.json.items, js, (it) => it.procedure_code, `JS ${from}..${to}`);
    assertItems(r.json.items, db, (it) => it.procedure_code, `SQL ${from}..${to}`);
    // most late first, ties by code
    const want = [...js.entries()].map(([k, v]) => ({ k, ...v })).sort(byLate).map((e) => e.k);
    assert.deepEqual(r.json.items.map((i) => i.procedure_code), want);
  }
  // catalogue procedures are named, with their field
  const y = await get(`/api/v1/kpi/procedures?unit_id=${units[D].id}&from=2024-01-01&to=2024-12-31&per_page=500`);
  const p1 = y.json.items.find((i) => i.procedure_code === pcode(1));
  assert.match(p1.procedure_name, /chỉ số công khai số 1/);
  assert.equal(p1.field_name, 'Hộ tịch');
  // a page is the slice of the whole list
  const pg = await get(`/api/v1/kpi/procedures?unit_id=${units[D].id}&from=2024-01-01&to=2024-12-31&per_page=3&page=2`);
  assert.deepEqual(pg.json.items.map((i) => i.procedure_code), y.json.items.slice(3, 6).map((i) => i.procedure_code));
  assert.equal(pg.json.total, y.json.total);
  // by late share: non-increasing, the ones without resolved dossiers last
  const ls = await get(`/api/v1/kpi/procedures?unit_id=${units[D].id}&from=2024-01-01&to=2024-12-31&per_page=500&sort=late_share`);
  const shares = ls.json.items.map((i) => i.late_share);
  const firstNull = shares.indexOf(null);
  const defined = firstNull < 0 ? shares : shares.slice(0, firstNull);
  for (let i = 1; i < defined.length; i++) assert.ok(defined[i - 1] >= defined[i] - 1e-12, `late share order at ${i}`);
  if (firstNull >= 0) assert.ok(shares.slice(firstNull).every((s) => s === null));
  const rc = await get(`/api/v1/kpi/procedures?unit_id=${units[D].id}&from=2024-01-01&to=2024-12-31&per_page=500&sort=received`);
  const rec = rc.json.items.map((i) => i.received);
  assert.deepEqual(rec, [...rec].sort((a, b) => b - a));
});

test('per field: the dossiers grouped by the field they had when ingested, against SQL', async () => {
  const [from, to] = ['2023-01-01', '2024-12-31'];
  const r = await get(`/api/v1/kpi/fields?unit_id=${units[D].id}&from=${from}&to=${to}`);
  assert.equal(r.status, 200, r.text);
  const db = sqlBreakdown(units[D].id, 'd.field_id', from, to);
  assert.equal(r.json.total, db.size);
  assertItems(r.json.items, db, (it) => it.field_id, 'fields');
  // in JS: each row's procedure looked up in the catalogue (0 when not in it)
  const cat = new Map(sql('SELECT code, field_id FROM procedures').map(([c, f]) => [c, Number(f)]));
  const js = jsBreakdown((d) => cat.get(d.procedure_code) ?? 0, from, to);
  assertItems(r.json.items, js, (it) => it.field_id, 'fields JS');
  assert.equal(r.json.items.find((i) => i.field_id === field.id).field_name, 'Hộ tịch');
});

test('disclosure: in force, published and approved at the period end, from the catalogue', async () => {
  const days = ['2023-12-31', '2024-03-09', '2024-03-10', '2024-04-30', '2024-05-01', '2024-08-31', '2024-09-01'];
  for (const to of days) {
    const [c1, c2] = await Promise.all([C1, C2].map((c) => get(`/api/v1/kpi/summary?unit_id=${units[c].id}&from=2023-01-01&to=${to}`)));
    const d1 = c1.json.disclosure;
    assert.deepEqual([d1.procedures_in_force, d1.procedures_disclosed], sqlDisclosure(units[C1].id, to), `C1 ${to}`);
    // C2 has the same commune-level catalogue and none of C1's own: the difference is PROCS
    const d2 = c2.json.disclosure;
    assert.deepEqual([d1.procedures_in_force - d2.procedures_in_force, d1.procedures_disclosed - d2.procedures_disclosed], ownDisclosure(to), `C1 - C2 ${to}`);
    // the group's points from the rule set
    const g = c1.json.score766.groups.find((x) => x.key === 'disclosure');
    assert.equal(g.assessed, true);
    assert.ok(Math.abs(g.rate - d1.procedures_disclosed / d1.procedures_in_force) < 1e-12);
    assert.equal(g.points, Math.round(g.weight * Math.min(1, g.rate / g.threshold) * 100) / 100);
    // the district holds both communes' procedures
    const dd = await get(`/api/v1/kpi/summary?unit_id=${units[D].id}&from=2023-01-01&to=${to}`);
    assert.deepEqual([dd.json.disclosure.procedures_in_force, dd.json.disclosure.procedures_disclosed], sqlDisclosure(units[D].id, to), `D ${to}`);
  }
  // the ranking and each trend bucket judge it at their own last day
  const rk = await get(`/api/v1/kpi/ranking?parent_id=${units[D].id}&from=2024-01-01&to=2024-03-10`);
  for (const it of rk.json.items) {
    assert.deepEqual([it.disclosure.procedures_in_force, it.disclosure.procedures_disclosed], sqlDisclosure(it.unit.id, '2024-03-10'));
  }
  const tr = await get(`/api/v1/kpi/trend?unit_id=${units[C1].id}&from=2024-01-01&to=2024-12-31&granularity=month`);
  for (const b of tr.json.items) {
    assert.deepEqual([b.disclosure.procedures_in_force, b.disclosure.procedures_disclosed], sqlDisclosure(units[C1].id, b.to), b.bucket);
    const s = await get(`/api/v1/kpi/summary?unit_id=${units[C1].id}&from=${b.from}&to=${b.to}`);
    assert.equal(b.score766_total, s.json.score766.total, b.bucket);
  }
});

test('bands: the rule set in force at the period end classifies the score; a version changes it from its date', async () => {
  const seed = await get(`/api/v1/kpi/rules?at=2023-06-30`);
  assert.equal(seed.status, 200);
  assert.ok(seed.json.bands.length >= 2);
  const [[rulesJson]] = sql(`SELECT rules_json FROM rule_sets WHERE name = 'kpi766' AND effective_from = '${seed.json.effective_from}'`);
  const base = JSON.parse(rulesJson);
  const changed = { ...base, bands: [{ min: 0, label: BAND_LABEL }] };
  const esc = (o) => JSON.stringify(o).replace(/'/g, "''");
  // a past version can only come from the database (the API refuses past days); the day after
  // restores the rules, so that no other period changes
  sql(
    `INSERT INTO rule_sets (name, effective_from, rules_json, note) VALUES ('kpi766', '${BAND_DAY}', '${esc(changed)}', 'Kiểm thử chỉ số: xếp loại'), ` +
      `('kpi766', '${AFTER_DAY}', '${esc(base)}', 'Kiểm thử chỉ số: khôi phục') ON DUPLICATE KEY UPDATE rules_json = VALUES(rules_json)`,
  );
  // written behind the API's back: tell the figure cache the rules changed, as the API does
  sql('UPDATE kpi_data_version SET version = version + 1 WHERE id = 1');
  const before = await get(`/api/v1/kpi/summary?unit_id=${units[D].id}&from=2023-06-01&to=2023-06-30`);
  const on = await get(`/api/v1/kpi/summary?unit_id=${units[D].id}&from=2023-06-01&to=${BAND_DAY}`);
  const next = await get(`/api/v1/kpi/summary?unit_id=${units[D].id}&from=2023-06-01&to=${AFTER_DAY}`);
  assert.equal(before.json.score766.rule_set_effective_from, seed.json.effective_from);
  assert.equal(before.json.score766.band, bandOf(seed.json.bands, before.json.score766.total, before.json.score766.max));
  assert.notEqual(before.json.score766.band, BAND_LABEL);
  assert.equal(on.json.score766.rule_set_effective_from, BAND_DAY);
  assert.equal(on.json.score766.band, BAND_LABEL);
  assert.equal(next.json.score766.band, bandOf(base.bands, next.json.score766.total, next.json.score766.max));
  const rk = await get(`/api/v1/kpi/ranking?parent_id=${units[D].id}&from=2023-06-01&to=${BAND_DAY}`);
  assert.ok(rk.json.items.length >= 2);
  for (const it of rk.json.items) assert.equal(it.score766.band, BAND_LABEL);
  const rules = await get(`/api/v1/kpi/rules?at=${BAND_DAY}`);
  assert.deepEqual(rules.json.bands, changed.bands);
  // a version with bands that do not decrease to 0 is refused, naming the band
  const bad = await req('POST', '/api/v1/rule-sets/kpi766', {
    token: admin,
    body: { effective_from: '2100-01-01', rules: { ...base, bands: [{ min: 50, label: 'Khá' }, { min: 60, label: 'Tốt' }, { min: 0, label: 'Yếu' }] }, note: 'Không hợp lệ' },
  });
  assertProblem(bad, 422, 'rules.bands[1].min');
});

test('reuse and electronic transfer: counts and rates against SQL for every unit', async () => {
  for (const code of [D, C1, C2]) {
    const s = await get(`/api/v1/kpi/summary?unit_id=${units[code].id}&from=2024-01-01&to=2024-06-30`);
    const [[n, reused, transfer]] = sql(
      `SELECT COUNT(*), COALESCE(SUM(reused_data), 0), COALESCE(SUM(internal_transfer), 0) FROM dossiers d WHERE ` +
        `DATE(d.received_at) BETWEEN '2024-01-01' AND '2024-06-30' AND d.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${units[code].id})`,
    );
    assert.deepEqual([s.json.received, s.json.received_reused_data, s.json.received_internal_transfer], [Number(n), Number(reused), Number(transfer)], code);
    assert.ok(Math.abs(s.json.reused_data_rate - Number(reused) / Number(n)) < 1e-12);
    assert.ok(Math.abs(s.json.internal_transfer_rate - Number(transfer) / Number(n)) < 1e-12);
  }
});

test('internal_transfer is validated in JSON, NDJSON and CSV', async () => {
  const base = { unit_code: C1, channel: 'online', received_at: '2024-02-01T08:00:00+07:00', status: 'processing' };
  const bad = await ingest(JSON.stringify([{ ...base, code: `IT1${RUN}`, internal_transfer: 'maybe' }]), 'application/json');
  assert.equal(bad.rejected_total, 1);
  assert.equal(bad.rejected[0].errors[0].field, 'internal_transfer');
  assert.match(bad.rejected[0].errors[0].message, /true hoặc false/);
  const nd = await ingest(`${JSON.stringify({ ...base, code: `IT2${RUN}`, internal_transfer: 'có' })}\n${JSON.stringify({ ...base, code: `IT3${RUN}`, internal_transfer: [1] })}\n`, 'application/x-ndjson');
  assert.deepEqual([nd.inserted, nd.rejected_total], [1, 1]);
  assert.equal(nd.rejected[0].errors[0].field, 'internal_transfer');
  const csv = `code,unit_code,channel,received_at,status,internal_transfer\r\nIT4${RUN},${C1},online,2024-02-01T08:00:00+07:00,processing,x\r\nIT5${RUN},${C1},online,2024-02-01T08:00:00+07:00,processing,2\r\n`;
  const c = await ingest(csv, 'text/csv');
  assert.deepEqual([c.inserted, c.rejected_total], [1, 1]);
  assert.equal(c.rejected[0].errors[0].field, 'internal_transfer');
  const stored = sql(`SELECT code, internal_transfer FROM dossiers WHERE code IN ('IT2${RUN}', 'IT4${RUN}') ORDER BY code`);
  assert.deepEqual(stored, [[`IT2${RUN}`, '1'], [`IT4${RUN}`, '1']]);
});

test('scope: a district sees its subtree only; outside units answer 404', async () => {
  const leader = await login('huyen1.lanhdao');
  const h01 = await unitByCode('H01');
  for (const path of ['procedures', 'fields']) {
    assertProblem(await get(`/api/v1/kpi/${path}?unit_id=${units[D].id}&from=2024-01-01&to=2024-12-31`, leader), 404);
    assertProblem(await get(`/api/v1/kpi/${path}?unit_id=${units[C1].id}&from=2024-01-01&to=2024-12-31`, await login('xa11.daumoi')), 404);
    const own = await get(`/api/v1/kpi/${path}?from=2024-01-01&to=2024-12-31&per_page=500`, leader);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.unit.id, h01.id);
    const key = path === 'procedures' ? "COALESCE(d.procedure_code, '')" : 'd.field_id';
    const want = sqlBreakdown(h01.id, key, '2024-01-01', '2024-12-31');
    assert.equal(own.json.total, want.size);
    assertItems(own.json.items, want, (it) => (path === 'procedures' ? it.procedure_code : it.field_id), `H01 ${path}`);
    assert.ok(own.json.items.every((i) => !String(i.procedure_code || '').startsWith(`1.8${N3}`)), 'none of the other district');
  }
});

test('validation: sort, dates, page', async () => {
  const base = `/api/v1/kpi/procedures?unit_id=${units[D].id}`;
  assertProblem(await get(`${base}&sort=bogus`), 422, 'sort');
  assertProblem(await get(`${base}&from=2024-02-01&to=2024-01-01`), 422, 'from');
  assertProblem(await get(`${base}&from=2024-02-30`), 422, 'from');
  assertProblem(await get(`${base}&per_page=501`), 422, 'per_page');
  assertProblem(await get(`/api/v1/kpi/fields?unit_id=99999999`), 404);
  assertProblem(await req('GET', `${base}`), 401);
});
