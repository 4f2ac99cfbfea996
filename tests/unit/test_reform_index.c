/* Unit tests for core/reform_index: points parsing, codes and parents, tree checks, scoring by
 * every method, the roll-up's caps, competition ranking with ties in name order, bands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/reform_index.h"

/* A checked tree from JSON text: the node count, errors into errs (count into *ne). */
static size_t tree(const char *text, json_t **keep, struct ri_node *nodes, struct ri_error *errs,
                   size_t *ne) {
    *keep = json_loads(text, 0, NULL);
    assert_non_null(*keep);
    size_t n = 0;
    *ne = ri_tree_check(*keep, nodes, RI_NODES_MAX, &n, errs, RI_ERRORS_MAX);
    return n;
}

static const char *GOOD =
    "[{\"code\":\"1\",\"name\":\"Công tác chỉ đạo\",\"max\":10},"
    "{\"code\":\"1.1\",\"name\":\"Kế hoạch\",\"max\":6},"
    "{\"code\":\"1.1.1\",\"name\":\"Ban hành kịp thời\",\"max\":3,\"method\":\"yesno\","
    "\"source\":\"self\"},"
    "{\"code\":\"1.1.2\",\"name\":\"Mức độ hoàn thành\",\"max\":4,\"method\":\"choice\","
    "\"source\":\"self\",\"params\":{\"choices\":[{\"label\":\"100%\",\"points\":4},"
    "{\"label\":\"80%\",\"points\":2.5},{\"label\":\"Dưới 80%\",\"points\":0}]}},"
    "{\"code\":\"1.2\",\"name\":\"Báo cáo\",\"max\":4,\"method\":\"bands\",\"source\":\"self\","
    "\"params\":{\"bands\":[{\"min\":0,\"points\":0},{\"min\":2,\"points\":1},"
    "{\"min\":4,\"points\":4}]}},"
    "{\"code\":\"2\",\"name\":\"Cải cách TTHC\",\"max\":5},"
    "{\"code\":\"2.1\",\"name\":\"Đúng hạn\",\"max\":3,\"method\":\"ratio\","
    "\"source\":\"system\",\"params\":{\"threshold\":95,\"metric\":\"ontime_rate\"}},"
    "{\"code\":\"2.2\",\"name\":\"Thẩm định\",\"max\":2,\"method\":\"points\","
    "\"source\":\"appraisal\"}]";

static void test_points_from_json(void **state) {
    (void)state;
    long long h = -7;
    json_t *v = json_integer(3);
    assert_int_equal(ri_points_from_json(v, &h), 0);
    assert_int_equal(h, 300);
    json_decref(v);
    v = json_real(1.15);
    assert_int_equal(ri_points_from_json(v, &h), 0);
    assert_int_equal(h, 115);
    json_decref(v);
    const double bad[] = {0.125, -0.5, 1000.01, 1e300};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h = -7;
        v = json_real(bad[i]);
        assert_int_equal(ri_points_from_json(v, &h), -1);
        assert_int_equal(h, -7);
        json_decref(v);
    }
    v = json_integer(1001);
    assert_int_equal(ri_points_from_json(v, &h), -1);
    json_decref(v);
    v = json_string("3");
    assert_int_equal(ri_points_from_json(v, &h), -1);
    json_decref(v);
    assert_int_equal(ri_points_from_json(NULL, &h), -1);
    for (long long i = 0; i <= 100000; i += 7) {
        v = json_real((double)i / 100);
        assert_int_equal(ri_points_from_json(v, &h), 0);
        assert_int_equal(h, i);
        json_decref(v);
    }
}

