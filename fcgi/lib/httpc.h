/* A small HTTP client on libcurl: GET and POST of a form, for talking to OpenID providers. */
#ifndef KSTT_HTTPC_H
#define KSTT_HTTPC_H
#include <stddef.h>

#define HTTPC_MAX_BODY (1L << 20) /* largest response body read */
#define HTTPC_TIMEOUT  10         /* seconds for a whole request */

/* GET url. On 0, *body (malloc'd, NUL-terminated) and *status hold the answer, whatever the
 * status. -1 when no answer came (connection, timeout, body over the cap). */
int httpc_get(const char *url, char **body, long *status);
/* POST url with an application/x-www-form-urlencoded body; user/password, when user is not NULL,
 * go in HTTP Basic (client_secret_basic). Same results as httpc_get. */
int httpc_post_form(const char *url, const char *form, const char *user, const char *password,
                    char **body, long *status);
/* Appends "&name=value" (no "&" when *form is empty), value percent-encoded, to a malloc'd form
 * string; *form starts as NULL. 0, or -1 when out of memory. */
int httpc_form_add(char **form, const char *name, const char *value);

#endif
