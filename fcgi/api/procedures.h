/* Handlers of the procedures resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_PROCEDURES_H
#define KSTT_API_PROCEDURES_H
#include "server/http.h"
#include "store/db.h"

/* Intranet catalogue: /api/v1/procedures */
int h_procedures_list(req_t *r);
int h_procedures_get(req_t *r);
int h_procedures_create(req_t *r);
int h_procedures_update(req_t *r);
int h_procedures_delete(req_t *r);
int h_procedures_status(req_t *r);
int h_procedures_history(req_t *r);
int h_procedures_import(req_t *r);
/* Its forms (mẫu đơn, tờ khai): procedure_forms.c */
int h_procedure_forms_add(req_t *r);
int h_procedure_forms_withdraw(req_t *r);
int h_procedure_forms_get(req_t *r);
int h_public_procedure_forms_get(req_t *r);

/* Fields (lĩnh vực): /api/v1/procedure-fields */
int h_procedure_fields_list(req_t *r);
int h_procedure_fields_create(req_t *r);
int h_procedure_fields_update(req_t *r);
int h_procedure_fields_delete(req_t *r);

/* Citizens' portal: /api/v1/public/procedures */
int h_public_procedures_list(req_t *r);
int h_public_procedures_stats(req_t *r);
extern const struct in_spec in_procedures_list, in_procedures_import, in_procedures_status,
    in_procedures_history, in_procedure_fields_create, in_procedure_fields_update,
    in_public_procedures_list, in_public_procedures_stats;
int h_public_procedures_get(req_t *r);

#endif
