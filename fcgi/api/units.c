/* /api/v1/units: the organisation tree with history (rename, move, merge, retire), and scope. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/common.h"
#include "api/kpi.h"
#include "api/unit_offices.h"
#include "api/units.h"
#include "core/access.h"
#include "core/vnfold.h"
#include "lib/buf.h"

static const char *const levels[] = {"province", "department", "district", "commune",
                                     "vertical", "onestop",    "office",   NULL};

#define UNIT_COLS                                                                                  \
    "u.id, u.code, u.name, u.level, u.parent_id, u.coordinator, u.valid_from, u.valid_to, "        \
    "u.successor_id, u.sort_order, (u.valid_to IS NULL OR u.valid_to >= CURDATE()) AS active, "    \
    "COALESCE(u.aliases, '[]') AS aliases__json"

int scope_province_wide(const struct principal *p) {
    struct access_who w = who_of(p);
    return access_province_wide(&w);
}

int scope_unit_filter(req_t *r, db_t *db, long long unit_id) {
    if (!unit_id) return 0;
    int in = scope_has_unit(db, r->user, unit_id);
    if (in < 0) return db_fail(r, db);
    return in ? 0 : not_found(r, "đơn vị");
}

void scope_unit_name(db_t *db, const struct principal *p, long long unit_id, char *out,
                     size_t cap) {
    json_t *u = NULL;
    long long id = unit_id ? unit_id : scope_province_wide(p) ? 0 : p->unit_id;
    snprintf(out, cap, "toàn tỉnh");
    int found = id ? db_query_row_json(db, &u, "SELECT name FROM units WHERE id = ?", "i", id) : 0;
    if (found == 1) snprintf(out, cap, "%s", json_string_value(json_object_get(u, "name")));
    json_decref(u);
}

int scope_has_unit(db_t *db, const struct principal *p, long long unit_id) {
    long long one;
    int rc;
    if (scope_province_wide(p))
        rc = db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i", unit_id);
    else
        rc = db_query_int(db, &one,
                          "SELECT 1 FROM unit_closure WHERE ancestor_id = ? AND descendant_id = ?",
                          "ii", p->unit_id, unit_id);
    return rc;
}

static int fold_names(db_t *db) {
    struct db_res *res = db_query(db, "SELECT id, name FROM units WHERE name_folded = ''", NULL);
    if (!res) return -1;
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        char *f = vnfold_dup(db_val(res, i, 1));
        rc = !f || db_exec(db, "UPDATE units SET name_folded = ? WHERE id = ?", "si", f,
                           db_int(res, i, 0)) < 0;
        free(f);
    }
    db_res_free(res);
    return rc ? -1 : 0;
}

int units_refresh_derived(db_t *db) {
    /* Figures and plan tables name units and follow subtrees: a unit's change is a change of
     * every cached answer (units change a few times a year). */
    if (fold_names(db) < 0 || kpi_data_bump(db) < 0 ||
        db_exec(db, "UPDATE plans SET version = version + 1, updated_at = updated_at", NULL) < 0)
        return -1;
    if (db_exec(db, "DELETE FROM unit_closure", NULL) < 0) return -1;
    /* A merged unit's effective parent is its successor, so its records roll up there; a
     * parent a reorganisation took away stays an ancestor too (unit_parent_history), so the old
     * subtree's figures stay whole. The depth bound stops a cycle (prevented by validation)
     * from running away. */
    return db_exec(db,
                   "INSERT INTO unit_closure (ancestor_id, descendant_id, depth) "
                   "WITH RECURSIVE eff AS (SELECT id, COALESCE(successor_id, parent_id) AS p FROM "
                   "units UNION SELECT unit_id, parent_id FROM unit_parent_history), c AS (SELECT "
                   "id AS a, id AS d, 0 AS depth FROM units UNION ALL SELECT "
                   "e.p, c.d, c.depth + 1 FROM c JOIN eff e ON e.id = c.a WHERE e.p IS NOT NULL "
                   "AND c.depth < 32) SELECT a, d, MIN(depth) FROM c GROUP BY a, d",
                   NULL) < 0
               ? -1
               : 0;
}

