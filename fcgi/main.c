/* kstt-api: command line (serve, migrate, routes, ...) and the prefork supervisor. */
#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "lib/config.h"
#include "lib/epoch.h"
#include "lib/log.h"
#include "server/input.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/server.h"
#include "store/db.h"
#include "store/migrate.h"

static struct config cfg;
static volatile sig_atomic_t got_term, got_child;

static void on_term(int s) {
    (void)s;
    got_term = 1;
}

static void on_child(int s) {
    (void)s;
    got_child = 1;
}

/* A forked child starts with the default signal handling the supervisor replaced, and a name
 * so that ps, pgrep and the fault tests tell workers from the scheduler. */
static void child_start(const char *name) {
    signal(SIGTERM, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    prctl(PR_SET_NAME, name);
}

static pid_t spawn_worker(int fd, int slot) {
    server_slot_reset(slot, 1);
    pid_t pid = fork();
    if (pid == 0) {
        child_start("kstt-worker");
        if (api_worker_init(&cfg) < 0) _exit(3);
        /* The worker's wiring: the store and the api are plugged into the transport here, so
         * that server/ itself knows neither. */
        db_global_init(&cfg);
        db_on_reconnect = metrics_db_reconnect;
        struct server_hooks hooks = {
            .routes = api_routes,
            .nroutes = api_nroutes,
            .authorize = auth_authorize,
            .attempt_begin = db_attempt_begin,
            .attempt_conflicted = db_take_conflict,
            .thread_end = db_thread_end,
        };
        server_worker_main(&cfg, fd, slot, &hooks);
        _exit(0);
    }
    return pid;
}

/* Background jobs run in their own process: forking workers from a supervisor that has extra
 * threads could copy a lock held by one of them. */
static pid_t spawn_scheduler(void) {
    pid_t pid = fork();
    if (pid == 0) {
        child_start("kstt-scheduler");
        _exit(api_scheduler_main(&cfg));
    }
    return pid;
}

static int open_listener(void) {
    int unix_socket = cfg.listen[0] != ':' && strchr(cfg.listen, '/') != NULL;
    if (unix_socket) unlink(cfg.listen);
    int fd = FCGX_OpenSocket(cfg.listen, 1024);
    if (fd < 0) {
        log_error("cannot listen on %s", cfg.listen);
        return -1;
    }
    /* nginx workers run as another user (www-data): let them connect. */
    if (unix_socket) chmod(cfg.listen, 0666);
    return fd;
}

/* Waits for children, respawning any that died, until SIGTERM; then drains them. */
static void supervise(int fd, pid_t *pids, int n) {
    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&empty);
    while (!got_term) {
        sigsuspend(&empty);
        if (!got_child) continue;
        got_child = 0;
        int st;
        pid_t dead;
        while ((dead = waitpid(-1, &st, WNOHANG)) > 0) {
            for (int i = 0; i < n; i++) {
                if (pids[i] != dead) continue;
                if (got_term) break;
                log_warn("%s %d exited (status %d); respawning", i < n - 1 ? "worker" : "scheduler",
                         (int)dead, st);
                if (i < n - 1) { /* its connections went with it */
                    metrics_worker_restart();
                    server_slot_reset(i, 0);
                }
                /* A process that dies at once (bad config) must not spin the CPU. */
                usleep(100000);
                pids[i] = i < n - 1 ? spawn_worker(fd, i) : spawn_scheduler();
            }
        }
    }
    log_info("shutting down: draining %d workers", n);
    for (int i = 0; i < n; i++) kill(pids[i], SIGTERM);
    time_t deadline = time(NULL) + 20;
    int left = n;
    while (left > 0 && time(NULL) < deadline) {
        pid_t dead = waitpid(-1, NULL, WNOHANG);
        if (dead > 0)
            left--;
        else
            usleep(50000);
    }
    for (int i = 0; i < n && left > 0; i++) kill(pids[i], SIGKILL);
}

