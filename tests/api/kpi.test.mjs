// Indicators (SPEC §5) read from the roll-ups, checked against independent computations: in JS
// from the generated rows, and in SQL straight from the raw dossiers table. Also ranking, trend,
// late list, public face, scope and validation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import {
  generate, figuresFromRows, sqlFigures, assertFigures, toNdjson, toCsv, addDays, COUNT_FIELDS,
  sqlDisclosure, bandOf,
} from '../lib/kpi-ref.mjs';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const units = {}; // code -> unit
let admin;
let rows; // the final version of every generated dossier, by code order
const PERIODS = [
  ['2024-03-01', '2024-03-31'], // a month
  ['2024-04-01', '2024-06-30'], // a quarter
  ['2024-01-15', '2024-08-20'], // custom, across month edges
  ['2024-06-30', '2024-06-30'], // a single day
  ['2024-01-01', '2024-12-31'], // the year
  ['2025-01-01', '2025-01-31'], // after: only carried-over ones
];

async function createUnit(code, name, level, parent_id) {
  const r = await req('POST', '/api/v1/units', { token: admin, body: { code, name, level, parent_id, valid_from: '2020-01-01' } });
  assert.equal(r.status, 201, r.text);
  units[code] = r.json;
  return r.json;
}

async function ingest(body, contentType) {
  const r = await req('POST', '/api/v1/dossiers/bulk', { token: admin, raw: body, headers: { 'content-type': contentType } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const D = `D${RUN}`;
const C1 = `C1${RUN}`;
const C2 = `C2${RUN}`;
const C3 = `C3${RUN}`;

before(async () => {
  admin = await login('admin');
  const province = await unitByCode('NDH');
  await createUnit(D, `UBND huyện Kiểm thử ${RUN}`, 'district', province.id);
  await createUnit(C1, `UBND xã An ${RUN}`, 'commune', units[D].id);
  await createUnit(C2, `UBND xã Bình ${RUN}`, 'commune', units[D].id);
  await createUnit(C3, `UBND xã Cát ${RUN}`, 'commune', units[D].id);
  rows = generate({ seed: 20240766, units: [D, C1, C2, C3], from: '2024-01-01', to: '2024-12-31', count: 2400, prefix: `K${RUN}` });
  // three formats, one after the other
  let res = await ingest(toNdjson(rows.slice(0, 1000)), 'application/x-ndjson');
  assert.deepEqual([res.inserted, res.updated, res.rejected.length], [1000, 0, 0], JSON.stringify(res.rejected.slice(0, 3)));
  res = await ingest(JSON.stringify(rows.slice(1000, 2000)), 'application/json');
  assert.deepEqual([res.inserted, res.updated, res.rejected.length], [1000, 0, 0], JSON.stringify(res.rejected.slice(0, 3)));
  res = await ingest(toCsv(rows.slice(2000), ';'), 'text/csv; charset=utf-8');
  assert.deepEqual([res.inserted, res.updated, res.rejected.length], [400, 0, 0], JSON.stringify(res.rejected.slice(0, 3)));
  // later versions: another unit, finished or reopened, another status, apology issued
  const changed = [];
  for (let i = 0; i < rows.length; i += 7) {
    const r = { ...rows[i] };
    if (i % 3 === 0) r.unit_code = r.unit_code === C1 ? C2 : C1;
    if (i % 2 === 0 && r.finished_at) {
      r.finished_at = null;
      r.returned_at = null;
      r.status = 'processing';
      r.rating = null;
    } else if (!r.finished_at) {
      r.finished_at = r.received_at;
      r.status = 'rejected';
    }
    r.apology_issued = !r.apology_issued;
    // the counts of the day received follow the later version too
    if (i % 5 === 0) r.internal_transfer = !r.internal_transfer;
    if (i % 4 === 0) r.reused_data = !r.reused_data;
    rows[i] = r;
    changed.push(r);
  }
  res = await ingest(toNdjson(changed), 'application/x-ndjson');
  assert.equal(res.inserted, 0);
  assert.equal(res.updated, changed.length);
  // C3 merges into C2: its dossiers stay its own and roll up to C2
  const m = await req('POST', `/api/v1/units/${units[C3].id}/merge`, { token: admin, body: { successor_id: units[C2].id, date: '2024-10-01' } });
  assert.equal(m.status, 200, m.text);
});

async function summary(unitId, from, to, token = admin) {
  const r = await req('GET', `/api/v1/kpi/summary?unit_id=${unitId}&from=${from}&to=${to}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('summary equals the JS computation from the rows, for every unit and period', async () => {
  const subtrees = {
    [D]: [D, C1, C2, C3],
    [C1]: [C1],
    [C2]: [C2, C3], // the successor carries the merged commune
    [C3]: [C3],
  };
  for (const [code, members] of Object.entries(subtrees)) {
    for (const [from, to] of PERIODS) {
      const got = await summary(units[code].id, from, to);
      assertFigures(assert, got, figuresFromRows(rows, members, from, to), `${code} ${from}..${to}`);
    }
  }
});

function todayLocal() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

test('summary equals SQL over the raw dossiers table (demo data included)', async () => {
  const codes = ['NDH', 'H01', 'X0101', 'STP', 'TTPVHCC'];
  const periods = [...PERIODS, ['2023-01-01', '2026-12-31'], ['2025-07-01', '2025-09-30']];
  for (const code of codes) {
    const u = await unitByCode(code);
    for (const [from, to] of periods) {
      const got = await summary(u.id, from, to);
      // Figures are as of today: a period running past today ends today (docs/indicators.md).
      const until = to > todayLocal() ? todayLocal() : to;
      assertFigures(assert, got, sqlFigures(u.id, from, until), `${code} ${from}..${to}`);
    }
  }
  for (const code of [D, C2]) {
    for (const [from, to] of PERIODS) {
      assertFigures(assert, await summary(units[code].id, from, to), sqlFigures(units[code].id, from, to), `${code} ${from}..${to}`);
    }
  }
});

test('the 766 score follows the rule set: groups, weights, thresholds, points', async () => {
  const s = await summary(units[D].id, '2024-01-01', '2024-12-31');
  const rules = await req('GET', '/api/v1/kpi/rules?at=2024-12-31', { token: admin });
  assert.equal(rules.status, 200);
  const groups = Object.fromEntries(s.score766.groups.map((g) => [g.key, g]));
  assert.deepEqual(Object.keys(groups), ['disclosure', 'progress', 'online', 'digitization', 'payment', 'satisfaction']);
  assert.equal(groups.progress.weight, 20);
  assert.equal(groups.online.threshold, 0.5);
  assert.equal(groups.digitization.threshold, 0.8);
  // disclosure from the catalogue, as at the period's last day
  const [inForce, disclosed] = sqlDisclosure(units[D].id, '2024-12-31');
  assert.deepEqual([s.disclosure.procedures_in_force, s.disclosure.procedures_disclosed], [inForce, disclosed]);
  assert.equal(groups.disclosure.assessed, inForce > 0);
  if (inForce > 0) assert.ok(Math.abs(s.disclosure.rate - disclosed / inForce) < 1e-12);
  const rateOf = { disclosure: 'disclosure_rate', progress: 'ontime_rate', online: 'online_rate', digitization: 'digitization_rate', payment: 'online_payment_rate', satisfaction: 'satisfaction_rate' };
  let total = 0;
  s.disclosure_rate = s.disclosure.rate;
  for (const [k, field] of Object.entries(rateOf)) {
    const g = groups[k];
    if (s[field] === null) continue;
    const want = Math.round(g.weight * Math.min(1, s[field] / g.threshold) * 100) / 100;
    assert.ok(Math.abs(g.points - want) < 1e-9, `${k}: ${g.points} != ${want}`);
    total += g.points;
  }
  assert.ok(Math.abs(s.score766.total - Math.round(total * 100) / 100) < 1e-9);
  assert.equal(s.score766.max, 100);
  assert.equal(s.score766.max_assessed, inForce > 0 ? 100 : 82);
  assert.equal(rules.json.groups.find((g) => g.key === 'payment').weight, 10);
  // the band of the score: the rule set's bands, over total / max in percent
  assert.ok(rules.json.bands.length > 0);
  assert.equal(s.score766.band, bandOf(rules.json.bands, s.score766.total, s.score766.max));
});

test('ranking: the units under a parent with the same figures, sorted by the metric, ties by name', async () => {
  const r = await req('GET', `/api/v1/kpi/ranking?parent_id=${units[D].id}&from=2024-01-01&to=2024-12-31&metric=online_rate`, { token: admin });
  assert.equal(r.status, 200, r.text);
  const codes = r.json.items.map((i) => i.unit.code).sort();
  assert.deepEqual(codes, [C1, C2, C3].sort()); // C3 was valid during the year
  for (const item of r.json.items) {
    const s = await summary(item.unit.id, '2024-01-01', '2024-12-31');
    for (const k of COUNT_FIELDS) assert.equal(item[k], s[k], `${item.unit.code} ${k}`);
  }
  const vals = r.json.items.map((i) => i.online_rate);
  for (let i = 1; i < vals.length; i++) assert.ok(vals[i - 1] >= vals[i], 'sorted descending');
  assert.deepEqual(r.json.items.map((i) => i.rank), [1, 2, 3]);
  // after the merger only C1 and C2 are valid
  const later = await req('GET', `/api/v1/kpi/ranking?parent_id=${units[D].id}&from=2025-01-01&to=2025-01-31`, { token: admin });
  assert.deepEqual(later.json.items.map((i) => i.unit.code).sort(), [C1, C2].sort());
  // ascending, and ties broken by name
  const asc = await req('GET', `/api/v1/kpi/ranking?parent_id=${units[D].id}&from=2030-01-01&to=2030-01-31&metric=received&order=asc`, { token: admin });
  assert.equal(asc.status, 200);
  const names = asc.json.items.map((i) => i.unit.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'vi')));
});

test('ranking of all communes of the province, and of a level under a district', async () => {
  const r = await req('GET', '/api/v1/kpi/ranking?level=commune&from=2024-01-01&to=2024-12-31&metric=score766', { token: admin });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 38);
  assert.ok(r.json.items.every((i) => i.unit.level === 'commune'));
  const scores = r.json.items.map((i) => i.score766.total);
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i]);
  const h01 = await unitByCode('H01');
  const d = await req('GET', `/api/v1/kpi/ranking?parent_id=${h01.id}&level=commune&from=2024-01-01&to=2024-12-31`, { token: admin });
  // Other suites add throwaway units to the shared test database: compare the demo communes.
  assert.deepEqual(d.json.items.map((i) => i.unit.code).filter((c) => /^X\d{4}$/.test(c)).sort(), ['X0101', 'X0102', 'X0103', 'X0104']);
});

test('trend: one row per bucket, each equal to the summary of that bucket', async () => {
  const id = units[D].id;
  const m = await req('GET', `/api/v1/kpi/trend?unit_id=${id}&from=2024-01-15&to=2024-12-31&granularity=month`, { token: admin });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.items.length, 12);
  assert.equal(m.json.items[0].bucket, '2024-01');
  assert.equal(m.json.items[0].from, '2024-01-15');
  for (const b of m.json.items) {
    const s = await summary(id, b.from, b.to);
    for (const k of COUNT_FIELDS) assert.equal(b[k], s[k], `${b.bucket} ${k}`);
    assert.equal(b.score766_total, s.score766.total);
  }
  const year = await summary(id, '2024-01-15', '2024-12-31');
  assert.equal(m.json.items.reduce((a, b) => a + b.received, 0), year.received);
  const q = await req('GET', `/api/v1/kpi/trend?unit_id=${id}&from=2024-01-01&to=2024-12-31&granularity=quarter`, { token: admin });
  assert.deepEqual(q.json.items.map((b) => b.bucket), ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
  const q2 = await summary(id, '2024-04-01', '2024-06-30');
  for (const k of COUNT_FIELDS) assert.equal(q.json.items[1][k], q2[k], `Q2 ${k}`);
  const d = await req('GET', `/api/v1/kpi/trend?unit_id=${id}&from=2024-02-25&to=2024-03-05&granularity=day`, { token: admin });
  assert.equal(d.json.items.length, 10);
  for (const b of d.json.items) {
    const want = figuresFromRows(rows, [D, C1, C2, C3], b.from, b.to);
    for (const k of COUNT_FIELDS) assert.equal(b[k], want[k], `${b.bucket} ${k}`);
  }
  const big = await req('GET', `/api/v1/kpi/trend?unit_id=${id}&from=2020-01-01&to=2024-12-31&granularity=day`, { token: admin });
  assertProblem(big, 422, 'to');
});

test('late list: the late resolved dossiers with apology status, filtered and paged', async () => {
  const id = units[D].id;
  const s = await summary(id, '2024-01-01', '2024-06-30');
  const r = await req('GET', `/api/v1/kpi/late?unit_id=${id}&from=2024-01-01&to=2024-06-30&per_page=1000`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, s.resolved_late);
  assert.equal(r.json.items.length, s.resolved_late);
  const byCode = new Map(rows.map((x) => [x.code, x]));
  for (const it of r.json.items) {
    const src = byCode.get(it.code);
    assert.ok(src, it.code);
    assert.equal(it.apology_issued, src.apology_issued);
    assert.ok(it.days_late > 0 || src.supplement_count > 1);
    assert.ok(it.finished_date >= '2024-01-01' && it.finished_date <= '2024-06-30');
  }
  const issued = await req('GET', `/api/v1/kpi/late?unit_id=${id}&from=2024-01-01&to=2024-06-30&apology=issued&per_page=1`, { token: admin });
  assert.equal(issued.json.total, s.resolved_late_apology);
  assert.equal(issued.json.items.length, 1);
  const missing = await req('GET', `/api/v1/kpi/late?unit_id=${id}&from=2024-01-01&to=2024-06-30&apology=missing`, { token: admin });
  assert.equal(missing.json.total, s.resolved_late - s.resolved_late_apology);
});

test('public face: the same figures without an account, and no dossier codes', async () => {
  const id = units[D].id;
  const pub = await req('GET', `/api/v1/public/kpi/summary?unit_id=${id}&from=2024-01-01&to=2024-12-31`);
  assert.equal(pub.status, 200, pub.text);
  const s = await summary(id, '2024-01-01', '2024-12-31');
  for (const k of COUNT_FIELDS) assert.equal(pub.json[k], s[k]);
  const rank = await req('GET', '/api/v1/public/kpi/ranking?level=district&from=2024-01-01&to=2024-12-31');
  assert.equal(rank.status, 200);
  assert.ok(rank.json.items.some((i) => i.unit.code === D));
  const late = await req('GET', '/api/v1/public/kpi/late?from=2024-03-01&to=2024-03-31');
  assert.equal(late.status, 200);
  assert.ok(late.json.items.length > 0);
  assert.ok(!/"code":"K/.test(late.text), 'no dossier codes');
  for (const it of late.json.items) assert.ok(it.resolved_late > 0 || it.in_progress_overdue > 0);
  const mine = late.json.items.filter((i) => [D, C1, C2, C3].includes(i.unit.code));
  const own = (code) => figuresFromRows(rows, [code], '2024-03-01', '2024-03-31');
  for (const it of mine) assert.equal(it.resolved_late, own(it.unit.code).resolved_late);
  const trend = await req('GET', `/api/v1/public/kpi/trend?unit_id=${id}&from=2024-01-01&to=2024-03-31`);
  assert.equal(trend.status, 200);
  assert.equal(trend.json.items.length, 3);
  assertProblem(await req('GET', '/api/v1/public/kpi/summary?unit_id=99999999'), 404);
});

test('scope: a commune sees its own figures; others answer 404', async () => {
  const x0101 = await unitByCode('X0101');
  const h01 = await unitByCode('H01');
  const h02 = await unitByCode('H02');
  const commune = await login('xa11.daumoi');
  const own = await req('GET', `/api/v1/kpi/summary?from=2024-01-01&to=2024-01-31`, { token: commune });
  assert.equal(own.status, 200);
  assert.equal(own.json.unit.code, 'X0101');
  assertProblem(await req('GET', `/api/v1/kpi/summary?unit_id=${h01.id}`, { token: commune }), 404);
  assertProblem(await req('GET', `/api/v1/kpi/trend?unit_id=${h01.id}`, { token: commune }), 404);
  assertProblem(await req('GET', `/api/v1/kpi/late?unit_id=${h01.id}`, { token: commune }), 404);
  assertProblem(await req('GET', `/api/v1/kpi/ranking?parent_id=${h01.id}`, { token: commune }), 404);
  const district = await login('huyen1.lanhdao');
  assert.equal((await req('GET', `/api/v1/kpi/summary?unit_id=${x0101.id}`, { token: district })).status, 200);
  assertProblem(await req('GET', `/api/v1/kpi/summary?unit_id=${h02.id}`, { token: district }), 404);
  // a level ranking stays inside the principal's subtree
  const rk = await req('GET', '/api/v1/kpi/ranking?level=commune&from=2024-01-01&to=2024-12-31', { token: district });
  const codes = rk.json.items.map((i) => i.unit.code);
  assert.ok(codes.every((c) => !/^X02/.test(c)), 'no commune of another district');
  assert.deepEqual(codes.filter((c) => /^X\d{4}$/.test(c)).sort(), ['X0101', 'X0102', 'X0103', 'X0104']);
  const viewerless = await req('GET', '/api/v1/kpi/summary');
  assertProblem(viewerless, 401);
});

test('validation: dates, order, granularity, metric', async () => {
  assertProblem(await req('GET', '/api/v1/kpi/summary?from=2024-02-01&to=2024-01-01', { token: admin }), 422, 'from');
  assertProblem(await req('GET', '/api/v1/kpi/summary?from=2024-02-30', { token: admin }), 422, 'from');
  assertProblem(await req('GET', '/api/v1/kpi/summary?from=2000-01-01&to=2024-01-01', { token: admin }), 422, 'to');
  assertProblem(await req('GET', '/api/v1/kpi/trend?granularity=week', { token: admin }), 422, 'granularity');
  assertProblem(await req('GET', '/api/v1/kpi/ranking?metric=luck', { token: admin }), 422, 'metric');
  assertProblem(await req('GET', '/api/v1/kpi/ranking?level=planet', { token: admin }), 422, 'level');
  assertProblem(await req('GET', '/api/v1/kpi/late?apology=maybe', { token: admin }), 422, 'apology');
  assertProblem(await req('GET', '/api/v1/kpi/summary?unit_id=abc', { token: admin }), 422, 'unit_id');
  // defaults: the current month up to today
  const d = await req('GET', '/api/v1/kpi/summary', { token: admin });
  assert.equal(d.status, 200);
  assert.equal(d.json.period.from.slice(8), '01');
  assert.equal(d.json.unit.code, 'NDH');
  assert.equal(addDays(d.json.period.from, 0), d.json.period.from);
});
