/* plantext_table: rows of a plan's table (from the HTML or the text front-end) become sections and
 * tasks: the header row maps the columns, data rows are numbered, continued or merged. */
#include "core/plantext_internal.h"
#include "lib/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_fields(struct ctx *c, int id, char *const *f) {
    for (int i = 0; i < NF; i++) pt_field_join(&c->t[id].f[i], f[i], pt_unit_field(i));
}

static int others_empty(char *const *f) {
    return !f[F_OUTPUT][0] && !f[F_LEAD][0] && !f[F_COOP][0] && !f[F_TIME][0];
}

/*
 * A section row repeated at the top of a page (the heading, or its group's, again): the same
 * number and title as the current section or one before it since the last group heading, after
 * a page break or before any task of the current section (a plan may reuse a title elsewhere).
 */
static int repeated_section(struct ctx *c, const struct tab *tb, const char *num,
                            const char *title) {
    char want[512], have[512];
    if (c->cur < 0 || (!tb->brk && c->sec[c->cur].first >= 0)) return 0;
    pt_fold_key(title, strlen(title), want, sizeof want);
    for (int s = c->cur; s >= 0; s--) {
        struct bsec *b = &c->sec[s];
        if (b->dead) break;
        pt_fold_key(buf_cstr(&b->title), b->title.len, have, sizeof have);
        if (b->number && !strcmp(b->number, num) && !strcmp(have, want)) return 1;
        if (!b->number || strspn(b->number, "IVXLCDM") != strlen(b->number)) break;
    }
    return 0;
}

/* A section row: Roman numeral in the STT cell (or leading the task cell when STT is empty). */
static int try_section(struct ctx *c, struct tab *tb, const char *stt, char *const *f) {
    struct label lb;
    const char *src = stt;
    if (stt[0]) {
        if (!pt_parse_upper_label(stt, &lb, 1)) return 0;
        if (lb.kind == L_ULETTER && !others_empty(f)) return 0;
    } else {
        if (!f[F_TITLE][0] || !others_empty(f) || !pt_parse_upper_label(f[F_TITLE], &lb, 0))
            return 0;
        src = f[F_TITLE];
    }
    const char *title = src[lb.rest] ? src + lb.rest : f[F_TITLE];
    if (repeated_section(c, tb, lb.num, title)) {
        tb->keep_brk = 1; /* what follows the repeated heading may still go on with the page */
        return 1;
    }
    pt_new_section(c, lb.num, title);
    return 1;
}

/* Makes a new sub-row task the open one under its parent (rows numbered below it nest there). */
static int open_subrow(struct ctx *c, int parent, const char *number) {
    int d = 0;
    while (d < c->depth && c->stack[d] != parent) d++;
    c->depth = d < c->depth ? d + 1 : c->depth;
    int id = pt_new_task(c, parent, number, K_SUBROW);
    if (id >= 0 && c->depth < MAXDEPTH) c->stack[c->depth++] = id;
    return id;
}

/* Vertically merged STT/task cells: another output with its own units, under the task above. */
static void merged_subrow(struct ctx *c, int prev, char *const *f) {
    int parent = c->t[prev].kind == K_SUBROW ? c->t[prev].parent : prev;
    int id = open_subrow(c, parent, NULL);
    if (id < 0) return;
    buf_puts(&c->t[id].f[F_TITLE], f[F_OUTPUT]);
    set_fields(c, id, (char *const[]){"", f[F_OUTPUT], f[F_LEAD], f[F_COOP], f[F_TIME]});
    c->t[id].doubts |= PT_D_SUBROW;
    pt_warn(c, id,
            "Dòng không có số thứ tự và tên nhiệm vụ (ô gộp): đã tách thành ý con của "
            "nhiệm vụ phía trên, vui lòng kiểm tra.");
}

/* The label an output cell starts with ("1.2.", "a)", "-"); 0 when none (or a Roman one). */
static int output_label(const char *out, struct label *lb) {
    return out[0] && pt_parse_label(out, lb, 0) && lb->kind != L_ROMAN && lb->kind != L_ULETTER &&
           out[lb->rest];
}

/*
 * The first numbered sub-item of a task sits on the task's own row: when its output starts
 * with a label of the same kind as the row below ("1.1. ..." above "1.2. ..."), that output and
 * the row's units and timeline become sub-item one, and the task keeps its title.
 */
static void split_parent_output(struct ctx *c, int parent, const struct label *next) {
    struct label lb;
    char *out = mem_strndup(buf_cstr(&c->t[parent].f[F_OUTPUT]), c->t[parent].f[F_OUTPUT].len);
    if (!out) {
        c->oom = 1;
        return;
    }
    if (output_label(out, &lb) && lb.kind == next->kind && lb.depth == next->depth) {
        int id = pt_new_task(c, parent, lb.kind == L_BULLET ? NULL : lb.num, K_SUBROW);
        if (id >= 0) {
            struct btask *p = &c->t[parent], *t = &c->t[id];
            buf_puts(&t->f[F_TITLE], out + lb.rest);
            buf_puts(&t->f[F_OUTPUT], out + lb.rest);
            for (int f = F_LEAD; f < NF; f++) {
                buf_puts(&t->f[f], buf_cstr(&p->f[f]));
                buf_reset(&p->f[f]);
            }
            buf_reset(&p->f[F_OUTPUT]);
        }
    }
    free(out);
}

