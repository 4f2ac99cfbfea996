/* libFuzzer target for what a provider or a browser sends the OpenID Connect routes: logout tokens
 * (lib/jws: header, payload, ES256 and RS256 signature checks) and return addresses (core/sso). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sso.h"
#include "lib/jws.h"

static const char *const ec_pem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBOAjARFYn2J/24DZllu2N2iMAuvQ\n"
    "zaSVLrqf942gC+XdZs+g2wgqlHOsTbP5T/RMNPQbC5oCeOCAh+q6MeZo1A==\n"
    "-----END PUBLIC KEY-----\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    json_t *h = jws_header(s), *p = jws_payload(s);
    if ((h && !json_is_object(h)) || (p && !json_is_object(p))) abort();
    json_decref(h);
    json_decref(p);
    /* Random bytes never verify under a key nobody holds the private half of. */
    if (jws_verify(s, "ES256", ec_pem) == 0 || jws_verify(s, "RS256", ec_pem) == 0) abort();
    if (sso_return_to_ok(s) && (s[0] != '/' || s[1] == '/' || strchr(s, '\\'))) abort();
    free(s);
    return 0;
}
