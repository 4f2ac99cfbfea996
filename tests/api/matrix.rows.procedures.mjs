// Access matrix rows for the procedure catalogue (issue 6). Format: see the comment at the top of
// matrix.rows.mjs. The catalogue is the province's public list, so it has no unit scope: every
// signed-in principal reads every procedure, and only the province's admin and specialists
// (procedures.write, province-wide) write. "inside" is a procedure that district and commune units
// handle; "outside" one that only a department (Sở Xây dựng) handles — no narrow principal's unit.
// Fixtures are throwaway procedures and fields made by the admin; writes never touch demo data.
import { everyone, signedIn, only, grant } from './matrix.rows.mjs';
import { multipart } from './feedback.lib.mjs';

const MISSING = 99999999;
const WRITERS = ['admin', 'vp.kstt'];
const write = (status) => only(grant(WRITERS, status));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Public routes are rate-limited per address by nginx (test profile: 20 r/s): pace them.
const paced = (f) => async (ctx, who) => {
  await sleep(120);
  return f(ctx, who);
};

let seq = 0;
const newCode = () => `1.6${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}${String(seq++ % 100).padStart(2, '0')}`;

/** A throwaway procedure made by the admin. */
async function newProc(ctx, extra = {}) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await ctx.req('POST', '/api/v1/procedures', {
      token: ctx.admin,
      body: { code: newCode(), name: `Thủ tục ma trận ${ctx.rand()}`, field_id: ctx.proc.fieldId, levels: ['commune'], ...extra },
    });
    if (r.status === 201) return r.json;
    if (r.status !== 422) throw new Error(`matrix fixture procedure: ${r.text}`);
  }
  throw new Error('matrix fixture procedure: no free code');
}

/** Uploads one PDF form to procedure id as the admin; the procedure is returned. */
async function withForm(ctx, proc) {
  const mp = multipart({}, [{ field: 'files', name: 'to-khai.pdf', type: 'application/pdf', data: Buffer.from(`%PDF-1.4\n% ma tran ${ctx.rand()}\n%%EOF\n`) }]);
  const r = await ctx.req('POST', `/api/v1/procedures/${proc.id}/forms`, { token: ctx.admin, raw: mp.body, headers: mp.headers });
  if (r.status !== 201) throw new Error(`matrix fixture form: ${r.text}`);
  return proc;
}

/** A throwaway field made by the admin. */
async function newField(ctx) {
  const r = await ctx.req('POST', '/api/v1/procedure-fields', { token: ctx.admin, body: { name: `Lĩnh vực ma trận ${ctx.rand()}` } });
  if (r.status !== 201) throw new Error(`matrix fixture field: ${r.text}`);
  return r.json;
}

export async function setup(ctx) {
  const fields = await ctx.req('GET', '/api/v1/procedure-fields', { token: ctx.admin });
  ctx.proc = { fieldId: fields.json.items[0].id };
  ctx.proc.inside = await newProc(ctx, { levels: ['district', 'commune'], agency: 'UBND cấp xã' });
  ctx.proc.outside = await newProc(ctx, { levels: ['province'], agency_unit_id: ctx.U.SXD.id });
  ctx.proc.fieldInside = await newField(ctx);
  ctx.proc.fieldOutside = await newField(ctx);
  // a field with a procedure in it cannot be deleted
  await newProc(ctx, { field_id: ctx.proc.fieldOutside.id });
  await withForm(ctx, ctx.proc.inside);
  await withForm(ctx, ctx.proc.outside);
}

/** For writers a fresh procedure (the write changes or removes it), for the others the shared one. */
const fresh = (which, extra) => async (ctx, who) => (WRITERS.includes(who) ? await newProc(ctx, extra) : ctx.proc[which]);
const PROVINCE = { levels: ['province'], agency_unit_id: undefined };

