/* /api/v1/trainings: training courses (tập huấn, bồi dưỡng) with their attendance, materials, the
 * counts by level, the officers not trained in a year, and the export (issue 18). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/registries.h"
#include "api/registries_common.h"
#include "api/units.h"
#include "server/server.h"

static const char *const levels[] = {"province", "department", "district", "commune",
                                     "vertical", "onestop",    "office",   NULL};

/* A course the principal sees: organised in its scope, or attended by someone of its scope.
 * Binds "iiii" (wide, unit, wide, unit). */
#define TR_VISIBLE                                                                                 \
    " AND (1 = 1" REG_SCOPE("t.organiser_unit_id") " OR EXISTS (SELECT 1 FROM training_attendees " \
                                                   "va WHERE va.training_id = t.id" REG_SCOPE(     \
                                                       "va.unit_id") "))"
/* The filter unit: organised in its subtree or attended by its people. Binds "iiii". */
#define TR_UNDER                                                                                   \
    " AND (1 = 1" REG_UNDER("t.organiser_unit_id") " OR EXISTS (SELECT 1 FROM training_attendees " \
                                                   "ua WHERE ua.training_id = t.id" REG_UNDER(     \
                                                       "ua.unit_id") "))"
#define TR_WHERE                                                                                   \
    " FROM trainings t JOIN units o ON o.id = t.organiser_unit_id WHERE (? = 0 OR "                \
    "YEAR(t.held_on) "                                                                             \
    "= ?) AND (? IS NULL OR t.level = ?)" TR_UNDER TR_VISIBLE
/* Attendees counted and shown are those in the principal's scope. Binds "ii". */
#define TR_COLS                                                                                    \
    "t.id, t.organiser_unit_id, o.name AS organiser_name, t.level, t.topic, t.held_on, t.online, " \
    "t.place, t.note, (SELECT COUNT(*) FROM training_attendees ca WHERE ca.training_id = "         \
    "t.id" REG_SCOPE("ca.unit_id") ") AS attendee_count, t.created_at"

struct tr_query {
    long long year, unit_id;
    int level;
    struct page page;
};
static const struct in_decl tr_list_fields[] = {
    IN_FIELD(struct tr_query, year, IN_INT, 0, 2000, 2100, NULL),
    IN_FIELD(struct tr_query, unit_id, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct tr_query, level, IN_ENUM, 0, 0, 0, levels),
};
const struct in_spec in_trainings_list = IN_SPEC_PAGED(struct tr_query, tr_list_fields, 50, 500);
const struct in_spec in_trainings_export = IN_SPEC(struct tr_query, tr_list_fields);

/* TR_WHERE's twelve parameters are "iissiiiiiiii" in this order. */
#define TR_ARGS(in, lv, wide, me)                                                                  \
    (in)->year, (in)->year, lv, lv, (in)->unit_id, (in)->unit_id, (in)->unit_id, (in)->unit_id,    \
        wide, me, wide, me

/* The counts by level over the whole filtered set (not the page), attendees in scope. */
static json_t *tr_counts(req_t *r, db_t *db, const struct tr_query *in) {
    long long wide = reg_wide(r), me = r->user->unit_id;
    const char *lv = in_choice(levels, in->level);
    json_t *by = db_query_json(
        db,
        "SELECT t.level, COUNT(*) AS courses, CAST(COALESCE(SUM((SELECT "
        "COUNT(*) FROM training_attendees ca WHERE ca.training_id = "
        "t.id" REG_SCOPE("ca.unit_id") ")), 0) AS SIGNED) AS trainees" TR_WHERE " GROUP BY t.level",
        "iiiissiiiiiiii", wide, me, TR_ARGS(in, lv, wide, me));
    if (!by) return NULL;
    json_t *counts = json_object();
    size_t i;
    json_t *l;
    json_array_foreach(by, i, l) {
        json_object_set(counts, json_string_value(json_object_get(l, "level")),
                        json_pack("{s:O,s:O}", "courses", json_object_get(l, "courses"), "trainees",
                                  json_object_get(l, "trainees")));
    }
    json_decref(by);
    return counts;
}

