/* reform_index: criteria tree checks, scoring by method, roll-up, ranking and bands. Pure. */
#include "core/reform_index.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vnfold.h"
#include "lib/utf8.h"

const char *const ri_methods[] = {"choice", "bands", "yesno", "ratio", "points", NULL};
const char *const ri_sources[] = {"self", "appraisal", "system", NULL};
const char *const ri_metrics[] = {"ontime_rate",
                                  "online_rate",
                                  "feedback_ontime_rate",
                                  "reports_ontime_rate",
                                  "tasks_ontime_rate",
                                  "sipas_index",
                                  NULL};

int ri_index_of(const char *const *list, const char *s) {
    for (int i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0) return i;
    return -1;
}

int ri_points_from_json(const json_t *v, long long *hundredths) {
    if (json_is_integer(v)) {
        json_int_t x = json_integer_value(v);
        if (x < 0 || x > RI_POINTS_MAX_H / 100) return -1;
        *hundredths = (long long)x * 100;
        return 0;
    }
    if (!json_is_real(v)) return -1;
    double d = json_real_value(v) * 100.0;
    if (!isfinite(d) || d < -1e-6 || d > (double)RI_POINTS_MAX_H + 1e-6) return -1;
    double r = floor(d + 0.5);
    /* a third decimal is refused rather than rounded away: 0.125 points is not a score */
    if (fabs(d - r) > 1e-6) return -1;
    *hundredths = (long long)r;
    return 0;
}

int ri_code_valid(const char *code) {
    if (!code || !*code || strlen(code) >= RI_CODE_MAX) return 0;
    int depth = 0;
    const char *p = code;
    for (;;) {
        size_t d = 0;
        while (p[d] >= '0' && p[d] <= '9') d++;
        if (d < 1 || d > 3 || p[0] == '0') return 0;
        depth++;
        p += d;
        if (*p == 0) break;
        if (*p != '.') return 0;
        p++;
    }
    return depth <= RI_DEPTH_MAX;
}

int ri_parent_code(const char *code, char *out, size_t cap) {
    const char *dot = strrchr(code, '.');
    size_t len = dot ? (size_t)(dot - code) : 0;
    if (len + 1 > cap) return -1;
    memcpy(out, code, len);
    out[len] = 0;
    return 0;
}

struct checker {
    struct ri_error *errs;
    size_t cap, count;
};

static void err(struct checker *c, size_t i, const char *key, const char *msg) {
    if (c->count < c->cap) {
        snprintf(c->errs[c->count].field, sizeof c->errs[0].field, "[%zu].%s", i, key);
        c->errs[c->count].message = msg;
    }
    c->count++;
}

/* 1 when every key of o is one of the NULL-terminated allowed keys. */
static int only_keys(json_t *o, const char *const *allowed) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        (void)v;
        if (ri_index_of(allowed, key) < 0) return 0;
    }
    return 1;
}

/* Points member of o within [0, max_h]: 0, else -1. */
static int points_within(json_t *o, const char *key, long long max_h, long long *out) {
    long long p;
    if (ri_points_from_json(json_object_get(o, key), &p) < 0 || p > max_h) return -1;
    if (out) *out = p;
    return 0;
}

static const char *check_choice(json_t *params, long long max_h) {
    static const char *const keys[] = {"label", "points", NULL};
    json_t *list = json_object_get(params, "choices");
    size_t n = json_array_size(list);
    if (!json_is_array(list) || n < 1 || n > RI_CHOICES_MAX)
        return "Cách chấm lựa chọn cần params.choices: 1 đến 20 mục {label, points}.";
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(list, i);
        const char *label = json_string_value(json_object_get(c, "label"));
        if (!json_is_object(c) || !only_keys(c, keys) || !label || !*label ||
            utf8_chars(label) > 200 || points_within(c, "points", max_h, NULL) < 0)
            return "Mỗi lựa chọn cần nhãn (tối đa 200 ký tự) và số điểm không vượt điểm tối đa.";
        for (size_t j = 0; j < i; j++)
            if (strcmp(label,
                       json_string_value(json_object_get(json_array_get(list, j), "label"))) == 0)
                return "Các lựa chọn phải có nhãn khác nhau.";
    }
    return NULL;
}

