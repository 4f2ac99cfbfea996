/* Unit tests for core/report_tree: figure paths, corrections, sums of trees, summaries, OOM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/report_tree.h"

/* A small tree of the contract's shape (fewer figures per row). */
static const char *const TABLES =
    "{\"dossiers\": {"
    "  \"total\": {\"received_online\": 10, \"resolved_late\": 2},"
    "  \"by_field\": [{\"key\": \"12\", \"field_id\": 12, \"name\": \"Đất đai\","
    "                  \"received_online\": 7, \"resolved_late\": 2},"
    "                 {\"key\": \"0\", \"field_id\": null, \"name\": \"Khác\","
    "                  \"received_online\": 3, \"resolved_late\": 0}],"
    "  \"by_level\": [{\"key\": \"commune\", \"level\": \"commune\", \"name\": \"Cấp xã\","
    "                  \"received_online\": 10, \"carried_over\": 4}]},"
    " \"feedback\": {\"received\": 5, \"overdue\": 1,"
    "  \"by_type\": [{\"key\": \"3\", \"type\": 3, \"label\": \"Kiến nghị\", \"received\": 5}]},"
    " \"procedures\": {\"in_force\": 120, \"reviewed\": 0},"
    " \"plan\": {\"due\": 4, \"overdue\": 1, \"ratio\": 0.5,"
    "  \"overdue_list\": [{\"assignment_id\": 9, \"task_title\": \"Rà soát\", \"progress\": 30}]}}";

static json_t *J(const char *text) {
    json_error_t err;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &err);
    if (!j) fail_msg("bad test JSON at %d: %s", err.position, err.text);
    return j;
}

static long long fig(const json_t *t, const char *path) {
    long long v = -7;
    assert_int_equal(report_figure_get(t, path, &v), 1);
    return v;
}

