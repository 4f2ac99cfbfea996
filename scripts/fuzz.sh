#!/usr/bin/env bash
# make fuzz: builds every tests/fuzz/fuzz_*.c with libFuzzer and runs each for N seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
mkdir -p build/fuzz
srcs=$(ls fcgi/*/*.c | grep -v '^fcgi/main.c')
for f in tests/fuzz/fuzz_*.c; do
  name=$(basename "$f" .c)
  echo "== $name (${secs}s)"
  clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Ifcgi -I/usr/include/mariadb \
    "$f" $srcs -o "build/fuzz/$name" -lfcgi -lmariadb -ljansson -ljwt -largon2 -lssl -lcrypto \
    -lxlsxwriter $(pkg-config --libs libzip) -lcurl -lz -lpthread -lm
  mkdir -p "build/fuzz/$name.corpus"
  seeds="tests/fuzz/corpus/${name#fuzz_}"
  "build/fuzz/$name" -max_total_time="$secs" -print_final_stats=1 "build/fuzz/$name.corpus" \
    $( [ -d "$seeds" ] && echo "$seeds" ) 2>&1 | tail -3
done
