/* What the feedback resource's files share (api/feedback_common.c): feedback.c, feedback_public.c
 * and feedback_jobs.c call these, and never each other. */
#ifndef KSTT_API_FEEDBACK_COMMON_H
#define KSTT_API_FEEDBACK_COMMON_H
#include <jansson.h>

#include "core/feedback_clock.h"
#include "core/multipart.h"
#include "lib/config.h"
#include "server/http.h"
#include "store/db.h"

/* The feedback items (alias f) staff may read, in the list (box "all") and GET /feedback/{id}:
 * every one province-wide, else those forwarded to the principal's subtree. Binds
 * scope_province_wide, unit_id ("ii"). The search reuses it. */
#define FB_STAFF_SCOPE                                                                             \
    "(? = 1 OR f.assigned_unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = " \
    "?))"

/* The configuration: the one feedback_global_init set (so also in the scheduler process), else
 * the server's. */
void fb_config_set(const struct config *cfg);
const struct config *fb_config(void);

#define FB_FILE_MAX  (5L * 1024 * 1024)
#define FB_FILES_MAX 3

/* The row of the rule set "feedback" in force today ({"rules": {...}}): 1 found (in *row),
 * 0 not found, -1 error. */
int fb_rule_set_load(db_t *db, json_t **row);
/* The rule set "feedback" in force today: 1 found, 0 not found (or malformed), -1 error. */
int fb_rules_load(db_t *db, struct fb_rules *out);
/* The same for a request: 0 loaded, or -1 after answering (503 database, 500 missing rules). */
int fb_rules_or_fail(req_t *r, db_t *db, struct fb_rules *out);
/* Every version of the rule set "feedback" (the latest FB_RULE_VERSIONS_MAX): 1 loaded, 0 none
 * or one malformed, -1 error. An item's clocks read the version in force on its received date. */
int fb_versions_load(db_t *db, struct fb_rule_versions *out);
/* The same for a request: 0 loaded, or -1 after answering (503 database, 500 missing rules). */
int fb_versions_or_fail(req_t *r, db_t *db, struct fb_rule_versions *out);
/* The rules of a row: the version in force on its received_at (today when it has none). */
const struct fb_rules *fb_rules_of(const struct fb_rule_versions *v, json_t *row);
/* The rules as {reject_days, ...}. */
json_t *fb_rules_json(const struct fb_rules *r);
/* Clock facts of a row (status, intake_at, returned_at, forwarded_at, answered_at). */
void fb_dates_of(json_t *row, struct fb_dates *d);
/* The current step's deadline for a row, "YYYY-MM-DD" in out or "" when no clock runs, and the
 * first day it counts as near (fb_soon_from) in soon, or "". */
void fb_due_of(json_t *row, const struct fb_rules *r, const struct holidays *h, char out[11],
               char soon[11]);
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

/* Following a published answer (issue 16). The key the unsubscribe tokens are derived from
 * (feedback_global_init hands it over); the token of follow row id as 64 hex characters (0, or
 * -1 without a key); and one mail per follower of item id, in the caller's transaction, when mail
 * is configured (0, -1 on an error). */
void fb_follow_key_set(const unsigned char *key, size_t len);
int fb_follow_token(long long follow_id, char out[65]);
int fb_mail_followers(db_t *db, long long id, const char *title, const char *reason);

/* Adds clock {due, limit, days_left, overdue, due_soon, step, ...}, overdue, due_soon and
 * status_label to a row (status, intake_at, returned_at, forwarded_at, answered_at,
 * info_requested_at): the deadlines as the law counts them, for today. */
void fb_add_clock(json_t *row, const struct fb_rules *r, const struct holidays *h,
                  struct ymd today);
/* Makes feedback.due_date current before a query filters or counts on it: when the holiday
 * calendar or the rule set changed since the stored due dates were computed, recomputes them
 * (once, under the basis row's lock). 0 ok, -1 database error. */
int fb_due_dates_fresh(db_t *db, const struct fb_rule_versions *v);
/* A queued mail is given up after this many failed attempts (mail_outbox). */
#define FB_MAIL_MAX_ATTEMPTS 8
/* Who sees a feedback item (a row with assigned_unit_id): province-wide principals see every
 * item; a unit sees what is forwarded to its subtree. 1 visible, 0 not, -1 database error. */
int fb_row_visible(db_t *db, const struct principal *p, json_t *row);
/* fb_row_visible for item id: 1, 0 missing or invisible, -1 database error. */
int fb_visible(db_t *db, const struct principal *p, long long id);

/* The workflow state of a row (its "status"). */
enum fb_state fb_state_of(json_t *row);

/* 1 when the catalogue has this procedure code, 0 when not, -1 when there is no catalogue
 * table (another module's, so its absence is tolerated), -2 on a database error. */
int fb_procedure_known(db_t *db, const char *code);
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
/* The same with the error under field (the comments' "files"): one check for every upload. */
int fb_file_check_as(req_t *r, struct fb_file *f, const char *field);
/* A multipart/form-data body as the JSON object a JSON client sends (text parts as strings,
 * those named in `numbers` (NULL-ended) as integers when they are one, an empty text part left
 * out) and its file parts named file_field collected into files (at most max, see
 * fb_take_part). NULL after answering 400 (a malformed form); field errors are collected in r.
 * The caller owns the object. */
json_t *fb_form_json(req_t *r, const char *file_field, const char *const *numbers,
                     struct fb_file *files, int *nfiles, int max);
/* Writes the files durably (fsync) under their hash; -1 on a disk error. */
int fb_files_store(struct fb_file *files, int n);
void fb_files_free(struct fb_file *files, int n);
/* Writes the files inside the caller's transaction, before the commit (the bytes are on disk
 * before a row names them); added[i] says whether this request put file i in the store. 0, -1. */
int fb_files_keep(struct fb_file *files, int n, int added[]);
/* After a failure: rolls back, then takes back the files this request added unless a row of
 * someone else names them by now. */
void fb_files_discard(db_t *db, struct fb_file *files, int n, const int added[]);
/* Inserts feedback_files rows in the caller's transaction. */
int fb_files_insert(db_t *db, long long id, const char *kind, struct fb_file *files, int n);

#endif
