/* libFuzzer target for core/dossier: the bulk ingest's parsers of outside input (JSON array
 * splitting, NDJSON rows, CSV records, ISO 8601 times) never crash and keep their promises; the
 * plain-row reader gives what jansson and dossier_from_json give, or leaves the row alone. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dossier.h"
#include "core/kpi766.h"

static void ignore(void *ctx, const char *field, const char *message) {
    (void)ctx;
    if (!field || !message || !*message) abort();
}

/* A valid row's facts always give a balanced set of deltas. */
static void check_row(const struct dossier *d) {
    if (!d->code[0] || !d->unit_code[0] || !d->channel || !d->status) abort();
    if (d->finished != DOSSIER_NO_TIME && d->finished < d->received) abort();
    /* the handling officer: a code never arrives without a name, both within their buffers */
    if (d->handler_code[0] && !d->handler_name[0]) abort();
    if (strlen(d->handler_name) >= sizeof d->handler_name) abort();
    if (strlen(d->handler_code) >= sizeof d->handler_code) abort();
    struct kpi_facts f = {dossier_day(d->received),
                          d->due != DOSSIER_NO_TIME ? dossier_day(d->due)
                                                    : dossier_day(d->received),
                          d->finished != DOSSIER_NO_TIME ? dossier_day(d->finished) : KPI_NO_DAY,
                          d->channel,
                          d->supplement_count,
                          d->fee > 0,
                          d->paid_online,
                          d->digitized,
                          d->result_electronic,
                          d->rating,
                          d->apology_issued,
                          d->reused_data,
                          d->internal_transfer};
    struct kpi_delta a[KPI_MAX_DELTAS], b[KPI_MAX_DELTAS];
    int n = kpi_contrib(&f, 1, a), m = kpi_contrib(&f, -1, b);
    if (n != m || n <= 0 || n > KPI_MAX_DELTAS) abort();
    long open = 0;
    int reused = 0, transfer = 0;
    for (int i = 0; i < n; i++) {
        if (a[i].day != b[i].day || a[i].v != -b[i].v) abort();
        if (a[i].col == KC_OPEN) open += a[i].v;
        /* reuse and electronic transfer count once, on the day received */
        if (a[i].col == KC_REUSED) reused += a[i].v * (a[i].day == f.received_day ? 1 : 100);
        if (a[i].col == KC_INTERNAL) transfer += a[i].v * (a[i].day == f.received_day ? 1 : 100);
    }
    if (reused != (d->reused_data ? 1 : 0) || transfer != (d->internal_transfer ? 1 : 0)) abort();
    /* once finished, a dossier is no longer in progress */
    if (f.finished_day != KPI_NO_DAY && open != 0) abort();
}

/* The errors of one reading, in order. */
struct log {
    char text[2048];
    size_t len;
    int n;
};

static void record(void *ctx, const char *field, const char *message) {
    struct log *l = ctx;
    if (!field || !message || !*message) abort();
    int w = snprintf(l->text + l->len, sizeof l->text - l->len, "%s: %s\n", field, message);
    if (w > 0 && (size_t)w < sizeof l->text - l->len) l->len += (size_t)w;
    l->n++;
}

static void rows_from_json(const char *s, size_t len) {
    struct dossier p, d, fresh;
    struct log lp = {{0}, 0, 0}, ld = {{0}, 0, 0};
    dossier_init(&p);
    dossier_init(&fresh);
    int rp = dossier_from_plain_json(&p, s, len, record, &lp);
    /* a row left to jansson was not touched and nothing was reported */
    if (rp == DOSSIER_NOT_PLAIN && (lp.n || memcmp(&p, &fresh, sizeof p))) abort();
    json_error_t e;
    json_t *o = json_loadb(s, len, JSON_REJECT_DUPLICATES, &e);
    if (!o) {
        if (rp != DOSSIER_NOT_PLAIN) abort(); /* taken as plain, but not JSON */
        return;
    }
    dossier_init(&d);
    int rd = dossier_from_json(&d, o, record, &ld);
    if (rd == 0) check_row(&d);
    json_decref(o);
    if (rp != DOSSIER_NOT_PLAIN && (rp != rd || lp.len != ld.len ||
                                    memcmp(lp.text, ld.text, lp.len) || memcmp(&p, &d, sizeof p)))
        abort();
}

static void times(const char *s, size_t len) {
    long long t;
    int is_date;
    if (dossier_parse_time(s, len, 1, &t, &is_date) == 0) {
        char out[20];
        dossier_format_time(t, out);
        if (strlen(out) != 19) abort();
        /* the local wall time, given back with +07:00, is the same instant */
        char iso[40];
        memcpy(iso, out, 19);
        memcpy(iso + 19, "+07:00", 7);
        iso[10] = 'T';
        long long u;
        if (dossier_parse_time(iso, 25, 0, &u, NULL) != 0 || u != t) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    /* 1. a JSON array of rows */
    size_t pos = 0, a, b;
    int k, n = 0;
    while ((k = dossier_json_array_next(s, size, &pos, &a, &b)) == 1) {
        if (a >= b || b > size || pos != b) abort();
        if (++n < 64) rows_from_json(s + a, b - a);
    }
    /* 2. NDJSON: each line */
    for (size_t p = 0, lines = 0; p < size && lines < 64; lines++) {
        const char *nl = memchr(s + p, '\n', size - p);
        size_t e = nl ? (size_t)(nl - s) : size;
        rows_from_json(s + p, e - p);
        times(s + p, e - p);
        p = e + 1;
    }
    /* 3. CSV with the header naming the columns */
    char sep = dossier_csv_sep(s, size);
    char buf[512];
    const char *cells[24];
    size_t lens[24];
    pos = 0;
    char names[24][40];
    int nh = dossier_csv_next(s, size, &pos, sep, buf, sizeof buf, cells, lens, 24);
    for (int i = 0; i < nh; i++) {
        size_t l = lens[i] < 39 ? lens[i] : 39;
        memcpy(names[i], cells[i], l);
        names[i][l] = '\0';
    }
    for (int rec = 0; nh > 0 && rec < 64; rec++) {
        size_t before = pos;
        int nc = dossier_csv_next(s, size, &pos, sep, buf, sizeof buf, cells, lens, 24);
        if (nc == 0) break;
        if (nc < 0) {
            if (pos != before) abort(); /* a failed record does not move */
            break;
        }
        if (pos <= before) abort();
        struct dossier d;
        dossier_init(&d);
        int errors = 0;
        for (int i = 0; i < nc && i < nh; i++) {
            if (lens[i] > sizeof buf) abort();
            if (dossier_set_text(&d, names[i], cells[i], lens[i], ignore, NULL) < 0) errors++;
        }
        if (!errors && nc == nh && dossier_check(&d, 0, ignore, NULL) == 0) check_row(&d);
    }
    return 0;
}
