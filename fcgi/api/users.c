/* /api/v1/users: accounts of each unit with their role and focal-officer appointment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/common.h"
#include "api/registries_common.h"
#include "api/units.h"
#include "core/vnfold.h"
#include "lib/password.h"
#include "server/server.h"

static const char *const roles[] = {"admin", "leader", "specialist", "officer", "viewer", NULL};

#define USER_COLS                                                                                  \
    "u.id, u.username, u.full_name, u.email, u.phone, u.unit_id, un.name AS unit_name, "           \
    "un.level AS unit_level, u.role, u.focal_officer, u.focal_decision_no, "                       \
    "u.focal_decision_date, "                                                                      \
    "u.active, u.external, u.created_at, u.updated_at"

/* Leaders see the accounts of their subtree; admins (province) see all. */

/* The user if in the principal's scope: 1 with *out set, 0 when missing or out of scope, -1 on a
 * database error. */
static int load_user(db_t *db, req_t *r, long long id, json_t **out) {
    *out = NULL;
    return db_query_row_json(db, out,
                             "SELECT " USER_COLS " FROM users u JOIN units un ON un.id = u.unit_id "
                             "WHERE u.id = ?" USER_SCOPE,
                             "iii", id, (long long)scope_province_wide(r->user), r->user->unit_id);
}

struct users_list_query {
    const char *q;
    int role; /* roles[], -1 = any */
    long long unit_id;
    struct page page;
};
static const struct in_decl users_list_fields[] = {
    IN_FIELD(struct users_list_query, q, IN_STR, 0, 0, 100, NULL),
    IN_FIELD(struct users_list_query, role, IN_ENUM, 0, 0, 0, roles),
    IN_FIELD(struct users_list_query, unit_id, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_users_list =
    IN_SPEC_PAGED(struct users_list_query, users_list_fields, 50, 500);

int h_users_list(req_t *r) {
    const struct users_list_query *in = r->query_in;
    const char *q = in->q, *role = in_choice(roles, in->role);
    long long unit_id = in->unit_id;
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char like[260];
    like_contains(q, like, sizeof like);
    const char *where = " FROM users u JOIN units un ON un.id = u.unit_id WHERE (? IS NULL OR "
                        "u.username LIKE ? OR u.full_name LIKE ? OR u.email LIKE ?) AND (? IS "
                        "NULL OR u.role = ?) AND (? = 0 OR u.unit_id = ?)" USER_SCOPE;
    char sql[1200];
    long long wide = scope_province_wide(r->user);
    long long total;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "ssssssiiii", q, like, like, like, role, role, unit_id,
                     unit_id, wide, r->user->unit_id) < 0)
        return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "SELECT " USER_COLS "%s ORDER BY un.sort_order, u.username LIMIT ? "
             "OFFSET ?",
             where);
    json_t *items = db_query_json(db, sql,
                                  "ssssssiiii"
                                  "ii",
                                  q, like, like, like, role, role, unit_id, unit_id, wide,
                                  r->user->unit_id, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}

int h_users_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *u;
    int found = load_user(db, r, req_param_id(r, "id"), &u);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "người dùng");
    res_json(r, 200, u);
    return 0;
}

