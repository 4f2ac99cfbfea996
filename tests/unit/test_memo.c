/* Unit tests for lib/memo: hits, replacement, least-recently-used eviction, byte limit, OOM. */
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
    assert_null(memo_get(m, "a"));
    assert_int_equal(memo_put(m, "a", "hello", 5), 0);
    struct memo_val *v = memo_get(m, "a");
    assert_non_null(v);
    assert_int_equal(v->len, 5);
    assert_string_equal(v->data, "hello");
    assert_null(memo_get(m, "b"));
    /* a replaced answer stays readable by whoever holds it */
    assert_int_equal(memo_put(m, "a", "bye", 3), 0);
    assert_string_equal(v->data, "hello");
    memo_release(v);
    v = memo_get(m, "a");
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
    memo_put(m, "a", "1", 1);
    memo_put(m, "b", "2", 1);
    memo_release(memo_get(m, "a")); /* b is now the least recently used */
    memo_put(m, "c", "3", 1);
    struct memo_val *a = memo_get(m, "a"), *b = memo_get(m, "b"), *c = memo_get(m, "c");
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
    memo_put(m, "a", "12345", 5);
    memo_put(m, "b", "12345", 5);
    memo_put(m, "c", "1234", 4); /* evicts a only */
    size_t n, bytes;
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 2);
    assert_int_equal(bytes, 9);
    assert_null(memo_get(m, "a"));
    assert_int_equal(memo_put(m, "big", "12345678901", 11), 0); /* too large: not kept */
    assert_null(memo_get(m, "big"));
    memo_stats(m, &n, &bytes);
    assert_int_equal(n, 2);
    memo_free(m);
}

static void test_oom(void **state) {
    (void)state;
    struct memo *m = memo_new(2, 100);
    mem_fail_after(0, 1);
    assert_int_equal(memo_put(m, "a", "x", 1), -1);
    mem_fail_after(1, 1);
    assert_int_equal(memo_put(m, "a", "x", 1), -1);
    mem_fail_after(-1, 0);
    assert_null(memo_get(m, "a"));
    assert_int_equal(memo_put(m, "a", "x", 1), 0);
    memo_free(m);
}

static void *hammer(void *arg) {
    struct memo *m = arg;
    char key[8];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "k%d", i % 7);
        memo_put(m, key, key, strlen(key));
        struct memo_val *v = memo_get(m, key);
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
        cmocka_unit_test(test_hit_and_miss), cmocka_unit_test(test_lru_slots),
        cmocka_unit_test(test_byte_limit),   cmocka_unit_test(test_oom),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests_name("memo", tests, NULL, NULL);
}
