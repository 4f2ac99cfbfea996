/* Handlers of the reform registries (issue 17): internal procedures and their simplification
 * proposals, impact assessments of draft legal documents, reform initiatives. */
#ifndef KSTT_API_REFORM_H
#define KSTT_API_REFORM_H
#include "server/http.h"
#include "server/input.h"

/* internal_procedures.c */
int h_internal_procedures_list(req_t *r);
int h_internal_procedures_export(req_t *r);
int h_internal_procedures_create(req_t *r);
int h_internal_procedures_get(req_t *r);
int h_internal_procedures_update(req_t *r);
int h_internal_proposals_create(req_t *r);
int h_internal_proposals_update(req_t *r);
extern const struct in_spec in_internal_procedures_list, in_internal_procedures_export,
    in_internal_procedures_create, in_internal_procedures_update, in_internal_proposals_create,
    in_internal_proposals_update;

/* impact_assessments.c */
int h_impact_list(req_t *r);
int h_impact_export(req_t *r);
int h_impact_create(req_t *r);
int h_impact_get(req_t *r);
int h_impact_update(req_t *r);
int h_impact_send(req_t *r);
int h_impact_appraise(req_t *r);
extern const struct in_spec in_impact_list, in_impact_export, in_impact_create, in_impact_update,
    in_impact_send, in_impact_appraise;

/* initiatives.c */
int h_initiatives_list(req_t *r);
int h_initiatives_export(req_t *r);
int h_initiatives_create(req_t *r);
int h_initiatives_get(req_t *r);
int h_initiatives_update(req_t *r);
int h_initiatives_assess(req_t *r);
int h_initiatives_decide(req_t *r);
extern const struct in_spec in_initiatives_list, in_initiatives_export, in_initiatives_create,
    in_initiatives_update, in_initiatives_assess, in_initiatives_decide;

#endif
