/* Prometheus counters kept in memory shared by the supervisor and all its workers. */
#ifndef KSTT_METRICS_H
#define KSTT_METRICS_H
#include <stddef.h>

#include "lib/buf.h"
#include "server/router.h"

#define METRICS_ROUTES  256 /* the last slot counts requests that matched no route */
#define METRICS_BUCKETS 12

/* Maps the shared region; call once in the supervisor before forking. */
int metrics_init(void);
void metrics_observe(int route_index, int status, long duration_us);
/* One signed-in request's session: recalled from memory (1) or read from the database (0). */
void metrics_session(int recalled);
void metrics_db_reconnect(void);
void metrics_worker_restart(void);
void metrics_render(struct buf *out, const struct route *routes, size_t n);

#endif
