/* GET /api/v1/reports/{id}/export: the report as .xlsx in the official layout: a title row, the
 * dossier form of the circular by field and by level, then feedback, procedures, the plan (with
 * its overdue list) and the narrative; the figures in force (corrections applied). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/report_common.h"
#include "api/reports.h"

static const char *jstr(json_t *o, const char *k) {
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static double jnum(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? (double)json_integer_value(v) : 0;
}

struct sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *head, *cell, *num, *wrap;
    int row;
};

#define NCOLS 14

/* The circular's header of the dossier form (three rows, merged as on paper). */
static void dossier_head(struct sheet *s, const char *first) {
    int r = s->row;
    worksheet_merge_range(s->ws, r, 0, r + 2, 0, "STT", s->head);
    worksheet_merge_range(s->ws, r, 1, r + 2, 1, first, s->head);
    worksheet_merge_range(s->ws, r, 2, r, 6, "Số hồ sơ nhận giải quyết", s->head);
    worksheet_merge_range(s->ws, r, 7, r, 10, "Số hồ sơ đã giải quyết", s->head);
    worksheet_merge_range(s->ws, r, 11, r, 13, "Số hồ sơ đang giải quyết", s->head);
    worksheet_merge_range(s->ws, r + 1, 2, r + 2, 2, "Tổng số", s->head);
    worksheet_merge_range(s->ws, r + 1, 3, r + 1, 5, "Trong kỳ", s->head);
    worksheet_merge_range(s->ws, r + 1, 6, r + 2, 6, "Từ kỳ trước", s->head);
    static const char *const r2[] = {"Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
                                     "Tổng số", "Trong hạn", "Quá hạn"};
    for (int c = 0; c < 7; c++)
        worksheet_merge_range(s->ws, r + 1, 7 + c, r + 2, 7 + c, r2[c], s->head);
    worksheet_write_string(s->ws, r + 2, 3, "Trực tuyến", s->head);
    worksheet_write_string(s->ws, r + 2, 4, "Trực tiếp", s->head);
    worksheet_write_string(s->ws, r + 2, 5, "Dịch vụ bưu chính", s->head);
    s->row += 3;
}

/* One line of the form: the received total is the period's three channels plus the carried
 * over; resolved and in-progress totals add up their columns. */
static void dossier_line(struct sheet *s, const char *stt, const char *name, json_t *f) {
    double on = jnum(f, "received_online"), di = jnum(f, "received_direct"),
           po = jnum(f, "received_postal"), co = jnum(f, "carried_over"),
           re = jnum(f, "resolved_early"), rt = jnum(f, "resolved_ontime"),
           rl = jnum(f, "resolved_late"), pt = jnum(f, "in_progress_ontime"),
           pl = jnum(f, "in_progress_overdue");
    double v[12] = {on + di + po + co, on, di, po, co, re + rt + rl, re, rt, rl, pt + pl, pt, pl};
    worksheet_write_string(s->ws, s->row, 0, stt, s->cell);
    worksheet_write_string(s->ws, s->row, 1, name, s->wrap);
    for (int c = 0; c < 12; c++) worksheet_write_number(s->ws, s->row, 2 + c, v[c], s->num);
    s->row++;
}

