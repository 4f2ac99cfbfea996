/* rule_json: reading a rule set's numbers (rule_sets.rules_json) so that a bad value keeps the
 * default key by key, never half a value. Pure. */
#ifndef KSTT_CORE_RULE_JSON_H
#define KSTT_CORE_RULE_JSON_H

#include <jansson.h>

/* Member name of o when it is an integer within [lo, hi], into *out; anything else leaves *out. */
void rule_int(const json_t *o, const char *name, int lo, int hi, int *out);
/* Member name of o when it is a list of at most 8 integers within [0, max], into out[0..*n);
 * one bad element keeps the whole default list (half a list would remind on days nobody chose). */
void rule_day_list(const json_t *o, const char *name, int max, int out[8], int *n);

#endif
