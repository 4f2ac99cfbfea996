/* Unit tests for core/rule_check: each rule set's checks (the shipped versions pass, each bad
 * value is named by its field) and the diff of two versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/rule_check.h"

/* The fields reported by the last check, joined by spaces. */
static char fields[2048];

static void collect(void *ctx, const char *field, const char *msg) {
    (void)ctx;
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    strncat(fields, field, sizeof fields - strlen(fields) - 2);
    strcat(fields, " ");
}

/* Checks text (JSON) as set name: the number of problems; fields holds their fields. */
static int check(const char *name, const char *text) {
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j) fail_msg("bad JSON in test: %s", e.text);
    fields[0] = '\0';
    int n = rule_check(name, j, collect, NULL);
    json_decref(j);
    return n;
}

/* The versions the migrations ship (with 011 and 015 applied) pass. */
static void test_shipped_versions_pass(void **state) {
    (void)state;
    assert_int_equal(check("feedback",
                           "{\"reject_days\":2,\"info_request_days\":5,\"forward_days\":5,"
                           "\"answer_days\":15,\"publish_days\":2,\"public_per_phone_"
                           "day\":5,\"public_per_hour\":200,\"public_per_day\":1000,"
                           "\"email_codes_per_address_day\":3,\"email_codes_per_hour\":"
                           "100}"),
                     0);
    assert_int_equal(check("period", "{\"cutoff_day\":14,\"due_day\":{\"commune\":17,\"district\":"
                                     "20,\"department\":20,\"vertical\":20,\"onestop\":20,"
                                     "\"province\":22},\"adhoc_due_working_days\":5,\"remind_"
                                     "before_working_days\":[3,1],\"remind_after_days\":[1]}"),
                     0);
    assert_int_equal(check("kpi766",
                           "{\"weights\":{\"disclosure\":18,\"progress\":20,\"online\":12,"
                           "\"digitization\":22,\"payment\":10,\"satisfaction\":18},"
                           "\"thresholds\":{\"online\":0.5,\"digitization\":0.8,"
                           "\"payment\":0.5,\"ontime\":1.0,\"satisfaction\":1.0}}"),
                     0);
    assert_int_equal(check("tasks", "{\"remind_before_working_days\":[5,1],\"overdue_every_working_"
                                    "days\":5,\"overdue_max\":6}"),
                     0);
    assert_int_equal(check("cost", "{\"hourly_income\":{\"2022\":38068,\"2025\":47159}}"), 0);
    assert_int_equal(check("impact", "{\"appraisal_days\":10,\"appraiser_unit_code\":\"STP\"}"), 0);
    assert_int_equal(check("reform_index",
                           "{\"appraiser_unit_code\":\"SNV\",\"bands\":[{\"min\":90,\"label\":"
                           "\"Xuất sắc\"},{\"min\":80,\"label\":\"Tốt\"},{\"min\":65.5,\"label\":"
                           "\"Khá\"},{\"min\":0,\"label\":\"Yếu\"}]}"),
                     0);
}

static void test_unknown_set_and_not_object(void **state) {
    (void)state;
    assert_int_equal(check("nope", "{}"), 1);
    assert_string_equal(fields, "name ");
    assert_int_equal(check("tasks", "[1]"), 1);
    assert_string_equal(fields, "rules ");
    assert_true(rule_set_known("kpi766"));
    assert_false(rule_set_known("kpi"));
    assert_false(rule_set_known(NULL));
}

static void test_feedback(void **state) {
    (void)state;
    /* a clock of 0 days, a missing clock, an unknown key, a bad ceiling */
    assert_int_equal(check("feedback",
                           "{\"reject_days\":0,\"info_request_days\":5,\"forward_days\":"
                           "5,\"answer_days\":15,\"colour\":1,\"public_per_hour\":-1}"),
                     4);
    assert_string_equal(fields, "rules.colour rules.reject_days rules.publish_days "
                                "rules.public_per_hour ");
    assert_int_equal(check("feedback",
                           "{\"reject_days\":2.5,\"info_request_days\":5,"
                           "\"forward_days\":5,\"answer_days\":366,\"publish_days\":1}"),
                     2);
    assert_string_equal(fields, "rules.reject_days rules.answer_days ");
}

