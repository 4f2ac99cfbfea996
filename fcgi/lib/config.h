/* Server configuration, read from KSTT_* environment variables and validated. */
#ifndef KSTT_CONFIG_H
#define KSTT_CONFIG_H
#include <stddef.h>

struct config {
    char listen[256];     /* unix socket path, or ":port" / "host:port" */
    int workers, threads; /* processes and threads per process */
    /* threads of a process taking requests at once, and after how long a running request counts
     * as stalled and lets one more in (server.c, decision 224) */
    int active_threads, stall_ms;
    char db_socket[256], db_host[128], db_name[64], db_user[64], db_password[128];
    int db_port;
    int db_sync_wait;     /* Galera: the session's wsrep_sync_wait (0 off, 1 reads wait) */
    long max_body;        /* default request body cap in bytes */
    char migrations[256]; /* directory of NNN_name.sql files */
    char key_dir[256];    /* RS256 key pair: current.pem, previous.pem */
    char upload_dir[256]; /* attachments, stored by content hash outside the web root */
    char jwt_iss[128], jwt_aud[128];
    int access_ttl, refresh_ttl; /* seconds */
    /* How long a worker may answer from a session it read, without reading it again (ms, 0 off):
     * a write on this host ends it at once; a write elsewhere is seen within it. 1000, or 0 when
     * db_sync_wait is set. */
    int session_cache_ms;
    int health_ttl_ms; /* GET /health answers from its last database check this long (ms) */
    int demo;          /* demo accounts may log in */
    /* External identity provider (all optional). */
    char idp_jwks[512], idp_iss[256], idp_aud[128], idp_algs[64];
    char idp_claim_username[64], idp_claim_roles[64], idp_claim_unit[64];
    char idp_role_map[512]; /* "idp_role=ours,idp2=ours2" */
    int idp_autocreate;
    int argon2_t, argon2_m_kib; /* password hashing cost */
    int login_max_failures, login_max_failures_addr, login_max_failures_user, login_window_s;
    /* Citizen feedback (issue 7): proof-of-work difficulty, outgoing mail (off when no URL),
     * the public address used in links sent by mail, the hour of the daily reminder. */
    long pow_max;
    char smtp_url[256], smtp_user[128], smtp_password[128], smtp_from[256];
    int smtp_tls;
    char public_url[256];
    int reminder_hour;
    /* Imports from spreadsheets (issue 11): rows and non-empty cells one file may hold. */
    long import_max_rows, import_max_cells;
    /* Sign-in in the browser through OpenID providers (issue 13): a providers file (JSON) and/or
     * one provider from variables; our public address for redirect URIs; the local form on/off. */
    char oidc_providers[256];
    char oidc_issuer[256], oidc_client_id[128], oidc_client_secret[256], oidc_scopes[256];
    char oidc_label[160];
    char oidc_base_url[256];
    int oidc_local_login;
    /* The file scripts/backup.sh touches after a successful backup: its time is shown to the
     * administrator as the last backup (issue 15); absent file: unknown. */
    char backup_stamp[256];
};

typedef const char *(*config_getter)(const char *name);
/* Fills cfg from get (getenv in production); returns 0, or -1 with a message in err. */
int config_load(struct config *cfg, config_getter get, char *err, size_t errlen);

#endif
