/* kpi766: SPEC §5 indicators as per-day deltas (so any period reads roll-ups), figures, score. */
#include "core/kpi766.h"

#include <math.h>

#include "core/dossier.h"

const char *const kpi_col_names[KC_NCOLS] = {
    "received",          "received_online", "received_direct", "received_postal", "fee_received",
    "fee_paid_online",   "resolved",        "resolved_early",  "resolved_ontime", "resolved_late",
    "resolved_digital",  "rated",           "rated_good",      "late_apology",    "reused_data",
    "internal_transfer", "open_delta",      "overdue_delta",
};

const char *const kpi_group_keys[KG_NGROUPS] = {"disclosure",   "progress", "online",
                                                "digitization", "payment",  "satisfaction"};

int kpi_is_late(const struct kpi_facts *f) {
    return f->finished_day != KPI_NO_DAY &&
           (f->finished_day > f->due_day || f->supplement_count > 1);
}

static void put(struct kpi_delta *out, int *n, long day, int col, int v) {
    out[*n].day = day;
    out[*n].col = col;
    out[*n].v = v;
    (*n)++;
}

int kpi_contrib(const struct kpi_facts *f, int sign, struct kpi_delta *out) {
    int n = 0;
    long r = f->received_day, fin = f->finished_day;
    put(out, &n, r, KC_RECEIVED, sign);
    put(out, &n, r,
        f->channel == CH_ONLINE   ? KC_RECEIVED_ONLINE
        : f->channel == CH_POSTAL ? KC_RECEIVED_POSTAL
                                  : KC_RECEIVED_DIRECT,
        sign);
    if (f->fee_positive) {
        put(out, &n, r, KC_FEE, sign);
        if (f->paid_online) put(out, &n, r, KC_FEE_ONLINE, sign);
    }
    if (f->reused_data) put(out, &n, r, KC_REUSED, sign);
    if (f->internal_transfer) put(out, &n, r, KC_INTERNAL, sign);
    /* In progress at the end of day D when received on or before D and not finished by the end
     * of D: +1 on the day received, -1 on the day finished (the two cancel on the same day). */
    put(out, &n, r, KC_OPEN, sign);
    if (fin != KPI_NO_DAY) put(out, &n, fin, KC_OPEN, -sign);
    /* Overdue at the end of D when also date(due) < D, or at once with more than one request
     * for supplements: from max(received, due + 1) until the day before finishing. */
    long od = f->supplement_count > 1 ? r : (f->due_day + 1 > r ? f->due_day + 1 : r);
    if (fin == KPI_NO_DAY || fin > od) {
        put(out, &n, od, KC_OVERDUE, sign);
        if (fin != KPI_NO_DAY) put(out, &n, fin, KC_OVERDUE, -sign);
    }
    if (fin != KPI_NO_DAY) {
        put(out, &n, fin, KC_RESOLVED, sign);
        int late = kpi_is_late(f);
        put(out, &n, fin, late ? KC_LATE : fin < f->due_day ? KC_EARLY : KC_ONTIME, sign);
        if (f->digitized && f->result_electronic) put(out, &n, fin, KC_DIGITAL, sign);
        if (f->rating != RT_NONE) {
            put(out, &n, fin, KC_RATED, sign);
            if (f->rating == RT_SATISFIED || f->rating == RT_NORMAL)
                put(out, &n, fin, KC_RATED_GOOD, sign);
        }
        if (late && f->apology_issued) put(out, &n, fin, KC_LATE_APOLOGY, sign);
    }
    return n;
}

static struct kpi_rate rate(long long num, long long den) {
    struct kpi_rate r = {num, den, den > 0, den > 0 ? (double)num / (double)den : 0.0};
    return r;
}

void kpi_sums_add(struct kpi_sums *to, const struct kpi_sums *from) {
    for (int c = 0; c < KC_OPEN; c++) to->period[c] += from->period[c];
    to->open_before += from->open_before;
    to->open_end += from->open_end;
    to->overdue_end += from->overdue_end;
}

