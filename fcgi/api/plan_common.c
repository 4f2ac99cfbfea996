/* What plan handlers share: visibility and write checks, timeline columns, unit resolution and
 * the expansion of unit groups into assignments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"
#include "api/units.h"
#include "core/access.h"
#include "core/progress.h"
#include "core/unitmatch.h"
#include "core/vnfold.h"

int plan_find(db_t *db, const struct principal *p, long long plan_id, json_t **out) {
    *out = NULL;
    /* A plan is visible in its owner's subtree, province-wide, and to units it assigns work to
     * (a commune reads the province plan it carries out). */
    return db_query_row_json(
        db, out,
        "SELECT p.id, p.unit_id, un.name AS unit_name, un.level AS unit_level, p.year, p.kind, "
        "p.title, p.decision_no, p.decision_date, p.status, p.source_plan_id, p.published_at, "
        "p.closed_at, p.created_at, p.updated_at FROM plans p JOIN units un ON un.id = p.unit_id "
        "WHERE p.id = ? AND (? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = "
        "? AND c.descendant_id = p.unit_id) OR EXISTS (SELECT 1 FROM tasks t JOIN assignments a "
        "ON a.task_id = t.id JOIN unit_closure c ON c.descendant_id = a.unit_id AND "
        "c.ancestor_id = ? WHERE t.plan_id = p.id))",
        "iiii", plan_id, (long long)scope_province_wide(p), p->unit_id, p->unit_id);
}

json_t *plan_visible(db_t *db, const struct principal *p, long long plan_id) {
    json_t *plan;
    return plan_find(db, p, plan_id, &plan) == 1 ? plan : NULL;
}

int plan_full_view(db_t *db, const struct principal *p, json_t *plan) {
    if (scope_province_wide(p)) return 1;
    long long one;
    return db_query_int(db, &one,
                        "SELECT 1 FROM unit_closure WHERE ancestor_id = ? AND descendant_id = ?",
                        "ii", p->unit_id, json_integer_value(json_object_get(plan, "unit_id")));
}

int plan_writable(db_t *db, const struct principal *p, json_t *plan) {
    struct access_who w = who_of(p);
    if (!access_allows(&w, "plans.write")) return 0;
    long long owner = json_integer_value(json_object_get(plan, "unit_id"));
    /* Coordinators edit the province's plans; others their own subtree's. */
    if (p->coordinator || strcmp(p->role, "admin") == 0) return scope_has_unit(db, p, owner);
    long long one;
    return db_query_int(db, &one,
                        "SELECT 1 FROM unit_closure WHERE ancestor_id = ? AND descendant_id = ?",
                        "ii", p->unit_id, owner);
}

int task_visible(db_t *db, const struct principal *p, long long task_id) {
    long long plan_id = 0;
    int found = db_query_int(db, &plan_id, "SELECT plan_id FROM tasks WHERE id = ?", "i", task_id);
    if (found <= 0) return found;
    json_t *plan = NULL;
    found = plan_find(db, p, plan_id, &plan);
    json_decref(plan);
    return found;
}

int assignment_scope(db_t *db, const struct principal *p, long long unit_id, long long plan_id) {
    int ok = scope_has_unit(db, p, unit_id);
    if (ok != 0) return ok;
    json_t *plan = NULL;
    ok = plan_find(db, p, plan_id, &plan);
    if (ok == 1) ok = plan_writable(db, p, plan);
    json_decref(plan);
    return ok;
}

int assignment_visible(db_t *db, const struct principal *p, long long id) {
    json_t *row = NULL;
    int found = db_query_row_json(db, &row,
                                  "SELECT a.unit_id, t.plan_id FROM assignments a JOIN tasks t ON "
                                  "t.id = a.task_id WHERE a.id = ?",
                                  "i", id);
    if (found == 1)
        found = assignment_scope(db, p, json_integer_value(json_object_get(row, "unit_id")),
                                 json_integer_value(json_object_get(row, "plan_id")));
    json_decref(row);
    return found;
}

int plan_may_create(db_t *db, const struct principal *p, long long unit_id) {
    int in = scope_has_unit(db, p, unit_id);
    if (in <= 0) return in;
    json_t *owner = json_pack("{s:I}", "unit_id", (json_int_t)unit_id);
    int may = plan_writable(db, p, owner);
    json_decref(owner);
    return may;
}

