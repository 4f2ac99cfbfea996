/* GET /api/v1/index/{year}/results?kind= and its public twin: totals, share of the maximum,
 * competition rank in name order, band, areas and the change from last year. */
#include <stdlib.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "api/units.h"

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

int h_index_results(req_t *r) {
    const struct ix_kind_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* Before the decision the ranking is the council's working figure: the province-wide
     * roles and the appraiser see every unit, a unit only its own subtree's rows. After it, the
     * ranking is public (decision 162). */
    int final = ix_is_final(db, year), all = final;
    if (final < 0) return db_fail(r, db);
    if (!all && !scope_province_wide(r->user)) all = ix_is_appraiser(db, r->user);
    if (all < 0) return db_fail(r, db);
    json_t *list = ix_results(db, year, ix_kinds[in->kind], 0);
    if (!list || (!all && only_in_scope(db, r->user, list) < 0)) {
        json_decref(list);
        return db_fail(r, db);
    }
    res_json(r, 200, list);
    return 0;
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
