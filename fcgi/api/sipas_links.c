/* POST/GET /api/v1/sipas/{year}/links: one-time links for sampled respondents of a surveyed
 * unit (the tokens shown once, only their hashes kept) and the counts issued and used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index_common.h"
#include "api/sipas.h"
#include "api/sipas_common.h"
#include "api/units.h"
#include "lib/token.h"

struct links_body {
    long long unit_id, count;
};
static const struct in_decl links_fields[] = {
    IN_FIELD(struct links_body, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct links_body, count, IN_INT, IN_REQUIRED, 1, 200, NULL),
};
const struct in_spec in_sipas_links_post = IN_SPEC(struct links_body, links_fields);

static const struct in_decl unit_fields[] = {
    IN_FIELD(struct sp_unit_query, unit_id, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_sipas_unit_query = IN_SPEC(struct sp_unit_query, unit_fields);

/* Issues one link of (year, unit) into list {token, url}: 0 or -1. */
static int issue_one(db_t *db, long long year, long long unit_id, long long user, json_t *list) {
    char *token = token_random_b64url(24);
    char *hash = token ? token_sha256_hex(token) : NULL;
    int rc = hash ? (int)db_exec(db,
                                 "INSERT INTO sipas_links (year, unit_id, token_hash, issued_by) "
                                 "VALUES (?, ?, ?, ?)",
                                 "iisI", year, unit_id, hash, user)
                  : -1;
    if (rc >= 0) {
        char url[96];
        snprintf(url, sizeof url, "/khao-sat/%s", token);
        json_array_append_new(list, json_pack("{s:s, s:s}", "token", token, "url", url));
    }
    free(token);
    free(hash);
    return rc < 0 ? -1 : 0;
}

int h_sipas_links_post(req_t *r) {
    const struct links_body *in = r->body_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 1, &l);
    int in_survey = have > 0 ? sp_unit_in(db, year, in->unit_id) : 0;
    int status = have > 0 ? sp_status(&l) : 0;
    sp_loaded_free(&l);
    if (have < 0 || in_survey < 0) return db_fail(r, db);
    if (have == 0 || status != 1 || !in_survey) db_rollback(db);
    if (have == 0) return not_found(r, "phiếu khảo sát sự hài lòng của năm này");
    /* links before the survey opens would let a draft's units change under them */
    if (status != 1)
        return res_conflict(r, "Chỉ phát đường dẫn khảo sát khi phiếu khảo sát đang mở.", "[]");
    if (!in_survey) {
        req_error(r, "unit_id", "Đơn vị này không thuộc danh sách được khảo sát của năm.");
        return res_invalid(r);
    }
    json_t *links = json_array();
    for (long long i = 0; i < in->count; i++)
        if (issue_one(db, year, in->unit_id, r->user->user_id, links) < 0) {
            json_decref(links);
            return db_fail(r, db);
        }
    /* the audit row tells how many were issued, never the tokens */
    json_t *a = json_pack("{s:I, s:I, s:I}", "year", (json_int_t)year, "unit_id",
                          (json_int_t)in->unit_id, "count", (json_int_t)in->count);
    int bad =
        audit_write(db, r, "sipas.links", "sipas_survey", year, NULL, a) < 0 || db_commit(db) < 0;
    json_decref(a);
    if (bad) {
        json_decref(links);
        return db_fail(r, db);
    }
    res_json(r, 201,
             json_pack("{s:I, s:I, s:o}", "year", (json_int_t)year, "unit_id",
                       (json_int_t)in->unit_id, "links", links));
    return 0;
}

int h_sipas_links_get(req_t *r) {
    const struct sp_unit_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int all = scope_province_wide(r->user) ? 1 : ix_is_appraiser(db, r->user);
    if (all < 0) return db_fail(r, db);
    if (!all && scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    json_t *rows = db_query_json(
        db,
        "SELECT s.unit_id, u.name AS unit_name, COUNT(l.id) AS issued, COUNT(l.used_at) AS used "
        "FROM sipas_units s JOIN units u ON u.id = s.unit_id LEFT JOIN sipas_links l ON l.year = "
        "s.year AND l.unit_id = s.unit_id WHERE s.year = ? AND (? = 0 OR s.unit_id = ?) GROUP BY "
        "s.unit_id, u.name ORDER BY u.name, s.unit_id",
        "iii", year, in->unit_id, in->unit_id);
    if (!rows) return db_fail(r, db);
    for (size_t i = json_array_size(rows); !all && i-- > 0;) {
        int v = scope_has_unit(
            db, r->user, json_integer_value(json_object_get(json_array_get(rows, i), "unit_id")));
        if (v < 0) {
            json_decref(rows);
            return db_fail(r, db);
        }
        if (!v) json_array_remove(rows, i);
    }
    res_json(r, 200, rows);
    return 0;
}