/* 1 with *out set, 0 when there is no such unit, -1 on a database error. */
static int load_unit(db_t *db, long long id, json_t **out) {
    *out = NULL;
    return db_query_row_json(db, out, "SELECT " UNIT_COLS " FROM units u WHERE u.id = ?", "i", id);
}

/* Only a province-wide administrator reshapes the province; other admins keep to their subtree. */
static int province_admin(const req_t *r) {
    struct access_who w = who_of(r->user);
    return access_province_admin(&w);
}

/* Answers 403 (rolling back an open transaction), returning -1. */
static int forbid(req_t *r, db_t *db, const char *detail) {
    if (db_in_txn(db)) db_rollback(db);
    res_problem(r, 403, NULL, detail);
    return -1;
}

/* 1 when a non-province admin may administer the unit (in its subtree), 0 when not, -1 on a
 * database error; province admins administer every unit. */
static int administers(req_t *r, db_t *db, long long unit_id) {
    return province_admin(r) ? 1 : scope_has_unit(db, r->user, unit_id);
}

/* Nests the flat list (sorted) under parent_id; units whose parent is absent become roots. */
static json_t *build_tree(json_t *flat) {
    json_t *by_id = json_object(), *roots = json_array();
    size_t i;
    json_t *u;
    char key[32];
    json_array_foreach(flat, i, u) {
        json_object_set_new(u, "children", json_array());
        snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(u, "id")));
        json_object_set(by_id, key, u);
    }
    json_array_foreach(flat, i, u) {
        json_t *pid = json_object_get(u, "parent_id");
        json_t *parent = NULL;
        if (json_is_integer(pid)) {
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(pid));
            parent = json_object_get(by_id, key);
        }
        json_array_append(parent ? json_object_get(parent, "children") : roots, u);
    }
    json_decref(by_id);
    return roots;
}

struct units_list_query {
    int level; /* levels[], -1 = any */
    long long parent_id;
    struct ymd active_on;
    const char *q;
    int tree;
    struct page page;
};
static const struct in_decl units_list_fields[] = {
    IN_FIELD(struct units_list_query, level, IN_ENUM, 0, 0, 0, levels),
    IN_FIELD(struct units_list_query, parent_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct units_list_query, active_on, IN_DATE, 0, 0, 0, NULL),
    IN_FIELD(struct units_list_query, q, IN_STR, 0, 0, 200, NULL),
    IN_FIELD(struct units_list_query, tree, IN_BOOL, 0, 0, 0, NULL),
};
const struct in_spec in_units_list =
    IN_SPEC_PAGED(struct units_list_query, units_list_fields, 100, 1000);

int h_units_list(req_t *r) {
    const struct units_list_query *in = r->query_in;
    char day[11];
    const char *level = in_choice(levels, in->level), *q = in->q;
    const char *active_on = in_date_str(in->active_on, day);
    long long parent_id = in->parent_id;
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char folded[256] = "";
    if (q) vnfold(q, strlen(q), folded, sizeof folded);
    /* q made only of punctuation folds to nothing: it then matches codes only, not everything. */
    if (q && !folded[0]) snprintf(folded, sizeof folded, "%s", q);
    char like[600];
    like_contains(folded, like, sizeof like);
    const char *where = " FROM units u WHERE (? IS NULL OR u.level = ?) AND (? = 0 OR u.parent_id "
                        "= ?) AND (? IS NULL OR (u.valid_from <= ? AND (u.valid_to IS NULL OR "
                        "u.valid_to >= ?))) AND (? = '' OR u.name_folded LIKE ? OR u.code = ?)";
    char sql[1400];
    if (in->tree) {
        snprintf(sql, sizeof sql,
                 "SELECT " UNIT_COLS "%s ORDER BY u.level = 'province' DESC, "
                 "u.sort_order, u.name, u.id",
                 where);
        json_t *items = db_query_json(db, sql,
                                      "ssiisssss"
                                      "s",
                                      level, level, parent_id, parent_id, active_on, active_on,
                                      active_on, folded, like, q ? q : "");
        if (!items) return db_fail(r, db);
        json_t *roots = build_tree(items);
        json_decref(items);
        res_json(r, 200, json_pack("{s:o}", "items", roots));
        return 0;
    }
    long long total = 0;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql,
                     "ssiisssss"
                     "s",
                     level, level, parent_id, parent_id, active_on, active_on, active_on, folded,
                     like, q ? q : "") < 0)
        return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "SELECT " UNIT_COLS "%s ORDER BY u.level = 'province' DESC, "
             "u.parent_id, u.sort_order, u.name, u.id LIMIT ? OFFSET ?",
             where);
    json_t *items = db_query_json(db, sql,
                                  "ssiisssss"
                                  "sii",
                                  level, level, parent_id, parent_id, active_on, active_on,
                                  active_on, folded, like, q ? q : "", pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}

