/* Unit tests for core/multipart: boundaries, parts, file names, and malformed bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/multipart.h"

#define CT "multipart/form-data; boundary=XyZ"

static enum mp_result parse(const char *body, size_t len, struct mp_part *p, size_t max,
                            size_t *n) {
    return mp_parse(CT, (const unsigned char *)body, len, p, max, n);
}

static void test_boundary(void **state) {
    (void)state;
    char b[71];
    assert_int_equal(mp_boundary("multipart/form-data; boundary=abc", b), MP_OK);
    assert_string_equal(b, "abc");
    assert_int_equal(mp_boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b:c\"", b),
                     MP_OK);
    assert_string_equal(b, "a b:c");
    assert_int_equal(
        mp_boundary("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", b),
        MP_OK);
    assert_string_equal(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
    assert_int_equal(mp_boundary("application/json", b), MP_NOT_MULTIPART);
    assert_int_equal(mp_boundary("multipart/form-datax; boundary=a", b), MP_NOT_MULTIPART);
    assert_int_equal(mp_boundary(NULL, b), MP_NOT_MULTIPART);
    assert_int_equal(mp_boundary("multipart/form-data", b), MP_NO_BOUNDARY);
    assert_int_equal(mp_boundary("multipart/form-data; charset=utf-8", b), MP_NO_BOUNDARY);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=", b), MP_NO_BOUNDARY);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=\"abc", b), MP_NO_BOUNDARY);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=\"abc \"", b), MP_NO_BOUNDARY);
    assert_int_equal(mp_boundary("multipart/form-data; boundary=a\"b", b), MP_NO_BOUNDARY);
    char longb[120];
    snprintf(longb, sizeof longb, "multipart/form-data; boundary=%071d", 0);
    assert_int_equal(mp_boundary(longb, b), MP_NO_BOUNDARY);
    snprintf(longb, sizeof longb, "multipart/form-data; boundary=%070d", 0);
    assert_int_equal(mp_boundary(longb, b), MP_OK);
    assert_int_equal(strlen(b), 70);
}

static void test_form(void **state) {
    (void)state;
    const char body[] =
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
        "Nguyễn Văn A\r\n"
        "--XyZ\r\n"
        "content-disposition: form-data; name=\"empty\"\r\n\r\n"
        "\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF-1.4\r\n--XyY\r\n-- not the boundary\r\n"
        "--XyZ--\r\n";
    struct mp_part p[8];
    size_t n = 0;
    assert_int_equal(parse(body, sizeof body - 1, p, 8, &n), MP_OK);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].name, "name");
    assert_false(p[0].is_file);
    assert_int_equal(p[0].len, strlen("Nguyễn Văn A"));
    assert_memory_equal(p[0].data, "Nguyễn Văn A", p[0].len);
    assert_string_equal(p[1].name, "empty");
    assert_int_equal(p[1].len, 0);
    assert_true(p[2].is_file);
    assert_string_equal(p[2].filename, "a.pdf");
    assert_string_equal(p[2].content_type, "application/pdf");
    const char *data = "%PDF-1.4\r\n--XyY\r\n-- not the boundary";
    assert_int_equal(p[2].len, strlen(data));
    assert_memory_equal(p[2].data, data, p[2].len);
}

static void test_preamble_epilogue_and_padding(void **state) {
    (void)state;
    const char body[] = "this is a preamble\r\n--XyZ  \t\r\n"
                        "Content-Disposition: form-data; name=x\r\n\r\n"
                        "1\r\n--XyZ--\r\nepilogue ignored";
    struct mp_part p[2];
    size_t n = 0;
    assert_int_equal(parse(body, sizeof body - 1, p, 2, &n), MP_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "x");
    assert_int_equal(p[0].len, 1);
}

static void test_binary_data(void **state) {
    (void)state;
    unsigned char body[600];
    size_t len = 0;
    const char *head =
        "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.png\"\r\n\r\n";
    memcpy(body, head, strlen(head));
    len = strlen(head);
    for (int i = 0; i < 256; i++) body[len++] = (unsigned char)i; /* NULs included */
    memcpy(body + len, "\r\n--XyZ--", 9);
    len += 9;
    struct mp_part p[2];
    size_t n = 0;
    assert_int_equal(mp_parse(CT, body, len, p, 2, &n), MP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].len, 256);
    for (int i = 0; i < 256; i++) assert_int_equal(p[0].data[i], i);
}

