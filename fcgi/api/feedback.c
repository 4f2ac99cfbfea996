/* /api/v1/feedback: the coordinator's and the units' inboxes, the workflow actions, statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/answers.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback.h"
#include "api/units.h"
#include "core/access.h"
#include "core/feedback_form.h"
#include "core/vnfold.h"
#include "lib/b64.h"
#include "lib/utf8.h"
#include "server/server.h"

static const char *const statuses[] = {"new",       "rejected",   "needs_info", "accepted",
                                       "forwarded", "processing", "answered",   "published",
                                       "returned",  "duplicate",  NULL};
static const char *const boxes[] = {"coordinator", "unit", "all", NULL};

/* ---- who sees and who acts ----------------------------------------------------------------- */

static int can_route(const req_t *r) {
    struct access_who w = who_of(r->user);
    return access_allows(&w, "feedback.route");
}

/* Who sees an item: fb_row_visible (feedback_common.c, shared with the comments on it).
 * 1 visible, 0 not, -1 database error. */
static int item_visible(req_t *r, db_t *db, json_t *item) {
    return fb_row_visible(db, r->user, item);
}

/* The actor kinds the principal holds for this item: coordinator, and the unit it is
 * forwarded to (handling is for that very unit, not its parents). */
static int actors_of(req_t *r, json_t *item) {
    struct access_who w = who_of(r->user);
    int a = 0;
    if (access_allows(&w, "feedback.route")) a |= FB_COORDINATOR;
    json_t *u = json_object_get(item, "assigned_unit_id");
    if (access_allows(&w, "feedback.handle") && json_is_integer(u) &&
        json_integer_value(u) == r->user->unit_id)
        a |= FB_UNIT;
    return a;
}

/* The allowed actions for these actors, minus a second request for information. */
static json_t *allowed_of(json_t *item, int actors) {
    enum fb_action acts[FBA_NACTIONS];
    size_t n = fb_allowed(fb_state_of(item), actors, acts, FBA_NACTIONS);
    json_t *a = json_array();
    int asked = json_is_string(json_object_get(item, "info_requested_at"));
    for (size_t i = 0; i < n; i++) {
        if (acts[i] == FBA_REQUEST_INFO && asked) continue;
        if (acts[i] == FBA_RATE || acts[i] == FBA_INFO_REPLY) continue;
        json_array_append_new(a, json_string(fb_action_name(acts[i])));
    }
    return a;
}

/* ---- loading ------------------------------------------------------------------------------- */

#define ITEM_COLS                                                                                  \
    "f.id, f.tracking_code, f.status, f.channel, f.sender_kind, f.sender_name, f.organization, "   \
    "f.address, f.phone, f.email, f.title, f.content, f.type, f.field, f.procedure_code, "         \
    "f.unit_id, u1.name AS unit_name, f.assigned_unit_id, u2.name AS assigned_unit_name, "         \
    "f.duplicate_of, f.received_at, f.intake_at, f.status_since, f.returned_at, f.forwarded_at, "  \
    "f.answered_at, f.published_at, f.closed_at, f.due_date, f.answer_due, f.reject_reason, "      \
    "f.reject_note, f.redirect_to, f.return_reason, f.info_request, f.info_requested_at, "         \
    "f.info_reply, f.info_replied_at, f.answer_text, f.answer_unit_id, f.rating, "                 \
    "f.rating_comment, f.rated_at, f.corrected_at, f.correction_reason, f.reopened_at, "           \
    "f.reopen_reason, f.received_by "
#define ITEM_FROM                                                                                  \
    " FROM feedback f LEFT JOIN units u1 ON u1.id = f.unit_id LEFT JOIN units u2 ON u2.id = "      \
    "f.assigned_unit_id "

/* 1 found (row in *out), 0 not found, -1 database error. */
static int item_load(db_t *db, long long id, int lock, json_t **out) {
    *out = NULL;
    const char *sql = lock ? "SELECT " ITEM_COLS ITEM_FROM "WHERE f.id = ? FOR UPDATE"
                           : "SELECT " ITEM_COLS ITEM_FROM "WHERE f.id = ?";
    return db_query_row_json(db, out, sql, "i", id);
}

/* NULL for missing or failed: the action handlers' form. */
static json_t *load_item(db_t *db, long long id, int lock) {
    json_t *row = NULL;
    return item_load(db, id, lock, &row) == 1 ? row : NULL;
}

/* The item if the principal may see it: 1 (in *out), 0 missing or out of scope, -1 error. */
static int item_for_reader(req_t *r, db_t *db, long long id, json_t **out) {
    int found = item_load(db, id, 0, out);
    int vis = found == 1 ? item_visible(r, db, *out) : found;
    if (vis != 1) {
        json_decref(*out);
        *out = NULL;
    }
    return vis;
}

static void format_code(json_t *row) {
    const char *c = json_string_value(json_object_get(row, "tracking_code"));
    if (c && strlen(c) == 12) {
        char out[15];
        fb_code_format(c, out);
        json_object_set_new(row, "tracking_code", json_string(out));
    }
}

/* The procedure's handling agency, when the catalogue knows it (tolerant of its absence);
 * NULL on a database error. */
static json_t *suggest_unit(db_t *db, json_t *item) {
    const char *code = json_string_value(json_object_get(item, "procedure_code"));
    json_t *s = NULL;
    int found = code ? db_query_row_json(db, &s,
                                         "SELECT p.code AS procedure_code, p.name AS "
                                         "procedure_name, p.agency_unit_id AS unit_id, u.name AS "
                                         "unit_name, p.agency FROM procedures p LEFT JOIN units u "
                                         "ON u.id = p.agency_unit_id WHERE p.code = ?",
                                         "s", code)
                     : 0;
    if (found < 0 && db_errno(db) != 1146) return NULL; /* 1146: no catalogue table */
    if (found > 0) return s;
    if (!s && json_is_integer(json_object_get(item, "unit_id")))
        return json_pack("{s:O, s:O, s:s}", "unit_id", json_object_get(item, "unit_id"),
                         "unit_name", json_object_get(item, "unit_name"), "source", "sender");
    return json_null();
}

