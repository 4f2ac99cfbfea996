#!/usr/bin/env bash
# make lint: clang-format check, cppcheck, the store-convention and layer checks and clang's
# analyzer (scan-build) on fcgi/, docker-compose file validation, Redocly CLI on
# docs/openapi.yaml (redocly.yaml).
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
files=$(ls fcgi/*.c fcgi/*/*.c fcgi/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/cluster/*.c 2>/dev/null)
echo "== clang-format"
if ! clang-format --dry-run --Werror $files; then rc=1; fi
echo "== cppcheck"
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --std=c11 \
    --inline-suppr --suppress=missingIncludeSystem -Ifcgi -I/usr/include/mariadb fcgi; then rc=1; fi
echo "== store convention (1 found / 0 not found / -1 error is never read as a boolean)"
if ! perl scripts/check-store-calls.pl; then rc=1; fi
echo "== layers (no #include or extern across a forbidden arrow: docs/CONTRIBUTING.md)"
if ! perl scripts/check-layers.pl; then rc=1; fi
echo "== scan-build (clang static analyzer, zero findings)"
if ! bash scripts/scan-build.sh; then rc=1; fi
echo "== redocly lint docs/openapi.yaml (zero errors and zero warnings; rules in redocly.yaml)"
# No telemetry or update check from a lint run; warnings count as failures, so a new finding is
# either fixed or written down in redocly.yaml / .redocly.lint-ignore.yaml.
if [ -x tests/node_modules/.bin/redocly ]; then
  out=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true tests/node_modules/.bin/redocly lint \
    --config redocly.yaml --format stylish docs/openapi.yaml 2>&1)
  st=$?
  echo "$out" | grep -v '[║╔╚]'
  if [ $st -ne 0 ] || echo "$out" | grep -q ' warning '; then rc=1; fi
else
  echo "tests/node_modules/.bin/redocly missing (scripts/deps.sh runs npm ci in tests/)"; rc=1
fi
echo "== docker-compose config"
if command -v docker-compose >/dev/null; then
  KSTT_DB_PASSWORD=lint KSTT_DB_ROOT_PASSWORD=lint docker-compose -f docker-compose.yml config -q || rc=1
else
  echo "docker-compose not installed (scripts/deps.sh installs it)"; rc=1
fi
[ $rc -eq 0 ] && echo "lint: ok"
exit $rc
