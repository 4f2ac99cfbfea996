/* Demo plans: the Nam Định 2023 plan, imported through the same parser, published, with progress;
 * and the same plan for the current year, with progress as of today, so that the landing pages,
 * reminders and boards of a fresh demo have work due soon, overdue and done to show. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/demo.h"
#include "api/plans.h"
#include "api/units.h"
#include "core/plantext.h"
#include "lib/file.h"

/* The whole file as a malloc'd string; NULL when absent, unreadable or empty. */
static char *read_all(const char *path) {
    struct buf b;
    buf_init(&b);
    if (file_read_all(path, &b, SIZE_MAX, NULL) != 0) buf_free(&b);
    return b.data;
}

/* A deterministic spread: most work done (some late), some in progress, a few blocked or not
 * started, so the boards and the overdue lists have something true to show. */
static int demo_progress(db_t *db, long long plan_id, int year, struct ymd today) {
    struct db_res *res = db_query(db,
                                  "SELECT a.id, a.due_date FROM assignments a JOIN tasks t ON "
                                  "t.id = a.task_id WHERE t.plan_id = ? ORDER BY a.id",
                                  "i", plan_id);
    if (!res) return -1;
    int rc = 0;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        long long id = db_int(res, i, 0);
        unsigned h = (unsigned)(id * 2654435761u) >> 7;
        int bucket = (int)(h % 100);
        const char *status = bucket < 55   ? "done"
                             : bucket < 80 ? "in_progress"
                             : bucket < 90 ? "not_started"
                                           : "blocked";
        long long progress = bucket < 55 ? 100 : bucket < 80 ? 30 + (h % 60) : bucket < 90 ? 0 : 40;
        /* Done on time mostly; every fifth done item a little late. */
        long long shift = (bucket < 55 && h % 5 == 0) ? 12 : -((long long)(h % 20) + 1);
        struct ymd due = {year, 6, 30};
        if (db_val(res, i, 1)) ymd_parse(db_val(res, i, 1), &due);
        /* Work not yet due this year is under way at most: nothing is reported from the future. */
        long long now = ymd_to_days(today), on = ymd_to_days(due) + shift;
        if (ymd_to_days(due) > now && strcmp(status, "done") == 0) {
            status = "in_progress";
            progress = 20 + (long long)(h % 50);
        }
        if (strcmp(status, "not_started") == 0) continue;
        if (on > now) on = now - (long long)(h % 10);
        char day[11], evidence[24];
        ymd_format(days_to_ymd(on), day);
        snprintf(evidence, sizeof evidence, "BC-KSTT/%d", year);
        rc = db_exec(db,
                     "INSERT INTO task_updates (assignment_id, status, progress, note, "
                     "evidence_no, evidence_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "isissss", id, status, progress,
                     strcmp(status, "blocked") == 0
                         ? "Chờ hướng dẫn của cơ quan cấp trên về biểu mẫu."
                         : "Đã triển khai theo kế hoạch; gửi kèm văn bản.",
                     strcmp(status, "done") == 0 ? evidence : NULL, day, day) < 0;
        if (rc == 0)
            rc = db_exec(db,
                         "UPDATE assignments SET status = ?, progress = ?, done_date = IF(? = "
                         "'done', ?, NULL), last_update_at = ? WHERE id = ?",
                         "sisssi", status, progress, status, day, day, id) < 0;
    }
    db_res_free(res);
    return rc || plan_touch(db, plan_id) < 0 ? -1 : 0;
}

/* One plan of the seed text for `year`, published on 5 January with its decision of 28 December
 * before, its work reported as of `today`. 0 or -1. */
static int demo_plan_year(db_t *db, const char *text, const struct unit_catalog *units,
                          long long province, int year, struct ymd today) {
    struct pt_plan plan;
    if (plantext_parse_text(text, strlen(text), &plan) < 0) {
        plantext_free(&plan);
        return -1;
    }
    json_t *preview = plan_import_preview(units, year, &plan, text, strlen(text));
    plantext_free(&plan);
    if (!preview) return -1; /* out of memory */
    char title[160], folded[160], decided[16], published[16];
    snprintf(title, sizeof title,
             "Kế hoạch kiểm soát thủ tục hành chính trên địa bàn tỉnh Nam Định năm %d", year);
    snprintf(folded, sizeof folded,
             "ke hoach kiem soat thu tuc hanh chinh tren dia ban tinh nam dinh nam %d", year);
    snprintf(decided, sizeof decided, "%04d-12-28", (year - 1) % 10000);
    snprintf(published, sizeof published, "%04d-01-05", year % 10000);
    req_t r;
    req_init(&r, NULL);
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO plans (unit_id, year, kind, title, title_folded, decision_no, "
                     "decision_date) VALUES (?, ?, 'kstt', ?, ?, ?, ?)",
                     "iissss", province, (long long)year, title, folded,
                     year == 2023 ? "3014/QĐ-UBND" : "3120/QĐ-UBND", decided) < 0;
    long long plan_id = db_last_id(db);
    if (!rc)
        rc = plan_import_sections(&r, db, plan_id, year, json_object_get(preview, "sections")) != 0;
    if (!rc)
        rc = db_exec(db, "UPDATE plans SET status = 'published', published_at = ? WHERE id = ?",
                     "si", published, plan_id) < 0;
    if (!rc) rc = plan_expand_assignments(db, plan_id, 0) < 0;
    if (!rc) rc = demo_progress(db, plan_id, year, today) < 0;
    if (!rc)
        rc = db_commit(db) < 0;
    else
        db_rollback(db);
    json_decref(preview);
    req_free(&r);
    return rc ? -1 : 0;
}

