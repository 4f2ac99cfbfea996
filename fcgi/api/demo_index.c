/* Demo reform index: a small tree for departments and districts in 2024 and 2025; every 2024
 * unit assessed, appraised and finalised (the public ranking has a year), 2025 still open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/demo.h"
#include "api/index_common.h"
#include "lib/log.h"

/* The demo tree (100 points): four areas, self, system and appraisal criteria, every method;
 * 4.3 is the satisfaction survey's index of the year (demo_sipas has 2025's). */
static const char *const TREE =
    "["
    "{\"code\":\"1\",\"name\":\"Công tác chỉ đạo, điều hành cải cách hành chính\",\"max\":15},"
    "{\"code\":\"1.1\",\"name\":\"Kế hoạch cải cách hành chính năm\",\"max\":5},"
    "{\"code\":\"1.1.1\",\"name\":\"Ban hành kế hoạch kịp thời\",\"max\":2,\"method\":\"yesno\","
    "\"source\":\"self\"},"
    "{\"code\":\"1.1.2\",\"name\":\"Mức độ hoàn thành kế hoạch\",\"max\":3,\"method\":\"choice\","
    "\"source\":\"self\",\"params\":{\"choices\":[{\"label\":\"Hoàn thành 100%\",\"points\":3},"
    "{\"label\":\"Từ 80% đến dưới 100%\",\"points\":1.5},{\"label\":\"Dưới 80%\",\"points\":0}]}},"
    "{\"code\":\"1.2\",\"name\":\"Báo cáo định kỳ nộp đúng hạn\",\"max\":4,\"method\":\"ratio\","
    "\"source\":\"system\",\"params\":{\"threshold\":100,\"metric\":\"reports_ontime_rate\"}},"
    "{\"code\":\"1.3\",\"name\":\"Số cuộc kiểm tra cải cách hành chính\",\"max\":3,\"method\":"
    "\"bands\",\"source\":\"self\",\"params\":{\"bands\":[{\"min\":0,\"points\":0},{\"min\":1,"
    "\"points\":1},{\"min\":3,\"points\":2},{\"min\":5,\"points\":3}]}},"
    "{\"code\":\"1.4\",\"name\":\"Tuyên truyền cải cách hành chính\",\"max\":3,\"method\":"
    "\"choice\",\"source\":\"self\",\"params\":{\"choices\":[{\"label\":\"Đầy đủ\",\"points\":3},"
    "{\"label\":\"Chưa đầy đủ\",\"points\":1.5},{\"label\":\"Không thực hiện\",\"points\":0}]}},"
    "{\"code\":\"2\",\"name\":\"Cải cách thủ tục hành chính\",\"max\":40},"
    "{\"code\":\"2.1\",\"name\":\"Tỷ lệ hồ sơ giải quyết đúng hạn\",\"max\":15,\"method\":"
    "\"ratio\",\"source\":\"system\",\"params\":{\"threshold\":95,\"metric\":\"ontime_rate\"}},"
    "{\"code\":\"2.2\",\"name\":\"Tỷ lệ hồ sơ tiếp nhận trực tuyến\",\"max\":10,\"method\":"
    "\"ratio\",\"source\":\"system\",\"params\":{\"threshold\":80,\"metric\":\"online_rate\"}},"
    "{\"code\":\"2.3\",\"name\":\"Phản ánh, kiến nghị trả lời đúng hạn\",\"max\":5,\"method\":"
    "\"ratio\",\"source\":\"system\",\"params\":{\"threshold\":100,\"metric\":"
    "\"feedback_ontime_rate\"}},"
    "{\"code\":\"2.4\",\"name\":\"Rà soát, đơn giản hoá thủ tục hành chính\",\"max\":10,"
    "\"method\":\"choice\",\"source\":\"self\",\"params\":{\"choices\":[{\"label\":\"Đạt và "
    "vượt kế hoạch\",\"points\":10},{\"label\":\"Đạt kế hoạch\",\"points\":7},{\"label\":\"Không "
    "đạt\",\"points\":0}]}},"
    "{\"code\":\"3\",\"name\":\"Thực hiện nhiệm vụ cải cách hành chính\",\"max\":20},"
    "{\"code\":\"3.1\",\"name\":\"Nhiệm vụ kế hoạch hoàn thành đúng hạn\",\"max\":10,\"method\":"
    "\"ratio\",\"source\":\"system\",\"params\":{\"threshold\":100,\"metric\":"
    "\"tasks_ontime_rate\"}},"
    "{\"code\":\"3.2\",\"name\":\"Sáng kiến cải cách hành chính được công nhận\",\"max\":10,"
    "\"method\":\"bands\",\"source\":\"self\",\"params\":{\"bands\":[{\"min\":0,\"points\":0},"
    "{\"min\":1,\"points\":5},{\"min\":2,\"points\":10}]}},"
    "{\"code\":\"4\",\"name\":\"Đánh giá của Hội đồng thẩm định và của người dân\",\"max\":25},"
    "{\"code\":\"4.1\",\"name\":\"Chất lượng hồ sơ tự đánh giá\",\"max\":10,\"method\":"
    "\"points\",\"source\":\"appraisal\"},"
    "{\"code\":\"4.2\",\"name\":\"Tác động của cải cách hành chính\",\"max\":10,\"method\":"
    "\"points\",\"source\":\"appraisal\"},"
    "{\"code\":\"4.3\",\"name\":\"Mức độ hài lòng của người dân, tổ chức (SIPAS)\",\"max\":5,"
    "\"method\":\"ratio\",\"source\":\"system\",\"params\":{\"threshold\":100,\"metric\":"
    "\"sipas_index\"}}"
    "]";

