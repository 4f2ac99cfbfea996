/* timeline: rule-based parser of Vietnamese timeline prose ("Quý I/2023", "Thường xuyên"...). */
#include "core/timeline.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/period.h"
#include "lib/utf8.h"

/*
 * How it works: the text is normalised into `clean` (the original with HTML tags, markdown '*'
 * and extra whitespace removed) and `fold` (ASCII, lower case, no diacritics, đ -> d), with a
 * map from each folded byte back into `clean` so that phrases can be returned as written. The
 * folded text is cut into tokens (words, numbers, single punctuation marks) and split into
 * pieces at ';' and parentheses. In each piece, clause parsers are tried at every token; what
 * no parser takes is a leftover. The clauses are then combined: the governing one gives the
 * kind, the others and the leftovers worth keeping go to the note.
 */

#define MAX_CLEAN   (TL_INPUT_MAX * 3 + 4)
#define MAX_CLAUSES 32
#define MAX_ITEMS   8
#define BAD_CP      0xFFFFFFFFu
#define FOLD_MARK   (-1) /* combining mark: kept in clean, nothing in fold */
#define FOLD_DROP   (-2) /* zero-width characters: dropped */

/* Base letters of U+00C0..U+024F and U+1E00..U+1EFF from their Unicode decompositions ('_' =
 * not a Latin letter); Đ/đ, Ð/ð and Ɖ, which have no decomposition, are mapped to 'd'. */
static const char latin_ext[] = /* U+00C0..U+024F */
    "aaaaaa_ceeeeiiiidnooooo__uuuuy__aaaaaa_ceeeeiiiidnooooo__uuuuy_y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllll_"
    "___nnnnnn___oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzz_"
    "_________d______________________oo_____________uu_______________"
    "_____________aaiioouuuuuuuuuu_aaaa____ggkkoooo__j___gg__nnaa____"
    "aaaaeeeeiiiioooorrrruuuusstt__hh______aaeeooooooooyy____________"
    "________________";
static const char latin_add[] = /* U+1E00..U+1EFF */
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy______aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy______";

static const char *const level_names[] = {"province", "department", "district", "commune"};

/* Clause families, in the order of the parsers; F_LEFT marks text no parser took. */
enum fam { F_LEFT, F_LEVEL, F_ONREQ, F_EVENT, F_DATED, F_CONT, F_REC, F_REF };

/* M_START: at the start of a piece (bare "02/2023" is a month); M_MID: after other words;
 * M_PROBE: looking ahead from inside a free-text phrase (explicit wording only). */
enum mode { M_START, M_MID, M_PROBE };

struct tok {
    int a, b; /* [a, b) in fold */
};

struct ep {
    int y, m, d; /* y == 0: not written; d == 0: a whole month */
};

struct clause {
    enum fam fam;
    enum tl_kind kind;
    int level; /* index into level_names, -1 when not level-specific */
    struct tl_date start, due;
    unsigned rec;
    int has_off, off_days, off_work;
    int xa, xb;     /* tokens of the event phrase */
    int ra, rb;     /* tokens of the cited document, ra < 0 when none */
    int a, core, b; /* leftovers absorbed [a, core), the clause itself [core, b) */
    int na, nb;     /* tokens of a detail to keep in the note ("trước ngày 20"), or empty */
};

struct ctx {
    int year;          /* plan year */
    int bad;           /* an invalid date-like shape was seen: the result is unknown */
    int probe;         /* inside a look-ahead: free-text parsers stop at their trigger */
    const char *vague; /* a time too loose to date ("giữa năm"): the note of the unknown */
    int nclean, nfold, ntok, ncl;
    char clean[MAX_CLEAN];
    char fold[TL_INPUT_MAX + 1];
    int fmap[TL_INPUT_MAX + 1]; /* fold offset -> clean offset; fmap[nfold] == nclean */
    struct tok tok[TL_INPUT_MAX];
    struct clause cl[MAX_CLAUSES];
};

typedef int (*parser_fn)(struct ctx *c, int i, int end, enum mode mode, struct clause *cl);

static int try_all(struct ctx *c, int i, int end, enum mode mode, enum fam skip, struct clause *cl);

/* ---- normaliser ---- */

/* Decodes one code point; BAD_CP (one byte used) for invalid or overlong sequences. */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *len) {
    uint32_t cp = 0;
    *len = utf8_decode(s, n, &cp);
    if (*len) return cp;
    *len = 1;
    return BAD_CP;
}

static int fold_table(char ch) {
    return ch == '_' ? '?' : ch;
}

static int is_space_cp(uint32_t cp) {
    return cp == 0x85 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The folded ASCII character for a code point, FOLD_MARK or FOLD_DROP. */
static int fold_of(uint32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return (int)cp + 32;
        return cp <= ' ' || cp == 0x7F ? ' ' : (int)cp;
    }
    if (cp >= 0x300 && cp <= 0x36F) return FOLD_MARK;
    if (cp >= 0xC0 && cp < 0x250) return fold_table(latin_ext[cp - 0xC0]);
    if (cp >= 0x1E00 && cp < 0x1F00) return fold_table(latin_add[cp - 0x1E00]);
    if (is_space_cp(cp)) return ' ';
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF)
        return FOLD_DROP;
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) return '-';
    if (cp >= 0x2018 && cp <= 0x201B) return '\'';
    if (cp >= 0x201C && cp <= 0x201F) return '"';
    if (cp == 0x2026) return '.';
    return '?';
}

static void put_clean(struct ctx *c, const char *src, size_t n) {
    if (c->nclean + (int)n >= MAX_CLEAN) return;
    memcpy(c->clean + c->nclean, src, n);
    c->nclean += (int)n;
}

static void emit(struct ctx *c, int f, const char *src, size_t n) {
    if (f == FOLD_DROP) return;
    if (f == FOLD_MARK) {
        if (c->nfold > 0 && c->fold[c->nfold - 1] != ' ') put_clean(c, src, n);
        return;
    }
    if (f == ' ') {
        if (c->nfold == 0 || c->fold[c->nfold - 1] == ' ') return;
        src = " ";
        n = 1;
    }
    if (c->nfold >= TL_INPUT_MAX || c->nclean + (int)n >= MAX_CLEAN) return;
    c->fmap[c->nfold] = c->nclean;
    c->fold[c->nfold++] = (char)f;
    put_clean(c, src, n);
}

/* Length of an HTML tag starting at s ("<p>", "</b>", "<br/>"), 0 if s is not one. */
static size_t tag_len(const unsigned char *s, size_t n) {
    if (n < 3 || s[0] != '<') return 0;
    if (!(s[1] == '/' || s[1] == '!' || ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))) return 0;
    for (size_t k = 1; k < n && k < 512; k++) {
        if (s[k] == '>') return k + 1;
        if (s[k] == '<') return 0;
    }
    return 0;
}

/* A few HTML entities a clipboard may carry; returns the bytes used and the character. */
static size_t entity(const unsigned char *s, size_t n, const char **rep) {
    static const char *const names[] = {"&nbsp;", " ", "&#160;", " ", "&amp;",  "&",
                                        "&lt;",   "<", "&gt;",   ">", "&quot;", "\""};
    for (size_t k = 0; k < sizeof names / sizeof *names; k += 2) {
        size_t len = strlen(names[k]);
        if (len <= n && memcmp(s, names[k], len) == 0) {
            *rep = names[k + 1];
            return len;
        }
    }
    return 0;
}

