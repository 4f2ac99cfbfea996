/* plantext: turn a pasted plan (tab text, cell-per-line text, HTML, prose) into sections/tasks. */
#include "core/plantext.h"
#include "core/vnfold.h"
#include "lib/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOL     64  /* columns kept per row; real plans have 5-8 */
#define MAXDEPTH   4   /* 1 / 1.1 / a / - : deeper items are attached one level up */
#define MAXWARN    300 /* a 2 MB garbage paste must not produce a megabyte of warnings */
#define HDRCELLMAX 80  /* header cells are short; longer text is data */

/* ------------------------------------------------------------------------------------------ */
/* Memory and growable strings                                                                 */

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) abort(); /* out of memory: nothing sensible is left to do for a request */
    return q;
}

static char *xstrndup(const char *s, size_t n) {
    /* Zeroed, so that clang's analyzer sees a defined string whatever length it assumes. */
    char *d = calloc(n + 1, 1);
    if (!d) abort();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

#define GROW(arr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) >= (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 8;                                                           \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                                        \
        }                                                                                          \
    } while (0)

struct sbuf {
    char *p;
    size_t len, cap;
};

static void sb_addn(struct sbuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 32;
        while (cap < b->len + n + 1) cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_adds(struct sbuf *b, const char *s) {
    sb_addn(b, s, strlen(s));
}

static void sb_addc(struct sbuf *b, char c) {
    sb_addn(b, &c, 1);
}

static const char *sb_str(const struct sbuf *b) {
    return b->p ? b->p : "";
}

static void sb_free(struct sbuf *b) {
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Hands the text over to the caller ("" when empty) and leaves b empty. */
static char *sb_take(struct sbuf *b) {
    char *p = b->p ? b->p : xstrndup("", 0);
    memset(b, 0, sizeof *b);
    return p;
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-8, folding (Vietnamese letters to ASCII) and letter case                                */

/* Malformed input never reaches here as such: utf8_next gives U+FFFD for it. */
static void u8_put(struct sbuf *b, uint32_t cp) {
    char t[4];
    size_t n = utf8_encode(cp, t);
    if (n) sb_addn(b, t, n);
}

/* Lower-case ASCII base of a letter (đ -> d, ế -> e); 0 when cp is not a letter (core/vnfold). */
static char fold_letter(uint32_t cp) {
    return vnfold_letter(cp);
}

static int is_mark(uint32_t cp) {
    return cp >= 0x300 && cp <= 0x36F; /* NFD tone/vowel marks: dropped by folding */
}

static int cp_upper(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp == 0x1A0 || cp == 0x1AF) return 1;
    if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x1EA0 && cp <= 0x1EF9)) return !(cp & 1);
    return 0;
}

static int cp_lower(uint32_t cp) {
    return fold_letter(cp) && !cp_upper(cp);
}

/*
 * Folds s into out: letters to lower-case ASCII, digits kept, everything else one space, no
 * leading/trailing space. "Đơn vị chủ trì:" -> "don vi chu tri".
 */
static void fold_key(const char *s, size_t n, struct sbuf *out) {
    size_t i = 0;
    int space = 1;
    out->len = 0;
    sb_addn(out, "", 0);
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        char c = fold_letter(cp);
        if (!c && cp < 0x80 && isdigit((int)cp)) c = (char)cp;
        if (is_mark(cp)) continue;
        if (c) {
            sb_addc(out, c);
            space = 0;
        } else if (!space) {
            sb_addc(out, ' ');
            space = 1;
        }
    }
    if (out->len && out->p[out->len - 1] == ' ') out->p[--out->len] = 0;
}

static char *fold_dup(const char *s) {
    struct sbuf b = {0};
    fold_key(s, strlen(s), &b);
    return sb_take(&b);
}

/* True when phrase occurs in the folded key as whole words. */
static int has_words(const char *key, const char *phrase) {
    size_t pl = strlen(phrase);
    for (const char *p = strstr(key, phrase); p; p = strstr(p + 1, phrase)) {
        if ((p == key || p[-1] == ' ') && (p[pl] == 0 || p[pl] == ' ')) return 1;
    }
    return 0;
}

static int starts_words(const char *key, const char *phrase) {
    /* Character by character: key is never read past its end (clang's analyzer can see it,
     * which it cannot through strncmp). */
    size_t i = 0;
    for (; phrase[i]; i++)
        if (key[i] != phrase[i]) return 0;
    return key[i] == 0 || key[i] == ' ';
}

/* First letter or digit of s, skipping opening quotes and brackets; 0 if none. */
static uint32_t first_alnum(const char *s) {
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        if (fold_letter(cp) || (cp < 0x80 && isdigit((int)cp))) return cp;
        if (!(cp == ' ' || cp == '(' || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 ||
              cp == '[' || cp == 0x2026 || cp == '.'))
            return 0;
    }
    return 0;
}

static int starts_lower(const char *s) {
    return cp_lower(first_alnum(s));
}

/* Text that ends a sentence or a list item: what follows it starts a new line. */
static int ends_term(const char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
    if (!n) return 1;
    char c = s[n - 1];
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* Share of upper-case letters among the letters of s, in percent (100 when no letters). */
static int upper_share(const char *s) {
    size_t n = strlen(s), i = 0, up = 0, all = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        if (!fold_letter(cp)) continue;
        all++;
        up += cp_upper(cp) != 0;
    }
    return all ? (int)(up * 100 / all) : 100;
}

static size_t count_words(const char *s) {
    size_t w = 0;
    for (int in = 0; *s; s++) {
        int sp = (*s == ' ' || *s == '\n');
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* ------------------------------------------------------------------------------------------ */
/* HTML entities and tags inside cells                                                         */

struct entity {
    const char *name;
    uint32_t cp;
};

static const struct entity ENTITIES[] = {
    {"amp", 38},      {"lt", 60},      {"gt", 62},      {"quot", 34},     {"apos", 39},
    {"nbsp", 160},    {"ndash", 8211}, {"mdash", 8212}, {"hellip", 8230}, {"ldquo", 8220},
    {"rdquo", 8221},  {"lsquo", 8216}, {"rsquo", 8217}, {"laquo", 171},   {"raquo", 187},
    {"bull", 8226},   {"middot", 183}, {"shy", 173},    {"ensp", 8194},   {"emsp", 8195},
    {"thinsp", 8201}, {"zwnj", 8204},  {"zwj", 8205},   {"deg", 176},     {"times", 215},
    {"Agrave", 192},  {"Aacute", 193}, {"Acirc", 194},  {"Atilde", 195},  {"Egrave", 200},
    {"Eacute", 201},  {"Ecirc", 202},  {"Igrave", 204}, {"Iacute", 205},  {"Ograve", 210},
    {"Oacute", 211},  {"Ocirc", 212},  {"Otilde", 213}, {"Ugrave", 217},  {"Uacute", 218},
    {"Yacute", 221},  {"agrave", 224}, {"aacute", 225}, {"acirc", 226},   {"atilde", 227},
    {"egrave", 232},  {"eacute", 233}, {"ecirc", 234},  {"igrave", 236},  {"iacute", 237},
    {"ograve", 242},  {"oacute", 243}, {"ocirc", 244},  {"otilde", 245},  {"ugrave", 249},
    {"uacute", 250},  {"yacute", 253}, {"Abreve", 258}, {"abreve", 259},  {"Dstrok", 272},
    {"dstrok", 273},  {"Itilde", 296}, {"itilde", 297}, {"Utilde", 360},  {"utilde", 361},
    {"Ccedil", 199},  {"ccedil", 231},
};

/* At s[i] == '&': decodes one entity into *cp and returns its length, 0 if not an entity. */
static size_t entity_at(const char *s, size_t n, size_t i, uint32_t *cp) {
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
        uint32_t v = 0;
        size_t k = j + 1 + hex, d = 0;
        for (; k < n && d < 8 && isxdigit((unsigned char)s[k]); k++, d++) {
            if (!hex && !isdigit((unsigned char)s[k])) break;
            v = v * (hex ? 16 : 10) + (uint32_t)(isdigit((unsigned char)s[k])
                                                     ? s[k] - '0'
                                                     : tolower((unsigned char)s[k]) - 'a' + 10);
        }
        if (!d || k >= n || s[k] != ';') return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
        *cp = v;
        return k + 1 - i;
    }
    size_t k = j;
    while (k < n && k - j < 8 && isalpha((unsigned char)s[k])) k++;
    if (k == j || k >= n || s[k] != ';') return 0;
    for (size_t e = 0; e < sizeof ENTITIES / sizeof *ENTITIES; e++) {
        if (strlen(ENTITIES[e].name) == k - j && !memcmp(ENTITIES[e].name, s + j, k - j)) {
            *cp = ENTITIES[e].cp;
            return k + 1 - i;
        }
    }
    return 0;
}

/* Appends cp, turning the many Unicode spaces into ' ' and dropping invisible ones. */
static void put_text_cp(struct sbuf *b, uint32_t cp) {
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
        cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x3000)
        sb_addc(b, ' ');
    else if (cp == 0x200B || cp == 0xFEFF || cp == 0xAD || cp == 0x200C || cp == 0x200D)
        return;
    else if (cp < 0x20 && cp != '\n')
        sb_addc(b, ' ');
    else
        u8_put(b, cp);
}

static int is_block_tag(const char *t) {
    static const char *const B[] = {"p",  "div",     "br",      "li",    "ul",         "ol",
                                    "tr", "td",      "th",      "table", "h1",         "h2",
                                    "h3", "h4",      "h5",      "h6",    "blockquote", "dd",
                                    "dt", "section", "article", "hr",    "tbody",      "thead"};
    for (size_t i = 0; i < sizeof B / sizeof *B; i++)
        if (!strcmp(t, B[i])) return 1;
    return 0;
}

/*
 * At s[i] == '<': if a tag starts there ("<p>", "</b>", "<br/>", "<span style=...>"), stores
 * its lower-case name (without '/') and returns its length; 0 when '<' is plain text ("< 5").
 */
