/* Unit tests for core/altcha: challenge format, solutions right and wrong, expiry, tampering. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/altcha.h"

static unsigned char KEY[32];

static int setup(void **state) {
    (void)state;
    for (int i = 0; i < 32; i++) KEY[i] = (unsigned char)i;
    return 0;
}

static void b64(const char *json, char *out) {
    EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)json, (int)strlen(json));
}

/* The widget's payload for a challenge and a number. */
static void payload(const struct altcha_challenge *c, long long number, char *out) {
    char json[1024];
    snprintf(json, sizeof json,
             "{\"algorithm\":\"%s\",\"challenge\":\"%s\",\"number\":%lld,\"salt\":\"%s\","
             "\"signature\":\"%s\",\"took\":1234}",
             c->algorithm, c->challenge, number, c->salt, c->signature);
    b64(json, out);
}

/* The number a client would find by trying 0, 1, 2 ... */
static long long solve(const struct altcha_challenge *c) {
    char buf[200], hex[65];
    for (long long n = 0; n <= c->maxnumber; n++) {
        snprintf(buf, sizeof buf, "%s%lld", c->salt, n);
        altcha_sha256_hex(buf, strlen(buf), hex);
        if (strcmp(hex, c->challenge) == 0) return n;
    }
    return -1;
}

/* Cross-checked with Python's hashlib and hmac (the ALTCHA reference libraries do the same). */
static void test_known_vector(void **state) {
    (void)state;
    struct altcha_challenge c;
    assert_int_equal(altcha_make(KEY, 32, "00112233445566778899aabb", 42, 1000, 2000000000LL, &c),
                     0);
    assert_string_equal(c.algorithm, "SHA-256");
    assert_string_equal(c.salt, "00112233445566778899aabb?expires=2000000000&");
    assert_string_equal(c.challenge,
                        "c4c135ba17931aa86c771f7366f23410d8639ee710df82637b87cb086101a26b");
    assert_string_equal(c.signature,
                        "d988ec3c930c02ce9cbd299dbe59c5f3d93120d42100332406fba5cffda6306c");
    assert_int_equal(c.maxnumber, 1000);
    assert_int_equal(solve(&c), 42);
}

static void test_good_solution(void **state) {
    (void)state;
    struct altcha_challenge c;
    assert_int_equal(altcha_make(KEY, 32, "abcdef0123", 777, 5000, 1900000000LL, &c), 0);
    char p[2048];
    payload(&c, solve(&c), p);
    struct altcha_solution s;
    assert_int_equal(altcha_verify(KEY, 32, p, 1800000000LL, &s), ALTCHA_OK);
    assert_string_equal(s.challenge, c.challenge);
    assert_int_equal(s.expires, 1900000000LL);
    assert_int_equal(s.number, 777);
    assert_string_equal(altcha_message(ALTCHA_OK), "");
    /* NULL out is allowed */
    assert_int_equal(altcha_verify(KEY, 32, p, 1800000000LL, NULL), ALTCHA_OK);
}

static void test_wrong_number_and_key(void **state) {
    (void)state;
    struct altcha_challenge c;
    altcha_make(KEY, 32, "abcdef", 10, 100, 1900000000LL, &c);
    char p[2048];
    payload(&c, 11, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 1800000000LL, NULL), ALTCHA_WRONG_NUMBER);
    payload(&c, 10, p);
    unsigned char other[32] = {1};
    assert_int_equal(altcha_verify(other, 32, p, 1800000000LL, NULL), ALTCHA_BAD_SIGNATURE);
    assert_non_null(strstr(altcha_message(ALTCHA_WRONG_NUMBER), "không đúng"));
}

static void test_expiry(void **state) {
    (void)state;
    struct altcha_challenge c;
    altcha_make(KEY, 32, "abcdef", 3, 10, 1000, &c);
    char p[2048];
    payload(&c, 3, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 999, NULL), ALTCHA_OK);
    assert_int_equal(altcha_verify(KEY, 32, p, 1000, NULL), ALTCHA_OK);
    assert_int_equal(altcha_verify(KEY, 32, p, 1001, NULL), ALTCHA_EXPIRED);
    assert_non_null(strstr(altcha_message(ALTCHA_EXPIRED), "hết hạn"));
}

/* A client may not move the expiry: the salt is inside the signed challenge's hash. */
static void test_tampered_salt(void **state) {
    (void)state;
    struct altcha_challenge c;
    altcha_make(KEY, 32, "abcdef", 3, 10, 1000, &c);
    struct altcha_challenge t = c;
    snprintf(t.salt, sizeof t.salt, "abcdef?expires=9999999999&");
    char p[2048];
    payload(&t, 3, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 5000, NULL), ALTCHA_WRONG_NUMBER);
    /* a signed challenge without any expiry is refused */
    char json[1024], hex[65];
    snprintf(json, sizeof json, "nosalt%d", 5);
    altcha_sha256_hex(json, strlen(json), hex);
    struct altcha_challenge n = c;
    snprintf(n.salt, sizeof n.salt, "nosalt");
    snprintf(n.challenge, sizeof n.challenge, "%s", hex);
    /* sign it as the server would (the same HMAC altcha_make uses) */
    unsigned int len = 0;
    unsigned char md[EVP_MAX_MD_SIZE];
    HMAC(EVP_sha256(), KEY, 32, (const unsigned char *)hex, 64, md, &len);
    for (unsigned i = 0; i < len; i++) snprintf(n.signature + 2 * i, 3, "%02x", md[i]);
    payload(&n, 5, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 5000, NULL), ALTCHA_EXPIRED);
}

