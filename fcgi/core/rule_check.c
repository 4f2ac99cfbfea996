/* rule_check: per rule set, the keys and ranges its readers accept; the diff of two versions. */
#include "core/rule_check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/cost.h"
#include "core/kpi766.h"
#include "core/reform_index.h"

#define OFFICES_MAX 40 /* standard offices under one parent level */

const char *const rule_set_names[] = {
    "feedback", "period",       "tasks",     "kpi766",           "cost",
    "impact",   "reform_index", "late_list", "standard_offices", NULL};

int rule_set_known(const char *name) {
    for (int i = 0; name && rule_set_names[i]; i++)
        if (strcmp(name, rule_set_names[i]) == 0) return 1;
    return 0;
}

struct chk {
    rule_err_fn err;
    void *ctx;
    int n;
};

static void fail(struct chk *c, const char *path, const char *msg) {
    c->n++;
    if (c->err) c->err(c->ctx, path, msg);
}

/* parent.key into out */
static const char *join(char *out, size_t cap, const char *parent, const char *key) {
    snprintf(out, cap, "%s.%s", parent, key);
    return out;
}

static int in_list(const char *s, const char *const *list) {
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

/* o must be an object with only keys from allowed; each other key is a problem. */
static int only_keys(struct chk *c, const json_t *o, const char *path, const char *const *allowed) {
    char p[160];
    const char *k;
    json_t *v;
    if (!json_is_object(o)) {
        fail(c, path, "Phải là một đối tượng JSON.");
        return 0;
    }
    json_object_foreach((json_t *)o, k, v) {
        if (!in_list(k, allowed)) fail(c, join(p, sizeof p, path, k), "Khóa không được dùng.");
    }
    return 1;
}

/* Integer member key of o within [lo, hi]; required or optional. */
static void want_int(struct chk *c, const json_t *o, const char *path, const char *key,
                     long long lo, long long hi, int required) {
    char p[160], msg[128];
    json_t *v = json_object_get(o, key);
    if (!v && !required) return;
    if (json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi) return;
    snprintf(msg, sizeof msg, "Phải là số nguyên từ %lld đến %lld.", lo, hi);
    fail(c, join(p, sizeof p, path, key), v ? msg : "Thiếu giá trị bắt buộc.");
}

/* A list of at most 8 integers within [0, max] (reminder days). */
static void want_days(struct chk *c, const json_t *o, const char *path, const char *key, int max) {
    char p[160], msg[128];
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    join(p, sizeof p, path, key);
    snprintf(msg, sizeof msg, "Phải là danh sách tối đa 8 số nguyên từ 0 đến %d.", max);
    if (!json_is_array(a) || json_array_size(a) > 8) {
        fail(c, p, a ? msg : "Thiếu giá trị bắt buộc.");
        return;
    }
    json_array_foreach(a, i, v) {
        if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= max)
            continue;
        char e[200];
        snprintf(e, sizeof e, "%s[%u]", p, (unsigned)i % 8); /* at most 8 elements */
        fail(c, e, msg);
    }
}

/* A non-empty string of at most max bytes. */
static void want_text(struct chk *c, const json_t *o, const char *path, const char *key,
                      size_t max) {
    char p[160];
    const char *s = json_string_value(json_object_get(o, key));
    if (s && *s && strlen(s) <= max) return;
    fail(c, join(p, sizeof p, path, key), "Phải là chuỗi không rỗng, không quá giới hạn độ dài.");
}

/* --- one checker per set: the ranges are those of the set's reader in core/ or api/ --- */

static void check_feedback(struct chk *c, const json_t *r) {
    static const char *const clocks[] = {"reject_days", "info_request_days", "forward_days",
                                         "answer_days", "publish_days"};
    static const char *const limits[] = {"public_per_phone_day", "public_per_hour",
                                         "public_per_day", "email_codes_per_address_day",
                                         "email_codes_per_hour"};
    static const char *const keys[] = {"reject_days",
                                       "info_request_days",
                                       "forward_days",
                                       "answer_days",
                                       "publish_days",
                                       "public_per_phone_day",
                                       "public_per_hour",
                                       "public_per_day",
                                       "email_codes_per_address_day",
                                       "email_codes_per_hour",
                                       NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    /* a clock in working days: at least one (feedback_common's reader allows up to 365) */
    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++)
        want_int(c, r, "rules", clocks[i], 1, 365, 1);
    /* the public form's ceilings (feedback_public.c keeps its default for a missing one) */
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
        want_int(c, r, "rules", limits[i], 1, 10000000, 0);
}

