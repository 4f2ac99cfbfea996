/* Where an assignment stands: overdue, due soon, done late, missing a periodic report. Pure. */
#include "core/progress.h"

#include <stdio.h>
#include <string.h>

#include "core/timeline.h"

/* The finest recurrence named: reports are expected at least that often. */
static unsigned finest(unsigned r) {
    if (r & TL_REC_MONTHLY) return TL_REC_MONTHLY;
    if (r & TL_REC_QUARTERLY) return TL_REC_QUARTERLY;
    if (r & TL_REC_HALF_YEARLY) return TL_REC_HALF_YEARLY;
    if (r & TL_REC_YEARLY) return TL_REC_YEARLY;
    return 0;
}

static enum period_kind kind_of(unsigned bit) {
    switch (bit) {
    case TL_REC_MONTHLY:
        return PERIOD_MONTH;
    case TL_REC_QUARTERLY:
        return PERIOD_QUARTER;
    case TL_REC_HALF_YEARLY:
        return PERIOD_HALF;
    default:
        return PERIOD_YEAR;
    }
}

void recurrence_period(unsigned bit, struct ymd day, struct ymd *from, struct ymd *to) {
    enum period_kind k = kind_of(bit);
    period_bounds(k, day.y, period_index_of(k, day), from, to);
}

void recurrence_label(unsigned bit, struct ymd day, char out[16]) {
    enum period_kind k = kind_of(bit);
    int i = period_index_of(k, day);
    switch (k) {
    case PERIOD_MONTH:
        snprintf(out, 16, "%04d-%02d", day.y, i);
        break;
    case PERIOD_QUARTER:
        snprintf(out, 16, "%04d-Q%d", day.y, i);
        break;
    case PERIOD_HALF:
        snprintf(out, 16, "%04d-H%d", day.y, i);
        break;
    default:
        snprintf(out, 16, "%04d", day.y);
        break;
    }
}

/* For a periodic task: the end of the latest finished period (before today, not before the
 * task started) that has no update dated inside or after it. */
static int missing_period(const struct asg_facts *f, unsigned bit, struct ymd *end) {
    struct ymd pf, pt;
    recurrence_period(bit, f->today, &pf, &pt);
    struct ymd prev_end = days_to_ymd(ymd_to_days(pf) - 1);
    struct ymd start = f->start.y ? f->start : (struct ymd){f->due.y ? f->due.y : f->today.y, 1, 1};
    if (ymd_cmp(prev_end, start) < 0) return 0; /* no period has finished since it started */
    struct ymd ppf, ppt;
    recurrence_period(bit, prev_end, &ppf, &ppt);
    /* An update posted during the period or after it (a late report) covers it. */
    if (f->last_update.y && ymd_cmp(f->last_update, ppf) >= 0) return 0;
    *end = ppt;
    return 1;
}

void assignment_state(const struct asg_facts *f, const struct holidays *h, int due_soon_days,
                      struct asg_state *out) {
    memset(out, 0, sizeof *out);
    const char *st = f->status ? f->status : "not_started";
    int done = strcmp(st, "done") == 0;
    out->state = st;
    if (done) {
        if (f->due.y && f->done.y && ymd_cmp(f->done, f->due) > 0) out->state = "done_late";
        return;
    }
    if (f->due.y && ymd_cmp(f->today, f->due) > 0) {
        out->overdue = 1;
        out->state = "overdue";
        return;
    }
    unsigned bit = finest(f->recurrence);
    if (bit && missing_period(f, bit, &out->missing_period_end)) {
        out->missing_report = 1;
        out->overdue = 1;
        out->state = "overdue";
        return;
    }
    if (f->due.y && due_soon_days > 0) {
        struct ymd limit = add_working_days(f->today, due_soon_days, h);
        if (ymd_cmp(f->due, limit) <= 0) out->due_soon = 1;
    }
}
