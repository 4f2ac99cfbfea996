/* /api/v1/public/: the citizen's side of feedback: proof-of-work challenge, the form, tracking by
 * code, the answer to a request for information, the rating, and published answers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback.h"
#include "api/uploads_gc.h"
#include "core/abuse.h"
#include "core/altcha.h"
#include "core/feedback_form.h"
#include "core/multipart.h"
#include "core/vnfold.h"
#include "lib/keyfile.h"
#include "lib/log.h"
#include "lib/mail.h"
#include "lib/token.h"
#include "server/server.h"

/* A challenge must be solved and sent within this time (the form fetches one on submit). */
#define CHALLENGE_TTL 1200

static unsigned char g_key[32];
static int g_key_ok;

/* The HMAC key: 32 random bytes as hex in KSTT_KEY_DIR/altcha.key (0600), made at first start.
 * Several api hosts must share the file, as they share the signing keys. */
int feedback_global_init(const struct config *cfg) {
    fb_config_set(cfg);
    char err[512];
    if (keyfile_secret(cfg->key_dir, "altcha.key", g_key, sizeof g_key, err, sizeof err) < 0) {
        log_error("altcha key: %s", err);
        return -1;
    }
    g_key_ok = 1;
    fb_follow_key_set(g_key, sizeof g_key);
    return 0;
}

static int random_bytes(void *p, size_t n) {
    return getrandom(p, n, 0) == (ssize_t)n ? 0 : -1;
}

int h_public_challenge(req_t *r) {
    if (!g_key_ok) return res_internal(r, "altcha key not loaded");
    unsigned char rnd[20];
    if (random_bytes(rnd, sizeof rnd) < 0) return res_internal(r, "no randomness");
    char salt[25];
    for (int i = 0; i < 12; i++) snprintf(salt + 2 * i, 3, "%02x", rnd[i]);
    unsigned long long v = 0;
    for (int i = 12; i < 20; i++) v = (v << 8) | rnd[i];
    long long max = fb_config()->pow_max;
    struct altcha_challenge c;
    if (altcha_make(g_key, sizeof g_key, salt, (long long)(v % (unsigned long long)(max + 1)), max,
                    (long long)time(NULL) + CHALLENGE_TTL, &c) < 0)
        return res_internal(r, "altcha challenge failed");
    res_json(r, 200,
             json_pack("{s:s, s:s, s:s, s:s, s:I}", "algorithm", c.algorithm, "challenge",
                       c.challenge, "salt", c.salt, "signature", c.signature, "maxnumber",
                       (json_int_t)c.maxnumber));
    return 0;
}

int h_public_feedback_meta(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_rules rules = {0};
    if (fb_rules_or_fail(r, db, &rules) < 0) return -1;
    /* The units a sender may name (the tree is public knowledge, decision 11). */
    json_t *units = db_query_json(db,
                                  "SELECT id, code, name, level, parent_id FROM units WHERE "
                                  "valid_to IS NULL OR valid_to >= CURDATE() ORDER BY FIELD(level, "
                                  "'province', 'department', 'onestop', 'vertical', 'district', "
                                  "'commune'), sort_order, name",
                                  NULL);
    if (!units) return db_fail(r, db);
    json_t *types = json_array();
    for (int t = 1; t <= FB_NTYPES; t++)
        json_array_append_new(types, json_pack("{s:i, s:s}", "id", t, "label", fb_type_label(t)));
    /* email_confirmation: the form offers to confirm an address only when mail can be sent. */
    res_json(r, 200,
             json_pack("{s:o, s:o, s:o, s:i, s:i, s:[s,s,s,s,s,s,s,s], s:i, s:b}", "types", types,
                       "units", units, "rules", fb_rules_json(&rules), "max_files", FB_FILES_MAX,
                       "max_file_bytes", (int)FB_FILE_MAX, "file_types", "pdf", "jpg", "jpeg",
                       "png", "doc", "docx", "xls", "xlsx", "max_content_chars", 10000,
                       "email_confirmation", mail_enabled(fb_config())));
    return 0;
}

/* ---- the form ------------------------------------------------------------------------------ */

static const char *const sender_kinds[] = {"person", "organization", NULL};

/* Said when a proof of work comes back a second time (the form and the code request alike). */
#define ALTCHA_REUSED "Mã xác minh chống gửi tự động đã được sử dụng. Vui lòng tải lại mã."

/* Verifies a proof of work, adding its error to r (the answer lists it with the others). */
static void pow_check(req_t *r, const char *payload, struct altcha_solution *sol) {
    enum altcha_result ar = altcha_verify(g_key, sizeof g_key, payload, (long long)time(NULL), sol);
    if (ar != ALTCHA_OK) req_error(r, "altcha", altcha_message(ar));
}

/* Spends a solved challenge in the caller's transaction, so that it is good for one request:
 * 0 spent, 1 already spent (a replay), -1 database error. */
static int pow_spend(db_t *db, const struct altcha_solution *sol) {
    if (db_exec(db, "INSERT INTO altcha_used (challenge, expires_at) VALUES (?, FROM_UNIXTIME(?))",
                "si", sol->challenge, sol->expires) >= 0)
        return 0;
    return db_errno(db) == 1062 ? 1 : -1;
}

/* Mail with the tracking code when the sender gave an address (queued, sent by the scheduler). */
static int mail_receipt(db_t *db, const char *email, const char *name, const char *code,
                        const char *title, const char *due) {
    if (!email) return 0;
    char link[512], body[4000];
    fb_track_link(code, link, sizeof link);
    snprintf(body, sizeof body,
             "Kính gửi %s,\n\nVăn phòng UBND tỉnh đã nhận phản ánh, kiến nghị của ông/bà:\n"
             "\"%.500s\"\n\nMã tra cứu: %s\nHạn trả lời dự kiến: %s\nTheo dõi tình hình xử lý tại: "
             "%s\n\nVui lòng giữ mã tra cứu để theo dõi và nhận kết quả.\n\nTrân trọng,\nVăn "
             "phòng UBND tỉnh\n",
             name, title, code, due, link);
    return fb_queue_mail(db, email, "Xác nhận đã nhận phản ánh, kiến nghị", body);
}

/* ---- abuse limits ---------------------------------------------------------------------------- */

/* Ceilings of the public side, from the feedback rule set in force (a default for a key the rule
 * set does not have). */
struct pub_limits {
    long long per_phone_day, per_hour, per_day, codes_per_address_day, codes_per_hour;
};

