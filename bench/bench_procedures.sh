# Procedure catalogue search on 10,000 procedures (sourced by bench/run.sh, which defines B,
# THREADS, CONN, DUR, out and compare()).
#   1. generates 10,000 synthetic procedures (bench/gen_procedures.mjs, seeded) in the national
#      export layout and imports them through POST /api/v1/procedures/import, 1,000 rows a file;
#   2. lifts the public rate limit for the duration (it would answer 429 to wrk), then compares
#      searches through nginx with a static file of the same bytes, and runs a mix of 24 queries
#      and then random two-word queries (bench/procedures_mix.lua: repeated and uncached
#      searches) at the full and at a quarter of the connections, reporting p95.
# The target: p95 under 20 ms.
bench_procedures() {
  local dir=var/bench-procedures token t0 t1 f
  node bench/gen_procedures.mjs bench --count "${BENCH_PROCEDURES:-10000}" --seed 7 --chunk 1000 --out "$dir"
  token=$(curl -sf -H 'content-type: application/json' -d '{"username":"admin","password":"Kstt@2023"}' \
    "$B/api/v1/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
  t0=$(date +%s.%N)
  for f in "$dir"/procedures_*.csv; do
    curl -sf -H "Authorization: Bearer $token" -H 'content-type: text/csv' --data-binary "@$f" \
      "$B/api/v1/procedures/import" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);if(r.failed)process.exit(1)})' ||
      { echo "procedures: import of $f failed"; return 1; }
  done
  t1=$(date +%s.%N)
  local total
  total=$(curl -sf "$B/api/v1/public/procedures?per_page=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
  printf 'procedures: imported %s rows in %.1f s; %s procedures in force in the catalogue\n' \
    "${BENCH_PROCEDURES:-10000}" "$(echo "$t1 - $t0" | bc -l)" "$total" | tee -a "$out"

  # The first request after the import rebuilds each worker's index: time it, then warm every worker.
  t0=$(date +%s.%N)
  curl -sf "$B/api/v1/public/procedures?q=dat%20dai" >/dev/null
  t1=$(date +%s.%N)
  printf 'procedures: first search after the import (index rebuild) %.0f ms\n' "$(echo "($t1 - $t0) * 1000" | bc -l)" | tee -a "$out"
  wrk -t1 -c8 -d2s "$B/api/v1/public/procedures?q=ho%20tich" >/dev/null

  KSTT_KEEP_DB=1 KSTT_PUBLIC_RATE=1000000r/s KSTT_PUBLIC_BURST=100000 bash scripts/stack.sh start test >/dev/null
  sleep 2 # nginx's old workers finish with the old limit
  compare procedures_search '/api/v1/public/procedures?q=chung%20thuc%20ban%20sao'
  compare procedures_prefix '/api/v1/public/procedures?q=cap%20giay%20phep%20xay'
  compare procedures_common '/api/v1/public/procedures?q=cap'
  compare procedures_code '/api/v1/public/procedures?q=1.9012'
  compare procedures_filter '/api/v1/public/procedures?level=commune&online=full&page=3'
  compare procedures_stats '/api/v1/public/procedures/stats'
  compare procedures_page '/api/v1/public/procedures/2.000815'
  local c mode
  for mode in mix random; do
    for c in "$CONN" $((CONN / 4)); do
      PROCEDURES_MIX=$mode wrk -t"$THREADS" -c"$c" -d"$DUR" -s bench/procedures_mix.lua "$B" |
        grep '^search-' | sed "s/^/procedures c=$c /" | tee -a "$out"
    done
  done
  # Back to the configured limits for whatever runs next.
  KSTT_KEEP_DB=1 bash scripts/stack.sh start test >/dev/null
}
bench_procedures
