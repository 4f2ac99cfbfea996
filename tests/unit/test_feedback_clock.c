/* Unit tests for core/feedback_clock: deadlines in working days over weekends, holidays and
 * make-up working Saturdays, days left, overdue and due-soon verdicts and their SQL limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/feedback_clock.h"
#include "unit_helpers.h"

static const struct fb_rules RULES = {2, 5, 5, 15, 2};

/* Clocks: Mon 2023-01-16 intake, Tết 2023 (20-26 Jan off) in the calendar. */
static long tet[5];
static struct holidays tet_calendar(void) {
    const char *days[] = {"2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"};
    for (int i = 0; i < 5; i++) tet[i] = ymd_to_days(D(days[i]));
    struct holidays h = {tet, 5, NULL, 0};
    return h;
}

static void test_clock_new(void **state) {
    (void)state;
    struct holidays h = tet_calendar();
    struct fb_dates d = {.intake = D("2023-01-16")};
    struct fb_clock c;
    fb_clock(FB_NEW, &d, &RULES, &h, D("2023-01-16"), &c);
    /* 5 working days after Mon 16: 17, 18, 19, (20 and 23-26 off), 27, 30 */
    assert_date(c.due, "2023-01-30");
    assert_date(c.reject_due, "2023-01-18");
    assert_date(c.info_due, "2023-01-30");
    assert_int_equal(c.limit, 5);
    assert_int_equal(c.days_left, 5);
    assert_false(c.overdue);
    assert_false(c.due_soon);
    assert_string_equal(c.step, "coordinator");
    fb_clock(FB_NEW, &d, &RULES, &h, D("2023-01-27"), &c);
    assert_int_equal(c.days_left, 1);
    assert_true(c.due_soon);
    fb_clock(FB_NEW, &d, &RULES, &h, D("2023-01-30"), &c);
    assert_int_equal(c.days_left, 0);
    assert_true(c.due_soon);
    assert_false(c.overdue);
    fb_clock(FB_NEW, &d, &RULES, &h, D("2023-02-01"), &c);
    assert_true(c.overdue);
    assert_false(c.due_soon);
    assert_int_equal(c.days_left, -2);
    /* without the calendar: weekends only */
    fb_clock(FB_NEW, &d, &RULES, NULL, D("2023-01-16"), &c);
    assert_date(c.due, "2023-01-23");
}

static void test_clock_other_states(void **state) {
    (void)state;
    struct holidays h = tet_calendar();
    struct fb_dates d = {.intake = D("2023-01-02"),
                         .returned = D("2023-01-09"),
                         .forwarded = D("2023-01-04"),
                         .answered = D("2023-01-19")};
    struct fb_clock c;
    fb_clock(FB_FORWARDED, &d, &RULES, &h, D("2023-01-05"), &c);
    /* 15 working days after Wed 4 Jan: Jan 5,6,9..13,16..19 (11), 27, 30, 31, Feb 1 */
    assert_date(c.due, "2023-02-01");
    assert_string_equal(c.step, "unit");
    assert_int_equal(c.reject_due.y, 0);
    assert_false(c.due_soon);
    fb_clock(FB_PROCESSING, &d, &RULES, &h, D("2023-01-30"), &c);
    assert_date(c.due, "2023-02-01");
    assert_int_equal(c.days_left, 2);
    assert_true(c.due_soon); /* a fifth of 15 is 3 */
    fb_clock(FB_ANSWERED, &d, &RULES, &h, D("2023-01-19"), &c);
    assert_date(c.due, "2023-01-30"); /* 2 working days after Thu 19 Jan across Tết */
    assert_string_equal(c.step, "coordinator");
    fb_clock(FB_RETURNED, &d, &RULES, &h, D("2023-01-10"), &c);
    assert_date(c.due, "2023-01-16");
    fb_clock(FB_NEEDS_INFO, &d, &RULES, &h, D("2023-01-10"), &c);
    assert_int_equal(c.due.y, 0);
    assert_string_equal(c.step, "citizen");
    for (enum fb_state s = FB_REJECTED; s < FB_NSTATES; s++) {
        if (!fb_terminal(s)) continue;
        fb_clock(s, &d, &RULES, &h, D("2023-01-10"), &c);
        assert_int_equal(c.due.y, 0);
        assert_null(c.step);
        assert_false(c.overdue);
    }
    /* a clock whose start is unknown does not run */
    struct fb_dates none = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    fb_clock(FB_PROCESSING, &none, &RULES, &h, D("2023-01-10"), &c);
    assert_int_equal(c.due.y, 0);
    assert_false(c.overdue);
    /* a returned item without a return date counts from intake */
    struct fb_dates r = {.intake = D("2023-01-02")};
    fb_clock(FB_RETURNED, &r, &RULES, &h, D("2023-01-03"), &c);
    assert_date(c.due, "2023-01-09");
}

