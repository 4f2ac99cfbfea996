/* A list as a one-sheet .xlsx: a title row, a header row and one row per item — every module's
 * list export (inspections, communications, review, internal procedures, impact, initiatives). */
#ifndef KSTT_API_XLSX_TABLE_H
#define KSTT_API_XLSX_TABLE_H
#include <jansson.h>
#include <stddef.h>

#include "server/http.h"

struct xlsx_col {
    const char *key;  /* the item's member: string, number, boolean, null, or an array of strings
                       * or of objects with a "name" (joined with "; ") */
    const char *head; /* the column's Vietnamese heading */
    double width;
};

/* Answers 200 with the .xlsx of rows (borrowed): title (what, which unit, which period) in row 1
 * followed by " — lập lúc <now>", the headings in row 2 after a "TT" column, then the rows. */
int res_xlsx_table(req_t *r, const char *title, const struct xlsx_col *cols, size_t ncols,
                   json_t *rows, const char *filename);

#endif
