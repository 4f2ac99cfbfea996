// Drives a sign-in through a real OpenID provider (tests/lib/oidc-op.mjs) with fetch and a
// cookie jar per origin, the way a browser follows the redirects and fills the provider's forms.
import assert from 'node:assert/strict';
import { BASE } from './api.mjs';

export const OP_PORT = Number(process.env.KSTT_OIDC_PORT || 18090);
export const OP = { tinh: `http://127.0.0.1:${OP_PORT}`, bo: `http://127.0.0.1:${OP_PORT + 1}` };
export const SSO_PASSWORD = 'Sso@2026';

export class Jar {
  constructor() { this.byOrigin = new Map(); }
  header(url) {
    const m = this.byOrigin.get(new URL(url).origin);
    return m ? [...m].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  take(url, res) {
    const origin = new URL(url).origin;
    if (!this.byOrigin.has(origin)) this.byOrigin.set(origin, new Map());
    const m = this.byOrigin.get(origin);
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (gone || value === '') m.delete(name); else m.set(name, value);
    }
  }
  get(url, name) { return this.byOrigin.get(new URL(url).origin)?.get(name); }
}

// One request with the jar; never follows redirects itself.
export async function hop(jar, url, { method = 'GET', form, headers = {} } = {}) {
  const h = { ...headers };
  const cookie = jar.header(url);
  if (cookie) h.cookie = cookie;
  let body;
  if (form) {
    body = new URLSearchParams(form).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
  jar.take(url, res);
  const text = await res.text();
  const loc = res.headers.get('location');
  return { status: res.status, location: loc ? new URL(loc, url).href : null, text, headers: res.headers };
}

// Follows redirects (and, on the provider's pages, fills the login form and answers the consent
// form) until a response that is not a redirect, or a redirect that `stop` accepts.
// Returns the last response and the URL it came from.
export async function follow(jar, url, { username, password = SSO_PASSWORD, consent = true, stop } = {}) {
  let res = await hop(jar, url);
  for (let i = 0; i < 30; i++) {
    if (res.location) {
      if (stop && stop(res.location)) return { ...res, url };
      url = res.location;
      res = await hop(jar, url);
      continue;
    }
    const action = res.text.match(/action="(\/interaction\/[^"]+\/(login|confirm))"/);
    if (res.status === 200 && action && action[2] === 'login') {
      res = await hop(jar, new URL(action[1], url).href, { method: 'POST', form: { username, password } });
      continue;
    }
    if (res.status === 200 && action && action[2] === 'confirm') {
      const a = consent ? action[1] : action[1].replace(/confirm$/, 'abort');
      res = await hop(jar, new URL(a, url).href, { method: 'POST', form: {} });
      continue;
    }
    return { ...res, url };
  }
  throw new Error('too many redirects');
}

const isCallback = (u) => u.startsWith(`${BASE}/api/v1/auth/oidc/`) && u.includes('/callback');

// Starts at KSTT, signs in at the provider, and stops before KSTT's callback: returns its URL.
export async function toCallback(jar, provider, username, opts = {}) {
  const start = `${BASE}/api/v1/auth/oidc/${provider}/login?return_to=${encodeURIComponent(opts.returnTo || '/app')}`;
  let first = await hop(jar, start);
  assert.equal(first.status, 302, first.text);
  let authUrl = first.location;
  if (opts.editAuthUrl) authUrl = opts.editAuthUrl(authUrl);
  const r = await follow(jar, authUrl, { username, consent: opts.consent ?? true, stop: isCallback });
  assert.ok(r.location && isCallback(r.location), `expected a redirect to the callback, got ${r.status} ${r.location} ${r.text.slice(0, 200)}`);
  return r.location;
}

// The whole sign-in; returns KSTT's final answer to the callback (302 somewhere).
export async function ssoSignIn(jar, provider, username, opts = {}) {
  const cb = await toCallback(jar, provider, username, opts);
  return hop(jar, cb);
}

// The error code on the sign-in page a failed sign-in lands on.
export function signInError(res) {
  assert.equal(res.status, 302, res.text);
  const u = new URL(res.location, BASE);
  assert.equal(u.pathname, '/dang-nhap', res.location);
  return u.searchParams.get('loi');
}

// Calls KSTT with the jar's session cookies (as the web app does).
export async function kstt(jar, method, path, body) {
  const url = BASE + path;
  const headers = { 'x-requested-with': 'kstt' };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined, redirect: 'manual' });
  jar.take(url, res);
  const text = await res.text();
  return { status: res.status, json: text && (res.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : null, text };
}

export async function opControl(provider, what, form = {}) {
  const r = await fetch(`${OP[provider]}/__test/${what}`, { method: 'POST', body: new URLSearchParams(form) });
  assert.equal(r.status, 200);
  return r.json();
}
