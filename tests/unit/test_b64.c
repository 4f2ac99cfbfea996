/* Unit tests for lib/b64: RFC 4648 vectors, both alphabets, strict padding and characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/b64.h"

static const char *const PLAIN[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
static const char *const STD_TEXT[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                       "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
static const char *const URL_TEXT[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};

/* Decodes s with flags and no limit; NULL when rejected. */
static unsigned char *dec(const char *s, int flags, size_t *n) {
    return b64_decode(s, strlen(s), flags, SIZE_MAX, n);
}

static void test_rfc4648_vectors(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof PLAIN / sizeof *PLAIN; i++) {
        char *e = b64_encode((const unsigned char *)PLAIN[i], strlen(PLAIN[i]), B64_STD);
        assert_string_equal(e, STD_TEXT[i]);
        free(e);
        e = b64_encode((const unsigned char *)PLAIN[i], strlen(PLAIN[i]), B64_URL);
        assert_string_equal(e, URL_TEXT[i]);
        free(e);
        size_t n = 99;
        unsigned char *d = dec(STD_TEXT[i], B64_STD, &n);
        assert_non_null(d);
        assert_int_equal(n, strlen(PLAIN[i]));
        assert_memory_equal(d, PLAIN[i], n);
        assert_int_equal(d[n], 0);
        free(d);
        d = dec(URL_TEXT[i], B64_URL, &n); /* unpadded */
        assert_non_null(d);
        assert_int_equal(n, strlen(PLAIN[i]));
        assert_memory_equal(d, PLAIN[i], n);
        free(d);
        d = dec(STD_TEXT[i], B64_URL, &n); /* the same letters, padded, in the URL alphabet */
        assert_non_null(d);
        free(d);
    }
}

static void test_alphabets(void **state) {
    (void)state;
    const unsigned char bin[] = {0xfb, 0xff, 0xbf};
    char *e = b64_encode(bin, 3, B64_STD);
    assert_string_equal(e, "+/+/");
    free(e);
    e = b64_encode(bin, 3, B64_URL);
    assert_string_equal(e, "-_-_");
    free(e);
    size_t n;
    assert_null(dec("+/+/", B64_URL, &n));
    assert_null(dec("-_-_", B64_STD, &n));
    unsigned char *d = dec("-_+/", B64_STD | B64_URL, &n);
    assert_non_null(d);
    assert_int_equal(n, 3);
    assert_memory_equal(d, bin, 3);
    free(d);
    for (int c = 0; c < 256; c++) {
        int want = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_';
        assert_int_equal(b64_is_url_char(c), want);
    }
    assert_int_equal(b64_is_url_char(-1), 0);
}

static void test_bad_padding_and_characters(void **state) {
    (void)state;
    size_t n;
    const char *bad[] = {
        "Z",    "Zg=",  "Zg===", "Z===",  "Zm9v=",  "Zm9v==", "Zg==Zg==", "Zm=9v",
        "=Zm9", "Zh==", "Zm9=",  "Zm 9v", "Zm9v\n", "Zm9v\0", "Zm9*",     "Zg\xc3\xa9"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_null(
            b64_decode(bad[i], strlen(bad[i]) + (i == 13), B64_STD | B64_URL, SIZE_MAX, &n));
    }
    assert_null(dec("Zh", B64_URL, &n));  /* non-zero unused bits: "Zg" is the one encoding */
    assert_null(dec("Zm9", B64_URL, &n)); /* likewise "Zm8" */
    assert_null(b64_decode(NULL, 0, B64_STD, 10, &n));
    assert_null(b64_decode("Zg==", 4, B64_STD, 10, NULL));
}

static void test_whitespace_flag(void **state) {
    (void)state;
    size_t n;
    const char *wrapped = " Zm9v\r\nYmFy\tZg==\n";
    assert_null(dec(wrapped, B64_STD, &n));
    unsigned char *d = dec(wrapped, B64_STD | B64_WS, &n);
    assert_non_null(d);
    assert_int_equal(n, 7);
    assert_memory_equal(d, "foobarf", 7);
    free(d);
    assert_null(dec("Zg= =x", B64_STD | B64_WS, &n)); /* nothing after padding */
}

static void test_limit_and_binary(void **state) {
    (void)state;
    size_t n;
    unsigned char *d = b64_decode("Zm9vYmFy", 8, B64_STD, 6, &n);
    assert_non_null(d);
    free(d);
    assert_null(b64_decode("Zm9vYmFy", 8, B64_STD, 5, &n));
    assert_null(b64_decode("Zm9vYg==", 8, B64_STD, 3, &n));
    unsigned char all[256];
    for (int i = 0; i < 256; i++) all[i] = (unsigned char)i;
    for (size_t len = 0; len <= sizeof all; len += 37) {
        for (int flags = B64_STD; flags <= B64_URL; flags++) {
            char *e = b64_encode(all, len, flags);
            assert_non_null(e);
            d = dec(e, flags, &n);
            assert_non_null(d);
            assert_int_equal(n, len);
            assert_memory_equal(d, all, len);
            free(d);
            free(e);
        }
    }
    assert_null(b64_encode(NULL, 3, B64_STD));
    char *e = b64_encode(NULL, 0, B64_URL);
    assert_string_equal(e, "");
    free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_alphabets),
        cmocka_unit_test(test_bad_padding_and_characters),
        cmocka_unit_test(test_whitespace_flag),
        cmocka_unit_test(test_limit_and_binary),
    };
    return cmocka_run_group_tests_name("b64", tests, NULL, NULL);
}
