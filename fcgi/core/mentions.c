/* @username mentions in a comment's text (core/mentions.h). Pure. */
#include "core/mentions.h"

#include <string.h>

static int name_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

static int seen(char (*names)[MENTION_NAME_MAX + 1], size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return 1;
    return 0;
}

/* The name that starts at s (after the '@'): its length once trailing punctuation is dropped. */
static size_t name_len(const char *s, size_t avail, size_t *run) {
    size_t k = 0;
    while (k < avail && name_char((unsigned char)s[k])) k++;
    *run = k;
    while (k > 0 && (s[k - 1] == '.' || s[k - 1] == '_' || s[k - 1] == '-')) k--;
    return k;
}

size_t mentions_parse(const char *text, size_t len, char (*names)[MENTION_NAME_MAX + 1],
                      size_t max) {
    size_t n = 0;
    if (!text) return 0;
    for (size_t i = 0; i < len && n < max; i++) {
        if (text[i] != '@') continue;
        /* Why: an '@' inside a word is an e-mail address or a handle elsewhere, not a mention. */
        if (i > 0 && (name_char((unsigned char)text[i - 1]) || text[i - 1] == '@')) continue;
        size_t run;
        size_t k = name_len(text + i + 1, len - i - 1, &run);
        if (k >= MENTION_NAME_MIN && k <= MENTION_NAME_MAX) {
            char name[MENTION_NAME_MAX + 1];
            for (size_t j = 0; j < k; j++) {
                unsigned char c = (unsigned char)text[i + 1 + j];
                name[j] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
            name[k] = '\0';
            if (!seen(names, n, name)) memcpy(names[n++], name, k + 1);
        }
        i += run; /* the whole run is consumed: "@@x" or "@a@b" start nothing inside it */
    }
    return n;
}
