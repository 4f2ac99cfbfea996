/* The periodic report's figures from the system's data: dossiers (field roll-ups), feedback,
 * procedures and plan assignments of a unit or its subtree over a data window (SPEC §6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/report_tables.h"
#include "api/inspections_common.h"
#include "api/reform_common.h"
#include "api/registries_common.h"
#include "api/review_common.h"
#include "core/feedback_flow.h"
#include "core/kpi766.h"
#include "core/kpi_period.h"
#include "lib/buf.h"

/* The unit filter of every query: the unit itself, or every unit of its subtree. */
#define OWN_UNIT     " = ?"
#define SUBTREE_UNIT " IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)"

/* The figures of the circular's dossier form, in its column order. */
static const char *const dossier_keys[] = {
    "received_online", "received_direct",    "received_postal",
    "carried_over",    "resolved_early",     "resolved_ontime",
    "resolved_late",   "in_progress_ontime", "in_progress_overdue",
};
#define NDKEYS (sizeof dossier_keys / sizeof dossier_keys[0])

static const char *const level_keys[] = {"province", "department", "district",
                                         "commune",  "vertical",   "onestop"};
static const char *const level_names[] = {"Cấp tỉnh (UBND tỉnh)",
                                          "Sở, ban, ngành",
                                          "Cấp huyện",
                                          "Cấp xã",
                                          "Cơ quan ngành dọc",
                                          "Trung tâm Phục vụ hành chính công"};
#define NLEVELS 6

static int level_index(const char *level) {
    for (int i = 0; level && i < NLEVELS; i++)
        if (strcmp(level, level_keys[i]) == 0) return i;
    return -1;
}

/* --- dossiers: the field roll-ups --- */

/*
 * The roll-ups are read per chunk of up to DB_IN_SLOTS units with a constant IN list, so that
 * MariaDB reads each unit's rows as a range of the primary key (unit_id, day, field_id): a join
 * on unit_id would read all of a unit's days (the same reason as in api/kpi.c).
 */

/*
 * Sums per (unit, field) over the daily rows of the months the window cuts and the monthly rows
 * of the others up to its end (see kpi_split), in two statements per table: `period` sums the
 * counters of the rows inside the window; `open` sums open_delta before the window (carried
 * over) and up to its end, and overdue_delta up to its end. Why two: the open sums need every
 * month since the first dossier (36 at 10 M dossiers, for a 12-month window), the counters only
 * the window's; one statement summed all 17 columns over every month (SUM(inside * column)) and
 * was twice as slow (docs/PERFORMANCE.md, periodic reports at 10 million dossiers).
 */
enum { FS_PERIOD, FS_OPEN };
static void field_sums_sql(int monthly, int kind, char *out, size_t cap) {
    const char *t = monthly ? "m" : "k", *col = monthly ? "month" : "day";
    struct buf s;
    buf_init(&s);
    buf_printf(&s, "SELECT %s.unit_id, %s.field_id", t, t);
    if (kind == FS_PERIOD)
        for (int c = 0; c < KC_OPEN; c++) buf_printf(&s, ", SUM(%s.%s)", t, kpi_col_names[c]);
    else if (monthly)
        buf_puts(&s, ", SUM(IF(m.month < ?, m.open_delta, 0)), SUM(m.open_delta), "
                     "SUM(m.overdue_delta)");
    else
        buf_puts(&s, ", SUM(IF(k.day < ?, k.open_delta, 0)), SUM(IF(k.day <= ?, k.open_delta, "
                     "0)), SUM(IF(k.day <= ?, k.overdue_delta, 0))");
    buf_printf(&s, " FROM %s %s WHERE %s.unit_id IN (",
               monthly ? "kpi_field_monthly" : "kpi_field_daily", t, t);
    for (int i = 0; i < DB_IN_SLOTS; i++) buf_puts(&s, i ? ", ?" : "?");
    buf_puts(&s, monthly ? ") AND m.month <= ? AND m.month <> ?"
                         : ") AND (k.day BETWEEN ? AND ? OR k.day BETWEEN ? AND ?)");
    if (kind == FS_PERIOD)
        buf_printf(&s, monthly ? " AND %s.%s >= ?" : " AND %s.%s BETWEEN ? AND ?", t, col);
    buf_printf(&s, " GROUP BY %s.unit_id, %s.field_id", t, t);
    snprintf(out, cap, "%s", buf_cstr(&s));
    buf_free(&s);
}

