/* Demo reform registries (issue 17): internal procedures with proposals in every status, impact
 * assessments drafted, sent (one overdue) and appraised, initiatives at every step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/demo.h"
#include "core/impact_clock.h"
#include "core/vnfold.h"

struct demo_ip {
    const char *unit, *name, *field, *basis, *status, *involved[3];
    const char *proposal, *proposal_status, *doc_no;
};

static const struct demo_ip ips[] = {
    {"VP",
     "Quy trình tiếp nhận, xử lý văn bản đến trên hệ thống quản lý văn bản",
     "Văn thư, lưu trữ",
     "Nghị định 30/2020/NĐ-CP về công tác văn thư",
     "proposed",
     {"VP", "STTTT", NULL},
     "Bỏ bước in văn bản đến để trình ký; chuyển toàn bộ trên hệ thống",
     "accepted",
     NULL},
    {"SNV",
     "Thủ tục thẩm định hồ sơ đề nghị khen thưởng cấp tỉnh",
     "Thi đua, khen thưởng",
     "Nghị định 98/2023/NĐ-CP",
     "simplified",
     {"SNV", "VP", NULL},
     "Giảm thời gian thẩm định từ 20 xuống 15 ngày làm việc",
     "implemented",
     "215/QĐ-UBND"},
    {"STC",
     "Thủ tục thẩm tra quyết toán vốn đầu tư dự án hoàn thành",
     "Tài chính đầu tư",
     "Thông tư 96/2021/TT-BTC",
     "in_force",
     {"STC", "SKHDT", NULL},
     NULL,
     NULL,
     NULL},
    {"H01",
     "Quy trình cử cán bộ đi học tập, bồi dưỡng",
     "Tổ chức cán bộ",
     "Quy định 05/QĐ-UBND của UBND thành phố",
     "proposed",
     {"H01", "X0101", "X0102"},
     "Phân cấp cho trưởng phòng quyết định với khóa học dưới 5 ngày",
     "proposed",
     NULL},
    {"X0101",
     "Quy trình quản lý, sử dụng con dấu",
     "Văn thư, lưu trữ",
     NULL,
     "abolished",
     {"X0101", NULL, NULL},
     "Bãi bỏ, thay bằng quy chế văn thư chung",
     "rejected",
     NULL},
};

static int demo_ips(db_t *db) {
    for (size_t i = 0; i < sizeof ips / sizeof ips[0]; i++) {
        const struct demo_ip *d = &ips[i];
        char *folded = vnfold_dup(d->name);
        int rc = !folded ||
                 db_exec(db,
                         "INSERT INTO internal_procedures (unit_id, name, name_folded, field, "
                         "legal_basis, status) SELECT id, ?, ?, ?, ?, ? FROM units WHERE code = ?",
                         "ssssss", d->name, folded, d->field, d->basis, d->status,
                         demo_unit_code(d->unit)) < 0;
        free(folded);
        if (rc) return -1;
        long long id = db_last_id(db);
        for (int k = 0; k < 3 && d->involved[k]; k++)
            if (db_exec(db,
                        /* IGNORE: after the reform two of them may be one unit */
                        "INSERT IGNORE INTO internal_procedure_units (procedure_id, unit_id) "
                        "SELECT ?, id FROM units WHERE code = ?",
                        "is", id, demo_unit_code(d->involved[k])) < 0)
                return -1;
        if (d->proposal &&
            db_exec(db,
                    "INSERT INTO internal_procedure_proposals (procedure_id, n, text, unit_id, "
                    "status, doc_no, doc_date) SELECT ?, 1, ?, id, ?, ?, IF(? IS NULL, NULL, "
                    "CURDATE() - INTERVAL 20 DAY) FROM units WHERE code = ?",
                    "isssss", id, d->proposal, d->proposal_status, d->doc_no, d->doc_no,
                    demo_unit_code(d->unit)) < 0)
            return -1;
    }
    return 0;
}

struct demo_ia {
    const char *unit, *title, *kind, *status;
    int sent_ago, appraised_ago; /* calendar days before today; -1: not sent / not appraised */
    const char *procedures, *opinion;
};

static const struct demo_ia ias[] = {
    {"STP", "Dự thảo Quyết định quy định về chứng thực bản sao điện tử trên địa bàn tỉnh",
     "Quyết định", "draft", -1, -1,
     "[{\"action\":\"create\",\"name\":\"Chứng thực bản sao điện tử từ bản chính\"}]", NULL},
    {"STNMT", "Dự thảo Quyết định quy định hạn mức giao đất ở tại nông thôn", "Quyết định", "sent",
     3, -1,
     "[{\"action\":\"change\",\"name\":\"Giao đất ở cho hộ gia đình, cá nhân\"},{\"action\":"
     "\"abolish\",\"name\":\"Xác nhận hạn mức đất ở\"}]",
     NULL},
    {"SXD", "Dự thảo Nghị quyết quy định phí thẩm định thiết kế xây dựng", "Nghị quyết", "sent", 30,
     -1,
     "[{\"action\":\"change\",\"name\":\"Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ "
     "sở\"}]",
     NULL},
    {"SCT", "Dự thảo Quyết định quy định quản lý cụm công nghiệp", "Quyết định", "appraised", 40,
     28, "[{\"action\":\"create\",\"name\":\"Thành lập, mở rộng cụm công nghiệp\"}]",
     "Sở Tư pháp thống nhất về sự cần thiết; đề nghị bỏ yêu cầu bản sao chứng thực trong thành "
     "phần hồ sơ."},
};

