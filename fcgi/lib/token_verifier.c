/* Verifiers: the set of public keys (each pinned to one alg) plus the expected issuer and audience.
 */
#include "lib/token.h"
#include "lib/memo.h"
#include "lib/pem.h"
#include "lib/token_alg.h"

#include <stdlib.h>
#include <string.h>

#define VERIFIER_MAX 256 /* key entries per verifier */

int token_verifier_init(struct token_verifier *v, const char *iss, const char *aud, long leeway) {
    if (!v) return -1;
    memset(v, 0, sizeof *v);
    if (!iss || !*iss || !aud || !*aud) return -1;
    v->iss = strdup(iss);
    v->aud = strdup(aud);
    v->leeway = leeway < 0 ? TOKEN_LEEWAY_DEFAULT : leeway;
    v->seen = memo_new(TOKEN_SEEN_SLOTS, TOKEN_SEEN_BYTES);
    if (v->iss && v->aud && v->seen) return 0;
    token_verifier_free(v);
    return -1;
}

static int verifier_grow(struct token_verifier *v) {
    if (v->nkeys < v->cap) return 0;
    if (v->cap >= VERIFIER_MAX) return -1;
    int cap = v->cap ? v->cap * 2 : 4;
    struct token_vkey *k = realloc(v->keys, (size_t)cap * sizeof *k);
    if (!k) return -1;
    v->keys = k;
    v->cap = cap;
    return 0;
}

int token_verifier_add_pem(struct token_verifier *v, const char *kid, const char *alg,
                           const char *pem) {
    if (!kid) kid = "";
    if (!v || !pem || token_alg_index(alg) < 0 || strlen(kid) >= TOKEN_KID_MAX) return -1;
    EVP_PKEY *pk = pem_read_public(pem);
    int fits = token_alg_fits_key(pk, alg);
    EVP_PKEY_free(pk);
    if (!fits || verifier_grow(v) != 0) return -1;
    struct token_vkey *k = &v->keys[v->nkeys];
    memset(k, 0, sizeof *k);
    if (!(k->pem = strdup(pem))) return -1;
    strcpy(k->kid, kid);
    strcpy(k->alg, alg);
    v->nkeys++;
    /* Another key can change what an earlier token means (a token without kid is refused once a
     * verifier holds two keys): what was verified before is forgotten. Keys are added before the
     * verifier is shared between threads. */
    memo_free(v->seen);
    v->seen = memo_new(TOKEN_SEEN_SLOTS, TOKEN_SEEN_BYTES);
    return v->seen ? 0 : -1;
}

int token_verifier_from_keys(struct token_verifier *v, const struct token_keys *k, const char *iss,
                             const char *aud) {
    if (!k || token_verifier_init(v, iss, aud, TOKEN_LEEWAY_DEFAULT) != 0) return -1;
    if (token_verifier_add_pem(v, k->current.kid, "RS256", k->current.pub_pem) == 0 &&
        (!k->has_previous ||
         token_verifier_add_pem(v, k->previous.kid, "RS256", k->previous.pub_pem) == 0))
        return 0;
    token_verifier_free(v);
    return -1;
}

void token_verifier_free(struct token_verifier *v) {
    if (!v) return;
    for (int i = 0; i < v->nkeys; i++) free(v->keys[i].pem);
    free(v->keys);
    free(v->iss);
    free(v->aud);
    memo_free(v->seen);
    memset(v, 0, sizeof *v);
}
