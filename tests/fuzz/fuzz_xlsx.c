/* libFuzzer target for core/xlsx: any bytes (zip container, XML, strings) give either an error
 * message or rows of valid UTF-8 cells; nothing reads or writes out of bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/xlsx.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct sheet s;
    char err[300];
    int rc = xlsx_read(data, size, &s, err, sizeof err);
    if (rc < 0 && err[0] == '\0') abort();
    for (size_t i = 0; rc == 0 && i < s.nrows; i++) {
        const struct sheet_row *r = &s.rows[i];
        if (r->ncells == 0 || r->ncells > SHEET_MAX_CELLS) abort();
        for (size_t k = 0; k < r->ncells; k++)
            if (utf8_valid_prefix(r->cells[k], strlen(r->cells[k])) != strlen(r->cells[k])) abort();
    }
    sheet_free(&s);
    return 0;
}
