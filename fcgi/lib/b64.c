/* Base64 and base64url (RFC 4648) on OpenSSL's block coder, decoding strictly. */
#include "lib/b64.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Value of c in the alphabet(s) of flags, or -1. */
static int value(unsigned char c, int flags) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if ((flags & B64_STD) && c == '+') return 62;
    if ((flags & B64_STD) && c == '/') return 63;
    if ((flags & B64_URL) && c == '-') return 62;
    if ((flags & B64_URL) && c == '_') return 63;
    return -1;
}

int b64_is_url_char(int c) {
    return c >= 0 && c <= 255 && value((unsigned char)c, B64_URL) >= 0;
}

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copies in to norm in the standard alphabet without whitespace or padding. Returns the number of
 * characters, or -1 when a character is foreign or anything follows the padding; *pad counts '='.
 */
static long normalise(const char *in, size_t n, int flags, char *norm, size_t *pad) {
    size_t m = 0;
    *pad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if ((flags & B64_WS) && is_ws(c)) continue;
        if (c == '=') {
            ++*pad;
            continue;
        }
        int v = value(c, flags);
        if (v < 0 || *pad) return -1;
        norm[m++] = STD[v];
    }
    return (long)m;
}

/* Why: EVP_DecodeBlock takes only whole, padded quads, accepts some non-canonical forms and
 * trims whitespace itself; checking the text here first keeps one strict definition of valid. */
unsigned char *b64_decode(const char *in, size_t n, int flags, size_t max, size_t *out_len) {
    if (!in || !out_len || n > (size_t)INT_MAX - 4) return NULL;
    char *norm = malloc(n + 4);
    if (!norm) return NULL;
    unsigned char *out = NULL;
    size_t pad = 0;
    long got = normalise(in, n, flags, norm, &pad);
    if (got < 0) goto done;
    size_t m = (size_t)got, rem = m % 4, fill = rem ? 4 - rem : 0;
    if (rem == 1 || (pad && pad != fill)) goto done;
    /* The last character's unused low bits must be zero (2 characters: 4 bits, 3: 2 bits). */
    if (rem && (value((unsigned char)norm[m - 1], B64_STD) & (rem == 2 ? 15 : 3))) goto done;
    size_t len = m / 4 * 3 + (rem ? rem - 1 : 0);
    if (len > max) goto done;
    memset(norm + m, '=', fill);
    out = malloc((m + fill) / 4 * 3 + 1);
    if (!out) goto done;
    int w = m ? EVP_DecodeBlock(out, (const unsigned char *)norm, (int)(m + fill)) : 0;
    if (w < 0 || (size_t)w != (m + fill) / 4 * 3) {
        free(out);
        out = NULL;
        goto done;
    }
    out[len] = '\0';
    *out_len = len;
done:
    free(norm);
    return out;
}

char *b64_encode(const unsigned char *in, size_t n, int flags) {
    if ((!in && n) || n > (size_t)INT_MAX / 4 * 3 - 3) return NULL;
    char *out = malloc((n + 2) / 3 * 4 + 1);
    if (!out) return NULL;
    int w = n ? EVP_EncodeBlock((unsigned char *)out, in, (int)n) : 0;
    out[w] = '\0';
    if (flags & B64_URL) {
        for (int i = 0; i < w; i++) {
            if (out[i] == '+')
                out[i] = '-';
            else if (out[i] == '/')
                out[i] = '_';
            else if (out[i] == '=')
                out[i] = '\0';
        }
    }
    return out;
}
