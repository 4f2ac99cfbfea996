/* Unit tests for core/procedure (codes, levels, online levels, time limits, fees, dates, import
 * columns, completeness, search words) and core/procsearch (the catalogue's search). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/procedure.h"
#include "core/procsearch.h"

static void test_codes(void **state) {
    (void)state;
    char out[32];
    assert_int_equal(proc_code_normalize(" 1.001193 ", 0, out, sizeof out), 0);
    assert_string_equal(out, "1.001193");
    assert_int_equal(proc_code_normalize("1.004227.000.00.00.H42", 0, out, sizeof out), 0);
    assert_string_equal(out, "1.004227");
    assert_int_equal(proc_code_normalize("10.000123", 0, out, sizeof out), 0);
    /* a number cell lost the trailing zeros, or carries float noise */
    assert_int_equal(proc_code_normalize("1.00012", 1, out, sizeof out), 0);
    assert_string_equal(out, "1.000120");
    assert_int_equal(proc_code_normalize("2.0008150000000001", 1, out, sizeof out), 0);
    assert_string_equal(out, "2.000815");
    const char *bad[] = {"",           "1.00119",   "1.0011933", "x.001193", "1,001193",
                         "123.001193", "1.001193a", "1001193",   ".001193",  "1.00 1193"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(proc_code_normalize(bad[i], 0, out, sizeof out), -1);
    assert_int_equal(proc_code_normalize("1.00012", 0, out, sizeof out), -1); /* text: a typo */
    assert_int_equal(proc_code_normalize("nan", 1, out, sizeof out), -1);
    assert_true(proc_code_valid("3.000182"));
    assert_false(proc_code_valid("3.000182.000.00.00.H42"));
    assert_false(proc_code_valid(NULL));
}

static void test_levels(void **state) {
    (void)state;
    unsigned m;
    assert_int_equal(proc_levels_parse("Cấp Tỉnh", &m), 0);
    assert_int_equal(m, PROC_LEVEL_PROVINCE);
    assert_int_equal(proc_levels_parse("Cấp Tỉnh, Cấp Huyện, Cấp Xã", &m), 0);
    assert_int_equal(m, 7u);
    assert_int_equal(proc_levels_parse("UBND cấp xã", &m), 0);
    assert_int_equal(m, PROC_LEVEL_COMMUNE);
    assert_int_equal(proc_levels_parse("Quận/Huyện; Phường/Xã", &m), 0);
    assert_int_equal(m, PROC_LEVEL_DISTRICT | PROC_LEVEL_COMMUNE);
    assert_int_equal(proc_levels_parse("CAP HUYEN", &m), 0);
    assert_int_equal(m, PROC_LEVEL_DISTRICT);
    /* "thị xã" is a district-level town, "thành phố thuộc tỉnh" too */
    assert_int_equal(proc_levels_parse("Thị xã", &m), 0);
    assert_int_equal(m, PROC_LEVEL_DISTRICT);
    assert_int_equal(proc_levels_parse("Thành phố thuộc tỉnh; thị trấn", &m), 0);
    assert_int_equal(m, PROC_LEVEL_DISTRICT | PROC_LEVEL_COMMUNE);
    assert_int_equal(proc_levels_parse("Tỉnh, thị xã, xã", &m), 0);
    assert_int_equal(m, 7u);
    assert_int_equal(proc_levels_parse("Cấp Bộ", &m), -2);
    assert_int_equal(proc_levels_parse("Trung ương", &m), -2);
    assert_int_equal(proc_levels_parse("", &m), -1);
    assert_int_equal(proc_levels_parse("Cấp khác", &m), -1);
}

static void test_online(void **state) {
    (void)state;
    assert_string_equal(proc_online_parse("Toàn trình"), "full");
    assert_string_equal(proc_online_parse("DVC trực tuyến toàn trình"), "full");
    assert_string_equal(proc_online_parse("Mức độ 4"), "full");
    assert_string_equal(proc_online_parse("4"), "full");
    assert_string_equal(proc_online_parse("Một phần"), "partial");
    assert_string_equal(proc_online_parse("MỨC ĐỘ 3"), "partial");
    assert_string_equal(proc_online_parse("Mức độ 2"), "none");
    assert_string_equal(proc_online_parse("Không"), "none");
    assert_string_equal(proc_online_parse(""), "none");
    assert_string_equal(proc_online_parse("Cung cấp thông tin trực tuyến"), "none");
    assert_null(proc_online_parse("Mức độ 7"));
    assert_null(proc_online_parse("abc"));
}

