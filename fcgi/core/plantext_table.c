/* plantext_table: rows of a plan's table (from the HTML or the text front-end) become sections and
 * tasks: the header row maps the columns, data rows are numbered, continued or merged. */
#include "core/plantext_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_fields(struct ctx *c, int id, char *const *f) {
    for (int i = 0; i < NF; i++) pt_field_join(&c->t[id].f[i], f[i], pt_unit_field(i));
}

static int others_empty(char *const *f) {
    return !f[F_OUTPUT][0] && !f[F_LEAD][0] && !f[F_COOP][0] && !f[F_TIME][0];
}

/* A section row: Roman numeral in the STT cell (or leading the task cell when STT is empty). */
static int try_section(struct ctx *c, const char *stt, char *const *f) {
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
    pt_new_section(c, lb.num, title);
    return 1;
}

/* Vertically merged STT/task cells: another output with its own units, under the task above. */
static void merged_subrow(struct ctx *c, int prev, char *const *f) {
    int parent = c->t[prev].kind == K_SUBROW ? c->t[prev].parent : prev;
    int d = 0;
    while (d < c->depth && c->stack[d] != parent) d++;
    c->depth = d < c->depth ? d + 1 : c->depth;
    int id = pt_new_task(c, parent, NULL, K_SUBROW);
    if (id < 0) return;
    buf_puts(&c->t[id].f[F_TITLE], f[F_OUTPUT]);
    set_fields(c, id, (char *const[]){"", f[F_OUTPUT], f[F_LEAD], f[F_COOP], f[F_TIME]});
    if (c->depth < MAXDEPTH) c->stack[c->depth++] = id;
    pt_warn(c, id,
            "Dòng không có số thứ tự và tên nhiệm vụ (ô gộp): đã tách thành ý con của "
            "nhiệm vụ phía trên, vui lòng kiểm tra.");
}

/* A row with no STT and no task text: the rest of a task split over a page, or a sub-row. */
static void empty_stt_row(struct ctx *c, struct tab *tb, char *const *f) {
    int prev = c->last;
    const char *lead_text = f[F_TITLE][0] ? f[F_TITLE] : f[F_OUTPUT][0] ? f[F_OUTPUT] : "";
    int lower = pt_starts_lower(lead_text[0] ? lead_text : f[F_LEAD][0] ? f[F_LEAD] : f[F_COOP]);
    if (prev >= 0 && (tb->brk || lower)) {
        int looks_new = f[F_TITLE][0] && !lower && pt_ends_term(buf_cstr(&c->t[prev].f[F_TITLE]));
        if (!looks_new) {
            set_fields(c, prev, f);
            c->last = prev;
            pt_warn(c, prev,
                    "Dòng bị tách sang trang sau đã được nối vào nhiệm vụ này, "
                    "vui lòng kiểm tra.");
            return;
        }
    }
    if (prev >= 0 && !f[F_TITLE][0] && f[F_OUTPUT][0]) {
        merged_subrow(c, prev, f);
        return;
    }
    if (prev >= 0 && !f[F_TITLE][0]) {
        set_fields(c, prev, f);
        pt_warn(c, prev, "Dòng không có số thứ tự và tên nhiệm vụ đã được nối vào nhiệm vụ này.");
        return;
    }
    struct label none = {.kind = L_NONE};
    int id = pt_attach(c, &none, K_ROW);
    if (id < 0) return;
    set_fields(c, id, f);
    pt_warn(c, id, "Nhiệm vụ không có số thứ tự.");
}

/* One data row (cells already mapped to fields) of a table. */
static void data_row(struct ctx *c, struct tab *tb, const char *stt, char **f, int has_stt_col) {
    if (try_section(c, stt, f)) return;
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
        if (!c->t[id].f[F_TITLE].len) pt_warn(c, id, "Nhiệm vụ chưa có nội dung.");
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
    tb->brk = 0;
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
