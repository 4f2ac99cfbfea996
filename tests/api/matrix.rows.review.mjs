// Access matrix rows for the review of procedures (issue 17, part 1). Format: see the comment at the
// top of matrix.rows.mjs.
//
// The setup publishes a review plan of the province whose tasks give X0101, H01, STP and X0201 one
// form each per procedure; a fresh form (a new throwaway procedure added to the unit's task) is made
// wherever a row changes a form's state. "inside" is a form of the principal's own unit (province-wide
// principals: X0101's); "outside" one of commune X0201 (in H02: 404 for every district, commune and
// department principal). Forms are written by the unit's admin, specialists and officers (leaders and
// viewers read: 403); accepting, returning, deciding and implementing is the Provincial Office's
// (review.coordinate: vp.kstt, the province admin standing in).
import { grant, signedIn, only } from './matrix.rows.mjs';
import { answers, newProcedure } from './review.lib.mjs';

const MISSING = 99999999;
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'huyen1.admin'];
const OWN = { anonymous: 'X0101', admin: 'X0101', 'vp.kstt': 'X0101', 'lanhdao.tinh': 'X0101', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'xa11.daumoi': 'X0101', viewer: 'H01', 'huyen1.admin': 'H01', 'xa11.viewer': 'X0101' };
const COORD = ['admin', 'vp.kstt'];
const READ_OUT = signedIn(200, grant([...NARROW, 'viewer', 'xa11.viewer'], 404));
const ROLE_DENIED = { 'lanhdao.tinh': 403, 'huyen1.lanhdao': 403, viewer: 403, 'xa11.viewer': 403 };
const WRITE_IN = signedIn(200, { ...ROLE_DENIED, 'huyen1.admin': 200 });
const WRITE_OUT = signedIn(404, { ...ROLE_DENIED, admin: 200, 'vp.kstt': 200, 'huyen1.admin': 404 });
const COORDINATE = only(grant(COORD, 200));

