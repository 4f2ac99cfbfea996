// Access matrix rows for inspections, their templates, communications and dialogues (issue 18).
// Format: see the comment at the top of matrix.rows.mjs.
//
// Fixtures (setup): inspections by the Provincial Office of H01, of STP and of X0201 (outside for
// every narrow principal: H02's commune), and H01's self-inspection of its ward X0101; each with an
// evidence file on item 1 and a conclusion document. Reading: the inspecting side's subtree and the
// inspected unit's subtree (province-wide roles: all). Writing: staff of the inspecting side only
// (403 for the inspected side, 404 outside). Communications: a dialogue per unit (VP, STP, H01,
// X0101, X0201) with a file; a unit's subtree reads and writes them. Commitments made by the rows
// are due in 2001 in a 2001 dialogue, so they sit in 2001's follow-up plans, away from today's lists.
import { grant, signedIn } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';

const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const VIEWERS = { viewer: 403, 'xa11.viewer': 403 };
const PROVINCE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
// The inspection each principal reads inside its scope, by the fixture's key.
const SEES = { anonymous: 'H01', admin: 'H01', 'vp.kstt': 'H01', 'lanhdao.tinh': 'H01', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'X0101', 'huyen1.daumoi': 'X0101', 'huyen1.admin': 'X0101', viewer: 'H01', 'xa11.daumoi': 'X0101', 'xa11.viewer': 'X0101' };
// The communication each principal reads: its own unit's (the province's principals: VP's).
const OWN = { anonymous: 'X0101', admin: 'VP', 'vp.kstt': 'VP', 'lanhdao.tinh': 'VP', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'huyen1.admin': 'H01', viewer: 'H01', 'xa11.daumoi': 'X0101', 'xa11.viewer': 'X0101' };
const COMM_WRITER = { VP: 'vp.kstt', STP: 'stp.daumoi', H01: 'huyen1.daumoi', X0101: 'xa11.daumoi', X0201: 'xa21.daumoi' };