static long long rule_or(json_t *rules, const char *key, long long dflt) {
    json_t *v = json_object_get(rules, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : dflt;
}

/* 1 loaded (defaults when there is no rule set), -1 on a database error. */
static int limits_load(db_t *db, struct pub_limits *l) {
    json_t *row = NULL;
    int rc = fb_rule_set_load(db, &row);
    if (rc < 0) return -1;
    json_t *j = rc == 1 ? json_object_get(row, "rules") : NULL;
    l->per_phone_day = rule_or(j, "public_per_phone_day", 5);
    l->per_hour = rule_or(j, "public_per_hour", 200);
    l->per_day = rule_or(j, "public_per_day", 1000);
    l->codes_per_address_day = rule_or(j, "email_codes_per_address_day", 3);
    l->codes_per_hour = rule_or(j, "email_codes_per_hour", 100);
    json_decref(row);
    return 1;
}

/* One window of a ceiling: the query (its one parameter key, or none when NULL) gives the count
 * and the seconds until its oldest row leaves (*retry). 1 when the count reached max (in *n), 0
 * under it, -1 after a database failure was answered. */
static int window_full(req_t *r, db_t *db, const char *sql, const char *key, long long max,
                       long long *n, long long *retry) {
    struct db_res *res = key ? db_query(db, sql, "s", key) : db_query(db, sql, NULL);
    if (!res) {
        db_fail(r, db);
        return -1;
    }
    *n = res->nrows ? db_int(res, 0, 0) : 0;
    *retry = res->nrows ? db_int(res, 0, 1) : 0;
    db_res_free(res);
    return *n >= max;
}

static int too_many(req_t *r, long long retry, const char *detail) {
    char ra[24];
    snprintf(ra, sizeof ra, "%lld", retry > 0 ? retry : 1);
    r->log_note = "public ceiling";
    res_problem(r, 429, "Quá nhiều yêu cầu", detail);
    res_header(r, "Retry-After", ra);
    return -1;
}

/* Per phone number in 24 hours, and for everyone in an hour and a day. 0 under the ceilings,
 * -1 after an answer (429 or a database failure). */
static int submission_ceilings(req_t *r, db_t *db, const struct pub_limits *l, const char *pkey) {
    long long n = 0, retry = 0;
    int k = window_full(r, db,
                        "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, NOW(), MIN(received_at) + "
                        "INTERVAL 1 DAY), 0) FROM feedback WHERE phone_key = ? AND received_at > "
                        "NOW() - INTERVAL 1 DAY",
                        pkey, l->per_phone_day, &n, &retry);
    if (k < 0) return -1;
    if (k) {
        char msg[400];
        snprintf(msg, sizeof msg,
                 "Số điện thoại này đã gửi %lld phản ánh, kiến nghị trong 24 giờ qua, bằng mức tối "
                 "đa cho phép. Vui lòng gửi lại sau hoặc liên hệ trực tiếp Văn phòng UBND tỉnh.",
                 n);
        return too_many(r, retry, msg);
    }
    static const char *const global[] = {
        "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, NOW(), MIN(received_at) + INTERVAL 1 "
        "HOUR), 0) FROM feedback WHERE channel = 'web' AND received_at > NOW() - INTERVAL 1 HOUR",
        "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, NOW(), MIN(received_at) + INTERVAL 1 "
        "DAY), 0) FROM feedback WHERE channel = 'web' AND received_at > NOW() - INTERVAL 1 DAY",
    };
    const long long max[] = {l->per_hour, l->per_day};
    for (int i = 0; i < 2; i++) {
        k = window_full(r, db, global[i], NULL, max[i], &n, &retry);
        if (k)
            return k < 0
                       ? -1
                       : too_many(r, retry,
                                  "Hệ thống đang nhận quá nhiều phản ánh, kiến nghị. Vui lòng gửi "
                                  "lại sau ít phút.");
    }
    return 0;
}

static char *code_hash(const char *key, const char *code) {
    char s[300];
    snprintf(s, sizeof s, "%s:%s", key, code);
    return token_sha256_hex(s);
}

/* The live code row for this address and code: 1 (id in *id), 0 none (a wrong guess is counted
 * against the address's live codes: five and they are spent), -1 database error. */
static int email_code_find(db_t *db, const char *key, const char *code, long long *id) {
    char *h = code_hash(key, code);
    if (!h) return -1;
    int rc = db_query_int(db, id,
                          "SELECT id FROM public_email_codes WHERE email = ? AND code_hash = ? AND "
                          "used_at IS NULL AND expires_at > NOW() AND attempts < 5 ORDER BY id "
                          "DESC LIMIT 1",
                          "ss", key, h);
    free(h);
    if (rc == 0 && db_exec(db,
                           "UPDATE public_email_codes SET attempts = attempts + 1 WHERE email = ? "
                           "AND used_at IS NULL AND expires_at > NOW()",
                           "s", key) < 0)
        return -1;
    return rc;
}

/* POST /public/email-code: mails a one-time code to an address the sender typed, after a proof
 * of work, at most a few times a day per address and a hundred an hour overall. The receipt is
 * mailed only to an address whose code comes back with the form. */
struct email_code_input {
    const char *email, *altcha;
};
static const struct in_decl email_code_fields[] = {
    IN_FIELD(struct email_code_input, email, IN_STR, IN_REQUIRED, 1, 254, NULL),
    IN_FIELD(struct email_code_input, altcha, IN_STR, IN_REQUIRED, 1, 2048, NULL),
};
const struct in_spec in_public_email_code = IN_SPEC(struct email_code_input, email_code_fields);

/* Codes per address in a day and for everyone in an hour. 0 under the ceilings, -1 after an
 * answer (429 or a database failure). */
static int code_ceilings(req_t *r, db_t *db, const char *key) {
    struct pub_limits lim;
    if (limits_load(db, &lim) < 0) return db_fail(r, db);
    const struct {
        const char *sql, *key;
        long long max;
        const char *detail;
    } w[] = {
        {"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, NOW(), MIN(created_at) + INTERVAL 1 "
         "DAY), 0) FROM public_email_codes WHERE email = ? AND created_at > NOW() - INTERVAL 1 "
         "DAY",
         key, lim.codes_per_address_day,
         "Địa chỉ thư điện tử này đã nhận đủ số mã xác nhận cho phép trong ngày. Vui lòng dùng mã "
         "đã nhận hoặc gửi phản ánh không kèm địa chỉ thư."},
        {"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, NOW(), MIN(created_at) + INTERVAL 1 "
         "HOUR), 0) FROM public_email_codes WHERE created_at > NOW() - INTERVAL 1 HOUR",
         NULL, lim.codes_per_hour,
         "Hệ thống đang gửi quá nhiều mã xác nhận. Vui lòng thử lại sau ít phút."},
    };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        long long n = 0, retry = 0;
        int k = window_full(r, db, w[i].sql, w[i].key, w[i].max, &n, &retry);
        if (k) return k < 0 ? -1 : too_many(r, retry, w[i].detail);
    }
    return 0;
}

/* Stores the hash of a fresh code, spends the challenge and queues the mail, in one transaction.
 * 0 done, -1 after an answer (422 for a replayed challenge, 500, 503). */
static int code_send(req_t *r, db_t *db, const struct altcha_solution *sol, const char *key,
                     const char *email) {
    unsigned char rnd[4];
    if (random_bytes(rnd, sizeof rnd) < 0) return res_internal(r, "no randomness");
    char code[8];
    snprintf(code, sizeof code, "%06u",
             (unsigned)(((unsigned)rnd[0] << 24 | (unsigned)rnd[1] << 16 | (unsigned)rnd[2] << 8 |
                         rnd[3]) %
                        1000000u));
    char *h = code_hash(key, code);
    if (!h) return res_internal(r, "code hash");
    char body[1200];
    snprintf(body, sizeof body,
             "Mã xác nhận địa chỉ thư điện tử của ông/bà là: %s\n\nMã có hiệu lực trong 15 "
             "phút, dùng để nhận thư xác nhận phản ánh, kiến nghị gửi Văn phòng UBND tỉnh. Nếu "
             "ông/bà không yêu cầu mã này, vui lòng bỏ qua thư.\n\nVăn phòng UBND tỉnh\n",
             code);
    int rc = db_begin(db) < 0 ? -1 : pow_spend(db, sol);
    if (rc == 1) {
        free(h);
        db_rollback(db);
        req_error(r, "altcha", ALTCHA_REUSED);
        return res_invalid(r);
    }
    rc = rc < 0 ||
         db_exec(db,
                 "INSERT INTO public_email_codes (email, code_hash, expires_at) VALUES (?, ?, "
                 "NOW() + INTERVAL 15 MINUTE)",
                 "ss", key, h) < 0 ||
         audit_write(db, r, "feedback.email_code", "email_code", db_last_id(db), NULL, NULL) < 0 ||
         fb_queue_mail(db, email, "Mã xác nhận địa chỉ thư điện tử", body) < 0 || db_commit(db) < 0;
    free(h);
    return rc ? db_fail(r, db) : 0;
}

