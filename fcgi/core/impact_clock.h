/* impact_clock: the appraisal clock of an impact assessment (đánh giá tác động TTHC): its rule set
 * (time limit in working days, the appraising unit's code), the due date over the holiday
 * calendar, days left and overdue. Pure. */
#ifndef KSTT_CORE_IMPACT_CLOCK_H
#define KSTT_CORE_IMPACT_CLOCK_H

#include <jansson.h>

#include "core/period.h"

/* Rule set "impact": the appraisal's time limit and the appraising unit (by its code). */
struct impact_rules {
    int appraisal_days;      /* 1..250 working days, default 10 */
    char appraiser_code[33]; /* default "STP", the Department of Justice */
};

/* The rules from rules_json (NULL: defaults); a bad value keeps its default, key by key. */
void impact_rules_from_json(const json_t *o, struct impact_rules *out);

struct impact_clock {
    struct ymd due; /* y == 0 when no clock runs (draft, or appraised) */
    int days_left;  /* working days from today to due; negative past it */
    int overdue;    /* no opinion yet and today is after due */
};

/* The clock of an assessment sent on sent (y == 0: not sent) with a limit of days working days,
 * appraised on appraised (y == 0: not yet). An appraised one shows its due date and whether the
 * opinion came late (overdue = appraised after due), days_left 0. h may be NULL. */
void impact_clock(struct ymd sent, int days, struct ymd appraised, const struct holidays *h,
                  struct ymd today, struct impact_clock *out);

/* The procedures a draft creates, changes or abolishes: a JSON array (at most 100) of
 * {"action": "create"|"change"|"abolish", "name": 1..500 characters, "procedure_id": a positive
 * integer or null (a catalogue procedure, for a change or an abolition only)}. NULL when valid,
 * else a Vietnamese message. */
const char *impact_procedures_error(const json_t *a);
/* The assessment form's answers: an object whose keys are among necessity, reasonableness,
 * lawfulness, cost (text up to 8000 characters, or null) and cost_vnd (a whole number of VND
 * within 0..10^15, or null). NULL when valid, else a Vietnamese message. */
const char *impact_answers_error(const json_t *o);

#endif