static void expect_time(const char *text, double value, const char *unit) {
    double v = -1;
    const char *u = NULL;
    assert_int_equal(proc_time_limit_parse(text, &v, &u), 0);
    assert_true(v == value);
    assert_string_equal(u, unit);
}

static void test_time_limits(void **state) {
    (void)state;
    expect_time("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 5, "working_days");
    expect_time("Trong thời hạn 15 ngày kể từ ngày nhận hồ sơ", 15, "days");
    expect_time("Không quá 02 giờ", 2, "hours");
    expect_time("03 (ba) ngày làm việc", 3, "working_days");
    expect_time("0,5 ngày làm việc", 0.5, "working_days");
    expect_time("Trong ngày", 1, "working_days");
    /* a time of day is not a limit; the same day wins */
    expect_time("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết "
                "quả trong ngày làm việc tiếp theo",
                1, "working_days");
    expect_time("Theo Nghị định 23/2015/NĐ-CP: 02 ngày làm việc", 2, "working_days");
    expect_time("Ngay sau khi nhận được thông tin; tối đa 12 giờ", 12, "hours");
    double v;
    const char *u;
    assert_int_equal(proc_time_limit_parse("Từ 03 đến 08 tháng tùy theo nhóm dự án", &v, &u), -1);
    assert_int_equal(proc_time_limit_parse("Theo kế hoạch tuyển sinh hằng năm", &v, &u), -1);
    assert_int_equal(proc_time_limit_parse("", &v, &u), -1);
    assert_int_equal(proc_time_limit_parse(NULL, &v, &u), -1);
}

static void expect_fee(const char *text, long long amount) {
    long long a = -1;
    assert_int_equal(proc_fee_parse(text, &a), 0);
    assert_int_equal(a, amount);
}

static void test_fees(void **state) {
    (void)state;
    expect_fee("50.000 đồng/hồ sơ", 50000);
    expect_fee("Lệ phí: 2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang", 2000);
    expect_fee("1.500.000 đồng/trường hợp", 1500000);
    expect_fee("100 nghìn đồng", 100000);
    expect_fee("2 triệu đồng", 2000000);
    expect_fee("50,000 VNĐ", 50000);
    expect_fee("50.000₫", 50000);
    expect_fee("Không", 0);
    expect_fee("Miễn phí", 0);
    expect_fee("Miễn lệ phí đăng ký khai sinh đúng hạn", 0);
    expect_fee("Không thu phí", 0);
    expect_fee("", 0);
    /* numbers that are not money: decree numbers, years */
    expect_fee("Theo Thông tư số 85/2019/TT-BTC: 8.000 đồng/bản", 8000);
    long long a;
    assert_int_equal(proc_fee_parse("Theo quy định của HĐND tỉnh", &a), -1);
    assert_int_equal(proc_fee_parse("Theo Thông tư 85/2019/TT-BTC", &a), -1);
}

static void test_bool_and_dates(void **state) {
    (void)state;
    assert_int_equal(proc_bool_parse("Có"), 1);
    assert_int_equal(proc_bool_parse("x"), 1);
    assert_int_equal(proc_bool_parse("TRUE"), 1);
    assert_int_equal(proc_bool_parse("không"), 0);
    assert_int_equal(proc_bool_parse(""), 0);
    assert_int_equal(proc_bool_parse("có thể"), -1);
    char d[16];
    assert_int_equal(proc_date_parse("15/01/2023", 0, d, sizeof d), 0);
    assert_string_equal(d, "2023-01-15");
    assert_int_equal(proc_date_parse("2023-02-28", 0, d, sizeof d), 0);
    assert_string_equal(d, "2023-02-28");
    assert_int_equal(proc_date_parse("29/02/2024", 0, d, sizeof d), 0);
    assert_int_equal(proc_date_parse("29/02/2023", 0, d, sizeof d), -1);
    assert_int_equal(proc_date_parse("31/04/2023", 0, d, sizeof d), -1);
    assert_int_equal(proc_date_parse("ngày 5", 0, d, sizeof d), -1);
    /* Excel serial days */
    assert_int_equal(proc_date_parse("44941", 1, d, sizeof d), 0);
    assert_string_equal(d, "2023-01-15");
    assert_int_equal(proc_date_parse("61", 1, d, sizeof d), 0);
    assert_string_equal(d, "1900-03-01");
    assert_int_equal(proc_date_parse("45351", 1, d, sizeof d), 0);
    assert_string_equal(d, "2024-02-29");
    assert_int_equal(proc_date_parse("12", 1, d, sizeof d), -1);
    assert_int_equal(proc_date_parse("nan", 1, d, sizeof d), -1); /* found by fuzz_csv */
    assert_int_equal(proc_date_parse("inf", 1, d, sizeof d), -1);
}

static void test_header_columns(void **state) {
    (void)state;
    const char *national[] = {"STT",
                              "Mã thủ tục",
                              "Tên thủ tục",
                              "Lĩnh vực",
                              "Cấp thực hiện",
                              "Cơ quan thực hiện",
                              "Thời hạn giải quyết",
                              "Phí, lệ phí",
                              "Mức độ DVC",
                              "Ghi chú"};
    int map[PC_NCOLS];
    assert_int_equal(proc_header_map(national, 10, map), 8);
    assert_int_equal(map[PC_CODE], 1);
    assert_int_equal(map[PC_NAME], 2);
    assert_int_equal(map[PC_FIELD], 3);
    assert_int_equal(map[PC_LEVELS], 4);
    assert_int_equal(map[PC_AGENCY], 5);
    assert_int_equal(map[PC_TIME_LIMIT], 6);
    assert_int_equal(map[PC_FEE], 7);
    assert_int_equal(map[PC_ONLINE], 8);
    assert_int_equal(map[PC_STEPS], -1);
    /* other spellings of the same columns */
    assert_int_equal(proc_header_column("MÃ TTHC"), PC_CODE);
    assert_int_equal(proc_header_column("ma"), PC_CODE);
    assert_int_equal(proc_header_column("Tên TTHC"), PC_NAME);
    assert_int_equal(proc_header_column("Tên lĩnh vực"), PC_FIELD);
    assert_int_equal(proc_header_column("Cấp"), PC_LEVELS);
    assert_int_equal(proc_header_column("Mức độ dịch vụ công trực tuyến"), PC_ONLINE);
    assert_int_equal(proc_header_column("Phí"), PC_FEE);
    assert_int_equal(proc_header_column("Lệ phí"), PC_FEE);
    assert_int_equal(proc_header_column("Trình tự thực hiện"), PC_STEPS);
    assert_int_equal(proc_header_column("Cách thức thực hiện"), PC_WAY);
    assert_int_equal(proc_header_column("Thành phần, số lượng hồ sơ"), PC_DOSSIER);
    assert_int_equal(proc_header_column("Đối tượng thực hiện"), PC_SUBJECTS);
    assert_int_equal(proc_header_column("Yêu cầu, điều kiện"), PC_REQUIREMENTS);
    assert_int_equal(proc_header_column("Kết quả thực hiện"), PC_RESULT);
    assert_int_equal(proc_header_column("Căn cứ pháp lý"), PC_LEGAL_BASIS);
    assert_int_equal(proc_header_column("Số quyết định công bố"), PC_DECISION_NO);
    assert_int_equal(proc_header_column("Ngày quyết định công bố"), PC_DECISION_DATE);
    assert_int_equal(proc_header_column("Tiếp nhận qua bưu chính công ích"), PC_POSTAL);
    assert_int_equal(proc_header_column("STT"), -1);
    assert_int_equal(proc_header_column(""), -1);
    /* the first cell naming a column wins */
    const char *twice[] = {"Mã", "Mã thủ tục"};
    assert_int_equal(proc_header_map(twice, 2, map), 1);
    assert_int_equal(map[PC_CODE], 0);
    assert_string_equal(proc_col_key(PC_TIME_LIMIT), "time_limit_text");
    assert_string_equal(proc_col_label(PC_ONLINE), "Mức độ DVC");
}

static void test_components(void **state) {
    (void)state;
    const char *all[PROC_COMPONENTS] = {"Tên",    "Bước 1",   "Trực tiếp",  "Tờ khai",
                                        "5 ngày", "Công dân", "UBND cấp xã"};
    assert_int_equal(proc_missing_components(all), 0);
    const char *gaps[PROC_COMPONENTS] = {"Tên", NULL, "  \n", "Tờ khai", "", "Công dân", "x"};
    assert_int_equal(proc_missing_components(gaps), (1u << 1) | (1u << 2) | (1u << 4));
    assert_string_equal(proc_component_keys[4], "time_limit_text");
}

static void test_search_words(void **state) {
    (void)state;
    const char *texts[] = {"Đất đai, ĐẤT ĐAI", NULL, "Chứng thực bản sao; đất",
                           "https://dichvucong.gov.vn/p/home/dvc-trang-chu-aaaaaaaaaaaaaaaaaaaaaa"
                           "aaaaaaaaaaaaaaaaaaaa"};
    char *w = proc_search_words(texts, 4);
    assert_non_null(w);
    /* distinct, in order, folded; the 60-byte token is left out */
    assert_string_equal(w,
                        "dat dai chung thuc ban sao https dichvucong gov vn p home dvc trang chu");
    free(w);
    w = proc_search_words(NULL, 0);
    assert_string_equal(w, "");
    free(w);
}

/* ---- search ---- */

static struct ps_doc doc(const char *code, const char *name, const char *body, long long field,
                         unsigned levels, unsigned char online, unsigned char status) {
    struct ps_doc d = {code, name, body, field, 0, levels, online, status, 1, 1};
    return d;
}

static struct ps_index *sample(void) {
    struct ps_doc docs[] = {
        doc("2.000815", "thu tuc chung thuc ban sao tu ban chinh giay to van ban",
            "chung thuc tu phap", 3, PROC_LEVEL_DISTRICT | PROC_LEVEL_COMMUNE, PS_ONLINE_PARTIAL,
            PS_STATUS_IN_FORCE),
        doc("2.000884", "thu tuc chung thuc chu ky trong cac giay to van ban", "chung thuc ban sao",
            3, PROC_LEVEL_COMMUNE, PS_ONLINE_NONE, PS_STATUS_IN_FORCE),
        doc("1.001193", "thu tuc dang ky khai sinh", "ho tich to khai giay chung sinh", 2,
            PROC_LEVEL_COMMUNE, PS_ONLINE_FULL, PS_STATUS_IN_FORCE),
        doc("1.012753", "thu tuc dang ky dat dai cap giay chung nhan quyen su dung dat lan dau",
            "dat dai van phong dang ky", 1, PROC_LEVEL_DISTRICT, PS_ONLINE_PARTIAL,
            PS_STATUS_IN_FORCE),
        doc("1.004227", "thu tuc dang ky cap giay chung nhan quyen su dung dat lan dau", "dat dai",
            1, PROC_LEVEL_DISTRICT, PS_ONLINE_NONE, PS_STATUS_ABOLISHED),
        doc("1.000894", "thu tuc dang ky ket hon", "ho tich ban sao giay to", 2, PROC_LEVEL_COMMUNE,
            PS_ONLINE_PARTIAL, PS_STATUS_AMENDED),
        doc("2.000942", "thu tuc cap ban sao co chung thuc tu ban chinh hop dong giao dich",
            "chung thuc", 3, PROC_LEVEL_DISTRICT | PROC_LEVEL_COMMUNE, PS_ONLINE_NONE,
            PS_STATUS_IN_FORCE),
    };
    struct ps_index *ix = ps_build(docs, sizeof docs / sizeof docs[0]);
    assert_non_null(ix);
    return ix;
}

/* Codes of the hits of q, in order, joined by spaces. */
static char *codes(struct ps_index *ix, const char *q, const struct ps_filter *f, long *total) {
    static const char *const code_of[] = {"2.000815", "2.000884", "1.001193", "1.012753",
                                          "1.004227", "1.000894", "2.000942"};
    struct ps_hit hits[16];
    size_t n;
    *total = ps_search(ix, q, f, PS_ORDER_RANK, 0, 16, hits, &n);
    static char out[256];
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(out, " ");
        strcat(out, code_of[hits[i].doc]);
    }
    return out;
}

