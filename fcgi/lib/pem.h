/* PEM text to and from OpenSSL keys: our key files and every verification key are PEM. */
#ifndef KSTT_PEM_H
#define KSTT_PEM_H
#include <openssl/evp.h>
#include <stddef.h>

/* Unencrypted PKCS#8 private key, or SubjectPublicKeyInfo public key, as a malloc'd,
 * NUL-terminated string (free(); cleanse a private one first), or NULL. */
char *pem_write_private(EVP_PKEY *pk);
char *pem_write_public(EVP_PKEY *pk);

/* The key in len bytes of PEM text (a private key must be unencrypted: never prompts for a
 * passphrase), or NULL. EVP_PKEY_free() it. */
EVP_PKEY *pem_read_private(const char *pem, size_t len);
/* The public key in a NUL-terminated PEM text, or NULL. */
EVP_PKEY *pem_read_public(const char *pem);

#endif
