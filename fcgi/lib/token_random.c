/* Random opaque tokens (session ids, refresh tokens, jti) and the SHA-256 hex they are stored as.
 */
#include "lib/token.h"
#include "lib/b64.h"
#include "lib/hash.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

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
