/* /api/v1/plans: yearly plans with sections and tasks, publishing, deriving, progress, export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <xlsxwriter.h>

#include "api/answers.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "api/review_common.h"
#include "api/units.h"
#include "core/progress.h"
#include "core/vnfold.h"
#include "lib/memo.h"

/* The plan tables one process keeps: a few plans read by many, each a few hundred KB to 2 MB. */
#define PLAN_CACHE_SLOTS 64
#define PLAN_CACHE_BYTES (96u << 20)

static const char *const plan_kinds[] = {"kstt",          "cchc",  "inspection", "review",
                                         "communication", "other", NULL};
static const char *const plan_statuses[] = {"draft", "published", "closed", NULL};

struct plans_list_query {
    long long year, unit_id;
    int status, kind; /* plan_statuses[], plan_kinds[]; -1 = any */
    struct page page;
};
static const struct in_decl plans_list_fields[] = {
    IN_FIELD(struct plans_list_query, year, IN_INT, 0, 1990, 2100, NULL),
    IN_FIELD(struct plans_list_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct plans_list_query, status, IN_ENUM, 0, 0, 0, plan_statuses),
    IN_FIELD(struct plans_list_query, kind, IN_ENUM, 0, 0, 0, plan_kinds),
};
const struct in_spec in_plans_list =
    IN_SPEC_PAGED(struct plans_list_query, plans_list_fields, 50, 200);

int h_plans_list(req_t *r) {
    const struct plans_list_query *in = r->query_in;
    long long year = in->year, unit_id = in->unit_id;
    const char *status = in_choice(plan_statuses, in->status);
    const char *kind = in_choice(plan_kinds, in->kind);
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long wide = scope_province_wide(r->user), me = r->user->unit_id;
    const char *where =
        " FROM plans p JOIN units un ON un.id = p.unit_id WHERE (? = 0 OR p.year = ?) AND (? = 0 "
        "OR p.unit_id = ?) AND (? IS NULL OR p.status = ?) AND (? IS NULL OR p.kind = ?) "
        "AND " PLAN_LIST_SCOPE;
    char sql[2000];
    long long total;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "iiiissssiii", year, year, unit_id, unit_id, status, status,
                     kind, kind, wide, me, me) < 0)
        return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "SELECT p.id, p.unit_id, un.name AS unit_name, p.year, p.kind, p.title, "
             "p.decision_no, p.decision_date, p.status, p.source_plan_id, p.published_at, "
             "(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id) AS task_count, (SELECT "
             "CAST(ROUND(AVG(a.progress)) AS SIGNED) FROM tasks t JOIN assignments a ON a.task_id "
             "= t.id WHERE "
             "t.plan_id = p.id) AS progress%s ORDER BY p.year DESC, p.id DESC LIMIT ? OFFSET ?",
             where);
    json_t *items = db_query_json(db, sql, "iiiissssiiiii", year, year, unit_id, unit_id, status,
                                  status, kind, kind, wide, me, me, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}

/* The body of create and update; the owner unit and the year never change, so an update naming
 * them is refused as an unknown field. */
