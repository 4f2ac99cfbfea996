// The running test stack as scripts/stack.sh has it (database socket, upload directory, keys),
// and the kstt-api binary run with that environment, for tests of its commands.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = process.env.KSTT_ROOT || process.cwd();

export const STACK_ENV = Object.fromEntries(
  execFileSync('bash', [path.join(ROOT, 'scripts/stack.sh'), 'env', 'test'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('KSTT_'))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

/** Runs `kstt-api ...args` against the stack; its stdout (throws with status/stderr on failure). */
export const kstt = (...args) =>
  execFileSync(path.join(ROOT, 'build/kstt-api'), args, { env: { ...process.env, ...STACK_ENV }, encoding: 'utf8' });

/** The api's worker processes by pid, ascending: children of the supervisor named kstt-worker
 * (the scheduler process is kstt-scheduler). */
export function apiWorkers() {
  const dir = process.env.KSTT_VAR || `${ROOT}/var/test`;
  const sup = readFileSync(`${dir}/api.pid`, 'utf8').trim();
  const out = execFileSync('pgrep', ['-P', sup, '-x', 'kstt-worker'], { encoding: 'utf8' }).trim();
  return out.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}
