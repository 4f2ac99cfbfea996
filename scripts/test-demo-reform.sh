#!/usr/bin/env bash
# The demo as after the 2025 reform (issue 20): a stack of its own (data directory and database)
# loaded with `load-demo --after-2025-reform`, as `make run` loads it, then tests/demo_reform
# against it. usage: scripts/test-demo-reform.sh [node --test reporter options]
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Never the test stack's database: make test stops that stack first, so the ports are free.
export KSTT_VAR=${KSTT_REFORM_VAR:-${KSTT_VAR:-$ROOT/var/test}-reform}
export KSTT_TEST_DB_NAME=kstt_reform KSTT_DEMO_REFORM=1 KSTT_ROOT=$ROOT
export KSTT_BASE_URL=http://127.0.0.1:${KSTT_TEST_PORT:-18080}

JOB=demo-reform
. scripts/job-stack.sh
job_stack_start
grep -E '^load-demo: ' "$KSTT_VAR/logs/migrate.log" | sed 's/^/demo-reform: /'
set -a
eval "$(bash scripts/stack.sh env test)"
set +a
node --test "$@" tests/demo_reform/*.test.mjs
