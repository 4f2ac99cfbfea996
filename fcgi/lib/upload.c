/* Uploaded files on disk, named by their SHA-256 (deduplicated, outside the web root). */
#include "lib/upload.h"
#include "lib/file.h"
#include "lib/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int valid_hex(const char *s) {
    if (!s || strlen(s) != 64) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
    return 1;
}

static int fsync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* 1 when path holds exactly len bytes hashing to sha_hex, 0 when it holds something else or
 * nothing, -1 when it cannot be read. */
static int holds(const char *path, size_t len, const char *sha_hex) {
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0) return errno == ENOENT ? 0 : -1;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len) {
        close(fd);
        return 0;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    unsigned char chunk[65536], md[SHA256_DIGEST_LENGTH];
    size_t got = 0;
    while (ok) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        got += (size_t)n;
        ok = EVP_DigestUpdate(ctx, chunk, (size_t)n) == 1;
    }
    unsigned mdlen = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
    EVP_MD_CTX_free(ctx);
    close(fd);
    if (!ok) return -1;
    char hex[65];
    hash_hex(md, SHA256_DIGEST_LENGTH, hex);
    return got == len && strcmp(hex, sha_hex) == 0 ? 1 : 0;
}

/*
 * Why this order: the row naming a file is committed after we return, and a file under its final
 * name is trusted by every later upload of the same bytes. So the final name only ever appears
 * for complete, fsynced bytes: each call writes its own unique temporary file (mkstemp: two
 * threads or processes storing the same bytes never share one), fsyncs it, then link()s it into
 * place, which fails with EEXIST instead of replacing. An existing file counts as stored only
 * once its size and hash are checked; a wrong one (left by an older version or a damaged disk) is
 * replaced atomically by rename() of our verified copy.
 */
int upload_store(const char *dir, const void *data, size_t len, char sha_hex[65]) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    hash_hex(md, SHA256_DIGEST_LENGTH, sha_hex);
    char sub[512], final[600], tmp[640];
    snprintf(sub, sizeof sub, "%s/%.2s", dir, sha_hex);
    snprintf(final, sizeof final, "%s/%s", sub, sha_hex);
    int have = holds(final, len, sha_hex);
    if (have < 0) return -1;
    if (have == 1) {
        /* The orphan sweep removes unnamed files a day old: a file about to be named again is
         * made young, so the sweep cannot take it between this store and the commit. */
        if (utimensat(AT_FDCWD, final, NULL, 0) < 0) return -1;
        return fsync_dir(sub); /* its creator may not have synced the entry yet */
    }
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) return -1;
    if (mkdir(sub, 0700) < 0 && errno != EEXIST) return -1;
    snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", sub);
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    if (file_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        close(fd);
        unlink(tmp);
        return -1;
    }
    if (close(fd) < 0) {
        unlink(tmp);
        return -1;
    }
    int rc = link(tmp, final);
    if (rc < 0 && errno == EEXIST) {
        /* Someone stored it meanwhile, or a wrong file sits there: keep theirs only if right. */
        have = holds(final, len, sha_hex);
        rc = have == 1 ? 0 : have == 0 ? rename(tmp, final) : -1;
    }
    unlink(tmp); /* after link or a failed rename; after a rename it is already gone */
    if (rc < 0) return -1;
    return fsync_dir(sub);
}

int upload_read(const char *dir, const char *sha_hex, struct buf *out) {
    if (!valid_hex(sha_hex)) return -1;
    char path[600];
    snprintf(path, sizeof path, "%s/%.2s/%s", dir, sha_hex, sha_hex);
    return file_read_all(path, out, SIZE_MAX, NULL);
}

int upload_via_tmpfile(const char *dir, int (*produce)(const char *path, void *ctx), void *ctx,
                       struct buf *out) {
    char path[600];
    snprintf(path, sizeof path, "%s/kstt-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    close(fd);
    /* From here on every path goes through the one unlink below. */
    int rc = produce(path, ctx);
    if (rc == 0) rc = file_read_all(path, out, SIZE_MAX, NULL);
    unlink(path);
    return rc;
}
