// Access matrix rows for the compliance cost (issue 17). Format: see the comment at the top of
// matrix.rows.mjs. A procedure's cost is seen by the province-wide roles for every procedure and by
// the others for the procedures whose agency unit is in their subtree; leaders and viewers read,
// the admin, specialists and officers write. "inside" is a throwaway procedure of commune X0101
// (inside H01 and X0101), for Sở Tư pháp's officer one of STP; "outside" one of Sở Xây dựng.
import { signedIn, only, grant } from './matrix.rows.mjs';

const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const WRITERS = ['admin', 'vp.kstt', 'stp.daumoi', 'huyen1.daumoi', 'xa11.daumoi', 'huyen1.admin'];
const SHEET = { year: 2024, before: { activities: [{ name: 'Chuẩn bị hồ sơ', hours: 1.5, money: 1000 }], frequency: 1, subjects: 10 }, after: null };

let seq = 0;
async function newProc(ctx, unitId) {
  const fields = await ctx.req('GET', '/api/v1/procedure-fields', { token: ctx.admin });
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = `1.7${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}${String(seq++ % 100).padStart(2, '0')}`;
    const r = await ctx.req('POST', '/api/v1/procedures', {
      token: ctx.admin,
      body: { code, name: `Thủ tục chi phí ma trận ${ctx.rand()}`, field_id: fields.json.items[0].id, levels: ['province'], agency_unit_id: unitId },
    });
    if (r.status === 201) return r.json.id;
    if (r.status !== 422) throw new Error(`matrix fixture procedure: ${r.text}`);
  }
  throw new Error('matrix fixture procedure: no free code');
}

export async function setup(ctx) {
  ctx.cost = {
    commune: await newProc(ctx, ctx.U.X0101.id),
    stp: await newProc(ctx, ctx.U.STP.id),
    outside: await newProc(ctx, ctx.U.SXD.id),
  };
}

const inside = (ctx, who) => (who === 'stp.daumoi' ? ctx.cost.stp : ctx.cost.commune);

export const rows = [
  {
    route: 'GET /api/v1/procedures/{id}/cost',
    action: 'cost.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: inside(ctx, who) }, query: 'year=2024' }) },
    outside: { expect: signedIn(404, grant(WIDE, 200)), request: async (ctx) => ({ params: { id: ctx.cost.outside } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: 99999999 } }) },
  },
  {
    route: 'PUT /api/v1/procedures/{id}/cost',
    action: 'cost.write',
    inside: { expect: only(grant(WRITERS, 200)), request: async (ctx, who) => ({ params: { id: inside(ctx, who) }, body: SHEET }) },
    outside: {
      expect: only({ ...grant(WRITERS, 404), admin: 200, 'vp.kstt': 200 }),
      request: async (ctx) => ({ params: { id: ctx.cost.outside }, body: SHEET }),
    },
    missing: { expect: only(grant(WRITERS, 404)), request: async () => ({ params: { id: 99999999 }, body: SHEET }) },
  },
  { route: 'GET /api/v1/review/savings', action: 'cost.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2024' }) } },
  { route: 'GET /api/v1/review/savings/export', action: 'cost.read', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2024' }) } },
];
