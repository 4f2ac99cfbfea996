/* xlsx: the first worksheet of an Office Open XML workbook (.xlsx) -> sheet rows, for imports. */
#include "core/xlsx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/csv.h"
#include "lib/buf.h"
#include "lib/utf8.h"

/* ---- zip container: libzip reads the upload where it lies in memory ---- */

int xlsx_sniff(const void *data, size_t len) {
    const unsigned char *p = data;
    return len >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4;
}

/* Opens the upload from memory (no copy, no file): libzip finds the end-of-central-directory
 * record and its ZIP64 form. NULL when the bytes are not a readable zip. Not ZIP_CHECKCONS: it
 * refuses a local header that differs from the directory in fields nobody reads (modification
 * time, version needed), which some writers produce and the reader always accepted, and it
 * turns a wrong CRC into "not an .xlsx" at open instead of "damaged" at the entry's end. The
 * directory's sizes and CRC are what is checked, against the inflated bytes. */
static zip_t *zip_open_mem(const void *data, size_t len) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    /* On failure the source is still ours; on success the archive owns it. */
    if (src && !za) zip_source_free(src);
    zip_error_fini(&ze);
    return za;
}

/* An entry by name (exact bytes, else ignoring case): its index, or -1 when absent. */
static zip_int64_t zip_find(zip_t *za, const char *name) {
    zip_int64_t i = zip_name_locate(za, name, ZIP_FL_ENC_RAW);
    return i >= 0 ? i : zip_name_locate(za, name, ZIP_FL_ENC_RAW | ZIP_FL_NOCASE);
}

/* ---- one entry, inflated a window at a time ---- */

/* The window starts small and doubles while one XML token does not fit in it, up to WIN_MAX:
 * Excel holds at most 32,767 characters in a cell, so a longer token is not a spreadsheet. */
#define WIN_INIT (64u * 1024u)
#define WIN_MAX  (4u * 1024u * 1024u)

static const char *const DAMAGED = "Tệp .xlsx bị hỏng (không đọc được nội dung nén).";
static const char *const NO_MEMORY = "Không đủ bộ nhớ để đọc tệp.";

struct zin {
    zip_file_t *f;       /* libzip inflates and checks the CRC at the entry's end */
    uint64_t usize, got; /* declared and produced uncompressed sizes */
    int eof, failed;
    char *buf; /* the unread bytes are buf[start..end) */
    size_t cap, start, end;
    const char *why; /* when failed */
};

static int zin_fail(struct zin *r, const char *why) {
    r->failed = 1;
    r->why = why;
    return -1;
}

/* Checks an entry and prepares to read it; 0, or -1 with why set (release with zin_close). The
 * declared size is capped at max before a byte is inflated (a zip bomb declares its size or
 * lies about it: zin_fill catches the lie). */
static int zin_open(struct zin *r, zip_t *za, zip_int64_t idx, uint64_t max) {
    memset(r, 0, sizeof *r);
    const zip_uint64_t need =
        ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    zip_stat_t st;
    zip_stat_init(&st);
    if (idx < 0 || zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0 || (st.valid & need) != need)
        return zin_fail(r, DAMAGED);
    if (st.encryption_method != ZIP_EM_NONE)
        return zin_fail(r, "Tệp .xlsx được đặt mật khẩu: hãy gỡ mật khẩu rồi tải lên lại.");
    if (st.size > max) return zin_fail(r, "Tệp .xlsx quá lớn sau khi giải nén.");
    /* Only what Office writes: libzip could read bzip2 or xz too, but no workbook uses them. */
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
        return zin_fail(r, "Tệp .xlsx dùng kiểu nén không được hỗ trợ.");
    if (st.comp_method == ZIP_CM_STORE && st.comp_size != st.size) return zin_fail(r, DAMAGED);
    if (!(r->f = zip_fopen_index(za, (zip_uint64_t)idx, 0))) return zin_fail(r, DAMAGED);
    r->usize = st.size;
    if (!(r->buf = malloc(WIN_INIT))) return zin_fail(r, NO_MEMORY);
    r->cap = WIN_INIT;
    return 0;
}

