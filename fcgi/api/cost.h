/* Compliance cost (chi phí tuân thủ) of procedures and the savings over them (issue 17). */
#ifndef KSTT_API_COST_H
#define KSTT_API_COST_H
#include "server/http.h"
#include "server/input.h"

/* cost.c */
int h_procedure_cost_get(req_t *r);
int h_procedure_cost_put(req_t *r);
/* savings.c */
int h_savings_list(req_t *r);
int h_savings_export(req_t *r);

extern const struct in_spec in_procedure_cost_get, in_procedure_cost_put, in_savings_list,
    in_savings_export;

#endif
