/* /api/v1/communications: news, broadcasts, leaflets, conferences and dialogues with citizens
 * and businesses, with the answers committed at a dialogue as follow-up assignments (issue 18). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/common.h"
#include "api/feedback_common.h"
#include "api/followup.h"
#include "api/inspections.h"
#include "api/units.h"
#include "api/uploads_gc.h"
#include "api/xlsx_table.h"
#include "core/access.h"
#include "core/period.h"
#include "server/server.h"

static const char *const kinds[] = {"news", "broadcast", "leaflet", "conference", "dialogue", NULL};

/* The communications (alias m) of the principal's subtree, all province-wide. Binds: province
 * wide, unit_id ("ii"). */
#define COMM_SCOPE                                                                                 \
    "(? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id "  \
    "= m.unit_id))"

static const char comm_select[] =
    "SELECT m.id, m.unit_id, un.name AS unit_name, m.kind, CASE m.kind WHEN 'news' THEN 'Tin, "
    "bài' WHEN 'broadcast' THEN 'Phát thanh, truyền hình' WHEN 'leaflet' THEN 'Tờ rơi, "
    "pa-nô' WHEN 'conference' THEN 'Hội nghị' ELSE 'Đối thoại' END AS kind_label, m.date, "
    "m.channel, m.title, m.link, m.file_name, m.file_mime, m.file_size, (SELECT COUNT(*) FROM "
    "communication_commitments k WHERE k.communication_id = m.id) AS commitments_count, "
    "m.created_at FROM communications m JOIN units un ON un.id = m.unit_id ";

struct list_query {
    long long unit_id, year;
    int kind;
    struct page page;
};
static const struct in_decl list_fields[] = {
    IN_FIELD(struct list_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct list_query, year, IN_INT, 0, 1990, 2100, NULL),
    IN_FIELD(struct list_query, kind, IN_ENUM, 0, 0, 0, kinds),
};
const struct in_spec in_communications_list =
    IN_SPEC_PAGED(struct list_query, list_fields, 50, 500);
const struct in_spec in_communications_export = IN_SPEC(struct list_query, list_fields);

/* A unit filter shows that unit's subtree. */
#define LIST_WHERE                                                                                 \
    "WHERE " COMM_SCOPE " AND (? = 0 OR EXISTS (SELECT 1 FROM unit_closure c WHERE "               \
    "c.ancestor_id = ? AND c.descendant_id = m.unit_id)) AND (? = 0 OR YEAR(m.date) = ?) AND (? "  \
    "IS NULL OR m.kind = ?) "

static json_t *list_rows(req_t *r, db_t *db, const struct list_query *in, long long per_page,
                         long long offset, long long *total) {
    const char *kind = in_choice(kinds, in->kind);
    long long pw = scope_province_wide(r->user), u = r->user->unit_id;
    char sql[2000];
#define ARGS pw, u, in->unit_id, in->unit_id, in->year, in->year, kind, kind
    if (db_query_int(db, total, "SELECT COUNT(*) FROM communications m " LIST_WHERE, "iiiiiiss",
                     ARGS) < 0)
        return NULL;
    snprintf(sql, sizeof sql, "%s" LIST_WHERE "ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?",
             comm_select);
    json_t *rows =
        db_query_json(db, sql, "iiiiiissii", ARGS, per_page ? per_page : 100000LL, offset);
#undef ARGS
    return rows;
}

