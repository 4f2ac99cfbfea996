/* What the reform index files share: year, rules, appraiser, trees, answers, figures, results. */
#include "api/index_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/report_tables.h"
#include "api/sipas_common.h"
#include "api/units.h"
#include "core/access.h"

const char *const ix_kinds[] = {"department", "district", NULL};

long long ix_year(req_t *r) {
    const char *s = req_param(r, "year");
    long long y = 0;
    for (int i = 0; s && i < 4 && s[i] >= '0' && s[i] <= '9'; i++) y = y * 10 + (s[i] - '0');
    if (!s || strlen(s) != 4 || y < 2000 || y > 2100) {
        not_found(r, "năm đánh giá");
        return -1;
    }
    return y;
}

json_t *ix_points(long long h) {
    return h % 100 == 0 ? json_integer(h / 100) : json_real((double)h / 100.0);
}

/* The rule set's version in force on day (before the first version, the first) as JSON (a new
 * reference), or NULL with *err set on a database error. */
static json_t *rules(db_t *db, const char *day, int *err) {
    json_t *row = NULL;
    *err = db_query_row_json(db, &row,
                             "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                             "'reform_index' ORDER BY effective_from <= ? DESC, IF(effective_from "
                             "<= ?, effective_from, NULL) DESC, effective_from LIMIT 1",
                             "ss", day, day) < 0;
    json_t *out = row ? json_incref(json_object_get(row, "rules")) : NULL;
    json_decref(row);
    return out;
}

int ix_is_appraiser(db_t *db, const struct principal *p) {
    struct access_who w = who_of(p);
    if (access_province_admin(&w)) return 1;
    int err;
    char today[11];
    /* who appraises is today's fact, whatever year is appraised */
    ymd_format(calendar_today(), today);
    json_t *rs = rules(db, today, &err);
    if (err) return -1;
    const char *code = json_string_value(json_object_get(rs, "appraiser_unit_code"));
    long long one = 0;
    int rc = code ? db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ? AND code = ?", "is",
                                 p->unit_id, code)
                  : 0;
    json_decref(rs);
    return rc;
}

json_t *ix_bands(db_t *db, long long year) {
    int err;
    char end[11];
    /* an index year is classified by the bands in force at its end (the year assessed) */
    struct ymd last = {(int)year, 12, 31};
    ymd_format(last, end);
    json_t *rs = rules(db, end, &err);
    if (err) return NULL;
    json_t *b = json_object_get(rs, "bands");
    json_t *out = json_is_array(b) ? json_incref(b) : json_array();
    json_decref(rs);
    return out;
}

int ix_tree_load(db_t *db, long long year, const char *kind, struct ix_tree *t) {
    memset(t, 0, sizeof *t);
    json_t *rows = db_query_json(db,
                                 "SELECT code, name, max_h, method, params_json AS params__json, "
                                 "source FROM ri_criteria WHERE year = ? AND kind = ? ORDER BY "
                                 "sort_order, id",
                                 "is", year, kind);
    if (!rows) return -1;
    size_t n = json_array_size(rows);
    t->json = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        json_t *o =
            json_pack("{s:O, s:O, s:o, s:O, s:O, s:O}", "code", json_object_get(row, "code"),
                      "name", json_object_get(row, "name"), "max",
                      ix_points(json_integer_value(json_object_get(row, "max_h"))), "method",
                      json_object_get(row, "method"), "params", json_object_get(row, "params"),
                      "source", json_object_get(row, "source"));
        json_array_append_new(t->json, o);
    }
    json_decref(rows);
    if (n == 0) return 0;
    t->nodes = calloc(n, sizeof *t->nodes);
    struct ri_error errs[4];
    if (!t->nodes) {
        ix_tree_free(t);
        return -1;
    }
    /* Stored trees were checked when written; a check here only fills the nodes. */
    ri_tree_check(t->json, t->nodes, n, &t->n, errs, 4);
    return 1;
}

void ix_tree_free(struct ix_tree *t) {
    json_decref(t->json);
    free(t->nodes);
    memset(t, 0, sizeof *t);
}

