/* Unit tests for core/review_form: the review form's components, draft and submit checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/review_form.h"

/* Every component answered yes and kept. */
static json_t *all_kept(void) {
    json_t *a = json_array();
    for (int k = 0; k < RV_NCOMPONENTS; k++)
        json_array_append_new(a, json_pack("{s:s,s:b,s:b,s:b,s:s}", "component",
                                           rv_component_keys[k], "necessary", 1, "reasonable", 1,
                                           "lawful", 1, "proposal", "keep"));
    return a;
}

static int has(const struct rv_error *e, size_t n, const char *field) {
    for (size_t i = 0; i < n && i < RV_ERRORS_MAX; i++)
        if (strcmp(e[i].field, field) == 0) return 1;
    return 0;
}

static void components_fixed(void **state) {
    (void)state;
    assert_int_equal(rv_component_index("name"), 0);
    assert_int_equal(rv_component_index("result"), RV_NCOMPONENTS - 1);
    assert_int_equal(rv_component_index("nope"), -1);
    assert_int_equal(rv_component_index(NULL), -1);
    assert_null(rv_component_keys[RV_NCOMPONENTS]);
    assert_null(rv_component_labels[RV_NCOMPONENTS]);
}

static void draft_may_be_partial(void **state) {
    (void)state;
    struct rv_error e[RV_ERRORS_MAX];
    json_t *c = json_pack("[{s:s,s:b}]", "component", "fee", "necessary", 0);
    assert_int_equal(rv_check(c, NULL, NULL, 0, e, RV_ERRORS_MAX), 0);
    assert_int_equal(rv_check(NULL, NULL, NULL, 0, e, RV_ERRORS_MAX), 0);
    json_decref(c);
}

static void draft_types(void **state) {
    (void)state;
    struct rv_error e[RV_ERRORS_MAX];
    json_t *c = json_pack("[{s:s,s:s},{s:s},{s:s,s:s},{s:s,s:i}]", "component", "fee", "proposal",
                          "drop", "component", "x", "component", "fee", "lawful", "yes",
                          "component", "way", "colour", 1);
    size_t n = rv_check(c, "maybe", NULL, 0, e, RV_ERRORS_MAX);
    assert_true(has(e, n, "components[0].proposal"));
    assert_true(has(e, n, "components[1].component"));
    assert_true(has(e, n, "components[2].component")); /* fee twice */
    assert_true(has(e, n, "components[2].lawful"));
    assert_true(has(e, n, "components[3].colour"));
    assert_true(has(e, n, "proposal"));
    json_decref(c);
    json_t *notarr = json_object();
    assert_int_equal(rv_check(notarr, NULL, NULL, 0, e, RV_ERRORS_MAX), 1);
    assert_string_equal(e[0].field, "components");
    json_decref(notarr);
}

static void submit_complete(void **state) {
    (void)state;
    struct rv_error e[RV_ERRORS_MAX];
    json_t *c = all_kept();
    assert_int_equal(rv_check(c, "keep", NULL, 1, e, RV_ERRORS_MAX), 0);
    /* no form proposal */
    assert_int_equal(rv_check(c, NULL, NULL, 1, e, RV_ERRORS_MAX), 1);
    assert_string_equal(e[0].field, "proposal");
    /* a change proposed without its text, at both levels */
    json_t *fee = json_array_get(c, 7);
    json_object_set_new(fee, "necessary", json_false());
    json_object_set_new(fee, "proposal", json_string("abolish"));
    size_t n = rv_check(c, "simplify", " ", 1, e, RV_ERRORS_MAX);
    assert_true(has(e, n, "components[7].reason"));
    assert_true(has(e, n, "components[7].change"));
    assert_true(has(e, n, "change_text"));
    json_object_set_new(fee, "reason", json_string("Trùng với phí đã thu."));
    json_object_set_new(fee, "change", json_string("Bãi bỏ lệ phí."));
    assert_int_equal(rv_check(c, "simplify", "Bãi bỏ lệ phí cấp bản sao.", 1, e, RV_ERRORS_MAX), 0);
    /* keep overall while a component changes */
    n = rv_check(c, "keep", NULL, 1, e, RV_ERRORS_MAX);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].field, "proposal");
    /* a component missing */
    json_array_remove(c, 10);
    n = rv_check(c, "simplify", "x", 1, e, RV_ERRORS_MAX);
    assert_true(has(e, n, "components"));
    json_decref(c);
}

static void errors_capped(void **state) {
    (void)state;
    struct rv_error e[2];
    json_t *c = json_array();
    for (int k = 0; k < RV_NCOMPONENTS; k++)
        json_array_append_new(c, json_pack("{s:s}", "component", rv_component_keys[k]));
    size_t n = rv_check(c, NULL, NULL, 1, e, 2);
    assert_true(n > 2); /* counted beyond the room, written only within it */
    json_decref(c);
}

static void normalised_order(void **state) {
    (void)state;
    json_t *c = json_pack("[{s:s,s:b},{s:s,s:s}]", "component", "result", "lawful", 1, "component",
                          "name", "reason", "r");
    json_t *n = rv_normalise(c);
    assert_int_equal(json_array_size(n), RV_NCOMPONENTS);
    assert_string_equal(json_string_value(json_object_get(json_array_get(n, 0), "component")),
                        "name");
    assert_string_equal(json_string_value(json_object_get(json_array_get(n, 0), "reason")), "r");
    assert_true(json_is_true(json_object_get(json_array_get(n, 10), "lawful")));
    assert_true(json_is_null(json_object_get(json_array_get(n, 5), "proposal")));
    json_decref(n);
    json_decref(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(components_fixed), cmocka_unit_test(draft_may_be_partial),
        cmocka_unit_test(draft_types),      cmocka_unit_test(submit_complete),
        cmocka_unit_test(errors_capped),    cmocka_unit_test(normalised_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
