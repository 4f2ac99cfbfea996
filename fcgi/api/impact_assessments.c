/* Impact assessments of procedures in draft legal documents (đánh giá tác động TTHC): the
 * drafting unit's record, sent to the Department of Justice, appraised within the rule set's
 * working days (issue 17). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/reform.h"
#include "api/reform_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"
#include "core/access.h"
#include "core/vnfold.h"

static const char *const ia_statuses[] = {"draft", "sent", "appraised", NULL};

/* The rows (alias x) a principal reads: its subtree's (or all province-wide), and every one sent
 * when it belongs to the appraising unit. Binds wide, unit_id, appraiser ("iii"). */
#define IMPACT_SCOPE "(" REFORM_SCOPE " OR (x.status <> 'draft' AND ? = 1))"

/* The principal's reading context: scope arguments and the rule set. */
struct ia_ctx {
    long long wide, me, appraiser;
    struct impact_rules rules;
};

static int ctx_load(req_t *r, db_t *db, struct ia_ctx *c) {
    int a = impact_rules_load(db, &c->rules) < 0 ? -1 : impact_is_appraiser(db, r->user, &c->rules);
    if (a < 0) return db_fail(r, db);
    c->wide = reform_wide(r->user);
    c->me = r->user->unit_id;
    c->appraiser = a;
    return 0;
}

/* Adds the live clock (due_date, days_left, overdue) to an item with sent_date, appraisal_days and
 * appraised_date. */
static void decorate(db_t *db, json_t *it) {
    struct ymd sent = {0, 0, 0}, appr = {0, 0, 0};
    const char *s = json_string_value(json_object_get(it, "sent_date"));
    const char *a = json_string_value(json_object_get(it, "appraised_date"));
    if (s) ymd_parse(s, &sent);
    if (a) ymd_parse(a, &appr);
    struct impact_clock c;
    impact_clock(sent, (int)json_integer_value(json_object_get(it, "appraisal_days")), appr,
                 calendar_get(db), calendar_today(), &c);
    char due[11];
    ymd_format(c.due, due);
    json_object_set_new(it, "due_date", c.due.y ? json_string(due) : json_null());
    json_object_set_new(it, "days_left",
                        c.due.y && !appr.y ? json_integer(c.days_left) : json_null());
    json_object_set_new(it, "overdue", json_boolean(c.overdue));
}

/* ---- list and export ----------------------------------------------------------------------- */

struct ia_query {
    long long unit_id;
    const char *q;
    int status, overdue, has_overdue;
    struct page page;
};
static const struct in_decl ia_query_fields[] = {
    IN_FIELD(struct ia_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct ia_query, status, IN_ENUM, 0, 0, 0, ia_statuses),
    IN_FIELD(struct ia_query, q, IN_STR, 0, 1, 100, NULL),
    IN_FIELD_HAS(struct ia_query, overdue, IN_BOOL, 0, 0, 0, NULL, has_overdue),
};
const struct in_spec in_impact_list = IN_SPEC_PAGED(struct ia_query, ia_query_fields, 20, 100);
const struct in_spec in_impact_export = IN_SPEC(struct ia_query, ia_query_fields);

/* Filters: unit_id's subtree, status, words of the title, overdue (sent, unappraised, the stored
 * due date before today); binds "iisssiis" then IMPACT_SCOPE's "iii". */
#define IA_WHERE                                                                                   \
    " FROM impact_assessments x JOIN units un ON un.id = x.unit_id WHERE (? = 0 OR EXISTS "        \
    "(SELECT "                                                                                     \
    "1 FROM unit_closure f WHERE f.ancestor_id = ? AND f.descendant_id = x.unit_id)) AND (? IS "   \
    "NULL OR x.status = ?) AND x.title_folded LIKE ? AND (? = 0 OR (x.status = 'sent' AND "        \
    "x.appraisal_due < ?) = ?) AND " IMPACT_SCOPE