export const rows = [
  // Public: citizens, no account
  { route: 'GET /api/v1/public/procedures', action: 'public', inside: { expect: everyone(200), request: paced(async () => ({ query: 'q=chung%20thuc&per_page=5' })) } },
  { route: 'GET /api/v1/public/procedures/stats', action: 'public', inside: { expect: everyone(200), request: paced(async () => ({})) } },
  {
    route: 'GET /api/v1/public/procedures/{code}',
    action: 'public',
    inside: { expect: everyone(200), request: paced(async (ctx) => ({ params: { code: ctx.proc.inside.code } })) },
    outside: { expect: everyone(200), request: paced(async (ctx) => ({ params: { code: ctx.proc.outside.code } })) },
    missing: { expect: everyone(404), request: paced(async () => ({ params: { code: '9.999999' } })) },
  },

  {
    route: 'GET /api/v1/public/procedures/{code}/forms/{n}',
    action: 'public',
    inside: { expect: everyone(200), request: paced(async (ctx) => ({ params: { code: ctx.proc.inside.code, n: 1 } })) },
    outside: { expect: everyone(200), request: paced(async (ctx) => ({ params: { code: ctx.proc.outside.code, n: 1 } })) },
    missing: { expect: everyone(404), request: paced(async (ctx) => ({ params: { code: ctx.proc.inside.code, n: 99 } })) },
  },

  // The intranet catalogue: every signed-in principal reads; province admins/specialists write.
  {
    route: 'POST /api/v1/procedures/{id}/forms',
    action: 'procedures.write',
    // The runner sends JSON: for the writers a body that is not a form of files, 422 (past
    // authorisation, nothing written).
    inside: { expect: write(422), request: async (ctx) => ({ params: { id: ctx.proc.inside.id }, body: { files: [] } }) },
    outside: { expect: write(422), request: async (ctx) => ({ params: { id: ctx.proc.outside.id }, body: { files: [] } }) },
  },
  {
    route: 'GET /api/v1/procedures/{id}/forms/{n}',
    action: 'procedures.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.inside.id, n: 1 } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.outside.id, n: 1 } }) },
    missing: { expect: signedIn(404), request: async (ctx) => ({ params: { id: ctx.proc.inside.id, n: 99 } }) },
  },
  {
    route: 'DELETE /api/v1/procedures/{id}/forms/{n}',
    action: 'procedures.write',
    inside: { expect: write(204), request: async (ctx, who) => ({ params: { id: (WRITERS.includes(who) ? await withForm(ctx, await newProc(ctx)) : ctx.proc.inside).id, n: 1 } }) },
    outside: { expect: write(204), request: async (ctx, who) => ({ params: { id: (WRITERS.includes(who) ? await withForm(ctx, await newProc(ctx, PROVINCE)) : ctx.proc.outside).id, n: 1 } }) },
    missing: { expect: write(404), request: async (ctx) => ({ params: { id: ctx.proc.inside.id, n: 99 } }) },
  },
  { route: 'GET /api/v1/procedures', action: 'procedures.read', inside: { expect: signedIn(200), request: async () => ({ query: 'q=khai%20sinh&per_page=5' }) } },
  {
    route: 'POST /api/v1/procedures',
    action: 'procedures.write',
    inside: { expect: write(201), request: async (ctx) => ({ body: { code: newCode(), name: `Thủ tục ma trận ${ctx.rand()}`, field_id: ctx.proc.fieldId, levels: ['commune'] } }) },
  },
  {
    route: 'POST /api/v1/procedures/import',
    action: 'procedures.write',
    // The runner sends JSON: for the writers that is a file without a header row, 422 (the request
    // got past authorisation and wrote nothing).
    inside: { expect: write(422), request: async () => ({ body: { rows: [] }, query: 'dry_run=1' }) },
  },
  {
    route: 'GET /api/v1/procedures/{id}',
    action: 'procedures.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.inside.id } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.outside.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/procedures/{id}',
    action: 'procedures.write',
    inside: { expect: write(200), request: async (ctx) => ({ params: { id: ctx.proc.inside.id }, body: { name: `Thủ tục ma trận đổi tên ${ctx.rand()}` } }) },
    outside: { expect: write(200), request: async (ctx) => ({ params: { id: ctx.proc.outside.id }, body: { online_level: 'partial', name: `Thủ tục ma trận đổi tên ${ctx.rand()}` } }) },
    missing: { expect: write(404), request: async () => ({ params: { id: MISSING }, body: { name: 'Không có thủ tục này' } }) },
  },
  {
    route: 'DELETE /api/v1/procedures/{id}',
    action: 'procedures.write',
    inside: { expect: write(204), request: async (ctx, who) => ({ params: { id: (await fresh('inside')(ctx, who)).id } }) },
    outside: { expect: write(204), request: async (ctx, who) => ({ params: { id: (await fresh('outside', PROVINCE)(ctx, who)).id } }) },
    missing: { expect: write(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/procedures/{id}/status',
    action: 'procedures.write',
    inside: { expect: write(200), request: async (ctx, who) => ({ params: { id: (await fresh('inside')(ctx, who)).id }, body: { status: 'amended', note: 'Ma trận' } }) },
    outside: { expect: write(200), request: async (ctx, who) => ({ params: { id: (await fresh('outside', PROVINCE)(ctx, who)).id }, body: { status: 'abolished' } }) },
    missing: { expect: write(404), request: async () => ({ params: { id: MISSING }, body: { status: 'amended' } }) },
  },
  {
    route: 'GET /api/v1/procedures/{id}/history',
    action: 'procedures.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.inside.id } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.proc.outside.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },

  // Fields (lĩnh vực): no scope either; "outside" is a field still in use (409 on delete).
  { route: 'GET /api/v1/procedure-fields', action: 'procedures.read', inside: { expect: signedIn(200), request: async () => ({}) } },
  { route: 'POST /api/v1/procedure-fields', action: 'procedures.write', inside: { expect: write(201), request: async (ctx) => ({ body: { name: `Lĩnh vực ma trận ${ctx.rand()}` } }) } },
  {
    route: 'PUT /api/v1/procedure-fields/{id}',
    action: 'procedures.write',
    inside: { expect: write(200), request: async (ctx) => ({ params: { id: ctx.proc.fieldInside.id }, body: { name: `Lĩnh vực ma trận ${ctx.rand()}` } }) },
    outside: { expect: write(200), request: async (ctx) => ({ params: { id: ctx.proc.fieldOutside.id }, body: { sort_order: 7 } }) },
    missing: { expect: write(404), request: async () => ({ params: { id: MISSING }, body: { sort_order: 1 } }) },
  },
  {
    route: 'DELETE /api/v1/procedure-fields/{id}',
    action: 'procedures.write',
    inside: { expect: write(204), request: async (ctx, who) => ({ params: { id: WRITERS.includes(who) ? (await newField(ctx)).id : ctx.proc.fieldInside.id } }) },
    outside: { expect: write(409), request: async (ctx) => ({ params: { id: ctx.proc.fieldOutside.id } }) },
    missing: { expect: write(404), request: async () => ({ params: { id: MISSING } }) },
  },
];
