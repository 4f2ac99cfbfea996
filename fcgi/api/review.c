/* The review of procedures (rà soát, đánh giá TTHC): what a review task names, and the review
 * forms units fill, submit and the Provincial Office accepts or returns (issue 17, part 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "api/review.h"
#include "api/review_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"
#include "core/access.h"
#include "core/review_form.h"

#define TARGETS_MAX 500
#define EXPORT_MAX  10000

/* ---- review targets of a task ---------------------------------------------------------------- */

static json_t *targets_json(db_t *db, long long task_id) {
    json_t *field = NULL;
    if (db_query_row_json(db, &field,
                          "SELECT f.id, f.name FROM review_task_fields rf JOIN procedure_fields f "
                          "ON f.id = rf.field_id WHERE rf.task_id = ?",
                          "i", task_id) < 0)
        return NULL;
    json_t *procs = db_query_json(
        db,
        "SELECT p.id, p.code, p.name, p.status, (SELECT COUNT(*) FROM review_forms x WHERE "
        "x.task_id = rt.task_id AND x.procedure_id = p.id) AS forms FROM review_targets rt JOIN "
        "procedures p ON p.id = rt.procedure_id WHERE rt.task_id = ? ORDER BY p.code",
        "i", task_id);
    if (!procs) {
        json_decref(field);
        return NULL;
    }
    return json_pack("{s:I,s:o,s:o}", "task_id", (json_int_t)task_id, "field",
                     field ? field : json_null(), "procedures", procs);
}

int h_review_targets_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    int ok = task_visible(db, r->user, id);
    if (ok < 0) return db_fail(r, db);
    if (!ok) return not_found(r, "nhiệm vụ");
    json_t *out = targets_json(db, id);
    if (!out) return db_fail(r, db);
    res_json(r, 200, out);
    return 0;
}