int h_public_email_code(req_t *r) {
    const struct email_code_input *in = r->body_in;
    /* The proof of work is verified with the address's own check, so both are in one answer. */
    struct altcha_solution sol = {0};
    pow_check(r, in->altcha, &sol);
    if (!fb_email_ok(in->email)) req_error(r, "email", "Địa chỉ thư điện tử không hợp lệ.");
    if (!req_has_errors(r) && !mail_enabled(fb_config()))
        req_error(r, "email",
                  "Hệ thống hiện không gửi được thư điện tử. Vui lòng gửi phản ánh không kèm địa "
                  "chỉ thư; mã tra cứu hiện ngay trên màn hình sau khi gửi.");
    if (req_has_errors(r)) return res_invalid(r);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char key[255];
    fb_email_key(in->email, key);
    if (code_ceilings(r, db, key) < 0 || code_send(r, db, &sol, key, in->email) < 0) return -1;
    res_json(r, 202, json_pack("{s:b, s:i}", "sent", 1, "expires_in", 900));
    return 0;
}

int public_codes_purge_job(db_t *db) {
    /* The per-address count looks back a day; older codes are of no use. */
    return db_exec(db,
                   "DELETE FROM public_email_codes WHERE created_at < NOW() - INTERVAL 2 DAY "
                   "LIMIT 10000",
                   NULL) < 0
               ? -1
               : 0;
}

/* ---- files: written last, taken back on failure ---------------------------------------------- */

/* The form's fields (JSON or the text parts of a multipart form). */
struct form_input {
    const char *name, *address, *phone, *email, *email_code, *organization, *title, *content,
        *procedure_code, *altcha, *website;
    int sender_kind; /* sender_kinds[], -1 = person */
    long long type, unit_id;
    json_t *attachments;
};
#define FORM(m, type, flags, min, max) IN_FIELD(struct form_input, m, type, flags, min, max, NULL)
static const struct in_decl form_fields[] = {
    FORM(name, IN_STR, IN_REQUIRED, 1, 255),
    FORM(address, IN_STR, IN_REQUIRED, 1, 500),
    FORM(phone, IN_STR, IN_REQUIRED, 1, 32),
    FORM(email, IN_STR, IN_NULLABLE, 0, 254),
    FORM(email_code, IN_STR, IN_NULLABLE, 0, 16),
    IN_FIELD(struct form_input, sender_kind, IN_ENUM, 0, 0, 0, sender_kinds),
    FORM(organization, IN_STR, IN_NULLABLE, 0, 255),
    FORM(title, IN_STR, IN_REQUIRED, 1, 500),
    FORM(content, IN_STR, IN_REQUIRED, 1, 10000),
    FORM(type, IN_INT, IN_REQUIRED, 1, FB_NTYPES),
    FORM(procedure_code, IN_STR, IN_NULLABLE, 0, 32),
    FORM(unit_id, IN_ID, IN_NULLABLE, 0, 0),
    FORM(altcha, IN_STR, IN_REQUIRED, 1, 2048),
    FORM(website, IN_STR, IN_NULLABLE, 0, 2000),
    FORM(attachments, IN_JSON, IN_NULLABLE, 0, 0),
};
const struct in_spec in_public_feedback_submit = IN_SPEC_FORM(struct form_input, form_fields);

/* What the steps of one submission share: the form as checked, the files, and what the gates and
 * the insert found. */
struct submit {
    int multipart;
    struct fb_file files[FB_FILES_MAX];
    int nfiles;
    struct altcha_solution sol;
    const struct form_input *in;
    struct fb_form f; /* the text fields, normalised by fb_form_check */
    char pkey[16];    /* the phone's key (core/abuse), counted by the per-phone ceiling */
    db_t *db;
    struct fb_rules rules;
    long long code_id; /* the live e-mail code that confirms the address, or 0 */
    /* The insert's: the tracking code (with dashes, and bare as stored), the row, its dates. */
    char code[15], bare[13], due[11], intake_due[11], soon[11];
    long long id, now;
    int added[FB_FILES_MAX], stored;
    const char *refused; /* "altcha", "email_code" (the sender's field) or "disk" */
};

/* The body as a JSON object, from a multipart form (its files collected) or JSON; NULL after an
 * answer. */
static json_t *read_body(req_t *r, struct submit *s) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    s->multipart = ct && strncasecmp(ct, "multipart/", 10) == 0;
    if (!s->multipart) return req_json(r) < 0 ? NULL : r->json;
    static const char *const numbers[] = {"type", "unit_id", NULL};
    json_t *obj = fb_form_json(r, "attachments", numbers, s->files, &s->nfiles, FB_FILES_MAX);
    if (obj) r->json = obj; /* freed with the request */
    return obj;
}

/* Reads the form: the honeypot, then the proof of work, then the declared fields, cheapest first
 * and nothing looked up yet. 0, or -1 after an answer. */
static int submit_read(req_t *r, struct submit *s) {
    json_t *obj = read_body(r, s);
    if (!obj) return -1;
    /* A filled honeypot is a robot: refused before anything else is looked at (see
     * docs/decisions.md: a silent 201 would show a code for a submission that does not exist). */
    const char *hp = json_string_value(json_object_get(obj, "website"));
    if (hp && *hp) {
        r->log_note = "honeypot";
        req_error(r, "website", "Không gửi được phản ánh: dữ liệu biểu mẫu không hợp lệ.");
        /* -1 spelled out: the analyzer cannot see that res_invalid returns it, and would have
         * the next step read a body that was never declared. */
        res_invalid(r);
        return -1;
    }
    /* The proof of work first (cheap), so its error is listed with the others. */
    const char *pv = json_string_value(json_object_get(obj, "altcha"));
    if (pv) pow_check(r, pv, &s->sol);
    if (s->multipart && json_object_get(obj, "attachments"))
        req_error(r, "attachments", "Tệp đính kèm phải gửi dưới dạng tệp của biểu mẫu.");
    void *v;
    int checked = input_declared_body(r, &in_public_feedback_submit, obj, &v);
    r->body_in = v; /* freed with the request */
    s->in = v;
    return checked < 0 ? -1 : 0;
}

/* The checks across fields (core/feedback_form) and a JSON client's attachments; then the
 * database, only for a form without errors. 0, or -1 after an answer (422, 503). */
