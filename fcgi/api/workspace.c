/* GET /api/v1/workspace: what the caller's landing page needs, by role, every list scoped,
 * counted and ordered in SQL and capped (issue 15). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "api/api.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback_common.h"
#include "api/notifications_common.h"
#include "api/report_common.h"
#include "api/units.h"
#include "core/access.h"
#include "server/server.h"

/* Rows per list; each list also says its total. */
#define WS_CAP 10
/* "Due soon" on the landing page: within this many working days from today. */
#define WS_AHEAD   10
#define WS_NOTICES 5

struct ws {
    db_t *db;
    const struct principal *p;
    const struct holidays *h;
    struct ymd today;
    char today_s[11], ahead_s[11];
    long long wide; /* the principal sees every unit */
};

static struct ymd ymd_of(json_t *row, const char *key) {
    struct ymd d = {0, 0, 0};
    const char *s = json_string_value(json_object_get(row, key));
    char b[11];
    if (s && strlen(s) >= 10) {
        memcpy(b, s, 10);
        b[10] = '\0';
        ymd_parse(b, &d);
    }
    return d;
}

/* Moves the window count "total_" of the first row out of every row: {total, items}. */
static json_t *capped(json_t *rows) {
    json_int_t total = 0;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        if (i == 0) total = json_integer_value(json_object_get(row, "total_"));
        json_object_del(row, "total_");
    }
    return json_pack("{s:I, s:o}", "total", total, "items", rows);
}

/* days_left (due today or later) or days_overdue, in working days, from the row's key. */
static void add_days(const struct ws *w, json_t *row, const char *key) {
    struct ymd due = ymd_of(row, key);
    if (!due.y) return;
    int n = working_days_between(w->today, due, w->h);
    if (ymd_cmp(due, w->today) < 0)
        json_object_set_new(row, "days_overdue", json_integer(n < 0 ? -n : n));
    else
        json_object_set_new(row, "days_left", json_integer(n));
}

/* ---- assignments ------------------------------------------------------------------------------
 */

/* Open assignments of a published plan (a draft is not given out yet, a closed one takes no
 * updates), of the caller's very unit, due in [from, to]. */
#define ASG_SQL                                                                                    \
    "SELECT a.id AS assignment_id, a.task_id, t.number AS task_number, t.title AS task_title, "    \
    "t.timeline_text, t.plan_id, p.title AS plan_title, a.role, a.due_date, a.status, "            \
    "a.progress, t.tl_kind IN ('continuous','recurring') AS recurring, COUNT(*) OVER () AS "       \
    "total_ FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = "           \
    "t.plan_id WHERE a.unit_id = ? AND p.status = 'published' AND a.status <> 'done' AND "         \
    "a.due_date BETWEEN ? AND ? ORDER BY a.due_date, a.id LIMIT ?"

static json_t *assignments(const struct ws *w, const char *from, const char *to) {
    json_t *rows =
        db_query_json(w->db, ASG_SQL, "issi", w->p->unit_id, from, to, (long long)WS_CAP);
    if (!rows) return NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        char link[96];
        snprintf(link, sizeof link, "/app/nhiem-vu/%lld?cap_nhat=%lld",
                 (long long)json_integer_value(json_object_get(row, "task_id")),
                 (long long)json_integer_value(json_object_get(row, "assignment_id")));
        json_object_set_new(row, "link", json_string(link));
        json_object_set_new(row, "recurring",
                            json_boolean(json_truthy(json_object_get(row, "recurring"))));
        add_days(w, row, "due_date");
    }
    return capped(rows);
}

/* ---- feedback -----------------------------------------------------------------------------------
 */

#define FB_COLS                                                                                    \
    "SELECT f.id, f.tracking_code, f.title, f.status, f.assigned_unit_id, u.name AS "              \
    "assigned_unit_name, f.received_at, f.intake_at, f.returned_at, f.forwarded_at, "              \
    "f.answered_at, f.info_requested_at, f.due_date, COUNT(*) OVER () AS total_ FROM feedback f "  \
    "LEFT JOIN units u ON u.id = f.assigned_unit_id WHERE "
