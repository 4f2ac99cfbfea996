// Plans, sections and tasks (issue 4): CRUD, visibility by scope, state rules, publishing with group
// expansion and level-specific due dates, deriving a lower plan, event timelines, progress board, export.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { firstCell, unzip, xmlText } from '../lib/xlsx-read.mjs';
import { BASE, req, login, assertProblem } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');
const U = {}; // units by code
let admin, vp, tinh, stp, h1lead, h1off, xa11, xa12, xa21, viewer;
let demoPlan; // the published Nam Định 2023 plan of the demo data

before(async () => {
  admin = await login('admin');
  [vp, tinh, stp, h1lead, h1off, xa11, xa12, xa21] = await Promise.all(
    ['vp.kstt', 'lanhdao.tinh', 'stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'xa12.daumoi', 'xa21.daumoi'].map((u) => login(u)),
  );
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  assert.equal(r.status, 200, r.text);
  for (const u of r.json.items) U[u.code] = u;
  // A viewer of district H01 (no demo account has that role).
  const username = `h10.viewer.${rand()}`;
  const password = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username, full_name: 'Người Xem Thử', unit_id: U.H01.id, role: 'viewer', password, email: `${username}@example.vn` },
  });
  assert.equal(c.status, 201, c.text);
  viewer = await login(username, password);
  const list = await req('GET', '/api/v1/plans?year=2023&status=published', { token: vp });
  demoPlan = list.json.items.find((p) => p.unit_id === U.NDH.id && /Nam Định năm 2023/.test(p.title));
  assert.ok(demoPlan, 'the demo plan is published');
});

// ---- helpers -------------------------------------------------------------------------------------
const GROUPS = {
  communes: { text: 'UBND cấp xã', unit_id: null, group: 'communes' },
  districts: { text: 'UBND cấp huyện', unit_id: null, group: 'districts' },
  departments: { text: 'Các sở, ban, ngành', unit_id: null, group: 'departments' },
  related: { text: 'Các cơ quan, đơn vị có liên quan', unit_id: null, group: 'related' },
};
/** 'STP' -> that unit; 'communes' -> the group. */
const unit = (x) => GROUPS[x] || { text: U[x].name, unit_id: U[x].id, group: null };

/**
 * A plan with tasks, made through the import route (one request, one transaction), optionally
 * published. sections: [{number, title, tasks: [{number, title, output, lead: ['STP', 'communes'],
 * coop, timeline, children}]}].
 */
