#!/usr/bin/env bash
# A real cluster on loopback: three MariaDB nodes with Debian's galera-4 (each its own datadir,
# SST by rsync, IST after a crash), two kstt-api hosts (separate process groups and sockets, each
# on a different node, one shared upload directory and key directory), one nginx upstream over
# both. Migrations run once and the demo is loaded through node 1. Used by tests/cluster and
# `make test-cluster`; docker-compose.yml's `cluster` profile uses the same wsrep settings.
# usage: cluster.sh start|stop|status|env|kill-db N|start-db N|kill-api N|start-api N|synced|
#        backup N DIR (mariadb-backup of running node N, prepared)|restore DIR (a fresh server on it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VAR=${KSTT_CLUSTER_VAR:-$ROOT/var/cluster}
PORT=${KSTT_CLUSTER_PORT:-18780}
# node n listens for SQL on BASE+n, for the group on BASE+10+n, IST on BASE+20+n, SST on BASE+30+n
BASE=${KSTT_CLUSTER_DB_BASE:-13400}
DB_NAME=${KSTT_CLUSTER_DB_NAME:-kstt_cluster}
LOGS=$VAR/logs
PROVIDER=${KSTT_GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
cmd=${1:-status}
n=${2:-}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }
mariadbd_bin() { command -v mariadbd || echo /usr/sbin/mariadbd; }
sock() { echo "$VAR/db$1/mysql.sock"; }
# The node that api host h uses: host 1 on node 1, host 2 on node 2.
api_node() { echo "$1"; }
gcomm() { echo "gcomm://127.0.0.1:$((BASE + 11)),127.0.0.1:$((BASE + 12)),127.0.0.1:$((BASE + 13))"; }
stack() {
  KSTT_VAR=$VAR KSTT_TEST_PORT=$PORT KSTT_TEST_DB_NAME=$DB_NAME KSTT_STACK_DB_SOCK=$(sock 1) \
    bash scripts/stack.sh "$@" test
}

# The settings every node shares (the same as docker-compose.yml's cluster profile). A Galera
# node counts as binary logging: without log_bin_trust_function_creators the api's account
# (no SUPER) could not create migration 042's triggers.
wsrep_args() {
  local i=$1
  echo --wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name=kstt \
    --wsrep-cluster-address="$(gcomm)" --wsrep-node-name="node$i" \
    --wsrep-node-address="127.0.0.1:$((BASE + 10 + i))" \
    "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:$((BASE + 10 + i));ist.recv_addr=127.0.0.1:$((BASE + 20 + i));gcache.size=256M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$((BASE + 30 + i))" \
    --wsrep-slave-threads=2 --binlog-format=ROW --innodb-autoinc-lock-mode=2 \
    --log-bin-trust-function-creators=1
}

node_args() {
  local i=$1 d=$VAR/db$1
  echo --no-defaults --datadir="$d/data" --socket="$d/mysql.sock" --port="$((BASE + i))" \
    --bind-address=127.0.0.1 --pid-file="$d/mysql.pid" --log-error="$LOGS/db$i.log" --user=root \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-name-resolve \
    --innodb-buffer-pool-size=128M --innodb-log-file-size=64M --max-connections=300 \
    --default-time-zone=+07:00
}

# After kill -9 grastate.dat says seqno -1: InnoDB knows the last committed position, and starting
# from it lets the node catch up by IST from a peer's gcache instead of a full SST.
recovered_position() {
  local i=$1 d=$VAR/db$1
  grep -q '^seqno: *-1' "$d/data/grastate.dat" 2>/dev/null || return 0
  # shellcheck disable=SC2046
  "$(mariadbd_bin)" $(node_args "$i") $(wsrep_args "$i") --wsrep-recover --log-error="$LOGS/recover$i.log" >/dev/null 2>&1 || true
  sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' "$LOGS/recover$i.log" | tail -1
}

# The node's own state as the cluster sees it: Synced when it is a full member.
state() { mariadb --socket="$(sock "$1")" -N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2; }

wait_synced() {
  local i=$1
  for _ in $(seq 1 600); do
    [ "$(state "$i")" = Synced ] && return 0
    [ -f "$VAR/db$i/mysql.pid" ] && ! alive "$VAR/db$i/mysql.pid" && break
    sleep 0.2
  done
  echo "node $i did not reach Synced; see $LOGS/db$i.log"; tail -20 "$LOGS/db$i.log"; exit 1
}