static size_t tag_at(const char *s, size_t n, size_t i, char name[16], int *closing) {
    size_t j = i + 1, k = 0;
    *closing = 0;
    if (j < n && s[j] == '/') *closing = 1, j++;
    if (j >= n || !isalpha((unsigned char)s[j])) return 0;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == ':' || s[j] == '-')) {
        if (k < 15) name[k++] = (char)tolower((unsigned char)s[j]);
        j++;
    }
    name[k] = 0;
    if (j < n && !(s[j] == '>' || s[j] == '/' || isspace((unsigned char)s[j]))) return 0;
    size_t lim = n - i > 4096 ? i + 4096 : n;
    while (j < lim && s[j] != '>' && s[j] != '<') j++;
    if (j >= lim || s[j] != '>') return 0;
    return j + 1 - i;
}

/* ------------------------------------------------------------------------------------------ */
/* Cell cleaning                                                                               */

static int bullet_len(const char *s);

/* A line that starts a list item: "- x", "+ x", "• x", "1. x", "a) x". */
static int starts_list(const char *s) {
    if (bullet_len(s)) return 1;
    size_t i = 0;
    while (i < 3 && isdigit((unsigned char)s[i])) i++;
    if (i && (s[i] == '.' || s[i] == ')') && (s[i + 1] == ' ' || !s[i + 1])) return 1;
    if (s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') return 1;
    return 0;
}

/*
 * Pass 1 of cleaning: tags (when tags is set) become line breaks (block tags) or nothing,
 * entities are decoded, "**" markers dropped, odd spaces normalised.
 */
static void clean_pass1(const char *s, size_t n, int tags, struct sbuf *out) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '<' && tags) {
            char name[16];
            int closing;
            size_t tl = tag_at(s, n, i, name, &closing);
            if (tl) {
                if (is_block_tag(name)) sb_addc(out, '\n');
                i += tl;
                continue;
            }
        }
        if (c == '&' && tags) {
            uint32_t cp;
            size_t el = entity_at(s, n, i, &cp);
            if (el) {
                put_text_cp(out, cp);
                i += el;
                continue;
            }
        }
        if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        if ((unsigned char)c < 0x80) {
            put_text_cp(out, (unsigned char)c);
            i++;
        } else {
            put_text_cp(out, utf8_next(s, n, &i));
        }
    }
}

/* Appends one trimmed, space-collapsed line (no '\n' inside) from s[0..n). */
static void add_collapsed(struct sbuf *out, const char *s, size_t n) {
    int space = 0;
    size_t start = out->len;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            space = out->len > start;
            continue;
        }
        if (space) sb_addc(out, ' ');
        space = 0;
        sb_addc(out, s[i]);
    }
}

/*
 * Pass 2: trims lines, drops empty ones, and re-joins soft wraps: a line break survives only
 * before a list item or after a sentence end, or when the next line starts upper-case (a new
 * item such as a unit name); "Bộ phận Một cửa\ncác cấp" becomes one line.
 */
static char *clean_pass2(const char *s, size_t n) {
    struct sbuf out = {0};
    size_t i = 0;
    sb_addn(&out, "", 0);
    while (i < n) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t ll = e ? (size_t)(e - (s + i)) : n - i;
        struct sbuf line = {0};
        add_collapsed(&line, s + i, ll);
        i += ll + 1;
        if (!line.len) {
            sb_free(&line);
            continue;
        }
        if (out.len) {
            int keep = ends_term(out.p) || starts_list(line.p) || !starts_lower(line.p);
            sb_addc(&out, keep ? '\n' : ' ');
        }
        sb_addn(&out, line.p, line.len);
        sb_free(&line);
    }
    return sb_take(&out);
}

/* Clean text of one cell or line: see clean_pass1/clean_pass2. Always malloc'd. */
static char *clean_cell(const char *s, size_t n, int tags) {
    struct sbuf a = {0};
    clean_pass1(s, n, tags, &a);
    char *r = clean_pass2(sb_str(&a), a.len);
    sb_free(&a);
    return r;
}

/* ------------------------------------------------------------------------------------------ */
/* Item labels: "I", "II.", "1", "1.2", "a)", "-"                                               */

enum lkind { L_NONE, L_ROMAN, L_ULETTER, L_NUM, L_LETTER, L_BULLET };

struct label {
    enum lkind kind;
    char num[24]; /* normalised: "II", "1.2", "a", "-" or "+" */
    int depth;    /* components - 1 for numbers */
    size_t rest;  /* offset of the text after the label */
};

/* Length of a bullet mark at s (with what follows it being space/end/letter), 0 if none. */
static int bullet_len(const char *s) {
    static const char *const B[] = {"-",
                                    "+",
                                    "*",
                                    "\xE2\x80\xA2",
                                    "\xE2\x80\x93",
                                    "\xE2\x80\x94",
                                    "\xC2\xB7",
                                    "\xE2\x97\xA6",
                                    "\xE2\x96\xAA",
                                    "\xEF\x82\xA7",
                                    "\xEF\x82\xB7",
                                    "\xE2\x97\x8F",
                                    "\xE2\x9E\xA2"};
    for (size_t k = 0; k < sizeof B / sizeof *B; k++) {
        size_t bl = strlen(B[k]);
        if (strncmp(s, B[k], bl)) continue;
        char nx = s[bl];
        if (nx == ' ' || nx == 0) return (int)bl;
        /* "-Tổ chức" (no space) is a bullet too, "-5%" or "--" is not */
        if (bl == 1 && s[0] != '*' && ((unsigned char)nx >= 0x80 || isalpha((unsigned char)nx)))
            return 1;
        return 0;
    }
    return 0;
}

/* Value of a canonical Roman numeral of length n (1..89), 0 otherwise. */
static int roman_value(const char *s, size_t n) {
    static const char *const T[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"};
    static const char *const U[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    for (int v = 1; v < 90; v++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%s%s", T[v / 10], U[v % 10]);
        if (strlen(buf) == n && !memcmp(buf, s, n)) return v;
    }
    return 0;
}

static size_t skip_after_label(const char *s, size_t i) {
    while (s[i] == '.' || s[i] == ')' || s[i] == ':' || s[i] == '-' || s[i] == ' ') i++;
    if (!strncmp(s + i, "\xE2\x80\x93", 3)) return skip_after_label(s, i + 3); /* en dash */
    return i;
}

/* Roman or single upper-case letter section marks ("II.", "IX Kiện toàn", "A."). */
static int parse_upper_label(const char *s, struct label *lb, int loose) {
    size_t j = 0;
    while (j < 8 && s[j] && strchr("IVXLC", s[j])) j++;
    char nx = s[j];
    int punct = nx == '.' || nx == ')' || nx == ':' ||
                (nx == ' ' && (s[j + 1] == '-' || !strncmp(s + j + 1, "\xE2\x80\x93", 3)));
    int ok_end = punct || (loose && (nx == 0 || nx == ' ')) || (nx == '-' && s[j + 1] == ' ');
    if (j && ok_end && roman_value(s, j)) {
        lb->kind = L_ROMAN;
        memcpy(lb->num, s, j);
        lb->num[j] = 0;
        lb->rest = skip_after_label(s, j);
        return 1;
    }
    if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] == '.' || s[1] == ')' || (loose && !s[1]))) {
        lb->kind = L_ULETTER;
        lb->num[0] = s[0], lb->num[1] = 0;
        lb->rest = skip_after_label(s, 1);
        return 1;
    }
    return 0;
}

/* "1", "01.", "1.2", "1.2.3)" -> "1", "1", "1.2", "1.2.3". */
static int parse_num_label(const char *s, struct label *lb, int loose) {
    size_t i = 0, o = 0;
    int comps = 0;
    while (isdigit((unsigned char)s[i])) {
        size_t d = 0;
        while (s[i] == '0' && isdigit((unsigned char)s[i + 1])) i++;
        while (isdigit((unsigned char)s[i]) && d < 4) {
            if (o < sizeof lb->num - 2) lb->num[o++] = s[i];
            i++, d++;
        }
        if (d > 3 || isdigit((unsigned char)s[i])) return 0;
        comps++;
        if (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
            lb->num[o++] = '.';
            i++;
        } else {
            break;
        }
    }
    if (!comps) return 0;
    lb->num[o] = 0;
    int term = s[i] == '.' || s[i] == ')';
    size_t after = i + term;
    if (s[after] != 0 && s[after] != ' ') return 0;
    if (!loose && !term && comps < 2) return 0; /* prose "2023 là năm" is no item */
    if (!loose && !s[after] && !term) return 0;
    lb->kind = L_NUM;
    lb->depth = comps - 1;
    lb->rest = skip_after_label(s, after);
    return 1;
}

/* "a)", "b.", "đ)"; a bare "a" only in an STT cell. */
static int parse_letter_label(const char *s, struct label *lb, int loose) {
    size_t l = 0;
    if (s[0] >= 'a' && s[0] <= 'z')
        l = 1;
    else if ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91)
        l = 2; /* đ */
    if (!l) return 0;
    char nx = s[l];
    int ok = ((nx == ')' || nx == '.') && (s[l + 1] == ' ' || !s[l + 1])) || (loose && !nx);
    if (!ok) return 0;
    lb->kind = L_LETTER;
    memcpy(lb->num, s, l);
    lb->num[l] = 0;
    lb->rest = skip_after_label(s, l);
    return 1;
}

/*
 * Reads the item label at the start of s. loose: s is an STT cell, where "I", "1" and "a"
 * stand alone; otherwise (prose, title cell) a Roman numeral needs "." or ")".
 */
