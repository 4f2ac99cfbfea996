/* libFuzzer target for core/multipart: parts stay inside the body, names are sane, no crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/multipart.h"

static void check(const uint8_t *body, size_t len, const struct mp_part *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (p[i].data < body || p[i].data + p[i].len > body + len) abort();
        if (!p[i].name[0] || strlen(p[i].name) >= sizeof p[i].name) abort();
        if (strlen(p[i].filename) >= sizeof p[i].filename) abort();
        if (strchr(p[i].filename, '/') || strchr(p[i].filename, '\\')) abort();
        if (strlen(p[i].content_type) >= sizeof p[i].content_type) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct mp_part parts[8];
    size_t n = 0;
    /* The body as it is, under a fixed boundary (the common case). */
    mp_parse("multipart/form-data; boundary=XyZ", data, size, parts, 8, &n);
    check(data, size, parts, n);
    /* The first line as the Content-Type, the rest as the body. */
    const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
    if (nl) {
        size_t hl = (size_t)(nl - data);
        char *ct = malloc(hl + 1);
        if (!ct) abort();
        memcpy(ct, data, hl);
        ct[hl] = '\0';
        char b[71];
        if (mp_boundary(ct, b) == MP_OK && (strlen(b) < 1 || strlen(b) > 70)) abort();
        const uint8_t *body = nl + 1;
        size_t blen = size - hl - 1;
        mp_parse(ct, body, blen, parts, 8, &n);
        check(body, blen, parts, n);
        free(ct);
    }
    return 0;
}
