/* /api/v1/dossiers/{id}/explanations and /apologies: the accountability records of a late
 * dossier (issue 20) with their files, recorded by the handling unit or a unit above it. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/feedback_common.h"
#include "api/kpi.h"
#include "api/late.h"
#include "api/units.h"
#include "server/server.h"
#include "api/uploads_gc.h"

/*
 * A dossier may carry records when it is late (decision 198): resolved late (the `late` flag
 * the ingest derives, as the late lists read it) or still in progress past its due date or
 * with more than one supplement request (the indicators' "overdue"). One "s" parameter: today.
 */
#define DOSSIER_ROW                                                                                \
    "SELECT d.id, d.code, d.procedure_code, d.unit_id, u.code AS unit_code, u.name AS "            \
    "unit_name, d.status, d.received_at, d.due_at, d.finished_at, d.supplement_count, "            \
    "d.handler_name, d.handler_code, d.apology_issued, (d.late = 1 OR (d.finished_at IS NULL "     \
    "AND (DATE(COALESCE(d.due_at, d.received_at)) < ? OR d.supplement_count > 1))) AS late FROM "  \
    "dossiers d JOIN units u ON u.id = d.unit_id WHERE d.id = ?"

/* The two kinds of record share their routes' shape; what differs is here. */
struct kind {
    const char *what;       /* Vietnamese, for 404 */
    const char *entity;     /* audit entity */
    const char *list_sql;   /* one "i": the dossier */
    const char *one_sql;    /* "ii": the record, the dossier */
    const char *file_label; /* the message for a missing file */
    const struct in_spec *spec;
    /* checks beyond the declared fields (adds errors to r) and inserts the row: the new id */
    void (*check)(req_t *r, const void *in);
    long long (*insert)(req_t *r, db_t *db, long long dossier, const void *in,
                        const struct fb_file *f);
    int apology; /* the record sets the dossier's apology flag */
};

#define RECORD_TAIL                                                                                \
    "x.file_name, x.mime, x.size, x.created_by, us.full_name AS created_by_name, x.created_at"

#define EXPLANATION_COLS                                                                           \
    "SELECT x.id, x.dossier_id, x.unit_id AS recorded_unit_id, un.name AS recorded_unit_name, "    \
    "x.doc_no, x.doc_date, x.reason, " RECORD_TAIL                                                 \
    " FROM dossier_explanations x JOIN units un ON un.id = x.unit_id JOIN users us ON us.id = "    \
    "x.created_by"
#define APOLOGY_COLS                                                                               \
    "SELECT x.id, x.dossier_id, x.unit_id AS recorded_unit_id, un.name AS recorded_unit_name, "    \
    "x.letter_no, x.letter_date, x.sent_via, x.new_due_date, " RECORD_TAIL                         \
    " FROM dossier_apologies x JOIN units un ON un.id = x.unit_id JOIN users us ON us.id = "       \
    "x.created_by"

/* --- the declared forms --- */

static const char *const sent_vias[] = {"direct", "postal", "email", "sms", "portal", NULL};

struct explanation_in {
    const char *doc_no, *reason;
    struct ymd doc_date;
};
static const struct in_decl explanation_fields[] = {
    IN_FIELD(struct explanation_in, doc_no, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct explanation_in, doc_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct explanation_in, reason, IN_STR, IN_REQUIRED, 1, 2000, NULL),
};
static const struct in_spec in_late_explanation =
    IN_SPEC_FORM(struct explanation_in, explanation_fields);

struct apology_in {
    const char *letter_no;
    struct ymd letter_date, new_due_date;
    int sent_via;
};
static const struct in_decl apology_fields[] = {
    IN_FIELD(struct apology_in, letter_no, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct apology_in, letter_date, IN_DATE, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct apology_in, sent_via, IN_ENUM, IN_REQUIRED, 0, 0, sent_vias),
    IN_FIELD(struct apology_in, new_due_date, IN_DATE, 0, 0, 0, NULL),
};
static const struct in_spec in_late_apology = IN_SPEC_FORM(struct apology_in, apology_fields);

/* A text of only spaces and line breaks says nothing. */
static int blank(const char *s) {
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s)) return 0;
    return 1;
}

/* A document is dated on or before the day it is recorded. */
static void not_future(req_t *r, struct ymd d, const char *field) {
    if (ymd_to_days(d) > ymd_to_days(calendar_today()))
        req_error(r, field, "Ngày văn bản không được sau ngày hôm nay.");
}

static void explanation_check(req_t *r, const void *v) {
    const struct explanation_in *in = v;
    if (blank(in->doc_no)) req_error(r, "doc_no", "Không được để trống.");
    if (blank(in->reason)) req_error(r, "reason", "Hãy nêu lý do trễ hạn.");
    not_future(r, in->doc_date, "doc_date");
}

