/* multipart/form-data (RFC 7578) bodies split into their parts, without copying the data. Pure. */
#include "core/multipart.h"

#include <string.h>
#include <strings.h>

#define HEADER_MAX 8192

static int bchar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != 0 && strchr("'()+_,-./:=? ", c) != NULL);
}

static const char *skip_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    return p;
}

/*
 * Reads a parameter value at p (a token or a quoted string with backslash escapes) into out.
 * Returns the position after it, or NULL when malformed or too long.
 */
static const char *param_value(const char *p, const char *end, char *out, size_t cap) {
    size_t n = 0;
    if (p < end && *p == '"') {
        p++;
        while (p < end && *p != '"') {
            if (*p == '\\' && p + 1 < end) p++;
            if (n + 1 >= cap) return NULL;
            out[n++] = *p++;
        }
        if (p >= end) return NULL;
        p++;
    } else {
        while (p < end && *p != ';' && *p != ' ' && *p != '\t') {
            if (n + 1 >= cap) return NULL;
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return p;
}

enum mp_result mp_boundary(const char *ct, char out[71]) {
    static const char type[] = "multipart/form-data";
    if (!ct) return MP_NOT_MULTIPART;
    const char *end = ct + strlen(ct);
    const char *p = skip_ws(ct, end);
    if (strncasecmp(p, type, sizeof type - 1) != 0) return MP_NOT_MULTIPART;
    p += sizeof type - 1;
    p = skip_ws(p, end);
    if (p < end && *p != ';') return MP_NOT_MULTIPART;
    while (p < end) {
        if (*p != ';') return MP_NO_BOUNDARY;
        p = skip_ws(p + 1, end);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq) return MP_NO_BOUNDARY;
        size_t klen = (size_t)(eq - p);
        while (klen > 0 && (p[klen - 1] == ' ' || p[klen - 1] == '\t')) klen--;
        char val[128];
        const char *next = param_value(skip_ws(eq + 1, end), end, val, sizeof val);
        if (!next) return MP_NO_BOUNDARY;
        if (klen == 8 && strncasecmp(p, "boundary", 8) == 0) {
            size_t n = strlen(val);
            if (n < 1 || n > 70 || val[n - 1] == ' ') return MP_NO_BOUNDARY;
            for (size_t i = 0; i < n; i++)
                if (!bchar((unsigned char)val[i])) return MP_NO_BOUNDARY;
            memcpy(out, val, n + 1);
            return MP_OK;
        }
        p = skip_ws(next, end);
    }
    return MP_NO_BOUNDARY;
}

static const unsigned char *find(const unsigned char *hay, size_t hlen, const char *needle,
                                 size_t nlen) {
    return memmem(hay, hlen, needle, nlen);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* RFC 5987 ext-value: charset'lang'percent-encoded; only UTF-8 (and ASCII) are taken. */
static int ext_value(const char *v, char *out, size_t cap) {
    const char *q1 = strchr(v, '\'');
    const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    if (!q2) return -1;
    size_t cs = (size_t)(q1 - v);
    if (!((cs == 5 && strncasecmp(v, "UTF-8", 5) == 0) ||
          (cs == 8 && strncasecmp(v, "US-ASCII", 8) == 0)))
        return -1;
    size_t n = 0;
    for (const char *p = q2 + 1; *p; p++) {
        int c = (unsigned char)*p;
        if (c == '%') {
            int h = hexval((unsigned char)p[1]), l = h < 0 ? -1 : hexval((unsigned char)p[2]);
            if (l < 0) return -1;
            c = h * 16 + l;
            p += 2;
        }
        if (c == 0 || n + 1 >= cap) return -1;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return 0;
}

/* Drops everything up to the last '/' or '\' (browsers of old sent the whole path). */
static void base_name(char *s) {
    char *slash = strrchr(s, '/');
    char *back = strrchr(s, '\\');
    char *cut = slash > back ? slash : back;
    if (cut) memmove(s, cut + 1, strlen(cut + 1) + 1);
}

/* Content-Disposition: form-data; name="x"; filename="y"; filename*=UTF-8''z */
static int disposition(const char *v, const char *end, struct mp_part *part) {
    static const char fd[] = "form-data";
    const char *p = skip_ws(v, end);
    if ((size_t)(end - p) < sizeof fd - 1 || strncasecmp(p, fd, sizeof fd - 1) != 0) return -1;
    p += sizeof fd - 1;
    int has_name = 0, has_ext = 0;
    while ((p = skip_ws(p, end)) < end) {
        if (*p != ';') return -1;
        p = skip_ws(p + 1, end);
        if (p >= end) break;
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq) return -1;
        size_t klen = (size_t)(eq - p);
        while (klen > 0 && (p[klen - 1] == ' ' || p[klen - 1] == '\t')) klen--;
        char val[512];
        const char *next = param_value(skip_ws(eq + 1, end), end, val, sizeof val);
        if (!next) return -1;
        if (klen == 4 && strncasecmp(p, "name", 4) == 0) {
            if (strlen(val) >= sizeof part->name) return -1;
            memcpy(part->name, val, strlen(val) + 1);
            has_name = 1;
        } else if (klen == 8 && strncasecmp(p, "filename", 8) == 0) {
            part->is_file = 1;
            if (!has_ext) {
                if (strlen(val) >= sizeof part->filename) return -1;
                memcpy(part->filename, val, strlen(val) + 1);
            }
        } else if (klen == 9 && strncasecmp(p, "filename*", 9) == 0) {
            if (ext_value(val, part->filename, sizeof part->filename) < 0) return -1;
            part->is_file = 1;
            has_ext = 1;
        }
        p = next;
    }
    if (!has_name || !part->name[0]) return -1;
    base_name(part->filename);
    return 0;
}

/* Part headers in [h, end): Content-Disposition is required, Content-Type optional. */
static int headers(const char *h, const char *end, struct mp_part *part) {
    int seen_cd = 0;
    while (h < end) {
        const char *eol = memmem(h, (size_t)(end - h), "\r\n", 2);
        const char *le = eol ? eol : end;
        const char *colon = memchr(h, ':', (size_t)(le - h));
        if (!colon || colon == h) return -1;
        size_t klen = (size_t)(colon - h);
        const char *v = skip_ws(colon + 1, le);
        const char *ve = le;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
        if (klen == 19 && strncasecmp(h, "Content-Disposition", 19) == 0) {
            if (seen_cd || disposition(v, ve, part) < 0) return -1;
            seen_cd = 1;
        } else if (klen == 12 && strncasecmp(h, "Content-Type", 12) == 0) {
            size_t n = (size_t)(ve - v);
            if (n >= sizeof part->content_type) n = sizeof part->content_type - 1;
            memcpy(part->content_type, v, n);
            part->content_type[n] = '\0';
        }
        h = eol ? eol + 2 : end;
    }
    return seen_cd ? 0 : -1;
}

enum mp_result mp_parse(const char *content_type, const unsigned char *body, size_t len,
                        struct mp_part *parts, size_t max, size_t *n) {
    char b[71];
    *n = 0;
    enum mp_result rc = mp_boundary(content_type, b);
    if (rc != MP_OK) return rc;
    if (!body) return MP_MALFORMED;
    /* "\r\n--boundary": the delimiter; the first one may start the body without the CRLF. */
    char delim[76];
    size_t blen = strlen(b);
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, b, blen);
    size_t dlen = blen + 4;
    const unsigned char *end = body + len;
    const unsigned char *p;
    if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
        p = body + dlen - 2;
    else {
        p = find(body, len, delim, dlen);
        if (!p) return MP_MALFORMED;
        p += dlen;
    }
    for (;;) {
        /* After a delimiter: "--" closes; otherwise optional padding, then CRLF. */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return MP_OK;
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return MP_MALFORMED;
        p += 2;
        /* A part without headers (blank line at once) has no name: not valid form-data. */
        if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') return MP_MALFORMED;
        size_t look = (size_t)(end - p) < HEADER_MAX + 4 ? (size_t)(end - p) : HEADER_MAX + 4;
        const unsigned char *hend = find(p, look, "\r\n\r\n", 4);
        if (!hend) return MP_MALFORMED;
        const unsigned char *data = hend + 4;
        const unsigned char *next = find(data, (size_t)(end - data), delim, dlen);
        if (!next) return MP_MALFORMED;
        if (*n >= max) return MP_TOO_MANY;
        struct mp_part *part = &parts[*n];
        memset(part, 0, sizeof *part);
        if (headers((const char *)p, (const char *)hend, part) < 0) return MP_MALFORMED;
        part->data = data;
        part->len = (size_t)(next - data);
        (*n)++;
        p = next + dlen;
    }
}

const char *mp_message(enum mp_result r) {
    switch (r) {
    case MP_OK:
        return "";
    case MP_NOT_MULTIPART:
        return "Nội dung phải là JSON hoặc multipart/form-data.";
    case MP_NO_BOUNDARY:
        return "Thiếu hoặc sai tham số boundary của multipart/form-data.";
    case MP_TOO_MANY:
        return "Biểu mẫu có quá nhiều trường.";
    default:
        return "Nội dung multipart/form-data không đúng định dạng.";
    }
}
