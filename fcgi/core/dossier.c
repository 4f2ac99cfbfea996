/* dossier: validation of one dossier row (JSON or CSV cells), ISO 8601 times, input splitting. */
#include "core/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "lib/utf8.h"
#include "core/vnfold.h"

const char *const dossier_fields[] = {
    "code",
    "procedure_code",
    "unit_code",
    "channel",
    "online_level",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_count",
    "digitized",
    "result_electronic",
    "reused_data",
    "fee",
    "paid_online",
    "rating",
    "apology_issued",
    "internal_transfer",
    "handler_name",
    "handler_code",
    NULL,
};

enum {
    F_CODE,
    F_PROCEDURE,
    F_UNIT,
    F_CHANNEL,
    F_ONLINE_LEVEL,
    F_RECEIVED,
    F_DUE,
    F_FINISHED,
    F_RETURNED,
    F_STATUS,
    F_SUPPLEMENT,
    F_DIGITIZED,
    F_RESULT_ELECTRONIC,
    F_REUSED,
    F_FEE,
    F_PAID_ONLINE,
    F_RATING,
    F_APOLOGY,
    F_INTERNAL,
    F_HANDLER_NAME,
    F_HANDLER_CODE,
};

/* Earliest and latest years accepted in a dossier time: outside them a value is a typo. */
#define YEAR_MIN 1990
#define YEAR_MAX 2100

static int dig(const char *s, size_t n, int *out) {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int dossier_parse_time(const char *s, size_t len, int allow_date, long long *out, int *is_date) {
    struct ymd d;
    char day[11];
    if (!s || len < 10) return -1;
    /* The date part through the one strict parser (core/period). */
    memcpy(day, s, 10);
    day[10] = '\0';
    if (ymd_parse(day, &d) < 0) return -1;
    long long days = ymd_to_days(d);
    if (len == 10) {
        if (!allow_date) return -1;
        *out = days * 86400LL;
        if (is_date) *is_date = 1;
        return 0;
    }
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return -1;
    size_t p = 11;
    int hh, mm, ss = 0;
    if (len < p + 5 || dig(s + p, 2, &hh) || s[p + 2] != ':' || dig(s + p + 3, 2, &mm)) return -1;
    p += 5;
    if (p < len && s[p] == ':') {
        if (len < p + 3 || dig(s + p + 1, 2, &ss)) return -1;
        p += 3;
        if (p < len && (s[p] == '.' || s[p] == ',')) {
            size_t q = p + 1;
            while (q < len && s[q] >= '0' && s[q] <= '9') q++;
            if (q == p + 1) return -1;
            p = q; /* fractions of a second never move a date: dropped */
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) return -1;
    if (ss == 60) ss = 59;   /* a leap second stays in its minute */
    if (p >= len) return -1; /* no offset: ambiguous */
    long off;
    if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == len) {
        off = 0;
    } else if (s[p] == '+' || s[p] == '-') {
        int oh, om = 0;
        size_t r = len - p - 1;
        const char *o = s + p + 1;
        if (r == 2) {
            if (dig(o, 2, &oh)) return -1;
        } else if (r == 4) {
            if (dig(o, 2, &oh) || dig(o + 2, 2, &om)) return -1;
        } else if (r == 5 && o[2] == ':') {
            if (dig(o, 2, &oh) || dig(o + 3, 2, &om)) return -1;
        } else {
            return -1;
        }
        if (oh > 14 || om > 59) return -1;
        off = (oh * 3600L + om * 60L) * (s[p] == '-' ? -1 : 1);
    } else {
        return -1;
    }
    long long wall = days * 86400LL + hh * 3600LL + mm * 60LL + ss;
    *out = wall - off + DOSSIER_LOCAL_OFFSET;
    if (is_date) *is_date = 0;
    return 0;
}

long dossier_day(long long t) {
    long long q = t / 86400;
    if (t % 86400 != 0 && t < 0) q--;
    return (long)q;
}

void dossier_format_time(long long t, char out[20]) {
    long day = dossier_day(t);
    long long sec = t - (long long)day * 86400LL;
    struct ymd d = days_to_ymd(day);
    /* By hand, not snprintf: an ingest formats four times for each of its 50,000 rows. */
    ymd_format(d, out);
    unsigned hms[3] = {(unsigned)(sec / 3600) % 24, (unsigned)(sec / 60 % 60),
                       (unsigned)(sec % 60)};
    for (int k = 0; k < 3; k++) {
        out[10 + 3 * k] = k ? ':' : ' ';
        out[11 + 3 * k] = (char)('0' + hms[k] / 10);
        out[12 + 3 * k] = (char)('0' + hms[k] % 10);
    }
    out[19] = '\0';
}

void dossier_init(struct dossier *d) {
    memset(d, 0, sizeof *d);
    d->received = d->due = d->finished = d->returned = DOSSIER_NO_TIME;
}

int dossier_field_index(const char *name, size_t len) {
    for (int i = 0; dossier_fields[i]; i++)
        if (strlen(dossier_fields[i]) == len && memcmp(dossier_fields[i], name, len) == 0) return i;
    return -1;
}

/* Valid UTF-8 without control characters; returns the number of characters or -1. */
static long text_chars(const unsigned char *s, size_t n) {
    long chars = 0;
    for (size_t i = 0; i < n; chars++) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0 || cp < 0x20 || cp == 0x7F) return -1;
        i += k;
    }
    return chars;
}

