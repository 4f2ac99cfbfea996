/* The forms of a procedure (mẫu đơn, tờ khai): files the catalogue's staff upload and withdraw,
 * offered for download on the public procedure page (issue 16). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/common.h"
#include "api/feedback_common.h"
#include "api/procedures.h"
#include "api/procedures_internal.h"
#include "api/uploads_gc.h"
#include "core/procedure.h"
#include "server/server.h"

/* At most this many files in one upload, and this many forms offered by one procedure. */
#define FORMS_PER_UPLOAD 5
#define FORMS_MAX        20

static const char forms_sql[] =
    "SELECT n, name, mime, size, created_at FROM procedure_forms WHERE procedure_id = ? AND "
    "withdrawn_at IS NULL ORDER BY n";

json_t *procedure_forms_json(db_t *db, long long procedure_id) {
    return db_query_json(db, forms_sql, "i", procedure_id);
}

/* Locks procedure id for the write: 1 with its code in code, or -1 after answering (404, 503). */
static int lock_procedure(req_t *r, db_t *db, long long id, json_t **row) {
    return begin_locked_row(r, db, row, "SELECT id, code FROM procedures WHERE id = ? FOR UPDATE",
                            id, "thủ tục hành chính");
}

/* The files of a multipart body, checked by size and content: their count, or -1 after
 * answering (400 for a body that is not a form, 422 naming "files"). */
static int read_files(req_t *r, struct fb_file *files) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        req_error(r, "files", "Hãy gửi tệp mẫu đơn, tờ khai bằng biểu mẫu (multipart/form-data).");
        return res_invalid(r);
    }
    int n = 0;
    json_t *obj = fb_form_json(r, "files", NULL, files, &n, FORMS_PER_UPLOAD);
    if (!obj) return -1;
    /* The form carries files only: any other field is an error, as in a JSON body. */
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        req_error(r, key, "Trường này không được nhận.");
    }
    json_decref(obj);
    if (req_has_errors(r)) return res_invalid(r);
    if (n == 0) {
        req_error(r, "files", "Hãy chọn ít nhất một tệp mẫu đơn, tờ khai.");
        return res_invalid(r);
    }
    return n;
}

static void discard(db_t *db, struct fb_file *files, int n) {
    if (db_in_txn(db)) db_rollback(db);
    for (int i = 0; i < n; i++)
        if (files[i].sha[0]) upload_discard(db, server_cfg->upload_dir, files[i].sha);
}

/* Inserts the files as forms n+1.. of procedure id, in the caller's transaction. */
static int insert_forms(req_t *r, db_t *db, long long id, struct fb_file *files, int n) {
    long long last = 0, offered = 0;
    if (db_query_int(db, &last,
                     "SELECT COALESCE(MAX(n), 0) FROM procedure_forms WHERE "
                     "procedure_id = ?",
                     "i", id) < 0 ||
        db_query_int(db, &offered,
                     "SELECT COUNT(*) FROM procedure_forms WHERE procedure_id = ? "
                     "AND withdrawn_at IS NULL",
                     "i", id) < 0)
        return -1;
    if (offered + n > FORMS_MAX) return -2;
    for (int i = 0; i < n; i++)
        if (db_exec(db,
                    "INSERT INTO procedure_forms (procedure_id, n, name, sha256, mime, size, "
                    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "iisssii", id, last + i + 1, files[i].name, files[i].sha, files[i].mime,
                    (long long)files[i].len, r->user->user_id) < 0)
            return -1;
    return 0;
}

int h_procedure_forms_add(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_file files[FORMS_PER_UPLOAD];
    memset(files, 0, sizeof files);
    int n = read_files(r, files);
    if (n < 0) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    if (lock_procedure(r, db, id, &row) < 0) return -1;
    json_decref(row);
    /* The procedure exists and is locked: only now do the bytes touch the disk. */
    if (fb_files_store(files, n) < 0) {
        discard(db, files, n);
        return res_internal(r, "procedure form store failed");
    }
    int rc = insert_forms(r, db, id, files, n);
    if (rc == -2) {
        discard(db, files, n);
        char msg[160];
        snprintf(msg, sizeof msg, "Một thủ tục có tối đa %d mẫu đơn, tờ khai: hãy gỡ mẫu cũ trước.",
                 FORMS_MAX);
        req_error(r, "files", msg);
        return res_invalid(r);
    }
    json_t *after = rc < 0 ? NULL : json_pack("{s:o*}", "forms", procedure_forms_json(db, id));
    if (!after || !json_is_array(json_object_get(after, "forms")) || catalog_bump(db) < 0 ||
        audit_write(db, r, "procedure.forms_add", "procedure", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        discard(db, files, n);
        return db_fail(r, db);
    }
    res_json(r, 201, after);
    return 0;
}

/* n of the route, or 0 when it is not a form number. */
static long long form_n(req_t *r) {
    const char *s = req_param(r, "n");
    char *end = NULL;
    long long n = s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && n >= 1 && n <= 100000 ? n : 0;
}

int h_procedure_forms_withdraw(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), n = form_n(r);
    json_t *row = NULL;
    if (lock_procedure(r, db, id, &row) < 0) return -1;
    json_decref(row);
    json_t *before = NULL;
    int found = n ? db_query_row_json(db, &before,
                                      "SELECT n, name, mime, size, created_at FROM procedure_forms "
                                      "WHERE procedure_id = ? AND n = ? AND withdrawn_at IS NULL",
                                      "ii", id, n)
                  : 0;
    if (found < 0) return db_fail(r, db);
    if (found == 0) {
        db_rollback(db);
        return not_found(r, "mẫu đơn, tờ khai");
    }
    /* Withdrawn, not deleted: the row and the file stay as the record of what was offered. */
    int rc = db_exec(db,
                     "UPDATE procedure_forms SET withdrawn_at = NOW(), withdrawn_by = ? WHERE "
                     "procedure_id = ? AND n = ?",
                     "iii", r->user->user_id, id, n) < 0 ||
             catalog_bump(db) < 0 ||
             audit_write(db, r, "procedure.forms_withdraw", "procedure", id, before, NULL) < 0 ||
             db_commit(db) < 0;
    json_decref(before);
    if (rc) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

/* Answers the file of form n of the procedure the WHERE fragment (one parameter) picks. */
static int send_form(req_t *r, const char *where, const char *fmt, const void *key) {
    long long n = form_n(r);
    if (!n) return not_found(r, "mẫu đơn, tờ khai");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT f.name, f.sha256, f.mime FROM procedure_forms f JOIN procedures p ON p.id = "
             "f.procedure_id WHERE %s AND f.n = ? AND f.withdrawn_at IS NULL",
             where);
    json_t *file = NULL;
    int found = fmt[0] == 'i' ? db_query_row_json(db, &file, sql, "ii", *(const long long *)key, n)
                              : db_query_row_json(db, &file, sql, "si", (const char *)key, n);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "mẫu đơn, tờ khai");
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}

int h_procedure_forms_get(req_t *r) {
    long long id = req_param_id(r, "id");
    return send_form(r, "p.id = ?", "i", &id);
}

int h_public_procedure_forms_get(req_t *r) {
    const char *code = req_param(r, "code");
    if (!code || !proc_code_valid(code)) return not_found(r, "mẫu đơn, tờ khai");
    return send_form(r, "p.code = ?", "s", code);
}
