/* Claims read from a verified token: a value at a dotted path, a list of strings. */
#include "lib/token.h"

#include <string.h>

#define CLAIM_PATH_MAX   256
#define CLAIM_PATH_DEPTH 16

/* Tries the whole remaining path as one key, then each dot as a separator. */
static json_t *path_walk(json_t *obj, const char *p, size_t len, int depth) {
    if (!json_is_object(obj) || depth > CLAIM_PATH_DEPTH) return NULL;
    json_t *v = json_object_getn(obj, p, len);
    if (v) return v;
    for (size_t i = 0; i < len; i++) {
        if (p[i] != '.') continue;
        json_t *child = json_object_getn(obj, p, i);
        json_t *r = child ? path_walk(child, p + i + 1, len - i - 1, depth + 1) : NULL;
        if (r) return r;
    }
    return NULL;
}

json_t *token_claim_path(json_t *claims, const char *path) {
    if (!claims || !path || !*path) return NULL;
    size_t len = strnlen(path, CLAIM_PATH_MAX + 1);
    return len > CLAIM_PATH_MAX ? NULL : path_walk(claims, path, len, 0);
}

/* Trimmed copy into out; 0 if empty or too long (a truncated role could name another role). */
static int copy_item(char *out, const char *s, size_t len) {
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len == 0 || len > 63 || memchr(s, '\0', len)) return 0;
    memcpy(out, s, len);
    out[len] = '\0';
    return 1;
}

int token_claim_strings(json_t *v, char out[][64], int max) {
    int n = 0;
    if (!v) return 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (n >= max) break;
            if (json_is_string(e))
                n += copy_item(out[n], json_string_value(e), json_string_length(e));
        }
        return n;
    }
    if (!json_is_string(v)) return -1;
    const char *s = json_string_value(v), *end = s + json_string_length(v);
    while (s < end && n < max) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        size_t len = comma ? (size_t)(comma - s) : (size_t)(end - s);
        n += copy_item(out[n], s, len);
        s += len + 1;
    }
    return n;
}
