/* Helpers every handler uses: paging, audit rows, the database or a 503, list envelopes. */
#include "api/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "lib/upload.h"
#include "server/server.h"

json_t *list_envelope(json_t *items, long long total, const struct page *pg) {
    json_t *o = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    if (pg) {
        json_object_set_new(o, "page", json_integer(pg->page));
        json_object_set_new(o, "per_page", json_integer(pg->per_page));
    }
    return o;
}

/* 503 with Retry-After: trouble that passes (the database, memory), so the request may simply
 * be sent again. */
static int res_retry_later(req_t *r, const char *detail) {
    res_problem(r, 503, NULL, detail);
    res_header(r, "Retry-After", "2");
    return -1;
}

static const char DB_DOWN[] = "Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.";

db_t *db_or_503(req_t *r) {
    db_t *db = db_get();
    if (!db) res_retry_later(r, DB_DOWN);
    return db;
}

int res_no_memory(req_t *r) {
    return res_retry_later(r, "Máy chủ đang thiếu bộ nhớ để xử lý yêu cầu này. Vui lòng thử lại "
                              "sau.");
}

json_t *ids_of(db_t *db, const char *sql, long long id) {
    struct db_res *res = db_query(db, sql, "i", id);
    if (!res) return NULL;
    json_t *a = json_array();
    for (size_t i = 0; i < res->nrows; i++)
        json_array_append_new(a, json_integer(db_int(res, i, 0)));
    db_res_free(res);
    return a;
}

int audit_write(db_t *db, req_t *r, const char *action, const char *entity, long long entity_id,
                json_t *before, json_t *after) {
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    char id[32];
    snprintf(id, sizeof id, "%lld", entity_id);
    long long rc =
        db_exec(db,
                "INSERT INTO audit_log (actor_id, actor_username, address, action, "
                "entity, entity_id, before_json, after_json, request_id) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "Isssssss"
                "s",
                r->user ? r->user->user_id : 0LL, r->user ? r->user->username : NULL,
                req_remote_addr(r), action, entity, entity_id ? id : NULL, b, a, r->request_id);
    free(b);
    free(a);
    return rc < 0 ? -1 : 0;
}

int db_fail(req_t *r, db_t *db) {
    /* Database trouble (unreachable, or a conflict that outlived the server's retries) is 503
     * with Retry-After, never 500: the request may simply be sent again. */
    if (db_unavailable(db) || db_transient(db)) {
        if (db && db_in_txn(db)) db_rollback(db);
        return res_retry_later(r, DB_DOWN);
    }
    char why[64];
    snprintf(why, sizeof why, "database error %u", db_errno(db));
    if (db && db_in_txn(db)) db_rollback(db);
    return res_internal(r, why);
}

int not_found(req_t *r, const char *what) {
    char detail[200];
    snprintf(detail, sizeof detail, "Không tìm thấy %s hoặc bạn không có quyền truy cập.", what);
    res_problem(r, 404, "Không tìm thấy", detail);
    return -1;
}

int begin_locked_row(req_t *r, db_t *db, json_t **row, const char *sql, long long id,
                     const char *what) {
    *row = NULL;
    if (db_begin(db) < 0) return db_fail(r, db);
    int found = db_query_row_json(db, row, sql, "i", id);
    if (found > 0) return 1;
    if (found < 0) return db_fail(r, db);
    db_rollback(db);
    return not_found(r, what);
}

struct access_who who_of(const struct principal *p) {
    struct access_who w = {p->role, p->unit_level, p->coordinator};
    return w;
}

int res_conflict(req_t *r, const char *detail, const char *allowed_json) {
    json_t *p = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", "about:blank", "title",
                          http_problem_title(409), "status", 409, "detail", detail, "request_id",
                          r->request_id);
    json_t *allowed = json_loads(allowed_json ? allowed_json : "[]", 0, NULL);
    json_object_set_new(p, "allowed", allowed ? allowed : json_array());
    char *s = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    buf_reset(&r->headers);
    res_raw(r, 409, "application/problem+json; charset=utf-8", s ? s : "{}", s ? strlen(s) : 2);
    free(s);
    return -1;
}

int json_truthy(json_t *v) {
    return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

void like_contains(const char *q, char *out, size_t cap) {
    size_t o = 0;
    if (cap < 3) {
        if (cap) out[0] = '\0';
        return;
    }
    out[o++] = '%';
    for (const char *p = q ? q : ""; *p && o + 3 < cap; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') out[o++] = '\\';
        out[o++] = *p;
    }
    out[o++] = '%';
    out[o] = '\0';
}

int commit_write(req_t *r, db_t *db, int rc, const char *action, const char *entity, long long id,
                 json_t *before, json_t *after, int status) {
    if (rc || !after || audit_write(db, r, action, entity, id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, status, after);
    return 0;
}

int res_xlsx(req_t *r, int (*write)(const char *path, void *ctx), void *ctx, const char *filename) {
    struct buf x;
    buf_init(&x);
    int rc = upload_via_tmpfile(NULL, write, ctx, &x);
    if (rc < 0 || x.oom) {
        buf_free(&x);
        return res_internal(r, "xlsx export failed");
    }
    res_raw(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x.data,
            x.len);
    buf_free(&x);
    char disp[160];
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", filename);
    res_header(r, "Content-Disposition", disp);
    return 0;
}

int res_stored_file(req_t *r, const char *sha256, const char *mime, const char *name) {
    struct buf b;
    buf_init(&b);
    if (!sha256 || upload_read(server_cfg->upload_dir, sha256, &b) < 0) {
        buf_free(&b);
        return not_found(r, "tệp đính kèm");
    }
    res_raw(r, 200, mime ? mime : "application/octet-stream", b.data, b.len);
    buf_free(&b);
    /* The name is the sender's text: ASCII fallback, exact name percent-encoded (RFC 6266). */
    struct buf d;
    buf_init(&d);
    buf_puts(&d, "attachment; filename=\"tep-dinh-kem\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '.' || *p == '-' || *p == '_')
            buf_append(&d, p, 1);
        else
            buf_printf(&d, "%%%02X", *p);
    }
    res_header(r, "Content-Disposition", buf_cstr(&d));
    buf_free(&d);
    return 0;
}
