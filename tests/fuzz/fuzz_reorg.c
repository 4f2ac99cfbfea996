/* libFuzzer target for core/reorg: the bytes as a reorganisation body against a small tree;
 * checks that the problems reported are the ones counted and that an accepted plan names only
 * known units, ends each at most once and points only at units that stay or are created. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/reorg.h"

static const struct reorg_unit U[] = {
    {1, 0, 0, "province", "2000-01-01", 0}, {2, 1, 0, "department", "2000-01-01", 0},
    {3, 1, 0, "district", "2000-01-01", 0}, {4, 3, 0, "commune", "2000-01-01", 0},
    {5, 3, 0, "commune", "2000-01-01", 0},  {6, 3, 0, "onestop", "2000-01-01", 0},
    {7, 6, 0, "onestop", "2000-01-01", 0},  {8, 3, 4, "commune", "2000-01-01", 1},
    {9, 0, 0, "province", "2000-01-01", 0}, {10, 9, 0, "department", "2024-01-01", 0},
};
#define NU (sizeof U / sizeof U[0])
static const struct reorg_edge H[] = {{5, 2}};

static void count(void *ctx, const char *field, const char *msg) {
    if (!field || !*field || !msg || !*msg) abort();
    (*(int *)ctx)++;
}

static long at(long long id) {
    for (size_t i = 0; i < NU; i++)
        if (U[i].id == id) return (long)i;
    return -1;
}

static void check_plan(const struct reorg_plan *p) {
    int ended[NU] = {0};
    for (size_t i = 0; i < p->nchanges; i++) {
        const struct reorg_change *c = &p->changes[i];
        long u = at(c->id);
        if (u < 0 || U[u].ended) abort();
        if (c->to == 0 && (c->target < 0 || (size_t)c->target >= p->nnews)) abort();
        if (c->to && (at(c->to) < 0 || U[at(c->to)].ended)) abort();
        if (c->kind != REORG_MOVE && ended[u]++) abort();
    }
    for (size_t i = 0; i < p->nchanges; i++) /* nothing points at an ended unit */
        if (p->changes[i].to && ended[at(p->changes[i].to)]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_t *j = json_loadb((const char *)data, size, 0, NULL);
    if (!j) return 0;
    struct reorg_plan p;
    int n = 0;
    int k = reorg_plan_make(json_object_get(j, "merge"), json_object_get(j, "retire"),
                            json_object_get(j, "move"), "2025-07-01", U, NU, H, 1, &p, count, &n);
    if (k >= 0 && k != n) abort();
    if (k == 0) check_plan(&p);
    reorg_plan_free(&p);
    json_decref(j);
    return 0;
}
