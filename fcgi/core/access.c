/* Who may do what: the one table of role permissions (scope is checked separately, per object). */
#include "core/access.h"

#include <string.h>

enum {
    R_ADMIN = 1,
    R_LEADER = 2,
    R_SPECIALIST = 4,
    R_OFFICER = 8,
    R_VIEWER = 16,
    R_ALL = 31,
    R_STAFF = R_ADMIN | R_LEADER | R_SPECIALIST | R_OFFICER, /* everyone who may write */
};

/* Extra conditions on top of the role. */
enum { C_NONE, C_PROVINCE_WIDE, C_COORDINATOR, C_PROVINCE_OR_ONESTOP, C_OR_COORDINATOR };

struct rule {
    const char *action;
    int roles;
    int cond;
};

static const struct rule rules[] = {
    {"auth", R_ALL, C_NONE},
    {"units.read", R_ALL, C_NONE},
    {"units.write", R_ADMIN, C_NONE},
    /* The 2025 reorganisation (issue 20) reshapes the whole province: its administrators only. */
    {"units.reorganize", R_ADMIN, C_PROVINCE_WIDE},
    /* The Provincial Office reads every account (its focal officers across units), never writes. */
    {"users.read", R_ADMIN | R_LEADER, C_OR_COORDINATOR},
    {"users.write", R_ADMIN, C_NONE},
    {"audit.read", R_ADMIN, C_NONE},
    {"timeline.parse", R_ALL, C_NONE},
    /* The holiday calendar is the province's: no district may change another's deadlines. */
    {"holidays.write", R_ADMIN, C_PROVINCE_WIDE},
    {"plans.read", R_ALL, C_NONE},
    {"plans.write", R_STAFF, C_NONE},
    {"plans.publish", R_ADMIN | R_LEADER | R_SPECIALIST, C_NONE},
    {"assignments.read", R_ALL, C_NONE},
    {"assignments.update", R_STAFF, C_NONE},
    {"procedures.read", R_ALL, C_NONE},
    {"procedures.write", R_ADMIN | R_SPECIALIST, C_PROVINCE_WIDE},
    {"feedback.read", R_ALL, C_NONE},
    {"feedback.route", R_ADMIN | R_LEADER | R_SPECIALIST, C_COORDINATOR},
    {"feedback.handle", R_STAFF, C_NONE},
    {"dossiers.ingest", R_ADMIN | R_SPECIALIST | R_OFFICER, C_PROVINCE_OR_ONESTOP},
    {"kpi.read", R_ALL, C_NONE},
    {"reports.read", R_ALL, C_NONE},
    {"reports.write", R_STAFF, C_NONE},
    /* Comments: whoever sees the object reads them (checked per object); viewers do not write. */
    {"comments.read", R_ALL, C_NONE},
    {"comments.write", R_STAFF, C_NONE},
    /* The registries (issue 18): whoever may see a unit reads its registers; staff who lead or
     * handle the work keep them, each in its own subtree (checked per object). */
    {"registries.read", R_ALL, C_NONE},
    {"registries.write", R_ADMIN | R_LEADER | R_SPECIALIST, C_NONE},
    /* The budget circular's categories are the province's, edited by the Provincial Office. */
    {"budget.categories", R_ADMIN | R_LEADER | R_SPECIALIST, C_COORDINATOR},
    /* Reform registries (issue 17): a unit keeps its own (scope per object); the Provincial
     * Office assesses and decides. */
    {"reform.read", R_ALL, C_NONE},
    {"reform.write", R_STAFF, C_NONE},
    {"reform.decide", R_ADMIN | R_LEADER | R_SPECIALIST, C_COORDINATOR},
    /* Review of procedures (issue 17): every role reads its scope's forms; the reviewing unit's
     * staff fill them (leaders read); the Provincial Office accepts, decides and tracks. */
    {"review.read", R_ALL, C_NONE},
    {"review.write", R_ADMIN | R_SPECIALIST | R_OFFICER, C_NONE},
    {"review.coordinate", R_ADMIN | R_LEADER | R_SPECIALIST, C_COORDINATOR},
    /* a procedure's compliance cost: scope per procedure (its agency's subtree); leaders read */
    {"cost.read", R_ALL, C_NONE},
    {"cost.write", R_ADMIN | R_SPECIALIST | R_OFFICER, C_NONE},
    /* The reform index (issue 19): everyone reads within scope; a unit's staff fill its
     * self-assessment, its leader submits it; the appraising unit (named by the rule set, checked
     * by the handler) or the province admin keeps the criteria, appraises and finalises. */
    {"index.read", R_ALL, C_NONE},
    {"index.assess", R_STAFF, C_NONE},
    {"index.submit", R_LEADER, C_NONE},
    {"index.appraise", R_ADMIN | R_LEADER | R_SPECIALIST, C_NONE},
    /* Inspections and communications (issue 18): scope per object; templates the coordinator's. */
    {"inspections.read", R_ALL, C_NONE},
    {"inspections.write", R_STAFF, C_NONE},
    {"inspections.templates", R_ADMIN | R_LEADER | R_SPECIALIST, C_COORDINATOR},
    {"communications.read", R_ALL, C_NONE},
    {"communications.write", R_STAFF, C_NONE},
    /* The rule sets (issue 20) are the province's law in data: its administrators alone read
     * their history and add versions (a district admin would change every unit's deadlines). */
    {"rules.read", R_ADMIN, C_PROVINCE_WIDE},
    {"rules.write", R_ADMIN, C_PROVINCE_WIDE},
    /* Late dossiers (issue 20): the handling unit and the units above it record explanations and
     * apology letters; the scope of each dossier is checked by the handler. */
    {"dossiers.account", R_STAFF, C_NONE},
    /* The public contact (issue 20): what every citizen is told, so the province's admins. */
    {"settings.write", R_ADMIN, C_PROVINCE_WIDE},
};