static int submit_fields(req_t *r, struct submit *s) {
    const struct form_input *in = s->in;
    s->f = (struct fb_form){
        .name = in->name,
        .address = in->address,
        .phone = in->phone,
        .email = in->email,
        .email_code = in->email_code,
        .organization = in->organization,
        .title = in->title,
        .content = in->content,
        .procedure_code = in->procedure_code,
        .kind = in->sender_kind < 0 ? "person" : sender_kinds[in->sender_kind],
    };
    struct fb_form_error err[FB_FORM_ERRORS_MAX];
    size_t n = fb_form_check(&s->f, err);
    for (size_t i = 0; i < n; i++) req_error(r, err[i].field, err[i].message);
    phone_key(in->phone, s->pkey);
    if (!s->multipart && in->attachments) {
        int k = fb_files_from_json(r, in->attachments, s->files);
        if (k > 0) s->nfiles = k;
    }
    s->db = req_has_errors(r) ? NULL : db_or_503(r);
    if (!s->db) return req_has_errors(r) ? res_invalid(r) : -1;
    return 0;
}

/* The procedure and the unit the sender named must exist. 0, or -1 after an answer. */
static int submit_references(req_t *r, struct submit *s) {
    if (s->f.procedure_code) {
        int k = fb_procedure_known(s->db, s->f.procedure_code);
        if (k == -2) return db_fail(r, s->db);
        if (k == 0) req_error(r, "procedure_code", "Không có thủ tục hành chính với mã này.");
    }
    if (s->in->unit_id) {
        long long one = 0;
        int k = db_query_int(s->db, &one, "SELECT 1 FROM units WHERE id = ?", "i", s->in->unit_id);
        if (k < 0) return db_fail(r, s->db);
        if (k == 0) req_error(r, "unit_id", "Cơ quan, đơn vị không tồn tại.");
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

/* The rule set, the ceilings and the e-mail confirmation, before anything is written. 0, or -1
 * after an answer (429, 422 for a wrong code, 500, 503). */
static int submit_gates(req_t *r, struct submit *s) {
    if (fb_rules_or_fail(r, s->db, &s->rules) < 0) return -1;
    struct pub_limits lim;
    if (limits_load(s->db, &lim) < 0) return db_fail(r, s->db);
    if (submission_ceilings(r, s->db, &lim, s->pkey) < 0) return -1;
    if (!s->f.email_code) return 0;
    char ekey[255];
    fb_email_key(s->f.email, ekey); /* fb_form_check: a code comes with an address */
    int k = email_code_find(s->db, ekey, s->f.email_code, &s->code_id);
    if (k < 0) return db_fail(r, s->db);
    if (k == 0) {
        req_error(r, "email_code",
                  "Mã xác nhận không đúng hoặc đã hết hạn. Hãy kiểm tra thư hoặc yêu cầu mã "
                  "mới.");
        return res_invalid(r);
    }
    return 0;
}

/* Only a confirmed address gets mail, now or later; an unconfirmed one is kept for staff. */
static const char *mail_to(const struct submit *s) {
    return s->code_id ? s->f.email : NULL;
}

/* The feedback row under a fresh tracking code, in the caller's transaction: 0, 1 when the code
 * is taken (rolled back: draw again), -1 on an error. */
static int insert_row(struct submit *s) {
    const struct fb_form *f = &s->f;
    const char *unconfirmed = s->code_id ? NULL : f->email;
    char folded[2048]; /* a title is at most 500 characters */
    vnfold(f->title ? f->title : "", f->title ? strlen(f->title) : 0, folded, sizeof folded);
    if (db_exec(s->db,
                "INSERT INTO feedback (tracking_code, status, channel, sender_kind, "
                "sender_name, organization, address, phone, phone_key, email, "
                "email_unconfirmed, title, title_folded, content, type, procedure_code, unit_id, "
                "received_at, intake_at, status_since, due_date, soon_date, answer_due) VALUES (?, "
                "'new', 'web', ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, "
                "FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?, ?)",
                "ssssssssssssisIiiisss", s->bare, f->kind, f->name, f->organization, f->address,
                f->phone, s->pkey, mail_to(s), unconfirmed, f->title, folded, f->content,
                s->in->type, f->procedure_code, s->in->unit_id, s->now, s->now, s->now,
                s->intake_due, s->soon, s->due) >= 0) {
        s->id = db_last_id(s->db);
        return 0;
    }
    int dup = db_errno(s->db) == 1062;
    db_rollback(s->db);
    return dup ? 1 : -1;
}

/* One try at the whole submission in one transaction: 0 committed, 1 a tracking-code collision
 * (draw again), -1 failed (s->refused says why when the sender can act on it). */
static int insert_once(req_t *r, struct submit *s) {
    unsigned char rnd[8];
    if (random_bytes(rnd, sizeof rnd) < 0) return -1;
    fb_code_make(rnd, s->code);
    fb_code_normalize(s->code, s->bare);
    if (db_begin(s->db) < 0) return -1;
    /* The challenge is spent first: a replay stops here, before any file is written. */
    int spent = pow_spend(s->db, &s->sol);
    if (spent != 0) {
        if (spent == 1) s->refused = "altcha";
        return -1;
    }
    int rc = insert_row(s);
    if (rc != 0) return rc;
    /* The code confirms one submission: a second use loses here. */
    long long used = s->code_id ? db_exec(s->db,
                                          "UPDATE public_email_codes SET used_at = NOW() WHERE "
                                          "id = ? AND used_at IS NULL",
                                          "i", s->code_id)
                                : 1;
    if (used != 1) {
        if (used == 0) s->refused = "email_code";
        return -1;
    }
    s->stored = 1;
    if (fb_files_keep(s->files, s->nfiles, s->added) < 0) {
        s->refused = "disk";
        return -1;
    }
    json_t *a = json_pack("{s:s, s:s}", "tracking_code", s->bare, "status", "new");
    rc = fb_files_insert(s->db, s->id, "submission", s->files, s->nfiles) < 0 ||
         fb_event(s->db, r, s->id, "citizen", "submit", NULL, "new", 0, NULL) < 0 ||
         audit_write(s->db, r, "feedback.submit", "feedback", s->id, NULL, a) < 0 ||
         mail_receipt(s->db, mail_to(s), s->f.name, s->code, s->f.title, s->due) < 0 ||
         db_commit(s->db) < 0;
    json_decref(a);
    return rc ? -1 : 0;
}

/* Writes the submission, drawing a new tracking code on a collision (at most four tries). 0, or
 * -1 after an answer; nothing stays written on a refusal (the files this request added are taken
 * back). */
static int submit_insert(req_t *r, struct submit *s) {
    struct ymd today = calendar_today();
    ymd_format(fb_answer_due(today, &s->rules, calendar_get(s->db)), s->due);
    struct ymd intake_due = fb_intake_due(today, &s->rules, calendar_get(s->db));
    ymd_format(intake_due, s->intake_due);
    ymd_format(fb_soon_from(intake_due, fb_limit(FB_NEW, &s->rules), calendar_get(s->db)), s->soon);
    s->now = (long long)time(NULL);
    int rc = 1;
    for (int attempt = 0; attempt < 4 && rc == 1; attempt++) rc = insert_once(r, s);
    if (rc == 0) return 0;
    if (s->refused && strcmp(s->refused, "disk") == 0) {
        db_rollback(s->db);
        res_internal(r, "attachment store failed");
    } else if (s->refused) {
        db_rollback(s->db);
        req_error(r, s->refused,
                  strcmp(s->refused, "altcha") == 0
                      ? ALTCHA_REUSED
                      : "Mã xác nhận đã được dùng cho một phản ánh khác. Hãy yêu cầu mã mới.");
        res_invalid(r);
    } else {
        db_fail(r, s->db);
    }
    if (s->stored) fb_files_discard(s->db, s->files, s->nfiles, s->added);
    return -1;
}

/* 201 with the tracking code, the time received (+07:00) and the answer's due date. */
static int submit_answer(req_t *r, const struct submit *s) {
    char received[32];
    calendar_iso((time_t)s->now, received);
    res_json(r, 201,
             json_pack("{s:s, s:s, s:s, s:b}", "tracking_code", s->code, "received_at", received,
                       "answer_due", s->due, "receipt_mailed",
                       mail_to(s) && mail_enabled(fb_config())));
    return 0;
}

/* POST /public/feedback: each step answers when it refuses, and the files are let go either way. */
int h_public_feedback_submit(req_t *r) {
    struct submit s = {0};
    int rc = submit_read(r, &s) < 0 || submit_fields(r, &s) < 0 || submit_references(r, &s) < 0 ||
                     submit_gates(r, &s) < 0 || submit_insert(r, &s) < 0
                 ? -1
                 : submit_answer(r, &s);
    fb_files_free(s.files, s.nfiles);
    return rc;
}

/* ---- tracking by code ---------------------------------------------------------------------- */

/* The item by the code in the path (any case, with or without dashes), or NULL after a 404. */
static json_t *by_code(req_t *r, db_t *db, int lock) {
    char bare[13];
    json_t *row = NULL;
    if (fb_code_normalize(req_param(r, "code"), bare) < 0) {
        not_found(r, "phản ánh, kiến nghị với mã tra cứu này");
        return NULL;
    }
    const char *sql =
        lock ? "SELECT id, tracking_code, status, email, sender_name, title, info_requested_at, "
               "info_replied_at, rating, received_at, intake_at, returned_at, forwarded_at, "
               "answered_at FROM "
               "feedback WHERE tracking_code = ? FOR UPDATE"
             : "SELECT id FROM feedback WHERE tracking_code = ?";
    int found = db_query_row_json(db, &row, sql, "s", bare);
    if (found < 0) {
        db_fail(r, db);
        return NULL;
    }
    if (!found) {
        not_found(r, "phản ánh, kiến nghị với mã tra cứu này");
        return NULL;
    }
    return row;
}

/* A forwarding restarts the answer clock (feedback.c sets answer_due from the day it is sent):
 * the step names the unit it went to and the new answer date, so the sender is told why the date
 * moved. The last forwarding shows the stored answer_due; an earlier one is recomputed from its
 * day (what forwarding computed then). Unit names are public (the form lists them); staff, notes
 * and the coordinator's unit never are. */
static void forward_facts(json_t *step, const char *unit_name, const char *on_day, const char *due,
                          const struct fb_rules *rules, const struct holidays *h) {
    char text[11];
    struct ymd d;
    if (!due && rules && on_day && ymd_parse(on_day, &d) == 0) {
        ymd_format(fb_forward_due(d, rules, h), text);
        due = text;
    }
    json_object_set_new(step, "unit_name", unit_name ? json_string(unit_name) : json_null());
    json_object_set_new(step, "answer_due", due ? json_string(due) : json_null());
}

/* The public steps of item id, oldest first: {at, step} and, for a forwarding, {unit_name,
 * answer_due}. NULL on a database error. */
static json_t *public_history(db_t *db, long long id, const char *answer_due, json_t *item) {
    struct fb_rule_versions v;
    int have_rules = fb_versions_load(db, &v);
    if (have_rules < 0) return NULL;
    struct db_res *ev = db_query(db,
                                 "SELECT e.at, e.action, un.name, DATE_FORMAT(e.at, '%Y-%m-%d'), "
                                 "e.id = (SELECT MAX(x.id) FROM feedback_events x WHERE "
                                 "x.feedback_id = e.feedback_id AND x.action = 'forward') FROM "
                                 "feedback_events e LEFT JOIN units un ON un.id = e.unit_id AND "
                                 "e.action = 'forward' WHERE e.feedback_id = ? ORDER BY e.at, e.id",
                                 "i", id);
    if (!ev) return NULL;
    const struct holidays *h = calendar_get(db);
    json_t *history = json_array();
    for (size_t i = 0; i < ev->nrows; i++) {
        int a = fb_action_from(db_val(ev, i, 1));
        const char *step = a >= 0 ? fb_public_step((enum fb_action)a) : NULL;
        if (!step) continue;
        json_t *row = db_row_json(ev, i);
        json_t *o = json_pack("{s:O, s:s}", "at", json_object_get(row, "at"), "step", step);
        json_decref(row);
        if (a == FBA_FORWARD) {
            const char *last = db_val(ev, i, 4);
            forward_facts(o, db_val(ev, i, 2), db_val(ev, i, 3),
                          last && strcmp(last, "1") == 0 ? answer_due : NULL,
                          have_rules == 1 ? fb_rules_of(&v, item) : NULL, h);
        }
        json_array_append_new(history, o);
    }
    db_res_free(ev);
    return history;
}

/* The signed reply letters of a published item ({id, name, size, created_at}); NULL on an error. */
static json_t *public_letters(db_t *db, long long id) {
    return db_query_json(db,
                         "SELECT ff.id, ff.name, ff.size, ff.created_at FROM feedback_files ff "
                         "JOIN feedback f ON f.id = ff.feedback_id WHERE ff.feedback_id = ? AND "
                         "ff.kind = 'reply_letter' AND f.status = 'published' ORDER BY ff.id",
                         "i", id);
}

/* What the sender may see: no personal data beyond their own text, no staff names or notes.
 * 1 (the view in *out), 0 no such item, -1 database error. */
static int public_view(db_t *db, long long id, json_t **out_view) {
    json_t *v = NULL;
    *out_view = NULL;
    int found = db_query_row_json(
        db, &v,
        "SELECT f.tracking_code, f.status, f.title, f.type, f.received_at, f.answer_due, "
        "f.info_request, f.info_requested_at, f.info_reply, f.info_replied_at, "
        "f.reject_reason, "
        "f.reject_note, f.redirect_to, f.answer_text, f.published_at, f.reopened_at, "
        "f.reopen_reason, un.name AS "
        "answer_unit_name, f.rating, f.rated_at, f.duplicate_of FROM feedback f LEFT JOIN "
        "units un ON un.id = f.answer_unit_id WHERE f.id = ?",
        "i", id);
    if (found <= 0) return found;
    json_t *history =
        public_history(db, id, json_string_value(json_object_get(v, "answer_due")), v);
    if (!history) {
        json_decref(v);
        return -1;
    }
    const char *status = json_string_value(json_object_get(v, "status"));
    enum fb_state st = fb_state_from(status);
    json_t *out =
        json_pack("{s:s, s:s, s:s, s:O, s:O, s:s, s:O, s:O, s:o}", "tracking_code", "", "status",
                  status, "status_label", fb_state_label(st), "title", json_object_get(v, "title"),
                  "type", json_object_get(v, "type"), "type_label",
                  fb_type_label((int)json_integer_value(json_object_get(v, "type"))), "received_at",
                  json_object_get(v, "received_at"), "answer_due", json_object_get(v, "answer_due"),
                  "history", history);
    char code[15];
    fb_code_format(json_string_value(json_object_get(v, "tracking_code")), code);
    json_object_set_new(out, "tracking_code", json_string(code));
    if (json_is_string(json_object_get(v, "info_requested_at"))) {
        int replied = json_is_string(json_object_get(v, "info_replied_at"));
        json_object_set_new(out, "info_request",
                            json_pack("{s:O, s:O, s:O, s:O, s:b}", "question",
                                      json_object_get(v, "info_request"), "requested_at",
                                      json_object_get(v, "info_requested_at"), "reply",
                                      json_object_get(v, "info_reply"), "replied_at",
                                      json_object_get(v, "info_replied_at"), "can_reply",
                                      !replied && st == FB_NEEDS_INFO));
    } else {
        json_object_set_new(out, "info_request", json_null());
    }
    if (st == FB_REJECTED) {
        const char *reason = json_string_value(json_object_get(v, "reject_reason"));
        json_object_set_new(out, "rejection",
                            json_pack("{s:s*, s:s*, s:O, s:O}", "reason", reason, "reason_label",
                                      fb_reject_label(reason), "note",
                                      json_object_get(v, "reject_note"), "redirect_to",
                                      json_object_get(v, "redirect_to")));
    } else {
        json_object_set_new(out, "rejection", json_null());
    }
    if (st == FB_PUBLISHED) {
        json_t *letters = public_letters(db, id);
        if (!letters) {
            json_decref(v);
            json_decref(out);
            return -1;
        }
        json_object_set_new(out, "answer",
                            json_pack("{s:I, s:O, s:O, s:O, s:o}", "id", (json_int_t)id, "text",
                                      json_object_get(v, "answer_text"), "published_at",
                                      json_object_get(v, "published_at"), "unit_name",
                                      json_object_get(v, "answer_unit_name"), "letters", letters));
    } else {
        json_object_set_new(out, "answer", json_null());
    }
    /* A reopened item says so, with the coordinator's reason (written for the public). */
    json_object_set_new(out, "reopened",
                        json_is_string(json_object_get(v, "reopened_at"))
                            ? json_pack("{s:O, s:O}", "at", json_object_get(v, "reopened_at"),
                                        "reason", json_object_get(v, "reopen_reason"))
                            : json_null());
    if (st == FB_DUPLICATE && json_is_integer(json_object_get(v, "duplicate_of"))) {
        /* The original's answer once published; never its code or sender. */
        json_t *o = NULL;
        int got = db_query_row_json(
            db, &o,
            "SELECT f.id, f.status = 'published' AS published, IF(f.status = "
            "'published', f.answer_text, NULL) AS answer, IF(f.status = "
            "'published', f.published_at, NULL) AS published_at FROM feedback f "
            "WHERE f.id = ?",
            "i", (long long)json_integer_value(json_object_get(v, "duplicate_of")));
        if (got < 0) {
            json_decref(v);
            json_decref(out);
            return -1;
        }
        if (o)
            json_object_set_new(o, "published",
                                json_boolean(json_integer_value(json_object_get(o, "published")) ||
                                             json_is_true(json_object_get(o, "published"))));
        json_object_set_new(out, "duplicate", o ? o : json_null());
    }
    json_t *rating = json_object_get(v, "rating");
    json_object_set_new(
        out, "rating",
        json_is_string(rating)
            ? json_pack("{s:O, s:O}", "value", rating, "rated_at", json_object_get(v, "rated_at"))
            : json_null());
    json_object_set_new(out, "can_rate",
                        json_boolean(st == FB_PUBLISHED && !json_is_string(rating)));
    json_decref(v);
    *out_view = out;
    return 1;
}

/* Answers 200 with the public view of item id (after a write, or a lookup). */
static int send_view(req_t *r, db_t *db, long long id) {
    json_t *v = NULL;
    int found = public_view(db, id, &v);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "phản ánh, kiến nghị với mã tra cứu này");
    res_json(r, 200, v);
    return 0;
}

int h_public_feedback_track(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = by_code(r, db, 0);
    if (!row) return -1;
    long long id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    return send_view(r, db, id);
}

/* A citizen's transition: in a transaction, with the 409 when the state does not allow it. */
static int citizen_begin(req_t *r, db_t *db, enum fb_action a, json_t **row) {
    if (db_begin(db) < 0) return db_fail(r, db);
    *row = by_code(r, db, 1);
    if (!*row) {
        db_rollback(db);
        return -1;
    }
    enum fb_state st = fb_state_from(json_string_value(json_object_get(*row, "status")));
    int once_done =
        (a == FBA_INFO_REPLY && json_is_string(json_object_get(*row, "info_replied_at"))) ||
        (a == FBA_RATE && json_is_string(json_object_get(*row, "rating")));
    if (fb_next(st, FB_CITIZEN, a) == FB_NONE || once_done) {
        db_rollback(db);
        json_decref(*row);
        *row = NULL;
        return res_conflict(r,
                            a == FBA_RATE ? "Chỉ đánh giá được một lần, sau khi có câu trả lời "
                                            "được công khai."
                                          : "Phản ánh, kiến nghị không ở trạng thái chờ bổ sung "
                                            "thông tin, hoặc đã được bổ sung.",
                            "[]");
    }
    return 0;
}

struct info_input {
    const char *reply;
    json_t *attachments;
};
static const struct in_decl info_fields[] = {
    IN_FIELD(struct info_input, reply, IN_STR, IN_REQUIRED, 1, 10000, NULL),
    IN_FIELD(struct info_input, attachments, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_public_feedback_info = IN_SPEC(struct info_input, info_fields);

int h_public_feedback_info(req_t *r) {
    const struct info_input *in = r->body_in;
    const char *reply = in->reply;
    json_t *atts = in->attachments;
    if (fb_blank(reply)) {
        req_error(r, "reply", "Không được để trống.");
        return res_invalid(r);
    }
    struct fb_file files[FB_FILES_MAX];
    int nfiles = fb_files_from_json(r, atts, files);
    if (nfiles < 0) return res_invalid(r);
    db_t *db = db_or_503(r);
    struct fb_rule_versions versions;
    if (!db || fb_versions_or_fail(r, db, &versions) < 0) {
        fb_files_free(files, nfiles);
        return -1;
    }
    /* The code and the state (404, 409) before any file touches the disk. */
    json_t *row = NULL;
    if (citizen_begin(r, db, FBA_INFO_REPLY, &row) < 0) {
        fb_files_free(files, nfiles);
        return -1;
    }
    long long id = json_integer_value(json_object_get(row, "id"));
    /* The item's own rules: the version in force on its received date. */
    const struct fb_rules *rules = fb_rules_of(&versions, row);
    const struct holidays *h = calendar_get(db);
    struct ymd due = fb_intake_due(calendar_today(), rules, h);
    char intake_due[11], soon[11];
    ymd_format(due, intake_due);
    ymd_format(fb_soon_from(due, fb_limit(FB_NEW, rules), h), soon);
    char title[700];
    snprintf(title, sizeof title, "Người gửi đã bổ sung thông tin: %.500s",
             json_string_value(json_object_get(row, "title")));
    json_decref(row);
    int added[FB_FILES_MAX] = {0};
    if (fb_files_keep(files, nfiles, added) < 0) {
        db_rollback(db);
        fb_files_discard(db, files, nfiles, added);
        fb_files_free(files, nfiles);
        return res_internal(r, "attachment store failed");
    }
    /* The reply restarts the coordinator's clock: intake is now. */
    int rc =
        db_exec(db,
                "UPDATE feedback SET info_reply = ?, info_replied_at = NOW(), intake_at = "
                "NOW(), status_since = NOW(), status = 'new', due_date = ?, soon_date = ? WHERE id "
                "= ?",
                "sssi", reply, intake_due, soon, id) < 0 ||
        fb_files_insert(db, id, "info_reply", files, nfiles) < 0 ||
        fb_event(db, r, id, "citizen", "info_reply", "needs_info", "new", 0, NULL) < 0 ||
        fb_notify(db, 0, "feedback.info_reply", id, title, NULL, NULL) < 0 ||
        audit_write(db, r, "feedback.info_reply", "feedback", id, NULL, NULL) < 0 ||
        db_commit(db) < 0;
    if (rc) {
        db_fail(r, db);
        fb_files_discard(db, files, nfiles, added);
        fb_files_free(files, nfiles);
        return -1;
    }
    fb_files_free(files, nfiles);
    return send_view(r, db, id);
}

static const char *const ratings[] = {"satisfied", "unsatisfied", NULL};
struct rating_input {
    int rating; /* ratings[] */
    const char *comment;
};
static const struct in_decl rating_fields[] = {
    IN_FIELD(struct rating_input, rating, IN_ENUM, IN_REQUIRED, 0, 0, ratings),
    IN_FIELD(struct rating_input, comment, IN_STR, IN_NULLABLE, 0, 1000, NULL),
};
const struct in_spec in_public_feedback_rating = IN_SPEC(struct rating_input, rating_fields);

int h_public_feedback_rating(req_t *r) {
    const struct rating_input *in = r->body_in;
    const char *rating = ratings[in->rating], *comment = in->comment;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (citizen_begin(r, db, FBA_RATE, &row) < 0) return -1;
    long long id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    json_t *a = json_pack("{s:s}", "rating", rating);
    int rc = db_exec(db,
                     "UPDATE feedback SET rating = ?, rating_comment = ?, rated_at = NOW() WHERE "
                     "id = ?",
                     "ssi", rating, comment, id) < 0 ||
             fb_event(db, r, id, "citizen", "rate", "published", "published", 0, rating) < 0 ||
             audit_write(db, r, "feedback.rate", "feedback", id, NULL, a) < 0 || db_commit(db) < 0;
    json_decref(a);
    if (rc) return db_fail(r, db);
    return send_view(r, db, id);
}

/* ---- published answers --------------------------------------------------------------------- */

/* Never name, address, phone, email, organisation, code or staff: the item and its answer. */
#define PUBLISHED_COLUMNS                                                                          \
    "SELECT f.id, f.title, f.content, f.type, f.field, f.answer_unit_id AS unit_id, un.name AS "   \
    "unit_name, DATE(f.received_at) AS received_on, f.published_at, f.answer_text AS answer, "     \
    "f.corrected_at, f.correction_reason, f.reopened_at, f.reopen_reason"
#define PUBLISHED_FROM                                                                             \
    " FROM feedback f LEFT JOIN units un ON un.id = f.answer_unit_id WHERE f.status = "            \
    "'published' "

static void add_type_labels(json_t *items) {
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        int t = (int)json_integer_value(json_object_get(it, "type"));
        json_object_set_new(it, "type_label",
                            json_string(fb_type_label(t) ? fb_type_label(t) : ""));
    }
}

struct public_list_query {
    const char *q, *field;
    long long unit_id, type;
    struct page page;
};
static const struct in_decl public_list_fields[] = {
    IN_FIELD(struct public_list_query, q, IN_STR, 0, 0, 200, NULL),
    IN_FIELD(struct public_list_query, field, IN_STR, 0, 0, 255, NULL),
    IN_FIELD(struct public_list_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct public_list_query, type, IN_INT, 0, 1, FB_NTYPES, NULL),
};
const struct in_spec in_public_feedback_list =
    IN_SPEC_PAGED(struct public_list_query, public_list_fields, 10, 50);

/* The fields (lĩnh vực) that published items carry, for the list's filter. */
static json_t *published_fields(db_t *db) {
    json_t *rows = db_query_json(db,
                                 "SELECT DISTINCT field FROM feedback WHERE status = 'published' "
                                 "AND field IS NOT NULL AND field <> '' ORDER BY field",
                                 "");
    if (!rows) return NULL;
    json_t *out = json_array();
    size_t i;
    json_t *it;
    json_array_foreach(rows, i, it) {
        json_array_append(out, json_object_get(it, "field"));
    }
    json_decref(rows);
    return out;
}

int h_public_feedback_list(req_t *r) {
    const struct public_list_query *in = r->query_in;
    const char *q = in->q, *field = in->field ? in->field : "";
    long long unit_id = in->unit_id, type = in->type;
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *fields = published_fields(db);
    if (!fields) return db_fail(r, db);
    char folded[256] = "";
    if (q) vnfold(q, strlen(q), folded, sizeof folded);
    /* A query of symbols only ("%", "_") folds to nothing: it matches nothing, not everything. */
    if (q && !folded[0] && q[strspn(q, " \t\r\n")]) {
        json_t *env = list_envelope(json_array(), 0, &pg);
        json_object_set_new(env, "fields", fields);
        res_json(r, 200, env);
        return 0;
    }
    char like[520];
    like_contains(folded, like, sizeof like); /* % and _ that survive folding match themselves */
    const char *where = PUBLISHED_FROM "AND (? = '' OR f.search_folded LIKE ?) AND (? = 0 OR "
                                       "f.answer_unit_id = ?) AND (? = 0 OR f.type = ?) AND (? = "
                                       "'' OR f.field = ?) ";
    char sql[1400];
    long long total = 0;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "ssiiiiss", folded, like, unit_id, unit_id, type, type, field,
                     field) < 0) {
        json_decref(fields);
        return db_fail(r, db);
    }
    snprintf(sql, sizeof sql,
             PUBLISHED_COLUMNS "%s ORDER BY f.published_at DESC, f.id DESC LIMIT ? OFFSET ?",
             where);
    json_t *items = db_query_json(db, sql, "ssiiiissii", folded, like, unit_id, unit_id, type, type,
                                  field, field, pg.per_page, pg.offset);
    if (!items) {
        json_decref(fields);
        return db_fail(r, db);
    }
    add_type_labels(items);
    json_t *env = list_envelope(items, total, &pg);
    json_object_set_new(env, "fields", fields);
    res_json(r, 200, env);
    return 0;
}