/* Folded (no diacritics, lower case, single spaces) copy of a short value for word matching. */
static void fold(const char *v, size_t len, char *out, size_t cap) {
    if (len > 64) len = 64;
    vnfold(v, len, out, cap);
}

static int word_of(const char *v, size_t len, const char *const *words, const int *codes) {
    /* Feeds send the English words: an exact match needs no folding. */
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], v, len) == 0) return codes[i];
    char f[80];
    fold(v, len, f, sizeof f);
    for (int i = 0; words[i]; i++)
        if (strcmp(f, words[i]) == 0) return codes[i];
    return 0;
}

static const char *const CH_W[] = {"direct",     "online",    "postal", "truc tiep",
                                   "truc tuyen", "buu chinh", "dvcbc",  NULL};
static const int CH_C[] = {CH_DIRECT, CH_ONLINE, CH_POSTAL, CH_DIRECT,
                           CH_ONLINE, CH_POSTAL, CH_POSTAL};
static const char *const OL_W[] = {"full", "partial", "toan trinh", "mot phan", NULL};
static const int OL_C[] = {OL_FULL, OL_PARTIAL, OL_FULL, OL_PARTIAL};
static const char *const ST_W[] = {"received", "processing", "supplement", "finished",
                                   "returned", "rejected",   "withdrawn",  NULL};
static const int ST_C[] = {ST_RECEIVED, ST_PROCESSING, ST_SUPPLEMENT, ST_FINISHED,
                           ST_RETURNED, ST_REJECTED,   ST_WITHDRAWN};
static const char *const RT_W[] = {"satisfied",   "normal",         "unsatisfied",  "hai long",
                                   "binh thuong", "khong hai long", "rat hai long", NULL};
static const int RT_C[] = {RT_SATISFIED, RT_NORMAL,      RT_UNSATISFIED, RT_SATISFIED,
                           RT_NORMAL,    RT_UNSATISFIED, RT_SATISFIED};
static const char *const BOOL_W[] = {"1",     "0", "true", "false", "co",
                                     "khong", "x", "yes",  "no",    NULL};
static const int BOOL_C[] = {2, 1, 2, 1, 2, 1, 2, 2, 1}; /* 2 = true, 1 = false */

static int set_string(char *dst, size_t cap, const char *v, size_t len, long maxchars,
                      const char *field, dossier_err_fn err, void *ctx) {
    long n = text_chars((const unsigned char *)v, len);
    if (n < 0 || len >= cap) {
        err(ctx, field, "Chứa ký tự không hợp lệ.");
        return -1;
    }
    if (n > maxchars) {
        char m[96];
        snprintf(m, sizeof m, "Tối đa %ld ký tự.", maxchars);
        err(ctx, field, m);
        return -1;
    }
    memcpy(dst, v, len);
    dst[len] = '\0';
    return 0;
}

static int set_time(long long *dst, const char *v, size_t len, int allow_date, int *is_date,
                    const char *field, dossier_err_fn err, void *ctx) {
    long long t;
    int date = 0;
    if (dossier_parse_time(v, len, allow_date, &t, &date) < 0) {
        err(ctx, field,
            allow_date
                ? "Thời điểm phải theo ISO 8601 có múi giờ (ví dụ 2024-03-05T08:15:00+07:00) "
                  "hoặc là ngày YYYY-MM-DD."
                : "Thời điểm phải theo ISO 8601 có múi giờ, ví dụ "
                  "2024-03-05T08:15:00+07:00.");
        return -1;
    }
    struct ymd d = days_to_ymd(dossier_day(t));
    if (d.y < YEAR_MIN || d.y > YEAR_MAX) {
        err(ctx, field, "Năm phải trong khoảng 1990–2100.");
        return -1;
    }
    *dst = t;
    if (is_date) *is_date = date;
    return 0;
}

