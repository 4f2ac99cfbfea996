/* plantext_html: the HTML front-end (clipboard HTML, or a .docx converted by mammoth): tables
 * become rows with rowspan/colspan expanded, other blocks become lines, then rows or prose go to
 * the shared builder. */
#include "core/plantext_internal.h"
#include "lib/mem.h"
#include "lib/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct hitem {
    char **cells; /* a table row, or NULL for a line */
    size_t n;
    char *line;
    int brk; /* first row of a table that follows another one: a page break */
};

struct html {
    struct hitem *it;
    size_t nit, capit;
    int depth, tables, in_row, in_cell, row_brk;
    struct buf cell, line;
    char *rc[MAXCOL];
    size_t col;
    int occ[MAXCOL], busy[MAXCOL];
    int span_c, span_r;
    int lists[8]; /* open lists: 0 for <ul>, else the next <ol> number */
    int nlist;
    char li_prefix[16];
    int li_pending;
    int oom; /* an allocation failed: what was read is incomplete */
};

static struct buf *h_target(struct html *h) {
    if (h->depth == 0) return &h->line;
    return h->in_cell ? &h->cell : NULL;
}

/* Appends an item (taking its cells or line); on failure frees them and marks h out of memory. */
static void h_push(struct html *h, struct hitem it) {
    if ((it.cells || it.line) && MEM_GROW(h->it, h->nit, h->capit) == 0) {
        h->it[h->nit++] = it;
        return;
    }
    if (it.cells) pt_free_lines(it.cells, it.n);
    free(it.cells);
    free(it.line);
    h->oom = 1;
}

static void h_flush_line(struct html *h) {
    if (h->line.oom) h->oom = 1; /* what looks blank may be text that was lost */
    if (pt_blank(buf_cstr(&h->line), h->line.len)) {
        buf_reset(&h->line);
        return;
    }
    h_push(h, (struct hitem){NULL, 0, buf_detach(&h->line), 0});
}

static void h_newline(struct html *h) {
    struct buf *t = h_target(h);
    if (t == &h->line)
        h_flush_line(h);
    else if (t)
        buf_puts(t, "\n");
}

/* Text between tags: entities decoded, source line breaks are spaces (HTML rules). */
static void h_text(struct html *h, const char *s, size_t n) {
    struct buf *t = h_target(h);
    if (!t) return;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t el = s[i] == '&' ? pt_entity_at(s, n, i, &cp) : 0;
        if (el)
            i += el;
        else if ((unsigned char)s[i] < 0x80)
            cp = (unsigned char)s[i++];
        else
            cp = utf8_next(s, n, &i);
        if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
        if (h->li_pending && cp != ' ' && cp != 0xA0) {
            /* Word/mammoth lists lose their "-": put one back unless the text has it */
            if (cp != '-' && cp != '+' && cp != 0x2022 && cp != 0x2013) buf_puts(t, h->li_prefix);
            h->li_pending = 0;
        }
        pt_put_text_cp(t, cp);
    }
}

static int attr_int(const char *tag, size_t tl, const char *name) {
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl < tl; i++) {
        if (strncasecmp(tag + i, name, nl)) continue;
        size_t j = i + nl;
        while (j < tl && (tag[j] == ' ' || tag[j] == '=' || tag[j] == '"' || tag[j] == '\'')) j++;
        int v = atoi(tag + j);
        return v < 1 ? 1 : v > 1000 ? 1000 : v;
    }
    return 1;
}

/* An empty cell ("" malloc'd), NULL when out of memory. */
static char *h_empty(struct html *h) {
    char *e = mem_strndup("", 0);
    if (!e) h->oom = 1;
    return e;
}

static void h_end_cell(struct html *h) {
    if (!h->in_cell) return;
    h->in_cell = 0;
    char *text = buf_detach(&h->cell);
    if (!text) h->oom = 1; /* the slot stays NULL: nothing reads it before the parse gives up */
    if (h->col >= MAXCOL) {
        free(text);
        return;
    }
    h->rc[h->col] = text;
    size_t end = h->col + (size_t)h->span_c;
    if (end > MAXCOL) end = MAXCOL;
    for (size_t k = h->col; k < end; k++) {
        if (k > h->col) h->rc[k] = h_empty(h);
        h->occ[k] = h->span_r - 1;
    }
    h->col = end;
}