struct targets_input {
    json_t *procedure_ids;
    long long field_id;
};
static const struct in_decl targets_fields[] = {
    IN_FIELD(struct targets_input, procedure_ids, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct targets_input, field_id, IN_ID, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_review_targets_put = IN_SPEC(struct targets_input, targets_fields);

/* The ids of the body, checked (positive integers, at most TARGETS_MAX, existing procedures):
 * their count, or -1 after answering 422 / 503. */
static int target_ids(req_t *r, db_t *db, const struct targets_input *in, long long *ids) {
    json_t *a = in->procedure_ids;
    if (!json_is_array(a) || json_array_size(a) > TARGETS_MAX) {
        req_error(r, "procedure_ids", "Danh sách thủ tục là một mảng tối đa 500 mã số (id).");
        return res_invalid(r);
    }
    size_t i;
    json_t *v;
    int n = 0;
    json_array_foreach(a, i, v) {
        long long id = json_integer_value(v), one;
        int found = json_is_integer(v) && id > 0
                        ? db_query_int(db, &one, "SELECT 1 FROM procedures WHERE id = ?", "i", id)
                        : 0;
        if (found < 0) return db_fail(r, db);
        if (!found) {
            req_error(r, "procedure_ids", "Có thủ tục không có trong danh mục.");
            return res_invalid(r);
        }
        ids[n++] = id;
    }
    if (in->field_id) {
        long long one;
        int found = db_query_int(db, &one, "SELECT 1 FROM procedure_fields WHERE id = ?", "i",
                                 in->field_id);
        if (found < 0) return db_fail(r, db);
        if (!found) {
            req_error(r, "field_id", "Lĩnh vực không có trong danh mục.");
            return res_invalid(r);
        }
    }
    return n;
}

/* The plan of task id, writable by the caller and of kind review, not closed: its status
 * ("draft" or "published") in st, or -1 after answering (404, 403, 409, 503). */
static int review_task_plan(req_t *r, db_t *db, long long id, char st[16]) {
    long long plan_id = 0;
    int found = db_query_int(db, &plan_id, "SELECT plan_id FROM tasks WHERE id = ?", "i", id);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "nhiệm vụ");
    json_t *plan = plan_for_write(r, db, plan_id);
    if (!plan) return -1;
    int review = !strcmp(json_string_value(json_object_get(plan, "kind")), "review");
    snprintf(st, 16, "%s", json_string_value(json_object_get(plan, "status")));
    json_decref(plan);
    if (!review)
        return res_conflict(
            r, "Chỉ nhiệm vụ của kế hoạch rà soát, đánh giá mới có thủ tục rà soát.", "[]");
    if (!strcmp(st, "closed")) return res_conflict(r, "Kế hoạch đã kết thúc.", "[]");
    return 0;
}

static int in_ids(const long long *ids, int n, long long id) {
    for (int i = 0; i < n; i++)
        if (ids[i] == id) return 1;
    return 0;
}

/* Replaces the targets in the caller's transaction. A published plan's targets already have
 * forms: only additions then (-2 when one would go). 0, -1 on a database error. */
static int write_targets(db_t *db, long long task, const long long *ids, int n, int published) {
    struct db_res *cur = db_query(
        db, "SELECT procedure_id FROM review_targets WHERE task_id = ? FOR UPDATE", "i", task);
    if (!cur) return -1;
    int rc = 0;
    for (size_t i = 0; i < cur->nrows && !rc; i++) {
        long long p = db_int(cur, i, 0);
        if (in_ids(ids, n, p)) continue;
        rc = published ? -2
                       : db_exec(db,
                                 "DELETE FROM review_targets WHERE task_id = ? AND "
                                 "procedure_id = ?",
                                 "ii", task, p) < 0;
    }
    db_res_free(cur);
    for (int i = 0; i < n && !rc; i++)
        rc = db_exec(db, "INSERT IGNORE INTO review_targets (task_id, procedure_id) VALUES (?, ?)",
                     "ii", task, ids[i]) < 0;
    return rc > 0 ? -1 : rc;
}

int h_review_targets_put(req_t *r) {
    const struct targets_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    char st[16];
    if (review_task_plan(r, db, id, st) < 0) return -1;
    long long *ids = calloc(TARGETS_MAX, sizeof *ids);
    if (!ids) return res_no_memory(r);
    int n = target_ids(r, db, in, ids);
    if (n < 0) {
        free(ids);
        return -1;
    }
    int published = !strcmp(st, "published");
    json_t *before = NULL;
    if (begin_locked_row(r, db, &before, "SELECT id FROM tasks WHERE id = ? FOR UPDATE", id,
                         "nhiệm vụ") < 0) {
        free(ids);
        return -1;
    }
    json_decref(before);
    before = targets_json(db, id);
    int rc = before ? write_targets(db, id, ids, n, published) : -1;
    free(ids);
    if (rc == -2) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r,
                            "Kế hoạch đã ban hành, các đơn vị đã có phiếu rà soát: chỉ được thêm "
                            "thủ tục, không bỏ thủ tục đã giao.",
                            "[]");
    }
    if (!rc)
        rc = db_exec(db, "DELETE FROM review_task_fields WHERE task_id = ?", "i", id) < 0 ||
             (in->field_id &&
              db_exec(db, "INSERT INTO review_task_fields (task_id, field_id) VALUES (?, ?)", "ii",
                      id, in->field_id) < 0) ||
             (published && review_task_forms(db, id) < 0);
    json_t *after = rc ? NULL : targets_json(db, id);
    return commit_write(r, db, rc, "task.review_targets", "task", id, before, after, 200);
}

/* ---- review forms ---------------------------------------------------------------------------- */

static const char *const form_statuses[] = {"draft", "submitted", "accepted", "returned", NULL};

struct forms_list {
    long long plan_id, unit_id, procedure_id;
    int status;
    struct page page;
};
#define FL(m, type, ch) IN_FIELD(struct forms_list, m, type, 0, 0, 0, ch)
static const struct in_decl forms_list_fields[] = {
    FL(plan_id, IN_ID, NULL),
    FL(unit_id, IN_ID, NULL),
    FL(procedure_id, IN_ID, NULL),
    FL(status, IN_ENUM, form_statuses),
};
const struct in_spec in_review_forms_list =
    IN_SPEC_PAGED(struct forms_list, forms_list_fields, 50, 500);
const struct in_spec in_review_forms_export = IN_SPEC(struct forms_list, forms_list_fields);

