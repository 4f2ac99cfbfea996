/* POST /api/v1/units/reorganize: merges, retirements and moves of units from one date, with the
 * open work of ended units moved to their successors, previewed or applied in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/common.h"
#include "api/units.h"
#include "core/reorg.h"

struct reorg_input {
    struct ymd effective_from;
    int preview;
    json_t *merge, *retire, *move;
};
static const struct in_decl reorg_fields[] = {
    IN_FIELD(struct reorg_input, effective_from, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct reorg_input, preview, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD(struct reorg_input, merge, IN_JSON, 0, 0, 0, NULL),
    IN_FIELD(struct reorg_input, retire, IN_JSON, 0, 0, 0, NULL),
    IN_FIELD(struct reorg_input, move, IN_JSON, 0, 0, 0, NULL),
};
const struct in_spec in_units_reorganize = IN_SPEC(struct reorg_input, reorg_fields);

/* The open work that follows an ended unit to its successor. Rows that cannot follow (the
 * successor already has the same task or report period: a unique key) stay and are listed as
 * kept; finished work always stays with its historic unit. Each update takes (successor, unit)
 * and, where its rule reads one, a third id: the ended unit's or the successor's. */
struct movable {
    const char *key, *select, *update;
    int third_is_unit; /* the third id, if any: 1 the ended unit, 0 the successor */
};
static const struct movable movables[] = {
    /* Why accounts follow a merge only: a merged unit's successor is its peer, while a retired
     * unit's is the level above (the province, for a district), and an account moved there
     * would silently gain that unit's whole scope; those stay, listed as kept, for the
     * administrator to seat. */
    {"users", "SELECT id FROM users WHERE unit_id = ? ORDER BY id",
     "UPDATE users SET unit_id = ? WHERE unit_id = ? AND (SELECT level FROM units WHERE id = ?) "
     "= (SELECT level FROM units WHERE id = users.unit_id)",
     0},
    /* Why only work of plans still running (not closed, of the change's year or later): an
     * earlier year's plan is a record of that year; its unfinished items stay as they ended. */
    {"assignments",
     "SELECT a.id FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = "
     "t.plan_id WHERE a.unit_id = ? AND a.status <> 'done' ORDER BY a.id",
     "UPDATE IGNORE assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = "
     "t.plan_id SET a.unit_id = ? WHERE a.unit_id = ? AND a.status <> 'done' AND p.status <> "
     "'closed' AND p.year >= (SELECT YEAR(valid_to + INTERVAL 1 DAY) FROM units WHERE id = ?)",
     1},
    {"feedback",
     "SELECT id FROM feedback WHERE assigned_unit_id = ? AND status NOT IN ('rejected', "
     "'published', 'duplicate') ORDER BY id",
     "UPDATE feedback SET assigned_unit_id = ? WHERE assigned_unit_id = ? AND status NOT IN "
     "('rejected', 'published', 'duplicate')",
     0},
    {"reports",
     "SELECT id FROM reports WHERE unit_id = ? AND status IN ('draft', 'returned') ORDER BY id",
     "UPDATE IGNORE reports SET unit_id = ? WHERE unit_id = ? AND status IN ('draft', "
     "'returned')",
     0},
    /* review forms not yet sent for the coordinator's decision (or sent back) */
    {"review_forms",
     "SELECT id FROM review_forms WHERE unit_id = ? AND status IN ('draft', 'returned') ORDER BY "
     "id",
     "UPDATE IGNORE review_forms SET unit_id = ? WHERE unit_id = ? AND status IN ('draft', "
     "'returned')",
     0},
    /* Why only to a successor of the assessed kind: a department's or district's self-assessment
     * means nothing on a province or a commune (a retired district's successor), so it stays,
     * listed as kept, for the council to close; a merged department's goes on. */
    {"index_assessments",
     "SELECT id FROM ri_assessments WHERE unit_id = ? AND status IN ('draft', 'returned') ORDER "
     "BY id",
     "UPDATE IGNORE ri_assessments SET unit_id = ? WHERE unit_id = ? AND status IN ('draft', "
     "'returned') AND kind = (SELECT level FROM units WHERE id = ?)",
     0},
    /* inspections still planned: the successor is inspected, or inspects, in its place */
    {"inspections",
     "SELECT id FROM inspections WHERE unit_id = ? AND status = 'planned' ORDER BY id",
     "UPDATE inspections SET unit_id = ? WHERE unit_id = ? AND status = 'planned'", 0},
    {"inspections_led",
     "SELECT id FROM inspections WHERE inspecting_unit_id = ? AND status = 'planned' ORDER BY id",
     "UPDATE inspections SET inspecting_unit_id = ? WHERE inspecting_unit_id = ? AND status = "
     "'planned'",
     0},
};
#define NMOVABLES (sizeof movables / sizeof movables[0])

