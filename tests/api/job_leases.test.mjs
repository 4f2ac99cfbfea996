// The scheduler's single-run guard is a lease row (issue 21): job_leases holds the holder
// (host:pid), the end of the run's hold (busy_until), the period granted (expires_at) and a
// fencing counter, replicated like any row, so that two api hosts on two Galera nodes cannot both
// run a job (GET_LOCK, used before, is local to one server). Here `kstt-api run-job` processes
// stand for hosts: a run held by a live host is respected, one whose hold ran out (a host that
// died mid-run) is taken over with the next grant, and of two hosts racing for it the grants
// counted by the fence are exactly the runs that happened. One run per period with two real
// hosts is tests/cluster's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { ROOT, STACK_ENV } from '../lib/stack.mjs';
import { sql } from './storage.lib.mjs';

// An hourly job with nothing to send: the test stack's own scheduler ran it at start and runs it
// again only an hour later, so the grants below are all this file's.
const JOB = 'oidc-logins-purge';
const LEASE = `job:${JOB}`;

/** `kstt-api run-job JOB` as a process of its own: {code, holder} (holder = host:pid). */
const runJob = () =>
  new Promise((resolve) => {
    const child = execFile(path.join(ROOT, 'build/kstt-api'), ['run-job', JOB], { env: { ...process.env, ...STACK_ENV } }, (err) =>
      resolve({ code: err ? err.code : 0, holder: `${hostname()}:${child.pid}` }),
    );
  });

const lease = () => {
  const [row] = sql(`SELECT holder, fence, busy_until > NOW(3), expires_at > NOW(3) FROM job_leases WHERE name = '${LEASE}'`);
  return row ? { holder: row[0], fence: Number(row[1]), busy: row[2] === '1', period: row[3] === '1' } : null;
};

test('a run held by a live host is respected; one whose hold ran out is taken over with the next grant', async () => {
  sql(
    `INSERT INTO job_leases (name, holder, fence, acquired_at, expires_at, busy_until) VALUES ('${LEASE}', 'other-host:1', 1, NOW(3), NOW(3) + INTERVAL 1 HOUR, NOW(3) + INTERVAL 1 HOUR) ` +
      `ON DUPLICATE KEY UPDATE holder = 'other-host:1', fence = fence + 1, acquired_at = NOW(3), expires_at = NOW(3) + INTERVAL 1 HOUR, busy_until = NOW(3) + INTERVAL 1 HOUR`,
  );
  const held = lease();
  const busy = await runJob();
  assert.equal(busy.code, 3, 'run-job says the job is running on another host');
  assert.deepEqual(lease(), held, 'the live lease is untouched');

  // The other host died mid-run: its hold ran out. Its period (an hour) still stands, which
  // stops the schedulers, not an operator's run-job.
  sql(`UPDATE job_leases SET busy_until = NOW(3) - INTERVAL 1 SECOND WHERE name = '${LEASE}'`);
  const ran = await runJob();
  assert.equal(ran.code, 0, 'run-job ran the job');
  const after = lease();
  assert.equal(after.fence, held.fence + 1, 'one new grant');
  assert.equal(after.holder, ran.holder, 'granted to the process that ran');
  assert.equal(after.busy, false, 'the run ended its hold');
  assert.equal(after.period, true, 'the new grant covers the period after the run');
  const [rec] = sql(`SELECT holder, fence, note FROM job_runs WHERE job = '${JOB}' AND run_day = CURDATE()`);
  assert.deepEqual(rec, [ran.holder, String(after.fence), 'ok'], "today's run records its holder and grant");
});

test('two hosts racing for a job: every run is one grant, a refused host gets none', async () => {
  const start = lease()?.fence ?? 0;
  let runs = 0;
  for (let round = 0; round < 5; round++) {
    const pair = await Promise.all([runJob(), runJob()]);
    for (const r of pair) assert.ok(r.code === 0 || r.code === 3, `exit ${r.code} (0 ran, 3 running elsewhere)`);
    assert.ok(pair.some((r) => r.code === 0), 'one of them ran');
    runs += pair.filter((r) => r.code === 0).length;
    const l = lease();
    assert.equal(l.busy, false, 'no run holds it after the round');
    assert.ok(pair.some((r) => r.code === 0 && r.holder === l.holder), 'the last grant went to a process that ran');
  }
  assert.equal(lease().fence - start, runs, 'the fence counted one grant per run, none for a refused host');
});
