/* /api/v1/kpi: SPEC §5 figures for a subtree and period (summary, ranking, trend, late list),
 * read from the roll-ups kpi_daily / kpi_monthly, never from the dossiers themselves. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/answers.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/kpi.h"
#include "api/units.h"
#include "core/kpi766.h"
#include "core/kpi_period.h"
#include "core/kpi_rank.h"
#include "core/period.h"
#include "core/reform_index.h"
#include "lib/buf.h"
#include "lib/memo.h"

/* Computed figures one process keeps: a dashboard asks a few dozen distinct questions, each
 * answer a few KB (a ranking of every commune some 100 KB). */
#define ANSWER_SLOTS 512
#define ANSWER_BYTES (32u << 20)

static const char *const granularities[] = {"day", "month", "quarter", NULL};
static const char *const levels[] = {"province", "department", "district", "commune",
                                     "vertical", "onestop",    NULL};
static const char *const metrics[] = {"score766",
                                      "ontime_rate",
                                      "online_rate",
                                      "digitization_rate",
                                      "online_payment_rate",
                                      "satisfaction_rate",
                                      "apology_coverage",
                                      "reused_data_rate",
                                      "internal_transfer_rate",
                                      "received",
                                      "received_online",
                                      "resolved",
                                      "resolved_late",
                                      "in_progress",
                                      "in_progress_overdue",
                                      "carried_over",
                                      NULL};
static const char *const orders[] = {"desc", "asc", NULL};

static const char *const group_names[KG_NGROUPS] = {
    "Công khai, minh bạch",  "Tiến độ giải quyết",    "Dịch vụ công trực tuyến",
    "Số hóa hồ sơ, kết quả", "Thanh toán trực tuyến", "Mức độ hài lòng"};

/* --- statements built once from the column list --- */

/*
 * The roll-ups are read per chunk of up to DB_IN_SLOTS units with a constant IN list, so that
 * MariaDB reads each unit's rows as a range of the primary key (unit_id, day) instead of all
 * the unit's days (a join on unit_id alone does that). Unused slots hold 0, which no unit has.
 */

/* Sums per unit over the period: daily rows for the months the period cuts (see split), the
 * monthly rows of every other month up to the period's end. inp: inside the period; bef: before
 * it (carried over); upto: up to its end (in progress, overdue). */
static char sql_daily_sums[4096], sql_monthly_sums[4096];
/* The same rows summed over the units, per day and per month (trends). */
static char sql_daily_seg[2048], sql_monthly_seg[2048];
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

/* Appends fmt once per column c < n, with the column's name for its %s. */
static void each_col(struct buf *s, const char *fmt, int n) {
    for (int c = 0; c < n; c++) buf_printf(s, fmt, kpi_col_names[c]);
}

/* Ends the statement in s with from (table, alias, "WHERE <alias>.unit_id IN "), the IN list
 * of DB_IN_SLOTS placeholders and tail, copies it to out and empties s for the next one. */
static void sql_done(struct buf *s, const char *from, const char *tail, char *out, size_t cap) {
    buf_puts(s, from);
    buf_puts(s, "(");
    for (int i = 0; i < DB_IN_SLOTS; i++) buf_puts(s, i ? ", ?" : "?");
    buf_puts(s, ")");
    buf_puts(s, tail);
    snprintf(out, cap, "%s", buf_cstr(s));
    buf_reset(s);
}

/* The daily rows of the months the period cuts, the monthly rows of the whole months (see
 * kpi_split); the sums and the trend's segments read the same rows. */
#define DAILY_FROM   " FROM kpi_daily k WHERE k.unit_id IN "
#define DAILY_ROWS   " AND (k.day BETWEEN ? AND ? OR k.day BETWEEN ? AND ?)"
#define MONTHLY_FROM " FROM kpi_monthly m WHERE m.unit_id IN "
#define MONTHLY_ROWS " AND m.month <= ? AND m.month <> ?"

static void build_sql(void) {
    struct buf s;
    buf_init(&s);
    buf_puts(&s, "SELECT x.unit_id");
    each_col(&s, ", SUM(x.inp * x.%s)", KC_OPEN);
    buf_puts(&s, ", SUM(x.bef * x.open_delta), SUM(x.upto * x.open_delta), SUM(x.upto * "
                 "x.overdue_delta) FROM (SELECT k.unit_id, (k.day BETWEEN ? AND ?) AS inp, "
                 "(k.day < ?) AS bef, (k.day <= ?) AS upto");
    each_col(&s, ", k.%s", KC_NCOLS);
    sql_done(&s, DAILY_FROM, DAILY_ROWS ") x GROUP BY x.unit_id", sql_daily_sums,
             sizeof sql_daily_sums);

    buf_puts(&s, "SELECT x.unit_id");
    each_col(&s, ", SUM(x.inp * x.%s)", KC_OPEN);
    buf_puts(&s, ", SUM(x.bef * x.open_delta), SUM(x.open_delta), SUM(x.overdue_delta) FROM "
                 "(SELECT m.unit_id, (m.month >= ? AND m.month <= ?) AS inp, (m.month < ?) AS bef");
    each_col(&s, ", m.%s", KC_NCOLS);
    sql_done(&s, MONTHLY_FROM, MONTHLY_ROWS ") x GROUP BY x.unit_id", sql_monthly_sums,
             sizeof sql_monthly_sums);

    buf_puts(&s, "SELECT k.day");
    each_col(&s, ", SUM(k.%s)", KC_NCOLS);
    sql_done(&s, DAILY_FROM, DAILY_ROWS " GROUP BY k.day", sql_daily_seg, sizeof sql_daily_seg);

    buf_puts(&s, "SELECT m.month");
    each_col(&s, ", SUM(m.%s)", KC_NCOLS);
    sql_done(&s, MONTHLY_FROM, MONTHLY_ROWS " GROUP BY m.month", sql_monthly_seg,
             sizeof sql_monthly_seg);
    buf_free(&s);
}

/* The query of every KPI route: each route's table picks its fields (declared inputs, checked
 * by the server with core/period's strict date parser before the handler runs). */
struct kpi_query {
    long long unit_id, parent_id;
    struct ymd from, to, at;
    int has_from, has_to, has_at;
    int level, metric, order, granularity, apology, sort; /* indexes in their choices; -1 absent */
    struct page page;
};
#define KQ(m, choices) IN_FIELD(struct kpi_query, m, IN_ENUM, 0, 0, 0, choices)
#define KQ_ID(m)       IN_FIELD(struct kpi_query, m, IN_ID, 0, 0, 0, NULL)
#define KQ_DATE(m)     IN_FIELD_HAS(struct kpi_query, m, IN_DATE, 0, 0, 0, NULL, has_##m)
#define KQ_PERIOD      KQ_DATE(from), KQ_DATE(to)

