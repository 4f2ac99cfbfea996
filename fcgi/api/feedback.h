/* Handlers of the feedback resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_FEEDBACK_H
#define KSTT_API_FEEDBACK_H
#include <jansson.h>

#include "core/feedback_flow.h"
#include "lib/config.h"
#include "server/http.h"
#include "store/db.h"
#include "api/feedback_common.h"

/* Supervisor, before forking: the proof-of-work key (KSTT_KEY_DIR/altcha.key, made at first
 * start). */
int feedback_global_init(const struct config *cfg);
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
int h_public_feedback_published(req_t *r);
int h_public_feedback_track(req_t *r);
int h_public_feedback_info(req_t *r);
int h_public_feedback_rating(req_t *r);
/* Following a published answer (mail on a correction) and the link that ends it. */
int h_public_answer_follow(req_t *r);
int h_public_unfollow(req_t *r);
/* A signed reply letter of a published answer, as a download (issue 20). */
int h_public_answer_letter(req_t *r);

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
int h_feedback_correct(req_t *r);
/* Issue 20: a published item reopened with a reason; a signed reply letter (PDF) attached. */
int h_feedback_reopen(req_t *r);
int h_feedback_letter(req_t *r);
/* feedback_intake.c: staff record feedback received by phone, letter, in person, e-mail or the
 * hotline; it enters the workflow with its clock from the received date. */
int h_feedback_intake(req_t *r);
extern const struct in_spec in_feedback_list, in_feedback_stats, in_feedback_reject,
    in_feedback_request_info, in_feedback_accept, in_feedback_forward, in_feedback_duplicate,
    in_feedback_receive, in_feedback_return, in_feedback_draft, in_feedback_submit,
    in_feedback_publish, in_feedback_send_back, in_public_feedback_info, in_public_feedback_rating,
    in_public_feedback_list, in_public_email_code, in_public_feedback_submit, in_feedback_correct,
    in_public_answer_follow, in_public_unfollow, in_feedback_reopen, in_feedback_letter,
    in_feedback_intake;

/* ---- feedback_jobs.c ---------------------------------------------------------------------- */

/* Recomputes due_date of every open item (demo data, after a rule change). */
int fb_refresh_due_all(db_t *db);
/* Writes today's reminders (in-app, and mail when configured) for items overdue or due soon.
 * Returns the number of notifications written, or -1. */
int fb_reminders_run(db_t *db);
int h_feedback_reminders(req_t *r);

#endif
