# Sourced by bench/run.sh (stack up, $B, $out, $DUR, $CONN, $THREADS set): GET /api/v1/health
# against the static ceiling and against a PHP-FPM + PDO peer doing the same (bench/php-peer),
# served by the same nginx, in the same run (issue 21: ours >= 0.3 of static and >= 2.5 x the
# share PHP gets). BENCH_PHP_ROUNDS rounds (default 3), each runs static, ours and PHP in a
# rotated order; the medians make the ratios. The peer caches its answer 200 ms as ours does;
# a second set measures both with a query on every request (ours restarted with
# KSTT_HEALTH_TTL_MS=0; BENCH_PHP_NOCACHE=0 skips that set). The peer prepares its statement on
# the server, as ours does; a third set, a query on every request with PDO's default
# client-side prepares (one round trip instead of three), shows what that choice is worth
# (BENCH_PHP_EMULATED=0 skips it).
. bench/php-peer/peer.sh

# The server side's processes for one target, one group per line: nginx's workers; then the
# api's workers or PHP's pool; then MariaDB (the static file has only the first).
php_pids() { # s|o|p
  ps --ppid "$(cat "$KSTT_VAR/nginx.pid")" -o pid= | tr '\n' ' '; echo
  case $1 in
    o) ps --ppid "$(cat "$KSTT_VAR/api.pid")" -o pid= | tr '\n' ' '; echo; cat "$KSTT_VAR/mysql.pid" ;;
    p) ps --ppid "$(cat "$KSTT_VAR/php-peer/php-fpm.pid")" -o pid= | tr '\n' ' '; echo; cat "$KSTT_VAR/mysql.pid" ;;
  esac
}
# CPU time (ms, user + system) those processes have used so far.
php_cpu_ms() {
  local t=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo $((t * 1000 / $(getconf CLK_TCK)))
}
# One wrk run: "req/s cpu-µs-per-request nginx app db", the server's CPU per request in all and
# split by process group (app and db 0 for the static file). The CPU each request costs the
# server does not depend on what else the machine runs; requests per second on a shared
# machine do.
php_run() { # s|o|p url
  local groups=() c0=() g res n per=() total=0 x
  mapfile -t groups < <(php_pids "$1")
  for g in "${groups[@]}"; do c0+=("$(php_cpu_ms $g)"); done
  res=$(wrk -t"$THREADS" -c"$CONN" -d"$DUR" "$2")
  n=$(echo "$res" | awk '/requests in/ {print $1}')
  [ "${n:-0}" -gt 0 ] || n=1
  for g in "${!groups[@]}"; do
    x=$(( ($(php_cpu_ms ${groups[$g]}) - c0[g]) * 1000 / n ))
    per+=("$x"); total=$((total + x))
  done
  echo "$(echo "$res" | awk '/^Requests\/sec/ {print $2}') $total ${per[0]:-0} ${per[1]:-0} ${per[2]:-0}"
}
php_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

php_bench_set() { # cache_ms [emulate]
  local cache=$1 emulate=${2:-0} rounds=${BENCH_PHP_ROUNDS:-3} ours php s o p i names label
  label=health_vs_php_cache$cache
  [ "$emulate" = 1 ] && label=${label}_emulated
  # Ours does what the peer does: the same cache time, or a query on every request.
  ours_health_ttl "$cache"
  php_peer_start "$cache" "$emulate" || { echo "php-peer: php-fpm did not start (see $KSTT_VAR/logs/php-fpm.log)" | tee -a "$out"; return 1; }
  ours=$(curl -sf "$B/api/v1/health"); php=$(curl -sf "$B/php-peer/api/v1/health")
  if [ "$ours" != "$php" ]; then
    echo "php-peer: answers differ: ours $ours, php ${php:-<none>}" | tee -a "$out"; php_peer_stop; return 1
  fi
  printf '%s' "$ours" >web/dist/bench/health.json
  wrk -t1 -c4 -d2s "$B/php-peer/api/v1/health" >/dev/null # warm up (opcache, connections)
  local S=() O=() P=() SC=() OC=() PC=() r on oa od pn pa pd
  for i in $(seq 1 "$rounds"); do
    case $(( (i - 1) % 3 )) in 0) names="s o p" ;; 1) names="o p s" ;; 2) names="p s o" ;; esac
    for n in $names; do
      case $n in
        s) read -r s r _ < <(php_run s "$B/bench/health.json"); S+=("$s"); SC+=("$r") ;;
        o) read -r o r on oa od < <(php_run o "$B/api/v1/health"); O+=("$o"); OC+=("$r") ;;
        p) read -r p r pn pa pd < <(php_run p "$B/php-peer/api/v1/health"); P+=("$p"); PC+=("$r") ;;
      esac
    done
    printf '  round %s (%s): static %s  ours %s  php %s req/s; server CPU per request: static %s  ours %s (nginx %s, api %s, MariaDB %s)  php %s (nginx %s, php %s, MariaDB %s) µs\n' \
      "$i" "$names" "${S[-1]}" "${O[-1]}" "${P[-1]}" "${SC[-1]}" "${OC[-1]}" "$on" "$oa" "$od" \
      "${PC[-1]}" "$pn" "$pa" "$pd" | tee -a "$out"
  done
  s=$(php_median "${S[@]}"); o=$(php_median "${O[@]}"); p=$(php_median "${P[@]}")
  printf '%-22s static %10s  ours %10s (%.2f of static)  php %10s (%.2f of static)  ours/php share %.2f\n' \
    "$label" "$s" "$o" "$(echo "$o / $s" | bc -l)" "$p" "$(echo "$p / $s" | bc -l)" \
    "$(echo "$o / $p" | bc -l)" | tee -a "$out"
  s=$(php_median "${SC[@]}"); o=$(php_median "${OC[@]}"); p=$(php_median "${PC[@]}")
  printf '%-22s server CPU per request (nginx + app + MariaDB): static %s µs  ours %s µs  php %s µs  php/ours %.2f\n' \
    "$label" "$s" "$o" "$p" "$(echo "$p / ($o + 0.0001)" | bc -l)" | tee -a "$out"
  php_peer_stop
}

ours_health_ttl() { # ms
  sed -i '/^KSTT_HEALTH_TTL_MS=/d' "$KSTT_VAR/extra.env" 2>/dev/null || true
  echo "KSTT_HEALTH_TTL_MS=$1" >>"$KSTT_VAR/extra.env"
  bash scripts/stack.sh restart-api test >/dev/null
  for _ in $(seq 1 50); do curl -sf "$B/api/v1/health" >/dev/null && break; sleep 0.1; done
}

php_bench() {
  php_peer_install || { echo "php-peer: php-fpm / php-mysql could not be installed" | tee -a "$out"; return 0; }
  echo "# php-peer: $("$(php_peer_fpm)" -v | head -1 | cut -d' ' -f1-2), pm static $(( ${KSTT_WORKERS:-$(nproc)} * ${KSTT_THREADS:-8} )) processes, PDO persistent" | tee -a "$out"
  php_bench_set 200
  [ "${BENCH_PHP_NOCACHE:-1}" = 0 ] || php_bench_set 0
  [ "${BENCH_PHP_NOCACHE:-1}" = 0 ] || [ "${BENCH_PHP_EMULATED:-1}" = 0 ] || php_bench_set 0 1
  ours_health_ttl 200
}
php_bench
