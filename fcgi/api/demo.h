/* The demo-data steps that need code (api/demo_<area>.c), run in order by `kstt-api load-demo`
 * after the db/demo SQL files: each returns 0, or -1 on failure. */
#ifndef KSTT_API_DEMO_H
#define KSTT_API_DEMO_H
#include "store/db.h"

int demo_offices(db_t *db);    /* one district's standard offices and an office's officer */
int demo_procedures(db_t *db); /* derived fields of the published procedures */
int demo_plans(db_t *db);      /* the Nam Định 2023 plan, published, with progress */
int demo_feedback(db_t *db);   /* feedback in every state */
int demo_dossiers(db_t *db);   /* dossiers since 2023 and their roll-ups */
int demo_registries(db_t *db); /* focal officers' appointments, two courses, budget lines */
int demo_reform(db_t *db);     /* internal procedures, impact assessments, initiatives */
int demo_review(db_t *db);     /* this year's review plan: forms in every state, a decision */
int demo_cost(db_t *db);       /* compliance cost sheets of a few department procedures */
int demo_reports(db_t *db);    /* the last two quarters' reports, most filed, one returned */
int demo_index(db_t *db);      /* the reform index: 2024 final for every unit, 2025 open */
int demo_sipas(db_t *db);      /* the 2025 satisfaction survey, closed, with responses */

#endif
