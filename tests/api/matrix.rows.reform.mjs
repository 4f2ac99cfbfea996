// Access matrix rows for the reform registries (issue 17): internal procedures and their
// simplification proposals, impact assessments, reform initiatives. Format: see matrix.rows.mjs.
//
// Inside = a record of the principal's own unit, outside = one of commune X0201 (in H02: 404 for
// every district, commune and department principal, except that the Department of Justice reads
// and appraises an assessment once it is sent, decision 143). Writing is for every staff role
// (viewers: 403 by the role); assessing and deciding initiatives, accepting proposals and recording
// an appraisal for someone else are the Provincial Office's (the coordinator, or the province
// admin). Rows that move a record through its workflow make a fresh one per request.
import { grant, signedIn, only } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';

const MISSING = 99999999;
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const VIEWERS = { viewer: 403, 'xa11.viewer': 403 };
const WRITER = { NDH: 'admin', VP: 'vp.kstt', STP: 'stp.daumoi', H01: 'huyen1.daumoi', X0101: 'xa11.daumoi', X0201: 'xa21.daumoi' };
const OWN = { anonymous: 'X0101', admin: 'NDH', 'vp.kstt': 'VP', 'lanhdao.tinh': 'NDH', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'xa11.daumoi': 'X0101', viewer: 'H01', 'huyen1.admin': 'H01', 'xa11.viewer': 'X0101' };
const DECIDERS = ['admin', 'vp.kstt'];

