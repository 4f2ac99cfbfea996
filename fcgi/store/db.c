/* MariaDB access: per-thread connection, prepared-statement cache, transactions, retry. */
#include "store/db.h"

#include <mysql.h>
#include <errmsg.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/epoch.h"
#include "lib/hash.h"
#include "lib/log.h"

#define STMT_CACHE 256

struct stmt_entry {
    char *sql;
    uint32_t hash;
    MYSQL_STMT *st;
};

struct db {
    MYSQL *conn;
    struct stmt_entry cache[STMT_CACHE];
    int in_txn;
    unsigned last_errno;
    long long last_id;
    int conflicted; /* a transient conflict in the current attempt */
    int wrote;      /* a commit (or a write outside a transaction) succeeded in this attempt */
    int txn_wrote;  /* the open transaction ran a write: its commit bumps the host's epoch */
    /* The open transaction is gone: the server rolled it back (deadlock, certification failure)
     * or it went with its connection. Why every statement then fails until the rollback: after
     * such an error the session is back in autocommit, so a caller that ignored it (a best-effort
     * read) would have its later writes committed one by one and its "commit" succeed with the
     * earlier writes lost. broken_errno is the error each statement and the commit report. */
    int broken;
    unsigned broken_errno;
    int galera;    /* the server is a Galera node (wsrep_on): commits check the transaction first */
    int txn_ended; /* a script in the open transaction ended it (DDL commits implicitly) */
};

static const struct config *g_cfg;
static __thread db_t *tls_db;
void (*db_on_reconnect)(void);

void db_global_init(const struct config *cfg) {
    g_cfg = cfg;
    mysql_library_init(0, NULL, NULL);
}

void db_global_end(void) {
    mysql_library_end();
}

static void cache_clear(db_t *db) {
    for (int i = 0; i < STMT_CACHE; i++) {
        if (db->cache[i].st) mysql_stmt_close(db->cache[i].st);
        free(db->cache[i].sql);
        memset(&db->cache[i], 0, sizeof db->cache[i]);
    }
}

/* The first value of a one-row text query into out (empty when NULL): 0, or -1 on an error. */
static int text_value(MYSQL *conn, const char *q, char *out, size_t cap) {
    if (mysql_real_query(conn, q, strlen(q))) return -1;
    MYSQL_RES *r = mysql_store_result(conn);
    MYSQL_ROW row = r ? mysql_fetch_row(r) : NULL;
    snprintf(out, cap, "%s", row && row[0] ? row[0] : "");
    if (r) mysql_free_result(r);
    return r ? 0 : -1;
}

/* 1 when the server is a Galera node with replication on; 0 otherwise (a server built without
 * wsrep has no such variable and answers an error). */
static int server_is_galera(MYSQL *conn) {
    char on[8];
    return text_value(conn, "SELECT @@wsrep_on", on, sizeof on) == 0 &&
           (strcmp(on, "1") == 0 || strcasecmp(on, "ON") == 0);
}

/*
 * Whether the server still holds the open transaction: 1 yes, 0 no, -1 the question failed
 * (last_errno set). Why ask, on Galera only: a replicated write can roll a local transaction
 * back (a brute-force abort) in a window where the statement running then still reports
 * success. The session is back in autocommit, the statements after it commit one by one, and
 * COMMIT succeeds with the earlier writes gone. The cluster test met it once: a progress update
 * answered 201 whose row never existed, while its audit row (the statement after) was committed
 * alone. One round trip per writing transaction, without the read's causality wait.
 */
static int txn_alive(db_t *db) {
    char v[8];
    if (text_value(db->conn, "SET STATEMENT wsrep_sync_wait=0 FOR SELECT @@in_transaction", v,
                   sizeof v) < 0) {
        db->last_errno = mysql_errno(db->conn);
        return -1;
    }
    return strcmp(v, "0") != 0;
}