/* The body of create (required fields) and update (every field optional, presence flags). */
struct user_input {
    const char *username, *full_name, *email, *phone, *password, *focal_decision_no;
    long long unit_id;
    int role, focal_officer;
    struct ymd focal_decision_date;
    int has_username, has_full_name, has_email, has_phone, has_unit_id, has_role, has_password,
        has_focal_officer, has_focal_decision_no, has_focal_decision_date;
};
#define USER_FIELD(m, type, flags, min, max, choices)                                              \
    IN_FIELD_HAS(struct user_input, m, type, flags, min, max, choices, has_##m)
/* The username never changes: an update naming it is refused as an unknown field. */
#define USER_FIELDS(REQ)                                                                           \
    USER_FIELD(full_name, IN_STR, REQ, 2, 128, NULL),                                              \
        USER_FIELD(email, IN_STR, IN_NULLABLE, 3, 254, NULL),                                      \
        USER_FIELD(phone, IN_STR, IN_NULLABLE, 6, 32, NULL),                                       \
        USER_FIELD(unit_id, IN_ID, REQ, 0, 0, NULL), USER_FIELD(role, IN_ENUM, REQ, 0, 0, roles),  \
        USER_FIELD(password, IN_STR, REQ, 1, 256, NULL),                                           \
        USER_FIELD(focal_officer, IN_BOOL, 0, 0, 0, NULL),                                         \
        USER_FIELD(focal_decision_no, IN_STR, IN_NULLABLE, 1, 64, NULL),                           \
        USER_FIELD(focal_decision_date, IN_DATE, IN_NULLABLE, 0, 0, NULL)
static const struct in_decl user_create_fields[] = {
    USER_FIELD(username, IN_STR, IN_REQUIRED, 3, 64, NULL), USER_FIELDS(IN_REQUIRED)};
static const struct in_decl user_update_fields[] = {USER_FIELDS(0)};
const struct in_spec in_users_create = IN_SPEC(struct user_input, user_create_fields);
const struct in_spec in_users_update = IN_SPEC(struct user_input, user_update_fields);

/* 1 when the principal may place an account in unit_id, 0 when not, -1 on a database error. An
 * admin below province level places accounts only in its subtree and never in a province-wide unit
 * (province level or coordinator), so it cannot make an account with more reach than its own. */
static int unit_takes_user(req_t *r, db_t *db, long long unit_id) {
    int in = scope_has_unit(db, r->user, unit_id);
    if (in < 0) return -1;
    if (in == 0 || scope_province_wide(r->user)) return in;
    long long wide = 0;
    int found = db_query_int(db, &wide,
                             "SELECT level = 'province' OR coordinator = 1 FROM units WHERE id = ?",
                             "i", unit_id);
    if (found < 0) return -1;
    return found == 1 && !wide;
}

/* The checks beyond the declared fields: characters, e-mail, password strength, unit scope. */
static int check_user_input(req_t *r, db_t *db, const struct user_input *in) {
    if (in->username) {
        for (const char *p = in->username; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
                  *p == '-')) {
                req_error(r, "username", "Chỉ dùng chữ thường không dấu, chữ số và . _ -");
                break;
            }
    }
    if (in->email && !strchr(in->email, '@')) req_error(r, "email", "Địa chỉ email không hợp lệ.");
    if (in->password) {
        const char *weak = password_weakness(in->password);
        if (weak) req_error(r, "password", weak);
    }
    if (in->has_unit_id) {
        int in_scope = unit_takes_user(r, db, in->unit_id);
        if (in_scope < 0) return db_fail(r, db);
        if (in_scope == 0)
            req_error(r, "unit_id", "Đơn vị không tồn tại hoặc ngoài phạm vi quản lý.");
    }
    return req_has_errors(r) ? res_invalid(r) : 0;
}

static int user_write_fail(req_t *r, db_t *db) {
    if (db_errno(db) == 1062) {
        db_rollback(db);
        req_error(r, "username", "Tên đăng nhập đã được sử dụng.");
        return res_invalid(r);
    }
    return db_fail(r, db);
}

int h_users_create(req_t *r) {
    const struct user_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (check_user_input(r, db, in) < 0) return -1;
    char date[11];
    char *hash = password_hash(in->password, server_cfg->argon2_t, server_cfg->argon2_m_kib);
    if (!hash) return res_internal(r, "password_hash");
    char folded[1024]; /* a full name is at most 128 characters */
    vnfold(in->full_name ? in->full_name : "", in->full_name ? strlen(in->full_name) : 0, folded,
           sizeof folded);
    int rc = db_begin(db);
    if (rc == 0 &&
        db_exec(db,
                "INSERT INTO users (username, full_name, name_folded, email, phone, unit_id, role, "
                "focal_officer, focal_decision_no, focal_decision_date, password_hash, "
                "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())",
                "sssssisisss", in->username, in->full_name, folded, in->email, in->phone,
                in->unit_id, roles[in->role], (long long)in->focal_officer, in->focal_decision_no,
                in_date_str(in->focal_decision_date, date), hash) < 0) {
        free(hash);
        return user_write_fail(r, db);
    }
    free(hash);
    long long id = db_last_id(db);
    json_t *after = NULL;
    if (load_user(db, r, id, &after) != 1) return db_fail(r, db);
    return commit_write(r, db, rc, "user.create", "user", id, NULL, after, 201);
}

