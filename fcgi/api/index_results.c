/* GET /api/v1/index/{year}/results?kind= and its public twin: totals, share of the maximum,
 * competition rank in name order, band, areas and the change from last year; its .xlsx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "api/units.h"
#include "api/xlsx_table.h"

/* Keeps the entries whose unit the caller sees (ranks stay those among all units). */
static int only_in_scope(db_t *db, const struct principal *p, json_t *list) {
    for (size_t i = json_array_size(list); i-- > 0;) {
        int in = scope_has_unit(
            db, p, json_integer_value(json_object_get(json_array_get(list, i), "unit_id")));
        if (in < 0) return -1;
        if (!in) json_array_remove(list, i);
    }
    return 0;
}

/* The results of (year, kind) the caller may see, or NULL after answering (503). *final tells
 * whether the year has its decision, *all whether every unit's row is seen. */
static json_t *scoped_results(req_t *r, db_t *db, long long year, const char *kind, int *final,
                              int *all) {
    /* Before the decision the ranking is the council's working figure: the province-wide
     * roles and the appraiser see every unit, a unit only its own subtree's rows. After it, the
     * ranking is public (decision 162). */
    *all = *final = ix_is_final(db, year);
    if (*all == 0) *all = scope_province_wide(r->user) ? 1 : ix_is_appraiser(db, r->user);
    json_t *list = *all < 0 ? NULL : ix_results(db, year, kind, 0);
    if (!list || (!*all && only_in_scope(db, r->user, list) < 0)) {
        json_decref(list);
        db_fail(r, db);
        return NULL;
    }
    return list;
}

int h_index_results(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    int final = 0, all = 0;
    json_t *list = db ? scoped_results(r, db, year, ix_kinds[in->kind], &final, &all) : NULL;
    if (!list) return -1;
    res_json(r, 200, list);
    return 0;
}

#define AREAS_MAX 24

/* The export's columns: the fixed ones, then one per area of the first entry ("area_<i>"
 * members added to every row). Their number. */
static size_t export_cols(json_t *list, struct xlsx_col *cols, char heads[][300], char keys[][24]) {
    static const struct xlsx_col fixed[] = {
        {"rank", "Xếp hạng", 9},
        {"unit_name", "Đơn vị", 40},
        {"total", "Tổng điểm", 11},
        {"max", "Điểm tối đa", 11},
        {"percent", "Tỷ lệ (%)", 10},
        {"band", "Xếp loại", 13},
        {"change", "Tăng/giảm so với năm trước", 14},
    };
    size_t n = sizeof fixed / sizeof fixed[0], i, j;
    memcpy(cols, fixed, sizeof fixed);
    json_t *areas = json_object_get(json_array_get(list, 0), "areas"), *a, *e;
    json_array_foreach(areas, i, a) {
        if (i == AREAS_MAX) break;
        snprintf(keys[i], 24, "area_%u", (unsigned)i);
        snprintf(heads[i], 300, "%s. %.200s (tối đa %g)",
                 json_string_value(json_object_get(a, "code")),
                 json_string_value(json_object_get(a, "name")),
                 json_number_value(json_object_get(a, "max")));
        cols[n++] = (struct xlsx_col){keys[i], heads[i], 16};
    }
    json_array_foreach(list, j, e) {
        json_array_foreach(json_object_get(e, "areas"), i, a) {
            if (i < AREAS_MAX) json_object_set(e, keys[i], json_object_get(a, "points"));
        }
    }
    return n;
}

/* "kết quả chính thức theo Quyết định số … ngày …" of the year's decision into out: 1, 0 none
 * (out untouched), -1 on error. */
static int decision_text(db_t *db, long long year, char *out, size_t cap) {
    json_t *d = NULL;
    int rc = db_query_row_json(db, &d,
                               "SELECT decision_no, DATE_FORMAT(decision_date, '%d/%m/%Y') AS "
                               "decision_date FROM ri_decisions WHERE year = ?",
                               "i", year);
    if (rc == 1)
        snprintf(out, cap, "kết quả chính thức theo Quyết định số %s ngày %s",
                 json_string_value(json_object_get(d, "decision_no")),
                 json_string_value(json_object_get(d, "decision_date")));
    json_decref(d);
    return rc;
}

int h_index_results_export(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    int final = 0, all = 0;
    json_t *list = db ? scoped_results(r, db, year, ix_kinds[in->kind], &final, &all) : NULL;
    if (!list) return -1;
    struct xlsx_col cols[7 + AREAS_MAX];
    char heads[AREAS_MAX][300], keys[AREAS_MAX][24], title[700], unit[300], decision[200] = "";
    size_t n = export_cols(list, cols, heads, keys);
    if (final > 0 && decision_text(db, year, decision, sizeof decision) < 0) {
        json_decref(list);
        return db_fail(r, db);
    }
    if (all)
        snprintf(unit, sizeof unit, "toàn tỉnh");
    else
        scope_unit_name(db, r->user, 0, unit, sizeof unit);
    snprintf(title, sizeof title, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %lld — %s — %s — %s",
             year, in->kind == 0 ? "các sở, ban, ngành" : "UBND cấp huyện", unit,
             decision[0] ? decision : "chưa có quyết định công bố (số liệu đang thẩm định)");
    char file[64];
    snprintf(file, sizeof file, "chi-so-cchc-%lld-%s.xlsx", year, ix_kinds[in->kind]);
    int rc = res_xlsx_table(r, title, cols, n, list, file);
    json_decref(list);
    return rc;
}

int h_public_index_results(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int final = ix_is_final(db, year);
    if (final < 0) return db_fail(r, db);
    if (!final) return not_found(r, "kết quả Chỉ số CCHC đã công bố của năm này");
    json_t *list = ix_results(db, year, ix_kinds[in->kind], 1);
    if (!list) return db_fail(r, db);
    res_json(r, 200, list);
    return 0;
}
