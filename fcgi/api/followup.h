/* Follow-up assignments: the work a finding or a dialogue commitment leaves to a unit (issue 18).
 */
#ifndef KSTT_API_FOLLOWUP_H
#define KSTT_API_FOLLOWUP_H
#include <jansson.h>

#include "store/db.h"

/* What a follow-up is for and where it goes. */
struct followup {
    const char *source_kind; /* "inspection" or "dialogue" (assignments.source_kind) */
    long long source_id;     /* the inspection or the communication */
    long long owner_unit_id; /* the unit that follows it up (owns the yearly follow-up plan) */
    long long plan_id;       /* the source's own published plan, or 0: the yearly one */
    int year;                /* the year of the yearly follow-up plan */
    long long unit_id;       /* the unit that must act */
    const char *title;       /* the task's title */
    const char *due;         /* YYYY-MM-DD */
};

/* Creates, in the caller's transaction, a task in the plan (the owner's yearly follow-up plan of
 * the source's kind, created published on demand, when plan_id is 0) and its lead assignment of
 * unit_id with the source recorded, and tells the unit. The assignment id, or -1 on a database
 * error. */
long long followup_create(db_t *db, const struct followup *f);

/* The open follow-ups of a source as a JSON array of assignment ids (NULL on error). */
json_t *followup_open_ids(db_t *db, const char *source_kind, long long source_id);

/* The follow-ups of a source as [{assignment_id, unit_id, unit_name, due_date, status, done_date,
 * overdue (against today, YYYY-MM-DD)}] (NULL on error). */
json_t *followup_list(db_t *db, const char *source_kind, long long source_id, const char *today);

#endif