static void zin_close(struct zin *r) {
    if (r->f) zip_fclose(r->f);
    r->f = NULL;
    free(r->buf);
    r->buf = NULL;
}

/* Keeps the unread bytes and reads more after them: 0, or -1 (why set). */
static int zin_fill(struct zin *r) {
    if (r->eof || r->failed) return r->failed ? -1 : 0;
    if (r->start) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        if (r->cap >= WIN_MAX) return zin_fail(r, "Tệp .xlsx bị hỏng (một thẻ XML quá dài).");
        char *b = realloc(r->buf, r->cap * 2);
        if (!b) return zin_fail(r, NO_MEMORY);
        r->buf = b;
        r->cap *= 2;
    }
    /* zip_fread fills the room unless the entry ends; -1 for a corrupt deflate stream or, once
     * the entry is read through, a CRC that does not match. */
    zip_int64_t n = zip_fread(r->f, r->buf + r->end, r->cap - r->end);
    if (n < 0) return zin_fail(r, DAMAGED);
    if (n == 0) {
        /* Why check the size again: libzip 1.7 ends a truncated deflate stream quietly. */
        r->eof = 1;
        return r->got == r->usize ? 0 : zin_fail(r, DAMAGED);
    }
    /* More bytes than the directory declared: a damaged entry or a zip bomb. */
    r->got += (uint64_t)n;
    if (r->got > r->usize) return zin_fail(r, DAMAGED);
    r->end += (size_t)n;
    return 0;
}

/* ---- a small XML pull scanner: tags, attributes and text, no DTDs, no entities beyond XML's ----
 * It reads a window of the document; XT_MORE asks for more bytes when a token is cut by the
 * window's end (final = 0), so a token is always handed over whole. */

enum xt { XT_EOF, XT_OPEN, XT_CLOSE, XT_EMPTY, XT_TEXT, XT_ERR, XT_MORE };

struct xtok {
    enum xt type;
    const char *name; /* local name (prefix stripped) */
    size_t namelen;
    const char *attrs;
    size_t attrslen;
    const char *text; /* XT_TEXT: raw text, entities not decoded; cdata = 1 for CDATA */
    size_t textlen;
    int cdata;
};

struct xml {
    const char *p, *end;
    int final; /* end is the document's end */
};

/* A token cut by the window's end: more bytes may complete it, unless the document ended. */
#define CUT(x) ((x)->final ? XT_ERR : XT_MORE)

