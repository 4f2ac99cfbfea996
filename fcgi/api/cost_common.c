/* What the compliance cost files share: scope, hourly income, sheets read and answered, savings. */
#include "api/cost_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/units.h"
#include "lib/utf8.h"

#define ACTIVITIES_MAX 50
#define FREQUENCY_MAX  1000000LL
#define SUBJECTS_MAX   1000000000000LL

static const char *const kinds[] = {"dossier", "travel", "waiting", "fee", "other", NULL};

int cost_visible(db_t *db, const struct principal *p, long long procedure_id) {
    long long unit = 0;
    int rc =
        db_query_int(db, &unit, "SELECT COALESCE(agency_unit_id, 0) FROM procedures WHERE id = ?",
                     "i", procedure_id);
    if (rc <= 0) return rc;
    if (scope_province_wide(p)) return 1;
    /* A procedure without one agency unit (every commune's, say) is the province's to assess. */
    return unit ? scope_has_unit(db, p, unit) : 0;
}

int cost_hourly_income(db_t *db, long long year, long long *income) {
    json_t *row = NULL;
    char today[11];
    ymd_format(calendar_today(), today);
    /* The version in force on the day of the assessment (its income is stored with the sheet),
     * never one dated later; before the first version, the first. */
    int found = db_query_row_json(db, &row,
                                  "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                                  "'cost' ORDER BY effective_from <= ? DESC, IF(effective_from <= "
                                  "?, effective_from, NULL) DESC, effective_from LIMIT 1",
                                  "ss", today, today);
    if (found <= 0) return found;
    char key[24];
    snprintf(key, sizeof key, "%lld", year);
    json_t *v =
        json_object_get(json_object_get(json_object_get(row, "rules"), "hourly_income"), key);
    int ok =
        json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= COST_MAX_VND;
    if (ok) *income = json_integer_value(v);
    json_decref(row);
    return ok;
}

/* The errors collected so far (to tell whether a part added any). */
static size_t err_count(const req_t *r) {
    return r->errors ? json_array_size(r->errors) : 0;
}

/* Field name side.rest into out. */
static const char *fname(char *out, size_t cap, const char *side, const char *rest) {
    snprintf(out, cap, "%s.%s", side, rest);
    return out;
}

/* An integer member within [0, max] into *v, else an error on side.key. */
static void read_int(req_t *r, json_t *o, const char *side, const char *key, long long max,
                     long long *v) {
    char f[96];
    json_t *x = json_object_get(o, key);
    if (!x)
        req_error(r, fname(f, sizeof f, side, key), "Trường này là bắt buộc.");
    else if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > max) {
        char msg[128];
        snprintf(msg, sizeof msg, "Phải là số nguyên từ 0 đến %lld.", max);
        req_error(r, fname(f, sizeof f, side, key), msg);
    } else
        *v = json_integer_value(x);
}

/* One activity: its stored form, or NULL after errors named prefix.<key>. */
static json_t *read_activity(req_t *r, json_t *a, const char *prefix, struct cost_activity *out) {
    char f[96];
    if (!json_is_object(a)) {
        req_error(r, prefix, "Mỗi hoạt động phải là một đối tượng {name, hours, money}.");
        return NULL;
    }
    const char *key;
    json_t *v;
    json_object_foreach(a, key, v) {
        if (strcmp(key, "name") && strcmp(key, "kind") && strcmp(key, "hours") &&
            strcmp(key, "money"))
            req_error(r, fname(f, sizeof f, prefix, key), "Trường này không được nhận.");
    }
    json_t *name = json_object_get(a, "name"), *kind = json_object_get(a, "kind"),
           *hours = json_object_get(a, "hours");
    size_t len = json_is_string(name) ? utf8_chars(json_string_value(name)) : 0;
    if (len < 1 || len > 500)
        req_error(r, fname(f, sizeof f, prefix, "name"),
                  "Hãy nhập tên hoạt động (tối đa 500 ký tự).");
    int k = -1;
    for (int i = 0; json_is_string(kind) && kinds[i]; i++)
        if (strcmp(json_string_value(kind), kinds[i]) == 0) k = i;
    if (kind && !json_is_null(kind) && k < 0)
        req_error(r, fname(f, sizeof f, prefix, "kind"),
                  "Loại hoạt động phải là dossier, travel, waiting, fee hoặc other.");
    out->hours_h = -1;
    if (!json_is_number(hours) ||
        cost_hours_from_double(json_number_value(hours), &out->hours_h) < 0)
        req_error(r, fname(f, sizeof f, prefix, "hours"),
                  "Số giờ phải là số từ 0 đến 1.000.000, tối đa 2 chữ số thập phân.");
    out->money = -1;
    read_int(r, a, prefix, "money", COST_MAX_VND, &out->money);
    if (out->hours_h < 0 || out->money < 0 || len < 1 || len > 500 ||
        (kind && !json_is_null(kind) && k < 0))
        return NULL;
    return json_pack("{s:O, s:s*, s:I, s:I}", "name", name, "kind", k >= 0 ? kinds[k] : NULL,
                     "hours_h", (json_int_t)out->hours_h, "money", (json_int_t)out->money);
}

