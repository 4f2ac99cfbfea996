/* Upload files no row names: removed after a failed request, and swept by the scheduler. */
#ifndef KSTT_API_UPLOADS_GC_H
#define KSTT_API_UPLOADS_GC_H
#include <stddef.h>

#include "store/db.h"

/* SHA-256 of data as lower-case hex (the name upload_store gives the file). */
void upload_sha_hex(const void *data, size_t len, char out[65]);
/* 1 when the store already holds a file with this hash, 0 when not. */
int upload_exists(const char *dir, const char *sha);
/* Marks a stored file as just used (its mtime is now), so that the sweep, which takes only files
 * older than a day, leaves alone a file a new row is about to name. 0, or -1 when it is absent. */
int upload_touch(const char *dir, const char *sha);
/* 1 when a row in any table names this stored file, 0 when none does, -1 on a database error. */
int upload_referenced(db_t *db, const char *sha);
/* After a failed request: removes a file the request itself added when no row names it. A
 * database error leaves the file to the sweep. */
void upload_discard(db_t *db, const char *dir, const char *sha);
/* Removes files older than min_age_s that no row names, and temporary files older than that.
 * Returns the number removed, or -1 (nothing is removed when the database cannot answer). */
int upload_sweep(db_t *db, const char *dir, long min_age_s);
/* Scheduler job (api/scheduler.c): upload_sweep over KSTT_UPLOAD_DIR with a day's margin. */
int upload_sweep_job(db_t *db);

#endif
