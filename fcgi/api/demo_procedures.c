/* Demo procedures: what the api derives for the published rows the demo SQL inserts. */
#include <stdio.h>
#include <stdlib.h>

#include "api/common.h"
#include "api/demo.h"
#include "api/procedures_internal.h"
#include "core/procedure.h"
#include "core/vnfold.h"

/* The numbers the published texts state, where the state has none (demo data, old rows). */
static void fill_numbers(json_t *state) {
    const char *tl = json_string_value(json_object_get(state, "time_limit_text"));
    const char *fee = json_string_value(json_object_get(state, "fee_text"));
    double value;
    const char *unit;
    long long amount;
    if (tl && json_is_null(json_object_get(state, "time_limit_value")) &&
        proc_time_limit_parse(tl, &value, &unit) == 0) {
        json_object_set_new(state, "time_limit_value", json_real(value));
        json_object_set_new(state, "time_limit_unit", json_string(unit));
    }
    if (fee && json_is_null(json_object_get(state, "fee_amount")) &&
        proc_fee_parse(fee, &amount) == 0)
        json_object_set_new(state, "fee_amount", json_integer(amount));
}

int demo_procedures(db_t *db) {
    /* The demo SQL inserts the procedures as published; what the api derives is filled here
     * through the same code path as every write. */
    struct db_res *fields = db_query(db, "SELECT id, name FROM procedure_fields", NULL);
    struct db_res *res = db_query(db, "SELECT id FROM procedures WHERE name_folded = ''", NULL);
    int rc = !fields || !res || db_begin(db) < 0;
    for (size_t i = 0; !rc && i < fields->nrows; i++) {
        char *f = vnfold_dup(db_val(fields, i, 1));
        rc = !f || db_exec(db, "UPDATE procedure_fields SET name_folded = ? WHERE id = ?", "si", f,
                           db_int(fields, i, 0)) < 0;
        free(f);
    }
    for (size_t i = 0; !rc && i < res->nrows; i++) {
        long long id = db_int(res, i, 0);
        json_t *state = NULL;
        struct proc_in p;
        req_t v;
        req_init(&v, NULL);
        rc = proc_state(db, id, 0, &state) != 1;
        if (!rc) {
            fill_numbers(state);
            rc = proc_check(&v, db, state, &p, 0, 0) != 0 || proc_write(db, &p, id) < 0;
        }
        if (rc && req_has_errors(&v)) {
            char *e = json_dumps(v.errors, JSON_COMPACT);
            fprintf(stderr, "demo procedure %lld: %s\n", id, e ? e : "");
            free(e);
        }
        req_free(&v);
        json_decref(state);
    }
    if (!rc)
        rc = catalog_bump(db) < 0 || db_commit(db) < 0;
    else if (db_in_txn(db))
        db_rollback(db);
    db_res_free(fields);
    db_res_free(res);
    return rc ? -1 : 0;
}
