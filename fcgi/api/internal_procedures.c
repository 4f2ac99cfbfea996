/* Internal administrative procedures (TTHC nội bộ): each unit's inventory, the units inside the
 * administration each involves, its status and its own simplification proposals (issue 17). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/reform.h"
#include "api/reform_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"
#include "core/access.h"
#include "core/vnfold.h"

static const char *const ip_statuses[] = {"in_force", "proposed", "simplified", "abolished", NULL};
static const char *const pp_statuses[] = {"proposed", "accepted", "implemented", "rejected", NULL};

/* ---- list and export ----------------------------------------------------------------------- */

struct ip_query {
    long long unit_id;
    const char *field, *q;
    int status;
    struct page page;
};
#define IPQ_FIELDS                                                                                 \
    IN_FIELD(struct ip_query, unit_id, IN_ID, 0, 0, 0, NULL),                                      \
        IN_FIELD(struct ip_query, field, IN_STR, 0, 1, 255, NULL),                                 \
        IN_FIELD(struct ip_query, status, IN_ENUM, 0, 0, 0, ip_statuses),                          \
        IN_FIELD(struct ip_query, q, IN_STR, 0, 1, 100, NULL)
static const struct in_decl ip_query_fields[] = {IPQ_FIELDS};
const struct in_spec in_internal_procedures_list =
    IN_SPEC_PAGED(struct ip_query, ip_query_fields, 20, 100);
const struct in_spec in_internal_procedures_export = IN_SPEC(struct ip_query, ip_query_fields);

/* The filters (unit_id's subtree, field, status, words of the name) and the reader's scope;
 * binds "iissss" then REFORM_SCOPE's "ii". */
#define IP_WHERE                                                                                   \
    " FROM internal_procedures x JOIN units un ON un.id = x.unit_id WHERE (? = 0 OR EXISTS "       \
    "(SELECT 1 FROM unit_closure f WHERE f.ancestor_id = ? AND f.descendant_id = x.unit_id)) AND " \
    "(? IS NULL OR x.field = ?) AND (? IS NULL OR x.status = ?) AND x.name_folded LIKE ? "         \
    "AND" REFORM_SCOPE
#define IP_COLS                                                                                    \
    "SELECT x.id, x.unit_id, un.name AS unit_name, x.name, x.code, x.field, x.legal_basis, "       \
    "x.status, (SELECT COUNT(*) FROM internal_procedure_proposals pp WHERE pp.procedure_id = "     \
    "x.id) AS proposal_count, (SELECT GROUP_CONCAT(u2.name ORDER BY u2.sort_order, u2.id "         \
    "SEPARATOR '; ') FROM internal_procedure_units iu JOIN units u2 ON u2.id = iu.unit_id WHERE "  \
    "iu.procedure_id = x.id) AS involved_text, x.updated_at"

/* The page (or, per_page 0, up to 5000 rows for an export) of the list; NULL on error. */
static json_t *ip_rows(req_t *r, db_t *db, const struct ip_query *in, long long limit,
                       long long offset, long long *total) {
    const char *status = in_choice(ip_statuses, in->status);
    char like[600], sql[2400];
    reform_like(in->q, like, sizeof like);
    long long wide = reform_wide(r->user), me = r->user->unit_id;
    if (total) {
        snprintf(sql, sizeof sql, "SELECT COUNT(*)" IP_WHERE);
        if (db_query_int(db, total, sql, "iisssssii", in->unit_id, in->unit_id, in->field,
                         in->field, status, status, like, wide, me) < 0)
            return NULL;
    }
    snprintf(sql, sizeof sql,
             IP_COLS IP_WHERE " ORDER BY un.sort_order, x.unit_id, x.id LIMIT ? "
                              "OFFSET ?");
    return db_query_json(db, sql, "iisssssiiii", in->unit_id, in->unit_id, in->field, in->field,
                         status, status, like, wide, me, limit, offset);
}

int h_internal_procedures_list(req_t *r) {
    const struct ip_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long total = 0;
    json_t *items = ip_rows(r, db, in, in->page.per_page, in->page.offset, &total);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &in->page));
    return 0;
}

static const struct xlsx_col ip_cols[] = {
    {"unit_name", "Đơn vị", 28},
    {"name", "Tên thủ tục nội bộ", 50},
    {"code", "Mã", 12},
    {"field", "Lĩnh vực", 20},
    {"legal_basis", "Căn cứ pháp lý", 36},
    {"involved_text", "Cơ quan, đơn vị liên quan", 36},
    {"status_text", "Tình trạng", 18},
    {"proposal_count", "Số phương án đơn giản hóa", 14},
};

