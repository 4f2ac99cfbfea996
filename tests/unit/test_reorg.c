/* Unit tests for core/reorg: the checks of a reorganisation request (each problem named by its
 * field) and the changes it plans (successors, automatic moves, cycles with history). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/reorg.h"

/* A province with departments, a district with communes and desks, a second province. */
static const struct reorg_unit U[] = {
    {1, 0, 0, "province", "2000-01-01", 0},   {2, 1, 0, "department", "2000-01-01", 0},
    {3, 1, 0, "department", "2000-01-01", 0}, {4, 1, 0, "district", "2000-01-01", 0},
    {5, 4, 0, "commune", "2000-01-01", 0},    {6, 4, 0, "commune", "2000-01-01", 0},
    {7, 4, 0, "commune", "2000-01-01", 0},    {8, 4, 0, "onestop", "2000-01-01", 0},
    {9, 8, 0, "onestop", "2000-01-01", 0},    {10, 4, 5, "commune", "2000-01-01", 1},
    {11, 0, 0, "province", "2000-01-01", 0},  {12, 11, 0, "department", "2000-01-01", 0},
    {13, 4, 0, "commune", "2025-06-01", 0},   {14, 1, 0, "onestop", "2000-01-01", 0},
    {15, 1, 0, "district", "2000-01-01", 0},
};
#define NU (sizeof U / sizeof U[0])

static char fields[4096];
static struct reorg_plan plan;
static json_t *body_kept; /* the plan borrows the new units' strings from the body */

static void collect(void *ctx, const char *field, const char *msg) {
    (void)ctx;
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    strncat(fields, field, sizeof fields - strlen(fields) - 2);
    strcat(fields, " ");
}

/* Plans body (JSON with merge/retire/move) on date with the history edges: problems found. */
static int run_h(const char *body, const char *date, const struct reorg_edge *h, size_t nh) {
    json_error_t e;
    json_t *j = json_loads(body, 0, &e);
    if (!j) fail_msg("bad JSON in test: %s", e.text);
    fields[0] = '\0';
    reorg_plan_free(&plan);
    int n = reorg_plan_make(json_object_get(j, "merge"), json_object_get(j, "retire"),
                            json_object_get(j, "move"), date, U, NU, h, nh, &plan, collect, NULL);
    json_decref(body_kept);
    body_kept = j;
    return n;
}

static int run(const char *body) {
    return run_h(body, "2025-07-01", NULL, 0);
}

/* The plan's changes as "kind:id>to" words ("new0" for a created unit, "*" when automatic). */
static const char *changes(void) {
    static char out[1024];
    static const char *const k[] = {"merge", "retire", "move"};
    out[0] = '\0';
    for (size_t i = 0; i < plan.nchanges; i++) {
        const struct reorg_change *c = &plan.changes[i];
        char w[64];
        if (c->to)
            snprintf(w, sizeof w, "%s:%lld>%lld%s ", k[c->kind], c->id, c->to,
                     c->automatic ? "*" : "");
        else
            snprintf(w, sizeof w, "%s:%lld>new%d%s ", k[c->kind], c->id, c->target,
                     c->automatic ? "*" : "");
        strcat(out, w);
    }
    return out;
}

static void test_levels(void **state) {
    (void)state;
    assert_true(reorg_parent_level_ok("province", NULL));
    assert_false(reorg_parent_level_ok("province", "province"));
    assert_false(reorg_parent_level_ok("commune", NULL));
    assert_true(reorg_parent_level_ok("commune", "district"));
    assert_true(reorg_parent_level_ok("commune", "province")); /* after 2025 */
    assert_false(reorg_parent_level_ok("commune", "department"));
    assert_true(reorg_parent_level_ok("department", "province"));
    assert_false(reorg_parent_level_ok("department", "district"));
    assert_true(reorg_parent_level_ok("onestop", "commune"));
    assert_true(reorg_parent_level_ok("office", "department"));
    assert_false(reorg_parent_level_ok(NULL, "province"));
}

