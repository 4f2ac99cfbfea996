/* Simplification proposals (phương án đơn giản hóa) from accepted review forms, the province's
 * decisions adopting them, and each proposal's implementation on the procedure's own record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/procedures_internal.h"
#include "api/review.h"
#include "api/review_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"

#define EXPORT_MAX    10000
#define PROPOSALS_MAX 500

static const char *const proposal_statuses[] = {"proposed", "decided", "implemented", NULL};

/* ---- proposals ------------------------------------------------------------------------------- */

struct proposals_list {
    long long decision_id, unit_id;
    int status;
    struct page page;
};
#define PL(m, type, ch) IN_FIELD(struct proposals_list, m, type, 0, 0, 0, ch)
static const struct in_decl proposals_list_fields[] = {
    PL(decision_id, IN_ID, NULL),
    PL(unit_id, IN_ID, NULL),
    PL(status, IN_ENUM, proposal_statuses),
};
const struct in_spec in_review_proposals_list =
    IN_SPEC_PAGED(struct proposals_list, proposals_list_fields, 50, 500);
const struct in_spec in_review_proposals_export =
    IN_SPEC(struct proposals_list, proposals_list_fields);

#define PROPOSAL_COLS                                                                              \
    "SELECT x.id, x.form_id, x.procedure_id, pr.code AS procedure_code, pr.name AS "               \
    "procedure_name, pr.status AS procedure_status, x.unit_id, u.name AS unit_name, x.kind, "      \
    "x.change_text, x.status, x.decision_id, d.number AS decision_number, d.date AS "              \
    "decision_date, x.document_number, x.document_date, x.outcome, x.implemented_at, "             \
    "x.created_at"
#define PROPOSAL_JOINS                                                                             \
    " FROM review_proposals x JOIN units u ON u.id = x.unit_id JOIN procedures pr ON pr.id = "     \
    "x.procedure_id LEFT JOIN review_decisions d ON d.id = x.decision_id"
#define PROPOSALS_FROM                                                                             \
    PROPOSAL_JOINS " WHERE " REVIEW_SCOPE " AND (? = 0 OR x.decision_id = ?) AND (? = 0 OR "       \
                   "x.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)) " \
                   "AND (? IS NULL OR x.status = ?)"

static json_t *proposal_rows(db_t *db, const struct principal *p, const struct proposals_list *in,
                             long long limit, long long offset, long long *total) {
    const char *st = in_choice(proposal_statuses, in->status);
    long long wide = scope_province_wide(p);
    if (total &&
        db_query_int(db, total, "SELECT COUNT(*)" PROPOSALS_FROM, "iiiiiiss", wide, p->unit_id,
                     in->decision_id, in->decision_id, in->unit_id, in->unit_id, st, st) < 0)
        return NULL;
    return db_query_json(
        db, PROPOSAL_COLS PROPOSALS_FROM " ORDER BY x.created_at DESC, x.id DESC LIMIT ? OFFSET ?",
        "iiiiiissii", wide, p->unit_id, in->decision_id, in->decision_id, in->unit_id, in->unit_id,
        st, st, limit, offset);
}

int h_review_proposals_list(req_t *r) {
    const struct proposals_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = proposal_rows(db, r->user, in, in->page.per_page, in->page.offset, &total);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

static const char *label(const char *s) {
    static const char *const map[][2] = {
        {"amend", "Sửa đổi, bổ sung"},
        {"replace", "Thay thế"},
        {"abolish", "Bãi bỏ"},
        {"simplify", "Đơn giản hóa"},
        {"proposed", "Chờ quyết định"},
        {"decided", "Đã phê duyệt"},
        {"implemented", "Đã thực thi"},
        {"amended", "Đã sửa đổi"},
        {"abolished", "Đã bãi bỏ"},
        {"replaced", "Đã thay thế"},
        {"simplified", "Đã đơn giản hóa"},
    };
    for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i][0], s)) return map[i][1];
    return s ? s : "";
}

static void label_rows(json_t *rows) {
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x) {
        static const char *const keys[] = {"kind", "status", "outcome"};
        for (int k = 0; k < 3; k++) {
            char vi[16];
            snprintf(vi, sizeof vi, "%s_vi", keys[k]);
            json_object_set_new(x, vi,
                                json_string(label(json_string_value(json_object_get(x, keys[k])))));
        }
    }
}