async function call(who, method, path, opts) {
  const r = await req(method, path, { token: await login(who), ...opts });
  if (r.status >= 300) throw new Error(`matrix inspections fixture ${who} ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A multipart body: text fields and one PDF part named fileField. */
export function multipart(fields, fileField) {
  const b = `----kstt${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const raw = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${fileField}"; filename="bien-ban.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { raw, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

async function inspection(who, unitId) {
  const body = { unit_id: unitId, subject: 'public_posting', planned_date: '2001-05-10', announced: true, team: [] };
  const i = await call(who, 'POST', '/api/v1/inspections', { body });
  const withFile = await call('vp.kstt', 'POST', `/api/v1/inspections/${i.id}/files`, multipart({ item: 1 }, 'files'));
  await call('vp.kstt', 'POST', `/api/v1/inspections/${i.id}/files`, multipart({}, 'files'));
  return { id: i.id, file: withFile.checklist[0].evidence[0].id };
}

export async function setup(ctx) {
  const U = ctx.U;
  ctx.insp = {
    H01: await inspection('vp.kstt', U.H01.id),
    STP: await inspection('vp.kstt', U.STP.id),
    X0201: await inspection('vp.kstt', U.X0201.id),
    X0101: await inspection('huyen1.lanhdao', U.X0101.id),
  };
  ctx.comm = {};
  for (const [code, who] of Object.entries(COMM_WRITER)) {
    const body = { unit_id: U[code].id, kind: 'dialogue', date: '2001-05-10', title: `Đối thoại (ma trận) ${code}` };
    const c = await call(who, 'POST', '/api/v1/communications', { body });
    await call(who, 'PUT', `/api/v1/communications/${c.id}/file`, multipart({}, 'file'));
    ctx.comm[code] = { id: c.id, unit: U[code].id };
  }
}

const insp = (ctx, who) => ctx.insp[SEES[who]].id;
const comm = (ctx, who) => ctx.comm[OWN[who]];
const READ_OUT = signedIn(200, grant([...NARROW, 'viewer', 'xa11.viewer'], 404));
// Inside: writers of the inspecting side; the inspected side (STP, the ward) reads only.
const WRITE_IN = (ok) => signedIn(ok, { ...VIEWERS, 'stp.daumoi': 403, 'xa11.daumoi': 403 });
const WRITE_OUT = (ok) => signedIn(ok, { ...grant(NARROW, 404), ...VIEWERS });
const COMM_WRITE_IN = (ok) => signedIn(ok, VIEWERS);

export const rows = [
  {
    route: 'GET /api/v1/inspections',
    action: 'inspections.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2001' }) },
  },
  {
    route: 'GET /api/v1/inspections/export',
    action: 'inspections.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2001' }) },
  },
  {
    route: 'POST /api/v1/inspections',
    action: 'inspections.write',
    // Province-wide principals inspect H01; H01's staff its ward; a ward or an office (nothing
    // below it) cannot inspect itself: 422.
    inside: {
      expect: signedIn(201, { ...VIEWERS, 'stp.daumoi': 422, 'xa11.daumoi': 422 }),
      request: async (ctx, who) => ({
        body: {
          unit_id: PROVINCE.includes(who) ? ctx.U.H01.id : who === 'stp.daumoi' ? ctx.U.STP.id : ctx.U.X0101.id,
          subject: 'kstt', planned_date: '2001-06-01', announced: false, team: [],
        },
      }),
    },
  },
  {
    route: 'GET /api/v1/inspections/{id}',
    action: 'inspections.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: insp(ctx, who) } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.insp.X0201.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: 99999999 } }) },
  },
  {
    route: 'PUT /api/v1/inspections/{id}',
    action: 'inspections.write',
    inside: { expect: WRITE_IN(200), request: async (ctx, who) => ({ params: { id: insp(ctx, who) }, body: { announced: true } }) },
    outside: { expect: WRITE_OUT(200), request: async (ctx) => ({ params: { id: ctx.insp.X0201.id }, body: { announced: true } }) },
  },
  {
    route: 'POST /api/v1/inspections/{id}/findings',
    action: 'inspections.write',
    inside: { expect: WRITE_IN(201), request: async (ctx, who) => ({ params: { id: insp(ctx, who) }, body: { text: 'Ghi nhận (ma trận)', action_required: false } }) },
    outside: { expect: WRITE_OUT(201), request: async (ctx) => ({ params: { id: ctx.insp.X0201.id }, body: { text: 'Ghi nhận (ma trận)', action_required: false } }) },
  },
  {
    route: 'POST /api/v1/inspections/{id}/close',
    action: 'inspections.write',
    // The fixtures are never carried out (no actual date): the inspecting side gets 409.
    inside: { expect: WRITE_IN(409), request: async (ctx, who) => ({ params: { id: insp(ctx, who) } }) },
    outside: { expect: WRITE_OUT(409), request: async (ctx) => ({ params: { id: ctx.insp.X0201.id } }) },
  },
  {
    route: 'POST /api/v1/inspections/{id}/files',
    action: 'inspections.write',
    inside: { expect: WRITE_IN(201), request: async (ctx, who) => ({ params: { id: insp(ctx, who) }, ...multipart({ item: 2 }, 'files') }) },
    outside: { expect: WRITE_OUT(201), request: async (ctx) => ({ params: { id: ctx.insp.X0201.id }, ...multipart({ item: 2 }, 'files') }) },
  },
  {
    route: 'GET /api/v1/inspections/{id}/files/{file_id}',
    action: 'inspections.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: insp(ctx, who), file_id: ctx.insp[SEES[who]].file } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.insp.X0201.id, file_id: ctx.insp.X0201.file } }) },
  },
  {
    route: 'GET /api/v1/inspections/{id}/conclusion',
    action: 'inspections.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: insp(ctx, who) } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.insp.X0201.id } }) },
  },
  {
    route: 'GET /api/v1/inspection-templates/{subject}',
    action: 'inspections.read',
    // The templates are the province's, read by every signed-in user: no outside.
    inside: { expect: signedIn(200), request: async () => ({ params: { subject: 'one_stop' } }) },
    outside: { expect: signedIn(200), request: async () => ({ params: { subject: 'kstt' } }) },
  },
  {
    route: 'PUT /api/v1/inspection-templates/{subject}',
    action: 'inspections.templates',
    inside: {
      expect: signedIn(403, { admin: 200, 'vp.kstt': 200 }),
      request: async () => ({ params: { subject: 'feedback_handling' }, body: { items: ['Tiếp nhận, xử lý phản ánh, kiến nghị đúng thời hạn'] } }),
    },
    outside: {
      expect: signedIn(403, { admin: 200, 'vp.kstt': 200 }),
      request: async () => ({ params: { subject: 'feedback_handling' }, body: { items: ['Tiếp nhận, xử lý phản ánh, kiến nghị đúng thời hạn'] } }),
    },
  },
  {
    route: 'GET /api/v1/communications',
    action: 'communications.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2001' }) },
  },
  {
    route: 'GET /api/v1/communications/export',
    action: 'communications.read',
    inside: { expect: signedIn(200), request: async () => ({ query: 'year=2001' }) },
  },
  {
    route: 'POST /api/v1/communications',
    action: 'communications.write',
    inside: { expect: COMM_WRITE_IN(201), request: async () => ({ body: { kind: 'news', date: '2001-05-11', title: 'Tin bài (ma trận)' } }) },
  },
  {
    route: 'GET /api/v1/communications/{id}',
    action: 'communications.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: comm(ctx, who).id } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.comm.X0201.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: 99999999 } }) },
  },
  {
    route: 'PUT /api/v1/communications/{id}',
    action: 'communications.write',
    inside: { expect: COMM_WRITE_IN(200), request: async (ctx, who) => ({ params: { id: comm(ctx, who).id }, body: { channel: 'Hội trường (ma trận)' } }) },
    outside: { expect: WRITE_OUT(200), request: async (ctx) => ({ params: { id: ctx.comm.X0201.id }, body: { channel: 'Hội trường (ma trận)' } }) },
  },
  {
    route: 'PUT /api/v1/communications/{id}/file',
    action: 'communications.write',
    inside: { expect: COMM_WRITE_IN(200), request: async (ctx, who) => ({ params: { id: comm(ctx, who).id }, ...multipart({}, 'file') }) },
    outside: { expect: WRITE_OUT(200), request: async (ctx) => ({ params: { id: ctx.comm.X0201.id }, ...multipart({}, 'file') }) },
  },
  {
    route: 'GET /api/v1/communications/{id}/file',
    action: 'communications.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: comm(ctx, who).id } }) },
    outside: { expect: READ_OUT, request: async (ctx) => ({ params: { id: ctx.comm.X0201.id } }) },
  },
  {
    route: 'POST /api/v1/communications/{id}/commitments',
    action: 'communications.write',
    inside: {
      expect: COMM_WRITE_IN(201),
      request: async (ctx, who) => ({ params: { id: comm(ctx, who).id }, body: { question: 'Câu hỏi (ma trận)', answer: 'Cam kết (ma trận)', unit_id: comm(ctx, who).unit, due: '2001-12-31' } }),
    },
    outside: {
      expect: WRITE_OUT(201),
      request: async (ctx) => ({ params: { id: ctx.comm.X0201.id }, body: { question: 'Câu hỏi (ma trận)', answer: 'Cam kết (ma trận)', unit_id: ctx.comm.X0201.unit, due: '2001-12-31' } }),
    },
  },
];