long long plan_begin_insert(req_t *r, db_t *db, const struct plan_new *p) {
    int ok = plan_may_create(db, r->user, p->unit_id);
    if (ok < 0) return db_fail(r, db);
    if (ok == 0) {
        req_error(r, "unit_id", "Bạn không thể lập kế hoạch cho đơn vị này.");
        return res_invalid(r);
    }
    char *folded = vnfold_dup(p->title);
    if (!folded) return res_no_memory(r);
    if (db_begin(db) < 0 ||
        db_exec(db,
                "INSERT INTO plans (unit_id, year, kind, title, title_folded, decision_no, "
                "decision_date, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "iisssssi", p->unit_id, p->year, p->kind, p->title, folded, p->decision_no,
                p->decision_date, r->user->user_id) < 0) {
        free(folded);
        return db_fail(r, db);
    }
    free(folded);
    return db_last_id(db);
}

/* Loads a plan for writing: 404 when invisible, 403 when read-only for this principal. */
json_t *plan_for_write(req_t *r, db_t *db, long long id) {
    json_t *plan;
    int found = plan_find(db, r->user, id, &plan);
    if (found <= 0) {
        if (found < 0)
            db_fail(r, db);
        else
            not_found(r, "kế hoạch");
        return NULL;
    }
    int may = plan_writable(db, r->user, plan);
    if (may < 0) {
        json_decref(plan);
        db_fail(r, db);
        return NULL;
    }
    if (!may) {
        json_decref(plan);
        res_problem(r, 403, NULL, "Bạn chỉ được xem kế hoạch này, không được sửa.");
        return NULL;
    }
    return plan;
}