/* The units read and their levels, sorted by id. */
struct units {
    long long *id;
    int *level;
    size_t n;
};

/* Sums per field (fields[i] with sums[i]), per level and in all. */
struct dossier_acc {
    long long *fields;
    struct kpi_sums *by_field;
    size_t nfields, cap;
    struct kpi_sums by_level[NLEVELS];
    struct kpi_sums total;
};

static struct kpi_sums *acc_field(struct dossier_acc *a, long long field) {
    for (size_t i = 0; i < a->nfields; i++)
        if (a->fields[i] == field) return &a->by_field[i];
    if (a->nfields == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        long long *f = realloc(a->fields, cap * sizeof *f);
        if (!f) return NULL;
        a->fields = f;
        struct kpi_sums *s = realloc(a->by_field, cap * sizeof *s);
        if (!s) return NULL;
        a->by_field = s;
        a->cap = cap;
    }
    a->fields[a->nfields] = field;
    memset(&a->by_field[a->nfields], 0, sizeof a->by_field[0]);
    return &a->by_field[a->nfields++];
}

static int cmp_ll(const void *x, const void *y) {
    long long a = *(const long long *)x, b = *(const long long *)y;
    return a < b ? -1 : a > b;
}

static int unit_level_of(const struct units *u, long long id) {
    const long long *hit = bsearch(&id, u->id, u->n, sizeof id, cmp_ll);
    return hit ? u->level[hit - u->id] : -1;
}

/* Adds one result row: (unit, field, KC_OPEN sums) of FS_PERIOD, (unit, field, open_before,
 * open_end, overdue_end) of FS_OPEN. */
static int acc_row(struct dossier_acc *a, const struct units *u, struct db_res *res, size_t r,
                   int kind) {
    struct kpi_sums s;
    memset(&s, 0, sizeof s);
    if (kind == FS_PERIOD) {
        for (int c = 0; c < KC_OPEN; c++) s.period[c] = db_int(res, r, 2 + c);
    } else {
        s.open_before = db_int(res, r, 2);
        s.open_end = db_int(res, r, 3);
        s.overdue_end = db_int(res, r, 4);
    }
    struct kpi_sums *f = acc_field(a, db_int(res, r, 1));
    if (!f) return -1;
    kpi_sums_add(f, &s);
    int lv = unit_level_of(u, db_int(res, r, 0));
    if (lv >= 0) kpi_sums_add(&a->by_level[lv], &s);
    kpi_sums_add(&a->total, &s);
    return 0;
}

static int load_units(db_t *db, long long unit_id, int subtree, struct units *u) {
    memset(u, 0, sizeof *u);
    struct db_res *res =
        db_query(db,
                 subtree ? "SELECT u.id, u.level FROM unit_closure c JOIN units u ON u.id = "
                           "c.descendant_id WHERE c.ancestor_id = ? ORDER BY u.id"
                         : "SELECT u.id, u.level FROM units u WHERE u.id = ?",
                 "i", unit_id);
    if (!res) return -1;
    size_t n = res->nrows ? res->nrows : 1;
    u->id = malloc(n * sizeof *u->id);
    u->level = malloc(n * sizeof *u->level);
    if (!u->id || !u->level) {
        db_res_free(res);
        return -1;
    }
    for (size_t i = 0; i < res->nrows; i++) {
        u->id[i] = db_int(res, i, 0);
        u->level[i] = level_index(db_val(res, i, 1));
    }
    u->n = res->nrows;
    db_res_free(res);
    return 0;
}

