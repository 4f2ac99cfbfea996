/* /api/v1/inspections: inspections of units, their team, checklist, evidence, findings with
 * follow-up assignments, conclusion and closing; the checklist templates (issue 18). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback_common.h"
#include "api/followup.h"
#include "api/inspections.h"
#include "api/inspections_common.h"
#include "api/plans.h"
#include "api/units.h"
#include "api/uploads_gc.h"
#include "api/xlsx_table.h"
#include "core/access.h"
#include "core/period.h"
#include "server/server.h"

static const char *const team_roles[] = {"head", "member", "secretary", NULL};
static const char *const results[] = {"compliant", "not_compliant", "not_applicable", NULL};
#define TEAM_MAX       30
#define EVIDENCE_FILES 5

/* ---- the list and its export ---------------------------------------------------------------- */

struct list_query {
    long long unit_id, year;
    int status;
    struct page page;
};
static const struct in_decl list_fields[] = {
    IN_FIELD(struct list_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct list_query, year, IN_INT, 0, 1990, 2100, NULL),
    IN_FIELD(struct list_query, status, IN_ENUM, 0, 0, 0, insp_statuses),
};
const struct in_spec in_inspections_list = IN_SPEC_PAGED(struct list_query, list_fields, 50, 500);
const struct in_spec in_inspections_export = IN_SPEC(struct list_query, list_fields);

/* The filter after INSP_SCOPE: unit (inspected or inspecting), year of the planned date, status.
 */
#define LIST_WHERE                                                                                 \
    "WHERE " INSP_SCOPE " AND (? = 0 OR i.unit_id = ? OR i.inspecting_unit_id = ?) AND (? = 0 OR " \
    "YEAR(i.planned_date) = ?) AND (? IS NULL OR i.status = ?) "

static const char list_select[] =
    "SELECT i.id, i.inspecting_unit_id, bu.name AS inspecting_unit_name, i.unit_id, un.name AS "
    "unit_name, i.subject, CASE i.subject WHEN 'kstt' THEN 'Kiểm soát TTHC' WHEN 'one_stop' THEN "
    "'Cơ chế một cửa' WHEN 'public_posting' THEN 'Công khai TTHC' WHEN 'feedback_handling' THEN "
    "'Xử lý phản ánh, kiến nghị' ELSE 'Giải quyết hồ sơ' END AS subject_label, i.planned_date, "
    "i.actual_date, i.announced, i.plan_id, i.status, CASE i.status WHEN 'planned' THEN 'Kế "
    "hoạch' WHEN 'done' THEN 'Đã kiểm tra' ELSE 'Đã kết thúc' END AS status_label, "
    "i.conclusion_no, i.conclusion_date, (SELECT COUNT(*) FROM inspection_findings f WHERE "
    "f.inspection_id = i.id) AS findings, (SELECT COUNT(*) FROM assignments a WHERE "
    "a.source_kind = 'inspection' AND a.source_id = i.id AND a.status <> 'done') AS "
    "open_followups FROM inspections i JOIN units bu ON bu.id = i.inspecting_unit_id JOIN units "
    "un ON un.id = i.unit_id ";

/* The rows the query picks for r's principal (per_page 0: all), or NULL; the total in *total. */
static json_t *list_rows(req_t *r, db_t *db, const struct list_query *in, long long per_page,
                         long long offset, long long *total) {
    const char *status = in_choice(insp_statuses, in->status);
    long long pw = scope_province_wide(r->user), u = r->user->unit_id;
    char sql[2400];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM inspections i " LIST_WHERE);
#define ARGS pw, u, u, in->unit_id, in->unit_id, in->unit_id, in->year, in->year, status, status
    if (db_query_int(db, total, sql, "iiiiiiiiss", ARGS) < 0) return NULL;
    snprintf(sql, sizeof sql,
             "%s" LIST_WHERE "ORDER BY i.planned_date DESC, i.id DESC LIMIT ? OFFSET ?",
             list_select);
    json_t *rows =
        db_query_json(db, sql, "iiiiiiiissii", ARGS, per_page ? per_page : 100000LL, offset);
#undef ARGS
    return rows;
}

