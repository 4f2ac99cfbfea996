/* One HTTP request as seen through FastCGI: parsing of path, query, cookies, headers and body. */
#include "server/http.h"

#include <ctype.h>
#include <errno.h>
#include <fcgiapp.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long http_percent_decode(const char *in, size_t len, char *out, int plus_is_space) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= len) return -1;
            int h = hexval((unsigned char)in[i + 1]), l = hexval((unsigned char)in[i + 2]);
            if (h < 0 || l < 0) return -1;
            c = (char)(h * 16 + l);
            /* An encoded NUL would truncate C strings silently: refuse it. */
            if (c == '\0') return -1;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        } else if (c == '\0') {
            return -1;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return (long)o;
}

/* Appends (k, v), taking ownership of both: they are freed here when the append fails, or when
 * either is NULL (an allocation of the caller failed), so callers never free them again. */
static int kvlist_push(struct kvlist *l, char *k, char *v) {
    struct kv *n = k && v ? realloc(l->items, (l->n + 1) * sizeof *n) : NULL;
    if (!n) {
        free(k);
        free(v);
        return -1;
    }
    l->items = n;
    l->items[l->n].key = k;
    l->items[l->n].val = v;
    l->n++;
    return 0;
}

void kvlist_free(struct kvlist *l) {
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].key);
        free(l->items[i].val);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

const char *kvlist_get(const struct kvlist *l, const char *key) {
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0) return l->items[i].val;
    return NULL;
}

static char *decode_part(const char *s, size_t n, int plus) {
    char *o = malloc(n + 1);
    if (!o) return NULL;
    if (http_percent_decode(s, n, o, plus) < 0) {
        free(o);
        return NULL;
    }
    return o;
}

/* Query strings: "a=1&b=2&a=3"; repeated keys are all kept, in order. Returns -1 on a bad escape.
 */
int http_parse_query(const char *qs, struct kvlist *out) {
    out->items = NULL;
    out->n = 0;
    if (!qs) return 0;
    const char *p = qs;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (n > 0) {
            const char *eq = memchr(p, '=', n);
            size_t kn = eq ? (size_t)(eq - p) : n;
            char *k = decode_part(p, kn, 1);
            char *v = eq ? decode_part(eq + 1, n - kn - 1, 1) : strdup("");
            /* kvlist_push owns k and v even when it fails (freeing them here too was a double
             * free when realloc failed). */
            if (kvlist_push(out, k, v) < 0) {
                kvlist_free(out);
                return -1;
            }
        }
        p += n;
        if (*p == '&') p++;
    }
    return 0;
}

/* Cookie header: "a=1; b=2". Values are taken verbatim (no percent-decoding), quotes stripped. */
int http_parse_cookies(const char *h, struct kvlist *out) {
    out->items = NULL;
    out->n = 0;
    if (!h) return 0;
    const char *p = h;
    while (*p) {
        while (*p == ' ' || *p == ';' || *p == '\t') p++;
        if (!*p) break;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (eq) {
            size_t kn = (size_t)(eq - p);
            while (kn > 0 && p[kn - 1] == ' ') kn--;
            const char *v = eq + 1;
            size_t vn = n - (size_t)(v - p);
            while (vn > 0 && v[vn - 1] == ' ') vn--;
            if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
                v++;
                vn -= 2;
            }
            if (kn > 0 && kvlist_push(out, strndup(p, kn), strndup(v, vn)) < 0) {
                kvlist_free(out);
                return -1;
            }
        }
        p += n;
    }
    return 0;
}

void req_init(req_t *r, char **env) {
    memset(r, 0, sizeof *r);
    r->env = env;
    buf_init(&r->headers);
    buf_init(&r->out);
}

void req_free(req_t *r) {
    free(r->path);
    kvlist_free(&r->query);
    kvlist_free(&r->cookies);
    free(r->body);
    json_decref(r->json);
    json_decref(r->errors);
    free((void *)r->query_in);
    free((void *)r->body_in);
    for (int i = 0; i < r->nparams; i++) free(r->params[i]);
    buf_free(&r->headers);
    buf_free(&r->out);
    json_decref(r->out_json);
}

const char *req_env(const req_t *r, const char *name) {
    if (!r->env) return NULL;
    return FCGX_GetParam(name, r->env);
}

