/* kpi_period: a KPI request's period, the roll-up rows that cover it, the trend's buckets. */
#include "core/kpi_period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"

static struct ymd first_of_month(struct ymd t) {
    t.d = 1;
    return t;
}

static struct ymd prev_month(struct ymd t) {
    struct ymd r = {t.m == 1 ? t.y - 1 : t.y, t.m == 1 ? 12 : t.m - 1, 1};
    return r;
}

enum kpi_period_check kpi_period_make(const struct ymd *from, const struct ymd *to,
                                      struct ymd today, struct kpi_period *p) {
    p->to = to ? *to : today;
    p->from = from ? *from : first_of_month(p->to);
    p->f = ymd_to_days(p->from);
    p->t = ymd_to_days(p->to);
    /* A period that runs into the future ends today, otherwise every dossier due before the
     * period's last day would already count as overdue. */
    long now = ymd_to_days(today);
    if (p->t > now && p->f <= now) {
        p->to = today;
        p->t = now;
    }
    if (p->f > p->t) return KPI_PERIOD_REVERSED;
    if (p->t - p->f > KPI_MAX_SPAN_DAYS) return KPI_PERIOD_TOO_LONG;
    return KPI_PERIOD_OK;
}

struct ymd kpi_trend_default_from(struct ymd today) {
    int m = today.y * 12 + today.m - 1 - 11;
    struct ymd a = {m / 12, m % 12 + 1, 1};
    return a;
}

/* An empty daily range: its first day after its last. */
static void unused_range(char a[11], char b[11]) {
    snprintf(a, 11, "9999-12-31");
    snprintf(b, 11, "0001-01-01");
}

void kpi_split(const struct kpi_period *p, int daily_all, struct kpi_split *sp) {
    struct ymd fm = first_of_month(p->from), tm = first_of_month(p->to);
    struct ymd fme = ymd_last_of_month(p->from.y, p->from.m);
    struct ymd tme = ymd_last_of_month(p->to.y, p->to.m);
    memset(sp, 0, sizeof *sp);
    snprintf(sp->skip, sizeof sp->skip, "0001-01-01");
    if (daily_all) {
        ymd_format(fm, sp->h1);
        ymd_format(p->to, sp->h2);
        memcpy(sp->t1, sp->h1, 11);
        memcpy(sp->t2, sp->h2, 11);
        ymd_format(prev_month(fm), sp->last_full);
        return;
    }
    int head = p->from.d != 1, tail = ymd_cmp(p->to, tme) != 0;
    if (head) {
        ymd_format(fm, sp->h1);
        ymd_format(fme, sp->h2);
        ymd_format(fm, sp->skip);
    } else {
        unused_range(sp->h1, sp->h2);
    }
    if (tail) {
        ymd_format(tm, sp->t1);
        ymd_format(p->to, sp->t2);
    } else {
        unused_range(sp->t1, sp->t2);
    }
    ymd_format(tail ? prev_month(tm) : tm, sp->last_full);
}

enum kpi_gran kpi_gran_from(const char *name) {
    if (name && strcmp(name, "day") == 0) return KPI_DAY;
    if (name && strcmp(name, "quarter") == 0) return KPI_QUARTER;
    return KPI_MONTH;
}

/* Months per bucket, and the month number (y * 12 + m - 1) of the bucket holding date t. */
static int step_of(enum kpi_gran g) {
    return g == KPI_QUARTER ? 3 : 1;
}

static int bucket_month(enum kpi_gran g, struct ymd t) {
    int m = t.y * 12 + t.m - 1;
    return m - m % step_of(g);
}

long kpi_bucket_count(enum kpi_gran g, const struct kpi_period *p) {
    if (g == KPI_DAY) return p->t - p->f + 1;
    return (bucket_month(g, p->to) - bucket_month(g, p->from)) / step_of(g) + 1;
}

