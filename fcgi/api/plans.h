/* Handlers of plans, sections, tasks, assignments, updates, timeline parsing and holidays. */
#ifndef KSTT_API_PLANS_H
#define KSTT_API_PLANS_H
#include <jansson.h>
#include <stddef.h>

#include "core/period.h"
#include "server/http.h"
#include "store/db.h"

/* task_reminders.c: the scheduler's job "task-reminders" (0 ok, -1 database error). */
int task_reminders_job(db_t *db);

/* timeline.c */
int h_timeline_parse(req_t *r);

/* holidays.c */
int h_holidays_list(req_t *r);
int h_holidays_put(req_t *r);
int h_holidays_delete(req_t *r);
extern const struct in_spec in_holidays_list, in_holidays_put, in_timeline_parse;

/* plans.c */
int h_plans_list(req_t *r);
int h_plans_create(req_t *r);
int h_plans_get(req_t *r);
int h_plans_update(req_t *r);
int h_plans_delete(req_t *r);
int h_plans_publish(req_t *r);
int h_plans_close(req_t *r);
int h_plans_derive(req_t *r);
int h_plans_progress(req_t *r);
int h_plans_export(req_t *r);

/* tasks.c */
int h_sections_create(req_t *r);
int h_sections_update(req_t *r);
int h_sections_delete(req_t *r);
int h_tasks_create(req_t *r);
int h_tasks_get(req_t *r);
int h_tasks_update(req_t *r);
int h_tasks_delete(req_t *r);
int h_tasks_event(req_t *r);

/* assignments.c */
int h_assignments_list(req_t *r);
int h_assignments_get(req_t *r);
int h_assignment_updates_create(req_t *r);
int h_assignment_updates_list(req_t *r);
int h_attachments_get(req_t *r);
/* GET /api/v1/task-updates/{id}/files/{n}: evidence file n (1..5) of a progress update. */
int h_update_file_get(req_t *r);
/* A progress update's evidence files as a select column (alias files, parsed as JSON), for a
 * query whose task_updates row is `u`: [{n, name, type, size}] in order (migration 022). */
#define UPDATE_FILES_JSON                                                                          \
    "COALESCE((SELECT JSON_ARRAYAGG(JSON_OBJECT('n', f.n, 'name', f.name, 'type', f.type, "        \
    "'size', f.size) ORDER BY f.n) FROM task_update_files f WHERE f.update_id = u.id), '[]') AS "  \
    "files__json"

/* plan_import.c */
int h_plans_import_preview(req_t *r);
int h_plans_import(req_t *r);
extern const struct in_spec in_plans_list, in_plans_create, in_plans_update, in_plans_get,
    in_plans_derive, in_sections_create, in_sections_update, in_tasks_create, in_tasks_update,
    in_tasks_event, in_assignments_list, in_assignment_updates_create, in_plans_import_preview,
    in_plans_import;

/* Shared by the plan files (plan_common.c). */
struct principal;
/* Loads a plan the principal may see ({} with id, unit_id, year, status...) into *out: 1 found,
 * 0 missing or invisible (404), -1 on a database error. */
int plan_find(db_t *db, const struct principal *p, long long plan_id, json_t **out);
/* The plans (alias p) the list GET /plans shows a principal: all province-wide, else those its
 * subtree owns and the published or closed ones that assign work to its subtree. Binds, in
 * order: scope_province_wide, unit_id, unit_id (format "iii"). The search reuses it. */
#define PLAN_LIST_SCOPE                                                                            \
    "(? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id "  \
    "= p.unit_id) OR (p.status <> 'draft' AND EXISTS (SELECT 1 FROM tasks t JOIN assignments a "   \
    "ON a.task_id = t.id JOIN unit_closure c ON c.descendant_id = a.unit_id AND c.ancestor_id = "  \
    "? WHERE t.plan_id = p.id)))"
/* Bumps the version of a plan (migration 041), in the caller's transaction: every write to a
 * plan, its sections, tasks, assignments or their updates calls it, so that no cached plan table
 * computed before the write is served after it. 0, or -1 on a database error. */
int plan_touch(db_t *db, long long plan_id);
/* plan_touch of the plan holding task_id. */
int plan_touch_of_task(db_t *db, long long task_id);
/* plan_find for callers not yet converted: NULL for both missing and failed. Prefer plan_find. */
json_t *plan_visible(db_t *db, const struct principal *p, long long plan_id);
/* 1 when the principal sees every unit's rows of a visible plan (province-wide, or the owner is
 * in its subtree), 0 when it sees its own subtree's rows and aggregates only, -1 on error. */
int plan_full_view(db_t *db, const struct principal *p, json_t *plan);
/* Loads a plan for writing: NULL after answering 404 (invisible) or 403 (read-only). */
json_t *plan_for_write(req_t *r, db_t *db, long long plan_id);
/* 1 when the principal may change the plan (owner's subtree and a writing role), 0 when not,
 * -1 on a database error. */