static void figure_paths(void **state) {
    (void)state;
    json_t *t = J(TABLES);
    assert_int_equal(fig(t, "dossiers.total.received_online"), 10);
    assert_int_equal(fig(t, "dossiers.by_field.12.resolved_late"), 2);
    assert_int_equal(fig(t, "dossiers.by_field.0.received_online"), 3);
    assert_int_equal(fig(t, "dossiers.by_level.commune.carried_over"), 4);
    assert_int_equal(fig(t, "feedback.by_type.3.received"), 5);
    assert_int_equal(fig(t, "plan.overdue"), 1);
    assert_int_equal(fig(t, "procedures.reviewed"), 0);
    /* a row's key is the string "key", not its field_id nor its place */
    long long v = 99;
    static const char *const none[] = {"dossiers",
                                       "dossiers.total",
                                       "dossiers.total.received_direct",
                                       "dossiers.by_field",
                                       "dossiers.by_field.13.resolved_late",
                                       "dossiers.by_field.1.received_online",
                                       "dossiers.by_field.12.name",
                                       "dossiers.by_field.12.field_id",
                                       "feedback.by_type.3.type",
                                       "dossiers.by_field.0.field_id",
                                       "plan.ratio",
                                       "plan.overdue_list",
                                       "plan.overdue_list.9",
                                       "plan.overdue_list.0.progress",
                                       "feedback.by_type.3.label",
                                       "plan.overdue.x",
                                       "nothing",
                                       "Dossiers.total.received_online",
                                       "dossiers.total.received_online.x",
                                       "dossiers.by_field.key"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        if (report_figure_get(t, none[i], &v) != 0) fail_msg("found \"%s\"", none[i]);
        assert_int_equal(v, 99);
    }
    /* bad syntax, whether or not the tree holds anything there */
    static const char *const bad[] = {"",
                                      ".",
                                      "plan.",
                                      ".plan",
                                      "plan..overdue",
                                      "a.b.c.d.e.f.g",
                                      "dossiers.total.received_online."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (report_figure_get(t, bad[i], &v) != -1) fail_msg("syntax \"%s\"", bad[i]);
    assert_int_equal(report_figure_get(t, NULL, &v), -1);
    char longp[256];
    memset(longp, 'a', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    assert_int_equal(report_figure_get(t, longp, &v), -1);
    longp[200] = '\0'; /* 200 bytes: allowed, just absent */
    assert_int_equal(report_figure_get(t, longp, &v), 0);
    assert_int_equal(report_figure_get(t, "a.b.c.d.e.f", &v), 0); /* six segments: allowed */
    assert_int_equal(v, 99);
    /* not a tree */
    assert_int_equal(report_figure_get(NULL, "plan.overdue", &v), 0);
    json_t *n = json_integer(3);
    assert_int_equal(report_figure_get(n, "plan", &v), 0);
    json_decref(n);
    /* value may be NULL: the answer alone */
    assert_int_equal(report_figure_get(t, "plan.overdue", NULL), 1);
    json_decref(t);
}

static void corrections_applied_to_a_copy(void **state) {
    (void)state;
    json_t *t = J(TABLES);
    json_t *c = J("[{\"path\": \"dossiers.total.received_online\", \"value\": 12, \"note\": \"x\"},"
                  " {\"path\": \"dossiers.by_field.12.resolved_late\", \"value\": 0},"
                  " {\"path\": \"procedures.reviewed\", \"value\": 7},"
                  " {\"path\": \"dossiers.by_field.99.resolved_late\", \"value\": 1},"
                  " {\"path\": \"plan.overdue_list\", \"value\": 1},"
                  " {\"path\": \"dossiers.by_field.12.name\", \"value\": 1},"
                  " {\"path\": \"dossiers.by_field.12.field_id\", \"value\": 1},"
                  " {\"path\": \"feedback.by_type.3.type\", \"value\": 1},"
                  " {\"path\": \"plan..overdue\", \"value\": 1},"
                  " {\"path\": \"plan.due\", \"value\": \"5\"},"
                  " {\"path\": \"plan.due\", \"value\": 5.0},"
                  " {\"path\": \"plan.due\", \"value\": -1},"
                  " {\"path\": 3, \"value\": 1}, {\"value\": 1}, 17, null,"
                  " {\"path\": \"plan.overdue\", \"value\": 2},"
                  " {\"path\": \"plan.overdue\", \"value\": 3}]");
    int applied = -1;
    json_t *before = json_deep_copy(t);
    json_t *out = report_apply_corrections(t, c, &applied);
    assert_non_null(out);
    assert_int_equal(applied, 5);
    assert_true(json_equal(t, before)); /* computed untouched */
    assert_int_equal(fig(out, "dossiers.total.received_online"), 12);
    assert_int_equal(fig(out, "dossiers.by_field.12.resolved_late"), 0);
    assert_int_equal(fig(out, "procedures.reviewed"), 7);
    assert_int_equal(fig(out, "plan.overdue"), 3); /* the later one wins */
    assert_int_equal(fig(out, "plan.due"), 4);
    assert_int_equal(fig(out, "dossiers.by_field.0.received_online"), 3);
    /* everything else is as computed */
    json_t *back = J("[{\"path\": \"dossiers.total.received_online\", \"value\": 10},"
                     " {\"path\": \"dossiers.by_field.12.resolved_late\", \"value\": 2},"
                     " {\"path\": \"procedures.reviewed\", \"value\": 0},"
                     " {\"path\": \"plan.overdue\", \"value\": 1}]");
    json_t *again = report_apply_corrections(out, back, &applied);
    assert_int_equal(applied, 4);
    assert_true(json_equal(again, t));
    json_decref(again);
    json_decref(back);
    json_decref(out);
    /* no corrections, or not a list: a plain copy */
    out = report_apply_corrections(t, NULL, &applied);
    assert_int_equal(applied, 0);
    assert_true(json_equal(out, t));
    assert_ptr_not_equal(out, t);
    json_decref(out);
    out = report_apply_corrections(t, json_object_get(t, "plan"), &applied);
    assert_int_equal(applied, 0);
    assert_true(json_equal(out, t));
    json_decref(out);
    /* no computed tree: an empty one, nothing applied; applied may be NULL */
    out = report_apply_corrections(NULL, c, &applied);
    assert_non_null(out);
    assert_int_equal(applied, 0);
    assert_int_equal(json_object_size(out), 0);
    json_decref(out);
    out = report_apply_corrections(t, c, NULL);
    assert_non_null(out);
    json_decref(out);
    json_decref(before);
    json_decref(c);
    json_decref(t);
}

static void tree_add_sums_and_merges(void **state) {
    (void)state;
    json_t *acc = J(TABLES);
    json_t *add =
        J("{\"dossiers\": {"
          "  \"total\": {\"received_online\": 5, \"resolved_late\": 1, \"resolved_early\": 2},"
          "  \"by_field\": [{\"key\": \"7\", \"field_id\": 7, \"name\": \"Tư pháp\","
          "                  \"received_online\": 1, \"resolved_late\": 0},"
          "                 {\"key\": \"12\", \"field_id\": 12, \"name\": \"Đất đai (khác)\","
          "                  \"received_online\": 4, \"resolved_late\": 1},"
          "                 {\"key\": \"5\", \"field_id\": 5, \"name\": \"Y tế\","
          "                  \"received_online\": 0, \"resolved_late\": 0}],"
          "  \"by_level\": [{\"key\": \"commune\", \"level\": \"commune\", \"name\": \"Cấp xã\","
          "                  \"received_online\": 5, \"carried_over\": 1}]},"
          " \"feedback\": {\"received\": 2, \"overdue\": 0, \"by_type\": []},"
          " \"procedures\": {\"in_force\": \"n/a\", \"reviewed\": 3},"
          " \"plan\": {\"due\": 1, \"overdue\": 1, \"ratio\": 0.25,"
          "  \"overdue_list\": [{\"assignment_id\": 11, \"task_title\": \"Công khai\"}]},"
          " \"extra\": {\"x\": 1}}");
    json_t *add_before = json_deep_copy(add);
    assert_int_equal(report_tree_add(acc, add), 0);
    assert_true(json_equal(add, add_before)); /* add untouched */
    assert_int_equal(fig(acc, "dossiers.total.received_online"), 15);
    assert_int_equal(fig(acc, "dossiers.total.resolved_late"), 3);
    assert_int_equal(fig(acc, "dossiers.total.resolved_early"), 2); /* taken from add */
    assert_int_equal(fig(acc, "dossiers.by_field.12.received_online"), 11);
    assert_int_equal(fig(acc, "dossiers.by_field.12.resolved_late"), 3);
    /* what a row is about is no count: kept from acc */
    json_t *rows = json_object_get(json_object_get(acc, "dossiers"), "by_field");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "field_id")), 12);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 2), "field_id")), 7);
    json_t *types = json_object_get(json_object_get(acc, "feedback"), "by_type");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(types, 0), "type")), 3);
    assert_int_equal(fig(acc, "dossiers.by_field.7.received_online"), 1);
    assert_int_equal(fig(acc, "dossiers.by_level.commune.carried_over"), 5);
    assert_int_equal(fig(acc, "feedback.received"), 7);
    assert_int_equal(fig(acc, "feedback.by_type.3.received"), 5);
    assert_int_equal(fig(acc, "procedures.in_force"), 120); /* a string does not add */
    assert_int_equal(fig(acc, "procedures.reviewed"), 3);
    assert_int_equal(fig(acc, "plan.due"), 5);
    assert_int_equal(fig(acc, "extra.x"), 1);
    /* rows: acc's first in their order, then the new keys in add's order */
    assert_int_equal(json_array_size(rows), 4);
    static const char *const order[] = {"12", "0", "7", "5"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(rows, i), "key")),
                            order[i]);
    /* names kept from acc, taken from add for a new row */
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "name")),
                        "Đất đai");
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 2), "name")),
                        "Tư pháp");
    /* a real number is no figure: acc's stays */
    json_t *plan = json_object_get(acc, "plan");
    assert_true(json_real_value(json_object_get(plan, "ratio")) == 0.5);
    /* lists without keys are concatenated */
    json_t *list = json_object_get(plan, "overdue_list");
    assert_int_equal(json_array_size(list), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "assignment_id")),
                     9);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 1), "assignment_id")),
                     11);
    /* copied rows are copies: changing add later leaves acc alone */
    json_integer_set(
        json_object_get(
            json_array_get(json_object_get(json_object_get(add, "dossiers"), "by_field"), 0),
            "received_online"),
        1000);
    assert_int_equal(fig(acc, "dossiers.by_field.7.received_online"), 1);
    json_decref(add_before);
    json_decref(add);
    json_decref(acc);
}

