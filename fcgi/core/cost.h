/* cost: compliance cost arithmetic (chi phí tuân thủ), exact in int64 with overflow refused. */
#ifndef KSTT_CORE_COST_H
#define KSTT_CORE_COST_H

#include <stddef.h>

/* Every amount the arithmetic produces or accepts stays at or below this many VND (10^14): a
 * province's sum of even 90,000 sheets then still fits int64, so totals never wrap. */
#define COST_MAX_VND 100000000000000LL
/* Hours of one activity, in hundredths (1,000,000 hours). */
#define COST_MAX_HOURS_H 100000000LL

/* What went wrong, naming the term that passed COST_MAX_VND (or could not be computed). */
enum cost_err {
    COST_OK = 0,
    COST_E_HOURS,    /* the sum of hours */
    COST_E_MONEY,    /* the sum of money */
    COST_E_PER_TIME, /* hours x hourly income + money */
    COST_E_YEARLY,   /* per_time x frequency x subjects */
    COST_E_INPUT,    /* a negative input */
};

struct cost_activity {
    long long hours_h; /* hours in hundredths */
    long long money;   /* VND */
};

struct cost_totals {
    long long hours_h;  /* sum of hours, hundredths */
    long long money;    /* sum of money */
    long long per_time; /* round_half_up(hours_h x income / 100) + money */
    long long yearly;   /* per_time x frequency x subjects */
};

/* Computes the totals of a sheet: COST_OK, or the term that would pass COST_MAX_VND. */
enum cost_err cost_sheet(const struct cost_activity *a, size_t n, long long hourly_income,
                         long long frequency, long long subjects, struct cost_totals *out);
/* n / d rounded half away from zero (d > 0). */
long long cost_div_round(long long n, long long d);
/* The saving before - after and, when before > 0, its percentage in hundredths of a percent
 * (rounded half away from zero): *has_pct 0 when before is 0. */
void cost_saving(long long before, long long after, long long *saving, long long *pct_h,
                 int *has_pct);
/* Hours given as a JSON number: 0 with *hundredths set when v is within [0, COST_MAX_HOURS_H]
 * hundredths and has at most 2 decimals; -1 otherwise. */
int cost_hours_from_double(double v, long long *hundredths);

#endif