static int set_int(long long *dst, const char *v, size_t len, long long max, const char *field,
                   dossier_err_fn err, void *ctx) {
    char tmp[40];
    if (len == 0 || len >= sizeof tmp) goto bad;
    memcpy(tmp, v, len);
    tmp[len] = '\0';
    char *end;
    double x = strtod(tmp, &end);
    /* 50000 and 50000.0 are the same amount; 12.5 VND or "abc" are not amounts. */
    if (*end || x != x || x < 0 || x > (double)max || x != (double)(long long)x) goto bad;
    *dst = (long long)x;
    return 0;
bad:;
    char m[120];
    snprintf(m, sizeof m, "Phải là số nguyên từ 0 đến %lld.", max);
    err(ctx, field, m);
    return -1;
}

int dossier_set_text(struct dossier *d, const char *name, const char *v, size_t len,
                     dossier_err_fn err, void *ctx) {
    int f = dossier_field_index(name, strlen(name));
    if (f < 0) {
        err(ctx, name, "Trường không được hỗ trợ.");
        return -1;
    }
    if (len == 0) return 0; /* absent: the default stays */
    long long n;
    int w;
    switch (f) {
    case F_CODE:
        return set_string(d->code, sizeof d->code, v, len, DOSSIER_CODE_MAX, name, err, ctx);
    case F_PROCEDURE:
        return set_string(d->procedure_code, sizeof d->procedure_code, v, len, DOSSIER_CODE_MAX,
                          name, err, ctx);
    case F_UNIT:
        return set_string(d->unit_code, sizeof d->unit_code, v, len, DOSSIER_UNIT_MAX, name, err,
                          ctx);
    case F_HANDLER_NAME:
        return set_string(d->handler_name, sizeof d->handler_name, v, len, DOSSIER_HANDLER_NAME_MAX,
                          name, err, ctx);
    case F_HANDLER_CODE:
        return set_string(d->handler_code, sizeof d->handler_code, v, len, DOSSIER_HANDLER_CODE_MAX,
                          name, err, ctx);
    case F_CHANNEL:
        if (!(w = word_of(v, len, CH_W, CH_C))) {
            err(ctx, name, "Kênh tiếp nhận phải là direct, online hoặc postal.");
            return -1;
        }
        d->channel = w;
        return 0;
    case F_ONLINE_LEVEL:
        if (!(w = word_of(v, len, OL_W, OL_C))) {
            err(ctx, name, "Mức độ trực tuyến phải là full, partial hoặc để trống.");
            return -1;
        }
        d->online_level = w;
        return 0;
    case F_RECEIVED:
        return set_time(&d->received, v, len, 0, NULL, name, err, ctx);
    case F_DUE:
        return set_time(&d->due, v, len, 1, &d->due_is_date, name, err, ctx);
    case F_FINISHED:
        return set_time(&d->finished, v, len, 0, NULL, name, err, ctx);
    case F_RETURNED:
        return set_time(&d->returned, v, len, 0, NULL, name, err, ctx);
    case F_STATUS:
        if (!(w = word_of(v, len, ST_W, ST_C))) {
            err(ctx, name,
                "Trạng thái phải là received, processing, supplement, finished, returned, "
                "rejected hoặc withdrawn.");
            return -1;
        }
        d->status = w;
        return 0;
    case F_SUPPLEMENT:
        if (set_int(&n, v, len, 1000, name, err, ctx) < 0) return -1;
        d->supplement_count = (int)n;
        return 0;
    case F_FEE:
        if (set_int(&n, v, len, 1000000000000000LL, name, err, ctx) < 0) return -1;
        d->fee = n;
        return 0;
    case F_RATING:
        if (!(w = word_of(v, len, RT_W, RT_C))) {
            err(ctx, name, "Mức đánh giá phải là satisfied, normal, unsatisfied hoặc để trống.");
            return -1;
        }
        d->rating = w;
        return 0;
    default: {
        if (!(w = word_of(v, len, BOOL_W, BOOL_C))) {
            err(ctx, name, "Phải là true hoặc false.");
            return -1;
        }
        int b = w == 2;
        if (f == F_DIGITIZED)
            d->digitized = b;
        else if (f == F_RESULT_ELECTRONIC)
            d->result_electronic = b;
        else if (f == F_REUSED)
            d->reused_data = b;
        else if (f == F_PAID_ONLINE)
            d->paid_online = b;
        else if (f == F_INTERNAL)
            d->internal_transfer = b;
        else
            d->apology_issued = b;
        return 0;
    }
    }
}

