/* Demo feedback: items in every state of the workflow, with their events, and one duplicate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "api/common.h"
#include "api/demo.h"
#include "api/feedback.h"
#include "core/vnfold.h"
#include "lib/log.h"

struct demo_item {
    const char *status;
    int days_ago; /* received */
    int type;
    const char *title, *content;
    const char *unit;   /* assigned unit code */
    const char *answer; /* answer text */
    const char *rating;
    const char *reason; /* reject reason */
};

static const struct demo_item demo[] = {
    {"new", 1, 1, "Bộ phận một cửa yêu cầu nộp thêm giấy tờ ngoài quy định",
     "Khi làm thủ tục đăng ký khai sinh cho con tại UBND phường, cán bộ yêu cầu tôi nộp thêm bản "
     "sao sổ hộ khẩu dù đã có căn cước công dân gắn chip.",
     NULL, NULL, NULL, NULL},
    {"new", 16, 2, "Thời gian cấp phép xây dựng nhà ở riêng lẻ quá dài",
     "Quy định về hồ sơ cấp phép xây dựng nhà ở riêng lẻ ở nông thôn còn yêu cầu nhiều bản vẽ, "
     "không phù hợp với thực tế.",
     NULL, NULL, NULL, NULL},
    {"needs_info", 4, 1, "Chậm trả kết quả chứng thực",
     "Tôi nộp hồ sơ chứng thực hợp đồng nhưng đến nay chưa nhận được kết quả.", NULL, NULL, NULL,
     NULL},
    {"accepted", 2, 3, "Hướng dẫn thủ tục đăng ký kinh doanh hộ cá thể chưa thống nhất",
     "Hai nơi hướng dẫn khác nhau về thành phần hồ sơ đăng ký hộ kinh doanh.", NULL, NULL, NULL,
     NULL},
    {"forwarded", 3, 1, "Cán bộ hẹn trả kết quả nhiều lần",
     "Hồ sơ đăng ký kết hôn của tôi bị hẹn lại ba lần mà không có lý do.", "X0101", NULL, NULL,
     NULL},
    {"processing", 12, 2, "Lệ phí cấp bản sao trích lục hộ tịch",
     "Đề nghị xem xét giảm lệ phí cấp bản sao trích lục hộ tịch cho người cao tuổi.", "STP",
     "Sở Tư pháp đang tổng hợp ý kiến để đề xuất sửa đổi mức thu.", NULL, NULL},
    {"answered", 10, 1, "Không niêm yết thủ tục tại bộ phận một cửa",
     "Bộ phận một cửa của phường không niêm yết thủ tục đăng ký thường trú.", "X0101",
     "UBND phường đã niêm yết đầy đủ các thủ tục hành chính tại bộ phận một cửa từ ngày tiếp nhận "
     "phản ánh.",
     NULL, NULL},
    {"published", 30, 1, "Yêu cầu bản sao chứng thực không cần thiết",
     "Khi làm thủ tục tại phường, tôi bị yêu cầu nộp bản sao có chứng thực giấy khai sinh.",
     "X0102",
     "UBND phường Trần Hưng Đạo đã chấn chỉnh, không yêu cầu bản sao chứng thực khi người dân "
     "xuất trình bản chính để đối chiếu, đúng Nghị định 23/2015/NĐ-CP.",
     "satisfied", NULL},
    {"published", 25, 2, "Đề nghị cho phép nộp hồ sơ trực tuyến thủ tục cấp phiếu lý lịch tư pháp",
     "Đề nghị cho phép nộp hồ sơ trực tuyến toàn trình thủ tục cấp phiếu lý lịch tư pháp.", "STP",
     "Sở Tư pháp đã triển khai dịch vụ công trực tuyến toàn trình cho thủ tục cấp phiếu lý lịch tư "
     "pháp trên Cổng dịch vụ công.",
     NULL, NULL},
    {"rejected", 15, 6, "Khiếu nại quyết định xử phạt vi phạm hành chính",
     "Tôi không đồng ý với quyết định xử phạt của đội quản lý trật tự đô thị.", NULL, NULL, NULL,
     "complaint"},
};