/* One published answer by its id: its own page and link (the tracking code stays private, as
 * it lets its holder rate the answer). Anything not published is 404, like an unknown id. */
/*
 * A published answer, or an item reopened after it was published (issue 20): that page stays,
 * says it was reopened, when and why, and shows no answer until the next publication (the
 * answer is being revised). Personal data never.
 */
int h_public_feedback_published(req_t *r) {
    long long id = req_param_id(r, "id");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = db_query_json(db,
                                  PUBLISHED_COLUMNS ", f.status = 'published' AS published FROM "
                                                    "feedback f LEFT JOIN units un ON un.id = "
                                                    "f.answer_unit_id WHERE (f.status = "
                                                    "'published' OR f.reopened_at IS NOT NULL) "
                                                    "AND f.id = ?",
                                  "i", id);
    if (!items) return db_fail(r, db);
    if (json_array_size(items) == 0) {
        json_decref(items);
        return not_found(r, "câu trả lời đã công khai");
    }
    add_type_labels(items);
    json_t *it = json_incref(json_array_get(items, 0));
    json_decref(items);
    int published = json_truthy(json_object_get(it, "published"));
    json_object_set_new(it, "published", json_boolean(published));
    json_object_set_new(
        it, "reopened",
        json_boolean(!published || json_is_string(json_object_get(it, "reopened_at"))));
    if (!published) {
        json_object_set_new(it, "answer", json_null());
        json_object_set_new(it, "published_at", json_null());
    }
    json_t *letters = public_letters(db, id);
    if (!letters) {
        json_decref(it);
        return db_fail(r, db);
    }
    json_object_set_new(it, "letters", letters);
    res_json(r, 200, it);
    return 0;
}

