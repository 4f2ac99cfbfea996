// The password form switched off by configuration (KSTT_OIDC_LOCAL_LOGIN=0, decision 79): the
// provider list says so, the password sign-in answers 403 with a Vietnamese message, and signing
// in through the province's provider still works. It restarts the api, so it runs with the fault
// tests, one file at a time, and puts the api back as it was.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { assertProblem, req } from '../lib/api.mjs';
import { Jar, ssoSignIn, kstt } from '../lib/sso.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();

function restartApi(extra) {
  execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'restart-api', 'test'], {
    cwd: ROOT,
    env: { ...process.env, ...extra },
    stdio: 'ignore',
  });
}

after(() => restartApi({ KSTT_OIDC_LOCAL_LOGIN: '1' }));

test('KSTT_OIDC_LOCAL_LOGIN=0: no password sign-in, the provider still signs people in', async () => {
  restartApi({ KSTT_OIDC_LOCAL_LOGIN: '0' });
  const list = await req('GET', '/api/v1/auth/oidc/providers');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.local_login, false);
  assert.deepEqual(list.json.providers.map((p) => p.id).sort(), ['bo', 'tinh']);
  const pw = await req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'Kstt@2023' } });
  assertProblem(pw, 403);
  assert.match(pw.json.detail, /Đăng nhập bằng mật khẩu của hệ thống đã tắt/);
  assert.equal(pw.headers.get('set-cookie'), null, 'no session cookie');
  const jar = new Jar();
  assert.equal((await ssoSignIn(jar, 'tinh', 'sso.chuyenvien')).status, 302);
  const me = await kstt(jar, 'GET', '/api/v1/auth/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.username, 'sso.chuyenvien');
});
