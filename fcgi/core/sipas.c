/* The satisfaction survey's pure logic: question and scale checks, answer checks, figures. */
#include "core/sipas.h"

#include <stdio.h>
#include <string.h>

#include "lib/utf8.h"

const char *const sp_groups[] = {"access", "procedures", "officials", "results", "feedback", NULL};
const char *const sp_group_labels[] = {
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết công việc",
    "Kết quả giải quyết thủ tục hành chính",
    "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
    NULL,
};

/* Records one error when there is room; returns the new count (always counted). */
static size_t err_add(struct sp_error *errs, size_t max, size_t n, const char *field,
                      const char *message) {
    if (n < max) {
        snprintf(errs[n].field, sizeof errs[n].field, "%s", field);
        errs[n].message = message;
    }
    return n + 1;
}

/* 1 when v is a string of 1..max characters. */
static int text_ok(json_t *v, size_t max) {
    const char *s = json_string_value(v);
    size_t n = s ? utf8_chars(s) : 0;
    return s && n >= 1 && n <= max;
}

/* 1 when code is 1..SP_CODE_MAX of [A-Za-z0-9._-]. */
static int code_ok(const char *c) {
    size_t n = c ? strlen(c) : 0;
    if (n < 1 || n > SP_CODE_MAX) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= 'a' && c[i] <= 'z') ||
              (c[i] >= '0' && c[i] <= '9') || c[i] == '.' || c[i] == '_' || c[i] == '-'))
            return 0;
    return 1;
}

static int group_of(const char *g) {
    for (int i = 0; g && sp_groups[i]; i++)
        if (strcmp(g, sp_groups[i]) == 0) return i;
    return -1;
}

int sp_question_find(const struct sp_survey *s, const char *code) {
    for (size_t i = 0; code && i < s->nq; i++)
        if (strcmp(s->q[i].code, code) == 0) return (int)i;
    return -1;
}

/* One question into s (when it passes); returns the error count so far. */
static size_t one_question(json_t *o, size_t i, struct sp_survey *s, struct sp_error *errs,
                           size_t max, size_t ne) {
    char f[64];
    const char *code = json_string_value(json_object_get(o, "code"));
    int g = group_of(json_string_value(json_object_get(o, "group")));
    size_t before = ne;
    snprintf(f, sizeof f, "questions[%zu].code", i);
    if (!code_ok(code))
        ne = err_add(errs, max, ne, f, "Mã câu hỏi gồm 1–16 chữ cái, chữ số, dấu chấm hoặc gạch.");
    else if (sp_question_find(s, code) >= 0)
        ne = err_add(errs, max, ne, f, "Mã câu hỏi bị trùng.");
    snprintf(f, sizeof f, "questions[%zu].group", i);
    if (g < 0)
        ne =
            err_add(errs, max, ne, f,
                    "Nhóm câu hỏi là một trong: access, procedures, officials, results, feedback.");
    snprintf(f, sizeof f, "questions[%zu].text", i);
    if (!text_ok(json_object_get(o, "text"), SP_TEXT_MAX))
        ne = err_add(errs, max, ne, f, "Nội dung câu hỏi từ 1 đến 1000 ký tự.");
    if (ne == before && s->nq < SP_QUESTIONS_MAX) {
        snprintf(s->q[s->nq].code, sizeof s->q[s->nq].code, "%s", code);
        s->q[s->nq++].group = g;
    }
    return ne;
}

static size_t check_questions(json_t *questions, struct sp_survey *s, struct sp_error *errs,
                              size_t max, size_t ne) {
    size_t n = json_array_size(questions);
    if (!json_is_array(questions) || n < 1 || n > SP_QUESTIONS_MAX)
        return err_add(errs, max, ne, "questions", "Bộ câu hỏi gồm từ 1 đến 60 câu.");
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(questions, i);
        if (!json_is_object(o)) {
            char f[64];
            snprintf(f, sizeof f, "questions[%zu]", i);
            ne = err_add(errs, max, ne, f, "Mỗi câu hỏi là {code, group, text}.");
        } else {
            ne = one_question(o, i, s, errs, max, ne);
        }
    }
    return ne;
}

/* The choices of the scale: ascending integer scores 0..SP_SCORE_MAX, each with a label. */
static size_t check_choices(json_t *choices, struct sp_survey *s, struct sp_error *errs, size_t max,
                            size_t ne) {
    size_t n = json_array_size(choices);
    if (!json_is_array(choices) || n < 2 || n > SP_CHOICES_MAX)
        return err_add(errs, max, ne, "scale.choices", "Thang điểm có từ 2 đến 11 mức.");
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(choices, i), *v = json_object_get(o, "score");
        char f[64];
        snprintf(f, sizeof f, "scale.choices[%zu].score", i);
        long long sc = json_is_integer(v) ? json_integer_value(v) : -1;
        if (sc < 0 || sc > SP_SCORE_MAX || (i > 0 && sc <= s->score[i - 1]))
            ne = err_add(errs, max, ne, f,
                         "Điểm của mức là số nguyên 0–10, tăng dần theo thứ tự các mức.");
        snprintf(f, sizeof f, "scale.choices[%zu].label", i);
        if (!text_ok(json_object_get(o, "label"), SP_LABEL_MAX))
            ne = err_add(errs, max, ne, f, "Tên mức từ 1 đến 100 ký tự.");
        s->score[i] = (int)sc;
        s->satisfied[i] = 0;
    }
    s->nchoices = n;
    return ne;
}

