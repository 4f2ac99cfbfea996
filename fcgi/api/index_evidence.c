/* POST /api/v1/index/{year}/assessments/{unit_id}/evidence, GET /api/v1/index/{year}/evidence/{id},
 * POST .../evidence/{id}/withdraw: the evidence files of a reform index self-assessment. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/common.h"
#include "api/feedback_common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "api/units.h"
#include "api/uploads_gc.h"
#include "server/server.h"

#define FILE_ROW                                                                                   \
    "SELECT f.id, f.code, f.name, f.mime, f.size, f.created_at, f.withdrawn_at, f.withdrawn_at "   \
    "IS NOT NULL AS withdrawn, f.sha256, a.unit_id, a.status FROM ri_evidence_files f JOIN "       \
    "ri_assessments a ON a.id = f.assessment_id WHERE f.id = ? AND a.year = ?"

/* The file row of the path (the year's) into *row: 1, 0 none, -1 error. */
static int file_row(db_t *db, long long id, long long year, int for_update, json_t **row) {
    *row = NULL;
    int rc =
        db_query_row_json(db, row, for_update ? FILE_ROW " FOR UPDATE" : FILE_ROW, "ii", id, year);
    if (rc > 0)
        json_object_set_new(*row, "withdrawn",
                            json_boolean(json_truthy(json_object_get(*row, "withdrawn"))));
    return rc;
}

/* The answer's view of a file row: without the hash and the assessment's columns (new). */
static json_t *file_view(json_t *row) {
    json_t *o = json_deep_copy(row);
    json_object_del(o, "sha256");
    json_object_del(o, "status");
    return o;
}

/* The code and the one file of the multipart body: 1, or answered (400/422) and -1. A code
 * must name a leaf of the tree. */
static int read_form(req_t *r, const struct ix_tree *t, struct fb_file *file, char *code,
                     size_t cap) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        req_error(r, "file", "Hãy gửi tệp bằng biểu mẫu (multipart/form-data).");
        return res_invalid(r);
    }
    int n = 0;
    json_t *obj = fb_form_json(r, "file", NULL, file, &n, 1);
    if (!obj) return -1;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (strcmp(key, "code") != 0) req_error(r, key, "Trường này không được nhận.");
    }
    int k = ix_tree_find(t, json_string_value(json_object_get(obj, "code")));
    if (k < 0 || !t->nodes[k].leaf)
        req_error(r, "code", "Không có chỉ tiêu lá với mã này trong bộ tiêu chí của năm.");
    else
        snprintf(code, cap, "%s", t->nodes[k].code);
    json_decref(obj);
    if (!req_has_errors(r) && n == 0) req_error(r, "file", "Hãy chọn tệp tài liệu kiểm chứng.");
    if (req_has_errors(r)) {
        fb_files_free(file, n);
        return res_invalid(r);
    }
    return 1;
}

/* Rolls back and removes the stored bytes when no row names them. */
static void discard(db_t *db, struct fb_file *f) {
    if (db_in_txn(db)) db_rollback(db);
    if (f->sha[0]) upload_discard(db, server_cfg->upload_dir, f->sha);
}

/* Inserts the file row and reads it back into *after: 0 or -1. */
static int insert_file(req_t *r, db_t *db, long long aid, long long year, const char *code,
                       const struct fb_file *f, json_t **after) {
    long long id = db_exec(db,
                           "INSERT INTO ri_evidence_files (assessment_id, code, name, sha256, "
                           "mime, size, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           "issssiI", aid, code, f->name, f->sha, f->mime, (long long)f->len,
                           r->user->user_id);
    json_t *row = NULL;
    if (id <= 0 || file_row(db, db_last_id(db), year, 0, &row) <= 0) return -1;
    *after = file_view(row);
    json_decref(row);
    return 0;
}

