# Sourced by bench/run.sh (stack up, $B, $out, $DUR, $CONN, $THREADS set): GET /api/v1/health
# against the static ceiling and against a PHP-FPM + PDO peer doing the same (bench/php-peer),
# served by the same nginx, in the same run (issue 21: ours >= 0.3 of static and >= 2.5 x the
# share PHP gets). BENCH_PHP_ROUNDS rounds (default 3), each runs static, ours and PHP in a
# rotated order; the medians make the ratios. The peer caches its answer 200 ms as ours does;
# a second set measures it with a query on every request (BENCH_PHP_NOCACHE=0 skips that).
. bench/php-peer/peer.sh

php_rps() { wrk -t"$THREADS" -c"$CONN" -d"$DUR" --latency "$1" | awk '/^Requests\/sec/ {print $2}'; }
php_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

php_bench_set() { # cache_ms
  local cache=$1 rounds=${BENCH_PHP_ROUNDS:-3} ours php s o p i names
  php_peer_start "$cache" || { echo "php-peer: php-fpm did not start (see $KSTT_VAR/logs/php-fpm.log)" | tee -a "$out"; return 1; }
  ours=$(curl -sf "$B/api/v1/health"); php=$(curl -sf "$B/php-peer/api/v1/health")
  if [ "$ours" != "$php" ]; then
    echo "php-peer: answers differ: ours $ours, php ${php:-<none>}" | tee -a "$out"; php_peer_stop; return 1
  fi
  printf '%s' "$ours" >web/dist/bench/health.json
  wrk -t1 -c4 -d2s "$B/php-peer/api/v1/health" >/dev/null # warm up (opcache, connections)
  local S=() O=() P=()
  for i in $(seq 1 "$rounds"); do
    case $(( (i - 1) % 3 )) in 0) names="s o p" ;; 1) names="o p s" ;; 2) names="p s o" ;; esac
    for n in $names; do
      case $n in
        s) s=$(php_rps "$B/bench/health.json"); S+=("$s") ;;
        o) o=$(php_rps "$B/api/v1/health"); O+=("$o") ;;
        p) p=$(php_rps "$B/php-peer/api/v1/health"); P+=("$p") ;;
      esac
    done
    printf '  round %s (%s): static %s  ours %s  php %s req/s\n' "$i" "$names" "${S[-1]}" "${O[-1]}" "${P[-1]}" | tee -a "$out"
  done
  s=$(php_median "${S[@]}"); o=$(php_median "${O[@]}"); p=$(php_median "${P[@]}")
  printf '%-22s static %10s  ours %10s (%.2f of static)  php %10s (%.2f of static)  ours/php share %.2f\n' \
    "health_vs_php_cache$cache" "$s" "$o" "$(echo "$o / $s" | bc -l)" "$p" "$(echo "$p / $s" | bc -l)" \
    "$(echo "$o / $p" | bc -l)" | tee -a "$out"
  php_peer_stop
}

php_bench() {
  php_peer_install || { echo "php-peer: php-fpm / php-mysql could not be installed" | tee -a "$out"; return 0; }
  echo "# php-peer: $("$(php_peer_fpm)" -v | head -1 | cut -d' ' -f1-2), pm static $(( ${KSTT_WORKERS:-$(nproc)} * ${KSTT_THREADS:-8} )) processes, PDO persistent" | tee -a "$out"
  php_bench_set 200
  [ "${BENCH_PHP_NOCACHE:-1}" = 0 ] || php_bench_set 0
}
php_bench
