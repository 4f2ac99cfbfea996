/* plantext_text: the plain-text front-end: a tab-separated table (Word/Excel clipboard), one cell
 * per line, or prose; finds the header row and hands rows or lines to the shared builder. */
#include "core/plantext_internal.h"
#include "lib/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct text {
    char *buf; /* normalised copy: '\n' line ends, no NUL bytes */
    size_t len;
    size_t *off, *ln; /* lines */
    size_t n, cap;
};

/* Records one line of t; -1 when out of memory. */
static int add_line(struct text *t, size_t off, size_t len) {
    if (t->n >= t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        size_t *o = mem_realloc(t->off, cap * sizeof *o);
        if (!o) return -1;
        t->off = o;
        size_t *l = mem_realloc(t->ln, cap * sizeof *l);
        if (!l) return -1;
        t->ln = l;
        t->cap = cap;
    }
    t->off[t->n] = off, t->ln[t->n] = len, t->n++;
    return 0;
}

/* Copies s without BOM, CR and NUL bytes and finds its lines; -1 when out of memory. */
static int text_init(struct text *t, const char *s, size_t n) {
    memset(t, 0, sizeof *t);
    t->buf = mem_realloc(NULL, n + 1);
    if (!t->buf) return -1;
    /* Zeroed: clang's analyzer then knows every byte of the text is defined. */
    memset(t->buf, 0, n + 1);
    size_t o = 0, i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    for (; i < n; i++) {
        char ch = s[i];
        if (ch == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') continue;
            ch = '\n';
        }
        t->buf[o++] = ch ? ch : ' ';
    }
    t->buf[o] = 0;
    t->len = o;
    for (size_t p = 0; p <= o;) {
        /* A plain loop rather than memchr: clang's analyzer then knows that p + l <= o. */
        size_t l = 0;
        while (p + l < o && t->buf[p + l] != '\n') l++;
        int e = p + l < o;
        if (add_line(t, p, l) < 0) return -1;
        p += l + 1;
        if (!e) break;
    }
    return 0;
}

static void text_free(struct text *t) {
    free(t->buf);
    free(t->off);
    free(t->ln);
}

/* The lines of t as malloc'd strings; NULL (and *n 0) when out of memory. */
static char **text_lines(const struct text *t, size_t *n) {
    char **lines = mem_realloc(NULL, (t->n ? t->n : 1) * sizeof *lines);
    *n = 0;
    for (size_t i = 0; lines && i < t->n; i++) {
        lines[i] = mem_strndup(t->buf + t->off[i], t->ln[i]);
        if (lines[i]) continue;
        pt_free_lines(lines, i);
        free(lines);
        return NULL;
    }
    if (lines) *n = t->n;
    return lines;
}

/* ------------------------------------------------------------------------------------------ */
/* Header search                                                                               */

/* Splits a line at tabs into malloc'd raw cells (no quote handling: for the header search). */
static size_t split_tabs(struct ctx *c, const char *s, size_t n, char **cells, size_t max) {
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n && k < max; i++) {
        if (i == n || s[i] == '\t') {
            if (!(cells[k] = mem_strndup(s + st, i - st))) {
                c->oom = 1;
                return k;
            }
            k++;
            st = i + 1;
        }
    }
    return k;
}

/* Header layout found in a text paste. */
enum layout { LAY_NONE, LAY_TABS, LAY_CELLS };

struct hdr {
    enum layout lay;
    size_t line;  /* first header line */
    size_t width; /* columns */
    int tabbed;   /* LAY_CELLS: cells are lines starting with a tab */
};

/* Lines i.. holding one short cell each (tab-led or not) that together make a header row. */
static size_t cell_block_header(struct ctx *c, const struct text *t, size_t i, int *tabbed) {
    char *cells[MAXCOL];
    size_t k = 0;
    *tabbed = t->buf[t->off[i]] == '\t';
    for (size_t j = i; j < t->n && k < 12; j++) {
        const char *s = t->buf + t->off[j];
        size_t l = t->ln[j];
        if (pt_blank(s, l)) break;
        if ((s[0] == '\t') != *tabbed) break;
        if (*tabbed) s++, l--;
        if (memchr(s, '\t', l) || l > HDRCELLMAX * 2) break;
        if (!(cells[k] = mem_strndup(s, l))) {
            c->oom = 1;
            break;
        }
        k++;
    }
    size_t w = !c->oom && k >= 3 && pt_cells_header(c, cells, k, 1) ? k : 0;
    pt_free_lines(cells, k);
    return w;
}

