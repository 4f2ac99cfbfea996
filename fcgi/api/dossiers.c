/* /api/v1/dossiers/bulk: upsert dossiers by code (JSON array, NDJSON or CSV) with their roll-ups.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/kpi.h"
#include "api/units.h"
#include "core/dossier.h"
#include "core/kpi766.h"
#include "core/period.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/log.h"
#include "lib/utf8.h"

/* Rows per transaction: the roll-up deltas of a batch are summed per (unit, day) before they
 * are written, so a large batch touches each roll-up row once instead of once per dossier. */
#define CHUNK 25000
/* Rows per statement: one statement's rows (about 200 bytes each, bound as arrays or as the JSON
 * of a lookup) stay far below the server's max_allowed_packet. */
#define SLICE 5000
/* Rejected rows listed in the answer; rejected_total counts them all. */
#define MAX_REJECTED_LISTED 10000
#define MAX_CSV_CELLS       64
#define MAX_CSV_RECORD      65536

/* --- unit codes -> ids, and which of them this principal may feed --- */

struct unit_ent {
    char *code;
    long long id;
    int allowed;
};

struct unit_map {
    struct unit_ent *slots;
    size_t cap;
};

static void umap_free(struct unit_map *m) {
    for (size_t i = 0; i < m->cap; i++) free(m->slots[i].code);
    free(m->slots);
    m->slots = NULL;
}

static struct unit_ent *umap_find(struct unit_map *m, const char *code, int create) {
    size_t i = hash_fnv1a_str(code) & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        struct unit_ent *e = &m->slots[i];
        if (!e->code) {
            if (!create) return NULL;
            e->code = strdup(code);
            return e->code ? e : NULL;
        }
        if (strcmp(e->code, code) == 0) return e;
    }
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* root 0: every unit may be fed; otherwise the subtree of root (ids also kept sorted in
 * *allowed, to check the unit of an earlier version). */
static int umap_load(db_t *db, struct unit_map *m, long long root, long long **allowed,
                     size_t *nallowed) {
    struct db_res *res = db_query(db,
                                  "SELECT u.id, u.code, (? = 0 OR EXISTS (SELECT 1 FROM "
                                  "unit_closure c WHERE c.ancestor_id = ? AND "
                                  "c.descendant_id = u.id)) FROM units u",
                                  "ii", root, root);
    if (!res) return -1;
    m->cap = 64;
    while (m->cap < res->nrows * 2 + 2) m->cap *= 2;
    m->slots = calloc(m->cap, sizeof *m->slots);
    *allowed = malloc((res->nrows + 1) * sizeof **allowed);
    *nallowed = 0;
    int rc = m->slots && *allowed ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < res->nrows; i++) {
        struct unit_ent *e = umap_find(m, db_val(res, i, 1), 1);
        if (!e)
            rc = -1;
        else {
            e->id = db_int(res, i, 0);
            e->allowed = (int)db_int(res, i, 2);
            if (e->allowed) (*allowed)[(*nallowed)++] = e->id;
        }
    }
    if (rc == 0) qsort(*allowed, *nallowed, sizeof **allowed, cmp_ll);
    db_res_free(res);
    return rc;
}

/* --- roll-up deltas aggregated per (unit, field, day) before they are written --- */

struct agg_ent {
    long long unit;
    long long field; /* the procedure field (field roll-ups); 0 in kpi_daily/kpi_monthly */
    long day;        /* KPI_NO_DAY: empty slot */
    int v[KC_NCOLS];
};

struct agg {
    struct agg_ent *slots;
    size_t cap, used;
};

static int agg_init(struct agg *a, size_t cap) {
    a->cap = cap;
    a->used = 0;
    /* calloc, though every slot's day is set below: the analyzer cannot follow that loop to the
     * probed slot once take() is an entry point (dossier_ingest_take), and took it as garbage. */
    a->slots = calloc(cap, sizeof *a->slots);
    if (!a->slots) return -1;
    for (size_t i = 0; i < cap; i++) a->slots[i].day = KPI_NO_DAY;
    return 0;
}

static void agg_clear(struct agg *a) {
    for (size_t i = 0; i < a->cap; i++) a->slots[i].day = KPI_NO_DAY;
    a->used = 0;
}

static int agg_add(struct agg *a, long long unit, long long field, long day, int col, int v);

static int agg_grow(struct agg *a) {
    struct agg old = *a;
    if (agg_init(a, old.cap * 2) < 0) {
        *a = old;
        return -1;
    }
    for (size_t i = 0; i < old.cap; i++) {
        struct agg_ent *e = &old.slots[i];
        if (e->day == KPI_NO_DAY) continue;
        for (int c = 0; c < KC_NCOLS; c++)
            if (e->v[c]) agg_add(a, e->unit, e->field, e->day, c, e->v[c]);
        if (agg_add(a, e->unit, e->field, e->day, 0, 0) < 0) break; /* keep all-zero keys too */
    }
    free(old.slots);
    return 0;
}

static int agg_add(struct agg *a, long long unit, long long field, long day, int col, int v) {
    if ((a->used + 1) * 2 > a->cap && agg_grow(a) < 0) return -1;
    uint64_t h = ((uint64_t)unit * 0x9E3779B97F4A7C15ULL) ^
                 ((uint64_t)(day + 1000000) * 0xC2B2AE3D27D4EB4FULL) ^
                 ((uint64_t)field * 0x165667B19E3779F9ULL);
    size_t i = (size_t)(h >> 20) & (a->cap - 1);
    for (;; i = (i + 1) & (a->cap - 1)) {
        struct agg_ent *e = &a->slots[i];
        if (e->day == KPI_NO_DAY) {
            e->unit = unit;
            e->field = field;
            e->day = day;
            memset(e->v, 0, sizeof e->v);
            a->used++;
        } else if (e->unit != unit || e->day != day || e->field != field) {
            continue;
        }
        e->v[col] += v;
        return 0;
    }
}

static int cmp_agg(const void *x, const void *y) {
    const struct agg_ent *a = x, *b = y;
    if (a->unit != b->unit) return a->unit < b->unit ? -1 : 1;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return a->field < b->field ? -1 : a->field > b->field;
}

/* --- one ingest: rows are collected into a chunk, then written in one transaction --- */

struct row {
    struct dossier d;
    long long unit_id;
    long long field_id; /* its procedure's field, 0 when not in the catalogue */
    long index, line;
    /* the earlier version found in the database */
    int had_old;
    long long old_id, old_unit, old_field;
    struct kpi_facts old;
};

