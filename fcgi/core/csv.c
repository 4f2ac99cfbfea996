/* csv: CSV text as spreadsheets export it (RFC 4180 and its common variants) -> sheet rows. */
#include "core/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/utf8.h"

static void put_utf8(struct buf *b, uint32_t cp) {
    char o[4];
    buf_append(b, o, utf8_encode(cp, o));
}

/* UTF-16 (after its BOM) -> UTF-8 in b; -1 on an unpaired surrogate or odd length. */
static int utf16_to_utf8(const unsigned char *s, size_t len, int big_endian, struct buf *b) {
    if (len % 2) return -1;
    for (size_t i = 0; i < len; i += 2) {
        uint32_t u =
            big_endian ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 4 > len) return -1;
            uint32_t lo = big_endian ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
                                     : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF) return -1;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return -1;
        }
        if (u == 0) continue; /* a NUL would cut the cell short */
        put_utf8(b, u);
    }
    return b->oom ? -1 : 0;
}

static size_t line_of(const char *s, size_t off) {
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) line++;
    return line;
}

static char detect_delimiter(const char *s, size_t len) {
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            comma++;
        else if (!quoted && c == ';')
            semi++;
        else if (!quoted && c == '\t')
            tab++;
    }
    if (tab > comma && tab >= semi) return '\t';
    if (semi > comma) return ';';
    return ',';
}

struct rowb {
    char **cells;
    size_t n, cap;
    int oom;
};

static void row_push(struct rowb *r, struct buf *cell) {
    if (r->n >= SHEET_MAX_CELLS) {
        buf_reset(cell);
        return;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char **c = realloc(r->cells, cap * sizeof *c);
        if (!c) {
            r->oom = 1;
            buf_reset(cell);
            return;
        }
        r->cells = c;
        r->cap = cap;
    }
    char *s = malloc(cell->len + 1);
    if (!s) {
        r->oom = 1;
        buf_reset(cell);
        return;
    }
    if (cell->len) memcpy(s, cell->data, cell->len);
    s[cell->len] = '\0';
    r->cells[r->n++] = s;
    buf_reset(cell);
}

static void row_discard(struct rowb *r) {
    for (size_t i = 0; i < r->n; i++) free(r->cells[i]);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

/* Hands the row to the sheet unless it is one empty cell (an empty line). */
static int row_emit(struct sheet *out, struct rowb *r, long num) {
    if (r->oom) {
        row_discard(r);
        return -1;
    }
    if (r->n == 0 || (r->n == 1 && r->cells[0][0] == '\0')) {
        row_discard(r);
        return 0;
    }
    int rc = sheet_add_row(out, num, r->cells, NULL, r->n);
    memset(r, 0, sizeof *r);
    return rc;
}

static int parse(const char *s, size_t len, struct sheet *out, char *err, size_t errcap) {
    char delim = detect_delimiter(s, len);
    struct buf cell;
    buf_init(&cell);
    struct rowb row = {0};
    long num = 1;
    int quoted = 0, rc = 0;
    size_t quote_start = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        char c = s[i];
        if (quoted) {
            if (c != '"') {
                buf_append(&cell, &c, 1);
            } else if (i + 1 < len && s[i + 1] == '"') {
                buf_append(&cell, "\"", 1);
                i++;
            } else {
                quoted = 0;
            }
            continue;
        }
        if (c == '"' && cell.len == 0) {
            quoted = 1;
            quote_start = i;
        } else if (c == delim) {
            row_push(&row, &cell);
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < len && s[i + 1] == '\n') i++;
            row_push(&row, &cell);
            if (row_emit(out, &row, num++) < 0) rc = -1;
        } else {
            buf_append(&cell, &c, 1);
        }
    }
    if (rc == 0 && quoted) {
        snprintf(err, errcap, "Dấu ngoặc kép mở ở dòng %zu chưa được đóng.",
                 line_of(s, quote_start));
        rc = -2;
    }
    if (rc == 0 && (cell.len || row.n)) {
        row_push(&row, &cell);
        if (row_emit(out, &row, num) < 0) rc = -1;
    }
    if (rc == -1)
        snprintf(err, errcap,
                 out->nrows >= SHEET_MAX_ROWS ? "Tệp có quá nhiều dòng (tối đa %d dòng)."
                                              : "Không đủ bộ nhớ để đọc tệp (%d dòng).",
                 SHEET_MAX_ROWS);
    row_discard(&row);
    buf_free(&cell);
    return rc ? -1 : 0;
}

int csv_read(const char *data, size_t len, struct sheet *out, char *err, size_t errcap) {
    sheet_init(out);
    if (errcap) err[0] = '\0';
    const unsigned char *u = (const unsigned char *)data;
    struct buf conv;
    buf_init(&conv);
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        if (utf16_to_utf8(u + 2, len - 2, u[0] == 0xFE, &conv) < 0) {
            snprintf(err, errcap, "Tệp UTF-16 không hợp lệ.");
            buf_free(&conv);
            return -1;
        }
        data = buf_cstr(&conv);
        len = conv.len;
    } else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        data += 3;
        len -= 3;
    }
    size_t bad = utf8_valid_prefix(data, len);
    if (bad < len) {
        snprintf(err, errcap,
                 "Tệp không phải văn bản UTF-8 (lỗi ở dòng %zu). Hãy lưu tệp dạng \"CSV UTF-8\".",
                 line_of(data, bad));
        buf_free(&conv);
        return -1;
    }
    if (memchr(data, '\0', len)) {
        snprintf(err, errcap, "Tệp chứa ký tự NUL: đây không phải tệp CSV.");
        buf_free(&conv);
        return -1;
    }
    int rc = parse(data, len, out, err, errcap);
    buf_free(&conv);
    return rc;
}