static int parse_label(const char *s, struct label *lb, int loose) {
    memset(lb, 0, sizeof *lb);
    int bl = bullet_len(s);
    if (bl) {
        lb->kind = L_BULLET;
        lb->num[0] = s[0] == '+' ? '+' : '-';
        lb->rest = (size_t)bl;
        while (s[lb->rest] == ' ') lb->rest++;
        return 1;
    }
    if (parse_upper_label(s, lb, loose) || parse_num_label(s, lb, loose) ||
        parse_letter_label(s, lb, loose))
        return 1;
    lb->kind = L_NONE;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Header rows                                                                                 */

enum role { R_NONE, R_STT, R_TITLE, R_OUTPUT, R_LEAD, R_COOP, R_TIME, R_ASSIGN, R_NOTE };

/* Role of a header cell, from its folded words, in any wording and with or without accents. */
static enum role header_role(const char *cell) {
    static const char *const STT[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", "s tt", "so"};
    if (!*cell || strlen(cell) > HDRCELLMAX) return R_NONE;
    char *k = fold_dup(cell);
    enum role r = R_NONE;
    for (size_t i = 0; i < sizeof STT / sizeof *STT; i++)
        if (!strcmp(k, STT[i])) r = R_STT;
    if (r) goto done;
    if (has_words(k, "phan cong"))
        r = R_ASSIGN;
    else if (has_words(k, "thoi gian") || has_words(k, "thoi han") || has_words(k, "tien do") ||
             has_words(k, "han hoan thanh"))
        r = R_TIME;
    else if (has_words(k, "phoi hop"))
        r = R_COOP;
    else if (has_words(k, "chu tri"))
        r = R_LEAD;
    else if (has_words(k, "ket qua") || has_words(k, "san pham"))
        r = R_OUTPUT;
    else if (has_words(k, "ghi chu"))
        r = R_NOTE;
    else if (has_words(k, "nhiem vu") || has_words(k, "noi dung") || has_words(k, "cong viec") ||
             has_words(k, "hoat dong") || has_words(k, "giai phap") || has_words(k, "ten"))
        r = R_TITLE;
    else if (has_words(k, "thuc hien") || has_words(k, "don vi") || has_words(k, "co quan") ||
             has_words(k, "trach nhiem"))
        r = R_LEAD;
done:
    free(k);
    return r;
}

/* A header row: a task column plus two other known columns, every cell short and known. */
static int is_header(char **c, size_t n, enum role *roles) {
    int seen[R_NOTE + 1] = {0}, unknown = 0, distinct = 0;
    for (size_t i = 0; i < n; i++) {
        roles[i] = header_role(c[i]);
        if (c[i][0] && (!roles[i] || strlen(c[i]) > HDRCELLMAX)) unknown++;
        if (roles[i] && !seen[roles[i]]++) distinct++;
    }
    return seen[R_TITLE] && distinct >= 3 && unknown <= 1;
}

/* The second header row under "Phân công thực hiện": only Chủ trì / Phối hợp (and alike). */
static int is_subheader(char **c, size_t n, enum role *roles) {
    int known = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i][0]) {
            roles[i] = R_NONE;
            continue;
        }
        roles[i] = header_role(c[i]);
        if (roles[i] != R_LEAD && roles[i] != R_COOP && roles[i] != R_OUTPUT &&
            roles[i] != R_TIME && roles[i] != R_NOTE)
            return 0;
        known++;
    }
    return known > 0;
}

/* "(1) (2) (3) ..." or "1 2 3 4 5 6" right under a header: column numbers, not a task. */
static int is_colnum_row(char **c, size_t n) {
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!c[i][0]) continue;
        const char *p = c[i];
        if (*p == '(' || *p == '[') p++;
        int v = atoi(p);
        while (isdigit((unsigned char)*p)) p++;
        if (*p == ')' || *p == ']') p++;
        if (*p || v != k + 1) return 0;
        k++;
    }
    return k >= 3;
}

/* ------------------------------------------------------------------------------------------ */
/* The plan being built: flat arrays, linked into a tree at the end                            */

enum { F_TITLE, F_OUTPUT, F_LEAD, F_COOP, F_TIME, NF };
enum tkind { K_ROW, K_HEAD, K_ITEM, K_PLAIN, K_SUBROW };

struct btask {
    char *number;
    struct sbuf f[NF];
    int sec, parent, first, last, next, nchild, kind, dead;
    char mark; /* '-' or '+' for list items */
};

struct bsec {
    char *number;
    struct sbuf title;
    struct sbuf def[NF]; /* prose: attributes given before any task of the section */
    int first, last, dead;
};

struct ctx {
    struct bsec *sec;
    size_t nsec, capsec;
    struct btask *t;
    size_t nt, capt;
    struct pt_warning *w;
    size_t nw, capw, wdropped;
    char *title;
    int cur;             /* current section, -1 before the first */
    int last;            /* last task written in the current section, -1 none */
    int stack[MAXDEPTH]; /* open tasks: [0] top level, [1] its last child, ... */
    int depth;
};

static int new_section(struct ctx *c, const char *number, const char *title) {
    GROW(c->sec, c->nsec, c->capsec);
    struct bsec *s = &c->sec[c->nsec];
    memset(s, 0, sizeof *s);
    s->number = number && *number ? xstrndup(number, strlen(number)) : NULL;
    sb_adds(&s->title, title ? title : "");
    s->first = s->last = -1;
    c->cur = (int)c->nsec++;
    c->last = -1;
    c->depth = 0;
    return c->cur;
}

static int new_task(struct ctx *c, int parent, const char *number, int kind) {
    if (c->cur < 0) new_section(c, NULL, "");
    GROW(c->t, c->nt, c->capt);
    int id = (int)c->nt++;
    struct btask *t = &c->t[id];
    memset(t, 0, sizeof *t);
    t->number = number && *number ? xstrndup(number, strlen(number)) : NULL;
    t->sec = c->cur;
    t->parent = parent;
    t->first = t->last = t->next = -1;
    t->kind = kind;
    int *first = parent < 0 ? &c->sec[c->cur].first : &c->t[parent].first;
    int *last = parent < 0 ? &c->sec[c->cur].last : &c->t[parent].last;
    if (*last >= 0)
        c->t[*last].next = id;
    else
        *first = id;
    *last = id;
    if (parent >= 0) c->t[parent].nchild++;
    c->last = id;
    return id;
}

/* Where a task sits, for warnings: "Mục II, nhiệm vụ 3, ý a". */
static void task_where(struct ctx *c, int id, struct sbuf *out) {
    int chain[16], n = 0;
    for (int p = id; p >= 0 && n < 16; p = c->t[p].parent) chain[n++] = p;
    const struct bsec *s = &c->sec[c->t[id].sec];
    if (s->number) {
        sb_adds(out, "Mục ");
        sb_adds(out, s->number);
        sb_adds(out, ", n");
    } else {
        sb_adds(out, "N");
    }
    sb_adds(out, "hiệm vụ ");
    for (int k = n - 1; k >= 0; k--) {
        const struct btask *t = &c->t[chain[k]];
        if (k < n - 1) sb_adds(out, t->number && strchr(t->number, '.') ? " / " : ", ý ");
        if (t->number) {
            sb_adds(out, t->number);
            continue;
        }
        int pos = 1, first = t->parent < 0 ? s->first : c->t[t->parent].first;
        for (int q = first; q >= 0 && q != chain[k]; q = c->t[q].next) pos++;
        char buf[48];
        snprintf(buf, sizeof buf, "không số (dòng thứ %d)", pos);
        sb_adds(out, buf);
    }
}

