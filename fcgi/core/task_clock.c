/* task_clock: the reminder of an assignment's due date that falls on a day. */
#include "core/task_clock.h"
#include "core/rule_json.h"

#include <stdio.h>
#include <string.h>

/* A rule set asking for more than a working year is a typo; refusing it keeps the default. */
#define TASK_DAYS_MAX    250
#define TASK_OVERDUE_MAX 100

void task_rules_from_json(const json_t *rules, struct task_rules *out) {
    memset(out, 0, sizeof *out);
    out->remind_before[0] = 5, out->remind_before[1] = 1, out->nbefore = 2;
    out->every = 5, out->overdue_max = 6;
    if (!json_is_object(rules)) return;
    rule_day_list(rules, "remind_before_working_days", TASK_DAYS_MAX, out->remind_before,
                  &out->nbefore);
    rule_int(rules, "overdue_every_working_days", 1, TASK_DAYS_MAX, &out->every);
    rule_int(rules, "overdue_max", 0, TASK_OVERDUE_MAX, &out->overdue_max);
}

/* The overdue repetition in force on today: k >= 1 when the k-th reminder date
 * add_working_days(due, k * every) is <= today (capped at overdue_max), else 0. The k-th
 * working day after due is on or before today exactly when (due, today] holds k of them. */
static int overdue_index(struct ymd due, struct ymd today, const struct task_rules *r,
                         const struct holidays *h) {
    if (r->every <= 0 || r->overdue_max <= 0 || ymd_cmp(today, due) <= 0) return 0;
    int k = working_days_between(due, today, h) / r->every;
    int max = r->overdue_max > TASK_OVERDUE_MAX ? TASK_OVERDUE_MAX : r->overdue_max;
    return k > max ? max : k;
}

int task_reminder(struct ymd due, struct ymd today, const struct task_rules *r,
                  const struct holidays *h, char out[8], int *overdue) {
    if (overdue) *overdue = 0;
    int k = overdue_index(due, today, r, h);
    if (k > 0) {
        /* k <= TASK_OVERDUE_MAX here, and n <= TASK_DAYS_MAX below: the modulo only shows the
         * compiler that the id fits */
        snprintf(out, 8, "o%d", k % 100000);
        if (overdue) *overdue = 1;
        return 1;
    }
    /* The before dates fall earlier as n grows: the latest one on or before today is the
     * smallest such n. */
    int nb = r->nbefore < 0 ? 0 : r->nbefore > 8 ? 8 : r->nbefore, best = -1;
    for (int i = 0; i < nb; i++) {
        int n = r->remind_before[i];
        if (n < 0 || n > TASK_DAYS_MAX || (best >= 0 && n >= best)) continue;
        if (ymd_cmp(add_working_days(due, -n, h), today) <= 0) best = n;
    }
    if (best < 0) return 0;
    snprintf(out, 8, "b%d", best % 100000);
    return 1;
}
