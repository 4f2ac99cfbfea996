/* Unit tests for core/reform_flow: the allowed moves and the 409's allowed list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/reform_flow.h"

static void test_moves(void **state) {
    (void)state;
    assert_true(flow_allows(internal_procedure_flow, "in_force", "proposed"));
    assert_true(flow_allows(internal_procedure_flow, "proposed", "simplified"));
    assert_false(flow_allows(internal_procedure_flow, "abolished", "in_force"));
    assert_false(flow_allows(internal_procedure_flow, "in_force", "in_force"));
    assert_false(flow_allows(internal_procedure_flow, "in_force", "simplified"));
    assert_true(flow_allows(internal_proposal_flow, "accepted", "implemented"));
    assert_false(flow_allows(internal_proposal_flow, "proposed", "implemented"));
    assert_false(flow_allows(internal_proposal_flow, "rejected", "accepted"));
    assert_true(flow_allows(impact_flow, "draft", "sent"));
    assert_false(flow_allows(impact_flow, "draft", "appraised"));
    assert_false(flow_allows(impact_flow, "appraised", "sent"));
    assert_true(flow_allows(initiative_flow, "assessed", "assessed"));
    assert_false(flow_allows(initiative_flow, "proposed", "adopted"));
    assert_false(flow_allows(initiative_flow, "adopted", "assessed"));
    assert_false(flow_allows(initiative_flow, NULL, "assessed"));
}

static void test_allowed_json(void **state) {
    (void)state;
    char buf[64];
    flow_allowed_json(internal_procedure_flow, "proposed", buf, sizeof buf);
    assert_string_equal(buf, "[\"in_force\",\"simplified\",\"abolished\"]");
    flow_allowed_json(impact_flow, "appraised", buf, sizeof buf);
    assert_string_equal(buf, "[]");
    flow_allowed_json(impact_flow, NULL, buf, sizeof buf);
    assert_string_equal(buf, "[]");
    /* Too small: cut at a whole element, still valid JSON. */
    char small[16];
    flow_allowed_json(internal_procedure_flow, "proposed", small, sizeof small);
    assert_string_equal(small, "[\"in_force\"]");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moves),
        cmocka_unit_test(test_allowed_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
