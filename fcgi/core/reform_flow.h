/* reform_flow: the status workflows of the reform registries (internal procedures and their
 * simplification proposals, impact assessments, initiatives) as tables of allowed moves. Pure. */
#ifndef KSTT_CORE_REFORM_FLOW_H
#define KSTT_CORE_REFORM_FLOW_H

#include <stddef.h>

/* One allowed move from a status to another. A table ends with {NULL, NULL}. */
struct flow_edge {
    const char *from, *to;
};

extern const struct flow_edge internal_procedure_flow[];
extern const struct flow_edge internal_proposal_flow[];
extern const struct flow_edge impact_flow[];
extern const struct flow_edge initiative_flow[];

/* 1 when the table allows from -> to (staying put is not a move: 0). */
int flow_allows(const struct flow_edge *t, const char *from, const char *to);
/* The statuses reachable from `from` as a JSON array text ("[\"a\",\"b\"]"), for a 409's
 * allowed list; cut (still valid JSON) when it does not fit cap (at least 3). */
void flow_allowed_json(const struct flow_edge *t, const char *from, char *out, size_t cap);

#endif
