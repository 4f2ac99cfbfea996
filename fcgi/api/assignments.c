/* /api/v1/assignments: each unit's share of a task, "my assignments", and progress updates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/answers.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "api/units.h"
#include "core/filetype.h"
#include "core/progress.h"
#include "lib/b64.h"
#include "lib/upload.h"
#include "server/server.h"

static const char *const statuses[] = {"not_started", "in_progress", "done", "blocked", NULL};
/* The states a list filters on; "open" is every state but done (the work still to do). */
static const char *const states[] = {"not_started", "in_progress", "done", "done_late",
                                     "blocked",     "overdue",     "open", NULL};
#define DUE_SOON_DAYS  5
#define ATTACHMENT_MAX (5 * 1024 * 1024)
#define UPDATE_FILES   5 /* evidence files of one progress update */

/* Where a follow-up comes from (migration 028): {kind, id, unit_name} of the inspection (the
 * inspecting unit) or the dialogue (its unit), null for a plan's own task. */
#define ASG_SOURCE_JSON                                                                            \
    "IF(a.source_kind IS NULL, NULL, JSON_OBJECT('kind', a.source_kind, 'id', a.source_id, "       \
    "'unit_name', COALESCE((SELECT bu.name FROM inspections i JOIN units bu ON bu.id = "           \
    "i.inspecting_unit_id WHERE a.source_kind = 'inspection' AND i.id = a.source_id), (SELECT "    \
    "mu.name FROM communications m JOIN units mu ON mu.id = m.unit_id WHERE a.source_kind = "      \
    "'dialogue' AND m.id = a.source_id)))) AS source__json"

static const char *const asg_select =
    "SELECT a.id, a.task_id, t.number AS task_number, t.title AS task_title, t.timeline_text, "
    "t.plan_id, p.title AS plan_title, p.year AS plan_year, p.status AS plan_status, a.unit_id, "
    "un.name AS unit_name, un.level AS unit_level, a.role, a.due_date, a.status, a.progress, "
    "a.done_date, a.last_update_at, t.tl_kind, t.timeline_json AS tl__json, t.start_date, (SELECT "
    "MAX(DATE(u.created_at)) FROM task_updates u WHERE u.assignment_id = a.id) AS "
    "last_update, " ASG_SOURCE_JSON
    " FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id JOIN "
    "units un ON un.id = a.unit_id ";

/* Adds the computed state to a row that carries its task's parsed timeline as "tl". */
static void add_state(json_t *row, const struct holidays *h, struct ymd today) {
    assignment_add_state(row, timeline_recurrence_bits(json_object_get(row, "tl")), h, today);
    json_object_del(row, "tl");
}

/*
 * The computed state in SQL, as assignment_state() computes it in C (core/progress.c), so that
 * the list filters, counts and pages in the database. k carries today and, per reporting period
 * (1 monthly, 2 quarterly, 4 half-yearly, 8 yearly: tasks.report_bit, kept by the database from
 * the timeline), the end of the period before today's (pe) and the start of that period (pf).
 */
#define ASG_DAYS                                                                                   \
    " CROSS JOIN (SELECT CAST(? AS DATE) AS today, CAST(? AS DATE) AS pe1, CAST(? AS DATE) AS "    \
    "pf1, CAST(? AS DATE) AS pe2, CAST(? AS DATE) AS pf2, CAST(? AS DATE) AS pe4, CAST(? AS "      \
    "DATE) "                                                                                       \
    "AS pf4, CAST(? AS DATE) AS pe8, CAST(? AS DATE) AS pf8) k "
#define ASG_LAST_UPDATE                                                                            \
    "(SELECT MAX(DATE(u.created_at)) FROM task_updates u WHERE u.assignment_id = a.id)"
#define ASG_START "COALESCE(t.start_date, MAKEDATE(COALESCE(YEAR(a.due_date), YEAR(k.today)), 1))"
#define ASG_MISSING_IN(bit)                                                                        \
    "WHEN " #bit " THEN k.pe" #bit " >= " ASG_START " AND COALESCE(" ASG_LAST_UPDATE               \
    " < k.pf" #bit ", 1) "
#define ASG_MISSING                                                                                \
    "(CASE t.report_bit " ASG_MISSING_IN(1) ASG_MISSING_IN(2) ASG_MISSING_IN(4)                    \
        ASG_MISSING_IN(8) "ELSE 0 END)"
