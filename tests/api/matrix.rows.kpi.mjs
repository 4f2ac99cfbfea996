// Access matrix rows for dossier ingest and the indicators (issue 8). Format: see the comment at the
// top of matrix.rows.mjs. Indicator reads are open to every signed-in role; inside = the
// principal's own unit, outside = district H02 (outside every district, commune and department
// principal's subtree: 404). Ingest is for province specialists and admins (and one-stop service
// accounts, tested in dossiers.test.mjs).
import { signedIn, only, grant, everyone } from './matrix.rows.mjs';

const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'viewer'];
const PERIOD = 'from=2024-01-01&to=2024-03-31';

const ownUnit = (ctx, who) => {
  if (ctx.made[who]) return ctx.made[who].unit_id;
  if (who === 'anonymous') return ctx.U.H01.id;
  return ctx.demo[who].unit_id;
};

/** A read row: ?<param>=<own unit> inside, H02 outside. */
const read = (route, param, extra = '') => ({
  route,
  action: 'kpi.read',
  inside: { expect: signedIn(200), request: async (ctx, who) => ({ query: `${param}=${ownUnit(ctx, who)}&${PERIOD}${extra}` }) },
  outside: { expect: signedIn(200, grant(NARROW, 404)), request: async (ctx) => ({ query: `${param}=${ctx.U.H02.id}&${PERIOD}${extra}` }) },
});

const pub = (route, query) => ({
  route,
  action: 'public',
  inside: { expect: everyone(200), request: async (ctx) => ({ query: query(ctx), token: null }) },
});

export const rows = [
  {
    route: 'POST /api/v1/dossiers/bulk',
    action: 'dossiers.ingest',
    inside: {
      expect: only(grant(['admin', 'vp.kstt'], 200)),
      request: async (ctx) => ({
        body: [
          {
            code: `MX-${ctx.rand()}`,
            unit_code: 'X0101',
            channel: 'online',
            received_at: `${ctx.today}T08:00:00+07:00`,
            status: 'processing',
          },
        ],
      }),
    },
  },
  read('GET /api/v1/kpi/summary', 'unit_id'),
  read('GET /api/v1/kpi/ranking', 'parent_id'),
  read('GET /api/v1/kpi/trend', 'unit_id', '&granularity=month'),
  read('GET /api/v1/kpi/late', 'unit_id'),
  read('GET /api/v1/kpi/procedures', 'unit_id', '&sort=late'),
  read('GET /api/v1/kpi/fields', 'unit_id', '&sort=late_share'),
  { route: 'GET /api/v1/kpi/rules', action: 'kpi.read', inside: { expect: signedIn(200), request: async () => ({ query: 'at=2024-01-01' }) } },
  pub('GET /api/v1/public/kpi/summary', (ctx) => `unit_id=${ctx.U.H02.id}&${PERIOD}`),
  pub('GET /api/v1/public/kpi/ranking', () => `level=district&${PERIOD}`),
  pub('GET /api/v1/public/kpi/trend', (ctx) => `unit_id=${ctx.U.H02.id}&${PERIOD}`),
  pub('GET /api/v1/public/kpi/late', () => PERIOD),
];