static void h_end_row(struct html *h) {
    h_end_cell(h);
    if (!h->in_row) return;
    h->in_row = 0;
    size_t last = 0;
    for (size_t k = 0; k < MAXCOL; k++)
        if (h->busy[k]) last = k + 1;
    while (h->col < last) h->rc[h->col++] = h_empty(h); /* spans from rows above */
    if (!h->col) return;
    char **cells = mem_realloc(NULL, h->col * sizeof *cells);
    if (cells)
        memcpy(cells, h->rc, h->col * sizeof *cells);
    else
        pt_free_lines(h->rc, h->col);
    h_push(h, (struct hitem){cells, h->col, NULL, h->row_brk});
    h->row_brk = 0;
}

static void h_start_row(struct html *h) {
    h_end_row(h);
    h->in_row = 1;
    h->col = 0;
    for (size_t k = 0; k < MAXCOL; k++) {
        h->busy[k] = h->occ[k] > 0;
        if (h->busy[k]) h->occ[k]--;
    }
}

static void h_start_cell(struct html *h, const char *tag, size_t tl) {
    if (!h->in_row) h_start_row(h);
    h_end_cell(h);
    while (h->col < MAXCOL && h->busy[h->col]) h->rc[h->col++] = h_empty(h);
    h->span_c = attr_int(tag, tl, "colspan");
    h->span_r = attr_int(tag, tl, "rowspan");
    if (h->span_c > MAXCOL) h->span_c = MAXCOL;
    h->in_cell = 1;
    buf_reset(&h->cell);
}

static void h_table(struct html *h, int closing) {
    if (!closing) {
        if (h->depth++ > 0) {
            h_newline(h);
            return;
        }
        h_flush_line(h);
        memset(h->occ, 0, sizeof h->occ);
        h->row_brk = h->tables++ > 0;
        return;
    }
    if (h->depth == 0) return;
    if (h->depth-- > 1) {
        h_newline(h);
        return;
    }
    h_end_row(h);
}

static void h_list(struct html *h, const char *name, int closing) {
    if (!strcmp(name, "li")) {
        h_newline(h);
        if (closing) return;
        int *top = h->nlist ? &h->lists[h->nlist - 1] : NULL;
        if (top && *top)
            snprintf(h->li_prefix, sizeof h->li_prefix, "%d. ", (*top)++);
        else
            snprintf(h->li_prefix, sizeof h->li_prefix, "- ");
        h->li_pending = 1;
        return;
    }
    h_newline(h);
    if (closing) {
        if (h->nlist) h->nlist--;
    } else if (h->nlist < 8) {
        h->lists[h->nlist++] = !strcmp(name, "ol");
    }
}

static void h_tag(struct html *h, const char *name, int closing, const char *tag, size_t tl) {
    if (!strcmp(name, "table")) return h_table(h, closing);
    if (!strcmp(name, "tr") || !strcmp(name, "td") || !strcmp(name, "th")) {
        if (h->depth == 0) h_table(h, 0); /* a row without its <table> (clipboard fragment) */
        if (h->depth > 1) return h_newline(h);
        if (!strcmp(name, "tr"))
            closing ? h_end_row(h) : h_start_row(h);
        else
            closing ? h_end_cell(h) : h_start_cell(h, tag, tl);
        return;
    }
    if (!strcmp(name, "li") || !strcmp(name, "ul") || !strcmp(name, "ol"))
        return h_list(h, name, closing);
    if (!strcmp(name, "b") || !strcmp(name, "strong")) {
        struct buf *t = h_target(h);
        if (t) buf_puts(t, "**");
        return;
    }
    if (pt_is_block_tag(name)) h_newline(h);
}

/* Skips <!-- -->, <!...>, <?...> and the content of script/style/title; returns the new i. */
static size_t h_skip(const char *s, size_t n, size_t i, const char *name, int closing) {
    static const char *const RAW[] = {"script", "style", "title", "template", "xml"};
    if (!name) {
        const char *end = i + 4 <= n && !memcmp(s + i, "<!--", 4) ? "-->" : ">";
        for (size_t j = i + 2; j + strlen(end) <= n; j++)
            if (!memcmp(s + j, end, strlen(end))) return j + strlen(end);
        return n;
    }
    if (closing) return i;
    for (size_t k = 0; k < sizeof RAW / sizeof *RAW; k++) {
        if (strcmp(name, RAW[k])) continue;
        size_t nl = strlen(name);
        for (size_t j = i; j + nl + 2 <= n; j++)
            if (s[j] == '<' && s[j + 1] == '/' && !strncasecmp(s + j + 2, name, nl)) return j;
        return n;
    }
    return i;
}

