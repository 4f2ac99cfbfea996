/* Handlers of the kpi resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_KPI_H
#define KSTT_API_KPI_H
#include "server/http.h"
#include "store/db.h"

/* dossiers.c: upsert of dossiers (JSON array, NDJSON, CSV) with their roll-ups. */
int h_dossiers_bulk(req_t *r);
/* The same ingest path for demo data (api/demo_dossiers.c), without audit: new (NULL on a
 * failure), take each dossier (index: its position, for rejections), flush the rest, free. */
struct ingest;
struct dossier;
struct ingest *dossier_ingest_new(db_t *db);
int dossier_ingest_take(struct ingest *g, struct dossier *d, long index);
int dossier_ingest_flush(struct ingest *g);
long long dossier_ingest_rejected(const struct ingest *g);
void dossier_ingest_free(struct ingest *g);
/* Recomputes dossiers.field_id and the field roll-ups (kpi_field_daily/monthly) from the
 * dossiers and the catalogue, in one transaction: 0 ok, -1 error. */
int dossier_field_rollups_rebuild(db_t *db);
/* Sets apology_issued on dossier id (row locked by the caller's transaction) and moves its
 * roll-up contribution: 0 (also when it was set already), -1 on an error. */
int dossier_apology_mark(db_t *db, long long id);

/* kpi.c: bumps kpi_data_version (migration 041) in the caller's transaction: every write that
 * changes what a figure answers (dossier ingest, roll-up rebuilds, rule sets, units) calls it,
 * so no cached figure computed before the write is served after it. 0, or -1 on a db error. */
int kpi_data_bump(db_t *db);
/* kpi.c: indicators of SPEC §5 for a unit's subtree and a period, read from the roll-ups. */
int h_kpi_summary(req_t *r);
int h_kpi_ranking(req_t *r);
int h_kpi_trend(req_t *r);
int h_kpi_late(req_t *r);
int h_kpi_rules(req_t *r);
/* Received, resolved and late per procedure / per field over a subtree and period. */
int h_kpi_procedures(req_t *r);
int h_kpi_fields(req_t *r);
/* The same figures for everyone (no dossier codes), under /api/v1/public/kpi/. */
int h_public_kpi_summary(req_t *r);
int h_public_kpi_ranking(req_t *r);
int h_public_kpi_trend(req_t *r);
int h_public_kpi_late(req_t *r);
/* kpi.c's unit pick (the caller's scope, or any unit when p is NULL; 0: its own or the
 * province's root), period check (422) and unit/period JSON, for api/late_lists.c. Each answers
 * and returns -1 on a failure. */
struct kpi_period;
struct ymd;
struct principal;
int kpi_pick_unit(req_t *r, db_t *db, const struct principal *p, long long unit_id, long long *out);
int kpi_read_period(req_t *r, const struct ymd *from, const struct ymd *to, struct kpi_period *p);
int kpi_put_unit(req_t *r, db_t *db, json_t *o, const char *key, long long id);
json_t *kpi_period_json(const struct kpi_period *p);
extern const struct in_spec in_kpi_summary, in_kpi_ranking, in_kpi_trend, in_kpi_late,
    in_public_kpi_late, in_kpi_rules, in_kpi_breakdown;

#endif