static void tree_add_edges(void **state) {
    (void)state;
    /* into an empty tree: a copy */
    json_t *t = J(TABLES), *acc = json_object();
    assert_int_equal(report_tree_add(acc, t), 0);
    assert_true(json_equal(acc, t));
    /* twice: every figure doubled, rows not duplicated */
    assert_int_equal(report_tree_add(acc, t), 0);
    assert_int_equal(fig(acc, "dossiers.by_field.0.received_online"), 6);
    assert_int_equal(fig(acc, "procedures.in_force"), 240);
    assert_int_equal(fig(acc, "feedback.by_type.3.received"), 10);
    json_t *type3 = json_array_get(json_object_get(json_object_get(acc, "feedback"), "by_type"), 0);
    assert_int_equal(json_integer_value(json_object_get(type3, "type")), 3);
    assert_int_equal(json_array_size(json_object_get(json_object_get(acc, "dossiers"), "by_field")),
                     2);
    assert_int_equal(json_array_size(json_object_get(json_object_get(acc, "plan"), "overdue_list")),
                     2);
    json_decref(acc);
    /* a tree added to itself doubles, lists included (and the loop ends) */
    acc = json_deep_copy(t);
    assert_int_equal(report_tree_add(acc, acc), 0);
    assert_int_equal(fig(acc, "dossiers.by_field.12.received_online"), 14);
    assert_int_equal(fig(acc, "feedback.by_type.3.received"), 10);
    assert_int_equal(json_array_size(json_object_get(json_object_get(acc, "plan"), "overdue_list")),
                     2);
    json_decref(acc);
    /* duplicate keys within add fold into one row */
    acc = J("{\"r\": []}");
    json_t *add =
        J("{\"r\": [{\"key\": \"a\", \"n\": 1}, {\"key\": \"a\", \"n\": 2}, {\"n\": 5}, 4]}");
    assert_int_equal(report_tree_add(acc, add), 0);
    json_t *want = J("{\"r\": [{\"key\": \"a\", \"n\": 3}, {\"n\": 5}, 4]}");
    assert_true(json_equal(acc, want));
    json_decref(want);
    json_decref(add);
    json_decref(acc);
    /* mismatched kinds keep acc's; sums stop at the largest integer */
    acc = J("{\"a\": {\"x\": 1}, \"b\": 5, \"c\": [1], \"big\": 9223372036854775000}");
    add = J("{\"a\": 3, \"b\": {\"y\": 1}, \"c\": {\"z\": 1}, \"big\": 9000}");
    assert_int_equal(report_tree_add(acc, add), 0);
    want = J("{\"a\": {\"x\": 1}, \"b\": 5, \"c\": [1], \"big\": 9223372036854775807}");
    assert_true(json_equal(acc, want));
    json_decref(want);
    /* nothing to add, or nothing to add to: no change, no error */
    assert_int_equal(report_tree_add(acc, NULL), 0);
    assert_int_equal(report_tree_add(NULL, add), 0);
    json_t *n = json_integer(1);
    assert_int_equal(report_tree_add(acc, n), 0);
    json_decref(n);
    json_decref(add);
    json_decref(acc);
    json_decref(t);
}