int h_inspections_list(req_t *r) {
    const struct list_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = list_rows(r, db, in, in->page.per_page, in->page.offset, &total);
    if (!rows) return db_fail(r, db);
    res_json(r, 200, list_envelope(rows, total, &in->page));
    return 0;
}

static const struct xlsx_col export_cols[] = {
    {"unit_name", "Đơn vị được kiểm tra", 30},
    {"inspecting_unit_name", "Đơn vị kiểm tra", 30},
    {"subject_label", "Nội dung", 24},
    {"planned_date", "Ngày dự kiến", 12},
    {"actual_date", "Ngày kiểm tra", 12},
    {"announced", "Thông báo trước", 10},
    {"status_label", "Trạng thái", 14},
    {"findings", "Số kết luận, phát hiện", 10},
    {"open_followups", "Việc khắc phục chưa xong", 10},
    {"conclusion_no", "Số kết luận", 14},
};

int h_inspections_export(req_t *r) {
    const struct list_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    json_t *rows = list_rows(r, db, in, 0, 0, &total);
    if (!rows) return db_fail(r, db);
    char unit[300], year[40] = "", title[800];
    scope_unit_name(db, r->user, in->unit_id, unit, sizeof unit);
    if (in->year) snprintf(year, sizeof year, "năm %lld", in->year);
    snprintf(title, sizeof title, "DANH SÁCH CUỘC KIỂM TRA công tác kiểm soát TTHC — %s — %s", unit,
             in->year ? year : "tất cả các năm");
    int rc = res_xlsx_table(r, title, export_cols, sizeof export_cols / sizeof export_cols[0], rows,
                            "kiem-tra.xlsx");
    json_decref(rows);
    return rc;
}

/* ---- create, read, update ------------------------------------------------------------------- */

/* Checks the team [{user_id, role}] (at most one head, each user once and active): 0 or -1 with
 * errors under "team" (-2 on a database error). */
static int check_team(req_t *r, db_t *db, json_t *team) {
    if (!json_is_array(team) || json_array_size(team) > TEAM_MAX) {
        req_error(r, "team", "Đoàn kiểm tra là danh sách tối đa 30 thành viên {user_id, role}.");
        return -1;
    }
    size_t i, j;
    json_t *m, *o;
    int heads = 0;
    json_array_foreach(team, i, m) {
        json_t *uid = json_object_get(m, "user_id");
        const char *role = json_string_value(json_object_get(m, "role"));
        int ok = json_is_object(m) && json_object_size(m) == 2 && json_is_integer(uid) &&
                 json_integer_value(uid) > 0 && role;
        int known = 0;
        for (int k = 0; ok && team_roles[k]; k++) known |= strcmp(role, team_roles[k]) == 0;
        if (!ok || !known) {
            req_error(r, "team",
                      "Mỗi thành viên cần user_id và vai trò head, member hoặc secretary.");
            return -1;
        }
        heads += strcmp(role, "head") == 0;
        json_array_foreach(team, j, o) {
            if (j < i &&
                json_integer_value(json_object_get(o, "user_id")) == json_integer_value(uid)) {
                req_error(r, "team", "Một người chỉ có một vai trò trong đoàn kiểm tra.");
                return -1;
            }
        }
        long long one;
        int found = db_query_int(db, &one, "SELECT 1 FROM users WHERE id = ? AND active = 1", "i",
                                 (long long)json_integer_value(uid));
        if (found < 0) return -2;
        if (!found) {
            req_error(r, "team",
                      "Không tìm thấy thành viên đoàn kiểm tra (tài khoản đang hoạt động).");
            return -1;
        }
    }
    if (heads > 1) {
        req_error(r, "team", "Đoàn kiểm tra có một trưởng đoàn.");
        return -1;
    }
    return 0;
}

