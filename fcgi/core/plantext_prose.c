/* plantext_prose: the prose front-end: numbered sections and tasks ("I. ...", "1. ...", "- ...")
 * with "Cơ quan chủ trì: ..." attribute lines, from text or from HTML paragraphs. */
#include "core/plantext_internal.h"
#include "lib/mem.h"

#include <stdlib.h>
#include <string.h>

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
    char k[48]; /* at most 40 bytes before the colon; folding never makes text longer */
    pt_fold_key(s, (size_t)(colon - s), k, sizeof k);
    int field = -1;
    for (size_t i = 0; i < sizeof ATTRS / sizeof *ATTRS && field < 0; i++)
        if (!strcmp(k, ATTRS[i].key)) field = ATTRS[i].field;
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

/* Appends id to a list of task ids; on failure marks the parse out of memory. */
static void push_id(struct ctx *c, int **ids, size_t *n, size_t *cap, int id) {
    if (mem_grow((void **)ids, *n, cap, sizeof **ids) < 0) {
        c->oom = 1;
        return;
    }
    (*ids)[(*n)++] = id;
}

/*
 * Attribute lines apply to the items written since the previous block (not to a "1." heading
 * that has items of its own), else to the heading itself.
 */
static void attr_targets(struct ctx *c, struct prose *p) {
    p->ntgt = 0;
    for (size_t i = 0; i < p->npend; i++) {
        if (c->t[p->pend[i]].kind == K_HEAD && c->t[p->pend[i]].nchild) continue;
        push_id(c, &p->tgt, &p->ntgt, &p->captgt, p->pend[i]);
    }
    if (!p->ntgt && p->heading >= 0) push_id(c, &p->tgt, &p->ntgt, &p->captgt, p->heading);
}

static void attr_apply(struct ctx *c, struct prose *p, int field, const char *v) {
    if (!p->ntgt && c->cur >= 0) {
        pt_field_join(&c->sec[c->cur].def[field], v, pt_unit_field(field)); /* section-wide */
        return;
    }
    for (size_t i = 0; i < p->ntgt; i++)
        pt_field_join(&c->t[p->tgt[i]].f[field], v, pt_unit_field(field));
}

/* Where in v the next "; <label>:" starts (NULL if none), its field and value offset. */
static const char *next_attr(const char *v, int *nf, size_t *nv) {
    *nf = -1;
    for (const char *q = v; *q; q++) {
        if (*q != ';' && *q != '.' && *q != ',') continue;
        const char *r = q + 1;
        while (*r == ' ') r++;
        *nf = attr_at(r, nv);
        if (*nf >= 0) return q;
    }
    return NULL;
}

/* "Cơ quan chủ trì: A; Thời gian: Quý I" -> two attributes. */
static void attr_line(struct ctx *c, struct prose *p, int field, const char *v) {
    while (!c->oom) {
        size_t nv = 0;
        int nf;
        const char *next = next_attr(v, &nf, &nv);
        char *one = mem_strndup(v, next ? (size_t)(next - v) : strlen(v));
        char *cl = one ? pt_clean_cell(one, strlen(one), 0) : NULL;
        if (cl)
            attr_apply(c, p, field, cl);
        else
            c->oom = 1;
        free(cl);
        free(one);
        if (!next) return;
        v = next + 1;
        while (*v == ' ') v++;
        v += nv;
        field = nf;
    }
}

static void prose_new_task(struct ctx *c, struct prose *p, int id) {
    if (p->in_attrs) p->npend = 0;
    p->in_attrs = 0;
    push_id(c, &p->pend, &p->npend, &p->cappend, id);
}

/* A line that is no attribute: a section heading, a wrapped task line, or a new task. */
static void task_line(struct ctx *c, struct prose *p, const char *s) {
    struct label lb;
    pt_parse_label(s, &lb, 0);
    if (lb.kind == L_ROMAN || lb.kind == L_ULETTER) {
        pt_new_section(c, lb.num, s + lb.rest);
        p->heading = -1;
        p->npend = p->ntgt = 0;
        p->in_attrs = 0;
        return;
    }
    if (lb.kind == L_NONE && c->last >= 0 && !p->prev_blank && !p->in_attrs && pt_starts_lower(s)) {
        pt_field_join(&c->t[c->last].f[F_TITLE], s, 0); /* wrapped task line */
        return;
    }
    int kind = lb.kind == L_NUM && lb.depth == 0 ? K_HEAD : lb.kind == L_NONE ? K_PLAIN : K_ITEM;
    if (lb.kind == L_NONE) {
        lb.kind = L_BULLET; /* a plain paragraph sits where a "-" item would */
        lb.num[0] = '-';
    }
    int id = pt_attach(c, &lb, kind);
    if (id < 0) return;
    buf_puts(&c->t[id].f[F_TITLE], s + lb.rest);
    if (kind == K_HEAD) {
        p->heading = id;
        p->npend = 0;
        p->in_attrs = 0;
    }
    prose_new_task(c, p, id);
}

