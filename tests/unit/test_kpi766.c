/* Unit tests for core/kpi766 (SPEC §5 figures from daily deltas, 766 score) and core/dossier
 * (ISO 8601 with offsets, row validation, JSON array and CSV splitting). Hand-made cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/dossier.h"
#include "core/kpi766.h"
#include "core/period.h"

/* --- a miniature roll-up store: units x days, as kpi_daily holds them --- */

#define NUNITS   4
#define BASE_DAY 19358 /* 2023-01-01 */
#define NDAYS    1200

static long long store[NUNITS][NDAYS][KC_NCOLS];

static long day_of(const char *ymd) {
    struct ymd t;
    assert_int_equal(ymd_parse(ymd, &t), 0);
    return ymd_to_days(t);
}

static void apply(int unit, const struct kpi_facts *f, int sign) {
    struct kpi_delta d[KPI_MAX_DELTAS];
    int n = kpi_contrib(f, sign, d);
    assert_true(n > 0 && n <= KPI_MAX_DELTAS);
    for (int i = 0; i < n; i++) {
        long k = d[i].day - BASE_DAY;
        assert_true(k >= 0 && k < NDAYS);
        store[unit][k][d[i].col] += d[i].v;
    }
}

/* Sums over the units in mask (a "subtree") for [from, to], as the API reads them. */
static struct kpi_figures figures(unsigned mask, const char *from, const char *to) {
    struct kpi_sums s;
    memset(&s, 0, sizeof s);
    long f = day_of(from) - BASE_DAY, t = day_of(to) - BASE_DAY;
    for (int u = 0; u < NUNITS; u++) {
        if (!(mask & (1u << u))) continue;
        for (long k = 0; k < NDAYS; k++) {
            if (k >= f && k <= t)
                for (int c = 0; c < KC_OPEN; c++) s.period[c] += store[u][k][c];
            if (k < f) s.open_before += store[u][k][KC_OPEN];
            if (k <= t) {
                s.open_end += store[u][k][KC_OPEN];
                s.overdue_end += store[u][k][KC_OVERDUE];
            }
        }
    }
    struct kpi_figures out;
    kpi_figures_from(&s, &out);
    return out;
}

static int store_is_empty(void) {
    for (int u = 0; u < NUNITS; u++)
        for (long k = 0; k < NDAYS; k++)
            for (int c = 0; c < KC_NCOLS; c++)
                if (store[u][k][c]) return 0;
    return 1;
}

static int reset(void **state) {
    (void)state;
    memset(store, 0, sizeof store);
    return 0;
}

static void no_err(void *ctx, const char *field, const char *message) {
    (void)ctx;
    fail_msg("unexpected error on %s: %s", field, message);
}

static long long T(const char *iso) {
    long long t;
    int is_date = 0;
    if (dossier_parse_time(iso, strlen(iso), 1, &t, &is_date) < 0) fail_msg("bad time %s", iso);
    return t;
}

/* Facts of a dossier given by its ISO times (NULL: absent). */
static struct kpi_facts facts(const char *recv, const char *due, const char *fin, int channel,
                              int sc) {
    struct kpi_facts f;
    memset(&f, 0, sizeof f);
    f.received_day = dossier_day(T(recv));
    f.due_day = due ? dossier_day(T(due)) : f.received_day;
    f.finished_day = fin ? dossier_day(T(fin)) : KPI_NO_DAY;
    f.channel = channel;
    f.supplement_count = sc;
    return f;
}

#define RATE_NULL(r) assert_false((r).defined)
#define RATE_IS(r, n, d)                                                                           \
    do {                                                                                           \
        assert_true((r).defined);                                                                  \
        assert_int_equal((r).num, (n));                                                            \
        assert_int_equal((r).den, (d));                                                            \
    } while (0)

/* --- times --- */

