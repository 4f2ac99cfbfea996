/* plantext_cell: the text of one cell or line of a pasted plan: folding, entities and tags,
 * cleaning, item labels and header cells. */
#include "core/plantext_internal.h"
#include "core/vnfold.h"
#include "lib/utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* UTF-8, folding (Vietnamese letters to ASCII) and letter case                                */

/* Malformed input never reaches here as such: utf8_next gives U+FFFD for it. */
static void addc(struct buf *b, char c) {
    buf_append(b, &c, 1);
}

static void u8_put(struct buf *b, uint32_t cp) {
    char t[4];
    size_t n = utf8_encode(cp, t);
    if (n) buf_append(b, t, n);
}

static int is_mark(uint32_t cp) {
    return cp >= 0x300 && cp <= 0x36F; /* NFD tone/vowel marks: dropped by folding */
}

static int cp_lower(uint32_t cp) {
    return vnfold_letter(cp) && !vnfold_upper(cp);
}

void pt_fold_key(const char *s, size_t n, char *out, size_t cap) {
    size_t i = 0, o = 0;
    int space = 1;
    while (i < n && o + 1 < cap) {
        uint32_t cp = utf8_next(s, n, &i);
        char c = vnfold_letter(cp);
        if (!c && cp < 0x80 && isdigit((int)cp)) c = (char)cp;
        if (is_mark(cp)) continue;
        if (c) {
            out[o++] = c;
            space = 0;
        } else if (!space) {
            out[o++] = ' ';
            space = 1;
        }
    }
    if (o && out[o - 1] == ' ') o--;
    out[o] = 0;
}

int pt_has_words(const char *key, const char *phrase) {
    size_t pl = strlen(phrase);
    for (const char *p = strstr(key, phrase); p; p = strstr(p + 1, phrase)) {
        if ((p == key || p[-1] == ' ') && (p[pl] == 0 || p[pl] == ' ')) return 1;
    }
    return 0;
}

int pt_starts_words(const char *key, const char *phrase) {
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
        if (vnfold_letter(cp) || (cp < 0x80 && isdigit((int)cp))) return cp;
        if (!(cp == ' ' || cp == '(' || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 ||
              cp == '[' || cp == 0x2026 || cp == '.'))
            return 0;
    }
    return 0;
}

int pt_starts_lower(const char *s) {
    return cp_lower(first_alnum(s));
}

/* Text that ends a sentence or a list item: what follows it starts a new line. */
int pt_ends_term(const char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
    if (!n) return 1;
    char c = s[n - 1];
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* Share of upper-case letters among the letters of s, in percent (100 when no letters). */
int pt_upper_share(const char *s) {
    size_t n = strlen(s), i = 0, up = 0, all = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        if (!vnfold_letter(cp)) continue;
        all++;
        up += vnfold_upper(cp) != 0;
    }
    return all ? (int)(up * 100 / all) : 100;
}

size_t pt_count_words(const char *s) {
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
size_t pt_entity_at(const char *s, size_t n, size_t i, uint32_t *cp) {
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
void pt_put_text_cp(struct buf *b, uint32_t cp) {
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
        cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x3000)
        addc(b, ' ');
    else if (cp == 0x200B || cp == 0xFEFF || cp == 0xAD || cp == 0x200C || cp == 0x200D)
        return;
    else if (cp < 0x20 && cp != '\n')
        addc(b, ' ');
    else
        u8_put(b, cp);
}

int pt_is_block_tag(const char *t) {
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
size_t pt_tag_at(const char *s, size_t n, size_t i, char name[16], int *closing) {
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

/* A line that starts a list item: "- x", "+ x", "• x", "1. x", "a) x". */
int pt_starts_list(const char *s) {
    if (pt_bullet_len(s)) return 1;
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
static void clean_pass1(const char *s, size_t n, int tags, struct buf *out) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '<' && tags) {
            char name[16];
            int closing;
            size_t tl = pt_tag_at(s, n, i, name, &closing);
            if (tl) {
                if (pt_is_block_tag(name)) addc(out, '\n');
                i += tl;
                continue;
            }
        }
        if (c == '&' && tags) {
            uint32_t cp;
            size_t el = pt_entity_at(s, n, i, &cp);
            if (el) {
                pt_put_text_cp(out, cp);
                i += el;
                continue;
            }
        }
        if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        if ((unsigned char)c < 0x80) {
            pt_put_text_cp(out, (unsigned char)c);
            i++;
        } else {
            pt_put_text_cp(out, utf8_next(s, n, &i));
        }
    }
}

/* Appends one trimmed, space-collapsed line (no '\n' inside) from s[0..n). */
static void add_collapsed(struct buf *out, const char *s, size_t n) {
    int space = 0;
    size_t start = out->len;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            space = out->len > start;
            continue;
        }
        if (space) addc(out, ' ');
        space = 0;
        addc(out, s[i]);
    }
}

