/* JWT access tokens: our RS256 keys, minting, JWKS publish and consume, strict verification. */
#include "lib/token.h"
#include "lib/b64.h"
#include "lib/hash.h"
#include "lib/keyfile.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jwt.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_FILE_MAX     65536 /* a PEM key is a few KB; anything bigger is not a key */
#define VERIFIER_MAX     256   /* key entries per verifier */
#define CLAIM_PATH_MAX   256
#define CLAIM_PATH_DEPTH 16

/* ---------- random identifiers ---------- */

char *token_random_b64url(size_t nbytes) {
    unsigned char buf[256];
    if (nbytes == 0 || nbytes > sizeof buf) return NULL;
    if (RAND_bytes(buf, (int)nbytes) != 1) return NULL;
    char *s = b64_encode(buf, nbytes, B64_URL);
    OPENSSL_cleanse(buf, sizeof buf);
    return s;
}

char *token_sha256_hex(const char *s) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!s || EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL) != 1) return NULL;
    char *hex = malloc(mdlen * 2 + 1);
    if (!hex) return NULL;
    hash_hex(md, mdlen, hex);
    return hex;
}

/* ---------- files ---------- */

/* Key files are written and read by lib/keyfile (shared with the ALTCHA secret). */

/* ---------- our key pair ---------- */

/* Never prompt on the terminal for a passphrase: our key files are unencrypted. */
static int no_passphrase(char *buf, int size, int rwflag, void *u) {
    (void)buf, (void)size, (void)rwflag, (void)u;
    return -1;
}

static char *bio_string(BIO *b) {
    char *p = NULL;
    long n = BIO_get_mem_data(b, &p);
    if (n <= 0 || !p) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) return NULL;
    memcpy(s, p, (size_t)n);
    s[n] = '\0';
    return s;
}

static char *pem_private(EVP_PKEY *pk) {
    BIO *b = BIO_new(BIO_s_mem());
    char *s = NULL;
    if (b && PEM_write_bio_PrivateKey(b, pk, NULL, NULL, 0, NULL, NULL) == 1) s = bio_string(b);
    BIO_free(b);
    return s;
}

static char *pem_public(EVP_PKEY *pk) {
    BIO *b = BIO_new(BIO_s_mem());
    char *s = NULL;
    if (b && PEM_write_bio_PUBKEY(b, pk) == 1) s = bio_string(b);
    BIO_free(b);
    return s;
}

static EVP_PKEY *parse_private(const char *pem, size_t len) {
    BIO *b = BIO_new_mem_buf(pem, (int)len);
    EVP_PKEY *pk = b ? PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL) : NULL;
    BIO_free(b);
    return pk;
}

static EVP_PKEY *parse_public(const char *pem) {
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *pk = b ? PEM_read_bio_PUBKEY(b, NULL, no_passphrase, NULL) : NULL;
    BIO_free(b);
    return pk;
}

/* kid = base64url(SHA-256(DER SubjectPublicKeyInfo)[0..16)): stable across restarts and hosts. */
static int key_kid(EVP_PKEY *pk, char *kid, size_t cap) {
    unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    int len = i2d_PUBKEY(pk, &der);
    if (len <= 0) return -1;
    int ok = EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL) == 1 && mdlen >= 16;
    OPENSSL_free(der);
    char *s = ok ? b64_encode(md, 16, B64_URL) : NULL;
    if (!s || strlen(s) >= cap) {
        free(s);
        return -1;
    }
    strcpy(kid, s);
    free(s);
    return 0;
}

static char *bn_param_b64(EVP_PKEY *pk, const char *name) {
    BIGNUM *bn = NULL;
    if (EVP_PKEY_get_bn_param(pk, name, &bn) != 1) return NULL;
    int n = BN_num_bytes(bn);
    unsigned char *bin = n > 0 ? malloc((size_t)n) : NULL;
    char *s = NULL;
    if (bin && BN_bn2bin(bn, bin) == n) s = b64_encode(bin, (size_t)n, B64_URL);
    free(bin);
    BN_free(bn);
    return s;
}

