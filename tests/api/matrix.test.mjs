// The access matrix: every route of the route table × every principal, inside and outside scope.
// Rows live in tests/api/matrix.rows.mjs and tests/api/matrix.rows.<area>.mjs (see the comment at the
// top of matrix.rows.mjs for the row format). The matrix fails when a route has no row, when a row
// names a route that no longer exists, when a row's action differs from the route table's, and when
// any principal gets another status than its row says. For every successful JSON answer it also walks
// the body and checks that each unit, user and assignment id in it lies in the principal's subtree
// (tests/api/matrix.scope.mjs), except for fields that are public by decision (the unit catalogue,
// a plan's owner and the units its text names).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { req, login, PASSWORD } from '../lib/api.mjs';
import { PRINCIPALS, MADE, expected } from './matrix.rows.mjs';
import { Scope } from './matrix.scope.mjs';
import { addressPool, preq } from './feedback.lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.KSTT_ROOT || resolve(HERE, '../..');

// ---- the route table -----------------------------------------------------------------------------
function routeTable() {
  const out = execFileSync(join(ROOT, 'build/kstt-api'), ['routes'], { encoding: 'utf8', env: { ...process.env } });
  const routes = new Map();
  for (const line of out.split('\n')) {
    const m = line.trim().match(/^([A-Z]+) (\/\S*) (\S+)$/);
    if (m) routes.set(`${m[1]} ${m[2]}`, m[3]);
  }
  return routes;
}
const ROUTES = routeTable();

// ---- the rows ------------------------------------------------------------------------------------
const rowFiles = readdirSync(HERE)
  .filter((f) => /^matrix\.rows(\.[\w-]+)?\.mjs$/.test(f))
  .sort((a, b) => (a === 'matrix.rows.mjs' ? -1 : b === 'matrix.rows.mjs' ? 1 : a.localeCompare(b)));
const modules = [];
for (const f of rowFiles) modules.push({ file: f, mod: await import(pathToFileURL(join(HERE, f)).href) });
const ROWS = modules.flatMap(({ file, mod }) => (mod.rows || []).map((row) => ({ ...row, file })));

const CASES = ['inside', 'outside', 'missing'];
const hasParams = (route) => route.includes('{');

// ---- context shared by the rows -------------------------------------------------------------------
const rand = () => randomBytes(4).toString('hex');
const ctx = {
  req,
  login,
  rand,
  today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
  U: {}, // every unit by code
  demo: {}, // demo users by username
  admin: null,
  viewer: null,
  made: {}, // principals made by the setup (MADE), by name: the user with its password
  /** The principal's shared bearer token (cached per process); null for anonymous. */
  async token(who) {
    if (who === 'anonymous') return null;
    if (ctx.made[who]) return login(ctx.made[who].username, ctx.made[who].password);
    return login(who);
  },
  credentials(who) {
    if (ctx.made[who]) return { username: ctx.made[who].username, password: ctx.made[who].password };
    return { username: who, password: PASSWORD };
  },
  /** A new session of its own: {token, at, rt}. Use it for anything that ends a session. */
  async freshSession(who) {
    const r = await req('POST', '/api/v1/auth/login', { body: ctx.credentials(who) });
    assert.equal(r.status, 200, `login ${who}: ${r.text}`);
    const c = {};
    for (const line of r.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      c[pair.slice(0, i)] = pair.slice(i + 1);
    }
    return { token: r.json.access_token, at: c.kstt_at, rt: c.kstt_rt };
  },
  /** A throwaway unit made by the admin. */
  async newUnit({ level = 'commune', parent = ctx.U.H01.id, ...rest } = {}) {
    const code = `M${rand().toUpperCase()}`;
    const r = await req('POST', '/api/v1/units', { token: ctx.admin, body: { code, name: `Đơn vị ma trận ${code}`, level, parent_id: parent, ...rest } });
    assert.equal(r.status, 201, `matrix fixture unit: ${r.text}`);
    return r.json;
  },
  /** A throwaway user made by the admin; {disabled: true} disables it too. */
  async newUser({ unit = ctx.U.X0101.id, role = 'officer', disabled = false } = {}) {
    const username = `mx.${rand()}`;
    const password = `Mx@${rand()}Aa1`;
    const r = await req('POST', '/api/v1/users', { token: ctx.admin, body: { username, full_name: 'Người Ma Trận', unit_id: unit, role, password } });
    assert.equal(r.status, 201, `matrix fixture user: ${r.text}`);
    if (disabled) {
      const d = await req('POST', `/api/v1/users/${r.json.id}/disable`, { token: ctx.admin });
      assert.equal(d.status, 200, `matrix fixture disable: ${d.text}`);
    }
    return { ...r.json, password };
  },
};