#define IA_COLS                                                                                    \
    "SELECT x.id, x.unit_id, un.name AS unit_name, x.title, x.doc_kind, x.status, x.sent_date, "   \
    "x.appraisal_days, x.appraised_date, JSON_LENGTH(x.procedures_json) AS procedure_count, "      \
    "x.updated_at"

static json_t *ia_rows(req_t *r, db_t *db, const struct ia_query *in, const struct ia_ctx *c,
                       long long limit, long long offset, long long *total) {
    (void)r;
    const char *status = in_choice(ia_statuses, in->status);
    char like[600], sql[2400], today[11];
    reform_like(in->q, like, sizeof like);
    ymd_format(calendar_today(), today);
    long long hov = in->has_overdue, ov = in->overdue ? 1 : 0;
    if (total) {
        snprintf(sql, sizeof sql, "SELECT COUNT(*)" IA_WHERE);
        if (db_query_int(db, total, sql, "iisssisiiii", in->unit_id, in->unit_id, status, status,
                         like, hov, today, ov, c->wide, c->me, c->appraiser) < 0)
            return NULL;
    }
    snprintf(sql, sizeof sql, IA_COLS IA_WHERE " ORDER BY x.id DESC LIMIT ? OFFSET ?");
    json_t *items =
        db_query_json(db, sql, "iisssisiiiiii", in->unit_id, in->unit_id, status, status, like, hov,
                      today, ov, c->wide, c->me, c->appraiser, limit, offset);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        decorate(db, it);
    }
    return items;
}

int h_impact_list(req_t *r) {
    const struct ia_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct ia_ctx c;
    if (ctx_load(r, db, &c) < 0) return -1;
    long long total = 0;
    json_t *items = ia_rows(r, db, in, &c, in->page.per_page, in->page.offset, &total);
    if (!items) return db_fail(r, db);
    json_t *env = list_envelope(items, total, &in->page);
    json_object_set_new(env, "appraisal_days", json_integer(c.rules.appraisal_days));
    json_object_set_new(env, "appraiser", json_boolean(c.appraiser));
    res_json(r, 200, env);
    return 0;
}

static const struct xlsx_col ia_cols[] = {
    {"unit_name", "Cơ quan chủ trì soạn thảo", 28},
    {"title", "Dự thảo văn bản", 50},
    {"doc_kind", "Loại văn bản", 16},
    {"procedure_count", "Số TTHC quy định", 12},
    {"status_text", "Trạng thái", 16},
    {"sent_date", "Ngày gửi Sở Tư pháp", 14},
    {"due_date", "Hạn thẩm định", 14},
    {"appraised_date", "Ngày có ý kiến thẩm định", 14},
    {"overdue", "Quá hạn", 10},
};

int h_impact_export(req_t *r) {
    const struct ia_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct ia_ctx c;
    if (ctx_load(r, db, &c) < 0) return -1;
    json_t *items = ia_rows(r, db, in, &c, 5000, 0, NULL);
    if (!items) return db_fail(r, db);
    static const char *const texts[] = {"Dự thảo", "Đã gửi thẩm định", "Đã có ý kiến thẩm định"};
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *s = json_string_value(json_object_get(it, "status"));
        for (int k = 0; ia_statuses[k]; k++)
            if (s && strcmp(s, ia_statuses[k]) == 0)
                json_object_set_new(it, "status_text", json_string(texts[k]));
    }
    char who[300], title[500];
    scope_unit_name(db, r->user, in->unit_id, who, sizeof who);
    snprintf(title, sizeof title, "%s — %s", "Đánh giá tác động TTHC trong dự thảo văn bản QPPL",
             who);
    int rc = res_xlsx_table(r, title, ia_cols, sizeof ia_cols / sizeof ia_cols[0], items,
                            "danh-gia-tac-dong.xlsx");
    json_decref(items);
    return rc;
}

/* ---- one record ---------------------------------------------------------------------------- */

