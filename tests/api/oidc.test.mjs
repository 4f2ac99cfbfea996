// Sign-in in the browser through real OpenID providers (npm oidc-provider, started by
// scripts/test.sh): the code flow with PKCE, each failure the issue lists ending on the sign-in
// page with an audit row, key rotation at the provider, a second provider, single logout
// (RP-initiated and back-channel), and audiences.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, req, login } from '../lib/api.mjs';
import { Jar, hop, follow, toCallback, ssoSignIn, signInError, kstt, opControl, OP } from '../lib/sso.mjs';

let admin;
before(async () => {
  admin = await login('admin');
});

async function failures(reason) {
  const r = await req('GET', '/api/v1/audit?per_page=500&action=auth.oidc_failed', { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((x) => x.after?.reason === reason);
}

// Runs fn and checks it left exactly one more audit row for reason.
async function audited(reason, fn) {
  const n = (await failures(reason)).length;
  const out = await fn();
  assert.equal((await failures(reason)).length, n + 1, `one audit row for ${reason}`);
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('providers: public list with one button per provider and the local form switch', async () => {
  const r = await req('GET', '/api/v1/auth/oidc/providers');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.local_login, true);
  const tinh = r.json.providers.find((p) => p.id === 'tinh');
  assert.equal(tinh.label, 'Đăng nhập bằng tài khoản dùng chung của tỉnh');
  assert.equal(tinh.login_url, '/api/v1/auth/oidc/tinh/login');
  assert.ok(r.json.providers.some((p) => p.id === 'bo'));
  for (const p of r.json.providers) assert.equal(p.client_secret, undefined);
});

test('login: 302 to the provider with state, nonce and an S256 challenge; nothing secret in the URL', async () => {
  const jar = new Jar();
  const r = await hop(jar, `${BASE}/api/v1/auth/oidc/tinh/login?return_to=/app`);
  assert.equal(r.status, 302);
  const u = new URL(r.location);
  assert.equal(u.origin, OP.tinh);
  assert.equal(u.searchParams.get('response_type'), 'code');
  assert.equal(u.searchParams.get('client_id'), 'kstt-web');
  assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
  assert.match(u.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.ok(u.searchParams.get('state').length >= 40);
  assert.ok(u.searchParams.get('nonce').length >= 40);
  assert.equal(u.searchParams.get('code_verifier'), null);
  assert.equal(jar.get(BASE, 'kstt_oidc'), u.searchParams.get('state'), 'the state is bound to this browser');
  assert.match(r.headers.get('set-cookie'), /kstt_oidc=.*HttpOnly; SameSite=Lax/);
});

test('sign-in: code flow ends in KSTT\'s own session (cookies, refresh), the user created in the unit of its claim', async () => {
  const jar = new Jar();
  const r = await ssoSignIn(jar, 'tinh', 'sso.chuyenvien', { returnTo: '/app/ke-hoach?nam=2026' });
  assert.equal(r.status, 302, r.text);
  assert.equal(r.location, `${BASE}/app/ke-hoach?nam=2026`);
  const cookies = r.headers.getSetCookie().join('\n');
  assert.match(cookies, /kstt_at=[^;]+; Path=\/api\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
  assert.match(cookies, /kstt_rt=[^;]+; Path=\/api\/v1\/auth\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
  assert.equal(jar.get(BASE, 'kstt_oidc'), undefined, 'the state cookie is cleared');
  const me = await kstt(jar, 'GET', '/api/v1/auth/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.username, 'sso.chuyenvien');
  assert.equal(me.json.user.unit_name, 'Sở Tư pháp');
  assert.equal(me.json.user.role, 'officer');
  // KSTT's own access token, as other provincial systems read it (docs/operations.md).
  const claims = JSON.parse(Buffer.from(jar.get(BASE, 'kstt_at').split('.')[1], 'base64url'));
  assert.equal(claims.iss, 'kstt');
  assert.equal(claims.aud, 'kstt-api');
  assert.equal(claims.sub, String(me.json.user.id));
  assert.equal(claims.username, 'sso.chuyenvien');
  assert.equal(claims.unit_code, 'STP');
  assert.equal(claims.unit_level, 'department');
  assert.equal(claims.role, 'officer');
  assert.deepEqual(claims.permissions, me.json.user.permissions);
  // The refresh rotation works exactly as after a password sign-in.
  const rf = await kstt(jar, 'POST', '/api/v1/auth/refresh');
  assert.equal(rf.status, 200, rf.text);
  const rows = await req('GET', `/api/v1/audit?per_page=50&action=auth.login&entity=user&entity_id=${me.json.user.id}`, { token: admin });
  assert.ok(rows.json.items.some((x) => x.after?.method === 'oidc' && x.after?.provider === 'tinh'), 'sign-in audited');
});

test('sign-in: return_to to another origin is replaced by the intranet home', async () => {
  for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
    const jar = new Jar();
    const r = await ssoSignIn(jar, 'tinh', 'sso.chuyenvien', { returnTo: bad });
    assert.equal(r.location, `${BASE}/app`, bad);
  }
});

test('failure: consent denied at the provider', async () => {
  const jar = new Jar();
  const r = await audited('tu_choi', () => ssoSignIn(jar, 'tinh', 'sso.lanhdao', { consent: false }));
  assert.equal(signInError(r), 'tu_choi');
  assert.equal(jar.get(BASE, 'kstt_at'), undefined, 'no session');
});

test('failure: wrong state, a state from another browser, a replayed state', async () => {
  const jar = new Jar();
  const cb = await toCallback(jar, 'tinh', 'sso.chuyenvien');
  const wrong = new URL(cb);
  wrong.searchParams.set('state', 'x'.repeat(43));
  let r = await audited('trang_thai', () => hop(jar, wrong.href));
  assert.equal(signInError(r), 'trang_thai');
  const state = new URL(cb).searchParams.get('state');
  // A failure clears the state cookie; put it back to show the real state still works once.
  jar.byOrigin.get(new URL(BASE).origin).set('kstt_oidc', state);
  // The callback URL taken to another browser (no state cookie) is refused.
  const other = new Jar();
  r = await hop(other, cb);
  assert.equal(signInError(r), 'trang_thai');
  // The state is single-use: it works once, then never again, even with the cookie.
  r = await hop(jar, cb);
  assert.equal(r.status, 302);
  assert.equal(new URL(r.location).pathname, '/app');
  jar.byOrigin.get(new URL(BASE).origin).set('kstt_oidc', state);
  r = await hop(jar, cb);
  assert.equal(signInError(r), 'trang_thai');
});

test('failure: a replayed code (redeemed once already) is refused by the provider', async () => {
  const jar = new Jar();
  const first = await toCallback(jar, 'tinh', 'sso.chuyenvien');
  assert.equal((await hop(jar, first)).status, 302);
  const second = await toCallback(jar, 'tinh', 'sso.chuyenvien');
  const replay = new URL(second);
  replay.searchParams.set('code', new URL(first).searchParams.get('code'));
  const r = await audited('ma_da_dung', () => hop(jar, replay.href));
  assert.equal(signInError(r), 'ma_da_dung');
});

test('failure: nonce mismatch (the ID token carries another nonce than the one stored)', async () => {
  const jar = new Jar();
  const cb = await toCallback(jar, 'tinh', 'sso.chuyenvien', {
    editAuthUrl: (u) => {
      const x = new URL(u);
      x.searchParams.set('nonce', 'n'.repeat(43));
      return x.href;
    },
  });
  const r = await audited('nonce', () => hop(jar, cb));
  assert.equal(signInError(r), 'nonce');
});

test('failure: an expired ID token', async () => {
  // The ID token is minted at the code exchange; with the provider's clock two minutes behind and
  // a lifetime of one minute it arrives expired (this provider's leeway is 5 s).
  await opControl('tinh', 'id-token-ttl', { seconds: '60' });
  await opControl('tinh', 'clock', { offset: '-120' });
  try {
    const jar = new Jar();
    const cb = await toCallback(jar, 'tinh', 'sso.chuyenvien');
    const r = await audited('het_han', async () => {
      const x = await hop(jar, cb);
      assert.equal(signInError(x), 'het_han');
      return x;
    });
    assert.equal(jar.get(BASE, 'kstt_at'), undefined, 'no session');
  } finally {
    await opControl('tinh', 'clock', { offset: '0' });
    await opControl('tinh', 'id-token-ttl', { seconds: '300' });
  }
});

test('key rotation: a new signing key (new kid) at the provider is fetched by kid; a key it does not publish is refused', async () => {
  // Signed with a new key the provider's JWKS does not hold: unknown key.
  await opControl('tinh', 'hide-keys', { on: '1' });
  const { kid } = await opControl('tinh', 'rotate');
  try {
    await sleep(1100); // the providers file lets KSTT refetch a JWKS once a second
    const jar = new Jar();
    const r = await audited('khoa_la', () => ssoSignIn(jar, 'tinh', 'sso.chuyenvien'));
    assert.equal(signInError(r), 'khoa_la');
  } finally {
    await opControl('tinh', 'hide-keys', { on: '0' });
  }
  // Published now: the next sign-in fetches it by its kid and succeeds.
  await sleep(1100);
  const jar = new Jar();
  const r = await ssoSignIn(jar, 'tinh', 'sso.chuyenvien');
  assert.equal(r.status, 302);
  assert.equal(new URL(r.location).pathname, '/app', r.location);
  const lo = await kstt(jar, 'GET', '/api/v1/auth/oidc/logout');
  const hint = new URL(lo.json.logout_url).searchParams.get('id_token_hint');
  assert.equal(JSON.parse(Buffer.from(hint.split('.')[0], 'base64url')).kid, kid, 'signed with the new key');
  // A plain second rotation works too, without waiting for any cache to expire.
  await opControl('tinh', 'rotate');
  await sleep(1100);
  assert.equal((await ssoSignIn(new Jar(), 'tinh', 'sso.chuyenvien')).location, `${BASE}/app`);
});

test('failure: a user disabled here cannot sign in through the provider', async () => {
  // Signed in once (created on first sight), then disabled by an administrator here.
  let found = (await req('GET', '/api/v1/users?q=sso.bikhoa', { token: admin })).json.items.find((x) => x.username === 'sso.bikhoa');
  if (!found) {
    assert.equal((await ssoSignIn(new Jar(), 'tinh', 'sso.bikhoa')).location, `${BASE}/app`);
    found = (await req('GET', '/api/v1/users?q=sso.bikhoa', { token: admin })).json.items.find((x) => x.username === 'sso.bikhoa');
  }
  const d = await req('POST', `/api/v1/users/${found.id}/disable`, { token: admin });
  assert.ok([200, 204, 409].includes(d.status), d.text);
  const r = await audited('bi_khoa', () => ssoSignIn(new Jar(), 'tinh', 'sso.bikhoa'));
  assert.equal(signInError(r), 'bi_khoa');
});

test('failure: a unit claim naming no unit of ours creates nobody', async () => {
  const jar = new Jar();
  const r = await audited('don_vi', () => ssoSignIn(jar, 'tinh', 'sso.khongdonvi'));
  assert.equal(signInError(r), 'don_vi');
  const u = await req('GET', '/api/v1/users?q=sso.khongdonvi', { token: admin });
  assert.equal(u.json.items.filter((x) => x.username === 'sso.khongdonvi').length, 0);
});

test('failure: an unknown provider, and a callback without state', async () => {
  let r = await hop(new Jar(), `${BASE}/api/v1/auth/oidc/khong-co/login`);
  assert.equal(signInError(r), 'nha_cung_cap');
  r = await hop(new Jar(), `${BASE}/api/v1/auth/oidc/tinh/callback?code=abc`);
  assert.equal(signInError(r), 'trang_thai');
});

test('second provider (client authentication by private_key_jwt): the ministry\'s accounts sign in through it; its state is not accepted by the province\'s callback', async () => {
  const jar = new Jar();
  const cb = await toCallback(jar, 'bo', 'sso.bo');
  const cross = cb.replace('/oidc/bo/callback', '/oidc/tinh/callback');
  let r = await hop(jar, cross);
  assert.equal(signInError(r), 'trang_thai');
  const jar2 = new Jar();
  r = await ssoSignIn(jar2, 'bo', 'sso.bo');
  assert.equal(r.location, `${BASE}/app`);
  const me = await kstt(jar2, 'GET', '/api/v1/auth/me');
  assert.equal(me.json.user.username, 'sso.bo');
  assert.equal(me.json.user.role, 'viewer');
  // An account of one provider is unknown to the other.
  r = await ssoSignIn(new Jar(), 'tinh', 'sso.bo').catch((e) => e);
  assert.ok(r instanceof Error, 'the province\'s provider has no such account');
});

// The provider's logout page (RP-initiated logout) asks for confirmation: submit "Đăng xuất".
async function endAtProvider(jar, logoutUrl) {
  const page = await hop(jar, logoutUrl);
  assert.equal(page.status, 200, page.text);
  const action = page.text.match(/<form[^>]*action="([^"]+)"/)[1];
  const fields = Object.fromEntries([...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  return hop(jar, new URL(action, logoutUrl).href, { method: 'POST', form: { ...fields, logout: 'yes' } });
}

test('single logout: RP-initiated logout ends the provider session; back-channel logout revokes every session of the person', async () => {
  const a = new Jar(), b = new Jar();
  assert.equal((await ssoSignIn(a, 'tinh', 'sso.lanhdao')).status, 302);
  assert.equal((await ssoSignIn(b, 'tinh', 'sso.lanhdao')).status, 302);
  assert.equal((await kstt(b, 'GET', '/api/v1/auth/me')).status, 200);
  const lo = await kstt(a, 'GET', '/api/v1/auth/oidc/logout');
  assert.equal(lo.status, 200, lo.text);
  const u = new URL(lo.json.logout_url);
  assert.equal(u.origin + u.pathname, `${OP.tinh}/session/end`);
  assert.equal(u.searchParams.get('post_logout_redirect_uri'), `${BASE}/dang-nhap`);
  assert.ok(u.searchParams.get('id_token_hint'));
  assert.equal((await kstt(a, 'POST', '/api/v1/auth/logout')).status, 204);
  const end = await endAtProvider(a, lo.json.logout_url);
  assert.ok(end.status === 303 || end.status === 302, end.text);
  // The provider calls our back-channel endpoint; b's session ends with it.
  let status = 200;
  for (let i = 0; i < 50 && status === 200; i++) {
    status = (await kstt(b, 'GET', '/api/v1/auth/me')).status;
    if (status === 200) await sleep(100);
  }
  assert.equal(status, 401, 'the second browser is signed out');
  const rows = await req('GET', '/api/v1/audit?per_page=50&action=auth.backchannel_logout', { token: admin });
  assert.ok(rows.json.items.some((x) => x.after?.provider === 'tinh' && x.after?.sessions >= 1));
  // The provider's real logout token works once: replayed, it is refused and a session the
  // person opened after that logout lives on.
  const sent = await fetch(`${OP.tinh}/__test/last-logout-token`, { method: 'POST' }).then((x) => x.json());
  assert.ok(sent.logout_token, 'the provider sent a logout token');
  const c = new Jar();
  assert.equal((await ssoSignIn(c, 'tinh', 'sso.lanhdao')).status, 302);
  const replay = await fetch(`${BASE}/api/v1/auth/oidc/tinh/backchannel`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: sent.logout_token }),
  });
  assert.equal(replay.status, 400);
  assert.match(replay.headers.get('content-type'), /application\/problem\+json/);
  assert.equal((await kstt(c, 'GET', '/api/v1/auth/me')).status, 200, 'the later session lives on');
  // The provider session is gone: signing in again asks for the password.
  const again = await hop(a, `${BASE}/api/v1/auth/oidc/tinh/login`);
  const toLogin = await hop(a, again.location);
  assert.match(toLogin.location, /\/interaction\//, 'no silent sign-in');
  assert.match((await hop(a, toLogin.location)).text, /name="password"/);
  // A password session's end-session address is null.
  const local = await req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'Kstt@2023' } });
  const n = await req('GET', '/api/v1/auth/oidc/logout', { token: local.json.access_token });
  assert.equal(n.status, 200);
  assert.equal(n.json.logout_url ?? null, null);
});

test('back-channel: anything but a signed logout token from that provider is refused with 400', async () => {
  const jar = new Jar();
  await ssoSignIn(jar, 'tinh', 'sso.chuyenvien');
  const lo = await kstt(jar, 'GET', '/api/v1/auth/oidc/logout');
  const idToken = new URL(lo.json.logout_url).searchParams.get('id_token_hint');
  const post = (p, form) =>
    fetch(`${BASE}/api/v1/auth/oidc/${p}/backchannel`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  for (const form of [{}, { logout_token: 'abc.def.ghi' }, { logout_token: idToken }]) {
    const r = await post('tinh', form);
    assert.equal(r.status, 400, JSON.stringify(form).slice(0, 40));
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
  }
  // The province's token at the ministry's endpoint: another issuer and audience.
  assert.equal((await post('bo', { logout_token: idToken })).status, 400);
  assert.equal((await kstt(jar, 'GET', '/api/v1/auth/me')).status, 200, 'the session lives on');
});

test('audience: a provider\'s ID token (audience kstt-web) is not an access token for this api (audience kstt-api)', async () => {
  const jar = new Jar();
  await ssoSignIn(jar, 'tinh', 'sso.chuyenvien');
  const lo = await kstt(jar, 'GET', '/api/v1/auth/oidc/logout');
  const idToken = new URL(lo.json.logout_url).searchParams.get('id_token_hint');
  const r = await req('GET', '/api/v1/auth/me', { token: idToken });
  assert.equal(r.status, 401);
  // A KSTT access token is refused by a verifier configured for another audience: see
  // tests/unit/test_sso.c (test_audience), which runs the same verifier every KSTT api uses.
});
