/* procsearch: an in-memory inverted index of the procedure catalogue and its ranked search. */
#include "core/procsearch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/procedure.h"
#include "core/vnfold.h"
#include "lib/hash.h"

#define MAX_TOKENS 12
#define MAX_WORD   40

struct ps_index {
    size_t ndocs, nwords;
    /* documents */
    char **code, **name;
    size_t *name_len;
    long long *field_id, *agency;
    unsigned char *levels, *online, *status, *complete, *approved;
    uint32_t *name_rank, *code_rank; /* position in name / code order */
    /* vocabulary, sorted bytewise; postings of word w: post[start[w] .. start[w + 1]) */
    char *arena;
    uint32_t *word_off;
    unsigned char *word_len;
    uint32_t *start;
    uint32_t *post; /* doc << 1 | (word is in the name) */
};

struct ps_filter ps_filter_any(void) {
    struct ps_filter f = {0, 0, 0, -1, 0, -1, -1};
    return f;
}

size_t ps_ndocs(const struct ps_index *ix) {
    return ix ? ix->ndocs : 0;
}

size_t ps_nwords(const struct ps_index *ix) {
    return ix ? ix->nwords : 0;
}

void ps_free(struct ps_index *ix) {
    if (!ix) return;
    for (size_t i = 0; i < ix->ndocs; i++) {
        if (ix->code) free(ix->code[i]);
        if (ix->name) free(ix->name[i]);
    }
    free(ix->code);
    free(ix->name);
    free(ix->name_len);
    free(ix->field_id);
    free(ix->agency);
    free(ix->levels);
    free(ix->online);
    free(ix->status);
    free(ix->complete);
    free(ix->approved);
    free(ix->name_rank);
    free(ix->code_rank);
    free(ix->arena);
    free(ix->word_off);
    free(ix->word_len);
    free(ix->start);
    free(ix->post);
    free(ix);
}

/* ---- build ---- */

struct vocab {
    /* hash table of word -> id; words live in arena */
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t cap;
    char *arena;
    size_t alen, acap;
    uint32_t *off;
    unsigned char *len;
    uint32_t *count, *last_doc;
    size_t n, ncap;
};

static int vocab_rehash(struct vocab *v) {
    size_t cap = v->cap ? v->cap * 2 : 4096;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t id = 0; id < v->n; id++) {
        size_t j = hash_fnv1a(v->arena + v->off[id], v->len[id]) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)id + 1;
    }
    free(v->slots);
    v->slots = slots;
    v->cap = cap;
    return 0;
}

/* The id of word w (added when new); -1 on OOM. */
static long vocab_id(struct vocab *v, const char *w, size_t n) {
    if ((v->n + 1) * 2 > v->cap && vocab_rehash(v) < 0) return -1;
    size_t j = hash_fnv1a(w, n) & (v->cap - 1);
    while (v->slots[j]) {
        uint32_t id = v->slots[j] - 1;
        if (id < v->n && v->len[id] == n && memcmp(v->arena + v->off[id], w, n) == 0) return id;
        j = (j + 1) & (v->cap - 1);
    }
    if (v->n == v->ncap) {
        size_t ncap = v->ncap ? v->ncap * 2 : 4096;
        uint32_t *off = realloc(v->off, ncap * sizeof *off);
        if (off) v->off = off;
        unsigned char *len = realloc(v->len, ncap);
        if (len) v->len = len;
        uint32_t *count = realloc(v->count, ncap * sizeof *count);
        if (count) v->count = count;
        uint32_t *last = realloc(v->last_doc, ncap * sizeof *last);
        if (last) v->last_doc = last;
        if (!off || !len || !count || !last) return -1;
        v->ncap = ncap;
    }
    if (v->alen + n > v->acap) {
        size_t acap = v->acap ? v->acap * 2 : 65536;
        while (acap < v->alen + n) acap *= 2;
        char *a = realloc(v->arena, acap);
        if (!a) return -1;
        v->arena = a;
        v->acap = acap;
    }
    memcpy(v->arena + v->alen, w, n);
    v->off[v->n] = (uint32_t)v->alen;
    v->len[v->n] = (unsigned char)n;
    v->count[v->n] = 0;
    v->last_doc[v->n] = UINT32_MAX;
    v->alen += n;
    v->slots[j] = (uint32_t)v->n + 1;
    return (long)v->n++;
}

