/* GET/PUT /api/v1/sipas/{year}/survey and POST .../survey/open, .../survey/close: a year's
 * satisfaction survey (title, period, questions, scale, units), edited by the appraiser while
 * a draft, then opened for answers and closed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index_common.h"
#include "api/sipas.h"
#include "api/sipas_common.h"

struct survey_body {
    const char *title;
    struct ymd period_from, period_to;
    json_t *questions, *scale, *unit_ids;
};
static const struct in_decl survey_fields[] = {
    IN_FIELD(struct survey_body, title, IN_STR, IN_REQUIRED, 1, 300, NULL),
    IN_FIELD(struct survey_body, period_from, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct survey_body, period_to, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct survey_body, questions, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct survey_body, scale, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct survey_body, unit_ids, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_sipas_survey_put = IN_SPEC(struct survey_body, survey_fields);

/* The survey's answer: its row, units and the SIPAS groups; NULL on error (*have 0: none). */
static json_t *survey_answer(db_t *db, long long year, int *have) {
    struct sp_loaded l;
    *have = sp_survey_load(db, year, 0, &l);
    if (*have <= 0) return NULL;
    json_t *units = sp_units(db, year), *groups = json_array();
    for (int i = 0; sp_groups[i]; i++)
        json_array_append_new(
            groups, json_pack("{s:s, s:s}", "code", sp_groups[i], "label", sp_group_labels[i]));
    json_t *out = units ? json_deep_copy(l.row) : NULL;
    if (out) {
        json_object_set_new(out, "units", units);
        json_object_set_new(out, "groups", groups);
    } else {
        json_decref(units);
        json_decref(groups);
        *have = -1;
    }
    sp_loaded_free(&l);
    return out;
}

int h_sipas_survey_get(req_t *r) {
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int have;
    json_t *out = survey_answer(db, year, &have);
    if (have < 0) return db_fail(r, db);
    if (have == 0) return not_found(r, "phiếu khảo sát sự hài lòng của năm này");
    res_json(r, 200, out);
    return 0;
}

/* unit_ids: 1..300 distinct ids of departments or districts. Errors added to r; returns count. */
static int check_units(req_t *r, db_t *db, json_t *ids) {
    size_t n = json_array_size(ids);
    if (!json_is_array(ids) || n < 1 || n > 300) {
        req_error(r, "unit_ids", "Chọn từ 1 đến 300 đơn vị được khảo sát (sở, ngành, huyện).");
        return 1;
    }
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(ids, i);
        long long id = json_is_integer(v) ? json_integer_value(v) : 0, one = 0;
        int dup = 0;
        for (size_t k = 0; k < i; k++) dup |= json_equal(json_array_get(ids, k), v);
        int rc = id > 0 && !dup ? db_query_int(db, &one,
                                               "SELECT 1 FROM units WHERE id = ? AND level IN "
                                               "('department', 'district')",
                                               "i", id)
                                : 0;
        if (rc < 0) return -1;
        if (rc == 0) {
            char f[32];
            snprintf(f, sizeof f, "unit_ids[%zu]", i);
            req_error(r, f, "Đơn vị được khảo sát là một sở, ngành hoặc huyện, không lặp lại.");
            bad++;
        }
    }
    return bad;
}

/* Every check of the body: 0, or -1 answered (422, 503). */
static int check_body(req_t *r, db_t *db, const struct survey_body *in) {
    struct sp_survey s;
    struct sp_error errs[SP_ERRORS_MAX];
    size_t ne = sp_survey_check(in->questions, in->scale, &s, errs, SP_ERRORS_MAX);
    for (size_t i = 0; i < ne && i < SP_ERRORS_MAX; i++)
        req_error(r, errs[i].field, errs[i].message);
    char a[11], b[11];
    const char *from = in_date_str(in->period_from, a), *to = in_date_str(in->period_to, b);
    if (from && to && strcmp(from, to) > 0) {
        req_error(r, "period_to", "Ngày kết thúc không được trước ngày bắt đầu.");
        ne++;
    }
    int bu = check_units(r, db, in->unit_ids);
    if (bu < 0) return db_fail(r, db);
    return ne || bu ? res_invalid(r) : 0;
}

