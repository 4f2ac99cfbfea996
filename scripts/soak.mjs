// make soak (scripts/soak.sh starts the stack): a steady mixed read/write load for SOAK_MINUTES,
// sampling the api workers' RSS and open files, the api's database connections and p99 latency
// every SOAK_INTERVAL seconds; prints a table and a verdict, exits 1 when the verdict fails.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const env = process.env;
const BASE = new URL(env.KSTT_BASE_URL);
const MINUTES = Number(env.SOAK_MINUTES || 20);
const RATE = Number(env.SOAK_RATE || 40); // requests per second, whatever the answers take
const INTERVAL = Number(env.SOAK_INTERVAL || 30); // seconds between samples
const WARMUP = Number(env.SOAK_WARMUP || 60); // seconds left out of the verdict
const VAR = env.KSTT_VAR;
const PASSWORD = 'Kstt@2023';
// The verdict's bounds (issue 21): RSS within ±10 % of the first sample after the warm-up; open
// files and connections not growing (the last third's mean at most the first third's + slack);
// p99 stable (the last third's median interval p99 at most 1.5 × the first third's + 5 ms).
const RSS_BAND = 0.1;
const FD_SLACK = 2;
const P99_FACTOR = 1.5;
const P99_SLACK_MS = 5;

// ---- HTTP: keep-alive, several loopback source addresses (nginx limits the public routes per
// address, as it would limit one citizen) -----------------------------------------------------
const agents = Array.from({ length: 16 }, (_, i) => new http.Agent({ keepAlive: true, maxSockets: 8, localAddress: `127.0.92.${i + 1}` }));
let rr = 0;
function send(method, path, { body, token } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    let data;
    if (body !== undefined) {
      data = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = data.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const t0 = process.hrtime.bigint();
    const q = http.request({ host: BASE.hostname, port: BASE.port, path, method, headers, agent: agents[rr++ % agents.length] }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode, json, text, ms });
      });
    });
    q.setTimeout(30000, () => q.destroy(new Error('timeout')));
    q.on('error', () => resolve({ status: 0, json: null, text: '', ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    if (data) q.write(data);
    q.end();
  });
}

// ---- sign-in (tokens live 15 minutes: signed in again every 10) ------------------------------
const USERS = ['admin', 'vp.kstt', 'xa11.daumoi'];
const tokens = {};
async function signIn() {
  for (const u of USERS) {
    const r = await send('POST', '/api/v1/auth/login', { body: { username: u, password: PASSWORD } });
    if (r.status !== 200) throw new Error(`login ${u}: ${r.status} ${r.text}`);
    tokens[u] = r.json.access_token;
  }
}

// ---- the mix ----------------------------------------------------------------------------------
let writable = []; // assignments of xa11.daumoi that take progress updates
let planId = null;
let unitId = null;
async function prepare() {
  await signIn();
  const a = await send('GET', '/api/v1/assignments?per_page=100', { token: tokens['xa11.daumoi'] });
  for (const x of a.json?.items || []) {
    if (writable.length >= 10) break;
    if (x.status === 'done') continue;
    const r = await send('POST', `/api/v1/assignments/${x.id}/updates`, { token: tokens['xa11.daumoi'], body: { status: 'in_progress', progress: 1, note: 'Soak: bắt đầu' } });
    if (r.status === 201) writable.push(x.id);
  }
  if (!writable.length) throw new Error('no assignment of xa11.daumoi takes an update');
  const p = await send('GET', '/api/v1/plans?per_page=5', { token: tokens.admin });
  planId = p.json?.items?.[0]?.id;
  const u = await send('GET', '/api/v1/auth/me', { token: tokens.admin });
  unitId = u.json?.user?.unit_id;
  if (!planId || !unitId) throw new Error(`setup: plan ${planId}, unit ${unitId}`);
}