static void keypair_free(struct token_keypair *kp) {
    if (kp->priv_pem) OPENSSL_cleanse(kp->priv_pem, strlen(kp->priv_pem));
    free(kp->priv_pem);
    free(kp->pub_pem);
    free(kp->n);
    free(kp->e);
    memset(kp, 0, sizeof *kp);
}

static int keypair_from_pkey(struct token_keypair *kp, EVP_PKEY *pk) {
    memset(kp, 0, sizeof *kp);
    kp->priv_pem = pem_private(pk);
    kp->pub_pem = pem_public(pk);
    kp->n = bn_param_b64(pk, OSSL_PKEY_PARAM_RSA_N);
    kp->e = bn_param_b64(pk, OSSL_PKEY_PARAM_RSA_E);
    /* The id is made in a local buffer and copied whole: clang's analyzer loses track of the
     * struct's pointers when a string of unknown length is written into one of its fields. */
    char kid[sizeof kp->kid];
    if (kp->priv_pem && kp->pub_pem && kp->n && kp->e && key_kid(pk, kid, sizeof kid) == 0) {
        memcpy(kp->kid, kid, sizeof kid);
        return 0;
    }
    keypair_free(kp);
    return -1;
}

/* Returns 0, 1 if the file does not exist, -1 on error (reason in err). */
static int keypair_load(struct token_keypair *kp, const char *path, char *err, size_t errcap) {
    char *pem = NULL;
    size_t len = 0;
    mode_t mode = 0;
    if (keyfile_read(path, KEY_FILE_MAX, &pem, &len, &mode) != 0) {
        if (errno == ENOENT) return 1;
        snprintf(err, errcap, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    EVP_PKEY *pk = NULL;
    int rc = -1;
    if (mode & 077) {
        snprintf(err, errcap, "%s is accessible by group or others (chmod 600)", path);
    } else if (!(pk = parse_private(pem, len)) || !EVP_PKEY_is_a(pk, "RSA")) {
        snprintf(err, errcap, "%s is not an unencrypted RSA private key in PEM", path);
    } else if (EVP_PKEY_get_bits(pk) < 2048) {
        snprintf(err, errcap, "%s: RSA key shorter than 2048 bits", path);
    } else if (keypair_from_pkey(kp, pk) != 0) {
        snprintf(err, errcap, "%s: cannot export key", path);
    } else {
        rc = 0;
    }
    EVP_PKEY_free(pk);
    OPENSSL_cleanse(pem, len);
    free(pem);
    return rc;
}

/* New RSA 2048 private key as PEM, or NULL. */
static char *generate_key_pem(void) {
    EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    char *pem = pk ? pem_private(pk) : NULL;
    EVP_PKEY_free(pk);
    return pem;
}

static void free_secret(char *s) {
    if (s) OPENSSL_cleanse(s, strlen(s));
    free(s);
}

static int load_current(struct token_keys *k, const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/current.pem", dir);
    int rc = keypair_load(&k->current, path, k->err, sizeof k->err);
    if (rc != 1) return rc;
    char *pem = generate_key_pem();
    if (!pem || keyfile_write(dir, "current.pem", pem, 1) < 0) {
        snprintf(k->err, sizeof k->err, "cannot create %.200s: %s", path, strerror(errno));
        free_secret(pem);
        return -1;
    }
    free_secret(pem);
    /* Load from disk even after creating: if another process won the race, its key is the one. */
    rc = keypair_load(&k->current, path, k->err, sizeof k->err);
    if (rc == 1) snprintf(k->err, sizeof k->err, "%.200s vanished after creation", path);
    return rc == 0 ? 0 : -1;
}

int token_keys_load_or_create(struct token_keys *k, const char *dir) {
    if (!k) return -1;
    memset(k, 0, sizeof *k);
    if (!dir || !*dir || strlen(dir) > 3000) {
        snprintf(k->err, sizeof k->err, "no key directory");
        return -1;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(k->err, sizeof k->err, "cannot create %.200s: %s", dir, strerror(errno));
        return -1;
    }
    if (load_current(k, dir) != 0) return -1;
    char path[4096];
    snprintf(path, sizeof path, "%s/previous.pem", dir);
    int rc = keypair_load(&k->previous, path, k->err, sizeof k->err);
    if (rc < 0) {
        keypair_free(&k->current);
        return -1;
    }
    k->has_previous = rc == 0 && strcmp(k->previous.kid, k->current.kid) != 0;
    if (rc == 0 && !k->has_previous) keypair_free(&k->previous);
    return 0;
}

int token_keys_rotate(const char *dir) {
    if (!dir || !*dir || strlen(dir) > 3000) return -1;
    char path[4096], err[256], *old = NULL;
    snprintf(path, sizeof path, "%s/current.pem", dir);
    struct token_keypair kp;
    int rc = keypair_load(&kp, path, err, sizeof err);
    if (rc < 0) return -1;
    /* A current.pem that does not load stops the rotation: as previous.pem it would stop startup.
     */
    if (rc == 0) {
        old = kp.priv_pem;
        kp.priv_pem = NULL;
        keypair_free(&kp);
    }
    char *pem = generate_key_pem();
    rc = -1;
    if (pem && (!old || keyfile_write(dir, "previous.pem", old, 0) == 0))
        rc = keyfile_write(dir, "current.pem", pem, 0) == 0 ? 0 : -1;
    free_secret(old);
    free_secret(pem);
    return rc;
}

void token_keys_free(struct token_keys *k) {
    if (!k) return;
    keypair_free(&k->current);
    keypair_free(&k->previous);
    k->has_previous = 0;
}

/* ---------- minting and publishing ---------- */

static int set_opt_str(json_t *o, const char *key, const char *val) {
    return val ? json_object_set_new(o, key, json_string(val)) : 0;
}

/* The claims object, built with jansson so that unit_id keeps its full 64 bits. */
static json_t *mint_claims(const char *iss, const char *aud, const char *sub, const char *username,
                           const char *role, long long unit_id, const char *sid, long ttl,
                           time_t now) {
    char *jti = token_random_b64url(16);
    json_t *c = jti ? json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:I}", "iss", iss, "aud", aud,
                                "sub", sub, "iat", (json_int_t)now, "nbf", (json_int_t)now, "exp",
                                (json_int_t)now + ttl, "jti", jti, "unit_id", (json_int_t)unit_id)
                    : NULL;
    free(jti);
    if (c && (set_opt_str(c, "username", username) || set_opt_str(c, "role", role) ||
              set_opt_str(c, "sid", sid))) {
        json_decref(c);
        c = NULL;
    }
    return c;
}

