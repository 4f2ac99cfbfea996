/* mem: allocation that reports failure to its caller (never aborts), with a test-only countdown. */
#include "lib/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef KSTT_TEST_HOOKS
/* Per thread, so that a test's countdown never reaches another thread's allocations. */
static _Thread_local long fail_after = -1, fail_count;
static _Thread_local long failures;

void mem_fail_after(long after, long count) {
    fail_after = after;
    fail_count = count;
    failures = 0;
}

long mem_failures(void) {
    return failures;
}

/* True when the countdown says this allocation is to fail. */
static int injected_failure(void) {
    if (fail_after < 0) return 0;
    if (fail_after > 0) {
        fail_after--;
        return 0;
    }
    if (fail_count == 0) return 0;
    if (fail_count > 0) fail_count--;
    failures++;
    return 1;
}
#else
static int injected_failure(void) {
    return 0;
}
#endif

void *mem_realloc(void *p, size_t n) {
    if (injected_failure()) return NULL;
    return realloc(p, n ? n : 1);
}

int mem_grow(void **arr, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return 0;
    size_t c = *cap ? *cap * 2 : 8;
    if (c < *cap || c > SIZE_MAX / size) return -1;
    void *p = mem_realloc(*arr, c * size);
    if (!p) return -1;
    *arr = p;
    *cap = c;
    return 0;
}

char *mem_strndup(const char *s, size_t n) {
    char *d = mem_realloc(NULL, n + 1);
    if (!d) return NULL;
    /* Zeroed first, so that clang's analyzer sees a defined string whatever length it assumes. */
    memset(d, 0, n + 1);
    if (n) memcpy(d, s, n);
    return d;
}
