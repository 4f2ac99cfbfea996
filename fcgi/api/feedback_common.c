/* What the feedback resource's files share: the rule set, clocks of a row, events, mail and
 * notifications, attachments, the configuration; neither resource file calls into the other. */
#include "api/feedback_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/hmac.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/units.h"
#include "api/uploads_gc.h"
#include "core/filetype.h"
#include "lib/b64.h"
#include "lib/mail.h"
#include "lib/token.h"
#include "lib/upload.h"
#include "server/server.h"

static const struct config *g_cfg;

void fb_config_set(const struct config *cfg) {
    g_cfg = cfg;
}

const struct config *fb_config(void) {
    return g_cfg ? g_cfg : server_cfg;
}

static int rule_int(json_t *j, const char *key, int *out) {
    json_t *v = json_object_get(j, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 365) return -1;
    *out = (int)json_integer_value(v);
    return 0;
}

static int rules_parse(json_t *j, struct fb_rules *out) {
    return rule_int(j, "reject_days", &out->reject_days) |
           rule_int(j, "info_request_days", &out->info_request_days) |
           rule_int(j, "forward_days", &out->forward_days) |
           rule_int(j, "answer_days", &out->answer_days) |
           rule_int(j, "publish_days", &out->publish_days);
}

int fb_rule_set_load(db_t *db, json_t **row) {
    return db_query_row_json(db, row,
                             "SELECT rules_json AS rules__json FROM rule_sets WHERE name = "
                             "'feedback' AND effective_from <= CURDATE() ORDER BY "
                             "effective_from DESC LIMIT 1",
                             NULL);
}

int fb_rules_load(db_t *db, struct fb_rules *out) {
    json_t *row = NULL;
    int found = fb_rule_set_load(db, &row);
    if (found < 0) return -1;
    if (found == 0) return 0;
    int rc = rules_parse(json_object_get(row, "rules"), out);
    json_decref(row);
    return rc ? 0 : 1;
}

/* Latest first, so that past the cap the oldest versions are the ones left out. */
int fb_versions_load(db_t *db, struct fb_rule_versions *out) {
    json_t *rows = db_query_json(db,
                                 "SELECT effective_from, rules_json AS rules__json FROM rule_sets "
                                 "WHERE name = 'feedback' ORDER BY effective_from DESC LIMIT ?",
                                 "i", (long long)FB_RULE_VERSIONS_MAX);
    if (!rows) return -1;
    size_t n = json_array_size(rows);
    int bad = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n && !bad; i++) {
        json_t *row = json_array_get(rows, n - 1 - i);
        const char *from = json_string_value(json_object_get(row, "effective_from"));
        bad = !from || ymd_parse(from, &out->from[i]) < 0 ||
              rules_parse(json_object_get(row, "rules"), &out->rules[i]) != 0;
    }
    json_decref(rows);
    if (bad || n == 0) return 0;
    out->n = n;
    return 1;
}

int fb_versions_or_fail(req_t *r, db_t *db, struct fb_rule_versions *out) {
    int k = fb_versions_load(db, out);
    if (k < 0) return db_fail(r, db);
    if (k == 0) return res_internal(r, "feedback rule set missing or invalid");
    return 0;
}

static struct ymd date_of(json_t *row, const char *key);

const struct fb_rules *fb_rules_of(const struct fb_rule_versions *v, json_t *row) {
    struct ymd day = date_of(row, "received_at");
    return fb_rules_at(v, day.y ? day : calendar_today());
}

int fb_rules_or_fail(req_t *r, db_t *db, struct fb_rules *out) {
    int k = fb_rules_load(db, out);
    if (k < 0) return db_fail(r, db);
    if (k == 0) return res_internal(r, "feedback rule set missing or invalid");
    return 0;
}

json_t *fb_rules_json(const struct fb_rules *r) {
    return json_pack("{s:i, s:i, s:i, s:i, s:i}", "reject_days", r->reject_days,
                     "info_request_days", r->info_request_days, "forward_days", r->forward_days,
                     "answer_days", r->answer_days, "publish_days", r->publish_days);
}

