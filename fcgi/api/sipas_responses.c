/* POST /api/v1/sipas/{year}/responses: a paper form typed in by an officer of the appraising
 * unit (decision 170), recorded with channel paper and who typed it. */
#include "api/common.h"
#include "api/index_common.h"
#include "api/sipas.h"
#include "api/sipas_common.h"

struct paper_body {
    long long unit_id;
    json_t *answers;
};
static const struct in_decl paper_fields[] = {
    IN_FIELD(struct paper_body, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct paper_body, answers, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_sipas_responses_post = IN_SPEC(struct paper_body, paper_fields);

int h_sipas_responses_post(req_t *r) {
    const struct paper_body *in = r->body_in;
    long long year = ix_year(r);
    if (year < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db || ix_need_appraiser(r, db) < 0) return -1;
    struct sp_loaded l;
    int have = sp_survey_load(db, year, 0, &l);
    if (have < 0) return db_fail(r, db);
    if (have == 0) return not_found(r, "phiếu khảo sát sự hài lòng của năm này");
    int scores[SP_QUESTIONS_MAX], in_survey = sp_unit_in(db, year, in->unit_id), rc = -1;
    if (in_survey < 0) {
        rc = db_fail(r, db);
    } else if (sp_status(&l) != 1) {
        rc = res_conflict(r, "Chỉ nhập phiếu giấy khi phiếu khảo sát đang mở.", "[]");
    } else if (!in_survey) {
        req_error(r, "unit_id", "Đơn vị này không thuộc danh sách được khảo sát của năm.");
        rc = res_invalid(r);
    } else if (sp_answers_or_422(r, &l.s, in->answers, scores) == 0) {
        long long id = 0;
        int bad = db_begin(db) < 0 || sp_response_store(db, year, in->unit_id, "paper",
                                                        r->user->user_id, &l.s, scores, &id) < 0;
        json_t *after = bad ? NULL
                            : json_pack("{s:I, s:I, s:I, s:s, s:I, s:O}", "id", (json_int_t)id,
                                        "year", (json_int_t)year, "unit_id",
                                        (json_int_t)in->unit_id, "channel", "paper", "entered_by",
                                        (json_int_t)r->user->user_id, "answers", in->answers);
        rc = commit_write(r, db, bad, "sipas.paper", "sipas_response", id, NULL, after, 201);
    }
    sp_loaded_free(&l);
    return rc;
}
