// Token attacks (issue 3, "Token checks"): every forged, stale, foreign or revoked token gets 401 from
// GET /api/v1/auth/me; valid tokens (ours, the identity provider's, within the 60 s leeway) pass.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { BASE, PASSWORD, req, login, assertProblem, unitByCode } from '../lib/api.mjs';

const IDP = `http://127.0.0.1:${process.env.KSTT_IDP_PORT || 18099}`;
const LEEWAY = 60;
const now = () => Math.floor(Date.now() / 1000);
const b64u = (s) => Buffer.from(s).toString('base64url');
const unb64u = (s) => Buffer.from(s, 'base64url').toString('utf8');
const rand = () => randomBytes(4).toString('hex');

// A source address of its own (any 127/8 address reaches the loopback listener): failed logins
// here never count against 127.0.0.1, which every other test logs in from.
const ADDR = `127.${10 + Math.floor(Math.random() * 240)}.${Math.floor(Math.random() * 256)}.${2 + Math.floor(Math.random() * 250)}`;
function reqFrom(addr, method, path, body) {
  const u = new URL(BASE + path);
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers = data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {};
  return new Promise((resolve, reject) => {
    const rq = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, localAddress: addr }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const json = /json/.test(res.headers['content-type'] || '') && text ? JSON.parse(text) : null;
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    rq.on('error', reject);
    if (data) rq.write(data);
    rq.end();
  });
}

