/* libFuzzer target: arbitrary bytes as a token (and as a JWKS) must never crash the token files. */
#include "lib/b64.h"
#include "lib/token.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ISS "https://kstt.example.vn/"
#define AUD "kstt-api"
#define NOW ((time_t)1750000000)

static char g_dir[64];
static struct token_keys g_keys;
static struct token_verifier g_ver;

static void cleanup(void) {
    char p[128];
    token_verifier_free(&g_ver);
    token_keys_free(&g_keys);
    snprintf(p, sizeof p, "%s/current.pem", g_dir);
    unlink(p);
    rmdir(g_dir);
}

/* One key pair for the whole run, in a private temp dir removed at exit. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    snprintf(g_dir, sizeof g_dir, "/tmp/kstt-fuzz-token-XXXXXX");
    if (!mkdtemp(g_dir) || token_keys_load_or_create(&g_keys, g_dir) != 0 ||
        token_verifier_from_keys(&g_ver, &g_keys, ISS, AUD) != 0) {
        fprintf(stderr, "fuzz_token: cannot set up keys in %s\n", g_dir);
        abort();
    }
    atexit(cleanup);
    return 0;
}

/* The same bytes also go through the JWKS parser, claim helpers and base64url decoder. */
static void exercise_parsers(const char *s, size_t size) {
    struct token_verifier v;
    if (token_verifier_init(&v, ISS, AUD, -1) == 0) {
        token_verifier_add_jwks(&v, s, "RS256,ES256,ES384,ES512");
        token_verifier_free(&v);
    }
    json_t *j = json_loads(s, 0, NULL);
    if (j) {
        char out[8][64];
        token_claim_strings(token_claim_path(j, "realm_access.roles"), out, 8);
        token_claim_strings(token_claim_path(j, "a.b.c.d"), out, 8);
        json_decref(j);
    }
    size_t n = 0;
    free(b64_decode(s, size, B64_URL, SIZE_MAX, &n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    json_t *claims = NULL;
    const char *why = NULL;
    int rc = token_verify(&g_ver, s, NOW, &claims, &why);
    /* Nothing random can carry a valid RS256 signature by our key. */
    if (rc == TOKEN_OK) abort();
    if (!why || claims) abort();
    exercise_parsers(s, size);
    free(s);
    return 0;
}
