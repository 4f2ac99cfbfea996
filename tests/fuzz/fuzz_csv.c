/* libFuzzer target for core/csv and the import's cell parsers (core/procedure, core/procedure_row):
 * any bytes give either an error message or rows of valid UTF-8 cells, every cell parses without
 * harm, and read as any column it sets keys or says why not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/procedure.h"
#include "core/procedure_row.h"
#include "lib/utf8.h"

static void check_cell(const char *c) {
    if (utf8_valid_prefix(c, strlen(c)) != strlen(c)) abort();
    char code[32], date[16];
    unsigned mask;
    double v;
    const char *unit;
    long long amount;
    if (proc_code_normalize(c, 0, code, sizeof code) == 0 && !proc_code_valid(code)) abort();
    proc_code_normalize(c, 1, code, sizeof code);
    if (proc_levels_parse(c, &mask) == 0 && (mask == 0 || mask > 7)) abort();
    proc_online_parse(c);
    if (proc_time_limit_parse(c, &v, &unit) == 0 && !(v > 0)) abort();
    if (proc_fee_parse(c, &amount) == 0 && amount < 0) abort();
    proc_bool_parse(c);
    if (proc_date_parse(c, 0, date, sizeof date) == 0 && strlen(date) != 10) abort();
    proc_date_parse(c, 1, date, sizeof date);
    proc_header_column(c);
}

/* The cell read as every column, as text and as a number: the row's keys and report stay JSON. */
static void check_row_cell(const struct sheet_row *r, size_t k) {
    int numeric = 0;
    char *v = proc_row_text(r, k, &numeric);
    if (!v) return; /* out of memory */
    for (int col = 0; col < PC_NCOLS; col++) {
        struct proc_row row = {json_object(), json_array(), json_array(), ""};
        proc_row_cell(&row, (enum proc_col)col, v, col & 1);
        if (!json_is_object(row.in) || !json_is_array(row.errors)) abort();
        if (strlen(row.code) > PROC_CODE_MAX) abort();
        json_decref(row.in);
        json_decref(row.errors);
        json_decref(row.warnings);
    }
    free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct sheet s;
    char err[300];
    int rc = csv_read((const char *)data, size, &s, err, sizeof err);
    if (rc < 0 && err[0] == '\0') abort(); /* an error always says why */
    if (rc == 0) {
        long last = 0;
        for (size_t i = 0; i < s.nrows; i++) {
            const struct sheet_row *r = &s.rows[i];
            if (r->num <= last || r->ncells == 0 || r->ncells > SHEET_MAX_CELLS) abort();
            last = r->num;
            for (size_t k = 0; k < r->ncells && k < 8; k++) check_cell(r->cells[k]);
            for (size_t k = 0; k < r->ncells && k < 2; k++) check_row_cell(r, k);
            int map[PC_NCOLS];
            proc_header_map((const char *const *)r->cells, r->ncells, map);
        }
        const char *texts[4] = {size > 0 ? s.nrows ? s.rows[0].cells[0] : "" : NULL, NULL, "x",
                                s.nrows > 1 ? s.rows[1].cells[0] : NULL};
        free(proc_search_words(texts, 4));
    }
    sheet_free(&s);
    return 0;
}
