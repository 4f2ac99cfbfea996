/* impact_clock: the appraisal deadline of an impact assessment in working days. Pure. */
#include "core/impact_clock.h"

#include <string.h>

#include "core/rule_json.h"

void impact_rules_from_json(const json_t *o, struct impact_rules *out) {
    out->appraisal_days = 10;
    strcpy(out->appraiser_code, "STP");
    if (!json_is_object(o)) return;
    rule_int(o, "appraisal_days", 1, 250, &out->appraisal_days);
    const char *code = json_string_value(json_object_get(o, "appraiser_unit_code"));
    /* A code that does not fit a unit code (1..32 bytes) keeps the default, never a cut one. */
    if (code && *code && strlen(code) < sizeof out->appraiser_code) strcpy(out->appraiser_code, code);
}

void impact_clock(struct ymd sent, int days, struct ymd appraised, const struct holidays *h,
                  struct ymd today, struct impact_clock *out) {
    memset(out, 0, sizeof *out);
    if (sent.y == 0 || days <= 0) return;
    struct ymd due = add_working_days(sent, days, h);
    if (!ymd_valid(due)) return;
    out->due = due;
    if (appraised.y != 0) {
        out->overdue = ymd_cmp(appraised, due) > 0;
        return;
    }
    out->days_left = working_days_between(today, due, h);
    out->overdue = ymd_cmp(today, due) > 0;
}