char *task_timeline(const char *text, int year, const char **kind, char start[11], char due[11]) {
    struct timeline t;
    timeline_parse(text ? text : "", year, &t);
    *kind = timeline_kind_name(t.kind);
    start[0] = due[0] = '\0';
    if (t.start.y) tl_date_str(t.start, start);
    if (t.due.y) tl_date_str(t.due, due);
    json_t *j = timeline_to_json(&t, NULL);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

/* Appends to c->units each alias of row i (its JSON array, kept alive in c->aliases) as another
 * entry of the same unit. */
static void add_aliases(struct unit_catalog *c, size_t i, const struct um_unit *u) {
    const char *text = db_val(c->res, i, 5);
    json_t *a = text ? json_loads(text, 0, NULL) : NULL, *v;
    size_t k;
    if (!json_is_array(a)) {
        json_decref(a);
        return;
    }
    json_array_append_new(c->aliases, a);
    json_array_foreach(a, k, v) {
        if (!json_is_string(v) || c->n >= c->cap) continue;
        c->units[c->n] = *u;
        c->units[c->n++].name = json_string_value(v);
    }
}

int unit_catalog_load(db_t *db, struct unit_catalog *c, long long owner_id) {
    memset(c, 0, sizeof *c);
    /* near: the depth below the owner, unless the owner is the province itself (a province
     * plan's "Phòng Tư pháp" is no district's office in particular) */
    c->res = db_query(db,
                      "SELECT u.id, u.name, u.code, u.level, COALESCE(u.parent_id, 0), u.aliases, "
                      "COALESCE((SELECT k.depth FROM unit_closure k JOIN units o ON o.id = "
                      "k.ancestor_id WHERE k.ancestor_id = ? AND k.descendant_id = u.id AND "
                      "k.depth > 0 AND o.level <> 'province'), 0) FROM units u WHERE u.valid_to "
                      "IS NULL",
                      "i", owner_id);
    if (!c->res) return -1;
    c->cap = c->res->nrows + 1;
    /* room for the aliases: an office keeps its short name and up to 10 more (rule_check);
     * add_aliases drops any beyond */
    for (size_t i = 0; i < c->res->nrows; i++) c->cap += db_val(c->res, i, 5) ? 11 : 0;
    c->units = calloc(c->cap, sizeof *c->units);
    c->aliases = json_array();
    if (!c->units || !c->aliases) return -1;
    for (size_t i = 0; i < c->res->nrows; i++) {
        struct um_unit u = {db_int(c->res, i, 0), db_val(c->res, i, 1), db_val(c->res, i, 2),
                            db_val(c->res, i, 3), db_int(c->res, i, 4), (int)db_int(c->res, i, 6)};
        c->units[c->n++] = u;
        add_aliases(c, i, &u);
    }
    return 0;
}

void unit_catalog_free(struct unit_catalog *c) {
    free(c->units);
    db_res_free(c->res);
    json_decref(c->aliases);
    memset(c, 0, sizeof *c);
}

json_t *unit_catalog_resolve(const struct unit_catalog *c, const char *text) {
    return unit_catalog_resolve_aliased(c, text, NULL, 0);
}

json_t *unit_catalog_resolve_aliased(const struct unit_catalog *c, const char *text,
                                     const struct um_alias *al, size_t nal) {
    json_t *out = json_array();
    struct um_ref *refs = NULL;
    size_t n = 0;
    if (!out || !text || !*text) return out;
    if (unitmatch_split_aliased(text, al, nal, &refs, &n) < 0 ||
        unitmatch_resolve_aliased(refs, n, c->units, c->n, al, nal) < 0) {
        unitmatch_free(refs, n);
        json_decref(out);
        return NULL; /* out of memory */
    }
    for (size_t i = 0; i < n; i++) {
        const char *g = unitmatch_group_name(refs[i].group);
        json_t *u = json_pack("{s:s, s:o, s:o}", "text", refs[i].text, "unit_id",
                              refs[i].unit_id ? json_integer(refs[i].unit_id) : json_null(),
                              "group", g ? json_string(g) : json_null());
        if (u && refs[i].via_alias > 0 && (size_t)refs[i].via_alias <= nal) {
            json_object_set_new(u, "alias_of", json_string(al[refs[i].via_alias - 1].name));
            json_object_set_new(u, "note", json_string("Theo tên gọi tắt trong văn bản."));
        }
        json_array_append_new(out, u);
    }
    unitmatch_free(refs, n);
    return out;
}

int resolve_unit_text(db_t *db, const char *text, long long owner_id, json_t **out) {
    struct unit_catalog c;
    *out = NULL;
    if (unit_catalog_load(db, &c, owner_id) < 0) {
        unit_catalog_free(&c);
        return -1; /* a database error, not "no unit named" */
    }
    *out = unit_catalog_resolve(&c, text);
    unit_catalog_free(&c);
    return *out ? 0 : -2;
}

static const char *group_level(const char *group) {
    if (!group) return "";
    if (strcmp(group, "departments") == 0) return "department";
    if (strcmp(group, "districts") == 0) return "district";
    if (strcmp(group, "communes") == 0) return "commune";
    return ""; /* "related" units cannot be named until someone picks them */
}

static const char *level_due(json_t *timeline, const char *level) {
    json_t *v = json_object_get(json_object_get(timeline, "levels"), level);
    return json_string_value(v);
}

/* Inserts the assignments of one unit list (lead first, so a unit named in both stays lead). */
static int expand_list(db_t *db, long long task_id, long long owner, const char *role, json_t *list,
                       const char *due, json_t *tl) {
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u) {
        long long unit_id = json_integer_value(json_object_get(u, "unit_id"));
        const char *lv = group_level(json_string_value(json_object_get(u, "group")));
        if (!unit_id && !*lv) continue;
        if (db_exec(db,
                    "INSERT INTO assignments (task_id, unit_id, role, due_date) SELECT ?, "
                    "un.id, ?, COALESCE(CASE un.level WHEN 'commune' THEN ? WHEN 'district' THEN "
                    "? WHEN 'department' THEN ? WHEN 'province' THEN ? END, ?) FROM units un JOIN "
                    "unit_closure c ON c.descendant_id = un.id AND c.ancestor_id = ? WHERE "
                    "(un.id = ? OR un.level = ?) AND un.valid_to IS NULL ON DUPLICATE KEY UPDATE "
                    "assignments.id = assignments.id",
                    "issssssiis", task_id, role, level_due(tl, "commune"),
                    level_due(tl, "district"), level_due(tl, "department"),
                    level_due(tl, "province"), due, owner, unit_id, lv) < 0)
            return -1;
    }
    return 0;
}