static int connect_db(db_t *db) {
    db->conn = mysql_init(NULL);
    if (!db->conn) return -1;
    unsigned timeout = 2;
    mysql_optionsv(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    unsigned rw_timeout = 60;
    mysql_optionsv(db->conn, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
    mysql_optionsv(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
    mysql_optionsv(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    /* Dates are Vietnamese local dates; strict mode turns silent truncation into errors. Under
     * Galera, wsrep_sync_wait makes a read wait until this node has applied every write the
     * cluster committed before it: a client whose write went through another api host (another
     * node) reads it back on this one. */
    char init[320];
    int n = snprintf(init, sizeof init,
                     "SET time_zone='+07:00', sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,"
                     "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    if (g_cfg->db_sync_wait && n > 0 && (size_t)n < sizeof init)
        snprintf(init + n, sizeof init - (size_t)n, ", wsrep_sync_wait=%d", g_cfg->db_sync_wait);
    mysql_optionsv(db->conn, MYSQL_INIT_COMMAND, init);
    const char *sock = g_cfg->db_socket[0] ? g_cfg->db_socket : NULL;
    if (!mysql_real_connect(db->conn, sock ? NULL : g_cfg->db_host, g_cfg->db_user,
                            g_cfg->db_password, g_cfg->db_name, (unsigned)g_cfg->db_port, sock,
                            CLIENT_MULTI_STATEMENTS)) {
        db->last_errno = mysql_errno(db->conn);
        log_warn("db connect failed: %u %s", mysql_errno(db->conn), mysql_error(db->conn));
        mysql_close(db->conn);
        db->conn = NULL;
        return -1;
    }
    db->galera = server_is_galera(db->conn);
    return 0;
}

/* Marks the open transaction as gone (see struct db); a no-op outside a transaction. */
static void break_txn(db_t *db, unsigned e) {
    if (!db->in_txn || db->broken) return;
    db->broken = 1;
    db->broken_errno = e;
}

static void disconnect_db(db_t *db) {
    break_txn(db, CR_SERVER_LOST); /* a transaction does not survive its connection */
    cache_clear(db);
    if (db->conn) mysql_close(db->conn);
    db->conn = NULL;
    db->in_txn = 0;
}

db_t *db_open(void) {
    db_t *db = calloc(1, sizeof *db);
    if (!db) return NULL;
    if (connect_db(db) < 0) {
        free(db);
        return NULL;
    }
    return db;
}

void db_close(db_t *db) {
    if (!db) return;
    disconnect_db(db);
    free(db);
}

db_t *db_get(void) {
    if (!tls_db) {
        mysql_thread_init();
        tls_db = calloc(1, sizeof *tls_db);
        if (!tls_db) return NULL;
    }
    if (!tls_db->conn && connect_db(tls_db) < 0) return NULL;
    /* A transaction left open by a failed handler must not leak into the next request. */
    if (db_in_txn(tls_db)) db_rollback(tls_db);
    return tls_db;
}

void db_attempt_begin(void) {
    if (!tls_db) return;
    tls_db->conflicted = 0;
    tls_db->wrote = 0;
}

/* Why "and nothing was committed": running the attempt again is safe only when all of its writes
 * were rolled back. A conflict left over from before the attempt (the sign-in check), or one met
 * after the attempt's own commit succeeded (a read after it), must not make a committed progress
 * update or dossier be written a second time; such an attempt's answer stands as it is. */
int db_take_conflict(void) {
    if (!tls_db) return 0;
    int again = tls_db->conflicted && !tls_db->wrote;
    tls_db->conflicted = 0;
    tls_db->wrote = 0;
    /* The server rolled back; make sure nothing of the attempt stays open either. */
    if (again && db_in_txn(tls_db)) db_rollback(tls_db);
    return again;
}

void db_thread_end(void) {
    if (tls_db) {
        db_close(tls_db);
        tls_db = NULL;
        mysql_thread_end();
    }
}

/* Errors after which the server has rolled the transaction back and running it again can
 * succeed: deadlock (also Galera's certification failure), lock wait timeout, an error during
 * COMMIT, and a Galera node that is not ready yet. */
static int transient_conflict(unsigned e) {
    return e == 1213 || e == 1205 || e == 1180 || e == 1047;
}

int db_transient(db_t *db) {
    return db && transient_conflict(db->last_errno);
}

static void note_error(db_t *db) {
    if (!transient_conflict(db->last_errno)) return;
    db->conflicted = 1;
    /* InnoDB and Galera roll the whole transaction back on these (a lock wait timeout only the
     * statement, but the handler fails and is run again all the same) */
    break_txn(db, db->last_errno);
}

static int lost_connection(unsigned e) {
    return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == 2055 || e == 1927 ||
           e == 4031 || e == CR_CONNECTION_ERROR;
}

/* Drops the broken connection and its statements; the next call connects again. */
static int reconnect(db_t *db) {
    disconnect_db(db);
    if (db_on_reconnect) db_on_reconnect();
    log_warn("db connection lost (%u), reconnecting", db->last_errno);
    return connect_db(db);
}

static MYSQL_STMT *prepare(db_t *db, const char *sql) {
    uint32_t h = (uint32_t)hash_fnv1a_str(sql);
    size_t i = h % STMT_CACHE;
    for (size_t k = 0; k < STMT_CACHE; k++, i = (i + 1) % STMT_CACHE) {
        struct stmt_entry *e = &db->cache[i];
        if (!e->sql) break;
        if (e->hash == h && strcmp(e->sql, sql) == 0) return e->st;
    }
    MYSQL_STMT *st = mysql_stmt_init(db->conn);
    if (!st) return NULL;
    if (mysql_stmt_prepare(st, sql, strlen(sql))) {
        db->last_errno = mysql_stmt_errno(st);
        log_error("prepare failed: %u %s", mysql_stmt_errno(st), mysql_stmt_error(st));
        mysql_stmt_close(st);
        return NULL;
    }
    if (db->cache[i].sql) cache_clear(db); /* full: start over rather than evict cleverly */
    db->cache[i].sql = strdup(sql);
    db->cache[i].hash = h;
    db->cache[i].st = st;
    if (!db->cache[i].sql) {
        mysql_stmt_close(st);
        db->cache[i].st = NULL;
        return NULL;
    }
    return st;
}

#define MAX_ARGS 64

struct args {
    MYSQL_BIND bind[MAX_ARGS];
    long long ints[MAX_ARGS];
    double dbls[MAX_ARGS];
    unsigned long lens[MAX_ARGS];
    char nulls[MAX_ARGS];
    int n;
};

static int bind_args(struct args *a, const char *fmt, va_list ap) {
    memset(a, 0, sizeof *a);
    for (const char *f = fmt ? fmt : ""; *f; f++) {
        if (a->n >= MAX_ARGS) return -1;
        MYSQL_BIND *b = &a->bind[a->n];
        int i = a->n++;
        switch (*f) {
        case 'i':
        case 'I':
            a->ints[i] = va_arg(ap, long long);
            b->buffer_type = MYSQL_TYPE_LONGLONG;
            b->buffer = &a->ints[i];
            if (*f == 'I' && a->ints[i] == 0) a->nulls[i] = 1;
            break;
        case 'd':
            a->dbls[i] = va_arg(ap, double);
            b->buffer_type = MYSQL_TYPE_DOUBLE;
            b->buffer = &a->dbls[i];
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            b->buffer_type = MYSQL_TYPE_STRING;
            b->buffer = (void *)s;
            a->lens[i] = s ? strlen(s) : 0;
            b->length = &a->lens[i];
            if (!s) a->nulls[i] = 1;
            break;
        }
        case 'b': {
            const void *p = va_arg(ap, const void *);
            a->lens[i] = (unsigned long)va_arg(ap, size_t);
            b->buffer_type = MYSQL_TYPE_BLOB;
            b->buffer = (void *)p;
            b->length = &a->lens[i];
            if (!p) a->nulls[i] = 1;
            break;
        }
        default:
            return -1;
        }
        b->is_null = &a->nulls[i];
    }
    return 0;
}

/* The text of a result's values: blocks of at least 64 KB, filled in turn. Why: a value each
 * from malloc cost a call and, for the 50,000 rows of an ingest chunk's earlier versions, most of
 * the worker's page faults; a block is one call and is freed with the result. */
struct db_text {
    struct db_text *next;
    size_t used, cap;
    char data[];
};

static char *text_copy(struct db_res *res, const char *s, size_t n) {
    struct db_text *t = res->text;
    if (!t || t->cap - t->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;
        t = malloc(sizeof *t + cap);
        if (!t) return NULL;
        t->next = res->text;
        t->used = 0;
        t->cap = cap;
        res->text = t;
    }
    char *out = t->data + t->used;
    memcpy(out, s, n);
    out[n] = '\0';
    t->used += n + 1;
    return out;
}

void db_res_free(struct db_res *res) {
    if (!res) return;
    while (res->text) {
        struct db_text *next = res->text->next;
        free(res->text);
        res->text = next;
    }
    for (int c = 0; res->names && c < res->ncols; c++) free(res->names[c]);
    free(res->names);
    free(res->types);
    free(res->is_bool);
    free(res->vals);
    free(res->lens);
    free(res);
}

/* Fetches every row, each column converted to text by the client library. */
static struct db_res *fetch_all(MYSQL_STMT *st, MYSQL_RES *meta) {
    struct db_res *res = calloc(1, sizeof *res);
    int nc = (int)mysql_num_fields(meta);
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    res->ncols = nc;
    res->names = calloc((size_t)nc, sizeof *res->names);
    res->types = calloc((size_t)nc, sizeof *res->types);
    res->is_bool = calloc((size_t)nc, sizeof *res->is_bool);
    MYSQL_BIND *bind = calloc((size_t)nc, sizeof *bind);
    char **bufs = calloc((size_t)nc, sizeof *bufs);
    unsigned long *lens = calloc((size_t)nc, sizeof *lens);
    char *nulls = calloc((size_t)nc, 1);
    int ok = res->names && res->types && res->is_bool && bind && bufs && lens && nulls;
    for (int c = 0; ok && c < nc; c++) {
        res->names[c] = strdup(fields[c].name);
        res->types[c] = fields[c].type;
        res->is_bool[c] = fields[c].type == MYSQL_TYPE_TINY && fields[c].length == 1;
        /* Numbers and dates report a binary size as max_length: give them room as text. */
        unsigned long cap = fields[c].max_length + 1;
        if (cap < 72) cap = 72;
        bufs[c] = malloc(cap);
        bind[c].buffer_type = MYSQL_TYPE_STRING;
        bind[c].buffer = bufs[c];
        bind[c].buffer_length = cap;
        bind[c].length = &lens[c];
        bind[c].is_null = (void *)&nulls[c];
        if (!res->names[c] || !bufs[c]) ok = 0;
    }
    if (ok && mysql_stmt_bind_result(st, bind)) ok = 0;
    size_t cap_rows = 0;
    while (ok) {
        int rc = mysql_stmt_fetch(st);
        if (rc == MYSQL_NO_DATA) break;
        if (rc == 1) {
            ok = 0;
            break;
        }
        if (res->nrows == cap_rows) {
            cap_rows = cap_rows ? cap_rows * 2 : 16;
            char **v = realloc(res->vals, cap_rows * (size_t)nc * sizeof *v);
            unsigned long *l = realloc(res->lens, cap_rows * (size_t)nc * sizeof *l);
            if (v) res->vals = v;
            if (l) res->lens = l;
            if (!v || !l) {
                ok = 0;
                break;
            }
        }
        for (int c = 0; ok && c < nc; c++) {
            size_t k = res->nrows * (size_t)nc + (size_t)c;
            res->vals[k] = nulls[c] ? NULL : text_copy(res, bufs[c], lens[c]);
            res->lens[k] = nulls[c] ? 0 : lens[c];
            if (!nulls[c] && !res->vals[k]) ok = 0;
        }
        if (!ok) break;
        res->nrows++;
    }
    for (int c = 0; c < nc; c++) free(bufs ? bufs[c] : NULL);
    free(bufs);
    free(bind);
    free(lens);
    free(nulls);
    if (!ok) {
        db_res_free(res);
        return NULL;
    }
    return res;
}

/* Placeholders in sql outside quotes: checked against the format before any argument is read,
 * so a mismatched call fails cleanly instead of reading the wrong varargs. */
static int count_placeholders(const char *sql) {
    int n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"' || *p == '`') {
            quote = *p;
        } else if (*p == '?') {
            n++;
        }
    }
    return n;
}

/* A write is committed: the attempt may not run again, and every process of this host forgets
 * what it kept on the strength of the data before it (api/auth.c's remembered sessions). */
static void written(db_t *db) {
    db->wrote = 1;
    epoch_bump();
}

static int stmt_failed(db_t *db, MYSQL_STMT *st, const char *sql);

/* Runs one statement. want_rows: return a result (possibly empty); else NULL on success too.
 * Reads are retried once on a fresh connection when the old one was lost outside a transaction;
 * writes are not, since we cannot know whether the server applied them. */
static int run(db_t *db, const char *sql, const char *fmt, va_list ap, int is_read,
               struct db_res **out, long long *affected) {
    if (count_placeholders(sql) != (int)strlen(fmt ? fmt : "")) {
        log_error("statement has %d placeholders but %zu parameters: %.80s",
                  count_placeholders(sql), strlen(fmt ? fmt : ""), sql);
        return -1;
    }
    if (db->broken) { /* the transaction is gone: nothing more of it may run (struct db) */
        db->last_errno = db->broken_errno;
        return -1;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        va_list aq;
        va_copy(aq, ap);
        struct args a;
        int bad = bind_args(&a, fmt, aq);
        va_end(aq);
        if (bad) {
            log_error("bad parameter format for statement");
            return -1;
        }
        if (!db->conn && connect_db(db) < 0) return -1;
        MYSQL_STMT *st = prepare(db, sql);
        if (st && (a.n == 0 || !mysql_stmt_bind_param(st, a.bind)) && !mysql_stmt_execute(st)) {
            db->last_errno = 0;
            if (!is_read && db->in_txn) db->txn_wrote = 1;
            if (!is_read && !db->in_txn) written(db); /* autocommitted */
            if (affected) *affected = (long long)mysql_stmt_affected_rows(st);
            db->last_id = (long long)mysql_stmt_insert_id(st);
            MYSQL_RES *meta = mysql_stmt_result_metadata(st);
            if (!meta) return 0;
            my_bool upd = 1;
            mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &upd);
            struct db_res *res = NULL;
            if (!mysql_stmt_store_result(st)) res = fetch_all(st, meta);
            /* A locking read can fail only now (deadlock, lock wait timeout) or a row may not
             * come: keep the server's error so it is reported and retried like any other. */
            if (!res) db->last_errno = mysql_stmt_errno(st);
            mysql_free_result(meta);
            mysql_stmt_free_result(st);
            if (!res) {
                note_error(db);
                if (lost_connection(db->last_errno)) reconnect(db);
                log_error("reading a result failed: %u [%.120s]", db->last_errno, sql);
                return -1;
            }
            if (out)
                *out = res;
            else
                db_res_free(res);
            return 0;
        }
        int was_txn = db->in_txn;
        if (stmt_failed(db, st, sql) && is_read && !was_txn && attempt == 0) continue;
        return -1;
    }
    return -1;
}

/* What a statement that could not be prepared or run leaves behind: the error, a fresh
 * connection when the old one was lost (then 1, and the error is CR_SERVER_LOST unless the
 * caller runs it again), the broken transaction of a conflict, a line in the log. */
static int stmt_failed(db_t *db, MYSQL_STMT *st, const char *sql) {
    if (st) db->last_errno = mysql_stmt_errno(st);
    if (!lost_connection(db->last_errno) && db->conn && !st)
        db->last_errno = mysql_errno(db->conn) ? mysql_errno(db->conn) : db->last_errno;
    if (lost_connection(db->last_errno)) {
        reconnect(db);
        db->last_errno = CR_SERVER_LOST;
        return 1;
    }
    note_error(db);
    if (st && db->last_errno != 1062 && !transient_conflict(db->last_errno))
        log_error("statement failed: %u %s [%.120s]", db->last_errno, mysql_stmt_error(st), sql);
    return 0;
}

struct db_res *db_query(db_t *db, const char *sql, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct db_res *res = NULL;
    int rc = run(db, sql, fmt, ap, 1, &res, NULL);
    va_end(ap);
    if (rc < 0) return NULL;
    if (!res) res = calloc(1, sizeof *res);
    return res;
}

long long db_exec(db_t *db, const char *sql, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    long long affected = 0;
    int rc = run(db, sql, fmt, ap, 0, NULL, &affected);
    va_end(ap);
    return rc < 0 ? -1 : affected;
}

/* The arrays of one parameter of db_exec_rows, as the connector reads them (column-wise). */
struct bulk_col {
    unsigned long *lens; /* 's': each value's length */
    char *ind;           /* STMT_INDICATOR_NULL or _NONE per row */
};

static void bulk_free(struct bulk_col *c, int n) {
    for (int i = 0; i < n; i++) {
        free(c[i].lens);
        free(c[i].ind);
    }
}

/* Binds one parameter of a bulk statement to its n values (see db.h); -1 out of memory or a bad
 * type. */
static int bulk_bind(MYSQL_BIND *b, struct bulk_col *c, char type, const void *arr, size_t n) {
    c->ind = malloc(n ? n : 1);
    if (!c->ind) return -1;
    memset(c->ind, STMT_INDICATOR_NONE, n);
    b->u.indicator = c->ind;
    if (type == 'i' || type == 'I') {
        const long long *v = arr;
        b->buffer_type = MYSQL_TYPE_LONGLONG;
        b->buffer = (void *)v;
        for (size_t i = 0; type == 'I' && i < n; i++)
            if (v[i] == 0) c->ind[i] = STMT_INDICATOR_NULL;
        return 0;
    }
    if (type != 's') return -1;
    const char *const *v = arr;
    c->lens = malloc((n ? n : 1) * sizeof *c->lens);
    if (!c->lens) return -1;
    for (size_t i = 0; i < n; i++) {
        c->lens[i] = v[i] ? strlen(v[i]) : 0;
        if (!v[i]) c->ind[i] = STMT_INDICATOR_NULL;
    }
    b->buffer_type = MYSQL_TYPE_STRING;
    b->buffer = (void *)v;
    b->length = c->lens;
    return 0;
}

long long db_exec_rows(db_t *db, const char *sql, size_t n, const char *fmt,
                       const void *const cols[]) {
    int np = (int)strlen(fmt);
    if (count_placeholders(sql) != np || np > MAX_ARGS) {
        log_error("statement has %d placeholders but %d parameters: %.80s", count_placeholders(sql),
                  np, sql);
        return -1;
    }
    if (db->broken) {
        db->last_errno = db->broken_errno;
        return -1;
    }
    if (n == 0) return 0;
    if (!db->conn && connect_db(db) < 0) return -1;
    MYSQL_STMT *st = prepare(db, sql);
    if (!st) {
        stmt_failed(db, NULL, sql);
        return -1;
    }
    MYSQL_BIND bind[MAX_ARGS];
    struct bulk_col arrs[MAX_ARGS];
    memset(bind, 0, sizeof bind);
    memset(arrs, 0, sizeof arrs);
    int bad = 0;
    for (int k = 0; k < np; k++) bad |= bulk_bind(&bind[k], &arrs[k], fmt[k], cols[k], n);
    if (bad) {
        bulk_free(arrs, np);
        log_error("bulk parameters: out of memory or a bad format");
        return -1;
    }
    unsigned int rows = (unsigned int)n, none = 0;
    int ok = !mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &rows) &&
             !mysql_stmt_bind_param(st, bind) && !mysql_stmt_execute(st);
    long long affected = ok ? (long long)mysql_stmt_affected_rows(st) : -1;
    /* The statement stays in the cache, so the next caller binds one row again; unless the
     * connection was lost, which closed every cached statement with it. */
    if (ok || !stmt_failed(db, st, sql)) mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &none);
    bulk_free(arrs, np);
    if (!ok) return -1;
    db->last_errno = 0;
    if (db->in_txn)
        db->txn_wrote = 1;
    else
        written(db);
    return affected;
}

