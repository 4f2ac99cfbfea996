/* Unit tests for lib/mail's message composition: encoded subject, base64 body, no injection. */
#include <openssl/evp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/mail.h"

/* Decodes the base64 body lines after the blank line into out. */
static size_t body_of(const char *msg, unsigned char *out) {
    const char *p = strstr(msg, "\r\n\r\n");
    assert_non_null(p);
    p += 4;
    size_t n = 0;
    while (*p) {
        const char *e = strstr(p, "\r\n");
        assert_non_null(e);
        assert_true(e - p <= 76);
        int w = EVP_DecodeBlock(out + n, (const unsigned char *)p, (int)(e - p));
        assert_true(w >= 0);
        n += (size_t)w;
        while (e > p && e[-1] == '=') { /* padding bytes decoded as zeros */
            n--;
            e--;
        }
        p = strstr(p, "\r\n") + 2;
    }
    return n;
}

static void test_compose(void **state) {
    (void)state;
    const char *body = "Kính gửi ông/bà,\nMã tra cứu: ABCD-EFGH-JKLM\n";
    char *m = mail_compose("KSTT <noreply@namdinh.gov.vn>", "congdan@example.vn",
                           "Xác nhận đã nhận phản ánh, kiến nghị", body,
                           "Sat, 21 Nov 2026 23:00:00 +0000", "<x@namdinh.gov.vn>");
    assert_non_null(m);
    assert_non_null(strstr(m, "From: KSTT <noreply@namdinh.gov.vn>\r\n"));
    assert_non_null(strstr(m, "To: congdan@example.vn\r\n"));
    assert_non_null(strstr(m, "Subject: =?UTF-8?B?"));
    assert_non_null(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n"));
    assert_non_null(strstr(m, "Content-Transfer-Encoding: base64\r\n"));
    assert_non_null(strstr(m, "Message-ID: <x@namdinh.gov.vn>\r\n"));
    unsigned char out[4096];
    size_t n = body_of(m, out);
    assert_int_equal(n, strlen(body));
    assert_memory_equal(out, body, n);
    free(m);
    /* an ASCII subject stays as it is */
    m = mail_compose("a@b.vn", "c@d.vn", "Hello", "x", NULL, NULL);
    assert_non_null(strstr(m, "Subject: Hello\r\n"));
    free(m);
}

static void test_long_subject_is_folded(void **state) {
    (void)state;
    char subject[400] = "";
    for (int i = 0; i < 20; i++) strcat(subject, "Phản ánh ");
    char *m = mail_compose("a@b.vn", "c@d.vn", subject, "x", NULL, NULL);
    assert_non_null(m);
    const char *s = strstr(m, "Subject: ");
    const char *end = strstr(s, "\r\nMIME-Version");
    for (const char *p = s; p < end;) {
        const char *e = strstr(p, "\r\n");
        assert_true(e - p <= 78);
        p = e + 2;
    }
    free(m);
}

static void test_injection_refused(void **state) {
    (void)state;
    assert_null(mail_compose("a@b.vn", "c@d.vn\r\nBcc: x@y.vn", "s", "b", NULL, NULL));
    assert_null(mail_compose("a@b.vn", "c@d.vn", "s\nBcc: x@y.vn", "b", NULL, NULL));
    assert_null(mail_compose("a@b.vn\r", "c@d.vn", "s", "b", NULL, NULL));
    assert_null(mail_compose(NULL, "c@d.vn", "s", "b", NULL, NULL));
    struct config cfg;
    memset(&cfg, 0, sizeof cfg);
    assert_false(mail_enabled(&cfg));
    assert_false(mail_enabled(NULL));
    char err[64];
    assert_int_equal(mail_send(&cfg, "c@d.vn", "s", "b", err, sizeof err), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_long_subject_is_folded),
        cmocka_unit_test(test_injection_refused),
    };
    return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
