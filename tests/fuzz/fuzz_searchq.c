/* libFuzzer target for core/searchq: any q is refused or gives bounded, well-formed patterns. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/searchq.h"

/* A pattern is "%" or "% " + word + "%" / " %" with every %, _ and \ of the word escaped. */
static void check_pattern(const char *p, int used) {
    size_t n = strnlen(p, SQ_PAT);
    if (n >= SQ_PAT) abort();
    if (!used) {
        if (strcmp(p, "%") != 0) abort();
        return;
    }
    if (n < 3 || p[0] != '%' || p[1] != ' ' || p[n - 1] != '%') abort();
    for (size_t i = 2; i + 1 < n; i++) {
        if (p[i] == '\\') {
            if (p[i + 1] != '%' && p[i + 1] != '_' && p[i + 1] != '\\') abort();
            i++;
        } else if (p[i] == '%' || p[i] == '_') {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *q = malloc(size + 1);
    if (!q) abort();
    memcpy(q, data, size);
    q[size] = '\0';
    static struct searchq s;
    enum sq_status st = searchq_parse(q, &s);
    if (st == SQ_OK) {
        if (s.nwords < 0 || s.nwords > SQ_MAX_WORDS) abort();
        size_t tl = strnlen(s.text, SQ_TEXT), fl = strnlen(s.folded, SQ_TEXT);
        if (tl >= SQ_TEXT || fl > tl || !strstr(q, s.text)) abort();
        for (int i = 0; i < SQ_MAX_WORDS; i++) {
            check_pattern(s.prefix[i], i < s.nwords);
            check_pattern(s.whole[i], i < s.nwords);
        }
    } else if (st != SQ_TOO_SHORT && st != SQ_TOO_LONG && st != SQ_BAD_TEXT) {
        abort();
    }
    free(q);
    return 0;
}