/* One of the four statements for the units sl (see field_sums_sql). */
static struct db_res *field_sums(db_t *db, int monthly, int kind, const long long *sl,
                                 const char *f, const char *t, const struct kpi_split *sp) {
    static __thread char sql[2][2][4096];
    char *q = sql[monthly][kind];
    if (!q[0]) field_sums_sql(monthly, kind, q, sizeof sql[0][0]);
    if (monthly)
        return kind == FS_PERIOD
                   ? db_query(db, q, DB_I50 "sss", DB_IDS50(sl), sp->last_full, sp->skip, f)
                   : db_query(db, q, "s" DB_I50 "ss", f, DB_IDS50(sl), sp->last_full, sp->skip);
    return kind == FS_PERIOD ? db_query(db, q, DB_I50 "ssssss", DB_IDS50(sl), sp->h1, sp->h2,
                                        sp->t1, sp->t2, f, t)
                             : db_query(db, q, "sss" DB_I50 "ssss", f, t, t, DB_IDS50(sl), sp->h1,
                                        sp->h2, sp->t1, sp->t2);
}

static int read_dossier_sums(db_t *db, const struct units *u, struct ymd from, struct ymd to,
                             struct dossier_acc *a) {
    struct kpi_period p = {from, to, ymd_to_days(from), ymd_to_days(to)};
    struct kpi_split sp;
    kpi_split(&p, 0, &sp);
    char f[11], t[11];
    ymd_format(from, f);
    ymd_format(to, t);
    for (size_t at = 0; at < u->n; at += DB_IN_SLOTS) {
        long long sl[DB_IN_SLOTS];
        for (size_t i = 0; i < DB_IN_SLOTS; i++) sl[i] = at + i < u->n ? u->id[at + i] : 0;
        for (int q = 0; q < 4; q++) {
            int monthly = q >> 1, kind = q & 1 ? FS_OPEN : FS_PERIOD;
            struct db_res *res = field_sums(db, monthly, kind, sl, f, t, &sp);
            if (!res) return -1;
            int rc = 0;
            for (size_t r = 0; rc == 0 && r < res->nrows; r++) rc = acc_row(a, u, res, r, kind);
            db_res_free(res);
            if (rc < 0) return -1;
        }
    }
    return 0;
}

/* The circular's figures of s, as an object (into o when given, else a new one). */
static json_t *dossier_figures(const struct kpi_sums *s, json_t *o) {
    struct kpi_figures f;
    kpi_figures_from(s, &f);
    long long v[NDKEYS] = {f.received_online, f.received_direct,    f.received_postal,
                           f.carried_over,    f.resolved_early,     f.resolved_ontime,
                           f.resolved_late,   f.in_progress_ontime, f.in_progress_overdue};
    if (!o) o = json_object();
    for (size_t i = 0; i < NDKEYS; i++)
        json_object_set_new(o, dossier_keys[i], json_integer((json_int_t)v[i]));
    return o;
}

static int any_figure(const struct kpi_sums *s) {
    struct kpi_figures f;
    kpi_figures_from(s, &f);
    return f.received || f.carried_over || f.resolved || f.in_progress;
}

/* by_field rows named from the catalogue, in Vietnamese order of their names; field 0 (a
 * procedure the catalogue does not have) last. */
static json_t *by_field_json(db_t *db, const struct dossier_acc *a) {
    json_t *rows = json_array();
    json_t *names =
        db_query_json(db, "SELECT id, name FROM procedure_fields ORDER BY name, id", NULL);
    if (!names) {
        json_decref(rows);
        return NULL;
    }
    size_t i;
    json_t *nm;
    json_array_foreach(names, i, nm) {
        long long id = json_integer_value(json_object_get(nm, "id"));
        for (size_t k = 0; k < a->nfields; k++) {
            if (a->fields[k] != id || !any_figure(&a->by_field[k])) continue;
            char key[24];
            snprintf(key, sizeof key, "%lld", id);
            json_t *o = json_pack("{s:s, s:I, s:O}", "key", key, "field_id", (json_int_t)id, "name",
                                  json_object_get(nm, "name"));
            json_array_append_new(rows, dossier_figures(&a->by_field[k], o));
        }
    }
    json_decref(names);
    /* field 0, and a field removed from the catalogue since: "not classified" */
    struct kpi_sums other;
    memset(&other, 0, sizeof other);
    for (size_t k = 0; k < a->nfields; k++) {
        int named = 0;
        for (size_t j = 0; j < json_array_size(rows) && !named; j++)
            named = json_integer_value(json_object_get(json_array_get(rows, j), "field_id")) ==
                    a->fields[k];
        if (!named) kpi_sums_add(&other, &a->by_field[k]);
    }
    if (any_figure(&other))
        json_array_append_new(
            rows, dossier_figures(&other, json_pack("{s:s, s:n, s:s}", "key", "0", "field_id",
                                                    "name", "Chưa xác định lĩnh vực")));
    return rows;
}