void kpi_figures_from(const struct kpi_sums *s, struct kpi_figures *f) {
    const long long *p = s->period;
    f->received = p[KC_RECEIVED];
    f->received_online = p[KC_RECEIVED_ONLINE];
    f->received_direct = p[KC_RECEIVED_DIRECT];
    f->received_postal = p[KC_RECEIVED_POSTAL];
    f->carried_over = s->open_before;
    f->resolved = p[KC_RESOLVED];
    f->resolved_early = p[KC_EARLY];
    f->resolved_ontime = p[KC_ONTIME];
    f->resolved_late = p[KC_LATE];
    f->in_progress = s->open_end;
    f->in_progress_overdue = s->overdue_end;
    f->in_progress_ontime = s->open_end - s->overdue_end;
    f->ontime = rate(f->resolved_early + f->resolved_ontime + f->in_progress_ontime,
                     f->resolved + f->in_progress);
    f->online = rate(f->received_online, f->received);
    f->digitization = rate(p[KC_DIGITAL], f->resolved);
    f->payment = rate(p[KC_FEE_ONLINE], p[KC_FEE]);
    f->satisfaction = rate(p[KC_RATED_GOOD], p[KC_RATED]);
    f->apology = rate(p[KC_LATE_APOLOGY], f->resolved_late);
    f->reused = rate(p[KC_REUSED], f->received);
    f->internal = rate(p[KC_INTERNAL], f->received);
}

double kpi_disclosure_rate(long long disclosed, long long in_force) {
    return in_force > 0 ? (double)disclosed / (double)in_force : -1.0;
}

void kpi_disclosure_at(const struct kpi_proc *p, size_t n, long day, long long *in_force,
                       long long *disclosed) {
    *in_force = *disclosed = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].effective_day > day || p[i].end_day <= day) continue;
        (*in_force)++;
        if (p[i].complete && p[i].approved_day <= day) (*disclosed)++;
    }
}

/* min(1, max(0, r / threshold)); a threshold <= 0 means 1. */
static double share_of(double r, double threshold) {
    double s = r / (threshold > 0 ? threshold : 1.0);
    return s > 1 ? 1 : s < 0 ? 0 : s;
}

/* The digitisation group's share: its rate's, or, when the rule set names the reuse rate, the
 * mean of the shares that have data (-1 when none has). */
static double digitization_share(const struct kpi_figures *f, const struct kpi_rules *rules) {
    double th = rules->threshold[KG_DIGITIZATION];
    if (rules->reused_threshold <= 0)
        return f->digitization.defined ? share_of(f->digitization.value, th) : -1;
    double sum = 0;
    int n = 0;
    if (f->digitization.defined) sum += share_of(f->digitization.value, th), n++;
    if (f->reused.defined) sum += share_of(f->reused.value, rules->reused_threshold), n++;
    return n ? sum / n : -1;
}

double kpi_round(double x, int decimals) {
    double m = pow(10.0, decimals);
    return round(x * m) / m;
}

void kpi_score(const struct kpi_figures *f, const struct kpi_rules *rules, double disclosure_rate,
               struct kpi_score *out) {
    const struct kpi_rate *rates[KG_NGROUPS] = {
        NULL, &f->ontime, &f->online, &f->digitization, &f->payment, &f->satisfaction};
    out->total = out->max_assessed = out->max = 0;
    for (int g = 0; g < KG_NGROUPS; g++) {
        double w = rules->weight[g] > 0 ? rules->weight[g] : 0;
        double th = rules->threshold[g];
        double r = g == KG_DISCLOSURE ? disclosure_rate : rates[g]->defined ? rates[g]->value : -1;
        double share = g == KG_DIGITIZATION ? digitization_share(f, rules)
                       : r >= 0             ? share_of(r, th)
                                            : -1;
        out->max += w;
        out->assessed[g] = share >= 0;
        out->rate[g] = r >= 0 ? r : 0;
        out->points[g] = 0;
        if (share < 0) continue;
        out->points[g] = kpi_round(w * share, 2);
        out->total += out->points[g];
        out->max_assessed += w;
    }
    out->total = kpi_round(out->total, 2);
}
