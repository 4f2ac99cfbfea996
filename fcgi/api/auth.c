/* Sign-in and tokens: login, refresh, logout, me, password, JWKS, and the per-request check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "api/calendar.h"
#include "api/auth_common.h"
#include "api/common.h"
#include "core/abuse.h"
#include "core/access.h"
#include "core/sso.h"
#include "lib/clock.h"
#include "lib/epoch.h"
#include "lib/log.h"
#include "lib/memo.h"
#include "lib/password.h"
#include "lib/token.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/server.h"

static const struct config *g_cfg;
static struct token_keys g_keys;
static struct token_verifier g_verifier;
static struct token_remote g_idp;
static int g_idp_on;

/* Sessions a worker read lately (decision 215). Why: a cached list answer still cost the session
 * query, a database round trip that was most of its time. A session read here is used again for
 * KSTT_SESSION_CACHE_MS (1 s) unless a write was committed on this host since (lib/epoch: any
 * worker's or the scheduler's), so sign-out, a disabled account, a changed role and every data
 * version behind the cached answers take effect on this host at once; a write made through
 * another api host or straight in the database is seen within that time. */
enum { SESSION_SLOTS = 4096 };
struct kept_session {
    unsigned long long epoch; /* the host's write counter before the session was read */
    long long until_ms;       /* CLOCK_MONOTONIC */
    struct principal p;
};
static struct memo *g_sessions;

/* 1 when r->user was filled from a session kept under key and still good; else 0. */
static int recall_session(req_t *r, const char *key) {
    struct memo_val *v = g_sessions ? memo_get(g_sessions, key, NULL) : NULL;
    if (!v) return 0;
    struct kept_session k;
    int good = v->len == sizeof k;
    if (good) memcpy(&k, v->data, sizeof k);
    memo_release(v);
    if (!good || k.epoch != epoch_now() || clock_mono_ms() >= k.until_ms) return 0;
    r->user_storage = k.p;
    r->user = &r->user_storage;
    return 1;
}

static void keep_session(const char *key, const struct principal *p, unsigned long long epoch) {
    if (!g_sessions) return;
    struct kept_session k;
    memset(&k, 0, sizeof k);
    k.epoch = epoch;
    k.until_ms = clock_mono_ms() + g_cfg->session_cache_ms;
    k.p = *p;
    /* not kept (out of memory): read again next time */
    memo_put(g_sessions, key, NULL, (const char *)&k, sizeof k);
}

/* argon2 of a random password: verifying against it costs the same as a real account, so an
 * unknown username cannot be told apart by timing. */
static char *g_dummy_hash;

int auth_global_init(const struct config *cfg) {
    g_cfg = cfg;
    if (token_keys_load_or_create(&g_keys, cfg->key_dir) < 0) {
        log_error("signing keys: %s", g_keys.err);
        return -1;
    }
    return 0;
}

int auth_worker_init(const struct config *cfg) {
    g_cfg = cfg;
    if (token_verifier_from_keys(&g_verifier, &g_keys, cfg->jwt_iss, cfg->jwt_aud) < 0) return -1;
    if (cfg->idp_jwks[0]) {
        int rc =
            token_remote_init(&g_idp, cfg->idp_jwks, cfg->idp_algs, cfg->idp_iss, cfg->idp_aud, -1);
        if (rc < 0) return -1;
        if (rc == 1) log_warn("identity provider JWKS not available yet; will retry");
        g_idp_on = 1;
    }
    g_dummy_hash = password_hash("not-a-password-Zx9!", cfg->argon2_t, cfg->argon2_m_kib);
    if (cfg->session_cache_ms > 0 && epoch_shared())
        g_sessions = memo_new(SESSION_SLOTS, SESSION_SLOTS * sizeof(struct kept_session));
    return 0;
}