int h_index_evidence_add(req_t *r) {
    db_t *db = db_or_503(r);
    struct ix_target t;
    /* the unit's own scope first: the body is not parsed for someone who may not write */
    if (!db || ix_target_load(r, db, &t, 0) < 0) return -1;
    struct fb_file file;
    memset(&file, 0, sizeof file);
    char code[RI_CODE_MAX + 1] = "", status[16];
    long long aid = 0;
    int rc = read_form(r, &t.tree, &file, code, sizeof code);
    ix_tree_free(&t.tree);
    if (rc < 0) return -1;
    if (ix_begin_assessment(r, db, &t, &aid, status, sizeof status) < 0 ||
        ix_need_open(r, db, status) < 0) {
        fb_files_free(&file, 1);
        return -1;
    }
    /* the assessment is open and locked: only now do the bytes touch the disk */
    json_t *after = NULL;
    if (fb_files_store(&file, 1) < 0) {
        discard(db, &file);
        fb_files_free(&file, 1);
        return res_internal(r, "index evidence store failed");
    }
    if (insert_file(r, db, aid, t.year, code, &file, &after) < 0) {
        discard(db, &file);
        fb_files_free(&file, 1);
        return db_fail(r, db);
    }
    fb_files_free(&file, 1);
    long long id = json_integer_value(json_object_get(after, "id"));
    return commit_write(r, db, 0, "index.evidence", "index_evidence", id, NULL, after, 201);
}

/* 1 when the caller sees the file's unit (its subtree, the province, or the appraiser). */
static int sees_unit(db_t *db, const struct principal *p, json_t *row, int appraiser_too) {
    int in = scope_has_unit(db, p, json_integer_value(json_object_get(row, "unit_id")));
    if (in == 0 && appraiser_too) in = ix_is_appraiser(db, p);
    return in;
}

int h_index_evidence_get(req_t *r) {
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    int found = file_row(db, req_param_id(r, "id"), year, 0, &row);
    if (found > 0) found = sees_unit(db, r->user, row, 1);
    if (found < 0) {
        json_decref(row);
        return db_fail(r, db);
    }
    if (!found) {
        json_decref(row);
        return not_found(r, "tài liệu kiểm chứng");
    }
    int rc = res_stored_file(r, json_string_value(json_object_get(row, "sha256")),
                             json_string_value(json_object_get(row, "mime")),
                             json_string_value(json_object_get(row, "name")));
    json_decref(row);
    return rc;
}

/* Locks the file of the path for a withdrawal by its unit: 1 with *row, or answered and -1. */
static int lock_for_withdraw(req_t *r, db_t *db, long long year, json_t **row) {
    if (db_begin(db) < 0) return db_fail(r, db);
    int found = file_row(db, req_param_id(r, "id"), year, 1, row);
    if (found > 0) found = sees_unit(db, r->user, *row, 0);
    if (found <= 0) {
        json_decref(*row);
        if (found < 0) return db_fail(r, db);
        db_rollback(db);
        return not_found(r, "tài liệu kiểm chứng");
    }
    if (ix_need_open(r, db, json_string_value(json_object_get(*row, "status"))) < 0) {
        json_decref(*row);
        return -1;
    }
    if (json_is_true(json_object_get(*row, "withdrawn"))) {
        json_decref(*row);
        db_rollback(db);
        return res_conflict(r, "Tài liệu kiểm chứng này đã được rút.", "[]");
    }
    return 1;
}

int h_index_evidence_withdraw(req_t *r) {
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    json_t *row = NULL, *after = NULL;
    if (!db || lock_for_withdraw(r, db, year, &row) < 0) return -1;
    long long id = json_integer_value(json_object_get(row, "id"));
    /* withdrawn, never deleted: the file stays evidence of what the unit once gave */
    int bad = db_exec(db,
                      "UPDATE ri_evidence_files SET withdrawn_at = NOW(), withdrawn_by = ? WHERE "
                      "id = ?",
                      "ii", r->user->user_id, id) < 0;
    json_t *fresh = NULL;
    if (!bad && file_row(db, id, year, 0, &fresh) > 0) after = file_view(fresh);
    json_decref(fresh);
    json_t *before = file_view(row);
    json_decref(row);
    return commit_write(r, db, bad, "index.evidence_withdraw", "index_evidence", id, before, after,
                        200);
}
