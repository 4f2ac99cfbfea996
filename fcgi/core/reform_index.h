/* reform_index: the administrative reform index (Chỉ số CCHC): the criteria tree's checks, a
 * leaf's points by its scoring method, the roll-up under each node's maximum, the competition
 * ranking and the classification bands. Points are integers in hundredths. Pure. */
#ifndef KSTT_CORE_REFORM_INDEX_H
#define KSTT_CORE_REFORM_INDEX_H

#include <jansson.h>
#include <stddef.h>

#include "core/sheet.h"

#define RI_POINTS_MAX_H 100000LL /* a node's maximum: 1,000 points, in hundredths */
#define RI_CODE_MAX     24       /* "12.3.4.5" and room */
#define RI_DEPTH_MAX    4        /* area, criterion, sub-criterion, detail */
#define RI_NODES_MAX    400
#define RI_NAME_MAX     1000 /* characters */
#define RI_CHOICES_MAX  20
#define RI_BANDS_MAX    20

enum ri_method { RI_M_CHOICE, RI_M_BANDS, RI_M_YESNO, RI_M_RATIO, RI_M_POINTS, RI_M_COUNT };
enum ri_source { RI_S_SELF, RI_S_APPRAISAL, RI_S_SYSTEM, RI_S_COUNT };
extern const char *const ri_methods[]; /* "choice", "bands", "yesno", "ratio", "points", NULL */
extern const char *const ri_sources[]; /* "self", "appraisal", "system", NULL */
/* The figures a system criterion may be computed from (ratio method, params.metric). */
extern const char *const ri_metrics[]; /* NULL-terminated */

/* One node of a checked tree. */
struct ri_node {
    char code[RI_CODE_MAX];
    int parent;      /* index of the parent, -1 for an area */
    int leaf;        /* 1 when no node names it as parent */
    long long max_h; /* maximum points, hundredths */
    int method;      /* enum ri_method; -1 for a parent */
    int source;      /* enum ri_source; -1 for a parent */
    json_t *params;  /* borrowed; NULL for a parent or none */
};

struct ri_error {
    char field[48];
    const char *message; /* Vietnamese */
};
#define RI_ERRORS_MAX 64

/* A points value given as a JSON number (up to 2 decimals, 0..RI_POINTS_MAX_H hundredths) in
 * hundredths: 0, or -1 when it is not such a number. */
int ri_points_from_json(const json_t *v, long long *hundredths);
/* 1 when code is numbers 1..999 without leading zeros joined by dots, at most RI_DEPTH_MAX. */
int ri_code_valid(const char *code);
/* The parent code of code into out ("1.1.2" -> "1.1", "1" -> ""): 0, -1 when it does not fit. */
int ri_parent_code(const char *code, char *out, size_t cap);
/* The index of s in a NULL-terminated list, or -1. */
int ri_index_of(const char *const *list, const char *s);

/*
 * Checks a tree [{code, name, max, method, params, source}] and fills nodes[0..*n) in its order:
 * codes valid and unique, each parent present, a leaf with a method and a source (a parent with
 * neither), well-formed parameters whose points stay within the node's maximum, a child's
 * maximum within its parent's and the children's maxima adding up to at least the parent's.
 * Errors go to errs (fields such as "[3].max"): their count (0 when the tree is good).
 */
size_t ri_tree_check(json_t *tree, struct ri_node *nodes, size_t cap, size_t *n,
                     struct ri_error *errs, size_t ecap);

/* A leaf's points from the value its method expects (choice label, number, boolean, percent, or
 * points): 0 with *points_h set, or -1 with *msg naming what was expected. */
int ri_score(const struct ri_node *nd, const json_t *value, long long *points_h, const char **msg);
/* Ratio method: percent (0..100, hundredths of a percent) scored proportionally up to the
 * threshold (hundredths of a percent, > 0), rounded half up to a hundredth of a point. */
long long ri_ratio_points(long long max_h, long long pct_h, long long threshold_h);

/* The roll-up: leaf points in pts[i] (leaves only; parents ignored) become each node's points,
 * a node the sum of its children, capped at its maximum (a leaf too). nodes in any order. */
void ri_rollup(const struct ri_node *nodes, size_t n, long long *pts);

/* A unit's total in the ranking. */
struct ri_ranked {
    long long total_h;
    int name_rank; /* its place in name order */
    int rank;      /* out: competition rank (1, 2, 2, 4) */
    void *item;
};
/* Sorts by total (highest first), then name order, and sets competition ranks. */
void ri_rank(struct ri_ranked *rk, size_t n);

/* percent of max in hundredths of a percent, rounded half up; 0 when max is 0. */
long long ri_percent_h(long long total_h, long long max_h);
/* The band of a percent (hundredths) from a rule set's list [{"min": percent, "label": "..."}]:
 * the label of the band with the highest min not above pct_h; NULL when none or not a list. */
const char *ri_band(const json_t *bands, long long pct_h);

/*
 * The tree of an imported sheet (one row per node): the header row, among the first 10, names the
 * columns (compared folded: "mã"/"code", "tên"/"name", "điểm tối đa"/"max", "cách chấm"/"method",
 * "tham số"/"params", "nguồn"/"source"; code, name and max required). Each later non-blank row
 * becomes {code, name, max, method, params, source}: max a number ("2,5" or "2.5"), method and
 * source by their codes or Vietnamese names (lựa chọn, khoảng, có/không, tỷ lệ, điểm; tự chấm,
 * thẩm định, hệ thống), params JSON text; an empty cell is null; a cell that cannot be read is
 * kept as text so that ri_tree_check names it. rows[i] gets the sheet row of node i (cap nodes).
 * Returns the array (new), or NULL with *err set (no header, too many rows, out of memory).
 */
json_t *ri_tree_from_sheet(const struct sheet *s, long *rows, size_t cap, const char **err);

#endif
