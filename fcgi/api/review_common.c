/* Shared by the review files: forms made at publishing, scope, counts, list exports. */
#include "api/review_common.h"

#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/units.h"

/* A form for every (lead assignment, target) of the task(s) that has none: INSERT IGNORE on the
 * unique (task, unit, procedure), so publishing again or adding targets never doubles a form. */
#define FORMS_INSERT                                                                               \
    "INSERT IGNORE INTO review_forms (plan_id, task_id, unit_id, procedure_id, components_json) "  \
    "SELECT t.plan_id, t.id, a.unit_id, rt.procedure_id, '[]' FROM tasks t JOIN plans p ON p.id "  \
    "= t.plan_id JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' JOIN review_targets "  \
    "rt ON rt.task_id = t.id WHERE p.kind = 'review' AND p.status = 'published' AND "

int review_plan_published(db_t *db, long long plan_id) {
    /* A field named by a task stands for its procedures in force when the plan is published. */
    if (db_exec(db,
                "INSERT IGNORE INTO review_targets (task_id, procedure_id) SELECT f.task_id, pr.id "
                "FROM review_task_fields f JOIN tasks t ON t.id = f.task_id JOIN plans p ON p.id = "
                "t.plan_id JOIN procedures pr ON pr.field_id = f.field_id AND pr.status = "
                "'in_force' WHERE t.plan_id = ? AND p.kind = 'review'",
                "i", plan_id) < 0)
        return -1;
    return db_exec(db, FORMS_INSERT "t.plan_id = ?", "i", plan_id) < 0 ? -1 : 0;
}

int review_task_forms(db_t *db, long long task_id) {
    if (db_exec(db,
                "INSERT IGNORE INTO review_targets (task_id, procedure_id) SELECT f.task_id, pr.id "
                "FROM review_task_fields f JOIN procedures pr ON pr.field_id = f.field_id AND "
                "pr.status = 'in_force' WHERE f.task_id = ?",
                "i", task_id) < 0)
        return -1;
    return db_exec(db, FORMS_INSERT "t.id = ?", "i", task_id) < 0 ? -1 : 0;
}

/* The reviewing unit x.unit_id is unit_id, or in its subtree. */
#define IN_REPORT_SCOPE UNIT_OR_SUBTREE("x.unit_id")

int review_counts(db_t *db, long long unit_id, int subtree, const char *from, const char *to,
                  struct review_counts *out) {
    memset(out, 0, sizeof *out);
    long long sub = subtree ? 1 : 0;
    struct db_res *res = db_query(
        db,
        "SELECT COUNT(*), COUNT(DISTINCT x.procedure_id) FROM review_forms x WHERE x.status = "
        "'accepted' AND x.decided_at >= ? AND x.decided_at < DATE_ADD(?, INTERVAL 1 DAY) "
        "AND " IN_REPORT_SCOPE,
        "ssiii", from, to, unit_id, sub, unit_id);
    if (!res) return -1;
    if (res->nrows) {
        out->forms_accepted = db_int(res, 0, 0);
        out->procedures_reviewed = db_int(res, 0, 1);
    }
    db_res_free(res);
    res = db_query(
        db,
        "SELECT SUM(x.created_at >= ? AND x.created_at < DATE_ADD(?, INTERVAL 1 DAY)), "
        "SUM(d.date BETWEEN ? AND ?), COUNT(DISTINCT CASE WHEN d.date BETWEEN ? AND ? THEN "
        "x.procedure_id END), SUM(x.status = 'implemented' AND x.document_date BETWEEN ? AND ?) "
        "FROM review_proposals x LEFT JOIN review_decisions d ON d.id = x.decision_id "
        "WHERE " IN_REPORT_SCOPE,
        "ssssssssiii", from, to, from, to, from, to, from, to, unit_id, sub, unit_id);
    if (!res) return -1;
    if (res->nrows) {
        out->proposals = db_int(res, 0, 0);
        out->proposals_decided = db_int(res, 0, 1);
        out->procedures_simplified = db_int(res, 0, 2);
        out->proposals_implemented = db_int(res, 0, 3);
    }
    db_res_free(res);
    return 0;
}

int review_form_visible(db_t *db, const struct principal *p, long long id) {
    long long one;
    return db_query_int(db, &one, "SELECT 1 FROM review_forms x WHERE x.id = ? AND " REVIEW_SCOPE,
                        "iii", id, (long long)scope_province_wide(p), p->unit_id);
}