static json_t *detail(req_t *r, db_t *db, long long id, const struct fb_rule_versions *v) {
    json_t *item = load_item(db, id, 0);
    if (!item) return NULL;
    json_t *files = db_query_json(db,
                                  "SELECT id, kind, name, mime, size, created_at FROM "
                                  "feedback_files WHERE feedback_id = ? ORDER BY id",
                                  "i", id);
    json_t *events = db_query_json(
        db,
        "SELECT e.id, e.at, e.actor_kind, e.action, e.from_status, e.to_status, e.note, "
        "e.unit_id, un.name AS unit_name, us.full_name AS actor_name, au.name AS actor_unit_name "
        "FROM feedback_events e LEFT JOIN users us ON us.id = e.actor_id LEFT JOIN units au ON "
        "au.id = e.actor_unit_id LEFT JOIN units un ON un.id = e.unit_id WHERE e.feedback_id = ? "
        "ORDER BY e.at, e.id",
        "i", id);
    if (!files || !events) {
        json_decref(item);
        json_decref(files);
        json_decref(events);
        return NULL;
    }
    json_object_set_new(item, "files", files);
    json_object_set_new(item, "events", events);
    json_t *dup = json_object_get(item, "duplicate_of");
    int found = 0;
    if (json_is_integer(dup)) {
        json_t *orig = NULL;
        found = db_query_row_json(
            db, &orig, "SELECT id, tracking_code, title, status FROM feedback WHERE id = ?", "i",
            (long long)json_integer_value(dup));
        if (found > 0) {
            format_code(orig);
            json_object_set_new(item, "duplicate", orig);
        }
    }
    json_t *suggested = found < 0 ? NULL : suggest_unit(db, item);
    if (!suggested) {
        json_decref(item);
        return NULL;
    }
    json_object_set_new(item, "suggested_unit", suggested);
    /* The item's own rules: the version in force on its received date. */
    const struct fb_rules *rules = fb_rules_of(v, item);
    fb_add_clock(item, rules, calendar_get(db), calendar_today());
    json_object_set_new(item, "rules", fb_rules_json(rules));
    json_object_set_new(item, "allowed", allowed_of(item, actors_of(r, item)));
    const char *reason = json_string_value(json_object_get(item, "reject_reason"));
    if (reason)
        json_object_set_new(item, "reject_reason_label", json_string(fb_reject_label(reason)));
    int type = (int)json_integer_value(json_object_get(item, "type"));
    json_object_set_new(item, "type_label",
                        json_string(fb_type_label(type) ? fb_type_label(type) : ""));
    format_code(item);
    return item;
}

/* ---- inbox --------------------------------------------------------------------------------- */

#define LIST_COLS                                                                                  \
    "f.id, f.tracking_code, f.status, f.channel, f.title, f.type, f.field, f.procedure_code, "     \
    "f.unit_id, u1.name AS unit_name, f.assigned_unit_id, u2.name AS assigned_unit_name, "         \
    "f.received_at, f.intake_at, f.status_since, f.returned_at, f.forwarded_at, f.answered_at, "   \
    "f.published_at, f.due_date, f.answer_due, f.info_requested_at, f.info_replied_at, f.rating "

/* The clock's verdicts over the stored due date, given k (today and, per step, the first day
 * that is no longer "due soon"): the same as fb_clock() for the row, in SQL. */
#define CLOCK_DAYS " CROSS JOIN (SELECT CAST(? AS DATE) AS today) k "
#define IS_OVERDUE                                                                                 \
    "(f.due_date IS NOT NULL AND f.status IN "                                                     \
    "('new','accepted','returned','forwarded','processing','answered') AND f.due_date < k.today)"
/* soon_date is stored with due_date from the item's own rules (fb_soon_from). */
#define IS_DUE_SOON                                                                                \
    "COALESCE(f.status IN ('new','accepted','returned','forwarded','processing','answered') AND "  \
    "f.due_date >= k.today AND f.soon_date <= k.today, 0)"
#define KEEP "((? = 0 OR " IS_OVERDUE " = ?) AND (? = 0 OR " IS_DUE_SOON " = ?))"

struct feedback_list_query {
    int box, status; /* boxes[], statuses[]; -1 = default / any */
    long long type, unit_id;
    const char *q;
    struct ymd from, to;
    int overdue, has_overdue, due_soon, has_due_soon;
    struct page page;
};
#define FLQ(m, type, min, max, choices)                                                            \
    IN_FIELD(struct feedback_list_query, m, type, 0, min, max, choices)
static const struct in_decl feedback_list_fields[] = {
    FLQ(box, IN_ENUM, 0, 0, boxes),
    FLQ(status, IN_ENUM, 0, 0, statuses),
    FLQ(type, IN_INT, 1, FB_NTYPES, NULL),
    FLQ(unit_id, IN_ID, 0, 0, NULL),
    FLQ(q, IN_STR, 0, 200, NULL),
    FLQ(from, IN_DATE, 0, 0, NULL),
    FLQ(to, IN_DATE, 0, 0, NULL),
    IN_FIELD_HAS(struct feedback_list_query, overdue, IN_BOOL, 0, 0, 0, NULL, has_overdue),
    IN_FIELD_HAS(struct feedback_list_query, due_soon, IN_BOOL, 0, 0, 0, NULL, has_due_soon),
};
const struct in_spec in_feedback_list =
    IN_SPEC_PAGED(struct feedback_list_query, feedback_list_fields, 20, 200);