static int ia_find(db_t *db, const struct ia_ctx *c, long long id, int lock, json_t **out) {
    char sql[1600];
    snprintf(sql, sizeof sql,
             "SELECT x.id, x.unit_id, un.name AS unit_name, x.title, x.doc_kind, "
             "x.procedures_json AS procedures__json, x.answers_json AS answers__json, x.status, "
             "x.sent_date, x.appraisal_days, x.opinion, x.appraised_date, x.created_at, "
             "x.updated_at FROM impact_assessments x JOIN units un ON un.id = x.unit_id WHERE "
             "x.id = ? AND " IMPACT_SCOPE "%s",
             lock ? " FOR UPDATE" : "");
    int found = db_query_row_json(db, out, sql, "iiii", id, c->wide, c->me, c->appraiser);
    if (found > 0) decorate(db, *out);
    return found;
}

/* The record of the route for reading or (lock) writing: 1 in *row, or -1 after answering. */
static int ia_for(req_t *r, db_t *db, const struct ia_ctx *c, int lock, json_t **row) {
    if (lock && db_begin(db) < 0) return db_fail(r, db);
    int found = ia_find(db, c, req_param_id(r, "id"), lock, row);
    if (found > 0) return 1;
    if (found < 0) return db_fail(r, db);
    if (lock) db_rollback(db);
    return not_found(r, "hồ sơ đánh giá tác động");
}

int h_impact_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct ia_ctx c;
    json_t *row = NULL;
    if (ctx_load(r, db, &c) < 0 || ia_for(r, db, &c, 0, &row) < 0) return -1;
    /* What the reader may do next, so the page shows only the buttons that will work. */
    struct access_who w = who_of(r->user);
    json_object_set_new(row, "can_appraise",
                        json_boolean(c.appraiser || access_allows(&w, "reform.decide")));
    res_json(r, 200, row);
    return 0;
}

/* ---- create and update (a draft only) ------------------------------------------------------ */