#define FB_ORDER " ORDER BY f.due_date IS NULL, f.due_date, f.id LIMIT ?"
/* The states whose clock runs (fb_clock's "overdue" over the stored due date). */
#define FB_OVERDUE                                                                                 \
    "f.status IN ('new','accepted','returned','forwarded','processing','answered') AND "           \
    "f.due_date < ?"

/* Adds each row's clock, days and link; {total, items}. */
static json_t *fb_rows(const struct ws *w, const struct fb_rule_versions *rules, json_t *rows) {
    if (!rows) return NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        char link[64];
        snprintf(link, sizeof link, "/app/phan-anh/%lld",
                 (long long)json_integer_value(json_object_get(row, "id")));
        fb_add_clock(row, fb_rules_of(rules, row), w->h, w->today);
        json_object_set_new(row, "link", json_string(link));
        add_days(w, row, "due_date");
    }
    return capped(rows);
}

/* Waiting for the caller's very unit (forwarded to it, not to a parent: handling is the unit's). */
static json_t *fb_mine(const struct ws *w, const struct fb_rule_versions *rules) {
    return fb_rows(w, rules,
                   db_query_json(w->db,
                                 FB_COLS "f.assigned_unit_id = ? AND f.status IN "
                                         "('forwarded','processing')" FB_ORDER,
                                 "ii", w->p->unit_id, (long long)WS_CAP));
}

/* The coordinator's queue of one or more states (a constant list). */
static json_t *fb_state(const struct ws *w, const struct fb_rule_versions *rules,
                        const char *in_list) {
    char sql[1200];
    snprintf(sql, sizeof sql, FB_COLS "f.status IN (%s)" FB_ORDER, in_list);
    return fb_rows(w, rules, db_query_json(w->db, sql, "i", (long long)WS_CAP));
}

/* Overdue items in the caller's scope: everything province-wide, else those forwarded to its
 * subtree (as the feedback list scopes them). */
static json_t *fb_overdue(const struct ws *w, const struct fb_rule_versions *rules) {
    return fb_rows(
        w, rules,
        db_query_json(w->db,
                      FB_COLS "(? = 1 OR f.assigned_unit_id IN (SELECT descendant_id "
                              "FROM unit_closure WHERE ancestor_id = ?)) AND " FB_OVERDUE FB_ORDER,
                      "iisi", w->wide, w->p->unit_id, w->today_s, (long long)WS_CAP));
}

/* ---- units behind -------------------------------------------------------------------------------
 */

/* Units with overdue assignments in scope, the most overdue first (then the oldest). */
static json_t *behind(const struct ws *w) {
    json_t *rows = db_query_json(
        w->db,
        "SELECT u.id, u.name, u.level, COUNT(*) AS overdue, MIN(a.due_date) AS oldest_due, "
        "COUNT(*) OVER () AS total_ FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN "
        "plans p ON p.id = t.plan_id JOIN units u ON u.id = a.unit_id WHERE p.status = "
        "'published' AND a.status <> 'done' AND a.due_date < ? AND (? = 1 OR a.unit_id IN "
        "(SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)) GROUP BY u.id, u.name, "
        "u.level, u.sort_order ORDER BY overdue DESC, oldest_due, u.sort_order, u.id LIMIT ?",
        "siii", w->today_s, w->wide, w->p->unit_id, (long long)WS_CAP);
    if (!rows) return NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        struct ymd d = ymd_of(row, "oldest_due");
        json_t *unit =
            json_pack("{s:O, s:O, s:O}", "id", json_object_get(row, "id"), "name",
                      json_object_get(row, "name"), "level", json_object_get(row, "level"));
        json_object_del(row, "id");
        json_object_del(row, "name");
        json_object_del(row, "level");
        json_object_set_new(row, "unit", unit);
        json_object_set_new(row, "worst_days",
                            json_integer(d.y ? working_days_between(d, w->today, w->h) : 0));
    }
    return capped(rows);
}