/* Answers a period that failed its checks (422) and returns -1; 0 when it passed. */
static int period_checked(req_t *r, enum kpi_period_check check) {
    switch (check) {
    case KPI_PERIOD_REVERSED:
        req_error(r, "from", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
        return res_invalid(r);
    case KPI_PERIOD_TOO_LONG:
        req_error(r, "to", "Khoảng thời gian tối đa là 10 năm.");
        return res_invalid(r);
    case KPI_PERIOD_TOO_MANY_BUCKETS:
        req_error(r, "to",
                  "Quá nhiều mốc thời gian: hãy chọn khoảng ngắn hơn hoặc gộp theo "
                  "tháng, quý.");
        return res_invalid(r);
    default:
        return 0;
    }
}

/* from/to (NULL when absent; core/kpi_period has the defaults and limits). -1 after a 422. */
static int read_period(req_t *r, const struct ymd *from, const struct ymd *to,
                       struct kpi_period *p) {
    memset(p, 0, sizeof *p); /* set on every path, also after a 422 */
    return period_checked(r, kpi_period_make(from, to, calendar_today(), p));
}

/* --- the rule set in force at a date --- */

struct rules {
    struct kpi_rules k;
    char effective_from[11];
    char note[256];
    json_t *bands; /* [{min, label}] of the version, or NULL: no classification */
};

static void rules_free(struct rules *ru) {
    json_decref(ru->bands);
    ru->bands = NULL;
}

static int load_rules(db_t *db, struct ymd at, struct rules *out) {
    char d[11];
    ymd_format(at, d);
    memset(out, 0, sizeof *out);
    json_t *row = NULL;
    /* The version in force at the end of the period; before the first version, the first. */
    int rc = db_query_row_json(db, &row,
                               "SELECT effective_from, rules_json AS rules__json, note FROM "
                               "rule_sets WHERE name = 'kpi766' ORDER BY effective_from <= ? "
                               "DESC, IF(effective_from <= ?, effective_from, NULL) DESC, "
                               "effective_from LIMIT 1",
                               "ss", d, d);
    if (rc < 0) return -1;
    for (int g = 0; g < KG_NGROUPS; g++) out->k.threshold[g] = 1.0;
    if (rc == 0) return 0;
    snprintf(out->effective_from, sizeof out->effective_from, "%s",
             json_string_value(json_object_get(row, "effective_from")) ?: "");
    snprintf(out->note, sizeof out->note, "%s",
             json_string_value(json_object_get(row, "note")) ?: "");
    json_t *rules = json_object_get(row, "rules");
    json_t *w = json_object_get(rules, "weights"), *t = json_object_get(rules, "thresholds");
    /* Threshold keys name the rate they apply to; "ontime" is the progress group's rate. */
    static const char *const tkeys[KG_NGROUPS] = {"disclosure",   "ontime",  "online",
                                                  "digitization", "payment", "satisfaction"};
    for (int g = 0; g < KG_NGROUPS; g++) {
        json_t *wv = json_object_get(w, kpi_group_keys[g]);
        json_t *tv = json_object_get(t, tkeys[g]);
        if (!tv) tv = json_object_get(t, kpi_group_keys[g]);
        if (json_is_number(wv)) out->k.weight[g] = json_number_value(wv);
        if (json_is_number(tv) && json_number_value(tv) > 0)
            out->k.threshold[g] = json_number_value(tv);
    }
    json_t *rt = json_object_get(t, "reused_data");
    if (json_is_number(rt) && json_number_value(rt) > 0)
        out->k.reused_threshold = json_number_value(rt);
    json_t *bands = json_object_get(rules, "bands");
    out->bands = json_is_array(bands) ? json_incref(bands) : NULL;
    json_decref(row);
    return 0;
}

/* --- reading the roll-ups --- */

/* (ancestor, descendant) pairs of the closure for the units in ids (depth 0 only when own). */
struct pairs {
    long long *anc, *desc;
    size_t n;
    long long *units; /* the distinct descendants, sorted */
    size_t nunits;
};

static void pairs_free(struct pairs *pr) {
    free(pr->anc);
    free(pr->desc);
    free(pr->units);
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* ids as a JSON array in a new buffer j (the caller frees it), for JSON_TABLE. */
static void ids_json(struct buf *j, const long long *ids, size_t n) {
    buf_init(j);
    buf_puts(j, "[");
    for (size_t i = 0; i < n; i++) buf_printf(j, "%s%lld", i ? "," : "", ids[i]);
    buf_puts(j, "]");
}

static int load_pairs(db_t *db, const long long *ids, size_t n, int own, struct pairs *pr) {
    memset(pr, 0, sizeof *pr);
    struct buf j;
    ids_json(&j, ids, n);
    struct db_res *res =
        db_query(db,
                 own ? "SELECT id, id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) ids"
                     : "SELECT STRAIGHT_JOIN c.ancestor_id, c.descendant_id FROM JSON_TABLE(?, "
                       "'$[*]' COLUMNS (id BIGINT PATH '$')) ids JOIN unit_closure c ON "
                       "c.ancestor_id = ids.id",
                 "s", buf_cstr(&j));
    buf_free(&j);
    if (!res) return -1;
    size_t m = res->nrows ? res->nrows : 1;
    pr->anc = malloc(m * sizeof *pr->anc);
    pr->desc = malloc(m * sizeof *pr->desc);
    pr->units = malloc(m * sizeof *pr->units);
    if (!pr->anc || !pr->desc || !pr->units) {
        db_res_free(res);
        return -1;
    }
    for (size_t i = 0; i < res->nrows; i++) {
        pr->anc[i] = db_int(res, i, 0);
        pr->desc[i] = pr->units[i] = db_int(res, i, 1);
    }
    pr->n = res->nrows;
    db_res_free(res);
    qsort(pr->units, pr->n, sizeof *pr->units, cmp_ll);
    size_t k = 0;
    for (size_t i = 0; i < pr->n; i++)
        if (k == 0 || pr->units[k - 1] != pr->units[i]) pr->units[k++] = pr->units[i];
    pr->nunits = k;
    return 0;
}

/* The next chunk of units into slots (zeros past the end); returns how many. */
static size_t chunk_ids(const struct pairs *pr, size_t from, long long slots[DB_IN_SLOTS]) {
    size_t k = 0;
    for (; k < DB_IN_SLOTS && from + k < pr->nunits; k++) slots[k] = pr->units[from + k];
    for (size_t i = k; i < DB_IN_SLOTS; i++) slots[i] = 0;
    return k;
}

static size_t unit_index(const struct pairs *pr, long long unit) {
    const long long *hit = bsearch(&unit, pr->units, pr->nunits, sizeof unit, cmp_ll);
    return hit ? (size_t)(hit - pr->units) : (size_t)-1;
}

/* Sums for each unit in ids (its subtree, or its own rows when own) over the period. */
static int load_sums(db_t *db, const long long *ids, size_t n, int own, const struct kpi_period *p,
                     struct kpi_sums *out) {
    pthread_once(&sql_once, build_sql);
    memset(out, 0, n * sizeof *out);
    if (n == 0) return 0;
    struct pairs pr;
    if (load_pairs(db, ids, n, own, &pr) < 0) {
        pairs_free(&pr);
        return -1;
    }
    struct kpi_sums *per = calloc(pr.nunits ? pr.nunits : 1, sizeof *per);
    char from[11], to[11];
    ymd_format(p->from, from);
    ymd_format(p->to, to);
    struct kpi_split sp;
    kpi_split(p, 0, &sp);
    int rc = per ? 0 : -1;
    for (size_t at = 0; rc == 0 && at < pr.nunits; at += DB_IN_SLOTS) {
        long long sl[DB_IN_SLOTS];
        chunk_ids(&pr, at, sl);
        for (int monthly = 0; rc == 0 && monthly < 2; monthly++) {
            struct db_res *res =
                monthly ? db_query(db, sql_monthly_sums, "sss" DB_I50 "ss", from, sp.last_full,
                                   from, DB_IDS50(sl), sp.last_full, sp.skip)
                        : db_query(db, sql_daily_sums, "ssss" DB_I50 "ssss", from, to, from, to,
                                   DB_IDS50(sl), sp.h1, sp.h2, sp.t1, sp.t2);
            if (!res) {
                rc = -1;
                break;
            }
            for (size_t r = 0; r < res->nrows; r++) {
                size_t u = unit_index(&pr, db_int(res, r, 0));
                if (u == (size_t)-1) continue;
                for (int c = 0; c < KC_OPEN; c++) per[u].period[c] += db_int(res, r, 1 + c);
                per[u].open_before += db_int(res, r, 1 + KC_OPEN);
                per[u].open_end += db_int(res, r, 2 + KC_OPEN);
                per[u].overdue_end += db_int(res, r, 3 + KC_OPEN);
            }
            db_res_free(res);
        }
    }
    /* each descendant's sums go to every requested ancestor that holds it */
    for (size_t i = 0; rc == 0 && i < pr.n; i++) {
        size_t u = unit_index(&pr, pr.desc[i]);
        for (size_t a = 0; u != (size_t)-1 && a < n; a++) {
            if (ids[a] == pr.anc[i]) kpi_sums_add(&out[a], &per[u]);
        }
    }
    free(per);
    pairs_free(&pr);
    return rc;
}

/* --- the catalogue's side: procedures of a subtree (the disclosure group) --- */

/*
 * The procedures of each unit's subtree: those whose handling agency is a unit of it, and those
 * of no one agency at a level the subtree has (a commune's procedures for every commune, ...).
 * Each as the day numbers kpi_disclosure_at reads, so a trend evaluates every bucket's end.
 */
#define SQL_PROCS                                                                                  \
    "SELECT x.aid, COALESCE(TO_DAYS(p.effective_date) - 719528, -2147483647), IF(p.status = "      \
    "'abolished', COALESCE(TO_DAYS(p.status_date) - 719528, -2147483647), 2147483647), "           \
    "p.complete, IF(p.internal_process_approved = 1, COALESCE(TO_DAYS(p.internal_process_date) "   \
    "- 719528, -2147483647), 2147483647) FROM (SELECT c.ancestor_id AS aid, p.id AS pid FROM "     \
    "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) ids JOIN unit_closure c ON c.ancestor_id " \
    "= ids.id JOIN procedures p ON p.agency_unit_id = c.descendant_id UNION SELECT l.aid, p.id "   \
    "FROM (SELECT DISTINCT c.ancestor_id AS aid, u.level FROM JSON_TABLE(?, '$[*]' COLUMNS (id "   \
    "BIGINT PATH '$')) ids JOIN unit_closure c ON c.ancestor_id = ids.id JOIN units u ON u.id = "  \
    "c.descendant_id) l JOIN procedures p ON p.agency_unit_id IS NULL AND (l.level = 'province' "  \
    "AND p.level_province = 1 OR l.level = 'district' AND p.level_district = 1 OR l.level = "      \
    "'commune' AND p.level_commune = 1)) x JOIN procedures p ON p.id = x.pid"

/* The catalogue's side of a subtree (the disclosure group) at a day. */
struct disclosure {
    long long in_force, disclosed;
};

struct procs {
    struct kpi_proc *p;
    size_t *owner; /* index in the ids asked for */
    size_t n;
};

static void procs_free(struct procs *pr) {
    free(pr->p);
    free(pr->owner);
    memset(pr, 0, sizeof *pr);
}

static int load_procs(db_t *db, const long long *ids, size_t n, struct procs *out) {
    memset(out, 0, sizeof *out);
    struct buf j;
    ids_json(&j, ids, n);
    struct db_res *res = db_query(db, SQL_PROCS, "ss", buf_cstr(&j), buf_cstr(&j));
    buf_free(&j);
    if (!res) return -1;
    size_t m = res->nrows ? res->nrows : 1;
    out->p = malloc(m * sizeof *out->p);
    out->owner = malloc(m * sizeof *out->owner);
    int rc = out->p && out->owner ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < res->nrows; i++) {
        long long aid = db_int(res, i, 0);
        size_t a = 0;
        while (a < n && ids[a] != aid) a++;
        if (a == n) continue;
        struct kpi_proc *k = &out->p[out->n];
        k->effective_day = (long)db_int(res, i, 1);
        k->end_day = (long)db_int(res, i, 2);
        k->complete = (int)db_int(res, i, 3);
        k->approved_day = (long)db_int(res, i, 4);
        out->owner[out->n++] = a;
    }
    db_res_free(res);
    return rc;
}

/* The disclosure counts of ids[owner]'s subtree at the end of day. */
static struct disclosure disclosure_of(const struct procs *pr, size_t owner, long day) {
    struct disclosure d = {0, 0};
    for (size_t i = 0; i < pr->n; i++) {
        if (pr->owner[i] != owner) continue;
        long long f, k;
        kpi_disclosure_at(&pr->p[i], 1, day, &f, &k);
        d.in_force += f;
        d.disclosed += k;
    }
    return d;
}

/* --- JSON of the figures --- */

static json_t *rate_json(const struct kpi_rate *r) {
    return r->defined ? json_real(r->value) : json_null();
}

/* The band of a score (its total as a percent of max) from the rule set; null without bands. */
static json_t *band_json(const struct rules *ru, const struct kpi_score *s) {
    long long pct_h = ri_percent_h(llround(s->total * 100), llround(s->max * 100));
    const char *label = ru->bands ? ri_band(ru->bands, pct_h) : NULL;
    return label ? json_string(label) : json_null();
}

static json_t *score_json(const struct kpi_figures *f, const struct rules *ru,
                          const struct disclosure *d) {
    struct kpi_score s;
    kpi_score(f, &ru->k, kpi_disclosure_rate(d->disclosed, d->in_force), &s);
    json_t *groups = json_array();
    for (int g = 0; g < KG_NGROUPS; g++)
        json_array_append_new(
            groups,
            json_pack("{s:s, s:s, s:f, s:f, s:o, s:o, s:b}", "key", kpi_group_keys[g], "name",
                      group_names[g], "weight", ru->k.weight[g], "threshold", ru->k.threshold[g],
                      "rate", s.assessed[g] ? json_real(s.rate[g]) : json_null(), "points",
                      s.assessed[g] ? json_real(s.points[g]) : json_null(), "assessed",
                      s.assessed[g]));
    json_t *o = json_pack("{s:f, s:f, s:f, s:s, s:o, s:o}", "total", s.total, "max", s.max,
                          "max_assessed", s.max_assessed, "rule_set_effective_from",
                          ru->effective_from, "groups", groups, "band", band_json(ru, &s));
    json_object_set_new(o, "reused_data_threshold",
                        ru->k.reused_threshold > 0 ? json_real(ru->k.reused_threshold)
                                                   : json_null());
    return o;
}

static json_t *figures_json(const struct kpi_sums *sums, const struct rules *ru,
                            const struct disclosure *d) {
    struct kpi_figures f;
    kpi_figures_from(sums, &f);
    const long long *p = sums->period;
    json_t *o = json_object();
#define SETI(k, v) json_object_set_new(o, k, json_integer((json_int_t)(v)))
    SETI("received", f.received);
    SETI("received_online", f.received_online);
    SETI("received_direct", f.received_direct);
    SETI("received_postal", f.received_postal);
    SETI("carried_over", f.carried_over);
    SETI("resolved", f.resolved);
    SETI("resolved_early", f.resolved_early);
    SETI("resolved_ontime", f.resolved_ontime);
    SETI("resolved_late", f.resolved_late);
    SETI("in_progress", f.in_progress);
    SETI("in_progress_ontime", f.in_progress_ontime);
    SETI("in_progress_overdue", f.in_progress_overdue);
    /* the numerators and denominators behind the rates */
    SETI("resolved_digitized", p[KC_DIGITAL]);
    SETI("received_with_fee", p[KC_FEE]);
    SETI("received_paid_online", p[KC_FEE_ONLINE]);
    SETI("rated", p[KC_RATED]);
    SETI("rated_satisfied", p[KC_RATED_GOOD]);
    SETI("resolved_late_apology", p[KC_LATE_APOLOGY]);
    SETI("received_reused_data", p[KC_REUSED]);
    SETI("received_internal_transfer", p[KC_INTERNAL]);
#undef SETI
    json_object_set_new(o, "ontime_rate", rate_json(&f.ontime));
    json_object_set_new(o, "online_rate", rate_json(&f.online));
    json_object_set_new(o, "digitization_rate", rate_json(&f.digitization));
    json_object_set_new(o, "online_payment_rate", rate_json(&f.payment));
    json_object_set_new(o, "satisfaction_rate", rate_json(&f.satisfaction));
    json_object_set_new(o, "apology_coverage", rate_json(&f.apology));
    json_object_set_new(o, "reused_data_rate", rate_json(&f.reused));
    json_object_set_new(o, "internal_transfer_rate", rate_json(&f.internal));
    if (d) {
        double dr = kpi_disclosure_rate(d->disclosed, d->in_force);
        json_object_set_new(o, "disclosure",
                            json_pack("{s:I, s:I, s:o}", "procedures_in_force",
                                      (json_int_t)d->in_force, "procedures_disclosed",
                                      (json_int_t)d->disclosed, "rate",
                                      dr >= 0 ? json_real(dr) : json_null()));
    }
    if (ru && d) json_object_set_new(o, "score766", score_json(&f, ru, d));
    return o;
}

static json_t *period_json(const struct kpi_period *p) {
    char f[11], t[11];
    ymd_format(p->from, f);
    ymd_format(p->to, t);
    return json_pack("{s:s, s:s}", "from", f, "to", t);
}

/* --- computed answers, cached by question and data version (migration 041) --- */

static struct memo *answers;
static pthread_once_t answers_once = PTHREAD_ONCE_INIT;
static void answers_init(void) {
    answers = memo_new(ANSWER_SLOTS, ANSWER_BYTES);
}

int kpi_data_bump(db_t *db) {
    return db_exec(db, "UPDATE kpi_data_version SET version = version + 1 WHERE id = 1", NULL) < 0
               ? -1
               : 0;
}

/*
 * Looks up the answer to a question, after its scope has been checked: the key is the question
 * as resolved (figure, public or not, the unit or root it is about, the period's dates, its
 * options), which is what makes a cached answer the caller's own scope's, and the data version
 * read now, before any figure is, so an answer is never stored under a version older than the
 * data it was computed from. 1 answered from the cache, 0 to compute (key filled), -1 after
 * answering a database error.
 */
static int answer_lookup(req_t *r, db_t *db, struct answer_key *key, const char *question) {
    long long version = 0;
    /* The figures also read the catalogue (the disclosure group: procedures in force with every
     * component published) and today (work still open is overdue or not as of today). */
    struct db_res *vs = db_query(db,
                                 "SELECT k.version, c.version FROM kpi_data_version k JOIN "
                                 "procedure_catalog c ON c.id = 1 WHERE k.id = 1",
                                 NULL);
    if (!vs) return db_fail(r, db);
    version = vs->nrows ? db_int(vs, 0, 0) : 0;
    long long catalog = vs->nrows ? db_int(vs, 0, 1) : 0;
    db_res_free(vs);
    char today[11];
    ymd_format(calendar_today(), today);
    snprintf(key->id, sizeof key->id, "%s", question);
    snprintf(key->tag, sizeof key->tag, "v%lld|c%lld|%s", version, catalog, today);
    pthread_once(&answers_once, answers_init);
    return answers_serve(r, answers, key);
}

/* Sends out (releasing it) as res_json does, and keeps the text under key. */
static void answer_send(req_t *r, const struct answer_key *key, json_t *out) {
    answers_send_in(r, answers, key, out);
}

/* --- units and scope --- */

/* The province's root unit: 1 found, 0 none, -1 database error. */
static int province_root(db_t *db, long long *id) {
    *id = 0;
    return db_query_int(db, id,
                        "SELECT id FROM units WHERE parent_id IS NULL AND successor_id IS NULL "
                        "ORDER BY level = 'province' DESC, id LIMIT 1",
                        NULL);
}

/* The unit a request is about: unit_id when given (checked against scope: 404 outside), the
 * principal's own unit, or the province for province-wide principals and the public. */
static int pick_unit(req_t *r, db_t *db, const struct principal *p, long long unit_id,
                     long long *out) {
    *out = 0;
    if (unit_id) {
        long long one;
        int ok = p ? scope_has_unit(db, p, unit_id)
                   : db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i", unit_id);
        if (ok < 0) return db_fail(r, db);
        if (ok == 0) return not_found(r, "đơn vị");
        *out = unit_id;
        return 0;
    }
    if (p && !scope_province_wide(p)) {
        *out = p->unit_id;
        return 0;
    }
    int rc = province_root(db, out);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) return not_found(r, "đơn vị");
    return 0;
}

