/* One HTTP request as seen through FastCGI: parsed input and the response being built. */
#ifndef KSTT_HTTP_H
#define KSTT_HTTP_H
#include <jansson.h>
#include <stddef.h>

#include "lib/buf.h"

#define HTTP_MAX_PARAMS 4

struct kv {
    char *key, *val;
};

struct kvlist {
    struct kv *items;
    size_t n;
};

/* Who is making the request, once authenticated. */
struct principal {
    long long user_id, unit_id;
    char username[64], full_name[128], role[16], unit_level[16], sid[48];
    int coordinator; /* the unit is the Provincial Office (routes and aggregates) */
    int external;    /* authenticated by an external identity provider's token */
    /* The data versions read in the same round trip as the session ("area=N;..."): opaque here,
     * the api's answer caches put them in their keys. Empty when not read. */
    char versions[256];
};

struct route;

typedef struct req {
    char **env; /* FastCGI params (CGI environment) */
    void *in;   /* FCGX_Stream * for the body, NULL in tests */
    const char *method;
    char *path; /* percent-decoded path without the query string */
    struct kvlist query, cookies;
    char *body;
    size_t body_len;
    json_t *json; /* parsed body when the route takes JSON */
    /* The route's declared inputs, filled and checked before the handler runs (route->query,
     * route->body): the handler casts them to the route's input structs. */
    const void *query_in, *body_in;
    const struct route *route;
    const char *param_names[HTTP_MAX_PARAMS];
    char *params[HTTP_MAX_PARAMS];
    int nparams;
    char request_id[48];
    struct principal *user;
    struct principal user_storage;
    json_t *errors; /* validation errors collected so far: [{field, message}] */
    /* response */
    int status;
    struct buf headers, out;
    /* A JSON answer kept as a tree until the handler is done: the server writes it to the
     * connection as it serializes it (server.c write_json), so a large one is never held twice. */
    json_t *out_json;
    int responded;
    const char *log_note; /* extra, non-sensitive detail for the request log */
} req_t;

/* Percent-decodes in[0..len) into out (capacity len+1). Returns the length or -1 when invalid
 * (bad escape or an encoded NUL). plus_is_space applies to query strings. */
long http_percent_decode(const char *in, size_t len, char *out, int plus_is_space);
int http_parse_query(const char *qs, struct kvlist *out);
int http_parse_cookies(const char *header, struct kvlist *out);
void kvlist_free(struct kvlist *l);
const char *kvlist_get(const struct kvlist *l, const char *key);

void req_init(req_t *r, char **env);
void req_free(req_t *r);
/* Parses method, path, query and cookies from the environment. Returns 0 or an HTTP status. */
int req_parse(req_t *r);
const char *req_env(const req_t *r, const char *name);
/* HTTP request header by its HTTP name ("X-Requested-With"). */
const char *req_header(const req_t *r, const char *name);
const char *req_query(const req_t *r, const char *key);
size_t req_query_all(const req_t *r, const char *key, const char **out, size_t max);
const char *req_cookie(const req_t *r, const char *name);
const char *req_param(const req_t *r, const char *name);
/* Route parameter as a positive id; 0 when missing or not a positive integer. */
long long req_param_id(const req_t *r, const char *name);
/* Reads and throws away the body without keeping it (a refused request). */
void req_discard_body(req_t *r);
/* Reads the body, at most cap bytes. Returns 0, 413 when larger, or 400 when truncated. */
int req_read_body(req_t *r, long cap);
/* Parses the body as a JSON object; on failure answers 400 and returns -1. */
int req_json(req_t *r);
const char *req_remote_addr(const req_t *r);

void res_header(req_t *r, const char *name, const char *value);
void res_raw(req_t *r, int status, const char *content_type, const char *body, size_t len);
/* How JSON answers are written. 15 significant digits: a decimal such as 1.15 hours goes out as
 * 1.15, not as the nearest double's 17 digits (1.1499999999999999); readers parse the same value.
 */
#define RES_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))
/* Answers body as JSON and takes the reference. The tree is serialized when the response is
 * written: up to 64 KB with a Content-Length, a larger one streamed to nginx in 64 KB records. */
void res_json(req_t *r, int status, json_t *body);
void res_no_content(req_t *r);
/* problem+json (RFC 9457) with a Vietnamese title and detail. */
void res_problem(req_t *r, int status, const char *title, const char *detail);
/* Adds one validation error for field. */
void req_error(req_t *r, const char *field, const char *message);
int req_has_errors(const req_t *r);
/* Answers 422 with the collected errors; returns -1 so handlers can `return res_invalid(r)`. */
int res_invalid(req_t *r);
/* Answers 500, with the request id, after logging the internal reason. */
int res_internal(req_t *r, const char *why);
const char *http_reason(int status);
/* Vietnamese default title for a status. */
const char *http_problem_title(int status);

#endif
