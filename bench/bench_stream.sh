# Sourced by bench/run.sh (stack up; B, DUR, CONN, THREADS, out and compare() defined).
# A large uncached JSON answer (decision 217: serialized into 64 KB FastCGI records as it goes,
# no Content-Length): the audit list's page of 100 over 120 rows of 1.2 KB (about 216 KB),
# p95 at 4 connections, the median first byte of 21 requests, and the ratio against the same
# bytes as a static file. KSTT_API_BIN=<another build> bash bench/run.sh compares builds.
st_env=()
mapfile -t st_env < <(bash scripts/stack.sh env test)
st_sql() {
  mariadb --socket="$(printf '%s\n' "${st_env[@]}" | sed -n 's/^KSTT_DB_SOCKET=//p')" -N -B \
    "$(printf '%s\n' "${st_env[@]}" | sed -n 's/^KSTT_DB_NAME=//p')" -e "$1"
}
st_sql "DELETE FROM audit_log WHERE entity = 'bench_stream'; INSERT INTO audit_log (at, action, \
  entity, entity_id, after_json) SELECT '2020-01-02' + INTERVAL s.seq SECOND, 'stream.check', \
  'bench_stream', CONCAT('e', s.seq), JSON_OBJECT('n', s.seq, 'text', REPEAT('Đường ống ', 120)) \
  FROM seq_1_to_120 s"
ST=$(bench_token admin)
st_path="/api/v1/audit?entity=bench_stream&per_page=100"
wrk -t1 -c4 -d2s -H "Authorization: Bearer $ST" "$B$st_path" >/dev/null
st_p=$(wrk -t2 -c4 -d"$DUR" -s bench/p95.lua -H "Authorization: Bearer $ST" "$B$st_path")
st_first=$(for _ in $(seq 1 21); do
  curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Authorization: Bearer $ST" "$B$st_path"
done | sort -n | sed -n 11p)
st_len=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $ST" "$B$st_path" | grep -ci '^content-length' || true)
printf '%-22s 4 connections: %s req/s, p95 %s ms; median first byte %.1f ms; Content-Length headers: %s\n' \
  stream_audit_100 "$(echo "$st_p" | rps)" "$(echo "$st_p" | awk '/^p95_ms/ {print $2}')" \
  "$(echo "$st_first * 1000" | bc -l)" "$st_len" | tee -a "$out"
compare stream_audit_100 "$st_path" "$ST"
st_sql "DELETE FROM audit_log WHERE entity = 'bench_stream'"
