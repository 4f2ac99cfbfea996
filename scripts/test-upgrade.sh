#!/usr/bin/env bash
# Upgrade test (issue 21): the previous release's database (tests/fixtures/upgrade/, a dump of
# v0.9.0's demo) restored into a fresh server, the current `kstt-api migrate` run on it, the
# current api started on it, then tests/upgrade and a set of API tests against it.
# usage: scripts/test-upgrade.sh [node --test reporter options]; prints the runner's counts.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DUMP=${KSTT_UPGRADE_DUMP:-tests/fixtures/upgrade/v0.9.0.sql.gz}
# Its own data directory and database: never the test stack's (make test stops that first, so
# the ports are free; a developer's slot gets "<slot var>-upgrade").
export KSTT_VAR=${KSTT_UPGRADE_VAR:-${KSTT_VAR:-$ROOT/var/test}-upgrade}
export KSTT_TEST_DB_NAME=kstt_upgrade KSTT_ROOT=$ROOT
# The schema a fresh install gets, for tests/upgrade to compare with the upgraded one.
export KSTT_UPGRADE_FRESH_DB=kstt_upgrade_fresh
export KSTT_BASE_URL=http://127.0.0.1:${KSTT_TEST_PORT:-18080}
SOCK=$KSTT_VAR/mysql.sock
LOGS=$KSTT_VAR/logs

# The API suites that hold on a database that already has data (they create what they read or
# read the demo's reference data, which v0.9.0 and this version share). Left out: those that
# count the demo's rows or need demo rows added after v0.9.0 (sipas.test.mjs reads the
# SIPAS demo that 032 and demo_sipas.c brought; a real upgrade has no demo).
SUITES=${KSTT_UPGRADE_SUITES-plans assignments timeline feedback feedback_public feedback_follow
procedures procedure_forms kpi dossiers reports search comments notifications
rule_sets index_evidence job_leases}

fail() { echo "upgrade: $*" >&2; echo "0 passed, 1 failed"; exit 1; }
sql() { mariadb --socket="$SOCK" "$@"; }

[ -f "$DUMP" ] || fail "no dump at $DUMP"
[ -x build/kstt-api ] || fail "build/kstt-api missing: run make build"
bash scripts/stack.sh stop test >/dev/null 2>&1
rm -rf "$KSTT_VAR"
trap 'bash scripts/stack.sh stop test >/dev/null 2>&1' EXIT
# make test bounds the job with timeout(1): its TERM still stops this stack.
trap 'exit 143' TERM INT
bash scripts/stack.sh start-db test >/dev/null || fail "database did not start"

# The release's database as an operator has it: schema, data and the api's account.
(umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$KSTT_VAR/db_password")
pw=$(cat "$KSTT_VAR/db_password")
for db in "$KSTT_TEST_DB_NAME" "$KSTT_UPGRADE_FRESH_DB"; do
  sql -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS 'kstt'@'localhost' IDENTIFIED BY '$pw';
    GRANT ALL PRIVILEGES ON \`$db\`.* TO 'kstt'@'localhost';" || fail "cannot create $db"
done
gunzip -c "$DUMP" | sql "$KSTT_TEST_DB_NAME" 2>"$LOGS/restore.log" || fail "restore failed: $(tail -3 "$LOGS/restore.log")"
before=$(sql -N -e "SELECT MAX(version) FROM \`$KSTT_TEST_DB_NAME\`.schema_migrations")
echo "upgrade: restored $(basename "$DUMP") (schema $before)"

# The current binary's migrate, alone, as an operator runs it after installing the release.
set -a
eval "$(bash scripts/stack.sh env test)"
set +a
build/kstt-api migrate >"$LOGS/migrate-upgrade.log" 2>&1 || fail "migrate failed: $(tail -5 "$LOGS/migrate-upgrade.log")"
echo "upgrade: $(grep -E '^migrate:' "$LOGS/migrate-upgrade.log")"
KSTT_DB_NAME=$KSTT_UPGRADE_FRESH_DB build/kstt-api migrate >"$LOGS/migrate-fresh.log" 2>&1 ||
  fail "fresh migrate failed: $(tail -5 "$LOGS/migrate-fresh.log")"

# Then the api and nginx on it (the stack's own migrate finds nothing to do, and load-demo leaves
# a database with data alone).
KSTT_KEEP_DB=1 bash scripts/stack.sh start test >"$LOGS/stack-upgrade.log" 2>&1 ||
  fail "stack did not start: $(tail -5 "$LOGS/stack-upgrade.log")"

files=(tests/upgrade/*.test.mjs)
for s in $SUITES; do files+=("tests/api/$s.test.mjs"); done
[ $# -gt 0 ] || set -- --test-reporter=spec
node --test "$@" "${files[@]}"
rc=$?
bash scripts/stack.sh stop test >/dev/null 2>&1
# Kept after a failure, for its logs.
[ $rc -ne 0 ] || rm -rf "$KSTT_VAR"
exit $rc