char *token_mint(const struct token_keys *k, const char *iss, const char *aud, const char *sub,
                 const char *username, const char *role, long long unit_id, const char *sid,
                 long ttl_seconds, time_t now) {
    if (!k || !k->current.priv_pem || !iss || !aud || !sub || ttl_seconds <= 0) return NULL;
    const char *pem = k->current.priv_pem;
    json_t *claims = mint_claims(iss, aud, sub, username, role, unit_id, sid, ttl_seconds, now);
    char *cj = claims ? json_dumps(claims, JSON_COMPACT) : NULL;
    jwt_t *j = NULL;
    char *out = NULL;
    if (cj && jwt_new(&j) == 0 && jwt_add_grants_json(j, cj) == 0 &&
        jwt_add_header(j, "kid", k->current.kid) == 0 &&
        jwt_set_alg(j, JWT_ALG_RS256, (const unsigned char *)pem, (int)strlen(pem)) == 0)
        out = jwt_encode_str(j);
    jwt_free(j);
    free(cj);
    json_decref(claims);
    return out;
}

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

/* ---------- verifiers ---------- */

/* Only asymmetric algorithms: a public key must never be usable as an HMAC secret. */
static const char *const ASYM_ALGS[] = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"};
#define N_ASYM_ALGS (int)(sizeof ASYM_ALGS / sizeof ASYM_ALGS[0])