static struct ymd date_of(json_t *row, const char *key) {
    struct ymd d = {0, 0, 0};
    const char *s = json_string_value(json_object_get(row, key));
    char buf[11];
    if (s && strlen(s) >= 10) {
        memcpy(buf, s, 10);
        buf[10] = '\0';
        ymd_parse(buf, &d);
    }
    return d;
}

void fb_dates_of(json_t *row, struct fb_dates *d) {
    d->intake = date_of(row, "intake_at");
    d->returned = date_of(row, "returned_at");
    d->forwarded = date_of(row, "forwarded_at");
    d->answered = date_of(row, "answered_at");
}

enum fb_state fb_state_of(json_t *row) {
    return fb_state_from(json_string_value(json_object_get(row, "status")));
}

void fb_due_of(json_t *row, const struct fb_rules *r, const struct holidays *h, char out[11],
               char soon[11]) {
    struct fb_dates d;
    fb_dates_of(row, &d);
    enum fb_state s = fb_state_of(row);
    struct ymd due = fb_due(s, &d, r, h);
    out[0] = soon[0] = '\0';
    if (!due.y) return;
    ymd_format(due, out);
    ymd_format(fb_soon_from(due, fb_limit(s, r), h), soon);
}

int fb_event(db_t *db, req_t *r, long long id, const char *actor_kind, const char *action,
             const char *from, const char *to, long long unit_id, const char *note) {
    int staff = r && r->user;
    return db_exec(db,
                   "INSERT INTO feedback_events (feedback_id, actor_kind, actor_id, actor_unit_id, "
                   "action, from_status, to_status, unit_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?)",
                   "isIIsssIs", id, actor_kind, staff ? r->user->user_id : 0LL,
                   staff ? r->user->unit_id : 0LL, action, from, to, unit_id, note) < 0
               ? -1
               : 0;
}

int fb_queue_mail(db_t *db, const char *to, const char *subject, const char *body) {
    if (!to || !*to || !mail_enabled(fb_config())) return 0;
    return db_exec(db, "INSERT INTO mail_outbox (recipient, subject, body) VALUES (?, ?, ?)", "sss",
                   to, subject, body) < 0
               ? -1
               : 0;
}

int fb_notify(db_t *db, long long unit_id, const char *kind, long long feedback_id,
              const char *title, const char *body, const char *dedupe) {
    char link[64];
    snprintf(link, sizeof link, "/app/phan-anh/%lld", feedback_id);
    const struct notice n = {kind, "feedback", feedback_id, title, body, link, dedupe};
    if (unit_id) return notify_unit(db, unit_id, &n) < 0 ? -1 : 0;
    return notify_coordinators(db, &n);
}

void fb_track_link(const char *code, char *out, size_t cap) {
    const struct config *cfg = fb_config();
    const char *base = cfg && cfg->public_url[0] ? cfg->public_url : "";
    snprintf(out, cap, "%s/phan-anh/tra-cuu?ma=%s", base, code);
}

static unsigned char g_follow_key[32];
static size_t g_follow_key_len;

void fb_follow_key_set(const unsigned char *key, size_t len) {
    g_follow_key_len = len < sizeof g_follow_key ? len : sizeof g_follow_key;
    memcpy(g_follow_key, key, g_follow_key_len);
}

/* Derived, not stored: a correction's mail must carry the link again, and only its hash is kept
 * (the "unfollow:" prefix keeps it apart from the key's other use, the proof-of-work signature). */