async function setupContext() {
  ctx.admin = await login('admin');
  for (let page = 1; ; page++) {
    const units = await req('GET', `/api/v1/units?per_page=1000&page=${page}`, { token: ctx.admin });
    assert.equal(units.status, 200, units.text);
    for (const u of units.json.items) ctx.U[u.code] = u;
    if (units.json.items.length < 1000) break;
  }
  for (const name of PRINCIPALS.filter((p) => p !== 'anonymous' && !MADE[p])) {
    const users = await req('GET', `/api/v1/users?q=${encodeURIComponent(name)}&per_page=500`, { token: ctx.admin });
    ctx.demo[name] = users.json.items.find((u) => u.username === name);
  }
  for (const [name, [code, role]] of Object.entries(MADE)) ctx.made[name] = ctx.demo[name] = await ctx.newUser({ unit: ctx.U[code].id, role });
  ctx.viewer = ctx.made.viewer;
  ctx.scope = new Scope(ctx);
  await ctx.scope.load();
  for (const { mod } of modules) if (mod.setup) await mod.setup(ctx);
}

// ---- coverage ------------------------------------------------------------------------------------
test('every route in the route table has exactly one matrix row, and every row names a route', () => {
  assert.ok(ROUTES.size > 0, 'kstt-api routes printed nothing');
  const seen = new Map();
  const problems = [];
  for (const row of ROWS) {
    if (seen.has(row.route)) problems.push(`duplicate row for ${row.route} (${seen.get(row.route)} and ${row.file})`);
    seen.set(row.route, row.file);
    if (!ROUTES.has(row.route)) problems.push(`row for a route that does not exist: ${row.route} (${row.file})`);
    else if (row.action !== ROUTES.get(row.route)) problems.push(`${row.route}: row says action ${row.action}, the route table says ${ROUTES.get(row.route)}`);
  }
  for (const route of ROUTES.keys()) if (!seen.has(route)) problems.push(`route without a matrix row: ${route} (${ROUTES.get(route)})`);
  assert.deepEqual(problems, []);
});

test('every row gives a status for every principal, and an outside-scope case for routes with ids', () => {
  const problems = [];
  for (const row of ROWS) {
    if (!row.inside) problems.push(`${row.route}: no inside case`);
    if (hasParams(row.route) && !row.outside) problems.push(`${row.route}: takes an id but has no outside-scope case`);
    for (const c of CASES) {
      const spec = row[c];
      if (!spec) continue;
      if (typeof spec.request !== 'function') problems.push(`${row.route} ${c}: request is not a function`);
      for (const p of PRINCIPALS) {
        const s = expected(spec.expect || {}, p);
        if (!Number.isInteger(s) || s < 200 || s > 599) problems.push(`${row.route} ${c}: no valid status for ${p}`);
      }
      for (const p of Object.keys(spec.expect || {})) if (!PRINCIPALS.includes(p)) problems.push(`${row.route} ${c}: unknown principal ${p}`);
    }
  }
  assert.deepEqual(problems, []);
});

// ---- the matrix itself ---------------------------------------------------------------------------
// nginx limits /api/v1/public/ per client address, and the other suites run in parallel from
// 127.0.0.1: the matrix sends its public requests from a loopback block of its own, so another
// suite's burst cannot turn a row's 200 into 429.
const nextPublic = addressPool(245);
function send(method, path, opts) {
  // a row may send a raw body (multipart uploads) instead of JSON
  if (!path.startsWith('/api/v1/public/')) return req(method, path, opts);
  const headers = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  return preq(method, path, { body: opts.body, headers, token: opts.token, local: nextPublic() });
}

function pathOf(route, params = {}, query) {
  const pattern = route.slice(route.indexOf(' ') + 1);
  const path = pattern.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined) throw new Error(`${route}: request gave no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
  return query ? `${path}?${query}` : path;
}

describe('access matrix', () => {
  before(setupContext);

  for (const row of ROWS) {
    test(`${row.route} (${row.action})`, { skip: !ROUTES.has(row.route) && 'route not in the table (see the coverage test)' }, async () => {
      const method = row.route.slice(0, row.route.indexOf(' '));
      const mismatches = [];
      for (const c of CASES) {
        const spec = row[c];
        if (!spec) continue;
        for (const who of PRINCIPALS) {
          const want = expected(spec.expect, who);
          const r0 = (await spec.request(ctx, who)) || {};
          const token = 'token' in r0 ? r0.token : await ctx.token(who);
          const path = pathOf(row.route, r0.params, r0.query);
          const r = await send(method, path, { body: r0.body, raw: r0.raw, headers: r0.headers || {}, cookie: r0.cookie, token: token || undefined });
          if (r.status !== want) {
            mismatches.push(`${c} ${who}: expected ${want}, got ${r.status} ${r.text.slice(0, 160)}`);
          } else if (r.status >= 400 && !/application\/problem\+json/.test(r.headers.get('content-type') || '')) {
            mismatches.push(`${c} ${who}: ${r.status} is not application/problem+json`);
          } else if (r.status < 300 && r.json && who !== 'anonymous') {
            for (const leak of await ctx.scope.outside(who, row, r.json)) mismatches.push(`${c} ${who}: out of scope in the answer: ${leak}`);
          }
        }
      }
      if (mismatches.length) assert.fail(`${row.route}: ${mismatches.length} mismatch(es)\n  ${mismatches.join('\n  ')}`);
    });
  }
});