/* clang-format off */
const char *const access_actions[] = {
    "units.read",      "units.write",       "users.read",
    "users.write",     "audit.read",        "timeline.parse",
    "holidays.write",  "plans.read",        "plans.write",
    "plans.publish",   "assignments.read",  "assignments.update",
    "procedures.read", "procedures.write",  "feedback.read",
    "feedback.route",  "feedback.handle",   "dossiers.ingest",
    "kpi.read",        "reports.read",      "reports.write",
    "comments.read",   "comments.write",    "review.read",
    "review.write",    "review.coordinate", "cost.read",
    "cost.write",
    /* issue 18: registries (focal officers, training, budget), inspections, communications */
    "registries.read", "registries.write", "budget.categories",
    /* issue 17: internal procedures, impact assessments, initiatives */
    "reform.read",     "reform.write",      "reform.decide",
    /* issue 18: inspections, communications */
    "inspections.read", "inspections.write", "inspections.templates", "communications.read",
    "communications.write",
    /* issue 19: the reform index */
    "index.read",      "index.assess",      "index.submit",      "index.appraise",
    /* issue 20: rule sets */
    "rules.read",      "rules.write",       "units.reorganize",
    /* issue 20: late-dossier accountability */
    "dossiers.account",
    /* issue 20: the public contact */
    "settings.write",
    NULL,
};
/* clang-format on */

static int role_bit(const char *role) {
    if (!role) return 0;
    if (strcmp(role, "admin") == 0) return R_ADMIN;
    if (strcmp(role, "leader") == 0) return R_LEADER;
    if (strcmp(role, "specialist") == 0) return R_SPECIALIST;
    if (strcmp(role, "officer") == 0) return R_OFFICER;
    if (strcmp(role, "viewer") == 0) return R_VIEWER;
    return 0;
}

int access_province_wide(const struct access_who *w) {
    return w->coordinator || (w->unit_level && strcmp(w->unit_level, "province") == 0);
}

static int cond_holds(const struct access_who *w, int cond) {
    switch (cond) {
    case C_PROVINCE_WIDE:
        return access_province_wide(w);
    case C_COORDINATOR:
        /* The Provincial Office routes feedback; an administrator stands in for it only at
         * province level (a district admin publishing its communes' answers was issue 11). */
        return w->coordinator || (role_bit(w->role) == R_ADMIN && access_province_wide(w));
    case C_PROVINCE_OR_ONESTOP:
        /* The public service centre's accounts feed dossiers from the one-stop system. */
        if (role_bit(w->role) == R_OFFICER)
            return w->unit_level && strcmp(w->unit_level, "onestop") == 0;
        return access_province_wide(w);
    default:
        return 1;
    }
}

int access_province_admin(const struct access_who *w) {
    return role_bit(w->role) == R_ADMIN && access_province_wide(w);
}

int access_allows(const struct access_who *w, const char *action) {
    int bit = role_bit(w->role);
    if (!bit || !action) return 0;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (strcmp(rules[i].action, action) != 0) continue;
        if (rules[i].cond == C_OR_COORDINATOR && w->coordinator) return 1;
        return (rules[i].roles & bit) && cond_holds(w, rules[i].cond);
    }
    return 0; /* an action missing from the table is denied */
}
