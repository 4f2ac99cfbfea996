# Sourced by bench/run.sh (stack up; B, DUR, CONN, THREADS, out and compare() defined). The
# authenticated list pages people open all day (issue 21: a 50-row answer at least 0.2 of nginx
# serving the same bytes): the coordinator's assignments across the province and feedback list,
# the intranet procedure catalogue, a commune officer's own assignments. Each line also says how
# many rows the answer held (the demo has fewer than 50 feedback items unless bench_feedback ran
# first in the same run).
ls_compare() { # name path token
  local n
  n=$(curl -sf -H "Authorization: Bearer $3" "$B$2" | jq '.items | length')
  echo "$1: $n rows" | tee -a "$out"
  compare "$1" "$2" "$3"
}
LS_VP=$(bench_token vp.kstt)
LS_XA=$(bench_token xa11.daumoi)
if [ -n "$LS_VP" ]; then
  ls_compare list_assignments "/api/v1/assignments?per_page=50" "$LS_VP"
  ls_compare list_feedback "/api/v1/feedback?per_page=50" "$LS_VP"
  ls_compare list_procedures "/api/v1/procedures?per_page=50" "$LS_VP"
  ls_compare list_my_assignments "/api/v1/assignments?per_page=50" "$LS_XA"
else
  echo "bench_lists: no token; list benches skipped" | tee -a "$out"
fi
