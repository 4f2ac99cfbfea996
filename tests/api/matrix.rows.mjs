// Access matrix rows for the identity routes (issue 3). tests/api/matrix.test.mjs runs them.
//
// HOW TO EXTEND (plans, procedures, feedback, kpi, ...): add a file tests/api/matrix.rows.<area>.mjs
// that exports `rows` (and, if it needs fixtures, `async function setup(ctx)`); matrix.test.mjs loads
// every matrix.rows*.mjs file. Each route printed by `kstt-api routes` needs exactly one row, or the
// matrix fails.
//
// A row:
//   {
//     route: 'METHOD /pattern/{id}',   // exactly as `kstt-api routes` prints it
//     action: 'units.read',            // the route table's action (checked, so a change is noticed)
//     inside:  { expect, request },    // an object inside the principal's scope
//     outside: { expect, request },    // required when the pattern has {params}: an object outside the
//                                      // scope of the district/commune/department principals
//     missing: { expect, request },    // optional: an id that does not exist
//   }
// expect: { principal: status } for every principal in PRINCIPALS (use the builders below).
// request: async (ctx, who) => ({ params, query, body, raw, headers, cookie, token }) — params fill the
//   pattern's {names}; the principal's bearer token is sent unless `token` is given (null: none).
//   `who` is the principal's name, so a row can pick an object inside that principal's own scope.
//   Write rows must not destroy shared demo data: create throwaway objects (ctx.newUnit, ctx.newUser).

export const PRINCIPALS = [
  'anonymous',
  'admin', // province admin
  'vp.kstt', // specialist, Văn phòng UBND tỉnh (coordinator)
  'lanhdao.tinh', // province leader
  'stp.daumoi', // officer, Sở Tư pháp
  'huyen1.lanhdao', // leader, district H01
  'huyen1.daumoi', // officer, district H01
  'xa11.daumoi', // officer, commune X0101 (in H01)
  'viewer', // a viewer of district H01, created by the matrix setup
  'huyen1.admin', // administrator of district H01, created by the matrix setup
  'xa11.viewer', // viewer of commune X0101, created by the matrix setup
];

// The principals the matrix setup creates through the API as the province admin: {unit, role}.
export const MADE = { viewer: ['H01', 'viewer'], 'huyen1.admin': ['H01', 'admin'], 'xa11.viewer': ['X0101', 'viewer'] };

// A row may leave out the principals added after the rows were written; their status then follows
// an analogue, and a row states its own status where they differ. The district administrator acts
// like the district leader everywhere except where being an admin matters (units, users, audit,
// stated in their rows); the commune viewer is refused (403) wherever the district viewer is, and
// elsewhere reaches what the commune officer reaches.
export function expected(expect, who) {
  if (expect[who] !== undefined) return expect[who];
  if (who === 'huyen1.admin') return expect['huyen1.lanhdao'];
  if (who === 'xa11.viewer') return expect.viewer === 403 ? 403 : expect['xa11.daumoi'];
  return undefined;
}

// ---- expectation builders ------------------------------------------------------------------------
// The principals the builders below fill in; the later ones follow expected() unless a row names them.
const FILLED = PRINCIPALS.filter((p) => p !== 'huyen1.admin' && p !== 'xa11.viewer');
/** The same status for everyone, anonymous included (public routes). */
export const everyone = (status) => Object.fromEntries(FILLED.map((p) => [p, status]));
/** 401 for anonymous, `status` for every signed-in principal, then the overrides. */
export const signedIn = (status, overrides = {}) => ({ ...everyone(status), anonymous: 401, ...overrides });
/** 401 anonymous, `denied` (403) for every signed-in principal except those granted. */
export const only = (granted, denied = 403) => ({ ...everyone(denied), anonymous: 401, ...granted });
/** { name: status } for several names. */
export const grant = (names, status) => Object.fromEntries(names.map((n) => [n, status]));

// ---- ad hoc report periods -----------------------------------------------------------------------
// Reports are unique per (unit, kind, period), and the report and comment rows make dozens per unit
// in one run. Independent random ten-day windows collided often enough to fail a run now and then
// (a 409 in a fixture), so every window of a run is the next slot of ten days after a random start:
// distinct within the run, and a rerun on the same database starts somewhere else in 2001–2098.
const SLOTS = Math.floor((97 * 365) / 10);
let slot = Math.floor(Math.random() * SLOTS);
/** A fresh ad hoc period of ten days, never given before in this run: {from, to, title}. */
export function adhocPeriod(title) {
  const start = Date.UTC(2001, 0, 1) + (slot++ % SLOTS) * 10 * 86400000;
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(start), to: iso(start + 9 * 86400000), title };
}

