// Access matrix rows for the standard offices (issue 20): POST /units/{id}/offices is a unit write
// (units.write: administrators); the province admin anywhere, the district admin inside district
// H01 only (outside reads as missing). Each request makes its own fresh commune, so every run and
// every principal creates (201) rather than finding the offices made already.
import { only, grant, DISTRICT_ADMINS, ADMIN } from './matrix.rows.mjs';

const MISSING = 99999999;

export const rows = [
  {
    route: 'POST /api/v1/units/{id}/offices',
    action: 'units.write',
    inside: {
      expect: only(grant(DISTRICT_ADMINS, 201)),
      request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H01.id })).id }, body: {} }),
    },
    outside: {
      expect: only({ ...grant(ADMIN, 201), 'huyen1.admin': 404 }),
      request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H02.id })).id }, body: {} }),
    },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async () => ({ params: { id: MISSING }, body: { preview: true } }) },
  },
];