struct plan_input {
    const char *title, *decision_no;
    int kind; /* plan_kinds[], -1 = kstt on create, unchanged on update */
    struct ymd decision_date;
    long long unit_id, year;
    int has_title, has_kind, has_decision_no, has_decision_date;
};
#define PLAN_FIELD(m, type, flags, min, max, choices)                                              \
    IN_FIELD_HAS(struct plan_input, m, type, flags, min, max, choices, has_##m)
#define PLAN_FIELDS(REQ)                                                                           \
    PLAN_FIELD(title, IN_STR, REQ, 5, 500, NULL), PLAN_FIELD(kind, IN_ENUM, 0, 0, 0, plan_kinds),  \
        PLAN_FIELD(decision_no, IN_STR, IN_NULLABLE, 1, 64, NULL),                                 \
        PLAN_FIELD(decision_date, IN_DATE, IN_NULLABLE, 0, 0, NULL)
static const struct in_decl plan_create_fields[] = {
    PLAN_FIELDS(IN_REQUIRED),
    IN_FIELD(struct plan_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct plan_input, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
};
static const struct in_decl plan_update_fields[] = {PLAN_FIELDS(0)};
const struct in_spec in_plans_create = IN_SPEC(struct plan_input, plan_create_fields);
const struct in_spec in_plans_update = IN_SPEC(struct plan_input, plan_update_fields);

/* 1 when the principal may make a plan owned by unit_id, 0 when not, -1 on a database error. */
int h_plans_create(req_t *r) {
    const struct plan_input *in = r->body_in;
    char date[11];
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct plan_new p = {in->unit_id, in->year,        in->kind < 0 ? "kstt" : plan_kinds[in->kind],
                         in->title,   in->decision_no, in_date_str(in->decision_date, date)};
    long long id = plan_begin_insert(r, db, &p);
    if (id < 0) return -1;
    json_t *after = NULL;
    if (plan_find(db, r->user, id, &after) != 1) return db_fail(r, db);
    return commit_write(r, db, 0, "plan.create", "plan", id, NULL, after, 201);
}

int h_plans_update(req_t *r) {
    const struct plan_input *in = r->body_in;
    char date[11];
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = plan_for_write(r, db, id);
    if (!before) return -1;
    char *folded = vnfold_dup(in->title);
    if (!folded) {
        json_decref(before);
        return res_no_memory(r);
    }
    int rc = db_begin(db);
    if (rc == 0)
        rc =
            db_exec(db,
                    "UPDATE plans SET title = IF(?, ?, title), title_folded = IF(?, ?, "
                    "title_folded), kind = IF(?, ?, kind), decision_no = IF(?, ?, decision_no), "
                    "decision_date = IF(?, ?, decision_date) WHERE id = ?",
                    "isisisisisi", (long long)in->has_title, in->title, (long long)in->has_title,
                    folded, (long long)in->has_kind, in_choice(plan_kinds, in->kind),
                    (long long)in->has_decision_no, in->decision_no,
                    (long long)in->has_decision_date, in_date_str(in->decision_date, date), id) < 0;
    free(folded);
    if (rc == 0) rc = plan_touch(db, id);
    json_t *after = NULL;
    if (rc == 0) rc = plan_find(db, r->user, id, &after) != 1;
    return commit_write(r, db, rc, "plan.update", "plan", id, before, after, 200);
}

int h_plans_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = plan_for_write(r, db, id);
    if (!before) return -1;
    if (strcmp(json_string_value(json_object_get(before, "status")), "draft") != 0) {
        json_decref(before);
        return res_conflict(r, "Chỉ xóa được kế hoạch ở trạng thái dự thảo.", "[\"close\"]");
    }
    int rc = db_begin(db);
    if (rc == 0) rc = db_exec(db, "DELETE FROM plans WHERE id = ?", "i", id) < 0;
    if (rc == 0) rc = audit_write(db, r, "plan.delete", "plan", id, before, NULL);
    json_decref(before);
    if (rc || db_commit(db) < 0) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

/* Assignment rows with their computed state, for a plan (task_id = 0) or one task. */
json_t *assignment_rows(db_t *db, long long plan_id, long long task_id, long long scope_unit) {
    /* Timelines are parsed once per task, not once per assignment (a plan has ~40 per task). */
    struct db_res *tl = db_query(db,
                                 "SELECT id, timeline_json FROM tasks WHERE plan_id = ? AND (? = 0 "
                                 "OR id = ?)",
                                 "iii", plan_id, task_id, task_id);
    json_t *rows = tl ? db_query_json(db,
                                      "SELECT a.id, a.task_id, a.unit_id, un.name AS unit_name, "
                                      "un.level AS unit_level, a.role, a.due_date, a.status, "
                                      "a.progress, a.done_date, a.last_update_at, t.start_date, "
                                      "(SELECT MAX(DATE(u.created_at)) FROM task_updates u WHERE "
                                      "u.assignment_id = a.id) AS last_update FROM assignments a "
                                      "JOIN tasks t ON t.id = a.task_id JOIN units un ON un.id = "
                                      "a.unit_id WHERE t.plan_id = ? AND (? = 0 OR t.id = ?) AND "
                                      "(? = 0 OR EXISTS (SELECT 1 FROM unit_closure c WHERE "
                                      "c.ancestor_id = ? AND c.descendant_id = a.unit_id)) ORDER "
                                      "BY t.sort_order, a.role, un.sort_order, un.name",
                                      "iiiii", plan_id, task_id, task_id, scope_unit, scope_unit)
                      : NULL;
    if (!rows) {
        db_res_free(tl);
        return NULL;
    }
    json_t *bits = json_object();
    char k[32];
    for (size_t i = 0; i < tl->nrows; i++) {
        json_t *t = json_loads(db_val(tl, i, 1) ? db_val(tl, i, 1) : "{}", 0, NULL);
        snprintf(k, sizeof k, "%lld", db_int(tl, i, 0));
        json_object_set_new(bits, k, json_integer(timeline_recurrence_bits(t)));
        json_decref(t);
    }
    const struct holidays *h = calendar_get(db);
    struct ymd today = calendar_today();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        snprintf(k, sizeof k, "%lld",
                 (long long)json_integer_value(json_object_get(row, "task_id")));
        unsigned rec = (unsigned)json_integer_value(json_object_get(bits, k));
        assignment_add_state(row, rec, h, today);
    }
    json_decref(bits);
    db_res_free(tl);
    return rows;
}

static json_t *index_by(json_t *rows, const char *key) {
    json_t *idx = json_object();
    size_t i;
    json_t *row;
    char k[32];
    json_array_foreach(rows, i, row) {
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(row, key)));
        json_t *list = json_object_get(idx, k);
        if (!list) {
            list = json_array();
            json_object_set_new(idx, k, list);
        }
        json_array_append(list, row);
    }
    return idx;
}