int h_review_proposals_export(req_t *r) {
    const struct proposals_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    json_t *rows = proposal_rows(db, r->user, in, EXPORT_MAX, 0, NULL);
    if (!rows) return db_fail(r, db);
    label_rows(rows);
    static const struct xlsx_col cols[] = {
        {"id", "Số", 8},
        {"procedure_code", "Mã thủ tục", 14},
        {"procedure_name", "Tên thủ tục", 50},
        {"unit_name", "Đơn vị đề xuất", 30},
        {"kind_vi", "Phương án", 18},
        {"change_text", "Nội dung", 50},
        {"status_vi", "Trạng thái", 16},
        {"decision_number", "Quyết định", 18},
        {"decision_date", "Ngày quyết định", 14},
        {"document_number", "Văn bản thực thi", 18},
        {"document_date", "Ngày văn bản", 14},
        {"outcome_vi", "Kết quả", 16},
    };
    char who[300], title[500];
    scope_unit_name(db, r->user, in->unit_id, who, sizeof who);
    snprintf(title, sizeof title, "Phương án đơn giản hóa thủ tục hành chính — %s", who);
    int rc = res_xlsx_table(r, title, cols, sizeof cols / sizeof cols[0], rows,
                            "phuong-an-don-gian-hoa.xlsx");
    json_decref(rows);
    return rc;
}

static json_t *proposal_one(db_t *db, long long id) {
    json_t *row = NULL;
    return db_query_row_json(db, &row, PROPOSAL_COLS PROPOSAL_JOINS " WHERE x.id = ?", "i", id) == 1
               ? row
               : NULL;
}

struct implement_input {
    const char *document_number;
    struct ymd document_date;
    int outcome;
};
static const char *const outcomes[] = {"amended", "abolished", "replaced", "simplified", NULL};
static const struct in_decl implement_fields[] = {
    IN_FIELD(struct implement_input, document_number, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct implement_input, document_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct implement_input, outcome, IN_ENUM, IN_REQUIRED, 0, 0, outcomes),
};
const struct in_spec in_review_proposals_implement =
    IN_SPEC(struct implement_input, implement_fields);

#define PROC_STATUS_COLS                                                                           \
    "SELECT id, code, status, replaced_by, status_decision_no, status_date, review_proposal_id "   \
    "FROM procedures WHERE id = ?"

/* The procedure's own record follows the implemented proposal: abolished when the procedure is
 * abolished or replaced (the replacing one is published as a new procedure), amended otherwise;
 * the amending document is its status decision, with a history row naming the decision. */
static int update_procedure(req_t *r, db_t *db, json_t *prop, const char *outcome, const char *doc,
                            const char *date) {
    long long pid = json_integer_value(json_object_get(prop, "procedure_id"));
    long long id = json_integer_value(json_object_get(prop, "id"));
    json_t *before = NULL, *after = NULL;
    int found = db_query_row_json(db, &before, PROC_STATUS_COLS " FOR UPDATE", "i", pid);
    if (found != 1) return -1;
    const char *status =
        !strcmp(outcome, "abolished") || !strcmp(outcome, "replaced") ? "abolished" : "amended";
    char note[400];
    snprintf(note, sizeof note, "Thực thi phương án đơn giản hóa số %lld (Quyết định %s ngày %s)",
             id, json_string_value(json_object_get(prop, "decision_number")),
             json_string_value(json_object_get(prop, "decision_date")));
    int rc = db_exec(db,
                     "UPDATE procedures SET status = ?, status_decision_no = ?, status_date = ?, "
                     "review_proposal_id = ? WHERE id = ?",
                     "sssii", status, doc, date, id, pid) < 0;
    if (!rc) {
        found = db_query_row_json(db, &after, PROC_STATUS_COLS, "i", pid);
        rc = found != 1;
    }
    rc = rc ||
         proc_history(db, r, pid, json_string_value(json_object_get(before, "code")), "status",
                      before, after, note) < 0 ||
         audit_write(db, r, "procedure.status", "procedure", pid, before, after) < 0 ||
         catalog_bump(db) < 0;
    json_decref(before);
    json_decref(after);
    return rc ? -1 : 0;
}

