# Sourced by bench/run.sh (stack up; B, DUR, CONN, THREADS, out and compare() defined). The reform
# index's heavy reads (issue 21) on the demo's final 2024 index (every department and district
# scored on the full criteria tree): the results table of each kind (totals, competition ranks,
# bands, change from the year before, areas) for the appraising specialist. The public ranking
# is the same computation behind nginx's per-address limit of the public routes (a load from one
# address measures the limit), so it is not benched here. Goal beside each: p95 at most 50 ms at 4 connections, and at the shared settings at
# least 0.2 of nginx serving the same bytes (the authenticated list pages' goal).
ix_p95() { # name path [token]
  local hdr=()
  [ -n "${3:-}" ] && hdr=(-H "Authorization: Bearer $3")
  wrk -t1 -c4 -d2s "${hdr[@]}" "$B$2" >/dev/null
  local p
  p=$(wrk -t2 -c4 -d"$DUR" -s bench/p95.lua "${hdr[@]}" "$B$2")
  printf '%-22s 4 connections: %s req/s, p95 %s ms, p99 %s ms, non-2xx %s (goal: p95 <= 50 ms)\n' "$1" \
    "$(echo "$p" | rps)" "$(echo "$p" | awk '/^p95_ms/ {print $2}')" \
    "$(echo "$p" | awk '/^p99_ms/ {print $2}')" "$(echo "$p" | awk '/^non2xx/ {print $2}')" | tee -a "$out"
  compare "$1" "$2" "${3:-}"
}
IX_TOKEN=$(bench_token snv.cchc)
if [ -n "$IX_TOKEN" ]; then
  ix_p95 index_results_dept "/api/v1/index/2024/results?kind=department" "$IX_TOKEN"
  ix_p95 index_results_dist "/api/v1/index/2024/results?kind=district" "$IX_TOKEN"
else
  echo "bench_index: no token for snv.cchc; index benches skipped" | tee -a "$out"
fi
