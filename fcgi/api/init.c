/* Process-level setup of the api layer and its extra commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/feedback.h"
#include "api/kpi.h"
#include "api/report_tables.h"
#include "api/calendar.h"
#include "api/uploads_gc.h"
#include "store/db.h"

int api_global_init(const struct config *cfg) {
    if (feedback_global_init(cfg) < 0 || auth_global_init(cfg) < 0) return -1;
    return oidc_global_init(cfg);
}

int api_worker_init(const struct config *cfg) {
    if (auth_worker_init(cfg) < 0) return -1;
    return oidc_worker_init(cfg);
}

/* `kstt-api sweep-uploads`: the scheduler's orphan sweep, now (operators, tests). */
static int sweep_uploads(const struct config *cfg) {
    db_global_init(cfg);
    db_t *db = db_open();
    if (!db) {
        fprintf(stderr, "sweep-uploads: cannot connect to the database\n");
        return 1;
    }
    int n = upload_sweep(db, cfg->upload_dir, 86400);
    db_close(db);
    if (n < 0) {
        fprintf(stderr, "sweep-uploads: database error, nothing removed after it\n");
        return 1;
    }
    printf("sweep-uploads: %d removed\n", n);
    return 0;
}

/* `kstt-api rollups-rebuild`: the field roll-ups recomputed from the dossiers (after a procedure
 * moved to another field). */
static int rollups_rebuild(const struct config *cfg) {
    db_global_init(cfg);
    db_t *db = db_open();
    if (!db) {
        fprintf(stderr, "rollups-rebuild: cannot connect to the database\n");
        return 1;
    }
    int rc = dossier_field_rollups_rebuild(db);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "rollups-rebuild: database error, nothing changed\n");
        return 1;
    }
    printf("rollups-rebuild: done\n");
    return 0;
}

/* `kstt-api report-figures UNIT_ID FROM TO [subtree]`: a report's figures straight from the data
 * (operators checking a report, the benchmark), as JSON on stdout. */
static int report_figures(const struct config *cfg, int argc, char **argv) {
    struct ymd from, to;
    long long unit = argc >= 4 ? atoll(argv[1]) : 0;
    if (unit <= 0 || ymd_parse(argv[2], &from) < 0 || ymd_parse(argv[3], &to) < 0) {
        fprintf(stderr, "usage: kstt-api report-figures UNIT_ID YYYY-MM-DD YYYY-MM-DD [subtree]\n");
        return 2;
    }
    db_global_init(cfg);
    db_t *db = db_open();
    if (!db) {
        fprintf(stderr, "report-figures: cannot connect to the database\n");
        return 1;
    }
    json_t *t = NULL;
    int subtree = argc >= 5 && strcmp(argv[4], "subtree") == 0;
    int rc = report_tables_build(db, unit, subtree, from, to, calendar_today(), &t);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "report-figures: database error\n");
        return 1;
    }
    char *s = json_dumps(t, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(t);
    if (s) puts(s);
    free(s);
    return s ? 0 : 1;
}

int api_after_migrate(db_t *db) {
    long long n = 0;
    /* Dossiers but no field roll-ups: the database had dossiers before 016 added them. */
    int rc = db_query_int(db, &n,
                          "SELECT EXISTS (SELECT 1 FROM dossiers) AND NOT EXISTS (SELECT 1 FROM "
                          "kpi_field_monthly)",
                          NULL);
    if (rc < 0) return -1;
    if (rc == 1 && n && dossier_field_rollups_rebuild(db) < 0) return -1;
    /* Titles written before migration 020 get their folded form for the search. */
    return search_fold_all(db);
}

int api_command(const struct config *cfg, int argc, char **argv) {
    if (strcmp(argv[0], "load-demo") == 0)
        return demo_load(cfg, argc > 1 && strcmp(argv[1], "--after-2025-reform") == 0);
    if (strcmp(argv[0], "rotate-keys") == 0) return auth_rotate_keys(cfg);
    if (strcmp(argv[0], "sweep-uploads") == 0) return sweep_uploads(cfg);
    if (strcmp(argv[0], "rollups-rebuild") == 0) return rollups_rebuild(cfg);
    if (strcmp(argv[0], "report-figures") == 0) return report_figures(cfg, argc, argv);
    if (strcmp(argv[0], "run-job") == 0) return api_run_job(cfg, argc > 1 ? argv[1] : NULL);
    return -1;
}
