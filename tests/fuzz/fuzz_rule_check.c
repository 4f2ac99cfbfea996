/* libFuzzer target for core/rule_check: the bytes as a rule set version of every set, and the
 * diff of it against a shipped version; checks that a version passing the check is read by the
 * readers without falling back and that a diff with itself is empty. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_period.h"
#include "core/rule_check.h"
#include "core/task_clock.h"

static const char *const BASE = "{\"weights\":{\"online\":12},\"bands\":[{\"min\":0}]}";

static void count(void *ctx, const char *field, const char *msg) {
    if (!field || !msg || !*msg) abort();
    (*(int *)ctx)++;
}

/* A valid version of the period or tasks set is what their readers read, key by key. */
static void check_read_back(const char *name, json_t *j) {
    if (strcmp(name, "tasks") == 0) {
        struct task_rules t;
        task_rules_from_json(j, &t);
        if (t.every != json_integer_value(json_object_get(j, "overdue_every_working_days")) ||
            t.overdue_max != json_integer_value(json_object_get(j, "overdue_max")))
            abort();
    }
    if (strcmp(name, "period") == 0) {
        struct report_rules r;
        report_rules_from_json(j, &r);
        if (r.cutoff_day != json_integer_value(json_object_get(j, "cutoff_day"))) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_t *j = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    if (!j) return 0;
    for (int i = 0; rule_set_names[i]; i++) {
        int n = 0, k = rule_check(rule_set_names[i], j, count, &n);
        if (k != n) abort();
        if (k == 0) check_read_back(rule_set_names[i], j);
    }
    json_t *base = json_loads(BASE, 0, NULL), *d = json_array(), *same = json_array();
    if (!base || !d || !same) abort();
    if (rule_diff(base, j, d) < 0 || rule_diff(j, j, same) < 0) abort();
    if (json_array_size(same) != 0) abort();
    json_decref(same);
    json_decref(d);
    json_decref(base);
    json_decref(j);
    return 0;
}
