/* Background jobs (deadline reminders, roll-ups): one scheduler process per api host, each job
 * run under a lease row (store/lease) so that one host of a cluster runs it once per period. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "api/feedback.h"
#include "api/inspections.h"
#include "api/plans.h"
#include "api/reports.h"
#include "api/uploads_gc.h"
#include "lib/log.h"
#include "server/server.h"
#include "store/db.h"
#include "store/lease.h"

struct job {
    const char *name;
    int every_s;
    int (*run)(db_t *db);
    time_t last;
};

/* Every background job, by name: a module takes part by being listed here. */
static struct job jobs[] = {
    {"feedback-reminders", 3600, feedback_reminders_job, 0},
    /* Periodic reports: before and after the due date, once per unit, period and reminder. */
    {"report-reminders", 3600, reports_reminders_job, 0},
    /* Assignments due soon and overdue: once per assignment, due date, reminder and person. */
    {"task-reminders", 3600, task_reminders_job, 0},
    /* Follow-ups of inspections and dialogues overdue: to the following unit, once per due date. */
    {"followup-overdue", 3600, followup_overdue_job, 0},
    /* Each user's daily mail of the kinds they chose to get in a digest, at their hour: once per
     * user and day (notification_digests). Every 15 minutes, so at most that late. */
    {"notification-digest", 900, notification_digest_job, 0},
    {"mail-outbox", 30, mail_outbox_job, 0},
    /* Files of requests that failed or were killed between the write and the commit. */
    {"upload-sweep", 3600, upload_sweep_job, 0},
    {"public-codes-purge", 3600, public_codes_purge_job, 0},
    {"sessions-purge", 3600, sessions_purge_job, 0},
    {"oidc-logins-purge", 3600, oidc_logins_purge_job, 0},
};

static volatile sig_atomic_t stop;

static void on_term(int s) {
    (void)s;
    stop = 1;
}

/* Keeps each job's last run of the day in job_runs (the administrator's landing page shows the
 * latest per job) with the grant that ran it; a failure to record is logged, never the job's
 * failure. */
static void record_run(db_t *db, const char *name, const char *holder, long long fence,
                       time_t started, int rc) {
    long long secs = (long long)(time(NULL) - started);
    if (db_exec(db,
                "INSERT INTO job_runs (job, run_day, started_at, finished_at, note, fence, holder) "
                "VALUES (?, CURDATE(), NOW() - INTERVAL ? SECOND, NOW(), ?, ?, ?) ON DUPLICATE KEY "
                "UPDATE started_at = VALUES(started_at), finished_at = VALUES(finished_at), note = "
                "VALUES(note), fence = VALUES(fence), holder = VALUES(holder)",
                "sisis", name, secs, rc < 0 ? "failed" : "ok", fence, holder) < 0)
        log_warn("job %s: run not recorded", name);
}

/* Runs a job if this host gets its lease: the scheduler's for the job's period, so that of the
 * hosts of a cluster one runs it per period (a few seconds short of it, so that the holder's own
 * next turn, on a 30-second tick, finds the period over); `force` (run-job) only waits for a run
 * in progress. 1 ran, 0 running elsewhere or already run this period, -1 the job failed. */
static int run_job(db_t *db, struct job *j, int force) {
    char lease[96], holder[128];
    snprintf(lease, sizeof lease, "job:%s", j->name);
    lease_holder_name(holder, sizeof holder);
    long long fence = 0;
    int hold = j->every_s > 10 ? j->every_s - 5 : j->every_s;
    int got = lease_acquire(db, lease, holder, hold, force, &fence);
    if (got < 0) log_warn("job %s: lease not available (database error)", j->name);
    if (got != 1) return 0;
    time_t started = time(NULL);
    int rc = j->run(db);
    record_run(db, j->name, holder, fence, started, rc);
    /* Should the release fail, the run's hold runs out by itself (LEASE_BUSY_S). */
    if (lease_release(db, lease, holder, fence) < 0)
        log_warn("job %s: lease release failed", j->name);
    if (rc < 0) log_warn("job %s failed", j->name);
    return rc < 0 ? -1 : 1;
}

/* `kstt-api run-job NAME`: one job now, under the same lease as the scheduler (operators after a
 * rule change, tests). Exit status 0 ran, 1 failed, 2 no such job, 3 running elsewhere. */
int api_run_job(const struct config *cfg, const char *name) {
    struct job *j = NULL;
    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++)
        if (name && strcmp(jobs[i].name, name) == 0) j = &jobs[i];
    if (!j) {
        fprintf(stderr, "run-job: no job named %s; jobs:", name ? name : "(none)");
        for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++)
            fprintf(stderr, " %s", jobs[i].name);
        fputc('\n', stderr);
        return 2;
    }
    if (!server_cfg) server_cfg = cfg;
    db_global_init(cfg);
    db_t *db = db_open();
    if (!db) {
        fprintf(stderr, "run-job: cannot connect to the database\n");
        return 1;
    }
    int rc = run_job(db, j, 1);
    db_close(db);
    if (rc == 0) fprintf(stderr, "run-job: %s is running on another host\n", name);
    if (rc > 0) printf("run-job: %s done\n", name);
    return rc > 0 ? 0 : rc == 0 ? 3 : 1;
}

int api_scheduler_main(const struct config *cfg) {
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    /* Jobs read the configuration the way handlers do. */
    if (!server_cfg) server_cfg = cfg;
    db_global_init(cfg);
    while (!stop) {
        db_t *db = db_get();
        time_t now = time(NULL);
        for (size_t i = 0; db && i < sizeof jobs / sizeof jobs[0]; i++) {
            if (now - jobs[i].last < jobs[i].every_s) continue;
            jobs[i].last = now;
            run_job(db, &jobs[i], 0);
        }
        for (int i = 0; i < 30 && !stop; i++) sleep(1);
    }
    db_thread_end();
    return 0;
}
