/* Declared input: a JSON body or query is checked against a field table before a handler uses it.
 */
#include "server/input.h"
#include "lib/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int input_is_date(const char *s) {
    /* The one strict parser (core/period): exactly YYYY-MM-DD, a real date, no sign, space or
     * trailing character; then the years this office can mean. */
    struct ymd d;
    return s && ymd_parse(s, &d) == 0 && d.y >= 1900 && d.y <= 2200;
}

const char *in_date_str(struct ymd d, char buf[11]) {
    if (!d.y) return NULL;
    ymd_format(d, buf);
    return buf;
}

const char *in_choice(const char *const *choices, int i) {
    return i < 0 ? NULL : choices[i];
}

/* One field being checked, whichever table it came from. typed: a declared route field (enum as
 * an index, date as struct ymd); otherwise an old-style in_field (both as strings). */
struct slot {
    const char *name;
    enum in_type type;
    int required, nullable, typed;
    long long min, max;
    const char *const *choices;
    void *out;
    int *present;
};

static struct slot slot_of_field(const struct in_field *f) {
    return (struct slot){f->name, f->type, f->required, f->nullable, 0,
                         f->min,  f->max,  f->choices,  f->out,      f->present};
}

static struct slot slot_of_decl(const struct in_decl *d, char *base) {
    return (struct slot){d->name,
                         d->type,
                         (d->flags & IN_REQUIRED) != 0,
                         (d->flags & IN_NULLABLE) != 0,
                         1,
                         d->min,
                         d->max,
                         d->choices,
                         base + d->off,
                         d->has_off == IN_NO_FLAG ? NULL : (int *)(base + d->has_off)};
}

static void set_null(const struct slot *f) {
    switch (f->type) {
    case IN_DATE:
        if (f->typed)
            *(struct ymd *)f->out = (struct ymd){0, 0, 0};
        else
            *(const char **)f->out = NULL;
        break;
    case IN_ENUM:
        if (f->typed)
            *(int *)f->out = -1;
        else
            *(const char **)f->out = NULL;
        break;
    case IN_STR:
        *(const char **)f->out = NULL;
        break;
    case IN_INT:
    case IN_ID:
        *(long long *)f->out = 0;
        break;
    case IN_BOOL:
        *(int *)f->out = 0;
        break;
    case IN_NUM:
        *(double *)f->out = 0;
        break;
    case IN_JSON:
        *(json_t **)f->out = NULL;
        break;
    }
}

static int check_date(req_t *r, const struct slot *f, const char *s) {
    struct ymd d;
    if (ymd_parse(s, &d) != 0 || d.y < 1900 || d.y > 2200) {
        req_error(r, f->name, "Ngày không hợp lệ (định dạng YYYY-MM-DD).");
        return -1;
    }
    if (f->typed)
        *(struct ymd *)f->out = d;
    else
        *(const char **)f->out = s;
    return 0;
}

static int check_enum(req_t *r, const struct slot *f, const char *s) {
    for (const char *const *c = f->choices; c && *c; c++)
        if (strcmp(*c, s) == 0) {
            if (f->typed)
                *(int *)f->out = (int)(c - f->choices);
            else
                *(const char **)f->out = s;
            return 0;
        }
    req_error(r, f->name, "Giá trị không nằm trong danh sách cho phép.");
    return -1;
}

static int check_string(req_t *r, const struct slot *f, const char *s) {
    if (f->type == IN_DATE) return check_date(r, f, s);
    if (f->type == IN_ENUM) return check_enum(r, f, s);
    char msg[160];
    size_t n = utf8_chars(s);
    if ((long long)n < f->min) {
        if (f->min <= 1)
            snprintf(msg, sizeof msg, "Không được để trống.");
        else
            snprintf(msg, sizeof msg, "Cần ít nhất %lld ký tự.", f->min);
        req_error(r, f->name, msg);
        return -1;
    }
    if (f->max > 0 && (long long)n > f->max) {
        snprintf(msg, sizeof msg, "Không được dài quá %lld ký tự.", f->max);
        req_error(r, f->name, msg);
        return -1;
    }
    *(const char **)f->out = s;
    return 0;
}