static const char *find(const char *p, const char *end, const char *needle) {
    size_t n = strlen(needle);
    while ((size_t)(end - p) >= n) {
        if (memcmp(p, needle, n) == 0) return p;
        p++;
    }
    return NULL;
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void local_name(const char *s, size_t n, const char **name, size_t *len) {
    const char *colon = memchr(s, ':', n);
    if (colon) {
        n -= (size_t)(colon + 1 - s);
        s = colon + 1;
    }
    *name = s;
    *len = n;
}

static enum xt xml_next(struct xml *x, struct xtok *t) {
    memset(t, 0, sizeof *t);
    for (;;) {
        if (x->p >= x->end) return t->type = x->final ? XT_EOF : XT_MORE;
        if (*x->p != '<') {
            const char *lt = memchr(x->p, '<', (size_t)(x->end - x->p));
            if (!lt) {
                if (!x->final) return t->type = XT_MORE;
                lt = x->end;
            }
            t->text = x->p;
            t->textlen = (size_t)(lt - x->p);
            x->p = lt;
            return t->type = XT_TEXT;
        }
        const char *p = x->p + 1;
        /* Nine bytes tell every kind of markup apart ("<![CDATA[" is the longest opening). */
        if (!x->final && x->end - x->p < 9) return t->type = XT_MORE;
        if (p < x->end && *p == '?') { /* processing instruction */
            const char *e = find(p, x->end, "?>");
            if (!e) return t->type = CUT(x);
            x->p = e + 2;
            continue;
        }
        if ((size_t)(x->end - p) >= 3 && memcmp(p, "!--", 3) == 0) {
            const char *e = find(p + 3, x->end, "-->");
            if (!e) return t->type = CUT(x);
            x->p = e + 3;
            continue;
        }
        if ((size_t)(x->end - p) >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
            const char *e = find(p + 8, x->end, "]]>");
            if (!e) return t->type = CUT(x);
            t->text = p + 8;
            t->textlen = (size_t)(e - (p + 8));
            t->cdata = 1;
            x->p = e + 3;
            return t->type = XT_TEXT;
        }
        if (p < x->end && *p == '!') {
            /* A DOCTYPE: never expanded (no entity definitions are honoured), just skipped. */
            int depth = 0;
            for (; p < x->end; p++) {
                if (*p == '[')
                    depth++;
                else if (*p == ']')
                    depth--;
                else if (*p == '>' && depth <= 0)
                    break;
            }
            if (p >= x->end) return t->type = CUT(x);
            x->p = p + 1;
            continue;
        }
        int closing = p < x->end && *p == '/';
        if (closing) p++;
        const char *ns = p;
        while (p < x->end && !is_space(*p) && *p != '>' && *p != '/') p++;
        if (p >= x->end) return t->type = CUT(x);
        if (p == ns) return t->type = XT_ERR;
        local_name(ns, (size_t)(p - ns), &t->name, &t->namelen);
        const char *as = p;
        char q = 0;
        for (; p < x->end; p++) {
            if (q) {
                if (*p == q) q = 0;
            } else if (*p == '"' || *p == '\'') {
                q = *p;
            } else if (*p == '>') {
                break;
            }
        }
        if (p >= x->end) return t->type = CUT(x);
        int empty = p > as && p[-1] == '/';
        t->attrs = as;
        t->attrslen = (size_t)(p - as) - (size_t)empty;
        x->p = p + 1;
        return t->type = closing ? XT_CLOSE : empty ? XT_EMPTY : XT_OPEN;
    }
}

static int tok_is(const struct xtok *t, const char *name) {
    return t->namelen == strlen(name) && memcmp(t->name, name, t->namelen) == 0;
}

/* The raw value of attribute name (local name compared); 0 found, -1 not. */
static int xml_attr(const struct xtok *t, const char *name, const char **val, size_t *len) {
    const char *p = t->attrs, *end = t->attrs + t->attrslen;
    size_t want = strlen(name);
    while (p < end) {
        while (p < end && is_space(*p)) p++;
        const char *an = p;
        while (p < end && *p != '=' && !is_space(*p)) p++;
        const char *ln;
        size_t ll;
        local_name(an, (size_t)(p - an), &ln, &ll);
        while (p < end && is_space(*p)) p++;
        if (p >= end || *p != '=') return -1;
        p++;
        while (p < end && is_space(*p)) p++;
        if (p >= end || (*p != '"' && *p != '\'')) return -1;
        char q = *p++;
        const char *vs = p;
        while (p < end && *p != q) p++;
        if (p >= end) return -1;
        if (ll == want && memcmp(ln, name, want) == 0) {
            *val = vs;
            *len = (size_t)(p - vs);
            return 0;
        }
        p++;
    }
    return -1;
}

static void put_cp(struct buf *b, uint32_t cp) {
    char o[4];
    if (cp != 0) buf_append(b, o, utf8_encode(cp, o));
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Appends text with XML entities decoded and OOXML's _xHHHH_ escapes turned into characters. */
static void decode_text(struct buf *b, const char *s, size_t n, int cdata) {
    for (size_t i = 0; i < n;) {
        if (!cdata && s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi) {
                const char *e = s + i + 1;
                size_t el = (size_t)(semi - e);
                uint32_t cp = 0;
                int ok = 1;
                if (el == 2 && memcmp(e, "lt", 2) == 0)
                    cp = '<';
                else if (el == 2 && memcmp(e, "gt", 2) == 0)
                    cp = '>';
                else if (el == 3 && memcmp(e, "amp", 3) == 0)
                    cp = '&';
                else if (el == 4 && memcmp(e, "quot", 4) == 0)
                    cp = '"';
                else if (el == 4 && memcmp(e, "apos", 4) == 0)
                    cp = '\'';
                else if (el >= 2 && e[0] == '#') {
                    int hex = e[1] == 'x' || e[1] == 'X';
                    size_t k = hex ? 2 : 1;
                    if (k >= el) ok = 0;
                    for (; k < el && ok; k++) {
                        int v = hex ? hexval(e[k]) : (e[k] >= '0' && e[k] <= '9' ? e[k] - '0' : -1);
                        if (v < 0 || cp > 0x10FFFF)
                            ok = 0;
                        else
                            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
                    }
                } else {
                    ok = 0;
                }
                if (ok) {
                    put_cp(b, cp);
                    i = (size_t)(semi - s) + 1;
                    continue;
                }
            }
        }
        if (!cdata && s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
            int h0 = hexval(s[i + 2]), h1 = hexval(s[i + 3]), h2 = hexval(s[i + 4]),
                h3 = hexval(s[i + 5]);
            if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
                put_cp(b, (uint32_t)(h0 << 12 | h1 << 8 | h2 << 4 | h3));
                i += 7;
                continue;
            }
        }
        buf_append(b, s + i, 1);
        i++;
    }
}

