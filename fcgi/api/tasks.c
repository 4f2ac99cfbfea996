/* Sections and tasks of a plan: create, edit, delete, and record the event an event-timed task
 * waits for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"
#include "api/units.h"
#include "core/vnfold.h"

static const char *const groups[] = {"departments", "districts", "communes", "related", NULL};

/* Loads the plan for writing (404 invisible, 403 read-only); closed plans are frozen (409). */
static json_t *writable_plan(req_t *r, db_t *db, long long plan_id) {
    json_t *plan = plan_for_write(r, db, plan_id);
    if (!plan) return NULL;
    if (strcmp(json_string_value(json_object_get(plan, "status")), "closed") == 0) {
        json_decref(plan);
        res_conflict(r, "Kế hoạch đã kết thúc, không thể sửa.", "[]");
        return NULL;
    }
    return plan;
}

/* Loads the plan a section belongs to for writing (see writable_plan). NULL after answering:
 * 404 when the section is missing, 503/500 on a database error. */
static json_t *section_plan(req_t *r, db_t *db, long long section_id) {
    long long plan_id = 0;
    int found = db_query_int(db, &plan_id, "SELECT plan_id FROM plan_sections WHERE id = ?", "i",
                             section_id);
    if (found <= 0) {
        if (found < 0)
            db_fail(r, db);
        else
            not_found(r, "mục");
        return NULL;
    }
    return writable_plan(r, db, plan_id);
}