static int check_int(req_t *r, const struct slot *f, long long v) {
    char msg[160];
    long long min = f->type == IN_ID ? 1 : f->min;
    long long max = f->type == IN_ID ? (1LL << 53) : f->max;
    if (v < min || v > max) {
        if (f->type == IN_ID)
            snprintf(msg, sizeof msg, "Mã định danh không hợp lệ.");
        else
            snprintf(msg, sizeof msg, "Giá trị phải từ %lld đến %lld.", min, max);
        req_error(r, f->name, msg);
        return -1;
    }
    *(long long *)f->out = v;
    return 0;
}

static int check_value(req_t *r, const struct slot *f, json_t *v) {
    if (json_is_null(v)) {
        if (!f->nullable) {
            req_error(r, f->name, "Không được để trống.");
            return -1;
        }
        set_null(f);
        return 0;
    }
    switch (f->type) {
    case IN_STR:
    case IN_DATE:
    case IN_ENUM:
        if (!json_is_string(v)) break;
        return check_string(r, f, json_string_value(v));
    case IN_INT:
    case IN_ID:
        if (!json_is_integer(v)) break;
        return check_int(r, f, json_integer_value(v));
    case IN_BOOL:
        if (!json_is_boolean(v)) break;
        *(int *)f->out = json_is_true(v);
        return 0;
    case IN_NUM:
        if (!json_is_number(v)) break;
        if (json_number_value(v) < (double)f->min || json_number_value(v) > (double)f->max) {
            req_error(r, f->name, "Giá trị nằm ngoài khoảng cho phép.");
            return -1;
        }
        *(double *)f->out = json_number_value(v);
        return 0;
    case IN_JSON:
        if (!json_is_object(v) && !json_is_array(v)) break;
        *(json_t **)f->out = v;
        return 0;
    }
    static const char *const type_msg[] = {
        [IN_STR] = "Phải là chuỗi ký tự.",
        [IN_INT] = "Phải là số nguyên.",
        [IN_ID] = "Phải là mã định danh (số nguyên dương).",
        [IN_BOOL] = "Phải là true hoặc false.",
        [IN_DATE] = "Phải là ngày dạng YYYY-MM-DD.",
        [IN_ENUM] = "Phải là chuỗi ký tự.",
        [IN_NUM] = "Phải là số.",
        [IN_JSON] = "Phải là đối tượng hoặc mảng JSON.",
    };
    req_error(r, f->name, type_msg[f->type]);
    return -1;
}

/* Typed enums read -1 when absent, so that a handler can tell "not given" from choice 0. */
static void set_absent(const struct slot *f) {
    if (f->typed && f->type == IN_ENUM) *(int *)f->out = -1;
}

static void body_slot(req_t *r, const struct slot *f, json_t *obj) {
    json_t *v = json_object_get(obj, f->name);
    if (f->present) *f->present = v != NULL;
    if (!v) {
        set_absent(f);
        if (f->required) req_error(r, f->name, "Trường này là bắt buộc.");
        return;
    }
    check_value(r, f, v);
}

static int body_is_object(req_t *r, json_t *obj) {
    if (json_is_object(obj)) return 1;
    req_error(r, "body", "Nội dung phải là một đối tượng JSON.");
    return 0;
}

int input_check(req_t *r, json_t *obj, const struct in_field *fields, size_t n) {
    if (!body_is_object(r, obj)) return res_invalid(r);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(fields[i].name, key) == 0) break;
        if (i == n) req_error(r, key, "Trường này không được hỗ trợ.");
    }
    for (size_t i = 0; i < n; i++) {
        struct slot s = slot_of_field(&fields[i]);
        body_slot(r, &s, obj);
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static int query_value(req_t *r, const struct slot *f, const char *s) {
    if (f->type == IN_INT || f->type == IN_ID) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!*s || *end || errno) {
            req_error(r, f->name, "Phải là số nguyên.");
            return -1;
        }
        return check_int(r, f, v);
    }
    if (f->type == IN_BOOL) {
        if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
            *(int *)f->out = 1;
        else if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
            *(int *)f->out = 0;
        else {
            req_error(r, f->name, "Phải là 1/0 hoặc true/false.");
            return -1;
        }
        return 0;
    }
    if (f->type == IN_NUM) {
        char *end;
        double d = strtod(s, &end);
        if (!*s || *end || d < (double)f->min || d > (double)f->max) {
            req_error(r, f->name, "Giá trị không hợp lệ.");
            return -1;
        }
        *(double *)f->out = d;
        return 0;
    }
    if (f->type == IN_JSON) return -1;
    return check_string(r, f, s);
}