static int demo_ias(db_t *db) {
    struct impact_rules ru;
    impact_rules_from_json(NULL, &ru);
    const struct holidays *h = calendar_get(db);
    long today = ymd_to_days(calendar_today());
    for (size_t i = 0; i < sizeof ias / sizeof ias[0]; i++) {
        const struct demo_ia *d = &ias[i];
        char sent[11] = "", appr[11] = "", due[11] = "", days[12];
        snprintf(days, sizeof days, "%d", ru.appraisal_days);
        struct ymd sd = {0, 0, 0};
        if (d->sent_ago >= 0) {
            sd = days_to_ymd(today - d->sent_ago);
            ymd_format(sd, sent);
            struct impact_clock c;
            impact_clock(sd, ru.appraisal_days, (struct ymd){0, 0, 0}, h, sd, &c);
            ymd_format(c.due, due);
        }
        if (d->appraised_ago >= 0) ymd_format(days_to_ymd(today - d->appraised_ago), appr);
        char *folded = vnfold_dup(d->title);
        int rc = !folded ||
                 db_exec(db,
                         "INSERT INTO impact_assessments (unit_id, title, title_folded, doc_kind, "
                         "procedures_json, answers_json, status, sent_date, appraisal_days, "
                         "appraisal_due, opinion, appraised_date) SELECT id, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?, ?, ? FROM units WHERE code = ?",
                         "ssssssssssss", d->title, folded, d->kind, d->procedures,
                         "{\"necessity\":\"Cần thiết để thực hiện quy định của luật\","
                         "\"reasonableness\":\"Hợp lý\",\"lawfulness\":\"Phù hợp\","
                         "\"cost\":\"Chi phí tuân thủ thấp\",\"cost_vnd\":250000}",
                         d->status, *sent ? sent : NULL, *sent ? days : NULL, *due ? due : NULL,
                         d->opinion, *appr ? appr : NULL, demo_unit_code(d->unit)) < 0;
        free(folded);
        if (rc) return -1;
    }
    return 0;
}

struct demo_ini {
    const char *unit, *title, *desc, *benefit, *status, *assessment, *decision_no;
};

static const struct demo_ini inis[] = {
    {"H01", "Trả kết quả giải quyết TTHC tại nhà qua Zalo OA",
     "Thông báo và hẹn trả kết quả qua Zalo", "Giảm 40% số lượt đi lại của người dân", "proposed",
     NULL, NULL},
    {"STP", "Liên thông chứng thực điện tử với bộ phận một cửa cấp xã",
     "Dùng chung kho bản sao điện tử đã chứng thực", "Không phải chứng thực lại giấy tờ",
     "assessed", "Có tính khả thi, cần thống nhất với Sở Thông tin và Truyền thông", NULL},
    {"X0101", "Số hóa sổ hộ tịch giai đoạn 1999-2015", "Nhập liệu và ký số sổ hộ tịch cũ",
     "Cấp trích lục trong ngày", "adopted", "Hiệu quả rõ rệt, đề nghị nhân rộng", "58/QĐ-UBND"},
    {"SNV", "Bỏ phiếu lấy ý kiến thi đua bằng giấy", "Chuyển sang biểu mẫu trực tuyến", NULL,
     "not_adopted", "Trùng với hệ thống của Ban Thi đua - Khen thưởng", "59/QĐ-UBND"},
};

static int demo_inis(db_t *db) {
    for (size_t i = 0; i < sizeof inis / sizeof inis[0]; i++) {
        const struct demo_ini *d = &inis[i];
        char *folded = vnfold_dup(d->title);
        int rc =
            !folded ||
            db_exec(db,
                    "INSERT INTO initiatives (unit_id, title, title_folded, description, "
                    "benefit, status, assessment, decision_no, decision_date) SELECT id, ?, "
                    "?, ?, ?, ?, ?, ?, IF(? IS NULL, NULL, CURDATE() - INTERVAL 10 DAY) FROM "
                    "units WHERE code = ?",
                    "sssssssss", d->title, folded, d->desc, d->benefit, d->status, d->assessment,
                    d->decision_no, d->decision_no, demo_unit_code(d->unit)) < 0;
        free(folded);
        if (rc) return -1;
    }
    return 0;
}

int demo_reform(db_t *db) {
    if (db_begin(db) < 0) return -1;
    if (demo_ips(db) < 0 || demo_ias(db) < 0 || demo_inis(db) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db);
}