#define FORMS_FROM                                                                                 \
    " FROM review_forms x JOIN units u ON u.id = x.unit_id JOIN procedures pr ON pr.id = "         \
    "x.procedure_id LEFT JOIN plans pl ON pl.id = x.plan_id WHERE " REVIEW_SCOPE                   \
    " AND (? = 0 OR x.plan_id = ?) AND (? = 0 OR x.unit_id IN (SELECT descendant_id FROM "         \
    "unit_closure WHERE ancestor_id = ?)) AND (? = 0 OR x.procedure_id = ?) AND (? IS NULL OR "    \
    "x.status = ?)"
#define FORMS_COLS                                                                                 \
    "SELECT x.id, x.plan_id, pl.title AS plan_title, pl.year, x.task_id, x.unit_id, u.name AS "    \
    "unit_name, x.procedure_id, pr.code AS procedure_code, pr.name AS procedure_name, x.status, "  \
    "x.proposal, x.change_text, x.submitted_at, x.decided_at, x.updated_at"

static json_t *forms_rows(db_t *db, const struct principal *p, const struct forms_list *in,
                          long long limit, long long offset, long long *total) {
    const char *st = in_choice(form_statuses, in->status);
    long long wide = scope_province_wide(p);
    if (total && db_query_int(db, total, "SELECT COUNT(*)" FORMS_FROM, "iiiiiiiiss", wide,
                              p->unit_id, in->plan_id, in->plan_id, in->unit_id, in->unit_id,
                              in->procedure_id, in->procedure_id, st, st) < 0)
        return NULL;
    return db_query_json(db,
                         FORMS_COLS FORMS_FROM
                         " ORDER BY FIELD(x.status, 'submitted', 'returned', 'draft', "
                         "'accepted'), x.updated_at DESC, x.id DESC LIMIT ? OFFSET ?",
                         "iiiiiiiissii", wide, p->unit_id, in->plan_id, in->plan_id, in->unit_id,
                         in->unit_id, in->procedure_id, in->procedure_id, st, st, limit, offset);
}

int h_review_forms_list(req_t *r) {
    const struct forms_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = forms_rows(db, r->user, in, in->page.per_page, in->page.offset, &total);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

static const char *status_label(const char *s) {
    return !s                          ? ""
           : !strcmp(s, "draft")       ? "Đang soạn"
           : !strcmp(s, "submitted")   ? "Đã gửi"
           : !strcmp(s, "accepted")    ? "Đã tiếp nhận"
           : !strcmp(s, "returned")    ? "Bị trả lại"
           : !strcmp(s, "proposed")    ? "Chờ quyết định"
           : !strcmp(s, "decided")     ? "Đã phê duyệt"
           : !strcmp(s, "implemented") ? "Đã thực thi"
                                       : s;
}

static const char *proposal_label(const char *s) {
    return !s                       ? ""
           : !strcmp(s, "keep")     ? "Giữ nguyên"
           : !strcmp(s, "amend")    ? "Sửa đổi, bổ sung"
           : !strcmp(s, "replace")  ? "Thay thế"
           : !strcmp(s, "abolish")  ? "Bãi bỏ"
           : !strcmp(s, "simplify") ? "Đơn giản hóa"
                                    : s;
}

/* Adds the Vietnamese labels an export shows (status_vi, proposal_vi, kind_vi). */
static void label_rows(json_t *rows) {
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x) {
        json_object_set_new(
            x, "status_vi",
            json_string(status_label(json_string_value(json_object_get(x, "status")))));
        json_object_set_new(
            x, "proposal_vi",
            json_string(proposal_label(json_string_value(json_object_get(x, "proposal")))));
    }
}

int h_review_forms_export(req_t *r) {
    const struct forms_list *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    json_t *rows = forms_rows(db, r->user, in, EXPORT_MAX, 0, NULL);
    if (!rows) return db_fail(r, db);
    label_rows(rows);
    static const struct xlsx_col cols[] = {
        {"id", "Số phiếu", 10},
        {"unit_name", "Đơn vị rà soát", 30},
        {"procedure_code", "Mã thủ tục", 14},
        {"procedure_name", "Tên thủ tục", 50},
        {"plan_title", "Kế hoạch", 40},
        {"status_vi", "Trạng thái", 16},
        {"proposal_vi", "Phương án", 18},
        {"change_text", "Nội dung phương án", 50},
        {"submitted_at", "Ngày gửi", 22},
        {"decided_at", "Ngày tiếp nhận/trả lại", 22},
    };
    char who[300], title[500];
    scope_unit_name(db, r->user, in->unit_id, who, sizeof who);
    snprintf(title, sizeof title, "Danh sách phiếu rà soát, đánh giá thủ tục hành chính — %s", who);
    int rc =
        res_xlsx_table(r, title, cols, sizeof cols / sizeof cols[0], rows, "phieu-ra-soat.xlsx");
    json_decref(rows);
    return rc;
}

