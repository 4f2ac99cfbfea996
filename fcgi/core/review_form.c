/* The review form's components and its checks for a draft and for submitting. Pure. */
#include "core/review_form.h"

#include <stdio.h>
#include <string.h>

#include "lib/utf8.h"

const char *const rv_component_keys[] = {
    "name",   "steps", "way",  "dossier",      "time_limit", "subjects",
    "agency", "fee",   "form", "requirements", "result",     NULL,
};
const char *const rv_component_labels[] = {
    "Tên thủ tục",         "Trình tự thực hiện",  "Cách thức thực hiện", "Thành phần hồ sơ",
    "Thời hạn giải quyết", "Đối tượng thực hiện", "Cơ quan thực hiện",   "Phí, lệ phí",
    "Mẫu đơn, tờ khai",    "Yêu cầu, điều kiện",  "Kết quả thực hiện",   NULL,
};
const char *const rv_proposals[] = {"keep", "amend", "replace", "abolish", "simplify", NULL};

static const char *const answer_keys[] = {"necessary", "reasonable", "lawful"};

int rv_component_index(const char *key) {
    for (int i = 0; key && rv_component_keys[i]; i++)
        if (strcmp(rv_component_keys[i], key) == 0) return i;
    return -1;
}

static int proposal_ok(const char *p) {
    for (int i = 0; p && rv_proposals[i]; i++)
        if (strcmp(rv_proposals[i], p) == 0) return 1;
    return 0;
}

static int blank(const char *s) {
    if (!s) return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return 0;
    return 1;
}

struct errs {
    struct rv_error *e;
    size_t n, cap;
};

static void add(struct errs *x, const char *field, int i, const char *msg) {
    if (x->n >= x->cap) {
        x->n++;
        return;
    }
    if (i >= 0)
        snprintf(x->e[x->n].field, sizeof x->e[x->n].field, "components[%d]%s%s", i,
                 field ? "." : "", field ? field : "");
    else
        snprintf(x->e[x->n].field, sizeof x->e[x->n].field, "%s", field);
    x->e[x->n].message = msg;
    x->n++;
}

/* A text member: absent or null, or a string of at most RV_TEXT_MAX characters. */
static int text_ok(json_t *v) {
    if (!v || json_is_null(v)) return 1;
    return json_is_string(v) && utf8_chars(json_string_value(v)) <= RV_TEXT_MAX;
}

static const char *str_of(json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}

/* The types of one component's members. */
static void check_types(json_t *c, int i, struct errs *x) {
    const char *k;
    json_t *v;
    json_object_foreach(c, k, v) {
        int known = !strcmp(k, "component") || !strcmp(k, "reason") || !strcmp(k, "proposal") ||
                    !strcmp(k, "change");
        for (int a = 0; a < 3; a++)
            if (!strcmp(k, answer_keys[a])) {
                known = 1;
                if (!json_is_null(v) && !json_is_boolean(v))
                    add(x, k, i, "Chỉ nhận có (true), không (false) hoặc chưa trả lời (null).");
            }
        if (!known) add(x, k, i, "Trường này không được nhận.");
    }
    if (!text_ok(json_object_get(c, "reason")))
        add(x, "reason", i, "Lý do là văn bản, tối đa 4000 ký tự.");
    if (!text_ok(json_object_get(c, "change")))
        add(x, "change", i, "Nội dung đề xuất là văn bản, tối đa 4000 ký tự.");
    json_t *p = json_object_get(c, "proposal");
    if (p && !json_is_null(p) && !proposal_ok(json_string_value(p)))
        add(x, "proposal", i,
            "Đề xuất là một trong: giữ nguyên, sửa đổi, thay thế, bãi bỏ, đơn giản hóa.");
}

