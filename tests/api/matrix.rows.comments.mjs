// Access matrix rows for comments (issue 15). Format: see the comment at the top of matrix.rows.mjs.
//
// The object of every row is a periodic report (its reading rule is the reports' own, decision of
// issue 14): inside = a report of the principal's own unit, outside = a report of commune X0201 (in
// H02: 404 for every district, commune and department principal; province-wide principals see it).
// Reading is for whoever sees the object; writing for every staff role (viewers: 403 by the role,
// before the object is looked at); editing and removing for the author (province-wide principals
// who see another's comment get 403). The setup makes a fresh ad hoc report per unit, and on each a
// comment with a file by that unit's own staff, so no row meets the demo's data or another run's.
import { adhocPeriod, grant, signedIn } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';

const MISSING = 99999999;
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const VIEWERS = { viewer: 403, 'xa11.viewer': 403 };
const WRITER = { NDH: 'admin', VP: 'vp.kstt', STP: 'stp.daumoi', H01: 'huyen1.daumoi', X0101: 'xa11.daumoi', X0201: 'xa21.daumoi' };
const OWN = { anonymous: 'X0101', admin: 'NDH', 'vp.kstt': 'VP', 'lanhdao.tinh': 'NDH', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'xa11.daumoi': 'X0101', viewer: 'H01', 'huyen1.admin': 'H01', 'xa11.viewer': 'X0101' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

const adhoc = () => adhocPeriod('Báo cáo đột xuất (ma trận trao đổi)');

async function call(who, method, path, opts) {
  const r = await req(method, path, { token: await login(who), ...opts });
  if (r.status >= 300) throw new Error(`matrix comments fixture ${who} ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A comment with one PDF by the unit's writer on its report. */
async function commentWithFile(writer, reportId) {
  const b = `----kstt${Math.random().toString(16).slice(2)}`;
  const field = (k, v) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const raw = Buffer.concat([
    Buffer.from(field('entity', 'report') + field('entity_id', reportId) + field('body', 'Trao đổi (ma trận)')),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="mt.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return call(writer, 'POST', '/api/v1/comments', { raw, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

export async function setup(ctx) {
  ctx.comments = { report: {}, comment: {} };
  for (const [code, writer] of Object.entries(WRITER)) {
    const rep = await call(writer, 'POST', '/api/v1/reports', { body: { unit_id: ctx.U[code].id, kind: 'kstt', ...adhoc() } });
    ctx.comments.report[code] = rep.id;
    ctx.comments.comment[code] = (await commentWithFile(writer, rep.id)).id;
  }
}

const report = (ctx, who) => ctx.comments.report[OWN[who]];
/** A comment of the principal's own (a staff member writes one first); a viewer gets its unit's. */
async function ownComment(ctx, who) {
  if (VIEWERS[who] || who === 'anonymous') return ctx.comments.comment[OWN[who]];
  const body = { entity: 'report', entity_id: report(ctx, who), body: `Ý kiến ${ctx.rand()}` };
  const r = await req('POST', '/api/v1/comments', { token: await ctx.token(who), body });
  if (r.status !== 201) throw new Error(`matrix comments fixture ${who}: ${r.status} ${r.text}`);
  return r.json.id;
}

const OUTSIDE_READ = signedIn(200, grant([...NARROW, 'viewer'], 404));
const OUTSIDE_CHANGE = signedIn(403, grant(NARROW, 404));

export const rows = [
  {
    route: 'GET /api/v1/comments',
    action: 'comments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `entity=report&entity_id=${report(ctx, who)}` }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ query: `entity=report&entity_id=${ctx.comments.report.X0201}` }) },
    missing: { expect: signedIn(404), request: async () => ({ query: `entity=report&entity_id=${MISSING}` }) },
  },
  {
    route: 'POST /api/v1/comments',
    action: 'comments.write',
    inside: { expect: signedIn(201, VIEWERS), request: async (ctx, who) => ({ body: { entity: 'report', entity_id: report(ctx, who), body: 'Ý kiến (ma trận)' } }) },
    outside: { expect: signedIn(201, { ...grant(NARROW, 404), ...VIEWERS }), request: async (ctx) => ({ body: { entity: 'report', entity_id: ctx.comments.report.X0201, body: 'Ý kiến ngoài phạm vi' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ body: { entity: 'task', entity_id: MISSING, body: 'x' } }) },
  },
  {
    route: 'PUT /api/v1/comments/{id}',
    action: 'comments.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: await ownComment(ctx, who) }, body: { body: 'Đã sửa (ma trận)' } }) },
    outside: { expect: { ...OUTSIDE_CHANGE, ...VIEWERS }, request: async (ctx) => ({ params: { id: ctx.comments.comment.X0201 }, body: { body: 'Sửa ngoài phạm vi' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { body: 'x' } }) },
  },
  {
    route: 'DELETE /api/v1/comments/{id}',
    action: 'comments.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: await ownComment(ctx, who) } }) },
    outside: { expect: { ...OUTSIDE_CHANGE, ...VIEWERS }, request: async (ctx) => ({ params: { id: ctx.comments.comment.X0201 } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'GET /api/v1/comments/{id}/files/{n}',
    action: 'comments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: ctx.comments.comment[OWN[who]], n: 1 } }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ params: { id: ctx.comments.comment.X0201, n: 1 } }) },
    missing: { expect: signedIn(404), request: async (ctx, who) => ({ params: { id: ctx.comments.comment[OWN[who]], n: 3 } }) },
  },
];
