/* Unit tests for core/kpi_period: request periods, roll-up splits, trend buckets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/kpi_period.h"
#include "lib/mem.h"
#include "unit_helpers.h"

#define assert_day(n, s) assert_date(days_to_ymd(n), s)

static struct kpi_period P(const char *from, const char *to) {
    struct kpi_period p;
    struct ymd f = D(from), t = D(to);
    /* "today" far ahead: no clamping */
    assert_int_equal(kpi_period_make(&f, &t, D("9999-12-31"), &p), KPI_PERIOD_OK);
    return p;
}

static void
test_period_defaults(void **state) {
    (void)state;
    struct kpi_period p;
    struct ymd today = D("2024-02-29"), to = D("2023-12-20"), from = D("2024-01-15");
    assert_int_equal(kpi_period_make(NULL, NULL, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-02-01");
    assert_date(p.to, "2024-02-29");
    assert_int_equal(p.f, ymd_to_days(p.from));
    assert_int_equal(p.t, ymd_to_days(p.to));
    /* only to: its month up to it */
    assert_int_equal(kpi_period_make(NULL, &to, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2023-12-01");
    assert_date(p.to, "2023-12-20");
    /* only from: up to today */
    assert_int_equal(kpi_period_make(&from, NULL, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-01-15");
    assert_date(p.to, "2024-02-29");
    /* the first of the month: a one-day period */
    assert_int_equal(kpi_period_make(NULL, NULL, D("2025-01-01"), &p), KPI_PERIOD_OK);
    assert_date(p.from, "2025-01-01");
    assert_date(p.to, "2025-01-01");
}

static void test_period_clamped_to_today(void **state) {
    (void)state;
    struct kpi_period p;
    struct ymd today = D("2024-03-10");
    struct ymd f = D("2024-01-01"), t = D("2024-12-31");
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_OK);
    assert_date(p.to, "2024-03-10");
    assert_int_equal(p.t, ymd_to_days(today));
    /* starting today: ends today */
    f = today;
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-03-10");
    assert_date(p.to, "2024-03-10");
    /* wholly in the future: left as asked */
    f = D("2024-03-11");
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-03-11");
    assert_date(p.to, "2024-12-31");
    /* only to, in the future, in today's month: from the first of the month to today */
    t = D("2024-03-25");
    assert_int_equal(kpi_period_make(NULL, &t, today, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-03-01");
    assert_date(p.to, "2024-03-10");
}

static void test_period_checks(void **state) {
    (void)state;
    struct kpi_period p;
    struct ymd today = D("2030-01-01");
    struct ymd f = D("2024-03-02"), t = D("2024-03-01");
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_REVERSED);
    /* only from, after today: from > today */
    f = D("2030-01-02");
    assert_int_equal(kpi_period_make(&f, NULL, today, &p), KPI_PERIOD_REVERSED);
    /* the span limit: 3700 days between the bounds is allowed, 3701 is not */
    f = D("2010-01-01");
    t = days_to_ymd(ymd_to_days(f) + KPI_MAX_SPAN_DAYS);
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_OK);
    t = days_to_ymd(ymd_to_days(f) + KPI_MAX_SPAN_DAYS + 1);
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_TOO_LONG);
    /* a long period clamped to today is measured after the clamp */
    f = D("2029-01-01");
    t = D("2045-01-01");
    assert_int_equal(kpi_period_make(&f, &t, today, &p), KPI_PERIOD_OK);
    assert_date(p.to, "2030-01-01");
}

static void test_trend_default_from(void **state) {
    (void)state;
    assert_date(kpi_trend_default_from(D("2024-12-31")), "2024-01-01");
    assert_date(kpi_trend_default_from(D("2024-11-05")), "2023-12-01");
    assert_date(kpi_trend_default_from(D("2024-01-15")), "2023-02-01");
    assert_date(kpi_trend_default_from(D("2024-02-29")), "2023-03-01");
    assert_date(kpi_trend_default_from(D("0002-01-01")), "0001-02-01");
}

static void assert_split(const struct kpi_split *sp, const char *h1, const char *h2, const char *t1,
                         const char *t2, const char *full, const char *skip) {
    assert_string_equal(sp->h1, h1);
    assert_string_equal(sp->h2, h2);
    assert_string_equal(sp->t1, t1);
    assert_string_equal(sp->t2, t2);
    assert_string_equal(sp->last_full, full);
    assert_string_equal(sp->skip, skip);
}

static void test_split(void **state) {
    (void)state;
    struct kpi_split sp;
    struct kpi_period p = P("2024-01-01", "2024-03-31"); /* a quarter: monthly only */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "9999-12-31", "0001-01-01", "9999-12-31", "0001-01-01", "2024-03-01",
                 "0001-01-01");
    p = P("2024-02-01", "2024-02-29"); /* leap February, whole */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "9999-12-31", "0001-01-01", "9999-12-31", "0001-01-01", "2024-02-01",
                 "0001-01-01");
    p = P("2023-02-01", "2023-02-28"); /* common February, whole */
    kpi_split(&p, 0, &sp);
    assert_string_equal(sp.t1, "9999-12-31");
    p = P("2024-02-01", "2024-02-28"); /* leap February less its last day: a tail */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "9999-12-31", "0001-01-01", "2024-02-01", "2024-02-28", "2024-01-01",
                 "0001-01-01");
    p = P("2023-12-15", "2024-01-14"); /* cut at both ends, across the year */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "2023-12-01", "2023-12-31", "2024-01-01", "2024-01-14", "2023-12-01",
                 "2023-12-01");
    p = P("2024-05-10", "2024-05-20"); /* inside one month: head and tail are that month */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "2024-05-01", "2024-05-31", "2024-05-01", "2024-05-20", "2024-04-01",
                 "2024-05-01");
    p = P("2024-01-01", "2024-01-10"); /* tail in January: whole months up to December */
    kpi_split(&p, 0, &sp);
    assert_split(&sp, "9999-12-31", "0001-01-01", "2024-01-01", "2024-01-10", "2023-12-01",
                 "0001-01-01");
}