static json_t *dossiers_json(db_t *db, const struct dossier_acc *a) {
    json_t *by_field = by_field_json(db, a);
    if (!by_field) return NULL;
    json_t *by_level = json_array();
    for (int l = 0; l < NLEVELS; l++) {
        if (!any_figure(&a->by_level[l])) continue;
        json_t *o = json_pack("{s:s, s:s, s:s}", "key", level_keys[l], "level", level_keys[l],
                              "name", level_names[l]);
        json_array_append_new(by_level, dossier_figures(&a->by_level[l], o));
    }
    return json_pack("{s:o, s:o, s:o}", "total", dossier_figures(&a->total, NULL), "by_field",
                     by_field, "by_level", by_level);
}

static json_t *dossiers_table(db_t *db, long long unit_id, int subtree, struct ymd from,
                              struct ymd to) {
    struct units u;
    struct dossier_acc a;
    memset(&a, 0, sizeof a);
    json_t *out = NULL;
    if (load_units(db, unit_id, subtree, &u) == 0 && read_dossier_sums(db, &u, from, to, &a) == 0)
        out = dossiers_json(db, &a);
    free(u.id);
    free(u.level);
    free(a.fields);
    free(a.by_field);
    return out;
}

/* --- feedback, procedures, plan: counted in SQL --- */

/* Every figure an integer: SUM over no rows is NULL (0), and SUM's type is DECIMAL (a real). */
static void as_counts(json_t *o) {
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        if (json_is_null(v))
            json_object_set_new(o, k, json_integer(0));
        else if (json_is_real(v))
            json_object_set_new(o, k, json_integer((json_int_t)(json_real_value(v) + 0.5)));
    }
}

/* The unit a feedback item counts at: where it was routed, else the coordinator's office (it
 * is on the coordinator's desk until routed). */
#define FB_UNIT                                                                                    \
    "COALESCE(f.assigned_unit_id, f.answer_unit_id, (SELECT MIN(c.id) FROM units c WHERE "         \
    "c.coordinator = 1))"

static json_t *feedback_table(db_t *db, long long unit_id, int subtree, const char *from,
                              const char *to) {
    char sql[2048];
    /* The window is [from, to] in local dates; times are local wall times (006). Overdue: still
     * unanswered at the window's end (not rejected or a duplicate) past its answer date. */
    snprintf(
        sql, sizeof sql,
        "SELECT SUM(f.received_at >= ? AND f.received_at < ? + INTERVAL 1 DAY) AS received, "
        "SUM(f.forwarded_at >= ? AND f.forwarded_at < ? + INTERVAL 1 DAY) AS forwarded, "
        "SUM(f.answered_at >= ? AND f.answered_at < ? + INTERVAL 1 DAY) AS answered, "
        "SUM(f.answered_at >= ? AND f.answered_at < ? + INTERVAL 1 DAY AND DATE(f.answered_at) "
        "<= COALESCE(f.answer_due_at_forward, f.answer_due)) AS answered_ontime, "
        "SUM(f.status NOT IN ('rejected','duplicate') AND (f.answered_at IS NULL OR "
        "f.answered_at >= ? + INTERVAL 1 DAY) AND COALESCE(f.answer_due_at_forward, "
        "f.answer_due) < ?) AS overdue, SUM(f.published_at >= ? AND f.published_at < ? + "
        "INTERVAL 1 DAY) AS published FROM feedback f WHERE f.received_at < ? + INTERVAL 1 "
        "DAY AND " FB_UNIT "%s",
        subtree ? SUBTREE_UNIT : OWN_UNIT);
    json_t *o = NULL;
    if (db_query_row_json(db, &o, sql, "sssssssssssssi", from, to, from, to, from, to, from, to, to,
                          to, from, to, to, unit_id) < 0)
        return NULL;
    if (!o) o = json_object();
    as_counts(o);
    snprintf(sql, sizeof sql,
             "SELECT f.type, COUNT(*) AS received FROM feedback f WHERE f.received_at >= ? AND "
             "f.received_at < ? + INTERVAL 1 DAY AND " FB_UNIT "%s GROUP BY f.type ORDER BY "
             "f.type",
             subtree ? SUBTREE_UNIT : OWN_UNIT);
    json_t *types = db_query_json(db, sql, "ssi", from, to, unit_id);
    if (!types) {
        json_decref(o);
        return NULL;
    }
    size_t i;
    json_t *t;
    json_array_foreach(types, i, t) {
        int type = (int)json_integer_value(json_object_get(t, "type"));
        char key[16];
        snprintf(key, sizeof key, "%d", type);
        json_object_set_new(t, "key", json_string(key));
        json_object_set_new(t, "label", json_string(fb_type_label(type) ?: ""));
    }
    json_object_set_new(o, "by_type", types);
    return o;
}

