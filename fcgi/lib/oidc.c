/* OpenID Connect relying party: providers, discovery, code exchange, ID and logout tokens. */
#include "lib/oidc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/httpc.h"
#include "lib/log.h"

#define DISCOVERY_TTL        3600.0     /* seconds a discovery document is used before refetching */
#define DISCOVERY_RETRY      5.0        /* least seconds between two failed fetches */
#define OIDC_HTTP_TIMEOUT_MS 10000L     /* a whole request to a provider */
#define OIDC_HTTP_MAX        (1L << 20) /* largest answer read from a provider */
#define LOGOUT_EVENT         "http://schemas.openid.net/event/backchannel-logout"

static double mono_now(void) {
    return (double)clock_mono_ms() / 1000.0;
}

static void copy(char *dst, size_t n, const char *src) {
    snprintf(dst, n, "%s", src ? src : "");
}

static void defaults(struct oidc_provider *p, const struct config *cfg) {
    copy(p->label, sizeof p->label, cfg->oidc_label);
    copy(p->scopes, sizeof p->scopes, cfg->oidc_scopes);
    copy(p->algs, sizeof p->algs, "RS256,ES256");
    copy(p->claim_username, sizeof p->claim_username, cfg->idp_claim_username);
    copy(p->claim_roles, sizeof p->claim_roles, cfg->idp_claim_roles);
    copy(p->claim_unit, sizeof p->claim_unit, cfg->idp_claim_unit);
    copy(p->role_map, sizeof p->role_map, cfg->idp_role_map);
    p->autocreate = cfg->idp_autocreate;
    p->leeway = TOKEN_LEEWAY_DEFAULT;
    p->jwks_refresh = TOKEN_REFRESH_DEFAULT;
}

