/* Feedback background work: scheduler jobs (daily reminders, mail outbox, purges), the manual
 * reminder run, and the demo feedback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback.h"
#include "core/vnfold.h"
#include "lib/log.h"
#include "lib/mail.h"
#include "server/server.h"

#define MAIL_BATCH        20
#define MAIL_MAX_ATTEMPTS 8

/* ---- due dates and reminders --------------------------------------------------------------- */

static const char *const open_states =
    "('new','needs_info','accepted','forwarded','processing','answered','returned')";

int fb_refresh_due_all(db_t *db) {
    struct fb_rules rules = {0};
    int have_rules = fb_rules_load(db, &rules);
    if (have_rules != 1) return -1; /* missing rules or a database error: the job fails */
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT id, status, intake_at, returned_at, forwarded_at, answered_at FROM feedback "
             "WHERE status IN %s",
             open_states);
    json_t *rows = db_query_json(db, sql, NULL);
    if (!rows) return -1;
    const struct holidays *h = calendar_get(db);
    size_t i;
    json_t *row;
    int rc = 0;
    json_array_foreach(rows, i, row) {
        char due[11];
        fb_due_of(row, &rules, h, due);
        if (db_exec(db, "UPDATE feedback SET due_date = NULLIF(?, '') WHERE id = ?", "si", due,
                    (long long)json_integer_value(json_object_get(row, "id"))) < 0)
            rc = -1;
    }
    json_decref(rows);
    return rc;
}

/* One digest mail per responsible unit to its staff with an address. */
static void mail_digest(db_t *db, long long unit_id, int coordinator, const char *text, int count) {
    if (!mail_enabled(fb_config()) || !text[0]) return;
    json_t *users =
        coordinator
            ? db_query_json(db,
                            "SELECT u.email FROM users u JOIN units un ON un.id = u.unit_id WHERE "
                            "un.coordinator = 1 AND u.active = 1 AND u.email IS NOT NULL AND "
                            "u.role IN ('admin','leader','specialist')",
                            NULL)
            : db_query_json(db,
                            "SELECT u.email FROM users u WHERE u.unit_id = ? AND u.active = 1 AND "
                            "u.email IS NOT NULL AND u.role IN "
                            "('admin','leader','specialist','officer')",
                            "i", unit_id);
    if (!users) return;
    char subject[160];
    snprintf(subject, sizeof subject, "Nhắc việc: %d phản ánh, kiến nghị sắp đến hạn hoặc quá hạn",
             count);
    size_t i;
    json_t *u;
    json_array_foreach(users, i, u) {
        fb_queue_mail(db, json_string_value(json_object_get(u, "email")), subject, text);
    }
    json_decref(users);
}

struct pending {
    long long unit_id; /* 0: the coordinator */
    int count;
    struct buf text;
};

static struct pending *pending_for(struct pending *p, int *n, int max, long long unit_id) {
    for (int i = 0; i < *n; i++)
        if (p[i].unit_id == unit_id) return &p[i];
    if (*n >= max) return NULL;
    struct pending *x = &p[(*n)++];
    x->unit_id = unit_id;
    x->count = 0;
    buf_init(&x->text);
    return x;
}

