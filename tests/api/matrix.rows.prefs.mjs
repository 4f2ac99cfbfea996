// Access matrix rows for the notification preferences and the evidence files by number
// (issue 15). Format: see the comment at the top of matrix.rows.mjs. The preferences path is
// always the caller's own: every signed-in role reads and writes its own (an empty PUT changes
// nothing), anonymous 401; there is no outside. The files by number reuse the evidence that the
// plans rows' setup posted on each principal's assignment (matrix.rows.plans.mjs runs first):
// file 1 of that update inside, of the update of commune X0201 outside (narrow scopes 404).
import { signedIn, grant } from './matrix.rows.mjs';

const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'viewer', 'huyen1.admin', 'xa11.viewer'];

export async function setup(ctx) {
  const last = async (asg) => {
    const r = await ctx.req('GET', `/api/v1/assignments/${asg}/updates`, { token: ctx.admin });
    if (r.status !== 200 || !r.json.items.length) throw new Error(`matrix fixture update of ${asg}: ${r.text}`);
    return r.json.items[0].id;
  };
  const F = { update: {} };
  for (const [who, asg] of Object.entries(ctx.plans.asg)) F.update[who] = await last(asg);
  F.outside = await last(ctx.plans.asgOutside);
  ctx.prefs = F;
}

export const rows = [
  { route: 'GET /api/v1/me/notification-preferences', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
  { route: 'PUT /api/v1/me/notification-preferences', action: 'auth', inside: { expect: signedIn(200), request: async () => ({ body: { kinds: [] } }) } },
  {
    route: 'GET /api/v1/task-updates/{id}/files/{n}',
    action: 'assignments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: ctx.prefs.update[who], n: 1 } }) },
    outside: { expect: signedIn(200, grant(NARROW, 404)), request: async (ctx) => ({ params: { id: ctx.prefs.outside, n: 1 } }) },
    missing: { expect: signedIn(404), request: async (ctx) => ({ params: { id: ctx.prefs.outside, n: 2 } }) },
  },
];