static void normalise(struct ctx *c, const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t p = 0;

    while (p < len) {
        size_t n = 0;
        const char *rep;
        uint32_t cp;
        if ((n = tag_len(s + p, len - p)) > 0) {
            emit(c, ' ', " ", 1);
        } else if ((n = entity(s + p, len - p, &rep)) > 0) {
            emit(c, fold_of((unsigned char)rep[0]), rep, 1);
        } else if (s[p] == '*') {
            n = 1; /* markdown emphasis */
        } else if ((cp = next_cp(s + p, len - p, &n)) == BAD_CP) {
            emit(c, '?', "\xEF\xBF\xBD", 3);
        } else {
            emit(c, fold_of(cp), text + p, n);
        }
        p += n;
    }
    if (c->nfold > 0 && c->fold[c->nfold - 1] == ' ') c->nclean = c->fmap[--c->nfold];
    c->fmap[c->nfold] = c->nclean;
    c->fold[c->nfold] = '\0';
    c->clean[c->nclean] = '\0';
}

static int is_alpha(char ch) {
    return ch >= 'a' && ch <= 'z';
}

static int is_digit(char ch) {
    return ch >= '0' && ch <= '9';
}

static void tokenize(struct ctx *c) {
    int i = 0;

    c->ntok = 0;
    while (i < c->nfold) {
        char ch = c->fold[i];
        int j = i + 1;
        if (ch == ' ') {
            i++;
            continue;
        }
        if (is_alpha(ch))
            while (j < c->nfold && is_alpha(c->fold[j])) j++;
        else if (is_digit(ch))
            while (j < c->nfold && is_digit(c->fold[j])) j++;
        c->tok[c->ntok].a = i;
        c->tok[c->ntok].b = j;
        c->ntok++;
        i = j;
    }
}

/* ---- token matching ---- */

static int tlen(const struct ctx *c, int i) {
    return c->tok[i].b - c->tok[i].a;
}

static int teq(const struct ctx *c, int i, int end, const char *w) {
    size_t n = strlen(w);
    return i >= 0 && i < end && (size_t)tlen(c, i) == n && memcmp(c->fold + c->tok[i].a, w, n) == 0;
}

/* Matches the space-separated tokens of pat at i: the token after them, or -1. */
static int seq(const struct ctx *c, int i, int end, const char *pat) {
    while (*pat) {
        const char *sp = strchr(pat, ' ');
        size_t n = sp ? (size_t)(sp - pat) : strlen(pat);
        if (i < 0 || i >= end || (size_t)tlen(c, i) != n || memcmp(c->fold + c->tok[i].a, pat, n))
            return -1;
        i++;
        pat += n;
        if (*pat == ' ') pat++;
    }
    return i;
}

/* The first pattern of the NULL-terminated list that matches (list longer ones first). */
static int seq_any(const struct ctx *c, int i, int end, const char *const *pats, int *which) {
    for (int k = 0; pats[k]; k++) {
        int j = seq(c, i, end, pats[k]);
        if (j >= 0) {
            if (which) *which = k;
            return j;
        }
    }
    return -1;
}

static int opt_any(const struct ctx *c, int i, int end, const char *const *pats) {
    int j = seq_any(c, i, end, pats, NULL);
    return j < 0 ? i : j;
}

static int is_num(const struct ctx *c, int i, int end) {
    return i >= 0 && i < end && is_digit(c->fold[c->tok[i].a]);
}

static int is_word(const struct ctx *c, int i, int end) {
    return i >= 0 && i < end && is_alpha(c->fold[c->tok[i].a]);
}

/* Value of a number token of at most maxdig digits, -1 otherwise. */
static int num_at(const struct ctx *c, int i, int end, int maxdig) {
    int v = 0;
    if (!is_num(c, i, end) || tlen(c, i) > maxdig) return -1;
    for (int k = c->tok[i].a; k < c->tok[i].b; k++) v = v * 10 + (c->fold[k] - '0');
    return v;
}

static int year_tok(const struct ctx *c, int i, int end) {
    return is_num(c, i, end) && tlen(c, i) == 4 ? num_at(c, i, end, 4) : -1;
}

static char punct(const struct ctx *c, int i, int end) {
    if (i < 0 || i >= end || tlen(c, i) != 1 || is_word(c, i, end) || is_num(c, i, end)) return 0;
    return c->fold[c->tok[i].a];
}

static int is_sep3(const struct ctx *c, int i, int end) {
    char p = punct(c, i, end);
    return p == '/' || p == '-' || p == '.';
}

/* ---- calendar ---- */

/* Days in month m of year y (0 when m is not 1..12): the calendar of core/period. */
static int mdays(int y, int m) {
    return ymd_last_of_month(y, m).d;
}

static int year_ok(int y) {
    return y >= 1900 && y <= 2199;
}

static int valid(int y, int m, int d) {
    return year_ok(y) && ymd_valid((struct ymd){y, m, d});
}

static struct tl_date dt(int y, int m, int d) {
    struct tl_date r = {y, m, d};
    return r;
}

static long dkey(struct tl_date d) {
    return d.y * 10000L + d.m * 100L + d.d;
}

/* The plan year; when the caller gave none, the text cannot be dated. */
static int plan_year(struct ctx *c) {
    if (year_ok(c->year)) return c->year;
    c->bad = 1;
    return 0;
}

static void set_year_span(struct clause *cl, int y1, int y2) {
    cl->start = dt(y1, 1, 1);
    cl->due = dt(y2, 12, 31);
}

/* ---- date and month endpoints ---- */

/* "/yyyy", "-yyyy", ".yyyy", "năm yyyy", ", năm yyyy" at j: the token after, or j. */
static int year_suffix(struct ctx *c, int j, int end, int *y) {
    int k, v;
    if (is_sep3(c, j, end) && (v = year_tok(c, j + 1, end)) >= 0) {
        k = j + 2;
    } else {
        char p = punct(c, j, end);
        k = seq(c, p == ',' || p == '-' ? j + 1 : j, end, "nam"); /* "Quý II - năm 2024" */
        if (k < 0 || (v = year_tok(c, k, end)) < 0) return j;
        k++;
    }
    if (!year_ok(v)) c->bad = 1;
    *y = v;
    return k;
}

/* A digit written out (1..9) at i, -1 when none. After "mươi" (tens), "mốt" is 1, "lăm" 5
 * and "tư" 4, and "năm" is not taken: "tháng mười năm 2024" is October of 2024. */
static int word_digit(const struct ctx *c, int i, int end, int after_tens) {
    static const char *const d[] = {"mot", "hai", "ba",  "bon",  "nam",
                                    "sau", "bay", "tam", "chin", NULL};
    int w;

    if (seq_any(c, i, end, d, &w) >= 0 && !(after_tens && w == 4)) return w + 1;
    if (teq(c, i, end, "tu")) return 4;
    return after_tens && teq(c, i, end, "lam") ? 5 : -1;
}

/* A number written out, 1..99 ("mười", "mười lăm", "hai mươi mốt"), at i: its value and the
 * token after it in *next, or -1. */
static int word_number(const struct ctx *c, int i, int end, int *next) {
    int v, u;

    if (teq(c, i, end, "muoi")) {
        v = 10;
        i++;
    } else {
        if ((v = word_digit(c, i, end, 0)) < 0) return -1;
        if (!teq(c, ++i, end, "muoi")) {
            *next = i;
            return v;
        }
        v *= 10;
        i++;
    }
    if ((u = word_digit(c, i, end, 1)) > 0) {
        v += u;
        i++;
    }
    *next = i;
    return v;
}