static void test_merge_into_new_and_retire(void **state) {
    (void)state;
    assert_int_equal(run("{\"merge\":[{\"from\":[5,6],\"into\":{\"code\":\"XN\",\"name\":\"Xã "
                         "Mới\",\"level\":\"commune\",\"parent_id\":1}}],\"retire\":[4],"
                         "\"move\":[{\"id\":7,\"parent_id\":1}]}"),
                     0);
    assert_int_equal(plan.nnews, 1);
    assert_string_equal(plan.news[0].code, "XN");
    assert_int_equal(plan.news[0].parent_id, 1);
    /* the district's successor is its parent; its desk and the later commune follow it; the
     * desk under the desk stays where it is */
    assert_string_equal(changes(), "merge:5>new0 merge:6>new0 retire:4>1 move:7>1 move:8>1* "
                                   "move:13>1* ");
    assert_int_equal(plan.changes[0].from_parent, 4);
    assert_int_equal(plan.changes[4].from_parent, 4);
    /* every change here keeps its former parent: ended units, and moves out of the district */
    for (size_t i = 0; i < plan.nchanges; i++) assert_true(plan.changes[i].keep_history);
    /* a move between two districts that stay: the old one does not keep the commune */
    assert_int_equal(run("{\"move\":[{\"id\":7,\"parent_id\":15}]}"), 0);
    assert_string_equal(changes(), "move:7>15 ");
    assert_false(plan.changes[0].keep_history);
}

static void test_merge_provinces_with_departments(void **state) {
    (void)state;
    /* province 11 into province 1: its department moves under 1 unless merged itself */
    assert_int_equal(run("{\"merge\":[{\"from\":[11],\"into\":1}]}"), 0);
    assert_string_equal(changes(), "merge:11>1 move:12>1* ");
    assert_int_equal(run("{\"merge\":[{\"from\":[11],\"into\":{\"code\":\"T\",\"name\":\"Tỉnh "
                         "mới\",\"level\":\"province\"}},{\"from\":[12],\"into\":2}]}"),
                     0);
    assert_string_equal(changes(), "merge:11>new0 merge:12>2 ");
}

static void test_retire_successor_chain(void **state) {
    (void)state;
    /* the commune's parent merges: the successor is the parent's target */
    assert_int_equal(run("{\"merge\":[{\"from\":[4],\"into\":15}],\"retire\":[5]}"), 0);
    assert_string_equal(changes(), "merge:4>15 retire:5>15 move:6>15* move:7>15* move:8>15* "
                                   "move:13>15* ");
    /* the parent retires too: up to the province */
    assert_int_equal(run("{\"retire\":[5,4]}"), 0);
    assert_string_equal(changes(), "retire:5>1 retire:4>1 move:6>1* move:7>1* move:8>1* "
                                   "move:13>1* ");
    /* a desk under a retired desk: retired with it, successor the district */
    assert_int_equal(run("{\"retire\":[9,8]}"), 0);
    assert_string_equal(changes(), "retire:9>4 retire:8>4 ");
}

static void test_field_errors(void **state) {
    (void)state;
    assert_int_equal(run("{\"merge\":[{\"from\":[999],\"into\":6}]}"), 1);
    assert_string_equal(fields, "merge[0].from[0] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":999}]}"), 1);
    assert_string_equal(fields, "merge[0].into ");
    assert_int_equal(run("{\"merge\":[{\"from\":[10],\"into\":6}]}"), 1); /* ended before */
    assert_string_equal(fields, "merge[0].from[0] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":6}],\"retire\":[5]}"), 1);
    assert_string_equal(fields, "retire[0] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5,5],\"into\":6}]}"), 1);
    assert_string_equal(fields, "merge[0].from[1] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":5}]}"), 1);
    assert_string_equal(fields, "merge[0].from[0] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":2}]}"), 1); /* another level */
    assert_string_equal(fields, "merge[0].from[0] ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":6},{\"from\":[6],\"into\":7}]}"),
                     1); /* a target that is merged itself */
    assert_string_equal(fields, "merge[0].from[0] ");
    assert_int_equal(run("{\"retire\":[6],\"move\":[{\"id\":7,\"parent_id\":6}]}"), 1);
    assert_string_equal(fields, "move[0].parent_id ");
    assert_int_equal(run("{\"move\":[{\"id\":7,\"parent_id\":2}]}"), 1); /* level */
    assert_string_equal(fields, "move[0].parent_id ");
    assert_int_equal(run("{\"move\":[{\"id\":7,\"parent_id\":1},{\"id\":7,\"parent_id\":4}]}"), 1);
    assert_string_equal(fields, "move[1].id ");
    assert_int_equal(run("{\"retire\":[1]}"), 1); /* the root has no successor */
    assert_string_equal(fields, "retire[0] ");
    assert_int_equal(run("{}"), 1);
    assert_string_equal(fields, "merge ");
}

