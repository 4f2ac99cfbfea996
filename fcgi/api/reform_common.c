/* Shared helpers of the reform registries (internal procedures, impact assessments, initiatives).
 */
#include "api/reform_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/units.h"
#include "core/vnfold.h"

long long reform_wide(const struct principal *p) {
    return scope_province_wide(p) ? 1 : 0;
}

int reform_unit_writable(req_t *r, db_t *db, long long unit_id, const char *field) {
    int in = scope_has_unit(db, r->user, unit_id);
    if (in < 0) return db_fail(r, db);
    if (in == 0) {
        req_error(r, field, "Đơn vị không tồn tại hoặc nằm ngoài phạm vi của bạn.");
        res_invalid(r);
        return 0;
    }
    return 1;
}

int reform_units_check(req_t *r, db_t *db, json_t *ids, const char *field) {
    size_t n = json_array_size(ids), i;
    json_t *v;
    if (!json_is_array(ids) || n < 1 || n > 50) {
        req_error(r, field, "Hãy chọn từ 1 đến 50 đơn vị.");
        return -1;
    }
    json_array_foreach(ids, i, v) {
        long long id = json_is_integer(v) ? json_integer_value(v) : 0, one = 0;
        if (id <= 0) {
            req_error(r, field, "Mã đơn vị phải là số nguyên dương.");
            return -1;
        }
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_array_get(ids, j)) == id) {
                req_error(r, field, "Một đơn vị được chọn hai lần.");
                return -1;
            }
        int rc = db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i", id);
        if (rc < 0) return -2;
        if (rc == 0) {
            req_error(r, field, "Có đơn vị không tồn tại.");
            return -1;
        }
    }
    return 0;
}

int impact_rules_load(db_t *db, struct impact_rules *out) {
    char today[11];
    ymd_format(calendar_today(), today);
    json_t *row = NULL;
    int found = db_query_row_json(db, &row,
                                  "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                                  "'impact' AND effective_from <= ? ORDER BY effective_from DESC "
                                  "LIMIT 1",
                                  "s", today);
    if (found < 0) return -1;
    impact_rules_from_json(found ? json_object_get(row, "rules") : NULL, out);
    json_decref(row);
    return 0;
}

int impact_is_appraiser(db_t *db, const struct principal *p, const struct impact_rules *ru) {
    long long one = 0;
    return db_query_int(db, &one,
                        "SELECT 1 FROM units u JOIN unit_closure c ON c.ancestor_id = u.id WHERE "
                        "u.code = ? AND c.descendant_id = ?",
                        "si", ru->appraiser_code, p->unit_id);
}

void reform_like(const char *q, char *out, size_t cap) {
    if (!q || !*q) {
        snprintf(out, cap, "%%");
        return;
    }
    char folded[1024];
    vnfold(q, strlen(q), folded, sizeof folded);
    like_contains(folded, out, cap);
}

struct xlist {
    const char *what, *unit;
    const struct xcol *cols;
    json_t *items;
};

/* The text of a cell: strings as they are, integers, booleans, arrays of objects by "name". */
static void cell_text(json_t *v, char *out, size_t cap) {
    out[0] = '\0';
    if (json_is_string(v))
        snprintf(out, cap, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    else if (json_is_boolean(v))
        snprintf(out, cap, "%s", json_is_true(v) ? "Có" : "Không");
    else if (json_is_array(v)) {
        size_t i, o = 0;
        json_t *x;
        json_array_foreach(v, i, x) {
            const char *s = json_string_value(json_object_get(x, "name"));
            if (!s) s = json_string_value(x);
            if (s && o + strlen(s) + 3 < cap)
                o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? "; " : "", s);
        }
    }
}

