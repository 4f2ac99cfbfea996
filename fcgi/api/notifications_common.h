/* The one producer of in-app notifications (api/notifications_common.c), called by every module
 * that tells a unit or a user about an event, always in the caller's transaction. */
#ifndef KSTT_API_NOTIFICATIONS_COMMON_H
#define KSTT_API_NOTIFICATIONS_COMMON_H

#include "store/db.h"

/* What a notification says. kind is one of the names listed in docs/openapi.yaml (e.g.
 * "feedback.forwarded", "report.returned", "task.update"); entity and entity_id name the object,
 * link is the app path that opens it; body, link and dedupe may be NULL. A non-NULL dedupe key
 * makes the notification once only, across hosts and runs. */
struct notice {
    const char *kind;
    const char *entity;
    long long entity_id; /* 0: none */
    const char *title;
    const char *body;
    const char *link;
    const char *dedupe;
};

/* The caller's notifications, for a query that reads them: those to the user or to the user's
 * unit, with the caller's own read state as nr (a unit-wide one is read by each member
 * separately). Three parameters: user id, user id, unit id; goes after the select list. */
#define NOTIFICATIONS_MINE                                                                         \
    " FROM notifications n LEFT JOIN notification_reads nr ON nr.notification_id = n.id AND "      \
    "nr.user_id = ? WHERE (n.user_id = ? OR n.unit_id = ?) "

/* To every member of unit_id (each reads it separately). 1 written, 0 duplicate, -1 error. */
int notify_unit(db_t *db, long long unit_id, const struct notice *n);
/* To one user. 1 written, 0 duplicate, -1 error. */
int notify_user(db_t *db, long long user_id, const struct notice *n);

#endif
