/* libFuzzer target for lib/b64: decoding never overreads, and what decodes re-encodes to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/b64.h"

/* A strict decoder accepts one text per value: unpadded URL input must round-trip exactly. */
static void check_url_round_trip(const uint8_t *data, size_t size) {
    size_t n = 0;
    unsigned char *d = b64_decode((const char *)data, size, B64_URL, SIZE_MAX, &n);
    if (!d) return;
    if (d[n] != '\0') abort();
    char *e = b64_encode(d, n, B64_URL);
    if (!e) abort();
    if (!memchr(data, '=', size) && (strlen(e) != size || memcmp(e, data, size) != 0)) abort();
    free(e);
    free(d);
}

/* Whatever the flags, a decoded value encodes and decodes back to the same bytes. */
static void check_any_flags(const uint8_t *data, size_t size) {
    if (size == 0) return;
    int flags = (data[0] & 7) | 1;
    size_t n = 0, m = 0, max = data[0] >> 3;
    unsigned char *d = b64_decode((const char *)data + 1, size - 1, flags, max, &n);
    if (!d) return;
    if (n > max) abort();
    char *e = b64_encode(d, n, B64_STD);
    unsigned char *again = e ? b64_decode(e, strlen(e), B64_STD, n, &m) : NULL;
    if (!again || m != n || memcmp(again, d, n) != 0) abort();
    free(again);
    free(e);
    free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_url_round_trip(data, size);
    check_any_flags(data, size);
    return 0;
}