long long db_last_id(db_t *db) {
    return db->last_id;
}

unsigned db_errno(db_t *db) {
    return db ? db->last_errno : CR_CONNECTION_ERROR;
}

int db_unavailable(db_t *db) {
    unsigned e = db ? db->last_errno : CR_CONNECTION_ERROR;
    return lost_connection(e) || e == CR_CONN_HOST_ERROR || e == 2002;
}

int db_run_sql(db_t *db, const char *sql) {
    if (mysql_real_query(db->conn, sql, strlen(sql))) {
        db->last_errno = mysql_errno(db->conn);
        log_error("sql failed: %u %s", mysql_errno(db->conn), mysql_error(db->conn));
        return -1;
    }
    /* Drain every result of a multi-statement batch. */
    do {
        MYSQL_RES *r = mysql_store_result(db->conn);
        if (r)
            mysql_free_result(r);
        else if (mysql_field_count(db->conn) != 0)
            return -1;
    } while (mysql_next_result(db->conn) == 0);
    if (mysql_errno(db->conn)) {
        db->last_errno = mysql_errno(db->conn);
        log_error("sql failed: %u %s", mysql_errno(db->conn), mysql_error(db->conn));
        return -1;
    }
    if (db->in_txn)
        db->txn_wrote = 1;
    else
        epoch_bump(); /* a script may have written */
    /* A migration or the demo may run DDL in a transaction, which commits it implicitly: then
     * the commit has nothing to check (db_commit). */
    if (db->in_txn && db->galera && txn_alive(db) == 0) db->txn_ended = 1;
    return 0;
}