int h_units_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *u;
    int rc = load_unit(db, req_param_id(r, "id"), &u);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) return not_found(r, "đơn vị");
    res_json(r, 200, u);
    return 0;
}

/* The level a parent must have for a child of each level. */
static int parent_level_ok(const char *child, const char *parent) {
    if (strcmp(child, "province") == 0) return parent == NULL;
    if (!parent) return 0;
    if (strcmp(child, "commune") == 0) return strcmp(parent, "district") == 0;
    if (strcmp(child, "onestop") == 0) return 1; /* desks exist at every level */
    if (strcmp(child, "office") == 0) return unit_office_parent_ok(parent);
    return strcmp(parent, "province") == 0;
}

/* Checks parent_id for a unit of level; adds a field error when wrong (-1), or answers a
 * database error (-2). */
static int check_parent(req_t *r, db_t *db, const char *level, long long parent_id,
                        long long self_id) {
    json_t *p = NULL;
    int found = parent_id ? load_unit(db, parent_id, &p) : 0;
    if (found < 0) return -2;
    if (parent_id && found == 0) {
        req_error(r, "parent_id", "Đơn vị cấp trên không tồn tại.");
        return -1;
    }
    const char *plevel = p ? json_string_value(json_object_get(p, "level")) : NULL;
    int ok = parent_level_ok(level, plevel);
    json_decref(p);
    if (!ok) {
        req_error(r, "parent_id", "Đơn vị cấp trên không phù hợp với cấp của đơn vị.");
        return -1;
    }
    if (self_id && parent_id) {
        long long one;
        int below = db_query_int(db, &one,
                                 "SELECT 1 FROM unit_closure WHERE ancestor_id = ? AND "
                                 "descendant_id = ?",
                                 "ii", self_id, parent_id);
        if (below < 0) return -2;
        if (below == 1) {
            req_error(r, "parent_id", "Không thể chuyển đơn vị vào chính đơn vị cấp dưới của nó.");
            return -1;
        }
    }
    return 0;
}

/* Answers the result of check_parent: 422 for field errors, 503/500 for a database error. */
static int parent_failed(req_t *r, db_t *db, int rc) {
    if (rc == -2) return db_fail(r, db);
    if (db_in_txn(db)) db_rollback(db);
    return res_invalid(r);
}

/* A non-province admin may place a unit only under a parent in its own subtree (so nothing moves
 * across subtrees) and may never set the coordinator flag, which makes a unit province-wide.
 * Returns 0 when allowed, -1 after answering. */
static int check_shape(req_t *r, db_t *db, long long parent_id, int sets_coordinator) {
    if (province_admin(r)) return 0;
    if (sets_coordinator)
        return forbid(r, db, "Chỉ quản trị viên cấp tỉnh được đặt đơn vị điều phối.");
    int in = parent_id ? scope_has_unit(db, r->user, parent_id) : 0;
    if (in < 0) return db_fail(r, db);
    if (in == 0)
        return forbid(r, db,
                      "Đơn vị cấp trên phải thuộc phạm vi quản lý của bạn; chỉ quản trị viên cấp "
                      "tỉnh được chuyển đơn vị sang nhánh khác.");
    return 0;
}

static int write_unit_fail(req_t *r, db_t *db) {
    if (db_errno(db) == 1062) {
        db_rollback(db);
        req_error(r, "code", "Mã đơn vị đã tồn tại.");
        return res_invalid(r);
    }
    return db_fail(r, db);
}

/* The body of create (code, name and level required) and update (presence flags; the level
 * never changes). */