static int cmd_serve(void) {
    if (metrics_init() < 0) return 1;
    /* Before any fork: every worker and the scheduler count their writes in the same page. */
    if (epoch_init() < 0) log_warn("no shared write counter: sessions are read on every request");
    if (server_slots_init(cfg.workers) < 0)
        log_warn("no shared connection counts: workers accept unbalanced");
    if (api_global_init(&cfg) < 0) return 1;
    int fd = open_listener();
    if (fd < 0) return 1;
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    /* The last slot is the scheduler process; the others are workers. */
    pid_t *pids = calloc((size_t)cfg.workers + 1, sizeof *pids);
    for (int i = 0; i < cfg.workers; i++) pids[i] = spawn_worker(fd, i);
    pids[cfg.workers] = spawn_scheduler();
    log_info("kstt-api listening on %s with %d workers x %d threads", cfg.listen, cfg.workers,
             cfg.threads);
    supervise(fd, pids, cfg.workers + 1);
    free(pids);
    if (cfg.listen[0] != ':' && strchr(cfg.listen, '/')) unlink(cfg.listen);
    log_info("stopped");
    return 0;
}

static int cmd_migrate(void) {
    db_global_init(&cfg);
    db_t *db = db_open();
    if (!db) {
        fprintf(stderr, "migrate: cannot connect to the database\n");
        return 1;
    }
    int n = migrate_apply(db, cfg.migrations);
    /* data the new schema derives from older rows (the field roll-ups) */
    if (n > 0 && api_after_migrate(db) < 0) n = -1;
    db_close(db);
    if (n < 0) return 1;
    printf("migrate: %d applied\n", n);
    return 0;
}

/* `routes --json`: each route with its declared inputs, which tests/api/openapi.test.mjs
 * compares with docs/openapi.yaml both ways. */
static int cmd_routes_json(void) {
    json_t *all = json_array();
    for (size_t i = 0; i < api_nroutes; i++) {
        const struct route *rt = &api_routes[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "method", rt->method, "path",
                              rt->pattern, "action", rt->action, "declared_query",
                              rt->query != NULL, "declared_body", rt->body != NULL);
        json_object_set_new(o, "query", input_spec_json(rt->query, "query"));
        json_object_set_new(o, "body", input_spec_json(rt->body, "body"));
        json_array_append_new(all, o);
    }
    int rc = json_dumpf(all, stdout, JSON_INDENT(1)) < 0 ? 1 : 0;
    putchar('\n');
    json_decref(all);
    return rc;
}

static int cmd_routes(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[2], "--json") == 0) return cmd_routes_json();
    for (size_t i = 0; i < api_nroutes; i++)
        printf("%s %s %s\n", api_routes[i].method, api_routes[i].pattern, api_routes[i].action);
    return 0;
}

static void usage(void) {
    fprintf(stderr,
            "usage: kstt-api serve | migrate | routes [--json] | hash-password | rotate-keys | "
            "load-demo | sweep-uploads | rollups-rebuild | report-figures | run-job NAME\n"
            "configuration comes from KSTT_* environment variables (see README.md)\n");
}

static const char *env_get(const char *name) {
    return getenv(name);
}

int main(int argc, char **argv) {
    char err[256];
    /* A fixed mmap threshold: a password hash's working memory (KSTT_ARGON2_M_KIB, 19 MiB by
     * default) is then always its own mapping, returned to the system when freed. With glibc's
     * dynamic threshold the first hash raised it, later hashes came from the thread's arena and
     * stayed resident: `make soak` saw a worker grow 17 MB at a round of sign-ins (decision 208).
     */
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    if (config_load(&cfg, env_get, err, sizeof err) < 0) {
        fprintf(stderr, "kstt-api: configuration error: %s\n", err);
        return 2;
    }
    if (argc < 2) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "serve") == 0) return cmd_serve();
    if (strcmp(argv[1], "migrate") == 0) return cmd_migrate();
    if (strcmp(argv[1], "routes") == 0) return cmd_routes(argc, argv);
    int rc = api_command(&cfg, argc - 1, argv + 1);
    if (rc == -1) {
        usage();
        return 2;
    }
    return rc;
}
