/* vnfold: Vietnamese search folding (diacritics off, đ -> d, lower case, punctuation -> space). */
#include "core/vnfold.h"

#include "lib/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What one code point becomes in the folded text. */
enum cp_class {
    CP_ASCII, /* one ASCII letter or digit */
    CP_KEEP,  /* copied unchanged (letters of other scripts) */
    CP_SEP,   /* a word separator */
    CP_DROP   /* nothing: combining marks and invisible format characters */
};

/*
 * ASCII base letter of U+00C0..U+024F and U+1E00..U+1EFF, '.' where there is none. Generated
 * from the Unicode NFD decompositions (first character, lower-cased), plus the letters that
 * have no decomposition but an obvious base: đ Đ ð Ð -> d (legacy converters write Vietnamese
 * Đ as Icelandic Ð), ø -> o, ł -> l, ı -> i, ħ -> h, ŧ -> t and the hooked letters of Ext-B.
 * U+1EA0..U+1EF9 is the Vietnamese block (ạ ả ấ ầ ẩ ẫ ậ ắ ... ỹ).
 */
static const char LATIN1_EXTB[] = /* U+00C0..U+024F */
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll."
    ".llnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz."
    "bbbb...cc.ddd....ffg...ikkl.....oo..pp.....ttttuu..yyzz........."
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hh.d..zzaaeeooooooooyylntj...ccl.s"
    "z.....eejj..rryy";

static const char LATIN_EXT_ADD[] = /* U+1E00..U+1EFF */
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

struct cp_range {
    uint32_t lo, hi;
    unsigned char cls;
};

/* Non-ASCII punctuation, symbols and invisibles, sorted; anything not listed is kept. */
static const struct cp_range RANGES[] = {
    {0x0080, 0x00AC, CP_SEP},  /* C1 controls, NBSP, Latin-1 punctuation and signs */
    {0x00AD, 0x00AD, CP_DROP}, /* soft hyphen sits inside words */
    {0x00AE, 0x00BF, CP_SEP},  /* ® ° ± · » ¿ ... */
    {0x00D7, 0x00D7, CP_SEP},  /* × */
    {0x00F7, 0x00F7, CP_SEP},  /* ÷ */
    /* spacing accents: legacy converters leave tone marks as these after the letter */
    {0x02B0, 0x02FF, CP_DROP},
    {0x0300, 0x036F, CP_DROP},   /* combining diacritical marks */
    {0x1680, 0x1680, CP_SEP},    /* ogham space */
    {0x1AB0, 0x1AFF, CP_DROP},   /* combining marks, extended */
    {0x1DC0, 0x1DFF, CP_DROP},   /* combining marks, supplement */
    {0x2000, 0x200B, CP_SEP},    /* spaces, zero-width space */
    {0x200C, 0x200F, CP_DROP},   /* ZWNJ, ZWJ, LRM, RLM */
    {0x2010, 0x2029, CP_SEP},    /* dashes, quotes, bullets, ellipsis, line separators */
    {0x202A, 0x202E, CP_DROP},   /* bidi embeddings */
    {0x202F, 0x205F, CP_SEP},    /* narrow NBSP, ‰ ′ ‹ › ※ ⁄ ... */
    {0x2060, 0x206F, CP_DROP},   /* word joiner, invisible operators */
    {0x20A0, 0x20CF, CP_SEP},    /* currency, incl. ₫ */
    {0x20D0, 0x20FF, CP_DROP},   /* combining marks for symbols */
    {0x2190, 0x2BFF, CP_SEP},    /* arrows, maths, shapes, dingbats */
    {0x2E00, 0x2E7F, CP_SEP},    /* supplemental punctuation */
    {0x3000, 0x3003, CP_SEP},    /* ideographic space, 、 。 */
    {0x3008, 0x3020, CP_SEP},    /* CJK brackets */
    {0x30FB, 0x30FB, CP_SEP},    /* ・ */
    {0xFE00, 0xFE0F, CP_DROP},   /* variation selectors */
    {0xFE10, 0xFE1F, CP_SEP},    /* vertical forms */
    {0xFE20, 0xFE2F, CP_DROP},   /* combining half marks */
    {0xFE30, 0xFE6F, CP_SEP},    /* CJK compatibility and small forms */
    {0xFEFF, 0xFEFF, CP_DROP},   /* byte order mark */
    {0xFF5F, 0xFF65, CP_SEP},    /* halfwidth punctuation */
    {0xFFF9, 0xFFFB, CP_DROP},   /* interlinear annotation */
    {0xFFFC, 0xFFFD, CP_SEP},    /* object and replacement characters */
    {0x1F000, 0x1FAFF, CP_SEP},  /* emoji and pictographs */
    {0xE0000, 0xE0FFF, CP_DROP}, /* tags, variation selectors supplement */
};

