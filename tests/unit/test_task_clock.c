/* Unit tests for core/task_clock: the tasks rule set and which reminder falls on a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/task_clock.h"
#include "unit_helpers.h"

/* Days off and the working Saturday around Tet and 30/4 2025 (as in 003_holidays.sql). */
static const char *const OFF[] = {"2025-01-01", "2025-01-27", "2025-01-28",
                                  "2025-01-29", "2025-01-30", "2025-01-31",
                                  "2025-04-30", "2025-05-01", "2025-05-02"};
static long off_days[sizeof OFF / sizeof OFF[0]], work_days[1];

static struct holidays calendar(void) {
    size_t n = sizeof OFF / sizeof OFF[0];
    for (size_t i = 0; i < n; i++) off_days[i] = ymd_to_days(D(OFF[i]));
    work_days[0] = ymd_to_days(D("2025-04-26"));
    struct holidays h = {off_days, n, work_days, 1};
    return h;
}

static struct task_rules defaults(void) {
    struct task_rules r;
    task_rules_from_json(NULL, &r);
    return r;
}

/* The reminder id on today for due (rules r), "" when none; *ov gets the overdue flag. */
static const char *rid(const char *due, const char *today, const struct task_rules *r, int *ov) {
    static char out[8];
    struct holidays h = calendar();
    int dummy;
    if (!task_reminder(D(due), D(today), r, &h, out, ov ? ov : &dummy)) return "";
    return out;
}

static void test_defaults_and_json(void **state) {
    (void)state;
    struct task_rules r = defaults();
    assert_int_equal(r.nbefore, 2);
    assert_int_equal(r.remind_before[0], 5);
    assert_int_equal(r.remind_before[1], 1);
    assert_int_equal(r.every, 5);
    assert_int_equal(r.overdue_max, 6);
    json_t *j = json_loads("{\"remind_before_working_days\":[10,3,0],"
                           "\"overdue_every_working_days\":2,\"overdue_max\":3}",
                           0, NULL);
    task_rules_from_json(j, &r);
    json_decref(j);
    assert_int_equal(r.nbefore, 3);
    assert_int_equal(r.remind_before[0], 10);
    assert_int_equal(r.remind_before[2], 0);
    assert_int_equal(r.every, 2);
    assert_int_equal(r.overdue_max, 3);
    /* bad values keep their defaults: a negative element, every 0, a string, a long list */
    j = json_loads("{\"remind_before_working_days\":[3,-1],\"overdue_every_working_days\":0,"
                   "\"overdue_max\":\"6\"}",
                   0, NULL);
    task_rules_from_json(j, &r);
    json_decref(j);
    assert_int_equal(r.nbefore, 2);
    assert_int_equal(r.remind_before[0], 5);
    assert_int_equal(r.every, 5);
    assert_int_equal(r.overdue_max, 6);
    j = json_loads("{\"remind_before_working_days\":[1,2,3,4,5,6,7,8,9]}", 0, NULL);
    task_rules_from_json(j, &r);
    json_decref(j);
    assert_int_equal(r.nbefore, 2);
    j = json_loads("[1]", 0, NULL);
    task_rules_from_json(j, &r);
    json_decref(j);
    assert_int_equal(r.every, 5);
}