async function mint(opts) {
  const r = await fetch(`${IDP}/mint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts) });
  assert.equal(r.status, 200, `idp mint: ${await r.clone().text()}`);
  return (await r.json()).token;
}
const officerClaims = (extra = {}) => ({ preferred_username: 'stp.daumoi', realm_access: { roles: ['kstt-officer'] }, ...extra });

async function me(token) {
  return req('GET', '/api/v1/auth/me', { token });
}
async function assertRejected(token, what) {
  const r = await me(token);
  assert.equal(r.status, 401, `${what}: expected 401, got ${r.status} ${r.text}`);
  assertProblem(r, 401);
  assert.match(r.headers.get('www-authenticate') || '', /^Bearer/, `${what}: WWW-Authenticate`);
}

// A fresh session (not the shared cached token: some tests end it).
async function freshLogin(username, password = PASSWORD) {
  const r = await req('POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, `login ${username}: ${r.text}`);
  return r.json.access_token;
}
const parts = (tok) => tok.split('.');
const claimsOf = (tok) => JSON.parse(unb64u(parts(tok)[1]));
const headerOf = (tok) => JSON.parse(unb64u(parts(tok)[0]));

let adminToken, x0101;
before(async () => {
  adminToken = await login('admin');
  x0101 = await unitByCode('X0101');
});

async function createUser(role = 'officer') {
  const username = `tk.${rand()}`;
  const password = `Tk@${rand()}Aa1`;
  const r = await req('POST', '/api/v1/users', {
    token: adminToken,
    body: { username, full_name: 'Người thử token', unit_id: x0101.id, role, password },
  });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.id, username, password };
}

// ---- positive ----------------------------------------------------------------------------------

test('a token from login is accepted by /auth/me and names the user', async () => {
  const tok = await freshLogin('xa11.daumoi');
  const r = await me(tok);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.username, 'xa11.daumoi');
  const h = headerOf(tok);
  assert.equal(h.alg, 'RS256');
  const jwks = (await req('GET', '/api/v1/auth/jwks')).json;
  assert.ok(jwks.keys.some((k) => k.kid === h.kid), 'our token names a published kid');
  const c = claimsOf(tok);
  assert.ok(c.exp > now() && c.exp - c.iat <= 15 * 60, 'access token lives at most 15 minutes');
  assert.ok(c.sid && c.sub && c.iss && c.aud);
});

test('an identity-provider token within the 60 s leeway still passes (exp and nbf)', async () => {
  const t = now();
  const expired20 = await mint({ claims: officerClaims({ exp: t - 20, iat: t - 300 }) });
  let r = await me(expired20);
  assert.equal(r.status, 200, `exp 20 s ago (inside leeway): ${r.text}`);
  const nbf20 = await mint({ claims: officerClaims({ nbf: t + 20 }) });
  r = await me(nbf20);
  assert.equal(r.status, 200, `nbf 20 s ahead (inside leeway): ${r.text}`);
  const audArray = await mint({ claims: officerClaims({ aud: ['account', 'kstt-api'] }) });
  r = await me(audArray);
  assert.equal(r.status, 200, `aud array containing ours: ${r.text}`);
});

// ---- forged ------------------------------------------------------------------------------------

test('alg "none" tokens are refused, whatever the case and signature part', async () => {
  const good = await login('xa11.daumoi');
  const [h, p, s] = parts(good);
  const kid = headerOf(good).kid;
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    const hdr = b64u(JSON.stringify({ alg, typ: 'JWT', kid }));
    await assertRejected(`${hdr}.${p}.`, `alg ${alg}, empty signature`);
    await assertRejected(`${hdr}.${p}`, `alg ${alg}, two parts`);
    await assertRejected(`${hdr}.${p}.${s}`, `alg ${alg}, original signature`);
  }
  await assertRejected(`${b64u(JSON.stringify({ alg: 'none' }))}.${p}.`, 'alg none without kid');
  assert.ok(h);
});

test('HS256 signed with our RSA public key (PEM from the JWKS) as the HMAC secret is refused', async () => {
  const good = await login('xa11.daumoi');
  const jwks = (await req('GET', '/api/v1/auth/jwks')).json;
  const kid = headerOf(good).kid;
  const jwk = jwks.keys.find((k) => k.kid === kid);
  assert.ok(jwk, 'our kid is in the JWKS');
  const keyObj = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  const pem = keyObj.export({ type: 'spki', format: 'pem' });
  const pkcs1 = keyObj.export({ type: 'pkcs1', format: 'pem' });
  const der = keyObj.export({ type: 'spki', format: 'der' });
  const claims = { ...claimsOf(good), iat: now(), nbf: now(), exp: now() + 600 };
  const payload = b64u(JSON.stringify(claims));
  const secrets = { pem, 'pem without final newline': pem.trimEnd(), pkcs1, der, 'jwk json': JSON.stringify(jwk) };
  for (const [name, secret] of Object.entries(secrets)) {
    for (const header of [{ alg: 'HS256', typ: 'JWT', kid }, { alg: 'HS256', typ: 'JWT' }, { alg: 'HS512', kid }]) {
      const hdr = b64u(JSON.stringify(header));
      const algo = header.alg === 'HS512' ? 'sha512' : 'sha256';
      const sig = createHmac(algo, secret).update(`${hdr}.${payload}`).digest('base64url');
      await assertRejected(`${hdr}.${payload}.${sig}`, `${header.alg} (kid ${header.kid ? 'ours' : 'absent'}) with ${name}`);
    }
  }
  // The same claims under our real RS256 signature would pass: the session is live.
  assert.equal((await me(good)).status, 200);
});

test('a tampered payload (one character changed, re-encoded) is refused', async () => {
  const good = await freshLogin('xa11.daumoi');
  const [h, p, s] = parts(good);
  const text = unb64u(p);
  // One character of the username: xa11.daumoi -> xa12.daumoi.
  const i = text.indexOf('xa11.daumoi');
  assert.ok(i > 0);
  const oneChar = text.slice(0, i + 3) + '2' + text.slice(i + 4);
  assert.equal(oneChar.length, text.length);
  await assertRejected(`${h}.${b64u(oneChar)}.${s}`, 'username changed by one character');
  // One character of the role.
  const role = text.replace('"role":"officer"', '"role":"officeR"');
  assert.notEqual(role, text);
  await assertRejected(`${h}.${b64u(role)}.${s}`, 'role changed by one character');
  // A later expiry, and a flipped signature character.
  const c = JSON.parse(text);
  await assertRejected(`${h}.${b64u(JSON.stringify({ ...c, exp: c.exp + 3600 }))}.${s}`, 'exp extended');
  const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
  await assertRejected(`${h}.${p}.${flipped}`, 'signature changed by one character');
  await assertRejected(`${h}.${p}.`, 'signature removed');
  await assertRejected(`${h}.${p}.${s}.${s}`, 'four parts');
  await assertRejected('not-a-token', 'garbage');
  assert.equal((await me(good)).status, 200, 'the untouched token still works');
});

// ---- identity provider tokens --------------------------------------------------------------------

test('expired identity-provider token (beyond the leeway) is refused', async () => {
  const t = now();
  await assertRejected(await mint({ claims: officerClaims({ exp: t - LEEWAY - 30, iat: t - 900 }) }), 'exp 90 s ago');
  await assertRejected(await mint({ claims: officerClaims({ exp: t - 3600, iat: t - 7200 }) }), 'exp an hour ago');
});

test('not-yet-valid identity-provider token (nbf or iat beyond the leeway) is refused', async () => {
  const t = now();
  await assertRejected(await mint({ claims: officerClaims({ nbf: t + LEEWAY + 60 }) }), 'nbf 2 min ahead');
  await assertRejected(await mint({ claims: officerClaims({ iat: t + 600, exp: t + 1200 }) }), 'issued 10 min in the future');
});

test('wrong issuer or audience is refused', async () => {
  const iss = `${IDP}/realms/other`;
  await assertRejected(await mint({ claims: officerClaims({ iss }) }), 'other realm');
  await assertRejected(await mint({ claims: officerClaims({ iss: `${IDP}/realms/kstt/` }) }), 'issuer with trailing slash');
  await assertRejected(await mint({ claims: officerClaims({ iss: 'kstt' }) }), 'our own issuer name on an IdP key');
  await assertRejected(await mint({ claims: officerClaims({ aud: 'other-api' }) }), 'other audience');
  await assertRejected(await mint({ claims: officerClaims({ aud: ['account'] }) }), 'audience array without ours');
  await assertRejected(await mint({ claims: officerClaims({ aud: 'KSTT-API' }) }), 'audience in other case');
});

test('unknown kid and keys the identity provider never published are refused', async () => {
  await assertRejected(await mint({ claims: officerClaims(), rogueKey: true, kid: `rogue-${rand()}` }), 'unpublished key, unknown kid');
  await assertRejected(await mint({ claims: officerClaims(), rogueKey: true }), 'unpublished key under the published kid');
  await assertRejected(await mint({ claims: officerClaims(), kid: `nope-${rand()}` }), 'published key, unknown kid');
});

// ---- revoked and disabled ----------------------------------------------------------------------

test('a session ended by logout: its access token is refused', async () => {
  const tok = await freshLogin('huyen1.daumoi');
  assert.equal((await me(tok)).status, 200);
  const out = await req('POST', '/api/v1/auth/logout', { token: tok });
  assert.equal(out.status, 204, out.text);
  await assertRejected(tok, 'after logout');
  // Other sessions of the same user are untouched.
  assert.equal((await me(await login('huyen1.daumoi'))).status, 200);
});

test('a disabled user: live token refused, login refused, IdP token refused; enabling does not revive old tokens', async () => {
  const u = await createUser();
  const tok = await freshLogin(u.username, u.password);
  assert.equal((await me(tok)).status, 200);
  const idpTok = await mint({ claims: { preferred_username: u.username, realm_access: { roles: ['kstt-officer'] } } });
  assert.equal((await me(idpTok)).status, 200, 'IdP token for the active user');

  const d = await req('POST', `/api/v1/users/${u.id}/disable`, { token: adminToken });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.active, false);
  await assertRejected(tok, 'disabled user, our token');
  await assertRejected(idpTok, 'disabled user, IdP token');
  const l = await reqFrom(ADDR, 'POST', '/api/v1/auth/login', { username: u.username, password: u.password });
  assert.equal(l.status, 401, `login of a disabled user: ${l.text}`);

  const e = await req('POST', `/api/v1/users/${u.id}/enable`, { token: adminToken });
  assert.equal(e.status, 200, e.text);
  await assertRejected(tok, 're-enabled user, session ended at disable');
  assert.equal((await me(await freshLogin(u.username, u.password))).status, 200, 'a new login works');
});

test('changing role or resetting the password ends the user\'s sessions', async () => {
  const u = await createUser();
  const a = await freshLogin(u.username, u.password);
  const r1 = await req('PUT', `/api/v1/users/${u.id}`, { token: adminToken, body: { role: 'viewer' } });
  assert.equal(r1.status, 200, r1.text);
  await assertRejected(a, 'after role change');
  const b = await freshLogin(u.username, u.password);
  const np = `Nw@${rand()}Bb2`;
  const r2 = await req('PUT', `/api/v1/users/${u.id}`, { token: adminToken, body: { password: np } });
  assert.equal(r2.status, 200, r2.text);
  await assertRejected(b, 'after password reset');
  assert.equal((await me(await freshLogin(u.username, np))).status, 200);
});

test('a missing, empty or non-Bearer Authorization header gets 401', async () => {
  for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: 'Basic YWRtaW46S3N0dEAyMDIz' }, { authorization: 'Bearer' }]) {
    const r = await req('GET', '/api/v1/auth/me', { headers });
    assert.equal(r.status, 401, `${JSON.stringify(headers)}: ${r.text}`);
  }
});
