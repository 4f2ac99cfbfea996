/* The satisfaction survey (SIPAS, issue 19 part 2): checks of a survey's questions and answer
 * scale, of one response's answers, and the integer figures (counts, means, satisfied shares). */
#ifndef KSTT_CORE_SIPAS_H
#define KSTT_CORE_SIPAS_H
#include <jansson.h>
#include <stddef.h>

#define SP_QUESTIONS_MAX 60
#define SP_CHOICES_MAX   11
#define SP_SCORE_MAX     10
#define SP_CODE_MAX      16
#define SP_TEXT_MAX      1000
#define SP_LABEL_MAX     100
#define SP_ERRORS_MAX    16

/* The SIPAS groups of questions, by code (sp_groups[i]) and Vietnamese label. */
extern const char *const sp_groups[]; /* NULL-terminated */
extern const char *const sp_group_labels[];
#define SP_GROUPS 5

struct sp_question {
    char code[SP_CODE_MAX + 1];
    int group; /* index in sp_groups */
};

/* A checked survey: its questions and its scale (scores in order, which count as satisfied). */
struct sp_survey {
    struct sp_question q[SP_QUESTIONS_MAX];
    size_t nq;
    int score[SP_CHOICES_MAX];
    int satisfied[SP_CHOICES_MAX]; /* 1 when score[i] counts as satisfied */
    size_t nchoices;
};

struct sp_error {
    char field[64]; /* "questions[2].code", "scale.satisfied", "answers[0].score" */
    const char *message;
};

/* Checks questions [{code, group, text}] and scale {choices: [{score, label}] ascending,
 * satisfied: [scores]} into *s. Returns the number of errors (at most max written). */
size_t sp_survey_check(json_t *questions, json_t *scale, struct sp_survey *s, struct sp_error *errs,
                       size_t max);
/* Checks answers [{code, score}] against s: known codes, each once, scores of the scale, at
 * least one. scores[i] receives question i's score, or -1 when unanswered. Errors as above. */
size_t sp_answers_check(const struct sp_survey *s, json_t *answers, int scores[SP_QUESTIONS_MAX],
                        struct sp_error *errs, size_t max);
/* The index of code among s's questions, or -1. */
int sp_question_find(const struct sp_survey *s, const char *code);
/* 1 when score counts as satisfied on s's scale, else 0. */
int sp_is_satisfied(const struct sp_survey *s, int score);

/* Answers counted: how many, the sum of their scores, how many satisfied. */
struct sp_tally {
    long long count, sum, satisfied;
};
/* Adds n answers of one score. */
void sp_tally_add(struct sp_tally *t, const struct sp_survey *s, int score, long long n);
void sp_tally_merge(struct sp_tally *into, const struct sp_tally *from);
/* The mean score in hundredths (half up), -1 when nothing was answered. */
long long sp_mean_h(const struct sp_tally *t);
/* The satisfied share in hundredths of a percent (8750 = 87.50 %, half up), -1 when nothing was
 * answered. The satisfaction index is this share over every answered question (decision 169). */
long long sp_share_h(const struct sp_tally *t);

#endif