/* The request's state while it runs. */
struct run {
    req_t *r;
    db_t *db;
    const struct reorg_input *in;
    char eff[11];
    struct db_res *units; /* id, parent, successor, level, valid_from, ended, code, name */
    struct reorg_unit *u;
    size_t nu;
    struct reorg_plan plan;
    long long *new_ids; /* ids of plan.news once inserted */
    long long reorg_id;
    long long totals[NMOVABLES], kept;
};

static void add_error(void *ctx, const char *field, const char *msg) {
    req_error(ctx, field, msg);
}

/* Every unit, locked: two reorganisations never interleave. */
static int load_units(struct run *x) {
    x->units = db_query(x->db,
                        "SELECT id, COALESCE(parent_id, 0), COALESCE(successor_id, 0), level, "
                        "valid_from, valid_to IS NOT NULL, code, name FROM units ORDER BY id "
                        "FOR UPDATE",
                        NULL);
    if (!x->units) return -1;
    x->nu = x->units->nrows;
    x->u = calloc(x->nu ? x->nu : 1, sizeof *x->u);
    if (!x->u) return -1;
    for (size_t i = 0; i < x->nu; i++) {
        struct reorg_unit *u = &x->u[i];
        u->id = db_int(x->units, i, 0);
        u->parent_id = db_int(x->units, i, 1);
        u->successor_id = db_int(x->units, i, 2);
        snprintf(u->level, sizeof u->level, "%s", db_val(x->units, i, 3) ?: "");
        snprintf(u->valid_from, sizeof u->valid_from, "%s", db_val(x->units, i, 4) ?: "");
        u->ended = db_int(x->units, i, 5) != 0;
    }
    return 0;
}

/* The plan, checked against the units and the tree's history; 1 planned, 0 after a 422, -1 on a
 * database error. */
static int make_plan(struct run *x) {
    struct db_res *h = db_query(x->db, "SELECT unit_id, parent_id FROM unit_parent_history", NULL);
    if (!h) return -1;
    struct reorg_edge *e = calloc(h->nrows ? h->nrows : 1, sizeof *e);
    for (size_t i = 0; e && i < h->nrows; i++)
        e[i] = (struct reorg_edge){db_int(h, i, 0), db_int(h, i, 1)};
    int n = e ? reorg_plan_make(x->in->merge, x->in->retire, x->in->move, x->eff, x->u, x->nu, e,
                                h->nrows, &x->plan, add_error, x->r)
              : -1;
    free(e);
    db_res_free(h);
    if (n < 0) return -2;
    return n == 0;
}

/* The row of unit id in x->units, or -1. */
static long unit_row(const struct run *x, long long id) {
    for (size_t i = 0; i < x->nu; i++)
        if (x->u[i].id == id) return (long)i;
    return -1;
}

/* The id a change leads to (an inserted unit's when it names a new one). */
static long long to_id(const struct run *x, const struct reorg_change *c) {
    return c->to ? c->to : x->new_ids[c->target];
}

/* The merge whose "into" object has this code: its field, for a duplicate code. */
static void duplicate_code(struct run *x, const char *code) {
    size_t i;
    json_t *m;
    char f[64];
    json_array_foreach(x->in->merge, i, m) {
        const char *c = json_string_value(json_object_get(json_object_get(m, "into"), "code"));
        if (c && strcmp(c, code) == 0) {
            snprintf(f, sizeof f, "merge[%zu].into.code", i);
            req_error(x->r, f, "Mã đơn vị đã tồn tại.");
            return;
        }
    }
}

/* Inserts the units merges create; 1 done, 0 after a field error (duplicate code), -1 error. */
static int insert_news(struct run *x) {
    x->new_ids = calloc(x->plan.nnews ? x->plan.nnews : 1, sizeof *x->new_ids);
    if (!x->new_ids) return -1;
    for (size_t t = 0; t < x->plan.nnews; t++) {
        const struct reorg_new *nu = &x->plan.news[t];
        if (db_exec(x->db,
                    "INSERT INTO units (code, name, level, parent_id, valid_from) VALUES (?, ?, "
                    "?, ?, ?)",
                    "sssIs", nu->code, nu->name, nu->level, nu->parent_id, x->eff) < 0) {
            if (db_errno(x->db) != 1062) return -1;
            duplicate_code(x, nu->code);
            return 0;
        }
        x->new_ids[t] = db_last_id(x->db);
    }
    return 1;
}

static const char *const kind_names[] = {"merge", "retire", "move"};

