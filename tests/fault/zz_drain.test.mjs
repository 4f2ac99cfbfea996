// SIGTERM drains: requests a worker already holds finish with their full answer; the rest get
// nginx's 503 problem, never a cut-off response. Runs last: it stops and restarts the api.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE, req, login } from '../lib/api.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();
const VAR = process.env.KSTT_VAR || `${ROOT}/var/test`;

test('SIGTERM during a burst: in-flight requests complete, none is cut off', async () => {
  const token = await login('vp.kstt');
  const plans = await req('GET', '/api/v1/plans?year=2023&per_page=200', { token });
  const plan = plans.json.items.find((p) => /Nam Định năm 2023$/.test(p.title));
  assert.ok(plan, 'the demo plan');
  const sup = Number(readFileSync(`${VAR}/api.pid`, 'utf8').trim());
  // The whole plan with every assignee's state takes a worker tens of milliseconds.
  const one = async () => {
    try {
      const r = await fetch(`${BASE}/api/v1/plans/${plan.id}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await r.text();
      return { status: r.status, text };
    } catch (e) {
      return { status: 0, text: String(e) };
    }
  };
  const burst = Array.from({ length: 24 }, one);
  await new Promise((r) => setTimeout(r, 40));
  process.kill(sup, 'SIGTERM');
  const results = await Promise.all(burst);
  if (process.env.KSTT_DEBUG) console.log(results.map((r) => r.status).join(' '));
  try {
    for (const r of results) {
      assert.ok(r.status === 200 || r.status === 503, `status ${r.status}: ${r.text.slice(0, 120)}`);
      if (r.status === 200) assert.equal(JSON.parse(r.text).id, plan.id, 'a complete plan');
      else assert.equal(JSON.parse(r.text).status, 503, 'a problem from nginx');
    }
    assert.ok(results.some((r) => r.status === 200), 'requests already accepted were answered');
  } finally {
    execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'restart-api', 'test'], { stdio: 'ignore' });
  }
  assert.equal((await req('GET', '/api/v1/health')).status, 200);
});
