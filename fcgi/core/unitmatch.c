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
    if (!r) return 0;
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

/* Does a new unit start at token k (a unit word followed by a name, or a group)? */
static int starts_unit(const struct toks *tl, size_t k) {
    enum um_group g1, g2;
    if (match_group(tl, k, &g1, &g2)) return 1;
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
    o->r[o->n++] = (struct um_ref){t, 0, g};
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
    if (!cell || !out || !n) return -1;
    *out = NULL;
    *n = 0;
    struct toks *tl = mem_realloc(NULL, sizeof *tl);
    if (!tl) return -1;
    struct refs o = {0};
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

static long long resolve_one(const char *text, const struct um_unit *units, size_t nunits,
                             const struct words *uw, struct scratch *sc) {
    struct words *r = &sc->r;
    long long found = 0;
    name_words(text, r, &sc->tl);
    for (int tier = 0; tier < 4 && !found; tier++) {
        int ambiguous = 0;
        for (size_t u = 0; u < nunits; u++) {
            if (!tier_match(tier, text, r, &units[u], &uw[u], &sc->tl)) continue;
            if (found && found != units[u].id) ambiguous = 1;
            found = units[u].id;
        }
        if (ambiguous) {
            found = 0; /* two candidates: leave it to a person */
            break;
        }
    }
    return found;
}

int unitmatch_resolve(struct um_ref *refs, size_t n, const struct um_unit *units, size_t nunits) {
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
    for (size_t u = 0; u < nunits; u++) name_words(units[u].name ? units[u].name : "", &uw[u], tl);
    for (size_t i = 0; i < n; i++) {
        refs[i].unit_id = 0;
        if (!refs[i].text) continue;
        if (refs[i].group == UM_NONE) {
            enum um_group g1, g2;
            tokenize(tl, refs[i].text);
            size_t e = match_group(tl, 0, &g1, &g2);
            if (e && e >= tl->n && g2 == UM_NONE) refs[i].group = g1;
        }
        if (refs[i].group == UM_NONE)
            refs[i].unit_id = resolve_one(refs[i].text, units, nunits, uw, sc);
    }
    free(sc);
    free(uw);
    return 0;
}