static void test_iso_times(void **state) {
    (void)state;
    long long t;
    int is_date = -1;
    assert_int_equal(dossier_parse_time("2024-03-05T08:15:00+07:00", 25, 0, &t, &is_date), 0);
    char s[20];
    dossier_format_time(t, s);
    assert_string_equal(s, "2024-03-05 08:15:00");
    assert_int_equal(is_date, 0);
    /* the last second of a day, midnight of a leap day, and a time before 1970 */
    static const char *const round_trip[][2] = {
        {"1999-12-31T23:59:59+07:00", "1999-12-31 23:59:59"},
        {"2024-02-29T00:00:00+07:00", "2024-02-29 00:00:00"},
        {"1969-07-20T20:17:40Z", "1969-07-21 03:17:40"},
    };
    for (size_t i = 0; i < sizeof round_trip / sizeof *round_trip; i++) {
        long long u;
        assert_int_equal(
            dossier_parse_time(round_trip[i][0], strlen(round_trip[i][0]), 0, &u, NULL), 0);
        dossier_format_time(u, s);
        assert_string_equal(s, round_trip[i][1]);
    }
    /* the same instant from UTC and from +02:00 */
    assert_int_equal(T("2024-03-05T01:15:00Z"), t);
    assert_int_equal(T("2024-03-05T03:15:00+02:00"), t);
    assert_int_equal(T("2024-03-05T01:15:00.123456Z"), t);
    assert_int_equal(T("2024-03-05 08:15:00+0700"), t);
    assert_int_equal(T("2024-03-05T08:15+07"), t);
    /* 17:00 UTC is midnight in Hà Nội: the next local date */
    assert_int_equal(dossier_day(T("2024-03-31T17:00:00Z")), day_of("2024-04-01"));
    assert_int_equal(dossier_day(T("2024-03-31T16:59:59Z")), day_of("2024-03-31"));
    assert_int_equal(dossier_day(T("2024-03-31T23:59:59+07:00")), day_of("2024-03-31"));
    assert_int_equal(dossier_day(T("2024-04-01T00:00:00+07:00")), day_of("2024-04-01"));
    /* west of Greenwich: 20:00 on the 31st in New York is the 1st in Việt Nam */
    assert_int_equal(dossier_day(T("2024-03-31T20:00:00-04:00")), day_of("2024-04-01"));
    /* no offset, bad fields: refused */
    const char *bad[] = {
        "2024-03-05T08:15:00",        "2024-03-05T24:00:00Z",  "2024-02-30T08:00:00Z",
        "2024-03-05T08:15:00+15:00",  "2024-03-05T08:60:00Z",  "05/03/2024",
        "2024-03-05T08:15:00+07:00x", "2024-03-05T08:15:00.Z", "",
        "2024-03-05T08:15:00 +07:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(dossier_parse_time(bad[i], strlen(bad[i]), 0, &t, NULL), -1);
    /* a bare date only where allowed (due_at) */
    assert_int_equal(dossier_parse_time("2024-03-05", 10, 0, &t, NULL), -1);
    assert_int_equal(dossier_parse_time("2024-03-05", 10, 1, &t, &is_date), 0);
    assert_int_equal(is_date, 1);
    assert_int_equal(dossier_day(t), day_of("2024-03-05"));
}

/* --- received, channels --- */

static void test_received_by_channel(void **state) {
    (void)state;
    struct kpi_facts a = facts("2024-03-01T08:00:00+07:00", NULL, NULL, CH_ONLINE, 0);
    struct kpi_facts b = facts("2024-03-02T08:00:00+07:00", NULL, NULL, CH_DIRECT, 0);
    struct kpi_facts c = facts("2024-03-31T23:59:00+07:00", NULL, NULL, CH_POSTAL, 0);
    struct kpi_facts d = facts("2024-03-31T17:00:00Z", NULL, NULL, CH_ONLINE, 0); /* April 1st */
    apply(0, &a, 1);
    apply(0, &b, 1);
    apply(0, &c, 1);
    apply(0, &d, 1);
    struct kpi_figures f = figures(1, "2024-03-01", "2024-03-31");
    assert_int_equal(f.received, 3);
    assert_int_equal(f.received_online, 1);
    assert_int_equal(f.received_direct, 1);
    assert_int_equal(f.received_postal, 1);
    RATE_IS(f.online, 1, 3);
    f = figures(1, "2024-04-01", "2024-04-01");
    assert_int_equal(f.received, 1);
    assert_int_equal(f.carried_over, 3);
    /* nothing received: the rate is undefined, not 0 */
    f = figures(1, "2024-05-01", "2024-05-31");
    assert_int_equal(f.received, 0);
    RATE_NULL(f.online);
}

/* --- resolved early / on time / late, and the 23:59 / 00:00 edge on the due date --- */

static void test_resolved_split_and_midnight(void **state) {
    (void)state;
    const char *due = "2024-03-31T17:00:00+07:00";
    struct kpi_facts early =
        facts("2024-03-20T08:00:00+07:00", due, "2024-03-30T10:00:00+07:00", CH_DIRECT, 0);
    struct kpi_facts at2359 =
        facts("2024-03-20T08:00:00+07:00", due, "2024-03-31T23:59:00+07:00", CH_DIRECT, 0);
    struct kpi_facts at0000 =
        facts("2024-03-20T08:00:00+07:00", due, "2024-04-01T00:00:00+07:00", CH_DIRECT, 0);
    apply(0, &early, 1);
    apply(0, &at2359, 1);
    apply(0, &at0000, 1);
    struct kpi_figures f = figures(1, "2024-03-01", "2024-03-31");
    assert_int_equal(f.resolved, 2);
    assert_int_equal(f.resolved_early, 1);
    assert_int_equal(f.resolved_ontime, 1); /* 23:59 on the due date is on time */
    assert_int_equal(f.resolved_late, 0);
    /* finished at 00:00 on April 1st: still in progress at the end of March 31st, and not
     * overdue then, since its due date is not before the 31st */
    assert_int_equal(f.in_progress, 1);
    assert_int_equal(f.in_progress_overdue, 0);
    assert_int_equal(f.in_progress_ontime, 1);
    RATE_IS(f.ontime, 3, 3);
    f = figures(1, "2024-04-01", "2024-04-30");
    assert_int_equal(f.carried_over, 1);
    assert_int_equal(f.resolved, 1);
    assert_int_equal(f.resolved_late, 1);
    assert_int_equal(f.in_progress, 0);
    RATE_IS(f.ontime, 0, 1);
    assert_true(kpi_is_late(&at0000));
    assert_false(kpi_is_late(&at2359));
}

/* --- in progress, overdue, carried over --- */

static void test_in_progress_and_overdue(void **state) {
    (void)state;
    /* received in February, due 2024-03-10, never finished */
    struct kpi_facts open =
        facts("2024-02-20T09:00:00+07:00", "2024-03-10T17:00:00+07:00", NULL, CH_ONLINE, 0);
    apply(1, &open, 1);
    struct kpi_figures f = figures(2, "2024-03-01", "2024-03-10");
    assert_int_equal(f.carried_over, 1);
    assert_int_equal(f.received, 0);
    assert_int_equal(f.in_progress, 1);
    assert_int_equal(f.in_progress_overdue, 0); /* due date == to: not yet overdue */
    f = figures(2, "2024-03-01", "2024-03-11");
    assert_int_equal(f.in_progress_overdue, 1); /* due date < to */
    RATE_IS(f.ontime, 0, 1);
    /* a period before it was received knows nothing of it */
    f = figures(2, "2024-01-01", "2024-02-19");
    assert_int_equal(f.in_progress, 0);
    assert_int_equal(f.carried_over, 0);
    RATE_NULL(f.ontime);
    /* the day it was received: received and in progress, not carried over */
    f = figures(2, "2024-02-20", "2024-02-20");
    assert_int_equal(f.received, 1);
    assert_int_equal(f.carried_over, 0);
    assert_int_equal(f.in_progress, 1);
}

static void test_no_due_date_means_due_when_received(void **state) {
    (void)state;
    struct kpi_facts same =
        facts("2024-05-06T08:00:00+07:00", NULL, "2024-05-06T16:00:00+07:00", CH_DIRECT, 0);
    struct kpi_facts next =
        facts("2024-05-06T09:00:00+07:00", NULL, "2024-05-07T08:00:00+07:00", CH_DIRECT, 0);
    apply(0, &same, 1);
    apply(0, &next, 1);
    struct kpi_figures f = figures(1, "2024-05-06", "2024-05-06");
    assert_int_equal(f.resolved_ontime, 1);
    assert_int_equal(f.in_progress, 1);
    assert_int_equal(f.in_progress_overdue, 0);
    f = figures(1, "2024-05-07", "2024-05-07");
    assert_int_equal(f.resolved_late, 1);
    assert_int_equal(f.carried_over, 1);
    assert_int_equal(f.in_progress, 0);
}

static void test_more_than_one_supplement_counts_late(void **state) {
    (void)state;
    const char *due = "2024-06-30T17:00:00+07:00";
    struct kpi_facts two =
        facts("2024-06-03T08:00:00+07:00", due, "2024-06-10T08:00:00+07:00", CH_ONLINE, 2);
    struct kpi_facts one =
        facts("2024-06-03T08:00:00+07:00", due, "2024-06-10T08:00:00+07:00", CH_ONLINE, 1);
    struct kpi_facts open2 = facts("2024-06-03T08:00:00+07:00", due, NULL, CH_ONLINE, 3);
    apply(0, &two, 1);
    apply(0, &one, 1);
    apply(0, &open2, 1);
    struct kpi_figures f = figures(1, "2024-06-01", "2024-06-30");
    assert_int_equal(f.resolved, 2);
    assert_int_equal(f.resolved_early, 1);
    assert_int_equal(f.resolved_late, 1);
    /* in progress with three requests for supplements: overdue at once */
    assert_int_equal(f.in_progress, 1);
    assert_int_equal(f.in_progress_overdue, 1);
    f = figures(1, "2024-06-03", "2024-06-03");
    assert_int_equal(f.in_progress_overdue, 2); /* from the day received */
    RATE_IS(f.ontime, 1, 3);
}

static void test_overdue_then_finished(void **state) {
    (void)state;
    /* due 06-05, finished 06-09: overdue at the end of 06-06, 06-07, 06-08 only */
    struct kpi_facts x = facts("2024-06-03T08:00:00+07:00", "2024-06-05T17:00:00+07:00",
                               "2024-06-09T08:00:00+07:00", CH_DIRECT, 0);
    apply(0, &x, 1);
    const char *days[] = {"2024-06-05", "2024-06-06", "2024-06-08", "2024-06-09"};
    const int want[] = {0, 1, 1, 0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(figures(1, days[i], days[i]).in_progress_overdue, want[i]);
    /* finished on its due date + 1 after the received day: no overdue window at all */
    reset(NULL);
    struct kpi_facts y = facts("2024-06-03T08:00:00+07:00", "2024-06-03T17:00:00+07:00",
                               "2024-06-04T08:00:00+07:00", CH_DIRECT, 0);
    apply(0, &y, 1);
    assert_int_equal(figures(1, "2024-06-03", "2024-06-03").in_progress_overdue, 0);
    assert_int_equal(figures(1, "2024-06-04", "2024-06-04").in_progress_overdue, 0);
    assert_int_equal(figures(1, "2024-06-04", "2024-06-04").resolved_late, 1);
}

/* --- the other rates --- */

static void test_rates(void **state) {
    (void)state;
    struct kpi_facts a = facts("2024-07-01T08:00:00+07:00", "2024-07-05T17:00:00+07:00",
                               "2024-07-04T08:00:00+07:00", CH_ONLINE, 0);
    a.digitized = a.result_electronic = 1;
    a.fee_positive = a.paid_online = 1;
    a.rating = RT_SATISFIED;
    struct kpi_facts b = a;
    b.result_electronic = 0; /* digitised but paper result: not counted */
    b.paid_online = 0;
    b.rating = RT_NORMAL;
    struct kpi_facts c = facts("2024-07-01T08:00:00+07:00", "2024-07-02T17:00:00+07:00",
                               "2024-07-09T08:00:00+07:00", CH_DIRECT, 0);
    c.rating = RT_UNSATISFIED;
    c.apology_issued = 1;
    struct kpi_facts d = facts("2024-07-01T08:00:00+07:00", "2024-07-02T17:00:00+07:00",
                               "2024-07-10T08:00:00+07:00", CH_DIRECT, 0);
    /* fee 0: outside the payment rate; unrated: outside satisfaction */
    apply(0, &a, 1);
    apply(0, &b, 1);
    apply(0, &c, 1);
    apply(0, &d, 1);
    struct kpi_figures f = figures(1, "2024-07-01", "2024-07-31");
    assert_int_equal(f.resolved, 4);
    RATE_IS(f.digitization, 1, 4);
    RATE_IS(f.payment, 1, 2);
    RATE_IS(f.satisfaction, 2, 3);
    RATE_IS(f.apology, 1, 2);
    RATE_IS(f.ontime, 2, 4);
    /* apology on an on-time dossier does not count */
    reset(NULL);
    a.apology_issued = 1;
    apply(0, &a, 1);
    f = figures(1, "2024-07-01", "2024-07-31");
    RATE_NULL(f.apology);
}

/* --- upserts: the earlier version comes out, the new one goes in --- */

static void test_upsert_changes_status_and_unit(void **state) {
    (void)state;
    struct kpi_facts v1 =
        facts("2024-08-01T08:00:00+07:00", "2024-08-10T17:00:00+07:00", NULL, CH_ONLINE, 0);
    apply(0, &v1, 1);
    assert_int_equal(figures(1, "2024-08-01", "2024-08-31").in_progress, 1);
    /* version 2: finished late, and moved to unit 2 */
    struct kpi_facts v2 = facts("2024-08-01T08:00:00+07:00", "2024-08-10T17:00:00+07:00",
                                "2024-08-20T08:00:00+07:00", CH_ONLINE, 0);
    apply(0, &v1, -1);
    apply(2, &v2, 1);
    struct kpi_figures f = figures(1, "2024-08-01", "2024-08-31");
    assert_int_equal(f.received, 0);
    assert_int_equal(f.in_progress, 0);
    f = figures(4, "2024-08-01", "2024-08-31");
    assert_int_equal(f.received, 1);
    assert_int_equal(f.resolved_late, 1);
    assert_int_equal(f.in_progress, 0);
    /* version 3 reopens it (finished_at cleared): in progress again, overdue */
    struct kpi_facts v3 = v1;
    apply(2, &v2, -1);
    apply(2, &v3, 1);
    f = figures(4, "2024-08-01", "2024-08-31");
    assert_int_equal(f.resolved, 0);
    assert_int_equal(f.in_progress_overdue, 1);
    /* taking the last version out leaves nothing behind */
    apply(2, &v3, -1);
    assert_true(store_is_empty());
}

/* --- merged units: the successor's subtree holds the merged unit's dossiers --- */

static void test_merged_units_roll_up(void **state) {
    (void)state;
    /* unit 1 merged into unit 2 (hangs under it in the closure); unit 3 is their district */
    struct kpi_facts a = facts("2025-06-02T08:00:00+07:00", "2025-06-09T17:00:00+07:00",
                               "2025-06-05T08:00:00+07:00", CH_ONLINE, 0);
    struct kpi_facts b = facts("2025-07-02T08:00:00+07:00", "2025-07-09T17:00:00+07:00",
                               "2025-07-15T08:00:00+07:00", CH_DIRECT, 0);
    apply(1, &a, 1); /* before the merger, recorded against the old commune */
    apply(2, &b, 1); /* after, against the successor */
    struct kpi_figures own = figures(1u << 1, "2025-06-01", "2025-07-31");
    struct kpi_figures succ = figures((1u << 1) | (1u << 2), "2025-06-01", "2025-07-31");
    struct kpi_figures dist =
        figures((1u << 1) | (1u << 2) | (1u << 3), "2025-06-01", "2025-07-31");
    assert_int_equal(own.received, 1);
    assert_int_equal(succ.received, 2);
    assert_int_equal(succ.resolved_early, 1);
    assert_int_equal(succ.resolved_late, 1);
    assert_int_equal(dist.received, 2);
    RATE_IS(succ.online, 1, 2);
}

/* --- the 766 score from the rule set --- */

static void test_score(void **state) {
    (void)state;
    struct kpi_rules rules = {{18, 20, 12, 22, 10, 18}, {1, 1.0, 0.5, 0.8, 0.5, 1.0}, 0};
    struct kpi_figures f;
    memset(&f, 0, sizeof f);
    f.ontime = (struct kpi_rate){9, 10, 1, 0.9};
    f.online = (struct kpi_rate){3, 10, 1, 0.3};       /* 0.3 / 0.5 of 12 = 7.2 */
    f.digitization = (struct kpi_rate){9, 10, 1, 0.9}; /* above 0.8: full 22 */
    f.payment = (struct kpi_rate){0, 0, 0, 0};         /* no fees: not assessed */
    f.satisfaction = (struct kpi_rate){1, 2, 1, 0.5};
    struct kpi_score s;
    kpi_score(&f, &rules, -1, &s);
    assert_false(s.assessed[KG_DISCLOSURE]);
    assert_false(s.assessed[KG_PAYMENT]);
    assert_true(s.assessed[KG_ONLINE]);
    assert_float_equal(s.points[KG_PROGRESS], 18.0, 1e-9);
    assert_float_equal(s.points[KG_ONLINE], 7.2, 1e-9);
    assert_float_equal(s.points[KG_DIGITIZATION], 22.0, 1e-9);
    assert_float_equal(s.points[KG_SATISFACTION], 9.0, 1e-9);
    assert_float_equal(s.total, 56.2, 1e-9);
    assert_float_equal(s.max, 100.0, 1e-9);
    assert_float_equal(s.max_assessed, 72.0, 1e-9);
    /* a disclosure rate from elsewhere, and a rule set with other weights */
    rules.weight[KG_ONLINE] = 15;
    rules.threshold[KG_ONLINE] = 0.3;
    kpi_score(&f, &rules, 0.5, &s);
    assert_float_equal(s.points[KG_DISCLOSURE], 9.0, 1e-9);
    assert_float_equal(s.points[KG_ONLINE], 15.0, 1e-9);
    /* a missing or zero threshold means full points at 100 % */
    rules.threshold[KG_PROGRESS] = 0;
    kpi_score(&f, &rules, -1, &s);
    assert_float_equal(s.points[KG_PROGRESS], 18.0, 1e-9);
    assert_float_equal(kpi_round(2.345678, 2), 2.35, 1e-12);
}

/* Reuse and electronic transfer: counted once on the day received, over received; an upsert
 * that clears them takes them out again. */
static void test_reuse_and_transfer(void **state) {
    (void)state;
    struct kpi_facts f = {.received_day = 100,
                          .due_day = 105,
                          .finished_day = 110,
                          .channel = CH_ONLINE,
                          .reused_data = 1,
                          .internal_transfer = 1};
    struct kpi_delta d[KPI_MAX_DELTAS];
    int n = kpi_contrib(&f, 1, d), reused = 0, transfer = 0;
    assert_true(n <= KPI_MAX_DELTAS);
    for (int i = 0; i < n; i++) {
        if (d[i].col == KC_REUSED) reused += d[i].v, assert_int_equal(d[i].day, 100);
        if (d[i].col == KC_INTERNAL) transfer += d[i].v, assert_int_equal(d[i].day, 100);
    }
    assert_int_equal(reused, 1);
    assert_int_equal(transfer, 1);
    /* the most deltas a dossier can have (every flag, late, finished after being overdue): 16,
     * within KPI_MAX_DELTAS */
    struct kpi_facts all = {.received_day = 100,
                            .due_day = 101,
                            .finished_day = 120,
                            .channel = CH_ONLINE,
                            .supplement_count = 0,
                            .fee_positive = 1,
                            .paid_online = 1,
                            .digitized = 1,
                            .result_electronic = 1,
                            .rating = RT_SATISFIED,
                            .apology_issued = 1,
                            .reused_data = 1,
                            .internal_transfer = 1};
    assert_int_equal(kpi_contrib(&all, 1, d), 16);
    assert_true(16 <= KPI_MAX_DELTAS);
    struct kpi_sums s;
    memset(&s, 0, sizeof s);
    s.period[KC_RECEIVED] = 8;
    s.period[KC_REUSED] = 2;
    s.period[KC_INTERNAL] = 6;
    struct kpi_figures fg;
    kpi_figures_from(&s, &fg);
    assert_true(fg.reused.defined);
    assert_float_equal(fg.reused.value, 0.25, 1e-12);
    assert_float_equal(fg.internal.value, 0.75, 1e-12);
    memset(&s, 0, sizeof s);
    kpi_figures_from(&s, &fg);
    assert_false(fg.reused.defined);
    assert_false(fg.internal.defined);
}

/* Disclosure at a day: in force from the effective day to the day before abolition, disclosed
 * when also complete and approved by then. */
static void test_disclosure_at(void **state) {
    (void)state;
    const long N = KPI_DAY_NEVER_BEFORE, A = KPI_DAY_NEVER_AFTER;
    const struct kpi_proc p[] = {
        {N, A, 1, 50}, /* approved on day 50 */
        {N, A, 1, A},  /* never approved */
        {N, A, 0, N},  /* approved, not all published */
        {N, 60, 1, N}, /* abolished on day 60 */
        {70, A, 1, N}, /* in force from day 70 */
    };
    long long f, k;
    kpi_disclosure_at(p, 5, 49, &f, &k);
    assert_int_equal(f, 4);
    assert_int_equal(k, 1);
    kpi_disclosure_at(p, 5, 50, &f, &k);
    assert_int_equal(k, 2);
    kpi_disclosure_at(p, 5, 60, &f, &k);
    assert_int_equal(f, 3);
    assert_int_equal(k, 1);
    kpi_disclosure_at(p, 5, 70, &f, &k);
    assert_int_equal(f, 4);
    assert_int_equal(k, 2);
    kpi_disclosure_at(p, 0, 70, &f, &k);
    assert_int_equal(f, 0);
    assert_float_equal(kpi_disclosure_rate(0, 0), -1.0, 0);
    assert_float_equal(kpi_disclosure_rate(1, 4), 0.25, 1e-12);
}

/* When the rule set names the reuse rate, digitisation scores the mean of the two shares. */
static void test_score_with_reuse(void **state) {
    (void)state;
    struct kpi_rules rules = {{18, 20, 12, 22, 10, 18}, {1, 1.0, 0.5, 0.8, 0.5, 1.0}, 0.5};
    struct kpi_figures f;
    memset(&f, 0, sizeof f);
    f.digitization = (struct kpi_rate){4, 10, 1, 0.4}; /* 0.4 / 0.8 = 0.5 */
    f.reused = (struct kpi_rate){5, 10, 1, 0.5};       /* 0.5 / 0.5 = 1 */
    struct kpi_score s;
    kpi_score(&f, &rules, -1, &s);
    assert_float_equal(s.points[KG_DIGITIZATION], 16.5, 1e-9); /* 22 x (0.5 + 1) / 2 */
    f.digitization.defined = 0;                                /* only the reuse rate has data */
    kpi_score(&f, &rules, -1, &s);
    assert_true(s.assessed[KG_DIGITIZATION]);
    assert_float_equal(s.points[KG_DIGITIZATION], 22.0, 1e-9);
    f.reused.defined = 0;
    kpi_score(&f, &rules, -1, &s);
    assert_false(s.assessed[KG_DIGITIZATION]);
    rules.reused_threshold = 0; /* not named: the digitisation rate alone */
    f.digitization.defined = 1;
    f.reused.defined = 1;
    kpi_score(&f, &rules, 0.25, &s);
    assert_float_equal(s.points[KG_DIGITIZATION], 11.0, 1e-9);
    assert_float_equal(s.points[KG_DISCLOSURE], 4.5, 1e-9);
}

/* --- rows --- */

struct errs {
    int n;
    char fields[16][32];
};

static void collect(void *ctx, const char *field, const char *message) {
    struct errs *e = ctx;
    assert_non_null(message);
    if (e->n < 16) snprintf(e->fields[e->n], sizeof e->fields[0], "%s", field);
    e->n++;
}

static int has(const struct errs *e, const char *field) {
    for (int i = 0; i < e->n && i < 16; i++)
        if (strcmp(e->fields[i], field) == 0) return 1;
    return 0;
}

static void test_row_from_json(void **state) {
    (void)state;
    json_t *o = json_loads("{\"code\":\"000.00.17.H40-240301-0001\",\"procedure_code\":\"1.001\","
                           "\"unit_code\":\"X0101\",\"channel\":\"online\",\"online_level\":"
                           "\"full\",\"received_at\":\"2024-03-01T08:00:00+07:00\",\"due_at\":"
                           "\"2024-03-05\",\"finished_at\":null,\"status\":\"processing\","
                           "\"supplement_count\":1,\"digitized\":true,\"result_electronic\":0,"
                           "\"fee\":50000.0,\"paid_online\":1,\"rating\":null,\"apology_issued\":"
                           "false,\"internal_transfer\":true,\"reused_data\":\"có\"}",
                           0, NULL);
    assert_non_null(o);
    struct dossier d;
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, no_err, NULL), 0);
    json_decref(o);
    assert_string_equal(d.code, "000.00.17.H40-240301-0001");
    assert_int_equal(d.channel, CH_ONLINE);
    assert_int_equal(d.online_level, OL_FULL);
    assert_int_equal(d.status, ST_PROCESSING);
    assert_int_equal(d.fee, 50000);
    assert_int_equal(d.digitized, 1);
    assert_int_equal(d.result_electronic, 0);
    assert_int_equal(d.paid_online, 1);
    assert_int_equal(d.due_is_date, 1);
    assert_true(d.finished == DOSSIER_NO_TIME);
    assert_int_equal(d.internal_transfer, 1);
    assert_int_equal(d.reused_data, 1);

    struct errs e = {0};
    o = json_loads("{\"code\":\"\",\"unit_code\":\"X\",\"channel\":\"fax\",\"received_at\":"
                   "\"2024-03-01T08:00:00\",\"status\":\"done\",\"fee\":-5,\"rating\":\"good\","
                   "\"digitized\":\"maybe\",\"color\":\"red\",\"supplement_count\":[1],"
                   "\"internal_transfer\":2}",
                   0, NULL);
    dossier_init(&d);
    assert_true(dossier_from_json(&d, o, collect, &e) > 0);
    json_decref(o);
    const char *want[] = {
        "code",   "channel",   "received_at", "status",           "fee",
        "rating", "digitized", "color",       "supplement_count", "internal_transfer"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has(&e, want[i])) fail_msg("no error for %s", want[i]);

    /* finished before received */
    memset(&e, 0, sizeof e);
    o = json_loads("{\"code\":\"A\",\"unit_code\":\"X\",\"channel\":\"direct\",\"received_at\":"
                   "\"2024-03-01T08:00:00+07:00\",\"finished_at\":\"2024-03-01T07:59:00+07:00\","
                   "\"status\":\"finished\"}",
                   0, NULL);
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, collect, &e), 1);
    assert_true(has(&e, "finished_at"));
    json_decref(o);

    /* not an object */
    memset(&e, 0, sizeof e);
    o = json_loads("[1]", 0, NULL);
    assert_int_equal(dossier_from_json(&d, o, collect, &e), 1);
    json_decref(o);
}