static int alg_index(const char *alg) {
    for (int i = 0; alg && i < N_ASYM_ALGS; i++)
        if (strcmp(alg, ASYM_ALGS[i]) == 0) return i;
    return -1;
}

/* The curve an ES alg requires (OpenSSL group name), or NULL for RS algs. */
static const char *alg_curve(const char *alg) {
    if (strcmp(alg, "ES256") == 0) return "prime256v1";
    if (strcmp(alg, "ES384") == 0) return "secp384r1";
    if (strcmp(alg, "ES512") == 0) return "secp521r1";
    return NULL;
}

/* The key type must match the alg, so that a key is only ever used the way it was published. */
static int key_fits_alg(EVP_PKEY *pk, const char *alg) {
    const char *curve = alg_curve(alg);
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

int token_verifier_init(struct token_verifier *v, const char *iss, const char *aud, long leeway) {
    if (!v) return -1;
    memset(v, 0, sizeof *v);
    if (!iss || !*iss || !aud || !*aud) return -1;
    v->iss = strdup(iss);
    v->aud = strdup(aud);
    v->leeway = leeway < 0 ? TOKEN_LEEWAY_DEFAULT : leeway;
    if (v->iss && v->aud) return 0;
    token_verifier_free(v);
    return -1;
}

static int verifier_grow(struct token_verifier *v) {
    if (v->nkeys < v->cap) return 0;
    if (v->cap >= VERIFIER_MAX) return -1;
    int cap = v->cap ? v->cap * 2 : 4;
    struct token_vkey *k = realloc(v->keys, (size_t)cap * sizeof *k);
    if (!k) return -1;
    v->keys = k;
    v->cap = cap;
    return 0;
}

int token_verifier_add_pem(struct token_verifier *v, const char *kid, const char *alg,
                           const char *pem) {
    if (!kid) kid = "";
    if (!v || !pem || alg_index(alg) < 0 || strlen(kid) >= TOKEN_KID_MAX) return -1;
    EVP_PKEY *pk = parse_public(pem);
    int fits = pk && key_fits_alg(pk, alg);
    EVP_PKEY_free(pk);
    if (!fits || verifier_grow(v) != 0) return -1;
    struct token_vkey *k = &v->keys[v->nkeys];
    memset(k, 0, sizeof *k);
    if (!(k->pem = strdup(pem))) return -1;
    strcpy(k->kid, kid);
    strcpy(k->alg, alg);
    v->nkeys++;
    return 0;
}

int token_verifier_from_keys(struct token_verifier *v, const struct token_keys *k, const char *iss,
                             const char *aud) {
    if (!k || token_verifier_init(v, iss, aud, TOKEN_LEEWAY_DEFAULT) != 0) return -1;
    if (token_verifier_add_pem(v, k->current.kid, "RS256", k->current.pub_pem) == 0 &&
        (!k->has_previous ||
         token_verifier_add_pem(v, k->previous.kid, "RS256", k->previous.pub_pem) == 0))
        return 0;
    token_verifier_free(v);
    return -1;
}

void token_verifier_free(struct token_verifier *v) {
    if (!v) return;
    for (int i = 0; i < v->nkeys; i++) free(v->keys[i].pem);
    free(v->keys);
    free(v->iss);
    free(v->aud);
    memset(v, 0, sizeof *v);
}

/* ---------- JWK -> PEM ---------- */

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
        pem = pem_public(pk);
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

/* Bit i set = ASYM_ALGS[i] allowed. Unknown or symmetric names are ignored. */
static unsigned alg_mask(const char *csv) {
    unsigned mask = 0;
    while (csv && *csv) {
        size_t n = strcspn(csv, ",");
        char name[TOKEN_ALG_MAX];
        const char *p = csv;
        size_t len = n;
        while (len && (*p == ' ' || *p == '\t')) p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            int i = alg_index(name);
            if (i >= 0) mask |= 1u << i;
        }
        csv += n + (csv[n] == ',');
    }
    return mask;
}

