/* Whole-file and whole-buffer I/O that survives short reads and writes and signals. */
#include "lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int file_write_all(int fd, const void *data, size_t len) {
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Reads fd to its end into out, at most max bytes. 0, or an errno value. */
static int read_to_end(int fd, struct buf *out, size_t max) {
    char chunk[16384];
    size_t total = 0;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return errno;
        if (r == 0) return 0;
        /* Why: the size from fstat can change under us, so the limit counts what is read. */
        if ((size_t)r > max - total) return EFBIG;
        total += (size_t)r;
        buf_append(out, chunk, (size_t)r);
        if (out->oom) return ENOMEM;
    }
}

int file_read_all(const char *path, struct buf *out, size_t max, mode_t *mode) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t was = out->len;
    struct stat st;
    int err = fstat(fd, &st) != 0        ? errno
              : !S_ISREG(st.st_mode)     ? EINVAL
              : (size_t)st.st_size > max ? EFBIG
                                         : read_to_end(fd, out, max);
    close(fd);
    if (err) {
        /* Leave out as it was; a buf that ran out of memory stays marked so. */
        if (out->data) out->data[out->len = was] = '\0';
        errno = err;
        return -1;
    }
    if (mode) *mode = st.st_mode;
    return 0;
}
