/* Handlers of the reports resource (issue 14), named in the route table (api/routes.c). */
#ifndef KSTT_API_REPORTS_H
#define KSTT_API_REPORTS_H
#include "server/http.h"
#include "server/input.h"
#include "store/db.h"

/* reports.c: a unit's periodic report and its workflow. */
int h_reports_create(req_t *r);
int h_reports_list(req_t *r);
int h_reports_get(req_t *r);
int h_reports_update(req_t *r);
int h_reports_refresh(req_t *r);
int h_reports_submit(req_t *r);
int h_reports_accept(req_t *r);
int h_reports_return(req_t *r);
extern const struct in_spec in_reports_create, in_reports_list, in_reports_update,
    in_reports_accept, in_reports_return;

/* reports_tracker.c: who has filed, reminders (the route and the hourly job). */
int h_reports_tracker(req_t *r);
int h_reports_remind(req_t *r);
int reports_reminders_job(db_t *db);
extern const struct in_spec in_reports_tracker, in_reports_remind;

/* reports_export.c: the report as .xlsx in the official layout. */
int h_reports_export(req_t *r);

#endif
