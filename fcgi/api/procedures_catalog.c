/* The procedure catalogue's read model: every api process keeps the catalogue's search index
 * (core/procsearch) and its list items in memory, and rebuilds them when procedure_catalog's
 * version (bumped by every write) or epoch (a different database) changes. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/procedures_internal.h"
#include "core/procedure.h"
#include "lib/log.h"

struct catalog {
    atomic_int refs;
    long long version;
    char epoch[40];
    struct ps_index *ix;
    size_t n;
    char **items; /* JSON object text without its closing brace */
    size_t nfields;
    long long *field_ids;
    char **field_names;
    struct ps_facets facets; /* of the procedures in force, for the portal's counts */
    /* Recent searches (first CATALOG_CACHE_HITS hits each), least recently used replaced:
     * instant search repeats the same short prefixes, whose ranking touches every procedure. */
    pthread_mutex_t qc_mu;
    struct qc_entry {
        char *key;
        long total;
        size_t n;
        struct ps_hit *hits;
        unsigned long used;
    } qc[64];
    unsigned long qc_tick;
};

static pthread_mutex_t cur_mu = PTHREAD_MUTEX_INITIALIZER;   /* guards cur */
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER; /* one rebuild at a time */
static struct catalog *cur;

static void catalog_free(struct catalog *c) {
    if (!c) return;
    ps_free(c->ix);
    for (size_t i = 0; i < c->n && c->items; i++) free(c->items[i]);
    free(c->items);
    for (size_t i = 0; i < c->nfields && c->field_names; i++) free(c->field_names[i]);
    free(c->field_names);
    free(c->field_ids);
    ps_facets_free(&c->facets);
    for (size_t i = 0; i < sizeof c->qc / sizeof c->qc[0]; i++) {
        free(c->qc[i].key);
        free(c->qc[i].hits);
    }
    pthread_mutex_destroy(&c->qc_mu);
    free(c);
}

int catalog_cache_get(struct catalog *c, const char *key, size_t offset, size_t limit,
                      struct ps_hit *out, size_t *nout, long *total) {
    int found = 0;
    pthread_mutex_lock(&c->qc_mu);
    for (size_t i = 0; i < sizeof c->qc / sizeof c->qc[0] && !found; i++) {
        struct qc_entry *e = &c->qc[i];
        if (!e->key || strcmp(e->key, key) != 0) continue;
        /* Usable when it holds the page, or holds every hit there is. */
        if (offset + limit > e->n && e->n < (size_t)e->total) break;
        *nout = 0;
        for (size_t k = offset; k < e->n && *nout < limit; k++) out[(*nout)++] = e->hits[k];
        *total = e->total;
        e->used = ++c->qc_tick;
        found = 1;
    }
    pthread_mutex_unlock(&c->qc_mu);
    return found;
}

void catalog_cache_put(struct catalog *c, const char *key, long total, const struct ps_hit *hits,
                       size_t n) {
    char *k = strdup(key);
    struct ps_hit *h = malloc((n ? n : 1) * sizeof *h);
    if (!k || !h) {
        free(k);
        free(h);
        return;
    }
    if (n) memcpy(h, hits, n * sizeof *h);
    pthread_mutex_lock(&c->qc_mu);
    struct qc_entry *victim = &c->qc[0];
    for (size_t i = 0; i < sizeof c->qc / sizeof c->qc[0]; i++) {
        if (c->qc[i].key && strcmp(c->qc[i].key, key) == 0) {
            victim = &c->qc[i];
            break;
        }
        if (c->qc[i].used < victim->used) victim = &c->qc[i];
    }
    free(victim->key);
    free(victim->hits);
    *victim = (struct qc_entry){k, total, n, h, ++c->qc_tick};
    pthread_mutex_unlock(&c->qc_mu);
}

void catalog_put(struct catalog *c) {
    if (c && atomic_fetch_sub(&c->refs, 1) == 1) catalog_free(c);
}

const struct ps_index *catalog_index(const struct catalog *c) {
    return c->ix;
}

const char *catalog_item(const struct catalog *c, size_t i) {
    return i < c->n ? c->items[i] : "{";
}

const struct ps_facets *catalog_public_facets(const struct catalog *c) {
    return &c->facets;
}

const char *catalog_field_name(const struct catalog *c, long long id) {
    for (size_t i = 0; i < c->nfields; i++)
        if (c->field_ids[i] == id) return c->field_names[i];
    return NULL;
}

/* The current catalogue with a reference taken, when it is the one the database has. */
static struct catalog *take_current(long long version, const char *epoch) {
    struct catalog *c = NULL;
    pthread_mutex_lock(&cur_mu);
    if (cur && cur->version == version && strcmp(cur->epoch, epoch) == 0) {
        c = cur;
        atomic_fetch_add(&c->refs, 1);
    }
    pthread_mutex_unlock(&cur_mu);
    return c;
}

#define ITEM_COLS                                                                                  \
    "p.id, p.code, p.name, p.field_id, f.name AS field_name, CONCAT('[', CONCAT_WS(',', "          \
    "IF(p.level_province, '\"province\"', NULL), IF(p.level_district, '\"district\"', NULL), "     \
    "IF(p.level_commune, '\"commune\"', NULL)), ']') AS levels__json, p.agency_unit_id, "          \
    "p.agency, p.online_level, p.postal, p.boundary_free, p.four_on_spot, p.time_limit_value, "    \
    "p.time_limit_unit, p.fee_amount, p.status, p.replaced_by, p.complete, "                       \
    "p.internal_process_approved"

