/* Server configuration, read from KSTT_* environment variables and validated. */
#include "lib/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int get_str(config_getter get, const char *name, const char *def, char *out, size_t cap,
                   char *err, size_t errlen) {
    const char *v = get(name);
    if (!v) v = def;
    if (strlen(v) >= cap) {
        snprintf(err, errlen, "%s is too long (max %zu bytes)", name, cap - 1);
        return -1;
    }
    memcpy(out, v, strlen(v) + 1);
    return 0;
}

static int get_long(config_getter get, const char *name, long def, long min, long max, long *out,
                    char *err, size_t errlen) {
    const char *v = get(name);
    if (!v || !*v) {
        *out = def;
        return 0;
    }
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < min || n > max) {
        snprintf(err, errlen, "%s must be an integer in [%ld, %ld], got '%s'", name, min, max, v);
        return -1;
    }
    *out = n;
    return 0;
}

static int get_int(config_getter get, const char *name, long def, long min, long max, int *out,
                   char *err, size_t errlen) {
    long n;
    if (get_long(get, name, def, min, max, &n, err, errlen) < 0) return -1;
    *out = (int)n;
    return 0;
}

#define STR(name, def, field)                                                                      \
    if (get_str(get, name, def, cfg->field, sizeof cfg->field, err, errlen) < 0) return -1
#define INT(name, def, min, max, field)                                                            \
    if (get_int(get, name, def, min, max, &cfg->field, err, errlen) < 0) return -1

