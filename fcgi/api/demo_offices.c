/* Demo step: the standard offices of one district (huyện Mỹ Lộc) and an officer of its Phòng Tư
 * pháp, so that the unit tree, plan import and scope show offices at work. */
#include "api/demo.h"
#include "api/unit_offices.h"

int demo_offices(db_t *db) {
    if (unit_offices_demo(db, "H02") < 0) return -1;
    /* the password is set with the other demo accounts' (api/demo.c) */
    return db_exec(db,
                   "INSERT IGNORE INTO users (username, full_name, email, unit_id, role, demo) "
                   "SELECT 'huyen2.tuphap', 'Trần Thị Thu', 'huyen2.tuphap@namdinh.gov.vn', id, "
                   "'officer', 1 FROM units WHERE code = 'H02-TP'",
                   NULL) < 0
               ? -1
               : 0;
}
