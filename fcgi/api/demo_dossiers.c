/* Demo dossiers: deterministic, believable, through the same ingest path as the bulk route. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/demo.h"
#include "api/kpi.h"
#include "core/dossier.h"
#include "lib/log.h"

static uint64_t rng_next(uint64_t *s) {
    /* splitmix64: tiny, seedable, same sequence on every machine */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s) {
    return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

/* The catalogue's procedures a unit of this level handles (communes: commune level, districts:
 * district level, the others: province level), so that the report's table by field is real. */
static struct db_res *level_procedures(db_t *db, const char *level) {
    const char *col = strcmp(level, "commune") == 0    ? "level_commune"
                      : strcmp(level, "district") == 0 ? "level_district"
                                                       : "level_province";
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT code FROM procedures WHERE status = 'in_force' AND %s = 1 "
             "ORDER BY code",
             col);
    return db_query(db, sql, NULL);
}

int demo_dossiers(db_t *db) {
    struct ingest *g = dossier_ingest_new(db);
    int rc = g ? 0 : -1;
    struct db_res *units = rc == 0 ? db_query(db,
                                              "SELECT code, level, sort_order, valid_from, "
                                              "valid_to FROM units WHERE level IN "
                                              "('department', 'district', 'commune', "
                                              "'onestop') ORDER BY id",
                                              NULL)
                                   : NULL;
    if (!units) {
        dossier_ingest_free(g);
        return -1;
    }
    uint64_t seed = 766;
    /* Up to yesterday, so the dashboard's current month shows work in progress on first sight. */
    struct ymd start = {2023, 1, 1}, end = days_to_ymd(ymd_to_days(calendar_today()) - 1);
    long d0 = ymd_to_days(start), d1 = ymd_to_days(end);
    long count = 0;
    for (size_t u = 0; rc == 0 && u < units->nrows; u++) {
        const char *code = db_val(units, u, 0), *level = db_val(units, u, 1);
        int commune = strcmp(level, "commune") == 0, district = strcmp(level, "district") == 0;
        /* Each unit has its own quality, so that rankings differ and improve over time. */
        double quality = 0.55 + 0.4 * rng_unit(&seed);
        double per_week = commune ? 2.0 : district ? 5.0 : strcmp(level, "onestop") == 0 ? 9 : 3.5;
        struct db_res *procs = level_procedures(db, level);
        if (!procs) rc = -1;
        /* a unit receives dossiers while it exists (after the 2025 reform: the old communes
         * until 30 June, the new ones from 1 July) */
        struct ymd from = start, until = end;
        if (db_val(units, u, 3)) ymd_parse(db_val(units, u, 3), &from);
        if (db_val(units, u, 4)) ymd_parse(db_val(units, u, 4), &until);
        long first = ymd_to_days(from) > d0 ? ymd_to_days(from) : d0;
        long last = ymd_to_days(until) < d1 ? ymd_to_days(until) : d1;
        for (long day = first; rc == 0 && day <= last; day++) {
            struct ymd t = days_to_ymd(day);
            int wd = ymd_weekday(t);
            if (wd >= 5) continue;
            double progress = (double)(day - d0) / (double)(d1 - d0); /* reforms take hold */
            double expect = per_week / 5.0 * (0.8 + 0.4 * progress);
            int n = (int)expect + (rng_unit(&seed) < expect - (int)expect);
            for (int k = 0; k < n; k++) {
                struct dossier d;
                dossier_init(&d);
                snprintf(d.code, sizeof d.code, "%s-%04d%02d%02d-%03d", code, t.y, t.m, t.d, k + 1);
                uint64_t pick = rng_next(&seed);
                /* an empty catalogue: codes it does not have (the report's "not classified") */
                if (procs->nrows)
                    snprintf(d.procedure_code, sizeof d.procedure_code, "%s",
                             db_val(procs, pick % procs->nrows, 0));
                else
                    snprintf(d.procedure_code, sizeof d.procedure_code, "1.%06d",
                             (int)(pick % 40) + 1000);
                snprintf(d.unit_code, sizeof d.unit_code, "%s", code);
                double online_p = 0.25 + 0.5 * progress * quality;
                double x = rng_unit(&seed);
                d.channel = x < online_p ? CH_ONLINE : x < online_p + 0.05 ? CH_POSTAL : CH_DIRECT;
                if (d.channel == CH_ONLINE)
                    d.online_level = rng_unit(&seed) < 0.6 ? OL_FULL : OL_PARTIAL;
                long long at = (long long)day * 86400 + 7 * 3600 + 30 * 60 +
                               (long long)(rng_next(&seed) % (9 * 3600));
                d.received = at;
                int limit = (int)(rng_next(&seed) % 15) + 3;
                d.due = at + (long long)limit * 86400 + 86400LL * 2 * (limit / 5);
                d.due -= d.due % 86400 - 17 * 3600; /* 17:00 on the due day */
                double late_p = 0.04 + 0.25 * (1 - quality) * (1 - 0.5 * progress);
                double y = rng_unit(&seed);
                long long took;
                if (y < late_p)
                    took = (d.due - at) + 86400LL * (1 + (long long)(rng_next(&seed) % 10));
                else
                    took = (long long)((double)(d.due - at) * (0.2 + 0.8 * rng_unit(&seed)));
                if (took < 3600) took = 3600;
                d.supplement_count = rng_unit(&seed) < 0.08 ? 1 : rng_unit(&seed) < 0.03 ? 2 : 0;
                long long fin = at + took;
                /* Near the end of the data some are still in progress. */
                if (fin < (long long)(d1 + 1) * 86400 &&
                    (fin < (long long)(d1 - 20) * 86400 || rng_unit(&seed) < 0.5)) {
                    d.finished = fin;
                    double z = rng_unit(&seed);
                    d.status = z < 0.93 ? ST_FINISHED : z < 0.97 ? ST_REJECTED : ST_WITHDRAWN;
                    d.returned = fin + 3600;
                    int late = dossier_day(fin) > dossier_day(d.due) || d.supplement_count > 1;
                    d.apology_issued = late && rng_unit(&seed) < 0.3 + 0.6 * quality;
                    d.digitized = rng_unit(&seed) < 0.3 + 0.6 * progress * quality + 0.1;
                    d.result_electronic = rng_unit(&seed) < 0.4 + 0.5 * progress;
                    double q = rng_unit(&seed);
                    if (q < 0.6)
                        d.rating = rng_unit(&seed) < 0.75 + 0.2 * quality ? RT_SATISFIED
                                   : rng_unit(&seed) < 0.6                ? RT_NORMAL
                                                                          : RT_UNSATISFIED;
                } else {
                    d.status = d.supplement_count ? ST_SUPPLEMENT : ST_PROCESSING;
                }
                if (rng_unit(&seed) < 0.45) {
                    d.fee = 10000 * (long long)(1 + rng_next(&seed) % 20);
                    d.paid_online = rng_unit(&seed) < 0.2 + 0.6 * progress;
                }
                d.reused_data = rng_unit(&seed) < 0.3;
                d.internal_transfer = rng_unit(&seed) < 0.2 + 0.5 * progress;
                if (dossier_ingest_take(g, &d, count++) < 0) rc = -1;
            }
        }
        db_res_free(procs);
    }
    if (rc == 0) rc = dossier_ingest_flush(g);
    long long rejected = dossier_ingest_rejected(g);
    if (rejected) log_error("demo dossiers: %lld rejected", rejected);
    db_res_free(units);
    dossier_ingest_free(g);
    return rc;
}