struct ingest {
    db_t *db;
    long long root;     /* 0: may feed every unit */
    long long *allowed; /* sorted ids of the units that may be fed, when root */
    size_t nallowed;
    req_t *r; /* NULL for demo data: no audit */
    struct unit_map units;
    struct row *rows;
    size_t n;
    uint32_t *code_slots; /* 1 + index into rows, open addressing; 0 empty */
    size_t code_cap;
    /* the roll-ups in the order of rollup_tables[] */
    struct agg rollup[4];
    struct buf sql_json;
    struct dossier_cols *cols; /* a slice's parameters (write_dossiers) */
    long long inserted, updated, rejected_total;
    json_t *rejected;
    /* per-row errors while validating */
    json_t *cur_errors;
    int failed; /* a database error: the answer is 500 */
};

static void collect_err(void *ctx, const char *field, const char *message) {
    struct ingest *g = ctx;
    if (!g->cur_errors) g->cur_errors = json_array();
    json_array_append_new(g->cur_errors,
                          json_pack("{s:s, s:s}", "field", field, "message", message));
}

static void reject(struct ingest *g, long index, long line, const char *code) {
    g->rejected_total++;
    if (json_array_size(g->rejected) < MAX_REJECTED_LISTED) {
        json_t *e = json_pack("{s:I, s:s?, s:o}", "index", (json_int_t)index, "code",
                              code && *code ? code : NULL, "errors",
                              g->cur_errors ? g->cur_errors : json_array());
        if (line > 0) json_object_set_new(e, "line", json_integer(line));
        json_array_append_new(g->rejected, e);
        g->cur_errors = NULL;
    }
    json_decref(g->cur_errors);
    g->cur_errors = NULL;
}

static void facts_of(const struct dossier *d, struct kpi_facts *f) {
    f->received_day = dossier_day(d->received);
    f->due_day = d->due != DOSSIER_NO_TIME ? dossier_day(d->due) : f->received_day;
    f->finished_day = d->finished != DOSSIER_NO_TIME ? dossier_day(d->finished) : KPI_NO_DAY;
    f->channel = d->channel;
    f->supplement_count = d->supplement_count;
    f->fee_positive = d->fee > 0;
    f->paid_online = d->paid_online;
    f->digitized = d->digitized;
    f->result_electronic = d->result_electronic;
    f->rating = d->rating;
    f->apology_issued = d->apology_issued;
    f->reused_data = d->reused_data;
    f->internal_transfer = d->internal_transfer;
}

static const char *const CH_NAMES[] = {NULL, "direct", "online", "postal"};
static const char *const RT_NAMES[] = {NULL, "satisfied", "normal", "unsatisfied"};

static int name_index(const char *const *names, int n, const char *v) {
    for (int i = 1; v && i < n; i++)
        if (strcmp(names[i], v) == 0) return i;
    return 0;
}

static void json_str_or_null(struct buf *b, const char *s) {
    if (!s || !*s) {
        buf_puts(b, "null");
        return;
    }
    buf_puts(b, "\"");
    buf_json_escape(b, s);
    buf_puts(b, "\"");
}

static int cmp_rows(const void *x, const void *y) {
    return strcmp(((const struct row *)x)->d.code, ((const struct row *)y)->d.code);
}

/* The columns a dossier's roll-up facts are read from (facts_read), in this order. */
#define FACT_COLS                                                                                  \
    "TO_DAYS(d.received_at) - 719528, TO_DAYS(COALESCE(d.due_at, d.received_at)) - 719528, "       \
    "TO_DAYS(d.finished_at) - 719528, d.channel, d.supplement_count, d.fee > 0, d.paid_online, "   \
    "d.digitized, d.result_electronic, d.rating, d.apology_issued, d.reused_data, "                \
    "d.internal_transfer"

/* Fills f from FACT_COLS starting at column c of row i. */
static void facts_read(const struct db_res *res, size_t i, int c, struct kpi_facts *f) {
    memset(f, 0, sizeof *f);
    f->received_day = (long)db_int(res, i, c);
    f->due_day = (long)db_int(res, i, c + 1);
    f->finished_day = db_val(res, i, c + 2) ? (long)db_int(res, i, c + 2) : KPI_NO_DAY;
    f->channel = name_index(CH_NAMES, 4, db_val(res, i, c + 3));
    f->supplement_count = (int)db_int(res, i, c + 4);
    f->fee_positive = (int)db_int(res, i, c + 5);
    f->paid_online = (int)db_int(res, i, c + 6);
    f->digitized = (int)db_int(res, i, c + 7);
    f->result_electronic = (int)db_int(res, i, c + 8);
    f->rating = name_index(RT_NAMES, 4, db_val(res, i, c + 9));
    f->apology_issued = (int)db_int(res, i, c + 10);
    f->reused_data = (int)db_int(res, i, c + 11);
    f->internal_transfer = (int)db_int(res, i, c + 12);
}

/* The codes of rows [lo, hi) as a JSON array in g->sql_json (NULL when out of memory). */
static struct buf *codes_json(struct ingest *g, size_t lo, size_t hi) {
    struct buf *b = &g->sql_json;
    buf_reset(b);
    buf_puts(b, "[");
    for (size_t i = lo; i < hi; i++) {
        if (i > lo) buf_puts(b, ",");
        json_str_or_null(b, g->rows[i].d.code);
    }
    buf_puts(b, "]");
    return b->oom ? NULL : b;
}

/* Reads the earlier versions of rows [lo, hi) of the chunk, locking them until commit. */
static int load_old(struct ingest *g, size_t lo, size_t hi) {
    struct buf *b = codes_json(g, lo, hi);
    if (!b) return -1;
    struct db_res *res = db_query(
        g->db,
        "SELECT STRAIGHT_JOIN d.code, d.unit_id, d.field_id, d.id, " FACT_COLS
        " FROM JSON_TABLE(?, '$[*]' "
        "COLUMNS (c "
        "VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j JOIN dossiers d ON "
        "d.code = j.c FOR UPDATE",
        "s", buf_cstr(b));
    if (!res) return -1;
    /* Both lists are sorted by code (binary collation, strcmp order): merge them. */
    size_t k = lo;
    for (size_t i = 0; i < res->nrows; i++) {
        const char *code = db_val(res, i, 0);
        while (k < hi && strcmp(g->rows[k].d.code, code) < 0) k++;
        if (k >= hi || strcmp(g->rows[k].d.code, code) != 0) {
            /* not expected (the server returned another order): look it up */
            for (k = lo; k < hi && strcmp(g->rows[k].d.code, code) != 0; k++) {
            }
            if (k >= hi) continue;
        }
        struct row *w = &g->rows[k];
        struct kpi_facts *f = &w->old;
        w->had_old = 1;
        w->old_unit = db_int(res, i, 1);
        w->old_field = db_int(res, i, 2);
        w->old_id = db_int(res, i, 3);
        facts_read(res, i, 4, f);
    }
    db_res_free(res);
    return 0;
}