const char *req_header(const req_t *r, const char *name) {
    char key[128] = "HTTP_";
    size_t i = 5;
    for (const char *p = name; *p && i < sizeof key - 1; p++)
        key[i++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    key[i] = '\0';
    if (strcmp(key, "HTTP_CONTENT_TYPE") == 0) return req_env(r, "CONTENT_TYPE");
    if (strcmp(key, "HTTP_CONTENT_LENGTH") == 0) return req_env(r, "CONTENT_LENGTH");
    return req_env(r, key);
}

int req_parse(req_t *r) {
    r->method = req_env(r, "REQUEST_METHOD");
    if (!r->method) r->method = "GET";
    const char *rid = req_env(r, "REQUEST_ID");
    if (rid && *rid && strlen(rid) < sizeof r->request_id) {
        strcpy(r->request_id, rid);
    } else {
        static const char hex[] = "0123456789abcdef";
        unsigned char raw[16];
        FILE *f = fopen("/dev/urandom", "rb");
        size_t got = f ? fread(raw, 1, sizeof raw, f) : 0;
        if (f) fclose(f);
        for (size_t i = 0; i < 16; i++) {
            unsigned char b = i < got ? raw[i] : (unsigned char)rand();
            r->request_id[2 * i] = hex[b >> 4];
            r->request_id[2 * i + 1] = hex[b & 15];
        }
        r->request_id[32] = '\0';
    }
    /* DOCUMENT_URI is already decoded by nginx; REQUEST_URI keeps the raw form we decode. */
    const char *uri = req_env(r, "REQUEST_URI");
    if (!uri) uri = "/";
    const char *q = strchr(uri, '?');
    size_t plen = q ? (size_t)(q - uri) : strlen(uri);
    r->path = decode_part(uri, plen, 0);
    if (!r->path) return 400;
    const char *qs = req_env(r, "QUERY_STRING");
    if (http_parse_query(qs, &r->query) < 0) return 400;
    if (http_parse_cookies(req_env(r, "HTTP_COOKIE"), &r->cookies) < 0) return 400;
    return 0;
}

const char *req_query(const req_t *r, const char *key) {
    return kvlist_get(&r->query, key);
}

size_t req_query_all(const req_t *r, const char *key, const char **out, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < r->query.n && n < max; i++)
        if (strcmp(r->query.items[i].key, key) == 0) out[n++] = r->query.items[i].val;
    return n;
}

const char *req_cookie(const req_t *r, const char *name) {
    return kvlist_get(&r->cookies, name);
}

const char *req_param(const req_t *r, const char *name) {
    for (int i = 0; i < r->nparams; i++)
        if (strcmp(r->param_names[i], name) == 0) return r->params[i];
    return NULL;
}

long long req_param_id(const req_t *r, const char *name) {
    const char *s = req_param(r, name);
    if (!s || !*s || strlen(s) > 18) return 0;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p)) return 0;
    return strtoll(s, NULL, 10);
}

const char *req_remote_addr(const req_t *r) {
    const char *a = req_env(r, "REMOTE_ADDR");
    return a ? a : "";
}

/* Discards what is left of the body so that nginx is not cut off mid-send. */
static void drain_input(req_t *r) {
    char scratch[16384];
    if (!r->in) return;
    while (FCGX_GetStr(scratch, sizeof scratch, r->in) > 0) {
    }
}

void req_discard_body(req_t *r) {
    drain_input(r);
}

int req_read_body(req_t *r, long cap) {
    const char *cl = req_env(r, "CONTENT_LENGTH");
    long declared = 0;
    if (cl && *cl) {
        char *end;
        errno = 0;
        declared = strtol(cl, &end, 10);
        if (errno || *end || declared < 0) return 400;
    }
    if (declared > cap) {
        drain_input(r);
        return 413;
    }
    if (r->body) return 0; /* already provided (tests) */
    size_t want = (size_t)declared;
    r->body = malloc(want + 1);
    if (!r->body) return 500;
    size_t got = 0;
    /* FCGX_GetStr takes an int and may return short reads: loop until EOF or the declared length.
     */
    while (r->in && got < want) {
        size_t chunk = want - got;
        if (chunk > (1u << 20)) chunk = 1u << 20;
        int n = FCGX_GetStr(r->body + got, (int)chunk, r->in);
        if (n <= 0) break;
        got += (size_t)n;
    }
    r->body[got] = '\0';
    r->body_len = got;
    if (got < want) return 400;
    return 0;
}

int req_json(req_t *r) {
    json_error_t err;
    if (r->json) return 0; /* parsed already (a declared body): its values borrow from it */
    if (r->body_len == 0) {
        res_problem(r, 400, "Thiếu dữ liệu", "Yêu cầu cần có nội dung JSON.");
        return -1;
    }
    r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!r->json) {
        int dup = json_error_code(&err) == json_error_duplicate_key;
        char detail[256];
        snprintf(detail, sizeof detail, "%s tại dòng %d, cột %d.",
                 dup ? "JSON có khóa bị lặp lại" : "JSON không hợp lệ", err.line, err.column);
        json_t *body =
            json_pack("{s:s, s:s, s:i, s:s, s:s, s:i, s:i, s:[{s:s, s:s}]}", "type", "about:blank",
                      "title", "Dữ liệu JSON không hợp lệ", "status", 400, "detail", detail,
                      "request_id", r->request_id, "line", err.line, "column", err.column, "errors",
                      "field", "body", "message", detail);
        res_raw(r, 400, "application/problem+json", NULL, 0);
        r->out.len = 0;
        char *s = json_dumps(body, JSON_COMPACT);
        json_decref(body);
        if (s) {
            buf_puts(&r->out, s);
            free(s);
        }
        return -1;
    }
    if (!json_is_object(r->json)) {
        res_problem(r, 400, "Dữ liệu JSON không hợp lệ", "Nội dung phải là một đối tượng JSON.");
        return -1;
    }
    return 0;
}
