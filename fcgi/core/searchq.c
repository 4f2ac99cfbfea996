/* searchq: the query of the search across modules, checked, folded and turned into LIKE patterns.
 */
#include "core/searchq.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/vnfold.h"
#include "lib/utf8.h"

int searchq_like(const char *before, const char *s, size_t n, const char *after, char *out,
                 size_t cap) {
    size_t k = 0, bl = strlen(before), al = strlen(after);
    if (cap == 0) return -1;
    out[0] = '\0';
    if (bl >= cap) return -1;
    memcpy(out, before, bl);
    k = bl;
    for (size_t i = 0; i < n; i++) {
        int esc = s[i] == '%' || s[i] == '_' || s[i] == '\\';
        if (k + (size_t)esc + 1 >= cap) {
            out[0] = '\0';
            return -1;
        }
        if (esc) out[k++] = '\\';
        out[k++] = s[i];
    }
    if (k + al >= cap) {
        out[0] = '\0';
        return -1;
    }
    memcpy(out + k, after, al + 1);
    return 0;
}

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Valid UTF-8 with no control character: what a search box can send. */
static int clean_text(const char *s, size_t n) {
    if (utf8_valid_prefix(s, n) != n) return 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = utf8_next(s, n, &i);
        if (cp < 0x20 && !is_space((unsigned char)cp)) return 0;
        if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return 0;
    }
    return 1;
}

static void empty(struct searchq *out) {
    memset(out, 0, sizeof *out);
    for (int i = 0; i < SQ_MAX_WORDS; i++) {
        strcpy(out->prefix[i], "%");
        strcpy(out->whole[i], "%");
    }
}

enum sq_status searchq_parse(const char *q, struct searchq *out) {
    empty(out);
    if (!q) q = "";
    size_t b = 0, e = strlen(q);
    while (b < e && is_space((unsigned char)q[b])) b++;
    while (e > b && is_space((unsigned char)q[e - 1])) e--;
    if (!clean_text(q + b, e - b)) return SQ_BAD_TEXT;
    /* Count characters before copying: a long query is refused, never cut. */
    size_t chars = 0;
    for (size_t i = b; i < e; i++) chars += ((unsigned char)q[i] & 0xC0) != 0x80;
    if (chars < SQ_MIN_CHARS) return SQ_TOO_SHORT;
    if (chars > SQ_MAX_CHARS) return SQ_TOO_LONG;
    memcpy(out->text, q + b, e - b);
    out->text[e - b] = '\0';
    vnfold(out->text, e - b, out->folded, sizeof out->folded);
    const char *tok[SQ_MAX_WORDS];
    size_t len[SQ_MAX_WORDS];
    int n = vnfold_tokens(out->folded, tok, len, SQ_MAX_WORDS);
    for (int i = 0; i < n; i++) {
        /* A word is at most SQ_TEXT bytes: both patterns always fit in SQ_PAT. */
        searchq_like("% ", tok[i], len[i], "%", out->prefix[i], SQ_PAT);
        searchq_like("% ", tok[i], len[i], " %", out->whole[i], SQ_PAT);
    }
    out->nwords = n;
    return SQ_OK;
}