/* Puts the unit's row into o under key (null when there is no such unit, or id is 0). On a
 * database error, releases o and answers 503/500: -1. */
static int put_unit(req_t *r, db_t *db, json_t *o, const char *key, long long id) {
    json_t *u = NULL;
    int rc = id ? db_query_row_json(db, &u,
                                    "SELECT id, code, name, level, parent_id, valid_to, "
                                    "successor_id FROM units WHERE id = ?",
                                    "i", id)
                : 0;
    if (rc < 0) {
        json_decref(o);
        return db_fail(r, db);
    }
    json_object_set_new(o, key, rc == 1 ? u : json_null());
    return 0;
}

/* --- summary --- */

/* The period the query names: its from/to when given. */
static int query_period(req_t *r, const struct kpi_query *q, struct kpi_period *p) {
    return read_period(r, q->has_from ? &q->from : NULL, q->has_to ? &q->to : NULL, p);
}

static const struct in_decl summary_fields[] = {KQ_ID(unit_id), KQ_PERIOD};
const struct in_spec in_kpi_summary = IN_SPEC(struct kpi_query, summary_fields);

static int summary(req_t *r, int public_face) {
    const struct kpi_query *q = r->query_in;
    long long unit_id = q->unit_id;
    struct kpi_period p;
    if (query_period(r, q, &p) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id;
    if (pick_unit(r, db, public_face ? NULL : r->user, unit_id, &id) < 0) return -1;
    char from[11], to[11], question[128];
    struct answer_key key;
    ymd_format(p.from, from);
    ymd_format(p.to, to);
    snprintf(question, sizeof question, "summary|%d|%lld|%s|%s", public_face, id, from, to);
    int hit = answer_lookup(r, db, &key, question);
    if (hit) return hit < 0 ? -1 : 0;
    struct kpi_sums s;
    struct rules ru = {0};
    struct procs pr = {0};
    if (load_rules(db, p.to, &ru) < 0 || load_sums(db, &id, 1, 0, &p, &s) < 0 ||
        load_procs(db, &id, 1, &pr) < 0) {
        rules_free(&ru);
        procs_free(&pr);
        return db_fail(r, db);
    }
    struct disclosure dc = disclosure_of(&pr, 0, p.t);
    json_t *o = figures_json(&s, &ru, &dc);
    rules_free(&ru);
    procs_free(&pr);
    if (put_unit(r, db, o, "unit", id) < 0) return -1;
    json_object_set_new(o, "period", period_json(&p));
    answer_send(r, &key, o);
    return 0;
}

/* --- ranking --- */

static const struct in_decl ranking_fields[] = {
    KQ_ID(parent_id), KQ(level, levels), KQ_PERIOD, KQ(metric, metrics), KQ(order, orders),
};
const struct in_spec in_kpi_ranking = IN_SPEC(struct kpi_query, ranking_fields);

static int ranking(req_t *r, int public_face) {
    const struct kpi_query *q = r->query_in;
    long long parent_id = q->parent_id;
    const char *level = in_choice(levels, q->level);
    const char *metric = q->metric < 0 ? "score766" : metrics[q->metric];
    struct kpi_period p;
    if (query_period(r, q, &p) < 0) return -1;
    int asc = q->order >= 0 && strcmp(orders[q->order], "asc") == 0;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long root = 0;
    /* Without a parent: a level ranks every unit of that level in scope, otherwise the
     * children of the principal's unit (the province for province-wide and public). */
    if (parent_id || !level) {
        if (pick_unit(r, db, public_face ? NULL : r->user, parent_id, &root) < 0) return -1;
    } else if (!public_face && r->user && !scope_province_wide(r->user)) {
        root = r->user->unit_id;
    }
    char from[11], to[11], question[160];
    struct answer_key key;
    ymd_format(p.from, from);
    ymd_format(p.to, to);
    snprintf(question, sizeof question, "ranking|%d|%lld|%s|%s|%s|%s|%d", public_face, root,
             level ? level : "-", metric, from, to, asc);
    int hit = answer_lookup(r, db, &key, question);
    if (hit) return hit < 0 ? -1 : 0;
    /* Units valid at some time in the period, named in Vietnamese order for ties. */
    json_t *units = db_query_json(
        db,
        "SELECT u.id, u.code, u.name, u.level, u.parent_id, u.valid_to, u.successor_id FROM "
        "units u WHERE u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?) AND "
        "(CASE WHEN ? IS NULL THEN u.parent_id = ? ELSE u.level = ? AND (? = 0 OR EXISTS "
        "(SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id = u.id AND "
        "c.depth > 0)) END) ORDER BY u.name, u.id",
        "sssisii", to, from, level, root, level, root, root);
    if (!units) return db_fail(r, db);
    size_t n = json_array_size(units);
    struct kpi_ranked *rk = calloc(n ? n : 1, sizeof *rk);
    long long *ids = calloc(n ? n : 1, sizeof *ids);
    struct kpi_sums *sums = calloc(n ? n : 1, sizeof *sums);
    struct rules ru = {0};
    struct procs pr = {0};
    int rc = rk && ids && sums ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        ids[i] = json_integer_value(json_object_get(json_array_get(units, i), "id"));
    if (rc == 0) rc = load_rules(db, p.to, &ru);
    if (rc == 0) rc = load_sums(db, ids, n, 0, &p, sums);
    if (rc == 0) rc = load_procs(db, ids, n, &pr);
    if (rc < 0) {
        free(rk);
        free(ids);
        free(sums);
        json_decref(units);
        rules_free(&ru);
        procs_free(&pr);
        return db_fail(r, db);
    }
    for (size_t i = 0; i < n; i++) {
        struct disclosure dc = disclosure_of(&pr, i, p.t);
        json_t *row = figures_json(&sums[i], &ru, &dc);
        json_object_set(row, "unit", json_array_get(units, i));
        struct kpi_figures fg;
        struct kpi_score sc;
        kpi_figures_from(&sums[i], &fg);
        kpi_score(&fg, &ru.k, kpi_disclosure_rate(dc.disclosed, dc.in_force), &sc);
        rk[i].name_rank = (int)i;
        rk[i].item = row;
        rk[i].defined = kpi_metric_value(metric, &fg, &sc, &rk[i].key);
    }
    kpi_rank_sort(rk, n, asc);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_object_set_new(rk[i].item, "rank", json_integer((json_int_t)i + 1));
        json_array_append_new(items, rk[i].item);
    }
    free(rk);
    free(ids);
    free(sums);
    json_decref(units);
    rules_free(&ru);
    procs_free(&pr);
    json_t *out = json_pack("{s:o, s:s, s:s, s:o}", "items", items, "metric", metric, "order",
                            asc ? "asc" : "desc", "period", period_json(&p));
    if (put_unit(r, db, out, "parent", root) < 0) return -1;
    json_object_set_new(out, "level", level ? json_string(level) : json_null());
    answer_send(r, &key, out);
    return 0;
}

