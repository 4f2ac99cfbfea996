/* The coordinator's registries (issue 18): focal officers, training courses, the budget. */
#ifndef KSTT_API_REGISTRIES_H
#define KSTT_API_REGISTRIES_H
#include "server/http.h"
#include "server/input.h"

/* focal_officers.c */
int h_focal_list(req_t *r);
int h_focal_export(req_t *r);
int h_focal_create(req_t *r);
int h_focal_get(req_t *r);
int h_focal_end(req_t *r);
int h_focal_decision_put(req_t *r);
int h_focal_decision_get(req_t *r);
extern const struct in_spec in_focal_list, in_focal_export, in_focal_create, in_focal_end;

/* trainings.c */
int h_trainings_list(req_t *r);
int h_trainings_export(req_t *r);
int h_trainings_untrained(req_t *r);
int h_trainings_create(req_t *r);
int h_trainings_get(req_t *r);
int h_trainings_update(req_t *r);
int h_trainings_attendees(req_t *r);
int h_trainings_materials_add(req_t *r);
int h_trainings_materials_get(req_t *r);
extern const struct in_spec in_trainings_list, in_trainings_export, in_trainings_untrained,
    in_trainings_create, in_trainings_update, in_trainings_attendees;

/* budget.c */
int h_budget_categories_list(req_t *r);
int h_budget_categories_create(req_t *r);
int h_budget_categories_update(req_t *r);
int h_budget_get(req_t *r);
int h_budget_export(req_t *r);
int h_budget_lines_create(req_t *r);
int h_budget_lines_update(req_t *r);
extern const struct in_spec in_budget_categories_create, in_budget_categories_update, in_budget_get,
    in_budget_export, in_budget_lines_create, in_budget_lines_update;

#endif
