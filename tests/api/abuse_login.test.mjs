// Sign-in abuse (issue 11, item 5): progressive delays instead of a lock. Failures slow the
// (username, address) pair, then a username guessed at from many addresses; the owner signing in
// from an address of its own always gets through, and colleagues behind a shared office address
// are not affected. nginx rate-limits /auth/login per address on top.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { BASE, assertProblem, login, req, unitByCode } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');
// Source addresses of this file's own (127.200-209.x.y), so no other suite shares a bucket.
const freshAddr = () => `127.${200 + Math.floor(Math.random() * 10)}.${Math.floor(Math.random() * 256)}.${2 + Math.floor(Math.random() * 250)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function loginFrom(addr, username, password, body) {
  const u = new URL(BASE + '/api/v1/auth/login');
  const data = JSON.stringify(body ?? { username, password });
  return new Promise((resolve, reject) => {
    const rq = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        localAddress: addr,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const json = /json/.test(res.headers['content-type'] || '') && text ? JSON.parse(text) : null;
          resolve({ status: res.statusCode, headers: { get: (n) => res.headers[n.toLowerCase()] ?? null }, json, text });
        });
      },
    );
    rq.on('error', reject);
    rq.write(data);
    rq.end();
  });
}

let admin;
let unitId;
before(async () => {
  admin = await login('admin');
  unitId = (await unitByCode('X0101')).id;
});

async function newUser() {
  const username = `abl.${rand()}`;
  const password = `Pw@${rand()}Zz9`;
  const r = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username, full_name: 'Lê Văn Thử', unit_id: unitId, role: 'officer', password, email: `${username}@example.vn` },
  });
  assert.equal(r.status, 201, r.text);
  return { username, password };
}

const wrong = (i) => `Sai@${i}-mat-khau`;

test('the owner is never locked out: the right password from another address works after many failures', async () => {
  const owner = await newUser();
  const attacker = freshAddr();
  // 5 free failures, then the pair waits: 2 s after the 5th failure.
  for (let i = 0; i < 5; i++) assert.equal((await loginFrom(attacker, owner.username, wrong(i))).status, 401);
  const slowed = await loginFrom(attacker, owner.username, wrong(9));
  assertProblem(slowed, 429);
  assert.equal(slowed.headers.get('retry-after'), '2', 'the first delay is 2 s');
  assert.match(slowed.json.detail, /thử lại sau 2 giây/);
  // Even the right password waits at the attacker's address ...
  assertProblem(await loginFrom(attacker, owner.username, owner.password), 429);
  // ... but the owner at their own desk signs in at once.
  const ok = await loginFrom(freshAddr(), owner.username, owner.password);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.user.username, owner.username);
});

test('delays grow with each failure past the allowance, counted from the last failure', async () => {
  const u = await newUser();
  const addr = freshAddr();
  for (let i = 0; i < 5; i++) assert.equal((await loginFrom(addr, u.username, wrong(i))).status, 401);
  assert.equal((await loginFrom(addr, u.username, wrong(5))).headers.get('retry-after'), '2');
  await sleep(2100);
  assert.equal((await loginFrom(addr, u.username, wrong(6))).status, 401, 'one more try after the wait');
  const r = await loginFrom(addr, u.username, wrong(7));
  assertProblem(r, 429);
  assert.equal(r.headers.get('retry-after'), '4', 'doubled');
  // A throttled attempt is not a failure: it does not make the wait longer.
  assert.equal((await loginFrom(addr, u.username, wrong(8))).headers.get('retry-after'), '4');
});

test('a shared office address: one user failing does not slow a colleague', async () => {
  const office = freshAddr();
  const careless = await newUser();
  const colleague = await newUser();
  for (let i = 0; i < 8; i++) await loginFrom(office, careless.username, wrong(i));
  assertProblem(await loginFrom(office, careless.username, careless.password), 429);
  const r = await loginFrom(office, colleague.username, colleague.password);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.username, colleague.username);
});

test('a username guessed at from many addresses: each address gets one try, then waits; the owner still signs in', async () => {
  const u = await newUser();
  // KSTT_LOGIN_MAX_FAILURES_USER (20) failures, each from a different address.
  const addrs = Array.from({ length: 20 }, freshAddr);
  for (const a of addrs) assert.equal((await loginFrom(a, u.username, wrong(1))).status, 401);
  // An address that has failed once now waits (the allowance drops from 5 to 1). The last one:
  // its first wait is 2 s from its failure, which the first address may have waited out while
  // twenty hashed sign-ins ran on a loaded machine (make test saw 401 there once).
  const again = await loginFrom(addrs[addrs.length - 1], u.username, wrong(2));
  assertProblem(again, 429);
  assert.ok(Number(again.headers.get('retry-after')) >= 1);
  // A new address gets its one try; the owner's right password from anywhere new works.
  const ok = await loginFrom(freshAddr(), u.username, u.password);
  assert.equal(ok.status, 200, ok.text);
});

test('nginx limits /auth/login per address with a burst; other addresses are not affected', async () => {
  // The burst of the running stack's config (KSTT_LOGIN_BURST), or the test profile's default.
  const root = process.env.KSTT_ROOT || process.cwd();
  const conf = `${root}/var/test/nginx/conf/kstt.conf`;
  const m = existsSync(conf) ? readFileSync(conf, 'utf8').match(/zone=login burst=(\d+)/) : null;
  const burst = m ? Number(m[1]) : 100;
  const addr = freshAddr();
  // Malformed bodies: answered 422 by the api without any password hashing.
  const rs = await Promise.all(Array.from({ length: burst + 60 }, () => loginFrom(addr, null, null, {})));
  const limited = rs.filter((r) => r.status === 429);
  const passed = rs.filter((r) => r.status === 422);
  assert.ok(limited.length >= 30, `limited: ${limited.length}`);
  assert.ok(passed.length >= burst / 2, `the burst passes: ${passed.length}`);
  assert.equal(limited.length + passed.length, rs.length, 'only 422 and 429');
  const p = limited[0];
  assert.match(p.headers.get('content-type'), /application\/problem\+json/);
  assert.equal(p.json.status, 429);
  assert.match(p.json.title, /Quá nhiều yêu cầu/);
  assert.ok(p.headers.get('retry-after'));
  const u = await newUser();
  const other = await loginFrom(freshAddr(), u.username, u.password);
  assert.equal(other.status, 200, other.text);
});