/* ---- reports ------------------------------------------------------------------------------------
 */

static const char *const levels[] = {"province", "department", "district",
                                     "commune",  "vertical",   "onestop"};

/* [{period, level, due, from, to}]: for each current period (rp_current_periods) and level
 * (only `level` when not NULL), the report expected when it falls due by the landing's horizon. */
static json_t *expected_reports(const struct ws *w, const char *level) {
    struct report_period ps[6];
    int n = rp_current_periods(w->today, ps);
    struct ymd ahead;
    ymd_parse(w->ahead_s, &ahead);
    json_t *out = json_array();
    for (int i = 0; i < n; i++) {
        struct report_rules rules;
        if (rp_rules_for(w->db, &ps[i], &rules) < 0) {
            json_decref(out);
            return NULL;
        }
        struct ymd wf, wt;
        char key[32], due_s[11], from[11], to[11];
        report_window(&ps[i], &rules, &wf, &wt);
        report_period_key(&ps[i], key);
        ymd_format(wf, from);
        ymd_format(wt, to);
        for (int l = 0; l < 6; l++) {
            if (level && strcmp(level, levels[l]) != 0) continue;
            struct ymd due = report_due(&ps[i], &rules, l, NULL, w->h);
            if (ymd_cmp(due, ahead) > 0) continue;
            ymd_format(due, due_s);
            json_array_append_new(out,
                                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "period", key, "level",
                                            levels[l], "due", due_s, "from", from, "to", to));
        }
    }
    return out;
}

/*
 * Reports not filed (no report, a draft, or one returned) that are due by the horizon: the
 * regular ones the current periods expect of each unit, and the ad hoc ones that exist; of one
 * unit (unit_id) or of all (0). Oldest due first.
 */
#define RP_SQL                                                                                     \
    "SELECT x.*, COUNT(*) OVER () AS total_ FROM (SELECT e.period, COALESCE(r.due, e.due) AS "     \
    "due_date, u.id AS unit_id, u.name AS unit_name, u.level AS unit_level, u.sort_order, r.id "   \
    "AS report_id, COALESCE(r.status, 'missing') AS status FROM JSON_TABLE(?, '$[*]' COLUMNS "     \
    "(period VARCHAR(32) PATH '$.period', level VARCHAR(16) PATH '$.level', due DATE PATH "        \
    "'$.due', wfrom DATE PATH '$.from', wto DATE PATH '$.to')) e JOIN units u ON u.level = "       \
    "e.level AND u.valid_from <= e.wto AND (u.valid_to IS NULL OR u.valid_to >= e.wfrom) LEFT "    \
    "JOIN reports r ON r.unit_id = u.id AND r.kind = 'kstt' AND r.period = e.period WHERE (r.id "  \
    "IS NULL OR r.status IN ('draft','returned')) AND (? = 0 OR u.id = ?) UNION ALL SELECT "       \
    "r.period, r.due, u.id, u.name, u.level, u.sort_order, r.id, r.status FROM reports r JOIN "    \
    "units u ON u.id = r.unit_id WHERE r.period_kind = 'adhoc' AND r.status IN "                   \
    "('draft','returned') AND r.due <= ? AND (? = 0 OR u.id = ?)) x ORDER BY x.due_date, "         \
    "x.sort_order, x.unit_id, x.period LIMIT ?"