static void test_period(void **state) {
    (void)state;
    assert_int_equal(check("period",
                           "{\"cutoff_day\":32,\"due_day\":{\"commune\":0,\"district\":20,"
                           "\"department\":20,\"vertical\":20,\"onestop\":20,\"province\":"
                           "22,\"ward\":3},\"adhoc_due_working_days\":5,\"remind_before_"
                           "working_days\":[3,61],\"remind_after_days\":[1,1,1,1,1,1,1,1,"
                           "1]}"),
                     5);
    assert_string_equal(fields, "rules.cutoff_day rules.due_day.ward rules.due_day.commune "
                                "rules.remind_before_working_days[1] rules.remind_after_days ");
    /* the retired keys of the first version are no longer read: refused */
    assert_int_equal(check("period", "{\"cutoff_day\":14,\"commune_submit_day\":17}"), 5);
}

static void test_tasks(void **state) {
    (void)state;
    assert_int_equal(check("tasks", "{\"remind_before_working_days\":\"5\",\"overdue_every_working_"
                                    "days\":0,\"overdue_max\":101}"),
                     3);
    assert_string_equal(fields, "rules.remind_before_working_days "
                                "rules.overdue_every_working_days rules.overdue_max ");
}

static void test_kpi766(void **state) {
    (void)state;
    /* weights add up to 99 */
    assert_int_equal(check("kpi766",
                           "{\"weights\":{\"disclosure\":17,\"progress\":20,\"online\":12,"
                           "\"digitization\":22,\"payment\":10,\"satisfaction\":18},"
                           "\"thresholds\":{}}"),
                     1);
    assert_string_equal(fields, "rules.weights ");
    /* fractional weights that add up to 100 pass */
    assert_int_equal(check("kpi766",
                           "{\"weights\":{\"disclosure\":17.5,\"progress\":20.5,\"online\":"
                           "12,\"digitization\":22,\"payment\":10,\"satisfaction\":18},"
                           "\"thresholds\":{\"online\":1}}"),
                     0);
    /* a missing group, a negative one, a threshold of 0 and above 1, an unknown threshold */
    assert_int_equal(check("kpi766",
                           "{\"weights\":{\"disclosure\":18,\"progress\":20,\"online\":12,"
                           "\"digitization\":22,\"payment\":28},\"thresholds\":{\"online\":"
                           "0,\"payment\":1.5}}"),
                     3);
    assert_string_equal(fields, "rules.weights.satisfaction rules.thresholds.online "
                                "rules.thresholds.payment ");
    assert_int_equal(
        check("kpi766", "{\"weights\":{\"disclosure\":-1},\"thresholds\":{\"speed\":1}}"), 2);
    assert_string_equal(fields, "rules.weights.disclosure rules.thresholds.speed ");
    assert_int_equal(check("kpi766", "{}"), 2);
    /* bands (optional) and the reuse threshold: decreasing to 0; a threshold up to 1 */
#define W766                                                                                       \
    "\"weights\":{\"disclosure\":18,\"progress\":20,\"online\":12,\"digitization\":22,"            \
    "\"payment\":10,\"satisfaction\":18}"
    assert_int_equal(check("kpi766", "{" W766 ",\"thresholds\":{\"reused_data\":0.5},\"bands\":"
                                     "[{\"min\":90,\"label\":\"Xuất sắc\"},{\"min\":0,"
                                     "\"label\":\"Yếu\"}]}"),
                     0);
    assert_int_equal(check("kpi766", "{" W766 ",\"thresholds\":{\"reused_data\":2},\"bands\":"
                                     "[{\"min\":50,\"label\":\"Khá\"},{\"min\":60,"
                                     "\"label\":\"Tốt\"}]}"),
                     3);
    assert_string_equal(fields, "rules.bands[1].min rules.bands rules.thresholds.reused_data ");
    assert_int_equal(check("kpi766", "{" W766 ",\"thresholds\":{},\"bands\":[]}"), 1);
    assert_string_equal(fields, "rules.bands ");
#undef W766
}

