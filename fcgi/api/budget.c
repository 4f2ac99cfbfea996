/* /api/v1/budget: the budget for controlling procedures (Thông tư 167/2012/TT-BTC) per unit and
 * year: editable categories, allocation and spending lines in whole đồng, totals, export. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/common.h"
#include "api/registries.h"
#include "api/registries_common.h"
#include "api/units.h"
#include "server/server.h"

static const char *const kinds[] = {"allocation", "spending", NULL};
static const char *const line_bools[] = {"voided", NULL};
/* Ten trillion đồng: far above any provincial line, far below int64 and double's exact range. */
#define AMOUNT_MAX 10000000000000LL

int h_budget_categories_list(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = db_query_json(db,
                                  "SELECT id, code, name, sort_order, active FROM "
                                  "budget_categories ORDER BY sort_order, id",
                                  NULL);
    if (!items) return db_fail(r, db);
    res_json(r, 200, json_pack("{s:o}", "items", items));
    return 0;
}

struct cat_input {
    const char *code, *name;
    long long sort_order;
    int active;
    int has_name, has_sort_order, has_active;
};
static const struct in_decl cat_create_fields[] = {
    IN_FIELD(struct cat_input, code, IN_STR, IN_REQUIRED, 1, 32, NULL),
    IN_FIELD_HAS(struct cat_input, name, IN_STR, IN_REQUIRED, 1, 500, NULL, has_name),
    IN_FIELD_HAS(struct cat_input, sort_order, IN_INT, 0, 0, 100000, NULL, has_sort_order),
};
static const struct in_decl cat_update_fields[] = {
    IN_FIELD_HAS(struct cat_input, name, IN_STR, 0, 1, 500, NULL, has_name),
    IN_FIELD_HAS(struct cat_input, sort_order, IN_INT, 0, 0, 100000, NULL, has_sort_order),
    IN_FIELD_HAS(struct cat_input, active, IN_BOOL, 0, 0, 0, NULL, has_active),
};
const struct in_spec in_budget_categories_create = IN_SPEC(struct cat_input, cat_create_fields);
const struct in_spec in_budget_categories_update = IN_SPEC(struct cat_input, cat_update_fields);

#define CAT_ROW "SELECT id, code, name, sort_order, active FROM budget_categories WHERE id = ?"

int h_budget_categories_create(req_t *r) {
    const struct cat_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long dup = 0;
    if (db_query_int(db, &dup, "SELECT COUNT(*) FROM budget_categories WHERE code = ?", "s",
                     in->code) < 0)
        return db_fail(r, db);
    if (dup) {
        req_error(r, "code", "Mã nội dung chi này đã có.");
        return res_invalid(r);
    }
    int rc = db_begin(db) < 0 ||
             db_exec(db, "INSERT INTO budget_categories (code, name, sort_order) VALUES (?, ?, ?)",
                     "ssi", in->code, in->name, in->sort_order) < 0;
    long long id = rc ? 0 : db_last_id(db);
    json_t *after = NULL;
    int got = rc ? 0 : db_query_row_json(db, &after, CAT_ROW, "i", id);
    if (rc == 0 && got != 1) rc = 1;
    return commit_write(r, db, rc, "budget.category_create", "budget_category", id, NULL, after,
                        201);
}

int h_budget_categories_update(req_t *r) {
    const struct cat_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (begin_locked_row(r, db, &before, CAT_ROW " FOR UPDATE", id, "nội dung chi") < 0) return -1;
    /* A category is retired (active false), never deleted: old lines still name it. */
    int rc = db_exec(db,
                     "UPDATE budget_categories SET name = IF(?, ?, name), sort_order = IF(?, ?, "
                     "sort_order), active = IF(?, ?, active) WHERE id = ?",
                     "isiiiii", (long long)in->has_name, in->name, (long long)in->has_sort_order,
                     in->sort_order, (long long)in->has_active, (long long)in->active, id) < 0;
    json_t *after = NULL;
    int got = rc ? 0 : db_query_row_json(db, &after, CAT_ROW, "i", id);
    if (rc == 0 && got != 1) rc = 1;
    return commit_write(r, db, rc, "budget.category_update", "budget_category", id, before, after,
                        200);
}