/* A row whose output cell is numbered ("1.2. ...") with its own units: a sub-item of the task. */
static void numbered_subrow(struct ctx *c, int prev, const struct label *lb, char *const *f) {
    int parent = c->t[prev].kind == K_SUBROW ? c->t[prev].parent : prev;
    if (!c->t[parent].nchild) split_parent_output(c, parent, lb);
    int id = open_subrow(c, parent, lb->kind == L_BULLET ? NULL : lb->num);
    if (id < 0) return;
    const char *text = f[F_OUTPUT] + lb->rest;
    buf_puts(&c->t[id].f[F_TITLE], text);
    set_fields(c, id, (char *const[]){"", (char *)text, f[F_LEAD], f[F_COOP], f[F_TIME]});
}

/*
 * Whether a row without STT and task text after a page break goes on with the row above:
 * it starts in lower case, or brings no lead unit or timeline of its own, or the row above
 * stopped mid-sentence (its output not ending in a full stop or the like).
 */
static int continues_row(struct ctx *c, int prev, char *const *f, int lower) {
    if (lower || f[F_TITLE][0] || (!f[F_LEAD][0] && !f[F_TIME][0])) return 1;
    struct buf *o = &c->t[prev].f[F_OUTPUT];
    return o->len && !pt_ends_term(buf_cstr(o));
}

static void join_row(struct ctx *c, int prev, char *const *f) {
    set_fields(c, prev, f);
    c->last = prev;
    c->t[prev].doubts |= PT_D_JOINED;
    pt_warn(c, prev,
            "Dòng bị tách sang trang sau đã được nối vào nhiệm vụ này, "
            "vui lòng kiểm tra.");
}

/* A row with no STT and no task text: the rest of a task split over a page, or a sub-row. */
static void empty_stt_row(struct ctx *c, struct tab *tb, char *const *f) {
    int prev = c->last;
    const char *lead_text = f[F_TITLE][0] ? f[F_TITLE] : f[F_OUTPUT][0] ? f[F_OUTPUT] : "";
    int lower = pt_starts_lower(lead_text[0] ? lead_text : f[F_LEAD][0] ? f[F_LEAD] : f[F_COOP]);
    struct label ol;
    int own = f[F_LEAD][0] || f[F_TIME][0];
    if (prev >= 0 && !f[F_TITLE][0] && own && output_label(f[F_OUTPUT], &ol)) {
        numbered_subrow(c, prev, &ol, f);
        return;
    }
    if (prev >= 0 && (tb->brk || lower)) {
        int looks_new = f[F_TITLE][0] && !lower && pt_ends_term(buf_cstr(&c->t[prev].f[F_TITLE]));
        if (!looks_new && (!tb->brk || continues_row(c, prev, f, lower))) {
            join_row(c, prev, f);
            return;
        }
    }
    if (prev >= 0 && !f[F_TITLE][0] && f[F_OUTPUT][0]) {
        merged_subrow(c, prev, f);
        return;
    }
    if (prev >= 0 && !f[F_TITLE][0]) {
        set_fields(c, prev, f);
        c->t[prev].doubts |= PT_D_JOINED;
        pt_warn(c, prev, "Dòng không có số thứ tự và tên nhiệm vụ đã được nối vào nhiệm vụ này.");
        return;
    }
    struct label none = {.kind = L_NONE};
    int id = pt_attach(c, &none, K_ROW);
    if (id < 0) return;
    set_fields(c, id, f);
    c->t[id].doubts |= PT_D_NO_NUMBER;
    pt_warn(c, id, "Nhiệm vụ không có số thứ tự.");
}