/* The unit a procedure counts at: its handling agency when that is one unit of the tree, else
 * the province (which publishes the catalogue). */
#define PROC_UNIT                                                                                  \
    "COALESCE(p.agency_unit_id, (SELECT r.id FROM units r WHERE r.parent_id IS NULL AND "          \
    "r.successor_id IS NULL ORDER BY r.level = 'province' DESC, r.id LIMIT 1))"

static json_t *procedures_table(db_t *db, long long unit_id, int subtree, const char *from,
                                const char *to) {
    char sql[2048];
    /* In force at the window's end: published by then (no dates: as catalogued) and not
     * amended or abolished by then. Reviewed and simplified come from the review module below. */
    snprintf(
        sql, sizeof sql,
        "SELECT SUM(x.dd BETWEEN ? AND ?) AS published_new, SUM(x.status = 'amended' AND "
        "x.sd BETWEEN ? AND ?) AS published_amended, SUM(x.status = 'abolished' AND x.sd "
        "BETWEEN ? AND ?) AS published_abolished, SUM(x.live) AS in_force, SUM(x.live AND "
        "x.internal_process_approved AND (x.internal_process_date IS NULL OR "
        "x.internal_process_date <= ?)) AS internal_approved, SUM(x.live AND x.online_level "
        "= 'full') AS online_full, SUM(x.live AND x.online_level = 'partial') AS "
        "online_partial, SUM(x.live AND x.online_level = 'none') AS online_none FROM "
        "(SELECT p.status, p.decision_date AS dd, "
        "p.status_date AS sd, p.online_level, p.internal_process_approved, "
        "p.internal_process_date, (COALESCE(p.decision_date, p.effective_date, ?) <= ? AND "
        "(p.status = 'in_force' OR p.status_date > ?)) AS live FROM procedures p WHERE " PROC_UNIT
        "%s) x",
        subtree ? SUBTREE_UNIT : OWN_UNIT);
    json_t *o = NULL;
    if (db_query_row_json(db, &o, sql, "ssssssssssi", from, to, from, to, from, to, to, to, to, to,
                          unit_id) < 0)
        return NULL;
    if (!o) o = json_object();
    as_counts(o);
    /* live: COALESCE with the window's end makes an undated entry count as published */
    /* Reviewed: distinct procedures with a form accepted in the window; simplified: distinct
     * procedures with a proposal adopted by a decision dated in the window. */
    struct review_counts rc;
    if (review_counts(db, unit_id, subtree, from, to, &rc) < 0) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "reviewed", json_integer(rc.procedures_reviewed));
    json_object_set_new(o, "simplified", json_integer(rc.procedures_simplified));
    /* The yearly compliance cost saved (VND) by the cost sheets of the window's year that have an
     * after-version, of the procedures counted here. */
    snprintf(sql, sizeof sql,
             "SELECT COALESCE(SUM(c.saving), 0) FROM procedure_costs c JOIN procedures p ON p.id = "
             "c.procedure_id WHERE c.year = YEAR(?) AND c.saving IS NOT NULL AND " PROC_UNIT "%s",
             subtree ? SUBTREE_UNIT : OWN_UNIT);
    long long saving = 0;
    if (db_query_int(db, &saving, sql, "si", to, unit_id) < 0) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "cost_saving", json_integer(saving));
    /* Internal procedures (TTHC nội bộ) of the unit's inventory. */
    struct internal_counts ic;
    if (internal_procedure_counts(db, unit_id, subtree, from, to, &ic) < 0) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "internal_in_force", json_integer(ic.in_force));
    json_object_set_new(o, "internal_simplified", json_integer(ic.simplified));
    return o;
}