int ix_tree_find(const struct ix_tree *t, const char *code) {
    for (size_t i = 0; code && i < t->n; i++)
        if (strcmp(t->nodes[i].code, code) == 0) return (int)i;
    return -1;
}

int ix_tree_locked(db_t *db, long long year, const char *kind, int for_update) {
    long long one = 0;
    /* FOR UPDATE also locks the (year, kind) range of the index, so no assessment can start
     * while the writing transaction replaces the tree */
    return db_query_int(db, &one,
                        for_update ? "SELECT 1 FROM ri_assessments WHERE year = ? AND kind = ? "
                                     "LIMIT 1 FOR UPDATE"
                                   : "SELECT 1 FROM ri_assessments WHERE year = ? AND kind = ? "
                                     "LIMIT 1",
                        "is", year, kind);
}

int ix_tree_store(db_t *db, long long year, const char *kind, json_t *tree, long long user_id) {
    if (db_exec(db, "DELETE FROM ri_criteria WHERE year = ? AND kind = ?", "is", year, kind) < 0)
        return -1;
    size_t i;
    json_t *o;
    json_array_foreach(tree, i, o) {
        long long max_h = 0;
        ri_points_from_json(json_object_get(o, "max"), &max_h);
        json_t *p = json_object_get(o, "params");
        char *params = p && !json_is_null(p) ? json_dumps(p, JSON_COMPACT) : NULL;
        long long rc =
            db_exec(db,
                    "INSERT INTO ri_criteria (year, kind, code, name, max_h, method, "
                    "params_json, source, sort_order, created_by) VALUES (?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?)",
                    "isssisssiI", year, kind, json_string_value(json_object_get(o, "code")),
                    json_string_value(json_object_get(o, "name")), max_h,
                    json_string_value(json_object_get(o, "method")), params,
                    json_string_value(json_object_get(o, "source")), (long long)i, user_id);
        free(params);
        if (rc < 0) return -1;
    }
    return 0;
}

int ix_unit_kind(db_t *db, long long unit_id, const char **kind) {
    json_t *row = NULL;
    int rc = db_query_row_json(db, &row, "SELECT level FROM units WHERE id = ?", "i", unit_id);
    if (rc <= 0) return rc;
    int k = -1;
    const char *level = json_string_value(json_object_get(row, "level"));
    for (int i = 0; level && ix_kinds[i]; i++)
        if (strcmp(level, ix_kinds[i]) == 0) k = i;
    json_decref(row);
    if (k < 0) return 0;
    *kind = ix_kinds[k];
    return 1;
}

int ix_assessment_row(db_t *db, long long year, long long unit_id, int for_update, json_t **row) {
    return db_query_row_json(db, row,
                             for_update
                                 ? "SELECT id, status, returned_count FROM ri_assessments WHERE "
                                   "year = ? AND unit_id = ? FOR UPDATE"
                                 : "SELECT id, status, returned_count, return_reason, "
                                   "submitted_at, appraised_at FROM ri_assessments WHERE year = "
                                   "? AND unit_id = ?",
                             "ii", year, unit_id);
}

/* --- system figures --- */

/* The figure's value (percent, 2 decimals) from num / den, or null without a denominator. */
static json_t *figure(const char *metric, long long num, long long den, const char *source) {
    json_t *v = den > 0 ? ix_points((num * 10000 * 2 + den) / (den * 2)) : json_null();
    return json_pack("{s:s, s:o, s:I, s:I, s:s}", "metric", metric, "value", v, "numerator",
                     (json_int_t)num, "denominator", (json_int_t)den, "source", source);
}

static long long num_of(json_t *o, const char *key) {
    return json_integer_value(json_object_get(o, key));
}

/* Reports due in the year (up to today) and those filed by their due date, the unit's own. */
static json_t *reports_figure(db_t *db, long long unit_id, long long year) {
    json_t *row = NULL;
    struct ymd t = calendar_today();
    char today[11];
    snprintf(today, sizeof today, "%04d-%02d-%02d", t.y, t.m, t.d);
    if (db_query_row_json(db, &row,
                          "SELECT COUNT(*) AS due, COALESCE(SUM(submitted_at IS NOT NULL AND "
                          "DATE(submitted_at) <= due), 0) AS ontime FROM reports WHERE unit_id = "
                          "? AND YEAR(due) = ? AND due < ?",
                          "iis", unit_id, year, today) < 0)
        return NULL;
    json_t *f = figure(
        "reports_ontime_rate", (long long)json_number_value(json_object_get(row, "ontime")),
        num_of(row, "due"), "Báo cáo định kỳ của đơn vị đến hạn trong năm: nộp đúng hạn / đến hạn");
    json_decref(row);
    return f;
}