/* The seed's text moved to another year: every "2023" becomes `year` and every "2022" the year
 * before (its dates, its quarters, its decision); malloc'd, NULL when out of memory. */
static char *text_for_year(const char *text, int year) {
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    memcpy(out, text, n + 1);
    char y[8], prev[8];
    snprintf(y, sizeof y, "%04d", year % 10000);
    snprintf(prev, sizeof prev, "%04d", (year - 1) % 10000);
    for (char *p = out; (p = strstr(p, "202")) != NULL; p++) {
        if (p[3] == '3')
            memcpy(p, y, 4);
        else if (p[3] == '2')
            memcpy(p, prev, 4);
    }
    return out;
}

/* The seed's text, the unit catalogue and the province in force: 1 loaded, 0 when no seed is
 * shipped (nothing to do), -1 on an error (nothing to free then). */
static int seed_load(db_t *db, char **text, struct unit_catalog *units, long long *province) {
    const char *dir = getenv("KSTT_DEMO_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/plan_namdinh_2023.txt", dir && *dir ? dir : "db/demo");
    *text = read_all(path);
    if (!*text) return 0;
    int found = unit_catalog_load(db, units, 0) < 0
                    ? -1
                    : db_query_int(db, province,
                                   "SELECT id FROM units WHERE level = 'province' AND valid_to IS "
                                   "NULL ORDER BY id LIMIT 1",
                                   NULL);
    if (found != 1) { /* no province unit is as broken as a failed query */
        unit_catalog_free(units);
        free(*text);
        return -1;
    }
    return 1;
}

int demo_plans(db_t *db) {
    char *text;
    struct unit_catalog units;
    long long province = 0;
    int rc = seed_load(db, &text, &units, &province);
    if (rc <= 0) return rc;
    /* 2023 is long over: its progress is as the demo always had it (nothing in the future). */
    rc = demo_plan_year(db, text, &units, province, 2023, (struct ymd){9999, 12, 31});
    unit_catalog_free(&units);
    free(text);
    /* after the reform, this year's plan comes once the tree is the new one (api/demo.c) */
    return rc == 0 && !demo_two_level ? demo_plan_now(db) : rc;
}

/* After the reform there is no district level: the seed's "UBND cấp huyện" work goes to the
 * communes, as provinces rewrote their 2026 plans. In place, never longer; the text in *s. */
static void two_level_text(char *s) {
    static const char *const from[] = {"UBND cấp huyện, UBND cấp xã", "UBND cấp huyện, cấp xã",
                                       "UBND cấp huyện", "cấp huyện, cấp xã"};
    static const char *const to[] = {"UBND cấp xã", "UBND cấp xã", "UBND cấp xã", "cấp xã"};
    for (size_t k = 0; k < sizeof from / sizeof from[0]; k++) {
        size_t fl = strlen(from[k]), tl = strlen(to[k]);
        for (char *p = s; (p = strstr(p, from[k])) != NULL; p += tl) {
            memcpy(p, to[k], tl);
            memmove(p + tl, p + fl, strlen(p + fl) + 1);
        }
    }
}

int demo_plan_now(db_t *db) {
    struct ymd today = calendar_today();
    if (today.y <= 2023) return 0;
    char *text;
    struct unit_catalog units;
    long long province = 0;
    int rc = seed_load(db, &text, &units, &province);
    if (rc <= 0) return rc;
    char *now = text_for_year(text, today.y);
    if (now && demo_two_level) two_level_text(now);
    rc = now ? demo_plan_year(db, now, &units, province, today.y, today) : -1;
    unit_catalog_free(&units);
    free(now);
    free(text);
    return rc;
}