static void warn(struct ctx *c, int task, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a warning for a task (-1: whole document, -2: current section). */
static void warn(struct ctx *c, int task, const char *fmt, ...) {
    if (c->nw >= MAXWARN) {
        c->wdropped++;
        return;
    }
    struct sbuf where = {0}, msg = {0};
    if (task >= 0)
        task_where(c, task, &where);
    else if (task == -2 && c->cur >= 0 && c->sec[c->cur].number) {
        sb_adds(&where, "Mục ");
        sb_adds(&where, c->sec[c->cur].number);
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sb_adds(&msg, buf);
    GROW(c->w, c->nw, c->capw);
    c->w[c->nw].where = sb_take(&where);
    c->w[c->nw].message = sb_take(&msg);
    c->nw++;
}

/*
 * Appends a continuation to a field. Unit columns keep a line break unless the text goes on
 * in lower case ("UBND cấp" + "huyện"); prose columns join with a space unless the first part
 * ends a sentence or the second is a list item.
 */
static void field_join(struct sbuf *f, const char *add, int units) {
    if (!*add) return;
    if (f->len) {
        int nl =
            units ? (ends_term(f->p) || !starts_lower(add)) : (ends_term(f->p) || starts_list(add));
        sb_addc(f, nl ? '\n' : ' ');
    }
    sb_adds(f, add);
}

static int unit_field(int f) {
    return f == F_LEAD || f == F_COOP;
}

/* ------------------------------------------------------------------------------------------ */
/* Table rows -> sections and tasks                                                            */

struct tab {
    enum role map[MAXCOL];
    size_t ncol;
    int have;         /* a header was seen */
    int after_header; /* the previous row was a header (a sub-header may follow) */
    int brk;          /* a page break (repeated header, blank lines) since the last data row */
};

/* An item without a number of its own: "-"/"+" lines, prose paragraphs, merged sub-rows. */
static int bulletish(const struct btask *t) {
    return !t->number && t->kind != K_ROW && t->kind != K_HEAD;
}

/*
 * Stack depth a new item goes to (its parent is the open task just above): "1.2" under "1",
 * "a)" under the nearest numbered task, "-" under the nearest task that is no "-" item, "+"
 * under the nearest "-" item.
 */
static int pick_parent(struct ctx *c, const struct label *lb) {
    int d = c->depth;
    if (lb->kind == L_NUM) {
        if (lb->depth < d) d = lb->depth;
    } else if (lb->kind == L_LETTER) {
        while (d > 0) {
            const struct btask *t = &c->t[c->stack[d - 1]];
            if (t->number && isdigit((unsigned char)t->number[0])) break;
            d--;
        }
    } else if (lb->kind == L_BULLET) {
        while (d > 0) {
            const struct btask *t = &c->t[c->stack[d - 1]];
            if (!bulletish(t) || (lb->num[0] == '+' && t->mark == '-')) break;
            d--;
        }
    } else {
        d = 0;
    }
    if (d >= MAXDEPTH) d = MAXDEPTH - 1;
    return d;
}

/* Creates a task for a label (number/letter/bullet) under the right open parent. */
static int attach(struct ctx *c, const struct label *lb, int kind) {
    int d = pick_parent(c, lb);
    int parent = d > 0 ? c->stack[d - 1] : -1;
    const char *num = lb->kind == L_BULLET || lb->kind == L_NONE ? NULL : lb->num;
    int id = new_task(c, parent, num, kind);
    c->t[id].mark = lb->kind == L_BULLET ? lb->num[0] : 0;
    c->stack[d] = id;
    c->depth = d + 1;
    return id;
}

static void set_fields(struct ctx *c, int id, char *const *f) {
    for (int i = 0; i < NF; i++) field_join(&c->t[id].f[i], f[i], unit_field(i));
}

static int others_empty(char *const *f) {
    return !f[F_OUTPUT][0] && !f[F_LEAD][0] && !f[F_COOP][0] && !f[F_TIME][0];
}

/* A section row: Roman numeral in the STT cell (or leading the task cell when STT is empty). */
static int try_section(struct ctx *c, const char *stt, char *const *f) {
    struct label lb;
    const char *src = stt;
    if (stt[0]) {
        if (!parse_upper_label(stt, &lb, 1)) return 0;
        if (lb.kind == L_ULETTER && !others_empty(f)) return 0;
    } else {
        if (!f[F_TITLE][0] || !others_empty(f) || !parse_upper_label(f[F_TITLE], &lb, 0)) return 0;
        src = f[F_TITLE];
    }
    const char *title = src[lb.rest] ? src + lb.rest : f[F_TITLE];
    new_section(c, lb.num, title);
    return 1;
}

/* A row with no STT and no task text: the rest of a task split over a page, or a sub-row. */
static void empty_stt_row(struct ctx *c, struct tab *tb, char *const *f) {
    int prev = c->last;
    const char *lead_text = f[F_TITLE][0] ? f[F_TITLE] : f[F_OUTPUT][0] ? f[F_OUTPUT] : "";
    int lower = starts_lower(lead_text[0] ? lead_text : f[F_LEAD][0] ? f[F_LEAD] : f[F_COOP]);
    if (prev >= 0 && (tb->brk || lower)) {
        int looks_new = f[F_TITLE][0] && !lower && ends_term(sb_str(&c->t[prev].f[F_TITLE]));
        if (!looks_new) {
            set_fields(c, prev, f);
            c->last = prev;
            warn(c, prev,
                 "Dòng bị tách sang trang sau đã được nối vào nhiệm vụ này, "
                 "vui lòng kiểm tra.");
            return;
        }
    }
    if (prev >= 0 && !f[F_TITLE][0] && f[F_OUTPUT][0]) {
        /* vertically merged STT/task cells: another output with its own units */
        int parent = c->t[prev].kind == K_SUBROW ? c->t[prev].parent : prev;
        int d = 0;
        while (d < c->depth && c->stack[d] != parent) d++;
        c->depth = d < c->depth ? d + 1 : c->depth;
        int id = new_task(c, parent, NULL, K_SUBROW);
        sb_adds(&c->t[id].f[F_TITLE], f[F_OUTPUT]);
        set_fields(c, id, (char *const[]){"", f[F_OUTPUT], f[F_LEAD], f[F_COOP], f[F_TIME]});
        if (c->depth < MAXDEPTH) c->stack[c->depth++] = id;
        warn(c, id,
             "Dòng không có số thứ tự và tên nhiệm vụ (ô gộp): đã tách thành ý con của "
             "nhiệm vụ phía trên, vui lòng kiểm tra.");
        return;
    }
    if (prev >= 0 && !f[F_TITLE][0]) {
        set_fields(c, prev, f);
        warn(c, prev, "Dòng không có số thứ tự và tên nhiệm vụ đã được nối vào nhiệm vụ này.");
        return;
    }
    struct label none = {.kind = L_NONE};
    int id = attach(c, &none, K_ROW);
    set_fields(c, id, f);
    warn(c, id, "Nhiệm vụ không có số thứ tự.");
}

/* One data row (cells already mapped to fields) of a table. */
static void data_row(struct ctx *c, struct tab *tb, const char *stt, char **f, int has_stt_col) {
    if (try_section(c, stt, f)) return;
    if (!stt[0] && f[F_TITLE][0] && others_empty(f) && count_words(f[F_TITLE]) >= 3 &&
        upper_share(f[F_TITLE]) >= 90 && !(tb->brk && c->last >= 0)) {
        new_section(c, NULL, f[F_TITLE]);
        return;
    }
    struct label lb;
    char *title = f[F_TITLE];
    if (stt[0]) {
        if (!parse_label(stt, &lb, 1)) {
            lb.kind = L_NUM; /* unusual STT ("1a", "*)"): keep it as written, top level */
            snprintf(lb.num, sizeof lb.num, "%s", stt);
            lb.depth = 0;
        }
    } else if (!has_stt_col && parse_label(title, &lb, 0) && lb.kind != L_ROMAN) {
        f[F_TITLE] = title + lb.rest; /* numbers written in the task column */
    } else {
        empty_stt_row(c, tb, f);
        return;
    }
    int id = attach(c, &lb, lb.kind == L_BULLET ? K_ITEM : K_ROW);
    if (lb.kind == L_LETTER) c->t[id].kind = K_ITEM;
    set_fields(c, id, f);
    f[F_TITLE] = title;
    if (!c->t[id].f[F_TITLE].len) warn(c, id, "Nhiệm vụ chưa có nội dung.");
}

/*
 * Feeds one row of cells (raw text, tags allowed when tags is set). Header rows set the
 * column map, repeated headers mark a page break, rows before the first header are ignored.
 */
static void table_row(struct ctx *c, struct tab *tb, char **raw, size_t n, int brk, int tags) {
    char *cell[MAXCOL];
    enum role roles[MAXCOL];
    int any = 0;
    if (n > MAXCOL) n = MAXCOL;
    for (size_t i = 0; i < n; i++) {
        cell[i] = clean_cell(raw[i], strlen(raw[i]), tags);
        any |= cell[i][0] != 0;
    }
    if (!any) goto out;
    if (is_header(cell, n, roles)) {
        memcpy(tb->map, roles, n * sizeof *roles);
        tb->ncol = n;
        tb->have = tb->after_header = tb->brk = 1;
        goto out;
    }
    if (!tb->have) goto out;
    if (tb->after_header && is_subheader(cell, n, roles)) {
        for (size_t i = 0; i < n && i < MAXCOL; i++)
            if (roles[i]) tb->map[i] = roles[i];
        if (n > tb->ncol) tb->ncol = n;
        goto out;
    }
    tb->after_header = 0;
    if (is_colnum_row(cell, n)) goto out;
    tb->brk |= brk;

    struct sbuf f[NF] = {{0}};
    const char *stt = "";
    int has_stt_col = 0;
    for (size_t i = 0; i < tb->ncol; i++) {
        enum role r = tb->map[i];
        has_stt_col |= r == R_STT;
        if (i >= n || !cell[i][0]) continue;
        int fi = r == R_TITLE                   ? F_TITLE
                 : r == R_OUTPUT                ? F_OUTPUT
                 : r == R_LEAD || r == R_ASSIGN ? F_LEAD
                 : r == R_COOP                  ? F_COOP
                 : r == R_TIME                  ? F_TIME
                                                : -1;
        if (r == R_STT && !stt[0]) stt = cell[i];
        if (fi < 0) continue;
        if (f[fi].len && !strcmp(f[fi].p, cell[i])) continue; /* section text repeated per cell */
        field_join(&f[fi], cell[i], 1);
    }
    char *fv[NF];
    for (int i = 0; i < NF; i++) fv[i] = (char *)sb_str(&f[i]);
    data_row(c, tb, stt, fv, has_stt_col);
    tb->brk = 0;
    for (int i = 0; i < NF; i++) sb_free(&f[i]);
out:
    for (size_t i = 0; i < n; i++) free(cell[i]);
}

/* ------------------------------------------------------------------------------------------ */
/* Prose layout: "I. ...", "1. ...", "- task", "Cơ quan chủ trì: ..."                           */

struct attr_label {
    const char *key; /* folded words before the colon */
    int field;
};

static const struct attr_label ATTRS[] = {
    {"co quan chu tri", F_LEAD},
    {"don vi chu tri", F_LEAD},
    {"chu tri thuc hien", F_LEAD},
    {"chu tri", F_LEAD},
    {"co quan thuc hien", F_LEAD},
    {"don vi thuc hien", F_LEAD},
    {"bo phan chu tri", F_LEAD},
    {"trach nhiem thuc hien", F_LEAD},
    {"co quan phoi hop", F_COOP},
    {"don vi phoi hop", F_COOP},
    {"phoi hop thuc hien", F_COOP},
    {"phoi hop", F_COOP},
    {"bo phan phoi hop", F_COOP},
    {"san pham du kien", F_OUTPUT},
    {"ket qua du kien", F_OUTPUT},
    {"ket qua cong viec", F_OUTPUT},
    {"san pham dau ra", F_OUTPUT},
    {"hinh thuc san pham", F_OUTPUT},
    {"san pham", F_OUTPUT},
    {"ket qua", F_OUTPUT},
    {"thoi gian thuc hien", F_TIME},
    {"thoi gian hoan thanh", F_TIME},
    {"thoi han hoan thanh", F_TIME},
    {"thoi gian", F_TIME},
    {"thoi han", F_TIME},
    {"tien do thuc hien", F_TIME},
    {"tien do", F_TIME},
};

/* If s starts with "<label>:" returns the field and stores the value offset, else -1. */
static int attr_at(const char *s, size_t *val) {
    const char *colon = strchr(s, ':');
    if (!colon || colon - s > 40) return -1;
    struct sbuf k = {0};
    fold_key(s, (size_t)(colon - s), &k);
    int field = -1;
    for (size_t i = 0; i < sizeof ATTRS / sizeof *ATTRS && field < 0; i++)
        if (!strcmp(sb_str(&k), ATTRS[i].key)) field = ATTRS[i].field;
    sb_free(&k);
    if (field < 0) return -1;
    *val = (size_t)(colon + 1 - s);
    while (s[*val] == ' ') (*val)++;
    return field;
}

struct prose {
    int heading; /* the current "1. ..." task, -1 none */
    int *pend;   /* tasks since the last attribute block: what the next block applies to */
    size_t npend, cappend;
    int *tgt; /* tasks the current attribute block applies to */
    size_t ntgt, captgt;
    int in_attrs; /* the previous non-blank line was an attribute line */
    int cont;     /* field whose value goes on over the next list lines, -1 none */
    int prev_blank;
};

/*
 * Attribute lines apply to the items written since the previous block (not to a "1." heading
 * that has items of its own), else to the heading itself.
 */
static void attr_targets(struct ctx *c, struct prose *p) {
    p->ntgt = 0;
    for (size_t i = 0; i < p->npend; i++) {
        if (c->t[p->pend[i]].kind == K_HEAD && c->t[p->pend[i]].nchild) continue;
        GROW(p->tgt, p->ntgt, p->captgt);
        p->tgt[p->ntgt++] = p->pend[i];
    }
    if (!p->ntgt && p->heading >= 0) {
        GROW(p->tgt, p->ntgt, p->captgt);
        p->tgt[p->ntgt++] = p->heading;
    }
}

static void attr_apply(struct ctx *c, struct prose *p, int field, const char *v) {
    if (!p->ntgt && c->cur >= 0) {
        field_join(&c->sec[c->cur].def[field], v, unit_field(field)); /* section-wide */
        return;
    }
    for (size_t i = 0; i < p->ntgt; i++)
        field_join(&c->t[p->tgt[i]].f[field], v, unit_field(field));
}

/* "Cơ quan chủ trì: A; Thời gian: Quý I" -> two attributes. */
static void attr_line(struct ctx *c, struct prose *p, int field, const char *v) {
    for (;;) {
        const char *next = NULL;
        size_t nv = 0;
        int nf = -1;
        for (const char *q = v; *q && nf < 0; q++) {
            if (*q != ';' && *q != '.' && *q != ',') continue;
            const char *r = q + 1;
            while (*r == ' ') r++;
            nf = attr_at(r, &nv);
            if (nf >= 0) next = q;
        }
        char *one = xstrndup(v, next ? (size_t)(next - v) : strlen(v));
        char *cl = clean_cell(one, strlen(one), 0);
        attr_apply(c, p, field, cl);
        free(cl);
        free(one);
        if (!next) return;
        v = next + 1;
        while (*v == ' ') v++;
        v += nv;
        field = nf;
    }
}

static void prose_new_task(struct prose *p, int id) {
    if (p->in_attrs) p->npend = 0;
    p->in_attrs = 0;
    GROW(p->pend, p->npend, p->cappend);
    p->pend[p->npend++] = id;
}

static void prose_line(struct ctx *c, struct prose *p, const char *s) {
    struct label lb;
    size_t off = (size_t)bullet_len(s), val;
    while (s[off] == ' ') off++;
    int field = attr_at(s + off, &val);
    if (field >= 0) {
        if (!p->in_attrs) attr_targets(c, p);
        p->in_attrs = 1;
        attr_line(c, p, field, s + off + val);
        p->cont = s[off + val] ? -1 : field;
        return;
    }
    if (p->cont >= 0 && !p->prev_blank && (bullet_len(s) || starts_lower(s))) {
        attr_apply(c, p, p->cont, s);
        return;
    }
    p->cont = -1;
    parse_label(s, &lb, 0);
    if (lb.kind == L_ROMAN || lb.kind == L_ULETTER) {
        new_section(c, lb.num, s + lb.rest);
        p->heading = -1;
        p->npend = p->ntgt = 0;
        p->in_attrs = 0;
        return;
    }
    if (lb.kind == L_NONE && c->last >= 0 && !p->prev_blank && !p->in_attrs && starts_lower(s)) {
        field_join(&c->t[c->last].f[F_TITLE], s, 0); /* wrapped task line */
        return;
    }
    int kind = lb.kind == L_NUM && lb.depth == 0 ? K_HEAD : lb.kind == L_NONE ? K_PLAIN : K_ITEM;
    if (lb.kind == L_NONE) {
        lb.kind = L_BULLET; /* a plain paragraph sits where a "-" item would */
        lb.num[0] = '-';
    }
    int id = attach(c, &lb, kind);
    sb_adds(&c->t[id].f[F_TITLE], s + lb.rest);
    if (kind == K_HEAD) {
        p->heading = id;
        p->npend = 0;
        p->in_attrs = 0;
    }
    prose_new_task(p, id);
}

static int has_attr(const struct btask *t) {
    return t->f[F_OUTPUT].len || t->f[F_LEAD].len || t->f[F_COOP].len || t->f[F_TIME].len;
}

/*
 * After prose parsing: tasks inherit what their heading or section said for all of them,
 * paragraphs that got no attribute are dropped (they were explanations), and sections without
 * any attribute at all (Mục đích, yêu cầu; Tổ chức thực hiện) are dropped.
 */
static void prose_finish(struct ctx *c) {
    for (size_t i = 0; i < c->nt; i++) {
        struct btask *t = &c->t[i];
        for (int f = 1; f < NF; f++) {
            const struct sbuf *from =
                t->parent >= 0 ? &c->t[t->parent].f[f] : &c->sec[t->sec].def[f];
            if (!t->f[f].len && from->len) sb_adds(&t->f[f], from->p);
        }
    }
    for (size_t s = 0; s < c->nsec; s++) c->sec[s].dead = 1;
    for (size_t i = 0; i < c->nt; i++)
        if (has_attr(&c->t[i])) c->sec[c->t[i].sec].dead = 0;
    for (size_t i = 0; i < c->nt; i++) {
        struct btask *t = &c->t[i];
        if (c->sec[t->sec].dead || (t->kind == K_PLAIN && !has_attr(t) && !t->nchild)) t->dead = 1;
    }
}

/* Strips markdown heading marks and bold, returns a clean single line (malloc'd). */
static char *prose_clean(const char *s, size_t n) {
    while (n && (*s == '#' || *s == ' ' || *s == '>')) s++, n--;
    char *r = clean_cell(s, n, 1);
    for (char *q = r; *q; q++)
        if (*q == '\n') *q = ' '; /* callers split lines before; a stray break is a space */
    return r;
}

static void parse_prose(struct ctx *c, char **lines, size_t n) {
    struct prose p = {.heading = -1, .cont = -1, .prev_blank = 1};
    c->cur = -1;
    for (size_t i = 0; i < n; i++) {
        char *s = prose_clean(lines[i], strlen(lines[i]));
        if (!s[0]) {
            p.prev_blank = 1;
            p.cont = -1;
        } else {
            prose_line(c, &p, s);
            p.prev_blank = 0;
        }
        free(s);
    }
    free(p.pend);
    free(p.tgt);
    prose_finish(c);
}

/* ------------------------------------------------------------------------------------------ */
/* Document title                                                                              */

static const char *skip_marks(const char *s) {
    while (*s == '*' || *s == '_' || *s == '#' || *s == ' ' || *s == '\t') s++;
    return s;
}

/* "KẾ HOẠCH" in capitals at the start of a line (bold or not). */
static int is_plan_heading(const char *raw) {
    const char *s = skip_marks(raw);
    if (strlen(s) > 300) return 0;
    char *k = fold_dup(s);
    int ok = starts_words(k, "ke hoach");
    free(k);
    if (!ok) return 0;
    size_t n = strlen(s), i = 0;
    int letters = 0;
    while (i < n && letters < 7) {
        uint32_t cp = utf8_next(s, n, &i);
        if (!fold_letter(cp)) continue;
        if (!cp_upper(cp)) return 0;
        letters++;
    }
    return 1;
}

/* The "KẾ HOẠCH" heading before the table and the bold/capital lines that go on with it. */
static char *find_title(char **lines, size_t n) {
    int best = -1;
    for (size_t i = 0; i < n; i++)
        if (is_plan_heading(lines[i])) best = (int)i;
    if (best < 0) return NULL;
    struct sbuf t = {0};
    char *h = prose_clean(lines[best], strlen(lines[best]));
    char *hk = fold_dup(h);
    int alone = !strcmp(hk, "ke hoach");
    sb_adds(&t, h);
    free(h);
    free(hk);
    int taken = 0;
    for (size_t j = (size_t)best + 1; j < n && taken < 3; j++) {
        const char *raw = lines[j], *s = skip_marks(raw);
        if (!*s) continue;
        if (*s == '(' || strchr(raw, '\t') || strlen(raw) > 250) break;
        char *cl = prose_clean(raw, strlen(raw));
        struct label lb;
        char *k = fold_dup(cl);
        int stop = (parse_label(cl, &lb, 0) && lb.kind != L_BULLET) || starts_words(k, "can cu");
        const char *r = raw;
        while (*r == ' ') r++;
        int bold = r[0] == '*' && r[1] == '*';
        if (!stop && (bold || upper_share(cl) >= 80 || (alone && !taken)) && cl[0]) {
            sb_addc(&t, ' ');
            sb_adds(&t, cl);
            taken++;
        } else {
            stop = 1;
        }
        free(cl);
        free(k);
        if (stop) break;
    }
    return sb_take(&t);
}

/* ------------------------------------------------------------------------------------------ */
/* Plain text: lines, header search, tab rows, one-cell-per-line rows                          */

struct text {
    char *buf; /* normalised copy: '\n' line ends, no NUL bytes */
    size_t len;
    size_t *off, *ln; /* lines */
    size_t n, cap;
};

static void text_init(struct text *t, const char *s, size_t n) {
    memset(t, 0, sizeof *t);
    /* Zeroed: clang's analyzer then knows every byte of the text is defined. */
    t->buf = calloc(n + 1, 1);
    if (!t->buf) abort();
    size_t o = 0, i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    for (; i < n; i++) {
        char ch = s[i];
        if (ch == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') continue;
            ch = '\n';
        }
        t->buf[o++] = ch ? ch : ' ';
    }
    t->buf[o] = 0;
    t->len = o;
    for (size_t p = 0; p <= o;) {
        /* A plain loop rather than memchr: clang's analyzer then knows that p + l <= o. */
        size_t l = 0;
        while (p + l < o && t->buf[p + l] != '\n') l++;
        int e = p + l < o;
        if (t->n >= t->cap) {
            t->cap = t->cap ? t->cap * 2 : 64;
            t->off = xrealloc(t->off, t->cap * sizeof *t->off);
            t->ln = xrealloc(t->ln, t->cap * sizeof *t->ln);
        }
        t->off[t->n] = p, t->ln[t->n] = l, t->n++;
        p += l + 1;
        if (!e) break;
    }
}

static void text_free(struct text *t) {
    free(t->buf);
    free(t->off);
    free(t->ln);
}

static int blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}

/* Splits a line at tabs into malloc'd raw cells (no quote handling: for the header search). */
static size_t split_tabs(const char *s, size_t n, char **cells, size_t max) {
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n && k < max; i++) {
        if (i == n || s[i] == '\t') {
            cells[k++] = xstrndup(s + st, i - st);
            st = i + 1;
        }
    }
    return k;
}