static json_t *reports(const struct ws *w, long long unit_id, const char *level) {
    json_t *exp = expected_reports(w, level);
    char *text = exp ? json_dumps(exp, JSON_COMPACT) : NULL;
    json_decref(exp);
    if (!text) return NULL;
    json_t *rows = db_query_json(w->db, RP_SQL, "siisiii", text, unit_id, unit_id, w->ahead_s,
                                 unit_id, unit_id, (long long)WS_CAP);
    free(text);
    if (!rows) return NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        char link[96];
        json_t *rid = json_object_get(row, "report_id");
        if (json_is_integer(rid))
            snprintf(link, sizeof link, "/app/bao-cao/%lld", (long long)json_integer_value(rid));
        else
            snprintf(link, sizeof link, "/app/bao-cao?ky=%s",
                     json_string_value(json_object_get(row, "period")));
        json_t *unit = json_pack("{s:O, s:O, s:O}", "id", json_object_get(row, "unit_id"), "name",
                                 json_object_get(row, "unit_name"), "level",
                                 json_object_get(row, "unit_level"));
        json_object_del(row, "unit_id");
        json_object_del(row, "unit_name");
        json_object_del(row, "unit_level");
        json_object_del(row, "sort_order");
        json_object_set_new(row, "unit", unit);
        json_object_set_new(row, "kind", json_string("kstt"));
        json_object_set_new(row, "link", json_string(link));
        add_days(w, row, "due_date");
    }
    return capped(rows);
}

/* ---- notifications ------------------------------------------------------------------------------
 */

static json_t *notices(const struct ws *w) {
    json_t *rows =
        db_query_json(w->db,
                      "SELECT n.id, n.kind, n.title, n.link, n.created_at, COUNT(*) "
                      "OVER () AS total_" NOTIFICATIONS_MINE
                      "AND nr.read_at IS NULL ORDER BY n.created_at DESC, n.id DESC "
                      "LIMIT ?",
                      "iiii", w->p->user_id, w->p->user_id, w->p->unit_id, (long long)WS_NOTICES);
    if (!rows) return NULL;
    json_t *c = capped(rows);
    json_t *out = json_pack("{s:O, s:O}", "unread", json_object_get(c, "total"), "items",
                            json_object_get(c, "items"));
    json_decref(c);
    return out;
}

/* ---- system state (the province's administrator) -----------------------------------------------
 */

/* The stamp file's time (scripts/backup.sh touches it), ISO 8601 at +07:00; null when absent. */
static json_t *last_backup(void) {
    struct stat st;
    const char *path = server_cfg ? server_cfg->backup_stamp : "";
    if (!path[0] || stat(path, &st) != 0) return json_null();
    time_t t = st.st_mtime + 7 * 3600;
    struct tm tm;
    char out[40];
    gmtime_r(&t, &tm);
    strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
    return json_pack("{s:s}", "at", out);
}

static json_t *system_state(const struct ws *w) {
    json_t *schema = NULL, *mail = NULL, *jobs = NULL;
    int rc = db_query_row_json(
        w->db, &schema, "SELECT MAX(version) AS schema_version FROM schema_migrations", NULL);
    if (rc >= 0)
        rc = db_query_row_json(w->db, &mail,
                               "SELECT COALESCE(SUM(sent_at IS NULL AND attempts < ?), 0) AS "
                               "pending, COALESCE(SUM(sent_at IS NULL AND attempts >= ?), 0) AS "
                               "failed, MIN(CASE WHEN sent_at IS NULL AND attempts < ? THEN "
                               "created_at END) AS oldest_pending_at FROM mail_outbox",
                               "iii", (long long)FB_MAIL_MAX_ATTEMPTS,
                               (long long)FB_MAIL_MAX_ATTEMPTS, (long long)FB_MAIL_MAX_ATTEMPTS);
    /* Each job's latest day: the scheduler records every run there (api/scheduler.c). */
    if (rc >= 0)
        jobs = db_query_json(
            w->db,
            "SELECT j.job AS name, COALESCE(j.finished_at, j.started_at) AS last_run_at, CASE "
            "WHEN j.finished_at IS NULL THEN 'running' WHEN j.note = 'failed' THEN 'failed' ELSE "
            "'ok' END AS last_status FROM job_runs j JOIN (SELECT job, MAX(run_day) AS d FROM "
            "job_runs GROUP BY job) m ON m.job = j.job AND m.d = j.run_day ORDER BY j.job",
            NULL);
    if (rc < 0 || !jobs) {
        json_decref(schema);
        json_decref(mail);
        return NULL;
    }
    json_t *out =
        json_pack("{s:{s:i, s:i}, s:{s:b, s:O}, s:o, s:o, s:o}", "workers", "count",
                  server_cfg ? server_cfg->workers : 0, "threads",
                  server_cfg ? server_cfg->threads : 0, "database", "ok", 1, "schema",
                  schema ? json_object_get(schema, "schema_version") : json_null(), "mail_outbox",
                  mail ? mail : json_object(), "jobs", jobs, "last_backup", last_backup());
    json_decref(schema);
    return out;
}

