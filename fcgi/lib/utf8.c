/* Strict UTF-8 (RFC 3629): decode and encode one code point, validate a string. */
#include "lib/utf8.h"

/* Length of the sequence a lead byte starts, 0 for a byte that cannot lead (continuations, C0
 * and C1 which only begin overlong forms, F5..FF which only begin values above U+10FFFF). */
static size_t lead_len(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

size_t utf8_decode(const void *src, size_t n, uint32_t *cp) {
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *s = src;
    size_t len = n ? lead_len(s[0]) : 0;
    if (len == 0 || n < len) return 0;
    uint32_t v = len == 1 ? s[0] : s[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min_cp[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

uint32_t utf8_next(const char *s, size_t n, size_t *i) {
    uint32_t cp = 0xFFFD;
    size_t len = utf8_decode(s + *i, n - *i, &cp);
    *i += len ? len : 1;
    return len ? cp : 0xFFFD;
}

size_t utf8_encode(uint32_t cp, char out[4]) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_valid_prefix(const char *s, size_t len) {
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k == 0) return i;
        i += k;
    }
    return len;
}

size_t utf8_cut(const char *s, size_t n, size_t max) {
    size_t k = max < n ? max : n;
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    return k;
}

size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}