/* The handling officer (issue 20): optional name and code from JSON and CSV cells; a code needs a
 * name; lengths in characters (Vietnamese names are multi-byte); control characters refused. */
static void test_row_handler(void **state) {
    (void)state;
    const char *base = "{\"code\":\"H1\",\"unit_code\":\"X0101\",\"channel\":\"direct\","
                       "\"received_at\":\"2024-03-01T08:00:00+07:00\",\"status\":\"processing\"";
    char text[1200];
    struct dossier d;
    struct errs e = {0};
    snprintf(text, sizeof text,
             "%s,\"handler_name\":\"Nguyễn Thị Hoà\",\"handler_code\":\"CB-07\"}", base);
    json_t *o = json_loads(text, 0, NULL);
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, no_err, NULL), 0);
    json_decref(o);
    assert_string_equal(d.handler_name, "Nguyễn Thị Hoà");
    assert_string_equal(d.handler_code, "CB-07");
    /* absent, null and "" all leave the officer unknown */
    snprintf(text, sizeof text, "%s,\"handler_name\":null,\"handler_code\":\"\"}", base);
    o = json_loads(text, 0, NULL);
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, no_err, NULL), 0);
    json_decref(o);
    assert_string_equal(d.handler_name, "");
    assert_string_equal(d.handler_code, "");
    /* a code without a name */
    snprintf(text, sizeof text, "%s,\"handler_code\":\"CB-07\"}", base);
    o = json_loads(text, 0, NULL);
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, collect, &e), 1);
    json_decref(o);
    assert_true(has(&e, "handler_name"));
    /* 100 characters of 2 bytes pass, 101 do not (one error, not a second "missing") */
    char name[400] = "";
    for (int i = 0; i < 101; i++) strcat(name, "\xC3\xA0");
    dossier_init(&d);
    assert_int_equal(dossier_set_text(&d, "handler_name", name, 200, no_err, NULL), 0);
    memset(&e, 0, sizeof e);
    snprintf(text, sizeof text, "%s,\"handler_name\":\"%s\",\"handler_code\":\"X\"}", base, name);
    o = json_loads(text, 0, NULL);
    dossier_init(&d);
    assert_int_equal(dossier_from_json(&d, o, collect, &e), 1);
    json_decref(o);
    assert_int_equal(e.n, 1);
    assert_true(has(&e, "handler_name"));
    /* CSV cells */
    dossier_init(&d);
    assert_int_equal(dossier_set_text(&d, "handler_code", "CB-1", 4, no_err, NULL), 0);
    assert_int_equal(dossier_set_text(&d, "handler_name", "a\x01", 2, collect, &e), -1);
    char longc[40];
    memset(longc, 'x', 33);
    assert_int_equal(dossier_set_text(&d, "handler_code", longc, 33, collect, &e), -1);
    assert_int_equal(dossier_field_index("handler_name", 12), DOSSIER_NFIELDS - 2);
    assert_int_equal(dossier_field_index("handler_code", 12), DOSSIER_NFIELDS - 1);
}

