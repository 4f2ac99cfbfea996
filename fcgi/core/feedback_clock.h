/* Legal clocks of citizen feedback: deadlines in working days from the rule set, days left,
 * overdue and due-soon verdicts, over a holiday calendar. Pure. */
#ifndef KSTT_CORE_FEEDBACK_CLOCK_H
#define KSTT_CORE_FEEDBACK_CLOCK_H

#include "core/feedback_flow.h"
#include "core/period.h"

/* The legal time limits in working days (rule set "feedback"). */
struct fb_rules {
    int reject_days, info_request_days, forward_days, answer_days, publish_days;
};

/* Dates the clock of an item starts from; an unset date has y == 0. */
struct fb_dates {
    struct ymd intake;    /* received, or the sender's reply to a request for information */
    struct ymd returned;  /* last return by a unit */
    struct ymd forwarded; /* last forwarding to a unit */
    struct ymd answered;  /* last answer submitted by the unit */
};

struct fb_clock {
    struct ymd due;   /* the state's main deadline; y == 0 when no clock runs */
    int limit;        /* its time limit in working days */
    int days_left;    /* working days from today to due; when overdue, minus the working days
                       * past it (0 on a weekend right after the deadline) */
    int overdue;      /* today is after due */
    int due_soon;     /* not overdue and days_left <= fb_soon_threshold(limit) */
    const char *step; /* whose move: "coordinator", "unit", "citizen" or NULL (final) */
    /* Sub-clocks of a new item (y == 0 otherwise): deciding to reject, first info request. */
    struct ymd reject_due, info_due;
};

/* Working days left at which a deadline counts as near: a fifth of the limit, at least 1. */
int fb_soon_threshold(int limit);
/*
 * The clock of an item in state s: new/accepted: forward_days from intake (and the reject and
 * information sub-clocks); returned: forward_days from the return; forwarded/processing:
 * answer_days from forwarding; answered: publish_days from the answer; needs_info (the
 * sender's move) and final states: no clock. h may be NULL (weekends only).
 */
void fb_clock(enum fb_state s, const struct fb_dates *d, const struct fb_rules *r,
              const struct holidays *h, struct ymd today, struct fb_clock *out);
/* The state's main deadline alone (fb_clock's due, which does not depend on today). */
struct ymd fb_due(enum fb_state s, const struct fb_dates *d, const struct fb_rules *r,
                  const struct holidays *h);
/* The answer date promised at submission: forward_days + answer_days after intake. */
struct ymd fb_answer_due(struct ymd intake, const struct fb_rules *r, const struct holidays *h);
/* The coordinator's deadline for a new item (or one the sender completed): forward_days after
 * intake, the due date of fb_clock for FB_NEW. */
struct ymd fb_intake_due(struct ymd intake, const struct fb_rules *r, const struct holidays *h);
/* The unit's deadline for an item forwarded on that day: answer_days after it. */
struct ymd fb_forward_due(struct ymd forwarded, const struct fb_rules *r, const struct holidays *h);
/*
 * The first due date that is no longer "due soon" today for a step of limit working days: for a
 * due date from today on, fb_clock's due_soon holds exactly when due < this day, which lets SQL
 * count near deadlines over stored due dates. It is the (threshold + 1)-th working day after
 * today.
 */
struct ymd fb_soon_limit(int limit, const struct holidays *h, struct ymd today);

/* The main limit of state s in working days (0 when no clock runs). */
int fb_limit(enum fb_state s, const struct fb_rules *r);
/*
 * The first day on which the deadline due of a step of limit working days counts as near: for
 * every today, fb_clock's due_soon holds exactly when this day <= today <= due. Stored with the
 * due date, it lets SQL filter near deadlines of items whose rules differ.
 */
struct ymd fb_soon_from(struct ymd due, int limit, const struct holidays *h);

/* The dated versions of the rule set "feedback", ascending by effective date (at most
 * FB_RULE_VERSIONS_MAX: a loader keeps the latest). */
#define FB_RULE_VERSIONS_MAX 64
struct fb_rule_versions {
    size_t n;
    struct ymd from[FB_RULE_VERSIONS_MAX];
    struct fb_rules rules[FB_RULE_VERSIONS_MAX];
};
/* The version in force on day: the latest from <= day; before the first, the first; NULL when
 * there is none. An item's clocks use the version in force on its received date. */
const struct fb_rules *fb_rules_at(const struct fb_rule_versions *v, struct ymd day);

#endif