static void test_codes_and_parents(void **state) {
    (void)state;
    const char *good[] = {"1", "1.1", "1.1.2", "12.3.4.5", "999"};
    const char *bad[] = {"", "0", "1.", ".1", "1..2", "01", "1.02", "1000", "a", "1.1.1.1.1", "1 "};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) assert_true(ri_code_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_false(ri_code_valid(bad[i]));
    assert_false(ri_code_valid(NULL));
    char p[RI_CODE_MAX];
    assert_int_equal(ri_parent_code("1.1.2", p, sizeof p), 0);
    assert_string_equal(p, "1.1");
    assert_int_equal(ri_parent_code("1.1", p, sizeof p), 0);
    assert_string_equal(p, "1");
    assert_int_equal(ri_parent_code("1", p, sizeof p), 0);
    assert_string_equal(p, "");
    assert_int_equal(ri_parent_code("12.3", p, 2), -1);
}

static void test_good_tree(void **state) {
    (void)state;
    struct ri_node nodes[RI_NODES_MAX];
    struct ri_error errs[RI_ERRORS_MAX];
    json_t *t;
    size_t ne, n = tree(GOOD, &t, nodes, errs, &ne);
    assert_int_equal(ne, 0);
    assert_int_equal(n, 8);
    assert_int_equal(nodes[0].parent, -1);
    assert_false(nodes[0].leaf);
    assert_int_equal(nodes[2].parent, 1);
    assert_int_equal(nodes[3].parent, 1);
    assert_int_equal(nodes[1].parent, 0);
    assert_true(nodes[4].leaf);
    assert_int_equal(nodes[6].parent, 5);
    assert_int_equal(nodes[6].source, RI_S_SYSTEM);
    assert_int_equal(nodes[7].method, RI_M_POINTS);
    assert_int_equal(nodes[0].method, -1);
    assert_int_equal(nodes[3].max_h, 400);
    json_decref(t);
}

/* The tree with one node replaced: the errors' first field and count. */
static void expect_error(const char *text, const char *field) {
    struct ri_node nodes[RI_NODES_MAX];
    struct ri_error errs[RI_ERRORS_MAX];
    json_t *t;
    size_t ne;
    tree(text, &t, nodes, errs, &ne);
    assert_true(ne >= 1);
    int found = 0;
    for (size_t i = 0; i < ne && i < RI_ERRORS_MAX; i++)
        if (strcmp(errs[i].field, field) == 0) found = 1;
    if (!found) fail_msg("no error on %s (first: %s %s)", field, errs[0].field, errs[0].message);
    json_decref(t);
}

static void test_bad_trees(void **state) {
    (void)state;
    expect_error("[]", "criteria");
    expect_error("{}", "criteria");
    /* duplicate code */
    expect_error(
        "[{\"code\":\"1\",\"name\":\"a\",\"max\":1,\"method\":\"yesno\",\"source\":\"self\"},"
        "{\"code\":\"1\",\"name\":\"b\",\"max\":1,\"method\":\"yesno\",\"source\":"
        "\"self\"}]",
        "[1].code");
    /* parent missing */
    expect_error("[{\"code\":\"1.1\",\"name\":\"a\",\"max\":1,\"method\":\"yesno\",\"source\":"
                 "\"self\"}]",
                 "[0].code");
    /* bad code */
    expect_error("[{\"code\":\"1.0\",\"name\":\"a\",\"max\":1,\"method\":\"yesno\",\"source\":"
                 "\"self\"}]",
                 "[0].code");
    /* child above parent's max, and parent above its children's sum */
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":2},{\"code\":\"1.1\",\"name\":\"b\","
                 "\"max\":3,\"method\":\"yesno\",\"source\":\"self\"}]",
                 "[1].max");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":5},{\"code\":\"1.1\",\"name\":\"b\","
                 "\"max\":3,\"method\":\"yesno\",\"source\":\"self\"}]",
                 "[0].max");
    /* a parent with a method */
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"yesno\"},{\"code\":"
                 "\"1.1\",\"name\":\"b\",\"max\":3,\"method\":\"yesno\",\"source\":\"self\"}]",
                 "[0].method");
    /* leaf without method or source; unknown method; unknown key; empty name; zero max */
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"source\":\"self\"}]", "[0].method");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"yesno\"}]", "[0].source");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"x\",\"source\":\"self\"}]",
                 "[0].method");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"yesno\",\"source\":"
                 "\"other\"}]",
                 "[0].source");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"yesno\",\"source\":"
                 "\"self\",\"extra\":1}]",
                 "[0].code");
    expect_error("[{\"code\":\"1\",\"name\":\"\",\"max\":3,\"method\":\"yesno\",\"source\":"
                 "\"self\"}]",
                 "[0].name");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":0,\"method\":\"yesno\",\"source\":"
                 "\"self\"}]",
                 "[0].max");
    expect_error("[{\"code\":\"1\",\"name\":\"a\",\"max\":1.005,\"method\":\"yesno\",\"source\":"
                 "\"self\"}]",
                 "[0].max");
}

