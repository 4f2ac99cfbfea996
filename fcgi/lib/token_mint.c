/* Minting our tokens: RS256 JWTs signed with the current key pair. */
#include "lib/token.h"

#include <jwt.h>
#include <stdlib.h>
#include <string.h>

static int set_opt_str(json_t *o, const char *key, const char *val) {
    return val ? json_object_set_new(o, key, json_string(val)) : 0;
}

/* The claims object, built with jansson so that unit_id keeps its full 64 bits. */
static json_t *mint_claims(const char *iss, const char *aud, const char *sub, const char *username,
                           const char *role, long long unit_id, const char *sid, long ttl,
                           time_t now) {
    char *jti = token_random_b64url(16);
    json_t *c = jti ? json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:I}", "iss", iss, "aud", aud,
                                "sub", sub, "iat", (json_int_t)now, "nbf", (json_int_t)now, "exp",
                                (json_int_t)now + ttl, "jti", jti, "unit_id", (json_int_t)unit_id)
                    : NULL;
    free(jti);
    if (c && (set_opt_str(c, "username", username) || set_opt_str(c, "role", role) ||
              set_opt_str(c, "sid", sid))) {
        json_decref(c);
        c = NULL;
    }
    return c;
}

char *token_sign(const struct token_keys *k, json_t *claims) {
    if (!k || !k->current.priv_pem || !json_is_object(claims)) return NULL;
    const char *pem = k->current.priv_pem;
    char *cj = json_dumps(claims, JSON_COMPACT);
    jwt_t *j = NULL;
    char *out = NULL;
    if (cj && jwt_new(&j) == 0 && jwt_add_grants_json(j, cj) == 0 &&
        jwt_add_header(j, "kid", k->current.kid) == 0 &&
        jwt_set_alg(j, JWT_ALG_RS256, (const unsigned char *)pem, (int)strlen(pem)) == 0)
        out = jwt_encode_str(j);
    jwt_free(j);
    free(cj);
    return out;
}

char *token_mint(const struct token_keys *k, const char *iss, const char *aud, const char *sub,
                 const char *username, const char *role, long long unit_id, const char *sid,
                 long ttl_seconds, time_t now) {
    if (!k || !k->current.priv_pem || !iss || !aud || !sub || ttl_seconds <= 0) return NULL;
    json_t *claims = mint_claims(iss, aud, sub, username, role, unit_id, sid, ttl_seconds, now);
    char *out = claims ? token_sign(k, claims) : NULL;
    json_decref(claims);
    return out;
}