json_t *assignment_summary(json_t *rows) {
    long long sum = 0, n = 0, overdue = 0, done = 0;
    json_t *by_state = json_object();
    size_t i;
    json_t *a;
    json_array_foreach(rows, i, a) {
        sum += json_integer_value(json_object_get(a, "progress"));
        n++;
        overdue += json_is_true(json_object_get(a, "overdue"));
        const char *st = json_string_value(json_object_get(a, "state"));
        done += strncmp(st, "done", 4) == 0;
        json_object_set_new(by_state, st,
                            json_integer(json_integer_value(json_object_get(by_state, st)) + 1));
    }
    return json_pack("{s:o, s:I, s:I, s:I, s:o}", "progress",
                     n ? json_integer((sum + n / 2) / n) : json_null(), "assignee_count",
                     (json_int_t)n, "overdue_count", (json_int_t)overdue, "done_count",
                     (json_int_t)done, "by_state", by_state);
}

/* Adds per-task progress (average over every assignment, seen or not) and state counts. */
static void summarise_task(json_t *task, json_t *all) {
    json_t *s = assignment_summary(all);
    json_object_update(task, s);
    json_decref(s);
}

/* An assignment row's place in the urgency order the web table shows (PlanCommon byUrgency):
 * overdue first, then blocked, not started, in progress, done late, done. */
static int urgency_rank(json_t *a) {
    static const char *const order[] = {"blocked", "not_started", "in_progress", "done_late",
                                        "done"};
    if (json_is_true(json_object_get(a, "overdue"))) return 0;
    const char *st = json_string_value(json_object_get(a, "state"));
    for (int i = 0; st && i < 5; i++)
        if (strcmp(st, order[i]) == 0) return i + 1;
    return 6;
}

struct ranked_row {
    json_t *row;
    int rank;
    size_t at; /* position in the table's order: ties keep it */
};

static int urgency_cmp(const void *x, const void *y) {
    const struct ranked_row *a = x, *b = y;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    const char *da = json_string_value(json_object_get(a->row, "due_date"));
    const char *db = json_string_value(json_object_get(b->row, "due_date"));
    int c = strcmp(da ? da : "9999", db ? db : "9999");
    if (c) return c;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* A page of a task's rows: all of them in the table's order when limit < 0, else the limit
 * most urgent, so that the rows shown before "+ N đơn vị" are those needing attention. */
static json_t *first_rows(json_t *list, long long limit) {
    size_t n = json_array_size(list);
    if (limit < 0) return list ? json_incref(list) : json_array();
    struct ranked_row *v = calloc(n + 1, sizeof *v);
    json_t *out = json_array();
    if (!v || !out) {
        free(v);
        json_decref(out);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_array_get(list, i);
        v[i] = (struct ranked_row){a, urgency_rank(a), i};
    }
    qsort(v, n, sizeof *v, urgency_cmp);
    for (size_t i = 0; i < n && i < (size_t)limit; i++) json_array_append(out, v[i].row);
    free(v);
    return out;
}

/* Sections with nested tasks (sub-items under their parent), each with its assignments: those of
 * scope_unit's subtree when scope_unit is set (the figures still count every assignment), the
 * first limit of them per task when limit >= 0 (assignments_total says how many there are). */
static json_t *plan_body(db_t *db, long long plan_id, int with_assignments, long long scope_unit,
                         long long limit) {
    json_t *sections = db_query_json(db,
                                     "SELECT id, number, title, sort_order FROM plan_sections "
                                     "WHERE plan_id = ? ORDER BY sort_order, id",
                                     "i", plan_id);
    json_t *tasks = db_query_json(
        db,
        "SELECT id, section_id, parent_task_id, source_task_id, sort_order, number, title, output, "
        "lead_json AS lead__json, coop_json AS coop__json, timeline_text, timeline_json AS "
        "timeline__json, tl_kind, start_date, due_date, event_date FROM tasks WHERE plan_id = ? "
        "ORDER BY sort_order, id",
        "i", plan_id);
    json_t *asg = with_assignments ? assignment_rows(db, plan_id, 0, 0) : json_array();
    /* The rows a narrow reader may see are selected by SQL, not picked out of asg here. */
    json_t *seen = !asg                             ? NULL
                   : with_assignments && scope_unit ? assignment_rows(db, plan_id, 0, scope_unit)
                                                    : json_incref(asg);
    if (!sections || !tasks || !asg || !seen) {
        json_decref(sections);
        json_decref(tasks);
        json_decref(asg);
        json_decref(seen);
        return NULL;
    }
    json_t *by_task = index_by(asg, "task_id"), *seen_by_task = index_by(seen, "task_id");
    json_t *children = json_object(), *by_section = json_object(), *loose = json_array();
    size_t i;
    json_t *t;
    char k[32];
    json_array_foreach(tasks, i, t) {
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(t, "id")));
        json_t *a = json_object_get(by_task, k), *v = json_object_get(seen_by_task, k);
        summarise_task(t, a);
        json_object_set_new(t, "assignments_total", json_integer((json_int_t)json_array_size(v)));
        json_object_set_new(t, "assignments", first_rows(v, limit));
        json_object_set_new(t, "children", json_array());
        json_object_set(children, k, t);
    }
    json_array_foreach(tasks, i, t) {
        json_t *parent = json_object_get(t, "parent_task_id");
        json_t *sec = json_object_get(t, "section_id");
        if (json_is_integer(parent)) {
            snprintf(k, sizeof k, "%lld", (long long)json_integer_value(parent));
            json_t *p = json_object_get(children, k);
            if (p) {
                json_array_append(json_object_get(p, "children"), t);
                continue;
            }
        }
        if (json_is_integer(sec)) {
            snprintf(k, sizeof k, "%lld", (long long)json_integer_value(sec));
            json_t *list = json_object_get(by_section, k);
            if (!list) json_object_set_new(by_section, k, list = json_array());
            json_array_append(list, t);
        } else {
            json_array_append(loose, t);
        }
    }
    json_array_foreach(sections, i, t) {
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(t, "id")));
        json_t *list = json_object_get(by_section, k);
        json_object_set_new(t, "tasks", list ? json_incref(list) : json_array());
    }
    json_t *body = json_pack("{s:o, s:o}", "sections", sections, "unsectioned_tasks", loose);
    json_decref(children);
    json_decref(by_section);
    json_decref(by_task);
    json_decref(seen_by_task);
    json_decref(tasks);
    json_decref(asg);
    json_decref(seen);
    return body;
}

