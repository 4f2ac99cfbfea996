/* FastCGI transport: worker threads accepting requests, dispatch through the route table. */
#ifndef KSTT_SERVER_H
#define KSTT_SERVER_H
#include "lib/config.h"
#include "server/http.h"
#include "server/router.h"

/* Called after routing and before the handler: authenticates, checks CSRF and the route's
 * permission. Returns 0 to go on, or -1 after answering. Set by the api layer. */
extern int (*server_authorize)(req_t *r);
/* Called after each attempt at a handler: 1 when the attempt hit a transient database conflict
 * (deadlock, lock wait timeout, cluster certification failure) and may be run again from the
 * start, 0 otherwise. Set by the api layer; NULL means never. */
extern int (*server_attempt_conflicted)(void);
extern const struct config *server_cfg;

/* Runs one worker process: cfg->threads threads on listen_fd until SIGTERM, then drains. */
int server_worker_main(const struct config *cfg, int listen_fd);
/* Handles one parsed request end to end (exposed for tests). */
void server_dispatch(req_t *r);

#endif