int config_load(struct config *cfg, config_getter get, char *err, size_t errlen) {
    memset(cfg, 0, sizeof *cfg);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    STR("KSTT_API_LISTEN", "var/run/api.sock", listen);
    INT("KSTT_WORKERS", cores, 1, 64, workers);
    INT("KSTT_THREADS", 8, 1, 256, threads);
    INT("KSTT_ACTIVE_THREADS", 2, 1, 256, active_threads);
    INT("KSTT_STALL_MS", 10, 1, 10000, stall_ms);
    STR("KSTT_DB_SOCKET", "", db_socket);
    STR("KSTT_DB_HOST", "localhost", db_host);
    INT("KSTT_DB_PORT", 3306, 1, 65535, db_port);
    STR("KSTT_DB_NAME", "kstt", db_name);
    STR("KSTT_DB_USER", "kstt", db_user);
    STR("KSTT_DB_PASSWORD", "", db_password);
    INT("KSTT_DB_SYNC_WAIT", 0, 0, 15, db_sync_wait);
    if (get_long(get, "KSTT_MAX_BODY", 1L << 20, 1024, 1L << 30, &cfg->max_body, err, errlen) < 0)
        return -1;
    STR("KSTT_MIGRATIONS", "db/migrations", migrations);
    STR("KSTT_KEY_DIR", "var/keys", key_dir);
    STR("KSTT_UPLOAD_DIR", "var/uploads", upload_dir);
    STR("KSTT_JWT_ISS", "kstt", jwt_iss);
    STR("KSTT_JWT_AUD", "kstt-api", jwt_aud);
    INT("KSTT_ACCESS_TTL", 900, 30, 86400, access_ttl);
    INT("KSTT_REFRESH_TTL", 28800, 60, 30 * 86400, refresh_ttl);
    INT("KSTT_HEALTH_TTL_MS", 200, 0, 10000, health_ttl_ms);
    /* Off by default where reads wait for the cluster (KSTT_DB_SYNC_WAIT): there a client must
     * read back through one host what it wrote through another (decision 215). */
    INT("KSTT_SESSION_CACHE_MS", cfg->db_sync_wait ? 0 : 1000, 0, 5000, session_cache_ms);
    INT("KSTT_DEMO", 0, 0, 1, demo);
    STR("KSTT_IDP_JWKS", "", idp_jwks);
    STR("KSTT_IDP_ISS", "", idp_iss);
    STR("KSTT_IDP_AUD", "", idp_aud);
    STR("KSTT_IDP_ALGS", "RS256", idp_algs);
    STR("KSTT_IDP_CLAIM_USERNAME", "preferred_username", idp_claim_username);
    STR("KSTT_IDP_CLAIM_ROLES", "realm_access.roles", idp_claim_roles);
    STR("KSTT_IDP_CLAIM_UNIT", "unit_code", idp_claim_unit);
    STR("KSTT_IDP_ROLE_MAP", "", idp_role_map);
    INT("KSTT_IDP_AUTOCREATE", 0, 0, 1, idp_autocreate);
    INT("KSTT_ARGON2_T", 2, 1, 10, argon2_t);
    INT("KSTT_ARGON2_M_KIB", 19456, 1024, 1 << 20, argon2_m_kib);
    INT("KSTT_LOGIN_MAX_FAILURES", 5, 1, 1000, login_max_failures);
    INT("KSTT_LOGIN_MAX_FAILURES_ADDR", 25, 1, 100000, login_max_failures_addr);
    INT("KSTT_LOGIN_MAX_FAILURES_USER", 20, 1, 100000, login_max_failures_user);
    INT("KSTT_LOGIN_WINDOW", 900, 10, 86400, login_window_s);
    if (get_long(get, "KSTT_POW_MAX", 100000, 10, 100000000, &cfg->pow_max, err, errlen) < 0)
        return -1;
    STR("KSTT_SMTP_URL", "", smtp_url);
    STR("KSTT_SMTP_USER", "", smtp_user);
    STR("KSTT_SMTP_PASSWORD", "", smtp_password);
    STR("KSTT_SMTP_FROM", "", smtp_from);
    INT("KSTT_SMTP_TLS", 1, 0, 1, smtp_tls);
    STR("KSTT_PUBLIC_URL", "", public_url);
    INT("KSTT_REMINDER_HOUR", 7, 0, 23, reminder_hour);
    if (get_long(get, "KSTT_IMPORT_MAX_ROWS", 20000, 10, 100000, &cfg->import_max_rows, err,
                 errlen) < 0 ||
        get_long(get, "KSTT_IMPORT_MAX_CELLS", 500000, 100, 10000000, &cfg->import_max_cells, err,
                 errlen) < 0)
        return -1;
    STR("KSTT_OIDC_PROVIDERS", "", oidc_providers);
    STR("KSTT_OIDC_ISSUER", "", oidc_issuer);
    STR("KSTT_OIDC_CLIENT_ID", "", oidc_client_id);
    STR("KSTT_OIDC_CLIENT_SECRET", "", oidc_client_secret);
    STR("KSTT_OIDC_SCOPES", "openid profile email", oidc_scopes);
    STR("KSTT_OIDC_LABEL", "Đăng nhập bằng tài khoản dùng chung của tỉnh", oidc_label);
    STR("KSTT_OIDC_BASE_URL", "", oidc_base_url);
    INT("KSTT_OIDC_LOCAL_LOGIN", 1, 0, 1, oidc_local_login);
    STR("KSTT_BACKUP_STAMP", "var/last-backup", backup_stamp);
    if (cfg->oidc_issuer[0] && !cfg->oidc_client_id[0]) {
        snprintf(err, errlen, "KSTT_OIDC_ISSUER needs KSTT_OIDC_CLIENT_ID");
        return -1;
    }
    if (cfg->smtp_url[0] && !cfg->smtp_from[0]) {
        snprintf(err, errlen, "KSTT_SMTP_URL needs KSTT_SMTP_FROM");
        return -1;
    }
    if (cfg->idp_jwks[0] && (!cfg->idp_iss[0] || !cfg->idp_aud[0])) {
        snprintf(err, errlen, "KSTT_IDP_JWKS needs KSTT_IDP_ISS and KSTT_IDP_AUD");
        return -1;
    }
    return 0;
}