int auth_rotate_keys(const struct config *cfg) {
    if (token_keys_rotate(cfg->key_dir) < 0) {
        fprintf(stderr, "rotate-keys failed\n");
        return 1;
    }
    printf("rotate-keys: new current key in %s; restart the api to sign with it\n", cfg->key_dir);
    return 0;
}

/* ---- principal ---------------------------------------------------------------------------- */

static const char *const user_columns =
    "SELECT u.id, u.username, u.full_name, u.email, u.phone, u.unit_id, un.name AS unit_name, "
    "un.level AS unit_level, u.role, un.coordinator, u.focal_officer, u.focal_decision_no, "
    "u.focal_decision_date, u.active ";

/* Read with the principal, in the same round trip, what the cached answers are keyed by (the
 * areas' counters of migration 042 and the procedure catalogue's version): a cached list then
 * costs no query of its own (api/answers.c). */
#define DATA_VERSIONS                                                                              \
    ", CONCAT_WS(';', (SELECT GROUP_CONCAT(dv.area, '=', dv.version ORDER BY dv.area SEPARATOR "   \
    "';') FROM data_versions dv), (SELECT CONCAT('catalog=', pc.version) FROM procedure_catalog "  \
    "pc WHERE pc.id = 1)) AS data_versions"

static void fill_principal(struct principal *p, json_t *u) {
    memset(p, 0, sizeof *p);
    p->user_id = json_integer_value(json_object_get(u, "id"));
    p->unit_id = json_integer_value(json_object_get(u, "unit_id"));
    snprintf(p->username, sizeof p->username, "%s",
             json_string_value(json_object_get(u, "username")));
    snprintf(p->full_name, sizeof p->full_name, "%s",
             json_string_value(json_object_get(u, "full_name")));
    snprintf(p->role, sizeof p->role, "%s", json_string_value(json_object_get(u, "role")));
    snprintf(p->unit_level, sizeof p->unit_level, "%s",
             json_string_value(json_object_get(u, "unit_level")));
    p->coordinator = json_is_true(json_object_get(u, "coordinator"));
    const char *dv = json_string_value(json_object_get(u, "data_versions"));
    snprintf(p->versions, sizeof p->versions, "%s", dv ? dv : "");
}

/* The user as the API shows it, with the actions its role allows. role, when given, is the role
 * in force for this request (an identity provider's token may carry another than the row). */
static json_t *user_view(json_t *u, const char *role) {
    json_t *o = json_deep_copy(u);
    json_object_del(o, "active");
    struct principal p;
    fill_principal(&p, u);
    if (role) {
        snprintf(p.role, sizeof p.role, "%s", role);
        json_object_set_new(o, "role", json_string(role));
    }
    struct access_who w = who_of(&p);
    json_t *perms = json_array();
    for (const char *const *a = access_actions; *a; a++)
        if (access_allows(&w, *a)) json_array_append_new(perms, json_string(*a));
    json_object_set_new(o, "permissions", perms);
    return o;
}

static int load_our_principal(req_t *r, db_t *db, json_t *claims) {
    const char *sid = json_string_value(json_object_get(claims, "sid"));
    const char *sub = json_string_value(json_object_get(claims, "sub"));
    if (!sid || !sub) return -1;
    char key[128];
    snprintf(key, sizeof key, "%s|%s", sid, sub);
    if (recall_session(r, key)) {
        metrics_session(1);
        return 0;
    }
    metrics_session(0);
    /* Read before the query: a write committed while it runs must end what is kept now. */
    unsigned long long epoch = epoch_now();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%s, u.demo" DATA_VERSIONS
             " FROM users u JOIN units un ON un.id = u.unit_id JOIN sessions s ON s.id "
             "= ? AND s.user_id = u.id WHERE u.id = ? AND s.revoked_at IS NULL AND s.expires_at "
             "> NOW()",
             user_columns);
    json_t *u = NULL;
    int found = db_query_row_json(db, &u, sql, "si", sid, strtoll(sub, NULL, 10));
    if (found <= 0) return found < 0 ? -2 : -1;
    int ok = json_is_true(json_object_get(u, "active")) &&
             (!json_is_true(json_object_get(u, "demo")) || g_cfg->demo);
    if (ok) {
        fill_principal(&r->user_storage, u);
        snprintf(r->user_storage.sid, sizeof r->user_storage.sid, "%s", sid);
        r->user = &r->user_storage;
        keep_session(key, r->user, epoch);
    }
    json_decref(u);
    return ok ? 0 : -1;
}

