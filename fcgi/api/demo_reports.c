/* Demo reports: the last two complete quarters, built with the routes' own functions, leaves
 * first so that parents add up their children; most filed, some late, one returned. */
#include <stdio.h>
#include <string.h>

#include "api/calendar.h"
#include "api/demo.h"
#include "api/report_common.h"

static const char *const narrative =
    "{\"results\":\"Tiếp nhận, giải quyết hồ sơ đúng quy định; công khai đầy đủ thủ tục hành "
    "chính tại bộ phận một cửa và trên Cổng dịch vụ công.\",\"difficulties\":\"Một số hồ sơ "
    "trực tuyến còn phải bổ sung giấy tờ; đường truyền tại một số điểm chưa ổn định.\","
    "\"proposals\":\"Đề nghị tiếp tục tập huấn kỹ năng tiếp nhận hồ sơ trực tuyến cho cán bộ "
    "một cửa.\"}";

/* A staff member of the unit to act in its name (focal officers first): 1, 0 none, -1 error. */
static int actor_of(db_t *db, long long unit_id, struct principal *p) {
    struct db_res *res = db_query(db,
                                  "SELECT id, username FROM users WHERE unit_id = ? AND active = 1 "
                                  "AND role <> 'viewer' ORDER BY focal_officer DESC, id LIMIT 1",
                                  "i", unit_id);
    if (!res) return -1;
    int found = res->nrows > 0;
    memset(p, 0, sizeof *p);
    if (found) {
        p->user_id = db_int(res, 0, 0);
        snprintf(p->username, sizeof p->username, "%s", db_val(res, 0, 1));
    }
    db_res_free(res);
    return found;
}

/* A reviewer of unit_id's report: a staff member of its parent, or of the coordinator for the
 * root's children. */
static int reviewer_of(db_t *db, long long unit_id, struct principal *p) {
    long long parent = 0;
    memset(p, 0, sizeof *p);
    int found = db_query_int(db, &parent, "SELECT parent_id FROM units WHERE id = ?", "i", unit_id);
    if (found <= 0) return found;
    found = actor_of(db, parent, p);
    if (found != 0) return found;
    long long coord = 0;
    found = db_query_int(db, &coord, "SELECT id FROM units WHERE coordinator = 1 LIMIT 1", NULL);
    return found <= 0 ? found : actor_of(db, coord, p);
}

/* "YYYY-MM-DD 09:30:00" of due moved by days. */
static void day_at(const char *due, long days, char out[32]) {
    struct ymd d = {0, 0, 0};
    char b[11];
    ymd_parse(due, &d);
    ymd_format(days_to_ymd(ymd_to_days(d) + days), b);
    snprintf(out, 32, "%s 09:30:00", b);
}

/* One unit's report for period p: drafted, and by a deterministic spread filed on time or late,
 * accepted or left submitted; X0102's older report returned with a comment. */
static int one_report(db_t *db, long long unit_id, const char *code, struct report_period *p,
                      int older) {
    unsigned h = (unsigned)((unit_id * 2654435761u) >> 5) + (unsigned)p->index * 7u;
    int bucket = (int)(h % 100);
    if (bucket < 8) return 0; /* missing */
    struct principal who, rev;
    if (actor_of(db, unit_id, &who) < 0) return -1;
    struct rp_new n = {unit_id, "kstt", *p, NULL, NULL};
    long long id = 0;
    json_t *row = NULL;
    if (rp_begin(db) < 0 || rp_create(db, who.user_id ? &who : NULL, &n, &id) < 0 ||
        rp_load(db, id, 1, &row) != 1)
        goto fail;
    const char *due = json_string_value(json_object_get(row, "due"));
    char created[32], at[32], ret[32];
    day_at(due, -12, created);
    if (db_exec(db, "UPDATE report_events SET at = ? WHERE report_id = ? AND action = 'create'",
                "si", created, id) < 0)
        goto fail;
    if (bucket < 16) { /* still a draft */
        json_decref(row);
        return db_commit(db);
    }
    int late = bucket < 30;
    day_at(due, late ? 2 + (long)(h % 4) : -1 - (long)(h % 5), at);
    if (db_exec(db, "UPDATE reports SET narrative_json = ? WHERE id = ?", "si", narrative, id) <
            0 ||
        rp_transition(db, row, who.user_id ? &who : NULL, RPA_SUBMIT, NULL, at) < 0 ||
        reviewer_of(db, unit_id, &rev) < 0)
        goto fail;
    json_object_set_new(row, "status", json_string("submitted"));
    if (older && strcmp(code, demo_unit_code("X0102")) == 0) {
        day_at(due, 3, ret);
        if (rp_transition(db, row, rev.user_id ? &rev : NULL, RPA_RETURN,
                          "Đề nghị rà soát lại số hồ sơ tiếp nhận trực tuyến trong kỳ (chênh "
                          "lệch với số liệu trên hệ thống một cửa) và bổ sung nguyên nhân hồ sơ "
                          "quá hạn.",
                          ret) < 0)
            goto fail;
    } else if (bucket >= 55) {
        day_at(due, late ? 6 : 2, ret);
        if (rp_transition(db, row, rev.user_id ? &rev : NULL, RPA_ACCEPT, NULL, ret) < 0) goto fail;
    }
    json_decref(row);
    return db_commit(db);
fail:
    json_decref(row);
    if (db_in_txn(db)) db_rollback(db);
    return -1;
}

/* The units in force during the window, deepest first (a parent after all its children). */
static int period_reports(db_t *db, struct report_period *p, int older) {
    struct report_rules rules;
    struct ymd wf, wt;
    char from[11], to[11];
    if (rp_rules_for(db, p, &rules) < 0) return -1;
    report_window(p, &rules, &wf, &wt);
    ymd_format(wf, from);
    ymd_format(wt, to);
    struct db_res *res = db_query(
        db,
        "SELECT u.id, u.code FROM units u WHERE u.valid_from <= ? AND (u.valid_to IS NULL OR "
        "u.valid_to >= ?) ORDER BY (SELECT MAX(c.depth) FROM unit_closure c WHERE "
        "c.descendant_id = u.id) DESC, u.sort_order, u.id",
        "ss", to, from);
    if (!res) return -1;
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++)
        rc = one_report(db, db_int(res, i, 0), db_val(res, i, 1), p, older);
    db_res_free(res);
    return rc;
}

int demo_reports(db_t *db) {
    struct ymd today = calendar_today();
    /* The last two quarters whose calendar end is before today. */
    int q = (today.m - 1) / 3 + 1, y = today.y;
    for (int k = 2; k >= 1; k--) {
        int qq = q - k, yy = y;
        while (qq < 1) qq += 4, yy--;
        char key[32];
        struct report_period p;
        snprintf(key, sizeof key, "%d-Q%d", yy, qq);
        if (report_period_parse(key, &p) != 0) continue;
        if (period_reports(db, &p, k == 2) < 0) return -1;
    }
    return 0;
}
