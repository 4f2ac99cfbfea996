/* Where an assignment stands: overdue, due soon, done late, missing a periodic report. Pure. */
#ifndef KSTT_PROGRESS_H
#define KSTT_PROGRESS_H
#include "core/period.h"

struct asg_facts {
    const char *status; /* reported: not_started, in_progress, done, blocked */
    struct ymd due;     /* y == 0: no due date (event not happened yet, on request) */
    struct ymd done;    /* y == 0: not done */
    struct ymd today;
    unsigned recurrence;    /* tl_recur bits; continuous tasks pass TL_REC_QUARTERLY */
    struct ymd start;       /* first day the task runs (y == 0: start of due's year) */
    struct ymd last_update; /* y == 0: never */
};

struct asg_state {
    const char *state;  /* not_started, in_progress, done, done_late, blocked, overdue */
    int overdue;        /* the due date passed and it is not done, or a period went unreported */
    int due_soon;       /* not done and due within due_soon_days working days */
    int missing_report; /* a periodic task has a finished period with no update */
    struct ymd missing_period_end; /* the last such period's end */
};

/* due_soon_days: working days ahead that count as "due soon" (rule set; 5 by default). */
void assignment_state(const struct asg_facts *f, const struct holidays *h, int due_soon_days,
                      struct asg_state *out);
/* The period (bitmask of one tl_recur) containing day: its first and last day. */
void recurrence_period(unsigned recur_bit, struct ymd day, struct ymd *from, struct ymd *to);
/* Label of the period containing day for a recurrence: 2023-03, 2023-Q1, 2023-H1, 2023. */
void recurrence_label(unsigned recur_bit, struct ymd day, char out[16]);

#endif
