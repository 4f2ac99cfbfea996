/* Demo review: the province's review plan for the current year, published, with forms of Sở Tư
 * pháp and district H01 in every state, and one decision adopting the accepted form's proposal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/demo.h"
#include "api/plans.h"
#include "api/review_common.h"
#include "core/review_form.h"

/* Every component answered yes and kept, or with the fee abolished (change != 0). */
static char *components(int change) {
    json_t *a = json_array();
    for (int k = 0; a && k < RV_NCOMPONENTS; k++) {
        int fee = change && !strcmp(rv_component_keys[k], "fee");
        json_array_append_new(
            a, json_pack("{s:s,s:b,s:b,s:b,s:s?,s:s,s:s?}", "component", rv_component_keys[k],
                         "necessary", !fee, "reasonable", !fee, "lawful", 1, "reason",
                         fee ? "Lệ phí trùng với phí khai thác dữ liệu đã thu." : NULL, "proposal",
                         fee ? "abolish" : "keep", "change",
                         fee ? "Bãi bỏ lệ phí cấp bản sao trích lục." : NULL));
    }
    char *s = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    return s;
}

static long long unit_id(db_t *db, const char *code) {
    long long id = 0;
    return db_query_int(db, &id, "SELECT id FROM units WHERE code = ?", "s",
                        demo_unit_code(code)) == 1
               ? id
               : 0;
}

/* A task of the plan led by unit `code`, naming the procedures of procs [from, from + n). */
static long long task(db_t *db, long long plan, const char *code, const char *title,
                      struct db_res *procs, size_t from, size_t n) {
    long long unit = unit_id(db, code);
    char lead[200];
    snprintf(lead, sizeof lead, "[{\"text\":\"%s\",\"unit_id\":%lld,\"group\":null}]", code, unit);
    if (!unit || db_exec(db,
                         "INSERT INTO tasks (plan_id, sort_order, number, title, lead_json, "
                         "coop_json, timeline_text, tl_kind) VALUES (?, ?, ?, ?, ?, '[]', "
                         "'Quý III', 'unknown')",
                         "iisss", plan, (long long)(from + 1) * 10, code, title, lead) < 0)
        return -1;
    long long id = db_last_id(db);
    for (size_t i = from; i < from + n && i < procs->nrows; i++)
        if (db_exec(db, "INSERT INTO review_targets (task_id, procedure_id) VALUES (?, ?)", "ii",
                    id, db_int(procs, i, 0)) < 0)
            return -1;
    return id;
}

/* Sets the form of (task, k-th target) to a state with its answers. */
static int form_state(db_t *db, long long task_id, size_t k, const char *status, int change,
                      const char *reason) {
    char *c = components(change);
    long long rc = c ? db_exec(db,
                               "UPDATE review_forms SET status = ?, components_json = ?, proposal "
                               "= ?, change_text = ?, return_reason = ?, submitted_at = IF(? <> "
                               "'draft', NOW() - INTERVAL 3 DAY, NULL), decided_at = IF(? IN "
                               "('accepted', 'returned'), NOW() - INTERVAL 1 DAY, NULL) WHERE id = "
                               "(SELECT id FROM (SELECT id FROM review_forms WHERE task_id = ? "
                               "ORDER BY procedure_id LIMIT 1 OFFSET ?) f)",
                               "sssssssii", status, c, change ? "simplify" : "keep",
                               change ? "Bãi bỏ lệ phí cấp bản sao trích lục; giảm thời hạn từ 5 "
                                        "xuống 3 ngày làm việc."
                                      : NULL,
                               reason, status, status, task_id, (long long)k)
                     : -1;
    free(c);
    return rc < 0 ? -1 : 0;
}

static int forms_and_decision(db_t *db, long long stp, long long h01, int year) {
    char number[32], date[16];
    snprintf(number, sizeof number, "%d/QĐ-UBND", 1500 + year % 100);
    snprintf(date, sizeof date, "%04d-%02d-15", year, 6);
    if (form_state(db, stp, 0, "accepted", 1, NULL) < 0 ||
        form_state(db, stp, 1, "submitted", 0, NULL) < 0 ||
        form_state(db, h01, 0, "returned", 0, "Chưa nêu lý do đánh giá thời hạn giải quyết.") < 0 ||
        db_exec(db,
                "INSERT INTO review_proposals (form_id, procedure_id, unit_id, kind, change_text) "
                "SELECT id, procedure_id, unit_id, proposal, change_text FROM review_forms WHERE "
                "status = 'accepted' AND task_id = ?",
                "i", stp) < 0 ||
        db_exec(db,
                "INSERT INTO review_decisions (number, date, title) VALUES (?, ?, 'Phê duyệt "
                "phương án đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của UBND tỉnh')",
                "ss", number, date) < 0)
        return -1;
    long long d = db_last_id(db);
    return db_exec(db,
                   "UPDATE review_proposals SET decision_id = ?, status = 'decided' WHERE "
                   "decision_id IS NULL AND form_id IN (SELECT id FROM review_forms WHERE "
                   "task_id = ?)",
                   "ii", d, stp) < 0
               ? -1
               : 0;
}

int demo_review(db_t *db) {
    int year = calendar_today().y;
    long long province = unit_id(db, "NDH");
    struct db_res *procs = db_query(
        db, "SELECT id FROM procedures WHERE status = 'in_force' ORDER BY code LIMIT 5", NULL);
    if (!procs) return -1;
    if (!province || procs->nrows < 5) {
        db_res_free(procs);
        return 0; /* a catalogue without procedures has nothing to review */
    }
    char title[200], decided[16];
    snprintf(decided, sizeof decided, "%04d-01-20", year % 10000);
    snprintf(title, sizeof title, "Kế hoạch rà soát, đánh giá thủ tục hành chính năm %d", year);
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO plans (unit_id, year, kind, title, decision_no, decision_date, "
                     "status, published_at) VALUES (?, ?, 'review', ?, '45/KH-UBND', ?, "
                     "'published', NOW())",
                     "iiss", province, (long long)year, title, decided) < 0;
    long long plan = rc ? 0 : db_last_id(db);
    long long stp =
        rc ? -1
           : task(db, plan, "STP", "Rà soát, đánh giá thủ tục lĩnh vực chứng thực, hộ tịch", procs,
                  0, 3);
    long long h01 =
        stp < 0 ? -1 : task(db, plan, "H01", "Rà soát, đánh giá thủ tục cấp huyện", procs, 3, 2);
    rc = rc || h01 < 0 || plan_expand_assignments(db, plan, 0) != 0 ||
         review_plan_published(db, plan) < 0 || forms_and_decision(db, stp, h01, year) < 0 ||
         db_commit(db) < 0;
    db_res_free(procs);
    if (rc && db_in_txn(db)) db_rollback(db);
    return rc ? -1 : 0;
}
