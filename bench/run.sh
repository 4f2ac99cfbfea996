#!/usr/bin/env bash
# make bench: wrk against the api through nginx and against nginx serving the same bytes as a
# static file (the ceiling), same connections and duration, on the test stack's ports.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${BENCH_DURATION:-10s}
CONN=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
export KSTT_TEST_PORT=${KSTT_BENCH_PORT:-18280} KSTT_TEST_DB_PORT=${KSTT_BENCH_DB_PORT:-13327}
export KSTT_VAR=$(pwd)/var/bench KSTT_TEST_DB_NAME=kstt_bench
# The deployment's session memory (decision 215), which the test profile turns off.
export KSTT_SESSION_CACHE_MS=${KSTT_SESSION_CACHE_MS:-1000}
B=http://127.0.0.1:$KSTT_TEST_PORT
bash scripts/stack.sh start test >/dev/null
trap 'bash scripts/stack.sh stop test >/dev/null 2>&1' EXIT
mkdir -p web/dist/bench bench/results
out=bench/results/latest.txt
: >"$out"

rps() { grep -E '^Requests/sec' | awk '{print $2}'; }
# A demo account's access token (a few tries: the stack may still be warming up); empty if none.
bench_token() { # username
  local t
  for _ in 1 2 3 4 5; do
    t=$(curl -sf -X POST "$B/api/v1/auth/login" -H 'content-type: application/json' \
      -d "{\"username\":\"$1\",\"password\":\"Kstt@2023\"}" | jq -r .access_token) && [ "$t" != null ] && break
    t=
    sleep 1
  done
  echo "$t"
}
lat() { grep -E '^\s+Latency ' | head -1 | awk '{print $2}'; }

# One comparison: name, api path (with optional token), static copy of the same bytes.
compare() {
  local name=$1 path=$2 auth=${3:-}
  local hdr=()
  [ -n "$auth" ] && hdr=(-H "Authorization: Bearer $auth")
  curl -sf "${hdr[@]}" "$B$path" >"web/dist/bench/$name.json"
  wrk -t1 -c4 -d2s "${hdr[@]}" "$B$path" >/dev/null # warm up
  local a s
  a=$(wrk -t"$THREADS" -c"$CONN" -d"$DUR" --latency "${hdr[@]}" "$B$path")
  s=$(wrk -t"$THREADS" -c"$CONN" -d"$DUR" --latency "$B/bench/$name.json")
  local ra rs
  ra=$(echo "$a" | rps); rs=$(echo "$s" | rps)
  printf '%-22s api %10s req/s (p50 %s)   static %10s req/s (p50 %s)   ratio %.2f   bytes %s\n' \
    "$name" "$ra" "$(echo "$a" | lat)" "$rs" "$(echo "$s" | lat)" "$(echo "$ra / $rs" | bc -l)" \
    "$(stat -c %s "web/dist/bench/$name.json")" | tee -a "$out"
  echo "$a" | grep -E '99%|Non-2xx' | sed "s/^/    api $name: /" | tee -a "$out"
}

echo "# $(date -u +%FT%TZ) wrk -t$THREADS -c$CONN -d$DUR, $(nproc) cores" | tee -a "$out"
compare health /api/v1/health
# BENCH_ONLY="plans feedback" runs only those bench/bench_<name>.sh (the health baseline always runs).
for extra in bench/bench_*.sh; do
  name=$(basename "$extra" .sh); name=${name#bench_}
  if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
  [ -f "$extra" ] && . "$extra"
done
echo "results in $out"
