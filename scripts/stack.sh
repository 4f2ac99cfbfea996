#!/usr/bin/env bash
# Private dev/test stack on loopback: MariaDB (own datadir, socket, port), kstt-api, nginx.
# usage: stack.sh start|stop|status|logs|env [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
cmd=${1:-status}
profile=${2:-run}

if [ "$profile" = test ]; then
  VAR=${KSTT_VAR:-$ROOT/var/test}
  PORT=${KSTT_TEST_PORT:-18080}
  DB_PORT=${KSTT_TEST_DB_PORT:-13307}
  DB_NAME=${KSTT_TEST_DB_NAME:-kstt_test}
  DEMO=1
  PUBLIC_RATE=${KSTT_PUBLIC_RATE:-20r/s}
  PUBLIC_BURST=${KSTT_PUBLIC_BURST:-40}
  # Every suite signs in from 127.0.0.1 at once; tests/api/abuse_login.test.mjs trips the limit
  # from an address of its own.
  LOGIN_RATE=${KSTT_LOGIN_RATE:-20r/s}
  LOGIN_BURST=${KSTT_LOGIN_BURST:-100}
  # The access matrix and the SSO suites call the provider routes from 127.0.0.1 at once.
  SSO_RATE=${KSTT_SSO_RATE:-200r/s}
  SSO_BURST=${KSTT_SSO_BURST:-1000}
else
  VAR=${KSTT_VAR:-$ROOT/var/dev}
  PORT=${KSTT_PORT:-8080}
  DB_PORT=${KSTT_DB_PORT:-3307}
  DB_NAME=${KSTT_DB_NAME:-kstt}
  DEMO=${KSTT_DEMO:-1}
  PUBLIC_RATE=${KSTT_PUBLIC_RATE:-10r/s}
  PUBLIC_BURST=${KSTT_PUBLIC_BURST:-20}
  LOGIN_RATE=${KSTT_LOGIN_RATE:-1r/s}
  LOGIN_BURST=${KSTT_LOGIN_BURST:-60}
  # A sign-in through the provider is two requests here (start, callback) per person.
  SSO_RATE=${KSTT_SSO_RATE:-2r/s}
  SSO_BURST=${KSTT_SSO_BURST:-120}
fi
DB_SOCK=${KSTT_STACK_DB_SOCK:-$VAR/mysql.sock}
API_SOCK=$VAR/api.sock
LOGS=$VAR/logs

mariadbd_bin() { command -v mariadbd || echo /usr/sbin/mariadbd; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }

api_env() {
  export KSTT_API_LISTEN=$API_SOCK KSTT_DB_SOCKET=$DB_SOCK KSTT_DB_NAME=$DB_NAME KSTT_DB_USER=kstt
  export KSTT_DB_PASSWORD="$(cat "$VAR/db_password")" KSTT_KEY_DIR=$VAR/keys KSTT_DEMO=$DEMO
  export KSTT_MIGRATIONS=$ROOT/db/migrations KSTT_DEMO_DIR=$ROOT/db/demo
  export KSTT_UPLOAD_DIR=${KSTT_UPLOAD_DIR:-$VAR/uploads}
  # scripts/backup.sh touches it after a backup; the administrator's landing page shows its time.
  export KSTT_BACKUP_STAMP=${KSTT_BACKUP_STAMP:-$VAR/last-backup}
  if [ "$profile" = test ]; then
    export KSTT_ARGON2_M_KIB=${KSTT_ARGON2_M_KIB:-8192} KSTT_ARGON2_T=${KSTT_ARGON2_T:-1}
    # The suites write straight into the database and read the answer back at once: sessions
    # are read on every request here; scripts/test-sessions.sh runs a stack with the default.
    export KSTT_SESSION_CACHE_MS=${KSTT_SESSION_CACHE_MS:-0}
    # Every test comes from 127.0.0.1; the per-address delay spares usernames already signed in
    # from there. The throttling tests use other loopback source addresses and this limit.
    export KSTT_LOGIN_MAX_FAILURES_ADDR=${KSTT_LOGIN_MAX_FAILURES_ADDR:-25}
    # Mail on, to a closed port: mails stay in mail_outbox, where the tests read them (the
    # one-time codes that confirm a sender's address, tests/api/abuse_feedback.test.mjs).
    export KSTT_SMTP_URL=${KSTT_SMTP_URL:-smtp://127.0.0.1:9} KSTT_SMTP_TLS=${KSTT_SMTP_TLS:-0}
    # A bare address: `stack.sh env` output is eval'ed by scripts/backup.sh.
    export KSTT_SMTP_FROM=${KSTT_SMTP_FROM:-noreply@kstt.test}
  fi
  # make run: the demo's own OpenID provider (started below), unless one is configured.
  if [ "$profile" = run ] && [ -z "${KSTT_OIDC_PROVIDERS:-}${KSTT_OIDC_ISSUER:-}" ] && [ -f "$VAR/oidc/oidc-providers.json" ]; then
    export KSTT_OIDC_PROVIDERS=$VAR/oidc/oidc-providers.json KSTT_OIDC_BASE_URL=http://127.0.0.1:$PORT
  fi
  [ -f "$VAR/extra.env" ] && set -a && . "$VAR/extra.env" && set +a
  return 0
}

# make run shows a working SSO button: two local OpenID providers (tests/lib/oidc-op.mjs, npm
# oidc-provider) on KSTT_OIDC_PORT (8090) and the next port, unless KSTT_OIDC_DEMO=0 or a real
# provider is configured.
start_demo_oidc() {
  [ "$profile" = run ] && [ "${KSTT_OIDC_DEMO:-1}" = 1 ] || return 0
  [ -z "${KSTT_OIDC_PROVIDERS:-}${KSTT_OIDC_ISSUER:-}" ] || return 0
  [ -d tests/node_modules/oidc-provider ] || return 0
  alive "$VAR/oidc/oidc-tinh.pid" && return 0
  . scripts/oidc-ops.sh
  KSTT_OIDC_PORT=${KSTT_OIDC_PORT:-8090} oidc_ops_start "$VAR/oidc" "http://127.0.0.1:$PORT"
  unset KSTT_OIDC_PROVIDERS KSTT_OIDC_BASE_URL # api_env sets them from the file
}

start_db() {
  mkdir -p "$VAR" "$LOGS"
  if alive "$VAR/mysql.pid" && mariadb-admin --socket="$DB_SOCK" ping >/dev/null 2>&1; then return 0; fi
  if [ ! -d "$VAR/mysql/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$VAR/mysql" --user=root --auth-root-authentication-method=socket \
      --skip-test-db >"$LOGS/mariadb-install.log" 2>&1
  fi
  "$(mariadbd_bin)" --no-defaults --datadir="$VAR/mysql" --socket="$DB_SOCK" --port="$DB_PORT" \
    --bind-address=127.0.0.1 --pid-file="$VAR/mysql.pid" --log-error="$LOGS/mariadb.log" --user=root \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-name-resolve \
    --innodb-buffer-pool-size=${KSTT_DB_BUFFER_POOL:-512M} --innodb-flush-log-at-trx-commit=1 \
    --innodb-log-file-size=256M --max-connections=500 --default-time-zone=+07:00 \
    --innodb-autoinc-lock-mode=2 >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --socket="$DB_SOCK" ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --socket="$DB_SOCK" ping >/dev/null 2>&1 || { echo "mariadb did not start; see $LOGS/mariadb.log"; exit 1; }
}

setup_db() {
  [ -f "$VAR/db_password" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$VAR/db_password")
  local pw; pw=$(cat "$VAR/db_password")
  if [ "$profile" = test ] && [ "${KSTT_KEEP_DB:-0}" != 1 ]; then
    mariadb --socket="$DB_SOCK" -e "DROP DATABASE IF EXISTS \`$DB_NAME\`"
  fi
  mariadb --socket="$DB_SOCK" <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'kstt'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'kstt'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO 'kstt'@'localhost';
SQL
  api_env
  ${KSTT_API_BIN:-./build/kstt-api} migrate >>"$LOGS/migrate.log" 2>&1 || { echo "migrations failed; see $LOGS/migrate.log"; tail -5 "$LOGS/migrate.log"; exit 1; }
  # The demo people look at (make run) is the province as it is now, after the 2025 reform, with
  # its 2023 tree and plan kept; the test suites are written for the 2023 tree (three levels),
  # and scripts/test-demo-reform.sh checks the reformed one (KSTT_DEMO_REFORM=1).
  local demo_args=()
  if [ "${KSTT_DEMO_REFORM:-$([ "$profile" = run ] && echo 1 || echo 0)}" = 1 ]; then demo_args=(--after-2025-reform); fi
  ${KSTT_API_BIN:-./build/kstt-api} load-demo "${demo_args[@]}" >>"$LOGS/migrate.log" 2>&1 || { echo "demo data failed; see $LOGS/migrate.log"; tail -5 "$LOGS/migrate.log"; exit 1; }
}

start_api() {
  if alive "$VAR/api.pid"; then return 0; fi
  api_env
  mkdir -p "$VAR/keys" "$KSTT_UPLOAD_DIR"
  nohup ${KSTT_API_BIN:-./build/kstt-api} serve >>"$LOGS/api.log" 2>&1 &
  echo $! >"$VAR/api.pid"
  for _ in $(seq 1 50); do [ -S "$API_SOCK" ] && break; sleep 0.1; done
  [ -S "$API_SOCK" ] || { echo "kstt-api did not start; see $LOGS/api.log"; tail -5 "$LOGS/api.log"; exit 1; }
}

render_nginx() {
  mkdir -p "$VAR/nginx/conf" "$VAR/nginx/body" "$VAR/nginx/fastcgi" "$VAR/nginx/proxy" "$VAR/nginx/uwsgi" "$VAR/nginx/scgi"
  local conf=$VAR/nginx/conf
  for f in kstt.conf.tmpl security-headers.conf api-location.conf; do
    sed -e "s#@VAR@#$VAR#g" -e "s#@PORT@#$PORT#g" -e "s#@WEB_ROOT@#$ROOT/web/dist#g" \
        -e "s#@API_SOCKET@#$API_SOCK#g" -e "s#@CONF_DIR@#$conf#g" -e "s#@PUBLIC_RATE@#$PUBLIC_RATE#g" \
        -e "s#@PUBLIC_BURST@#$PUBLIC_BURST#g" -e "s#@LOGIN_RATE@#$LOGIN_RATE#g" \
        -e "s#@LOGIN_BURST@#$LOGIN_BURST#g" -e "s#@SSO_RATE@#$SSO_RATE#g" \
        -e "s#@SSO_BURST@#$SSO_BURST#g" -e "s#@MIME_TYPES@#/etc/nginx/mime.types#g" \
        -e "s#@FASTCGI_PARAMS@#/etc/nginx/fastcgi_params#g" "nginx/$f" >"$conf/${f%.tmpl}"
  done
}

start_nginx() {
  render_nginx
  if alive "$VAR/nginx.pid"; then nginx -c "$VAR/nginx/conf/kstt.conf" -s reload; return 0; fi
  nginx -t -q -c "$VAR/nginx/conf/kstt.conf" 2>>"$LOGS/nginx-error.log" || { echo "nginx config invalid"; tail -5 "$LOGS/nginx-error.log"; exit 1; }
  nginx -c "$VAR/nginx/conf/kstt.conf"
}

stop_pid() {
  local f=$1 name=$2
  if alive "$f"; then
    kill "$(cat "$f" 2>/dev/null)" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$f" || break; sleep 0.1; done
    alive "$f" && kill -9 "$(cat "$f" 2>/dev/null)" 2>/dev/null || true
  fi
  rm -f "$f"
}

case "$cmd" in
  start)
    if [ "$profile" = run ] && alive "$VAR/api.pid" && alive "$VAR/nginx.pid"; then
      echo "KSTT is already running at http://127.0.0.1:$PORT (make stop to stop it)"; exit 0
    fi
    [ -x build/kstt-api ] || { echo "build/kstt-api missing: run make build"; exit 1; }
    [ -f web/dist/index.html ] || { echo "web/dist missing: run make build"; exit 1; }
    start_db; setup_db; start_demo_oidc; start_api; start_nginx
    echo "KSTT is running at http://127.0.0.1:$PORT"
    if [ "$profile" = run ] && [ "$DEMO" = 1 ]; then
      cat <<TXT
Demo accounts (password Kstt@2023; refused unless KSTT_DEMO=1):
  admin           quản trị hệ thống (tỉnh)
  vp.kstt         chuyên viên Phòng KSTT, Văn phòng UBND tỉnh (điều phối)
  lanhdao.tinh    lãnh đạo UBND tỉnh
  stp.daumoi      cán bộ đầu mối, Sở Tư pháp
  huyen1.lanhdao  lãnh đạo huyện thứ nhất;  huyen1.daumoi  cán bộ đầu mối huyện thứ nhất
  xa11.daumoi, xa12.daumoi  cán bộ đầu mối hai xã đầu của huyện 1;  xa21.daumoi  xã đầu của huyện 2
Logs: make logs    Stop: make stop
TXT
      grep -q 'after the 2025 reform' "$LOGS/migrate.log" 2>/dev/null && cat <<TXT
The demo is the province after the 2025 reform (two levels from 1 July 2025): the districts are
retired and their communes merged; the 2023 tree, plan and figures are kept as they were.
  huyen1.*, xa11.daumoi, xa12.daumoi now work at UBND phường Nam Định; xa21.daumoi and
  huyen2.tuphap at UBND phường Mỹ Lộc. KSTT_DEMO_REFORM=0 make run (on a new database) loads
  the 2023 province only.
TXT
      [ -f "$VAR/oidc/oidc-tinh.pid" ] && cat <<TXT
SSO demo ("Đăng nhập bằng tài khoản dùng chung của tỉnh"; a local OpenID provider on port ${KSTT_OIDC_PORT:-8090}):
  sso.chuyenvien (Sở Tư pháp, cán bộ), sso.lanhdao (Sở Nội vụ, lãnh đạo), password Sso@2026
TXT
    fi
    ;;
  stop)
    [ -f "$VAR/nginx.pid" ] && nginx -c "$VAR/nginx/conf/kstt.conf" -s quit 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$VAR/nginx.pid" || break; sleep 0.1; done
    stop_pid "$VAR/nginx.pid" nginx
    stop_pid "$VAR/api.pid" api
    stop_pid "$VAR/oidc/oidc-tinh.pid" oidc; stop_pid "$VAR/oidc/oidc-bo.pid" oidc
    if alive "$VAR/mysql.pid"; then
      kill "$(cat "$VAR/mysql.pid")"; for _ in $(seq 1 150); do alive "$VAR/mysql.pid" || break; sleep 0.2; done
    fi
    echo "stopped ($profile)"
    ;;
  status)
    for p in mysql api nginx; do alive "$VAR/$p.pid" && echo "$p: running" || echo "$p: stopped"; done ;;
  logs)
    mkdir -p "$LOGS"; touch "$LOGS/api.log"; exec tail -F "$LOGS"/api.log "$LOGS"/nginx-error.log "$LOGS"/mariadb.log ;;
  env)
    api_env; env | grep '^KSTT_' ;;
  restart-api)
    stop_pid "$VAR/api.pid" api; start_api ;;
  stop-db)
    alive "$VAR/mysql.pid" && kill "$(cat "$VAR/mysql.pid")"; for _ in $(seq 1 150); do alive "$VAR/mysql.pid" || break; sleep 0.2; done ;;
  start-db)
    start_db ;;
  # scripts/cluster.sh: the database on a running server (migrations, demo) and nginx's files.
  setup-db)
    setup_db ;;
  render-nginx)
    render_nginx ;;
  *) echo "usage: $0 start|stop|status|logs|env|restart-api|stop-db|start-db|setup-db|render-nginx [run|test]"; exit 2 ;;
esac
