/* Unit tests for core/procedure_row: an import row's cells into a procedure record's keys, with
 * the report's errors (field, column, message) and warnings, worded as the import reports them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/procedure_row.h"
#include "lib/mem.h"

static struct proc_row row_new(void) {
    struct proc_row r = {.in = json_object(), .errors = json_array(), .warnings = json_array()};
    return r;
}

static void row_free(struct proc_row *r) {
    json_decref(r->in);
    json_decref(r->errors);
    json_decref(r->warnings);
}

static const char *in_str(const struct proc_row *r, const char *key) {
    return json_string_value(json_object_get(r->in, key));
}

/* Asserts the row has exactly one error, on field, with message. */
static void assert_one_error(const struct proc_row *r, const char *field, const char *column,
                             const char *message) {
    assert_int_equal(json_array_size(r->errors), 1);
    json_t *e = json_array_get(r->errors, 0);
    assert_string_equal(json_string_value(json_object_get(e, "field")), field);
    assert_string_equal(json_string_value(json_object_get(e, "column")), column);
    assert_string_equal(json_string_value(json_object_get(e, "message")), message);
}

static void test_text(void **state) {
    (void)state;
    char *cells[] = {" \t 1.001193\r\n", "", "2.0008150000000001"};
    unsigned char numeric[] = {0, 0, 1};
    struct sheet_row row = {.num = 7, .ncells = 3, .cells = cells, .numeric = numeric};
    int num;
    char *v = proc_row_text(&row, 0, &num);
    assert_string_equal(v, "1.001193");
    assert_int_equal(num, 0);
    free(v);
    v = proc_row_text(&row, 2, &num);
    assert_int_equal(num, 1);
    free(v);
    v = proc_row_text(&row, 9, &num); /* past the end: empty, not numeric */
    assert_string_equal(v, "");
    assert_int_equal(num, 0);
    free(v);
    row.numeric = NULL; /* a CSV row */
    v = proc_row_text(&row, 2, &num);
    assert_int_equal(num, 0);
    free(v);
    mem_fail_after(0, 1); /* out of memory: NULL, for the import to answer 503 */
    assert_null(proc_row_text(&row, 0, &num));
    mem_fail_after(-1, 0);
}

static void test_labels(void **state) {
    (void)state;
    assert_string_equal(proc_row_label("code"), "Mã thủ tục");
    assert_string_equal(proc_row_label("field"), "Lĩnh vực");
    assert_string_equal(proc_row_label("field_id"), "Lĩnh vực");
    assert_string_equal(proc_row_label("fee_amount"), "Phí, lệ phí");
    assert_string_equal(proc_row_label("time_limit_unit"), "Thời hạn giải quyết");
    assert_string_equal(proc_row_label("row"), "Dòng");
    assert_string_equal(proc_row_label("other"), "other");
}

static void test_code(void **state) {
    (void)state;
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_CODE, "1.004227.000.00.00.H42", 0);
    assert_string_equal(r.code, "1.004227");
    assert_string_equal(in_str(&r, "code"), "1.004227");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_CODE, "1.00012", 1); /* a number cell lost its trailing zero */
    assert_string_equal(in_str(&r, "code"), "1.000120");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_CODE, "", 0);
    assert_one_error(&r, "code", "Mã thủ tục", "Thiếu mã thủ tục.");
    assert_string_equal(r.code, "");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_CODE, "1.0011", 0);
    assert_one_error(&r, "code", "Mã thủ tục", "Mã \"1.0011\" không đúng dạng 1.001234.");
    assert_string_equal(r.code, "");
    assert_null(json_object_get(r.in, "code"));
    row_free(&r);
}

