/* sheet: rows of text cells read from an uploaded spreadsheet (CSV or .xlsx), for imports. */
#ifndef KSTT_CORE_SHEET_H
#define KSTT_CORE_SHEET_H

#include <stddef.h>

/* Bounds on what an upload may hold, so a hostile file cannot exhaust memory. */
#define SHEET_MAX_ROWS  100000
#define SHEET_MAX_CELLS 256

struct sheet_row {
    long num;               /* the row number a person sees in the spreadsheet (1 = first row) */
    size_t ncells;          /* cells[0..ncells): never NULL, "" when empty */
    char **cells;           /* UTF-8, NUL-terminated, malloc'd */
    unsigned char *numeric; /* 1 when the cell was stored as a number (.xlsx), else 0 */
};

struct sheet {
    size_t nrows, cap;
    struct sheet_row *rows;
};

void sheet_init(struct sheet *s);
void sheet_free(struct sheet *s);
/* Appends a row that takes ownership of cells/numeric (numeric may be NULL). -1 on OOM or when
 * the sheet already holds SHEET_MAX_ROWS rows (the row is then freed). */
int sheet_add_row(struct sheet *s, long num, char **cells, unsigned char *numeric, size_t ncells);
/* Cell i of row, or "" when the row is shorter. */
const char *sheet_cell(const struct sheet_row *row, size_t i);
/* 1 when every cell of the row is empty or blank. */
int sheet_row_blank(const struct sheet_row *row);

#endif
