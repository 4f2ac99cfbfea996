// Access matrix rows for the registries (issue 18): focal officers, training, budget. Format: see
// the comment at the top of matrix.rows.mjs.
//
// Everyone signed in reads (registries.read), each object only within scope: "inside" objects
// belong to commune X0101 (in district H01) or are organised by H01, "outside" ones to X0201 or
// H02 (province-wide principals only). Writes (registries.write) are for admins, leaders and
// specialists, in their own subtree; the budget categories (budget.categories) for the Provincial
// Office and the province admin. Writers act on fresh objects, so no row changes shared fixtures
// that another row reads.
import { grant, only, signedIn } from './matrix.rows.mjs';
import { multipart } from './feedback.lib.mjs';

const MISSING = 99999999;
const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const WRITERS = ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao'];
const CATEGORY = ['admin', 'vp.kstt'];
const readIn = signedIn(200, { 'stp.daumoi': 404 });
const readOut = only(grant(WIDE, 200), 404);
const writeOut = (status) => only({ ...grant(WIDE, status), 'huyen1.lanhdao': 404 });
const pdf = (ctx) => Buffer.from(`%PDF-1.4\n% so theo doi ${ctx.rand()}\n%%EOF\n`);

async function ok(ctx, method, path, opts, status = 200) {
  const r = await ctx.req(method, path, { token: ctx.admin, ...opts });
  if (r.status !== status) throw new Error(`matrix registries fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A focal officer's appointment of a new account of the unit (code), with its decision file. */
async function appointment(ctx, code, withFile = false) {
  const user = await ctx.newUser({ unit: ctx.U[code].id });
  const a = await ok(ctx, 'POST', '/api/v1/focal-officers', { body: { user_id: user.id, decision_no: `${ctx.rand()}/QĐ-UBND`, decision_date: '2024-01-02', start_date: '2024-01-02' } }, 201);
  if (withFile) {
    const mp = multipart({}, [{ field: 'file', name: 'quyet-dinh.pdf', type: 'application/pdf', data: pdf(ctx) }]);
    await ok(ctx, 'POST', `/api/v1/focal-officers/${a.id}/decision`, { raw: mp.body, headers: mp.headers });
  }
  return a;
}

/** A course organised by unit (code) with one attendee of attendeeCode, and one material. */
async function course(ctx, code, attendeeCode, withFile = false) {
  const user = await ctx.newUser({ unit: ctx.U[attendeeCode].id });
  const t = await ok(ctx, 'POST', '/api/v1/trainings', { body: { organiser_unit_id: ctx.U[code].id, topic: `Tập huấn ma trận ${ctx.rand()}`, held_on: ctx.today, online: true, attendees: [user.id] } }, 201);
  if (withFile) {
    const mp = multipart({}, [{ field: 'files', name: 'tai-lieu.pdf', type: 'application/pdf', data: pdf(ctx) }]);
    await ok(ctx, 'POST', `/api/v1/trainings/${t.id}/materials`, { raw: mp.body, headers: mp.headers }, 201);
  }
  return { ...t, attendee: user };
}

const lineBody = (ctx, code) => ({ unit_id: ctx.U[code].id, year: 2026, category_id: ctx.reg.categoryId, kind: 'spending', amount: 1250000, note: `Ma trận ${ctx.rand()}` });

export async function setup(ctx) {
  const cats = await ok(ctx, 'GET', '/api/v1/budget/categories', {});
  ctx.reg = { categoryId: cats.items[0].id };
  ctx.reg.focalIn = await appointment(ctx, 'X0101', true);
  ctx.reg.focalOut = await appointment(ctx, 'X0201', true);
  ctx.reg.courseIn = await course(ctx, 'H01', 'X0101', true);
  ctx.reg.courseOut = await course(ctx, 'H02', 'X0201', true);
  ctx.reg.lineIn = await ok(ctx, 'POST', '/api/v1/budget/lines', { body: lineBody(ctx, 'X0101') }, 201);
  ctx.reg.lineOut = await ok(ctx, 'POST', '/api/v1/budget/lines', { body: lineBody(ctx, 'X0201') }, 201);
  ctx.reg.category = await ok(ctx, 'POST', '/api/v1/budget/categories', { body: { code: `MX-${ctx.rand()}`, name: 'Nội dung chi ma trận' } }, 201);
}

/** For writers a fresh object from make(ctx), for the others the shared one (refused first). */
const fresh = (make, shared) => async (ctx, who) => (WRITERS.includes(who) || who === 'huyen1.admin' ? await make(ctx) : shared(ctx));

export const rows = [
  // ---- focal officers ----
  { route: 'GET /api/v1/focal-officers', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'vacant=1&per_page=5' }) } },
  { route: 'GET /api/v1/focal-officers/export', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'all=1' }) } },
  {
    route: 'POST /api/v1/focal-officers',
    action: 'registries.write',
    inside: {
      expect: only(grant(WRITERS, 201)),
      request: async (ctx, who) => ({ body: { user_id: WRITERS.includes(who) || who === 'huyen1.admin' ? (await ctx.newUser({ unit: ctx.U.X0101.id })).id : ctx.reg.focalIn.user_id, decision_no: '1/QĐ', decision_date: '2025-01-02', start_date: '2025-01-02' } }),
    },
  },
  {
    route: 'GET /api/v1/focal-officers/{id}',
    action: 'registries.read',
    inside: { expect: readIn, request: async (ctx) => ({ params: { id: ctx.reg.focalIn.id } }) },
    outside: { expect: readOut, request: async (ctx) => ({ params: { id: ctx.reg.focalOut.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/focal-officers/{id}',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 200)), request: async (ctx, who) => ({ params: { id: (await fresh((c) => appointment(c, 'X0101'), (c) => c.reg.focalIn)(ctx, who)).id }, body: { end_date: ctx.today, end_reason: 'Ma trận' } }) },
    outside: { expect: writeOut(200), request: async (ctx, who) => ({ params: { id: (WIDE.includes(who) ? await appointment(ctx, 'X0201') : ctx.reg.focalOut).id }, body: { end_date: ctx.today } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async (ctx) => ({ params: { id: MISSING }, body: { end_date: ctx.today } }) },
  },
  {
    route: 'POST /api/v1/focal-officers/{id}/decision',
    action: 'registries.write',
    // The runner sends JSON: for a writer in scope a body that is not a form, 422 (nothing written).
    inside: { expect: only(grant(WRITERS, 422)), request: async (ctx) => ({ params: { id: ctx.reg.focalIn.id }, body: { file: [] } }) },
    outside: { expect: writeOut(422), request: async (ctx) => ({ params: { id: ctx.reg.focalOut.id }, body: { file: [] } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: MISSING }, body: { file: [] } }) },
  },
  {
    route: 'GET /api/v1/focal-officers/{id}/decision',
    action: 'registries.read',
    inside: { expect: readIn, request: async (ctx) => ({ params: { id: ctx.reg.focalIn.id } }) },
    outside: { expect: readOut, request: async (ctx) => ({ params: { id: ctx.reg.focalOut.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },

  // ---- training ----
  { route: 'GET /api/v1/trainings', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026&per_page=5' }) } },
  { route: 'GET /api/v1/trainings/export', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026' }) } },
  { route: 'GET /api/v1/trainings/untrained', action: 'registries.read', inside: { expect: readIn, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0101.id}&year=2026` }) } },
  {
    route: 'POST /api/v1/trainings',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 201)), request: async (ctx) => ({ body: { organiser_unit_id: ctx.U.H01.id, topic: `Ma trận ${ctx.rand()}`, held_on: ctx.today, online: true } }) },
  },
  {
    route: 'GET /api/v1/trainings/{id}',
    action: 'registries.read',
    inside: { expect: readIn, request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id } }) },
    outside: { expect: readOut, request: async (ctx) => ({ params: { id: ctx.reg.courseOut.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/trainings/{id}',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 200)), request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id }, body: { note: `Ghi chú ${ctx.rand()}` } }) },
    outside: { expect: writeOut(200), request: async (ctx) => ({ params: { id: ctx.reg.courseOut.id }, body: { note: `Ghi chú ${ctx.rand()}` } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: MISSING }, body: { note: 'x' } }) },
  },
  {
    route: 'PUT /api/v1/trainings/{id}/attendees',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 200)), request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id }, body: { user_ids: [ctx.reg.courseIn.attendee.id] } }) },
    outside: { expect: writeOut(200), request: async (ctx) => ({ params: { id: ctx.reg.courseOut.id }, body: { user_ids: [ctx.reg.courseOut.attendee.id] } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: MISSING }, body: { user_ids: [] } }) },
  },
  {
    route: 'POST /api/v1/trainings/{id}/materials',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 422)), request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id }, body: { files: [] } }) },
    outside: { expect: writeOut(422), request: async (ctx) => ({ params: { id: ctx.reg.courseOut.id }, body: { files: [] } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: MISSING }, body: { files: [] } }) },
  },
  {
    route: 'GET /api/v1/trainings/{id}/materials/{n}',
    action: 'registries.read',
    inside: { expect: readIn, request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id, n: 1 } }) },
    outside: { expect: readOut, request: async (ctx) => ({ params: { id: ctx.reg.courseOut.id, n: 1 } }) },
    missing: { expect: signedIn(404), request: async (ctx) => ({ params: { id: ctx.reg.courseIn.id, n: 99 } }) },
  },

  // ---- budget ----
  { route: 'GET /api/v1/budget', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026' }) } },
  { route: 'GET /api/v1/budget/export', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2026' }) } },
  { route: 'GET /api/v1/budget/categories', action: 'registries.read', inside: { expect: signedIn(200), request: async () => ({}) } },
  {
    route: 'POST /api/v1/budget/categories',
    action: 'budget.categories',
    inside: { expect: only(grant(CATEGORY, 201)), request: async (ctx) => ({ body: { code: `MX-${ctx.rand()}`, name: 'Nội dung chi ma trận' } }) },
  },
  {
    route: 'PUT /api/v1/budget/categories/{id}',
    action: 'budget.categories',
    // The categories are the province's: there is no unit scope, so inside and outside agree.
    inside: { expect: only(grant(CATEGORY, 200)), request: async (ctx) => ({ params: { id: ctx.reg.category.id }, body: { sort_order: 999 } }) },
    outside: { expect: only(grant(CATEGORY, 200)), request: async (ctx) => ({ params: { id: ctx.reg.category.id }, body: { sort_order: 998 } }) },
    missing: { expect: only(grant(CATEGORY, 404)), request: async () => ({ params: { id: MISSING }, body: { sort_order: 1 } }) },
  },
  {
    route: 'POST /api/v1/budget/lines',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 201)), request: async (ctx) => ({ body: lineBody(ctx, 'X0101') }) },
  },
  {
    route: 'PUT /api/v1/budget/lines/{id}',
    action: 'registries.write',
    inside: { expect: only(grant(WRITERS, 200)), request: async (ctx) => ({ params: { id: ctx.reg.lineIn.id }, body: { note: `Sửa ${ctx.rand()}` } }) },
    outside: { expect: writeOut(200), request: async (ctx) => ({ params: { id: ctx.reg.lineOut.id }, body: { note: `Sửa ${ctx.rand()}` } }) },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: MISSING }, body: { note: 'x' } }) },
  },
];