static char *buf_take(struct buf *b) {
    char *s = malloc(b->len + 1);
    if (!s) return NULL;
    if (b->len) memcpy(s, b->data, b->len);
    s[b->len] = '\0';
    buf_reset(b);
    return s;
}

/* The next whole token of an entry, reading more of it as needed. Its pointers are valid until
 * the next call. XT_ERR when the XML is malformed or (in->failed) the entry is damaged. */
static enum xt zin_next(struct zin *in, struct xtok *t) {
    for (;;) {
        struct xml x = {in->buf + in->start, in->buf + in->end, in->eof};
        enum xt ty = xml_next(&x, t);
        in->start = (size_t)(x.p - in->buf);
        if (ty != XT_MORE) return ty;
        if (zin_fill(in) < 0) return t->type = XT_ERR;
    }
}

/* ---- shared strings ---- */

/* The table lives in one block (string i at pool + off[i]) and is bounded, so that a small zip
 * of many tiny or huge strings cannot make the table exhaust memory. */
#define XLSX_MAX_SHARED       1000000u
#define XLSX_MAX_SHARED_BYTES (32u * 1024u * 1024u)

struct strtab {
    struct buf pool;
    uint32_t *off;
    size_t n, cap;
};

static void strtab_free(struct strtab *t) {
    buf_free(&t->pool);
    free(t->off);
}

static const char *strtab_get(const struct strtab *t, size_t i) {
    return t->pool.data + t->off[i];
}

/* Appends s[0..len); 0, or -1 with why set. */
static int strtab_push(struct strtab *t, const char *s, size_t len, const char **why) {
    if (utf8_valid_prefix(s, len) < len) {
        *why = "Tệp .xlsx bị hỏng (bảng chuỗi dùng chung không phải UTF-8).";
        return -1;
    }
    if (t->n >= XLSX_MAX_SHARED || t->pool.len + len + 1 > XLSX_MAX_SHARED_BYTES) {
        *why = "Bảng chuỗi dùng chung của tệp .xlsx quá lớn (tối đa 1000000 chuỗi, 32 MB).";
        return -1;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        uint32_t *p = realloc(t->off, cap * sizeof *p);
        if (!p) {
            *why = NO_MEMORY;
            return -1;
        }
        t->off = p;
        t->cap = cap;
    }
    t->off[t->n++] = (uint32_t)t->pool.len;
    buf_append(&t->pool, s, len);
    buf_append(&t->pool, "", 1);
    if (t->pool.oom) *why = NO_MEMORY;
    return t->pool.oom ? -1 : 0;
}

