// The demo as after the 2025 reform (issue 20), as `make run` loads it (scripts/test-demo-reform.sh
// starts a stack of its own with `load-demo --after-2025-reform`): the province as it was in 2023
// (three levels) and as it is after the reform (departments merged from 1 March 2025, districts
// retired and communes merged from 1 July), the 2023 plan and its progress intact on the old tree,
// this year's plan on the new tree, the successors' figures over 2025 equal to the sum of their
// predecessors' (SQL straight over the dossiers), and both reorganisations recorded and audited.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login } from '../lib/api.mjs';
import { sql, sqlFigures, assertFigures, withRates, COUNT_FIELDS } from '../lib/kpi-ref.mjs';

const one = (q) => sql(q)[0]?.[0];
const U = {}; // code -> unit as the API answers it
let admin;

const DEPARTMENTS_MERGED = { STTTT: 'SKHCN', SKHDT: 'STC', SLDTBXH: 'SNV', STNMT: 'SNNMT', SNNPTNT: 'SNNMT', SGTVT: 'SXD' };
const NEW_COMMUNES = ['X2501', 'X2502', 'X2503', 'X2505', 'X2506', 'X2507', 'X2508', 'X2509', 'X2510', 'X2511', 'X2512', 'X2513', 'X2514', 'X2515', 'X2516', 'X2517', 'X2518'];

