/* task_clock: which reminder of an assignment's due date falls on a day (due soon, overdue and
 * its repetitions), from the dated `tasks` rule set, over a holiday calendar. Pure. */
#ifndef KSTT_CORE_TASK_CLOCK_H
#define KSTT_CORE_TASK_CLOCK_H

#include <jansson.h>

#include "core/period.h"

struct task_rules {
    int remind_before[8];
    int nbefore;     /* working days before the due date, e.g. {5, 1} */
    int every;       /* overdue: a reminder every this many working days after the due date */
    int overdue_max; /* at most this many overdue reminders */
};

/* Defaults ({5, 1}, every 5, at most 6), then every valid key of the rule set's JSON object
 * ("remind_before_working_days", "overdue_every_working_days", "overdue_max") over them; a bad
 * value keeps its default. Never fails. */
void task_rules_from_json(const json_t *rules, struct task_rules *out);

/* Which reminder is due on `today` for an assignment due on `due` and not done: the latest
 * reminder date <= today among the before ones (add_working_days(due, -n), id "b<n>") and the
 * overdue ones (the k-th at add_working_days(due, k * every), 1 <= k <= overdue_max, id
 * "o<k>"), written into out; 1 when one is due, 0 when none (before the first one's date).
 * *overdue (may be NULL) is set to 1 for an "o" id, 0 otherwise. The job dedupes by id. */
int task_reminder(struct ymd due, struct ymd today, const struct task_rules *,
                  const struct holidays *, char out[8], int *overdue);

#endif