/* Writes the survey row and its units in the caller's transaction. 0 or -1. */
static int store(db_t *db, long long year, const struct survey_body *in, long long user) {
    char a[11], b[11];
    char *q = json_dumps(in->questions, JSON_COMPACT), *s = json_dumps(in->scale, JSON_COMPACT);
    long long rc = q && s ? db_exec(db,
                                    "INSERT INTO sipas_surveys (year, title, period_from, "
                                    "period_to, questions_json, scale_json, created_by, "
                                    "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE "
                                    "KEY UPDATE title = VALUES(title), period_from = "
                                    "VALUES(period_from), period_to = VALUES(period_to), "
                                    "questions_json = VALUES(questions_json), scale_json = "
                                    "VALUES(scale_json), updated_by = VALUES(updated_by)",
                                    "isssssII", year, in->title, in_date_str(in->period_from, a),
                                    in_date_str(in->period_to, b), q, s, user, user)
                          : -1;
    free(q);
    free(s);
    /* a draft has no links nor responses (links are issued once it is open): its units may go */
    if (rc < 0 || db_exec(db, "DELETE FROM sipas_units WHERE year = ?", "i", year) < 0) return -1;
    for (size_t i = 0; i < json_array_size(in->unit_ids); i++)
        if (db_exec(db, "INSERT INTO sipas_units (year, unit_id) VALUES (?, ?)", "ii", year,
                    (long long)json_integer_value(json_array_get(in->unit_ids, i))) < 0)
            return -1;
    return 0;
}

int h_sipas_survey_put(req_t *r) {
    const struct survey_body *in = r->body_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0 || check_body(r, db, in) < 0) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    int have;
    json_t *before = survey_answer(db, year, &have);
    if (have < 0) return db_fail(r, db);
    if (have && strcmp(json_string_value(json_object_get(before, "status")), "draft") != 0) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r, "Phiếu khảo sát đã mở hoặc đã kết thúc: không sửa được nữa.", "[]");
    }
    if (store(db, year, in, r->user->user_id) < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    json_t *after = survey_answer(db, year, &have);
    return commit_write(r, db, have <= 0, "sipas.survey", "sipas_survey", year, before, after, 200);
}

/* Moves the survey from one status to the next (draft -> open, open -> closed). */
static int transition(req_t *r, const char *from, const char *to, const char *sql,
                      const char *action) {
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 1, &l);
    if (have < 0) return db_fail(r, db);
    if (have == 0) {
        db_rollback(db);
        return not_found(r, "phiếu khảo sát sự hài lòng của năm này");
    }
    int ok = strcmp(sp_statuses[sp_status(&l)], from) == 0;
    sp_loaded_free(&l);
    if (!ok) {
        db_rollback(db);
        return res_conflict(r,
                            strcmp(to, "open") == 0 ? "Chỉ mở được phiếu khảo sát đang soạn thảo."
                                                    : "Chỉ kết thúc được phiếu khảo sát đang mở.",
                            "[]");
    }
    if (db_exec(db, sql, "i", year) < 0) return db_fail(r, db);
    json_t *after = survey_answer(db, year, &have);
    return commit_write(r, db, have <= 0, action, "sipas_survey", year, NULL, after, 200);
}

int h_sipas_survey_open(req_t *r) {
    return transition(r, "draft", "open",
                      "UPDATE sipas_surveys SET status = 'open', opened_at = NOW() WHERE year = ?",
                      "sipas.open");
}

int h_sipas_survey_close(req_t *r) {
    return transition(
        r, "open", "closed",
        "UPDATE sipas_surveys SET status = 'closed', closed_at = NOW() WHERE year = ?",
        "sipas.close");
}