void kpi_bucket_bounds(enum kpi_gran g, const struct kpi_period *p, long k, long *bs, long *be) {
    if (g == KPI_DAY) {
        *bs = *be = p->f + k;
        return;
    }
    int step = step_of(g);
    int m = bucket_month(g, p->from) + (int)k * step;
    struct ymd a, b;
    period_bounds(g == KPI_QUARTER ? PERIOD_QUARTER : PERIOD_MONTH, m / 12, m % 12 / step + 1, &a,
                  &b);
    *bs = ymd_to_days(a);
    *be = ymd_to_days(b);
    if (*bs < p->f) *bs = p->f;
    if (*be > p->t) *be = p->t;
}

void kpi_bucket_label(enum kpi_gran g, long bs, char *out, size_t cap) {
    struct ymd t = days_to_ymd(bs);
    /* the modulos keep the compiler's truncation check quiet: a valid year has four digits */
    if (g == KPI_DAY) {
        char d[11];
        ymd_format(t, d);
        snprintf(out, cap, "%s", d);
    } else if (g == KPI_QUARTER) {
        snprintf(out, cap, "%04d-Q%d", t.y % 10000, period_index_of(PERIOD_QUARTER, t) % 10);
    } else {
        snprintf(out, cap, "%04d-%02d", t.y % 10000, t.m % 100);
    }
}

enum kpi_period_check kpi_trend_period(const struct ymd *from, const struct ymd *to,
                                       struct ymd today, enum kpi_gran g, struct kpi_period *p) {
    struct ymd dflt = kpi_trend_default_from(today);
    enum kpi_period_check rc = kpi_period_make(from || to ? from : &dflt, to, today, p);
    if (rc == KPI_PERIOD_OK && kpi_bucket_count(g, p) > KPI_MAX_BUCKETS)
        rc = KPI_PERIOD_TOO_MANY_BUCKETS;
    return rc;
}

void kpi_bucket_describe(enum kpi_gran g, const struct kpi_period *p, long k,
                         struct kpi_bucket *b) {
    long bs, be;
    kpi_bucket_bounds(g, p, k, &bs, &be);
    kpi_bucket_label(g, bs, b->label, sizeof b->label);
    ymd_format(days_to_ymd(bs), b->from);
    ymd_format(days_to_ymd(be), b->to);
}

struct kpi_segment *kpi_segments_add(struct kpi_segments *l, struct ymd d, int monthly) {
    if (MEM_GROW(l->seg, l->n, l->cap) < 0) return NULL;
    struct kpi_segment *sg = &l->seg[l->n++];
    memset(sg, 0, sizeof *sg);
    kpi_segment_span(d, monthly, sg);
    return sg;
}

static int cmp_seg(const void *x, const void *y) {
    const struct kpi_segment *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

void kpi_segment_span(struct ymd d, int monthly, struct kpi_segment *sg) {
    sg->start = ymd_to_days(d);
    sg->end = monthly ? ymd_to_days(ymd_last_of_month(d.y, d.m)) : sg->start;
}

void kpi_trend_fold(struct kpi_segment *seg, size_t ns, enum kpi_gran g, const struct kpi_period *p,
                    struct kpi_sums *out) {
    if (ns) qsort(seg, ns, sizeof *seg, cmp_seg);
    size_t si = 0;
    long long open = 0, overdue = 0;
    /* history before the period */
    while (si < ns && seg[si].end < p->f) {
        open += seg[si].v[KC_OPEN];
        overdue += seg[si].v[KC_OVERDUE];
        si++;
    }
    long nb = kpi_bucket_count(g, p);
    for (long k = 0; k < nb; k++) {
        long bs, be;
        kpi_bucket_bounds(g, p, k, &bs, &be);
        struct kpi_sums *s = &out[k];
        memset(s, 0, sizeof *s);
        s->open_before = open;
        while (si < ns && seg[si].end <= be) {
            for (int c = 0; c < KC_OPEN; c++) s->period[c] += seg[si].v[c];
            open += seg[si].v[KC_OPEN];
            overdue += seg[si].v[KC_OVERDUE];
            si++;
        }
        s->open_end = open;
        s->overdue_end = overdue;
    }
}
