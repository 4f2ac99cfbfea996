/* rule_check: whether a new version of a rule set fits what every reader of that set expects,
 * and the changed paths between two versions. Pure. */
#ifndef KSTT_CORE_RULE_CHECK_H
#define KSTT_CORE_RULE_CHECK_H

#include <jansson.h>

/* The rule sets an administrator may version, NULL-terminated. */
extern const char *const rule_set_names[];
/* 1 when name is one of rule_set_names. */
int rule_set_known(const char *name);

/* Called once per problem: field as "rules.weights.online" or "rules.bands[2].min", a
 * Vietnamese message. */
typedef void (*rule_err_fn)(void *ctx, const char *field, const char *msg);
/* Checks rules (the whole JSON document of a version) for set name: every key known, every
 * value in the range its reader accepts, sums and orders as the rules require. The number of
 * problems reported (0: valid). An unknown name is one problem at "name". */
int rule_check(const char *name, const json_t *rules, rule_err_fn err, void *ctx);
/* The unit code a version names (impact, reform_index: appraiser_unit_code), NULL when none:
 * the caller checks that such a unit exists. */
const char *rule_unit_code(const char *name, const json_t *rules);

/* Appends to out (an array) one {"path", "old", "new"} per changed leaf between a and b (either
 * may be NULL: everything added or removed); a missing side is JSON null. Paths as in
 * rule_check without the "rules." prefix. 0, or -1 when out of memory. */
int rule_diff(const json_t *a, const json_t *b, json_t *out);

#endif