static void query_slot(req_t *r, const struct slot *f) {
    const char *s = req_query(r, f->name);
    if (f->present) *f->present = s != NULL && *s;
    if (!s || !*s) {
        set_absent(f);
        if (f->required) req_error(r, f->name, "Tham số này là bắt buộc.");
        return;
    }
    query_value(r, f, s);
}

int input_query(req_t *r, const struct in_field *fields, size_t n) {
    for (size_t i = 0; i < n; i++) {
        struct slot s = slot_of_field(&fields[i]);
        query_slot(r, &s);
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

/* The shared paging piece of a declared list query. */
static const struct in_decl page_decls[] = {
    IN_FIELD(struct page, page, IN_INT, 0, 1, 1000000, NULL),
    IN_FIELD(struct page, per_page, IN_INT, 0, 1, 0, NULL),
};

static void query_page(req_t *r, const struct in_spec *spec, char *base) {
    struct page *pg = (struct page *)(base + spec->page_off);
    pg->page = 1;
    pg->per_page = spec->per_page_def;
    for (size_t i = 0; i < 2; i++) {
        struct slot s = slot_of_decl(&page_decls[i], (char *)pg);
        if (i == 1) s.max = spec->per_page_max;
        query_slot(r, &s);
    }
    pg->offset = (pg->page - 1) * pg->per_page;
}

int input_declared_query(req_t *r, const struct in_spec *spec, void **out) {
    char *base = calloc(1, spec->size ? spec->size : 1);
    *out = base;
    if (!base) return res_internal(r, "out of memory for the query input");
    for (size_t i = 0; i < spec->n; i++) {
        struct slot s = slot_of_decl(&spec->fields[i], base);
        query_slot(r, &s);
    }
    if (spec->per_page_max > 0) query_page(r, spec, base);
    return req_has_errors(r) ? res_invalid(r) : 0;
}

int input_declared_body(req_t *r, const struct in_spec *spec, json_t *obj, void **out) {
    char *base = calloc(1, spec->size ? spec->size : 1);
    *out = base;
    if (!base) return res_internal(r, "out of memory for the body input");
    if (!body_is_object(r, obj)) return res_invalid(r);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t i;
        for (i = 0; i < spec->n; i++)
            if (strcmp(spec->fields[i].name, key) == 0) break;
        if (i == spec->n) req_error(r, key, "Trường này không được hỗ trợ.");
    }
    for (size_t i = 0; i < spec->n; i++) {
        struct slot s = slot_of_decl(&spec->fields[i], base);
        body_slot(r, &s, obj);
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static const char *const type_names[] = {
    [IN_STR] = "string", [IN_INT] = "integer", [IN_ID] = "id",      [IN_BOOL] = "boolean",
    [IN_DATE] = "date",  [IN_ENUM] = "enum",   [IN_NUM] = "number", [IN_JSON] = "json",
};

static json_t *decl_json(const struct in_decl *d, const char *in, long long max_override) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", d->name, "in", in, "type",
                          type_names[d->type], "required", (d->flags & IN_REQUIRED) != 0,
                          "nullable", (d->flags & IN_NULLABLE) != 0);
    long long max = max_override ? max_override : d->max;
    if (d->type == IN_ENUM) {
        json_t *c = json_array();
        for (const char *const *p = d->choices; p && *p; p++)
            json_array_append_new(c, json_string(*p));
        json_object_set_new(o, "enum", c);
    } else if (d->type == IN_ID) {
        json_object_set_new(o, "min", json_integer(1));
    } else if (d->type == IN_INT || d->type == IN_NUM) {
        json_object_set_new(o, "min", json_integer(d->min));
        json_object_set_new(o, "max", json_integer(max));
    } else if (d->type == IN_STR) {
        if (d->min > 0) json_object_set_new(o, "min", json_integer(d->min));
        if (max > 0) json_object_set_new(o, "max", json_integer(max));
    }
    return o;
}

json_t *input_spec_json(const struct in_spec *spec, const char *in) {
    json_t *a = json_array();
    if (!spec) return a;
    for (size_t i = 0; i < spec->n; i++)
        json_array_append_new(a, decl_json(&spec->fields[i], in, 0));
    if (spec->per_page_max > 0) {
        json_array_append_new(a, decl_json(&page_decls[0], in, 0));
        json_t *pp = decl_json(&page_decls[1], in, spec->per_page_max);
        json_object_set_new(pp, "default", json_integer(spec->per_page_def));
        json_array_append_new(a, pp);
    }
    return a;
}
