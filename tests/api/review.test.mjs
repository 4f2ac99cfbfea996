// Review of procedures (issue 17, part 1): a review plan's tasks name procedures (or a field), the
// published plan gives each lead unit one form per procedure, the unit fills and submits it, the
// Provincial Office accepts or returns it, accepted changes become simplification proposals, a
// decision adopts them and each is implemented on the procedure's own record. Scope throughout.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { lastYearWindow, refProcedures, reportFor } from '../lib/report-ref.mjs';
import { answers, fillAndSubmit, formOf, newField, newProcedure, publish, reviewPlan, setTargets, COMPONENT_KEYS } from './review.lib.mjs';

let admin, vp, tinh, h1lead, h1off, xa11, xa21, stp;
const U = {};
let fx; // { plan, tasks, procs: [p1, p2], field, fieldProcs: [f1, f2] }

before(async () => {
  [admin, vp, tinh, h1lead, h1off, xa11, xa21, stp] = await Promise.all(['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'xa21.daumoi', 'stp.daumoi'].map((u) => login(u)));
  for (const c of ['NDH', 'H01', 'X0101', 'X0201', 'STP']) U[c] = await unitByCode(c);
  const procs = [await newProcedure(admin), await newProcedure(admin)];
  const field = await newField(admin);
  const fieldProcs = [await newProcedure(admin, field.id), await newProcedure(admin, field.id)];
  const { plan, tasks } = await reviewPlan(admin, U.NDH.id, [U.X0101.id, U.X0201.id]);
  fx = { plan, tasks, procs, field, fieldProcs };
});

test('review targets: set on a draft review plan task, the field kept for publishing; checks and scope', async () => {
  const t = fx.tasks[U.X0101.id];
  let r = await setTargets(vp, t.id, { procedure_ids: fx.procs.map((p) => p.id), field_id: fx.field.id });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.procedures.map((p) => p.id).sort(), fx.procs.map((p) => p.id).sort());
  assert.equal(r.json.field.id, fx.field.id);
  assert.ok(r.json.procedures.every((p) => p.forms === 0), 'no forms before publishing');
  r = await setTargets(admin, fx.tasks[U.X0201.id].id, { procedure_ids: [fx.procs[0].id] });
  assert.equal(r.status, 200, r.text);
  // validation (Vietnamese, naming the field)
  r = await setTargets(vp, t.id, { procedure_ids: [99999999] });
  assertProblem(r, 422, 'procedure_ids');
  assert.match(r.json.errors[0].message, /thủ tục/);
  assertProblem(await setTargets(vp, t.id, { procedure_ids: 'x' }), 422, 'procedure_ids');
  assertProblem(await setTargets(vp, t.id, { procedure_ids: [], field_id: 99999999 }), 422, 'field_id');
  assertProblem(await setTargets(vp, t.id, {}), 422, 'procedure_ids');
  // a task of a plan of another kind has no review targets
  const other = await req('POST', '/api/v1/plans', { token: admin, body: { unit_id: U.NDH.id, year: 2026, kind: 'kstt', title: 'Kế hoạch KSTT (thử rà soát)' } });
  const ot = await req('POST', `/api/v1/plans/${other.json.id}/tasks`, { token: admin, body: { title: 'Nhiệm vụ thường', lead: [{ text: 'Xã', unit_id: U.X0101.id }] } });
  assertProblem(await setTargets(admin, ot.json.id, { procedure_ids: [fx.procs[0].id] }), 409);
  // who may write the plan: not a commune officer, not outside
  assert.equal((await setTargets(xa11, t.id, { procedure_ids: [] })).status, 404); // draft plan: invisible to the commune
  assertProblem(await setTargets(vp, 99999999, { procedure_ids: [] }), 404);
  // reading: the owner's side reads; a draft plan is invisible to the commune
  r = await req('GET', `/api/v1/tasks/${t.id}/review-targets`, { token: tinh });
  assert.equal(r.status, 200);
  assert.equal(r.json.procedures.length, 2);
  assertProblem(await req('GET', `/api/v1/tasks/${t.id}/review-targets`, { token: xa11 }), 404);
});

test('publishing gives each lead unit one draft form per procedure, the field expanded to its procedures in force', async () => {
  const pub = await publish(admin, fx.plan.id);
  assert.equal(pub.status, 'published');
  const t = fx.tasks[U.X0101.id];
  const r = await req('GET', `/api/v1/tasks/${t.id}/review-targets`, { token: xa11 });
  assert.equal(r.status, 200, r.text);
  const ids = r.json.procedures.map((p) => p.id).sort();
  assert.deepEqual(ids, [...fx.procs, ...fx.fieldProcs].map((p) => p.id).sort());
  assert.ok(r.json.procedures.every((p) => p.forms === 1));
  const l = await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}&per_page=100`, { token: admin });
  assert.equal(l.json.total, 5);
  assert.ok(l.json.items.every((f) => f.status === 'draft'));
  assert.deepEqual([...new Set(l.json.items.map((f) => f.unit_id))].sort(), [U.X0101.id, U.X0201.id].sort());
  // after publishing, procedures can be added (a new form at once) but not taken away
  const extra = await newProcedure(admin);
  let s = await setTargets(admin, t.id, { procedure_ids: [...ids, extra.id], field_id: fx.field.id });
  assert.equal(s.status, 200, s.text);
  assert.equal((await formOf(admin, fx.plan.id, extra.id)).unit_id, U.X0101.id);
  s = await setTargets(admin, t.id, { procedure_ids: [extra.id] });
  assertProblem(s, 409);
});

test('forms are scoped: the commune its own, the district its subtree, the province all; ids of every row in scope', async () => {
  const mine = await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}`, { token: xa11 });
  assert.equal(mine.status, 200);
  assert.ok(mine.json.total >= 4);
  assert.ok(mine.json.items.every((f) => f.unit_id === U.X0101.id), 'commune sees only its forms');
  const dist = await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}`, { token: h1lead });
  assert.ok(dist.json.items.every((f) => f.unit_id === U.X0101.id), 'district H01 sees its communes only');
  const other = await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}`, { token: xa21 });
  assert.ok(other.json.items.every((f) => f.unit_id === U.X0201.id));
  assert.equal(other.json.total, 1);
  const f = await formOf(admin, fx.plan.id, fx.procs[0].id + 0);
  const x0201 = other.json.items[0];
  assertProblem(await req('GET', `/api/v1/review/forms/${x0201.id}`, { token: xa11 }), 404);
  assertProblem(await req('GET', `/api/v1/review/forms?unit_id=${U.X0201.id}`, { token: xa11 }), 404);
  assertProblem(await req('GET', '/api/v1/review/forms?status=nope', { token: xa11 }), 422, 'status');
  const stpl = await req('GET', '/api/v1/review/forms', { token: stp });
  assert.ok(stpl.json.items.every((x) => x.unit_id === U.STP.id));
  assert.ok(f);
});