static void free_cells(char **cells, size_t n) {
    for (size_t i = 0; i < n; i++) free(cells[i]);
}

static int cells_header(char **raw, size_t n) {
    char *c[MAXCOL];
    enum role r[MAXCOL];
    for (size_t i = 0; i < n; i++) c[i] = clean_cell(raw[i], strlen(raw[i]), 1);
    int h = is_header(c, n, r);
    free_cells(c, n);
    return h;
}

/* Header layout found in a text paste. */
enum layout { LAY_NONE, LAY_TABS, LAY_CELLS };

struct hdr {
    enum layout lay;
    size_t line;  /* first header line */
    size_t width; /* columns */
    int tabbed;   /* LAY_CELLS: cells are lines starting with a tab */
};

/* Lines i.. holding one short cell each (tab-led or not) that together make a header row. */
static size_t cell_block_header(const struct text *t, size_t i, int *tabbed) {
    char *cells[MAXCOL];
    size_t k = 0;
    *tabbed = t->buf[t->off[i]] == '\t';
    for (size_t j = i; j < t->n && k < 12; j++) {
        const char *s = t->buf + t->off[j];
        size_t l = t->ln[j];
        if (blank(s, l)) break;
        if ((s[0] == '\t') != *tabbed) break;
        if (*tabbed) s++, l--;
        if (memchr(s, '\t', l) || l > HDRCELLMAX * 2) break;
        cells[k++] = xstrndup(s, l);
    }
    size_t w = k >= 3 && cells_header(cells, k) ? k : 0;
    free_cells(cells, k);
    return w;
}

