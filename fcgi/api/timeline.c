/* POST /api/v1/timeline/parse: the timeline parser for any signed-in user (forms preview it). */
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"

struct timeline_input {
    const char *text;
    long long year;
};
static const struct in_decl timeline_fields[] = {
    IN_FIELD(struct timeline_input, text, IN_STR, IN_REQUIRED, 0, 2000, NULL),
    IN_FIELD(struct timeline_input, year, IN_INT, IN_REQUIRED, 1990, 2100, NULL),
};
const struct in_spec in_timeline_parse = IN_SPEC(struct timeline_input, timeline_fields);

int h_timeline_parse(req_t *r) {
    const struct timeline_input *in = r->body_in;
    struct timeline t;
    timeline_parse(in->text, (int)in->year, &t);
    res_json(r, 200, timeline_to_json(&t, NULL));
    return 0;
}