/* Our paths carry the id: lower-case letters, digits, '-' and '_' only. */
static int id_ok(const char *id) {
    if (!*id) return 0;
    for (const char *c = id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            return 0;
    return 1;
}

static void str_field(json_t *o, const char *key, char *dst, size_t n) {
    const char *v = json_string_value(json_object_get(o, key));
    if (v) copy(dst, n, v);
}

static void from_json(struct oidc_provider *p, json_t *o) {
    str_field(o, "id", p->id, sizeof p->id);
    str_field(o, "label", p->label, sizeof p->label);
    str_field(o, "issuer", p->issuer, sizeof p->issuer);
    str_field(o, "client_id", p->client_id, sizeof p->client_id);
    str_field(o, "client_secret", p->client_secret, sizeof p->client_secret);
    str_field(o, "scopes", p->scopes, sizeof p->scopes);
    str_field(o, "algs", p->algs, sizeof p->algs);
    str_field(o, "claim_username", p->claim_username, sizeof p->claim_username);
    str_field(o, "claim_roles", p->claim_roles, sizeof p->claim_roles);
    str_field(o, "claim_unit", p->claim_unit, sizeof p->claim_unit);
    str_field(o, "role_map", p->role_map, sizeof p->role_map);
    json_t *v;
    if ((v = json_object_get(o, "autocreate"))) p->autocreate = json_is_true(v);
    const char *am = json_string_value(json_object_get(o, "auth_method"));
    p->private_key_jwt = am && strcmp(am, "private_key_jwt") == 0;
    if (json_is_integer(v = json_object_get(o, "leeway"))) p->leeway = json_integer_value(v);
    if (json_is_integer(v = json_object_get(o, "jwks_refresh")))
        p->jwks_refresh = json_integer_value(v);
}

static int check(const struct oidc_provider *p, int n, char *err, size_t errlen) {
    if (!id_ok(p->id) || !p->issuer[0] || !p->client_id[0]) {
        snprintf(err, errlen, "OIDC provider %d: id ([a-z0-9_-]), issuer and client_id required",
                 n + 1);
        return -1;
    }
    if (!p->private_key_jwt && !p->client_secret[0]) {
        snprintf(err, errlen, "OIDC provider %s: client_secret, or auth_method private_key_jwt",
                 p->id);
        return -1;
    }
    /* At least a second: the provider stamps iat from its own clock, ours reads whole seconds from
     * a coarse clock, so with no leeway a token minted just after a second turns is "issued in the
     * future" now and then (about one sign-in in a hundred on one machine). */
    if (p->leeway < 1 || p->leeway > 600 || p->jwks_refresh < 0) {
        snprintf(err, errlen, "OIDC provider %s: leeway 1..600, jwks_refresh >= 0", p->id);
        return -1;
    }
    for (int i = 0; i < n; i++)
        if (strcmp(p[-n + i].id, p->id) == 0) {
            snprintf(err, errlen, "OIDC provider %s configured twice", p->id);
            return -1;
        }
    return 0;
}

static int load_file(const struct config *cfg, struct oidc_provider *ps, int *n, char *err,
                     size_t errlen) {
    json_error_t je;
    json_t *doc = json_load_file(cfg->oidc_providers, 0, &je);
    if (!json_is_array(doc)) {
        snprintf(err, errlen, "KSTT_OIDC_PROVIDERS %s: not a JSON array (%s, line %d)",
                 cfg->oidc_providers, je.text, je.line);
        json_decref(doc);
        return -1;
    }
    size_t i;
    json_t *o;
    json_array_foreach(doc, i, o) {
        if (*n >= OIDC_MAX_PROVIDERS || !json_is_object(o)) {
            snprintf(err, errlen, "KSTT_OIDC_PROVIDERS: at most %d objects", OIDC_MAX_PROVIDERS);
            json_decref(doc);
            return -1;
        }
        struct oidc_provider *p = &ps[*n];
        defaults(p, cfg);
        from_json(p, o);
        if (check(p, *n, err, errlen) < 0) {
            json_decref(doc);
            return -1;
        }
        (*n)++;
    }
    json_decref(doc);
    return 0;
}

int oidc_providers_load(const struct config *cfg, struct oidc_provider **out, int *n, char *err,
                        size_t errlen) {
    *out = NULL;
    *n = 0;
    struct oidc_provider *ps = calloc(OIDC_MAX_PROVIDERS, sizeof *ps);
    if (!ps) return snprintf(err, errlen, "out of memory"), -1;
    int count = 0;
    if (cfg->oidc_issuer[0]) {
        defaults(&ps[0], cfg);
        copy(ps[0].id, sizeof ps[0].id, "tinh");
        copy(ps[0].issuer, sizeof ps[0].issuer, cfg->oidc_issuer);
        copy(ps[0].client_id, sizeof ps[0].client_id, cfg->oidc_client_id);
        copy(ps[0].client_secret, sizeof ps[0].client_secret, cfg->oidc_client_secret);
        if (check(&ps[0], 0, err, errlen) < 0) {
            free(ps);
            return -1;
        }
        count = 1;
    }
    if (cfg->oidc_providers[0] && load_file(cfg, ps, &count, err, errlen) < 0) {
        free(ps);
        return -1;
    }
    for (int i = 0; i < count; i++) pthread_mutex_init(&ps[i].mu, NULL);
    *out = ps;
    *n = count;
    return 0;
}

void oidc_providers_free(struct oidc_provider *p, int n) {
    for (int i = 0; p && i < n; i++) {
        if (p[i].jwks_on) token_remote_free(&p[i].jwks);
        pthread_mutex_destroy(&p[i].mu);
    }
    free(p);
}

static int take_url(json_t *doc, const char *key, char *dst, int required) {
    const char *v = json_string_value(json_object_get(doc, key));
    if (!v || strlen(v) >= OIDC_URL_MAX ||
        (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)) {
        dst[0] = '\0';
        return required ? -1 : 0;
    }
    copy(dst, OIDC_URL_MAX, v);
    return 0;
}

/* Fetches and checks the discovery document; the issuer in it must be exactly ours. */
static int discover(struct oidc_provider *p, struct oidc_endpoints *ep) {
    char url[OIDC_URL_MAX];
    size_t il = strlen(p->issuer);
    snprintf(url, sizeof url, "%s%s.well-known/openid-configuration", p->issuer,
             il && p->issuer[il - 1] == '/' ? "" : "/");
    struct buf body;
    buf_init(&body);
    long status = 0;
    if (httpc_get(url, OIDC_HTTP_TIMEOUT_MS, OIDC_HTTP_MAX, &body, &status) < 0 || status != 200) {
        log_warn("oidc %s: discovery %s failed (HTTP %ld)", p->id, url, status);
        buf_free(&body);
        return -1;
    }
    json_t *doc = json_loadb(body.data ? body.data : "", body.len, 0, NULL);
    buf_free(&body);
    int rc = 0;
    const char *iss = json_string_value(json_object_get(doc, "issuer"));
    if (!iss || strcmp(iss, p->issuer) != 0) rc = -1;
    if (rc == 0 && (take_url(doc, "authorization_endpoint", ep->authorization, 1) < 0 ||
                    take_url(doc, "token_endpoint", ep->token, 1) < 0 ||
                    take_url(doc, "jwks_uri", ep->jwks_uri, 1) < 0 ||
                    take_url(doc, "end_session_endpoint", ep->end_session, 0) < 0))
        rc = -1;
    json_decref(doc);
    if (rc < 0) log_warn("oidc %s: discovery document unusable (issuer or endpoints)", p->id);
    return rc;
}

int oidc_endpoints(struct oidc_provider *p, struct oidc_endpoints *out) {
    pthread_mutex_lock(&p->mu);
    double t = mono_now();
    int stale = !p->discovered || t - p->discovered_at > DISCOVERY_TTL;
    if (stale && (p->tried_at == 0 || t - p->tried_at >= DISCOVERY_RETRY)) {
        p->tried_at = t;
        struct oidc_endpoints fresh;
        if (discover(p, &fresh) == 0) {
            /* The verifier is made once, from the first jwks_uri; it refetches on a new kid. */
            if (!p->jwks_on && token_remote_init(&p->jwks, fresh.jwks_uri, p->algs, p->issuer,
                                                 p->client_id, p->leeway) >= 0) {
                p->jwks.refresh_interval = p->jwks_refresh;
                p->jwks_on = 1;
            }
            if (p->jwks_on) {
                p->ep = fresh;
                p->discovered = 1;
                p->discovered_at = t;
            }
        }
    }
    int rc = p->discovered ? 0 : -1;
    if (rc == 0) *out = p->ep;
    pthread_mutex_unlock(&p->mu);
    return rc;
}

static int add(struct buf *form, const char *name, const char *value) {
    return httpc_form_add(form, name, value);
}

/* base + "?" (or "&" when base already has a query) + q, malloc'd; NULL when out of memory. */
static char *with_query(const char *base, struct buf *q) {
    struct buf url;
    buf_init(&url);
    buf_puts(&url, base);
    buf_puts(&url, strchr(base, '?') ? "&" : "?");
    buf_append(&url, q->data, q->len);
    buf_free(q);
    return buf_detach(&url);
}

char *oidc_authorize_url(const struct oidc_provider *p, const struct oidc_endpoints *ep,
                         const char *redirect_uri, const char *state, const char *nonce,
                         const char *challenge) {
    struct buf q;
    buf_init(&q);
    if (add(&q, "response_type", "code") < 0 || add(&q, "client_id", p->client_id) < 0 ||
        add(&q, "redirect_uri", redirect_uri) < 0 || add(&q, "scope", p->scopes) < 0 ||
        add(&q, "state", state) < 0 || add(&q, "nonce", nonce) < 0 ||
        add(&q, "code_challenge", challenge) < 0 || add(&q, "code_challenge_method", "S256") < 0) {
        buf_free(&q);
        return NULL;
    }
    return with_query(ep->authorization, &q);
}

/* RFC 7523 client authentication: a short-lived JWT about ourselves, for the token endpoint. */
static char *client_assertion(const struct oidc_provider *p, const struct oidc_endpoints *ep,
                              const struct token_keys *keys) {
    char *jti = token_random_b64url(16);
    time_t now = time(NULL);
    json_t *c = jti ? json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "iss", p->client_id, "sub",
                                p->client_id, "aud", ep->token, "jti", jti, "iat", (json_int_t)now,
                                "exp", (json_int_t)now + 60)
                    : NULL;
    char *out = c ? token_sign(keys, c) : NULL;
    json_decref(c);
    free(jti);
    return out;
}