/* The body of a section's create (title required) and update (presence flags). */
struct section_input {
    const char *number, *title;
    long long sort_order;
    int has_number, has_title, has_sort_order;
};
#define SECTION_FIELD(m, type, flags, min, max)                                                    \
    IN_FIELD_HAS(struct section_input, m, type, flags, min, max, NULL, has_##m)
#define SECTION_FIELDS(REQ)                                                                        \
    SECTION_FIELD(number, IN_STR, IN_NULLABLE, 1, 16), SECTION_FIELD(title, IN_STR, REQ, 2, 1000), \
        SECTION_FIELD(sort_order, IN_INT, 0, 0, 1000000)
static const struct in_decl section_create_fields[] = {SECTION_FIELDS(IN_REQUIRED)};
static const struct in_decl section_update_fields[] = {SECTION_FIELDS(0)};
const struct in_spec in_sections_create = IN_SPEC(struct section_input, section_create_fields);
const struct in_spec in_sections_update = IN_SPEC(struct section_input, section_update_fields);

int h_sections_create(req_t *r) {
    const struct section_input *in = r->body_in;
    const char *number = in->number, *title = in->title;
    long long sort = in->sort_order;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long plan_id = req_param_id(r, "id");
    json_t *plan = writable_plan(r, db, plan_id);
    if (!plan) return -1;
    json_decref(plan);
    if (db_begin(db) < 0 ||
        db_exec(db,
                "INSERT INTO plan_sections (plan_id, number, title, sort_order) VALUES (?, ?, ?, "
                "IF(? = 0, (SELECT COALESCE(MAX(s.sort_order), 0) + 10 FROM plan_sections s WHERE "
                "s.plan_id = ?), ?))",
                "issiii", plan_id, number, title, sort, plan_id, sort) < 0)
        return db_fail(r, db);
    long long id = db_last_id(db);
    if (plan_touch(db, plan_id) < 0) return db_fail(r, db);
    json_t *after = NULL;
    int found = db_query_row_json(db, &after,
                                  "SELECT id, plan_id, number, title, sort_order FROM "
                                  "plan_sections WHERE id = ?",
                                  "i", id);
    return commit_write(r, db, found != 1, "section.create", "section", id, NULL, after, 201);
}

int h_sections_update(req_t *r) {
    const struct section_input *in = r->body_in;
    const char *number = in->number, *title = in->title;
    long long sort = in->sort_order;
    int has_num = in->has_number, has_title = in->has_title, has_sort = in->has_sort_order;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *plan = section_plan(r, db, id);
    if (!plan) return -1;
    json_decref(plan);
    json_t *before = NULL, *after = NULL;
    const char *sel =
        "SELECT id, plan_id, number, title, sort_order FROM plan_sections WHERE id = ?";
    /* Not found here: deleted since it was checked. */
    if (begin_locked_row(r, db, &before,
                         "SELECT id, plan_id, number, title, sort_order FROM plan_sections WHERE "
                         "id = ? FOR UPDATE",
                         id, "mục") < 0)
        return -1;
    int rc = 0;
    if (!rc)
        rc = db_exec(db,
                     "UPDATE plan_sections SET number = IF(?, ?, number), title = IF(?, ?, title), "
                     "sort_order = IF(?, ?, sort_order) WHERE id = ?",
                     "isisiii", (long long)has_num, number, (long long)has_title, title,
                     (long long)has_sort, sort, id) < 0;
    if (!rc) rc = plan_touch(db, json_integer_value(json_object_get(before, "plan_id")));
    if (!rc) rc = db_query_row_json(db, &after, sel, "i", id) != 1;
    if (rc || audit_write(db, r, "section.update", "section", id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, 200, after);
    return 0;
}

/*
 * Deleting tasks never deletes evidence. Progress reports (task_updates) are what units answer
 * for; the foreign keys restrict (migration 012) and the checks below run inside the deleting
 * transaction, after locking the assignments, so a report posted meanwhile either is counted or
 * cannot be inserted. These statements take the root (a task id or a section id) and cover the
 * subtasks too (they go with their parent); UNION, not UNION ALL: a sub-task may sit in the
 * section itself, and a bad parent cycle must not recurse forever.
 */
#define SUBTREE_OF_TASK                                                                            \
    "WITH RECURSIVE sub (id) AS (SELECT id FROM tasks WHERE id = ? UNION SELECT t.id FROM "        \
    "tasks t JOIN sub ON t.parent_task_id = sub.id) "
#define SUBTREE_OF_SECTION                                                                         \
    "WITH RECURSIVE sub (id) AS (SELECT id FROM tasks WHERE section_id = ? UNION SELECT t.id "     \
    "FROM tasks t JOIN sub ON t.parent_task_id = sub.id) "

struct evidence {
    long long tasks, assignments, updates, units;
};

/* Locks the subtree's assignments and counts what hangs on it. 0, or -1 on a database error. */
static int evidence_of(db_t *db, const char *subtree, long long root, struct evidence *e) {
    char sql[700];
    struct db_res *res;
    memset(e, 0, sizeof *e);
    snprintf(sql, sizeof sql, "%sSELECT COUNT(*) FROM sub", subtree);
    if (db_query_int(db, &e->tasks, sql, "i", root) < 0) return -1;
    snprintf(sql, sizeof sql,
             "%sSELECT COUNT(*) FROM assignments a WHERE a.task_id IN (SELECT id FROM sub) FOR "
             "UPDATE",
             subtree);
    if (db_query_int(db, &e->assignments, sql, "i", root) < 0) return -1;
    snprintf(sql, sizeof sql,
             "%sSELECT COUNT(*), COUNT(DISTINCT a.unit_id) FROM task_updates u JOIN assignments a "
             "ON a.id = u.assignment_id WHERE a.task_id IN (SELECT id FROM sub) LOCK IN SHARE MODE",
             subtree);
    if (!(res = db_query(db, sql, "i", root))) return -1;
    if (res->nrows) {
        e->updates = db_int(res, 0, 0);
        e->units = db_int(res, 0, 1);
    }
    db_res_free(res);
    return 0;
}

/* Removes the subtree's assignments (none has a report: checked), so that the tasks can go. */
static int drop_assignments(db_t *db, const char *subtree, long long root) {
    char sql[700];
    snprintf(sql, sizeof sql, "DELETE FROM assignments WHERE task_id IN (%sSELECT id FROM sub)",
             subtree);
    return db_exec(db, sql, "i", root) < 0 ? -1 : 0;
}

/* Starts the delete's transaction: the row (before) locked by sql, and the evidence under it.
 * 1 when both are in hand; otherwise the request is answered (404 `what`, or 503) and -1. */
static int lock_for_delete(req_t *r, db_t *db, const char *sql, const char *subtree, long long id,
                           const char *what, json_t **before, struct evidence *e) {
    if (begin_locked_row(r, db, before, sql, id, what) < 0) return -1;
    if (evidence_of(db, subtree, id, e) == 0) return 1;
    json_decref(*before);
    *before = NULL;
    return db_fail(r, db);
}

static int evidence_conflict(req_t *r, db_t *db, const char *what, const struct evidence *e) {
    char detail[400];
    snprintf(detail, sizeof detail,
             "%s đã có %lld báo cáo tiến độ của %lld đơn vị được giao, không thể xóa (báo cáo "
             "tiến độ là hồ sơ minh chứng, không bị xóa theo nhiệm vụ).",
             what, e->updates, e->units);
    db_rollback(db);
    return res_conflict(r, detail, "[]");
}

int h_sections_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), plan_id = 0;
    int found =
        db_query_int(db, &plan_id, "SELECT plan_id FROM plan_sections WHERE id = ?", "i", id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "mục");
    json_t *plan = writable_plan(r, db, plan_id);
    if (!plan) return -1;
    int published = strcmp(json_string_value(json_object_get(plan, "status")), "draft") != 0;
    json_decref(plan);
    json_t *before;
    struct evidence e;
    if (lock_for_delete(r, db,
                        "SELECT id, plan_id, number, title FROM plan_sections WHERE id = ? FOR "
                        "UPDATE",
                        SUBTREE_OF_SECTION, id, "mục", &before, &e) < 0)
        return -1;
    if (e.updates > 0) {
        json_decref(before);
        return evidence_conflict(r, db, "Mục có nhiệm vụ", &e);
    }
    if (published && e.tasks > 0) {
        json_decref(before);
        db_rollback(db);
        return res_conflict(r, "Kế hoạch đã ban hành: không xóa được mục còn nhiệm vụ.", "[]");
    }
    json_object_set_new(before, "tasks_removed", json_integer(e.tasks));
    json_object_set_new(before, "assignments_removed", json_integer(e.assignments));
    int rc = plan_touch(db, plan_id) < 0 || drop_assignments(db, SUBTREE_OF_SECTION, id) < 0 ||
             db_exec(db, "DELETE FROM tasks WHERE section_id = ?", "i", id) < 0 ||
             db_exec(db, "DELETE FROM plan_sections WHERE id = ?", "i", id) < 0 ||
             audit_write(db, r, "section.delete", "section", id, before, NULL) < 0;
    json_decref(before);
    if (rc || db_commit(db) < 0) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

/* Checks a [{text, unit_id, group}] list; returns its JSON text or NULL after field errors. */
static char *check_unit_list(req_t *r, db_t *db, const char *field, json_t *list) {
    size_t i;
    json_t *u;
    char msg[160];
    json_array_foreach(list, i, u) {
        json_t *text = json_object_get(u, "text"), *id = json_object_get(u, "unit_id"),
               *group = json_object_get(u, "group");
        int ok = json_is_object(u) && json_is_string(text) && json_string_length(text) > 0 &&
                 json_string_length(text) <= 500 && json_object_size(u) <= 3 &&
                 (!id || json_is_null(id) || json_is_integer(id)) &&
                 (!group || json_is_null(group) || json_is_string(group));
        if (ok && json_is_string(group)) {
            ok = 0;
            for (const char *const *g = groups; *g; g++)
                if (strcmp(*g, json_string_value(group)) == 0) ok = 1;
        }
        long long one;
        if (ok && json_is_integer(id)) {
            int found = db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i",
                                     json_integer_value(id));
            if (found < 0) return NULL; /* unit_lists answers the database error */
            ok = found == 1;
        }
        if (!ok) {
            snprintf(msg, sizeof msg, "Mục %zu: cần {text, unit_id, group} với đơn vị hợp lệ.",
                     i + 1);
            req_error(r, field, msg);
            return NULL;
        }
    }
    return json_dumps(list, JSON_COMPACT);
}

