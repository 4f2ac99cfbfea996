/* /api/v1/public/contact and /api/v1/settings/contact: the public contact (hotline, address,
 * e-mail) the public pages show, kept in `settings` and edited by the province's administrators. */
#include "api/settings.h"

#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/units.h"
#include "core/feedback_form.h"

#define CONTACT_SELECT                                                                             \
    "SELECT JSON_VALUE(value_json, '$.hotline') AS hotline, JSON_VALUE(value_json, '$.address') "  \
    "AS address, JSON_VALUE(value_json, '$.email') AS email, updated_at FROM settings WHERE name " \
    "= 'public_contact'"

/* {hotline, address, email, updated_at}, empty strings when never set. NULL on an error. */
static json_t *contact_load(db_t *db) {
    json_t *row = NULL;
    int found = db_query_row_json(db, &row, CONTACT_SELECT, NULL);
    if (found < 0) return NULL;
    if (found == 0)
        return json_pack("{s:s, s:s, s:s, s:n}", "hotline", "", "address", "", "email", "",
                         "updated_at");
    const char *keys[] = {"hotline", "address", "email"};
    for (int i = 0; i < 3; i++)
        if (!json_is_string(json_object_get(row, keys[i])))
            json_object_set_new(row, keys[i], json_string(""));
    return row;
}

int h_public_contact(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *c = contact_load(db);
    if (!c) return db_fail(r, db);
    res_json(r, 200, c);
    return 0;
}

struct contact_input {
    const char *hotline, *address, *email;
};
static const struct in_decl contact_fields[] = {
    IN_FIELD(struct contact_input, hotline, IN_STR, IN_REQUIRED, 0, 32, NULL),
    IN_FIELD(struct contact_input, address, IN_STR, IN_REQUIRED, 0, 500, NULL),
    IN_FIELD(struct contact_input, email, IN_STR, IN_REQUIRED, 0, 254, NULL),
};
const struct in_spec in_settings_contact_put = IN_SPEC(struct contact_input, contact_fields);

/* Each may be empty (not shown); when given it must be a number, an address, an e-mail. */
static int contact_check(req_t *r, const struct contact_input *in) {
    if (*in->hotline && !fb_hotline_ok(in->hotline))
        req_error(r, "hotline", "Số đường dây nóng không hợp lệ (3–15 chữ số).");
    if (*in->address && fb_blank(in->address))
        req_error(r, "address", "Địa chỉ không được chỉ có khoảng trắng.");
    if (*in->email && !fb_email_ok(in->email))
        req_error(r, "email", "Địa chỉ thư điện tử không hợp lệ.");
    return req_has_errors(r) ? res_invalid(r) : 0;
}

/* PUT /settings/contact: the province's administrators only (a district admin would change
 * what every citizen is told); audited with the old and new values. */
int h_settings_contact_put(req_t *r) {
    const struct contact_input *in = r->body_in;
    if (!scope_province_wide(r->user)) {
        res_problem(r, 403, NULL, "Chỉ quản trị cấp tỉnh được sửa thông tin liên hệ công khai.");
        return -1;
    }
    if (contact_check(r, in) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *before = contact_load(db);
    json_t *v = json_pack("{s:s, s:s, s:s}", "hotline", in->hotline, "address", in->address,
                          "email", in->email);
    char *text = json_dumps(v, JSON_COMPACT);
    int rc = !before || !text ||
             db_exec(db,
                     "INSERT INTO settings (name, value_json, updated_by) VALUES "
                     "('public_contact', ?, ?) ON DUPLICATE KEY UPDATE value_json = VALUES "
                     "(value_json), updated_by = VALUES(updated_by)",
                     "si", text, r->user->user_id) < 0;
    free(text);
    json_t *after = rc ? NULL : contact_load(db);
    json_decref(v);
    return commit_write(r, db, rc, "settings.contact", "settings", 0, before, after, 200);
}
