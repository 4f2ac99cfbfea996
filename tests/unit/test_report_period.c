/* Unit tests for core/report_period: period keys, windows, due dates, rules JSON, reminders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/report_period.h"
#include "unit_helpers.h"

enum { PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, VERTICAL, ONESTOP };

/* Days off and the working Saturday around Tet and 30/4 2025 (as in 003_holidays.sql). */
static const char *const OFF[] = {"2025-01-01", "2025-01-27", "2025-01-28",
                                  "2025-01-29", "2025-01-30", "2025-01-31",
                                  "2025-04-30", "2025-05-01", "2025-05-02"};
static long off_days[sizeof OFF / sizeof OFF[0]], work_days[1];

static struct holidays calendar(void) {
    size_t n = sizeof OFF / sizeof OFF[0];
    for (size_t i = 0; i < n; i++) off_days[i] = ymd_to_days(D(OFF[i]));
    work_days[0] = ymd_to_days(D("2025-04-26"));
    struct holidays h = {off_days, n, work_days, 1};
    return h;
}

static struct report_period P(const char *key) {
    struct report_period p;
    assert_int_equal(report_period_parse(key, &p), 0);
    return p;
}

static struct report_rules
defaults(void) {
    struct report_rules r;
    report_rules_from_json(NULL, &r);
    return r;
}

static struct report_rules rules_from(const char *text) {
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    assert_non_null(j);
    struct report_rules r;
    report_rules_from_json(j, &r);
    json_decref(j);
    return r;
}

/* The window of key under r, as "from..to". */
static void assert_window(const char *key, const struct report_rules *r, const char *want) {
    struct report_period p = P(key);
    struct ymd f, t;
    char a[11], b[11], got[32];
    report_window(&p, r, &f, &t);
    ymd_format(f, a);
    ymd_format(t, b);
    snprintf(got, sizeof got, "%s..%s", a, b);
    assert_string_equal(got, want);
}

static void assert_due(const char *key, const struct report_rules *r, int level, const char *want) {
    struct report_period p = P(key);
    assert_date(report_due(&p, r, level, NULL, NULL), want);
}

static void parse_every_kind(void **state) {
    (void)state;
    struct report_period p = P("2024-Q3");
    assert_int_equal(p.kind, RP_QUARTER);
    assert_int_equal(p.year, 2024);
    assert_int_equal(p.index, 3);
    assert_date(p.from, "2024-07-01");
    assert_date(p.to, "2024-09-30");
    p = P("2024-H2");
    assert_int_equal(p.kind, RP_HALF);
    assert_int_equal(p.index, 2);
    assert_date(p.from, "2024-07-01");
    assert_date(p.to, "2024-12-31");
    p = P("2024");
    assert_int_equal(p.kind, RP_YEAR);
    assert_int_equal(p.index, 1);
    assert_date(p.from, "2024-01-01");
    assert_date(p.to, "2024-12-31");
    p = P("2024-03-01..2024-05-31");
    assert_int_equal(p.kind, RP_ADHOC);
    assert_int_equal(p.year, 2024);
    assert_int_equal(p.index, 0);
    assert_date(p.from, "2024-03-01");
    assert_date(p.to, "2024-05-31");
    p = P("2000");
    assert_int_equal(p.year, 2000);
    p = P("2100-Q4");
    assert_int_equal(p.year, 2100);
}

static void key_round_trip(void **state) {
    (void)state;
    static const char *const keys[] = {"2024-Q1",
                                       "2024-Q2",
                                       "2024-Q3",
                                       "2024-Q4",
                                       "2024-H1",
                                       "2024-H2",
                                       "2024",
                                       "2000-Q1",
                                       "2100-H2",
                                       "2100",
                                       "2024-02-29..2024-02-29",
                                       "2023-01-01..2024-01-01",
                                       "2024-01-01..2024-12-31",
                                       "2099-12-31..2100-12-31"};
    char out[32];
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        struct report_period p = P(keys[i]), q;
        report_period_key(&p, out);
        assert_string_equal(out, keys[i]);
        assert_int_equal(report_period_parse(out, &q), 0);
        assert_memory_equal(&p, &q, sizeof p);
    }
}