#define ASG_OVERDUE                                                                                \
    "(a.status <> 'done' AND ((a.due_date IS NOT NULL AND a.due_date < k.today) OR " ASG_MISSING   \
    "))"
#define ASG_STATE                                                                                  \
    "(CASE WHEN a.status = 'done' THEN IF(a.due_date IS NOT NULL AND a.done_date IS NOT NULL AND " \
    "a.done_date > a.due_date, 'done_late', 'done') WHEN " ASG_OVERDUE " THEN 'overdue' ELSE "     \
    "a.status END)"

/* Today and the period bounds ASG_DAYS takes, as text. */
struct asg_days {
    char d[9][11];
};

static void asg_days_of(struct ymd today, struct asg_days *k) {
    memset(k, 0, sizeof *k);
    ymd_format(today, k->d[0]);
    int i = 1;
    for (unsigned bit = 1; bit <= 8; bit <<= 1, i += 2) {
        struct ymd pf, pt, ppf, ppt;
        recurrence_period(bit, today, &pf, &pt);
        struct ymd prev_end = days_to_ymd(ymd_to_days(pf) - 1);
        recurrence_period(bit, prev_end, &ppf, &ppt);
        ymd_format(prev_end, k->d[i]);
        ymd_format(ppf, k->d[i + 1]);
    }
}

struct assignments_query {
    long long unit_id, plan_id, year;
    int status; /* states[], -1 = any */
    int overdue, has_overdue, subtree;
    struct ymd due_before;
    struct page page;
};
static const struct in_decl assignments_query_fields[] = {
    IN_FIELD(struct assignments_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct assignments_query, plan_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct assignments_query, year, IN_INT, 0, 1990, 2100, NULL),
    IN_FIELD(struct assignments_query, status, IN_ENUM, 0, 0, 0, states),
    IN_FIELD_HAS(struct assignments_query, overdue, IN_BOOL, 0, 0, 0, NULL, has_overdue),
    IN_FIELD(struct assignments_query, due_before, IN_DATE, 0, 0, 0, NULL),
    IN_FIELD(struct assignments_query, subtree, IN_BOOL, 0, 0, 0, NULL),
};
const struct in_spec in_assignments_list =
    IN_SPEC_PAGED(struct assignments_query, assignments_query_fields, 50, 500);

int h_assignments_list(req_t *r) {
    const struct assignments_query *in = r->query_in;
    long long unit_id = in->unit_id, plan_id = in->plan_id, year = in->year;
    char due_buf[11];
    const char *state = in_choice(states, in->status),
               *due_before = in_date_str(in->due_before, due_buf);
    int overdue = in->overdue, has_overdue = in->has_overdue, subtree = in->subtree;
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* Mine by default: the principal's own unit. Another unit must be in scope. */
    if (!unit_id) {
        unit_id = r->user->unit_id;
    } else {
        int in = scope_has_unit(db, r->user, unit_id);
        if (in < 0) return db_fail(r, db);
        if (in == 0) return not_found(r, "đơn vị");
    }
    struct answer_key key;
    if (answers_lookup(r, "assignments", &key)) return 0;
    struct ymd today = calendar_today();
    struct asg_days k;
    asg_days_of(today, &k);
    const char *where = ASG_DAYS
        "WHERE p.status <> 'draft' AND (a.unit_id = ? OR (? = 1 AND EXISTS (SELECT 1 "
        "FROM unit_closure c WHERE c.ancestor_id = ? AND c.descendant_id = a.unit_id))) "
        "AND (? = 0 OR t.plan_id = ?) AND (? = 0 OR p.year = ?) AND (? IS NULL OR "
        "a.due_date < ?) AND (? IS NULL OR IF(? = 'open', a.status <> 'done', " ASG_STATE " = ?)) "
        "AND (? = 0 OR " ASG_OVERDUE " = ?) ";
    char sql[9000];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON "
             "p.id = t.plan_id %s",
             where);
    long long total = 0, ho = has_overdue;
#define ASG_ARGS                                                                                   \
    k.d[0], k.d[1], k.d[2], k.d[3], k.d[4], k.d[5], k.d[6], k.d[7], k.d[8], unit_id,               \
        (long long)subtree, unit_id, plan_id, plan_id, year, year, due_before, due_before, state,  \
        state, state, ho, (long long)overdue
