/* Outbound HTTP(S) requests on libcurl: no redirects, bounded time and size, thread-safe. */
#ifndef KSTT_HTTPC_H
#define KSTT_HTTPC_H
#include "lib/buf.h"

/* libcurl's process-wide setup, once, whichever thread comes first (also for lib/mail's SMTP). */
void httpc_global_init(void);

/*
 * GET url (http or https only; a redirect is not followed: the configured URL is the trust
 * anchor). Gives up after timeout_ms in all, and when the body exceeds max_bytes. The body is
 * appended to out (the caller owns out: buf_init before, buf_free after; an empty body appends
 * nothing, so out->data may stay NULL) and *status (if not NULL) receives the HTTP status.
 * Returns 0 when a response was read, whatever its status; -1 when none was (bad URL,
 * connection, timeout, body too large, out of memory).
 */
int httpc_get(const char *url, long timeout_ms, size_t max_bytes, struct buf *out, long *status);
/* POST url with an application/x-www-form-urlencoded body; user/password, when user is not NULL,
 * go in HTTP Basic (client_secret_basic). Same limits and results as httpc_get. */
int httpc_post_form(const char *url, const char *form, const char *user, const char *password,
                    long timeout_ms, size_t max_bytes, struct buf *out, long *status);
/* Appends "name=value" (preceded by "&" unless form is empty), value percent-encoded.
 * 0, or -1 when out of memory. */
int httpc_form_add(struct buf *form, const char *name, const char *value);

#endif
