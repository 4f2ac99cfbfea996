/* Unit tests for the token files of fcgi/lib (token.h): keys, minting, JWKS, and every way
 * token_verify must say no. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/b64.h"
#include "lib/memo.h"
#include "lib/token.h"
#include "unit_helpers.h"

#include <dirent.h>
#include <jwt.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ISS "https://kstt.example.vn/"
#define AUD "kstt-api"
#define NOW ((time_t)1750000000)

static char g_root[256];   /* temp dir under build/ */
static char g_keydir[300]; /* g_root/keys */
static struct token_keys g_keys;
static struct token_verifier g_ver;

/* ---------- helpers ---------- */

static void path_in(char *out, size_t cap, const char *name) {
    snprintf(out, cap, "%s/%s", g_root, name);
}

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The standard claims for NOW; tests edit the object before signing. */
static json_t *base_claims(void) {
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s}", "iss", ISS, "aud", AUD, "sub", "42",
                     "iat", (json_int_t)NOW, "nbf", (json_int_t)NOW, "exp", (json_int_t)NOW + 900,
                     "role", "admin");
}

/* Signs claims (consumed) with libjwt under any alg/key, the way an attacker or an IdP would. */
static char *sign_claims(jwt_alg_t alg, const char *key, size_t keylen, const char *kid,
                         json_t *claims) {
    char *cj = json_dumps(claims, JSON_COMPACT);
    json_decref(claims);
    jwt_t *j = NULL;
    assert_int_equal(jwt_new(&j), 0);
    assert_int_equal(jwt_add_grants_json(j, cj), 0);
    if (kid) assert_int_equal(jwt_add_header(j, "kid", kid), 0);
    assert_int_equal(jwt_set_alg(j, alg, (const unsigned char *)key, (int)keylen), 0);
    char *t = jwt_encode_str(j);
    assert_non_null(t);
    jwt_free(j);
    free(cj);
    return t;
}

static char *sign_ours(json_t *claims) {
    const char *pem = g_keys.current.priv_pem;
    return sign_claims(JWT_ALG_RS256, pem, strlen(pem), g_keys.current.kid, claims);
}

/* header.payload.sig from raw JSON texts, for tokens libjwt would refuse to build. */
static char *raw_token(const char *header, const char *payload, const char *sig) {
    char *h = b64_encode((const unsigned char *)header, strlen(header), B64_URL);
    char *p = b64_encode((const unsigned char *)payload, strlen(payload), B64_URL);
    size_t n = strlen(h) + strlen(p) + strlen(sig) + 3;
    char *t = malloc(n);
    snprintf(t, n, "%s.%s.%s", h, p, sig);
    free(h);
    free(p);
    return t;
}

static char *good_payload_json(void) {
    json_t *c = base_claims();
    char *s = json_dumps(c, JSON_COMPACT);
    json_decref(c);
    return s;
}

static int verify(const char *tok, const char **why) {
    return token_verify(&g_ver, tok, NOW, NULL, why);
}

static void assert_rejected(const char *tok) {
    const char *why = NULL;
    assert_int_equal(verify(tok, &why), TOKEN_INVALID);
    assert_non_null(why);
}

static char *mint_default(const struct token_keys *k, time_t at) {
    return token_mint(k, ISS, AUD, "42", "nguyenvana", "specialist", 9000000000LL, "sess-1", 900,
                      at);
}

/* ---------- setup ---------- */

static int group_setup(void **state) {
    (void)state;
    mkdir("build", 0755);
    snprintf(g_root, sizeof g_root, "build/token-test-XXXXXX");
    if (!mkdtemp(g_root)) return -1;
    snprintf(g_keydir, sizeof g_keydir, "%s/keys", g_root);
    if (token_keys_load_or_create(&g_keys, g_keydir) != 0) return -1;
    return token_verifier_from_keys(&g_ver, &g_keys, ISS, AUD);
}

static int group_teardown(void **state) {
    (void)state;
    token_verifier_free(&g_ver);
    token_keys_free(&g_keys);
    remove_tree(g_root);
    return 0;
}

/* ---------- keys ---------- */

static void test_key_created_0600_with_kid(void **state) {
    (void)state;
    char p[512];
    snprintf(p, sizeof p, "%s/current.pem", g_keydir);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_false(g_keys.has_previous);
    assert_int_equal(strlen(g_keys.current.kid), 22); /* 16 bytes in base64url */

    /* kid = base64url(SHA-256(DER public key)[0..16)), recomputed independently. */
    BIO *b = BIO_new_mem_buf(g_keys.current.pub_pem, -1);
    EVP_PKEY *pk = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
    unsigned char *der = NULL, md[32];
    int len = i2d_PUBKEY(pk, &der);
    assert_true(len > 0);
    assert_int_equal(EVP_Digest(der, (size_t)len, md, NULL, EVP_sha256(), NULL), 1);
    char *kid = b64_encode(md, 16, B64_URL);
    assert_string_equal(kid, g_keys.current.kid);
    free(kid);
    OPENSSL_free(der);
    EVP_PKEY_free(pk);
    BIO_free(b);
}

static void test_key_reload_is_stable(void **state) {
    (void)state;
    struct token_keys k2;
    assert_int_equal(token_keys_load_or_create(&k2, g_keydir), 0);
    assert_string_equal(k2.current.kid, g_keys.current.kid);
    token_keys_free(&k2);
}

static void test_key_mode_too_open_refused(void **state) {
    (void)state;
    char dir[512], p[600];
    path_in(dir, sizeof dir, "openkeys");
    struct token_keys k;
    assert_int_equal(token_keys_load_or_create(&k, dir), 0);
    token_keys_free(&k);
    snprintf(p, sizeof p, "%s/current.pem", dir);
    assert_int_equal(chmod(p, 0644), 0);
    assert_int_equal(token_keys_load_or_create(&k, dir), -1);
    assert_non_null(strstr(k.err, "group or others"));
    assert_int_equal(chmod(p, 0600), 0);
    write_text(p, "not a key\n");
    assert_int_equal(chmod(p, 0600), 0);
    assert_int_equal(token_keys_load_or_create(&k, dir), -1);
    assert_non_null(strstr(k.err, "not an unencrypted RSA"));
}

/* ---------- mint and verify ---------- */

