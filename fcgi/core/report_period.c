/* report_period: period keys, windows, due dates and reminders of periodic reports. */
#include "core/report_period.h"
#include "core/rule_json.h"

#include <stdio.h>
#include <string.h>

#define YEAR_MIN      2000
#define YEAR_MAX      2100
#define ADHOC_MAX     366 /* days in an ad hoc period, both ends counted */
#define MONTH_DAY_MAX 31
/* Rule values beyond these are typing mistakes, not rules: they keep the default. */
#define ADHOC_DAYS_MAX  250 /* about a year of working days */
#define REMIND_DAYS_MAX 60

static const char *const level_names[6] = {"province", "department", "district",
                                           "commune",  "vertical",   "onestop"};
static const int default_due_day[6] = {22, 20, 20, 17, 20, 20};

int report_level_index(const char *level) {
    if (!level) return -1;
    for (int i = 0; i < 6; i++)
        if (strcmp(level, level_names[i]) == 0) return i;
    return -1;
}

/* ---- keys ---- */

/* Exactly n ASCII digits at s: their value, or -1 (also when s is shorter). */
static int digits_at(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int year_ok(int y) {
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

static void set_calendar(struct report_period *p) {
    enum period_kind k = p->kind == RP_QUARTER ? PERIOD_QUARTER
                         : p->kind == RP_HALF  ? PERIOD_HALF
                                               : PERIOD_YEAR;
    period_bounds(k, p->year, p->index, &p->from, &p->to);
}

/* "YYYY-MM-DD..YYYY-MM-DD", exactly 22 characters. */
static int parse_adhoc(const char *key, struct report_period *p) {
    char a[11], b[11];
    if (strlen(key) != 22 || key[10] != '.' || key[11] != '.') return -1;
    memcpy(a, key, 10), a[10] = '\0';
    memcpy(b, key + 12, 10), b[10] = '\0';
    if (ymd_parse(a, &p->from) < 0 || ymd_parse(b, &p->to) < 0) return -1;
    if (!year_ok(p->from.y) || !year_ok(p->to.y) || ymd_cmp(p->from, p->to) > 0) return -1;
    if (ymd_to_days(p->to) - ymd_to_days(p->from) + 1 > ADHOC_MAX) return -1;
    p->kind = RP_ADHOC;
    p->year = p->from.y;
    p->index = 0;
    return 0;
}

int report_period_parse(const char *key, struct report_period *out) {
    struct report_period p;
    if (!key || !out) return -1;
    size_t n = strlen(key);
    if (n == 22) {
        if (parse_adhoc(key, &p) < 0) return -1;
        *out = p;
        return 0;
    }
    if ((n != 4 && n != 7) || (p.year = digits_at(key, 4)) < 0 || !year_ok(p.year)) return -1;
    if (n == 4) {
        p.kind = RP_YEAR, p.index = 1;
    } else {
        /* upper case only: one period, one key (the unique index of reports is on the key) */
        if (key[4] != '-' || (key[5] != 'Q' && key[5] != 'H')) return -1;
        p.kind = key[5] == 'Q' ? RP_QUARTER : RP_HALF;
        p.index = digits_at(key + 6, 1);
        if (p.index < 1 || p.index > (p.kind == RP_QUARTER ? 4 : 2)) return -1;
    }
    set_calendar(&p);
    *out = p;
    return 0;
}

void report_period_key(const struct report_period *p, char out[32]) {
    char a[11], b[11];
    switch (p->kind) {
    case RP_QUARTER:
    case RP_HALF:
        snprintf(out, 32, "%04d-%c%d", p->year, p->kind == RP_QUARTER ? 'Q' : 'H', p->index);
        return;
    case RP_YEAR:
        snprintf(out, 32, "%04d", p->year);
        return;
    default:
        ymd_format(p->from, a);
        ymd_format(p->to, b);
        snprintf(out, 32, "%s..%s", a, b);
    }
}

struct ymd report_period_start(const struct report_period *p) {
    return p->from;
}

/* ---- rules ---- */

void report_rules_from_json(const json_t *rules, struct report_rules *out) {
    memset(out, 0, sizeof *out);
    out->cutoff_day = 14;
    memcpy(out->due_day, default_due_day, sizeof out->due_day);
    out->adhoc_due_working_days = 5;
    out->remind_before[0] = 3, out->remind_before[1] = 1, out->nbefore = 2;
    out->remind_after[0] = 1, out->nafter = 1;
    if (!json_is_object(rules)) return;
    rule_int(rules, "cutoff_day", 0, MONTH_DAY_MAX, &out->cutoff_day);
    json_t *due = json_object_get(rules, "due_day");
    for (int i = 0; i < 6 && json_is_object(due); i++)
        rule_int(due, level_names[i], 1, MONTH_DAY_MAX, &out->due_day[i]);
    rule_int(rules, "adhoc_due_working_days", 0, ADHOC_DAYS_MAX, &out->adhoc_due_working_days);
    rule_day_list(rules, "remind_before_working_days", REMIND_DAYS_MAX, out->remind_before,
                  &out->nbefore);
    rule_day_list(rules, "remind_after_days", REMIND_DAYS_MAX, out->remind_after, &out->nafter);
}

/* ---- windows, due dates, reminders ---- */

static enum period_kind calendar_kind(enum report_pkind k) {
    return k == RP_QUARTER ? PERIOD_QUARTER : k == RP_HALF ? PERIOD_HALF : PERIOD_YEAR;
}

void report_window(const struct report_period *p, const struct report_rules *r, struct ymd *from,
                   struct ymd *to) {
    if (p->kind == RP_ADHOC) {
        *from = p->from;
        *to = p->to;
        return;
    }
    struct period_rules pr = {r->cutoff_day};
    period_cutoff_window(calendar_kind(p->kind), p->year, p->index, &pr, from, to);
}

/* The due day of a level; an unknown level takes the latest of them all, so that a bad level
 * never makes a unit late earlier than any real level would be. */
static int due_day_of(const struct report_rules *r, int level) {
    if (level >= 0 && level < 6) return r->due_day[level];
    int d = r->due_day[0];
    for (int i = 1; i < 6; i++)
        if (r->due_day[i] > d) d = r->due_day[i];
    return d;
}

struct ymd report_due(const struct report_period *p, const struct report_rules *r, int level_index,
                      const struct ymd *explicit_due, const struct holidays *h) {
    if (p->kind == RP_ADHOC) {
        if (explicit_due && ymd_valid(*explicit_due)) return *explicit_due;
        return add_working_days(p->to, r->adhoc_due_working_days, h);
    }
    struct ymd last = ymd_last_of_month(p->to.y, p->to.m);
    int d = due_day_of(r, level_index);
    if (d >= 1 && d < last.d) last.d = d;
    return last;
}

/* Is candidate (date c, after?, n) later than the best so far? On one date an after reminder
 * wins over a before one, and among befores the one nearer the due date. */
static int later(long c, int after, int n, long best, int bafter, int bn) {
    if (c != best) return c > best;
    if (after != bafter) return after;
    return after ? n > bn : n < bn;
}

int report_reminder(struct ymd due, struct ymd today, const struct report_rules *r,
                    const struct holidays *h, char out[8]) {
    long t = ymd_to_days(today), best = 0;
    int found = 0, bafter = 0, bn = 0;
    /* the lists hold 8: a caller-built rules struct with longer counts reads no further */
    int nb = r->nbefore < 0 ? 0 : r->nbefore > 8 ? 8 : r->nbefore;
    int na = r->nafter < 0 ? 0 : r->nafter > 8 ? 8 : r->nafter;
    for (int k = 0; k < nb + na; k++) {
        int after = k >= nb, n = after ? r->remind_after[k - nb] : r->remind_before[k];
        long c = after ? ymd_to_days(due) + n : ymd_to_days(add_working_days(due, -n, h));
        if (c > t || (found && !later(c, after, n, best, bafter, bn))) continue;
        found = 1, best = c, bafter = after, bn = n;
    }
    if (found) snprintf(out, 8, "%c%d", bafter ? 'a' : 'b', bn);
    return found;
}

int report_is_late(struct ymd due, struct ymd submitted_on) {
    return ymd_cmp(submitted_on, due) > 0;
}