/* Replaces the team rows (a checked team) in the caller's transaction: 0 or -1. */
static int write_team(db_t *db, long long id, json_t *team) {
    if (db_exec(db, "DELETE FROM inspection_team WHERE inspection_id = ?", "i", id) < 0) return -1;
    size_t i;
    json_t *m;
    json_array_foreach(team, i, m) {
        if (db_exec(db,
                    "INSERT INTO inspection_team (inspection_id, user_id, role) VALUES (?, ?, ?)",
                    "iis", id, (long long)json_integer_value(json_object_get(m, "user_id")),
                    json_string_value(json_object_get(m, "role"))) < 0)
            return -1;
    }
    return 0;
}

struct create_input {
    long long unit_id, plan_id;
    int subject, announced;
    struct ymd planned_date;
    json_t *team;
};
static const struct in_decl create_fields[] = {
    IN_FIELD(struct create_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct create_input, subject, IN_ENUM, IN_REQUIRED, 0, 0, insp_subjects),
    IN_FIELD(struct create_input, planned_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct create_input, announced, IN_BOOL, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct create_input, plan_id, IN_ID, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct create_input, team, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_inspections_create = IN_SPEC(struct create_input, create_fields);

/* The plan an inspection belongs to must be an inspection plan the principal may write: 0, -1
 * with an error under plan_id, -2 on a database error. */
static int check_plan(req_t *r, db_t *db, long long plan_id) {
    if (!plan_id) return 0;
    json_t *plan = NULL;
    int found = plan_find(db, r->user, plan_id, &plan);
    if (found < 0) return -2;
    int ok = found && strcmp(json_string_value(json_object_get(plan, "kind")), "inspection") == 0;
    int w = ok ? plan_writable(db, r->user, plan) : 0;
    json_decref(plan);
    if (w < 0) return -2;
    if (!ok || !w) {
        req_error(r, "plan_id", "Kế hoạch phải là kế hoạch kiểm tra của đơn vị bạn.");
        return -1;
    }
    return 0;
}

/* Answers the inspection id as p sees it (status). */
static int answer(req_t *r, db_t *db, long long id, int status) {
    json_t *row = NULL;
    int found = insp_load(db, r->user, id, &row);
    if (found < 0) return db_fail(r, db);
    if (!found) return not_found(r, "cuộc kiểm tra");
    res_json(r, status, row);
    return 0;
}

int h_inspections_create(req_t *r) {
    const struct create_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int may = insp_may_inspect(db, r->user, in->unit_id);
    if (may < 0) return db_fail(r, db);
    if (!may)
        req_error(r, "unit_id", "Đơn vị được kiểm tra phải là đơn vị cấp dưới của đơn vị bạn.");
    int t = check_team(r, db, in->team), p = check_plan(r, db, in->plan_id);
    if (t == -2 || p == -2) return db_fail(r, db);
    if (req_has_errors(r)) return res_invalid(r);
    char date[11];
    const char *subject = in_choice(insp_subjects, in->subject);
    if (db_begin(db) < 0 ||
        db_exec(db,
                "INSERT INTO inspections (inspecting_unit_id, unit_id, subject, planned_date, "
                "announced, plan_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "iissiIi", r->user->unit_id, in->unit_id, subject,
                in_date_str(in->planned_date, date), (long long)in->announced, in->plan_id,
                r->user->user_id) < 0)
        return db_fail(r, db);
    long long id = db_last_id(db);
    /* The checklist copies the template's items as they read today. */
    if (write_team(db, id, in->team) < 0 ||
        db_exec(db,
                "INSERT INTO inspection_checklist (inspection_id, n, text) SELECT ?, ROW_NUMBER() "
                "OVER (ORDER BY sort_order, id), text FROM inspection_template_items WHERE "
                "subject = ?",
                "is", id, subject) < 0)
        return db_fail(r, db);
    json_t *after = NULL;
    if (insp_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, "inspection.create", "inspection", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    res_json(r, 201, after);
    return 0;
}

int h_inspections_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    return answer(r, db, req_param_id(r, "id"), 200);
}

/* Begins the write: the inspection locked, visible and writable, into *row; -1 after answering
 * (404, 403, 409 when closed and closed_ok is 0, 503). */
static int begin_write(req_t *r, db_t *db, long long id, json_t **row) {
    json_t *locked = NULL;
    if (begin_locked_row(r, db, &locked, "SELECT id FROM inspections WHERE id = ? FOR UPDATE", id,
                         "cuộc kiểm tra") < 0)
        return -1;
    json_decref(locked);
    int found = insp_load(db, r->user, id, row);
    if (found <= 0) {
        if (found < 0) return db_fail(r, db);
        db_rollback(db);
        return not_found(r, "cuộc kiểm tra");
    }
    int w = insp_writable(db, r->user, *row);
    const char *st = json_string_value(json_object_get(*row, "status"));
    if (w <= 0 || strcmp(st, "closed") == 0) {
        json_decref(*row);
        *row = NULL;
        if (w < 0) return db_fail(r, db);
        db_rollback(db);
        if (w == 0) {
            res_problem(r, 403, "Không có quyền",
                        "Chỉ đơn vị kiểm tra được cập nhật cuộc kiểm tra này.");
            return -1;
        }
        return res_conflict(r, "Cuộc kiểm tra đã kết thúc, không thể thay đổi.", "[]");
    }
    return 1;
}

struct update_input {
    struct ymd planned_date, actual_date, conclusion_date;
    int announced, has_planned_date, has_actual_date, has_conclusion_date, has_announced,
        has_conclusion_no;
    const char *conclusion_no;
    json_t *team, *checklist;
};
static const struct in_decl update_fields[] = {
    IN_FIELD_HAS(struct update_input, planned_date, IN_DATE, 0, 0, 0, NULL, has_planned_date),
    IN_FIELD_HAS(struct update_input, actual_date, IN_DATE, IN_NULLABLE, 0, 0, NULL,
                 has_actual_date),
    IN_FIELD_HAS(struct update_input, announced, IN_BOOL, 0, 0, 0, NULL, has_announced),
    IN_FIELD(struct update_input, team, IN_JSON, 0, 0, 0, NULL),
    IN_FIELD(struct update_input, checklist, IN_JSON, 0, 0, 0, NULL),
    IN_FIELD_HAS(struct update_input, conclusion_no, IN_STR, IN_NULLABLE, 1, 64, NULL,
                 has_conclusion_no),
    IN_FIELD_HAS(struct update_input, conclusion_date, IN_DATE, IN_NULLABLE, 0, 0, NULL,
                 has_conclusion_date),
};
const struct in_spec in_inspections_update = IN_SPEC(struct update_input, update_fields);

/* Checks the checklist results [{n, result, note}] against the inspection's items: 0 or -1. */
static int check_checklist(req_t *r, json_t *list, json_t *insp) {
    if (!list) return 0;
    size_t items = json_array_size(json_object_get(insp, "checklist")), i;
    json_t *c;
    if (!json_is_array(list)) goto bad;
    json_array_foreach(list, i, c) {
        json_t *n = json_object_get(c, "n"), *res = json_object_get(c, "result"),
               *note = json_object_get(c, "note");
        if (!json_is_object(c) || !json_is_integer(n) || json_integer_value(n) < 1 ||
            (size_t)json_integer_value(n) > items ||
            (note && !json_is_null(note) &&
             (!json_is_string(note) || json_string_length(note) > 4000)))
            goto bad;
        int ok = json_is_null(res) || !res;
        for (int k = 0; !ok && json_is_string(res) && results[k]; k++)
            ok = strcmp(json_string_value(res), results[k]) == 0;
        if (!ok) goto bad;
    }
    return 0;
bad:
    req_error(r, "checklist",
              "Mỗi mục cần số thứ tự n của danh mục, kết quả compliant, "
              "not_compliant hoặc not_applicable và ghi chú.");
    return -1;
}

static int write_checklist(db_t *db, long long id, json_t *list) {
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        if (db_exec(db,
                    "UPDATE inspection_checklist SET result = ?, note = ? WHERE inspection_id = ? "
                    "AND n = ?",
                    "ssii", json_string_value(json_object_get(c, "result")),
                    json_string_value(json_object_get(c, "note")), id,
                    (long long)json_integer_value(json_object_get(c, "n"))) < 0)
            return -1;
    }
    return 0;
}

/* Writes the scalar columns that were sent. */
static int write_fields(db_t *db, long long id, const struct update_input *in) {
    char d1[11], d2[11], d3[11];
    /* Carried out once it has an actual date; back to planned when the date is taken away. */
    return db_exec(db,
                   "UPDATE inspections SET planned_date = IF(? = 1, ?, planned_date), actual_date "
                   "= IF(? = 1, ?, actual_date), announced = IF(? = 1, ?, announced), "
                   "conclusion_no = IF(? = 1, ?, conclusion_no), conclusion_date = IF(? = 1, ?, "
                   "conclusion_date), status = IF(actual_date IS NULL, 'planned', 'done') WHERE "
                   "id = ?",
                   "isisiiisisi", (long long)in->has_planned_date,
                   in_date_str(in->planned_date, d1), (long long)in->has_actual_date,
                   in_date_str(in->actual_date, d2), (long long)in->has_announced,
                   (long long)in->announced, (long long)in->has_conclusion_no, in->conclusion_no,
                   (long long)in->has_conclusion_date, in_date_str(in->conclusion_date, d3), id) < 0
               ? -1
               : 0;
}

int h_inspections_update(req_t *r) {
    const struct update_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (in->has_actual_date && in->actual_date.y && ymd_cmp(in->actual_date, calendar_today()) > 0)
        req_error(r, "actual_date", "Ngày kiểm tra không được sau hôm nay.");
    int t = in->team ? check_team(r, db, in->team) : 0;
    if (t == -2) return db_fail(r, db);
    if (req_has_errors(r)) return res_invalid(r);
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) return -1;
    if (check_checklist(r, in->checklist, before) < 0) {
        json_decref(before);
        db_rollback(db);
        return res_invalid(r);
    }
    int rc = write_fields(db, id, in) < 0 || (in->team && write_team(db, id, in->team) < 0) ||
             (in->checklist && write_checklist(db, id, in->checklist) < 0);
    json_t *after = NULL;
    if (rc || insp_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, "inspection.update", "inspection", id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, 200, after);
    return 0;
}