/* The unit's self value for a self leaf, varied by the unit's place (n) so ranks differ. */
static json_t *self_value(const struct ri_node *nd, long long n) {
    switch (nd->method) {
    case RI_M_YESNO:
        return json_boolean(n % 5 != 3);
    case RI_M_CHOICE: {
        json_t *c = json_object_get(nd->params, "choices");
        return json_incref(json_object_get(json_array_get(c, (size_t)(n % 4 == 0   ? 1
                                                                      : n % 7 == 0 ? 2
                                                                                   : 0)),
                                           "label"));
    }
    default: /* bands: a count */
        return json_integer(n % 6);
    }
}

/* One 2024 assessment: self values, system figures, the council's points; final. */
static int assess(db_t *db, const struct ix_tree *t, const char *kind, long long unit,
                  long long n) {
    if (db_exec(db,
                "INSERT INTO ri_assessments (year, kind, unit_id, status, submitted_at, "
                "appraised_at) VALUES (2024, ?, ?, 'final', '2025-01-15 09:00:00', '2025-02-20 "
                "15:00:00')",
                "si", kind, unit) < 0)
        return -1;
    long long aid = db_last_id(db);
    for (size_t i = 0; i < t->n; i++) {
        const struct ri_node *nd = &t->nodes[i];
        if (!nd->leaf) continue;
        json_t *v = NULL, *fig = NULL;
        long long p = 0, ap = -1;
        if (nd->source == RI_S_SELF) v = self_value(nd, n);
        if (nd->source == RI_S_SYSTEM) {
            fig = ix_system_figure(db, unit, 2024,
                                   json_string_value(json_object_get(nd->params, "metric")));
            if (!fig) return -1;
            v = json_incref(json_object_get(fig, "value"));
        }
        if (nd->source == RI_S_APPRAISAL)
            ap = nd->max_h - ((n * 137 + (long long)i * 50) % (nd->max_h / 2 + 1));
        else
            ri_score(nd, v, &p, NULL);
        char *vt = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL, *ft = fig ? json_dumps(fig, 0) : NULL;
        long long rc = db_exec(db,
                               "INSERT INTO ri_scores (assessment_id, code, value_json, "
                               "self_points_h, system_json) VALUES (?, ?, ?, ?, ?)",
                               "issis", aid, nd->code, vt, p, ft);
        free(vt);
        free(ft);
        json_decref(v);
        json_decref(fig);
        if (rc < 0) return -1;
        /* the council's own criteria have no self points, only the council's */
        if (ap >= 0 && db_exec(db,
                               "UPDATE ri_scores SET self_points_h = NULL, appraised_points_h = ? "
                               "WHERE assessment_id = ? AND code = ?",
                               "iis", ap, aid, nd->code) < 0)
            return -1;
    }
    return 0;
}

static int one_kind(db_t *db, json_t *tree, const char *kind) {
    if (ix_tree_store(db, 2024, kind, tree, 0) < 0 || ix_tree_store(db, 2025, kind, tree, 0) < 0)
        return -1;
    struct ix_tree t;
    if (ix_tree_load(db, 2024, kind, &t) <= 0) return -1;
    json_t *units = db_query_json(db,
                                  /* the units of 2024's tree (a demo after the 2025 reform
                                   * still has its districts there) */
                                  "SELECT id FROM units WHERE level = ? AND valid_from <= "
                                  "'2024-12-31' AND (valid_to IS NULL OR valid_to >= "
                                  "'2024-12-31') AND coordinator = 0 ORDER BY sort_order, id",
                                  "s", kind);
    int rc = units ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < json_array_size(units); i++)
        rc = assess(db, &t, kind,
                    json_integer_value(json_object_get(json_array_get(units, i), "id")),
                    (long long)i + 1);
    json_decref(units);
    ix_tree_free(&t);
    return rc;
}

int demo_index(db_t *db) {
    json_t *tree = json_loads(TREE, 0, NULL);
    struct ri_node nodes[64];
    struct ri_error errs[8];
    size_t n = 0;
    if (!tree || ri_tree_check(tree, nodes, 64, &n, errs, 8) != 0) {
        log_warn("demo index: the demo tree does not pass its own checks");
        json_decref(tree);
        return -1;
    }
    int rc = db_begin(db) < 0 || one_kind(db, tree, "department") < 0 ||
             one_kind(db, tree, "district") < 0 ||
             db_exec(db,
                     "INSERT INTO ri_decisions (year, decision_no, decision_date) VALUES (2024, "
                     "'412/QĐ-UBND', '2025-03-10')",
                     NULL) < 0 ||
             db_commit(db) < 0;
    if (rc && db_in_txn(db)) db_rollback(db);
    json_decref(tree);
    return rc ? -1 : 0;
}