const year = new Date().getFullYear();
const READS = [
  () => ['GET', '/api/v1/plans?per_page=20', 'admin'],
  () => ['GET', `/api/v1/plans/${planId}/progress`, 'vp.kstt'],
  () => ['GET', '/api/v1/assignments?per_page=50', 'xa11.daumoi'],
  () => ['GET', '/api/v1/assignments?overdue=1&per_page=50', 'xa11.daumoi'],
  () => ['GET', '/api/v1/procedures?per_page=20', 'vp.kstt'],
  () => ['GET', '/api/v1/feedback?per_page=20', 'vp.kstt'],
  () => ['GET', `/api/v1/kpi/summary?unit_id=${unitId}&from=${year - 1}-01-01&to=${year - 1}-12-31`, 'admin'],
  () => ['GET', '/api/v1/public/procedures?per_page=10', null],
  () => ['GET', '/api/v1/notifications?per_page=20', 'xa11.daumoi'],
];
let tick = 0;
async function progressUpdate() {
  const id = writable[tick % writable.length];
  return send('POST', `/api/v1/assignments/${id}/updates`, {
    token: tokens['xa11.daumoi'],
    body: { status: 'in_progress', progress: 1 + (tick % 98), note: `Soak: cập nhật ${tick}` },
  });
}
// The proof of work of the public form (KSTT_POW_MAX small for the soak: the server's check
// costs the same whatever the difficulty), then the form, with a phone number of its own each
// time (the per-number daily ceiling).
async function publicFeedback() {
  const c = await send('GET', '/api/v1/public/challenge');
  if (c.status !== 200) return c;
  const ch = c.json;
  let n = 0;
  while (n <= ch.maxnumber && createHash('sha256').update(ch.salt + n).digest('hex') !== ch.challenge) n++;
  const altcha = Buffer.from(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number: n, salt: ch.salt, signature: ch.signature, took: 5 })).toString('base64');
  const m = randomBytes(4).toString('hex');
  const r = await send('POST', '/api/v1/public/feedback', {
    body: {
      name: `Người gửi soak ${m}`, address: 'Nam Định', phone: `09${String(parseInt(m, 16) % 1e8).padStart(8, '0')}`,
      title: `Soak ${m}`, content: 'Nội dung phản ánh của phép thử chạy dài. '.repeat(5), type: 1, website: '', altcha,
    },
  });
  return { ...r, ms: r.ms + c.ms };
}
// 80 % reads, 12 % progress updates, 8 % public feedback.
async function one() {
  const k = tick++;
  const roll = k % 25;
  if (roll < 3) return ['POST /assignments/{id}/updates', await progressUpdate(), 201];
  if (roll < 5) return ['POST /public/feedback', await publicFeedback(), 201];
  const [method, path, who] = READS[k % READS.length]();
  return [`${method} ${path.split('?')[0].replace(/\/\d+/g, '/{id}')}`, await send(method, path, { token: who && tokens[who] }), 200];
}