static void vocab_free(struct vocab *v) {
    free(v->slots);
    free(v->arena);
    free(v->off);
    free(v->len);
    free(v->count);
    free(v->last_doc);
}

/* Calls fn for each word of space-separated text. */
typedef int (*word_fn)(void *ctx, const char *w, size_t n);
static int each_word(const char *s, word_fn fn, void *ctx) {
    while (s && *s) {
        while (*s == ' ') s++;
        const char *e = s;
        while (*e && *e != ' ') e++;
        size_t n = (size_t)(e - s);
        if (n > 0 && n <= MAX_WORD && fn(ctx, s, n) < 0) return -1;
        s = e;
    }
    return 0;
}

struct build {
    struct vocab *v;
    uint32_t doc;
    int in_name;
    /* pass 2 */
    uint32_t *cursor, *post, *sorted_pos;
    int fill;
};

static int add_word(void *ctx, const char *w, size_t n) {
    struct build *b = ctx;
    long id = vocab_id(b->v, w, n);
    if (id < 0) return -1;
    if (!b->fill) {
        if (b->v->last_doc[id] != b->doc) {
            b->v->last_doc[id] = b->doc;
            b->v->count[id]++;
        }
        return 0;
    }
    /* Pass 2: one posting per (word, doc); the name is walked first, so a repeat in the body
     * finds the posting already flagged. */
    if (b->v->last_doc[id] != b->doc) {
        b->v->last_doc[id] = b->doc;
        b->post[b->cursor[b->sorted_pos[id]]++] = b->doc << 1 | (uint32_t)b->in_name;
    }
    return 0;
}

/* Comparators for glibc's qsort_r (the build is -D_GNU_SOURCE): the context is the table. */
static int cmp_words(const void *a, const void *b, void *ctx) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const struct vocab *v = ctx;
    size_t lx = v->len[x], ly = v->len[y];
    int c = memcmp(v->arena + v->off[x], v->arena + v->off[y], lx < ly ? lx : ly);
    return c ? c : (lx > ly) - (lx < ly);
}

static int cmp_name(const void *a, const void *b, void *ctx) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const struct ps_index *ix = ctx;
    int c = strcmp(ix->name[x], ix->name[y]);
    return c ? c : strcmp(ix->code[x], ix->code[y]);
}

static int cmp_code(const void *a, const void *b, void *ctx) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const struct ps_index *ix = ctx;
    return strcmp(ix->code[x], ix->code[y]);
}

static int build_ranks(struct ps_index *ix) {
    size_t n = ix->ndocs;
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    ix->name_rank = malloc((n ? n : 1) * sizeof *ix->name_rank);
    ix->code_rank = malloc((n ? n : 1) * sizeof *ix->code_rank);
    if (!order || !ix->name_rank || !ix->code_rank) {
        free(order);
        return -1;
    }
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t)i;
    qsort_r(order, n, sizeof *order, cmp_name, ix);
    for (size_t i = 0; i < n; i++) ix->name_rank[order[i]] = (uint32_t)i;
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t)i;
    qsort_r(order, n, sizeof *order, cmp_code, ix);
    for (size_t i = 0; i < n; i++) ix->code_rank[order[i]] = (uint32_t)i;
    free(order);
    return 0;
}

static int copy_docs(struct ps_index *ix, const struct ps_doc *docs, size_t n) {
    size_t m = n ? n : 1;
    ix->code = calloc(m, sizeof *ix->code);
    ix->name = calloc(m, sizeof *ix->name);
    ix->name_len = calloc(m, sizeof *ix->name_len);
    ix->field_id = calloc(m, sizeof *ix->field_id);
    ix->agency = calloc(m, sizeof *ix->agency);
    ix->levels = calloc(m, 1);
    ix->online = calloc(m, 1);
    ix->status = calloc(m, 1);
    ix->complete = calloc(m, 1);
    ix->approved = calloc(m, 1);
    if (!ix->code || !ix->name || !ix->name_len || !ix->field_id || !ix->agency || !ix->levels ||
        !ix->online || !ix->status || !ix->complete || !ix->approved)
        return -1;
    ix->ndocs = n;
    for (size_t i = 0; i < n; i++) {
        ix->code[i] = strdup(docs[i].code ? docs[i].code : "");
        ix->name[i] = strdup(docs[i].name_folded ? docs[i].name_folded : "");
        if (!ix->code[i] || !ix->name[i]) return -1;
        ix->name_len[i] = strlen(ix->name[i]);
        ix->field_id[i] = docs[i].field_id;
        ix->agency[i] = docs[i].agency_unit_id;
        ix->levels[i] = (unsigned char)docs[i].levels;
        ix->online[i] = docs[i].online;
        ix->status[i] = docs[i].status;
        ix->complete[i] = docs[i].complete;
        ix->approved[i] = docs[i].approved;
    }
    return 0;
}

