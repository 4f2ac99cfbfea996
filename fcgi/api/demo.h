/* The demo-data steps that need code (api/demo_<area>.c), run in order by `kstt-api load-demo`
 * after the db/demo SQL files: each returns 0, or -1 on failure. */
#ifndef KSTT_API_DEMO_H
#define KSTT_API_DEMO_H
#include "store/db.h"

int demo_offices(db_t *db);    /* one district's standard offices and an office's officer */
int demo_procedures(db_t *db); /* derived fields of the published procedures */
int demo_plans(db_t *db);      /* the Nam Định 2023 plan, published, with progress */
int demo_reorganize(db_t *db); /* the 2025 reform applied, then this year's plan on the new tree */
int demo_plan_now(db_t *db);   /* this year's plan, from the seed, as of today */

/* 1 when the demo is loaded as after the 2025 reform (load-demo --after-2025-reform): this
 * year's plan is made after the reorganisation, and fixed unit codes of the old tree resolve to
 * the units that took their work (demo_unit_code). */
extern int demo_two_level;
/* The code a step should use for a unit of the 2023 tree named by code: itself, or after the
 * reform the unit its work went to. */
const char *demo_unit_code(const char *code);
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
