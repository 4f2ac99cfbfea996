/* rule_json: a rule set's integers and day lists, each bad value keeping its default. */
#include "core/rule_json.h"

void rule_int(const json_t *o, const char *name, int lo, int hi, int *out) {
    json_t *v = json_object_get(o, name);
    if (!json_is_integer(v)) return;
    json_int_t x = json_integer_value(v);
    if (x >= lo && x <= hi) *out = (int)x;
}

void rule_day_list(const json_t *o, const char *name, int max, int out[8], int *n) {
    json_t *a = json_object_get(o, name);
    size_t i, len = json_array_size(a);
    json_t *v;
    if (!json_is_array(a) || len > 8) return;
    json_array_foreach(a, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max) return;
    }
    json_array_foreach(a, i, v) out[i] = (int)json_integer_value(v);
    *n = (int)len;
}
