/* What the inspection files share: scope, loading an inspection whole, and the report counts. */
#include "api/inspections_common.h"

#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/followup.h"
#include "api/units.h"
#include "core/access.h"
#include "core/period.h"

const char *const insp_subjects[] = {
    "kstt", "one_stop", "public_posting", "feedback_handling", "dossier_handling", NULL};
const char *const insp_statuses[] = {"planned", "done", "closed", NULL};

static const char insp_select[] =
    "SELECT i.id, i.inspecting_unit_id, bu.name AS inspecting_unit_name, i.unit_id, un.name AS "
    "unit_name, un.level AS unit_level, i.subject, i.planned_date, i.actual_date, i.announced, "
    "i.plan_id, i.status, i.conclusion_no, i.conclusion_date, i.conclusion_name, "
    "i.conclusion_mime, i.conclusion_size, i.closed_at, i.created_at FROM inspections i JOIN "
    "units bu ON bu.id = i.inspecting_unit_id JOIN units un ON un.id = i.unit_id ";

/* Adds the team, checklist with evidence, findings and follow-ups to the row: 0 or -1. */
static int insp_details(db_t *db, long long id, json_t *row) {
    char today[11];
    ymd_format(calendar_today(), today);
    json_t *team = db_query_json(db,
                                 "SELECT t.user_id, u.full_name, u.unit_id, t.role FROM "
                                 "inspection_team t JOIN users u ON u.id = t.user_id WHERE "
                                 "t.inspection_id = ? ORDER BY FIELD(t.role, 'head', "
                                 "'secretary', 'member'), u.full_name",
                                 "i", id);
    json_t *list = db_query_json(
        db,
        "SELECT c.n, c.text, c.result, c.note, COALESCE((SELECT JSON_ARRAYAGG(JSON_OBJECT('id', "
        "e.id, 'name', e.name, 'mime', e.mime, 'size', e.size) ORDER BY e.id) FROM "
        "inspection_evidence e WHERE e.inspection_id = c.inspection_id AND e.item_n = c.n), "
        "'[]') AS evidence__json FROM inspection_checklist c WHERE c.inspection_id = ? ORDER BY "
        "c.n",
        "i", id);
    json_t *findings = db_query_json(db,
                                     "SELECT f.id, f.text, f.action_required, f.due, "
                                     "f.assignment_id, a.status AS followup_status, f.created_at "
                                     "FROM inspection_findings f LEFT JOIN assignments a ON a.id "
                                     "= f.assignment_id WHERE f.inspection_id = ? ORDER BY f.id",
                                     "i", id);
    json_t *fu = followup_list(db, "inspection", id, today);
    int ok = team && list && findings && fu;
    json_object_set_new(row, "team", team ? team : json_null());
    json_object_set_new(row, "checklist", list ? list : json_null());
    json_object_set_new(row, "findings", findings ? findings : json_null());
    json_object_set_new(row, "followups", fu ? fu : json_null());
    return ok ? 0 : -1;
}

int insp_load(db_t *db, const struct principal *p, long long id, json_t **out) {
    *out = NULL;
    char sql[1200];
    snprintf(sql, sizeof sql, "%sWHERE i.id = ? AND " INSP_SCOPE, insp_select);
    json_t *row = NULL;
    int found = db_query_row_json(db, &row, sql, "iiii", id, (long long)scope_province_wide(p),
                                  p->unit_id, p->unit_id);
    if (found <= 0) return found;
    if (insp_details(db, id, row) < 0) {
        json_decref(row);
        return -1;
    }
    *out = row;
    return 1;
}

int insp_writable(db_t *db, const struct principal *p, json_t *insp) {
    struct access_who w = who_of(p);
    if (!access_allows(&w, "inspections.write")) return 0;
    if (scope_province_wide(p)) return 1;
    long long one;
    return db_query_int(
        db, &one, "SELECT 1 FROM unit_closure WHERE ancestor_id = ? AND descendant_id = ?", "ii",
        p->unit_id, (long long)json_integer_value(json_object_get(insp, "inspecting_unit_id")));
}

int insp_may_inspect(db_t *db, const struct principal *p, long long unit_id) {
    if (scope_province_wide(p)) {
        long long one;
        return db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i", unit_id);
    }
    /* Self-inspection: a district or department inspects the units below it, never itself. */
    if (unit_id == p->unit_id) return 0;
    return scope_has_unit(db, p, unit_id);
}

json_t *inspection_counts(db_t *db, long long unit_id, int subtree, const char *from,
                          const char *to, const char *today) {
    json_t *row = NULL;
    int found = db_query_row_json(
        db, &row,
        "SELECT COUNT(*) AS done, COUNT(DISTINCT i.unit_id) AS units_inspected, "
        "CAST(COALESCE(SUM((SELECT COUNT(*) FROM inspection_findings f WHERE f.inspection_id = "
        "i.id)), 0) AS SIGNED) AS findings, CAST(COALESCE(SUM((SELECT COUNT(*) FROM assignments a "
        "WHERE "
        "a.source_kind = 'inspection' AND a.source_id = i.id)), 0) AS SIGNED) AS followups, "
        "CAST(COALESCE(SUM((SELECT COUNT(*) FROM assignments a WHERE a.source_kind = 'inspection' "
        "AND "
        "a.source_id = i.id AND a.status = 'done')), 0) AS SIGNED) AS followups_done, "
        "CAST(COALESCE(SUM((SELECT COUNT(*) FROM assignments a WHERE a.source_kind = 'inspection' "
        "AND "
        "a.source_id = i.id AND a.status <> 'done' AND a.due_date < ?)), 0) AS SIGNED) AS "
        "followups_overdue FROM inspections i WHERE i.actual_date BETWEEN ? AND ? "
        "AND " UNIT_OR_SUBTREE("i.inspecting_unit_id"),
        "sssiii", today, from, to, unit_id, (long long)(subtree != 0), unit_id);
    if (found < 0) return NULL;
    if (!row) row = json_object();
    /* SUM and COUNT come back as integers already (CAST); a missing row is all zeros */
    static const char *const keys[] = {"done",      "units_inspected", "findings",
                                       "followups", "followups_done",  "followups_overdue"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!json_is_integer(json_object_get(row, keys[i])))
            json_object_set_new(row, keys[i], json_integer(0));
    return row;
}
