/* /api/v1/rule-sets: every rule set with its dated versions, the version in force on a day, the
 * changes between two, and a new version (checked by core/rule_check, audited with its diff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/kpi.h"
#include "api/rule_sets.h"
#include "core/rule_check.h"

/* The columns of a version as the API shows them (r: rule_sets, u: its author). */
#define VERSION_COLS                                                                               \
    "r.id, r.name, r.effective_from, r.note, r.created_by, u.full_name AS created_by_name, "       \
    "r.created_at"
#define VERSION_FROM " FROM rule_sets r LEFT JOIN users u ON u.id = r.created_by "

/* The set named in the path, or NULL after answering 404. */
static const char *set_name(req_t *r) {
    const char *name = req_param(r, "name");
    if (rule_set_known(name)) return name;
    not_found(r, "bộ quy tắc");
    return NULL;
}

int h_rule_sets_list(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char today[11];
    ymd_format(calendar_today(), today);
    json_t *rows = db_query_json(
        db,
        "SELECT r.name, r.effective_from, r.note, r.created_by, u.full_name "
        "AS created_by_name, r.created_at" VERSION_FROM "ORDER BY r.name, r.effective_from DESC",
        NULL);
    if (!rows) return db_fail(r, db);
    json_t *items = json_array();
    for (int i = 0; rule_set_names[i]; i++) {
        json_t *versions = json_array(), *v;
        const char *current = NULL;
        size_t k;
        json_array_foreach(rows, k, v) {
            if (strcmp(json_string_value(json_object_get(v, "name")), rule_set_names[i]) != 0)
                continue;
            const char *from = json_string_value(json_object_get(v, "effective_from"));
            /* rows come latest first: the first one not after today is the one in force */
            int in_force = !current && strcmp(from, today) <= 0;
            if (in_force) current = from;
            json_t *c = json_copy(v);
            json_object_set_new(c, "in_force", json_boolean(in_force));
            json_object_del(c, "name");
            json_array_append_new(versions, c);
        }
        json_array_append_new(items, json_pack("{s:s, s:s?, s:o}", "name", rule_set_names[i],
                                               "in_force_from", current, "versions", versions));
    }
    json_decref(rows);
    res_json(r, 200, list_envelope(items, (long long)json_array_size(items), NULL));
    return 0;
}

/* The version of name in force on day (into *row with "rules"), 1 / 0 none / -1. */
static int version_at(db_t *db, const char *name, const char *day, json_t **row) {
    return db_query_row_json(db, row,
                             "SELECT " VERSION_COLS ", r.rules_json AS rules__json" VERSION_FROM
                             "WHERE r.name = ? AND r.effective_from <= ? ORDER BY "
                             "r.effective_from DESC LIMIT 1",
                             "ss", name, day);
}

/* The version before the one that starts on day (its rules), 1 / 0 none / -1. */
static int version_before(db_t *db, const char *name, const char *day, json_t **row) {
    return db_query_row_json(
        db, row,
        "SELECT r.effective_from, r.rules_json AS rules__json FROM rule_sets r "
        "WHERE r.name = ? AND r.effective_from < ? ORDER BY r.effective_from "
        "DESC LIMIT 1",
        "ss", name, day);
}

/* Adds to v "previous_effective_from" and "changes" against the version before it. 0 / -1. */
static int add_changes(db_t *db, const char *name, json_t *v) {
    json_t *prev = NULL, *changes = json_array();
    const char *from = json_string_value(json_object_get(v, "effective_from"));
    int rc = version_before(db, name, from, &prev);
    if (rc >= 0)
        rc = rule_diff(prev ? json_object_get(prev, "rules") : NULL, json_object_get(v, "rules"),
                       changes);
    json_object_set(v, "previous_effective_from",
                    prev ? json_object_get(prev, "effective_from") : json_null());
    json_object_set_new(v, "changes", changes);
    json_decref(prev);
    return rc < 0 ? -1 : 0;
}