#define ASG_FMT                                                                                    \
    "sssssssss"                                                                                    \
    "iiiiiiiss"                                                                                    \
    "sss"                                                                                          \
    "ii"
    if (db_query_int(db, &total, sql, ASG_FMT, ASG_ARGS) < 0) return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "%s%s ORDER BY " ASG_OVERDUE " DESC, a.due_date IS NULL, a.due_date, t.plan_id, "
             "t.sort_order, a.id LIMIT ? OFFSET ?",
             asg_select, where);
    struct db_res *res = db_query(db, sql, ASG_FMT "ii", ASG_ARGS, pg.per_page, pg.offset);
#undef ASG_ARGS
#undef ASG_FMT
    if (!res) return db_fail(r, db);
    const struct holidays *h = calendar_get(db);
    json_t *items = json_array();
    for (size_t i = 0; i < res->nrows; i++) {
        json_t *row = db_row_json(res, i);
        add_state(row, h, today);
        json_array_append_new(items, row);
    }
    db_res_free(res);
    answers_send(r, &key, list_envelope(items, total, &pg));
    return 0;
}

/* The assignment (with its computed state) if the principal may see it: in its scope, or in a
 * plan it may write. 1 found, 0 missing or out of scope, -1 database error. */
static int load_assignment(req_t *r, db_t *db, long long id, json_t **out) {
    *out = NULL;
    char sql[2400];
    snprintf(sql, sizeof sql, "%s WHERE a.id = ?", asg_select);
    json_t *row = NULL;
    int found = db_query_row_json(db, &row, sql, "i", id);
    if (found <= 0) return found;
    int ok = assignment_scope(db, r->user, json_integer_value(json_object_get(row, "unit_id")),
                              json_integer_value(json_object_get(row, "plan_id")));
    if (ok != 1) {
        json_decref(row);
        return ok < 0 ? -1 : 0;
    }
    add_state(row, calendar_get(db), calendar_today());
    *out = row;
    return 1;
}

static json_t *updates_of(db_t *db, long long id) {
    return db_query_json(db,
                         "SELECT u.id, u.period, u.status, u.progress, u.note, u.evidence_no, "
                         "u.evidence_date, u.after_done_reason, u.corrected_done_date, "
                         "u.attachment_name, u.attachment_sha256, "
                         "u.attachment_type, u.attachment_size, " UPDATE_FILES_JSON
                         ", u.created_at, us.full_name AS "
                         "created_by_name FROM task_updates u LEFT JOIN users us ON us.id = "
                         "u.created_by WHERE u.assignment_id = ? ORDER BY u.created_at DESC, u.id "
                         "DESC",
                         "i", id);
}

int h_assignments_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *a = NULL;
    int found = load_assignment(r, db, req_param_id(r, "id"), &a);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "phân công");
    json_t *u = updates_of(db, req_param_id(r, "id"));
    if (!u) {
        json_decref(a);
        return db_fail(r, db);
    }
    json_object_set_new(a, "updates", u);
    res_json(r, 200, a);
    return 0;
}

int h_assignment_updates_list(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *a = NULL;
    int found = load_assignment(r, db, req_param_id(r, "id"), &a);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "phân công");
    json_decref(a);
    json_t *u = updates_of(db, req_param_id(r, "id"));
    if (!u) return db_fail(r, db);
    res_json(r, 200, list_envelope(u, (long long)json_array_size(u), NULL));
    return 0;
}

struct attachment {
    const char *name;
    unsigned char *data;
    size_t len;
    enum filetype type;
    char sha[65];
};

/* Decodes and checks one {name, content_base64}: size, and type by content matching the name;
 * errors go under field, those of a member under sub + member ("" for the single attachment, as
 * before files existed; "files[i]." in a list). 0 checked, -1 with errors collected. */