static void test_roundtrip(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW);
    assert_non_null(t);
    json_t *c = NULL;
    const char *why = NULL;
    assert_int_equal(token_verify(&g_ver, t, NOW, &c, &why), TOKEN_OK);
    assert_string_equal(why, "ok");
    assert_string_equal(json_string_value(json_object_get(c, "sub")), "42");
    assert_string_equal(json_string_value(json_object_get(c, "username")), "nguyenvana");
    assert_string_equal(json_string_value(json_object_get(c, "role")), "specialist");
    assert_string_equal(json_string_value(json_object_get(c, "sid")), "sess-1");
    assert_string_equal(json_string_value(json_object_get(c, "iss")), ISS);
    assert_string_equal(json_string_value(json_object_get(c, "aud")), AUD);
    assert_true(json_integer_value(json_object_get(c, "unit_id")) == 9000000000LL);
    assert_true(json_integer_value(json_object_get(c, "iat")) == NOW);
    assert_true(json_integer_value(json_object_get(c, "nbf")) == NOW);
    assert_true(json_integer_value(json_object_get(c, "exp")) == NOW + 900);
    assert_int_equal(strlen(json_string_value(json_object_get(c, "jti"))), 22);
    json_decref(c);

    /* Header: RS256 and our kid. */
    size_t hl = 0;
    unsigned char *h = b64_decode(t, (size_t)(strchr(t, '.') - t), B64_URL, SIZE_MAX, &hl);
    json_t *hdr = json_loadb((const char *)h, hl, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(hdr, "alg")), "RS256");
    assert_string_equal(json_string_value(json_object_get(hdr, "kid")), g_keys.current.kid);
    json_decref(hdr);
    free(h);
    free(t);
}

static void test_jti_unique(void **state) {
    (void)state;
    char *a = mint_default(&g_keys, NOW), *b = mint_default(&g_keys, NOW);
    json_t *ca = NULL, *cb = NULL;
    assert_int_equal(token_verify(&g_ver, a, NOW, &ca, NULL), TOKEN_OK);
    assert_int_equal(token_verify(&g_ver, b, NOW, &cb, NULL), TOKEN_OK);
    assert_string_not_equal(json_string_value(json_object_get(ca, "jti")),
                            json_string_value(json_object_get(cb, "jti")));
    json_decref(ca);
    json_decref(cb);
    free(a);
    free(b);
}

static void test_mint_requires_fields(void **state) {
    (void)state;
    assert_null(token_mint(&g_keys, NULL, AUD, "1", NULL, NULL, 1, NULL, 60, NOW));
    assert_null(token_mint(&g_keys, ISS, NULL, "1", NULL, NULL, 1, NULL, 60, NOW));
    assert_null(token_mint(&g_keys, ISS, AUD, NULL, NULL, NULL, 1, NULL, 60, NOW));
    assert_null(token_mint(&g_keys, ISS, AUD, "1", NULL, NULL, 1, NULL, 0, NOW));
    char *t = token_mint(&g_keys, ISS, AUD, "1", NULL, NULL, 1, NULL, 60, NOW);
    json_t *c = NULL;
    assert_int_equal(token_verify(&g_ver, t, NOW, &c, NULL), TOKEN_OK);
    assert_null(json_object_get(c, "username"));
    assert_null(json_object_get(c, "sid"));
    json_decref(c);
    free(t);
}

static void test_expired_beyond_leeway_fails(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW - 1000); /* exp = NOW - 100 */
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "token expired");
    free(t);
    t = mint_default(&g_keys, NOW - 960); /* exp = NOW - 60: the boundary is expired */
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    free(t);
}

static void test_expired_within_leeway_passes(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW - 930); /* exp = NOW - 30 */
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    free(t);
}

static void test_nbf_in_future_fails(void **state) {
    (void)state;
    json_t *c = base_claims();
    json_object_set_new(c, "nbf", json_integer(NOW + 120));
    json_object_del(c, "iat");
    char *t = sign_ours(c);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "token not yet valid");
    free(t);
    /* Within leeway is accepted. */
    c = base_claims();
    json_object_set_new(c, "nbf", json_integer(NOW + 30));
    t = sign_ours(c);
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    free(t);
}

static void test_iat_in_future_fails(void **state) {
    (void)state;
    json_t *c = base_claims();
    json_object_set_new(c, "iat", json_integer(NOW + 86400));
    char *t = sign_ours(c);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "token issued in the future");
    free(t);
}

static void test_missing_or_bad_exp_fails(void **state) {
    (void)state;
    json_t *c = base_claims();
    json_object_del(c, "exp");
    char *t = sign_ours(c);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "no exp");
    free(t);
    c = base_claims();
    json_object_set_new(c, "exp", json_string("9999999999"));
    t = sign_ours(c);
    assert_rejected(t);
    free(t);
}

static void test_wrong_iss_fails(void **state) {
    (void)state;
    char *t =
        token_mint(&g_keys, "https://evil.example/", AUD, "42", NULL, NULL, 1, NULL, 900, NOW);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "wrong issuer");
    free(t);
    /* A prefix of the issuer is not the issuer. */
    t = token_mint(&g_keys, "https://kstt.example.vn", AUD, "42", NULL, NULL, 1, NULL, 900, NOW);
    assert_rejected(t);
    free(t);
    json_t *c = base_claims();
    json_object_del(c, "iss");
    t = sign_ours(c);
    assert_rejected(t);
    free(t);
}

static void test_wrong_aud_fails(void **state) {
    (void)state;
    char *t = token_mint(&g_keys, ISS, "other-api", "42", NULL, NULL, 1, NULL, 900, NOW);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "wrong audience");
    free(t);
    json_t *c = base_claims();
    json_object_del(c, "aud");
    t = sign_ours(c);
    assert_rejected(t);
    free(t);
}

static void test_aud_array(void **state) {
    (void)state;
    json_t *c = base_claims();
    json_object_set_new(c, "aud", json_pack("[s, s]", "account", AUD));
    char *t = sign_ours(c);
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    free(t);
    c = base_claims();
    json_object_set_new(c, "aud", json_pack("[s, s]", "account", "other"));
    t = sign_ours(c);
    assert_rejected(t);
    free(t);
    c = base_claims();
    json_object_set_new(c, "aud", json_pack("[[s]]", AUD));
    t = sign_ours(c);
    assert_rejected(t);
    free(t);
}

/* Replaces one character inside part (0..2) of a token with a different base64url character. */
static void flip_in_part(char *t, int part) {
    char *p = t;
    for (int i = 0; i < part; i++) p = strchr(p, '.') + 1;
    char *end = strchr(p, '.');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char *c = p + len / 2;
    *c = *c == 'A' ? 'B' : 'A';
}

static void test_tampered_payload_fails(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW);
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    flip_in_part(t, 1);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "bad signature");
    free(t);
}

static void test_tampered_signature_fails(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW);
    flip_in_part(t, 2);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "bad signature");
    free(t);
}

static void test_alg_none_fails(void **state) {
    (void)state;
    char *payload = good_payload_json(), hdr[256];
    const char *algs[] = {"\"none\"", "\"None\"", "\"NONE\"", "null", "\"\""};
    for (size_t i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        snprintf(hdr, sizeof hdr, "{\"alg\":%s,\"kid\":\"%s\"}", algs[i], g_keys.current.kid);
        char *t = raw_token(hdr, payload, "");
        assert_rejected(t);
        free(t);
        t = raw_token(hdr, payload, "c2ln");
        assert_rejected(t);
        free(t);
    }
    /* Absent alg, and an unsigned token without kid. */
    char *t = raw_token("{\"typ\":\"JWT\"}", payload, "c2ln");
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "header has no alg");
    free(t);
    t = raw_token("{\"alg\":\"none\"}", payload, "");
    assert_rejected(t);
    free(t);
    free(payload);
}

