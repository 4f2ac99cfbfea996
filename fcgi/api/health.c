/* GET /api/v1/health and GET /api/v1/metrics: liveness, schema version, Prometheus counters. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "lib/clock.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/server.h"
#include "store/db.h"

/* Load balancers poll health many times a second; one database check per process per
 * KSTT_HEALTH_TTL_MS (200) is enough to notice an outage well within a second and spares
 * MariaDB. 0 checks on every request (bench/bench_php.sh compares that with PHP doing the same). */

static pthread_mutex_t health_mu = PTHREAD_MUTEX_INITIALIZER;
static long long checked_ms;
static int healthy;
static char schema[192];

static int check_db(char *out, size_t cap) {
    db_t *db = db_get();
    struct db_res *res =
        db ? db_query(db, "SELECT MAX(version) FROM schema_migrations", NULL) : NULL;
    if (!res) return 0;
    const char *v = db_val(res, 0, 0);
    snprintf(out, cap, "%s", v ? v : "");
    db_res_free(res);
    return 1;
}

int h_health(req_t *r) {
    char ver[192];
    pthread_mutex_lock(&health_mu);
    long long now = clock_mono_ms();
    int fresh = checked_ms && now - checked_ms < server_cfg->health_ttl_ms;
    int ok = healthy;
    memcpy(ver, schema, sizeof ver);
    pthread_mutex_unlock(&health_mu);
    if (!fresh) {
        ok = check_db(ver, sizeof ver);
        pthread_mutex_lock(&health_mu);
        checked_ms = clock_mono_ms();
        healthy = ok;
        memcpy(schema, ver, sizeof schema);
        pthread_mutex_unlock(&health_mu);
    }
    if (!ok) {
        res_problem(r, 503, NULL, "Không kết nối được cơ sở dữ liệu.");
        return 0;
    }
    res_json(
        r, 200,
        json_pack("{s:s, s:s, s:s*}", "status", "ok", "db", "ok", "schema", ver[0] ? ver : NULL));
    return 0;
}

int h_metrics(req_t *r) {
    struct buf b;
    buf_init(&b);
    metrics_render(&b, api_routes, api_nroutes);
    res_raw(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.data ? b.data : "", b.len);
    buf_free(&b);
    return 0;
}
