/* The JWS algorithms a verifier accepts (asymmetric only) and the key type each one requires. */
#ifndef KSTT_TOKEN_ALG_H
#define KSTT_TOKEN_ALG_H
#include <openssl/evp.h>

#define TOKEN_N_ALGS 6

/* Index 0..TOKEN_N_ALGS-1 of an accepted alg ("RS256" … "ES512"), or -1 for anything else:
 * "none", every HS* (a public key must never serve as an HMAC secret), unknown names, NULL. */
int token_alg_index(const char *alg);
/* The name at index i (0 <= i < TOKEN_N_ALGS). */
const char *token_alg_name(int i);
/* 1 when pk is the kind of key alg requires: RSA of 2048..16384 bits for RS*, the alg's curve
 * for ES*; so a key is only ever used the way it was published. */
int token_alg_fits_key(EVP_PKEY *pk, const char *alg);
/* Bit i set for each accepted alg named in a comma-separated list ("RS256, ES256"); unknown and
 * symmetric names are ignored. */
unsigned token_alg_mask(const char *csv);

#endif
