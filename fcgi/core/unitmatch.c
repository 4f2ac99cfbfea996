/* unitmatch: split lead/coop cells into unit references and resolve them against a unit list. */
#include "core/unitmatch.h"
#include "core/vnfold.h"
#include "lib/mem.h"
#include "lib/utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAXTOK  256 /* tokens looked at per cell; real cells have < 60 */
#define WORDMAX 32

/* ------------------------------------------------------------------------------------------ */
/* Tokens                                                                                      */

enum ttype { T_WORD, T_HARD, T_SOFT, T_PAREN };

struct tok {
    int type;
    size_t s, e;     /* bytes of the original text */
    char w[WORDMAX]; /* folded word */
    int upper;       /* written in capitals, 2+ letters: may be an abbreviation */
    char sep;        /* the separator character (',', ';', ':', '-', 'v' for "và") */
};

struct toks {
    struct tok t[MAXTOK];
    size_t n;
    const char *src;
    const struct um_alias *al; /* aliases that start a unit when splitting, or NULL */
    size_t nal;
};

static void push(struct toks *tl, int type, size_t s, size_t e, char sep) {
    if (tl->n >= MAXTOK) return;
    struct tok *t = &tl->t[tl->n++];
    memset(t, 0, sizeof *t);
    t->type = type, t->s = s, t->e = e, t->sep = sep;
}

/* Reads a word at i; returns the index after it. "và" becomes a soft separator. */
static size_t read_word(struct toks *tl, const char *s, size_t n, size_t i) {
    size_t st = i, j = i, o = 0, letters = 0, ups = 0;
    char w[WORDMAX];
    while (j < n) {
        size_t k = j;
        uint32_t cp = utf8_next(s, n, &k);
        if (cp >= 0x300 && cp <= 0x36F) { /* NFD mark */
            j = k;
            continue;
        }
        char c = vnfold_letter(cp);
        if (!c) break;
        if (o < WORDMAX - 1) w[o++] = c;
        if (isalpha((unsigned char)c)) letters++, ups += vnfold_upper(cp) != 0;
        j = k;
    }
    w[o] = 0;
    if (!strcmp(w, "va")) {
        push(tl, T_SOFT, st, j, 'v');
        return j;
    }
    push(tl, T_WORD, st, j, 0);
    if (tl->n && tl->t[tl->n - 1].type == T_WORD && tl->t[tl->n - 1].s == st) {
        memcpy(tl->t[tl->n - 1].w, w, o + 1);
        tl->t[tl->n - 1].upper = letters >= 2 && ups == letters;
    }
    return j;
}

/* Last non-space character before i, 0 at the start. */
static char prev_char(const char *s, size_t i) {
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
    return i ? s[i - 1] : 0;
}

/* A dash/plus/bullet at i: a bullet (hard) at a line start, " - " between spaces (soft). */
static size_t read_dash(struct toks *tl, const char *s, size_t n, size_t i, size_t len) {
    char p = prev_char(s, i);
    if (!p || p == '\n' || p == ';' || p == '.' || p == ':')
        push(tl, T_HARD, i, i + len, '-');
    else if (i > 0 && s[i - 1] == ' ' && (i + len >= n || s[i + len] == ' '))
        push(tl, T_SOFT, i, i + len, '-');
    return i + len; /* "PT-TH", "LĐ-TB": inside an abbreviation, just a word break */
}

static size_t read_paren(struct toks *tl, const char *s, size_t n, size_t i) {
    size_t j = i;
    int depth = 0;
    for (; j < n; j++) {
        if (s[j] == '(') depth++;
        if (s[j] == ')' && --depth == 0) break;
    }
    j = j < n ? j + 1 : n;
    push(tl, T_PAREN, i, j, '(');
    return j;
}

static int upper_at(const char *s, size_t n, size_t i) {
    return (i < n && s[i] >= 'A' && s[i] <= 'Z') ||
           (i + 1 < n && (unsigned char)s[i] == 0xC4 && (unsigned char)s[i + 1] == 0x90); /* Đ */
}

