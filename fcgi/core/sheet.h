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

/* What one import may hold (0 = no limit), so that a small file cannot cost unbounded time or
 * memory; the server's are configured (KSTT_IMPORT_MAX_ROWS, KSTT_IMPORT_MAX_CELLS). */
struct sheet_limits {
    long max_rows;  /* rows with at least one cell, title and header rows included */
    long max_cells; /* cells that are not empty, over the whole sheet */
};

/* Receives rows as a reader parses them; the row and its cells are read-only and valid during
 * the call only (copy what must outlive it).
 * Returns 0 to go on, anything else to stop the reader (which then returns SHEET_STOPPED). */
typedef int (*sheet_row_fn)(void *ctx, const struct sheet_row *row);

/* Results of the readers besides 0 and -1 (damaged, reason in err). */
#define SHEET_TOO_BIG (-2) /* a limit was passed; err names it */
#define SHEET_STOPPED (-3) /* the consumer asked to stop */

/* Writes the Vietnamese message for a passed limit (rows when rows, else cells). */
void sheet_limit_error(const struct sheet_limits *lim, int rows, char *err, size_t errcap);
/* SHEET_TOO_BIG with the message in err when s holds more than lim allows, else 0. */
int sheet_check_limits(const struct sheet *s, const struct sheet_limits *lim, char *err,
                       size_t errcap);

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