/* The classic confusion attack: HMAC with our public PEM as the secret. libjwt alone accepts it. */
static void test_hs256_with_public_pem_fails(void **state) {
    (void)state;
    const char *pub = g_keys.current.pub_pem;
    const jwt_alg_t algs[] = {JWT_ALG_HS256, JWT_ALG_HS384, JWT_ALG_HS512};
    for (size_t i = 0; i < 3; i++) {
        char *t = sign_claims(algs[i], pub, strlen(pub), g_keys.current.kid, base_claims());
        jwt_t *j = NULL;
        assert_int_equal(jwt_decode(&j, t, (const unsigned char *)pub, (int)strlen(pub)), 0);
        jwt_free(j);
        const char *why = NULL;
        assert_int_equal(verify(t, &why), TOKEN_INVALID);
        assert_string_equal(why, "alg not allowed");
        free(t);
        t = sign_claims(algs[i], pub, strlen(pub), NULL, base_claims());
        assert_rejected(t);
        free(t);
    }
}

static void test_header_alg_must_match_key(void **state) {
    (void)state;
    /* RS384 is asymmetric but not the alg configured for our kid. */
    const char *pem = g_keys.current.priv_pem;
    char *t = sign_claims(JWT_ALG_RS384, pem, strlen(pem), g_keys.current.kid, base_claims());
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "alg not allowed for this key");
    free(t);
}

static void test_duplicate_header_keys_fail(void **state) {
    (void)state;
    char *payload = good_payload_json(), hdr[256];
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"alg\":\"HS256\",\"kid\":\"%s\"}",
             g_keys.current.kid);
    char *t = raw_token(hdr, payload, "c2ln");
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "bad header");
    free(t);
    /* A correctly signed token with a crit header we do not understand (RFC 7515 4.1.11). */
    const char *pem = g_keys.current.priv_pem;
    json_t *claims = base_claims();
    char *cj = json_dumps(claims, JSON_COMPACT);
    jwt_t *j = NULL;
    assert_int_equal(jwt_new(&j), 0);
    assert_int_equal(jwt_add_grants_json(j, cj), 0);
    assert_int_equal(jwt_add_header(j, "kid", g_keys.current.kid), 0);
    assert_int_equal(jwt_add_headers_json(j, "{\"crit\":[\"b64\"],\"b64\":true}"), 0);
    assert_int_equal(jwt_set_alg(j, JWT_ALG_RS256, (const unsigned char *)pem, (int)strlen(pem)),
                     0);
    t = jwt_encode_str(j);
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "unsupported crit header");
    free(t);
    free(cj);
    jwt_free(j);
    json_decref(claims);
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":7}");
    t = raw_token(hdr, payload, "c2ln");
    assert_rejected(t);
    free(t);
    free(payload);
}

static void test_unknown_kid(void **state) {
    (void)state;
    char dir[512];
    path_in(dir, sizeof dir, "otherkeys");
    struct token_keys other;
    assert_int_equal(token_keys_load_or_create(&other, dir), 0);
    assert_string_not_equal(other.current.kid, g_keys.current.kid);
    char *t = mint_default(&other, NOW);
    const char *why = NULL;
    assert_int_equal(verify(t, &why), TOKEN_UNKNOWN_KID);
    assert_string_equal(why, "unknown kid");
    free(t);
    /* Same foreign key but with our kid in the header: a signature failure, not unknown. */
    const char *pem = other.current.priv_pem;
    t = sign_claims(JWT_ALG_RS256, pem, strlen(pem), g_keys.current.kid, base_claims());
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "bad signature");
    free(t);
    token_keys_free(&other);
}

