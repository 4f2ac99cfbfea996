/* POST /api/v1/units/{id}/offices: creates under a district, department or commune the standard
 * offices (phòng chuyên môn) that the rule set standard_offices lists for its level, skipping
 * those it has already; a preview lists them without writing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/unit_offices.h"
#include "api/units.h"
#include "core/period.h"
#include "core/vnfold.h"

#define UNIT_CODE_MAX 32  /* units.code */
#define UNIT_NAME_MAX 255 /* units.name */
#define NAMES_MAX     40  /* the subset asked for: at most a whole list (rule_check) */

#define PARENT_SQL                                                                                 \
    "SELECT id, code, name, level, valid_from, (valid_to IS NULL OR valid_to >= CURDATE()) AS "    \
    "active FROM units"

int unit_office_parent_ok(const char *parent) {
    return parent && (strcmp(parent, "district") == 0 || strcmp(parent, "department") == 0 ||
                      strcmp(parent, "commune") == 0);
}

static const char *jstr(json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The parent's name as it follows an office's: "UBND huyện Mỹ Lộc" -> "huyện Mỹ Lộc" (a local
 * government without its committee, in lower case as inside a sentence, the way the offices are
 * named: "Phòng Tư pháp huyện Mỹ Lộc"); any other name as it is ("Sở Tư pháp"). */
static void local_name(const char *name, char *out, size_t cap) {
    static const char *const committee[] = {"UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân ", NULL};
    for (int i = 0; committee[i]; i++) {
        size_t n = strlen(committee[i]);
        if (strncmp(name, committee[i], n) != 0 || !name[n]) continue;
        snprintf(out, cap, "%s", name + n);
        if (out[0] >= 'A' && out[0] <= 'Z') out[0] = (char)(out[0] - 'A' + 'a');
        return;
    }
    snprintf(out, cap, "%s", name);
}

/* 1 when name, folded, equals one of the folded names in kids ([{name_folded}]). */
static int has_child(json_t *kids, const char *name) {
    char f[600];
    size_t i;
    json_t *k;
    vnfold(name, strlen(name), f, sizeof f);
    json_array_foreach(kids, i, k) {
        if (strcmp(jstr(k, "name_folded"), f) == 0) return 1;
    }
    return 0;
}

/* The list for level in the version in force today (a new reference; empty when none). 0 / -1. */
static int standard_list(db_t *db, const char *level, json_t **out) {
    char today[11];
    json_t *row = NULL;
    ymd_format(calendar_today(), today);
    *out = NULL;
    if (db_query_row_json(db, &row,
                          "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                          "'standard_offices' AND effective_from <= ? ORDER BY effective_from "
                          "DESC LIMIT 1",
                          "s", today) < 0)
        return -1;
    json_t *l = json_object_get(json_object_get(row, "rules"), level);
    *out = json_is_array(l) ? json_incref(l) : json_array();
    json_decref(row);
    return 0;
}

/* 1 when names (NULL: all) picks the entry, by its name (folded) or its code suffix. */
static int picked(json_t *names, json_t *e) {
    char want[600], f[600];
    size_t i;
    json_t *n;
    if (!names) return 1;
    vnfold(jstr(e, "name"), strlen(jstr(e, "name")), f, sizeof f);
    json_array_foreach(names, i, n) {
        vnfold(json_string_value(n), strlen(json_string_value(n)), want, sizeof want);
        if (strcmp(f, want) == 0 || strcmp(jstr(e, "code_suffix"), json_string_value(n)) == 0)
            return 1;
    }
    return 0;
}

/* The entries of list that names picks, in the list's order, each with its place in the whole
 * list as sort_order: a new array, or NULL after a field error for a name the list lacks. */
static json_t *pick(req_t *r, json_t *list, json_t *names) {
    json_t *out = json_array(), *n, *e;
    size_t i, k;
    json_array_foreach(names, i, n) {
        json_t *one = json_pack("[O]", n);
        int known = 0;
        json_array_foreach(list, k, e) known |= picked(one, e);
        json_decref(one);
        if (known) continue;
        char msg[700];
        snprintf(msg, sizeof msg, "Không có trong danh sách phòng chuyên môn chuẩn: \"%s\".",
                 json_string_value(n));
        if (r) req_error(r, "names", msg); /* the demo's call names nothing: r is NULL */
        json_decref(out);
        return NULL;
    }
    json_array_foreach(list, k, e) {
        if (!picked(names, e)) continue;
        json_t *c = json_deep_copy(e);
        json_object_set_new(c, "sort_order", json_integer((json_int_t)k + 1));
        json_array_append_new(out, c);
    }
    return out;
}

/* Why the entry cannot be created (a Vietnamese reason), NULL when it can; *err on a db error. */
static const char *skip_reason(db_t *db, json_t *kids, const char *name, const char *short_name,
                               const char *code, int *err) {
    long long one;
    if (has_child(kids, name) || has_child(kids, short_name)) return "Đơn vị đã có phòng này.";
    if (strlen(code) > UNIT_CODE_MAX) return "Mã đơn vị quá dài.";
    if (strlen(name) > UNIT_NAME_MAX) return "Tên đơn vị quá dài.";
    int taken = db_query_int(db, &one, "SELECT 1 FROM units WHERE code = ?", "s", code);
    if (taken < 0) *err = 1;
    return taken == 1 ? "Mã đơn vị đã được dùng." : NULL;
}

/* Splits the entries into those to create ({code, name, short_name, aliases, sort_order,
 * level, parent_id}) and those skipped ({code, name, reason}). 0 / -1. */
static int plan_offices(db_t *db, json_t *parent, json_t *list, json_t *todo, json_t *skipped) {
    long long pid = json_integer_value(json_object_get(parent, "id"));
    char local[300];
    local_name(jstr(parent, "name"), local, sizeof local);
    json_t *kids = db_query_json(db,
                                 "SELECT name_folded FROM units WHERE parent_id = ? AND (valid_to "
                                 "IS NULL OR valid_to >= CURDATE())",
                                 "i", pid);
    if (!kids) return -1;
    size_t i;
    json_t *e;
    int err = 0;
    json_array_foreach(list, i, e) {
        char name[600], code[64];
        snprintf(name, sizeof name, "%s %s", jstr(e, "name"), local);
        snprintf(code, sizeof code, "%s-%s", jstr(parent, "code"), jstr(e, "code_suffix"));
        const char *why = skip_reason(db, kids, name, jstr(e, "name"), code, &err);
        if (err) break;
        if (why) {
            json_array_append_new(
                skipped, json_pack("{s:s, s:s, s:s}", "code", code, "name", name, "reason", why));
            continue;
        }
        /* the short name first: what a plan of the parent writes ("Phòng Tư pháp") */
        json_t *aliases = json_pack("[s]", jstr(e, "name"));
        if (json_is_array(json_object_get(e, "aliases")))
            json_array_extend(aliases, json_object_get(e, "aliases"));
        json_array_append_new(todo, json_pack("{s:s, s:s, s:s, s:o, s:I, s:s, s:I}", "code", code,
                                              "name", name, "short_name", jstr(e, "name"),
                                              "aliases", aliases, "sort_order",
                                              json_integer_value(json_object_get(e, "sort_order")),
                                              "level", "office", "parent_id", (json_int_t)pid));
    }
    json_decref(kids);
    return err ? -1 : 0;
}

/* Inserts the planned offices under parent, rebuilds the closure and appends the saved rows to
 * created. from_parent: valid from the parent's start (the demo), else from today at the
 * earliest. 0 / -1. */
static int insert_offices(db_t *db, json_t *parent, json_t *todo, int from_parent,
                          json_t *created) {
    long long pid = json_integer_value(json_object_get(parent, "id"));
    size_t i;
    json_t *t, *ids = json_array();
    json_array_foreach(todo, i, t) {
        char *al = json_dumps(json_object_get(t, "aliases"), JSON_COMPACT);
        long long rc =
            al ? db_exec(db,
                         "INSERT INTO units (code, name, level, parent_id, valid_from, "
                         "sort_order, aliases) SELECT ?, ?, 'office', id, IF(?, "
                         "valid_from, GREATEST(valid_from, CURDATE())), ?, ? FROM "
                         "units WHERE id = ?",
                         "ssiisi", jstr(t, "code"), jstr(t, "name"), (long long)from_parent,
                         json_integer_value(json_object_get(t, "sort_order")), al, pid)
               : -1;
        free(al);
        if (rc < 0) {
            json_decref(ids);
            return -1;
        }
        json_array_append_new(ids, json_integer(db_last_id(db)));
    }
    int rc = units_refresh_derived(db);
    json_array_foreach(ids, i, t) {
        json_t *u = NULL;
        int found = rc < 0 ? 0
                           : db_query_row_json(db, &u,
                                               "SELECT id, code, name, level, parent_id, "
                                               "valid_from, sort_order, aliases AS aliases__json "
                                               "FROM units WHERE id = ?",
                                               "i", json_integer_value(t));
        if (found != 1) rc = -1; /* the row just inserted is there, or the database failed */
        if (u) json_array_append_new(created, u);
    }
    json_decref(ids);
    return rc;
}

/* Field errors for a parent that cannot hold offices now. */
static void check_parent(req_t *r, json_t *parent) {
    if (!unit_office_parent_ok(jstr(parent, "level")))
        req_error(r, "id",
                  "Chỉ tạo được phòng chuyên môn dưới sở, ban, ngành, UBND cấp huyện hoặc cấp xã.");
    else if (!json_truthy(json_object_get(parent, "active")))
        req_error(r, "id", "Đơn vị đã ngừng hoạt động hoặc đã sáp nhập.");
}

static int check_names(req_t *r, json_t *names) {
    size_t i;
    json_t *n;
    if (!names) return 0;
    if (!json_is_array(names) || json_array_size(names) > NAMES_MAX) {
        req_error(r, "names", "Phải là danh sách tối đa 40 tên phòng.");
        return -1;
    }
    json_array_foreach(names, i, n) {
        if (json_is_string(n) && json_string_length(n) > 0 && json_string_length(n) <= 255)
            continue;
        req_error(r, "names", "Mỗi phần tử là tên (hoặc hậu tố mã) của một phòng chuẩn.");
        return -1;
    }
    return 0;
}

struct offices_input {
    int preview;
    json_t *names;
};
static const struct in_decl offices_fields[] = {
    IN_FIELD(struct offices_input, preview, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD(struct offices_input, names, IN_JSON, 0, 0, 0, NULL),
};
const struct in_spec in_unit_offices = IN_SPEC(struct offices_input, offices_fields);

/* The answer: the parent, what was (or would be) created, what was skipped and why. */
static json_t *answer(json_t *parent, int preview, json_t *items, json_t *skipped) {
    json_t *p = json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(parent, "id"), "code",
                          json_object_get(parent, "code"), "name", json_object_get(parent, "name"),
                          "level", json_object_get(parent, "level"));
    return json_pack("{s:b, s:o, s:O, s:O}", "preview", preview, "parent", p, "items", items,
                     "skipped", skipped);
}

/* The parent (locked when writing), checked, and the entries it gets: 1 ready, 0 answered (422
 * or 404), -1 db error. */
static int prepare(req_t *r, db_t *db, long long id, int lock, json_t **parent, json_t **list) {
    const struct offices_input *in = r->body_in;
    *parent = *list = NULL;
    int found = db_query_row_json(
        db, parent, lock ? PARENT_SQL " WHERE id = ? FOR UPDATE" : PARENT_SQL " WHERE id = ?", "i",
        id);
    if (found < 0) return -1;
    if (found == 0) {
        if (db_in_txn(db)) db_rollback(db);
        not_found(r, "đơn vị");
        return 0;
    }
    check_parent(r, *parent);
    json_t *all = NULL;
    if (!req_has_errors(r) && standard_list(db, jstr(*parent, "level"), &all) < 0) return -1;
    if (all) *list = pick(r, all, in->names);
    json_decref(all);
    if (req_has_errors(r)) {
        if (db_in_txn(db)) db_rollback(db);
        res_invalid(r);
        return 0;
    }
    return 1;
}

/* Creates the planned offices in the open transaction, audits and commits: 0 / -1 (db). */
static int create_all(req_t *r, db_t *db, json_t *parent, json_t *todo, json_t *skipped,
                      json_t *created) {
    long long id = json_integer_value(json_object_get(parent, "id"));
    if (json_array_size(todo) == 0) { /* nothing to write */
        db_rollback(db);
        return 0;
    }
    if (insert_offices(db, parent, todo, 0, created) < 0) return -1;
    json_t *after = json_pack("{s:O, s:O}", "created", created, "skipped", skipped);
    int rc = after && audit_write(db, r, "unit.offices", "unit", id, NULL, after) == 0 &&
                     db_commit(db) == 0
                 ? 0
                 : -1;
    json_decref(after);
    return rc;
}

int h_unit_offices(req_t *r) {
    const struct offices_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    /* an administrator's own subtree (everything for the province's): outside reads as missing */
    int may = scope_has_unit(db, r->user, id);
    if (may < 0) return db_fail(r, db);
    if (may == 0) return not_found(r, "đơn vị");
    if (check_names(r, in->names) < 0) return res_invalid(r);
    if (!in->preview && db_begin(db) < 0) return db_fail(r, db);
    json_t *parent, *list;
    int rc = prepare(r, db, id, !in->preview, &parent, &list);
    if (rc <= 0) {
        json_decref(parent);
        json_decref(list);
        return rc < 0 ? db_fail(r, db) : -1;
    }
    json_t *todo = json_array(), *skipped = json_array(), *created = json_array();
    rc = plan_offices(db, parent, list, todo, skipped);
    json_decref(list);
    if (rc == 0 && !in->preview) rc = create_all(r, db, parent, todo, skipped, created);
    if (rc == 0) {
        int made = json_array_size(created) > 0;
        res_json(r, made ? 201 : 200,
                 answer(parent, in->preview, in->preview ? todo : created, skipped));
    }
    json_decref(parent);
    json_decref(todo);
    json_decref(created);
    json_decref(skipped);
    return rc < 0 ? db_fail(r, db) : 0;
}

int unit_offices_demo(db_t *db, const char *parent_code) {
    json_t *parent = NULL, *list = NULL;
    json_t *todo = json_array(), *skipped = json_array(), *created = json_array();
    int rc = db_query_row_json(db, &parent, PARENT_SQL " WHERE code = ?", "s", parent_code);
    json_t *all = NULL;
    if (rc == 1) rc = standard_list(db, jstr(parent, "level"), &all) < 0 ? -1 : 1;
    if (rc == 1) list = pick(NULL, all, NULL);
    json_decref(all);
    if (rc == 1) rc = plan_offices(db, parent, list, todo, skipped) < 0 ? -1 : 1;
    if (rc == 1) rc = insert_offices(db, parent, todo, 1, created) < 0 ? -1 : 1;
    int n = rc < 0 ? -1 : (int)json_array_size(created);
    json_decref(parent);
    json_decref(list);
    json_decref(todo);
    json_decref(skipped);
    json_decref(created);
    return n;
}
