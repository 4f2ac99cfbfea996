// Registries (issue 18): focal officers' appointments and vacancies (ending one, disabling or moving
// the officer leaves the unit vacant), training courses with attendees, counts by level and the
// untrained officers, the TT167 budget with exact totals; each role inside and outside its scope,
// validation errors with their field, audit, and the .xlsx exports' title rows.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode, BASE } from '../lib/api.mjs';
import { firstCell } from '../lib/xlsx-read.mjs';
import { multipart } from './feedback.lib.mjs';
import { lastYearWindow, refRegistries, reportFor } from '../lib/report-ref.mjs';

const T = {};
const as = async (who, method, path, body, opts = {}) =>
  req(method, path, { token: T[who] || (T[who] = await login(who)), body, ...opts });
const rand = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const YEAR = new Date().getFullYear();
// the server's day (CURDATE in Asia/Ho_Chi_Minh), not UTC's
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
let U;

async function newUser(unitId, role = 'officer') {
  const r = await as('admin', 'POST', '/api/v1/users', {
    username: `reg.${rand()}`, full_name: `Cán Bộ Sổ ${rand()}`, unit_id: unitId, role, password: `Reg@${rand()}Aa1`,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** A new commune of district H01: vacant until someone is appointed (the demo fills most). */
async function vacantCommune() {
  const tag = rand();
  const r = await as('admin', 'POST', '/api/v1/units', { code: `C${tag}`.slice(0, 20), name: `Xã Sổ Theo Dõi ${tag}`, level: 'commune', parent_id: U.H01.id });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function vacantIds(who, unitId) {
  const r = await as(who, 'GET', `/api/v1/focal-officers?vacant=1&unit_id=${unitId}&per_page=500`);
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((x) => x.unit_id);
}

const appoint = (who, user, extra = {}) =>
  as(who, 'POST', '/api/v1/focal-officers', {
    user_id: user.id, decision_no: `${rand()}/QĐ-UBND`, decision_date: '2024-03-01', start_date: '2024-03-01', ...extra,
  });

async function xlsxTitle(who, path) {
  const token = T[who] || (T[who] = await login(who));
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  return firstCell(Buffer.from(await res.arrayBuffer()));
}

before(async () => {
  U = {};
  for (const c of ['H01', 'H02', 'X0101', 'X0201', 'STP', 'VP']) U[c] = await unitByCode(c);
});

// ---- focal officers ------------------------------------------------------------------------------

test('focal officers: appointing fills a vacant commune, listed in scope with its unit and user', async () => {
  const unit = await vacantCommune();
  const user = await newUser(unit);
  const vacantTotal = async () => (await as('huyen1.lanhdao', 'GET', `/api/v1/focal-officers?vacant=1&unit_id=${U.H01.id}&per_page=1`)).json.total;
  assert.ok((await vacantIds('huyen1.lanhdao', unit)).includes(unit), 'a new commune is vacant');
  const before = await vacantTotal();
  const r = await appoint('huyen1.lanhdao', user, { unit_id: unit });
  assert.equal(r.status, 201, r.text);
  const a = r.json;
  assert.equal(a.user_id, user.id);
  assert.equal(a.unit_id, unit);
  assert.equal(a.unit_level, 'commune');
  assert.equal(a.current, true);
  assert.equal(a.end_date, null);
  assert.equal(a.has_decision, false);
  assert.ok(!(await vacantIds('huyen1.lanhdao', unit)).includes(unit), 'no longer vacant');
  assert.equal(await vacantTotal(), before - 1, 'the district has one vacancy fewer');

  // the district, the province and the coordinator see it; the list filtered by its unit
  for (const who of ['huyen1.lanhdao', 'huyen1.daumoi', 'vp.kstt', 'lanhdao.tinh']) {
    const l = await as(who, 'GET', `/api/v1/focal-officers?unit_id=${unit}`);
    assert.equal(l.status, 200, `${who}: ${l.text}`);
    const row = l.json.items.find((x) => x.id === a.id);
    assert.ok(row, `${who} lists the appointment`);
    assert.equal(row.user_id, user.id);
    assert.ok(l.json.items.every((x) => x.unit_id === unit));
    const g = await as(who, 'GET', `/api/v1/focal-officers/${a.id}`);
    assert.equal(g.status, 200);
    assert.equal(g.json.unit_id, unit);
  }
  // a department outside the district, and another district's lists, do not
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/focal-officers/${a.id}`), 404);
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/focal-officers?unit_id=${unit}`), 404);
  const stp = await as('stp.daumoi', 'GET', '/api/v1/focal-officers?per_page=500&all=1');
  assert.equal(stp.status, 200);
  assert.ok(stp.json.items.every((x) => x.unit_id === U.STP.id), 'only its own unit');
  assert.ok(!stp.json.items.some((x) => x.id === a.id));
  // an officer cannot appoint
  assertProblem(await appoint('xa11.daumoi', user), 403);

  // the audit has the appointment
  const au = await as('admin', 'GET', `/api/v1/audit?entity=focal_appointment&entity_id=${a.id}&action=focal.appoint`);
  assert.equal(au.status, 200, au.text);
  assert.equal(au.json.items.length, 1, au.text);
});

test('focal officers: validation errors name the field, in Vietnamese; a second appointment conflicts', async () => {
  const unit = await vacantCommune();
  const user = await newUser(unit);
  let r = await as('huyen1.lanhdao', 'POST', '/api/v1/focal-officers', { user_id: user.id, decision_date: '2024-01-01', start_date: '2024-01-01' });
  assertProblem(r, 422, 'decision_no');
  r = await appoint('huyen1.lanhdao', user, { start_date: '2024-13-40' });
  assertProblem(r, 422, 'start_date');
  r = await appoint('huyen1.lanhdao', user, { end_date: '2024-02-01' });
  assertProblem(r, 422, 'end_date');
  assert.match(r.json.errors.find((e) => e.field === 'end_date').message, /Ngày kết thúc/);
  r = await appoint('huyen1.lanhdao', user, { unit_id: U.H01.id });
  assertProblem(r, 422, 'unit_id');
  // an officer of another district is outside the leader's scope
  const other = await newUser(U.X0201.id);
  r = await appoint('huyen1.lanhdao', other);
  assertProblem(r, 422, 'user_id');
  assert.match(r.json.errors.find((e) => e.field === 'user_id').message, /phạm vi/);
  r = await appoint('huyen1.lanhdao', user);
  assert.equal(r.status, 201, r.text);
  assertProblem(await appoint('huyen1.lanhdao', user), 409);
});

test('focal officers: ending an appointment makes the unit vacant again; ending twice conflicts', async () => {
  const unit = await vacantCommune();
  const user = await newUser(unit);
  const a = (await appoint('huyen1.lanhdao', user)).json;
  assert.ok(!(await vacantIds('vp.kstt', unit)).includes(unit));
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/focal-officers/${a.id}`, { end_date: '2024-02-01' }), 422, 'end_date');
  // an officer does not write; a district leader does not end another district's appointment
  assertProblem(await as('stp.daumoi', 'PUT', `/api/v1/focal-officers/${a.id}`, { end_date: today }), 403);
  const far = (await appoint('vp.kstt', await newUser(U.X0201.id))).json;
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/focal-officers/${far.id}`, { end_date: today }), 404);
  assertProblem(await as('huyen1.lanhdao', 'GET', `/api/v1/focal-officers/${far.id}`), 404);
  const r = await as('huyen1.lanhdao', 'PUT', `/api/v1/focal-officers/${a.id}`, { end_date: today, end_reason: 'Nghỉ hưu' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.end_date, today);
  assert.equal(r.json.end_reason, 'Nghỉ hưu');
  assert.equal(r.json.current, false);
  assert.ok((await vacantIds('vp.kstt', unit)).includes(unit), 'vacant after the end');
  const cur = await as('vp.kstt', 'GET', `/api/v1/focal-officers?unit_id=${unit}`);
  assert.ok(!cur.json.items.some((x) => x.id === a.id), 'not current');
  const all = await as('vp.kstt', 'GET', `/api/v1/focal-officers?unit_id=${unit}&all=1`);
  assert.ok(all.json.items.some((x) => x.id === a.id), 'kept in the history');
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/focal-officers/${a.id}`, { end_date: today }), 409);
});

test('focal officers: disabling the account, or moving it to another unit, ends its appointment', async () => {
  const unit = await vacantCommune();
  const user = await newUser(unit);
  const a = (await appoint('huyen1.lanhdao', user)).json;
  assert.ok(!(await vacantIds('vp.kstt', unit)).includes(unit));
  const d = await as('admin', 'POST', `/api/v1/users/${user.id}/disable`);
  assert.equal(d.status, 200, d.text);
  const g = await as('vp.kstt', 'GET', `/api/v1/focal-officers/${a.id}`);
  assert.equal(g.json.current, false);
  assert.equal(g.json.user_active, false);
  assert.ok(g.json.end_date, 'ended');
  assert.ok((await vacantIds('vp.kstt', unit)).includes(unit), 'vacant after the disable');
  // a disabled account cannot be appointed
  assertProblem(await appoint('huyen1.lanhdao', user), 422, 'user_id');

  const unit2 = await vacantCommune();
  const mover = await newUser(unit2);
  const b = (await appoint('huyen1.lanhdao', mover)).json;
  assert.ok(!(await vacantIds('vp.kstt', unit2)).includes(unit2));
  const m = await as('admin', 'PUT', `/api/v1/users/${mover.id}`, { unit_id: U.X0201.id });
  assert.equal(m.status, 200, m.text);
  const g2 = await as('vp.kstt', 'GET', `/api/v1/focal-officers/${b.id}`);
  assert.equal(g2.json.current, false);
  assert.equal(g2.json.unit_id, unit2, 'the appointment stays the old unit\'s');
  assert.ok((await vacantIds('vp.kstt', unit2)).includes(unit2), 'vacant after the move');
});

test('focal officers: the decision file is attached once and downloaded in scope', async () => {
  const unit = await vacantCommune();
  const user = await newUser(unit);
  const a = (await appoint('huyen1.lanhdao', user)).json;
  const data = Buffer.from(`%PDF-1.4\n% quyet dinh ${rand()}\n%%EOF\n`);
  const mp = () => multipart({}, [{ field: 'file', name: 'quyet-dinh-cu.pdf', type: 'application/pdf', data }]);
  const far = (await appoint('vp.kstt', await newUser(U.X0201.id))).json;
  let m = mp();
  assertProblem(await as('huyen1.lanhdao', 'POST', `/api/v1/focal-officers/${far.id}/decision`, undefined, { raw: m.body, headers: m.headers }), 404);
  m = mp();
  const r = await as('huyen1.lanhdao', 'POST', `/api/v1/focal-officers/${a.id}/decision`, undefined, { raw: m.body, headers: m.headers });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.has_decision, true);
  assert.equal(r.json.decision_name, 'quyet-dinh-cu.pdf');
  m = mp();
  assertProblem(await as('huyen1.lanhdao', 'POST', `/api/v1/focal-officers/${a.id}/decision`, undefined, { raw: m.body, headers: m.headers }), 409);
  const token = await login('huyen1.daumoi');
  const res = await fetch(`${BASE}/api/v1/focal-officers/${a.id}/decision`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), data);
  assertProblem(await as('xa11.daumoi', 'GET', `/api/v1/focal-officers/${a.id}/decision`), 404);
  const res2 = await fetch(`${BASE}/api/v1/focal-officers/${a.id}/decision`, { headers: { authorization: `Bearer ${await login('vp.kstt')}` } });
  assert.equal(res2.status, 200);
  assert.deepEqual(Buffer.from(await res2.arrayBuffer()), data);
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/focal-officers/${a.id}/decision`), 404);
});

