/* reorg: checks a reorganisation of the unit tree (merges, retirements, moves from one date)
 * against the current units and turns it into a list of changes. Pure. */
#ifndef KSTT_CORE_REORG_H
#define KSTT_CORE_REORG_H

#include <jansson.h>
#include <stddef.h>

/* A unit as it stands before the reorganisation. */
struct reorg_unit {
    long long id, parent_id, successor_id; /* 0: none */
    char level[16];
    char valid_from[11]; /* YYYY-MM-DD */
    int ended;           /* valid_to is set */
};

/* A former effective parent kept for history (unit_parent_history). */
struct reorg_edge {
    long long unit_id, parent_id;
};

/* A unit a merge creates ("into" given as an object); strings borrowed from the body. */
struct reorg_new {
    const char *code, *name, *level;
    long long parent_id; /* 0: none (a province) */
};

enum reorg_kind { REORG_MERGE, REORG_RETIRE, REORG_MOVE };

/* One change. The unit it leads to is the existing unit `to`, or, when `to` is 0, the new unit
 * news[target]. A merge and a retirement end the unit (successor: that unit); a move changes
 * the parent to it. */
struct reorg_change {
    enum reorg_kind kind;
    long long id;
    long long to;
    int target;            /* index in news, or -1 */
    long long from_parent; /* the effective parent before (parent_id, or successor_id) */
    int automatic;         /* a move of an active child of an ended unit to its successor */
    /* from_parent stays an ancestor (unit_parent_history): for an ended unit, and for a move out
     * of a unit this plan ends; a move between two units that stay has none, so the old parent
     * never reaches the unit's new work. */
    int keep_history;
};

struct reorg_plan {
    struct reorg_new *news;
    size_t nnews;
    struct reorg_change *changes;
    size_t nchanges;
};

/* Called once per problem: field as "merge[0].from[1]", "retire[2]", "move[1].parent_id",
 * "effective_from"; a Vietnamese message. */
typedef void (*reorg_err_fn)(void *ctx, const char *field, const char *msg);

/* Checks merge, retire and move (each NULL or the JSON of the request body) for effective_from
 * ("YYYY-MM-DD") against units (any order) and the history edges, and fills plan: the merges
 * and retirements in the order given, then the explicit moves, then the automatic moves of the
 * remaining active children of ended units. Returns the number of problems (0: plan filled),
 * or -1 when out of memory. The plan must be released with reorg_plan_free in every case. */
int reorg_plan_make(const json_t *merge, const json_t *retire, const json_t *move,
                    const char *effective_from, const struct reorg_unit *units, size_t nunits,
                    const struct reorg_edge *hist, size_t nhist, struct reorg_plan *plan,
                    reorg_err_fn err, void *ctx);
void reorg_plan_free(struct reorg_plan *plan);

/* 1 when a unit of level child may hang under a parent of level parent (NULL: no parent) in
 * the tree after 2025: communes under a district or, with districts gone, the province. */
int reorg_parent_level_ok(const char *child, const char *parent);

#endif
