/* /api/v1/holidays: the admin-managed calendar of days off and compensatory working Saturdays. */
#include <stdio.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"

static const char *const kinds[] = {"holiday", "workday", NULL};

struct holidays_query {
    long long year; /* 0 = every year */
};
static const struct in_decl holidays_query_fields[] = {
    IN_FIELD(struct holidays_query, year, IN_INT, 0, 1990, 2100, NULL),
};
const struct in_spec in_holidays_list = IN_SPEC(struct holidays_query, holidays_query_fields);

int h_holidays_list(req_t *r) {
    long long year = ((const struct holidays_query *)r->query_in)->year;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = db_query_json(db,
                                  "SELECT day, name, kind FROM holidays WHERE (? = 0 OR YEAR(day) "
                                  "= ?) ORDER BY day",
                                  "ii", year, year);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, (long long)json_array_size(items), NULL));
    return 0;
}

struct holiday_input {
    struct ymd day;
    const char *name;
    int kind; /* kinds[], -1 = "holiday" */
};
static const struct in_decl holiday_fields[] = {
    IN_FIELD(struct holiday_input, day, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct holiday_input, name, IN_STR, IN_REQUIRED, 2, 200, NULL),
    IN_FIELD(struct holiday_input, kind, IN_ENUM, 0, 0, 0, kinds),
};
const struct in_spec in_holidays_put = IN_SPEC(struct holiday_input, holiday_fields);

int h_holidays_put(req_t *r) {
    const struct holiday_input *in = r->body_in;
    char day[11];
    in_date_str(in->day, day);
    const char *name = in->name, *kind = in->kind < 0 ? "holiday" : kinds[in->kind];
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *after = json_pack("{s:s, s:s, s:s}", "day", day, "name", name, "kind", kind);
    int rc = db_begin(db);
    if (rc == 0)
        rc = db_exec(db,
                     "INSERT INTO holidays (day, name, kind) VALUES (?, ?, ?) ON DUPLICATE KEY "
                     "UPDATE name = VALUES(name), kind = VALUES(kind)",
                     "sss", day, name, kind) < 0;
    if (rc == 0) rc = audit_write(db, r, "holiday.put", "holiday", 0, NULL, after);
    if (rc || db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    calendar_invalidate();
    res_json(r, 200, after);
    return 0;
}

int h_holidays_delete(req_t *r) {
    const char *day = req_param(r, "day");
    if (!day || !input_is_date(day)) return not_found(r, "ngày nghỉ");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *before = NULL;
    int found = db_query_row_json(db, &before, "SELECT day, name, kind FROM holidays WHERE day = ?",
                                  "s", day);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "ngày nghỉ");
    int rc = db_begin(db);
    if (rc == 0) rc = db_exec(db, "DELETE FROM holidays WHERE day = ?", "s", day) < 0;
    if (rc == 0) rc = audit_write(db, r, "holiday.delete", "holiday", 0, before, NULL);
    json_decref(before);
    if (rc || db_commit(db) < 0) return db_fail(r, db);
    calendar_invalidate();
    res_no_content(r);
    return 0;
}
