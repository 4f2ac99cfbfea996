/* Unit tests for core/feedback_form: the public form's field checks, their order and messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/feedback_form.h"

static void blanks(void **state) {
    (void)state;
    assert_true(fb_blank(NULL));
    assert_true(fb_blank(""));
    assert_true(fb_blank(" \t\r\n "));
    assert_false(fb_blank(" a "));
    assert_false(fb_blank("\xc3\xa1")); /* "á": bytes above 0x7f are not blank */
}

static void phones(void **state) {
    (void)state;
    assert_true(fb_phone_ok("0912345678"));
    assert_true(fb_phone_ok("+84 912.345.678"));
    assert_true(fb_phone_ok("(0228) 3-123-456"));
    assert_true(fb_phone_ok("12345678"));          /* 8 digits */
    assert_true(fb_phone_ok("123456789012345"));   /* 15 digits */
    assert_false(fb_phone_ok("1234567"));          /* 7 */
    assert_false(fb_phone_ok("1234567890123456")); /* 16 */
    assert_false(fb_phone_ok("0912 345 67+8"));    /* + only in front */
    assert_false(fb_phone_ok("0912345678x"));
    assert_false(fb_phone_ok(""));
}

static void emails(void **state) {
    (void)state;
    assert_true(fb_email_ok("a@b.vn"));
    assert_true(fb_email_ok("Nguyen.Van-A+x@so.gov.vn"));
    assert_false(fb_email_ok("ab.vn"));
    assert_false(fb_email_ok("@b.vn"));
    assert_false(fb_email_ok("a@b@c.vn"));
    assert_false(fb_email_ok("a@bvn"));
    assert_false(fb_email_ok("a@b.vn."));
    assert_false(fb_email_ok("a@.b.vn"));
    assert_false(fb_email_ok("a b@c.vn"));
    assert_false(fb_email_ok("a@c.vn,b@c.vn"));
    assert_false(fb_email_ok("a@c.vn;"));
    assert_false(fb_email_ok("<a@c.vn>"));
    assert_false(fb_email_ok("a@c.vn\n"));
}

static void codes(void **state) {
    (void)state;
    assert_true(fb_code_ok("012345"));
    assert_false(fb_code_ok(NULL));
    assert_false(fb_code_ok("12345"));
    assert_false(fb_code_ok("1234567"));
    assert_false(fb_code_ok("12a456"));
    assert_false(fb_code_ok(" 12345"));
}

static void email_keys(void **state) {
    (void)state;
    char k[255];
    fb_email_key("Nguyen.A@So.GOV.vn", k);
    assert_string_equal(k, "nguyen.a@so.gov.vn");
    fb_email_key("\xc3\x81@b.vn", k); /* only ASCII letters are folded */
    assert_string_equal(k, "\xc3\x81@b.vn");
    char long_addr[400];
    memset(long_addr, 'A', sizeof long_addr - 1);
    long_addr[sizeof long_addr - 1] = '\0';
    fb_email_key(long_addr, k);
    assert_int_equal(strlen(k), 254);
    assert_int_equal(k[0], 'a');
}

static struct fb_form good(void) {
    return (struct fb_form){.name = "Nguyễn Văn A",
                            .address = "1 Trần Phú",
                            .phone = "0912345678",
                            .email = "",
                            .email_code = "",
                            .organization = "Công ty X",
                            .title = "Tiêu đề",
                            .content = "Nội dung",
                            .procedure_code = "",
                            .kind = "person"};
}

static void a_good_form_is_normalised(void **state) {
    (void)state;
    struct fb_form f = good();
    struct fb_form_error err[FB_FORM_ERRORS_MAX];
    assert_int_equal(fb_form_check(&f, err), 0);
    assert_null(f.email);
    assert_null(f.email_code);
    assert_null(f.procedure_code);
    assert_null(f.organization); /* a person names no organisation */
    f = good();
    f.kind = "organization";
    f.email = "a@b.vn";
    f.email_code = "123456";
    f.procedure_code = "1.001";
    assert_int_equal(fb_form_check(&f, err), 0);
    assert_string_equal(f.organization, "Công ty X");
    assert_string_equal(f.email, "a@b.vn");
    assert_string_equal(f.email_code, "123456");
    assert_string_equal(f.procedure_code, "1.001");
}

/* Every check fails at once: the errors come in the order the answer has always listed them. */
static void every_error_in_order(void **state) {
    (void)state;
    struct fb_form f = {.name = " ",
                        .address = "",
                        .phone = "12",
                        .email = "x",
                        .email_code = "12",
                        .organization = " ",
                        .title = "\t",
                        .content = "\n",
                        .procedure_code = NULL,
                        .kind = "organization"};
    struct fb_form_error err[FB_FORM_ERRORS_MAX];
    static const char *const fields[] = {"name",  "address", "title",      "content",
                                         "phone", "email",   "email_code", "organization"};
    assert_int_equal(fb_form_check(&f, err), FB_FORM_ERRORS_MAX);
    for (size_t i = 0; i < FB_FORM_ERRORS_MAX; i++) assert_string_equal(err[i].field, fields[i]);
    assert_string_equal(err[0].message, "Không được để trống.");
    assert_string_equal(err[4].message, "Số điện thoại không hợp lệ (8–15 chữ số).");
    assert_string_equal(err[5].message, "Địa chỉ thư điện tử không hợp lệ.");
    assert_string_equal(err[6].message,
                        "Mã xác nhận gồm 6 chữ số, gửi tới thư điện tử của ông/bà.");
    assert_string_equal(err[7].message, "Hãy nhập tên cơ quan, tổ chức.");
}

static void a_code_needs_an_address(void **state) {
    (void)state;
    struct fb_form f = good();
    f.email_code = "123456";
    struct fb_form_error err[FB_FORM_ERRORS_MAX];
    assert_int_equal(fb_form_check(&f, err), 1);
    assert_string_equal(err[0].field, "email_code");
    assert_string_equal(err[0].message, "Hãy nhập địa chỉ thư điện tử đã nhận mã xác nhận.");
    /* A malformed code is reported as such, not as a missing address. */
    f = good();
    f.email_code = "abc";
    assert_int_equal(fb_form_check(&f, err), 1);
    assert_string_equal(err[0].message,
                        "Mã xác nhận gồm 6 chữ số, gửi tới thư điện tử của ông/bà.");
}

/* The public contact's hotline: short service numbers too, never letters. */
static void hotlines(void **state) {
    (void)state;
    assert_true(fb_hotline_ok("1022"));
    assert_true(fb_hotline_ok("1900 1234"));
    assert_true(fb_hotline_ok("(0228) 3.123.456"));
    assert_true(fb_hotline_ok("+84 228 3123456"));
    assert_false(fb_hotline_ok("11"));
    assert_false(fb_hotline_ok(""));
    assert_false(fb_hotline_ok("1022a"));
    assert_false(fb_hotline_ok("10+22"));
    assert_false(fb_hotline_ok("1234567890123456"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blanks),
        cmocka_unit_test(phones),
        cmocka_unit_test(hotlines),
        cmocka_unit_test(emails),
        cmocka_unit_test(codes),
        cmocka_unit_test(email_keys),
        cmocka_unit_test(a_good_form_is_normalised),
        cmocka_unit_test(every_error_in_order),
        cmocka_unit_test(a_code_needs_an_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
