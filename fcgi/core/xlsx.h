/* xlsx: the first worksheet of an Office Open XML workbook (.xlsx) -> sheet rows, for imports. */
#ifndef KSTT_CORE_XLSX_H
#define KSTT_CORE_XLSX_H

#include <stddef.h>

#include "core/sheet.h"

/* An entry of the zip container may not inflate to more than this. */
#define XLSX_MAX_ENTRY (64u * 1024u * 1024u)

/*
 * Reads the workbook's first sheet (by xl/workbook.xml and its relationships, else
 * xl/worksheets/sheet1.xml) into out (initialised here; release with sheet_free even on error).
 * Shared strings, inline strings, rich-text runs (phonetic runs skipped), numbers (flagged in
 * sheet_row.numeric), booleans ("TRUE"/"FALSE"), entities and the _xHHHH_ escapes are handled;
 * cells are placed by their reference, so empty cells read as "". The zip is read through its
 * central directory (stored and deflated entries, ZIP64 sizes), with CRCs checked and every
 * entry capped at XLSX_MAX_ENTRY. Returns 0, or -1 with a Vietnamese reason in err.
 */
int xlsx_read(const void *data, size_t len, struct sheet *out, char *err, size_t errcap);

/* 1 when data starts like a zip file (an .xlsx), else 0. */
int xlsx_sniff(const void *data, size_t len);

#endif