/* --- trend --- */

static const struct in_decl trend_fields[] = {KQ_ID(unit_id), KQ_PERIOD,
                                              KQ(granularity, granularities)};
const struct in_spec in_kpi_trend = IN_SPEC(struct kpi_query, trend_fields);

/* The roll-up rows of the unit's subtree that the trend reads, summed per date, as segments
 * (see kpi_split for which rows). -1 on a database error or OOM. */
static int load_segments(db_t *db, long long id, const struct kpi_split *sp,
                         struct kpi_segments *l) {
    struct pairs pr = {0};
    int rc = load_pairs(db, &id, 1, 0, &pr);
    for (size_t at = 0; rc == 0 && at < pr.nunits; at += DB_IN_SLOTS) {
        long long sl[DB_IN_SLOTS];
        chunk_ids(&pr, at, sl);
        for (int monthly = 0; rc == 0 && monthly < 2; monthly++) {
            struct db_res *res = monthly ? db_query(db, sql_monthly_seg, DB_I50 "ss", DB_IDS50(sl),
                                                    sp->last_full, sp->skip)
                                         : db_query(db, sql_daily_seg, DB_I50 "ssss", DB_IDS50(sl),
                                                    sp->h1, sp->h2, sp->t1, sp->t2);
            if (!res) {
                rc = -1;
                break;
            }
            for (size_t i = 0; rc == 0 && i < res->nrows; i++) {
                struct ymd d;
                if (ymd_parse(db_val(res, i, 0), &d) < 0) continue;
                /* Segments from several chunks of units may share a date: the buckets add
                 * every segment, so they need not be merged. */
                struct kpi_segment *sg = kpi_segments_add(l, d, monthly);
                if (!sg) rc = -1;
                for (int c = 0; sg && c < KC_NCOLS; c++) sg->v[c] = db_int(res, i, 1 + c);
            }
            db_res_free(res);
        }
    }
    pairs_free(&pr);
    return rc;
}

