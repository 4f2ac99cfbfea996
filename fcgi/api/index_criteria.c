/* GET/PUT /api/v1/index/{year}/criteria?kind=, POST .../criteria/copy: a year's criteria tree
 * for departments or districts, checked by core/reform_index, locked once assessment starts. */
#include <stdio.h>
#include <stdlib.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"

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
    int locked = have < 0 ? -1 : ix_tree_locked(db, year, kind);
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
    /* the lock row: assessments of the kind, read under the write's transaction */
    int locked = ix_tree_locked(db, year, kind);
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
    int locked = ix_tree_locked(db, year, ix_kinds[in->kind]);
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