int h_review_proposals_implement(req_t *r) {
    const struct implement_input *in = r->body_in;
    char date[11];
    const char *doc_date = in_date_str(in->document_date, date);
    const char *outcome = outcomes[in->outcome];
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *lock;
    if (begin_locked_row(r, db, &lock,
                         "SELECT x.id FROM review_proposals x WHERE x.id = ? FOR UPDATE", id,
                         "phương án đơn giản hóa") < 0)
        return -1;
    json_decref(lock);
    json_t *before = proposal_one(db, id);
    if (!before) return db_fail(r, db);
    const char *st = json_string_value(json_object_get(before, "status"));
    if (strcmp(st, "decided") != 0) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r,
                            !strcmp(st, "proposed")
                                ? "Phương án chưa được phê duyệt bằng quyết định."
                                : "Phương án đã được thực thi.",
                            "[]");
    }
    if (strcmp(doc_date, json_string_value(json_object_get(before, "decision_date"))) < 0) {
        json_decref(before);
        db_rollback(db);
        req_error(r, "document_date", "Văn bản thực thi không thể có trước quyết định phê duyệt.");
        return res_invalid(r);
    }
    int rc = db_exec(db,
                     "UPDATE review_proposals SET status = 'implemented', document_number = ?, "
                     "document_date = ?, outcome = ?, implemented_at = NOW(), implemented_by = ? "
                     "WHERE id = ?",
                     "sssii", in->document_number, doc_date, outcome, r->user->user_id, id) < 0 ||
             update_procedure(r, db, before, outcome, in->document_number, doc_date) < 0;
    json_t *after = rc ? NULL : proposal_one(db, id);
    return commit_write(r, db, rc, "review_proposal.implement", "review_proposal", id, before,
                        after, 200);
}

/* ---- decisions ------------------------------------------------------------------------------- */

struct decisions_list {
    long long year;
    struct page page;
};
static const struct in_decl decisions_list_fields[] = {
    IN_FIELD(struct decisions_list, year, IN_INT, 0, 2000, 2100, NULL),
};
const struct in_spec in_review_decisions_list =
    IN_SPEC_PAGED(struct decisions_list, decisions_list_fields, 50, 500);

/* Decisions are the province's documents, read by everyone who reads the review; the counts are
 * of the proposals the reader sees. */
#define DECISION_COLS                                                                              \
    "SELECT d.id, d.number, d.date, d.title, d.created_at, (SELECT COUNT(*) FROM "                 \
    "review_proposals x WHERE x.decision_id = d.id AND " REVIEW_SCOPE ") AS proposals, (SELECT "   \
    "COUNT(*) FROM review_proposals x WHERE x.decision_id = d.id AND x.status = 'implemented' "    \
    "AND " REVIEW_SCOPE ") AS implemented FROM review_decisions d"

static json_t *decision_rows(db_t *db, const struct principal *p, long long year, long long limit,
                             long long offset, long long *total) {
    long long wide = scope_province_wide(p);
    if (total && db_query_int(db, total,
                              "SELECT COUNT(*) FROM review_decisions d WHERE (? = 0 OR "
                              "YEAR(d.date) = ?)",
                              "ii", year, year) < 0)
        return NULL;
    return db_query_json(db,
                         DECISION_COLS " WHERE (? = 0 OR YEAR(d.date) = ?) ORDER BY d.date DESC, "
                                       "d.id DESC LIMIT ? OFFSET ?",
                         "iiiiiiii", wide, p->unit_id, wide, p->unit_id, year, year, limit, offset);
}

