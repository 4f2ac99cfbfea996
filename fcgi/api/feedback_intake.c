/* POST /api/v1/feedback/intake: staff record feedback received outside the web form (issue 20). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback.h"
#include "core/feedback_form.h"
#include "core/vnfold.h"

static const char *const channels[] = {"phone", "letter", "in_person", "email", "hotline", NULL};
static const char *const sender_kinds[] = {"person", "organization", NULL};
static const char *const channel_labels[] = {"điện thoại", "thư, văn bản", "trực tiếp",
                                             "thư điện tử", "đường dây nóng"};

/* The sender's details are optional (a letter may be unsigned, a call anonymous), each checked
 * when given; the content is what was received. */
struct intake_input {
    int channel, sender_kind; /* channels[], sender_kinds[] (-1: person) */
    struct ymd received_at;
    const char *name, *phone, *address, *email, *organization, *title, *content, *procedure_code,
        *note;
    long long type, unit_id;
    json_t *attachments;
};
#define INT(m, type, flags, min, max, choices)                                                     \
    IN_FIELD(struct intake_input, m, type, flags, min, max, choices)
static const struct in_decl intake_fields[] = {
    INT(channel, IN_ENUM, IN_REQUIRED, 0, 0, channels),
    INT(received_at, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    INT(sender_kind, IN_ENUM, 0, 0, 0, sender_kinds),
    INT(name, IN_STR, IN_NULLABLE, 0, 255, NULL),
    INT(phone, IN_STR, IN_NULLABLE, 0, 32, NULL),
    INT(address, IN_STR, IN_NULLABLE, 0, 500, NULL),
    INT(email, IN_STR, IN_NULLABLE, 0, 254, NULL),
    INT(organization, IN_STR, IN_NULLABLE, 0, 255, NULL),
    INT(title, IN_STR, IN_REQUIRED, 1, 500, NULL),
    INT(content, IN_STR, IN_REQUIRED, 1, 10000, NULL),
    INT(type, IN_INT, IN_REQUIRED, 1, FB_NTYPES, NULL),
    INT(procedure_code, IN_STR, IN_NULLABLE, 0, 32, NULL),
    INT(unit_id, IN_ID, IN_NULLABLE, 0, 0, NULL),
    INT(note, IN_STR, IN_NULLABLE, 0, 4000, NULL),
    INT(attachments, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_feedback_intake = IN_SPEC(struct intake_input, intake_fields);

struct intake {
    const struct intake_input *in;
    struct fb_file files[FB_FILES_MAX];
    int nfiles, added[FB_FILES_MAX];
    db_t *db;
    struct fb_rules rules; /* the version in force on the received date */
    char day[11], due[11], intake_due[11], soon[11], code[15], bare[13];
    long long id;
};

static const char *given(const char *s) {
    return s && !fb_blank(s) ? s : NULL;
}

/* Checks without the database: texts, phone, e-mail, the received date against today. */
static void intake_check(req_t *r, struct intake *x) {
    const struct intake_input *in = x->in;
    if (fb_blank(in->title)) req_error(r, "title", "Không được để trống.");
    if (fb_blank(in->content)) req_error(r, "content", "Không được để trống.");
    if (given(in->phone) && !fb_phone_ok(in->phone))
        req_error(r, "phone", "Số điện thoại không hợp lệ (8–15 chữ số).");
    if (given(in->email) && !fb_email_ok(in->email))
        req_error(r, "email", "Địa chỉ thư điện tử không hợp lệ.");
    if (ymd_cmp(in->received_at, calendar_today()) > 0)
        req_error(r, "received_at", "Ngày nhận không được sau ngày hôm nay.");
    if (in->attachments) {
        int k = fb_files_from_json(r, in->attachments, x->files);
        if (k > 0) x->nfiles = k;
    }
}

/*
 * Why the first `feedback` rule version is the system's start: before it no time limit is in
 * force, so no clock could be computed for the item (rule_sets, migration 001 and 034).
 */
static int intake_rules(req_t *r, struct intake *x) {
    struct fb_rule_versions v;
    if (fb_versions_or_fail(r, x->db, &v) < 0) return -1;
    if (ymd_cmp(x->in->received_at, v.from[0]) < 0) {
        char msg[200], d[11];
        ymd_format(v.from[0], d);
        snprintf(msg, sizeof msg,
                 "Ngày nhận không được trước ngày hệ thống bắt đầu áp dụng thời hạn xử lý "
                 "(%.2s/%.2s/%.4s).",
                 d + 8, d + 5, d);
        req_error(r, "received_at", msg);
        return res_invalid(r);
    }
    x->rules = *fb_rules_at(&v, x->in->received_at);
    const struct holidays *h = calendar_get(x->db);
    struct ymd due = fb_intake_due(x->in->received_at, &x->rules, h);
    ymd_format(x->in->received_at, x->day);
    ymd_format(due, x->intake_due);
    ymd_format(fb_soon_from(due, fb_limit(FB_NEW, &x->rules), h), x->soon);
    ymd_format(fb_answer_due(x->in->received_at, &x->rules, h), x->due);
    return 0;
}

/* The procedure and unit named must exist. 0, or -1 after an answer. */
static int intake_references(req_t *r, struct intake *x) {
    const char *code = given(x->in->procedure_code);
    if (code) {
        int k = fb_procedure_known(x->db, code);
        if (k == -2) return db_fail(r, x->db);
        if (k == 0) req_error(r, "procedure_code", "Không có thủ tục hành chính với mã này.");
    }
    if (x->in->unit_id) {
        long long one = 0;
        int k = db_query_int(x->db, &one, "SELECT 1 FROM units WHERE id = ?", "i", x->in->unit_id);
        if (k < 0) return db_fail(r, x->db);
        if (k == 0) req_error(r, "unit_id", "Cơ quan, đơn vị không tồn tại.");
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static const char *or_empty(const char *s) {
    return given(s) ? s : "";
}

/* The row under a fresh tracking code (the caller's transaction): 0, 1 code taken, -1 error.
 * Received today: now; an earlier day: that day (the time of day is not known). */
static int intake_row(req_t *r, struct intake *x) {
    const struct intake_input *in = x->in;
    unsigned char rnd[8];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) return -1;
    fb_code_make(rnd, x->code);
    fb_code_normalize(x->code, x->bare);
    char folded[2048];
    vnfold(in->title, strlen(in->title), folded, sizeof folded);
    const char *kind = in->sender_kind < 0 ? "person" : sender_kinds[in->sender_kind];
    const char *org = strcmp(kind, "organization") == 0 ? given(in->organization) : NULL;
    if (db_exec(x->db,
                "INSERT INTO feedback (tracking_code, status, channel, sender_kind, sender_name, "
                "organization, address, phone, email, title, title_folded, content, type, "
                "procedure_code, unit_id, received_at, intake_at, status_since, due_date, "
                "soon_date, answer_due, received_by) VALUES (?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, NULLIF(?, ''), ?, IF(? = CURDATE(), NOW(), CAST(? AS DATETIME)), IF(? = "
                "CURDATE(), NOW(), CAST(? AS DATETIME)), NOW(), ?, ?, ?, ?)",
                "sssssssssssisIsssssssi", x->bare, channels[in->channel], kind, or_empty(in->name),
                org, or_empty(in->address), or_empty(in->phone), given(in->email), in->title,
                folded, in->content, in->type, or_empty(in->procedure_code), in->unit_id, x->day,
                x->day, x->day, x->day, x->intake_due, x->soon, x->due, r->user->user_id) >= 0) {
        x->id = db_last_id(x->db);
        return 0;
    }
    return db_errno(x->db) == 1062 ? 1 : -1;
}

/* The receipt on the item's history at the received time, the files, the audit row. */
static int intake_rest(req_t *r, struct intake *x) {
    char note[4200];
    snprintf(note, sizeof note, "Tiếp nhận qua %s%s%.4000s", channel_labels[x->in->channel],
             given(x->in->note) ? ": " : "", given(x->in->note) ? x->in->note : "");
    json_t *a = json_pack("{s:s, s:s, s:s, s:s}", "tracking_code", x->bare, "status", "new",
                          "channel", channels[x->in->channel], "received_at", x->day);
    int rc = fb_event(x->db, r, x->id, "coordinator", "submit", NULL, "new", 0, note) < 0 ||
             db_exec(x->db,
                     "UPDATE feedback_events SET at = (SELECT received_at FROM feedback WHERE id = "
                     "?) WHERE id = LAST_INSERT_ID()",
                     "i", x->id) < 0 ||
             fb_files_keep(x->files, x->nfiles, x->added) < 0 ||
             fb_files_insert(x->db, x->id, "intake", x->files, x->nfiles) < 0 ||
             audit_write(x->db, r, "feedback.intake", "feedback", x->id, NULL, a) < 0;
    json_decref(a);
    return rc ? -1 : 0;
}

/* Up to four draws of a tracking code; 0 committed, or -1 after an answer. */
static int intake_write(req_t *r, struct intake *x) {
    int rc = 1;
    for (int attempt = 0; attempt < 4 && rc == 1; attempt++) {
        if (db_begin(x->db) < 0) return db_fail(r, x->db);
        rc = intake_row(r, x);
        if (rc == 0) rc = intake_rest(r, x) < 0 || db_commit(x->db) < 0 ? -1 : 0;
        if (rc != 0) db_rollback(x->db);
    }
    if (rc == 0) return 0;
    db_fail(r, x->db);
    fb_files_discard(x->db, x->files, x->nfiles, x->added);
    return -1;
}

static int intake_answer(req_t *r, struct intake *x) {
    json_t *out =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)x->id, "tracking_code",
                  x->code, "channel", channels[x->in->channel], "received_at", x->day, "due_date",
                  x->intake_due, "answer_due", x->due, "rules", fb_rules_json(&x->rules));
    res_json(r, 201, out);
    return 0;
}

int h_feedback_intake(req_t *r) {
    struct intake x;
    memset(&x, 0, sizeof x);
    x.in = r->body_in;
    intake_check(r, &x);
    int rc = -1;
    if (req_has_errors(r))
        rc = res_invalid(r);
    else if ((x.db = db_or_503(r)) != NULL && intake_rules(r, &x) == 0 &&
             intake_references(r, &x) == 0 && intake_write(r, &x) == 0)
        rc = intake_answer(r, &x);
    fb_files_free(x.files, x.nfiles);
    return rc;
}