/* Adds pem under kid for each alg in mask of the given family ("RS" or "ES"). Returns count. */
static int add_for_algs(struct token_verifier *v, const char *kid, const char *pem, unsigned mask,
                        const char *family) {
    int added = 0;
    for (int i = 0; i < N_ASYM_ALGS; i++)
        if ((mask & 1u << i) && strncmp(ASYM_ALGS[i], family, 2) == 0 &&
            token_verifier_add_pem(v, kid, ASYM_ALGS[i], pem) == 0)
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
        int i = alg_index(json_string_value(jalg));
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
        int i = alg ? alg_index(alg) : -1;
        if (pem && i >= 0 && (mask & 1u << i))
            added = token_verifier_add_pem(v, kid, alg, pem) == 0;
        free(pem);
    }
    return added;
}

int token_verifier_add_jwks(struct token_verifier *v, const char *jwks_json,
                            const char *allowed_algs_csv) {
    if (!v || !jwks_json) return -1;
    unsigned mask = alg_mask(allowed_algs_csv);
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

/* ---------- verification ---------- */

/* Exact comparison that a "\u0000" inside the JSON string cannot shorten. */
static int json_str_eq(json_t *j, const char *s) {
    return json_is_string(j) && json_string_length(j) == strlen(s) &&
           memcmp(json_string_value(j), s, strlen(s)) == 0;
}

struct jws {
    const char *part[3];
    size_t len[3];
};

static int split_jws(const char *tok, struct jws *j, const char **why) {
    size_t len = strnlen(tok, TOKEN_MAX_LEN + 1);
    if (len > TOKEN_MAX_LEN) return *why = "token too large", -1;
    int n = 0;
    j->part[0] = tok;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '.') {
            if (++n > 2) return *why = "token does not have 3 parts", -1;
            j->len[n - 1] = (size_t)(tok + i - j->part[n - 1]);
            j->part[n] = tok + i + 1;
        } else if (!b64_is_url_char((unsigned char)tok[i])) {
            return *why = "token has characters outside base64url", -1;
        }
    }
    if (n != 2) return *why = "token does not have 3 parts", -1;
    j->len[2] = (size_t)(tok + len - j->part[2]);
    if (!j->len[0] || !j->len[1]) return *why = "empty header or payload", -1;
    if (!j->len[2]) return *why = "unsigned token", -1;
    return 0;
}

/* base64url part -> JSON object (duplicate keys rejected, so no two parsers can disagree). */
static json_t *decode_part(const char *p, size_t len) {
    size_t blen = 0;
    unsigned char *b = b64_decode(p, len, B64_URL, SIZE_MAX, &blen);
    json_t *o = b ? json_loadb((const char *)b, blen, JSON_REJECT_DUPLICATES, NULL) : NULL;
    free(b);
    if (o && !json_is_object(o)) {
        json_decref(o);
        o = NULL;
    }
    return o;
}