/* The form as its page reads it: 1 with *out, 0 missing or outside p's scope, -1 on error. */
static int form_load(db_t *db, const struct principal *p, long long id, json_t **out) {
    *out = NULL;
    int found = db_query_row_json(
        db, out,
        "SELECT x.id, x.plan_id, pl.title AS plan_title, pl.year, x.task_id, t.title AS "
        "task_title, x.unit_id, u.name AS unit_name, x.status, x.components_json AS "
        "components__json, x.proposal, x.change_text, x.return_reason, x.submitted_at, "
        "x.decided_at, x.created_at, x.updated_at, (SELECT rp.id FROM review_proposals rp WHERE "
        "rp.form_id = x.id) AS proposal_id, JSON_OBJECT('id', pr.id, 'code', pr.code, 'name', "
        "pr.name, 'status', pr.status, 'steps', pr.steps, 'way', pr.way, 'dossier', pr.dossier, "
        "'time_limit', pr.time_limit_text, 'subjects', pr.subjects, 'agency', pr.agency, 'fee', "
        "pr.fee_text, 'requirements', pr.requirements, 'result', pr.result) AS procedure__json "
        "FROM review_forms x JOIN units u ON u.id = x.unit_id JOIN procedures pr ON pr.id = "
        "x.procedure_id LEFT JOIN plans pl ON pl.id = x.plan_id LEFT JOIN tasks t ON t.id = "
        "x.task_id WHERE x.id = ? AND " REVIEW_SCOPE,
        "iii", id, (long long)scope_province_wide(p), p->unit_id);
    if (found != 1) return found;
    /* Each component row carries its label, so every reader shows the same words. */
    json_t *c = rv_normalise(json_object_get(*out, "components"));
    if (!c) {
        json_decref(*out);
        *out = NULL;
        return -1;
    }
    size_t i;
    json_t *row;
    json_array_foreach(c, i, row) {
        json_object_set_new(row, "label", json_string(rv_component_labels[i]));
    }
    json_object_set_new(*out, "components", c);
    struct access_who w = who_of(p);
    const char *st = json_string_value(json_object_get(*out, "status"));
    json_object_set_new(*out, "can_edit",
                        json_boolean(access_allows(&w, "review.write") &&
                                     (!strcmp(st, "draft") || !strcmp(st, "returned"))));
    json_object_set_new(
        *out, "can_decide",
        json_boolean(access_allows(&w, "review.coordinate") && !strcmp(st, "submitted")));
    return 1;
}

int h_review_forms_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *f;
    int found = form_load(db, r->user, req_param_id(r, "id"), &f);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "phiếu rà soát");
    res_json(r, 200, f);
    return 0;
}

/* Begins the write: form id locked, in the caller's scope and in one of the states of `from`
 * (a JSON array text of allowed actions answers 409 otherwise). 0 with *row (status,
 * components, proposal, change_text, procedure_id, unit_id), or -1 after answering. */
static int form_begin(req_t *r, db_t *db, long long id, const char *const *from,
                      const char *allowed_detail, json_t **row) {
    *row = NULL;
    if (db_begin(db) < 0) return db_fail(r, db);
    int found = db_query_row_json(
        db, row,
        "SELECT x.id, x.status, x.components_json AS components__json, x.proposal, "
        "x.change_text, x.procedure_id, x.unit_id FROM review_forms x WHERE x.id = ? "
        "AND " REVIEW_SCOPE " FOR UPDATE",
        "iii", id, (long long)scope_province_wide(r->user), r->user->unit_id);
    if (found <= 0) {
        db_rollback(db);
        return found < 0 ? db_fail(r, db) : not_found(r, "phiếu rà soát");
    }
    const char *st = json_string_value(json_object_get(*row, "status"));
    for (int i = 0; from[i]; i++)
        if (!strcmp(st, from[i])) return 0;
    db_rollback(db);
    json_decref(*row);
    *row = NULL;
    const char *allowed = !strcmp(st, "submitted")  ? "[\"accept\",\"return\"]"
                          : !strcmp(st, "accepted") ? "[]"
                                                    : "[\"edit\",\"submit\"]";
    return res_conflict(r, allowed_detail, allowed);
}

