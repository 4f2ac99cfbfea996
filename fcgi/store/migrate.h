/* Forward-only schema migrations from db/migrations/NNN_name.sql. */
#ifndef KSTT_MIGRATE_H
#define KSTT_MIGRATE_H
#include "store/db.h"

/* Applies every file in dir not yet recorded in schema_migrations, in name order. Returns the
 * number applied, or -1 on error (the failing file is named in the log). */
int migrate_apply(db_t *db, const char *dir);
/* Splits SQL text into statements at semicolons outside quotes and comments. Calls fn for each
 * non-empty statement; stops and returns fn's non-zero result. Pure: exposed for unit tests. */
int migrate_split(const char *sql, int (*fn)(const char *stmt, void *ctx), void *ctx);

#endif