static void apology_check(req_t *r, const void *v) {
    const struct apology_in *in = v;
    if (blank(in->letter_no)) req_error(r, "letter_no", "Không được để trống.");
    not_future(r, in->letter_date, "letter_date");
    char d[11];
    if (in_date_str(in->new_due_date, d) &&
        ymd_to_days(in->new_due_date) < ymd_to_days(in->letter_date))
        req_error(r, "new_due_date", "Ngày hẹn trả kết quả mới không được trước ngày của phiếu.");
}

static long long explanation_insert(req_t *r, db_t *db, long long dossier, const void *v,
                                    const struct fb_file *f) {
    const struct explanation_in *in = v;
    char day[11];
    in_date_str(in->doc_date, day);
    if (db_exec(db,
                "INSERT INTO dossier_explanations (dossier_id, unit_id, doc_no, doc_date, reason, "
                "file_name, sha256, mime, size, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "iissssssii", dossier, r->user->unit_id, in->doc_no, day, in->reason, f->name,
                f->sha, f->mime, (long long)f->len, r->user->user_id) < 0)
        return -1;
    return db_last_id(db);
}

static long long apology_insert(req_t *r, db_t *db, long long dossier, const void *v,
                                const struct fb_file *f) {
    const struct apology_in *in = v;
    char day[11], due[11];
    in_date_str(in->letter_date, day);
    const char *due_s = in_date_str(in->new_due_date, due);
    if (db_exec(db,
                "INSERT INTO dossier_apologies (dossier_id, unit_id, letter_no, letter_date, "
                "sent_via, new_due_date, file_name, sha256, mime, size, created_by) VALUES (?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "iisssssssii", dossier, r->user->unit_id, in->letter_no, day,
                sent_vias[in->sent_via], due_s, f->name, f->sha, f->mime, (long long)f->len,
                r->user->user_id) < 0)
        return -1;
    return db_last_id(db);
}

static const struct kind EXPLANATION = {
    "văn bản giải trình",
    "dossier_explanation",
    EXPLANATION_COLS " WHERE x.dossier_id = ? ORDER BY x.id",
    EXPLANATION_COLS " WHERE x.id = ? AND x.dossier_id = ?",
    "Hãy đính kèm tệp văn bản giải trình.",
    &in_late_explanation,
    explanation_check,
    explanation_insert,
    0,
};
static const struct kind APOLOGY = {
    "phiếu xin lỗi",
    "dossier_apology",
    APOLOGY_COLS " WHERE x.dossier_id = ? ORDER BY x.id",
    APOLOGY_COLS " WHERE x.id = ? AND x.dossier_id = ?",
    "Hãy đính kèm tệp phiếu xin lỗi.",
    &in_late_apology,
    apology_check,
    apology_insert,
    1,
};

/* --- the dossier of the path --- */

/* The dossier of the path in the caller's scope into *row (booleans as booleans): 1, or
 * answered (404 outside the scope or missing, 503) and -1. lock: FOR UPDATE. */
static int dossier_load(req_t *r, db_t *db, int lock, json_t **row) {
    char today[11];
    ymd_format(calendar_today(), today);
    *row = NULL;
    int found = db_query_row_json(db, row, lock ? DOSSIER_ROW " FOR UPDATE" : DOSSIER_ROW, "si",
                                  today, req_param_id(r, "id"));
    if (found > 0)
        found = scope_has_unit(db, r->user, json_integer_value(json_object_get(*row, "unit_id")));
    if (found <= 0) {
        json_decref(*row);
        *row = NULL;
        if (found < 0) return db_fail(r, db);
        if (db_in_txn(db)) db_rollback(db);
        return not_found(r, "hồ sơ");
    }
    static const char *const flags[] = {"apology_issued", "late"};
    for (int i = 0; i < 2; i++)
        json_object_set_new(*row, flags[i],
                            json_boolean(json_truthy(json_object_get(*row, flags[i]))));
    return 1;
}

/* 409 for a dossier that is not late: -1 after answering, 0 when it is late. */
static int need_late(req_t *r, db_t *db, json_t *row) {
    if (json_is_true(json_object_get(row, "late"))) return 0;
    json_decref(row);
    if (db_in_txn(db)) db_rollback(db);
    res_problem(r, 409, "Hồ sơ không trễ hạn",
                "Chỉ ghi nhận giải trình, xin lỗi cho hồ sơ giải quyết trễ hạn hoặc đang quá hạn.");
    return -1;
}

/* --- list --- */

static int records_list(req_t *r, const struct kind *k) {
    db_t *db = db_or_503(r);
    json_t *d = NULL;
    if (!db || dossier_load(r, db, 0, &d) < 0) return -1;
    json_t *items =
        db_query_json(db, k->list_sql, "i", json_integer_value(json_object_get(d, "id")));
    if (!items) {
        json_decref(d);
        return db_fail(r, db);
    }
    res_json(r, 200, json_pack("{s:o, s:o}", "dossier", d, "items", items));
    return 0;
}

int h_late_explanations_list(req_t *r) {
    return records_list(r, &EXPLANATION);
}

