/* Unit tests for core/kpi_rank (the ranking's order, the metrics) and kpi_sums_add. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "core/kpi_rank.h"

static struct kpi_ranked R(int name_rank, int defined, double key) {
    return (struct kpi_ranked){name_rank, defined, key, NULL};
}

static void
expect_order(const struct kpi_ranked *rk, size_t n, const int *names) {
    for (size_t i = 0; i < n; i++) assert_int_equal(rk[i].name_rank, names[i]);
}

static void test_sort_desc_and_asc(void **state) {
    (void)state;
    /* in name order: 0..5; 1 and 4 have no data, 2 and 5 tie with 0 */
    struct kpi_ranked rk[] = {R(0, 1, 0.5), R(1, 0, 0),   R(2, 1, 0.5),
                              R(3, 1, 0.9), R(4, 0, 0.7), R(5, 1, 0.5)};
    size_t n = sizeof rk / sizeof rk[0];
    kpi_rank_sort(rk, n, 0);
    expect_order(rk, n, (const int[]){3, 0, 2, 5, 1, 4});
    /* ascending: smallest first, ties still in name order, no data still last */
    kpi_rank_sort(rk, n, 1);
    expect_order(rk, n, (const int[]){0, 2, 5, 3, 1, 4});
    /* nothing and one: left alone */
    kpi_rank_sort(NULL, 0, 0);
    kpi_rank_sort(rk, 1, 1);
    assert_int_equal(rk[0].name_rank, 0);
}

static void test_metric_value(void **state) {
    (void)state;
    struct kpi_figures f;
    memset(&f, 0, sizeof f);
    f.received = 40;
    f.resolved_late = 3;
    f.in_progress_overdue = 2;
    f.ontime = (struct kpi_rate){9, 10, 1, 0.9};
    f.online = (struct kpi_rate){0, 0, 0, 0}; /* no denominator */
    f.apology = (struct kpi_rate){1, 3, 1, 1.0 / 3};
    struct kpi_score s;
    memset(&s, 0, sizeof s);
    s.total = 71.25;
    double v = -1;
    assert_int_equal(kpi_metric_value("score766", &f, &s, &v), 1);
    assert_true(v == 71.25);
    assert_int_equal(kpi_metric_value("ontime_rate", &f, &s, &v), 1);
    assert_true(v == 0.9);
    assert_int_equal(kpi_metric_value("apology_coverage", &f, &s, &v), 1);
    assert_true(v == 1.0 / 3);
    assert_int_equal(kpi_metric_value("online_rate", &f, &s, &v), 0);
    assert_true(v == 0);
    assert_int_equal(kpi_metric_value("received", &f, &s, &v), 1);
    assert_true(v == 40);
    assert_int_equal(kpi_metric_value("resolved_late", &f, &s, &v), 1);
    assert_true(v == 3);
    assert_int_equal(kpi_metric_value("in_progress_overdue", &f, &s, &v), 1);
    assert_true(v == 2);
    /* a count of zero is a value (ranked), unlike a rate without data */
    assert_int_equal(kpi_metric_value("carried_over", &f, &s, &v), 1);
    assert_true(v == 0);
    /* unknown names, no name, a score that is not a number: no value */
    assert_int_equal(kpi_metric_value("bogus", &f, &s, &v), 0);
    assert_int_equal(kpi_metric_value(NULL, &f, &s, &v), 0);
    s.total = NAN;
    assert_int_equal(kpi_metric_value("score766", &f, &s, &v), 0);
    assert_true(v == 0);
}

static void test_sums_add(void **state) {
    (void)state;
    struct kpi_sums a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    for (int c = 0; c < KC_NCOLS; c++) {
        a.period[c] = c;
        b.period[c] = 100 * c;
    }
    a.open_before = 1, a.open_end = 2, a.overdue_end = 3;
    b.open_before = 10, b.open_end = 20, b.overdue_end = 30;
    kpi_sums_add(&a, &b);
    for (int c = 0; c < KC_OPEN; c++) assert_int_equal(a.period[c], 101 * c);
    /* the open and overdue columns are carried in their own fields, not in period[] */
    for (int c = KC_OPEN; c < KC_NCOLS; c++) assert_int_equal(a.period[c], c);
    assert_int_equal(a.open_before, 11);
    assert_int_equal(a.open_end, 22);
    assert_int_equal(a.overdue_end, 33);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_desc_and_asc),
        cmocka_unit_test(test_metric_value),
        cmocka_unit_test(test_sums_add),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
