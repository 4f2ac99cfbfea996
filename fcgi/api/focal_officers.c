/* /api/v1/focal-officers: the focal officers' appointments (cán bộ đầu mối) per unit, the units
 * without one in force, the appointing decision's file, and the export (issue 18). */
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/registries.h"
#include "api/registries_common.h"
#include "api/units.h"
#include "server/server.h"

#define FOCAL_COLS                                                                                 \
    "fa.id, fa.unit_id, un.name AS unit_name, un.level AS unit_level, fa.user_id, u.full_name, "   \
    "u.username, u.email, u.phone, u.active AS user_active, fa.decision_no, fa.decision_date, "    \
    "fa.decision_name, (fa.decision_sha256 IS NOT NULL) AS has_decision, fa.start_date, "          \
    "fa.end_date, fa.end_reason, (" FOCAL_CURRENT ") AS current, fa.created_at"
#define FOCAL_FROM                                                                                 \
    " FROM focal_appointments fa JOIN units un ON un.id = fa.unit_id JOIN users u ON u.id = "      \
    "fa.user_id"
/* The list's filters: all (or only those in force), the filter unit's subtree, the scope. */
#define FOCAL_WHERE                                                                                \
    " WHERE (? = 1 OR" FOCAL_CURRENT ")" REG_UNDER("fa.unit_id") REG_SCOPE("fa.unit_id")
/* Units that should have a focal officer and have none in force. */
#define VACANT_FROM                                                                                \
    " FROM units un LEFT JOIN units p ON p.id = un.parent_id WHERE un.valid_to IS NULL AND "       \
    "un.level IN ('province','department','district','commune') AND NOT EXISTS (SELECT 1 FROM "    \
    "focal_appointments fa WHERE fa.unit_id = un.id AND" FOCAL_CURRENT ")" REG_UNDER("un.id")      \
        REG_SCOPE("un.id")
#define VACANT_ORDER                                                                               \
    " ORDER BY FIELD(un.level, 'province','department','district','commune'), "                    \
    "un.sort_order, un.name, un.id"

static const char *const focal_bools[] = {"has_decision", "current", NULL};

struct focal_query {
    long long unit_id;
    int vacant, all;
    struct page page;
};
static const struct in_decl focal_list_fields[] = {
    IN_FIELD(struct focal_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct focal_query, vacant, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD(struct focal_query, all, IN_BOOL, 0, 0, 0, NULL),
};
const struct in_spec in_focal_list = IN_SPEC_PAGED(struct focal_query, focal_list_fields, 50, 500);
const struct in_spec in_focal_export = IN_SPEC(struct focal_query, focal_list_fields);

int h_focal_list(req_t *r) {
    const struct focal_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db || scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long wide = reg_wide(r), me = r->user->unit_id, total = 0;
    const struct page *pg = &in->page;
    json_t *items;
    if (in->vacant) {
        if (db_query_int(db, &total, "SELECT COUNT(*)" VACANT_FROM, "iiii", in->unit_id,
                         in->unit_id, wide, me) < 0)
            return db_fail(r, db);
        items = db_query_json(
            db,
            "SELECT un.id AS unit_id, un.code AS unit_code, un.name AS "
            "unit_name, un.level AS unit_level, p.name AS parent_name" VACANT_FROM VACANT_ORDER
            " LIMIT ? OFFSET ?",
            "iiiiii", in->unit_id, in->unit_id, wide, me, pg->per_page, pg->offset);
    } else {
        long long all = in->all;
        if (db_query_int(db, &total, "SELECT COUNT(*)" FOCAL_FROM FOCAL_WHERE, "iiiii", all,
                         in->unit_id, in->unit_id, wide, me) < 0)
            return db_fail(r, db);
        items = db_query_json(db,
                              "SELECT " FOCAL_COLS FOCAL_FROM FOCAL_WHERE
                              " ORDER BY un.sort_order, un.name, fa.start_date DESC, fa.id DESC "
                              "LIMIT ? OFFSET ?",
                              "iiiiiii", all, in->unit_id, in->unit_id, wide, me, pg->per_page,
                              pg->offset);
    }
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(reg_bools(items, focal_bools), total, pg));
    return 0;
}