static const char *ip_status_text(const char *s) {
    static const char *const t[] = {"Đang thực hiện", "Đề nghị đơn giản hóa", "Đã đơn giản hóa",
                                    "Đã bãi bỏ"};
    for (int i = 0; ip_statuses[i]; i++)
        if (s && strcmp(s, ip_statuses[i]) == 0) return t[i];
    return "";
}

int h_internal_procedures_export(req_t *r) {
    const struct ip_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = ip_rows(r, db, in, 5000, 0, NULL);
    if (!items) return db_fail(r, db);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_object_set_new(
            it, "status_text",
            json_string(ip_status_text(json_string_value(json_object_get(it, "status")))));
    }
    char who[300], title[500];
    scope_unit_name(db, r->user, in->unit_id, who, sizeof who);
    snprintf(title, sizeof title, "%s — %s", "Danh mục thủ tục hành chính nội bộ", who);
    int rc = res_xlsx_table(r, title, ip_cols, sizeof ip_cols / sizeof ip_cols[0], items,
                            "tthc-noi-bo.xlsx");
    json_decref(items);
    return rc;
}

/* ---- one procedure ------------------------------------------------------------------------- */

/* The procedure with its involved units and proposals, when the principal sees it: 1 (in *out),
 * 0 not found or out of scope, -1 error. lock adds FOR UPDATE to the first read. */
static int ip_find(db_t *db, const struct principal *p, long long id, int lock, json_t **out) {
    char sql[1200];
    snprintf(sql, sizeof sql,
             "SELECT x.id, x.unit_id, un.name AS unit_name, x.name, x.code, x.field, "
             "x.legal_basis, x.status, x.created_at, x.updated_at FROM internal_procedures x JOIN "
             "units un ON un.id = x.unit_id WHERE x.id = ? AND" REFORM_SCOPE "%s",
             lock ? " FOR UPDATE" : "");
    int found = db_query_row_json(db, out, sql, "iii", id, reform_wide(p), p->unit_id);
    if (found <= 0) return found;
    json_t *units = db_query_json(db,
                                  "SELECT u.id, u.code, u.name FROM internal_procedure_units iu "
                                  "JOIN units u ON u.id = iu.unit_id WHERE iu.procedure_id = ? "
                                  "ORDER BY u.sort_order, u.id",
                                  "i", id);
    json_t *props = db_query_json(db,
                                  "SELECT pp.n, pp.text, pp.unit_id, u.name AS unit_name, "
                                  "pp.status, pp.doc_no, pp.doc_date, pp.created_at, "
                                  "pp.updated_at FROM internal_procedure_proposals pp JOIN units u "
                                  "ON u.id = pp.unit_id WHERE pp.procedure_id = ? ORDER BY pp.n",
                                  "i", id);
    if (!units || !props) {
        json_decref(units);
        json_decref(props);
        json_decref(*out);
        *out = NULL;
        return -1;
    }
    json_object_set_new(*out, "involved_units", units);
    json_object_set_new(*out, "proposals", props);
    return 1;
}

int h_internal_procedures_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    int found = ip_find(db, r->user, req_param_id(r, "id"), 0, &row);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "thủ tục hành chính nội bộ");
    res_json(r, 200, row);
    return 0;
}

/* ---- create and update --------------------------------------------------------------------- */

