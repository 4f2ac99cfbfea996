/* Unit tests for core/progress: overdue, done late, due soon across weekends and holidays, and the
 * missing-period rule of continuous and recurring tasks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/period.h"
#include "core/progress.h"
#include "core/timeline.h"
#include "unit_helpers.h"

static const struct ymd NONE = {0, 0, 0};

/* Tết 2023 and other 2023 days off (a subset of the seeded holidays table), plus one working
 * Saturday made up for the test. */
static const char *const OFF[] = {"2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24",
                                  "2023-01-25", "2023-01-26", "2023-05-01", "2023-05-02",
                                  "2023-05-03", "2023-09-01", "2023-09-04"};
static const char *const WORK[] = {"2023-03-11"}; /* a made-up "làm bù" Saturday */
#define NOFF  (sizeof OFF / sizeof OFF[0])
#define NWORK (sizeof WORK / sizeof WORK[0])
static long off_days[NOFF], work_days[NWORK];

static const struct holidays *calendar(void) {
    static struct holidays h;
    for (size_t i = 0; i < NOFF; i++) off_days[i] = ymd_to_days(D(OFF[i]));
    for (size_t i = 0; i < NWORK; i++) work_days[i] = ymd_to_days(D(WORK[i]));
    h = (struct holidays){off_days, NOFF, work_days, NWORK};
    return &h;
}

/* The state of an assignment; dates as text ("" = unset). */
static struct asg_state state_of(const char *status, const char *due, const char *done,
                                 const char *today, unsigned recurrence, const char *start,
                                 const char *last_update, const struct holidays *h, int soon) {
    struct asg_facts f = {.status = status,
                          .due = *due ? D(due) : NONE,
                          .done = *done ? D(done) : NONE,
                          .today = D(today),
                          .recurrence = recurrence,
                          .start = *start ? D(start) : NONE,
                          .last_update = *last_update ? D(last_update) : NONE};
    struct asg_state s;
    memset(&s, 0x5a, sizeof s); /* every field must be set */
    assignment_state(&f, h, soon, &s);
    return s;
}

/* A one-off task: status, due, done, today. */
static struct asg_state simple(const char *status, const char *due, const char *done,
                               const char *today) {
    return state_of(status, due, done, today, 0, "", "", calendar(), 5);
}

/* ---- overdue -------------------------------------------------------------------------------- */

static void test_overdue_when_due_passed_and_not_done(void **state) {
    (void)state;
    const char *open[] = {"not_started", "in_progress", "blocked"};
    for (size_t i = 0; i < 3; i++) {
        struct asg_state s = simple(open[i], "2023-03-31", "", "2023-04-01");
        assert_string_equal(s.state, "overdue");
        assert_true(s.overdue);
        assert_false(s.due_soon);
        assert_false(s.missing_report);
    }
    /* A NULL status counts as not started. */
    struct asg_state s = state_of(NULL, "2023-03-31", "", "2023-04-01", 0, "", "", NULL, 5);
    assert_string_equal(s.state, "overdue");
    assert_true(s.overdue);
}

static void test_not_overdue_on_the_due_day(void **state) {
    (void)state;
    struct asg_state s = simple("in_progress", "2023-03-31", "", "2023-03-31");
    assert_string_equal(s.state, "in_progress");
    assert_false(s.overdue);
    assert_true(s.due_soon);
    s = simple("not_started", "2023-03-31", "", "2023-03-30");
    assert_string_equal(s.state, "not_started");
    assert_false(s.overdue);
    s = simple("blocked", "2023-12-31", "", "2023-03-30");
    assert_string_equal(s.state, "blocked");
    assert_false(s.overdue);
    assert_false(s.due_soon);
}

static void test_no_due_date_is_never_overdue(void **state) {
    (void)state;
    /* Event not yet recorded, on request, reference: no due date. */
    struct asg_state s = simple("not_started", "", "", "2030-01-01");
    assert_string_equal(s.state, "not_started");
    assert_false(s.overdue);
    assert_false(s.due_soon);
    assert_false(s.missing_report);
    s = simple("blocked", "", "", "2030-01-01");
    assert_string_equal(s.state, "blocked");
    assert_false(s.overdue);
}