int oidc_exchange(struct oidc_provider *p, const struct oidc_endpoints *ep,
                  const struct token_keys *keys, const char *redirect_uri, const char *code,
                  const char *verifier, char **id_token, const char **error) {
    *id_token = NULL;
    *error = "http";
    char *assertion = NULL;
    struct buf form;
    buf_init(&form);
    if (p->private_key_jwt && !(assertion = client_assertion(p, ep, keys))) return -1;
    if (add(&form, "grant_type", "authorization_code") < 0 || add(&form, "code", code) < 0 ||
        add(&form, "redirect_uri", redirect_uri) < 0 || add(&form, "code_verifier", verifier) < 0 ||
        (assertion && (add(&form, "client_id", p->client_id) < 0 ||
                       add(&form, "client_assertion_type",
                           "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") < 0 ||
                       add(&form, "client_assertion", assertion) < 0))) {
        buf_free(&form);
        free(assertion);
        return -1;
    }
    free(assertion);
    struct buf body;
    buf_init(&body);
    long status = 0;
    int rc = httpc_post_form(ep->token, buf_cstr(&form), p->private_key_jwt ? NULL : p->client_id,
                             p->client_secret, OIDC_HTTP_TIMEOUT_MS, OIDC_HTTP_MAX, &body, &status);
    buf_free(&form);
    json_t *doc = rc < 0 ? NULL : json_loadb(body.data ? body.data : "", body.len, 0, NULL);
    buf_free(&body);
    if (rc < 0) return -1;
    const char *tok = json_string_value(json_object_get(doc, "id_token"));
    const char *e = json_string_value(json_object_get(doc, "error"));
    if (status == 200 && tok) {
        *id_token = strdup(tok);
        rc = *id_token ? 0 : -1;
    } else {
        /* Only codes we know, as static strings: the provider's text never reaches our logs raw. */
        static const char *const known[] = {"invalid_grant", "invalid_client", "invalid_request",
                                            "unauthorized_client", NULL};
        for (int i = 0; e && known[i]; i++)
            if (strcmp(e, known[i]) == 0) *error = known[i];
        rc = -1;
    }
    json_decref(doc);
    return rc;
}