int h_trainings_list(req_t *r) {
    const struct tr_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db || scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    const struct page *pg = &in->page;
    long long wide = reg_wide(r), me = r->user->unit_id, total = 0;
    const char *lv = in_choice(levels, in->level);
    if (db_query_int(db, &total, "SELECT COUNT(*)" TR_WHERE, "iissiiiiiiii",
                     TR_ARGS(in, lv, wide, me)) < 0)
        return db_fail(r, db);
    json_t *items = db_query_json(
        db, "SELECT " TR_COLS TR_WHERE " ORDER BY t.held_on DESC, t.id DESC LIMIT ? OFFSET ?",
        "iiiissiiiiiiiiii", wide, me, TR_ARGS(in, lv, wide, me), pg->per_page, pg->offset);
    json_t *counts = items ? tr_counts(r, db, in) : NULL;
    if (!counts) {
        json_decref(items);
        return db_fail(r, db);
    }
    json_t *env = list_envelope(items, total, pg);
    json_object_set_new(env, "counts", counts);
    res_json(r, 200, env);
    return 0;
}

static const struct reg_col tr_cols[] = {
    {"Ngày", "held_on", 12, 0},
    {"Nội dung", "topic", 50, 0},
    {"Đơn vị tổ chức", "organiser_name", 32, 0},
    {"Cấp", "level", 12, 0},
    {"Trực tuyến", "online", 10, 0},
    {"Địa điểm", "place", 28, 0},
    {"Số người dự", "attendee_count", 12, 1},
};

int h_trainings_export(req_t *r) {
    const struct tr_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db || scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long wide = reg_wide(r), me = r->user->unit_id;
    const char *lv = in_choice(levels, in->level);
    json_t *rows =
        db_query_json(db, "SELECT " TR_COLS TR_WHERE " ORDER BY t.held_on, t.id LIMIT 5000",
                      "iiiissiiiiiiii", wide, me, TR_ARGS(in, lv, wide, me));
    if (!rows) return db_fail(r, db);
    char unit[300], year[32], title[800];
    reg_unit_name(db, in->unit_id, unit, sizeof unit);
    if (in->year)
        snprintf(year, sizeof year, "năm %lld", in->year);
    else
        snprintf(year, sizeof year, "mọi năm");
    snprintf(title, sizeof title, "SỔ THEO DÕI TẬP HUẤN, BỒI DƯỠNG KIỂM SOÁT TTHC — %s — %s", unit,
             year);
    return reg_xlsx(r, "Tập huấn", title, tr_cols, 7, rows, "tap-huan.xlsx");
}

/* The course id the principal sees, with its attendees and materials in scope: 1, or -1
 * answered. */
static int tr_load(req_t *r, db_t *db, long long id, json_t **out) {
    long long wide = reg_wide(r), me = r->user->unit_id;
    int found = db_query_row_json(db, out,
                                  "SELECT " TR_COLS " FROM trainings t JOIN units o ON o.id = "
                                  "t.organiser_unit_id WHERE t.id = ?" TR_VISIBLE,
                                  "iiiiiii", wide, me, id, wide, me, wide, me);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "khóa tập huấn");
    json_t *att = db_query_json(db,
                                "SELECT a.user_id, u.full_name, u.username, a.unit_id, un.name AS "
                                "unit_name, un.level AS unit_level FROM training_attendees a JOIN "
                                "users u ON u.id = a.user_id JOIN units un ON un.id = a.unit_id "
                                "WHERE a.training_id = ?" REG_SCOPE(
                                    "a.unit_id") " ORDER BY un.sort_order, un.name, u.full_name",
                                "iii", id, wide, me);
    json_t *mat = db_query_json(db,
                                "SELECT n, name, mime, size, created_at FROM training_materials "
                                "WHERE training_id = ? AND withdrawn_at IS NULL ORDER BY n",
                                "i", id);
    if (!att || !mat) {
        json_decref(att);
        json_decref(mat);
        json_decref(*out);
        return db_fail(r, db);
    }
    json_object_set_new(*out, "attendees", att);
    json_object_set_new(*out, "materials", mat);
    return 1;
}

int h_trainings_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (tr_load(r, db, req_param_id(r, "id"), &row) < 0) return -1;
    res_json(r, 200, row);
    return 0;
}

