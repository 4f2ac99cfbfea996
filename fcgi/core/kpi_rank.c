/* kpi_rank: the KPI ranking's order and the value of each metric it ranks by. */
#include "core/kpi_rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_ranked(const struct kpi_ranked *a, const struct kpi_ranked *b, int asc) {
    if (a->defined != b->defined) return a->defined ? -1 : 1; /* no data: last, either order */
    if (a->defined && a->key != b->key) return (asc ? a->key < b->key : a->key > b->key) ? -1 : 1;
    return (a->name_rank > b->name_rank) - (a->name_rank < b->name_rank);
}

static int cmp_desc(const void *x, const void *y) {
    return cmp_ranked(x, y, 0);
}

static int cmp_asc(const void *x, const void *y) {
    return cmp_ranked(x, y, 1);
}

void kpi_rank_sort(struct kpi_ranked *rk, size_t n, int asc) {
    if (n > 1) qsort(rk, n, sizeof *rk, asc ? cmp_asc : cmp_desc);
}

/* The rates and counts by their names in the API (figures_json in api/kpi.c writes the same
 * names), in the order of the arrays kpi_metric_value builds. */
static const char *const rate_names[] = {
    "ontime_rate",       "online_rate",      "digitization_rate", "online_payment_rate",
    "satisfaction_rate", "apology_coverage", "reused_data_rate",  "internal_transfer_rate"};
static const char *const count_names[] = {
    "received",      "received_online", "received_direct",    "received_postal",
    "carried_over",  "resolved",        "resolved_early",     "resolved_ontime",
    "resolved_late", "in_progress",     "in_progress_ontime", "in_progress_overdue"};
#define NRATES  (sizeof rate_names / sizeof rate_names[0])
#define NCOUNTS (sizeof count_names / sizeof count_names[0])

/* A value the JSON of the figures could not hold (jansson refuses NaN and infinities) was
 * never ranked as data: it is no value here either. */
static int value(double v, double *out) {
    *out = isfinite(v) ? v : 0;
    return isfinite(v) ? 1 : 0;
}

int kpi_metric_value(const char *metric, const struct kpi_figures *f, const struct kpi_score *s,
                     double *out) {
    *out = 0;
    if (!metric) return 0;
    if (strcmp(metric, "score766") == 0) return value(s->total, out);
    const struct kpi_rate *rate[NRATES] = {&f->ontime,  &f->online,       &f->digitization,
                                           &f->payment, &f->satisfaction, &f->apology,
                                           &f->reused,  &f->internal};
    const long long count[NCOUNTS] = {
        f->received,      f->received_online, f->received_direct,    f->received_postal,
        f->carried_over,  f->resolved,        f->resolved_early,     f->resolved_ontime,
        f->resolved_late, f->in_progress,     f->in_progress_ontime, f->in_progress_overdue};
    for (size_t i = 0; i < NRATES; i++)
        if (strcmp(metric, rate_names[i]) == 0)
            return rate[i]->defined ? value(rate[i]->value, out) : 0;
    for (size_t i = 0; i < NCOUNTS; i++)
        if (strcmp(metric, count_names[i]) == 0) return value((double)count[i], out);
    return 0;
}
