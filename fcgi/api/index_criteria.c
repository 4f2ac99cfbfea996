/* GET/PUT /api/v1/index/{year}/criteria?kind=, POST .../criteria/copy: a year's criteria tree
 * for departments or districts, checked by core/reform_index, locked once assessment starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "core/csv.h"
#include "core/xlsx.h"

static const struct in_decl kind_fields[] = {
    IN_FIELD(struct ix_kind_query, kind, IN_ENUM, IN_REQUIRED, 0, 0, ix_kinds),
};
const struct in_spec in_index_kind = IN_SPEC(struct ix_kind_query, kind_fields);

int h_index_criteria_get(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    const char *kind = ix_kinds[in->kind];
    struct ix_tree t;
    int have = ix_tree_load(db, year, kind, &t);
    int locked = have < 0 ? -1 : ix_tree_locked(db, year, kind, 0);
    if (have < 0 || locked < 0) {
        ix_tree_free(&t);
        return db_fail(r, db);
    }
    json_t *out = json_pack("{s:I, s:s, s:b, s:O}", "year", (json_int_t)year, "kind", kind,
                            "locked", locked, "criteria", t.json);
    ix_tree_free(&t);
    res_json(r, 200, out);
    return 0;
}

/* Checks tree with core/reform_index: 0, or -1 after answering 422 with every error. */
static int check_tree(req_t *r, json_t *tree) {
    struct ri_node *nodes = calloc(RI_NODES_MAX, sizeof *nodes);
    struct ri_error errs[RI_ERRORS_MAX];
    if (!nodes) return res_no_memory(r);
    size_t n = 0, ne = ri_tree_check(tree, nodes, RI_NODES_MAX, &n, errs, RI_ERRORS_MAX);
    free(nodes);
    for (size_t i = 0; i < ne && i < RI_ERRORS_MAX; i++) {
        char f[80];
        snprintf(f, sizeof f, "%s%.48s", errs[i].field[0] == '[' ? "criteria" : "", errs[i].field);
        req_error(r, f, errs[i].message);
    }
    return ne ? res_invalid(r) : 0;
}

/* Writes tree as (year, kind)'s, unless the year is locked (409); answers the stored tree. */
static int replace_tree(req_t *r, db_t *db, long long year, const char *kind, json_t *tree,
                        const char *action) {
    if (db_begin(db) < 0) return db_fail(r, db);
    int locked = ix_tree_locked(db, year, kind, 1);
    if (locked < 0) return db_fail(r, db);
    if (locked) {
        db_rollback(db);
        return res_conflict(r,
                            "Đã có đơn vị tự chấm điểm theo bộ tiêu chí của năm này: bộ tiêu chí "
                            "đã khoá.",
                            "[]");
    }
    struct ix_tree old;
    if (ix_tree_load(db, year, kind, &old) < 0 ||
        ix_tree_store(db, year, kind, tree, r->user->user_id) < 0) {
        ix_tree_free(&old);
        return db_fail(r, db);
    }
    json_t *before = json_incref(old.json),
           *now = json_pack("{s:I, s:s, s:b, s:O}", "year", (json_int_t)year, "kind", kind,
                            "locked", 0, "criteria", tree);
    ix_tree_free(&old);
    return commit_write(r, db, 0, action, "index_criteria", year, before, now, 200);
}

int h_index_criteria_put(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    json_t *tree = r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
    if (!json_is_array(tree)) {
        json_decref(tree);
        req_error(r, "criteria",
                  "Nội dung là danh sách chỉ tiêu [{code, name, max, method, params, source}].");
        return res_invalid(r);
    }
    int rc = check_tree(r, tree);
    if (rc == 0) rc = replace_tree(r, db, year, ix_kinds[in->kind], tree, "index.criteria");
    json_decref(tree);
    return rc;
}

int h_index_criteria_copy(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    /* a locked year says so before the previous year is looked for */
    int locked = ix_tree_locked(db, year, ix_kinds[in->kind], 0);
    if (locked < 0) return db_fail(r, db);
    if (locked) return res_conflict(r, "Bộ tiêu chí của năm này đã khoá.", "[]");
    struct ix_tree last;
    int have = ix_tree_load(db, year - 1, ix_kinds[in->kind], &last);
    if (have < 0) return db_fail(r, db);
    if (have == 0) {
        ix_tree_free(&last);
        return not_found(r, "bộ tiêu chí của năm trước");
    }
    int rc = replace_tree(r, db, year, ix_kinds[in->kind], last.json, "index.criteria.copy");
    ix_tree_free(&last);
    return rc;
}

/* The rows of an uploaded CSV or .xlsx into *sh (bounded): 0, or -1 after a 422 on "file". */
static int read_sheet(req_t *r, struct sheet *sh) {
    static const struct sheet_limits lim = {1000, 20000};
    char err[300] = "";
    sheet_init(sh);
    int rc = -1;
    if (r->body_len == 0)
        snprintf(err, sizeof err, "Chưa có tệp: hãy chọn tệp Excel (.xlsx) hoặc CSV.");
    else if (xlsx_sniff(r->body, r->body_len))
        rc = xlsx_read(r->body, r->body_len, sh, err, sizeof err);
    else
        rc = csv_read(r->body, r->body_len, sh, err, sizeof err);
    if (rc == 0) rc = sheet_check_limits(sh, &lim, err, sizeof err);
    if (rc == 0) return 0;
    sheet_free(sh);
    req_error(r, "file", err[0] ? err : "Không đọc được tệp.");
    return res_invalid(r);
}

/* The tree check's errors named by the sheet's rows ("rows[7].max"): 0, or -1 after a 422. */
static int check_rows(req_t *r, json_t *tree, const long *rows) {
    struct ri_node *nodes = calloc(RI_NODES_MAX, sizeof *nodes);
    struct ri_error errs[RI_ERRORS_MAX];
    if (!nodes) return res_no_memory(r);
    size_t n = 0, ne = ri_tree_check(tree, nodes, RI_NODES_MAX, &n, errs, RI_ERRORS_MAX);
    free(nodes);
    for (size_t i = 0; i < ne && i < RI_ERRORS_MAX; i++) {
        char f[80];
        unsigned long k = 0;
        const char *dot = strchr(errs[i].field, '.');
        if (errs[i].field[0] == '[' && sscanf(errs[i].field, "[%lu]", &k) == 1 && dot)
            snprintf(f, sizeof f, "rows[%ld]%.40s", rows[k], dot);
        else
            snprintf(f, sizeof f, "file");
        req_error(r, f, errs[i].message);
    }
    return ne ? res_invalid(r) : 0;
}

int h_index_criteria_import(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    struct sheet sh;
    if (read_sheet(r, &sh) < 0) return -1;
    long *rows = calloc(RI_NODES_MAX, sizeof *rows);
    const char *why = "Không đủ bộ nhớ để đọc tệp.";
    json_t *tree = rows ? ri_tree_from_sheet(&sh, rows, RI_NODES_MAX, &why) : NULL;
    sheet_free(&sh);
    int rc = -1;
    if (!tree) {
        req_error(r, "file", why);
        rc = res_invalid(r);
    } else if (check_rows(r, tree, rows) == 0) {
        rc = replace_tree(r, db, year, ix_kinds[in->kind], tree, "index.criteria.import");
    }
    json_decref(tree);
    free(rows);
    return rc;
}
