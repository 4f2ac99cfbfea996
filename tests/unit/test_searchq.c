/* Unit tests for core/searchq: the search query's checks, folding and LIKE patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/searchq.h"

static struct searchq s;

static void test_folds_and_splits(void **st) {
    (void)st;
    assert_int_equal(searchq_parse("  Đất   Đai ", &s), SQ_OK);
    assert_string_equal(s.text, "Đất   Đai");
    assert_string_equal(s.folded, "dat dai");
    assert_int_equal(s.nwords, 2);
    assert_string_equal(s.prefix[0], "% dat%");
    assert_string_equal(s.prefix[1], "% dai%");
    assert_string_equal(s.whole[0], "% dat %");
    assert_string_equal(s.whole[1], "% dai %");
    /* unused slots match anything */
    for (int i = 2; i < SQ_MAX_WORDS; i++) {
        assert_string_equal(s.prefix[i], "%");
        assert_string_equal(s.whole[i], "%");
    }
}

static void test_nfd_equals_nfc(void **st) {
    (void)st;
    struct searchq nfd;
    assert_int_equal(searchq_parse("chứng thực", &s), SQ_OK);
    /* "chứng thực" decomposed: u + horn + acute, u + horn + dot below */
    assert_int_equal(searchq_parse("chu\xcc\x9b\xcc\x81ng thu\xcc\x9b\xcc\xa3"
                                   "c",
                                   &nfd),
                     SQ_OK);
    assert_string_equal(s.folded, "chung thuc");
    assert_string_equal(nfd.folded, s.folded);
}

static void test_length_after_trimming(void **st) {
    (void)st;
    assert_int_equal(searchq_parse(NULL, &s), SQ_TOO_SHORT);
    assert_int_equal(searchq_parse("", &s), SQ_TOO_SHORT);
    assert_int_equal(searchq_parse("   a \t", &s), SQ_TOO_SHORT);
    assert_int_equal(searchq_parse("đ", &s), SQ_TOO_SHORT); /* one character of two bytes */
    assert_int_equal(searchq_parse("đđ", &s), SQ_OK);
    char buf[512];
    memset(buf, 'a', 100);
    buf[100] = '\0';
    assert_int_equal(searchq_parse(buf, &s), SQ_OK);
    buf[100] = 'a';
    buf[101] = '\0';
    assert_int_equal(searchq_parse(buf, &s), SQ_TOO_LONG);
    /* 100 characters of three bytes each fit; spaces around do not count */
    buf[0] = ' ';
    size_t k = 1;
    for (int i = 0; i < 100; i++, k += 3) memcpy(buf + k, "ế", 3);
    buf[k++] = ' ';
    buf[k] = '\0';
    assert_int_equal(searchq_parse(buf, &s), SQ_OK);
    assert_int_equal((int)strlen(s.text), 300);
}

static void test_bad_text(void **st) {
    (void)st;
    assert_int_equal(searchq_parse("ab\xff", &s), SQ_BAD_TEXT);
    assert_int_equal(searchq_parse("ab\x01", &s), SQ_BAD_TEXT);
    assert_int_equal(searchq_parse("a\tb", &s), SQ_OK); /* white space inside is fine */
}

static void test_punctuation_only_has_no_words(void **st) {
    (void)st;
    assert_int_equal(searchq_parse("%%__", &s), SQ_OK);
    assert_int_equal(s.nwords, 0);
    assert_string_equal(s.text, "%%__");
    assert_string_equal(s.prefix[0], "%");
}

static void test_codes_keep_their_text(void **st) {
    (void)st;
    assert_int_equal(searchq_parse("1.001193", &s), SQ_OK);
    assert_string_equal(s.text, "1.001193");
    assert_int_equal(s.nwords, 2); /* "1 001193" */
    assert_string_equal(s.prefix[1], "% 001193%");
}

static void test_words_past_the_limit_ignored(void **st) {
    (void)st;
    assert_int_equal(searchq_parse("a1 b2 c3 d4 e5 f6 g7 h8", &s), SQ_OK);
    assert_int_equal(s.nwords, SQ_MAX_WORDS);
    assert_string_equal(s.prefix[5], "% f6%");
}

static void test_like_escapes(void **st) {
    (void)st;
    char out[32];
    assert_int_equal(searchq_like("% ", "a%b_c\\", 6, "%", out, sizeof out), 0);
    assert_string_equal(out, "% a\\%b\\_c\\\\%");
    assert_int_equal(searchq_like("% ", "abcdef", 6, " %", out, 8), -1);
    assert_string_equal(out, "");
    assert_int_equal(searchq_like("", "", 0, "", out, 1), 0);
    assert_int_equal(searchq_like("x", "", 0, "", out, 0), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folds_and_splits),
        cmocka_unit_test(test_nfd_equals_nfc),
        cmocka_unit_test(test_length_after_trimming),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_punctuation_only_has_no_words),
        cmocka_unit_test(test_codes_keep_their_text),
        cmocka_unit_test(test_words_past_the_limit_ignored),
        cmocka_unit_test(test_like_escapes),
    };
    return cmocka_run_group_tests_name("searchq", tests, NULL, NULL);
}
