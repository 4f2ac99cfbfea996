/* What the report resource's files share: rules of a period, rights on a unit's report, creating,
 * computing and moving a report through its workflow, its answer, reminders to a unit. */
#include "api/report_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/report_tables.h"
#include "api/units.h"
#include "core/access.h"
#include "core/report_tree.h"
#include "server/server.h"

const char *const rp_kinds[] = {"kstt", NULL};
const char *const rp_statuses[] = {"draft", "submitted", "accepted", "returned", NULL};

static long long jint(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *jstr(json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}

/* The date at the start of a row's "YYYY-MM-DD..." text ({0} when absent or bad). */
static struct ymd jdate(json_t *o, const char *k) {
    struct ymd d = {0, 0, 0};
    const char *s = jstr(o, k);
    char b[11];
    if (s && strlen(s) >= 10) {
        memcpy(b, s, 10);
        b[10] = '\0';
        ymd_parse(b, &d);
    }
    return d;
}

int rp_begin(db_t *db) {
    return db_run_sql(db, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") < 0 || db_begin(db) < 0
               ? -1
               : 0;
}

int rp_rules_for(db_t *db, const struct report_period *p, struct report_rules *out) {
    char start[11];
    ymd_format(report_period_start(p), start);
    json_t *row = NULL;
    /* The version in force at the period's start; before the first version, the first. */
    int found = db_query_row_json(db, &row,
                                  "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                                  "'period' ORDER BY effective_from <= ? DESC, IF(effective_from "
                                  "<= ?, effective_from, NULL) DESC, effective_from LIMIT 1",
                                  "ss", start, start);
    if (found < 0) return -1;
    report_rules_from_json(found ? json_object_get(row, "rules") : NULL, out);
    json_decref(row);
    return 0;
}

int rp_unit(db_t *db, long long unit_id, json_t **out) {
    return db_query_row_json(db, out,
                             "SELECT u.id, u.code, u.name, u.level, u.parent_id, u.valid_from, "
                             "u.valid_to, u.parent_id IS NULL AS is_root, p.parent_id IS NULL "
                             "AND p.id IS NOT NULL AS parent_is_root FROM units u LEFT JOIN units "
                             "p ON p.id = u.parent_id WHERE u.id = ?",
                             "i", unit_id);
}

int rp_rights(db_t *db, const struct principal *p, json_t *unit) {
    long long uid = jint(unit, "id");
    int in = scope_has_unit(db, p, uid);
    if (in <= 0) return in;
    int bits = RP_READ;
    struct access_who w = who_of(p);
    if (!access_allows(&w, "reports.write")) return bits;
    int root = json_truthy(json_object_get(unit, "is_root"));
    /* The province's own report is written by its staff and by the coordinator (the Office
     * drafts it for the province's leaders). */
    if (p->unit_id == uid || (root && p->coordinator)) bits |= RP_WRITE;
    long long parent = jint(unit, "parent_id");
    /* The parent's staff review; for the root's children the coordinator too, never its own. */
    if (parent && p->unit_id != uid &&
        (p->unit_id == parent ||
         (p->coordinator && json_truthy(json_object_get(unit, "parent_is_root")))))
        bits |= RP_REVIEW;
    return bits;
}

int rp_visible(db_t *db, const struct principal *p, long long id) {
    json_t *row = NULL, *unit = NULL;
    int found = rp_load(db, id, 0, &row);
    if (found == 1) found = rp_unit(db, jint(row, "unit_id"), &unit);
    int rights = found == 1 ? rp_rights(db, p, unit) : found;
    json_decref(row);
    json_decref(unit);
    return rights < 0 ? -1 : (rights & RP_READ) ? 1 : 0;
}

static const char *pkind_name(enum report_pkind k) {
    return k == RP_QUARTER ? "quarter" : k == RP_HALF ? "half" : k == RP_YEAR ? "year" : "adhoc";
}

static long long exists_for(db_t *db, long long unit_id, const char *kind, const char *key,
                            int *rc) {
    long long id = 0;
    *rc = db_query_int(db, &id,
                       "SELECT id FROM reports WHERE unit_id = ? AND kind = ? AND period = ? FOR "
                       "UPDATE",
                       "iss", unit_id, kind, key);
    return id;
}

int rp_create(db_t *db, const struct principal *who, const struct rp_new *n, long long *id) {
    json_t *unit = NULL;
    int found = rp_unit(db, n->unit_id, &unit);
    if (found <= 0) return -1;
    struct report_rules rules;
    struct ymd wf, wt;
    char key[32], from[11], to[11], due[11];
    int rc = rp_rules_for(db, &n->period, &rules);
    if (rc == 0) {
        report_window(&n->period, &rules, &wf, &wt);
        ymd_format(wf, from);
        ymd_format(wt, to);
        ymd_format(report_due(&n->period, &rules, report_level_index(jstr(unit, "level")), n->due,
                              calendar_get(db)),
                   due);
        report_period_key(&n->period, key);
    }
    json_decref(unit);
    if (rc < 0) return -1;
    *id = exists_for(db, n->unit_id, n->kind, key, &rc);
    if (rc != 0) return rc < 0 ? -1 : 0;
    long long ins = db_exec(
        db,
        "INSERT INTO reports (unit_id, kind, period, period_kind, title, window_from, window_to, "
        "due, status, corrections_json, narrative_json, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, 'draft', '[]', '{\"results\":null,\"difficulties\":null,\"proposals\":null}', ?)",
        "isssssssI", n->unit_id, n->kind, key, pkind_name(n->period.kind), n->title, from, to, due,
        who ? who->user_id : 0LL);
    if (ins < 0) {
        /* A concurrent create won the unique key: that one is the report. */
        if (db_errno(db) != 1062) return -1;
        *id = exists_for(db, n->unit_id, n->kind, key, &rc);
        return rc == 1 ? 0 : -1;
    }
    *id = db_last_id(db);
    if (rp_compute(db, *id) < 0 || rp_event(db, *id, who, "create", NULL, NULL) < 0) return -1;
    return 1;
}

/* ---- computing ------------------------------------------------------------------------------ */

#define RP_COLS                                                                                    \
    "r.id, r.unit_id, r.kind, r.period, r.period_kind, r.title, r.window_from, r.window_to, "      \
    "r.due, r.status, r.late, r.number, r.submitted_at, r.accepted_at, r.returned_at, "            \
    "r.computed_at, r.tables_json AS tables__json, r.computed_json AS computed__json, "            \
    "r.system_json AS system__json, r.corrections_json AS corrections__json, r.narrative_json AS " \
    "narrative__json, r.aggregation_json AS aggregation__json"

int rp_load(db_t *db, long long id, int lock, json_t **out) {
    *out = NULL;
    return db_query_row_json(db, out,
                             lock ? "SELECT " RP_COLS " FROM reports r WHERE r.id = ? FOR UPDATE"
                                  : "SELECT " RP_COLS " FROM reports r WHERE r.id = ?",
                             "i", id);
}

static json_t *child_ref(json_t *c, int with_report) {
    json_t *o = json_pack("{s:O, s:O, s:O}", "unit_id", json_object_get(c, "unit_id"), "code",
                          json_object_get(c, "code"), "name", json_object_get(c, "name"));
    if (o && with_report) {
        json_object_set(o, "report_id", json_object_get(c, "report_id"));
        json_object_set(o, "status", json_object_get(c, "status"));
    }
    return o;
}

static int is_in(const char *status) {
    return status && (strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0);
}

/* computed += every included child's tables; the aggregation of the children into *agg. */
static int add_children(json_t *children, json_t *computed, json_t *agg) {
    json_t *inc = json_object_get(agg, "included"), *mis = json_object_get(agg, "missing"),
           *all = json_object_get(agg, "children");
    size_t i;
    json_t *c;
    json_array_foreach(children, i, c) {
        json_t *tables = json_object_get(c, "tables");
        int in = is_in(jstr(c, "status")) && json_is_object(tables);
        if (in && report_tree_add(computed, tables) < 0) return -1;
        json_array_append_new(in ? inc : mis, child_ref(c, 1));
        json_t *row = child_ref(c, 1);
        json_t *sum = json_is_object(tables) ? report_tree_summary(tables) : NULL;
        json_object_set_new(row, "included", json_boolean(in));
        json_object_set_new(row, "summary", sum ? sum : json_null());
        json_array_append_new(all, row);
    }
    return 0;
}

static int store_json(db_t *db, long long id, json_t *computed, json_t *system, json_t *tables,
                      json_t *agg) {
    char *c = json_dumps(computed, JSON_COMPACT), *s = json_dumps(system, JSON_COMPACT),
         *t = json_dumps(tables, JSON_COMPACT), *a = json_dumps(agg, JSON_COMPACT);
    int rc = (!c || !s || !t || !a) ||
                     db_exec(db,
                             "UPDATE reports SET computed_json = ?, system_json = ?, tables_json "
                             "= ?, aggregation_json = ?, computed_at = NOW(3) WHERE id = ?",
                             "ssssi", c, s, t, a, id) < 0
                 ? -1
                 : 0;
    free(c);
    free(s);
    free(t);
    free(a);
    return rc;
}

int rp_compute(db_t *db, long long id) {
    json_t *row = NULL, *own = NULL, *system = NULL, *children = NULL, *computed = NULL,
           *tables = NULL, *agg = NULL;
    if (rp_load(db, id, 0, &row) != 1) return -1;
    struct ymd wf = jdate(row, "window_from"), wt = jdate(row, "window_to"),
               today = calendar_today();
    long long unit = jint(row, "unit_id");
    char from[11], to[11];
    ymd_format(wf, from);
    ymd_format(wt, to);
    int rc = -1;
    if (report_tables_build(db, unit, 0, wf, wt, today, &own) < 0 ||
        report_tables_build(db, unit, 1, wf, wt, today, &system) < 0)
        goto out;
    /* The direct children in force at some time during the window report to this unit. */
    children = db_query_json(
        db,
        "SELECT u.id AS unit_id, u.code, u.name, r.id AS report_id, r.status, r.tables_json AS "
        "tables__json FROM units u LEFT JOIN reports r ON r.unit_id = u.id AND r.kind = ? AND "
        "r.period = ? WHERE u.parent_id = ? AND u.valid_from <= ? AND (u.valid_to IS NULL OR "
        "u.valid_to >= ?) ORDER BY u.sort_order, u.code",
        "ssiss", jstr(row, "kind"), jstr(row, "period"), unit, to, from);
    computed = own ? json_deep_copy(own) : NULL;
    agg = json_pack("{s:[], s:[], s:[]}", "included", "missing", "children");
    if (!children || !computed || !agg || add_children(children, computed, agg) < 0) goto out;
    json_t *sum = report_tree_summary(own);
    json_object_set_new(agg, "own", sum ? sum : json_null());
    int applied = 0;
    tables = report_apply_corrections(computed, json_object_get(row, "corrections"), &applied);
    if (tables) rc = store_json(db, id, computed, system, tables, agg);
out:
    json_decref(row);
    json_decref(own);
    json_decref(system);
    json_decref(children);
    json_decref(computed);
    json_decref(tables);
    json_decref(agg);
    return rc;
}

int rp_event(db_t *db, long long id, const struct principal *who, const char *action,
             const char *comment, const char *at) {
    return db_exec(db,
                   "INSERT INTO report_events (report_id, action, actor_id, actor_username, "
                   "comment, at) VALUES (?, ?, ?, ?, ?, COALESCE(?, NOW(3)))",
                   "isIsss", id, action, who ? who->user_id : 0LL, who ? who->username : NULL,
                   comment, at) < 0
               ? -1
               : 0;
}

/* ---- workflow ------------------------------------------------------------------------------- */

const char *rp_action_name(enum rp_action a) {
    return a == RPA_SUBMIT ? "submit" : a == RPA_ACCEPT ? "accept" : "return";
}

int rp_transition_allowed(const char *status, enum rp_action a) {
    if (!status) return 0;
    if (a == RPA_SUBMIT) return strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0;
    return strcmp(status, "submitted") == 0;
}

/* The parent unit's report of the same kind and period, while it may still change, adds up the
 * children again: their included set just changed. */
static int recompute_parent(db_t *db, json_t *row, const struct principal *who, enum rp_action a,
                            const char *at) {
    long long pid = 0;
    int found = db_query_int(db, &pid,
                             "SELECT r.id FROM units u JOIN reports r ON r.unit_id = u.parent_id "
                             "AND r.kind = ? AND r.period = ? WHERE u.id = ? AND r.status IN "
                             "('draft','returned') FOR UPDATE",
                             "ssi", jstr(row, "kind"), jstr(row, "period"), jint(row, "unit_id"));
    if (found <= 0) return found;
    json_t *unit = NULL;
    if (rp_unit(db, jint(row, "unit_id"), &unit) != 1) return -1;
    char note[400];
    snprintf(note, sizeof note, "Tổng hợp lại: báo cáo của %s %s.", jstr(unit, "name"),
             a == RPA_SUBMIT   ? "đã gửi"
             : a == RPA_ACCEPT ? "được tiếp nhận"
                               : "bị trả lại");
    json_decref(unit);
    return rp_compute(db, pid) < 0 || rp_event(db, pid, who, "recompute", note, at) < 0 ? -1 : 0;
}

int rp_transition(db_t *db, json_t *row, const struct principal *who, enum rp_action a,
                  const char *comment, const char *at) {
    long long id = jint(row, "id");
    long long rc;
    if (a == RPA_SUBMIT) {
        struct ymd on = calendar_today();
        if (at && strlen(at) >= 10) {
            char b[11];
            memcpy(b, at, 10);
            b[10] = '\0';
            ymd_parse(b, &on);
        }
        long long late = report_is_late(jdate(row, "due"), on) ? 1 : 0;
        rc = db_exec(db,
                     "UPDATE reports SET status = 'submitted', submitted_at = COALESCE(?, "
                     "NOW(3)), late = ?, accepted_at = NULL WHERE id = ?",
                     "sii", at, late, id);
    } else if (a == RPA_ACCEPT) {
        rc = db_exec(db,
                     "UPDATE reports SET status = 'accepted', accepted_at = COALESCE(?, NOW(3)) "
                     "WHERE id = ?",
                     "si", at, id);
    } else {
        rc = db_exec(db,
                     "UPDATE reports SET status = 'returned', returned_at = COALESCE(?, NOW(3)) "
                     "WHERE id = ?",
                     "si", at, id);
    }
    if (rc < 0 || rp_event(db, id, who, rp_action_name(a), comment, at) < 0) return -1;
    return recompute_parent(db, row, who, a, at);
}

int rp_notify_review(db_t *db, json_t *row, enum rp_action a, const char *comment) {
    if (a == RPA_SUBMIT) return 0;
    char title[300], link[64];
    snprintf(title, sizeof title, "Báo cáo kỳ %s %s", jstr(row, "period"),
             a == RPA_ACCEPT ? "đã được cấp trên tiếp nhận" : "bị cấp trên trả lại");
    snprintf(link, sizeof link, "/app/bao-cao/%lld", jint(row, "id"));
    const struct notice n = {a == RPA_ACCEPT ? "report.accepted" : "report.returned",
                             "report",
                             jint(row, "id"),
                             title,
                             comment,
                             link,
                             NULL};
    return notify_unit(db, jint(row, "unit_id"), &n) < 0 ? -1 : 0;
}

/* ---- the answer ----------------------------------------------------------------------------- */

static json_t *actor_of(json_t *e) {
    if (!json_is_integer(json_object_get(e, "actor_id")) && !jstr(e, "username"))
        return json_null();
    return json_pack("{s:O, s:O, s:O}", "id", json_object_get(e, "actor_id"), "username",
                     json_object_get(e, "username"), "full_name", json_object_get(e, "full_name"));
}

static json_t *events_of(db_t *db, long long id) {
    json_t *rows = db_query_json(db,
                                 "SELECT e.action, e.at, e.comment, e.actor_id, "
                                 "COALESCE(u.username, e.actor_username) AS username, u.full_name "
                                 "FROM report_events e LEFT JOIN users u ON u.id = e.actor_id "
                                 "WHERE e.report_id = ? ORDER BY e.at, e.id",
                                 "i", id);
    if (!rows) return NULL;
    json_t *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(rows, i, e) {
        json_array_append_new(out, json_pack("{s:O, s:o, s:O, s:O}", "action",
                                             json_object_get(e, "action"), "actor", actor_of(e),
                                             "at", json_object_get(e, "at"), "comment",
                                             json_object_get(e, "comment")));
    }
    json_decref(rows);
    return out;
}

/* Each correction with the computed value at its path beside it (null: no such figure now). */
static void corrections_with_computed(json_t *report) {
    json_t *computed = json_object_get(report, "computed");
    json_t *list = json_object_get(report, "corrections");
    if (!json_is_array(list)) {
        json_object_set_new(report, "corrections", json_array());
        return;
    }
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        long long v = 0;
        int found = report_figure_get(computed, jstr(c, "path") ? jstr(c, "path") : "", &v);
        json_object_set_new(c, "computed", found == 1 ? json_integer(v) : json_null());
    }
}

static json_t *can_of(int rights, const char *status) {
    int open = status && (strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0);
    int sub = status && strcmp(status, "submitted") == 0;
    return json_pack("{s:b, s:b, s:b, s:b}", "edit", (rights & RP_WRITE) && open, "submit",
                     (rights & RP_WRITE) && open, "accept", (rights & RP_REVIEW) && sub, "return",
                     (rights & RP_REVIEW) && sub);
}

json_t *rp_answer(db_t *db, const struct principal *p, long long id) {
    json_t *r = NULL, *unit = NULL;
    if (rp_load(db, id, 0, &r) != 1) return NULL;
    if (rp_unit(db, jint(r, "unit_id"), &unit) != 1) {
        json_decref(r);
        return NULL;
    }
    int rights = p ? rp_rights(db, p, unit) : RP_READ;
    json_t *events = rights < 0 ? NULL : events_of(db, id);
    if (!events) {
        json_decref(r);
        json_decref(unit);
        return NULL;
    }
    json_object_set_new(
        r, "unit",
        json_pack("{s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(unit, "id"), "code",
                  json_object_get(unit, "code"), "name", json_object_get(unit, "name"), "level",
                  json_object_get(unit, "level"), "parent_id", json_object_get(unit, "parent_id")));
    json_object_set_new(r, "window",
                        json_pack("{s:O, s:O}", "from", json_object_get(r, "window_from"), "to",
                                  json_object_get(r, "window_to")));
    json_object_del(r, "window_from");
    json_object_del(r, "window_to");
    json_object_del(r, "unit_id");
    corrections_with_computed(r);
    json_object_set_new(r, "events", events);
    json_object_set_new(r, "can", can_of(rights, jstr(r, "status")));
    json_decref(unit);
    return r;
}

/* ---- reminders ------------------------------------------------------------------------------ */

static int notify_one(db_t *db, long long unit_id, long long user_id, const char *title,
                      const char *body, const char *dedupe) {
    const struct notice n = {"report.remind", "report", 0, title, body, "/app/bao-cao", dedupe};
    return unit_id ? notify_unit(db, unit_id, &n) : notify_user(db, user_id, &n);
}

int rp_remind_unit(db_t *db, long long unit_id, const char *kind, const char *period,
                   const char *due, const char *dedupe) {
    json_t *focal = db_query_json(db,
                                  "SELECT id FROM users WHERE unit_id = ? AND active = 1 "
                                  "AND focal_officer = 1 ORDER BY id",
                                  "i", unit_id);
    if (!focal) return -1;
    char title[300], body[600], key[160];
    snprintf(title, sizeof title, "Nhắc gửi báo cáo %s kỳ %s (hạn %s)",
             strcmp(kind, "kstt") == 0 ? "kiểm soát TTHC" : kind, period, due);
    snprintf(body, sizeof body,
             "Đơn vị chưa gửi báo cáo tình hình, kết quả thực hiện công tác kiểm soát thủ tục "
             "hành chính kỳ %s. Hạn gửi: %s.",
             period, due);
    int written = 0, rc = 0;
    if (json_array_size(focal) == 0) {
        rc = notify_one(db, unit_id, 0, title, body, dedupe);
        written = rc > 0 ? rc : 0;
    }
    size_t i;
    json_t *u;
    json_array_foreach(focal, i, u) {
        if (rc < 0) break;
        if (dedupe) snprintf(key, sizeof key, "%s:u%lld", dedupe, jint(u, "id"));
        /* The mail, if the officer wants it, is the producer's (notify_user). */
        rc = notify_one(db, 0, jint(u, "id"), title, body, dedupe ? key : NULL);
        if (rc > 0) written += rc;
    }
    json_decref(focal);
    return rc < 0 ? -1 : written;
}

int rp_conflict_exists(req_t *r, long long existing_id) {
    json_t *p = json_pack("{s:s, s:s, s:i, s:s, s:I, s:s}", "type", "about:blank", "title",
                          http_problem_title(409), "status", 409, "detail",
                          "Đơn vị đã có báo cáo cho kỳ này.", "existing_id",
                          (json_int_t)existing_id, "request_id", r->request_id);
    char *s = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    res_raw(r, 409, "application/problem+json; charset=utf-8", s ? s : "{}", s ? strlen(s) : 2);
    free(s);
    return -1;
}

/* Keys first, then parsed: a key that does not parse (a year out of range) is left out. */
int rp_current_periods(struct ymd today, struct report_period out[6]) {
    char keys[6][32];
    int q = (today.m - 1) / 3 + 1, hh = today.m <= 6 ? 1 : 2;
    snprintf(keys[0], 32, "%d-Q%d", today.y, q);
    snprintf(keys[1], 32, "%d-Q%d", q == 1 ? today.y - 1 : today.y, q == 1 ? 4 : q - 1);
    snprintf(keys[2], 32, "%d-H%d", today.y, hh);
    snprintf(keys[3], 32, "%d-H%d", hh == 1 ? today.y - 1 : today.y, hh == 1 ? 2 : 1);
    snprintf(keys[4], 32, "%d", today.y);
    snprintf(keys[5], 32, "%d", today.y - 1);
    int n = 0;
    for (int i = 0; i < 6; i++)
        if (report_period_parse(keys[i], &out[n]) == 0) n++;
    return n;
}
