// Access matrix rows for the rule sets (issue 20). Format: see the comment at the top of
// matrix.rows.mjs. Only the province's administrators read and write them (a district admin
// neither); the sets have no unit scope, so inside is a set that exists and outside a name that
// does not (404 for the admin, 403 for everyone else, before any lookup). Writes go to the far
// future (2100-12-29, a day no computation of another test reaches), replaced on each run.
import { only, grant } from './matrix.rows.mjs';

const ADMIN = ['admin'];
const TASKS = { remind_before_working_days: [5, 1], overdue_every_working_days: 5, overdue_max: 6 };
const body = { effective_from: '2100-12-29', rules: TASKS, note: 'Ma trận quyền (kiểm thử)' };
const admin = (status) => only(grant(ADMIN, status), 403);

export const rows = [
  { route: 'GET /api/v1/rule-sets', action: 'rules.read', inside: { expect: admin(200), request: async () => ({}) } },
  {
    route: 'GET /api/v1/rule-sets/{name}',
    action: 'rules.read',
    inside: { expect: admin(200), request: async () => ({ params: { name: 'kpi766' }, query: 'at=2024-01-01' }) },
    outside: { expect: admin(404), request: async () => ({ params: { name: 'khong-co' } }) },
  },
  {
    route: 'GET /api/v1/rule-sets/{name}/diff',
    action: 'rules.read',
    inside: { expect: admin(200), request: async () => ({ params: { name: 'period' }, query: 'from=2019-01-01&to=2024-01-01' }) },
    outside: { expect: admin(404), request: async () => ({ params: { name: 'khong-co' }, query: 'from=2019-01-01' }) },
  },
  {
    route: 'POST /api/v1/rule-sets/{name}',
    action: 'rules.write',
    // the first run creates the version (201), later ones replace it (200): a future version
    inside: { expect: admin(200), request: async () => ({ params: { name: 'tasks' }, body }) },
    outside: { expect: admin(404), request: async () => ({ params: { name: 'khong-co' }, body }) },
  },
];

// Creates the 2100-12-29 tasks version (or replaces it), so the row's own request replaces it (200).
export async function setup(ctx) {
  const r = await ctx.req('POST', '/api/v1/rule-sets/tasks', { token: ctx.admin, body });
  if (r.status !== 201 && r.status !== 200) throw new Error(`matrix rule sets: ${r.text}`);
}
