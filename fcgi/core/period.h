/* period: calendar dates, working days with holidays, reporting periods and cut-off windows. */
#ifndef KSTT_CORE_PERIOD_H
#define KSTT_CORE_PERIOD_H

#include <stddef.h>

/* A calendar date (proleptic Gregorian). Valid dates have 1 <= y <= 9999. */
struct ymd {
    int y, m, d;
};

int ymd_valid(struct ymd);
/* -1, 0 or 1, comparing y, then m, then d. */
int ymd_cmp(struct ymd, struct ymd);
/* Day number: days since 1970-01-01 (negative before). */
long ymd_to_days(struct ymd);
struct ymd days_to_ymd(long);
/* 0 = Monday .. 6 = Sunday. */
int ymd_weekday(struct ymd);
/* Strict "YYYY-MM-DD" (exactly 10 characters, a real date): 0 ok, -1 bad (*out untouched). */
int ymd_parse(const char *s, struct ymd *out);
/* Strict "YYYY-MM" (exactly 7 characters, a real month) into its first day: 0, or -1. */
int ym_parse(const char *s, struct ymd *first);
/* Strict "D/M/YYYY" or "D-M-YYYY" as people write dates in Vietnam (day and month of one or two
 * digits, one separator, a four-digit year, nothing else, a real date): 0 ok, -1 bad. */
int ymd_parse_dmy(const char *s, struct ymd *out);
/* "YYYY-MM-DD"; an invalid date is written as "0000-00-00". */
void ymd_format(struct ymd, char out[11]);
/* Last day of month m of year y; {0, 0, 0} when m is not 1..12. */
struct ymd ymd_last_of_month(int y, int m);

/*
 * The holiday calendar (table `holidays`), as ascending day numbers (ymd_to_days):
 * days: public holidays and compensatory days off (kind 'holiday');
 * workdays: compensatory working days, in practice Saturdays (kind 'workday', "làm bù").
 * Either list may be empty (NULL, 0); duplicates are tolerated. A day in both lists is a day
 * off: the announcement of a day off wins over a swap.
 */
struct holidays {
    const long *days;
    size_t n;
    const long *workdays;
    size_t nwork;
};

/* Mon-Fri and not a holiday, or a listed working day (h may be NULL: weekends only). */
int is_working_day(struct ymd, const struct holidays *h);
/*
 * n > 0: the n-th working day after start (start itself not counted);
 * n < 0: the |n|-th working day before start; n = 0: start.
 * For n > 0, working_days_between(start, result) == n. Runs in O(log n) steps, so a huge n
 * from a rule set costs nothing; the result may then fall outside 1..9999 (check ymd_valid).
 */
struct ymd add_working_days(struct ymd start, int n, const struct holidays *h);
/* Working days in (a, b]; if b < a, minus the working days in (b, a]. */
int working_days_between(struct ymd a, struct ymd b, const struct holidays *h);

/*
 * Reporting rules from the versioned rule set (SPEC §6); callers never hard-code them.
 * cutoff_day: data for a month runs from (cutoff_day + 1) of the month before to cutoff_day
 * of the month (default in force: 14). A cutoff_day <= 0, or at or past a month's last day,
 * cuts at the month end: calendar months.
 */
struct period_rules {
    int cutoff_day;
};

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF, PERIOD_YEAR };

/*
 * Calendar bounds of period `index` (1-based: month 1..12, quarter 1..4, half 1..2; ignored
 * for PERIOD_YEAR) of `year`: Q2 2023 -> 2023-04-01..2023-06-30. An index out of range or an
 * unknown kind gives {0, 0, 0} for both (ymd_valid fails).
 */
void period_bounds(enum period_kind, int year, int index, struct ymd *from, struct ymd *to);
/*
 * Data cut-off window of the same period: from the day after the cut-off of the month before
 * the period to the cut-off of its last month. Cut-off 14: Q1 2023 -> 2022-12-15..2023-03-14,
 * H1 2023 -> 2022-12-15..2023-06-14, year 2023 -> 2022-12-15..2023-12-14. Consecutive
 * windows tile the calendar without gap or overlap. rules NULL: calendar bounds. Years
 * 2..9999; otherwise, or for a bad index, {0, 0, 0} as in period_bounds.
 */
void period_cutoff_window(enum period_kind, int year, int index, const struct period_rules *,
                          struct ymd *from, struct ymd *to);
/* Calendar period (1-based) a date falls in: month, quarter, half; 1 for PERIOD_YEAR;
 * 0 for an invalid date or kind. */
int period_index_of(enum period_kind, struct ymd);
/*
 * Cut-off window a date falls in: returns the index and sets *year (may be NULL) to the
 * period's year: with cut-off 14, 2022-12-20 is in Q1 2023. 0 for an invalid date.
 */
int period_cutoff_index_of(enum period_kind, struct ymd, const struct period_rules *, int *year);

#endif
