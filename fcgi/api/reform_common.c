/* Shared helpers of the reform registries (internal procedures, impact assessments, initiatives).
 */
#include "api/reform_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The inventory's unit x.unit_id is unit_id, or in its subtree. */
#define IN_INVENTORY UNIT_OR_SUBTREE("x.unit_id")

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
