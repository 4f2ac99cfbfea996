/* FNV-1a, the one string hash behind the open-addressing tables in fcgi/. */
#ifndef KSTT_HASH_H
#define KSTT_HASH_H
#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a of n bytes. Not for anything an attacker may aim collisions at across requests:
 * the tables using it live for one request and are sized at least twice their contents. */
uint64_t hash_fnv1a(const void *s, size_t n);

/* hash_fnv1a of a NUL-terminated string. */
uint64_t hash_fnv1a_str(const char *s);

/* Lowercase hex of n bytes into out (2n + 1 bytes, NUL-terminated): digests, keys, suffixes. */
void hash_hex(const unsigned char *in, size_t n, char *out);

#endif