static int xlist_write(const char *path, void *ctx) {
    const struct xlist *x = ctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_border(bold, LXW_BORDER_THIN);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(wrap, LXW_BORDER_THIN);
    int ncols = 0;
    while (x->cols[ncols].key) ncols++;
    /* The title row says what, whose and when the list was taken. */
    char made[32], title[600];
    calendar_local(time(NULL), "%d/%m/%Y %H:%M", made, sizeof made);
    snprintf(title, sizeof title, "%s — %s — lập lúc %s", x->what, x->unit ? x->unit : "", made);
    worksheet_merge_range(ws, 0, 0, 0, ncols, title, bold);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_write_string(ws, 2, 0, "STT", bold);
    for (int c = 0; c < ncols; c++) {
        worksheet_set_column(ws, c + 1, c + 1, x->cols[c].width, NULL);
        worksheet_write_string(ws, 2, c + 1, x->cols[c].head, bold);
    }
    size_t i;
    json_t *it;
    char text[8192];
    json_array_foreach(x->items, i, it) {
        worksheet_write_number(ws, (lxw_row_t)(3 + i), 0, (double)(i + 1), wrap);
        for (int c = 0; c < ncols; c++) {
            cell_text(json_object_get(it, x->cols[c].key), text, sizeof text);
            worksheet_write_string(ws, (lxw_row_t)(3 + i), c + 1, text, wrap);
        }
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int reform_list_xlsx(req_t *r, const char *what, const char *unit_name, const struct xcol *cols,
                     json_t *items, const char *filename) {
    struct xlist x = {what, unit_name, cols, items};
    return res_xlsx(r, xlist_write, &x, filename);
}

/* The inventory's unit x.unit_id is unit_id, or in its subtree when the flag is set:
 * "iii" unit, subtree flag, unit. */
#define IN_INVENTORY                                                                               \
    "(x.unit_id = ? OR (? AND x.unit_id IN (SELECT descendant_id FROM unit_closure WHERE "         \
    "ancestor_id = ?)))"

int internal_procedure_counts(db_t *db, long long unit_id, int subtree, const char *from,
                              const char *to, struct internal_counts *out) {
    memset(out, 0, sizeof *out);
    long long sub = subtree ? 1 : 0;
    json_t *row = NULL;
    int rc = db_query_row_json(
        db, &row,
        "SELECT CAST(COALESCE(SUM(x.status IN ('in_force', 'proposed') AND x.created_at < "
        "DATE_ADD(?, INTERVAL 1 DAY)), 0) AS SIGNED) AS in_force, (SELECT COUNT(DISTINCT "
        "pp.procedure_id) FROM internal_procedure_proposals pp JOIN internal_procedures x ON x.id "
        "= pp.procedure_id WHERE pp.status = 'implemented' AND pp.doc_date BETWEEN ? AND ? "
        "AND " IN_INVENTORY
        ") AS simplified, (SELECT COUNT(*) FROM internal_procedure_proposals pp JOIN "
        "internal_procedures x ON x.id = pp.procedure_id WHERE pp.created_at >= ? AND "
        "pp.created_at < DATE_ADD(?, INTERVAL 1 DAY) AND " IN_INVENTORY
        ") AS proposals FROM internal_procedures x WHERE " IN_INVENTORY,
        "sssiiissiiiiii", to, from, to, unit_id, sub, unit_id, from, to, unit_id, sub, unit_id,
        unit_id, sub, unit_id);
    if (rc < 0) return -1;
    if (row) {
        out->in_force = json_integer_value(json_object_get(row, "in_force"));
        out->simplified = json_integer_value(json_object_get(row, "simplified"));
        out->proposals = json_integer_value(json_object_get(row, "proposals"));
    }
    json_decref(row);
    return 0;
}

json_t *reform_scope_unit_name(db_t *db, const struct principal *p, long long unit_id) {
    if (!unit_id && scope_province_wide(p)) return json_string("Toàn tỉnh");
    json_t *row = NULL;
    /* a title label only: a missing unit or a failed read both leave it empty */
    int found = db_query_row_json(db, &row, "SELECT name FROM units WHERE id = ?", "i",
                                  unit_id ? unit_id : p->unit_id);
    if (found <= 0) return json_string("");
    json_t *n = json_incref(json_object_get(row, "name"));
    json_decref(row);
    return n;
}