/* GET /public/answers/{id}/letters/{file_id}: only a letter of an item published now. */
int h_public_answer_letter(req_t *r) {
    long long id = req_param_id(r, "id"), fid = req_param_id(r, "file_id");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *file = NULL;
    int found = db_query_row_json(db, &file,
                                  "SELECT ff.name, ff.sha256, ff.mime FROM feedback_files ff JOIN "
                                  "feedback f ON f.id = ff.feedback_id WHERE ff.id = ? AND "
                                  "ff.feedback_id = ? AND ff.kind = 'reply_letter' AND f.status = "
                                  "'published'",
                                  "ii", fid, id);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "văn bản trả lời");
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}

/* ---- following a published answer (issue 16) ----------------------------------------------- */

/* POST /public/answers/{id}/follow {email, email_code}: the address is proven by the same one-time
 * code as the form's; following again with the same address is a no-op (200). */
struct follow_input {
    const char *email, *email_code;
};
static const struct in_decl follow_fields[] = {
    IN_FIELD(struct follow_input, email, IN_STR, IN_REQUIRED, 1, 254, NULL),
    IN_FIELD(struct follow_input, email_code, IN_STR, IN_REQUIRED, 1, 16, NULL),
};
const struct in_spec in_public_answer_follow = IN_SPEC(struct follow_input, follow_fields);