/* One value of a JSON row, from either reader: text is a string's bytes (is_string) or the
 * literal or integer as written. Sets the field's bit in *present unless the value was refused
 * before being looked at. Returns the number of errors (0 or 1). */
static int take_value(struct dossier *d, int f, const char *key, int is_string, const char *text,
                      size_t len, int *present, dossier_err_fn err, void *ctx) {
    if (is_string && len == 0) {
        *present |= 1 << f;
        if (f != F_PROCEDURE && f != F_ONLINE_LEVEL && f != F_RATING && f != F_DUE &&
            f != F_FINISHED && f != F_RETURNED && f != F_HANDLER_NAME && f != F_HANDLER_CODE) {
            err(ctx, key, "Không được để trống.");
            return 1;
        }
        return 0;
    }
    if (is_string && memchr(text, '\0', len)) {
        err(ctx, key, "Chứa ký tự không hợp lệ.");
        return 1;
    }
    *present |= 1 << f;
    return dossier_set_text(d, key, text, len, err, ctx) < 0;
}

int dossier_from_json(struct dossier *d, json_t *obj, dossier_err_fn err, void *ctx) {
    if (!json_is_object(obj)) {
        err(ctx, "row", "Mỗi hồ sơ phải là một đối tượng JSON.");
        return 1;
    }
    int errors = 0, present = 0;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int f = dossier_field_index(key, strlen(key));
        if (f < 0) {
            err(ctx, key, "Trường không được hỗ trợ.");
            errors++;
            continue;
        }
        char num[48];
        const char *text = num;
        size_t len;
        switch (json_typeof(v)) {
        case JSON_NULL:
            continue;
        case JSON_STRING:
            text = json_string_value(v);
            len = json_string_length(v);
            break;
        case JSON_TRUE:
            len = (size_t)snprintf(num, sizeof num, "true");
            break;
        case JSON_FALSE:
            len = (size_t)snprintf(num, sizeof num, "false");
            break;
        case JSON_INTEGER:
            len = (size_t)snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            break;
        case JSON_REAL:
            len = (size_t)snprintf(num, sizeof num, "%.17g", json_real_value(v));
            break;
        default:
            err(ctx, key, "Phải là một giá trị đơn (chuỗi, số hoặc true/false).");
            errors++;
            continue;
        }
        errors += take_value(d, f, key, json_is_string(v), text, len, &present, err, ctx);
    }
    return errors + dossier_check(d, present, err, ctx);
}

/* --- the plain row: one flat object of known keys, read without building it --- */

static int is_json_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A string without escapes or control characters, in valid UTF-8, at s[p] == '"': its bytes
 * are [*a, *b) and the index past its closing quote is returned; 0 for anything else. */
static size_t plain_string(const char *s, size_t len, size_t p, size_t *a, size_t *b) {
    size_t q = p + 1;
    while (q < len && s[q] != '"') {
        unsigned char c = (unsigned char)s[q];
        if (c == '\\' || c < 0x20) return 0;
        q++;
    }
    if (q >= len || utf8_valid_prefix(s + p + 1, q - p - 1) != q - p - 1) return 0;
    *a = p + 1;
    *b = q;
    return q + 1;
}

/* A value the plain reader takes at s[p]: a plain string, true, false, null, or an integer of
 * at most 18 digits without sign (the text is then what jansson's integer prints as). */
static size_t plain_value(const char *s, size_t len, size_t p, size_t *a, size_t *b, int *kind) {
    static const char *const lit[] = {"true", "false", "null"};
    if (s[p] == '"') {
        *kind = 1;
        return plain_string(s, len, p, a, b);
    }
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(lit[i]);
        if (len - p >= n && memcmp(s + p, lit[i], n) == 0) {
            *kind = i == 2 ? 2 : 0;
            *a = p;
            *b = p + n;
            return p + n;
        }
    }
    size_t q = p;
    while (q < len && s[q] >= '0' && s[q] <= '9') q++;
    if (q == p || q - p > 18 || (s[p] == '0' && q - p > 1)) return 0;
    if (q < len && !is_json_ws(s[q]) && s[q] != ',' && s[q] != '}') return 0;
    *kind = 0;
    *a = p;
    *b = q;
    return q;
}

