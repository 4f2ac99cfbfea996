/* Unit tests for core/cost: the worked example of docs/compliance-cost.md, rounding, zero
 * subjects, a missing after-version, huge numbers refused instead of wrapped, hours parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/cost.h"

#define N(a) (sizeof(a) / sizeof(a)[0])

/* docs/compliance-cost.md: 2024, 43,750 VND an hour, 1,200 subjects once a year. */
static void test_worked_example(void **state) {
    (void)state;
    const struct cost_activity before[] = {{450, 20000}, {225, 50000}, {150, 0}, {0, 100000}};
    const struct cost_activity after[] = {{250, 10000}, {50, 0}, {0, 50000}};
    struct cost_totals b, a;
    assert_int_equal(cost_sheet(before, N(before), 43750, 1, 1200, &b), COST_OK);
    assert_int_equal(b.hours_h, 825);
    assert_int_equal(b.money, 170000);
    assert_int_equal(b.per_time, 530938); /* 360,937.5 rounded half up, + 170,000 */
    assert_int_equal(b.yearly, 637125600);
    assert_int_equal(cost_sheet(after, N(after), 43750, 1, 1200, &a), COST_OK);
    assert_int_equal(a.per_time, 191250);
    assert_int_equal(a.yearly, 229500000);
    long long saving, pct;
    int has;
    cost_saving(b.yearly, a.yearly, &saving, &pct, &has);
    assert_int_equal(saving, 407625600);
    assert_true(has);
    assert_int_equal(pct, 6398); /* 63.9788...% */
}

static void test_rounding_half_up_only_once(void **state) {
    (void)state;
    struct cost_totals t;
    /* 0.01 h x 49 VND = 0.49 VND -> 0; x 50 -> 0.5 -> 1; two such activities sum first (1 VND). */
    const struct cost_activity one[] = {{1, 0}};
    const struct cost_activity two[] = {{1, 0}, {1, 0}};
    assert_int_equal(cost_sheet(one, 1, 49, 1, 1, &t), COST_OK);
    assert_int_equal(t.per_time, 0);
    assert_int_equal(cost_sheet(one, 1, 50, 1, 1, &t), COST_OK);
    assert_int_equal(t.per_time, 1);
    assert_int_equal(cost_sheet(two, 2, 50, 1, 1, &t), COST_OK);
    assert_int_equal(t.per_time, 1); /* not 1 + 1: the hours are summed before rounding */
    assert_int_equal(cost_sheet(two, 2, 75, 1, 1, &t), COST_OK);
    assert_int_equal(t.per_time, 2); /* 1.5 -> 2 */
}

static void test_zero_subjects_and_empty_sheet(void **state) {
    (void)state;
    struct cost_totals t;
    const struct cost_activity a[] = {{100, 1000}};
    assert_int_equal(cost_sheet(a, 1, 40000, 2, 0, &t), COST_OK);
    assert_int_equal(t.per_time, 41000);
    assert_int_equal(t.yearly, 0);
    assert_int_equal(cost_sheet(NULL, 0, 40000, 1, 10, &t), COST_OK);
    assert_int_equal(t.per_time, 0);
    assert_int_equal(t.yearly, 0);
    long long s, p;
    int has = 1;
    cost_saving(0, 0, &s, &p, &has); /* before 0: no percentage */
    assert_false(has);
    assert_int_equal(s, 0);
}

static void test_saving_negative_and_rounding(void **state) {
    (void)state;
    long long s, p;
    int has;
    cost_saving(300, 400, &s, &p, &has); /* after costs more: -33.333% -> -3333 */
    assert_int_equal(s, -100);
    assert_int_equal(p, -3333);
    cost_saving(8, 7, &s, &p, &has); /* 12.5% exactly */
    assert_int_equal(p, 1250);
    cost_saving(80000, 79999, &s, &p, &has); /* 0.00125% -> 0.00 */
    assert_int_equal(p, 0);
    cost_saving(160000, 159999, &s, &p, &has); /* 0.000625% -> 0 */
    assert_int_equal(p, 0);
    cost_saving(20000, 19999, &s, &p, &has); /* 0.005% -> half away from zero: 0.01 */
    assert_int_equal(p, 1);
    cost_saving(20000, 20001, &s, &p, &has); /* -0.005% -> -0.01 */
    assert_int_equal(p, -1);
    cost_saving(COST_MAX_VND, 0, &s, &p, &has);
    assert_int_equal(p, 10000);
    cost_saving(1, COST_MAX_VND, &s, &p, &has); /* huge negative saving, no overflow */
    assert_int_equal(s, 1 - COST_MAX_VND);
}

static void test_div_round(void **state) {
    (void)state;
    assert_int_equal(cost_div_round(5, 10), 1);
    assert_int_equal(cost_div_round(4, 10), 0);
    assert_int_equal(cost_div_round(-5, 10), -1);
    assert_int_equal(cost_div_round(-4, 10), 0);
    assert_int_equal(cost_div_round(15, 10), 2);
    assert_int_equal(cost_div_round(-15, 10), -2);
    assert_int_equal(cost_div_round(0, 7), 0);
    assert_int_equal(cost_div_round(INT64_MAX, 2), INT64_MAX / 2 + 1);
}