static void test_answer_due_and_threshold(void **state) {
    (void)state;
    struct holidays h = tet_calendar();
    /* 20 working days after Mon 16 Jan 2023 across Tết */
    assert_date(fb_answer_due(D("2023-01-16"), &RULES, &h), "2023-02-20");
    struct fb_rules other = {1, 1, 10, 30, 1};
    assert_date(fb_answer_due(D("2023-01-02"), &other, NULL), "2023-02-27"); /* 8 weeks */
    assert_int_equal(fb_soon_threshold(0), 1);
    assert_int_equal(fb_soon_threshold(2), 1);
    assert_int_equal(fb_soon_threshold(5), 1);
    assert_int_equal(fb_soon_threshold(6), 2);
    assert_int_equal(fb_soon_threshold(15), 3);
}

/* Days off 2023-2025 and the make-up working Saturdays (a subset of 003_holidays.sql), with
 * one day listed as both: the day off wins. */
static const char *const OFF[] = {
    "2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
    "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04", "2024-01-01",
    "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18",
    "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03", "2024-12-28",
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
};
static const char *const WORK[] = {"2024-05-04", "2024-12-28", "2025-04-26"};
#define NOFF  (sizeof OFF / sizeof OFF[0])
#define NWORK (sizeof WORK / sizeof WORK[0])
static long off_days[NOFF], work_days[NWORK];

static struct holidays full_calendar(void) {
    for (size_t i = 0; i < NOFF; i++) off_days[i] = ymd_to_days(D(OFF[i]));
    for (size_t i = 0; i < NWORK; i++) work_days[i] = ymd_to_days(D(WORK[i]));
    struct holidays h = {off_days, NOFF, work_days, NWORK};
    return h;
}

/* Reference working day: Mon-Fri or a listed working day, and never a listed day off. */
static int naive_working(long x) {
    for (size_t i = 0; i < NOFF; i++)
        if (off_days[i] == x) return 0;
    for (size_t i = 0; i < NWORK; i++)
        if (work_days[i] == x) return 1;
    return ymd_weekday(days_to_ymd(x)) < 5;
}

/* Reference deadline: walk day by day until n working days have passed. */
static struct ymd naive_due(struct ymd start, int n) {
    long x = ymd_to_days(start);
    for (int got = 0; got < n;)
        if (naive_working(++x)) got++;
    return days_to_ymd(x);
}

static void test_make_up_saturday(void **state) {
    (void)state;
    struct holidays h = full_calendar();
    struct fb_rules r = {1, 1, 2, 3, 1};
    /* Fri 26 Apr 2024; 29, 30 Apr and 1 May off; 2, 3 May; Sat 4 May is worked */
    assert_date(fb_forward_due(D("2024-04-26"), &r, &h), "2024-05-04");
    assert_date(fb_intake_due(D("2024-04-26"), &r, &h), "2024-05-03");
    /* a Saturday that is both a working day and a day off is off */
    assert_date(fb_intake_due(D("2024-12-27"), &r, &h), "2024-12-31");
    /* without the calendar, Saturdays never count */
    assert_date(fb_forward_due(D("2024-04-26"), &r, NULL), "2024-05-01");
    struct fb_dates d = {.forwarded = D("2024-04-26")};
    struct fb_clock c;
    fb_clock(FB_PROCESSING, &d, &r, &h, D("2024-05-03"), &c);
    assert_int_equal(c.days_left, 1);
    fb_clock(FB_PROCESSING, &d, &r, &h, D("2024-05-06"), &c);
    assert_true(c.overdue);
    assert_int_equal(c.days_left, -1);
}