/* <sst><si><t>..</t></si><si><r><t>a</t></r><r><t>b</t></r><rPh><t>skip</t></rPh></si></sst> */
static int read_shared(struct zin *in, struct strtab *t, const char **why) {
    struct xtok k;
    struct buf b;
    buf_init(&b);
    int in_si = 0, in_t = 0, in_rph = 0, rc = 0;
    enum xt ty;
    while (rc == 0 && (ty = zin_next(in, &k)) != XT_EOF) {
        if (ty == XT_ERR) {
            *why = in->failed ? in->why : "Tệp .xlsx bị hỏng (bảng chuỗi dùng chung không hợp lệ).";
            rc = -1;
        } else if (ty == XT_OPEN && tok_is(&k, "si")) {
            in_si = 1;
            buf_reset(&b);
        } else if (ty == XT_EMPTY && tok_is(&k, "si")) {
            rc = strtab_push(t, "", 0, why);
        } else if (ty == XT_CLOSE && tok_is(&k, "si")) {
            in_si = 0;
            rc = strtab_push(t, b.len ? b.data : "", b.len, why);
        } else if (ty == XT_OPEN && tok_is(&k, "rPh"))
            in_rph = 1;
        else if (ty == XT_CLOSE && tok_is(&k, "rPh"))
            in_rph = 0;
        else if (ty == XT_OPEN && tok_is(&k, "t"))
            in_t = 1;
        else if (ty == XT_CLOSE && tok_is(&k, "t"))
            in_t = 0;
        else if (ty == XT_TEXT && in_si && in_t && !in_rph)
            decode_text(&b, k.text, k.textlen, k.cdata);
        if (rc == 0 && b.oom) {
            *why = NO_MEMORY;
            rc = -1;
        }
    }
    buf_free(&b);
    return rc;
}

/* ---- worksheet ---- */

/* "AB12" -> column 27 (0-based); -1 when there are no letters or too many. */
static long col_of_ref(const char *s, size_t n) {
    long col = 0;
    size_t i = 0;
    for (; i < n && i < 4 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')); i++)
        col = col * 26 + ((s[i] | 0x20) - 'a' + 1);
    if (i == 0 || i > 3) return -1;
    return col - 1;
}

static long number_attr(const struct xtok *k, const char *name) {
    const char *v;
    size_t n;
    if (xml_attr(k, name, &v, &n) < 0 || n == 0 || n > 9) return -1;
    long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') return -1;
        x = x * 10 + (v[i] - '0');
    }
    return x;
}

/* A cell the row has no value for: never freed, so rows need no allocation for their holes. */
static char hole[1] = "";

/* The row being read; its arrays are reused from row to row. */
struct rowacc {
    char **cells;
    unsigned char *numeric;
    size_t n; /* cells used (max column + 1) */
    size_t cap;
    int oom;
};

static void rowacc_set(struct rowacc *r, long col, char *val, int numeric) {
    if (!val) {
        r->oom = 1;
        return;
    }
    if (col < 0 || col >= SHEET_MAX_CELLS) {
        free(val);
        return;
    }
    size_t c = (size_t)col;
    if (c >= r->cap) {
        size_t cap = r->cap ? r->cap : 16;
        while (cap <= c) cap *= 2;
        char **cells = realloc(r->cells, cap * sizeof *cells);
        if (!cells) {
            free(val);
            r->oom = 1;
            return;
        }
        r->cells = cells;
        unsigned char *num = realloc(r->numeric, cap);
        if (!num) {
            free(val);
            r->oom = 1;
            return;
        }
        r->numeric = num;
        for (size_t i = r->cap; i < cap; i++) r->cells[i] = NULL, r->numeric[i] = 0;
        r->cap = cap;
    }
    if (r->cells[c] != hole) free(r->cells[c]);
    r->cells[c] = val;
    r->numeric[c] = (unsigned char)numeric;
    if (c + 1 > r->n) r->n = c + 1;
}

