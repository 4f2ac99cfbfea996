/* The satisfaction survey's handlers (issue 19 part 2, sipas_*.c) and their declared inputs. */
#ifndef KSTT_API_SIPAS_H
#define KSTT_API_SIPAS_H
#include "server/http.h"
#include "server/input.h"

int h_sipas_survey_get(req_t *r);
int h_sipas_survey_put(req_t *r);
int h_sipas_survey_open(req_t *r);
int h_sipas_survey_close(req_t *r);
int h_sipas_links_post(req_t *r);
int h_sipas_links_get(req_t *r);
int h_sipas_responses_post(req_t *r);
int h_sipas_results(req_t *r);
int h_public_sipas_get(req_t *r);
int h_public_sipas_post(req_t *r);
int h_public_sipas_results(req_t *r);

extern const struct in_spec in_sipas_survey_put;
extern const struct in_spec in_sipas_links_post;
extern const struct in_spec in_sipas_unit_query;
extern const struct in_spec in_sipas_responses_post;
extern const struct in_spec in_public_sipas_post;

#endif
