// Sessions (issue 11, item 16): reuse of ANY refresh token a session has rotated out ends the
// session (its whole family is kept, not only the last one); logout and reuse revocation answer
// 503 when the revocation did not persist (a trigger makes the write fail), and nothing is ended
// behind the client's back.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem } from '../lib/api.mjs';
import { sql, rand, unitsByCode } from './storage.lib.mjs';

const CSRF = { 'x-requested-with': 'kstt' };
let username, password;

before(async () => {
  const admin = await login('admin');
  const U = await unitsByCode(admin);
  username = `sess.${rand()}`;
  password = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username, full_name: 'Người Thử Phiên', unit_id: U.X0301.id, role: 'officer', password, email: `${username}@example.vn` },
  });
  assert.equal(c.status, 201, c.text);
});

function refreshCookie(r) {
  for (const line of r.headers.getSetCookie()) if (line.startsWith('kstt_rt=')) return line.slice(8, line.indexOf(';'));
  return null;
}
async function signIn(userAgent = 'node-test') {
  const r = await req('POST', '/api/v1/auth/login', { body: { username, password }, headers: { 'user-agent': userAgent } });
  assert.equal(r.status, 200, r.text);
  return { token: r.json.access_token, rt: refreshCookie(r) };
}
const refresh = (rt, userAgent = 'node-test') => req('POST', '/api/v1/auth/refresh', { cookie: `kstt_rt=${rt}`, headers: { ...CSRF, 'user-agent': userAgent } });
const me = (token) => req('GET', '/api/v1/auth/me', { token });

/** Runs fn while every revocation of sessions signed in with this user agent fails in the database. */
async function withFailingRevocation(ua, fn) {
  const trig = `kstt_test_fail_${rand()}`;
  sql(`DELIMITER //
       CREATE TRIGGER ${trig} BEFORE UPDATE ON sessions FOR EACH ROW
       IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL AND OLD.user_agent = '${ua}' THEN
         SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'revocation refused by the test';
       END IF//`);
  try {
    await fn();
  } finally {
    sql(`DROP TRIGGER IF EXISTS ${trig}`);
  }
}

test('reuse of a token rotated out two and three rotations ago ends the session', async () => {
  for (const back of [2, 3]) {
    const s = await signIn();
    const chain = [s.rt];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await refresh(chain[chain.length - 1]);
      assert.equal(last.status, 200, last.text);
      chain.push(refreshCookie(last));
    }
    const current = chain[3];
    const token = last.json.access_token;
    assert.equal((await me(token)).status, 200);
    // A thief replays an old one.
    const stale = chain[3 - back];
    assertProblem(await refresh(stale), 401);
    // The whole session is over: the current refresh token and the access token are refused.
    assertProblem(await refresh(current), 401);
    assertProblem(await me(token), 401);
    const rows = sql(`SELECT revoked_at IS NOT NULL FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = '${username}') ORDER BY created_at DESC LIMIT 1`);
    assert.deepEqual(rows, [['1']]);
    const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'auth.refresh_reuse' AND actor_username IS NULL AND entity_id = (SELECT id FROM users WHERE username = '${username}')`);
    assert.ok(Number(audit[0][0]) >= 1);
  }
});

test('logout whose revocation does not persist answers 503; the session stays usable, then logs out', async () => {
  const ua = `fail-revoke-${rand()}`;
  const s = await signIn(ua);
  await withFailingRevocation(ua, async () => {
    // By access token.
    const r = await req('POST', '/api/v1/auth/logout', { token: s.token, headers: { 'user-agent': ua } });
    assertProblem(r, 503);
    assert.ok(r.headers.get('retry-after'));
    assert.equal((r.headers.getSetCookie() || []).length, 0, 'cookies kept, so the client can retry');
    // By refresh cookie only.
    const c = await req('POST', '/api/v1/auth/logout', { cookie: `kstt_rt=${s.rt}`, headers: { ...CSRF, 'user-agent': ua } });
    assertProblem(c, 503);
    assert.equal((await me(s.token)).status, 200, 'not revoked behind the client\'s back');
  });
  const ok = await req('POST', '/api/v1/auth/logout', { token: s.token });
  assert.equal(ok.status, 204, ok.text);
  assertProblem(await me(s.token), 401);
  assertProblem(await refresh(s.rt), 401);
});

test('refresh-token reuse whose revocation does not persist answers 503, not 401', async () => {
  const ua = `fail-reuse-${rand()}`;
  const s = await signIn(ua);
  const r1 = await refresh(s.rt, ua);
  assert.equal(r1.status, 200, r1.text);
  await withFailingRevocation(ua, async () => {
    const r = await refresh(s.rt, ua);
    assertProblem(r, 503);
    assert.ok(r.headers.get('retry-after'));
  });
  // Replayed again once the database accepts writes: the session ends.
  assertProblem(await refresh(s.rt, ua), 401);
  assertProblem(await refresh(refreshCookie(r1), ua), 401);
  assertProblem(await me(r1.json.access_token), 401);
});