json_t *ix_system_figure(db_t *db, long long unit_id, long long year, const char *metric) {
    if (strcmp(metric, "reports_ontime_rate") == 0) return reports_figure(db, unit_id, year);
    if (strcmp(metric, "sipas_index") == 0) {
        long long sat = 0, answered = 0;
        if (sp_unit_figure(db, unit_id, year, &sat, &answered) < 0) return NULL;
        return figure(metric, sat, answered,
                      "Khảo sát sự hài lòng (SIPAS) của năm: câu trả lời hài lòng / câu hỏi được "
                      "trả lời về đơn vị");
    }
    struct ymd from = {(int)year, 1, 1}, to = {(int)year, 12, 31};
    json_t *t = NULL;
    if (report_tables_build(db, unit_id, 1, from, to, calendar_today(), &t) < 0) return NULL;
    json_t *d = json_object_get(json_object_get(t, "dossiers"), "total"),
           *fb = json_object_get(t, "feedback"), *pl = json_object_get(t, "plan"), *out;
    long long ontime = num_of(d, "resolved_early") + num_of(d, "resolved_ontime");
    if (strcmp(metric, "ontime_rate") == 0)
        out = figure(metric, ontime, ontime + num_of(d, "resolved_late"),
                     "Hồ sơ TTHC của đơn vị và cấp dưới trong năm: giải quyết trước và đúng hạn / "
                     "đã giải quyết (bảng hồ sơ của báo cáo định kỳ)");
    else if (strcmp(metric, "online_rate") == 0)
        out = figure(metric, num_of(d, "received_online"),
                     num_of(d, "received_online") + num_of(d, "received_direct") +
                         num_of(d, "received_postal"),
                     "Hồ sơ TTHC tiếp nhận trong năm: trực tuyến / tổng số tiếp nhận");
    else if (strcmp(metric, "feedback_ontime_rate") == 0)
        out = figure(metric, num_of(fb, "answered_ontime"), num_of(fb, "answered"),
                     "Phản ánh, kiến nghị trả lời trong năm: đúng hạn / đã trả lời");
    else
        out = figure(metric, num_of(pl, "done"), num_of(pl, "due"),
                     "Nhiệm vụ kế hoạch đến hạn trong năm: hoàn thành đúng hạn / đến hạn");
    json_decref(t);
    return out;
}

/* --- an assessment's answer --- */

/* The score rows of an assessment by code: an object code -> row (new), NULL on error. */
static json_t *scores_by_code(db_t *db, long long assessment_id) {
    json_t *rows =
        db_query_json(db,
                      "SELECT code, value_json AS value__json, self_points_h, note, "
                      "evidence_json AS evidence__json, system_json AS system__json, "
                      "appraised_points_h, reason FROM ri_scores WHERE assessment_id = ?",
                      "i", assessment_id);
    if (!rows) return NULL;
    json_t *by = json_object();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_object_set(by, json_string_value(json_object_get(r, "code")), r);
    }
    json_decref(rows);
    return by;
}

/* Hundredths in a row's column, or -1 when NULL. */
static long long h_of(json_t *row, const char *key) {
    json_t *v = json_object_get(row, key);
    return json_is_integer(v) ? json_integer_value(v) : -1;
}

struct leafs {
    long long *self, *eff; /* per node: the unit's points and the effective (council's first) */
};

