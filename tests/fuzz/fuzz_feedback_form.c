/* libFuzzer target for core/feedback_form's checks of typed contact details (phone, hotline,
 * e-mail): never crash, and a hotline check agrees with a digit count of the accepted characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/feedback_form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 4096) return 0;
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    int digits = 0, other = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!strchr(" .-()", *p) && !(*p == '+' && p == s))
            other = 1;
    }
    int want = !other && digits >= 3 && digits <= 15;
    if (fb_hotline_ok(s) != want) abort();
    /* a phone is a hotline with 8 digits or more */
    if (fb_phone_ok(s) && !fb_hotline_ok(s)) abort();
    (void)fb_email_ok(s);
    (void)fb_code_ok(s);
    free(s);
    return 0;
}