/* Picks the key for the header's kid whose configured alg equals the header's alg. */
static int select_key(const struct token_verifier *v, json_t *hdr, const struct token_vkey **out,
                      const char **why) {
    json_t *alg = json_object_get(hdr, "alg"), *kid = json_object_get(hdr, "kid");
    if (!json_is_string(alg)) return *why = "header has no alg", TOKEN_INVALID;
    if (strcasecmp(json_string_value(alg), "none") == 0) return *why = "alg none", TOKEN_INVALID;
    if (alg_index(json_string_value(alg)) < 0) return *why = "alg not allowed", TOKEN_INVALID;
    if (kid && !json_is_string(kid)) return *why = "kid is not a string", TOKEN_INVALID;
    if (json_object_get(hdr, "crit")) return *why = "unsupported crit header", TOKEN_INVALID;
    if (v->nkeys == 0) return *why = "no keys", TOKEN_UNKNOWN_KID;
    /* Without a kid the verifier must hold a single key (possibly under several algs). */
    const char *want = kid ? NULL : v->keys[0].kid;
    for (int i = 0; !kid && i < v->nkeys; i++)
        if (strcmp(v->keys[i].kid, want) != 0) return *why = "token has no kid", TOKEN_INVALID;
    int kid_known = 0;
    for (int i = 0; i < v->nkeys; i++) {
        const struct token_vkey *k = &v->keys[i];
        if (kid && !json_str_eq(kid, k->kid)) continue;
        kid_known = 1;
        if (json_str_eq(alg, k->alg)) return *out = k, TOKEN_OK;
    }
    if (!kid_known) return *why = "unknown kid", TOKEN_UNKNOWN_KID;
    return *why = "alg not allowed for this key", TOKEN_INVALID;
}

static int verify_signature(const struct token_vkey *k, const char *token, const char **why) {
    jwt_t *j = NULL;
    int rc = jwt_decode(&j, token, (const unsigned char *)k->pem, (int)strlen(k->pem));
    if (rc != 0 || !j) {
        jwt_free(j);
        return *why = "bad signature", TOKEN_INVALID;
    }
    /* libjwt read the header itself; make sure it used the alg we pinned. */
    jwt_alg_t got = jwt_get_alg(j);
    jwt_free(j);
    if (got != jwt_str_alg(k->alg)) return *why = "alg changed in verification", TOKEN_INVALID;
    return TOKEN_OK;
}

/* exp required; nbf and iat optional; all NumericDates with leeway for clock skew. */
static int check_times(json_t *c, time_t now, long leeway, const char **why) {
    json_t *exp = json_object_get(c, "exp"), *nbf = json_object_get(c, "nbf");
    json_t *iat = json_object_get(c, "iat");
    double t = (double)now, lw = (double)leeway;
    if (!json_is_number(exp)) return *why = "no exp", -1;
    if (json_number_value(exp) <= t - lw) return *why = "token expired", -1;
    if (nbf && !json_is_number(nbf)) return *why = "nbf is not a number", -1;
    if (nbf && json_number_value(nbf) > t + lw) return *why = "token not yet valid", -1;
    if (iat && !json_is_number(iat)) return *why = "iat is not a number", -1;
    if (iat && json_number_value(iat) > t + lw) return *why = "token issued in the future", -1;
    return 0;
}

static int check_iss_aud(json_t *c, const struct token_verifier *v, const char **why) {
    if (!json_str_eq(json_object_get(c, "iss"), v->iss)) return *why = "wrong issuer", -1;
    json_t *aud = json_object_get(c, "aud"), *a;
    size_t i;
    if (json_str_eq(aud, v->aud)) return 0;
    json_array_foreach(aud, i, a) {
        if (json_str_eq(a, v->aud)) return 0;
    }
    return *why = "wrong audience", -1;
}

int token_verify(const struct token_verifier *v, const char *token, time_t now, json_t **claims_out,
                 const char **why) {
    const char *dummy;
    if (!why) why = &dummy;
    if (claims_out) *claims_out = NULL;
    *why = "ok";
    if (!v || !v->iss || !v->aud || !token) return *why = "no token", TOKEN_INVALID;
    struct jws j;
    if (split_jws(token, &j, why) != 0) return TOKEN_INVALID;
    json_t *hdr = decode_part(j.part[0], j.len[0]);
    if (!hdr) return *why = "bad header", TOKEN_INVALID;
    const struct token_vkey *key = NULL;
    int rc = select_key(v, hdr, &key, why);
    json_decref(hdr);
    if (rc != TOKEN_OK || (rc = verify_signature(key, token, why)) != TOKEN_OK) return rc;
    /* Our own parse of the (now authenticated) payload, with the same strict rules. */
    json_t *claims = decode_part(j.part[1], j.len[1]);
    if (!claims) return *why = "bad payload", TOKEN_INVALID;
    if (check_times(claims, now, v->leeway, why) != 0 || check_iss_aud(claims, v, why) != 0) {
        json_decref(claims);
        return TOKEN_INVALID;
    }
    if (claims_out)
        *claims_out = claims;
    else
        json_decref(claims);
    return TOKEN_OK;
}

