/* cost: compliance cost arithmetic (chi phí tuân thủ), exact in int64 with overflow refused. */
#include "core/cost.h"

#include <math.h>

/* a + b, or -1 when it would pass COST_MAX_VND (both are non-negative). */
static long long add_capped(long long a, long long b) {
    long long s;
    if (__builtin_add_overflow(a, b, &s) || s > COST_MAX_VND) return -1;
    return s;
}

static long long mul_capped(long long a, long long b) {
    long long p;
    if (__builtin_mul_overflow(a, b, &p) || p > COST_MAX_VND) return -1;
    return p;
}

long long cost_div_round(long long n, long long d) {
    long long q = n / d, rem = n % d;
    /* |rem| * 2 >= d rounds away from zero; compared as rem >= d - rem to avoid overflow. */
    if (rem > 0 && rem >= d - rem) q++;
    if (rem < 0 && -rem >= d + rem) q--;
    return q;
}

enum cost_err cost_sheet(const struct cost_activity *a, size_t n, long long hourly_income,
                         long long frequency, long long subjects, struct cost_totals *out) {
    struct cost_totals t = {0, 0, 0, 0};
    if (hourly_income < 0 || frequency < 0 || subjects < 0) return COST_E_INPUT;
    for (size_t i = 0; i < n; i++) {
        if (a[i].hours_h < 0 || a[i].money < 0) return COST_E_INPUT;
        if ((t.hours_h = add_capped(t.hours_h, a[i].hours_h)) < 0) return COST_E_HOURS;
        if ((t.money = add_capped(t.money, a[i].money)) < 0) return COST_E_MONEY;
    }
    /* hours are hundredths: the product is in hundredths of VND, rounded half up once. */
    long long cents;
    if (__builtin_mul_overflow(t.hours_h, hourly_income, &cents) || cents / 100 > COST_MAX_VND)
        return COST_E_PER_TIME;
    if ((t.per_time = add_capped(cost_div_round(cents, 100), t.money)) < 0) return COST_E_PER_TIME;
    long long per_subject = mul_capped(t.per_time, frequency);
    if (per_subject < 0 || (t.yearly = mul_capped(per_subject, subjects)) < 0) return COST_E_YEARLY;
    *out = t;
    return COST_OK;
}

void cost_saving(long long before, long long after, long long *saving, long long *pct_h,
                 int *has_pct) {
    *saving = before - after; /* both within [0, COST_MAX_VND]: no overflow */
    *has_pct = before > 0;
    /* saving x 10000 is at most 10^18 in magnitude: within int64. */
    *pct_h = before > 0 ? cost_div_round(*saving * 10000, before) : 0;
}

int cost_hours_from_double(double v, long long *hundredths) {
    if (!isfinite(v) || v < 0 || v > (double)COST_MAX_HOURS_H / 100) return -1;
    double x = v * 100;
    double r = nearbyint(x);
    /* A decimal such as 1.15 is not exact in binary (114.99999999999999 after x 100): accept
     * what is within a rounding error of a whole hundredth, refuse a third decimal. */
    if (fabs(x - r) > 1e-6) return -1;
    *hundredths = (long long)r;
    return 0;
}
