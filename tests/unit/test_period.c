/* Unit tests for core/period: dates, working days across Vietnamese holidays, report windows. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/period.h"
#include "unit_helpers.h"

/* Days off and working Saturdays for 2023-2025 as announced (a subset of 003_holidays.sql). */
static const char *const OFF[] = {
    "2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
    "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04", "2024-01-01",
    "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18",
    "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03", "2025-01-01",
    "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
    "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
};
static const char *const WORK[] = {"2024-05-04", "2025-04-26"};

#define NOFF  (sizeof OFF / sizeof OFF[0])
#define NWORK (sizeof WORK / sizeof WORK[0])

static long off_days[NOFF], work_days[NWORK];

static struct holidays calendar(void) {
    for (size_t i = 0; i < NOFF; i++) off_days[i] = ymd_to_days(D(OFF[i]));
    for (size_t i = 0; i < NWORK; i++) work_days[i] = ymd_to_days(D(WORK[i]));
    struct holidays h = {off_days, NOFF, work_days, NWORK};
    return h;
}

/* Reference: walk one day at a time. */
static struct ymd naive_add(struct ymd s, int n, const struct holidays *h) {
    long x = ymd_to_days(s);
    int step = n > 0 ? 1 : -1;
    for (int got = 0; got != n;) {
        x += step;
        if (is_working_day(days_to_ymd(x), h)) got += step;
    }
    return days_to_ymd(x);
}

static void test_valid_and_leap_years(void **state) {
    (void)state;
    assert_true(ymd_valid(D("2024-02-29")));
    assert_false(ymd_valid((struct ymd){2023, 2, 29}));
    assert_false(ymd_valid((struct ymd){1900, 2, 29}));
    assert_true(ymd_valid((struct ymd){2000, 2, 29}));
    assert_false(ymd_valid((struct ymd){2023, 4, 31}));
    assert_false(ymd_valid((struct ymd){2023, 13, 1}));
    assert_false(ymd_valid((struct ymd){2023, 0, 1}));
    assert_false(ymd_valid((struct ymd){2023, 1, 0}));
    assert_false(ymd_valid((struct ymd){0, 1, 1}));
    assert_false(ymd_valid((struct ymd){10000, 1, 1}));
    assert_true(ymd_valid((struct ymd){9999, 12, 31}));
}

static void test_last_of_month(void **state) {
    (void)state;
    static const int want2023[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) assert_int_equal(ymd_last_of_month(2023, m).d, want2023[m - 1]);
    assert_date(ymd_last_of_month(2024, 2), "2024-02-29");
    assert_date(ymd_last_of_month(2000, 2), "2000-02-29");
    assert_date(ymd_last_of_month(1900, 2), "1900-02-28");
    assert_date(ymd_last_of_month(2023, 12), "2023-12-31");
    assert_int_equal(ymd_last_of_month(2023, 13).m, 0);
    assert_int_equal(ymd_last_of_month(2023, 0).d, 0);
}

static void test_day_numbers(void **state) {
    (void)state;
    assert_int_equal(ymd_to_days(D("1970-01-01")), 0);
    assert_int_equal(ymd_to_days(D("1969-12-31")), -1);
    assert_int_equal(ymd_to_days(D("2000-03-01")), 11017);
    assert_int_equal(ymd_to_days(D("0001-01-01")), -719162);
    assert_int_equal(ymd_to_days(D("9999-12-31")), 2932896);
    assert_int_equal(ymd_to_days(D("2024-03-01")) - ymd_to_days(D("2024-02-28")), 2);
    assert_int_equal(ymd_to_days(D("2023-03-01")) - ymd_to_days(D("2023-02-28")), 1);
    assert_date(days_to_ymd(-719162), "0001-01-01");
    assert_date(days_to_ymd(2932896), "9999-12-31");
}

/* Every day from 1600 to 2400: day numbers are consecutive and round-trip. */
static void test_day_numbers_round_trip(void **state) {
    (void)state;
    struct ymd t = {1600, 1, 1};
    long x = ymd_to_days(t);
    while (t.y < 2400) {
        struct ymd back = days_to_ymd(x);
        assert_int_equal(ymd_cmp(back, t), 0);
        assert_int_equal(ymd_to_days(t), x);
        if (++t.d > ymd_last_of_month(t.y, t.m).d) {
            t.d = 1;
            if (++t.m > 12) t.m = 1, t.y++;
        }
        x++;
    }
}

