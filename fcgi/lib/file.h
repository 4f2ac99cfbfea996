/* Whole-buffer file I/O that survives short writes and signals. */
#ifndef KSTT_FILE_H
#define KSTT_FILE_H
#include <stddef.h>

/* Writes all len bytes to fd, retrying short writes and EINTR. 0, or -1 with errno set. */
int file_write_all(int fd, const void *data, size_t len);

#endif