static void test_no_kid_single_key(void **state) {
    (void)state;
    const char *pem = g_keys.current.priv_pem;
    char *t = sign_claims(JWT_ALG_RS256, pem, strlen(pem), NULL, base_claims());
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    /* With two distinct keys, a token without kid is refused. */
    struct token_verifier v2;
    assert_int_equal(token_verifier_from_keys(&v2, &g_keys, ISS, AUD), 0);
    char dir[512];
    path_in(dir, sizeof dir, "nokid2");
    struct token_keys other;
    assert_int_equal(token_keys_load_or_create(&other, dir), 0);
    assert_int_equal(token_verifier_add_pem(&v2, other.current.kid, "RS256", other.current.pub_pem),
                     0);
    const char *why = NULL;
    assert_int_equal(token_verify(&v2, t, NOW, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "token has no kid");
    free(t);
    token_keys_free(&other);
    token_verifier_free(&v2);
}

/* A token verified once is remembered with its claims, but its times, issuer and audience are
 * checked again on every call, and a key added later forgets what was verified. */
static void test_seen_tokens(void **state) {
    (void)state;
    struct token_verifier v;
    assert_int_equal(token_verifier_from_keys(&v, &g_keys, ISS, AUD), 0);
    const char *pem = g_keys.current.priv_pem;
    char *t = mint_default(&g_keys, NOW),
         *nokid = sign_claims(JWT_ALG_RS256, pem, strlen(pem), NULL, base_claims());
    json_t *c = NULL;
    const char *why = NULL;
    size_t n = 0, bytes = 0;
    assert_int_equal(token_verify(&v, t, NOW, &c, NULL), TOKEN_OK);
    assert_int_equal(token_verify(&v, nokid, NOW, NULL, NULL), TOKEN_OK);
    memo_stats(v.seen, &n, &bytes);
    assert_int_equal(n, 2);
    /* Answered from the cache: the same claims. */
    json_t *again = NULL;
    assert_int_equal(token_verify(&v, t, NOW + 10, &again, NULL), TOKEN_OK);
    assert_true(json_equal(c, again));
    json_decref(again);
    json_decref(c);
    /* Expired and not-yet-valid are still refused for a remembered token. */
    assert_int_equal(token_verify(&v, t, NOW + 900 + 61, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "token expired");
    assert_int_equal(token_verify(&v, t, NOW - 120, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "token not yet valid");
    /* Another verifier with another audience refuses the same bytes: its own cache, its own
     * checks. */
    struct token_verifier other_aud;
    assert_int_equal(token_verifier_from_keys(&other_aud, &g_keys, ISS, "another-api"), 0);
    assert_int_equal(token_verify(&other_aud, t, NOW, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "wrong audience");
    token_verifier_free(&other_aud);
    /* A changed byte is another token: its signature is checked. */
    char *bad = strdup(t);
    bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
    assert_int_equal(token_verify(&v, bad, NOW, NULL, &why), TOKEN_INVALID);
    free(bad);
    /* A second key: the remembered kid-less token is refused like a new one. */
    char dir[512];
    path_in(dir, sizeof dir, "seen2");
    struct token_keys other;
    assert_int_equal(token_keys_load_or_create(&other, dir), 0);
    assert_int_equal(token_verifier_add_pem(&v, other.current.kid, "RS256", other.current.pub_pem),
                     0);
    memo_stats(v.seen, &n, &bytes);
    assert_int_equal(n, 0);
    assert_int_equal(token_verify(&v, nokid, NOW, NULL, &why), TOKEN_INVALID);
    assert_string_equal(why, "token has no kid");
    assert_int_equal(token_verify(&v, t, NOW, NULL, NULL), TOKEN_OK);
    free(t);
    free(nokid);
    token_keys_free(&other);
    token_verifier_free(&v);
}

static void test_previous_key_still_verifies(void **state) {
    (void)state;
    char dir[512];
    path_in(dir, sizeof dir, "rotate");
    struct token_keys k1, k2, k3;
    assert_int_equal(token_keys_load_or_create(&k1, dir), 0);
    char *t1 = mint_default(&k1, NOW);

    assert_int_equal(token_keys_rotate(dir), 0);
    assert_int_equal(token_keys_load_or_create(&k2, dir), 0);
    assert_true(k2.has_previous);
    assert_string_equal(k2.previous.kid, k1.current.kid);
    assert_string_not_equal(k2.current.kid, k1.current.kid);
    char p[600];
    struct stat st;
    snprintf(p, sizeof p, "%s/previous.pem", dir);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    struct token_verifier v;
    assert_int_equal(token_verifier_from_keys(&v, &k2, ISS, AUD), 0);
    assert_int_equal(v.nkeys, 2);
    assert_int_equal(token_verify(&v, t1, NOW, NULL, NULL), TOKEN_OK);
    char *t2 = mint_default(&k2, NOW);
    assert_int_equal(token_verify(&v, t2, NOW, NULL, NULL), TOKEN_OK);
    token_verifier_free(&v);

    /* A second rotation retires k1 for good. */
    assert_int_equal(token_keys_rotate(dir), 0);
    assert_int_equal(token_keys_load_or_create(&k3, dir), 0);
    assert_int_equal(token_verifier_from_keys(&v, &k3, ISS, AUD), 0);
    assert_int_equal(token_verify(&v, t1, NOW, NULL, NULL), TOKEN_UNKNOWN_KID);
    assert_int_equal(token_verify(&v, t2, NOW, NULL, NULL), TOKEN_OK);
    token_verifier_free(&v);
    free(t1);
    free(t2);
    token_keys_free(&k1);
    token_keys_free(&k2);
    token_keys_free(&k3);
}

/* ---------- JWKS ---------- */

static void test_jwks_roundtrip(void **state) {
    (void)state;
    char *jwks = token_jwks_json(&g_keys);
    assert_non_null(jwks);
    json_t *doc = json_loads(jwks, 0, NULL);
    json_t *k0 = json_array_get(json_object_get(doc, "keys"), 0);
    assert_int_equal(json_array_size(json_object_get(doc, "keys")), 1);
    assert_string_equal(json_string_value(json_object_get(k0, "kty")), "RSA");
    assert_string_equal(json_string_value(json_object_get(k0, "use")), "sig");
    assert_string_equal(json_string_value(json_object_get(k0, "alg")), "RS256");
    assert_string_equal(json_string_value(json_object_get(k0, "kid")), g_keys.current.kid);
    assert_string_equal(json_string_value(json_object_get(k0, "e")), "AQAB");
    assert_int_equal(strlen(json_string_value(json_object_get(k0, "n"))), 342); /* 256 bytes */
    assert_null(json_object_get(k0, "d"));
    json_decref(doc);

    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "RS256"), 1);
    char *t = mint_default(&g_keys, NOW);
    assert_int_equal(token_verify(&v, t, NOW, NULL, NULL), TOKEN_OK);
    token_verifier_free(&v);

    /* Not allowed by config -> skipped; HS256 in the config is ignored. */
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "ES256, HS256"), 0);
    assert_int_equal(token_verify(&v, t, NOW, NULL, NULL), TOKEN_UNKNOWN_KID);
    token_verifier_free(&v);
    free(t);
    free(jwks);
}

static void test_jwks_rotated_has_two_keys(void **state) {
    (void)state;
    char dir[512];
    path_in(dir, sizeof dir, "jwks2");
    struct token_keys k;
    assert_int_equal(token_keys_load_or_create(&k, dir), 0);
    assert_int_equal(token_keys_rotate(dir), 0);
    token_keys_free(&k);
    assert_int_equal(token_keys_load_or_create(&k, dir), 0);
    char *jwks = token_jwks_json(&k);
    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "RS256"), 2);
    assert_string_equal(v.keys[1].kid, k.previous.kid);
    token_verifier_free(&v);
    free(jwks);
    token_keys_free(&k);
}

static void test_jwks_malformed(void **state) {
    (void)state;
    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, "not json", "RS256"), -1);
    assert_int_equal(token_verifier_add_jwks(&v, "{\"keys\":{}}", "RS256"), -1);
    assert_int_equal(token_verifier_add_jwks(&v, "[]", "RS256"), -1);
    assert_int_equal(token_verifier_add_jwks(&v, "{\"keys\":[1,\"x\",{}]}", "RS256"), 0);
    /* Bad base64, too-short modulus, an encryption key, an oct (HMAC) key. */
    assert_int_equal(token_verifier_add_jwks(
                         &v, "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"!!\",\"e\":\"AQAB\"}]}", "RS256"),
                     0);
    assert_int_equal(
        token_verifier_add_jwks(&v, "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}",
                                "RS256"),
        0);
    assert_int_equal(token_verifier_add_jwks(
                         &v, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"alg\":\"HS256\"}]}",
                         "RS256,HS256"),
                     0);
    assert_int_equal(v.nkeys, 0);
    char *jwks = token_jwks_json(&g_keys);
    json_t *doc = json_loads(jwks, 0, NULL);
    json_t *k0 = json_array_get(json_object_get(doc, "keys"), 0);
    json_object_set_new(k0, "use", json_string("enc"));
    char *enc = json_dumps(doc, 0);
    assert_int_equal(token_verifier_add_jwks(&v, enc, "RS256"), 0);
    free(enc);
    json_decref(doc);
    free(jwks);
    token_verifier_free(&v);
}

static void test_add_pem_refuses_symmetric_and_mismatch(void **state) {
    (void)state;
    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    const char *pub = g_keys.current.pub_pem;
    assert_int_equal(token_verifier_add_pem(&v, "k", "HS256", pub), -1);
    assert_int_equal(token_verifier_add_pem(&v, "k", "none", pub), -1);
    assert_int_equal(token_verifier_add_pem(&v, "k", "ES256", pub), -1); /* RSA key, EC alg */
    assert_int_equal(token_verifier_add_pem(&v, "k", "RS256", "garbage"), -1);
    assert_int_equal(token_verifier_add_pem(&v, "k", "RS256", pub), 0);
    token_verifier_free(&v);
    assert_int_equal(token_verifier_init(&v, NULL, AUD, -1), -1);
    assert_int_equal(token_verifier_init(&v, ISS, "", -1), -1);
}