/* A line with two or more tabs that makes a header row; its width, 0 if it is none. */
static size_t tab_header(struct ctx *c, const char *s, size_t l) {
    char *cells[MAXCOL];
    size_t k = split_tabs(c, s, l, cells, MAXCOL);
    int ok = !c->oom && k >= 3 && pt_cells_header(c, cells, k, 1);
    pt_free_lines(cells, k);
    return ok ? k : 0;
}

static struct hdr find_header(struct ctx *c, const struct text *t) {
    struct hdr h = {0};
    for (size_t i = 0; i < t->n && !c->oom; i++) {
        const char *s = t->buf + t->off[i];
        size_t l = t->ln[i];
        if (pt_blank(s, l)) continue;
        const char *tab = memchr(s, '\t', l);
        if (tab && memchr(tab + 1, '\t', l - (size_t)(tab + 1 - s))) {
            size_t k = tab_header(c, s, l);
            if (k) return (struct hdr){LAY_TABS, i, k, 1};
            continue;
        }
        /* a one-cell-per-line header starts after a blank line or a non-cell line */
        int prev_other = i == 0 || pt_blank(t->buf + t->off[i - 1], t->ln[i - 1]) ||
                         (t->buf[t->off[i - 1]] == '\t') != (s[0] == '\t');
        int tabbed;
        size_t w = prev_other && l <= HDRCELLMAX * 2 ? cell_block_header(c, t, i, &tabbed) : 0;
        if (w) return (struct hdr){LAY_CELLS, i, w, tabbed};
    }
    return h;
}

/* ------------------------------------------------------------------------------------------ */
/* Rows assembled from lines                                                                   */

/* A row being assembled from one or more lines. */
struct prow {
    struct buf cell[MAXCOL];
    size_t n;
    int brk, active;
    int oom; /* a quoted cell was lost to a failed allocation */
};

static void prow_add(struct prow *r, const char *s, size_t l) {
    if (r->n < MAXCOL) {
        buf_append(&r->cell[r->n++], s, l);
        return;
    }
    buf_puts(&r->cell[MAXCOL - 1], " ");
    buf_append(&r->cell[MAXCOL - 1], s, l);
}

/* Some text of the row was lost to a failed allocation. */
static int prow_failed(const struct prow *r) {
    int oom = r->oom;
    for (size_t i = 0; i < r->n; i++) oom |= r->cell[i].oom;
    return oom;
}

/* Points raw[] at the row's cells (valid until the row changes). */
static void prow_raw(struct prow *r, char **raw) {
    for (size_t i = 0; i < r->n; i++) raw[i] = (char *)buf_cstr(&r->cell[i]);
}

static void prow_clear(struct prow *r) {
    for (size_t i = 0; i < r->n; i++) buf_free(&r->cell[i]);
    r->n = 0;
    r->active = 0;
    r->oom = 0;
}

static void prow_flush(struct ctx *c, struct tab *tb, struct prow *r) {
    if (!r->active) return;
    char *raw[MAXCOL];
    prow_raw(r, raw);
    if (prow_failed(r)) c->oom = 1;
    pt_table_row(c, tb, raw, r->n, r->brk, 1);
    prow_clear(r);
}

/* Appends a line that goes on with the last cell of r. */
static void prow_continue(struct prow *r, const char *s, size_t l) {
    buf_puts(&r->cell[r->n - 1], "\n");
    buf_append(&r->cell[r->n - 1], s, l);
}

/* An Excel-style quoted cell "a ""b""\nc" from b[i] (the quote) to b[j] (the closing quote). */
static void quoted_cell(const char *b, size_t i, size_t j, struct prow *r) {
    struct buf q;
    buf_init(&q);
    for (size_t k = i + 1; k < j; k++) {
        buf_append(&q, b + k, 1);
        if (b[k] == '"') k++;
    }
    prow_add(r, buf_cstr(&q), q.len);
    if (q.oom) r->oom = 1;
    buf_free(&q);
}

/*
 * Reads one tab-separated row at pos into cells (Excel-style "quoted" cells may hold line
 * breaks and doubled quotes). Returns the position after the row.
 */