export const ADMIN = ['admin'];
/** The province admin and the district H01 admin (objects in H01 are in both scopes). */
export const DISTRICT_ADMINS = ['admin', 'huyen1.admin'];
export const LEADERS = ['lanhdao.tinh', 'huyen1.lanhdao'];

// ---- fixtures ------------------------------------------------------------------------------------
export async function setup(ctx) {
  const { U } = ctx;
  ctx.id = {
    unitH01: await ctx.newUnit({ parent: U.H01.id }), // inside H01 (and the province)
    unitH02: await ctx.newUnit({ parent: U.H02.id }), // outside H01, X0101, STP
    successorH01: await ctx.newUnit({ parent: U.H01.id }),
    successorH02: await ctx.newUnit({ parent: U.H02.id }),
    userX0101: await ctx.newUser({ unit: U.X0101.id }), // inside H01 and X0101
    userX0201: await ctx.newUser({ unit: U.X0201.id }), // in H02: outside every non-province scope
  };
}

const newUnitBody = (ctx) => ({ code: `M${ctx.rand().toUpperCase()}`, name: `Đơn vị ma trận ${ctx.rand()}`, level: 'commune', parent_id: ctx.U.H01.id });
const newUserBody = (ctx) => ({ username: `mx.${ctx.rand()}`, full_name: 'Người Ma Trận', unit_id: ctx.U.X0101.id, role: 'officer', password: 'Mx@Matkhau2023' });
const MISSING = 99999999;