static struct hdr find_header(const struct text *t) {
    struct hdr h = {0};
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->buf + t->off[i];
        size_t l = t->ln[i];
        if (blank(s, l)) continue;
        const char *tab = memchr(s, '\t', l);
        if (tab && memchr(tab + 1, '\t', l - (size_t)(tab + 1 - s))) {
            char *cells[MAXCOL];
            size_t k = split_tabs(s, l, cells, MAXCOL);
            int ok = k >= 3 && cells_header(cells, k);
            free_cells(cells, k);
            if (ok) return (struct hdr){LAY_TABS, i, k, 1};
            continue;
        }
        /* a one-cell-per-line header starts after a blank line or a non-cell line */
        int prev_other = i == 0 || blank(t->buf + t->off[i - 1], t->ln[i - 1]) ||
                         (t->buf[t->off[i - 1]] == '\t') != (s[0] == '\t');
        int tabbed;
        size_t w = prev_other && l <= HDRCELLMAX * 2 ? cell_block_header(t, i, &tabbed) : 0;
        if (w) return (struct hdr){LAY_CELLS, i, w, tabbed};
    }
    return h;
}

/* A row being assembled from one or more lines. */
struct prow {
    struct sbuf cell[MAXCOL];
    size_t n;
    int brk, active;
};

static void prow_add(struct prow *r, const char *s, size_t l) {
    if (r->n < MAXCOL) {
        sb_addn(&r->cell[r->n++], s, l);
        return;
    }
    sb_addc(&r->cell[MAXCOL - 1], ' ');
    sb_addn(&r->cell[MAXCOL - 1], s, l);
}

static void prow_flush(struct ctx *c, struct tab *tb, struct prow *r) {
    if (!r->active) return;
    char *raw[MAXCOL];
    for (size_t i = 0; i < r->n; i++) raw[i] = (char *)sb_str(&r->cell[i]);
    table_row(c, tb, raw, r->n, r->brk, 1);
    for (size_t i = 0; i < r->n; i++) sb_free(&r->cell[i]);
    r->n = 0;
    r->active = 0;
}

/*
 * Reads one tab-separated row at pos into cells (Excel-style "quoted" cells may hold line
 * breaks and doubled quotes). Returns the position after the row.
 */
static size_t read_tab_row(const char *b, size_t n, size_t pos, struct prow *r) {
    size_t i = pos;
    for (;;) {
        int done = 0;
        if (i < n && b[i] == '"') {
            size_t j = i + 1, lim = n - i > 65536 ? i + 65536 : n;
            while (j < lim && !(b[j] == '"' && (j + 1 >= n || b[j + 1] != '"')))
                j += b[j] == '"' ? 2 : 1;
            if (j < lim && b[j] == '"' && (j + 1 >= n || b[j + 1] == '\t' || b[j + 1] == '\n') &&
                memchr(b + i, '\n', j - i)) {
                struct sbuf q = {0};
                for (size_t k = i + 1; k < j; k++) {
                    sb_addc(&q, b[k]);
                    if (b[k] == '"') k++;
                }
                prow_add(r, sb_str(&q), q.len);
                sb_free(&q);
                i = j + 1;
                done = 1;
            }
        }
        if (!done) {
            size_t k = i;
            while (k < n && b[k] != '\t' && b[k] != '\n') k++;
            prow_add(r, b + i, k - i);
            i = k;
        }
        if (i < n && b[i] == '\t') {
            i++;
            continue;
        }
        return i < n ? i + 1 : n;
    }
}

/* Does a row that comes after the table ended look like the table going on? */
static int resumes_table(struct prow *r, size_t width) {
    char *raw[MAXCOL];
    for (size_t i = 0; i < r->n; i++) raw[i] = (char *)sb_str(&r->cell[i]);
    if (cells_header(raw, r->n)) return 1;
    if (r->n == 0 || r->n + 1 < width) return 0; /* an empty row has no first cell to read */
    char *c0 = clean_cell(raw[0], strlen(raw[0]), 1);
    struct label lb;
    int ok = parse_label(c0, &lb, 1) && (lb.kind == L_NUM || lb.kind == L_ROMAN);
    free(c0);
    return ok;
}

static void prow_clear(struct prow *r) {
    for (size_t i = 0; i < r->n; i++) sb_free(&r->cell[i]);
    r->n = 0;
    r->active = 0;
}

/* Should the tab line just read go on with the previous (short) row? */
static int continues_short_row(const struct prow *prev, const struct prow *cur, size_t width) {
    if (!prev->active || prev->n >= width || prev->n + cur->n - 1 > width) return 0;
    char *c0 = clean_cell(sb_str(&cur->cell[0]), cur->cell[0].len, 1);
    struct label lb;
    int ok = c0[0] && !parse_label(c0, &lb, 1);
    free(c0);
    return ok;
}

static void merge_rows(struct prow *prev, struct prow *cur) {
    struct sbuf *last = &prev->cell[prev->n - 1];
    sb_addc(last, '\n');
    sb_addn(last, sb_str(&cur->cell[0]), cur->cell[0].len);
    for (size_t i = 1; i < cur->n; i++) prow_add(prev, sb_str(&cur->cell[i]), cur->cell[i].len);
    prow_clear(cur);
}

/*
 * Tab-separated layout. Blank lines are page breaks; a line without tabs right after a row
 * continues its last cell; after a blank line it ends the table (until a header or a
 * numbered row of the same width shows up again).
 */
static void parse_tab_layout(struct ctx *c, const struct text *t, const struct hdr *h) {
    struct tab tb = {0};
    struct prow prev = {0}, cur = {0};
    int blank_seen = 0, ended = 0;
    size_t pos = t->off[h->line];
    while (pos < t->len) {
        const char *s = t->buf + pos;
        const char *e = memchr(s, '\n', t->len - pos);
        size_t l = e ? (size_t)(e - s) : t->len - pos;
        if (blank(s, l)) {
            blank_seen = 1;
            pos += l + 1;
            continue;
        }
        if (!memchr(s, '\t', l)) {
            if (prev.active && !blank_seen && !ended) {
                sb_addc(&prev.cell[prev.n - 1], '\n');
                sb_addn(&prev.cell[prev.n - 1], s, l);
            } else {
                ended = 1;
            }
            pos += l + 1;
            continue;
        }
        pos = read_tab_row(t->buf, t->len, pos, &cur);
        if (ended) {
            if (!resumes_table(&cur, h->width)) {
                prow_clear(&cur);
                continue;
            }
            ended = 0;
            blank_seen = 1;
        }
        if (!blank_seen && continues_short_row(&prev, &cur, h->width)) {
            merge_rows(&prev, &cur);
            continue;
        }
        prow_flush(c, &tb, &prev);
        prev = cur;
        prev.active = 1;
        prev.brk = blank_seen;
        memset(&cur, 0, sizeof cur);
        blank_seen = 0;
    }
    prow_flush(c, &tb, &prev);
    prow_clear(&cur);
}

/* A block that ends an untabbed cell-per-line table: a prose heading with text under it. */
static int block_ends_table(const struct prow *r) {
    if (r->n < 2) return 0;
    int same = 1;
    for (size_t i = 1; i < r->n; i++) same &= !strcmp(sb_str(&r->cell[i]), sb_str(&r->cell[0]));
    if (same) return 0;
    char *c0 = clean_cell(sb_str(&r->cell[0]), r->cell[0].len, 1);
    struct label lb;
    int end = parse_upper_label(c0, &lb, 0) && lb.kind == L_ROMAN;
    free(c0);
    return end;
}

static int cells_header_prow(const struct prow *r) {
    char *raw[MAXCOL];
    for (size_t i = 0; i < r->n; i++) raw[i] = (char *)sb_str(&r->cell[i]);
    return cells_header(raw, r->n);
}