/* ---- findings and closing ------------------------------------------------------------------- */

struct finding_input {
    const char *text;
    int action_required;
    struct ymd due;
};
static const struct in_decl finding_fields[] = {
    IN_FIELD(struct finding_input, text, IN_STR, IN_REQUIRED, 1, 4000, NULL),
    IN_FIELD(struct finding_input, action_required, IN_BOOL, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct finding_input, due, IN_DATE, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_inspection_findings_create = IN_SPEC(struct finding_input, finding_fields);

/* The follow-up of a finding: in the inspection's plan when it is published, else in the
 * inspecting unit's yearly follow-up plan (decision 147). The assignment id or -1. */
static long long finding_followup(db_t *db, json_t *insp, long long finding_id, const char *text,
                                  const char *due) {
    long long plan_id = json_integer_value(json_object_get(insp, "plan_id")), pub = 0;
    if (plan_id &&
        db_query_int(db, &pub, "SELECT status = 'published' FROM plans WHERE id = ? FOR UPDATE",
                     "i", plan_id) < 0)
        return -1;
    char title[700];
    snprintf(title, sizeof title, "Khắc phục sau kiểm tra (%s): %.600s",
             json_string_value(json_object_get(insp, "inspecting_unit_name")), text);
    const char *date = json_string_value(json_object_get(insp, "planned_date"));
    struct followup f = {"inspection",
                         json_integer_value(json_object_get(insp, "id")),
                         json_integer_value(json_object_get(insp, "inspecting_unit_id")),
                         pub ? plan_id : 0,
                         atoi(date),
                         json_integer_value(json_object_get(insp, "unit_id")),
                         title,
                         due};
    long long asg = followup_create(db, &f);
    if (asg < 0 || db_exec(db, "UPDATE inspection_findings SET assignment_id = ? WHERE id = ?",
                           "ii", asg, finding_id) < 0)
        return -1;
    return asg;
}

int h_inspection_findings_create(req_t *r) {
    const struct finding_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    char due[11];
    const char *due_s = in_date_str(in->due, due);
    if (in->action_required && !due_s)
        req_error(r, "due", "Việc cần khắc phục phải có hạn hoàn thành.");
    if (req_has_errors(r)) return res_invalid(r);
    json_t *insp = NULL;
    if (begin_write(r, db, id, &insp) < 0) return -1;
    long long fid = 0, asg = 0;
    int rc =
        db_exec(db,
                "INSERT INTO inspection_findings (inspection_id, text, action_required, due, "
                "created_by) VALUES (?, ?, ?, ?, ?)",
                "isisi", id, in->text, (long long)in->action_required, due_s, r->user->user_id) < 0;
    if (!rc) fid = db_last_id(db);
    if (!rc && in->action_required)
        rc = (asg = finding_followup(db, insp, fid, in->text, due_s)) < 0;
    json_decref(insp);
    json_t *after =
        rc ? NULL
           : json_pack("{s:I,s:I,s:s,s:b,s:s?,s:o}", "id", (json_int_t)fid, "inspection_id",
                       (json_int_t)id, "text", in->text, "action_required", in->action_required,
                       "due", due_s, "assignment_id", asg ? json_integer(asg) : json_null());
    if (!after || audit_write(db, r, "inspection.finding", "inspection", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        return db_fail(r, db);
    }
    res_json(r, 201, after);
    return 0;
}

/* 409 naming the follow-ups still open (open_followups: their assignment ids). */
static int conflict_open(req_t *r, json_t *ids) {
    char detail[300];
    snprintf(detail, sizeof detail,
             "Còn %zu việc khắc phục chưa hoàn thành: chưa thể kết thúc cuộc kiểm tra.",
             json_array_size(ids));
    json_t *p = json_pack("{s:s,s:s,s:i,s:s,s:s,s:o}", "type", "about:blank", "title",
                          "Xung đột trạng thái", "status", 409, "detail", detail, "request_id",
                          r->request_id, "open_followups", ids);
    char *s = p ? json_dumps(p, JSON_COMPACT) : NULL;
    json_decref(p);
    if (!s) return res_no_memory(r);
    res_raw(r, 409, "application/problem+json; charset=utf-8", s, strlen(s));
    free(s);
    return -1;
}

int h_inspections_close(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) return -1;
    json_t *open = followup_open_ids(db, "inspection", id);
    if (!open) {
        json_decref(before);
        return db_fail(r, db);
    }
    if (json_array_size(open) > 0 || json_is_null(json_object_get(before, "actual_date"))) {
        json_decref(before);
        db_rollback(db);
        if (json_array_size(open) > 0) return conflict_open(r, open);
        json_decref(open);
        return res_conflict(r, "Cuộc kiểm tra chưa được thực hiện (chưa có ngày kiểm tra).", "[]");
    }
    json_decref(open);
    json_t *after = NULL;
    if (db_exec(db, "UPDATE inspections SET status = 'closed', closed_at = NOW() WHERE id = ?", "i",
                id) < 0 ||
        insp_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, "inspection.close", "inspection", id, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, 200, after);
    return 0;
}

/* ---- files: evidence of a checklist item, the conclusion document --------------------------- */

static void discard(db_t *db, struct fb_file *files, int n) {
    if (db_in_txn(db)) db_rollback(db);
    for (int i = 0; i < n; i++)
        if (files[i].sha[0]) upload_discard(db, server_cfg->upload_dir, files[i].sha);
}

/* The files and the item number of a multipart body: the count, or -1 after answering. */
static int read_files(req_t *r, struct fb_file *files, long long *item) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        req_error(r, "files", "Hãy gửi tệp bằng biểu mẫu (multipart/form-data).");
        return res_invalid(r);
    }
    static const char *const numbers[] = {"item", NULL};
    int n = 0;
    json_t *obj = fb_form_json(r, "files", numbers, files, &n, EVIDENCE_FILES);
    if (!obj) return -1;
    const char *key;
    json_t *v;
    *item = 0;
    json_object_foreach(obj, key, v) {
        if (strcmp(key, "item") == 0 && json_is_integer(v) && json_integer_value(v) > 0)
            *item = json_integer_value(v);
        else
            req_error(r, key, "Trường này không được nhận.");
    }
    json_decref(obj);
    if (!req_has_errors(r) && n == 0) req_error(r, "files", "Hãy chọn ít nhất một tệp.");
    if (!req_has_errors(r) && !*item && n > 1)
        req_error(r, "files", "Văn bản kết luận là một tệp.");
    return req_has_errors(r) ? res_invalid(r) : n;
}

