/* A remote identity provider's keys: its JWKS read from a file or URL, cached, refreshed by kid. */
#include "lib/token.h"
#include "lib/clock.h"
#include "lib/httpc.h"
#include "lib/keyfile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define JWKS_TIMEOUT_MS 5000

/* ---------- fetching ---------- */

static int http_fetch(const char *url, char **out) {
    struct buf b;
    buf_init(&b);
    long status = 0;
    if (httpc_get(url, JWKS_TIMEOUT_MS, TOKEN_JWKS_MAX, &b, &status) != 0 || status != 200 ||
        !b.data) {
        buf_free(&b);
        return -1;
    }
    *out = b.data; /* buf's storage is malloc'd and NUL-terminated: handed over as is */
    return 0;
}

int token_jwks_fetch(const char *src, char **out) {
    if (!out) return -1;
    *out = NULL;
    if (!src || !*src) return -1;
    if (strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0)
        return http_fetch(src, out);
    if (strncasecmp(src, "file://", 7) == 0)
        src += 7;
    else if (strstr(src, "://"))
        return -1;
    return keyfile_read(src, TOKEN_JWKS_MAX, out, NULL, NULL);
}

/* ---------- cached remote verifier ---------- */

static double mono_now(void) {
    return (double)clock_mono_ms() / 1000.0;
}

/* A fresh verifier from r's source; keys may be empty if the fetch failed. */
static struct token_verifier *remote_build(const struct token_remote *r) {
    struct token_verifier *v = malloc(sizeof *v);
    if (!v || token_verifier_init(v, r->iss, r->aud, r->leeway) != 0) {
        free(v);
        return NULL;
    }
    char *doc = NULL;
    if (token_jwks_fetch(r->source, &doc) == 0) token_verifier_add_jwks(v, doc, r->algs);
    free(doc);
    return v;
}

static void verifier_destroy(struct token_verifier *v) {
    token_verifier_free(v);
    free(v);
}

int token_remote_init(struct token_remote *r, const char *source, const char *allowed_algs_csv,
                      const char *iss, const char *aud, long leeway) {
    if (!r) return -1;
    memset(r, 0, sizeof *r);
    if (!source || !allowed_algs_csv || !iss || !*iss || !aud || !*aud) return -1;
    r->source = strdup(source);
    r->algs = strdup(allowed_algs_csv);
    r->iss = strdup(iss);
    r->aud = strdup(aud);
    r->leeway = leeway < 0 ? TOKEN_LEEWAY_DEFAULT : leeway;
    r->refresh_interval = TOKEN_REFRESH_DEFAULT;
    if (!r->source || !r->algs || !r->iss || !r->aud || !(r->v = remote_build(r))) goto fail;
    if (pthread_rwlock_init(&r->lock, NULL) != 0) goto fail;
    if (pthread_mutex_init(&r->refresh_mu, NULL) != 0) {
        pthread_rwlock_destroy(&r->lock);
        goto fail;
    }
    r->last_refresh = mono_now();
    return r->v->nkeys > 0 ? 0 : 1;
fail:
    if (r->v) verifier_destroy(r->v);
    free(r->source), free(r->algs), free(r->iss), free(r->aud);
    memset(r, 0, sizeof *r);
    return -1;
}

/* Refetches unless the last attempt was under refresh_interval ago. The fetch runs without the
 * rwlock, so verifications continue meanwhile; a failed fetch keeps the old keys. */
static void remote_refresh(struct token_remote *r) {
    pthread_mutex_lock(&r->refresh_mu);
    double t = mono_now();
    if (t - r->last_refresh < (double)r->refresh_interval) {
        pthread_mutex_unlock(&r->refresh_mu);
        return;
    }
    r->last_refresh = t;
    struct token_verifier *nv = remote_build(r), *old = NULL;
    if (nv && nv->nkeys > 0) {
        pthread_rwlock_wrlock(&r->lock);
        old = r->v;
        r->v = nv;
        pthread_rwlock_unlock(&r->lock);
    } else {
        old = nv;
    }
    pthread_mutex_unlock(&r->refresh_mu);
    if (old) verifier_destroy(old);
}

static int remote_try(struct token_remote *r, const char *token, const char *typ, time_t now,
                      json_t **claims_out, const char **why) {
    pthread_rwlock_rdlock(&r->lock);
    int rc = token_verify_typ(r->v, token, typ, now, claims_out, why);
    pthread_rwlock_unlock(&r->lock);
    return rc;
}

int token_remote_verify(struct token_remote *r, const char *token, time_t now, json_t **claims_out,
                        const char **why) {
    return token_remote_verify_typ(r, token, NULL, now, claims_out, why);
}

int token_remote_verify_typ(struct token_remote *r, const char *token, const char *typ, time_t now,
                            json_t **claims_out, const char **why) {
    /* source is set once by a successful init and never changes; v may (under the lock). */
    if (!r || !r->source) {
        if (why) *why = "no remote verifier";
        return TOKEN_INVALID;
    }
    int rc = remote_try(r, token, typ, now, claims_out, why);
    if (rc != TOKEN_UNKNOWN_KID) return rc;
    remote_refresh(r);
    /* Retry even if this thread did not refresh: another thread may just have done it. */
    return remote_try(r, token, typ, now, claims_out, why);
}

void token_remote_free(struct token_remote *r) {
    if (!r || !r->source) return;
    verifier_destroy(r->v);
    pthread_rwlock_destroy(&r->lock);
    pthread_mutex_destroy(&r->refresh_mu);
    free(r->source), free(r->algs), free(r->iss), free(r->aud);
    memset(r, 0, sizeof *r);
}
