# Sourced by bench/run.sh: the plan table (100 tasks × 40 assignees, every assignment with its
# computed state) and "my assignments" of a commune, each against the static ceiling.
# gen_plan.mjs builds the plan through the API on the bench stack's fresh demo database.
if plans_fixture=$(KSTT_BASE_URL="$B" node bench/gen_plan.mjs 100); then
  read -r PLAN_ID PLANS_TOKEN COMMUNE_TOKEN <<<"$plans_fixture"
  compare plan_table "/api/v1/plans/$PLAN_ID" "$PLANS_TOKEN"
  compare plan_progress "/api/v1/plans/$PLAN_ID/progress" "$PLANS_TOKEN"
  compare my_assignments "/api/v1/assignments?per_page=100" "$COMMUNE_TOKEN"
  compare my_overdue "/api/v1/assignments?overdue=true&per_page=100" "$COMMUNE_TOKEN"
else
  echo "bench_plans: bench/gen_plan.mjs failed; plan benches skipped" | tee -a "$out"
fi