struct tr_input {
    long long organiser_unit_id;
    const char *topic, *place, *note;
    struct ymd held_on;
    int online;
    json_t *attendees;
    int has_topic, has_place, has_note, has_held_on, has_online;
};
#define TR_FIELD(m, type, flags, min, max)                                                         \
    IN_FIELD_HAS(struct tr_input, m, type, flags, min, max, NULL, has_##m)
static const struct in_decl tr_create_fields[] = {
    IN_FIELD(struct tr_input, organiser_unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    TR_FIELD(topic, IN_STR, IN_REQUIRED, 1, 500),
    TR_FIELD(held_on, IN_DATE, IN_REQUIRED, 0, 0),
    TR_FIELD(online, IN_BOOL, 0, 0, 0),
    TR_FIELD(place, IN_STR, IN_NULLABLE, 1, 255),
    TR_FIELD(note, IN_STR, IN_NULLABLE, 1, 2000),
    IN_FIELD(struct tr_input, attendees, IN_JSON, 0, 0, 0, NULL),
};
static const struct in_decl tr_update_fields[] = {
    TR_FIELD(topic, IN_STR, 0, 1, 500),           TR_FIELD(held_on, IN_DATE, 0, 0, 0),
    TR_FIELD(online, IN_BOOL, 0, 0, 0),           TR_FIELD(place, IN_STR, IN_NULLABLE, 1, 255),
    TR_FIELD(note, IN_STR, IN_NULLABLE, 1, 2000),
};
const struct in_spec in_trainings_create = IN_SPEC(struct tr_input, tr_create_fields);
const struct in_spec in_trainings_update = IN_SPEC(struct tr_input, tr_update_fields);

struct tr_att_input {
    json_t *user_ids;
};
static const struct in_decl tr_att_fields[] = {
    IN_FIELD(struct tr_att_input, user_ids, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_trainings_attendees = IN_SPEC(struct tr_att_input, tr_att_fields);

#define TR_MAX_ATTENDEES 2000

/* Checks an array of user ids (each in the principal's scope, no repeats), adding errors under
 * field: 0 when fine, -1 on a database error. */
static int check_attendees(req_t *r, db_t *db, json_t *ids, const char *field) {
    if (!json_is_array(ids) || json_array_size(ids) > TR_MAX_ATTENDEES) {
        req_error(r, field, "Phải là danh sách mã người dự (tối đa 2000).");
        return 0;
    }
    size_t i, j;
    json_t *v;
    json_array_foreach(ids, i, v) {
        long long id = json_is_integer(v) ? json_integer_value(v) : 0, one = 0;
        for (j = 0; j < i && id > 0; j++)
            if (json_integer_value(json_array_get(ids, j)) == id) id = -1;
        if (id <= 0) {
            req_error(r, field,
                      id < 0 ? "Một người được ghi hai lần." : "Mã người dự không hợp lệ.");
            return 0;
        }
        if (db_query_int(db, &one, "SELECT 1 FROM users u WHERE u.id = ?" REG_SCOPE("u.unit_id"),
                         "iii", id, reg_wide(r), r->user->unit_id) < 0)
            return -1;
        if (!one) {
            char msg[160];
            snprintf(msg, sizeof msg, "Người dùng %lld không tồn tại hoặc ngoài phạm vi quản lý.",
                     id);
            req_error(r, field, msg);
            return 0;
        }
    }
    return 0;
}

/* Replaces the attendance of training id by ids. A newcomer is recorded with the unit they belong
 * to today; someone already on the list keeps the unit recorded when they attended (they may have
 * moved since), so the counts by unit do not change when the list is corrected. */
static int write_attendees(db_t *db, long long id, json_t *ids) {
    char *list = json_dumps(ids, JSON_COMPACT);
    if (!list) return -1;
    int rc = db_exec(db,
                     "DELETE FROM training_attendees WHERE training_id = ? AND NOT "
                     "JSON_CONTAINS(?, CAST(user_id AS CHAR))",
                     "is", id, list) < 0;
    free(list);
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        if (rc) break;
        long long uid = json_integer_value(v);
        rc = db_exec(db,
                     "INSERT INTO training_attendees (training_id, user_id, unit_id) SELECT ?, id, "
                     "unit_id FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
                     "training_attendees a WHERE a.training_id = ? AND a.user_id = ?)",
                     "iiii", id, uid, id, uid) < 0;
    }
    return rc ? -1 : 0;
}

static void check_place(req_t *r, int online, const char *place) {
    if (!online && (!place || !*place))
        req_error(r, "place", "Hãy ghi địa điểm (hoặc chọn tập huấn trực tuyến).");
}

int h_trainings_create(req_t *r) {
    const struct tr_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int in_scope = scope_has_unit(db, r->user, in->organiser_unit_id);
    if (in_scope < 0) return db_fail(r, db);
    if (!in_scope)
        req_error(r, "organiser_unit_id", "Đơn vị không tồn tại hoặc ngoài phạm vi quản lý.");
    check_place(r, in->online, in->place);
    if (in->attendees && check_attendees(r, db, in->attendees, "attendees") < 0)
        return db_fail(r, db);
    if (req_has_errors(r)) return res_invalid(r);
    char held[11];
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO trainings (organiser_unit_id, level, topic, held_on, online, "
                     "place, note, created_by) SELECT id, level, ?, ?, ?, ?, ?, ? FROM units "
                     "WHERE id = ?",
                     "ssissii", in->topic, in_date_str(in->held_on, held), (long long)in->online,
                     in->place, in->note, r->user->user_id, in->organiser_unit_id) < 1;
    long long id = rc ? 0 : db_last_id(db);
    if (rc == 0 && in->attendees) rc = write_attendees(db, id, in->attendees) < 0;
    json_t *after = NULL;
    if (rc == 0 && tr_load(r, db, id, &after) < 0) return -1;
    return commit_write(r, db, rc, "training.create", "training", id, NULL, after, 201);
}

/* 1 when the principal sees course id's organiser (may write it); otherwise answers (404, 503)
 * and -1. Checked before a body is looked at, so out of scope is 404 whatever was sent. */
static int tr_writable(req_t *r, db_t *db, long long id) {
    long long org = 0;
    int found =
        db_query_int(db, &org, "SELECT organiser_unit_id FROM trainings WHERE id = ?", "i", id);
    if (found < 0) return db_fail(r, db);
    int in = found ? scope_has_unit(db, r->user, org) : 0;
    if (in < 0) return db_fail(r, db);
    return in ? 1 : not_found(r, "khóa tập huấn");
}

/* The course locked for a write by a principal who sees its organiser: 1, or -1 answered. */
static int tr_lock(req_t *r, db_t *db, long long id, json_t **before) {
    json_t *row = NULL;
    if (begin_locked_row(r, db, &row,
                         "SELECT id, organiser_unit_id FROM trainings WHERE id = ? FOR UPDATE", id,
                         "khóa tập huấn") < 0)
        return -1;
    int in =
        scope_has_unit(db, r->user, json_integer_value(json_object_get(row, "organiser_unit_id")));
    json_decref(row);
    if (in <= 0) {
        db_rollback(db);
        return in < 0 ? db_fail(r, db) : not_found(r, "khóa tập huấn");
    }
    return tr_load(r, db, id, before);
}

int h_trainings_update(req_t *r) {
    const struct tr_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before = NULL;
    if (tr_lock(r, db, id, &before) < 0) return -1;
    int online = in->has_online ? in->online : json_is_true(json_object_get(before, "online"));
    const char *place =
        in->has_place ? in->place : json_string_value(json_object_get(before, "place"));
    check_place(r, online, place);
    if (req_has_errors(r)) {
        db_rollback(db);
        json_decref(before);
        return res_invalid(r);
    }
    char held[11];
    int rc =
        db_exec(db,
                "UPDATE trainings SET topic = IF(?, ?, topic), held_on = IF(?, ?, held_on), "
                "online = IF(?, ?, online), place = IF(?, ?, place), note = IF(?, ?, note) "
                "WHERE id = ?",
                "isisiiisisi", (long long)in->has_topic, in->topic, (long long)in->has_held_on,
                in_date_str(in->held_on, held), (long long)in->has_online, (long long)in->online,
                (long long)in->has_place, in->place, (long long)in->has_note, in->note, id) < 0;
    json_t *after = NULL;
    if (rc == 0 && tr_load(r, db, id, &after) < 0) {
        json_decref(before);
        return -1;
    }
    return commit_write(r, db, rc, "training.update", "training", id, before, after, 200);
}

int h_trainings_attendees(req_t *r) {
    const struct tr_att_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (tr_writable(r, db, id) < 0) return -1;
    if (check_attendees(r, db, in->user_ids, "user_ids") < 0) return db_fail(r, db);
    if (req_has_errors(r)) return res_invalid(r);
    json_t *before = NULL;
    if (tr_lock(r, db, id, &before) < 0) return -1;
    int rc = write_attendees(db, id, in->user_ids) < 0;
    json_t *after = NULL;
    if (rc == 0 && tr_load(r, db, id, &after) < 0) {
        json_decref(before);
        return -1;
    }
    return commit_write(r, db, rc, "training.attendees", "training", id, before, after, 200);
}

#define MATERIALS_PER_UPLOAD 5

int h_trainings_materials_add(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), last = 0;
    if (tr_writable(r, db, id) < 0) return -1;
    struct fb_file files[MATERIALS_PER_UPLOAD];
    memset(files, 0, sizeof files);
    int n = reg_read_files(r, "files", files, MATERIALS_PER_UPLOAD, "tài liệu tập huấn");
    if (n < 0) return -1;
    json_t *before = NULL;
    if (tr_lock(r, db, id, &before) < 0) return -1;
    /* The course exists, is in scope and locked: only now do the bytes touch the disk. */
    if (fb_files_store(files, n) < 0) {
        json_decref(before);
        reg_discard(db, files, n);
        return res_internal(r, "training material store failed");
    }
    int rc = db_query_int(db, &last,
                          "SELECT COALESCE(MAX(n), 0) FROM training_materials WHERE "
                          "training_id = ?",
                          "i", id) < 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = db_exec(db,
                     "INSERT INTO training_materials (training_id, n, name, sha256, mime, size, "
                     "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "iisssii", id, last + i + 1, files[i].name, files[i].sha, files[i].mime,
                     (long long)files[i].len, r->user->user_id) < 0;
    json_t *after = NULL;
    if (rc || tr_load(r, db, id, &after) < 0) {
        json_decref(before);
        reg_discard(db, files, n);
        return rc ? db_fail(r, db) : -1;
    }
    return commit_write(r, db, 0, "training.materials_add", "training", id, before, after, 201);
}

/* n of the route, or 0 when it is not a material's number. */
static long long material_n(req_t *r) {
    const char *s = req_param(r, "n");
    char *end = NULL;
    long long n = s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && n >= 1 && n <= 100000 ? n : 0;
}

int h_trainings_materials_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), n = material_n(r);
    json_t *row = NULL;
    if (tr_load(r, db, id, &row) < 0) return -1;
    json_decref(row);
    json_t *f = NULL;
    int found = db_query_row_json(db, &f,
                                  "SELECT name, sha256, mime FROM training_materials WHERE "
                                  "training_id = ? AND n = ? AND withdrawn_at IS NULL",
                                  "ii", id, n);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "tài liệu tập huấn");
    int rc = res_stored_file(r, json_string_value(json_object_get(f, "sha256")),
                             json_string_value(json_object_get(f, "mime")),
                             json_string_value(json_object_get(f, "name")));
    json_decref(f);
    return rc;
}