static void test_levels(void **state) {
    (void)state;
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_LEVELS, "Cấp Tỉnh, Cấp Xã", 0);
    json_t *a = json_object_get(r.in, "levels");
    assert_int_equal(json_array_size(a), 2);
    assert_string_equal(json_string_value(json_array_get(a, 0)), "province");
    assert_string_equal(json_string_value(json_array_get(a, 1)), "commune");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_LEVELS, "Bộ Tư pháp", 0);
    assert_one_error(&r, "levels", "Cấp thực hiện",
                     "\"Bộ Tư pháp\" là cấp trung ương: danh mục của tỉnh chỉ gồm cấp tỉnh, "
                     "huyện, xã.");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_LEVELS, "Khác", 0);
    assert_one_error(&r, "levels", "Cấp thực hiện",
                     "Không rõ cấp \"Khác\": ghi Cấp tỉnh, Cấp huyện và/hoặc Cấp xã.");
    row_free(&r);
}

static void test_time_limit_and_fee(void **state) {
    (void)state;
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_TIME_LIMIT, "05 ngày làm việc", 0);
    assert_string_equal(in_str(&r, "time_limit_text"), "05 ngày làm việc");
    assert_true(json_real_value(json_object_get(r.in, "time_limit_value")) == 5.0);
    assert_string_equal(in_str(&r, "time_limit_unit"), "working_days");
    assert_int_equal(json_array_size(r.warnings), 0);
    proc_row_cell(&r, PC_FEE, "50.000 đồng/hồ sơ", 0);
    assert_string_equal(in_str(&r, "fee_text"), "50.000 đồng/hồ sơ");
    assert_int_equal(json_integer_value(json_object_get(r.in, "fee_amount")), 50000);
    row_free(&r);
    /* no number: the text is kept, the number null, and a warning (not an error) */
    r = row_new();
    proc_row_cell(&r, PC_TIME_LIMIT, "Theo quy định", 0);
    assert_true(json_is_null(json_object_get(r.in, "time_limit_value")));
    assert_true(json_is_null(json_object_get(r.in, "time_limit_unit")));
    assert_int_equal(json_array_size(r.errors), 0);
    assert_int_equal(json_array_size(r.warnings), 1);
    assert_string_equal(json_string_value(json_array_get(r.warnings, 0)),
                        "Không đọc được số ngày/giờ của thời hạn giải quyết: đã lưu nguyên văn.");
    proc_row_cell(&r, PC_FEE, "Theo quy định", 0);
    assert_true(json_is_null(json_object_get(r.in, "fee_amount")));
    assert_int_equal(json_array_size(r.errors), 0);
    row_free(&r);
}

static void test_online_date_postal(void **state) {
    (void)state;
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_ONLINE, "Toàn trình", 0);
    proc_row_cell(&r, PC_DECISION_DATE, "05/03/2024", 0);
    proc_row_cell(&r, PC_POSTAL, "Có", 0);
    assert_string_equal(in_str(&r, "online_level"), "full");
    assert_string_equal(in_str(&r, "decision_date"), "2024-03-05");
    assert_true(json_is_true(json_object_get(r.in, "postal")));
    assert_int_equal(json_array_size(r.errors), 0);
    proc_row_cell(&r, PC_DECISION_DATE, "45356", 1); /* an Excel serial day */
    assert_string_equal(in_str(&r, "decision_date"), "2024-03-05");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_ONLINE, "Mức cao", 0);
    assert_one_error(&r, "online_level", "Mức độ DVC",
                     "Không rõ mức độ \"Mức cao\": ghi Toàn trình, Một phần hoặc Không.");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_DECISION_DATE, "31/02/2024", 0);
    assert_one_error(&r, "decision_date", "Ngày quyết định công bố",
                     "Ngày \"31/02/2024\" không hợp lệ (dd/mm/yyyy).");
    row_free(&r);
    r = row_new();
    proc_row_cell(&r, PC_POSTAL, "Có thể", 0);
    assert_one_error(&r, "postal", "Bưu chính công ích", "Ghi \"Có\" hoặc \"Không\".");
    row_free(&r);
}