/* Tells who acts next about form row (in the write's transaction): a submitted form the
 * coordinating units, an accepted or returned one the reviewing unit (body: the reason). 0/-1. */
static int form_notify(db_t *db, const char *kind, json_t *row, const char *body) {
    long long id = json_integer_value(json_object_get(row, "id")),
              unit = json_integer_value(json_object_get(row, "unit_id"));
    json_t *names = NULL;
    if (db_query_row_json(db, &names,
                          "SELECT (SELECT name FROM procedures WHERE id = ?) AS proc, (SELECT "
                          "name FROM units WHERE id = ?) AS unit",
                          "ii", json_integer_value(json_object_get(row, "procedure_id")), unit) < 0)
        return -1;
    const char *proc = names ? json_string_value(json_object_get(names, "proc")) : NULL,
               *uname = names ? json_string_value(json_object_get(names, "unit")) : NULL;
    char title[1200], link[64];
    if (!strcmp(kind, "review.submitted"))
        snprintf(title, sizeof title, "%.300s gửi phiếu rà soát: %.800s", uname ? uname : "",
                 proc ? proc : "");
    else
        snprintf(title, sizeof title, "Phiếu rà soát %s: %.800s",
                 !strcmp(kind, "review.accepted") ? "được tiếp nhận" : "bị trả lại",
                 proc ? proc : "");
    json_decref(names);
    snprintf(link, sizeof link, "/app/ra-soat/phieu/%lld", id);
    /* No dedupe key: each submission or decision is its own event (a form may go round twice). */
    const struct notice n = {kind, "review_form", id, title, body, link, NULL};
    if (!strcmp(kind, "review.submitted")) return notify_coordinators(db, &n);
    return notify_unit(db, unit, &n) < 0 ? -1 : 0;
}

/* Ends a form write: the audit row with before and the form as it now reads, commit, answer. */
static int form_commit(req_t *r, db_t *db, int rc, const char *action, long long id,
                       json_t *before) {
    json_t *after = NULL;
    if (!rc && form_load(db, r->user, id, &after) != 1) rc = 1;
    return commit_write(r, db, rc, action, "review_form", id, before, after, 200);
}

/* Answers 422 with the form checker's errors; -1. */
static int form_invalid(req_t *r, const struct rv_error *e, size_t n) {
    for (size_t i = 0; i < n && i < RV_ERRORS_MAX; i++) req_error(r, e[i].field, e[i].message);
    return res_invalid(r);
}

struct form_put {
    json_t *components;
    int proposal;
    const char *change_text;
    int has_components, has_proposal, has_change_text;
};
static const char *const proposal_choices[] = {"keep",    "amend",    "replace",
                                               "abolish", "simplify", NULL};
static const struct in_decl form_put_fields[] = {
    IN_FIELD_HAS(struct form_put, components, IN_JSON, 0, 0, 0, NULL, has_components),
    IN_FIELD_HAS(struct form_put, proposal, IN_ENUM, IN_NULLABLE, 0, 0, proposal_choices,
                 has_proposal),
    IN_FIELD_HAS(struct form_put, change_text, IN_STR, IN_NULLABLE, 0, RV_TEXT_MAX, NULL,
                 has_change_text),
};
const struct in_spec in_review_forms_put = IN_SPEC(struct form_put, form_put_fields);

static const char *const editable[] = {"draft", "returned", NULL};
static const char *const LOCKED =
    "Phiếu đã gửi hoặc đã được tiếp nhận: không sửa được (phiếu bị trả lại thì sửa được).";