/* One leaf's entry (members added to o); live: compute a system figure now. */
static int leaf_entry(db_t *db, const struct ri_node *nd, json_t *s, long long unit_id,
                      long long year, int live, json_t *o, long long *self, long long *eff) {
    json_t *sys = json_object_get(s, "system");
    json_t *fresh = NULL;
    *self = h_of(s, "self_points_h");
    if (nd->source == RI_S_SYSTEM && live) {
        fresh = ix_system_figure(db, unit_id, year,
                                 json_string_value(json_object_get(nd->params, "metric")));
        if (!fresh) return -1;
        sys = fresh;
        long long p = 0;
        ri_score(nd, json_object_get(fresh, "value"), &p, NULL);
        *self = p;
    }
    long long ap = h_of(s, "appraised_points_h");
    *eff = ap >= 0 ? ap : *self;
    json_object_set(o, "value", json_object_get(s, "value") ?: json_null());
    json_object_set(o, "note", json_object_get(s, "note") ?: json_null());
    json_object_set(o, "evidence", json_object_get(s, "evidence") ?: json_null());
    json_object_set(o, "system", sys ?: json_null());
    json_object_set_new(o, "appraised_points", ap >= 0 ? ix_points(ap) : json_null());
    json_object_set(o, "reason", json_object_get(s, "reason") ?: json_null());
    json_decref(fresh);
    return 0;
}

/* Sets self_points and points of every node of the answer's list from the leaf values. */
static void rolled(const struct ix_tree *t, json_t *list, long long *self, long long *eff,
                   json_t *ans) {
    long long st = 0, et = 0, mt = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (self[i] < 0) self[i] = 0;
        if (eff[i] < 0) eff[i] = 0;
    }
    ri_rollup(t->nodes, t->n, self);
    ri_rollup(t->nodes, t->n, eff);
    for (size_t i = 0; i < t->n; i++) {
        json_t *o = json_array_get(list, i);
        json_object_set_new(o, "self_points", ix_points(self[i]));
        json_object_set_new(o, "points", ix_points(eff[i]));
        if (t->nodes[i].parent < 0) {
            st += self[i];
            et += eff[i];
            mt += t->nodes[i].max_h;
        }
    }
    json_object_set_new(ans, "self_total", ix_points(st));
    json_object_set_new(ans, "total", ix_points(et));
    json_object_set_new(ans, "max", ix_points(mt));
}

/* --- evidence files --- */

int ix_evidence_attach(db_t *db, long long aid, json_t *criteria) {
    json_t *files = aid ? db_query_json(db,
                                        "SELECT id, code, name, mime, size, created_at, "
                                        "withdrawn_at, withdrawn_at IS NOT NULL AS withdrawn FROM "
                                        "ri_evidence_files WHERE assessment_id = ? ORDER BY id",
                                        "i", aid)
                        : json_array();
    if (!files) return -1;
    size_t i, j;
    json_t *o, *f;
    json_array_foreach(criteria, i, o) {
        if (!json_is_true(json_object_get(o, "leaf"))) continue;
        json_t *mine = json_array();
        json_array_foreach(files, j, f) {
            if (!json_equal(json_object_get(f, "code"), json_object_get(o, "code"))) continue;
            json_object_set_new(f, "withdrawn",
                                json_boolean(json_truthy(json_object_get(f, "withdrawn"))));
            json_array_append(mine, f);
        }
        json_object_set_new(o, "files", mine);
    }
    json_decref(files);
    return 0;
}

