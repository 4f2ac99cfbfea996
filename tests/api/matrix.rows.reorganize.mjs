// Access matrix row for the reorganisation of units (issue 20). Format: see the comment at the
// top of matrix.rows.mjs. Only the province's administrators reorganise (a district admin
// neither: it reshapes the whole tree); the route has no object in its path, so no outside row.
// Each request merges a throwaway commune into another throwaway commune of H01, both valid since
// 2020, from today: applied for the admin (201), refused before any lookup for everyone else.
import { only, grant, ADMIN } from './matrix.rows.mjs';

export const rows = [
  {
    route: 'POST /api/v1/units/reorganize',
    action: 'units.reorganize',
    inside: {
      expect: only(grant(ADMIN, 201)),
      request: async (ctx) => {
        const into = await ctx.newUnit({ parent: ctx.U.H01.id, valid_from: '2020-01-01' });
        const from = await ctx.newUnit({ parent: ctx.U.H01.id, valid_from: '2020-01-01' });
        return { body: { effective_from: ctx.today, merge: [{ from: [from.id], into: into.id }] } };
      },
    },
  },
];
