/* kpi_rank: the order of the KPI ranking (a metric, units without data last, ties in name
 * order) and the value of each metric a unit can be ranked by. Pure. */
#ifndef KSTT_CORE_KPI_RANK_H
#define KSTT_CORE_KPI_RANK_H

#include <stddef.h>

#include "core/kpi766.h"

/* One unit in a ranking. */
struct kpi_ranked {
    int name_rank; /* its place in name order: breaks ties */
    int defined;   /* 0: no data for the metric (ranked after every unit with data) */
    double key;    /* the metric's value when defined */
    void *item;    /* the caller's row for the unit */
};

/* Sorts by key, largest first (asc = 0) or smallest first, then by name_rank. */
void kpi_rank_sort(struct kpi_ranked *rk, size_t n, int asc);

/*
 * The value of metric for a unit, by the API's names: "score766" (the score's total), the
 * rates ("ontime_rate", "online_rate", "digitization_rate", "online_payment_rate",
 * "satisfaction_rate", "apology_coverage") and the counts of struct kpi_figures ("received",
 * "resolved_late", ...). 1 with *out set; 0 when the unit has no value for it (a rate without a
 * denominator, a value that is not finite, an unknown name), *out = 0.
 */
int kpi_metric_value(const char *metric, const struct kpi_figures *f, const struct kpi_score *s,
                     double *out);

#endif
