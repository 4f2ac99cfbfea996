#!/usr/bin/env bash
# Sessions kept in the workers' memory (decision 215): a stack of its own with the deployment's
# KSTT_SESSION_CACHE_MS (the test profile turns it off, since the suites write straight into the
# database and read back at once), then tests/sessions and the API suites that write only through
# the api. usage: scripts/test-sessions.sh [node --test reporter options]
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Never the test stack's database: make test stops that stack first, so the ports are free.
export KSTT_VAR=${KSTT_SESSIONS_VAR:-${KSTT_VAR:-$ROOT/var/test}-sessions}
export KSTT_TEST_DB_NAME=kstt_sessions KSTT_ROOT=$ROOT KSTT_SESSION_CACHE_MS=1000
export KSTT_BASE_URL=http://127.0.0.1:${KSTT_TEST_PORT:-18080}
# Suites whose every write goes through the api (none reads back a row it changed in SQL).
SUITES=${KSTT_SESSIONS_SUITES-tokens scope_access plans feedback procedures}

JOB=sessions
. scripts/job-stack.sh
job_stack_start
files=(tests/sessions/*.test.mjs)
for s in $SUITES; do files+=("tests/api/$s.test.mjs"); done
[ $# -gt 0 ] || set -- --test-reporter=spec
node --test "$@" "${files[@]}"
rc=$?
n=$(curl -sf "$KSTT_BASE_URL/api/v1/metrics" | awk '/^kstt_sessions_total/ {print $2}' | paste -sd/)
echo "sessions: database/memory reads of sessions on this stack: ${n:-unknown}"
exit $rc