/* A number at i in digits (at most maxdig) or written out: its value, the token after in *next. */
static int any_number(const struct ctx *c, int i, int end, int maxdig, int *next) {
    int v = num_at(c, i, end, maxdig);
    if (v >= 0) {
        *next = i + 1;
        return v;
    }
    return word_number(c, i, end, next);
}

/* d/m[/yyyy], d-m-yyyy, d.m.yyyy or "d tháng m [năm yyyy]". */
static int parse_dmy(struct ctx *c, int i, int end, struct ep *e) {
    int d = num_at(c, i, end, 2), m, k, t;

    /* "ngày mười lăm tháng 3": a day in words, only after "ngày" and before "tháng" m */
    if (d < 0 && teq(c, i - 1, end, "ngay") && (d = word_number(c, i, end, &t)) > 0 &&
        seq(c, t, end, "thang") > 0 && is_num(c, t + 1, end))
        i = t - 1;
    else if (d < 0 || !is_num(c, i, end))
        return -1;
    e->y = 0;
    if (is_sep3(c, i + 1, end)) {
        char sep = punct(c, i + 1, end);
        if ((m = num_at(c, i + 2, end, 2)) < 0) return -1; /* "7/2023", "1955/QĐ" */
        k = i + 3;
        if (punct(c, k, end) == sep && is_num(c, k + 1, end)) {
            if ((e->y = year_tok(c, k + 1, end)) < 0) {
                c->bad = 1; /* "15/01/23": a year we would have to guess */
                return -1;
            }
            k += 2;
        }
    } else {
        if ((k = seq(c, i + 1, end, "thang")) < 0 || (m = num_at(c, k, end, 2)) < 0) return -1;
        k = year_suffix(c, k + 1, end, &e->y);
    }
    e->d = d;
    e->m = m;
    return k;
}

/* A month named in words after "tháng" ("Sáu", "mười hai", "giêng", "chạp"), the token after in
 * *next; *loose when the word also means something else ("tháng sau" is next month, "tháng
 * năm" may be "month and year"), so that it counts only with a year after it. */
static int word_month(const struct ctx *c, int i, int end, int *next, int *loose) {
    int m;

    *loose = 0;
    if (teq(c, i, end, "gieng") || teq(c, i, end, "chap")) {
        *next = i + 1;
        return teq(c, i, end, "gieng") ? 1 : 12;
    }
    if ((m = word_number(c, i, end, next)) < 1 || m > 12) return -1;
    *loose =
        *next == i + 1 && (teq(c, i, end, "sau") || teq(c, i, end, "nam") || teq(c, i, end, "tu"));
    return m;
}

/* Token after a numeral that may stand alone as the last month of a list ("tháng 3, 4/2023"). */
static int alone_ok(const struct ctx *c, int k, int end) {
    char p = punct(c, k, end);
    return k >= end || (p && p != '%') || teq(c, k, end, "va") || teq(c, k, end, "den") ||
           teq(c, k, end, "toi") || teq(c, k, end, "hoac");
}

/* "[tháng|t] m[/yyyy | năm yyyy]"; a bare "m" is taken only when alone is set. */
static int parse_my(struct ctx *c, int i, int end, int need_word, int alone, struct ep *e) {
    int j = i, word = 0, m, k, after, loose = 0;

    if (teq(c, j, end, "thang") || (teq(c, j, end, "t") && is_num(c, j + 1, end))) {
        j++;
        word = 1;
    }
    if (!word && need_word) return -1;
    if ((m = num_at(c, j, end, 2)) >= 0)
        after = j + 1;
    else if (!word || teq(c, j - 1, end, "t") || (m = word_month(c, j, end, &after, &loose)) < 0)
        return -1;
    e->y = e->d = 0;
    k = year_suffix(c, after, end, &e->y);
    if (k == after && ((!word && !(alone && alone_ok(c, k, end))) || loose)) return -1;
    if (m < 1 || m > 12) {
        c->bad = 1;
        return -1;
    }
    e->m = m;
    return k;
}

static int finish_date(struct ctx *c, struct ep *e) {
    if (!e->y && !(e->y = plan_year(c))) return 0;
    if (valid(e->y, e->m, e->d)) return 1;
    c->bad = 1;
    return 0;
}

/* ---- dated clauses ---- */

static const char *const date_pre[] = {"truoc ngay",
                                       "truoc",
                                       "den het ngay",
                                       "den ngay",
                                       "den",
                                       "cham nhat la ngay",
                                       "cham nhat vao ngay",
                                       "cham nhat ngay",
                                       "cham nhat",
                                       "han chot",
                                       "vao ngay",
                                       "trong ngay",
                                       "ngay",
                                       "han",
                                       NULL};

static int p_date(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    struct ep e;
    int j = seq_any(c, i, end, date_pre, NULL), k;

    if (j < 0) {
        if (mode == M_PROBE) return -1;
        j = i;
    }
    if ((k = parse_dmy(c, j, end, &e)) < 0 || !finish_date(c, &e)) return -1;
    cl->fam = F_DATED;
    cl->kind = TL_DATE;
    cl->due = dt(e.y, e.m, e.d);
    return k;
}

static const char *const list_link[] = {"den het", "-", "den", "toi", ",", "va", "&", "+", NULL};

/* Missing years of a list of months: from the next item (a year earlier when the month is
 * later, as in "tháng 11 - 02/2023"), the last one from the plan. */
static int resolve_months(struct ctx *c, struct ep *e, int n) {
    if (!e[n - 1].y && !(e[n - 1].y = plan_year(c))) return 0;
    for (int k = n - 2; k >= 0; k--)
        if (!e[k].y) e[k].y = e[k + 1].y - (e[k].m > e[k + 1].m);
    if (e[0].y * 12 + e[0].m <= e[n - 1].y * 12 + e[n - 1].m && year_ok(e[0].y)) return 1;
    c->bad = 1;
    return 0;
}

static const char *const month_pre[] = {"truoc", "trong", "vao", "cuoi", "den het", "den", NULL};

/* "Trước tháng 6/2023", "trước Quý III": due the day before that period starts. */
static int before(struct ctx *c, struct clause *cl, struct tl_date first_day) {
    int y = first_day.y, m = first_day.m - 1;
    if (m == 0) {
        m = 12;
        y--;
    }
    if (!year_ok(y)) {
        c->bad = 1;
        return 0;
    }
    cl->kind = TL_DATE;
    cl->start = dt(0, 0, 0);
    cl->due = dt(y, m, mdays(y, m));
    return 1;
}

/* "Tháng 12/2022", "tháng 02 năm 2023", "T12/2022", and lists "tháng 3 - 6/2023". */
static int p_month(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    struct ep e[MAX_ITEMS];
    int w = -1, j = seq_any(c, i, end, month_pre, &w), n = 1, k;

    if ((k = parse_my(c, j < 0 ? i : j, end, mode != M_START, 0, &e[0])) < 0) return -1;
    while (n < MAX_ITEMS) {
        int t = seq_any(c, k, end, list_link, NULL), k2;
        if (t < 0 || (k2 = parse_my(c, t, end, 0, 1, &e[n])) < 0) break;
        k = k2;
        n++;
    }
    if (!resolve_months(c, e, n)) return -1;
    cl->fam = F_DATED;
    cl->kind = n == 1 ? TL_MONTH : TL_RANGE;
    cl->start = dt(e[0].y, e[0].m, 1);
    cl->due = dt(e[n - 1].y, e[n - 1].m, mdays(e[n - 1].y, e[n - 1].m));
    if (j >= 0 && w == 0 && (n > 1 || !before(c, cl, cl->start))) return -1;
    return k;
}