struct tr_untrained_query {
    long long unit_id, year;
    struct page page;
};
static const struct in_decl tr_untrained_fields[] = {
    IN_FIELD(struct tr_untrained_query, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct tr_untrained_query, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
};
const struct in_spec in_trainings_untrained =
    IN_SPEC_PAGED(struct tr_untrained_query, tr_untrained_fields, 50, 500);

/* The unit's own active staff (viewers are not officers) at no course held in the year. */
#define UNTRAINED_FROM                                                                             \
    " FROM users u WHERE u.unit_id = ? AND u.active = 1 AND u.role <> 'viewer' AND NOT EXISTS "    \
    "(SELECT 1 FROM training_attendees a JOIN trainings t ON t.id = a.training_id WHERE "          \
    "a.user_id = u.id AND YEAR(t.held_on) = ?)"

int h_trainings_untrained(req_t *r) {
    const struct tr_untrained_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db || scope_unit_filter(r, db, in->unit_id) < 0) return -1;
    long long total = 0;
    if (db_query_int(db, &total, "SELECT COUNT(*)" UNTRAINED_FROM, "ii", in->unit_id, in->year) < 0)
        return db_fail(r, db);
    json_t *items = db_query_json(
        db,
        "SELECT u.id, u.full_name, u.username, u.role, u.unit_id, "
        "u.focal_officer" UNTRAINED_FROM " ORDER BY u.full_name, u.id LIMIT ? OFFSET ?",
        "iiii", in->unit_id, in->year, in->page.per_page, in->page.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &in->page));
    return 0;
}
