/* libFuzzer target for core/sipas: any bytes read as JSON {questions, scale, answers} are checked
 * without harm; a survey that passes checks the answers, and their figures stay within bounds. */
#include <stdint.h>
#include <stdlib.h>

#include "core/sipas.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_t *o = json_loadb((const char *)data, size, 0, NULL);
    struct sp_survey s;
    struct sp_error errs[SP_ERRORS_MAX];
    int scores[SP_QUESTIONS_MAX];
    if (!o) return 0;
    if (sp_survey_check(json_object_get(o, "questions"), json_object_get(o, "scale"), &s, errs,
                        SP_ERRORS_MAX) == 0 &&
        sp_answers_check(&s, json_object_get(o, "answers"), scores, errs, SP_ERRORS_MAX) == 0) {
        struct sp_tally t = {0, 0, 0};
        for (size_t i = 0; i < s.nq; i++)
            if (scores[i] >= 0) sp_tally_add(&t, &s, scores[i], 1);
        long long mean = sp_mean_h(&t), share = sp_share_h(&t);
        if (t.count < 1 || mean < 0 || mean > SP_SCORE_MAX * 100 || share < 0 || share > 10000)
            abort();
    }
    json_decref(o);
    return 0;
}