/* Quarter numeral at i: 1..4, 0 when i is no numeral, -1 for an impossible one ("V", "5"). */
static int qnum(const struct ctx *c, int i, int end) {
    static const char *const roman[] = {"i", "ii", "iii", "iv", NULL};
    int w;

    if (is_num(c, i, end)) {
        int v = num_at(c, i, end, 1);
        return v >= 1 && v <= 4 ? v : -1;
    }
    if (!is_word(c, i, end)) return 0;
    if (seq_any(c, i, end, roman, &w) >= 0) return w + 1;
    for (int k = c->tok[i].a; k < c->tok[i].b; k++)
        if (!strchr("ivxlc", c->fold[k])) return 0;
    return -1;
}

/* "Quý II", "Q.I", "QIV", or (need_word == 0) a bare numeral continuing a list. */
static int q_item(struct ctx *c, int i, int end, int need_word, int *q) {
    static const char *const glued[] = {"qi", "qii", "qiii", "qiv", NULL};
    int j = i, v, w;

    if (seq_any(c, i, end, glued, &w) >= 0) {
        *q = w + 1;
        return i + 1;
    }
    if (teq(c, j, end, "quy") || teq(c, j, end, "qui") || teq(c, j, end, "q")) {
        j++;
        if (punct(c, j, end) == '.') j++;
    } else if (need_word) {
        return -1;
    }
    if ((v = qnum(c, j, end)) == 0) return -1;
    if (v < 0) {
        if (j > i) c->bad = 1;
        return -1;
    }
    *q = v;
    return j + 1;
}

static const char *const q_pre[] = {"truoc", "tu",   "trong",   "vao", "cuoi",
                                    "dau",   "giua", "den het", "den", NULL};

/* "Đầu/giữa/cuối quý II": the first, middle or last month of one quarter (w indexes q_pre). */
static void quarter_part(struct clause *cl, int w) {
    int m = cl->start.m + (w == 5 ? 0 : w == 6 ? 1 : 2), y = cl->start.y;
    cl->kind = TL_MONTH;
    cl->start = dt(y, m, 1);
    cl->due = dt(y, m, mdays(y, m));
}

/* "Quý I/2023", "Quý II, III/2023", "Quý II và Quý III năm 2023": first to last quarter. */
static int p_quarter(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int q[MAX_ITEMS], y[MAX_ITEMS] = {0}, n = 1, k, lo, hi, cur = 0, w = -1;
    int j = seq_any(c, i, end, q_pre, &w);

    (void)mode;
    if ((k = q_item(c, j < 0 ? i : j, end, 1, &q[0])) < 0) return -1;
    k = year_suffix(c, k, end, &y[0]);
    while (n < MAX_ITEMS) {
        int t = seq_any(c, k, end, list_link, NULL), k2;
        if (t < 0 || (k2 = q_item(c, t, end, 0, &q[n])) < 0) break;
        k = year_suffix(c, k2, end, &y[n]);
        n++;
    }
    for (int t = n - 1; t >= 0; t--) y[t] = y[t] ? (cur = y[t]) : cur;
    lo = hi = -1;
    for (int t = 0; t < n; t++) {
        int key;
        if (!y[t] && !(y[t] = plan_year(c))) return -1;
        key = y[t] * 4 + q[t] - 1;
        lo = lo < 0 || key < lo ? key : lo;
        hi = key > hi ? key : hi;
    }
    cl->fam = F_DATED;
    cl->kind = TL_QUARTER;
    cl->start = dt(lo / 4, lo % 4 * 3 + 1, 1);
    cl->due = dt(hi / 4, hi % 4 * 3 + 3, mdays(hi / 4, hi % 4 * 3 + 3));
    if (j >= 0 && w == 0 && (n > 1 || !before(c, cl, cl->start))) return -1;
    if (j >= 0 && w >= 4 && w <= 6 && n == 1) quarter_part(cl, w);
    return k;
}

static const char *const years_pre[] = {"trong giai doan tu nam",
                                        "trong giai doan tu",
                                        "trong giai doan",
                                        "giai doan tu nam",
                                        "giai doan tu",
                                        "giai doan",
                                        "tu nam",
                                        "trong nam",
                                        "nam",
                                        NULL};
static const char *const years_link[] = {"-", "den nam", "den", "toi nam", "toi", NULL};

/* "giai đoạn 2023-2025", "từ năm 2023 đến năm 2025". */
static int range_years(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int j = seq_any(c, i, end, years_pre, NULL), y1, y2, t;

    if (j < 0) {
        if (mode != M_START) return -1;
        j = i;
    }
    if ((y1 = year_tok(c, j, end)) < 0) return -1;
    if ((t = seq_any(c, j + 1, end, years_link, NULL)) < 0) return -1;
    if ((y2 = year_tok(c, t, end)) < 0) return -1;
    if (!year_ok(y1) || !year_ok(y2) || y1 > y2) {
        c->bad = 1;
        return -1;
    }
    cl->fam = F_DATED;
    cl->kind = TL_RANGE;
    set_year_span(cl, y1, y2);
    return t + 1;
}

static const char *const half_words[] = {"nua dau nam", "nua nam dau", "nua cuoi nam",
                                         "nua nam cuoi", NULL};

/* "N tháng đầu/cuối năm" (N in digits or words, 1..11) at i: N, first or last in *last. */
static int months_of_year(const struct ctx *c, int i, int end, int *last, int *next) {
    int t, n = any_number(c, i, end, 2, &t), k;

    if (n < 1 || n > 11 || (k = seq(c, t, end, "thang")) < 0) return -1;
    if ((t = seq(c, k, end, "dau nam")) < 0 && (t = seq(c, k, end, "cuoi nam")) < 0) return -1;
    *last = teq(c, k, end, "cuoi");
    *next = t;
    return n;
}

/* "6 tháng đầu năm [2023]", "Ba tháng cuối năm", "9 tháng đầu năm 2024", "nửa đầu năm". */
static int range_half(struct ctx *c, int i, int end, struct clause *cl) {
    int j = i, y = 0, k, w, n, last;

    if (teq(c, j, end, "trong")) j++;
    if ((k = seq_any(c, j, end, half_words, &w)) >= 0) {
        n = 6;
        last = w >= 2;
    } else if ((n = months_of_year(c, j, end, &last, &k)) < 0) {
        return -1;
    }
    if ((y = year_tok(c, k, end)) >= 0) {
        if (!year_ok(y)) c->bad = 1;
        k++;
    } else {
        y = 0;
        k = year_suffix(c, k, end, &y);
    }
    if (!y && !(y = plan_year(c))) return -1;
    cl->fam = F_DATED;
    cl->kind = TL_RANGE;
    cl->start = dt(y, last ? 13 - n : 1, 1);
    cl->due = last ? dt(y, 12, 31) : dt(y, n, mdays(y, n));
    return k;
}

static const char *const range_link[] = {"den het", "-", "den", "toi", NULL};

/* One end of "từ ... đến ...": a date, or a month (bare only where allowed). */
static int range_end(struct ctx *c, int i, int end, int bare, struct ep *e) {
    int j = teq(c, i, end, "ngay") ? i + 1 : i, k = parse_dmy(c, j, end, e);
    return k >= 0 ? k : parse_my(c, i, end, 0, bare, e);
}