static void malformed_keys(void **state) {
    (void)state;
    static const char *const bad[] = {"",
                                      "2024-Q5",
                                      "2024-Q0",
                                      "2024-H0",
                                      "2024-H3",
                                      "24-Q1",
                                      "2024-q1",
                                      "2024-h1",
                                      "2024-Q",
                                      "2024Q1",
                                      "2024-Q1 ",
                                      " 2024-Q1",
                                      "2024-Q1x",
                                      "2024-Q10",
                                      "2024x",
                                      "202",
                                      "20245",
                                      "+024",
                                      "1999",
                                      "2101",
                                      "1999-Q4",
                                      "2101-H1",
                                      "2024-M1",
                                      "2024-Y1",
                                      "2024-Q-1",
                                      "2024-02-30..2024-03-01",
                                      "2023-02-29..2023-03-01",
                                      "2100-02-29..2100-03-01",
                                      "2024-03-01..2024-02-01",
                                      "2024-03-02..2024-03-01",
                                      "2024-03-01..2024-03-01x",
                                      "2024-03-01...2024-03-02",
                                      "2024-03-01..2024-3-02",
                                      "2024-03-01.-2024-03-02",
                                      "2024-03-01  2024-03-02",
                                      "1999-12-31..2000-01-05",
                                      "2100-12-31..2101-01-01",
                                      "2023-01-01..2024-01-02",
                                      "2024-01-01..2025-01-01",
                                      "2024-03-01..",
                                      "..2024-03-01",
                                      "2024-01-01..2024-12-31\n",
                                      "２０２４"};
    struct report_period p, sentinel;
    memset(&sentinel, 0x5a, sizeof sentinel);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = sentinel;
        if (report_period_parse(bad[i], &p) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_memory_equal(&p, &sentinel, sizeof p);
    }
    assert_int_equal(report_period_parse(NULL, &p), -1);
    assert_int_equal(report_period_parse("2024", NULL), -1);
}

static void leap_years(void **state) {
    (void)state;
    struct report_period p;
    assert_int_equal(report_period_parse("2024-02-29..2024-03-01", &p), 0);
    assert_int_equal(report_period_parse("2000-02-28..2000-02-29", &p), 0);
    /* 2100 is no leap year, 2000 is */
    assert_int_equal(report_period_parse("2100-02-29..2100-03-01", &p), -1);
    /* a whole leap year is 366 days: allowed; one day more is not */
    assert_int_equal(report_period_parse("2024-01-01..2024-12-31", &p), 0);
    assert_int_equal(report_period_parse("2024-01-01..2025-01-01", &p), -1);
    assert_int_equal(report_period_parse("2023-03-01..2024-02-29", &p), 0);
    assert_int_equal(report_period_parse("2023-03-01..2024-03-01", &p), -1);
    struct report_rules r = defaults();
    /* H1 and the year windows cross February in both kinds of year */
    assert_window("2024-H1", &r, "2023-12-15..2024-06-14");
    assert_window("2023-H1", &r, "2022-12-15..2023-06-14");
    /* cut-off at a day past February's end: calendar months there, the rule elsewhere */
    r.cutoff_day = 29;
    assert_window("2024-Q1", &r, "2023-12-30..2024-03-29");
    assert_window("2023-Q1", &r, "2022-12-30..2023-03-29");
    r.cutoff_day = 30;
    assert_window("2024-Q2", &r, "2024-03-31..2024-06-30");
    assert_window("2024-Q3", &r, "2024-07-01..2024-09-30");
}

static void calendar_start(void **state) {
    (void)state;
    struct report_rules r = defaults();
    /* the rule version follows the calendar start, not the window's first day */
    struct report_period q1 = P("2025-Q1");
    assert_date(report_period_start(&q1), "2025-01-01");
    assert_window("2025-Q1", &r, "2024-12-15..2025-03-14");
    struct report_period x = P("2025-Q2");
    assert_date(report_period_start(&x), "2025-04-01");
    x = P("2025-H1");
    assert_date(report_period_start(&x), "2025-01-01");
    x = P("2025-H2");
    assert_date(report_period_start(&x), "2025-07-01");
    x = P("2025");
    assert_date(report_period_start(&x), "2025-01-01");
    x = P("2025-02-10..2025-03-20");
    assert_date(report_period_start(&x), "2025-02-10");
}

