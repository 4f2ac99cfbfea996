/* ALTCHA proof of work: signed, expiring SHA-256 challenges and the check of a solution. Pure. */
#include "core/altcha.h"
#include "lib/b64.h"
#include "lib/hash.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD_MAX 2048

void altcha_sha256_hex(const void *data, size_t len, char out[65]) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    hash_hex(md, sizeof md, out);
}

static int hmac_hex(const unsigned char *key, size_t keylen, const char *msg, char out[65]) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), md,
              &mdlen) ||
        mdlen != SHA256_DIGEST_LENGTH)
        return -1;
    hash_hex(md, mdlen, out);
    return 0;
}

static int is_hex(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

int altcha_make(const unsigned char *key, size_t keylen, const char *salt_hex, long long number,
                long long maxnumber, long long expires, struct altcha_challenge *out) {
    memset(out, 0, sizeof *out);
    if (!key || keylen == 0 || !salt_hex || strlen(salt_hex) > 64 || !is_hex(salt_hex) ||
        number < 0 || maxnumber < 1 || number > maxnumber || expires <= 0)
        return -1;
    /* The parameters live in the salt, which the challenge hashes: they cannot be changed
     * without invalidating the signature. The trailing '&' stops parameter splicing. */
    snprintf(out->salt, sizeof out->salt, "%s?expires=%lld&", salt_hex, expires);
    char buf[160];
    snprintf(buf, sizeof buf, "%s%lld", out->salt, number);
    altcha_sha256_hex(buf, strlen(buf), out->challenge);
    if (hmac_hex(key, keylen, out->challenge, out->signature) < 0) return -1;
    snprintf(out->algorithm, sizeof out->algorithm, "SHA-256");
    out->maxnumber = maxnumber;
    return 0;
}

/* expires=<digits> among the salt's parameters (after '?', separated by '&'); 0 when absent. */
static long long salt_expires(const char *salt) {
    const char *q = strchr(salt, '?');
    if (!q) return 0;
    for (const char *p = q + 1; *p;) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 8 && strncmp(p, "expires=", 8) == 0) {
            long long v = 0;
            size_t i;
            for (i = 8; i < len && i < 8 + 12; i++) {
                if (p[i] < '0' || p[i] > '9') return 0;
                v = v * 10 + (p[i] - '0');
            }
            return i == len ? v : 0;
        }
        if (!end) break;
        p = end + 1;
    }
    return 0;
}

enum altcha_result altcha_verify(const unsigned char *key, size_t keylen, const char *payload,
                                 long long now, struct altcha_solution *out) {
    struct altcha_solution dummy;
    if (!out) out = &dummy;
    memset(out, 0, sizeof *out);
    if (!payload || strlen(payload) > PAYLOAD_MAX) return ALTCHA_MALFORMED;
    size_t len = 0;
    /* Standard or URL-safe base64, padding optional: some clients send either. */
    char *text = *payload ? (char *)b64_decode(payload, strlen(payload), B64_STD | B64_URL,
                                               PAYLOAD_MAX, &len)
                          : NULL;
    if (!text) return ALTCHA_MALFORMED;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    free(text);
    if (!json_is_object(j)) {
        json_decref(j);
        return ALTCHA_MALFORMED;
    }
    const char *alg = json_string_value(json_object_get(j, "algorithm"));
    const char *ch = json_string_value(json_object_get(j, "challenge"));
    const char *salt = json_string_value(json_object_get(j, "salt"));
    const char *sig = json_string_value(json_object_get(j, "signature"));
    json_t *num = json_object_get(j, "number");
    enum altcha_result rc = ALTCHA_OK;
    if (!alg || !ch || !salt || !sig || !json_is_integer(num) || json_integer_value(num) < 0 ||
        strlen(ch) != 64 || strlen(sig) != 64 || strlen(salt) > 200) {
        rc = ALTCHA_MALFORMED;
        goto done;
    }
    if (strcmp(alg, "SHA-256") != 0) {
        rc = ALTCHA_BAD_ALGORITHM;
        goto done;
    }
    snprintf(out->challenge, sizeof out->challenge, "%s", ch);
    out->number = (long long)json_integer_value(num);
    char expect[65];
    if (hmac_hex(key, keylen, ch, expect) < 0 || CRYPTO_memcmp(expect, sig, 64) != 0) {
        rc = ALTCHA_BAD_SIGNATURE;
        goto done;
    }
    /* The signature only vouches for the challenge; the salt is bound to it by the hash. */
    char buf[260], got[65];
    snprintf(buf, sizeof buf, "%s%lld", salt, out->number);
    altcha_sha256_hex(buf, strlen(buf), got);
    if (CRYPTO_memcmp(got, ch, 64) != 0) {
        rc = ALTCHA_WRONG_NUMBER;
        goto done;
    }
    out->expires = salt_expires(salt);
    if (out->expires <= 0 || out->expires < now) rc = ALTCHA_EXPIRED;
done:
    json_decref(j);
    return rc;
}

const char *altcha_message(enum altcha_result r) {
    switch (r) {
    case ALTCHA_OK:
        return "";
    case ALTCHA_EXPIRED:
        return "Mã xác minh chống gửi tự động đã hết hạn. Vui lòng tải lại mã và gửi lại.";
    case ALTCHA_WRONG_NUMBER:
    case ALTCHA_BAD_SIGNATURE:
    case ALTCHA_BAD_ALGORITHM:
        return "Mã xác minh chống gửi tự động không đúng. Vui lòng tải lại mã và gửi lại.";
    default:
        return "Mã xác minh chống gửi tự động không hợp lệ.";
    }
}