int h_late_apologies_list(req_t *r) {
    return records_list(r, &APOLOGY);
}

/* --- add --- */

/* The form and its one file, checked against the kind's declared fields: the input (freed with
 * the request) or NULL after answering 400/422. */
static const void *read_form(req_t *r, const struct kind *k, struct fb_file *file, int *nfile) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    *nfile = 0;
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) {
        req_error(r, "file", "Hãy gửi biểu mẫu kèm tệp (multipart/form-data).");
        res_invalid(r);
        return NULL;
    }
    json_t *obj = fb_form_json(r, "file", NULL, file, nfile, 1);
    if (!obj) return NULL;
    r->json = obj; /* freed with the request */
    void *v = NULL;
    int checked = input_declared_body(r, k->spec, obj, &v);
    r->body_in = v; /* freed with the request */
    if (checked < 0) {
        fb_files_free(file, *nfile);
        return NULL;
    }
    k->check(r, v);
    if (*nfile == 0 && !req_has_errors(r)) req_error(r, "file", k->file_label);
    if (req_has_errors(r)) {
        fb_files_free(file, *nfile);
        res_invalid(r);
        return NULL;
    }
    return v;
}

/* Rolls back and removes the stored bytes when no row names them. */
static void discard(db_t *db, struct fb_file *f) {
    if (db_in_txn(db)) db_rollback(db);
    if (f->sha[0]) upload_discard(db, server_cfg->upload_dir, f->sha);
}

/* In one transaction: the dossier locked and checked again (a concurrent ingest may have
 * changed it), the record, the apology flag with its roll-ups. The new record or NULL. */
static json_t *record_write(req_t *r, db_t *db, const struct kind *k, const void *in,
                            const struct fb_file *f, long long *id) {
    json_t *d = NULL, *after = NULL;
    if (db_begin(db) < 0) return NULL;
    if (dossier_load(r, db, 1, &d) < 0 || need_late(r, db, d) < 0) return NULL;
    long long dossier = json_integer_value(json_object_get(d, "id"));
    json_decref(d);
    *id = k->insert(r, db, dossier, in, f);
    if (*id <= 0 || (k->apology && dossier_apology_mark(db, dossier) < 0)) return NULL;
    int found = db_query_row_json(db, &after, k->one_sql, "ii", *id, dossier);
    if (found == 1) return after;
    json_decref(after);
    return NULL;
}

static int record_add(req_t *r, const struct kind *k) {
    db_t *db = db_or_503(r);
    json_t *d = NULL;
    /* scope and lateness first: the body is not read for a dossier the caller may not touch */
    if (!db || dossier_load(r, db, 0, &d) < 0 || need_late(r, db, d) < 0) return -1;
    json_decref(d);
    struct fb_file file;
    memset(&file, 0, sizeof file);
    int nfile = 0;
    const void *in = read_form(r, k, &file, &nfile);
    if (!in) return -1;
    if (fb_files_store(&file, 1) < 0) {
        discard(db, &file);
        fb_files_free(&file, 1);
        return res_internal(r, "late record file store failed");
    }
    long long id = 0;
    json_t *after = record_write(r, db, k, in, &file, &id);
    if (!after) {
        /* answer first: db_fail reads the failed statement's error before the rollback */
        int rc = r->status ? -1 : db_fail(r, db);
        discard(db, &file);
        fb_files_free(&file, 1);
        return rc;
    }
    fb_files_free(&file, 1);
    return commit_write(r, db, 0, k->apology ? "dossier.apology" : "dossier.explanation", k->entity,
                        id, NULL, after, 201);
}

int h_late_explanations_add(req_t *r) {
    return record_add(r, &EXPLANATION);
}

int h_late_apologies_add(req_t *r) {
    return record_add(r, &APOLOGY);
}

/* --- a record's file --- */

static int record_file(req_t *r, const struct kind *k) {
    db_t *db = db_or_503(r);
    json_t *d = NULL, *row = NULL;
    if (!db || dossier_load(r, db, 0, &d) < 0) return -1;
    long long dossier = json_integer_value(json_object_get(d, "id"));
    json_decref(d);
    int found =
        db_query_row_json(db, &row,
                          k->apology ? "SELECT sha256, mime, file_name FROM "
                                       "dossier_apologies WHERE id = ? AND dossier_id = ?"
                                     : "SELECT sha256, mime, file_name FROM "
                                       "dossier_explanations WHERE id = ? AND dossier_id = ?",
                          "ii", req_param_id(r, "rid"), dossier);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, k->what);
    int rc = res_stored_file(r, json_string_value(json_object_get(row, "sha256")),
                             json_string_value(json_object_get(row, "mime")),
                             json_string_value(json_object_get(row, "file_name")));
    json_decref(row);
    return rc;
}

int h_late_explanation_file(req_t *r) {
    return record_file(r, &EXPLANATION);
}

int h_late_apology_file(req_t *r) {
    return record_file(r, &APOLOGY);
}
