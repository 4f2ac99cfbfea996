#!/usr/bin/env bash
# Installs the Debian and npm packages KSTT needs, only those that are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(build-essential pkg-config libfcgi-dev libmariadb-dev mariadb-server mariadb-client
  libjansson-dev libjwt-dev libargon2-dev libssl-dev libxlsxwriter-dev libzip-dev libcmocka-dev libcurl4-openssl-dev zlib1g-dev bc libclang-rt-14-dev
  nginx-light wrk chromium nodejs npm clang clang-tools clang-format cppcheck docker-compose curl ca-certificates)
# make test-cluster (issue 21): a real 3-node Galera cluster, state transfer by rsync.
PKGS+=(galera-4 rsync iproute2 mariadb-backup)
# make test-security (issue 11): Debian's sqlmap against a private stack.
PKGS+=(sqlmap)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # node/npm are on the image already (not from Debian): don't replace them.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done; missing=("${tmp[@]}")
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the system services on install; KSTT runs its own private instances.
  systemctl disable --now mariadb nginx >/dev/null 2>&1 || true
  service mariadb stop >/dev/null 2>&1 || true; service nginx stop >/dev/null 2>&1 || true
fi
if [ -f web/package.json ] && { [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; }; then
  echo "deps: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ -f tests/package.json ] && { [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; }; then
  echo "deps: npm ci in tests/"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