async function units(query) {
  const r = await req('GET', `/api/v1/units?per_page=1000&${query}`, { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}
const codes = (list) => list.map((u) => u.code).sort();

before(async () => {
  admin = await login('admin');
  for (const u of await units('')) U[u.code] = u;
});

test('the tree of 2023 (three levels) and the tree after the reform (two levels)', async () => {
  const then = await units('active_on=2023-06-01');
  const now = await units('active_on=2026-01-01');
  const at = (list, level) => list.filter((u) => u.level === level);
  assert.deepEqual(codes(at(then, 'district')), ['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07', 'H08', 'H09', 'H10']);
  assert.equal(at(then, 'commune').length, 39);
  assert.equal(at(then, 'department').length, 18);
  assert.deepEqual(at(now, 'district'), []);
  assert.deepEqual(at(now, 'office'), [], "the district's offices ended with it");
  assert.deepEqual(codes(at(now, 'commune')), [...NEW_COMMUNES, 'X0203', 'X0703', 'X1003'].sort());
  const deps = codes(at(now, 'department'));
  assert.equal(deps.length, 13);
  for (const [old, successor] of Object.entries(DEPARTMENTS_MERGED)) {
    assert.ok(!deps.includes(old), `${old} ended`);
    assert.ok(deps.includes(successor), `${successor} goes on`);
    assert.equal(U[old].successor_id, U[successor].id, `${old} → ${successor}`);
    assert.equal(U[old].valid_to.slice(0, 10), '2025-02-28');
  }
  assert.equal(U.SNNMT.name, 'Sở Nông nghiệp và Môi trường');
  assert.deepEqual(U.SNNMT.aliases.sort(), ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở Tài nguyên và Môi trường']);
  assert.deepEqual(U.SKHCN.aliases, ['Sở Thông tin và Truyền thông']);
  // communes: merged into new ones (or into a neighbour), under the province from 1 July
  assert.equal(U.X2501.name, 'UBND phường Nam Định');
  assert.equal(U.X2501.parent_id, U.NDH.id);
  assert.equal(U.X2501.valid_from.slice(0, 10), '2025-07-01');
  for (const c of ['X0101', 'X0102']) {
    assert.equal(U[c].successor_id, U.X2501.id);
    assert.equal(U[c].valid_to.slice(0, 10), '2025-06-30');
  }
  assert.equal(U.X0204.successor_id, U.X0203.id);
  assert.equal(U.X0203.parent_id, U.NDH.id, 'a commune left in place moves under the province');
  // districts: retired, their successor the province (decision 192)
  for (const h of ['H01', 'H02', 'H10']) assert.deepEqual([U[h].valid_to.slice(0, 10), U[h].successor_id], ['2025-06-30', U.NDH.id]);
});

test('the 2023 plan and its progress are intact on the 2023 tree', async () => {
  const r = await req('GET', '/api/v1/plans?year=2023&status=published', { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 1);
  const plan = r.json.items[0].id;
  const rows = sql(`SELECT a.id, u.code, u.level, a.status, a.progress FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id WHERE t.plan_id = ${plan}`);
  assert.ok(rows.length > 500, `${rows.length} assignments`);
  for (const [id, code] of rows) {
    assert.ok(!NEW_COMMUNES.includes(code) && code !== 'SNNMT', `assignment ${id} is on ${code}, a unit of 2023`);
  }
  const districts = new Set(rows.filter((x) => x[2] === 'district').map((x) => x[1]));
  assert.equal(districts.size, 10, 'the districts keep their 2023 work');
  const done = rows.filter((x) => x[3] === 'done').length;
  const open = rows.filter((x) => x[3] !== 'done' && x[3] !== 'not_started').length;
  assert.ok(done > 0 && open > 0, `done ${done}, under way ${open}`);
  // nothing of it moved: its unfinished items of ended units are listed as kept, never moved
  const moved = new Set();
  const kept = new Set();
  for (const [result] of sql('SELECT result_json FROM unit_reorganizations ORDER BY id')) {
    for (const m of JSON.parse(result).moved) {
      for (const id of m.assignments.ids) moved.add(String(id));
      for (const id of m.assignments.kept_ids) kept.add(String(id));
    }
  }
  const ids = new Set(rows.map((x) => x[0]));
  assert.deepEqual([...moved].filter((id) => ids.has(id)), []);
  assert.ok([...kept].some((id) => ids.has(id)), 'its open items of ended units were kept');
  // the progress of a district's item reads as it did (its last update's)
  const [[aid, progress]] = sql(`SELECT a.id, a.progress FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id WHERE t.plan_id = ${plan} AND u.code = 'H01' AND a.status = 'in_progress' ORDER BY a.id LIMIT 1`);
  const got = await req('GET', `/api/v1/assignments/${aid}`, { token: admin });
  assert.equal(got.status, 200, got.text);
  assert.deepEqual([got.json.unit_id, got.json.progress], [U.H01.id, Number(progress)]);
});

test("this year's plan is on the new tree; former names resolve to the successors", async () => {
  const year = Number(one('SELECT YEAR(CURDATE())'));
  const r = await req('GET', `/api/v1/plans?year=${year}&status=published&per_page=100`, { token: admin });
  assert.equal(r.status, 200, r.text);
  const kstt = r.json.items.filter((p) => p.title === `Kế hoạch kiểm soát thủ tục hành chính trên địa bàn tỉnh Nam Định năm ${year}`);
  assert.equal(kstt.length, 1, r.text);
  const plan = kstt[0].id;
  const rows = sql(`SELECT u.code, u.level, u.valid_to IS NULL FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id WHERE t.plan_id = ${plan}`);
  assert.ok(rows.length > 300, `${rows.length} assignments`);
  for (const [code, level, active] of rows) {
    assert.equal(active, '1', `${code} exists now`);
    assert.notEqual(level, 'district');
  }
  const used = new Set(rows.map((x) => x[0]));
  for (const c of NEW_COMMUNES) assert.ok(used.has(c), `${c} has work`);
  // the task Sở TT&TT led in 2023 is led by Sở KH&CN now (the seed still names the old one)
  const led = (y, code) =>
    sql(`SELECT t.title FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN assignments a ON a.task_id = t.id JOIN units u ON u.id = a.unit_id WHERE p.year = ${y} AND p.status = 'published' AND a.role = 'lead' AND u.code = '${code}' ORDER BY t.title`).map((x) => x[0]);
  const before = led(2023, 'STTTT');
  assert.ok(before.length > 0, 'Sở TT&TT led work in 2023');
  const now = led(year, 'SKHCN');
  // the seed moved to this year as the demo moves it: 2023 → this year, 2022 → the year before
  // and, with no district level left, its district-level wording as the commune's
  const moved = (t) =>
    t
      .replaceAll('2023', '\0').replaceAll('2022', String(year - 1)).replaceAll('\0', String(year))
      .replaceAll('UBND cấp huyện, UBND cấp xã', 'UBND cấp xã').replaceAll('UBND cấp huyện, cấp xã', 'UBND cấp xã')
      .replaceAll('UBND cấp huyện', 'UBND cấp xã').replaceAll('cấp huyện, cấp xã', 'cấp xã');
  for (const title of before) assert.ok(now.includes(moved(title)), `${title} → SKHCN`);

  // a commune officer of 2023 works at the ward that took over, and sees its work only
  const xa11 = await login('xa11.daumoi');
  const me = await req('GET', '/api/v1/auth/me', { token: xa11 });
  assert.equal(me.json.user.unit_id, U.X2501.id);
  const mine = await req('GET', `/api/v1/assignments?per_page=200&plan_id=${plan}`, { token: xa11 });
  assert.equal(mine.status, 200, mine.text);
  const items = mine.json.items || mine.json;
  assert.ok(items.length > 0);
  for (const a of items) assert.equal(a.unit_id, U.X2501.id, `assignment ${a.id}`);
});

test("the successors' figures over 2025 are the sum of their predecessors' and their own", async () => {
  const summary = async (unit, from, to) => {
    const r = await req('GET', `/api/v1/kpi/summary?unit_id=${unit}&from=${from}&to=${to}`, { token: admin });
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const sumOwn = (ids, from, to) => {
    const total = Object.fromEntries(COUNT_FIELDS.map((k) => [k, 0]));
    for (const id of ids) {
      const f = sqlFigures(id, from, to, { own: true });
      for (const k of COUNT_FIELDS) total[k] += f[k];
    }
    return withRates(total);
  };
  const cases = [
    ['X2501', ['X0101', 'X0102']],
    ['X2516', ['X0901', 'X0902', 'X0903']],
    ['X0203', ['X0204']],
    ['SNNMT', ['STNMT', 'SNNPTNT']],
    ['SKHCN', ['STTTT']],
  ];
  for (const [successor, preds] of cases) {
    const ids = [successor, ...preds].map((c) => U[c].id);
    assert.ok(sumOwn(preds.map((c) => U[c].id), '2025-01-01', '2025-12-31').received > 0, `${preds} had dossiers in 2025`);
    assertFigures(assert, await summary(U[successor].id, '2025-01-01', '2025-12-31'), sumOwn(ids, '2025-01-01', '2025-12-31'), `${successor} over 2025`);
  }
  // the old tree's figures for the old period are the old units' own subtree
  assertFigures(assert, await summary(U.H01.id, '2024-01-01', '2024-12-31'), withRates(sqlFigures(U.H01.id, '2024-01-01', '2024-12-31')), 'H01 over 2024');
  // nothing received by a unit after it ended
  assert.equal(one("SELECT COUNT(*) FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.valid_to IS NOT NULL AND DATE(d.received_at) > u.valid_to"), '0');
  assert.equal(one("SELECT COUNT(*) FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE DATE(d.received_at) < u.valid_from"), '0');
});

test('both reorganisations are recorded and audited, each unit too', async () => {
  const r = await req('GET', '/api/v1/audit?per_page=50&action=unit.reorganize', { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((a) => a.after.effective_from).sort(), ['2025-03-01', '2025-07-01']);
  const merges = Number(one("SELECT COUNT(*) FROM audit_log WHERE action = 'unit.merge'"));
  const retires = Number(one("SELECT COUNT(*) FROM audit_log WHERE action = 'unit.retire'"));
  assert.equal(merges, 6 + 36 - 0, '6 departments and 36 communes merged');
  assert.equal(retires, 10 + 12, 'the 10 districts and the 12 offices of huyện Mỹ Lộc');
});
