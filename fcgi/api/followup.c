/* Follow-up assignments of inspections' findings and dialogues' commitments, made one way. */
#include "api/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/inspections.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "core/period.h"
#include "core/vnfold.h"

/* The kind of plan and the yearly plan's title for a source kind. */
static void plan_of_kind(const char *source_kind, int year, const char **kind, char *title,
                         size_t cap) {
    int insp = strcmp(source_kind, "inspection") == 0;
    *kind = insp ? "inspection" : "communication";
    snprintf(title, cap,
             insp ? "Theo dõi thực hiện kết luận kiểm tra năm %d"
                  : "Theo dõi thực hiện cam kết đối thoại năm %d",
             year);
}

/* The owner's yearly follow-up plan of the kind, created (published) when missing: its id, or
 * -1. The owner's unit row is locked first so two first follow-ups of a year make one plan. */
static long long yearly_plan(db_t *db, const struct followup *f) {
    long long one = 0, plan_id = 0;
    /* a missing owner unit (0) is as much a failure here as a database error (-1) */
    int locked = db_query_int(db, &one, "SELECT id FROM units WHERE id = ? FOR UPDATE", "i",
                              f->owner_unit_id);
    if (locked <= 0) return -1;
    int found = db_query_int(db, &plan_id,
                             "SELECT plan_id FROM followup_plans WHERE unit_id = ? AND year = ? "
                             "AND kind = ?",
                             "iis", f->owner_unit_id, (long long)f->year, f->source_kind);
    if (found < 0) return -1;
    if (found) return plan_id;
    const char *kind;
    char title[200];
    plan_of_kind(f->source_kind, f->year, &kind, title, sizeof title);
    char *folded = vnfold_dup(title);
    if (!folded) return -1;
    long long rc = db_exec(db,
                           "INSERT INTO plans (unit_id, year, kind, title, title_folded, status, "
                           "published_at) VALUES (?, ?, ?, ?, ?, 'published', NOW())",
                           "iisss", f->owner_unit_id, (long long)f->year, kind, title, folded);
    free(folded);
    if (rc < 0) return -1;
    plan_id = db_last_id(db);
    if (db_exec(db, "INSERT INTO followup_plans (unit_id, year, kind, plan_id) VALUES (?, ?, ?, ?)",
                "iisi", f->owner_unit_id, (long long)f->year, f->source_kind, plan_id) < 0)
        return -1;
    return plan_id;
}

/* Inserts the task (a deadline on f->due, led by f->unit_id): its id, or -1. */
static long long insert_task(db_t *db, long long plan_id, const struct followup *f) {
    char text[40], start[11] = "", due[11] = "";
    /* The timeline as a person would write it, so the task reads like any other. */
    snprintf(text, sizeof text, "Trước ngày %.2s/%.2s/%.4s", f->due + 8, f->due + 5, f->due);
    const char *kind = "unknown";
    char *tl = task_timeline(text, f->year, &kind, start, due);
    char *folded = vnfold_dup(f->title);
    json_t *lead =
        json_pack("[{s:s,s:I,s:n}]", "text", "", "unit_id", (json_int_t)f->unit_id, "group");
    char *lead_text = lead ? json_dumps(lead, JSON_COMPACT) : NULL;
    json_decref(lead);
    long long rc = -1;
    if (tl && folded && lead_text)
        rc = db_exec(db,
                     "INSERT INTO tasks (plan_id, sort_order, title, title_folded, lead_json, "
                     "coop_json, timeline_text, timeline_json, tl_kind, due_date) VALUES (?, "
                     "(SELECT COALESCE(MAX(t.sort_order), 0) + 10 FROM tasks t WHERE t.plan_id = "
                     "?), ?, ?, ?, '[]', ?, ?, ?, ?)",
                     "iisssssss", plan_id, plan_id, f->title, folded, lead_text, text, tl, kind,
                     f->due);
    free(tl);
    free(folded);
    free(lead_text);
    return rc < 0 ? -1 : db_last_id(db);
}

