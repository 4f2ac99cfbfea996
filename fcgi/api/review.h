/* Handlers of the review of procedures (issue 17, part 1): review targets of a task, review
 * forms (review.c), simplification proposals and the province's decisions (review_decisions.c). */
#ifndef KSTT_API_REVIEW_H
#define KSTT_API_REVIEW_H
#include "server/http.h"
#include "server/input.h"

/* review.c */
int h_review_targets_get(req_t *r);
int h_review_targets_put(req_t *r);
int h_review_forms_list(req_t *r);
int h_review_forms_export(req_t *r);
int h_review_forms_get(req_t *r);
int h_review_forms_put(req_t *r);
int h_review_forms_submit(req_t *r);
int h_review_forms_accept(req_t *r);
int h_review_forms_return(req_t *r);
extern const struct in_spec in_review_targets_put, in_review_forms_list, in_review_forms_export,
    in_review_forms_put, in_review_forms_return;

/* review_decisions.c */
int h_review_proposals_list(req_t *r);
int h_review_proposals_export(req_t *r);
int h_review_proposals_implement(req_t *r);
int h_review_decisions_list(req_t *r);
int h_review_decisions_export(req_t *r);
int h_review_decisions_create(req_t *r);
int h_review_decisions_get(req_t *r);
extern const struct in_spec in_review_proposals_list, in_review_proposals_export,
    in_review_proposals_implement, in_review_decisions_list, in_review_decisions_create;

#endif