struct unit_input {
    const char *code, *name;
    int level; /* levels[] */
    long long parent_id, sort_order;
    int coordinator;
    struct ymd valid_from;
    json_t *aliases; /* the other names documents use for it (plan import matching) */
    int has_code, has_name, has_parent_id, has_coordinator, has_sort_order, has_aliases;
};
#define UNIT_FIELD(m, type, flags, min, max, choices)                                              \
    IN_FIELD_HAS(struct unit_input, m, type, flags, min, max, choices, has_##m)
static const struct in_decl unit_create_fields[] = {
    UNIT_FIELD(code, IN_STR, IN_REQUIRED, 1, 32, NULL),
    UNIT_FIELD(name, IN_STR, IN_REQUIRED, 2, 255, NULL),
    IN_FIELD(struct unit_input, level, IN_ENUM, IN_REQUIRED, 0, 0, levels),
    UNIT_FIELD(parent_id, IN_ID, IN_NULLABLE, 0, 0, NULL),
    UNIT_FIELD(coordinator, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD(struct unit_input, valid_from, IN_DATE, 0, 0, 0, NULL),
    UNIT_FIELD(sort_order, IN_INT, 0, 0, 100000, NULL),
    UNIT_FIELD(aliases, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
static const struct in_decl unit_update_fields[] = {
    UNIT_FIELD(code, IN_STR, 0, 1, 32, NULL),
    UNIT_FIELD(name, IN_STR, 0, 2, 255, NULL),
    UNIT_FIELD(parent_id, IN_ID, IN_NULLABLE, 0, 0, NULL),
    UNIT_FIELD(coordinator, IN_BOOL, 0, 0, 0, NULL),
    UNIT_FIELD(sort_order, IN_INT, 0, 0, 100000, NULL),
    UNIT_FIELD(aliases, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_units_create = IN_SPEC(struct unit_input, unit_create_fields);
const struct in_spec in_units_update = IN_SPEC(struct unit_input, unit_update_fields);

/* The aliases as stored (a compact JSON array, or NULL for none) into *out (malloc'd); 0, or -1
 * after a field error. Why a cap of 11 of 2-200 bytes: the plan import's unit catalogue keeps a
 * unit's short name and up to 10 more (plan_common.c), the same bound the standard offices'
 * rule set checks; an exact repeat or the unit's own name adds nothing. */
static int aliases_text(req_t *r, const json_t *a, const char *name, char **out) {
    *out = NULL;
    if (!a || json_is_null(a) || (json_is_array(a) && json_array_size(a) == 0)) return 0;
    if (!json_is_array(a) || json_array_size(a) > 11) {
        req_error(r, "aliases", "Tên gọi khác là danh sách tối đa 11 chuỗi.");
        return -1;
    }
    size_t i, k;
    json_t *v;
    json_array_foreach(a, i, v) {
        const char *s = json_string_value(v);
        size_t n = s ? strlen(s) : 0;
        if (n < 2 || n > 200 || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1])) {
            req_error(r, "aliases",
                      "Mỗi tên gọi khác là chuỗi từ 2 đến 200 ký tự, không có "
                      "khoảng trắng ở đầu hoặc cuối.");
            return -1;
        }
        int repeat = name && strcmp(s, name) == 0;
        for (k = 0; k < i && !repeat; k++)
            repeat = strcmp(s, json_string_value(json_array_get(a, k))) == 0;
        if (repeat) {
            req_error(r, "aliases", "Tên gọi khác bị trùng (với tên đơn vị hoặc tên khác).");
            return -1;
        }
    }
    *out = json_dumps(a, JSON_COMPACT);
    return *out ? 0 : -1;
}

int h_units_create(req_t *r) {
    const struct unit_input *in = r->body_in;
    const char *level = levels[in->level];
    long long parent_id = in->parent_id;
    char day[11];
    char *aliases;
    if (aliases_text(r, in->aliases, in->name, &aliases) < 0) return res_invalid(r);
    db_t *db = db_or_503(r);
    if (!db) {
        free(aliases);
        return -1;
    }
    if (check_shape(r, db, parent_id, in->coordinator) < 0) {
        free(aliases);
        return -1;
    }
    int pc = check_parent(r, db, level, parent_id, 0);
    if (pc < 0) {
        free(aliases);
        return parent_failed(r, db, pc);
    }
    long long ins =
        db_begin(db) < 0
            ? -1
            : db_exec(db,
                      "INSERT INTO units (code, name, level, parent_id, coordinator, "
                      "valid_from, sort_order, aliases) VALUES (?, ?, ?, ?, ?, "
                      "COALESCE(?, CURDATE()), ?, ?)",
                      "sssIisis", in->code, in->name, level, parent_id, (long long)in->coordinator,
                      in_date_str(in->valid_from, day), in->sort_order, aliases);
    free(aliases);
    if (ins < 0) return write_unit_fail(r, db);
    long long id = db_last_id(db);
    json_t *after = NULL;
    if (units_refresh_derived(db) < 0 || load_unit(db, id, &after) != 1) return db_fail(r, db);
    return commit_write(r, db, 0, "unit.create", "unit", id, NULL, after, 201);
}

int h_units_update(req_t *r) {
    const struct unit_input *in = r->body_in;
    long long parent_id = in->parent_id;
    int has_parent = in->has_parent_id, has_coord = in->has_coordinator;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    int may = administers(r, db, id);
    if (may < 0) return db_fail(r, db);
    if (may == 0) return not_found(r, "đơn vị");
    json_t *before;
    if (begin_locked_row(r, db, &before,
                         "SELECT " UNIT_COLS " FROM units u WHERE u.id = ? FOR UPDATE", id,
                         "đơn vị") < 0)
        return -1;
    /* Resending a field unchanged (a whole form) is no change; only a real change is checked. */
    json_t *cur_parent = json_object_get(before, "parent_id");
    int moves =
        has_parent && !(json_is_integer(cur_parent) && json_integer_value(cur_parent) == parent_id);
    int recoordinates =
        has_coord && in->coordinator != json_is_true(json_object_get(before, "coordinator"));
    if ((moves || recoordinates) && !province_admin(r) && id == r->user->unit_id) {
        json_decref(before);
        return forbid(r, db,
                      "Chỉ quản trị viên cấp tỉnh được chuyển hoặc đổi vai trò đơn vị của bạn.");
    }
    if ((moves || recoordinates) && check_shape(r, db, moves ? parent_id : 0, recoordinates) < 0) {
        json_decref(before);
        return -1;
    }
    const char *level = json_string_value(json_object_get(before, "level"));
    int pc = moves ? check_parent(r, db, level, parent_id, id) : 0;
    if (pc < 0) {
        json_decref(before);
        return parent_failed(r, db, pc);
    }
    char *aliases = NULL;
    const char *name = in->has_name ? in->name : json_string_value(json_object_get(before, "name"));
    if (in->has_aliases && aliases_text(r, in->aliases, name, &aliases) < 0) {
        json_decref(before);
        db_rollback(db);
        return res_invalid(r);
    }
    long long rc = db_exec(
        db,
        "UPDATE units SET code = IF(?, ?, code), name = IF(?, ?, name), name_folded = IF(?, '', "
        "name_folded), parent_id = IF(?, ?, parent_id), coordinator = IF(?, ?, coordinator), "
        "sort_order = IF(?, ?, sort_order), aliases = IF(?, ?, aliases) WHERE id = ?",
        "isisiiIiiiiisi", (long long)in->has_code, in->code, (long long)in->has_name, in->name,
        (long long)in->has_name, (long long)has_parent, parent_id, (long long)has_coord,
        (long long)in->coordinator, (long long)in->has_sort_order, in->sort_order,
        (long long)in->has_aliases, aliases, id);
    free(aliases);
    if (rc < 0) {
        json_decref(before);
        return write_unit_fail(r, db);
    }
    json_t *after = NULL;
    if (units_refresh_derived(db) < 0 || load_unit(db, id, &after) != 1 ||
        audit_write(db, r, moves ? "unit.move" : "unit.update", "unit", id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, 200, after);
    return 0;
}

/* Checks the end of a unit for a non-province admin: the unit and its successor in its subtree,
 * and never its own unit (that reshapes the level above). 0 when allowed, -1 after answering. */
static int check_end_scope(req_t *r, db_t *db, long long id, long long successor_id) {
    if (province_admin(r)) return 0;
    int in = scope_has_unit(db, r->user, id);
    if (in < 0) return db_fail(r, db);
    if (in == 0) return not_found(r, "đơn vị");
    if (id == r->user->unit_id)
        return forbid(r, db,
                      "Chỉ quản trị viên cấp tỉnh được sáp nhập hoặc giải thể đơn vị của bạn.");
    in = successor_id ? scope_has_unit(db, r->user, successor_id) : 1;
    if (in < 0) return db_fail(r, db);
    if (in == 0) return forbid(r, db, "Đơn vị tiếp nhận phải thuộc phạm vi quản lý của bạn.");
    return 0;
}

/* Field errors for ending the unit before (locked) on date; -1 on a database error. */
static int check_end(req_t *r, db_t *db, json_t *before, long long id, long long successor_id,
                     const char *date) {
    long long one;
    const char *from = json_string_value(json_object_get(before, "valid_from"));
    if (from && strcmp(date, from) < 0) {
        req_error(r, "date", "Ngày kết thúc không được trước ngày bắt đầu hiệu lực của đơn vị.");
    } else if (!json_is_null(json_object_get(before, "valid_to"))) {
        req_error(r, "id", "Đơn vị đã ngừng hoạt động hoặc đã sáp nhập.");
    } else if (successor_id) {
        json_t *s = NULL;
        int found = load_unit(db, successor_id, &s);
        int below = found == 1 ? db_query_int(db, &one,
                                              "SELECT 1 FROM unit_closure WHERE ancestor_id = ? "
                                              "AND descendant_id = ?",
                                              "ii", id, successor_id)
                               : 0;
        int ended = found == 1 && !json_is_null(json_object_get(s, "valid_to"));
        json_decref(s);
        if (found < 0 || below < 0) return -1;
        if (found == 0 || successor_id == id || ended)
            req_error(r, "successor_id", "Đơn vị tiếp nhận không hợp lệ hoặc đã ngừng hoạt động.");
        else if (below == 1)
            req_error(r, "successor_id", "Không thể sáp nhập vào đơn vị cấp dưới của chính nó.");
    } else {
        int kids = db_query_int(db, &one,
                                "SELECT 1 FROM units WHERE parent_id = ? AND valid_to IS NULL "
                                "LIMIT 1",
                                "i", id);
        if (kids < 0) return -1;
        if (kids == 1)
            req_error(r, "id",
                      "Đơn vị còn đơn vị cấp dưới đang hoạt động: hãy chuyển hoặc sáp nhập "
                      "chúng trước.");
    }
    return 0;
}

/* Ends a unit's validity on date, optionally naming its successor (merge). */
static int end_unit(req_t *r, long long successor_id, const char *date) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (check_end_scope(r, db, id, successor_id) < 0) return -1;
    json_t *before;
    if (begin_locked_row(r, db, &before,
                         "SELECT " UNIT_COLS " FROM units u WHERE u.id = ? FOR UPDATE", id,
                         "đơn vị") < 0)
        return -1;
    if (check_end(r, db, before, id, successor_id, date) < 0) {
        json_decref(before);
        return db_fail(r, db);
    }
    if (req_has_errors(r)) {
        json_decref(before);
        db_rollback(db);
        return res_invalid(r);
    }
    json_t *after = NULL;
    int rc = db_exec(db, "UPDATE units SET valid_to = ?, successor_id = ? WHERE id = ?", "sIi",
                     date, successor_id, id) < 0;
    if (!rc) rc = units_refresh_derived(db) < 0 || load_unit(db, id, &after) != 1;
    if (!rc)
        rc = audit_write(db, r, successor_id ? "unit.merge" : "unit.retire", "unit", id, before,
                         after) < 0;
    json_decref(before);
    if (rc || db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    res_json(r, 200, after);
    return 0;
}

/* The body of merge (successor_id and date) and retire (date only). */
struct unit_end_input {
    long long successor_id;
    struct ymd date;
};
static const struct in_decl unit_merge_fields[] = {
    IN_FIELD(struct unit_end_input, successor_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct unit_end_input, date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
static const struct in_decl unit_retire_fields[] = {
    IN_FIELD(struct unit_end_input, date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_units_merge = IN_SPEC(struct unit_end_input, unit_merge_fields);
const struct in_spec in_units_retire = IN_SPEC(struct unit_end_input, unit_retire_fields);

/* Merge and retire: the successor is 0 when retiring. */
int h_units_end(req_t *r) {
    const struct unit_end_input *in = r->body_in;
    char day[11];
    return end_unit(r, in->successor_id, in_date_str(in->date, day));
}
