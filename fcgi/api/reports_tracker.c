/* Who has filed: the tracker of a parent unit's children for a period, the parent's reminder to
 * one child, and the hourly job that reminds units before and after the due date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/answers.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/report_common.h"
#include "api/reports.h"
#include "api/units.h"
#include "lib/log.h"

static long long jint(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *jstr(json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}

static int period_or_422(req_t *r, const char *text, struct report_period *p, char key[32]) {
    if (report_period_parse(text, p) != 0) {
        req_error(r, "period",
                  "Kỳ báo cáo không hợp lệ (YYYY-Q1, YYYY-H1, YYYY hoặc YYYY-MM-DD..YYYY-MM-DD).");
        return res_invalid(r);
    }
    report_period_key(p, key);
    return 0;
}

/* A unit's due date for the period: its report's, or the rules' for its level. */
static void due_of(json_t *row, const struct report_period *p, const struct report_rules *rules,
                   const struct holidays *h, char out[11]) {
    const char *d = jstr(row, "due");
    if (d) {
        snprintf(out, 11, "%.10s", d);
        return;
    }
    ymd_format(report_due(p, rules, report_level_index(jstr(row, "level")), NULL, h), out);
}

/* ---- tracker -------------------------------------------------------------------------------- */

struct report_tracker {
    const char *period;
    long long unit_id;
    int kind;
};
static const struct in_decl report_tracker_fields[] = {
    IN_FIELD(struct report_tracker, period, IN_STR, IN_REQUIRED, 1, 32, NULL),
    IN_FIELD(struct report_tracker, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct report_tracker, kind, IN_ENUM, 0, 0, 0, rp_kinds),
};
const struct in_spec in_reports_tracker = IN_SPEC(struct report_tracker, report_tracker_fields);

struct tracked {
    json_t *item;
    int late, missing;
    size_t pos;
};

/* Late first, then missing, then the units' own order. */
static int cmp_tracked(const void *a, const void *b) {
    const struct tracked *x = a, *y = b;
    if (x->late != y->late) return y->late - x->late;
    if (x->missing != y->missing) return y->missing - x->missing;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static json_t *tracker_item(json_t *row, const char *due, struct ymd today, int *late,
                            int *missing) {
    const char *st = jstr(row, "status");
    struct ymd d;
    ymd_parse(due, &d);
    int in = st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0);
    /* Filed: late as marked at submission; not filed: late once the due date has passed. */
    *late = in ? json_is_true(json_object_get(row, "late")) : ymd_cmp(today, d) > 0;
    *missing = !st;
    return json_pack("{s:{s:O, s:O, s:O, s:O}, s:O, s:s, s:s, s:O, s:b}", "unit", "id",
                     json_object_get(row, "id"), "code", json_object_get(row, "code"), "name",
                     json_object_get(row, "name"), "level", json_object_get(row, "level"),
                     "report_id", json_object_get(row, "report_id"), "status", st ? st : "missing",
                     "due", due, "submitted_at", json_object_get(row, "submitted_at"), "late",
                     *late);
}

static json_t *tracker_counts(struct tracked *t, size_t n) {
    json_t *c =
        json_pack("{s:I, s:i, s:i, s:i, s:i, s:i, s:i}", "expected", (json_int_t)n, "missing", 0,
                  "draft", 0, "submitted", 0, "accepted", 0, "returned", 0, "late", 0);
    for (size_t i = 0; i < n; i++) {
        const char *st = jstr(t[i].item, "status");
        json_object_set_new(c, st, json_integer(json_integer_value(json_object_get(c, st)) + 1));
        if (t[i].late)
            json_object_set_new(c, "late",
                                json_integer(json_integer_value(json_object_get(c, "late")) + 1));
    }
    return c;
}

