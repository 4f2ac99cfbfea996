/* Unit tests for lib/utf8: boundaries of each length, and every malformed form rejected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/utf8.h"

/* Decodes the whole of s as one code point; 0xFFFFFFFF when rejected or not all used. */
static uint32_t one(const char *s, size_t n) {
    uint32_t cp = 0;
    size_t k = utf8_decode(s, n, &cp);
    return k == n && k ? cp : 0xFFFFFFFFu;
}

static void test_boundaries_round_trip(void **state) {
    (void)state;
    const uint32_t cps[] = {0,      0x7F,   0x80,    0x7FF,  0x800,    0xD7FF, 0xE000,
                            0xFFFD, 0xFFFF, 0x10000, 0x1EC7, 0x10FFFF, 'A',    0x111};
    const size_t lens[] = {1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 3, 4, 1, 2};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char o[4];
        size_t n = utf8_encode(cps[i], o);
        assert_int_equal(n, lens[i]);
        assert_int_equal(one(o, n), cps[i]);
        assert_int_equal(utf8_valid_prefix(o, n), n);
    }
    assert_int_equal(one("\xE1\xBB\x87", 3), 0x1EC7); /* ệ */
}

static void test_encode_rejects(void **state) {
    (void)state;
    char o[4];
    assert_int_equal(utf8_encode(0xD800, o), 0);
    assert_int_equal(utf8_encode(0xDFFF, o), 0);
    assert_int_equal(utf8_encode(0x110000, o), 0);
    assert_int_equal(utf8_encode(0xFFFFFFFFu, o), 0);
}

static void test_decode_rejects(void **state) {
    (void)state;
    const char *bad[] = {"\xC0\x80",
                         "\xC1\xBF",
                         "\xE0\x80\x80",
                         "\xE0\x9F\xBF", /* overlong */
                         "\xF0\x80\x80\x80",
                         "\xF0\x8F\xBF\xBF", /* overlong */
                         "\xED\xA0\x80",
                         "\xED\xBF\xBF", /* surrogates */
                         "\xF4\x90\x80\x80",
                         "\xF5\x80\x80\x80",
                         "\xFF",
                         "\xFE", /* > U+10FFFF */
                         "\x80",
                         "\xBF",
                         "\xC3",
                         "\xE1\xBB", /* stray, cut */
                         "\xC3\x41",
                         "\xE1\xBB\x41",
                         "\xF0\x9F\x98"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uint32_t cp = 7;
        assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 0);
        assert_int_equal(cp, 7);
        assert_int_equal(utf8_valid_prefix(bad[i], strlen(bad[i])), 0);
    }
    uint32_t cp;
    assert_int_equal(utf8_decode("", 0, &cp), 0);
    assert_int_equal(utf8_decode("\xC3\xA9", 1, &cp), 0); /* n limits the read */
}

static void test_next_and_prefix(void **state) {
    (void)state;
    const char s[] = "a\xC0\xAF\xC3\xA9\xF0\x9F\x98\x80";
    size_t n = sizeof s - 1, i = 0;
    assert_int_equal(utf8_next(s, n, &i), 'a');
    assert_int_equal(utf8_next(s, n, &i), 0xFFFD); /* overlong '/' : one byte at a time */
    assert_int_equal(i, 2);
    assert_int_equal(utf8_next(s, n, &i), 0xFFFD);
    assert_int_equal(utf8_next(s, n, &i), 0xE9);
    assert_int_equal(utf8_next(s, n, &i), 0x1F600);
    assert_int_equal(i, n);
    assert_int_equal(utf8_valid_prefix(s, n), 1);
    assert_int_equal(utf8_valid_prefix("Vi\xE1\xBB\x87t\xE1", 7), 6);
    assert_int_equal(utf8_valid_prefix("", 0), 0);
}

static void test_cut(void **state) {
    (void)state;
    const char *s = "a\xE1\xBB\x87z"; /* a ệ z */
    assert_int_equal(utf8_cut(s, 5, 0), 0);
    assert_int_equal(utf8_cut(s, 5, 1), 1);
    assert_int_equal(utf8_cut(s, 5, 2), 1);
    assert_int_equal(utf8_cut(s, 5, 3), 1);
    assert_int_equal(utf8_cut(s, 5, 4), 4);
    assert_int_equal(utf8_cut(s, 5, 99), 5);
    assert_int_equal(utf8_cut(s, 3, 3), 3); /* n is the end: cutting there splits nothing */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundaries_round_trip),
        cmocka_unit_test(test_encode_rejects),
        cmocka_unit_test(test_decode_rejects),
        cmocka_unit_test(test_next_and_prefix),
        cmocka_unit_test(test_cut),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
