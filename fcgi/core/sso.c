/* Pure parts of signing in through an identity provider: PKCE, return addresses, role mapping. */
#include "core/sso.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "lib/b64.h"
#include "lib/token.h"

char *sso_pkce_challenge(const char *verifier) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    if (!verifier) return NULL;
    SHA256((const unsigned char *)verifier, strlen(verifier), md);
    return b64_encode(md, sizeof md, B64_URL);
}

int sso_return_to_ok(const char *s) {
    if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) > 500) return 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (*c < 0x21 || *c > 0x7e || *c == '\\') return 0;
    return 1;
}

/* The role map entry for name, or NULL. */
static const char *mapped(const char *name, const char *map) {
    size_t n = strlen(name);
    for (const char *pair = map; pair && *pair;) {
        const char *end = strchr(pair, ',');
        size_t len = end ? (size_t)(end - pair) : strlen(pair);
        const char *eq = memchr(pair, '=', len);
        if (eq && (size_t)(eq - pair) == n && strncmp(pair, name, n) == 0) {
            static __thread char out[64];
            snprintf(out, sizeof out, "%.*s", (int)(len - (size_t)(eq + 1 - pair)), eq + 1);
            return out;
        }
        pair = end ? end + 1 : NULL;
    }
    return NULL;
}

const char *sso_map_role(json_t *claims, const char *roles_path, const char *map) {
    static const char *const order[] = {"admin", "leader", "specialist", "officer", "viewer"};
    char roles[16][64];
    int n = token_claim_strings(token_claim_path(claims, roles_path), roles, 16);
    int best = 99;
    for (int i = 0; i < n; i++) {
        const char *ours = mapped(roles[i], map);
        if (!ours) ours = roles[i]; /* our own role names are accepted as they are */
        for (int k = 0; k < 5; k++)
            if (k < best && strcmp(order[k], ours) == 0) best = k;
    }
    return best < 5 ? order[best] : NULL;
}