/* ---------- JWKS fetching ---------- */

struct fetch_buf {
    char *data;
    size_t len;
};

static size_t fetch_write(char *p, size_t size, size_t nmemb, void *u) {
    struct fetch_buf *b = u;
    size_t n = size * nmemb;
    if (n > TOKEN_JWKS_MAX - b->len) return 0; /* aborts the transfer */
    char *d = realloc(b->data, b->len + n + 1);
    if (!d) return 0;
    memcpy(d + b->len, p, n);
    b->data = d;
    b->len += n;
    d[b->len] = '\0';
    return n;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static int http_fetch(const char *url, char **out) {
    pthread_once(&curl_once, curl_init_once);
    CURL *c = curl_easy_init();
    if (!c) return -1;
    struct fetch_buf b = {0};
    long status = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    /* No redirects: the configured URL is the trust anchor, not wherever it points. */
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    /* Signals are not thread-safe; timeouts then rely on the threaded resolver. */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)TOKEN_JWKS_MAX);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "kstt-api");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK || status != 200 || !b.data) {
        free(b.data);
        return -1;
    }
    *out = b.data;
    return 0;
}

int token_jwks_fetch(const char *src, char **out) {
    if (!out) return -1;
    *out = NULL;
    if (!src || !*src) return -1;
    if (strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0)
        return http_fetch(src, out);
    if (strncasecmp(src, "file://", 7) == 0)
        src += 7;
    else if (strstr(src, "://"))
        return -1;
    return keyfile_read(src, TOKEN_JWKS_MAX, out, NULL, NULL);
}

/* ---------- cached remote verifier ---------- */

static double mono_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A fresh verifier from r's source; keys may be empty if the fetch failed. */
static struct token_verifier *remote_build(const struct token_remote *r) {
    struct token_verifier *v = malloc(sizeof *v);
    if (!v || token_verifier_init(v, r->iss, r->aud, r->leeway) != 0) {
        free(v);
        return NULL;
    }
    char *doc = NULL;
    if (token_jwks_fetch(r->source, &doc) == 0) token_verifier_add_jwks(v, doc, r->algs);
    free(doc);
    return v;
}

static void verifier_destroy(struct token_verifier *v) {
    token_verifier_free(v);
    free(v);
}

int token_remote_init(struct token_remote *r, const char *source, const char *allowed_algs_csv,
                      const char *iss, const char *aud, long leeway) {
    if (!r) return -1;
    memset(r, 0, sizeof *r);
    if (!source || !allowed_algs_csv || !iss || !*iss || !aud || !*aud) return -1;
    r->source = strdup(source);
    r->algs = strdup(allowed_algs_csv);
    r->iss = strdup(iss);
    r->aud = strdup(aud);
    r->leeway = leeway < 0 ? TOKEN_LEEWAY_DEFAULT : leeway;
    r->refresh_interval = TOKEN_REFRESH_DEFAULT;
    if (!r->source || !r->algs || !r->iss || !r->aud || !(r->v = remote_build(r))) goto fail;
    if (pthread_rwlock_init(&r->lock, NULL) != 0) goto fail;
    if (pthread_mutex_init(&r->refresh_mu, NULL) != 0) {
        pthread_rwlock_destroy(&r->lock);
        goto fail;
    }
    r->last_refresh = mono_now();
    return r->v->nkeys > 0 ? 0 : 1;
fail:
    if (r->v) verifier_destroy(r->v);
    free(r->source), free(r->algs), free(r->iss), free(r->aud);
    memset(r, 0, sizeof *r);
    return -1;
}