struct ps_index *ps_build(const struct ps_doc *docs, size_t n) {
    if (n >= (1u << 30)) return NULL;
    struct ps_index *ix = calloc(1, sizeof *ix);
    struct vocab v = {0};
    uint32_t *order = NULL, *pos = NULL, *cursor = NULL;
    if (!ix || copy_docs(ix, docs, n) < 0) goto fail;
    /* Pass 1: the vocabulary and how many documents each word is in. */
    struct build b = {.v = &v};
    for (size_t i = 0; i < n; i++) {
        b.doc = (uint32_t)i;
        if (each_word(ix->name[i], add_word, &b) < 0 ||
            each_word(docs[i].body_words, add_word, &b) < 0)
            goto fail;
    }
    /* Sorted vocabulary, so a prefix is one contiguous range. */
    order = malloc((v.n ? v.n : 1) * sizeof *order);
    pos = malloc((v.n ? v.n : 1) * sizeof *pos);
    ix->start = malloc((v.n + 1) * sizeof *ix->start);
    ix->word_off = malloc((v.n ? v.n : 1) * sizeof *ix->word_off);
    ix->word_len = malloc(v.n ? v.n : 1);
    cursor = malloc((v.n ? v.n : 1) * sizeof *cursor);
    if (!order || !pos || !ix->start || !ix->word_off || !ix->word_len || !cursor) goto fail;
    for (size_t i = 0; i < v.n; i++) order[i] = (uint32_t)i;
    qsort_r(order, v.n, sizeof *order, cmp_words, &v);
    size_t total = 0;
    for (size_t s = 0; s < v.n; s++) {
        uint32_t id = order[s];
        pos[id] = (uint32_t)s;
        ix->start[s] = (uint32_t)total;
        cursor[s] = (uint32_t)total;
        ix->word_off[s] = v.off[id];
        ix->word_len[s] = v.len[id];
        total += v.count[id];
        if (total >= UINT32_MAX) goto fail;
    }
    ix->start[v.n] = (uint32_t)total;
    ix->post = malloc((total ? total : 1) * sizeof *ix->post);
    if (!ix->post) goto fail;
    /* Pass 2: postings, in document order within each word. */
    for (size_t i = 0; i < v.n; i++) v.last_doc[i] = UINT32_MAX;
    b.fill = 1;
    b.post = ix->post;
    b.cursor = cursor;
    b.sorted_pos = pos;
    for (size_t i = 0; i < n; i++) {
        b.doc = (uint32_t)i;
        b.in_name = 1;
        if (each_word(ix->name[i], add_word, &b) < 0) goto fail;
        b.in_name = 0;
        if (each_word(docs[i].body_words, add_word, &b) < 0) goto fail;
    }
    ix->arena = v.arena;
    v.arena = NULL;
    ix->nwords = v.n;
    if (build_ranks(ix) < 0) goto fail;
    free(order);
    free(pos);
    free(cursor);
    vocab_free(&v);
    return ix;
fail:
    free(order);
    free(pos);
    free(cursor);
    vocab_free(&v);
    ps_free(ix);
    return NULL;
}

/* ---- search ---- */

/* First vocabulary index whose word is >= w. */
static size_t lower_bound(const struct ps_index *ix, const char *w, size_t n) {
    size_t lo = 0, hi = ix->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t ml = ix->word_len[mid];
        int c = memcmp(ix->arena + ix->word_off[mid], w, ml < n ? ml : n);
        if (c < 0 || (c == 0 && ml < n))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int is_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return n > 0;
}

/* A query shaped like a code: "1.0011", "2.", "001193" (3 to 6 digits). Writes the trimmed
 * query to out; *digits_only tells the second form. */
