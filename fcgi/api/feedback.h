/* Handlers of the feedback resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_FEEDBACK_H
#define KSTT_API_FEEDBACK_H
#include <jansson.h>

#include "core/feedback_flow.h"
#include "lib/config.h"
#include "server/http.h"
#include "store/db.h"

/* Demo data that needs code, run by `kstt-api load-demo` after the db/demo SQL files. */
int feedback_after_demo(db_t *db);

/* Supervisor, before forking: the proof-of-work key (KSTT_KEY_DIR/altcha.key, made at first
 * start). */
int feedback_global_init(const struct config *cfg);
/* The configuration (set by feedback_global_init, so also in the scheduler process). */
const struct config *fb_config(void);
/* Scheduler jobs (api/scheduler.c): hourly reminders and purge; the mail outbox every 30 s. */
int feedback_reminders_job(db_t *db);
int mail_outbox_job(db_t *db);

/* feedback_public.c: the citizen's side, under /api/v1/public/ (rate-limited by nginx). */
int h_public_challenge(req_t *r);
int h_public_feedback_meta(req_t *r);
int h_public_feedback_submit(req_t *r);
int h_public_email_code(req_t *r);
/* Scheduler job: one-time mail codes older than two days are deleted. */
int public_codes_purge_job(db_t *db);
int h_public_feedback_list(req_t *r);
int h_public_feedback_track(req_t *r);
int h_public_feedback_info(req_t *r);
int h_public_feedback_rating(req_t *r);

/* feedback.c: the staff side (coordinator and unit inboxes, actions, statistics). */
int h_feedback_list(req_t *r);
int h_feedback_stats(req_t *r);
int h_feedback_get(req_t *r);
int h_feedback_file(req_t *r);
int h_feedback_reject(req_t *r);
int h_feedback_request_info(req_t *r);
int h_feedback_accept(req_t *r);
int h_feedback_forward(req_t *r);
int h_feedback_duplicate(req_t *r);
int h_feedback_receive(req_t *r);
int h_feedback_return(req_t *r);
int h_feedback_draft(req_t *r);
int h_feedback_submit_answer(req_t *r);
int h_feedback_publish(req_t *r);
int h_feedback_send_back(req_t *r);
int h_notifications_list(req_t *r);
int h_notifications_read(req_t *r);

/* ---- shared by the feedback files -------------------------------------------------------- */

#define FB_FILE_MAX  (5L * 1024 * 1024)
#define FB_FILES_MAX 3

/* The row of the rule set "feedback" in force today ({"rules": {...}}): 1 found (in *row),
 * 0 not found, -1 error. */
int fb_rule_set_load(db_t *db, json_t **row);
/* The rule set "feedback" in force today: 1 found, 0 not found (or malformed), -1 error. */
int fb_rules_load(db_t *db, struct fb_rules *out);
/* The same for a request: 0 loaded, or -1 after answering (503 database, 500 missing rules). */
int fb_rules_or_fail(req_t *r, db_t *db, struct fb_rules *out);
/* The rules as {reject_days, ...}. */
json_t *fb_rules_json(const struct fb_rules *r);
/* Clock facts of a row (status, intake_at, returned_at, forwarded_at, answered_at). */
void fb_dates_of(json_t *row, struct fb_dates *d);
/* The current step's deadline for a row, "YYYY-MM-DD" in out or "" when no clock runs. */
void fb_due_of(json_t *row, const struct fb_rules *r, const struct holidays *h, char out[11]);
/* One event row in the caller's transaction. actor_kind: citizen, coordinator, unit, system. */
int fb_event(db_t *db, req_t *r, long long id, const char *actor_kind, const char *action,
             const char *from, const char *to, long long unit_id, const char *note);
/* Queues a mail in the caller's transaction when mail is configured (no-op otherwise). */
int fb_queue_mail(db_t *db, const char *to, const char *subject, const char *body);
/* In-app notification for a unit (0: every coordinator unit), in the caller's transaction. */
int fb_notify(db_t *db, long long unit_id, const char *kind, long long feedback_id,
              const char *title, const char *body, const char *dedupe);
/* The public tracking link for a code ("<KSTT_PUBLIC_URL>/phan-anh/tra-cuu?ma=..."). */
void fb_track_link(const char *code, char *out, size_t cap);

/* 1 when the catalogue has this procedure code, 0 when not, -1 when there is no catalogue
 * table (another module's, so its absence is tolerated), -2 on a database error. */
int fb_procedure_known(db_t *db, const char *code);
/* Recomputes due_date of every open item (demo data, after a rule change). */
int fb_refresh_due_all(db_t *db);
/* Writes today's reminders (in-app, and mail when configured) for items overdue or due soon.
 * Returns the number of notifications written, or -1. */
int fb_reminders_run(db_t *db);
int h_feedback_reminders(req_t *r);

/* An attachment as received (JSON base64 or a multipart part) and checked. */
struct fb_file {
    char name[256];
    const unsigned char *data; /* points into the body or into owned */
    size_t len;
    unsigned char *owned; /* decoded base64 (freed by fb_files_free) */
    const char *mime;
    char sha[65];
};
/* Reads "attachments": [{name, content_base64}] from a JSON body (at most FB_FILES_MAX),
 * checking size and type by content. Adds field errors to r; returns the count or -1. */
int fb_files_from_json(req_t *r, json_t *arr, struct fb_file *files);
/* Checks one file's size, type by content and name; adds a field error. 0 ok, -1 bad. */
int fb_file_check(req_t *r, struct fb_file *f);
/* Writes the files durably (fsync) under their hash; -1 on a disk error. */
int fb_files_store(struct fb_file *files, int n);
void fb_files_free(struct fb_file *files, int n);
/* Inserts feedback_files rows in the caller's transaction. */
int fb_files_insert(db_t *db, long long id, const char *kind, struct fb_file *files, int n);

#endif