/* The row in the open transaction: 201 new, 200 already there; -1 error. */
static int follow_insert(req_t *r, db_t *db, long long id, const char *email, const char *key,
                         long long code_id) {
    long long fid = 0;
    int k = db_query_int(db, &fid,
                         "SELECT id FROM feedback_follows WHERE feedback_id = ? AND email_key = ?",
                         "is", id, key);
    if (k != 0) return k < 0 ? -1 : 200;
    char token[65];
    char *h = NULL;
    int rc =
        db_exec(db, "INSERT INTO feedback_follows (feedback_id, email, email_key) VALUES (?, ?, ?)",
                "iss", id, email, key) < 0 ||
        fb_follow_token(db_last_id(db), token) < 0 || !(h = token_sha256_hex(token)) ||
        db_exec(db, "UPDATE feedback_follows SET token_hash = ? WHERE id = LAST_INSERT_ID()", "s",
                h) < 0 ||
        db_exec(db, "UPDATE public_email_codes SET used_at = NOW() WHERE id = ?", "i", code_id) <
            0 ||
        audit_write(db, r, "feedback.follow", "feedback", id, NULL, NULL) < 0;
    free(h);
    return rc ? -1 : 201;
}

int h_public_answer_follow(req_t *r) {
    const struct follow_input *in = r->body_in;
    long long id = req_param_id(r, "id");
    if (!fb_email_ok(in->email)) req_error(r, "email", "Địa chỉ thư điện tử không hợp lệ.");
    if (req_has_errors(r)) return res_invalid(r);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long pub = 0;
    int k = db_query_int(db, &pub, "SELECT id FROM feedback WHERE id = ? AND status = 'published'",
                         "i", id);
    if (k < 0) return db_fail(r, db);
    if (k == 0) return not_found(r, "câu trả lời đã công khai");
    char key[255];
    fb_email_key(in->email, key);
    long long code_id = 0;
    if (db_begin(db) < 0) return db_fail(r, db);
    k = email_code_find(db, key, in->email_code, &code_id);
    if (k == 0) {
        /* the counted wrong guess stays counted */
        if (db_commit(db) < 0) return db_fail(r, db);
        req_error(r, "email_code",
                  "Mã xác nhận không đúng hoặc đã hết hạn. Hãy kiểm tra thư hoặc yêu cầu mã mới.");
        return res_invalid(r);
    }
    int status = k < 0 ? -1 : follow_insert(r, db, id, in->email, key, code_id);
    if (status < 0 || db_commit(db) < 0) return db_fail(r, db);
    res_json(r, status, json_pack("{s:b}", "following", 1));
    return 0;
}