struct budget_query {
    long long unit_id, year, category_id;
    int kind;
    struct page page;
};
static const struct in_decl budget_fields[] = {
    IN_FIELD(struct budget_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct budget_query, year, IN_INT, 0, 2000, 2100, NULL),
    IN_FIELD(struct budget_query, category_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct budget_query, kind, IN_ENUM, 0, 0, 0, kinds),
};
const struct in_spec in_budget_get = IN_SPEC_PAGED(struct budget_query, budget_fields, 50, 500);
const struct in_spec in_budget_export = IN_SPEC(struct budget_query, budget_fields);

#define LINE_COLS                                                                                  \
    "b.id, b.unit_id, un.name AS unit_name, b.year, b.category_id, c.code AS category_code, "      \
    "c.name AS category_name, b.kind, b.amount, b.line_date, b.note, (b.voided_at IS NOT NULL) "   \
    "AS voided, b.created_at"
#define LINE_FROM                                                                                  \
    " FROM budget_lines b JOIN units un ON un.id = b.unit_id JOIN budget_categories c ON c.id = "  \
    "b.category_id"
/* The unit's own lines of the year (not its subtree: each unit keeps its own budget). */
#define LINE_WHERE                                                                                 \
    " WHERE b.unit_id = ? AND b.year = ? AND b.voided_at IS NULL AND (? = 0 OR b.category_id = "   \
    "?) AND (? IS NULL OR b.kind = ?)"

/* The unit (the caller's own unless given, in scope) and year (this one unless given). */
static int budget_target(req_t *r, db_t *db, const struct budget_query *in, long long *unit,
                         long long *year) {
    *unit = in->unit_id ? in->unit_id : r->user->unit_id;
    if (in->year)
        *year = in->year;
    else {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        *year = tm.tm_year + 1900;
    }
    return scope_unit_filter(r, db, *unit);
}

/* Per category (every active one, and any retired one with lines): allocation, spending. */
static json_t *budget_totals(db_t *db, long long unit, long long year) {
    json_t *cats = db_query_json(
        db,
        "SELECT c.id AS category_id, c.code, c.name, CAST(COALESCE(SUM(CASE WHEN b.kind = "
        "'allocation' THEN b.amount END), 0) AS SIGNED) AS allocation, CAST(COALESCE(SUM(CASE WHEN "
        "b.kind = 'spending' THEN b.amount END), 0) AS SIGNED) AS spending FROM budget_categories "
        "c "
        "LEFT JOIN budget_lines b ON b.category_id = c.id AND b.unit_id = ? AND b.year = ? AND "
        "b.voided_at IS NULL GROUP BY c.id, c.code, c.name, c.sort_order, c.active HAVING c.active "
        "= 1 OR COUNT(b.id) > 0 ORDER BY c.sort_order, c.id",
        "ii", unit, year);
    if (!cats) return NULL;
    long long alloc = 0, spent = 0;
    size_t i;
    json_t *c;
    json_array_foreach(cats, i, c) {
        long long a = json_integer_value(json_object_get(c, "allocation")),
                  s = json_integer_value(json_object_get(c, "spending"));
        alloc += a;
        spent += s;
        json_object_set_new(c, "balance", json_integer(a - s));
    }
    return json_pack("{s:I,s:I,s:I,s:o}", "allocation", alloc, "spending", spent, "balance",
                     alloc - spent, "by_category", cats);
}