static void test_text_columns(void **state) {
    (void)state;
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_NAME, "Cấp phiếu lý lịch tư pháp", 0);
    proc_row_cell(&r, PC_AGENCY, "Sở Tư pháp", 0);
    proc_row_cell(&r, PC_FIELD, "Tư pháp", 0); /* the caller's: a database row */
    proc_row_cell(&r, PC_LEGAL_BASIS, "Luật Lý lịch tư pháp", 0);
    assert_string_equal(in_str(&r, "name"), "Cấp phiếu lý lịch tư pháp");
    assert_string_equal(in_str(&r, "agency"), "Sở Tư pháp");
    assert_string_equal(in_str(&r, "legal_basis"), "Luật Lý lịch tư pháp");
    assert_null(json_object_get(r.in, "field"));
    assert_null(json_object_get(r.in, "agency_unit_id"));
    assert_int_equal(json_object_size(r.in), 3);
    row_free(&r);
}

/* A long cell is quoted in the message cut to its first bytes, as the report always did. */
static void test_long_text_quoted_short(void **state) {
    (void)state;
    char longv[200];
    memset(longv, 'x', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    struct proc_row r = row_new();
    proc_row_cell(&r, PC_ONLINE, longv, 0);
    const char *m = json_string_value(json_object_get(json_array_get(r.errors, 0), "message"));
    assert_non_null(strstr(m, "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\":"));
    row_free(&r);
}

/* A code a second row repeats is an error on that row naming the first; rows without a code
 * are not recorded; the table refuses more rows than it was sized for instead of looping. */
static void test_first_of_code(void **state) {
    (void)state;
    struct proc_seen seen;
    assert_int_equal(proc_seen_init(&seen, 3), 0);
    struct proc_row a = row_new(), b = row_new(), none = row_new(), c = row_new();
    snprintf(a.code, sizeof a.code, "1.001193");
    snprintf(b.code, sizeof b.code, "1.001193");
    snprintf(c.code, sizeof c.code, "2.000815");
    assert_int_equal(proc_row_first_of_code(&seen, &a, 4), 0);
    assert_int_equal(proc_row_first_of_code(&seen, &none, 5), 0);
    assert_int_equal(proc_row_first_of_code(&seen, &b, 6), 0);
    assert_int_equal(proc_row_first_of_code(&seen, &c, 7), 0);
    assert_int_equal(json_array_size(a.errors), 0);
    assert_int_equal(json_array_size(none.errors), 0);
    assert_int_equal(json_array_size(c.errors), 0);
    assert_one_error(&b, "code", "Mã thủ tục",
                     "Mã thủ tục trùng với dòng 4: dòng này được bỏ qua.");
    /* full: the table had room for 3 rows (8 slots); more distinct codes end in -1 */
    int rc = 0;
    for (int i = 0; i < 10 && rc == 0; i++) {
        struct proc_row x = row_new();
        snprintf(x.code, sizeof x.code, "3.00000%d", i);
        rc = proc_row_first_of_code(&seen, &x, 10 + i);
        row_free(&x);
    }
    assert_int_equal(rc, -1);
    proc_seen_free(&seen);
    proc_seen_free(&seen); /* twice is harmless */
    row_free(&a);
    row_free(&b);
    row_free(&none);
    row_free(&c);
    /* out of memory recording a code */
    assert_int_equal(proc_seen_init(&seen, 1), 0);
    struct proc_row d = row_new();
    snprintf(d.code, sizeof d.code, "1.001193");
    mem_fail_after(0, 1);
    assert_int_equal(proc_row_first_of_code(&seen, &d, 2), -1);
    mem_fail_after(-1, 0);
    proc_seen_free(&seen);
    row_free(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_code),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_time_limit_and_fee),
        cmocka_unit_test(test_online_date_postal),
        cmocka_unit_test(test_text_columns),
        cmocka_unit_test(test_long_text_quoted_short),
        cmocka_unit_test(test_first_of_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
