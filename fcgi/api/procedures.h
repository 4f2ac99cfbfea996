/* Handlers of the procedures resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_PROCEDURES_H
#define KSTT_API_PROCEDURES_H
#include "server/http.h"
#include "store/db.h"

/* Demo data that needs code, run by `kstt-api load-demo` after the db/demo SQL files. */
int procedures_after_demo(db_t *db);

#endif
