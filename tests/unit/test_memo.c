/* Unit tests for lib/memo: hits, tags, replacement, least-recently-used eviction, byte limit,
 * OOM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib/mem.h"
#include "lib/memo.h"

static void test_hit_and_miss(void **state) {
    (void)state;
    struct memo *m = memo_new(4, 1000);
    assert_null(memo_get(m, "a", NULL));
    assert_int_equal(memo_put(m, "a", NULL, "hello", 5), 0);
    struct memo_val *v = memo_get(m, "a", NULL);
    assert_non_null(v);
    assert_int_equal(v->len, 5);
    assert_string_equal(v->data, "hello");
    assert_null(memo_get(m, "b", NULL));
    /* a replaced answer stays readable by whoever holds it */
    assert_int_equal(memo_put(m, "a", NULL, "bye", 3), 0);
    assert_string_equal(v->data, "hello");
    memo_release(v);
    v = memo_get(m, "a", NULL);
    assert_string_equal(v->data, "bye");
    memo_release(v);
    size_t n, bytes;
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 1);
    assert_int_equal(bytes, 3);
    memo_free(m);
}

static void test_lru_slots(void **state) {
    (void)state;
    struct memo *m = memo_new(2, 1000);
    memo_put(m, "a", NULL, "1", 1);
    memo_put(m, "b", NULL, "2", 1);
    memo_release(memo_get(m, "a", NULL)); /* b is now the least recently used */
    memo_put(m, "c", NULL, "3", 1);
    struct memo_val *a = memo_get(m, "a", NULL), *b = memo_get(m, "b", NULL),
                    *c = memo_get(m, "c", NULL);
    assert_non_null(a);
    assert_null(b);
    assert_non_null(c);
    memo_release(a);
    memo_release(c);
    memo_free(m);
}

static void test_byte_limit(void **state) {
    (void)state;
    struct memo *m = memo_new(8, 10);
    memo_put(m, "a", NULL, "12345", 5);
    memo_put(m, "b", NULL, "12345", 5);
    memo_put(m, "c", NULL, "1234", 4); /* evicts a only */
    size_t n, bytes;
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 2);
    assert_int_equal(bytes, 9);
    assert_null(memo_get(m, "a", NULL));
    assert_int_equal(memo_put(m, "big", NULL, "12345678901", 11), 0); /* too large: not kept */
    assert_null(memo_get(m, "big", NULL));
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 2);
    memo_free(m);
}

static void test_oom(void **state) {
    (void)state;
    struct memo *m = memo_new(2, 100);
    mem_fail_after(0, 1);
    assert_int_equal(memo_put(m, "a", NULL, "x", 1), -1);
    mem_fail_after(1, 1);
    assert_int_equal(memo_put(m, "a", NULL, "x", 1), -1);
    mem_fail_after(-1, 0);
    assert_null(memo_get(m, "a", NULL));
    assert_int_equal(memo_put(m, "a", NULL, "x", 1), 0);
    memo_free(m);
}

/* A key holds one answer: another tag misses and drops the stale one at once, a put under a new
 * tag replaces it, so writes between reads never pile up answers no one can be served. */
static void test_tags(void **state) {
    (void)state;
    struct memo *m = memo_new(8, 1000);
    size_t n, bytes;
    assert_int_equal(memo_put(m, "q", "v1", "old", 3), 0);
    struct memo_val *v = memo_get(m, "q", "v1");
    assert_non_null(v);
    assert_string_equal(v->data, "old");
    memo_release(v);
    assert_null(memo_get(m, "q", NULL));
    memo_stats(m, &n, &bytes); /* the miss under another tag dropped it */
    assert_int_equal(n, 0);
    assert_int_equal(bytes, 0);
    for (int i = 0; i < 20; i++) { /* a write and a read, twenty times: one entry */
        char tag[16];
        snprintf(tag, sizeof tag, "v%d", i);
        assert_int_equal(memo_put(m, "q", tag, "answer", 6), 0);
        memo_put(m, "other", "t", "x", 1);
    }
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 2);
    assert_int_equal(bytes, 7);
    v = memo_get(m, "q", "v19");
    assert_non_null(v);
    memo_release(v);
    assert_null(memo_get(m, "q", "v18"));
    /* a reader keeps a value that a newer tag dropped from the cache */
    memo_put(m, "k", "a", "kept", 4);
    v = memo_get(m, "k", "a");
    assert_null(memo_get(m, "k", "b"));
    assert_string_equal(v->data, "kept");
    memo_release(v);
    /* the tag is part of the entry, not of the key's hash: "q" with tag "" is not "q" with "v19" */
    memo_put(m, "q", NULL, "untagged", 8);
    assert_null(memo_get(m, "q", "v19"));
    memo_free(m);
}

static void *hammer(void *arg) {
    struct memo *m = arg;
    char key[8];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "k%d", i % 7);
        memo_put(m, key, NULL, key, strlen(key));
        struct memo_val *v = memo_get(m, key, NULL);
        if (v) {
            assert_true(v->len == strlen(v->data));
            memo_release(v);
        }
    }
    return NULL;
}

static void test_threads(void **state) {
    (void)state;
    struct memo *m = memo_new(3, 8);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, hammer, m);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    size_t n, bytes;
    memo_stats(m, &n, &bytes);
    assert_true(n <= 3 && bytes <= 8);
    memo_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_and_miss), cmocka_unit_test(test_tags),
        cmocka_unit_test(test_lru_slots),    cmocka_unit_test(test_byte_limit),
        cmocka_unit_test(test_oom),          cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests_name("memo", tests, NULL, NULL);
}
