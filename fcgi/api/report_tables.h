/* The figures of a periodic report (SPEC §6): dossiers by field and level, feedback, procedures
 * and plan tasks of a unit over a data window, read from the system's own data. */
#ifndef KSTT_API_REPORT_TABLES_H
#define KSTT_API_REPORT_TABLES_H
#include <jansson.h>

#include "core/period.h"
#include "store/db.h"

/*
 * The four tables for unit_id over [from, to] as of `today` (plan: overdue means due before
 * today and not done): subtree 0 = the unit's own direct data only, 1 = its whole subtree.
 * Shapes and definitions: docs/reports.md. 1 built (*out a new reference), -1 database error.
 *
 * A unit's own data: the dossiers recorded at the unit; the feedback routed to it
 * (COALESCE(assigned_unit_id, answer_unit_id); not yet routed: the coordinator unit's); the
 * procedures whose handling agency is the unit (no agency unit: the province root's); the
 * assignments of the unit (any role) of published or closed plans.
 */
int report_tables_build(db_t *db, long long unit_id, int subtree, struct ymd from, struct ymd to,
                        struct ymd today, json_t **out);

#endif