/* Frees the row's values and keeps its arrays for the next row. */
static void rowacc_clear(struct rowacc *r) {
    for (size_t i = 0; i < r->n; i++) {
        if (r->cells[i] != hole) free(r->cells[i]);
        r->cells[i] = NULL;
        r->numeric[i] = 0;
    }
    r->n = 0;
}

static void rowacc_free(struct rowacc *r) {
    rowacc_clear(r);
    free(r->cells);
    free(r->numeric);
    memset(r, 0, sizeof *r);
}

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR };

static enum cell_type cell_type(const struct xtok *k) {
    const char *v;
    size_t n;
    if (xml_attr(k, "t", &v, &n) < 0) return CT_NUMBER;
    if (n == 1 && v[0] == 's') return CT_SHARED;
    if (n == 9 && memcmp(v, "inlineStr", 9) == 0) return CT_INLINE;
    if (n == 1 && v[0] == 'b') return CT_BOOL;
    if (n == 1 && v[0] == 'e') return CT_ERROR;
    if (n == 1 && v[0] == 'n') return CT_NUMBER;
    return CT_STR; /* "str" (formula text), "d" (ISO date) */
}

struct sheet_state {
    const struct strtab *shared;
    const struct sheet_limits *lim;
    sheet_row_fn fn;
    void *ctx;
    struct rowacc row;
    long rownum, col, nrows, ncells;
    enum cell_type type;
    int in_row, in_cell, in_v, in_is, in_t, in_rph;
    struct buf val;
    const char *why; /* the file is damaged */
    int too_big;     /* a limit of lim was passed: 1 rows, 2 cells */
    int stopped;     /* fn asked to stop */
};

static void finish_cell(struct sheet_state *st) {
    char *v = NULL;
    int numeric = 0;
    const char *text = buf_cstr(&st->val);
    if (st->type == CT_SHARED) {
        char *end;
        unsigned long i = strtoul(text, &end, 10);
        if (*text < '0' || *text > '9' || *end || i >= st->shared->n) {
            st->why = "Tệp .xlsx bị hỏng (tham chiếu chuỗi không hợp lệ).";
            return;
        }
        v = strdup(strtab_get(st->shared, i));
    } else if (st->type == CT_BOOL) {
        v = strdup(strcmp(text, "1") == 0 ? "TRUE" : "FALSE");
    } else {
        if (utf8_valid_prefix(text, st->val.len) < st->val.len) {
            st->why = "Tệp .xlsx bị hỏng (ô có văn bản không phải UTF-8).";
            return;
        }
        numeric = st->type == CT_NUMBER && st->val.len > 0;
        v = buf_take(&st->val);
    }
    buf_reset(&st->val);
    if (v && *v && st->col >= 0 && st->col < SHEET_MAX_CELLS && st->lim->max_cells > 0 &&
        ++st->ncells > st->lim->max_cells)
        st->too_big = 2;
    rowacc_set(&st->row, st->col, v, numeric);
}

/* Hands the row to fn (holes read as ""), then clears it. */
static void emit_row(struct sheet_state *st) {
    struct rowacc *r = &st->row;
    if (r->oom || r->n == 0) return;
    if (st->lim->max_rows > 0 && ++st->nrows > st->lim->max_rows) {
        st->too_big = 1;
        return;
    }
    for (size_t i = 0; i < r->n; i++)
        if (!r->cells[i]) r->cells[i] = hole;
    struct sheet_row row = {st->rownum, r->n, r->cells, r->numeric};
    if (st->fn(st->ctx, &row) != 0) st->stopped = 1;
    rowacc_clear(r);
}