/* ---- done, done late ------------------------------------------------------------------------ */

static void test_done_on_time_and_late(void **state) {
    (void)state;
    struct asg_state s = simple("done", "2023-03-31", "2023-03-31", "2023-06-01");
    assert_string_equal(s.state, "done");
    assert_false(s.overdue);
    assert_false(s.due_soon);
    s = simple("done", "2023-03-31", "2023-03-15", "2023-06-01");
    assert_string_equal(s.state, "done");
    s = simple("done", "2023-03-31", "2023-04-01", "2023-06-01");
    assert_string_equal(s.state, "done_late");
    assert_false(s.overdue);
    /* Done before the due date even if today is long after it. */
    s = simple("done", "2023-03-31", "2023-03-01", "2026-01-01");
    assert_string_equal(s.state, "done");
    /* Done without a due date, or with an unknown done date: plain done. */
    s = simple("done", "", "2023-04-01", "2023-06-01");
    assert_string_equal(s.state, "done");
    s = simple("done", "2023-03-31", "", "2023-06-01");
    assert_string_equal(s.state, "done");
    /* Done is never due soon, even a day before the due date. */
    s = simple("done", "2023-03-31", "2023-03-30", "2023-03-30");
    assert_string_equal(s.state, "done");
    assert_false(s.due_soon);
}

/* ---- due soon: five working days ahead ------------------------------------------------------- */

static void test_due_soon_across_a_weekend(void **state) {
    (void)state;
    /* Fri 03/03/2023: 5 working days ahead is Fri 10/03. */
    assert_true(simple("not_started", "2023-03-09", "", "2023-03-03").due_soon);
    assert_true(simple("not_started", "2023-03-10", "", "2023-03-03").due_soon);
    assert_false(simple("not_started", "2023-03-13", "", "2023-03-03").due_soon);
    /* Due on the weekend right ahead. */
    assert_true(simple("in_progress", "2023-03-05", "", "2023-03-03").due_soon);
    /* From a Saturday the window starts on Monday: Sat 04/03 -> Fri 10/03. */
    assert_true(simple("in_progress", "2023-03-10", "", "2023-03-04").due_soon);
    assert_false(simple("in_progress", "2023-03-13", "", "2023-03-04").due_soon);
}

static void test_due_soon_across_tet(void **state) {
    (void)state;
    /* Thu 19/01/2023: 20/01 and 23-26/01 are Tết, so 5 working days ahead is Thu 02/02. */
    assert_true(simple("not_started", "2023-02-01", "", "2023-01-19").due_soon);
    assert_true(simple("not_started", "2023-02-02", "", "2023-01-19").due_soon);
    assert_false(simple("not_started", "2023-02-03", "", "2023-01-19").due_soon);
    /* Without the holiday calendar the window would end on Thu 26/01. */
    struct asg_state s =
        state_of("not_started", "2023-02-01", "", "2023-01-19", 0, "", "", NULL, 5);
    assert_false(s.due_soon);
    s = state_of("not_started", "2023-01-26", "", "2023-01-19", 0, "", "", NULL, 5);
    assert_true(s.due_soon);
    /* 30/04-03/05/2023: Fri 28/04 + 5 working days = Wed 10/05 (01-03/05 off). */
    assert_true(simple("in_progress", "2023-05-10", "", "2023-04-28").due_soon);
    assert_false(simple("in_progress", "2023-05-11", "", "2023-04-28").due_soon);
    assert_true(
        state_of("in_progress", "2023-05-05", "", "2023-04-28", 0, "", "", NULL, 5).due_soon);
    assert_false(
        state_of("in_progress", "2023-05-08", "", "2023-04-28", 0, "", "", NULL, 5).due_soon);
}

