/* The route table: every endpoint, its handler and the permission it needs, in one place. */
#include "api/api.h"
#include "server/router.h"

#define KB 1024L
#define MB (1024L * 1024L)

const struct route api_routes[] = {
    {"GET", "/api/v1/health", h_health, "public", 0},
    {"GET", "/api/v1/metrics", h_metrics, "public", 0},

    {"POST", "/api/v1/auth/login", h_auth_login, "public", 16 * KB},
    {"POST", "/api/v1/auth/refresh", h_auth_refresh, "public", 16 * KB},
    {"POST", "/api/v1/auth/logout", h_auth_logout, "public", 16 * KB},
    {"GET", "/api/v1/auth/me", h_auth_me, "auth", 0},
    {"POST", "/api/v1/auth/password", h_auth_password, "auth", 16 * KB},
    {"GET", "/api/v1/auth/jwks", h_auth_jwks, "public", 0},

    {"GET", "/api/v1/units", h_units_list, "units.read", 0},
    {"POST", "/api/v1/units", h_units_create, "units.write", 0},
    {"GET", "/api/v1/units/{id}", h_units_get, "units.read", 0},
    {"PUT", "/api/v1/units/{id}", h_units_update, "units.write", 0},
    {"POST", "/api/v1/units/{id}/merge", h_units_merge, "units.write", 0},
    {"POST", "/api/v1/units/{id}/retire", h_units_retire, "units.write", 0},

    {"GET", "/api/v1/users", h_users_list, "users.read", 0},
    {"POST", "/api/v1/users", h_users_create, "users.write", 0},
    {"GET", "/api/v1/users/{id}", h_users_get, "users.read", 0},
    {"PUT", "/api/v1/users/{id}", h_users_update, "users.write", 0},
    {"POST", "/api/v1/users/{id}/disable", h_users_disable, "users.write", 0},
    {"POST", "/api/v1/users/{id}/enable", h_users_enable, "users.write", 0},

    {"GET", "/api/v1/audit", h_audit_list, "audit.read", 0},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