/* Loads a plan for reading and how much of it the principal sees: *scope_unit 0 for every unit's
 * rows, else the unit whose subtree's rows it sees. 0, or -1 after answering 404/503. */
static int plan_for_read(req_t *r, db_t *db, long long id, json_t **plan, long long *scope_unit) {
    int found = plan_find(db, r->user, id, plan);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "kế hoạch");
    int full = plan_full_view(db, r->user, *plan);
    if (full < 0) {
        json_decref(*plan);
        return db_fail(r, db);
    }
    *scope_unit = full ? 0 : r->user->unit_id;
    return 0;
}

struct plan_get_query {
    int assignments, has_assignments; /* with assignments unless assignments=0 */
    long long assignees_limit;
    int has_assignees_limit; /* else every assignee's row */
};
static const struct in_decl plan_get_fields[] = {
    IN_FIELD_HAS(struct plan_get_query, assignments, IN_BOOL, 0, 0, 0, NULL, has_assignments),
    IN_FIELD_HAS(struct plan_get_query, assignees_limit, IN_INT, 0, 0, 1000, NULL,
                 has_assignees_limit),
};
const struct in_spec in_plans_get = IN_SPEC(struct plan_get_query, plan_get_fields);

/* Computed plan tables (sections, tasks, assignees' states) of this process, by plan version,
 * day, holiday calendar, reader's scope and parameters: see plan_table_key. */
static struct memo *plan_tables;
static pthread_once_t plan_tables_once = PTHREAD_ONCE_INIT;
static void plan_tables_init(void) {
    plan_tables = memo_new(PLAN_CACHE_SLOTS, PLAN_CACHE_BYTES);
}

/* The key of a plan table: the plan and what is asked of it, tagged with everything else the
 * answer depends on. The plan's version (migration 041) is read before anything the answer is
 * computed from, so an answer is never stored under a version older than the data it shows; the
 * states depend on today and on the holidays. 0, or -1 on a database error. */
static int plan_table_key(db_t *db, long long id, const char *what, struct answer_key *key) {
    long long version = 0;
    char cal[96];
    if (db_query_int(db, &version, "SELECT version FROM plans WHERE id = ?", "i", id) < 0)
        return -1;
    calendar_get_version(db, cal);
    char today[11];
    ymd_format(calendar_today(), today);
    snprintf(key->id, sizeof key->id, "plan:%lld:%s", id, what);
    snprintf(key->tag, sizeof key->tag, "v%lld:%s:%s", version, today, cal);
    return 0;
}

/* The table of the plan as JSON text ({"sections":..., "unsectioned_tasks":...}), from the cache
 * or computed and stored there; NULL on a database error or when memory ran out. */
static struct memo_val *plan_table(db_t *db, long long id, int with_asg, long long scope_unit,
                                   long long limit) {
    pthread_once(&plan_tables_once, plan_tables_init);
    char what[96];
    struct answer_key key;
    snprintf(what, sizeof what, "s%lld:a%d:l%lld", scope_unit, with_asg, limit);
    if (plan_table_key(db, id, what, &key) < 0) return NULL;
    struct memo_val *v = plan_tables ? memo_get(plan_tables, key.id, key.tag) : NULL;
    if (v) return v;
    json_t *body = plan_body(db, id, with_asg, scope_unit, limit);
    char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (!s) return NULL;
    if (plan_tables) memo_put(plan_tables, key.id, key.tag, s, strlen(s));
    v = plan_tables ? memo_get(plan_tables, key.id, key.tag) : NULL;
    if (!v) { /* not kept (too large, or no memory for the cache): hand out a private copy */
        size_t n = strlen(s);
        v = malloc(sizeof *v + n + 1);
        if (v) {
            v->refs = 1;
            v->len = n;
            memcpy(v->data, s, n + 1);
        }
    }
    free(s);
    return v;
}