async function makePlan({ token = vp, unitCode = 'NDH', year = 2023, title, sections, publish = false } = {}) {
  const mapTask = (t) => ({
    number: t.number ?? null,
    title: t.title,
    output: t.output ?? null,
    lead: (t.lead || []).map(unit),
    coop: (t.coop || []).map(unit),
    timeline: { text: t.timeline || '' },
    children: (t.children || []).map(mapTask),
  });
  const body = {
    title: title || `Kế hoạch thử ${rand()}`,
    year,
    unit_id: U[unitCode].id,
    sections: (sections || [{ number: 'I', title: 'Mục thử', tasks: [{ number: '1', title: 'Nhiệm vụ thử', lead: ['STP'], timeline: 'Quý I/2023' }] }]).map((s) => ({
      number: s.number,
      title: s.title,
      tasks: s.tasks.map(mapTask),
    })),
  };
  const r = await req('POST', '/api/v1/plans/import', { token, body });
  assert.equal(r.status, 201, r.text);
  if (publish) {
    const p = await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token });
    assert.equal(p.status, 200, p.text);
  }
  return r.json;
}
async function getPlan(id, token = vp) {
  const r = await req('GET', `/api/v1/plans/${id}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
/** Every task of a plan body, sub-items included, in document order. */
function allTasks(plan) {
  const out = [];
  const walk = (list) => list.forEach((t) => (out.push(t), walk(t.children || [])));
  for (const s of plan.sections) walk(s.tasks);
  walk(plan.unsectioned_tasks || []);
  return out;
}
/** Reloads the unit directory (other suites add units to the shared test database). */
async function reloadUnits() {
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  assert.equal(r.status, 200, r.text);
  for (const u of r.json.items) U[u.code] = u;
}
// Units a group expands to: active (not retired) units of the level, optionally under one parent.
const activeOf = (level, under) =>
  Object.values(U).filter((u) => u.level === level && u.valid_to === null && (!under || u.parent_id === under.id));
const problemFields = (r) => (r.json?.errors || []).map((e) => e.field);
const VN = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
function assertVietnamese(r) {
  for (const e of r.json.errors || []) assert.match(e.message, VN, `Vietnamese message for ${e.field}: ${e.message}`);
}
const BAD_JSON = { raw: '{"title": "Kế hoạch", ', headers: { 'content-type': 'application/json' } };

// ---- create --------------------------------------------------------------------------------------
test('plans: a coordinator creates a draft province plan (201, kind kstt by default)', async () => {
  const r = await req('POST', '/api/v1/plans', {
    token: vp,
    body: { unit_id: U.NDH.id, year: 2023, title: 'Kế hoạch rà soát TTHC năm 2023', decision_no: '12/KH-UBND', decision_date: '2023-01-10' },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.kind, 'kstt');
  assert.equal(r.json.unit_id, U.NDH.id);
  assert.equal(r.json.year, 2023);
  assert.equal(r.json.decision_no, '12/KH-UBND');
  assert.equal(r.json.decision_date, '2023-01-10');
  assert.equal(r.json.source_plan_id, null);
});

test('plans: create validation: missing, short, out of range, unknown fields (422, Vietnamese) and bad JSON (400)', async () => {
  let r = await req('POST', '/api/v1/plans', { token: vp, body: {} });
  assertProblem(r, 422);
  assert.deepEqual(problemFields(r).sort(), ['title', 'unit_id', 'year']);
  assertVietnamese(r);
  const base = { unit_id: U.NDH.id, year: 2023, title: 'Kế hoạch hợp lệ' };
  for (const [over, field] of [
    [{ title: 'abc' }, 'title'],
    [{ kind: 'bogus' }, 'kind'],
    [{ year: 1999 }, 'year'],
    [{ year: '2023' }, 'year'],
    [{ decision_date: '2023-13-01' }, 'decision_date'],
    [{ unit_id: 'NDH' }, 'unit_id'],
    [{ colour: 'red' }, 'colour'],
  ]) {
    r = await req('POST', '/api/v1/plans', { token: vp, body: { ...base, ...over } });
    assertProblem(r, 422, field);
    assertVietnamese(r);
  }
  r = await req('POST', '/api/v1/plans', { token: vp, ...BAD_JSON });
  assertProblem(r, 400, 'body');
});

test('plans: who may create a plan for which unit', async () => {
  const body = (code) => ({ unit_id: U[code].id, year: 2023, title: `Kế hoạch của ${code} ${rand()}` });
  // Inside their own subtree: 201.
  for (const [tok, code] of [[h1off, 'H01'], [h1lead, 'X0101'], [xa11, 'X0101'], [stp, 'STP'], [tinh, 'H02'], [admin, 'X0201']]) {
    const r = await req('POST', '/api/v1/plans', { token: tok, body: body(code) });
    assert.equal(r.status, 201, `${code}: ${r.text}`);
  }
  // Outside: 422 on unit_id (the unit is not theirs to plan for).
  for (const [tok, code] of [[stp, 'NDH'], [h1off, 'H02'], [xa11, 'X0102'], [xa21, 'H01'], [h1lead, 'NDH']]) {
    const r = await req('POST', '/api/v1/plans', { token: tok, body: body(code) });
    assertProblem(r, 422, 'unit_id');
    assertVietnamese(r);
  }
  // A viewer cannot write at all; nobody anonymous.
  assertProblem(await req('POST', '/api/v1/plans', { token: viewer, body: body('H01') }), 403);
  assertProblem(await req('POST', '/api/v1/plans', { body: body('H01') }), 401);
});

// ---- list and read -------------------------------------------------------------------------------
test('plans: the list filters by year, unit, status and kind, and shows each principal only its plans', async () => {
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01', title: `Kế hoạch huyện nháp ${rand()}` });
  const cchc = await req('POST', '/api/v1/plans', { token: vp, body: { unit_id: U.NDH.id, year: 2024, kind: 'cchc', title: `Kế hoạch CCHC 2024 ${rand()}` } });
  assert.equal(cchc.status, 201, cchc.text);

  const all = async (tok, q = '') => {
    const r = await req('GET', `/api/v1/plans?per_page=200${q}`, { token: tok });
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.json.total, 'number');
    return r.json.items;
  };
  // Province-wide readers see the district draft; filters narrow.
  let items = await all(vp, `&unit_id=${U.H01.id}&status=draft`);
  assert.ok(items.some((p) => p.id === draftH01.id));
  assert.ok(items.every((p) => p.unit_id === U.H01.id && p.status === 'draft'));
  items = await all(vp, '&year=2024&kind=cchc');
  assert.ok(items.some((p) => p.id === cchc.json.id));
  assert.ok(items.every((p) => p.year === 2024 && p.kind === 'cchc'));
  items = await all(vp, '&year=2023');
  assert.ok(items.every((p) => p.year === 2023));
  assert.ok(!items.some((p) => p.id === cchc.json.id));
  const demo = items.find((p) => p.id === demoPlan.id);
  assert.ok(demo.task_count >= 38, `task_count ${demo.task_count}`);
  assert.ok(demo.progress >= 0 && demo.progress <= 100);

  // The district and its viewer see it; a commune of another district does not, nor one of the
  // same district (a draft assigns nothing yet).
  assert.ok((await all(h1off)).some((p) => p.id === draftH01.id));
  assert.ok((await all(viewer)).some((p) => p.id === draftH01.id));
  assert.ok(!(await all(xa21)).some((p) => p.id === draftH01.id));
  assert.ok(!(await all(xa11)).some((p) => p.id === draftH01.id));
  // Communes see the published province plan that gives them work, not the province's drafts.
  const mine = await all(xa11);
  assert.ok(mine.some((p) => p.id === demoPlan.id));
  assert.ok(mine.every((p) => p.status !== 'draft' || p.unit_id === U.X0101.id), 'no foreign drafts');

  for (const q of ['status=bogus', 'year=abc', 'kind=x', 'unit_id=-1', 'per_page=0']) {
    const r = await req('GET', `/api/v1/plans?${q}`, { token: vp });
    assertProblem(r, 422, q.split('=')[0]);
  }
  assertProblem(await req('GET', '/api/v1/plans'), 401);
});

test('plans: reading a plan inside and outside scope; a commune reads the province plan but cannot edit it', async () => {
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01', title: `Kế hoạch huyện ${rand()}` });
  // Out of scope: 404 (never 403 with data).
  for (const tok of [xa21, xa11, stp]) assertProblem(await req('GET', `/api/v1/plans/${draftH01.id}`, { token: tok }), 404);
  assertProblem(await req('PUT', `/api/v1/plans/${draftH01.id}`, { token: xa21, body: { title: 'Đổi tên kế hoạch' } }), 404);
  assertProblem(await req('DELETE', `/api/v1/plans/${draftH01.id}`, { token: xa21 }), 404);
  assertProblem(await req('GET', '/api/v1/plans/99999999', { token: admin }), 404);
  // In scope.
  for (const [tok, canEdit] of [[h1off, true], [h1lead, true], [vp, true], [tinh, true], [viewer, false]]) {
    const p = await getPlan(draftH01.id, tok);
    assert.equal(p.can_edit, canEdit);
    assert.equal(p.sections.length, 1);
    assert.equal(p.unit_name, U.H01.name);
  }
  // The commune's view of the province plan: readable, with its own assignments, read-only.
  const p = await getPlan(demoPlan.id, xa11);
  assert.equal(p.can_edit, false);
  assert.ok(allTasks(p).some((t) => t.assignments.some((a) => a.unit_id === U.X0101.id)));
  assertProblem(await req('PUT', `/api/v1/plans/${demoPlan.id}`, { token: xa11, body: { title: 'Kế hoạch đã sửa' } }), 403);
  assertProblem(await req('DELETE', `/api/v1/plans/${demoPlan.id}`, { token: xa11 }), 403);
  assertProblem(await req('POST', `/api/v1/plans/${demoPlan.id}/sections`, { token: xa11, body: { title: 'Mục mới' } }), 403);
  assertProblem(await req('POST', `/api/v1/plans/${demoPlan.id}/close`, { token: h1lead }), 403);
  assertProblem(await req('PUT', `/api/v1/plans/${draftH01.id}`, { token: viewer, body: { title: 'Đổi tên kế hoạch' } }), 403);
  // ?assignments=false leaves the assignment lists out; a bad flag is a 422.
  const lean = await req('GET', `/api/v1/plans/${demoPlan.id}?assignments=false`, { token: vp });
  assert.equal(lean.status, 200);
  assert.ok(allTasks(lean.json).every((t) => t.assignments.length === 0));
  assertProblem(await req('GET', `/api/v1/plans/${demoPlan.id}?assignments=maybe`, { token: vp }), 422, 'assignments');
});

test('plans: update title, kind and decision; owner unit and year cannot change', async () => {
  const plan = await makePlan({ token: h1lead, unitCode: 'H01' });
  let r = await req('PUT', `/api/v1/plans/${plan.id}`, {
    token: h1off,
    body: { title: 'Kế hoạch KSTT năm 2023 của thành phố', kind: 'review', decision_no: '45/KH-UBND', decision_date: '2023-02-01' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'Kế hoạch KSTT năm 2023 của thành phố');
  assert.equal(r.json.kind, 'review');
  assert.equal(r.json.decision_no, '45/KH-UBND');
  r = await req('PUT', `/api/v1/plans/${plan.id}`, { token: h1off, body: { decision_no: null } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.decision_no, null);
  assert.equal(r.json.title, 'Kế hoạch KSTT năm 2023 của thành phố', 'untouched fields stay');
  for (const [body, field] of [
    [{ unit_id: U.H02.id }, 'unit_id'],
    [{ year: 2024 }, 'year'],
    [{ title: 'ab' }, 'title'],
    [{ kind: 'secret' }, 'kind'],
    [{ decision_date: '01/02/2023' }, 'decision_date'],
  ]) {
    r = await req('PUT', `/api/v1/plans/${plan.id}`, { token: h1off, body });
    assertProblem(r, 422, field);
    assertVietnamese(r);
  }
  assertProblem(await req('PUT', `/api/v1/plans/${plan.id}`, { token: h1off, ...BAD_JSON }), 400, 'body');
  assertProblem(await req('PUT', '/api/v1/plans/99999999', { token: admin, body: { title: 'Không có kế hoạch' } }), 404);
});

// ---- state rules ---------------------------------------------------------------------------------
test('plans: publish only from draft, close only from published (409 with allowed); delete only drafts', async () => {
  const plan = await makePlan({});
  const id = plan.id;
  let r = await req('POST', `/api/v1/plans/${id}/close`, { token: vp });
  assertProblem(r, 409);
  assert.deepEqual(r.json.allowed, ['publish']);
  r = await req('POST', `/api/v1/plans/${id}/publish`, { token: vp });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'published');
  assert.ok(r.json.published_at);
  assert.equal(r.json.assignment_count, 1, 'one task led by Sở Tư pháp');
  r = await req('POST', `/api/v1/plans/${id}/publish`, { token: vp });
  assertProblem(r, 409);
  assert.deepEqual(r.json.allowed, ['close']);
  r = await req('DELETE', `/api/v1/plans/${id}`, { token: vp });
  assertProblem(r, 409);
  assert.deepEqual(r.json.allowed, ['close']);
  r = await req('POST', `/api/v1/plans/${id}/close`, { token: vp });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assert.ok(r.json.closed_at);
  for (const action of ['publish', 'close']) {
    r = await req('POST', `/api/v1/plans/${id}/${action}`, { token: vp });
    assertProblem(r, 409);
    assert.deepEqual(r.json.allowed, []);
  }
  r = await req('DELETE', `/api/v1/plans/${id}`, { token: vp });
  assertProblem(r, 409);
  // A closed plan is frozen: no new sections or tasks.
  assertProblem(await req('POST', `/api/v1/plans/${id}/sections`, { token: vp, body: { title: 'Mục thêm' } }), 409);
  assertProblem(await req('POST', `/api/v1/plans/${id}/tasks`, { token: vp, body: { title: 'Nhiệm vụ thêm' } }), 409);

  // A draft is deleted with its sections and tasks.
  const d = await makePlan({});
  const task = allTasks(await getPlan(d.id))[0];
  r = await req('DELETE', `/api/v1/plans/${d.id}`, { token: vp });
  assert.equal(r.status, 204, r.text);
  assertProblem(await req('GET', `/api/v1/plans/${d.id}`, { token: vp }), 404);
  assertProblem(await req('GET', `/api/v1/tasks/${task.id}`, { token: vp }), 404);
  assertProblem(await req('DELETE', `/api/v1/plans/${d.id}`, { token: vp }), 404);
});

test('plans: publishing and closing need a leader, specialist or admin in scope', async () => {
  const plan = await makePlan({ token: h1lead, unitCode: 'H01' });
  for (const tok of [h1off, xa11, stp, viewer]) assertProblem(await req('POST', `/api/v1/plans/${plan.id}/publish`, { token: tok }), 403);
  assertProblem(await req('POST', `/api/v1/plans/${plan.id}/publish`), 401);
  // A leader of another district does not see it at all (checked with a fresh H02 leader).
  const u = `h10.lead2.${rand()}`;
  const pw = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', { token: admin, body: { username: u, full_name: 'Lãnh Đạo Huyện Hai', unit_id: U.H02.id, role: 'leader', password: pw } });
  assert.equal(c.status, 201, c.text);
  const h2lead = await login(u, pw);
  assertProblem(await req('POST', `/api/v1/plans/${plan.id}/publish`, { token: h2lead }), 404);
  const r = await req('POST', `/api/v1/plans/${plan.id}/publish`, { token: h1lead });
  assert.equal(r.status, 200, r.text);
  assertProblem(await req('POST', '/api/v1/plans/99999999/publish', { token: vp }), 404);
});

// ---- publishing: groups and level-specific due dates --------------------------------------------
test('publishing a province plan expands "UBND cấp xã" to every active commune, with level-specific due dates', async () => {
  await reloadUnits();
  const plan = await makePlan({
    sections: [
      {
        number: 'I',
        title: 'Mục mở rộng nhóm',
        tasks: [
          { number: '1', title: 'Xây dựng kế hoạch cấp xã', lead: ['communes'], coop: ['STP', 'districts'], timeline: 'Tháng 01/2023 (Cấp xã: 02/2023)' },
          { number: '2', title: 'Rà soát TTHC của các sở', lead: ['departments', 'STP'], coop: ['related', 'STP'], timeline: 'Quý II/2023' },
        ],
      },
    ],
    publish: true,
  });
  const p = await getPlan(plan.id);
  const [t1, t2] = allTasks(p);
  const communes = activeOf('commune');
  assert.ok(communes.length >= 39, `${communes.length} communes`);
  const byLevel = (t, lv) => t.assignments.filter((a) => a.unit_level === lv);
  // Task 1: one lead assignment per commune due end of February; the others end of January.
  const ca = byLevel(t1, 'commune');
  assert.deepEqual(ca.map((a) => a.unit_id).sort((a, b) => a - b), communes.map((u) => u.id).sort((a, b) => a - b));
  assert.ok(ca.every((a) => a.role === 'lead' && a.due_date === '2023-02-28'), JSON.stringify(ca.slice(0, 2)));
  const da = byLevel(t1, 'district');
  assert.equal(da.length, activeOf('district').length);
  assert.ok(da.every((a) => a.role === 'coop' && a.due_date === '2023-01-31'), JSON.stringify(da.slice(0, 2)));
  const stpA = t1.assignments.filter((a) => a.unit_id === U.STP.id);
  assert.equal(stpA.length, 1);
  assert.equal(stpA[0].role, 'coop');
  assert.equal(stpA[0].due_date, '2023-01-31');
  assert.equal(t1.assignments.length, communes.length + activeOf('district').length + 1);
  assert.equal(t1.assignee_count, t1.assignments.length);
  // Task 2: "Các sở, ban, ngành" are the departments (not the one-stop centre nor vertical
  // agencies); STP named in both lists stays lead once; "related" units need a person to name them.
  const depts = activeOf('department');
  assert.equal(t2.assignments.length, depts.length);
  assert.ok(t2.assignments.every((a) => a.role === 'lead' && a.unit_level === 'department' && a.due_date === '2023-06-30'));
  assert.equal(t2.assignments.filter((a) => a.unit_id === U.STP.id).length, 1);
  // Every new assignment starts not started, 0 %.
  assert.ok([...t1.assignments, ...t2.assignments].every((a) => a.status === 'not_started' && a.progress === 0));
});

test('publishing a district plan gives "UBND cấp xã" to that district\'s communes only', async () => {
  await reloadUnits();
  const plan = await makePlan({
    token: h1lead,
    unitCode: 'H01',
    sections: [{ number: 'I', title: 'Nhiệm vụ của huyện', tasks: [
      { number: '1', title: 'Niêm yết công khai TTHC tại xã', lead: ['communes'], coop: ['departments'], timeline: 'Tháng 03/2023 (Cấp xã: 04/2023)' },
      { number: '2', title: 'Tổng hợp báo cáo của thành phố', lead: ['H01'], coop: ['X0101', 'X0201'], timeline: 'Trước 15/06/2023' },
    ] }],
    publish: true,
  });
  const [t1, t2] = allTasks(await getPlan(plan.id, h1lead));
  const h01communes = activeOf('commune', U.H01);
  assert.ok(['X0101', 'X0102', 'X0103', 'X0104'].every((c) => h01communes.some((u) => u.code === c)));
  assert.ok(!h01communes.some((u) => u.parent_id !== U.H01.id));
  assert.deepEqual(t1.assignments.map((a) => a.unit_id).sort((a, b) => a - b), h01communes.map((u) => u.id).sort((a, b) => a - b));
  assert.ok(t1.assignments.every((a) => a.due_date === '2023-04-30'));
  // A unit outside the owner's subtree (X0201 in H02) gets nothing from a district plan.
  assert.deepEqual(t2.assignments.map((a) => [a.unit_id, a.role, a.due_date]).sort(), [[U.H01.id, 'lead', '2023-06-15'], [U.X0101.id, 'coop', '2023-06-15']].sort());
  // The commune now sees the published district plan; a commune of another district does not.
  assert.equal((await req('GET', `/api/v1/plans/${plan.id}`, { token: xa11 })).status, 200);
  assertProblem(await req('GET', `/api/v1/plans/${plan.id}`, { token: xa21 }), 404);
  // X0102 has work in it too (through the group).
  assert.equal((await req('GET', `/api/v1/plans/${plan.id}`, { token: xa12 })).status, 200);
});

// ---- sections -------------------------------------------------------------------------------------
test('sections: create, update, delete; validation; scope', async () => {
  const plan = await makePlan({ token: h1lead, unitCode: 'H01' });
  let r = await req('POST', `/api/v1/plans/${plan.id}/sections`, { token: h1off, body: { number: 'II', title: 'Công tác truyền thông' } });
  assert.equal(r.status, 201, r.text);
  const sec = r.json;
  assert.equal(sec.plan_id, plan.id);
  assert.equal(sec.number, 'II');
  assert.ok(sec.sort_order > 10, 'appended after the first section');
  r = await req('PUT', `/api/v1/sections/${sec.id}`, { token: h1off, body: { title: 'Công tác truyền thông về KSTT', sort_order: 5 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'Công tác truyền thông về KSTT');
  assert.equal(r.json.number, 'II');
  const p = await getPlan(plan.id, h1off);
  assert.equal(p.sections[0].id, sec.id, 'sort_order 5 puts it first');

  for (const [body, field] of [[{}, 'title'], [{ title: 'x' }, 'title'], [{ title: 'Mục', number: '' }, 'number'], [{ title: 'Mục hợp lệ', extra: 1 }, 'extra'], [{ title: 'Mục hợp lệ', sort_order: -1 }, 'sort_order']]) {
    r = await req('POST', `/api/v1/plans/${plan.id}/sections`, { token: h1off, body });
    assertProblem(r, 422, field);
    assertVietnamese(r);
  }
  assertProblem(await req('POST', `/api/v1/plans/${plan.id}/sections`, { token: h1off, ...BAD_JSON }), 400);
  assertProblem(await req('PUT', `/api/v1/sections/${sec.id}`, { token: h1off, body: { title: 'y' } }), 422, 'title');
  // Out of scope 404, read-only 403, viewer 403, unknown 404.
  assertProblem(await req('POST', `/api/v1/plans/${plan.id}/sections`, { token: xa21, body: { title: 'Mục lạ' } }), 404);
  assertProblem(await req('PUT', `/api/v1/sections/${sec.id}`, { token: xa21, body: { title: 'Mục lạ' } }), 404);
  assertProblem(await req('DELETE', `/api/v1/sections/${sec.id}`, { token: xa21 }), 404);
  assertProblem(await req('PUT', `/api/v1/sections/${sec.id}`, { token: viewer, body: { title: 'Mục lạ' } }), 403);
  assertProblem(await req('PUT', '/api/v1/sections/99999999', { token: admin, body: { title: 'Mục lạ' } }), 404);
  assertProblem(await req('DELETE', '/api/v1/sections/99999999', { token: admin }), 404);
  const demoSection = (await getPlan(demoPlan.id, xa11)).sections[0];
  assertProblem(await req('PUT', `/api/v1/sections/${demoSection.id}`, { token: xa11, body: { title: 'Mục lạ' } }), 403);
  assertProblem(await req('DELETE', `/api/v1/sections/${demoSection.id}`, { token: xa11 }), 403);

  // In a draft, deleting a section deletes its tasks.
  const first = p.sections.find((s) => s.id !== sec.id);
  const taskId = first.tasks[0].id;
  r = await req('DELETE', `/api/v1/sections/${first.id}`, { token: h1off });
  assert.equal(r.status, 204, r.text);
  assertProblem(await req('GET', `/api/v1/tasks/${taskId}`, { token: h1off }), 404);
  assert.deepEqual((await getPlan(plan.id, h1off)).sections.map((s) => s.id), [sec.id]);
  // In a published plan, a section that still holds tasks stays (409); an empty one goes.
  const pub = await makePlan({ publish: true });
  const ps = (await getPlan(pub.id)).sections[0];
  assertProblem(await req('DELETE', `/api/v1/sections/${ps.id}`, { token: vp }), 409);
  const empty = await req('POST', `/api/v1/plans/${pub.id}/sections`, { token: vp, body: { title: 'Mục trống' } });
  assert.equal(empty.status, 201, empty.text);
  assert.equal((await req('DELETE', `/api/v1/sections/${empty.json.id}`, { token: vp })).status, 204);
});

// ---- tasks ---------------------------------------------------------------------------------------
test('tasks: create in a draft with units resolved from text and the timeline parsed (201)', async () => {
  const plan = await makePlan({});
  const sec = (await getPlan(plan.id)).sections[0];
  const r = await req('POST', `/api/v1/plans/${plan.id}/tasks`, {
    token: vp,
    body: { section_id: sec.id, number: '2', title: 'Công khai TTHC tại Bộ phận Một cửa', output: 'Danh mục được niêm yết', lead_text: 'Sở Tư pháp; UBND cấp xã', coop_text: 'Văn phòng UBND tỉnh', timeline_text: 'Quý II/2023' },
  });
  assert.equal(r.status, 201, r.text);
  const t = r.json;
  assert.equal(t.plan_id, plan.id);
  assert.equal(t.section_id, sec.id);
  assert.equal(t.number, '2');
  assert.equal(t.output, 'Danh mục được niêm yết');
  assert.equal(t.tl_kind, 'quarter');
  assert.equal(t.due_date, '2023-06-30');
  assert.equal(t.start_date, '2023-04-01');
  assert.equal(t.timeline.kind, 'quarter');
  assert.equal(t.timeline_text, 'Quý II/2023');
  assert.deepEqual(t.lead.map((u) => [u.unit_id, u.group ?? null]), [[U.STP.id, null], [null, 'communes']]);
  assert.deepEqual(t.coop.map((u) => u.unit_id), [U.VP.id]);
  // Structured lists are accepted as given; a sub-item hangs under its parent.
  const c = await req('POST', `/api/v1/plans/${plan.id}/tasks`, {
    token: vp,
    body: { section_id: sec.id, parent_task_id: t.id, number: '2.1', title: 'Niêm yết tại cấp xã', lead: [GROUPS.communes], coop: [], timeline_text: 'Thường xuyên' },
  });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.parent_task_id, t.id);
  assert.equal(c.json.tl_kind, 'continuous');
  const p = await getPlan(plan.id);
  const parent = allTasks(p).find((x) => x.id === t.id);
  assert.deepEqual(parent.children.map((x) => x.id), [c.json.id]);
  // A draft has no assignments yet.
  assert.equal(parent.assignments.length, 0);
});

test('tasks: create validation (422 per field) and bad JSON (400)', async () => {
  const plan = await makePlan({});
  const other = await makePlan({});
  const otherPlan = await getPlan(other.id);
  const url = `/api/v1/plans/${plan.id}/tasks`;
  for (const [body, field] of [
    [{}, 'title'],
    [{ title: 'x' }, 'title'],
    [{ title: 'Nhiệm vụ', lead: 'Sở Tư pháp' }, 'lead'],
    [{ title: 'Nhiệm vụ', coop: { unit_id: 1 } }, 'coop'],
    [{ title: 'Nhiệm vụ', lead: [{ text: 'Đơn vị ma', unit_id: 99999999 }] }, 'lead'],
    [{ title: 'Nhiệm vụ', lead: [{ text: 'Sở', unit_id: U.STP.id, group: 'planets' }] }, 'lead'],
    [{ title: 'Nhiệm vụ', lead: [{ unit_id: U.STP.id }] }, 'lead'],
    [{ title: 'Nhiệm vụ', section_id: otherPlan.sections[0].id }, 'section_id'],
    [{ title: 'Nhiệm vụ', parent_task_id: allTasks(otherPlan)[0].id }, 'parent_task_id'],
    [{ title: 'Nhiệm vụ', number: 'x'.repeat(17) }, 'number'],
    [{ title: 'Nhiệm vụ', timeline_text: 'x'.repeat(1001) }, 'timeline_text'],
    [{ title: 'Nhiệm vụ', sort_order: 'first' }, 'sort_order'],
    [{ title: 'Nhiệm vụ', owner: 'me' }, 'owner'],
  ]) {
    const r = await req('POST', url, { token: vp, body });
    assertProblem(r, 422, field);
    assertVietnamese(r);
  }
  assertProblem(await req('POST', url, { token: vp, ...BAD_JSON }), 400, 'body');
  assert.equal(allTasks(await getPlan(plan.id)).length, 1, 'nothing was added');
});

test('tasks: scope: read-only principals get 403, out-of-scope ones 404', async () => {
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01' });
  const tH01 = allTasks(await getPlan(draftH01.id, h1lead))[0];
  const tDemo = allTasks(await getPlan(demoPlan.id, xa11)).find((t) => t.assignments.some((a) => a.unit_id === U.X0101.id));
  // Commune officer on the province plan it reads: 403 for every write.
  assertProblem(await req('POST', `/api/v1/plans/${demoPlan.id}/tasks`, { token: xa11, body: { title: 'Nhiệm vụ của xã' } }), 403);
  assertProblem(await req('PUT', `/api/v1/tasks/${tDemo.id}`, { token: xa11, body: { title: 'Nhiệm vụ đã sửa' } }), 403);
  assertProblem(await req('DELETE', `/api/v1/tasks/${tDemo.id}`, { token: xa11 }), 403);
  assertProblem(await req('POST', `/api/v1/tasks/${tDemo.id}/event`, { token: xa11, body: { date: '2023-03-01' } }), 403);
  assert.equal((await req('GET', `/api/v1/tasks/${tDemo.id}`, { token: xa11 })).status, 200);
  // Another district's commune: the draft's tasks do not exist for it.
  assertProblem(await req('GET', `/api/v1/tasks/${tH01.id}`, { token: xa21 }), 404);
  assertProblem(await req('PUT', `/api/v1/tasks/${tH01.id}`, { token: xa21, body: { title: 'Nhiệm vụ lạ' } }), 404);
  assertProblem(await req('DELETE', `/api/v1/tasks/${tH01.id}`, { token: xa21 }), 404);
  assertProblem(await req('POST', `/api/v1/plans/${draftH01.id}/tasks`, { token: xa21, body: { title: 'Nhiệm vụ lạ' } }), 404);
  // The viewer reads, never writes.
  assert.equal((await req('GET', `/api/v1/tasks/${tH01.id}`, { token: viewer })).status, 200);
  assertProblem(await req('PUT', `/api/v1/tasks/${tH01.id}`, { token: viewer, body: { title: 'Nhiệm vụ lạ' } }), 403);
  assertProblem(await req('POST', `/api/v1/plans/${draftH01.id}/tasks`, { token: viewer, body: { title: 'Nhiệm vụ lạ' } }), 403);
  assertProblem(await req('GET', '/api/v1/tasks/99999999', { token: admin }), 404);
  assertProblem(await req('PUT', '/api/v1/tasks/99999999', { token: admin, body: { title: 'Nhiệm vụ lạ' } }), 404);
  assertProblem(await req('DELETE', '/api/v1/tasks/99999999', { token: admin }), 404);
  assertProblem(await req('GET', `/api/v1/tasks/${tH01.id}`), 401);
});

test('tasks: update fields and timeline; the due date follows the new timeline', async () => {
  const plan = await makePlan({});
  const t = allTasks(await getPlan(plan.id))[0];
  let r = await req('PUT', `/api/v1/tasks/${t.id}`, { token: vp, body: { title: 'Nhiệm vụ đã đổi tên', output: 'Báo cáo', timeline_text: 'Trước 15/03/2023', coop_text: 'Sở Nội vụ' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'Nhiệm vụ đã đổi tên');
  assert.equal(r.json.output, 'Báo cáo');
  assert.equal(r.json.tl_kind, 'date');
  assert.equal(r.json.due_date, '2023-03-15');
  assert.deepEqual(r.json.coop.map((u) => u.unit_id), [U.SNV.id]);
  assert.deepEqual(r.json.lead.map((u) => u.unit_id), [U.STP.id], 'lead untouched');
  r = await req('PUT', `/api/v1/tasks/${t.id}`, { token: vp, body: { output: null, number: '1a' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.output, null);
  assert.equal(r.json.due_date, '2023-03-15', 'timeline untouched');
  for (const [body, field] of [[{ title: '' }, 'title'], [{ lead: 'STP' }, 'lead'], [{ parent_task_id: t.id }, 'parent_task_id'], [{ section_id: 99999999 }, 'section_id']]) {
    r = await req('PUT', `/api/v1/tasks/${t.id}`, { token: vp, body });
    assertProblem(r, 422, field);
  }
  assertProblem(await req('PUT', `/api/v1/tasks/${t.id}`, { token: vp, ...BAD_JSON }), 400);
});

test('tasks: in a published plan, new tasks and newly named units get assignments at once', async () => {
  await reloadUnits();
  const plan = await makePlan({ publish: true });
  const sec = (await getPlan(plan.id)).sections[0];
  let r = await req('POST', `/api/v1/plans/${plan.id}/tasks`, { token: vp, body: { section_id: sec.id, number: '2', title: 'Nhiệm vụ bổ sung sau ban hành', lead_text: 'UBND cấp huyện', timeline_text: 'Quý III/2023' } });
  assert.equal(r.status, 201, r.text);
  let task = await req('GET', `/api/v1/tasks/${r.json.id}`, { token: vp });
  assert.equal(task.json.assignments.length, activeOf('district').length);
  assert.ok(task.json.assignments.every((a) => a.due_date === '2023-09-30'));
  // Naming one more unit in an existing task adds its assignment, keeping the old ones.
  const t1 = allTasks(await getPlan(plan.id))[0];
  r = await req('PUT', `/api/v1/tasks/${t1.id}`, { token: vp, body: { coop: [unit('SNV')] } });
  assert.equal(r.status, 200, r.text);
  task = await req('GET', `/api/v1/tasks/${t1.id}`, { token: vp });
  assert.deepEqual(task.json.assignments.map((a) => [a.unit_id, a.role]).sort(), [[U.STP.id, 'lead'], [U.SNV.id, 'coop']].sort());
});

test('tasks: changing a published task\'s timeline moves its assignments\' due dates, level-specific ones included', async () => {
  const plan = await makePlan({
    sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: 'Báo cáo kết quả rà soát', lead: ['STP', 'communes'], timeline: 'Tháng 03/2023' }] }],
    publish: true,
  });
  const t = allTasks(await getPlan(plan.id))[0];
  const r = await req('PUT', `/api/v1/tasks/${t.id}`, { token: vp, body: { timeline_text: 'Tháng 05/2023 (Cấp xã: 06/2023)' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.due_date, '2023-05-31');
  const task = (await req('GET', `/api/v1/tasks/${t.id}`, { token: vp })).json;
  const stpA = task.assignments.find((a) => a.unit_id === U.STP.id);
  assert.equal(stpA.due_date, '2023-05-31');
  const communeDues = [...new Set(task.assignments.filter((a) => a.unit_level === 'commune').map((a) => a.due_date))];
  assert.deepEqual(communeDues, ['2023-06-30'], 'communes keep their own (later) due date');
});

test('tasks: delete; a task with progress updates cannot be deleted (409)', async () => {
  const plan = await makePlan({
    sections: [{ number: 'I', title: 'Mục', tasks: [
      { number: '1', title: 'Nhiệm vụ sẽ có báo cáo', lead: ['X0101'], timeline: 'Quý I/2023' },
      { number: '2', title: 'Nhiệm vụ chưa ai báo cáo', lead: ['X0101'], timeline: 'Quý I/2023' },
    ] }],
    publish: true,
  });
  const [t1, t2] = allTasks(await getPlan(plan.id));
  const a = t1.assignments[0];
  const up = await req('POST', `/api/v1/assignments/${a.id}/updates`, { token: xa11, body: { status: 'in_progress', progress: 20, note: 'Đang làm' } });
  assert.equal(up.status, 201, up.text);
  const r = await req('DELETE', `/api/v1/tasks/${t1.id}`, { token: vp });
  assertProblem(r, 409);
  assert.match(r.json.detail, /báo cáo/);
  assert.equal((await req('GET', `/api/v1/tasks/${t1.id}`, { token: vp })).status, 200);
  assert.equal((await req('DELETE', `/api/v1/tasks/${t2.id}`, { token: vp })).status, 204);
  assertProblem(await req('GET', `/api/v1/tasks/${t2.id}`, { token: vp }), 404);
  assertProblem(await req('GET', `/api/v1/assignments/${t2.assignments[0].id}`, { token: xa11 }), 404);
});

test('tasks: the task page lists assignees, their updates, and the plan', async () => {
  const t = allTasks(await getPlan(demoPlan.id)).find((x) => x.assignments.length > 5);
  const r = await req('GET', `/api/v1/tasks/${t.id}`, { token: vp });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.plan.id, demoPlan.id);
  assert.equal(r.json.assignments.length, t.assignments.length);
  assert.ok(Array.isArray(r.json.updates) && r.json.updates.length > 0);
  assert.ok(r.json.updates.every((u) => r.json.assignments.some((a) => a.id === u.assignment_id)));
  assert.ok(Array.isArray(r.json.derived_tasks));
});

// ---- event timelines -----------------------------------------------------------------------------
test('events: recording the event sets due = date + offset (working days skip weekends and Tết)', async () => {
  const plan = await makePlan({
    sections: [{ number: 'I', title: 'Công bố TTHC', tasks: [
      { number: '1', title: 'Cập nhật TTHC vào CSDL quốc gia', lead: ['VP', 'districts'], timeline: 'Chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định công bố' },
      { number: '2', title: 'Niêm yết TTHC mới công bố', lead: ['STP'], timeline: 'Chậm nhất 10 ngày kể từ ngày ban hành Quyết định công bố' },
      { number: '3', title: 'Nhiệm vụ có hạn cố định', lead: ['STP'], timeline: 'Quý I/2023' },
    ] }],
    publish: true,
  });
  const [t1, t2, t3] = allTasks(await getPlan(plan.id));
  assert.equal(t1.tl_kind, 'event');
  assert.equal(t1.timeline.offset.working, true);
  assert.equal(t1.due_date, null);
  assert.ok(t1.assignments.length > 1 && t1.assignments.every((a) => a.due_date === null), 'no due date until the event');
  // Thu 19/01/2023; 20 and 23–26/01 are Tết, 21–22 and 28–29 weekends: 27, 30, 31, 1/2, 2/2.
  let r = await req('POST', `/api/v1/tasks/${t1.id}/event`, { token: vp, body: { date: '2023-01-19' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.event_date, '2023-01-19');
  assert.equal(r.json.due_date, '2023-02-02');
  const after = (await req('GET', `/api/v1/tasks/${t1.id}`, { token: vp })).json;
  assert.ok(after.assignments.every((a) => a.due_date === '2023-02-02'));
  // Calendar days count straight through the holiday.
  r = await req('POST', `/api/v1/tasks/${t2.id}/event`, { token: vp, body: { date: '2023-01-19' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.due_date, '2023-01-29');
  // Recording it again (a corrected date) moves the due date again.
  r = await req('POST', `/api/v1/tasks/${t1.id}/event`, { token: vp, body: { date: '2023-03-03' } });
  assert.equal(r.json.due_date, '2023-03-10');
  // Not an event timeline: 409. Validation: 422.
  assertProblem(await req('POST', `/api/v1/tasks/${t3.id}/event`, { token: vp, body: { date: '2023-01-19' } }), 409);
  for (const body of [{}, { date: '19/01/2023' }, { date: '2023-02-30' }, { date: '2023-01-19', note: 'x' }]) {
    const e = await req('POST', `/api/v1/tasks/${t1.id}/event`, { token: vp, body });
    assertProblem(e, 422);
    assertVietnamese(e);
  }
  assertProblem(await req('POST', `/api/v1/tasks/${t1.id}/event`, { token: vp, ...BAD_JSON }), 400);
  assertProblem(await req('POST', '/api/v1/tasks/99999999/event', { token: vp, body: { date: '2023-01-19' } }), 404);
  assertProblem(await req('POST', `/api/v1/tasks/${t1.id}/event`, { token: viewer, body: { date: '2023-01-19' } }), 403);
});

// ---- deriving ------------------------------------------------------------------------------------
test('derive: a district builds its draft from the province plan, each task linked to its source', async () => {
  const src = await getPlan(demoPlan.id);
  const r = await req('POST', `/api/v1/plans/${demoPlan.id}/derive`, { token: h1lead, body: { unit_id: U.H01.id } });
  assert.equal(r.status, 201, r.text);
  const d = r.json;
  assert.equal(d.status, 'draft');
  assert.equal(d.unit_id, U.H01.id);
  assert.equal(d.source_plan_id, demoPlan.id);
  assert.equal(d.year, 2023);
  assert.match(d.title, /Nam Định năm 2023/);
  const derived = await getPlan(d.id, h1lead);
  const dTasks = allTasks(derived);
  const srcTasks = allTasks(src);
  const srcById = new Map(srcTasks.map((t) => [t.id, t]));
  const assignedToH01 = srcTasks.filter((t) => t.assignments.some((a) => a.unit_id === U.H01.id));
  assert.ok(assignedToH01.length > 10);
  // Every derived task has a source; the set is the tasks assigned to H01, plus the parent of a
  // sub-item assigned to it (to keep the document's shape) — nothing else.
  assert.ok(dTasks.every((t) => Number.isInteger(t.source_task_id)));
  const srcIds = new Set(dTasks.map((t) => t.source_task_id));
  assert.equal(srcIds.size, dTasks.length, 'one copy per source task');
  for (const t of assignedToH01) assert.ok(srcIds.has(t.id), `task ${t.number} ${t.title.slice(0, 40)} copied`);
  for (const id of srcIds) {
    const s = srcById.get(id);
    const mine = s.assignments.some((a) => a.unit_id === U.H01.id);
    const parentOfMine = (s.children || []).some((c) => c.assignments.some((a) => a.unit_id === U.H01.id));
    assert.ok(mine || parentOfMine, `task ${s.number} ${s.title.slice(0, 40)} is not H01's`);
  }
  // Copies keep the text; sub-items stay under their parent; sections only where there is work.
  for (const t of dTasks) {
    const s = srcById.get(t.source_task_id);
    assert.equal(t.title, s.title);
    assert.equal(t.timeline_text, s.timeline_text);
    assert.equal(t.due_date, s.due_date);
    if (s.parent_task_id) assert.equal(dTasks.find((x) => x.id === t.parent_task_id)?.source_task_id, s.parent_task_id);
  }
  assert.ok(derived.sections.every((s) => s.tasks.length > 0));
  assert.ok(dTasks.every((t) => t.assignments.length === 0), 'a draft has no assignments');
  // The source task's page lists the derived task.
  const one = dTasks[0];
  const page = await req('GET', `/api/v1/tasks/${one.source_task_id}`, { token: vp });
  assert.equal(page.status, 200, page.text);
  assert.ok(page.json.derived_tasks.some((x) => x.id === one.id && x.plan_id === d.id && x.unit_id === U.H01.id));
  // A title may be given.
  const r2 = await req('POST', `/api/v1/plans/${demoPlan.id}/derive`, { token: xa11, body: { unit_id: U.X0101.id, title: 'Kế hoạch KSTT năm 2023 của phường Vị Xuyên' } });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.title, 'Kế hoạch KSTT năm 2023 của phường Vị Xuyên');
  const x = allTasks(await getPlan(r2.json.id, xa11));
  assert.equal(x.length, srcTasks.filter((t) => t.assignments.some((a) => a.unit_id === U.X0101.id) || (t.children || []).some((c) => c.assignments.some((a) => a.unit_id === U.X0101.id))).length);
});