static void test_malformed(void **state) {
    (void)state;
    char p[4096];
    assert_int_equal(altcha_verify(KEY, 32, NULL, 0, NULL), ALTCHA_MALFORMED);
    assert_int_equal(altcha_verify(KEY, 32, "", 0, NULL), ALTCHA_MALFORMED);
    assert_int_equal(altcha_verify(KEY, 32, "!!!not base64", 0, NULL), ALTCHA_MALFORMED);
    b64("[1,2,3]", p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    b64("{\"algorithm\":\"SHA-256\"}", p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    b64("{not json", p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    struct altcha_challenge c;
    altcha_make(KEY, 32, "abcdef", 3, 10, 1000, &c);
    char json[1024];
    /* the number as a string, or negative */
    snprintf(json, sizeof json,
             "{\"algorithm\":\"SHA-256\",\"challenge\":\"%s\",\"number\":\"3\",\"salt\":\"%s\","
             "\"signature\":\"%s\"}",
             c.challenge, c.salt, c.signature);
    b64(json, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    snprintf(json, sizeof json,
             "{\"algorithm\":\"SHA-256\",\"challenge\":\"%s\",\"number\":-3,\"salt\":\"%s\","
             "\"signature\":\"%s\"}",
             c.challenge, c.salt, c.signature);
    b64(json, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    /* duplicate keys are refused rather than guessed */
    snprintf(
        json, sizeof json,
        "{\"algorithm\":\"SHA-256\",\"challenge\":\"%s\",\"number\":3,\"number\":4,\"salt\":\"%s\","
        "\"signature\":\"%s\"}",
        c.challenge, c.salt, c.signature);
    b64(json, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_MALFORMED);
    /* other algorithms */
    snprintf(json, sizeof json,
             "{\"algorithm\":\"SHA-1\",\"challenge\":\"%s\",\"number\":3,\"salt\":\"%s\","
             "\"signature\":\"%s\"}",
             c.challenge, c.salt, c.signature);
    b64(json, p);
    assert_int_equal(altcha_verify(KEY, 32, p, 0, NULL), ALTCHA_BAD_ALGORITHM);
    /* too long */
    char *big = malloc(5000);
    memset(big, 'A', 4999);
    big[4999] = '\0';
    assert_int_equal(altcha_verify(KEY, 32, big, 0, NULL), ALTCHA_MALFORMED);
    free(big);
    assert_non_null(strstr(altcha_message(ALTCHA_MALFORMED), "không hợp lệ"));
}

/* URL-safe base64 and missing padding are accepted (some clients send them). */
static void test_base64_variants(void **state) {
    (void)state;
    struct altcha_challenge c;
    altcha_make(KEY, 32, "abcdef", 3, 10, 1900000000LL, &c);
    char p[2048];
    payload(&c, 3, p);
    for (char *q = p; *q; q++) {
        if (*q == '+') *q = '-';
        if (*q == '/') *q = '_';
    }
    char *eq = strchr(p, '=');
    if (eq) *eq = '\0';
    assert_int_equal(altcha_verify(KEY, 32, p, 1800000000LL, NULL), ALTCHA_OK);
}

static void test_make_arguments(void **state) {
    (void)state;
    struct altcha_challenge c;
    assert_int_equal(altcha_make(KEY, 32, "abc", 11, 10, 1000, &c), -1); /* number > max */
    assert_int_equal(altcha_make(KEY, 32, "abc", -1, 10, 1000, &c), -1);
    assert_int_equal(altcha_make(KEY, 32, "abc", 1, 0, 1000, &c), -1);
    assert_int_equal(altcha_make(KEY, 32, "xyz", 1, 10, 1000, &c), -1); /* not hex */
    assert_int_equal(altcha_make(KEY, 32, "", 1, 10, 1000, &c), -1);
    assert_int_equal(altcha_make(KEY, 32, "abc", 1, 10, 0, &c), -1); /* no expiry */
    assert_int_equal(altcha_make(NULL, 32, "abc", 1, 10, 1000, &c), -1);
    assert_int_equal(altcha_make(KEY, 0, "abc", 1, 10, 1000, &c), -1);
    char longsalt[80];
    memset(longsalt, 'a', 65);
    longsalt[65] = '\0';
    assert_int_equal(altcha_make(KEY, 32, longsalt, 1, 10, 1000, &c), -1);
    longsalt[64] = '\0';
    assert_int_equal(altcha_make(KEY, 32, longsalt, 1, 10, 1000, &c), 0);
    /* two challenges for the same number differ by their salt */
    struct altcha_challenge a, b;
    altcha_make(KEY, 32, "aa", 5, 10, 1000, &a);
    altcha_make(KEY, 32, "bb", 5, 10, 1000, &b);
    assert_string_not_equal(a.challenge, b.challenge);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vector),         cmocka_unit_test(test_good_solution),
        cmocka_unit_test(test_wrong_number_and_key), cmocka_unit_test(test_expiry),
        cmocka_unit_test(test_tampered_salt),        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_base64_variants),      cmocka_unit_test(test_make_arguments),
    };
    return cmocka_run_group_tests_name("altcha", tests, setup, NULL);
}
