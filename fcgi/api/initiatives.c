/* Reform initiatives (sáng kiến cải cách TTHC): proposed by a unit, assessed by the Provincial
 * Office, adopted or not with the decision (issue 17). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/reform.h"
#include "api/reform_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"
#include "core/vnfold.h"

static const char *const in_statuses[] = {"proposed", "assessed", "adopted", "not_adopted", NULL};

/* ---- list and export ----------------------------------------------------------------------- */

struct ini_query {
    long long unit_id;
    const char *q;
    int status;
    struct page page;
};
static const struct in_decl ini_query_fields[] = {
    IN_FIELD(struct ini_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct ini_query, status, IN_ENUM, 0, 0, 0, in_statuses),
    IN_FIELD(struct ini_query, q, IN_STR, 0, 1, 100, NULL),
};
const struct in_spec in_initiatives_list =
    IN_SPEC_PAGED(struct ini_query, ini_query_fields, 20, 100);
const struct in_spec in_initiatives_export = IN_SPEC(struct ini_query, ini_query_fields);

/* Filters: unit_id's subtree, status, words of the title; binds "iisss" then REFORM_SCOPE's. */
#define INI_WHERE                                                                                  \
    " FROM initiatives x JOIN units un ON un.id = x.unit_id WHERE (? = 0 OR EXISTS (SELECT 1 "     \
    "FROM unit_closure f WHERE f.ancestor_id = ? AND f.descendant_id = x.unit_id)) AND (? IS "     \
    "NULL OR x.status = ?) AND x.title_folded LIKE ? AND" REFORM_SCOPE
#define INI_COLS                                                                                   \
    "SELECT x.id, x.unit_id, un.name AS unit_name, x.title, x.description, x.benefit, x.status, "  \
    "x.assessment, x.score, x.decision_no, x.decision_date, x.created_at, x.updated_at"

static json_t *ini_rows(req_t *r, db_t *db, const struct ini_query *in, long long limit,
                        long long offset, long long *total) {
    const char *status = in_choice(in_statuses, in->status);
    char like[600], sql[2000];
    reform_like(in->q, like, sizeof like);
    long long wide = reform_wide(r->user), me = r->user->unit_id;
    if (total) {
        snprintf(sql, sizeof sql, "SELECT COUNT(*)" INI_WHERE);
        if (db_query_int(db, total, sql, "iisssii", in->unit_id, in->unit_id, status, status, like,
                         wide, me) < 0)
            return NULL;
    }
    snprintf(sql, sizeof sql, INI_COLS INI_WHERE " ORDER BY x.id DESC LIMIT ? OFFSET ?");
    return db_query_json(db, sql, "iisssiiii", in->unit_id, in->unit_id, status, status, like, wide,
                         me, limit, offset);
}

int h_initiatives_list(req_t *r) {
    const struct ini_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long total = 0;
    json_t *items = ini_rows(r, db, in, in->page.per_page, in->page.offset, &total);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &in->page));
    return 0;
}

static const struct xlsx_col ini_cols[] = {
    {"unit_name", "Đơn vị đề xuất", 28},
    {"title", "Tên sáng kiến", 40},
    {"description", "Nội dung", 50},
    {"benefit", "Hiệu quả dự kiến", 36},
    {"status_text", "Trạng thái", 16},
    {"assessment", "Ý kiến đánh giá", 40},
    {"score", "Điểm", 8},
    {"decision_no", "Số quyết định", 14},
    {"decision_date", "Ngày quyết định", 14},
};

int h_initiatives_export(req_t *r) {
    const struct ini_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = ini_rows(r, db, in, 5000, 0, NULL);
    if (!items) return db_fail(r, db);
    static const char *const texts[] = {"Đề xuất", "Đã đánh giá", "Được công nhận, áp dụng",
                                        "Không được công nhận"};
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *s = json_string_value(json_object_get(it, "status"));
        for (int k = 0; in_statuses[k]; k++)
            if (s && strcmp(s, in_statuses[k]) == 0)
                json_object_set_new(it, "status_text", json_string(texts[k]));
    }
    char who[300], title[500];
    scope_unit_name(db, r->user, in->unit_id, who, sizeof who);
    snprintf(title, sizeof title, "%s — %s", "Sáng kiến cải cách thủ tục hành chính", who);
    int rc = res_xlsx_table(r, title, ini_cols, sizeof ini_cols / sizeof ini_cols[0], items,
                            "sang-kien-cai-cach.xlsx");
    json_decref(items);
    return rc;
}

/* ---- one initiative ------------------------------------------------------------------------ */

static int ini_find(db_t *db, const struct principal *p, long long id, int lock, json_t **out) {
    char sql[1200];
    snprintf(sql, sizeof sql,
             INI_COLS " FROM initiatives x JOIN units un ON un.id = x.unit_id "
                      "WHERE x.id = ? AND" REFORM_SCOPE "%s",
             lock ? " FOR UPDATE" : "");
    return db_query_row_json(db, out, sql, "iii", id, reform_wide(p), p->unit_id);
}

static int ini_for(req_t *r, db_t *db, int lock, json_t **row) {
    if (lock && db_begin(db) < 0) return db_fail(r, db);
    int found = ini_find(db, r->user, req_param_id(r, "id"), lock, row);
    if (found > 0) return 1;
    if (found < 0) return db_fail(r, db);
    if (lock) db_rollback(db);
    return not_found(r, "sáng kiến cải cách");
}

int h_initiatives_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (ini_for(r, db, 0, &row) < 0) return -1;
    res_json(r, 200, row);
    return 0;
}

