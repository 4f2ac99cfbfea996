/* Handlers of late-dossier accountability (issue 20): the explanation and apology records of a
 * late dossier (late_records.c) and the late lists (late_lists.c), named in api/routes.c. */
#ifndef KSTT_API_LATE_H
#define KSTT_API_LATE_H
#include "server/http.h"
#include "server/input.h"

int h_late_explanations_list(req_t *r);
int h_late_explanations_add(req_t *r);
int h_late_explanation_file(req_t *r);
int h_late_apologies_list(req_t *r);
int h_late_apologies_add(req_t *r);
int h_late_apology_file(req_t *r);

int h_kpi_late_dossiers(req_t *r);
int h_public_late_units(req_t *r);
extern const struct in_spec in_kpi_late_dossiers, in_public_late_units;

#endif