/*
 * Pass 2: trims lines, drops empty ones, and re-joins soft wraps: a line break survives only
 * before a list item or after a sentence end, or when the next line starts upper-case (a new
 * item such as a unit name); "Bộ phận Một cửa\ncác cấp" becomes one line.
 */
static char *clean_pass2(const char *s, size_t n) {
    struct buf out, line;
    size_t i = 0;
    buf_init(&out);
    buf_init(&line);
    buf_append(&out, "", 0);
    while (i < n) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t ll = e ? (size_t)(e - (s + i)) : n - i;
        buf_reset(&line);
        add_collapsed(&line, s + i, ll);
        i += ll + 1;
        if (!line.len) continue;
        if (out.len) {
            int keep =
                pt_ends_term(out.data) || pt_starts_list(line.data) || !pt_starts_lower(line.data);
            addc(&out, keep ? '\n' : ' ');
        }
        buf_append(&out, line.data, line.len);
    }
    if (line.oom) out.oom = 1;
    buf_free(&line);
    return buf_detach(&out);
}

/* Clean text of one cell or line: see clean_pass1/clean_pass2. */
char *pt_clean_cell(const char *s, size_t n, int tags) {
    struct buf a;
    buf_init(&a);
    clean_pass1(s, n, tags, &a);
    char *r = a.oom ? NULL : clean_pass2(buf_cstr(&a), a.len);
    buf_free(&a);
    return r;
}

char *pt_prose_clean(const char *s, size_t n) {
    while (n && (*s == '#' || *s == ' ' || *s == '>')) s++, n--;
    char *r = pt_clean_cell(s, n, 1);
    for (char *q = r; q && *q; q++)
        if (*q == '\n') *q = ' '; /* callers split lines before; a stray break is a space */
    return r;
}

/* ------------------------------------------------------------------------------------------ */
/* Item labels: "I", "II.", "1", "1.2", "a)", "-"                                               */

/* Length of a bullet mark at s (with what follows it being space/end/letter), 0 if none. */
int pt_bullet_len(const char *s) {
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

/* Fills lb with a label of kind written as s[0..len) (len <= 8); returns 1. */
static int take_label(struct label *lb, enum lkind kind, const char *s, size_t len) {
    lb->kind = kind;
    memcpy(lb->num, s, len);
    lb->num[len] = 0;
    lb->rest = skip_after_label(s, len);
    return 1;
}

/* Roman or single upper-case letter section marks ("II.", "IX Kiện toàn", "A."). */
int pt_parse_upper_label(const char *s, struct label *lb, int loose) {
    size_t j = 0;
    while (j < 8 && s[j] && strchr("IVXLC", s[j])) j++;
    char nx = s[j];
    int punct = nx == '.' || nx == ')' || nx == ':' ||
                (nx == ' ' && (s[j + 1] == '-' || !strncmp(s + j + 1, "\xE2\x80\x93", 3)));
    int ok_end = punct || (loose && (nx == 0 || nx == ' ')) || (nx == '-' && s[j + 1] == ' ');
    if (j && ok_end && roman_value(s, j)) return take_label(lb, L_ROMAN, s, j);
    if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] == '.' || s[1] == ')' || (loose && !s[1])))
        return take_label(lb, L_ULETTER, s, 1);
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
    return ok ? take_label(lb, L_LETTER, s, l) : 0;
}