static void test_split_daily(void **state) {
    (void)state;
    struct kpi_split sp;
    struct kpi_period p = P("2024-01-20", "2024-03-05");
    kpi_split(&p, 1, &sp);
    assert_split(&sp, "2024-01-01", "2024-03-05", "2024-01-01", "2024-03-05", "2023-12-01",
                 "0001-01-01");
    p = P("2024-07-01", "2024-07-31");
    kpi_split(&p, 1, &sp);
    assert_split(&sp, "2024-07-01", "2024-07-31", "2024-07-01", "2024-07-31", "2024-06-01",
                 "0001-01-01");
}

static void test_gran_from(void **state) {
    (void)state;
    assert_int_equal(kpi_gran_from("day"), KPI_DAY);
    assert_int_equal(kpi_gran_from("month"), KPI_MONTH);
    assert_int_equal(kpi_gran_from("quarter"), KPI_QUARTER);
    assert_int_equal(kpi_gran_from(NULL), KPI_MONTH);
    assert_int_equal(kpi_gran_from("year"), KPI_MONTH);
}

static void test_bucket_count(void **state) {
    (void)state;
    struct kpi_period p = P("2024-02-28", "2024-03-01");
    assert_int_equal(kpi_bucket_count(KPI_DAY, &p), 3); /* leap day */
    p = P("2023-02-28", "2023-03-01");
    assert_int_equal(kpi_bucket_count(KPI_DAY, &p), 2);
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 2);
    assert_int_equal(kpi_bucket_count(KPI_QUARTER, &p), 1);
    p = P("2023-11-30", "2024-01-01");
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 3);
    assert_int_equal(kpi_bucket_count(KPI_QUARTER, &p), 2);
    p = P("2023-03-31", "2023-04-01");
    assert_int_equal(kpi_bucket_count(KPI_QUARTER, &p), 2);
    p = P("2024-01-01", "2024-12-31");
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 12);
    assert_int_equal(kpi_bucket_count(KPI_QUARTER, &p), 4);
    assert_int_equal(kpi_bucket_count(KPI_DAY, &p), 366);
    p = P("2024-06-06", "2024-06-06");
    assert_int_equal(kpi_bucket_count(KPI_DAY, &p), 1);
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 1);
    assert_int_equal(kpi_bucket_count(KPI_QUARTER, &p), 1);
}

static void bucket(enum kpi_gran g, const struct kpi_period *p, long k, const char *from,
                   const char *to, const char *label) {
    long bs, be;
    char l[16];
    kpi_bucket_bounds(g, p, k, &bs, &be);
    assert_day(bs, from);
    assert_day(be, to);
    kpi_bucket_label(g, bs, l, sizeof l);
    assert_string_equal(l, label);
}

