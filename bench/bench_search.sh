# The search across modules (GET /api/v1/search, issue 15), sourced by bench/run.sh (stack up, $B,
# $out, $DUR, $CONN, $THREADS and compare() set). Run alone: BENCH_ONLY=search bash bench/run.sh
#   1. brings the catalogue to 10,000 procedures (bench/gen_procedures.mjs, seeded, imported
#      through POST /api/v1/procedures/import as bench_procedures.sh does) unless it has them, and
#      adds 5,000 forwarded feedback items (bench/gen_feedback.mjs) to the demo data;
#   2. compares searches through nginx with a static file of the same bytes (compare), as the
#      province admin (every group, province-wide) and as a commune officer (scoped groups);
#   3. reports p95 per query with bench/p95.lua, at the full and at a quarter of the connections.
#      The target: p95 under 50 ms.
bench_search() {
  local dir=var/bench-search token xa n sock db f
  sock=$KSTT_VAR/mysql.sock db=$KSTT_TEST_DB_NAME
  token=$(curl -sf -H 'content-type: application/json' -d '{"username":"admin","password":"Kstt@2023"}' \
    "$B/api/v1/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
  xa=$(curl -sf -H 'content-type: application/json' -d '{"username":"xa11.daumoi","password":"Kstt@2023"}' \
    "$B/api/v1/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
  n=$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM procedures')
  if [ "$n" -lt 10000 ]; then
    node bench/gen_procedures.mjs bench --count 10000 --seed 7 --chunk 1000 --out "$dir"
    for f in "$dir"/procedures_*.csv; do
      curl -sf -H "Authorization: Bearer $token" -H 'content-type: text/csv' --data-binary "@$f" \
        "$B/api/v1/procedures/import" >/dev/null || { echo "search: import of $f failed"; return 1; }
    done
  fi
  node bench/gen_feedback.mjs --count 5000 --tag BS | mariadb --socket="$sock" "$db"
  printf 'search: %s procedures, %s feedback items, %s plans, %s tasks, %s units, %s users\n' \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM procedures')" \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM feedback')" \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM plans')" \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM tasks')" \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM units')" \
    "$(mariadb --socket="$sock" -N "$db" -e 'SELECT COUNT(*) FROM users')" | tee -a "$out"

  compare search_admin '/api/v1/search?q=dat%20dai' "$token"
  compare search_commune '/api/v1/search?q=dat%20dai' "$xa"
  compare search_kind '/api/v1/search?q=thu%20tuc&kind=feedback&limit=20' "$token"
  local who tk q res c
  for c in "$CONN" $((CONN / 4)); do
    for who in admin commune; do
      tk=$token; [ "$who" = commune ] && tk=$xa
      for q in 'dat%20dai' 'chung%20thuc%20ban%20sao' 'cap%20giay%20phep%20xay' 'ke%20hoach' 'thu%20tuc' \
        'bao%20cao%20dinh%20ky' '1.9012' 'xyzzy%20khong%20co'; do
        res=$(wrk -t"$THREADS" -c"$c" -d"$DUR" -s bench/p95.lua -H "Authorization: Bearer $tk" \
          "$B/api/v1/search?q=$q" | grep -E '^(Requests/sec|p95_ms|p99_ms|non2xx)' | awk '{print $1, $2}' | tr '\n' ' ')
        printf 'search c=%-3s %-8s q=%-28s %s\n' "$c" "$who" "$(printf '%b' "${q//%/\\x}")" "$res" | tee -a "$out"
      done
    done
  done
}
bench_search
