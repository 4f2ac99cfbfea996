/* Demo step (load-demo --after-2025-reform): the province's 2025 reform applied through the
 * reorganisation route's own handler, as its administrator would: departments merged from 1
 * March, districts retired and communes merged from 1 July; then the demo accounts of retired
 * units seated where their work went, and the old names of merged departments kept as aliases
 * of their successors for documents that still use them. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/common.h"
#include "api/demo.h"
#include "lib/log.h"
#include "server/input.h"

/* A merge: into an existing unit (name NULL) or a new one with this code and name. */
struct demo_merge {
    const char *into, *name, *from[4];
};

/* The mergers of departments in 2025 (Sở TT&TT into Sở KH&CN, Sở KH&ĐT into Sở Tài chính, Sở
 * LĐ-TB&XH into Sở Nội vụ, Sở TN&MT with Sở NN&PTNT, Sở GTVT into Sở Xây dựng). */
static const struct demo_merge departments[] = {
    {"SKHCN", NULL, {"STTTT"}}, {"STC", NULL, {"SKHDT"}},
    {"SNV", NULL, {"SLDTBXH"}}, {"SNNMT", "Sở Nông nghiệp và Môi trường", {"STNMT", "SNNPTNT"}},
    {"SXD", NULL, {"SGTVT"}},
};

/* The communes as they were re-formed from 1 July 2025, directly under the province; X0703 and
 * X1003 stay as they were (their district's end moves them under the province). */
static const struct demo_merge communes[] = {
    {"X2501", "UBND phường Nam Định", {"X0101", "X0102"}},
    {"X2502", "UBND phường Thành Nam", {"X0103", "X0104"}},
    {"X2503", "UBND phường Mỹ Lộc", {"X0201", "X0202"}},
    {"X0203", NULL, {"X0204"}},
    {"X2505", "UBND xã Vụ Bản", {"X0301", "X0302"}},
    {"X2506", "UBND xã Hiển Khánh", {"X0303", "X0304"}},
    {"X2507", "UBND xã Ý Yên", {"X0401", "X0402"}},
    {"X2508", "UBND xã Yên Đồng", {"X0403", "X0404"}},
    {"X2509", "UBND xã Nam Trực", {"X0501", "X0502"}},
    {"X2510", "UBND xã Nam Minh", {"X0503", "X0504"}},
    {"X2511", "UBND xã Cổ Lễ", {"X0601", "X0602"}},
    {"X2512", "UBND xã Ninh Giang", {"X0603", "X0604"}},
    {"X2513", "UBND xã Xuân Trường", {"X0701", "X0702"}},
    {"X2514", "UBND xã Giao Thủy", {"X0801", "X0802"}},
    {"X2515", "UBND xã Giao Minh", {"X0803", "X0804"}},
    {"X2516", "UBND xã Hải Hậu", {"X0901", "X0902", "X0903"}},
    {"X2517", "UBND xã Hải Anh", {"X0904", "X0905"}},
    {"X2518", "UBND xã Nghĩa Hưng", {"X1001", "X1002"}},
};

/* Where the fixed codes of the later steps' 2023 tree went (their work and their accounts). */
static const struct {
    const char *old, *now;
} seats[] = {
    {"H01", "X2501"}, {"H02", "X2503"}, {"X0101", "X2501"}, {"X0102", "X2501"}, {"X0201", "X2503"},
};

const char *demo_unit_code(const char *code) {
    for (size_t i = 0; demo_two_level && i < sizeof seats / sizeof seats[0]; i++)
        if (strcmp(seats[i].old, code) == 0) return seats[i].now;
    return code;
}

static long long id_of(db_t *db, const char *code) {
    long long id = 0;
    return db_query_int(db, &id, "SELECT id FROM units WHERE code = ?", "s", code) == 1 ? id : 0;
}

