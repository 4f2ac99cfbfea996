/* PUT /api/v1/index/{year}/appraisals/{unit_id}, POST .../return, POST /index/{year}/finalize:
 * the Department of Home Affairs' council accepts or changes each score with a reason, returns
 * a self-assessment once, and locks the year's scores by a decision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "lib/utf8.h"

struct appraisal_body {
    json_t *scores;
};
static const struct in_decl appraisal_fields[] = {
    IN_FIELD(struct appraisal_body, scores, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_index_appraisal_put = IN_SPEC(struct appraisal_body, appraisal_fields);

struct return_body {
    const char *reason;
};
static const struct in_decl return_fields[] = {
    IN_FIELD(struct return_body, reason, IN_STR, IN_REQUIRED, 1, 2000, NULL),
};
const struct in_spec in_index_return = IN_SPEC(struct return_body, return_fields);

struct finalize_body {
    const char *decision_no;
    struct ymd decision_date;
};
static const struct in_decl finalize_fields[] = {
    IN_FIELD(struct finalize_body, decision_no, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct finalize_body, decision_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_index_finalize = IN_SPEC(struct finalize_body, finalize_fields);

/* Field name scores[i].key into f. */
static const char *sf(char *f, size_t cap, size_t i, const char *key) {
    snprintf(f, cap, "scores[%zu].%s", i, key);
    return f;
}

/* Checks one {code, points, reason}: the leaf's index into *k and points into *p. */
static void check_one(req_t *r, const struct ix_tree *t, size_t i, json_t *s, int *k,
                      long long *p) {
    char f[64];
    const char *key;
    json_t *v;
    *k = -1;
    if (!json_is_object(s)) {
        req_error(r, sf(f, sizeof f, i, "code"), "Mỗi điểm thẩm định là {code, points, reason}.");
        return;
    }
    json_object_foreach(s, key, v) {
        if (strcmp(key, "code") && strcmp(key, "points") && strcmp(key, "reason"))
            req_error(r, sf(f, sizeof f, i, key), "Trường này không được nhận.");
    }
    *k = ix_tree_find(t, json_string_value(json_object_get(s, "code")));
    if (*k < 0 || !t->nodes[*k].leaf) {
        req_error(r, sf(f, sizeof f, i, "code"), "Không có chỉ tiêu lá với mã này.");
        *k = -1;
        return;
    }
    if (ri_points_from_json(json_object_get(s, "points"), p) < 0 || *p > t->nodes[*k].max_h)
        req_error(r, sf(f, sizeof f, i, "points"),
                  "Điểm thẩm định từ 0 đến điểm tối đa của chỉ tiêu, tối đa 2 chữ số thập phân.");
    json_t *reason = json_object_get(s, "reason");
    if (reason && !json_is_null(reason) &&
        (!json_is_string(reason) || utf8_chars(json_string_value(reason)) > 2000))
        req_error(r, sf(f, sizeof f, i, "reason"), "Lý do tối đa 2000 ký tự.");
}

/* A changed score needs its reason: the unit's points (or the system's) differ from the
 * council's. Checked against the stored self points. */
static int need_reason(req_t *r, db_t *db, long long aid, const struct ix_tree *t, size_t i,
                       json_t *s, int k, long long p) {
    if (t->nodes[k].source == RI_S_APPRAISAL) return 0; /* the council's own criterion */
    long long self = 0;
    int found =
        db_query_int(db, &self,
                     "SELECT COALESCE(self_points_h, 0) FROM ri_scores WHERE assessment_id = ? AND "
                     "code = ?",
                     "is", aid, t->nodes[k].code);
    if (found < 0) return -1;
    const char *reason = json_string_value(json_object_get(s, "reason"));
    char f[64];
    if (self != p && (!reason || utf8_chars(reason) < 1))
        req_error(r, sf(f, sizeof f, i, "reason"),
                  "Điểm thẩm định khác điểm tự chấm: hãy nêu lý do.");
    return 0;
}

/* Locks the assessment: its id, status and returned count; 1, or answered (404) and -1. */
static int lock_assessment(req_t *r, db_t *db, const struct ix_target *t, long long *aid,
                           char *status, size_t cap, long long *returned) {
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *row = NULL;
    int rc = ix_assessment_row(db, t->year, t->unit_id, 1, &row);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) {
        db_rollback(db);
        return not_found(r, "bản tự chấm của đơn vị");
    }
    *aid = json_integer_value(json_object_get(row, "id"));
    *returned = json_integer_value(json_object_get(row, "returned_count"));
    snprintf(status, cap, "%s", json_string_value(json_object_get(row, "status")));
    json_decref(row);
    return 1;
}