static void summary_shape(void **state) {
    (void)state;
    json_t *t = J(TABLES);
    json_t *s = report_tree_summary(t);
    json_t *want = J("{\"dossiers\": {\"total\": {\"received_online\": 10, \"resolved_late\": 2}},"
                     " \"feedback\": {\"received\": 5, \"overdue\": 1},"
                     " \"procedures\": {\"in_force\": 120, \"reviewed\": 0},"
                     " \"plan\": {\"due\": 4, \"overdue\": 1, \"ratio\": 0.5}}");
    assert_non_null(s);
    assert_true(json_equal(s, want));
    /* the tables are untouched, and the summary does not share their objects */
    assert_int_equal(json_array_size(json_object_get(json_object_get(t, "plan"), "overdue_list")),
                     1);
    assert_ptr_not_equal(json_object_get(s, "procedures"), json_object_get(t, "procedures"));
    /* summaries add up like tables */
    assert_int_equal(report_tree_add(s, s), 0);
    assert_int_equal(fig(s, "dossiers.total.received_online"), 20);
    json_decref(s);
    json_decref(want);
    /* parts missing or of the wrong kind are left out */
    json_t *partial = J("{\"dossiers\": {\"by_field\": []}, \"feedback\": 3, \"plan\": {}}");
    s = report_tree_summary(partial);
    want = J("{\"plan\": {}}");
    assert_true(json_equal(s, want));
    json_decref(s);
    json_decref(want);
    json_decref(partial);
    json_t *e = json_object();
    s = report_tree_summary(e);
    assert_int_equal(json_object_size(s), 0);
    json_decref(s);
    json_decref(e);
    assert_null(report_tree_summary(NULL));
    json_t *a = json_array();
    assert_null(report_tree_summary(a));
    json_decref(a);
    json_decref(t);
}