static void html_items(struct html *h, const char *s, size_t n) {
    size_t i = 0;
    while (i < n && !h->oom) {
        if (s[i] == '<' && i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            i = h_skip(s, n, i, NULL, 0);
            continue;
        }
        if (s[i] == '<') {
            char name[16];
            int closing;
            size_t tl = pt_tag_at(s, n, i, name, &closing);
            if (tl) {
                h_tag(h, name, closing, s + i, tl);
                i = h_skip(s, n, i + tl, name, closing);
                continue;
            }
        }
        const char *lt = memchr(s + i + 1, '<', n - i - 1);
        size_t j = lt ? (size_t)(lt - s) : n;
        h_text(h, s + i, j - i);
        i = j;
    }
    while (h->depth) h_table(h, 1);
    h_flush_line(h);
    if (h->cell.oom) h->oom = 1;
}

static void html_free(struct html *h) {
    for (size_t k = 0; k < h->nit; k++) {
        if (h->it[k].cells) pt_free_lines(h->it[k].cells, h->it[k].n);
        free(h->it[k].cells);
        free(h->it[k].line);
    }
    free(h->it);
    buf_free(&h->cell);
    buf_free(&h->line);
}
/* Prose lines of an HTML document, table cells included line by line; NULL when out of memory. */
static char **html_lines(struct ctx *c, const struct html *h, size_t *n) {
    char **l = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t k = 0; k < h->nit && !c->oom; k++) {
        const struct hitem *it = &h->it[k];
        for (size_t j = 0; j < (it->cells ? it->n : 1) && !c->oom; j++) {
            const char *s = it->cells ? it->cells[j] : it->line;
            for (const char *e; *s && !c->oom; s = *e ? e + 1 : e) {
                e = strchr(s, '\n');
                if (!e) e = s + strlen(s);
                char *line = MEM_GROW(l, *n, cap) == 0 ? mem_strndup(s, (size_t)(e - s)) : NULL;
                if (line)
                    l[(*n)++] = line;
                else
                    c->oom = 1;
            }
        }
    }
    if (!c->oom) return l;
    pt_free_lines(l, *n);
    free(l);
    *n = 0;
    return NULL;
}

/* The table from its header row on; the title comes from the lines before it. */
static void html_table(struct ctx *c, const struct html *h, size_t hdr) {
    char **pre = mem_realloc(NULL, (hdr ? hdr : 1) * sizeof *pre);
    if (!pre) {
        c->oom = 1;
        return;
    }
    size_t np = 0;
    for (size_t k = 0; k < hdr; k++)
        if (h->it[k].line) pre[np++] = h->it[k].line;
    c->title = pt_find_title(c, pre, np);
    if (!c->oom) pt_prose_before_table(c, pre, np);
    free(pre);
    struct tab tb;
    memset(&tb, 0, sizeof tb);
    for (size_t k = hdr; k < h->nit && !c->oom; k++)
        if (h->it[k].cells) pt_table_row(c, &tb, h->it[k].cells, h->it[k].n, h->it[k].brk, 0);
}

/* No table with a header row: the document is read as prose. */
static void html_prose(struct ctx *c, const struct html *h) {
    size_t n;
    char **lines = html_lines(c, h, &n);
    if (!lines) return;
    size_t first = pt_first_heading(c, lines, n);
    if (!c->oom) c->title = pt_find_title(c, lines, first);
    pt_parse_prose(c, lines, n);
    pt_free_lines(lines, n);
    free(lines);
}

int plantext_parse_html(const char *html, size_t len, struct pt_plan *out) {
    memset(out, 0, sizeof *out);
    if (!html) html = "", len = 0;
    if (!memchr(html, '<', len)) return plantext_parse_text(html, len, out);
    struct html h;
    struct ctx c;
    memset(&h, 0, sizeof h);
    pt_ctx_init(&c);
    html_items(&h, html, len);
    c.oom = h.oom;
    size_t hdr = h.nit;
    for (size_t k = 0; k < h.nit && hdr == h.nit && !c.oom; k++)
        if (h.it[k].cells &&
            pt_cells_header(&c, h.it[k].cells, h.it[k].n < MAXCOL ? h.it[k].n : MAXCOL, 0))
            hdr = k;
    if (!c.oom && hdr < h.nit)
        html_table(&c, &h, hdr);
    else if (!c.oom)
        html_prose(&c, &h);
    html_free(&h);
    return pt_finish(&c, out);
}