/* At a blank line: hands the finished block over as a row, unless the table has ended. */
static void end_block(struct ctx *c, struct tab *tb, struct prow *r, int *ended, int tabbed) {
    if (!r->active) return;
    if (!tabbed && !*ended && block_ends_table(r)) *ended = 1;
    if (*ended && cells_header_prow(r)) *ended = 0;
    if (!*ended) prow_flush(c, tb, r);
    prow_clear(r);
}

/*
 * One cell per line, rows separated by blank lines. With tab-led cells, a line without a tab
 * continues the cell above it, and after a blank line it ends the table.
 */
static void parse_cell_layout(struct ctx *c, const struct text *t, const struct hdr *h) {
    struct tab tb = {0};
    struct prow r = {0};
    int ended = 0;
    for (size_t i = h->line; i < t->n; i++) {
        const char *s = t->buf + t->off[i];
        size_t l = t->ln[i];
        if (blank(s, l)) {
            end_block(c, &tb, &r, &ended, h->tabbed);
            continue;
        }
        if (h->tabbed && s[0] != '\t') {
            if (r.active) {
                sb_addc(&r.cell[r.n - 1], '\n');
                sb_addn(&r.cell[r.n - 1], s, l);
            } else {
                ended = 1;
            }
            continue;
        }
        if (h->tabbed) s++, l--;
        r.active = 1;
        prow_add(&r, s, l);
    }
    end_block(c, &tb, &r, &ended, h->tabbed);
}

/* ------------------------------------------------------------------------------------------ */
/* HTML: tables become rows (rowspan/colspan expanded), other blocks become lines              */

struct hitem {
    char **cells; /* a table row, or NULL for a line */
    size_t n;
    char *line;
    int brk; /* first row of a table that follows another one: a page break */
};

struct html {
    struct hitem *it;
    size_t nit, capit;
    int depth, tables, in_row, in_cell, row_brk;
    struct sbuf cell, line;
    char *rc[MAXCOL];
    size_t col;
    int occ[MAXCOL], busy[MAXCOL];
    int span_c, span_r;
    int lists[8]; /* open lists: 0 for <ul>, else the next <ol> number */
    int nlist;
    char li_prefix[16];
    int li_pending;
};

static struct sbuf *h_target(struct html *h) {
    if (h->depth == 0) return &h->line;
    return h->in_cell ? &h->cell : NULL;
}

static void h_flush_line(struct html *h) {
    if (blank(sb_str(&h->line), h->line.len)) {
        h->line.len = 0;
        return;
    }
    GROW(h->it, h->nit, h->capit);
    h->it[h->nit++] = (struct hitem){NULL, 0, sb_take(&h->line), 0};
}

static void h_newline(struct html *h) {
    struct sbuf *t = h_target(h);
    if (t == &h->line)
        h_flush_line(h);
    else if (t)
        sb_addc(t, '\n');
}

/* Text between tags: entities decoded, source line breaks are spaces (HTML rules). */
static void h_text(struct html *h, const char *s, size_t n) {
    struct sbuf *t = h_target(h);
    if (!t) return;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t el = s[i] == '&' ? entity_at(s, n, i, &cp) : 0;
        if (el)
            i += el;
        else if ((unsigned char)s[i] < 0x80)
            cp = (unsigned char)s[i++];
        else
            cp = utf8_next(s, n, &i);
        if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
        if (h->li_pending && cp != ' ' && cp != 0xA0) {
            /* Word/mammoth lists lose their "-": put one back unless the text has it */
            if (cp != '-' && cp != '+' && cp != 0x2022 && cp != 0x2013) sb_adds(t, h->li_prefix);
            h->li_pending = 0;
        }
        put_text_cp(t, cp);
    }
}

static int attr_int(const char *tag, size_t tl, const char *name) {
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl < tl; i++) {
        if (strncasecmp(tag + i, name, nl)) continue;
        size_t j = i + nl;
        while (j < tl && (tag[j] == ' ' || tag[j] == '=' || tag[j] == '"' || tag[j] == '\'')) j++;
        int v = atoi(tag + j);
        return v < 1 ? 1 : v > 1000 ? 1000 : v;
    }
    return 1;
}

static void h_end_cell(struct html *h) {
    if (!h->in_cell) return;
    h->in_cell = 0;
    char *text = sb_take(&h->cell);
    if (h->col >= MAXCOL) {
        free(text);
        return;
    }
    h->rc[h->col] = text;
    size_t end = h->col + (size_t)h->span_c;
    if (end > MAXCOL) end = MAXCOL;
    for (size_t k = h->col; k < end; k++) {
        if (k > h->col) h->rc[k] = xstrndup("", 0);
        h->occ[k] = h->span_r - 1;
    }
    h->col = end;
}

static void h_end_row(struct html *h) {
    h_end_cell(h);
    if (!h->in_row) return;
    h->in_row = 0;
    size_t last = 0;
    for (size_t k = 0; k < MAXCOL; k++)
        if (h->busy[k]) last = k + 1;
    while (h->col < last) h->rc[h->col++] = xstrndup("", 0); /* spans from rows above */
    if (!h->col) return;
    GROW(h->it, h->nit, h->capit);
    char **cells = xrealloc(NULL, h->col * sizeof *cells);
    memcpy(cells, h->rc, h->col * sizeof *cells);
    h->it[h->nit++] = (struct hitem){cells, h->col, NULL, h->row_brk};
    h->row_brk = 0;
}

static void h_start_row(struct html *h) {
    h_end_row(h);
    h->in_row = 1;
    h->col = 0;
    for (size_t k = 0; k < MAXCOL; k++) {
        h->busy[k] = h->occ[k] > 0;
        if (h->busy[k]) h->occ[k]--;
    }
}

static void h_start_cell(struct html *h, const char *tag, size_t tl) {
    if (!h->in_row) h_start_row(h);
    h_end_cell(h);
    while (h->col < MAXCOL && h->busy[h->col]) h->rc[h->col++] = xstrndup("", 0);
    h->span_c = attr_int(tag, tl, "colspan");
    h->span_r = attr_int(tag, tl, "rowspan");
    if (h->span_c > MAXCOL) h->span_c = MAXCOL;
    h->in_cell = 1;
    h->cell.len = 0;
}

static void h_table(struct html *h, int closing) {
    if (!closing) {
        if (h->depth++ > 0) {
            h_newline(h);
            return;
        }
        h_flush_line(h);
        memset(h->occ, 0, sizeof h->occ);
        h->row_brk = h->tables++ > 0;
        return;
    }
    if (h->depth == 0) return;
    if (h->depth-- > 1) {
        h_newline(h);
        return;
    }
    h_end_row(h);
}

static void h_list(struct html *h, const char *name, int closing) {
    if (!strcmp(name, "li")) {
        h_newline(h);
        if (closing) return;
        int *top = h->nlist ? &h->lists[h->nlist - 1] : NULL;
        if (top && *top)
            snprintf(h->li_prefix, sizeof h->li_prefix, "%d. ", (*top)++);
        else
            snprintf(h->li_prefix, sizeof h->li_prefix, "- ");
        h->li_pending = 1;
        return;
    }
    h_newline(h);
    if (closing) {
        if (h->nlist) h->nlist--;
    } else if (h->nlist < 8) {
        h->lists[h->nlist++] = !strcmp(name, "ol");
    }
}

static void h_tag(struct html *h, const char *name, int closing, const char *tag, size_t tl) {
    if (!strcmp(name, "table")) return h_table(h, closing);
    if (!strcmp(name, "tr") || !strcmp(name, "td") || !strcmp(name, "th")) {
        if (h->depth == 0) h_table(h, 0); /* a row without its <table> (clipboard fragment) */
        if (h->depth > 1) return h_newline(h);
        if (!strcmp(name, "tr"))
            closing ? h_end_row(h) : h_start_row(h);
        else
            closing ? h_end_cell(h) : h_start_cell(h, tag, tl);
        return;
    }
    if (!strcmp(name, "li") || !strcmp(name, "ul") || !strcmp(name, "ol"))
        return h_list(h, name, closing);
    if (!strcmp(name, "b") || !strcmp(name, "strong")) {
        struct sbuf *t = h_target(h);
        if (t) sb_adds(t, "**");
        return;
    }
    if (is_block_tag(name)) h_newline(h);
}

/* Skips <!-- -->, <!...>, <?...> and the content of script/style/title; returns the new i. */
static size_t h_skip(const char *s, size_t n, size_t i, const char *name, int closing) {
    static const char *const RAW[] = {"script", "style", "title", "template", "xml"};
    if (!name) {
        const char *end = i + 4 <= n && !memcmp(s + i, "<!--", 4) ? "-->" : ">";
        for (size_t j = i + 2; j + strlen(end) <= n; j++)
            if (!memcmp(s + j, end, strlen(end))) return j + strlen(end);
        return n;
    }
    if (closing) return i;
    for (size_t k = 0; k < sizeof RAW / sizeof *RAW; k++) {
        if (strcmp(name, RAW[k])) continue;
        size_t nl = strlen(name);
        for (size_t j = i; j + nl + 2 <= n; j++)
            if (s[j] == '<' && s[j + 1] == '/' && !strncasecmp(s + j + 2, name, nl)) return j;
        return n;
    }
    return i;
}

static void html_items(struct html *h, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (s[i] == '<' && i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            i = h_skip(s, n, i, NULL, 0);
            continue;
        }
        if (s[i] == '<') {
            char name[16];
            int closing;
            size_t tl = tag_at(s, n, i, name, &closing);
            if (tl) {
                h_tag(h, name, closing, s + i, tl);
                i = h_skip(s, n, i + tl, name, closing);
                continue;
            }
        }
        const char *lt = memchr(s + i + 1, '<', n - i - 1);
        size_t j = lt ? (size_t)(lt - s) : n;
        h_text(h, s + i, j - i);
        i = j;
    }
    while (h->depth) h_table(h, 1);
    h_flush_line(h);
}

