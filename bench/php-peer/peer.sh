# Sourced by bench/bench_php.sh: the PHP-FPM + PDO peer of our health check (issue 21) beside a
# running stack ($KSTT_VAR): Debian's php-fpm and php-mysql (installed here when missing, never
# by make run), one static pool with as many PHP processes as our api has handler threads
# (workers x threads), and a location in the stack's own nginx with the api's FastCGI settings.
PHP_PEER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

php_peer_install() {
  if [ -n "$(php_peer_fpm)" ] && php -m 2>/dev/null | grep -qx pdo_mysql && php -m 2>/dev/null | grep -qx apcu; then
    return 0
  fi
  apt-get install -y -qq php-fpm php-mysql php-apcu >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq php-fpm php-mysql php-apcu >/dev/null; }
}

php_peer_fpm() { ls /usr/sbin/php-fpm* 2>/dev/null | sort -V | tail -1; }

# php_peer_start CACHE_MS [EMULATE]: the pool (its answer cached CACHE_MS, 0: a query per
# request; EMULATE 1: PDO's client-side prepares, its default, instead of server-side ones).
php_peer_start() {
  local cache=${1:-200} emulate=${2:-0} conf=$KSTT_VAR/php-peer workers threads
  workers=${KSTT_WORKERS:-$(nproc)} threads=${KSTT_THREADS:-8}
  php_peer_stop
  mkdir -p "$conf" "$KSTT_VAR/logs"
  eval "$(bash scripts/stack.sh env test | grep -E '^KSTT_DB_(SOCKET|NAME|USER|PASSWORD)=' | sed 's/^/local /')"
  cat >"$conf/php-fpm.conf" <<CONF
[global]
pid = $conf/php-fpm.pid
error_log = $KSTT_VAR/logs/php-fpm.log
daemonize = yes

[kstt_peer]
listen = $conf/php-fpm.sock
listen.mode = 0666
; static: every process started before the clock, like our prefork workers
pm = static
pm.max_children = $((workers * threads))
pm.max_requests = 0
clear_env = yes
env[KSTT_DB_SOCKET] = $KSTT_DB_SOCKET
env[KSTT_DB_NAME] = $KSTT_DB_NAME
env[KSTT_DB_USER] = $KSTT_DB_USER
env[KSTT_DB_PASSWORD] = $KSTT_DB_PASSWORD
env[PHP_PEER_CACHE_MS] = $cache
env[PHP_PEER_EMULATE] = $emulate
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
php_admin_value[apc.enabled] = 1
CONF
  # -R: the stack runs as root here, as its nginx does.
  "$(php_peer_fpm)" -R -y "$conf/php-fpm.conf" || return 1
  for _ in $(seq 1 50); do [ -S "$conf/php-fpm.sock" ] && break; sleep 0.1; done
  php_peer_nginx "$conf"
}

# The location /php-peer/api/v1/health in the stack's nginx: the api's own FastCGI settings
# (api-location.conf), only the upstream differs. Its kept connections are PHP-FPM's own best
# number, not ours: a PHP-FPM child serves one connection at a time until nginx closes it, so
# nginx's idle kept connections (per nginx worker) must stay well below the pool or they hold
# every child while new connections wait. PHP_PEER_KEEPALIVE (default 4, the best of 2, 4 and 6
# measured on the 2-core machine) changes it.
php_peer_nginx() {
  local conf=$1 nconf=$KSTT_VAR/nginx/conf keep=${PHP_PEER_KEEPALIVE:-4}
  sed -e 's#fastcgi_pass kstt_api;#fastcgi_pass php_peer;#' "$nconf/api-location.conf" >"$nconf/php-peer-location.conf"
  cat >>"$nconf/php-peer-location.conf" <<CONF
fastcgi_param SCRIPT_FILENAME $PHP_PEER_DIR/health.php;
CONF
  grep -q 'upstream php_peer' "$nconf/kstt.conf" || sed -i \
    -e "s#^\(\s*\)upstream kstt_api {#\1upstream php_peer {\n\1    server unix:$conf/php-fpm.sock;\n\1    keepalive $keep;\n\1}\n\n&#" \
    -e "s#^\(\s*\)location /api/ {#\1location = /php-peer/api/v1/health {\n\1    include $nconf/php-peer-location.conf;\n\1}\n\n&#" \
    "$nconf/kstt.conf"
  nginx -t -q -c "$nconf/kstt.conf" && nginx -c "$nconf/kstt.conf" -s reload 2>/dev/null
  sleep 0.5
}

php_peer_stop() {
  local pidf=$KSTT_VAR/php-peer/php-fpm.pid
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    kill "$(cat "$pidf")"
    for _ in $(seq 1 50); do kill -0 "$(cat "$pidf" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidf"
}
