/* report_tree: figure paths, corrections, sums and summaries of report figure trees. */
#include "core/report_tree.h"

#include <limits.h>
#include <string.h>

#define PATH_MAX_BYTES 200
#define PATH_MAX_SEGS  6

/* The row of array a whose string "key" is key (n bytes), or NULL. */
static json_t *keyed_row(const json_t *a, const char *key, size_t n) {
    size_t i;
    json_t *row;
    json_array_foreach(a, i, row) {
        json_t *k = json_object_get(row, "key");
        if (json_is_string(k) && json_string_length(k) == n &&
            memcmp(json_string_value(k), key, n) == 0)
            return row;
    }
    return NULL;
}

/* Members that name what a keyed row is about ("field_id": 12, "type": 3), not how many: the
 * integers of the contract's rows that are no counts. They are neither figures nor summed, or the
 * province's row for field 12 would say field 36 after three children were added up. */
static int row_identity(const char *name) {
    return strcmp(name, "field_id") == 0 || strcmp(name, "type") == 0;
}

/* The integer leaf at path, NULL when there is none; *bad set on bad syntax. */
static json_t *figure_at(const json_t *tables, const char *path, int *bad) {
    char seg[PATH_MAX_BYTES + 1];
    size_t len = path ? strnlen(path, PATH_MAX_BYTES + 1) : 0;
    int nseg = 0;
    *bad = 1;
    if (!path || len == 0 || len > PATH_MAX_BYTES) return NULL;
    /* the syntax first, so that a bad path is bad whatever the tree holds */
    for (const char *s = path;; s++) {
        const char *dot = strchr(s, '.');
        size_t n = dot ? (size_t)(dot - s) : strlen(s);
        if (n == 0 || ++nseg > PATH_MAX_SEGS) return NULL;
        if (!dot) break;
        s = dot;
    }
    *bad = 0;
    json_t *node = (json_t *)tables;
    int row = 0; /* node is a row found by its key */
    for (const char *s = path; node;) {
        const char *dot = strchr(s, '.');
        size_t n = dot ? (size_t)(dot - s) : strlen(s);
        memcpy(seg, s, n);
        seg[n] = '\0';
        if (json_is_object(node)) {
            node = row && row_identity(seg) ? NULL : json_object_get(node, seg);
            row = 0;
        } else if (json_is_array(node)) {
            node = keyed_row(node, seg, n);
            row = 1;
        } else {
            node = NULL;
        }
        if (!dot) break;
        s = dot + 1;
    }
    return json_is_integer(node) ? node : NULL;
}

int report_figure_get(const json_t *tables, const char *path, long long *value) {
    int bad;
    json_t *leaf = figure_at(tables, path, &bad);
    if (bad) return -1;
    if (!leaf) return 0;
    if (value) *value = (long long)json_integer_value(leaf);
    return 1;
}

json_t *report_apply_corrections(const json_t *computed, const json_t *corrections, int *applied) {
    json_t *copy = computed ? json_deep_copy(computed) : json_object();
    size_t i;
    json_t *c;
    int n = 0, bad;
    if (!copy) return NULL;
    json_array_foreach(corrections, i, c) {
        json_t *v = json_object_get(c, "value");
        json_t *leaf = figure_at(copy, json_string_value(json_object_get(c, "path")), &bad);
        /* figures are counts: a negative value is no figure and is skipped like a bad path */
        if (!leaf || !json_is_integer(v) || json_integer_value(v) < 0) continue;
        json_integer_set(leaf, json_integer_value(v));
        n++;
    }
    if (applied) *applied = n;
    return copy;
}

/* a + b, held at the largest integer rather than wrapping (counts never get there). */
static json_int_t sat_add(json_int_t a, json_int_t b) {
    json_int_t s;
    if (__builtin_add_overflow(a, b, &s))
        return b > 0 ? (json_int_t)LLONG_MAX : (json_int_t)LLONG_MIN;
    return s;
}

static int add_array(json_t *acc, const json_t *add);
static int add_object(json_t *acc, const json_t *add, int row);

/* One member of add into acc under name (row: both are keyed rows); -1 on no memory. */
static int add_member(json_t *acc, const char *name, json_t *b, int row) {
    json_t *a = json_object_get(acc, name);
    if (!a) return json_object_set_new(acc, name, json_deep_copy(b)) < 0 ? -1 : 0;
    if (row && row_identity(name)) return 0;
    if (json_is_integer(a) && json_is_integer(b))
        return json_integer_set(a, sat_add(json_integer_value(a), json_integer_value(b)));
    if (json_is_object(a) && json_is_object(b)) return report_tree_add(a, b);
    if (json_is_array(a) && json_is_array(b)) return add_array(a, b);
    return 0; /* strings and mismatched kinds: acc's stay */
}

/* Keyed rows of add summed into acc's rows of the same key, other elements appended. */
static int add_array(json_t *acc, const json_t *add) {
    size_t n = json_array_size(add); /* taken once: acc may be add, and grows */
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(add, i);
        json_t *k = json_object_get(row, "key");
        json_t *mine =
            json_is_string(k) ? keyed_row(acc, json_string_value(k), json_string_length(k)) : NULL;
        if (mine) {
            if (add_object(mine, row, 1) < 0) return -1;
        } else if (json_array_append_new(acc, json_deep_copy(row)) < 0) {
            return -1;
        }
    }
    return 0;
}

static int add_object(json_t *acc, const json_t *add, int row) {
    const char *name;
    json_t *b;
    json_object_foreach((json_t *)add, name, b) {
        if (add_member(acc, name, b, row) < 0) return -1;
    }
    return 0;
}

int report_tree_add(json_t *acc, const json_t *add) {
    if (acc && acc == add) { /* adding a tree to itself: from a copy, as it changes under us */
        json_t *copy = json_deep_copy(add);
        int r = copy ? report_tree_add(acc, copy) : -1;
        json_decref(copy);
        return r;
    }
    if (json_is_array(acc) && json_is_array(add)) return add_array(acc, add);
    if (!json_is_object(acc) || !json_is_object(add)) return 0;
    return add_object(acc, add, 0);
}

/* A copy of object o without member drop (NULL: none) into out under name; -1 on no memory. */
static int put_copy(json_t *out, const char *name, const json_t *o, const char *drop) {
    if (!json_is_object(o)) return 0;
    json_t *c = json_deep_copy(o);
    if (!c) return -1;
    if (drop) json_object_del(c, drop);
    return json_object_set_new(out, name, c) < 0 ? -1 : 0;
}

json_t *report_tree_summary(const json_t *tables) {
    if (!json_is_object(tables)) return NULL;
    json_t *out = json_object(), *dossiers = json_object();
    const json_t *d = json_object_get(tables, "dossiers");
    if (!out || !dossiers || put_copy(dossiers, "total", json_object_get(d, "total"), NULL) < 0 ||
        (json_object_size(dossiers) && json_object_set(out, "dossiers", dossiers) < 0) ||
        put_copy(out, "feedback", json_object_get(tables, "feedback"), "by_type") < 0 ||
        put_copy(out, "procedures", json_object_get(tables, "procedures"), NULL) < 0 ||
        put_copy(out, "plan", json_object_get(tables, "plan"), "overdue_list") < 0) {
        json_decref(dossiers);
        json_decref(out);
        return NULL;
    }
    json_decref(dossiers); /* out holds its own reference when it took it */
    return out;
}