static void test_row_from_csv_words(void **state) {
    (void)state;
    struct dossier d;
    dossier_init(&d);
    assert_int_equal(
        dossier_set_text(&d, "channel", "Trực tuyến", strlen("Trực tuyến"), no_err, NULL), 0);
    assert_int_equal(d.channel, CH_ONLINE);
    assert_int_equal(dossier_set_text(&d, "rating", "Hài lòng", strlen("Hài lòng"), no_err, NULL),
                     0);
    assert_int_equal(d.rating, RT_SATISFIED);
    assert_int_equal(dossier_set_text(&d, "paid_online", "Có", strlen("Có"), no_err, NULL), 0);
    assert_int_equal(d.paid_online, 1);
    assert_int_equal(
        dossier_set_text(&d, "internal_transfer", "Không", strlen("Không"), no_err, NULL), 0);
    assert_int_equal(d.internal_transfer, 0);
    assert_int_equal(dossier_set_text(&d, "internal_transfer", "x", 1, no_err, NULL), 0);
    assert_int_equal(d.internal_transfer, 1);
    int ix = dossier_field_index("internal_transfer", 17);
    assert_true(ix >= 0 && ix < DOSSIER_NFIELDS);
    assert_string_equal(dossier_fields[ix], "internal_transfer");
    assert_int_equal(dossier_set_text(&d, "fee", "", 0, no_err, NULL), 0); /* empty: default */
    assert_int_equal(d.fee, 0);
    struct errs e = {0};
    assert_int_equal(dossier_set_text(&d, "code",
                                      "a\x01"
                                      "b",
                                      3, collect, &e),
                     -1);
    assert_int_equal(dossier_set_text(&d, "code", "\xC3\x28", 2, collect, &e), -1);
    char longc[80];
    memset(longc, 'x', 65);
    assert_int_equal(dossier_set_text(&d, "code", longc, 65, collect, &e), -1);
    assert_int_equal(dossier_set_text(&d, "code", longc, 64, no_err, NULL), 0);
}

