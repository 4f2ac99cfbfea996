/* sheet: rows of text cells read from an uploaded spreadsheet (CSV or .xlsx), for imports. */
#include "core/sheet.h"

#include <stdio.h>
#include <stdlib.h>

void sheet_init(struct sheet *s) {
    s->nrows = s->cap = 0;
    s->rows = NULL;
}

static void row_free(struct sheet_row *r) {
    for (size_t i = 0; i < r->ncells; i++) free(r->cells[i]);
    free(r->cells);
    free(r->numeric);
}

void sheet_free(struct sheet *s) {
    for (size_t i = 0; i < s->nrows; i++) row_free(&s->rows[i]);
    free(s->rows);
    sheet_init(s);
}

int sheet_add_row(struct sheet *s, long num, char **cells, unsigned char *numeric, size_t ncells) {
    struct sheet_row r = {num, ncells, cells, numeric};
    if (s->nrows >= SHEET_MAX_ROWS) {
        row_free(&r);
        return -1;
    }
    if (s->nrows == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct sheet_row *rows = realloc(s->rows, cap * sizeof *rows);
        if (!rows) {
            row_free(&r);
            return -1;
        }
        s->rows = rows;
        s->cap = cap;
    }
    s->rows[s->nrows++] = r;
    return 0;
}

const char *sheet_cell(const struct sheet_row *row, size_t i) {
    return i < row->ncells && row->cells[i] ? row->cells[i] : "";
}

int sheet_row_blank(const struct sheet_row *row) {
    for (size_t i = 0; i < row->ncells; i++)
        for (const char *p = row->cells[i]; p && *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') return 0;
    return 1;
}

void sheet_limit_error(const struct sheet_limits *lim, int rows, char *err, size_t errcap) {
    if (rows)
        snprintf(err, errcap,
                 "Tệp có hơn %ld dòng: mỗi lần nhập tối đa %ld dòng. Hãy chia tệp thành nhiều "
                 "tệp nhỏ hơn.",
                 lim->max_rows, lim->max_rows);
    else
        snprintf(err, errcap,
                 "Tệp có hơn %ld ô có dữ liệu: mỗi lần nhập tối đa %ld ô. Hãy chia tệp thành "
                 "nhiều tệp nhỏ hơn.",
                 lim->max_cells, lim->max_cells);
}

int sheet_check_limits(const struct sheet *s, const struct sheet_limits *lim, char *err,
                       size_t errcap) {
    long rows = 0, cells = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        if (s->rows[i].ncells) rows++;
        for (size_t k = 0; k < s->rows[i].ncells; k++)
            if (s->rows[i].cells[k] && s->rows[i].cells[k][0]) cells++;
    }
    if (lim->max_rows > 0 && rows > lim->max_rows) {
        sheet_limit_error(lim, 1, err, errcap);
        return SHEET_TOO_BIG;
    }
    if (lim->max_cells > 0 && cells > lim->max_cells) {
        sheet_limit_error(lim, 0, err, errcap);
        return SHEET_TOO_BIG;
    }
    return 0;
}
