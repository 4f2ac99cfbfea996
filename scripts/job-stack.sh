# Sourced by the make test jobs that run on a stack of their own (scripts/test-demo-reform.sh,
# scripts/test-sessions.sh). JOB names the job in its messages; KSTT_VAR is its data directory.
job_fail() { echo "$JOB: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# A fresh stack at $KSTT_VAR, stopped when the job exits (also when make test's timeout(1) ends it).
job_stack_start() {
  [ -x build/kstt-api ] || job_fail "build/kstt-api missing: run make build"
  bash scripts/stack.sh stop test >/dev/null 2>&1
  rm -rf "$KSTT_VAR"
  trap 'bash scripts/stack.sh stop test >/dev/null 2>&1' EXIT
  trap 'exit 143' TERM INT
  bash scripts/stack.sh start test >/dev/null ||
    job_fail "stack did not start: $(tail -5 "$KSTT_VAR/logs/migrate.log" 2>/dev/null)"
}