static const char *check_bands(json_t *params, long long max_h) {
    static const char *const keys[] = {"min", "points", NULL};
    json_t *list = json_object_get(params, "bands");
    size_t n = json_array_size(list);
    if (!json_is_array(list) || n < 1 || n > RI_BANDS_MAX)
        return "Cách chấm theo khoảng cần params.bands: 1 đến 20 mục {min, points}.";
    double prev = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        json_t *b = json_array_get(list, i);
        json_t *min = json_object_get(b, "min");
        if (!json_is_object(b) || !only_keys(b, keys) || !json_is_number(min) ||
            !isfinite(json_number_value(min)) || points_within(b, "points", max_h, NULL) < 0)
            return "Mỗi khoảng cần giá trị từ (min) và số điểm không vượt điểm tối đa.";
        if (json_number_value(min) <= prev) return "Các khoảng phải có min tăng dần.";
        prev = json_number_value(min);
    }
    return NULL;
}

static const char *check_yesno(json_t *params, long long max_h) {
    static const char *const keys[] = {"yes", "no", NULL};
    if (!params) return NULL;
    if (!only_keys(params, keys) ||
        (json_object_get(params, "yes") && points_within(params, "yes", max_h, NULL) < 0) ||
        (json_object_get(params, "no") && points_within(params, "no", max_h, NULL) < 0))
        return "Cách chấm có/không: params.yes và params.no là số điểm không vượt điểm tối đa.";
    return NULL;
}

/* A percent member (0 < p <= 100, 2 decimals) in hundredths of a percent: 0, else -1. */
static int percent_h(const json_t *v, long long *out) {
    long long p;
    if (ri_points_from_json(v, &p) < 0 || p <= 0 || p > 10000) return -1;
    *out = p;
    return 0;
}

static const char *check_ratio(json_t *params, int source) {
    static const char *const keys[] = {"threshold", "metric", NULL};
    long long t;
    json_t *th = json_object_get(params, "threshold");
    const char *metric = json_string_value(json_object_get(params, "metric"));
    if (params && !only_keys(params, keys))
        return "Cách chấm tỷ lệ chỉ nhận params.threshold và params.metric.";
    if (th && percent_h(th, &t) < 0) return "Ngưỡng (params.threshold) là phần trăm từ 0 đến 100.";
    if (source == RI_S_SYSTEM && ri_index_of(ri_metrics, metric) < 0)
        return "Chỉ tiêu tính từ hệ thống cần params.metric: ontime_rate, online_rate, "
               "feedback_ontime_rate, reports_ontime_rate, tasks_ontime_rate hoặc sipas_index.";
    if (source != RI_S_SYSTEM && json_object_get(params, "metric"))
        return "Chỉ chỉ tiêu tính từ hệ thống mới có params.metric.";
    return NULL;
}

/* The problem with a leaf's method parameters, or NULL. */
static const char *check_params(const struct ri_node *nd) {
    if (nd->params && !json_is_object(nd->params)) return "params phải là một đối tượng.";
    if (nd->source == RI_S_SYSTEM && nd->method != RI_M_RATIO)
        return "Chỉ tiêu tính từ hệ thống chấm theo tỷ lệ (method ratio).";
    switch (nd->method) {
    case RI_M_CHOICE:
        return check_choice(nd->params, nd->max_h);
    case RI_M_BANDS:
        return check_bands(nd->params, nd->max_h);
    case RI_M_YESNO:
        return check_yesno(nd->params, nd->max_h);
    case RI_M_RATIO:
        return check_ratio(nd->params, nd->source);
    default:
        return nd->params && json_object_size(nd->params)
                   ? "Cách chấm điểm trực tiếp không có params."
                   : NULL;
    }
}

/* The index of code among nodes[0..n), or -1. */
static int find_code(const struct ri_node *nodes, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(nodes[i].code, code) == 0) return (int)i;
    return -1;
}

