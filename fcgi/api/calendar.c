/* The holiday calendar as working-day rules, cached per process, and timeline JSON. */
#include "api/calendar.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct snapshot {
    struct holidays h;
    long *days, *work;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;
static char current_version[96];
/* A replaced snapshot is never freed: another thread may still be reading it. Snapshots are a few
 * hundred bytes and are replaced only when an administrator edits the calendar. */

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

/* A fingerprint of the table, cheap to read: an edit on any host changes it, so every worker
 * of every host sees a new calendar on its next request. */
static int table_version(db_t *db, char out[96]) {
    struct db_res *res = db_query(db,
                                  "SELECT CONCAT(COUNT(*), '/', COALESCE(MAX(updated_at), 0), '/', "
                                  "COALESCE(SUM(CRC32(CONCAT(day, kind))), 0)) FROM holidays",
                                  NULL);
    const char *v = res ? db_val(res, 0, 0) : NULL;
    snprintf(out, 96, "%s", v ? v : "");
    db_res_free(res);
    return v ? 0 : -1;
}

const struct holidays *calendar_get(db_t *db) {
    static const struct holidays weekends_only = {NULL, 0, NULL, 0};
    char version[96];
    int have_version = db && table_version(db, version) == 0;
    pthread_mutex_lock(&mu);
    if (have_version && (!current || strcmp(version, current_version) != 0)) {
        struct snapshot *s = load(db);
        if (s) {
            current = s;
            memcpy(current_version, version, sizeof current_version);
        }
    }
    const struct holidays *h = current ? &current->h : &weekends_only;
    pthread_mutex_unlock(&mu);
    return h;
}

void calendar_get_version(db_t *db, char version[96]) {
    calendar_get(db);
    pthread_mutex_lock(&mu);
    memcpy(version, current_version, 96);
    pthread_mutex_unlock(&mu);
}

void calendar_invalidate(void) {
    pthread_mutex_lock(&mu);
    current_version[0] = '\0';
    pthread_mutex_unlock(&mu);
}

/* Asia/Ho_Chi_Minh has no daylight saving: local time is UTC + 7 h, whatever TZ the host has. */
static struct tm local_tm(time_t t) {
    t += 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm;
}

struct ymd calendar_today(void) {
    struct tm tm = local_tm(time(NULL));
    return (struct ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void calendar_local(time_t t, const char *fmt, char *out, size_t cap) {
    struct tm tm = local_tm(t);
    if (!strftime(out, cap, fmt, &tm) && cap) out[0] = '\0';
}

void calendar_iso(time_t t, char out[32]) {
    calendar_local(t, "%Y-%m-%dT%H:%M:%S+07:00", out, 32);
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
