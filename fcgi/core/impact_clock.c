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
    if (code && *code && strlen(code) < sizeof out->appraiser_code)
        strcpy(out->appraiser_code, code);
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

static const char *const actions[] = {"create", "change", "abolish", NULL};

static int in_list(const char *s, const char *const *list) {
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

/* Characters of UTF-8 text (continuation bytes not counted). */
static size_t chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *procedure_error(const json_t *x) {
    const char *action = json_string_value(json_object_get(x, "action"));
    const char *name = json_string_value(json_object_get(x, "name"));
    const json_t *pid = json_object_get(x, "procedure_id");
    if (!json_is_object(x) || !in_list(action, actions))
        return "Mỗi thủ tục phải có hành động: ban hành mới, sửa đổi hoặc bãi bỏ.";
    if (!name || chars(name) < 1 || chars(name) > 500)
        return "Mỗi thủ tục phải có tên (tối đa 500 ký tự).";
    if (pid && !json_is_null(pid) &&
        (!json_is_integer(pid) || json_integer_value(pid) <= 0 || strcmp(action, "create") == 0))
        return "Mã thủ tục trong danh mục chỉ dùng cho thủ tục sửa đổi, bãi bỏ và phải là số "
               "dương.";
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)x, key, v) {
        if (!in_list(key, (const char *const[]){"action", "name", "procedure_id", NULL}))
            return "Thủ tục có trường không được nhận.";
    }
    return NULL;
}

const char *impact_procedures_error(const json_t *a) {
    if (!json_is_array(a) || json_array_size(a) > 100)
        return "Danh sách thủ tục phải là một mảng, tối đa 100 thủ tục.";
    size_t i;
    const json_t *x;
    json_array_foreach(a, i, x) {
        const char *e = procedure_error(x);
        if (e) return e;
    }
    return NULL;
}

static const char *const answer_keys[] = {"necessity", "reasonableness", "lawfulness", "cost",
                                          NULL};

const char *impact_answers_error(const json_t *o) {
    if (!json_is_object(o)) return "Phần trả lời đánh giá phải là một đối tượng.";
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (strcmp(key, "cost_vnd") == 0) {
            if (!json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 0 ||
                                     json_integer_value(v) > 1000000000000000LL))
                return "Chi phí tuân thủ (đồng) phải là số nguyên từ 0.";
        } else if (!in_list(key, answer_keys)) {
            return "Phần trả lời có trường không được nhận.";
        } else if (!json_is_null(v) && (!json_is_string(v) || chars(json_string_value(v)) > 8000)) {
            return "Mỗi câu trả lời là văn bản, tối đa 8000 ký tự.";
        }
    }
    return NULL;
}
