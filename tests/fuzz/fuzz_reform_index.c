/* libFuzzer target for core/reform_index: any bytes read as a CSV sheet become a criteria tree or
 * a reason; the tree is checked without harm; a tree that passes scores every leaf from any value
 * the input's JSON gives, rolls up within each node's maximum and ranks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/reform_index.h"

static void check_tree(json_t *tree, const uint8_t *data, size_t size) {
    static struct ri_node nodes[RI_NODES_MAX];
    struct ri_error errs[RI_ERRORS_MAX];
    size_t n = 0;
    if (ri_tree_check(tree, nodes, RI_NODES_MAX, &n, errs, RI_ERRORS_MAX) != 0) return;
    long long pts[RI_NODES_MAX];
    json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    for (size_t i = 0; i < n; i++) {
        pts[i] = 0;
        const char *msg = NULL;
        if (nodes[i].leaf && ri_score(&nodes[i], v, &pts[i], &msg) < 0 && !msg) abort();
        if (pts[i] < 0 || pts[i] > nodes[i].max_h) abort();
    }
    json_decref(v);
    ri_rollup(nodes, n, pts);
    struct ri_ranked rk[RI_NODES_MAX];
    for (size_t i = 0; i < n; i++) {
        if (pts[i] < 0 || pts[i] > nodes[i].max_h) abort();
        rk[i] = (struct ri_ranked){pts[i], (int)i, 0, NULL};
    }
    ri_rank(rk, n);
    for (size_t i = 1; i < n; i++)
        if (rk[i].rank < rk[i - 1].rank || rk[i].total_h > rk[i - 1].total_h) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct sheet s;
    char err[300];
    if (csv_read((const char *)data, size, &s, err, sizeof err) == 0) {
        long rows[RI_NODES_MAX];
        const char *why = NULL;
        json_t *tree = ri_tree_from_sheet(&s, rows, RI_NODES_MAX, &why);
        if (!tree && !why) abort();
        if (tree) check_tree(tree, data, size);
        json_decref(tree);
    }
    sheet_free(&s);
    /* the bytes as a JSON tree, as PUT receives it */
    json_t *t = json_loadb((const char *)data, size, 0, NULL);
    if (t) check_tree(t, data, size);
    json_decref(t);
    return 0;
}