int h_budget_get(req_t *r) {
    const struct budget_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long unit, year, total = 0;
    if (budget_target(r, db, in, &unit, &year) < 0) return -1;
    const char *kind = in_choice(kinds, in->kind);
    const struct page *pg = &in->page;
    if (db_query_int(db, &total, "SELECT COUNT(*)" LINE_FROM LINE_WHERE, "iiiiss", unit, year,
                     in->category_id, in->category_id, kind, kind) < 0)
        return db_fail(r, db);
    json_t *items = db_query_json(db,
                                  "SELECT " LINE_COLS LINE_FROM LINE_WHERE
                                  " ORDER BY c.sort_order, b.kind, b.line_date, b.id LIMIT ? "
                                  "OFFSET ?",
                                  "iiiissii", unit, year, in->category_id, in->category_id, kind,
                                  kind, pg->per_page, pg->offset);
    json_t *totals = items ? budget_totals(db, unit, year) : NULL;
    json_t *u = NULL;
    int got =
        totals ? db_query_row_json(db, &u, "SELECT id, code, name, level FROM units WHERE id = ?",
                                   "i", unit)
               : -1;
    if (got != 1) {
        json_decref(items);
        json_decref(totals);
        return db_fail(r, db);
    }
    json_t *env = list_envelope(reg_bools(items, line_bools), total, pg);
    json_object_set_new(env, "unit", u);
    json_object_set_new(env, "year", json_integer(year));
    json_object_set_new(env, "totals", totals);
    res_json(r, 200, env);
    return 0;
}

static const struct reg_col budget_cols[] = {
    {"Mã", "code", 10, 0},
    {"Nội dung chi", "name", 60, 0},
    {"Dự toán được giao (đồng)", "allocation", 20, 1},
    {"Đã chi (đồng)", "spending", 20, 1},
    {"Còn lại (đồng)", "balance", 20, 1},
};

int h_budget_export(req_t *r) {
    const struct budget_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long unit, year;
    if (budget_target(r, db, in, &unit, &year) < 0) return -1;
    json_t *totals = budget_totals(db, unit, year);
    if (!totals) return db_fail(r, db);
    json_t *rows = json_deep_copy(json_object_get(totals, "by_category"));
    json_array_append_new(rows, json_pack("{s:s,s:O,s:O,s:O}", "name", "Tổng cộng", "allocation",
                                          json_object_get(totals, "allocation"), "spending",
                                          json_object_get(totals, "spending"), "balance",
                                          json_object_get(totals, "balance")));
    json_decref(totals);
    char name[300], title[800];
    reg_unit_name(db, unit, name, sizeof name);
    snprintf(title, sizeof title,
             "KINH PHÍ KIỂM SOÁT TTHC (Thông tư 167/2012/TT-BTC) — %s — năm %lld", name, year);
    return reg_xlsx(r, "Kinh phí", title, budget_cols, 5, rows, "kinh-phi-kstt.xlsx");
}

