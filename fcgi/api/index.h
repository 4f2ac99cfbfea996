/* The administrative reform index (Chỉ số CCHC, issue 19): criteria, self-assessment, appraisal,
 * finalising and results. Handlers named in the route table (api/routes.c). */
#ifndef KSTT_API_INDEX_H
#define KSTT_API_INDEX_H
#include "server/http.h"
#include "server/input.h"

/* index_criteria.c */
int h_index_criteria_get(req_t *r);
int h_index_criteria_put(req_t *r);
int h_index_criteria_copy(req_t *r);
int h_index_criteria_import(req_t *r);
/* index_assessments.c */
int h_index_assessment_get(req_t *r);
int h_index_assessment_put(req_t *r);
int h_index_assessment_submit(req_t *r);
/* index_evidence.c */
int h_index_evidence_add(req_t *r);
int h_index_evidence_get(req_t *r);
int h_index_evidence_withdraw(req_t *r);
/* index_appraisals.c */
int h_index_appraisal_put(req_t *r);
int h_index_appraisal_return(req_t *r);
int h_index_finalize(req_t *r);
/* index_results.c */
int h_index_results(req_t *r);
int h_public_index_results(req_t *r);
int h_index_results_export(req_t *r);

extern const struct in_spec in_index_kind, in_index_assessment_put, in_index_appraisal_put,
    in_index_return, in_index_finalize;

#endif