/* The "merge" list of a request; NULL when a code is unknown. */
static json_t *merges(db_t *db, const struct demo_merge *m, size_t n, long long parent,
                      const char *level) {
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        json_t *from = json_array();
        for (int k = 0; k < 4 && m[i].from[k]; k++)
            json_array_append_new(from, json_integer(id_of(db, m[i].from[k])));
        json_t *into = m[i].name
                           ? json_pack("{s:s, s:s, s:s, s:I}", "code", m[i].into, "name", m[i].name,
                                       "level", level, "parent_id", (json_int_t)parent)
                           : json_integer(id_of(db, m[i].into));
        json_array_append_new(list, json_pack("{s:o, s:o}", "from", from, "into", into));
    }
    return list;
}

/* Runs the route's handler on spec (taken) as the province's administrator; 0 when applied. */
static int reorganize(db_t *db, json_t *spec) {
    struct principal admin = {0};
    long long uid = 0;
    int found = db_query_int(db, &uid, "SELECT id FROM users WHERE username = 'admin'", NULL);
    if (found != 1) { /* no administrator is as broken as a failed query */
        json_decref(spec);
        return -1;
    }
    admin.user_id = uid;
    snprintf(admin.username, sizeof admin.username, "admin");
    snprintf(admin.role, sizeof admin.role, "admin");
    req_t r;
    req_init(&r, NULL);
    r.user = &admin;
    r.json = spec; /* freed with r */
    void *in = NULL;
    int rc = input_declared_body(&r, &in_units_reorganize, spec, &in);
    r.body_in = in;
    if (rc == 0) h_units_reorganize(&r);
    rc = rc == 0 && r.status == 201 ? 0 : -1;
    if (rc)
        log_error("demo reorganisation refused (%d): %s", r.status, r.out.data ? r.out.data : "");
    req_free(&r);
    return rc;
}

/* The province's districts and their offices, ended from the date. */
static json_t *retired(db_t *db, long long province) {
    return ids_of(db,
                  "SELECT id FROM units WHERE valid_to IS NULL AND ((level = 'district' AND "
                  "parent_id = ?) OR (level = 'office' AND parent_id IN (SELECT id FROM units "
                  "WHERE level = 'district'))) ORDER BY id",
                  province);
}

/* The accounts of retired units (kept there by the rule, decision 210) are seated where their
 * work went, as the administrator would; merged departments answer to their old names. */
static int after(db_t *db) {
    static const char *const sql[] = {
        "UPDATE users u JOIN units n ON n.code = 'X2501' SET u.unit_id = n.id WHERE u.username "
        "IN ('huyen1.lanhdao', 'huyen1.daumoi')",
        "UPDATE users u JOIN units n ON n.code = 'X2503' SET u.unit_id = n.id WHERE u.username = "
        "'huyen2.tuphap'",
        "UPDATE units s JOIN (SELECT successor_id, JSON_ARRAYAGG(name) AS names FROM units WHERE "
        "level = 'department' AND successor_id IS NOT NULL GROUP BY successor_id) o ON "
        "o.successor_id = s.id SET s.aliases = o.names",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (db_exec(db, sql[i], NULL) < 0) return -1;
    return 0;
}

int demo_reorganize(db_t *db) {
    long long province = id_of(db, "NDH");
    if (!province) return -1;
    json_t *dep =
        merges(db, departments, sizeof departments / sizeof departments[0], province, "department");
    if (reorganize(db, json_pack("{s:s, s:o}", "effective_from", "2025-03-01", "merge", dep)) < 0)
        return -1;
    json_t *com = merges(db, communes, sizeof communes / sizeof communes[0], province, "commune");
    json_t *ret = retired(db, province);
    if (!ret) {
        json_decref(com);
        return -1;
    }
    if (reorganize(db, json_pack("{s:s, s:o, s:o}", "effective_from", "2025-07-01", "merge", com,
                                 "retire", ret)) < 0)
        return -1;
    return after(db);
}
