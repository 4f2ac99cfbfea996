/* searchq: the query of the search across modules, checked, folded and turned into LIKE patterns.
 */
#ifndef KSTT_CORE_SEARCHQ_H
#define KSTT_CORE_SEARCHQ_H

#include <stddef.h>

enum {
    SQ_MIN_CHARS = 2,   /* after trimming */
    SQ_MAX_CHARS = 100, /* after trimming */
    SQ_MAX_WORDS = 6,   /* words past the sixth are ignored */
    SQ_TEXT = SQ_MAX_CHARS * 4 + 1,
    SQ_PAT = SQ_TEXT * 2 + 4, /* a word, every byte possibly escaped, and "% " ... "%" */
};

enum sq_status { SQ_OK, SQ_TOO_SHORT, SQ_TOO_LONG, SQ_BAD_TEXT };

struct searchq {
    char text[SQ_TEXT];   /* q with surrounding white space trimmed: compared with codes */
    char folded[SQ_TEXT]; /* vnfold(text) */
    int nwords;           /* words of folded kept, 0..SQ_MAX_WORDS (0: q was only punctuation) */
    /*
     * LIKE patterns (backslash escapes) for each kept word w; slots past nwords hold "%", which
     * matches anything, so a statement can always bind SQ_MAX_WORDS of each:
     *   prefix[i] "% w%"  against CONCAT(' ', folded): w begins a word of the title;
     *   whole[i]  "% w %" against CONCAT(' ', folded, ' '): w is a whole word of the title.
     */
    char prefix[SQ_MAX_WORDS][SQ_PAT];
    char whole[SQ_MAX_WORDS][SQ_PAT];
};

/*
 * Checks and prepares q (NUL-terminated UTF-8; NULL is taken as ""): white space around it is
 * trimmed, then it must hold SQ_MIN_CHARS..SQ_MAX_CHARS characters (SQ_TOO_SHORT / SQ_TOO_LONG)
 * and be valid UTF-8 without control characters (SQ_BAD_TEXT). Pure; out is always initialised.
 */
enum sq_status searchq_parse(const char *q, struct searchq *out);

/* Writes a LIKE pattern to out (cap bytes): before, then s[0..n) with %, _ and \ escaped by a
 * backslash, then after. Returns 0, or -1 (out set to "") when it does not fit. */
int searchq_like(const char *before, const char *s, size_t n, const char *after, char *out,
                 size_t cap);

#endif
