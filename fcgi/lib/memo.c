/* A process-wide cache of computed answers (bytes) by key, shared by the worker threads. */
#include "lib/memo.h"

#include "lib/hash.h"
#include "lib/mem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key;       /* the key, then after its NUL the tag (one allocation) */
    const char *tag; /* inside key's allocation */
    uint64_t hash;   /* of key: compared before the key, so that a miss costs no string compare */
    struct memo_val *val;
    size_t len;              /* val->len, kept here so that a clear never reads the value */
    unsigned long long used; /* tick of the last get or put */
};

struct memo {
    pthread_mutex_t mu;
    struct slot *slots;
    size_t nslots, max_bytes, bytes;
    unsigned long long tick;
};

struct memo *memo_new(size_t nslots, size_t max_bytes) {
    struct memo *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->slots = calloc(nslots ? nslots : 1, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    pthread_mutex_init(&m->mu, NULL);
    m->nslots = nslots ? nslots : 1;
    m->max_bytes = max_bytes;
    return m;
}

void memo_release(struct memo_val *v) {
    if (!v || __atomic_sub_fetch(&v->refs, 1, __ATOMIC_ACQ_REL) != 0) return;
#ifndef __clang_analyzer__
    /* Why hidden from the analyzer: it cannot follow the count (a slot's reference keeps it above
     * zero), so it takes any release for the last and then reports the slot's own release, when
     * the slot is cleared later, as a use after free. Kept honest by test_memo under ASan. */
    free(v);
#endif
}

/* Empties a slot: the slot gives up its reference, and a reader that got the value keeps its own
 * until it releases it. */
static void slot_clear(struct memo *m, struct slot *s) {
    if (!s || !s->key) return;
    struct memo_val *v = s->val;
    m->bytes -= s->len;
    free(s->key);
    *s = (struct slot){0};
    memo_release(v);
}

void memo_free(struct memo *m) {
    if (!m) return;
    for (size_t i = 0; i < m->nslots; i++) slot_clear(m, &m->slots[i]);
    pthread_mutex_destroy(&m->mu);
    free(m->slots);
    free(m);
}

/* The slot holding key, or NULL. A linear scan over the slots' hashes: the caches hold at most a
 * few thousand entries, and the scan reads each slot's hash without following any pointer. */
static struct slot *find(struct memo *m, const char *key, uint64_t h) {
    for (size_t i = 0; i < m->nslots; i++)
        if (m->slots[i].hash == h && m->slots[i].key && strcmp(m->slots[i].key, key) == 0)
            return &m->slots[i];
    return NULL;
}

/*
 * Why a stale entry is dropped when its question comes again: an answer computed from older
 * data (another tag) is never served, and keeping it until the LRU reached it made every write
 * leave one dead answer per question behind, so a busy worker's memory grew to the caches' limits
 * (the soak of 2026-12-07, decision 228).
 */
struct memo_val *memo_get(struct memo *m, const char *key, const char *tag) {
    struct memo_val *v = NULL;
    uint64_t h = hash_fnv1a_str(key);
    pthread_mutex_lock(&m->mu);
    struct slot *s = find(m, key, h);
    if (s && strcmp(s->tag, tag ? tag : "") != 0) {
        slot_clear(m, s);
        s = NULL;
    }
    if (s) {
        s->used = ++m->tick;
        v = s->val;
        __atomic_add_fetch(&v->refs, 1, __ATOMIC_ACQ_REL);
    }
    pthread_mutex_unlock(&m->mu);
    return v;
}

/* The least recently used slot holding an entry (or the first empty one when empty_ok). */
static struct slot *victim(struct memo *m, int empty_ok) {
    struct slot *best = NULL;
    for (size_t i = 0; i < m->nslots; i++) {
        struct slot *s = &m->slots[i];
        if (!s->key) {
            if (empty_ok) return s;
            continue;
        }
        if (!best || s->used < best->used) best = s;
    }
    return best;
}

int memo_put(struct memo *m, const char *key, const char *tag, const char *data, size_t len) {
    if (len > m->max_bytes) return 0;
    if (!tag) tag = "";
    size_t klen = strlen(key), tlen = strlen(tag);
    struct memo_val *v = mem_realloc(NULL, sizeof *v + len + 1);
    char *k = mem_realloc(NULL, klen + tlen + 2);
    if (!v || !k) {
        free(v);
        free(k);
        return -1;
    }
    v->refs = 1;
    v->len = len;
    memcpy(v->data, data, len);
    v->data[len] = '\0';
    memcpy(k, key, klen + 1);
    memcpy(k + klen + 1, tag, tlen + 1);
    uint64_t h = hash_fnv1a_str(key);
    pthread_mutex_lock(&m->mu);
    /* the key's own slot is reused; else an empty one, or the least recently used */
    struct slot *s = find(m, key, h);
    slot_clear(m, s);
    while (m->bytes + len > m->max_bytes) slot_clear(m, victim(m, 0));
    if (!s) {
        s = victim(m, 1);
        slot_clear(m, s);
    }
    *s = (struct slot){k, k + klen + 1, h, v, len, ++m->tick};
    m->bytes += len;
    pthread_mutex_unlock(&m->mu);
    return 0;
}

void memo_stats(struct memo *m, size_t *entries, size_t *bytes) {
    pthread_mutex_lock(&m->mu);
    size_t n = 0;
    for (size_t i = 0; i < m->nslots; i++) n += m->slots[i].key != NULL;
    *entries = n;
    *bytes = m->bytes;
    pthread_mutex_unlock(&m->mu);
}
