# Sourced by bench/run.sh (stack up; B, DUR, CONN, THREADS, out and compare() defined).
# Dossier ingest throughput through nginx and the API, then the indicator reads at scale:
# BENCH_DOSSIERS (default 10,000,000) seeded dossiers over 36 months for the demo province,
# sent as NDJSON batches of BENCH_BATCH rows by BENCH_INGEST_PARALLEL clients.
N=${BENCH_DOSSIERS:-10000000}
BATCH=${BENCH_BATCH:-50000}
PAR=${BENCH_INGEST_PARALLEL:-2}
SEED=${BENCH_SEED:-766}
FIRST=${BENCH_FIRST_BATCH:-0} # resume an interrupted load from this batch
INGEST=${BENCH_INGEST:-1}     # 0: the database already holds the data set (kept stack)
gcc -O2 -o build/bench/gen_dossiers bench/gen_dossiers.c 2>/dev/null || {
  mkdir -p build/bench && gcc -O2 -o build/bench/gen_dossiers bench/gen_dossiers.c
}
eval "$(bash scripts/stack.sh env test | grep -E '^KSTT_DB_(SOCKET|NAME)=' | sed 's/^/export /')"
kpi_sql() { mariadb --socket="$KSTT_DB_SOCKET" -N -B "$KSTT_DB_NAME" -e "$1"; }
kpi_token() {
  local t
  for _ in 1 2 3 4 5; do
    t=$(curl -sf -X POST "$B/api/v1/auth/login" -H 'content-type: application/json' \
      -d '{"username":"admin","password":"Kstt@2023"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/') && break
    sleep 1
  done
  echo "$t"
}
# Unit codes weighted by a believable share of the dossiers.
KPI_UNITS=$(kpi_sql "SELECT GROUP_CONCAT(CONCAT(code, ':', CASE level WHEN 'commune' THEN 1 \
  WHEN 'district' THEN 3 WHEN 'onestop' THEN 6 ELSE 2 END) ORDER BY id) FROM units WHERE level IN \
  ('department', 'district', 'commune', 'onestop')")
# The catalogue's in-force procedures, so that the dossiers fall into its fields (the report's
# table by field); every other column of a row is the same as without them.
KPI_PROCS=$(kpi_sql "SELECT GROUP_CONCAT(code ORDER BY id) FROM procedures WHERE status = 'in_force'")
batches=$(( (N + BATCH - 1) / BATCH ))
[ "$INGEST" = 1 ] || FIRST=$batches
echo "# dossier ingest: $N dossiers (seed $SEED) in $batches NDJSON batches of $BATCH, $PAR clients" | tee -a "$out"
export B BATCH N SEED KPI_UNITS KPI_PROCS
kpi_batch() { # index token-file
  local k=$1 start=$(( $1 * BATCH )) count=$BATCH
  [ $((start + count)) -gt "$N" ] && count=$(( N - start ))
  nice build/bench/gen_dossiers --units "$KPI_UNITS" --procedures "$KPI_PROCS" --seed "$SEED" \
    --start "$start" --count "$count" --total "$N" --from 2023-11-01 --to 2026-10-31 --prefix B |
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $(cat "$2")" \
      -H 'Content-Type: application/x-ndjson' --data-binary @- "$B/api/v1/dossiers/bulk"
}
export -f kpi_batch
tokf=$(mktemp)
t0=$(date +%s.%N)
k=$FIRST
fails=0
# Access tokens live 15 minutes: a fresh one for every group of batches.
while [ $k -lt $batches ]; do
  kpi_token >"$tokf"
  hi=$(( k + 40 < batches ? k + 40 : batches ))
  codes=$(seq $k $((hi - 1)) | xargs -P "$PAR" -I{} bash -c 'kpi_batch {} '"$tokf" || true)
  fails=$(( fails + $(echo "$codes" | grep -vc '^200$' || true) ))
  k=$hi
done
t1=$(date +%s.%N)
rm -f "$tokf"
if [ "$FIRST" -lt "$batches" ]; then
  stored=$(kpi_sql "SELECT COUNT(*) FROM dossiers WHERE code LIKE 'B%'")
  secs=$(echo "$t1 - $t0" | bc -l)
  sent=$(( N - FIRST * BATCH ))
  printf 'ingest                 %d dossiers in %.1f s = %.0f dossiers/s through nginx + api (failed batches: %d, stored: %s)\n' \
    "$sent" "$secs" "$(echo "$sent / $secs" | bc -l)" "$fails" "$stored" | tee -a "$out"
fi
kpi_sql "SELECT CONCAT('rows: dossiers ', (SELECT COUNT(*) FROM dossiers), ', kpi_daily ', \
  (SELECT COUNT(*) FROM kpi_daily), ', kpi_monthly ', (SELECT COUNT(*) FROM kpi_monthly), \
  ', kpi_field_daily ', (SELECT COUNT(*) FROM kpi_field_daily), ', kpi_field_monthly ', \
  (SELECT COUNT(*) FROM kpi_field_monthly), ', dossiers in a catalogue field ', \
  (SELECT COUNT(*) FROM dossiers WHERE field_id <> 0))" | tee -a "$out"

T=$(kpi_token)
P=$(kpi_sql "SELECT id FROM units WHERE level = 'province' ORDER BY id LIMIT 1")
H=$(kpi_sql "SELECT id FROM units WHERE code = 'H01'")
# The scale goal: each of these at most 50 ms p95 through nginx (measured at 4 connections,
# then at the shared wrk settings for the ratio against static bytes).
kpi_paths=(
  "kpi_summary_province|/api/v1/kpi/summary?unit_id=$P&from=2023-11-01&to=2026-10-31"
  "kpi_summary_month|/api/v1/kpi/summary?unit_id=$P&from=2026-09-01&to=2026-09-30"
  "kpi_ranking_communes|/api/v1/kpi/ranking?level=commune&from=2025-11-01&to=2026-10-31&metric=score766"
  "kpi_trend_36_months|/api/v1/kpi/trend?unit_id=$P&from=2023-11-01&to=2026-10-31&granularity=month"
  "kpi_late_district|/api/v1/kpi/late?unit_id=$H&from=2026-09-01&to=2026-09-30&per_page=50"
)
for item in "${kpi_paths[@]}"; do
  name=${item%%|*}
  path=${item#*|}
  wrk -t1 -c4 -d2s -H "Authorization: Bearer $T" "$B$path" >/dev/null
  p=$(wrk -t2 -c4 -d"$DUR" -s bench/p95.lua -H "Authorization: Bearer $T" "$B$path")
  printf '%-22s 4 connections: %s req/s, p95 %s ms, p99 %s ms, non-2xx %s\n' "$name" \
    "$(echo "$p" | rps)" "$(echo "$p" | awk '/^p95_ms/ {print $2}')" \
    "$(echo "$p" | awk '/^p99_ms/ {print $2}')" "$(echo "$p" | awk '/^non2xx/ {print $2}')" | tee -a "$out"
  mkdir -p web/dist/bench # a web build in between empties web/dist
  compare "$name" "$path" "$T"
done