/* Reads element i's own fields into nd (errors into c). */
static void read_node(struct checker *c, size_t i, json_t *o, struct ri_node *nd) {
    static const char *const keys[] = {"code", "name", "max", "method", "params", "source", NULL};
    memset(nd, 0, sizeof *nd);
    nd->parent = -1;
    nd->method = nd->source = -1;
    if (!json_is_object(o) || !only_keys(o, keys)) {
        err(c, i, "code", "Mỗi chỉ tiêu là {code, name, max, method, params, source}.");
        return;
    }
    const char *code = json_string_value(json_object_get(o, "code"));
    if (!ri_code_valid(code))
        err(c, i, "code", "Mã chỉ tiêu có dạng 1, 1.2 hoặc 1.2.3 (tối đa 4 cấp).");
    else
        snprintf(nd->code, sizeof nd->code, "%s", code);
    const char *name = json_string_value(json_object_get(o, "name"));
    if (!name || utf8_chars(name) < 1 || utf8_chars(name) > RI_NAME_MAX)
        err(c, i, "name", "Hãy nhập tên chỉ tiêu (tối đa 1000 ký tự).");
    if (ri_points_from_json(json_object_get(o, "max"), &nd->max_h) < 0 || nd->max_h <= 0)
        err(c, i, "max", "Điểm tối đa là số dương đến 1000, tối đa 2 chữ số thập phân.");
    json_t *m = json_object_get(o, "method"), *s = json_object_get(o, "source");
    nd->method = json_is_string(m) ? ri_index_of(ri_methods, json_string_value(m)) : -2;
    nd->source = json_is_string(s) ? ri_index_of(ri_sources, json_string_value(s)) : -2;
    if (nd->method == -1 || (m && !json_is_null(m) && nd->method == -2))
        err(c, i, "method", "Cách chấm là choice, bands, yesno, ratio hoặc points.");
    if (nd->source == -1 || (s && !json_is_null(s) && nd->source == -2))
        err(c, i, "source", "Nguồn điểm là self, appraisal hoặc system.");
    json_t *p = json_object_get(o, "params");
    nd->params = json_is_null(p) ? NULL : p;
}

/* Checks what depends on the whole tree: parents, leaves' methods, maxima. */
static void check_links(struct checker *c, struct ri_node *nodes, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!nodes[i].code[0]) continue;
        if (find_code(nodes, i, nodes[i].code) >= 0) err(c, i, "code", "Mã chỉ tiêu bị trùng.");
        char pc[RI_CODE_MAX] = "";
        if (ri_parent_code(nodes[i].code, pc, sizeof pc) < 0) pc[0] = 0;
        nodes[i].parent = pc[0] ? find_code(nodes, n, pc) : -1;
        if (pc[0] && nodes[i].parent < 0) err(c, i, "code", "Chưa có chỉ tiêu cha của mã này.");
    }
    for (size_t i = 0; i < n; i++) nodes[i].leaf = 1;
    for (size_t i = 0; i < n; i++)
        if (nodes[i].parent >= 0) nodes[nodes[i].parent].leaf = 0;
    for (size_t i = 0; i < n; i++) {
        struct ri_node *nd = &nodes[i];
        long long sum = 0;
        for (size_t j = 0; j < n; j++)
            if (nodes[j].parent == (int)i) {
                sum += nodes[j].max_h;
                if (nodes[j].max_h > nd->max_h)
                    err(c, j, "max", "Điểm tối đa không được vượt điểm tối đa của chỉ tiêu cha.");
            }
        if (!nd->leaf) {
            if (nd->method >= 0 || nd->source >= 0 || nd->params)
                err(c, i, "method", "Chỉ tiêu có chỉ tiêu con không có cách chấm, nguồn, params.");
            else if (sum < nd->max_h)
                err(c, i, "max", "Tổng điểm tối đa của các chỉ tiêu con nhỏ hơn điểm tối đa này.");
            nd->method = nd->source = -1;
            continue;
        }
        if (nd->method < 0) err(c, i, "method", "Chỉ tiêu lá cần cách chấm.");
        if (nd->source < 0) err(c, i, "source", "Chỉ tiêu lá cần nguồn điểm.");
        const char *bad =
            nd->method >= 0 && nd->source >= 0 && nd->max_h > 0 ? check_params(nd) : NULL;
        if (bad) err(c, i, "params", bad);
    }
}