start_node() {
  local i=$1 first=${2:-} d=$VAR/db$1
  mkdir -p "$d" "$LOGS"
  alive "$d/mysql.pid" && return 0
  if [ -n "$first" ] && [ ! -d "$d/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$d/data" --user=root --auth-root-authentication-method=socket \
      --skip-test-db >"$LOGS/install$i.log" 2>&1
  fi
  # A joiner's rsync daemon runs as "nobody" when started by root (wsrep_sst_rsync sets no uid):
  # it must own the datadir it fills, so a joiner starts from an empty one owned by nobody, and
  # the server creates its directories open (UMASK_DIR) so that a later SST can write them too.
  if [ -z "$first" ] && [ ! -d "$d/data" ]; then mkdir -p "$d/data" && chown nobody:nogroup "$d/data"; fi
  rm -f "$d/mysql.pid" # left behind by kill -9: wait_synced must watch the new server's
  local extra=()
  [ -n "$first" ] && extra+=(--wsrep-new-cluster)
  local pos; pos=$(recovered_position "$i")
  [ -n "$pos" ] && extra+=("--wsrep-start-position=$pos")
  # shellcheck disable=SC2046
  UMASK_DIR=0777 "$(mariadbd_bin)" $(node_args "$i") $(wsrep_args "$i") "${extra[@]}" >/dev/null 2>&1 &
  wait_synced "$i"
  # A node back after a crash once served inserts into task_updates with "Unknown trigger has an
  # error in its body: 'Query was empty'" (1064) from some of its cached table instances, about
  # three seconds after IST, until they left the cache; the .TRG files were intact (decision
  # 220). Opened while the node was still joining, presumably: once Synced, the node's table cache
  # is emptied (LOCAL: not replicated), so every instance is opened again with its triggers.
  [ -n "$first" ] || mariadb --socket="$(sock "$i")" -e "FLUSH LOCAL TABLES" || true
}

api_env_for() {
  local h=$1
  eval "$(stack env | sed 's/^/export /')"
  export KSTT_API_LISTEN=$VAR/api$h.sock KSTT_DB_SOCKET=$(sock "$(api_node "$h")")
  # reads wait for the writes the cluster committed before them (read your writes across hosts)
  export KSTT_KEY_DIR=$VAR/keys KSTT_UPLOAD_DIR=$VAR/uploads KSTT_DB_SYNC_WAIT=1
}

start_api() {
  local h=$1
  alive "$VAR/api$h.pid" && return 0
  rm -f "$VAR/api$h.sock" # a host killed with -9 leaves its socket behind
  (
    api_env_for "$h"
    mkdir -p "$KSTT_KEY_DIR" "$KSTT_UPLOAD_DIR"
    # its own session, so that kill-api ends the supervisor, its workers and its scheduler at once
    setsid ./build/kstt-api serve >>"$LOGS/api$h.log" 2>&1 &
    echo $! >"$VAR/api$h.pid"
  )
  for _ in $(seq 1 50); do [ -S "$VAR/api$h.sock" ] && break; sleep 0.1; done
  [ -S "$VAR/api$h.sock" ] || { echo "api host $h did not start; see $LOGS/api$h.log"; exit 1; }
}

start_nginx() {
  stack render-nginx
  local conf=$VAR/nginx/conf/kstt.conf
  # one upstream over both hosts; the answer names the host that made it (tests count both)
  sed -i -e "s#server unix:$VAR/api.sock;#server unix:$VAR/api1.sock max_fails=1 fail_timeout=2s; server unix:$VAR/api2.sock max_fails=1 fail_timeout=2s;#" "$conf"
  grep -q "api2.sock" "$conf" || { echo "nginx upstream not rendered"; exit 1; }
  echo "add_header X-KSTT-Upstream \$upstream_addr always;" >>"$VAR/nginx/conf/security-headers.conf"
  if alive "$VAR/nginx.pid"; then nginx -c "$conf" -s reload; return 0; fi
  nginx -c "$conf"
}

stop_pid() {
  local f=$1 group=${2:-}
  if alive "$f"; then
    local p; p=$(cat "$f")
    if [ -n "$group" ]; then kill -- "-$p" 2>/dev/null || true; else kill "$p" 2>/dev/null || true; fi
    for _ in $(seq 1 150); do alive "$f" || break; sleep 0.1; done
    alive "$f" && { kill -9 -- "-$p" 2>/dev/null || kill -9 "$p" 2>/dev/null || true; }
  fi
  rm -f "$f"
}

# A hot physical backup of a running node (no lock on the cluster beyond a moment's
# BACKUP STAGE), with the node's wsrep position (--galera-info), made ready to start (--prepare).
backup_node() {
  local i=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$LOGS"
  mariadb-backup --backup --galera-info --user=root --socket="$(sock "$i")" --target-dir="$dir" \
    >"$LOGS/backup.log" 2>&1 || { echo "backup failed; see $LOGS/backup.log"; tail -5 "$LOGS/backup.log"; exit 1; }
  mariadb-backup --prepare --target-dir="$dir" >>"$LOGS/backup.log" 2>&1 ||
    { echo "prepare failed; see $LOGS/backup.log"; tail -5 "$LOGS/backup.log"; exit 1; }
  cut -d' ' -f1 "$dir/xtrabackup_galera_info" 2>/dev/null || true
}

# The backup restored into a fresh server of its own (port BASE+4, socket $VAR/restored/mysql.sock).
restore_node() {
  local dir=$1 d=$VAR/restored
  stop_pid "$d/mysql.pid"
  rm -rf "$d"; mkdir -p "$d"
  mariadb-backup --copy-back --target-dir="$dir" --datadir="$d/data" >>"$LOGS/backup.log" 2>&1 ||
    { echo "copy-back failed; see $LOGS/backup.log"; exit 1; }
  "$(mariadbd_bin)" --no-defaults --datadir="$d/data" --socket="$d/mysql.sock" --port="$((BASE + 4))" \
    --bind-address=127.0.0.1 --pid-file="$d/mysql.pid" --log-error="$LOGS/restored.log" --user=root \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-name-resolve \
    --innodb-buffer-pool-size=128M --default-time-zone=+07:00 >/dev/null 2>&1 &
  for _ in $(seq 1 150); do mariadb-admin --socket="$d/mysql.sock" ping >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "the restored server did not start; see $LOGS/restored.log"; exit 1
}

case "$cmd" in
  start)
    [ -x build/kstt-api ] && [ -f web/dist/index.html ] || { echo "run make build first"; exit 1; }
    [ -f "$PROVIDER" ] || { echo "galera-4 missing ($PROVIDER): make deps installs it"; exit 1; }
    for i in 1 2 3; do alive "$VAR/db$i/mysql.pid" || { rm -rf "$VAR/db$i"; }; done
    start_node 1 new
    start_node 2
    start_node 3
    stack setup-db
    start_api 1
    start_api 2
    start_nginx
    echo "KSTT cluster at http://127.0.0.1:$PORT (nodes $((BASE + 1))-$((BASE + 3)), hosts api1 on node 1, api2 on node 2)"
    ;;
  stop)
    [ -f "$VAR/nginx.pid" ] && nginx -c "$VAR/nginx/conf/kstt.conf" -s quit 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$VAR/nginx.pid" || break; sleep 0.1; done
    for h in 1 2; do stop_pid "$VAR/api$h.pid" group; done
    for i in 3 2 1; do stop_pid "$VAR/db$i/mysql.pid"; done
    stop_pid "$VAR/restored/mysql.pid"
    echo "stopped (cluster)"
    ;;
  status)
    for i in 1 2 3; do echo "node $i: $(state "$i" || true)"; done
    for h in 1 2; do alive "$VAR/api$h.pid" && echo "api$h: running" || echo "api$h: stopped"; done ;;
  env)
    api_env_for 1; env | grep '^KSTT_' | grep -v '^KSTT_API_LISTEN\|^KSTT_DB_SOCKET'
    echo "KSTT_BASE_URL=http://127.0.0.1:$PORT"
    for i in 1 2 3; do echo "KSTT_CLUSTER_SOCK$i=$(sock "$i")"; done
    echo "KSTT_CLUSTER_RESTORED_SOCK=$VAR/restored/mysql.sock"
    echo "KSTT_CLUSTER_VAR=$VAR" ;;
  kill-db)
    kill -9 "$(cat "$VAR/db$n/mysql.pid")"; for _ in $(seq 1 50); do alive "$VAR/db$n/mysql.pid" || break; sleep 0.1; done
    rm -f "$VAR/db$n/mysql.pid" ;;
  start-db)
    start_node "$n" ;;
  kill-api)
    kill -9 -- "-$(cat "$VAR/api$n.pid")"; rm -f "$VAR/api$n.pid" ;;
  start-api)
    start_api "$n" ;;
  synced)
    for i in 1 2 3; do wait_synced "$i"; done ;;
  backup)
    backup_node "$n" "$3" ;;
  restore)
    restore_node "$n" ;;
  *) echo "usage: $0 start|stop|status|env|kill-db N|start-db N|kill-api N|start-api N|synced|backup N DIR|restore DIR"; exit 2 ;;
esac
