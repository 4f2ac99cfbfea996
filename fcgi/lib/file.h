/* Whole-file and whole-buffer I/O that survives short reads and writes and signals. */
#ifndef KSTT_FILE_H
#define KSTT_FILE_H
#include <stddef.h>
#include <sys/types.h>

#include "lib/buf.h"

/* Writes all len bytes to fd, retrying short writes and EINTR. 0, or -1 with errno set. */
int file_write_all(int fd, const void *data, size_t len);

/* Appends the contents of the regular file at path to out (NUL-terminated as a buf always is)
 * and, when mode is not NULL, stores the file's mode there. Returns 0, or -1 with errno set and
 * out as it was: ENOENT (and the other open errors), EINVAL when not a regular file, EFBIG when
 * longer than max bytes, ENOMEM, or the read error. */
int file_read_all(const char *path, struct buf *out, size_t max, mode_t *mode);

#endif
