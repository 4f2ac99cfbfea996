/* PEM text to and from OpenSSL keys: our key files and every verification key are PEM. */
#include "lib/pem.h"

#include <limits.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

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

static char *pem_write(EVP_PKEY *pk, int private) {
    BIO *b = BIO_new(BIO_s_mem());
    int ok = b && (private ? PEM_write_bio_PrivateKey(b, pk, NULL, NULL, 0, NULL, NULL)
                           : PEM_write_bio_PUBKEY(b, pk)) == 1;
    char *s = ok ? bio_string(b) : NULL;
    BIO_free(b);
    return s;
}

char *pem_write_private(EVP_PKEY *pk) {
    return pem_write(pk, 1);
}

char *pem_write_public(EVP_PKEY *pk) {
    return pem_write(pk, 0);
}

static EVP_PKEY *pem_read(const char *pem, int len, int private) {
    BIO *b = BIO_new_mem_buf(pem, len);
    EVP_PKEY *pk = NULL;
    if (b && private) pk = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL);
    if (b && !private) pk = PEM_read_bio_PUBKEY(b, NULL, no_passphrase, NULL);
    BIO_free(b);
    return pk;
}

EVP_PKEY *pem_read_private(const char *pem, size_t len) {
    return pem && len <= INT_MAX ? pem_read(pem, (int)len, 1) : NULL;
}

EVP_PKEY *pem_read_public(const char *pem) {
    return pem ? pem_read(pem, -1, 0) : NULL;
}
