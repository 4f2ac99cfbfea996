/* GET /api/v1/kpi/late-dossiers (late dossiers of a subtree with their explanation and apology
 * status) and GET /api/v1/public/late-units (the monthly public list of units with late
 * dossiers, naming officers only where the `late_list` rule set in force says so). */
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/kpi.h"
#include "api/late.h"
#include "core/kpi_period.h"
#include "core/period.h"

/* --- the staff's list --- */

static const char *const missing_choices[] = {"explanation", "apology", NULL};

struct late_query {
    long long unit_id;
    struct ymd from, to;
    int has_from, has_to, missing;
    struct page page;
};
static const struct in_decl late_fields[] = {
    IN_FIELD(struct late_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD_HAS(struct late_query, from, IN_DATE, 0, 0, 0, NULL, has_from),
    IN_FIELD_HAS(struct late_query, to, IN_DATE, 0, 0, 0, NULL, has_to),
    IN_FIELD(struct late_query, missing, IN_ENUM, 0, 0, 0, missing_choices),
};
const struct in_spec in_kpi_late_dossiers = IN_SPEC_PAGED(struct late_query, late_fields, 50, 1000);

/* Resolved late in [from, until) in the subtree of ?, then the missing filter: "ssiii". The
 * closure join reads each unit's late dossiers as a range of ix_dossiers_late. An apology is
 * missing while the flag is unset: a recorded apology sets it (decision 198). */
#define LATE_WHERE                                                                                 \
    " FROM unit_closure c STRAIGHT_JOIN dossiers d ON d.unit_id = c.descendant_id AND d.late = 1 " \
    "AND d.finished_at >= ? AND d.finished_at < ? JOIN units u ON u.id = d.unit_id WHERE "         \
    "c.ancestor_id = ? AND (? <> 0 OR NOT EXISTS (SELECT 1 FROM dossier_explanations e WHERE "     \
    "e.dossier_id = d.id)) AND (? <> 1 OR d.apology_issued = 0)"

/* Counts become booleans a reader can filter on without knowing the table. */
static void late_item_flags(json_t *items) {
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_object_set_new(it, "apology_issued",
                            json_boolean(json_truthy(json_object_get(it, "apology_issued"))));
        json_object_set_new(
            it, "has_explanation",
            json_boolean(json_integer_value(json_object_get(it, "explanations")) > 0));
    }
}

int h_kpi_late_dossiers(req_t *r) {
    const struct late_query *q = r->query_in;
    struct kpi_period p;
    if (kpi_read_period(r, q->has_from ? &q->from : NULL, q->has_to ? &q->to : NULL, &p) < 0)
        return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id;
    if (kpi_pick_unit(r, db, r->user, q->unit_id, &id) < 0) return -1;
    /* -1 (no filter) never equals 0 or 1: both NOT EXISTS tests are skipped */
    long long miss = q->missing;
    char from[11], until[11];
    ymd_format(p.from, from);
    ymd_format(days_to_ymd(p.t + 1), until);
    long long total = 0;
    if (db_query_int(db, &total, "SELECT COUNT(*)" LATE_WHERE, "ssiii", from, until, id, miss,
                     miss) < 0)
        return db_fail(r, db);
    json_t *items = db_query_json(
        db,
        "SELECT d.id, d.code, d.procedure_code, d.unit_id, u.code AS unit_code, u.name AS "
        "unit_name, d.handler_name, d.handler_code, d.status, d.received_at, d.due_at, "
        "DATE(COALESCE(d.due_at, d.received_at)) AS due_date, d.finished_at, DATE(d.finished_at) "
        "AS finished_date, GREATEST(0, DATEDIFF(d.finished_at, COALESCE(d.due_at, "
        "d.received_at))) AS days_late, d.supplement_count, d.apology_issued, (SELECT COUNT(*) "
        "FROM dossier_explanations e WHERE e.dossier_id = d.id) AS explanations, (SELECT COUNT(*) "
        "FROM dossier_apologies a WHERE a.dossier_id = d.id) AS apologies" LATE_WHERE
        " ORDER BY d.finished_at DESC, d.code LIMIT ? OFFSET ?",
        "ssiiiii", from, until, id, miss, miss, q->page.per_page, q->page.offset);
    if (!items) return db_fail(r, db);
    late_item_flags(items);
    json_t *out = list_envelope(items, total, &q->page);
    if (kpi_put_unit(r, db, out, "unit", id) < 0) return -1;
    json_object_set_new(out, "period", kpi_period_json(&p));
    res_json(r, 200, out);
    return 0;
}

/* --- the public monthly list --- */

struct month_query {
    const char *month;
};
static const struct in_decl month_fields[] = {
    IN_FIELD(struct month_query, month, IN_STR, IN_REQUIRED, 7, 7, NULL),
};
const struct in_spec in_public_late_units = IN_SPEC(struct month_query, month_fields);

/* Whether the list names officers, and from how many late dossiers: the `late_list` version in
 * force on the month's first day (decision 199). Without any version, nobody is named. */