/* What submitting needs of one component. */
static void check_complete(json_t *c, int i, struct errs *x) {
    int no = 0;
    for (int a = 0; a < 3; a++) {
        json_t *v = json_object_get(c, answer_keys[a]);
        if (!json_is_boolean(v))
            add(x, answer_keys[a], i, "Hãy trả lời có hoặc không.");
        else if (!json_is_true(v))
            no = 1;
    }
    if (no && blank(str_of(c, "reason")))
        add(x, "reason", i,
            "Hãy nêu lý do khi bộ phận không cần thiết, không hợp lý hoặc không hợp pháp.");
    const char *p = str_of(c, "proposal");
    if (!p)
        add(x, "proposal", i, "Hãy chọn đề xuất cho bộ phận này.");
    else if (strcmp(p, "keep") != 0 && blank(str_of(c, "change")))
        add(x, "change", i, "Hãy ghi nội dung cụ thể của đề xuất.");
}

/* The form's own proposal and change text, and whether every component is there: first, so
 * that they are reported even when the components' errors fill errs. */
static void check_form(json_t *components, const char *proposal, const char *change, int complete,
                       struct errs *x) {
    int seen[RV_NCOMPONENTS] = {0}, changes = 0;
    size_t i;
    json_t *c;
    json_array_foreach(components, i, c) {
        int at = rv_component_index(str_of(c, "component"));
        const char *p = str_of(c, "proposal");
        if (at >= 0) seen[at] = 1;
        if (at >= 0 && p && strcmp(p, "keep") != 0) changes = 1;
    }
    if (proposal && !proposal_ok(proposal))
        add(x, "proposal", -1,
            "Đề xuất là một trong: giữ nguyên, sửa đổi, thay thế, bãi bỏ, đơn giản hóa.");
    if (!complete) return;
    for (int k = 0; k < RV_NCOMPONENTS; k++)
        if (!seen[k]) {
            add(x, "components", -1, "Hãy đánh giá đủ mười một bộ phận của thủ tục.");
            break;
        }
    if (!proposal)
        add(x, "proposal", -1, "Hãy chọn phương án chung cho thủ tục.");
    else if (strcmp(proposal, "keep") != 0 && blank(change))
        add(x, "change_text", -1, "Hãy ghi nội dung cụ thể của phương án đơn giản hóa.");
    else if (!strcmp(proposal, "keep") && changes)
        add(x, "proposal", -1,
            "Có bộ phận được đề xuất thay đổi: phương án chung không thể là giữ nguyên.");
}

size_t rv_check(json_t *components, const char *proposal, const char *change, int complete,
                struct rv_error *errs, size_t cap) {
    struct errs x = {errs, 0, cap};
    if (components && !json_is_array(components)) {
        add(&x, "components", -1, "Danh sách bộ phận phải là một mảng.");
        return x.n;
    }
    check_form(components, proposal, change, complete, &x);
    int seen[RV_NCOMPONENTS] = {0};
    size_t i;
    json_t *c;
    json_array_foreach(components, i, c) {
        int at = json_is_object(c) ? rv_component_index(str_of(c, "component")) : -1;
        if (at < 0) {
            add(&x, "component", (int)i, "Bộ phận không thuộc biểu mẫu rà soát.");
            continue;
        }
        if (seen[at]++) add(&x, "component", (int)i, "Bộ phận này đã có trong biểu mẫu.");
        check_types(c, (int)i, &x);
        if (complete) check_complete(c, (int)i, &x);
    }
    return x.n;
}

json_t *rv_normalise(json_t *components) {
    json_t *out = json_array();
    for (int k = 0; out && k < RV_NCOMPONENTS; k++) {
        json_t *given = NULL, *c;
        size_t i;
        json_array_foreach(components, i, c) {
            if (rv_component_index(str_of(c, "component")) == k) given = c;
        }
        json_t *row = json_pack(
            "{s:s,s:O?,s:O?,s:O?,s:O?,s:O?,s:O?}", "component", rv_component_keys[k], "necessary",
            json_object_get(given, "necessary"), "reasonable", json_object_get(given, "reasonable"),
            "lawful", json_object_get(given, "lawful"), "reason", json_object_get(given, "reason"),
            "proposal", json_object_get(given, "proposal"), "change",
            json_object_get(given, "change"));
        if (!row || json_array_append_new(out, row) < 0) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}
