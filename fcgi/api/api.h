/* The api layer's entry points and every handler named in the route table. */
#ifndef KSTT_API_H
#define KSTT_API_H
#include "lib/config.h"
#include "server/http.h"
#include "server/router.h"
#include "store/db.h"

/* The one table of routes (api/routes.c), handed to the server by main.c. */
extern const struct route api_routes[];
extern const size_t api_nroutes;

/* Once in the supervisor before forking (keys, rule checks). */
int api_global_init(const struct config *cfg);
/* Once in each worker process after fork. */
int api_worker_init(const struct config *cfg);
/* The scheduler process: runs background jobs until SIGTERM (scheduler.c). */
int api_scheduler_main(const struct config *cfg);
/* One background job by name, now (`kstt-api run-job NAME`): the process exit status. */
int api_run_job(const struct config *cfg, const char *name);
/* Extra commands: returns the exit code, or -1 when the command is unknown. */
int api_command(const struct config *cfg, int argc, char **argv);
/* After `migrate` applied migrations: fills what a new table derives from existing rows (the
 * field roll-ups of a database that already had dossiers, the folded titles of 020). 0 ok, -1
 * error. */
int api_after_migrate(db_t *db);

/* `kstt-api load-demo [--after-2025-reform]` (demo.c): the 2023 province, or the same province
 * reorganised in 2025 (two levels) with a plan of this year under the new tree. */
int demo_load(const struct config *cfg, int after_reform);

/* auth.c */
int auth_global_init(const struct config *cfg);
int auth_worker_init(const struct config *cfg);
int auth_rotate_keys(const struct config *cfg);
/* The server's authoriser (handed to it by main.c): after routing and before the body is read,
 * authenticates, checks CSRF and the route's permission. 0 to go on, -1 after answering. */
int auth_authorize(req_t *r);
int h_auth_login(req_t *r);
extern const struct in_spec in_auth_login, in_auth_password;
int h_auth_refresh(req_t *r);
int h_auth_logout(req_t *r);
int h_auth_me(req_t *r);
int h_auth_check(req_t *r);
struct db;
int sessions_purge_job(struct db *db);
int h_auth_password(req_t *r);
int h_auth_jwks(req_t *r);

/* oidc.c: sign-in in the browser through OpenID providers, single logout (issue 13). */
int oidc_global_init(const struct config *cfg);
int oidc_worker_init(const struct config *cfg);
int h_oidc_providers(req_t *r);
int h_oidc_login(req_t *r);
int h_oidc_callback(req_t *r);
int h_oidc_backchannel(req_t *r);
int h_oidc_end_session(req_t *r);
int oidc_logins_purge_job(struct db *db);

/* units.c */
int h_units_list(req_t *r);
int h_units_get(req_t *r);
int h_units_create(req_t *r);
int h_units_update(req_t *r);
/* merge and retire (a merge names the successor) */
int h_units_end(req_t *r);
extern const struct in_spec in_units_list, in_units_create, in_units_update, in_units_merge,
    in_units_retire;
/* units_reorganize.c */
int h_units_reorganize(req_t *r);
extern const struct in_spec in_units_reorganize;

/* notifications.c */
int h_notifications_list(req_t *r);
int h_notifications_read(req_t *r);
int h_notifications_read_all(req_t *r);
extern const struct in_spec in_notifications_list;
/* notification_prefs.c (issue 15: mail per kind, daily digest) */
int h_notification_prefs_get(req_t *r);
int h_notification_prefs_put(req_t *r);
extern const struct in_spec in_notification_prefs_put;
int notification_digest_job(db_t *db);

/* search.c: the search across modules (issue 15) and the folded titles it reads */
int h_search(req_t *r);
extern const struct in_spec in_search;
/* Folds the titles that have no folded form yet (rows from before migration 020, the demo SQL).
 * 0, or -1 on a database error. */
int search_fold_all(db_t *db);

/* users.c */
int h_users_list(req_t *r);
int h_users_get(req_t *r);
int h_users_create(req_t *r);
int h_users_update(req_t *r);
int h_users_disable(req_t *r);
int h_users_enable(req_t *r);
extern const struct in_spec in_users_list, in_users_create, in_users_update;

/* audit.c */
int h_audit_list(req_t *r);
extern const struct in_spec in_audit_list;

/* workspace.c: the landing page's queues by role (issue 15) */
int h_workspace(req_t *r);

/* health.c */
int h_health(req_t *r);
int h_metrics(req_t *r);

#endif