/* The coordinator's first move for a demo item in this status. */
static const char *first_action(const char *status) {
    if (strcmp(status, "needs_info") == 0) return "request_info";
    if (strcmp(status, "rejected") == 0) return "reject";
    if (strcmp(status, "duplicate") == 0) return "duplicate";
    return "accept";
}

static const char *first_state(const char *status) {
    if (strcmp(status, "needs_info") == 0 || strcmp(status, "rejected") == 0 ||
        strcmp(status, "duplicate") == 0)
        return status;
    return "accepted";
}

static int demo_insert(db_t *db, const struct demo_item *d, long long *out_id) {
    unsigned char rnd[8];
    char code[15], bare[13];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) return -1;
    fb_code_make(rnd, code);
    fb_code_normalize(code, bare);
    int forwarded = d->unit != NULL;
    int answered =
        d->answer && (strcmp(d->status, "answered") == 0 || strcmp(d->status, "published") == 0);
    int published = strcmp(d->status, "published") == 0;
    long long days = d->days_ago;
    char folded[2048];
    vnfold(d->title, strlen(d->title), folded, sizeof folded);
    if (db_exec(db,
                "INSERT INTO feedback (tracking_code, status, channel, sender_kind, sender_name, "
                "address, phone, email, title, title_folded, content, type, received_at, "
                "intake_at, status_since, answer_due) VALUES (?, ?, 'web', 'person', 'Nguyễn Thị "
                "Dân', 'Số 1 đường Trần Hưng Đạo, TP Nam Định', '0912345678', NULL, ?, ?, ?, ?, "
                "NOW() - INTERVAL ? DAY, NOW() - INTERVAL ? DAY, NOW() - INTERVAL ? DAY, "
                "CURDATE() + INTERVAL 20 DAY)",
                "sssssiiii", bare, d->status, d->title, folded, d->content, (long long)d->type,
                days, days, days) < 0)
        return -1;
    long long id = db_last_id(db);
    *out_id = id;
    int rc = db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, action, "
                     "from_status, to_status) VALUES (?, NOW() - INTERVAL ? DAY, 'citizen', "
                     "'submit', NULL, 'new')",
                     "ii", id, days) < 0;
    if (!rc && strcmp(d->status, "new") != 0)
        rc = db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_id, "
                     "actor_unit_id, action, from_status, to_status) SELECT ?, NOW() - INTERVAL ? "
                     "DAY + INTERVAL 3 HOUR, 'coordinator', u.id, u.unit_id, ?, 'new', ? FROM "
                     "users u WHERE u.username = 'vp.kstt'",
                     "iiss", id, days, first_action(d->status), first_state(d->status)) < 0;
    if (!rc && strcmp(d->status, "needs_info") == 0)
        rc = db_exec(db,
                     "UPDATE feedback SET info_request = 'Đề nghị ông/bà cho biết số biên nhận "
                     "hồ sơ và ngày nộp.', info_requested_at = NOW() - INTERVAL ? DAY + INTERVAL "
                     "3 HOUR WHERE id = ?",
                     "ii", days, id) < 0;
    if (!rc && d->reason)
        rc = db_exec(db,
                     "UPDATE feedback SET reject_reason = ?, reject_note = 'Nội dung là khiếu "
                     "nại quyết định hành chính, không thuộc phạm vi phản ánh, kiến nghị.', "
                     "redirect_to = 'Gửi đơn khiếu nại đến UBND thành phố Nam Định theo Luật "
                     "Khiếu nại 2011.', closed_at = NOW() - INTERVAL ? DAY WHERE id = ?",
                     "sii", d->reason, days - 1, id) < 0;
    if (!rc && forwarded) {
        long long fwd = days > 2 ? days - 1 : days;
        rc = db_exec(db,
                     "UPDATE feedback f JOIN units u ON u.code = ? SET f.assigned_unit_id = u.id, "
                     "f.forwarded_at = NOW() - INTERVAL ? DAY, f.answer_due_at_forward = "
                     "CURDATE() + INTERVAL 10 DAY WHERE f.id = ?",
                     "sii", demo_unit_code(d->unit), fwd, id) < 0 ||
             db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_id, "
                     "actor_unit_id, action, from_status, to_status, unit_id) SELECT ?, NOW() - "
                     "INTERVAL ? DAY, 'coordinator', u.id, u.unit_id, 'forward', 'accepted', "
                     "'forwarded', (SELECT id FROM units WHERE code = ?) FROM users u WHERE "
                     "u.username = 'vp.kstt'",
                     "iis", id, fwd, demo_unit_code(d->unit)) < 0;
        if (!rc && strcmp(d->status, "forwarded") != 0)
            rc = db_exec(db,
                         "INSERT INTO feedback_events (feedback_id, at, actor_kind, "
                         "actor_unit_id, action, from_status, to_status) SELECT ?, NOW() - "
                         "INTERVAL ? DAY + INTERVAL 2 HOUR, 'unit', id, 'receive', 'forwarded', "
                         "'processing' FROM units WHERE code = ?",
                         "iis", id, fwd, demo_unit_code(d->unit)) < 0;
        if (!rc && d->answer)
            rc = db_exec(db, "UPDATE feedback SET answer_text = ? WHERE id = ?", "si", d->answer,
                         id) < 0;
    }
    if (!rc && answered) {
        long long ans = days > 4 ? days - 3 : 1;
        rc = db_exec(db,
                     "UPDATE feedback f JOIN units u ON u.code = ? SET f.answered_at = NOW() - "
                     "INTERVAL ? DAY, f.answer_unit_id = u.id, f.answer_due_at_forward = "
                     "DATE(NOW() - INTERVAL ? DAY) + INTERVAL 10 DAY WHERE f.id = ?",
                     "siii", demo_unit_code(d->unit), ans, ans, id) < 0 ||
             db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_unit_id, "
                     "action, from_status, to_status) SELECT ?, NOW() - INTERVAL ? DAY, 'unit', "
                     "id, 'submit_answer', 'processing', 'answered' FROM units WHERE code = ?",
                     "iis", id, ans, demo_unit_code(d->unit)) < 0;
    }
    if (!rc && published) {
        char *folded = NULL;
        char text[4000];
        snprintf(text, sizeof text, "%s %s %s", d->title, d->content, d->answer);
        folded = vnfold_dup(text);
        rc = !folded ||
             db_exec(db,
                     "UPDATE feedback SET published_at = NOW() - INTERVAL ? DAY, closed_at = NOW() "
                     "- INTERVAL ? DAY, search_folded = ?, rating = ?, rated_at = IF(? IS NULL, "
                     "NULL, NOW() - INTERVAL 1 DAY) WHERE id = ?",
                     "iisssi", days - 5, days - 5, folded, d->rating, d->rating, id) < 0 ||
             db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_id, "
                     "actor_unit_id, action, from_status, to_status) SELECT ?, NOW() - INTERVAL ? "
                     "DAY, 'coordinator', u.id, u.unit_id, 'publish', 'answered', 'published' FROM "
                     "users u WHERE u.username = 'vp.kstt'",
                     "ii", id, days - 5) < 0;
        free(folded);
    }
    return rc ? -1 : 0;
}

int demo_feedback(db_t *db) {
    long long n = 0;
    if (db_query_int(db, &n, "SELECT COUNT(*) FROM feedback", NULL) < 0) return -1;
    if (n > 0) return 0;
    long long first_published = 0;
    for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++) {
        long long id = 0;
        if (demo_insert(db, &demo[i], &id) < 0) {
            log_error("demo feedback %zu failed", i);
            return -1;
        }
        if (!first_published && strcmp(demo[i].status, "published") == 0) first_published = id;
    }
    /* One duplicate of the first published item. */
    struct demo_item dup = {"duplicate",
                            6,
                            1,
                            "Bị yêu cầu bản sao chứng thực giấy khai sinh",
                            "Phường yêu cầu tôi nộp bản sao chứng thực giấy khai sinh.",
                            NULL,
                            NULL,
                            NULL,
                            NULL};
    long long id = 0;
    if (demo_insert(db, &dup, &id) < 0 ||
        db_exec(db, "UPDATE feedback SET duplicate_of = ?, closed_at = NOW() WHERE id = ?", "ii",
                first_published, id) < 0)
        return -1;
    return fb_refresh_due_all(db);
}