static size_t read_tab_row(const char *b, size_t n, size_t pos, struct prow *r) {
    size_t i = pos;
    for (;;) {
        int done = 0;
        if (i < n && b[i] == '"') {
            size_t j = i + 1, lim = n - i > 65536 ? i + 65536 : n;
            while (j < lim && !(b[j] == '"' && (j + 1 >= n || b[j + 1] != '"')))
                j += b[j] == '"' ? 2 : 1;
            if (j < lim && b[j] == '"' && (j + 1 >= n || b[j + 1] == '\t' || b[j + 1] == '\n') &&
                memchr(b + i, '\n', j - i)) {
                quoted_cell(b, i, j, r);
                i = j + 1;
                done = 1;
            }
        }
        if (!done) {
            size_t k = i;
            while (k < n && b[k] != '\t' && b[k] != '\n') k++;
            prow_add(r, b + i, k - i);
            i = k;
        }
        if (i < n && b[i] == '\t') {
            i++;
            continue;
        }
        return i < n ? i + 1 : n;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Tab-separated layout                                                                        */

/* Does a row that comes after the table ended look like the table going on? */
static int resumes_table(struct ctx *c, struct prow *r, size_t width) {
    char *raw[MAXCOL];
    prow_raw(r, raw);
    if (pt_cells_header(c, raw, r->n, 1)) return 1;
    if (r->n == 0 || r->n + 1 < width) return 0; /* an empty row has no first cell to read */
    char *c0 = pt_clean_cell(raw[0], strlen(raw[0]), 1);
    if (!c0) c->oom = 1;
    struct label lb;
    int ok = c0 && pt_parse_label(c0, &lb, 1) && (lb.kind == L_NUM || lb.kind == L_ROMAN);
    free(c0);
    return ok;
}

/* Should the tab line just read go on with the previous (short) row? */
static int continues_short_row(struct ctx *c, const struct prow *prev, struct prow *cur,
                               size_t width) {
    if (!prev->active || prev->n >= width || prev->n + cur->n - 1 > width) return 0;
    char *c0 = pt_clean_cell(buf_cstr(&cur->cell[0]), cur->cell[0].len, 1);
    if (!c0) c->oom = 1;
    struct label lb;
    int ok = c0 && c0[0] && !pt_parse_label(c0, &lb, 1);
    free(c0);
    return ok;
}

static void merge_rows(struct prow *prev, struct prow *cur) {
    prow_continue(prev, buf_cstr(&cur->cell[0]), cur->cell[0].len);
    for (size_t i = 1; i < cur->n; i++) prow_add(prev, buf_cstr(&cur->cell[i]), cur->cell[i].len);
    prow_clear(cur);
}

/* Reading state of the tab-separated layout. */
struct tabread {
    struct tab tb;
    struct prow prev, cur;
    int blank_seen, ended;
};

/* A line without tabs: continues the last cell right after a row, else ends the table. */
static void untabbed_line(struct tabread *st, const char *s, size_t l) {
    if (st->prev.active && !st->blank_seen && !st->ended)
        prow_continue(&st->prev, s, l);
    else
        st->ended = 1;
}

/* The row just read into st->cur: dropped, merged into the previous one, or next in line. */
static void tab_row(struct ctx *c, struct tabread *st, size_t width) {
    if (st->ended) {
        if (!resumes_table(c, &st->cur, width)) {
            prow_clear(&st->cur);
            return;
        }
        st->ended = 0;
        st->blank_seen = 1;
    }
    if (!st->blank_seen && continues_short_row(c, &st->prev, &st->cur, width)) {
        merge_rows(&st->prev, &st->cur);
        return;
    }
    prow_flush(c, &st->tb, &st->prev);
    st->prev = st->cur;
    st->prev.active = 1;
    st->prev.brk = st->blank_seen;
    memset(&st->cur, 0, sizeof st->cur);
    st->blank_seen = 0;
}

/*
 * Tab-separated layout. Blank lines are page breaks; a line without tabs right after a row
 * continues its last cell; after a blank line it ends the table (until a header or a
 * numbered row of the same width shows up again).
 */
static void parse_tab_layout(struct ctx *c, const struct text *t, const struct hdr *h) {
    struct tabread st;
    memset(&st, 0, sizeof st);
    size_t pos = t->off[h->line];
    while (pos < t->len && !c->oom) {
        const char *s = t->buf + pos;
        const char *e = memchr(s, '\n', t->len - pos);
        size_t l = e ? (size_t)(e - s) : t->len - pos;
        if (pt_blank(s, l)) {
            st.blank_seen = 1;
            pos += l + 1;
            continue;
        }
        if (!memchr(s, '\t', l)) {
            untabbed_line(&st, s, l);
            pos += l + 1;
            continue;
        }
        pos = read_tab_row(t->buf, t->len, pos, &st.cur);
        if (prow_failed(&st.cur))
            c->oom = 1;
        else
            tab_row(c, &st, h->width);
    }
    prow_flush(c, &st.tb, &st.prev);
    prow_clear(&st.prev);
    prow_clear(&st.cur);
}

/* ------------------------------------------------------------------------------------------ */
/* One cell per line                                                                           */

/* A block that ends an untabbed cell-per-line table: a prose heading with text under it. */
static int block_ends_table(struct ctx *c, struct prow *r) {
    if (r->n < 2) return 0;
    int same = 1;
    for (size_t i = 1; i < r->n; i++) same &= !strcmp(buf_cstr(&r->cell[i]), buf_cstr(&r->cell[0]));
    if (same) return 0;
    char *c0 = pt_clean_cell(buf_cstr(&r->cell[0]), r->cell[0].len, 1);
    if (!c0) c->oom = 1;
    struct label lb;
    int end = c0 && pt_parse_upper_label(c0, &lb, 0) && lb.kind == L_ROMAN;
    free(c0);
    return end;
}

static int cells_header_prow(struct ctx *c, struct prow *r) {
    char *raw[MAXCOL];
    prow_raw(r, raw);
    return pt_cells_header(c, raw, r->n, 1);
}

/* At a blank line: hands the finished block over as a row, unless the table has ended. */
static void end_block(struct ctx *c, struct tab *tb, struct prow *r, int *ended, int tabbed) {
    if (!r->active) return;
    if (prow_failed(r)) c->oom = 1;
    if (!c->oom && !tabbed && !*ended && block_ends_table(c, r)) *ended = 1;
    if (!c->oom && *ended && cells_header_prow(c, r)) *ended = 0;
    if (!*ended) prow_flush(c, tb, r);
    prow_clear(r);
}

/*
 * One cell per line, rows separated by blank lines. With tab-led cells, a line without a tab
 * continues the cell above it, and after a blank line it ends the table.
 */
static void parse_cell_layout(struct ctx *c, const struct text *t, const struct hdr *h) {
    struct tab tb;
    struct prow r;
    int ended = 0;
    memset(&tb, 0, sizeof tb);
    memset(&r, 0, sizeof r);
    for (size_t i = h->line; i < t->n && !c->oom; i++) {
        const char *s = t->buf + t->off[i];
        size_t l = t->ln[i];
        if (pt_blank(s, l)) {
            end_block(c, &tb, &r, &ended, h->tabbed);
            continue;
        }
        if (h->tabbed && s[0] != '\t') {
            if (r.active)
                prow_continue(&r, s, l);
            else
                ended = 1;
            continue;
        }
        if (h->tabbed) s++, l--;
        r.active = 1;
        prow_add(&r, s, l);
    }
    end_block(c, &tb, &r, &ended, h->tabbed);
    prow_clear(&r);
}

/* ------------------------------------------------------------------------------------------ */
/* Entry                                                                                       */

static int looks_like_html(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i])) i++;
    return i + 1 < n && s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '!');
}

