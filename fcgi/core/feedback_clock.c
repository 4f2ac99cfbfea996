/* Legal clocks of citizen feedback: deadlines in working days, days left, overdue, due soon. */
#include "core/feedback_clock.h"

#include <string.h>

int fb_soon_threshold(int limit) {
    int t = (limit + 4) / 5;
    return t < 1 ? 1 : t;
}

static int set(struct ymd d) {
    return d.y != 0;
}

/* The date the state's clock runs from ({0, 0, 0}: none), its limit and whose move it is. */
static struct ymd clock_start(enum fb_state s, const struct fb_dates *d, const struct fb_rules *r,
                              int *limit, const char **step) {
    struct ymd none = {0, 0, 0};
    *limit = 0;
    *step = NULL;
    switch (s) {
    case FB_NEW:
    case FB_ACCEPTED:
        *limit = r->forward_days;
        *step = "coordinator";
        return d->intake;
    case FB_RETURNED:
        *limit = r->forward_days;
        *step = "coordinator";
        /* Re-routing after a unit declines is a new forwarding decision. */
        return set(d->returned) ? d->returned : d->intake;
    case FB_FORWARDED:
    case FB_PROCESSING:
        *limit = r->answer_days;
        *step = "unit";
        return d->forwarded;
    case FB_ANSWERED:
        *limit = r->publish_days;
        *step = "coordinator";
        return d->answered;
    case FB_NEEDS_INFO:
        *step = "citizen";
        return none;
    default:
        return none;
    }
}

struct ymd fb_due(enum fb_state s, const struct fb_dates *d, const struct fb_rules *r,
                  const struct holidays *h) {
    int limit;
    const char *step;
    struct ymd base = clock_start(s, d, r, &limit, &step), none = {0, 0, 0};
    return set(base) ? add_working_days(base, limit, h) : none;
}

void fb_clock(enum fb_state s, const struct fb_dates *d, const struct fb_rules *r,
              const struct holidays *h, struct ymd today, struct fb_clock *out) {
    memset(out, 0, sizeof *out);
    struct ymd base = clock_start(s, d, r, &out->limit, &out->step);
    if (!set(base)) return;
    if (s == FB_NEW || s == FB_ACCEPTED) {
        out->reject_due = add_working_days(base, r->reject_days, h);
        out->info_due = add_working_days(base, r->info_request_days, h);
    }
    out->due = add_working_days(base, out->limit, h);
    if (ymd_cmp(today, out->due) > 0) {
        out->overdue = 1;
        out->days_left = -working_days_between(out->due, today, h);
    } else {
        out->days_left = working_days_between(today, out->due, h);
        out->due_soon = out->days_left <= fb_soon_threshold(out->limit);
    }
}

struct ymd fb_answer_due(struct ymd intake, const struct fb_rules *r, const struct holidays *h) {
    return add_working_days(intake, r->forward_days + r->answer_days, h);
}

struct ymd fb_intake_due(struct ymd intake, const struct fb_rules *r, const struct holidays *h) {
    return add_working_days(intake, r->forward_days, h);
}

struct ymd fb_forward_due(struct ymd forwarded, const struct fb_rules *r,
                          const struct holidays *h) {
    return add_working_days(forwarded, r->answer_days, h);
}

/* days_left <= threshold  <=>  due < the (threshold + 1)-th working day after today. */
struct ymd fb_soon_limit(int limit, const struct holidays *h, struct ymd today) {
    return add_working_days(today, fb_soon_threshold(limit) + 1, h);
}

int fb_limit(enum fb_state s, const struct fb_rules *r) {
    int limit;
    const char *step;
    const struct fb_dates none = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    (void)clock_start(s, &none, r, &limit, &step);
    return limit;
}

/* Why a walk: days_left (working days in (today, due]) only grows going back, so the days it is
 * at most the threshold form one run ending at due; the walk finds where it starts. */
struct ymd fb_soon_from(struct ymd due, int limit, const struct holidays *h) {
    int t = fb_soon_threshold(limit);
    long d = ymd_to_days(due);
    while (working_days_between(days_to_ymd(d - 1), due, h) <= t) d--;
    return days_to_ymd(d);
}

const struct fb_rules *fb_rules_at(const struct fb_rule_versions *v, struct ymd day) {
    if (!v || v->n == 0) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++)
        if (ymd_cmp(v->from[i], day) <= 0) k = i;
    return &v->rules[k];
}
