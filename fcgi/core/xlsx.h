/* xlsx: the first worksheet of an Office Open XML workbook (.xlsx) -> sheet rows, for imports. */
#ifndef KSTT_CORE_XLSX_H
#define KSTT_CORE_XLSX_H

#include <stddef.h>

#include "core/sheet.h"

/* An entry of the zip container may not inflate to more than this. */
#define XLSX_MAX_ENTRY (64u * 1024u * 1024u)

/*
 * Streams the workbook's first sheet: the worksheet is inflated a window at a time and each row
 * is handed to fn as soon as its closing tag is read, so memory stays bounded by the shared
 * strings table (itself capped) and one row, whatever the sheet's length. lim bounds rows and
 * non-empty cells (SHEET_TOO_BIG with the limit named in err). Rows already handed over stay
 * handed over when a later part proves damaged (-1): a consumer that must not act on a damaged
 * file reads it twice (a counting pass, then the real one). Returns 0, -1 (damaged, reason in
 * err), SHEET_TOO_BIG or SHEET_STOPPED (fn returned non-zero).
 */
int xlsx_each_row(const void *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                  void *ctx, char *err, size_t errcap);

/*
 * Reads the workbook's first sheet (by xl/workbook.xml and its relationships, else
 * xl/worksheets/sheet1.xml) into out (initialised here; release with sheet_free even on error).
 * Shared strings, inline strings, rich-text runs (phonetic runs skipped), numbers (flagged in
 * sheet_row.numeric), booleans ("TRUE"/"FALSE"), entities and the _xHHHH_ escapes are handled;
 * cells are placed by their reference, so empty cells read as "". The zip is read from memory
 * by libzip (stored and deflated entries, ZIP64, CRCs checked), every entry capped at
 * XLSX_MAX_ENTRY by its declared and its actual size. At most SHEET_MAX_ROWS rows. Returns 0, or
 * -1 with a Vietnamese reason in err.
 */
int xlsx_read(const void *data, size_t len, struct sheet *out, char *err, size_t errcap);

/* 1 when data starts like a zip file (an .xlsx), else 0. */
int xlsx_sniff(const void *data, size_t len);

#endif
