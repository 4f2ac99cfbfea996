// Foundation: health, metrics, routing problems, JSON parsing, body cap, request ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, req, login, assertProblem } from '../lib/api.mjs';

test('health answers ok with the latest migration', async () => {
  const r = await req('GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.db, 'ok');
  assert.match(r.json.schema, /^\d{3}_/);
});

test('metrics expose requests by route and status, latency, reconnects, restarts', async () => {
  await req('GET', '/api/v1/health');
  const r = await req('GET', '/api/v1/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/plain/);
  assert.match(r.text, /kstt_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} \d+/);
  assert.match(r.text, /kstt_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/health",le="\+Inf"\} \d+/);
  assert.match(r.text, /kstt_db_reconnects_total \d+/);
  assert.match(r.text, /kstt_worker_restarts_total \d+/);
});

test('unknown path is a 404 problem', async () => {
  const r = await req('GET', '/api/v1/no-such-thing');
  assertProblem(r, 404);
  assert.match(r.json.title, /Không tìm thấy/);
});

test('wrong method is a 405 problem with Allow', async () => {
  const r = await req('DELETE', '/api/v1/health');
  assertProblem(r, 405);
  assert.equal(r.headers.get('allow'), 'GET');
  const r2 = await req('PATCH', '/api/v1/units');
  assertProblem(r2, 405);
  assert.equal(r2.headers.get('allow'), 'GET, POST');
});

test('malformed JSON is a 400 with line and column', async () => {
  const r = await req('POST', '/api/v1/auth/login', { raw: '{\n  "username": "admin",\n  "password": }', headers: { 'content-type': 'application/json' } });
  assertProblem(r, 400, 'body');
  assert.equal(r.json.line, 3);
  assert.ok(r.json.column > 0);
  assert.match(r.json.detail, /dòng 3/);
});

test('duplicate keys are rejected', async () => {
  const r = await req('POST', '/api/v1/auth/login', { raw: '{"username":"a","username":"b","password":"x"}' });
  assertProblem(r, 400, 'body');
  assert.match(r.json.detail, /lặp lại/);
});

test('unknown and missing fields are 422 with per-field Vietnamese messages', async () => {
  const r = await req('POST', '/api/v1/auth/login', { body: { user: 'admin' } });
  assertProblem(r, 422);
  const fields = r.json.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['password', 'user', 'username']);
  assert.ok(r.json.errors.every((e) => /[àáảãạăâđêôơưếệọ]|Trường/i.test(e.message)));
});

test('a body larger than the route allows is a 413 problem', async () => {
  const big = JSON.stringify({ username: 'x'.repeat(40 * 1024), password: 'y' });
  const r = await req('POST', '/api/v1/auth/login', { raw: big });
  assertProblem(r, 413);
});

test('a body beyond nginx client_max_body_size is a 413 problem too', async () => {
  const r = await req('POST', '/api/v1/auth/login', { raw: 'x'.repeat(65 * 1024 * 1024) });
  assert.equal(r.status, 413);
  assert.equal(r.json.status, 413);
});

test('every response carries a request id, also errors, and 500s would name it', async () => {
  for (const [m, p] of [['GET', '/api/v1/health'], ['GET', '/api/v1/nope'], ['POST', '/api/v1/auth/login']]) {
    const r = await req(m, p, m === 'POST' ? { raw: '{' } : {});
    assert.match(r.headers.get('x-request-id') || '', /^[0-9a-f]{32}$/, `${m} ${p}`);
    if (r.json && r.json.request_id) assert.equal(r.json.request_id, r.headers.get('x-request-id'));
  }
});

test('security headers are on API and static responses', async () => {
  for (const p of ['/api/v1/health', '/', '/app/khong-ton-tai']) {
    const r = await fetch(BASE + p);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(r.headers.get('referrer-policy'));
  }
});

test('SPA routes fall back to index.html without caching; assets are immutable', async () => {
  const r = await fetch(BASE + '/app/ke-hoach/123');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /no-cache/);
  const html = await r.text();
  assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script');
  const asset = html.match(/\/assets\/[^"]+\.js/);
  assert.ok(asset, 'hashed JS asset linked');
  const a = await fetch(BASE + asset[0]);
  assert.equal(a.status, 200);
  assert.match(a.headers.get('cache-control'), /immutable/);
});

test('JSON responses are gzip-compressed when asked', async () => {
  const token = await login('admin');
  const r = await fetch(BASE + '/api/v1/units?per_page=1000', { headers: { 'accept-encoding': 'gzip', authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-encoding'), 'gzip');
  assert.ok((await r.json()).items.length > 50);
});

test("a bad percent-escape in the query is a 400 problem", async () => {
  const r = await req('GET', '/api/v1/units?q=%zz');
  assertProblem(r, 400);
});