/* Stores the files as evidence of item (or the conclusion when item is 0): 0, -1, -2 no item. */
static int insert_files(req_t *r, db_t *db, long long id, long long item, struct fb_file *f, int n,
                        json_t *insp) {
    if (!item)
        return db_exec(db,
                       "UPDATE inspections SET conclusion_name = ?, conclusion_sha256 = ?, "
                       "conclusion_mime = ?, conclusion_size = ? WHERE id = ?",
                       "sssii", f[0].name, f[0].sha, f[0].mime, (long long)f[0].len, id) < 0
                   ? -1
                   : 0;
    if ((size_t)item > json_array_size(json_object_get(insp, "checklist"))) return -2;
    for (int i = 0; i < n; i++)
        if (db_exec(db,
                    "INSERT INTO inspection_evidence (inspection_id, item_n, name, sha256, mime, "
                    "size, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "iisssii", id, item, f[i].name, f[i].sha, f[i].mime, (long long)f[i].len,
                    r->user->user_id) < 0)
            return -1;
    return 0;
}

int h_inspection_files_add(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_file files[EVIDENCE_FILES];
    memset(files, 0, sizeof files);
    long long item = 0, id = req_param_id(r, "id");
    int n = read_files(r, files, &item);
    if (n < 0) return -1;
    json_t *before = NULL;
    if (begin_write(r, db, id, &before) < 0) {
        fb_files_free(files, n);
        return -1;
    }
    /* The inspection exists, is open and writable: only now do the bytes touch the disk. */
    if (fb_files_store(files, n) < 0) {
        json_decref(before);
        discard(db, files, n);
        fb_files_free(files, n);
        return res_internal(r, "inspection file store failed");
    }
    int rc = insert_files(r, db, id, item, files, n, before);
    json_t *after = NULL;
    if (rc == -2) {
        json_decref(before);
        discard(db, files, n);
        fb_files_free(files, n);
        req_error(r, "item", "Không có mục này trong danh mục kiểm tra.");
        return res_invalid(r);
    }
    if (rc < 0 || insp_load(db, r->user, id, &after) <= 0 ||
        audit_write(db, r, item ? "inspection.evidence" : "inspection.conclusion", "inspection", id,
                    before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        discard(db, files, n);
        fb_files_free(files, n);
        return db_fail(r, db);
    }
    json_decref(before);
    fb_files_free(files, n);
    res_json(r, 201, after);
    return 0;
}

/* Answers a stored file of a visible inspection: sql selects name, sha256, mime by (id, key). */
static int send_file(req_t *r, const char *sql, long long key) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *insp = NULL, *file = NULL;
    int found = insp_load(db, r->user, id, &insp);
    json_decref(insp);
    if (found > 0) found = db_query_row_json(db, &file, sql, "ii", id, key);
    if (found < 0) return db_fail(r, db);
    if (!found || !json_is_string(json_object_get(file, "sha256"))) {
        json_decref(file);
        return not_found(r, "tệp");
    }
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}