/* Answers the plan's row joined with its table: the table's text is spliced in, not parsed. */
static void send_plan(req_t *r, json_t *plan, const struct memo_val *table) {
    char *head = json_dumps(plan, JSON_COMPACT);
    json_decref(plan);
    size_t hn = head ? strlen(head) : 0;
    if (!head || hn < 2 || table->len < 2) {
        free(head);
        res_internal(r, "plan table");
        return;
    }
    res_raw(r, 200, "application/json; charset=utf-8", head, hn - 1); /* without its '}' */
    free(head);
    buf_append(&r->out, ",", 1);
    buf_append(&r->out, table->data + 1, table->len - 1); /* without its '{' */
}

int h_plans_get(req_t *r) {
    const struct plan_get_query *in = r->query_in;
    int with_asg = in->has_assignments ? in->assignments : 1;
    long long limit = in->has_assignees_limit ? in->assignees_limit : -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), scope_unit = 0;
    json_t *plan = NULL;
    if (plan_for_read(r, db, id, &plan, &scope_unit) < 0) return -1;
    struct memo_val *table = plan_table(db, id, with_asg, scope_unit, limit);
    int may = table ? plan_writable(db, r->user, plan) : -1;
    if (may < 0) {
        memo_release(table);
        json_decref(plan);
        return db_fail(r, db);
    }
    json_object_set_new(plan, "can_edit", json_boolean(may == 1));
    /* "all": every unit's rows; "subtree": the reader's own rows, figures over all of them. */
    json_object_set_new(plan, "assignments_view", json_string(scope_unit ? "subtree" : "all"));
    send_plan(r, plan, table);
    memo_release(table);
    return 0;
}

/* On publishing: one assignment.created notification per assignee unit (however many tasks it
 * got), linking to the plan. The dedupe key makes it once per plan and unit. 0 or -1. */
static int notify_assignees(db_t *db, long long plan_id, const char *plan_title) {
    json_t *units = db_query_json(db,
                                  "SELECT a.unit_id, COUNT(*) AS n FROM assignments a JOIN tasks t "
                                  "ON t.id = a.task_id WHERE t.plan_id = ? GROUP BY a.unit_id "
                                  "ORDER BY a.unit_id",
                                  "i", plan_id);
    if (!units) return -1;
    char title[2048], link[64], key[96];
    snprintf(link, sizeof link, "/app/ke-hoach/%lld", plan_id);
    int rc = 0;
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u) {
        long long unit = json_integer_value(json_object_get(u, "unit_id"));
        snprintf(title, sizeof title, "Được giao %lld nhiệm vụ: %s",
                 (long long)json_integer_value(json_object_get(u, "n")),
                 plan_title ? plan_title : "");
        snprintf(key, sizeof key, "assignment.created:plan%lld:u%lld", plan_id, unit);
        const struct notice n = {"assignment.created", "plan", plan_id, title, NULL, link, key};
        if (notify_unit(db, unit, &n) < 0) rc = -1;
        if (rc < 0) break;
    }
    json_decref(units);
    return rc;
}

static int set_status(req_t *r, const char *from, const char *to, const char *action) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = plan_for_write(r, db, id);
    if (!before) return -1;
    const char *cur = json_string_value(json_object_get(before, "status"));
    if (strcmp(cur, from) != 0) {
        const char *allowed = strcmp(cur, "draft") == 0       ? "[\"publish\"]"
                              : strcmp(cur, "published") == 0 ? "[\"close\"]"
                                                              : "[]";
        json_decref(before);
        return res_conflict(r, "Trạng thái hiện tại của kế hoạch không cho phép thao tác này.",
                            allowed);
    }
    int rc = db_begin(db);
    if (rc == 0)
        rc = db_exec(db,
                     "UPDATE plans SET status = ?, published_at = IF(? = 'published', NOW(), "
                     "published_at), closed_at = IF(? = 'closed', NOW(), closed_at) WHERE id = ?",
                     "sssi", to, to, to, id) < 0;
    if (rc == 0) rc = plan_touch(db, id);
    if (rc == 0 && strcmp(to, "published") == 0)
        rc = plan_expand_assignments(db, id, 0) || review_plan_published(db, id) < 0 ||
             notify_assignees(db, id, json_string_value(json_object_get(before, "title"))) < 0;
    json_t *after = NULL;
    if (rc == 0) rc = plan_find(db, r->user, id, &after) != 1;
    long long n = 0;
    if (rc == 0)
        rc = db_query_int(db, &n,
                          "SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id "
                          "WHERE t.plan_id = ?",
                          "i", id) < 0;
    if (after) json_object_set_new(after, "assignment_count", json_integer(n));
    return commit_write(r, db, rc, action, "plan", id, before, after, 200);
}

int h_plans_publish(req_t *r) {
    return set_status(r, "draft", "published", "plan.publish");
}