// ---- rows ----------------------------------------------------------------------------------------
export const rows = [
  // Public
  { route: 'GET /api/v1/health', action: 'public', inside: { expect: everyone(200), request: async () => ({}) } },
  { route: 'GET /api/v1/metrics', action: 'public', inside: { expect: everyone(200), request: async () => ({}) } },
  { route: 'GET /api/v1/auth/jwks', action: 'public', inside: { expect: everyone(200), request: async () => ({}) } },
  // nginx's pre-body check answers as the named route would: only who may ingest dossiers gets 204.
  {
    route: 'GET /api/v1/auth/check',
    action: 'public',
    inside: {
      expect: only(grant(['admin', 'vp.kstt'], 204)),
      request: async () => ({ headers: { 'x-original-method': 'POST', 'x-original-uri': '/api/v1/dossiers/bulk' } }),
    },
  },
  {
    route: 'POST /api/v1/auth/login',
    action: 'public',
    // Each principal signs in as themself (anonymous as the viewer).
    inside: { expect: everyone(200), request: async (ctx, who) => ({ body: ctx.credentials(who === 'anonymous' ? 'viewer' : who), token: null }) },
  },
  {
    route: 'POST /api/v1/auth/refresh',
    action: 'public',
    // With the refresh cookie of a fresh session of that principal; anonymous has none.
    inside: {
      expect: signedIn(200),
      request: async (ctx, who) => {
        if (who === 'anonymous') return { headers: { 'x-requested-with': 'kstt' }, token: null };
        const s = await ctx.freshSession(who);
        return { cookie: `kstt_rt=${s.rt}`, headers: { 'x-requested-with': 'kstt' }, token: null };
      },
    },
  },
  {
    route: 'POST /api/v1/auth/logout',
    action: 'public',
    // Ends a fresh session (never the shared one); anonymous logout is a harmless 204.
    inside: {
      expect: everyone(204),
      request: async (ctx, who) => (who === 'anonymous' ? {} : { token: (await ctx.freshSession(who)).token }),
    },
  },

  // Any signed-in principal
  { route: 'GET /api/v1/auth/me', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
  {
    route: 'POST /api/v1/auth/password',
    action: 'auth',
    // A wrong current password: 422 shows the request got past authorisation without changing anything.
    inside: { expect: signedIn(422), request: async () => ({ body: { current_password: 'Khong@Dung123', new_password: 'Moi@Matkhau2023' } }) },
  },

  // Units: the directory is readable by every signed-in principal, province-wide; admins write, a
  // district admin within its own subtree only.
  { route: 'GET /api/v1/units', action: 'units.read', inside: { expect: signedIn(200), request: async () => ({ query: 'per_page=5' }) } },
  {
    route: 'POST /api/v1/units',
    action: 'units.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 201)), request: async (ctx) => ({ body: newUnitBody(ctx) }) },
  },
  {
    route: 'GET /api/v1/units/{id}',
    action: 'units.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.id.unitH01.id } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.id.unitH02.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/units/{id}',
    action: 'units.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async (ctx) => ({ params: { id: ctx.id.unitH01.id }, body: { name: `Đổi tên ${ctx.rand()}` } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: ctx.id.unitH02.id }, body: { name: `Đổi tên ${ctx.rand()}` } }) },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async () => ({ params: { id: MISSING }, body: { name: 'Không có' } }) },
  },
  {
    route: 'POST /api/v1/units/{id}/merge',
    action: 'units.write',
    inside: {
      expect: only(grant(DISTRICT_ADMINS, 200)),
      request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H01.id })).id }, body: { successor_id: ctx.id.successorH01.id, date: ctx.today } }),
    },
    outside: {
      expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }),
      request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H02.id })).id }, body: { successor_id: ctx.id.successorH02.id, date: ctx.today } }),
    },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async (ctx) => ({ params: { id: MISSING }, body: { successor_id: ctx.id.successorH01.id, date: ctx.today } }) },
  },
  {
    route: 'POST /api/v1/units/{id}/retire',
    action: 'units.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H01.id })).id }, body: { date: ctx.today } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: (await ctx.newUnit({ parent: ctx.U.H02.id })).id }, body: { date: ctx.today } }) },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async (ctx) => ({ params: { id: MISSING }, body: { date: ctx.today } }) },
  },

  // Users: admins and leaders read, admins write; a district admin or leader within its subtree only.
  {
    route: 'GET /api/v1/users',
    action: 'users.read',
    // The Provincial Office (vp.kstt) reads every account: its focal officers across units.
    inside: { expect: only({ ...grant(DISTRICT_ADMINS, 200), ...grant(LEADERS, 200), 'vp.kstt': 200 }), request: async () => ({ query: 'per_page=5' }) },
  },
  {
    route: 'POST /api/v1/users',
    action: 'users.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 201)), request: async (ctx) => ({ body: newUserBody(ctx) }) },
  },
  {
    route: 'GET /api/v1/users/{id}',
    action: 'users.read',
    inside: { expect: only({ ...grant(DISTRICT_ADMINS, 200), ...grant(LEADERS, 200), 'vp.kstt': 200 }), request: async (ctx) => ({ params: { id: ctx.id.userX0101.id } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'lanhdao.tinh': 200, 'vp.kstt': 200, 'huyen1.lanhdao': 404, 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: ctx.id.userX0201.id } }) },
    missing: { expect: only({ ...grant(DISTRICT_ADMINS, 404), ...grant(LEADERS, 404), 'vp.kstt': 404 }), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/users/{id}',
    action: 'users.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async (ctx) => ({ params: { id: ctx.id.userX0101.id }, body: { full_name: `Tên Mới ${ctx.rand()}` } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: ctx.id.userX0201.id }, body: { full_name: `Tên Mới ${ctx.rand()}` } }) },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async () => ({ params: { id: MISSING }, body: { full_name: 'Không Có' } }) },
  },
  {
    route: 'POST /api/v1/users/{id}/disable',
    action: 'users.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async (ctx) => ({ params: { id: (await ctx.newUser({ unit: ctx.U.X0101.id })).id } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: (await ctx.newUser({ unit: ctx.U.X0201.id })).id } }) },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/users/{id}/enable',
    action: 'users.write',
    inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async (ctx) => ({ params: { id: (await ctx.newUser({ unit: ctx.U.X0101.id, disabled: true })).id } }) },
    outside: { expect: only({ ...grant(ADMIN, 200), 'huyen1.admin': 404 }), request: async (ctx) => ({ params: { id: (await ctx.newUser({ unit: ctx.U.X0201.id, disabled: true })).id } }) },
    missing: { expect: only(grant(DISTRICT_ADMINS, 404)), request: async () => ({ params: { id: MISSING } }) },
  },

  // Audit: admins; a district admin reads only the rows of its subtree (checked in scope_access.test.mjs).
  { route: 'GET /api/v1/audit', action: 'audit.read', inside: { expect: only(grant(DISTRICT_ADMINS, 200)), request: async () => ({ query: 'per_page=5' }) } },
];
