# KSTT — build, run, test, bench, lint, fmt. `make run` and `make test` are the two commands.
SHELL := /bin/bash
# The mariadb client (scripts, tests, benchmarks) takes its character set from the locale:
# latin1 under C/POSIX, which a fresh root shell may have, and then Vietnamese text written or
# read through it is garbled. Everything make starts speaks UTF-8 (decision 227).
export LC_ALL := C.UTF-8
CC ?= gcc
WARN := -Wall -Wextra -Werror
# libzip (core/xlsx reads uploaded workbooks with it) through pkg-config, as Debian ships it.
ZIP_CFLAGS := $(shell pkg-config --cflags libzip)
ZIP_LIBS := $(shell pkg-config --libs libzip)
INCS := -Ifcgi -I/usr/include/mariadb $(ZIP_CFLAGS)
CFLAGS_BASE := -std=gnu11 -g $(WARN) $(INCS) -D_GNU_SOURCE -pthread
CFLAGS_REL := $(CFLAGS_BASE) -O2
# KSTT_TEST_HOOKS: the sanitizer objects (unit tests only) get lib/mem's allocation-failure
# countdown, so that tests can prove out-of-memory paths return errors; production never has it.
CFLAGS_SAN := $(CFLAGS_BASE) -DKSTT_TEST_HOOKS -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LIBS := -lfcgi -lmariadb -ljansson -ljwt -largon2 -lssl -lcrypto -lxlsxwriter $(ZIP_LIBS) -lcurl -lz -lpthread -lm

SRC := $(sort $(wildcard fcgi/*/*.c))
MAIN := fcgi/main.c
OBJ := $(patsubst fcgi/%.c,build/obj/%.o,$(SRC) $(MAIN))
SANOBJ := $(patsubst fcgi/%.c,build/san/%.o,$(SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRC))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HDR := $(wildcard fcgi/*/*.h)

.PHONY: all build api web run stop logs test test-demo-reform test-cluster test-security unit lint fmt bench soak test-upgrade fuzz clean deps

all: build

build: api web

api: build/kstt-api

build/kstt-api: $(OBJ)
	$(CC) $(CFLAGS_REL) -o $@ $(OBJ) $(LIBS)

build/obj/%.o: fcgi/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -c -o $@ $<

build/san/%.o: fcgi/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -c -o $@ $<

build/libkstt-san.a: $(SANOBJ)
	rm -f $@ && ar rcs $@ $(SANOBJ)

build/unit/%: tests/unit/%.c build/libkstt-san.a $(HDR) $(wildcard tests/unit/*.h)
	@mkdir -p build/unit
	$(CC) $(CFLAGS_SAN) -Itests/unit -o $@ $< build/libkstt-san.a $(LIBS) -lcmocka

# store/db.c against a real Galera node (tests/cluster/cluster.test.mjs runs it).
build/cluster/%: tests/cluster/%.c build/libkstt-san.a $(HDR)
	@mkdir -p build/cluster
	$(CC) $(CFLAGS_SAN) -o $@ $< build/libkstt-san.a $(LIBS)

unit-build: $(UNIT_BIN)

# Unit tests under ASan/UBSan; scripts/test.sh reads their cmocka summaries.
unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; $$t || exit 1; done

web: web/dist/index.html

web/dist/index.html: $(shell find web/src web/index.html web/api-docs web/vite.config.* web/package.json docs/openapi.yaml -type f 2>/dev/null)
	cd web && npm run build --silent

deps:
	bash scripts/deps.sh

run: deps
	$(MAKE) build
	bash scripts/stack.sh start run

stop:
	bash scripts/stack.sh stop run

logs:
	bash scripts/stack.sh logs run

test: deps
	bash scripts/test.sh

# The demo as after the 2025 reform, as make run loads it, on a stack of its own (also in make test).
test-demo-reform: deps
	$(MAKE) build
	bash scripts/test-demo-reform.sh

# Three Galera nodes, two api hosts, one nginx: crashes under a write load (also a job of make test).
test-cluster: deps
	$(MAKE) build
	bash scripts/test-cluster.sh

# sqlmap against the public routes and a sample of authenticated ones (CI runs it after make test).
test-security: deps
	bash scripts/test-security.sh

fuzz: deps
	bash scripts/fuzz.sh $${FUZZ_SECONDS:-20}

lint: deps
	bash scripts/lint.sh

fmt:
	clang-format -i $(SRC) $(MAIN) $(HDR) $(UNIT_SRC) $(wildcard tests/unit/*.h) $(FUZZ_SRC) $(wildcard tests/cluster/*.c)

bench: deps
	$(MAKE) build
	bash bench/run.sh

# A bounded soak (issue 21): SOAK_MINUTES (default 20) of steady mixed load; fails on drift.
soak: deps
	$(MAKE) build
	bash scripts/soak.sh

# The upgrade from the previous release's database alone (also a job of make test).
test-upgrade: deps
	$(MAKE) build
	bash scripts/test-upgrade.sh

clean:
	-bash scripts/stack.sh stop run >/dev/null 2>&1
	-bash scripts/stack.sh stop test >/dev/null 2>&1
	rm -rf build web/dist
