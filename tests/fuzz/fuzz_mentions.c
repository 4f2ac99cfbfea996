/* libFuzzer target for core/mentions: bounded, distinct, well-formed names that occur in the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mentions.h"

static int well_formed(const char *s) {
    size_t n = strlen(s);
    if (n < MENTION_NAME_MIN || n > MENTION_NAME_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return s[n - 1] != '.' && s[n - 1] != '_' && s[n - 1] != '-';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char names[MENTION_MAX][MENTION_NAME_MAX + 1];
    /* A copy of exactly size bytes, so reading past the end is caught by ASan. */
    char *text = malloc(size ? size : 1);
    if (!text) abort();
    memcpy(text, data, size);
    size_t n = mentions_parse(text, size, names, MENTION_MAX);
    if (n > MENTION_MAX) abort();
    for (size_t i = 0; i < n; i++) {
        if (!well_formed(names[i])) abort();
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0) abort();
    }
    /* Fewer slots never give other names: the first k are a prefix of the full answer. */
    char few[2][MENTION_NAME_MAX + 1];
    size_t k = mentions_parse(text, size, few, 2);
    if (k != (n < 2 ? n : 2)) abort();
    for (size_t i = 0; i < k; i++)
        if (strcmp(few[i], names[i]) != 0) abort();
    free(text);
    return 0;
}