int plan_writable(db_t *db, const struct principal *p, json_t *plan);
/* 1 when p may see task_id (as GET /tasks/{id} decides: its plan is visible to p), 0 when the
 * task is missing or invisible, -1 on a database error. */
int task_visible(db_t *db, const struct principal *p, long long task_id);
/* 1 when p may see an assignment of unit_id in plan_id (as GET /assignments/{id} decides: the
 * unit is in p's scope, or p may write the plan), 0 when not, -1 on a database error. */
int assignment_scope(db_t *db, const struct principal *p, long long unit_id, long long plan_id);
/* assignment_scope for assignment id: 1, 0 missing or invisible, -1 on a database error. */
int assignment_visible(db_t *db, const struct principal *p, long long id);
/* 1 when p may create a plan for unit_id (in its scope, and a writing role there), 0 when not,
 * -1 on a database error. */
int plan_may_create(db_t *db, const struct principal *p, long long unit_id);
/* A new plan's columns (kind, decision number and date as text; NULL where absent). */
struct plan_new {
    long long unit_id, year;
    const char *kind, *title, *decision_no, *decision_date;
};
/* Begins the transaction that creates a plan for p->unit_id and inserts its row: the new id, or
 * -1 after answering 422 (the principal may not plan for that unit) or 503. Created plans and
 * imported ones go through here, so both are refused alike. */
long long plan_begin_insert(req_t *r, db_t *db, const struct plan_new *p);
/* Fills a task's parsed timeline columns from its text and the plan year; the caller binds
 * them. Returns the JSON text of the parsed timeline (free it). */
char *task_timeline(const char *text, int year, const char **kind, char start[11], char due[11]);
/* Assignments of a plan (task_id 0) or of one task, with state, overdue, due_soon and
 * missing_report computed for today; only those of scope_unit's subtree unless scope_unit is 0.
 * NULL on a database error. */
json_t *assignment_rows(db_t *db, long long plan_id, long long task_id, long long scope_unit);
/* Counts by state, assignments, done, overdue and mean progress over assignment rows. */
json_t *assignment_summary(json_t *rows);
/* Working days ahead that count as "due soon". */
#define DUE_SOON_DAYS 5
struct holidays;
struct ymd;
/* Report periods (tl_recur bits) a parsed timeline asks for; continuous work: quarterly. */
unsigned timeline_recurrence_bits(json_t *timeline);
/* Adds state, overdue, due_soon, missing_report, recurring and report_every to an assignment row
 * (status, due_date, done_date, start_date, last_update), and drops last_update. */
void assignment_add_state(json_t *row, unsigned recurrence, const struct holidays *h,
                          struct ymd today);
/* plan_import.c, for the demo plan (api/demo_plans.c): a parsed plan as the preview the import
 * screen edits (cells resolved against units for year), and the preview's sections written
 * under plan_id in the caller's transaction (0, or nonzero after a failure). The preview is NULL
 * when memory ran out. */
struct pt_plan;
struct unit_catalog;
json_t *plan_import_preview(const struct unit_catalog *units, int year, const struct pt_plan *p,
                            const char *doc, size_t doclen);
int plan_import_sections(req_t *r, db_t *db, long long plan_id, int year, json_t *sections);
/* Creates assignments for every task of a published plan (or one task), expanding groups. */
int plan_expand_assignments(db_t *db, long long plan_id, long long only_task_id);
/* The active units, loaded once to resolve many cells against. The preview passes the document
 * (doc: its text or HTML, NULL for none) so that the aliases it defines resolve its cells. */
struct db_res;
struct um_unit;
struct unit_catalog {
    struct db_res *res;
    struct um_unit *units; /* each unit, then again under each of its aliases (same id) */
    size_t n, cap;
    json_t *aliases; /* the parsed alias lists the entries' names point into */
};
/* owner_id: the plan's unit (0: none); the units below it are near (core/unitmatch). */
int unit_catalog_load(db_t *db, struct unit_catalog *c, long long owner_id);
void unit_catalog_free(struct unit_catalog *c);
/* A lead/coop cell as written -> [{text, unit_id (null when unresolved), group}]; NULL when
 * memory ran out. */
json_t *unit_catalog_resolve(const struct unit_catalog *c, const char *text);
/* The same with the aliases a document defines (core/unitmatch): a unit or group found through
 * one also has alias_of (the name it stands for) and a note saying so. */
struct um_alias;
json_t *unit_catalog_resolve_aliased(const struct unit_catalog *c, const char *text,
                                     const struct um_alias *al, size_t nal);
/* Resolves a lead/coop list given as text into *out, [{text, unit_id, group}], against the unit
 * tree, nearest owner_id (the plan's unit; 0 none): 0, -1 on a database error, -2 when memory
 * ran out (answer res_no_memory). */
int resolve_unit_text(db_t *db, const char *text, long long owner_id, json_t **out);

#endif