int h_inspection_file_get(req_t *r) {
    return send_file(r,
                     "SELECT name, sha256, mime FROM inspection_evidence WHERE inspection_id = ? "
                     "AND id = ?",
                     req_param_id(r, "file_id"));
}

int h_inspection_conclusion_get(req_t *r) {
    return send_file(r,
                     "SELECT conclusion_name AS name, conclusion_sha256 AS sha256, "
                     "conclusion_mime AS mime FROM inspections WHERE id = ? AND ? = 0",
                     0);
}

/* ---- checklist templates -------------------------------------------------------------------- */

/* The subject of the route, or -1 (404) when it is not one. */
static int route_subject(req_t *r) {
    const char *s = req_param(r, "subject");
    for (int i = 0; s && insp_subjects[i]; i++)
        if (strcmp(s, insp_subjects[i]) == 0) return i;
    return not_found(r, "nội dung kiểm tra");
}

static json_t *template_json(db_t *db, const char *subject) {
    json_t *items = db_query_json(db,
                                  "SELECT text FROM inspection_template_items WHERE subject = ? "
                                  "ORDER BY sort_order, id",
                                  "s", subject);
    if (!items) return NULL;
    json_t *texts = json_array(), *it;
    size_t i;
    json_array_foreach(items, i, it) {
        json_array_append(texts, json_object_get(it, "text"));
    }
    json_decref(items);
    return json_pack("{s:s,s:o}", "subject", subject, "items", texts);
}

