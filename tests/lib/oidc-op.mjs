// A real OpenID provider for the browser sign-in tests and the demo: npm oidc-provider (a
// certified OpenID Connect server) with a test account store, its own login and consent pages,
// PKCE required, RP-initiated and back-channel logout, configured like a province's SSO.
// Started by scripts/test.sh (two of them: the province's and a ministry's) and `make run`.
//   node tests/lib/oidc-op.mjs <port> <id> <client_id> <client_secret> <kstt base url> [auth method]
// auth method: client_secret_basic (default) or private_key_jwt (KSTT signs a client assertion
// with its own key; the provider reads KSTT's /api/v1/auth/jwks).
// Test-only controls under /__test/ (loopback only): rotate the signing key, publish a JWKS
// without the signing key, shorten the ID token lifetime, read the last logout token it sent.
import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const [port, id, clientId, clientSecret, kstt, authMethod = 'client_secret_basic'] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const PASSWORD = 'Sso@2026';

// Accounts of the provider (its own directory, not KSTT's): claims as a Keycloak realm gives them.
// The ministry's provider ("bo") has its own accounts; every other id has the province's.
const ALL = {
  'sso.chuyenvien': { name: 'Nguyễn Văn Chuyên', unit_code: 'STP', roles: ['kstt-officer'] },
  'sso.lanhdao': { name: 'Trần Thị Lãnh', unit_code: 'SNV', roles: ['kstt-leader'] },
  'sso.e2e': { name: 'Lê Văn Duyệt', unit_code: 'STC', roles: ['kstt-specialist'] },
  'sso.bikhoa': { name: 'Phạm Văn Khoá', unit_code: 'STP', roles: ['kstt-officer'] },
  'sso.khongdonvi': { name: 'Đỗ Thị Vắng', unit_code: 'KHONG-CO', roles: ['kstt-officer'] },
  'sso.bo': { name: 'Hoàng Văn Bộ', unit_code: 'SKHDT', roles: ['kstt-viewer'], op: 'bo' },
};
const ACCOUNTS = Object.fromEntries(Object.entries(ALL).filter(([, a]) => (a.op === 'bo') === (id === 'bo')));

let idTokenTtl = 300;
let clockOffset = 0;
const realNow = Date.now;
Date.now = () => realNow() + clockOffset * 1000;
let hideKeys = false;
let lastLogoutToken = null;
let keys = [await newKey()];

async function newKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `${id}-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
}

function build() {
  const p = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(authMethod === 'private_key_jwt'
          ? { jwks_uri: `${kstt}/api/v1/auth/jwks`, token_endpoint_auth_signing_alg: 'RS256' }
          : { client_secret: clientSecret }),
        redirect_uris: [`${kstt}/api/v1/auth/oidc/${id}/callback`],
        post_logout_redirect_uris: [`${kstt}/dang-nhap`],
        // Through a relay in this process that forwards to KSTT's back-channel endpoint unchanged
        // and keeps the last logout token, so that a test can replay a real one.
        backchannel_logout_uri: `${issuer}/__relay/backchannel`,
        backchannel_logout_session_required: true,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: authMethod,
      },
    ],
    jwks: { keys },
    cookies: { keys: [`cookie-key-${id}`] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'unit_code', 'realm_access'],
      email: ['email'],
    },
    // Claims of the granted scopes go into the ID token itself, as Keycloak and WSO2 do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // KSTT listens on loopback here: let the back-channel logout call reach it (oidc-provider
    // refuses special-use addresses by default, a guard against SSRF on public deployments).
    fetch: (url, options) => {
      delete options.dispatcher;
      return globalThis.fetch(url, options);
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    ttl: { IdToken: () => idTokenTtl, AccessToken: 300, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const a = ACCOUNTS[sub];
      if (!a) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, preferred_username: sub, name: a.name, email: `${sub}@sso.test`, unit_code: a.unit_code, realm_access: { roles: a.roles } };
        },
      };
    },
  });
  p.on('backchannel.error', (ctx, err) => console.error('backchannel logout failed:', err?.message, err?.cause?.message ?? ''));
  p.on('backchannel.success', (ctx, client) => console.log('backchannel logout sent to', client.clientId));
  return p;
}

let provider = build();

async function logoutSource(ctx, form) {
  ctx.body = page('Đăng xuất', `<h1>Đăng xuất khỏi tài khoản dùng chung?</h1>${form}
    <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
    <button type="submit" form="op.logoutForm">Ở lại</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Đã đăng xuất', '<h1>Bạn đã đăng xuất khỏi tài khoản dùng chung.</h1>');
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function page(title, body) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><main><p>Hệ thống định danh dùng chung (${esc(id)})</p>${body}</main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const c of req) body += c;
  return Object.fromEntries(new URLSearchParams(body));
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function loginPage(uid, error) {
  return page('Đăng nhập', `<h1>Đăng nhập tài khoản dùng chung</h1>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login" autocomplete="off">
  <label>Tên đăng nhập <input name="username" autofocus></label>
  <label>Mật khẩu <input name="password" type="password"></label>
  <button type="submit">Đăng nhập</button>
</form>`);
}