static int verify_common(struct oidc_provider *p, const char *token, time_t now, json_t **claims,
                         const char **why) {
    *claims = NULL;
    if (!p->jwks_on) return *why = "provider not discovered", OIDC_BAD;
    int rc = token_remote_verify(&p->jwks, token, now, claims, why);
    if (rc == TOKEN_UNKNOWN_KID) return OIDC_UNKNOWN_KEY;
    if (rc != TOKEN_OK) return *why && strcmp(*why, "token expired") == 0 ? OIDC_EXPIRED : OIDC_BAD;
    json_t *c = *claims;
    /* azp: when present it must be us; when the token has several audiences it must be present. */
    json_t *azp = json_object_get(c, "azp"), *aud = json_object_get(c, "aud");
    if (azp && (!json_is_string(azp) || strcmp(json_string_value(azp), p->client_id) != 0))
        rc = OIDC_BAD, *why = "azp is another client";
    else if (!azp && json_is_array(aud) && json_array_size(aud) > 1)
        rc = OIDC_BAD, *why = "several audiences and no azp";
    else if (!json_is_number(json_object_get(c, "iat")))
        rc = OIDC_BAD, *why = "no iat";
    if (rc != OIDC_OK) {
        json_decref(c);
        *claims = NULL;
    }
    return rc;
}

