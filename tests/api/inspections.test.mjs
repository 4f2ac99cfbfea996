// Inspections with follow-ups, communications and dialogues (issue 18, parts 1 and 3): an inspection
// of a unit below the inspecting one (or any unit for the Provincial Office), its team and checklist
// copied from the coordinator's template, findings that become follow-up assignments of the
// inspected unit with their source, closing refused while a follow-up is open; dialogues whose
// commitments are follow-ups too. Contents, validation and scope are checked, not only statuses.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req, unitByCode, BASE } from '../lib/api.mjs';
import { firstCell } from '../lib/xlsx-read.mjs';
import { kstt } from '../lib/stack.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { lastYearWindow, refInspections, reportFor } from '../lib/report-ref.mjs';

let admin, vp, tinh, h1lead, h1off, xa11, xa21, stp;
const U = {};
const ME = {};
const YEAR = 2026;

before(async () => {
  [admin, vp, tinh, h1lead, h1off, xa11, xa21, stp] = await Promise.all(
    ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'xa21.daumoi', 'stp.daumoi'].map((u) => login(u)),
  );
  for (const c of ['VP', 'H01', 'H02', 'X0101', 'X0201', 'STP']) U[c] = await unitByCode(c);
  for (const [k, t] of Object.entries({ vp, h1lead, h1off })) ME[k] = (await req('GET', '/api/v1/auth/me', { token: t })).json.user;
});

const create = (token, body) => req('POST', '/api/v1/inspections', { token, body });
const base = (over = {}) => ({ unit_id: U.H01.id, subject: 'public_posting', planned_date: `${YEAR}-11-20`, announced: true, team: [], ...over });
const finding = (token, id, body) => req('POST', `/api/v1/inspections/${id}/findings`, { token, body });
const myAssignments = async (token) => (await req('GET', '/api/v1/assignments?per_page=500', { token })).json.items;
const done = (token, asgId) => req('POST', `/api/v1/assignments/${asgId}/updates`, { token, body: { status: 'done', note: 'Đã khắc phục' } });

