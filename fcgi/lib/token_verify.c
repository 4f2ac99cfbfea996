/* Verifying a compact JWS: its header read once to pick the key, libjwt for the signature and the
 * claims (lib/jws for the typs libjwt refuses), then exp, nbf, iat, iss and aud from those claims.
 */
#include "lib/token.h"
#include "lib/b64.h"
#include "lib/jws.h"
#include "lib/memo.h"
#include "lib/token_alg.h"

#include <jwt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Exact comparison that a "\u0000" inside the JSON string cannot shorten. */
static int json_str_eq(json_t *j, const char *s) {
    return json_is_string(j) && json_string_length(j) == strlen(s) &&
           memcmp(json_string_value(j), s, strlen(s)) == 0;
}

/* The compact form, checked without decoding anything: at most TOKEN_MAX_LEN characters of the
 * base64url alphabet in three parts, none empty. *hlen receives the header part's length. */
static int check_form(const char *tok, size_t *hlen, const char **why) {
    size_t len = strnlen(tok, TOKEN_MAX_LEN + 1), dot[2] = {0, 0};
    if (len > TOKEN_MAX_LEN) return *why = "token too large", -1;
    int n = 0;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '.') {
            if (n == 2) return *why = "token does not have 3 parts", -1;
            dot[n++] = i;
        } else if (!b64_is_url_char((unsigned char)tok[i])) {
            return *why = "token has characters outside base64url", -1;
        }
    }
    if (n != 2) return *why = "token does not have 3 parts", -1;
    if (dot[0] == 0 || dot[1] == dot[0] + 1) return *why = "empty header or payload", -1;
    if (dot[1] + 1 == len) return *why = "unsigned token", -1;
    *hlen = dot[0];
    return 0;
}

/* The header as a JSON object, decoded strictly: canonical base64url, and duplicate keys refused
 * so that no reader of the same bytes can find another alg or kid in them. NULL if it is not. */
static json_t *read_header(const char *p, size_t len) {
    size_t blen = 0;
    unsigned char *b = b64_decode(p, len, B64_URL, TOKEN_MAX_LEN, &blen);
    json_t *o = b ? json_loadb((const char *)b, blen, JSON_REJECT_DUPLICATES, NULL) : NULL;
    free(b);
    if (o && !json_is_object(o)) {
        json_decref(o);
        o = NULL;
    }
    return o;
}

/* Picks the key for the header's kid whose configured alg equals the header's alg. */
static int select_key(const struct token_verifier *v, json_t *hdr, const struct token_vkey **out,
                      const char **why) {
    json_t *alg = json_object_get(hdr, "alg"), *kid = json_object_get(hdr, "kid");
    if (!json_is_string(alg)) return *why = "header has no alg", TOKEN_INVALID;
    if (strcasecmp(json_string_value(alg), "none") == 0) return *why = "alg none", TOKEN_INVALID;
    if (token_alg_index(json_string_value(alg)) < 0) return *why = "alg not allowed", TOKEN_INVALID;
    if (kid && !json_is_string(kid)) return *why = "kid is not a string", TOKEN_INVALID;
    if (json_object_get(hdr, "crit")) return *why = "unsupported crit header", TOKEN_INVALID;
    if (v->nkeys == 0) return *why = "no keys", TOKEN_UNKNOWN_KID;
    /* Without a kid the verifier must hold a single key (possibly under several algs). */
    const char *want = kid ? NULL : v->keys[0].kid;
    for (int i = 0; !kid && i < v->nkeys; i++)
        if (strcmp(v->keys[i].kid, want) != 0) return *why = "token has no kid", TOKEN_INVALID;
    int kid_known = 0;
    for (int i = 0; i < v->nkeys; i++) {
        const struct token_vkey *k = &v->keys[i];
        if (kid && !json_str_eq(kid, k->kid)) continue;
        kid_known = 1;
        if (json_str_eq(alg, k->alg)) return *out = k, TOKEN_OK;
    }
    if (!kid_known) return *why = "unknown kid", TOKEN_UNKNOWN_KID;
    return *why = "alg not allowed for this key", TOKEN_INVALID;
}

/* libjwt checks the signature with the chosen key and hands back the payload it decoded: the one
 * decoding of the payload. On TOKEN_OK *claims is a JSON object (json_decref it). */
static int signed_claims(const struct token_vkey *k, const char *token, json_t **claims,
                         const char **why) {
    jwt_t *j = NULL;
    if (jwt_decode(&j, token, (const unsigned char *)k->pem, (int)strlen(k->pem)) != 0 || !j) {
        jwt_free(j);
        return *why = "bad signature", TOKEN_INVALID;
    }
    /* libjwt 1.10 takes no alg from its caller: it verifies with the alg its own reading of the
     * header names. That must be the alg pinned to the key, or our PEM could be an HMAC secret. */
    int pinned = jwt_get_alg(j) == jwt_str_alg(k->alg);
    /* jwt_t is opaque in 1.10: its claims come out as JSON text (a copy, not a second decoding). */
    char *text = pinned ? jwt_get_grants_json(j, NULL) : NULL;
    jwt_free(j);
    if (!pinned) return *why = "alg changed in verification", TOKEN_INVALID;
    json_t *c = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (!json_is_object(c)) {
        json_decref(c);
        return *why = "bad payload", TOKEN_INVALID;
    }
    *claims = c;
    return TOKEN_OK;
}

