/* Base64 and base64url (RFC 4648) on OpenSSL's block coder, decoding strictly. */
#ifndef KSTT_B64_H
#define KSTT_B64_H
#include <stddef.h>

/* Flags for b64_decode and b64_encode. */
enum {
    B64_STD = 1, /* alphabet with '+' and '/' */
    B64_URL = 2, /* alphabet with '-' and '_' (JWT, JWKS) */
    B64_WS = 4   /* decode only: skip spaces, tabs and line breaks anywhere */
};

/* Decodes n characters of in. Accepted: characters of the alphabet(s) in flags (B64_STD|B64_URL
 * takes either), '=' only as the one or two final characters that make the length a multiple of
 * four (or no padding at all), and zero unused bits in the last character, so each value has one
 * encoding. Returns a malloc'd buffer of *out_len bytes followed by a NUL, or NULL when the text
 * is invalid, decodes to more than max bytes, or memory runs out. */
unsigned char *b64_decode(const char *in, size_t n, int flags, size_t max, size_t *out_len);

/* Encodes n bytes: padded standard base64, or unpadded base64url when flags has B64_URL.
 * malloc'd and NUL-terminated, or NULL. */
char *b64_encode(const unsigned char *in, size_t n, int flags);

/* 1 when c belongs to the base64url alphabet (used to reject a token before decoding it). */
int b64_is_url_char(int c);

#endif
