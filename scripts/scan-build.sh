#!/usr/bin/env bash
# clang's static analyzer (scan-build) over every fcgi/ source; exits 1 on any finding.
# Compiles to a scratch directory, so the production objects in build/obj are left alone.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v scan-build >/dev/null; then
  echo "scan-build not installed (scripts/deps.sh installs clang-tools)"; exit 1
fi
out=build/scan
rm -rf "$out" && mkdir -p "$out/obj"
flags="-std=gnu11 -g -Wall -Wextra -Ifcgi -I/usr/include/mariadb -D_GNU_SOURCE -pthread -O1"
# scan-build puts its compiler wrapper in $CC; two files at a time (the machine is shared).
# Bounded: the whole run is killed after 15 minutes.
timeout 900 scan-build --status-bugs --use-cc=clang -o "$out/report" \
  bash -c 'ls fcgi/*.c fcgi/*/*.c | xargs -P2 -I{} bash -c "\"\$CC\" $0 -c {} -o $1/obj/\$(echo {} | tr / _).o" "$0" "$1"' \
  "$flags" "$out" >"$out/log" 2>&1
rc=$?
grep -E 'warning:|error:' "$out/log" | sort -u
# A file the analyzer could not compile (or crashed on) was not analyzed: that fails too.
if grep -qE 'error:' "$out/log"; then rc=1; fi
n=$(ls "$out/obj" | wc -l)
echo "scan-build: $n files analyzed, exit $rc"
tail -1 "$out/log"
exit $rc
