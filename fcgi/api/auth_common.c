/* What the local sign-in (auth.c) and sign-in through a provider (oidc.c) share: sessions,
 * cookies and users created from a provider's claims. */
#include "api/auth_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/common.h"
#include "core/access.h"
#include "core/vnfold.h"

int auth_request_is_https(req_t *r) {
    const char *https = req_env(r, "HTTPS");
    const char *proto = req_header(r, "X-Forwarded-Proto");
    return (https && strcasecmp(https, "on") == 0) || (proto && strcasecmp(proto, "https") == 0);
}

void auth_set_cookie(req_t *r, const char *name, const char *value, const char *path,
                     long max_age) {
    char c[9000];
    snprintf(c, sizeof c, "%s=%s; Path=%s; Max-Age=%ld; HttpOnly; SameSite=Strict%s", name, value,
             path, max_age, auth_request_is_https(r) ? "; Secure" : "");
    res_header(r, "Set-Cookie", c);
}

void auth_clear_cookies(req_t *r) {
    auth_set_cookie(r, "kstt_at", "", "/api/", 0);
    auth_set_cookie(r, "kstt_rt", "", "/api/v1/auth/", 0);
}

int auth_new_session(db_t *db, req_t *r, const struct config *cfg, long long user_id, char **sid,
                     char **refresh) {
    *sid = token_random_b64url(16);
    *refresh = token_random_b64url(32);
    char *hash = *refresh ? token_sha256_hex(*refresh) : NULL;
    const char *ua = req_header(r, "User-Agent");
    char ua_cut[256];
    snprintf(ua_cut, sizeof ua_cut, "%s", ua ? ua : "");
    long long rc = (*sid && hash) ? db_exec(db,
                                            "INSERT INTO sessions (id, user_id, refresh_hash, "
                                            "expires_at, address, user_agent) VALUES (LEFT(?, "
                                            "32), ?, ?, NOW() + INTERVAL ? SECOND, ?, ?)",
                                            "sisiss", *sid, user_id, hash,
                                            (long long)cfg->refresh_ttl, req_remote_addr(r), ua_cut)
                                  : -1;
    if (*sid && strlen(*sid) > 32) (*sid)[32] = '\0';
    free(hash);
    return rc < 0 ? -1 : 0;
}

/* The access token's claims: who (sub, username), where (unit id, code, level), role and the
 * actions the role allows, so that another provincial system can decide without calling us
 * (docs/operations.md, "KSTT's access tokens for other systems"). NULL on a database error. */
static json_t *access_claims(db_t *db, const struct config *cfg, long long user_id, const char *sid,
                             time_t now) {
    json_t *u = NULL;
    int found = db_query_row_json(db, &u,
                                  "SELECT u.username, u.role, u.unit_id, un.code AS unit_code, "
                                  "un.level AS unit_level, un.coordinator FROM users u JOIN units "
                                  "un ON un.id = u.unit_id WHERE u.id = ?",
                                  "i", user_id);
    if (found < 0) return NULL;
    if (found == 0) return NULL; /* signed in a moment ago: missing is as wrong as an error */
    struct access_who w = {json_string_value(json_object_get(u, "role")),
                           json_string_value(json_object_get(u, "unit_level")),
                           json_is_true(json_object_get(u, "coordinator"))};
    json_t *perms = json_array();
    for (const char *const *a = access_actions; *a; a++)
        if (access_allows(&w, *a)) json_array_append_new(perms, json_string(*a));
    char sub[32], *jti = token_random_b64url(16);
    snprintf(sub, sizeof sub, "%lld", user_id);
    json_t *c = json_pack(
        "{s:s, s:s, s:s, s:I, s:I, s:I, s:s?, s:O, s:O, s:O, s:O, s:O, s:o, s:s}", "iss",
        cfg->jwt_iss, "aud", cfg->jwt_aud, "sub", sub, "iat", (json_int_t)now, "nbf",
        (json_int_t)now, "exp", (json_int_t)(now + cfg->access_ttl), "jti", jti, "username",
        json_object_get(u, "username"), "role", json_object_get(u, "role"), "unit_id",
        json_object_get(u, "unit_id"), "unit_code", json_object_get(u, "unit_code"), "unit_level",
        json_object_get(u, "unit_level"), "permissions", perms, "sid", sid);
    free(jti);
    json_decref(u);
    return c;
}

char *auth_session_cookies(req_t *r, db_t *db, const struct config *cfg,
                           const struct token_keys *keys, long long user_id, const char *sid,
                           const char *refresh) {
    json_t *claims = access_claims(db, cfg, user_id, sid, time(NULL));
    char *at = claims ? token_sign(keys, claims) : NULL;
    json_decref(claims);
    if (!at) return NULL;
    auth_set_cookie(r, "kstt_at", at, "/api/", cfg->access_ttl);
    auth_set_cookie(r, "kstt_rt", refresh, "/api/v1/auth/", cfg->refresh_ttl);
    return at;
}

int auth_create_external_user(req_t *r, db_t *db, const char *username, const char *role,
                              json_t *claims, const char *unit_path) {
    char units[1][64];
    if (token_claim_strings(token_claim_path(claims, unit_path), units, 1) != 1) return -1;
    long long unit_id;
    int found = db_query_int(
        db, &unit_id, "SELECT id FROM units WHERE code = ? AND valid_to IS NULL", "s", units[0]);
    if (found < 0) return -2;
    if (found == 0) return -1; /* a unit we do not know: refused */
    const char *name = json_string_value(json_object_get(claims, "name"));
    const char *email = json_string_value(json_object_get(claims, "email"));
    const char *full = name ? name : username;
    char folded[1024]; /* the column keeps 128 characters of it */
    vnfold(full, strlen(full), folded, sizeof folded);
    if (db_begin(db) < 0) return -2;
    if (db_exec(db,
                "INSERT INTO users (username, full_name, name_folded, email, unit_id, role, "
                "external) VALUES (?, ?, LEFT(?, 128), ?, ?, ?, 1)",
                "ssssis", username, full, folded, email, unit_id, role) < 0) {
        /* A concurrent first request created the same user: use that row. */
        int dup = db_errno(db) == 1062;
        db_rollback(db);
        return dup ? 0 : -2;
    }
    long long id = db_last_id(db);
    json_t *after = json_pack("{s:s, s:s, s:I, s:s}", "username", username, "role", role, "unit_id",
                              (json_int_t)unit_id, "source", "idp");
    int rc = audit_write(db, r, "user.create_from_idp", "user", id, NULL, after);
    json_decref(after);
    if (rc < 0 || db_commit(db) < 0) {
        db_rollback(db);
        return -2;
    }
    return 0;
}
