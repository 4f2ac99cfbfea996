/* Growable byte buffer used to build responses, SQL and log lines. */
#ifndef KSTT_BUF_H
#define KSTT_BUF_H
#include <stddef.h>

struct buf {
    char *data;
    size_t len, cap;
    int oom; /* set once an allocation failed; further appends are ignored */
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as the body of a JSON string (no quotes), escaping as RFC 8259 requires. */
void buf_json_escape(struct buf *b, const char *s);
/* Hands the contents over to the caller (malloc'd, "" when empty) and leaves b empty; NULL, with
 * b emptied, when an allocation failed on the way (b->oom) or now. */
char *buf_detach(struct buf *b);
/* Returns the NUL-terminated contents (never NULL). */
const char *buf_cstr(struct buf *b);

#endif
