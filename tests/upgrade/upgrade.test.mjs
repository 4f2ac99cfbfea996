// The upgraded database (scripts/test-upgrade.sh: v0.9.0's dump + the current migrate): every
// migration recorded, the same schema as a fresh install, the release's data kept and served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { req, login } from '../lib/api.mjs';
import { STACK_ENV, ROOT } from '../lib/stack.mjs';

const UPGRADED = STACK_ENV.KSTT_DB_NAME;
const FRESH = process.env.KSTT_UPGRADE_FRESH_DB;
const MIGRATIONS = readdirSync(path.join(ROOT, 'db/migrations'))
  .filter((f) => /^\d{3}_.*\.sql$/.test(f))
  .sort();

function sql(db, text) {
  // Batch mode escapes the newlines inside a value (SHOW CREATE): one row per line.
  const out = execFileSync('mariadb', [`--socket=${STACK_ENV.KSTT_DB_SOCKET}`, '-N', '-B', db], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return out.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const one = (db, text) => sql(db, text)[0][0];

// Table definitions with what differs between two healthy databases taken out: the next
// AUTO_INCREMENT value (data), nothing else.
function schema(db) {
  const tables = sql(db, 'SHOW FULL TABLES').map(([name, kind]) => [name, kind]);
  const out = new Map();
  for (const [name, kind] of tables) {
    const stmt = kind === 'VIEW' ? 'VIEW' : 'TABLE';
    const [row] = sql(db, `SHOW CREATE ${stmt} \`${name}\``);
    if (stmt === 'TABLE') assert.ok(row[1].includes('\\n'), `the whole definition of ${name}`);
    out.set(name, row[1].replace(/ AUTO_INCREMENT=\d+/, ''));
  }
  return out;
}

test('every migration of this version is recorded once, in order', () => {
  assert.ok(FRESH, 'KSTT_UPGRADE_FRESH_DB: run through scripts/test-upgrade.sh');
  const done = sql(UPGRADED, 'SELECT version FROM schema_migrations ORDER BY version').map((r) => r[0]);
  assert.deepEqual(done, MIGRATIONS.map((f) => f.replace(/\.sql$/, '')));
  const log = readFileSync(path.join(process.env.KSTT_VAR, 'logs/migrate-upgrade.log'), 'utf8');
  const newer = MIGRATIONS.filter((f) => f > '031_reform_index.sql').length;
  assert.match(log, new RegExp(`^migrate: ${newer} applied$`, 'm'), 'the upgrade applied exactly the migrations after v0.9.0');
});

test('the upgraded schema is the one a fresh install gets', () => {
  const up = schema(UPGRADED);
  const fresh = schema(FRESH);
  assert.ok(fresh.size > 50, `${fresh.size} tables in a fresh install`);
  assert.deepEqual([...up.keys()].sort(), [...fresh.keys()].sort(), 'same tables and views');
  for (const [name, ddl] of fresh) assert.equal(up.get(name), ddl, `table ${name}`);
  const trig = (db) =>
    sql(db, `SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement
               FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY trigger_name`);
  assert.deepEqual(trig(UPGRADED), trig(FRESH), 'same triggers');
});

test("the release's data is kept: the demo's rows as v0.9.0 wrote them", () => {
  // Rows and highest id of the dump (tests/fixtures/upgrade/README.md); the API suites that run
  // beside this file only add rows, so the release's are those up to its highest id.
  const kept = {
    units: [72, 72], users: [11, 11], procedures: [307, 307], dossiers: [40893, 66421], plans: [6, 6],
    tasks: [83, 83], assignments: [1991, 3299], task_updates: [1771, 1771], feedback: [11, 11], reports: [135, 135],
  };
  for (const [t, [n, maxId]] of Object.entries(kept)) {
    assert.equal(Number(one(UPGRADED, `SELECT COUNT(*) FROM ${t} WHERE id <= ${maxId}`)), n, t);
  }
  // 034 added rule_sets.created_by: the release's versions have no author, and stay in force.
  assert.equal(one(UPGRADED, 'SELECT COUNT(*) FROM rule_sets WHERE created_by IS NOT NULL AND id <= 7'), '0');
  // The field roll-ups (016) were already there: the upgrade neither rebuilt nor doubled them
  // (one statement: one read view, whatever the suites ingest meanwhile).
  assert.equal(one(UPGRADED, 'SELECT (SELECT SUM(received) FROM kpi_field_monthly) = (SELECT SUM(received) FROM kpi_monthly)'), '1');
});

test('the current api serves the upgraded database: health, sign-in with a release password, reads', async () => {
  const h = await req('GET', '/api/v1/health');
  assert.equal(h.status, 200);
  assert.equal(h.json.schema, MIGRATIONS.at(-1).replace(/\.sql$/, ''));
  // The password hash was written by v0.9.0's load-demo.
  const admin = await login('admin');
  const units = await req('GET', '/api/v1/units?limit=500', { token: admin });
  assert.equal(units.status, 200);
  const procs = await req('GET', '/api/v1/procedures?limit=1', { token: admin });
  assert.equal(procs.status, 200);
  assert.ok(procs.json.total >= 307, `${procs.json.total} procedures`);
  const first = await req('GET', '/api/v1/procedures/1', { token: admin });
  assert.equal(first.status, 200, first.text);
  const rs = await req('GET', '/api/v1/rule-sets', { token: admin });
  assert.equal(rs.status, 200, rs.text);
});
