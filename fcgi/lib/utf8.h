/* Strict UTF-8 (RFC 3629): decode and encode one code point, validate a string. */
#ifndef KSTT_UTF8_H
#define KSTT_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes the sequence at s (n bytes available) into *cp. Returns its length (1..4), or 0 when s
 * does not start with a well-formed sequence: empty, truncated, a stray continuation byte, an
 * overlong form, a surrogate or a value above U+10FFFF. */
size_t utf8_decode(const void *s, size_t n, uint32_t *cp);

/* Decodes the code point at s[*i] (n bytes in all) and moves *i past it; a malformed sequence
 * gives U+FFFD and moves one byte, so a scan always advances. *i must be below n. */
uint32_t utf8_next(const char *s, size_t n, size_t *i);

/* Writes cp to out; returns its length (1..4), or 0 for a surrogate or a value above U+10FFFF. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* The largest length <= max (and <= n) that does not end inside a sequence of s[0..n), for
 * cutting text to a size without splitting a character. */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* Length of the longest well-formed prefix of s[0..len): len when all of it is valid. */
size_t utf8_valid_prefix(const char *s, size_t len);
/* Length in characters of a NUL-terminated string already known to be valid UTF-8 (counts the
 * bytes that start a sequence). */
size_t utf8_chars(const char *s);

#endif