/* Maps the identity provider's role names to ours; the most capable mapped role wins. */
static const char *map_idp_role(json_t *claims) {
    return sso_map_role(claims, g_cfg->idp_claim_roles, g_cfg->idp_role_map);
}

static int create_idp_user(req_t *r, db_t *db, const char *username, const char *role,
                           json_t *claims) {
    return auth_create_external_user(r, db, username, role, claims, g_cfg->idp_claim_unit);
}

static int load_idp_principal(req_t *r, db_t *db, json_t *claims) {
    json_t *uv = token_claim_path(claims, g_cfg->idp_claim_username);
    const char *username = json_string_value(uv);
    if (!username || !*username || strlen(username) > 64) return -1;
    const char *role = map_idp_role(claims);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%s, u.demo" DATA_VERSIONS " FROM users u JOIN units un ON un.id = u.unit_id WHERE "
             "u.username = ?",
             user_columns);
    json_t *u = NULL;
    int found = db_query_row_json(db, &u, sql, "s", username);
    if (found < 0) return -2;
    if (!found) {
        if (!g_cfg->idp_autocreate || !role) return -1;
        int rc = create_idp_user(r, db, username, role, claims);
        if (rc < 0) return rc;
        found = db_query_row_json(db, &u, sql, "s", username);
        if (found != 1) return -2; /* just created: missing is as wrong as a failure */
    }
    /* A demo account stays closed without KSTT_DEMO=1, whichever way it signs in. */
    int ok = json_is_true(json_object_get(u, "active")) &&
             (!json_is_true(json_object_get(u, "demo")) || g_cfg->demo);
    if (ok) {
        fill_principal(&r->user_storage, u);
        if (role) snprintf(r->user_storage.role, sizeof r->user_storage.role, "%s", role);
        r->user_storage.external = 1;
        r->user = &r->user_storage;
    }
    json_decref(u);
    return ok ? 0 : -1;
}

/* 0 authenticated, -1 rejected, -2 database unavailable. */
static int authenticate(req_t *r, const char *tok) {
    json_t *claims = NULL;
    const char *why = NULL;
    time_t now = time(NULL);
    int ours = token_verify(&g_verifier, tok, now, &claims, &why) == TOKEN_OK;
    if (!ours && g_idp_on) {
        const char *why2 = NULL;
        if (token_remote_verify(&g_idp, tok, now, &claims, &why2) != TOKEN_OK) {
            r->log_note = why2 ? why2 : why;
            return -1;
        }
    } else if (!ours) {
        r->log_note = why;
        return -1;
    }
    db_t *db = db_get();
    int rc = !db    ? -2
             : ours ? load_our_principal(r, db, claims)
                    : load_idp_principal(r, db, claims);
    if (rc == -1 && !r->log_note) r->log_note = "inactive user or revoked session";
    json_decref(claims);
    return rc;
}

static int safe_method(const char *m) {
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "OPTIONS") == 0;
}

static int csrf_ok(req_t *r) {
    const char *h = req_header(r, "X-Requested-With");
    return h && strcmp(h, "kstt") == 0;
}