static void windows_every_kind(void **state) {
    (void)state;
    struct report_rules r = defaults();
    assert_window("2024-Q1", &r, "2023-12-15..2024-03-14");
    assert_window("2024-Q2", &r, "2024-03-15..2024-06-14");
    assert_window("2024-Q3", &r, "2024-06-15..2024-09-14");
    assert_window("2024-Q4", &r, "2024-09-15..2024-12-14");
    assert_window("2024-H1", &r, "2023-12-15..2024-06-14");
    assert_window("2024-H2", &r, "2024-06-15..2024-12-14");
    assert_window("2024", &r, "2023-12-15..2024-12-14");
    assert_window("2024-02-03..2024-04-05", &r, "2024-02-03..2024-04-05");
    assert_window("2000-Q1", &r, "1999-12-15..2000-03-14");
    /* cut-off 0: calendar months */
    r.cutoff_day = 0;
    assert_window("2024-Q1", &r, "2024-01-01..2024-03-31");
    assert_window("2024-H2", &r, "2024-07-01..2024-12-31");
    assert_window("2024", &r, "2024-01-01..2024-12-31");
    assert_window("2024-02-03..2024-04-05", &r, "2024-02-03..2024-04-05");
}

static void due_every_kind_and_level(void **state) {
    (void)state;
    struct report_rules r = defaults();
    static const char *const q2[6] = {"2024-06-22", "2024-06-20", "2024-06-20",
                                      "2024-06-17", "2024-06-20", "2024-06-20"};
    for (int l = 0; l < 6; l++) assert_due("2024-Q2", &r, l, q2[l]);
    assert_due("2024-Q1", &r, COMMUNE, "2024-03-17");
    assert_due("2024-Q3", &r, DISTRICT, "2024-09-20");
    assert_due("2024-Q4", &r, PROVINCE, "2024-12-22");
    assert_due("2024-H1", &r, COMMUNE, "2024-06-17");
    assert_due("2024-H2", &r, DEPARTMENT, "2024-12-20");
    assert_due("2024", &r, PROVINCE, "2024-12-22");
    assert_due("2024", &r, ONESTOP, "2024-12-20");
    assert_due("2024", &r, VERTICAL, "2024-12-20");
    /* an unknown level: the latest due day of all (never late before a real level would be) */
    assert_due("2024-Q2", &r, -1, "2024-06-22");
    assert_due("2024-Q2", &r, 6, "2024-06-22");
    /* the due day does not move with the cut-off */
    r.cutoff_day = 0;
    assert_due("2024-Q2", &r, COMMUNE, "2024-06-17");
}

static void due_day_clamped(void **state) {
    (void)state;
    struct report_rules r = rules_from("{\"due_day\": {\"commune\": 31, \"province\": 30}}");
    assert_due("2024-Q1", &r, COMMUNE, "2024-03-31");
    assert_due("2024-Q2", &r, COMMUNE, "2024-06-30");
    assert_due("2025-Q3", &r, COMMUNE, "2025-09-30");
    assert_due("2024-Q4", &r, COMMUNE, "2024-12-31");
    assert_due("2024-H1", &r, COMMUNE, "2024-06-30");
    assert_due("2024-Q2", &r, PROVINCE, "2024-06-30");
    assert_due("2024-Q3", &r, PROVINCE, "2024-09-30");
    assert_due("2024-Q4", &r, PROVINCE, "2024-12-30");
    /* a rules struct built by hand with a day out of range still gives a real date */
    r.due_day[COMMUNE] = 45;
    assert_due("2024-Q2", &r, COMMUNE, "2024-06-30");
    r.due_day[COMMUNE] = 0;
    assert_due("2024-Q2", &r, COMMUNE, "2024-06-30");
}