/* Month ends are widened to the whole month; a start without a year takes the end's year. */
static int range_dates(struct ctx *c, struct ep *a, struct ep *b, struct clause *cl) {
    if (!b->y && !(b->y = plan_year(c))) return 0;
    if (!a->y) a->y = b->y - (a->m * 100 + a->d > b->m * 100 + (b->d ? b->d : 99));
    cl->start = dt(a->y, a->m, a->d ? a->d : 1);
    cl->due = dt(b->y, b->m, b->d ? b->d : (b->m >= 1 && b->m <= 12 ? mdays(b->y, b->m) : 1));
    if (valid(cl->start.y, cl->start.m, cl->start.d) && valid(cl->due.y, cl->due.m, cl->due.d) &&
        dkey(cl->start) <= dkey(cl->due))
        return 1;
    c->bad = 1;
    return 0;
}

/* "Từ tháng 02/2023 - 7/2023", "Từ 01/3/2023 đến 30/6/2023", "từ nay đến 30/6/2023". */
static int range_from_to(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    struct ep a = {0, 0, 0}, b;
    int tu = teq(c, i, end, "tu"), now = tu && teq(c, i + 1, end, "nay"), j = i + tu + now, k;

    if (!tu && mode == M_PROBE) return -1;
    if (!now) {
        k = parse_dmy(c, teq(c, j, end, "ngay") ? j + 1 : j, end, &a);
        if (k < 0 && (!tu || (k = parse_my(c, j, end, 0, 0, &a)) < 0)) return -1;
        j = k;
    }
    if ((j = seq_any(c, j, end, range_link, NULL)) < 0) return -1;
    if ((k = range_end(c, j, end, !now && !a.d, &b)) < 0) return -1;
    if (now) {
        if (!b.y && !(b.y = plan_year(c))) return -1;
        if (!b.d) b.d = mdays(b.y, b.m); /* "từ nay đến tháng 6": to its last day */
        if (!finish_date(c, &b)) return -1;
        cl->kind = TL_DATE;
        cl->due = dt(b.y, b.m, b.d);
    } else {
        if (!range_dates(c, &a, &b, cl)) return -1;
        cl->kind = TL_RANGE;
    }
    cl->fam = F_DATED;
    return k;
}

static int p_range(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int k;
    if ((k = range_years(c, i, end, mode, cl)) > 0) return k;
    if ((k = range_half(c, i, end, cl)) > 0) return k;
    return range_from_to(c, i, end, mode, cl);
}

static const char *const year_pre[] = {"thuc hien trong nam",
                                       "trong ca nam",
                                       "trong suot nam",
                                       "trong nam",
                                       "ca nam",
                                       "suot nam",
                                       "cuoi nam",
                                       "het nam",
                                       "den het nam",
                                       "den nam",
                                       "nam",
                                       NULL};

/* Whether a year_pre pattern may stand without a year: all but "năm" and "đến năm". */
static int year_optional(const char *pat) {
    return strcmp(pat, "nam") != 0 && strncmp(pat, "den", 3) != 0;
}

/* "Đầu năm [2024]": the first quarter. "Giữa năm" names no period we can date: unknown, with
 * a note that says why. */
static int year_part(struct ctx *c, int i, int end, struct clause *cl) {
    int k = seq(c, i, end, "dau nam"), y;

    if (seq(c, i, end, "giua nam") > 0) {
        c->bad = 1;
        c->vague = "\"giữa năm\" không chỉ rõ thời điểm (hãy ghi tháng hoặc quý)";
        return -1;
    }
    if (k < 0) return -1;
    if ((y = year_tok(c, k, end)) >= 0) {
        if (!year_ok(y)) {
            c->bad = 1;
            return -1;
        }
        k++;
    } else if (!(y = plan_year(c))) {
        return -1;
    }
    cl->fam = F_DATED;
    cl->kind = TL_QUARTER;
    cl->start = dt(y, 1, 1);
    cl->due = dt(y, 3, 31);
    return k;
}

/* "Trong năm", "Năm 2023", "Trong năm 2023", "Cả năm". */
static int p_year(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int w = 0, j = seq_any(c, i, end, year_pre, &w), y, k;

    if ((k = year_part(c, i, end, cl)) > 0 || c->bad) return k;

    if (j < 0 && mode == M_START && year_tok(c, i, end) >= 0 && i + 1 == end) {
        j = i; /* a piece that is only "2023" */
        w = 0;
    }
    if (j < 0) return -1;
    if ((y = year_tok(c, j, end)) >= 0) {
        if (!year_ok(y)) {
            c->bad = 1;
            return -1;
        }
        k = j + 1;
    } else if (teq(c, j, end, "nay") || year_optional(year_pre[w])) {
        /* "năm nay", "trong năm": the plan year */
        k = teq(c, j, end, "nay") ? j + 1 : j;
        if (!(y = plan_year(c))) return -1;
    } else {
        return -1;
    }
    cl->fam = F_DATED;
    cl->kind = TL_YEAR;
    set_year_span(cl, y, y);
    return k;
}

/* ---- continuous and recurring ---- */

static void plan_span(struct ctx *c, struct clause *cl) {
    /* without a plan year these kinds stay meaningful, only undated */
    if (year_ok(c->year)) set_year_span(cl, c->year, c->year);
}

static const char *const cont_words[] = {"thuong xuyen lien tuc",
                                         "thuong xuyen , lien tuc",
                                         "thuong xuyen va lien tuc",
                                         "thuong xuyen - lien tuc",
                                         "thuong xuyen",
                                         "lien tuc",
                                         "hang ngay",
                                         "moi ngay",
                                         "hang tuan",
                                         NULL};

static int p_continuous(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int k = seq_any(c, i, end, cont_words, NULL);

    (void)mode;
    if (k < 0) return -1;
    cl->fam = F_CONT;
    cl->kind = TL_CONTINUOUS;
    plan_span(c, cl);
    return k;
}

/* Words that make "quy" a "quy định", "quy trình"... rather than a "quý". */
static const char *const not_quarter[] = {"dinh", "trinh", "che",   "mo",  "hoach", "tac",
                                          "pham", "uoc",   "chuan", "doi", "tu",    NULL};

/* A reporting period at i ("quý" but not "quý I", "năm" but not "năm 2023"). */
static int period(const struct ctx *c, int i, int end, unsigned *bit) {
    int k;
    if (teq(c, i, end, "thang") && !is_num(c, i + 1, end)) {
        *bit = TL_REC_MONTHLY;
        return i + 1;
    }
    if ((teq(c, i, end, "quy") || teq(c, i, end, "qui")) && qnum(c, i + 1, end) == 0 &&
        seq_any(c, i + 1, end, not_quarter, NULL) < 0) {
        *bit = TL_REC_QUARTERLY;
        return i + 1;
    }
    if ((k = seq(c, i, end, "nua nam")) > 0 ||
        (((k = seq(c, i, end, "6 thang")) > 0 || (k = seq(c, i, end, "sau thang")) > 0) &&
         !teq(c, k, end, "dau") && !teq(c, k, end, "cuoi"))) {
        *bit = TL_REC_HALF_YEARLY;
        return k;
    }
    if (teq(c, i, end, "nam") && year_tok(c, i + 1, end) < 0 && !teq(c, i + 1, end, "nay")) {
        *bit = TL_REC_YEARLY;
        return i + 1;
    }
    return -1;
}

static const char *const rec_intro[] = {"dinh ky", "hang", "moi", "bao cao", "bc", "theo", NULL};
static const char *const rec_mid[] = {"dinh ky", "bao cao", "bc", "hang", "theo", ":", NULL};
static const char *const rec_link[] = {",", "va", "hoac", "/", "-", "+", "&", NULL};

/* The period after optional words ("báo cáo định kỳ hàng quý"). */
static int period_after(const struct ctx *c, int j, int end, unsigned *bit) {
    for (int n = 0; n < 4; n++) {
        int k = period(c, j, end, bit), t;
        if (k > 0) return k;
        if ((t = seq_any(c, j, end, rec_mid, NULL)) < 0) return -1;
        j = t;
    }
    return -1;
}

