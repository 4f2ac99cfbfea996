/* Demo compliance cost sheets: a few department procedures for 2024 and 2025, one still without
 * its after-version; the first is the worked example of docs/compliance-cost.md. */
#include <stdio.h>

#include "api/cost_common.h"
#include "api/demo.h"
#include "lib/log.h"

struct demo_act {
    const char *name, *kind;
    long long hours_h, money;
};
struct demo_side {
    struct demo_act acts[5];
    long long frequency, subjects;
};
struct demo_sheet {
    const char *code;
    long long year;
    struct demo_side before, after;
    int has_after;
};

static const struct demo_sheet sheets[] = {
    {"2.000488",
     2024,
     {{{"Chuẩn bị tờ khai và bản sao giấy tờ", "dossier", 450, 20000},
       {"Đi lại nộp hồ sơ và nhận kết quả", "travel", 225, 50000},
       {"Chờ đợi tại Bộ phận Một cửa", "waiting", 150, 0},
       {"Phí cấp Phiếu lý lịch tư pháp", "fee", 0, 100000}},
      1,
      1200},
     {{{"Khai tờ khai điện tử", "dossier", 250, 10000},
       {"Nộp trực tuyến, nhận kết quả qua bưu chính", "travel", 50, 0},
       {"Phí (giảm khi nộp trực tuyến)", "fee", 0, 50000}},
      1,
      1200},
     1},
    {"2.002030",
     2024,
     {{{"Chuẩn bị hồ sơ đăng ký doanh nghiệp", "dossier", 800, 150000},
       {"Đi lại nộp hồ sơ", "travel", 300, 60000},
       {"Lệ phí đăng ký", "fee", 0, 50000}},
      1,
      950},
     {{{"Chuẩn bị hồ sơ điện tử", "dossier", 400, 0}, {"Lệ phí đăng ký trực tuyến", "fee", 0, 0}},
      1,
      950},
     1},
    {"1.013219",
     2024,
     {{{"Lập hồ sơ đề nghị cấp phép", "dossier", 2400, 3000000},
       {"Đi lại, bổ sung hồ sơ", "travel", 800, 400000},
       {"Lệ phí cấp giấy phép", "fee", 0, 150000}},
      1,
      40},
     {{{"Lập hồ sơ đề nghị cấp phép", "dossier", 1600, 2500000},
       {"Nộp trực tuyến", "travel", 100, 0},
       {"Lệ phí cấp giấy phép", "fee", 0, 150000}},
      1,
      40},
     1},
    {"1.012754",
     2025,
     {{{"Chuẩn bị hồ sơ đăng ký đất đai", "dossier", 1200, 500000},
       {"Đi lại và chờ đợi", "waiting", 600, 100000},
       {"Phí thẩm định hồ sơ", "fee", 0, 1000000}},
      1,
      300},
     {{{"Chuẩn bị hồ sơ đăng ký đất đai", "dossier", 900, 300000},
       {"Đi lại và chờ đợi", "waiting", 300, 50000},
       {"Phí thẩm định hồ sơ", "fee", 0, 1000000}},
      1,
      300},
     1},
    {"1.003160",
     2024,
     {{{"Chuẩn bị hồ sơ nhận con nuôi", "dossier", 1600, 800000},
       {"Đi lại, phỏng vấn", "travel", 1200, 600000},
       {"Lệ phí đăng ký nuôi con nuôi", "fee", 0, 9000000}},
      1,
      6},
     {{{NULL, NULL, 0, 0}}, 0, 0},
     0},
};

/* The stored form of a side and its totals; NULL when the arithmetic refuses it. */
static json_t *side_json(const struct demo_side *s, long long income, struct cost_totals *t) {
    struct cost_activity a[5];
    json_t *acts = json_array();
    size_t n = 0;
    for (; n < 5 && s->acts[n].name; n++) {
        a[n].hours_h = s->acts[n].hours_h;
        a[n].money = s->acts[n].money;
        json_array_append_new(acts,
                              json_pack("{s:s, s:s, s:I, s:I}", "name", s->acts[n].name, "kind",
                                        s->acts[n].kind, "hours_h", (json_int_t)a[n].hours_h,
                                        "money", (json_int_t)a[n].money));
    }
    if (cost_sheet(a, n, income, s->frequency, s->subjects, t) != COST_OK) {
        json_decref(acts);
        return NULL;
    }
    return json_pack("{s:o, s:I, s:I}", "activities", acts, "frequency", (json_int_t)s->frequency,
                     "subjects", (json_int_t)s->subjects);
}

static int one_sheet(db_t *db, const struct demo_sheet *d) {
    long long id = 0, income = 0;
    int proc = db_query_int(db, &id, "SELECT id FROM procedures WHERE code = ?", "s", d->code);
    int inc = proc > 0 ? cost_hourly_income(db, d->year, &income) : 0;
    if (proc <= 0 || inc <= 0) {
        log_warn("demo cost: procedure %s or the %lld income is missing", d->code, d->year);
        return -1;
    }
    struct cost_totals tb, ta = {0, 0, 0, 0};
    json_t *before = side_json(&d->before, income, &tb);
    json_t *after = d->has_after ? side_json(&d->after, income, &ta) : NULL;
    int rc = !before || (d->has_after && !after) ||
             cost_store(db, id, d->year, income, before, after, &tb, &ta, 0) < 0;
    json_decref(before);
    json_decref(after);
    return rc ? -1 : 0;
}

int demo_cost(db_t *db) {
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++)
        if (one_sheet(db, &sheets[i]) < 0) return -1;
    return 0;
}