/* Due Friday 2025-03-14: b5 on 03-07, b1 on 03-13, o1 on 03-21, o2 on 03-28. */
static void test_plain_weeks(void **state) {
    (void)state;
    struct task_rules r = defaults();
    int ov = -1;
    assert_string_equal(rid("2025-03-14", "2025-03-06", &r, &ov), "");
    assert_string_equal(rid("2025-03-14", "2025-01-01", &r, NULL), "");
    assert_string_equal(rid("2025-03-14", "2025-03-07", &r, &ov), "b5");
    assert_int_equal(ov, 0);
    assert_string_equal(rid("2025-03-14", "2025-03-12", &r, NULL), "b5");
    assert_string_equal(rid("2025-03-14", "2025-03-13", &r, NULL), "b1");
    /* the due day itself and the days after it until the first overdue reminder: still b1 */
    assert_string_equal(rid("2025-03-14", "2025-03-14", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-14", "2025-03-20", &r, &ov), "b1");
    assert_int_equal(ov, 0);
    assert_string_equal(rid("2025-03-14", "2025-03-21", &r, &ov), "o1");
    assert_int_equal(ov, 1);
    assert_string_equal(rid("2025-03-14", "2025-03-27", &r, NULL), "o1");
    assert_string_equal(rid("2025-03-14", "2025-03-28", &r, NULL), "o2");
}

/* Weekends: a Monday due date's b1 is the Friday before; a reminder falling on the weekend's
 * eve is still the latest one on Saturday and Sunday. */
static void test_weekends(void **state) {
    (void)state;
    struct task_rules r = defaults();
    assert_string_equal(rid("2025-03-17", "2025-03-09", &r, NULL), "");
    assert_string_equal(rid("2025-03-17", "2025-03-10", &r, NULL), "b5");
    assert_string_equal(rid("2025-03-17", "2025-03-13", &r, NULL), "b5");
    assert_string_equal(rid("2025-03-17", "2025-03-14", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-17", "2025-03-15", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-17", "2025-03-16", &r, NULL), "b1");
    /* due on a Saturday: its b1 is Friday, its o1 the fifth working day after (Friday next) */
    assert_string_equal(rid("2025-03-15", "2025-03-14", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-15", "2025-03-20", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-15", "2025-03-21", &r, NULL), "o1");
    /* overdue reminders on a weekend stay those of the Friday */
    assert_string_equal(rid("2025-03-14", "2025-03-22", &r, NULL), "o1");
    assert_string_equal(rid("2025-03-14", "2025-03-23", &r, NULL), "o1");
}

/* Tet 2025 (27-31/1 off): due Monday 3/2 has b1 on Friday 24/1 and b5 on Monday 20/1. 30/4-2/5
 * off and Saturday 26/4 worked: due Friday 25/4 has o1 on Tuesday 6/5. */
static void test_holidays(void **state) {
    (void)state;
    struct task_rules r = defaults();
    assert_string_equal(rid("2025-02-03", "2025-01-17", &r, NULL), "");
    assert_string_equal(rid("2025-02-03", "2025-01-20", &r, NULL), "b5");
    assert_string_equal(rid("2025-02-03", "2025-01-23", &r, NULL), "b5");
    assert_string_equal(rid("2025-02-03", "2025-01-24", &r, NULL), "b1");
    assert_string_equal(rid("2025-02-03", "2025-01-29", &r, NULL), "b1");
    assert_string_equal(rid("2025-04-25", "2025-05-05", &r, NULL), "b1");
    assert_string_equal(rid("2025-04-25", "2025-05-06", &r, NULL), "o1");
    /* the working Saturday counts before a due date too: due Monday 28/4, b1 on Saturday 26/4 */
    assert_string_equal(rid("2025-04-28", "2025-04-26", &r, NULL), "b1");
    assert_string_equal(rid("2025-04-28", "2025-04-25", &r, NULL), "b5");
}

/* At most overdue_max repetitions: due 14/3, o6 on 25/4 and for ever after. */
static void test_overdue_max(void **state) {
    (void)state;
    struct task_rules r = defaults();
    assert_string_equal(rid("2025-03-14", "2025-04-24", &r, NULL), "o5");
    assert_string_equal(rid("2025-03-14", "2025-04-25", &r, NULL), "o6");
    assert_string_equal(rid("2025-03-14", "2025-06-30", &r, NULL), "o6");
    r.overdue_max = 0; /* no overdue reminders: the last before one stays */
    assert_string_equal(rid("2025-03-14", "2025-06-30", &r, NULL), "b1");
    r = defaults();
    r.every = 1;
    assert_string_equal(rid("2025-03-14", "2025-03-17", &r, NULL), "o1");
    assert_string_equal(rid("2025-03-14", "2025-03-19", &r, NULL), "o3");
}

/* Lists in any order, a reminder on the due day (0), and no before reminders at all. */
static void test_lists(void **state) {
    (void)state;
    struct task_rules r = defaults();
    r.remind_before[0] = 0, r.remind_before[1] = 3, r.remind_before[2] = 1, r.nbefore = 3;
    assert_string_equal(rid("2025-03-14", "2025-03-10", &r, NULL), "");
    assert_string_equal(rid("2025-03-14", "2025-03-11", &r, NULL), "b3");
    assert_string_equal(rid("2025-03-14", "2025-03-13", &r, NULL), "b1");
    assert_string_equal(rid("2025-03-14", "2025-03-14", &r, NULL), "b0");
    r.nbefore = 0;
    assert_string_equal(rid("2025-03-14", "2025-03-14", &r, NULL), "");
    assert_string_equal(rid("2025-03-14", "2025-03-20", &r, NULL), "");
    assert_string_equal(rid("2025-03-14", "2025-03-21", &r, NULL), "o1");
    r.nbefore = 99; /* a caller-built struct reads no further than the 8 slots */
    r.remind_before[3] = r.remind_before[4] = r.remind_before[5] = r.remind_before[6] =
        r.remind_before[7] = 2;
    assert_string_equal(rid("2025-03-14", "2025-03-14", &r, NULL), "b0");
    /* no holiday calendar: weekends only */
    char out[8];
    struct task_rules d = defaults();
    assert_int_equal(task_reminder(D("2025-01-28"), D("2025-01-27"), &d, NULL, out, NULL), 1);
    assert_string_equal(out, "b1");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_json), cmocka_unit_test(test_plain_weeks),
        cmocka_unit_test(test_weekends),          cmocka_unit_test(test_holidays),
        cmocka_unit_test(test_overdue_max),       cmocka_unit_test(test_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