/* ---- the answer ---------------------------------------------------------------------------------
 */

/* Sets key to v (taken), or returns -1 when v is NULL (a failed statement). */
static int put(json_t *o, const char *key, json_t *v) {
    if (!v) return -1;
    json_object_set_new(o, key, v);
    return 0;
}

static int coordinator_part(const struct ws *w, const struct fb_rule_versions *rules, json_t *out) {
    json_t *c = json_object();
    int rc = put(c, "feedback_to_route", fb_state(w, rules, "'new','accepted'")) |
             put(c, "returned", fb_state(w, rules, "'returned'")) |
             put(c, "to_publish", fb_state(w, rules, "'answered'")) | put(c, "behind", behind(w)) |
             put(c, "reports_missing", reports(w, 0, NULL));
    json_object_set_new(out, "coordinator", c);
    return rc;
}

static int leader_part(const struct ws *w, const struct fb_rule_versions *rules, json_t *out) {
    json_t *l = json_object();
    int rc = put(l, "units_behind", behind(w)) | put(l, "feedback_overdue", fb_overdue(w, rules));
    json_object_set_new(out, "leader", l);
    return rc;
}

int h_workspace(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_rule_versions rules;
    if (fb_versions_or_fail(r, db, &rules) < 0) return -1;
    if (fb_due_dates_fresh(db, &rules) < 0) return db_fail(r, db);
    struct ws w = {
        db, r->user, calendar_get(db), calendar_today(), "", "", scope_province_wide(r->user)};
    ymd_format(w.today, w.today_s);
    ymd_format(add_working_days(w.today, WS_AHEAD, w.h), w.ahead_s);
    char yesterday[11];
    ymd_format(days_to_ymd(ymd_to_days(w.today) - 1), yesterday);
    struct access_who who = who_of(r->user);
    const char *role = r->user->role;
    json_t *out = json_pack("{s:s, s:s, s:i}", "today", w.today_s, "due_until", w.ahead_s,
                            "ahead_working_days", WS_AHEAD);
    int rc = put(out, "due", assignments(&w, w.today_s, w.ahead_s)) |
             put(out, "overdue", assignments(&w, "1000-01-01", yesterday)) |
             put(out, "feedback", fb_mine(&w, &rules)) |
             put(out, "reports_due", reports(&w, r->user->unit_id, r->user->unit_level)) |
             put(out, "notifications", notices(&w));
    /* The Provincial Office routes feedback; the province's administrator stands in for it. */
    if (!rc && access_allows(&who, "feedback.route")) rc = coordinator_part(&w, &rules, out);
    if (!rc && (strcmp(role, "leader") == 0 || strcmp(role, "admin") == 0))
        rc = leader_part(&w, &rules, out);
    if (!rc && access_province_admin(&who)) rc = put(out, "system", system_state(&w));
    if (rc) {
        json_decref(out);
        return db_fail(r, db);
    }
    res_json(r, 200, out);
    return 0;
}