static void test_due_soon_with_a_working_saturday(void **state) {
    (void)state;
    /* Sat 11/03/2023 is a working day here: Wed 08/03 + 5 working days = Tue 14/03 (not Wed 15). */
    assert_true(simple("not_started", "2023-03-14", "", "2023-03-08").due_soon);
    assert_false(simple("not_started", "2023-03-15", "", "2023-03-08").due_soon);
    struct asg_state s =
        state_of("not_started", "2023-03-15", "", "2023-03-08", 0, "", "", NULL, 5);
    assert_true(s.due_soon);
}

static void test_due_soon_window_is_a_parameter(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    /* One working day: Fri 03/03 -> Mon 06/03. */
    assert_true(state_of("not_started", "2023-03-06", "", "2023-03-03", 0, "", "", h, 1).due_soon);
    assert_false(state_of("not_started", "2023-03-07", "", "2023-03-03", 0, "", "", h, 1).due_soon);
    /* Zero or negative: never due soon. */
    assert_false(state_of("not_started", "2023-03-03", "", "2023-03-03", 0, "", "", h, 0).due_soon);
    assert_false(
        state_of("not_started", "2023-03-04", "", "2023-03-03", 0, "", "", h, -3).due_soon);
    /* A huge window from a rule set costs nothing and covers everything ahead. */
    assert_true(
        state_of("not_started", "2030-12-31", "", "2023-03-03", 0, "", "", h, 100000).due_soon);
}

/* ---- continuous and recurring: one report per period ---------------------------------------- */

static void test_quarterly_missing_report(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    /* A continuous task reports quarterly; in April the first quarter must have a report. */
    struct asg_state s = state_of("in_progress", "2023-12-31", "", "2023-04-10", TL_REC_QUARTERLY,
                                  "2023-01-01", "", h, 5);
    assert_true(s.missing_report);
    assert_true(s.overdue);
    assert_string_equal(s.state, "overdue");
    assert_false(s.due_soon);
    assert_date(s.missing_period_end, "2023-03-31");
    /* A report inside the quarter covers it. */
    s = state_of("in_progress", "2023-12-31", "", "2023-04-10", TL_REC_QUARTERLY, "2023-01-01",
                 "2023-02-15", h, 5);
    assert_false(s.missing_report);
    assert_false(s.overdue);
    assert_string_equal(s.state, "in_progress");
    /* So does a late one, posted after the quarter ended. */
    s = state_of("in_progress", "2023-12-31", "", "2023-04-10", TL_REC_QUARTERLY, "2023-01-01",
                 "2023-04-03", h, 5);
    assert_false(s.missing_report);
    /* A report from before the quarter does not. */
    s = state_of("in_progress", "2023-12-31", "", "2023-04-10", TL_REC_QUARTERLY, "2023-01-01",
                 "2022-12-20", h, 5);
    assert_true(s.missing_report);
    /* Later in the year only the latest finished quarter counts: Q2 for a day in August. */
    s = state_of("in_progress", "2023-12-31", "", "2023-08-20", TL_REC_QUARTERLY, "2023-01-01",
                 "2023-03-20", h, 5);
    assert_true(s.missing_report);
    assert_date(s.missing_period_end, "2023-06-30");
    s = state_of("in_progress", "2023-12-31", "", "2023-08-20", TL_REC_QUARTERLY, "2023-01-01",
                 "2023-05-20", h, 5);
    assert_false(s.missing_report);
}

static void test_monthly_missing_report(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    struct asg_state s = state_of("not_started", "2023-12-31", "", "2023-05-03", TL_REC_MONTHLY,
                                  "2023-01-01", "2023-03-31", h, 5);
    assert_true(s.missing_report);
    assert_true(s.overdue);
    assert_date(s.missing_period_end, "2023-04-30");
    s = state_of("not_started", "2023-12-31", "", "2023-05-03", TL_REC_MONTHLY, "2023-01-01",
                 "2023-04-30", h, 5);
    assert_false(s.missing_report);
    assert_false(s.overdue);
    /* The finest recurrence named wins: "monthly and quarterly" reports monthly. */
    s = state_of("in_progress", "2023-12-31", "", "2023-05-03",
                 TL_REC_MONTHLY | TL_REC_QUARTERLY | TL_REC_YEARLY, "2023-01-01", "2023-04-02", h,
                 5);
    assert_false(s.missing_report);
    s = state_of("in_progress", "2023-12-31", "", "2023-06-03",
                 TL_REC_MONTHLY | TL_REC_QUARTERLY | TL_REC_YEARLY, "2023-01-01", "2023-04-02", h,
                 5);
    assert_true(s.missing_report);
    assert_date(s.missing_period_end, "2023-05-31");
}