struct at_query {
    struct ymd at;
};
static const struct in_decl at_fields[] = {
    IN_FIELD(struct at_query, at, IN_DATE, 0, 0, 0, NULL),
};
const struct in_spec in_rule_sets_get = IN_SPEC(struct at_query, at_fields);

/* The day asked for (today when none) into out. */
static void day_or_today(struct ymd d, char out[11]) {
    in_date_str(d, out) ? (void)0 : ymd_format(calendar_today(), out);
}

int h_rule_sets_get(req_t *r) {
    const struct at_query *in = r->query_in;
    const char *name = set_name(r);
    if (!name) return -1;
    char day[11];
    day_or_today(in->at, day);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *v = NULL;
    int rc = version_at(db, name, day, &v);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) return not_found(r, "phiên bản quy tắc có hiệu lực vào ngày này");
    if (add_changes(db, name, v) < 0) {
        json_decref(v);
        return db_fail(r, db);
    }
    res_json(r, 200, v);
    return 0;
}

struct diff_query {
    struct ymd from, to;
};
static const struct in_decl diff_fields[] = {
    IN_FIELD(struct diff_query, from, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct diff_query, to, IN_DATE, 0, 0, 0, NULL),
};
const struct in_spec in_rule_sets_diff = IN_SPEC(struct diff_query, diff_fields);

int h_rule_sets_diff(req_t *r) {
    const struct diff_query *in = r->query_in;
    const char *name = set_name(r);
    if (!name) return -1;
    char from[11], to[11];
    in_date_str(in->from, from);
    day_or_today(in->to, to);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *a = NULL, *b = NULL, *changes = json_array();
    int rc = version_at(db, name, from, &a);
    if (rc >= 0) rc = version_at(db, name, to, &b) < 0 ? -1 : rc;
    if (rc >= 0 && rule_diff(a ? json_object_get(a, "rules") : NULL,
                             b ? json_object_get(b, "rules") : NULL, changes) < 0)
        rc = -1;
    json_t *out = json_pack("{s:s, s:s, s:s, s:O, s:O, s:o}", "name", name, "from", from, "to", to,
                            "from_version", a ? json_object_get(a, "effective_from") : json_null(),
                            "to_version", b ? json_object_get(b, "effective_from") : json_null(),
                            "changes", changes);
    json_decref(a);
    json_decref(b);
    if (rc < 0) {
        json_decref(out);
        return db_fail(r, db);
    }
    res_json(r, 200, out);
    return 0;
}

struct version_input {
    struct ymd effective_from;
    json_t *rules;
    const char *note;
};
static const struct in_decl version_fields[] = {
    IN_FIELD(struct version_input, effective_from, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct version_input, rules, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct version_input, note, IN_STR, IN_REQUIRED, 3, 255, NULL),
};
const struct in_spec in_rule_sets_post = IN_SPEC(struct version_input, version_fields);

static void to_req_error(void *ctx, const char *field, const char *msg) {
    req_error(ctx, field, msg);
}

/* The checks of a new version beyond its declared inputs: 0 valid, 1 answered 422, -1 db. */
static int version_valid(req_t *r, db_t *db, const char *name, const struct version_input *in,
                         const char *day, const char *today) {
    /* A version from a past day would change figures already computed and published. */
    if (strcmp(day, today) < 0)
        req_error(r, "effective_from",
                  "Ngày hiệu lực không được trước hôm nay: quy tắc đã áp dụng không sửa được, "
                  "chỉ thay bằng phiên bản từ một ngày sau.");
    rule_check(name, in->rules, to_req_error, r);
    const char *code = rule_unit_code(name, in->rules);
    long long one = 0;
    int rc = code ? db_query_int(db, &one, "SELECT 1 FROM units WHERE code = ?", "s", code) : 1;
    if (rc < 0) return -1;
    if (rc == 0) req_error(r, "rules.appraiser_unit_code", "Không có đơn vị nào mang mã này.");
    return req_has_errors(r) ? 1 : 0;
}