test('create: team, checklist copied from the template, the inspecting and inspected units named', async () => {
  const tpl = (await req('GET', '/api/v1/inspection-templates/public_posting', { token: vp })).json;
  const r = await create(vp, base({ team: [{ user_id: ME.vp.id, role: 'head' }, { user_id: ME.h1off.id, role: 'member' }] }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.inspecting_unit_id, U.VP.id);
  assert.equal(r.json.unit_id, U.H01.id);
  assert.equal(r.json.unit_name, U.H01.name);
  assert.equal(r.json.status, 'planned');
  assert.equal(r.json.announced, true);
  assert.equal(r.json.plan_id, null);
  assert.deepEqual(r.json.team.map((m) => [m.user_id, m.role]).sort(), [[ME.vp.id, 'head'], [ME.h1off.id, 'member']].sort());
  assert.deepEqual(r.json.checklist.map((c) => c.text), tpl.items);
  assert.deepEqual(r.json.checklist.map((c) => c.n), tpl.items.map((_, i) => i + 1));
  assert.ok(r.json.checklist.every((c) => c.result === null && Array.isArray(c.evidence)));
  assert.deepEqual(r.json.findings, []);
  const g = await req('GET', `/api/v1/inspections/${r.json.id}`, { token: h1off });
  assert.equal(g.status, 200);
  assert.equal(g.json.id, r.json.id);
});

test('create: validation errors name the field in Vietnamese', async () => {
  let r = await create(vp, base({ subject: 'other' }));
  assertProblem(r, 422, 'subject');
  r = await create(vp, base({ planned_date: undefined }));
  assertProblem(r, 422, 'planned_date');
  r = await create(vp, base({ team: [{ user_id: ME.vp.id, role: 'captain' }] }));
  assertProblem(r, 422, 'team');
  assert.match(r.json.errors.find((e) => e.field === 'team').message, /vai trò/);
  r = await create(vp, base({ team: [{ user_id: ME.vp.id, role: 'head' }, { user_id: ME.h1off.id, role: 'head' }] }));
  assertProblem(r, 422, 'team');
  assert.match(r.json.errors[0].message, /trưởng đoàn/);
  r = await create(vp, base({ team: [{ user_id: 99999999, role: 'member' }] }));
  assertProblem(r, 422, 'team');
  // a district inspects its own communes, not another district's
  r = await create(h1lead, base({ unit_id: U.X0201.id }));
  assertProblem(r, 422, 'unit_id');
  assert.match(r.json.errors[0].message, /cấp dưới/);
  // a commune has nothing below it
  assertProblem(await create(xa11, base({ unit_id: U.X0101.id })), 422, 'unit_id');
  // the plan must be an inspection plan
  const kstt = await req('POST', '/api/v1/plans', { token: vp, body: { unit_id: U.VP.id, year: YEAR, kind: 'kstt', title: 'Kế hoạch KSTT (thử kiểm tra)' } });
  assert.equal(kstt.status, 201, kstt.text);
  assertProblem(await create(vp, base({ plan_id: kstt.json.id })), 422, 'plan_id');
  // (viewers: the access matrix, which makes its own viewer accounts)
});

test('self-inspection: the district inspects its commune; the commune reads it, the other district does not', async () => {
  const r = await create(h1lead, base({ unit_id: U.X0101.id, subject: 'one_stop' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.inspecting_unit_id, U.H01.id);
  const id = r.json.id;
  for (const t of [xa11, h1off, vp, tinh, admin]) assert.equal((await req('GET', `/api/v1/inspections/${id}`, { token: t })).status, 200);
  for (const t of [xa21, stp]) assertProblem(await req('GET', `/api/v1/inspections/${id}`, { token: t }), 404);
  // the inspected commune reads but does not write
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: xa11, body: { announced: false } }), 403);
  assertProblem(await finding(xa11, id, { text: 'x', action_required: false }), 403);
  // lists: the commune sees it, the other district's commune does not
  const l1 = await req('GET', `/api/v1/inspections?year=${YEAR}&per_page=500`, { token: xa11 });
  assert.ok(l1.json.items.some((i) => i.id === id));
  assert.ok(l1.json.items.every((i) => i.unit_id === U.X0101.id || i.inspecting_unit_id === U.X0101.id), 'only its own');
  const l2 = await req('GET', `/api/v1/inspections?year=${YEAR}&per_page=500`, { token: xa21 });
  assert.ok(!l2.json.items.some((i) => i.id === id));
  assertProblem(await req('GET', `/api/v1/inspections?unit_id=${U.X0101.id}`, { token: xa21 }), 404);
});

test('an unannounced inspection stays hidden from the inspected unit until carried out', async () => {
  const r = await create(h1lead, base({ unit_id: U.X0101.id, announced: false }));
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assertProblem(await req('GET', `/api/v1/inspections/${id}`, { token: xa11 }), 404);
  const u = await req('PUT', `/api/v1/inspections/${id}`, { token: h1off, body: { actual_date: `${YEAR}-11-02` } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.status, 'done');
  assert.equal((await req('GET', `/api/v1/inspections/${id}`, { token: xa11 })).json.id, id);
});

test('carrying out: actual date, checklist results and notes, conclusion number; checks', async () => {
  const id = (await create(vp, base())).json.id;
  let r = await req('PUT', `/api/v1/inspections/${id}`, {
    token: vp,
    body: { actual_date: `${YEAR}-11-25`, checklist: [{ n: 1, result: 'not_compliant', note: 'Thiếu 3 thủ tục' }, { n: 2, result: 'compliant', note: null }], conclusion_no: '15/KL-VP', conclusion_date: `${YEAR}-11-28` },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'done');
  assert.equal(r.json.actual_date, `${YEAR}-11-25`);
  assert.deepEqual(r.json.checklist.map((c) => [c.n, c.result, c.note]), [[1, 'not_compliant', 'Thiếu 3 thủ tục'], [2, 'compliant', null]]);
  assert.equal(r.json.conclusion_no, '15/KL-VP');
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: vp, body: { checklist: [{ n: 99, result: 'compliant' }] } }), 422, 'checklist');
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: vp, body: { checklist: [{ n: 1, result: 'maybe' }] } }), 422, 'checklist');
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: vp, body: { actual_date: '2099-01-01' } }), 422, 'actual_date');
  // the inspected district reads, does not write; outside: invisible
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: h1off, body: { announced: false } }), 403);
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: stp, body: { announced: false } }), 404);
  assertProblem(await req('GET', '/api/v1/inspections/99999999', { token: vp }), 404);
});

