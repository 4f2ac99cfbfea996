/* Outgoing mail over SMTP (libcurl), configured by KSTT_SMTP_*; off when no URL is set. */
#ifndef KSTT_MAIL_H
#define KSTT_MAIL_H
#include <stddef.h>

#include "lib/config.h"

/* 1 when KSTT_SMTP_URL is set. */
int mail_enabled(const struct config *cfg);
/*
 * The message as it goes on the wire: RFC 5322 headers (UTF-8 subject encoded per RFC 2047),
 * a text/plain UTF-8 body in base64. date is an RFC 5322 date, msgid "<...@...>". malloc'd;
 * NULL when an address or the subject holds a CR or LF (header injection) or on OOM.
 */
char *mail_compose(const char *from, const char *to, const char *subject, const char *body,
                   const char *date, const char *msgid);
/* Sends one message. 0 sent, 1 mail is off, -1 failed (reason in err). */
int mail_send(const struct config *cfg, const char *to, const char *subject, const char *body,
              char *err, size_t errlen);

#endif
