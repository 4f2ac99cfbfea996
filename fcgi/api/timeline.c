/* POST /api/v1/timeline/parse: the timeline parser for any signed-in user (forms preview it). */
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"

int h_timeline_parse(req_t *r) {
    if (req_json(r) < 0) return -1;
    const char *text = NULL;
    long long year = 0;
    const struct in_field f[] = {
        {"text", IN_STR, 1, 0, 0, 2000, NULL, &text, NULL},
        {"year", IN_INT, 1, 0, 1990, 2100, NULL, &year, NULL},
    };
    if (input_check(r, r->json, f, 2) < 0) return -1;
    struct timeline t;
    timeline_parse(text, (int)year, &t);
    res_json(r, 200, timeline_to_json(&t, NULL));
    return 0;
}
