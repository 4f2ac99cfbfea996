#!/bin/bash
# Ingest of new dossiers against the same dossiers sent again (every row an earlier version), on a
# running stack: `. env; bash bench/ingest_resend.sh N PREFIX` (a PREFIX not used before, so the
# first pass is all new). N dossiers in NDJSON batches of 50,000 through nginx by 2 clients.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300000}
PFX=${2:-R$(date +%s)}
BATCH=50000
eval "$(bash scripts/stack.sh env test | grep -E '^KSTT_DB_(SOCKET|NAME)=' | sed 's/^/export /')"
sql() { mariadb --socket="$KSTT_DB_SOCKET" -N -B "$KSTT_DB_NAME" -e "$1"; }
mkdir -p build/bench
gcc -O2 -o build/bench/gen_dossiers bench/gen_dossiers.c
UNITS=$(sql "SELECT GROUP_CONCAT(CONCAT(code, ':', CASE level WHEN 'commune' THEN 1 WHEN 'district' \
  THEN 3 WHEN 'onestop' THEN 6 ELSE 2 END) ORDER BY id) FROM units WHERE level IN ('department', \
  'district', 'commune', 'onestop') AND valid_to IS NULL AND LENGTH(code) < 8")
PROCS=$(sql "SELECT GROUP_CONCAT(code ORDER BY id) FROM procedures WHERE status = 'in_force'")
T=$(curl -sf -X POST "$KSTT_BASE_URL/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"Kstt@2023"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for ((k = 0; k * BATCH < N; k++)); do
  build/bench/gen_dossiers --units "$UNITS" --procedures "$PROCS" --seed 77 --start $((k * BATCH)) \
    --count $BATCH --total "$N" --from 2023-11-01 --to 2026-10-31 --prefix "$PFX" >"$dir/$k.ndjson"
done
pass() {
  local t0 t1
  t0=$(date +%s.%N)
  ls "$dir"/*.ndjson | xargs -P 2 -I{} curl -s -o /dev/null -w '%{http_code} ' -X POST \
    -H "Authorization: Bearer $T" -H 'Content-Type: application/x-ndjson' --data-binary @{} \
    "$KSTT_BASE_URL/api/v1/dossiers/bulk"
  t1=$(date +%s.%N)
  printf '\n%s: %d dossiers in %.1f s = %.0f dossiers/s\n' "$1" "$N" "$(echo "$t1 - $t0" | bc -l)" \
    "$(echo "$N / ($t1 - $t0)" | bc -l)"
}
pass new
pass "sent again"
