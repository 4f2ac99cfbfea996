# Sourced by bench/run.sh after bench_kpi.sh (stack up; B, DUR, CONN, THREADS, out and compare()
# defined). The periodic reports at scale (issue 14, goals: the province's yearly report created in
# at most 1 s at 10,000,000 dossiers; the tracker at most 50 ms p95):
#   (a) `kstt-api report-figures` for the province, a district and a commune over the year's window
#       (the figures alone, no HTTP; BENCH_REPORT_RUNS runs each, min / median / max);
#   (b) POST /api/v1/reports for the province's yearly report through nginx (deleted in SQL before
#       each run, so that every run creates it), then POST .../refresh of it, timed per request;
#   (c) the tracker of the province (every unit that reports to it) with wrk at 4 connections
#       (p95), then against the same bytes as a static file (compare);
#   (d) the ingest rate with the field roll-ups: this run's load (bench_kpi.sh) beside the figures
#       documented in docs/PERFORMANCE.md before the roll-ups existed.
# On a kept data set (loaded once):
#   KSTT_KEEP_DB=1 BENCH_INGEST=0 BENCH_ONLY="kpi reports" bash bench/run.sh
# BENCH_REPORT_EXTRA=N (a multiple of 50,000; default 0) also sends N new dossiers on top with this
# build and, when BENCH_BASE_API names another kstt-api binary, with that one, alternately (the
# ingest's cost as a ratio in the same session); it adds dossiers to the data set.
RP_YEAR=${BENCH_REPORT_YEAR:-2026}
RP_RUNS=${BENCH_REPORT_RUNS:-5}
RP_EXTRA=${BENCH_REPORT_EXTRA:-0}
rp_env=()
mapfile -t rp_env < <(bash scripts/stack.sh env test)
rp_sql() {
  mariadb --socket="$(printf '%s\n' "${rp_env[@]}" | sed -n 's/^KSTT_DB_SOCKET=//p')" -N -B \
    "$(printf '%s\n' "${rp_env[@]}" | sed -n 's/^KSTT_DB_NAME=//p')" -e "$1"
}
rp_token() { bench_token admin; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# min / median / max of the numbers on stdin
rp_stats() { sort -n | awk '{v[NR] = $1} END {printf "min %s, median %s, max %s", v[1], v[int((NR + 1) / 2)], v[NR]}'; }

RP_P=$(rp_sql "SELECT id FROM units WHERE level = 'province' ORDER BY id LIMIT 1")
RP_H=$(rp_sql "SELECT id FROM units WHERE code = 'H01'")
RP_X=$(rp_sql "SELECT id FROM units WHERE parent_id = $RP_H AND level = 'commune' ORDER BY id LIMIT 1")
# The year's data window from the `period` rule set in force (cutoff_day, default 14): from the
# day after the cut-off of December of the year before to the cut-off of December.
RP_CUT=$(rp_sql "SELECT COALESCE(JSON_VALUE(rules_json, '\$.cutoff_day'), 14) FROM rule_sets WHERE \
  name = 'period' AND effective_from <= '$RP_YEAR-01-01' ORDER BY effective_from DESC LIMIT 1")
RP_CUT=${RP_CUT:-14}
RP_FROM=$(printf '%04d-12-%02d' $((RP_YEAR - 1)) $((RP_CUT + 1)))
RP_TO=$(printf '%04d-12-%02d' "$RP_YEAR" "$RP_CUT")
echo "# periodic reports: year $RP_YEAR (window $RP_FROM .. $RP_TO), $(rp_sql "SELECT COUNT(*) FROM \
dossiers") dossiers, kpi_field_daily $(rp_sql "SELECT COUNT(*) FROM kpi_field_daily") rows, \
load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"

# (a) the figures alone: the command connects, builds the four tables and prints them.
for item in "province|$RP_P|subtree" "district_H01|$RP_H|subtree" "commune|$RP_X|subtree" \
  "province_own|$RP_P|own"; do
  IFS='|' read -r name uid mode <<<"$item"
  times=()
  for _ in $(seq 1 "$RP_RUNS"); do
    t0=$(now_ms)
    env "${rp_env[@]}" build/kstt-api report-figures "$uid" "$RP_FROM" "$RP_TO" "$mode" \
      >/tmp/kstt-bench-figures.json || echo "report-figures failed" | tee -a "$out"
    times+=($(($(now_ms) - t0)))
  done
  printf 'report_figures %-14s %s ms over %d runs (received %s, %s fields, %s levels)\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | rp_stats)" "$RP_RUNS" \
    "$(jq '.dossiers.total | .received_online + .received_direct + .received_postal' /tmp/kstt-bench-figures.json)" \
    "$(jq '.dossiers.by_field | length' /tmp/kstt-bench-figures.json)" \
    "$(jq '.dossiers.by_level | length' /tmp/kstt-bench-figures.json)" | tee -a "$out"
done
rm -f /tmp/kstt-bench-figures.json

# (b) the province's yearly report through nginx: created (after removing it), then refreshed.
RP_T=$(rp_token)
rp_drop() {
  rp_sql "DELETE e FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.unit_id = \
    $RP_P AND r.kind = 'kstt' AND r.period = '$RP_YEAR'; DELETE FROM reports WHERE unit_id = $RP_P \
    AND kind = 'kstt' AND period = '$RP_YEAR'"
}
# One timed request: prints "status seconds"; the body goes to /tmp/kstt-bench-report.json.
rp_post() {
  curl -s -o /tmp/kstt-bench-report.json -w '%{http_code} %{time_total}\n' -X POST \
    -H "Authorization: Bearer $RP_T" -H 'Content-Type: application/json' --data-binary "$2" "$B$1"
}
times=()
codes=""
for _ in $(seq 1 "$RP_RUNS"); do
  rp_drop
  read -r code secs < <(rp_post /api/v1/reports "{\"unit_id\":$RP_P,\"kind\":\"kstt\",\"period\":\"$RP_YEAR\"}")
  codes="$codes $code"
  times+=($(echo "$secs * 1000 / 1" | bc))
done
RP_ID=$(jq -r '.id // empty' /tmp/kstt-bench-report.json)
printf 'report_create_province %s ms over %d runs (status:%s; %s bytes)\n' \
  "$(printf '%s\n' "${times[@]}" | rp_stats)" "$RP_RUNS" "$codes" \
  "$(stat -c %s /tmp/kstt-bench-report.json)" | tee -a "$out"
if [ -n "$RP_ID" ]; then
  times=()
  codes=""
  for _ in $(seq 1 "$RP_RUNS"); do
    read -r code secs < <(rp_post "/api/v1/reports/$RP_ID/refresh" '')
    codes="$codes $code"
    times+=($(echo "$secs * 1000 / 1" | bc))
  done
  printf 'report_refresh_province %s ms over %d runs (status:%s)\n' \
    "$(printf '%s\n' "${times[@]}" | rp_stats)" "$RP_RUNS" "$codes" | tee -a "$out"
fi
rm -f /tmp/kstt-bench-report.json

# (c) the tracker: the year (no child has filed yet) and the latest quarter that has reports (the
# demo's, most filed).
RP_Q=$(rp_sql "SELECT period FROM reports WHERE period_kind = 'quarter' ORDER BY window_to DESC LIMIT 1")
rp_paths=("tracker_province_year|/api/v1/reports/tracker?period=$RP_YEAR&unit_id=$RP_P")
[ -n "$RP_Q" ] && rp_paths+=("tracker_province_$RP_Q|/api/v1/reports/tracker?period=$RP_Q&unit_id=$RP_P")
rp_paths+=("tracker_district|/api/v1/reports/tracker?period=${RP_Q:-$RP_YEAR}&unit_id=$RP_H")
for item in "${rp_paths[@]}"; do
  name=${item%%|*}
  path=${item#*|}
  wrk -t1 -c4 -d2s -H "Authorization: Bearer $RP_T" "$B$path" >/dev/null
  p=$(wrk -t2 -c4 -d"$DUR" -s bench/p95.lua -H "Authorization: Bearer $RP_T" "$B$path")
  printf '%-22s 4 connections: %s req/s, p95 %s ms, p99 %s ms, non-2xx %s, %s units\n' "$name" \
    "$(echo "$p" | grep -E '^Requests/sec' | awk '{print $2}')" \
    "$(echo "$p" | awk '/^p95_ms/ {print $2}')" "$(echo "$p" | awk '/^p99_ms/ {print $2}')" \
    "$(echo "$p" | awk '/^non2xx/ {print $2}')" \
    "$(curl -sf -H "Authorization: Bearer $RP_T" "$B$path" | jq '.items | length')" | tee -a "$out"
  mkdir -p web/dist/bench
  compare "$name" "$path" "$RP_T"
done

# (d) ingest with the field roll-ups: this run's load against the documented figures (2026-11-22,
# before kpi_field_daily/monthly, docs/PERFORMANCE.md).
echo "ingest before (documented, no field roll-ups): 35,453 dossiers/s (the last 3.2 M of the 10 M \
load), 50,589/s (1 M new on top of 10 M), 27,092/s (the same 1 M again)" | tee -a "$out"
now=$(grep -E '^ingest +[0-9]' "$out" | tail -1 || true)
echo "ingest now (this run, with them): ${now:-no load in this run (BENCH_INGEST=0)}" | tee -a "$out"
# Same session A/B: N new dossiers (55 days, the 10 M set's density) with this build, then N with
# the build in BENCH_BASE_API (e.g. one from before the field roll-ups) if given, twice each.
# Rows sent by a build without the roll-ups are missing from them: rebuild or reload afterwards.
if [ "$RP_EXTRA" -gt 0 ]; then
  RP_UNITS=$(rp_sql "SELECT GROUP_CONCAT(CONCAT(code, ':', CASE level WHEN 'commune' THEN 1 WHEN \
    'district' THEN 3 WHEN 'onestop' THEN 6 ELSE 2 END) ORDER BY id) FROM units WHERE level IN \
    ('department', 'district', 'commune', 'onestop')")
  RP_PROCS=$(rp_sql "SELECT GROUP_CONCAT(code ORDER BY id) FROM procedures WHERE status = 'in_force'")
  export B RP_EXTRA RP_UNITS RP_PROCS
  rp_batch() { # index prefix seed token-file
    nice build/bench/gen_dossiers --units "$RP_UNITS" --procedures "$RP_PROCS" --seed "$3" \
      --start $(($1 * 50000)) --count 50000 --total "$RP_EXTRA" --from 2026-09-07 --to 2026-10-31 \
      --prefix "$2" |
      curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $(cat "$4")" \
        -H 'Content-Type: application/x-ndjson' --data-binary @- "$B/api/v1/dossiers/bulk"
  }
  export -f rp_batch
  rp_send() { # label api-binary prefix seed
    KSTT_API_BIN=$2 bash scripts/stack.sh restart-api test >/dev/null
    sleep 1
    local tokf t0 t1 codes
    tokf=$(mktemp)
    rp_token >"$tokf"
    t0=$(date +%s.%N)
    codes=$(seq 0 $((RP_EXTRA / 50000 - 1)) | xargs -P 2 -I{} bash -c "rp_batch {} $3 $4 $tokf")
    t1=$(date +%s.%N)
    rm -f "$tokf"
    printf 'ingest ab  %-36s %d dossiers in %.1f s = %.0f dossiers/s (non-200 batches: %d)\n' "$1" \
      "$RP_EXTRA" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$RP_EXTRA / ($t1 - $t0)" | bc -l)" \
      "$(echo "$codes" | grep -vc '^200$' || true)" | tee -a "$out"
  }
  for round in 1 2; do
    rp_send "this build, new (prefix N$round)" "$PWD/build/kstt-api" "N$round" $((930 + round))
    if [ -n "${BENCH_BASE_API:-}" ]; then
      rp_send "BENCH_BASE_API, new (prefix O$round)" "$BENCH_BASE_API" "O$round" $((940 + round))
    fi
  done
  rp_send "this build, N1 again (updates)" "$PWD/build/kstt-api" N1 931
  KSTT_API_BIN=$PWD/build/kstt-api bash scripts/stack.sh restart-api test >/dev/null
fi