static void html_free(struct html *h) {
    for (size_t k = 0; k < h->nit; k++) {
        if (h->it[k].cells) free_cells(h->it[k].cells, h->it[k].n);
        free(h->it[k].cells);
        free(h->it[k].line);
    }
    free(h->it);
    sb_free(&h->cell);
    sb_free(&h->line);
}

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                     */

static void ctx_init(struct ctx *c) {
    memset(c, 0, sizeof *c);
    c->cur = c->last = -1;
}

static void ctx_free(struct ctx *c) {
    for (size_t i = 0; i < c->nsec; i++) {
        free(c->sec[i].number);
        sb_free(&c->sec[i].title);
        for (int f = 0; f < NF; f++) sb_free(&c->sec[i].def[f]);
    }
    for (size_t i = 0; i < c->nt; i++) {
        free(c->t[i].number);
        for (int f = 0; f < NF; f++) sb_free(&c->t[i].f[f]);
    }
    for (size_t i = 0; i < c->nw; i++) {
        free(c->w[i].where);
        free(c->w[i].message);
    }
    free(c->sec);
    free(c->t);
    free(c->w);
    free(c->title);
}

/* Trimmed copy of a field; NULL when empty unless keep. */
static char *take_field(struct sbuf *b, int keep) {
    const char *s = sb_str(b);
    size_t n = b->len;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    while (n && isspace((unsigned char)*s)) s++, n--;
    return n || keep ? xstrndup(s, n) : NULL;
}

static size_t alive_children(struct ctx *c, int first) {
    size_t n = 0;
    for (int q = first; q >= 0; q = c->t[q].next) n += !c->t[q].dead;
    return n;
}

static void build_task(struct ctx *c, int id, struct pt_task *o) {
    struct btask *t = &c->t[id];
    o->number = t->number;
    t->number = NULL;
    o->title = take_field(&t->f[F_TITLE], 1);
    o->output = take_field(&t->f[F_OUTPUT], 0);
    o->lead = take_field(&t->f[F_LEAD], 0);
    o->coop = take_field(&t->f[F_COOP], 0);
    o->timeline = take_field(&t->f[F_TIME], 0);
    o->nchildren = alive_children(c, t->first);
    o->children = o->nchildren ? xrealloc(NULL, o->nchildren * sizeof *o->children) : NULL;
    size_t k = 0;
    for (int q = t->first; q >= 0; q = c->t[q].next)
        if (!c->t[q].dead) build_task(c, q, &o->children[k++]);
}

/* Leaf tasks without lead unit or timeline are worth a look before saving. */
static void warn_missing(struct ctx *c) {
    for (size_t i = 0; i < c->nt; i++) {
        const struct btask *t = &c->t[i];
        if (t->dead || c->sec[t->sec].dead || alive_children(c, t->first)) continue;
        if (!t->f[F_LEAD].len) warn(c, (int)i, "Chưa có đơn vị chủ trì.");
        if (!t->f[F_TIME].len) warn(c, (int)i, "Chưa có thời gian thực hiện.");
    }
}

/* Keeps at most keep warnings, making room for a last one. */
static void trim_warnings(struct ctx *c, size_t keep) {
    while (c->nw > keep) {
        c->nw--;
        free(c->w[c->nw].where);
        free(c->w[c->nw].message);
    }
}

static int finish(struct ctx *c, struct pt_plan *out) {
    size_t ntasks = 0;
    warn_missing(c);
    for (size_t i = 0; i < c->nt; i++) ntasks += !c->t[i].dead && !c->sec[c->t[i].sec].dead;
    if (!ntasks) {
        c->wdropped = 0;
        trim_warnings(c, MAXWARN - 1);
        warn(c, -1,
             "Không tìm thấy nhiệm vụ nào. Hãy dán bảng kế hoạch kèm dòng tiêu đề (STT, "
             "Nhiệm vụ/Nội dung công việc, Kết quả, Chủ trì, Phối hợp, Thời gian thực "
             "hiện), hoặc các mục đánh số có dòng “Cơ quan chủ trì: …”.");
    }
    if (c->wdropped) {
        size_t d = c->wdropped;
        c->wdropped = 0;
        trim_warnings(c, MAXWARN - 1);
        warn(c, -1, "Còn %zu cảnh báo khác không hiển thị.", d);
    }
    out->title = c->title;
    c->title = NULL;
    out->sections = xrealloc(NULL, (c->nsec ? c->nsec : 1) * sizeof *out->sections);
    for (size_t s = 0; s < c->nsec; s++) {
        struct bsec *b = &c->sec[s];
        size_t n = b->dead ? 0 : alive_children(c, b->first);
        if (b->dead || (!n && !b->number && !b->title.len)) continue;
        struct pt_section *o = &out->sections[out->nsections++];
        o->number = b->number;
        b->number = NULL;
        o->title = take_field(&b->title, 1);
        o->ntasks = n;
        o->tasks = n ? xrealloc(NULL, n * sizeof *o->tasks) : NULL;
        size_t k = 0;
        for (int q = b->first; q >= 0 && k < n; q = c->t[q].next)
            if (!c->t[q].dead) build_task(c, q, &o->tasks[k++]);
    }
    out->warnings = c->w;
    out->nwarnings = c->nw;
    c->w = NULL;
    c->nw = 0;
    ctx_free(c);
    return ntasks ? 0 : -1;
}

/* Index of the first prose section heading ("I. ...", "A. ..."): the title comes before it. */
static size_t first_heading(char **lines, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char *s = prose_clean(lines[i], strlen(lines[i]));
        struct label lb;
        int h = parse_upper_label(s, &lb, 0);
        free(s);
        if (h) return i;
    }
    return n;
}

static int looks_like_html(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i])) i++;
    return i + 1 < n && s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '!');
}

int plantext_parse_text(const char *text, size_t len, struct pt_plan *out) {
    memset(out, 0, sizeof *out);
    if (!text) text = "", len = 0;
    if (looks_like_html(text, len)) return plantext_parse_html(text, len, out);
    struct ctx c;
    struct text t;
    ctx_init(&c);
    text_init(&t, text, len);
    char **lines = xrealloc(NULL, (t.n ? t.n : 1) * sizeof *lines);
    for (size_t i = 0; i < t.n; i++) lines[i] = xstrndup(t.buf + t.off[i], t.ln[i]);
    struct hdr h = find_header(&t);
    if (h.lay != LAY_NONE) {
        c.title = find_title(lines, h.line);
        if (h.lay == LAY_TABS)
            parse_tab_layout(&c, &t, &h);
        else
            parse_cell_layout(&c, &t, &h);
    } else {
        c.title = find_title(lines, first_heading(lines, t.n));
        parse_prose(&c, lines, t.n);
    }
    free_cells(lines, t.n);
    free(lines);
    text_free(&t);
    return finish(&c, out);
}

static int row_is_header(const struct hitem *it) {
    char *c[MAXCOL];
    enum role r[MAXCOL];
    size_t n = it->n < MAXCOL ? it->n : MAXCOL;
    for (size_t i = 0; i < n; i++) c[i] = clean_cell(it->cells[i], strlen(it->cells[i]), 0);
    int hdr = is_header(c, n, r);
    free_cells(c, n);
    return hdr;
}

/* Prose lines of an HTML document, table cells included line by line. */
static char **html_lines(const struct html *h, size_t *n) {
    char **l = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t k = 0; k < h->nit; k++) {
        const struct hitem *it = &h->it[k];
        for (size_t j = 0; j < (it->cells ? it->n : 1); j++) {
            const char *s = it->cells ? it->cells[j] : it->line;
            for (const char *e; *s; s = *e ? e + 1 : e) {
                e = strchr(s, '\n');
                if (!e) e = s + strlen(s);
                GROW(l, *n, cap);
                l[(*n)++] = xstrndup(s, (size_t)(e - s));
            }
        }
    }
    return l;
}

int plantext_parse_html(const char *html, size_t len, struct pt_plan *out) {
    memset(out, 0, sizeof *out);
    if (!html) html = "", len = 0;
    if (!memchr(html, '<', len)) return plantext_parse_text(html, len, out);
    struct html h;
    struct ctx c;
    memset(&h, 0, sizeof h);
    ctx_init(&c);
    html_items(&h, html, len);
    size_t hdr = h.nit;
    for (size_t k = 0; k < h.nit && hdr == h.nit; k++)
        if (h.it[k].cells && row_is_header(&h.it[k])) hdr = k;
    if (hdr < h.nit) {
        char **pre = xrealloc(NULL, (hdr ? hdr : 1) * sizeof *pre);
        size_t np = 0;
        for (size_t k = 0; k < hdr; k++)
            if (h.it[k].line) pre[np++] = h.it[k].line;
        c.title = find_title(pre, np);
        free(pre);
        struct tab tb = {0};
        for (size_t k = hdr; k < h.nit; k++)
            if (h.it[k].cells) table_row(&c, &tb, h.it[k].cells, h.it[k].n, h.it[k].brk, 0);
    } else {
        size_t n;
        char **lines = html_lines(&h, &n);
        c.title = find_title(lines, first_heading(lines, n));
        parse_prose(&c, lines, n);
        free_cells(lines, n);
        free(lines);
    }
    html_free(&h);
    return finish(&c, out);
}

static void free_task(struct pt_task *t) {
    for (size_t i = 0; i < t->nchildren; i++) free_task(&t->children[i]);
    free(t->children);
    free(t->number);
    free(t->title);
    free(t->output);
    free(t->lead);
    free(t->coop);
    free(t->timeline);
}

void plantext_free(struct pt_plan *plan) {
    if (!plan) return;
    for (size_t s = 0; s < plan->nsections; s++) {
        struct pt_section *sec = &plan->sections[s];
        for (size_t i = 0; i < sec->ntasks; i++) free_task(&sec->tasks[i]);
        free(sec->tasks);
        free(sec->number);
        free(sec->title);
    }
    for (size_t i = 0; i < plan->nwarnings; i++) {
        free(plan->warnings[i].where);
        free(plan->warnings[i].message);
    }
    free(plan->sections);
    free(plan->warnings);
    free(plan->title);
    memset(plan, 0, sizeof *plan);
}