static const char *const day_pre[] = {"truoc", "vao", "den", "cham nhat", NULL};
static const char *const day_intro[] = {"hang", "moi", NULL};

/* "trước ngày 20 hàng tháng": the day is kept as a detail; the clause goes on at "hàng". */
static int day_of_period(const struct ctx *c, int i, int end, struct clause *cl) {
    int t = seq(c, opt_any(c, i, end, day_pre), end, "ngay"), d = num_at(c, t, end, 2);
    if (t < 0 || d < 1 || d > 31 || seq_any(c, t + 1, end, day_intro, NULL) < 0) return i;
    cl->na = i;
    cl->nb = t + 1;
    return t + 1;
}

/* "Hàng tháng", "Định kỳ 6 tháng", "Báo cáo quý, BC năm", "Hàng quý, năm". */
static int p_recurring(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int w, j = seq_any(c, day_of_period(c, i, end, cl), end, rec_intro, &w), k;
    unsigned bit = 0;

    (void)mode;
    if (j < 0) return -1;
    cl->rec = 0;
    if ((k = period_after(c, j, end, &bit)) < 0) {
        if (strcmp(rec_intro[w], "dinh ky") != 0) return -1;
        k = j; /* "định kỳ" without a period: recurring, period not said */
    }
    cl->rec |= bit;
    while (k > j) {
        int t = seq_any(c, k, end, rec_link, NULL), k2;
        if (t < 0 || (k2 = period_after(c, t, end, &bit)) < 0) break;
        cl->rec |= bit;
        k = k2;
    }
    cl->fam = F_REC;
    cl->kind = TL_RECURRING;
    plan_span(c, cl);
    return k;
}

/* ---- free-text clauses: events, requests, references ---- */

static const char *const fillers[] = {"thuc", "hien", "hoan",  "thanh", "trien", "khai", "to",
                                      "chuc", "cong", "bao",   "cao",   "bc",    "ke",   "hoach",
                                      "kiem", "tra",  "trong", "vao",   "va",    "hoac", "la",
                                      "duoc", "xong", "mot",   "lan",   NULL};

static int is_filler(const struct ctx *c, int i, int end) {
    return seq_any(c, i, end, fillers, NULL) >= 0;
}

/* A place where a free-text phrase may end: ",", "và", "hoặc", or a spaced ". - + &". */
static int boundary(const struct ctx *c, int k, int end) {
    char p = punct(c, k, end);
    int spaced_after = c->tok[k].b >= c->nfold || c->fold[c->tok[k].b] == ' ';
    int spaced_before = c->tok[k].a == 0 || c->fold[c->tok[k].a - 1] == ' ';

    if (p == ',' || teq(c, k, end, "va") || teq(c, k, end, "hoac")) return 1;
    if (p == '.') return spaced_after;
    return (p == '-' || p == '+' || p == '&') && spaced_after && spaced_before;
}

/* Whether a clause of another family starts at k, possibly after filler words. */
static int probe_at(struct ctx *c, int k, int end, enum fam self) {
    int save_bad = c->bad, save_probe = c->probe, found = 0;
    struct clause tmp;

    c->probe = 1;
    for (; k < end && !found; k++) {
        found = try_all(c, k, end, M_PROBE, self, &tmp) > k;
        if (!is_filler(c, k, end)) break;
    }
    c->bad = save_bad;
    c->probe = save_probe;
    return found;
}

/* End of a free-text phrase starting before `from`: the piece end, or the first boundary
 * followed by a clause of another kind ("Theo Kế hoạch ... và Kiểm tra đột xuất ..."). */
static int tail_end(struct ctx *c, int from, int end, enum fam self) {
    for (int k = from; k < end; k++)
        if (boundary(c, k, end) && probe_at(c, k + 1, end, self)) return k;
    return end;
}

static const char *const onreq_words[] = {
    "theo yeu cau", "khi co yeu cau", "khi duoc yeu cau", "khi yeu cau",   "co yeu cau",
    "theo de nghi", "khi co de nghi", "de nghi cua",      "theo thu moi",  "theo giay moi",
    "dot xuat",     "theo chi dao",   "khi can thiet",    "khi phat sinh", NULL};

/* "Theo yêu cầu", "Theo thư mời ...", "đột xuất", "khi có yêu cầu". */
static int p_on_request(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int w, j = seq_any(c, i, end, onreq_words, &w), k;

    (void)mode;
    if (j < 0) return -1;
    if (c->probe) return j;
    k = tail_end(c, j, end, F_ONREQ);
    if (strstr(onreq_words[w], "moi") && k > i + 1) {
        cl->ra = i + 1; /* the invitation is the document to follow */
        cl->rb = k;
    }
    cl->fam = F_ONREQ;
    cl->kind = TL_ON_REQUEST;
    return k;
}

/* The event phrase at t (a leading "có" dropped): "... sau khi có Quyết định công bố". */
static int event_tail(struct ctx *c, int t, int end, struct clause *cl, int days, int work) {
    if (teq(c, t, end, "co") && t + 1 < end) t++;
    if (t >= end) return -1;
    if (c->probe) return t + 1;
    cl->fam = F_EVENT;
    cl->kind = TL_EVENT;
    cl->has_off = 1;
    cl->off_days = days;
    cl->off_work = work;
    cl->xa = t;
    cl->xb = tail_end(c, t + 1, end, F_EVENT);
    return cl->xb;
}

static const char *const ev_pre[] = {"cham nhat la",    "cham nhat", "trong vong", "trong thoi han",
                                     "trong thoi gian", "trong",     "sau",        "khong qua",
                                     "toi da",          NULL};
static const char *const ev_link[] = {", ke tu", "ke tu", ", tinh tu", "tinh tu",
                                      "sau khi", "sau",   NULL};
static const char *const ev_strip[] = {"ngay", "khi", "thoi diem", NULL};
static const char *const ev_zero[] = {"ngay sau khi", "ngay khi",  "ngay sau",
                                      "sau khi",      "dung ngay", "ke tu khi",
                                      "khi",          "sau",       NULL};

/* "Chậm nhất 10 ngày kể từ ngày ...", "trong vòng 05 ngày làm việc kể từ ...". */
static int event_offset(struct ctx *c, int i, int end, struct clause *cl) {
    int j = opt_any(c, i, end, ev_pre), t, n = any_number(c, j, end, 3, &t), work = 0;

    if (n < 0 || (j = seq(c, t, end, "ngay")) < 0) return -1;
    if ((t = seq(c, j, end, "lam viec")) > 0) {
        j = t;
        work = 1;
    }
    if ((t = seq_any(c, j, end, ev_link, NULL)) < 0) return -1;
    return event_tail(c, opt_any(c, t, end, ev_strip), end, cl, n, work);
}

/* "Ngay sau khi ...", "Sau khi có ...", "đúng ngày ...", "Sau kiểm tra". */
static int event_zero(struct ctx *c, int i, int end, struct clause *cl) {
    int w, j = seq_any(c, i, end, ev_zero, &w);

    if (j < 0) return -1;
    /* "sau 6 tháng", "sáu tháng": not an event we can date */
    if (strstr(ev_zero[w], "sau") && !strstr(ev_zero[w], "khi") &&
        (is_num(c, j, end) || teq(c, j, end, "thang")))
        return -1;
    return event_tail(c, j, end, cl, 0, 0);
}

static int p_event(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int k = event_offset(c, i, end, cl);
    (void)mode;
    return k >= 0 ? k : event_zero(c, i, end, cl);
}

