/* JSON Web Keys: our JWKS published, and a JWKS read into a verifier (JWK -> PEM). */
#include "lib/token.h"
#include "lib/b64.h"
#include "lib/pem.h"
#include "lib/token_alg.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------- publishing ---------- */

static int jwks_add(json_t *arr, const struct token_keypair *kp) {
    json_t *jwk = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kty", "RSA", "use", "sig", "alg",
                            "RS256", "kid", kp->kid, "n", kp->n, "e", kp->e);
    return jwk ? json_array_append_new(arr, jwk) : -1;
}

char *token_jwks_json(const struct token_keys *k) {
    if (!k || !k->current.n) return NULL;
    json_t *arr = json_array();
    char *out = NULL;
    if (arr && jwks_add(arr, &k->current) == 0 &&
        (!k->has_previous || jwks_add(arr, &k->previous) == 0)) {
        json_t *doc = json_pack("{s:O}", "keys", arr);
        out = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
        json_decref(doc);
    }
    json_decref(arr);
    return out;
}

/* ---------- reading: JWK -> PEM ---------- */

static unsigned char *jwk_bytes(json_t *jwk, const char *name, size_t *len) {
    json_t *s = json_object_get(jwk, name);
    if (!json_is_string(s)) return NULL;
    return b64_decode(json_string_value(s), json_string_length(s), B64_URL, SIZE_MAX, len);
}

static char *pkey_from_params(const char *type, OSSL_PARAM *params) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    EVP_PKEY *pk = NULL;
    char *pem = NULL;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
        EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) == 1)
        pem = pem_write_public(pk);
    EVP_PKEY_free(pk);
    EVP_PKEY_CTX_free(ctx);
    return pem;
}

static char *rsa_jwk_pem(json_t *jwk) {
    size_t nlen = 0, elen = 0;
    unsigned char *n = jwk_bytes(jwk, "n", &nlen), *e = jwk_bytes(jwk, "e", &elen);
    BIGNUM *bn = n && nlen ? BN_bin2bn(n, (int)nlen, NULL) : NULL;
    BIGNUM *be = e && elen ? BN_bin2bn(e, (int)elen, NULL) : NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    char *pem = NULL;
    if (bn && be && bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) == 1 &&
        (params = OSSL_PARAM_BLD_to_param(bld)))
        pem = pkey_from_params("RSA", params);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn);
    BN_free(be);
    free(n);
    free(e);
    return pem;
}

/* EC JWK (crv, x, y) -> PEM; *alg_out is the one alg its curve allows. */
static char *ec_jwk_pem(json_t *jwk, const char **alg_out) {
    static const struct {
        const char *crv, *alg, *group;
        size_t size;
    } curves[] = {{"P-256", "ES256", "prime256v1", 32},
                  {"P-384", "ES384", "secp384r1", 48},
                  {"P-521", "ES512", "secp521r1", 66}};
    const char *crv = json_string_value(json_object_get(jwk, "crv"));
    for (size_t i = 0; crv && i < sizeof curves / sizeof curves[0]; i++) {
        if (strcmp(crv, curves[i].crv) != 0) continue;
        size_t xl = 0, yl = 0, sz = curves[i].size;
        unsigned char *x = jwk_bytes(jwk, "x", &xl), *y = jwk_bytes(jwk, "y", &yl), pub[133];
        char *pem = NULL;
        if (x && y && xl == sz && yl == sz) {
            /* Uncompressed point 04||x||y; OpenSSL rejects points not on the curve. */
            pub[0] = 4;
            memcpy(pub + 1, x, sz);
            memcpy(pub + 1 + sz, y, sz);
            OSSL_PARAM params[] = {
                OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                 (char *)curves[i].group, 0),
                OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pub, 1 + 2 * sz),
                OSSL_PARAM_construct_end()};
            pem = pkey_from_params("EC", params);
            *alg_out = curves[i].alg;
        }
        free(x);
        free(y);
        return pem;
    }
    return NULL;
}

/* Adds pem under kid for each alg in mask of the given family ("RS" or "ES"). Returns count. */
static int add_for_algs(struct token_verifier *v, const char *kid, const char *pem, unsigned mask,
                        const char *family) {
    int added = 0;
    for (int i = 0; i < TOKEN_N_ALGS; i++)
        if ((mask & 1u << i) && strncmp(token_alg_name(i), family, 2) == 0 &&
            token_verifier_add_pem(v, kid, token_alg_name(i), pem) == 0)
            added++;
    return added;
}

/* One JWK -> verifier entries. Returns how many were added (0 = skipped). */
static int add_jwk(struct token_verifier *v, json_t *jwk, unsigned mask) {
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    json_t *use = json_object_get(jwk, "use"), *jkid = json_object_get(jwk, "kid");
    json_t *jalg = json_object_get(jwk, "alg");
    if (!kty || (use && !(json_is_string(use) && strcmp(json_string_value(use), "sig") == 0)))
        return 0;
    if ((jkid && !json_is_string(jkid)) || (jalg && !json_is_string(jalg))) return 0;
    const char *kid = jkid ? json_string_value(jkid) : "";
    /* A JWK naming its alg gets exactly that one, if allowed; otherwise every allowed alg. */
    if (jalg) {
        int i = token_alg_index(json_string_value(jalg));
        if (i < 0 || !(mask & 1u << i)) return 0;
        mask = 1u << i;
    }
    int added = 0;
    if (strcmp(kty, "RSA") == 0) {
        char *pem = rsa_jwk_pem(jwk);
        if (pem) added = add_for_algs(v, kid, pem, mask, "RS");
        free(pem);
    } else if (strcmp(kty, "EC") == 0) {
        const char *alg = NULL;
        char *pem = ec_jwk_pem(jwk, &alg);
        int i = alg ? token_alg_index(alg) : -1;
        if (pem && i >= 0 && (mask & 1u << i))
            added = token_verifier_add_pem(v, kid, alg, pem) == 0;
        free(pem);
    }
    return added;
}

int token_verifier_add_jwks(struct token_verifier *v, const char *jwks_json,
                            const char *allowed_algs_csv) {
    if (!v || !jwks_json) return -1;
    unsigned mask = token_alg_mask(allowed_algs_csv);
    json_t *doc = json_loads(jwks_json, JSON_REJECT_DUPLICATES, NULL);
    json_t *keys = json_object_get(doc, "keys");
    if (!json_is_array(keys)) {
        json_decref(doc);
        return -1;
    }
    int added = 0;
    size_t i;
    json_t *jwk;
    json_array_foreach(keys, i, jwk) {
        if (json_is_object(jwk)) added += add_jwk(v, jwk, mask);
    }
    json_decref(doc);
    return added;
}
