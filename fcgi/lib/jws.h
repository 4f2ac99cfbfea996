/* Compact JWS pieces: for tokens libjwt 1.x refuses by their typ (e.g. "logout+jwt") the header,
 * the payload, and the RS and ES signatures checked with OpenSSL; and signing any claims set. */
#ifndef KSTT_JWS_H
#define KSTT_JWS_H
#include <jansson.h>
#include <stddef.h>

/* The protected header as a JSON object (json_decref), or NULL when the token is not three
 * base64url parts with a JSON header. */
json_t *jws_header(const char *token);
/* The payload as a JSON object (json_decref), or NULL. Not verified: call jws_verify first. */
json_t *jws_payload(const char *token);
/* 0 when the signature over header.payload verifies with the public key pem under alg (RS256,
 * RS384, RS512, ES256, ES384, ES512); -1 otherwise. */
int jws_verify(const char *token, const char *alg, const char *pem);

/* An RS256 compact JWS of claims (any JSON object) with kid in its header, signed with the
 * PKCS#8 PEM private key. malloc'd, or NULL. */
char *jws_sign_rs256(json_t *claims, const char *kid, const char *priv_pem);

#endif