/* One bucket's row of the trend: its figures, the score's total only (the groups are in the
 * summary), its label and days. */
static json_t *trend_row(const struct kpi_sums *sums, const struct rules *ru,
                         const struct disclosure *d, const struct kpi_bucket *b) {
    json_t *row = figures_json(sums, ru, d);
    json_t *sc = json_object_get(row, "score766");
    json_object_set(row, "score766_total", json_object_get(sc, "total"));
    json_object_del(row, "score766");
    json_object_set_new(row, "bucket", json_string(b->label));
    json_object_set_new(row, "from", json_string(b->from));
    json_object_set_new(row, "to", json_string(b->to));
    return row;
}

static int trend(req_t *r, int public_face) {
    const struct kpi_query *q = r->query_in;
    const char *gran = q->granularity < 0 ? "month" : granularities[q->granularity];
    enum kpi_gran g = kpi_gran_from(gran);
    struct kpi_period p;
    if (period_checked(r, kpi_trend_period(q->has_from ? &q->from : NULL, q->has_to ? &q->to : NULL,
                                           calendar_today(), g, &p)))
        return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id;
    if (pick_unit(r, db, public_face ? NULL : r->user, q->unit_id, &id) < 0) return -1;
    char from[11], to[11], question[128];
    struct answer_key key;
    ymd_format(p.from, from);
    ymd_format(p.to, to);
    snprintf(question, sizeof question, "trend|%d|%lld|%s|%s|%s", public_face, id, from, to, gran);
    int hit = answer_lookup(r, db, &key, question);
    if (hit) return hit < 0 ? -1 : 0;
    pthread_once(&sql_once, build_sql);
    /* Daily rows: every day for a daily trend, else only the months the period cuts (partial
     * buckets); whole months and all history before come from kpi_monthly. Month and quarter
     * buckets are whole months, so no monthly row straddles a bucket's edge. */
    struct kpi_split sp;
    kpi_split(&p, g == KPI_DAY, &sp);
    struct rules ru = {0};
    struct kpi_segments segs = {0};
    struct procs pr = {0};
    if (load_rules(db, p.to, &ru) < 0 || load_segments(db, id, &sp, &segs) < 0 ||
        load_procs(db, &id, 1, &pr) < 0) {
        free(segs.seg);
        rules_free(&ru);
        procs_free(&pr);
        return db_fail(r, db);
    }
    long nb = kpi_bucket_count(g, &p);
    struct kpi_sums *sums = malloc((size_t)nb * sizeof *sums);
    if (!sums) {
        free(segs.seg);
        rules_free(&ru);
        procs_free(&pr);
        return res_internal(r, "out of memory");
    }
    kpi_trend_fold(segs.seg, segs.n, g, &p, sums);
    free(segs.seg);
    json_t *items = json_array();
    for (long k = 0; k < nb; k++) {
        struct kpi_bucket b;
        kpi_bucket_describe(g, &p, k, &b);
        /* each bucket's disclosure at its own last day, as its summary has it */
        struct ymd last;
        struct disclosure dc = {0, 0};
        if (ymd_parse(b.to, &last) == 0) dc = disclosure_of(&pr, 0, ymd_to_days(last));
        json_array_append_new(items, trend_row(&sums[k], &ru, &dc, &b));
    }
    free(sums);
    rules_free(&ru);
    procs_free(&pr);
    json_t *out = json_pack("{s:o, s:s, s:o}", "items", items, "granularity", gran, "period",
                            period_json(&p));
    if (put_unit(r, db, out, "unit", id) < 0) return -1;
    answer_send(r, &key, out);
    return 0;
}

