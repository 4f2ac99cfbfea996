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

#endif
