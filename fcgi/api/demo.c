/* `kstt-api load-demo`: loads the db/demo SQL files into an empty database, then demo accounts. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/demo.h"
#include "api/inspections.h"
#include "api/units.h"
#include "lib/file.h"
#include "lib/log.h"
#include "lib/password.h"
#include "store/db.h"
#include "store/migrate.h"

#define DEMO_PASSWORD "Kstt@2023"

static int run_stmt(const char *stmt, void *ctx) {
    return db_run_sql((db_t *)ctx, stmt) < 0 ? -1 : 0;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(db_t *db, const char *path) {
    struct buf b;
    buf_init(&b);
    int rc = file_read_all(path, &b, SIZE_MAX, NULL) == 0
                 ? migrate_split(buf_cstr(&b), run_stmt, db)
                 : -1;
    buf_free(&b);
    return rc;
}

static int run_dir(db_t *db, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    char *names[256] = {0};
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc == 0 && run_file(db, path) < 0) {
            log_error("demo file %s failed", names[i]);
            rc = -1;
        }
        free(names[i]);
    }
    return rc;
}

static int set_demo_passwords(db_t *db, const struct config *cfg) {
    char *hash = password_hash(DEMO_PASSWORD, cfg->argon2_t, cfg->argon2_m_kib);
    if (!hash) return -1;
    long long n = db_exec(db,
                          "UPDATE users SET password_hash = ? WHERE demo = 1 AND "
                          "password_hash IS NULL",
                          "s", hash);
    free(hash);
    return n < 0 ? -1 : 0;
}

/* The steps that need code, in order: plans and feedback name the procedures and units the SQL
 * and the first step made; dossiers come last (the largest). */
static const struct {
    const char *name;
    int (*run)(db_t *db);
} steps[] = {
    /* offices first: a unit like any other for every step after */
    {"offices", demo_offices},
    {"procedures", demo_procedures},
    {"plans", demo_plans},
    {"feedback", demo_feedback},
    {"review", demo_review},
    {"dossiers", demo_dossiers},
    {"registries", demo_registries},
    /* Internal procedures, impact assessments, initiatives (issue 17). */
    {"reform", demo_reform},
    {"cost", demo_cost},
    /* Reports add up the data above: last. */
    {"reports", demo_reports},
    {"inspections", demo_inspections},
    /* the reform index reads the dossiers, feedback, reports and plans above for 2024 */
    /* the satisfaction survey before the index, whose sipas_index criterion reads it */
    {"sipas", demo_sipas},
    {"index", demo_index},
    /* The demo SQL's users (and any title inserted without it) get their folded form. */
    {"search", search_fold_all},
};

int demo_two_level;

static int run_steps(db_t *db) {
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (steps[i].run(db) < 0) {
            log_error("demo step %s failed", steps[i].name);
            return -1;
        }
        /* Everything after the plans is made on the tree of its own dates: the reform comes
         * right after the 2023 plan, before the data of 2025 and later. */
        if (demo_two_level && strcmp(steps[i].name, "plans") == 0 &&
            (demo_reorganize(db) < 0 || demo_plan_now(db) < 0)) {
            log_error("demo step reorganize failed");
            return -1;
        }
    }
    return 0;
}

/* Demo data goes in once: a database that already has units is left alone. */
int demo_load(const struct config *cfg, int after_reform) {
    demo_two_level = after_reform;
    db_global_init(cfg);
    db_t *db = db_open();
    if (!db) return 1;
    long long units = 0;
    int rc = db_query_int(db, &units, "SELECT COUNT(*) FROM units", NULL) < 0 ? 1 : 0;
    if (rc == 0 && units == 0) {
        const char *dir = getenv("KSTT_DEMO_DIR");
        rc = run_dir(db, dir && *dir ? dir : "db/demo") < 0;
        if (rc == 0) rc = units_refresh_derived(db) < 0;
        if (rc == 0) rc = set_demo_passwords(db, cfg) < 0;
        if (rc == 0) rc = run_steps(db) < 0;
        /* the accounts a step made (the office's officer) */
        if (rc == 0) rc = set_demo_passwords(db, cfg) < 0;
        printf("load-demo: %s%s\n", rc ? "failed" : "loaded",
               after_reform && !rc ? " (as after the 2025 reform)" : "");
    } else if (rc == 0) {
        printf("load-demo: database already has data; left alone\n");
    }
    db_close(db);
    db_thread_end(); /* the connection the reorganisation's handler used */
    return rc;
}
