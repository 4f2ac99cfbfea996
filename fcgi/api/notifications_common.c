/* The one producer of in-app notifications: a row to a unit or to a user, deduplicated, and the
 * immediate mails that the recipients chose for its kind. */
#include <stdio.h>
#include <string.h>

#include "api/notifications_common.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mail.h"
#include "server/server.h"

const char *const notify_mail_names[] = {"none", "immediate", "digest", NULL};

/* Every kind, in the order the preferences form shows them. Defaults (decision, issue 15): what
 * asks the person to act by a date or to redo something (due soon, overdue, report reminders,
 * returned, a mention) is mailed at once; feedback deadlines, told every day for every open item,
 * go to the daily digest, as the one mail per unit and day they replaced did; the rest only in
 * the app. */
const struct notify_kind notify_kinds[] = {
    {"assignment.created", "Kế hoạch ban hành có nhiệm vụ giao cho đơn vị", NOTIFY_MAIL_NONE},
    {"assignment.due_soon", "Nhiệm vụ sắp đến hạn", NOTIFY_MAIL_IMMEDIATE},
    {"assignment.overdue", "Nhiệm vụ quá hạn", NOTIFY_MAIL_IMMEDIATE},
    {"task.update", "Đơn vị khác cập nhật tiến độ nhiệm vụ đơn vị chủ trì", NOTIFY_MAIL_NONE},
    {"feedback.forwarded", "Phản ánh, kiến nghị được chuyển đến đơn vị", NOTIFY_MAIL_NONE},
    {"feedback.returned", "Đơn vị trả lại phản ánh, kiến nghị", NOTIFY_MAIL_IMMEDIATE},
    {"feedback.answered", "Đơn vị đã trả lời phản ánh, kiến nghị", NOTIFY_MAIL_NONE},
    {"feedback.sent_back", "Câu trả lời phản ánh, kiến nghị bị trả lại để xử lý lại",
     NOTIFY_MAIL_IMMEDIATE},
    {"feedback.info_reply", "Người phản ánh đã bổ sung thông tin", NOTIFY_MAIL_NONE},
    {"feedback.due_soon", "Phản ánh, kiến nghị sắp đến hạn xử lý", NOTIFY_MAIL_DIGEST},
    {"feedback.overdue", "Phản ánh, kiến nghị quá hạn xử lý", NOTIFY_MAIL_DIGEST},
    {"report.remind", "Nhắc gửi báo cáo định kỳ", NOTIFY_MAIL_IMMEDIATE},
    {"report.returned", "Báo cáo bị đơn vị cấp trên trả lại", NOTIFY_MAIL_IMMEDIATE},
    {"report.accepted", "Báo cáo được đơn vị cấp trên tiếp nhận", NOTIFY_MAIL_NONE},
    {"comment.mention", "Được nhắc đến trong bình luận", NOTIFY_MAIL_IMMEDIATE},
    {"review.submitted", "Đơn vị gửi phiếu rà soát, đánh giá TTHC", NOTIFY_MAIL_NONE},
    {"review.returned", "Phiếu rà soát, đánh giá TTHC bị trả lại", NOTIFY_MAIL_IMMEDIATE},
    {"review.accepted", "Phiếu rà soát, đánh giá TTHC được tiếp nhận", NOTIFY_MAIL_NONE},
    {"index.submitted", "Đơn vị gửi bản tự chấm Chỉ số CCHC để thẩm định", NOTIFY_MAIL_NONE},
    {"index.returned", "Bản tự chấm Chỉ số CCHC bị trả lại để hoàn thiện", NOTIFY_MAIL_IMMEDIATE},
    /* issue 18: a unit's follow-up of an inspection or a dialogue is overdue (to the follower) */
    {"followup.overdue", "Việc khắc phục sau kiểm tra, cam kết đối thoại quá hạn",
     NOTIFY_MAIL_IMMEDIATE},
};
const size_t notify_nkinds = sizeof notify_kinds / sizeof notify_kinds[0];