int h_communications_list(req_t *r) {
    const struct list_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = list_rows(r, db, in, in->page.per_page, in->page.offset, &total);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

static const struct xlsx_col export_cols[] = {
    {"date", "Ngày", 12},
    {"kind_label", "Hình thức", 20},
    {"title", "Nội dung", 48},
    {"channel", "Kênh, địa điểm", 24},
    {"unit_name", "Đơn vị", 30},
    {"link", "Đường dẫn", 30},
    {"commitments_count", "Số cam kết (đối thoại)", 10},
};

int h_communications_export(req_t *r) {
    const struct list_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = list_rows(r, db, in, 0, 0, &total);
    if (!rows) return db_fail(r, db);
    char unit[300], year[40] = "", title[800];
    scope_unit_name(db, r->user, in->unit_id, unit, sizeof unit);
    if (in->year) snprintf(year, sizeof year, "năm %lld", in->year);
    snprintf(title, sizeof title,
             "DANH SÁCH HOẠT ĐỘNG TRUYỀN THÔNG, ĐỐI THOẠI về kiểm soát TTHC — %s — %s", unit,
             in->year ? year : "tất cả các năm");
    int rc = res_xlsx_table(r, title, export_cols, sizeof export_cols / sizeof export_cols[0], rows,
                            "truyen-thong.xlsx");
    json_decref(rows);
    return rc;
}

/* The communication with its commitments (and their follow-ups) if p sees it: 1, 0, -1. */
static int comm_load(db_t *db, const struct principal *p, long long id, json_t **out) {
    *out = NULL;
    char sql[1400];
    snprintf(sql, sizeof sql, "%sWHERE m.id = ? AND " COMM_SCOPE, comm_select);
    json_t *row = NULL;
    int found =
        db_query_row_json(db, &row, sql, "iii", id, (long long)scope_province_wide(p), p->unit_id);
    if (found <= 0) return found;
    json_t *k = db_query_json(db,
                              "SELECT k.id, k.question, k.answer, k.unit_id, un.name AS "
                              "unit_name, k.due, k.assignment_id, a.status AS followup_status, "
                              "a.done_date FROM communication_commitments k JOIN units un ON "
                              "un.id = k.unit_id JOIN assignments a ON a.id = k.assignment_id "
                              "WHERE k.communication_id = ? ORDER BY k.id",
                              "i", id);
    if (!k) {
        json_decref(row);
        return -1;
    }
    json_object_set_new(row, "commitments", k);
    *out = row;
    return 1;
}

/* 1 when p may write communications of unit_id (a writing role, the unit in its subtree). */
static int comm_writable(db_t *db, const struct principal *p, long long unit_id) {
    struct access_who w = who_of(p);
    if (!access_allows(&w, "communications.write")) return 0;
    return scope_has_unit(db, p, unit_id);
}

struct comm_input {
    long long unit_id;
    int kind, has_kind, has_date, has_channel, has_title, has_link;
    struct ymd date;
    const char *channel, *title, *link;
};
static const struct in_decl create_fields[] = {
    IN_FIELD(struct comm_input, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct comm_input, kind, IN_ENUM, IN_REQUIRED, 0, 0, kinds),
    IN_FIELD(struct comm_input, date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct comm_input, channel, IN_STR, IN_NULLABLE, 0, 255, NULL),
    IN_FIELD(struct comm_input, title, IN_STR, IN_REQUIRED, 1, 500, NULL),
    IN_FIELD(struct comm_input, link, IN_STR, IN_NULLABLE, 0, 1000, NULL),
};
const struct in_spec in_communications_create = IN_SPEC(struct comm_input, create_fields);
static const struct in_decl update_fields[] = {
    IN_FIELD_HAS(struct comm_input, kind, IN_ENUM, 0, 0, 0, kinds, has_kind),
    IN_FIELD_HAS(struct comm_input, date, IN_DATE, 0, 0, 0, NULL, has_date),
    IN_FIELD_HAS(struct comm_input, channel, IN_STR, IN_NULLABLE, 0, 255, NULL, has_channel),
    IN_FIELD_HAS(struct comm_input, title, IN_STR, 0, 1, 500, NULL, has_title),
    IN_FIELD_HAS(struct comm_input, link, IN_STR, IN_NULLABLE, 0, 1000, NULL, has_link),
};
const struct in_spec in_communications_update = IN_SPEC(struct comm_input, update_fields);

/* A link is a web address: http(s) only, so the page never offers a javascript: link. */
static void check_link(req_t *r, const char *link) {
    if (link && *link && strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0)
        req_error(r, "link", "Đường dẫn phải bắt đầu bằng http:// hoặc https://.");
}

int h_communications_create(req_t *r) {
    const struct comm_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long unit_id = in->unit_id ? in->unit_id : r->user->unit_id;
    int w = comm_writable(db, r->user, unit_id);
    if (w < 0) return db_fail(r, db);
    if (!w) req_error(r, "unit_id", "Bạn không thể ghi nhận hoạt động của đơn vị này.");
    check_link(r, in->link);
    if (req_has_errors(r)) return res_invalid(r);
    char date[11];
    if (db_begin(db) < 0 ||
        db_exec(db,
                "INSERT INTO communications (unit_id, kind, date, channel, title, link, "
                "created_by) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?)",
                "isssssi", unit_id, in_choice(kinds, in->kind), in_date_str(in->date, date),
                in->channel, in->title, in->link, r->user->user_id) < 0)
        return db_fail(r, db);
    long long id = db_last_id(db);
    json_t *after = NULL;
    if (comm_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, "communication.create", "communication", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    res_json(r, 201, after);
    return 0;
}

int h_communications_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    int found = comm_load(db, r->user, req_param_id(r, "id"), &row);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "hoạt động truyền thông");
    res_json(r, 200, row);
    return 0;
}