size_t ri_tree_check(json_t *tree, struct ri_node *nodes, size_t cap, size_t *n,
                     struct ri_error *errs, size_t ecap) {
    struct checker c = {errs, ecap, 0};
    *n = 0;
    size_t len = json_array_size(tree);
    if (!json_is_array(tree) || len < 1 || len > cap || len > RI_NODES_MAX) {
        if (ecap) {
            snprintf(errs[0].field, sizeof errs[0].field, "criteria");
            errs[0].message = "Cây chỉ tiêu là danh sách từ 1 đến 400 chỉ tiêu.";
        }
        return 1;
    }
    for (size_t i = 0; i < len; i++) read_node(&c, i, json_array_get(tree, i), &nodes[i]);
    check_links(&c, nodes, len);
    *n = len;
    return c.count;
}

long long ri_ratio_points(long long max_h, long long pct_h, long long threshold_h) {
    if (threshold_h <= 0 || pct_h <= 0) return 0;
    if (pct_h >= threshold_h) return max_h;
    /* max_h <= 1e5 and pct_h <= 1e4: the product fits easily; half up, once */
    return (max_h * pct_h * 2 + threshold_h) / (threshold_h * 2);
}

static int score_choice(const struct ri_node *nd, const json_t *v, long long *pts) {
    json_t *list = json_object_get(nd->params, "choices");
    for (size_t i = 0; json_is_string(v) && i < json_array_size(list); i++) {
        json_t *c = json_array_get(list, i);
        if (strcmp(json_string_value(json_object_get(c, "label")), json_string_value(v)) == 0)
            return points_within(c, "points", nd->max_h, pts);
    }
    return -1;
}

static int score_bands(const struct ri_node *nd, const json_t *v, long long *pts) {
    if (!json_is_number(v) || !isfinite(json_number_value(v))) return -1;
    json_t *list = json_object_get(nd->params, "bands");
    *pts = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *b = json_array_get(list, i);
        if (json_number_value(v) >= json_number_value(json_object_get(b, "min")))
            points_within(b, "points", nd->max_h, pts);
    }
    return 0;
}

static int score_yesno(const struct ri_node *nd, const json_t *v, long long *pts) {
    if (!json_is_boolean(v)) return -1;
    const char *key = json_is_true(v) ? "yes" : "no";
    *pts = json_is_true(v) ? nd->max_h : 0;
    if (json_object_get(nd->params, key)) points_within(nd->params, key, nd->max_h, pts);
    return 0;
}

static int score_ratio(const struct ri_node *nd, const json_t *v, long long *pts) {
    long long pct = 0, th = 10000;
    json_t *t = json_object_get(nd->params, "threshold");
    if (t && percent_h(t, &th) < 0) return -1;
    if (ri_points_from_json(v, &pct) < 0 || pct > 10000) {
        /* a percent may carry more decimals than a score (a computed rate): round it */
        if (!json_is_real(v) || !(json_real_value(v) >= 0) || json_real_value(v) > 100) return -1;
        pct = (long long)floor(json_real_value(v) * 100.0 + 0.5);
    }
    *pts = ri_ratio_points(nd->max_h, pct, th);
    return 0;
}

int ri_score(const struct ri_node *nd, const json_t *value, long long *points_h, const char **msg) {
    static const char *const expect[] = {
        "Hãy chọn một trong các lựa chọn của chỉ tiêu.", "Giá trị phải là một số.",
        "Giá trị phải là true (có) hoặc false (không).", "Giá trị là tỷ lệ phần trăm từ 0 đến 100.",
        "Số điểm từ 0 đến điểm tối đa, tối đa 2 chữ số thập phân."};
    int rc = -1;
    *points_h = 0;
    switch (nd->method) {
    case RI_M_CHOICE:
        rc = score_choice(nd, value, points_h);
        break;
    case RI_M_BANDS:
        rc = score_bands(nd, value, points_h);
        break;
    case RI_M_YESNO:
        rc = score_yesno(nd, value, points_h);
        break;
    case RI_M_RATIO:
        rc = score_ratio(nd, value, points_h);
        break;
    case RI_M_POINTS:
        rc = ri_points_from_json(value, points_h) < 0 || *points_h > nd->max_h ? -1 : 0;
        break;
    default:
        if (msg) *msg = "Chỉ tiêu này không chấm trực tiếp.";
        return -1;
    }
    if (rc < 0) {
        *points_h = 0;
        if (msg) *msg = expect[nd->method];
    }
    if (*points_h > nd->max_h) *points_h = nd->max_h;
    return rc;
}