int h_plans_close(req_t *r) {
    return set_status(r, "published", "closed", "plan.close");
}

struct plan_derive_input {
    long long unit_id;
    const char *title;
};
static const struct in_decl plan_derive_fields[] = {
    IN_FIELD(struct plan_derive_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct plan_derive_input, title, IN_STR, 0, 5, 500, NULL),
};
const struct in_spec in_plans_derive = IN_SPEC(struct plan_derive_input, plan_derive_fields);

int h_plans_derive(req_t *r) {
    const struct plan_derive_input *in = r->body_in;
    long long unit_id = in->unit_id;
    const char *title = in->title;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long src = req_param_id(r, "id");
    json_t *plan = NULL;
    int found = plan_find(db, r->user, src, &plan);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "kế hoạch");
    int may = plan_may_create(db, r->user, unit_id);
    if (may < 0) {
        json_decref(plan);
        return db_fail(r, db);
    }
    if (!may) {
        json_decref(plan);
        req_error(r, "unit_id", "Bạn không thể lập kế hoạch cho đơn vị này.");
        return res_invalid(r);
    }
    if (strcmp(json_string_value(json_object_get(plan, "status")), "draft") == 0) {
        json_decref(plan);
        return res_conflict(r, "Kế hoạch nguồn chưa được ban hành.", "[\"publish\"]");
    }
    char deftitle[600];
    snprintf(deftitle, sizeof deftitle, "Triển khai %s",
             json_string_value(json_object_get(plan, "title")));
    /* The title is cut at 500 characters as the column holds; its folded form is of that cut. */
    const char *t = title ? title : deftitle;
    size_t cut = 0;
    for (size_t chars = 0; t[cut] && chars <= 500; cut++)
        if (((unsigned char)t[cut] & 0xC0) != 0x80 && ++chars > 500) break;
    char folded[2048]; /* 500 characters of at most 4 bytes */
    vnfold(t, cut, folded, sizeof folded);
    int rc = db_begin(db) < 0;
    if (!rc)
        rc = db_exec(db,
                     "INSERT INTO plans (unit_id, year, kind, title, title_folded, source_plan_id, "
                     "created_by) SELECT ?, year, kind, LEFT(?, 500), ?, id, ? FROM plans WHERE "
                     "id = ?",
                     "issii", unit_id, t, folded, r->user->user_id, src) < 0;
    long long id = db_last_id(db);
    /* Sections that hold a task assigned to the unit, then those tasks, each linked to its
     * source; a sub-item brings its parent along so the copy keeps its shape. */
    if (!rc)
        rc = db_exec(db,
                     "INSERT INTO plan_sections (plan_id, number, title, sort_order) SELECT ?, "
                     "s.number, s.title, s.sort_order FROM plan_sections s WHERE s.plan_id = ? AND "
                     "EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id WHERE "
                     "t.section_id = s.id AND a.unit_id = ?) ORDER BY s.sort_order",
                     "iii", id, src, unit_id) < 0;
    if (!rc)
        rc = db_exec(db,
                     "INSERT INTO tasks (plan_id, section_id, source_task_id, sort_order, number, "
                     "title, title_folded, output, lead_json, coop_json, timeline_text, "
                     "timeline_json, tl_kind, start_date, due_date) SELECT ?, (SELECT ns.id FROM "
                     "plan_sections ns JOIN plan_sections os ON os.id = t.section_id WHERE "
                     "ns.plan_id = ? AND ns.sort_order = os.sort_order AND ns.title = os.title "
                     "LIMIT 1), t.id, t.sort_order, t.number, t.title, t.title_folded, t.output, "
                     "t.lead_json, t.coop_json, "
                     "t.timeline_text, t.timeline_json, t.tl_kind, t.start_date, t.due_date FROM "
                     "tasks t WHERE t.plan_id = ? AND (EXISTS (SELECT 1 FROM assignments a WHERE "
                     "a.task_id = t.id AND a.unit_id = ?) OR EXISTS (SELECT 1 FROM tasks c JOIN "
                     "assignments a ON a.task_id = c.id WHERE c.parent_task_id = t.id AND "
                     "a.unit_id = ?)) ORDER BY t.sort_order, t.id",
                     "iiiii", id, id, src, unit_id, unit_id) < 0;
    if (!rc)
        rc = db_exec(db,
                     "UPDATE tasks c JOIN tasks src ON src.id = c.source_task_id JOIN tasks p ON "
                     "p.plan_id = c.plan_id AND p.source_task_id = src.parent_task_id SET "
                     "c.parent_task_id = p.id WHERE c.plan_id = ?",
                     "i", id) < 0;
    json_t *after = NULL;
    if (!rc) rc = plan_find(db, r->user, id, &after) != 1;
    if (rc || !after || audit_write(db, r, "plan.derive", "plan", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(plan);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(plan);
    res_json(r, 201, after);
    return 0;
}

/* Per-unit rows of the progress board, most behind first. */
static json_t *unit_board(json_t *asg) {
    json_t *by = json_object(), *rows = json_array();
    size_t i;
    json_t *a;
    char k[32];
    json_array_foreach(asg, i, a) {
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(a, "unit_id")));
        json_t *u = json_object_get(by, k);
        if (!u) {
            u = json_pack("{s:O, s:O, s:O, s:i, s:i, s:i, s:i, s:i, s:i}", "unit_id",
                          json_object_get(a, "unit_id"), "unit_name",
                          json_object_get(a, "unit_name"), "unit_level",
                          json_object_get(a, "unit_level"), "assignments", 0, "done", 0, "overdue",
                          0, "due_soon", 0, "progress_sum", 0, "not_started", 0);
            json_object_set_new(by, k, u);
            json_array_append(rows, u);
        }
#define BUMP(key, by_n)                                                                            \
    json_object_set_new(u, key, json_integer(json_integer_value(json_object_get(u, key)) + (by_n)))
        const char *st = json_string_value(json_object_get(a, "state"));
        BUMP("assignments", 1);
        BUMP("done", strncmp(st, "done", 4) == 0);
        BUMP("overdue", json_is_true(json_object_get(a, "overdue")));
        BUMP("due_soon", json_is_true(json_object_get(a, "due_soon")));
        BUMP("not_started", strcmp(st, "not_started") == 0);
        BUMP("progress_sum", json_integer_value(json_object_get(a, "progress")));
#undef BUMP
    }
    json_array_foreach(rows, i, a) {
        long long n = json_integer_value(json_object_get(a, "assignments"));
        long long sum = json_integer_value(json_object_get(a, "progress_sum"));
        json_object_set_new(a, "progress", json_integer(n ? (sum + n / 2) / n : 0));
        json_object_del(a, "progress_sum");
    }
    json_decref(by);
    return rows;
}