static void test_weekday(void **state) {
    (void)state;
    assert_int_equal(ymd_weekday(D("1970-01-01")), 3); /* Thursday */
    assert_int_equal(ymd_weekday(D("2000-01-01")), 5); /* Saturday */
    assert_int_equal(ymd_weekday(D("2023-01-22")), 6); /* Sunday, Tết Quý Mão */
    assert_int_equal(ymd_weekday(D("2024-02-29")), 3);
    assert_int_equal(ymd_weekday(D("1945-09-02")), 6);
    assert_int_equal(ymd_weekday(D("1900-03-01")), 3);
    assert_int_equal(ymd_weekday(D("2025-09-02")), 1);
    assert_int_equal(ymd_weekday(D("2023-01-16")), 0); /* Monday */
}

static void test_cmp(void **state) {
    (void)state;
    assert_int_equal(ymd_cmp(D("2023-01-01"), D("2023-01-01")), 0);
    assert_int_equal(ymd_cmp(D("2022-12-31"), D("2023-01-01")), -1);
    assert_int_equal(ymd_cmp(D("2023-02-01"), D("2023-01-31")), 1);
    assert_int_equal(ymd_cmp(D("2023-01-02"), D("2023-01-01")), 1);
}

static void test_parse_strict(void **state) {
    (void)state;
    static const char *const bad[] = {
        "",           "2023",        "2023-01",       "2023-1-01",  "2023-01-1",
        "2023/01/01", "2023-01-01 ", " 2023-01-01",   "2023-02-29", "2023-13-01",
        "2023-00-10", "2023-01-32",  "0000-01-01",    "+023-01-01", "2023-0a-01",
        "20230-1-01", "2023-01-01Z", "2023-01-0\xff",
    };
    struct ymd t = {7, 7, 7};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(ymd_parse(bad[i], &t), -1);
        assert_int_equal(t.y, 7); /* untouched */
    }
    assert_int_equal(ymd_parse(NULL, &t), -1);
    assert_int_equal(ymd_parse("2024-02-29", NULL), -1);
    assert_int_equal(ymd_parse("2024-02-29", &t), 0);
    assert_int_equal(t.y, 2024);
    assert_int_equal(t.m, 2);
    assert_int_equal(t.d, 29);
    assert_int_equal(ymd_parse("0001-01-01", &t), 0);
}

/* The public late list's ?month (issue 20): exactly YYYY-MM, a real month, into its first day. */
static void test_month_strict(void **state) {
    (void)state;
    static const char *const bad[] = {"",        "2023",     "2023-1",   "2023-13",    "2023-00",
                                      "2023/01", "2023-01 ", " 2023-01", "2023-01-01", "0000-01",
                                      "2023-0a", "+023-01",  "20230-1",  "2023-1\xff"};
    struct ymd t = {7, 7, 7};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(ym_parse(bad[i], &t), -1);
        assert_int_equal(t.y, 7); /* untouched */
    }
    assert_int_equal(ym_parse(NULL, &t), -1);
    assert_int_equal(ym_parse("2024-02", NULL), -1);
    assert_int_equal(ym_parse("2024-12", &t), 0);
    assert_int_equal(t.y, 2024);
    assert_int_equal(t.m, 12);
    assert_int_equal(t.d, 1);
}