int oidc_verify_id_token(struct oidc_provider *p, const char *token, const char *nonce, time_t now,
                         json_t **claims, const char **why) {
    int rc = verify_common(p, token, now, claims, why);
    if (rc != OIDC_OK) return rc;
    const char *sub = json_string_value(json_object_get(*claims, "sub"));
    const char *got = json_string_value(json_object_get(*claims, "nonce"));
    if (!sub || !*sub)
        rc = OIDC_BAD, *why = "no sub";
    else if (!got || !nonce || strcmp(got, nonce) != 0)
        rc = OIDC_NONCE, *why = "nonce mismatch";
    if (rc != OIDC_OK) {
        json_decref(*claims);
        *claims = NULL;
    }
    return rc;
}

/* The PEM of the provider's key for kid and alg (malloc'd), or NULL. */
/* What a logout token must say beyond a verified JWT (signature, iss, aud, exp, nbf, iat):
 * OpenID Connect Back-Channel Logout 1.0, section 2.6. */
static int logout_claims(const struct oidc_provider *p, json_t *c, time_t now, const char **why) {
    json_t *iat = json_object_get(c, "iat"), *azp = json_object_get(c, "azp");
    if (azp && (!json_is_string(azp) || strcmp(json_string_value(azp), p->client_id) != 0))
        return *why = "azp is another client", OIDC_BAD;
    if (!json_is_number(iat) || json_number_value(iat) > (double)(now + p->leeway))
        return *why = "no iat or issued in the future", OIDC_BAD;
    if (!json_is_object(json_object_get(json_object_get(c, "events"), LOGOUT_EVENT)))
        return *why = "no back-channel logout event", OIDC_BAD;
    if (json_object_get(c, "nonce")) return *why = "logout token with a nonce", OIDC_BAD;
    if (!json_is_string(json_object_get(c, "jti")))
        return *why = "logout token without jti", OIDC_BAD;
    if (!json_is_string(json_object_get(c, "sub")) && !json_is_string(json_object_get(c, "sid")))
        return *why = "logout token without sub or sid", OIDC_BAD;
    return OIDC_OK;
}

int oidc_verify_logout_token(struct oidc_provider *p, const char *token, time_t now,
                             json_t **claims, const char **why) {
    *claims = NULL;
    if (!p->jwks_on || !token) return *why = "provider not discovered", OIDC_BAD;
    /* Logout tokens say typ "logout+jwt", so that no other JWT of the provider's passes for one. */
    json_t *c = NULL;
    int tr = token_remote_verify_typ(&p->jwks, token, "logout+jwt", now, &c, why);
    if (tr == TOKEN_UNKNOWN_KID) return OIDC_UNKNOWN_KEY;
    if (tr != TOKEN_OK) return strcmp(*why, "token expired") == 0 ? OIDC_EXPIRED : OIDC_BAD;
    int rc = logout_claims(p, c, now, why);
    if (rc != OIDC_OK) {
        json_decref(c);
        return rc;
    }
    *claims = c;
    return OIDC_OK;
}

char *oidc_end_session_url(const struct oidc_endpoints *ep, const struct oidc_provider *p,
                           const char *id_token, const char *post_logout_redirect_uri) {
    if (!ep->end_session[0]) return NULL;
    struct buf q;
    buf_init(&q);
    if ((id_token && add(&q, "id_token_hint", id_token) < 0) ||
        add(&q, "post_logout_redirect_uri", post_logout_redirect_uri) < 0 ||
        add(&q, "client_id", p->client_id) < 0) {
        buf_free(&q);
        return NULL;
    }
    return with_query(ep->end_session, &q);
}