static const char *const doc_types[] = {"quyet dinh", "ke hoach",     "nghi dinh", "thong tu",
                                        "cong van",   "van ban",      "chi thi",   "nghi quyet",
                                        "thong bao",  "chuong trinh", NULL};

/* "Theo Kế hoạch ...", "Theo quy định", or a cited document "Quyết định số 1955/QĐ-UBND ...". */
static int p_reference(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int j;

    (void)mode;
    if (teq(c, i, end, "theo")) {
        j = i + 1;
        if (j >= end) return -1;
        cl->ra = j;
    } else {
        if ((j = seq_any(c, i, end, doc_types, NULL)) < 0) return -1;
        if (!teq(c, j, end, "so") && !(is_num(c, j, end) && punct(c, j + 1, end) == '/')) return -1;
        cl->ra = i;
    }
    if (c->probe) return j + 1;
    cl->fam = F_REF;
    cl->kind = TL_REFERENCE;
    cl->rb = tail_end(c, j + 1, end, F_REF);
    return cl->rb;
}

/* ---- level-specific deadlines ---- */

static const char *const dept_words[] = {"cac so , ban , nganh",
                                         "cac so , ban nganh",
                                         "cac so ban nganh",
                                         "cac so , nganh",
                                         "cac so nganh",
                                         "so , ban , nganh",
                                         "so , ban nganh",
                                         "so ban nganh",
                                         "so , nganh",
                                         "so nganh",
                                         "cac so",
                                         "cac nganh",
                                         NULL};
static const char *const ubnd_words[] = {"ubnd", "uy ban nhan dan", NULL};

/* "cấp xã", "UBND cấp huyện", "các sở, ngành" at i: the token after, level in *lv. */
static int level_kw(const struct ctx *c, int i, int end, int *lv) {
    static const struct {
        const char *words;
        int level, after_ubnd; /* after_ubnd: only right after "UBND" ("UBND xã") */
    } kw[] = {{"cap tinh", 0, 0}, {"cap huyen", 2, 0}, {"cap xa", 3, 0},
              {"tinh", 0, 1},     {"huyen", 2, 1},     {"xa", 3, 1}};
    static const char *const dept_tail[] = {"cap tinh", "tinh", NULL};
    int j = opt_any(c, i, end, ubnd_words), k;

    if ((k = seq_any(c, j, end, dept_words, NULL)) > 0) {
        *lv = 1;
        return opt_any(c, k, end, dept_tail);
    }
    for (size_t w = 0; w < sizeof kw / sizeof *kw; w++) {
        if (kw[w].after_ubnd && j == i) continue;
        if ((k = seq(c, j, end, kw[w].words)) > 0) {
            *lv = kw[w].level;
            return k;
        }
    }
    return -1;
}

static const parser_fn dated_parsers[] = {p_range, p_quarter, p_month, p_date, p_year, NULL};

static int p_dated(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    for (int k = 0; dated_parsers[k]; k++) {
        int r = dated_parsers[k](c, i, end, mode, cl);
        if (r > i) return r;
    }
    return -1;
}

static const char *const level_pre[] = {"doi voi", "rieng", NULL};
static const char *const level_colon[] = {":", "-", ",", NULL};

/* "Cấp xã: 02/2022", "cấp huyện trước 31/01/2023". */
static int p_level(struct ctx *c, int i, int end, enum mode mode, struct clause *cl) {
    int lv, k = level_kw(c, opt_any(c, i, end, level_pre), end, &lv), r;

    (void)mode;
    if (k < 0) return -1;
    if ((r = p_dated(c, opt_any(c, k, end, level_colon), end, M_START, cl)) < 0) return -1;
    cl->fam = F_LEVEL;
    cl->level = lv;
    return r;
}

/* "Quý I/2023 đối với cấp tỉnh": a level named after the deadline. */
static int level_suffix(const struct ctx *c, int k, int end, struct clause *cl) {
    static const char *const pre[] = {"doi voi", "ap dung cho", "cho", NULL};
    int lv, t = seq_any(c, k, end, pre, NULL), r;

    if (t < 0 || (r = level_kw(c, t, end, &lv)) < 0) return k;
    cl->fam = F_LEVEL;
    cl->level = lv;
    return r;
}

/* ---- the clause loop ---- */

struct parser {
    parser_fn fn;
    enum fam fam;
};

/* Order matters: requests before events and references ("khi có yêu cầu", "theo yêu cầu"),
 * events before dates ("chậm nhất 10 ngày kể từ"), ranges before their parts. */
static const struct parser parsers[] = {
    {p_level, F_LEVEL},     {p_on_request, F_ONREQ}, {p_event, F_EVENT},  {p_range, F_DATED},
    {p_quarter, F_DATED},   {p_month, F_DATED},      {p_date, F_DATED},   {p_year, F_DATED},
    {p_continuous, F_CONT}, {p_recurring, F_REC},    {p_reference, F_REF}};

static int try_all(struct ctx *c, int i, int end, enum mode mode, enum fam skip,
                   struct clause *cl) {
    for (size_t k = 0; k < sizeof parsers / sizeof *parsers; k++) {
        int r;
        if (parsers[k].fam == skip) continue;
        memset(cl, 0, sizeof *cl);
        cl->level = -1;
        cl->ra = -1;
        if ((r = parsers[k].fn(c, i, end, mode, cl)) > i) return r;
    }
    return -1;
}

static int is_list_sep(const struct ctx *c, int i, int end) {
    char p = punct(c, i, end);
    return (p && strchr(",.:-+&/", p)) || teq(c, i, end, "va") || teq(c, i, end, "hoac");
}

static int all_filler(const struct ctx *c, int a, int b) {
    for (int k = a; k < b; k++)
        if ((is_word(c, k, b) && !is_filler(c, k, b)) || is_num(c, k, b)) return 0;
    return 1;
}

static void add_clause(struct ctx *c, const struct clause *cl) {
    if (c->ncl < MAX_CLAUSES)
        c->cl[c->ncl++] = *cl;
    else
        c->bad = 1; /* far more than a timeline holds: do not guess */
}

static void parse_piece(struct ctx *c, int ps, int pe) {
    int i = ps, lo = -1, lo_filler = 1; /* lo_filler: the pending leftovers are all fillers */
    struct clause cl;

    while (i < pe) {
        enum mode mode = lo < 0 || lo_filler ? M_START : M_MID;
        int k;
        if (lo < 0 && is_list_sep(c, i, pe)) {
            i++;
            continue;
        }
        if ((k = try_all(c, i, pe, mode, F_LEFT, &cl)) > i) {
            if (cl.fam == F_DATED) k = level_suffix(c, k, pe, &cl);
            cl.a = lo >= 0 ? lo : i;
            cl.core = i;
            cl.b = k;
            add_clause(c, &cl);
            lo = -1;
            lo_filler = 1;
            i = k;
        } else {
            if (lo < 0) lo = i;
            lo_filler &= all_filler(c, i, i + 1);
            i++;
        }
    }
    if (lo >= 0) {
        memset(&cl, 0, sizeof cl);
        cl.fam = F_LEFT;
        cl.level = cl.ra = -1;
        cl.a = cl.core = lo;
        cl.b = pe;
        add_clause(c, &cl);
    }
}

static void parse_pieces(struct ctx *c) {
    int ps = 0;
    for (int i = 0; i <= c->ntok; i++) {
        char p = i < c->ntok ? punct(c, i, c->ntok) : ';';
        if (p == ';' || p == '(' || p == ')' || p == '[' || p == ']') {
            if (i > ps) parse_piece(c, ps, i);
            ps = i + 1;
        }
    }
}

