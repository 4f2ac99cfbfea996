/* The route table's shape and path matching: method + pattern with {name} parameters. */
#ifndef KSTT_ROUTER_H
#define KSTT_ROUTER_H
#include <stddef.h>

#include "server/http.h"

typedef int (*handler_fn)(req_t *r);

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/units/{id}"; {id} and {..._id} match positive integers only */
    handler_fn handler;
    const char *action; /* "public", "auth" (any signed-in user) or an action for access_allows */
    long max_body;      /* 0 = the configured default */
    /* Declared inputs (server/input.h), checked by the server before the handler runs and
     * handed to it as r->query_in / r->body_in; NULL = none (the handler reads nothing). */
    const struct in_spec *query, *body;
};

#define ROUTE_NOT_FOUND  (-1)
#define ROUTE_BAD_METHOD (-2)
#define ROUTE_BAD_PATH   (-3)

/* Finds the route for r->method and r->path and fills r's parameters. Returns the index,
 * ROUTE_NOT_FOUND, or ROUTE_BAD_METHOD with the allowed methods ("GET, POST") in allow. */
int router_match(const struct route *table, size_t n, req_t *r, char *allow, size_t allowcap);
/* A table with each pattern's depth and the bytes before its first parameter measured once, so
 * that a request compares segments only with the few patterns that can match (the worker walks
 * its 270 routes on every request). */
struct route_key {
    int depth;  /* slashes */
    size_t lit; /* bytes before the first '{' */
};
struct route_index {
    const struct route *t;
    size_t n;
    struct route_key *keys;
};
int router_index_init(struct route_index *ix, const struct route *table, size_t n); /* 0 or -1 */
void router_index_free(struct route_index *ix);
/* router_match over an index: the same answers. */
int router_find(const struct route_index *ix, req_t *r, char *allow, size_t allowcap);
/* Matches path against one pattern without touching a request; returns the literal-segment
 * score (>= 0) or -1. Used by tests and by router_match. */
int router_pattern_score(const char *pattern, const char *path);

#endif
