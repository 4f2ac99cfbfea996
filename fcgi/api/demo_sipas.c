/* Demo satisfaction survey: the 2025 SIPAS survey, closed, with online and paper responses for
 * the first departments and districts, so the results page and the index's sipas_index show
 * real figures. */
#include <string.h>

#include "api/demo.h"
#include "api/sipas_common.h"
#include "lib/log.h"

static const char *const QUESTIONS =
    "["
    "{\"code\":\"A1\",\"group\":\"access\",\"text\":\"Nơi ngồi chờ có đủ chỗ ngồi, tiện nghi\"},"
    "{\"code\":\"A2\",\"group\":\"access\",\"text\":\"Trang thiết bị phục vụ người dân đầy đủ, dễ "
    "sử dụng\"},"
    "{\"code\":\"B1\",\"group\":\"procedures\",\"text\":\"Thủ tục hành chính được niêm yết công "
    "khai, đầy đủ\"},"
    "{\"code\":\"B2\",\"group\":\"procedures\",\"text\":\"Thành phần hồ sơ, phí, lệ phí đúng quy "
    "định\"},"
    "{\"code\":\"C1\",\"group\":\"officials\",\"text\":\"Công chức có thái độ giao tiếp lịch sự\"},"
    "{\"code\":\"C2\",\"group\":\"officials\",\"text\":\"Công chức hướng dẫn kê khai hồ sơ tận "
    "tình, dễ hiểu\"},"
    "{\"code\":\"D1\",\"group\":\"results\",\"text\":\"Kết quả giải quyết đúng quy định\"},"
    "{\"code\":\"D2\",\"group\":\"results\",\"text\":\"Thời hạn giải quyết đúng như giấy hẹn\"},"
    "{\"code\":\"E1\",\"group\":\"feedback\",\"text\":\"Cơ quan có bố trí hình thức tiếp nhận góp "
    "ý, phản ánh\"},"
    "{\"code\":\"E2\",\"group\":\"feedback\",\"text\":\"Góp ý, phản ánh được trả lời kịp thời\"}"
    "]";
static const char *const SCALE =
    "{\"choices\":[{\"score\":1,\"label\":\"Rất không hài lòng\"},{\"score\":2,\"label\":\"Không "
    "hài lòng\"},{\"score\":3,\"label\":\"Bình thường\"},{\"score\":4,\"label\":\"Hài lòng\"},"
    "{\"score\":5,\"label\":\"Rất hài lòng\"}],\"satisfied\":[4,5]}";

/* The demo's answers: mostly satisfied, varied by unit (k), response (j) and question (q); a
 * question left blank now and then. */
static void scores_of(const struct sp_survey *s, long long k, long long j, int *scores) {
    for (size_t q = 0; q < SP_QUESTIONS_MAX; q++) scores[q] = -1;
    for (size_t q = 0; q < s->nq; q++) {
        long long v = (k * 7 + j * 3 + (long long)q * 5) % 11;
        if ((j + (long long)q) % 9 == 8) continue;
        scores[q] = v < 1 ? 1 : v < 2 ? 2 : v < 4 ? 3 : v < 8 ? 4 : 5;
    }
}

/* Units of the survey and their responses (none for the last unit: still shown, no figure). */
static int responses(db_t *db, const struct sp_survey *s, json_t *units) {
    size_t n = json_array_size(units);
    for (size_t k = 0; k < n; k++) {
        long long unit = json_integer_value(json_object_get(json_array_get(units, k), "id"));
        if (db_exec(db, "INSERT INTO sipas_units (year, unit_id) VALUES (2025, ?)", "i", unit) < 0)
            return -1;
        for (long long j = 0; k + 1 < n && j < 12 + (long long)k * 2; j++) {
            int scores[SP_QUESTIONS_MAX];
            long long id = 0;
            scores_of(s, (long long)k, j, scores);
            if (sp_response_store(db, 2025, unit, j % 3 == 0 ? "paper" : "online", 0, s, scores,
                                  &id) < 0)
                return -1;
        }
    }
    return 0;
}

int demo_sipas(db_t *db) {
    json_t *q = json_loads(QUESTIONS, 0, NULL), *sc = json_loads(SCALE, 0, NULL);
    struct sp_survey s;
    struct sp_error errs[4];
    if (!q || !sc || sp_survey_check(q, sc, &s, errs, 4) != 0) {
        log_warn("demo sipas: the demo survey does not pass its own checks");
        json_decref(q);
        json_decref(sc);
        return -1;
    }
    json_t *units = db_query_json(db,
                                  "(SELECT id FROM units WHERE level = 'department' AND valid_to "
                                  "IS NULL AND coordinator = 0 ORDER BY sort_order, id LIMIT 3) "
                                  "UNION ALL (SELECT id FROM units WHERE level = 'district' AND "
                                  "valid_to IS NULL ORDER BY sort_order, id LIMIT 3)",
                                  NULL);
    int rc = !units || db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO sipas_surveys (year, title, period_from, period_to, status, "
                     "questions_json, scale_json, opened_at, closed_at) VALUES (2025, 'Khảo sát "
                     "sự hài lòng của người dân, tổ chức năm 2025', '2025-09-01', '2025-11-30', "
                     "'closed', ?, ?, '2025-09-01 08:00:00', '2025-11-30 17:00:00')",
                     "ss", QUESTIONS, SCALE) < 0 ||
             responses(db, &s, units) < 0 || db_commit(db) < 0;
    if (rc && db_in_txn(db)) db_rollback(db);
    json_decref(units);
    json_decref(q);
    json_decref(sc);
    return rc ? -1 : 0;
}
