/* procedure_row: the pure part of reading a procedure import's row: a cell's text into the keys
 * of a procedure record, with the report's errors and warnings (the database lookups, field and
 * agency, are the caller's). */
#ifndef KSTT_CORE_PROCEDURE_ROW_H
#define KSTT_CORE_PROCEDURE_ROW_H

#include <jansson.h>

#include "core/procedure.h"
#include "core/sheet.h"

/* What one row sets, and what the report says about it. */
struct proc_row {
    json_t *in;     /* the keys this row sets */
    json_t *errors; /* [{field, column, message}] */
    json_t *warnings;
    char code[PROC_CODE_MAX + 1]; /* the normalized code, "" when none */
};

/* Cell i of row without surrounding white space ("" past the end), malloc'd, NULL on OOM;
 * *numeric: the cell was stored as a number (.xlsx). */
char *proc_row_text(const struct sheet_row *row, size_t i, int *numeric);

/* The column label of an api key, for the report ("fee_amount" -> "Phí, lệ phí"); the key
 * itself when it names no column. */
const char *proc_row_label(const char *key);
/* Appends {field, column, message} to errors. */
void proc_row_error(json_t *errors, const char *field, const char *message);

/*
 * Reads the trimmed text v of column col into row->in, or an error into row->errors (a time
 * limit without a number: a warning). numeric: the cell was a number (codes, dates). The code
 * is read even when empty ("Thiếu mã thủ tục."); other columns should be skipped when empty (an
 * import never erases). PC_FIELD is left alone and PC_AGENCY sets only its text: they name
 * database rows, which the caller resolves.
 */
void proc_row_cell(struct proc_row *row, enum proc_col col, const char *v, int numeric);

/* The codes seen in one file, each with the first row that had it: open addressing, sized
 * once for the file's rows (counted by the import's first pass). */
struct proc_seen {
    char **code;
    long *row;
    size_t cap, n;
};
/* Room for rows codes; -1 on OOM (proc_seen_free is safe either way). */
int proc_seen_init(struct proc_seen *s, size_t rows);
void proc_seen_free(struct proc_seen *s);
/* Records row->code (when there is one) for the sheet row num; a code an earlier row had gets
 * the error "Mã thủ tục trùng với dòng N: dòng này được bỏ qua." 0, or -1 on OOM or a full
 * table (more rows than proc_seen_init was told). */
int proc_row_first_of_code(struct proc_seen *s, struct proc_row *row, long num);

#endif
