/* What the satisfaction survey files share (issue 19 part 2): the survey read and checked, its
 * units, a response stored, the results per unit, question and group, a unit's index figure. */
#ifndef KSTT_API_SIPAS_COMMON_H
#define KSTT_API_SIPAS_COMMON_H
#include <jansson.h>

#include "core/sipas.h"
#include "server/http.h"
#include "store/db.h"

/* The ?unit_id= filter of the links and results routes (in_sipas_unit_query). */
struct sp_unit_query {
    long long unit_id;
};

extern const char *const sp_statuses[]; /* "draft", "open", "closed", NULL */

/* A year's survey: the row {year, title, period_from, period_to, status, questions, scale,
 * opened_at, closed_at} and its checked questions and scale. */
struct sp_loaded {
    json_t *row;
    struct sp_survey s;
};
/* 1 read, 0 none, -1 error. for_update locks the row (inside a write). Free with sp_loaded_free. */
int sp_survey_load(db_t *db, long long year, int for_update, struct sp_loaded *out);
void sp_loaded_free(struct sp_loaded *l);
/* The survey's status, as sp_statuses' index. */
int sp_status(const struct sp_loaded *l);
/* The survey's units [{id, name, level}] by name; NULL on error. */
json_t *sp_units(db_t *db, long long year);
/* 1 when unit_id is surveyed in year, 0, -1. */
int sp_unit_in(db_t *db, long long year, long long unit_id);
/* Hundredths as a JSON number (an integer when whole), null when h < 0. */
json_t *sp_json_h(long long h);
/* Checks answers against the survey into scores[]: 0, or -1 after answering 422 with every
 * field error. */
int sp_answers_or_422(req_t *r, const struct sp_survey *s, json_t *answers,
                      int scores[SP_QUESTIONS_MAX]);
/* Stores one response with its answers, in the caller's transaction; *id gets the response's id.
 * channel "online" or "paper"; entered_by 0 for online. 0 or -1. */
int sp_response_store(db_t *db, long long year, long long unit_id, const char *channel,
                      long long entered_by, const struct sp_survey *s,
                      const int scores[SP_QUESTIONS_MAX], long long *id);
/* The results of a survey: overall index and counts, per group, per question and per unit (each
 * with its questions). Only the units p sees when p is given (NULL: every unit). NULL on error. */
json_t *sp_results(db_t *db, const struct sp_loaded *l, const struct principal *p);
/* A unit's satisfied answers and answered questions in year's survey (0, 0 without one): the
 * reform index's sipas_index metric. 0 or -1. */
int sp_unit_figure(db_t *db, long long unit_id, long long year, long long *satisfied,
                   long long *answered);

#endif