static void test_huge_numbers_refused(void **state) {
    (void)state;
    struct cost_totals t = {7, 7, 7, 7};
    const struct cost_activity money_big[] = {{0, COST_MAX_VND}, {0, 1}};
    assert_int_equal(cost_sheet(money_big, 2, 1, 1, 1, &t), COST_E_MONEY);
    assert_int_equal(t.per_time, 7); /* untouched on error */
    const struct cost_activity money_max[] = {{0, COST_MAX_VND}};
    assert_int_equal(cost_sheet(money_max, 1, 1, 1, 1, &t), COST_OK);
    assert_int_equal(t.yearly, COST_MAX_VND);
    assert_int_equal(cost_sheet(money_max, 1, 1, 2, 1, &t), COST_E_YEARLY);
    assert_int_equal(cost_sheet(money_max, 1, 1, 1, 2, &t), COST_E_YEARLY);
    const struct cost_activity wrap[] = {{0, INT64_MAX}, {0, INT64_MAX}};
    assert_int_equal(cost_sheet(wrap, 2, 1, 1, 1, &t), COST_E_MONEY);
    const struct cost_activity hours_big[] = {{INT64_MAX, 0}, {1, 0}};
    assert_int_equal(cost_sheet(hours_big, 2, 1, 1, 1, &t), COST_E_HOURS);
    /* hours x income overflowing int64 itself, and only passing the cap */
    const struct cost_activity h[] = {{COST_MAX_HOURS_H, 0}};
    assert_int_equal(cost_sheet(h, 1, INT64_MAX, 1, 1, &t), COST_E_PER_TIME);
    assert_int_equal(cost_sheet(h, 1, COST_MAX_VND, 1, 1, &t), COST_E_PER_TIME);
    /* exactly at the cap through hours: 10^8 hundredths x 10^8 VND / 100 = 10^14 */
    assert_int_equal(cost_sheet(h, 1, 100000000LL, 1, 1, &t), COST_OK);
    assert_int_equal(t.per_time, COST_MAX_VND);
    const struct cost_activity plus[] = {{COST_MAX_HOURS_H, 1}};
    assert_int_equal(cost_sheet(plus, 1, 100000000LL, 1, 1, &t), COST_E_PER_TIME);
    /* frequency x subjects each fine, product past the cap */
    const struct cost_activity m[] = {{0, 1000000}};
    assert_int_equal(cost_sheet(m, 1, 0, 100000, 1000000, &t), COST_E_YEARLY);
    assert_int_equal(cost_sheet(m, 1, 0, 1, INT64_MAX, &t), COST_E_YEARLY);
    assert_int_equal(cost_sheet(m, 1, 0, INT64_MAX, INT64_MAX, &t), COST_E_YEARLY);
}

static void test_negative_refused(void **state) {
    (void)state;
    struct cost_totals t;
    const struct cost_activity neg_h[] = {{-1, 0}}, neg_m[] = {{0, -1}}, ok[] = {{1, 1}};
    assert_int_equal(cost_sheet(neg_h, 1, 1, 1, 1, &t), COST_E_INPUT);
    assert_int_equal(cost_sheet(neg_m, 1, 1, 1, 1, &t), COST_E_INPUT);
    assert_int_equal(cost_sheet(ok, 1, -1, 1, 1, &t), COST_E_INPUT);
    assert_int_equal(cost_sheet(ok, 1, 1, -1, 1, &t), COST_E_INPUT);
    assert_int_equal(cost_sheet(ok, 1, 1, 1, -1, &t), COST_E_INPUT);
}

static void test_hours_parsing(void **state) {
    (void)state;
    long long h = -7;
    assert_int_equal(cost_hours_from_double(1.15, &h), 0);
    assert_int_equal(h, 115);
    assert_int_equal(cost_hours_from_double(0.29, &h), 0); /* 28.999999999999996 in binary */
    assert_int_equal(h, 29);
    assert_int_equal(cost_hours_from_double(4.35, &h), 0);
    assert_int_equal(h, 435);
    assert_int_equal(cost_hours_from_double(8, &h), 0);
    assert_int_equal(h, 800);
    assert_int_equal(cost_hours_from_double(0, &h), 0);
    assert_int_equal(h, 0);
    assert_int_equal(cost_hours_from_double(999999.99, &h), 0);
    assert_int_equal(h, 99999999);
    assert_int_equal(cost_hours_from_double(1000000, &h), 0);
    assert_int_equal(h, COST_MAX_HOURS_H);
    h = -7;
    assert_int_equal(cost_hours_from_double(1.155, &h), -1);
    assert_int_equal(cost_hours_from_double(0.001, &h), -1);
    assert_int_equal(cost_hours_from_double(-0.5, &h), -1);
    assert_int_equal(cost_hours_from_double(1000000.01, &h), -1);
    assert_int_equal(cost_hours_from_double(1e300, &h), -1);
    assert_int_equal(h, -7);
    /* every hundredth from 0 to 100 h parses back to itself */
    for (long long i = 0; i <= 10000; i++) {
        assert_int_equal(cost_hours_from_double((double)i / 100, &h), 0);
        assert_int_equal(h, i);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_rounding_half_up_only_once),
        cmocka_unit_test(test_zero_subjects_and_empty_sheet),
        cmocka_unit_test(test_saving_negative_and_rounding),
        cmocka_unit_test(test_div_round),
        cmocka_unit_test(test_huge_numbers_refused),
        cmocka_unit_test(test_negative_refused),
        cmocka_unit_test(test_hours_parsing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
