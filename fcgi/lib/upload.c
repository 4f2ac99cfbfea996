/* Uploaded files on disk, named by their SHA-256 (deduplicated, outside the web root). */
#include "lib/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/sha.h>
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

int upload_store(const char *dir, const void *data, size_t len, char sha_hex[65]) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) sprintf(sha_hex + 2 * i, "%02x", md[i]);
    char sub[512], final[600], tmp[640];
    snprintf(sub, sizeof sub, "%s/%.2s", dir, sha_hex);
    snprintf(final, sizeof final, "%s/%s", sub, sha_hex);
    if (access(final, F_OK) == 0) return 0; /* same content already stored */
    mkdir(dir, 0700);
    if (mkdir(sub, 0700) < 0 && errno != EEXIST) return -1;
    snprintf(tmp, sizeof tmp, "%s/.tmp-%d-%s", sub, (int)getpid(), sha_hex);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return -1;
    const unsigned char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    /* The row that names this file is committed after we return: the bytes must be on disk first.
     */
    if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, final) < 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_dir(sub);
}

int upload_read(const char *dir, const char *sha_hex, struct buf *out) {
    if (!valid_hex(sha_hex)) return -1;
    char path[600];
    snprintf(path, sizeof path, "%s/%.2s/%s", dir, sha_hex, sha_hex);
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, n);
    fclose(f);
    return out->oom ? -1 : 0;
}

static int b64val(int c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

unsigned char *base64_decode(const char *in, size_t max_out, size_t *out_len) {
    size_t n = strlen(in);
    if (n / 4 * 3 > max_out + 3) return NULL;
    unsigned char *out = malloc(n / 4 * 3 + 4);
    if (!out) return NULL;
    unsigned acc = 0;
    int bits = 0, pad = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)in[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            pad++;
            continue;
        }
        int v = b64val(c);
        if (v < 0 || pad) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    if (pad > 2 || o > max_out) {
        free(out);
        return NULL;
    }
    *out_len = o;
    return out;
}