struct late_rules {
    int publish;
    long long min_count;
    char effective_from[11];
};

static int load_late_rules(db_t *db, const char *first, struct late_rules *lr) {
    memset(lr, 0, sizeof *lr);
    json_t *row = NULL;
    int rc = db_query_row_json(db, &row,
                               "SELECT effective_from, rules_json AS rules__json FROM rule_sets "
                               "WHERE name = 'late_list' AND effective_from <= ? ORDER BY "
                               "effective_from DESC LIMIT 1",
                               "s", first);
    if (rc <= 0) return rc;
    json_t *rules = json_object_get(row, "rules");
    json_t *min = json_object_get(rules, "min_count");
    /* rule_check guarantees both keys; a hand-edited row missing one names nobody */
    lr->publish = json_is_true(json_object_get(rules, "publish_officers")) && json_is_integer(min);
    lr->min_count = json_integer_value(min);
    snprintf(lr->effective_from, sizeof lr->effective_from, "%s",
             json_string_value(json_object_get(row, "effective_from")) ?: "");
    json_decref(row);
    return 1;
}

/* Resolved late in [first, next), read unit by unit through ix_dossiers_late: "ss". */
#define MONTH_FROM                                                                                 \
    " FROM units u STRAIGHT_JOIN dossiers d ON d.unit_id = u.id AND d.late = 1 AND "               \
    "d.finished_at >= ? AND d.finished_at < ?"

/* The officers with at least min late dossiers, attached to their unit's row in items. */
static int attach_officers(db_t *db, json_t *items, const char *first, const char *next,
                           long long min) {
    json_t *rows =
        db_query_json(db,
                      "SELECT d.unit_id, d.handler_name AS name, COUNT(*) AS late" MONTH_FROM
                      " WHERE d.handler_name IS NOT NULL GROUP BY d.unit_id, "
                      "d.handler_code, d.handler_name HAVING COUNT(*) >= ? ORDER BY "
                      "d.unit_id, late DESC, d.handler_name",
                      "ssi", first, next, min);
    if (!rows) return -1;
    size_t i, k;
    json_t *it, *o;
    json_array_foreach(items, i, it) {
        json_t *list = json_array();
        long long unit = json_integer_value(json_object_get(it, "unit_id"));
        json_array_foreach(rows, k, o) {
            if (json_integer_value(json_object_get(o, "unit_id")) != unit) continue;
            json_array_append_new(list, json_pack("{s:O, s:O}", "name", json_object_get(o, "name"),
                                                  "late", json_object_get(o, "late")));
        }
        json_object_set_new(it, "officers", list);
    }
    json_decref(rows);
    return 0;
}

/* Counts and shares (explained, apologised) of each row; a share is of the unit's late count. */
static void add_shares(json_t *items) {
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        double late = (double)json_integer_value(json_object_get(it, "late"));
        double ex = (double)json_integer_value(json_object_get(it, "explained"));
        double ap = (double)json_integer_value(json_object_get(it, "apologised"));
        json_object_set_new(it, "explained_share", json_real(late > 0 ? ex / late : 0));
        json_object_set_new(it, "apologised_share", json_real(late > 0 ? ap / late : 0));
    }
}

int h_public_late_units(req_t *r) {
    const struct month_query *q = r->query_in;
    struct ymd first;
    if (ym_parse(q->month, &first) < 0) {
        req_error(r, "month", "Tháng phải có dạng YYYY-MM, ví dụ 2025-07.");
        return res_invalid(r);
    }
    struct ymd nx = first;
    nx.m = first.m == 12 ? 1 : first.m + 1;
    nx.y = first.m == 12 ? first.y + 1 : first.y;
    char from[11], next[11];
    ymd_format(first, from);
    ymd_format(nx, next);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct late_rules lr;
    if (load_late_rules(db, from, &lr) < 0) return db_fail(r, db);
    json_t *items = db_query_json(
        db,
        "SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.level, COUNT(*) AS "
        "late, CAST(SUM(EXISTS (SELECT 1 FROM dossier_explanations e WHERE e.dossier_id = d.id)) "
        "AS SIGNED) AS explained, CAST(SUM(d.apology_issued) AS SIGNED) AS apologised" MONTH_FROM
        " GROUP BY u.id, u.code, u.name, u.level ORDER BY late DESC, u.name, u.id",
        "ss", from, next);
    if (!items) return db_fail(r, db);
    add_shares(items);
    if (lr.publish && attach_officers(db, items, from, next, lr.min_count) < 0) {
        json_decref(items);
        return db_fail(r, db);
    }
    json_t *out = json_pack("{s:s, s:o, s:b, s:o}", "month", q->month, "items", items,
                            "officers_published", lr.publish, "rule_effective_from",
                            lr.effective_from[0] ? json_string(lr.effective_from) : json_null());
    if (lr.publish) json_object_set_new(out, "officers_min_count", json_integer(lr.min_count));
    res_json(r, 200, out);
    return 0;
}