test('a unit fills its form (draft, partial), cannot submit it incomplete, submits; then it is locked', async () => {
  const mine = await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}&procedure_id=${fx.procs[0].id}`, { token: xa11 });
  const id = mine.json.items.find((f) => f.unit_id === U.X0101.id).id;
  let g = await req('GET', `/api/v1/review/forms/${id}`, { token: xa11 });
  assert.equal(g.status, 200);
  assert.deepEqual(g.json.components.map((c) => c.component), COMPONENT_KEYS);
  assert.equal(g.json.components[0].label, 'Tên thủ tục');
  assert.equal(g.json.procedure.id, fx.procs[0].id);
  assert.equal(g.json.unit_id, U.X0101.id);
  assert.equal(g.json.can_edit, true);
  // a partial draft
  let r = await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { components: [{ component: 'fee', necessary: false, reason: 'Trùng lặp' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.components[7].necessary, false);
  assert.equal(r.json.components[7].reason, 'Trùng lặp');
  // validation of a draft
  r = await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { components: [{ component: 'colour' }] } });
  assertProblem(r, 422, 'components[0].component');
  assert.match(r.json.errors[0].message, /Bộ phận/);
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { proposal: 'burn' } }), 422, 'proposal');
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { components: [{ component: 'fee', lawful: 'có' }] } }), 422, 'components[0].lawful');
  // submitting an incomplete form names what is missing
  r = await req('POST', `/api/v1/review/forms/${id}/submit`, { token: xa11 });
  assertProblem(r, 422, 'proposal');
  assert.ok(r.json.errors.some((e) => e.field === 'components[7].proposal'));
  // leaders read, do not write; another commune does not see it
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: h1lead, body: { proposal: 'keep' } }), 403);
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: xa21, body: { proposal: 'keep' } }), 404);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/submit`, { token: xa21 }), 404);
  // complete and submit
  const s = await fillAndSubmit(xa11, id);
  assert.equal(s.status, 'submitted');
  assert.equal(s.can_edit, false);
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { proposal: 'keep' } }), 409);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/submit`, { token: xa11 }), 409);
  // the coordinator's queue lists it
  const q = await req('GET', '/api/v1/review/forms?status=submitted&per_page=500', { token: vp });
  assert.ok(q.json.items.some((f) => f.id === id));
  g = await req('GET', `/api/v1/review/forms/${id}`, { token: vp });
  assert.equal(g.json.can_decide, true);
  fx.submitted = id;
});

// The notifications of kind about form id that who holds (newest first).
const noticesOf = async (who, kind, id) =>
  (await req('GET', '/api/v1/notifications?per_page=200', { token: who })).json.items.filter((n) => n.kind === kind && n.entity_id === id);

test('the coordinator returns a form with a reason; the unit edits and submits again', async () => {
  const id = (await req('GET', `/api/v1/review/forms?plan_id=${fx.plan.id}&procedure_id=${fx.procs[1].id}`, { token: xa11 })).json.items[0].id;
  await fillAndSubmit(xa11, id, true);
  // the submission tells the coordinating unit, not the communes
  let n = await noticesOf(vp, 'review.submitted', id);
  assert.equal(n.length, 1);
  assert.equal(n[0].entity, 'review_form');
  assert.equal(n[0].link, `/app/ra-soat/phieu/${id}`);
  assert.ok(n[0].title.includes(fx.procs[1].name), n[0].title);
  assert.equal((await noticesOf(xa21, 'review.submitted', id)).length, 0);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/return`, { token: vp, body: {} }), 422, 'reason');
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/return`, { token: xa11, body: { reason: 'x' } }), 403);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/return`, { token: h1lead, body: { reason: 'x' } }), 403);
  let r = await req('POST', `/api/v1/review/forms/${id}/return`, { token: vp, body: { reason: 'Chưa nêu căn cứ pháp lý của thời hạn.' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.return_reason, 'Chưa nêu căn cứ pháp lý của thời hạn.');
  // the return tells the reviewing unit, with the reason; another commune hears nothing
  n = await noticesOf(xa11, 'review.returned', id);
  assert.equal(n.length, 1);
  assert.equal(n[0].body, 'Chưa nêu căn cứ pháp lý của thời hạn.');
  assert.equal(n[0].link, `/app/ra-soat/phieu/${id}`);
  assert.equal((await noticesOf(xa21, 'review.returned', id)).length, 0);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/accept`, { token: vp }), 409);
  r = await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { components: [{ ...answers(true)[4], reason: 'Theo Nghị định 63/2010.' }] } });
  assert.equal(r.status, 200, r.text);
  r = await req('POST', `/api/v1/review/forms/${id}/submit`, { token: xa11 });
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.return_reason, null);
  // accepted with keep: no proposal
  r = await req('POST', `/api/v1/review/forms/${id}/accept`, { token: vp });
  assert.equal(r.json.status, 'accepted');
  assert.equal(r.json.proposal_id, null);
  // a second submission is a second event; the acceptance reaches the unit
  assert.equal((await noticesOf(vp, 'review.submitted', id)).length, 2);
  assert.equal((await noticesOf(xa11, 'review.accepted', id)).length, 1);
});

test('accepting a form that changes the procedure makes a proposal; a decision adopts it; implementing amends the procedure', async () => {
  const id = fx.submitted;
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/accept`, { token: xa11 }), 403);
  assertProblem(await req('POST', `/api/v1/review/forms/${id}/accept`, { token: stp }), 403);
  let r = await req('POST', `/api/v1/review/forms/${id}/accept`, { token: vp });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'accepted');
  assert.ok(r.json.proposal_id > 0);
  const pid = r.json.proposal_id;
  assertProblem(await req('PUT', `/api/v1/review/forms/${id}`, { token: xa11, body: { proposal: 'keep' } }), 409);
  // the proposal, in scope
  let l = await req('GET', `/api/v1/review/proposals?status=proposed&unit_id=${U.X0101.id}&per_page=500`, { token: xa11 });
  const p = l.json.items.find((x) => x.id === pid);
  assert.equal(p.kind, 'simplify');
  assert.equal(p.procedure_id, fx.procs[0].id);
  assert.equal(p.unit_id, U.X0101.id);
  l = await req('GET', '/api/v1/review/proposals?per_page=500', { token: xa21 });
  assert.ok(l.json.items.every((x) => x.unit_id === U.X0201.id));
  // implementing before a decision: 409
  // dates relative to today: the report test below counts this decision in a window ending today
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const daysBefore = (n) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86400e3).toISOString().slice(0, 10);
  const impl = { document_number: `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`, document_date: daysBefore(5), outcome: 'amended' };
  assertProblem(await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: vp, body: impl }), 409);
  // the decision
  const number = `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`;
  const body = { number, date: daysBefore(10), title: 'Phê duyệt phương án đơn giản hóa TTHC', proposal_ids: [pid] };
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: xa11, body }), 403);
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: vp, body: { ...body, proposal_ids: [] } }), 422, 'proposal_ids');
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: vp, body: { ...body, proposal_ids: [99999999] } }), 422, 'proposal_ids');
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: vp, body: { ...body, date: '2026-02-30' } }), 422, 'date');
  r = await req('POST', '/api/v1/review/decisions', { token: vp, body });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, number);
  assert.deepEqual(r.json.items.map((x) => x.id), [pid]);
  assert.equal(r.json.items[0].status, 'decided');
  const did = r.json.id;
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: vp, body: { ...body, number: `${number}-2` } }), 422, 'proposal_ids');
  assertProblem(await req('POST', '/api/v1/review/decisions', { token: vp, body }), 422, 'number');
  // read: the decision with the proposals the reader sees
  let d = await req('GET', `/api/v1/review/decisions/${did}`, { token: xa11 });
  assert.equal(d.json.items.length, 1);
  d = await req('GET', `/api/v1/review/decisions/${did}`, { token: xa21 });
  assert.equal(d.status, 200);
  assert.equal(d.json.items.length, 0, 'another commune sees the decision, not the proposal');
  const dl = await req('GET', '/api/v1/review/decisions?year=2026', { token: tinh });
  assert.ok(dl.json.items.some((x) => x.id === did && x.proposals === 1));
  assertProblem(await req('GET', '/api/v1/review/decisions/99999999', { token: tinh }), 404);
  // implementation
  assertProblem(await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: vp, body: { ...impl, outcome: 'gone' } }), 422, 'outcome');
  assertProblem(await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: vp, body: { ...impl, document_date: daysBefore(15) } }), 422, 'document_date');
  assertProblem(await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: xa11, body: impl }), 403);
  r = await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: vp, body: impl });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'implemented');
  assert.equal(r.json.outcome, 'amended');
  assert.equal(r.json.decision_id, did);
  assert.equal(r.json.procedure_status, 'amended');
  assertProblem(await req('POST', `/api/v1/review/proposals/${pid}/implement`, { token: vp, body: impl }), 409);
  const proc = await req('GET', `/api/v1/procedures/${fx.procs[0].id}`, { token: xa11 });
  assert.equal(proc.json.status, 'amended');
  assert.equal(proc.json.status_decision_no, impl.document_number);
  const h = await req('GET', `/api/v1/procedures/${fx.procs[0].id}/history`, { token: admin });
  assert.ok(h.json.items.some((x) => x.action === 'status' && /phương án đơn giản hóa số/.test(x.note || '')), JSON.stringify(h.json.items[0]));
  fx.decision = did;
});