static void test_search_folding_order_prefix(void **state) {
    (void)state;
    struct ps_index *ix = sample();
    long total;
    /* accents, case and word order do not matter; name matches before body matches */
    assert_string_equal(codes(ix, "chứng thực bản sao", NULL, &total),
                        "2.000815 2.000942 2.000884");
    assert_int_equal(total, 3);
    assert_string_equal(codes(ix, "CHUNG THUC BAN SAO", NULL, &total),
                        "2.000815 2.000942 2.000884");
    assert_string_equal(codes(ix, "ban sao chung thuc", NULL, &total),
                        "2.000815 2.000942 2.000884");
    /* NFD input folds the same: "chứng" with combining marks */
    assert_string_equal(
        codes(ix, "chu\xcc\x9b\xcc\x81ng thu\xcc\x9b\xcc\xa3\x63 ban sao", NULL, &total),
        "2.000815 2.000942 2.000884");
    /* prefixes: "chung thu ban sa" */
    assert_string_equal(codes(ix, "chung thu ban sa", NULL, &total), "2.000815 2.000942 2.000884");
    /* đ -> d */
    assert_string_equal(codes(ix, "Đất Đai", NULL, &total), "1.012753 1.004227");
    /* "thủ tục" in front is ignored */
    assert_string_equal(codes(ix, "thủ tục khai sinh", NULL, &total), "1.001193");
    /* every word must match */
    assert_string_equal(codes(ix, "khai sinh ket hon", NULL, &total), "");
    assert_int_equal(total, 0);
    ps_free(ix);
}

