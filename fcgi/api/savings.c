/* GET /api/v1/review/savings (and its .xlsx export): the compliance cost savings of a year summed
 * over the procedures the caller sees, by unit and field, with the per-procedure rows. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/cost.h"
#include "api/cost_common.h"

struct savings_query {
    long long year, unit_id, field_id, decision_id;
    struct page page;
};
static const struct in_decl savings_fields[] = {
    IN_FIELD(struct savings_query, year, IN_INT, 0, 2000, 2100, NULL),
    IN_FIELD(struct savings_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct savings_query, field_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct savings_query, decision_id, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_savings_list = IN_SPEC_PAGED(struct savings_query, savings_fields, 50, 500);

struct export_query {
    long long year, unit_id, field_id, decision_id;
};
static const struct in_decl export_fields[] = {
    IN_FIELD(struct export_query, year, IN_INT, 0, 2000, 2100, NULL),
    IN_FIELD(struct export_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct export_query, field_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct export_query, decision_id, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_savings_export = IN_SPEC(struct export_query, export_fields);

static long long year_or_now(long long y) {
    return y ? y : calendar_today().y;
}

int h_savings_list(req_t *r) {
    const struct savings_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct savings_filter f;
    if (savings_filter_make(r, db, year_or_now(in->year), in->unit_id, in->field_id,
                            in->decision_id, &f) < 0)
        return -1;
    json_t *totals = savings_totals(db, &f);
    json_t *rows = totals ? savings_rows(db, &f, in->page.per_page, in->page.offset) : NULL;
    if (!rows) {
        json_decref(totals);
        return db_fail(r, db);
    }
    long long sheets = json_integer_value(json_object_get(totals, "sheets"));
    json_t *out = list_envelope(rows, sheets, &in->page);
    json_object_set_new(out, "year", json_integer(f.year));
    json_object_set_new(out, "totals", totals);
    res_json(r, 200, out);
    return 0;
}

/* What the export writes: the filter's names for the title, totals, rows. */
struct export_ctx {
    long long year;
    const char *unit, *field, *decision;
    json_t *totals, *rows;
};

static double jnum(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_number(v) ? json_number_value(v) : 0;
}

static void num_or_blank(lxw_worksheet *ws, int row, int col, json_t *o, const char *k,
                         lxw_format *fmt) {
    if (json_is_number(json_object_get(o, k)))
        worksheet_write_number(ws, row, col, jnum(o, k), fmt);
    else
        worksheet_write_blank(ws, row, col, fmt);
}

static int savings_xlsx_write(const char *path, void *vctx) {
    struct export_ctx *c = vctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Chi phí tuân thủ");
    lxw_format *bold = workbook_add_format(wb), *num = workbook_add_format(wb),
               *pct = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_num_format(num, "#,##0");
    format_set_num_format(pct, "0.00");
    char made[32], title[900];
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    snprintf(title, sizeof title,
             "CHI PHÍ TUÂN THỦ TTHC — cắt giảm năm %lld — %s%s%s%s%s — lập lúc %s", c->year,
             c->unit, c->field ? " — lĩnh vực " : "", c->field ? c->field : "",
             c->decision ? " — theo Quyết định số " : "", c->decision ? c->decision : "", made);
    worksheet_merge_range(ws, 0, 0, 0, 8, title, bold);
    worksheet_set_row(ws, 0, 30, NULL);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 1, 50, NULL);
    worksheet_set_column(ws, 2, 3, 24, NULL);
    worksheet_set_column(ws, 4, 8, 16, NULL);
    static const char *const heads[] = {"Mã TTHC",
                                        "Tên thủ tục",
                                        "Lĩnh vực",
                                        "Cơ quan thực hiện",
                                        "Thu nhập/giờ",
                                        "Chi phí trước/năm (đồng)",
                                        "Chi phí sau/năm (đồng)",
                                        "Cắt giảm (đồng)",
                                        "Tỷ lệ cắt giảm (%)"};
    for (int i = 0; i < 9; i++) worksheet_write_string(ws, 1, i, heads[i], bold);
    size_t i;
    json_t *x;
    int row = 2;
    json_array_foreach(c->rows, i, x) {
        worksheet_write_string(ws, row, 0, json_string_value(json_object_get(x, "code")), NULL);
        worksheet_write_string(ws, row, 1, json_string_value(json_object_get(x, "name")), NULL);
        const char *fn = json_string_value(json_object_get(x, "field_name"));
        const char *un = json_string_value(json_object_get(x, "agency_unit_name"));
        worksheet_write_string(ws, row, 2, fn ? fn : "", NULL);
        worksheet_write_string(ws, row, 3, un ? un : "", NULL);
        num_or_blank(ws, row, 4, x, "hourly_income", num);
        num_or_blank(ws, row, 5, x, "before_yearly", num);
        num_or_blank(ws, row, 6, x, "after_yearly", num);
        num_or_blank(ws, row, 7, x, "saving", num);
        num_or_blank(ws, row, 8, x, "saving_pct", pct);
        row++;
    }
    char total[200];
    snprintf(total, sizeof total, "Tổng cộng (%lld thủ tục có phương án cắt giảm)",
             (long long)jnum(c->totals, "procedures"));
    worksheet_merge_range(ws, row, 0, row, 4, total, bold);
    num_or_blank(ws, row, 5, c->totals, "before", num);
    num_or_blank(ws, row, 6, c->totals, "after", num);
    num_or_blank(ws, row, 7, c->totals, "saving", num);
    num_or_blank(ws, row, 8, c->totals, "saving_pct", pct);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* The names of the filter's unit and field for the title ("Toàn tỉnh" / the caller's unit). */
static int names(db_t *db, const struct savings_filter *f, json_t **row) {
    long long unit = f->unit_id ? f->unit_id : f->wide ? 0 : f->own_unit;
    return db_query_row_json(db, row,
                             "SELECT (SELECT name FROM units WHERE id = ?) AS unit, (SELECT name "
                             "FROM procedure_fields WHERE id = ?) AS field, (SELECT number FROM "
                             "review_decisions WHERE id = ?) AS decision",
                             "iii", unit, f->field_id, f->decision_id);
}

int h_savings_export(req_t *r) {
    const struct export_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct savings_filter f;
    if (savings_filter_make(r, db, year_or_now(in->year), in->unit_id, in->field_id,
                            in->decision_id, &f) < 0)
        return -1;
    json_t *nm = NULL;
    struct export_ctx c = {f.year, NULL, NULL, NULL, savings_totals(db, &f), NULL};
    if (c.totals) c.rows = savings_rows(db, &f, 0, 0);
    if (!c.rows || names(db, &f, &nm) <= 0) {
        json_decref(c.totals);
        json_decref(c.rows);
        return db_fail(r, db);
    }
    const char *un = json_string_value(json_object_get(nm, "unit"));
    c.unit = un ? un : "Toàn tỉnh";
    c.field = json_string_value(json_object_get(nm, "field"));
    c.decision = json_string_value(json_object_get(nm, "decision"));
    char name[48];
    snprintf(name, sizeof name, "chi-phi-tuan-thu-%lld.xlsx", f.year);
    int rc = res_xlsx(r, savings_xlsx_write, &c, name);
    json_decref(nm);
    json_decref(c.totals);
    json_decref(c.rows);
    return rc;
}