/* One data row (cells already mapped to fields) of a table. */
static void data_row(struct ctx *c, struct tab *tb, const char *stt, char **f, int has_stt_col) {
    if (try_section(c, tb, stt, f)) return;
    if (!stt[0] && f[F_TITLE][0] && others_empty(f) && pt_count_words(f[F_TITLE]) >= 3 &&
        pt_upper_share(f[F_TITLE]) >= 90 && !(tb->brk && c->last >= 0)) {
        pt_new_section(c, NULL, f[F_TITLE]);
        return;
    }
    struct label lb;
    char *title = f[F_TITLE];
    if (stt[0]) {
        if (!pt_parse_label(stt, &lb, 1)) {
            lb.kind = L_NUM; /* unusual STT ("1a", "*)"): keep it as written, top level */
            snprintf(lb.num, sizeof lb.num, "%s", stt);
            lb.depth = 0;
        }
    } else if (!has_stt_col && pt_parse_label(title, &lb, 0) && lb.kind != L_ROMAN) {
        f[F_TITLE] = title + lb.rest; /* numbers written in the task column */
    } else {
        empty_stt_row(c, tb, f);
        return;
    }
    int id = pt_attach(c, &lb, lb.kind == L_BULLET ? K_ITEM : K_ROW);
    if (id >= 0) {
        if (lb.kind == L_LETTER) c->t[id].kind = K_ITEM;
        set_fields(c, id, f);
        if (!c->t[id].f[F_TITLE].len) {
            c->t[id].doubts |= PT_D_NO_TITLE;
            pt_warn(c, id, "Nhiệm vụ chưa có nội dung.");
        }
    }
    f[F_TITLE] = title;
}

/* The cells of a data row gathered into fields by the column map; the STT cell in *stt. */
static void row_fields(const struct tab *tb, char **cell, size_t n, struct buf *f, const char **stt,
                       int *has_stt_col) {
    *stt = "";
    *has_stt_col = 0;
    for (size_t i = 0; i < tb->ncol; i++) {
        enum role r = tb->map[i];
        *has_stt_col |= r == R_STT;
        if (i >= n || !cell[i][0]) continue;
        int fi = r == R_TITLE                   ? F_TITLE
                 : r == R_OUTPUT                ? F_OUTPUT
                 : r == R_LEAD || r == R_ASSIGN ? F_LEAD
                 : r == R_COOP                  ? F_COOP
                 : r == R_TIME                  ? F_TIME
                                                : -1;
        if (r == R_STT && !(*stt)[0]) *stt = cell[i];
        if (fi < 0) continue;
        if (f[fi].len && !strcmp(buf_cstr(&f[fi]), cell[i]))
            continue; /* section text repeated per cell */
        pt_field_join(&f[fi], cell[i], 1);
    }
}

/* A data row after the header: its fields go to data_row. */
static void table_data(struct ctx *c, struct tab *tb, char **cell, size_t n) {
    struct buf f[NF];
    const char *stt;
    int has_stt_col;
    for (int i = 0; i < NF; i++) buf_init(&f[i]);
    row_fields(tb, cell, n, f, &stt, &has_stt_col);
    char *fv[NF];
    int oom = 0;
    for (int i = 0; i < NF; i++) {
        fv[i] = (char *)buf_cstr(&f[i]);
        oom |= f[i].oom;
    }
    if (oom)
        c->oom = 1;
    else
        data_row(c, tb, stt, fv, has_stt_col);
    tb->brk = tb->keep_brk;
    tb->keep_brk = 0;
    for (int i = 0; i < NF; i++) buf_free(&f[i]);
}

/* Cleans n raw cells into cell[]; 0, or -1 (nothing kept, c->oom set) when out of memory. */
static int clean_cells(struct ctx *c, char **raw, size_t n, int tags, char **cell) {
    for (size_t i = 0; i < n; i++) {
        cell[i] = pt_clean_cell(raw[i], strlen(raw[i]), tags);
        if (cell[i]) continue;
        pt_free_lines(cell, i);
        c->oom = 1;
        return -1;
    }
    return 0;
}

void pt_table_row(struct ctx *c, struct tab *tb, char **raw, size_t n, int brk, int tags) {
    char *cell[MAXCOL];
    enum role roles[MAXCOL];
    int any = 0;
    if (n > MAXCOL) n = MAXCOL;
    if (c->oom || clean_cells(c, raw, n, tags, cell) < 0) return;
    for (size_t i = 0; i < n; i++) any |= cell[i][0] != 0;
    if (!any) goto out;
    if (pt_is_header(cell, n, roles)) {
        memcpy(tb->map, roles, n * sizeof *roles);
        tb->ncol = n;
        tb->have = tb->after_header = tb->brk = 1;
        goto out;
    }
    if (!tb->have) goto out;
    if (tb->after_header && pt_is_subheader(cell, n, roles)) {
        for (size_t i = 0; i < n && i < MAXCOL; i++)
            if (roles[i]) tb->map[i] = roles[i];
        if (n > tb->ncol) tb->ncol = n;
        goto out;
    }
    tb->after_header = 0;
    if (pt_is_colnum_row(cell, n)) goto out;
    tb->brk |= brk;
    table_data(c, tb, cell, n);
out:
    pt_free_lines(cell, n);
}

int pt_cells_header(struct ctx *c, char **raw, size_t n, int tags) {
    char *cell[MAXCOL];
    enum role r[MAXCOL];
    if (n > MAXCOL) n = MAXCOL;
    if (clean_cells(c, raw, n, tags, cell) < 0) return 0;
    int h = pt_is_header(cell, n, r);
    pt_free_lines(cell, n);
    return h;
}