static int read_attachment(req_t *r, json_t *att, const char *field, const char *sub,
                           struct attachment *out) {
    char f[48];
    memset(out, 0, sizeof *out);
    if (!json_is_object(att)) {
        req_error(r, field, "Tệp đính kèm phải có dạng {name, content_base64}.");
        return -1;
    }
    const char *b64 = json_string_value(json_object_get(att, "content_base64"));
    out->name = json_string_value(json_object_get(att, "name"));
    size_t nlen = out->name ? strlen(out->name) : 0;
    if (nlen < 1 || nlen > 255) {
        snprintf(f, sizeof f, "%sname", sub);
        req_error(r, f, "Hãy nhập tên tệp (tối đa 255 ký tự).");
    }
    if (!b64 || !*b64 || strlen(b64) > ATTACHMENT_MAX / 3 * 4 + 16) {
        snprintf(f, sizeof f, "%scontent_base64", sub);
        req_error(r, f, "Hãy gửi nội dung tệp (base64, tối đa 5 MB).");
    }
    if (json_object_size(att) > 2) req_error(r, field, "Trường không được hỗ trợ trong tệp.");
    if (nlen < 1 || nlen > 255 || !b64 || !*b64 || strlen(b64) > ATTACHMENT_MAX / 3 * 4 + 16 ||
        json_object_size(att) > 2)
        return -1;
    out->data = b64_decode(b64, strlen(b64), B64_STD | B64_WS, ATTACHMENT_MAX, &out->len);
    if (!out->data) {
        req_error(r, field, "Tệp đính kèm không hợp lệ hoặc vượt quá 5 MB.");
        return -1;
    }
    if ((out->type = filetype_detect(out->data, out->len)) == FT_UNKNOWN ||
        !filetype_name_matches(out->name, out->type)) {
        req_error(r, field, "Chỉ nhận tệp PDF, JPG, PNG, DOC(X), XLS(X) đúng định dạng.");
        free(out->data);
        out->data = NULL;
        return -1;
    }
    return 0;
}

static void free_files(struct attachment *f, int n) {
    for (int i = 0; i < n; i++) free(f[i].data);
}

/* The update's files: the list `files` (at most UPDATE_FILES) or the older single `attachment`,
 * every one checked before any is stored, so that a bad file among good ones stores nothing.
 * The count, or -1 after answering 422. */
static int read_files(req_t *r, json_t *att, json_t *list, struct attachment f[UPDATE_FILES]) {
    char field[32], sub[32];
    int n = 0;
    memset(f, 0, sizeof(struct attachment) * UPDATE_FILES);
    if (att && list && json_array_size(list) > 0) {
        req_error(r, "files", "Gửi tệp trong files hoặc attachment, không gửi cả hai.");
        return res_invalid(r);
    }
    if (list && !json_is_array(list)) {
        req_error(r, "files", "files phải là danh sách tệp.");
        return res_invalid(r);
    }
    if (json_array_size(list) > UPDATE_FILES) {
        req_error(r, "files", "Tối đa 5 tệp minh chứng cho một lần cập nhật.");
        return res_invalid(r);
    }
    if (att) {
        n = read_attachment(r, att, "attachment", "", &f[0]) == 0;
    } else {
        for (size_t i = 0; i < json_array_size(list); i++) {
            snprintf(field, sizeof field, "files[%zu]", i);
            snprintf(sub, sizeof sub, "files[%zu].", i);
            if (read_attachment(r, json_array_get(list, i), field, sub, &f[n]) == 0) n++;
        }
    }
    if (req_has_errors(r)) {
        free_files(f, n);
        return res_invalid(r);
    }
    return n;
}

/* Stores the checked files (content-addressed: the same bytes twice are one file). 0 or -1. */
static int store_files(struct attachment *f, int n) {
    for (int i = 0; i < n; i++)
        if (upload_store(server_cfg->upload_dir, f[i].data, f[i].len, f[i].sha) < 0) return -1;
    return 0;
}

/* The update's rows in task_update_files, numbered 1..n. 0 or -1. */
static int insert_files(db_t *db, long long update_id, const struct attachment *f, int n) {
    for (int i = 0; i < n; i++)
        if (db_exec(db,
                    "INSERT INTO task_update_files (update_id, n, name, sha256, type, size) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    "iisssi", update_id, (long long)(i + 1), f[i].name, f[i].sha,
                    filetype_mime(f[i].type), (long long)f[i].len) < 0)
            return -1;
    return 0;
}