/* An EC P-256 key as a JWK {kty, crv, x, y, kid}. */
static char *ec_jwk(EVP_PKEY *pk, const char *kid, const char *alg) {
    unsigned char pub[65];
    size_t len = 0;
    assert_int_equal(
        EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &len), 1);
    assert_int_equal(len, 65);
    char *x = b64_encode(pub + 1, 32, B64_URL), *y = b64_encode(pub + 33, 32, B64_URL);
    json_t *k = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kty", "EC", "crv", "P-256", "x", x, "y", y,
                          "kid", kid);
    if (alg) json_object_set_new(k, "alg", json_string(alg));
    json_t *doc = json_pack("{s:[o]}", "keys", k);
    char *s = json_dumps(doc, 0);
    json_decref(doc);
    free(x);
    free(y);
    return s;
}

static void test_es256_jwks(void **state) {
    (void)state;
    EVP_PKEY *pk = EVP_EC_gen("P-256");
    assert_non_null(pk);
    BIO *b = BIO_new(BIO_s_mem());
    assert_int_equal(PEM_write_bio_PrivateKey(b, pk, NULL, NULL, 0, NULL, NULL), 1);
    char *priv = NULL;
    long plen = BIO_get_mem_data(b, &priv);
    char *t = sign_claims(JWT_ALG_ES256, priv, (size_t)plen, "ec-1", base_claims());

    char *jwks = ec_jwk(pk, "ec-1", NULL);
    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "RS256"), 0);
    assert_int_equal(token_verify(&v, t, NOW, NULL, NULL), TOKEN_UNKNOWN_KID);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "RS256,ES256"), 1);
    assert_int_equal(token_verify(&v, t, NOW, NULL, NULL), TOKEN_OK);
    token_verifier_free(&v);
    free(jwks);

    /* A JWK that says RS256 on an EC key is not usable. */
    jwks = ec_jwk(pk, "ec-1", "RS256");
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, jwks, "RS256,ES256"), 0);
    token_verifier_free(&v);
    free(jwks);
    free(t);
    BIO_free(b);
    EVP_PKEY_free(pk);
}

static void test_ec_point_off_curve_rejected(void **state) {
    (void)state;
    const char *doc = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"x\","
                      "\"x\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                      "\"y\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}";
    struct token_verifier v;
    assert_int_equal(token_verifier_init(&v, ISS, AUD, -1), 0);
    assert_int_equal(token_verifier_add_jwks(&v, doc, "ES256"), 0);
    token_verifier_free(&v);
}

/* ---------- malformed tokens ---------- */

static void test_malformed_tokens(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW);
    char buf[TOKEN_MAX_LEN + 64];
    const char *why = NULL;

    snprintf(buf, sizeof buf, "%s.xyz", t); /* 4 parts */
    assert_int_equal(verify(buf, &why), TOKEN_INVALID);
    assert_string_equal(why, "token does not have 3 parts");
    *strrchr(t, '.') = '\0'; /* 2 parts */
    assert_int_equal(verify(t, &why), TOKEN_INVALID);
    assert_string_equal(why, "token does not have 3 parts");
    snprintf(buf, sizeof buf, "%s.", t); /* empty signature */
    assert_int_equal(verify(buf, &why), TOKEN_INVALID);
    assert_string_equal(why, "unsigned token");
    free(t);

    const char *bad[] = {"",
                         ".",
                         "..",
                         "a.b.c",
                         "!!!.@@@.###",
                         "a..c",
                         ".b.c",
                         "a b.c.d",
                         "e30=.e30.e30",
                         "eyJ.eyJ.eyJ",
                         "e30.e30.e30",
                         "W10.e30.c2ln",
                         "bnVsbA.e30.c2ln"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_rejected(bad[i]);
    assert_int_equal(token_verify(&g_ver, NULL, NOW, NULL, &why), TOKEN_INVALID);

    /* Huge: more than 8 KB is refused before any decoding. */
    memset(buf, 'A', sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    buf[100] = '.';
    buf[200] = '.';
    assert_int_equal(verify(buf, &why), TOKEN_INVALID);
    assert_string_equal(why, "token too large");
}

/* header.payload.sig with an RS256 signature by our current key over any header and payload
 * bytes, as a key holder could make: for what only a signed token reaches. malloc'd. */
static char *sign_raw(const char *header, const char *payload, size_t plen) {
    char *h = b64_encode((const unsigned char *)header, strlen(header), B64_URL);
    char *p = b64_encode((const unsigned char *)payload, plen, B64_URL);
    size_t n = strlen(h) + strlen(p) + 2;
    char *input = malloc(n);
    snprintf(input, n, "%s.%s", h, p);
    BIO *b = BIO_new_mem_buf(g_keys.current.priv_pem, -1);
    EVP_PKEY *pk = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char sig[512];
    size_t siglen = sizeof sig;
    assert_int_equal(EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, pk), 1);
    assert_int_equal(EVP_DigestSign(ctx, sig, &siglen, (const unsigned char *)input, strlen(input)),
                     1);
    char *s = b64_encode(sig, siglen, B64_URL);
    size_t tn = n + strlen(s) + 1;
    char *tok = malloc(tn);
    snprintf(tok, tn, "%s.%s", input, s);
    free(s), free(h), free(p), free(input);
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pk);
    BIO_free(b);
    return tok;
}

/* {"alg":"RS256","kid":"<ours>"} */
static void our_header(char *out, size_t cap) {
    snprintf(out, cap, "{\"alg\":\"RS256\",\"kid\":\"%s\"}", g_keys.current.kid);
}

static void assert_why(const char *tok, int want_rc, const char *want_why) {
    const char *why = NULL;
    assert_int_equal(verify(tok, &why), want_rc);
    assert_string_equal(why, want_why);
}

static void test_payload_not_object_after_valid_signature(void **state) {
    (void)state;
    /* A validly signed token whose payload is a JSON array must still be refused. */
    char hdr[256];
    our_header(hdr, sizeof hdr);
    char *tok = sign_raw(hdr, "[1]", 3);
    assert_why(tok, TOKEN_INVALID, "bad payload");
    free(tok);
    /* Signed bytes that are not JSON at all: libjwt refuses to decode them, so no claims. */
    tok = sign_raw(hdr, "not json", 8);
    assert_why(tok, TOKEN_INVALID, "bad signature");
    free(tok);
}

/* ---------- the one parse: header read once to pick the key, claims from libjwt ---------- */

