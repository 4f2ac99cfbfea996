/* FNV-1a, the one string hash behind the open-addressing tables in fcgi/. */
#include "lib/hash.h"

#include <string.h>

#define FNV_OFFSET 14695981039346656037ULL /* the published basis (old copies lacked a digit) */
#define FNV_PRIME  1099511628211ULL

uint64_t hash_fnv1a(const void *s, size_t n) {
    const unsigned char *p = s;
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

uint64_t hash_fnv1a_str(const char *s) {
    return hash_fnv1a(s, strlen(s));
}

void hash_hex(const unsigned char *in, size_t n, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}