static json_t *plan_table(db_t *db, long long unit_id, int subtree, const char *from,
                          const char *to, const char *today) {
    char sql[2048];
    const char *scope = subtree ? SUBTREE_UNIT : OWN_UNIT;
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) AS due, SUM(a.status = 'done' AND (a.done_date IS NULL OR "
             "a.done_date <= a.due_date)) AS done, SUM(a.status = 'done' AND a.done_date > "
             "a.due_date) AS done_late, SUM(a.status <> 'done' AND a.due_date >= ?) AS "
             "in_progress, SUM(a.status <> 'done' AND a.due_date < ?) AS overdue FROM assignments "
             "a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id WHERE p.status "
             "IN ('published','closed') AND a.due_date BETWEEN ? AND ? AND a.unit_id%s",
             scope);
    json_t *o = NULL;
    if (db_query_row_json(db, &o, sql, "ssssi", today, today, from, to, unit_id) < 0) return NULL;
    if (!o) o = json_object();
    as_counts(o);
    /* The list behind "overdue", oldest first; the count above stays exact if it is cut. */
    snprintf(sql, sizeof sql,
             "SELECT a.id AS assignment_id, t.id AS task_id, p.id AS plan_id, t.title AS "
             "task_title, a.unit_id, u.name AS unit_name, a.due_date, a.status, a.progress FROM "
             "assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id "
             "JOIN units u ON u.id = a.unit_id WHERE p.status IN ('published','closed') AND "
             "a.due_date BETWEEN ? AND ? AND a.status <> 'done' AND a.due_date < ? AND "
             "a.unit_id%s ORDER BY a.due_date, a.id LIMIT 500",
             scope);
    json_t *list = db_query_json(db, sql, "sssi", from, to, today, unit_id);
    if (!list) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "overdue_list", list);
    return o;
}

int report_tables_build(db_t *db, long long unit_id, int subtree, struct ymd from, struct ymd to,
                        struct ymd today, json_t **out) {
    *out = NULL;
    char f[11], t[11], d[11];
    ymd_format(from, f);
    ymd_format(to, t);
    ymd_format(today, d);
    json_t *dos = dossiers_table(db, unit_id, subtree, from, to);
    json_t *fb = dos ? feedback_table(db, unit_id, subtree, f, t) : NULL;
    json_t *pr = fb ? procedures_table(db, unit_id, subtree, f, t) : NULL;
    json_t *pl = pr ? plan_table(db, unit_id, subtree, f, t, d) : NULL;
    /* Inspections made by the unit (issue 18), carried out in the window. */
    json_t *in = pl ? inspection_counts(db, unit_id, subtree, f, t, d) : NULL;
    /* Focal officers, training and budget (issue 18). */
    json_t *rg = in ? registries_counts(db, unit_id, subtree, f, t) : NULL;
    if (!rg) {
        json_decref(dos);
        json_decref(fb);
        json_decref(pr);
        json_decref(pl);
        json_decref(in);
        return -1;
    }
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "dossiers", dos, "feedback", fb,
                     "procedures", pr, "plan", pl, "inspections", in, "registries", rg);
    return *out ? 1 : -1;
}