/* The claims handed back are libjwt's decoding of the signed payload, whole and exact. */
static void test_claims_come_from_the_signed_payload(void **state) {
    (void)state;
    char hdr[256], payload[1024];
    our_header(hdr, sizeof hdr);
    snprintf(payload, sizeof payload,
             "{\"iss\":\"%s\",\"aud\":[\"x\",\"%s\"],\"sub\":\"42\",\"exp\":%lld.5,"
             "\"unit_id\":9000000000,\"name\":\"Nguy\u1ec5n V\u0103n A\","
             "\"realm_access\":{\"roles\":[\"kstt-officer\"]}}",
             ISS, AUD, (long long)NOW + 900);
    char *tok = sign_raw(hdr, payload, strlen(payload));
    json_t *c = NULL;
    const char *why = NULL;
    assert_int_equal(token_verify(&g_ver, tok, NOW, &c, &why), TOKEN_OK);
    assert_true(json_integer_value(json_object_get(c, "unit_id")) == 9000000000LL);
    assert_true(json_real_value(json_object_get(c, "exp")) == (double)NOW + 900.5);
    assert_string_equal(json_string_value(json_object_get(c, "name")), "Nguyễn Văn A");
    assert_non_null(token_claim_path(c, "realm_access.roles"));
    assert_int_equal(json_array_size(json_object_get(c, "aud")), 2);
    json_decref(c);
    free(tok);
}

/* Every way a header can try to make the key serve another algorithm. */
static void test_alg_confusion(void **state) {
    (void)state;
    char *payload = good_payload_json(), hdr[512];
    const char *kid = g_keys.current.kid;
    /* An asymmetric alg of the other family, and an RSA one other than the pinned RS256. */
    const char *other[] = {"ES256", "RS512", "PS256"};
    const char *want[] = {"alg not allowed for this key", "alg not allowed for this key",
                          "alg not allowed"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"kid\":\"%s\"}", other[i], kid);
        char *t = raw_token(hdr, payload, "c2ln");
        assert_why(t, TOKEN_INVALID, want[i]);
        free(t);
    }
    /* HMAC in any spelling, and a name that only looks like ours. */
    const char *sym[] = {"HS256", "hs256", "HS512", "RS256 ", "rs256"};
    for (size_t i = 0; i < sizeof sym / sizeof sym[0]; i++) {
        snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"kid\":\"%s\"}", sym[i], kid);
        char *t = raw_token(hdr, payload, "c2ln");
        assert_why(t, TOKEN_INVALID, "alg not allowed");
        free(t);
    }
    snprintf(hdr, sizeof hdr, "{\"alg\":256,\"kid\":\"%s\"}", kid);
    char *t = raw_token(hdr, payload, "c2ln");
    assert_why(t, TOKEN_INVALID, "header has no alg");
    free(t);
    /* Our alg with an escaped NUL after it: the header is refused (no NUL inside its strings). */
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\\u0000\",\"kid\":\"%s\"}", kid);
    t = raw_token(hdr, payload, "c2ln");
    assert_why(t, TOKEN_INVALID, "bad header");
    free(t);
    /* alg twice, the second spelled with an escape: a reader keeping the last one would verify
     * HS256. Refused as a header, even under a valid RS256 signature. */
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"al\\u0067\":\"HS256\",\"kid\":\"%s\"}", kid);
    t = sign_raw(hdr, payload, strlen(payload));
    assert_why(t, TOKEN_INVALID, "bad header");
    free(t);
    free(payload);
}

static void test_kid_paths(void **state) {
    (void)state;
    char *payload = good_payload_json(), hdr[512];
    const char *kid = g_keys.current.kid;
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":\"x%s\"}", kid);
    char *t = raw_token(hdr, payload, "c2ln");
    assert_why(t, TOKEN_UNKNOWN_KID, "unknown kid");
    free(t);
    /* Our kid followed by an escaped NUL is not ours cut short: the header is refused. */
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":\"%s\\u0000\"}", kid);
    t = raw_token(hdr, payload, "c2ln");
    assert_why(t, TOKEN_INVALID, "bad header");
    free(t);
    snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":[\"%s\"]}", kid);
    t = raw_token(hdr, payload, "c2ln");
    assert_why(t, TOKEN_INVALID, "kid is not a string");
    free(t);
    /* A verifier without keys (a remote JWKS not fetched yet) asks for a refresh. */
    struct token_verifier empty;
    assert_int_equal(token_verifier_init(&empty, ISS, AUD, -1), 0);
    our_header(hdr, sizeof hdr);
    t = sign_raw(hdr, payload, strlen(payload));
    const char *why = NULL;
    assert_int_equal(token_verify(&empty, t, NOW, NULL, &why), TOKEN_UNKNOWN_KID);
    assert_string_equal(why, "no keys");
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    token_verifier_free(&empty);
    free(t);
    free(payload);
}

static void test_bad_base64(void **state) {
    (void)state;
    char hdr[256];
    our_header(hdr, sizeof hdr);
    char *good = sign_raw(hdr, "{}", 2), buf[2048];
    const char *dot = strchr(good, '.');
    int hl = (int)(dot - good);
    /* Padding is not part of the compact form. */
    snprintf(buf, sizeof buf, "%.*s=%s", hl, good, dot);
    assert_why(buf, TOKEN_INVALID, "token has characters outside base64url");
    /* A header of 4k+1 characters cannot be base64url. */
    snprintf(buf, sizeof buf, "%.*sA%s", hl - (hl % 4), good, dot);
    assert_why(buf, TOKEN_INVALID, "bad header");
    /* Non-zero unused bits in the last character: a second spelling of the same header. */
    assert_true(hl % 4 != 0);
    snprintf(buf, sizeof buf, "%s", good);
    buf[hl - 1] = (char)(buf[hl - 1] + 1);
    assert_why(buf, TOKEN_INVALID, "bad header");
    /* Base64url of something that is not a JSON object. */
    const char *not_obj[] = {"hello", "[]", "\"alg\"", "{\"alg\":\"RS256\"", "{}x"};
    for (size_t i = 0; i < sizeof not_obj / sizeof not_obj[0]; i++) {
        char *t = raw_token(not_obj[i], "{}", "c2ln");
        assert_why(t, TOKEN_INVALID, "bad header");
        free(t);
    }
    /* A payload changed to text that is not base64url-canonical: the signature no longer fits. */
    size_t n = strlen(good);
    snprintf(buf, sizeof buf, "%.*sA%s", (int)(strrchr(good, '.') - good), good,
             strrchr(good, '.'));
    assert_true(strlen(buf) == n + 1);
    assert_why(buf, TOKEN_INVALID, "bad signature");
    free(good);
}

static void test_extra_segments(void **state) {
    (void)state;
    char *t = mint_default(&g_keys, NOW), buf[4096];
    assert_int_equal(verify(t, NULL), TOKEN_OK);
    const char *shapes[] = {"%s.", "%s.e30", "%s.e30.e30", "e30.%s", "%s..", ".%s"};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        snprintf(buf, sizeof buf, shapes[i], t);
        assert_why(buf, TOKEN_INVALID, "token does not have 3 parts");
    }
    assert_why("a..c", TOKEN_INVALID, "empty header or payload");
    assert_why(".b.c", TOKEN_INVALID, "empty header or payload");
    assert_why("a.b.", TOKEN_INVALID, "unsigned token");
    assert_why("a.b", TOKEN_INVALID, "token does not have 3 parts");
    free(t);
}