/* The existing version of name on day, locked (1 / 0 none / -1), in the open transaction. */
static int lock_day(db_t *db, const char *name, const char *day, json_t **old) {
    return db_query_row_json(db, old,
                             "SELECT " VERSION_COLS ", r.rules_json AS rules__json" VERSION_FROM
                             "WHERE r.name = ? AND r.effective_from = ? FOR UPDATE",
                             "ss", name, day);
}

/* 1 when the version starting on day is in force already (day <= today). */
static int in_force(const char *day) {
    char today[11];
    ymd_format(calendar_today(), today);
    return strcmp(day, today) <= 0;
}

/* Writes the version (a new row, or over old, a version not yet in force) and reads it back
 * with its changes into *saved. 0 / -1. */
static int write_version(req_t *r, db_t *db, const char *name, const struct version_input *in,
                         const char *day, int replace, json_t **saved) {
    char *text = json_dumps(in->rules, JSON_COMPACT);
    int rc = text ? 0 : -1;
    if (rc == 0)
        rc =
            db_exec(db,
                    replace ? "UPDATE rule_sets SET rules_json = ?, note = ?, created_by = ?, "
                              "created_at = CURRENT_TIMESTAMP WHERE name = ? AND effective_from = ?"
                            : "INSERT INTO rule_sets (rules_json, note, created_by, name, "
                              "effective_from) VALUES (?, ?, ?, ?, ?)",
                    "ssiss", text, in->note, r->user->user_id, name, day) < 0
                ? -1
                : 0;
    free(text);
    if (rc == 0 && version_at(db, name, day, saved) <= 0) rc = -1;
    if (rc == 0) rc = add_changes(db, name, *saved);
    if (rc == 0) rc = kpi_data_bump(db);
    return rc;
}

/* Saves the version in one transaction with its audit row (holding the diff). Answers 201 new,
 * 200 replaced, 409 for a version already in force on that day; -1 after a db error answer. */
static int save_version(req_t *r, db_t *db, const char *name, const struct version_input *in,
                        const char *day) {
    json_t *old = NULL, *saved = NULL, *after = NULL;
    int rc = db_begin(db) < 0 || lock_day(db, name, day, &old) < 0 ? -1 : 0;
    if (rc == 0 && old && in_force(day)) {
        db_rollback(db);
        json_decref(old);
        res_problem(r, 409, "Phiên bản đã có hiệu lực",
                    "Đã có phiên bản có hiệu lực từ ngày này; hãy tạo phiên bản từ một ngày sau.");
        return 0;
    }
    if (rc == 0) rc = write_version(r, db, name, in, day, old != NULL, &saved);
    if (rc == 0)
        after =
            json_pack("{s:s, s:s, s:s, s:O, s:O}", "name", name, "effective_from", day, "note",
                      in->note, "rules", in->rules, "changes", json_object_get(saved, "changes"));
    long long id = saved ? json_integer_value(json_object_get(saved, "id")) : 0;
    if (rc == 0 && (!after ||
                    audit_write(db, r, old ? "rule_set.replace" : "rule_set.create", "rule_set", id,
                                old, after) < 0 ||
                    db_commit(db) < 0))
        rc = -1;
    int status = old ? 200 : 201;
    json_decref(old);
    json_decref(after);
    if (rc < 0) {
        json_decref(saved);
        return db_fail(r, db);
    }
    res_json(r, status, saved);
    return 0;
}

int h_rule_sets_post(req_t *r) {
    const struct version_input *in = r->body_in;
    const char *name = set_name(r);
    if (!name) return -1;
    char day[11], today[11];
    in_date_str(in->effective_from, day);
    ymd_format(calendar_today(), today);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int rc = version_valid(r, db, name, in, day, today);
    if (rc < 0) return db_fail(r, db);
    if (rc > 0) return res_invalid(r);
    return save_version(r, db, name, in, day);
}