struct ia_input {
    long long unit_id;
    const char *title, *doc_kind;
    json_t *procedures, *answers;
    int has_title, has_doc_kind, has_procedures, has_answers;
};
#define IA_FIELD(m, type, flags, min, max)                                                         \
    IN_FIELD_HAS(struct ia_input, m, type, flags, min, max, NULL, has_##m)
#define IA_FIELDS(REQ)                                                                             \
    IA_FIELD(title, IN_STR, REQ, 5, 500), IA_FIELD(doc_kind, IN_STR, REQ, 2, 100),                 \
        IA_FIELD(procedures, IN_JSON, REQ, 0, 0), IA_FIELD(answers, IN_JSON, REQ, 0, 0)
static const struct in_decl ia_create_fields[] = {
    IN_FIELD(struct ia_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IA_FIELDS(IN_REQUIRED),
};
static const struct in_decl ia_update_fields[] = {IA_FIELDS(0)};
const struct in_spec in_impact_create = IN_SPEC(struct ia_input, ia_create_fields);
const struct in_spec in_impact_update = IN_SPEC(struct ia_input, ia_update_fields);

/* Every catalogue id named in procs exists: 0, -1 after adding an error on "procedures", -2 db. */
static int catalogue_check(req_t *r, db_t *db, json_t *procs) {
    size_t i;
    json_t *x;
    json_array_foreach(procs, i, x) {
        long long pid = json_integer_value(json_object_get(x, "procedure_id")), one = 0;
        if (pid <= 0) continue;
        int rc = db_query_int(db, &one, "SELECT 1 FROM procedures WHERE id = ?", "i", pid);
        if (rc < 0) return -2;
        if (rc == 0) {
            req_error(r, "procedures", "Có thủ tục không có trong danh mục.");
            return -1;
        }
    }
    return 0;
}

/* Checks the structured fields and that every catalogue id exists: 0, -1 answered 422, -2 db. */
static int ia_check(req_t *r, db_t *db, const struct ia_input *in) {
    const char *e = in->procedures ? impact_procedures_error(in->procedures) : NULL;
    if (e) req_error(r, "procedures", e);
    const char *a = in->answers ? impact_answers_error(in->answers) : NULL;
    if (a) req_error(r, "answers", a);
    if (!e && in->procedures && catalogue_check(r, db, in->procedures) == -2) return -2;
    if (req_has_errors(r)) {
        res_invalid(r);
        return -1;
    }
    return 0;
}

static char *dump(json_t *v) {
    return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

int h_impact_create(req_t *r) {
    const struct ia_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int ok = reform_unit_writable(r, db, in->unit_id, "unit_id");
    if (ok <= 0) return -1;
    int ck = ia_check(r, db, in);
    if (ck == -2) return db_fail(r, db);
    if (ck < 0) return -1;
    struct ia_ctx c;
    if (ctx_load(r, db, &c) < 0) return -1;
    char *folded = vnfold_dup(in->title), *procs = dump(in->procedures), *ans = dump(in->answers);
    int rc = !folded || !procs || !ans || db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO impact_assessments (unit_id, title, title_folded, doc_kind, "
                     "procedures_json, answers_json, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "isssssi", in->unit_id, in->title, folded, in->doc_kind, procs, ans,
                     r->user->user_id) < 0;
    free(folded);
    free(procs);
    free(ans);
    long long id = rc ? 0 : db_last_id(db);
    json_t *after = NULL;
    if (!rc && ia_find(db, &c, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "impact_assessment.create", "impact_assessment", id, NULL, after,
                        201);
}

/* A write on a record that must be in status want: 0, or -1 after answering 409 (rolled back). */
static int need_status(req_t *r, db_t *db, json_t *row, const char *want, const char *detail) {
    const char *s = json_string_value(json_object_get(row, "status"));
    if (s && strcmp(s, want) == 0) return 0;
    char allowed[200];
    flow_allowed_json(impact_flow, s, allowed, sizeof allowed);
    db_rollback(db);
    json_decref(row);
    return res_conflict(r, detail, allowed);
}

/* The drafting unit (or province-wide) writes; an appraiser outside it only reads. */
static int may_write(req_t *r, db_t *db, json_t *row) {
    int in = scope_has_unit(db, r->user, json_integer_value(json_object_get(row, "unit_id")));
    if (in > 0) return 1;
    if (in < 0) return db_fail(r, db);
    db_rollback(db);
    json_decref(row);
    return not_found(r, "hồ sơ đánh giá tác động");
}

int h_impact_update(req_t *r) {
    const struct ia_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int ck = ia_check(r, db, in);
    if (ck == -2) return db_fail(r, db);
    if (ck < 0) return -1;
    struct ia_ctx c;
    json_t *before = NULL;
    if (ctx_load(r, db, &c) < 0 || ia_for(r, db, &c, 1, &before) < 0 ||
        may_write(r, db, before) < 0 ||
        need_status(r, db, before, "draft",
                    "Chỉ sửa được hồ sơ đánh giá tác động khi còn là dự thảo.") < 0)
        return -1;
    long long id = req_param_id(r, "id");
    char *folded = in->has_title ? vnfold_dup(in->title) : NULL, *procs = dump(in->procedures),
         *ans = dump(in->answers);
    int rc = (in->has_title && !folded) ||
             db_exec(db,
                     "UPDATE impact_assessments SET title = COALESCE(?, title), title_folded = "
                     "COALESCE(?, title_folded), doc_kind = COALESCE(?, doc_kind), procedures_json "
                     "= COALESCE(?, procedures_json), answers_json = COALESCE(?, answers_json) "
                     "WHERE id = ?",
                     "sssssi", in->title, folded, in->doc_kind, procs, ans, id) < 0;
    free(folded);
    free(procs);
    free(ans);
    json_t *after = NULL;
    if (!rc && ia_find(db, &c, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "impact_assessment.update", "impact_assessment", id, before,
                        after, 200);
}

/* ---- send and appraise --------------------------------------------------------------------- */

struct ia_send {
    struct ymd sent_date;
};
static const struct in_decl ia_send_fields[] = {
    IN_FIELD(struct ia_send, sent_date, IN_DATE, 0, 0, 0, NULL),
};
const struct in_spec in_impact_send = IN_SPEC_OPTIONAL(struct ia_send, ia_send_fields);

struct ia_appraise {
    const char *opinion;
    struct ymd appraised_date;
};
static const struct in_decl ia_appraise_fields[] = {
    IN_FIELD(struct ia_appraise, opinion, IN_STR, IN_REQUIRED, 5, 8000, NULL),
    IN_FIELD(struct ia_appraise, appraised_date, IN_DATE, 0, 0, 0, NULL),
};
const struct in_spec in_impact_appraise = IN_SPEC(struct ia_appraise, ia_appraise_fields);

/* The date given, or today; a date after today is an error on field (0 ok, -1 answered). */
static int past_date(req_t *r, struct ymd d, const char *field, char out[11]) {
    struct ymd today = calendar_today();
    if (d.y == 0) d = today;
    if (ymd_cmp(d, today) > 0) {
        req_error(r, field, "Ngày không được sau hôm nay.");
        return res_invalid(r);
    }
    ymd_format(d, out);
    return 0;
}

int h_impact_send(req_t *r) {
    const struct ia_send *in = r->body_in;
    char sent[11];
    if (past_date(r, in ? in->sent_date : (struct ymd){0, 0, 0}, "sent_date", sent) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct ia_ctx c;
    json_t *before = NULL;
    if (ctx_load(r, db, &c) < 0 || ia_for(r, db, &c, 1, &before) < 0 ||
        may_write(r, db, before) < 0 ||
        need_status(r, db, before, "draft", "Hồ sơ đã được gửi thẩm định.") < 0)
        return -1;
    long long id = req_param_id(r, "id");
    /* The time limit in force when it is sent is kept with the record: a later change of the
     * rule set does not move a running deadline. */
    struct ymd sd;
    ymd_parse(sent, &sd);
    struct impact_clock clk;
    impact_clock(sd, c.rules.appraisal_days, (struct ymd){0, 0, 0}, calendar_get(db), sd, &clk);
    char due[11];
    ymd_format(clk.due, due);
    int rc =
        db_exec(db,
                "UPDATE impact_assessments SET status = 'sent', sent_date = ?, "
                "appraisal_days = ?, appraisal_due = ? WHERE id = ?",
                "sisi", sent, (long long)c.rules.appraisal_days, clk.due.y ? due : NULL, id) < 0;
    json_t *after = NULL;
    if (!rc && ia_find(db, &c, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "impact_assessment.send", "impact_assessment", id, before, after,
                        200);
}

int h_impact_appraise(req_t *r) {
    const struct ia_appraise *in = r->body_in;
    char day[11];
    if (past_date(r, in->appraised_date, "appraised_date", day) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct ia_ctx c;
    json_t *before = NULL;
    if (ctx_load(r, db, &c) < 0 || ia_for(r, db, &c, 1, &before) < 0) return -1;
    struct access_who w = who_of(r->user);
    if (!c.appraiser && !access_allows(&w, "reform.decide")) {
        db_rollback(db);
        json_decref(before);
        res_problem(r, 403, "Không có quyền",
                    "Chỉ Sở Tư pháp (hoặc Văn phòng UBND tỉnh ghi nhận) có ý kiến thẩm định.");
        return -1;
    }
    if (need_status(r, db, before, "sent", "Chỉ thẩm định hồ sơ đã gửi và chưa có ý kiến.") < 0)
        return -1;
    const char *sent = json_string_value(json_object_get(before, "sent_date"));
    if (sent && strcmp(day, sent) < 0) {
        db_rollback(db);
        json_decref(before);
        req_error(r, "appraised_date", "Ngày thẩm định không được trước ngày gửi.");
        return res_invalid(r);
    }
    long long id = req_param_id(r, "id");
    int rc = db_exec(db,
                     "UPDATE impact_assessments SET status = 'appraised', opinion = ?, "
                     "appraised_date = ? WHERE id = ?",
                     "ssi", in->opinion, day, id) < 0;
    json_t *after = NULL;
    if (!rc && ia_find(db, &c, id, 0, &after) <= 0) rc = 1;
    return commit_write(r, db, rc, "impact_assessment.appraise", "impact_assessment", id, before,
                        after, 200);
}
