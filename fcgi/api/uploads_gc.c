/* Upload files no row names: removed after a failed request, and swept by the scheduler. The
 * store is content-addressed (dir/xx/<sha256>, lib/upload.h) and shared by every module, so a
 * file is removed only when no table names it. */
#include "api/uploads_gc.h"

#include <dirent.h>
#include <fcntl.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/log.h"
#include "server/server.h"

/* Every column that names a stored file, read from the schema rather than listed here: by
 * convention a column that holds an upload's hash is called `sha256` or `<something>_sha256`
 * (docs/decisions.md 131). A module that adds such a table is then covered without touching this
 * file, and a column the convention catches by mistake can only keep a file, never remove one. */
#define REF_COLS_MAX 64
struct ref_col {
    char table[65], column[65];
};

static int ident_ok(const char *s) {
    if (!s || !*s || strlen(s) > 64) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return 0;
    return 1;
}

/* Fills cols with the file-naming columns of this database; their number, or -1. */
static int ref_columns(db_t *db, struct ref_col *cols, int cap) {
    struct db_res *res = db_query(db,
                                  "SELECT table_name, column_name FROM information_schema.columns "
                                  "WHERE table_schema = DATABASE() AND (column_name = 'sha256' OR "
                                  "column_name LIKE '%\\_sha256') ORDER BY table_name, column_name",
                                  NULL);
    if (!res) return -1;
    int n = 0;
    for (size_t i = 0; i < res->nrows; i++) {
        const char *t = db_val(res, i, 0), *c = db_val(res, i, 1);
        /* Names outside [a-z0-9_] are not ours; a full list means the cap is too small: refuse
         * rather than sweep with an incomplete list. */
        if (!ident_ok(t) || !ident_ok(c)) continue;
        if (n == cap) {
            n = -1;
            log_error("upload refs: more than %d file columns, nothing swept", cap);
            break;
        }
        snprintf(cols[n].table, sizeof cols[n].table, "%s", t);
        snprintf(cols[n].column, sizeof cols[n].column, "%s", c);
        n++;
    }
    db_res_free(res);
    return n;
}

void upload_sha_hex(const void *data, size_t len, char out[65]) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static int is_sha(const char *s) {
    if (strlen(s) != 64) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
    return 1;
}

static int is_sha_prefix(const char *s) {
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
    return 1;
}

static void sha_path(const char *dir, const char *sha, char *out, size_t cap) {
    snprintf(out, cap, "%s/%.2s/%s", dir, sha, sha);
}

int upload_exists(const char *dir, const char *sha) {
    char path[700];
    sha_path(dir, sha, path, sizeof path);
    return access(path, F_OK) == 0;
}

int upload_touch(const char *dir, const char *sha) {
    char path[700];
    sha_path(dir, sha, path, sizeof path);
    return utimensat(AT_FDCWD, path, NULL, 0);
}

int upload_referenced(db_t *db, const char *sha) {
    struct ref_col cols[REF_COLS_MAX];
    int n = ref_columns(db, cols, REF_COLS_MAX);
    if (n < 0) return -1;
    for (int i = 0; i < n; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT 1 FROM `%.64s` WHERE `%.64s` = ? LIMIT 1", cols[i].table,
                 cols[i].column);
        long long one = 0;
        int rc = db_query_int(db, &one, sql, "s", sha);
        if (rc != 0) return rc < 0 ? -1 : 1;
    }
    return 0;
}

/* One query naming every stored file: the union of the file columns. NULL when the database
 * does not answer (or names too many columns). */
static struct db_res *all_refs(db_t *db) {
    struct ref_col cols[REF_COLS_MAX];
    int n = ref_columns(db, cols, REF_COLS_MAX);
    if (n < 0) return NULL;
    if (n == 0) return db_query(db, "SELECT NULL FROM DUAL WHERE 0", NULL);
    /* A piece is at most 7 + 37 + 3 × 64 = 236 bytes. */
    size_t cap = (size_t)n * 256 + 1;
    char *sql = malloc(cap);
    if (!sql) return NULL;
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(sql + len, cap - len,
                                "%sSELECT `%.64s` FROM `%.64s` WHERE `%.64s` IS NOT NULL",
                                i ? " UNION " : "", cols[i].column, cols[i].table, cols[i].column);
    struct db_res *res = db_query(db, sql, NULL);
    free(sql);
    return res;
}

void upload_discard(db_t *db, const char *dir, const char *sha) {
    if (!is_sha(sha) || upload_referenced(db, sha) != 0) return;
    char path[700];
    sha_path(dir, sha, path, sizeof path);
    if (unlink(path) == 0) log_info("upload %s removed after a failed request", sha);
}

static int cmp_sha(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sweeps one dir/xx/ subdirectory; -1 when the database stopped answering. */
static int sweep_sub(db_t *db, const char *sub, time_t cutoff, char **refs, size_t nrefs,
                     int *removed) {
    DIR *d = opendir(sub);
    if (!d) return 0;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[900];
        snprintf(path, sizeof path, "%s/%s", sub, e->d_name);
        struct stat st;
        if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_mtime > cutoff) continue;
        /* A temporary file that old belongs to a write that never finished. */
        int tmp = e->d_name[0] == '.';
        if (!tmp) {
            if (!is_sha(e->d_name)) continue;
            const char *key = e->d_name;
            if (bsearch(&key, refs, nrefs, sizeof *refs, cmp_sha)) continue;
            /* Named since the list was read? Ask again just before removing. */
            int ref = upload_referenced(db, e->d_name);
            if (ref < 0) rc = -1;
            if (ref != 0) continue;
            /* Reused by a request in flight (upload_touch)? Then its row is on the way. */
            if (lstat(path, &st) < 0 || st.st_mtime > cutoff) continue;
        }
        if (unlink(path) == 0) {
            (*removed)++;
            log_info("upload sweep: removed %s%s", tmp ? "temporary file " : "", path);
        }
    }
    closedir(d);
    return rc;
}

int upload_sweep(db_t *db, const char *dir, long min_age_s) {
    struct db_res *res = all_refs(db);
    if (!res) return -1;
    char **refs = calloc(res->nrows + 1, sizeof *refs);
    size_t nrefs = 0;
    for (size_t i = 0; refs && i < res->nrows; i++)
        if (db_val(res, i, 0)) refs[nrefs++] = (char *)db_val(res, i, 0);
    if (!refs) {
        db_res_free(res);
        return -1;
    }
    qsort(refs, nrefs, sizeof *refs, cmp_sha);
    time_t cutoff = time(NULL) - min_age_s;
    int removed = 0, rc = 0;
    DIR *top = opendir(dir);
    struct dirent *e;
    while (top && rc == 0 && (e = readdir(top)) != NULL) {
        const char *n = e->d_name;
        if (strlen(n) != 2 || !is_sha_prefix(n)) continue;
        char sub[600];
        snprintf(sub, sizeof sub, "%s/%s", dir, n);
        rc = sweep_sub(db, sub, cutoff, refs, nrefs, &removed);
    }
    if (top) closedir(top);
    free(refs);
    db_res_free(res);
    return rc < 0 ? -1 : removed;
}

int upload_sweep_job(db_t *db) {
    int n = upload_sweep(db, server_cfg->upload_dir, 86400);
    if (n > 0) log_info("upload sweep: %d orphan file(s) removed", n);
    return n < 0 ? -1 : 0;
}