long long followup_create(db_t *db, const struct followup *f) {
    long long plan_id = f->plan_id ? f->plan_id : yearly_plan(db, f);
    if (plan_id < 0) return -1;
    long long task_id = insert_task(db, plan_id, f);
    if (task_id < 0 || plan_touch(db, plan_id) < 0) return -1;
    if (db_exec(db,
                "INSERT INTO assignments (task_id, unit_id, role, due_date, source_kind, "
                "source_id) VALUES (?, ?, 'lead', ?, ?, ?)",
                "iissi", task_id, f->unit_id, f->due, f->source_kind, f->source_id) < 0)
        return -1;
    long long id = db_last_id(db);
    char title[600], link[64];
    snprintf(title, sizeof title, "%s: %s",
             strcmp(f->source_kind, "inspection") == 0 ? "Khắc phục sau kiểm tra"
                                                       : "Thực hiện cam kết đối thoại",
             f->title);
    snprintf(link, sizeof link, "/app/nhiem-vu/%lld?phan-cong=%lld", task_id, id);
    struct notice n = {"assignment.created", "assignment", id, title, NULL, link, NULL};
    return notify_unit(db, f->unit_id, &n) < 0 ? -1 : id;
}

json_t *followup_open_ids(db_t *db, const char *source_kind, long long source_id) {
    struct db_res *res = db_query(db,
                                  "SELECT id FROM assignments WHERE source_kind = ? AND "
                                  "source_id = ? AND status <> 'done' ORDER BY id",
                                  "si", source_kind, source_id);
    if (!res) return NULL;
    json_t *ids = json_array();
    for (size_t i = 0; i < res->nrows; i++)
        json_array_append_new(ids, json_integer(db_int(res, i, 0)));
    db_res_free(res);
    return ids;
}

json_t *followup_list(db_t *db, const char *source_kind, long long source_id, const char *today) {
    return db_query_json(db,
                         "SELECT a.id AS assignment_id, a.unit_id, un.name AS unit_name, "
                         "a.due_date, a.status, a.done_date, (a.status <> 'done' AND a.due_date < "
                         "?) AS overdue FROM assignments a JOIN units un ON un.id = "
                         "a.unit_id WHERE a.source_kind = ? AND a.source_id = ? ORDER BY a.id",
                         "ssi", today, source_kind, source_id);
}

/* Overdue follow-ups are told to the following unit for this many days after their due date. */
#define FOLLOWUP_CHASE_DAYS_S "60"

/* The notice of one overdue follow-up row (id, due, unit name, owner, title) to its owner. */
static int tell_overdue(db_t *db, struct db_res *res, size_t i) {
    char title[700], link[64], key[96];
    long long id = db_int(res, i, 0);
    snprintf(title, sizeof title, "Quá hạn khắc phục (%s, hạn %s): %.500s", db_val(res, i, 2),
             db_val(res, i, 1), db_val(res, i, 4));
    snprintf(link, sizeof link, "/app/nhiem-vu/%lld?phan-cong=%lld", db_int(res, i, 5), id);
    /* Once per follow-up and due date: a moved due date is a new event. */
    snprintf(key, sizeof key, "followup.overdue:a%lld:%s", id, db_val(res, i, 1));
    struct notice n = {"followup.overdue", "assignment", id, title, NULL, link, key};
    return notify_unit(db, db_int(res, i, 3), &n);
}

int followup_overdue_job(db_t *db) {
    char today[11];
    ymd_format(calendar_today(), today);
    struct db_res *res = db_query(
        db,
        "SELECT a.id, a.due_date, un.name, COALESCE(i.inspecting_unit_id, m.unit_id), t.title, "
        "a.task_id FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units un ON un.id = "
        "a.unit_id "
        "LEFT JOIN inspections i ON a.source_kind = 'inspection' AND i.id = a.source_id LEFT "
        "JOIN communications m ON a.source_kind = 'dialogue' AND m.id = a.source_id WHERE "
        "a.source_kind IS NOT NULL AND a.status <> 'done' AND a.due_date < ? AND a.due_date >= "
        "DATE_SUB(?, INTERVAL " FOLLOWUP_CHASE_DAYS_S " DAY) ORDER BY a.id",
        "ss", today, today);
    if (!res) return -1;
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        if (db_begin(db) < 0) {
            rc = -1;
            break;
        }
        if (tell_overdue(db, res, i) < 0 || db_commit(db) < 0) {
            if (db_in_txn(db)) db_rollback(db);
            rc = -1;
        }
    }
    db_res_free(res);
    return rc;
}
