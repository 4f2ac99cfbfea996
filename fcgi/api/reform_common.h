/* What the reform registries share (issue 17: internal procedures, impact assessments,
 * initiatives): their scope, the involved-unit lists, the impact rule set and who appraises, the
 * list .xlsx with its title row, the search filter and the counts the periodic report takes. */
#ifndef KSTT_API_REFORM_COMMON_H
#define KSTT_API_REFORM_COMMON_H
#include <jansson.h>

#include "core/impact_clock.h"
#include "core/reform_flow.h"
#include "server/http.h"
#include "store/db.h"

/* The rows (alias x, column unit_id) a principal sees: every one province-wide, else its
 * subtree's. Binds scope_province_wide, unit_id ("ii"). Lists and GETs share it. */
#define REFORM_SCOPE                                                                               \
    " (? = 1 OR EXISTS (SELECT 1 FROM unit_closure c WHERE c.ancestor_id = ? AND "                 \
    "c.descendant_id = x.unit_id))"

/* The principal's scope arguments for REFORM_SCOPE. */
long long reform_wide(const struct principal *p);

/* 1 when the principal may write the records of unit_id (its subtree, or all province-wide),
 * 0 after answering 422 naming field, -1 after answering 503/500. */
int reform_unit_writable(req_t *r, db_t *db, long long unit_id, const char *field);

/* Checks a JSON array of unit ids (1..50 distinct existing units): 0, or -1 after adding a
 * Vietnamese error on field to r (the caller answers 422), -2 on a database error. */
int reform_units_check(req_t *r, db_t *db, json_t *ids, const char *field);

/* The impact rule set in force today (defaults when none): 0, -1 on a database error. */
int impact_rules_load(db_t *db, struct impact_rules *out);
/* 1 when the principal belongs to the appraising unit (or below it), 0 when not, -1 on error. */
int impact_is_appraiser(db_t *db, const struct principal *p, const struct impact_rules *ru);

/* "%folded q%" for LIKE against a *_folded column into out; "%" when q is NULL. */
void reform_like(const char *q, char *out, size_t cap);

/* Counts of internal procedures for the periodic report, of unit_id's inventory (its subtree's
 * when subtree) over [from, to] (YYYY-MM-DD): in force at the window's end (recorded by then and
 * not simplified away or abolished: status in force or proposed), simplified (distinct procedures
 * with a proposal implemented by a document dated in the window) and proposals made in the
 * window. 0, or -1 on a database error. */
struct internal_counts {
    long long in_force, simplified, proposals;
};
int internal_procedure_counts(db_t *db, long long unit_id, int subtree, const char *from,
                              const char *to, struct internal_counts *out);

#endif
