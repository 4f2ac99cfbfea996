/* report_period: periodic reports' period keys, data windows, due dates by unit level and
 * reminder days, from the dated `period` rule set. Pure. */
#ifndef KSTT_CORE_REPORT_PERIOD_H
#define KSTT_CORE_REPORT_PERIOD_H

#include <jansson.h>

#include "core/period.h"

enum report_pkind { RP_QUARTER, RP_HALF, RP_YEAR, RP_ADHOC };
/* index: quarter 1..4, half 1..2, 1 for a year, 0 ad hoc; from, to: the calendar bounds (ad
 * hoc: its explicit range); year: the period's year (ad hoc: from's). */
struct report_period {
    enum report_pkind kind;
    int year, index;
    struct ymd from, to;
};
/* "2024-Q1", "2024-H2", "2024" or "2024-03-01..2024-05-31" (from <= to, at most 366 days
 * long): 0 ok, -1 bad (out untouched). Years 2000..2100. Only the canonical spelling that
 * report_period_key writes is accepted ("2024-q1" is bad). */
int report_period_parse(const char *key, struct report_period *out);
void report_period_key(const struct report_period *, char out[32]);
/* Calendar start of the period: selects the rule version (ad hoc: from). */
struct ymd report_period_start(const struct report_period *);
struct report_rules {
    int cutoff_day;
    int due_day[6]; /* by unit level index: report_level_index() */
    int adhoc_due_working_days;
    int remind_before[8];
    int nbefore; /* working days before due, e.g. {3, 1} */
    int remind_after[8];
    int nafter; /* calendar days after due, e.g. {1} */
};
/* Level name ("province","department","district","commune","vertical","onestop") -> 0..5, -1. */
int report_level_index(const char *level);
/* Defaults (the values above), then every valid key of the rule set's JSON object over them;
 * bad values keep the default. Never fails. */
void report_rules_from_json(const json_t *rules, struct report_rules *out);
/* Data window of the period. */
void report_window(const struct report_period *, const struct report_rules *, struct ymd *from,
                   struct ymd *to);
/* Due date for a unit of that level (explicit: the ad hoc request's due, or NULL). */
struct ymd report_due(const struct report_period *, const struct report_rules *, int level_index,
                      const struct ymd *explicit_due, const struct holidays *);
/* Which reminder is due on `today` for a report due on `due` and not yet submitted: the latest
 * reminder date <= today among the before ones (add_working_days(due, -n)) and the after ones
 * (due + n days), as an id written into out ("b3", "b1", "a1"); 1 when one is due, 0 when none
 * (before the first reminder's date). The job dedupes by id. */
int report_reminder(struct ymd due, struct ymd today, const struct report_rules *,
                    const struct holidays *, char out[8]);
/* late: submitted on a date after due. */
int report_is_late(struct ymd due, struct ymd submitted_on);

#endif
