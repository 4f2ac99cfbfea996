/* report_tree: a periodic report's figure tree (JSON): figures by path, corrections over the
 * computed figures, sums of children's trees, the short per-child summary. Pure. */
#ifndef KSTT_CORE_REPORT_TREE_H
#define KSTT_CORE_REPORT_TREE_H

#include <jansson.h>

/* The integer leaf at path in tables: 1 found (*value set), 0 no such figure, -1 bad path
 * syntax (empty segment, over 200 bytes, more than 6 segments). A keyed row's "field_id" and
 * "type" say what the row is about: they are no figures (0). */
int report_figure_get(const json_t *tables, const char *path, long long *value);
/* A deep copy of computed with each correction's value put at its path; corrections whose path
 * names no figure are skipped (returned count says how many applied). NULL on no memory.
 * A correction is {"path", "value", ...}; one whose value is not a non-negative integer is
 * skipped too (figures are counts). computed NULL: an empty object. */
json_t *report_apply_corrections(const json_t *computed, const json_t *corrections, int *applied);
/* Adds add into acc: integer leaves summed; arrays of keyed rows merged by key (a row missing
 * in acc is deep-copied in, its order kept: acc's rows first, then new keys in add's order);
 * arrays of objects without "key" concatenated; strings and other values kept from acc (taken
 * from add when acc lacks them). 0 ok, -1 no memory (acc is then partly added to: drop it).
 * Sums stop at the largest integer instead of wrapping; a keyed row's "field_id" and "type"
 * are kept from acc, not summed. add may be acc (doubles it). */
int report_tree_add(json_t *acc, const json_t *add);
/* The short form for per-child breakdowns: dossiers.total, feedback without by_type,
 * procedures, plan without overdue_list, at the same paths ({"dossiers": {"total": ...},
 * "feedback": ..., "procedures": ..., "plan": ...}; a part tables lacks is left out). New
 * reference; NULL when tables is not an object (or on no memory). */
json_t *report_tree_summary(const json_t *tables);

#endif
