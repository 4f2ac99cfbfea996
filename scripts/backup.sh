#!/usr/bin/env bash
# Consistent logical backup of the KSTT database (InnoDB snapshot, no table locks) plus the
# uploaded files and signing keys. usage: backup.sh [run|test] [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-run}
out=${2:-backups/$(date -u +%Y%m%dT%H%M%SZ)}
eval "$(bash scripts/stack.sh env "$profile" | sed 's/^/export /')"
mkdir -p "$out"
mariadb-dump --socket="$KSTT_DB_SOCKET" --single-transaction --routines --triggers \
  --default-character-set=utf8mb4 "$KSTT_DB_NAME" | gzip >"$out/db.sql.gz"
[ -d "$KSTT_UPLOAD_DIR" ] && tar -C "$KSTT_UPLOAD_DIR" -czf "$out/uploads.tar.gz" . || true
[ -d "$KSTT_KEY_DIR" ] && tar -C "$KSTT_KEY_DIR" -czf "$out/keys.tar.gz" . && chmod 600 "$out/keys.tar.gz" || true
# The time of the last good backup, for the administrator's landing page (GET /api/v1/workspace).
[ -n "${KSTT_BACKUP_STAMP:-}" ] && mkdir -p "$(dirname "$KSTT_BACKUP_STAMP")" && echo "$out" >"$KSTT_BACKUP_STAMP" || true
echo "$out"
