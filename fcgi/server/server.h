/* FastCGI transport: worker threads accepting requests, dispatch through the route table. */
#ifndef KSTT_SERVER_H
#define KSTT_SERVER_H
#include "lib/config.h"
#include "server/http.h"
#include "server/router.h"

/* What the transport needs from the layers above it, handed in by main.c so that server/ knows
 * only lib/: it never names the api's routes or the store's connections. */
struct server_hooks {
    const struct route *routes; /* the route table and its length */
    size_t nroutes;
    /* Called after routing and before the body is read: authenticates, checks CSRF and the
     * route's permission. Returns 0 to go on, or -1 after answering. NULL: everyone may. */
    int (*authorize)(req_t *r);
    /* Called before each attempt at a handler (NULL: nothing), then after it: 1 when the attempt
     * hit a transient database conflict (deadlock, lock wait timeout, cluster certification
     * failure), committed nothing, and may be run again from the start; 0 otherwise. NULL means
     * never. */
    void (*attempt_begin)(void);
    int (*attempt_conflicted)(void);
    /* Run in each worker thread before its first request and after its last (NULL: nothing),
     * such as releasing the thread's database connection. */
    void (*thread_start)(void);
    void (*thread_end)(void);
};

extern const struct config *server_cfg;

/* The workers' shared count of the connections each holds (decision 225): made before any fork
 * for nworkers slots; 0 or -1 (then each worker accepts as it can). */
int server_slots_init(int nworkers);
/* The supervisor's word that slot's worker died (its connections went with it) or is about to
 * start afresh (alive 1). */
void server_slot_reset(int slot, int alive);
/* Runs one worker process in slot: cfg->threads threads on listen_fd until SIGTERM, then
 * drains. */
int server_worker_main(const struct config *cfg, int listen_fd, int slot,
                       const struct server_hooks *hooks);
/* Handles one parsed request end to end (exposed for tests). */
void server_dispatch(const struct server_hooks *h, req_t *r);

#endif
