/* Whole-buffer file I/O that survives short writes and signals. */
#include "lib/file.h"

#include <errno.h>
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