static void due_adhoc(void **state) {
    (void)state;
    struct report_rules r = defaults();
    struct holidays h = calendar();
    struct report_period p = P("2024-12-02..2024-12-31");
    struct ymd explicit = D("2025-01-15"), bad = {2025, 2, 30};
    /* explicit due wins, whatever the level */
    assert_date(report_due(&p, &r, COMMUNE, &explicit, &h), "2025-01-15");
    assert_date(report_due(&p, &r, -1, &explicit, &h), "2025-01-15");
    /* default: to + 5 working days, over New Year's Day */
    assert_date(report_due(&p, &r, COMMUNE, NULL, &h), "2025-01-08");
    assert_date(report_due(&p, &r, COMMUNE, NULL, NULL), "2025-01-07");
    /* an invalid explicit due is no due: the default */
    assert_date(report_due(&p, &r, COMMUNE, &bad, &h), "2025-01-08");
    /* across Tet 2025 */
    p = P("2025-01-01..2025-01-24");
    assert_date(report_due(&p, &r, PROVINCE, NULL, &h), "2025-02-07");
    r.adhoc_due_working_days = 0;
    assert_date(report_due(&p, &r, PROVINCE, NULL, &h), "2025-01-24");
}

static void level_names(void **state) {
    (void)state;
    assert_int_equal(report_level_index("province"), PROVINCE);
    assert_int_equal(report_level_index("department"), DEPARTMENT);
    assert_int_equal(report_level_index("district"), DISTRICT);
    assert_int_equal(report_level_index("commune"), COMMUNE);
    assert_int_equal(report_level_index("vertical"), VERTICAL);
    assert_int_equal(report_level_index("onestop"), ONESTOP);
    assert_int_equal(report_level_index("Commune"), -1);
    assert_int_equal(report_level_index(""), -1);
    assert_int_equal(report_level_index("communes"), -1);
    assert_int_equal(report_level_index(NULL), -1);
}

static void assert_default_rules(const struct report_rules *r) {
    struct report_rules d = defaults();
    assert_memory_equal(r, &d, sizeof d);
}

static void rules_defaults_and_full_set(void **state) {
    (void)state;
    struct report_rules r = defaults();
    assert_int_equal(r.cutoff_day, 14);
    int want[6] = {22, 20, 20, 17, 20, 20};
    assert_memory_equal(r.due_day, want, sizeof want);
    assert_int_equal(r.adhoc_due_working_days, 5);
    assert_int_equal(r.nbefore, 2);
    assert_int_equal(r.remind_before[0], 3);
    assert_int_equal(r.remind_before[1], 1);
    assert_int_equal(r.nafter, 1);
    assert_int_equal(r.remind_after[0], 1);
    /* the rule set as 015 writes it gives the same */
    struct report_rules s = rules_from(
        "{\"cutoff_day\": 14, \"due_day\": {\"commune\": 17, \"district\": 20, \"department\": 20,"
        " \"vertical\": 20, \"onestop\": 20, \"province\": 22}, \"adhoc_due_working_days\": 5,"
        " \"remind_before_working_days\": [3, 1], \"remind_after_days\": [1]}");
    assert_memory_equal(&s, &r, sizeof r);
    /* other values */
    s = rules_from("{\"cutoff_day\": 0, \"due_day\": {\"commune\": 10, \"x\": 3},"
                   " \"adhoc_due_working_days\": 10, \"remind_before_working_days\": [5, 2, 0],"
                   " \"remind_after_days\": [], \"other\": true}");
    assert_int_equal(s.cutoff_day, 0);
    assert_int_equal(s.due_day[COMMUNE], 10);
    assert_int_equal(s.due_day[PROVINCE], 22);
    assert_int_equal(s.adhoc_due_working_days, 10);
    assert_int_equal(s.nbefore, 3);
    assert_int_equal(s.remind_before[2], 0);
    assert_int_equal(s.nafter, 0);
}