int plan_expand_assignments(db_t *db, long long plan_id, long long only_task) {
    struct db_res *res = db_query(db,
                                  "SELECT t.id, t.lead_json, t.coop_json, t.due_date, "
                                  "t.timeline_json, p.unit_id FROM tasks t JOIN plans p ON p.id = "
                                  "t.plan_id WHERE t.plan_id = ? AND (? = 0 OR t.id = ?)",
                                  "iii", plan_id, only_task, only_task);
    if (!res) return -1;
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        json_t *lead = json_loads(db_val(res, i, 1) ? db_val(res, i, 1) : "[]", 0, NULL);
        json_t *coop = json_loads(db_val(res, i, 2) ? db_val(res, i, 2) : "[]", 0, NULL);
        json_t *tl = json_loads(db_val(res, i, 4) ? db_val(res, i, 4) : "{}", 0, NULL);
        long long task = db_int(res, i, 0), owner = db_int(res, i, 5);
        rc = expand_list(db, task, owner, "lead", lead, db_val(res, i, 3), tl);
        if (rc == 0) rc = expand_list(db, task, owner, "coop", coop, db_val(res, i, 3), tl);
        json_decref(lead);
        json_decref(coop);
        json_decref(tl);
    }
    db_res_free(res);
    return rc;
}

unsigned timeline_recurrence_bits(json_t *tl) {
    json_t *rec = json_object_get(tl, "recurrence");
    unsigned bits = 0;
    for (unsigned b = 1; b <= TL_REC_YEARLY; b <<= 1) {
        const char *name = timeline_recur_name(b);
        if (json_is_string(rec) && strcmp(json_string_value(rec), name) == 0) bits |= b;
        size_t k;
        json_t *v;
        json_array_foreach(rec, k, v) {
            if (json_is_string(v) && strcmp(json_string_value(v), name) == 0) bits |= b;
        }
    }
    const char *kind = json_string_value(json_object_get(tl, "kind"));
    /* Continuous work is reported every quarter unless the plan says otherwise. */
    if (!bits && kind && strcmp(kind, "continuous") == 0) bits = TL_REC_QUARTERLY;
    return bits;
}

static struct ymd row_date(json_t *row, const char *key) {
    struct ymd d = {0, 0, 0};
    const char *s = json_string_value(json_object_get(row, key));
    if (s) ymd_parse(s, &d);
    return d;
}

void assignment_add_state(json_t *row, unsigned recurrence, const struct holidays *h,
                          struct ymd today) {
    struct asg_facts f = {.status = json_string_value(json_object_get(row, "status")),
                          .today = today,
                          .recurrence = recurrence,
                          .due = row_date(row, "due_date"),
                          .done = row_date(row, "done_date"),
                          .start = row_date(row, "start_date"),
                          .last_update = row_date(row, "last_update")};
    struct asg_state st;
    assignment_state(&f, h, DUE_SOON_DAYS, &st);
    json_object_set_new(row, "state", json_string(st.state));
    json_object_set_new(row, "overdue", json_boolean(st.overdue));
    json_object_set_new(row, "due_soon", json_boolean(st.due_soon));
    json_object_set_new(row, "missing_report", json_boolean(st.missing_report));
    json_object_set_new(row, "recurring", json_boolean(recurrence != 0));
    /* The finest period the task reports on: monthly, quarterly, half_yearly, yearly. */
    unsigned bit = recurrence & (~recurrence + 1u);
    json_object_set_new(row, "report_every",
                        bit ? json_string(timeline_recur_name(bit)) : json_null());
    json_object_del(row, "last_update");
}

int plan_touch(db_t *db, long long plan_id) {
    /* updated_at keeps saying when the plan's own row last changed. */
    return db_exec(db,
                   "UPDATE plans SET version = version + 1, updated_at = updated_at WHERE id = ?",
                   "i", plan_id) < 0
               ? -1
               : 0;
}

int plan_touch_of_task(db_t *db, long long task_id) {
    return db_exec(db,
                   "UPDATE plans p JOIN tasks t ON t.plan_id = p.id SET p.version = p.version + 1, "
                   "p.updated_at = p.updated_at WHERE t.id = ?",
                   "i", task_id) < 0
               ? -1
               : 0;
}