/* --- splitting outside input --- */

static void test_json_array_split(void **state) {
    (void)state;
    const char *s = " [ {\"a\":\"x]}\\\"\"} , [1,[2]] ,\"s\", 12 ,{}\n] ";
    size_t pos = 0, a, b, len = strlen(s);
    const char *want[] = {"{\"a\":\"x]}\\\"\"}", "[1,[2]]", "\"s\"", "12", "{}"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(dossier_json_array_next(s, len, &pos, &a, &b), 1);
        assert_int_equal(b - a, strlen(want[i]));
        assert_memory_equal(s + a, want[i], b - a);
    }
    assert_int_equal(dossier_json_array_next(s, len, &pos, &a, &b), 0);
    const char *bad[] = {"{}", "[1,]", "[,1]", "[1 2]", "[{\"a\":1]", "[\"abc]", "[1] x", "[", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int k;
        pos = 0;
        size_t l = strlen(bad[i]);
        while ((k = dossier_json_array_next(bad[i], l, &pos, &a, &b)) == 1) {
        }
        if (k != -1) fail_msg("accepted %s", bad[i]);
    }
    pos = 0;
    assert_int_equal(dossier_json_array_next("[]", 2, &pos, &a, &b), 0);
}

static void test_csv(void **state) {
    (void)state;
    const char *s = "\xEF\xBB\xBF"
                    "code;channel\r\n\"A;1\";\"say \"\"hi\"\"\"\r\n\r\nB;\n\"C\nD\";x";
    size_t pos = 0, len = strlen(s), lens[8];
    const char *cells[8];
    char buf[256];
    assert_int_equal(dossier_csv_sep(s, len), ';');
    assert_int_equal(dossier_csv_next(s, len, &pos, ';', buf, sizeof buf, cells, lens, 8), 2);
    assert_memory_equal(cells[0], "code", 4);
    assert_int_equal(dossier_csv_next(s, len, &pos, ';', buf, sizeof buf, cells, lens, 8), 2);
    assert_int_equal(lens[0], 3);
    assert_memory_equal(cells[0], "A;1", 3);
    assert_int_equal(lens[1], 8);
    assert_memory_equal(cells[1], "say \"hi\"", 8);
    assert_int_equal(dossier_csv_next(s, len, &pos, ';', buf, sizeof buf, cells, lens, 8), 2);
    assert_int_equal(lens[1], 0);
    assert_int_equal(dossier_csv_next(s, len, &pos, ';', buf, sizeof buf, cells, lens, 8), 2);
    assert_memory_equal(cells[0], "C\nD", 3);
    assert_int_equal(dossier_csv_next(s, len, &pos, ';', buf, sizeof buf, cells, lens, 8), 0);
    /* unterminated quote, stray quote, too many cells, too long */
    const char *bad[] = {"\"abc", "a\"b", "a,b,c"};
    for (int i = 0; i < 3; i++) {
        pos = 0;
        assert_int_equal(
            dossier_csv_next(bad[i], strlen(bad[i]), &pos, ',', buf, sizeof buf, cells, lens, 2),
            -1);
    }
    pos = 0;
    assert_int_equal(dossier_csv_next("abcdef", 6, &pos, ',', buf, 4, cells, lens, 2), -1);
    assert_int_equal(dossier_csv_sep("a,b;c,d", 7), ',');
}

