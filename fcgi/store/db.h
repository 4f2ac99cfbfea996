/* MariaDB access: per-thread connection, prepared-statement cache, transactions, retry. */
#ifndef KSTT_DB_H
#define KSTT_DB_H
#include <jansson.h>
#include <stddef.h>

#include "lib/config.h"

typedef struct db db_t;

/* A fully buffered result: every value as text (NULL for SQL NULL) plus column types. */
struct db_res {
    int ncols;
    size_t nrows;
    char **names;
    int *types;   /* enum enum_field_types */
    int *is_bool; /* TINYINT(1) columns become JSON booleans */
    char **vals;  /* nrows * ncols, pointing into text */
    unsigned long *lens;
    struct db_text *text; /* the values' bytes, in a few large blocks (db.c) */
};

void db_global_init(const struct config *cfg);
void db_global_end(void);
/* The calling thread's connection, connected on first use. NULL when the server is unreachable. */
db_t *db_get(void);
/* Starts an attempt at a request on the calling thread's connection: forgets the conflicts and
 * commits of whatever ran before (the sign-in check, the previous request). Never connects. */
void db_attempt_begin(void);
/* 1 (once) when, since db_attempt_begin(), a statement or commit on the calling thread's
 * connection failed with a transient conflict (deadlock, certification failure, lock wait
 * timeout) and nothing was committed: the attempt's work was rolled back and may be run again.
 * Never connects. */
int db_take_conflict(void);
/* Closes the calling thread's connection (thread exit). */
void db_thread_end(void);
/* Opens a connection outside the per-thread cache (migrations, one-off commands). */
db_t *db_open(void);
void db_close(db_t *db);

/* Parameter formats: 'i' long long, 'I' long long where 0 means NULL, 's' const char * (NULL is
 * SQL NULL), 'd' double, 'b' const void * then size_t (blob). Statements are prepared once per
 * connection and cached by their SQL text. */
struct db_res *db_query(db_t *db, const char *sql, const char *fmt, ...);
/* Returns affected rows, or -1 on error (see db_errno). */
long long db_exec(db_t *db, const char *sql, const char *fmt, ...);
/* One write statement run for n rows at once (array binding: one COM_STMT_BULK_EXECUTE, where
 * the server parses neither a statement nor a JSON document per row). fmt gives each
 * parameter's type and cols[k] its n values: 'i' a const long long[n]; 'I' the same, 0 meaning
 * NULL; 's' a const char *[n], NULL entries being SQL NULL. Returns the rows affected, or -1 (see
 * db_errno). */
long long db_exec_rows(db_t *db, const char *sql, size_t n, const char *fmt,
                       const void *const cols[]);
long long db_last_id(db_t *db);
unsigned db_errno(db_t *db);
/* 1 when the last error was a transient conflict (deadlock, certification failure, lock wait). */
int db_transient(db_t *db);
/* 1 when the last error means the server cannot be reached (as opposed to a bad statement). */
int db_unavailable(db_t *db);
/* Plain (unprepared) statement, for migrations and session settings only: never user input. */
int db_run_sql(db_t *db, const char *sql);

int db_begin(db_t *db);
int db_commit(db_t *db);
void db_rollback(db_t *db);
int db_in_txn(db_t *db);

void db_res_free(struct db_res *res);
const char *db_val(const struct db_res *res, size_t row, int col);
long long db_int(const struct db_res *res, size_t row, int col);
/* Row as a JSON object keyed by column names (ints, numbers, booleans, ISO times, strings).
 * A column named "x__json" holds JSON text and becomes "x" with the parsed value. */
json_t *db_row_json(const struct db_res *res, size_t row);
json_t *db_res_json(const struct db_res *res);

/* Convenience: query and convert. NULL on error. */
json_t *db_query_json(db_t *db, const char *sql, const char *fmt, ...);
/* 1 found (object in *out), 0 not found, -1 error. */
int db_query_row_json(db_t *db, json_t **out, const char *sql, const char *fmt, ...);
/*
 * A constant IN list of DB_IN_SLOTS placeholders, bound from an array of ids (unused slots 0, which
 * no row has): MariaDB reads each id's rows as a range of the primary key, where a join on the id
 * would read all of them (the roll-ups' (unit_id, day) keys). Format: DB_I50; arguments:
 * DB_IDS50(array).
 */
#define DB_IN_SLOTS 50
#define DB_IDS50(a)                                                                                \
    a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], \
        a[15], a[16], a[17], a[18], a[19], a[20], a[21], a[22], a[23], a[24], a[25], a[26], a[27], \
        a[28], a[29], a[30], a[31], a[32], a[33], a[34], a[35], a[36], a[37], a[38], a[39], a[40], \
        a[41], a[42], a[43], a[44], a[45], a[46], a[47], a[48], a[49]
#define DB_I50 "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii"

/* Single integer scalar (a NULL value counts as no row): 1 found, 0 not found, -1 error. */
int db_query_int(db_t *db, long long *out, const char *sql, const char *fmt, ...);

/* Counters shared with metrics. */
extern void (*db_on_reconnect)(void);

#endif