static int ascii_class(uint32_t c, char *ascii) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        *ascii = (char)c;
        return CP_ASCII;
    }
    return CP_SEP;
}

static char latin_base(uint32_t cp) {
    char c = '.';
    if (cp >= 0x00C0 && cp <= 0x024F) c = LATIN1_EXTB[cp - 0x00C0];
    if (cp >= 0x1E00 && cp <= 0x1EFF) c = LATIN_EXT_ADD[cp - 0x1E00];
    return c == '.' ? 0 : c;
}

char vnfold_letter(uint32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return (char)(cp + ('a' - 'A'));
        return cp >= 'a' && cp <= 'z' ? (char)cp : 0;
    }
    return latin_base(cp);
}

int vnfold_upper(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp == 0x1A0 || cp == 0x1AF) return 1; /* Ơ, Ư */
    /* Latin Extended-A and the Vietnamese block alternate upper, lower */
    if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x1EA0 && cp <= 0x1EF9)) return !(cp & 1);
    return 0;
}

static int range_class(uint32_t cp) {
    size_t lo = 0, hi = sizeof RANGES / sizeof RANGES[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < RANGES[mid].lo)
            hi = mid;
        else if (cp > RANGES[mid].hi)
            lo = mid + 1;
        else
            return RANGES[mid].cls;
    }
    return CP_KEEP;
}

static int classify(uint32_t cp, char *ascii) {
    if (cp < 0x80) return ascii_class(cp, ascii);
    if (cp >= 0xFF01 && cp <= 0xFF5E) return ascii_class(cp - 0xFEE0, ascii); /* fullwidth */
    if ((*ascii = latin_base(cp)) != 0) return CP_ASCII;
    return range_class(cp);
}

struct sink {
    char *out;
    size_t cap, len;
    int space; /* a separator was seen since the last word byte */
    int full;
};

/* Appends one folded character, preceded by the pending space; stops at the first misfit so
 * that a truncated result is a prefix of the full one and never ends in a space. */
static void put(struct sink *k, const char *p, size_t n) {
    size_t sp = (k->space && k->len > 0) ? 1 : 0;
    if (k->len + sp + n >= k->cap) {
        k->full = 1;
        return;
    }
    if (sp) k->out[k->len++] = ' ';
    memcpy(k->out + k->len, p, n);
    k->len += n;
    k->space = 0;
}

static void fold_cp(struct sink *k, uint32_t cp, const char *src, size_t n) {
    char c = 0;
    switch (classify(cp, &c)) {
    case CP_ASCII:
        put(k, &c, 1);
        break;
    case CP_KEEP:
        put(k, src, n);
        break;
    case CP_SEP:
        k->space = 1;
        break;
    default:
        break; /* CP_DROP */
    }
}

size_t vnfold(const char *in, size_t inlen, char *out, size_t outcap) {
    struct sink k = {out, outcap, 0, 0, 0};
    const unsigned char *s = (const unsigned char *)in;
    if (!out || outcap == 0) return 0;
    if (!in) inlen = 0;
    for (size_t i = 0; i < inlen && !k.full;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s + i, inlen - i, &cp);
        if (n == 0) { /* invalid byte: skip it and resynchronise on the next one */
            i++;
            continue;
        }
        fold_cp(&k, cp, in + i, n);
        i += n;
    }
    out[k.len] = '\0';
    return k.len;
}

char *vnfold_dup(const char *in) {
    size_t n = in ? strlen(in) : 0;
    char *out = malloc(n + 1); /* folding never lengthens */
    if (out) vnfold(in, n, out, n + 1);
    return out;
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int vnfold_tokens(const char *folded, const char **tok, size_t *toklen, int max) {
    int n = 0;
    const char *p = folded;
    if (!p || !tok || !toklen) return 0;
    while (n < max) {
        while (is_space(*p)) p++;
        if (!*p) break;
        tok[n] = p;
        while (*p && !is_space(*p)) p++;
        toklen[n] = (size_t)(p - tok[n]);
        n++;
    }
    return n;
}
