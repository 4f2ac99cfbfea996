/* What the local sign-in (auth.c) and sign-in through a provider (oidc.c) share: sessions,
 * cookies and users created from a provider's claims. */
#ifndef KSTT_AUTH_COMMON_H
#define KSTT_AUTH_COMMON_H
#include <jansson.h>

#include "lib/config.h"
#include "lib/token.h"
#include "server/http.h"
#include "store/db.h"

/* The browser reached us over TLS (directly, or through a proxy that says so). */
int auth_request_is_https(req_t *r);
/* Set-Cookie with HttpOnly, SameSite=Strict and, behind HTTPS, Secure. */
void auth_set_cookie(req_t *r, const char *name, const char *value, const char *path, long max_age);
/* Expires the access and refresh cookies. */
void auth_clear_cookies(req_t *r);
/* Inserts a session row for user_id (in the caller's transaction): *sid and *refresh are
 * malloc'd (free both whatever the result). 0, or -1 on a database error. */
int auth_new_session(db_t *db, req_t *r, const struct config *cfg, long long user_id, char **sid,
                     char **refresh);
/* Mints the access token of user_id's session sid (claims: see access_claims in auth_common.c)
 * and sets both cookies. Returns the access token (malloc'd), or NULL on a database error or
 * when signing failed. */
char *auth_session_cookies(req_t *r, db_t *db, const struct config *cfg,
                           const struct token_keys *keys, long long user_id, const char *sid,
                           const char *refresh);
/* Creates an external user (audited) in the unit the claim at unit_path names, with role.
 * 0 created (or created meanwhile by a concurrent request), -1 refused (no unit claim or a unit
 * we do not have), -2 database error. */
int auth_create_external_user(req_t *r, db_t *db, const char *username, const char *role,
                              json_t *claims, const char *unit_path);

#endif
