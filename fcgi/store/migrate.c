/* Forward-only schema migrations from db/migrations/NNN_name.sql. */
#include "store/migrate.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/file.h"
#include "lib/log.h"

int migrate_split(const char *sql, int (*fn)(const char *, void *), void *ctx) {
    struct buf cur;
    buf_init(&cur);
    char quote = 0;
    int rc = 0;
    for (const char *p = sql; *p && rc == 0; p++) {
        if (!quote && p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n') p++;
            if (!*p) break;
            continue;
        }
        if (!quote && p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e) break;
            p = e + 1;
            continue;
        }
        if (quote) {
            if (*p == '\\' && p[1]) {
                buf_append(&cur, p, 2);
                p++;
                continue;
            }
            if (*p == quote) quote = 0;
        } else if (*p == '\'' || *p == '"' || *p == '`') {
            quote = *p;
        } else if (*p == ';') {
            const char *s = buf_cstr(&cur);
            while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
            if (*s) rc = fn(s, ctx);
            buf_reset(&cur);
            continue;
        }
        buf_append(&cur, p, 1);
    }
    if (rc == 0) {
        const char *s = buf_cstr(&cur);
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
        if (*s) rc = fn(s, ctx);
    }
    buf_free(&cur);
    return rc;
}

static int run_stmt(const char *stmt, void *ctx) {
    return db_run_sql((db_t *)ctx, stmt) < 0 ? -1 : 0;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The whole file as a malloc'd string, or NULL. */
static char *read_file(const char *path) {
    struct buf b;
    buf_init(&b);
    if (file_read_all(path, &b, SIZE_MAX, NULL) != 0) {
        buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : strdup("");
}

static int apply_one(db_t *db, const char *dir, const char *name) {
    char path[1024], version[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(version, sizeof version, "%.*s", (int)(strlen(name) - 4), name);
    char *sql = read_file(path);
    if (!sql) {
        log_error("migration %s: cannot read", name);
        return -1;
    }
    /* DDL commits implicitly in MariaDB; the transaction still covers data-only migrations. */
    int rc = db_begin(db);
    if (rc == 0) rc = migrate_split(sql, run_stmt, db);
    if (rc == 0)
        rc = db_exec(db, "INSERT INTO schema_migrations (version) VALUES (?)", "s", version) < 0;
    if (rc == 0)
        rc = db_commit(db);
    else
        db_rollback(db);
    free(sql);
    if (rc)
        log_error("migration %s failed", name);
    else
        log_info("migration %s applied", name);
    return rc ? -1 : 0;
}

int migrate_apply(db_t *db, const char *dir) {
    if (db_run_sql(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(191) "
                       "PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) "
                       "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4") < 0)
        return -1;
    DIR *d = opendir(dir);
    if (!d) {
        log_error("migrations directory %s not found", dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".sql") != 0) continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn) break;
        names = nn;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, cmp_names);
    int applied = 0;
    for (size_t i = 0; i < n && applied >= 0; i++) {
        char version[256];
        snprintf(version, sizeof version, "%.*s", (int)(strlen(names[i]) - 4), names[i]);
        long long one;
        int found = db_query_int(db, &one, "SELECT 1 FROM schema_migrations WHERE version = ?", "s",
                                 version);
        if (found < 0)
            applied = -1;
        else if (found == 0)
            applied = apply_one(db, dir, names[i]) < 0 ? -1 : applied + 1;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return applied;
}
