/* Shared by the registries (focal officers, trainings, budget): scope, uploads, .xlsx tables,
 * focal-officer upkeep when an account changes, and the counts for the periodic report. */
#include "api/registries_common.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <xlsxwriter.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/units.h"
#include "api/uploads_gc.h"
#include "server/server.h"

long long reg_wide(const req_t *r) {
    return scope_province_wide(r->user) ? 1 : 0;
}

int reg_read_files(req_t *r, const char *field, struct fb_file *files, int max, const char *what) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    char msg[200];
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        snprintf(msg, sizeof msg, "Hãy gửi %s bằng biểu mẫu (multipart/form-data).", what);
        req_error(r, field, msg);
        return res_invalid(r);
    }
    int n = 0;
    json_t *obj = fb_form_json(r, field, NULL, files, &n, max);
    if (!obj) return -1;
    /* The form carries files only: any other field is an error, as in a JSON body. */
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        req_error(r, key, "Trường này không được nhận.");
    }
    json_decref(obj);
    if (req_has_errors(r)) return res_invalid(r);
    if (n == 0) {
        snprintf(msg, sizeof msg, "Hãy chọn %s.", what);
        req_error(r, field, msg);
        return res_invalid(r);
    }
    return n;
}

void reg_discard(db_t *db, struct fb_file *files, int n) {
    if (db_in_txn(db)) db_rollback(db);
    for (int i = 0; i < n; i++)
        if (files[i].sha[0]) upload_discard(db, server_cfg->upload_dir, files[i].sha);
}

static void bools_of(json_t *o, const char *const *keys) {
    for (; *keys; keys++) {
        json_t *x = json_object_get(o, *keys);
        if (json_is_integer(x)) json_object_set_new(o, *keys, json_boolean(json_integer_value(x)));
    }
}

json_t *reg_bools(json_t *v, const char *const *keys) {
    if (json_is_object(v)) bools_of(v, keys);
    size_t i;
    json_t *o;
    json_array_foreach(v, i, o) {
        bools_of(o, keys);
    }
    return v;
}

void reg_unit_name(db_t *db, long long unit_id, char *out, size_t cap) {
    json_t *u = NULL;
    snprintf(out, cap, "toàn tỉnh");
    int got = unit_id
                  ? db_query_row_json(db, &u, "SELECT name FROM units WHERE id = ?", "i", unit_id)
                  : 0;
    if (got == 1) snprintf(out, cap, "%s", json_string_value(json_object_get(u, "name")));
    json_decref(u);
}

struct xlsx_table {
    const char *sheet, *title;
    const struct reg_col *cols;
    int ncols;
    json_t *rows;
};

static void xlsx_cell(lxw_worksheet *ws, int row, int c, json_t *v, int number, lxw_format *f,
                      lxw_format *num) {
    if (number && json_is_integer(v))
        worksheet_write_number(ws, row, c, (double)json_integer_value(v), num);
    else if (json_is_string(v))
        worksheet_write_string(ws, row, c, json_string_value(v), f);
    else if (json_is_integer(v)) {
        char t[32];
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(v));
        worksheet_write_string(ws, row, c, t, f);
    } else if (json_is_boolean(v))
        worksheet_write_string(ws, row, c, json_is_true(v) ? "Có" : "Không", f);
    else
        worksheet_write_string(ws, row, c, "", f);
}