/*
 * Reads the item label at the start of s. loose: s is an STT cell, where "I", "1" and "a"
 * stand alone; otherwise (prose, title cell) a Roman numeral needs "." or ")".
 */
int pt_parse_label(const char *s, struct label *lb, int loose) {
    memset(lb, 0, sizeof *lb);
    int bl = pt_bullet_len(s);
    if (bl) {
        lb->kind = L_BULLET;
        lb->num[0] = s[0] == '+' ? '+' : '-';
        lb->rest = (size_t)bl;
        while (s[lb->rest] == ' ') lb->rest++;
        return 1;
    }
    if (pt_parse_upper_label(s, lb, loose) || parse_num_label(s, lb, loose) ||
        parse_letter_label(s, lb, loose))
        return 1;
    lb->kind = L_NONE;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Header rows                                                                                 */

/* Role of a header cell, from its folded words, in any wording and with or without accents. */
static enum role header_role(const char *cell) {
    static const char *const STT[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", "s tt", "so"};
    if (!*cell || strlen(cell) > HDRCELLMAX) return R_NONE;
    /* "Đơn vị chủ trì: Văn phòng Sở" is a prose attribute line, no column heading */
    const char *colon = strchr(cell, ':');
    if (colon && colon[1 + strspn(colon + 1, " ")]) return R_NONE;
    char k[HDRCELLMAX + 1]; /* folding never makes text longer */
    pt_fold_key(cell, strlen(cell), k, sizeof k);
    enum role r = R_NONE;
    for (size_t i = 0; i < sizeof STT / sizeof *STT; i++)
        if (!strcmp(k, STT[i])) r = R_STT;
    if (r) goto done;
    if (pt_has_words(k, "phan cong"))
        r = R_ASSIGN;
    else if (pt_has_words(k, "thoi gian") || pt_has_words(k, "thoi han") ||
             pt_has_words(k, "tien do") || pt_has_words(k, "han hoan thanh"))
        r = R_TIME;
    else if (pt_has_words(k, "phoi hop"))
        r = R_COOP;
    else if (pt_has_words(k, "chu tri"))
        r = R_LEAD;
    else if (pt_has_words(k, "ket qua") || pt_has_words(k, "san pham"))
        r = R_OUTPUT;
    else if (pt_has_words(k, "ghi chu"))
        r = R_NOTE;
    else if (pt_has_words(k, "nhiem vu") || pt_has_words(k, "noi dung") ||
             pt_has_words(k, "cong viec") || pt_has_words(k, "hoat dong") ||
             pt_has_words(k, "giai phap") || pt_has_words(k, "ten"))
        r = R_TITLE;
    else if (pt_has_words(k, "thuc hien") || pt_has_words(k, "don vi") ||
             pt_has_words(k, "co quan") || pt_has_words(k, "trach nhiem"))
        r = R_LEAD;
done:
    return r;
}

/* A header row: a task column plus two other known columns, every cell short and known. */
int pt_is_header(char **c, size_t n, enum role *roles) {
    int seen[R_NOTE + 1] = {0}, unknown = 0, distinct = 0;
    for (size_t i = 0; i < n; i++) {
        roles[i] = header_role(c[i]);
        if (c[i][0] && (!roles[i] || strlen(c[i]) > HDRCELLMAX)) unknown++;
        if (roles[i] && !seen[roles[i]]++) distinct++;
    }
    return seen[R_TITLE] && distinct >= 3 && unknown <= 1;
}

/* The second header row under "Phân công thực hiện": only Chủ trì / Phối hợp (and alike). */
int pt_is_subheader(char **c, size_t n, enum role *roles) {
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
int pt_is_colnum_row(char **c, size_t n) {
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

int pt_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}
