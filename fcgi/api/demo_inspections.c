/* Demo inspections and communications (issue 18): the Provincial Office's inspection of a city
 * (carried out, a finding done, closed), one planned, the city's self-inspection of a ward with a
 * follow-up still open, and a news item and a dialogue with a commitment. */
#include <stdio.h>
#include <stdlib.h>

#include "api/calendar.h"
#include "api/demo.h"
#include "api/followup.h"
#include "api/inspections.h"
#include "core/period.h"
#include "store/db.h"

/* The id of the unit with code, or of the user with username: 0 when missing, -1 on error. */
static long long id_of(db_t *db, const char *sql, const char *key) {
    long long id = 0;
    int found = db_query_int(db, &id, sql, "s", key);
    return found < 0 ? -1 : found ? id : 0;
}
#define UNIT(code) id_of(db, "SELECT id FROM units WHERE code = ?", demo_unit_code(code))
#define USER(name) id_of(db, "SELECT id FROM users WHERE username = ?", name)

struct demo_insp {
    long long by, unit, head;
    const char *subject, *planned, *actual, *status;
};

/* Inserts one inspection with its head and the template's checklist: its id or -1. */
static long long add_inspection(db_t *db, const struct demo_insp *d) {
    if (db_exec(db,
                "INSERT INTO inspections (inspecting_unit_id, unit_id, subject, planned_date, "
                "actual_date, announced, status, closed_at) VALUES (?, ?, ?, ?, ?, 1, ?, IF(? = "
                "'closed', NOW(), NULL))",
                "iisssss", d->by, d->unit, d->subject, d->planned, d->actual, d->status,
                d->status) < 0)
        return -1;
    long long id = db_last_id(db);
    if (db_exec(db,
                "INSERT INTO inspection_team (inspection_id, user_id, role) VALUES (?, ?, 'head')",
                "ii", id, d->head) < 0 ||
        db_exec(db,
                "INSERT INTO inspection_checklist (inspection_id, n, text, result) SELECT ?, "
                "ROW_NUMBER() OVER (ORDER BY sort_order, id), text, IF(? IS NULL, NULL, "
                "'compliant') FROM inspection_template_items WHERE subject = ?",
                "iss", id, d->actual, d->subject) < 0)
        return -1;
    return id;
}

/* A finding of inspection id with its follow-up (done when done is set): 0 or -1. */
static int add_finding(db_t *db, long long id, const struct demo_insp *d, const char *text,
                       const char *due, int done) {
    struct followup f = {"inspection", id, d->by, 0, atoi(d->planned), d->unit, text, due};
    long long asg = followup_create(db, &f);
    if (asg < 0 ||
        db_exec(db,
                "INSERT INTO inspection_findings (inspection_id, text, action_required, due, "
                "assignment_id) VALUES (?, ?, 1, ?, ?)",
                "issi", id, text, due, asg) < 0)
        return -1;
    return done ? (db_exec(db,
                           "UPDATE assignments SET status = 'done', progress = 100, done_date = "
                           "? WHERE id = ?",
                           "si", due, asg) < 0
                       ? -1
                       : 0)
                : 0;
}

/* A day n days from today, as text. */
static void day(int n, char out[11]) {
    ymd_format(days_to_ymd(ymd_to_days(calendar_today()) + n), out);
}

static int demo_communications(db_t *db, long long vp, long long h01, long long x0101) {
    char d1[11], d2[11], due[11];
    day(-40, d1);
    day(-20, d2);
    day(30, due);
    if (db_exec(db,
                "INSERT INTO communications (unit_id, kind, date, channel, title, link) VALUES "
                "(?, 'news', ?, 'Cổng thông tin điện tử tỉnh', 'Tuyên truyền Cổng Dịch vụ công "
                "quốc gia', 'https://dichvucong.gov.vn')",
                "is", vp, d1) < 0 ||
        db_exec(db,
                "INSERT INTO communications (unit_id, kind, date, channel, title) VALUES (?, "
                "'dialogue', ?, 'Hội trường UBND thành phố', 'Đối thoại với doanh nghiệp về thủ "
                "tục đất đai')",
                "is", h01, d2) < 0)
        return -1;
    long long id = db_last_id(db);
    struct followup f = {"dialogue",
                         id,
                         h01,
                         0,
                         atoi(d2),
                         x0101,
                         "Thực hiện cam kết đối thoại: rút ngắn thời gian trả kết quả",
                         due};
    long long asg = followup_create(db, &f);
    return asg < 0 || db_exec(db,
                              "INSERT INTO communication_commitments (communication_id, "
                              "question, answer, unit_id, due, assignment_id) VALUES (?, 'Thời "
                              "gian cấp giấy chứng nhận còn dài', 'Rút ngắn thời gian trả kết "
                              "quả xuống 10 ngày', ?, ?, ?)",
                              "iisi", id, x0101, due, asg) < 0
               ? -1
               : 0;
}

int demo_inspections(db_t *db) {
    long long vp = UNIT("VP"), h01 = UNIT("H01"), h02 = UNIT("H02"), x0101 = UNIT("X0101"),
              spec = USER("vp.kstt"), dist = USER("huyen1.lanhdao");
    if (vp < 0 || h01 < 0 || h02 < 0 || x0101 < 0 || spec < 0 || dist < 0) return -1;
    if (!vp || !h01 || !h02 || !x0101 || !spec || !dist) return 0; /* not the demo province */
    char past[11], done_due[11], later[11], open_due[11];
    day(-60, past);
    day(-30, done_due);
    day(20, later);
    day(15, open_due);
    struct demo_insp closed = {vp, h01, spec, "public_posting", past, past, "closed"},
                     planned = {vp, h02, spec, "one_stop", later, NULL, "planned"},
                     self = {h01, x0101, dist, "dossier_handling", done_due, done_due, "done"};
    if (db_begin(db) < 0) return -1;
    long long a = add_inspection(db, &closed), b = add_inspection(db, &planned),
              c = add_inspection(db, &self);
    int rc =
        a < 0 || b < 0 || c < 0 ||
        add_finding(db, a, &closed, "Niêm yết thủ tục hành chính chưa đầy đủ", done_due, 1) < 0 ||
        add_finding(db, c, &self, "Chưa có phiếu xin lỗi cho hồ sơ trễ hạn", open_due, 0) < 0 ||
        demo_communications(db, vp, h01, x0101) < 0 || db_commit(db) < 0;
    if (rc && db_in_txn(db)) db_rollback(db);
    return rc ? -1 : 0;
}