int h_inspection_templates_get(req_t *r) {
    int s = route_subject(r);
    if (s < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *t = template_json(db, insp_subjects[s]);
    if (!t) return db_fail(r, db);
    res_json(r, 200, t);
    return 0;
}

struct template_input {
    json_t *items;
};
static const struct in_decl template_fields[] = {
    IN_FIELD(struct template_input, items, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_inspection_templates_put = IN_SPEC(struct template_input, template_fields);

static int check_items(req_t *r, json_t *items) {
    size_t i;
    json_t *it;
    int ok = json_is_array(items) && json_array_size(items) <= 100;
    json_array_foreach(items, i, it) {
        ok = ok && json_is_string(it) && json_string_length(it) >= 1 &&
             json_string_length(it) <= 1000;
    }
    if (!ok) req_error(r, "items", "Danh mục là danh sách tối đa 100 nội dung (1–1000 ký tự).");
    return ok ? 0 : -1;
}

int h_inspection_templates_put(req_t *r) {
    const struct template_input *in = r->body_in;
    int s = route_subject(r);
    if (s < 0) return -1;
    if (check_items(r, in->items) < 0) return res_invalid(r);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    const char *subject = insp_subjects[s];
    json_t *before = NULL;
    if (db_begin(db) < 0 || !(before = template_json(db, subject))) return db_fail(r, db);
    /* Template rows are not evidence: every checklist made from them holds its own copy. */
    int rc =
        db_exec(db, "DELETE FROM inspection_template_items WHERE subject = ?", "s", subject) < 0;
    size_t i;
    json_t *it;
    json_array_foreach(in->items, i, it) {
        if (!rc)
            rc = db_exec(db,
                         "INSERT INTO inspection_template_items (subject, sort_order, text) "
                         "VALUES (?, ?, ?)",
                         "sis", subject, (long long)i + 1, json_string_value(it)) < 0;
    }
    json_t *after = rc ? NULL : template_json(db, subject);
    if (!after ||
        audit_write(db, r, "inspection.template", "inspection_template", 0, before, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    json_decref(before);
    res_json(r, 200, after);
    return 0;
}