static void check_period(struct chk *c, const json_t *r) {
    static const char *const keys[] = {
        "cutoff_day",        "due_day", "adhoc_due_working_days", "remind_before_working_days",
        "remind_after_days", NULL};
    static const char *const levels[] = {"province", "department", "district", "commune",
                                         "vertical", "onestop",    NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    want_int(c, r, "rules", "cutoff_day", 0, 31, 1);
    json_t *due = json_object_get(r, "due_day");
    if (!due)
        fail(c, "rules.due_day", "Thiếu giá trị bắt buộc.");
    else if (only_keys(c, due, "rules.due_day", levels))
        for (int i = 0; levels[i]; i++) want_int(c, due, "rules.due_day", levels[i], 1, 31, 1);
    want_int(c, r, "rules", "adhoc_due_working_days", 0, 250, 1);
    want_days(c, r, "rules", "remind_before_working_days", 60);
    want_days(c, r, "rules", "remind_after_days", 60);
}

static void check_tasks(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"remind_before_working_days", "overdue_every_working_days",
                                       "overdue_max", NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    want_days(c, r, "rules", "remind_before_working_days", 250);
    want_int(c, r, "rules", "overdue_every_working_days", 1, 250, 1);
    want_int(c, r, "rules", "overdue_max", 0, 100, 1);
}

/* The 766 weights: one per group, 0..100, adding up to 100 points. */
static void check_weights(struct chk *c, const json_t *w) {
    char p[160];
    double sum = 0;
    static const char *const keys[KG_NGROUPS + 1] = {
        "disclosure", "progress", "online", "digitization", "payment", "satisfaction", NULL};
    if (!only_keys(c, w, "rules.weights", keys)) return;
    for (int g = 0; g < KG_NGROUPS; g++) {
        json_t *v = json_object_get(w, kpi_group_keys[g]);
        if (json_is_number(v) && json_number_value(v) >= 0 && json_number_value(v) <= 100) {
            sum += json_number_value(v);
            continue;
        }
        fail(c, join(p, sizeof p, "rules.weights", kpi_group_keys[g]),
             v ? "Trọng số là số từ 0 đến 100." : "Thiếu trọng số của nhóm.");
        return;
    }
    if (fabs(sum - 100.0) > 1e-6) fail(c, "rules.weights", "Tổng trọng số các nhóm phải bằng 100.");
}

static void check_bands(struct chk *c, const json_t *bands);

static void check_kpi766(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"weights", "thresholds", "bands", NULL};
    /* kpi.c reads "ontime" for the progress group's rate, the group's own key otherwise;
     * "reused_data", when named, joins the digitisation group (core/kpi766 kpi_score) */
    static const char *const tkeys[] = {"disclosure", "ontime",       "online",      "digitization",
                                        "payment",    "satisfaction", "reused_data", NULL};
    char p[160];
    const char *k;
    json_t *v, *t = json_object_get(r, "thresholds");
    if (!only_keys(c, r, "rules", keys)) return;
    /* bands are optional: without them a score has no classification */
    if (json_object_get(r, "bands")) check_bands(c, json_object_get(r, "bands"));
    if (!json_object_get(r, "weights"))
        fail(c, "rules.weights", "Thiếu trọng số các nhóm.");
    else
        check_weights(c, json_object_get(r, "weights"));
    if (!t) {
        fail(c, "rules.thresholds", "Thiếu ngưỡng các chỉ tiêu.");
        return;
    }
    if (!only_keys(c, t, "rules.thresholds", tkeys)) return;
    json_object_foreach(t, k, v) {
        if (json_is_number(v) && json_number_value(v) > 0 && json_number_value(v) <= 1) continue;
        fail(c, join(p, sizeof p, "rules.thresholds", k), "Ngưỡng là tỷ lệ lớn hơn 0, tối đa 1.");
    }
}

/* A year key of hourly_income: four digits, 2000..2100. */
static int year_key(const char *k) {
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (k[i] < '0' || k[i] > '9') return 0;
        y = y * 10 + (k[i] - '0');
    }
    return k[4] == '\0' && y >= 2000 && y <= 2100;
}

static void check_cost(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"hourly_income", NULL};
    char p[160];
    const char *k;
    json_t *v, *h = json_object_get(r, "hourly_income");
    if (!only_keys(c, r, "rules", keys)) return;
    if (!json_is_object(h) || json_object_size(h) == 0) {
        fail(c, "rules.hourly_income", "Cần thu nhập bình quân theo giờ cho ít nhất một năm.");
        return;
    }
    json_object_foreach(h, k, v) {
        join(p, sizeof p, "rules.hourly_income", k);
        if (!year_key(k))
            fail(c, p, "Khóa là năm (2000 đến 2100).");
        else if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
                 json_integer_value(v) > COST_MAX_VND)
            fail(c, p, "Thu nhập theo giờ là số nguyên đồng lớn hơn 0.");
    }
}

