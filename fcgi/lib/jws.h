/* A compact JWS's RS or ES signature checked with OpenSSL, for tokens libjwt 1.x refuses by their
 * typ (e.g. "logout+jwt"). Callers go through token_verify_typ (lib/token.h), which picks the key.
 */
#ifndef KSTT_JWS_H
#define KSTT_JWS_H
#include <jansson.h>
#include <stddef.h>

/* 0 when the signature over header.payload verifies with the public key pem under alg (RS256,
 * RS384, RS512, ES256, ES384, ES512); -1 otherwise. */
int jws_verify(const char *token, const char *alg, const char *pem);

#endif