json_t *ix_assessment_answer(db_t *db, long long year, long long unit_id, const char *kind,
                             const struct ix_tree *t) {
    json_t *row = NULL, *by = NULL;
    int rc = ix_assessment_row(db, year, unit_id, 0, &row);
    if (rc < 0) return NULL;
    if (rc == 0)
        row = json_pack("{s:n, s:s, s:i, s:n, s:n, s:n}", "id", "status", "draft", "returned_count",
                        0, "return_reason", "submitted_at", "appraised_at");
    else if (!(by = scores_by_code(db, json_integer_value(json_object_get(row, "id"))))) {
        json_decref(row);
        return NULL;
    }
    const char *status = json_string_value(json_object_get(row, "status"));
    /* system figures follow the data until the unit submits; then they are the submitted ones */
    int live = strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0;
    json_t *list = json_array();
    long long *self = calloc(t->n + 1, sizeof *self), *eff = calloc(t->n + 1, sizeof *eff);
    int bad = !self || !eff;
    for (size_t i = 0; i < t->n && !bad; i++) {
        json_t *o = json_deep_copy(json_array_get(t->json, i));
        json_object_set_new(o, "leaf", json_boolean(t->nodes[i].leaf));
        json_array_append_new(list, o);
        if (t->nodes[i].leaf)
            bad = leaf_entry(db, &t->nodes[i], json_object_get(by, t->nodes[i].code), unit_id, year,
                             live, o, &self[i], &eff[i]) < 0;
    }
    json_t *ans = NULL;
    if (!bad) {
        ans = json_pack("{s:I, s:I, s:s, s:O, s:O, s:O, s:O, s:O}", "year", (json_int_t)year,
                        "unit_id", (json_int_t)unit_id, "kind", kind, "status",
                        json_object_get(row, "status"), "returned_count",
                        json_object_get(row, "returned_count"), "return_reason",
                        json_object_get(row, "return_reason"), "submitted_at",
                        json_object_get(row, "submitted_at"), "appraised_at",
                        json_object_get(row, "appraised_at"));
        rolled(t, list, self, eff, ans);
        json_object_set(ans, "criteria", list);
        if (ix_evidence_attach(db, json_integer_value(json_object_get(row, "id")), list) < 0) {
            json_decref(ans);
            ans = NULL;
        }
    }
    free(self);
    free(eff);
    json_decref(list);
    json_decref(row);
    json_decref(by);
    return ans;
}

/* --- results --- */

int ix_is_final(db_t *db, long long year) {
    long long one = 0;
    return db_query_int(db, &one, "SELECT 1 FROM ri_decisions WHERE year = ?", "i", year);
}

struct unit_pts {
    long long assessment_id;
    long long *pts; /* per node */
};

/* Fills each unit's leaf points (the council's, else the unit's) from the score rows. */
static int load_points(db_t *db, long long year, const char *kind, int final_only,
                       const struct ix_tree *t, struct unit_pts *u, size_t n) {
    struct db_res *res = db_query(
        db,
        "SELECT s.assessment_id, s.code, COALESCE(s.appraised_points_h, s.self_points_h, 0) FROM "
        "ri_scores s JOIN ri_assessments a ON a.id = s.assessment_id WHERE a.year = ? AND a.kind "
        "= ? AND (? = 0 OR a.status = 'final')",
        "isi", year, kind, (long long)final_only);
    if (!res) return -1;
    for (size_t r = 0; r < res->nrows; r++) {
        long long aid = db_int(res, r, 0);
        int k = ix_tree_find(t, db_val(res, r, 1));
        for (size_t i = 0; k >= 0 && t->nodes[k].leaf && i < n; i++)
            if (u[i].assessment_id == aid) u[i].pts[k] = db_int(res, r, 2);
    }
    db_res_free(res);
    return 0;
}

/* One unit's result entry (without rank). */
static json_t *entry(json_t *unit, const struct ix_tree *t, long long *pts, json_t *bands,
                     long long *total) {
    ri_rollup(t->nodes, t->n, pts);
    long long sum = 0, max = 0;
    json_t *areas = json_array();
    for (size_t i = 0; i < t->n; i++) {
        if (t->nodes[i].parent >= 0) continue;
        sum += pts[i];
        max += t->nodes[i].max_h;
        json_array_append_new(
            areas, json_pack("{s:s, s:O, s:o, s:o}", "code", t->nodes[i].code, "name",
                             json_object_get(json_array_get(t->json, i), "name"), "points",
                             ix_points(pts[i]), "max", ix_points(t->nodes[i].max_h)));
    }
    long long pct = ri_percent_h(sum, max);
    const char *band = ri_band(bands, pct);
    *total = sum;
    return json_pack("{s:O, s:O, s:O, s:o, s:o, s:o, s:s?, s:o}", "unit_id",
                     json_object_get(unit, "unit_id"), "unit_name",
                     json_object_get(unit, "unit_name"), "status", json_object_get(unit, "status"),
                     "total", ix_points(sum), "max", ix_points(max), "percent", ix_points(pct),
                     "band", band, "areas", areas);
}

static json_t *results_of(db_t *db, long long year, const char *kind, int final_only, int prev);