/* Every edge a query string can carry (issue 11: "2023-%2B1-31" decoded to "2023-+1-31"). */
static void test_parse_strict_edges(void **state) {
    (void)state;
    static const char *const bad[] = {
        "2023-+1-31", "2023--1-31",  "2023- 1-31",   "2023-1 -31",     "2023-01-+1",
        "2023-01- 1", "-023-01-01",  "2023-01-31\n", "2023-01-31x",    "2023-01-310",
        "2023-01-3",  "2100-02-29",  "1900-02-29",   "2023-04-31",     "2023-06-31",
        "2023-09-31", "2023-11-31",  "2023-02-30",   "2024-02-30",     "0000-00-00",
        "9999-12-32", "10000-01-01", "2023-1-1",     "２０２３-01-01", "2023\x00-01-01",
        "2023-01-00", "2023-12-00",
    };
    struct ymd t = {7, 7, 7};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ymd_parse(bad[i], &t) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(t.y, 7);
    }
    /* leap years: every 4th, not every 100th, every 400th */
    static const char *const good[] = {"2000-02-29", "2024-02-29", "1600-02-29", "2023-01-31",
                                       "2023-12-31", "9999-12-31", "0001-01-01", "2023-04-30"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (ymd_parse(good[i], &t) != 0) fail_msg("refused \"%s\"", good[i]);
    /* every day of 400 years round-trips through format and parse; the day after each
     * month's last is refused */
    for (long day = ymd_to_days((struct ymd){2000, 1, 1});
         day < ymd_to_days((struct ymd){2400, 1, 1}); day++) {
        char s[11];
        struct ymd d = days_to_ymd(day), back;
        ymd_format(d, s);
        assert_int_equal(ymd_parse(s, &back), 0);
        assert_int_equal(ymd_cmp(d, back), 0);
        if (d.d == ymd_last_of_month(d.y, d.m).d) {
            char over[11];
            snprintf(over, sizeof over, "%04d-%02d-%02d", d.y, d.m, d.d + 1);
            assert_int_equal(ymd_parse(over, &back), -1);
        }
    }
}

