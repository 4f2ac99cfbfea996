/* /api/v1/holidays: the admin-managed calendar of days off and compensatory working Saturdays. */
#include <stdio.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"

static const char *const kinds[] = {"holiday", "workday", NULL};

int h_holidays_list(req_t *r) {
    long long year = 0;
    const struct in_field f[] = {{"year", IN_INT, 0, 0, 1990, 2100, NULL, &year, NULL}};
    if (input_query(r, f, 1) < 0) return -1;
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

int h_holidays_put(req_t *r) {
    if (req_json(r) < 0) return -1;
    const char *day = NULL, *name = NULL, *kind = "holiday";
    const struct in_field f[] = {
        {"day", IN_DATE, 1, 0, 0, 0, NULL, &day, NULL},
        {"name", IN_STR, 1, 0, 2, 200, NULL, &name, NULL},
        {"kind", IN_ENUM, 0, 0, 0, 0, kinds, &kind, NULL},
    };
    if (input_check(r, r->json, f, 3) < 0) return -1;
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
