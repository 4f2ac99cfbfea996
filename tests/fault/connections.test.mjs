// The api's FastCGI connections belong to the worker process, not to a thread (decision 223): an
// idle connection, however many, holds no thread, one connection carries request after request,
// and a connection that sends garbage or goes away mid-request costs nothing else. Spoken to the
// api's own socket with a small FastCGI client, beside requests through nginx. And only a few
// threads take requests at once (decision 224), but requests stuck behind a lock let more in.
// New connections are spread over the worker processes (decision 225).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { BASE, req, login } from '../lib/api.mjs';
import { sql, dbConfig } from '../lib/kpi-ref.mjs';
import { apiWorkers } from '../lib/stack.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();
const VAR = process.env.KSTT_VAR || `${ROOT}/var/test`;
const SOCK = `${VAR}/api.sock`;

function record(type, id, content = Buffer.alloc(0)) {
  const pad = (8 - (content.length % 8)) % 8;
  const h = Buffer.from([1, type, id >> 8, id & 255, content.length >> 8, content.length & 255, pad, 0]);
  return Buffer.concat([h, content, Buffer.alloc(pad)]);
}

function nameValue(name, value) {
  const n = Buffer.from(name);
  const v = Buffer.from(value);
  const len = (b) => (b.length < 128 ? Buffer.from([b.length]) : Buffer.from([0x80 | (b.length >> 24), (b.length >> 16) & 255, (b.length >> 8) & 255, b.length & 255]));
  return Buffer.concat([len(n), len(v), n, v]);
}

// One GET as nginx sends it (BEGIN_REQUEST asking to keep the connection, PARAMS, empty STDIN).
function getRequest(path, id = 1) {
  const params = Buffer.concat(
    Object.entries({
      REQUEST_METHOD: 'GET',
      REQUEST_URI: path,
      DOCUMENT_URI: path,
      QUERY_STRING: '',
      SERVER_PROTOCOL: 'HTTP/1.1',
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_ID: `conn${id}`,
    }).map(([k, v]) => nameValue(k, v)),
  );
  return Buffer.concat([
    record(1, id, Buffer.from([0, 1, 1, 0, 0, 0, 0, 0])), // responder, FCGI_KEEP_CONN
    record(4, id, params),
    record(4, id),
    record(5, id),
  ]);
}

// Reads records from a connection until END_REQUEST; resolves to the stdout text.
function answer(sock, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let out = '';
    const timer = setTimeout(() => done(new Error('no answer in time')), timeoutMs);
    function done(err, value) {
      clearTimeout(timer);
      sock.off('data', onData);
      sock.off('close', onClose);
      if (err) reject(err);
      else resolve(value);
    }
    function onClose() {
      done(new Error('connection closed before the end of the request'));
    }
    function onData(chunk) {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 8) {
        const type = buf[1];
        const len = (buf[4] << 8) | buf[5];
        const total = 8 + len + buf[6];
        if (buf.length < total) break;
        if (type === 6) out += buf.subarray(8, 8 + len).toString('utf8');
        buf = buf.subarray(total);
        if (type === 3) return done(null, out);
      }
    }
    sock.on('data', onData);
    sock.on('close', onClose);
  });
}

