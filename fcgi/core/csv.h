/* csv: CSV text as spreadsheets export it (RFC 4180 and its common variants) -> sheet rows. */
#ifndef KSTT_CORE_CSV_H
#define KSTT_CORE_CSV_H

#include <stddef.h>

#include "core/sheet.h"

/*
 * Reads data[0..len) into out (initialised here; release with sheet_free even on error).
 * Encoding: UTF-8 with or without BOM, or UTF-16 LE/BE with BOM (Excel's "Unicode text").
 * Delimiter: whichever of ',', ';' and TAB occurs most in the first record outside quotes
 * (Excel in a Vietnamese locale writes ';'). Quoted cells may hold delimiters, doubled quotes
 * and line breaks; text after a closing quote is kept (as Excel does). Line ends: CRLF, LF, CR.
 * Empty lines are skipped but counted, so sheet_row.num is the row a person sees. Cells past
 * SHEET_MAX_CELLS in a row are dropped. Returns 0, or -1 with a Vietnamese reason in err.
 */
int csv_read(const char *data, size_t len, struct sheet *out, char *err, size_t errcap);

#endif