/* The scores counted as satisfied: a non-empty list of the scale's scores, not all of them. */
static size_t check_satisfied(json_t *sat, struct sp_survey *s, struct sp_error *errs, size_t max,
                              size_t ne) {
    size_t n = json_array_size(sat), marked = 0;
    int bad = !json_is_array(sat) || n < 1;
    for (size_t i = 0; !bad && i < n; i++) {
        json_t *v = json_array_get(sat, i);
        int found = 0;
        for (size_t k = 0; json_is_integer(v) && k < s->nchoices; k++)
            if (s->score[k] == json_integer_value(v) && !s->satisfied[k]) {
                s->satisfied[k] = 1;
                found = 1;
                marked++;
            }
        bad = !found;
    }
    if (bad || marked == s->nchoices)
        ne = err_add(errs, max, ne, "scale.satisfied",
                     "Các mức được tính là hài lòng: danh sách điểm có trong thang, không trùng, "
                     "không gồm mọi mức.");
    return ne;
}

size_t sp_survey_check(json_t *questions, json_t *scale, struct sp_survey *s, struct sp_error *errs,
                       size_t max) {
    memset(s, 0, sizeof *s);
    size_t ne = check_questions(questions, s, errs, max, 0);
    if (!json_is_object(scale))
        return err_add(errs, max, ne, "scale", "Thang điểm là {choices, satisfied}.");
    size_t before = ne;
    ne = check_choices(json_object_get(scale, "choices"), s, errs, max, ne);
    if (ne == before) ne = check_satisfied(json_object_get(scale, "satisfied"), s, errs, max, ne);
    return ne;
}

static int on_scale(const struct sp_survey *s, json_t *v) {
    for (size_t k = 0; json_is_integer(v) && k < s->nchoices; k++)
        if (s->score[k] == json_integer_value(v)) return 1;
    return 0;
}

size_t sp_answers_check(const struct sp_survey *s, json_t *answers, int scores[SP_QUESTIONS_MAX],
                        struct sp_error *errs, size_t max) {
    for (size_t i = 0; i < SP_QUESTIONS_MAX; i++) scores[i] = -1;
    size_t n = json_array_size(answers), ne = 0;
    if (!json_is_array(answers) || n < 1 || n > s->nq)
        return err_add(errs, max, 0, "answers",
                       "Cần trả lời ít nhất một câu hỏi, mỗi câu một lần.");
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(answers, i), *v = json_object_get(o, "score");
        char f[64];
        int q = sp_question_find(s, json_string_value(json_object_get(o, "code")));
        snprintf(f, sizeof f, "answers[%zu].code", i);
        if (q < 0) {
            ne = err_add(errs, max, ne, f, "Không có câu hỏi này trong phiếu khảo sát.");
            continue;
        }
        if (scores[q] >= 0) {
            ne = err_add(errs, max, ne, f, "Câu hỏi này đã được trả lời trong phiếu.");
            continue;
        }
        snprintf(f, sizeof f, "answers[%zu].score", i);
        if (!on_scale(s, v))
            ne = err_add(errs, max, ne, f, "Điểm trả lời phải là một mức của thang điểm.");
        else
            scores[q] = (int)json_integer_value(v);
    }
    return ne;
}

int sp_is_satisfied(const struct sp_survey *s, int score) {
    for (size_t k = 0; k < s->nchoices; k++)
        if (s->score[k] == score) return s->satisfied[k];
    return 0;
}

void sp_tally_add(struct sp_tally *t, const struct sp_survey *s, int score, long long n) {
    t->count += n;
    t->sum += (long long)score * n;
    if (sp_is_satisfied(s, score)) t->satisfied += n;
}

void sp_tally_merge(struct sp_tally *into, const struct sp_tally *from) {
    into->count += from->count;
    into->sum += from->sum;
    into->satisfied += from->satisfied;
}

/* num * scale / den rounded half up (num, den >= 0, den > 0). */
static long long ratio(long long num, long long scale, long long den) {
    return (num * scale * 2 + den) / (den * 2);
}

long long sp_mean_h(const struct sp_tally *t) {
    return t->count > 0 ? ratio(t->sum, 100, t->count) : -1;
}

long long sp_share_h(const struct sp_tally *t) {
    return t->count > 0 ? ratio(t->satisfied, 10000, t->count) : -1;
}