function consentPage(uid, clientName) {
  return page('Cho phép', `<h1>Cho phép ${esc(clientName)} dùng thông tin tài khoản của bạn?</h1>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Đồng ý</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Từ chối</button></form>`);
}

async function interaction(req, res, path) {
  const [, , uid, action] = path.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Lỗi', '<p>Phiên tương tác không khớp.</p>'));
  const { prompt, params, session } = details;
  if (req.method === 'GET') {
    return send(res, 200, prompt.name === 'login' ? loginPage(uid) : consentPage(uid, params.client_id));
  }
  let result;
  if (action === 'login') {
    const f = await readForm(req);
    if (!ACCOUNTS[f.username] || f.password !== PASSWORD) {
      return send(res, 200, loginPage(uid, 'Tên đăng nhập hoặc mật khẩu không đúng.'));
    }
    result = { login: { accountId: f.username } };
  } else if (action === 'confirm') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    if (d.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(d.missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  } else if (action === 'abort') {
    result = { error: 'access_denied', error_description: 'Người dùng từ chối cho phép.' };
  } else {
    return send(res, 404, page('Không thấy', ''));
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

async function control(req, res, path) {
  if (req.method !== 'POST') return send(res, 405, '');
  const f = await readForm(req);
  if (path === '/__test/rotate') {
    // A new signing key with a new kid goes first (it signs); the old one is still published.
    keys = [await newKey(), ...keys];
    provider = build();
  } else if (path === '/__test/hide-keys') {
    hideKeys = f.on !== '0';
  } else if (path === '/__test/clock') {
    // The provider's clock runs `offset` seconds off (a skewed clock is how tokens arrive expired).
    clockOffset = Number(f.offset) || 0;
  } else if (path === '/__test/last-logout-token') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ logout_token: lastLogoutToken }));
  } else if (path === '/__test/id-token-ttl') {
    idTokenTtl = Number.isFinite(Number(f.seconds)) ? Number(f.seconds) : 300;
  } else {
    return send(res, 404, '');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kid: keys[0].kid, hideKeys, idTokenTtl, clockOffset }));
}

const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  try {
    if (path.startsWith('/interaction/')) return await interaction(req, res, path);
    if (path.startsWith('/__test/')) return await control(req, res, path);
    if (path === '/__relay/backchannel' && req.method === 'POST') {
      let body = '';
      for await (const c of req) body += c;
      lastLogoutToken = new URLSearchParams(body).get('logout_token');
      const r = await fetch(`${kstt}/api/v1/auth/oidc/${id}/backchannel`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') || 'text/plain' });
      return res.end(await r.text());
    }
    if (hideKeys && path === '/jwks') {
      // A JWKS that no longer holds the key the ID tokens are signed with.
      const other = await newKey();
      const { d, p, q, dp, dq, qi, ...pub } = other;
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      return res.end(JSON.stringify({ keys: [pub] }));
    }
    return provider.callback()(req, res);
  } catch (e) {
    console.error(e);
    if (!res.headersSent) send(res, 500, page('Lỗi', `<p>${esc(e.message)}</p>`));
  }
});
server.listen(Number(port), '127.0.0.1', () => console.log(`oidc provider ${id} at ${issuer} for ${kstt}`));