const struct notify_kind *notify_kind_find(const char *kind) {
    for (size_t i = 0; kind && i < notify_nkinds; i++)
        if (strcmp(notify_kinds[i].kind, kind) == 0) return &notify_kinds[i];
    return NULL;
}

/* Queues the mail of a new notification to each recipient (the user, or each active member of
 * the unit) who chose "immediate" for its kind and has an address. 0 or -1. */
static int mail_now(db_t *db, long long unit_id, long long user_id, const struct notice *n) {
    if (!mail_enabled(server_cfg)) return 0;
    const struct notify_kind *k = notify_kind_find(n->kind);
    if (!k) log_warn("notification kind %s is not in the list of kinds", n->kind);
    const char *def = notify_mail_names[k ? k->mail : NOTIFY_MAIL_NONE];
    struct db_res *to = db_query(db,
                                 "SELECT u.email FROM users u LEFT JOIN notification_prefs p ON "
                                 "p.user_id = u.id AND p.kind = ? WHERE (u.id = ? OR u.unit_id = "
                                 "?) AND u.active = 1 AND u.email IS NOT NULL AND u.email <> '' "
                                 "AND COALESCE(p.mail, ?) = 'immediate' ORDER BY u.id",
                                 "siis", n->kind, user_id, unit_id, def);
    if (!to) return -1;
    struct buf body;
    buf_init(&body);
    buf_printf(&body, "%s\n\n", n->title);
    if (n->body && *n->body) buf_printf(&body, "%s\n\n", n->body);
    if (n->link && *n->link) buf_printf(&body, "Xem tại: %s%s\n", server_cfg->public_url, n->link);
    int rc = body.oom ? -1 : 0;
    for (size_t i = 0; i < to->nrows && rc == 0; i++)
        if (db_exec(db, "INSERT INTO mail_outbox (recipient, subject, body) VALUES (?, ?, ?)",
                    "sss", db_val(to, i, 0), n->title, buf_cstr(&body)) < 0)
            rc = -1;
    buf_free(&body);
    db_res_free(to);
    return rc;
}

static int notify(db_t *db, long long unit_id, long long user_id, const struct notice *n) {
    /* INSERT IGNORE: a row whose dedupe key exists already is the same event told again (two
     * hosts, two runs); it counts as 0 written, not as an error. IGNORE also cuts a title longer
     * than the column's 500 characters (one built from a long plan or task title) instead of
     * refusing the write that caused it. */
    long long rc =
        db_exec(db,
                "INSERT IGNORE INTO notifications (unit_id, user_id, kind, entity, "
                "entity_id, title, body, link, dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "IIssIssss", unit_id, user_id, n->kind, n->entity, n->entity_id, n->title, n->body,
                n->link, n->dedupe);
    if (rc < 0) return -1;
    /* The mail goes only with a notification that was new, in the same transaction: once. */
    if (rc > 0 && mail_now(db, unit_id, user_id, n) < 0) return -1;
    return rc > 0 ? 1 : 0;
}

int notify_unit(db_t *db, long long unit_id, const struct notice *n) {
    return notify(db, unit_id, 0, n);
}

int notify_user(db_t *db, long long user_id, const struct notice *n) {
    return notify(db, 0, user_id, n);
}

int notify_coordinators(db_t *db, const struct notice *n) {
    json_t *units = db_query_json(db, "SELECT id FROM units WHERE coordinator = 1 ORDER BY id", "");
    if (!units) return -1;
    struct notice each = *n;
    char key[200];
    int rc = 0;
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u) {
        long long id = json_integer_value(json_object_get(u, "id"));
        /* The dedupe key names the unit: once per event for each coordinating unit. */
        if (n->dedupe && *n->dedupe) {
            snprintf(key, sizeof key, "%s#%lld", n->dedupe, id);
            each.dedupe = key;
        }
        if (notify_unit(db, id, &each) < 0) {
            rc = -1;
            break;
        }
    }
    json_decref(units);
    return rc;
}