struct line_input {
    long long unit_id, year, category_id, amount;
    int kind, voided;
    struct ymd line_date;
    const char *note;
    int has_category_id, has_amount, has_line_date, has_note, has_voided;
};
static const struct in_decl line_create_fields[] = {
    IN_FIELD(struct line_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct line_input, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
    IN_FIELD(struct line_input, category_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct line_input, kind, IN_ENUM, IN_REQUIRED, 0, 0, kinds),
    IN_FIELD(struct line_input, amount, IN_INT, IN_REQUIRED, 1, AMOUNT_MAX, NULL),
    IN_FIELD(struct line_input, line_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct line_input, note, IN_STR, IN_NULLABLE, 1, 1000, NULL),
};
static const struct in_decl line_update_fields[] = {
    IN_FIELD_HAS(struct line_input, category_id, IN_ID, 0, 0, 0, NULL, has_category_id),
    IN_FIELD_HAS(struct line_input, amount, IN_INT, 0, 1, AMOUNT_MAX, NULL, has_amount),
    IN_FIELD_HAS(struct line_input, line_date, IN_DATE, IN_NULLABLE, 0, 0, NULL, has_line_date),
    IN_FIELD_HAS(struct line_input, note, IN_STR, IN_NULLABLE, 1, 1000, NULL, has_note),
    IN_FIELD_HAS(struct line_input, voided, IN_BOOL, 0, 0, 0, NULL, has_voided),
};
const struct in_spec in_budget_lines_create = IN_SPEC(struct line_input, line_create_fields);
const struct in_spec in_budget_lines_update = IN_SPEC(struct line_input, line_update_fields);

/* 0 when category id is active, -1 after a field error or a database failure (-2). */
static int check_category(req_t *r, db_t *db, long long id) {
    long long active = 0;
    if (db_query_int(db, &active, "SELECT active FROM budget_categories WHERE id = ?", "i", id) < 0)
        return -2;
    if (!active) {
        req_error(r, "category_id", "Nội dung chi không tồn tại hoặc đã ngừng sử dụng.");
        return -1;
    }
    return 0;
}

#define LINE_ROW "SELECT " LINE_COLS LINE_FROM " WHERE b.id = ?"

int h_budget_lines_create(req_t *r) {
    const struct line_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int in_scope = scope_has_unit(db, r->user, in->unit_id);
    if (in_scope < 0) return db_fail(r, db);
    if (!in_scope) req_error(r, "unit_id", "Đơn vị không tồn tại hoặc ngoài phạm vi quản lý.");
    if (check_category(r, db, in->category_id) == -2) return db_fail(r, db);
    if (req_has_errors(r)) return res_invalid(r);
    char d[11];
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO budget_lines (unit_id, year, category_id, kind, amount, "
                     "line_date, note, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     "iiisissi", in->unit_id, in->year, in->category_id, kinds[in->kind],
                     in->amount, in_date_str(in->line_date, d), in->note, r->user->user_id) < 0;
    long long id = rc ? 0 : db_last_id(db);
    json_t *after = NULL;
    int got = rc ? 0 : db_query_row_json(db, &after, LINE_ROW, "i", id);
    if (rc == 0 && got != 1) rc = 1;
    reg_bools(after, line_bools);
    return commit_write(r, db, rc, "budget.line_create", "budget_line", id, NULL, after, 201);
}

int h_budget_lines_update(req_t *r) {
    const struct line_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    int found = db_query_row_json(db, &before, LINE_ROW REG_SCOPE("b.unit_id"), "iii", id,
                                  reg_wide(r), r->user->unit_id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "dòng kinh phí");
    reg_bools(before, line_bools);
    if (json_is_true(json_object_get(before, "voided"))) {
        json_decref(before);
        return res_conflict(r, "Dòng kinh phí này đã hủy.", "[]");
    }
    int bad = in->has_category_id ? check_category(r, db, in->category_id) : 0;
    if (bad == -2) {
        json_decref(before);
        return db_fail(r, db);
    }
    if (bad) {
        json_decref(before);
        return res_invalid(r);
    }
    char d[11];
    /* A wrong line is voided, never deleted: the total it was part of stays explainable. */
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "UPDATE budget_lines SET category_id = IF(?, ?, category_id), amount = IF(?, "
                     "?, amount), line_date = IF(?, ?, line_date), note = IF(?, ?, note), "
                     "voided_at = IF(? AND ?, NOW(), voided_at) WHERE id = ? AND voided_at IS NULL",
                     "iiiiisisiii", (long long)in->has_category_id, in->category_id,
                     (long long)in->has_amount, in->amount, (long long)in->has_line_date,
                     in_date_str(in->line_date, d), (long long)in->has_note, in->note,
                     (long long)in->has_voided, (long long)in->voided, id) < 0;
    json_t *after = NULL;
    int got = rc ? 0 : db_query_row_json(db, &after, LINE_ROW, "i", id);
    if (rc == 0 && got != 1) rc = 1;
    reg_bools(after, line_bools);
    return commit_write(r, db, rc, "budget.line_update", "budget_line", id, before, after, 200);
}
