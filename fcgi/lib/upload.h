/* Uploaded files on disk, named by their SHA-256 (deduplicated, outside the web root). */
#ifndef KSTT_UPLOAD_H
#define KSTT_UPLOAD_H
#include <stddef.h>

#include "lib/buf.h"

/* Writes data durably as dir/xx/<sha256>: a unique temporary file, fsync, link into place
 * without replacing, fsync of the directory. An existing file counts only when its size and hash
 * match (a wrong one is replaced). Safe for concurrent callers storing the same bytes. Returns 0
 * and the hash in sha_hex, or -1. */
int upload_store(const char *dir, const void *data, size_t len, char sha_hex[65]);
/* Reads a stored file back into out. Returns 0, or -1 when absent or the hash is malformed. */
int upload_read(const char *dir, const char *sha_hex, struct buf *out);
/* Creates a unique temporary file in dir (NULL: /tmp), lets produce write it by path, reads its
 * bytes into out and removes it on every path, failed or not. Returns produce's 0, or -1. */
int upload_via_tmpfile(const char *dir, int (*produce)(const char *path, void *ctx), void *ctx,
                       struct buf *out);

#endif
