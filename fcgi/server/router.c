/* Path matching for the route table: literal segments and {name} parameters, most specific wins. */
#include "server/router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A parameter named "id" or "..._id" is typed in the table by its name: it matches only a
 * positive integer of at most 18 digits, so "/units/abc" is no route (404) and every handler's
 * req_param_id reads a number the router already checked. */
static int param_fits(const char *name, size_t nl, const char *seg, size_t sl) {
    int is_id =
        (nl == 2 && memcmp(name, "id", 2) == 0) || (nl > 3 && memcmp(name + nl - 3, "_id", 3) == 0);
    if (!is_id) return 1;
    if (sl > 18 || seg[0] == '0') return 0;
    for (size_t i = 0; i < sl; i++)
        if (seg[i] < '0' || seg[i] > '9') return 0;
    return 1;
}

/* Walks pattern and path segment by segment. When r is given, records the parameters. */
static int match(const char *pat, const char *path, req_t *r) {
    int score = 0;
    const char *p = pat, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return -1;
        p++;
        s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t pl = pe ? (size_t)(pe - p) : strlen(p);
        size_t sl = se ? (size_t)(se - s) : strlen(s);
        if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
            if (sl == 0 || !param_fits(p + 1, pl - 2, s, sl)) return -1;
            if (r && r->nparams < HTTP_MAX_PARAMS) {
                /* The pattern text lives in the static table, so the name can point into it
                 * once copied without the braces. */
                static __thread char names[HTTP_MAX_PARAMS][32];
                int i = r->nparams;
                size_t nl = pl - 2 < 31 ? pl - 2 : 31;
                memcpy(names[i], p + 1, nl);
                names[i][nl] = '\0';
                r->param_names[i] = names[i];
                r->params[i] = strndup(s, sl);
                r->nparams++;
            }
        } else {
            if (pl != sl || memcmp(p, s, pl) != 0) return -1;
            score++;
        }
        p += pl;
        s += sl;
    }
    return (*p == '\0' && *s == '\0') ? score : -1;
}

int router_pattern_score(const char *pattern, const char *path) {
    return match(pattern, path, NULL);
}

static void allow_add(char *allow, size_t cap, const char *m) {
    if (strstr(allow, m)) return;
    size_t l = strlen(allow);
    snprintf(allow + l, cap - l, "%s%s", l ? ", " : "", m);
}

static int count_slashes(const char *s) {
    int n = 0;
    for (; *s; s++) n += *s == '/';
    return n;
}

/* What can be known of a pattern before any request: its depth and the bytes before its first
 * parameter, which a matching path must start with. */
static struct route_key key_of(const char *pattern) {
    return (struct route_key){count_slashes(pattern), strcspn(pattern, "{")};
}

/* The table walk behind router_match and router_find; keys NULL: measured here per request. */
static int find(const struct route *t, size_t n, const struct route_key *keys, req_t *r,
                char *allow, size_t allowcap) {
    int best = -1, best_score = -1, path_seen = 0;
    if (allow && allowcap) allow[0] = '\0';
    if (!r->path || r->path[0] != '/' || strstr(r->path, "//")) return ROUTE_NOT_FOUND;
    int depth = count_slashes(r->path);
    size_t plen = strlen(r->path);
    for (size_t i = 0; i < n; i++) {
        struct route_key k = keys ? keys[i] : key_of(t[i].pattern);
        if (k.depth != depth || k.lit > plen || memcmp(t[i].pattern, r->path, k.lit) != 0) continue;
        int sc = match(t[i].pattern, r->path, NULL);
        if (sc < 0) continue;
        path_seen = 1;
        if (strcmp(t[i].method, r->method) != 0) {
            if (allow) allow_add(allow, allowcap, t[i].method);
            continue;
        }
        if (sc > best_score) {
            best = (int)i;
            best_score = sc;
        }
    }
    if (best < 0) return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
    match(t[best].pattern, r->path, r);
    r->route = &t[best];
    return best;
}

int router_match(const struct route *t, size_t n, req_t *r, char *allow, size_t allowcap) {
    return find(t, n, NULL, r, allow, allowcap);
}

int router_index_init(struct route_index *ix, const struct route *t, size_t n) {
    ix->t = t;
    ix->n = n;
    ix->keys = malloc((n ? n : 1) * sizeof *ix->keys);
    if (!ix->keys) return -1;
    for (size_t i = 0; i < n; i++) ix->keys[i] = key_of(t[i].pattern);
    return 0;
}

void router_index_free(struct route_index *ix) {
    free(ix->keys);
    ix->keys = NULL;
}

int router_find(const struct route_index *ix, req_t *r, char *allow, size_t allowcap) {
    return find(ix->t, ix->n, ix->keys, r, allow, allowcap);
}