static int code_query(const char *q, char *out, size_t cap, int *digits_only) {
    while (*q == ' ') q++;
    size_t n = strlen(q);
    while (n && q[n - 1] == ' ') n--;
    if (n == 0 || n >= cap) return 0;
    const char *dot = memchr(q, '.', n);
    if (dot) {
        size_t a = (size_t)(dot - q), b = n - a - 1;
        if (a < 1 || a > 2 || b > 6 || !is_digits(q, a) || (b && !is_digits(dot + 1, b))) return 0;
        *digits_only = 0;
    } else {
        if (n < 3 || n > 6 || !is_digits(q, n)) return 0;
        *digits_only = 1;
    }
    memcpy(out, q, n);
    out[n] = '\0';
    return 1;
}

static int code_matches(const char *code, const char *cq, int digits_only) {
    size_t n = strlen(cq);
    if (!digits_only) return strncmp(code, cq, n) == 0;
    const char *dot = strchr(code, '.');
    return dot && strncmp(dot + 1, cq, n) == 0;
}

static int passes(const struct ps_index *ix, size_t d, const struct ps_filter *f) {
    if (f->field_id && ix->field_id[d] != f->field_id) return 0;
    if (f->agency_unit_id && ix->agency[d] != f->agency_unit_id) return 0;
    if (f->level && !(ix->levels[d] & f->level)) return 0;
    if (f->online >= 0 && ix->online[d] != f->online) return 0;
    if (f->status_mask && !(f->status_mask & (1u << ix->status[d]))) return 0;
    if (f->complete >= 0 && ix->complete[d] != f->complete) return 0;
    if (f->approved >= 0 && ix->approved[d] != f->approved) return 0;
    return 1;
}

struct query {
    int code_mode, digits_only;
    char code[16];
    char folded[512];            /* tokens joined by single spaces */
    const char *tok[MAX_TOKENS]; /* distinct words */
    size_t toklen[MAX_TOKENS];
    int ntok;
    const char *phrase[MAX_TOKENS]; /* the words in the order typed */
    size_t phlen[MAX_TOKENS];
    int nphrase;
};

static void parse_query(const char *q, struct query *qq) {
    memset(qq, 0, sizeof *qq);
    if (!q) return;
    if (code_query(q, qq->code, sizeof qq->code, &qq->digits_only)) {
        qq->code_mode = 1;
        return;
    }
    char folded[512];
    vnfold(q, strlen(q), folded, sizeof folded);
    const char *tok[MAX_TOKENS];
    size_t len[MAX_TOKENS];
    int n = vnfold_tokens(folded, tok, len, MAX_TOKENS);
    int skip = 0;
    /* "thủ tục cấp giấy phép ..." / "TTHC ...": what people type before the name. */
    if (n > 2 && len[0] == 3 && memcmp(tok[0], "thu", 3) == 0 && len[1] == 3 &&
        memcmp(tok[1], "tuc", 3) == 0)
        skip = 2;
    else if (n > 1 && len[0] == 4 && memcmp(tok[0], "tthc", 4) == 0)
        skip = 1;
    size_t used = 0;
    for (int i = skip; i < n; i++) {
        if (len[i] > MAX_WORD) continue;
        int dup = 0;
        for (int k = 0; k < qq->ntok && !dup; k++)
            dup = qq->toklen[k] == len[i] && memcmp(qq->tok[k], tok[i], len[i]) == 0;
        if (used) qq->folded[used++] = ' ';
        memcpy(qq->folded + used, tok[i], len[i]);
        qq->phrase[qq->nphrase] = qq->folded + used;
        qq->phlen[qq->nphrase++] = len[i];
        if (!dup) {
            qq->tok[qq->ntok] = qq->folded + used;
            qq->toklen[qq->ntok++] = len[i];
        }
        used += len[i];
        qq->folded[used] = '\0';
    }
}

struct cand {
    uint32_t doc;
    unsigned char tier, match;
    int score;
    size_t len;
    uint32_t rank;
};