static void rules_missing_and_bad(void **state) {
    (void)state;
    static const char *const keep[] = {
        "{}",
        "[]",
        "14",
        "null",
        "{\"cutoff_day\": \"14\"}",
        "{\"cutoff_day\": -1}",
        "{\"cutoff_day\": 32}",
        "{\"cutoff_day\": 14.0}",
        "{\"cutoff_day\": null}",
        "{\"cutoff_day\": 9223372036854775807}",
        "{\"due_day\": 20}",
        "{\"due_day\": [17, 20]}",
        "{\"due_day\": {\"commune\": 0}}",
        "{\"due_day\": {\"commune\": 32}}",
        "{\"due_day\": {\"commune\": \"17\"}}",
        "{\"due_day\": {\"commune\": 15.5}}",
        "{\"due_day\": {\"Commune\": 5}}",
        "{\"adhoc_due_working_days\": -1}",
        "{\"adhoc_due_working_days\": 251}",
        "{\"adhoc_due_working_days\": \"5\"}",
        "{\"remind_before_working_days\": 3}",
        "{\"remind_before_working_days\": [3, \"1\"]}",
        "{\"remind_before_working_days\": [3, -1]}",
        "{\"remind_before_working_days\": [61]}",
        "{\"remind_before_working_days\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}",
        "{\"remind_before_working_days\": {\"a\": 1}}",
        "{\"remind_after_days\": [1.5]}",
        "{\"remind_after_days\": null}",
        "{\"remind_after_days\": [null]}"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        json_error_t err;
        json_t *j = json_loads(keep[i], JSON_DECODE_ANY, &err);
        assert_non_null(j);
        struct report_rules r;
        memset(&r, 0x77, sizeof r);
        report_rules_from_json(j, &r);
        json_decref(j);
        assert_default_rules(&r);
    }
    /* one bad key does not spoil the good ones beside it */
    struct report_rules r = rules_from("{\"cutoff_day\": \"x\", \"due_day\": {\"commune\": 0,"
                                       " \"district\": 19}, \"remind_after_days\": [2]}");
    assert_int_equal(r.cutoff_day, 14);
    assert_int_equal(r.due_day[COMMUNE], 17);
    assert_int_equal(r.due_day[DISTRICT], 19);
    assert_int_equal(r.nafter, 1);
    assert_int_equal(r.remind_after[0], 2);
    /* the largest list */
    r = rules_from("{\"remind_before_working_days\": [8, 7, 6, 5, 4, 3, 2, 1]}");
    assert_int_equal(r.nbefore, 8);
    assert_int_equal(r.remind_before[7], 1);
}

/* The reminder id on today, "" when none. */
static const char *reminder(const char *due, const char *today, const struct report_rules *r,
                            const struct holidays *h) {
    static char out[8];
    memset(out, 'z', sizeof out);
    if (!report_reminder(D(due), D(today), r, h, out)) return "";
    return out;
}

static void reminders_over_a_weekend(void **state) {
    (void)state;
    struct report_rules r = defaults();
    struct holidays h = calendar();
    /* Q1 2025 commune: due Monday 17/3; b1 Friday 14/3, b3 Wednesday 12/3, a1 Tuesday 18/3 */
    assert_string_equal(reminder("2025-03-17", "2025-01-01", &r, &h), "");
    assert_string_equal(reminder("2025-03-17", "2025-03-11", &r, &h), "");
    assert_string_equal(reminder("2025-03-17", "2025-03-12", &r, &h), "b3");
    assert_string_equal(reminder("2025-03-17", "2025-03-13", &r, &h), "b3");
    assert_string_equal(reminder("2025-03-17", "2025-03-14", &r, &h), "b1");
    assert_string_equal(reminder("2025-03-17", "2025-03-16", &r, &h), "b1");
    assert_string_equal(reminder("2025-03-17", "2025-03-17", &r, &h), "b1");
    assert_string_equal(reminder("2025-03-17", "2025-03-18", &r, &h), "a1");
    assert_string_equal(reminder("2025-03-17", "2025-03-25", &r, &h), "a1");
    assert_string_equal(reminder("2025-03-17", "2026-03-17", &r, &h), "a1");
}