/* Depth of node i (an area is 1). */
static int depth(const struct ri_node *nodes, size_t i) {
    int d = 1;
    for (int p = nodes[i].parent; p >= 0 && d <= RI_DEPTH_MAX; p = nodes[p].parent) d++;
    return d;
}

void ri_rollup(const struct ri_node *nodes, size_t n, long long *pts) {
    for (size_t i = 0; i < n; i++) {
        if (!nodes[i].leaf) pts[i] = 0;
        if (pts[i] < 0) pts[i] = 0;
        if (nodes[i].leaf && pts[i] > nodes[i].max_h) pts[i] = nodes[i].max_h;
    }
    /* deepest first, so a node's children are final (capped) before they are added to it */
    for (int d = RI_DEPTH_MAX; d >= 2; d--)
        for (size_t i = 0; i < n; i++)
            if (nodes[i].parent >= 0 && depth(nodes, i) == d) {
                if (!nodes[i].leaf && pts[i] > nodes[i].max_h) pts[i] = nodes[i].max_h;
                pts[nodes[i].parent] += pts[i];
            }
    for (size_t i = 0; i < n; i++)
        if (pts[i] > nodes[i].max_h) pts[i] = nodes[i].max_h;
}

static int cmp_ranked(const void *a, const void *b) {
    const struct ri_ranked *x = a, *y = b;
    if (x->total_h != y->total_h) return x->total_h > y->total_h ? -1 : 1;
    return (x->name_rank > y->name_rank) - (x->name_rank < y->name_rank);
}