/* A table under its header row, else prose; the title comes before either. */
static void parse_lines(struct ctx *c, const struct text *t, char **lines, size_t n) {
    struct hdr h = find_header(c, t);
    if (c->oom) return;
    if (h.lay != LAY_NONE) {
        c->title = pt_find_title(c, lines, h.line);
        if (!c->oom) pt_prose_before_table(c, lines, h.line);
        if (h.lay == LAY_TABS)
            parse_tab_layout(c, t, &h);
        else
            parse_cell_layout(c, t, &h);
    } else {
        size_t first = pt_first_heading(c, lines, n);
        if (!c->oom) c->title = pt_find_title(c, lines, first);
        pt_parse_prose(c, lines, n);
    }
}

int plantext_parse_text(const char *text, size_t len, struct pt_plan *out) {
    memset(out, 0, sizeof *out);
    if (!text) text = "", len = 0;
    if (looks_like_html(text, len)) return plantext_parse_html(text, len, out);
    struct ctx c;
    struct text t;
    char **lines = NULL;
    size_t n = 0;
    pt_ctx_init(&c);
    if (text_init(&t, text, len) < 0 || !(lines = text_lines(&t, &n)))
        c.oom = 1;
    else
        parse_lines(&c, &t, lines, n);
    pt_free_lines(lines, n);
    free(lines);
    text_free(&t);
    return pt_finish(&c, out);
}