static int board_cmp(const void *x, const void *y) {
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    long long oa = json_integer_value(json_object_get(a, "overdue"));
    long long ob = json_integer_value(json_object_get(b, "overdue"));
    if (oa != ob) return oa > ob ? -1 : 1;
    long long pa = json_integer_value(json_object_get(a, "progress"));
    long long pb = json_integer_value(json_object_get(b, "progress"));
    if (pa != pb) return pa < pb ? -1 : 1;
    return strcmp(json_string_value(json_object_get(a, "unit_name")),
                  json_string_value(json_object_get(b, "unit_name")));
}

int h_plans_progress(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), scope_unit = 0;
    json_t *plan = NULL;
    if (plan_for_read(r, db, id, &plan, &scope_unit) < 0) return -1;
    /* The board is cached like the table (plan_table_key); it holds the plan's title, which a
     * plan edit bumps the version for. */
    char what[64];
    struct answer_key key;
    snprintf(what, sizeof what, "progress:s%lld", scope_unit);
    pthread_once(&plan_tables_once, plan_tables_init);
    if (plan_table_key(db, id, what, &key) < 0) {
        json_decref(plan);
        return db_fail(r, db);
    }
    struct memo_val *hit = plan_tables ? memo_get(plan_tables, key.id, key.tag) : NULL;
    if (hit) {
        json_decref(plan);
        res_raw(r, 200, "application/json; charset=utf-8", hit->data, hit->len);
        memo_release(hit);
        return 0;
    }
    /* Per-unit rows of other subtrees only for full readers; every reader gets the figures. */
    json_t *asg = assignment_rows(db, id, 0, scope_unit);
    json_t *all = !asg ? NULL : scope_unit ? assignment_rows(db, id, 0, 0) : json_incref(asg);
    if (!asg || !all) {
        json_decref(asg);
        json_decref(all);
        json_decref(plan);
        return db_fail(r, db);
    }
    json_t *overall = assignment_summary(all);
    json_decref(all);
    json_t *rows = unit_board(asg);
    size_t n = json_array_size(rows);
    json_t **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++) v[i] = json_array_get(rows, i);
    qsort(v, n, sizeof *v, board_cmp);
    json_t *sorted = json_array();
    long long total = 0, sum = 0, overdue = 0, done = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append(sorted, v[i]);
        total += json_integer_value(json_object_get(v[i], "assignments"));
        sum += json_integer_value(json_object_get(v[i], "progress")) *
               json_integer_value(json_object_get(v[i], "assignments"));
        overdue += json_integer_value(json_object_get(v[i], "overdue"));
        done += json_integer_value(json_object_get(v[i], "done"));
    }
    free(v);
    json_t *out =
        json_pack("{s:I, s:O, s:I, s:I, s:I, s:o, s:o}", "plan_id", (json_int_t)id, "title",
                  json_object_get(plan, "title"), "assignments", (json_int_t)total, "done",
                  (json_int_t)done, "overdue", (json_int_t)overdue, "progress",
                  total ? json_integer((sum + total / 2) / total) : json_null(), "units", sorted);
    json_object_set_new(out, "overall", overall);
    json_decref(rows);
    json_decref(asg);
    json_decref(plan);
    char *s = json_dumps(out, JSON_COMPACT);
    json_decref(out);
    if (!s) return res_internal(r, "json_dumps failed");
    if (plan_tables) memo_put(plan_tables, key.id, key.tag, s, strlen(s));
    res_raw(r, 200, "application/json; charset=utf-8", s, strlen(s));
    free(s);
    return 0;
}

