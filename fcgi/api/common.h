/* Helpers every handler uses: paging, audit rows, the database or a 503, list envelopes. */
#ifndef KSTT_API_COMMON_H
#define KSTT_API_COMMON_H
#include <jansson.h>

#include "server/http.h"
#include "server/input.h"
#include "store/db.h"

/* The first column of the rows sql (one "i" parameter: id) reads, as a JSON array of integers;
 * NULL on a database error. */
json_t *ids_of(db_t *db, const char *sql, long long id);

/* {"items": items, "total": total, "page": n, "per_page": n}; takes items. */
json_t *list_envelope(json_t *items, long long total, const struct page *pg);
/* The thread's database connection, or NULL after answering 503. */
db_t *db_or_503(req_t *r);
/* Writes one audit row in the caller's transaction. before/after may be NULL (borrowed). */
int audit_write(db_t *db, req_t *r, const char *action, const char *entity, long long entity_id,
                json_t *before, json_t *after);
/* Ends a write: unless rc is set or after is NULL, writes the audit row, commits and answers
 * status with after; otherwise rolls back and answers 500. Takes both references. */
int commit_write(req_t *r, db_t *db, int rc, const char *action, const char *entity, long long id,
                 json_t *before, json_t *after, int status);
/* Answers 503 problem+json with Retry-After when memory ran out (a parser or a builder said so),
 * returning -1: never abort a worker over one request. */
int res_no_memory(req_t *r);
/* Answers 500 for a failed statement (rolling back), returning -1. */
int db_fail(req_t *r, db_t *db);
/* Answers 404 with a Vietnamese "not found" naming what, returning -1. */
int not_found(req_t *r, const char *what);
/* Begins the write's transaction and reads into *row the row that sql (ending in FOR UPDATE, one
 * "i" parameter: id) locks. 1 when found; otherwise the request is answered (404 naming what,
 * the transaction rolled back; or 503) and -1. */
int begin_locked_row(req_t *r, db_t *db, json_t **row, const char *sql, long long id,
                     const char *what);
/* Answers 200 with an uploaded file read back from the store by its SHA-256, as a download named
 * name (percent-encoded, RFC 6266). 404 when the bytes are missing. */
int res_stored_file(req_t *r, const char *sha256, const char *mime, const char *name);
/* Answers 200 with the .xlsx that write(path, ctx) produces (libxlsxwriter writes to a file: a
 * temporary one, removed on every path), as a download named filename (ASCII). 500 when it fails.
 */
int res_xlsx(req_t *r, int (*write)(const char *path, void *ctx), void *ctx, const char *filename);
/* Answers 409 for an illegal state transition, listing the allowed ones (a JSON array text). */
int res_conflict(req_t *r, const char *detail, const char *allowed_json);
/* True for JSON true or a non-zero integer (SQL boolean expressions arrive as integers). */
int json_truthy(json_t *v);
/* "%q%" for LIKE with q's own %, _ and \ escaped, so they match literally. */
void like_contains(const char *q, char *out, size_t cap);
/* The principal's access subject. */
struct access_who who_of(const struct principal *p);

#endif