/* GET /public/unfollow?token=: the link in every follower's mail; works without JavaScript, so it
 * answers a small page, not JSON. An unknown token is a 404 problem (already used, or never
 * given), as every error of the API is. */
struct unfollow_query {
    const char *token;
};
static const struct in_decl unfollow_fields[] = {
    IN_FIELD(struct unfollow_query, token, IN_STR, IN_REQUIRED, 64, 64, NULL),
};
const struct in_spec in_public_unfollow = IN_SPEC(struct unfollow_query, unfollow_fields);

/* A page, not JSON: the link is opened from a mail client, without the web app. Plain HTML with no
 * inline style (the site's CSP allows only its own style sheets). */
static int unfollow_page(req_t *r, const char *text) {
    char page[1500];
    int n = snprintf(page, sizeof page,
                     "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta "
                     "name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Hủy "
                     "theo dõi câu trả lời</title></head><body><h1>Hủy theo dõi câu trả "
                     "lời</h1><p>%s</p><p><a href=\"/phan-anh/da-tra-loi\">Xem các câu trả lời đã "
                     "công khai</a></p></body></html>",
                     text);
    res_raw(r, 200, "text/html; charset=utf-8", page, (size_t)n);
    return 0;
}

int h_public_unfollow(req_t *r) {
    const struct unfollow_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char *h = token_sha256_hex(in->token);
    if (!h) return res_no_memory(r);
    long long fid = 0, item = 0;
    int k = db_begin(db) < 0 ? -1
                             : db_query_int(db, &fid,
                                            "SELECT id FROM feedback_follows WHERE token_hash = ? "
                                            "FOR UPDATE",
                                            "s", h);
    free(h);
    if (k == 1)
        k = db_query_int(db, &item, "SELECT feedback_id FROM feedback_follows WHERE id = ?", "i",
                         fid);
    if (k < 0 ||
        (k == 1 && (db_exec(db, "DELETE FROM feedback_follows WHERE id = ?", "i", fid) < 0 ||
                    audit_write(db, r, "feedback.unfollow", "feedback", item, NULL, NULL) < 0))) {
        db_rollback(db);
        return db_fail(r, db);
    }
    if (k == 0) {
        db_rollback(db);
        /* a problem like every other error; the page is for the one outcome a person expects */
        return not_found(r, "đăng ký theo dõi (có thể ông/bà đã hủy theo dõi trước đó)");
    }
    if (db_commit(db) < 0) return db_fail(r, db);
    return unfollow_page(r,
                         "Ông/bà đã hủy theo dõi câu trả lời này và sẽ không nhận thư về câu trả "
                         "lời này nữa.");
}