int h_feedback_list(req_t *r) {
    const struct feedback_list_query *in = r->query_in;
    char from_buf[11], to_buf[11];
    const char *box = in_choice(boxes, in->box), *status = in_choice(statuses, in->status),
               *q = in->q, *from = in_date_str(in->from, from_buf),
               *to = in_date_str(in->to, to_buf);
    long long type = in->type, unit_id = in->unit_id;
    int overdue = in->overdue, has_overdue = in->has_overdue, due_soon = in->due_soon,
        has_due_soon = in->has_due_soon;
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (unit_id) {
        int in = scope_has_unit(db, r->user, unit_id);
        if (in < 0) return db_fail(r, db);
        if (in == 0) return not_found(r, "đơn vị");
    }
    struct answer_key key;
    if (answers_lookup(r, "feedback", &key)) return 0;
    struct fb_rule_versions versions;
    if (fb_versions_or_fail(r, db, &versions) < 0) return -1;
    if (!box) box = can_route(r) ? "coordinator" : "unit";
    if (fb_due_dates_fresh(db, &versions) < 0) return db_fail(r, db);
    long long wide = scope_province_wide(r->user);
    const char *box_sql = strcmp(box, "coordinator") == 0
                              ? "f.status IN ('new','needs_info','accepted','returned','answered')"
                          : strcmp(box, "unit") == 0
                              ? "f.assigned_unit_id IS NOT NULL AND f.status IN "
                                "('forwarded','processing','answered')"
                              : "1 = 1";
    char code[13] = "";
    if (q) fb_code_normalize(q, code);
    char like[260];
    like_contains(q, like, sizeof like);
    const struct holidays *h = calendar_get(db);
    struct ymd today = calendar_today();
    char day[11];
    ymd_format(today, day);
    char where[1800];
    snprintf(where, sizeof where,
             ITEM_FROM CLOCK_DAYS
             "WHERE " FB_STAFF_SCOPE " AND %s AND (? IS NULL OR f.status = ?) AND (? = 0 OR f.type "
             "= ?) AND (? = 0 OR f.assigned_unit_id IN (SELECT descendant_id FROM unit_closure "
             "WHERE ancestor_id = ?)) AND (? IS NULL OR f.received_at >= ?) AND (? IS NULL OR "
             "f.received_at < DATE_ADD(?, INTERVAL 1 DAY)) AND (? IS NULL OR f.title LIKE ? OR "
             "f.tracking_code = ?) ",
             box_sql);
    /* One pass counts the page's total and the inbox's overdue and due-soon figures (these
     * two ignore the overdue/due_soon filters, as before). */
    char sql[4600];
    snprintf(sql, sizeof sql,
             "SELECT COALESCE(SUM(" KEEP "), 0), COALESCE(SUM(" IS_OVERDUE "), 0), "
             "COALESCE(SUM(" IS_DUE_SOON "), 0) %s",
             where);
    long long fo = has_overdue, fs = has_due_soon;
    struct db_res *res =
        db_query(db, sql,
                 "iiii"
                 "s"
                 "iissiiiisssssss",
                 fo, (long long)overdue, fs, (long long)due_soon, day, wide, r->user->unit_id,
                 status, status, type, type, unit_id, unit_id, from, from, to, to, q, like, code);
    if (!res) return db_fail(r, db);
    long long total = res->nrows ? db_int(res, 0, 0) : 0;
    long long n_overdue = res->nrows ? db_int(res, 0, 1) : 0,
              n_soon = res->nrows ? db_int(res, 0, 2) : 0;
    db_res_free(res);
    snprintf(sql, sizeof sql,
             "SELECT " LIST_COLS "%s AND " KEEP " ORDER BY f.due_date IS NULL, f.due_date, "
             "f.received_at DESC, f.id DESC LIMIT ? OFFSET ?",
             where);
    res = db_query(db, sql,
                   "s"
                   "iissiiiisssssss"
                   "iiii"
                   "ii",
                   day, wide, r->user->unit_id, status, status, type, type, unit_id, unit_id, from,
                   from, to, to, q, like, code, fo, (long long)overdue, fs, (long long)due_soon,
                   pg.per_page, pg.offset);
    if (!res) return db_fail(r, db);
    /* The working-day clocks are computed for the rows shown only. */
    json_t *items = json_array();
    for (size_t i = 0; i < res->nrows; i++) {
        json_t *row = db_row_json(res, i);
        fb_add_clock(row, fb_rules_of(&versions, row), h, today);
        format_code(row);
        json_array_append_new(items, row);
    }
    db_res_free(res);
    json_t *out = list_envelope(items, total, &pg);
    json_object_set_new(out, "box", json_string(box));
    json_object_set_new(out, "overdue_count", json_integer(n_overdue));
    json_object_set_new(out, "due_soon_count", json_integer(n_soon));
    /* The version in force today (each row's clock reads its own received date's). */
    json_object_set_new(out, "rules", fb_rules_json(fb_rules_at(&versions, today)));
    answers_send(r, &key, out);
    return 0;
}

int h_feedback_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_rule_versions versions;
    if (fb_versions_or_fail(r, db, &versions) < 0) return -1;
    long long id = req_param_id(r, "id");
    json_t *item = NULL;
    int found = item_for_reader(r, db, id, &item);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "phản ánh, kiến nghị");
    json_decref(item);
    json_t *d = detail(r, db, id, &versions);
    if (!d) return db_fail(r, db);
    res_json(r, 200, d);
    return 0;
}

int h_feedback_file(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), fid = req_param_id(r, "file_id");
    json_t *item = NULL, *file = NULL;
    int found = item_for_reader(r, db, id, &item);
    json_decref(item);
    if (found == 1)
        found = db_query_row_json(db, &file,
                                  "SELECT name, sha256, mime FROM feedback_files WHERE id = ? AND "
                                  "feedback_id = ?",
                                  "ii", fid, id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "tệp đính kèm");
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}

/* ---- statistics ---------------------------------------------------------------------------- */

