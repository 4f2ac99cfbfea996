/* ALTCHA proof of work: signed, expiring SHA-256 challenges and the check of a solution. Pure
 * (HMAC-SHA256 and SHA-256 via OpenSSL are computation only). */
#ifndef KSTT_CORE_ALTCHA_H
#define KSTT_CORE_ALTCHA_H

#include <stddef.h>

struct altcha_challenge {
    char algorithm[8];  /* "SHA-256" */
    char challenge[65]; /* hex SHA-256(salt + number) */
    char salt[128];     /* random hex + "?expires=<unix>&" */
    char signature[65]; /* hex HMAC-SHA256(key, challenge) */
    long long maxnumber;
};

/*
 * Builds a challenge from the caller's randomness: salt_hex (random hex, at most 64 characters),
 * number in [0, maxnumber] (the secret the client must find), expires (unix seconds). Returns 0,
 * or -1 on bad arguments.
 */
int altcha_make(const unsigned char *key, size_t keylen, const char *salt_hex, long long number,
                long long maxnumber, long long expires, struct altcha_challenge *out);

enum altcha_result {
    ALTCHA_OK = 0,
    ALTCHA_MALFORMED,     /* not base64 JSON with the five fields */
    ALTCHA_BAD_ALGORITHM, /* anything but SHA-256 */
    ALTCHA_BAD_SIGNATURE, /* not a challenge we signed */
    ALTCHA_WRONG_NUMBER,  /* SHA-256(salt + number) is not the challenge */
    ALTCHA_EXPIRED,       /* past the salt's expires, or no expires at all */
};

struct altcha_solution {
    char challenge[65]; /* the key for single use */
    long long expires;  /* from the salt */
    long long number;
};

/*
 * Checks the widget's payload: base64 of {"algorithm","challenge","number","salt","signature"}
 * (other keys such as "took" are ignored). now is unix seconds. Fills out (when not NULL) as far
 * as it got. Single use is the caller's business (store out->challenge until out->expires).
 */
enum altcha_result altcha_verify(const unsigned char *key, size_t keylen, const char *payload,
                                 long long now, struct altcha_solution *out);
/* Vietnamese message for a result (for the form's error on field "altcha"). */
const char *altcha_message(enum altcha_result r);
/* Lower-case hex SHA-256 of data into out[65]. */
void altcha_sha256_hex(const void *data, size_t len, char out[65]);

#endif