test('findings become follow-up assignments the inspected unit sees with their source; closing waits for them', async () => {
  const id = (await create(vp, base({ subject: 'dossier_handling' }))).json.id;
  // closing before it is carried out is refused
  assertProblem(await req('POST', `/api/v1/inspections/${id}/close`, { token: vp }), 409);
  assert.equal((await req('PUT', `/api/v1/inspections/${id}`, { token: vp, body: { actual_date: `${YEAR}-11-26` } })).status, 200);
  // validation: an action needs a due date; text required
  assertProblem(await finding(vp, id, { text: 'Trễ hạn', action_required: true }), 422, 'due');
  assertProblem(await finding(vp, id, { text: '', action_required: false }), 422, 'text');
  assertProblem(await finding(vp, id, { text: 'x', action_required: 'yes' }), 422, 'action_required');
  // a remark without action makes no follow-up
  let r = await finding(vp, id, { text: 'Sổ theo dõi cập nhật tốt', action_required: false });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.assignment_id, null);
  const f1 = await finding(vp, id, { text: 'Hồ sơ trễ hạn chưa có phiếu xin lỗi', action_required: true, due: `${YEAR}-12-20` });
  const f2 = await finding(vp, id, { text: 'Chưa công khai kết quả giải quyết', action_required: true, due: `${YEAR}-12-25` });
  for (const f of [f1, f2]) {
    assert.equal(f.status, 201, f.text);
    assert.equal(f.json.inspection_id, id);
    assert.ok(Number.isInteger(f.json.assignment_id));
  }
  const asgIds = [f1.json.assignment_id, f2.json.assignment_id];
  // the district sees both in its work list, with their source and due dates
  const mine = (await myAssignments(h1off)).filter((a) => a.source && a.source.kind === 'inspection' && a.source.id === id);
  assert.deepEqual(mine.map((a) => a.id).sort(), [...asgIds].sort());
  for (const a of mine) {
    assert.equal(a.unit_id, U.H01.id);
    assert.equal(a.source.unit_name, U.VP.name);
    assert.equal(a.role, 'lead');
    assert.equal(a.plan_status, 'published');
    assert.match(a.plan_title, /Theo dõi thực hiện kết luận kiểm tra năm 2026/);
  }
  assert.deepEqual(mine.map((a) => a.due_date).sort(), [`${YEAR}-12-20`, `${YEAR}-12-25`]);
  // one assignment read on its own carries the source too; another district does not see it
  r = await req('GET', `/api/v1/assignments/${asgIds[0]}`, { token: h1off });
  assert.deepEqual({ kind: r.json.source.kind, id: r.json.source.id }, { kind: 'inspection', id });
  assertProblem(await req('GET', `/api/v1/assignments/${asgIds[0]}`, { token: xa21 }), 404);
  assert.ok(!(await myAssignments(stp)).some((a) => asgIds.includes(a.id)));
  // the inspection lists its findings and follow-ups
  r = await req('GET', `/api/v1/inspections/${id}`, { token: h1off });
  assert.equal(r.json.findings.length, 3);
  assert.deepEqual(r.json.followups.map((f) => f.assignment_id).sort(), [...asgIds].sort());
  assert.ok(r.json.followups.every((f) => f.unit_id === U.H01.id && f.status === 'not_started'));
  // close refused, naming the open follow-ups
  r = await req('POST', `/api/v1/inspections/${id}/close`, { token: vp });
  assertProblem(r, 409);
  assert.deepEqual([...r.json.open_followups].sort(), [...asgIds].sort());
  assert.match(r.json.detail, /2 việc khắc phục/);
  // the inspected unit does not close it
  assertProblem(await req('POST', `/api/v1/inspections/${id}/close`, { token: h1off }), 403);
  // one done: still refused, naming the other
  assert.equal((await done(h1off, asgIds[0])).status, 201);
  r = await req('POST', `/api/v1/inspections/${id}/close`, { token: vp });
  assertProblem(r, 409);
  assert.deepEqual(r.json.open_followups, [asgIds[1]]);
  assert.equal((await done(h1off, asgIds[1])).status, 201);
  r = await req('POST', `/api/v1/inspections/${id}/close`, { token: vp });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assert.ok(r.json.closed_at);
  assert.ok(r.json.followups.every((f) => f.status === 'done'));
  // a closed inspection does not change
  assertProblem(await req('PUT', `/api/v1/inspections/${id}`, { token: vp, body: { announced: false } }), 409);
  assertProblem(await finding(vp, id, { text: 'Muộn', action_required: false }), 409);
  // the list filters by status and counts findings
  const l = await req('GET', `/api/v1/inspections?status=closed&unit_id=${U.H01.id}&year=${YEAR}`, { token: tinh });
  const row = l.json.items.find((i) => i.id === id);
  assert.ok(row);
  assert.equal(row.findings, 3);
  assert.equal(row.open_followups, 0);
  assert.ok(l.json.items.every((i) => i.status === 'closed'));
  assertProblem(await req('GET', '/api/v1/inspections?status=open', { token: vp }), 422, 'status');
});

