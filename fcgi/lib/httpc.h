/* Outbound HTTP(S) requests on libcurl: no redirects, bounded time and size, thread-safe. */
#ifndef KSTT_HTTPC_H
#define KSTT_HTTPC_H
#include "lib/buf.h"

/*
 * GET url (http or https only; a redirect is not followed: the configured URL is the trust
 * anchor). Gives up after timeout_ms in all, and when the body exceeds max_bytes. The body is
 * appended to out (the caller owns out: buf_init before, buf_free after; an empty body appends
 * nothing, so out->data may stay NULL) and *status (if not NULL) receives the HTTP status.
 * Returns 0 when a response was read, whatever its status; -1 when none was (bad URL,
 * connection, timeout, body too large, out of memory).
 */
int httpc_get(const char *url, long timeout_ms, size_t max_bytes, struct buf *out, long *status);

#endif
