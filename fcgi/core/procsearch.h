/* procsearch: an in-memory inverted index of the procedure catalogue and its ranked search. */
#ifndef KSTT_CORE_PROCSEARCH_H
#define KSTT_CORE_PROCSEARCH_H

#include <stddef.h>

enum { PS_ONLINE_NONE, PS_ONLINE_PARTIAL, PS_ONLINE_FULL };
enum { PS_STATUS_IN_FORCE, PS_STATUS_AMENDED, PS_STATUS_ABOLISHED };

/* One procedure as the index sees it. Strings are copied by ps_build where kept. */
struct ps_doc {
    const char *code;        /* "1.001193" */
    const char *name_folded; /* vnfold(name) */
    const char *body_words;  /* folded words of the other components, space-separated */
    long long field_id, agency_unit_id;
    unsigned levels; /* PROC_LEVEL_* bits */
    unsigned char online, status, complete, approved;
};

struct ps_index;

/* Builds the index of docs[0..n) (doc i is hit.doc == i). NULL on OOM. */
struct ps_index *ps_build(const struct ps_doc *docs, size_t n);
void ps_free(struct ps_index *ix);
size_t ps_ndocs(const struct ps_index *ix);
size_t ps_nwords(const struct ps_index *ix);

struct ps_filter {
    long long field_id;       /* 0 = any */
    long long agency_unit_id; /* 0 = any */
    unsigned level;           /* 0 = any, else the PROC_LEVEL_* bit a doc must have */
    int online;               /* -1 = any, else PS_ONLINE_* */
    unsigned status_mask;     /* 0 = any, else the allowed (1u << PS_STATUS_*) */
    int complete, approved;   /* -1 = any, else 0 or 1 */
};
/* A filter that lets everything through. */
struct ps_filter ps_filter_any(void);

enum ps_match { PS_MATCH_NONE, PS_MATCH_CODE, PS_MATCH_NAME, PS_MATCH_BODY };
enum ps_order { PS_ORDER_RANK, PS_ORDER_NAME, PS_ORDER_CODE };

struct ps_hit {
    size_t doc;
    enum ps_match match; /* NONE when there was no query */
};

/*
 * Searches q (raw text, folded here: accents, đ, case and punctuation do not matter; words in
 * any order; every word also matches as a prefix, "chung thu" finds "chứng thực"). All words
 * must occur in the name or the other components. A query shaped like a code ("1.0011",
 * "001193") searches codes by prefix instead. A leading "thủ tục"/"TTHC" is ignored.
 * Order (PS_ORDER_RANK): code matches; then procedures whose name holds every word, the name
 * starting with the query first, then holding it as a phrase, then more whole-word matches,
 * shorter names first; then the rest by how many words their name holds; ties by name. With
 * no query, or with PS_ORDER_NAME / PS_ORDER_CODE, by name or code.
 * Writes the hits [offset, offset + limit) to out (*nout of them) and returns the total number
 * of matches, or -1 on OOM.
 */
long ps_search(const struct ps_index *ix, const char *q, const struct ps_filter *f,
               enum ps_order order, size_t offset, size_t limit, struct ps_hit *out, size_t *nout);

/* Counts of the matches of q and f by level, online level and field. */
struct ps_facets {
    size_t total;
    size_t level[3];  /* province, district, commune */
    size_t online[3]; /* PS_ONLINE_* */
    size_t nfields;
    long long *field_ids; /* ascending; malloc'd */
    size_t *field_counts;
};
int ps_facets(const struct ps_index *ix, const char *q, const struct ps_filter *f,
              struct ps_facets *out);
void ps_facets_free(struct ps_facets *fc);

#endif