int fb_follow_token(long long follow_id, char out[65]) {
    if (!g_follow_key_len) return -1;
    char msg[64];
    snprintf(msg, sizeof msg, "unfollow:%lld", follow_id);
    unsigned char md[32];
    unsigned int n = 0;
    if (!HMAC(EVP_sha256(), g_follow_key, (int)g_follow_key_len, (const unsigned char *)msg,
              strlen(msg), md, &n) ||
        n != sizeof md)
        return -1;
    for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

static int mail_follower(db_t *db, json_t *f, const char *answer_link, const char *title,
                         const char *reason) {
    char token[65], body[6000];
    if (fb_follow_token(json_integer_value(json_object_get(f, "id")), token) < 0) return -1;
    const struct config *cfg = fb_config();
    const char *base = cfg && cfg->public_url[0] ? cfg->public_url : "";
    snprintf(body, sizeof body,
             "Câu trả lời phản ánh, kiến nghị ông/bà theo dõi đã được đính chính:\n\n%.600s\n\n"
             "Lý do đính chính: %.2000s\n\nXem câu trả lời hiện hành: %s\n\nKhông muốn nhận "
             "thư về câu trả lời này nữa: %s/api/v1/public/unfollow?token=%s\n\nVăn phòng UBND "
             "tỉnh\n",
             title, reason, answer_link, base, token);
    return fb_queue_mail(db, json_string_value(json_object_get(f, "email")),
                         "Đính chính câu trả lời phản ánh, kiến nghị", body);
}

int fb_mail_followers(db_t *db, long long id, const char *title, const char *reason) {
    const struct config *cfg = fb_config();
    if (!mail_enabled(cfg)) return 0;
    json_t *rows = db_query_json(
        db, "SELECT id, email FROM feedback_follows WHERE feedback_id = ? ORDER BY id", "i", id);
    if (!rows) return -1;
    char link[512];
    snprintf(link, sizeof link, "%s/phan-anh/da-tra-loi/%lld", cfg->public_url, id);
    int rc = 0;
    size_t i;
    json_t *f;
    json_array_foreach(rows, i, f) {
        if (mail_follower(db, f, link, title ? title : "", reason ? reason : "") < 0) {
            rc = -1;
            break;
        }
    }
    json_decref(rows);
    return rc;
}

int fb_file_check(req_t *r, struct fb_file *f) {
    return fb_file_check_as(r, f, "attachments");
}

int fb_file_check_as(req_t *r, struct fb_file *f, const char *field) {
    enum filetype t;
    if (f->len == 0) {
        req_error(r, field, "Tệp đính kèm rỗng.");
        return -1;
    }
    if (f->len > (size_t)FB_FILE_MAX) {
        char msg[300];
        snprintf(msg, sizeof msg, "Tệp \"%.200s\" vượt quá 5 MB.", f->name);
        req_error(r, field, msg);
        return -1;
    }
    t = filetype_detect(f->data, f->len);
    if (t == FT_UNKNOWN || !filetype_name_matches(f->name, t)) {
        char msg[360];
        snprintf(msg, sizeof msg,
                 "Tệp \"%.200s\" không đúng định dạng: chỉ nhận PDF, JPG, PNG, DOC(X), XLS(X) "
                 "(kiểm tra theo nội dung tệp).",
                 f->name);
        req_error(r, field, msg);
        return -1;
    }
    f->mime = filetype_mime(t);
    return 0;
}

int fb_files_from_json(req_t *r, json_t *arr, struct fb_file *files) {
    if (!arr) return 0;
    if (!json_is_array(arr)) {
        req_error(r, "attachments", "Phải là danh sách tệp [{name, content_base64}].");
        return -1;
    }
    if (json_array_size(arr) > FB_FILES_MAX) {
        req_error(r, "attachments", "Chỉ được đính kèm tối đa 3 tệp.");
        return -1;
    }
    int n = 0, bad = 0;
    size_t i;
    json_t *a;
    json_array_foreach(arr, i, a) {
        const char *name = json_string_value(json_object_get(a, "name"));
        const char *b64 = json_string_value(json_object_get(a, "content_base64"));
        if (!json_is_object(a) || json_object_size(a) != 2 || !name || !b64 || !*name ||
            strlen(name) >= sizeof files[n].name) {
            req_error(r, "attachments", "Mỗi tệp phải có dạng {name, content_base64}.");
            bad = 1;
            continue;
        }
        struct fb_file *f = &files[n];
        memset(f, 0, sizeof *f);
        snprintf(f->name, sizeof f->name, "%s", name);
        f->owned = b64_decode(b64, strlen(b64), B64_STD | B64_WS, FB_FILE_MAX + 1, &f->len);
        if (!f->owned) {
            char msg[300];
            snprintf(msg, sizeof msg, "Tệp \"%.200s\" không đọc được hoặc vượt quá 5 MB.", name);
            req_error(r, "attachments", msg);
            bad = 1;
            continue;
        }
        f->data = f->owned;
        n++;
        if (fb_file_check(r, f) < 0) bad = 1;
    }
    if (bad) {
        fb_files_free(files, n);
        return -1;
    }
    return n;
}

int fb_files_store(struct fb_file *files, int n) {
    for (int i = 0; i < n; i++)
        if (upload_store(server_cfg->upload_dir, files[i].data, files[i].len, files[i].sha) < 0)
            return -1;
    return 0;
}

/* Writes the files, after every cheap check and once the challenge is spent (inside the caller's
 * transaction, before the commit: the bytes are on disk before a row names them). added[i] says
 * whether this request put file i in the store, so that a failure can take it back. */
int fb_files_keep(struct fb_file *files, int n, int added[]) {
    const char *dir = server_cfg->upload_dir;
    for (int i = 0; i < n; i++) {
        upload_sha_hex(files[i].data, files[i].len, files[i].sha);
        /* A file already there may be an orphan the sweep is about to take: mark it used. */
        added[i] = upload_touch(dir, files[i].sha) < 0;
    }
    if (fb_files_store(files, n) < 0) return -1;
    /* Taken by the sweep between the mark and the store after all? Then write it again. */
    for (int i = 0; i < n; i++)
        if (!upload_exists(dir, files[i].sha) && fb_files_store(&files[i], 1) < 0) return -1;
    return 0;
}

/* After a failure (the transaction rolled back): the files this request added, unless a row of
 * someone else names them by now. */
void fb_files_discard(db_t *db, struct fb_file *files, int n, const int added[]) {
    if (db_in_txn(db)) db_rollback(db);
    for (int i = 0; i < n; i++)
        if (added[i] && files[i].sha[0]) upload_discard(db, server_cfg->upload_dir, files[i].sha);
}

void fb_files_free(struct fb_file *files, int n) {
    for (int i = 0; i < n; i++) {
        free(files[i].owned);
        files[i].owned = NULL;
    }
}

int fb_files_insert(db_t *db, long long id, const char *kind, struct fb_file *files, int n) {
    for (int i = 0; i < n; i++)
        if (db_exec(db,
                    "INSERT INTO feedback_files (feedback_id, kind, name, sha256, mime, size) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    "issssi", id, kind, files[i].name, files[i].sha, files[i].mime,
                    (long long)files[i].len) < 0)
            return -1;
    return 0;
}

/* The code is checked against the catalogue when the catalogue exists (it is another module's
 * table: an absent table is not an error here). Returns 1 known, 0 unknown, -1 no catalogue. */
int fb_procedure_known(db_t *db, const char *code) {
    long long one;
    int rc = db_query_int(db, &one, "SELECT 1 FROM procedures WHERE code = ?", "s", code);
    if (rc < 0) return db_errno(db) == 1146 ? -1 : -2;
    return rc;
}

/* ---- clocks on rows ------------------------------------------------------------------------ */

static json_t *date_or_null(struct ymd d) {
    char b[11];
    if (!d.y) return json_null();
    ymd_format(d, b);
    return json_string(b);
}

/* Adds clock, overdue and due_soon to a row (the deadlines as the law counts them). */
void fb_add_clock(json_t *row, const struct fb_rules *r, const struct holidays *h,
                  struct ymd today) {
    struct fb_dates d;
    struct fb_clock c;
    fb_dates_of(row, &d);
    fb_clock(fb_state_of(row), &d, r, h, today, &c);
    json_t *clock =
        json_pack("{s:o, s:i, s:b, s:b, s:s*}", "due", date_or_null(c.due), "limit", c.limit,
                  "overdue", c.overdue, "due_soon", c.due_soon, "step", c.step);
    json_object_set_new(clock, "days_left", c.due.y ? json_integer(c.days_left) : json_null());
    if (c.reject_due.y) json_object_set_new(clock, "reject_due", date_or_null(c.reject_due));
    if (c.info_due.y && !json_is_string(json_object_get(row, "info_requested_at")))
        json_object_set_new(clock, "info_due", date_or_null(c.info_due));
    json_object_set_new(row, "clock", clock);
    json_object_set_new(row, "overdue", json_boolean(c.overdue));
    json_object_set_new(row, "due_soon", json_boolean(c.due_soon));
    const char *st = json_string_value(json_object_get(row, "status"));
    json_object_set_new(row, "status_label", json_string(fb_state_label(fb_state_from(st))));
}

/* ---- stored due dates ------------------------------------------------------------------------ */

/* A fingerprint of what a due date depends on besides the item: the holiday calendar and every
 * version of the rule set (each item reads the one of its received date). */
static int due_basis(db_t *db, char out[200]) {
    struct db_res *res = db_query(db,
                                  "SELECT CONCAT((SELECT CONCAT(COUNT(*), '/', "
                                  "COALESCE(SUM(CRC32(CONCAT(day, kind))), 0)) FROM holidays), "
                                  "'|v2|', (SELECT CONCAT(COUNT(*), '/', "
                                  "COALESCE(SUM(CRC32(CONCAT(effective_from, rules_json))), 0)) "
                                  "FROM rule_sets WHERE name = 'feedback'))",
                                  NULL);
    if (!res) return -1;
    snprintf(out, 200, "%s", res->nrows && db_val(res, 0, 0) ? db_val(res, 0, 0) : "");
    db_res_free(res);
    return 0;
}

/* Recomputes every stored due date; only changed rows are written, and only if unchanged since
 * read (a concurrent state change wrote its own, fresh due date: no row locks are needed). */
static int due_recompute(db_t *db, const struct fb_rule_versions *v) {
    struct db_res *res = db_query(db,
                                  "SELECT id, status, intake_at, returned_at, forwarded_at, "
                                  "answered_at, due_date, soon_date, received_at FROM feedback "
                                  "WHERE status IN "
                                  "('new','needs_info','accepted','forwarded','processing',"
                                  "'answered','returned') OR due_date IS NOT NULL",
                                  NULL);
    if (!res) return -1;
    const struct holidays *h = calendar_get(db);
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        json_t *row = db_row_json(res, i);
        char due[11], soon[11];
        fb_due_of(row, fb_rules_of(v, row), h, due, soon);
        const char *old = json_string_value(json_object_get(row, "due_date"));
        const char *olds = json_string_value(json_object_get(row, "soon_date"));
        if (strncmp(old ? old : "", due, 10) != 0 || strncmp(olds ? olds : "", soon, 10) != 0)
            rc = db_exec(db,
                         "UPDATE feedback SET due_date = NULLIF(?, ''), soon_date = NULLIF(?, '') "
                         "WHERE id = ? AND status = ? AND due_date <=> ?",
                         "ssiss", due, soon, db_int(res, i, 0), db_val(res, i, 1),
                         db_val(res, i, 6)) < 0
                     ? -1
                     : 0;
        json_decref(row);
    }
    db_res_free(res);
    return rc;
}

