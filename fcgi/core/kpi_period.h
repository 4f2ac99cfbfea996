/* kpi_period: the KPI pages' date arithmetic: a request's period, which roll-up rows cover it,
 * and the trend's day, month and quarter buckets. Pure. */
#ifndef KSTT_CORE_KPI_PERIOD_H
#define KSTT_CORE_KPI_PERIOD_H

#include <stddef.h>

#include "core/kpi766.h"
#include "core/period.h"

/* Longest period and most trend buckets one request may ask for. */
#define KPI_MAX_SPAN_DAYS 3700
#define KPI_MAX_BUCKETS   400

/* A closed period [from, to] and the same as day numbers (ymd_to_days). */
struct kpi_period {
    struct ymd from, to;
    long f, t;
};

enum kpi_period_check {
    KPI_PERIOD_OK = 0,
    KPI_PERIOD_REVERSED,
    KPI_PERIOD_TOO_LONG,
    KPI_PERIOD_TOO_MANY_BUCKETS /* kpi_trend_period only */
};

/*
 * The period of a request from its optional bounds (NULL: absent): no bounds, the current month
 * up to today; only to, the first of to's month up to to; only from, from up to today. A period
 * that runs past today but starts by today ends today (figures are as of today). Checks: from
 * after to (REVERSED), more than KPI_MAX_SPAN_DAYS between them (TOO_LONG); *p is set even then.
 */
enum kpi_period_check kpi_period_make(const struct ymd *from, const struct ymd *to,
                                      struct ymd today, struct kpi_period *p);
/* The first of the month eleven months before today's: a trend's default start (12 months). */
struct ymd kpi_trend_default_from(struct ymd today);

/*
 * Which roll-up rows cover (-inf, to]: the monthly rows of whole months up to last_full, but
 * not the month skip, and the daily rows [h1, h2] of the month the period's start cuts and
 * [t1, t2] of the month its end cuts (h1 > h2 or t1 > t2 when unused). A month-aligned period
 * reads monthly rows only. daily_all: every day from the first of from's month to to is read
 * daily (daily trends), the months before monthly. All as "YYYY-MM-DD".
 */
struct kpi_split {
    char h1[11], h2[11], t1[11], t2[11];
    char last_full[11];
    char skip[11];
};
void kpi_split(const struct kpi_period *p, int daily_all, struct kpi_split *sp);

/* Trend granularity: one bucket per day, calendar month or calendar quarter. */
enum kpi_gran { KPI_DAY, KPI_MONTH, KPI_QUARTER };
/* "day", "month", "quarter" -> the granularity; anything else (NULL too) is KPI_MONTH. */
enum kpi_gran kpi_gran_from(const char *name);
/* Buckets a period spans: days, or months/quarters touched (partial first and last count). */
long kpi_bucket_count(enum kpi_gran g, const struct kpi_period *p);
/* Bucket k's first and last day (day numbers), clipped to the period. */
void kpi_bucket_bounds(enum kpi_gran g, const struct kpi_period *p, long k, long *bs, long *be);
/* Label of the bucket starting at day bs: "2024-03-05", "2024-03" or "2024-Q1". */
void kpi_bucket_label(enum kpi_gran g, long bs, char *out, size_t cap);

/*
 * A trend's period: as kpi_period_make, but with no bounds at all the last 12 months up to
 * today (kpi_trend_default_from), and TOO_MANY_BUCKETS when the period is otherwise fine but
 * spans more than KPI_MAX_BUCKETS buckets of g.
 */
enum kpi_period_check kpi_trend_period(const struct ymd *from, const struct ymd *to,
                                       struct ymd today, enum kpi_gran g, struct kpi_period *p);

/* Bucket k of a trend as it is shown: its label and its first and last day, "YYYY-MM-DD". */
struct kpi_bucket {
    char label[16], from[11], to[11];
};
void kpi_bucket_describe(enum kpi_gran g, const struct kpi_period *p, long k, struct kpi_bucket *b);

/* Roll-up rows summed over units: a day (start == end) or a month (its first and last day). */
struct kpi_segment {
    long start, end; /* day numbers, inclusive */
    long long v[KC_NCOLS];
};
/* The days a roll-up row of date d covers: d itself (a daily row), or d's whole month. */
void kpi_segment_span(struct ymd d, int monthly, struct kpi_segment *sg);
/* A growing list of segments (start it zeroed; free seg when done). */
struct kpi_segments {
    struct kpi_segment *seg;
    size_t n, cap;
};
/* A new segment spanning the roll-up row of date d (kpi_segment_span) with its sums zeroed, for
 * the caller to fill; NULL on OOM (the list is left as it was). */
struct kpi_segment *kpi_segments_add(struct kpi_segments *l, struct ymd d, int monthly);
/*
 * The trend's figures: sorts seg by start and adds each segment to the bucket holding its last
 * day (month and quarter buckets are whole months, so no monthly row straddles an edge), with
 * the history before the period carried into open_before, open_end and overdue_end. Segments
 * may share a date (several chunks of units). out has kpi_bucket_count(g, p) entries.
 */
void kpi_trend_fold(struct kpi_segment *seg, size_t ns, enum kpi_gran g, const struct kpi_period *p,
                    struct kpi_sums *out);

#endif