/* Adds previous_total and change (this total - last year's final total) to each entry. */
static int with_previous(db_t *db, long long year, const char *kind, json_t *list) {
    json_t *last = results_of(db, year - 1, kind, 1, 0);
    if (!last) return -1;
    size_t i, j;
    json_t *e, *p;
    json_array_foreach(list, i, e) {
        json_t *found = NULL;
        json_array_foreach(last, j, p) {
            if (json_equal(json_object_get(p, "unit_id"), json_object_get(e, "unit_id"))) found = p;
        }
        long long now = 0, before = 0;
        ri_points_from_json(json_object_get(e, "total"), &now);
        if (found) ri_points_from_json(json_object_get(found, "total"), &before);
        json_object_set(e, "previous_total", found ? json_object_get(found, "total") : json_null());
        json_object_set_new(e, "change",
                            found ? json_real((double)(now - before) / 100.0) : json_null());
    }
    json_decref(last);
    return 0;
}

/* Ranks the entries (competition ranking in name order) into a new array. */
static json_t *ranked(json_t *entries, long long *totals, size_t n) {
    struct ri_ranked *rk = calloc(n + 1, sizeof *rk);
    if (!rk) return NULL;
    for (size_t i = 0; i < n; i++)
        rk[i] = (struct ri_ranked){totals[i], (int)i, 0, json_array_get(entries, i)};
    ri_rank(rk, n);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_object_set_new(rk[i].item, "rank", json_integer(rk[i].rank));
        json_array_append(out, rk[i].item);
    }
    free(rk);
    return out;
}

static json_t *results_of(db_t *db, long long year, const char *kind, int final_only, int prev) {
    struct ix_tree t;
    int have = ix_tree_load(db, year, kind, &t);
    if (have <= 0) return have < 0 ? NULL : json_array();
    /* name order: the ties' order, by the database's collation of Vietnamese names */
    json_t *units = db_query_json(db,
                                  "SELECT a.id, a.unit_id, u.name AS unit_name, a.status FROM "
                                  "ri_assessments a JOIN units u ON u.id = a.unit_id WHERE a.year "
                                  "= ? AND a.kind = ? AND (? = 0 OR a.status = 'final') ORDER BY "
                                  "u.name, u.id",
                                  "isi", year, kind, (long long)final_only);
    json_t *bands = ix_bands(db, year), *out = NULL, *entries = json_array();
    size_t n = json_array_size(units);
    struct unit_pts *u = calloc(n + 1, sizeof *u);
    long long *all = calloc((n + 1) * (t.n + 1), sizeof *all), *totals = calloc(n + 1, 8);
    int ok = units && bands && u && all && totals;
    for (size_t i = 0; ok && i < n; i++) {
        u[i].assessment_id = json_integer_value(json_object_get(json_array_get(units, i), "id"));
        u[i].pts = all + i * (t.n + 1);
    }
    if (ok && load_points(db, year, kind, final_only, &t, u, n) == 0) {
        for (size_t i = 0; i < n; i++)
            json_array_append_new(entries,
                                  entry(json_array_get(units, i), &t, u[i].pts, bands, &totals[i]));
        out = ranked(entries, totals, n);
        if (out && prev && with_previous(db, year, kind, out) < 0) {
            json_decref(out);
            out = NULL;
        }
    }
    free(u);
    free(all);
    free(totals);
    json_decref(entries);
    json_decref(units);
    json_decref(bands);
    ix_tree_free(&t);
    return out;
}

json_t *ix_results(db_t *db, long long year, const char *kind, int final_only) {
    return results_of(db, year, kind, final_only, 1);
}

/* --- handlers' shared steps --- */

/* Begins the transaction and locks (creating it when absent) the assessment: its id and status
 * into *id, *status (static text); 1, or answered and -1. */
int ix_begin_assessment(req_t *r, db_t *db, const struct ix_target *t, long long *id, char *status,
                        size_t cap) {
    if (db_begin(db) < 0) return db_fail(r, db);
    if (db_exec(db,
                "INSERT IGNORE INTO ri_assessments (year, kind, unit_id, created_by) VALUES (?, ?, "
                "?, ?)",
                "isiI", t->year, t->kind, t->unit_id, r->user->user_id) < 0)
        return db_fail(r, db);
    json_t *row = NULL;
    if (ix_assessment_row(db, t->year, t->unit_id, 1, &row) <= 0) return db_fail(r, db);
    *id = json_integer_value(json_object_get(row, "id"));
    snprintf(status, cap, "%s", json_string_value(json_object_get(row, "status")));
    json_decref(row);
    return 1;
}