/* Each figure has two routes: the intranet's, in the principal's scope, and the public one
 * (no principal: the province's view). This defines h_kpi_summary, h_public_kpi_summary,
 * h_kpi_ranking, h_public_kpi_ranking, h_kpi_trend and h_public_kpi_trend. */
#define KPI_ROUTES(figure)                                                                         \
    int h_kpi_##figure(req_t *r) {                                                                 \
        return figure(r, 0);                                                                       \
    }                                                                                              \
    int h_public_kpi_##figure(req_t *r) {                                                          \
        return figure(r, 1);                                                                       \
    }
KPI_ROUTES(summary)
KPI_ROUTES(ranking)
KPI_ROUTES(trend)

/* --- late dossiers --- */

static const char *const apology_filters[] = {"all", "issued", "missing", NULL};

static const struct in_decl late_fields[] = {KQ_ID(unit_id), KQ_PERIOD,
                                             KQ(apology, apology_filters)};
const struct in_spec in_kpi_late = IN_SPEC_PAGED(struct kpi_query, late_fields, 50, 1000);

int h_kpi_late(req_t *r) {
    const struct kpi_query *q = r->query_in;
    long long unit_id = q->unit_id;
    const char *apology = in_choice(apology_filters, q->apology);
    const struct page pg = q->page;
    struct kpi_period p;
    if (query_period(r, q, &p) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id;
    if (pick_unit(r, db, r->user, unit_id, &id) < 0) return -1;
    long long ap = !apology || strcmp(apology, "all") == 0 ? -1 : strcmp(apology, "issued") == 0;
    char from[20], until[20];
    ymd_format(p.from, from);
    ymd_format(days_to_ymd(p.t + 1), until);
    char question[160];
    struct answer_key key;
    snprintf(question, sizeof question, "late|%lld|%s|%s|%lld|%lld|%lld", id, from, until, ap,
             (long long)pg.per_page, (long long)pg.offset);
    int hit = answer_lookup(r, db, &key, question);
    if (hit) return hit < 0 ? -1 : 0;
    long long total = 0;
    const char *where =
        " FROM unit_closure c STRAIGHT_JOIN dossiers d ON d.unit_id = c.descendant_id AND d.late "
        "= 1 AND d.finished_at >= ? AND d.finished_at < ? JOIN units u ON u.id = d.unit_id WHERE "
        "c.ancestor_id = ? AND (? < 0 OR d.apology_issued = ?)";
    char sql[1400];
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "ssiii", from, until, id, ap, ap) < 0) return db_fail(r, db);
    snprintf(
        sql, sizeof sql,
        "SELECT d.code, d.procedure_code, d.unit_id, u.code AS unit_code, u.name AS "
        "unit_name, d.channel, d.status, d.received_at, d.due_at, DATE(COALESCE(d.due_at, "
        "d.received_at)) AS due_date, d.finished_at, DATE(d.finished_at) AS finished_date, "
        "GREATEST(0, DATEDIFF(d.finished_at, COALESCE(d.due_at, d.received_at))) AS days_late, "
        "IF(DATE(d.finished_at) > DATE(COALESCE(d.due_at, d.received_at)), 'overdue', "
        "'supplements') AS late_reason, "
        "d.supplement_count, d.apology_issued%s ORDER BY d.finished_at DESC, d.code LIMIT "
        "? OFFSET ?",
        where);
    json_t *items =
        db_query_json(db, sql, "ssiiiii", from, until, id, ap, ap, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    json_t *out = list_envelope(items, total, &pg);
    if (put_unit(r, db, out, "unit", id) < 0) return -1;
    json_object_set_new(out, "period", period_json(&p));
    answer_send(r, &key, out);
    return 0;
}

