/* What the report resource's files share (api/report_common.c): reports.c, reports_tracker.c,
 * reports_export.c and demo_reports.c call these, and never each other. */
#ifndef KSTT_API_REPORT_COMMON_H
#define KSTT_API_REPORT_COMMON_H
#include <jansson.h>

#include "core/report_period.h"
#include "server/http.h"
#include "store/db.h"

extern const char *const rp_kinds[];    /* "kstt" */
extern const char *const rp_statuses[]; /* draft, submitted, accepted, returned */

/* The version of rule set 'period' in force for p: the greatest effective_from <= the period's
 * calendar start, else the first. 0 loaded (defaults for a missing set), -1 database error. */
int rp_rules_for(db_t *db, const struct report_period *p, struct report_rules *out);

/* Starts a report transaction at READ COMMITTED. Why: a child's submit, return or accept waits
 * for the lock on its parent's report and then adds up the children; under REPEATABLE READ its
 * snapshot, taken before that wait, would miss a sibling committed meanwhile and the parent would
 * lose it. Each statement sees what is committed; the parent's lock serialises the writers. 0/-1.
 */
int rp_begin(db_t *db);

/* {id, code, name, level, parent_id, valid_from, valid_to, root}: 1 found, 0 not, -1 error. */
int rp_unit(db_t *db, long long unit_id, json_t **out);

/* What a principal may do with a unit's report (bits); scope is read from the database. */
enum { RP_READ = 1, RP_WRITE = 2, RP_REVIEW = 4 };
/* The bits for unit (a row of rp_unit), or -1 on a database error. */
int rp_rights(db_t *db, const struct principal *p, json_t *unit);

/* 1 when p may read report id (rp_rights gives RP_READ, as GET /reports/{id} decides), 0 when
 * it is missing or out of p's scope, -1 on a database error. */
int rp_visible(db_t *db, const struct principal *p, long long id);

/* A new report: the unit, kind, parsed period, ad hoc title and explicit due (or NULL). */
struct rp_new {
    long long unit_id;
    const char *kind;
    struct report_period period;
    const char *title;
    const struct ymd *due;
};
/* Creates the draft with its figures in the caller's transaction (who may be NULL: the system).
 * 1 created (*id), 0 one exists already (*id is it), -1 database error or no memory. */
int rp_create(db_t *db, const struct principal *who, const struct rp_new *n, long long *id);

/* Recomputes a report's computed, system, tables and aggregation from the data and its
 * children's reports, in the caller's transaction (the row locked by the caller). 0 / -1. */
int rp_compute(db_t *db, long long id);

/* One event row in the caller's transaction; at NULL: now. 0 / -1. */
int rp_event(db_t *db, long long id, const struct principal *who, const char *action,
             const char *comment, const char *at);

/* The report row (columns of the answer, its JSON parsed), locked when lock: 1 / 0 / -1. */
int rp_load(db_t *db, long long id, int lock, json_t **out);

enum rp_action { RPA_SUBMIT, RPA_ACCEPT, RPA_RETURN };
/* 1 when action a is allowed from status (a report's "status"). */
int rp_transition_allowed(const char *status, enum rp_action a);
/* Applies a (allowed: checked by the caller on the locked row) in the caller's transaction: the
 * status and its time (at NULL: now; submit marks late against due), the event, and the
 * parent's editable report of the same kind and period recomputed. 0 / -1. */
int rp_transition(db_t *db, json_t *row, const struct principal *who, enum rp_action a,
                  const char *comment, const char *at);
/* Tells the report's unit that its parent accepted or returned it (a unit-wide notification,
 * report.accepted / report.returned, the comment as its body); nothing for a submit. Called by
 * the request, not by rp_transition, so the demo's back-dated history notifies nobody. 0 or -1. */
int rp_notify_review(db_t *db, json_t *row, enum rp_action a, const char *comment);
const char *rp_action_name(enum rp_action a);

/* The full answer for report id as principal p sees it (can flags); NULL on a database error
 * or when it does not exist. */
json_t *rp_answer(db_t *db, const struct principal *p, long long id);

/* Reminds unit_id about its report for (kind, period): a notification per focal officer (and a
 * mail in the outbox for those with an address), or one to the whole unit when it has none;
 * dedupe (may be NULL) makes each notification once only. Returns the notifications written
 * (0 when all existed), -1 on a database error. Caller's transaction. */
int rp_remind_unit(db_t *db, long long unit_id, const char *kind, const char *period,
                   const char *due, const char *dedupe);

/* The regular periods whose reports may be due near today: for each kind (quarter, half, year)
 * the calendar period of today and the one before it, into out (6 at most); returns how many.
 * The reminder job and the landing page's "reports due" read the same list. */
int rp_current_periods(struct ymd today, struct report_period out[6]);

/* 409 with existing_id in the problem body. */
int rp_conflict_exists(req_t *r, long long existing_id);

#endif