static void test_file_names(void **state) {
    (void)state;
    const char body[] =
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
        "filename=\"C:\\\\Users\\\\x\\\\đơn.pdf\"\r\n\r\nA\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"plain.pdf\"; "
        "filename*=UTF-8''%C4%91%C6%A1n%20th%C6%B0.docx\r\n\r\nB\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"c\"; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"d\\\"q\"; "
        "filename=\"../../etc/passwd\"\r\n\r\nD\r\n"
        "--XyZ--";
    struct mp_part p[8];
    size_t n = 0;
    assert_int_equal(parse(body, sizeof body - 1, p, 8, &n), MP_OK);
    assert_int_equal(n, 4);
    assert_string_equal(p[0].filename, "đơn.pdf");
    assert_string_equal(p[1].filename, "đơn thư.docx");
    assert_true(p[2].is_file);
    assert_string_equal(p[2].filename, "");
    assert_int_equal(p[2].len, 0);
    assert_string_equal(p[3].name, "d\"q");
    assert_string_equal(p[3].filename, "passwd");
}

static void test_malformed(void **state) {
    (void)state;
    struct mp_part p[4];
    size_t n = 0;
    const char *bad[] = {
        "",                                                                      /* empty */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing", /* unterminated */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line",  /* no header end */
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",       /* no disposition */
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", /* no name */
        "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--XyZ--", /* empty name */
        "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\n\r\nno headers\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--", /* open quote */
        "--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
        "name=\"b\"\r\n\r\nx\r\n--XyZ--", /* two dispositions */
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
        "filename*=latin1''x\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
        "filename*=UTF-8''%zz\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
        "filename*=UTF-8''%00\r\n\r\nx\r\n--XyZ--",
        "--XyZx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--", /* junk after */
        "no boundary at all",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum mp_result rc = parse(bad[i], strlen(bad[i]), p, 4, &n);
        if (rc != MP_MALFORMED) fail_msg("case %zu: got %d", i, rc);
    }
    assert_int_equal(mp_parse(CT, NULL, 0, p, 4, &n), MP_MALFORMED);
    assert_int_equal(mp_parse("text/plain", (const unsigned char *)"x", 1, p, 4, &n),
                     MP_NOT_MULTIPART);
    assert_non_null(strstr(mp_message(MP_MALFORMED), "multipart"));
    assert_string_equal(mp_message(MP_OK), "");
}

static void test_limits(void **state) {
    (void)state;
    char body[2000] = "";
    for (int i = 0; i < 5; i++)
        snprintf(body + strlen(body), sizeof body - strlen(body),
                 "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    strcat(body, "--XyZ--");
    struct mp_part p[5];
    size_t n = 0;
    assert_int_equal(parse(body, strlen(body), p, 5, &n), MP_OK);
    assert_int_equal(n, 5);
    assert_int_equal(parse(body, strlen(body), p, 4, &n), MP_TOO_MANY);
    assert_int_equal(n, 4);
    /* a field name longer than the part's buffer */
    char longname[300];
    snprintf(longname, sizeof longname,
             "--XyZ\r\nContent-Disposition: form-data; name=\"%080d\"\r\n\r\nx\r\n--XyZ--", 0);
    assert_int_equal(parse(longname, strlen(longname), p, 4, &n), MP_MALFORMED);
    /* headers over 8 KiB */
    size_t big = 9000;
    char *h = malloc(big + 200);
    int k =
        snprintf(h, big + 200, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
    memset(h + k, 'p', big);
    strcpy(h + k + big, "\r\n\r\nx\r\n--XyZ--");
    assert_int_equal(parse(h, strlen(h), p, 4, &n), MP_MALFORMED);
    free(h);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_form),
        cmocka_unit_test(test_preamble_epilogue_and_padding),
        cmocka_unit_test(test_binary_data),
        cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
