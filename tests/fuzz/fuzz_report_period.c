/* libFuzzer target for core/report_period and core/report_tree: the bytes as a period key, a
 * figure path and a JSON document (rules, a tree to add), and as a month (core/period's ym_parse,
 * the public late list's ?month); checks invariants of each. */
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/report_period.h"
#include "core/report_tree.h"

static const char *const TREE =
    "{\"dossiers\": {\"total\": {\"received_online\": 10},"
    " \"by_field\": [{\"key\": \"12\", \"name\": \"x\", \"received_online\": 7}, {\"n\": 1}]},"
    " \"feedback\": {\"received\": 5, \"by_type\": [{\"key\": \"3\", \"received\": 5}]},"
    " \"procedures\": {\"in_force\": 1}, \"plan\": {\"overdue\": 1, \"overdue_list\": [{}]}}";

static void check_period(const char *key) {
    struct report_period p;
    struct report_rules r;
    struct ymd f, t;
    char out[32], id[8];
    if (report_period_parse(key, &p) < 0) return;
    /* only canonical keys parse: writing the period back gives the same text */
    report_period_key(&p, out);
    if (strcmp(out, key) != 0) abort();
    if (!ymd_valid(p.from) || !ymd_valid(p.to) || ymd_cmp(p.from, p.to) > 0) abort();
    if (p.year < 2000 || p.year > 2100) abort();
    if (ymd_cmp(report_period_start(&p), p.from) != 0) abort();
    report_rules_from_json(NULL, &r);
    for (int cut = 0; cut <= 31; cut += 7) {
        r.cutoff_day = cut;
        report_window(&p, &r, &f, &t);
        if (!ymd_valid(f) || !ymd_valid(t) || ymd_cmp(f, t) > 0) abort();
    }
    for (int level = -1; level <= 6; level++) {
        struct ymd due = report_due(&p, &r, level, NULL, NULL);
        if (!ymd_valid(due)) abort();
        /* in the period's last month; ad hoc: after its end */
        if (p.kind == RP_ADHOC ? ymd_cmp(due, p.to) < 0 : due.y != p.to.y || due.m != p.to.m)
            abort();
        if (report_reminder(due, p.to, &r, NULL, id) && !memchr(id, 0, sizeof id)) abort();
        if (report_is_late(due, due)) abort();
    }
}

static void check_path(const json_t *tree, const char *path) {
    long long v = -1;
    int found = report_figure_get(tree, path, &v), applied = -1;
    json_t *c = json_pack("[{s:s, s:i}]", "path", path, "value", 424242);
    if (!c) return; /* not UTF-8: no JSON string */
    json_t *out = report_apply_corrections(tree, c, &applied);
    if (!out) abort();
    /* a correction applies exactly where a figure is, and only there */
    if (applied != (found == 1)) abort();
    if (found == 1 && (report_figure_get(out, path, &v) != 1 || v != 424242)) abort();
    if (found != 1 && !json_equal(out, tree)) abort();
    json_decref(out);
    json_decref(c);
}

static void check_json(const json_t *tree, const char *text, size_t n) {
    json_t *j = json_loadb(text, n, JSON_DECODE_ANY, NULL);
    struct report_rules r;
    if (!j) return;
    report_rules_from_json(j, &r);
    if (r.cutoff_day < 0 || r.cutoff_day > 31 || r.nbefore < 0 || r.nbefore > 8 || r.nafter < 0 ||
        r.nafter > 8 || r.adhoc_due_working_days < 0)
        abort();
    for (int i = 0; i < 6; i++)
        if (r.due_day[i] < 1 || r.due_day[i] > 31) abort();
    json_t *acc = json_deep_copy(tree);
    if (!acc || report_tree_add(acc, j) < 0) abort();
    json_t *s = report_tree_summary(j);
    if (s && report_tree_add(s, s) < 0) abort();
    json_decref(s);
    json_decref(acc);
    json_decref(j);
}

/* A month parses only when canonical: its first day written back is the text with "-01". */
static void check_month(const char *s) {
    struct ymd first;
    char day[11], want[16];
    if (ym_parse(s, &first) < 0) return;
    if (first.d != 1 || !ymd_valid(first)) abort();
    ymd_format(first, day);
    snprintf(want, sizeof want, "%s-01", s);
    if (strcmp(day, want) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static json_t *tree;
    char *text = malloc(size + 1);
    if (!text) return 0;
    if (!tree) tree = json_loads(TREE, 0, NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    check_period(text);
    check_month(text);
    check_path(tree, text);
    check_json(tree, text, size);
    free(text);
    return 0;
}
