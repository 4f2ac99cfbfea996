/* What the compliance cost files share: who sees a procedure's cost, the hourly income of a year,
 * a sheet read from a request and computed, the stored sheet's answer, the savings filter. */
#ifndef KSTT_API_COST_COMMON_H
#define KSTT_API_COST_COMMON_H
#include <jansson.h>

#include "core/cost.h"
#include "server/http.h"
#include "store/db.h"

/* 1 when the principal sees the cost of procedure id (province-wide roles every procedure, others
 * those whose agency unit is in their subtree), 0 when not or no such procedure, -1 on error. */
int cost_visible(db_t *db, const struct principal *p, long long procedure_id);
/* The hourly income of year from the `cost` rule set: 1 with *income, 0 when the year has no
 * figure, -1 on a database error. */
int cost_hourly_income(db_t *db, long long year, long long *income);
/* Reads the sheet in (side "before"/"after") with hourly income: 0 with *stored (the form kept in
 * before_json/after_json, hours in hundredths) and *t; -1 after adding errors to r (named like
 * "before.activities[0].hours"), *stored NULL. */
int cost_sheet_read(req_t *r, const char *side, json_t *in, long long income, json_t **stored,
                    struct cost_totals *t);
/* Writes the computed sheets of procedure id for year (a first sheet, or the next version of the
 * sheet) and the version row, in the caller's transaction: 0, or -1 on a database error. */
int cost_store(db_t *db, long long id, long long year, long long income, json_t *before,
               json_t *after, const struct cost_totals *tb, const struct cost_totals *ta,
               long long uid);
/* The answer of GET /procedures/{id}/cost for year (before/after null when no sheet), NULL on a
 * database error. */
json_t *cost_answer(db_t *db, long long procedure_id, long long year);
/* The percentage of hundredths pct_h as a JSON number (63.98), or null when !has. */
json_t *cost_pct_json(long long pct_h, int has);

/* The savings lists' filter. To add a filter, add a member, a clause to SAVINGS_WHERE, a letter
 * to SAVINGS_WHERE_FMT and its values to SAVINGS_WHERE_ARGS. */
struct savings_filter {
    long long year;
    long long unit_id;     /* the agency's subtree; 0 = any */
    long long field_id;    /* 0 = any */
    long long decision_id; /* the procedures of a review decision's proposals; 0 = any */
    long long wide;        /* 1 for province-wide callers */
    long long own_unit;    /* the caller's unit, the bound of a narrow caller */
};
/* Over procedure_costs c JOIN procedures p. */
#define SAVINGS_WHERE                                                                              \
    " c.year = ? AND (? = 0 OR p.field_id = ?) AND (? = 0 OR EXISTS (SELECT 1 FROM unit_closure "  \
    "su WHERE su.ancestor_id = ? AND su.descendant_id = p.agency_unit_id)) AND (? = 1 OR EXISTS "  \
    "(SELECT 1 FROM unit_closure so WHERE so.ancestor_id = ? AND so.descendant_id = "              \
    "p.agency_unit_id)) AND (? = 0 OR EXISTS (SELECT 1 FROM review_proposals rp WHERE "            \
    "rp.procedure_id = p.id AND rp.decision_id = ?))"
#define SAVINGS_WHERE_FMT "iiiiiiiii"
#define SAVINGS_WHERE_ARGS(f)                                                                      \
    (f)->year, (f)->field_id, (f)->field_id, (f)->unit_id, (f)->unit_id, (f)->wide, (f)->own_unit, \
        (f)->decision_id, (f)->decision_id
/* Fills f from the query's year/unit_id/field_id/decision_id and the caller; -1 after answering
 * (404 for a unit outside the caller's scope or an unknown decision, 503). */
int savings_filter_make(req_t *r, db_t *db, long long year, long long unit_id, long long field_id,
                        long long decision_id, struct savings_filter *f);
/* The totals {procedures, sheets, before, after, saving, saving_pct} of the filter (only sheets
 * with an after-version count toward before/after/saving), NULL on a database error. */
json_t *savings_totals(db_t *db, const struct savings_filter *f);
/* The rows of the filter, ordered by saving, limit/offset (limit 0: all), NULL on error. */
json_t *savings_rows(db_t *db, const struct savings_filter *f, long long limit, long long offset);

#endif