test('derive: validation, scope and state', async () => {
  const url = `/api/v1/plans/${demoPlan.id}/derive`;
  assertProblem(await req('POST', url, { token: h1lead, body: {} }), 422, 'unit_id');
  assertProblem(await req('POST', url, { token: h1lead, body: { unit_id: U.H01.id, title: 'abc' } }), 422, 'title');
  assertProblem(await req('POST', url, { token: h1lead, body: { unit_id: U.H01.id, extra: true } }), 422, 'extra');
  assertProblem(await req('POST', url, { token: h1lead, ...BAD_JSON }), 400);
  // Only for a unit of one's own subtree.
  for (const [tok, code] of [[h1lead, 'H02'], [xa11, 'X0102'], [stp, 'SNV'], [h1off, 'NDH']]) {
    const r = await req('POST', url, { token: tok, body: { unit_id: U[code].id } });
    assertProblem(r, 422, 'unit_id');
  }
  assertProblem(await req('POST', url, { token: viewer, body: { unit_id: U.H01.id } }), 403);
  // From a draft: 409 (publish it first); from an invisible plan: 404.
  const draft = await makePlan({});
  const r = await req('POST', `/api/v1/plans/${draft.id}/derive`, { token: vp, body: { unit_id: U.STP.id } });
  assertProblem(r, 409);
  assert.deepEqual(r.json.allowed, ['publish']);
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01' });
  assertProblem(await req('POST', `/api/v1/plans/${draftH01.id}/derive`, { token: xa21, body: { unit_id: U.X0201.id } }), 404);
  assertProblem(await req('POST', '/api/v1/plans/99999999/derive', { token: vp, body: { unit_id: U.STP.id } }), 404);
});