/* One unit's audit row: its parent or its end, before and after. */
static int audit_change(struct run *x, const struct reorg_change *c, long long to) {
    json_t *before, *after;
    if (c->kind == REORG_MOVE) {
        before = json_pack("{s:I}", "parent_id", (json_int_t)c->from_parent);
        after = json_pack("{s:I, s:s}", "parent_id", (json_int_t)to, "from", x->eff);
    } else {
        before = json_pack("{s:n, s:n}", "valid_to", "successor_id");
        after = json_pack("{s:s, s:I}", "effective_from", x->eff, "successor_id", (json_int_t)to);
    }
    char action[32];
    snprintf(action, sizeof action, "unit.%s", kind_names[c->kind]);
    int rc = audit_write(x->db, x->r, action, "unit", c->id, before, after);
    json_decref(before);
    json_decref(after);
    return rc;
}

/* Applies one change to units and the history of effective parents. */
static int apply_change(struct run *x, const struct reorg_change *c) {
    long long to = to_id(x, c);
    long long rc =
        c->kind == REORG_MOVE
            ? db_exec(x->db, "UPDATE units SET parent_id = ? WHERE id = ?", "ii", to, c->id)
            : db_exec(x->db,
                      "UPDATE units SET valid_to = DATE_SUB(?, INTERVAL 1 DAY), successor_id = ? "
                      "WHERE id = ?",
                      "sii", x->eff, to, c->id);
    if (rc < 0) return -1;
    /* The former effective parent stays an ancestor in unit_closure (history intact). */
    if (c->keep_history && c->from_parent != to &&
        db_exec(x->db,
                "INSERT INTO unit_parent_history (unit_id, parent_id, valid_to, "
                "reorganization_id) VALUES (?, ?, DATE_SUB(?, INTERVAL 1 DAY), ?) ON DUPLICATE "
                "KEY UPDATE valid_to = VALUES(valid_to), reorganization_id = "
                "VALUES(reorganization_id)",
                "iisi", c->id, c->from_parent, x->eff, x->reorg_id) < 0)
        return -1;
    return x->in->preview ? 0 : audit_change(x, c, to);
}

/* The bind types of a movable's update: (successor, unit), or a third id its rule reads. */
static const char *params(const char *sql) {
    int n = 0;
    for (const char *p = sql; *p; p++) n += *p == '?';
    return n == 3 ? "iii" : "ii";
}

/* Moves one kind of open work from unit to its successor; sets moved and kept ids into o. */
static int move_kind(struct run *x, size_t k, long long unit, long long to, json_t *o) {
    const struct movable *m = &movables[k];
    json_t *before = ids_of(x->db, m->select, unit);
    if (!before) return -1;
    json_t *kept =
        db_exec(x->db, m->update, params(m->update), to, unit, m->third_is_unit ? unit : to) < 0
            ? NULL
            : ids_of(x->db, m->select, unit);
    if (!kept) {
        json_decref(before);
        return -1;
    }
    json_t *moved = json_array(), *v;
    size_t i, j;
    json_array_foreach(before, i, v) {
        int stays = 0;
        json_t *w;
        json_array_foreach(kept, j, w) stays |= json_integer_value(w) == json_integer_value(v);
        if (!stays) json_array_append(moved, v);
    }
    x->totals[k] += (long long)json_array_size(moved);
    x->kept += (long long)json_array_size(kept);
    json_object_set_new(o, m->key,
                        json_pack("{s:I, s:o, s:o}", "count", (json_int_t)json_array_size(moved),
                                  "ids", moved, "kept_ids", kept));
    json_decref(before);
    return 0;
}

/* The units a change names, for people reading the preview. */
static void put_names(const struct run *x, json_t *o, const char *key, long long id) {
    long i = unit_row(x, id);
    if (i < 0) return;
    json_object_set_new(o, key,
                        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code",
                                  db_val(x->units, i, 6), "name", db_val(x->units, i, 7)));
}

static json_t *change_json(const struct run *x, const struct reorg_change *c) {
    long long to = to_id(x, c);
    json_t *o =
        json_pack("{s:s, s:I, s:I, s:b, s:b}", "kind", kind_names[c->kind], "id", (json_int_t)c->id,
                  c->kind == REORG_MOVE ? "parent_id" : "successor_id", (json_int_t)to, "automatic",
                  c->automatic, "creates_successor", c->to == 0);
    put_names(x, o, "unit", c->id);
    put_names(x, o, "to", to);
    if (!c->to) {
        const struct reorg_new *nu = &x->plan.news[c->target];
        json_object_set_new(
            o, "to",
            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)to, "code", nu->code, "name", nu->name));
    }
    json_object_set_new(o, "from_parent_id",
                        c->from_parent ? json_integer(c->from_parent) : json_null());
    return o;
}

