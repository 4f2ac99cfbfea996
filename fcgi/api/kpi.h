/* Handlers of the kpi resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_KPI_H
#define KSTT_API_KPI_H
#include "server/http.h"
#include "store/db.h"

/* Demo data that needs code, run by `kstt-api load-demo` after the db/demo SQL files. */
int dossiers_after_demo(db_t *db);

/* dossiers.c: upsert of dossiers (JSON array, NDJSON, CSV) with their roll-ups. */
int h_dossiers_bulk(req_t *r);

/* kpi.c: indicators of SPEC §5 for a unit's subtree and a period, read from the roll-ups. */
int h_kpi_summary(req_t *r);
int h_kpi_ranking(req_t *r);
int h_kpi_trend(req_t *r);
int h_kpi_late(req_t *r);
int h_kpi_rules(req_t *r);
/* The same figures for everyone (no dossier codes), under /api/v1/public/kpi/. */
int h_public_kpi_summary(req_t *r);
int h_public_kpi_ranking(req_t *r);
int h_public_kpi_trend(req_t *r);
int h_public_kpi_late(req_t *r);

#endif
