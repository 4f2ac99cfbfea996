// Procedure catalogue (issue 6): the citizens' search and procedure page, counts, the intranet
// catalogue (list, get, create, update, status, history, delete), fields, and the import from CSV
// and .xlsx — every route, every role inside and outside its scope, validation and import errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();
// Codes of this run (1.7RRRNN), so the file can run again on the same database.
const RUN = String(100 + Math.floor(Math.random() * 900));
const code = (n) => `1.7${RUN}${String(n).padStart(2, '0')}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Public endpoints are rate-limited by nginx per address; the test files run side by side, so a
// 429 is waited out rather than failed.
async function pub(path) {
  for (let i = 0; ; i++) {
    const r = await req('GET', path);
    if (r.status !== 429 || i >= 20) return r;
    await sleep(1000);
  }
}
const auth = async (user) => ({ token: await login(user) });

let admin, vp, leader, deptOfficer, districtLeader, communeOfficer, deptSpecialist, viewer;
let fieldHoTich, fieldDatDai, stp;

before(async () => {
  admin = await auth('admin');
  vp = await auth('vp.kstt');
  leader = await auth('lanhdao.tinh');
  deptOfficer = await auth('stp.daumoi');
  districtLeader = await auth('huyen1.lanhdao');
  communeOfficer = await auth('xa11.daumoi');
  stp = await unitByCode('STP');
  const ndh = await unitByCode('NDH');
  // A specialist of a department (not province-wide) and a province viewer: read, never write.
  for (const [username, role, unit] of [[`stp.cv${RUN}`, 'specialist', stp.id], [`tinh.xem${RUN}`, 'viewer', ndh.id]]) {
    const r = await req('POST', '/api/v1/users', { ...admin, body: { username, full_name: 'Người thử nghiệm', unit_id: unit, role, password: 'Thu.Nghiem#2024' } });
    assert.equal(r.status, 201, r.text);
  }
  deptSpecialist = { token: await login(`stp.cv${RUN}`, 'Thu.Nghiem#2024') };
  viewer = { token: await login(`tinh.xem${RUN}`, 'Thu.Nghiem#2024') };
  const f = await req('GET', '/api/v1/procedure-fields', admin);
  assert.equal(f.status, 200);
  fieldHoTich = f.json.items.find((x) => x.name === 'Hộ tịch');
  fieldDatDai = f.json.items.find((x) => x.name === 'Đất đai');
  assert.ok(fieldHoTich && fieldDatDai);
});

const newProc = (n, extra = {}) => ({
  code: code(n),
  name: `Thủ tục thử nghiệm số ${n} về cấp giấy xác nhận lưu trú đặc biệt`,
  field_id: fieldHoTich.id,
  levels: ['commune'],
  ...extra,
});

// ---- public search ---------------------------------------------------------------------------

test('a citizen searching without accents finds "chứng thực bản sao" first, by name', async () => {
  const r = await pub('/api/v1/public/procedures?q=chung%20thuc%20ban%20sao');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.total >= 3);
  assert.equal(r.json.items[0].code, '2.000815');
  assert.equal(r.json.items[0].match, 'name');
  assert.match(r.json.items[0].name, /chứng thực bản sao/);
  for (const k of ['code', 'name', 'field_name', 'levels', 'online_level', 'agency', 'status']) assert.ok(k in r.json.items[0], k);
  // name matches come before body matches
  const kinds = r.json.items.map((i) => i.match);
  assert.deepEqual(kinds, [...kinds].sort((a, b) => (a === 'name' ? 0 : 1) - (b === 'name' ? 0 : 1)));
});

test('search folds accents, đ, case, NFC/NFD and word order; words match as prefixes', async () => {
  const base = await pub(`/api/v1/public/procedures?q=${encodeURIComponent('đất đai')}&per_page=100`);
  assert.ok(base.json.total > 5);
  const variants = ['dat dai', 'ĐẤT ĐAI', 'Dat Dai', 'đất đai'.normalize('NFD'), 'dai dat', 'da da'];
  for (const q of variants) {
    const r = await pub(`/api/v1/public/procedures?q=${encodeURIComponent(q)}&per_page=100`);
    assert.equal(r.status, 200);
    if (q === 'da da') assert.ok(r.json.total >= base.json.total, q);
    else assert.deepEqual(r.json.items.map((i) => i.code).sort(), base.json.items.map((i) => i.code).sort(), q);
  }
  const k = await pub('/api/v1/public/procedures?q=khai%20sinh');
  assert.ok(k.json.items.some((i) => i.code === '1.001193'));
  const p = await pub('/api/v1/public/procedures?q=chung%20thu%20ban%20sa');
  assert.equal(p.json.items[0].code, '2.000815');
  const none = await pub('/api/v1/public/procedures?q=xyzzyqq');
  assert.deepEqual([none.json.total, none.json.items], [0, []]);
});

test('search by national code, whole or prefix', async () => {
  const r = await pub('/api/v1/public/procedures?q=1.001193');
  assert.equal(r.json.total, 1);
  assert.equal(r.json.items[0].code, '1.001193');
  assert.equal(r.json.items[0].match, 'code');
  const pre = await pub('/api/v1/public/procedures?q=2.0008&per_page=100');
  assert.ok(pre.json.total >= 3);
  assert.ok(pre.json.items.every((i) => i.code.startsWith('2.0008')));
  const digits = await pub('/api/v1/public/procedures?q=000815');
  assert.equal(digits.json.items[0].code, '2.000815');
});

test('filters by field, level and online level, with paging', async () => {
  const f = await pub(`/api/v1/public/procedures?field=${fieldHoTich.id}&per_page=100`);
  assert.ok(f.json.total >= 20);
  assert.ok(f.json.items.every((i) => i.field_id === fieldHoTich.id));
  const lv = await pub('/api/v1/public/procedures?level=commune&online=full&per_page=100');
  assert.ok(lv.json.total > 0);
  assert.ok(lv.json.items.every((i) => i.levels.includes('commune') && i.online_level === 'full'));
  const p1 = await pub('/api/v1/public/procedures?per_page=5&page=1');
  const p2 = await pub('/api/v1/public/procedures?per_page=5&page=2');
  assert.equal(p1.json.items.length, 5);
  assert.equal(p1.json.page, 1);
  assert.equal(p2.json.per_page, 5);
  assert.equal(p1.json.total, p2.json.total);
  assert.equal(new Set([...p1.json.items, ...p2.json.items].map((i) => i.code)).size, 10);
  // citizens never see abolished procedures in the search
  const all = await pub('/api/v1/public/procedures?q=giay%20chung%20nhan%20lan%20dau&per_page=100');
  assert.ok(all.json.items.every((i) => i.status !== 'abolished'));
  assert.ok(!all.json.items.some((i) => i.code === '1.004227'));
});

test('public search validates its query', async () => {
  for (const qs of ['level=ward', 'online=yes', 'per_page=1000', 'page=0', 'field=abc', `q=${'x'.repeat(201)}`]) {
    const r = await pub(`/api/v1/public/procedures?${qs}`);
    assertProblem(r, 422, qs.split('=')[0]);
  }
});

test('a procedure page has its components, badges data and no internal fields', async () => {
  const r = await pub('/api/v1/public/procedures/1.001193');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, '1.001193');
  for (const k of ['steps', 'way', 'dossier', 'time_limit_text', 'subjects', 'agency', 'fee_text', 'legal_basis', 'missing_components', 'online_level', 'postal']) assert.ok(k in r.json, k);
  assert.match(r.json.dossier, /Giấy chứng sinh/);
  assert.equal(r.json.online_level, 'full');
  assert.ok(!('internal_process_decision_no' in r.json));
  const old = await pub('/api/v1/public/procedures/1.004227');
  assert.equal(old.json.status, 'abolished');
  assert.equal(old.json.replaced_by, '1.012753');
  for (const bad of ['9.999999', '1.0011', 'abc', '1.001193.000.00.00.H42']) assertProblem(await pub(`/api/v1/public/procedures/${bad}`), 404);
});

test('counts by field, level and online level agree with the search', async () => {
  const s = await pub('/api/v1/public/procedures/stats');
  assert.equal(s.status, 200);
  const all = await pub('/api/v1/public/procedures?per_page=1');
  assert.equal(s.json.total, all.json.total);
  assert.equal(s.json.fields.reduce((a, f) => a + f.count, 0), s.json.total);
  assert.equal(s.json.online.full + s.json.online.partial + s.json.online.none, s.json.total);
  const ht = s.json.fields.find((f) => f.id === fieldHoTich.id);
  const byField = await pub(`/api/v1/public/procedures?field=${fieldHoTich.id}&per_page=1`);
  assert.equal(ht.count, byField.json.total);
  assert.equal(ht.name, 'Hộ tịch');
  const commune = await pub('/api/v1/public/procedures?level=commune&per_page=1');
  assert.equal(s.json.levels.commune, commune.json.total);
  const q = await pub('/api/v1/public/procedures/stats?q=chung%20thuc');
  const qs = await pub('/api/v1/public/procedures?q=chung%20thuc&per_page=1');
  assert.equal(q.json.total, qs.json.total);
});

// ---- intranet catalogue: reading --------------------------------------------------------------

test('every signed-in role reads the catalogue; anonymous callers get 401', async () => {
  assertProblem(await req('GET', '/api/v1/procedures'), 401);
  assertProblem(await req('GET', '/api/v1/procedure-fields'), 401);
  for (const who of [admin, vp, leader, deptOfficer, districtLeader, communeOfficer, deptSpecialist, viewer]) {
    const r = await req('GET', '/api/v1/procedures?q=khai%20sinh&per_page=5', who);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.total >= 1);
    const f = await req('GET', '/api/v1/procedure-fields', who);
    assert.equal(f.status, 200);
  }
});

test('intranet list filters by status, completeness, approval, agency; sorts by code', async () => {
  const ab = await req('GET', '/api/v1/procedures?status=abolished&per_page=100', admin);
  assert.ok(ab.json.total >= 2);
  assert.ok(ab.json.items.every((i) => i.status === 'abolished'));
  const inc = await req('GET', '/api/v1/procedures?complete=false&per_page=500', admin);
  assert.ok(inc.json.total > 0);
  assert.ok(inc.json.items.every((i) => i.complete === false));
  const ok = await req('GET', '/api/v1/procedures?complete=true&approved=true&per_page=5', admin);
  assert.ok(ok.json.items.every((i) => i.complete && i.internal_process_approved));
  const byAgency = await req('GET', `/api/v1/procedures?agency_unit_id=${stp.id}&per_page=100`, admin);
  assert.ok(byAgency.json.total > 3);
  assert.ok(byAgency.json.items.every((i) => i.agency_unit_id === stp.id));
  const sorted = await req('GET', '/api/v1/procedures?sort=code&per_page=20', admin);
  const cs = sorted.json.items.map((i) => i.code);
  assert.deepEqual(cs, [...cs].sort());
  assertProblem(await req('GET', '/api/v1/procedures?status=gone', admin), 422, 'status');
  assertProblem(await req('GET', '/api/v1/procedures?complete=maybe', admin), 422, 'complete');
});

test('one procedure by id, with what it lacks; unknown ids are 404', async () => {
  const l = await req('GET', '/api/v1/procedures?q=1.001193', leader);
  const r = await req('GET', `/api/v1/procedures/${l.json.items[0].id}`, leader);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, '1.001193');
  assert.ok(Array.isArray(r.json.missing_components));
  assert.ok('internal_process_approved' in r.json);
  assertProblem(await req('GET', '/api/v1/procedures/99999999', leader), 404);
  assertProblem(await req('GET', '/api/v1/procedures/abc', leader), 404);
});

// ---- intranet catalogue: writing --------------------------------------------------------------

test('province admins and specialists create; other roles and department staff get 403', async () => {
  const r = await req('POST', '/api/v1/procedures', { ...admin, body: newProc(1, { time_limit_value: 5, time_limit_unit: 'working_days', fee_amount: 0, fee_text: 'Không' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, code(1));
  assert.equal(r.json.complete, false);
  assert.ok(r.json.missing_components.includes('steps'));
  const v = await req('POST', '/api/v1/procedures', { ...vp, body: newProc(2) });
  assert.equal(v.status, 201, v.text);
  for (const who of [leader, deptOfficer, districtLeader, communeOfficer, deptSpecialist, viewer]) {
    assertProblem(await req('POST', '/api/v1/procedures', { ...who, body: newProc(3) }), 403);
  }
  assertProblem(await req('POST', '/api/v1/procedures', { body: newProc(3) }), 401);
  // visible to the public search at once
  const s = await pub(`/api/v1/public/procedures?q=${code(1)}`);
  assert.equal(s.json.items[0]?.code, code(1));
});

test('create validates every field and reports them together', async () => {
  const bad = await req('POST', '/api/v1/procedures', {
    ...admin,
    body: { code: '1.99', name: 'x', field_id: 99999999, levels: ['ward'], time_limit_value: 5, online_level: 'maybe', internal_process_approved: true, extra: 1 },
  });
  assertProblem(bad, 422);
  const fields = bad.json.errors.map((e) => e.field).sort();
  for (const f of ['code', 'name', 'field_id', 'levels', 'time_limit_unit', 'online_level', 'internal_process_decision_no', 'extra']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, body: {} }), 422, 'code');
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, body: newProc(4, { levels: [] }) }), 422, 'levels');
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, body: newProc(4, { agency_unit_id: 99999999 }) }), 422, 'agency_unit_id');
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, body: newProc(4, { decision_date: '2023-02-30' }) }), 422, 'decision_date');
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, body: newProc(1) }), 422, 'code'); // exists
  assertProblem(await req('POST', '/api/v1/procedures', { ...admin, raw: '{"code":', headers: { 'content-type': 'application/json' } }), 400);
});

test('a complete procedure is flagged complete; update keeps history and refreshes the search', async () => {
  const body = newProc(5, {
    steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.', way: 'Trực tiếp; trực tuyến', dossier: 'Tờ khai theo mẫu',
    time_limit_text: '03 ngày làm việc', subjects: 'Công dân Việt Nam', agency: 'UBND cấp xã',
  });
  const c = await req('POST', '/api/v1/procedures', { ...admin, body });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.complete, true);
  assert.deepEqual(c.json.missing_components, []);
  const id = c.json.id;
  const u = await req('PUT', `/api/v1/procedures/${id}`, { ...vp, body: { name: `Thủ tục thử nghiệm cấp phép nuôi chim yến đặc biệt đợt ${RUN}`, way: null } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.complete, false);
  assert.deepEqual(u.json.missing_components, ['way']);
  const s = await pub(`/api/v1/public/procedures?q=nuoi%20chim%20yen%20dot%20${RUN}`);
  assert.equal(s.json.items[0]?.code, code(5));
  // nothing to change: no new history row
  const same = await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { name: `Thủ tục thử nghiệm cấp phép nuôi chim yến đặc biệt đợt ${RUN}` } });
  assert.equal(same.status, 200);
  const h = await req('GET', `/api/v1/procedures/${id}/history`, leader);
  assert.equal(h.status, 200);
  assert.deepEqual(h.json.items.map((x) => x.action), ['update', 'create']);
  assert.deepEqual(h.json.items[0].changed.sort(), ['name', 'way']);
  assert.equal(h.json.items[0].actor_username, 'vp.kstt');
  assert.match(h.json.items[0].before.name, /lưu trú/);
  assert.match(h.json.items[0].after.name, /chim yến/);
  // and the audit log has both writes
  const a = await req('GET', `/api/v1/audit?entity=procedure&entity_id=${id}`, admin);
  assert.deepEqual(a.json.items.map((x) => x.action).sort(), ['procedure.create', 'procedure.update']);
});

test('update: a time limit needs its unit (checked on the merged state), roles and 404', async () => {
  const c = await req('POST', '/api/v1/procedures', { ...admin, body: newProc(6, { time_limit_value: 3, time_limit_unit: 'days' }) });
  const id = c.json.id;
  const ok = await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { time_limit_value: 7 } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.time_limit_value, 7);
  assertProblem(await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { time_limit_unit: null } }), 422, 'time_limit_unit');
  assertProblem(await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { code: 'bad' } }), 422, 'code');
  assertProblem(await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { code: '1.001193' } }), 422, 'code');
  assertProblem(await req('PUT', `/api/v1/procedures/${id}`, { ...admin, body: { status: 'abolished' } }), 422, 'status');
  for (const who of [leader, deptOfficer, deptSpecialist, viewer]) assertProblem(await req('PUT', `/api/v1/procedures/${id}`, { ...who, body: { name: 'Tên mới của thủ tục' } }), 403);
  assertProblem(await req('PUT', '/api/v1/procedures/99999999', { ...admin, body: { name: 'Tên mới của thủ tục' } }), 404);
});

test('status: abolish with the replacing code; the search drops it; rules and 409', async () => {
  const c = await req('POST', '/api/v1/procedures', { ...admin, body: newProc(7) });
  const id = c.json.id;
  assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'in_force' } }), 409);
  assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'amended', replaced_by: '1.001193' } }), 422, 'replaced_by');
  assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'abolished', replaced_by: '9.999999' } }), 422, 'replaced_by');
  assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'abolished', replaced_by: code(7) } }), 422, 'replaced_by');
  assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'closed' } }), 422, 'status');
  for (const who of [leader, deptOfficer, deptSpecialist]) assertProblem(await req('POST', `/api/v1/procedures/${id}/status`, { ...who, body: { status: 'abolished' } }), 403);
  const a = await req('POST', `/api/v1/procedures/${id}/status`, { ...vp, body: { status: 'abolished', replaced_by: code(1), decision_no: '999/QĐ-UBND', date: '2024-08-01', note: 'Thay thế theo quyết định công bố mới' } });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.status, 'abolished');
  assert.equal(a.json.replaced_by, code(1));
  const s = await pub(`/api/v1/public/procedures?q=${code(7)}`);
  assert.equal(s.json.total, 0);
  const page = await pub(`/api/v1/public/procedures/${code(7)}`);
  assert.equal(page.json.replaced_by, code(1));
  const h = await req('GET', `/api/v1/procedures/${id}/history`, admin);
  assert.equal(h.json.items[0].action, 'status');
  assert.equal(h.json.items[0].note, 'Thay thế theo quyết định công bố mới');
  const back = await req('POST', `/api/v1/procedures/${id}/status`, { ...admin, body: { status: 'in_force' } });
  assert.equal(back.json.replaced_by, null);
  assertProblem(await req('POST', '/api/v1/procedures/99999999/status', { ...admin, body: { status: 'amended' } }), 404);
});

test('delete: 204, then gone; history kept in the audit log; roles', async () => {
  const c = await req('POST', '/api/v1/procedures', { ...admin, body: newProc(8) });
  const id = c.json.id;
  for (const who of [leader, communeOfficer, deptSpecialist]) assertProblem(await req('DELETE', `/api/v1/procedures/${id}`, who), 403);
  const d = await req('DELETE', `/api/v1/procedures/${id}`, admin);
  assert.equal(d.status, 204);
  assertProblem(await req('GET', `/api/v1/procedures/${id}`, admin), 404);
  assertProblem(await req('DELETE', `/api/v1/procedures/${id}`, admin), 404);
  assertProblem(await req('GET', `/api/v1/procedures/${id}/history`, admin), 404);
  const a = await req('GET', `/api/v1/audit?entity=procedure&entity_id=${id}&action=procedure.delete`, admin);
  assert.equal(a.json.items.length, 1);
  assert.equal(a.json.items[0].before.code, code(8));
  assertProblem(await pub(`/api/v1/public/procedures/${code(8)}`), 404);
});

// ---- fields ------------------------------------------------------------------------------------

test('fields: create, rename, refuse duplicates, delete only when unused', async () => {
  const name = `Lĩnh vực thử nghiệm ${RUN}`;
  const c = await req('POST', '/api/v1/procedure-fields', { ...vp, body: { name, sort_order: 99 } });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.procedures, 0);
  assertProblem(await req('POST', '/api/v1/procedure-fields', { ...admin, body: { name: name.toUpperCase() } }), 422, 'name');
  assertProblem(await req('POST', '/api/v1/procedure-fields', { ...admin, body: { name: '!!' } }), 422, 'name');
  assertProblem(await req('POST', '/api/v1/procedure-fields', { ...admin, body: {} }), 422, 'name');
  for (const who of [leader, deptOfficer, deptSpecialist, viewer]) assertProblem(await req('POST', '/api/v1/procedure-fields', { ...who, body: { name: `${name} 2` } }), 403);
  const u = await req('PUT', `/api/v1/procedure-fields/${c.json.id}`, { ...admin, body: { name: `${name} (đổi tên)` } });
  assert.equal(u.status, 200);
  assert.equal(u.json.name, `${name} (đổi tên)`);
  assertProblem(await req('PUT', '/api/v1/procedure-fields/99999999', { ...admin, body: { name: 'Không có' } }), 404);
  const p = await req('POST', '/api/v1/procedures', { ...admin, body: newProc(9, { field_id: c.json.id }) });
  assert.equal(p.status, 201);
  assertProblem(await req('DELETE', `/api/v1/procedure-fields/${c.json.id}`, admin), 409);
  assertProblem(await req('DELETE', `/api/v1/procedure-fields/${c.json.id}`, leader), 403);
  await req('DELETE', `/api/v1/procedures/${p.json.id}`, admin);
  const d = await req('DELETE', `/api/v1/procedure-fields/${c.json.id}`, admin);
  assert.equal(d.status, 204);
  assertProblem(await req('DELETE', `/api/v1/procedure-fields/${c.json.id}`, admin), 404);
  const list = await req('GET', '/api/v1/procedure-fields', leader);
  assert.ok(list.json.items.find((f) => f.name === 'Đất đai').procedures >= 20);
});

// ---- import ------------------------------------------------------------------------------------

const csvRow = (cells) => cells.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
function importCsv(rows, header = ['STT', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Cơ quan thực hiện', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Mức độ DVC']) {
  return ['DANH MỤC THỦ TỤC HÀNH CHÍNH', '', csvRow(header), ...rows.map(csvRow)].join('\r\n');
}
const post = (who, body, qs = '') => req('POST', `/api/v1/procedures/import${qs}`, { ...who, raw: body, headers: { 'content-type': 'text/csv' } });

test('import CSV: dry run, then write; per-row errors do not stop the rest; idempotent by code', async () => {
  const rows = [
    ['1', code(20), 'Thủ tục nhập từ tệp CSV cấp phép trồng lan rừng', 'Đất đai', 'Cấp Tỉnh, Cấp Huyện', 'Sở Tư pháp', '05 (năm) ngày làm việc', '50.000 đồng/hồ sơ', 'Toàn trình'],
    ['2', code(21), 'Thủ tục nhập từ tệp CSV xác nhận vườn lan', 'Lĩnh vực mới từ CSV ' + RUN, 'UBND cấp xã', 'UBND cấp xã', 'Theo kế hoạch', 'Không', 'Mức độ 3'],
    ['3', '1.99', 'Mã sai', 'Hộ tịch', 'Cấp Xã', '', '', '', ''],
    ['4', code(22), 'Thủ tục cấp bộ', 'Hộ tịch', 'Cấp Bộ', '', '', '', ''],
    ['5', code(23), 'Thủ tục mức độ lạ', 'Hộ tịch', 'Cấp Xã', '', '', '', 'Mức độ 9'],
    ['6', code(20), 'Trùng mã', 'Hộ tịch', 'Cấp Xã', '', '', '', ''],
    ['7', code(24), '', 'Hộ tịch', 'Cấp Xã', '', '', '', ''],
    ['8', '', 'Thiếu mã', 'Hộ tịch', 'Cấp Xã', '', '', '', ''],
  ];
  const text = importCsv(rows);
  const dry = await post(admin, text, '?dry_run=1');
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.dry_run, true);
  assert.deepEqual([dry.json.total, dry.json.created, dry.json.failed], [8, 2, 6]);
  assert.deepEqual(dry.json.fields_created, ['Lĩnh vực mới từ CSV ' + RUN]);
  assert.equal((await req('GET', `/api/v1/procedures?q=${code(20)}`, admin)).json.total, 0); // nothing written
  const r = await post(vp, text);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.total, r.json.created, r.json.updated, r.json.unchanged, r.json.failed], [8, 2, 0, 0, 6]);
  const byRow = Object.fromEntries(r.json.rows.map((x) => [x.row, x]));
  // row numbers as the spreadsheet shows them: title 1, blank 2, header 3, data from 4
  assert.equal(byRow[4].status, 'created');
  assert.equal(byRow[5].status, 'created');
  assert.ok(byRow[5].warnings[0].includes('thời hạn'));
  assert.equal(byRow[6].errors[0].field, 'code');
  assert.match(byRow[7].errors[0].message, /trung ương/);
  assert.equal(byRow[8].errors[0].field, 'online_level');
  assert.match(byRow[9].errors[0].message, /trùng với dòng 4/);
  assert.equal(byRow[10].errors[0].field, 'name');
  assert.equal(byRow[10].errors[0].column, 'Tên thủ tục');
  assert.match(byRow[11].errors[0].message, /Thiếu mã/);
  const p = await req('GET', `/api/v1/procedures?q=${code(20)}`, admin);
  const it = p.json.items[0];
  assert.deepEqual(it.levels, ['province', 'district']);
  assert.equal(it.agency_unit_id, stp.id);
  assert.equal(it.online_level, 'full');
  assert.equal(it.fee_amount, 50000);
  assert.equal(it.time_limit_value, 5);
  assert.equal(it.time_limit_unit, 'working_days');
  // the same file again: nothing to change
  const again = await post(admin, text);
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged, again.json.failed], [0, 0, 2, 6]);
  // a file that changes one column updates only that column, with history and audit
  const upd = await post(admin, importCsv([['1', code(20), '', '', '', '', '', '', 'Một phần']]));
  assert.deepEqual([upd.json.updated, upd.json.failed], [1, 0]);
  const one = await req('GET', `/api/v1/procedures/${it.id}`, admin);
  assert.equal(one.json.online_level, 'partial');
  assert.match(one.json.name, /trồng lan rừng/);
  const h = await req('GET', `/api/v1/procedures/${it.id}/history`, admin);
  assert.deepEqual(h.json.items.map((x) => x.action), ['import', 'import']);
  assert.deepEqual(h.json.items[0].changed, ['online_level']);
  const audit = await req('GET', '/api/v1/audit?action=procedure.import&entity=procedure_import', admin);
  assert.ok(audit.json.items.length >= 3);
});

test('import CSV in the layouts spreadsheets write: ";" with BOM, UTF-16, component columns', async () => {
  const semi = '\ufeffMã TTHC;Tên TTHC;Lĩnh vực;Cấp thực hiện;Trình tự thực hiện;Cách thức thực hiện;Thành phần hồ sơ;Đối tượng thực hiện;Thời hạn giải quyết;Cơ quan thực hiện\r\n'
    + `${code(30)};Thủ tục đủ bảy bộ phận nhập từ tệp;Hộ tịch;Cấp Xã;"Bước 1; Bước 2";Trực tiếp;Tờ khai;Công dân;03 ngày làm việc;UBND cấp xã\r\n`;
  const r = await post(admin, semi);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.created, 1, r.text);
  const p = await req('GET', `/api/v1/procedures?q=${code(30)}`, admin);
  assert.equal(p.json.items[0].complete, true);
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Mã thủ tục\tTên thủ tục\tLĩnh vực\tCấp thực hiện\n${code(31)}\tThủ tục nhập từ tệp UTF-16\tHộ tịch\tCấp Xã\n`, 'utf16le')]);
  const r16 = await req('POST', '/api/v1/procedures/import', { ...admin, raw: u16 });
  assert.equal(r16.json.created, 1, r16.text);
});

