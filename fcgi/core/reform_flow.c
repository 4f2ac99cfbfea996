/* reform_flow: allowed status moves of the reform registries. Pure. */
#include "core/reform_flow.h"

#include <stdio.h>
#include <string.h>

/* An internal procedure: proposed for simplification, then simplified or abolished; a proposal
 * round may be dropped (back in force) and a simplified one may be proposed again. Abolished is
 * final. */
const struct flow_edge internal_procedure_flow[] = {
    {"in_force", "proposed"},    {"in_force", "abolished"},
    {"proposed", "in_force"},    {"proposed", "simplified"},
    {"proposed", "abolished"},   {"simplified", "proposed"},
    {"simplified", "abolished"}, {NULL, NULL},
};

/* A simplification proposal: the Provincial Office accepts or rejects it; an accepted one is
 * implemented by a document. Rejected and implemented are final. */
const struct flow_edge internal_proposal_flow[] = {
    {"proposed", "accepted"},
    {"proposed", "rejected"},
    {"accepted", "implemented"},
    {"accepted", "rejected"},
    {NULL, NULL},
};

const struct flow_edge impact_flow[] = {
    {"draft", "sent"},
    {"sent", "appraised"},
    {NULL, NULL},
};

/* An initiative is assessed (again, while undecided) before the decision. */
const struct flow_edge initiative_flow[] = {
    {"proposed", "assessed"},
    {"assessed", "assessed"},
    {"assessed", "adopted"},
    {"assessed", "not_adopted"},
    {NULL, NULL},
};

int flow_allows(const struct flow_edge *t, const char *from, const char *to) {
    if (!from || !to) return 0;
    for (; t->from; t++)
        if (strcmp(t->from, from) == 0 && strcmp(t->to, to) == 0) return 1;
    return 0;
}

void flow_allowed_json(const struct flow_edge *t, const char *from, char *out, size_t cap) {
    size_t o = 0;
    out[o++] = '[';
    for (; from && t->from; t++) {
        if (strcmp(t->from, from) != 0) continue;
        size_t need = strlen(t->to) + 3 + (o > 1);
        if (o + need + 2 > cap) break;
        o += (size_t)snprintf(out + o, cap - o, "%s\"%s\"", o > 1 ? "," : "", t->to);
    }
    out[o++] = ']';
    out[o] = '\0';
}