static void test_cost(void **state) {
    (void)state;
    assert_int_equal(check("cost", "{\"hourly_income\":{\"2024\":43750.5,\"1999\":1,\"2025\":0,"
                                   "\"20x5\":3}}"),
                     4);
    assert_int_equal(check("cost", "{\"hourly_income\":{}}"), 1);
    assert_string_equal(fields, "rules.hourly_income ");
    assert_int_equal(check("cost", "{\"hourly_income\":{\"2100\":100000000000001}}"), 1);
    assert_string_equal(fields, "rules.hourly_income.2100 ");
}

static void test_impact(void **state) {
    (void)state;
    assert_int_equal(check("impact", "{\"appraisal_days\":0,\"appraiser_unit_code\":\"\"}"), 2);
    assert_string_equal(fields, "rules.appraisal_days rules.appraiser_unit_code ");
    json_t *j = json_pack("{s:i, s:s}", "appraisal_days", 10, "appraiser_unit_code", "STP");
    assert_string_equal(rule_unit_code("impact", j), "STP");
    assert_null(rule_unit_code("tasks", j));
    json_decref(j);
}

static void test_reform_index_bands(void **state) {
    (void)state;
    /* not descending, a blank label, the last band above 0 */
    assert_int_equal(check("reform_index",
                           "{\"appraiser_unit_code\":\"SNV\",\"bands\":[{\"min\":80,"
                           "\"label\":\"Tốt\"},{\"min\":90,\"label\":\"\"},{\"min\":"
                           "50,\"label\":\"TB\"}]}"),
                     3);
    assert_string_equal(fields, "rules.bands[1].label rules.bands[1].min rules.bands ");
    assert_int_equal(check("reform_index", "{\"appraiser_unit_code\":\"SNV\",\"bands\":[{\"min\":"
                                           "101,\"label\":\"A\",\"x\":1},{\"min\":0.001,\"label\":"
                                           "\"B\"}]}"),
                     4);
    assert_string_equal(fields, "rules.bands[0].x rules.bands[0].min rules.bands[1].min "
                                "rules.bands ");
    assert_int_equal(check("reform_index", "{\"appraiser_unit_code\":\"SNV\",\"bands\":[]}"), 1);
}

/* late_list (decision 199): the shipped default passes; a flag that is not a boolean, a count
 * below one, an unknown key and missing keys are each named. */
static void test_late_list(void **state) {
    (void)state;
    assert_int_equal(check("late_list", "{\"publish_officers\":false,\"min_count\":1}"), 0);
    assert_int_equal(check("late_list", "{\"publish_officers\":true,\"min_count\":3}"), 0);
    assert_int_equal(check("late_list", "{\"publish_officers\":1,\"min_count\":0,\"x\":1}"), 3);
    assert_string_equal(fields, "rules.x rules.publish_officers rules.min_count ");
    assert_int_equal(check("late_list", "{}"), 2);
    assert_string_equal(fields, "rules.publish_officers rules.min_count ");
    assert_int_equal(check("late_list", "{\"publish_officers\":true,\"min_count\":1.5}"), 1);
    assert_string_equal(fields, "rules.min_count ");
}

/* The diff as text: "path:old>new;" for each change. */
static const char *diff(const char *a, const char *b) {
    static char out[1024];
    json_t *ja = a ? json_loads(a, 0, NULL) : NULL, *jb = b ? json_loads(b, 0, NULL) : NULL;
    json_t *d = json_array(), *e;
    size_t i;
    assert_int_equal(rule_diff(ja, jb, d), 0);
    out[0] = '\0';
    json_array_foreach(d, i, e) {
        char *o = json_dumps(json_object_get(e, "old"), JSON_ENCODE_ANY);
        char *n = json_dumps(json_object_get(e, "new"), JSON_ENCODE_ANY);
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s:%s>%s;",
                 json_string_value(json_object_get(e, "path")), o, n);
        free(o);
        free(n);
    }
    json_decref(ja);
    json_decref(jb);
    json_decref(d);
    return out;
}