test('templates: every role reads; the coordinator edits; new inspections copy, old ones keep their text', async () => {
  const before = (await req('GET', '/api/v1/inspection-templates/kstt', { token: xa11 })).json;
  assert.equal(before.subject, 'kstt');
  assert.ok(before.items.length > 0);
  const old = (await create(vp, base({ subject: 'kstt' }))).json;
  const items = [...before.items, 'Báo cáo định kỳ đúng hạn (thử)'];
  let r = await req('PUT', '/api/v1/inspection-templates/kstt', { token: vp, body: { items } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items, items);
  assertProblem(await req('PUT', '/api/v1/inspection-templates/kstt', { token: h1lead, body: { items } }), 403);
  assertProblem(await req('PUT', '/api/v1/inspection-templates/kstt', { token: vp, body: { items: [''] } }), 422, 'items');
  assertProblem(await req('PUT', '/api/v1/inspection-templates/kstt', { token: vp, body: {} }), 422, 'items');
  assertProblem(await req('GET', '/api/v1/inspection-templates/weather', { token: vp }), 404);
  const fresh = (await create(vp, base({ subject: 'kstt' }))).json;
  assert.deepEqual(fresh.checklist.map((c) => c.text), items);
  const again = (await req('GET', `/api/v1/inspections/${old.id}`, { token: vp })).json;
  assert.deepEqual(again.checklist.map((c) => c.text), before.items);
  r = await req('PUT', '/api/v1/inspection-templates/kstt', { token: vp, body: { items: before.items } });
  assert.equal(r.status, 200);
});

test('inspection export: an .xlsx whose title row says what, which unit, which year, when', async () => {
  const res = await fetch(`${BASE}/api/v1/inspections/export?unit_id=${U.H01.id}&year=${YEAR}`, { headers: { authorization: `Bearer ${h1off}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const title = firstCell(Buffer.from(await res.arrayBuffer()));
  assert.match(title, /CUỘC KIỂM TRA/);
  assert.match(title, new RegExp(U.H01.name));
  assert.match(title, /năm 2026/);
  assert.match(title, /lập lúc/);
  assertProblem(await req('GET', `/api/v1/inspections/export?unit_id=${U.H01.id}`, { token: xa21 }), 404);
});

test('communications: record, list by kind and unit, update; link checked; scope', async () => {
  let r = await req('POST', '/api/v1/communications', { token: h1off, body: { kind: 'news', date: `${YEAR}-10-01`, channel: 'Cổng thông tin huyện', title: 'Tin về cải cách TTHC', link: 'https://example.gov.vn/tin' } });
  assert.equal(r.status, 201, r.text);
  const c = r.json;
  assert.equal(c.unit_id, U.H01.id);
  assert.equal(c.kind, 'news');
  assert.equal(c.link, 'https://example.gov.vn/tin');
  assert.deepEqual(c.commitments, []);
  assertProblem(await req('POST', '/api/v1/communications', { token: h1off, body: { kind: 'news', date: `${YEAR}-10-01`, title: 'x', link: 'javascript:alert(1)' } }), 422, 'link');
  assertProblem(await req('POST', '/api/v1/communications', { token: h1off, body: { kind: 'poster', date: `${YEAR}-10-01`, title: 'x' } }), 422, 'kind');
  assertProblem(await req('POST', '/api/v1/communications', { token: h1off, body: { kind: 'news', date: `${YEAR}-10-01`, title: '' } }), 422, 'title');
  assertProblem(await req('POST', '/api/v1/communications', { token: h1off, body: { unit_id: U.H02.id, kind: 'news', date: `${YEAR}-10-01`, title: 'x' } }), 422, 'unit_id');
  r = await req('PUT', `/api/v1/communications/${c.id}`, { token: h1off, body: { title: 'Tin về cải cách TTHC (sửa)' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'Tin về cải cách TTHC (sửa)');
  // the province reads it, the commune below reads it, another district does not
  for (const t of [vp, tinh]) assert.equal((await req('GET', `/api/v1/communications/${c.id}`, { token: t })).json.id, c.id);
  for (const t of [xa21, stp]) assertProblem(await req('GET', `/api/v1/communications/${c.id}`, { token: t }), 404);
  assertProblem(await req('PUT', `/api/v1/communications/${c.id}`, { token: xa21, body: { title: 'x' } }), 404);
  const l = await req('GET', `/api/v1/communications?unit_id=${U.H01.id}&year=${YEAR}&kind=news`, { token: h1lead });
  assert.ok(l.json.items.some((i) => i.id === c.id));
  assert.ok(l.json.items.every((i) => i.kind === 'news'));
  const l2 = await req('GET', `/api/v1/communications?year=${YEAR}&per_page=500`, { token: xa21 });
  assert.ok(!l2.json.items.some((i) => i.id === c.id));
  // a commitment only in a dialogue
  assertProblem(await req('POST', `/api/v1/communications/${c.id}/commitments`, { token: h1off, body: { question: 'q', answer: 'a', unit_id: U.H01.id, due: `${YEAR}-12-31` } }), 409);
});

test('dialogue commitments are follow-up assignments of the committing unit with source dialogue', async () => {
  const d = (await req('POST', '/api/v1/communications', { token: h1off, body: { kind: 'dialogue', date: `${YEAR}-10-15`, title: 'Đối thoại với doanh nghiệp' } })).json;
  const body = { question: 'Thời gian cấp phép xây dựng quá dài', answer: 'Rút ngắn còn 10 ngày', unit_id: U.X0101.id, due: `${YEAR}-12-31` };
  assertProblem(await req('POST', `/api/v1/communications/${d.id}/commitments`, { token: h1off, body: { ...body, unit_id: U.X0201.id } }), 422, 'unit_id');
  assertProblem(await req('POST', `/api/v1/communications/${d.id}/commitments`, { token: h1off, body: { ...body, question: '' } }), 422, 'question');
  assertProblem(await req('POST', `/api/v1/communications/${d.id}/commitments`, { token: h1off, body: { ...body, due: undefined } }), 422, 'due');
  const r = await req('POST', `/api/v1/communications/${d.id}/commitments`, { token: h1off, body });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.commitments.length, 1);
  const k = r.json.commitments[0];
  assert.equal(k.unit_id, U.X0101.id);
  assert.equal(k.answer, body.answer);
  assert.equal(k.followup_status, 'not_started');
  const a = (await myAssignments(xa11)).find((x) => x.id === k.assignment_id);
  assert.ok(a, 'the commune sees the commitment in its work list');
  assert.equal(a.source.kind, 'dialogue');
  assert.equal(a.source.id, d.id);
  assert.equal(a.unit_id, U.X0101.id);
  assert.equal(a.due_date, `${YEAR}-12-31`);
  assert.ok(!(await myAssignments(xa21)).some((x) => x.id === k.assignment_id));
  // a dialogue with commitments stays a dialogue
  assertProblem(await req('PUT', `/api/v1/communications/${d.id}`, { token: h1off, body: { kind: 'news' } }), 409);
});

test('communications export: title row with unit and year', async () => {
  const res = await fetch(`${BASE}/api/v1/communications/export?unit_id=${U.H01.id}&year=${YEAR}`, { headers: { authorization: `Bearer ${h1lead}` } });
  assert.equal(res.status, 200);
  const title = firstCell(Buffer.from(await res.arrayBuffer()));
  assert.match(title, /TRUYỀN THÔNG/);
  assert.match(title, new RegExp(U.H01.name));
  assert.match(title, /năm 2026/);
  assert.match(title, /lập lúc/);
});

test('an overdue follow-up is told to the inspecting unit once per due date by the scheduler job', async () => {
  // the server's "today" is Asia/Ho_Chi_Minh; a follow-up due yesterday is overdue today
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400e3).toISOString().slice(0, 10);
  const id = (await create(h1lead, base({ unit_id: U.X0101.id, planned_date: yesterday }))).json.id;
  const f = await finding(h1off, id, { text: 'Sổ theo dõi chưa cập nhật (quá hạn)', action_required: true, due: yesterday });
  assert.equal(f.status, 201, f.text);
  const asg = f.json.assignment_id;
  const notes = () => sql(`SELECT unit_id, kind, link FROM notifications WHERE kind = 'followup.overdue' AND entity = 'assignment' AND entity_id = ${asg}`);
  assert.deepEqual(notes(), []);
  assert.match(kstt('run-job', 'followup-overdue'), /followup-overdue done/);
  const first = notes();
  assert.equal(first.length, 1, JSON.stringify(first));
  assert.equal(Number(first[0][0]), U.H01.id, 'to the inspecting district, not the commune');
  assert.match(first[0][2], /^\/app\/nhiem-vu\/\d+\?phan-cong=/);
  kstt('run-job', 'followup-overdue');
  assert.equal(notes().length, 1, 'once per follow-up and due date');
  // the commune sees it overdue in its work list; done, it is no longer chased
  const a = (await myAssignments(xa11)).find((x) => x.id === asg);
  assert.equal(a.overdue, true);
  assert.equal((await done(xa11, asg)).status, 201);
});

test("the periodic report counts the inspections the unit made in the window, with their follow-ups", async () => {
  // the last 360 days: the inspections here are carried out in November of YEAR
  const { from, to } = lastYearWindow();
  const today = to;
  const r = { json: await reportFor(h1off, U.H01.id, from, to, `Báo cáo kiểm tra ${Date.now()}`) };
  // the inspections made in the district's subtree (its own of its communes among them)
  assert.deepEqual(r.json.system.inspections, refInspections(U.H01.id, from, to, today, false));
  assert.ok(r.json.system.inspections.done >= 1, JSON.stringify(r.json.system.inspections));
  // the Provincial Office's report counts the inspections it made of the district, with the findings
  const p = { json: await reportFor(vp, U.VP.id, from, to, `Báo cáo kiểm tra VP ${Date.now()}`) };
  const want = refInspections(U.VP.id, from, to, today, true);
  assert.deepEqual(p.json.computed.inspections, want);
  assert.ok(want.findings >= 2 && want.followups >= 2, JSON.stringify(want));
});