/* A move of the locked row to `to`: 0 when the workflow allows it, else -1 after 409. */
static int need_move(req_t *r, db_t *db, json_t *row, const char *to, const char *detail) {
    const char *s = json_string_value(json_object_get(row, "status"));
    if (flow_allows(initiative_flow, s, to)) return 0;
    char allowed[200];
    flow_allowed_json(initiative_flow, s, allowed, sizeof allowed);
    db_rollback(db);
    json_decref(row);
    return res_conflict(r, detail, allowed);
}

/* ---- create and update (while proposed) ---------------------------------------------------- */

struct ini_input {
    long long unit_id;
    const char *title, *description, *benefit;
    int has_title, has_description, has_benefit;
};
#define INI_FIELD(m, type, flags, min, max)                                                        \
    IN_FIELD_HAS(struct ini_input, m, type, flags, min, max, NULL, has_##m)
#define INI_FIELDS(REQ)                                                                            \
    INI_FIELD(title, IN_STR, REQ, 5, 500), INI_FIELD(description, IN_STR, REQ, 5, 8000),           \
        INI_FIELD(benefit, IN_STR, IN_NULLABLE, 1, 4000)
static const struct in_decl ini_create_fields[] = {
    IN_FIELD(struct ini_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    INI_FIELDS(IN_REQUIRED),
};
static const struct in_decl ini_update_fields[] = {INI_FIELDS(0)};
const struct in_spec in_initiatives_create = IN_SPEC(struct ini_input, ini_create_fields);
const struct in_spec in_initiatives_update = IN_SPEC(struct ini_input, ini_update_fields);

int h_initiatives_create(req_t *r) {
    const struct ini_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int ok = reform_unit_writable(r, db, in->unit_id, "unit_id");
    if (ok <= 0) return -1;
    char *folded = vnfold_dup(in->title);
    int rc = !folded || db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO initiatives (unit_id, title, title_folded, description, benefit, "
                     "created_by) VALUES (?, ?, ?, ?, ?, ?)",
                     "issssi", in->unit_id, in->title, folded, in->description, in->benefit,
                     r->user->user_id) < 0;
    free(folded);
    long long id = rc ? 0 : db_last_id(db);
    json_t *after = NULL;
    if (!rc && ini_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "initiative.create", "initiative", id, NULL, after, 201);
}

int h_initiatives_update(req_t *r) {
    const struct ini_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *before = NULL;
    if (ini_for(r, db, 1, &before) < 0) return -1;
    if (strcmp(json_string_value(json_object_get(before, "status")), "proposed") != 0) {
        db_rollback(db);
        json_decref(before);
        return res_conflict(r, "Chỉ sửa được sáng kiến chưa được đánh giá.", "[]");
    }
    long long id = req_param_id(r, "id");
    char *folded = in->has_title ? vnfold_dup(in->title) : NULL;
    int rc = (in->has_title && !folded) ||
             db_exec(db,
                     "UPDATE initiatives SET title = COALESCE(?, title), title_folded = "
                     "COALESCE(?, title_folded), description = COALESCE(?, description), benefit "
                     "= IF(?, ?, benefit) WHERE id = ?",
                     "sssisi", in->title, folded, in->description, (long long)in->has_benefit,
                     in->benefit, id) < 0;
    free(folded);
    json_t *after = NULL;
    if (!rc && ini_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "initiative.update", "initiative", id, before, after, 200);
}

/* ---- assess and decide (the Provincial Office) --------------------------------------------- */

struct ini_assess {
    const char *assessment;
    long long score;
};
static const struct in_decl ini_assess_fields[] = {
    IN_FIELD(struct ini_assess, assessment, IN_STR, IN_REQUIRED, 5, 8000, NULL),
    IN_FIELD(struct ini_assess, score, IN_INT, IN_NULLABLE, 1, 100, NULL),
};
const struct in_spec in_initiatives_assess = IN_SPEC(struct ini_assess, ini_assess_fields);

struct ini_decide {
    int adopted;
    const char *decision_no;
    struct ymd decision_date;
};
static const struct in_decl ini_decide_fields[] = {
    IN_FIELD(struct ini_decide, adopted, IN_BOOL, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct ini_decide, decision_no, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct ini_decide, decision_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_initiatives_decide = IN_SPEC(struct ini_decide, ini_decide_fields);

int h_initiatives_assess(req_t *r) {
    const struct ini_assess *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *before = NULL;
    if (ini_for(r, db, 1, &before) < 0 ||
        need_move(r, db, before, "assessed", "Sáng kiến đã có quyết định, không đánh giá lại.") < 0)
        return -1;
    long long id = req_param_id(r, "id");
    /* Scores run from 1: 0 is the declared input's "absent or null", stored as NULL. */
    int rc = db_exec(db,
                     "UPDATE initiatives SET status = 'assessed', assessment = ?, score = ? WHERE "
                     "id = ?",
                     "sIi", in->assessment, in->score, id) < 0;
    json_t *after = NULL;
    if (!rc && ini_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "initiative.assess", "initiative", id, before, after, 200);
}

int h_initiatives_decide(req_t *r) {
    const struct ini_decide *in = r->body_in;
    const char *to = in->adopted ? "adopted" : "not_adopted";
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *before = NULL;
    if (ini_for(r, db, 1, &before) < 0 ||
        need_move(r, db, before, to, "Sáng kiến phải được đánh giá và chưa có quyết định.") < 0)
        return -1;
    long long id = req_param_id(r, "id");
    char d[11];
    int rc = db_exec(db,
                     "UPDATE initiatives SET status = ?, decision_no = ?, decision_date = ? WHERE "
                     "id = ?",
                     "sssi", to, in->decision_no, in_date_str(in->decision_date, d), id) < 0;
    json_t *after = NULL;
    if (!rc && ini_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "initiative.decide", "initiative", id, before, after, 200);
}
