/* The public feedback form's checks across fields (blank, phone, e-mail, code, organisation). Pure.
 */
#ifndef KSTT_CORE_FEEDBACK_FORM_H
#define KSTT_CORE_FEEDBACK_FORM_H

#include <stddef.h>

/* 1 when s is NULL, empty or only spaces, tabs and line breaks. */
int fb_blank(const char *s);
/* Vietnamese numbers: 8 to 15 digits, with spaces, dots, dashes, parentheses or a leading +. */
int fb_phone_ok(const char *s);
/* A hotline as the public pages show it: the same characters, 3 to 15 digits (1022, 1900 1234). */
int fb_hotline_ok(const char *s);
/* One @ with something before it and a dot after it; no spaces, separators or angle brackets;
 * neither ends in a dot nor has one right after the @. */
int fb_email_ok(const char *s);
/* 1 when c is a one-time code: exactly six digits. */
int fb_code_ok(const char *c);
/* The address as the code table keys it: lower case ASCII (addresses are compared without case),
 * at most 254 bytes. */
void fb_email_key(const char *email, char out[255]);

/* The sender's text fields after the declared checks (lengths, required). kind is "person" or
 * "organization". */
struct fb_form {
    const char *name, *address, *phone, *email, *email_code, *organization, *title, *content,
        *procedure_code, *kind;
};
struct fb_form_error {
    const char *field, *message;
};
#define FB_FORM_ERRORS_MAX 8

/* Checks f across its fields, writing the errors (at most FB_FORM_ERRORS_MAX) in the order the
 * answer lists them, and returns their count. Also normalises f: an empty email, email_code or
 * procedure_code becomes NULL, and a person has no organization. */
size_t fb_form_check(struct fb_form *f, struct fb_form_error err[FB_FORM_ERRORS_MAX]);

#endif
