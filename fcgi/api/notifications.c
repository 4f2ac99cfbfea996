/* /api/v1/notifications: the caller's notifications (to them or their unit), read per user. */
#include <stdio.h>

#include "api/api.h"
#include "api/common.h"
#include "api/notifications_common.h"

#define MINE NOTIFICATIONS_MINE

struct notifications_query {
    int unread;
    struct page page;
};
static const struct in_decl notifications_fields[] = {
    IN_FIELD(struct notifications_query, unread, IN_BOOL, 0, 0, 0, NULL),
};
const struct in_spec in_notifications_list =
    IN_SPEC_PAGED(struct notifications_query, notifications_fields, 20, 200);

/* Each item gets "read" (a boolean) next to its read_at. */
static void add_read(json_t *items) {
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_object_set_new(it, "read",
                            json_boolean(!json_is_null(json_object_get(it, "read_at"))));
    }
}

int h_notifications_list(req_t *r) {
    const struct notifications_query *in = r->query_in;
    const struct page pg = in->page;
    long long me = r->user->user_id, unit = r->user->unit_id, unread = in->unread;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long total = 0, nunread = 0;
    struct db_res *res = db_query(db,
                                  "SELECT COUNT(*), COALESCE(SUM(nr.read_at IS NULL), 0)" MINE
                                  "AND (? = 0 OR nr.read_at IS NULL)",
                                  "iiii", me, me, unit, unread);
    if (!res) return db_fail(r, db);
    if (res->nrows) {
        total = db_int(res, 0, 0);
        nunread = db_int(res, 0, 1);
    }
    db_res_free(res);
    json_t *items = db_query_json(db,
                                  "SELECT n.id, n.kind, n.entity, n.entity_id, n.title, n.body, "
                                  "n.link, nr.read_at, n.created_at" MINE
                                  "AND (? = 0 OR nr.read_at IS NULL) ORDER BY nr.read_at IS NULL "
                                  "DESC, n.created_at DESC, n.id DESC LIMIT ? OFFSET ?",
                                  "iiiiii", me, me, unit, unread, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    add_read(items);
    json_t *out = list_envelope(items, total, &pg);
    json_object_set_new(out, "unread", json_integer(nunread));
    res_json(r, 200, out);
    return 0;
}

int h_notifications_read(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), me = r->user->user_id, exists = 0;
    int found = db_query_int(db, &exists,
                             "SELECT 1 FROM notifications WHERE id = ? AND (user_id = ? OR "
                             "unit_id = ?)",
                             "iii", id, me, r->user->unit_id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "thông báo");
    /* IGNORE: read twice keeps the first time. */
    if (db_exec(db,
                "INSERT IGNORE INTO notification_reads (notification_id, user_id, read_at) "
                "VALUES (?, ?, NOW())",
                "ii", id, me) < 0)
        return db_fail(r, db);
    res_no_content(r);
    return 0;
}

int h_notifications_read_all(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long me = r->user->user_id;
    long long n = db_exec(db,
                          "INSERT IGNORE INTO notification_reads (notification_id, user_id, "
                          "read_at) SELECT n.id, ?, NOW()" MINE "AND nr.notification_id IS NULL",
                          "iiii", me, me, me, r->user->unit_id);
    if (n < 0) return db_fail(r, db);
    res_json(r, 200, json_pack("{s:I}", "marked", (json_int_t)n));
    return 0;
}