static void test_huge_header(void **state) {
    (void)state;
    char *payload = good_payload_json();
    /* A large but well-formed header within the cap is read and the token verifies. */
    char hdr[TOKEN_MAX_LEN + 64];
    size_t pad = 4800;
    int n =
        snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":\"%s\",\"x\":\"", g_keys.current.kid);
    memset(hdr + n, 'x', pad);
    strcpy(hdr + n + pad, "\"}");
    char *t = sign_raw(hdr, payload, strlen(payload));
    assert_true(strlen(t) <= TOKEN_MAX_LEN);
    assert_why(t, TOKEN_OK, "ok");
    free(t);
    /* One that takes the token over the cap is refused before any decoding. */
    memset(hdr + n, 'x', pad + 2000);
    strcpy(hdr + n + pad + 2000, "\"}");
    t = sign_raw(hdr, payload, strlen(payload));
    assert_true(strlen(t) > TOKEN_MAX_LEN);
    assert_why(t, TOKEN_INVALID, "token too large");
    free(t);
    /* Nesting deeper than the JSON parser takes, within the cap: a bad header, not a crash. */
    memset(hdr, '[', 3000);
    memset(hdr + 3000, ']', 3000);
    hdr[6000] = '\0';
    t = raw_token(hdr, payload, "c2ln");
    assert_true(strlen(t) <= TOKEN_MAX_LEN);
    assert_why(t, TOKEN_INVALID, "bad header");
    free(t);
    free(payload);
}

/* ---------- remote JWKS ---------- */

static void test_jwks_fetch_sources(void **state) {
    (void)state;
    char p[512], url[4200], *out = NULL;
    path_in(p, sizeof p, "jwks.json");
    write_text(p, "{\"keys\":[]}");
    assert_int_equal(token_jwks_fetch(p, &out), 0);
    assert_string_equal(out, "{\"keys\":[]}");
    free(out);
    char abs[4096];
    assert_non_null(realpath(p, abs));
    snprintf(url, sizeof url, "file://%s", abs);
    assert_int_equal(token_jwks_fetch(url, &out), 0);
    free(out);
    assert_int_equal(token_jwks_fetch("ftp://example.org/jwks", &out), -1);
    assert_null(out);
    assert_int_equal(token_jwks_fetch("build/does/not/exist.json", &out), -1);
    assert_int_equal(token_jwks_fetch(g_root, &out), -1); /* a directory */
    /* Nothing listens on port 1: a quick connection failure through libcurl. */
    assert_int_equal(token_jwks_fetch("http://127.0.0.1:1/jwks", &out), -1);
    assert_null(out);
    /* Over 1 MB is refused. */
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < TOKEN_JWKS_MAX / 64 + 1; i++)
        fputs("                                                               \n", f);
    fclose(f);
    assert_int_equal(token_jwks_fetch(p, &out), -1);
}

static void test_remote_refresh_on_unknown_kid(void **state) {
    (void)state;
    char p[512], dir[512];
    path_in(p, sizeof p, "idp-jwks.json");
    path_in(dir, sizeof dir, "idpkeys");
    struct token_keys idp;
    assert_int_equal(token_keys_load_or_create(&idp, dir), 0);
    char *jwks1 = token_jwks_json(&idp);
    write_text(p, jwks1);
    char *t1 = mint_default(&idp, NOW);

    struct token_remote r;
    assert_int_equal(token_remote_init(&r, p, "RS256", ISS, AUD, -1), 0);
    assert_int_equal(token_remote_verify(&r, t1, NOW, NULL, NULL), TOKEN_OK);

    /* The IdP rotates; the new kid is fetched only once the interval allows it. */
    assert_int_equal(token_keys_rotate(dir), 0);
    token_keys_free(&idp);
    assert_int_equal(token_keys_load_or_create(&idp, dir), 0);
    char *jwks2 = token_jwks_json(&idp);
    write_text(p, jwks2);
    char *t2 = mint_default(&idp, NOW);
    assert_int_equal(token_remote_verify(&r, t2, NOW, NULL, NULL), TOKEN_UNKNOWN_KID);
    r.refresh_interval = 0;
    json_t *c = NULL;
    assert_int_equal(token_remote_verify(&r, t2, NOW, &c, NULL), TOKEN_OK);
    assert_non_null(c);
    json_decref(c);
    assert_int_equal(token_remote_verify(&r, t1, NOW, NULL, NULL), TOKEN_OK); /* previous */

    /* A failed refetch keeps the keys we had. */
    write_text(p, "garbage");
    char *t3 = mint_default(&g_keys, NOW);
    assert_int_equal(token_remote_verify(&r, t3, NOW, NULL, NULL), TOKEN_UNKNOWN_KID);
    assert_int_equal(token_remote_verify(&r, t2, NOW, NULL, NULL), TOKEN_OK);
    token_remote_free(&r);

    /* Starting without keys reports 1 and still works once the source is fixed. */
    assert_int_equal(token_remote_init(&r, p, "RS256", ISS, AUD, -1), 1);
    r.refresh_interval = 0;
    write_text(p, jwks2);
    assert_int_equal(token_remote_verify(&r, t2, NOW, NULL, NULL), TOKEN_OK);
    token_remote_free(&r);
    assert_int_equal(token_remote_init(&r, p, "RS256", NULL, AUD, -1), -1);

    free(t1), free(t2), free(t3), free(jwks1), free(jwks2);
    token_keys_free(&idp);
}

struct thread_arg {
    struct token_remote *r;
    const char *tok;
    int ok;
};

static void *verify_many(void *p) {
    struct thread_arg *a = p;
    for (int i = 0; i < 50; i++)
        if (token_remote_verify(a->r, a->tok, NOW, NULL, NULL) == TOKEN_OK) a->ok++;
    return NULL;
}

static void test_remote_concurrent(void **state) {
    (void)state;
    char p[512];
    path_in(p, sizeof p, "conc-jwks.json");
    char *jwks = token_jwks_json(&g_keys);
    write_text(p, jwks);
    struct token_remote r;
    assert_int_equal(token_remote_init(&r, p, "RS256", ISS, AUD, -1), 0);
    r.refresh_interval = 0; /* every unknown kid refreshes: maximum contention */
    char dir[512];
    path_in(dir, sizeof dir, "conckeys");
    struct token_keys other;
    assert_int_equal(token_keys_load_or_create(&other, dir), 0);
    char *good = mint_default(&g_keys, NOW), *unknown = mint_default(&other, NOW);
    pthread_t th[4];
    struct thread_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (struct thread_arg){&r, i % 2 ? unknown : good, 0};
        assert_int_equal(pthread_create(&th[i], NULL, verify_many, &args[i]), 0);
    }
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
    assert_int_equal(args[0].ok, 50);
    assert_int_equal(args[1].ok, 0);
    token_remote_free(&r);
    token_keys_free(&other);
    free(good), free(unknown), free(jwks);
}