static void test_bad_params(void **state) {
    (void)state;
    const char *P = "[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"source\":\"%s\",\"method\":\"%s\","
                    "\"params\":%s}]";
    const char *cases[][3] = {
        {"self", "choice", "null"},
        {"self", "choice", "{\"choices\":[]}"},
        {"self", "choice", "{\"choices\":[{\"label\":\"a\",\"points\":4}]}"},
        {"self", "choice",
         "{\"choices\":[{\"label\":\"a\",\"points\":1},{\"label\":\"a\","
         "\"points\":2}]}"},
        {"self", "choice", "{\"choices\":[{\"label\":\"\",\"points\":1}]}"},
        {"self", "bands", "{\"bands\":[{\"min\":2,\"points\":1},{\"min\":1,\"points\":2}]}"},
        {"self", "bands", "{\"bands\":[{\"min\":0,\"points\":3.5}]}"},
        {"self", "bands", "{}"},
        {"self", "yesno", "{\"yes\":4}"},
        {"self", "yesno", "{\"maybe\":1}"},
        {"self", "ratio", "{\"threshold\":0}"},
        {"self", "ratio", "{\"threshold\":101}"},
        {"self", "ratio", "{\"metric\":\"ontime_rate\"}"},
        {"system", "ratio", "{\"threshold\":90}"},
        {"system", "ratio", "{\"metric\":\"nonsense\"}"},
        {"system", "yesno", "null"},
        {"self", "points", "{\"a\":1}"},
        {"self", "yesno", "[1]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, P, cases[i][0], cases[i][1], cases[i][2]);
        expect_error(text, "[0].params");
    }
}

/* The node at index i of GOOD, checked. */
static struct ri_node good_node(size_t i, json_t **keep) {
    static struct ri_node nodes[RI_NODES_MAX];
    struct ri_error errs[RI_ERRORS_MAX];
    size_t ne;
    tree(GOOD, keep, nodes, errs, &ne);
    assert_int_equal(ne, 0);
    return nodes[i];
}

/* Points of value (JSON text) on node i of GOOD; -1 when refused. */
static long long score(size_t i, const char *value) {
    json_t *t, *v = json_loads(value, JSON_DECODE_ANY, NULL);
    struct ri_node nd = good_node(i, &t);
    long long p = 77;
    const char *msg = NULL;
    int rc = ri_score(&nd, v, &p, &msg);
    if (rc < 0) {
        assert_non_null(msg);
        assert_int_equal(p, 0);
    }
    json_decref(v);
    json_decref(t);
    return rc < 0 ? -1 : p;
}

static void test_score_every_method(void **state) {
    (void)state;
    /* yes/no: defaults yes = max, no = 0 */
    assert_int_equal(score(2, "true"), 300);
    assert_int_equal(score(2, "false"), 0);
    assert_int_equal(score(2, "1"), -1);
    /* choice by label */
    assert_int_equal(score(3, "\"100%\""), 400);
    assert_int_equal(score(3, "\"80%\""), 250);
    assert_int_equal(score(3, "\"Dưới 80%\""), 0);
    assert_int_equal(score(3, "\"90%\""), -1);
    assert_int_equal(score(3, "4"), -1);
    /* bands: the highest band whose min the value reaches */
    assert_int_equal(score(4, "-1"), 0);
    assert_int_equal(score(4, "0"), 0);
    assert_int_equal(score(4, "1.99"), 0);
    assert_int_equal(score(4, "2"), 100);
    assert_int_equal(score(4, "3.5"), 100);
    assert_int_equal(score(4, "4"), 400);
    assert_int_equal(score(4, "400"), 400);
    assert_int_equal(score(4, "\"4\""), -1);
    /* ratio up to 95%: 3 points x 90 / 95 = 2.8421 -> 2.84 */
    assert_int_equal(score(6, "90"), 284);
    assert_int_equal(score(6, "95"), 300);
    assert_int_equal(score(6, "100"), 300);
    assert_int_equal(score(6, "0"), 0);
    assert_int_equal(score(6, "47.5"), 150);
    assert_int_equal(score(6, "33.333333"), 105); /* 33.33% -> 1.0525 -> 1.05 */
    assert_int_equal(score(6, "101"), -1);
    assert_int_equal(score(6, "-1"), -1);
    /* points given directly */
    assert_int_equal(score(7, "1.5"), 150);
    assert_int_equal(score(7, "2"), 200);
    assert_int_equal(score(7, "2.01"), -1);
    assert_int_equal(score(7, "1.555"), -1);
    /* a parent is not scored */
    assert_int_equal(score(0, "1"), -1);
}

static void test_yesno_params_and_ratio_default(void **state) {
    (void)state;
    json_t *t = json_loads("[{\"code\":\"1\",\"name\":\"a\",\"max\":3,\"method\":\"yesno\","
                           "\"source\":\"self\",\"params\":{\"yes\":2,\"no\":0.5}},"
                           "{\"code\":\"2\",\"name\":\"b\",\"max\":2,\"method\":\"ratio\","
                           "\"source\":\"self\"}]",
                           0, NULL);
    struct ri_node nodes[4];
    struct ri_error errs[8];
    size_t n;
    assert_int_equal(ri_tree_check(t, nodes, 4, &n, errs, 8), 0);
    long long p;
    assert_int_equal(ri_score(&nodes[0], json_true(), &p, NULL), 0);
    assert_int_equal(p, 200);
    assert_int_equal(ri_score(&nodes[0], json_false(), &p, NULL), 0);
    assert_int_equal(p, 50);
    json_t *v = json_integer(50);
    assert_int_equal(ri_score(&nodes[1], v, &p, NULL), 0);
    assert_int_equal(p, 100); /* no threshold: proportional up to 100% */
    json_decref(v);
    json_decref(t);
    /* exhaustive: ratio points never exceed max, grow with the percent, reach max at threshold */
    for (long long th = 1; th <= 10000; th += 37) {
        long long prev = 0;
        for (long long pct = 0; pct <= 10000; pct += 13) {
            long long q = ri_ratio_points(500, pct, th);
            assert_true(q >= prev && q <= 500);
            if (pct >= th) assert_int_equal(q, 500);
            prev = q;
        }
    }
    assert_int_equal(ri_ratio_points(300, 5000, 0), 0);
    assert_int_equal(ri_ratio_points(100, 1, 200), 1); /* 0.5 -> 1, half up */
}

static void test_rollup_caps(void **state) {
    (void)state;
    /* 1 (max 5) has children 1.1 (max 4) and 1.2 (max 3) summing to 7: capped at 5 */
    json_t *t = json_loads(
        "[{\"code\":\"1.1\",\"name\":\"x\",\"max\":4},"
        "{\"code\":\"1\",\"name\":\"a\",\"max\":5},"
        "{\"code\":\"1.1.1\",\"name\":\"y\",\"max\":3,\"method\":\"points\",\"source\":\"self\"},"
        "{\"code\":\"1.1.2\",\"name\":\"z\",\"max\":3,\"method\":\"points\",\"source\":\"self\"},"
        "{\"code\":\"1.2\",\"name\":\"b\",\"max\":3,\"method\":\"points\",\"source\":\"self\"},"
        "{\"code\":\"2\",\"name\":\"c\",\"max\":2,\"method\":\"points\",\"source\":\"self\"}]",
        0, NULL);
    struct ri_node nodes[8];
    struct ri_error errs[8];
    size_t n;
    assert_int_equal(ri_tree_check(t, nodes, 8, &n, errs, 8), 0);
    long long pts[6] = {999, 999, 300, 300, 300, 500};
    ri_rollup(nodes, n, pts);
    assert_int_equal(pts[2], 300);
    assert_int_equal(pts[0], 400); /* 1.1: 6 capped at 4 */
    assert_int_equal(pts[1], 500); /* 1: 4 + 3 = 7 capped at 5 */
    assert_int_equal(pts[5], 200); /* a leaf above its max is capped too */
    long long low[6] = {0, 0, 100, 50, 120, -5};
    ri_rollup(nodes, n, low);
    assert_int_equal(low[0], 150);
    assert_int_equal(low[1], 270);
    assert_int_equal(low[5], 0);
    json_decref(t);
}

static void test_rank_ties_in_name_order(void **state) {
    (void)state;
    struct ri_ranked rk[] = {
        {8000, 3, 0, "D"}, {9000, 2, 0, "C"}, {9000, 0, 0, "A"},
        {7000, 1, 0, "B"}, {9500, 4, 0, "E"},
    };
    ri_rank(rk, 5);
    const char *order[] = {"E", "A", "C", "D", "B"};
    const int ranks[] = {1, 2, 2, 4, 5};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(rk[i].item, order[i]);
        assert_int_equal(rk[i].rank, ranks[i]);
    }
    struct ri_ranked all[3] = {{0, 2, 0, "c"}, {0, 0, 0, "a"}, {0, 1, 0, "b"}};
    ri_rank(all, 3);
    assert_string_equal(all[0].item, "a");
    assert_int_equal(all[2].rank, 1);
    ri_rank(NULL, 0);
}

