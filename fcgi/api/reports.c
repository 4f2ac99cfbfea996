/* /api/v1/reports: a unit's periodic report (pre-filled, corrected, narrated) and its workflow
 * draft -> submitted -> accepted | returned, each step one transaction with its event and audit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/report_common.h"
#include "api/reports.h"
#include "api/units.h"
#include "core/report_tree.h"

#define CORRECTIONS_MAX 500
#define NOTE_MAX        2000
#define NARRATIVE_MAX   20000
#define FIGURE_MAX      1000000000000LL

static const char *const narrative_keys[] = {"results", "difficulties", "proposals", NULL};

static long long jint(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *jstr(json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}

static int blank(const char *s) {
    if (!s) return 1;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return 0;
    return 1;
}

/* The report's unit and the principal's rights on it; a report out of read scope is answered
 * 404 here (and -1 returned), as is a missing one. */
static int rights_on(req_t *r, db_t *db, json_t *row) {
    json_t *unit = NULL;
    int found = rp_unit(db, jint(row, "unit_id"), &unit);
    int rights = found == 1 ? rp_rights(db, r->user, unit) : found;
    json_decref(unit);
    if (rights < 0) return db_fail(r, db);
    if (!(rights & RP_READ)) return not_found(r, "báo cáo");
    return rights;
}

static int answer(req_t *r, db_t *db, long long id, int status) {
    json_t *a = rp_answer(db, r->user, id);
    if (!a) return db_fail(r, db);
    res_json(r, status, a);
    return 0;
}

/* ---- create --------------------------------------------------------------------------------- */

struct report_create {
    long long unit_id;
    int kind;
    const char *period, *title;
    struct ymd from, to, due;
};
#define RC(m, type, flags, min, max, ch)                                                           \
    IN_FIELD(struct report_create, m, type, flags, min, max, ch)