static void test_shape_errors(void **state) {
    (void)state;
    assert_int_equal(run("{\"merge\":{},\"retire\":[\"4\"],\"move\":[{\"id\":7}]}"), 3);
    assert_string_equal(fields, "merge retire[0] move[0].parent_id ");
    assert_int_equal(run("{\"merge\":[{\"from\":[],\"into\":6,\"x\":1}]}"), 1);
    assert_string_equal(fields, "merge[0].x ");
    assert_int_equal(run("{\"merge\":[{\"from\":[],\"into\":6}]}"), 1);
    assert_string_equal(fields, "merge[0].from ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":\"6\"}]}"), 1);
    assert_string_equal(fields, "merge[0].into ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":{\"code\":\"\",\"name\":\"X\","
                         "\"level\":\"town\",\"parent_id\":2,\"y\":0}}]}"),
                     4);
    assert_string_equal(
        fields, "merge[0].into.y merge[0].into.code merge[0].into.name merge[0].into.level ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":{\"code\":\"A\",\"name\":\"Xã A\","
                         "\"level\":\"commune\",\"parent_id\":2}}]}"),
                     1);
    assert_string_equal(fields, "merge[0].into.parent_id ");
    assert_int_equal(run("{\"merge\":[{\"from\":[5],\"into\":{\"code\":\"A\",\"name\":\"Xã A\","
                         "\"level\":\"commune\",\"parent_id\":4}}],\"retire\":[4]}"),
                     1); /* the new unit's parent ends */
    assert_string_equal(fields, "merge ");
}

static void test_dates(void **state) {
    (void)state;
    assert_int_equal(run_h("{\"retire\":[7]}", "2000-01-01", NULL, 0), 1); /* equal: no day */
    assert_string_equal(fields, "effective_from ");
    assert_int_equal(run_h("{\"retire\":[7]}", "2000-01-02", NULL, 0), 0);
    assert_int_equal(run_h("{\"merge\":[{\"from\":[5],\"into\":13}]}", "2025-01-01", NULL, 0), 1);
    assert_string_equal(fields, "merge[0].into "); /* the target begins later */
    assert_int_equal(run_h("{\"merge\":[{\"from\":[5],\"into\":13}]}", "2025-06-01", NULL, 0), 0);
}

static void test_cycles(void **state) {
    (void)state;
    /* the district desk under the desk below it */
    assert_int_equal(run("{\"move\":[{\"id\":8,\"parent_id\":9}]}"), 1);
    assert_string_equal(fields, "move ");
    /* allowed alone, but desk 14 once hung under desk 8 (history): a cycle in the closure */
    assert_int_equal(run("{\"move\":[{\"id\":8,\"parent_id\":14}]}"), 0);
    const struct reorg_edge h[] = {{14, 8}};
    assert_int_equal(run_h("{\"move\":[{\"id\":8,\"parent_id\":14}]}", "2025-07-01", h, 1), 1);
    assert_string_equal(fields, "move ");
}

static void test_empty_units(void **state) {
    (void)state;
    fields[0] = '\0';
    reorg_plan_free(&plan);
    json_t *r = json_loads("[1]", 0, NULL);
    assert_int_equal(reorg_plan_make(NULL, r, NULL, NULL, NULL, 0, NULL, 0, &plan, collect, NULL),
                     1);
    assert_string_equal(fields, "retire[0] ");
    json_decref(r);
    reorg_plan_free(&plan);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_merge_into_new_and_retire),
        cmocka_unit_test(test_merge_provinces_with_departments),
        cmocka_unit_test(test_retire_successor_chain),
        cmocka_unit_test(test_field_errors),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_empty_units),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    reorg_plan_free(&plan);
    json_decref(body_kept);
    return rc;
}
