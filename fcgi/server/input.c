/* Declared input: a JSON body or query is checked against a field table before a handler uses it.
 */
#include "server/input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"

size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

int input_is_date(const char *s) {
    /* The one strict parser (core/period): exactly YYYY-MM-DD, a real date, no sign, space or
     * trailing character; then the years this office can mean. */
    struct ymd d;
    return s && ymd_parse(s, &d) == 0 && d.y >= 1900 && d.y <= 2200;
}

static void set_null(const struct in_field *f) {
    switch (f->type) {
    case IN_STR:
    case IN_DATE:
    case IN_ENUM:
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

static int check_string(req_t *r, const struct in_field *f, const char *s) {
    char msg[160];
    size_t n = utf8_chars(s);
    if (f->type == IN_DATE) {
        if (!input_is_date(s)) {
            req_error(r, f->name, "Ngày không hợp lệ (định dạng YYYY-MM-DD).");
            return -1;
        }
    } else if (f->type == IN_ENUM) {
        for (const char *const *c = f->choices; c && *c; c++)
            if (strcmp(*c, s) == 0) goto ok;
        req_error(r, f->name, "Giá trị không nằm trong danh sách cho phép.");
        return -1;
    } else {
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
    }
ok:
    *(const char **)f->out = s;
    return 0;
}

static int check_int(req_t *r, const struct in_field *f, long long v) {
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

static int check_value(req_t *r, const struct in_field *f, json_t *v) {
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

int input_check(req_t *r, json_t *obj, const struct in_field *fields, size_t n) {
    if (!json_is_object(obj)) {
        req_error(r, "body", "Nội dung phải là một đối tượng JSON.");
        return res_invalid(r);
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(fields[i].name, key) == 0) break;
        if (i == n) req_error(r, key, "Trường này không được hỗ trợ.");
    }
    for (size_t i = 0; i < n; i++) {
        const struct in_field *f = &fields[i];
        v = json_object_get(obj, f->name);
        if (f->present) *f->present = v != NULL;
        if (!v) {
            if (f->required) req_error(r, f->name, "Trường này là bắt buộc.");
            continue;
        }
        check_value(r, f, v);
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static int query_value(req_t *r, const struct in_field *f, const char *s) {
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

int input_query(req_t *r, const struct in_field *fields, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const struct in_field *f = &fields[i];
        const char *s = req_query(r, f->name);
        if (f->present) *f->present = s != NULL && *s;
        if (!s || !*s) {
            if (f->required) req_error(r, f->name, "Tham số này là bắt buộc.");
            continue;
        }
        query_value(r, f, s);
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}
