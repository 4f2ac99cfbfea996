// Access matrix rows for periodic reports (issue 14). Format: see the comment at the top of
// matrix.rows.mjs.
//
// Reading is open to every signed-in role within scope: inside = the principal's own unit's report,
// outside = a report of commune X0201 (in H02: 404 for every district, commune and department
// principal; province-wide principals read it but may not write it: 403). Writes (create, PUT,
// refresh, submit) are for the unit's own staff; review (accept, return, remind) for the staff of
// the unit's parent (the coordinator too for the province's direct children). Every report here is
// ad hoc over the next ten days of the run's own sequence (adhocPeriod), so a row never meets the
// demo's reports, another row's or an earlier run's; a fresh one is made wherever a row changes its
// state.
import { adhocPeriod, grant, signedIn } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';

const MISSING = 99999999;
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const NARRATIVE = { results: 'Kết quả.', difficulties: 'Khó khăn.', proposals: 'Đề xuất.' };

// The account that writes each fixture unit's reports (its own staff).
const WRITER = { NDH: 'admin', VP: 'vp.kstt', STP: 'stp.daumoi', H01: 'huyen1.daumoi', X0101: 'xa11.daumoi', X0201: 'xa21.daumoi' };
// The principal's own unit; the unit each principal reviews (or, for those who review nothing, one
// they cannot review).
const OWN = { anonymous: 'X0101', admin: 'NDH', 'vp.kstt': 'VP', 'lanhdao.tinh': 'NDH', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'xa11.daumoi': 'X0101', viewer: 'H01', 'huyen1.admin': 'H01', 'xa11.viewer': 'X0101' };
const REVIEWS = { anonymous: 'X0101', admin: 'H01', 'vp.kstt': 'H01', 'lanhdao.tinh': 'H01', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'X0101', 'huyen1.daumoi': 'X0101', 'xa11.daumoi': 'X0101', viewer: 'X0101', 'huyen1.admin': 'X0101', 'xa11.viewer': 'X0101' };

const adhoc = () => adhocPeriod('Báo cáo đột xuất (ma trận)');

async function call(who, method, path, body) {
  const r = await req(method, path, { token: await login(who), body });
  if (r.status >= 300) throw new Error(`matrix reports fixture ${who} ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A new report of the unit (by its writer), optionally with its narrative, submitted. */
async function fresh(ctx, code, { narrative = false, submitted = false, period } = {}) {
  const writer = WRITER[code];
  const rep = await call(writer, 'POST', '/api/v1/reports', { unit_id: ctx.U[code].id, kind: 'kstt', ...(period || adhoc()) });
  if (narrative || submitted) await call(writer, 'PUT', `/api/v1/reports/${rep.id}`, { narrative: NARRATIVE });
  if (submitted) await call(writer, 'POST', `/api/v1/reports/${rep.id}/submit`);
  return rep.id;
}

export async function setup(ctx) {
  const period = adhoc();
  ctx.reports = { period, key: `${period.from}..${period.to}`, open: {} };
  for (const code of Object.keys(WRITER)) ctx.reports.open[code] = await fresh(ctx, code, { period });
}

const own = (who) => OWN[who];
const open = (ctx, who) => ctx.reports.open[own(who)];

// Writers of their own unit: every staff role; viewers are refused by the role (403).
const WRITERS = signedIn(200, { viewer: 403, 'xa11.viewer': 403 });
const OUTSIDE_WRITE = signedIn(403, grant(NARROW, 404));
const REVIEW = signedIn(200, { 'stp.daumoi': 403, 'xa11.daumoi': 403, viewer: 403, 'xa11.viewer': 403 });
const OUTSIDE_READ = signedIn(200, grant([...NARROW, 'viewer'], 404));

export const rows = [
  {
    route: 'POST /api/v1/reports',
    action: 'reports.write',
    inside: { expect: signedIn(201, { viewer: 403, 'xa11.viewer': 403 }), request: async (ctx, who) => ({ body: { unit_id: ctx.U[own(who)].id, ...adhoc() } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ body: { unit_id: ctx.U.H02.id, ...adhoc() } }) },
  },
  {
    route: 'GET /api/v1/reports',
    action: 'reports.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[own(who)].id}&period=${ctx.reports.key}` }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ query: `unit_id=${ctx.U.X0201.id}` }) },
  },
  {
    route: 'GET /api/v1/reports/tracker',
    action: 'reports.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `period=${ctx.reports.key}&unit_id=${ctx.U[own(who)].id}` }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ query: `period=${ctx.reports.key}&unit_id=${ctx.U.H02.id}` }) },
  },
  {
    route: 'POST /api/v1/reports/remind',
    action: 'reports.write',
    // A fresh period each time: nothing filed yet, so reminding is allowed.
    inside: { expect: REVIEW, request: async (ctx, who) => ({ body: { unit_id: ctx.U[REVIEWS[who]].id, period: (({ from, to }) => `${from}..${to}`)(adhoc()) } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ body: { unit_id: ctx.U.X0201.id, period: ctx.reports.key } }) },
  },
  {
    route: 'GET /api/v1/reports/{id}',
    action: 'reports.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: open(ctx, who) } }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ params: { id: ctx.reports.open.X0201 } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/reports/{id}',
    action: 'reports.write',
    inside: { expect: WRITERS, request: async (ctx, who) => ({ params: { id: open(ctx, who) }, body: { number: `${ctx.rand()}/BC` } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: ctx.reports.open.X0201 }, body: { number: 'x' } }) },
    missing: { expect: signedIn(404, { viewer: 403, 'xa11.viewer': 403 }), request: async () => ({ params: { id: MISSING }, body: { number: 'x' } }) },
  },
  {
    route: 'POST /api/v1/reports/{id}/refresh',
    action: 'reports.write',
    inside: { expect: WRITERS, request: async (ctx, who) => ({ params: { id: open(ctx, who) } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: ctx.reports.open.X0201 } }) },
  },
  {
    route: 'POST /api/v1/reports/{id}/submit',
    action: 'reports.write',
    inside: { expect: WRITERS, request: async (ctx, who) => ({ params: { id: await fresh(ctx, own(who), { narrative: true }) } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: await fresh(ctx, 'X0201', { narrative: true }) } }) },
  },
  {
    route: 'POST /api/v1/reports/{id}/accept',
    action: 'reports.write',
    inside: { expect: REVIEW, request: async (ctx, who) => ({ params: { id: await fresh(ctx, REVIEWS[who], { submitted: true }) }, body: {} }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: await fresh(ctx, 'X0201', { submitted: true }) }, body: {} }) },
  },
  {
    route: 'POST /api/v1/reports/{id}/return',
    action: 'reports.write',
    inside: { expect: REVIEW, request: async (ctx, who) => ({ params: { id: await fresh(ctx, REVIEWS[who], { submitted: true }) }, body: { comment: 'Bổ sung số liệu.' } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: await fresh(ctx, 'X0201', { submitted: true }) }, body: { comment: 'Bổ sung số liệu.' } }) },
  },
  {
    route: 'GET /api/v1/reports/{id}/export',
    action: 'reports.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: open(ctx, who) } }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ params: { id: ctx.reports.open.X0201 } }) },
  },
];
