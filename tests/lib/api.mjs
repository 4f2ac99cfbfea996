// Shared helpers for API tests: base URL, JSON requests, logins per demo account.
import assert from 'node:assert/strict';

export const BASE = process.env.KSTT_BASE_URL || 'http://127.0.0.1:18080';
export const PASSWORD = 'Kstt@2023';

export async function req(method, path, { body, token, cookie, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookie) h.cookie = cookie;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = h['content-type'] || 'application/json';
  }
  const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  const ct = res.headers.get('content-type') || '';
  if (ct.includes('json') && text) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json, text };
}

const tokens = new Map();
// Logs in once per username and returns the bearer token.
export async function login(username, password = PASSWORD) {
  if (tokens.has(username)) return tokens.get(username);
  const r = await req('POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, `login ${username}: ${r.text}`);
  tokens.set(username, r.json.access_token);
  return r.json.access_token;
}

export function forget(username) {
  tokens.delete(username);
}

// Every problem response has the RFC 9457 shape with Vietnamese text and a request id.
export function assertProblem(r, status, field) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') || '', /application\/problem\+json/);
  assert.equal(r.json.status, status);
  assert.ok(r.json.title && r.json.title.length > 0);
  assert.ok(typeof r.json.detail === 'string');
  if (field) {
    assert.ok(Array.isArray(r.json.errors), 'errors[] expected');
    assert.ok(r.json.errors.some((e) => e.field === field), `error for ${field}: ${r.text}`);
  }
}

export async function unitByCode(code) {
  const t = await login('admin');
  const r = await req('GET', `/api/v1/units?q=${encodeURIComponent(code)}&per_page=1000`, { token: t });
  const u = r.json.items.find((x) => x.code === code);
  assert.ok(u, `unit ${code}`);
  return u;
}
