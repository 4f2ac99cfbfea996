/* Feedback background work: scheduler jobs (daily reminders, mail outbox, purges), the manual
 * reminder run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback.h"
#include "core/vnfold.h"
#include "lib/log.h"
#include "lib/mail.h"
#include "server/server.h"

#define MAIL_BATCH        20
#define MAIL_MAX_ATTEMPTS FB_MAIL_MAX_ATTEMPTS

/* ---- due dates and reminders --------------------------------------------------------------- */

static const char *const open_states =
    "('new','needs_info','accepted','forwarded','processing','answered','returned')";

int fb_refresh_due_all(db_t *db) {
    struct fb_rule_versions v;
    int have_rules = fb_versions_load(db, &v);
    if (have_rules != 1) return -1; /* missing rules or a database error: the job fails */
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT id, status, received_at, intake_at, returned_at, forwarded_at, answered_at "
             "FROM feedback WHERE status IN %s",
             open_states);
    json_t *rows = db_query_json(db, sql, NULL);
    if (!rows) return -1;
    const struct holidays *h = calendar_get(db);
    size_t i;
    json_t *row;
    int rc = 0;
    json_array_foreach(rows, i, row) {
        char due[11], soon[11];
        fb_due_of(row, fb_rules_of(&v, row), h, due, soon);
        if (db_exec(db,
                    "UPDATE feedback SET due_date = NULLIF(?, ''), soon_date = NULLIF(?, '') "
                    "WHERE id = ?",
                    "ssi", due, soon,
                    (long long)json_integer_value(json_object_get(row, "id"))) < 0)
            rc = -1;
    }
    json_decref(rows);
    return rc;
}

int fb_reminders_run(db_t *db) {
    struct fb_rule_versions v;
    int have_rules = fb_versions_load(db, &v);
    if (have_rules != 1) return -1; /* missing rules or a database error: the job fails */
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT id, tracking_code, title, status, assigned_unit_id, received_at, intake_at, "
             "returned_at, "
             "forwarded_at, answered_at, info_requested_at FROM feedback WHERE status IN %s "
             "ORDER BY id",
             open_states);
    json_t *rows = db_query_json(db, sql, NULL);
    if (!rows) return -1;
    const struct holidays *h = calendar_get(db);
    struct ymd today = calendar_today();
    char day[11];
    ymd_format(today, day);
    int written = 0;
    size_t i;
    json_t *row;
    if (db_begin(db) < 0) {
        json_decref(rows);
        return -1;
    }
    int rc = 0;
    json_array_foreach(rows, i, row) {
        struct fb_dates d;
        struct fb_clock c;
        fb_dates_of(row, &d);
        enum fb_state st = fb_state_from(json_string_value(json_object_get(row, "status")));
        fb_clock(st, &d, fb_rules_of(&v, row), h, today, &c);
        if (!c.due.y || !(c.overdue || c.due_soon) || !c.step) continue;
        long long id = json_integer_value(json_object_get(row, "id"));
        json_t *au = json_object_get(row, "assigned_unit_id");
        long long unit =
            strcmp(c.step, "unit") == 0 && json_is_integer(au) ? json_integer_value(au) : 0;
        char due[11], title[800], dedupe[128];
        ymd_format(c.due, due);
        snprintf(title, sizeof title, "%s (hạn %s): %.500s",
                 c.overdue ? "Quá hạn xử lý phản ánh, kiến nghị"
                           : "Sắp đến hạn xử lý phản ánh, kiến nghị",
                 due, json_string_value(json_object_get(row, "title")));
        snprintf(dedupe, sizeof dedupe, "fb-remind:%lld:%s:%lld", id, day, unit);
        if (fb_notify(db, unit, c.overdue ? "feedback.overdue" : "feedback.due_soon", id, title,
                      NULL, dedupe) < 0) {
            rc = -1;
            break;
        }
        written++;
    }
    json_decref(rows);
    if (rc < 0 || db_commit(db) < 0) {
        if (db_in_txn(db)) db_rollback(db);
        return -1;
    }
    return written;
}

int h_feedback_reminders(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int n = fb_reminders_run(db);
    if (n < 0) return db_fail(r, db);
    res_json(r, 200, json_pack("{s:i}", "notifications", n));
    return 0;
}

/* ---- scheduler jobs (api/scheduler.c runs them under a lease) ------------------------------ */

/* Sends what the outbox holds (every 30 s). Failures back off 1, 2, 4 ... minutes. */
int mail_outbox_job(db_t *db) {
    const struct config *cfg = fb_config();
    if (!mail_enabled(cfg)) return 0;
    json_t *rows = db_query_json(db,
                                 "SELECT id, recipient, subject, body, attempts FROM mail_outbox "
                                 "WHERE sent_at IS NULL AND attempts < ? AND next_try_at <= NOW() "
                                 "ORDER BY id LIMIT ?",
                                 "ii", (long long)MAIL_MAX_ATTEMPTS, (long long)MAIL_BATCH);
    if (!rows) return -1;
    size_t i;
    json_t *m;
    json_array_foreach(rows, i, m) {
        char err[256] = "";
        long long id = json_integer_value(json_object_get(m, "id"));
        int rc = mail_send(cfg, json_string_value(json_object_get(m, "recipient")),
                           json_string_value(json_object_get(m, "subject")),
                           json_string_value(json_object_get(m, "body")), err, sizeof err);
        if (rc == 0) {
            db_exec(db,
                    "UPDATE mail_outbox SET sent_at = NOW(), attempts = attempts + 1 WHERE id = ?",
                    "i", id);
        } else {
            long long a = json_integer_value(json_object_get(m, "attempts"));
            db_exec(db,
                    "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_try_at = "
                    "NOW() + INTERVAL ? MINUTE WHERE id = ?",
                    "sii", err, 1LL << (a < 10 ? a : 10), id);
            log_warn("mail outbox #%lld failed: %s", id, err);
        }
    }
    json_decref(rows);
    return 0;
}

/* Hourly: the daily reminders once the reminder hour has come (once a day over every host: the
 * job_runs row is the claim), and the purge of spent proof-of-work challenges. */
int feedback_reminders_job(db_t *db) {
    const struct config *cfg = fb_config();
    db_exec(db, "DELETE FROM altcha_used WHERE expires_at < NOW() - INTERVAL 1 HOUR LIMIT 10000",
            NULL);
    char hour[3];
    calendar_local(time(NULL), "%H", hour, sizeof hour);
    if (cfg && atoi(hour) < cfg->reminder_hour) return 0;
    char day[11];
    ymd_format(calendar_today(), day);
    if (db_exec(db, "INSERT INTO job_runs (job, run_day) VALUES ('feedback.reminders', ?)", "s",
                day) != 1)
        return db_errno(db) == 1062 ? 0 : -1;
    int n = fb_reminders_run(db);
    char note[64];
    snprintf(note, sizeof note, "%d notifications", n);
    db_exec(db,
            "UPDATE job_runs SET finished_at = NOW(), note = ? WHERE job = 'feedback.reminders' "
            "AND run_day = ?",
            "ss", n < 0 ? "failed" : note, day);
    if (n >= 0) log_info("feedback reminders: %d notifications", n);
    return n < 0 ? -1 : 0;
}
