/* GET/PUT /api/v1/procedures/{id}/cost: a procedure's compliance cost sheet for a year, before
 * and after simplification, computed exactly (core/cost) and kept with its history. */
#include "api/cost.h"

#include <stdio.h>
#include <stdlib.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/cost_common.h"

struct cost_query {
    long long year;
};
static const struct in_decl cost_query_fields[] = {
    IN_FIELD(struct cost_query, year, IN_INT, 0, 2000, 2100, NULL),
};
const struct in_spec in_procedure_cost_get = IN_SPEC(struct cost_query, cost_query_fields);

struct cost_body {
    long long year;
    json_t *before, *after;
};
static const struct in_decl cost_body_fields[] = {
    IN_FIELD(struct cost_body, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
    IN_FIELD(struct cost_body, before, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct cost_body, after, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_procedure_cost_put = IN_SPEC(struct cost_body, cost_body_fields);

/* 1 when the caller sees procedure id's cost; otherwise answered (404, 503) and -1. */
static int check_visible(req_t *r, db_t *db, long long id) {
    int v = cost_visible(db, r->user, id);
    if (v < 0) return db_fail(r, db);
    if (v == 0) return not_found(r, "thủ tục hành chính");
    return 1;
}

int h_procedure_cost_get(req_t *r) {
    const struct cost_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (check_visible(r, db, id) < 0) return -1;
    long long year = in->year ? in->year : calendar_today().y;
    json_t *out = cost_answer(db, id, year);
    if (!out) return db_fail(r, db);
    res_json(r, 200, out);
    return 0;
}

/* The sheets of the body, computed: 0, or -1 after answering 422. */
static int read_body(req_t *r, const struct cost_body *in, long long income, json_t **before,
                     json_t **after, struct cost_totals *tb, struct cost_totals *ta) {
    *after = NULL;
    cost_sheet_read(r, "before", in->before, income, before, tb);
    if (in->after) cost_sheet_read(r, "after", in->after, income, after, ta);
    if (!req_has_errors(r)) return 0;
    json_decref(*before);
    json_decref(*after);
    return res_invalid(r);
}

int h_procedure_cost_put(req_t *r) {
    const struct cost_body *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (check_visible(r, db, id) < 0) return -1;
    long long income = 0;
    int k = cost_hourly_income(db, in->year, &income);
    if (k < 0) return db_fail(r, db);
    if (k == 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "Bộ quy tắc chưa có thu nhập bình quân theo giờ của năm %lld.",
                 in->year);
        req_error(r, "year", msg);
        return res_invalid(r);
    }
    json_t *before = NULL, *after = NULL;
    struct cost_totals tb, ta = {0, 0, 0, 0};
    if (read_body(r, in, income, &before, &after, &tb, &ta) < 0) return -1;
    json_t *row = NULL;
    if (begin_locked_row(r, db, &row, "SELECT id FROM procedures WHERE id = ? FOR UPDATE", id,
                         "thủ tục hành chính") < 0) {
        json_decref(before);
        json_decref(after);
        return -1;
    }
    json_decref(row);
    json_t *old = cost_answer(db, id, in->year);
    int rc =
        !old || cost_store(db, id, in->year, income, before, after, &tb, &ta, r->user->user_id) < 0;
    json_decref(before);
    json_decref(after);
    json_t *now = rc ? NULL : cost_answer(db, id, in->year);
    if (json_integer_value(json_object_get(old, "version")) == 0) {
        json_decref(old);
        old = NULL; /* a first sheet has no before image */
    }
    return commit_write(r, db, rc, "procedure.cost", "procedure", id, old, now, 200);
}
