// Helpers for the storage_* and lists_* tests (not a test file): SQL on the test stack's own
// database through the mariadb client and its socket, and plans made through the import route.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { req } from '../lib/api.mjs';

const ROOT = process.env.KSTT_ROOT || process.cwd();
let stackEnv;
function env() {
  if (!stackEnv) {
    const out = execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'env', 'test'], { encoding: 'utf8' });
    stackEnv = Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  }
  return stackEnv;
}

/** Runs SQL on the test database; returns the rows as arrays of strings (tab-separated output). */
export function sql(text) {
  const e = env();
  const out = execFileSync('mariadb', [`--socket=${e.KSTT_DB_SOCKET}`, '-N', '-B', e.KSTT_DB_NAME], {
    input: text,
    stdio: ['pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return out.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
/** Runs SQL expected to fail; returns the client's error text. */
export function sqlError(text) {
  try {
    sql(text);
  } catch (e) {
    return String(e.stderr || e.message);
  }
  assert.fail(`expected an SQL error: ${text}`);
}
export function uploadDir() {
  return env().KSTT_UPLOAD_DIR;
}

export const rand = () => randomBytes(4).toString('hex');

/** Units by code. */
export async function unitsByCode(token) {
  const r = await req('GET', '/api/v1/units?per_page=1000', { token });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.items.map((u) => [u.code, u]));
}

/** A plan of unit NDH made through the import route, optionally published (as in plans.test). */
export async function makePlan(token, U, { sections, publish = false, year = 2023 }) {
  const unit = (x) => ({ text: U[x].name, unit_id: U[x].id, group: null });
  const mapTask = (t) => ({
    number: t.number ?? null,
    title: t.title,
    output: null,
    lead: (t.lead || []).map(unit),
    coop: [],
    timeline: { text: t.timeline || '' },
    children: (t.children || []).map(mapTask),
  });
  const body = {
    title: `Kế hoạch thử ${rand()}`,
    year,
    unit_id: U.NDH.id,
    sections: sections.map((s) => ({ number: s.number, title: s.title, tasks: s.tasks.map(mapTask) })),
  };
  const r = await req('POST', '/api/v1/plans/import', { token, body });
  assert.equal(r.status, 201, r.text);
  if (publish) {
    const p = await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token });
    assert.equal(p.status, 200, p.text);
  }
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token });
  assert.equal(g.status, 200, g.text);
  return g.json;
}

/** Every task of a plan body, sub-items included, in document order. */
export function allTasks(plan) {
  const out = [];
  const walk = (list) => list.forEach((t) => (out.push(t), walk(t.children || [])));
  for (const s of plan.sections) walk(s.tasks);
  walk(plan.unsectioned_tasks || []);
  return out;
}
