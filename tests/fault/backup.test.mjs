// Backup and restore: a dump of the live test database restores into a fresh database with the
// same rows (scripts/backup.sh, scripts/restore.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = process.env.KSTT_ROOT || process.cwd();

function env() {
  const out = execFileSync('bash', [`${ROOT}/scripts/stack.sh`, 'env', 'test'], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function count(socket, db, table) {
  const out = execFileSync('mariadb', [`--socket=${socket}`, '-N', '-e', `SELECT COUNT(*) FROM \`${db}\`.\`${table}\``], { encoding: 'utf8' });
  return Number(out.trim());
}

test('a backup restores into an empty database with every row', () => {
  const e = env();
  const dir = mkdtempSync(path.join(tmpdir(), 'kstt-backup-'));
  try {
    execFileSync('bash', [`${ROOT}/scripts/backup.sh`, 'test', dir], { stdio: 'ignore' });
    assert.ok(statSync(path.join(dir, 'db.sql.gz')).size > 1000);
    const target = 'kstt_restore_check';
    execFileSync('mariadb', [`--socket=${e.KSTT_DB_SOCKET}`, '-e', `DROP DATABASE IF EXISTS ${target}`]);
    execFileSync('bash', [`${ROOT}/scripts/restore.sh`, dir, 'test', target], { stdio: 'ignore' });
    for (const t of ['schema_migrations', 'units', 'unit_closure', 'users', 'plans', 'tasks', 'assignments', 'task_updates', 'audit_log', 'holidays']) {
      const a = count(e.KSTT_DB_SOCKET, e.KSTT_DB_NAME, t);
      const b = count(e.KSTT_DB_SOCKET, target, t);
      assert.equal(b, a, `${t}: ${b} restored of ${a}`);
    }
    assert.ok(count(e.KSTT_DB_SOCKET, target, 'units') > 50);
    execFileSync('mariadb', [`--socket=${e.KSTT_DB_SOCKET}`, '-e', `DROP DATABASE ${target}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
