/* kpi766: the dossier indicators of SPEC §5 as daily roll-up deltas, figures and the 766 score. */
#ifndef KSTT_CORE_KPI766_H
#define KSTT_CORE_KPI766_H

#include <stddef.h>

/*
 * Roll-up columns, one row per unit per local day (table kpi_daily, and kpi_monthly with the
 * same columns per month). Counts are attributed to a day: received* and fee* to
 * date(received_at); resolved* and rated* to date(finished_at). OPEN and OVERDUE are deltas:
 * their sum over all days <= D is the number in progress (resp. in progress and overdue) at the
 * end of day D.
 */
enum kpi_col {
    KC_RECEIVED,
    KC_RECEIVED_ONLINE,
    KC_RECEIVED_DIRECT,
    KC_RECEIVED_POSTAL,
    KC_FEE,        /* received with fee > 0 */
    KC_FEE_ONLINE, /* ... and paid online */
    KC_RESOLVED,
    KC_EARLY,
    KC_ONTIME,
    KC_LATE,
    KC_DIGITAL,      /* resolved with digitized and result_electronic */
    KC_RATED,        /* resolved with a rating */
    KC_RATED_GOOD,   /* ... satisfied or normal */
    KC_LATE_APOLOGY, /* resolved late with apology_issued */
    KC_REUSED,       /* received reusing data already held (reused_data) */
    KC_INTERNAL,     /* received and transferred between agencies electronically */
    KC_OPEN,         /* delta: in progress */
    KC_OVERDUE,      /* delta: in progress and overdue */
    KC_NCOLS
};

/* Column names in SQL (kpi_daily / kpi_monthly), in enum order. */
extern const char *const kpi_col_names[KC_NCOLS];

#define KPI_NO_DAY (-2147483647L - 1)

/* What of a dossier the indicators look at; days are day numbers (core/period.h). */
struct kpi_facts {
    long received_day;
    long due_day;      /* date(due_at), or the received day when there is no due_at */
    long finished_day; /* KPI_NO_DAY while in progress */
    int channel;       /* enum dossier_channel */
    int supplement_count;
    int fee_positive, paid_online;
    int digitized, result_electronic;
    int rating; /* enum dossier_rating */
    int apology_issued;
    int reused_data, internal_transfer;
};

struct kpi_delta {
    long day;
    int col;
    int v; /* +1 or -1 */
};

#define KPI_MAX_DELTAS 18

/*
 * The roll-up deltas of one dossier, multiplied by sign (+1 to add a dossier, -1 to take an
 * earlier version out). Writes at most KPI_MAX_DELTAS entries and returns their number.
 */
int kpi_contrib(const struct kpi_facts *f, int sign, struct kpi_delta *out);
/* 1 when the dossier is resolved late (the late list): finished after its due date, or with
 * more than one request for supplements. */
int kpi_is_late(const struct kpi_facts *f);

/* Sums read from the roll-ups for one subtree and period [from, to]. */
struct kpi_sums {
    long long period[KC_NCOLS]; /* counts over days in [from, to] (OPEN/OVERDUE unused) */
    long long open_before;      /* sum of OPEN over days < from: carried over */
    long long open_end;         /* sum of OPEN over days <= to: in progress */
    long long overdue_end;      /* sum of OVERDUE over days <= to: in progress and overdue */
};

/* A rate: value = num / den, defined only when den > 0. */
struct kpi_rate {
    long long num, den;
    int defined;
    double value;
};

struct kpi_figures {
    long long received, received_online, received_direct, received_postal, carried_over;
    long long resolved, resolved_early, resolved_ontime, resolved_late;
    long long in_progress, in_progress_ontime, in_progress_overdue;
    struct kpi_rate ontime, online, digitization, payment, satisfaction, apology;
    struct kpi_rate reused, internal; /* over received */
};

void kpi_figures_from(const struct kpi_sums *s, struct kpi_figures *f);
/* Adds from's sums into to's (a subtree's sums are its units' sums added up). */
void kpi_sums_add(struct kpi_sums *to, const struct kpi_sums *from);

/* The 766 score's groups, in display order. */
enum kpi_group {
    KG_DISCLOSURE,
    KG_PROGRESS,
    KG_ONLINE,
    KG_DIGITIZATION,
    KG_PAYMENT,
    KG_SATISFACTION,
    KG_NGROUPS
};
extern const char *const kpi_group_keys[KG_NGROUPS];

/* From the versioned rule set 'kpi766': weight (points) and threshold of each group. */
struct kpi_rules {
    double weight[KG_NGROUPS];
    double threshold[KG_NGROUPS]; /* a rate earns full points at its threshold; <= 0 means 1 */
    /* > 0 when the rule set names the data reuse rate: the digitisation group then scores the
     * mean of its two shares, min(1, digitization / its threshold) and min(1, reused / this). */
    double reused_threshold;
};

struct kpi_score {
    int assessed[KG_NGROUPS]; /* 0 when the group's rate is undefined (no data) */
    double rate[KG_NGROUPS];
    double points[KG_NGROUPS];
    double total;        /* points earned over the assessed groups */
    double max_assessed; /* the weights of the assessed groups */
    double max;          /* the weights of all groups */
};

/*
 * Scores figures: points = weight x min(1, rate / threshold). The disclosure group has no
 * rate in the dossiers (it comes from the procedure catalogue): disclosure_rate < 0 leaves it
 * unassessed.
 */
void kpi_score(const struct kpi_figures *f, const struct kpi_rules *rules, double disclosure_rate,
               struct kpi_score *out);
/* The share of a unit's in-force procedures that are fully published with an approved internal
 * workflow: disclosed / in_force, or -1 (not assessed) when it has none in force. */
double kpi_disclosure_rate(long long disclosed, long long in_force);

/* A day before every day and one after every day (dates a procedure does not have). */
#define KPI_DAY_NEVER_BEFORE (-2147483647L)
#define KPI_DAY_NEVER_AFTER  2147483647L

/* What of a catalogue procedure the disclosure group looks at, as day numbers. */
struct kpi_proc {
    long effective_day; /* in force from (KPI_DAY_NEVER_BEFORE: no effective date) */
    long end_day;       /* abolished on (KPI_DAY_NEVER_AFTER: not abolished) */
    int complete;       /* all its components published */
    long approved_day;  /* internal workflow approved on (KPI_DAY_NEVER_AFTER: not approved) */
};

/* Of the procedures in force at the end of day: how many, and how many of them have all their
 * components published and their internal workflow approved by then. */
void kpi_disclosure_at(const struct kpi_proc *p, size_t n, long day, long long *in_force,
                       long long *disclosed);

/* Points rounded to 2 decimals and rates to 4, as shown and compared. */
double kpi_round(double x, int decimals);

#endif