/*
 * An apology recorded in KSTT (api/late_records.c) stays issued whatever the one-stop system
 * sends later (decision 198): rows [lo, hi) with an apology record get the flag. A statement of
 * its own after load_old, so that under READ COMMITTED it sees a record committed by a request
 * that held the dossier's lock while load_old waited for it (a subquery of the locking read
 * would read the snapshot taken before the wait). Only earlier versions can have a record, and
 * load_old gave their ids: the records are read by dossier id, without a second lookup of every
 * code (a chunk of new dossiers asks nothing).
 */
static int keep_apologies(struct ingest *g, size_t lo, size_t hi) {
    struct buf *b = &g->sql_json;
    buf_reset(b);
    buf_puts(b, "[");
    size_t n = 0;
    for (size_t i = lo; i < hi; i++)
        if (g->rows[i].had_old) buf_printf(b, "%s%lld", n++ ? "," : "", g->rows[i].old_id);
    buf_puts(b, "]");
    if (b->oom) return -1;
    if (n == 0) return 0;
    struct db_res *res = db_query(
        g->db,
        "SELECT DISTINCT a.dossier_id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j "
        "JOIN dossier_apologies a ON a.dossier_id = j.id",
        "s", buf_cstr(b));
    if (!res) return -1;
    long long *ids = malloc((res->nrows ? res->nrows : 1) * sizeof *ids);
    if (!ids) {
        db_res_free(res);
        return -1;
    }
    for (size_t k = 0; k < res->nrows; k++) ids[k] = db_int(res, k, 0);
    qsort(ids, res->nrows, sizeof *ids, cmp_ll);
    for (size_t i = lo; i < hi; i++)
        if (g->rows[i].had_old && bsearch(&g->rows[i].old_id, ids, res->nrows, sizeof *ids, cmp_ll))
            g->rows[i].d.apology_issued = 1;
    free(ids);
    db_res_free(res);
    return 0;
}

/* The four roll-ups: per unit and day, per unit and month, and the same per procedure field
 * (the periodic report's form by field, SPEC §6). */
static const struct rollup_table {
    const char *name, *key; /* table, date column */
    int monthly, by_field;
} rollup_tables[4] = {
    {"kpi_daily", "day", 0, 0},
    {"kpi_monthly", "month", 1, 0},
    {"kpi_field_daily", "day", 0, 1},
    {"kpi_field_monthly", "month", 1, 1},
};

/* Adds a dossier's deltas (sign -1: takes an earlier version out) to the roll-ups picked by
 * mask (bit i: rollup_tables[i]). */
static int add_deltas_to(struct agg *aggs, unsigned mask, long long unit, long long field,
                         const struct kpi_facts *f, int sign) {
    struct kpi_delta d[KPI_MAX_DELTAS];
    int n = kpi_contrib(f, sign, d);
    for (int i = 0; i < n; i++) {
        struct ymd t = days_to_ymd(d[i].day);
        t.d = 1;
        long month = ymd_to_days(t);
        for (int k = 0; k < 4; k++) {
            const struct rollup_table *rt = &rollup_tables[k];
            if (!(mask >> k & 1)) continue;
            if (agg_add(&aggs[k], unit, rt->by_field ? field : 0, rt->monthly ? month : d[i].day,
                        d[i].col, d[i].v) < 0)
                return -1;
        }
    }
    return 0;
}

/* The slot of code in an open-addressed set of cap (a power of two) codes compared without
 * case, as the catalogue's collation compares them: its own slot, or the empty one to take. */
static size_t code_set_slot(const char **set, size_t cap, const char *code) {
    char folded[DOSSIER_CODE_MAX * 4 + 1];
    size_t k = 0;
    for (; code[k] && k + 1 < sizeof folded; k++) folded[k] = (char)tolower((unsigned char)code[k]);
    folded[k] = '\0';
    size_t h = hash_fnv1a_str(folded) & (cap - 1);
    while (set[h] && strcasecmp(set[h], code) != 0) h = (h + 1) & (cap - 1);
    return h;
}

/* Sets field_id of rows [lo, hi) from the catalogue (0: no procedure code, or one the catalogue
 * does not have). Why each code is asked once: a slice names a few hundred procedures at most,
 * and the server's time went on reading the same codes from the JSON thousands of times. */
static int resolve_fields(struct ingest *g, size_t lo, size_t hi) {
    size_t cap = 2;
    while (cap < 2 * (hi - lo)) cap <<= 1;
    const char **set = calloc(cap, sizeof *set);
    long long *field = calloc(cap, sizeof *field);
    struct buf *b = &g->sql_json;
    buf_reset(b);
    buf_puts(b, "[");
    size_t n = 0;
    for (size_t i = lo; set && field && i < hi; i++) {
        const char *pc = g->rows[i].d.procedure_code;
        if (!pc[0]) continue;
        size_t h = code_set_slot(set, cap, pc);
        if (set[h]) continue;
        set[h] = pc;
        if (n++) buf_puts(b, ",");
        json_str_or_null(b, pc);
    }
    buf_puts(b, "]");
    struct db_res *res = NULL;
    int rc = !set || !field || b->oom ? -1 : 0;
    if (!rc && n)
        rc = (res = db_query(g->db,
                             "SELECT p.code, p.field_id FROM JSON_TABLE(?, '$[*]' COLUMNS (c "
                             "VARCHAR(64) PATH '$')) j JOIN procedures p ON p.code = j.c",
                             "s", buf_cstr(b)))
                 ? 0
                 : -1;
    for (size_t k = 0; res && k < res->nrows; k++) {
        size_t h = code_set_slot(set, cap, db_val(res, k, 0));
        if (set[h]) field[h] = db_int(res, k, 1);
    }
    for (size_t i = lo; !rc && i < hi; i++) {
        const char *pc = g->rows[i].d.procedure_code;
        g->rows[i].field_id = pc[0] ? field[code_set_slot(set, cap, pc)] : 0;
    }
    db_res_free(res);
    free(set);
    free(field);
    return rc;
}