/* "VH,TT&DL": a comma between capitals with no space is part of the abbreviation. */
static int abbrev_comma(const char *s, size_t n, size_t i) {
    int prev_up =
        i > 0 && ((s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
                  (i > 1 && (unsigned char)s[i - 2] == 0xC4 && (unsigned char)s[i - 1] == 0x90));
    return prev_up && upper_at(s, n, i + 1);
}

static void tokenize(struct toks *tl, const char *s) {
    size_t n = strlen(s), i = 0;
    tl->n = 0;
    tl->src = s;
    while (i < n && tl->n < MAXTOK) {
        unsigned char c = (unsigned char)s[i];
        size_t k = i;
        uint32_t cp = utf8_next(s, n, &k);
        if (vnfold_letter(cp))
            i = read_word(tl, s, n, i);
        else if (c == '(')
            i = read_paren(tl, s, n, i);
        else if (c == '\n' || c == ';' || c == '\r')
            push(tl, T_HARD, i, i + 1, ';'), i++;
        else if (c == '-' || c == '+' || cp == 0x2013 || cp == 0x2014 || cp == 0x2022)
            i = read_dash(tl, s, n, i, k - i);
        else if (c == ',' && abbrev_comma(s, n, i))
            i++;
        else if (c == ',' || c == ':' || c == '/')
            push(tl, T_SOFT, i, i + 1, (char)c), i++;
        else if ((c == '.' || c == '&') && (i + 1 >= n || s[i + 1] == ' '))
            push(tl, T_SOFT, i, i + 1, (char)c), i++;
        else
            i = k;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Words that start a unit name, and group phrases                                             */

static const char *const TYPE_WORDS[] = {
    "so",
    "ubnd",
    "uy ban",
    "hdnd",
    "hoi dong",
    "van phong",
    "vp",
    "ban",
    "trung tam",
    "tt",
    "cong an",
    "cuc",
    "chi cuc",
    "bao hiem",
    "bhxh",
    "phong",
    "dai",
    "bao",
    "bo phan",
    "cac",
    "kho bac",
    "thanh tra",
    "hoi",
    "hiep hoi",
    "lien doan",
    "ngan hang",
    "viettel",
    "vnpt",
    "buu dien",
    "toa an",
    "vien kiem sat",
    "bo chi huy",
    "mat tran",
    "ubmttq",
    "tinh doan",
    "huyen doan",
    "doan",
    "cong ty",
    "tong cong ty",
    "chi nhanh",
    "bo",
    "truong",
    "benh vien",
    "huyen",
    "thanh pho",
    "thi xa",
    "thi tran",
    "phuong", /* "UBND TP X, huyện Y" */
};

/* Folded words of phrase match the words at k (separators not allowed)? Returns index after. */
static size_t eat(const struct toks *tl, size_t k, const char *phrase) {
    const char *p = phrase;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t l = sp ? (size_t)(sp - p) : strlen(p);
        if (k >= tl->n || tl->t[k].type != T_WORD || strlen(tl->t[k].w) != l ||
            memcmp(tl->t[k].w, p, l))
            return 0;
        k++;
        p += l + (sp ? 1 : 0);
    }
    return k;
}

static size_t eat_any(const struct toks *tl, size_t k, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++) {
        size_t r = eat(tl, k, list[i]);
        if (r) return r;
    }
    return 0;
}

static size_t skip_soft(const struct toks *tl, size_t k) {
    while (k < tl->n && tl->t[k].type == T_SOFT) k++;
    return k;
}

/* End of a group phrase: a separator, the end, or a parenthesis (kept with it). */
static size_t at_boundary(const struct toks *tl, size_t k) {
    while (k < tl->n && tl->t[k].type == T_PAREN) k++;
    return k >= tl->n || tl->t[k].type == T_SOFT || tl->t[k].type == T_HARD ? k : 0;
}

/* With "các", whatever follows up to the next separator belongs to the group. */
static size_t swallow(const struct toks *tl, size_t k) {
    while (k < tl->n && (tl->t[k].type == T_WORD || tl->t[k].type == T_PAREN)) k++;
    return k;
}

static size_t skip_titles(const struct toks *tl, size_t k) {
    static const char *const T[] = {"giam doc", "thu truong", "chu tich", "lanh dao"};
    size_t r = eat_any(tl, k, T, 4);
    return r ? r : k;
}

static size_t group_departments(const struct toks *tl, size_t k, int cac) {
    static const char *const LIST[] = {"ban", "nganh", "don vi", "dia phuong"};
    static const char *const SUFFIX[] = {"chuyen mon thuoc ubnd tinh",
                                         "chuyen mon thuoc uy ban nhan dan tinh", "chuyen mon",
                                         "cap tinh", "tinh"};
    static const char *const REL[] = {"co lien quan", "lien quan"};
    size_t r = eat(tl, k, "so");
    int items = 0;
    if (!r) {
        r = eat(tl, k, "co quan chuyen mon thuoc ubnd tinh");
        if (!r) r = eat(tl, k, "co quan chuyen mon thuoc uy ban nhan dan tinh");
        return r ? at_boundary(tl, r) : 0;
    }
    for (;;) {
        size_t q = eat_any(tl, skip_soft(tl, r), LIST, 4);
        if (!q) break;
        r = q, items++;
    }
    size_t q = eat_any(tl, r, SUFFIX, 5);
    if (q) r = q;
    q = eat_any(tl, r, REL, 2);
    if (q) r = q;
    size_t b = at_boundary(tl, r);
    if (b) return b;
    return cac && items ? swallow(tl, r) : 0;
}

static const char *const DISTRICT_WORDS[] = {"thanh pho", "thi xa", "huyen", "quan", "tp", "tx"};
static const char *const COMMUNE_WORDS[] = {"thi tran", "xa", "phuong"};

/* A list of level words ("huyện, thành phố, thị xã"); returns the index after it or 0. */
static size_t level_list(const struct toks *tl, size_t k, const char *const *w, size_t nw) {
    size_t r = eat_any(tl, k, w, nw);
    if (!r) return 0;
    for (;;) {
        size_t q = eat_any(tl, skip_soft(tl, r), w, nw);
        if (!q) return r;
        r = q;
    }
}

static size_t group_local(const struct toks *tl, size_t k, int cac, enum um_group *g1,
                          enum um_group *g2) {
    size_t r = eat(tl, k, "ubnd");
    if (!r) r = eat(tl, k, "uy ban nhan dan");
    if (!r && !cac) return 0;
    if (!r) r = k; /* "các huyện, thành phố", "các xã, phường, thị trấn": UBND understood */
    size_t q = eat(tl, r, "cac");
    if (q) r = q, cac = 1;
    if ((q = eat(tl, r, "cap huyen")) || (q = level_list(tl, r, DISTRICT_WORDS, 6))) {
        *g1 = UM_DISTRICTS;
        size_t s = skip_soft(tl, q), c2;
        if ((c2 = eat(tl, s, "cap xa")) || (c2 = level_list(tl, s, COMMUNE_WORDS, 3))) {
            *g2 = UM_COMMUNES;
            q = c2;
        }
    } else if ((q = eat(tl, r, "cap xa")) || (q = level_list(tl, r, COMMUNE_WORDS, 3))) {
        *g1 = UM_COMMUNES;
    } else {
        return 0;
    }
    size_t b = at_boundary(tl, q);
    if (b) return b;
    return cac ? swallow(tl, q) : 0;
}

static size_t group_related(const struct toks *tl, size_t k, int cac) {
    static const char *const LIST[] = {"co quan", "don vi",       "to chuc",   "dia phuong",
                                       "ca nhan", "doanh nghiep", "phong ban", "nganh"};
    size_t r = k;
    int items = 0;
    for (;;) {
        /* "ngành" alone is too weak ("Các Bộ, ngành liên quan"): only after "các" */
        size_t q = eat_any(tl, items ? skip_soft(tl, r) : r, LIST, cac ? 8 : 7);
        if (!q) break;
        r = q, items++;
    }
    if (!items) return 0;
    size_t q = eat(tl, r, "co lien quan");
    if (!q) q = eat(tl, r, "lien quan");
    if (q) {
        size_t b = at_boundary(tl, q);
        return b ? b : cac ? swallow(tl, q) : 0;
    }
    return cac && items >= 2 ? at_boundary(tl, r) : 0;
}

/* Group phrase at token k: returns the token index after it (0 if none) and the group(s). */
static size_t match_group(const struct toks *tl, size_t k, enum um_group *g1, enum um_group *g2) {
    *g1 = *g2 = UM_NONE;
    k = skip_titles(tl, k);
    size_t c = eat(tl, k, "cac");
    int cac = c != 0;
    if (cac) k = c;
    size_t r;
    if ((r = group_departments(tl, k, cac)))
        *g1 = UM_DEPARTMENTS;
    else if ((r = group_local(tl, k, cac, g1, g2)))
        return r;
    else if ((r = group_related(tl, k, cac)))
        *g1 = UM_RELATED;
    return r;
}

/* An alias of the document at token k, followed by a separator or the end: the token after it. */
static size_t alias_at(const struct toks *tl, size_t k) {
    for (size_t a = 0; a < tl->nal; a++) {
        size_t r = tl->al[a].key && *tl->al[a].key ? eat(tl, k, tl->al[a].key) : 0;
        if (r && (r >= tl->n || tl->t[r].type != T_WORD)) return r;
    }
    return 0;
}

/* Does a new unit start at token k (a unit word followed by a name, a group, an alias)? */
static int starts_unit(const struct toks *tl, size_t k) {
    enum um_group g1, g2;
    if (match_group(tl, k, &g1, &g2) || alias_at(tl, k)) return 1;
    size_t r = eat_any(tl, k, TYPE_WORDS, sizeof TYPE_WORDS / sizeof *TYPE_WORDS);
    return r && r < tl->n && (tl->t[r].type == T_WORD || tl->t[r].type == T_PAREN);
}

/* ------------------------------------------------------------------------------------------ */
/* Splitting                                                                                   */

struct refs {
    struct um_ref *r;
    size_t n, cap;
    int oom; /* a ref was lost to a failed allocation */
};

static void emit(struct refs *o, const char *s, size_t len, enum um_group g) {
    while (len && strchr(" \t.,;:-+", s[len - 1])) len--;
    while (len && strchr(" \t-+", *s)) s++, len--;
    if (!len) return;
    char *t = MEM_GROW(o->r, o->n, o->cap) == 0 ? mem_strndup(s, len) : NULL;
    if (!t) {
        o->oom = 1;
        return;
    }
    o->r[o->n++] = (struct um_ref){t, 0, g, 0};
}

static void emit_group(struct refs *o, const struct toks *tl, size_t a, size_t b, enum um_group g1,
                       enum um_group g2) {
    if (g2 == UM_NONE) {
        emit(o, tl->src + tl->t[a].s, tl->t[b - 1].e - tl->t[a].s, g1);
        return;
    }
    emit(o, "UBND cấp huyện", strlen("UBND cấp huyện"), g1); /* "UBND cấp huyện, xã" */
    emit(o, "UBND cấp xã", strlen("UBND cấp xã"), g2);
}

/* "Các Sở: Nội vụ, Thông tin - Truyền thông" -> "Sở Nội vụ", "Sở Thông tin - Truyền thông". */
static size_t dept_list(struct refs *o, const struct toks *tl, size_t k) {
    size_t r = eat(tl, skip_titles(tl, k), "cac");
    r = eat(tl, r ? r : skip_titles(tl, k), "so");
    if (!r || r >= tl->n || tl->t[r].type != T_SOFT || tl->t[r].sep != ':') return 0;
    size_t i = r + 1;
    while (i < tl->n && tl->t[i].type != T_HARD) {
        i = skip_soft(tl, i);
        size_t j = i, last = i;
        while (j < tl->n && tl->t[j].type != T_HARD &&
               !(tl->t[j].type == T_SOFT && (tl->t[j].sep == ',' || tl->t[j].sep == 'v'))) {
            if (tl->t[j].type != T_SOFT) last = j;
            j++;
        }
        if (j > i && last < tl->n && tl->t[last].type != T_SOFT) {
            char buf[512];
            size_t len = tl->t[last].e - tl->t[i].s;
            if (len > sizeof buf - 8) len = sizeof buf - 8;
            size_t pl = strlen("Sở ");
            memcpy(buf, "Sở ", pl);
            memcpy(buf + pl, tl->src + tl->t[i].s, len);
            emit(o, buf, len + pl, UM_NONE);
        }
        i = j;
    }
    return i;
}

/* One unit from token i: extends over separators while what follows is no new unit. */
static size_t one_unit(struct refs *o, const struct toks *tl, size_t i) {
    size_t j = i, last = i;
    while (j < tl->n && tl->t[j].type != T_HARD) {
        if (tl->t[j].type == T_SOFT) {
            size_t k = skip_soft(tl, j);
            if (k >= tl->n || tl->t[k].type == T_HARD || starts_unit(tl, k)) break;
            j = k;
            continue;
        }
        last = j++;
    }
    emit(o, tl->src + tl->t[i].s, tl->t[last].e - tl->t[i].s, UM_NONE);
    return j;
}

int unitmatch_split(const char *cell, struct um_ref **out, size_t *n) {
    return unitmatch_split_aliased(cell, NULL, 0, out, n);
}

int unitmatch_split_aliased(const char *cell, const struct um_alias *al, size_t nal,
                            struct um_ref **out, size_t *n) {
    if (!cell || !out || !n) return -1;
    *out = NULL;
    *n = 0;
    struct toks *tl = mem_realloc(NULL, sizeof *tl);
    if (!tl) return -1;
    struct refs o = {0};
    tl->al = al;
    tl->nal = al ? nal : 0;
    tokenize(tl, cell);
    size_t i = 0;
    while (i < tl->n && !o.oom) {
        if (tl->t[i].type == T_HARD || tl->t[i].type == T_SOFT) {
            i++;
            continue;
        }
        enum um_group g1, g2;
        size_t e = dept_list(&o, tl, i);
        if (e) {
            i = e;
            continue;
        }
        e = match_group(tl, i, &g1, &g2);
        if (e) {
            emit_group(&o, tl, i, e, g1, g2);
            i = e;
            continue;
        }
        i = one_unit(&o, tl, i);
    }
    free(tl);
    if (o.oom) {
        unitmatch_free(o.r, o.n);
        return -1;
    }
    *out = o.r;
    *n = o.n;
    return 0;
}

void unitmatch_free(struct um_ref *refs, size_t n) {
    if (!refs) return;
    for (size_t i = 0; i < n; i++) free(refs[i].text);
    free(refs);
}

const char *unitmatch_group_name(enum um_group g) {
    switch (g) {
    case UM_DEPARTMENTS:
        return "departments";
    case UM_DISTRICTS:
        return "districts";
    case UM_COMMUNES:
        return "communes";
    case UM_RELATED:
        return "related";
    default:
        return NULL;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Resolution                                                                                  */

#define MAXW 48

/* A name as words for matching: folded, "và" and (...) dropped, UBND/VP/TP spelled out. */
struct words {
    char w[MAXW][WORDMAX];
    int upper[MAXW];
    size_t n;
    char key1[MAXW * WORDMAX]; /* all words */
    char key2[MAXW * WORDMAX]; /* without a leading "uy ban nhan dan" and a final "tinh" */
};

static void add_word(struct words *ws, const char *w, int upper) {
    if (ws->n >= MAXW) return;
    snprintf(ws->w[ws->n], WORDMAX, "%s", w);
    ws->upper[ws->n++] = upper;
}

static void expand(struct words *ws, const struct tok *t) {
    static const char *const AB[][2] = {{"ubnd", "uy ban nhan dan"},
                                        {"hdnd", "hoi dong nhan dan"},
                                        {"vp", "van phong"},
                                        {"tp", "thanh pho"},
                                        {"tx", "thi xa"},
                                        {"ubmttq", "uy ban mat tran to quoc"}};
    for (size_t a = 0; a < sizeof AB / sizeof *AB; a++) {
        if (strcmp(t->w, AB[a][0])) continue;
        char buf[WORDMAX];
        for (const char *p = AB[a][1]; *p;) {
            size_t l = strcspn(p, " ");
            snprintf(buf, sizeof buf, "%.*s", (int)l, p);
            add_word(ws, buf, 0);
            p += l + (p[l] == ' ');
        }
        return;
    }
    add_word(ws, t->w, t->upper);
}

static void join(char *dst, size_t cap, char w[][WORDMAX], size_t from, size_t to) {
    size_t o = 0;
    dst[0] = 0;
    for (size_t i = from; i < to; i++) {
        size_t l = strlen(w[i]);
        if (o + l + 2 > cap) break;
        if (o) dst[o++] = ' ';
        memcpy(dst + o, w[i], l + 1);
        o += l;
    }
}

/* tl is scratch space for the tokens (too large for the stack). */
static void name_words(const char *s, struct words *ws, struct toks *tl) {
    tokenize(tl, s);
    ws->n = 0;
    size_t k = skip_titles(tl, 0);
    size_t c = eat(tl, k, "cac");
    for (size_t i = c ? c : k; i < tl->n; i++)
        if (tl->t[i].type == T_WORD) expand(ws, &tl->t[i]);
    join(ws->key1, sizeof ws->key1, ws->w, 0, ws->n);
    size_t from = 0, to = ws->n;
    if (to >= 4 && !strcmp(ws->w[0], "uy") && !strcmp(ws->w[1], "ban") &&
        !strcmp(ws->w[2], "nhan") && !strcmp(ws->w[3], "dan"))
        from = 4;
    if (to > from + 1 && !strcmp(ws->w[to - 1], "tinh")) to--;
    join(ws->key2, sizeof ws->key2, ws->w, from, to);
}

/* Ref words against unit words; a capitalised ref word may stand for the initials of several. */
static int acro_match(const struct words *r, size_t ri, const struct words *u, size_t ui) {
    if (ri == r->n) return ui == u->n || (ui + 1 == u->n && !strcmp(u->w[ui], "tinh"));
    if (ui == u->n) return ri + 1 == r->n && !strcmp(r->w[ri], "tinh");
    if (!strcmp(r->w[ri], u->w[ui]) && acro_match(r, ri + 1, u, ui + 1)) return 1;
    size_t L = strlen(r->w[ri]);
    if (!r->upper[ri] || L < 2 || ui + L > u->n) return 0;
    for (size_t k = 0; k < L; k++)
        if (u->w[ui + k][0] != r->w[ri][k]) return 0;
    return acro_match(r, ri + 1, u, ui + L);
}

static int eq_ci_trim(const char *a, const char *b) {
    while (*a == ' ') a++;
    size_t la = strlen(a);
    while (la && a[la - 1] == ' ') la--;
    return strlen(b) == la && !strncmp(a, b, la);
}

/* Rule `tier` says ref r names unit u (see unitmatch_resolve for the order). */
static int tier_match(int tier, const char *text, const struct words *r, const struct um_unit *u,
                      const struct words *uw, struct toks *tl) {
    switch (tier) {
    case 0:
        return u->name && eq_ci_trim(text, u->name);
    case 1:
        if (u->code && *u->code && r->n == 1) {
            struct words cw;
            name_words(u->code, &cw, tl);
            if (!strcmp(cw.key1, r->key1)) return 1;
        }
        return r->key1[0] && !strcmp(r->key1, uw->key1);
    case 2:
        return r->key2[0] && strchr(r->key2, ' ') && !strcmp(r->key2, uw->key2);
    default:
        return r->n && acro_match(r, 0, uw, 0);
    }
}

/* Scratch space for resolving, allocated once per call of unitmatch_resolve. */
struct scratch {
    struct toks tl;
    struct words r;
};

/* An office outside the plan owner's subtree: never what a plan means by its short name. */
static int is_far_office(const struct um_unit *u) {
    return !u->near && u->level && strcmp(u->level, "office") == 0;
}

static long long resolve_one(const char *text, const struct um_unit *units, size_t nunits,
                             const struct words *uw, struct scratch *sc) {
    struct words *r = &sc->r;
    long long found = 0;
    name_words(text, r, &sc->tl);
    for (int tier = 0; tier < 4 && !found; tier++) {
        int ambiguous = 0, near_ambiguous = 0, depth = 0;
        long long near = 0;
        for (size_t u = 0; u < nunits; u++) {
            const struct um_unit *c = &units[u];
            if (is_far_office(c) || !tier_match(tier, text, r, c, &uw[u], &sc->tl)) continue;
            if (found && found != c->id) ambiguous = 1;
            found = c->id;
            if (!c->near || (depth && c->near > depth)) continue;
            if (depth != c->near) { /* the first this near: it stands alone so far */
                near = c->id;
                depth = c->near;
                near_ambiguous = 0;
            } else if (near != c->id) {
                near_ambiguous = 1;
            }
        }
        if (ambiguous) {
            /* two candidates: the nearest below the plan's owner, else leave it to a person */
            found = near && !near_ambiguous ? near : 0;
            break;
        }
    }
    return found;
}

/* The group a whole text names (UM_NONE when it names none, or two). */
static enum um_group whole_group(struct toks *tl, const char *text) {
    enum um_group g1, g2;
    tokenize(tl, text);
    size_t e = match_group(tl, 0, &g1, &g2);
    return e && e >= tl->n && g2 == UM_NONE ? g1 : UM_NONE;
}

/* Resolves ref through the alias it is written as, if any: 1 when that settled it. */
static int resolve_by_alias(struct um_ref *ref, const struct um_unit *units, size_t nunits,
                            const struct words *uw, struct scratch *sc, const struct um_alias *al,
                            size_t nal) {
    char key[MAXW * WORDMAX];
    name_words(ref->text, &sc->r, &sc->tl);
    memcpy(key, sc->r.key1, sizeof key);
    for (size_t a = 0; a < nal && key[0]; a++) {
        if (!al[a].alias || !al[a].name) continue;
        name_words(al[a].alias, &sc->r, &sc->tl);
        if (strcmp(key, sc->r.key1)) continue;
        enum um_group g = whole_group(&sc->tl, al[a].name);
        long long id = g == UM_NONE ? resolve_one(al[a].name, units, nunits, uw, sc) : 0;
        if (g == UM_NONE && !id) return 0;
        ref->group = g;
        ref->unit_id = id;
        ref->via_alias = (int)a + 1;
        return 1;
    }
    return 0;
}

int unitmatch_resolve(struct um_ref *refs, size_t n, const struct um_unit *units, size_t nunits) {
    return unitmatch_resolve_aliased(refs, n, units, nunits, NULL, 0);
}

int unitmatch_resolve_aliased(struct um_ref *refs, size_t n, const struct um_unit *units,
                              size_t nunits, const struct um_alias *al, size_t nal) {
    if (!refs || !n) return 0;
    if (nunits > SIZE_MAX / sizeof(struct words)) return -1;
    struct words *uw = mem_realloc(NULL, (nunits ? nunits : 1) * sizeof *uw);
    struct scratch *sc = mem_realloc(NULL, sizeof *sc);
    if (!uw || !sc) {
        free(uw);
        free(sc);
        return -1;
    }
    struct toks *tl = &sc->tl;
    tl->al = NULL;
    tl->nal = 0;
    for (size_t u = 0; u < nunits; u++) name_words(units[u].name ? units[u].name : "", &uw[u], tl);
    for (size_t i = 0; i < n; i++) {
        refs[i].unit_id = 0;
        refs[i].via_alias = 0;
        if (!refs[i].text) continue;
        /* the document's own definitions come first: it says what its short names mean */
        if (al && resolve_by_alias(&refs[i], units, nunits, uw, sc, al, nal)) continue;
        if (refs[i].group == UM_NONE) refs[i].group = whole_group(tl, refs[i].text);
        if (refs[i].group == UM_NONE)
            refs[i].unit_id = resolve_one(refs[i].text, units, nunits, uw, sc);
    }
    free(sc);
    free(uw);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Aliases the document defines                                                                */

#define ALIAS_MAX   120 /* longer "aliases" are prose, not a short name */
#define NAME_WINDOW 600 /* bytes looked back for the unit an alias stands for */

/* HTML block tags end a sentence; other tags just vanish. */
static int block_tag(const char *s, size_t len) {
    static const char *const B[] = {"p",  "br", "td", "th", "tr", "li", "div", "h1",
                                    "h2", "h3", "h4", "h5", "h6", "ul", "ol",  "table"};
    size_t i = 1 + (len > 1 && s[1] == '/'), st = i;
    while (i < len && isalnum((unsigned char)s[i])) i++;
    for (size_t k = 0; k < sizeof B / sizeof *B; k++)
        if (i - st == strlen(B[k]) && !strncasecmp(s + st, B[k], i - st)) return 1;
    return 0;
}

/* The document as plain text (never longer): tags dropped, block tags made line breaks, the
 * entities a converter writes decoded. malloc'd; NULL when memory ran out. */
static char *plain_text(const char *doc, size_t n) {
    static const char *const ENT[][2] = {{"&amp;", "&"}, {"&nbsp;", " "}, {"&#160;", " "},
                                         {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
                                         {"&#39;", "'"}};
    char *o = mem_realloc(NULL, n + 1);
    size_t k = 0, i = 0;
    if (!o) return NULL;
    while (i < n) {
        const char *gt = doc[i] == '<' ? memchr(doc + i, '>', n - i < 512 ? n - i : 512) : NULL;
        size_t e;
        if (gt && i + 1 < n && (isalpha((unsigned char)doc[i + 1]) || doc[i + 1] == '/')) {
            if (block_tag(doc + i, (size_t)(gt - doc - i))) o[k++] = '\n';
            i = (size_t)(gt - doc) + 1;
            continue;
        }
        for (e = 0; doc[i] == '&' && e < sizeof ENT / sizeof *ENT; e++)
            if (!strncmp(doc + i, ENT[e][0], strlen(ENT[e][0]))) break;
        if (doc[i] == '&' && e < sizeof ENT / sizeof *ENT) {
            o[k++] = ENT[e][1][0];
            i += strlen(ENT[e][0]);
            continue;
        }
        o[k++] = doc[i] ? doc[i] : ' ';
        i++;
    }
    o[k] = 0;
    return o;
}

struct word {
    size_t s, e;     /* bytes */
    int joined;      /* only blanks between it and the word before */
    char w[WORDMAX]; /* folded */
};

/* The next word at or after *i (letters and marks, folded): 1, or 0 at the end. */
static int next_word(const char *s, size_t n, size_t *i, struct word *w) {
    size_t j = *i, o = 0;
    int blank = 1;
    while (j < n) {
        size_t k = j;
        uint32_t cp = utf8_next(s, n, &k);
        if (vnfold_letter(cp)) break;
        if (s[j] != ' ' && s[j] != '\t') blank = 0;
        j = k;
    }
    if (j >= n) return 0;
    w->s = j;
    w->joined = blank;
    while (j < n) {
        size_t k = j;
        uint32_t cp = utf8_next(s, n, &k);
        char c = vnfold_letter(cp);
        if (!c && !(cp >= 0x300 && cp <= 0x36F)) break;
        if (c && o < WORDMAX - 1) w->w[o++] = c;
        j = k;
    }
    w->w[o] = 0;
    w->e = *i = j;
    return 1;
}

/* Trigger phrases, folded; "colon" ones count only before a ':' ("viết tắt: Sở TTTT"). */
static const struct {
    const char *words;
    int colon;
} TRIGGERS[] = {{"sau day goi tat la", 0},
                {"sau day viet tat la", 0},
                {"sau day goi chung la", 0},
                {"sau day goi la", 0},
                {"goi tat la", 0},
                {"viet tat la", 0},
                {"goi chung la", 0},
                {"goi tat", 1},
                {"viet tat", 1}};

#define RING 8

/* Whether the last words of the ring (newest at t) spell pat, joined by blanks: its first word's
 * ring position, or -1. */
static long ring_match(const struct word *ring, long t, const char *pat) {
    size_t m = 1;
    for (const char *p = pat; *p; p++) m += *p == ' ';
    if ((long)m > t + 1) return -1;
    const char *p = pat;
    for (long k = t - (long)m + 1; k <= t; k++) {
        size_t l = strcspn(p, " ");
        const struct word *w = &ring[k % RING];
        if (strlen(w->w) != l || memcmp(w->w, p, l) || (k > t - (long)m + 1 && !w->joined))
            return -1;
        p += l + (p[l] == ' ');
    }
    return t - (long)m + 1;
}

static int is_quote(const char *s, size_t n, size_t i, size_t *len) {
    static const char *const Q[] = {"\"",           "'",        "\xE2\x80\x9C",
                                    "\xE2\x80\x9D", "\xC2\xAB", "\xC2\xBB"};
    for (size_t k = 0; k < sizeof Q / sizeof *Q; k++) {
        size_t l = strlen(Q[k]);
        if (i + l <= n && !memcmp(s + i, Q[k], l)) {
            *len = l;
            return 1;
        }
    }
    return 0;
}

/* The alias after a trigger ending at i: [*a, *b), or 0 when there is none. Inside parentheses
 * it runs to the ')' ("gọi chung là các cơ quan, đơn vị"), else to a comma or a full stop. */
static int alias_span(const char *s, size_t n, size_t i, int paren, size_t *a, size_t *b) {
    size_t q;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ':' || is_quote(s, n, i, &q)))
        i += s[i] == ' ' || s[i] == '\t' || s[i] == ':' ? 1 : q;
    size_t j = i;
    while (j < n && !strchr(paren ? ")\n\r" : ")\n\r;,", s[j]) && !is_quote(s, n, j, &q) &&
           !(!paren && s[j] == '.' && (j + 1 >= n || strchr(" \n\r)", s[j + 1]))))
        j++;
    while (j > i && (s[j - 1] == ' ' || s[j - 1] == '\t')) j--;
    *a = i;
    *b = j;
    return j > i && j - i <= ALIAS_MAX;
}

/* Type words that also occur inside a longer name ("Văn phòng UBND tỉnh", "Phòng Tư pháp
 * huyện X"): a candidate start there yields to the candidate before it. */
static int inner_word(const struct toks *tl, size_t k) {
    static const char *const I[] = {"ubnd",      "uy ban", "hdnd",     "hoi dong", "huyen",
                                    "thanh pho", "thi xa", "thi tran", "phuong",   "cac"};
    return eat_any(tl, k, I, sizeof I / sizeof *I) != 0;
}

/* Only words, "và" and dashes between tokens a and b: one name may span them. */
static int same_name(const struct toks *tl, size_t a, size_t b) {
    for (size_t k = a + 1; k < b; k++)
        if (tl->t[k].type != T_WORD &&
            !(tl->t[k].type == T_SOFT && (tl->t[k].sep == 'v' || tl->t[k].sep == '-')))
            return 0;
    return 1;
}

/* The token where the unit named at the end of the tokens starts, or -1 when none is. */
static long name_start(const struct toks *tl) {
    size_t cand[MAXTOK], nc = 0, skip = 0;
    for (size_t k = 0; k < tl->n; k++) {
        enum um_group g1, g2;
        if (tl->t[k].type != T_WORD) continue;
        if (match_group(tl, k, &g1, &g2) >= tl->n) return (long)k; /* a group to the end */
        size_t r =
            k >= skip ? eat_any(tl, k, TYPE_WORDS, sizeof TYPE_WORDS / sizeof *TYPE_WORDS) : 0;
        if (r && r < tl->n && (tl->t[r].type == T_WORD || tl->t[r].type == T_PAREN)) {
            cand[nc++] = k;
            skip = r; /* "Văn phòng": not "phòng" again */
        }
    }
    if (!nc) return -1;
    size_t c = nc - 1;
    while (c > 0 && inner_word(tl, cand[c]) && same_name(tl, cand[c - 1], cand[c])) c--;
    return (long)cand[c];
}

struct alias_scan {
    struct toks tl;
    struct words w;
    char seg[NAME_WINDOW + 1];
    struct um_alias *a;
    size_t n, cap;
    int oom;
};

/* The name of the unit that ends at byte e of s: malloc'd into *out (NULL when there is none). */
static void unit_before(struct alias_scan *sc, const char *s, size_t e, char **out) {
    size_t b = e;
    *out = NULL;
    while (b > 0 && e - b < NAME_WINDOW && !strchr("\n\r.;:()\t|", s[b - 1])) b--;
    while (b < e && ((unsigned char)s[b] & 0xC0) == 0x80) b++; /* a cut character */
    memcpy(sc->seg, s + b, e - b);
    sc->seg[e - b] = 0;
    tokenize(&sc->tl, sc->seg);
    long k = name_start(&sc->tl);
    if (k < 0) return;
    const char *from = sc->seg + sc->tl.t[k].s;
    size_t len = strlen(from);
    while (len && strchr(" \t,.;:-", from[len - 1])) len--;
    if (len && !(*out = mem_strndup(from, len))) sc->oom = 1;
}

/* The folded words of text, as eat() matches them ("Sở TT&TT" -> "so tt tt"). */
static char *alias_key(struct alias_scan *sc, const char *text) {
    char buf[MAXTOK * 2];
    size_t o = 0;
    tokenize(&sc->tl, text);
    for (size_t k = 0; k < sc->tl.n; k++) {
        size_t l = strlen(sc->tl.t[k].w);
        if (sc->tl.t[k].type != T_WORD || o + l + 2 > sizeof buf) continue;
        if (o) buf[o++] = ' ';
        memcpy(buf + o, sc->tl.t[k].w, l);
        o += l;
    }
    buf[o] = 0;
    char *r = mem_strndup(buf, o);
    if (!r) sc->oom = 1;
    return r;
}

/* Adds alias -> name (both malloc'd, taken over); a second, different name drops the alias. */
static void add_alias(struct alias_scan *sc, char *alias, char *name) {
    char *key = alias && name ? alias_key(sc, alias) : NULL;
    if (!key || !*key) goto drop;
    for (size_t i = 0; i < sc->n; i++) {
        if (strcmp(sc->a[i].key, key)) continue;
        name_words(name, &sc->w, &sc->tl);
        char mine[sizeof sc->w.key1];
        memcpy(mine, sc->w.key1, sizeof mine);
        if (sc->a[i].name) name_words(sc->a[i].name, &sc->w, &sc->tl);
        if (!sc->a[i].name || strcmp(mine, sc->w.key1)) {
            free(sc->a[i].name); /* two meanings: leave it to the person */
            sc->a[i].name = NULL;
        }
        goto drop;
    }
    if (MEM_GROW(sc->a, sc->n, sc->cap) < 0) {
        sc->oom = 1;
        goto drop;
    }
    sc->a[sc->n++] = (struct um_alias){alias, name, key};
    return;
drop:
    free(key);
    free(alias);
    free(name);
}

/* A definition whose trigger spans [ts, te) of s. */
static void definition(struct alias_scan *sc, const char *s, size_t n, size_t ts, size_t te) {
    size_t a, b, e = ts;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    if (!alias_span(s, n, te, e > 0 && s[e - 1] == '(', &a, &b)) return;
    if (e > 0 && (s[e - 1] == '(' || s[e - 1] == ',')) e--;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    char *name;
    unit_before(sc, s, e, &name);
    if (!name) return;
    char *alias = mem_strndup(s + a, b - a);
    if (!alias) sc->oom = 1;
    add_alias(sc, alias, name);
}

static void scan_definitions(struct alias_scan *sc, const char *s, size_t n) {
    struct word ring[RING];
    size_t i = 0;
    for (long t = 0; !sc->oom && next_word(s, n, &i, &ring[t % RING]); t++) {
        for (size_t k = 0; k < sizeof TRIGGERS / sizeof *TRIGGERS; k++) {
            long f = ring_match(ring, t, TRIGGERS[k].words);
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
            if (f < 0 || (TRIGGERS[k].colon && (j >= n || s[j] != ':'))) continue;
            definition(sc, s, n, ring[f % RING].s, ring[t % RING].e);
            break;
        }
    }
}

int unitmatch_aliases(const char *doc, size_t len, struct um_alias **out, size_t *n) {
    if (!doc || !out || !n) return -1;
    *out = NULL;
    *n = 0;
    char *text = plain_text(doc, len);
    struct alias_scan *sc = text ? mem_realloc(NULL, sizeof *sc) : NULL;
    if (!sc) {
        free(text);
        return -1;
    }
    sc->a = NULL;
    sc->n = sc->cap = 0;
    sc->oom = 0;
    sc->tl.al = NULL;
    sc->tl.nal = 0;
    scan_definitions(sc, text, strlen(text));
    free(text);
    size_t k = 0; /* drop the aliases that got two meanings */
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->a[i].name)
            sc->a[k++] = sc->a[i];
        else
            free(sc->a[i].alias), free(sc->a[i].key);
    }
    int oom = sc->oom;
    struct um_alias *a = sc->a;
    free(sc);
    if (oom) {
        unitmatch_aliases_free(a, k);
        return -1;
    }
    *out = k ? a : NULL;
    if (!k) free(a);
    *n = k;
    return 0;
}

void unitmatch_aliases_free(struct um_alias *a, size_t n) {
    if (!a) return;
    for (size_t i = 0; i < n; i++) {
        free(a[i].alias);
        free(a[i].name);
        free(a[i].key);
    }
    free(a);
}