static const char *unit_list_text(json_t *list, char *buf, size_t cap) {
    buf[0] = '\0';
    size_t i, used = 0;
    json_t *u;
    json_array_foreach(list, i, u) {
        int n = snprintf(buf + used, cap - used, "%s%s", used ? "; " : "",
                         json_string_value(json_object_get(u, "text")));
        if (n < 0 || (size_t)n >= cap - used) break;
        used += (size_t)n;
    }
    return buf;
}

static void xlsx_task_rows(lxw_worksheet *ws, lxw_format *wrap, json_t *tasks, int *row) {
    size_t i;
    json_t *t;
    char lead[2048], coop[2048], prog[64];
    json_array_foreach(tasks, i, t) {
        json_t *p = json_object_get(t, "progress");
        if (json_is_integer(p))
            snprintf(prog, sizeof prog, "%lld%% (%lld/%lld xong, %lld quá hạn)",
                     (long long)json_integer_value(p),
                     (long long)json_integer_value(json_object_get(t, "done_count")),
                     (long long)json_integer_value(json_object_get(t, "assignee_count")),
                     (long long)json_integer_value(json_object_get(t, "overdue_count")));
        else
            snprintf(prog, sizeof prog, "Chưa giao");
        const char *num = json_string_value(json_object_get(t, "number"));
        worksheet_write_string(ws, *row, 0, num ? num : "", wrap);
        worksheet_write_string(ws, *row, 1, json_string_value(json_object_get(t, "title")), wrap);
        const char *out = json_string_value(json_object_get(t, "output"));
        worksheet_write_string(ws, *row, 2, out ? out : "", wrap);
        worksheet_write_string(ws, *row, 3,
                               unit_list_text(json_object_get(t, "lead"), lead, sizeof lead), wrap);
        worksheet_write_string(ws, *row, 4,
                               unit_list_text(json_object_get(t, "coop"), coop, sizeof coop), wrap);
        const char *tl = json_string_value(json_object_get(t, "timeline_text"));
        worksheet_write_string(ws, *row, 5, tl ? tl : "", wrap);
        worksheet_write_string(ws, *row, 6, prog, wrap);
        (*row)++;
        xlsx_task_rows(ws, wrap, json_object_get(t, "children"), row);
    }
}

/* Writes the plan in the document's columns as an .xlsx at path (libxlsxwriter 1.1.4 writes
 * to a named file only). */
static int plan_xlsx_write(const char *path, void *ctx) {
    json_t *plan = ctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Kế hoạch");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_border(bold, LXW_BORDER_THIN);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(wrap, LXW_BORDER_THIN);
    static const char *const heads[] = {"STT",      "Nhiệm vụ",  "Kết quả", "Chủ trì",
                                        "Phối hợp", "Thời gian", "Tiến độ"};
    static const double widths[] = {6, 60, 30, 28, 28, 18, 22};
    /* The title row says what, whose, which year and when the figures were taken. */
    char made[32], title[1400];
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    const char *unit = json_string_value(json_object_get(plan, "unit_name"));
    snprintf(title, sizeof title, "%s — %s — năm %lld — tiến độ lập lúc %s",
             json_string_value(json_object_get(plan, "title")), unit ? unit : "",
             (long long)json_integer_value(json_object_get(plan, "year")), made);
    worksheet_merge_range(ws, 0, 0, 0, 6, title, bold);
    for (int c = 0; c < 7; c++) {
        worksheet_set_column(ws, c, c, widths[c], NULL);
        worksheet_write_string(ws, 2, c, heads[c], bold);
    }
    int row = 3;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(plan, "sections"), i, s) {
        const char *num = json_string_value(json_object_get(s, "number"));
        worksheet_write_string(ws, row, 0, num ? num : "", bold);
        worksheet_merge_range(ws, row, 1, row, 6, json_string_value(json_object_get(s, "title")),
                              bold);
        row++;
        xlsx_task_rows(ws, wrap, json_object_get(s, "tasks"), &row);
    }
    xlsx_task_rows(ws, wrap, json_object_get(plan, "unsectioned_tasks"), &row);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int h_plans_export(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), scope_unit = 0;
    json_t *plan = NULL;
    if (plan_for_read(r, db, id, &plan, &scope_unit) < 0) return -1;
    json_t *body = plan_body(db, id, 1, scope_unit, -1);
    if (!body) {
        json_decref(plan);
        return db_fail(r, db);
    }
    json_object_update(plan, body);
    json_decref(body);
    /* the temporary file is removed on every path (it leaked when the workbook could not be
     * created) */
    char name[48];
    snprintf(name, sizeof name, "ke-hoach-%lld.xlsx", id);
    int rc = res_xlsx(r, plan_xlsx_write, plan, name);
    json_decref(plan);
    return rc;
}