int auth_authorize(req_t *r) {
    const char *action = r->route->action;
    int is_public = strcmp(action, "public") == 0;
    const char *authz = req_header(r, "Authorization");
    const char *tok = NULL;
    int via_cookie = 0;
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0)
        tok = authz + 7;
    else if ((tok = req_cookie(r, "kstt_at")) != NULL)
        via_cookie = 1;
    if (is_public) return 0;
    if (!tok) {
        res_problem(r, 401, NULL, "Bạn cần đăng nhập để thực hiện thao tác này.");
        res_header(r, "WWW-Authenticate", "Bearer");
        return -1;
    }
    int rc = authenticate(r, tok);
    if (rc == -2) {
        res_problem(r, 503, NULL, "Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.");
        return -1;
    }
    if (rc < 0) {
        res_problem(r, 401, NULL, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn.");
        res_header(r, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return -1;
    }
    /* Cookies ride along on cross-site requests; a custom header cannot be added by a form. */
    if (via_cookie && !safe_method(r->method) && !csrf_ok(r)) {
        res_problem(r, 403, NULL, "Thiếu tiêu đề X-Requested-With: kstt (chống giả mạo yêu cầu).");
        return -1;
    }
    struct access_who w = who_of(r->user);
    if (strcmp(action, "auth") != 0 && !access_allows(&w, action)) {
        res_problem(r, 403, NULL, "Vai trò của bạn không được phép thực hiện thao tác này.");
        return -1;
    }
    return 0;
}

/* ---- cookies and session tokens -------------------------------------------------------------- */

/* 1 found (in *out), 0 not found, -1 error. */
static int load_user_json(db_t *db, long long id, json_t **out) {
    char sql[512];
    snprintf(sql, sizeof sql, "%s FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ?",
             user_columns);
    return db_query_row_json(db, out, sql, "i", id);
}

/* Issues the access token and sets both cookies; answers 200 with the user. */
static int send_session(req_t *r, db_t *db, long long user_id, const char *sid,
                        const char *refresh) {
    json_t *u = NULL;
    int found = load_user_json(db, user_id, &u);
    if (found != 1) return db_fail(r, db); /* it signed in a moment ago: missing is a failure */
    time_t now = time(NULL);
    char *at = auth_session_cookies(r, db, g_cfg, &g_keys, user_id, sid, refresh);
    if (!at) {
        json_decref(u);
        return db_fail(r, db); /* the user's unit read failed, or signing did */
    }
    char exp[32], rexp[32];
    calendar_iso(now + g_cfg->access_ttl, exp);
    calendar_iso(now + g_cfg->refresh_ttl, rexp);
    json_t *body = json_pack("{s:o, s:s, s:s, s:s, s:s, s:i}", "user", user_view(u, NULL),
                             "expires_at", exp, "refresh_expires_at", rexp, "access_token", at,
                             "token_type", "Bearer", "expires_in", g_cfg->access_ttl);
    json_decref(u);
    free(at);
    res_json(r, 200, body);
    return 0;
}

/* ---- login throttling ------------------------------------------------------------------------ */

/* A count and the seconds since the newest row (0 when none) from a query's first row, then
 * frees it. 1, or -1 when the query failed. */
static int count_age(struct db_res *res, int *n, long *age) {
    if (!res) return -1;
    *n = res->nrows ? (int)db_int(res, 0, 0) : 0;
    *age = res->nrows ? (long)db_int(res, 0, 1) : 0;
    db_res_free(res);
    return 1;
}

/* Seconds this attempt must wait (0: go ahead), or -1 on a database error. Progressive delays
 * per (username, address) and per address, never a lock: see core/abuse.h. */
static long throttle_wait(db_t *db, const char *username, const char *addr) {
    long long win = g_cfg->login_window_s;
    struct login_counts c = {0};
    long ignored;
    if (count_age(
            db_query(db,
                     "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)), 0) FROM "
                     "login_attempts WHERE username = ? AND address = ? AND success = 0 AND at > "
                     "NOW(3) - INTERVAL ? SECOND AND at > COALESCE((SELECT MAX(at) FROM "
                     "login_attempts WHERE username = ? AND address = ? AND success = 1), "
                     "'1970-01-01')",
                     "ssiss", username, addr, win, username, addr),
            &c.pair_failures, &c.pair_age) < 0 ||
        count_age(
            db_query(
                db,
                "SELECT COUNT(*), 0 FROM login_attempts WHERE username = ? AND success = 0 AND "
                "at > NOW(3) - INTERVAL ? SECOND",
                "si", username, win),
            &c.user_failures, &ignored) < 0 ||
        count_age(
            db_query(
                db,
                "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)), 0) FROM "
                "login_attempts WHERE address = ? AND success = 0 AND at > NOW(3) - INTERVAL ? "
                "SECOND",
                "si", addr, win),
            &c.addr_failures, &c.addr_age) < 0)
        return -1;
    if (c.addr_failures >= g_cfg->login_max_failures_addr) {
        long long known = 0;
        if (db_query_int(db, &known,
                         "SELECT COUNT(*) FROM login_attempts WHERE username = ? AND address = ? "
                         "AND success = 1 AND at > NOW() - INTERVAL 90 DAY",
                         "ss", username, addr) < 0)
            return -1;
        c.pair_known = known > 0;
    }
    struct login_policy p = {g_cfg->login_max_failures, g_cfg->login_max_failures_user,
                             g_cfg->login_max_failures_addr, g_cfg->login_window_s};
    return login_delay(&c, &p);
}

/* The attempt and its audit row. -1 when either write failed: an unrecorded failure would be a
 * free guess, so the caller answers 503 instead. */
static int record_attempt(db_t *db, req_t *r, const char *username, int ok, long long user_id) {
    int rc = db_exec(db, "INSERT INTO login_attempts (username, address, success) VALUES (?, ?, ?)",
                     "ssi", username, req_remote_addr(r), (long long)ok) < 0
                 ? -1
                 : 0;
    json_t *after = json_pack("{s:s, s:b}", "username", username, "success", ok);
    if (rc == 0)
        rc = audit_write(db, r, ok ? "auth.login" : "auth.login_failed", "user", user_id, NULL,
                         after);
    json_decref(after);
    return rc < 0 ? -1 : 0;
}

struct login_input {
    const char *username, *password;
};
static const struct in_decl login_fields[] = {
    IN_FIELD(struct login_input, username, IN_STR, IN_REQUIRED, 1, 64, NULL),
    IN_FIELD(struct login_input, password, IN_STR, IN_REQUIRED, 1, 256, NULL),
};
const struct in_spec in_auth_login = IN_SPEC(struct login_input, login_fields);

int h_auth_login(req_t *r) {
    const struct login_input *in = r->body_in;
    const char *username = in->username, *password = in->password;
    /* An administrator may leave only the provider's sign-in (KSTT_OIDC_LOCAL_LOGIN=0). */
    if (!g_cfg->oidc_local_login) {
        res_problem(r, 403, NULL,
                    "Đăng nhập bằng mật khẩu của hệ thống đã tắt. Vui lòng đăng nhập bằng tài "
                    "khoản dùng chung.");
        return -1;
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long wait = throttle_wait(db, username, req_remote_addr(r));
    if (wait < 0) return db_fail(r, db);
    if (wait > 0) {
        char detail[200], ra[24];
        snprintf(detail, sizeof detail,
                 "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %ld giây.", wait);
        snprintf(ra, sizeof ra, "%ld", wait);
        res_problem(r, 429, NULL, detail);
        res_header(r, "Retry-After", ra);
        return -1;
    }
    json_t *u = NULL;
    int found = db_query_row_json(db, &u,
                                  "SELECT id, password_hash, active, demo FROM users WHERE "
                                  "username = ?",
                                  "s", username);
    if (found < 0) return db_fail(r, db);
    const char *hash = found ? json_string_value(json_object_get(u, "password_hash")) : NULL;
    int ok = password_verify(hash ? hash : g_dummy_hash, password) && hash != NULL;
    ok = ok && json_is_true(json_object_get(u, "active"));
    int demo_blocked = ok && json_is_true(json_object_get(u, "demo")) && !g_cfg->demo;
    long long uid = found ? json_integer_value(json_object_get(u, "id")) : 0;
    json_decref(u);
    if (!ok || demo_blocked) {
        if (record_attempt(db, r, username, 0, uid) < 0) return db_fail(r, db);
        res_problem(r, 401, "Đăng nhập không thành công",
                    demo_blocked ? "Tài khoản trình diễn chỉ dùng được khi máy chủ bật KSTT_DEMO=1."
                                 : "Tên đăng nhập hoặc mật khẩu không đúng.");
        return -1;
    }
    char *sid = NULL, *refresh = NULL;
    if (db_begin(db) < 0 || auth_new_session(db, r, g_cfg, uid, &sid, &refresh) < 0) {
        free(sid);
        free(refresh);
        return db_fail(r, db);
    }
    r->user = &r->user_storage;
    r->user->user_id = uid;
    snprintf(r->user->username, sizeof r->user->username, "%s", username);
    int rc = record_attempt(db, r, username, 1, uid) < 0 || db_commit(db) < 0
                 ? db_fail(r, db)
                 : send_session(r, db, uid, sid, refresh);
    free(sid);
    free(refresh);
    return rc;
}

/* A revocation that did not persist must not look done: 503 (the cookies are kept so that the
 * client can try again), never a 204 or 401 that lets the session live on. */
static int revoke_failed(req_t *r, db_t *db) {
    if (db_in_txn(db)) db_rollback(db);
    res_problem(r, 503, NULL,
                "Chưa kết thúc được phiên đăng nhập do lỗi cơ sở dữ liệu. Vui lòng thử lại sau.");
    res_header(r, "Retry-After", "5");
    return -1;
}

/* Ends the session a spent refresh token belongs to (reuse means someone else holds a copy).
 * In the caller's transaction, which it commits. 0, or -1 when the revocation did not persist. */
static int revoke_reused(req_t *r, db_t *db, const char *sid, long long uid) {
    return db_exec(db, "UPDATE sessions SET revoked_at = COALESCE(revoked_at, NOW()) WHERE id = ?",
                   "s", sid) < 0 ||
                   audit_write(db, r, "auth.refresh_reuse", "session", uid, NULL, NULL) < 0 ||
                   db_commit(db) < 0
               ? -1
               : 0;
}

int h_auth_refresh(req_t *r) {
    const char *rt = req_cookie(r, "kstt_rt");
    if (rt && !csrf_ok(r)) {
        res_problem(r, 403, NULL, "Thiếu tiêu đề X-Requested-With: kstt (chống giả mạo yêu cầu).");
        return -1;
    }
    if (!rt || strlen(rt) > 128) {
        res_problem(r, 401, NULL, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
        auth_clear_cookies(r);
        return -1;
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char *hash = token_sha256_hex(rt);
    char *fresh = token_random_b64url(32);
    char *fresh_hash = fresh ? token_sha256_hex(fresh) : NULL;
    int rc = -1;
    json_t *s = NULL;
    if (!hash || !fresh_hash || db_begin(db) < 0) goto out;
    int found = db_query_row_json(db, &s,
                                  "SELECT s.id, s.user_id, s.revoked_at IS NULL AND s.expires_at > "
                                  "NOW() AND u.active = 1 AND (u.demo = 0 OR ? = 1) AS usable FROM "
                                  "sessions s JOIN users u ON u.id = s.user_id WHERE "
                                  "s.refresh_hash = ? FOR UPDATE",
                                  "is", (long long)g_cfg->demo, hash);
    if (found < 0) goto out;
    if (found == 0) {
        /* Every token the session rotated out is kept (its family), not only the last one: any
         * of them coming back ends the session. */
        found =
            db_query_row_json(db, &s,
                              "SELECT s.id, s.user_id FROM session_spent_tokens x JOIN sessions "
                              "s ON s.id = x.session_id WHERE x.refresh_hash = ? FOR UPDATE",
                              "s", hash);
        if (found < 0) goto out;
        if (found == 1 && revoke_reused(r, db, json_string_value(json_object_get(s, "id")),
                                        json_integer_value(json_object_get(s, "user_id"))) < 0) {
            rc = revoke_failed(r, db);
            goto done;
        }
        found = 0;
    } else if (!json_truthy(json_object_get(s, "usable"))) {
        found = 0;
    }
    if (!found) {
        if (db_in_txn(db)) db_rollback(db);
        res_problem(r, 401, NULL, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
        auth_clear_cookies(r);
        rc = -1;
        goto done;
    }
    const char *sid = json_string_value(json_object_get(s, "id"));
    long long uid = json_integer_value(json_object_get(s, "user_id"));
    if (db_exec(db, "INSERT INTO session_spent_tokens (refresh_hash, session_id) VALUES (?, ?)",
                "ss", hash, sid) < 0 ||
        db_exec(db,
                "UPDATE sessions SET previous_hash = refresh_hash, refresh_hash = ?, last_used_at "
                "= NOW() WHERE id = ?",
                "ss", fresh_hash, sid) < 0 ||
        db_commit(db) < 0)
        goto out;
    rc = send_session(r, db, uid, sid, fresh);
    goto done;
out:
    rc = db_fail(r, db);
done:
    json_decref(s);
    free(hash);
    free(fresh);
    free(fresh_hash);
    return rc;
}

int h_auth_logout(req_t *r) {
    const char *rt = req_cookie(r, "kstt_rt");
    const char *at = req_cookie(r, "kstt_at");
    const char *authz = req_header(r, "Authorization");
    if ((rt || at) && !csrf_ok(r)) {
        res_problem(r, 403, NULL, "Thiếu tiêu đề X-Requested-With: kstt (chống giả mạo yêu cầu).");
        return -1;
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) at = authz + 7;
    if (at && authenticate(r, at) == 0 && r->user->sid[0]) {
        if (db_begin(db) < 0 ||
            db_exec(db, "UPDATE sessions SET revoked_at = COALESCE(revoked_at, NOW()) WHERE id = ?",
                    "s", r->user->sid) < 0 ||
            audit_write(db, r, "auth.logout", "user", r->user->user_id, NULL, NULL) < 0 ||
            db_commit(db) < 0)
            return revoke_failed(r, db);
    } else if (rt && strlen(rt) <= 128) {
        char *hash = token_sha256_hex(rt);
        long long n = hash ? db_exec(db,
                                     "UPDATE sessions SET revoked_at = COALESCE(revoked_at, NOW()) "
                                     "WHERE refresh_hash = ?",
                                     "s", hash)
                           : -1;
        free(hash);
        if (n < 0) return revoke_failed(r, db);
    }
    auth_clear_cookies(r);
    res_no_content(r);
    return 0;
}

/* nginx's auth_request asks here, with the request's own headers but without its body, whether
 * the request in X-Original-Method / X-Original-URI would be authorised: so an anonymous
 * upload to a large-body route is refused before nginx reads the body at all. 204 yes; 401/403
 * as the route itself would answer; 204 for routes that do not exist or are public (the route
 * answers those). */
/* Scheduler job: the rotated-out refresh tokens of a session are kept to detect reuse while it
 * can still be refreshed; a day after it expired or was revoked they serve no purpose. */
int sessions_purge_job(db_t *db) {
    long long n =
        db_exec(db,
                "DELETE t FROM session_spent_tokens t JOIN sessions s ON s.id = "
                "t.session_id WHERE s.expires_at < NOW() - INTERVAL 1 DAY OR s.revoked_at "
                "< NOW() - INTERVAL 1 DAY",
                NULL);
    return n < 0 ? -1 : 0;
}

int h_auth_check(req_t *r) {
    const char *method = req_header(r, "X-Original-Method");
    const char *uri = req_header(r, "X-Original-URI");
    if (!method || !uri) {
        res_problem(r, 400, NULL, "Thiếu X-Original-Method hoặc X-Original-URI.");
        return -1;
    }
    size_t len = strcspn(uri, "?");
    char *path = malloc(len + 1);
    if (!path) return res_internal(r, "out of memory");
    long n = http_percent_decode(uri, len, path, 0);
    const struct route *target = NULL;
    int best = -1;
    for (size_t i = 0; n >= 0 && i < api_nroutes; i++) {
        if (strcmp(api_routes[i].method, method) != 0) continue;
        int score = router_pattern_score(api_routes[i].pattern, path);
        if (score > best) best = score, target = &api_routes[i];
    }
    free(path);
    if (target) {
        const struct route *self = r->route;
        const char *self_method = r->method;
        r->route = target;
        r->method = method;
        int rc = auth_authorize(r);
        r->route = self;
        r->method = self_method;
        if (rc < 0) return -1;
    }
    res_no_content(r);
    return 0;
}

int h_auth_me(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *u = NULL;
    int found = load_user_json(db, r->user->user_id, &u);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "người dùng");
    json_t *view = user_view(u, r->user->role);
    json_decref(u);
    res_json(r, 200, json_pack("{s:o}", "user", view));
    return 0;
}

struct password_input {
    const char *current_password, *new_password;
};
static const struct in_decl password_fields[] = {
    IN_FIELD(struct password_input, current_password, IN_STR, IN_REQUIRED, 1, 256, NULL),
    IN_FIELD(struct password_input, new_password, IN_STR, IN_REQUIRED, 1, 256, NULL),
};
const struct in_spec in_auth_password = IN_SPEC(struct password_input, password_fields);

int h_auth_password(req_t *r) {
    const struct password_input *in = r->body_in;
    const char *cur = in->current_password, *next = in->new_password;
    const char *weak = password_weakness(next);
    if (weak) {
        req_error(r, "new_password", weak);
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *u = NULL;
    if (db_query_row_json(db, &u, "SELECT password_hash FROM users WHERE id = ?", "i",
                          r->user->user_id) < 0)
        return db_fail(r, db);
    const char *hash = u ? json_string_value(json_object_get(u, "password_hash")) : NULL;
    int ok = hash && password_verify(hash, cur);
    json_decref(u);
    if (!ok) {
        req_error(r, "current_password", "Mật khẩu hiện tại không đúng.");
        return res_invalid(r);
    }
    char *nh = password_hash(next, g_cfg->argon2_t, g_cfg->argon2_m_kib);
    if (!nh) return res_internal(r, "password_hash failed");
    int rc = db_begin(db);
    if (rc == 0)
        rc = db_exec(db,
                     "UPDATE users SET password_hash = ?, password_changed_at = NOW() WHERE "
                     "id = ?",
                     "si", nh, r->user->user_id) < 0;
    /* Other sessions may belong to whoever knew the old password: end them. */
    if (rc == 0)
        rc = db_exec(db,
                     "UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND id <> ? "
                     "AND revoked_at IS NULL",
                     "is", r->user->user_id, r->user->sid) < 0;
    if (rc == 0)
        rc = audit_write(db, r, "user.password_change", "user", r->user->user_id, NULL, NULL);
    free(nh);
    if (rc || db_commit(db) < 0) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

int h_auth_jwks(req_t *r) {
    char *j = token_jwks_json(&g_keys);
    if (!j) return res_internal(r, "jwks");
    res_raw(r, 200, "application/jwk-set+json", j, strlen(j));
    free(j);
    return 0;
}