static void test_search_ranking(void **state) {
    (void)state;
    struct ps_index *ix = sample();
    long total;
    /* all four names start with "đăng ký" (after "thủ tục"): the shorter first */
    assert_string_equal(codes(ix, "dang ky", NULL, &total), "1.000894 1.001193 1.004227 1.012753");
    /* the phrase first, then the names holding both words apart, then the body matches */
    assert_string_equal(codes(ix, "giay chung", NULL, &total),
                        "1.004227 1.012753 2.000884 2.000815 1.001193");
    ps_free(ix);
    /* whole words outrank a prefix match of the same standing, whatever the length */
    struct ps_doc d[] = {doc("1.000001", "ban saoke", "", 1, 1, 0, 0),
                         doc("1.000002", "ban sao tieng anh", "", 1, 1, 0, 0)};
    ix = ps_build(d, 2);
    struct ps_hit h[2];
    size_t n;
    assert_int_equal(ps_search(ix, "ban sao", NULL, PS_ORDER_RANK, 0, 2, h, &n), 2);
    assert_int_equal(h[0].doc, 1);
    assert_int_equal(h[1].doc, 0);
    ps_free(ix);
}

static void test_search_codes_and_filters(void **state) {
    (void)state;
    struct ps_index *ix = sample();
    long total;
    assert_string_equal(codes(ix, "1.001193", NULL, &total), "1.001193");
    assert_string_equal(codes(ix, "2.000", NULL, &total), "2.000815 2.000884 2.000942");
    assert_string_equal(codes(ix, "001193", NULL, &total), "1.001193");
    assert_string_equal(codes(ix, " 1.0012 ", NULL, &total), "");
    struct ps_filter f = ps_filter_any();
    f.status_mask = 1u << PS_STATUS_IN_FORCE | 1u << PS_STATUS_AMENDED;
    assert_string_equal(codes(ix, "dat dai", &f, &total), "1.012753");
    f.level = PROC_LEVEL_COMMUNE;
    assert_string_equal(codes(ix, "chung thuc", &f, &total), "2.000884 2.000815 2.000942");
    f.online = PS_ONLINE_NONE;
    assert_string_equal(codes(ix, "chung thuc", &f, &total), "2.000884 2.000942");
    f = ps_filter_any();
    f.field_id = 2;
    assert_string_equal(codes(ix, "", &f, &total), "1.000894 1.001193");
    /* no query: by name */
    f = ps_filter_any();
    codes(ix, NULL, &f, &total);
    assert_int_equal(total, 7);
    ps_free(ix);
}