static void reminders_over_holidays(void **state) {
    (void)state;
    struct report_rules r = defaults();
    struct holidays h = calendar();
    /* due Monday 5/5/2025: 30/4-2/5 off, Saturday 26/4 worked: b1 Tuesday 29/4, b3 Saturday 26/4 */
    assert_string_equal(reminder("2025-05-05", "2025-04-25", &r, &h), "");
    assert_string_equal(reminder("2025-05-05", "2025-04-26", &r, &h), "b3");
    assert_string_equal(reminder("2025-05-05", "2025-04-28", &r, &h), "b3");
    assert_string_equal(reminder("2025-05-05", "2025-04-29", &r, &h), "b1");
    assert_string_equal(reminder("2025-05-05", "2025-05-04", &r, &h), "b1");
    assert_string_equal(reminder("2025-05-05", "2025-05-06", &r, &h), "a1");
    /* weekends only: b1 Friday 2/5, b3 Wednesday 30/4 */
    assert_string_equal(reminder("2025-05-05", "2025-04-29", &r, NULL), "");
    assert_string_equal(reminder("2025-05-05", "2025-04-30", &r, NULL), "b3");
    assert_string_equal(reminder("2025-05-05", "2025-05-02", &r, NULL), "b1");
}

static void reminders_other_rules(void **state) {
    (void)state;
    struct holidays h = calendar();
    struct report_rules r = rules_from("{\"remind_before_working_days\": [1, 5],"
                                       " \"remind_after_days\": [7, 1, 0]}");
    /* the order in the rule set does not matter */
    assert_string_equal(reminder("2025-03-17", "2025-03-10", &r, &h), "b5");
    assert_string_equal(reminder("2025-03-17", "2025-03-14", &r, &h), "b1");
    /* a0 and no b0: on the due day itself */
    assert_string_equal(reminder("2025-03-17", "2025-03-17", &r, &h), "a0");
    assert_string_equal(reminder("2025-03-17", "2025-03-18", &r, &h), "a1");
    assert_string_equal(reminder("2025-03-17", "2025-03-23", &r, &h), "a1");
    assert_string_equal(reminder("2025-03-17", "2025-03-24", &r, &h), "a7");
    /* b0 and a0 fall on one day: the after one */
    r = rules_from("{\"remind_before_working_days\": [0], \"remind_after_days\": [0]}");
    assert_string_equal(reminder("2025-03-17", "2025-03-17", &r, &h), "a0");
    /* no reminders at all */
    r = rules_from("{\"remind_before_working_days\": [], \"remind_after_days\": []}");
    assert_string_equal(reminder("2025-03-17", "2025-03-20", &r, &h), "");
    /* counts past the arrays' room read no further than the arrays */
    r = defaults();
    r.nbefore = 99;
    r.nafter = -4;
    char out[8];
    assert_int_equal(report_reminder(D("2025-03-17"), D("2025-03-01"), &r, &h, out), 0);
}

static void late_at_the_boundary(void **state) {
    (void)state;
    assert_false(report_is_late(D("2025-03-17"), D("2025-03-16")));
    assert_false(report_is_late(D("2025-03-17"), D("2025-03-17")));
    assert_true(report_is_late(D("2025-03-17"), D("2025-03-18")));
    assert_true(report_is_late(D("2025-03-31"), D("2025-04-01")));
    assert_true(report_is_late(D("2024-12-31"), D("2025-01-01")));
    assert_false(report_is_late(D("2025-01-01"), D("2024-12-31")));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_every_kind),
        cmocka_unit_test(key_round_trip),
        cmocka_unit_test(malformed_keys),
        cmocka_unit_test(leap_years),
        cmocka_unit_test(calendar_start),
        cmocka_unit_test(windows_every_kind),
        cmocka_unit_test(due_every_kind_and_level),
        cmocka_unit_test(due_day_clamped),
        cmocka_unit_test(due_adhoc),
        cmocka_unit_test(level_names),
        cmocka_unit_test(rules_defaults_and_full_set),
        cmocka_unit_test(rules_missing_and_bad),
        cmocka_unit_test(reminders_over_a_weekend),
        cmocka_unit_test(reminders_over_holidays),
        cmocka_unit_test(reminders_other_rules),
        cmocka_unit_test(late_at_the_boundary),
    };
    return cmocka_run_group_tests_name("report_period", tests, NULL, NULL);
}