/* The field a failed computation names, and its message. */
static void overflow_error(req_t *r, const char *side, enum cost_err e) {
    char f[96];
    const char *field = e == COST_E_YEARLY ? "subjects" : "activities";
    req_error(
        r, fname(f, sizeof f, side, field),
        e == COST_E_YEARLY
            ? "Chi phí cả năm vượt quá 100.000 tỷ đồng: hãy kiểm tra tần suất và số đối tượng."
            : "Chi phí một lần thực hiện vượt quá 100.000 tỷ đồng: hãy kiểm tra số giờ và số "
              "tiền.");
}

int cost_sheet_read(req_t *r, const char *side, json_t *in, long long income, json_t **stored,
                    struct cost_totals *t) {
    *stored = NULL;
    char f[96];
    if (!json_is_object(in)) {
        req_error(r, side, "Phải là một đối tượng {activities, frequency, subjects}.");
        return -1;
    }
    size_t before = err_count(r);
    const char *key;
    json_t *v;
    json_object_foreach(in, key, v) {
        if (strcmp(key, "activities") && strcmp(key, "frequency") && strcmp(key, "subjects"))
            req_error(r, fname(f, sizeof f, side, key), "Trường này không được nhận.");
    }
    long long frequency = -1, subjects = -1;
    read_int(r, in, side, "frequency", FREQUENCY_MAX, &frequency);
    read_int(r, in, side, "subjects", SUBJECTS_MAX, &subjects);
    json_t *acts = json_object_get(in, "activities");
    if (!json_is_array(acts) || json_array_size(acts) > ACTIVITIES_MAX) {
        req_error(r, fname(f, sizeof f, side, "activities"),
                  "Hãy liệt kê các hoạt động (một danh sách, tối đa 50).");
        return -1;
    }
    struct cost_activity a[ACTIVITIES_MAX];
    json_t *list = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(acts, i, x) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s.activities[%zu]", side, i);
        json_t *one = read_activity(r, x, prefix, &a[i]);
        if (one) json_array_append_new(list, one);
    }
    if (err_count(r) > before || frequency < 0 || subjects < 0) {
        json_decref(list);
        return -1;
    }
    enum cost_err e = cost_sheet(a, json_array_size(acts), income, frequency, subjects, t);
    if (e != COST_OK) {
        overflow_error(r, side, e);
        json_decref(list);
        return -1;
    }
    *stored = json_pack("{s:o, s:I, s:I}", "activities", list, "frequency", (json_int_t)frequency,
                        "subjects", (json_int_t)subjects);
    return *stored ? 0 : -1;
}

json_t *cost_pct_json(long long pct_h, int has) {
    return has ? json_real((double)pct_h / 100) : json_null();
}

/* The answer's form of a stored sheet: hours back in hours, the sums added. */
static json_t *sheet_json(json_t *stored, json_t *row, const char *side) {
    if (!json_is_object(stored)) return json_null();
    json_t *acts = json_array(), *x;
    size_t i;
    long long hours_h = 0, money = 0;
    json_array_foreach(json_object_get(stored, "activities"), i, x) {
        long long h = json_integer_value(json_object_get(x, "hours_h"));
        hours_h += h;
        money += json_integer_value(json_object_get(x, "money"));
        json_t *hours = h % 100 ? json_real((double)h / 100) : json_integer(h / 100);
        json_array_append_new(acts,
                              json_pack("{s:O, s:O, s:o, s:O}", "name", json_object_get(x, "name"),
                                        "kind", json_object_get(x, "kind"), "hours", hours, "money",
                                        json_object_get(x, "money")));
    }
    char k1[32], k2[32];
    snprintf(k1, sizeof k1, "%s_per_time", side);
    snprintf(k2, sizeof k2, "%s_yearly", side);
    json_t *hours = hours_h % 100 ? json_real((double)hours_h / 100) : json_integer(hours_h / 100);
    return json_pack("{s:o, s:O, s:O, s:o, s:I, s:O, s:O}", "activities", acts, "frequency",
                     json_object_get(stored, "frequency"), "subjects",
                     json_object_get(stored, "subjects"), "hours_total", hours, "money_total",
                     (json_int_t)money, "per_time", json_object_get(row, k1), "yearly",
                     json_object_get(row, k2));
}

