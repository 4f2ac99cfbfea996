/* OpenID Connect relying party: providers, discovery, code exchange, ID and logout tokens. */
#ifndef KSTT_OIDC_H
#define KSTT_OIDC_H
#include <jansson.h>
#include <pthread.h>
#include <time.h>

#include "lib/config.h"
#include "lib/token.h"

#define OIDC_MAX_PROVIDERS 8
#define OIDC_URL_MAX       512

/* What the discovery document says (copied out under the provider's lock). */
struct oidc_endpoints {
    char authorization[OIDC_URL_MAX], token[OIDC_URL_MAX], end_session[OIDC_URL_MAX];
    char jwks_uri[OIDC_URL_MAX];
};

/* One configured provider; the discovered part is filled lazily and refreshed hourly. */
struct oidc_provider {
    char id[32];     /* in our paths: /api/v1/auth/oidc/{id}/... */
    char label[160]; /* the button on the sign-in page */
    char issuer[256], client_id[128], client_secret[256], scopes[256], algs[64];
    char claim_username[64], claim_roles[64], claim_unit[64], role_map[512];
    int autocreate;
    int private_key_jwt;       /* client auth: 1 private_key_jwt (our RS256 key), 0 client secret */
    long leeway, jwks_refresh; /* seconds: clock skew allowed; least time between JWKS fetches */
    pthread_mutex_t mu;        /* guards everything below */
    int discovered;
    double discovered_at, tried_at; /* CLOCK_MONOTONIC seconds */
    struct oidc_endpoints ep;
    struct token_remote jwks; /* verifier of its tokens (iss = issuer, aud = client_id) */
    int jwks_on;
};

/* ID token and logout token results. */
#define OIDC_OK          0
#define OIDC_BAD         -1 /* signature, issuer, audience, azp, claims */
#define OIDC_EXPIRED     -2
#define OIDC_UNKNOWN_KEY -3 /* signed with a key the provider does not publish */
#define OIDC_NONCE       -4

/* Providers from the JSON file cfg->oidc_providers names (an array of objects, see README) and
 * the one KSTT_OIDC_ISSUER names (id "tinh"); unset fields default to the KSTT_IDP_* claim paths,
 * role map and autocreate. *out is calloc'd (oidc_providers_free). 0, or -1 with err set. */
int oidc_providers_load(const struct config *cfg, struct oidc_provider **out, int *n, char *err,
                        size_t errlen);
void oidc_providers_free(struct oidc_provider *p, int n);

/* Copies the provider's endpoints, fetching the discovery document when it is not cached (or is
 * over an hour old; a failed refresh keeps the old copy). 0, or -1 when none is known. */
int oidc_endpoints(struct oidc_provider *p, struct oidc_endpoints *out);

/* The authorization request URL (response_type=code, S256 challenge). malloc'd or NULL. */
char *oidc_authorize_url(const struct oidc_provider *p, const struct oidc_endpoints *ep,
                         const char *redirect_uri, const char *state, const char *nonce,
                         const char *challenge);
/* Redeems code at the token endpoint, authenticating with client_secret_basic or, when the
 * provider says private_key_jwt, a client assertion signed with keys->current (the provider
 * reads our public keys at /api/v1/auth/jwks). On 0, *id_token is malloc'd. On -1, *error
 * (static) is the provider's error code when it gave one ("invalid_grant"), else "http". */
int oidc_exchange(struct oidc_provider *p, const struct oidc_endpoints *ep,
                  const struct token_keys *keys, const char *redirect_uri, const char *code,
                  const char *verifier, char **id_token, const char **error);
/* Verifies an ID token: signature (alg pinned per key, JWKS refetched on a new kid), iss, aud,
 * azp, exp, iat, sub and nonce. OIDC_OK with *claims (json_decref) or an OIDC_* error with *why. */
int oidc_verify_id_token(struct oidc_provider *p, const char *token, const char *nonce, time_t now,
                         json_t **claims, const char **why);
/* Verifies a back-channel logout token: as an ID token, plus the logout event, sub or sid, and
 * no nonce. */
int oidc_verify_logout_token(struct oidc_provider *p, const char *token, time_t now,
                             json_t **claims, const char **why);
/* end_session_endpoint?id_token_hint=..&post_logout_redirect_uri=..&client_id=..; malloc'd, or
 * NULL when the provider has no such endpoint. */
char *oidc_end_session_url(const struct oidc_endpoints *ep, const struct oidc_provider *p,
                           const char *id_token, const char *post_logout_redirect_uri);

#endif