int dossier_from_plain_json(struct dossier *d, const char *s, size_t len, dossier_err_fn err,
                            void *ctx) {
    /* First the whole row is read without a side effect: what is not plain goes to jansson,
     * which gives the same answer (and the exact message for what is wrong). */
    struct {
        int f, kind; /* kind: 0 literal or number, 1 string, 2 null */
        size_t ka, kb, va, vb;
    } v[DOSSIER_NFIELDS];
    int n = 0, seen = 0;
    size_t p = 0;
    while (p < len && is_json_ws(s[p])) p++;
    if (p >= len || s[p++] != '{') return DOSSIER_NOT_PLAIN;
    while (p < len && is_json_ws(s[p])) p++;
    if (p < len && s[p] == '}') {
        p++;
    } else {
        for (;;) {
            if (n == DOSSIER_NFIELDS || p >= len || s[p] != '"') return DOSSIER_NOT_PLAIN;
            size_t ka, kb;
            p = plain_string(s, len, p, &ka, &kb);
            if (!p || kb - ka >= 40) return DOSSIER_NOT_PLAIN;
            int f = dossier_field_index(s + ka, kb - ka);
            /* unknown or repeated keys: jansson reports them */
            if (f < 0 || (seen & 1 << f)) return DOSSIER_NOT_PLAIN;
            seen |= 1 << f;
            while (p < len && is_json_ws(s[p])) p++;
            if (p >= len || s[p++] != ':') return DOSSIER_NOT_PLAIN;
            while (p < len && is_json_ws(s[p])) p++;
            if (p >= len) return DOSSIER_NOT_PLAIN;
            v[n].f = f;
            v[n].ka = ka;
            v[n].kb = kb;
            p = plain_value(s, len, p, &v[n].va, &v[n].vb, &v[n].kind);
            if (!p) return DOSSIER_NOT_PLAIN;
            n++;
            while (p < len && is_json_ws(s[p])) p++;
            if (p < len && s[p] == ',') {
                p++;
                while (p < len && is_json_ws(s[p])) p++;
                continue;
            }
            if (p < len && s[p] == '}') {
                p++;
                break;
            }
            return DOSSIER_NOT_PLAIN;
        }
    }
    while (p < len && is_json_ws(s[p])) p++;
    if (p != len) return DOSSIER_NOT_PLAIN;
    int errors = 0, present = 0;
    for (int i = 0; i < n; i++) {
        if (v[i].kind == 2) continue;
        char key[40];
        size_t kl = v[i].kb - v[i].ka;
        memcpy(key, s + v[i].ka, kl);
        key[kl] = '\0';
        errors += take_value(d, v[i].f, key, v[i].kind == 1, s + v[i].va, v[i].vb - v[i].va,
                             &present, err, ctx);
    }
    return errors + dossier_check(d, present, err, ctx);
}

int dossier_check(const struct dossier *d, int given, dossier_err_fn err, void *ctx) {
    int n = 0;
    /* A field given but invalid already has its error: "missing" would only repeat it. */
#define MISSING(cond, f, name, msg)                                                                \
    if ((cond) && !(given & (1 << (f)))) err(ctx, name, msg), n++
    MISSING(!d->code[0], F_CODE, "code", "Thiếu mã hồ sơ.");
    MISSING(!d->unit_code[0], F_UNIT, "unit_code", "Thiếu mã đơn vị.");
    MISSING(!d->channel, F_CHANNEL, "channel", "Thiếu kênh tiếp nhận.");
    MISSING(!d->status, F_STATUS, "status", "Thiếu trạng thái.");
    MISSING(d->received == DOSSIER_NO_TIME, F_RECEIVED, "received_at",
            "Thiếu thời điểm tiếp nhận.");
#undef MISSING
    /* a code alone names nobody the public list or a reader could recognise */
    if (d->handler_code[0] && !d->handler_name[0] && !(given & (1 << F_HANDLER_NAME)))
        err(ctx, "handler_name", "Thiếu tên cán bộ xử lý khi đã có mã cán bộ."), n++;
    if (d->received != DOSSIER_NO_TIME && d->finished != DOSSIER_NO_TIME &&
        d->finished < d->received)
        err(ctx, "finished_at", "Thời điểm giải quyết xong không được trước thời điểm tiếp nhận."),
            n++;
    return n;
}