static void test_half_yearly_and_yearly(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    struct asg_state s = state_of("in_progress", "2023-12-31", "", "2023-07-05", TL_REC_HALF_YEARLY,
                                  "2023-01-01", "", h, 5);
    assert_true(s.missing_report);
    assert_date(s.missing_period_end, "2023-06-30");
    s = state_of("in_progress", "2023-12-31", "", "2023-06-29", TL_REC_HALF_YEARLY, "2023-01-01",
                 "", h, 5);
    assert_false(s.missing_report);
    /* A yearly report for a task running over several years: 2023 needs one in 2024. */
    s = state_of("in_progress", "2025-12-31", "", "2024-02-01", TL_REC_YEARLY, "2023-01-01",
                 "2023-11-30", h, 5);
    assert_false(s.missing_report);
    s = state_of("in_progress", "2025-12-31", "", "2024-02-01", TL_REC_YEARLY, "2023-01-01",
                 "2022-12-30", h, 5);
    assert_true(s.missing_report);
    assert_date(s.missing_period_end, "2023-12-31");
}

static void test_no_period_finished_since_start(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    /* Started mid-April: in April no quarter has finished since the start. */
    struct asg_state s = state_of("not_started", "2023-12-31", "", "2023-04-20", TL_REC_QUARTERLY,
                                  "2023-04-15", "", h, 5);
    assert_false(s.missing_report);
    assert_false(s.overdue);
    /* Started in February: the first quarter (which it ran in) must be reported in April. */
    s = state_of("not_started", "2023-12-31", "", "2023-04-05", TL_REC_QUARTERLY, "2023-02-10", "",
                 h, 5);
    assert_true(s.missing_report);
    /* No start given: the task runs from 1 January of its due year; in January nothing is due. */
    s = state_of("not_started", "2023-12-31", "", "2023-01-10", TL_REC_MONTHLY, "", "", h, 5);
    assert_false(s.missing_report);
    s = state_of("not_started", "2023-12-31", "", "2023-02-10", TL_REC_MONTHLY, "", "", h, 5);
    assert_true(s.missing_report);
    assert_date(s.missing_period_end, "2023-01-31");
    /* Neither a start nor a due date: the year of today. */
    s = state_of("not_started", "", "", "2023-01-10", TL_REC_MONTHLY, "", "", h, 5);
    assert_false(s.missing_report);
}

static void test_periodic_done_and_overdue_precedence(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    /* Done: no period is chased any more. */
    struct asg_state s = state_of("done", "2023-12-31", "2023-12-20", "2024-02-01", TL_REC_MONTHLY,
                                  "2023-01-01", "", h, 5);
    assert_string_equal(s.state, "done");
    assert_false(s.missing_report);
    assert_false(s.overdue);
    /* Past the due date it is plainly overdue (the due date comes first). */
    s = state_of("in_progress", "2023-12-31", "", "2024-02-01", TL_REC_MONTHLY, "2023-01-01",
                 "2024-01-15", h, 5);
    assert_true(s.overdue);
    assert_string_equal(s.state, "overdue");
    /* Missing a report and due soon at once: overdue wins, due soon is not shown. */
    s = state_of("in_progress", "2023-04-05", "", "2023-04-03", TL_REC_MONTHLY, "2023-01-01",
                 "2023-02-20", h, 5);
    assert_true(s.missing_report);
    assert_true(s.overdue);
    assert_false(s.due_soon);
    /* Reported and close to the end: due soon. */
    s = state_of("in_progress", "2023-04-05", "", "2023-04-03", TL_REC_MONTHLY, "2023-01-01",
                 "2023-03-30", h, 5);
    assert_false(s.overdue);
    assert_true(s.due_soon);
}