static void sheet_token(struct sheet_state *st, enum xt t, const struct xtok *k) {
    if ((t == XT_OPEN || t == XT_EMPTY) && tok_is(k, "row")) {
        long r = number_attr(k, "r");
        rowacc_clear(&st->row);
        st->rownum = r > 0 ? r : st->rownum + 1;
        st->col = -1;
        st->in_row = t == XT_OPEN;
    } else if (t == XT_CLOSE && tok_is(k, "row")) {
        st->in_row = 0;
        emit_row(st);
    } else if ((t == XT_OPEN || t == XT_EMPTY) && tok_is(k, "c") && st->in_row) {
        const char *ref;
        size_t rl;
        long c = xml_attr(k, "r", &ref, &rl) == 0 ? col_of_ref(ref, rl) : -1;
        st->col = c >= 0 ? c : st->col + 1;
        st->type = cell_type(k);
        buf_reset(&st->val);
        st->in_cell = t == XT_OPEN;
    } else if (t == XT_CLOSE && tok_is(k, "c") && st->in_cell) {
        st->in_cell = 0;
        finish_cell(st);
    } else if (st->in_cell) {
        if (tok_is(k, "v") && t != XT_TEXT)
            st->in_v = t == XT_OPEN;
        else if (tok_is(k, "is") && t != XT_TEXT)
            st->in_is = t == XT_OPEN;
        else if (tok_is(k, "rPh") && t != XT_TEXT)
            st->in_rph = t == XT_OPEN;
        else if (tok_is(k, "t") && t != XT_TEXT)
            st->in_t = t == XT_OPEN;
        else if (t == XT_TEXT &&
                 ((st->in_v && st->type != CT_INLINE) || (st->in_is && st->in_t && !st->in_rph)))
            decode_text(&st->val, k->text, k->textlen, k->cdata);
    }
}

/* Reads the worksheet a token at a time and hands each row to fn as soon as it is complete. */
static int read_sheet(struct zin *in, struct sheet_state *st) {
    struct xtok k;
    for (;;) {
        enum xt t = zin_next(in, &k);
        if (t == XT_EOF) return 0;
        if (t == XT_ERR) {
            st->why = in->failed ? in->why : "Tệp .xlsx bị hỏng (XML của trang tính không hợp lệ).";
            return -1;
        }
        sheet_token(st, t, &k);
        if (st->val.oom || st->row.oom) st->why = NO_MEMORY;
        if (st->why || st->too_big || st->stopped) return -1;
    }
}

/* ---- workbook: which part is the first sheet ---- */

/* Workbook, relationships: small parts, read whole (bounded). */
#define XLSX_MAX_META (1024u * 1024u)

/* Reads a small entry whole into in->buf[start..end); 0 or -1. */
static int zin_read_all(struct zin *in, zip_t *za, const char *name) {
    if (zin_open(in, za, zip_find(za, name), XLSX_MAX_META) < 0) return -1;
    while (!in->eof)
        if (zin_fill(in) < 0) return -1;
    return 0;
}

static char *first_sheet_path(zip_t *za) {
    struct zin in;
    char rid[128] = "", *path = NULL;
    struct xtok k;
    enum xt t;
    if (zin_read_all(&in, za, "xl/workbook.xml") == 0) {
        while ((t = zin_next(&in, &k)) != XT_EOF && t != XT_ERR) {
            const char *v;
            size_t n;
            if ((t == XT_OPEN || t == XT_EMPTY) && tok_is(&k, "sheet") &&
                xml_attr(&k, "id", &v, &n) == 0 && n < sizeof rid) {
                memcpy(rid, v, n);
                rid[n] = '\0';
                break;
            }
        }
    }
    zin_close(&in);
    if (!rid[0]) return NULL;
    if (zin_read_all(&in, za, "xl/_rels/workbook.xml.rels") == 0) {
        while ((t = zin_next(&in, &k)) != XT_EOF && t != XT_ERR) {
            const char *id, *target;
            size_t il, tl;
            if ((t == XT_OPEN || t == XT_EMPTY) && tok_is(&k, "Relationship") &&
                xml_attr(&k, "Id", &id, &il) == 0 && il == strlen(rid) &&
                memcmp(id, rid, il) == 0 && xml_attr(&k, "Target", &target, &tl) == 0 && tl > 0 &&
                tl < 200) {
                path = malloc(tl + 4);
                if (!path) break;
                if (target[0] == '/')
                    snprintf(path, tl + 4, "%.*s", (int)tl - 1, target + 1);
                else
                    snprintf(path, tl + 4, "xl/%.*s", (int)tl, target);
                break;
            }
        }
    }
    zin_close(&in);
    return path;
}

