#!/usr/bin/env bash
# Restores a backup made by backup.sh into a database (default: the profile's own).
# usage: restore.sh <backup-dir> [run|test] [database]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
profile=${2:-run}
eval "$(bash scripts/stack.sh env "$profile" | sed 's/^/export /')"
target=${3:-$KSTT_DB_NAME}
mariadb --socket="$KSTT_DB_SOCKET" -e "CREATE DATABASE IF NOT EXISTS \`$target\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
gunzip -c "$dir/db.sql.gz" | mariadb --socket="$KSTT_DB_SOCKET" "$target"
if [ -f "$dir/uploads.tar.gz" ] && [ "$target" = "$KSTT_DB_NAME" ]; then
  mkdir -p "$KSTT_UPLOAD_DIR" && tar -C "$KSTT_UPLOAD_DIR" -xzf "$dir/uploads.tar.gz"
fi
echo "restored $dir into $target"
