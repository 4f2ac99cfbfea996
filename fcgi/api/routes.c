/* The route table: every endpoint, its handler and the permission it needs, in one place. */
#include "api/api.h"
#include "api/plans.h"
#include "api/procedures.h"
#include "api/feedback.h"
#include "api/kpi.h"
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
    {"GET", "/api/v1/auth/check", h_auth_check, "public", 0},
    {"POST", "/api/v1/auth/password", h_auth_password, "auth", 16 * KB},
    {"GET", "/api/v1/auth/jwks", h_auth_jwks, "public", 0},
    {"GET", "/api/v1/auth/oidc/providers", h_oidc_providers, "public", 0},
    {"GET", "/api/v1/auth/oidc/logout", h_oidc_end_session, "auth", 0},
    {"GET", "/api/v1/auth/oidc/{provider}/login", h_oidc_login, "public", 0},
    {"GET", "/api/v1/auth/oidc/{provider}/callback", h_oidc_callback, "public", 0},
    {"POST", "/api/v1/auth/oidc/{provider}/backchannel", h_oidc_backchannel, "public", 16 * KB},

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

    /* --- plans, tasks, assignments, timeline, holidays (issue 4, 5) --- */
    {"POST", "/api/v1/timeline/parse", h_timeline_parse, "timeline.parse", 16 * KB},
    {"GET", "/api/v1/holidays", h_holidays_list, "auth", 0},
    {"POST", "/api/v1/holidays", h_holidays_put, "holidays.write", 0},
    {"DELETE", "/api/v1/holidays/{day}", h_holidays_delete, "holidays.write", 0},
    {"GET", "/api/v1/plans", h_plans_list, "plans.read", 0},
    {"POST", "/api/v1/plans", h_plans_create, "plans.write", 0},
    {"POST", "/api/v1/plans/import/preview", h_plans_import_preview, "plans.write", 8 * MB},
    {"POST", "/api/v1/plans/import", h_plans_import, "plans.write", 8 * MB},
    {"GET", "/api/v1/plans/{id}", h_plans_get, "plans.read", 0},
    {"PUT", "/api/v1/plans/{id}", h_plans_update, "plans.write", 0},
    {"DELETE", "/api/v1/plans/{id}", h_plans_delete, "plans.write", 0},
    {"POST", "/api/v1/plans/{id}/publish", h_plans_publish, "plans.publish", 0},
    {"POST", "/api/v1/plans/{id}/close", h_plans_close, "plans.publish", 0},
    {"POST", "/api/v1/plans/{id}/derive", h_plans_derive, "plans.write", 0},
    {"GET", "/api/v1/plans/{id}/progress", h_plans_progress, "plans.read", 0},
    {"GET", "/api/v1/plans/{id}/export", h_plans_export, "plans.read", 0},
    {"POST", "/api/v1/plans/{id}/sections", h_sections_create, "plans.write", 0},
    {"PUT", "/api/v1/sections/{id}", h_sections_update, "plans.write", 0},
    {"DELETE", "/api/v1/sections/{id}", h_sections_delete, "plans.write", 0},
    {"POST", "/api/v1/plans/{id}/tasks", h_tasks_create, "plans.write", 0},
    {"GET", "/api/v1/tasks/{id}", h_tasks_get, "plans.read", 0},
    {"PUT", "/api/v1/tasks/{id}", h_tasks_update, "plans.write", 0},
    {"DELETE", "/api/v1/tasks/{id}", h_tasks_delete, "plans.write", 0},
    {"POST", "/api/v1/tasks/{id}/event", h_tasks_event, "plans.write", 0},
    {"GET", "/api/v1/assignments", h_assignments_list, "assignments.read", 0},
    {"GET", "/api/v1/assignments/{id}", h_assignments_get, "assignments.read", 0},
    {"GET", "/api/v1/assignments/{id}/updates", h_assignment_updates_list, "assignments.read", 0},
    {"POST", "/api/v1/assignments/{id}/updates", h_assignment_updates_create, "assignments.update",
     8 * MB},
    {"GET", "/api/v1/attachments/{sha}", h_attachments_get, "assignments.read", 0},

    /* --- procedures (issue 6) --- */
    {"GET", "/api/v1/procedures", h_procedures_list, "procedures.read", 0},
    {"POST", "/api/v1/procedures", h_procedures_create, "procedures.write", 1 * MB},
    {"POST", "/api/v1/procedures/import", h_procedures_import, "procedures.write", 16 * MB},
    {"GET", "/api/v1/procedures/{id}", h_procedures_get, "procedures.read", 0},
    {"PUT", "/api/v1/procedures/{id}", h_procedures_update, "procedures.write", 1 * MB},
    {"DELETE", "/api/v1/procedures/{id}", h_procedures_delete, "procedures.write", 0},
    {"POST", "/api/v1/procedures/{id}/status", h_procedures_status, "procedures.write", 0},
    {"GET", "/api/v1/procedures/{id}/history", h_procedures_history, "procedures.read", 0},
    {"GET", "/api/v1/procedure-fields", h_procedure_fields_list, "procedures.read", 0},
    {"POST", "/api/v1/procedure-fields", h_procedure_fields_create, "procedures.write", 0},
    {"PUT", "/api/v1/procedure-fields/{id}", h_procedure_fields_update, "procedures.write", 0},
    {"DELETE", "/api/v1/procedure-fields/{id}", h_procedure_fields_delete, "procedures.write", 0},
    {"GET", "/api/v1/public/procedures", h_public_procedures_list, "public", 0},
    {"GET", "/api/v1/public/procedures/stats", h_public_procedures_stats, "public", 0},
    {"GET", "/api/v1/public/procedures/{code}", h_public_procedures_get, "public", 0},

    /* --- feedback (issue 7) --- */
    {"GET", "/api/v1/public/challenge", h_public_challenge, "public", 0},
    {"GET", "/api/v1/public/feedback/meta", h_public_feedback_meta, "public", 0},
    {"GET", "/api/v1/public/feedback", h_public_feedback_list, "public", 0},
    /* multipart: 3 files of 5 MB and the form */
    {"POST", "/api/v1/public/feedback", h_public_feedback_submit, "public", 16 * MB},
    {"POST", "/api/v1/public/email-code", h_public_email_code, "public", 16 * KB},
    {"GET", "/api/v1/public/feedback/{code}", h_public_feedback_track, "public", 0},
    {"POST", "/api/v1/public/feedback/{code}/info", h_public_feedback_info, "public", 16 * MB},
    {"POST", "/api/v1/public/feedback/{code}/rating", h_public_feedback_rating, "public", 16 * KB},
    {"GET", "/api/v1/feedback", h_feedback_list, "feedback.read", 0},
    {"GET", "/api/v1/feedback/stats", h_feedback_stats, "feedback.read", 0},
    {"POST", "/api/v1/feedback/reminders", h_feedback_reminders, "feedback.route", 0},
    {"GET", "/api/v1/feedback/{id}", h_feedback_get, "feedback.read", 0},
    {"GET", "/api/v1/feedback/{id}/files/{file_id}", h_feedback_file, "feedback.read", 0},
    {"POST", "/api/v1/feedback/{id}/reject", h_feedback_reject, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/request-info", h_feedback_request_info, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/accept", h_feedback_accept, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/forward", h_feedback_forward, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/duplicate", h_feedback_duplicate, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/receive", h_feedback_receive, "feedback.handle", 0},
    {"POST", "/api/v1/feedback/{id}/return", h_feedback_return, "feedback.handle", 0},
    {"PUT", "/api/v1/feedback/{id}/answer", h_feedback_draft, "feedback.handle", 0},
    {"POST", "/api/v1/feedback/{id}/submit", h_feedback_submit_answer, "feedback.handle", 0},
    {"POST", "/api/v1/feedback/{id}/publish", h_feedback_publish, "feedback.route", 0},
    {"POST", "/api/v1/feedback/{id}/send-back", h_feedback_send_back, "feedback.route", 0},
    {"GET", "/api/v1/notifications", h_notifications_list, "auth", 0},
    {"POST", "/api/v1/notifications/{id}/read", h_notifications_read, "auth", 0},

    /* --- dossiers and indicators (issue 8) --- */
    {"POST", "/api/v1/dossiers/bulk", h_dossiers_bulk, "dossiers.ingest", 256 * MB},
    {"GET", "/api/v1/kpi/summary", h_kpi_summary, "kpi.read", 0},
    {"GET", "/api/v1/kpi/ranking", h_kpi_ranking, "kpi.read", 0},
    {"GET", "/api/v1/kpi/trend", h_kpi_trend, "kpi.read", 0},
    {"GET", "/api/v1/kpi/late", h_kpi_late, "kpi.read", 0},
    {"GET", "/api/v1/kpi/rules", h_kpi_rules, "kpi.read", 0},
    {"GET", "/api/v1/public/kpi/summary", h_public_kpi_summary, "public", 0},
    {"GET", "/api/v1/public/kpi/ranking", h_public_kpi_ranking, "public", 0},
    {"GET", "/api/v1/public/kpi/trend", h_public_kpi_trend, "public", 0},
    {"GET", "/api/v1/public/kpi/late", h_public_kpi_late, "public", 0},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
