/* Unit tests for core/sso: PKCE challenge (RFC 7636 vector), return addresses, role mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/sso.h"

static void test_pkce_rfc7636(void **state) {
    (void)state;
    /* RFC 7636 appendix B. */
    char *c = sso_pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_non_null(c);
    assert_string_equal(c, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    free(c);
}

static void test_return_to(void **state) {
    (void)state;
    assert_true(sso_return_to_ok("/"));
    assert_true(sso_return_to_ok("/noi-bo/ke-hoach?nam=2026#x"));
    assert_false(sso_return_to_ok(NULL));
    assert_false(sso_return_to_ok(""));
    assert_false(sso_return_to_ok("//evil.example/"));
    assert_false(sso_return_to_ok("/\\evil.example/"));
    assert_false(sso_return_to_ok("https://evil.example/"));
    assert_false(sso_return_to_ok("/a\\b"));
    assert_false(sso_return_to_ok("/a b"));
    assert_false(sso_return_to_ok("/a\r\nSet-Cookie: x=1"));
    char longp[600];
    memset(longp, 'a', sizeof longp - 1);
    longp[0] = '/';
    longp[sizeof longp - 1] = '\0';
    assert_false(sso_return_to_ok(longp));
}

static void test_roles(void **state) {
    (void)state;
    json_t *c = json_pack("{s:{s:[s,s]}}", "realm_access", "roles", "kstt-officer", "kstt-leader");
    const char *map = "kstt-leader=leader,kstt-officer=officer";
    assert_string_equal(sso_map_role(c, "realm_access.roles", map), "leader");
    assert_null(sso_map_role(c, "roles", map));
    json_decref(c);
    c = json_pack("{s:[s,s]}", "roles", "khac", "specialist");
    assert_string_equal(sso_map_role(c, "roles", ""), "specialist");
    json_decref(c);
    c = json_pack("{s:s}", "roles", "x=admin"); /* a name containing '=' is not a map entry */
    assert_null(sso_map_role(c, "roles", "x=admin2"));
    json_decref(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_pkce_rfc7636),
                                       cmocka_unit_test(test_return_to),
                                       cmocka_unit_test(test_roles)};
    return cmocka_run_group_tests_name("sso", tests, NULL, NULL);
}
