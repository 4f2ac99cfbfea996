/* /api/v1/me/notification-preferences (which kinds go by mail, at once or in a daily digest) and
 * the daily digest job "notification-digest" (issue 15). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mail.h"
#include "server/server.h"

#define DIGEST_ITEMS 100 /* listed in one digest; the rest counted */

/* The caller's choice for every kind: the stored rows over the defaults. 0 or -1. */
static int choices_of(db_t *db, long long user, enum notify_mail out[]) {
    for (size_t i = 0; i < notify_nkinds; i++) out[i] = notify_kinds[i].mail;
    struct db_res *res =
        db_query(db, "SELECT kind, mail FROM notification_prefs WHERE user_id = ?", "i", user);
    if (!res) return -1;
    for (size_t r = 0; r < res->nrows; r++)
        for (size_t i = 0; i < notify_nkinds; i++)
            for (int m = 0; notify_mail_names[m]; m++)
                if (strcmp(notify_kinds[i].kind, db_val(res, r, 0)) == 0 &&
                    strcmp(notify_mail_names[m], db_val(res, r, 1)) == 0)
                    out[i] = (enum notify_mail)m;
    db_res_free(res);
    return 0;
}

/* {email, digest_hour, kinds:[{kind, label, mail}]} of the user, NULL on a database error. */
static json_t *prefs_view(db_t *db, long long user) {
    json_t *u = NULL;
    int found =
        db_query_row_json(db, &u, "SELECT email, digest_hour FROM users WHERE id = ?", "i", user);
    if (found < 0) return NULL;
    if (found == 0) u = json_pack("{s:n, s:i}", "email", "digest_hour", 7); /* deleted meanwhile */
    enum notify_mail m[64];
    if (choices_of(db, user, m) < 0) {
        json_decref(u);
        return NULL;
    }
    json_t *kinds = json_array();
    for (size_t i = 0; i < notify_nkinds; i++)
        json_array_append_new(kinds,
                              json_pack("{s:s, s:s, s:s}", "kind", notify_kinds[i].kind, "label",
                                        notify_kinds[i].label, "mail", notify_mail_names[m[i]]));
    json_object_set_new(u, "kinds", kinds);
    return u;
}

int h_notification_prefs_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *v = prefs_view(db, r->user->user_id);
    if (!v) return db_fail(r, db);
    res_json(r, 200, v);
    return 0;
}

struct prefs_input {
    long long digest_hour;
    int has_digest_hour;
    json_t *kinds;
};
static const struct in_decl prefs_fields[] = {
    IN_FIELD_HAS(struct prefs_input, digest_hour, IN_INT, 0, 0, 23, NULL, has_digest_hour),
    IN_FIELD(struct prefs_input, kinds, IN_JSON, 0, 0, 0, NULL),
};
const struct in_spec in_notification_prefs_put = IN_SPEC(struct prefs_input, prefs_fields);

/* Checks each {kind, mail} of the list (label allowed and ignored: what GET answered may be sent
 * back); the error names the element's field. 0 or -1 after answering 422. */