// ---- sampling ---------------------------------------------------------------------------------
function workers() {
  const sup = Number(readFileSync(`${VAR}/api.pid`, 'utf8'));
  const out = execFileSync('ps', ['--ppid', String(sup), '-o', 'pid='], { encoding: 'utf8' });
  return out.split('\n').map((s) => Number(s.trim())).filter(Boolean).sort((a, b) => a - b);
}
function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
const fds = (pid) => readdirSync(`/proc/${pid}/fd`).length;
function dbConnections() {
  const out = execFileSync('mariadb', [`--socket=${VAR}/mysql.sock`, '-N', '-B', '-e',
    `SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'kstt' AND DB = '${env.KSTT_TEST_DB_NAME}'`], { encoding: 'utf8' });
  return Number(out.trim());
}
const pct = (arr, q) => {
  if (!arr.length) return NaN;
  const s = [...arr].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (arr) => pct(arr, 0.5);
const mean = (arr) => arr.reduce((a, b) => a + b, 0) / arr.length;

// ---- run --------------------------------------------------------------------------------------
await prepare();
const pids = workers();
// prctl names the children: the workers (kstt-worker) and the scheduler process.
const names = Object.fromEntries(pids.map((p) => [p, readFileSync(`/proc/${p}/comm`, 'utf8').trim()]));
const samples = [];
let lat = [];
let errors = 0;
let sent = 0;
const errorKinds = new Map();
const byName = new Map(); // request kind -> [ms since start, latency]: where a drift comes from
let inflight = 0;
let skipped = 0; // sends not made because 200 were already waiting: the api fell behind
const t0 = Date.now();
const end = t0 + MINUTES * 60000;
let nextSample = t0 + INTERVAL * 1000;
let nextLogin = t0 + 600000;

// Open files and connections move with the requests in flight: they are read every 2 s, and an
// interval keeps its lowest and highest count. A leak raises the lowest (leaked ones never close).
let fdLow = null;
let fdHigh = null;
let connLow = Infinity;
let connHigh = 0;
function probe() {
  const f = workers().map(fds);
  fdLow = fdLow ? fdLow.map((v, i) => Math.min(v, f[i] ?? v)) : f;
  fdHigh = fdHigh ? fdHigh.map((v, i) => Math.max(v, f[i] ?? v)) : f;
  const c = dbConnections();
  connLow = Math.min(connLow, c);
  connHigh = Math.max(connHigh, c);
}
let nextProbe = t0;

function sample() {
  const now = Date.now();
  const live = workers();
  probe();
  const s = {
    t: Math.round((now - t0) / 1000),
    n: lat.length,
    errors,
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    rss: live.map(rssKb),
    fds: fdLow,
    fdsHigh: fdHigh,
    conns: connLow,
    connsHigh: connHigh,
    pids: live,
  };
  fdLow = fdHigh = null;
  connLow = Infinity;
  connHigh = 0;
  samples.push(s);
  console.log(
    `t=${String(s.t).padStart(5)}s  req ${String(s.n).padStart(5)}  err ${s.errors}  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  ` +
      `rss ${s.rss.map((k) => (k / 1024).toFixed(1)).join('/')} MB  fds ${s.fds.map((v, i) => `${v}-${s.fdsHigh[i]}`).join('/')}  db conns ${s.conns}-${s.connsHigh}`,
  );
  lat = [];
  errors = 0;
}

await new Promise((resolve) => {
  const started = Date.now();
  const timer = setInterval(async () => {
    const now = Date.now();
    if (now >= end) {
      clearInterval(timer);
      resolve();
      return;
    }
    if (now >= nextLogin) {
      nextLogin += 600000;
      signIn().catch((e) => console.error(`sign-in: ${e.message}`));
    }
    if (now >= nextProbe) {
      nextProbe += 2000;
      probe();
    }
    if (now >= nextSample) {
      nextSample += INTERVAL * 1000;
      sample();
    }
    // Open loop: the requests due by now, at a steady rate, whether or not earlier ones answered.
    const due = Math.floor(((now - started) / 1000) * RATE);
    while (sent < due) {
      sent++;
      if (inflight >= 200) {
        skipped++;
        continue;
      }
      inflight++;
      one()
        .then(([name, r, want]) => {
          lat.push(r.ms);
          if (!byName.has(name)) byName.set(name, []);
          byName.get(name).push([Date.now() - t0, r.ms]);
          if (r.status !== want) {
            errors++;
            const key = `${name} ${r.status}`;
            errorKinds.set(key, (errorKinds.get(key) || 0) + 1);
          }
        })
        .finally(() => inflight--);
    }
  }, 10);
});
while (inflight > 0) await new Promise((r) => setTimeout(r, 50));
if (Date.now() - t0 - (samples.at(-1)?.t ?? 0) * 1000 >= (INTERVAL * 1000) / 2) sample();
agents.forEach((a) => a.destroy());

// ---- verdict ----------------------------------------------------------------------------------
const after = samples.filter((s) => s.t > WARMUP);
const third = Math.max(1, Math.floor(after.length / 3));
const first = after.slice(0, third);
const last = after.slice(-third);
const verdicts = [];
const check = (ok, text) => verdicts.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
check(after.length >= 3, `${after.length} samples after the ${WARMUP} s warm-up (need 3)`);
if (after.length >= 3) {
  const restarted = after.some((s) => s.pids.join() !== pids.join());
  check(!restarted, `the same ${pids.length} processes throughout (${pids.join(', ')})`);
  pids.forEach((pid, i) => {
    const base = after[0].rss[i];
    const rs = after.map((s) => s.rss[i]);
    const lo = Math.min(...rs);
    const hi = Math.max(...rs);
    check(hi <= base * (1 + RSS_BAND) && lo >= base * (1 - RSS_BAND),
      `${names[pid]} ${pid} RSS ${(lo / 1024).toFixed(1)}–${(hi / 1024).toFixed(1)} MB within ±${RSS_BAND * 100} % of ${(base / 1024).toFixed(1)} MB`);
    const f0 = mean(first.map((s) => s.fds[i]));
    const f1 = mean(last.map((s) => s.fds[i]));
    check(f1 <= f0 + FD_SLACK, `${names[pid]} ${pid} open files (lowest per interval): ${f0.toFixed(1)} → ${f1.toFixed(1)} (first → last third, slack ${FD_SLACK})`);
  });
  const c0 = mean(first.map((s) => s.conns));
  const c1 = mean(last.map((s) => s.conns));
  check(c1 <= c0 + FD_SLACK, `database connections (lowest per interval): ${c0.toFixed(1)} → ${c1.toFixed(1)} (first → last third, slack ${FD_SLACK})`);
  const p0 = median(first.map((s) => s.p99));
  const p1 = median(last.map((s) => s.p99));
  check(p1 <= p0 * P99_FACTOR + P99_SLACK_MS, `p99 per interval: median ${p0.toFixed(1)} → ${p1.toFixed(1)} ms (first → last third; bound ×${P99_FACTOR} + ${P99_SLACK_MS} ms)`);
}
const total = samples.reduce((a, s) => a + s.n, 0);
const errTotal = samples.reduce((a, s) => a + s.errors, 0);
check(errTotal <= total * 0.001, `${errTotal} unexpected answers of ${total} requests (≤ 0.1 %)`);
check(skipped === 0, `${skipped} requests not sent because 200 were waiting (the api kept up with ${RATE} req/s)`);
for (const [k, n] of errorKinds) console.log(`  unexpected: ${k} × ${n}`);

console.log(`\nsoak: ${MINUTES} min at ${RATE} req/s (80 % reads, 12 % progress updates, 8 % public feedback), sample every ${INTERVAL} s`);
console.log('| t (s) | requests | p50 ms | p99 ms | ' + pids.map((p) => `${names[p]} ${p} RSS MB | fds`).join(' | ') + ' | db conns |');
// fds and db conns: the lowest–highest count read in the interval.
console.log('|---|---|---|---|' + pids.map(() => '---|---').join('|') + '|---|');
for (const s of samples) {
  console.log(`| ${s.t} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ` + pids.map((_, i) => `${(s.rss[i] / 1024).toFixed(1)} | ${s.fds[i]}–${s.fdsHigh[i]}`).join(' | ') + ` | ${s.conns}–${s.connsHigh} |`);
}
// Each kind of request in the first and last third after the warm-up (by time).
if (after.length >= 3) {
  const span = [after[0].t - INTERVAL, first.at(-1).t, last[0].t - INTERVAL, last.at(-1).t].map((x) => x * 1000);
  console.log('\n| request | n | p50 ms first → last third | p99 ms first → last third |');
  console.log('|---|---|---|---|');
  for (const [name, rows] of [...byName].sort()) {
    const a = rows.filter(([t]) => t > span[0] && t <= span[1]).map((r) => r[1]);
    const b = rows.filter(([t]) => t > span[2] && t <= span[3]).map((r) => r[1]);
    console.log(`| ${name} | ${rows.length} | ${pct(a, 0.5).toFixed(1)} → ${pct(b, 0.5).toFixed(1)} | ${pct(a, 0.99).toFixed(1)} → ${pct(b, 0.99).toFixed(1)} |`);
  }
}
console.log('');
for (const v of verdicts) console.log(`soak: ${v}`);
const ok = verdicts.every((v) => v.startsWith('ok'));
console.log(`soak: ${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);