int h_users_update(req_t *r) {
    const struct user_input *in = r->body_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before;
    int found = load_user(db, r, id, &before);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "người dùng");
    if (check_user_input(r, db, in) < 0) {
        json_decref(before);
        return -1;
    }
    char *hash = in->password
                     ? password_hash(in->password, server_cfg->argon2_t, server_cfg->argon2_m_kib)
                     : NULL;
    char date[11], folded[1024]; /* a full name is at most 128 characters */
    vnfold(in->full_name ? in->full_name : "", in->full_name ? strlen(in->full_name) : 0, folded,
           sizeof folded);
    int rc = db_begin(db);
    if (rc == 0)
        rc = db_exec(db,
                     "UPDATE users SET full_name = IF(?, ?, full_name), name_folded = IF(?, ?, "
                     "name_folded), email = IF(?, ?, email), "
                     "phone = IF(?, ?, phone), unit_id = IF(?, ?, unit_id), role = IF(?, ?, role), "
                     "focal_officer = IF(?, ?, focal_officer), focal_decision_no = IF(?, ?, "
                     "focal_decision_no), focal_decision_date = IF(?, ?, focal_decision_date), "
                     "password_hash = COALESCE(?, password_hash) WHERE id = ?",
                     "isisisisiiisiiisissi", (long long)in->has_full_name, in->full_name,
                     (long long)in->has_full_name, folded, (long long)in->has_email, in->email,
                     (long long)in->has_phone, in->phone, (long long)in->has_unit_id, in->unit_id,
                     (long long)in->has_role, in_choice(roles, in->role),
                     (long long)in->has_focal_officer, (long long)in->focal_officer,
                     (long long)in->has_focal_decision_no, in->focal_decision_no,
                     (long long)in->has_focal_decision_date,
                     in_date_str(in->focal_decision_date, date), hash, id) < 0;
    /* An officer moved to another unit no longer serves as the old unit's focal officer. */
    if (rc == 0 && in->has_unit_id)
        rc = focal_end_for_user(db, r, id, in->unit_id, "Chuyển công tác sang đơn vị khác") < 0;
    /* A reset password or a changed role must not keep old sessions alive. */
    if (rc == 0 && (hash || in->has_role || in->has_unit_id))
        rc = db_exec(db,
                     "UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND revoked_at "
                     "IS NULL",
                     "i", id) < 0;
    free(hash);
    json_t *after = NULL;
    if (rc == 0 && load_user(db, r, id, &after) != 1) rc = 1;
    return commit_write(r, db, rc, "user.update", "user", id, before, after, 200);
}

static int set_active(req_t *r, int active) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before;
    int found = load_user(db, r, id, &before);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "người dùng");
    if (!active && id == r->user->user_id) {
        json_decref(before);
        req_error(r, "id", "Không thể tự khóa tài khoản của chính mình.");
        return res_invalid(r);
    }
    int rc = db_begin(db);
    if (rc == 0)
        rc = db_exec(db, "UPDATE users SET active = ? WHERE id = ?", "ii", (long long)active, id) <
             0;
    /* A disabled account has left: its focal-officer appointments end with it. */
    if (rc == 0 && !active) rc = focal_end_for_user(db, r, id, 0, "Tài khoản bị khóa") < 0;
    if (rc == 0 && !active)
        rc = db_exec(db,
                     "UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND revoked_at "
                     "IS NULL",
                     "i", id) < 0;
    json_t *after = NULL;
    if (rc == 0 && load_user(db, r, id, &after) != 1) rc = 1;
    return commit_write(r, db, rc, active ? "user.enable" : "user.disable", "user", id, before,
                        after, 200);
}

int h_users_disable(req_t *r) {
    return set_active(r, 0);
}

int h_users_enable(req_t *r) {
    return set_active(r, 1);
}