/* Every start day over two years and every limit up to 40: the deadlines agree with a walk of
 * the calendar, and each deadline function agrees with the clock of its state. */
static void test_deadlines_match_reference(void **state) {
    (void)state;
    struct holidays h = full_calendar();
    long a = ymd_to_days(D("2023-06-01")), b = ymd_to_days(D("2025-06-30"));
    for (int n = 0; n <= 40; n += (n < 6 ? 1 : 7)) {
        struct fb_rules r = {n, n, n, n + 1, n};
        for (long x = a; x <= b; x++) {
            struct ymd s = days_to_ymd(x);
            struct fb_dates d = {.intake = s, .returned = s, .forwarded = s, .answered = s};
            struct fb_clock c;
            assert_int_equal(ymd_cmp(fb_intake_due(s, &r, &h), naive_due(s, n)), 0);
            assert_int_equal(ymd_cmp(fb_forward_due(s, &r, &h), naive_due(s, n + 1)), 0);
            assert_int_equal(ymd_cmp(fb_answer_due(s, &r, &h), naive_due(s, 2 * n + 1)), 0);
            fb_clock(FB_NEW, &d, &r, &h, s, &c);
            assert_int_equal(ymd_cmp(c.due, fb_intake_due(s, &r, &h)), 0);
            fb_clock(FB_FORWARDED, &d, &r, &h, s, &c);
            assert_int_equal(ymd_cmp(c.due, fb_forward_due(s, &r, &h)), 0);
        }
    }
}

/* fb_due is fb_clock's due in every state, whatever today is. */
static void test_due_matches_clock(void **state) {
    (void)state;
    struct holidays h = full_calendar();
    struct fb_dates d = {.intake = D("2024-02-05"),
                         .returned = D("2024-02-20"),
                         .forwarded = D("2024-04-25"),
                         .answered = D("2024-08-30")};
    struct fb_dates none = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    for (int s = FB_NONE; s < FB_NSTATES; s++) {
        for (int k = 0; k < 2; k++) {
            const struct fb_dates *dd = k ? &none : &d;
            struct fb_clock c;
            fb_clock((enum fb_state)s, dd, &RULES, &h, D("2024-06-01"), &c);
            struct ymd due = fb_due((enum fb_state)s, dd, &RULES, &h);
            assert_int_equal(ymd_cmp(due, c.due), 0);
            assert_int_equal(due.y != 0,
                             !k && s != FB_NEEDS_INFO && !fb_terminal(s) && s != FB_NONE);
        }
    }
    assert_date(fb_due(FB_ANSWERED, &d, &RULES, &h), "2024-09-05"); /* 2, 3 Sep off */
    assert_date(fb_due(FB_RETURNED, &d, &RULES, &h), "2024-02-27");
}

/* The SQL form of the verdicts: for every limit, start and today, overdue is due < today and,
 * when not overdue, due_soon is due < fb_soon_limit(limit, today). */
static void test_soon_limit_matches_clock(void **state) {
    (void)state;
    struct holidays h = full_calendar();
    const int limits[] = {0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 15, 16, 30};
    long a = ymd_to_days(D("2023-12-15")), b = ymd_to_days(D("2025-02-20"));
    for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
        struct fb_rules r = {0, 0, 0, limits[li], 0};
        for (long x = a; x <= b; x++) {
            struct fb_dates d = {.forwarded = days_to_ymd(x)};
            for (long t = x - 3; t <= x + 50; t++) {
                struct ymd today = days_to_ymd(t);
                struct fb_clock c;
                fb_clock(FB_PROCESSING, &d, &r, &h, today, &c);
                assert_int_equal(c.overdue, ymd_cmp(c.due, today) < 0);
                if (c.overdue) {
                    assert_false(c.due_soon);
                    continue;
                }
                int soon = ymd_cmp(c.due, fb_soon_limit(limits[li], &h, today)) < 0;
                assert_int_equal(c.due_soon, soon);
                assert_int_equal(c.due_soon, c.days_left <= fb_soon_threshold(limits[li]));
            }
        }
    }
}