/* Refetches unless the last attempt was under refresh_interval ago. The fetch runs without the
 * rwlock, so verifications continue meanwhile; a failed fetch keeps the old keys. */
static void remote_refresh(struct token_remote *r) {
    pthread_mutex_lock(&r->refresh_mu);
    double t = mono_now();
    if (t - r->last_refresh < (double)r->refresh_interval) {
        pthread_mutex_unlock(&r->refresh_mu);
        return;
    }
    r->last_refresh = t;
    struct token_verifier *nv = remote_build(r), *old = NULL;
    if (nv && nv->nkeys > 0) {
        pthread_rwlock_wrlock(&r->lock);
        old = r->v;
        r->v = nv;
        pthread_rwlock_unlock(&r->lock);
    } else {
        old = nv;
    }
    pthread_mutex_unlock(&r->refresh_mu);
    if (old) verifier_destroy(old);
}

static int remote_try(struct token_remote *r, const char *token, time_t now, json_t **claims_out,
                      const char **why) {
    pthread_rwlock_rdlock(&r->lock);
    int rc = token_verify(r->v, token, now, claims_out, why);
    pthread_rwlock_unlock(&r->lock);
    return rc;
}

int token_remote_verify(struct token_remote *r, const char *token, time_t now, json_t **claims_out,
                        const char **why) {
    /* source is set once by a successful init and never changes; v may (under the lock). */
    if (!r || !r->source) {
        if (why) *why = "no remote verifier";
        return TOKEN_INVALID;
    }
    int rc = remote_try(r, token, now, claims_out, why);
    if (rc != TOKEN_UNKNOWN_KID) return rc;
    remote_refresh(r);
    /* Retry even if this thread did not refresh: another thread may just have done it. */
    return remote_try(r, token, now, claims_out, why);
}

void token_remote_free(struct token_remote *r) {
    if (!r || !r->source) return;
    verifier_destroy(r->v);
    pthread_rwlock_destroy(&r->lock);
    pthread_mutex_destroy(&r->refresh_mu);
    free(r->source), free(r->algs), free(r->iss), free(r->aud);
    memset(r, 0, sizeof *r);
}

/* ---------- claims ---------- */

/* Tries the whole remaining path as one key, then each dot as a separator. */
static json_t *path_walk(json_t *obj, const char *p, size_t len, int depth) {
    if (!json_is_object(obj) || depth > CLAIM_PATH_DEPTH) return NULL;
    json_t *v = json_object_getn(obj, p, len);
    if (v) return v;
    for (size_t i = 0; i < len; i++) {
        if (p[i] != '.') continue;
        json_t *child = json_object_getn(obj, p, i);
        json_t *r = child ? path_walk(child, p + i + 1, len - i - 1, depth + 1) : NULL;
        if (r) return r;
    }
    return NULL;
}

json_t *token_claim_path(json_t *claims, const char *path) {
    if (!claims || !path || !*path) return NULL;
    size_t len = strnlen(path, CLAIM_PATH_MAX + 1);
    return len > CLAIM_PATH_MAX ? NULL : path_walk(claims, path, len, 0);
}

/* Trimmed copy into out; 0 if empty or too long (a truncated role could name another role). */
static int copy_item(char *out, const char *s, size_t len) {
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len == 0 || len > 63 || memchr(s, '\0', len)) return 0;
    memcpy(out, s, len);
    out[len] = '\0';
    return 1;
}

int token_claim_strings(json_t *v, char out[][64], int max) {
    int n = 0;
    if (!v) return 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (n >= max) break;
            if (json_is_string(e))
                n += copy_item(out[n], json_string_value(e), json_string_length(e));
        }
        return n;
    }
    if (!json_is_string(v)) return -1;
    const char *s = json_string_value(v), *end = s + json_string_length(v);
    while (s < end && n < max) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        size_t len = comma ? (size_t)(comma - s) : (size_t)(end - s);
        n += copy_item(out[n], s, len);
        s += len + 1;
    }
    return n;
}