/* ---- out of memory: jansson's allocator with a countdown ---- */

static long fail_after = -1, failed;

static void *counting_malloc(size_t n) {
    if (fail_after == 0) {
        failed++;
        return NULL;
    }
    if (fail_after > 0) fail_after--;
    return malloc(n);
}

/* Runs op with the k-th allocation failing for k = 0, 1, ... until op needs no more than k;
 * every run must fail cleanly (ASan reports leaks) and the last must succeed. */
static void each_allocation_fails(int (*op)(const json_t *t), const json_t *t) {
    for (long k = 0;; k++) {
        fail_after = k;
        failed = 0;
        int ok = op(t);
        fail_after = -1;
        if (!failed) {
            assert_int_equal(ok, 1);
            assert_true(k > 3); /* the op did allocate, and each failure was seen */
            return;
        }
        assert_int_equal(ok, 0);
        assert_true(k < 10000);
    }
}

static int op_apply(const json_t *t) {
    json_t *c = json_pack("[{s:s, s:i}]", "path", "plan.overdue", "value", 9);
    if (!c) return 0; /* the list itself may be what failed */
    int applied;
    json_t *out = report_apply_corrections(t, c, &applied);
    json_decref(c);
    if (!out) return 0;
    assert_int_equal(applied, 1);
    json_decref(out);
    return 1;
}

static int op_add(const json_t *t) {
    json_t *acc = json_deep_copy(t);
    if (!acc) return 0;
    json_t *add = json_pack("{s:{s:[{s:s,s:i}]}, s:{s:[{s:i}]}}", "dossiers", "by_field", "key",
                            "44", "received_online", 1, "plan", "overdue_list", "progress", 5);
    if (!add) {
        json_decref(acc);
        return 0;
    }
    int r = report_tree_add(acc, add);
    json_decref(add);
    json_decref(acc);
    return r == 0;
}

static int op_summary(const json_t *t) {
    json_t *s = report_tree_summary(t);
    if (!s) return 0;
    json_decref(s);
    return 1;
}

static int op_add_self(const json_t *t) {
    json_t *acc = json_deep_copy(t);
    if (!acc) return 0;
    int r = report_tree_add(acc, acc);
    json_decref(acc);
    return r == 0;
}

static void out_of_memory(void **state) {
    (void)state;
    json_t *t = J(TABLES);
    json_set_alloc_funcs(counting_malloc, free);
    each_allocation_fails(op_apply, t);
    each_allocation_fails(op_add_self, t);
    each_allocation_fails(op_add, t);
    each_allocation_fails(op_summary, t);
    json_set_alloc_funcs(malloc, free);
    json_decref(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figure_paths),
        cmocka_unit_test(corrections_applied_to_a_copy),
        cmocka_unit_test(tree_add_sums_and_merges),
        cmocka_unit_test(tree_add_edges),
        cmocka_unit_test(summary_shape),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests_name("report_tree", tests, NULL, NULL);
}