static void test_percent_and_bands(void **state) {
    (void)state;
    assert_int_equal(ri_percent_h(9000, 10000), 9000);
    assert_int_equal(ri_percent_h(1, 3), 3333);
    assert_int_equal(ri_percent_h(2, 3), 6667);
    assert_int_equal(ri_percent_h(5, 0), 0);
    json_t *b = json_loads("[{\"min\":90,\"label\":\"Xuất sắc\"},{\"min\":80,\"label\":\"Tốt\"},"
                           "{\"min\":0,\"label\":\"Trung bình\"},{\"min\":70.5,\"label\":\"Khá\"}]",
                           0, NULL);
    assert_string_equal(ri_band(b, 10000), "Xuất sắc");
    assert_string_equal(ri_band(b, 9000), "Xuất sắc");
    assert_string_equal(ri_band(b, 8999), "Tốt");
    assert_string_equal(ri_band(b, 7050), "Khá");
    assert_string_equal(ri_band(b, 7049), "Trung bình");
    assert_string_equal(ri_band(b, 0), "Trung bình");
    json_decref(b);
    b = json_loads("[{\"min\":50,\"label\":\"Đạt\"}]", 0, NULL);
    assert_null(ri_band(b, 4999));
    json_decref(b);
    assert_null(ri_band(NULL, 5000));
}

