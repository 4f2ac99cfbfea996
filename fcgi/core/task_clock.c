/* task_clock: the reminder of an assignment's due date that falls on a day. */
#include "core/task_clock.h"

#include <stdio.h>
#include <string.h>

/* A rule set asking for more than a working year is a typo; refusing it keeps the default. */
#define TASK_DAYS_MAX    250
#define TASK_OVERDUE_MAX 100

static void int_member(const json_t *o, const char *name, int lo, int hi, int *out) {
    json_t *v = json_object_get(o, name);
    if (!json_is_integer(v)) return;
    json_int_t x = json_integer_value(v);
    if (x >= lo && x <= hi) *out = (int)x;
}

/* At most 8 integers in [0, TASK_DAYS_MAX]; one bad element keeps the whole default list, since
 * half a list would remind on days nobody chose. */
static void day_list(const json_t *o, const char *name, int out[8], int *n) {
    json_t *a = json_object_get(o, name);
    size_t i, len = json_array_size(a);
    json_t *v;
    if (!json_is_array(a) || len > 8) return;
    json_array_foreach(a, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            json_integer_value(v) > TASK_DAYS_MAX)
            return;
    }
    json_array_foreach(a, i, v) out[i] = (int)json_integer_value(v);
    *n = (int)len;
}

void task_rules_from_json(const json_t *rules, struct task_rules *out) {
    memset(out, 0, sizeof *out);
    out->remind_before[0] = 5, out->remind_before[1] = 1, out->nbefore = 2;
    out->every = 5, out->overdue_max = 6;
    if (!json_is_object(rules)) return;
    day_list(rules, "remind_before_working_days", out->remind_before, &out->nbefore);
    int_member(rules, "overdue_every_working_days", 1, TASK_DAYS_MAX, &out->every);
    int_member(rules, "overdue_max", 0, TASK_OVERDUE_MAX, &out->overdue_max);
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