/* The stored components with the given ones put in their places (each given one whole). */
static json_t *merge_components(json_t *stored, json_t *given) {
    json_t *out = rv_normalise(stored);
    size_t i;
    json_t *c;
    json_array_foreach(given, i, c) {
        int k = rv_component_index(json_string_value(json_object_get(c, "component")));
        json_t *one = json_pack("[O]", c), *row = one ? rv_normalise(one) : NULL;
        if (out && row) json_array_set(out, (size_t)k, json_array_get(row, (size_t)k));
        json_decref(one);
        json_decref(row);
        if (!row) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

int h_review_forms_put(req_t *r) {
    const struct form_put *in = r->body_in;
    struct rv_error e[RV_ERRORS_MAX];
    const char *prop = in_choice(proposal_choices, in->proposal);
    size_t n = rv_check(in->components, prop, in->change_text, 0, e, RV_ERRORS_MAX);
    if (n) return form_invalid(r, e, n);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (form_begin(r, db, id, editable, LOCKED, &before) < 0) return -1;
    json_t *comps = in->has_components
                        ? merge_components(json_object_get(before, "components"), in->components)
                        : rv_normalise(json_object_get(before, "components"));
    char *text = comps ? json_dumps(comps, JSON_COMPACT) : NULL;
    json_decref(comps);
    if (!text) {
        db_rollback(db);
        json_decref(before);
        return res_no_memory(r);
    }
    const char *old_prop = json_string_value(json_object_get(before, "proposal"));
    const char *old_change = json_string_value(json_object_get(before, "change_text"));
    int rc = db_exec(db,
                     "UPDATE review_forms SET components_json = ?, proposal = ?, change_text = ? "
                     "WHERE id = ?",
                     "sssi", text, in->has_proposal ? prop : old_prop,
                     in->has_change_text ? in->change_text : old_change, id) < 0;
    free(text);
    return form_commit(r, db, rc, "review_form.update", id, before);
}

int h_review_forms_submit(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (form_begin(r, db, id, editable, "Phiếu đã gửi hoặc đã được tiếp nhận.", &before) < 0)
        return -1;
    struct rv_error e[RV_ERRORS_MAX];
    size_t n =
        rv_check(json_object_get(before, "components"),
                 json_string_value(json_object_get(before, "proposal")),
                 json_string_value(json_object_get(before, "change_text")), 1, e, RV_ERRORS_MAX);
    if (n) {
        db_rollback(db);
        json_decref(before);
        return form_invalid(r, e, n);
    }
    int rc = db_exec(db,
                     "UPDATE review_forms SET status = 'submitted', submitted_at = NOW(), "
                     "submitted_by = ?, return_reason = NULL WHERE id = ?",
                     "ii", r->user->user_id, id) < 0;
    if (!rc) rc = form_notify(db, "review.submitted", before, NULL) < 0;
    return form_commit(r, db, rc, "review_form.submit", id, before);
}

static const char *const submitted[] = {"submitted", NULL};

int h_review_forms_accept(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (form_begin(r, db, id, submitted, "Chỉ tiếp nhận được phiếu đã gửi.", &before) < 0)
        return -1;
    const char *prop = json_string_value(json_object_get(before, "proposal"));
    int rc = db_exec(db,
                     "UPDATE review_forms SET status = 'accepted', decided_at = NOW(), "
                     "decided_by = ? WHERE id = ?",
                     "ii", r->user->user_id, id) < 0;
    /* The accepted form's change becomes a simplification proposal awaiting the decision. */
    if (!rc && prop && strcmp(prop, "keep") != 0)
        rc = db_exec(db,
                     "INSERT INTO review_proposals (form_id, procedure_id, unit_id, kind, "
                     "change_text) SELECT id, procedure_id, unit_id, proposal, change_text FROM "
                     "review_forms WHERE id = ?",
                     "i", id) < 0;
    if (!rc) rc = form_notify(db, "review.accepted", before, NULL) < 0;
    return form_commit(r, db, rc, "review_form.accept", id, before);
}

struct form_return {
    const char *reason;
};
static const struct in_decl form_return_fields[] = {
    IN_FIELD(struct form_return, reason, IN_STR, IN_REQUIRED, 1, 2000, NULL),
};
const struct in_spec in_review_forms_return = IN_SPEC(struct form_return, form_return_fields);

int h_review_forms_return(req_t *r) {
    const struct form_return *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (form_begin(r, db, id, submitted, "Chỉ trả lại được phiếu đã gửi.", &before) < 0) return -1;
    int rc = db_exec(db,
                     "UPDATE review_forms SET status = 'returned', decided_at = NOW(), "
                     "decided_by = ?, return_reason = ? WHERE id = ?",
                     "isi", r->user->user_id, in->reason, id) < 0;
    if (!rc) rc = form_notify(db, "review.returned", before, in->reason) < 0;
    return form_commit(r, db, rc, "review_form.return", id, before);
}
