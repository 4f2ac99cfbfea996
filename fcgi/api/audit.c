/* GET /api/v1/audit: the administrator's search over every recorded change. */
#include <stdio.h>

#include "api/api.h"
#include "api/common.h"

int h_audit_list(req_t *r) {
    const char *actor = NULL, *entity = NULL, *action = NULL, *from = NULL, *to = NULL,
               *entity_id = NULL;
    struct page pg;
    const struct in_field f[] = {
        {"actor", IN_STR, 0, 0, 1, 64, NULL, &actor, NULL},
        {"entity", IN_STR, 0, 0, 1, 64, NULL, &entity, NULL},
        {"entity_id", IN_STR, 0, 0, 1, 64, NULL, &entity_id, NULL},
        {"action", IN_STR, 0, 0, 1, 64, NULL, &action, NULL},
        {"from", IN_DATE, 0, 0, 0, 0, NULL, &from, NULL},
        {"to", IN_DATE, 0, 0, 0, 0, NULL, &to, NULL},
    };
    if (input_query(r, f, 6) < 0 || page_from_query(r, &pg, 50, 500) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    const char *where = " FROM audit_log WHERE (? IS NULL OR actor_username = ?) AND (? IS NULL "
                        "OR entity = ?) AND (? IS NULL OR entity_id = ?) AND (? IS NULL OR action "
                        "LIKE CONCAT(?, '%')) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < "
                        "? + INTERVAL 1 DAY)";
    char sql[1000];
    long long total;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "ssssssssssss", actor, actor, entity, entity, entity_id,
                     entity_id, action, action, from, from, to, to) < 0)
        return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "SELECT id, at, actor_id, actor_username, address, action, entity, entity_id, "
             "before_json AS before__json, after_json AS after__json, request_id%s ORDER BY id "
             "DESC LIMIT ? OFFSET ?",
             where);
    json_t *items =
        db_query_json(db, sql, "ssssssssssssii", actor, actor, entity, entity, entity_id, entity_id,
                      action, action, from, from, to, to, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}