static int load_fields(db_t *db, struct catalog *c) {
    struct db_res *res = db_query(db, "SELECT id, name FROM procedure_fields ORDER BY id", NULL);
    if (!res) return -1;
    c->field_ids = calloc(res->nrows ? res->nrows : 1, sizeof *c->field_ids);
    c->field_names = calloc(res->nrows ? res->nrows : 1, sizeof *c->field_names);
    int rc = c->field_ids && c->field_names ? 0 : -1;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        c->field_ids[i] = db_int(res, i, 0);
        if (!(c->field_names[i] = strdup(db_val(res, i, 1)))) rc = -1;
        c->nfields = i + 1;
    }
    db_res_free(res);
    return rc;
}

static unsigned char code_of(const char *s, const char *const *names, unsigned char dflt) {
    for (unsigned char i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return dflt;
}

static struct catalog *build(db_t *db, long long version, const char *epoch) {
    struct catalog *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    pthread_mutex_init(&c->qc_mu, NULL);
    c->version = version;
    snprintf(c->epoch, sizeof c->epoch, "%s", epoch);
    if (load_fields(db, c) < 0) {
        catalog_free(c);
        return NULL;
    }
    struct db_res *res = db_query(db,
                                  "SELECT " ITEM_COLS ", p.name_folded, p.search_words, "
                                  "p.level_province, p.level_district, p.level_commune FROM "
                                  "procedures p JOIN procedure_fields f ON f.id = p.field_id "
                                  "ORDER BY p.id",
                                  NULL);
    if (!res) {
        catalog_free(c);
        return NULL;
    }
    size_t n = res->nrows;
    struct ps_doc *docs = calloc(n ? n : 1, sizeof *docs);
    c->items = calloc(n ? n : 1, sizeof *c->items);
    int ok = docs && c->items;
    static const char *const online[] = {"none", "partial", "full", NULL};
    static const char *const status[] = {"in_force", "amended", "abolished", NULL};
    int nc = res->ncols;
    for (size_t i = 0; ok && i < n; i++) {
        /* The item: every column but the search columns (the last five). */
        json_t *item = json_object();
        json_t *row = db_row_json(res, i);
        const char *k;
        json_t *v;
        json_object_foreach(row, k, v) {
            if (strcmp(k, "name_folded") && strcmp(k, "search_words") && strncmp(k, "level_", 6))
                json_object_set(item, k, v);
        }
        json_decref(row);
        char *text = json_dumps(item, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(item);
        if (!text || strlen(text) < 2) {
            free(text);
            ok = 0;
            break;
        }
        text[strlen(text) - 1] = '\0'; /* the caller appends "match" and the brace */
        c->items[i] = text;
        c->n = i + 1;
        docs[i].code = db_val(res, i, 1);
        docs[i].field_id = db_int(res, i, 3);
        docs[i].agency_unit_id = db_int(res, i, 6);
        docs[i].online = code_of(db_val(res, i, 8), online, PS_ONLINE_NONE);
        docs[i].status = code_of(db_val(res, i, 15), status, PS_STATUS_IN_FORCE);
        docs[i].complete = (unsigned char)db_int(res, i, 17);
        docs[i].approved = (unsigned char)db_int(res, i, 18);
        docs[i].name_folded = db_val(res, i, nc - 5);
        docs[i].body_words = db_val(res, i, nc - 4);
        docs[i].levels = (db_int(res, i, nc - 3) ? PROC_LEVEL_PROVINCE : 0) |
                         (db_int(res, i, nc - 2) ? PROC_LEVEL_DISTRICT : 0) |
                         (db_int(res, i, nc - 1) ? PROC_LEVEL_COMMUNE : 0);
    }
    if (ok) ok = (c->ix = ps_build(docs, n)) != NULL;
    if (ok) {
        /* The portal shows these counts on every visit: computed once per version. */
        struct ps_filter f = ps_filter_any();
        f.status_mask = 1u << PS_STATUS_IN_FORCE | 1u << PS_STATUS_AMENDED;
        ok = ps_facets(c->ix, NULL, &f, &c->facets) == 0;
    }
    free(docs);
    db_res_free(res);
    if (!ok) {
        catalog_free(c);
        return NULL;
    }
    return c;
}

struct catalog *catalog_get(db_t *db) {
    struct db_res *res =
        db_query(db, "SELECT version, epoch FROM procedure_catalog WHERE id = 1", NULL);
    if (!res || res->nrows != 1) {
        db_res_free(res);
        return NULL;
    }
    long long version = db_int(res, 0, 0);
    char epoch[40];
    snprintf(epoch, sizeof epoch, "%s", db_val(res, 0, 1) ? db_val(res, 0, 1) : "");
    db_res_free(res);
    struct catalog *c = take_current(version, epoch);
    if (c) return c;
    /* The version is read before the rows: a write committed in between makes the index newer
     * than its label, which only costs one more rebuild on the next request. */
    pthread_mutex_lock(&build_mu);
    c = take_current(version, epoch);
    if (!c && (c = build(db, version, epoch))) {
        atomic_store(&c->refs, 2); /* ours and cur's */
        pthread_mutex_lock(&cur_mu);
        struct catalog *old = cur;
        cur = c;
        pthread_mutex_unlock(&cur_mu);
        catalog_put(old);
        log_msg("info", NULL, "procedure catalogue loaded: %zu procedures, %zu words, version %lld",
                c->n, ps_nwords(c->ix), version);
    }
    pthread_mutex_unlock(&build_mu);
    return c;
}
