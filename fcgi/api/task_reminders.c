/* The hourly job that reminds assignee units of tasks due soon and overdue (issue 15). */
#include <stdio.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "core/task_clock.h"
#include "lib/log.h"
#include "lib/utf8.h"

/* Overdue assignments are chased for this many calendar days after their due date, no longer:
 * a new installation (or one whose plans were imported with years of history) would otherwise
 * send every unit a flood of reminders for tasks long abandoned or done on paper. Sixty days
 * covers the six default repetitions every five working days with room to spare. */
#define TASK_CHASE_DAYS 60

/* The version of the `tasks` rule set in force on today (defaults when none). */
static int rules_for(db_t *db, const char *today, struct task_rules *out) {
    json_t *row = NULL;
    int found = db_query_row_json(db, &row,
                                  "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                                  "'tasks' AND effective_from <= ? ORDER BY effective_from DESC "
                                  "LIMIT 1",
                                  "s", today);
    if (found < 0) return -1;
    task_rules_from_json(found ? json_object_get(row, "rules") : NULL, out);
    json_decref(row);
    return 0;
}

/* src cut to at most max bytes on a character boundary, into out (max + 4 bytes at least). */
static const char *clip(const char *src, size_t max, char *out) {
    size_t n = utf8_cut(src, strlen(src), max);
    memcpy(out, src, n);
    memcpy(out + n, n < strlen(src) ? "..." : "", n < strlen(src) ? 4 : 1);
    return out;
}

struct reminder {
    long long assignment, task, unit;
    int overdue, focal; /* focal: the unit's active focal officers */
    char title[600], body[1400], link[64], dedupe[96];
};

/* Through the one producer (api/notifications_common): to the user, or to the whole unit. */
static int notify(db_t *db, const struct reminder *m, long long user_id, const char *dedupe) {
    struct notice n = {m->overdue ? "assignment.overdue" : "assignment.due_soon",
                       "assignment",
                       m->assignment,
                       m->title,
                       m->body,
                       m->link,
                       dedupe};
    return user_id ? notify_user(db, user_id, &n) : notify_unit(db, m->unit, &n);
}

/* Writes the reminder to its recipients inside the caller's transaction: each focal officer
 * (and, overdue, each leader) once through the dedupe key, the unit as a whole when it has no
 * focal officer (the mails are the producer's, by each person's choice for the kind). Returns
 * the notifications written, -1 on a database error. */
static int deliver(db_t *db, const struct reminder *m) {
    struct db_res *users = db_query(db,
                                    "SELECT id FROM users WHERE unit_id = ? "
                                    "AND active = 1 AND (focal_officer = 1 OR (? = 1 AND role = "
                                    "'leader')) ORDER BY id",
                                    "ii", m->unit, (long long)m->overdue);
    if (!users) return -1;
    int written = 0, rc = 0;
    if (m->focal == 0) {
        rc = notify(db, m, 0, m->dedupe);
        written = rc > 0 ? rc : 0;
    }
    for (size_t i = 0; i < users->nrows && rc >= 0; i++) {
        char key[128];
        snprintf(key, sizeof key, "%s:u%lld", m->dedupe, db_int(users, i, 0));
        rc = notify(db, m, db_int(users, i, 0), key);
        if (rc > 0) written += rc;
    }
    db_res_free(users);
    return rc < 0 ? -1 : written;
}

/* Title, body, link and dedupe key of the reminder rid for row i of the candidates. */
static void compose(struct reminder *m, const struct db_res *res, size_t i, const char *rid) {
    char task[400], plan[400];
    const char *due = db_val(res, i, 3), *num = db_val(res, i, 5);
    char vn[11]; /* as people read dates here: 07/12/2026 */
    snprintf(vn, sizeof vn, "%.2s/%.2s/%.4s", due + 8, due + 5, due);
    m->assignment = db_int(res, i, 0), m->task = db_int(res, i, 1), m->unit = db_int(res, i, 2);
    m->focal = (int)db_int(res, i, 7);
    clip(db_val(res, i, 4) ? db_val(res, i, 4) : "", 300, task);
    clip(db_val(res, i, 6) ? db_val(res, i, 6) : "", 300, plan);
    snprintf(m->title, sizeof m->title, "%s (hạn %s): %s",
             m->overdue ? "Nhiệm vụ quá hạn" : "Nhiệm vụ sắp đến hạn", vn, task);
    snprintf(m->body, sizeof m->body,
             "Nhiệm vụ %s%s%s thuộc kế hoạch \"%s\" %s ngày %s. Đề nghị đơn vị thực hiện và "
             "cập nhật tiến độ.",
             num && *num ? num : "", num && *num ? ". " : "", task, plan,
             m->overdue ? "đã quá hạn hoàn thành từ" : "đến hạn hoàn thành", vn);
    snprintf(m->link, sizeof m->link, "/app/nhiem-vu/%lld", m->task);
    /* The due date is in the key: a due date moved later reminds again on its own days. */
    snprintf(m->dedupe, sizeof m->dedupe, "task-remind:%lld:%s:%s", m->assignment, due, rid);
}

/* One candidate in its own transaction, so that one unit's failure loses no other's. */
static int remind_one(db_t *db, const struct db_res *res, size_t i, struct ymd today,
                      const struct task_rules *rules) {
    struct ymd due;
    char rid[8];
    struct reminder m;
    if (!db_val(res, i, 3) || ymd_parse(db_val(res, i, 3), &due) != 0) return 0;
    if (!task_reminder(due, today, rules, calendar_get(db), rid, &m.overdue)) return 0;
    compose(&m, res, i, rid);
    if (db_begin(db) < 0) return -1;
    int n = deliver(db, &m);
    if (n < 0 || db_commit(db) < 0) {
        if (db_in_txn(db)) db_rollback(db);
        return -1;
    }
    return n;
}

int task_reminders_job(db_t *db) {
    struct ymd today = calendar_today();
    struct task_rules rules;
    char todays[11], from[11], to[11];
    ymd_format(today, todays);
    if (rules_for(db, todays, &rules) < 0) return -1;
    int ahead = 0;
    for (int i = 0; i < rules.nbefore && i < 8; i++)
        if (rules.remind_before[i] > ahead) ahead = rules.remind_before[i];
    /* A due date later than this has no reminder date on or before today. */
    ymd_format(add_working_days(today, ahead + 1, calendar_get(db)), to);
    ymd_format(days_to_ymd(ymd_to_days(today) - TASK_CHASE_DAYS), from);
    /* Not done, of a published plan (neither a draft nor closed), due in the window. */
    struct db_res *res = db_query(
        db,
        "SELECT a.id, a.task_id, a.unit_id, DATE_FORMAT(a.due_date, '%Y-%m-%d'), t.title, "
        "t.number, p.title, (SELECT COUNT(*) FROM users f WHERE f.unit_id = a.unit_id AND "
        "f.active = 1 AND f.focal_officer = 1) FROM assignments a JOIN tasks t ON t.id = "
        "a.task_id JOIN plans p ON p.id = t.plan_id WHERE p.status = 'published' AND a.status <> "
        "'done' AND a.due_date BETWEEN ? AND ? ORDER BY a.due_date, a.id",
        "ss", from, to);
    if (!res) return -1;
    int total = 0;
    for (size_t i = 0; i < res->nrows && total >= 0; i++) {
        int n = remind_one(db, res, i, today, &rules);
        total = n < 0 ? -1 : total + n;
    }
    db_res_free(res);
    if (total > 0) log_info("task reminders: %d notifications", total);
    return total < 0 ? -1 : 0;
}