static const struct reg_col focal_cols[] = {
    {"Đơn vị", "unit_name", 36, 0},          {"Họ và tên", "full_name", 28, 0},
    {"Thư điện tử", "email", 26, 0},         {"Điện thoại", "phone", 14, 0},
    {"Số quyết định", "decision_no", 16, 0}, {"Ngày quyết định", "decision_date", 14, 0},
    {"Từ ngày", "start_date", 12, 0},        {"Đến ngày", "end_date", 12, 0},
};
static const struct reg_col vacant_cols[] = {
    {"Đơn vị", "unit_name", 40, 0},
    {"Mã", "unit_code", 12, 0},
    {"Cấp", "unit_level", 14, 0},
    {"Trực thuộc", "parent_name", 36, 0},
};

int h_focal_export(req_t *r) {
    const struct focal_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db || scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long wide = reg_wide(r), me = r->user->unit_id;
    /* An export is the list unpaged, bounded like the largest page of any list times ten. */
    json_t *rows =
        in->vacant
            ? db_query_json(db,
                            "SELECT un.id AS unit_id, un.code AS unit_code, un.name AS unit_name, "
                            "un.level AS unit_level, p.name AS parent_name" VACANT_FROM VACANT_ORDER
                            " LIMIT 5000",
                            "iiii", in->unit_id, in->unit_id, wide, me)
            : db_query_json(db,
                            "SELECT " FOCAL_COLS FOCAL_FROM FOCAL_WHERE
                            " ORDER BY un.sort_order, un.name, fa.start_date DESC LIMIT 5000",
                            "iiiii", (long long)in->all, in->unit_id, in->unit_id, wide, me);
    if (!rows) return db_fail(r, db);
    char unit[300], title[700];
    reg_unit_name(db, in->unit_id, unit, sizeof unit);
    snprintf(title, sizeof title, "%s — %s",
             in->vacant ? "ĐƠN VỊ CHƯA CÓ CÁN BỘ ĐẦU MỐI KIỂM SOÁT TTHC"
                        : "DANH SÁCH CÁN BỘ ĐẦU MỐI KIỂM SOÁT TTHC",
             unit);
    if (in->vacant)
        return reg_xlsx(r, "Đơn vị chưa có đầu mối", title, vacant_cols, 4, rows,
                        "don-vi-chua-co-dau-moi.xlsx");
    return reg_xlsx(r, "Cán bộ đầu mối", title, focal_cols, 8, rows, "can-bo-dau-moi.xlsx");
}

/* The appointment id the principal sees, into *out: 1, or -1 after answering (404, 503). */
static int focal_load(req_t *r, db_t *db, long long id, json_t **out) {
    int found = db_query_row_json(
        db, out, "SELECT " FOCAL_COLS FOCAL_FROM " WHERE fa.id = ?" REG_SCOPE("fa.unit_id"), "iii",
        id, reg_wide(r), r->user->unit_id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "quyết định cử cán bộ đầu mối");
    reg_bools(*out, focal_bools);
    return 1;
}

int h_focal_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (focal_load(r, db, req_param_id(r, "id"), &row) < 0) return -1;
    res_json(r, 200, row);
    return 0;
}