async function call(who, method, path, body) {
  const r = await req(method, path, { token: await login(who), body });
  if (r.status >= 300) throw new Error(`matrix reform fixture ${who} ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

const ipBody = (ctx, code) => ({ unit_id: ctx.U[code].id, name: `Quy trình nội bộ (ma trận) ${ctx.rand()}`, field: 'Văn thư', involved_unit_ids: [ctx.U[code].id] });
const iaBody = (ctx, code) => ({ unit_id: ctx.U[code].id, title: `Dự thảo quyết định (ma trận) ${ctx.rand()}`, doc_kind: 'Quyết định', procedures: [{ action: 'create', name: 'Thủ tục mới' }], answers: { necessity: 'Cần thiết' } });
const iniBody = (ctx, code) => ({ unit_id: ctx.U[code].id, title: `Sáng kiến (ma trận) ${ctx.rand()}`, description: 'Số hóa kết quả giải quyết' });

const fresh = {
  async ip(ctx, code) {
    return (await call(WRITER[code], 'POST', '/api/v1/internal-procedures', ipBody(ctx, code))).id;
  },
  async proposal(ctx, code) {
    const id = await fresh.ip(ctx, code);
    await call(WRITER[code], 'POST', `/api/v1/internal-procedures/${id}/proposals`, { text: 'Bỏ bước trình ký trung gian' });
    return id;
  },
  async draft(ctx, code) {
    return (await call(WRITER[code], 'POST', '/api/v1/impact-assessments', iaBody(ctx, code))).id;
  },
  async sent(ctx, code) {
    const id = await fresh.draft(ctx, code);
    await call(WRITER[code], 'POST', `/api/v1/impact-assessments/${id}/send`, {});
    return id;
  },
  async initiative(ctx, code) {
    return (await call(WRITER[code], 'POST', '/api/v1/initiatives', iniBody(ctx, code))).id;
  },
  async assessed(ctx, code) {
    const id = await fresh.initiative(ctx, code);
    await call('vp.kstt', 'POST', `/api/v1/initiatives/${id}/assess`, { assessment: 'Có tính khả thi cao' });
    return id;
  },
};

export async function setup(ctx) {
  ctx.reform = { ip: {}, draft: {}, sent: {}, ini: {} };
  for (const code of Object.keys(WRITER)) {
    ctx.reform.ip[code] = await fresh.ip(ctx, code);
    ctx.reform.draft[code] = await fresh.draft(ctx, code);
    ctx.reform.sent[code] = await fresh.sent(ctx, code);
    ctx.reform.ini[code] = await fresh.initiative(ctx, code);
  }
}

const own = (ctx, kind, who) => ctx.reform[kind][OWN[who]];
const OUTSIDE_READ = signedIn(200, grant([...NARROW, 'viewer'], 404));
const OUTSIDE_WRITE = signedIn(200, { ...grant(NARROW, 404), ...VIEWERS });
const CREATE_OUTSIDE = signedIn(201, { ...grant(NARROW, 422), ...VIEWERS });
/** A write only the Provincial Office (or the appraiser) may do, past the object's visibility. */
const DECIDE_INSIDE = signedIn(403, { ...grant(DECIDERS, 200) });
const DECIDE_OUTSIDE = signedIn(403, { ...grant(NARROW, 404), ...grant(DECIDERS, 200) });

/** List, create and export rows of one registry. */
function registry(path, body, listAction = 'reform.read') {
  return [
    {
      route: `GET ${path}`,
      action: listAction,
      inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `unit_id=${ctx.U[OWN[who]].id}` }) },
    },
    {
      route: `GET ${path}/export`,
      action: listAction,
      inside: { expect: signedIn(200), request: async () => ({}) },
    },
    {
      route: `POST ${path}`,
      action: 'reform.write',
      inside: { expect: signedIn(201, VIEWERS), request: async (ctx, who) => ({ body: body(ctx, OWN[who]) }) },
      outside: { expect: CREATE_OUTSIDE, request: async (ctx) => ({ body: body(ctx, 'X0201') }) },
    },
  ];
}

export const rows = [
  ...registry('/api/v1/internal-procedures', ipBody),
  {
    route: 'GET /api/v1/internal-procedures/{id}',
    action: 'reform.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: own(ctx, 'ip', who) } }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ params: { id: ctx.reform.ip.X0201 } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/internal-procedures/{id}',
    action: 'reform.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: own(ctx, 'ip', who) }, body: { legal_basis: 'Quyết định 10/QĐ (ma trận)' } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: ctx.reform.ip.X0201 }, body: { legal_basis: 'Ngoài phạm vi' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { legal_basis: 'x' } }) },
  },
  {
    route: 'POST /api/v1/internal-procedures/{id}/proposals',
    action: 'reform.write',
    inside: { expect: signedIn(201, VIEWERS), request: async (ctx, who) => ({ params: { id: own(ctx, 'ip', who) }, body: { text: 'Rút ngắn thời gian (ma trận)' } }) },
    outside: { expect: signedIn(201, { ...grant(NARROW, 404), ...VIEWERS }), request: async (ctx) => ({ params: { id: ctx.reform.ip.X0201 }, body: { text: 'Phương án ngoài phạm vi' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { text: 'Phương án x' } }) },
  },
  {
    route: 'PUT /api/v1/internal-procedures/{id}/proposals/{n}',
    action: 'reform.write',
    inside: { expect: { ...DECIDE_INSIDE, ...VIEWERS }, request: async (ctx, who) => ({ params: { id: await fresh.proposal(ctx, OWN[who]), n: 1 }, body: { status: 'accepted' } }) },
    outside: { expect: { ...DECIDE_OUTSIDE, ...VIEWERS }, request: async (ctx) => ({ params: { id: await fresh.proposal(ctx, 'X0201'), n: 1 }, body: { status: 'accepted' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async (ctx, who) => ({ params: { id: own(ctx, 'ip', who), n: 999 }, body: { status: 'accepted' } }) },
  },
  ...registry('/api/v1/impact-assessments', iaBody),
  {
    route: 'GET /api/v1/impact-assessments/{id}',
    action: 'reform.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: own(ctx, 'draft', who) } }) },
    // Sent: the Department of Justice reads it to appraise it.
    outside: { expect: signedIn(200, grant(['huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'viewer'], 404)), request: async (ctx) => ({ params: { id: ctx.reform.sent.X0201 } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/impact-assessments/{id}',
    action: 'reform.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: own(ctx, 'draft', who) }, body: { doc_kind: 'Nghị quyết' } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: ctx.reform.draft.X0201 }, body: { doc_kind: 'Nghị quyết' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { doc_kind: 'Nghị quyết' } }) },
  },
  {
    route: 'POST /api/v1/impact-assessments/{id}/send',
    action: 'reform.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: await fresh.draft(ctx, OWN[who]) }, body: {} }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: await fresh.draft(ctx, 'X0201') }, body: {} }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: {} }) },
  },
  {
    route: 'POST /api/v1/impact-assessments/{id}/appraise',
    action: 'reform.write',
    inside: { expect: { ...DECIDE_INSIDE, 'stp.daumoi': 200, ...VIEWERS }, request: async (ctx, who) => ({ params: { id: await fresh.sent(ctx, OWN[who]) }, body: { opinion: 'Thống nhất với dự thảo' } }) },
    outside: { expect: { ...DECIDE_OUTSIDE, 'stp.daumoi': 200, ...VIEWERS }, request: async (ctx) => ({ params: { id: await fresh.sent(ctx, 'X0201') }, body: { opinion: 'Thống nhất với dự thảo' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { opinion: 'Thống nhất' } }) },
  },
  ...registry('/api/v1/initiatives', iniBody),
  {
    route: 'GET /api/v1/initiatives/{id}',
    action: 'reform.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: own(ctx, 'ini', who) } }) },
    outside: { expect: OUTSIDE_READ, request: async (ctx) => ({ params: { id: ctx.reform.ini.X0201 } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/initiatives/{id}',
    action: 'reform.write',
    inside: { expect: signedIn(200, VIEWERS), request: async (ctx, who) => ({ params: { id: own(ctx, 'ini', who) }, body: { benefit: 'Giảm 30% thời gian (ma trận)' } }) },
    outside: { expect: OUTSIDE_WRITE, request: async (ctx) => ({ params: { id: ctx.reform.ini.X0201 }, body: { benefit: 'Ngoài phạm vi' } }) },
    missing: { expect: signedIn(404, VIEWERS), request: async () => ({ params: { id: MISSING }, body: { benefit: 'x' } }) },
  },
  {
    route: 'POST /api/v1/initiatives/{id}/assess',
    action: 'reform.decide',
    inside: { expect: only(grant(DECIDERS, 200)), request: async (ctx, who) => ({ params: { id: await fresh.initiative(ctx, OWN[who]) }, body: { assessment: 'Khả thi', score: 80 } }) },
    outside: { expect: only(grant(DECIDERS, 200)), request: async (ctx) => ({ params: { id: await fresh.initiative(ctx, 'X0201') }, body: { assessment: 'Khả thi', score: 80 } }) },
    missing: { expect: only(grant(DECIDERS, 404)), request: async () => ({ params: { id: MISSING }, body: { assessment: 'Khả thi' } }) },
  },
  {
    route: 'POST /api/v1/initiatives/{id}/decide',
    action: 'reform.decide',
    inside: { expect: only(grant(DECIDERS, 200)), request: async (ctx, who) => ({ params: { id: await fresh.assessed(ctx, OWN[who]) }, body: { adopted: true, decision_no: '12/QĐ-UBND', decision_date: ctx.today } }) },
    outside: { expect: only(grant(DECIDERS, 200)), request: async (ctx) => ({ params: { id: await fresh.assessed(ctx, 'X0201') }, body: { adopted: false, decision_no: '13/QĐ-UBND', decision_date: ctx.today } }) },
    missing: { expect: only(grant(DECIDERS, 404)), request: async (ctx) => ({ params: { id: MISSING }, body: { adopted: true, decision_no: '1/QĐ', decision_date: ctx.today } }) },
  },
];
