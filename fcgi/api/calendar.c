/* The holiday calendar as working-day rules, cached per process, and timeline JSON. */
#include "api/calendar.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CACHE_SECONDS 60

struct snapshot {
    struct holidays h;
    long *days, *work;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;
static time_t loaded_at;
/* Old snapshots are kept until exit: a thread may still read one (they are a few KB a minute
 * at most, and only when the table changes is a reload needed at all). */
static struct snapshot *retired[64];
static int nretired;

static struct snapshot *load(db_t *db) {
    struct db_res *res =
        db_query(db, "SELECT DATEDIFF(day, '1970-01-01'), kind FROM holidays ORDER BY day", NULL);
    if (!res) return NULL;
    struct snapshot *s = calloc(1, sizeof *s);
    s->days = calloc(res->nrows + 1, sizeof *s->days);
    s->work = calloc(res->nrows + 1, sizeof *s->work);
    size_t nd = 0, nw = 0;
    for (size_t i = 0; i < res->nrows; i++) {
        long d = (long)db_int(res, i, 0);
        if (strcmp(db_val(res, i, 1), "workday") == 0)
            s->work[nw++] = d;
        else
            s->days[nd++] = d;
    }
    s->h = (struct holidays){s->days, nd, s->work, nw};
    db_res_free(res);
    return s;
}

const struct holidays *calendar_get(db_t *db) {
    static const struct holidays weekends_only = {NULL, 0, NULL, 0};
    pthread_mutex_lock(&mu);
    time_t now = time(NULL);
    if ((!current || now - loaded_at >= CACHE_SECONDS) && db) {
        struct snapshot *s = load(db);
        if (s) {
            if (current && nretired < 64) retired[nretired++] = current;
            current = s;
            loaded_at = now;
        }
    }
    const struct holidays *h = current ? &current->h : &weekends_only;
    pthread_mutex_unlock(&mu);
    return h;
}

void calendar_invalidate(void) {
    pthread_mutex_lock(&mu);
    loaded_at = 0;
    pthread_mutex_unlock(&mu);
}

struct ymd calendar_today(void) {
    time_t t = time(NULL) + 7 * 3600; /* Asia/Ho_Chi_Minh, no daylight saving */
    struct tm tm;
    gmtime_r(&t, &tm);
    return (struct ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

const char *tl_date_str(struct tl_date d, char buf[11]) {
    if (!d.y) return NULL;
    unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, day = (unsigned)d.d % 100u;
    snprintf(buf, 11, "%04u-%02u-%02u", y, m, day);
    return buf;
}

static json_t *date_json(struct tl_date d) {
    char b[11];
    const char *s = tl_date_str(d, b);
    return s ? json_string(s) : json_null();
}

static json_t *recurrence_json(unsigned r) {
    json_t *a = json_array();
    for (unsigned bit = 1; bit <= TL_REC_YEARLY; bit <<= 1)
        if (r & bit) json_array_append_new(a, json_string(timeline_recur_name(bit)));
    if (json_array_size(a) == 0) {
        json_decref(a);
        return json_null();
    }
    if (json_array_size(a) == 1) {
        json_t *one = json_incref(json_array_get(a, 0));
        json_decref(a);
        return one;
    }
    return a;
}

json_t *timeline_to_json(const struct timeline *t, const char *text) {
    json_t *levels = json_object();
    for (int i = 0; i < t->nlevels; i++)
        json_object_set_new(levels, t->levels[i].level, date_json(t->levels[i].due));
    json_t *offset = json_null();
    if (t->has_offset)
        offset = json_pack("{s:i, s:b, s:s}", "days", t->offset_days, "working", t->offset_working,
                           "after", t->offset_after);
    json_t *o =
        json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s*, s:s*}", "kind", timeline_kind_name(t->kind),
                  "start", date_json(t->start), "due", date_json(t->due), "recurrence",
                  recurrence_json(t->recurrence), "levels", levels, "offset", offset, "reference",
                  t->reference[0] ? t->reference : NULL, "note", t->note[0] ? t->note : NULL);
    if (text) json_object_set_new(o, "text", json_string(text));
    return o;
}