struct focal_input {
    long long user_id, unit_id;
    const char *decision_no, *end_reason;
    struct ymd decision_date, start_date, end_date;
};
static const struct in_decl focal_create_fields[] = {
    IN_FIELD(struct focal_input, user_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct focal_input, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct focal_input, decision_no, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct focal_input, decision_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct focal_input, start_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct focal_input, end_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_focal_create = IN_SPEC(struct focal_input, focal_create_fields);

/* The officer (active, in the principal's scope) and the unit they serve: 0, or -1 answered. */
static int check_officer(req_t *r, db_t *db, const struct focal_input *in, long long *unit_id) {
    json_t *u = NULL;
    int found = db_query_row_json(
        db, &u, "SELECT u.unit_id, u.active FROM users u WHERE u.id = ?" REG_SCOPE("u.unit_id"),
        "iii", in->user_id, reg_wide(r), r->user->unit_id);
    if (found < 0) return db_fail(r, db);
    if (found == 0)
        req_error(r, "user_id", "Người dùng không tồn tại hoặc ngoài phạm vi quản lý.");
    else if (!json_truthy(json_object_get(u, "active")))
        req_error(r, "user_id", "Tài khoản này đã bị khóa: không thể cử làm cán bộ đầu mối.");
    else {
        *unit_id = json_integer_value(json_object_get(u, "unit_id"));
        if (in->unit_id && in->unit_id != *unit_id)
            req_error(r, "unit_id", "Cán bộ đầu mối phải là người của chính đơn vị được cử.");
    }
    json_decref(u);
    if (in->end_date.y && ymd_cmp(in->end_date, in->start_date) <= 0)
        req_error(r, "end_date", "Ngày kết thúc phải sau ngày bắt đầu.");
    return req_has_errors(r) ? res_invalid(r) : 0;
}

int h_focal_create(req_t *r) {
    const struct focal_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long unit_id = 0, dup = 0;
    if (check_officer(r, db, in, &unit_id) < 0) return -1;
    if (db_query_int(db, &dup,
                     "SELECT COUNT(*) FROM focal_appointments fa WHERE fa.user_id = ? AND "
                     "fa.unit_id = ? AND (fa.end_date IS NULL OR fa.end_date > CURDATE())",
                     "ii", in->user_id, unit_id) < 0)
        return db_fail(r, db);
    if (dup)
        return res_conflict(r,
                            "Người này đang là cán bộ đầu mối của đơn vị: hãy kết thúc quyết "
                            "định cũ trước.",
                            "[]");
    char dd[11], sd[11], ed[11];
    int rc =
        db_begin(db) < 0 ||
        db_exec(db,
                "INSERT INTO focal_appointments (unit_id, user_id, decision_no, "
                "decision_date, start_date, end_date, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "iissssi", unit_id, in->user_id, in->decision_no,
                in_date_str(in->decision_date, dd), in_date_str(in->start_date, sd),
                in_date_str(in->end_date, ed), r->user->user_id) < 0;
    long long id = rc ? 0 : db_last_id(db);
    /* The account's own fields stay the latest decision, for the reminders and older readers. */
    if (rc == 0)
        rc = db_exec(db,
                     "UPDATE users SET focal_decision_no = ?, focal_decision_date = ? WHERE id = ?",
                     "ssi", in->decision_no, dd, in->user_id) < 0 ||
             focal_sync_user(db, in->user_id) < 0;
    json_t *after = NULL;
    int got = rc ? 0
                 : db_query_row_json(db, &after, "SELECT " FOCAL_COLS FOCAL_FROM " WHERE fa.id = ?",
                                     "i", id);
    if (rc == 0 && got != 1) rc = 1;
    reg_bools(after, focal_bools);
    return commit_write(r, db, rc, "focal.appoint", "focal_appointment", id, NULL, after, 201);
}

struct focal_end_input {
    struct ymd end_date;
    const char *end_reason;
};
static const struct in_decl focal_end_fields[] = {
    IN_FIELD(struct focal_end_input, end_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct focal_end_input, end_reason, IN_STR, IN_NULLABLE, 1, 255, NULL),
};
const struct in_spec in_focal_end = IN_SPEC(struct focal_end_input, focal_end_fields);

int h_focal_end(req_t *r) {
    const struct focal_end_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (focal_load(r, db, id, &before) < 0) return -1;
    const char *start = json_string_value(json_object_get(before, "start_date"));
    const char *end = json_string_value(json_object_get(before, "end_date"));
    char ed[11];
    in_date_str(in->end_date, ed);
    long long ended = 0;
    if (end && db_query_int(db, &ended, "SELECT ? <= CURDATE()", "s", end) < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    if (ended) {
        json_decref(before);
        return res_conflict(r, "Quyết định này đã kết thúc.", "[]");
    }
    if (start && strcmp(ed, start) < 0) {
        json_decref(before);
        req_error(r, "end_date", "Ngày kết thúc không được trước ngày bắt đầu.");
        return res_invalid(r);
    }
    long long user_id = json_integer_value(json_object_get(before, "user_id"));
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "UPDATE focal_appointments SET end_date = ?, end_reason = ?, ended_by = ? "
                     "WHERE id = ?",
                     "ssii", ed, in->end_reason, r->user->user_id, id) < 0 ||
             focal_sync_user(db, user_id) < 0;
    json_t *after = NULL;
    int got = rc ? 0
                 : db_query_row_json(db, &after, "SELECT " FOCAL_COLS FOCAL_FROM " WHERE fa.id = ?",
                                     "i", id);
    if (rc == 0 && got != 1) rc = 1;
    reg_bools(after, focal_bools);
    return commit_write(r, db, rc, "focal.end", "focal_appointment", id, before, after, 200);
}

int h_focal_decision_put(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    /* Scope first: out of scope is 404 whatever was sent. */
    if (focal_load(r, db, id, &before) < 0) return -1;
    json_decref(before);
    struct fb_file file[1];
    memset(file, 0, sizeof file);
    if (reg_read_files(r, "file", file, 1, "tệp quyết định cử cán bộ đầu mối") < 0) return -1;
    if (begin_locked_row(r, db, &before,
                         "SELECT id, decision_sha256, decision_name FROM focal_appointments WHERE "
                         "id = ? FOR UPDATE",
                         id, "quyết định cử cán bộ đầu mối") < 0)
        return -1;
    /* The decision on file is evidence: it is never replaced (a new decision is a new row). */
    if (json_is_string(json_object_get(before, "decision_sha256"))) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r, "Quyết định này đã có tệp đính kèm.", "[]");
    }
    if (fb_files_store(file, 1) < 0) {
        json_decref(before);
        reg_discard(db, file, 1);
        return res_internal(r, "focal decision store failed");
    }
    int rc =
        db_exec(db,
                "UPDATE focal_appointments SET decision_name = ?, decision_sha256 = ?, "
                "decision_mime = ?, decision_size = ? WHERE id = ?",
                "sssii", file[0].name, file[0].sha, file[0].mime, (long long)file[0].len, id) < 0;
    json_t *after = NULL;
    int got = rc ? 0
                 : db_query_row_json(db, &after, "SELECT " FOCAL_COLS FOCAL_FROM " WHERE fa.id = ?",
                                     "i", id);
    if (rc == 0 && got != 1) rc = 1;
    reg_bools(after, focal_bools);
    if (rc) {
        json_decref(before);
        reg_discard(db, file, 1);
        return db_fail(r, db);
    }
    return commit_write(r, db, 0, "focal.decision_file", "focal_appointment", id, before, after,
                        200);
}

int h_focal_decision_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    if (focal_load(r, db, id, &row) < 0) return -1;
    json_decref(row);
    json_t *f = NULL;
    int found = db_query_row_json(db, &f,
                                  "SELECT decision_name, decision_sha256, decision_mime FROM "
                                  "focal_appointments WHERE id = ? AND decision_sha256 IS NOT NULL",
                                  "i", id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "tệp quyết định");
    int rc = res_stored_file(r, json_string_value(json_object_get(f, "decision_sha256")),
                             json_string_value(json_object_get(f, "decision_mime")),
                             json_string_value(json_object_get(f, "decision_name")));
    json_decref(f);
    return rc;
}