/* --- splitting outside input --- */

static size_t skip_ws(const char *s, size_t len, size_t p) {
    while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) p++;
    return p;
}

/* End of the JSON value starting at p (exclusive), or 0 when it is cut off. Only the shape is
 * followed (strings, nesting); jansson checks the element itself afterwards. */
static size_t value_end(const char *s, size_t len, size_t p) {
    if (s[p] == '"') {
        for (size_t q = p + 1; q < len; q++) {
            if (s[q] == '\\')
                q++;
            else if (s[q] == '"')
                return q + 1;
        }
        return 0;
    }
    if (s[p] == '{' || s[p] == '[') {
        int depth = 0;
        for (size_t q = p; q < len; q++) {
            char c = s[q];
            if (c == '"') {
                q++;
                while (q < len && s[q] != '"') {
                    if (s[q] == '\\') q++;
                    q++;
                }
                if (q >= len) return 0;
            } else if (c == '{' || c == '[') {
                if (++depth > 64) return 0;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return q + 1;
            }
        }
        return 0;
    }
    size_t q = p;
    while (q < len && s[q] != ',' && s[q] != ']' && s[q] != ' ' && s[q] != '\n' && s[q] != '\r' &&
           s[q] != '\t')
        q++;
    return q;
}

int dossier_json_array_next(const char *s, size_t len, size_t *pos, size_t *start, size_t *end) {
    size_t p = *pos;
    int first = 0;
    if (p == 0) {
        p = skip_ws(s, len, 0);
        if (p + 3 <= len && (unsigned char)s[p] == 0xEF && (unsigned char)s[p + 1] == 0xBB &&
            (unsigned char)s[p + 2] == 0xBF)
            p = skip_ws(s, len, p + 3); /* UTF-8 byte order mark from Windows tools */
        if (p >= len || s[p] != '[') return -1;
        p++;
        first = 1;
    }
    p = skip_ws(s, len, p);
    if (p >= len) return -1;
    if (s[p] == ']') {
        if (skip_ws(s, len, p + 1) != len) return -1;
        *pos = len;
        return 0;
    }
    if (!first) {
        if (s[p] != ',') return -1;
        p = skip_ws(s, len, p + 1);
        if (p >= len || s[p] == ']') return -1;
    } else if (s[p] == ',') {
        return -1;
    }
    size_t e = value_end(s, len, p);
    if (e == 0 || e == p) return -1;
    *start = p;
    *end = e;
    *pos = e;
    return 1;
}

char dossier_csv_sep(const char *s, size_t len) {
    size_t commas = 0, semis = 0;
    int quoted = 0;
    for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            commas++;
        else if (!quoted && s[i] == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
}

int dossier_csv_next(const char *s, size_t len, size_t *pos, char sep, char *buf, size_t bufcap,
                     const char **cells, size_t *lens, int maxcells) {
    size_t p = *pos;
    if (p == 0 && len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        p = 3;
    /* Blank lines between records are skipped. */
    while (p < len && (s[p] == '\n' || s[p] == '\r')) p++;
    if (p >= len) {
        *pos = len;
        return 0;
    }
    int n = 0;
    size_t b = 0;
    for (;;) {
        if (n >= maxcells) return -1;
        size_t cell_start = b;
        if (p < len && s[p] == '"') {
            p++;
            for (;;) {
                if (p >= len) return -1;
                if (s[p] == '"') {
                    if (p + 1 < len && s[p + 1] == '"') {
                        if (b + 1 >= bufcap) return -1;
                        buf[b++] = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (b + 1 >= bufcap) return -1;
                buf[b++] = s[p++];
            }
            if (p < len && s[p] != sep && s[p] != '\n' && s[p] != '\r') return -1;
        } else {
            while (p < len && s[p] != sep && s[p] != '\n' && s[p] != '\r') {
                if (s[p] == '"') return -1;
                if (b + 1 >= bufcap) return -1;
                buf[b++] = s[p++];
            }
        }
        cells[n] = buf + cell_start;
        lens[n] = b - cell_start;
        n++;
        if (p < len && s[p] == sep) {
            p++;
            continue;
        }
        if (p < len && s[p] == '\r') p++;
        if (p < len && s[p] == '\n') p++;
        break;
    }
    *pos = p;
    return n;
}
