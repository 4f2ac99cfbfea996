/* Unit tests for core/impact_clock: the impact rule set and the appraisal deadline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/impact_clock.h"
#include "unit_helpers.h"

/* The days off around 30/4 2025 and the working Saturday before them (003_holidays.sql). */
static long off_days[3], work_days[1];

static struct holidays calendar(void) {
    off_days[0] = ymd_to_days(D("2025-04-30"));
    off_days[1] = ymd_to_days(D("2025-05-01"));
    off_days[2] = ymd_to_days(D("2025-05-02"));
    work_days[0] = ymd_to_days(D("2025-04-26"));
    struct holidays h = {off_days, 3, work_days, 1};
    return h;
}

static const struct ymd NONE = {0, 0, 0};

static void test_rules(void **state) {
    (void)state;
    struct impact_rules r;
    impact_rules_from_json(NULL, &r);
    assert_int_equal(r.appraisal_days, 10);
    assert_string_equal(r.appraiser_code, "STP");
    json_t *j = json_loads("{\"appraisal_days\":15,\"appraiser_unit_code\":\"SoTP\"}", 0, NULL);
    impact_rules_from_json(j, &r);
    assert_int_equal(r.appraisal_days, 15);
    assert_string_equal(r.appraiser_code, "SoTP");
    json_decref(j);
    /* Bad values keep the default, key by key. */
    j = json_loads("{\"appraisal_days\":0,\"appraiser_unit_code\":\"\"}", 0, NULL);
    impact_rules_from_json(j, &r);
    assert_int_equal(r.appraisal_days, 10);
    assert_string_equal(r.appraiser_code, "STP");
    json_decref(j);
    j = json_loads("{\"appraisal_days\":\"10\",\"appraiser_unit_code\":"
                   "\"A_CODE_FAR_TOO_LONG_FOR_ANY_UNIT_OF_THE_TREE\"}",
                   0, NULL);
    impact_rules_from_json(j, &r);
    assert_int_equal(r.appraisal_days, 10);
    assert_string_equal(r.appraiser_code, "STP");
    json_decref(j);
}

static void test_due_over_holidays(void **state) {
    (void)state;
    struct holidays h = calendar();
    struct impact_clock c;
    /* Sent Thursday 24/4/2025: 25 (Fri), 26 (working Sat), 28, 29, then 30/4-2/5 off, 5..9 May,
     * 12 May: the tenth working day is Monday 12 May. */
    impact_clock(D("2025-04-24"), 10, NONE, &h, D("2025-04-24"), &c);
    assert_date(c.due, "2025-05-12");
    assert_int_equal(c.days_left, 10);
    assert_int_equal(c.overdue, 0);
    impact_clock(D("2025-04-24"), 10, NONE, &h, D("2025-05-12"), &c);
    assert_int_equal(c.days_left, 0);
    assert_int_equal(c.overdue, 0);
    impact_clock(D("2025-04-24"), 10, NONE, &h, D("2025-05-14"), &c);
    assert_int_equal(c.overdue, 1);
    assert_int_equal(c.days_left, -2);
    /* Weekends only without a calendar. */
    impact_clock(D("2025-04-24"), 10, NONE, NULL, D("2025-04-24"), &c);
    assert_date(c.due, "2025-05-08");
}

static void test_no_clock_and_appraised(void **state) {
    (void)state;
    struct impact_clock c;
    impact_clock(NONE, 10, NONE, NULL, D("2025-04-24"), &c);
    assert_int_equal(c.due.y, 0);
    assert_int_equal(c.overdue, 0);
    impact_clock(D("2025-04-24"), 0, NONE, NULL, D("2025-04-24"), &c);
    assert_int_equal(c.due.y, 0);
    /* Appraised on time, long ago: not overdue whatever today is. */
    impact_clock(D("2025-04-24"), 10, D("2025-05-08"), NULL, D("2026-01-01"), &c);
    assert_date(c.due, "2025-05-08");
    assert_int_equal(c.overdue, 0);
    assert_int_equal(c.days_left, 0);
    /* Appraised late: the opinion came after the due date. */
    impact_clock(D("2025-04-24"), 10, D("2025-05-09"), NULL, D("2026-01-01"), &c);
    assert_int_equal(c.overdue, 1);
    /* A huge limit from a rule set past year 9999: no clock rather than a bogus date. */
    impact_clock(D("9999-12-01"), 250, NONE, NULL, D("9999-12-01"), &c);
    assert_int_equal(c.due.y, 0);
}

static const char *perr(const char *text) {
    json_t *j = json_loads(text, 0, NULL);
    assert_non_null(j);
    const char *e = impact_procedures_error(j);
    json_decref(j);
    return e;
}

static const char *aerr(const char *text) {
    json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);
    assert_non_null(j);
    const char *e = impact_answers_error(j);
    json_decref(j);
    return e;
}

static void test_procedures(void **state) {
    (void)state;
    assert_null(perr("[]"));
    assert_null(perr("[{\"action\":\"create\",\"name\":\"Cấp phép\"},"
                     "{\"action\":\"change\",\"name\":\"Đăng ký\",\"procedure_id\":12},"
                     "{\"action\":\"abolish\",\"name\":\"X\",\"procedure_id\":null}]"));
    assert_non_null(perr("{}"));
    assert_non_null(perr("[{\"action\":\"rename\",\"name\":\"X\"}]"));
    assert_non_null(perr("[{\"action\":\"create\",\"name\":\"\"}]"));
    assert_non_null(perr("[{\"action\":\"create\",\"name\":\"X\",\"procedure_id\":3}]"));
    assert_non_null(perr("[{\"action\":\"change\",\"name\":\"X\",\"procedure_id\":0}]"));
    assert_non_null(perr("[{\"action\":\"change\",\"name\":\"X\",\"extra\":1}]"));
    assert_non_null(perr("[1]"));
}

static void test_answers(void **state) {
    (void)state;
    assert_null(aerr("{}"));
    assert_null(aerr("{\"necessity\":\"Cần thiết\",\"reasonableness\":null,"
                     "\"lawfulness\":\"Hợp pháp\",\"cost\":\"\",\"cost_vnd\":1500000}"));
    assert_non_null(aerr("[]"));
    assert_non_null(aerr("{\"other\":\"x\"}"));
    assert_non_null(aerr("{\"necessity\":5}"));
    assert_non_null(aerr("{\"cost_vnd\":-1}"));
    assert_non_null(aerr("{\"cost_vnd\":1.5}"));
    assert_non_null(aerr("{\"cost_vnd\":1000000000000001}"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_due_over_holidays),
        cmocka_unit_test(test_no_clock_and_appraised),
        cmocka_unit_test(test_procedures),
        cmocka_unit_test(test_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