function connect() {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(SOCK);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

test('forty-eight idle connections hold no thread: nginx and a forty-ninth connection are answered', async () => {
  // 48 is three times the default workers x threads (2 x 8): under libfcgi's own loop each
  // accepted connection tied up a thread until it spoke, and the 17th waited forever.
  const idle = await Promise.all(Array.from({ length: 48 }, connect));
  try {
    const t0 = Date.now();
    const r = await fetch(`${BASE}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).status, 'ok');
    const raw = await connect();
    raw.write(getRequest('/api/v1/health'));
    const text = await answer(raw);
    assert.match(text, /^Status: 200 OK\r\n/);
    assert.match(text, /"status":"ok"/);
    assert.ok(Date.now() - t0 < 5000);
    raw.destroy();
    // One of the idle ones speaks at last: it is served like any other.
    idle[17].write(getRequest('/api/v1/health', 2));
    assert.match(await answer(idle[17]), /"status":"ok"/);
  } finally {
    for (const s of idle) s.destroy();
  }
});

// How many connections to the api's socket each worker holds: the accepted end of a connection
// is listed in /proc/net/unix, connected (state 03), under the listener's path.
function connectionsPerWorker() {
  const accepted = new Set();
  for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[5] === '03' && f[7] === SOCK) accepted.add(f[6]);
  }
  return apiWorkers().map((pid) => {
    let n = 0;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let link = '';
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue; // closed meanwhile
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && accepted.has(m[1])) n++;
    }
    return n;
  });
}

const sum = (a) => a.reduce((x, y) => x + y, 0);
const spread = (a) => Math.max(...a) - Math.min(...a);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

test('new connections are spread over the workers, one at a time or in a burst', async () => {
  // Decision 225: with EPOLLEXCLUSIVE the first worker with a thread waiting took every new
  // connection (30 of the 33 nginx kept after a wrk run), so it served nearly every request and,
  // killed, failed nearly all in flight. Now the worker holding fewest takes the next one.
  const before = connectionsPerWorker();
  const held = [];
  try {
    for (let i = 0; i < 24; i++) {
      held.push(await connect());
      await pause(5);
    }
    held.push(...(await Promise.all(Array.from({ length: 24 }, connect))));
    let per = before;
    for (let i = 0; i < 100 && sum(per) - sum(before) < 48; i++) {
      await pause(20);
      per = connectionsPerWorker();
    }
    assert.ok(sum(per) - sum(before) >= 48, `taken: before ${before}, after ${per}`);
    // Whatever the spread before (a worker respawned by another test starts empty), the new
    // connections went to the workers holding fewer.
    assert.ok(spread(per) <= Math.max(4, spread(before) - 40), `connections per worker: before ${before}, after ${per}`);
    // Every one of them is served.
    held[0].write(getRequest('/api/v1/health', 3));
    held[47].write(getRequest('/api/v1/health', 4));
    assert.match(await answer(held[0]), /"status":"ok"/);
    assert.match(await answer(held[47]), /"status":"ok"/);
  } finally {
    for (const sk of held) sk.destroy();
  }
});

test('one kept connection carries request after request, each answered in turn', async () => {
  const s = await connect();
  try {
    for (let i = 1; i <= 5; i++) {
      s.write(getRequest(i % 2 ? '/api/v1/health' : '/api/v1/no-such-thing', i));
      const text = await answer(s);
      if (i % 2) assert.match(text, /^Status: 200 OK\r\n/);
      else assert.match(text, /^Status: 404 Not Found\r\n[\s\S]*application\/problem\+json/);
    }
  } finally {
    s.destroy();
  }
});

test('garbage, and a client gone mid-request, cost nothing else', async () => {
  const bad = await connect();
  bad.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  const half = await connect();
  half.write(getRequest('/api/v1/health').subarray(0, 20)); // cut inside the first record
  half.destroy();
  const closed = new Promise((resolve) => bad.once('close', resolve));
  // The garbage is no FastCGI: the worker drops that connection.
  await Promise.race([closed, new Promise((_, rej) => setTimeout(() => rej(new Error('not closed')), 5000))]);
  for (let i = 0; i < 20; i++) {
    const r = await fetch(`${BASE}/api/v1/health`);
    assert.equal(r.status, 200);
  }
});

test('six requests stuck behind a table lock do not hold up the rest', async () => {
  // 6 is more than the threads admitted at once (2 per worker x 2 workers), so at least one
  // worker has more stuck requests than admitted threads, and fewer than one worker's threads (8):
  // a connection belongs to one worker, and however the six fall, each worker keeps threads to
  // spare. The stuck ones must let parked threads in, or health would wait for the lock.
  const token = await login('admin');
  const { sock, name } = dbConfig();
  const locker = spawn('mariadb', ['--socket', sock, name, '-e',
    'LOCK TABLES notification_prefs WRITE; DO SLEEP(4); UNLOCK TABLES;']);
  try {
    for (let i = 0; i < 50; i++) {
      const held = sql("SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'DO SLEEP(4)%'");
      if (held[0][0] === '1') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const t0 = Date.now();
    const stuck = Array.from({ length: 6 }, () => req('GET', '/api/v1/me/notification-preferences', { token }));
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 10; i++) {
      const h0 = Date.now();
      const r = await fetch(`${BASE}/api/v1/health`);
      assert.equal(r.status, 200);
      assert.ok(Date.now() - h0 < 1000, `health took ${Date.now() - h0} ms behind the stuck requests`);
    }
    assert.ok(Date.now() - t0 < 3000, 'health was answered while the lock was held');
    const done = await Promise.all(stuck);
    for (const r of done) assert.equal(r.status, 200, r.text);
    assert.ok(Date.now() - t0 >= 3000, 'the stuck requests did wait for the lock');
  } finally {
    locker.kill();
  }
});
