/* Unit tests for core/sso: PKCE challenge (RFC 7636 vector), return addresses, role mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/sso.h"
#include "lib/jws.h"
#include "lib/token.h"
#include "unit_helpers.h"

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

/* KSTT's own access tokens, as another provincial system verifies them (docs/operations.md): a
 * token minted for audience kstt-api is accepted by a verifier for kstt-api and refused by one
 * configured for another audience, and by one expecting another issuer. Also the JWS check that
 * back-channel logout tokens go through (lib/jws), on the same keys. */
static void test_audience(void **state) {
    (void)state;
    char root[64] = "build/sso-test-XXXXXX", dir[96];
    mkdir("build", 0755);
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/keys", root);
    struct token_keys k;
    assert_int_equal(token_keys_load_or_create(&k, dir), 0);
    time_t now = time(NULL);
    char *t = token_mint(&k, "kstt", "kstt-api", "7", "a", "officer", 3, "sid1", 300, now);
    assert_non_null(t);
    struct token_verifier ours, other, other_iss;
    assert_int_equal(token_verifier_from_keys(&ours, &k, "kstt", "kstt-api"), 0);
    assert_int_equal(token_verifier_from_keys(&other, &k, "kstt", "he-thong-khac"), 0);
    assert_int_equal(token_verifier_from_keys(&other_iss, &k, "tinh-khac", "kstt-api"), 0);
    const char *why = NULL;
    json_t *c = NULL;
    assert_int_equal(token_verify(&ours, t, now, &c, &why), TOKEN_OK);
    assert_string_equal(json_string_value(json_object_get(c, "aud")), "kstt-api");
    json_decref(c);
    assert_int_equal(token_verify(&other, t, now, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "wrong audience");
    assert_int_equal(token_verify(&other_iss, t, now, NULL, &why), TOKEN_INVALID);
    /* lib/jws: the same signature verifies with the key, fails once a byte changes. */
    json_t *h = jws_header(t);
    assert_string_equal(json_string_value(json_object_get(h, "alg")), "RS256");
    json_decref(h);
    assert_int_equal(jws_verify(t, "RS256", k.current.pub_pem), 0);
    assert_int_equal(jws_verify(t, "RS384", k.current.pub_pem), -1);
    assert_int_equal(jws_verify(t, "HS256", k.current.pub_pem), -1);
    char *bad = strdup(t);
    char *sig = strrchr(bad, '.') + 5;
    *sig = *sig == 'A' ? 'B' : 'A';
    assert_int_equal(jws_verify(bad, "RS256", k.current.pub_pem), -1);
    assert_null(jws_payload("a.b"));
    free(bad);
    free(t);
    token_verifier_free(&ours);
    token_verifier_free(&other);
    token_verifier_free(&other_iss);
    token_keys_free(&k);
    remove_tree(root);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pkce_rfc7636), cmocka_unit_test(test_return_to),
        cmocka_unit_test(test_roles), cmocka_unit_test(test_audience)};
    return cmocka_run_group_tests_name("sso", tests, NULL, NULL);
}