/*
 * Why: lists and statistics filter and count overdue and due-soon items in SQL on
 * feedback.due_date, written on every state change. A due date also depends on the calendar and
 * the rule set, so when their fingerprint differs from the recorded one (an edited holiday, a
 * new rule set, or migration 012's empty basis: the backfill) every stored due date is
 * recomputed once, by whichever request sees it first; the others wait on the basis row lock.
 */
int fb_due_dates_fresh(db_t *db, const struct fb_rule_versions *v) {
    char basis[200];
    if (due_basis(db, basis) < 0) return -1;
    long long same = 0;
    int rc = db_query_int(db, &same, "SELECT basis = ? FROM feedback_due_basis WHERE id = 1", "s",
                          basis);
    if (rc < 0) return -1;
    if (rc == 1 && same) return 0;
    if (db_begin(db) < 0) return -1;
    rc = db_exec(db,
                 "INSERT INTO feedback_due_basis (id, basis) VALUES (1, '') ON DUPLICATE KEY "
                 "UPDATE id = id",
                 NULL) < 0 ||
                 db_query_int(db, &same,
                              "SELECT basis = ? FROM feedback_due_basis WHERE id = 1 FOR UPDATE",
                              "s", basis) < 0
             ? -1
             : 0;
    if (rc == 0 && !same)
        rc = due_recompute(db, v) < 0 ||
                     db_exec(db, "UPDATE feedback_due_basis SET basis = ? WHERE id = 1", "s",
                             basis) < 0
                 ? -1
                 : 0;
    if (rc < 0 || db_commit(db) < 0) {
        if (db_in_txn(db)) db_rollback(db);
        return -1;
    }
    return 0;
}