struct feedback_stats_query {
    struct ymd from, to;
    long long unit_id;
};
static const struct in_decl feedback_stats_fields[] = {
    IN_FIELD(struct feedback_stats_query, from, IN_DATE, 0, 0, 0, NULL),
    IN_FIELD(struct feedback_stats_query, to, IN_DATE, 0, 0, 0, NULL),
    IN_FIELD(struct feedback_stats_query, unit_id, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_feedback_stats =
    IN_SPEC(struct feedback_stats_query, feedback_stats_fields);

int h_feedback_stats(req_t *r) {
    const struct feedback_stats_query *in = r->query_in;
    char from_buf[11], to_buf[11];
    const char *from = in_date_str(in->from, from_buf), *to = in_date_str(in->to, to_buf);
    long long unit_id = in->unit_id;
    if (from && to && ymd_cmp(in->from, in->to) > 0) {
        req_error(r, "to", "Ngày kết thúc phải sau ngày bắt đầu.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (unit_id) {
        int in = scope_has_unit(db, r->user, unit_id);
        if (in < 0) return db_fail(r, db);
        if (in == 0) return not_found(r, "đơn vị");
    }
    struct fb_rule_versions versions;
    if (fb_versions_or_fail(r, db, &versions) < 0) return -1;
    if (fb_due_dates_fresh(db, &versions) < 0) return db_fail(r, db);
    /* A unit's figures are those of its subtree; province-wide principals see the province. */
    if (!unit_id && !scope_province_wide(r->user)) unit_id = r->user->unit_id;
    char today[11];
    ymd_format(calendar_today(), today);
    /* One filtered set, counted several ways. */
    const char *scope =
        " FROM feedback f WHERE (? IS NULL OR f.received_at >= ?) AND (? IS NULL OR "
        "f.received_at < DATE_ADD(?, INTERVAL 1 DAY)) AND (? = 0 OR COALESCE(f.assigned_unit_id, "
        "f.answer_unit_id) IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?)) ";
    char sql[2400];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) AS received, SUM(f.status = 'rejected') AS rejected, "
             "SUM(f.status = 'duplicate') AS duplicate, SUM(f.status = 'needs_info') AS "
             "needs_info, SUM(f.answered_at IS NOT NULL) AS answered, SUM(f.answered_at IS NOT "
             "NULL AND DATE(f.answered_at) <= f.answer_due_at_forward) AS answered_on_time, "
             "SUM(f.answered_at IS NOT NULL AND DATE(f.answered_at) > f.answer_due_at_forward) AS "
             "answered_late, SUM(f.status NOT IN ('rejected','published','duplicate') AND "
             "f.due_date < ?) AS overdue_open, SUM(f.status NOT IN "
             "('rejected','published','duplicate')) AS open, SUM(f.status = 'published') AS "
             "published, SUM(f.rating = 'satisfied') AS satisfied, SUM(f.rating = 'unsatisfied') "
             "AS unsatisfied %s",
             scope);
    json_t *totals = NULL;
    if (db_query_row_json(db, &totals, sql, "sssssii", today, from, from, to, to, unit_id,
                          unit_id) < 0)
        return db_fail(r, db);
    /* SUM over no rows is NULL: report zeros. */
    const char *key;
    json_t *v;
    json_object_foreach(totals, key, v) if (json_is_null(v))
        json_object_set_new(totals, key, json_integer(0));
    long long answered = json_integer_value(json_object_get(totals, "answered"));
    long long ontime = json_integer_value(json_object_get(totals, "answered_on_time"));
    long long sat = json_integer_value(json_object_get(totals, "satisfied"));
    long long unsat = json_integer_value(json_object_get(totals, "unsatisfied"));
    json_object_set_new(totals, "on_time_rate",
                        answered ? json_real((double)ontime / (double)answered) : json_null());
    json_object_set_new(totals, "satisfaction_rate",
                        sat + unsat ? json_real((double)sat / (double)(sat + unsat)) : json_null());
    snprintf(sql, sizeof sql, "SELECT f.type, COUNT(*) AS count %s GROUP BY f.type ORDER BY f.type",
             scope);
    json_t *by_type = db_query_json(db, sql, "ssssii", from, from, to, to, unit_id, unit_id);
    snprintf(sql, sizeof sql,
             "SELECT f.channel, COUNT(*) AS count %s GROUP BY f.channel ORDER BY f.channel", scope);
    json_t *by_channel = db_query_json(db, sql, "ssssii", from, from, to, to, unit_id, unit_id);
    snprintf(sql, sizeof sql,
             "SELECT f.status, COUNT(*) AS count %s GROUP BY f.status ORDER BY f.status", scope);
    json_t *by_status = db_query_json(db, sql, "ssssii", from, from, to, to, unit_id, unit_id);
    snprintf(sql, sizeof sql,
             "SELECT x.unit_id, un.name AS unit_name, x.received, x.answered, x.answered_on_time, "
             "x.published, x.overdue_open, x.satisfied, x.unsatisfied FROM (SELECT "
             "COALESCE(f.assigned_unit_id, f.answer_unit_id) AS unit_id, COUNT(*) AS received, "
             "SUM(f.answered_at IS NOT NULL) AS answered, SUM(f.answered_at IS NOT NULL AND "
             "DATE(f.answered_at) <= f.answer_due_at_forward) AS answered_on_time, SUM(f.status "
             "= 'published') AS published, SUM(f.status NOT IN "
             "('rejected','published','duplicate') AND f.due_date < ?) AS overdue_open, "
             "SUM(f.rating = 'satisfied') AS satisfied, SUM(f.rating = 'unsatisfied') AS "
             "unsatisfied %s AND COALESCE(f.assigned_unit_id, f.answer_unit_id) IS NOT NULL "
             "GROUP BY COALESCE(f.assigned_unit_id, f.answer_unit_id)) x JOIN units un ON un.id "
             "= x.unit_id ORDER BY x.received DESC, un.name",
             scope);
    json_t *by_unit =
        db_query_json(db, sql, "sssssii", today, from, from, to, to, unit_id, unit_id);
    if (!by_type || !by_channel || !by_status || !by_unit) {
        json_decref(totals);
        json_decref(by_type);
        json_decref(by_channel);
        json_decref(by_status);
        json_decref(by_unit);
        return db_fail(r, db);
    }
    size_t i;
    json_array_foreach(by_type, i, v) {
        int t = (int)json_integer_value(json_object_get(v, "type"));
        json_object_set_new(v, "label", json_string(fb_type_label(t) ? fb_type_label(t) : ""));
    }
    json_object_set_new(totals, "by_type", by_type);
    json_object_set_new(totals, "by_channel", by_channel);
    json_object_set_new(totals, "by_status", by_status);
    json_object_set_new(totals, "by_unit", by_unit);
    json_object_set_new(totals, "from", from ? json_string(from) : json_null());
    json_object_set_new(totals, "to", to ? json_string(to) : json_null());
    json_object_set_new(totals, "unit_id", unit_id ? json_integer(unit_id) : json_null());
    res_json(r, 200, totals);
    return 0;
}

/* ---- actions ------------------------------------------------------------------------------- */

struct act {
    db_t *db;
    long long id;
    json_t *item; /* as locked, before the change */
    enum fb_state from, to;
    int actor; /* FB_COORDINATOR or FB_UNIT */
    struct fb_rule_versions versions;
    struct fb_rules rules; /* the item's: the version in force on its received date */
};

static int actor_for(enum fb_action a) {
    return a == FBA_RECEIVE || a == FBA_RETURN || a == FBA_DRAFT || a == FBA_SUBMIT_ANSWER
               ? FB_UNIT
               : FB_COORDINATOR;
}

static int conflict(req_t *r, struct act *x, const char *detail, int actors) {
    json_t *allowed = allowed_of(x->item, actors);
    char *s = json_dumps(allowed, JSON_COMPACT);
    json_decref(allowed);
    db_rollback(x->db);
    json_decref(x->item);
    x->item = NULL;
    res_conflict(r, detail, s ? s : "[]");
    free(s);
    return -1;
}

/* Locks the item into x->item: 1 when the principal may see it, 0 when it is missing or out of
 * scope, -1 on a database error (never read as "missing"). */
static int act_load(req_t *r, struct act *x) {
    int found = item_load(x->db, x->id, 1, &x->item);
    return found == 1 ? item_visible(r, x->db, x->item) : found;
}

/* Opens the transaction, locks the item and checks scope, role and state. */
static int act_begin(req_t *r, enum fb_action a, struct act *x) {
    memset(x, 0, sizeof *x);
    x->db = db_or_503(r);
    if (!x->db) return -1;
    if (fb_versions_or_fail(r, x->db, &x->versions) < 0) return -1;
    x->id = req_param_id(r, "id");
    if (db_begin(x->db) < 0) return db_fail(r, x->db);
    int seen = act_load(r, x);
    if (seen < 0) return db_fail(r, x->db);
    if (seen == 0) {
        db_rollback(x->db);
        json_decref(x->item);
        x->item = NULL;
        return not_found(r, "phản ánh, kiến nghị");
    }
    x->rules = *fb_rules_of(&x->versions, x->item);
    int actors = actors_of(r, x->item);
    x->actor = actor_for(a);
    if (!(actors & x->actor)) {
        db_rollback(x->db);
        json_decref(x->item);
        x->item = NULL;
        res_problem(r, 403, NULL,
                    x->actor == FB_UNIT
                        ? "Chỉ đơn vị được chuyển phản ánh, kiến nghị này mới thực hiện được."
                        : "Chỉ bộ phận điều phối (Văn phòng UBND tỉnh) mới thực hiện được.");
        return -1;
    }
    x->from = fb_state_of(x->item);
    x->to = fb_next(x->from, x->actor, a);
    if (x->to == FB_NONE) {
        char detail[300];
        snprintf(
            detail, sizeof detail,
            "Không thể thực hiện thao tác này khi phản ánh, kiến nghị đang ở trạng thái \"%s\".",
            fb_state_label(x->from));
        return conflict(r, x, detail, actors);
    }
    return 0;
}

/* Sets status (and the deadline of the new step), writes the event and audit row, commits and
 * answers with the item. */
static int act_finish(req_t *r, struct act *x, enum fb_action a, long long unit_id,
                      const char *note) {
    const char *from = fb_state_name(x->from), *to = fb_state_name(x->to);
    int rc = db_exec(x->db,
                     "UPDATE feedback SET status_since = IF(status = ?, status_since, NOW()), "
                     "status = ? WHERE id = ?",
                     "ssi", to, to, x->id) < 0;
    json_t *after = rc ? NULL : load_item(x->db, x->id, 0);
    char due[11] = "", soon[11] = "";
    if (after) fb_due_of(after, &x->rules, calendar_get(x->db), due, soon);
    rc = rc || !after ||
         db_exec(x->db,
                 "UPDATE feedback SET due_date = NULLIF(?, ''), soon_date = NULLIF(?, '') WHERE id "
                 "= ?",
                 "ssi", due, soon, x->id) < 0 ||
         fb_event(x->db, r, x->id, x->actor == FB_UNIT ? "unit" : "coordinator", fb_action_name(a),
                  from, to, unit_id, note) < 0;
    if (!rc) {
        json_t *b = json_pack("{s:s, s:O}", "status", from, "assigned_unit_id",
                              json_object_get(x->item, "assigned_unit_id"));
        json_t *aft = json_pack("{s:s, s:O, s:s*}", "status", to, "assigned_unit_id",
                                json_object_get(after, "assigned_unit_id"), "note", note);
        char action[48];
        snprintf(action, sizeof action, "feedback.%s", fb_action_name(a));
        rc = audit_write(x->db, r, action, "feedback", x->id, b, aft) < 0;
        json_decref(b);
        json_decref(aft);
    }
    json_decref(after);
    json_decref(x->item);
    x->item = NULL;
    if (rc || db_commit(x->db) < 0) return db_fail(r, x->db);
    json_t *d = detail(r, x->db, x->id, &x->versions);
    if (!d) return db_fail(r, x->db);
    res_json(r, 200, d);
    return 0;
}

static void abort_act(struct act *x) {
    db_rollback(x->db);
    json_decref(x->item);
    x->item = NULL;
}

static const char *item_str(struct act *x, const char *key) {
    return json_string_value(json_object_get(x->item, key));
}

/* Mail to the sender about a step (queued in the transaction; only when configured). */
static int mail_sender(struct act *x, const char *subject, const char *text) {
    const char *email = item_str(x, "email");
    if (!email) return 0;
    char link[512], body[6000];
    fb_track_link(item_str(x, "tracking_code"), link, sizeof link);
    char code[15];
    fb_code_format(item_str(x, "tracking_code"), code);
    snprintf(body, sizeof body,
             "Kính gửi %s,\n\n%s\n\nMã tra cứu: %s\nTheo dõi tại: %s\n\nTrân trọng,\nVăn phòng "
             "UBND tỉnh\n",
             item_str(x, "sender_name"), text, code, link);
    return fb_queue_mail(x->db, email, subject, body);
}

/* The bodies of the workflow actions: one struct, each action's table picks its fields. */
struct act_input {
    int reason; /* reject: fb_reject_reasons[] */
    const char *note, *redirect_to, *question, *answer, *field, *procedure_code, *return_reason;
    long long type, unit_id, duplicate_of;
    int has_type;
};
#define ACT(m, type, flags, min, max) IN_FIELD(struct act_input, m, type, flags, min, max, NULL)
#define ACT_NOTE                      ACT(note, IN_STR, IN_NULLABLE, 0, 4000)
static const struct in_decl reject_fields[] = {
    IN_FIELD(struct act_input, reason, IN_ENUM, IN_REQUIRED, 0, 0, fb_reject_reasons),
    ACT_NOTE,
    ACT(redirect_to, IN_STR, IN_NULLABLE, 0, 500),
};
static const struct in_decl request_info_fields[] = {ACT(question, IN_STR, IN_REQUIRED, 5, 4000)};
static const struct in_decl accept_fields[] = {
    IN_FIELD_HAS(struct act_input, type, IN_INT, 0, 1, FB_NTYPES, NULL, has_type),
    ACT(field, IN_STR, IN_NULLABLE, 0, 255),
    ACT(procedure_code, IN_STR, IN_NULLABLE, 0, 32),
    ACT_NOTE,
};
static const struct in_decl forward_fields[] = {ACT(unit_id, IN_ID, IN_REQUIRED, 0, 0), ACT_NOTE};
static const struct in_decl duplicate_fields[] = {ACT(duplicate_of, IN_ID, IN_REQUIRED, 0, 0),
                                                  ACT_NOTE};
static const struct in_decl note_fields[] = {ACT_NOTE};
static const struct in_decl return_fields[] = {
    IN_FIELD_AS(struct act_input, return_reason, "reason", IN_STR, IN_REQUIRED, 5, 4000, NULL),
};
static const struct in_decl draft_fields[] = {ACT(answer, IN_STR, IN_REQUIRED, 0, 20000)};
static const struct in_decl submit_fields[] = {ACT(answer, IN_STR, IN_NULLABLE, 0, 20000)};
static const struct in_decl publish_fields[] = {ACT(answer, IN_STR, IN_NULLABLE, 1, 20000),
                                                ACT_NOTE};
static const struct in_decl send_back_fields[] = {ACT(note, IN_STR, IN_REQUIRED, 5, 4000)};
const struct in_spec in_feedback_reject = IN_SPEC(struct act_input, reject_fields),
                     in_feedback_request_info = IN_SPEC(struct act_input, request_info_fields),
                     in_feedback_accept = IN_SPEC(struct act_input, accept_fields),
                     in_feedback_forward = IN_SPEC(struct act_input, forward_fields),
                     in_feedback_duplicate = IN_SPEC(struct act_input, duplicate_fields),
                     in_feedback_receive = IN_SPEC_OPTIONAL(struct act_input, note_fields),
                     in_feedback_return = IN_SPEC(struct act_input, return_fields),
                     in_feedback_draft = IN_SPEC(struct act_input, draft_fields),
                     in_feedback_submit = IN_SPEC_OPTIONAL(struct act_input, submit_fields),
                     in_feedback_publish = IN_SPEC_OPTIONAL(struct act_input, publish_fields),
                     in_feedback_send_back = IN_SPEC(struct act_input, send_back_fields);

int h_feedback_reject(req_t *r) {
    const struct act_input *in = r->body_in;
    const char *reason = fb_reject_reasons[in->reason], *note = in->note,
               *redirect = in->redirect_to;
    if (strcmp(reason, "other") == 0 && (!note || !*note)) {
        req_error(r, "note", "Hãy ghi rõ lý do không tiếp nhận.");
        return res_invalid(r);
    }
    if ((strcmp(reason, "complaint") == 0 || strcmp(reason, "denunciation") == 0) &&
        (!redirect || !*redirect)) {
        req_error(r, "redirect_to", "Hãy hướng dẫn người gửi nơi giải quyết khiếu nại, tố cáo.");
        return res_invalid(r);
    }
    struct act x;
    if (act_begin(r, FBA_REJECT, &x) < 0) return -1;
    char text[5000];
    snprintf(text, sizeof text,
             "Phản ánh, kiến nghị của ông/bà không được tiếp nhận xử lý.\nLý do: %s%s%s%s%s",
             fb_reject_label(reason), note && *note ? "\n" : "", note ? note : "",
             redirect && *redirect ? "\nĐề nghị liên hệ: " : "", redirect ? redirect : "");
    if (db_exec(x.db,
                "UPDATE feedback SET reject_reason = ?, reject_note = ?, redirect_to = ?, "
                "closed_at = NOW() WHERE id = ?",
                "sssi", reason, note, redirect, x.id) < 0 ||
        mail_sender(&x, "Kết quả tiếp nhận phản ánh, kiến nghị", text) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_REJECT, 0, note);
}

int h_feedback_request_info(req_t *r) {
    const char *question = ((const struct act_input *)r->body_in)->question;
    struct act x;
    if (act_begin(r, FBA_REQUEST_INFO, &x) < 0) return -1;
    if (item_str(&x, "info_requested_at"))
        return conflict(r, &x, "Chỉ được đề nghị người gửi bổ sung thông tin một lần.",
                        actors_of(r, x.item));
    char text[5000];
    snprintf(text, sizeof text,
             "Đề nghị ông/bà bổ sung thông tin cho phản ánh, kiến nghị đã gửi:\n%s\n\nÔng/bà trả "
             "lời một lần trên trang tra cứu bằng mã tra cứu.",
             question);
    if (db_exec(x.db,
                "UPDATE feedback SET info_request = ?, info_requested_at = NOW() WHERE id = ?",
                "si", question, x.id) < 0 ||
        mail_sender(&x, "Đề nghị bổ sung thông tin phản ánh, kiến nghị", text) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_REQUEST_INFO, 0, question);
}

int h_feedback_accept(req_t *r) {
    const struct act_input *in = r->body_in;
    long long type = in->type;
    const char *field = in->field, *procedure = in->procedure_code, *note = in->note;
    int has_type = in->has_type;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (procedure && *procedure) {
        int k = fb_procedure_known(db, procedure);
        if (k == -2) return db_fail(r, db);
        if (k == 0) {
            req_error(r, "procedure_code", "Không có thủ tục hành chính với mã này.");
            return res_invalid(r);
        }
    }
    struct act x;
    if (act_begin(r, FBA_ACCEPT, &x) < 0) return -1;
    if (db_exec(x.db,
                "UPDATE feedback SET type = IF(?, ?, type), field = ?, procedure_code = "
                "NULLIF(?, '') WHERE id = ?",
                "iissi", (long long)has_type, type, field, procedure, x.id) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_ACCEPT, 0, note);
}

int h_feedback_forward(req_t *r) {
    const struct act_input *in = r->body_in;
    long long unit_id = in->unit_id;
    const char *note = in->note;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long ok = 0;
    if (db_query_int(db, &ok,
                     "SELECT 1 FROM units WHERE id = ? AND (valid_to IS NULL OR valid_to >= "
                     "CURDATE())",
                     "i", unit_id) < 0)
        return db_fail(r, db);
    if (!ok) {
        req_error(r, "unit_id", "Đơn vị không tồn tại hoặc đã ngừng hoạt động.");
        return res_invalid(r);
    }
    struct act x;
    if (act_begin(r, FBA_FORWARD, &x) < 0) return -1;
    const struct holidays *h = calendar_get(x.db);
    char due[11];
    ymd_format(fb_forward_due(calendar_today(), &x.rules, h), due);
    char title[700];
    snprintf(title, sizeof title, "Phản ánh, kiến nghị được chuyển đến đơn vị: %.500s",
             item_str(&x, "title"));
    char body[200];
    snprintf(body, sizeof body, "Hạn trả lời: %s (%d ngày làm việc).", due, x.rules.answer_days);
    if (db_exec(x.db,
                "UPDATE feedback SET answer_text = IF(assigned_unit_id <=> ?, answer_text, NULL), "
                "assigned_unit_id = ?, forwarded_at = NOW(), answer_due = ?, "
                "answer_due_at_forward = ? WHERE id = ?",
                "iissi", unit_id, unit_id, due, due, x.id) < 0 ||
        fb_notify(x.db, unit_id, "feedback.forwarded", x.id, title, body, NULL) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_FORWARD, unit_id, note);
}

int h_feedback_duplicate(req_t *r) {
    const struct act_input *in = r->body_in;
    long long orig = in->duplicate_of;
    const char *note = in->note;
    struct act x;
    if (act_begin(r, FBA_DUPLICATE, &x) < 0) return -1;
    /* Link to the root: the original of a duplicate is that duplicate's original. */
    long long root = 0;
    int rc = db_query_int(x.db, &root,
                          "SELECT IF(status = 'duplicate', duplicate_of, id) FROM feedback WHERE "
                          "id = ?",
                          "i", orig);
    if (rc < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    if (rc == 0 || root == x.id || orig == x.id) {
        abort_act(&x);
        req_error(r, "duplicate_of",
                  rc == 0 ? "Không có phản ánh, kiến nghị gốc này."
                          : "Không thể đánh dấu trùng với chính nó.");
        return res_invalid(r);
    }
    if (db_exec(x.db, "UPDATE feedback SET duplicate_of = ?, closed_at = NOW() WHERE id = ?", "ii",
                root, x.id) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_DUPLICATE, 0, note);
}

int h_feedback_receive(req_t *r) {
    const char *note = ((const struct act_input *)r->body_in)->note;
    struct act x;
    if (act_begin(r, FBA_RECEIVE, &x) < 0) return -1;
    return act_finish(r, &x, FBA_RECEIVE, r->user->unit_id, note);
}

int h_feedback_return(req_t *r) {
    const char *reason = ((const struct act_input *)r->body_in)->return_reason;
    struct act x;
    if (act_begin(r, FBA_RETURN, &x) < 0) return -1;
    char title[700];
    snprintf(title, sizeof title,
             "Đơn vị trả lại phản ánh, kiến nghị (không thuộc thẩm quyền): %.500s",
             item_str(&x, "title"));
    if (db_exec(x.db,
                "UPDATE feedback SET assigned_unit_id = NULL, returned_at = NOW(), return_reason "
                "= ? WHERE id = ?",
                "si", reason, x.id) < 0 ||
        fb_notify(x.db, 0, "feedback.returned", x.id, title, reason, NULL) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_RETURN, r->user->unit_id, reason);
}

int h_feedback_draft(req_t *r) {
    const char *answer = ((const struct act_input *)r->body_in)->answer;
    struct act x;
    if (act_begin(r, FBA_DRAFT, &x) < 0) return -1;
    /* A draft changes no state: no event, an audit row only. */
    json_t *b = json_pack("{s:s*}", "answer_text", item_str(&x, "answer_text"));
    json_t *a = json_pack("{s:s}", "answer_text", answer);
    int rc = db_exec(x.db, "UPDATE feedback SET answer_text = ?, answer_by = ? WHERE id = ?", "sii",
                     answer, r->user->user_id, x.id) < 0 ||
             audit_write(x.db, r, "feedback.draft", "feedback", x.id, b, a) < 0;
    json_decref(b);
    json_decref(a);
    json_decref(x.item);
    if (rc || db_commit(x.db) < 0) return db_fail(r, x.db);
    json_t *d = detail(r, x.db, x.id, &x.versions);
    if (!d) return db_fail(r, x.db);
    res_json(r, 200, d);
    return 0;
}

int h_feedback_submit_answer(req_t *r) {
    const char *answer = ((const struct act_input *)r->body_in)->answer;
    struct act x;
    if (act_begin(r, FBA_SUBMIT_ANSWER, &x) < 0) return -1;
    const char *text = answer && *answer ? answer : item_str(&x, "answer_text");
    int blank = 1;
    for (const char *p = text; p && *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') blank = 0;
    if (blank) {
        abort_act(&x);
        req_error(r, "answer", "Hãy soạn nội dung trả lời trước khi gửi.");
        return res_invalid(r);
    }
    char title[700];
    snprintf(title, sizeof title, "Đơn vị đã gửi dự thảo trả lời, chờ duyệt công khai: %.500s",
             item_str(&x, "title"));
    if (db_exec(x.db,
                "UPDATE feedback SET answer_text = ?, answered_at = NOW(), answer_unit_id = ?, "
                "answer_by = ? WHERE id = ?",
                "siii", text, r->user->unit_id, r->user->user_id, x.id) < 0 ||
        fb_notify(x.db, 0, "feedback.answered", x.id, title, NULL, NULL) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_SUBMIT_ANSWER, r->user->unit_id, NULL);
}

int h_feedback_publish(req_t *r) {
    const struct act_input *in = r->body_in;
    const char *answer = in->answer, *note = in->note;
    struct act x;
    if (act_begin(r, FBA_PUBLISH, &x) < 0) return -1;
    const char *text = answer ? answer : item_str(&x, "answer_text");
    struct buf s;
    buf_init(&s);
    buf_printf(&s, "%s %s %s", item_str(&x, "title"), item_str(&x, "content"), text ? text : "");
    char *folded = vnfold_dup(buf_cstr(&s));
    buf_free(&s);
    int rc = !folded ||
             db_exec(x.db,
                     "UPDATE feedback SET answer_text = ?, published_at = NOW(), closed_at = "
                     "NOW(), search_folded = ? WHERE id = ?",
                     "ssi", text, folded, x.id) < 0 ||
             mail_sender(&x, "Trả lời phản ánh, kiến nghị",
                         "Phản ánh, kiến nghị của ông/bà đã có văn bản trả lời và được công "
                         "khai. Ông/bà xem nội dung trả lời và đánh giá mức độ hài lòng trên "
                         "trang tra cứu.") < 0;
    free(folded);
    if (rc) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_PUBLISH, 0, note);
}

/* POST /feedback/{id}/correct: the coordinator replaces a published answer (issue 16). The old
 * text stays as evidence on the event row and in the audit; followers are mailed in the same
 * transaction. The state does not change, so act_finish (status, due date) is not used. */
struct correct_input {
    const char *answer, *reason;
};
static const struct in_decl correct_fields[] = {
    IN_FIELD(struct correct_input, answer, IN_STR, IN_REQUIRED, 1, 20000, NULL),
    IN_FIELD(struct correct_input, reason, IN_STR, IN_REQUIRED, 5, 2000, NULL),
};
const struct in_spec in_feedback_correct = IN_SPEC(struct correct_input, correct_fields);

static int correct_write(req_t *r, struct act *x, const char *answer, const char *reason) {
    const char *before = item_str(x, "answer_text");
    struct buf s;
    buf_init(&s);
    buf_printf(&s, "%s %s %s", item_str(x, "title"), item_str(x, "content"), answer);
    char *folded = vnfold_dup(buf_cstr(&s));
    buf_free(&s);
    int rc =
        !folded ||
        db_exec(x->db,
                "UPDATE feedback SET answer_text = ?, corrected_at = NOW(), "
                "correction_reason = ?, search_folded = ? WHERE id = ?",
                "sssi", answer, reason, folded, x->id) < 0 ||
        fb_event(x->db, r, x->id, "coordinator", "correct", "published", "published", 0, reason) <
            0 ||
        db_exec(x->db, "UPDATE feedback_events SET before_text = ?, after_text = ? WHERE id = ?",
                "ssi", before, answer, db_last_id(x->db)) < 0 ||
        fb_mail_followers(x->db, x->id, item_str(x, "title"), reason) < 0;
    free(folded);
    if (rc) return -1;
    json_t *b = json_pack("{s:s*}", "answer", before);
    json_t *a = json_pack("{s:s, s:s}", "answer", answer, "reason", reason);
    rc = audit_write(x->db, r, "feedback.correct", "feedback", x->id, b, a);
    json_decref(b);
    json_decref(a);
    return rc < 0 ? -1 : 0;
}

int h_feedback_correct(req_t *r) {
    const struct correct_input *in = r->body_in;
    struct act x;
    if (act_begin(r, FBA_CORRECT, &x) < 0) return -1;
    if (correct_write(r, &x, in->answer, in->reason) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    json_decref(x.item);
    x.item = NULL;
    if (db_commit(x.db) < 0) return db_fail(r, x.db);
    json_t *d = detail(r, x.db, x.id, &x.versions);
    if (!d) return db_fail(r, x.db);
    res_json(r, 200, d);
    return 0;
}

int h_feedback_send_back(req_t *r) {
    const char *note = ((const struct act_input *)r->body_in)->note;
    struct act x;
    if (act_begin(r, FBA_SEND_BACK, &x) < 0) return -1;
    json_t *unit = json_object_get(x.item, "assigned_unit_id");
    char title[700];
    snprintf(title, sizeof title, "Dự thảo trả lời cần hoàn thiện: %.500s", item_str(&x, "title"));
    if ((json_is_integer(unit) && fb_notify(x.db, json_integer_value(unit), "feedback.sent_back",
                                            x.id, title, note, NULL) < 0) ||
        db_exec(x.db, "UPDATE feedback SET answered_at = NULL WHERE id = ?", "i", x.id) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_SEND_BACK, json_is_integer(unit) ? json_integer_value(unit) : 0,
                      note);
}

/* POST /feedback/{id}/reopen {reason}: the coordinator sends a published item back to the unit
 * that answered it (issue 20). Its answer clock restarts from today under the item's own rules
 * (the version of its received date); the reason is shown on the public page. */
struct reopen_input {
    const char *reason;
};
static const struct in_decl reopen_fields[] = {
    IN_FIELD(struct reopen_input, reason, IN_STR, IN_REQUIRED, 5, 2000, NULL),
};
const struct in_spec in_feedback_reopen = IN_SPEC(struct reopen_input, reopen_fields);

int h_feedback_reopen(req_t *r) {
    const char *reason = ((const struct reopen_input *)r->body_in)->reason;
    if (fb_blank(reason) || utf8_chars(reason) < 5) {
        req_error(r, "reason", "Hãy ghi rõ lý do mở lại (ít nhất 5 ký tự).");
        return res_invalid(r);
    }
    struct act x;
    if (act_begin(r, FBA_REOPEN, &x) < 0) return -1;
    json_t *unit = json_object_get(x.item, "assigned_unit_id");
    if (!json_is_integer(unit))
        return conflict(r, &x, "Phản ánh, kiến nghị này không có đơn vị xử lý để mở lại.",
                        actors_of(r, x.item));
    long long unit_id = json_integer_value(unit);
    char due[11], title[700];
    ymd_format(fb_forward_due(calendar_today(), &x.rules, calendar_get(x.db)), due);
    snprintf(title, sizeof title, "Phản ánh, kiến nghị đã công khai được mở lại: %.500s",
             item_str(&x, "title"));
    if (db_exec(x.db,
                "UPDATE feedback SET reopened_at = NOW(), reopen_reason = ?, forwarded_at = NOW(), "
                "answered_at = NULL, closed_at = NULL, answer_due = ?, answer_due_at_forward = ? "
                "WHERE id = ?",
                "sssi", reason, due, due, x.id) < 0 ||
        fb_notify(x.db, unit_id, "feedback.reopened", x.id, title, reason, NULL) < 0 ||
        mail_sender(&x, "Phản ánh, kiến nghị được mở lại để xử lý tiếp", reason) < 0) {
        abort_act(&x);
        return db_fail(r, x.db);
    }
    return act_finish(r, &x, FBA_REOPEN, unit_id, reason);
}

/* POST /feedback/{id}/answer/letter {name, content_base64}: the signed reply letter (a PDF)
 * attached to the answer. The unit it is forwarded to attaches it while handling or once
 * answered; the coordinator once answered or published. Kept like every file (never deleted);
 * a later letter is added, the public page offers them all. */
struct letter_input {
    const char *name, *content_base64;
};
static const struct in_decl letter_fields[] = {
    IN_FIELD(struct letter_input, name, IN_STR, IN_REQUIRED, 1, 255, NULL),
    IN_FIELD(struct letter_input, content_base64, IN_STR, IN_REQUIRED, 1, 8 * 1024 * 1024, NULL),
};
const struct in_spec in_feedback_letter = IN_SPEC(struct letter_input, letter_fields);

/* The file as sent: a PDF of at most 5 MB (by content). 0, or -1 with a field error. */
static int letter_read(req_t *r, const struct letter_input *in, struct fb_file *f) {
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", in->name);
    f->owned = b64_decode(in->content_base64, strlen(in->content_base64), B64_STD | B64_WS,
                          FB_FILE_MAX + 1, &f->len);
    if (!f->owned) {
        req_error(r, "content_base64", "Tệp không đọc được (base64) hoặc vượt quá 5 MB.");
        return -1;
    }
    f->data = f->owned;
    if (fb_file_check_as(r, f, "content_base64") < 0) return -1;
    if (strcmp(f->mime, "application/pdf") != 0) {
        req_error(r, "content_base64", "Văn bản trả lời có chữ ký số phải là tệp PDF.");
        return -1;
    }
    return 0;
}

/* 1 when the principal may attach a letter to the item in its state. */
static int letter_allowed(req_t *r, json_t *item) {
    int actors = actors_of(r, item);
    enum fb_state s = fb_state_of(item);
    return ((actors & FB_UNIT) && (s == FB_PROCESSING || s == FB_ANSWERED)) ||
           ((actors & FB_COORDINATOR) && (s == FB_ANSWERED || s == FB_PUBLISHED));
}

static int letter_write(req_t *r, db_t *db, long long id, struct fb_file *f, int added[1]) {
    const char *status = NULL;
    json_t *item = NULL;
    int seen = item_load(db, id, 1, &item);
    if (seen == 1) seen = item_visible(r, db, item);
    if (seen != 1) {
        json_decref(item);
        db_rollback(db);
        return seen < 0 ? db_fail(r, db) : not_found(r, "phản ánh, kiến nghị");
    }
    if (!letter_allowed(r, item)) {
        db_rollback(db);
        json_decref(item);
        res_problem(r, 409, NULL,
                    "Chỉ đơn vị xử lý (khi đang xử lý hoặc đã trả lời) hoặc bộ phận điều phối (khi "
                    "đã trả lời hoặc đã công khai) mới đính kèm văn bản trả lời.");
        return -1;
    }
    status = fb_state_name(fb_state_of(item));
    const char *actor = actors_of(r, item) & FB_UNIT ? "unit" : "coordinator";
    json_decref(item);
    if (fb_files_keep(f, 1, added) < 0) {
        fb_files_discard(db, f, 1, added);
        return res_internal(r, "attachment store failed");
    }
    json_t *a =
        json_pack("{s:s, s:s, s:I}", "name", f->name, "sha256", f->sha, "size", (json_int_t)f->len);
    int rc = fb_files_insert(db, id, "reply_letter", f, 1) < 0 ||
             fb_event(db, r, id, actor, "attach_letter", status, status, 0, f->name) < 0 ||
             audit_write(db, r, "feedback.letter", "feedback", id, NULL, a) < 0 ||
             db_commit(db) < 0;
    json_decref(a);
    if (rc) {
        db_fail(r, db);
        fb_files_discard(db, f, 1, added);
        return -1;
    }
    return 0;
}

int h_feedback_letter(req_t *r) {
    const struct letter_input *in = r->body_in;
    struct fb_file f;
    if (letter_read(r, in, &f) < 0) {
        fb_files_free(&f, 1);
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    long long id = req_param_id(r, "id");
    int added[1] = {0};
    int rc = !db ? -1 : db_begin(db) < 0 ? db_fail(r, db) : letter_write(r, db, id, &f, added);
    fb_files_free(&f, 1);
    if (rc < 0) return -1;
    json_t *file = NULL;
    int found =
        db_query_row_json(db, &file,
                          "SELECT id, kind, name, mime, size, created_at FROM feedback_files "
                          "WHERE feedback_id = ? AND kind = 'reply_letter' ORDER BY id DESC "
                          "LIMIT 1",
                          "i", id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "văn bản trả lời");
    res_json(r, 201, file);
    return 0;
}
