/* What the satisfaction survey files share: the survey, its units, responses, results. */
#include "api/sipas_common.h"

#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/units.h"

const char *const sp_statuses[] = {"draft", "open", "closed", NULL};

int sp_survey_load(db_t *db, long long year, int for_update, struct sp_loaded *out) {
    memset(out, 0, sizeof *out);
    int rc = db_query_row_json(
        db, &out->row,
        for_update ? "SELECT year, title, period_from, period_to, status, questions_json AS "
                     "questions__json, scale_json AS scale__json, opened_at, closed_at FROM "
                     "sipas_surveys WHERE year = ? FOR UPDATE"
                   : "SELECT year, title, period_from, period_to, status, questions_json AS "
                     "questions__json, scale_json AS scale__json, opened_at, closed_at FROM "
                     "sipas_surveys WHERE year = ?",
        "i", year);
    if (rc <= 0) return rc;
    struct sp_error errs[SP_ERRORS_MAX];
    /* stored questions were checked when written; the check here fills the survey */
    sp_survey_check(json_object_get(out->row, "questions"), json_object_get(out->row, "scale"),
                    &out->s, errs, SP_ERRORS_MAX);
    return 1;
}

void sp_loaded_free(struct sp_loaded *l) {
    json_decref(l->row);
    l->row = NULL;
}

int sp_status(const struct sp_loaded *l) {
    const char *st = json_string_value(json_object_get(l->row, "status"));
    for (int i = 0; st && sp_statuses[i]; i++)
        if (strcmp(st, sp_statuses[i]) == 0) return i;
    return 0;
}

json_t *sp_units(db_t *db, long long year) {
    return db_query_json(db,
                         "SELECT u.id, u.name, u.level FROM sipas_units s JOIN units u ON u.id = "
                         "s.unit_id WHERE s.year = ? ORDER BY u.name, u.id",
                         "i", year);
}

int sp_unit_in(db_t *db, long long year, long long unit_id) {
    long long one = 0;
    return db_query_int(db, &one, "SELECT 1 FROM sipas_units WHERE year = ? AND unit_id = ?", "ii",
                        year, unit_id);
}

json_t *sp_json_h(long long h) {
    if (h < 0) return json_null();
    return h % 100 == 0 ? json_integer(h / 100) : json_real((double)h / 100.0);
}

int sp_answers_or_422(req_t *r, const struct sp_survey *s, json_t *answers,
                      int scores[SP_QUESTIONS_MAX]) {
    struct sp_error errs[SP_ERRORS_MAX];
    size_t ne = sp_answers_check(s, answers, scores, errs, SP_ERRORS_MAX);
    for (size_t i = 0; i < ne && i < SP_ERRORS_MAX; i++)
        req_error(r, errs[i].field, errs[i].message);
    return ne ? res_invalid(r) : 0;
}

int sp_response_store(db_t *db, long long year, long long unit_id, const char *channel,
                      long long entered_by, const struct sp_survey *s,
                      const int scores[SP_QUESTIONS_MAX], long long *id) {
    if (db_exec(db,
                "INSERT INTO sipas_responses (year, unit_id, channel, entered_by) VALUES (?, ?, ?, "
                "?)",
                "iisI", year, unit_id, channel, entered_by) < 0)
        return -1;
    *id = db_last_id(db);
    for (size_t i = 0; i < s->nq; i++) {
        if (scores[i] < 0) continue;
        if (db_exec(db, "INSERT INTO sipas_answers (response_id, code, score) VALUES (?, ?, ?)",
                    "isi", *id, s->q[i].code, (long long)scores[i]) < 0)
            return -1;
    }
    return 0;
}

/* --- results --- */

/* The figures of a tally as members of o: count, mean, satisfied_share. Returns o. */
static json_t *figures(json_t *o, const struct sp_tally *t) {
    json_object_set_new(o, "count", json_integer(t->count));
    json_object_set_new(o, "mean", sp_json_h(sp_mean_h(t)));
    json_object_set_new(o, "satisfied_share", sp_json_h(sp_share_h(t)));
    return o;
}

/* Keeps the units p sees (all when p is NULL). 0 or -1. */
static int visible_units(db_t *db, const struct principal *p, json_t *units) {
    for (size_t i = json_array_size(units); p && i-- > 0;) {
        int in = scope_has_unit(
            db, p, json_integer_value(json_object_get(json_array_get(units, i), "id")));
        if (in < 0) return -1;
        if (!in) json_array_remove(units, i);
    }
    return 0;
}

static int unit_index(json_t *units, long long id) {
    for (size_t i = 0; i < json_array_size(units); i++)
        if (json_integer_value(json_object_get(json_array_get(units, i), "id")) == id)
            return (int)i;
    return -1;
}

/* Fills the tallies (per unit, per question) and each unit's response count. 0 or -1. */
static int count_answers(db_t *db, long long year, const struct sp_survey *s, json_t *units,
                         struct sp_tally *t, long long *responses) {
    struct db_res *res = db_query(
        db,
        "SELECT r.unit_id, a.code, a.score, COUNT(*) FROM sipas_answers a JOIN sipas_responses r "
        "ON r.id = a.response_id WHERE r.year = ? GROUP BY r.unit_id, a.code, a.score",
        "i", year);
    if (!res) return -1;
    for (size_t k = 0; k < res->nrows; k++) {
        int u = unit_index(units, db_int(res, k, 0)), q = sp_question_find(s, db_val(res, k, 1));
        if (u >= 0 && q >= 0)
            sp_tally_add(&t[(size_t)u * s->nq + (size_t)q], s, (int)db_int(res, k, 2),
                         db_int(res, k, 3));
    }
    db_res_free(res);
    res = db_query(db,
                   "SELECT unit_id, COUNT(*) FROM sipas_responses WHERE year = ? GROUP BY unit_id",
                   "i", year);
    if (!res) return -1;
    for (size_t k = 0; k < res->nrows; k++) {
        int u = unit_index(units, db_int(res, k, 0));
        if (u >= 0) responses[u] = db_int(res, k, 1);
    }
    db_res_free(res);
    return 0;
}