static void test_bucket_bounds_and_labels(void **state) {
    (void)state;
    /* partial first and last buckets are clipped; Feb 2024 is a leap month */
    struct kpi_period p = P("2023-11-15", "2024-02-10");
    bucket(KPI_MONTH, &p, 0, "2023-11-15", "2023-11-30", "2023-11");
    bucket(KPI_MONTH, &p, 1, "2023-12-01", "2023-12-31", "2023-12");
    bucket(KPI_MONTH, &p, 2, "2024-01-01", "2024-01-31", "2024-01");
    bucket(KPI_MONTH, &p, 3, "2024-02-01", "2024-02-10", "2024-02");
    bucket(KPI_QUARTER, &p, 0, "2023-11-15", "2023-12-31", "2023-Q4");
    bucket(KPI_QUARTER, &p, 1, "2024-01-01", "2024-02-10", "2024-Q1");
    bucket(KPI_DAY, &p, 0, "2023-11-15", "2023-11-15", "2023-11-15");
    bucket(KPI_DAY, &p, 46, "2023-12-31", "2023-12-31", "2023-12-31");
    p = P("2024-01-01", "2024-12-31");
    bucket(KPI_MONTH, &p, 1, "2024-02-01", "2024-02-29", "2024-02");
    bucket(KPI_QUARTER, &p, 1, "2024-04-01", "2024-06-30", "2024-Q2");
    bucket(KPI_QUARTER, &p, 2, "2024-07-01", "2024-09-30", "2024-Q3");
    bucket(KPI_QUARTER, &p, 3, "2024-10-01", "2024-12-31", "2024-Q4");
    bucket(KPI_DAY, &p, 59, "2024-02-29", "2024-02-29", "2024-02-29");
    p = P("2100-02-01", "2100-03-31"); /* 2100 is not a leap year */
    bucket(KPI_MONTH, &p, 0, "2100-02-01", "2100-02-28", "2100-02");
    bucket(KPI_QUARTER, &p, 0, "2100-02-01", "2100-03-31", "2100-Q1");
    p = P("9999-11-01", "9999-12-31"); /* the last representable quarter */
    bucket(KPI_QUARTER, &p, 0, "9999-11-01", "9999-12-31", "9999-Q4");
    bucket(KPI_MONTH, &p, 1, "9999-12-01", "9999-12-31", "9999-12");
}

/* For every granularity and many periods: the buckets tile the period, in order, without gap
 * or overlap, each inside one calendar month or quarter, and there are exactly count of them. */
static void test_buckets_tile(void **state) {
    (void)state;
    const enum kpi_gran gs[] = {KPI_DAY, KPI_MONTH, KPI_QUARTER};
    long start = ymd_to_days(D("2023-10-20"));
    for (long a = start; a < start + 500; a += 7) {
        for (long len = 0; len < 800; len += 37) {
            struct kpi_period p = P("2000-01-01", "2000-01-01");
            p.from = days_to_ymd(a);
            p.to = days_to_ymd(a + len);
            p.f = a;
            p.t = a + len;
            for (int gi = 0; gi < 3; gi++) {
                long n = kpi_bucket_count(gs[gi], &p), next = p.f;
                for (long k = 0; k < n; k++) {
                    long bs, be;
                    kpi_bucket_bounds(gs[gi], &p, k, &bs, &be);
                    assert_int_equal(bs, next);
                    assert_true(be >= bs);
                    struct ymd x = days_to_ymd(bs), y = days_to_ymd(be);
                    assert_int_equal(x.y, y.y);
                    if (gs[gi] == KPI_MONTH) assert_int_equal(x.m, y.m);
                    if (gs[gi] == KPI_QUARTER)
                        assert_int_equal(period_index_of(PERIOD_QUARTER, x),
                                         period_index_of(PERIOD_QUARTER, y));
                    next = be + 1;
                }
                assert_int_equal(next, p.t + 1);
            }
        }
    }
}

static struct kpi_segment SEG(const char *start, int monthly, long long received, long long open,
                              long long overdue) {
    struct kpi_segment g;
    memset(&g, 0, sizeof g);
    struct ymd d = D(start);
    g.start = ymd_to_days(d);
    g.end = monthly ? ymd_to_days(ymd_last_of_month(d.y, d.m)) : g.start;
    g.v[KC_RECEIVED] = received;
    g.v[KC_OPEN] = open;
    g.v[KC_OVERDUE] = overdue;
    return g;
}