static void dossier_rows(struct sheet *s, json_t *d, const char *by) {
    dossier_line(s, "", "Tổng số", json_object_get(d, "total"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(d, by), i, x) {
        char stt[24];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        dossier_line(s, stt, jstr(x, "name"), x);
    }
}

static void section(struct sheet *s, const char *title) {
    s->row++;
    worksheet_merge_range(s->ws, s->row, 0, s->row, NCOLS - 1, title, s->bold);
    s->row++;
}

/* Label / value lines of a flat table. */
static void figures(struct sheet *s, json_t *t, const char *const *keys,
                    const char *const *labels) {
    for (int i = 0; keys[i]; i++) {
        worksheet_merge_range(s->ws, s->row, 0, s->row, 5, labels[i], s->wrap);
        worksheet_write_number(s->ws, s->row, 6, jnum(t, keys[i]), s->num);
        s->row++;
    }
}

static void feedback_part(struct sheet *s, json_t *t) {
    static const char *const keys[] = {"received", "forwarded", "answered", "answered_ontime",
                                       "overdue",  "published", NULL};
    static const char *const labels[] = {"Số phản ánh, kiến nghị tiếp nhận",
                                         "Đã chuyển xử lý",
                                         "Đã có kết quả xử lý",
                                         "Trong đó: xử lý đúng hạn",
                                         "Quá hạn chưa xử lý",
                                         "Đã công khai kết quả",
                                         NULL};
    figures(s, t, keys, labels);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(t, "by_type"), i, x) {
        char label[300];
        snprintf(label, sizeof label, "  – %s", jstr(x, "label"));
        worksheet_merge_range(s->ws, s->row, 0, s->row, 5, label, s->wrap);
        worksheet_write_number(s->ws, s->row, 6, jnum(x, "received"), s->num);
        s->row++;
    }
}

static void procedures_part(struct sheet *s, json_t *t) {
    static const char *const keys[] = {"published_new",
                                       "published_amended",
                                       "published_abolished",
                                       "in_force",
                                       "internal_approved",
                                       "online_full",
                                       "online_partial",
                                       "online_none",
                                       "reviewed",
                                       "simplified",
                                       "cost_saving",
                                       "internal_in_force",
                                       "internal_simplified",
                                       NULL};
    static const char *const labels[] = {"Công bố mới",
                                         "Công bố sửa đổi, bổ sung, thay thế",
                                         "Công bố bãi bỏ",
                                         "Thủ tục hành chính đang có hiệu lực (cuối kỳ)",
                                         "Đã phê duyệt quy trình nội bộ",
                                         "Dịch vụ công trực tuyến toàn trình",
                                         "Dịch vụ công trực tuyến một phần",
                                         "Chưa cung cấp trực tuyến",
                                         "Thủ tục hành chính được rà soát, đánh giá",
                                         "Thủ tục hành chính được đơn giản hóa",
                                         "Chi phí tuân thủ cắt giảm (đồng/năm)",
                                         "Thủ tục hành chính nội bộ đang áp dụng (cuối kỳ)",
                                         "Thủ tục hành chính nội bộ được đơn giản hóa",
                                         NULL};
    figures(s, t, keys, labels);
}

static void plan_part(struct sheet *s, json_t *t) {
    static const char *const keys[] = {"due", "done", "done_late", "in_progress", "overdue", NULL};
    static const char *const labels[] = {"Nhiệm vụ đến hạn trong kỳ",    "Đã hoàn thành",
                                         "Trong đó: hoàn thành quá hạn", "Đang thực hiện",
                                         "Quá hạn chưa hoàn thành",      NULL};
    figures(s, t, keys, labels);
    json_t *list = json_object_get(t, "overdue_list");
    if (!json_array_size(list)) return;
    static const char *const heads[] = {"STT", "Nhiệm vụ quá hạn", "Đơn vị", "Hạn", "Tiến độ"};
    static const int spans[][2] = {{0, 0}, {1, 7}, {8, 10}, {11, 12}, {13, 13}};
    for (int c = 0; c < 5; c++)
        if (spans[c][0] == spans[c][1])
            worksheet_write_string(s->ws, s->row, spans[c][0], heads[c], s->head);
        else
            worksheet_merge_range(s->ws, s->row, spans[c][0], s->row, spans[c][1], heads[c],
                                  s->head);
    s->row++;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        char prog[16];
        snprintf(prog, sizeof prog, "%.0f%%", jnum(x, "progress"));
        worksheet_write_number(s->ws, s->row, 0, (double)(i + 1), s->num);
        worksheet_merge_range(s->ws, s->row, 1, s->row, 7, jstr(x, "task_title"), s->wrap);
        worksheet_merge_range(s->ws, s->row, 8, s->row, 10, jstr(x, "unit_name"), s->wrap);
        worksheet_merge_range(s->ws, s->row, 11, s->row, 12, jstr(x, "due_date"), s->cell);
        worksheet_write_string(s->ws, s->row, 13, prog, s->cell);
        s->row++;
    }
}