/* One unit's entry; adds its tallies to the per-question totals. */
static json_t *unit_entry(json_t *unit, const struct sp_survey *s, const struct sp_tally *t,
                          long long responses, struct sp_tally *per_q) {
    struct sp_tally all = {0, 0, 0};
    json_t *qs = json_array();
    for (size_t q = 0; q < s->nq; q++) {
        sp_tally_merge(&all, &t[q]);
        sp_tally_merge(&per_q[q], &t[q]);
        json_array_append_new(qs, figures(json_pack("{s:s}", "code", s->q[q].code), &t[q]));
    }
    json_t *o = json_pack("{s:O, s:O, s:I, s:I, s:o, s:o}", "unit_id", json_object_get(unit, "id"),
                          "unit_name", json_object_get(unit, "name"), "responses",
                          (json_int_t)responses, "satisfied", (json_int_t)all.satisfied, "index",
                          sp_json_h(sp_share_h(&all)), "questions", qs);
    return figures(o, &all);
}

/* The overall, group and question parts of the answer from the per-question totals. */
static void totals(json_t *out, const struct sp_loaded *l, const struct sp_tally *per_q,
                   long long responses) {
    const struct sp_survey *s = &l->s;
    struct sp_tally all = {0, 0, 0}, g[SP_GROUPS];
    memset(g, 0, sizeof g);
    json_t *qs = json_array(), *gs = json_array();
    for (size_t q = 0; q < s->nq; q++) {
        sp_tally_merge(&all, &per_q[q]);
        sp_tally_merge(&g[s->q[q].group], &per_q[q]);
        json_t *src = json_array_get(json_object_get(l->row, "questions"), q);
        json_array_append_new(
            qs, figures(json_pack("{s:s, s:s, s:O}", "code", s->q[q].code, "group",
                                  sp_groups[s->q[q].group], "text", json_object_get(src, "text")),
                        &per_q[q]));
    }
    for (int k = 0; k < SP_GROUPS; k++)
        if (g[k].count > 0)
            json_array_append_new(gs, figures(json_pack("{s:s, s:s}", "group", sp_groups[k],
                                                        "label", sp_group_labels[k]),
                                              &g[k]));
    json_object_set_new(out, "index", sp_json_h(sp_share_h(&all)));
    json_object_set_new(out, "responses", json_integer(responses));
    json_object_set_new(out, "satisfied", json_integer(all.satisfied));
    figures(out, &all);
    json_object_set_new(out, "groups", gs);
    json_object_set_new(out, "questions", qs);
}

json_t *sp_results(db_t *db, const struct sp_loaded *l, const struct principal *p) {
    long long year = json_integer_value(json_object_get(l->row, "year"));
    json_t *units = sp_units(db, year);
    if (!units || visible_units(db, p, units) < 0) {
        json_decref(units);
        return NULL;
    }
    size_t nu = json_array_size(units), nq = l->s.nq;
    struct sp_tally *t = calloc(nu * nq + 1, sizeof *t), *per_q = calloc(nq + 1, sizeof *per_q);
    long long *responses = calloc(nu + 1, sizeof *responses), all_responses = 0;
    json_t *out = NULL;
    if (t && per_q && responses && count_answers(db, year, &l->s, units, t, responses) == 0) {
        json_t *list = json_array();
        for (size_t u = 0; u < nu; u++) {
            all_responses += responses[u];
            json_array_append_new(
                list, unit_entry(json_array_get(units, u), &l->s, t + u * nq, responses[u], per_q));
        }
        out = json_pack("{s:I, s:O, s:O}", "year", (json_int_t)year, "title",
                        json_object_get(l->row, "title"), "status",
                        json_object_get(l->row, "status"));
        totals(out, l, per_q, all_responses);
        json_object_set_new(out, "units", list);
    }
    free(t);
    free(per_q);
    free(responses);
    json_decref(units);
    return out;
}

int sp_unit_figure(db_t *db, long long unit_id, long long year, long long *satisfied,
                   long long *answered) {
    *satisfied = *answered = 0;
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 0, &l);
    if (have <= 0) return have;
    struct db_res *res = db_query(db,
                                  "SELECT a.score, COUNT(*) FROM sipas_answers a JOIN "
                                  "sipas_responses r ON r.id = a.response_id WHERE r.year = ? AND "
                                  "r.unit_id = ? GROUP BY a.score",
                                  "ii", year, unit_id);
    struct sp_tally t = {0, 0, 0};
    for (size_t k = 0; res && k < res->nrows; k++)
        sp_tally_add(&t, &l.s, (int)db_int(res, k, 0), db_int(res, k, 1));
    *satisfied = t.satisfied;
    *answered = t.count;
    int rc = res ? 0 : -1;
    db_res_free(res);
    sp_loaded_free(&l);
    return rc;
}
