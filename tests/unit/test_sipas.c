/* Unit tests for core/sipas: question and scale checks with their fields, answer checks, and the
 * figures (means, satisfied shares, rounding half up, nothing answered). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/sipas.h"

static const char *QS = "[{\"code\":\"A1\",\"group\":\"access\",\"text\":\"Nơi ngồi chờ\"},"
                        "{\"code\":\"B1\",\"group\":\"procedures\",\"text\":\"Thủ tục công khai\"},"
                        "{\"code\":\"C1\",\"group\":\"officials\",\"text\":\"Thái độ\"}]";
static const char *SCALE = "{\"choices\":[{\"score\":1,\"label\":\"Rất không hài lòng\"},"
                           "{\"score\":2,\"label\":\"Không hài lòng\"},"
                           "{\"score\":3,\"label\":\"Bình thường\"},"
                           "{\"score\":4,\"label\":\"Hài lòng\"},"
                           "{\"score\":5,\"label\":\"Rất hài lòng\"}],\"satisfied\":[4,5]}";

static size_t check(const char *q, const char *sc, struct sp_survey *s, struct sp_error *e) {
    json_t *jq = json_loads(q, 0, NULL), *js = json_loads(sc, 0, NULL);
    size_t n = sp_survey_check(jq, js, s, e, SP_ERRORS_MAX);
    json_decref(jq);
    json_decref(js);
    return n;
}

static int has_field(const struct sp_error *e, size_t n, const char *f) {
    for (size_t i = 0; i < n && i < SP_ERRORS_MAX; i++)
        if (strcmp(e[i].field, f) == 0) return 1;
    return 0;
}

static void test_good_survey(void **st) {
    (void)st;
    struct sp_survey s;
    struct sp_error e[SP_ERRORS_MAX];
    assert_int_equal(check(QS, SCALE, &s, e), 0);
    assert_int_equal(s.nq, 3);
    assert_int_equal(s.q[1].group, 1);
    assert_int_equal(s.nchoices, 5);
    assert_int_equal(sp_is_satisfied(&s, 4), 1);
    assert_int_equal(sp_is_satisfied(&s, 3), 0);
    assert_int_equal(sp_is_satisfied(&s, 9), 0);
    assert_int_equal(sp_question_find(&s, "C1"), 2);
    assert_int_equal(sp_question_find(&s, "Z"), -1);
}

static void test_bad_questions(void **st) {
    (void)st;
    struct sp_survey s;
    struct sp_error e[SP_ERRORS_MAX];
    size_t n = check("[{\"code\":\"A 1\",\"group\":\"x\",\"text\":\"\"},"
                     "{\"code\":\"B\",\"group\":\"results\",\"text\":\"Được\"},"
                     "{\"code\":\"B\",\"group\":\"results\",\"text\":\"Trùng\"}, 3]",
                     SCALE, &s, e);
    assert_int_equal(n, 5);
    assert_true(has_field(e, n, "questions[0].code"));
    assert_true(has_field(e, n, "questions[0].group"));
    assert_true(has_field(e, n, "questions[0].text"));
    assert_true(has_field(e, n, "questions[2].code"));
    assert_true(has_field(e, n, "questions[3]"));
    assert_int_equal(check("[]", SCALE, &s, e), 1);
    assert_string_equal(e[0].field, "questions");
}

static void test_bad_scale(void **st) {
    (void)st;
    struct sp_survey s;
    struct sp_error e[SP_ERRORS_MAX];
    size_t n = check(QS,
                     "{\"choices\":[{\"score\":2,\"label\":\"A\"},{\"score\":2,\"label\":\"\"}],"
                     "\"satisfied\":[2]}",
                     &s, e);
    assert_int_equal(n, 2);
    assert_true(has_field(e, n, "scale.choices[1].score"));
    assert_true(has_field(e, n, "scale.choices[1].label"));
    /* every level satisfied, or a score not on the scale, or none */
    n = check(QS,
              "{\"choices\":[{\"score\":0,\"label\":\"Không\"},{\"score\":1,\"label\":\"Có\"}],"
              "\"satisfied\":[0,1]}",
              &s, e);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].field, "scale.satisfied");
    n = check(QS,
              "{\"choices\":[{\"score\":0,\"label\":\"Không\"},{\"score\":1,\"label\":\"Có\"}],"
              "\"satisfied\":[7]}",
              &s, e);
    assert_string_equal(e[0].field, "scale.satisfied");
    assert_int_equal(check(QS, "[]", &s, e), 1);
    assert_string_equal(e[0].field, "scale");
    assert_int_equal(check(QS, "{\"choices\":[{\"score\":11,\"label\":\"A\"}]}", &s, e), 1);
    assert_string_equal(e[0].field, "scale.choices");
}