/* ---- output ---- */

/* Copies at most cap-1 bytes of src[0..n) into dst, never cutting a UTF-8 sequence. */
static void copy_utf8(char *dst, size_t cap, const char *src, size_t n) {
    if (n >= cap) n = utf8_cut(src, n, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The original text of tokens [a, b), without separators at either end. */
static void span_text(const struct ctx *c, int a, int b, char *dst, size_t cap) {
    const char *trim = " ,;:.-";
    int from, to;

    dst[0] = '\0';
    if (a >= b) return;
    from = c->fmap[c->tok[a].a];
    to = c->fmap[c->tok[b - 1].b];
    while (from < to && strchr(trim, c->clean[from])) from++;
    while (to > from && strchr(trim, c->clean[to - 1])) to--;
    copy_utf8(dst, cap, c->clean + from, (size_t)(to - from));
}

static void add_note(const struct ctx *c, struct timeline *out, int a, int b) {
    char part[TL_TEXT_MAX];
    size_t len = strlen(out->note);

    span_text(c, a, b, part, sizeof part);
    if (!part[0] || len + 3 >= sizeof out->note) return;
    if (len) {
        memcpy(out->note + len, "; ", 3);
        len += 2;
    }
    copy_utf8(out->note + len, sizeof out->note - len, part, strlen(part));
}

static int has_digit(const struct ctx *c, int a, int b) {
    for (int k = a; k < b; k++)
        if (is_num(c, k, b)) return 1;
    return 0;
}

static int priority(enum fam f) {
    static const int prio[] = {[F_DATED] = 1, [F_CONT] = 2,  [F_REC] = 3,   [F_EVENT] = 4,
                               [F_REF] = 5,   [F_ONREQ] = 6, [F_LEVEL] = 9, [F_LEFT] = 9};
    return prio[f];
}

/* The clause that decides the kind, -1 when none or when deadlines contradict each other. */
static int governing(const struct ctx *c) {
    int gov = -1, dated = 0, first_level = -1;

    for (int k = 0; k < c->ncl; k++) {
        const struct clause *cl = &c->cl[k];
        if (cl->fam == F_LEVEL && first_level < 0) first_level = k;
        if (cl->fam == F_LEVEL || cl->fam == F_LEFT) continue;
        dated += cl->fam == F_DATED;
        if (gov < 0 || priority(cl->fam) < priority(c->cl[gov].fam)) gov = k;
    }
    if (dated > 1) return -1;
    return gov >= 0 ? gov : first_level;
}

static void put_levels(const struct ctx *c, struct timeline *out) {
    for (int k = 0; k < c->ncl && out->nlevels < 4; k++) {
        const struct clause *cl = &c->cl[k];
        int dup = 0;
        if (cl->fam != F_LEVEL) continue;
        for (int j = 0; j < out->nlevels; j++)
            dup |= strcmp(out->levels[j].level, level_names[cl->level]) == 0;
        if (dup) continue;
        strcpy(out->levels[out->nlevels].level, level_names[cl->level]);
        out->levels[out->nlevels++].due = cl->due;
    }
}

/* "Thường xuyên trong năm 2024": continuous work over a named year. The continuous clause
 * when the governing one is a year, else -1. */
static int cont_in_year(const struct ctx *c, int gov) {
    if (c->cl[gov].fam != F_DATED || c->cl[gov].kind != TL_YEAR) return -1;
    for (int k = 0; k < c->ncl; k++)
        if (c->cl[k].fam == F_CONT) return k;
    return -1;
}

/* Whether clause k is folded into the result rather than noted. */
static int absorbed(const struct ctx *c, int k, int gov, int ref) {
    enum fam g = c->cl[gov].fam, f = c->cl[k].fam;
    int cont = cont_in_year(c, gov) >= 0;
    return k == gov || k == ref || f == F_LEVEL || (f == F_CONT && cont) ||
           (f == F_REC && (g == F_REC || g == F_CONT || cont));
}

static void put_notes(const struct ctx *c, struct timeline *out, int gov, int ref) {
    for (int k = 0; k < c->ncl; k++) {
        const struct clause *cl = &c->cl[k];
        if (cl->fam == F_LEFT) {
            if (!all_filler(c, cl->a, cl->b)) add_note(c, out, cl->a, cl->b);
        } else if (absorbed(c, k, gov, ref)) {
            if (!all_filler(c, cl->a, cl->core)) add_note(c, out, cl->a, cl->core);
            add_note(c, out, cl->na, cl->nb);
        } else {
            add_note(c, out, cl->a, cl->b);
        }
    }
}

static void put_result(const struct ctx *c, int gov, struct timeline *out) {
    const struct clause *g = &c->cl[gov];
    int ref = -1;

    int cont = cont_in_year(c, gov) >= 0;

    out->kind = cont ? TL_CONTINUOUS : g->kind;
    out->start = g->start;
    out->due = g->due;
    out->recurrence = g->rec;
    if (g->fam == F_CONT || g->fam == F_REC || cont)
        for (int k = 0; k < c->ncl; k++)
            if (c->cl[k].fam == F_REC) out->recurrence |= c->cl[k].rec;
    if (g->fam == F_EVENT) {
        out->has_offset = 1;
        out->offset_days = g->off_days;
        out->offset_working = g->off_work;
        span_text(c, g->xa, g->xb, out->offset_after, sizeof out->offset_after);
    }
    for (int k = 0; k < c->ncl && ref < 0; k++)
        if (c->cl[k].ra >= 0 && (k == gov || c->cl[k].fam == F_REF)) ref = k;
    if (ref >= 0) span_text(c, c->cl[ref].ra, c->cl[ref].rb, out->reference, sizeof out->reference);
    put_levels(c, out);
    put_notes(c, out, gov, ref);
}

/* Leftover numbers mean a date or period we did not understand: never guess around them. */
static int stray_numbers(const struct ctx *c) {
    for (int k = 0; k < c->ncl; k++)
        if (has_digit(c, c->cl[k].a, c->cl[k].core) ||
            (c->cl[k].fam == F_LEFT && has_digit(c, c->cl[k].a, c->cl[k].b)))
            return 1;
    return 0;
}

int timeline_parse(const char *text, int year, struct timeline *out) {
    struct ctx c;
    const char *nul;
    int gov;

    if (!out) return 0;
    memset(out, 0, sizeof *out);
    if (!text || !(nul = memchr(text, '\0', TL_INPUT_MAX + 1))) return 0;
    memset(&c, 0, offsetof(struct ctx, clean));
    c.year = year;
    normalise(&c, text, (size_t)(nul - text));
    tokenize(&c);
    parse_pieces(&c);
    if (c.bad || stray_numbers(&c) || (gov = governing(&c)) < 0) {
        if (c.vague) copy_utf8(out->note, sizeof out->note, c.vague, strlen(c.vague));
        return 0;
    }
    put_result(&c, gov, out);
    return 0;
}

const char *timeline_kind_name(enum tl_kind k) {
    static const char *const names[] = {"unknown", "date",       "month",      "quarter",
                                        "range",   "year",       "continuous", "recurring",
                                        "event",   "on_request", "reference"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

const char *timeline_recur_name(unsigned bit) {
    switch (bit) {
    case TL_REC_MONTHLY:
        return "monthly";
    case TL_REC_QUARTERLY:
        return "quarterly";
    case TL_REC_HALF_YEARLY:
        return "half_yearly";
    case TL_REC_YEARLY:
        return "yearly";
    default:
        return NULL;
    }
}