int fb_reminders_run(db_t *db) {
    struct fb_rules rules = {0};
    int have_rules = fb_rules_load(db, &rules);
    if (have_rules != 1) return -1; /* missing rules or a database error: the job fails */
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT id, tracking_code, title, status, assigned_unit_id, intake_at, returned_at, "
             "forwarded_at, answered_at, info_requested_at FROM feedback WHERE status IN %s "
             "ORDER BY id",
             open_states);
    json_t *rows = db_query_json(db, sql, NULL);
    if (!rows) return -1;
    const struct holidays *h = calendar_get(db);
    struct ymd today = calendar_today();
    char day[11];
    ymd_format(today, day);
    struct pending pend[256];
    int npend = 0, written = 0;
    size_t i;
    json_t *row;
    if (db_begin(db) < 0) {
        json_decref(rows);
        return -1;
    }
    int rc = 0;
    json_array_foreach(rows, i, row) {
        struct fb_dates d;
        struct fb_clock c;
        fb_dates_of(row, &d);
        enum fb_state st = fb_state_from(json_string_value(json_object_get(row, "status")));
        fb_clock(st, &d, &rules, h, today, &c);
        if (!c.due.y || !(c.overdue || c.due_soon) || !c.step) continue;
        long long id = json_integer_value(json_object_get(row, "id"));
        json_t *au = json_object_get(row, "assigned_unit_id");
        long long unit =
            strcmp(c.step, "unit") == 0 && json_is_integer(au) ? json_integer_value(au) : 0;
        char due[11], title[800], dedupe[128];
        ymd_format(c.due, due);
        snprintf(title, sizeof title, "%s (hạn %s): %.500s",
                 c.overdue ? "Quá hạn xử lý phản ánh, kiến nghị"
                           : "Sắp đến hạn xử lý phản ánh, kiến nghị",
                 due, json_string_value(json_object_get(row, "title")));
        snprintf(dedupe, sizeof dedupe, "fb-remind:%lld:%s:%lld", id, day, unit);
        if (fb_notify(db, unit, c.overdue ? "feedback.overdue" : "feedback.due_soon", id, title,
                      NULL, dedupe) < 0) {
            rc = -1;
            break;
        }
        written++;
        struct pending *p = pending_for(pend, &npend, 256, unit);
        if (p) {
            char link[64];
            snprintf(link, sizeof link, "/app/phan-anh/%lld", id);
            buf_printf(&p->text, "- %s\n  %s%s\n", title,
                       fb_config() && fb_config()->public_url[0] ? fb_config()->public_url : "",
                       link);
            p->count++;
        }
    }
    json_decref(rows);
    if (rc == 0) {
        for (int k = 0; k < npend; k++) {
            char head[200];
            snprintf(head, sizeof head, "Nhắc việc ngày %s:\n\n", day);
            struct buf all;
            buf_init(&all);
            buf_puts(&all, head);
            buf_puts(&all, buf_cstr(&pend[k].text));
            mail_digest(db, pend[k].unit_id, pend[k].unit_id == 0, buf_cstr(&all), pend[k].count);
            buf_free(&all);
        }
    }
    for (int k = 0; k < npend; k++) buf_free(&pend[k].text);
    if (rc < 0 || db_commit(db) < 0) {
        if (db_in_txn(db)) db_rollback(db);
        return -1;
    }
    return written;
}

int h_feedback_reminders(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int n = fb_reminders_run(db);
    if (n < 0) return db_fail(r, db);
    res_json(r, 200, json_pack("{s:i}", "notifications", n));
    return 0;
}

/* ---- scheduler jobs (api/scheduler.c runs them under GET_LOCK) ------------------------------ */

/* Sends what the outbox holds (every 30 s). Failures back off 1, 2, 4 ... minutes. */
int mail_outbox_job(db_t *db) {
    const struct config *cfg = fb_config();
    if (!mail_enabled(cfg)) return 0;
    json_t *rows = db_query_json(db,
                                 "SELECT id, recipient, subject, body, attempts FROM mail_outbox "
                                 "WHERE sent_at IS NULL AND attempts < ? AND next_try_at <= NOW() "
                                 "ORDER BY id LIMIT ?",
                                 "ii", (long long)MAIL_MAX_ATTEMPTS, (long long)MAIL_BATCH);
    if (!rows) return -1;
    size_t i;
    json_t *m;
    json_array_foreach(rows, i, m) {
        char err[256] = "";
        long long id = json_integer_value(json_object_get(m, "id"));
        int rc = mail_send(cfg, json_string_value(json_object_get(m, "recipient")),
                           json_string_value(json_object_get(m, "subject")),
                           json_string_value(json_object_get(m, "body")), err, sizeof err);
        if (rc == 0) {
            db_exec(db,
                    "UPDATE mail_outbox SET sent_at = NOW(), attempts = attempts + 1 WHERE id = ?",
                    "i", id);
        } else {
            long long a = json_integer_value(json_object_get(m, "attempts"));
            db_exec(db,
                    "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_try_at = "
                    "NOW() + INTERVAL ? MINUTE WHERE id = ?",
                    "sii", err, 1LL << (a < 10 ? a : 10), id);
            log_warn("mail outbox #%lld failed: %s", id, err);
        }
    }
    json_decref(rows);
    return 0;
}

