#!/usr/bin/env bash
# make test-cluster: a fresh 3-node Galera cluster with two api hosts (scripts/cluster.sh), the
# tests in tests/cluster against it, then everything stopped. Prints the test runner's counts.
set -uo pipefail
cd "$(dirname "$0")/.."
trap 'bash scripts/cluster.sh stop >/dev/null 2>&1' EXIT
# store/db.c's commit check, run against the nodes by tests/cluster (under ASan/UBSan).
make -s build/cluster/db_guard || exit 1
bash scripts/cluster.sh stop >/dev/null 2>&1
bash scripts/cluster.sh start || exit 1
set -a
eval "$(bash scripts/cluster.sh env)"
set +a
export KSTT_ROOT=$(pwd)
# make test passes its reporters; alone, the spec reporter
[ $# -gt 0 ] || set -- --test-reporter=spec
node --test --test-concurrency=1 "$@" tests/cluster/*.test.mjs