int h_review_decisions_list(req_t *r) {
    const struct decisions_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long total = 0;
    json_t *rows = decision_rows(db, r->user, in->year, in->page.per_page, in->page.offset, &total);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

int h_review_decisions_export(req_t *r) {
    const struct decisions_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *rows = decision_rows(db, r->user, in->year, EXPORT_MAX, 0, NULL);
    if (!rows) return db_fail(r, db);
    static const struct xlsx_col cols[] = {
        {"number", "Số quyết định", 18},    {"date", "Ngày", 14},
        {"title", "Trích yếu", 60},         {"proposals", "Số phương án", 14},
        {"implemented", "Đã thực thi", 14},
    };
    char year[16] = "", title[200];
    if (in->year) snprintf(year, sizeof year, " năm %lld", in->year);
    snprintf(title, sizeof title, "Quyết định phê duyệt phương án đơn giản hóa%s — UBND tỉnh",
             year);
    int rc = res_xlsx_table(r, title, cols, sizeof cols / sizeof cols[0], rows,
                            "quyet-dinh-don-gian-hoa.xlsx");
    json_decref(rows);
    return rc;
}

static json_t *decision_one(db_t *db, const struct principal *p, long long id) {
    json_t *d = NULL;
    long long wide = scope_province_wide(p);
    int found = db_query_row_json(db, &d, DECISION_COLS " WHERE d.id = ?", "iiiii", wide,
                                  p->unit_id, wide, p->unit_id, id);
    if (found != 1) return NULL;
    json_t *props =
        db_query_json(db,
                      PROPOSAL_COLS PROPOSAL_JOINS " WHERE x.decision_id = ? AND " REVIEW_SCOPE
                                                   " ORDER BY pr.code, x.id",
                      "iii", id, wide, p->unit_id);
    if (!props) {
        json_decref(d);
        return NULL;
    }
    json_object_set_new(d, "items", props);
    return d;
}

int h_review_decisions_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), one;
    int found = db_query_int(db, &one, "SELECT 1 FROM review_decisions WHERE id = ?", "i", id);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "quyết định");
    json_t *d = decision_one(db, r->user, id);
    if (!d) return db_fail(r, db);
    res_json(r, 200, d);
    return 0;
}

struct decision_create {
    const char *number, *title;
    struct ymd date;
    json_t *proposal_ids;
};
static const struct in_decl decision_create_fields[] = {
    IN_FIELD(struct decision_create, number, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct decision_create, date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct decision_create, title, IN_STR, IN_REQUIRED, 1, 1000, NULL),
    IN_FIELD(struct decision_create, proposal_ids, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_review_decisions_create =
    IN_SPEC(struct decision_create, decision_create_fields);

/* Adopts each proposal (locked, awaiting a decision) under decision id: 0, 1 after a field
 * error was added, -1 on a database error. */
static int adopt(req_t *r, db_t *db, long long decision, json_t *ids) {
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        long long id = json_integer_value(v);
        json_t *row = NULL;
        int found = json_is_integer(v) && id > 0
                        ? db_query_row_json(db, &row,
                                            "SELECT status FROM review_proposals WHERE id = ? "
                                            "FOR UPDATE",
                                            "i", id)
                        : 0;
        if (found < 0) return -1;
        int free_one =
            found && !strcmp(json_string_value(json_object_get(row, "status")), "proposed");
        json_decref(row);
        if (!found) {
            req_error(r, "proposal_ids", "Có phương án không tồn tại.");
            return 1;
        }
        if (!free_one) {
            req_error(r, "proposal_ids", "Có phương án đã thuộc một quyết định khác.");
            return 1;
        }
        if (db_exec(db,
                    "UPDATE review_proposals SET decision_id = ?, status = 'decided' WHERE id = ?",
                    "ii", decision, id) < 0)
            return -1;
    }
    return 0;
}

int h_review_decisions_create(req_t *r) {
    const struct decision_create *in = r->body_in;
    json_t *ids = in->proposal_ids;
    if (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > PROPOSALS_MAX) {
        req_error(r, "proposal_ids", "Hãy chọn từ 1 đến 500 phương án đơn giản hóa.");
        return res_invalid(r);
    }
    char date[11];
    const char *d = in_date_str(in->date, date);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long one;
    int dup =
        db_query_int(db, &one, "SELECT 1 FROM review_decisions WHERE number = ?", "s", in->number);
    if (dup < 0) return db_fail(r, db);
    if (dup) {
        req_error(r, "number", "Đã có quyết định mang số này.");
        return res_invalid(r);
    }
    if (db_begin(db) < 0 ||
        db_exec(
            db,
            "INSERT INTO review_decisions (number, date, title, created_by) VALUES (?, ?, ?, ?)",
            "sssi", in->number, d, in->title, r->user->user_id) < 0)
        return db_fail(r, db);
    long long id = db_last_id(db);
    int rc = adopt(r, db, id, ids);
    if (rc > 0) {
        db_rollback(db);
        return res_invalid(r);
    }
    json_t *after = rc ? NULL : decision_one(db, r->user, id);
    return commit_write(r, db, rc, "review_decision.create", "review_decision", id, NULL, after,
                        201);
}