json_t *cost_answer(db_t *db, long long procedure_id, long long year) {
    json_t *row = NULL;
    int found = db_query_row_json(
        db, &row,
        "SELECT c.hourly_income, c.before_json AS before__json, c.after_json AS after__json, "
        "c.before_per_time, c.before_yearly, c.after_per_time, c.after_yearly, c.saving, "
        "c.saving_pct_h, c.version, c.updated_at, u.full_name AS updated_by_name FROM "
        "procedure_costs c LEFT JOIN users u ON u.id = c.updated_by WHERE c.procedure_id = ? AND "
        "c.year = ?",
        "ii", procedure_id, year);
    if (found < 0) return NULL;
    json_t *proc = NULL;
    /* The caller has seen the procedure (cost_visible): missing now is as much a failure. */
    int has = db_query_row_json(db, &proc,
                                "SELECT p.id, p.code, p.name, p.agency_unit_id FROM procedures p "
                                "WHERE p.id = ?",
                                "i", procedure_id);
    if (has <= 0) {
        json_decref(row);
        return NULL;
    }
    json_t *out = json_pack("{s:I, s:o}", "year", (json_int_t)year, "procedure", proc);
    if (found == 0) {
        long long income = 0;
        int k = cost_hourly_income(db, year, &income);
        if (k < 0) {
            json_decref(out);
            return NULL;
        }
        json_object_set_new(out, "hourly_income", k ? json_integer(income) : json_null());
        json_object_set_new(out, "before", json_null());
        json_object_set_new(out, "after", json_null());
        json_object_set_new(out, "saving", json_null());
        json_object_set_new(out, "saving_pct", json_null());
        json_object_set_new(out, "version", json_integer(0));
        json_object_set_new(out, "updated_at", json_null());
        json_object_set_new(out, "updated_by_name", json_null());
        return out;
    }
    json_t *pct = json_object_get(row, "saving_pct_h");
    json_object_set(out, "hourly_income", json_object_get(row, "hourly_income"));
    json_object_set_new(out, "before", sheet_json(json_object_get(row, "before"), row, "before"));
    json_object_set_new(out, "after", sheet_json(json_object_get(row, "after"), row, "after"));
    json_object_set(out, "saving", json_object_get(row, "saving"));
    json_object_set_new(out, "saving_pct",
                        cost_pct_json(json_integer_value(pct), json_is_integer(pct)));
    json_object_set(out, "version", json_object_get(row, "version"));
    json_object_set(out, "updated_at", json_object_get(row, "updated_at"));
    json_object_set(out, "updated_by_name", json_object_get(row, "updated_by_name"));
    json_decref(row);
    return out;
}

int savings_filter_make(req_t *r, db_t *db, long long year, long long unit_id, long long field_id,
                        long long decision_id, struct savings_filter *f) {
    f->year = year;
    f->unit_id = unit_id;
    f->field_id = field_id;
    f->decision_id = decision_id;
    f->wide = scope_province_wide(r->user);
    f->own_unit = r->user->unit_id;
    if (scope_unit_filter(r, db, unit_id) < 0) return -1;
    if (decision_id) {
        /* The province's decisions are read by every reader of the review (decision 140). */
        long long one;
        int found =
            db_query_int(db, &one, "SELECT 1 FROM review_decisions WHERE id = ?", "i", decision_id);
        if (found < 0) return db_fail(r, db);
        if (found == 0) return not_found(r, "quyết định");
    }
    return 0;
}

json_t *savings_totals(db_t *db, const struct savings_filter *f) {
    json_t *row = NULL;
    /* Only sheets with an after-version count toward the money: a sheet not yet simplified has
     * no saving, and counting its before-cost would shrink the percentage. */
    int found = db_query_row_json(
        db, &row,
        "SELECT COUNT(*) AS sheets, COUNT(c.after_yearly) AS procedures, "
        "COALESCE(SUM(CASE WHEN c.after_yearly IS NOT NULL THEN c.before_yearly END), 0) AS "
        "`before`, COALESCE(SUM(c.after_yearly), 0) AS `after` FROM procedure_costs c JOIN "
        "procedures p ON p.id = c.procedure_id WHERE" SAVINGS_WHERE,
        SAVINGS_WHERE_FMT, SAVINGS_WHERE_ARGS(f));
    if (found <= 0) return NULL;
    long long b = json_integer_value(json_object_get(row, "before")),
              a = json_integer_value(json_object_get(row, "after")), saving, pct;
    int has;
    cost_saving(b, a, &saving, &pct, &has);
    json_object_set_new(row, "saving", json_integer(saving));
    json_object_set_new(row, "saving_pct", cost_pct_json(pct, has));
    return row;
}