static void prose_line(struct ctx *c, struct prose *p, const char *s) {
    size_t off = (size_t)pt_bullet_len(s), val;
    while (s[off] == ' ') off++;
    int field = attr_at(s + off, &val);
    if (field >= 0) {
        if (!p->in_attrs) attr_targets(c, p);
        p->in_attrs = 1;
        attr_line(c, p, field, s + off + val);
        p->cont = s[off + val] ? -1 : field;
        return;
    }
    if (p->cont >= 0 && !p->prev_blank && (pt_bullet_len(s) || pt_starts_lower(s))) {
        attr_apply(c, p, p->cont, s);
        return;
    }
    p->cont = -1;
    task_line(c, p, s);
}

static int has_attr(const struct btask *t) {
    return t->f[F_OUTPUT].len || t->f[F_LEAD].len || t->f[F_COOP].len || t->f[F_TIME].len;
}

/*
 * "1. Công khai TTHC" followed by one plain paragraph and its attribute lines: the paragraph
 * describes the numbered task, it is no item of its own. The task takes its text after a colon
 * and its attributes.
 */
static void fold_description(struct ctx *c) {
    for (size_t i = 0; i < c->nt; i++) {
        struct btask *t = &c->t[i];
        if (t->kind != K_HEAD || t->nchild != 1) continue;
        struct btask *d = &c->t[t->first];
        if (d->kind != K_PLAIN || d->nchild || !has_attr(d)) continue;
        buf_puts(&t->f[F_TITLE], ": ");
        buf_puts(&t->f[F_TITLE], buf_cstr(&d->f[F_TITLE]));
        for (int f = F_OUTPUT; f < NF; f++)
            if (!t->f[f].len) buf_puts(&t->f[f], buf_cstr(&d->f[f]));
        d->dead = 1;
    }
}

/*
 * After prose parsing: tasks inherit what their heading or section said for all of them,
 * paragraphs that got no attribute are dropped (they were explanations), and sections without
 * any attribute at all (Mục đích, yêu cầu; Tổ chức thực hiện) are dropped.
 */
static void prose_finish(struct ctx *c) {
    fold_description(c);
    for (size_t i = 0; i < c->nt; i++) {
        struct btask *t = &c->t[i];
        for (int f = 1; f < NF; f++) {
            struct buf *from = t->parent >= 0 ? &c->t[t->parent].f[f] : &c->sec[t->sec].def[f];
            if (t->f[f].len || !from->len) continue;
            buf_puts(&t->f[f], buf_cstr(from));
            if (f == F_LEAD || f == F_TIME) t->doubts |= PT_D_INHERITED;
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

void pt_parse_prose(struct ctx *c, char **lines, size_t n) {
    struct prose p = {.heading = -1, .cont = -1, .prev_blank = 1};
    c->cur = -1;
    for (size_t i = 0; i < n && !c->oom; i++) {
        char *s = pt_prose_clean(lines[i], strlen(lines[i]));
        if (!s) {
            c->oom = 1;
        } else if (!s[0]) {
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

/* "PHỤ LỤC ..." / "Phụ lục: ..." opening a line (the appendix of a mixed document). */
static int appendix_line(const char *s) {
    char k[64];
    pt_fold_key(s, strlen(s) < 60 ? strlen(s) : 60, k, sizeof k);
    return pt_starts_words(k, "phu luc");
}

void pt_prose_before_table(struct ctx *c, char **lines, size_t n) {
    size_t had = c->nt;
    pt_parse_prose(c, lines, n);
    size_t live = 0;
    for (size_t i = had; i < c->nt; i++) live += !c->t[i].dead && !c->sec[c->t[i].sec].dead;
    if (!live || c->oom) {
        c->cur = c->last = -1; /* the table's rows must not land in a dropped prose section */
        c->depth = 0;
        return;
    }
    const char *title = "Phụ lục";
    char *found = NULL;
    size_t at = n;
    for (size_t i = n; i-- > 0 && !found;) {
        char *s = pt_prose_clean(lines[i], strlen(lines[i]));
        if (!s) {
            c->oom = 1;
            return;
        }
        if (appendix_line(s))
            found = s, at = i;
        else
            free(s);
    }
    /* "PHỤ LỤC" (or "Phụ lục I") alone: the capitals under it name the list */
    for (size_t i = at + 1; found && pt_count_words(found) <= 3 && i < n && !c->oom; i++) {
        char *s = pt_prose_clean(lines[i], strlen(lines[i]));
        if (!s) c->oom = 1;
        if (s && s[0] && pt_upper_share(s) >= 80) {
            char *both = mem_realloc(found, strlen(found) + strlen(s) + 2);
            if (both)
                found = both, strcat(strcat(found, " "), s);
            else
                c->oom = 1;
        }
        int done = s && s[0];
        free(s);
        if (done) break;
    }
    if (pt_new_section(c, NULL, found ? found : title) >= 0) c->sec[c->cur].soft = 1;
    free(found);
}

size_t pt_first_heading(struct ctx *c, char **lines, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char *s = pt_prose_clean(lines[i], strlen(lines[i]));
        if (!s) {
            c->oom = 1;
            return n;
        }
        struct label lb;
        int h = pt_parse_upper_label(s, &lb, 0);
        free(s);
        if (h) return i;
    }
    return n;
}