test('import refuses unreadable files with a reason; roles', async () => {
  assertProblem(await post(admin, ''), 422, 'file');
  assertProblem(await post(admin, 'STT,Ghi chú\n1,x\n'), 422, 'file');
  assertProblem(await req('POST', '/api/v1/procedures/import', { ...admin, raw: Buffer.from('Mã,Tên\n1.001193,\xd0\xe3ng\n', 'latin1') }), 422, 'file');
  assertProblem(await req('POST', '/api/v1/procedures/import', { ...admin, raw: Buffer.from('PK\x03\x04 not really a zip', 'latin1') }), 422, 'file');
  assertProblem(await post(admin, 'Mã,Tên\n1,"x\n'), 422, 'file');
  assertProblem(await post(admin, importCsv([]), '?dry_run=maybe'), 422, 'dry_run');
  for (const who of [leader, deptOfficer, districtLeader, communeOfficer, deptSpecialist, viewer]) assertProblem(await post(who, importCsv([])), 403);
  assertProblem(await post({}, importCsv([])), 401);
  const empty = await post(admin, importCsv([]));
  assert.deepEqual([empty.status, empty.json.total], [200, 0]);
});

test('import .xlsx (written by libxlsxwriter): rows, numeric codes, errors by row', async () => {
  const file = readFileSync(join(ROOT, 'tests/fixtures/procedures_import.xlsx'));
  const r = await req('POST', '/api/v1/procedures/import', { ...admin, raw: file, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.format, 'xlsx');
  assert.equal(r.json.total, 7);
  const byRow = Object.fromEntries(r.json.rows.map((x) => [x.row, x]));
  assert.ok(['created', 'unchanged'].includes(byRow[4].status), JSON.stringify(byRow[4]));
  assert.equal(byRow[5].code, '1.880002'); // stored as a number in the sheet
  assert.ok(['created', 'unchanged'].includes(byRow[5].status));
  assert.equal(byRow[6].errors[0].field, 'code');
  assert.equal(byRow[7].errors[0].field, 'levels');
  assert.equal(byRow[8].errors[0].field, 'online_level');
  assert.match(byRow[9].errors[0].message, /trùng với dòng 4/);
  assert.equal(byRow[11].errors[0].field, 'name');
  assert.equal(r.json.failed, 5);
  const p = await pub('/api/v1/public/procedures/1.880001');
  assert.equal(p.json.field_name, 'Lĩnh vực thử nghiệm Excel');
  assert.equal(p.json.agency_unit_id, stp.id);
  const again = await req('POST', '/api/v1/procedures/import', { ...admin, raw: file });
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 2]);
  // leave the database as the fixture found it, so the file can run again
  for (const c of ['1.880001', '1.880002']) {
    const l = await req('GET', `/api/v1/procedures?q=${c}`, admin);
    assert.equal((await req('DELETE', `/api/v1/procedures/${l.json.items[0].id}`, admin)).status, 204);
  }
});
