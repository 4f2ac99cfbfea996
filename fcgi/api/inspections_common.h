/* Shared by the inspection files: subjects, scope, loading, and the counts for the report. */
#ifndef KSTT_API_INSPECTIONS_COMMON_H
#define KSTT_API_INSPECTIONS_COMMON_H
#include <jansson.h>

#include "server/http.h"
#include "store/db.h"

extern const char *const insp_subjects[]; /* kstt, one_stop, public_posting, ... NULL */
extern const char *const insp_statuses[]; /* planned, done, closed, NULL */

/* The inspections (alias i) a principal sees: all province-wide; else those its subtree makes,
 * and those of its subtree's units, except an unannounced one before it is carried out. Binds,
 * in order: province-wide, unit_id, unit_id (format "iii"). */
#define INSP_SCOPE                                                                                 \
    "(? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id "  \
    "= i.inspecting_unit_id) OR ((i.announced = 1 OR i.status <> 'planned') AND EXISTS (SELECT 1 " \
    "FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id = i.unit_id)))"

/* The inspection with its team, checklist (with evidence), findings and follow-ups into *out if
 * p sees it: 1, 0 missing or invisible, -1 database error. */
int insp_load(db_t *db, const struct principal *p, long long id, json_t **out);
/* 1 when p may change the inspection (a writing role in the inspecting unit's subtree, or
 * province-wide), 0 when not, -1 on error. */
int insp_writable(db_t *db, const struct principal *p, json_t *insp);
/* 1 when a unit of p may inspect unit_id (p province-wide, or unit_id strictly below p's unit),
 * 0 when not, -1 on error. */
int insp_may_inspect(db_t *db, const struct principal *p, long long unit_id);

/* The counts for the periodic report, of inspections made by unit_id (by its subtree when
 * subtree) carried out between from and to (YYYY-MM-DD, inclusive),
 * follow-ups as of today: {done, units_inspected, findings, followups, followups_done,
 * followups_overdue}. NULL on a database error. */
json_t *inspection_counts(db_t *db, long long unit_id, int subtree, const char *from,
                          const char *to, const char *today);

#endif