int fb_row_visible(db_t *db, const struct principal *p, json_t *row) {
    if (scope_province_wide(p)) return 1;
    json_t *u = json_object_get(row, "assigned_unit_id");
    return json_is_integer(u) ? scope_has_unit(db, p, json_integer_value(u)) : 0;
}

int fb_visible(db_t *db, const struct principal *p, long long id) {
    json_t *row = NULL;
    int found =
        db_query_row_json(db, &row, "SELECT assigned_unit_id FROM feedback WHERE id = ?", "i", id);
    if (found == 1) found = fb_row_visible(db, p, row);
    json_decref(row);
    return found;
}

/* A file part sent as `field` (or `field[]`): kept in files[*n] (at most max; a part past that
 * is refused once, counted in *seen), its name checked as UTF-8 and its content by
 * fb_file_check_as; an empty file input is skipped; another name is a field error. */
static void take_part(req_t *r, const struct mp_part *p, const char *field, struct fb_file *files,
                      int *n, int *seen, int max) {
    size_t fl = strlen(field);
    if (strncmp(p->name, field, fl) != 0 || (p->name[fl] && strcmp(p->name + fl, "[]") != 0)) {
        req_error(r, p->name, "Trường này không nhận tệp.");
        return;
    }
    if (p->len == 0 && !p->filename[0]) return; /* an empty file input */
    if (++*seen > max) {
        if (*seen == max + 1) req_error(r, field, "Chỉ được đính kèm tối đa 3 tệp.");
        return;
    }
    struct fb_file *f = &files[(*n)++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", p->filename[0] ? p->filename : "tep");
    f->data = p->data;
    f->len = p->len;
    json_t *utf8 = json_string(f->name);
    if (!utf8) {
        req_error(r, field, "Tên tệp không hợp lệ (không phải UTF-8).");
        return;
    }
    json_decref(utf8);
    fb_file_check_as(r, f, field);
}

/* A text part into obj: repeated names and bad UTF-8 are field errors; the form sends numbers as
 * text, so the names in `numbers` become integers when they are one. */
static void take_text(req_t *r, json_t *obj, const struct mp_part *p, const char *const *numbers) {
    if (json_object_get(obj, p->name)) {
        req_error(r, p->name, "Trường này bị gửi lặp lại.");
        return;
    }
    if (p->len == 0) return;
    json_t *v = json_stringn((const char *)p->data, p->len);
    if (!v) {
        req_error(r, p->name, "Nội dung không đúng mã UTF-8.");
        return;
    }
    for (const char *const *k = numbers; k && *k; k++) {
        if (strcmp(p->name, *k) != 0) continue;
        char *end;
        errno = 0;
        long long x = strtoll(json_string_value(v), &end, 10);
        if (!errno && *end == '\0' && end != json_string_value(v)) {
            json_decref(v);
            v = json_integer(x);
        }
    }
    json_object_set_new(obj, p->name, v);
}

/* A form has a few fields and at most a handful of files; more parts than this is not ours. */
#define MP_MAX_PARTS 40

json_t *fb_form_json(req_t *r, const char *file_field, const char *const *numbers,
                     struct fb_file *files, int *nfiles, int max) {
    struct mp_part parts[MP_MAX_PARTS];
    size_t n = 0;
    enum mp_result rc = mp_parse(req_env(r, "CONTENT_TYPE"), (const unsigned char *)r->body,
                                 r->body_len, parts, MP_MAX_PARTS, &n);
    *nfiles = 0;
    if (rc != MP_OK) {
        res_problem(r, 400, NULL, mp_message(rc));
        return NULL;
    }
    json_t *obj = json_object();
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (parts[i].is_file)
            take_part(r, &parts[i], file_field, files, nfiles, &seen, max);
        else
            take_text(r, obj, &parts[i], numbers);
    }
    return obj;
}