static void check_impact(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"appraisal_days", "appraiser_unit_code", NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    want_int(c, r, "rules", "appraisal_days", 1, 250, 1);
    want_text(c, r, "rules", "appraiser_unit_code", 31);
}

/* A band's minimum in hundredths of a percent (0..10000, two decimals), -1 when not one. */
static long long band_min(const json_t *m) {
    long long h;
    if (json_is_integer(m) && json_integer_value(m) == 0) return 0;
    if (ri_points_from_json(m, &h) < 0 || h < 0 || h > 10000) return -1;
    return h;
}

static void check_band(struct chk *c, const json_t *b, size_t i, long long *prev) {
    static const char *const keys[] = {"min", "label", NULL};
    char p[160];
    snprintf(p, sizeof p, "rules.bands[%u]", (unsigned)i % 20); /* at most 20 bands */
    if (!only_keys(c, b, p, keys)) return;
    want_text(c, b, p, "label", 100);
    long long m = band_min(json_object_get(b, "min"));
    char f[200];
    join(f, sizeof f, p, "min");
    if (m < 0)
        fail(c, f, "Mức tối thiểu là phần trăm từ 0 đến 100 (tối đa 2 chữ số thập phân).");
    else if (*prev >= 0 && m >= *prev)
        fail(c, f, "Các mức xếp loại phải giảm dần.");
    if (m >= 0) *prev = m;
}

/* [{min, label}] with minima decreasing to 0 (ri_band's input). */
static void check_bands(struct chk *c, const json_t *bands) {
    size_t n = json_array_size(bands);
    if (!json_is_array(bands) || n == 0 || n > 20) {
        fail(c, "rules.bands", "Cần từ 1 đến 20 mức xếp loại {min, label}.");
        return;
    }
    long long prev = -1;
    for (size_t i = 0; i < n; i++) check_band(c, json_array_get(bands, i), i, &prev);
    /* ri_band leaves a score below every minimum without a label: the last band starts at 0 */
    if (band_min(json_object_get(json_array_get(bands, n - 1), "min")) != 0)
        fail(c, "rules.bands", "Mức cuối cùng phải bắt đầu từ 0.");
}

/* The monthly public list of late units (api/late_lists.c): whether it names officers, and the
 * fewest late dossiers in the month for an officer to be named. */
static void check_late_list(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"publish_officers", "min_count", NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    json_t *p = json_object_get(r, "publish_officers");
    if (!json_is_boolean(p))
        fail(c, "rules.publish_officers",
             p ? "Phải là true hoặc false." : "Thiếu giá trị bắt buộc.");
    want_int(c, r, "rules", "min_count", 1, 100000, 1);
}

static void check_reform_index(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"appraiser_unit_code", "bands", NULL};
    if (!only_keys(c, r, "rules", keys)) return;
    want_text(c, r, "rules", "appraiser_unit_code", 31);
    check_bands(c, json_object_get(r, "bands"));
}

/* One standard office {code_suffix, name, aliases}; the suffix unique in its list (the code is
 * "<parent code>-<suffix>", unique in the tree). */
static void check_office(struct chk *c, const json_t *o, const char *list, size_t i,
                         const json_t *all) {
    static const char *const keys[] = {"code_suffix", "name", "aliases", NULL};
    char p[160], f[200];
    snprintf(p, sizeof p, "%s[%u]", list, (unsigned)i % OFFICES_MAX);
    if (!only_keys(c, o, p, keys)) return;
    want_text(c, o, p, "name", 200);
    const char *sfx = json_string_value(json_object_get(o, "code_suffix"));
    size_t n = sfx ? strlen(sfx) : 0;
    int ok = n >= 1 && n <= 8;
    for (size_t k = 0; ok && k < n; k++)
        ok = (sfx[k] >= 'A' && sfx[k] <= 'Z') || (sfx[k] >= '0' && sfx[k] <= '9');
    join(f, sizeof f, p, "code_suffix");
    if (!ok) fail(c, f, "Hậu tố mã là 1 đến 8 chữ in hoa hoặc chữ số.");
    for (size_t k = 0; ok && k < i; k++) {
        const char *other =
            json_string_value(json_object_get(json_array_get(all, k), "code_suffix"));
        if (other && strcmp(other, sfx) == 0) {
            fail(c, f, "Hậu tố mã bị trùng trong danh sách.");
            break;
        }
    }
    json_t *al = json_object_get(o, "aliases"), *v;
    size_t k;
    join(f, sizeof f, p, "aliases");
    if (al && (!json_is_array(al) || json_array_size(al) > 10)) {
        fail(c, f, "Tên gọi khác là danh sách tối đa 10 chuỗi.");
        return;
    }
    json_array_foreach(al, k, v) {
        const char *s = json_string_value(v);
        if (s && strlen(s) >= 2 && strlen(s) <= 200) continue;
        fail(c, f, "Mỗi tên gọi khác là chuỗi từ 2 đến 200 ký tự.");
        return;
    }
}