static int add_deltas(struct ingest *g, long long unit, long long field, const struct kpi_facts *f,
                      int sign) {
    return add_deltas_to(g->rollup, 0xF, unit, field, f, sign);
}

/* The parameters of the dossier writes, one array per column (db_exec_rows), for a slice. */
struct dossier_cols {
    const char *code[SLICE], *proc[SLICE], *channel[SLICE], *online[SLICE], *status[SLICE],
        *rating[SLICE], *hn[SLICE], *hc[SLICE], *at[4][SLICE];
    long long unit[SLICE], supp[SLICE], digitized[SLICE], electronic[SLICE], reused[SLICE],
        fee[SLICE], paid[SLICE], apology[SLICE], late[SLICE], field[SLICE], transfer[SLICE],
        id[SLICE];
    char times[SLICE][4][20];
};

static const char *const OL_NAMES[] = {NULL, "full", "partial"};
static const char *const ST_NAMES[] = {NULL,       "received", "processing", "supplement",
                                       "finished", "returned", "rejected",   "withdrawn"};

/* The columns written, in the order of the parameters of both statements below. */
#define DOSSIER_COLS                                                                               \
    "procedure_code, unit_id, channel, online_level, received_at, due_at, finished_at, "           \
    "returned_at, status, supplement_count, digitized, result_electronic, reused_data, fee, "      \
    "paid_online, rating, apology_issued, late, field_id, handler_name, handler_code, "            \
    "internal_transfer"
#define DOSSIER_FMT "sisssssssiiiiiisiiissi"

/* New dossiers: a plain INSERT, so that a concurrent ingest of the same new code fails with
 * a duplicate (1062) and the chunk is retried seeing it as an earlier version, instead of
 * silently updating a row whose roll-up contribution was never taken out. */
static const char SQL_INSERT_NEW[] =
    "INSERT INTO dossiers (code, " DOSSIER_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/* Earlier versions (locked by load_old), replaced in place by primary key. An INSERT ... ON
 * DUPLICATE KEY UPDATE did the same at half the speed of new rows: InnoDB first inserted each
 * row into the clustered index under a new auto-increment id, met the duplicate in the unique
 * index of codes, undid that insert and then updated. */
static const char SQL_REPLACE_OLD[] =
    "UPDATE dossiers SET procedure_code = ?, unit_id = ?, channel = ?, online_level = ?, "
    "received_at = ?, due_at = ?, finished_at = ?, returned_at = ?, status = ?, "
    "supplement_count = ?, digitized = ?, result_electronic = ?, reused_data = ?, fee = ?, "
    "paid_online = ?, rating = ?, apology_issued = ?, late = ?, field_id = ?, handler_name = ?, "
    "handler_code = ?, internal_transfer = ? WHERE id = ?";

static const char *str_or_null(const char *s) {
    return s && *s ? s : NULL;
}

/* Row k of the columns from row w; times are formatted into the columns' own text. */
static void dossier_cols_set(struct dossier_cols *c, size_t k, const struct row *w) {
    const struct dossier *d = &w->d;
    struct kpi_facts f;
    facts_of(d, &f);
    const long long at[4] = {d->received, d->due, d->finished, d->returned};
    for (int t = 0; t < 4; t++) {
        c->at[t][k] = NULL;
        if (at[t] == DOSSIER_NO_TIME) continue;
        dossier_format_time(at[t], c->times[k][t]);
        c->at[t][k] = c->times[k][t];
    }
    c->code[k] = d->code;
    c->proc[k] = str_or_null(d->procedure_code);
    c->unit[k] = w->unit_id;
    c->channel[k] = CH_NAMES[d->channel];
    c->online[k] = OL_NAMES[d->online_level];
    c->status[k] = ST_NAMES[d->status];
    c->supp[k] = d->supplement_count;
    c->digitized[k] = d->digitized;
    c->electronic[k] = d->result_electronic;
    c->reused[k] = d->reused_data;
    c->fee[k] = d->fee;
    c->paid[k] = d->paid_online;
    c->rating[k] = RT_NAMES[d->rating];
    c->apology[k] = d->apology_issued;
    c->late[k] = kpi_is_late(&f);
    c->field[k] = w->field_id;
    c->hn[k] = str_or_null(d->handler_name);
    c->hc[k] = str_or_null(d->handler_code);
    c->transfer[k] = d->internal_transfer;
    c->id[k] = w->old_id;
}

/* Rows [lo, hi) whose had_old equals old, in one statement bound to arrays: the server parses
 * neither the statement nor a document per row (a JSON_TABLE of the same rows cost it twice the
 * time, decision 229). */
static int write_dossiers(struct ingest *g, size_t lo, size_t hi, int old) {
    struct dossier_cols *c = g->cols;
    size_t n = 0;
    for (size_t i = lo; i < hi; i++)
        if (g->rows[i].had_old == old) dossier_cols_set(c, n++, &g->rows[i]);
    if (n == 0) return 0;
    const void *const cols[] = {c->code,  c->proc,      c->unit,       c->channel, c->online,
                                c->at[0], c->at[1],     c->at[2],      c->at[3],   c->status,
                                c->supp,  c->digitized, c->electronic, c->reused,  c->fee,
                                c->paid,  c->rating,    c->apology,    c->late,    c->field,
                                c->hn,    c->hc,        c->transfer,   c->id};
    /* The insert takes the code first; the update takes the columns, then the id. */
    if (!old) return db_exec_rows(g->db, SQL_INSERT_NEW, n, "s" DOSSIER_FMT, cols) < 0 ? -1 : 0;
    return db_exec_rows(g->db, SQL_REPLACE_OLD, n, DOSSIER_FMT "i", cols + 1) < 0 ? -1 : 0;
}

/* A slice of a roll-up's rows, one array per column (db_exec_rows). */
struct rollup_cols {
    long long unit[SLICE], field[SLICE], v[KC_NCOLS][SLICE];
    const char *day[SLICE];
    char days[SLICE][11];
};

/* Builds the upsert of roll-up k, bound to arrays: [unit, [field,] date, c0..]. */
static void rollup_sql(int k, char *out, size_t cap) {
    const struct rollup_table *rt = &rollup_tables[k];
    struct buf s;
    buf_init(&s);
    buf_printf(&s, "INSERT INTO %s (unit_id, %s%s", rt->name, rt->by_field ? "field_id, " : "",
               rt->key);
    for (int c = 0; c < KC_NCOLS; c++) buf_printf(&s, ", %s", kpi_col_names[c]);
    buf_printf(&s, ") VALUES (?, %s?", rt->by_field ? "?, " : "");
    for (int c = 0; c < KC_NCOLS; c++) buf_puts(&s, ", ?");
    buf_puts(&s, ") ON DUPLICATE KEY UPDATE ");
    for (int c = 0; c < KC_NCOLS; c++)
        buf_printf(&s, "%s%s = %s + VALUES(%s)", c ? ", " : "", kpi_col_names[c], kpi_col_names[c],
                   kpi_col_names[c]);
    snprintf(out, cap, "%s", buf_cstr(&s));
    buf_free(&s);
}