static void test_parse_dmy(void **state) {
    (void)state;
    struct ymd t = {7, 7, 7};
    assert_int_equal(ymd_parse_dmy("15/01/2023", &t), 0);
    assert_int_equal(t.y * 10000 + t.m * 100 + t.d, 20230115);
    assert_int_equal(ymd_parse_dmy("5/1/2023", &t), 0);
    assert_int_equal(t.y * 10000 + t.m * 100 + t.d, 20230105);
    assert_int_equal(ymd_parse_dmy("29-02-2024", &t), 0);
    static const char *const bad[] = {
        "29/02/2023", "31/04/2023", "32/01/2023", "01/13/2023", "00/01/2023", "01/00/2023",
        "+1/01/2023", " 1/01/2023", "1/ 1/2023",  "1/+1/2023",  "1/1/+023",   "1/1/2023 ",
        "1/1/2023x",  "1/1-2023",   "1-1/2023",   "001/1/2023", "1/001/2023", "1/1/23",
        "1/1/02023",  "1//2023",    "/1/2023",    "",           "1/1/0000",   "ngày 5",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = (struct ymd){7, 7, 7};
        if (ymd_parse_dmy(bad[i], &t) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(t.y, 7);
    }
    assert_int_equal(ymd_parse_dmy(NULL, &t), -1);
}

static void test_format(void **state) {
    (void)state;
    assert_date(((struct ymd){2024, 2, 29}), "2024-02-29");
    assert_date(((struct ymd){5, 1, 9}), "0005-01-09");
    assert_date(((struct ymd){2023, 2, 29}), "0000-00-00");
    assert_date(((struct ymd){-1, 1, 1}), "0000-00-00");
    assert_date(((struct ymd){12345, 1, 1}), "0000-00-00");
}

static void test_weekends_only(void **state) {
    (void)state;
    assert_true(is_working_day(D("2023-01-20"), NULL)); /* no calendar: a plain Friday */
    assert_false(is_working_day(D("2023-01-21"), NULL));
    assert_false(is_working_day(D("2023-01-22"), NULL));
    assert_date(add_working_days(D("2023-01-19"), 1, NULL), "2023-01-20");
    assert_date(add_working_days(D("2023-01-20"), 1, NULL), "2023-01-23");
    assert_date(add_working_days(D("2023-01-21"), 1, NULL), "2023-01-23");
    assert_date(add_working_days(D("2023-01-23"), -1, NULL), "2023-01-20");
    assert_int_equal(working_days_between(D("2023-01-01"), D("2023-12-31"), NULL), 260);
    struct holidays empty = {NULL, 0, NULL, 0};
    assert_int_equal(working_days_between(D("2024-01-01"), D("2024-12-31"), &empty), 261);
}

static void test_tet_2023(void **state) {
    (void)state;
    struct holidays h = calendar();
    assert_false(is_working_day(D("2023-01-20"), &h));
    assert_false(is_working_day(D("2023-01-26"), &h));
    assert_true(is_working_day(D("2023-01-27"), &h));
    assert_date(add_working_days(D("2023-01-19"), 1, &h), "2023-01-27");
    assert_date(add_working_days(D("2023-01-19"), 2, &h), "2023-01-30");
    assert_date(add_working_days(D("2023-01-21"), 1, &h), "2023-01-27"); /* start in the break */
    /* feedback received 10/01/2023, answer within 15 working days */
    assert_date(add_working_days(D("2023-01-10"), 15, &h), "2023-02-07");
    assert_int_equal(working_days_between(D("2023-01-19"), D("2023-01-27"), &h), 1);
    assert_int_equal(working_days_between(D("2023-01-16"), D("2023-01-31"), &h), 6);
    assert_int_equal(working_days_between(D("2023-01-19"), D("2023-01-26"), &h), 0);
    assert_int_equal(working_days_between(D("2023-01-01"), D("2023-12-31"), &h), 249);
}

static void test_tet_2024_and_2025(void **state) {
    (void)state;
    struct holidays h = calendar();
    assert_date(add_working_days(D("2024-02-07"), 1, &h), "2024-02-15");
    assert_date(add_working_days(D("2025-01-24"), 1, &h), "2025-02-03");
    assert_int_equal(working_days_between(D("2024-01-01"), D("2024-12-31"), &h), 251);
    assert_int_equal(working_days_between(D("2025-01-01"), D("2025-12-31"), &h), 250);
}

static void test_april_may_bridges(void **state) {
    (void)state;
    struct holidays h = calendar();
    /* 2023: Giỗ Tổ on Saturday, 30/4 on Sunday: days off 1/5, 2/5, 3/5 */
    assert_date(add_working_days(D("2023-04-28"), 1, &h), "2023-05-04");
    /* 2024: Monday 29/4 swapped with Saturday 4/5 (làm bù) */
    assert_date(add_working_days(D("2024-04-26"), 1, &h), "2024-05-02");
    assert_date(add_working_days(D("2024-04-26"), 3, &h), "2024-05-04");
    assert_true(is_working_day(D("2024-05-04"), &h));
    assert_false(is_working_day(D("2024-05-05"), &h));
    assert_false(is_working_day(D("2024-04-29"), &h));
    /* 2025: Friday 2/5 swapped with Saturday 26/4 */
    assert_date(add_working_days(D("2025-04-25"), 1, &h), "2025-04-26");
    assert_date(add_working_days(D("2025-04-25"), 2, &h), "2025-04-28");
    assert_date(add_working_days(D("2025-04-29"), 1, &h), "2025-05-05");
    assert_int_equal(working_days_between(D("2024-04-26"), D("2024-05-06"), &h), 4);
}

static void test_national_day_bridges(void **state) {
    (void)state;
    struct holidays h = calendar();
    assert_date(add_working_days(D("2023-08-31"), 1, &h), "2023-09-05"); /* 1/9 + 4/9 off */
    assert_date(add_working_days(D("2024-08-30"), 1, &h), "2024-09-04"); /* 2/9 + 3/9 off */
    assert_date(add_working_days(D("2025-08-29"), 1, &h), "2025-09-03"); /* 1/9 + 2/9 off */
    assert_int_equal(working_days_between(D("2024-08-30"), D("2024-09-04"), &h), 1);
}

static void test_negative_spans(void **state) {
    (void)state;
    struct holidays h = calendar();
    assert_int_equal(working_days_between(D("2023-01-27"), D("2023-01-19"), &h), -1);
    assert_int_equal(working_days_between(D("2023-01-31"), D("2023-01-16"), &h), -6);
    assert_int_equal(working_days_between(D("2023-05-04"), D("2023-05-04"), &h), 0);
    assert_date(add_working_days(D("2023-01-27"), -1, &h), "2023-01-19");
    assert_date(add_working_days(D("2023-01-30"), -1, &h), "2023-01-27");
    assert_date(add_working_days(D("2024-05-06"), -1, &h), "2024-05-04"); /* làm bù Saturday */
    assert_date(add_working_days(D("2023-02-07"), -15, &h), "2023-01-10");
    assert_date(add_working_days(D("2023-01-22"), 0, &h), "2023-01-22"); /* n = 0: start */
}

/* Against the day-by-day reference for every start in 2022-2025 and spans up to ±40 days. */
static void test_matches_reference(void **state) {
    (void)state;
    struct holidays h = calendar();
    for (long x = ymd_to_days(D("2022-12-01")); x <= ymd_to_days(D("2025-12-31")); x += 2) {
        struct ymd s = days_to_ymd(x);
        for (int n = -40; n <= 40; n++) {
            struct ymd got = add_working_days(s, n, &h), want = naive_add(s, n, &h);
            assert_int_equal(ymd_cmp(got, want), 0);
            if (n > 0) assert_int_equal(working_days_between(s, got, &h), n);
            if (n != 0) assert_true(is_working_day(got, &h));
        }
    }
}

static void test_untidy_calendar(void **state) {
    (void)state;
    /* duplicates, a holiday on a Saturday, a workday on a weekday, a day in both lists */
    long off[] = {ymd_to_days(D("2023-01-20")), ymd_to_days(D("2023-01-20")),
                  ymd_to_days(D("2023-01-21")), ymd_to_days(D("2023-01-23")),
                  ymd_to_days(D("2023-01-28"))};
    long work[] = {ymd_to_days(D("2023-01-24")), ymd_to_days(D("2023-01-28")),
                   ymd_to_days(D("2023-01-28")), ymd_to_days(D("2023-02-04"))};
    struct holidays h = {off, 5, work, 4};
    assert_false(is_working_day(D("2023-01-28"), &h)); /* both lists: the day off wins */
    assert_true(is_working_day(D("2023-02-04"), &h));
    assert_true(is_working_day(D("2023-01-24"), &h));
    /* (19, 5/2]: 24,25,26,27, 30,31, 1,2,3, 4 (Saturday) */
    assert_int_equal(working_days_between(D("2023-01-19"), D("2023-02-05"), &h), 10);
    for (int n = -12; n <= 12; n++)
        assert_int_equal(
            ymd_cmp(add_working_days(D("2023-01-25"), n, &h), naive_add(D("2023-01-25"), n, &h)),
            0);
}

static void test_huge_spans(void **state) {
    (void)state;
    struct ymd start = D("2023-01-02"); /* a Monday: 10^6 working days = 200000 weeks */
    struct ymd want = days_to_ymd(ymd_to_days(start) + 1400000);
    assert_int_equal(ymd_cmp(add_working_days(start, 1000000, NULL), want), 0);
    struct ymd far = add_working_days(start, INT_MAX, NULL); /* returns, and is out of range */
    assert_false(ymd_valid(far));
    struct ymd before = add_working_days(start, -INT_MAX, NULL);
    assert_false(ymd_valid(before));
    struct holidays h = calendar();
    assert_int_equal(working_days_between(D("2022-01-01"), D("2026-01-01"), &h),
                     working_days_between(D("2022-01-01"), D("2026-01-01"), NULL) - (int)NOFF +
                         (int)NWORK);
}

static void test_calendar_bounds(void **state) {
    (void)state;
    struct ymd f, t;
    period_bounds(PERIOD_QUARTER, 2023, 2, &f, &t);
    assert_date(f, "2023-04-01");
    assert_date(t, "2023-06-30");
    period_bounds(PERIOD_QUARTER, 2023, 4, &f, &t);
    assert_date(f, "2023-10-01");
    assert_date(t, "2023-12-31");
    period_bounds(PERIOD_MONTH, 2024, 2, &f, &t);
    assert_date(f, "2024-02-01");
    assert_date(t, "2024-02-29");
    period_bounds(PERIOD_MONTH, 2023, 2, &f, &t);
    assert_date(t, "2023-02-28");
    period_bounds(PERIOD_HALF, 2023, 2, &f, &t);
    assert_date(f, "2023-07-01");
    assert_date(t, "2023-12-31");
    period_bounds(PERIOD_YEAR, 2023, 1, &f, &t);
    assert_date(f, "2023-01-01");
    assert_date(t, "2023-12-31");
    period_bounds(PERIOD_YEAR, 2023, 0, &f, &t); /* the index means nothing for a year */
    assert_date(f, "2023-01-01");
}

static void test_bad_periods(void **state) {
    (void)state;
    struct ymd f, t;
    period_bounds(PERIOD_QUARTER, 2023, 5, &f, &t);
    assert_false(ymd_valid(f));
    assert_false(ymd_valid(t));
    period_bounds(PERIOD_MONTH, 2023, 0, &f, &t);
    assert_false(ymd_valid(f));
    period_bounds(PERIOD_HALF, 2023, 3, &f, &t);
    assert_false(ymd_valid(t));
    period_bounds((enum period_kind)42, 2023, 1, &f, &t);
    assert_false(ymd_valid(f));
    period_bounds(PERIOD_MONTH, 0, 1, &f, &t);
    assert_false(ymd_valid(f));
    struct period_rules r = {14};
    period_cutoff_window(PERIOD_QUARTER, 2023, 0, &r, &f, &t);
    assert_false(ymd_valid(f));
    period_cutoff_window(PERIOD_QUARTER, 2023, 1, &r, NULL, NULL); /* no crash */
}

static void check_window(enum period_kind k, int year, int idx, int cutoff, const char *from,
                         const char *to) {
    struct period_rules r = {cutoff};
    struct ymd f, t;
    period_cutoff_window(k, year, idx, &r, &f, &t);
    assert_date(f, from);
    assert_date(t, to);
}

static void test_cutoff_windows(void **state) {
    (void)state;
    check_window(PERIOD_QUARTER, 2023, 1, 14, "2022-12-15", "2023-03-14");
    check_window(PERIOD_QUARTER, 2023, 2, 14, "2023-03-15", "2023-06-14");
    check_window(PERIOD_QUARTER, 2023, 3, 14, "2023-06-15", "2023-09-14");
    check_window(PERIOD_QUARTER, 2023, 4, 14, "2023-09-15", "2023-12-14");
    check_window(PERIOD_HALF, 2023, 1, 14, "2022-12-15", "2023-06-14");
    check_window(PERIOD_HALF, 2023, 2, 14, "2023-06-15", "2023-12-14");
    check_window(PERIOD_YEAR, 2023, 1, 14, "2022-12-15", "2023-12-14");
    check_window(PERIOD_YEAR, 2024, 1, 14, "2023-12-15", "2024-12-14");
    check_window(PERIOD_MONTH, 2023, 1, 14, "2022-12-15", "2023-01-14");
    check_window(PERIOD_MONTH, 2024, 3, 14, "2024-02-15", "2024-03-14");
    check_window(PERIOD_MONTH, 2023, 12, 14, "2023-11-15", "2023-12-14");
}

static void test_cutoff_edge_rules(void **state) {
    (void)state;
    /* a cut-off past a short month's end cuts at that month's end */
    check_window(PERIOD_MONTH, 2023, 2, 30, "2023-01-31", "2023-02-28");
    check_window(PERIOD_MONTH, 2023, 3, 30, "2023-03-01", "2023-03-30");
    check_window(PERIOD_MONTH, 2024, 3, 30, "2024-03-01", "2024-03-30");
    /* 31, 0 or no rules: calendar months */
    check_window(PERIOD_QUARTER, 2023, 1, 31, "2023-01-01", "2023-03-31");
    check_window(PERIOD_QUARTER, 2023, 1, 0, "2023-01-01", "2023-03-31");
    struct ymd f, t;
    period_cutoff_window(PERIOD_YEAR, 2023, 1, NULL, &f, &t);
    assert_date(f, "2023-01-01");
    assert_date(t, "2023-12-31");
}

/* Windows of consecutive periods meet exactly, across year boundaries, for several rules. */
static void test_cutoff_windows_tile(void **state) {
    (void)state;
    static const enum period_kind kinds[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF,
                                             PERIOD_YEAR};
    static const int counts[] = {12, 4, 2, 1}, cutoffs[] = {1, 14, 28, 29, 30, 31, 0};
    for (size_t c = 0; c < sizeof cutoffs / sizeof cutoffs[0]; c++) {
        struct period_rules r = {cutoffs[c]};
        for (size_t k = 0; k < 4; k++) {
            struct ymd f, t, prev_to = {0, 0, 0};
            for (int y = 2022; y <= 2026; y++)
                for (int i = 1; i <= counts[k]; i++) {
                    period_cutoff_window(kinds[k], y, i, &r, &f, &t);
                    assert_true(ymd_valid(f) && ymd_valid(t) && ymd_cmp(f, t) <= 0);
                    if (prev_to.y) assert_int_equal(ymd_to_days(f), ymd_to_days(prev_to) + 1);
                    prev_to = t;
                }
        }
    }
}

static void test_index_of(void **state) {
    (void)state;
    struct ymd t = D("2023-05-15");
    assert_int_equal(period_index_of(PERIOD_MONTH, t), 5);
    assert_int_equal(period_index_of(PERIOD_QUARTER, t), 2);
    assert_int_equal(period_index_of(PERIOD_HALF, t), 1);
    assert_int_equal(period_index_of(PERIOD_YEAR, t), 1);
    assert_int_equal(period_index_of(PERIOD_QUARTER, D("2023-12-31")), 4);
    assert_int_equal(period_index_of(PERIOD_HALF, D("2023-07-01")), 2);
    assert_int_equal(period_index_of(PERIOD_QUARTER, D("2023-03-31")), 1);
    assert_int_equal(period_index_of(PERIOD_QUARTER, (struct ymd){2023, 2, 30}), 0);
    assert_int_equal(period_index_of((enum period_kind)42, t), 0);
}

static void test_cutoff_index_of(void **state) {
    (void)state;
    struct period_rules r = {14};
    int y = 0;
    assert_int_equal(period_cutoff_index_of(PERIOD_QUARTER, D("2022-12-20"), &r, &y), 1);
    assert_int_equal(y, 2023);
    assert_int_equal(period_cutoff_index_of(PERIOD_QUARTER, D("2023-03-14"), &r, &y), 1);
    assert_int_equal(period_cutoff_index_of(PERIOD_QUARTER, D("2023-03-15"), &r, &y), 2);
    assert_int_equal(period_cutoff_index_of(PERIOD_HALF, D("2023-06-14"), &r, &y), 1);
    assert_int_equal(period_cutoff_index_of(PERIOD_HALF, D("2023-06-15"), &r, &y), 2);
    assert_int_equal(period_cutoff_index_of(PERIOD_YEAR, D("2023-12-15"), &r, &y), 1);
    assert_int_equal(y, 2024);
    assert_int_equal(period_cutoff_index_of(PERIOD_MONTH, D("2023-12-14"), &r, NULL), 12);
    assert_int_equal(period_cutoff_index_of(PERIOD_MONTH, D("2023-12-31"), NULL, &y), 12);
    assert_int_equal(y, 2023);
    assert_int_equal(period_cutoff_index_of(PERIOD_MONTH, (struct ymd){2023, 2, 30}, &r, &y), 0);
}

/* Every day of 2022-2024 lies inside the window that period_cutoff_index_of names. */
static void test_cutoff_index_matches_window(void **state) {
    (void)state;
    static const enum period_kind kinds[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF,
                                             PERIOD_YEAR};
    struct period_rules r = {14};
    for (long x = ymd_to_days(D("2022-01-01")); x <= ymd_to_days(D("2024-12-31")); x++)
        for (size_t k = 0; k < 4; k++) {
            struct ymd d = days_to_ymd(x), f, t;
            int y = 0, i = period_cutoff_index_of(kinds[k], d, &r, &y);
            period_cutoff_window(kinds[k], y, i, &r, &f, &t);
            assert_true(ymd_cmp(f, d) <= 0 && ymd_cmp(d, t) <= 0);
        }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_leap_years),
        cmocka_unit_test(test_last_of_month),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_day_numbers_round_trip),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_parse_strict),
        cmocka_unit_test(test_month_strict),
        cmocka_unit_test(test_parse_strict_edges),
        cmocka_unit_test(test_parse_dmy),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_weekends_only),
        cmocka_unit_test(test_tet_2023),
        cmocka_unit_test(test_tet_2024_and_2025),
        cmocka_unit_test(test_april_may_bridges),
        cmocka_unit_test(test_national_day_bridges),
        cmocka_unit_test(test_negative_spans),
        cmocka_unit_test(test_matches_reference),
        cmocka_unit_test(test_untidy_calendar),
        cmocka_unit_test(test_huge_spans),
        cmocka_unit_test(test_calendar_bounds),
        cmocka_unit_test(test_bad_periods),
        cmocka_unit_test(test_cutoff_windows),
        cmocka_unit_test(test_cutoff_edge_rules),
        cmocka_unit_test(test_cutoff_windows_tile),
        cmocka_unit_test(test_index_of),
        cmocka_unit_test(test_cutoff_index_of),
        cmocka_unit_test(test_cutoff_index_matches_window),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
