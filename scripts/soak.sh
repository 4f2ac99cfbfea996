#!/usr/bin/env bash
# make soak (issue 21): a stack of its own (test profile), then scripts/soak.mjs: a steady mixed
# read/write load for SOAK_MINUTES (default 20), sampled every SOAK_INTERVAL s (default 30);
# prints a table and a verdict and exits non-zero when RSS, open files, database connections or
# p99 drift. SOAK_RATE (default 40 req/s); KSTT_SOAK_PORT / KSTT_SOAK_DB_PORT / KSTT_SOAK_VAR
# move it off the default ports and directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export KSTT_TEST_PORT=${KSTT_SOAK_PORT:-18380} KSTT_TEST_DB_PORT=${KSTT_SOAK_DB_PORT:-13347}
export KSTT_VAR=${KSTT_SOAK_VAR:-$(pwd)/var/soak} KSTT_TEST_DB_NAME=kstt_soak
export KSTT_BASE_URL=http://127.0.0.1:$KSTT_TEST_PORT
# The deployment's session memory (decision 215), which the test profile turns off.
export KSTT_SESSION_CACHE_MS=${KSTT_SESSION_CACHE_MS:-1000}
# An easy proof of work for the public form (checking a solution costs the server the same
# whatever the difficulty); the client solves it inside the measured request.
export KSTT_POW_MAX=${KSTT_POW_MAX:-1000}
export SOAK_MINUTES=${SOAK_MINUTES:-20}
[ -x build/kstt-api ] && [ -f web/dist/index.html ] || make -s build
bash scripts/stack.sh stop test >/dev/null 2>&1 || true
bash scripts/stack.sh start test >/dev/null
trap 'bash scripts/stack.sh stop test >/dev/null 2>&1' EXIT
mkdir -p bench/results
# Bounded: the load's own minutes plus five for setup and the last answers.
timeout $((SOAK_MINUTES * 60 + 300)) node scripts/soak.mjs | tee bench/results/soak.txt