/* Writes rows [lo, hi) of a roll-up's sorted deltas. */
static int write_rollup_slice(db_t *db, struct rollup_cols *rc, const struct agg_ent *list,
                              size_t lo, size_t hi, int k) {
    size_t n = hi - lo;
    for (size_t i = 0; i < n; i++) {
        const struct agg_ent *e = &list[lo + i];
        rc->unit[i] = e->unit;
        rc->field[i] = e->field;
        ymd_format(days_to_ymd(e->day), rc->days[i]);
        rc->day[i] = rc->days[i];
        for (int c = 0; c < KC_NCOLS; c++) rc->v[c][i] = e->v[c];
    }
    int by_field = rollup_tables[k].by_field, np = 0;
    const void *cols[3 + KC_NCOLS];
    char fmt[4 + KC_NCOLS];
    cols[np] = rc->unit, fmt[np++] = 'i';
    if (by_field) cols[np] = rc->field, fmt[np++] = 'i';
    cols[np] = rc->day, fmt[np++] = 's';
    for (int c = 0; c < KC_NCOLS; c++) cols[np] = rc->v[c], fmt[np++] = 'i';
    fmt[np] = '\0';
    /* One statement text per table, built once per thread. */
    static __thread char sql[4][4096];
    if (!sql[k][0]) rollup_sql(k, sql[k], sizeof sql[k]);
    return db_exec_rows(db, sql[k], n, fmt, cols) < 0 ? -1 : 0;
}

/* Writes the aggregated deltas of roll-up k, sorted by key so concurrent ingests lock rows in
 * the same order. */
static int write_rollup(db_t *db, struct agg *a, int k) {
    struct agg_ent *list = malloc((a->used ? a->used : 1) * sizeof *list);
    /* about 1 MB, of which only the pages of the rows written are ever touched */
    struct rollup_cols *rcols = malloc(sizeof *rcols);
    if (!list || !rcols) {
        free(list);
        free(rcols);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < a->cap; i++) {
        struct agg_ent *e = &a->slots[i];
        if (e->day == KPI_NO_DAY) continue;
        int any = 0;
        for (int c = 0; c < KC_NCOLS; c++) any |= e->v[c] != 0;
        if (any) list[n++] = *e;
    }
    int rc = 0;
    if (n) qsort(list, n, sizeof *list, cmp_agg);
    for (size_t lo = 0; rc == 0 && lo < n; lo += SLICE)
        rc = write_rollup_slice(db, rcols, list, lo, lo + SLICE < n ? lo + SLICE : n, k);
    free(rcols);
    free(list);
    return rc;
}

static int write_audit(struct ingest *g, long long ins, long long upd) {
    if (!g->r) return 0;
    json_t *after =
        json_pack("{s:I, s:I, s:s, s:s}", "inserted", (json_int_t)ins, "updated", (json_int_t)upd,
                  "first_code", g->rows[0].d.code, "last_code", g->rows[g->n - 1].d.code);
    int rc = audit_write(g->db, g->r, "dossiers.ingest", "dossier", 0, NULL, after);
    json_decref(after);
    return rc;
}

/* A principal that feeds a subtree may not take over a dossier recorded at a unit outside it:
 * such rows are rejected (their earlier version stays). */
static void drop_foreign(struct ingest *g) {
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++) {
        struct row *w = &g->rows[i];
        if (w->had_old &&
            !bsearch(&w->old_unit, g->allowed, g->nallowed, sizeof *g->allowed, cmp_ll)) {
            collect_err(g, "code",
                        "Hồ sơ có mã này thuộc đơn vị ngoài phạm vi được cập nhật "
                        "của tài khoản.");
            reject(g, w->index, w->line, w->d.code);
            continue;
        }
        if (k != i) g->rows[k] = *w;
        k++;
    }
    g->n = k;
}

