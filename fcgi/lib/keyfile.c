/* Secret key files: atomic 0600 creation (temp file, fsync, link or rename), whole reads. */
#include "lib/keyfile.h"
#include "lib/buf.h"
#include "lib/file.h"
#include "lib/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

int keyfile_read(const char *path, size_t max, char **out, size_t *out_len, mode_t *mode_out) {
    struct buf b;
    buf_init(&b);
    *out = NULL;
    if (file_read_all(path, &b, max, mode_out) != 0) {
        int err = errno; /* callers treat ENOENT as "absent": keep the reader's errno */
        buf_free(&b);
        errno = err;
        return -1;
    }
    if (out_len) *out_len = b.len;
    *out = b.data ? b.data : strdup("");
    if (!*out) errno = ENOMEM;
    return *out ? 0 : -1;
}

static void fsync_dir(const char *dir) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

/* Writes a 0600 temp file next to the target; returns 0 and its path in tmp. */
static int write_tmp(const char *dir, const char *name, const char *data, char *tmp, size_t cap) {
    unsigned char rnd[8];
    char suffix[17];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) return -1;
    hash_hex(rnd, sizeof rnd, suffix);
    int n = snprintf(tmp, cap, "%s/.%s.%s.tmp", dir, name, suffix);
    if (n < 0 || (size_t)n >= cap) return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    /* The umask could only narrow 0600, but fchmod makes the mode exact whatever it is. */
    int rc = fchmod(fd, 0600) || file_write_all(fd, data, strlen(data)) || fsync(fd);
    if (close(fd) != 0) rc = -1;
    if (rc) unlink(tmp);
    return rc ? -1 : 0;
}

int keyfile_write(const char *dir, const char *name, const char *data, int noclobber) {
    char tmp[4096], dst[4096];
    int n = snprintf(dst, sizeof dst, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof dst) return -1;
    if (write_tmp(dir, name, data, tmp, sizeof tmp) != 0) return -1;
    int rc = 0;
    /* link() fails with EEXIST instead of replacing, so two processes creating the first key at
     * once end up sharing one key rather than each using its own. */
    if (noclobber && link(tmp, dst) == 0) {
        unlink(tmp);
    } else if (noclobber && errno == EEXIST) {
        unlink(tmp);
        rc = 1;
    } else if (rename(tmp, dst) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        rc = -1;
    }
    fsync_dir(dir);
    return rc;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* The first 2n characters of s as lowercase hex into out; what follows them is not read. */
static int hex_decode(const char *s, size_t len, unsigned char *out, size_t n) {
    if (len < 2 * n) return -1;
    for (size_t i = 0; i < n; i++) {
        int h = hexval((unsigned char)s[2 * i]), l = hexval((unsigned char)s[2 * i + 1]);
        if (h < 0 || l < 0) return -1;
        out[i] = (unsigned char)(h * 16 + l);
    }
    return 0;
}

/* Makes dir/name with n fresh random bytes unless it exists. 0 (made or kept), -1 error. */
static int secret_create(const char *dir, const char *name, size_t n, char *err, size_t errcap) {
    unsigned char k[64];
    char hex[130];
    if (getrandom(k, n, 0) != (ssize_t)n) {
        snprintf(err, errcap, "no randomness");
        return -1;
    }
    hash_hex(k, n, hex);
    memset(k, 0, sizeof k);
    strcat(hex, "\n");
    int rc = keyfile_write(dir, name, hex, 1);
    memset(hex, 0, sizeof hex);
    if (rc < 0) {
        snprintf(err, errcap, "cannot create %.200s/%.100s: %s", dir, name, strerror(errno));
        return -1;
    }
    return 0;
}

int keyfile_secret(const char *dir, const char *name, unsigned char *out, size_t n, char *err,
                   size_t errcap) {
    char path[4096], *text = NULL;
    size_t len = 0;
    if (!dir || !*dir || n == 0 || n > 64 ||
        (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        snprintf(err, errcap, "bad key file %.100s", name ? name : "");
        return -1;
    }
    /* A directory that cannot be made shows in the creation or the read below. */
    (void)mkdir(dir, 0700);
    if (access(path, F_OK) != 0 && secret_create(dir, name, n, err, errcap) < 0) return -1;
    /* Read back even after creating: if another process won the race, its secret is the one. */
    if (keyfile_read(path, 4096, &text, &len, NULL) != 0) {
        snprintf(err, errcap, "cannot read %.200s: %s", path, strerror(errno));
        return -1;
    }
    int rc = hex_decode(text, len, out, n);
    memset(text, 0, len);
    free(text);
    if (rc < 0) snprintf(err, errcap, "%.200s is malformed", path);
    return rc;
}
