/* Handlers of /api/v1/rule-sets: dated versions of the rule sets, kept by the province's
 * administrators (issue 20). */
#ifndef KSTT_API_RULE_SETS_H
#define KSTT_API_RULE_SETS_H
#include "server/http.h"
#include "server/input.h"

int h_rule_sets_list(req_t *r);
int h_rule_sets_get(req_t *r);
int h_rule_sets_diff(req_t *r);
int h_rule_sets_post(req_t *r);
extern const struct in_spec in_rule_sets_get, in_rule_sets_diff, in_rule_sets_post;

#endif