int db_begin(db_t *db) {
    db->broken = 0; /* a transaction nobody rolled back is over anyway */
    if (!db->conn && connect_db(db) < 0) return -1;
    if (mysql_real_query(db->conn, "START TRANSACTION", 17)) {
        db->last_errno = mysql_errno(db->conn);
        if (lost_connection(db->last_errno)) {
            /* Nothing was done yet, so starting over on a new connection is safe. */
            if (reconnect(db) < 0 || mysql_real_query(db->conn, "START TRANSACTION", 17)) return -1;
        } else {
            return -1;
        }
    }
    db->in_txn = 1;
    db->txn_wrote = 0;
    db->txn_ended = 0;
    return 0;
}

int db_commit(db_t *db) {
    if (db->broken) { /* nothing to commit: say so, so the caller answers an error */
        db->last_errno = db->broken_errno;
        db_rollback(db);
        return -1;
    }
    int alive = db->galera && db->txn_wrote && !db->txn_ended ? txn_alive(db) : 1;
    db->txn_ended = 0;
    if (alive <= 0) {
        if (alive == 0) { /* rolled back without telling: a conflict, run the request again */
            db->last_errno = 1213;
            log_warn("the cluster rolled the transaction back without an error: retrying");
        }
        note_error(db);
        if (lost_connection(db->last_errno))
            reconnect(db);
        else
            db_rollback(db);
        return -1;
    }
    db->in_txn = 0;
    if (mysql_commit(db->conn)) {
        db->last_errno = mysql_errno(db->conn);
        note_error(db);
        log_error("commit failed: %u %s", db->last_errno, mysql_error(db->conn));
        if (lost_connection(db->last_errno)) reconnect(db);
        return -1;
    }
    if (db->txn_wrote) epoch_bump(); /* see written() */
    db->txn_wrote = 0;
    db->wrote = 1;
    return 0;
}

