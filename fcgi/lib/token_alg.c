/* The JWS algorithms a verifier accepts (asymmetric only) and the key type each one requires. */
#include "lib/token_alg.h"

#include <openssl/core_names.h>
#include <string.h>

/* Only asymmetric algorithms: a public key must never be usable as an HMAC secret. The curve is
 * the OpenSSL group an ES alg requires (NULL for RS). */
static const struct {
    const char *name, *curve;
} ALGS[TOKEN_N_ALGS] = {{"RS256", NULL},         {"RS384", NULL},        {"RS512", NULL},
                        {"ES256", "prime256v1"}, {"ES384", "secp384r1"}, {"ES512", "secp521r1"}};

int token_alg_index(const char *alg) {
    for (int i = 0; alg && i < TOKEN_N_ALGS; i++)
        if (strcmp(alg, ALGS[i].name) == 0) return i;
    return -1;
}

const char *token_alg_name(int i) {
    return i >= 0 && i < TOKEN_N_ALGS ? ALGS[i].name : NULL;
}

int token_alg_fits_key(EVP_PKEY *pk, const char *alg) {
    int i = token_alg_index(alg);
    if (!pk || i < 0) return 0;
    const char *curve = ALGS[i].curve;
    if (!curve)
        return EVP_PKEY_is_a(pk, "RSA") && EVP_PKEY_get_bits(pk) >= 2048 &&
               EVP_PKEY_get_bits(pk) <= 16384;
    char group[64];
    size_t glen = 0;
    return EVP_PKEY_is_a(pk, "EC") &&
           EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                          &glen) == 1 &&
           strcmp(group, curve) == 0;
}

unsigned token_alg_mask(const char *csv) {
    unsigned mask = 0;
    while (csv && *csv) {
        size_t n = strcspn(csv, ",");
        const char *p = csv;
        size_t len = n;
        while (len && (*p == ' ' || *p == '\t')) p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
        char name[8]; /* room for any accepted name; a longer item is skipped */
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            int i = token_alg_index(name);
            if (i >= 0) mask |= 1u << i;
        }
        csv += n + (csv[n] == ',');
    }
    return mask;
}