static void test_soon_threshold_all_limits(void **state) {
    (void)state;
    for (int limit = 0; limit <= 400; limit++) {
        int t = fb_soon_threshold(limit);
        assert_true(t >= 1);
        /* a fifth of the limit, rounded up */
        if (limit > 0) assert_true(5 * t >= limit && 5 * (t - 1) < limit);
    }
}

/* The stored soon date agrees with fb_clock's due_soon on every day around the deadline, for
 * every step limit, over Tết. */
static void test_soon_from_matches_clock(void **state) {
    (void)state;
    struct holidays h = tet_calendar();
    const int limits[] = {1, 2, 5, 10, 15, 30};
    const struct fb_rules r = {2, 5, 5, 15, 2};
    for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
        struct fb_rules rl = r;
        rl.answer_days = limits[li];
        for (long x = ymd_to_days(D("2022-12-20")); x <= ymd_to_days(D("2023-02-10")); x++) {
            struct fb_dates d = {{0, 0, 0}, {0, 0, 0}, days_to_ymd(x), {0, 0, 0}};
            struct ymd due = fb_due(FB_PROCESSING, &d, &rl, &h);
            struct ymd soon = fb_soon_from(due, fb_limit(FB_PROCESSING, &rl), &h);
            for (long t = x - 2; t <= x + 60; t++) {
                struct fb_clock c;
                fb_clock(FB_PROCESSING, &d, &rl, &h, days_to_ymd(t), &c);
                int in = ymd_cmp(soon, days_to_ymd(t)) <= 0 && ymd_cmp(days_to_ymd(t), due) <= 0;
                assert_int_equal(c.due_soon, in);
            }
        }
    }
    assert_int_equal(fb_limit(FB_NEW, &r), 5);
    assert_int_equal(fb_limit(FB_FORWARDED, &r), 15);
    assert_int_equal(fb_limit(FB_ANSWERED, &r), 2);
    assert_int_equal(fb_limit(FB_NEEDS_INFO, &r), 0);
    assert_int_equal(fb_limit(FB_PUBLISHED, &r), 0);
}

/* An item's rules are the version in force on its received date; before the first, the first. */
static void test_rules_at(void **state) {
    (void)state;
    struct fb_rule_versions v = {0};
    assert_null(fb_rules_at(&v, D("2024-01-01")));
    assert_null(fb_rules_at(NULL, D("2024-01-01")));
    v.n = 3;
    v.from[0] = D("2008-05-01");
    v.from[1] = D("2020-01-01");
    v.from[2] = D("2025-07-01");
    for (int i = 0; i < 3; i++) v.rules[i] = (struct fb_rules){2, 5, 5, 15 + i, 2};
    assert_int_equal(fb_rules_at(&v, D("2000-01-01"))->answer_days, 15);
    assert_int_equal(fb_rules_at(&v, D("2008-05-01"))->answer_days, 15);
    assert_int_equal(fb_rules_at(&v, D("2019-12-31"))->answer_days, 15);
    assert_int_equal(fb_rules_at(&v, D("2020-01-01"))->answer_days, 16);
    assert_int_equal(fb_rules_at(&v, D("2025-06-30"))->answer_days, 16);
    assert_int_equal(fb_rules_at(&v, D("2025-07-01"))->answer_days, 17);
    assert_int_equal(fb_rules_at(&v, D("2100-12-31"))->answer_days, 17);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_new),
        cmocka_unit_test(test_clock_other_states),
        cmocka_unit_test(test_answer_due_and_threshold),
        cmocka_unit_test(test_make_up_saturday),
        cmocka_unit_test(test_deadlines_match_reference),
        cmocka_unit_test(test_due_matches_clock),
        cmocka_unit_test(test_soon_limit_matches_clock),
        cmocka_unit_test(test_soon_threshold_all_limits),
        cmocka_unit_test(test_soon_from_matches_clock),
        cmocka_unit_test(test_rules_at),
    };
    return cmocka_run_group_tests_name("feedback_clock", tests, NULL, NULL);
}
