/* Cached answers of the authenticated lists, by the reader's scope and the data versions. */
#include "api/answers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "core/period.h"
#include "lib/memo.h"

/* A few thousand readers' pages of 50 rows (5–40 KB each). */
#define LIST_SLOTS 2048
#define LIST_BYTES (48u << 20)

static struct memo *lists;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;
static void lists_init(void) {
    lists = memo_new(LIST_SLOTS, LIST_BYTES);
}

int answers_version_of(const char *versions, const char *area, long long *n) {
    size_t alen = strlen(area);
    for (const char *p = versions; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL) {
        if (strncmp(p, area, alen) != 0 || p[alen] != '=') continue;
        char *end;
        *n = strtoll(p + alen + 1, &end, 10);
        return end != p + alen + 1 && (*end == ';' || *end == '\0');
    }
    return 0;
}

int answers_lookup(req_t *r, const char *area, struct answer_key *key) {
    key->id[0] = '\0';
    long long v;
    const struct principal *p = r->user;
    if (!p || !answers_version_of(p->versions, area, &v)) return 0;
    const char *qs = req_env(r, "QUERY_STRING");
    char today[11];
    ymd_format(calendar_today(), today);
    snprintf(key->tag, sizeof key->tag, "%s=%lld|%s", area, v, today);
    int n = snprintf(key->id, sizeof key->id, "%s|%s?%s|%s|%lld|%s|%d|%d", area, r->path,
                     qs ? qs : "", p->role, p->unit_id, p->unit_level, p->coordinator, p->external);
    if (n < 0 || (size_t)n >= sizeof key->id) { /* a query too long to key: computed each time */
        key->id[0] = '\0';
        return 0;
    }
    pthread_once(&lists_once, lists_init);
    return answers_serve(r, lists, key);
}

int answers_serve(req_t *r, struct memo *m, const struct answer_key *key) {
    struct memo_val *hit = m && key->id[0] ? memo_get(m, key->id, key->tag) : NULL;
    if (!hit) return 0;
    res_raw(r, 200, "application/json; charset=utf-8", hit->data, hit->len);
    memo_release(hit);
    return 1;
}

static void send_text_in(req_t *r, struct memo *m, const struct answer_key *key, const char *text,
                         size_t len) {
    if (m && key && key->id[0]) /* not kept: computed next time */
        memo_put(m, key->id, key->tag, text, len);
    res_raw(r, 200, "application/json; charset=utf-8", text, len);
}

void answers_send_text(req_t *r, const struct answer_key *key, const char *text, size_t len) {
    send_text_in(r, lists, key, text, len);
}

void answers_send_in(req_t *r, struct memo *m, const struct answer_key *key, json_t *out) {
    char *s = json_dumps(out, RES_JSON_FLAGS); /* the text res_json would send */
    json_decref(out);
    if (!s) {
        res_internal(r, "json_dumps failed");
        return;
    }
    send_text_in(r, m, key, s, strlen(s));
    free(s);
}

void answers_send(req_t *r, const struct answer_key *key, json_t *out) {
    answers_send_in(r, lists, key, out);
}