static void inspections_part(struct sheet *s, json_t *t) {
    static const char *const keys[] = {"done",      "units_inspected", "findings",
                                       "followups", "followups_done",  "followups_overdue",
                                       NULL};
    static const char *const labels[] = {"Cuộc kiểm tra đã thực hiện trong kỳ",
                                         "Đơn vị được kiểm tra",
                                         "Kết luận, phát hiện",
                                         "Việc phải khắc phục",
                                         "Đã khắc phục",
                                         "Quá hạn chưa khắc phục",
                                         NULL};
    figures(s, t, keys, labels);
}

static void registries_part(struct sheet *s, json_t *t) {
    static const char *const keys[] = {
        "focal_officers",    "vacant_units",    "courses", "trainees",
        "budget_allocation", "budget_spending", NULL};
    static const char *const labels[] = {"Cán bộ đầu mối đang làm nhiệm vụ",
                                         "Đơn vị chưa có cán bộ đầu mối",
                                         "Lớp tập huấn, bồi dưỡng trong kỳ",
                                         "Lượt người được tập huấn, bồi dưỡng",
                                         "Kinh phí được giao (đồng)",
                                         "Kinh phí đã chi (đồng)",
                                         NULL};
    figures(s, t, keys, labels);
}

static void narrative_part(struct sheet *s, json_t *n) {
    static const char *const keys[] = {"results", "difficulties", "proposals"};
    static const char *const labels[] = {
        "1. Kết quả đạt được", "2. Tồn tại, hạn chế và nguyên nhân", "3. Đề xuất, kiến nghị"};
    for (int i = 0; i < 3; i++) {
        worksheet_merge_range(s->ws, s->row, 0, s->row, NCOLS - 1, labels[i], s->bold);
        s->row++;
        worksheet_merge_range(s->ws, s->row, 0, s->row, NCOLS - 1, jstr(n, keys[i]), s->wrap);
        worksheet_set_row(s->ws, s->row, 90, NULL);
        s->row++;
    }
}

/* "Quý II năm 2025", "6 tháng đầu năm 2025", "năm 2025" or the ad hoc title. */
static void period_label(json_t *rep, char *out, size_t cap) {
    const char *k = jstr(rep, "period_kind"), *p = jstr(rep, "period");
    static const char *const roman[] = {"I", "II", "III", "IV"};
    if (strcmp(k, "quarter") == 0 && strlen(p) == 7 && p[6] >= '1' && p[6] <= '4')
        snprintf(out, cap, "quý %s năm %.4s", roman[p[6] - '1'], p);
    else if (strcmp(k, "half") == 0 && strlen(p) == 7)
        snprintf(out, cap, "%s năm %.4s", p[6] == '1' ? "6 tháng đầu" : "6 tháng cuối", p);
    else if (strcmp(k, "year") == 0)
        snprintf(out, cap, "năm %s", p);
    else
        snprintf(out, cap, "%s (%s)", jstr(rep, "title"), p);
}

static void title_row(struct sheet *s, json_t *rep) {
    char period[600], made[32], text[1600];
    period_label(rep, period, sizeof period);
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    json_t *w = json_object_get(rep, "window");
    snprintf(text, sizeof text,
             "BÁO CÁO Tình hình, kết quả thực hiện công tác kiểm soát TTHC %s — %s — số liệu từ "
             "%s đến %s — lập lúc %s%s%s",
             period, jstr(json_object_get(rep, "unit"), "name"), jstr(w, "from"), jstr(w, "to"),
             made, json_is_string(json_object_get(rep, "number")) ? " — số " : "",
             jstr(rep, "number"));
    worksheet_merge_range(s->ws, 0, 0, 0, NCOLS - 1, text, s->bold);
    worksheet_set_row(s->ws, 0, 36, NULL);
    s->row = 1;
}