static const struct in_decl report_create_fields[] = {
    RC(unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    RC(kind, IN_ENUM, 0, 0, 0, rp_kinds),
    RC(period, IN_STR, 0, 1, 32, NULL),
    RC(from, IN_DATE, 0, 0, 0, NULL),
    RC(to, IN_DATE, 0, 0, 0, NULL),
    RC(title, IN_STR, IN_NULLABLE, 1, 500, NULL),
    RC(due, IN_DATE, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_reports_create = IN_SPEC(struct report_create, report_create_fields);

/* The period of a create body: a periodic key, or from/to/title of an ad hoc report. 0, or -1
 * with field errors added. */
static int create_period(req_t *r, const struct report_create *in, struct report_period *p) {
    if (in->period) {
        if (in->from.y || in->to.y || in->due.y || in->title)
            req_error(r, "period",
                      "Gửi period cho báo cáo định kỳ, hoặc from, to, title (và due) cho báo cáo "
                      "đột xuất; không gửi cả hai.");
        else if (report_period_parse(in->period, p) != 0 || p->kind == RP_ADHOC)
            req_error(r, "period",
                      "Kỳ báo cáo không hợp lệ: dùng YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-H2 hoặc YYYY "
                      "(năm 2000–2100); báo cáo đột xuất gửi from, to và title.");
        else
            return 0;
        return -1;
    }
    int bad = 0;
    if (!in->from.y)
        req_error(r, "from", "Bắt buộc với báo cáo đột xuất (hoặc gửi period)."), bad = 1;
    if (!in->to.y) req_error(r, "to", "Bắt buộc với báo cáo đột xuất (hoặc gửi period)."), bad = 1;
    if (blank(in->title)) req_error(r, "title", "Báo cáo đột xuất phải có tiêu đề."), bad = 1;
    if (bad) return -1;
    if (ymd_cmp(in->from, in->to) > 0) {
        req_error(r, "to", "Ngày kết thúc (to) phải bằng hoặc sau ngày bắt đầu (from).");
        return -1;
    }
    if (in->due.y && ymd_cmp(in->due, in->to) < 0) {
        req_error(r, "due", "Hạn gửi (due) không được trước ngày kết thúc kỳ (to).");
        return -1;
    }
    char key[32], f[11], t[11];
    ymd_format(in->from, f);
    ymd_format(in->to, t);
    snprintf(key, sizeof key, "%s..%s", f, t);
    if (report_period_parse(key, p) != 0) {
        req_error(r, "to", "Kỳ đột xuất dài tối đa 366 ngày, trong các năm 2000–2100.");
        return -1;
    }
    return 0;
}

/* The unit exists, is readable and writable by the principal and in force during the period:
 * 0, or -1 after answering. */
static int create_unit_ok(req_t *r, db_t *db, long long unit_id, const struct report_period *p) {
    json_t *unit = NULL;
    int found = rp_unit(db, unit_id, &unit);
    int rights = found == 1 ? rp_rights(db, r->user, unit) : found;
    if (rights < 0 || !(rights & RP_READ)) {
        json_decref(unit);
        return rights < 0 ? db_fail(r, db) : not_found(r, "đơn vị");
    }
    struct report_rules rules;
    struct ymd wf, wt, vf = {0, 0, 0}, vt = {0, 0, 0};
    if (rp_rules_for(db, p, &rules) < 0) {
        json_decref(unit);
        return db_fail(r, db);
    }
    report_window(p, &rules, &wf, &wt);
    const char *s = jstr(unit, "valid_from"), *e = jstr(unit, "valid_to");
    if (s) ymd_parse(s, &vf);
    if (e) ymd_parse(e, &vt);
    json_decref(unit);
    if (!(rights & RP_WRITE)) {
        res_problem(r, 403, NULL, "Chỉ cán bộ của đơn vị mới lập được báo cáo của đơn vị.");
        return -1;
    }
    if ((vf.y && ymd_cmp(vf, wt) > 0) || (vt.y && ymd_cmp(vt, wf) < 0)) {
        req_error(r, "unit_id", "Đơn vị không hoạt động trong kỳ báo cáo này.");
        return res_invalid(r);
    }
    return 0;
}

int h_reports_create(req_t *r) {
    const struct report_create *in = r->body_in;
    struct rp_new n = {
        in->unit_id, in->kind >= 0 ? in_choice(rp_kinds, in->kind) : "kstt", {0}, NULL, NULL};
    if (create_period(r, in, &n.period) < 0) return res_invalid(r);
    if (n.period.kind == RP_ADHOC) {
        n.title = in->title;
        n.due = in->due.y ? &in->due : NULL;
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (create_unit_ok(r, db, in->unit_id, &n.period) < 0) return -1;
    if (rp_begin(db) < 0) return db_fail(r, db);
    long long id = 0;
    int made = rp_create(db, r->user, &n, &id);
    if (made < 0) return db_fail(r, db);
    if (made == 0) {
        db_rollback(db);
        return rp_conflict_exists(r, id);
    }
    json_t *after = rp_answer(db, r->user, id);
    json_t *audit =
        after ? json_pack("{s:O, s:O, s:O, s:O, s:O}", "unit", json_object_get(after, "unit"),
                          "kind", json_object_get(after, "kind"), "period",
                          json_object_get(after, "period"), "window",
                          json_object_get(after, "window"), "due", json_object_get(after, "due"))
              : NULL;
    if (!audit || audit_write(db, r, "reports.create", "report", id, NULL, audit) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        json_decref(audit);
        return db_fail(r, db);
    }
    json_decref(audit);
    res_json(r, 201, after);
    return 0;
}

/* ---- list and read -------------------------------------------------------------------------- */

struct report_list {
    const char *period;
    long long unit_id;
    int status, kind;
    struct page page;
};
#define RL(m, type, min, max, ch) IN_FIELD(struct report_list, m, type, 0, min, max, ch)
static const struct in_decl report_list_fields[] = {
    RL(period, IN_STR, 1, 32, NULL),
    RL(unit_id, IN_ID, 0, 0, NULL),
    RL(status, IN_ENUM, 0, 0, rp_statuses),
    RL(kind, IN_ENUM, 0, 0, rp_kinds),
};
const struct in_spec in_reports_list =
    IN_SPEC_PAGED(struct report_list, report_list_fields, 50, 500);

#define LIST_FROM                                                                                  \
    " FROM reports r JOIN units u ON u.id = r.unit_id WHERE (? = 1 OR r.unit_id IN (SELECT "       \
    "descendant_id FROM unit_closure WHERE ancestor_id = ?)) AND (? IS NULL OR r.period = ?) AND " \
    "(? = 0 OR r.unit_id = ?) AND (? IS NULL OR r.status = ?) AND (? IS NULL OR r.kind = ?)"

int h_reports_list(req_t *r) {
    const struct report_list *in = r->query_in;
    struct report_period p;
    char key[32];
    if (in->period) {
        if (report_period_parse(in->period, &p) != 0) {
            req_error(r, "period",
                      "Kỳ báo cáo không hợp lệ (YYYY-Q1, YYYY-H1, YYYY hoặc "
                      "YYYY-MM-DD..YYYY-MM-DD).");
            return res_invalid(r);
        }
        report_period_key(&p, key);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (in->unit_id) {
        int ok = scope_has_unit(db, r->user, in->unit_id);
        if (ok < 0) return db_fail(r, db);
        if (!ok) return not_found(r, "đơn vị");
    }
    long long wide = scope_province_wide(r->user);
    const char *period = in->period ? key : NULL, *status = in_choice(rp_statuses, in->status),
               *kind = in_choice(rp_kinds, in->kind);
    long long total = 0;
    if (db_query_int(db, &total, "SELECT COUNT(*)" LIST_FROM, "iissiissss", wide, r->user->unit_id,
                     period, period, in->unit_id, in->unit_id, status, status, kind, kind) < 0)
        return db_fail(r, db);
    json_t *rows = db_query_json(
        db,
        "SELECT r.id, JSON_OBJECT('id', u.id, 'code', u.code, 'name', u.name, 'level', u.level, "
        "'parent_id', u.parent_id) AS unit__json, r.kind, r.period, r.period_kind, r.title, "
        "JSON_OBJECT('from', r.window_from, 'to', r.window_to) AS window__json, r.due, r.status, "
        "r.late, r.number, r.submitted_at, r.accepted_at, r.returned_at, r.computed_at" LIST_FROM
        " ORDER BY r.window_to DESC, u.sort_order, u.code, r.id LIMIT ? OFFSET ?",
        "iissiissssii", wide, r->user->unit_id, period, period, in->unit_id, in->unit_id, status,
        status, kind, kind, in->page.per_page, in->page.offset);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

int h_reports_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    int found = rp_load(db, id, 0, &row);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "báo cáo");
    int rights = rights_on(r, db, row);
    json_decref(row);
    if (rights < 0) return -1;
    return answer(r, db, id, 200);
}

/* ---- writes on an open report --------------------------------------------------------------- */

/* Opens the transaction and locks report id for a write of its unit (RP_WRITE) while it is open
 * (draft or returned): 0 with *row, or -1 after answering (404, 403, 409, 503). */
static int begin_open(req_t *r, db_t *db, long long id, json_t **row) {
    if (rp_begin(db) < 0) return db_fail(r, db);
    int found = rp_load(db, id, 1, row);
    int rights = found == 1 ? rights_on(r, db, *row) : found;
    if (found < 0) return db_fail(r, db);
    if (found == 0 || rights < 0) {
        if (db_in_txn(db)) db_rollback(db);
        json_decref(*row);
        return found == 0 ? not_found(r, "báo cáo") : -1;
    }
    const char *st = jstr(*row, "status");
    int bad = !(rights & RP_WRITE)                                      ? 403
              : strcmp(st, "draft") != 0 && strcmp(st, "returned") != 0 ? 409
                                                                        : 0;
    if (!bad) return 0;
    db_rollback(db);
    json_decref(*row);
    *row = NULL;
    if (bad == 403) {
        res_problem(r, 403, NULL, "Chỉ cán bộ của đơn vị mới sửa được báo cáo của đơn vị.");
        return -1;
    }
    return res_conflict(r, "Báo cáo đã gửi hoặc đã được tiếp nhận: không sửa được nữa.", "[]");
}

struct report_update {
    json_t *corrections, *narrative;
    const char *number;
    int has_corrections, has_narrative, has_number;
};
static const struct in_decl report_update_fields[] = {
    IN_FIELD_HAS(struct report_update, corrections, IN_JSON, 0, 0, 0, NULL, has_corrections),
    IN_FIELD_HAS(struct report_update, narrative, IN_JSON, 0, 0, 0, NULL, has_narrative),
    IN_FIELD_HAS(struct report_update, number, IN_STR, IN_NULLABLE, 0, 64, NULL, has_number),
};
const struct in_spec in_reports_update = IN_SPEC(struct report_update, report_update_fields);

/* One correction checked against the computed tree; field errors named corrections[i].key. */
static int check_correction(req_t *r, json_t *c, size_t i, json_t *computed) {
    char f[80];
    const char *path = jstr(c, "path"), *note = jstr(c, "note");
    json_t *v = json_object_get(c, "value");
    int bad = 0;
    const char *key;
    json_t *x;
    if (!json_is_object(c)) {
        snprintf(f, sizeof f, "corrections[%zu]", i);
        req_error(r, f, "Mỗi điều chỉnh có dạng {path, value, note}.");
        return -1;
    }
    json_object_foreach(c, key, x) {
        if (strcmp(key, "path") && strcmp(key, "value") && strcmp(key, "note")) {
            snprintf(f, sizeof f, "corrections[%zu].%.30s", i, key);
            req_error(r, f, "Trường không được hỗ trợ."), bad = 1;
        }
    }
    long long cur;
    int got = path ? report_figure_get(computed, path, &cur) : -1;
    snprintf(f, sizeof f, "corrections[%zu].path", i);
    if (got != 1)
        req_error(r, f,
                  got < 0 ? "Đường dẫn số liệu không hợp lệ (ví dụ dossiers.total.received_online)."
                          : "Đường dẫn không chỉ tới số liệu nào của báo cáo."),
            bad = 1;
    snprintf(f, sizeof f, "corrections[%zu].value", i);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > FIGURE_MAX)
        req_error(r, f, "Số liệu phải là số nguyên không âm."), bad = 1;
    snprintf(f, sizeof f, "corrections[%zu].note", i);
    if (blank(note) || strlen(note) > NOTE_MAX * 4)
        req_error(r, f, "Phải ghi rõ lý do điều chỉnh (tối đa 2000 ký tự)."), bad = 1;
    return bad ? -1 : 0;
}

/* The new corrections list (new reference) from the request's, keeping who made and when of
 * the entries that did not change; NULL after adding field errors. */
static json_t *merge_corrections(req_t *r, json_t *given, json_t *old, json_t *computed) {
    if (!json_is_array(given) || json_array_size(given) > CORRECTIONS_MAX) {
        req_error(r, "corrections", "Phải là danh sách tối đa 500 điều chỉnh {path, value, note}.");
        return NULL;
    }
    int bad = 0;
    size_t i, j;
    json_t *c, *o;
    json_array_foreach(given, i, c) {
        if (check_correction(r, c, i, computed) < 0) bad = 1;
        for (j = 0; !bad && j < i; j++)
            if (strcmp(jstr(json_array_get(given, j), "path"), jstr(c, "path")) == 0) {
                char f[64];
                snprintf(f, sizeof f, "corrections[%zu].path", i);
                req_error(r, f, "Mỗi số liệu chỉ điều chỉnh một lần."), bad = 1;
            }
    }
    if (bad) return NULL;
    char at[32];
    calendar_iso(time(NULL), at);
    json_t *out = json_array();
    json_array_foreach(given, i, c) {
        json_t *keep = NULL;
        json_array_foreach(old, j, o) {
            if (strcmp(jstr(o, "path") ? jstr(o, "path") : "", jstr(c, "path")) == 0 &&
                json_equal(json_object_get(o, "value"), json_object_get(c, "value")) &&
                json_equal(json_object_get(o, "note"), json_object_get(c, "note")))
                keep = o;
        }
        json_array_append_new(
            out, keep ? json_deep_copy(keep)
                      : json_pack("{s:O, s:O, s:O, s:{s:I, s:s, s:s}, s:s}", "path",
                                  json_object_get(c, "path"), "value", json_object_get(c, "value"),
                                  "note", json_object_get(c, "note"), "by", "id",
                                  (json_int_t)r->user->user_id, "username", r->user->username,
                                  "full_name", r->user->full_name, "at", at));
    }
    return out;
}

/* The narrative with the request's keys over the stored ones (new reference); NULL after
 * adding field errors. */
static json_t *merge_narrative(req_t *r, json_t *given, json_t *old) {
    if (!json_is_object(given)) {
        req_error(r, "narrative", "Phải là đối tượng {results, difficulties, proposals}.");
        return NULL;
    }
    json_t *out = json_is_object(old) ? json_deep_copy(old) : json_object();
    const char *key;
    json_t *v;
    int bad = 0;
    json_object_foreach(given, key, v) {
        char f[64];
        snprintf(f, sizeof f, "narrative.%.40s", key);
        int known = 0;
        for (int k = 0; narrative_keys[k]; k++) known |= strcmp(key, narrative_keys[k]) == 0;
        if (!known)
            req_error(r, f, "Trường không được hỗ trợ: chỉ nhận results, difficulties, proposals."),
                bad = 1;
        else if (!json_is_null(v) &&
                 (!json_is_string(v) || json_string_length(v) > NARRATIVE_MAX * 4))
            req_error(r, f, "Phải là văn bản (tối đa 20000 ký tự) hoặc null."), bad = 1;
        else
            json_object_set(out, key, v);
    }
    if (bad) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Writes the merged fields and the figures in force; 0, or -1 (database or no memory). */
static int store_update(db_t *db, long long id, json_t *computed, json_t *corr, json_t *narr,
                        const struct report_update *in) {
    int applied = 0;
    json_t *tables = report_apply_corrections(computed, corr, &applied);
    char *c = json_dumps(corr, JSON_COMPACT), *n = json_dumps(narr, JSON_COMPACT),
         *t = tables ? json_dumps(tables, JSON_COMPACT) : NULL;
    int rc = (!c || !n || !t) ||
                     db_exec(db,
                             "UPDATE reports SET corrections_json = ?, narrative_json = ?, "
                             "tables_json = ?, number = IF(?, ?, number) WHERE id = ?",
                             "sssisi", c, n, t, (long long)in->has_number, in->number, id) < 0
                 ? -1
                 : 0;
    json_decref(tables);
    free(c);
    free(n);
    free(t);
    return rc;
}

int h_reports_update(req_t *r) {
    const struct report_update *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    if (begin_open(r, db, id, &row) < 0) return -1;
    json_t *old_c = json_object_get(row, "corrections"), *old_n = json_object_get(row, "narrative");
    json_t *corr = in->has_corrections    ? merge_corrections(r, in->corrections, old_c,
                                                              json_object_get(row, "computed"))
                   : json_is_array(old_c) ? json_incref(old_c)
                                          : json_array();
    json_t *narr = NULL;
    if (!in->has_narrative)
        narr = json_is_object(old_n) ? json_incref(old_n) : json_object();
    else if (in->narrative)
        narr = merge_narrative(r, in->narrative, old_n);
    else
        req_error(r, "narrative", "Không được để null.");
    if (!corr || !narr) {
        db_rollback(db);
        json_decref(row);
        json_decref(corr);
        json_decref(narr);
        return res_invalid(r);
    }
    json_t *before = json_pack("{s:O, s:O, s:O}", "corrections", old_c, "narrative", old_n,
                               "number", json_object_get(row, "number"));
    json_t *after = json_pack("{s:O, s:O, s:s*}", "corrections", corr, "narrative", narr, "number",
                              in->has_number ? in->number : jstr(row, "number"));
    int rc = store_update(db, id, json_object_get(row, "computed"), corr, narr, in) < 0 ||
             rp_event(db, id, r->user, "update", NULL, NULL) < 0 ||
             audit_write(db, r, "reports.update", "report", id, before, after) < 0 ||
             db_commit(db) < 0;
    json_decref(row);
    json_decref(corr);
    json_decref(narr);
    json_decref(before);
    json_decref(after);
    if (rc) return db_fail(r, db);
    return answer(r, db, id, 200);
}

int h_reports_refresh(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    if (begin_open(r, db, id, &row) < 0) return -1;
    json_t *before = json_pack("{s:O}", "computed_at", json_object_get(row, "computed_at"));
    int rc = rp_compute(db, id) < 0 || rp_event(db, id, r->user, "refresh", NULL, NULL) < 0 ||
             audit_write(db, r, "reports.refresh", "report", id, before, NULL) < 0 ||
             db_commit(db) < 0;
    json_decref(row);
    json_decref(before);
    if (rc) return db_fail(r, db);
    return answer(r, db, id, 200);
}

/* ---- transitions ---------------------------------------------------------------------------- */

struct report_comment {
    const char *comment;
};
static const struct in_decl report_accept_fields[] = {
    IN_FIELD(struct report_comment, comment, IN_STR, IN_NULLABLE, 0, 4000, NULL),
};
static const struct in_decl report_return_fields[] = {
    IN_FIELD(struct report_comment, comment, IN_STR, IN_REQUIRED, 1, 4000, NULL),
};
const struct in_spec in_reports_accept =
    IN_SPEC_OPTIONAL(struct report_comment, report_accept_fields);
const struct in_spec in_reports_return = IN_SPEC(struct report_comment, report_return_fields);

/* Submitting needs the three parts of the narrative: a 422 naming each one missing. */
static int narrative_complete(req_t *r, json_t *row) {
    json_t *n = json_object_get(row, "narrative");
    int bad = 0;
    for (int k = 0; narrative_keys[k]; k++) {
        if (!blank(jstr(n, narrative_keys[k]))) continue;
        char f[40];
        snprintf(f, sizeof f, "narrative.%s", narrative_keys[k]);
        req_error(r, f, "Phải điền trước khi gửi báo cáo.");
        bad = 1;
    }
    return bad ? -1 : 0;
}

static const char *allowed_from(const char *status) {
    return strcmp(status, "submitted") == 0  ? "[\"accept\",\"return\"]"
           : strcmp(status, "accepted") == 0 ? "[]"
                                             : "[\"submit\"]";
}

static int transition(req_t *r, enum rp_action a, const char *comment) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL;
    if (rp_begin(db) < 0) return db_fail(r, db);
    int found = rp_load(db, id, 1, &row);
    int rights = found == 1 ? rights_on(r, db, row) : found;
    /* db_fail reads the failed statement's error (a deadlock is retried): no rollback first. */
    if (found < 0) return db_fail(r, db);
    if (found == 0 || rights < 0) {
        if (db_in_txn(db)) db_rollback(db);
        json_decref(row);
        return found == 0 ? not_found(r, "báo cáo") : -1;
    }
    const char *st = jstr(row, "status");
    int need = a == RPA_SUBMIT ? RP_WRITE : RP_REVIEW;
    int bad = !(rights & need)                                    ? 403
              : !rp_transition_allowed(st, a)                     ? 409
              : a == RPA_SUBMIT && narrative_complete(r, row) < 0 ? 422
                                                                  : 0;
    if (bad) {
        char detail[200];
        snprintf(detail, sizeof detail,
                 "Không thể thực hiện thao tác này khi báo cáo ở trạng thái \"%s\".", st);
        const char *allowed = allowed_from(st);
        db_rollback(db);
        json_decref(row);
        if (bad == 422) return res_invalid(r);
        if (bad == 409) return res_conflict(r, detail, allowed);
        res_problem(r, 403, NULL,
                    a == RPA_SUBMIT ? "Chỉ cán bộ của đơn vị mới gửi được báo cáo của đơn vị."
                                    : "Chỉ cán bộ của đơn vị cấp trên trực tiếp mới tiếp nhận "
                                      "hoặc trả lại được báo cáo này.");
        return -1;
    }
    json_t *before = json_pack("{s:s}", "status", st);
    json_t *after = json_pack("{s:s, s:s*}", "status",
                              a == RPA_SUBMIT   ? "submitted"
                              : a == RPA_ACCEPT ? "accepted"
                                                : "returned",
                              "comment", comment);
    char action[32];
    snprintf(action, sizeof action, "reports.%s", rp_action_name(a));
    int rc = rp_transition(db, row, r->user, a, comment, NULL) < 0 ||
             rp_notify_review(db, row, a, comment) < 0 ||
             audit_write(db, r, action, "report", id, before, after) < 0 || db_commit(db) < 0;
    json_decref(row);
    json_decref(before);
    json_decref(after);
    if (rc) return db_fail(r, db);
    return answer(r, db, id, 200);
}

int h_reports_submit(req_t *r) {
    return transition(r, RPA_SUBMIT, NULL);
}

int h_reports_accept(req_t *r) {
    const struct report_comment *in = r->body_in;
    return transition(r, RPA_ACCEPT, in && !blank(in->comment) ? in->comment : NULL);
}

int h_reports_return(req_t *r) {
    const struct report_comment *in = r->body_in;
    if (blank(in->comment)) {
        req_error(r, "comment", "Phải ghi rõ lý do trả lại.");
        return res_invalid(r);
    }
    return transition(r, RPA_RETURN, in->comment);
}
