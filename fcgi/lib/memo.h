/* A process-wide cache of computed answers (bytes) by key, shared by the worker threads. */
#ifndef KSTT_MEMO_H
#define KSTT_MEMO_H
#include <stddef.h>

/* One cached answer: immutable once stored, reference-counted so a reader may keep sending it
 * while another thread replaces or evicts it. */
struct memo_val {
    int refs; /* touched only with __atomic builtins */
    size_t len;
    char data[]; /* len bytes and a NUL */
};

/* A cache of at most nslots entries and max_bytes of answers, least recently used out first.
 * The key names the question (path, query, the reader's scope); the tag names what its answer
 * was computed from (data versions, today). A key holds one answer: a get under another tag
 * misses and drops it, a put replaces it. Nothing else invalidates an entry. */
struct memo;
struct memo *memo_new(size_t nslots, size_t max_bytes);
void memo_free(struct memo *m);
/* The answer stored under key and tag (NULL: none), with a reference the caller drops with
 * memo_release; NULL when there is none. An answer under the key with another tag is dropped. */
struct memo_val *memo_get(struct memo *m, const char *key, const char *tag);
/* Stores a copy of data[0..len) under key and tag (replacing the key's answer, whatever its
 * tag), evicting the least recently used entries to stay within the limits; an answer larger
 * than max_bytes is not kept. 0, or -1 when memory ran out (nothing stored). */
int memo_put(struct memo *m, const char *key, const char *tag, const char *data, size_t len);
void memo_release(struct memo_val *v);
/* Entries and bytes held now (tests and metrics). */
void memo_stats(struct memo *m, size_t *entries, size_t *bytes);

#endif