/* Writes the chunk in one transaction; retried when InnoDB picked it as a deadlock victim. */
static int flush(struct ingest *g) {
    if (g->n == 0 || g->failed) return g->failed ? -1 : 0;
    qsort(g->rows, g->n, sizeof *g->rows, cmp_rows);
    for (int attempt = 0;; attempt++) {
        for (size_t i = 0; i < g->n; i++) g->rows[i].had_old = 0;
        for (int k = 0; k < 4; k++) agg_clear(&g->rollup[k]);
        long long ins = 0, upd = 0;
        /* Read committed: the locking read takes no gap locks, so concurrent ingests of
         * interleaved codes do not deadlock; new codes are guarded by the plain INSERT. */
        int rc = db_run_sql(g->db, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED") < 0 ||
                 db_begin(g->db) < 0;
        for (size_t lo = 0; !rc && lo < g->n; lo += SLICE)
            rc = load_old(g, lo, lo + SLICE < g->n ? lo + SLICE : g->n) < 0;
        for (size_t lo = 0; !rc && lo < g->n; lo += SLICE)
            rc = keep_apologies(g, lo, lo + SLICE < g->n ? lo + SLICE : g->n) < 0;
        if (!rc && g->root) drop_foreign(g);
        for (size_t lo = 0; !rc && lo < g->n; lo += SLICE)
            rc = resolve_fields(g, lo, lo + SLICE < g->n ? lo + SLICE : g->n) < 0;
        if (!rc && g->n == 0) {
            db_rollback(g->db);
            break;
        }
        for (size_t i = 0; !rc && i < g->n; i++) {
            struct row *w = &g->rows[i];
            struct kpi_facts f;
            facts_of(&w->d, &f);
            if (w->had_old) rc = add_deltas(g, w->old_unit, w->old_field, &w->old, -1) < 0;
            if (!rc) rc = add_deltas(g, w->unit_id, w->field_id, &f, +1) < 0;
            if (w->had_old)
                upd++;
            else
                ins++;
        }
        for (size_t lo = 0; !rc && lo < g->n; lo += SLICE) {
            size_t hi = lo + SLICE < g->n ? lo + SLICE : g->n;
            rc = write_dossiers(g, lo, hi, 0) < 0 || write_dossiers(g, lo, hi, 1) < 0;
        }
        for (int k = 0; !rc && k < 4; k++) rc = write_rollup(g->db, &g->rollup[k], k) < 0;
        if (!rc) rc = write_audit(g, ins, upd) < 0;
        /* Last, so that concurrent batches wait on this one row only for a commit's time. */
        if (!rc) rc = kpi_data_bump(g->db) < 0;
        if (!rc) rc = db_commit(g->db) < 0;
        if (!rc) {
            g->inserted += ins;
            g->updated += upd;
            break;
        }
        unsigned e = db_errno(g->db);
        if (db_in_txn(g->db)) db_rollback(g->db);
        /* 1213 deadlock, 1205 lock wait timeout, 1062 a concurrent ingest inserted the same
         * new code first, 1467 an AUTO-INC lock wait lost to a deadlock (autoinc_lock_mode
         * below 2): all are cured by doing the chunk again. */
        if ((e == 1213 || e == 1205 || e == 1062 || e == 1467) && attempt < 8) {
            usleep(1000u * (unsigned)(1 + attempt * 7 + (int)(g->n % 5)));
            continue;
        }
        log_error("dossier ingest: chunk failed (%u)", e);
        g->failed = 1;
        return -1;
    }
    g->n = 0;
    memset(g->code_slots, 0, g->code_cap * sizeof *g->code_slots);
    return 0;
}

/* 1 when the code is already in the chunk (a later version in the same request). */
static uint32_t *code_slot(struct ingest *g, const char *code) {
    size_t i = hash_fnv1a_str(code) & (g->code_cap - 1);
    for (;; i = (i + 1) & (g->code_cap - 1)) {
        uint32_t s = g->code_slots[i];
        if (s == 0 || strcmp(g->rows[s - 1].d.code, code) == 0) return &g->code_slots[i];
    }
}

/* Validates the parsed row (errors already collected in cur_errors) and queues it. */
static int take(struct ingest *g, struct dossier *d, int errors, long index, long line) {
    struct unit_ent *u = NULL;
    if (d->unit_code[0]) {
        u = umap_find(&g->units, d->unit_code, 0);
        if (!u)
            collect_err(g, "unit_code", "Không có đơn vị với mã này."), errors++;
        else if (!u->allowed)
            collect_err(g, "unit_code", "Đơn vị ngoài phạm vi được cập nhật của tài khoản."),
                errors++;
    }
    if (!u && !errors) collect_err(g, "unit_code", "Thiếu mã đơn vị."), errors++;
    if (errors) {
        reject(g, index, line, d->code);
        return 0;
    }
    uint32_t *slot = code_slot(g, d->code);
    if (*slot) {
        /* The same code twice: the later version must see the earlier one as "old". */
        if (flush(g) < 0) return -1;
        slot = code_slot(g, d->code);
    }
    struct row *w = &g->rows[g->n];
    w->d = *d;
    w->unit_id = u->id;
    w->index = index;
    w->line = line;
    *slot = (uint32_t)(++g->n);
    if (g->n == CHUNK) return flush(g);
    return 0;
}

static int ingest_init(struct ingest *g, db_t *db, req_t *r, long long root) {
    memset(g, 0, sizeof *g);
    g->db = db;
    g->r = r;
    g->rejected = json_array();
    g->code_cap = 65536; /* > 2 x CHUNK */
    g->rows = malloc(CHUNK * sizeof *g->rows);
    g->code_slots = calloc(g->code_cap, sizeof *g->code_slots);
    buf_init(&g->sql_json);
    g->cols = malloc(sizeof *g->cols);
    static const size_t agg_caps[4] = {16384, 1024, 65536, 4096};
    if (!g->rows || !g->code_slots || !g->cols) return -1;
    for (int k = 0; k < 4; k++)
        if (agg_init(&g->rollup[k], agg_caps[k]) < 0) return -1;
    g->root = root;
    return umap_load(db, &g->units, root, &g->allowed, &g->nallowed);
}

static void ingest_free(struct ingest *g) {
    umap_free(&g->units);
    free(g->allowed);
    free(g->rows);
    free(g->code_slots);
    for (int k = 0; k < 4; k++) free(g->rollup[k].slots);
    buf_free(&g->sql_json);
    free(g->cols);
    json_decref(g->rejected);
    json_decref(g->cur_errors);
}

static int take_json(struct ingest *g, const char *s, size_t len, long index, long line) {
    struct dossier d;
    dossier_init(&d);
    int errors = dossier_from_plain_json(&d, s, len, collect_err, g);
    if (errors == DOSSIER_NOT_PLAIN) {
        json_error_t jerr;
        json_t *o = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
        if (!o) {
            char m[200];
            snprintf(m, sizeof m, "JSON không hợp lệ: %s.", jerr.text);
            collect_err(g, "row", m);
            errors = 1;
        } else {
            errors = dossier_from_json(&d, o, collect_err, g);
            json_decref(o);
        }
    }
    return take(g, &d, errors, index, line);
}

/* --- the three body formats --- */

static int ingest_array(struct ingest *g, const char *s, size_t len) {
    size_t pos = 0, a, b;
    long index = 0;
    int k;
    while ((k = dossier_json_array_next(s, len, &pos, &a, &b)) == 1)
        if (take_json(g, s + a, b - a, index++, 0) < 0) return -1;
    /* Text that stops being an array (cut off, a stray character) is reported, not dropped. */
    if (k < 0) {
        collect_err(g, "row", "Phần còn lại của mảng JSON không hợp lệ.");
        reject(g, index, 0, NULL);
    }
    return 0;
}

static long line_of(const char *s, size_t upto, long *cache_line, size_t *cache_pos) {
    for (size_t i = *cache_pos; i < upto; i++)
        if (s[i] == '\n') (*cache_line)++;
    *cache_pos = upto;
    return *cache_line;
}

static int ingest_ndjson(struct ingest *g, const char *s, size_t len) {
    long index = 0, line = 0;
    for (size_t p = 0; p < len;) {
        const char *nl = memchr(s + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - s) : len;
        line++;
        size_t a = p, b = e;
        while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
        if (b > a && take_json(g, s + a, b - a, index++, line) < 0) return -1;
        p = e + 1;
    }
    return 0;
}

static int ingest_csv(struct ingest *g, req_t *r, const char *s, size_t len) {
    char sep = dossier_csv_sep(s, len);
    char *buf = malloc(MAX_CSV_RECORD);
    char *hbuf = malloc(MAX_CSV_RECORD);
    const char *cells[MAX_CSV_CELLS], *hcells[MAX_CSV_CELLS];
    size_t lens[MAX_CSV_CELLS], hlens[MAX_CSV_CELLS];
    char names[MAX_CSV_CELLS][40] = {{0}};
    int fidx[MAX_CSV_CELLS]; /* each column's field index, -1 for a refused column */
    size_t pos = 0;
    int rc = -2;
    if (!buf || !hbuf) goto out;
    int nh =
        dossier_csv_next(s, len, &pos, sep, hbuf, MAX_CSV_RECORD, hcells, hlens, MAX_CSV_CELLS);
    if (nh <= 0) {
        req_error(r, "header", "Tệp CSV không có dòng tiêu đề hợp lệ.");
        goto out;
    }
    for (int i = 0; i < nh; i++) {
        size_t l = hlens[i];
        const char *h = hcells[i];
        while (l && (h[l - 1] == ' ' || h[l - 1] == '\t')) l--;
        while (l && (*h == ' ' || *h == '\t')) h++, l--;
        fidx[i] = l < sizeof names[i] ? dossier_field_index(h, l) : -1;
        if (fidx[i] < 0) {
            char m[160];
            /* The cell is not NUL-terminated: print exactly its bytes, cut at a character. */
            int shown = (int)utf8_cut(h, l, 40);
            snprintf(m, sizeof m, "Cột thứ %d (\"%.*s\") không phải là trường của hồ sơ.", i + 1,
                     shown, h);
            req_error(r, "header", m);
            continue;
        }
        memcpy(names[i], h, l);
        names[i][l] = '\0';
        for (int j = 0; j < i; j++)
            if (strcmp(names[j], names[i]) == 0) req_error(r, "header", "Cột bị lặp lại.");
    }
    if (req_has_errors(r)) goto out;
    long index = 0, line = 1;
    size_t line_pos = 0;
    rc = 0;
    for (;;) {
        size_t start = pos;
        int nc =
            dossier_csv_next(s, len, &pos, sep, buf, MAX_CSV_RECORD, cells, lens, MAX_CSV_CELLS);
        if (nc == 0) break;
        /* the record's first line, counting from the start of the file */
        size_t first = start;
        while (first < len && (s[first] == '\n' || s[first] == '\r')) first++;
        long ln = line_of(s, first, &line, &line_pos);
        struct dossier d;
        dossier_init(&d);
        int errors = 0;
        if (nc < 0) {
            collect_err(g, "row",
                        "Dòng CSV không đúng định dạng (dấu ngoặc kép không đóng hoặc "
                        "dòng quá dài).");
            errors = 1;
            const char *nl = memchr(s + first, '\n', len - first);
            pos = nl ? (size_t)(nl - s) + 1 : len;
        } else if (nc != nh) {
            char m[120];
            snprintf(m, sizeof m, "Dòng có %d cột, tiêu đề có %d cột.", nc, nh);
            collect_err(g, "row", m);
            errors = 1;
        } else {
            int given = 0;
            for (int i = 0; i < nc; i++) {
                const char *v = cells[i];
                size_t l = lens[i];
                while (l && (v[l - 1] == ' ' || v[l - 1] == '\t')) l--;
                while (l && (*v == ' ' || *v == '\t')) v++, l--;
                if (l && fidx[i] >= 0) given |= 1 << fidx[i];
                if (dossier_set_text(&d, names[i], v, l, collect_err, g) < 0) errors++;
            }
            errors += dossier_check(&d, given, collect_err, g);
        }
        if (take(g, &d, errors, index++, ln) < 0) {
            rc = -1;
            break;
        }
    }
out:
    free(buf);
    free(hbuf);
    return rc;
}

/* The subtree a principal may feed: 0 for every unit (province-wide roles); a one-stop desk's
 * service account feeds the subtree of the unit the desk serves (its parent). */
static int ingest_root(db_t *db, const struct principal *p, long long *root) {
    *root = 0;
    if (scope_province_wide(p)) return 0;
    long long parent = 0;
    int rc = db_query_int(db, &parent, "SELECT COALESCE(parent_id, id) FROM units WHERE id = ?",
                          "i", p->unit_id);
    if (rc < 0) return -1;
    *root = rc == 1 ? parent : p->unit_id;
    return 0;
}

static int is_type(const char *ct, const char *t) {
    return ct && strncasecmp(ct, t, strlen(t)) == 0;
}

int h_dossiers_bulk(req_t *r) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    int fmt; /* 0 array, 1 ndjson, 2 csv */
    if (is_type(ct, "application/x-ndjson") || is_type(ct, "application/ndjson") ||
        is_type(ct, "application/jsonl") || is_type(ct, "application/json-seq"))
        fmt = 1;
    else if (is_type(ct, "text/csv"))
        fmt = 2;
    else if (!ct || !*ct || is_type(ct, "application/json"))
        fmt = 0;
    else {
        res_problem(r, 415, "Định dạng không được hỗ trợ",
                    "Gửi JSON (application/json), NDJSON (application/x-ndjson) hoặc CSV "
                    "(text/csv).");
        return -1;
    }
    if (r->body_len == 0) {
        res_problem(r, 400, "Thiếu dữ liệu", "Yêu cầu cần có danh sách hồ sơ.");
        return -1;
    }
    if (fmt == 0) {
        /* The array's shape is checked before anything is written, so that a cut-off upload
         * is refused whole instead of half-applied. */
        size_t pos = 0, a, b;
        int k;
        while ((k = dossier_json_array_next(r->body, r->body_len, &pos, &a, &b)) == 1) {
        }
        if (k < 0) {
            res_problem(r, 400, "Dữ liệu JSON không hợp lệ",
                        "Nội dung phải là một mảng JSON các hồ sơ (hoặc NDJSON với "
                        "Content-Type application/x-ndjson).");
            return -1;
        }
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long root;
    if (ingest_root(db, r->user, &root) < 0) return db_fail(r, db);
    struct ingest g;
    if (ingest_init(&g, db, r, root) < 0) {
        ingest_free(&g);
        return db_fail(r, db);
    }
    int rc = fmt == 0   ? ingest_array(&g, r->body, r->body_len)
             : fmt == 1 ? ingest_ndjson(&g, r->body, r->body_len)
                        : ingest_csv(&g, r, r->body, r->body_len);
    if (rc == -2) {
        ingest_free(&g);
        return res_invalid(r);
    }
    if (rc == 0) rc = flush(&g);
    if (rc < 0 || g.failed) {
        char why[96];
        snprintf(why, sizeof why, "dossier ingest failed after %lld inserted, %lld updated",
                 g.inserted, g.updated);
        ingest_free(&g);
        if (db_in_txn(db)) db_rollback(db);
        return res_internal(r, why);
    }
    json_t *out = json_pack("{s:I, s:I, s:O, s:I}", "inserted", (json_int_t)g.inserted, "updated",
                            (json_int_t)g.updated, "rejected", g.rejected, "rejected_total",
                            (json_int_t)g.rejected_total);
    ingest_free(&g);
    res_json(r, 200, out);
    return 0;
}

/* ---- rebuilding the field roll-ups from the dossiers (kstt-api rollups-rebuild) -------------- */

/* Adds the deltas of dossiers with id > *after (up to CHUNK of them) to the field roll-ups;
 * returns how many were read (0 at the end), -1 on error. */
static long rebuild_page(db_t *db, struct agg *aggs, long long *after) {
    struct db_res *res = db_query(db,
                                  "SELECT d.id, d.unit_id, d.field_id, " FACT_COLS
                                  " FROM dossiers d WHERE d.id > ? ORDER BY d.id LIMIT 25000",
                                  "i", *after);
    if (!res) return -1;
    long n = (long)res->nrows;
    for (size_t i = 0; i < res->nrows; i++) {
        struct kpi_facts f;
        facts_read(res, i, 3, &f);
        /* bits 2 and 3: the field roll-ups only; kpi_daily/kpi_monthly are not touched */
        if (add_deltas_to(aggs, 0xC, db_int(res, i, 1), db_int(res, i, 2), &f, +1) < 0) n = -1;
        *after = db_int(res, i, 0);
    }
    db_res_free(res);
    return n;
}

/*
 * Recomputes dossiers.field_id from the catalogue and the field roll-ups from the dossiers, in
 * one transaction (readers see the old figures until it commits). For an operator, after a
 * procedure moved to another field, and for `migrate` on a database that had dossiers before
 * the field roll-ups existed. Prints nothing; 0 ok, -1 error (logged).
 */
int dossier_field_rollups_rebuild(db_t *db) {
    struct agg aggs[4];
    memset(aggs, 0, sizeof aggs);
    int rc = agg_init(&aggs[2], 65536) < 0 || agg_init(&aggs[3], 4096) < 0 ? -1 : 0;
    if (!rc) rc = db_begin(db);
    if (!rc)
        rc = db_exec(db,
                     "UPDATE dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code SET "
                     "d.field_id = COALESCE(p.field_id, 0)",
                     NULL) < 0 ||
                     db_exec(db, "DELETE FROM kpi_field_daily", NULL) < 0 ||
                     db_exec(db, "DELETE FROM kpi_field_monthly", NULL) < 0
                 ? -1
                 : 0;
    long long after = 0;
    for (long n = 1; !rc && n > 0;) {
        n = rebuild_page(db, aggs, &after);
        if (n < 0) rc = -1;
        /* written every page, so memory stays bounded whatever the table's size */
        for (int k = 2; !rc && n > 0 && k < 4; k++) {
            rc = write_rollup(db, &aggs[k], k);
            agg_clear(&aggs[k]);
        }
    }
    if (!rc) rc = kpi_data_bump(db);
    if (!rc) rc = db_commit(db);
    if (rc && db_in_txn(db)) db_rollback(db);
    if (rc) log_error("field roll-ups: rebuild failed (%u)", db_errno(db));
    free(aggs[2].slots);
    free(aggs[3].slots);
    return rc < 0 ? -1 : 0;
}

/* ---- the same ingest path for the demo dossiers (api/demo_dossiers.c), without audit ----------
 */

struct ingest *dossier_ingest_new(db_t *db) {
    struct ingest *g = malloc(sizeof *g);
    if (!g) return NULL;
    if (ingest_init(g, db, NULL, 0) != 0) {
        ingest_free(g);
        free(g);
        return NULL;
    }
    return g;
}

int dossier_ingest_take(struct ingest *g, struct dossier *d, long index) {
    return take(g, d, 0, index, 0);
}

int dossier_ingest_flush(struct ingest *g) {
    return flush(g);
}

long long dossier_ingest_rejected(const struct ingest *g) {
    return g->rejected_total;
}

void dossier_ingest_free(struct ingest *g) {
    if (!g) return;
    ingest_free(g);
    free(g);
}

/* ---- the apology flag set by an apology record (api/late_records.c) ---------------------------
 */

/* Reads the dossier's facts as rebuild_page does (row locked by the caller): 1, 0, -1. */
static int facts_of_id(db_t *db, long long id, long long *unit, long long *field,
                       struct kpi_facts *f) {
    struct db_res *res = db_query(
        db, "SELECT d.unit_id, d.field_id, " FACT_COLS " FROM dossiers d WHERE d.id = ?", "i", id);
    if (!res) return -1;
    int found = res->nrows > 0;
    if (found) {
        *unit = db_int(res, 0, 0);
        *field = db_int(res, 0, 1);
        facts_read(res, 0, 2, f);
    }
    db_res_free(res);
    return found;
}

/*
 * Sets apology_issued on a dossier whose row the caller locked in its transaction, moving its
 * roll-up contribution (the late-with-apology count) with it, through the ingest's own delta
 * code. 0 (also when already set), -1 on an error.
 */
int dossier_apology_mark(db_t *db, long long id) {
    long long unit = 0, field = 0;
    struct kpi_facts f;
    int rc = facts_of_id(db, id, &unit, &field, &f);
    if (rc <= 0 || f.apology_issued) return rc < 0 ? -1 : 0;
    struct agg aggs[4];
    memset(aggs, 0, sizeof aggs);
    rc = 0;
    for (int k = 0; !rc && k < 4; k++) rc = agg_init(&aggs[k], 64);
    struct kpi_facts after = f;
    after.apology_issued = 1;
    if (!rc)
        rc = add_deltas_to(aggs, 0xF, unit, field, &f, -1) < 0 ||
             add_deltas_to(aggs, 0xF, unit, field, &after, +1) < 0;
    if (!rc) rc = db_exec(db, "UPDATE dossiers SET apology_issued = 1 WHERE id = ?", "i", id) < 0;
    for (int k = 0; !rc && k < 4; k++) rc = write_rollup(db, &aggs[k], k) < 0;
    /* the figures changed: cached answers of the old version must not be served */
    if (!rc) rc = kpi_data_bump(db) < 0;
    for (int k = 0; k < 4; k++) free(aggs[k].slots);
    return rc ? -1 : 0;
}