/* Begins a write on communication id: locked, visible and writable, into *row; -1 answered. */
static int begin_write(req_t *r, db_t *db, long long id, json_t **row) {
    json_t *locked = NULL;
    if (begin_locked_row(r, db, &locked, "SELECT id FROM communications WHERE id = ? FOR UPDATE",
                         id, "hoạt động truyền thông") < 0)
        return -1;
    json_decref(locked);
    int found = comm_load(db, r->user, id, row);
    if (found <= 0) {
        if (found < 0) return db_fail(r, db);
        db_rollback(db);
        return not_found(r, "hoạt động truyền thông");
    }
    int w = comm_writable(db, r->user, json_integer_value(json_object_get(*row, "unit_id")));
    if (w <= 0) {
        json_decref(*row);
        *row = NULL;
        if (w < 0) return db_fail(r, db);
        db_rollback(db);
        res_problem(r, 403, "Không có quyền", "Bạn chỉ được xem hoạt động này.");
        return -1;
    }
    return 1;
}

/* Commits a write: audit with before/after (the reloaded row), answer status. */
static int finish(req_t *r, db_t *db, long long id, const char *action, json_t *before,
                  int status) {
    json_t *after = NULL;
    if (comm_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, action, "communication", id, before, after) < 0 || db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, status, after);
    return 0;
}

int h_communications_update(req_t *r) {
    const struct comm_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (in->has_link) check_link(r, in->link);
    if (req_has_errors(r)) return res_invalid(r);
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) return -1;
    /* A dialogue with commitments stays a dialogue: the commitments are its record. */
    if (in->has_kind && strcmp(in_choice(kinds, in->kind), "dialogue") != 0 &&
        json_integer_value(json_object_get(before, "commitments_count")) > 0) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r, "Buổi đối thoại đã có cam kết, không đổi được hình thức.", "[]");
    }
    char date[11];
    if (db_exec(db,
                "UPDATE communications SET kind = IF(? = 1, ?, kind), date = IF(? = 1, ?, date), "
                "channel = IF(? = 1, ?, channel), title = IF(? = 1, ?, title), link = IF(? = 1, "
                "NULLIF(?, ''), link) WHERE id = ?",
                "isisisisisi", (long long)in->has_kind, in_choice(kinds, in->kind),
                (long long)in->has_date, in_date_str(in->date, date), (long long)in->has_channel,
                in->channel, (long long)in->has_title, in->title, (long long)in->has_link, in->link,
                id) < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    return finish(r, db, id, "communication.update", before, 200);
}

/* ---- the file (a leaflet, a recording, the minutes of a dialogue) --------------------------- */

static int read_file(req_t *r, struct fb_file *f) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        req_error(r, "file", "Hãy gửi tệp bằng biểu mẫu (multipart/form-data).");
        return res_invalid(r);
    }
    int n = 0;
    json_t *obj = fb_form_json(r, "file", NULL, f, &n, 1);
    if (!obj) return -1;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        req_error(r, key, "Trường này không được nhận.");
    }
    json_decref(obj);
    if (!req_has_errors(r) && n != 1) req_error(r, "file", "Hãy chọn một tệp.");
    return req_has_errors(r) ? res_invalid(r) : n;
}