int h_reports_tracker(req_t *r) {
    const struct report_tracker *in = r->query_in;
    struct report_period p;
    char key[32];
    if (period_or_422(r, in->period, &p, key) < 0) return -1;
    const char *kind = in->kind >= 0 ? in_choice(rp_kinds, in->kind) : "kstt";
    /* Leaders and offices open the same tracker all morning. The key names the caller's role,
     * unit and level (all the scope depends on) and the 'reports' version that any change to
     * reports, units, the unit tree, the rules or the holidays bumps (migration 043); only 200s
     * are kept, so a caller outside the unit's scope never meets another's answer here. */
    struct answer_key akey;
    if (answers_lookup(r, "reports", &akey)) return 0;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long uid = in->unit_id ? in->unit_id : r->user->unit_id;
    json_t *unit = NULL;
    int ok = scope_has_unit(db, r->user, uid);
    if (ok > 0) ok = rp_unit(db, uid, &unit);
    if (ok <= 0) return ok < 0 ? db_fail(r, db) : not_found(r, "đơn vị");
    struct report_rules rules;
    struct ymd wf, wt;
    char from[11], to[11];
    json_t *rows = NULL;
    if (rp_rules_for(db, &p, &rules) == 0) {
        report_window(&p, &rules, &wf, &wt);
        ymd_format(wf, from);
        ymd_format(wt, to);
        rows = db_query_json(
            db,
            "SELECT u.id, u.code, u.name, u.level, r.id AS report_id, r.status, r.due, "
            "r.submitted_at, r.late FROM units u LEFT JOIN reports r ON r.unit_id = u.id AND "
            "r.kind = ? AND r.period = ? WHERE u.parent_id = ? AND u.level <> 'office' AND "
            "u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to >= ?) ORDER BY "
            "u.sort_order, u.code",
            "ssiss", kind, key, uid, to, from);
    }
    if (!rows) {
        json_decref(unit);
        return db_fail(r, db);
    }
    size_t n = json_array_size(rows);
    struct tracked *t = calloc(n ? n : 1, sizeof *t);
    if (!t) {
        json_decref(unit);
        json_decref(rows);
        return res_no_memory(r);
    }
    const struct holidays *h = calendar_get(db);
    struct ymd today = calendar_today();
    for (size_t i = 0; i < n; i++) {
        char due[11];
        json_t *row = json_array_get(rows, i);
        due_of(row, &p, &rules, h, due);
        t[i].item = tracker_item(row, due, today, &t[i].late, &t[i].missing);
        t[i].pos = i;
    }
    qsort(t, n, sizeof *t, cmp_tracked);
    json_t *items = json_array();
    json_t *counts = tracker_counts(t, n);
    for (size_t i = 0; i < n; i++) json_array_append_new(items, t[i].item);
    free(t);
    json_decref(rows);
    json_t *out =
        json_pack("{s:s, s:s, s:{s:O, s:O, s:O, s:O, s:O}, s:{s:s, s:s}, s:o, s:o}", "period", key,
                  "kind", kind, "unit", "id", json_object_get(unit, "id"), "code",
                  json_object_get(unit, "code"), "name", json_object_get(unit, "name"), "level",
                  json_object_get(unit, "level"), "parent_id", json_object_get(unit, "parent_id"),
                  "window", "from", from, "to", to, "items", items, "counts", counts);
    json_decref(unit);
    answers_send(r, &akey, out);
    return 0;
}

/* ---- remind one child ----------------------------------------------------------------------- */

struct report_remind {
    const char *period;
    long long unit_id;
    int kind;
};
static const struct in_decl report_remind_fields[] = {
    IN_FIELD(struct report_remind, period, IN_STR, IN_REQUIRED, 1, 32, NULL),
    IN_FIELD(struct report_remind, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct report_remind, kind, IN_ENUM, 0, 0, 0, rp_kinds),
};
const struct in_spec in_reports_remind = IN_SPEC(struct report_remind, report_remind_fields);

/* The unit and its report for the period (row with report_id, status, due, level): 1 / 0 / -1. */
static int unit_report(db_t *db, long long uid, const char *kind, const char *key, json_t **out) {
    return db_query_row_json(db, out,
                             "SELECT u.id, u.level, r.id AS report_id, r.status, r.due FROM "
                             "units u LEFT JOIN reports r ON r.unit_id = u.id AND r.kind = ? AND "
                             "r.period = ? WHERE u.id = ?",
                             "ssi", kind, key, uid);
}

/* Checks scope, right and state: 0, or -1 after answering. */
static int remind_allowed(req_t *r, db_t *db, long long uid, json_t *row) {
    json_t *unit = NULL;
    int found = rp_unit(db, uid, &unit);
    int rights = found == 1 ? rp_rights(db, r->user, unit) : found;
    json_decref(unit);
    if (rights < 0) return db_fail(r, db);
    if (!(rights & RP_READ)) return not_found(r, "đơn vị");
    if (!(rights & RP_REVIEW)) {
        res_problem(r, 403, NULL, "Chỉ cán bộ của đơn vị cấp trên trực tiếp mới nhắc được.");
        return -1;
    }
    const char *st = jstr(row, "status");
    if (st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0))
        return res_conflict(r, "Đơn vị đã gửi báo cáo kỳ này: không cần nhắc.", "[]");
    return 0;
}

