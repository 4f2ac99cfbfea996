/* The list exports: one titled table per list (api/xlsx_table.h). */
#include "api/xlsx_table.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "api/calendar.h"
#include "api/common.h"

struct table {
    const char *title;
    const struct xlsx_col *cols;
    size_t ncols;
    json_t *rows;
};

/* An array's items (strings, or objects by their "name") joined with "; " into out. */
static void join_names(json_t *a, char *out, size_t cap) {
    size_t i, o = 0;
    json_t *x;
    out[0] = '\0';
    json_array_foreach(a, i, x) {
        const char *s = json_is_string(x) ? json_string_value(x)
                                          : json_string_value(json_object_get(x, "name"));
        if (s && o + strlen(s) + 3 < cap)
            o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? "; " : "", s);
    }
}

static void write_cell(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f) {
    char text[4096];
    if (json_is_array(v)) {
        join_names(v, text, sizeof text);
        worksheet_write_string(ws, row, col, text, f);
    } else if (json_is_integer(v)) {
        worksheet_write_number(ws, row, col, (double)json_integer_value(v), f);
    } else if (json_is_boolean(v)) {
        worksheet_write_string(ws, row, col, json_is_true(v) ? "Có" : "Không", f);
    } else if (json_is_real(v)) {
        /* a number the reader can add up (the reform index's points in hundredths), not text */
        worksheet_write_number(ws, row, col, json_real_value(v), f);
    } else {
        worksheet_write_string(ws, row, col, json_is_string(v) ? json_string_value(v) : "", f);
    }
}

static int table_write(const char *path, void *ctx) {
    const struct table *t = ctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
    lxw_format *bold = workbook_add_format(wb), *head = workbook_add_format(wb),
               *cell = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_text_wrap(cell);
    format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
    char made[32], text[1200];
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    snprintf(text, sizeof text, "%s — lập lúc %s", t->title, made);
    worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)t->ncols, text, bold);
    worksheet_set_row(ws, 0, 36, NULL);
    worksheet_set_column(ws, 0, 0, 5, NULL);
    worksheet_write_string(ws, 1, 0, "TT", head);
    for (size_t c = 0; c < t->ncols; c++) {
        worksheet_set_column(ws, (lxw_col_t)(c + 1), (lxw_col_t)(c + 1), t->cols[c].width, NULL);
        worksheet_write_string(ws, 1, (lxw_col_t)(c + 1), t->cols[c].head, head);
    }
    size_t i;
    json_t *item;
    json_array_foreach(t->rows, i, item) {
        int row = (int)i + 2;
        worksheet_write_number(ws, row, 0, (double)(i + 1), cell);
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(ws, row, (int)c + 1, json_object_get(item, t->cols[c].key), cell);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int res_xlsx_table(req_t *r, const char *title, const struct xlsx_col *cols, size_t ncols,
                   json_t *rows, const char *filename) {
    struct table t = {title, cols, ncols, rows};
    return res_xlsx(r, table_write, &t, filename);
}