struct ip_input {
    long long unit_id;
    const char *name, *code, *legal_basis, *field;
    json_t *involved_unit_ids;
    int status;
    int has_name, has_code, has_legal_basis, has_field, has_involved_unit_ids, has_status;
};
#define IP_FIELD(m, type, flags, min, max, choices)                                                \
    IN_FIELD_HAS(struct ip_input, m, type, flags, min, max, choices, has_##m)
#define IP_FIELDS(REQ)                                                                             \
    IP_FIELD(name, IN_STR, REQ, 3, 500, NULL), IP_FIELD(code, IN_STR, IN_NULLABLE, 1, 64, NULL),   \
        IP_FIELD(legal_basis, IN_STR, IN_NULLABLE, 1, 4000, NULL),                                 \
        IP_FIELD(field, IN_STR, IN_NULLABLE, 1, 255, NULL),                                        \
        IP_FIELD(involved_unit_ids, IN_JSON, REQ, 0, 0, NULL)
static const struct in_decl ip_create_fields[] = {
    IN_FIELD(struct ip_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IP_FIELDS(IN_REQUIRED),
};
static const struct in_decl ip_update_fields[] = {
    IP_FIELDS(0),
    IP_FIELD(status, IN_ENUM, 0, 0, 0, ip_statuses),
};
const struct in_spec in_internal_procedures_create = IN_SPEC(struct ip_input, ip_create_fields);
const struct in_spec in_internal_procedures_update = IN_SPEC(struct ip_input, ip_update_fields);

/* Replaces the involved units of procedure id with ids (checked), in the caller's transaction. */
static int set_units(db_t *db, long long id, json_t *ids) {
    if (db_exec(db, "DELETE FROM internal_procedure_units WHERE procedure_id = ?", "i", id) < 0)
        return -1;
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        if (db_exec(db,
                    "INSERT INTO internal_procedure_units (procedure_id, unit_id) VALUES (?, ?)",
                    "ii", id, (long long)json_integer_value(v)) < 0)
            return -1;
    }
    return 0;
}

int h_internal_procedures_create(req_t *r) {
    const struct ip_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int ok = reform_unit_writable(r, db, in->unit_id, "unit_id");
    if (ok <= 0) return -1;
    int uc = reform_units_check(r, db, in->involved_unit_ids, "involved_unit_ids");
    if (uc == -2) return db_fail(r, db);
    if (uc < 0) return res_invalid(r);
    char *folded = vnfold_dup(in->name);
    if (!folded) return res_no_memory(r);
    if (db_begin(db) < 0) {
        free(folded);
        return db_fail(r, db);
    }
    int rc = db_exec(db,
                     "INSERT INTO internal_procedures (unit_id, name, name_folded, code, "
                     "legal_basis, field, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "isssssi", in->unit_id, in->name, folded, in->code, in->legal_basis, in->field,
                     r->user->user_id) < 0;
    free(folded);
    long long id = rc ? 0 : db_last_id(db);
    rc = rc || set_units(db, id, in->involved_unit_ids) < 0;
    json_t *after = NULL;
    if (!rc && ip_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "internal_procedure.create", "internal_procedure", id, NULL,
                        after, 201);
}

/* Applies the sent fields of an update to the locked row (its status move checked already). */
static int ip_apply(db_t *db, long long id, const struct ip_input *in) {
    char *folded = in->has_name ? vnfold_dup(in->name) : NULL;
    if (in->has_name && !folded) return -1;
    int rc =
        db_exec(db,
                "UPDATE internal_procedures SET name = IF(?, ?, name), name_folded = IF(?, ?, "
                "name_folded), code = IF(?, ?, code), legal_basis = IF(?, ?, legal_basis), "
                "field = IF(?, ?, field), status = COALESCE(?, status) WHERE id = ?",
                "isisisisissi", (long long)in->has_name, in->name, (long long)in->has_name, folded,
                (long long)in->has_code, in->code, (long long)in->has_legal_basis, in->legal_basis,
                (long long)in->has_field, in->field, in_choice(ip_statuses, in->status), id) < 0;
    free(folded);
    if (!rc && in->has_involved_unit_ids) rc = set_units(db, id, in->involved_unit_ids) < 0;
    return rc ? -1 : 0;
}

int h_internal_procedures_update(req_t *r) {
    const struct ip_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (in->has_involved_unit_ids) {
        int uc = reform_units_check(r, db, in->involved_unit_ids, "involved_unit_ids");
        if (uc == -2) return db_fail(r, db);
        if (uc < 0) return res_invalid(r);
    }
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *before = NULL;
    int found = ip_find(db, r->user, id, 1, &before);
    if (found <= 0) {
        if (found < 0) return db_fail(r, db);
        db_rollback(db);
        return not_found(r, "thủ tục hành chính nội bộ");
    }
    const char *from = json_string_value(json_object_get(before, "status"));
    const char *to = in_choice(ip_statuses, in->status);
    if (to && strcmp(from, to) != 0 && !flow_allows(internal_procedure_flow, from, to)) {
        char allowed[200];
        flow_allowed_json(internal_procedure_flow, from, allowed, sizeof allowed);
        db_rollback(db);
        json_decref(before);
        return res_conflict(r, "Không thể chuyển thủ tục nội bộ sang tình trạng này.", allowed);
    }
    int rc = ip_apply(db, id, in) < 0;
    json_t *after = NULL;
    if (!rc && ip_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "internal_procedure.update", "internal_procedure", id, before,
                        after, 200);
}

/* ---- simplification proposals ------------------------------------------------------------- */

struct pp_input {
    const char *text, *doc_no;
    long long unit_id;
    int status;
    struct ymd doc_date;
};
static const struct in_decl pp_create_fields[] = {
    IN_FIELD(struct pp_input, text, IN_STR, IN_REQUIRED, 5, 4000, NULL),
    IN_FIELD(struct pp_input, unit_id, IN_ID, 0, 0, 0, NULL),
};
static const struct in_decl pp_update_fields[] = {
    IN_FIELD(struct pp_input, status, IN_ENUM, IN_REQUIRED, 0, 0, pp_statuses),
    IN_FIELD(struct pp_input, doc_no, IN_STR, IN_NULLABLE, 1, 64, NULL),
    IN_FIELD(struct pp_input, doc_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_internal_proposals_create = IN_SPEC(struct pp_input, pp_create_fields);
const struct in_spec in_internal_proposals_update = IN_SPEC(struct pp_input, pp_update_fields);

/* Locks the visible procedure of the route: 1 with it in *row, or -1 after answering. */
static int lock_visible(req_t *r, db_t *db, json_t **row) {
    if (db_begin(db) < 0) return db_fail(r, db);
    int found = ip_find(db, r->user, req_param_id(r, "id"), 1, row);
    if (found > 0) return 1;
    if (found < 0) return db_fail(r, db);
    db_rollback(db);
    return not_found(r, "thủ tục hành chính nội bộ");
}

int h_internal_proposals_create(req_t *r) {
    const struct pp_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* The proposing unit is the writer's own unless it names another in its scope. */
    long long unit = in->unit_id ? in->unit_id : r->user->unit_id;
    if (in->unit_id && reform_unit_writable(r, db, unit, "unit_id") <= 0) return -1;
    json_t *before = NULL;
    if (lock_visible(r, db, &before) < 0) return -1;
    long long id = req_param_id(r, "id"), n = 0;
    int rc = db_query_int(db, &n,
                          "SELECT COALESCE(MAX(n), 0) + 1 FROM internal_procedure_proposals WHERE "
                          "procedure_id = ?",
                          "i", id) < 0 ||
             db_exec(db,
                     "INSERT INTO internal_procedure_proposals (procedure_id, n, text, unit_id, "
                     "created_by) VALUES (?, ?, ?, ?, ?)",
                     "iisii", id, n, in->text, unit, r->user->user_id) < 0;
    json_t *after = NULL;
    if (!rc && ip_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "internal_procedure.propose", "internal_procedure", id, before,
                        after, 201);
}

/* Who moves a proposal: the Provincial Office accepts and rejects; the procedure's unit (or the
 * Office) records the implementing document. 1 allowed, 0 not. */
static int may_move(req_t *r, const char *to) {
    struct access_who w = who_of(r->user);
    if (access_allows(&w, "reform.decide")) return 1;
    return strcmp(to, "implemented") == 0;
}

/* The proposal n of the locked procedure row: 1 (in *out), 0 none, -1 error. */
static int proposal_of(json_t *proc, long long n, json_t **out) {
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(proc, "proposals"), i, p) {
        if (json_integer_value(json_object_get(p, "n")) == n) {
            *out = p;
            return 1;
        }
    }
    return 0;
}

int h_internal_proposals_update(req_t *r) {
    const struct pp_input *in = r->body_in;
    const char *to = in_choice(pp_statuses, in->status);
    char d[11];
    const char *date = in_date_str(in->doc_date, d);
    if (strcmp(to, "implemented") == 0 && (!in->doc_no || !date)) {
        if (!in->doc_no) req_error(r, "doc_no", "Hãy nhập số văn bản thực thi phương án.");
        if (!date) req_error(r, "doc_date", "Hãy nhập ngày ban hành văn bản thực thi.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *before = NULL, *prop = NULL;
    if (lock_visible(r, db, &before) < 0) return -1;
    long long id = req_param_id(r, "id"), n = req_param_id(r, "n");
    if (proposal_of(before, n, &prop) == 0) {
        db_rollback(db);
        json_decref(before);
        return not_found(r, "phương án đơn giản hóa");
    }
    const char *from = json_string_value(json_object_get(prop, "status"));
    if (!may_move(r, to)) {
        db_rollback(db);
        json_decref(before);
        res_problem(r, 403, "Không có quyền",
                    "Chỉ Văn phòng UBND tỉnh chấp thuận hoặc không chấp thuận phương án.");
        return -1;
    }
    if (!flow_allows(internal_proposal_flow, from, to)) {
        char allowed[200];
        flow_allowed_json(internal_proposal_flow, from, allowed, sizeof allowed);
        db_rollback(db);
        json_decref(before);
        return res_conflict(r, "Không thể chuyển phương án sang trạng thái này.", allowed);
    }
    int rc = db_exec(db,
                     "UPDATE internal_procedure_proposals SET status = ?, doc_no = COALESCE(?, "
                     "doc_no), doc_date = COALESCE(?, doc_date) WHERE procedure_id = ? AND n = ?",
                     "sssii", to, in->doc_no, date, id, n) < 0;
    json_t *after = NULL;
    if (!rc && ip_find(db, r->user, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "internal_procedure.proposal", "internal_procedure", id, before,
                        after, 200);
}