static void test_search_paging_and_order(void **state) {
    (void)state;
    struct ps_index *ix = sample();
    struct ps_hit hits[3];
    size_t n;
    long total = ps_search(ix, "", NULL, PS_ORDER_CODE, 2, 3, hits, &n);
    assert_int_equal(total, 7);
    assert_int_equal(n, 3);
    assert_int_equal(hits[0].doc, 4); /* 1.000894, 1.001193, [1.004227, 1.012753, 2.000815] */
    assert_int_equal(hits[1].doc, 3);
    assert_int_equal(hits[2].doc, 0);
    total = ps_search(ix, "", NULL, PS_ORDER_CODE, 10, 3, hits, &n);
    assert_int_equal(total, 7);
    assert_int_equal(n, 0);
    total = ps_search(ix, "chung", NULL, PS_ORDER_RANK, 0, 3, hits, &n);
    assert_int_equal(hits[0].match, PS_MATCH_NAME);
    total = ps_search(ix, "tu phap", NULL, PS_ORDER_RANK, 0, 3, hits, &n);
    assert_int_equal(total, 1);
    assert_int_equal(hits[0].match, PS_MATCH_BODY);
    total = ps_search(ix, "1.0", NULL, PS_ORDER_RANK, 0, 3, hits, &n);
    assert_int_equal(hits[0].match, PS_MATCH_CODE);
    ps_free(ix);
}

