/* Handlers of the feedback resource, named in the route table (api/routes.c). */
#ifndef KSTT_API_FEEDBACK_H
#define KSTT_API_FEEDBACK_H
#include "server/http.h"
#include "store/db.h"

/* Demo data that needs code, run by `kstt-api load-demo` after the db/demo SQL files. */
int feedback_after_demo(db_t *db);

#endif