static void test_diff(void **state) {
    (void)state;
    assert_string_equal(diff("{\"a\":1,\"b\":{\"c\":[1,2]}}", "{\"a\":1,\"b\":{\"c\":[1,3,4]}}"),
                        "b.c[1]:2>3;b.c[2]:null>4;");
    assert_string_equal(diff("{\"a\":1,\"x\":2}", "{\"a\":2,\"y\":[1]}"),
                        "a:1>2;x:2>null;y:null>[1];");
    assert_string_equal(diff("{\"bands\":[{\"min\":90,\"label\":\"A\"}]}",
                             "{\"bands\":[{\"min\":85,\"label\":\"A\"}]}"),
                        "bands[0].min:90>85;");
    assert_string_equal(diff(NULL, "{\"a\":1}"), "a:null>1;");
    assert_string_equal(diff("{\"a\":1}", "{\"a\":1}"), "");
    assert_string_equal(diff("{\"a\":{\"b\":1}}", "{\"a\":5}"), "a:{\"b\": 1}>5;");
    assert_int_equal(rule_diff(NULL, NULL, NULL), -1);
}

/* The standard offices (migration 036): per parent level, {code_suffix, name, aliases}. */
static void test_standard_offices(void **state) {
    (void)state;
    assert_int_equal(check("standard_offices",
                           "{\"district\":[{\"code_suffix\":\"TP\",\"name\":\"Phòng Tư pháp\","
                           "\"aliases\":[\"Phòng TP\"]},{\"code_suffix\":\"YT\",\"name\":"
                           "\"Phòng Y tế\",\"aliases\":[]}],\"commune\":[{\"code_suffix\":\"KT\","
                           "\"name\":\"Phòng Kinh tế\"}],\"department\":[]}"),
                     0);
    assert_int_equal(check("standard_offices", "{}"), 0);
    assert_int_equal(check("standard_offices", "{\"province\":[]}"), 1);
    assert_string_equal(fields, "rules.province ");
    assert_int_equal(check("standard_offices", "{\"district\":{}}"), 1);
    assert_string_equal(fields, "rules.district ");
    /* lower case, too long, duplicated suffixes; a missing name; a bad alias */
    assert_int_equal(check("standard_offices",
                           "{\"district\":[{\"code_suffix\":\"tp\",\"name\":\"Phòng\"},"
                           "{\"code_suffix\":\"ABCDEFGHI\",\"name\":\"Phòng\"},"
                           "{\"code_suffix\":\"YT\",\"name\":\"Phòng\"},"
                           "{\"code_suffix\":\"YT\",\"name\":\"Phòng\"},"
                           "{\"code_suffix\":\"NV\",\"aliases\":[\"x\"]},"
                           "{\"code_suffix\":\"NN\",\"name\":\"P\",\"aliases\":\"x\",\"k\":1}]}"),
                     7);
    assert_string_equal(fields, "rules.district[0].code_suffix rules.district[1].code_suffix "
                                "rules.district[3].code_suffix rules.district[4].name "
                                "rules.district[4].aliases rules.district[5].k "
                                "rules.district[5].aliases ");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_versions_pass),
        cmocka_unit_test(test_unknown_set_and_not_object),
        cmocka_unit_test(test_feedback),
        cmocka_unit_test(test_period),
        cmocka_unit_test(test_tasks),
        cmocka_unit_test(test_kpi766),
        cmocka_unit_test(test_cost),
        cmocka_unit_test(test_impact),
        cmocka_unit_test(test_reform_index_bands),
        cmocka_unit_test(test_late_list),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_standard_offices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
