// Every date in a query or body goes through one strict parser (core/period, issue 11 item 14):
// "2023-%2B1-31" used to pass sscanf's "%2d" as month 1 and then be ignored by the KPI, which
// answered with figures up to today. Each such date must now answer 422 naming the field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem } from '../lib/api.mjs';

let admin;
before(async () => {
  admin = await login('admin');
});

// Query-encoded as a client would send them; each is one character away from a valid date.
const LENIENT = ['2023-%2B1-31', '2023-%201-31', '2023-01-%2B1', '2023-01-31%20', '%202023-01-3', '2023-1-031',
  '2023-02-29', '2023-13-01', '2023-00-10', '2023-01-32', '0000-01-01', '2023-01-3x'];

// Public routes are rate-limited by nginx (shared with other test files): wait and retry a 429.
async function get(path, opts = {}) {
  for (let i = 0; ; i++) {
    const r = await req('GET', path, opts);
    if (r.status !== 429 || i >= 30) return r;
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

function expectDateError(r, field, what) {
  assertProblem(r, 422, field);
  const e = r.json.errors.find((x) => x.field === field);
  assert.match(e.message, /YYYY-MM-DD/, `${what}: ${r.text}`);
}

const ROUTES = [
  ['/api/v1/kpi/summary?', ['from', 'to'], true],
  ['/api/v1/kpi/ranking?', ['from', 'to'], true],
  ['/api/v1/kpi/trend?', ['from', 'to'], true],
  ['/api/v1/kpi/late?', ['from', 'to'], true],
  ['/api/v1/kpi/rules?', ['at'], true],
  ['/api/v1/public/kpi/summary?', ['from', 'to'], false],
  ['/api/v1/public/kpi/ranking?', ['from', 'to'], false],
  ['/api/v1/public/kpi/trend?', ['from', 'to'], false],
  ['/api/v1/public/kpi/late?', ['from', 'to'], false],
  ['/api/v1/audit?', ['from', 'to'], true],
  ['/api/v1/feedback?', ['from', 'to'], true],
  ['/api/v1/feedback/stats?', ['from', 'to'], true],
  ['/api/v1/assignments?', ['due_before'], true],
];

test('the query from issue 11: to=2023-%2B1-31 is refused, not widened to today', async () => {
  const r = await get('/api/v1/public/kpi/summary?from=2023-01-01&to=2023-%2B1-31');
  expectDateError(r, 'to', 'public summary');
  const ok = await get('/api/v1/public/kpi/summary?from=2023-01-01&to=2023-01-31');
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.period.to, '2023-01-31');
});

test('every date query parameter refuses every lenient form with 422 on that field', async () => {
  for (const [path, fields, auth] of ROUTES) {
    for (const field of fields) {
      for (const bad of LENIENT) {
        const r = await get(`${path}${field}=${bad}`, auth ? { token: admin } : {});
        expectDateError(r, field, `${path}${field}=${bad}`);
      }
      const good = await get(`${path}${field}=2024-02-29`, auth ? { token: admin } : {});
      assert.notEqual(good.status, 422, `${path}${field}=2024-02-29: ${good.text}`);
    }
  }
});

test('dates in bodies use the same parser', async () => {
  const r = await req('POST', '/api/v1/holidays', { token: admin, body: { day: '2031-+1-01', kind: 'holiday', name: 'Thử' } });
  expectDateError(r, 'day', 'holiday');
  const p = await req('POST', '/api/v1/plans', { token: admin, body: { title: 'Thử ngày', year: 2031, kind: 'cchc', decision_date: '2031-01-+1' } });
  expectDateError(p, 'decision_date', 'plan');
});