/* Adds a row of n cells (copied) to s. */
static void add_row(struct sheet *s, long num, const char *const *cells, size_t n) {
    char **c = calloc(n, sizeof *c);
    for (size_t i = 0; i < n; i++) c[i] = strdup(cells[i]);
    assert_int_equal(sheet_add_row(s, num, c, NULL, n), 0);
}

static void test_tree_from_sheet(void **state) {
    (void)state;
    struct sheet s;
    sheet_init(&s);
    const char *title[] = {"BỘ TIÊU CHÍ CHỈ SỐ CCHC NĂM 2026"};
    const char *header[] = {"STT",       "Mã",    "Tên tiêu chí", "Điểm tối đa",
                            "Cách chấm", "Nguồn", "Tham số"};
    const char *r1[] = {"1", "1", " Chỉ đạo ", "10", "", "", ""};
    const char *r2[] = {"2", "1.1", "Kế hoạch", "4,5", "Có/không", "Tự chấm", ""};
    const char *r3[] = {
        "3", "1.2", "Tỷ lệ", "5.5", "ratio", "HỆ THỐNG", "{\"metric\":\"online_rate\"}"};
    const char *blank[] = {"", " "};
    const char *r4[] = {"4", "2", "Sai", "abc", "khác", "", "{oops"};
    add_row(&s, 1, title, 1);
    add_row(&s, 3, header, 7);
    add_row(&s, 4, r1, 7);
    add_row(&s, 5, r2, 7);
    add_row(&s, 6, blank, 2);
    add_row(&s, 7, r3, 7);
    add_row(&s, 8, r4, 7);
    long rows[8];
    const char *err = NULL;
    json_t *t = ri_tree_from_sheet(&s, rows, 8, &err);
    assert_non_null(t);
    assert_int_equal(json_array_size(t), 4);
    assert_int_equal(rows[0], 4);
    assert_int_equal(rows[2], 7);
    json_t *n0 = json_array_get(t, 0), *n1 = json_array_get(t, 1), *n2 = json_array_get(t, 2),
           *n3 = json_array_get(t, 3);
    assert_string_equal(json_string_value(json_object_get(n0, "name")), "Chỉ đạo");
    assert_true(json_is_null(json_object_get(n0, "method")));
    assert_int_equal(json_integer_value(json_object_get(n0, "max")), 10);
    assert_true(json_real_value(json_object_get(n1, "max")) == 4.5);
    assert_string_equal(json_string_value(json_object_get(n1, "method")), "yesno");
    assert_string_equal(json_string_value(json_object_get(n1, "source")), "self");
    assert_string_equal(json_string_value(json_object_get(n2, "source")), "system");
    assert_string_equal(json_string_value(json_object_get(json_object_get(n2, "params"), "metric")),
                        "online_rate");
    /* unreadable cells stay text, for the tree check to name */
    assert_string_equal(json_string_value(json_object_get(n3, "max")), "abc");
    assert_string_equal(json_string_value(json_object_get(n3, "method")), "khác");
    assert_string_equal(json_string_value(json_object_get(n3, "params")), "{oops");
    struct ri_node nodes[8];
    struct ri_error errs[16];
    size_t n;
    assert_true(ri_tree_check(t, nodes, 8, &n, errs, 16) > 0);
    json_decref(t);
    /* a limit on nodes, and a sheet without a header */
    assert_null(ri_tree_from_sheet(&s, rows, 2, &err));
    sheet_free(&s);
    sheet_init(&s);
    add_row(&s, 1, title, 1);
    assert_null(ri_tree_from_sheet(&s, rows, 8, &err));
    assert_non_null(strstr(err, "tiêu đề"));
    sheet_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_from_json),
        cmocka_unit_test(test_codes_and_parents),
        cmocka_unit_test(test_good_tree),
        cmocka_unit_test(test_bad_trees),
        cmocka_unit_test(test_bad_params),
        cmocka_unit_test(test_score_every_method),
        cmocka_unit_test(test_yesno_params_and_ratio_default),
        cmocka_unit_test(test_rollup_caps),
        cmocka_unit_test(test_rank_ties_in_name_order),
        cmocka_unit_test(test_percent_and_bands),
        cmocka_unit_test(test_tree_from_sheet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