/* Applies every change and moves the open work of ended units; the answer's body into *out. */
static int apply_all(struct run *x, json_t *changes, json_t *moves) {
    for (size_t i = 0; i < x->plan.nchanges; i++) {
        const struct reorg_change *c = &x->plan.changes[i];
        if (apply_change(x, c) < 0) return -1;
        json_array_append_new(changes, change_json(x, c));
        if (c->kind == REORG_MOVE) continue;
        json_t *o = json_pack("{s:I, s:I}", "unit_id", (json_int_t)c->id, "successor_id",
                              (json_int_t)to_id(x, c));
        json_array_append_new(moves, o);
        for (size_t k = 0; k < NMOVABLES; k++)
            if (move_kind(x, k, c->id, to_id(x, c), o) < 0) return -1;
    }
    return units_refresh_derived(x->db);
}

static json_t *created_json(const struct run *x) {
    json_t *a = json_array();
    for (size_t t = 0; t < x->plan.nnews; t++) {
        const struct reorg_new *nu = &x->plan.news[t];
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)x->new_ids[t], "code",
                         nu->code, "name", nu->name, "level", nu->level, "parent_id",
                         nu->parent_id ? json_integer(nu->parent_id) : json_null()));
    }
    return a;
}

static json_t *totals_json(const struct run *x) {
    json_t *o = json_object();
    for (size_t k = 0; k < NMOVABLES; k++)
        json_object_set_new(o, movables[k].key, json_integer(x->totals[k]));
    json_object_set_new(o, "kept", json_integer(x->kept));
    return o;
}

/* The record of the reorganisation (its id ties the history rows to it). */
static int insert_record(struct run *x) {
    char *req = json_dumps(x->r->json, JSON_COMPACT);
    long long rc = db_exec(x->db,
                           "INSERT INTO unit_reorganizations (effective_from, request_json, "
                           "result_json, actor_id) VALUES (?, ?, '{}', ?)",
                           "ssI", x->eff, req ? req : "{}", x->r->user->user_id);
    free(req);
    if (rc < 0) return -1;
    x->reorg_id = db_last_id(x->db);
    return 0;
}

/* Stores the result and the reorganisation's own audit row, then commits. */
static int finish(struct run *x, json_t *out) {
    char *res = json_dumps(out, JSON_COMPACT);
    int rc = !res || db_exec(x->db, "UPDATE unit_reorganizations SET result_json = ? WHERE id = ?",
                             "si", res, x->reorg_id) < 0;
    free(res);
    if (!rc)
        rc = audit_write(x->db, x->r, "unit.reorganize", "unit_reorganization", x->reorg_id, NULL,
                         out) < 0;
    return rc || db_commit(x->db) < 0 ? -1 : 0;
}

/* Runs the plan inside the open transaction and answers; a preview rolls everything back. */
static int run_plan(struct run *x) {
    if (insert_record(x) < 0) return db_fail(x->r, x->db);
    int ins = insert_news(x);
    if (ins < 0) return db_fail(x->r, x->db);
    if (ins == 0) {
        db_rollback(x->db);
        return res_invalid(x->r);
    }
    json_t *changes = json_array(), *moves = json_array();
    if (apply_all(x, changes, moves) < 0) {
        json_decref(changes);
        json_decref(moves);
        return db_fail(x->r, x->db);
    }
    json_t *out = json_pack("{s:s, s:b, s:o, s:o, s:o, s:o}", "effective_from", x->eff, "preview",
                            x->in->preview, "created", created_json(x), "changes", changes, "moved",
                            moves, "totals", totals_json(x));
    if (x->in->preview) {
        db_rollback(x->db);
        json_object_set_new(out, "reorganization_id", json_null());
        res_json(x->r, 200, out);
        return 0;
    }
    json_object_set_new(out, "reorganization_id", json_integer(x->reorg_id));
    if (finish(x, out) < 0) {
        json_decref(out);
        return db_fail(x->r, x->db);
    }
    res_json(x->r, 201, out);
    return 0;
}

/* Why preview runs the real statements and rolls back: the list it shows is then exactly what
 * applying would do (new ids, unique-key conflicts, automatic moves), with no second
 * computation to keep in step; nothing of it stays. */
int h_units_reorganize(req_t *r) {
    struct run x = {.r = r, .in = r->body_in};
    in_date_str(x.in->effective_from, x.eff);
    x.db = db_or_503(r);
    if (!x.db) return -1;
    if (db_begin(x.db) < 0) return db_fail(r, x.db);
    int rc = load_units(&x) < 0 ? -1 : make_plan(&x);
    if (rc == -1) {
        rc = db_fail(r, x.db);
    } else if (rc == -2) {
        db_rollback(x.db);
        rc = res_no_memory(r);
    } else if (rc == 0) {
        db_rollback(x.db);
        rc = res_invalid(r);
    } else {
        rc = run_plan(&x);
    }
    if (db_in_txn(x.db)) db_rollback(x.db);
    reorg_plan_free(&x.plan);
    free(x.new_ids);
    free(x.u);
    db_res_free(x.units);
    return rc;
}
