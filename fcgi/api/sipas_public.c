/* GET/POST /api/v1/public/sipas/{token}: a sampled respondent's one-time link shows the survey's
 * questions and takes one set of answers. Nothing about the respondent is kept (decision 168). */
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/sipas.h"
#include "api/sipas_common.h"
#include "lib/token.h"

struct answer_body {
    json_t *answers;
};
static const struct in_decl answer_fields[] = {
    IN_FIELD(struct answer_body, answers, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_public_sipas_post = IN_SPEC(struct answer_body, answer_fields);

/* The link of the path's token as {id, year, unit_id, unit_name, used}: 1, 0 unknown, -1 error. */
static int link_of(req_t *r, db_t *db, int for_update, json_t **row) {
    const char *token = req_param(r, "token");
    size_t n = token ? strlen(token) : 0;
    if (n < 16 || n > 64) return 0;
    char *hash = token_sha256_hex(token);
    if (!hash) return -1;
    int rc = db_query_row_json(
        db, row,
        for_update ? "SELECT l.id, l.year, l.unit_id, u.name AS unit_name, l.used_at IS NOT NULL "
                     "AS used FROM sipas_links l JOIN units u ON u.id = l.unit_id WHERE "
                     "l.token_hash = ? FOR UPDATE"
                   : "SELECT l.id, l.year, l.unit_id, u.name AS unit_name, l.used_at IS NOT NULL "
                     "AS used FROM sipas_links l JOIN units u ON u.id = l.unit_id WHERE "
                     "l.token_hash = ?",
        "s", hash);
    free(hash);
    return rc;
}

static const char *const NOT_VALID = "đường dẫn khảo sát (không đúng, đã dùng hoặc đã hết hạn)";

int h_public_sipas_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *link = NULL;
    int have = link_of(r, db, 0, &link);
    struct sp_loaded l = {0};
    if (have > 0)
        have = json_truthy(json_object_get(link, "used"))
                   ? 0
                   : sp_survey_load(db, json_integer_value(json_object_get(link, "year")), 0, &l);
    if (have < 0) {
        json_decref(link);
        return db_fail(r, db);
    }
    if (have == 0 || sp_status(&l) != 1) {
        json_decref(link);
        sp_loaded_free(&l);
        return not_found(r, NOT_VALID);
    }
    json_t *groups = json_array();
    for (int i = 0; sp_groups[i]; i++)
        json_array_append_new(
            groups, json_pack("{s:s, s:s}", "code", sp_groups[i], "label", sp_group_labels[i]));
    json_t *out =
        json_pack("{s:O, s:O, s:O, s:O, s:O, s:o}", "year", json_object_get(l.row, "year"), "title",
                  json_object_get(l.row, "title"), "unit_name", json_object_get(link, "unit_name"),
                  "questions", json_object_get(l.row, "questions"), "scale",
                  json_object_get(l.row, "scale"), "groups", groups);
    json_decref(link);
    sp_loaded_free(&l);
    res_json(r, 200, out);
    return 0;
}

/* Stores the answers of a locked, unused link of an open survey and marks the link used. No
 * audit row: it would keep the respondent's address beside the response (decision 168). */
static int answer(req_t *r, db_t *db, json_t *link, const struct sp_loaded *l) {
    int scores[SP_QUESTIONS_MAX];
    if (sp_answers_or_422(r, &l->s, ((const struct answer_body *)r->body_in)->answers, scores) <
        0) {
        db_rollback(db);
        return -1;
    }
    long long id = 0, year = json_integer_value(json_object_get(l->row, "year"));
    if (sp_response_store(db, year, json_integer_value(json_object_get(link, "unit_id")), "online",
                          0, &l->s, scores, &id) < 0 ||
        db_exec(db, "UPDATE sipas_links SET used_at = NOW() WHERE id = ?", "i",
                (long long)json_integer_value(json_object_get(link, "id"))) < 0 ||
        db_commit(db) < 0)
        return db_fail(r, db);
    res_json(r, 201,
             json_pack("{s:b, s:I, s:O}", "received", 1, "year", (json_int_t)year, "unit_name",
                       json_object_get(link, "unit_name")));
    return 0;
}

int h_public_sipas_post(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *link = NULL;
    int have = link_of(r, db, 1, &link),
        used = have > 0 && json_truthy(json_object_get(link, "used"));
    struct sp_loaded l = {0};
    if (have > 0 && !used)
        have = sp_survey_load(db, json_integer_value(json_object_get(link, "year")), 0, &l);
    int rc;
    if (have < 0) {
        rc = db_fail(r, db);
    } else if (used) {
        db_rollback(db);
        rc = res_conflict(r, "Đường dẫn khảo sát này đã được dùng để trả lời.", "[]");
    } else if (have == 0 || sp_status(&l) != 1) {
        db_rollback(db);
        rc = not_found(r, NOT_VALID);
    } else {
        rc = answer(r, db, link, &l);
    }
    json_decref(link);
    sp_loaded_free(&l);
    return rc;
}