test('exports: forms, proposals and decisions as .xlsx, scoped', async () => {
  for (const [path, who] of [
    [`/api/v1/review/forms/export?plan_id=${fx.plan.id}`, xa11],
    ['/api/v1/review/proposals/export?status=implemented', vp],
    ['/api/v1/review/decisions/export?year=2026', tinh],
  ]) {
    const r = await req('GET', path, { token: who });
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    assert.match(r.headers.get('content-disposition'), /\.xlsx/);
  }
  assertProblem(await req('GET', `/api/v1/review/forms/export?unit_id=${U.X0201.id}`, { token: xa11 }), 404);
  assertProblem(await req('GET', '/api/v1/review/forms/export'), 401);
});

test("the periodic report's procedure table counts the procedures reviewed and simplified from the review", async () => {
  // the last 360 days: the review above happened in the last few days
  const { from, to } = lastYearWindow();
  const r = { json: await reportFor(xa11, U.X0101.id, from, to, `Báo cáo rà soát ${Date.now()}`) };
  const t = r.json.computed.procedures;
  // both procedures of the commune's forms were accepted today; one was adopted by a decision 10 days ago
  assert.ok(t.reviewed >= 2, JSON.stringify(t));
  assert.ok(t.simplified >= 1, JSON.stringify(t));
  const ref = refProcedures(U.X0101.id, from, to, true);
  assert.deepEqual({ reviewed: t.reviewed, simplified: t.simplified, cost_saving: t.cost_saving }, { reviewed: ref.reviewed, simplified: ref.simplified, cost_saving: ref.cost_saving });
  // the district's report counts its communes' review too
  const d = { json: await reportFor(h1off, U.H01.id, from, to, `Báo cáo rà soát huyện ${Date.now()}`) };
  const dref = refProcedures(U.H01.id, from, to, false);
  assert.equal(d.json.system.procedures.reviewed, dref.reviewed);
  assert.ok(d.json.system.procedures.reviewed >= t.reviewed);
});