/* Loads the shared strings, if the workbook has them; 0, or -1 with why set. */
static int load_shared(zip_t *za, struct strtab *shared, const char **why) {
    zip_int64_t idx = zip_find(za, "xl/sharedStrings.xml");
    if (idx < 0) return 0;
    struct zin in;
    int rc = zin_open(&in, za, idx, XLSX_MAX_ENTRY);
    if (rc < 0)
        *why = in.why;
    else
        rc = read_shared(&in, shared, why);
    zin_close(&in);
    return rc;
}

int xlsx_each_row(const void *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                  void *ctx, char *err, size_t errcap) {
    if (errcap) err[0] = '\0';
    zip_t *za = xlsx_sniff(data, len) ? zip_open_mem(data, len) : NULL;
    if (!za) {
        snprintf(err, errcap, "Tệp không phải tệp .xlsx hợp lệ.");
        return -1;
    }
    struct strtab shared = {0};
    buf_init(&shared.pool);
    const char *why = NULL;
    int rc = load_shared(za, &shared, &why);
    struct sheet_state st = {.shared = &shared, .lim = lim, .fn = fn, .ctx = ctx};
    buf_init(&st.val);
    if (rc == 0) {
        char *path = first_sheet_path(za);
        zip_int64_t idx = path ? zip_find(za, path) : -1;
        if (idx < 0) idx = zip_find(za, "xl/worksheets/sheet1.xml");
        int found = idx >= 0;
        free(path);
        struct zin in;
        if (!found)
            rc = -1, why = "Tệp .xlsx không có trang tính nào.";
        else if (zin_open(&in, za, idx, XLSX_MAX_ENTRY) < 0)
            rc = -1, why = in.why;
        else
            rc = read_sheet(&in, &st), why = st.why;
        if (found) zin_close(&in);
    }
    rowacc_free(&st.row);
    buf_free(&st.val);
    strtab_free(&shared);
    zip_discard(za);
    if (rc == 0) return 0;
    if (st.too_big) {
        sheet_limit_error(lim, st.too_big == 1, err, errcap);
        return SHEET_TOO_BIG;
    }
    if (st.stopped) return SHEET_STOPPED;
    snprintf(err, errcap, "%s", why ? why : "Tệp .xlsx bị hỏng.");
    return -1;
}

/* xlsx_read's consumer: a copy of each row into the sheet. */
static int add_copy(void *ctx, const struct sheet_row *row) {
    char **cells = calloc(row->ncells, sizeof *cells);
    unsigned char *num = malloc(row->ncells);
    if (!cells || !num) {
        free(cells);
        free(num);
        return 1;
    }
    memcpy(num, row->numeric, row->ncells);
    for (size_t i = 0; i < row->ncells; i++)
        if (!(cells[i] = strdup(row->cells[i]))) {
            for (size_t j = 0; j < i; j++) free(cells[j]);
            free(cells);
            free(num);
            return 1;
        }
    return sheet_add_row(ctx, row->num, cells, num, row->ncells) < 0;
}

int xlsx_read(const void *data, size_t len, struct sheet *out, char *err, size_t errcap) {
    sheet_init(out);
    const struct sheet_limits lim = {SHEET_MAX_ROWS, 0};
    int rc = xlsx_each_row(data, len, &lim, add_copy, out, err, errcap);
    if (rc == SHEET_STOPPED) snprintf(err, errcap, "%s", NO_MEMORY);
    if (rc < 0) {
        sheet_free(out);
        return -1;
    }
    return 0;
}