// ---- progress board ------------------------------------------------------------------------------
test('progress: the board per unit puts the most overdue first, then the least progress', async () => {
  const r = await req('GET', `/api/v1/plans/${demoPlan.id}/progress`, { token: vp });
  assert.equal(r.status, 200, r.text);
  const b = r.json;
  assert.equal(b.plan_id, demoPlan.id);
  assert.ok(b.units.length > 40);
  assert.equal(b.assignments, b.units.reduce((s, u) => s + u.assignments, 0));
  assert.equal(b.overdue, b.units.reduce((s, u) => s + u.overdue, 0));
  assert.equal(b.done, b.units.reduce((s, u) => s + u.done, 0));
  assert.ok(b.overdue > 0, 'the demo has overdue work');
  for (let i = 1; i < b.units.length; i++) {
    const [p, q] = [b.units[i - 1], b.units[i]];
    assert.ok(p.overdue > q.overdue || (p.overdue === q.overdue && p.progress <= q.progress), `order at ${i}: ${JSON.stringify([p, q])}`);
  }
  for (const u of b.units) {
    assert.ok(u.progress >= 0 && u.progress <= 100);
    assert.ok(u.done + u.overdue <= u.assignments);
  }
  // The board agrees with the plan view.
  const plan = await getPlan(demoPlan.id);
  const asg = allTasks(plan).flatMap((t) => t.assignments);
  assert.equal(asg.length, b.assignments);
  assert.equal(asg.filter((a) => a.overdue).length, b.overdue);
  // A district sees its own subtree's rows; a commune only itself; outsiders of a draft get 404.
  const d = (await req('GET', `/api/v1/plans/${demoPlan.id}/progress`, { token: h1lead })).json;
  const h01 = new Set([U.H01.id, ...activeOf('commune', U.H01).map((u) => u.id)]);
  assert.ok(d.units.length > 0 && d.units.every((u) => h01.has(u.unit_id)), JSON.stringify(d.units.map((u) => u.unit_name)));
  const x = (await req('GET', `/api/v1/plans/${demoPlan.id}/progress`, { token: xa11 })).json;
  assert.deepEqual(x.units.map((u) => u.unit_id), [U.X0101.id]);
  assert.equal((await req('GET', `/api/v1/plans/${demoPlan.id}/progress`, { token: viewer })).status, 200);
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01' });
  assertProblem(await req('GET', `/api/v1/plans/${draftH01.id}/progress`, { token: xa21 }), 404);
  const empty = await req('GET', `/api/v1/plans/${draftH01.id}/progress`, { token: h1lead });
  assert.equal(empty.status, 200);
  assert.equal(empty.json.assignments, 0);
  assert.equal(empty.json.progress, null);
  assertProblem(await req('GET', '/api/v1/plans/99999999/progress', { token: vp }), 404);
});

