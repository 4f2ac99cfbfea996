# Sourced by bench/run.sh: the plan table (100 tasks × 40 assignees, every assignment with its
# computed state) and "my assignments" of a commune, each against the static ceiling.
# gen_plan.mjs builds the plan through the API on the bench stack's fresh demo database.
# The table is cached per plan version and day (issue 21), so after the first request these
# measure the cached answer; plan_table_paged is what the web page asks for (10 assignees a task).
plans_p95() { # name path token: p95 at 4 connections (the issue's goal), then against static
  wrk -t1 -c4 -d2s -H "Authorization: Bearer $3" "$B$2" >/dev/null
  local p
  p=$(wrk -t2 -c4 -d"$DUR" -s bench/p95.lua -H "Authorization: Bearer $3" "$B$2")
  printf '%-22s 4 connections: %s req/s, p95 %s ms, p99 %s ms, non-2xx %s\n' "$1" \
    "$(echo "$p" | rps)" "$(echo "$p" | awk '/^p95_ms/ {print $2}')" \
    "$(echo "$p" | awk '/^p99_ms/ {print $2}')" "$(echo "$p" | awk '/^non2xx/ {print $2}')" | tee -a "$out"
  compare "$1" "$2" "$3"
}
if plans_fixture=$(KSTT_BASE_URL="$B" node bench/gen_plan.mjs 100); then
  read -r PLAN_ID PLANS_TOKEN COMMUNE_TOKEN DEMO_PLAN_ID <<<"$plans_fixture"
  plans_p95 plan_table "/api/v1/plans/$PLAN_ID" "$PLANS_TOKEN"
  plans_p95 plan_table_paged "/api/v1/plans/$PLAN_ID?assignees_limit=10" "$PLANS_TOKEN"
  [ -n "${DEMO_PLAN_ID:-}" ] && plans_p95 demo_plan_paged "/api/v1/plans/$DEMO_PLAN_ID?assignees_limit=10" "$PLANS_TOKEN"
  compare plan_progress "/api/v1/plans/$PLAN_ID/progress" "$PLANS_TOKEN"
  compare my_assignments "/api/v1/assignments?per_page=100" "$COMMUNE_TOKEN"
  compare my_overdue "/api/v1/assignments?overdue=true&per_page=100" "$COMMUNE_TOKEN"
else
  echo "bench_plans: bench/gen_plan.mjs failed; plan benches skipped" | tee -a "$out"
fi
