/* Prometheus counters kept in memory shared by the supervisor and all its workers. */
#include "server/metrics.h"

#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

static const int statuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                               409, 413, 415, 422, 429, 500, 503, 0};
#define NSTATUS ((int)(sizeof statuses / sizeof statuses[0]))
static const long bucket_us[METRICS_BUCKETS] = {500,   1000,   2500,   5000,   10000,   25000,
                                                50000, 100000, 250000, 500000, 1000000, 0};

struct shm {
    atomic_ulong requests[METRICS_ROUTES][NSTATUS];
    atomic_ulong buckets[METRICS_ROUTES][METRICS_BUCKETS];
    atomic_ulong sum_us[METRICS_ROUTES];
    atomic_ulong db_reconnects, worker_restarts;
    atomic_ulong sessions_read, sessions_recalled;
};

static struct shm *shm;

int metrics_init(void) {
    void *p =
        mmap(NULL, sizeof(struct shm), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    memset(p, 0, sizeof(struct shm));
    shm = p;
    return 0;
}

static int status_slot(int status) {
    for (int i = 0; i < NSTATUS - 1; i++)
        if (statuses[i] == status) return i;
    return NSTATUS - 1;
}

void metrics_observe(int route, int status, long us) {
    if (!shm) return;
    if (route < 0 || route >= METRICS_ROUTES - 1) route = METRICS_ROUTES - 1;
    atomic_fetch_add(&shm->requests[route][status_slot(status)], 1);
    int b = 0;
    while (b < METRICS_BUCKETS - 1 && us > bucket_us[b]) b++;
    atomic_fetch_add(&shm->buckets[route][b], 1);
    atomic_fetch_add(&shm->sum_us[route], (unsigned long)(us < 0 ? 0 : us));
}

void metrics_session(int recalled) {
    if (shm) atomic_fetch_add(recalled ? &shm->sessions_recalled : &shm->sessions_read, 1);
}

void metrics_db_reconnect(void) {
    if (shm) atomic_fetch_add(&shm->db_reconnects, 1);
}

void metrics_worker_restart(void) {
    if (shm) atomic_fetch_add(&shm->worker_restarts, 1);
}

static void route_label(struct buf *o, const struct route *routes, size_t n, int r) {
    if (r == METRICS_ROUTES - 1 || (size_t)r >= n)
        buf_puts(o, "method=\"\",route=\"unmatched\"");
    else
        buf_printf(o, "method=\"%s\",route=\"%s\"", routes[r].method, routes[r].pattern);
}

static void render_latency(struct buf *o, const struct route *routes, size_t n, int r) {
    unsigned long cum = 0;
    for (int b = 0; b < METRICS_BUCKETS; b++) {
        cum += atomic_load(&shm->buckets[r][b]);
        buf_puts(o, "kstt_request_duration_seconds_bucket{");
        route_label(o, routes, n, r);
        if (bucket_us[b])
            buf_printf(o, ",le=\"%g\"} %lu\n", bucket_us[b] / 1e6, cum);
        else
            buf_printf(o, ",le=\"+Inf\"} %lu\n", cum);
    }
    buf_puts(o, "kstt_request_duration_seconds_sum{");
    route_label(o, routes, n, r);
    buf_printf(o, "} %.6f\n", atomic_load(&shm->sum_us[r]) / 1e6);
    buf_puts(o, "kstt_request_duration_seconds_count{");
    route_label(o, routes, n, r);
    buf_printf(o, "} %lu\n", cum);
}

void metrics_render(struct buf *o, const struct route *routes, size_t n) {
    if (!shm) return;
    buf_puts(o, "# HELP kstt_requests_total Requests by route and status.\n"
                "# TYPE kstt_requests_total counter\n");
    for (int r = 0; r < METRICS_ROUTES; r++) {
        for (int s = 0; s < NSTATUS; s++) {
            unsigned long v = atomic_load(&shm->requests[r][s]);
            if (!v) continue;
            buf_puts(o, "kstt_requests_total{");
            route_label(o, routes, n, r);
            if (statuses[s])
                buf_printf(o, ",status=\"%d\"} %lu\n", statuses[s], v);
            else
                buf_printf(o, ",status=\"other\"} %lu\n", v);
        }
    }
    buf_puts(o, "# HELP kstt_request_duration_seconds Request latency inside the api worker.\n"
                "# TYPE kstt_request_duration_seconds histogram\n");
    for (int r = 0; r < METRICS_ROUTES; r++)
        if (atomic_load(&shm->sum_us[r]) || atomic_load(&shm->buckets[r][0]))
            render_latency(o, routes, n, r);
    buf_printf(o,
               "# HELP kstt_db_reconnects_total Database connections rebuilt after a loss.\n"
               "# TYPE kstt_db_reconnects_total counter\nkstt_db_reconnects_total %lu\n"
               "# HELP kstt_worker_restarts_total Worker processes respawned by the supervisor.\n"
               "# TYPE kstt_worker_restarts_total counter\nkstt_worker_restarts_total %lu\n"
               "# HELP kstt_sessions_total Sessions of signed-in requests, read from the database "
               "or recalled from a worker's memory (decision 215).\n"
               "# TYPE kstt_sessions_total counter\nkstt_sessions_total{source=\"database\"} %lu\n"
               "kstt_sessions_total{source=\"memory\"} %lu\n",
               atomic_load(&shm->db_reconnects), atomic_load(&shm->worker_restarts),
               atomic_load(&shm->sessions_read), atomic_load(&shm->sessions_recalled));
}