struct task_input {
    const char *number, *title, *output, *lead_text, *coop_text, *timeline_text;
    long long section_id, parent_id, sort;
    json_t *lead, *coop;
    int has[11];
};

/* has[k] is the presence flag of the k-th field below. */
#define TASK_FIELD(m, name, type, flags, min, max, k)                                              \
    IN_NAMED(struct task_input, m, name, type, flags, min, max, NULL, has[k])
#define TASK_FIELDS(REQ)                                                                           \
    TASK_FIELD(number, "number", IN_STR, IN_NULLABLE, 1, 16, 0),                                   \
        TASK_FIELD(title, "title", IN_STR, REQ, 2, 5000, 1),                                       \
        TASK_FIELD(output, "output", IN_STR, IN_NULLABLE, 0, 5000, 2),                             \
        TASK_FIELD(lead, "lead", IN_JSON, 0, 0, 0, 3),                                             \
        TASK_FIELD(coop, "coop", IN_JSON, 0, 0, 0, 4),                                             \
        TASK_FIELD(lead_text, "lead_text", IN_STR, 0, 0, 2000, 5),                                 \
        TASK_FIELD(coop_text, "coop_text", IN_STR, 0, 0, 2000, 6),                                 \
        TASK_FIELD(timeline_text, "timeline_text", IN_STR, IN_NULLABLE, 0, 1000, 7),               \
        TASK_FIELD(section_id, "section_id", IN_ID, IN_NULLABLE, 0, 0, 8),                         \
        TASK_FIELD(parent_id, "parent_task_id", IN_ID, IN_NULLABLE, 0, 0, 9),                      \
        TASK_FIELD(sort, "sort_order", IN_INT, 0, 0, 1000000, 10)