/* A token of another typ than "JWT" (libjwt 1.10 refuses those): lib/jws checks the signature
 * with the same pinned key and alg, and the payload is decoded here, strictly, once. */
static int signed_claims_typ(const struct token_vkey *k, const char *token, json_t **claims,
                             const char **why) {
    if (jws_verify(token, k->alg, k->pem) != 0) return *why = "bad signature", TOKEN_INVALID;
    const char *p = strchr(token, '.') + 1; /* check_form saw three parts */
    size_t blen = 0;
    unsigned char *b = b64_decode(p, (size_t)(strchr(p, '.') - p), B64_URL, TOKEN_MAX_LEN, &blen);
    json_t *c = b ? json_loadb((const char *)b, blen, JSON_REJECT_DUPLICATES, NULL) : NULL;
    free(b);
    if (!json_is_object(c)) {
        json_decref(c);
        return *why = "bad payload", TOKEN_INVALID;
    }
    *claims = c;
    return TOKEN_OK;
}

/* typ as RFC 8725 3.11 advises: compared without case, "application/" optional. */
static int typ_is(json_t *hdr, const char *typ) {
    const char *t = json_string_value(json_object_get(hdr, "typ"));
    if (!t) return 0;
    if (strncasecmp(t, "application/", 12) == 0) t += 12;
    return strcasecmp(t, typ) == 0;
}

/* exp required; nbf and iat optional; all NumericDates with leeway for clock skew. */
static int check_times(json_t *c, time_t now, long leeway, const char **why) {
    json_t *exp = json_object_get(c, "exp"), *nbf = json_object_get(c, "nbf");
    json_t *iat = json_object_get(c, "iat");
    double t = (double)now, lw = (double)leeway;
    if (!json_is_number(exp)) return *why = "no exp", -1;
    if (json_number_value(exp) <= t - lw) return *why = "token expired", -1;
    if (nbf && !json_is_number(nbf)) return *why = "nbf is not a number", -1;
    if (nbf && json_number_value(nbf) > t + lw) return *why = "token not yet valid", -1;
    if (iat && !json_is_number(iat)) return *why = "iat is not a number", -1;
    if (iat && json_number_value(iat) > t + lw) return *why = "token issued in the future", -1;
    return 0;
}

static int check_iss_aud(json_t *c, const struct token_verifier *v, const char **why) {
    if (!json_str_eq(json_object_get(c, "iss"), v->iss)) return *why = "wrong issuer", -1;
    json_t *aud = json_object_get(c, "aud"), *a;
    size_t i;
    if (json_str_eq(aud, v->aud)) return 0;
    json_array_foreach(aud, i, a) {
        if (json_str_eq(a, v->aud)) return 0;
    }
    return *why = "wrong audience", -1;
}

/* The checks of a signed token's claims, on every call whether its signature was checked now or
 * before. Takes claims; on TOKEN_OK hands them to *claims_out when asked. */
static int checked_claims(const struct token_verifier *v, json_t *claims, time_t now,
                          json_t **claims_out, const char **why) {
    int rc = TOKEN_OK;
    if (check_times(claims, now, v->leeway, why) != 0 || check_iss_aud(claims, v, why) != 0)
        rc = TOKEN_INVALID;
    if (rc == TOKEN_OK && claims_out) {
        *claims_out = claims;
        claims = NULL;
    }
    json_decref(claims);
    return rc;
}

int token_verify(const struct token_verifier *v, const char *token, time_t now, json_t **claims_out,
                 const char **why) {
    return token_verify_typ(v, token, NULL, now, claims_out, why);
}

/* The claims of a token these keys verified before (typ NULL only), or NULL. */
static json_t *seen_claims(const struct token_verifier *v, const char *token) {
    struct memo_val *m = v->seen ? memo_get(v->seen, token, NULL) : NULL;
    json_t *c = m ? json_loadb(m->data, m->len, 0, NULL) : NULL;
    memo_release(m);
    return c;
}

static void remember(const struct token_verifier *v, const char *token, json_t *claims) {
    char *text = v->seen ? json_dumps(claims, JSON_COMPACT) : NULL;
    if (text) /* a failure only costs a re-check */
        memo_put(v->seen, token, NULL, text, strlen(text));
    free(text);
}

int token_verify_typ(const struct token_verifier *v, const char *token, const char *typ, time_t now,
                     json_t **claims_out, const char **why) {
    const char *dummy;
    if (!why) why = &dummy;
    if (claims_out) *claims_out = NULL;
    *why = "ok";
    if (!v || !v->iss || !v->aud || !token) return *why = "no token", TOKEN_INVALID;
    size_t hlen = 0;
    if (check_form(token, &hlen, why) != 0) return TOKEN_INVALID;
    json_t *claims = typ ? NULL : seen_claims(v, token);
    if (claims) return checked_claims(v, claims, now, claims_out, why);
    json_t *hdr = read_header(token, hlen);
    if (!hdr) return *why = "bad header", TOKEN_INVALID;
    const struct token_vkey *key = NULL;
    int rc = typ && !typ_is(hdr, typ) ? (*why = "wrong token type", TOKEN_INVALID)
                                      : select_key(v, hdr, &key, why);
    json_decref(hdr);
    if (rc == TOKEN_OK)
        rc = typ ? signed_claims_typ(key, token, &claims, why)
                 : signed_claims(key, token, &claims, why);
    if (rc != TOKEN_OK) return rc;
    if (!typ) remember(v, token, claims);
    return checked_claims(v, claims, now, claims_out, why);
}
