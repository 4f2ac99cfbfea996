/* Secret key files: created 0600 and atomically (never seen half-written), read back whole. */
#ifndef KSTT_KEYFILE_H
#define KSTT_KEYFILE_H
#include <stddef.h>
#include <sys/types.h>

/*
 * Installs data as dir/name with mode 0600: written to a temporary file in dir, synced, then
 * moved into place, so a reader sees the old file or the whole new one. noclobber: an existing
 * file wins and is kept (returns 1), so processes creating the same key at once share one;
 * otherwise it is replaced. 0 written, 1 kept, -1 error (errno).
 */
int keyfile_write(const char *dir, const char *name, const char *data, int noclobber);
/*
 * Reads the regular file path of at most max bytes into a NUL-terminated *out (free it);
 * out_len and mode_out may be NULL. 0, or -1 with errno: ENOENT absent, EINVAL not a regular
 * file, EFBIG larger than max.
 */
int keyfile_read(const char *path, size_t max, char **out, size_t *out_len, mode_t *mode_out);
/*
 * A secret of n random bytes kept as lowercase hex and a newline in dir/name (n <= 64): made
 * at first use (dir too, 0700), then read back, so every process and host sharing dir uses the
 * same secret. 0, or -1 with the reason in err.
 */
int keyfile_secret(const char *dir, const char *name, unsigned char *out, size_t n, char *err,
                   size_t errcap);

#endif
