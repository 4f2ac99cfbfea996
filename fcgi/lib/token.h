/* JWT access tokens: our RS256 keys, minting, JWKS publish and consume, strict verification.
 * The public face of the token files in lib/: each section below names the file that implements
 * it (token_keys.c, token_mint.c, jwk.c, token_verifier.c, token_verify.c, jwks_remote.c,
 * token_claims.c, token_random.c; their shared parts are lib/token_alg.h and lib/pem.h). */
#ifndef KSTT_TOKEN_H
#define KSTT_TOKEN_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <time.h>

struct memo;

#define TOKEN_MAX_LEN         8192    /* longest compact JWS token_verify accepts */
#define TOKEN_JWKS_MAX        1048576 /* largest JWKS document token_jwks_fetch reads */
#define TOKEN_LEEWAY_DEFAULT  60      /* seconds of clock skew allowed on exp/nbf/iat */
#define TOKEN_REFRESH_DEFAULT 30      /* minimum seconds between two remote JWKS refreshes */
#define TOKEN_KID_MAX         128
#define TOKEN_ALG_MAX         8
#define TOKEN_SEEN_SLOTS      2048 /* verified tokens a verifier remembers */
#define TOKEN_SEEN_BYTES      (4u << 20)

/* token_verify results. */
#define TOKEN_OK          0
#define TOKEN_INVALID     -1
#define TOKEN_UNKNOWN_KID -2 /* the caller may refresh a remote JWKS and retry once */

/* One of our RSA key pairs, loaded from a PEM file. */
struct token_keypair {
    char kid[TOKEN_KID_MAX]; /* base64url(SHA-256(DER public key)[0..16)) */
    char *priv_pem;          /* unencrypted PKCS#8 PEM, as libjwt wants it for signing */
    char *pub_pem;           /* SubjectPublicKeyInfo PEM, for verifying */
    char *n, *e;             /* base64url modulus and exponent, for the JWKS */
};

/* Our keys: current signs and verifies, previous (after a rotation) only verifies. Immutable once
 * loaded. */
struct token_keys {
    struct token_keypair current;
    struct token_keypair previous;
    int has_previous;
    char err[256]; /* why token_keys_load_or_create failed */
};

/* One verification key: tokens naming this kid must use exactly this alg. */
struct token_vkey {
    char kid[TOKEN_KID_MAX];
    char alg[TOKEN_ALG_MAX]; /* RS256, RS384, RS512, ES256, ES384 or ES512; never HS* or none */
    char *pem;               /* public key, PEM */
};

/* A set of keys plus the expected issuer and audience. Read-only (thread-safe) once built, but
 * for the cache of tokens it has verified (lib/memo, thread-safe itself). */
struct token_verifier {
    struct token_vkey *keys;
    int nkeys, cap;
    char *iss, *aud;
    long leeway;
    /* Tokens whose signature these keys verified, each with its claims as JSON text. A client
     * sends the same access token with every request for its lifetime; checking its RSA signature
     * again costs OpenSSL 3 a PEM decoding per call (libjwt 1.10 takes the key only as PEM),
     * hundreds of microseconds. exp, nbf, iat, iss and aud are still checked on every call. */
    struct memo *seen;
};

/* A verifier fed from an external IdP's JWKS (file or URL), refreshed on unknown kid. */
struct token_remote {
    pthread_rwlock_t lock;      /* readers verify, the refresher swaps v */
    pthread_mutex_t refresh_mu; /* one refresh at a time, and guards last_refresh */
    struct token_verifier *v;
    char *source, *algs, *iss, *aud;
    long leeway;
    long refresh_interval; /* seconds; TOKEN_REFRESH_DEFAULT after init */
    double last_refresh;   /* CLOCK_MONOTONIC seconds of the last fetch attempt */
};

/* ---------- our key pairs: token_keys.c ---------- */

/* Loads dir/current.pem (creating an RSA 2048 key, mode 0600, if absent) and dir/previous.pem if
 * present. Key files must not be accessible by group or others. Returns 0, or -1 with k->err set.
 */
int token_keys_load_or_create(struct token_keys *k, const char *dir);
/* Moves current.pem to previous.pem and writes a new current.pem. Running processes keep their
 * loaded keys until restarted. Returns 0 or -1. */
int token_keys_rotate(const char *dir);
void token_keys_free(struct token_keys *k);

/* ---------- minting: token_mint.c ---------- */

/* RS256 JWT signed with k->current. iss, aud and sub are required; username, role, sid may be NULL
 * (then omitted). Returns a malloc'd string (free()) or NULL. */
char *token_mint(const struct token_keys *k, const char *iss, const char *aud, const char *sub,
                 const char *username, const char *role, long long unit_id, const char *sid,
                 long ttl_seconds, time_t now);