async function call(ctx, method, path, body, token = ctx.admin) {
  const r = await ctx.req(method, path, { token, body });
  if (r.status >= 300) throw new Error(`matrix review fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A new draft form of unit `code`: a throwaway procedure added to the unit's review task. */
async function fresh(ctx, code) {
  const rv = ctx.review;
  const p = await newProcedure(ctx.admin);
  rv.targets[code].push(p.id);
  await call(ctx, 'PUT', `/api/v1/tasks/${rv.tasks[code]}/review-targets`, { procedure_ids: rv.targets[code] });
  const l = await call(ctx, 'GET', `/api/v1/review/forms?plan_id=${rv.plan}&procedure_id=${p.id}`);
  return l.items[0].id;
}

/** A fresh form of `code`, filled (with a change) by the admin; submitted when asked. */
async function filled(ctx, code, { submit = false } = {}) {
  const id = await fresh(ctx, code);
  await call(ctx, 'PUT', `/api/v1/review/forms/${id}`, { components: answers(false), proposal: 'simplify', change_text: 'Bãi bỏ lệ phí.' });
  if (submit) await call(ctx, 'POST', `/api/v1/review/forms/${id}/submit`);
  return id;
}

/** A fresh proposal of `code`, accepted by the coordinator; adopted by a new decision when asked. */
async function proposal(ctx, code, { decided = false } = {}) {
  const id = await filled(ctx, code, { submit: true });
  const f = await call(ctx, 'POST', `/api/v1/review/forms/${id}/accept`);
  if (decided) await call(ctx, 'POST', '/api/v1/review/decisions', { number: `${ctx.rand()}/QĐ-UBND`, date: '2026-06-01', title: 'Phê duyệt (ma trận)', proposal_ids: [f.proposal_id] });
  return f.proposal_id;
}

const may = (who) => COORD.includes(who);

export async function setup(ctx) {
  const codes = ['X0101', 'H01', 'STP', 'X0201'];
  const plan = await call(ctx, 'POST', '/api/v1/plans', { unit_id: ctx.U.NDH.id, year: 2026, kind: 'review', title: `Kế hoạch rà soát (ma trận) ${ctx.rand()}` });
  const rv = (ctx.review = { plan: plan.id, tasks: {}, targets: {}, forms: {} });
  for (const code of codes) {
    const p = await newProcedure(ctx.admin);
    const t = await call(ctx, 'POST', `/api/v1/plans/${plan.id}/tasks`, { title: `Rà soát (ma trận) ${code}`, lead: [{ text: code, unit_id: ctx.U[code].id }], timeline_text: 'Quý IV/2026' });
    rv.tasks[code] = t.id;
    rv.targets[code] = [p.id];
    await call(ctx, 'PUT', `/api/v1/tasks/${t.id}/review-targets`, { procedure_ids: [p.id] });
  }
  await call(ctx, 'POST', `/api/v1/plans/${plan.id}/publish`);
  for (const code of codes) {
    const l = await call(ctx, 'GET', `/api/v1/review/forms?plan_id=${plan.id}&unit_id=${ctx.U[code].id}`);
    rv.forms[code] = l.items.find((f) => f.unit_id === ctx.U[code].id).id;
  }
  // a draft review plan: its task is invisible outside the province
  const draft = await call(ctx, 'POST', '/api/v1/plans', { unit_id: ctx.U.NDH.id, year: 2026, kind: 'review', title: `Kế hoạch rà soát nháp (ma trận) ${ctx.rand()}` });
  rv.draftTask = (await call(ctx, 'POST', `/api/v1/plans/${draft.id}/tasks`, { title: 'Rà soát nháp', lead: [{ text: 'X0201', unit_id: ctx.U.X0201.id }] })).id;
  // one decision with a proposal of X0201 (outside the narrow principals) and one of X0101
  const a = await proposal(ctx, 'X0201');
  const b = await proposal(ctx, 'X0101');
  rv.decision = (await call(ctx, 'POST', '/api/v1/review/decisions', { number: `${ctx.rand()}/QĐ-UBND`, date: '2026-05-01', title: 'Phê duyệt (ma trận)', proposal_ids: [a, b] })).id;
  rv.anyProposal = b;
}

const own = (ctx, who) => ctx.review.forms[OWN[who]];

export const rows = [
  {
    route: 'GET /api/v1/tasks/{id}/review-targets',
    action: 'plans.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: ctx.review.tasks[OWN[who]] } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.review.draftTask } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/tasks/{id}/review-targets',
    action: 'plans.write',
    // Writing the plan: the province's coordinator, admin and leader; the assignees read it (403).
    inside: {
      expect: signedIn(403, { admin: 200, 'vp.kstt': 200, 'lanhdao.tinh': 200 }),
      request: async (ctx, who) => ({ params: { id: ctx.review.tasks[OWN[who]] }, body: { procedure_ids: ctx.review.targets[OWN[who]] } }),
    },
    outside: {
      expect: signedIn(404, { admin: 200, 'vp.kstt': 200, 'lanhdao.tinh': 200, viewer: 403, 'xa11.viewer': 403 }),
      request: async (ctx) => ({ params: { id: ctx.review.draftTask }, body: { procedure_ids: [] } }),
    },
  },
  {
    route: 'GET /api/v1/review/forms',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[OWN[who]].id}&plan_id=${ctx.review.plan}` }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0201.id}` }) },
  },
  {
    route: 'GET /api/v1/review/forms/export',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[OWN[who]].id}&plan_id=${ctx.review.plan}` }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0201.id}` }) },
  },
  {
    route: 'GET /api/v1/review/forms/{id}',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: own(ctx, who) } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.review.forms.X0201 } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/review/forms/{id}',
    action: 'review.write',
    inside: { expect: WRITE_IN, request: async (ctx, who) => ({ params: { id: own(ctx, who) }, body: { change_text: `Ghi chú ${ctx.rand()}` } }) },
    outside: { expect: WRITE_OUT, request: async (ctx) => ({ params: { id: ctx.review.forms.X0201 }, body: { change_text: 'x' } }) },
    missing: { expect: signedIn(404, { ...ROLE_DENIED, 'huyen1.admin': 404 }), request: async () => ({ params: { id: MISSING }, body: { change_text: 'x' } }) },
  },
  {
    route: 'POST /api/v1/review/forms/{id}/submit',
    action: 'review.write',
    inside: { expect: WRITE_IN, request: async (ctx, who) => ({ params: { id: WRITE_IN[who] === 403 && who !== 'huyen1.admin' ? own(ctx, who) : await filled(ctx, OWN[who]) } }) },
    outside: { expect: WRITE_OUT, request: async (ctx, who) => ({ params: { id: WRITE_OUT[who] === 200 ? await filled(ctx, 'X0201') : ctx.review.forms.X0201 } }) },
  },
  {
    route: 'POST /api/v1/review/forms/{id}/accept',
    action: 'review.coordinate',
    inside: { expect: COORDINATE, request: async (ctx, who) => ({ params: { id: may(who) ? await filled(ctx, OWN[who], { submit: true }) : own(ctx, who) } }) },
    outside: { expect: COORDINATE, request: async (ctx, who) => ({ params: { id: may(who) ? await filled(ctx, 'X0201', { submit: true }) : ctx.review.forms.X0201 } }) },
  },
  {
    route: 'POST /api/v1/review/forms/{id}/return',
    action: 'review.coordinate',
    inside: { expect: COORDINATE, request: async (ctx, who) => ({ params: { id: may(who) ? await filled(ctx, OWN[who], { submit: true }) : own(ctx, who) }, body: { reason: 'Bổ sung lý do.' } }) },
    outside: { expect: COORDINATE, request: async (ctx, who) => ({ params: { id: may(who) ? await filled(ctx, 'X0201', { submit: true }) : ctx.review.forms.X0201 }, body: { reason: 'Bổ sung lý do.' } }) },
  },
  {
    route: 'GET /api/v1/review/proposals',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[OWN[who]].id}` }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0201.id}&status=decided` }) },
  },
  {
    route: 'GET /api/v1/review/proposals/export',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[OWN[who]].id}` }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0201.id}` }) },
  },
  {
    route: 'POST /api/v1/review/proposals/{id}/implement',
    action: 'review.coordinate',
    inside: {
      expect: COORDINATE,
      request: async (ctx, who) => ({ params: { id: may(who) ? await proposal(ctx, OWN[who], { decided: true }) : ctx.review.anyProposal }, body: { document_number: `${ctx.rand()}/NĐ-CP`, document_date: '2026-07-01', outcome: 'amended' } }),
    },
    outside: {
      expect: COORDINATE,
      request: async (ctx, who) => ({ params: { id: may(who) ? await proposal(ctx, 'X0201', { decided: true }) : ctx.review.anyProposal }, body: { document_number: `${ctx.rand()}/NĐ-CP`, document_date: '2026-07-01', outcome: 'simplified' } }),
    },
    missing: { expect: only(grant(COORD, 404)), request: async () => ({ params: { id: MISSING }, body: { document_number: '1/NĐ-CP', document_date: '2026-07-01', outcome: 'amended' } }) },
  },
  {
    route: 'GET /api/v1/review/decisions',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026' }) },
  },
  {
    route: 'GET /api/v1/review/decisions/export',
    action: 'review.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026' }) },
  },
  {
    route: 'POST /api/v1/review/decisions',
    action: 'review.coordinate',
    inside: {
      expect: only(grant(COORD, 201)),
      request: async (ctx, who) => ({ body: { number: `${ctx.rand()}/QĐ-UBND`, date: '2026-06-02', title: 'Phê duyệt (ma trận)', proposal_ids: [may(who) ? await proposal(ctx, 'X0101') : ctx.review.anyProposal] } }),
    },
  },
  {
    route: 'GET /api/v1/review/decisions/{id}',
    action: 'review.read',
    // The province's decision is read by everyone; its proposals are those of the reader's scope.
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.review.decision } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.review.decision } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
];
