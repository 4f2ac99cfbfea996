/* Unit tests for core/sso: PKCE challenge (RFC 7636 vector), return addresses, role mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/sso.h"
#include "lib/config.h"
#include "lib/jws.h"
#include "lib/oidc.h"
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
    assert_int_equal(jws_verify(t, "RS256", k.current.pub_pem), 0);
    assert_int_equal(jws_verify(t, "RS384", k.current.pub_pem), -1);
    assert_int_equal(jws_verify(t, "HS256", k.current.pub_pem), -1);
    char *bad = strdup(t);
    char *sig = strrchr(bad, '.') + 5;
    *sig = *sig == 'A' ? 'B' : 'A';
    assert_int_equal(jws_verify(bad, "RS256", k.current.pub_pem), -1);
    free(bad);
    free(t);
    token_verifier_free(&ours);
    token_verifier_free(&other);
    token_verifier_free(&other_iss);
    token_keys_free(&k);
    remove_tree(root);
}

/* lib/oidc: the providers file (defaults, refusals) and the URLs sent to a provider. */
static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_providers(void **state) {
    (void)state;
    struct config cfg;
    memset(&cfg, 0, sizeof cfg);
    snprintf(cfg.oidc_label, sizeof cfg.oidc_label, "Tỉnh");
    snprintf(cfg.oidc_scopes, sizeof cfg.oidc_scopes, "openid profile");
    snprintf(cfg.idp_claim_username, sizeof cfg.idp_claim_username, "preferred_username");
    snprintf(cfg.oidc_providers, sizeof cfg.oidc_providers, "build/sso-providers.json");
    write_file(cfg.oidc_providers,
               "[{\"id\":\"tinh\",\"issuer\":\"https://sso.example/realms/t\",\"client_id\":"
               "\"kstt\",\"client_secret\":\"s\",\"leeway\":2,\"autocreate\":true},"
               "{\"id\":\"bo\",\"label\":\"Bộ\",\"issuer\":\"https://b.example\","
               "\"client_id\":\"k2\",\"scopes\":\"openid\",\"auth_method\":\"private_key_jwt\"}]");
    struct oidc_provider *p = NULL;
    int n = 0;
    char err[256];
    assert_int_equal(oidc_providers_load(&cfg, &p, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].label, "Tỉnh"); /* default label */
    assert_int_equal(p[0].leeway, 2);
    assert_int_equal(p[0].autocreate, 1);
    assert_string_equal(p[0].claim_username, "preferred_username");
    assert_string_equal(p[1].scopes, "openid");
    assert_int_equal(p[0].private_key_jwt, 0);
    assert_int_equal(p[1].private_key_jwt, 1);
    struct oidc_endpoints ep;
    memset(&ep, 0, sizeof ep);
    snprintf(ep.authorization, sizeof ep.authorization, "https://sso.example/auth");
    char *u = oidc_authorize_url(&p[0], &ep, "https://kstt/cb?x=1", "st", "no", "ch");
    assert_string_equal(u,
                        "https://sso.example/auth?response_type=code&client_id=kstt&redirect_uri="
                        "https%3A%2F%2Fkstt%2Fcb%3Fx%3D1&scope=openid%20profile&state=st&nonce=no&"
                        "code_challenge=ch&code_challenge_method=S256");
    free(u);
    assert_null(oidc_end_session_url(&ep, &p[0], "t", "https://kstt/dang-nhap"));
    snprintf(ep.end_session, sizeof ep.end_session, "https://sso.example/logout?a=b");
    u = oidc_end_session_url(&ep, &p[0], "t.o.k", "https://kstt/dang-nhap");
    assert_string_equal(u,
                        "https://sso.example/logout?a=b&id_token_hint=t.o.k&post_logout_redirect_"
                        "uri=https%3A%2F%2Fkstt%2Fdang-nhap&client_id=kstt");
    free(u);
    oidc_providers_free(p, n);
    /* Refused: an id that cannot be a path segment, a provider twice, not an array, no client,
     * no leeway (a token minted as the provider's second turns would read as from the future). */
    const char *bad[] = {"[{\"id\":\"Tinh/1\",\"issuer\":\"https://a\",\"client_id\":\"c\"}]",
                         "[{\"id\":\"a\",\"issuer\":\"https://a\",\"client_id\":\"c\"},"
                         "{\"id\":\"a\",\"issuer\":\"https://b\",\"client_id\":\"c\"}]",
                         "{\"id\":\"a\"}", "[{\"id\":\"a\",\"issuer\":\"https://a\"}]",
                         "[{\"id\":\"a\",\"issuer\":\"https://a\",\"client_id\":\"c\","
                         "\"leeway\":0}]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(cfg.oidc_providers, bad[i]);
        assert_int_equal(oidc_providers_load(&cfg, &p, &n, err, sizeof err), -1);
    }
    remove(cfg.oidc_providers);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pkce_rfc7636), cmocka_unit_test(test_return_to),
        cmocka_unit_test(test_roles), cmocka_unit_test(test_audience),
        cmocka_unit_test(test_providers)};
    return cmocka_run_group_tests_name("sso", tests, NULL, NULL);
}
