/* Handlers of inspections, their templates and of communications and dialogues (issue 18). */
#ifndef KSTT_API_INSPECTIONS_H
#define KSTT_API_INSPECTIONS_H
#include "server/http.h"
#include "server/input.h"
#include "store/db.h"

/* inspections.c */
int h_inspections_list(req_t *r);
int h_inspections_export(req_t *r);
int h_inspections_create(req_t *r);
int h_inspections_get(req_t *r);
int h_inspections_update(req_t *r);
int h_inspections_close(req_t *r);
int h_inspection_findings_create(req_t *r);
int h_inspection_files_add(req_t *r);
int h_inspection_file_get(req_t *r);
int h_inspection_conclusion_get(req_t *r);
int h_inspection_templates_get(req_t *r);
int h_inspection_templates_put(req_t *r);
extern const struct in_spec in_inspections_list, in_inspections_export, in_inspections_create,
    in_inspections_update, in_inspection_findings_create, in_inspection_templates_put;

/* communications.c */
int h_communications_list(req_t *r);
int h_communications_export(req_t *r);
int h_communications_create(req_t *r);
int h_communications_get(req_t *r);
int h_communications_update(req_t *r);
int h_communication_file_put(req_t *r);
int h_communication_file_get(req_t *r);
int h_communication_commitments_create(req_t *r);
extern const struct in_spec in_communications_list, in_communications_export,
    in_communications_create, in_communications_update, in_communication_commitments_create;

/* followup.c: the scheduler's job that tells the following unit of overdue follow-ups. */
int followup_overdue_job(db_t *db);

/* demo_inspections.c */
int demo_inspections(db_t *db);

#endif
