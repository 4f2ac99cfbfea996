/* Sign-in in the browser through OpenID providers (code flow + PKCE) and single logout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "api/auth_common.h"
#include "api/common.h"
#include "core/sso.h"
#include "lib/log.h"
#include "lib/oidc.h"
#include "lib/token.h"

#define LOGIN_TTL    600 /* seconds a started sign-in (state, nonce, verifier) stays usable */
#define SIGN_IN      "/dang-nhap"
#define DEFAULT_TO   "/app"
#define STATE_COOKIE "kstt_oidc"
#define STATE_PATH   "/api/v1/auth/oidc/"

static const struct config *g_cfg;
static struct token_keys g_keys;
static struct oidc_provider *g_providers;
static int g_nproviders;

int oidc_global_init(const struct config *cfg) {
    struct oidc_provider *p = NULL;
    int n = 0;
    char err[256];
    /* Checked once before forking, so that a bad providers file stops the start. */
    if (oidc_providers_load(cfg, &p, &n, err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    oidc_providers_free(p, n);
    return 0;
}

int oidc_worker_init(const struct config *cfg) {
    char err[256];
    g_cfg = cfg;
    /* The same key files auth.c signs with (created by auth_global_init before the fork). */
    if (token_keys_load_or_create(&g_keys, cfg->key_dir) < 0) {
        log_error("signing keys: %s", g_keys.err);
        return -1;
    }
    if (oidc_providers_load(cfg, &g_providers, &g_nproviders, err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    return 0;
}

static struct oidc_provider *provider(req_t *r) {
    const char *id = req_param(r, "provider");
    for (int i = 0; id && i < g_nproviders; i++)
        if (strcmp(g_providers[i].id, id) == 0) return &g_providers[i];
    return NULL;
}

/* Our own address as the browser sees it: KSTT_OIDC_BASE_URL, else KSTT_PUBLIC_URL, else the
 * request's scheme and Host (the provider only accepts addresses registered with it anyway). */
static void base_url(req_t *r, char *out, size_t n) {
    const char *b = g_cfg->oidc_base_url[0] ? g_cfg->oidc_base_url : g_cfg->public_url;
    if (b[0]) {
        snprintf(out, n, "%s", b);
    } else {
        const char *host = req_header(r, "Host");
        snprintf(out, n, "%s://%s", auth_request_is_https(r) ? "https" : "http",
                 host ? host : "localhost");
    }
    size_t len = strlen(out);
    if (len && out[len - 1] == '/') out[len - 1] = '\0';
}

static void redirect_uri(req_t *r, const struct oidc_provider *p, char *out, size_t n) {
    char base[300];
    base_url(r, base, sizeof base);
    snprintf(out, n, "%s/api/v1/auth/oidc/%s/callback", base, p->id);
}

static void redirect(req_t *r, const char *location) {
    res_header(r, "Location", location);
    res_raw(r, 302, "text/plain; charset=utf-8", "", 0);
}

/* The state cookie ties the callback to the browser that started the sign-in. It must come back
 * on the provider's cross-site redirect, hence SameSite=Lax (the session cookies stay Strict). */
static void state_cookie(req_t *r, const char *value, long max_age) {
    char c[300];
    snprintf(c, sizeof c, "%s=%s; Path=%s; Max-Age=%ld; HttpOnly; SameSite=Lax%s", STATE_COOKIE,
             value, STATE_PATH, max_age, auth_request_is_https(r) ? "; Secure" : "");
    res_header(r, "Set-Cookie", c);
}

/* Every failure: an audit row (when the database lets us), no session, and the sign-in page
 * with a code the web app turns into a Vietnamese message. Never a 500. */
static int fail(req_t *r, db_t *db, const struct oidc_provider *p, const char *code,
                const char *why) {
    r->log_note = why;
    if (db) {
        if (db_in_txn(db)) db_rollback(db);
        json_t *after = json_pack("{s:s, s:s, s:s}", "provider", p ? p->id : "?", "reason", code,
                                  "detail", why ? why : "");
        if (db_begin(db) < 0 ||
            audit_write(db, r, "auth.oidc_failed", "user", 0, NULL, after) < 0 ||
            db_commit(db) < 0) {
            if (db_in_txn(db)) db_rollback(db);
            log_warn("oidc: failure %s not audited (database)", code);
        }
        json_decref(after);
    }
    char loc[128];
    snprintf(loc, sizeof loc, "%s?loi=%s", SIGN_IN, code);
    state_cookie(r, "", 0);
    redirect(r, loc);
    return 0;
}

/* ---- the list of providers ------------------------------------------------------------------ */

int h_oidc_providers(req_t *r) {
    json_t *list = json_array();
    for (int i = 0; i < g_nproviders; i++) {
        char login[128];
        snprintf(login, sizeof login, "/api/v1/auth/oidc/%s/login", g_providers[i].id);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "id", g_providers[i].id, "label",
                                              g_providers[i].label, "login_url", login));
    }
    res_json(r, 200,
             json_pack("{s:o, s:b}", "providers", list, "local_login", g_cfg->oidc_local_login));
    return 0;
}

/* ---- sign-in -------------------------------------------------------------------------------- */

int h_oidc_login(req_t *r) {
    struct oidc_provider *p = provider(r);
    db_t *db = db_get();
    if (!p) return fail(r, db, NULL, "nha_cung_cap", "unknown provider");
    /* Not an input table: a bad address is not a 422 but the default page. */
    const char *to = req_query(r, "return_to");
    if (!sso_return_to_ok(to)) to = DEFAULT_TO;
    struct oidc_endpoints ep;
    if (oidc_endpoints(p, &ep) < 0) return fail(r, db, p, "khong_ket_noi", "discovery failed");
    if (!db) return fail(r, NULL, p, "he_thong", "database unavailable");
    char *state = token_random_b64url(32), *nonce = token_random_b64url(32);
    char *verifier = token_random_b64url(48);
    char *challenge = verifier ? sso_pkce_challenge(verifier) : NULL;
    char *state_hash = state ? token_sha256_hex(state) : NULL;
    char uri[400];
    redirect_uri(r, p, uri, sizeof uri);
    char *url = (nonce && challenge && state_hash)
                    ? oidc_authorize_url(p, &ep, uri, state, nonce, challenge)
                    : NULL;
    int rc;
    if (!url) {
        rc = fail(r, db, p, "he_thong", "out of memory");
    } else if (db_exec(db,
                       "INSERT INTO oidc_logins (state_hash, provider, nonce, code_verifier, "
                       "return_to, expires_at) VALUES (?, ?, ?, ?, ?, NOW() + INTERVAL ? SECOND)",
                       "sssssi", state_hash, p->id, nonce, verifier, to,
                       (long long)LOGIN_TTL) < 0) {
        rc = fail(r, db, p, "he_thong", "could not store the sign-in state");
    } else {
        state_cookie(r, state, LOGIN_TTL);
        redirect(r, url);
        rc = 0;
    }
    free(state), free(nonce), free(verifier), free(challenge), free(state_hash), free(url);
    return rc;
}

/* The started sign-in for state, deleted as it is read (single use). 1 found, 0 not found or
 * expired, -1 database error. */
static int take_login(db_t *db, const struct oidc_provider *p, const char *state, json_t **row) {
    char *hash = token_sha256_hex(state);
    if (!hash || db_begin(db) < 0) {
        free(hash);
        return -1;
    }
    int found = db_query_row_json(db, row,
                                  "SELECT nonce, code_verifier, return_to, expires_at > NOW() AS "
                                  "fresh FROM oidc_logins WHERE state_hash = ? AND provider = ? "
                                  "FOR UPDATE",
                                  "ss", hash, p->id);
    if (found == 1 && db_exec(db, "DELETE FROM oidc_logins WHERE state_hash = ?", "s", hash) < 0)
        found = -1;
    free(hash);
    if (found < 0 || db_commit(db) < 0) {
        if (db_in_txn(db)) db_rollback(db);
        json_decref(*row);
        *row = NULL;
        return -1;
    }
    if (found == 1 && !json_truthy(json_object_get(*row, "fresh"))) {
        json_decref(*row);
        *row = NULL;
        return 0;
    }
    return found;
}

static const char *verify_code(int rc) {
    switch (rc) {
    case OIDC_EXPIRED:
        return "het_han";
    case OIDC_UNKNOWN_KEY:
        return "khoa_la";
    case OIDC_NONCE:
        return "nonce";
    default:
        return "token";
    }
}

/* Finds (or, when allowed, creates) the user the claims name. 1 found with *u, 0 refused with
 * *code set, -1 database error. A provider's user takes the provider's (mapped) role. */
static int resolve_user(req_t *r, db_t *db, const struct oidc_provider *p, json_t *claims,
                        json_t **u, const char **code) {
    const char *username = json_string_value(token_claim_path(claims, p->claim_username));
    if (!username || !*username || strlen(username) > 64) return *code = "tai_khoan", 0;
    const char *role = sso_map_role(claims, p->claim_roles, p->role_map);
    const char *sql = "SELECT u.id, u.username, u.role, u.unit_id, u.active, u.demo, u.external "
                      "FROM users u WHERE u.username = ?";
    int found = db_query_row_json(db, u, sql, "s", username);
    if (found < 0) return -1;
    if (!found) {
        if (!p->autocreate || !role) return *code = "chua_co_tai_khoan", 0;
        int rc = auth_create_external_user(r, db, username, role, claims, p->claim_unit);
        if (rc == -1) return *code = "don_vi", 0;
        if (rc < 0) return -1;
        found = db_query_row_json(db, u, sql, "s", username);
        if (found < 0) return -1;
        if (found == 0) return -1; /* just created: missing is as wrong as a failure */
    }
    if (!json_is_true(json_object_get(*u, "active")) ||
        (json_is_true(json_object_get(*u, "demo")) && !g_cfg->demo)) {
        json_decref(*u);
        *u = NULL;
        return *code = "bi_khoa", 0;
    }
    /* The provider is the authority on an external user's role, as it is for Bearer tokens. */
    const char *cur = json_string_value(json_object_get(*u, "role"));
    if (role && json_is_true(json_object_get(*u, "external")) && cur && strcmp(cur, role) != 0) {
        long long id = json_integer_value(json_object_get(*u, "id"));
        if (db_exec(db, "UPDATE users SET role = ? WHERE id = ?", "si", role, id) < 0) return -1;
        json_object_set_new(*u, "role", json_string(role));
    }
    return 1;
}

/* The session, its provider identity and the audit row, in one transaction. 0 or -1. */
static int open_session(req_t *r, db_t *db, const struct oidc_provider *p, json_t *u,
                        json_t *claims, const char *id_token, char **sid, char **refresh) {
    long long uid = json_integer_value(json_object_get(u, "id"));
    const char *sub = json_string_value(json_object_get(claims, "sub"));
    const char *psid = json_string_value(json_object_get(claims, "sid"));
    r->user = &r->user_storage;
    r->user->user_id = uid;
    snprintf(r->user->username, sizeof r->user->username, "%s",
             json_string_value(json_object_get(u, "username")));
    json_t *after = json_pack("{s:s, s:b, s:s, s:s}", "username", r->user->username, "success", 1,
                              "method", "oidc", "provider", p->id);
    int rc = db_begin(db) < 0 || auth_new_session(db, r, g_cfg, uid, sid, refresh) < 0 ||
                     db_exec(db,
                             "UPDATE sessions SET oidc_provider = ?, oidc_sub = ?, oidc_sid = ?, "
                             "id_token = ? WHERE id = ?",
                             "sssss", p->id, sub, psid, id_token, *sid) < 0 ||
                     audit_write(db, r, "auth.login", "user", uid, NULL, after) < 0 ||
                     db_commit(db) < 0
                 ? -1
                 : 0;
    json_decref(after);
    return rc;
}

/* After the state checks: code → ID token → user → session. */
static int finish(req_t *r, db_t *db, struct oidc_provider *p, json_t *login, const char *code) {
    struct oidc_endpoints ep;
    if (oidc_endpoints(p, &ep) < 0) return fail(r, db, p, "khong_ket_noi", "discovery failed");
    char uri[400];
    redirect_uri(r, p, uri, sizeof uri);
    char *id_token = NULL;
    const char *err = NULL;
    if (oidc_exchange(p, &ep, &g_keys, uri, code,
                      json_string_value(json_object_get(login, "code_verifier")), &id_token,
                      &err) < 0)
        return fail(r, db, p, strcmp(err, "invalid_grant") == 0 ? "ma_da_dung" : "khong_ket_noi",
                    err);
    json_t *claims = NULL, *u = NULL;
    const char *why = NULL, *refused = NULL;
    char *sid = NULL, *refresh = NULL, *at = NULL;
    int vr = oidc_verify_id_token(p, id_token, json_string_value(json_object_get(login, "nonce")),
                                  time(NULL), &claims, &why);
    int rc;
    if (vr != OIDC_OK) {
        rc = fail(r, db, p, verify_code(vr), why);
    } else if ((rc = resolve_user(r, db, p, claims, &u, &refused)) <= 0) {
        rc = rc == 0 ? fail(r, db, p, refused, "user refused")
                     : fail(r, db, p, "he_thong", "database error");
    } else if (open_session(r, db, p, u, claims, id_token, &sid, &refresh) < 0) {
        rc = fail(r, db, p, "he_thong", "database error");
    } else if (!(at = auth_session_cookies(r, db, g_cfg, &g_keys,
                                           json_integer_value(json_object_get(u, "id")), sid,
                                           refresh))) {
        rc = fail(r, db, p, "he_thong", "could not mint the access token");
    } else {
        state_cookie(r, "", 0);
        redirect(r, json_string_value(json_object_get(login, "return_to")));
        rc = 0;
    }
    free(id_token), free(sid), free(refresh), free(at);
    json_decref(claims);
    json_decref(u);
    return rc;
}

int h_oidc_callback(req_t *r) {
    struct oidc_provider *p = provider(r);
    db_t *db = db_get();
    if (!p) return fail(r, db, NULL, "nha_cung_cap", "unknown provider");
    if (!db) return fail(r, NULL, p, "he_thong", "database unavailable");
    /* No declared inputs on the browser's routes: a bad parameter must end on the sign-in page
     * with a message, never as a 422 problem+json shown raw in the browser. */
    const char *state = req_query(r, "state"), *code = req_query(r, "code");
    const char *error = req_query(r, "error");
    const char *cookie = req_cookie(r, STATE_COOKIE);
    if (!state || strlen(state) > 128 || !cookie || strcmp(cookie, state) != 0)
        return fail(r, db, p, "trang_thai", "state missing or not this browser's");
    json_t *login = NULL;
    int found = take_login(db, p, state, &login);
    if (found < 0) return fail(r, db, p, "he_thong", "database error");
    if (found == 0) return fail(r, db, p, "trang_thai", "state unknown, used or expired");
    int rc;
    if (error)
        rc = fail(r, db, p, strcmp(error, "access_denied") == 0 ? "tu_choi" : "nha_cung_cap",
                  "provider answered an error");
    else if (!code || !*code || strlen(code) > 2048)
        rc = fail(r, db, p, "trang_thai", "no code");
    else
        rc = finish(r, db, p, login, code);
    json_decref(login);
    return rc;
}

/* ---- single logout -------------------------------------------------------------------------- */

/* The provider's end-session address for the caller's session (RP-initiated logout), or null
 * when the session was opened with a password. Read before POST /auth/logout ends it. */
int h_oidc_end_session(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *s = NULL;
    int found = db_query_row_json(
        db, &s, "SELECT oidc_provider, id_token FROM sessions WHERE id = ? AND user_id = ?", "si",
        r->user->sid, r->user->user_id);
    if (found < 0) return db_fail(r, db);
    const char *pid = found ? json_string_value(json_object_get(s, "oidc_provider")) : NULL;
    struct oidc_provider *p = NULL;
    for (int i = 0; pid && i < g_nproviders; i++)
        if (strcmp(g_providers[i].id, pid) == 0) p = &g_providers[i];
    char *url = NULL;
    struct oidc_endpoints ep;
    if (p && oidc_endpoints(p, &ep) == 0) {
        char back[400];
        base_url(r, back, sizeof back);
        strncat(back, SIGN_IN, sizeof back - strlen(back) - 1);
        url = oidc_end_session_url(&ep, p, json_string_value(json_object_get(s, "id_token")), back);
    }
    json_decref(s);
    res_json(r, 200, json_pack("{s:s?, s:s?}", "logout_url", url, "provider", p ? p->id : NULL));
    free(url);
    return 0;
}

/* 400 as Back-Channel Logout 1.0 asks, in the house's problem+json; the reason goes to the log. */
static int backchannel_error(req_t *r, const char *desc) {
    r->log_note = desc;
    res_problem(r, 400, NULL, "Logout token không hợp lệ.");
    return -1;
}

/* Ends every KSTT session of the person the provider's session belonged to (by sub, else sid):
 * a person signed out of the province's SSO is signed out here everywhere. Returns the count. */
static long long revoke_person(db_t *db, const struct oidc_provider *p, json_t *claims) {
    const char *sub = json_string_value(json_object_get(claims, "sub"));
    const char *sid = json_string_value(json_object_get(claims, "sid"));
    return db_exec(db,
                   "UPDATE sessions s JOIN (SELECT DISTINCT user_id FROM sessions WHERE "
                   "oidc_provider = ? AND (oidc_sub = ? OR (? IS NULL AND oidc_sid = ?))) x ON "
                   "x.user_id = s.user_id SET s.revoked_at = NOW() WHERE s.revoked_at IS NULL",
                   "ssss", p->id, sub, sub, sid);
}

/* A logout token works once: its jti is kept until the token expires, so that a replay cannot
 * end the sessions the person opened after that logout. 1 first use, 0 replayed, -1 error. */
static int logout_token_once(db_t *db, const struct oidc_provider *p, json_t *claims) {
    char key[512];
    snprintf(key, sizeof key, "%s\n%s", p->id, json_string_value(json_object_get(claims, "jti")));
    char *hash = token_sha256_hex(key);
    if (!hash) return -1;
    long long n =
        db_exec(db,
                "INSERT IGNORE INTO oidc_logout_tokens (jti_hash, expires_at) VALUES "
                "(?, FROM_UNIXTIME(?))",
                "si", hash, (long long)json_integer_value(json_object_get(claims, "exp")));
    free(hash);
    return n < 0 ? -1 : n > 0;
}

int h_oidc_backchannel(req_t *r) {
    struct oidc_provider *p = provider(r);
    if (!p) return not_found(r, "nhà cung cấp định danh");
    struct kvlist form = {0};
    if (http_parse_query(r->body, &form) < 0) return backchannel_error(r, "bad form");
    const char *tok = kvlist_get(&form, "logout_token");
    struct oidc_endpoints ep;
    json_t *claims = NULL;
    const char *why = "no logout_token";
    int vr = tok && oidc_endpoints(p, &ep) == 0
                 ? oidc_verify_logout_token(p, tok, time(NULL), &claims, &why)
                 : OIDC_BAD;
    kvlist_free(&form);
    if (vr != OIDC_OK) return backchannel_error(r, why);
    db_t *db = db_or_503(r);
    if (!db) {
        json_decref(claims);
        return -1;
    }
    json_t *after = json_pack("{s:s, s:s?, s:s?}", "provider", p->id, "sub",
                              json_string_value(json_object_get(claims, "sub")), "sid",
                              json_string_value(json_object_get(claims, "sid")));
    long long n = -1;
    int first = db_begin(db) == 0 ? logout_token_once(db, p, claims) : -1;
    if (first == 1 && (n = revoke_person(db, p, claims)) >= 0) {
        json_object_set_new(after, "sessions", json_integer(n));
        if (audit_write(db, r, "auth.backchannel_logout", "user", 0, NULL, after) < 0 ||
            db_commit(db) < 0)
            n = -1;
    }
    json_decref(after);
    json_decref(claims);
    if (first == 0) {
        db_rollback(db);
        return backchannel_error(r, "replayed logout token");
    }
    if (n < 0) return db_fail(r, db);
    res_raw(r, 200, "text/plain; charset=utf-8", "", 0);
    return 0;
}

/* Scheduler job: started sign-ins nobody came back for, and logout tokens past their expiry. */
int oidc_logins_purge_job(db_t *db) {
    if (db_exec(db, "DELETE FROM oidc_logins WHERE expires_at < NOW() - INTERVAL 1 HOUR", NULL) < 0)
        return -1;
    return db_exec(db, "DELETE FROM oidc_logout_tokens WHERE expires_at < NOW() - INTERVAL 1 HOUR",
                   NULL) < 0
               ? -1
               : 0;
}