/* --- the worked example of docs/indicators.md, figure by figure --- */

static void test_worked_example(void **state) {
    (void)state;
    struct kpi_facts a = facts("2024-02-20T09:00:00+07:00", "2024-03-10", NULL, CH_ONLINE, 0);
    struct kpi_facts b =
        facts("2024-03-04T08:00:00+07:00", "2024-03-08", "2024-03-07T15:00:00+07:00", CH_ONLINE, 0);
    b.digitized = b.result_electronic = 1;
    b.rating = RT_SATISFIED;
    b.fee_positive = b.paid_online = 1;
    struct kpi_facts c =
        facts("2024-03-05T10:00:00+07:00", "2024-03-31", "2024-03-31T23:59:00+07:00", CH_DIRECT, 0);
    c.rating = RT_UNSATISFIED;
    c.fee_positive = 1;
    struct kpi_facts d =
        facts("2024-03-11T14:00:00+07:00", "2024-03-15", "2024-03-20T09:00:00+07:00", CH_DIRECT, 0);
    d.apology_issued = 1;
    struct kpi_facts e =
        facts("2024-03-25T08:00:00+07:00", "2024-04-05", "2024-04-01T00:00:00+07:00", CH_POSTAL, 2);
    apply(0, &a, 1);
    apply(0, &b, 1);
    apply(0, &c, 1);
    apply(0, &d, 1);
    apply(0, &e, 1);
    struct kpi_figures f = figures(1, "2024-03-01", "2024-03-31");
    assert_int_equal(f.received, 4);
    assert_int_equal(f.received_online, 1);
    assert_int_equal(f.received_direct, 2);
    assert_int_equal(f.received_postal, 1);
    assert_int_equal(f.carried_over, 1);
    assert_int_equal(f.resolved, 3);
    assert_int_equal(f.resolved_early, 1);
    assert_int_equal(f.resolved_ontime, 1);
    assert_int_equal(f.resolved_late, 1);
    assert_int_equal(f.in_progress, 2);
    assert_int_equal(f.in_progress_overdue, 2);
    assert_int_equal(f.in_progress_ontime, 0);
    assert_int_equal(f.carried_over + f.received - f.resolved, f.in_progress);
    RATE_IS(f.online, 1, 4);
    RATE_IS(f.ontime, 2, 5);
    RATE_IS(f.digitization, 1, 3);
    RATE_IS(f.payment, 1, 2);
    RATE_IS(f.satisfaction, 1, 2);
    RATE_IS(f.apology, 1, 1);
    struct kpi_rules rules = {{18, 20, 12, 22, 10, 18}, {0, 1.0, 0.5, 0.8, 0.5, 1.0}, 0};
    struct kpi_score sc;
    kpi_score(&f, &rules, -1, &sc);
    assert_float_equal(sc.points[KG_PROGRESS], 8.0, 1e-9);
    assert_float_equal(sc.points[KG_ONLINE], 6.0, 1e-9);
    assert_float_equal(sc.points[KG_DIGITIZATION], 9.17, 1e-9);
    assert_float_equal(sc.points[KG_PAYMENT], 10.0, 1e-9);
    assert_float_equal(sc.points[KG_SATISFACTION], 9.0, 1e-9);
    assert_float_equal(sc.total, 42.17, 1e-9);
    assert_float_equal(sc.max_assessed, 82.0, 1e-9);
    /* April: E resolved late before its due date, A still carried over */
    f = figures(1, "2024-04-01", "2024-04-30");
    assert_int_equal(f.carried_over, 2);
    assert_int_equal(f.resolved_late, 1);
    /* D's overdue window: the end of 16 March to the end of 19 March */
    reset(NULL);
    apply(0, &d, 1);
    assert_int_equal(figures(1, "2024-03-15", "2024-03-15").in_progress_overdue, 0);
    assert_int_equal(figures(1, "2024-03-16", "2024-03-16").in_progress_overdue, 1);
    assert_int_equal(figures(1, "2024-03-19", "2024-03-19").in_progress_overdue, 1);
    assert_int_equal(figures(1, "2024-03-20", "2024-03-20").in_progress_overdue, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_times),
        cmocka_unit_test_setup(test_received_by_channel, reset),
        cmocka_unit_test_setup(test_resolved_split_and_midnight, reset),
        cmocka_unit_test_setup(test_in_progress_and_overdue, reset),
        cmocka_unit_test_setup(test_no_due_date_means_due_when_received, reset),
        cmocka_unit_test_setup(test_more_than_one_supplement_counts_late, reset),
        cmocka_unit_test_setup(test_overdue_then_finished, reset),
        cmocka_unit_test_setup(test_rates, reset),
        cmocka_unit_test_setup(test_upsert_changes_status_and_unit, reset),
        cmocka_unit_test_setup(test_merged_units_roll_up, reset),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_reuse_and_transfer),
        cmocka_unit_test(test_disclosure_at),
        cmocka_unit_test(test_score_with_reuse),
        cmocka_unit_test_setup(test_worked_example, reset),
        cmocka_unit_test(test_row_from_json),
        cmocka_unit_test(test_row_from_csv_words),
        cmocka_unit_test(test_row_handler),
        cmocka_unit_test(test_json_array_split),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests_name("kpi766", tests, NULL, NULL);
}
