// Access matrix rows for late-dossier accountability (issue 20). Format: see the comment at the top
// of matrix.rows.mjs. Inside = a late dossier of commune X0101 (in the scope of the province, of
// district H01 and of the commune; outside the Department of Justice's); outside = one of commune
// X0201 (district H02: only province-wide principals reach it). Recording needs dossiers.account
// (every role but viewers) and the dossier in scope; reading is kpi.read.
import { signedIn, only, grant, everyone } from './matrix.rows.mjs';
import { multipart } from './feedback.lib.mjs';

const PDF = Buffer.from('%PDF-1.4\n% giai trinh\n%%EOF\n');
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'viewer'];
const PROVINCE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const H01_STAFF = ['huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const MISSING = 99999999;

const explanation = () => multipart({ doc_no: '7/GT', doc_date: '2024-03-10', reason: 'Chờ ý kiến liên ngành.' }, [{ field: 'file', name: 'giai-trinh.pdf', type: 'application/pdf', data: PDF }]);
const apology = () => multipart({ letter_no: '7/XL', letter_date: '2024-03-06', sent_via: 'direct' }, [{ field: 'file', name: 'xin-loi.pdf', type: 'application/pdf', data: PDF }]);

async function record(ctx, dossier, kind, form) {
  const m = form();
  const r = await ctx.req('POST', `/api/v1/dossiers/${dossier}/${kind}`, { token: ctx.admin, raw: m.body, headers: m.headers });
  if (r.status !== 201) throw new Error(`matrix late fixture ${kind}: ${r.status} ${r.text}`);
  return r.json.id;
}

export async function setup(ctx) {
  const code = (k) => `MXL-${ctx.rand()}-${k}`;
  const late = (c, unit) => ({ code: c, unit_code: unit, channel: 'direct', received_at: '2024-03-01T08:00:00+07:00', due_at: '2024-03-05', finished_at: '2024-03-08T09:00:00+07:00', status: 'finished', handler_name: 'Cán Bộ Ma Trận' });
  const inside = code('in'), outside = code('out');
  const r = await ctx.req('POST', '/api/v1/dossiers/bulk', { token: ctx.admin, body: [late(inside, 'X0101'), late(outside, 'X0201')] });
  if (r.status !== 200 || r.json.inserted !== 2) throw new Error(`matrix late fixture: ${r.status} ${r.text}`);
  const idOf = async (c) => {
    const l = await ctx.req('GET', `/api/v1/kpi/late-dossiers?unit_id=${c === inside ? ctx.U.X0101.id : ctx.U.X0201.id}&from=2024-03-01&to=2024-03-31&per_page=1000`, { token: ctx.admin });
    return l.json.items.find((x) => x.code === c).id;
  };
  ctx.late = { in: await idOf(inside), out: await idOf(outside) };
  ctx.late.exIn = await record(ctx, ctx.late.in, 'explanations', explanation);
  ctx.late.exOut = await record(ctx, ctx.late.out, 'explanations', explanation);
  ctx.late.apIn = await record(ctx, ctx.late.in, 'apologies', apology);
  ctx.late.apOut = await record(ctx, ctx.late.out, 'apologies', apology);
}

const readIn = signedIn(200, { 'stp.daumoi': 404 });
const readOut = signedIn(200, grant(NARROW, 404));

/** GET of a dossier's records (list or file): params from pick(ctx, 'in'|'out'). */
const read = (route, pick) => ({
  route,
  action: 'kpi.read',
  inside: { expect: readIn, request: async (ctx) => ({ params: pick(ctx, 'in') }) },
  outside: { expect: readOut, request: async (ctx) => ({ params: pick(ctx, 'out') }) },
  missing: { expect: signedIn(404), request: async (ctx) => ({ params: { ...pick(ctx, 'in'), id: MISSING } }) },
});

const add = (route, form) => ({
  route,
  action: 'dossiers.account',
  inside: {
    expect: only({ ...grant([...PROVINCE, ...H01_STAFF], 201), 'stp.daumoi': 404 }),
    request: async (ctx) => {
      const m = form();
      return { params: { id: ctx.late.in }, raw: m.body, headers: m.headers };
    },
  },
  outside: {
    expect: only({ ...grant(PROVINCE, 201), ...grant(['stp.daumoi', ...H01_STAFF], 404) }),
    request: async (ctx) => {
      const m = form();
      return { params: { id: ctx.late.out }, raw: m.body, headers: m.headers };
    },
  },
  missing: {
    expect: only({ ...grant([...PROVINCE, 'stp.daumoi', ...H01_STAFF], 404) }),
    request: async () => {
      const m = form();
      return { params: { id: MISSING }, raw: m.body, headers: m.headers };
    },
  },
});

export const rows = [
  read('GET /api/v1/dossiers/{id}/explanations', (ctx, k) => ({ id: ctx.late[k] })),
  read('GET /api/v1/dossiers/{id}/apologies', (ctx, k) => ({ id: ctx.late[k] })),
  read('GET /api/v1/dossiers/{id}/explanations/{rid}/file', (ctx, k) => ({ id: ctx.late[k], rid: k === 'in' ? ctx.late.exIn : ctx.late.exOut })),
  read('GET /api/v1/dossiers/{id}/apologies/{rid}/file', (ctx, k) => ({ id: ctx.late[k], rid: k === 'in' ? ctx.late.apIn : ctx.late.apOut })),
  add('POST /api/v1/dossiers/{id}/explanations', explanation),
  add('POST /api/v1/dossiers/{id}/apologies', apology),
  {
    route: 'GET /api/v1/kpi/late-dossiers',
    action: 'kpi.read',
    inside: {
      expect: signedIn(200),
      request: async (ctx, who) => {
        const unit = ctx.made[who] ? ctx.made[who].unit_id : who === 'anonymous' ? ctx.U.H01.id : ctx.demo[who].unit_id;
        return { query: `unit_id=${unit}&from=2024-03-01&to=2024-03-31&missing=apology` };
      },
    },
    outside: { expect: signedIn(200, grant(NARROW, 404)), request: async (ctx) => ({ query: `unit_id=${ctx.U.H02.id}&from=2024-03-01&to=2024-03-31` }) },
  },
  { route: 'GET /api/v1/public/late-units', action: 'public', inside: { expect: everyone(200), request: async () => ({ query: 'month=2024-03', token: null }) } },
];