test('focal officers: the exports start with a title naming what, which unit, and when', async () => {
  assert.match(await xlsxTitle('vp.kstt', `/api/v1/focal-officers/export?unit_id=${U.H01.id}`), new RegExp(`^DANH SÁCH CÁN BỘ ĐẦU MỐI.*${U.H01.name}.*lập lúc`));
  assert.match(await xlsxTitle('huyen1.lanhdao', '/api/v1/focal-officers/export?vacant=1'), /^ĐƠN VỊ CHƯA CÓ CÁN BỘ ĐẦU MỐI.*lập lúc/);
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/focal-officers/export?unit_id=${U.H01.id}`), 404);
});

test('the coordinator reads users (the officers to appoint) but does not write them', async () => {
  const l = await as('vp.kstt', 'GET', `/api/v1/users?unit_id=${U.X0101.id}&per_page=100`);
  assert.equal(l.status, 200, l.text);
  assert.ok(l.json.items.some((u) => u.username === 'xa11.daumoi'));
  const w = await as('vp.kstt', 'POST', '/api/v1/users', { username: `reg.${rand()}`, full_name: 'Không Được Tạo', unit_id: U.X0101.id, role: 'officer', password: `Reg@${rand()}Aa1` });
  assertProblem(w, 403);
});

// ---- training ------------------------------------------------------------------------------------

async function countsFor(who, q) {
  const r = await as(who, 'GET', `/api/v1/trainings?${q}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('training: a course with attendees keeps their units, counts by level, and the untrained list', async () => {
  const a1 = await newUser(U.X0101.id), a2 = await newUser(U.X0101.id), idle = await newUser(U.X0101.id);
  const before = await countsFor('vp.kstt', `year=${YEAR}`);
  const b = before.counts.district || { courses: 0, trainees: 0 };
  const r = await as('huyen1.lanhdao', 'POST', '/api/v1/trainings', {
    organiser_unit_id: U.H01.id, topic: `Tập huấn nghiệp vụ ${rand()}`, held_on: today, online: false, place: 'Hội trường UBND huyện', attendees: [a1.id, a2.id],
  });
  assert.equal(r.status, 201, r.text);
  const t = r.json;
  assert.equal(t.organiser_unit_id, U.H01.id);
  assert.equal(t.level, 'district');
  assert.equal(t.attendee_count, 2);
  assert.deepEqual(t.attendees.map((x) => x.user_id).sort((x, y) => x - y), [a1.id, a2.id].sort((x, y) => x - y));
  assert.ok(t.attendees.every((x) => x.unit_id === U.X0101.id), JSON.stringify(t.attendees));

  const after = await countsFor('vp.kstt', `year=${YEAR}`);
  assert.equal(after.counts.district.courses, b.courses + 1);
  assert.equal(after.counts.district.trainees, b.trainees + 2);
  const hl = await countsFor('huyen1.daumoi', `year=${YEAR}&unit_id=${U.H01.id}`);
  assert.ok(hl.items.some((x) => x.id === t.id));

  // untrained: idle is listed, the attendees are not
  const un = await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/untrained?unit_id=${U.X0101.id}&year=${YEAR}&per_page=500`);
  assert.equal(un.status, 200, un.text);
  const ids = un.json.items.map((x) => x.id);
  assert.ok(ids.includes(idle.id));
  assert.ok(!ids.includes(a1.id) && !ids.includes(a2.id));
  assert.ok(un.json.items.every((x) => x.unit_id === U.X0101.id));
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/trainings/untrained?unit_id=${U.X0101.id}&year=${YEAR}`), 404);
  assertProblem(await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/untrained?unit_id=${U.X0101.id}`), 422, 'year');

  // attendance replaced: idle in, a2 out; a user of another district is refused
  const out = await newUser(U.X0201.id);
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/trainings/${t.id}/attendees`, { user_ids: [a1.id, out.id] }), 422, 'user_ids');
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/trainings/${t.id}/attendees`, { user_ids: [a1.id, a1.id] }), 422, 'user_ids');
  const p = await as('huyen1.lanhdao', 'PUT', `/api/v1/trainings/${t.id}/attendees`, { user_ids: [a1.id, idle.id] });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.json.attendees.map((x) => x.user_id).sort((x, y) => x - y), [a1.id, idle.id].sort((x, y) => x - y));
  const un2 = await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/untrained?unit_id=${U.X0101.id}&year=${YEAR}&per_page=500`);
  const ids2 = un2.json.items.map((x) => x.id);
  assert.ok(ids2.includes(a2.id) && !ids2.includes(idle.id));
  // a1 moves to another commune: kept on the corrected list, they keep the unit they attended from
  const X0102 = await unitByCode('X0102');
  assert.equal((await as('admin', 'PUT', `/api/v1/users/${a1.id}`, { unit_id: X0102.id })).status, 200);
  const p2 = await as('huyen1.lanhdao', 'PUT', `/api/v1/trainings/${t.id}/attendees`, { user_ids: [a1.id, idle.id, a2.id] });
  assert.equal(p2.status, 200, p2.text);
  const units = Object.fromEntries(p2.json.attendees.map((x) => [x.user_id, x.unit_id]));
  assert.deepEqual(units, { [a1.id]: U.X0101.id, [idle.id]: U.X0101.id, [a2.id]: U.X0101.id });
  // another year: everyone is untrained
  const un3 = await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/untrained?unit_id=${U.X0101.id}&year=${YEAR - 5}&per_page=500`);
  assert.ok(un3.json.items.some((x) => x.id === a2.id));
});

test('training: validation, update, scope of reads and writes, materials and export', async () => {
  let r = await as('huyen1.lanhdao', 'POST', '/api/v1/trainings', { organiser_unit_id: U.H01.id, topic: 'Thiếu địa điểm', held_on: today, online: false });
  assertProblem(r, 422, 'place');
  assert.match(r.json.errors.find((e) => e.field === 'place').message, /địa điểm/);
  assertProblem(await as('huyen1.lanhdao', 'POST', '/api/v1/trainings', { organiser_unit_id: U.H02.id, topic: 'Ngoài phạm vi', held_on: today, online: true }), 422, 'organiser_unit_id');
  assertProblem(await as('huyen1.lanhdao', 'POST', '/api/v1/trainings', { organiser_unit_id: U.H01.id, held_on: today, online: true }), 422, 'topic');
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/trainings', { organiser_unit_id: U.X0101.id, topic: 'Cán bộ', held_on: today, online: true }), 403);

  const c = await as('vp.kstt', 'POST', '/api/v1/trainings', { organiser_unit_id: U.H02.id, topic: `Bồi dưỡng trực tuyến ${rand()}`, held_on: `${YEAR}-02-10`, online: true });
  assert.equal(c.status, 201, c.text);
  const t = c.json;
  assert.equal(t.online, true);
  assert.equal(t.place, null);
  // H01 neither reads nor writes an H02 course with no H01 attendee
  assertProblem(await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/${t.id}`), 404);
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/trainings/${t.id}`, { topic: 'Sửa' }), 404);
  const l = await as('huyen1.lanhdao', 'GET', `/api/v1/trainings?year=${YEAR}&per_page=500`);
  assert.ok(!l.json.items.some((x) => x.id === t.id));
  const u = await as('vp.kstt', 'PUT', `/api/v1/trainings/${t.id}`, { online: false, place: 'Trung tâm Hội nghị tỉnh', note: 'Chuyển sang trực tiếp' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.online, false);
  assert.equal(u.json.place, 'Trung tâm Hội nghị tỉnh');
  assertProblem(await as('vp.kstt', 'PUT', `/api/v1/trainings/${t.id}`, { place: null }), 422, 'place');

  const data = Buffer.from(`%PDF-1.4\n% tai lieu ${rand()}\n%%EOF\n`);
  const m = multipart({}, [{ field: 'files', name: 'tai-lieu.pdf', type: 'application/pdf', data }]);
  const up = await as('vp.kstt', 'POST', `/api/v1/trainings/${t.id}/materials`, undefined, { raw: m.body, headers: m.headers });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.materials.length, 1);
  const n = up.json.materials[0].n;
  const res = await fetch(`${BASE}/api/v1/trainings/${t.id}/materials/${n}`, { headers: { authorization: `Bearer ${await login('lanhdao.tinh')}` } });
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), data);
  assertProblem(await as('huyen1.lanhdao', 'GET', `/api/v1/trainings/${t.id}/materials/${n}`), 404);
  assertProblem(await as('vp.kstt', 'GET', `/api/v1/trainings/${t.id}/materials/999`), 404);

  assert.match(await xlsxTitle('vp.kstt', `/api/v1/trainings/export?year=${YEAR}`), new RegExp(`^SỔ THEO DÕI TẬP HUẤN.*năm ${YEAR}.*lập lúc`));
  assert.match(await xlsxTitle('huyen1.lanhdao', `/api/v1/trainings/export?unit_id=${U.H01.id}`), new RegExp(`${U.H01.name}`));
});

// ---- budget --------------------------------------------------------------------------------------

test('budget: the TT167 categories are seeded; the Provincial Office adds and edits them, others may not', async () => {
  const l = await as('xa11.daumoi', 'GET', '/api/v1/budget/categories');
  assert.equal(l.status, 200);
  assert.ok(l.json.items.some((c) => c.code === 'TT167-1'));
  assert.ok(l.json.items.some((c) => /đầu mối/.test(c.name)));
  const code = `K${rand()}`.slice(0, 30);
  assertProblem(await as('huyen1.lanhdao', 'POST', '/api/v1/budget/categories', { code, name: 'Không được' }), 403);
  const c = await as('vp.kstt', 'POST', '/api/v1/budget/categories', { code, name: 'Chi khác của tỉnh', sort_order: 95 });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.code, code);
  assert.equal(c.json.active, true);
  assertProblem(await as('vp.kstt', 'POST', '/api/v1/budget/categories', { code, name: 'Trùng mã' }), 422, 'code');
  assertProblem(await as('vp.kstt', 'POST', '/api/v1/budget/categories', { code: `${code}x` }), 422, 'name');
  const u = await as('vp.kstt', 'PUT', `/api/v1/budget/categories/${c.json.id}`, { name: 'Chi khác (đã sửa)', active: false });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.name, 'Chi khác (đã sửa)');
  assert.equal(u.json.active, false);
  // a retired category takes no new line
  assertProblem(await as('vp.kstt', 'POST', '/api/v1/budget/lines', { unit_id: U.VP.id, year: YEAR, category_id: c.json.id, kind: 'spending', amount: 1 }), 422, 'category_id');
});

test('budget: lines per unit and year, exact int64 totals by category, voiding, scope and export', async () => {
  const year = 2000 + Math.floor(Math.random() * 50) + 40; // a year of its own for exact totals
  const cats = (await as('vp.kstt', 'GET', '/api/v1/budget/categories')).json.items;
  const c1 = cats.find((c) => c.code === 'TT167-1').id, c5 = cats.find((c) => c.code === 'TT167-5').id;
  const line = (who, body) => as(who, 'POST', '/api/v1/budget/lines', { unit_id: U.X0101.id, year, ...body });
  const big = 9007199254740; // beyond 32 bits, exact
  const l1 = await line('huyen1.lanhdao', { category_id: c1, kind: 'allocation', amount: big, line_date: `${year}-01-10`, note: 'Dự toán' });
  assert.equal(l1.status, 201, l1.text);
  assert.equal(l1.json.amount, big);
  assert.equal(l1.json.unit_id, U.X0101.id);
  const l2 = await line('huyen1.lanhdao', { category_id: c1, kind: 'spending', amount: 12345678 });
  const l3 = await line('vp.kstt', { category_id: c5, kind: 'spending', amount: 1000001 });
  assert.equal(l2.status, 201);
  assert.equal(l3.status, 201);

  const g = await as('xa11.daumoi', 'GET', `/api/v1/budget?unit_id=${U.X0101.id}&year=${year}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.unit.id, U.X0101.id);
  assert.deepEqual(g.json.items.map((x) => x.id).sort((a, b) => a - b), [l1.json.id, l2.json.id, l3.json.id].sort((a, b) => a - b));
  assert.equal(g.json.totals.allocation, big);
  assert.equal(g.json.totals.spending, 13345679);
  assert.equal(g.json.totals.balance, big - 13345679);
  const by1 = g.json.totals.by_category.find((x) => x.category_id === c1);
  assert.deepEqual([by1.allocation, by1.spending, by1.balance], [big, 12345678, big - 12345678]);
  // the district sees its commune's budget summed; filters by kind
  const h = await as('huyen1.daumoi', 'GET', `/api/v1/budget?unit_id=${U.X0101.id}&year=${year}&kind=spending`);
  assert.deepEqual(h.json.items.map((x) => x.kind), ['spending', 'spending']);

  // validation
  assertProblem(await line('huyen1.lanhdao', { category_id: c1, kind: 'spending', amount: 0 }), 422, 'amount');
  assertProblem(await line('huyen1.lanhdao', { category_id: c1, kind: 'refund', amount: 5 }), 422, 'kind');
  assertProblem(await line('huyen1.lanhdao', { category_id: c1, kind: 'spending', amount: 1.5 }), 422, 'amount');
  assertProblem(await as('huyen1.lanhdao', 'POST', '/api/v1/budget/lines', { unit_id: U.X0201.id, year, category_id: c1, kind: 'spending', amount: 5 }), 422, 'unit_id');
  assertProblem(await line('xa11.daumoi', { category_id: c1, kind: 'spending', amount: 5 }), 403);

  // scope: a department outside does not read it; another district cannot edit the line
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/budget?unit_id=${U.X0101.id}&year=${year}`), 404);
  const far = await as('vp.kstt', 'POST', '/api/v1/budget/lines', { unit_id: U.X0201.id, year, category_id: c1, kind: 'spending', amount: 7 });
  assert.equal(far.status, 201, far.text);
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/budget/lines/${far.json.id}`, { voided: true }), 404);
  assertProblem(await as('stp.daumoi', 'PUT', `/api/v1/budget/lines/${l2.json.id}`, { voided: true }), 403);

  // a line is voided, never deleted: the totals leave it out
  const v = await as('huyen1.lanhdao', 'PUT', `/api/v1/budget/lines/${l2.json.id}`, { voided: true });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.voided, true);
  const va = await as('admin', 'GET', `/api/v1/audit?entity=budget_line&entity_id=${l2.json.id}&action=budget.line_update`);
  assert.equal(va.json.items.length, 1, va.text);
  const e = await as('huyen1.lanhdao', 'PUT', `/api/v1/budget/lines/${l3.json.id}`, { amount: 2000000, note: 'Điều chỉnh' });
  assert.equal(e.json.amount, 2000000);
  const g2 = await as('vp.kstt', 'GET', `/api/v1/budget?unit_id=${U.X0101.id}&year=${year}`);
  assert.ok(!g2.json.items.some((x) => x.id === l2.json.id), 'a voided line leaves the list');
  assert.equal(g2.json.totals.spending, 2000000);
  assert.equal(g2.json.totals.balance, big - 2000000);

  assert.match(await xlsxTitle('huyen1.lanhdao', `/api/v1/budget/export?unit_id=${U.X0101.id}&year=${year}`), new RegExp(`^KINH PHÍ KIỂM SOÁT TTHC.*${U.X0101.name}.*năm ${year}.*lập lúc`));
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/budget/export?unit_id=${U.X0101.id}&year=${year}`), 404);
});

test('the periodic report counts focal officers, vacant units, courses, trainees and the budget of the unit', async () => {
  // a budget line of the district for this year, so the window's money is not zero
  const cats = (await as('vp.kstt', 'GET', '/api/v1/budget/categories')).json.items;
  const l = await as('huyen1.lanhdao', 'POST', '/api/v1/budget/lines', { unit_id: U.H01.id, year: Number(today.slice(0, 4)), category_id: cats[0].id, kind: 'allocation', amount: 250000000 });
  assert.equal(l.status, 201, l.text);
  const { from, to } = lastYearWindow();
  const rep = await reportFor(await login('huyen1.daumoi'), U.H01.id, from, to, `Báo cáo sổ theo dõi ${rand()}`);
  // over the district's subtree, and for the district itself, as the registries' rows say
  assert.deepEqual(rep.system.registries, refRegistries(U.H01.id, from, to, today, false));
  const t = rep.system.registries;
  assert.ok(t.courses >= 1 && t.trainees >= 2, JSON.stringify(t));
  assert.ok(t.budget_allocation >= 250000000, JSON.stringify(t));
  assert.ok(t.focal_officers >= 1, JSON.stringify(t));
});
