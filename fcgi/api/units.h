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
/* SQL: col is the unit, or in its subtree when the flag is set — the periodic report's "own or
 * subtree" figures. Three parameters "iii": unit, subtree flag (0/1), unit. */
#define UNIT_OR_SUBTREE(col)                                                                       \
    "(" col " = ? OR (? AND " col " IN (SELECT descendant_id FROM unit_closure WHERE "             \
    "ancestor_id = ?)))"
/* A unit filter or target of a request: 0 when unit_id is 0 (none) or in the caller's scope, -1
 * after answering 404 naming "đơn vị" (outside the scope reads as missing) or 503. */
int scope_unit_filter(req_t *r, db_t *db, long long unit_id);
/* Whose list an export is, for its title row: the name of the unit filtered to, else "toàn tỉnh"
 * for a province-wide caller or the caller's own unit's name. Never fails: a unit that cannot be
 * read leaves "toàn tỉnh" (the export itself is scoped). */
void scope_unit_name(db_t *db, const struct principal *p, long long unit_id, char *out, size_t cap);
/* Province-level principals and coordinators see every unit. */
int scope_province_wide(const struct principal *p);
/* The users (alias u) the user list and GET /users/{id} show a principal: every one
 * province-wide, else those of its subtree. Binds scope_province_wide, unit_id ("ii"). The
 * search reuses it. */
#define USER_SCOPE                                                                                 \
    " AND (? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND "             \
    "c.descendant_id = u.unit_id))"

#endif
