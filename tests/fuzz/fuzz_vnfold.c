/* libFuzzer target for core/vnfold: never longer, idempotent, valid UTF-8, safe truncation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vnfold.h"

/* The folder promises valid UTF-8 out whatever comes in; check it independently. */
static int valid_utf8(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t len = s[i] < 0x80 ? 1 : s[i] < 0xC2 ? 0 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
        if (len == 0 || s[i] > 0xF4 || i + len > n) return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80) return 0;
        i += len;
    }
    return 1;
}

static void check_shape(const char *out, size_t n) {
    if (!valid_utf8((const unsigned char *)out, n)) abort();
    if (memchr(out, '\0', n)) abort();
    if (n > 0 && (out[0] == ' ' || out[n - 1] == ' ')) abort();
    if (strstr(out, "  ")) abort();
}

/* A cut result must be a prefix of the full one. */
static void check_truncation(const uint8_t *data, size_t size, const char *full, size_t fn) {
    char small[17];
    for (size_t cap = 1; cap <= sizeof small; cap += 4) {
        size_t n = vnfold((const char *)data, size, small, cap);
        if (n >= cap || n > fn || small[n] != '\0' || memcmp(small, full, n) != 0) abort();
    }
}

static void check_tokens(const char *folded, size_t n) {
    const char *tok[64];
    size_t len[64];
    int k = vnfold_tokens(folded, tok, len, 64);
    size_t total = 0;
    for (int i = 0; i < k; i++) {
        if (len[i] == 0 || memchr(tok[i], ' ', len[i])) abort();
        total += len[i];
    }
    if (k < 64 && total + (k > 0 ? (size_t)k - 1 : 0) != n) abort(); /* words + single spaces */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *once = malloc(size + 1), *twice = malloc(size + 1);
    if (!once || !twice) abort();
    size_t n1 = vnfold((const char *)data, size, once, size + 1);
    if (n1 > size || once[n1] != '\0') abort();
    check_shape(once, n1);
    size_t n2 = vnfold(once, n1, twice, n1 + 1);
    if (n2 != n1 || memcmp(once, twice, n1) != 0) abort(); /* idempotent */
    check_truncation(data, size, once, n1);
    check_tokens(once, n1);
    free(once);
    free(twice);
    return 0;
}
