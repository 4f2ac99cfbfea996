/* The public feedback form's checks across fields (core/feedback_form.h). Pure. */
#include "core/feedback_form.h"

#include <string.h>

int fb_blank(const char *s) {
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return 0;
    return 1;
}

/* The digits of a phone number written with spaces, dots, dashes, brackets and a leading +;
 * -1 when another character is there. */
static int phone_digits(const char *s) {
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p == ' ' || *p == '.' || *p == '-' || *p == '(' || *p == ')' ||
                   (*p == '+' && p == s)))
            return -1;
    }
    return digits;
}

int fb_phone_ok(const char *s) {
    int digits = phone_digits(s);
    return digits >= 8 && digits <= 15;
}

/* Same characters as fb_phone_ok; a short service number (1022, 1900 xxxx) has 3 digits or more. */
int fb_hotline_ok(const char *s) {
    int digits = phone_digits(s);
    return digits >= 3 && digits <= 15;
}

int fb_email_ok(const char *s) {
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.')) return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';' || *p == '<' || *p == '>') return 0;
    const char *last = s + strlen(s) - 1;
    return *last != '.' && at[1] != '.';
}

int fb_code_ok(const char *c) {
    if (!c || strlen(c) != 6) return 0;
    for (; *c; c++)
        if (*c < '0' || *c > '9') return 0;
    return 1;
}

void fb_email_key(const char *email, char out[255]) {
    size_t i = 0;
    for (; i < 254 && email[i]; i++)
        out[i] = (email[i] >= 'A' && email[i] <= 'Z') ? (char)(email[i] + 32) : email[i];
    out[i] = '\0';
}

/* Browsers send every field of the form, so an empty optional value means "not given". */
static const char *given(const char *s) {
    return s && *s ? s : NULL;
}

size_t fb_form_check(struct fb_form *f, struct fb_form_error err[FB_FORM_ERRORS_MAX]) {
    size_t n = 0;
#define FAIL(fld, msg) (err[n].field = (fld), err[n].message = (msg), n++)
    if (fb_blank(f->name)) FAIL("name", "Không được để trống.");
    if (fb_blank(f->address)) FAIL("address", "Không được để trống.");
    if (fb_blank(f->title)) FAIL("title", "Không được để trống.");
    if (fb_blank(f->content)) FAIL("content", "Không được để trống.");
    if (!fb_phone_ok(f->phone)) FAIL("phone", "Số điện thoại không hợp lệ (8–15 chữ số).");
    f->email = given(f->email);
    if (f->email && !fb_email_ok(f->email)) FAIL("email", "Địa chỉ thư điện tử không hợp lệ.");
    f->email_code = given(f->email_code);
    if (f->email_code && !fb_code_ok(f->email_code))
        FAIL("email_code", "Mã xác nhận gồm 6 chữ số, gửi tới thư điện tử của ông/bà.");
    else if (f->email_code && !f->email)
        FAIL("email_code", "Hãy nhập địa chỉ thư điện tử đã nhận mã xác nhận.");
    if (strcmp(f->kind, "organization") == 0 && fb_blank(f->organization))
        FAIL("organization", "Hãy nhập tên cơ quan, tổ chức.");
    if (strcmp(f->kind, "person") == 0) f->organization = NULL;
    f->procedure_code = given(f->procedure_code);
#undef FAIL
    return n;
}