int h_reports_remind(req_t *r) {
    const struct report_remind *in = r->body_in;
    struct report_period p;
    char key[32], due[11];
    if (period_or_422(r, in->period, &p, key) < 0) return -1;
    const char *kind = in->kind >= 0 ? in_choice(rp_kinds, in->kind) : "kstt";
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    int found = unit_report(db, in->unit_id, kind, key, &row);
    if (found <= 0) return found < 0 ? db_fail(r, db) : not_found(r, "đơn vị");
    if (remind_allowed(r, db, in->unit_id, row) < 0) {
        json_decref(row);
        return -1;
    }
    struct report_rules rules;
    if (rp_rules_for(db, &p, &rules) < 0) {
        json_decref(row);
        return db_fail(r, db);
    }
    due_of(row, &p, &rules, calendar_get(db), due);
    long long rid = jint(row, "report_id");
    json_decref(row);
    json_t *after = json_pack("{s:I, s:s, s:s}", "unit_id", (json_int_t)in->unit_id, "period", key,
                              "kind", kind);
    if (db_begin(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    int n = rp_remind_unit(db, in->unit_id, kind, key, due, NULL);
    if (n < 0 || (rid && rp_event(db, rid, r->user, "remind", NULL, NULL) < 0) ||
        audit_write(db, r, "reports.remind", "unit", in->unit_id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    json_object_set_new(after, "due", json_string(due));
    json_object_set_new(after, "notifications", json_integer(n));
    res_json(r, 200, after);
    return 0;
}

/* ---- the hourly job ------------------------------------------------------------------------- */

/* Reminds every unit of one level without a filed report for period p, when the rules say a
 * reminder is due today; each (unit, period, reminder) once over every host through the
 * notifications' dedupe key. Returns the notifications written, -1 on a database error. */
static int remind_level(db_t *db, const struct report_period *p, const struct report_rules *rules,
                        const char *level, struct ymd today) {
    const struct holidays *h = calendar_get(db);
    struct ymd due = report_due(p, rules, report_level_index(level), NULL, h);
    char rid[8], key[32], from[11], to[11], dues[11];
    if (!report_reminder(due, today, rules, h, rid)) return 0;
    /* report_reminder names the last reminder for ever after its date: a host down on that day
     * still sends it within a week, but a new installation does not chase last year's reports. */
    int after = 0;
    for (int i = 0; i < rules->nafter; i++)
        if (rules->remind_after[i] > after) after = rules->remind_after[i];
    if (ymd_to_days(today) > ymd_to_days(due) + after + 7) return 0;
    struct ymd wf, wt;
    report_window(p, rules, &wf, &wt);
    ymd_format(wf, from);
    ymd_format(wt, to);
    ymd_format(due, dues);
    report_period_key(p, key);
    struct db_res *res = db_query(
        db,
        "SELECT u.id FROM units u LEFT JOIN reports r ON r.unit_id = u.id AND r.kind = 'kstt' "
        "AND r.period = ? WHERE u.level = ? AND u.valid_from <= ? AND (u.valid_to IS NULL OR "
        "u.valid_to >= ?) AND (r.id IS NULL OR r.status NOT IN ('submitted','accepted')) ORDER "
        "BY u.id",
        "ssss", key, level, to, from);
    if (!res) return -1;
    int total = 0;
    for (size_t i = 0; i < res->nrows && total >= 0; i++) {
        char dedupe[128];
        snprintf(dedupe, sizeof dedupe, "report-remind:%lld:kstt:%s:%s", db_int(res, i, 0), key,
                 rid);
        if (db_begin(db) < 0) {
            total = -1;
            break;
        }
        int n = rp_remind_unit(db, db_int(res, i, 0), "kstt", key, dues, dedupe);
        if (n < 0 || db_commit(db) < 0) {
            if (db_in_txn(db)) db_rollback(db);
            total = -1;
        } else {
            total += n;
        }
    }
    db_res_free(res);
    return total;
}

int reports_reminders_job(db_t *db) {
    static const char *const levels[] = {"province", "department", "district",
                                         "commune",  "vertical",   "onestop"};
    struct ymd today = calendar_today();
    struct report_period ps[6];
    int n = rp_current_periods(today, ps), total = 0;
    for (int i = 0; i < n && total >= 0; i++) {
        struct report_rules rules;
        if (rp_rules_for(db, &ps[i], &rules) < 0) return -1;
        for (int l = 0; l < 6 && total >= 0; l++) {
            int k = remind_level(db, &ps[i], &rules, levels[l], today);
            total = k < 0 ? -1 : total + k;
        }
    }
    if (total > 0) log_info("report reminders: %d notifications", total);
    return total < 0 ? -1 : 0;
}
