/* The one producer of in-app notifications (api/notifications_common.c), called by every module
 * that tells a unit or a user about an event, always in the caller's transaction; with it the
 * list of kinds and each person's choice of mail for a kind. */
#ifndef KSTT_API_NOTIFICATIONS_COMMON_H
#define KSTT_API_NOTIFICATIONS_COMMON_H

#include <stddef.h>

#include "store/db.h"

/* What a notification says. kind is one of notify_kinds() (listed in docs/openapi.yaml, e.g.
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

/* To every member of unit_id (each reads it separately). 1 written, 0 duplicate, -1 error.
 * A new notification also queues a mail (mail_outbox, same transaction) to each recipient whose
 * choice for the kind is "immediate" and who has an address, when mail is configured. */
int notify_unit(db_t *db, long long unit_id, const struct notice *n);
/* To one user, as notify_unit. 1 written, 0 duplicate, -1 error. */
int notify_user(db_t *db, long long user_id, const struct notice *n);

/* To every coordinating unit (units.coordinator: the Provincial Office), each member reading it
 * separately; a dedupe key is made per unit. 0 or -1. */
int notify_coordinators(db_t *db, const struct notice *n);

/* How a person wants a kind by mail (notification_prefs.mail). */
enum notify_mail { NOTIFY_MAIL_NONE, NOTIFY_MAIL_IMMEDIATE, NOTIFY_MAIL_DIGEST };
extern const char *const notify_mail_names[]; /* "none", "immediate", "digest", NULL */

/* A kind the system produces: its Vietnamese label and the mail choice of a user without a row. */
struct notify_kind {
    const char *kind;
    const char *label;
    enum notify_mail mail;
};
extern const struct notify_kind notify_kinds[];
extern const size_t notify_nkinds;
/* The kind named, or NULL. */
const struct notify_kind *notify_kind_find(const char *kind);

#endif