/* ---- periods and labels --------------------------------------------------------------------- */

static void test_recurrence_period_and_label(void **state) {
    (void)state;
    struct ymd from, to;
    char label[16];
    recurrence_period(TL_REC_MONTHLY, D("2024-02-10"), &from, &to);
    assert_date(from, "2024-02-01");
    assert_date(to, "2024-02-29");
    recurrence_period(TL_REC_QUARTERLY, D("2023-05-20"), &from, &to);
    assert_date(from, "2023-04-01");
    assert_date(to, "2023-06-30");
    recurrence_period(TL_REC_HALF_YEARLY, D("2023-07-01"), &from, &to);
    assert_date(from, "2023-07-01");
    assert_date(to, "2023-12-31");
    recurrence_period(TL_REC_YEARLY, D("2023-07-01"), &from, &to);
    assert_date(from, "2023-01-01");
    assert_date(to, "2023-12-31");
    recurrence_label(TL_REC_MONTHLY, D("2023-03-15"), label);
    assert_string_equal(label, "2023-03");
    recurrence_label(TL_REC_QUARTERLY, D("2023-03-15"), label);
    assert_string_equal(label, "2023-Q1");
    recurrence_label(TL_REC_QUARTERLY, D("2023-12-31"), label);
    assert_string_equal(label, "2023-Q4");
    recurrence_label(TL_REC_HALF_YEARLY, D("2023-06-30"), label);
    assert_string_equal(label, "2023-H1");
    recurrence_label(TL_REC_HALF_YEARLY, D("2023-07-01"), label);
    assert_string_equal(label, "2023-H2");
    recurrence_label(TL_REC_YEARLY, D("2023-07-01"), label);
    assert_string_equal(label, "2023");
}

/* A sweep: for every day of 2023 and every status, the flags agree with their definitions. */
static void test_sweep_consistency(void **state) {
    (void)state;
    const struct holidays *h = calendar();
    const char *sts[] = {"not_started", "in_progress", "done", "blocked"};
    struct ymd due = D("2023-06-15");
    struct ymd limit0 = D("2023-01-01");
    for (long d = ymd_to_days(limit0); d < ymd_to_days(limit0) + 365; d++) {
        struct ymd today = days_to_ymd(d);
        for (size_t k = 0; k < 4; k++) {
            struct asg_facts f = {.status = sts[k], .due = due, .today = today};
            if (k == 2) f.done = today;
            struct asg_state s;
            assignment_state(&f, h, 5, &s);
            int done = k == 2;
            int past = ymd_cmp(today, due) > 0;
            assert_int_equal(s.overdue, !done && past);
            int soon = !done && !past && ymd_cmp(due, add_working_days(today, 5, h)) <= 0;
            assert_int_equal(s.due_soon, soon);
            if (done)
                assert_string_equal(s.state, past ? "done_late" : "done");
            else if (past)
                assert_string_equal(s.state, "overdue");
            else
                assert_string_equal(s.state, sts[k]);
            assert_false(s.missing_report);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overdue_when_due_passed_and_not_done),
        cmocka_unit_test(test_not_overdue_on_the_due_day),
        cmocka_unit_test(test_no_due_date_is_never_overdue),
        cmocka_unit_test(test_done_on_time_and_late),
        cmocka_unit_test(test_due_soon_across_a_weekend),
        cmocka_unit_test(test_due_soon_across_tet),
        cmocka_unit_test(test_due_soon_with_a_working_saturday),
        cmocka_unit_test(test_due_soon_window_is_a_parameter),
        cmocka_unit_test(test_quarterly_missing_report),
        cmocka_unit_test(test_monthly_missing_report),
        cmocka_unit_test(test_half_yearly_and_yearly),
        cmocka_unit_test(test_no_period_finished_since_start),
        cmocka_unit_test(test_periodic_done_and_overdue_precedence),
        cmocka_unit_test(test_recurrence_period_and_label),
        cmocka_unit_test(test_sweep_consistency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
