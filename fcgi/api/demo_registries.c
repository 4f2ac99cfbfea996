/* Demo registries: every demo focal officer's appointment from their decision, two courses this
 * year (one by the province, one by district H01) with attendees, and budget lines for the
 * Provincial Office and district H01. */
#include "api/demo.h"

static const char *const steps[] = {
    /* the decision the accounts already name, in force from its date */
    "INSERT INTO focal_appointments (unit_id, user_id, decision_no, decision_date, start_date) "
    "SELECT unit_id, id, focal_decision_no, focal_decision_date, focal_decision_date FROM users "
    "WHERE focal_officer = 1 AND focal_decision_no IS NOT NULL AND focal_decision_date IS NOT "
    "NULL",
    "INSERT INTO trainings (organiser_unit_id, level, topic, held_on, online, place) SELECT id, "
    "level, 'Tập huấn nghiệp vụ kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa', "
    "MAKEDATE(YEAR(CURDATE()), 1) + INTERVAL 2 MONTH + INTERVAL 14 DAY, 0, 'Hội trường UBND tỉnh' "
    "FROM units WHERE code = 'VP'",
    "INSERT INTO training_attendees (training_id, user_id, unit_id) SELECT t.id, u.id, u.unit_id "
    "FROM trainings t JOIN users u ON u.focal_officer = 1 WHERE t.place = 'Hội trường UBND tỉnh'",
    "INSERT INTO trainings (organiser_unit_id, level, topic, held_on, online, place) SELECT id, "
    "level, 'Bồi dưỡng kỹ năng tiếp nhận hồ sơ trực tuyến cho công chức một cửa cấp xã', "
    "MAKEDATE(YEAR(CURDATE()), 1) + INTERVAL 4 MONTH + INTERVAL 9 DAY, 1, NULL FROM units WHERE "
    "code = 'H01'",
    "INSERT INTO training_attendees (training_id, user_id, unit_id) SELECT t.id, u.id, u.unit_id "
    "FROM trainings t JOIN units o ON o.id = t.organiser_unit_id AND o.code = 'H01' JOIN users u "
    "JOIN units x ON x.id = u.unit_id AND x.code IN ('X0101', 'X0102') WHERE u.role <> 'viewer'",
    "INSERT INTO budget_lines (unit_id, year, category_id, kind, amount, line_date, note) SELECT "
    "u.id, YEAR(CURDATE()), c.id, 'allocation', v.amount, MAKEDATE(YEAR(CURDATE()), 15), 'Dự toán "
    "được giao đầu năm' FROM units u JOIN (SELECT 'VP' AS unit, 'TT167-1' AS cat, 120000000 AS "
    "amount UNION ALL SELECT 'VP', 'TT167-5', 85000000 UNION ALL SELECT 'VP', 'TT167-8', 60000000 "
    "UNION ALL SELECT 'H01', 'TT167-5', 25000000 UNION ALL SELECT 'H01', 'TT167-7', 15000000) v ON "
    "v.unit = u.code JOIN budget_categories c ON c.code = v.cat",
    "INSERT INTO budget_lines (unit_id, year, category_id, kind, amount, line_date, note) SELECT "
    "u.id, YEAR(CURDATE()), c.id, 'spending', v.amount, MAKEDATE(YEAR(CURDATE()), 1) + INTERVAL 2 "
    "MONTH + INTERVAL 14 DAY, 'Chi tổ chức hội nghị tập huấn' FROM units u JOIN (SELECT 'VP' AS "
    "unit, 'TT167-5' AS cat, 47350000 AS amount UNION ALL SELECT 'H01', 'TT167-5', 12800000) v ON "
    "v.unit = u.code JOIN budget_categories c ON c.code = v.cat",
};

int demo_registries(db_t *db) {
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (db_exec(db, steps[i], NULL) < 0) return -1;
    return 0;
}