void db_rollback(db_t *db) {
    db->broken = 0;
    db->txn_ended = 0;
    db->txn_wrote = 0;
    db->in_txn = 0;
    if (db->conn && mysql_rollback(db->conn) && lost_connection(mysql_errno(db->conn)))
        reconnect(db);
}

int db_in_txn(db_t *db) {
    return db->in_txn || db->broken;
}

const char *db_val(const struct db_res *res, size_t row, int col) {
    if (!res || row >= res->nrows || col < 0 || col >= res->ncols) return NULL;
    return res->vals[row * (size_t)res->ncols + (size_t)col];
}

long long db_int(const struct db_res *res, size_t row, int col) {
    const char *v = db_val(res, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

static json_t *value_json(const struct db_res *res, int c, const char *v) {
    if (!v) return json_null();
    switch (res->types[c]) {
    case MYSQL_TYPE_TINY:
        if (res->is_bool[c]) return json_boolean(strcmp(v, "0") != 0);
        /* fall through */
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
        return json_integer(strtoll(v, NULL, 10));
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
        /* SUM() of integers is a DECIMAL without a fraction: it is a count, keep it an integer
         * (a reader taking json_integer_value of a real gets 0). */
        if (!strchr(v, '.')) return json_integer(strtoll(v, NULL, 10));
        return json_real(strtod(v, NULL));
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
        return json_real(strtod(v, NULL));
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP: {
        /* Sessions run in +07:00, so an ISO 8601 time with that offset is exact. */
        char iso[48];
        snprintf(iso, sizeof iso, "%.10sT%.8s+07:00", v, strlen(v) > 11 ? v + 11 : "00:00:00");
        return json_string(iso);
    }
    default:
        return json_stringn(v, strlen(v));
    }
}

json_t *db_row_json(const struct db_res *res, size_t row) {
    json_t *o = json_object();
    for (int c = 0; c < res->ncols; c++) {
        const char *name = res->names[c];
        const char *v = db_val(res, row, c);
        size_t nl = strlen(name);
        if (nl > 6 && strcmp(name + nl - 6, "__json") == 0) {
            char key[128];
            snprintf(key, sizeof key, "%.*s", (int)(nl - 6), name);
            json_t *j = v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
            json_object_set_new(o, key, j ? j : json_null());
            continue;
        }
        json_t *j = value_json(res, c, v);
        json_object_set_new(o, name, j ? j : json_null());
    }
    return o;
}

json_t *db_res_json(const struct db_res *res) {
    json_t *a = json_array();
    for (size_t r = 0; res && r < res->nrows; r++) json_array_append_new(a, db_row_json(res, r));
    return a;
}

json_t *db_query_json(db_t *db, const char *sql, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct db_res *res = NULL;
    int rc = run(db, sql, fmt, ap, 1, &res, NULL);
    va_end(ap);
    if (rc < 0) return NULL;
    json_t *a = db_res_json(res);
    db_res_free(res);
    return a;
}

int db_query_row_json(db_t *db, json_t **out, const char *sql, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct db_res *res = NULL;
    int rc = run(db, sql, fmt, ap, 1, &res, NULL);
    va_end(ap);
    *out = NULL;
    if (rc < 0) return -1;
    int found = res && res->nrows > 0;
    if (found) *out = db_row_json(res, 0);
    db_res_free(res);
    return found;
}

int db_query_int(db_t *db, long long *out, const char *sql, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct db_res *res = NULL;
    int rc = run(db, sql, fmt, ap, 1, &res, NULL);
    va_end(ap);
    if (rc < 0) return -1;
    int found = res && res->nrows > 0 && db_val(res, 0, 0);
    if (found) *out = db_int(res, 0, 0);
    db_res_free(res);
    return found;
}