static void test_answers(void **st) {
    (void)st;
    struct sp_survey s;
    struct sp_error e[SP_ERRORS_MAX];
    int sc[SP_QUESTIONS_MAX];
    assert_int_equal(check(QS, SCALE, &s, e), 0);
    json_t *a =
        json_loads("[{\"code\":\"C1\",\"score\":5},{\"code\":\"A1\",\"score\":2}]", 0, NULL);
    assert_int_equal(sp_answers_check(&s, a, sc, e, SP_ERRORS_MAX), 0);
    assert_int_equal(sc[0], 2);
    assert_int_equal(sc[1], -1);
    assert_int_equal(sc[2], 5);
    json_decref(a);
    a = json_loads("[{\"code\":\"C1\",\"score\":6},{\"code\":\"X\",\"score\":2},"
                   "{\"code\":\"A1\",\"score\":2},{\"code\":\"A1\",\"score\":3}]",
                   0, NULL);
    /* four answers for three questions: refused as a whole */
    assert_int_equal(sp_answers_check(&s, a, sc, e, SP_ERRORS_MAX), 1);
    assert_string_equal(e[0].field, "answers");
    json_decref(a);
    a = json_loads("[{\"code\":\"C1\",\"score\":6},{\"code\":\"X\",\"score\":2},"
                   "{\"code\":\"C1\",\"score\":\"5\"}]",
                   0, NULL);
    size_t n = sp_answers_check(&s, a, sc, e, SP_ERRORS_MAX);
    assert_int_equal(n, 3);
    assert_string_equal(e[0].field, "answers[0].score");
    assert_string_equal(e[1].field, "answers[1].code");
    assert_string_equal(e[2].field, "answers[2].score");
    json_decref(a);
    a = json_loads("[]", 0, NULL);
    assert_int_equal(sp_answers_check(&s, a, sc, e, SP_ERRORS_MAX), 1);
    json_decref(a);
}

static void test_figures(void **st) {
    (void)st;
    struct sp_survey s;
    struct sp_error e[SP_ERRORS_MAX];
    assert_int_equal(check(QS, SCALE, &s, e), 0);
    struct sp_tally t = {0, 0, 0}, u = {0, 0, 0};
    assert_int_equal(sp_mean_h(&t), -1);
    assert_int_equal(sp_share_h(&t), -1);
    sp_tally_add(&t, &s, 5, 1);
    sp_tally_add(&t, &s, 4, 1);
    sp_tally_add(&t, &s, 2, 1);
    /* mean 11/3 = 3.666.. -> 367; satisfied 2/3 = 66.666..% -> 6667 */
    assert_int_equal(sp_mean_h(&t), 367);
    assert_int_equal(sp_share_h(&t), 6667);
    sp_tally_add(&u, &s, 3, 5);
    sp_tally_merge(&t, &u);
    assert_int_equal(t.count, 8);
    assert_int_equal(t.sum, 26);
    assert_int_equal(t.satisfied, 2);
    /* 26/8 = 3.25; 2/8 = 25.00% */
    assert_int_equal(sp_mean_h(&t), 325);
    assert_int_equal(sp_share_h(&t), 2500);
    /* half up: 1/8 = 12.5% exactly -> 1250; 1/16 = 6.25% -> 625; 1/32 = 3.125% -> 313 */
    struct sp_tally h = {32, 32, 1};
    assert_int_equal(sp_share_h(&h), 313);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_survey), cmocka_unit_test(test_bad_questions),
        cmocka_unit_test(test_bad_scale),   cmocka_unit_test(test_answers),
        cmocka_unit_test(test_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