static void test_facets(void **state) {
    (void)state;
    struct ps_index *ix = sample();
    struct ps_facets fc;
    struct ps_filter f = ps_filter_any();
    f.status_mask = 1u << PS_STATUS_IN_FORCE | 1u << PS_STATUS_AMENDED;
    assert_int_equal(ps_facets(ix, NULL, &f, &fc), 0);
    assert_int_equal(fc.total, 6);
    assert_int_equal(fc.level[0], 0);
    assert_int_equal(fc.level[1], 3);
    assert_int_equal(fc.level[2], 5);
    assert_int_equal(fc.online[PS_ONLINE_FULL], 1);
    assert_int_equal(fc.nfields, 3);
    assert_int_equal(fc.field_ids[0], 1);
    assert_int_equal(fc.field_counts[0], 1);
    assert_int_equal(fc.field_counts[2], 3);
    ps_facets_free(&fc);
    assert_int_equal(ps_facets(ix, "khai sinh", &f, &fc), 0);
    assert_int_equal(fc.total, 1);
    assert_int_equal(fc.nfields, 1);
    assert_int_equal(fc.field_ids[0], 2);
    ps_facets_free(&fc);
    ps_free(ix);
}

static void test_index_edges(void **state) {
    (void)state;
    struct ps_index *ix = ps_build(NULL, 0);
    assert_non_null(ix);
    struct ps_hit h[2];
    size_t n;
    assert_int_equal(ps_search(ix, "dat", NULL, PS_ORDER_RANK, 0, 2, h, &n), 0);
    ps_free(ix);
    /* documents with empty text, a word at the 40-byte limit, many query words */
    char longw[41];
    memset(longw, 'a', 40);
    longw[40] = '\0';
    struct ps_doc d[2] = {doc("1.000001", "", NULL, 1, 1, 0, 0),
                          doc("1.000002", longw, "", 1, 1, 0, 0)};
    ix = ps_build(d, 2);
    assert_non_null(ix);
    assert_int_equal(ps_search(ix, longw, NULL, PS_ORDER_RANK, 0, 2, h, &n), 1);
    assert_int_equal(h[0].doc, 1);
    assert_int_equal(
        ps_search(ix, "a b c d e f g h i j k l m n o p", NULL, PS_ORDER_RANK, 0, 2, h, &n), 0);
    ps_free(ix);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_online),
        cmocka_unit_test(test_time_limits),
        cmocka_unit_test(test_fees),
        cmocka_unit_test(test_bool_and_dates),
        cmocka_unit_test(test_header_columns),
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_search_words),
        cmocka_unit_test(test_search_folding_order_prefix),
        cmocka_unit_test(test_search_ranking),
        cmocka_unit_test(test_search_codes_and_filters),
        cmocka_unit_test(test_search_paging_and_order),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_index_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