struct update_input {
    int status; /* statuses[] */
    long long progress;
    int has_progress;
    const char *note, *evidence_no, *period;
    struct ymd evidence_date;
    json_t *attachment, *files;
    const char *reason; /* required when the assignment is already done */
    int correction;     /* this update corrects the recorded completion date to done_date */
    struct ymd done_date;
};
static const struct in_decl update_fields[] = {
    IN_FIELD(struct update_input, status, IN_ENUM, IN_REQUIRED, 0, 0, statuses),
    IN_FIELD_HAS(struct update_input, progress, IN_INT, 0, 0, 100, NULL, has_progress),
    IN_FIELD(struct update_input, note, IN_STR, IN_NULLABLE, 0, 5000, NULL),
    IN_FIELD(struct update_input, evidence_no, IN_STR, IN_NULLABLE, 1, 128, NULL),
    IN_FIELD(struct update_input, evidence_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct update_input, period, IN_STR, IN_NULLABLE, 4, 16, NULL),
    IN_FIELD(struct update_input, attachment, IN_JSON, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct update_input, files, IN_JSON, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct update_input, reason, IN_STR, IN_NULLABLE, 5, 1000, NULL),
    IN_FIELD(struct update_input, correction, IN_BOOL, 0, 0, 0, NULL),
    IN_FIELD(struct update_input, done_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_assignment_updates_create = IN_SPEC(struct update_input, update_fields);

/* A progress update posted on an assignment tells the task's lead unit(s) (task.update), unless
 * the lead is the unit that posted it (its own update, or the poster's own unit). 0 or -1. */
static int notify_lead(db_t *db, json_t *asg, long long update_id, long long poster_unit) {
    long long task = json_integer_value(json_object_get(asg, "task_id"));
    long long unit = json_integer_value(json_object_get(asg, "unit_id"));
    json_t *leads = db_query_json(db,
                                  "SELECT unit_id FROM assignments WHERE task_id = ? AND role = "
                                  "'lead' AND unit_id <> ? AND unit_id <> ? ORDER BY unit_id",
                                  "iii", task, unit, poster_unit);
    if (!leads) return -1;
    char title[2048], link[64], key[64];
    snprintf(link, sizeof link, "/app/nhiem-vu/%lld", task);
    int rc = 0;
    size_t i;
    json_t *l;
    const char *who = json_string_value(json_object_get(asg, "unit_name"));
    const char *task_title = json_string_value(json_object_get(asg, "task_title"));
    snprintf(title, sizeof title, "%s cập nhật tiến độ: %s", who ? who : "Đơn vị phối hợp",
             task_title ? task_title : "");
    json_array_foreach(leads, i, l) {
        long long lead = json_integer_value(json_object_get(l, "unit_id"));
        snprintf(key, sizeof key, "task.update:%lld:u%lld", update_id, lead);
        const struct notice n = {"task.update", "task", task, title, NULL, link, key};
        if (notify_unit(db, lead, &n) < 0) rc = -1;
        if (rc < 0) break;
    }
    json_decref(leads);
    return rc;
}

/*
 * An assignment completed once keeps its completion date (issue 16): a further update needs a
 * reason and is told the date stays; only a correction (status done, correction true, a
 * done_date not in the future) moves it, to *new_done. Field errors are recorded on r.
 * 0 acceptable, -1 refused.
 */
static int after_done_check(req_t *r, json_t *before, const struct update_input *in,
                            const char *status, char done_buf[11], const char **new_done) {
    /* Completed once is what counts: reopened work keeps its recorded completion too. */
    const char *done_at = json_string_value(json_object_get(before, "done_date"));
    int was_done = done_at && *done_at;
    *new_done = NULL;
    if (in->done_date.y && !in->correction)
        req_error(r, "done_date", "Ngày hoàn thành chỉ được sửa khi đính chính.");
    if (in->correction) {
        if (!was_done || strcmp(status, "done") != 0)
            req_error(r, "correction",
                      "Chỉ đính chính ngày hoàn thành của phần việc đã hoàn thành, với tình trạng "
                      "Hoàn thành.");
        else if (!in->done_date.y)
            req_error(r, "done_date", "Hãy nhập ngày hoàn thành đúng.");
        else if (ymd_cmp(in->done_date, calendar_today()) > 0)
            req_error(r, "done_date", "Ngày hoàn thành không được sau hôm nay.");
        else
            *new_done = in_date_str(in->done_date, done_buf);
    }
    if (was_done && !in->reason) {
        char msg[200], shown[11] = "";
        if (done_at && strlen(done_at) >= 10)
            snprintf(shown, sizeof shown, "%.2s/%.2s/%.4s", done_at + 8, done_at + 5, done_at);
        snprintf(msg, sizeof msg,
                 "Phần việc đã hoàn thành%s%s. Hãy nêu lý do cập nhật thêm; ngày hoàn thành được "
                 "giữ nguyên.",
                 shown[0] ? " ngày " : "", shown);
        req_error(r, "reason", msg);
    }
    return req_has_errors(r) ? -1 : 0;
}

int h_assignment_updates_create(req_t *r) {
    const struct update_input *in = r->body_in;
    const char *status = statuses[in->status], *note = in->note, *evidence_no = in->evidence_no,
               *period = in->period;
    char date_buf[11];
    const char *evidence_date = in_date_str(in->evidence_date, date_buf);
    long long progress = in->has_progress ? in->progress : -1;
    json_t *att = in->attachment;
    if (strcmp(status, "done") == 0)
        progress = 100;
    else if (progress < 0)
        progress = strcmp(status, "not_started") == 0 ? 0 : -1;
    if (progress < 0) {
        req_error(r, "progress", "Hãy nhập tiến độ (0–100%).");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    int found = load_assignment(r, db, id, &before);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "phân công");
    int own = scope_has_unit(db, r->user, json_integer_value(json_object_get(before, "unit_id")));
    if (own != 1) {
        json_decref(before);
        if (own < 0) return db_fail(r, db);
        res_problem(r, 403, NULL, "Chỉ đơn vị được giao mới cập nhật được tiến độ.");
        return -1;
    }
    if (strcmp(json_string_value(json_object_get(before, "plan_status")), "published") != 0) {
        json_decref(before);
        return res_conflict(r, "Kế hoạch chưa ban hành hoặc đã kết thúc.", "[]");
    }
    char done_buf[11];
    const char *new_done = NULL;
    /* Its errors are answered together with the files' (read_files answers them all). */
    int refused = after_done_check(r, before, in, status, done_buf, &new_done) < 0;
    char label[16];
    if (!period && json_is_true(json_object_get(before, "recurring"))) {
        /* A periodic report covers the period just finished when posted in its first days. */
        const char *every = json_string_value(json_object_get(before, "report_every"));
        unsigned bit = 2;
        for (unsigned b = 1; b <= 8; b <<= 1)
            if (every && strcmp(timeline_recur_name(b), every) == 0) bit = b;
        recurrence_label(bit, calendar_today(), label);
        period = label;
    }
    struct attachment f[UPDATE_FILES];
    int nf = read_files(r, att, in->files, f);
    if (nf < 0) {
        json_decref(before);
        return -1;
    }
    if (refused) {
        free_files(f, nf);
        json_decref(before);
        return res_invalid(r);
    }
    if (store_files(f, nf) < 0) {
        free_files(f, nf);
        json_decref(before);
        return res_internal(r, "attachment store failed");
    }
    int rc = db_begin(db) < 0;
    /* Lock the assignment before inserting the report: the insert's foreign-key check would take
     * a shared lock that the UPDATE below must then upgrade, and two such writers (two reports,
     * or a report and its task's delete) deadlock on the upgrade. 0 rows: deleted meanwhile. */
    long long one = 0;
    int here =
        rc ? -1
           : db_query_int(db, &one, "SELECT 1 FROM assignments WHERE id = ? FOR UPDATE", "i", id);
    if (here == 0) {
        db_rollback(db);
        free_files(f, nf);
        json_decref(before);
        return not_found(r, "phân công");
    }
    rc = here < 0;
    if (!rc)
        rc = db_exec(db,
                     "INSERT INTO task_updates (assignment_id, period, status, progress, note, "
                     "evidence_no, evidence_date, attachment_name, attachment_sha256, "
                     "attachment_type, attachment_size, created_by, after_done_reason, "
                     "corrected_done_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, "
                     "?, ?)",
                     "ississssssIiss", id, period, status, progress, note, evidence_no,
                     evidence_date, nf ? f[0].name : NULL, nf ? f[0].sha : "",
                     nf ? filetype_mime(f[0].type) : NULL, nf ? (long long)f[0].len : 0LL,
                     r->user->user_id, in->reason, new_done) < 0;
    /* The task was deleted meanwhile (its delete locked the assignment first): 1452, no parent. */
    int gone = rc && db_errno(db) == 1452;
    long long uid = db_last_id(db);
    /* File 1 stays in the older columns too (migration 022): older readers keep working. */
    if (!rc) rc = insert_files(db, uid, f, nf) < 0;
    free_files(f, nf);
    if (gone) {
        db_rollback(db);
        json_decref(before);
        return not_found(r, "phân công");
    }
    if (!rc)
        /* The recorded completion date never moves but by a correction: completing writes it
         * once, going back to work keeps it, completing again keeps the first. */
        rc = db_exec(db,
                     "UPDATE assignments SET status = ?, progress = ?, done_date = COALESCE(?, "
                     "IF(? = 'done', COALESCE(done_date, CURDATE()), done_date)), last_update_at = "
                     "NOW() WHERE id = ?",
                     "sissi", status, progress, new_done, status, id) < 0;
    if (!rc) rc = plan_touch(db, json_integer_value(json_object_get(before, "plan_id")));
    json_t *after = NULL;
    if (!rc) rc = load_assignment(r, db, id, &after) != 1;
    if (!rc) rc = notify_lead(db, after, uid, r->user->unit_id) < 0;
    const char *action = new_done ? "assignment.correct_done_date" : "assignment.update";
    if (rc || audit_write(db, r, action, "assignment", id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    json_object_set_new(after, "update_id", json_integer(uid));
    res_json(r, 201, after);
    return 0;
}

int h_attachments_get(req_t *r) {
    const char *sha = req_param(r, "sha");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* The same bytes may be evidence of several units: any update the reader may see will do. */
    json_t *ups = sha && strlen(sha) == 64
                      ? db_query_json(db,
                                      "SELECT u.assignment_id, f.name AS attachment_name, "
                                      "f.type AS attachment_type FROM task_update_files f JOIN "
                                      "task_updates u ON u.id = f.update_id WHERE f.sha256 = ? "
                                      "UNION ALL SELECT u.assignment_id, u.attachment_name, "
                                      "u.attachment_type FROM task_updates u WHERE "
                                      "u.attachment_sha256 = ? LIMIT 100",
                                      "ss", sha, sha)
                      : NULL;
    if (sha && strlen(sha) == 64 && !ups) return db_fail(r, db);
    json_t *u = NULL, *cand;
    size_t i;
    int found = 0;
    json_array_foreach(ups, i, cand) {
        json_t *a = NULL;
        found =
            load_assignment(r, db, json_integer_value(json_object_get(cand, "assignment_id")), &a);
        json_decref(a);
        if (found < 0) break;
        if (found == 1) {
            u = json_incref(cand);
            break;
        }
    }
    json_decref(ups);
    if (found < 0) return db_fail(r, db);
    if (!u) return not_found(r, "tệp đính kèm");
    int rc = res_stored_file(r, sha, json_string_value(json_object_get(u, "attachment_type")),
                             json_string_value(json_object_get(u, "attachment_name")));
    json_decref(u);
    return rc;
}

int h_update_file_get(req_t *r) {
    const char *ns = req_param(r, "n");
    long long id = req_param_id(r, "id");
    /* n is 1..5 written as such: anything else names no file. */
    if (!ns || strlen(ns) != 1 || ns[0] < '1' || ns[0] > '0' + UPDATE_FILES)
        return not_found(r, "tệp minh chứng");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *f = NULL, *a = NULL;
    int found = db_query_row_json(db, &f,
                                  "SELECT u.assignment_id, f.name, f.sha256, f.type FROM "
                                  "task_update_files f JOIN task_updates u ON u.id = f.update_id "
                                  "WHERE f.update_id = ? AND f.n = ?",
                                  "ii", id, (long long)(ns[0] - '0'));
    if (found == 1)
        found = load_assignment(r, db, json_integer_value(json_object_get(f, "assignment_id")), &a);
    json_decref(a);
    if (found != 1) {
        json_decref(f);
        return found < 0 ? db_fail(r, db) : not_found(r, "tệp minh chứng");
    }
    int rc = res_stored_file(r, json_string_value(json_object_get(f, "sha256")),
                             json_string_value(json_object_get(f, "type")),
                             json_string_value(json_object_get(f, "name")));
    json_decref(f);
    return rc;
}