/* Any claims set (a JSON object) as an RS256 JWT with k->current's kid in its header: the one
 * signer behind token_mint, KSTT's session tokens and client assertions. malloc'd or NULL. */
char *token_sign(const struct token_keys *k, json_t *claims);

/* ---------- JSON Web Keys, published and read: jwk.c ---------- */

/* {"keys":[...]} with the public halves of current and previous. malloc'd (free()) or NULL. */
char *token_jwks_json(const struct token_keys *k);
/* Adds the RSA (and EC P-256/384/521) signing keys of a JWKS document whose alg is in
 * allowed_algs_csv (e.g. "RS256,ES256"); a JWK without alg gets every allowed alg of its kind.
 * Returns the number of keys added (0 is possible), or -1 if the document is not a JWKS. */
int token_verifier_add_jwks(struct token_verifier *v, const char *jwks_json,
                            const char *allowed_algs_csv);

/* ---------- verifiers: token_verifier.c ---------- */

/* iss and aud are required (exact match); leeway < 0 means TOKEN_LEEWAY_DEFAULT. Returns 0 or -1.
 */
int token_verifier_init(struct token_verifier *v, const char *iss, const char *aud, long leeway);
/* Adds a public key (PEM) for kid with its one allowed alg (asymmetric algs only). 0 or -1. */
int token_verifier_add_pem(struct token_verifier *v, const char *kid, const char *alg,
                           const char *pem);
/* init + our current and previous public keys with RS256. 0 or -1. */
int token_verifier_from_keys(struct token_verifier *v, const struct token_keys *k, const char *iss,
                             const char *aud);
void token_verifier_free(struct token_verifier *v);

/* ---------- verification: token_verify.c ---------- */

/* Verifies signature (alg pinned per key), exp, nbf, iat, iss and aud. On 0, *claims_out (if not
 * NULL) receives the payload object (json_decref it). On failure returns TOKEN_INVALID or
 * TOKEN_UNKNOWN_KID and sets *why (if not NULL) to a static English reason for logs. */
int token_verify(const struct token_verifier *v, const char *token, time_t now, json_t **claims_out,
                 const char **why);
/* The same for a token whose header must say typ (e.g. "logout+jwt", compared without case and
 * with an optional "application/" prefix). libjwt 1.10 refuses any typ but "JWT", so such a
 * token's signature is checked by lib/jws (OpenSSL) with the same pinned key. typ NULL is
 * token_verify. */
int token_verify_typ(const struct token_verifier *v, const char *token, const char *typ, time_t now,
                     json_t **claims_out, const char **why);

/* ---------- a remote identity provider's keys: jwks_remote.c ---------- */

/* Reads a JWKS from a path (plain or file://) or fetches it over http(s) (5 s timeout, 1 MB cap).
 * *out is malloc'd and NUL-terminated. Returns 0 or -1. */
int token_jwks_fetch(const char *url_or_path, char **out);

/* Fetches source once. Returns 0, 1 if it started without keys (fetch failed or no usable key;
 * retried on the first unknown kid, so log a warning), or -1 on bad arguments or no memory. */
int token_remote_init(struct token_remote *r, const char *source, const char *allowed_algs_csv,
                      const char *iss, const char *aud, long leeway);
/* token_verify against the cached JWKS; on unknown kid refreshes (at most every refresh_interval
 * seconds) and retries once. Thread-safe. */
int token_remote_verify(struct token_remote *r, const char *token, time_t now, json_t **claims_out,
                        const char **why);
/* token_remote_verify for a token of the given typ (see token_verify_typ). */
int token_remote_verify_typ(struct token_remote *r, const char *token, const char *typ, time_t now,
                            json_t **claims_out, const char **why);
void token_remote_free(struct token_remote *r);

/* ---------- claims: token_claims.c ---------- */

/* Borrowed reference to claims at a dotted path ("realm_access.roles"); a key that itself contains
 * dots ("resource_access.kstt.api.roles") is found too. NULL if absent. */
json_t *token_claim_path(json_t *claims, const char *path);
/* Copies an array of strings, or a comma-separated string, into out (trimmed, empty and over-long
 * items skipped, at most max). Returns the count, 0 for NULL, -1 for any other JSON type. */
int token_claim_strings(json_t *v, char out[][64], int max);

/* ---------- random opaque tokens: token_random.c ---------- */

/* base64url of nbytes from RAND_bytes; malloc'd or NULL. */
char *token_random_b64url(size_t nbytes);
/* Lower-case hex SHA-256 of s (64 chars); malloc'd or NULL. */
char *token_sha256_hex(const char *s);

#endif