static int check_kinds(req_t *r, json_t *kinds) {
    char field[64];
    if (kinds && !json_is_array(kinds)) {
        req_error(r, "kinds", "Danh sách loại thông báo phải là một mảng.");
        return res_invalid(r);
    }
    size_t i;
    json_t *k;
    json_array_foreach(kinds, i, k) {
        const char *key;
        json_t *v;
        const char *kind = json_string_value(json_object_get(k, "kind"));
        const char *mail = json_string_value(json_object_get(k, "mail"));
        snprintf(field, sizeof field, "kinds[%zu].kind", i);
        if (!json_is_object(k) || !notify_kind_find(kind))
            req_error(r, field, "Loại thông báo không tồn tại.");
        int known = 0;
        for (int m = 0; mail && notify_mail_names[m]; m++)
            known |= strcmp(mail, notify_mail_names[m]) == 0;
        snprintf(field, sizeof field, "kinds[%zu].mail", i);
        if (json_is_object(k) && !known)
            req_error(r, field, "Cách gửi thư phải là none, immediate hoặc digest.");
        json_object_foreach(json_is_object(k) ? k : NULL, key, v) {
            if (strcmp(key, "kind") && strcmp(key, "mail") && strcmp(key, "label")) {
                snprintf(field, sizeof field, "kinds[%zu].%.20s", i, key);
                req_error(r, field, "Trường không được hỗ trợ.");
            }
        }
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

int h_notification_prefs_put(req_t *r) {
    const struct prefs_input *in = r->body_in;
    if (check_kinds(r, in->kinds) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long me = r->user->user_id;
    json_t *before = prefs_view(db, me), *after = NULL;
    int rc = !before || db_begin(db) < 0;
    if (!rc && in->has_digest_hour)
        rc = db_exec(db, "UPDATE users SET digest_hour = ? WHERE id = ?", "ii", in->digest_hour,
                     me) < 0;
    size_t i;
    json_t *k;
    json_array_foreach(in->kinds, i, k) {
        if (rc) break;
        rc = db_exec(db,
                     "INSERT INTO notification_prefs (user_id, kind, mail) VALUES (?, ?, ?) ON "
                     "DUPLICATE KEY UPDATE mail = VALUES(mail)",
                     "iss", me, json_string_value(json_object_get(k, "kind")),
                     json_string_value(json_object_get(k, "mail"))) < 0;
    }
    if (!rc) rc = !(after = prefs_view(db, me));
    return commit_write(r, db, rc, "notification_prefs.update", "user", me, before, after, 200);
}

/* ---- the daily digest ----------------------------------------------------------------------- */

/* The kinds the user wants in the digest, comma-separated (for FIND_IN_SET); "" for none. */
static int digest_kinds(db_t *db, long long user, struct buf *out) {
    enum notify_mail m[64];
    if (choices_of(db, user, m) < 0) return -1;
    for (size_t i = 0; i < notify_nkinds; i++)
        if (m[i] == NOTIFY_MAIL_DIGEST)
            buf_printf(out, "%s%s", buf_cstr(out)[0] ? "," : "", notify_kinds[i].kind);
    return out->oom ? -1 : 0;
}

/* WHERE of the user's notifications of the digest kinds since the last digest (after its last
 * notification), or over the last day for a first digest. Arguments: user, user, unit, kinds,
 * since, since. */
#define DIGEST_OF                                                                                  \
    " FROM notifications n LEFT JOIN notification_reads nr ON nr.notification_id = n.id AND "      \
    "nr.user_id = ? WHERE (n.user_id = ? OR n.unit_id = ?) AND FIND_IN_SET(n.kind, ?) AND n.id > " \
    "? AND (? > 0 OR n.created_at > NOW() - INTERVAL 1 DAY) "

/* The mail's text: unread first, each with its link; the rest counted. */
static void digest_text(struct buf *b, const struct db_res *it, long long total, const char *name,
                        const char *day) {
    buf_printf(b, "Kính gửi %s,\n\nTổng hợp %lld thông báo mới đến ngày %.2s/%.2s/%.4s:\n\n", name,
               total, day + 8, day + 5, day);
    for (size_t i = 0; i < it->nrows; i++)
        buf_printf(b, "- %s%s\n  %s%s\n", db_int(it, i, 2) ? "[Chưa đọc] " : "", db_val(it, i, 0),
                   server_cfg->public_url, db_val(it, i, 1) ? db_val(it, i, 1) : "/app");
    if (total > (long long)it->nrows)
        buf_printf(b, "\n... và %lld thông báo khác.\n", total - (long long)it->nrows);
    buf_printf(b, "\nĐổi cách nhận thư tại: %s/app/tai-khoan\n", server_cfg->public_url);
}

/* One user's digest: the claim row and the mail in one transaction, so that once per user and
 * day over every host. 1 mailed, 0 nothing to send or sent elsewhere, -1 error. */
static int digest_one(db_t *db, const struct db_res *u, size_t i, const char *day) {
    long long user = db_int(u, i, 0), unit = db_int(u, i, 2), since = db_int(u, i, 4);
    struct buf kinds, text;
    buf_init(&kinds);
    buf_init(&text);
    int rc = digest_kinds(db, user, &kinds);
    long long total = 0, until = 0;
    struct db_res *sum = NULL, *items = NULL;
    if (rc == 0 && buf_cstr(&kinds)[0]) {
        sum = db_query(db, "SELECT COUNT(*), COALESCE(MAX(n.id), 0)" DIGEST_OF, "iiisii", user,
                       user, unit, buf_cstr(&kinds), since, since);
        rc = sum ? 0 : -1;
    }
    if (sum && sum->nrows) total = db_int(sum, 0, 0), until = db_int(sum, 0, 1);
    if (rc == 0 && total > 0) {
        items = db_query(db,
                         "SELECT n.title, n.link, nr.read_at IS NULL" DIGEST_OF
                         "ORDER BY nr.read_at IS NULL DESC, n.id DESC LIMIT ?",
                         "iiisiii", user, user, unit, buf_cstr(&kinds), since, since,
                         (long long)DIGEST_ITEMS);
        rc = items ? 0 : -1;
    }
    int mailed = 0;
    if (rc == 0 && items) {
        digest_text(&text, items, total, db_val(u, i, 3), day);
        char subject[160];
        snprintf(subject, sizeof subject, "Tổng hợp thông báo ngày %.2s/%.2s/%.4s: %lld thông báo",
                 day + 8, day + 5, day, total);
        rc = text.oom || db_begin(db) < 0 ? -1 : 0;
        /* IGNORE: a row there already is today's digest written by another host or run. */
        long long claimed = rc ? -1
                               : db_exec(db,
                                         "INSERT IGNORE INTO notification_digests (user_id, "
                                         "digest_day, items, until_id) VALUES (?, ?, ?, ?)",
                                         "isii", user, day, total, until);
        if (claimed > 0)
            rc = db_exec(db, "INSERT INTO mail_outbox (recipient, subject, body) VALUES (?, ?, ?)",
                         "sss", db_val(u, i, 1), subject, buf_cstr(&text)) < 0
                     ? -1
                     : 0;
        if (claimed < 0) rc = -1;
        if (rc == 0 && claimed > 0 && db_commit(db) < 0) rc = -1;
        if (db_in_txn(db)) db_rollback(db); /* nothing claimed, or a failure */
        mailed = rc == 0 && claimed > 0;
    }
    db_res_free(sum);
    db_res_free(items);
    buf_free(&kinds);
    buf_free(&text);
    return rc < 0 ? -1 : mailed;
}

int notification_digest_job(db_t *db) {
    if (!mail_enabled(server_cfg)) return 0;
    /* The digest hour is local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). */
    time_t now = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    char day[11];
    ymd_format(calendar_today(), day);
    struct db_res *users = db_query(
        db,
        "SELECT u.id, u.email, u.unit_id, u.full_name, COALESCE((SELECT MAX(d.until_id) FROM "
        "notification_digests d WHERE d.user_id = u.id), 0) FROM users u WHERE u.active = 1 AND "
        "u.email IS NOT NULL AND u.email <> '' AND u.digest_hour <= ? AND NOT EXISTS (SELECT 1 "
        "FROM notification_digests d WHERE d.user_id = u.id AND d.digest_day = ?) ORDER BY u.id",
        "is", (long long)tm.tm_hour, day);
    if (!users) return -1;
    int sent = 0, failed = 0;
    /* One user's failure loses no other's digest. */
    for (size_t i = 0; i < users->nrows; i++) {
        int n = digest_one(db, users, i, day);
        if (n < 0) failed++;
        if (n > 0) sent++;
    }
    db_res_free(users);
    if (sent || failed) log_info("notification digest: %d mails, %d failed", sent, failed);
    return failed ? -1 : 0;
}