static void formats(struct sheet *s) {
    s->bold = workbook_add_format(s->wb);
    format_set_bold(s->bold);
    format_set_text_wrap(s->bold);
    s->head = workbook_add_format(s->wb);
    format_set_bold(s->head);
    format_set_text_wrap(s->head);
    format_set_border(s->head, LXW_BORDER_THIN);
    format_set_align(s->head, LXW_ALIGN_CENTER);
    format_set_align(s->head, LXW_ALIGN_VERTICAL_CENTER);
    s->cell = workbook_add_format(s->wb);
    format_set_border(s->cell, LXW_BORDER_THIN);
    s->num = workbook_add_format(s->wb);
    format_set_border(s->num, LXW_BORDER_THIN);
    format_set_num_format(s->num, "#,##0");
    s->wrap = workbook_add_format(s->wb);
    format_set_border(s->wrap, LXW_BORDER_THIN);
    format_set_text_wrap(s->wrap);
    format_set_align(s->wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* Writes the report at path (libxlsxwriter writes to a named file only). */
static int report_xlsx_write(const char *path, void *ctx) {
    json_t *rep = ctx, *t = json_object_get(rep, "tables");
    struct sheet s = {0};
    s.wb = workbook_new(path);
    if (!s.wb) return -1;
    s.ws = workbook_add_worksheet(s.wb, "Báo cáo");
    formats(&s);
    worksheet_set_column(s.ws, 0, 0, 6, NULL);
    worksheet_set_column(s.ws, 1, 1, 40, NULL);
    worksheet_set_column(s.ws, 2, NCOLS - 1, 12, NULL);
    title_row(&s, rep);
    json_t *d = json_object_get(t, "dossiers");
    section(&s, "I. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC — THEO LĨNH VỰC");
    dossier_head(&s, "Lĩnh vực");
    dossier_rows(&s, d, "by_field");
    section(&s, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC — THEO CẤP");
    dossier_head(&s, "Cấp");
    dossier_rows(&s, d, "by_level");
    section(&s, "II. TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ");
    feedback_part(&s, json_object_get(t, "feedback"));
    section(&s, "III. CÔNG BỐ, CÔNG KHAI, RÀ SOÁT THỦ TỤC HÀNH CHÍNH");
    procedures_part(&s, json_object_get(t, "procedures"));
    section(&s, "IV. THỰC HIỆN KẾ HOẠCH KIỂM SOÁT TTHC");
    plan_part(&s, json_object_get(t, "plan"));
    section(&s, "V. KIỂM TRA CÔNG TÁC KIỂM SOÁT TTHC");
    inspections_part(&s, json_object_get(t, "inspections"));
    section(&s, "VI. CÁN BỘ ĐẦU MỐI, TẬP HUẤN VÀ KINH PHÍ");
    registries_part(&s, json_object_get(t, "registries"));
    section(&s, "VII. ĐÁNH GIÁ CHUNG");
    narrative_part(&s, json_object_get(rep, "narrative"));
    return workbook_close(s.wb) == LXW_NO_ERROR ? 0 : -1;
}

int h_reports_export(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *row = NULL, *unit = NULL;
    int found = rp_load(db, id, 0, &row);
    if (found == 1) found = rp_unit(db, json_integer_value(json_object_get(row, "unit_id")), &unit);
    int rights = found == 1 ? rp_rights(db, r->user, unit) : found;
    json_decref(row);
    json_decref(unit);
    if (rights < 0) return db_fail(r, db);
    if (!(rights & RP_READ)) return not_found(r, "báo cáo");
    json_t *rep = rp_answer(db, r->user, id);
    if (!rep) return db_fail(r, db);
    char name[48];
    snprintf(name, sizeof name, "bao-cao-%lld.xlsx", id);
    int rc = res_xlsx(r, report_xlsx_write, rep, name);
    json_decref(rep);
    return rc;
}