/* Segments in any order, history before the period, monthly rows and the daily rows of a cut
 * month, two chunks of units on one date: each lands in its bucket, open counts run on. */
static void
test_trend_fold(void **state) {
    (void)state;
    struct kpi_period p = P("2023-11-15", "2024-02-10");
    struct kpi_segment seg[] = {
        SEG("2024-02-03", 0, 4, 1, 0),   SEG("2023-10-01", 1, 50, 7, 2), /* history */
        SEG("2023-12-01", 1, 20, 2, 1),  SEG("2023-11-20", 0, 3, 1, 0),
        SEG("2023-11-01", 0, 9, 5, 0), /* before the period, in its first month's rows */
        SEG("2024-01-01", 1, 30, -3, 1), SEG("2024-02-03", 0, 1, 0, 1), /* a second chunk */
        SEG("2024-03-01", 1, 99, 9, 9), /* after the period: never read */
    };
    size_t ns = sizeof seg / sizeof seg[0];
    struct kpi_sums out[4];
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 4);
    kpi_trend_fold(seg, ns, KPI_MONTH, &p, out);
    /* November: history 7 + 5 open before; the 20th */
    assert_int_equal(out[0].open_before, 12);
    assert_int_equal(out[0].period[KC_RECEIVED], 3);
    assert_int_equal(out[0].open_end, 13);
    assert_int_equal(out[0].overdue_end, 2);
    assert_int_equal(out[1].open_before, 13);
    assert_int_equal(out[1].period[KC_RECEIVED], 20);
    assert_int_equal(out[1].open_end, 15);
    assert_int_equal(out[1].overdue_end, 3);
    assert_int_equal(out[2].period[KC_RECEIVED], 30);
    assert_int_equal(out[2].open_end, 12);
    assert_int_equal(out[3].period[KC_RECEIVED], 5);
    assert_int_equal(out[3].open_before, 12);
    assert_int_equal(out[3].open_end, 13);
    assert_int_equal(out[3].overdue_end, 5);
    for (int k = 0; k < 4; k++) {
        assert_int_equal(out[k].period[KC_OPEN], 0);
        assert_int_equal(out[k].period[KC_OVERDUE], 0);
    }
    /* the same rows by quarter: Q4 2023 then Q1 2024 */
    struct kpi_sums q[2];
    kpi_trend_fold(seg, ns, KPI_QUARTER, &p, q);
    assert_int_equal(q[0].period[KC_RECEIVED], 23);
    assert_int_equal(q[0].open_before, 12);
    assert_int_equal(q[1].period[KC_RECEIVED], 35);
    assert_int_equal(q[1].open_end, 13);
    /* no rows at all */
    struct kpi_sums z[1];
    struct kpi_period one = P("2024-06-06", "2024-06-06");
    kpi_trend_fold(NULL, 0, KPI_DAY, &one, z);
    assert_int_equal(z[0].open_end, 0);
    assert_int_equal(z[0].period[KC_RECEIVED], 0);
}

/* A roll-up row's days: a daily row its date, a monthly row its whole month (leap years too). */
static void test_segment_span(void **state) {
    (void)state;
    struct kpi_segment sg;
    kpi_segment_span(D("2024-02-01"), 1, &sg);
    assert_day(sg.start, "2024-02-01");
    assert_day(sg.end, "2024-02-29");
    kpi_segment_span(D("2023-02-01"), 1, &sg);
    assert_day(sg.end, "2023-02-28");
    kpi_segment_span(D("2024-12-01"), 1, &sg);
    assert_day(sg.end, "2024-12-31");
    kpi_segment_span(D("2024-03-17"), 0, &sg);
    assert_day(sg.start, "2024-03-17");
    assert_int_equal(sg.end, sg.start);
}

/* A trend's period: 12 months by default, a given bound as kpi_period_make, and too many
 * buckets refused only once the period itself is fine. */
