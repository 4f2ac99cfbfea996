/* Our RS256 key pairs: loaded from (or created in) the key directory, rotated, and their kid. */
#include "lib/token.h"
#include "lib/b64.h"
#include "lib/keyfile.h"
#include "lib/pem.h"

#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define KEY_FILE_MAX 65536 /* a PEM key is a few KB; anything bigger is not a key */

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
    kp->priv_pem = pem_write_private(pk);
    kp->pub_pem = pem_write_public(pk);
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
    } else if (!(pk = pem_read_private(pem, len)) || !EVP_PKEY_is_a(pk, "RSA")) {
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
    char *pem = pk ? pem_write_private(pk) : NULL;
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