static int table_write(const char *path, void *ctx) {
    struct xlsx_table *t = ctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    lxw_format *bold = workbook_add_format(wb), *wrap = workbook_add_format(wb),
               *num = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_border(bold, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(wrap, LXW_BORDER_THIN);
    format_set_border(num, LXW_BORDER_THIN);
    /* Money is whole đồng: shown with separators, never with decimals. */
    format_set_num_format(num, "#,##0");
    worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)t->ncols, t->title, bold);
    worksheet_set_row(ws, 0, 36, NULL);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_write_string(ws, 2, 0, "STT", bold);
    for (int c = 0; c < t->ncols; c++) {
        worksheet_set_column(ws, c + 1, c + 1, t->cols[c].width, NULL);
        worksheet_write_string(ws, 2, c + 1, t->cols[c].head, bold);
    }
    size_t i;
    json_t *row;
    json_array_foreach(t->rows, i, row) {
        int at = 3 + (int)i;
        worksheet_write_number(ws, at, 0, (double)(i + 1), wrap);
        for (int c = 0; c < t->ncols; c++)
            xlsx_cell(ws, at, c + 1, json_object_get(row, t->cols[c].key), t->cols[c].number, wrap,
                      num);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int reg_xlsx(req_t *r, const char *sheet, const char *title, const struct reg_col *cols, int ncols,
             json_t *rows, const char *filename) {
    char made[32], full[1200];
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    snprintf(full, sizeof full, "%s — lập lúc %s", title, made);
    struct xlsx_table t = {sheet, full, cols, ncols, rows};
    int rc = res_xlsx(r, table_write, &t, filename);
    json_decref(rows);
    return rc;
}

int focal_sync_user(db_t *db, long long user_id) {
    return db_exec(db,
                   "UPDATE users u SET u.focal_officer = EXISTS (SELECT 1 FROM focal_appointments "
                   "fa WHERE fa.user_id = u.id AND" FOCAL_CURRENT ") WHERE u.id = ?",
                   "i", user_id) < 0
               ? -1
               : 0;
}

int focal_end_for_user(db_t *db, req_t *r, long long user_id, long long keep_unit_id,
                       const char *reason) {
    json_t *ended = db_query_json(db,
                                  "SELECT fa.id, fa.unit_id, fa.user_id, fa.decision_no FROM "
                                  "focal_appointments fa WHERE fa.user_id = ? AND (fa.end_date IS "
                                  "NULL OR fa.end_date > CURDATE()) AND fa.unit_id <> ? FOR UPDATE",
                                  "ii", user_id, keep_unit_id);
    if (!ended) return -1;
    size_t i;
    json_t *a;
    int rc = 0;
    json_array_foreach(ended, i, a) {
        long long id = json_integer_value(json_object_get(a, "id"));
        /* A leaving officer ends today; one not yet started never serves (ends on its start). */
        rc = db_exec(db,
                     "UPDATE focal_appointments SET end_date = GREATEST(start_date, CURDATE()), "
                     "end_reason = ?, ended_by = ? WHERE id = ?",
                     "sIi", reason, r && r->user ? r->user->user_id : 0, id) < 0;
        if (rc == 0 && r) {
            json_t *after = json_pack("{s:s}", "end_reason", reason);
            rc = audit_write(db, r, "focal.end", "focal_appointment", id, a, after) < 0;
            json_decref(after);
        }
        if (rc) break;
    }
    json_decref(ended);
    if (rc) return -1;
    return focal_sync_user(db, user_id);
}

/* The report's scope: col is unit_id, or under it when the flag is set. */
#define REPORT_SCOPE(col) " AND " UNIT_OR_SUBTREE(col)

json_t *registries_counts(db_t *db, long long unit_id, int subtree, const char *from,
                          const char *to) {
    long long sub = subtree ? 1 : 0, focal = 0, vacant = 0, courses = 0, trainees = 0, alloc = 0,
              spent = 0;
    if (db_query_int(db, &focal,
                     "SELECT COUNT(*) FROM focal_appointments fa WHERE" FOCAL_CURRENT REPORT_SCOPE(
                         "fa.unit_id"),
                     "iii", unit_id, sub, unit_id) < 0 ||
        db_query_int(db, &vacant,
                     "SELECT COUNT(*) FROM units un WHERE un.valid_to IS NULL AND un.level IN "
                     "('province','department','district','commune') AND NOT EXISTS (SELECT 1 "
                     "FROM focal_appointments fa WHERE fa.unit_id = un.id AND" FOCAL_CURRENT
                     ")" REPORT_SCOPE("un.id"),
                     "iii", unit_id, sub, unit_id) < 0 ||
        db_query_int(db, &courses,
                     "SELECT COUNT(*) FROM trainings t WHERE t.held_on BETWEEN ? AND "
                     "?" REPORT_SCOPE("t.organiser_unit_id"),
                     "ssiii", from, to, unit_id, sub, unit_id) < 0 ||
        db_query_int(db, &trainees,
                     "SELECT COUNT(*) FROM training_attendees a JOIN trainings t ON t.id = "
                     "a.training_id WHERE t.held_on BETWEEN ? AND "
                     "?" REPORT_SCOPE("t.organiser_unit_id"),
                     "ssiii", from, to, unit_id, sub, unit_id) < 0 ||
        db_query_int(db, &alloc,
                     "SELECT COALESCE(SUM(amount), 0) FROM budget_lines b WHERE b.voided_at IS "
                     "NULL AND b.kind = 'allocation' AND b.year BETWEEN YEAR(?) AND "
                     "YEAR(?)" REPORT_SCOPE("b.unit_id"),
                     "ssiii", from, to, unit_id, sub, unit_id) < 0 ||
        db_query_int(db, &spent,
                     "SELECT COALESCE(SUM(amount), 0) FROM budget_lines b WHERE b.voided_at IS "
                     "NULL AND b.kind = 'spending' AND b.year BETWEEN YEAR(?) AND "
                     "YEAR(?)" REPORT_SCOPE("b.unit_id"),
                     "ssiii", from, to, unit_id, sub, unit_id) < 0)
        return NULL;
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "focal_officers", (json_int_t)focal,
                     "vacant_units", (json_int_t)vacant, "courses", (json_int_t)courses, "trainees",
                     (json_int_t)trainees, "budget_allocation", (json_int_t)alloc,
                     "budget_spending", (json_int_t)spent);
}