/* Per parent level (the levels an office may hang under), the list of its standard offices. */
static void check_standard_offices(struct chk *c, const json_t *r) {
    static const char *const keys[] = {"district", "commune", "department", NULL};
    char p[64];
    if (!only_keys(c, r, "rules", keys)) return;
    for (int k = 0; keys[k]; k++) {
        json_t *list = json_object_get(r, keys[k]);
        if (!list) continue; /* a level without a list gets no offices */
        join(p, sizeof p, "rules", keys[k]);
        if (!json_is_array(list) || json_array_size(list) > OFFICES_MAX) {
            fail(c, p, "Phải là danh sách tối đa 40 phòng {code_suffix, name, aliases}.");
            continue;
        }
        for (size_t i = 0; i < json_array_size(list); i++)
            check_office(c, json_array_get(list, i), p, i, list);
    }
}

int rule_check(const char *name, const json_t *rules, rule_err_fn err, void *ctx) {
    struct chk c = {err, ctx, 0};
    static const struct {
        const char *name;
        void (*fn)(struct chk *, const json_t *);
    } sets[] = {{"feedback", check_feedback},
                {"period", check_period},
                {"tasks", check_tasks},
                {"kpi766", check_kpi766},
                {"cost", check_cost},
                {"impact", check_impact},
                {"reform_index", check_reform_index},
                {"late_list", check_late_list},
                {"standard_offices", check_standard_offices}};
    for (size_t i = 0; name && i < sizeof sets / sizeof sets[0]; i++) {
        if (strcmp(name, sets[i].name) != 0) continue;
        if (!json_is_object(rules))
            fail(&c, "rules", "Phải là một đối tượng JSON.");
        else
            sets[i].fn(&c, rules);
        return c.n;
    }
    fail(&c, "name", "Không có bộ quy tắc này.");
    return c.n;
}

const char *rule_unit_code(const char *name, const json_t *rules) {
    if (!name || (strcmp(name, "impact") != 0 && strcmp(name, "reform_index") != 0)) return NULL;
    return json_string_value(json_object_get(rules, "appraiser_unit_code"));
}

/* --- the diff --- */

static int add_change(json_t *out, const char *path, const json_t *a, const json_t *b) {
    json_t *e = json_pack("{s:s, s:O, s:O}", "path", path, "old", a ? a : json_null(), "new",
                          b ? b : json_null());
    return e && json_array_append_new(out, e) == 0 ? 0 : -1;
}

static int diff_at(const json_t *a, const json_t *b, const char *path, json_t *out);

static int diff_objects(const json_t *a, const json_t *b, const char *path, json_t *out) {
    char p[512];
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)a, k, v) {
        snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", k);
        if (diff_at(v, json_object_get(b, k), p, out) < 0) return -1;
    }
    json_object_foreach((json_t *)b, k, v) {
        if (json_object_get(a, k)) continue;
        snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", k);
        if (add_change(out, p, NULL, v) < 0) return -1;
    }
    return 0;
}

static int diff_arrays(const json_t *a, const json_t *b, const char *path, json_t *out) {
    char p[512];
    size_t na = json_array_size(a), nb = json_array_size(b);
    for (size_t i = 0; i < na || i < nb; i++) {
        snprintf(p, sizeof p, "%s[%zu]", path, i);
        if (diff_at(json_array_get(a, i), json_array_get(b, i), p, out) < 0) return -1;
    }
    return 0;
}

static int diff_at(const json_t *a, const json_t *b, const char *path, json_t *out) {
    if (a && b && json_equal(a, b)) return 0;
    if (json_is_object(a) && json_is_object(b)) return diff_objects(a, b, path, out);
    if (json_is_array(a) && json_is_array(b)) return diff_arrays(a, b, path, out);
    return add_change(out, *path ? path : "rules", a, b);
}

int rule_diff(const json_t *a, const json_t *b, json_t *out) {
    if (!json_is_array(out)) return -1;
    json_t *ea = a ? NULL : json_object(), *eb = b ? NULL : json_object();
    int rc = diff_at(a ? a : ea, b ? b : eb, "", out);
    json_decref(ea);
    json_decref(eb);
    return rc;
}
