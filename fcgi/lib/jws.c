/* A compact JWS's RS or ES signature checked with OpenSSL, for tokens libjwt 1.x refuses by their
 * typ (e.g. "logout+jwt"); lib/token_verify picks the key and decodes the rest. */
#include "lib/jws.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

#include "lib/b64.h"
#include "lib/token.h"

#define PART_MAX TOKEN_MAX_LEN

/* The start and length of part i (0..2); -1 unless the token has exactly three parts. */
static int part(const char *t, int i, const char **start, size_t *len) {
    const char *dot1 = strchr(t, '.'), *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot1 || !dot2 || strchr(dot2 + 1, '.') || strlen(t) > PART_MAX) return -1;
    const char *s[3] = {t, dot1 + 1, dot2 + 1};
    size_t n[3] = {(size_t)(dot1 - t), (size_t)(dot2 - dot1 - 1), strlen(dot2 + 1)};
    *start = s[i];
    *len = n[i];
    return n[i] ? 0 : -1;
}

/* JWS carries ECDSA signatures as r||s; OpenSSL wants DER. malloc'd DER or NULL. */
static unsigned char *ecdsa_der(const unsigned char *sig, size_t n, size_t *der_len) {
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, (int)(n / 2), NULL), *s = BN_bin2bn(sig + n / 2, (int)(n / 2), NULL);
    unsigned char *der = NULL;
    if (es && r && s && ECDSA_SIG_set0(es, r, s) == 1) {
        r = s = NULL; /* owned by es now */
        int len = i2d_ECDSA_SIG(es, &der);
        *der_len = len > 0 ? (size_t)len : 0;
        if (len <= 0) der = NULL;
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    return der;
}

static const EVP_MD *alg_md(const char *alg, int *ec, size_t *ec_len) {
    *ec = alg[0] == 'E';
    if (strcmp(alg, "RS256") == 0 || strcmp(alg, "ES256") == 0) return *ec_len = 64, EVP_sha256();
    if (strcmp(alg, "RS384") == 0 || strcmp(alg, "ES384") == 0) return *ec_len = 96, EVP_sha384();
    if (strcmp(alg, "RS512") == 0 || strcmp(alg, "ES512") == 0) return *ec_len = 132, EVP_sha512();
    return NULL;
}

static int check(const char *token, const EVP_MD *md, const unsigned char *sig, size_t sig_len,
                 const char *pem) {
    const char *sigpart;
    size_t n;
    if (part(token, 2, &sigpart, &n) < 0) return -1;
    size_t signed_len = (size_t)(sigpart - 1 - token);
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *pk = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = pk && ctx && EVP_DigestVerifyInit(ctx, NULL, md, NULL, pk) == 1 &&
             EVP_DigestVerify(ctx, sig, sig_len, (const unsigned char *)token, signed_len) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pk);
    BIO_free(b);
    return ok ? 0 : -1;
}

int jws_verify(const char *token, const char *alg, const char *pem) {
    int ec;
    size_t ec_len = 0, n, sig_len;
    const char *s;
    const EVP_MD *md = alg && pem && token ? alg_md(alg, &ec, &ec_len) : NULL;
    if (!md || part(token, 2, &s, &n) < 0) return -1;
    unsigned char *sig = b64_decode(s, n, B64_URL, 1024, &sig_len);
    if (!sig) return -1;
    int rc = -1;
    if (!ec) {
        rc = check(token, md, sig, sig_len, pem);
    } else if (sig_len == ec_len) {
        size_t der_len = 0;
        unsigned char *der = ecdsa_der(sig, sig_len, &der_len);
        rc = der ? check(token, md, der, der_len, pem) : -1;
        OPENSSL_free(der);
    }
    free(sig);
    return rc;
}
