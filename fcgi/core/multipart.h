/* multipart/form-data (RFC 7578) bodies split into their parts, without copying the data. Pure. */
#ifndef KSTT_CORE_MULTIPART_H
#define KSTT_CORE_MULTIPART_H

#include <stddef.h>

struct mp_part {
    char name[64];             /* the form field name */
    char filename[256];        /* the file's name without any directory; "" for plain fields */
    int is_file;               /* a filename parameter was present (even an empty one) */
    char content_type[128];    /* "" when the part has none */
    const unsigned char *data; /* points into the body */
    size_t len;
};

enum mp_result {
    MP_OK = 0,
    MP_NOT_MULTIPART, /* Content-Type is not multipart/form-data */
    MP_NO_BOUNDARY,   /* missing or invalid boundary parameter */
    MP_MALFORMED,     /* no closing delimiter, bad part headers, missing name, ... */
    MP_TOO_MANY,      /* more parts than max */
};

/* The boundary parameter of a Content-Type (quoted or not, 1..70 characters) into out.
 * Returns 0, or the error (MP_NOT_MULTIPART, MP_NO_BOUNDARY). */
enum mp_result mp_boundary(const char *content_type, char out[71]);
/*
 * Splits body into at most max parts (in order); *n is set to the number found. Part headers
 * are limited to 8 KiB each; filename* (RFC 5987, UTF-8) wins over filename; directories in
 * file names are dropped ("C:\a\b.pdf" -> "b.pdf").
 */
enum mp_result mp_parse(const char *content_type, const unsigned char *body, size_t len,
                        struct mp_part *parts, size_t max, size_t *n);
/* Vietnamese text for an error. */
const char *mp_message(enum mp_result r);

#endif
