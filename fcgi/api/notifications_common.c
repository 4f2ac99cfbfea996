/* The one producer of in-app notifications: a row to a unit or to a user, deduplicated. */
#include "api/notifications_common.h"

static int notify(db_t *db, long long unit_id, long long user_id, const struct notice *n) {
    /* INSERT IGNORE: a row whose dedupe key exists already is the same event told again (two
     * hosts, two runs); it counts as 0 written, not as an error. IGNORE also cuts a title longer
     * than the column's 500 characters (one built from a long plan or task title) instead of
     * refusing the write that caused it. */
    long long rc =
        db_exec(db,
                "INSERT IGNORE INTO notifications (unit_id, user_id, kind, entity, "
                "entity_id, title, body, link, dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "IIssIssss", unit_id, user_id, n->kind, n->entity, n->entity_id, n->title, n->body,
                n->link, n->dedupe);
    return rc < 0 ? -1 : rc > 0 ? 1 : 0;
}

int notify_unit(db_t *db, long long unit_id, const struct notice *n) {
    return notify(db, unit_id, 0, n);
}

int notify_user(db_t *db, long long user_id, const struct notice *n) {
    return notify(db, 0, user_id, n);
}