json_t *savings_rows(db_t *db, const struct savings_filter *f, long long limit, long long offset) {
    json_t *rows = db_query_json(
        db,
        "SELECT p.id AS procedure_id, p.code, p.name, p.field_id, pf.name AS field_name, "
        "p.agency_unit_id, u.name AS agency_unit_name, c.hourly_income, c.before_per_time, "
        "c.before_yearly, c.after_per_time, c.after_yearly, c.saving, c.saving_pct_h, c.updated_at "
        "FROM procedure_costs c JOIN procedures p ON p.id = c.procedure_id LEFT JOIN "
        "procedure_fields pf ON pf.id = p.field_id LEFT JOIN units u ON u.id = p.agency_unit_id "
        "WHERE" SAVINGS_WHERE " ORDER BY c.saving IS NULL, c.saving DESC, p.code LIMIT ? OFFSET ?",
        SAVINGS_WHERE_FMT "ii", SAVINGS_WHERE_ARGS(f), limit ? limit : 1000000LL, offset);
    size_t i;
    json_t *x;
    json_array_foreach(rows, i, x) {
        json_t *p = json_object_get(x, "saving_pct_h");
        json_object_set_new(x, "saving_pct",
                            cost_pct_json(json_integer_value(p), json_is_integer(p)));
        json_object_del(x, "saving_pct_h");
    }
    return rows;
}

/* Writes the sheet (insert or a new version) and its version row, in the caller's transaction. */
int cost_store(db_t *db, long long id, long long year, long long income, json_t *before,
               json_t *after, const struct cost_totals *tb, const struct cost_totals *ta,
               long long uid) {
    char *bj = json_dumps(before, JSON_COMPACT),
         *aj = after ? json_dumps(after, JSON_COMPACT) : NULL;
    long long saving = 0, pct = 0;
    int has = 0;
    if (after) cost_saving(tb->yearly, ta->yearly, &saving, &pct, &has);
    /* 'I' binds 0 as NULL, so the after-sums and saving are bound as text ('s', NULL when absent).
     */
    char ap[24], ay[24], sv[24], pc[24];
    snprintf(ap, sizeof ap, "%lld", ta->per_time);
    snprintf(ay, sizeof ay, "%lld", ta->yearly);
    snprintf(sv, sizeof sv, "%lld", saving);
    snprintf(pc, sizeof pc, "%lld", pct);
    int rc = !bj || (after && !aj) ||
             db_exec(db,
                     "INSERT INTO procedure_costs (procedure_id, year, hourly_income, before_json, "
                     "after_json, before_per_time, before_yearly, after_per_time, after_yearly, "
                     "saving, saving_pct_h, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
                     "?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE hourly_income = "
                     "VALUES(hourly_income), before_json = VALUES(before_json), after_json = "
                     "VALUES(after_json), before_per_time = VALUES(before_per_time), "
                     "before_yearly = VALUES(before_yearly), after_per_time = "
                     "VALUES(after_per_time), after_yearly = VALUES(after_yearly), saving = "
                     "VALUES(saving), saving_pct_h = VALUES(saving_pct_h), updated_by = "
                     "VALUES(updated_by), version = version + 1",
                     "iiissiissssII", id, year, income, bj, aj, tb->per_time, tb->yearly,
                     after ? ap : NULL, after ? ay : NULL, after ? sv : NULL, has ? pc : NULL, uid,
                     uid) < 0 ||
             db_exec(db,
                     "INSERT INTO procedure_cost_versions (cost_id, version, hourly_income, "
                     "before_json, after_json, before_yearly, after_yearly, saving, created_by) "
                     "SELECT id, version, hourly_income, before_json, after_json, before_yearly, "
                     "after_yearly, saving, ? FROM procedure_costs WHERE procedure_id = ? AND "
                     "year = ?",
                     "Iii", uid, id, year) < 0;
    free(bj);
    free(aj);
    return rc ? -1 : 0;
}