static int cmp_cand(const void *a, const void *b) {
    const struct cand *x = a, *y = b;
    if (x->tier != y->tier) return x->tier < y->tier ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Where the query's words follow one another in the name, each as a prefix of a name word
 * ("chung thu ban sa" in "... chung thuc ban sao ..."): 2 at the start of the name (after "thu
 * tuc ", which many provinces write before every name), 1 elsewhere, 0 when they do not. */
static int phrase_in(const char *name, const struct query *qq) {
    const char *first = strncmp(name, "thu tuc ", 8) == 0 ? name + 8 : name;
    /* One word, known to begin some word of the name: only its place matters. */
    if (qq->nphrase == 1)
        return strncmp(name, qq->phrase[0], qq->phlen[0]) == 0 ||
                       strncmp(first, qq->phrase[0], qq->phlen[0]) == 0
                   ? 2
                   : 1;
    for (const char *p = name; *p;) {
        const char *w = p;
        int k = 0;
        while (k < qq->nphrase && strncmp(w, qq->phrase[k], qq->phlen[k]) == 0) {
            const char *sp = strchr(w + qq->phlen[k], ' ');
            k++;
            if (!sp) break;
            w = sp + 1;
        }
        if (k == qq->nphrase) return p == name || p == first ? 2 : 1;
        const char *sp = strchr(p, ' ');
        if (!sp) break;
        p = sp + 1;
    }
    return 0;
}

/* Matches of q and f into *out (malloc'd, unsorted); returns the count or -1 on OOM. */
static long collect(const struct ps_index *ix, const struct query *qq, const struct ps_filter *f,
                    struct cand **out) {
    size_t nd = ix->ndocs, nw = (nd + 63) / 64;
    struct cand *c = malloc((nd ? nd : 1) * sizeof *c);
    if (!c) return -1;
    long m = 0;
    if (qq->code_mode) {
        for (size_t d = 0; d < nd; d++)
            if (code_matches(ix->code[d], qq->code, qq->digits_only) && passes(ix, d, f))
                c[m++] = (struct cand){(uint32_t)d, 0, PS_MATCH_CODE, 0, 0, ix->code_rank[d]};
        *out = c;
        return m;
    }
    if (qq->ntok == 0) {
        for (size_t d = 0; d < nd; d++)
            if (passes(ix, d, f))
                c[m++] = (struct cand){(uint32_t)d, 0, PS_MATCH_NONE, 0, 0, ix->name_rank[d]};
        *out = c;
        return m;
    }
    /* Per word: the documents it is in (any), in the name, and as a whole word in the name. */
    int nt = qq->ntok;
    uint64_t *bits = calloc((size_t)nt * 3 * (nw ? nw : 1), sizeof *bits);
    if (!bits) {
        free(c);
        return -1;
    }
    for (int t = 0; t < nt; t++) {
        uint64_t *any = bits + (size_t)t * 3 * nw, *name = any + nw, *exact = name + nw;
        for (size_t w = lower_bound(ix, qq->tok[t], qq->toklen[t]);
             w < ix->nwords && ix->word_len[w] >= qq->toklen[t] &&
             memcmp(ix->arena + ix->word_off[w], qq->tok[t], qq->toklen[t]) == 0;
             w++) {
            int whole = ix->word_len[w] == qq->toklen[t];
            for (uint32_t p = ix->start[w]; p < ix->start[w + 1]; p++) {
                uint32_t d = ix->post[p] >> 1;
                uint64_t bit = 1ULL << (d & 63);
                any[d >> 6] |= bit;
                if (ix->post[p] & 1) {
                    name[d >> 6] |= bit;
                    if (whole) exact[d >> 6] |= bit;
                }
            }
        }
    }
    for (size_t k = 0; k < nw; k++) {
        uint64_t all = ~0ULL, inname = ~0ULL;
        for (int t = 0; t < nt; t++) {
            all &= bits[(size_t)t * 3 * nw + k];
            inname &= bits[(size_t)t * 3 * nw + nw + k];
        }
        while (all) {
            int b = __builtin_ctzll(all);
            all &= all - 1;
            size_t d = k * 64 + (size_t)b;
            if (!passes(ix, d, f)) continue;
            struct cand x = {(uint32_t)d, 0, PS_MATCH_NAME, 0, ix->name_len[d], ix->name_rank[d]};
            int words_in_name = 0, whole = 0;
            for (int t = 0; t < nt; t++) {
                words_in_name += (bits[(size_t)t * 3 * nw + nw + k] >> b) & 1;
                whole += (bits[(size_t)t * 3 * nw + 2 * nw + k] >> b) & 1;
            }
            if ((inname >> b) & 1) {
                int ph = phrase_in(ix->name[d], qq);
                x.score = ph * 100 + whole;
            } else {
                x.tier = 1;
                x.match = PS_MATCH_BODY;
                x.score = words_in_name;
                x.len = 0;
            }
            c[m++] = x;
        }
    }
    free(bits);
    *out = c;
    return m;
}

/* Moves the k first candidates in cmp_cand order to c[0..k) (unordered), with a max-heap of
 * the best k seen so far: O(n log k) instead of sorting everything for one page. */
static void sift_down(struct cand *h, size_t n, size_t i) {
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, big = i;
        if (l < n && cmp_cand(&h[l], &h[big]) > 0) big = l;
        if (r < n && cmp_cand(&h[r], &h[big]) > 0) big = r;
        if (big == i) return;
        struct cand t = h[i];
        h[i] = h[big];
        h[big] = t;
        i = big;
    }
}

static void select_first(struct cand *c, size_t n, size_t k) {
    if (k == 0) return;
    for (size_t i = k / 2; i-- > 0;) sift_down(c, k, i);
    for (size_t i = k; i < n; i++)
        if (cmp_cand(&c[i], &c[0]) < 0) {
            c[0] = c[i];
            sift_down(c, k, 0);
        }
}

/* The documents q and f (NULL: any) select, as search and facets both start: parses q into qq
 * and collects the candidates into *c (free it). Their count, or -1 out of memory. */
static long candidates(const struct ps_index *ix, const char *q, const struct ps_filter *f,
                       struct query *qq, struct cand **c) {
    struct ps_filter any = ps_filter_any();
    parse_query(q, qq);
    return collect(ix, qq, f ? f : &any, c);
}

long ps_search(const struct ps_index *ix, const char *q, const struct ps_filter *f,
               enum ps_order order, size_t offset, size_t limit, struct ps_hit *out, size_t *nout) {
    *nout = 0;
    if (!ix) return 0;
    struct query qq;
    struct cand *c;
    long m = candidates(ix, q, f, &qq, &c);
    if (m < 0) return -1;
    if (order != PS_ORDER_RANK || (!qq.code_mode && qq.ntok == 0))
        for (long i = 0; i < m; i++) {
            c[i].tier = 0;
            c[i].score = 0;
            c[i].len = 0;
            c[i].rank = order == PS_ORDER_CODE ? ix->code_rank[c[i].doc] : ix->name_rank[c[i].doc];
        }
    size_t k = offset + limit;
    if (k < (size_t)m / 4) {
        /* Only the first k in order are needed: keep them in a heap, then sort those. */
        select_first(c, (size_t)m, k);
        qsort(c, k, sizeof *c, cmp_cand);
    } else {
        qsort(c, (size_t)m, sizeof *c, cmp_cand);
    }
    for (size_t i = offset; i < (size_t)m && *nout < limit; i++) {
        out[*nout].doc = c[i].doc;
        out[*nout].match = (enum ps_match)c[i].match;
        (*nout)++;
    }
    free(c);
    return m;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int ps_facets(const struct ps_index *ix, const char *q, const struct ps_filter *f,
              struct ps_facets *out) {
    memset(out, 0, sizeof *out);
    if (!ix) return 0;
    struct query qq;
    struct cand *c;
    long m = candidates(ix, q, f, &qq, &c);
    if (m < 0) return -1;
    long long *ids = malloc(((size_t)m ? (size_t)m : 1) * sizeof *ids);
    if (!ids) {
        free(c);
        return -1;
    }
    for (long i = 0; i < m; i++) {
        size_t d = c[i].doc;
        for (int l = 0; l < 3; l++)
            if (ix->levels[d] & (1u << l)) out->level[l]++;
        if (ix->online[d] < 3) out->online[ix->online[d]]++;
        ids[i] = ix->field_id[d];
    }
    out->total = (size_t)m;
    free(c);
    qsort(ids, (size_t)m, sizeof *ids, cmp_ll);
    size_t nf = 0;
    for (long i = 0; i < m; i++)
        if (i == 0 || ids[i] != ids[i - 1]) nf++;
    out->field_ids = malloc((nf ? nf : 1) * sizeof *out->field_ids);
    out->field_counts = calloc(nf ? nf : 1, sizeof *out->field_counts);
    if (!out->field_ids || !out->field_counts) {
        free(ids);
        ps_facets_free(out);
        return -1;
    }
    for (long i = 0; i < m; i++) {
        if (i == 0 || ids[i] != ids[i - 1]) out->field_ids[out->nfields++] = ids[i];
        out->field_counts[out->nfields - 1]++;
    }
    free(ids);
    return 0;
}

void ps_facets_free(struct ps_facets *fc) {
    free(fc->field_ids);
    free(fc->field_counts);
    fc->field_ids = NULL;
    fc->field_counts = NULL;
    fc->nfields = 0;
}