/* --- by procedure and by field --- */

static const char *const breakdown_sorts[] = {"late", "late_share", "received", "resolved", NULL};
/* ORDER BY of each sort (most first; no resolved dossier: no late share, last), then the key. */
static const char *const breakdown_order[] = {"g.late DESC",
                                              "g.late / NULLIF(g.resolved, 0) DESC, g.late DESC",
                                              "g.received DESC", "g.resolved DESC"};

static const struct in_decl breakdown_fields[] = {KQ_ID(unit_id), KQ_PERIOD,
                                                  KQ(sort, breakdown_sorts)};
const struct in_spec in_kpi_breakdown = IN_SPEC_PAGED(struct kpi_query, breakdown_fields, 20, 500);

/*
 * Per key (the procedure's code, or the field the dossier had when ingested) over the subtree:
 * received (date(received) in the period) and resolved (date(finished) in the period), of those
 * late (the late list's rule). Two index ranges per unit, one for each date.
 */
#define BREAKDOWN_GROUPS(key)                                                                      \
    "SELECT x.k, SUM(x.rcv) AS received, SUM(x.res) AS resolved, SUM(x.lt) AS late FROM "          \
    "(SELECT " key                                                                                 \
    " AS k, 1 AS rcv, 0 AS res, 0 AS lt FROM unit_closure c STRAIGHT_JOIN dossiers d FORCE "       \
    "INDEX (ix_dossiers_unit_received) ON d.unit_id = c.descendant_id AND d.received_at >= ? AND " \
    "d.received_at < ? WHERE c.ancestor_id = ? UNION ALL SELECT " key " AS k, 0, 1, d.late FROM "  \
    "unit_closure c STRAIGHT_JOIN dossiers d FORCE INDEX (ix_dossiers_unit_finished) ON "          \
    "d.unit_id = c.descendant_id AND d.finished_at >= ? AND d.finished_at < ? WHERE "              \
    "c.ancestor_id = ?) x GROUP BY x.k"

static const struct breakdown_sql {
    const char *count, *select;
} breakdown_sql[2] = {
    {"SELECT COUNT(*) FROM (" BREAKDOWN_GROUPS("COALESCE(d.procedure_code, '')") ") g",
     "SELECT g.k AS procedure_code, p.id AS procedure_id, p.name AS procedure_name, p.field_id, "
     "f.name AS field_name, g.received, g.resolved, g.late, COUNT(*) OVER () AS total__ FROM "
     "(" BREAKDOWN_GROUPS(
         "COALESCE(d.procedure_code, '')") ") g LEFT JOIN procedures p ON p.code = g.k LEFT JOIN "
                                           "procedure_fields f ON f.id = p.field_id ORDER BY "},
    {"SELECT COUNT(*) FROM (" BREAKDOWN_GROUPS("d.field_id") ") g",
     "SELECT g.k AS field_id, f.name AS field_name, g.received, g.resolved, g.late, COUNT(*) "
     "OVER () AS total__ FROM "
     "(" BREAKDOWN_GROUPS("d.field_id") ") g LEFT JOIN procedure_fields f ON f.id = g.k ORDER BY "},
};

/* Adds to each row the resolved within time and the late share (null without resolved). */
static void breakdown_rates(json_t *items) {
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_int_t res = json_integer_value(json_object_get(it, "resolved"));
        json_int_t late = json_integer_value(json_object_get(it, "late"));
        json_object_set_new(it, "resolved_late", json_integer(late));
        json_object_del(it, "late");
        json_object_del(it, "total__");
        json_object_set_new(it, "resolved_within_time", json_integer(res - late));
        json_object_set_new(it, "late_share",
                            res > 0 ? json_real((double)late / (double)res) : json_null());
    }
}

