/* Pure parts of signing in through an identity provider: PKCE, return addresses, role mapping. */
#ifndef KSTT_SSO_H
#define KSTT_SSO_H
#include <jansson.h>

/* The S256 code_challenge of a verifier: base64url(SHA-256(verifier)), unpadded (RFC 7636).
 * malloc'd or NULL. */
char *sso_pkce_challenge(const char *verifier);
/* 1 when s is a same-origin path to send a browser back to after signing in: one leading '/',
 * not "//" or "/\" (another host), printable ASCII without '\', at most 500 bytes. */
int sso_return_to_ok(const char *s);
/* The most capable of our roles among the provider's roles at claims path roles_path, each
 * renamed through map ("theirs=ours,..."; names already ours pass as they are). NULL if none. */
const char *sso_map_role(json_t *claims, const char *roles_path, const char *map);

#endif
