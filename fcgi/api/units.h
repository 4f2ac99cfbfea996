/* Unit tree helpers shared by handlers: derived columns, closure, scope. */
#ifndef KSTT_UNITS_H
#define KSTT_UNITS_H
#include "server/http.h"
#include "store/db.h"

/* Recomputes name_folded for rows that lack it and rebuilds unit_closure from parent_id and
 * successor_id (a merged unit hangs under its successor). Call inside the writing transaction. */
int units_refresh_derived(db_t *db);
/* 1 when the principal may see unit_id (its subtree, or everything for province-wide roles),
 * 0 when not, -1 on a database error. */
int scope_has_unit(db_t *db, const struct principal *p, long long unit_id);
/* Province-level principals and coordinators see every unit. */
int scope_province_wide(const struct principal *p);
/* The users (alias u) the user list and GET /users/{id} show a principal: every one
 * province-wide, else those of its subtree. Binds scope_province_wide, unit_id ("ii"). The
 * search reuses it. */
#define USER_SCOPE                                                                                 \
    " AND (? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND "             \
    "c.descendant_id = u.unit_id))"

#endif