static const struct in_decl task_create_fields[] = {TASK_FIELDS(IN_REQUIRED)};
static const struct in_decl task_update_fields[] = {TASK_FIELDS(0)};
const struct in_spec in_tasks_create = IN_SPEC(struct task_input, task_create_fields);
const struct in_spec in_tasks_update = IN_SPEC(struct task_input, task_update_fields);

/* A copy of the declared body, with lead and coop checked to be arrays. */
static int read_task(req_t *r, struct task_input *in) {
    *in = *(const struct task_input *)r->body_in;
    if ((in->lead && !json_is_array(in->lead)) || (in->coop && !json_is_array(in->coop))) {
        req_error(r, in->lead && !json_is_array(in->lead) ? "lead" : "coop", "Phải là một mảng.");
        return res_invalid(r);
    }
    return 0;
}

/* The structured list as given, else the text (when sent) resolved against the unit tree: 0,
 * -1 on a database error, -2 when memory ran out. */
static int unit_list(db_t *db, json_t *given, int has_text, const char *text, long long owner,
                     json_t **out) {
    *out = given ? json_incref(given) : NULL;
    return !given && has_text ? resolve_unit_text(db, text, owner, out) : 0;
}

/* Unit lists from either the structured arrays or text to resolve (nearest the plan's owner). */
static int unit_lists(req_t *r, db_t *db, struct task_input *in, long long owner, char **lead,
                      char **coop) {
    *lead = *coop = NULL;
    json_t *l, *c = NULL;
    int rc = unit_list(db, in->lead, in->has[5], in->lead_text, owner, &l);
    if (rc == 0) rc = unit_list(db, in->coop, in->has[6], in->coop_text, owner, &c);
    if (rc < 0) {
        json_decref(l);
        json_decref(c);
        return rc == -2 ? res_no_memory(r) : db_fail(r, db);
    }
    /* A list that comes back NULL without a field error met a database error. */
    if (l) *lead = check_unit_list(r, db, "lead", l);
    int failed = l && !*lead && !req_has_errors(r);
    if (c && !failed) {
        size_t errs = r->errors ? json_array_size(r->errors) : 0;
        *coop = check_unit_list(r, db, "coop", c);
        failed = !*coop && (r->errors ? json_array_size(r->errors) : 0) == errs;
    }
    json_decref(l);
    json_decref(c);
    if (failed) return db_fail(r, db);
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static const char *const task_cols =
    "SELECT id, plan_id, section_id, parent_task_id, source_task_id, sort_order, number, title, "
    "output, lead_json AS lead__json, coop_json AS coop__json, timeline_text, timeline_json AS "
    "timeline__json, tl_kind, start_date, due_date, event_date FROM tasks WHERE id = ?";

/* 1 with *out set, 0 when there is no such task, -1 on a database error. */
static int load_task(db_t *db, long long id, json_t **out) {
    *out = NULL;
    return db_query_row_json(db, out, task_cols, "i", id);
}

/* The task and its plan for writing; NULL after answering 404, 403, 409 or a database error. */
static json_t *task_for_write(req_t *r, db_t *db, long long id, json_t **plan) {
    json_t *t;
    int found = load_task(db, id, &t);
    if (found <= 0) {
        if (found < 0)
            db_fail(r, db);
        else
            not_found(r, "nhiệm vụ");
        return NULL;
    }
    *plan = writable_plan(r, db, json_integer_value(json_object_get(t, "plan_id")));
    if (!*plan) {
        json_decref(t);
        return NULL;
    }
    return t;
}

/* A section or parent given for a task must belong to the same plan. */
static int check_links(req_t *r, db_t *db, long long plan_id, struct task_input *in) {
    long long p = 0;
    int found = in->section_id
                    ? db_query_int(db, &p, "SELECT plan_id FROM plan_sections WHERE id = ?", "i",
                                   in->section_id)
                    : 1;
    if (found < 0) return db_fail(r, db);
    if (in->section_id && (found == 0 || p != plan_id))
        req_error(r, "section_id", "Mục không thuộc kế hoạch này.");
    found = in->parent_id
                ? db_query_int(db, &p, "SELECT plan_id FROM tasks WHERE id = ?", "i", in->parent_id)
                : 1;
    if (found < 0) return db_fail(r, db);
    if (in->parent_id && (found == 0 || p != plan_id))
        req_error(r, "parent_task_id", "Nhiệm vụ cha không thuộc kế hoạch này.");
    return req_has_errors(r) ? res_invalid(r) : 0;
}

int h_tasks_create(req_t *r) {
    struct task_input in;
    if (read_task(r, &in) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long plan_id = req_param_id(r, "id");
    json_t *plan = writable_plan(r, db, plan_id);
    if (!plan) return -1;
    int year = (int)json_integer_value(json_object_get(plan, "year"));
    int published = strcmp(json_string_value(json_object_get(plan, "status")), "published") == 0;
    long long owner = json_integer_value(json_object_get(plan, "unit_id"));
    json_decref(plan);
    char *lead = NULL, *coop = NULL;
    if (check_links(r, db, plan_id, &in) < 0 || unit_lists(r, db, &in, owner, &lead, &coop) < 0) {
        free(lead);
        free(coop);
        return -1;
    }
    const char *kind;
    char start[11], due[11];
    char *tl = task_timeline(in.timeline_text, year, &kind, start, due);
    char *folded = vnfold_dup(in.title);
    int rc = !folded || db_begin(db) < 0;
    if (!rc)
        rc = db_exec(db,
                     "INSERT INTO tasks (plan_id, section_id, parent_task_id, sort_order, number, "
                     "title, title_folded, output, lead_json, coop_json, timeline_text, "
                     "timeline_json, tl_kind, start_date, due_date) VALUES (?, ?, ?, IF(? = 0, "
                     "(SELECT COALESCE(MAX(t.sort_order), 0) + 10 FROM tasks t WHERE t.plan_id = "
                     "?), ?), ?, ?, ?, ?, COALESCE(?, '[]'), COALESCE(?, '[]'), ?, ?, ?, NULLIF(?, "
                     "''), NULLIF(?, ''))",
                     "iIIiiisssssssssss", plan_id, in.section_id, in.parent_id, in.sort, plan_id,
                     in.sort, in.number, in.title, folded, in.output, lead, coop, in.timeline_text,
                     tl, kind, start, due) < 0;
    long long id = db_last_id(db);
    free(lead);
    free(coop);
    free(tl);
    free(folded);
    if (!rc && published) rc = plan_expand_assignments(db, plan_id, id) < 0;
    if (!rc) rc = plan_touch(db, plan_id);
    json_t *after = NULL;
    if (!rc) rc = load_task(db, id, &after) != 1;
    return commit_write(r, db, rc, "task.create", "task", id, NULL, after, 201);
}

/* Adds a task's assignments, progress updates and derived tasks: those of scope_unit's subtree
 * unless scope_unit is 0 (selected in SQL), with figures over every assignment. -1 on error. */
static int task_embed(db_t *db, const struct principal *p, json_t *t, long long scope_unit) {
    long long id = json_integer_value(json_object_get(t, "id"));
    long long plan_id = json_integer_value(json_object_get(t, "plan_id"));
    json_t *asg = assignment_rows(db, plan_id, id, scope_unit);
    json_t *all = !asg ? NULL : scope_unit ? assignment_rows(db, plan_id, id, 0) : json_incref(asg);
    json_t *updates = db_query_json(
        db,
        "SELECT u.id, u.assignment_id, a.unit_id, un.name AS unit_name, u.period, u.status, "
        "u.progress, u.note, u.evidence_no, u.evidence_date, u.after_done_reason, "
        "u.corrected_done_date, u.attachment_name, "
        "u.attachment_sha256, " UPDATE_FILES_JSON
        ", u.created_at, us.full_name AS created_by_name FROM task_updates u "
        "JOIN assignments a ON a.id = u.assignment_id JOIN units un ON un.id = a.unit_id LEFT JOIN "
        "users us ON us.id = u.created_by WHERE a.task_id = ? AND (? = 0 OR EXISTS (SELECT 1 FROM "
        "unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id = a.unit_id)) ORDER BY "
        "u.created_at DESC, u.id DESC",
        "iii", id, scope_unit, scope_unit);
    /* Plans derived from this task are listed when the reader could open them. */
    json_t *derived = db_query_json(
        db,
        "SELECT t.id, t.plan_id, p.unit_id, un.name AS unit_name, p.status FROM tasks t JOIN "
        "plans p ON p.id = t.plan_id JOIN units un ON un.id = p.unit_id WHERE t.source_task_id = "
        "? AND (? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND "
        "c.descendant_id = p.unit_id))",
        "iii", id, (long long)scope_province_wide(p), p->unit_id);
    if (!asg || !all || !updates || !derived) {
        json_decref(asg);
        json_decref(all);
        json_decref(updates);
        json_decref(derived);
        return -1;
    }
    json_object_set_new(t, "summary", assignment_summary(all));
    json_decref(all);
    json_object_set_new(t, "assignments", asg);
    json_object_set_new(t, "updates", updates);
    json_object_set_new(t, "derived_tasks", derived);
    json_object_set_new(t, "assignments_view", json_string(scope_unit ? "subtree" : "all"));
    return 0;
}

int h_tasks_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *t, *plan = NULL;
    int found = load_task(db, id, &t);
    if (found == 1)
        found = plan_find(db, r->user, json_integer_value(json_object_get(t, "plan_id")), &plan);
    int full = found == 1 ? plan_full_view(db, r->user, plan) : 0;
    if (found <= 0 || full < 0) {
        json_decref(t);
        json_decref(plan);
        return found < 0 || full < 0 ? db_fail(r, db) : not_found(r, "nhiệm vụ");
    }
    json_object_set_new(t, "plan", plan);
    if (task_embed(db, r->user, t, full ? 0 : r->user->unit_id) < 0) {
        json_decref(t);
        return db_fail(r, db);
    }
    res_json(r, 200, t);
    return 0;
}

/* A new timeline moves every assignment's due date, each by its unit's level where the timeline
 * gives that level its own date ("Tháng 01/2023 (Cấp xã: 02/2023)"). */
static int move_due_dates(db_t *db, long long task_id, const char *timeline_json, const char *due) {
    json_t *tl = json_loads(timeline_json ? timeline_json : "{}", 0, NULL);
    json_t *lv = json_object_get(tl, "levels");
    long long rc = db_exec(
        db,
        "UPDATE assignments a JOIN units un ON un.id = a.unit_id SET a.due_date = COALESCE(CASE "
        "un.level WHEN 'commune' THEN ? WHEN 'district' THEN ? WHEN 'department' THEN ? WHEN "
        "'province' THEN ? END, NULLIF(?, '')) WHERE a.task_id = ?",
        "sssssi", json_string_value(json_object_get(lv, "commune")),
        json_string_value(json_object_get(lv, "district")),
        json_string_value(json_object_get(lv, "department")),
        json_string_value(json_object_get(lv, "province")), due, task_id);
    json_decref(tl);
    return rc < 0 ? -1 : 0;
}

int h_tasks_update(req_t *r) {
    struct task_input in;
    if (read_task(r, &in) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *plan;
    json_t *before = task_for_write(r, db, id, &plan);
    if (!before) return -1;
    long long plan_id = json_integer_value(json_object_get(before, "plan_id"));
    int year = (int)json_integer_value(json_object_get(plan, "year"));
    int published = strcmp(json_string_value(json_object_get(plan, "status")), "published") == 0;
    long long owner = json_integer_value(json_object_get(plan, "unit_id"));
    json_decref(plan);
    char *lead = NULL, *coop = NULL;
    if (in.parent_id == id)
        req_error(r, "parent_task_id", "Nhiệm vụ không thể là cha của chính nó.");
    if (check_links(r, db, plan_id, &in) < 0 || unit_lists(r, db, &in, owner, &lead, &coop) < 0) {
        json_decref(before);
        free(lead);
        free(coop);
        return -1;
    }
    const char *kind = "unknown";
    char start[11] = "", due[11] = "";
    char *tl = in.has[7] ? task_timeline(in.timeline_text, year, &kind, start, due) : NULL;
    char *folded = vnfold_dup(in.title);
    int rc = !folded || db_begin(db) < 0;
    if (!rc)
        rc = db_exec(
                 db,
                 "UPDATE tasks SET number = IF(?, ?, number), title = IF(?, ?, title), "
                 "title_folded = IF(?, ?, title_folded), output = IF(?, ?, output), lead_json = "
                 "COALESCE(?, lead_json), coop_json = COALESCE(?, "
                 "coop_json), timeline_text = IF(?, ?, timeline_text), timeline_json = COALESCE(?, "
                 "timeline_json), tl_kind = IF(?, ?, tl_kind), start_date = IF(?, NULLIF(?, ''), "
                 "start_date), due_date = IF(?, NULLIF(?, ''), due_date), section_id = IF(?, ?, "
                 "section_id), parent_task_id = IF(?, ?, parent_task_id), sort_order = IF(?, ?, "
                 "sort_order) WHERE id = ?",
                 "isisisisssissisisisiIiIiii", (long long)in.has[0], in.number,
                 (long long)in.has[1], in.title, (long long)in.has[1], folded, (long long)in.has[2],
                 in.output, lead, coop, (long long)in.has[7], in.timeline_text, tl,
                 (long long)in.has[7], kind, (long long)in.has[7], start, (long long)in.has[7], due,
                 (long long)in.has[8], in.section_id, (long long)in.has[9], in.parent_id,
                 (long long)in.has[10], in.sort, id) < 0;
    /* A new due date moves the assignments that had the old one; new units get assignments. */
    if (!rc && in.has[7]) rc = move_due_dates(db, id, tl, due) < 0;
    if (!rc && published) rc = plan_expand_assignments(db, plan_id, id) < 0;
    if (!rc) rc = plan_touch(db, plan_id);
    free(lead);
    free(coop);
    free(tl);
    free(folded);
    json_t *after = NULL;
    if (!rc) rc = load_task(db, id, &after) != 1;
    return commit_write(r, db, rc, "task.update", "task", id, before, after, 200);
}

int h_tasks_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), plan_id = 0;
    int found = db_query_int(db, &plan_id, "SELECT plan_id FROM tasks WHERE id = ?", "i", id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "nhiệm vụ");
    json_t *plan = writable_plan(r, db, plan_id);
    if (!plan) return -1;
    json_decref(plan);
    char sql[600];
    snprintf(sql, sizeof sql, "%s FOR UPDATE", task_cols);
    json_t *before;
    struct evidence e;
    if (lock_for_delete(r, db, sql, SUBTREE_OF_TASK, id, "nhiệm vụ", &before, &e) < 0) return -1;
    if (e.updates > 0) {
        json_decref(before);
        return evidence_conflict(r, db,
                                 e.tasks > 1 ? "Nhiệm vụ (cùng các nhiệm vụ con)" : "Nhiệm vụ", &e);
    }
    json_object_set_new(before, "subtasks_removed", json_integer(e.tasks - 1));
    json_object_set_new(before, "assignments_removed", json_integer(e.assignments));
    int rc = plan_touch(db, plan_id) < 0 || drop_assignments(db, SUBTREE_OF_TASK, id) < 0 ||
             db_exec(db, "DELETE FROM tasks WHERE id = ?", "i", id) < 0 ||
             audit_write(db, r, "task.delete", "task", id, before, NULL) < 0;
    json_decref(before);
    if (rc || db_commit(db) < 0) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

struct task_event_input {
    struct ymd date;
};
static const struct in_decl task_event_fields[] = {
    IN_FIELD(struct task_event_input, date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_tasks_event = IN_SPEC(struct task_event_input, task_event_fields);

int h_tasks_event(req_t *r) {
    char day[11];
    const char *date = in_date_str(((const struct task_event_input *)r->body_in)->date, day);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *plan;
    json_t *before = task_for_write(r, db, id, &plan);
    if (!before) return -1;
    json_decref(plan);
    json_t *off = json_object_get(json_object_get(before, "timeline"), "offset");
    if (!json_is_object(off)) {
        json_decref(before);
        return res_conflict(r, "Thời hạn của nhiệm vụ này không tính theo sự kiện.", "[]");
    }
    struct ymd ev, due;
    ymd_parse(date, &ev);
    int days = (int)json_integer_value(json_object_get(off, "days"));
    if (json_is_true(json_object_get(off, "working")))
        due = add_working_days(ev, days, calendar_get(db));
    else
        due = days_to_ymd(ymd_to_days(ev) + days);
    char dues[11];
    ymd_format(due, dues);
    int rc = db_begin(db) < 0;
    if (!rc)
        rc = db_exec(db, "UPDATE tasks SET event_date = ?, due_date = ? WHERE id = ?", "ssi", date,
                     dues, id) < 0;
    if (!rc)
        rc = db_exec(db, "UPDATE assignments SET due_date = ? WHERE task_id = ?", "si", dues, id) <
             0;
    if (!rc) rc = plan_touch_of_task(db, id);
    json_t *after = NULL;
    if (!rc) rc = load_task(db, id, &after) != 1;
    return commit_write(r, db, rc, "task.event", "task", id, before, after, 200);
}
