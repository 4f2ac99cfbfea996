/* Unit tests for core/dossier's plain-row reader (dossier_from_plain_json): every row it takes
 * gives the dossier and the errors that json_loadb + dossier_from_json give; every row it leaves
 * (escapes, nesting, signs, fractions, repeated or unknown keys, bad UTF-8, trailing text) is
 * left untouched, before any error is reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/dossier.h"

/* The errors of one reading, in order, as "field: message\n". */
struct log {
    char text[4096];
    size_t len;
    int n;
};

static void record(void *ctx, const char *field, const char *message) {
    struct log *l = ctx;
    int w = snprintf(l->text + l->len, sizeof l->text - l->len, "%s: %s\n", field, message);
    if (w > 0 && (size_t)w < sizeof l->text - l->len) l->len += (size_t)w;
    l->n++;
}

/* Reads row both ways; returns what the plain reader returned. */
static int both(const char *row) {
    struct dossier a, b;
    struct log la = {0}, lb = {0};
    dossier_init(&a);
    dossier_init(&b);
    int ra = dossier_from_plain_json(&a, row, strlen(row), record, &la);
    if (ra == DOSSIER_NOT_PLAIN) {
        assert_int_equal(la.n, 0);
        struct dossier fresh;
        dossier_init(&fresh);
        assert_memory_equal(&a, &fresh, sizeof a);
        return ra;
    }
    json_error_t e;
    json_t *o = json_loads(row, JSON_REJECT_DUPLICATES, &e);
    if (!o) fail_msg("plain reader took a row jansson refuses (%s): %s", e.text, row);
    int rb = dossier_from_json(&b, o, record, &lb);
    json_decref(o);
    assert_int_equal(ra, rb);
    assert_string_equal(la.text, lb.text);
    assert_memory_equal(&a, &b, sizeof a);
    return ra;
}

static void test_plain_rows_match_jansson(void **state) {
    (void)state;
    const char *rows[] = {
        "{\"code\":\"000.00.17.H40-240301-0001\",\"procedure_code\":\"1.001\",\"unit_code\":"
        "\"X0101\",\"channel\":\"online\",\"online_level\":\"full\",\"received_at\":"
        "\"2024-03-01T08:00:00+07:00\",\"due_at\":\"2024-03-05\",\"finished_at\":null,\"status\":"
        "\"processing\",\"supplement_count\":1,\"digitized\":true,\"result_electronic\":0,"
        "\"fee\":50000,\"paid_online\":1,\"rating\":null,\"apology_issued\":false,"
        "\"internal_transfer\":true,\"reused_data\":\"có\",\"handler_name\":\"Nguyễn Văn A\","
        "\"handler_code\":\"CB01\"}",
        /* whitespace anywhere JSON allows it */
        " { \"code\" : \"A1\" ,\n\t\"unit_code\":\"X0101\", \"channel\" :\"trực tiếp\",\r\n"
        "\"status\":\"finished\",\"received_at\":\"2024-03-01 08:00:00\",\"finished_at\":"
        "\"2024-03-02T09:00:00+07:00\" } ",
        /* errors, in the order of the keys */
        "{\"code\":\"\",\"unit_code\":\"X\",\"channel\":\"fax\",\"received_at\":\"2024-13-01\","
        "\"status\":\"done\",\"fee\":100000000000000001,\"rating\":\"good\",\"digitized\":"
        "\"maybe\",\"internal_transfer\":2}",
        "{}",
        "{\"code\":\"A\",\"unit_code\":\"X0101\",\"channel\":\"postal\",\"status\":\"received\","
        "\"received_at\":\"2024-03-02T08:00:00+07:00\",\"finished_at\":\"2024-03-01T08:00:00+07:00"
        "\"}",
        "{\"handler_code\":\"CB\",\"code\":\"B\",\"online_level\":\"\",\"rating\":\"\","
        "\"supplement_count\":0,\"fee\":0}",
        "{\"code\":\"C\",\"fee\":123456789012345678}",
        "{\"code\":true,\"unit_code\":false,\"status\":0}",
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (both(rows[i]) == DOSSIER_NOT_PLAIN) fail_msg("row %zu was not taken as plain", i);
}

static void test_other_rows_are_left_to_jansson(void **state) {
    (void)state;
    const char *rows[] = {
        "",
        "[]",
        "{",
        "{\"code\":\"A\"",
        "{\"code\":\"A\",}",
        "{\"code\":\"A\"} x",
        "{\"code\":\"A\"}{}",
        "{\"code\":\"A\\u0042\"}",
        "{\"code\":\"A\\\"\"}",
        "{\"code\":\"A\tB\"}",
        "{\"code\":\"\xc3\x28\"}",
        "{\"code\":\"\xed\xa0\x80\"}",
        "{\"code\":\"A\",\"code\":\"B\"}",
        "{\"colour\":\"red\"}",
        "{\"co\\u0064e\":\"A\"}",
        "{\"fee\":-1}",
        "{\"fee\":-0}",
        "{\"fee\":1.5}",
        "{\"fee\":1e3}",
        "{\"fee\":01}",
        "{\"fee\":1234567890123456789}",
        "{\"fee\":12a}",
        "{\"fee\":truex}",
        "{\"fee\":nul}",
        "{\"supplement_count\":[1]}",
        "{\"supplement_count\":{\"a\":1}}",
        "{code:\"A\"}",
        "{\"code\" \"A\"}",
        "{\"code\":\"A\" \"unit_code\":\"B\"}",
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (both(rows[i]) != DOSSIER_NOT_PLAIN) fail_msg("row %zu was taken as plain", i);
}

/* Cut anywhere, a plain row is either still plain-and-equal or left alone. */
static void test_every_prefix(void **state) {
    (void)state;
    const char *row = "{\"code\":\"Đ-1\",\"unit_code\":\"X0101\",\"channel\":\"online\",\"status\":"
                      "\"received\",\"received_at\":\"2024-03-01T08:00:00+07:00\",\"fee\":25000,"
                      "\"digitized\":true,\"rating\":null}";
    char buf[512];
    for (size_t n = 0; n <= strlen(row); n++) {
        memcpy(buf, row, n);
        buf[n] = '\0';
        both(buf);
    }
    assert_int_equal(both(row), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_rows_match_jansson),
        cmocka_unit_test(test_other_rows_are_left_to_jansson),
        cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
