// Fault tests: a worker killed under load is respawned; MariaDB stopping and coming back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, req } from '../lib/api.mjs';
import { apiWorkers as workers } from '../lib/stack.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();

function metric(text, name) {
  const m = text.match(new RegExp(`^${name} (\\d+)`, 'm'));
  return m ? Number(m[1]) : NaN;
}

async function burst(total, concurrency, onHalf) {
  const statuses = [];
  let sent = 0;
  let halfDone = false;
  async function one() {
    while (sent < total) {
      sent++;
      if (!halfDone && sent > total / 2) {
        halfDone = true;
        onHalf();
      }
      try {
        const r = await fetch(`${BASE}/api/v1/units?per_page=5`, { headers: { 'x-test': 'burst' } });
        await r.arrayBuffer();
        statuses.push(r.status);
      } catch {
        statuses.push(0);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, one));
  return statuses;
}

test('kill -9 of a worker during a burst: respawned, and only its in-flight requests fail', async () => {
  const before = workers();
  assert.ok(before.length >= 1);
  const m0 = metric((await req('GET', '/api/v1/metrics')).text, 'kstt_worker_restarts_total');
  const victim = before[0];
  const statuses = await burst(3000, 16, () => process.kill(victim, 'SIGKILL'));
  const bad = statuses.filter((s) => s >= 500 || s === 0).length;
  // The victim held at most one request per thread (8 by default).
  assert.ok(bad <= 8, `${bad} failed requests`);
  assert.equal(statuses.length, 3000);
  assert.ok(statuses.filter((s) => s === 401).length >= 2990, 'the rest answered normally');
  await new Promise((r) => setTimeout(r, 500));
  const after = workers();
  assert.equal(after.length, before.length, 'worker count restored');
  assert.ok(!after.includes(victim), 'the killed worker is gone');
  const m1 = metric((await req('GET', '/api/v1/metrics')).text, 'kstt_worker_restarts_total');
  assert.equal(m1, m0 + 1);
});

test('MariaDB down: health is 503 at once (no connect-timeout hang); back up: same workers serve again', async () => {
  const pidsBefore = workers();
  assert.equal((await req('GET', '/api/v1/health')).status, 200);
  execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'stop-db', 'test'], { stdio: 'ignore' });
  try {
    const t0 = Date.now();
    const r = await req('GET', '/api/v1/health');
    const ms = Date.now() - t0;
    assert.equal(r.status, 503);
    assert.equal(r.json.status, 503);
    // Not a speed check (bench/ measures speed): a hang guard. A worker that waited for a
    // connect timeout would take 10 s or more; the answer must come from the failed connect.
    assert.ok(ms < 5000, `health took ${ms} ms`);
    // Signed-in routes answer 503 too, not 500.
    const r2 = await req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'x' } });
    assert.equal(r2.status, 503);
  } finally {
    execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'start-db', 'test'], { stdio: 'ignore' });
  }
  let ok = false;
  for (let i = 0; i < 50 && !ok; i++) {
    ok = (await req('GET', '/api/v1/health')).status === 200;
    if (!ok) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(ok, 'health recovers');
  // Every thread reconnects on its own: hit them all a few times.
  for (let i = 0; i < 40; i++) assert.equal((await req('GET', '/api/v1/health')).status, 200);
  assert.deepEqual(workers(), pidsBefore, 'no worker was restarted');
  const m = (await req('GET', '/api/v1/metrics')).text;
  assert.ok(metric(m, 'kstt_db_reconnects_total') >= 1);
});
