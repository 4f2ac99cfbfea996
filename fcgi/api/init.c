/* Process-level setup of the api layer and its extra commands. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/feedback.h"
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

int api_command(const struct config *cfg, int argc, char **argv) {
    (void)argc;
    if (strcmp(argv[0], "load-demo") == 0) return demo_load(cfg);
    if (strcmp(argv[0], "rotate-keys") == 0) return auth_rotate_keys(cfg);
    if (strcmp(argv[0], "sweep-uploads") == 0) return sweep_uploads(cfg);
    return -1;
}
