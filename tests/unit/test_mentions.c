/* Unit tests for core/mentions: who a comment's @username mentions name, and who they do not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/mentions.h"

static char names[MENTION_MAX][MENTION_NAME_MAX + 1];

static size_t parse(const char *s) {
    memset(names, 0, sizeof names);
    return mentions_parse(s, strlen(s), names, MENTION_MAX);
}

static void test_plain_and_punctuation(void **state) {
    (void)state;
    assert_int_equal(parse("@xa11.daumoi xem giúp"), 1);
    assert_string_equal(names[0], "xa11.daumoi");
    /* punctuation after the name, Vietnamese text around it, the end of a sentence */
    assert_int_equal(parse("Nhờ @huyen1.daumoi, @stp.daumoi. và (@vp.kstt) kiểm tra @admin."), 4);
    assert_string_equal(names[0], "huyen1.daumoi");
    assert_string_equal(names[1], "stp.daumoi");
    assert_string_equal(names[2], "vp.kstt");
    assert_string_equal(names[3], "admin");
    assert_int_equal(parse("ý kiến:@lanhdao.tinh_-"), 1);
    assert_string_equal(names[0], "lanhdao.tinh");
}

static void test_not_mentions(void **state) {
    (void)state;
    assert_int_equal(parse("gửi ai@namdinh.gov.vn"), 0); /* an address */
    assert_int_equal(parse("@ab @ @. @... @-"), 0);      /* too short or empty */
    assert_int_equal(parse(""), 0);
    assert_int_equal(mentions_parse(NULL, 5, names, MENTION_MAX), 0);
    assert_int_equal(parse("@@admin"), 0); /* '@' after '@' */
    assert_int_equal(parse("@admin@vp.kstt"), 1);
    assert_string_equal(names[0], "admin");
    char longname[80];
    memset(longname, 'a', sizeof longname);
    longname[0] = '@';
    longname[66] = '\0'; /* 65 characters after the '@' */
    assert_int_equal(parse(longname), 0);
    longname[65] = '\0'; /* exactly 64 */
    assert_int_equal(parse(longname), 1);
    assert_int_equal(strlen(names[0]), 64);
}

static void test_case_duplicates_and_cap(void **state) {
    (void)state;
    assert_int_equal(parse("@Admin @admin @ADMIN @vp.kstt @admin"), 2);
    assert_string_equal(names[0], "admin");
    assert_string_equal(names[1], "vp.kstt");
    char many[40 * 24 + 1] = "";
    for (int i = 0; i < 40; i++) {
        char one[24];
        snprintf(one, sizeof one, "@user%02d ", i);
        strcat(many, one);
    }
    assert_int_equal(parse(many), MENTION_MAX);
    assert_string_equal(names[MENTION_MAX - 1], "user19");
    /* a length, not a C string: a NUL inside ends nothing, bytes past len are not read */
    memset(names, 0, sizeof names);
    assert_int_equal(mentions_parse("@abc\0@def", 9, names, MENTION_MAX), 2);
    assert_int_equal(mentions_parse("@abcdef", 4, names, MENTION_MAX), 1);
    assert_string_equal(names[0], "abc");
    assert_int_equal(mentions_parse("@abc @def", 9, names, 1), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_punctuation),
        cmocka_unit_test(test_not_mentions),
        cmocka_unit_test(test_case_duplicates_and_cap),
    };
    return cmocka_run_group_tests_name("mentions", tests, NULL, NULL);
}