/* Writes the council's points and reasons; checks first (422 after a rollback). */
static int write_appraisal(req_t *r, db_t *db, long long aid, const struct ix_tree *t,
                           json_t *scores) {
    size_t n = json_array_size(scores);
    if (!json_is_array(scores) || n > RI_NODES_MAX) {
        req_error(r, "scores", "scores là danh sách tối đa 400 điểm {code, points, reason}.");
    }
    for (size_t i = 0; json_is_array(scores) && i < n; i++) {
        int k;
        long long p = 0;
        json_t *s = json_array_get(scores, i);
        check_one(r, t, i, s, &k, &p);
        if (k >= 0 && !req_has_errors(r) && need_reason(r, db, aid, t, i, s, k, p) < 0)
            return db_fail(r, db);
    }
    if (req_has_errors(r)) {
        db_rollback(db);
        return res_invalid(r);
    }
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(scores, i);
        long long p = 0;
        ri_points_from_json(json_object_get(s, "points"), &p);
        if (db_exec(db,
                    "INSERT INTO ri_scores (assessment_id, code, appraised_points_h, reason, "
                    "updated_by) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                    "appraised_points_h = VALUES(appraised_points_h), reason = VALUES(reason), "
                    "updated_by = VALUES(updated_by)",
                    "isisI", aid, json_string_value(json_object_get(s, "code")), p,
                    json_string_value(json_object_get(s, "reason")), r->user->user_id) < 0)
            return db_fail(r, db);
    }
    return 0;
}

int h_index_appraisal_put(req_t *r) {
    const struct appraisal_body *in = r->body_in;
    db_t *db = db_or_503(r);
    struct ix_target t;
    if (!db || ix_need_appraiser(r, db) < 0 || ix_target_load(r, db, &t, 1) < 0) return -1;
    long long aid = 0, returned = 0;
    char status[16];
    int rc = -1;
    if (lock_assessment(r, db, &t, &aid, status, sizeof status, &returned) > 0) {
        if (strcmp(status, "submitted") && strcmp(status, "appraised")) {
            db_rollback(db);
            rc = res_conflict(r, "Chỉ thẩm định bản tự chấm đã gửi và chưa có quyết định công bố.",
                              "[]");
        } else {
            json_t *before = ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
            if (before && write_appraisal(r, db, aid, &t.tree, in->scores) == 0) {
                int bad = db_exec(db,
                                  "UPDATE ri_assessments SET status = 'appraised', appraised_by "
                                  "= ?, appraised_at = NOW() WHERE id = ?",
                                  "ii", r->user->user_id, aid) < 0;
                json_t *after =
                    bad ? NULL : ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
                rc = commit_write(r, db, bad, "index.appraise", "index_assessment", aid, before,
                                  after, 200);
            } else {
                json_decref(before);
                if (!before) rc = db_fail(r, db);
            }
        }
    }
    ix_tree_free(&t.tree);
    return rc;
}

int h_index_appraisal_return(req_t *r) {
    const struct return_body *in = r->body_in;
    db_t *db = db_or_503(r);
    struct ix_target t;
    if (!db || ix_need_appraiser(r, db) < 0 || ix_target_load(r, db, &t, 1) < 0) return -1;
    long long aid = 0, returned = 0;
    char status[16];
    int rc = -1;
    if (lock_assessment(r, db, &t, &aid, status, sizeof status, &returned) > 0) {
        if (strcmp(status, "submitted") || returned > 0) {
            db_rollback(db);
            rc = res_conflict(r,
                              returned > 0 ? "Bản tự chấm chỉ được trả lại để hoàn thiện một lần."
                                           : "Chỉ trả lại bản tự chấm đã gửi, chưa thẩm định.",
                              "[]");
        } else {
            json_t *before = ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
            int bad = !before ||
                      db_exec(db,
                              "UPDATE ri_assessments SET status = 'returned', "
                              "returned_count = returned_count + 1, return_reason = ? "
                              "WHERE id = ?",
                              "si", in->reason, aid) < 0 ||
                      ix_notify(db, "index.returned", t.year, t.unit_id, aid, in->reason) < 0;
            json_t *after =
                bad ? NULL : ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
            rc = commit_write(r, db, bad, "index.return", "index_assessment", aid, before, after,
                              200);
        }
    }
    ix_tree_free(&t.tree);
    return rc;
}

int h_index_finalize(req_t *r) {
    const struct finalize_body *in = r->body_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    long long final = 0, open = 0, all = 0;
    if (db_query_int(db, &final, "SELECT COUNT(*) FROM ri_decisions WHERE year = ? FOR UPDATE", "i",
                     year) < 0 ||
        db_query_int(db, &all, "SELECT COUNT(*) FROM ri_assessments WHERE year = ? FOR UPDATE", "i",
                     year) < 0 ||
        db_query_int(db, &open,
                     "SELECT COUNT(*) FROM ri_assessments WHERE year = ? AND status <> 'appraised'",
                     "i", year) < 0)
        return db_fail(r, db);
    if (final || open || !all) {
        db_rollback(db);
        return res_conflict(r,
                            final ? "Kết quả Chỉ số CCHC của năm này đã được công bố."
                            : open ? "Còn đơn vị chưa được thẩm định: chưa công bố được."
                                   : "Chưa có đơn vị nào được thẩm định trong năm này.",
                            "[]");
    }
    char d[11];
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:I}", "year", (json_int_t)year, "decision_no", in->decision_no,
                  "decision_date", in_date_str(in->decision_date, d), "units", (json_int_t)all);
    int bad =
        db_exec(db,
                "INSERT INTO ri_decisions (year, decision_no, decision_date, finalized_by) "
                "VALUES (?, ?, ?, ?)",
                "issI", year, in->decision_no, d, r->user->user_id) < 0 ||
        db_exec(db, "UPDATE ri_assessments SET status = 'final' WHERE year = ?", "i", year) < 0;
    return commit_write(r, db, bad, "index.finalize", "index_year", year, NULL, after, 200);
}