// ---- export --------------------------------------------------------------------------------------

test('export: the plan as a real .xlsx in the document\'s columns, with progress', async () => {
  const res = await fetch(`${BASE}/api/v1/plans/${demoPlan.id}/export`, { headers: { authorization: `Bearer ${xa11}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition') || '', /attachment;.*\.xlsx/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const zip = unzip(buf);
  assert.ok(zip.has('[Content_Types].xml') && zip.has('xl/workbook.xml') && zip.has('xl/worksheets/sheet1.xml'), [...zip.keys()].join(', '));
  const strings = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') || '').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => xmlText(m[1]));
  const inline = [...zip.get('xl/worksheets/sheet1.xml').toString('utf8').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => xmlText(m[1]));
  const cells = [...strings, ...inline];
  for (const h of ['STT', 'Nhiệm vụ', 'Kết quả', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Tiến độ']) assert.ok(cells.includes(h), `header ${h}`);
  const title = firstCell(buf);
  assert.equal(title.slice(0, demoPlan.title.length), demoPlan.title, 'the title row starts with the plan title');
  assert.match(title.slice(demoPlan.title.length), /^ — UBND tỉnh Nam Định — năm 2023 — tiến độ lập lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  assert.ok(cells.includes('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH'), 'a section row');
  assert.ok(cells.some((c) => /^\d+% \(\d+\/\d+ xong, \d+ quá hạn\)$/.test(c)), 'a progress cell');
  // Scope: an outsider of a draft gets 404; an unknown plan 404; anonymous 401.
  const draftH01 = await makePlan({ token: h1lead, unitCode: 'H01' });
  assertProblem(await req('GET', `/api/v1/plans/${draftH01.id}/export`, { token: xa21 }), 404);
  assert.equal((await req('GET', `/api/v1/plans/${draftH01.id}/export`, { token: viewer })).status, 200);
  assertProblem(await req('GET', '/api/v1/plans/99999999/export', { token: vp }), 404);
  assertProblem(await req('GET', `/api/v1/plans/${demoPlan.id}/export`), 401);
});
