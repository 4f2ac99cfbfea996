/* libFuzzer target for lib/utf8: agrees with an independent check, and decode/encode round-trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"

/* Independent strict check by the RFC 3629 table of well-formed byte sequences. */
static size_t table_len(const uint8_t *s, size_t n) {
    uint8_t c = s[0];
    if (c < 0x80) return 1;
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || n < len) return 0;
    uint8_t lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    uint8_t hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t k = 2; k < len; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t i = 0, valid = size;
    while (i < size) {
        uint32_t cp = 0;
        size_t k = utf8_decode(data + i, size - i, &cp);
        if (k != table_len(data + i, size - i)) abort();
        size_t j = i;
        uint32_t next = utf8_next((const char *)data, size, &j);
        if (j != i + (k ? k : 1) || next != (k ? cp : 0xFFFD)) abort();
        if (k) {
            char o[4];
            if (utf8_encode(cp, o) != k || memcmp(o, data + i, k) != 0) abort();
        } else if (valid == size) {
            valid = i;
        }
        i += k ? k : 1;
    }
    if (utf8_valid_prefix((const char *)data, size) != valid) abort();
    return 0;
}