/* ---------- claims ---------- */

static void test_claim_path(void **state) {
    (void)state;
    json_t *c = json_loads("{\"realm_access\":{\"roles\":[\"admin\",\"x\"]},"
                           "\"resource_access\":{\"kstt.api\":{\"roles\":\"leader\"}},"
                           "\"unit\":{\"code\":\"000.00.01.H42\"},\"a.b\":1}",
                           0, NULL);
    json_t *r = token_claim_path(c, "realm_access.roles");
    assert_true(json_is_array(r));
    assert_int_equal(json_array_size(r), 2);
    r = token_claim_path(c, "resource_access.kstt.api.roles");
    assert_string_equal(json_string_value(r), "leader");
    assert_string_equal(json_string_value(token_claim_path(c, "unit.code")), "000.00.01.H42");
    assert_int_equal(json_integer_value(token_claim_path(c, "a.b")), 1);
    assert_null(token_claim_path(c, "realm_access.groups"));
    assert_null(token_claim_path(c, "realm_access.roles.0"));
    assert_null(token_claim_path(c, ""));
    assert_null(token_claim_path(NULL, "a"));
    assert_true(token_claim_path(c, "realm_access") == json_object_get(c, "realm_access"));
    json_decref(c);
}

static void test_claim_strings(void **state) {
    (void)state;
    char out[4][64];
    json_t *a = json_pack("[s, i, s, s, s, s]", "admin", 5, " viewer ", "", "leader", "officer");
    assert_int_equal(token_claim_strings(a, out, 3), 3);
    assert_string_equal(out[0], "admin");
    assert_string_equal(out[1], "viewer");
    assert_string_equal(out[2], "leader");
    json_decref(a);
    json_t *s = json_string("admin, leader,,specialist ,");
    assert_int_equal(token_claim_strings(s, out, 4), 3);
    assert_string_equal(out[0], "admin");
    assert_string_equal(out[1], "leader");
    assert_string_equal(out[2], "specialist");
    json_decref(s);
    char longname[100];
    memset(longname, 'r', 99);
    longname[99] = '\0';
    s = json_string(longname);
    assert_int_equal(token_claim_strings(s, out, 4), 0); /* never truncated */
    json_decref(s);
    json_t *n = json_integer(3);
    assert_int_equal(token_claim_strings(n, out, 4), -1);
    json_decref(n);
    assert_int_equal(token_claim_strings(NULL, out, 4), 0);
}

/* ---------- helpers ---------- */

static void test_b64url_vectors(void **state) {
    (void)state;
    const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *enc[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (int i = 0; i < 7; i++) {
        char *e = b64_encode((const unsigned char *)plain[i], strlen(plain[i]), B64_URL);
        assert_string_equal(e, enc[i]);
        free(e);
        size_t n = 99;
        unsigned char *d = b64_decode(enc[i], strlen(enc[i]), B64_URL, SIZE_MAX, &n);
        assert_non_null(d);
        assert_int_equal(n, strlen(plain[i]));
        assert_memory_equal(d, plain[i], n);
        free(d);
    }
    const unsigned char bin[] = {0xfb, 0xff, 0xbf};
    char *e = b64_encode(bin, 3, B64_URL);
    assert_string_equal(e, "-_-_");
    free(e);
    size_t n = 0;
    unsigned char *d = b64_decode("Zg==", 4, B64_URL, SIZE_MAX, &n); /* padding tolerated */
    assert_non_null(d);
    assert_int_equal(n, 1);
    free(d);
    assert_null(b64_decode("Zh", 2, B64_URL, SIZE_MAX, &n));   /* non-zero trailing bits */
    assert_null(b64_decode("Z", 1, B64_URL, SIZE_MAX, &n));    /* impossible length */
    assert_null(b64_decode("Zm+v", 4, B64_URL, SIZE_MAX, &n)); /* standard alphabet */
    assert_null(b64_decode("Zm9v\n", 5, B64_URL, SIZE_MAX, &n));
    assert_null(b64_decode("Z===", 4, B64_URL, SIZE_MAX, &n));
}

static void test_random_and_sha256(void **state) {
    (void)state;
    char *a = token_random_b64url(32), *b = token_random_b64url(32);
    assert_int_equal(strlen(a), 43);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
    assert_null(token_random_b64url(0));
    char *h = token_sha256_hex("abc");
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    free(h);
    h = token_sha256_hex("");
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    free(h);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_created_0600_with_kid),
        cmocka_unit_test(test_key_reload_is_stable),
        cmocka_unit_test(test_key_mode_too_open_refused),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_jti_unique),
        cmocka_unit_test(test_mint_requires_fields),
        cmocka_unit_test(test_expired_beyond_leeway_fails),
        cmocka_unit_test(test_expired_within_leeway_passes),
        cmocka_unit_test(test_nbf_in_future_fails),
        cmocka_unit_test(test_iat_in_future_fails),
        cmocka_unit_test(test_missing_or_bad_exp_fails),
        cmocka_unit_test(test_wrong_iss_fails),
        cmocka_unit_test(test_wrong_aud_fails),
        cmocka_unit_test(test_aud_array),
        cmocka_unit_test(test_tampered_payload_fails),
        cmocka_unit_test(test_tampered_signature_fails),
        cmocka_unit_test(test_alg_none_fails),
        cmocka_unit_test(test_hs256_with_public_pem_fails),
        cmocka_unit_test(test_header_alg_must_match_key),
        cmocka_unit_test(test_duplicate_header_keys_fail),
        cmocka_unit_test(test_unknown_kid),
        cmocka_unit_test(test_no_kid_single_key),
        cmocka_unit_test(test_previous_key_still_verifies),
        cmocka_unit_test(test_jwks_roundtrip),
        cmocka_unit_test(test_jwks_rotated_has_two_keys),
        cmocka_unit_test(test_jwks_malformed),
        cmocka_unit_test(test_add_pem_refuses_symmetric_and_mismatch),
        cmocka_unit_test(test_es256_jwks),
        cmocka_unit_test(test_ec_point_off_curve_rejected),
        cmocka_unit_test(test_malformed_tokens),
        cmocka_unit_test(test_payload_not_object_after_valid_signature),
        cmocka_unit_test(test_claims_come_from_the_signed_payload),
        cmocka_unit_test(test_alg_confusion),
        cmocka_unit_test(test_kid_paths),
        cmocka_unit_test(test_bad_base64),
        cmocka_unit_test(test_extra_segments),
        cmocka_unit_test(test_huge_header),
        cmocka_unit_test(test_jwks_fetch_sources),
        cmocka_unit_test(test_remote_refresh_on_unknown_kid),
        cmocka_unit_test(test_remote_concurrent),
        cmocka_unit_test(test_claim_path),
        cmocka_unit_test(test_seen_tokens),
        cmocka_unit_test(test_claim_strings),
        cmocka_unit_test(test_b64url_vectors),
        cmocka_unit_test(test_random_and_sha256),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
