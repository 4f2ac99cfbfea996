/* @username mentions in a comment's text, found without any lookup. Pure. */
#ifndef KSTT_CORE_MENTIONS_H
#define KSTT_CORE_MENTIONS_H
#include <stddef.h>

/* At most this many distinct names are taken from one text (the rest are ignored). */
#define MENTION_MAX 20
/* A username's length, as users.c accepts it (3..64 characters of a-z 0-9 . _ -). */
#define MENTION_NAME_MIN 3
#define MENTION_NAME_MAX 64

/*
 * The distinct usernames mentioned in text[0..len), in order of first appearance, lower-cased,
 * into names (max entries of MENTION_NAME_MAX + 1 bytes). A mention is '@' at the start or after
 * a character that cannot be in a username (so "ai@xa.vn" is an address, not a mention), then a
 * run of letters A-Z a-z, digits and . _ -; dots, dashes and underscores ending the run are
 * punctuation ("@xa11.daumoi." names xa11.daumoi). A run shorter than 3 or longer than 64
 * characters names nobody. Returns the number of names written (0..max).
 */
size_t mentions_parse(const char *text, size_t len, char (*names)[MENTION_NAME_MAX + 1],
                      size_t max);

#endif