static int breakdown(req_t *r, int by_field) {
    const struct kpi_query *q = r->query_in;
    const struct page pg = q->page;
    int sort = q->sort < 0 ? 0 : q->sort;
    struct kpi_period p;
    if (query_period(r, q, &p) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id;
    if (pick_unit(r, db, r->user, q->unit_id, &id) < 0) return -1;
    char from[11], until[11];
    ymd_format(p.from, from);
    ymd_format(days_to_ymd(p.t + 1), until);
    const struct breakdown_sql *bs = &breakdown_sql[by_field];
    char sql[3072];
    snprintf(sql, sizeof sql, "%s%s, g.k LIMIT ? OFFSET ?", bs->select, breakdown_order[sort]);
    json_t *items = db_query_json(db, sql, "ssissiii", from, until, id, from, until, id,
                                  pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    /* The page's rows carry the number of groups (a window over the grouped rows); a page past
     * the end has none, so only then is it counted apart. */
    long long total = json_integer_value(json_object_get(json_array_get(items, 0), "total__"));
    if (json_array_size(items) == 0 && pg.offset > 0 &&
        db_query_int(db, &total, bs->count, "ssissi", from, until, id, from, until, id) < 0) {
        json_decref(items);
        return db_fail(r, db);
    }
    breakdown_rates(items);
    json_t *out = list_envelope(items, total, &pg);
    if (put_unit(r, db, out, "unit", id) < 0) return -1;
    json_object_set_new(out, "period", period_json(&p));
    json_object_set_new(out, "sort", json_string(breakdown_sorts[sort]));
    res_json(r, 200, out);
    return 0;
}

int h_kpi_procedures(req_t *r) {
    return breakdown(r, 0);
}

int h_kpi_fields(req_t *r) {
    return breakdown(r, 1);
}

/* Public: the units with late dossiers in the period (their own dossiers), no codes. */
static const struct in_decl public_late_fields[] = {KQ_ID(parent_id), KQ_PERIOD};
const struct in_spec in_public_kpi_late = IN_SPEC(struct kpi_query, public_late_fields);

int h_public_kpi_late(req_t *r) {
    const struct kpi_query *q = r->query_in;
    long long parent_id = q->parent_id;
    struct kpi_period p;
    if (query_period(r, q, &p) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long root;
    if (pick_unit(r, db, NULL, parent_id, &root) < 0) return -1;
    json_t *units = db_query_json(db,
                                  "SELECT u.id, u.code, u.name, u.level, u.parent_id FROM "
                                  "unit_closure c JOIN units u ON u.id = c.descendant_id WHERE "
                                  "c.ancestor_id = ? ORDER BY u.name, u.id",
                                  "i", root);
    if (!units) return db_fail(r, db);
    size_t n = json_array_size(units);
    long long *ids = calloc(n ? n : 1, sizeof *ids);
    struct kpi_sums *sums = calloc(n ? n : 1, sizeof *sums);
    if (!ids || !sums) {
        free(ids);
        free(sums);
        json_decref(units);
        return res_internal(r, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = json_integer_value(json_object_get(json_array_get(units, i), "id"));
    if (load_sums(db, ids, n, 1, &p, sums) < 0) {
        free(ids);
        free(sums);
        json_decref(units);
        return db_fail(r, db);
    }
    struct kpi_ranked *rk = calloc(n ? n : 1, sizeof *rk);
    size_t k = 0;
    for (size_t i = 0; rk && i < n; i++) {
        struct kpi_figures fg;
        kpi_figures_from(&sums[i], &fg);
        if (fg.resolved_late == 0 && fg.in_progress_overdue == 0) continue;
        json_t *row = json_pack("{s:O, s:I, s:I, s:I, s:I, s:o}", "unit", json_array_get(units, i),
                                "resolved", (json_int_t)fg.resolved, "resolved_late",
                                (json_int_t)fg.resolved_late, "resolved_late_apology",
                                (json_int_t)sums[i].period[KC_LATE_APOLOGY], "in_progress_overdue",
                                (json_int_t)fg.in_progress_overdue, "apology_coverage",
                                rate_json(&fg.apology));
        rk[k].item = row;
        rk[k].defined = 1;
        rk[k].key = (double)fg.resolved_late;
        rk[k].name_rank = (int)i;
        k++;
    }
    if (rk) kpi_rank_sort(rk, k, 0);
    json_t *items = json_array();
    for (size_t i = 0; i < k; i++) json_array_append_new(items, rk[i].item);
    free(rk);
    free(ids);
    free(sums);
    json_decref(units);
    json_t *out = json_pack("{s:o, s:o}", "items", items, "period", period_json(&p));
    if (put_unit(r, db, out, "parent", root) < 0) return -1;
    res_json(r, 200, out);
    return 0;
}

/* The 766 rule set in force at a date (default today): weights and thresholds. */
static const struct in_decl rules_fields[] = {KQ_DATE(at)};
const struct in_spec in_kpi_rules = IN_SPEC(struct kpi_query, rules_fields);

int h_kpi_rules(req_t *r) {
    const struct kpi_query *q = r->query_in;
    struct ymd at = q->has_at ? q->at : calendar_today();
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct rules ru;
    if (load_rules(db, at, &ru) < 0) {
        rules_free(&ru);
        return db_fail(r, db);
    }
    json_t *groups = json_array();
    for (int g = 0; g < KG_NGROUPS; g++)
        json_array_append_new(groups, json_pack("{s:s, s:s, s:f, s:f}", "key", kpi_group_keys[g],
                                                "name", group_names[g], "weight", ru.k.weight[g],
                                                "threshold", ru.k.threshold[g]));
    json_t *out = json_pack(
        "{s:s, s:s, s:o, s:o, s:o}", "effective_from", ru.effective_from, "note", ru.note, "groups",
        groups, "bands", ru.bands ? json_incref(ru.bands) : json_array(), "reused_data_threshold",
        ru.k.reused_threshold > 0 ? json_real(ru.k.reused_threshold) : json_null());
    rules_free(&ru);
    res_json(r, 200, out);
    return 0;
}

/* --- shared with api/late_lists.c (the late-dossier lists of issue 20) --- */

int kpi_pick_unit(req_t *r, db_t *db, const struct principal *p, long long unit_id,
                  long long *out) {
    return pick_unit(r, db, p, unit_id, out);
}

int kpi_read_period(req_t *r, const struct ymd *from, const struct ymd *to, struct kpi_period *p) {
    return read_period(r, from, to, p);
}

int kpi_put_unit(req_t *r, db_t *db, json_t *o, const char *key, long long id) {
    return put_unit(r, db, o, key, id);
}

json_t *kpi_period_json(const struct kpi_period *p) {
    return period_json(p);
}