static void test_trend_period(void **state) {
    (void)state;
    struct kpi_period p;
    struct ymd today = D("2024-02-29"), from = D("2024-02-10"), to = D("2024-02-20");
    assert_int_equal(kpi_trend_period(NULL, NULL, today, KPI_MONTH, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2023-03-01");
    assert_date(p.to, "2024-02-29");
    assert_int_equal(kpi_bucket_count(KPI_MONTH, &p), 12);
    /* one bound given: no 12-month default */
    assert_int_equal(kpi_trend_period(NULL, &to, today, KPI_MONTH, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-02-01");
    assert_date(p.to, "2024-02-20");
    assert_int_equal(kpi_trend_period(&from, NULL, today, KPI_DAY, &p), KPI_PERIOD_OK);
    assert_date(p.from, "2024-02-10");
    assert_date(p.to, "2024-02-29");
    /* 400 days is the most; 401 too many, by day only */
    struct ymd a = D("2023-01-01"), b = days_to_ymd(ymd_to_days(a) + KPI_MAX_BUCKETS - 1);
    assert_int_equal(kpi_trend_period(&a, &b, D("2030-01-01"), KPI_DAY, &p), KPI_PERIOD_OK);
    b = days_to_ymd(ymd_to_days(b) + 1);
    assert_int_equal(kpi_trend_period(&a, &b, D("2030-01-01"), KPI_DAY, &p),
                     KPI_PERIOD_TOO_MANY_BUCKETS);
    assert_int_equal(kpi_trend_period(&a, &b, D("2030-01-01"), KPI_MONTH, &p), KPI_PERIOD_OK);
    /* the period's own checks come first */
    assert_int_equal(kpi_trend_period(&to, &from, today, KPI_DAY, &p), KPI_PERIOD_REVERSED);
    struct ymd far = D("2010-01-01");
    assert_int_equal(kpi_trend_period(&far, &to, today, KPI_DAY, &p), KPI_PERIOD_TOO_LONG);
}

static void test_bucket_describe(void **state) {
    (void)state;
    struct kpi_period p = P("2023-11-15", "2024-02-10");
    struct kpi_bucket b;
    kpi_bucket_describe(KPI_MONTH, &p, 0, &b);
    assert_string_equal(b.label, "2023-11");
    assert_string_equal(b.from, "2023-11-15");
    assert_string_equal(b.to, "2023-11-30");
    kpi_bucket_describe(KPI_QUARTER, &p, 1, &b);
    assert_string_equal(b.label, "2024-Q1");
    assert_string_equal(b.from, "2024-01-01");
    assert_string_equal(b.to, "2024-02-10");
    kpi_bucket_describe(KPI_DAY, &p, 1, &b);
    assert_string_equal(b.label, "2023-11-16");
    assert_string_equal(b.from, "2023-11-16");
    assert_string_equal(b.to, "2023-11-16");
}

/* The segment list grows past its first block, spans each row, and reports OOM (list kept). */
static void test_segments_add(void **state) {
    (void)state;
    struct kpi_segments l = {0};
    for (int i = 0; i < 100; i++) {
        struct kpi_segment *sg = kpi_segments_add(&l, D("2024-02-01"), i % 2);
        assert_non_null(sg);
        assert_int_equal(sg->v[KC_RECEIVED], 0);
        sg->v[KC_RECEIVED] = i;
    }
    assert_int_equal(l.n, 100);
    assert_day(l.seg[0].end, "2024-02-01");
    assert_day(l.seg[1].end, "2024-02-29");
    assert_int_equal(l.seg[99].v[KC_RECEIVED], 99);
    size_t cap = l.cap;
    while (l.n < l.cap) assert_non_null(kpi_segments_add(&l, D("2024-02-01"), 0));
    mem_fail_after(0, -1);
    assert_null(kpi_segments_add(&l, D("2024-02-01"), 0));
    mem_fail_after(-1, 0);
    assert_int_equal(l.n, cap);
    assert_int_equal(l.seg[99].v[KC_RECEIVED], 99);
    free(l.seg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_defaults),
        cmocka_unit_test(test_period_clamped_to_today),
        cmocka_unit_test(test_period_checks),
        cmocka_unit_test(test_trend_default_from),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_split_daily),
        cmocka_unit_test(test_gran_from),
        cmocka_unit_test(test_bucket_count),
        cmocka_unit_test(test_bucket_bounds_and_labels),
        cmocka_unit_test(test_buckets_tile),
        cmocka_unit_test(test_trend_fold),
        cmocka_unit_test(test_segment_span),
        cmocka_unit_test(test_trend_period),
        cmocka_unit_test(test_bucket_describe),
        cmocka_unit_test(test_segments_add),
    };
    return cmocka_run_group_tests_name("kpi_period", tests, NULL, NULL);
}
