/* GET /api/v1/sipas/{year}/results and GET /api/v1/public/sipas/{year}/results: the survey's
 * figures per unit, question and group and the satisfaction index (decision 169). */
#include "api/common.h"
#include "api/index_common.h"
#include "api/sipas.h"
#include "api/sipas_common.h"
#include "api/units.h"

/* Keeps only unit_id's entry in the answer's units (when a filter is given). */
static void only_unit(json_t *out, long long unit_id) {
    json_t *units = json_object_get(out, "units");
    for (size_t i = json_array_size(units); unit_id && i-- > 0;)
        if (json_integer_value(json_object_get(json_array_get(units, i), "unit_id")) != unit_id)
            json_array_remove(units, i);
}

int h_sipas_results(req_t *r) {
    const struct sp_unit_query *in = r->query_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* the province-wide roles and the appraiser see every unit, a unit its own subtree's */
    int all = scope_province_wide(r->user) ? 1 : ix_is_appraiser(db, r->user);
    if (all < 0) return db_fail(r, db);
    if (!all && scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 0, &l);
    if (have < 0) return db_fail(r, db);
    if (have == 0) return not_found(r, "phiếu khảo sát sự hài lòng của năm này");
    json_t *out = sp_results(db, &l, all ? NULL : r->user);
    sp_loaded_free(&l);
    if (!out) return db_fail(r, db);
    only_unit(out, in->unit_id);
    res_json(r, 200, out);
    return 0;
}

int h_public_sipas_results(req_t *r) {
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 0, &l);
    if (have < 0) return db_fail(r, db);
    /* published only once the survey is closed: no figure moves while people still answer */
    if (have == 0 || sp_status(&l) != 2) {
        sp_loaded_free(&l);
        return not_found(r, "kết quả khảo sát sự hài lòng đã công bố của năm này");
    }
    json_t *out = sp_results(db, &l, NULL);
    sp_loaded_free(&l);
    if (!out) return db_fail(r, db);
    res_json(r, 200, out);
    return 0;
}