void ri_rank(struct ri_ranked *rk, size_t n) {
    if (n > 1) qsort(rk, n, sizeof *rk, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        rk[i].rank = i > 0 && rk[i].total_h == rk[i - 1].total_h ? rk[i - 1].rank : (int)i + 1;
}

long long ri_percent_h(long long total_h, long long max_h) {
    if (max_h <= 0 || total_h <= 0) return 0;
    return (total_h * 10000 * 2 + max_h) / (max_h * 2);
}

const char *ri_band(const json_t *bands, long long pct_h) {
    const char *best = NULL;
    long long best_min = -1;
    for (size_t i = 0; json_is_array(bands) && i < json_array_size(bands); i++) {
        json_t *b = json_array_get(bands, i);
        long long min;
        const char *label = json_string_value(json_object_get(b, "label"));
        json_t *m = json_object_get(b, "min");
        if (!label) continue;
        if (json_is_integer(m) && json_integer_value(m) == 0)
            min = 0;
        else if (percent_h(m, &min) < 0)
            continue;
        if (min <= pct_h && min > best_min) {
            best_min = min;
            best = label;
        }
    }
    return best;
}

/* --- import from a sheet --- */

enum { IC_CODE, IC_NAME, IC_MAX, IC_METHOD, IC_PARAMS, IC_SOURCE, IC_N };
static const char *const ic_keys[IC_N] = {"code", "name", "max", "method", "params", "source"};
/* Folded header names per column, NULL-terminated. */
static const char *const ic_names[IC_N][4] = {
    {"ma", "code", "ma tieu chi", NULL}, {"ten", "name", "ten tieu chi", NULL},
    {"diem toi da", "max", NULL},        {"cach cham", "method", "phuong phap cham", NULL},
    {"tham so", "params", NULL},         {"nguon", "source", "nguon diem", NULL},
};
/* Vietnamese names of methods and sources, folded, in ri_methods / ri_sources order. */
struct alias {
    const char *folded;
    int index;
};
static const struct alias method_names[] = {{"lua chon", RI_M_CHOICE},
                                            {"khoang", RI_M_BANDS},
                                            {"co/khong", RI_M_YESNO},
                                            {"co khong", RI_M_YESNO},
                                            {"ty le", RI_M_RATIO},
                                            {"diem", RI_M_POINTS},
                                            {NULL, 0}};
static const struct alias source_names[] = {
    {"tu cham", RI_S_SELF}, {"tham dinh", RI_S_APPRAISAL}, {"he thong", RI_S_SYSTEM}, {NULL, 0}};

/* The folded, trimmed text of a cell into out. */
static void folded(const char *cell, char *out, size_t cap) {
    vnfold(cell, strlen(cell), out, cap);
    size_t n = strlen(out);
    while (n && out[n - 1] == ' ') out[--n] = 0;
    size_t i = 0;
    while (out[i] == ' ') i++;
    memmove(out, out + i, n - i + 1);
}

/* The column of each key in row (-1 when absent): 1 when code, name and max are all there. */
static int header_of(const struct sheet_row *row, int col[IC_N]) {
    for (int k = 0; k < IC_N; k++) col[k] = -1;
    for (size_t i = 0; i < row->ncells && i < SHEET_MAX_CELLS; i++) {
        char f[64];
        folded(sheet_cell(row, i), f, sizeof f);
        for (int k = 0; k < IC_N; k++)
            if (col[k] < 0 && ri_index_of(ic_names[k], f) >= 0) col[k] = (int)i;
    }
    return col[IC_CODE] >= 0 && col[IC_NAME] >= 0 && col[IC_MAX] >= 0;
}

/* A number from text ("2,5", "2.5", " 3 "), as a JSON number, else the text itself. */
static json_t *number_cell(const char *t) {
    char buf[64];
    size_t n = 0;
    for (const char *p = t; *p && n + 1 < sizeof buf; p++)
        if (*p != ' ') buf[n++] = *p == ',' ? '.' : *p;
    buf[n] = 0;
    char *end = NULL;
    double d = n ? strtod(buf, &end) : 0;
    if (!n || !end || *end || !isfinite(d)) return json_string(t);
    if (d == floor(d) && fabs(d) < 1e15) return json_integer((json_int_t)d);
    return json_real(d);
}

/* A method or source cell: its code (by code or Vietnamese name), else the text itself. */
static json_t *name_cell(const char *t, const char *const *codes, const struct alias *names) {
    char f[64];
    folded(t, f, sizeof f);
    if (!f[0]) return json_null();
    int i = ri_index_of(codes, f);
    for (size_t k = 0; i < 0 && names[k].folded; k++)
        if (strcmp(names[k].folded, f) == 0) i = names[k].index;
    return i >= 0 ? json_string(codes[i]) : json_string(t);
}

/* One data row as a node object. */
static json_t *node_of(const struct sheet_row *row, const int col[IC_N]) {
    json_t *o = json_object();
    for (int k = 0; k < IC_N; k++) {
        const char *t = col[k] >= 0 ? sheet_cell(row, (size_t)col[k]) : "";
        json_t *v;
        if (k == IC_MAX)
            v = number_cell(t);
        else if (k == IC_METHOD)
            v = name_cell(t, ri_methods, method_names);
        else if (k == IC_SOURCE)
            v = name_cell(t, ri_sources, source_names);
        else if (k == IC_PARAMS) {
            v = *t ? json_loads(t, 0, NULL) : json_null();
            if (!v) v = json_string(t);
        } else {
            char trimmed[RI_NAME_MAX * 4 + 1];
            snprintf(trimmed, sizeof trimmed, "%s", t);
            size_t n = strlen(trimmed);
            while (n && (trimmed[n - 1] == ' ' || trimmed[n - 1] == '\n')) trimmed[--n] = 0;
            v = json_string(trimmed + strspn(trimmed, " \n"));
            if (!v) v = json_string("");
        }
        json_object_set_new(o, ic_keys[k], v ? v : json_null());
    }
    return o;
}

json_t *ri_tree_from_sheet(const struct sheet *s, long *rows, size_t cap, const char **err) {
    int col[IC_N];
    size_t h = 0;
    while (h < s->nrows && h < 10 && !header_of(&s->rows[h], col)) h++;
    if (h >= s->nrows || h >= 10) {
        *err = "Không tìm thấy dòng tiêu đề có các cột \"Mã\", \"Tên\" và \"Điểm tối đa\" trong 10 "
               "dòng đầu của tệp.";
        return NULL;
    }
    json_t *out = json_array();
    for (size_t i = h + 1; out && i < s->nrows; i++) {
        if (sheet_row_blank(&s->rows[i])) continue;
        if (json_array_size(out) >= cap || json_array_size(out) >= RI_NODES_MAX) {
            json_decref(out);
            *err = "Tệp có quá 400 chỉ tiêu.";
            return NULL;
        }
        rows[json_array_size(out)] = s->rows[i].num;
        json_array_append_new(out, node_of(&s->rows[i], col));
    }
    if (!out) *err = "Không đủ bộ nhớ để đọc tệp.";
    return out;
}