/* 409 unless the unit may still change its self-assessment (draft or returned). */
int ix_need_open(req_t *r, db_t *db, const char *status) {
    if (strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0) return 0;
    db_rollback(db);
    return res_conflict(r, "Bản tự chấm đã gửi thẩm định: không sửa được nữa.", "[]");
}

/* 1 when the caller appraises the index; otherwise answered (403, 503) and -1. */
int ix_need_appraiser(req_t *r, db_t *db) {
    int a = ix_is_appraiser(db, r->user);
    if (a < 0) return db_fail(r, db);
    if (a == 0) {
        res_problem(r, 403, "Không có quyền",
                    "Chỉ Sở Nội vụ (đơn vị thẩm định Chỉ số CCHC) hoặc quản trị cấp tỉnh được "
                    "thực hiện thao tác này.");
        return -1;
    }
    return 1;
}

/* Reads year, unit and tree, and checks the caller sees the unit (the appraiser sees every
 * assessed unit when appraiser_too): 1, or answered (404, 503) and -1. */
int ix_target_load(req_t *r, db_t *db, struct ix_target *t, int appraiser_too) {
    memset(t, 0, sizeof *t);
    if ((t->year = ix_year(r)) < 0) return -1;
    t->unit_id = req_param_id(r, "unit_id");
    int k = ix_unit_kind(db, t->unit_id, &t->kind);
    int in = k > 0 ? scope_has_unit(db, r->user, t->unit_id) : 0;
    if (in == 0 && k > 0 && appraiser_too) in = ix_is_appraiser(db, r->user);
    if (k < 0 || in < 0) return db_fail(r, db);
    if (k == 0 || in == 0) return not_found(r, "đơn vị được đánh giá Chỉ số CCHC");
    int have = ix_tree_load(db, t->year, t->kind, &t->tree);
    if (have < 0) return db_fail(r, db);
    if (have == 0) {
        ix_tree_free(&t->tree);
        return not_found(r, "bộ tiêu chí Chỉ số CCHC của năm này");
    }
    return 1;
}

int ix_notify(db_t *db, const char *kind, long long year, long long unit_id, long long aid,
              const char *body) {
    int submitted = strcmp(kind, "index.submitted") == 0, err = 0;
    long long to = unit_id;
    if (submitted) {
        char today[11];
        ymd_format(calendar_today(), today); /* the appraiser of today, as ix_is_appraiser */
        json_t *rs = rules(db, today, &err);
        const char *code = json_string_value(json_object_get(rs, "appraiser_unit_code"));
        int found = err || !code
                        ? 0
                        : db_query_int(db, &to, "SELECT id FROM units WHERE code = ?", "s", code);
        json_decref(rs);
        if (err || found < 0) return -1;
        if (found == 0) return 0; /* no appraising unit named: the province admin looks itself */
    }
    json_t *u = NULL;
    if (db_query_row_json(db, &u, "SELECT name FROM units WHERE id = ?", "i", unit_id) < 0)
        return -1;
    const char *name = u ? json_string_value(json_object_get(u, "name")) : NULL;
    char title[400], link[64];
    if (submitted)
        snprintf(title, sizeof title, "%.300s gửi bản tự chấm Chỉ số CCHC năm %lld",
                 name ? name : "", year);
    else
        snprintf(title, sizeof title, "Bản tự chấm Chỉ số CCHC năm %lld bị trả lại để hoàn thiện",
                 year);
    json_decref(u);
    snprintf(link, sizeof link, "/app/chi-so-cchc/%lld/%lld", year, unit_id);
    /* no dedupe key: a returned assessment is submitted a second time, a second event */
    const struct notice n = {kind, "index_assessment", aid, title, body, link, NULL};
    return notify_unit(db, to, &n) < 0 ? -1 : 0;
}