int h_communication_file_put(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_file f;
    memset(&f, 0, sizeof f);
    long long id = req_param_id(r, "id");
    int n = read_file(r, &f);
    if (n < 0) return -1;
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) {
        fb_files_free(&f, n);
        return -1;
    }
    /* A replaced file stays on disk while the audit row names it; the sweep keeps what the
     * columns name and removes the rest. */
    if (fb_files_store(&f, 1) < 0) {
        json_decref(before);
        db_rollback(db);
        fb_files_free(&f, n);
        return res_internal(r, "communication file store failed");
    }
    if (db_exec(db,
                "UPDATE communications SET file_name = ?, file_sha256 = ?, file_mime = ?, "
                "file_size = ? WHERE id = ?",
                "sssii", f.name, f.sha, f.mime, (long long)f.len, id) < 0) {
        json_decref(before);
        db_rollback(db);
        upload_discard(db, server_cfg->upload_dir, f.sha);
        fb_files_free(&f, n);
        return db_fail(r, db);
    }
    fb_files_free(&f, n);
    return finish(r, db, id, "communication.file", before, 200);
}

int h_communication_file_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL, *file = NULL;
    int found = comm_load(db, r->user, id, &row);
    json_decref(row);
    if (found > 0)
        found = db_query_row_json(db, &file,
                                  "SELECT file_name AS name, file_sha256 AS sha256, file_mime AS "
                                  "mime FROM communications WHERE id = ? AND file_sha256 IS NOT "
                                  "NULL",
                                  "i", id);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "tệp");
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}

/* ---- a dialogue's commitments --------------------------------------------------------------- */

struct commitment_input {
    const char *question, *answer;
    long long unit_id;
    struct ymd due;
};
static const struct in_decl commitment_fields[] = {
    IN_FIELD(struct commitment_input, question, IN_STR, IN_REQUIRED, 1, 4000, NULL),
    IN_FIELD(struct commitment_input, answer, IN_STR, IN_REQUIRED, 1, 4000, NULL),
    IN_FIELD(struct commitment_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct commitment_input, due, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_communication_commitments_create =
    IN_SPEC(struct commitment_input, commitment_fields);

/* The committing unit is the dialogue's unit or one below it (who answered for it). */
static int committing_unit_ok(db_t *db, long long owner, long long unit_id) {
    long long one;
    return db_query_int(db, &one,
                        "SELECT 1 FROM unit_closure c JOIN units u ON u.id = c.descendant_id "
                        "WHERE c.ancestor_id = ? AND c.descendant_id = ? AND u.valid_to IS NULL",
                        "ii", owner, unit_id);
}

int h_communication_commitments_create(req_t *r) {
    const struct commitment_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) return -1;
    if (strcmp(json_string_value(json_object_get(before, "kind")), "dialogue") != 0) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r, "Chỉ buổi đối thoại mới có câu hỏi và cam kết trả lời.", "[]");
    }
    long long owner = json_integer_value(json_object_get(before, "unit_id"));
    int ok = committing_unit_ok(db, owner, in->unit_id);
    if (ok < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    if (!ok) {
        json_decref(before);
        db_rollback(db);
        req_error(r, "unit_id", "Đơn vị cam kết phải là đơn vị tổ chức đối thoại hoặc cấp dưới.");
        return res_invalid(r);
    }
    char due[11], title[700];
    in_date_str(in->due, due);
    snprintf(title, sizeof title, "Thực hiện cam kết đối thoại: %.600s", in->answer);
    const char *date = json_string_value(json_object_get(before, "date"));
    struct followup f = {"dialogue", id, owner, 0, atoi(date), in->unit_id, title, due};
    long long asg = followup_create(db, &f);
    if (asg < 0 || db_exec(db,
                           "INSERT INTO communication_commitments (communication_id, question, "
                           "answer, unit_id, due, assignment_id, created_by) VALUES (?, ?, ?, ?, "
                           "?, ?, ?)",
                           "issisii", id, in->question, in->answer, in->unit_id, due, asg,
                           r->user->user_id) < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    return finish(r, db, id, "communication.commitment", before, 201);
}