/* Hourly: the daily reminders once the reminder hour has come (once a day over every host: the
 * job_runs row is the claim), and the purge of spent proof-of-work challenges. */
int feedback_reminders_job(db_t *db) {
    const struct config *cfg = fb_config();
    db_exec(db, "DELETE FROM altcha_used WHERE expires_at < NOW() - INTERVAL 1 HOUR LIMIT 10000",
            NULL);
    time_t now = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    if (cfg && tm.tm_hour < cfg->reminder_hour) return 0;
    char day[11];
    ymd_format(calendar_today(), day);
    if (db_exec(db, "INSERT INTO job_runs (job, run_day) VALUES ('feedback.reminders', ?)", "s",
                day) != 1)
        return db_errno(db) == 1062 ? 0 : -1;
    int n = fb_reminders_run(db);
    char note[64];
    snprintf(note, sizeof note, "%d notifications", n);
    db_exec(db,
            "UPDATE job_runs SET finished_at = NOW(), note = ? WHERE job = 'feedback.reminders' "
            "AND run_day = ?",
            "ss", n < 0 ? "failed" : note, day);
    if (n >= 0) log_info("feedback reminders: %d notifications", n);
    return n < 0 ? -1 : 0;
}

/* ---- demo data ------------------------------------------------------------------------------ */

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
    if (db_exec(db,
                "INSERT INTO feedback (tracking_code, status, channel, sender_kind, sender_name, "
                "address, phone, email, title, content, type, received_at, intake_at, "
                "status_since, answer_due) VALUES (?, ?, 'web', 'person', 'Nguyễn Thị Dân', 'Số "
                "1 đường Trần Hưng Đạo, TP Nam Định', '0912345678', NULL, ?, ?, ?, NOW() - "
                "INTERVAL ? DAY, NOW() - INTERVAL ? DAY, NOW() - INTERVAL ? DAY, CURDATE() + "
                "INTERVAL 20 DAY)",
                "ssssiiii", bare, d->status, d->title, d->content, (long long)d->type, days, days,
                days) < 0)
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
                     "sii", d->unit, fwd, id) < 0 ||
             db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_id, "
                     "actor_unit_id, action, from_status, to_status, unit_id) SELECT ?, NOW() - "
                     "INTERVAL ? DAY, 'coordinator', u.id, u.unit_id, 'forward', 'accepted', "
                     "'forwarded', (SELECT id FROM units WHERE code = ?) FROM users u WHERE "
                     "u.username = 'vp.kstt'",
                     "iis", id, fwd, d->unit) < 0;
        if (!rc && strcmp(d->status, "forwarded") != 0)
            rc = db_exec(db,
                         "INSERT INTO feedback_events (feedback_id, at, actor_kind, "
                         "actor_unit_id, action, from_status, to_status) SELECT ?, NOW() - "
                         "INTERVAL ? DAY + INTERVAL 2 HOUR, 'unit', id, 'receive', 'forwarded', "
                         "'processing' FROM units WHERE code = ?",
                         "iis", id, fwd, d->unit) < 0;
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
                     "siii", d->unit, ans, ans, id) < 0 ||
             db_exec(db,
                     "INSERT INTO feedback_events (feedback_id, at, actor_kind, actor_unit_id, "
                     "action, from_status, to_status) SELECT ?, NOW() - INTERVAL ? DAY, 'unit', "
                     "id, 'submit_answer', 'processing', 'answered' FROM units WHERE code = ?",
                     "iis", id, ans, d->unit) < 0;
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

int feedback_after_demo(db_t *db) {
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
