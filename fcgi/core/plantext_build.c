/* plantext_build: the plan being built from rows and lines (sections, tasks, warnings), its title,
 * and the finished struct pt_plan. Shared by the HTML, text and prose front-ends. */
#include "core/plantext_internal.h"
#include "core/vnfold.h"
#include "lib/mem.h"
#include "lib/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Sections and tasks: flat arrays, linked into a tree at the end                              */

void pt_ctx_init(struct ctx *c) {
    memset(c, 0, sizeof *c);
    c->cur = c->last = -1;
}

/* A malloc'd copy of a non-empty number, NULL for none (or, with c->oom set, no memory). */
static char *dup_number(struct ctx *c, const char *number) {
    if (!number || !*number) return NULL;
    char *d = mem_strndup(number, strlen(number));
    if (!d) c->oom = 1;
    return d;
}

int pt_new_section(struct ctx *c, const char *number, const char *title) {
    if (MEM_GROW(c->sec, c->nsec, c->capsec) < 0) {
        c->oom = 1;
        return -1;
    }
    struct bsec *s = &c->sec[c->nsec];
    memset(s, 0, sizeof *s);
    s->number = dup_number(c, number);
    buf_puts(&s->title, title ? title : "");
    s->first = s->last = -1;
    c->cur = (int)c->nsec++;
    c->last = -1;
    c->depth = 0;
    return c->cur;
}

int pt_new_task(struct ctx *c, int parent, const char *number, int kind) {
    if (c->cur < 0 && pt_new_section(c, NULL, "") < 0) return -1;
    if (MEM_GROW(c->t, c->nt, c->capt) < 0) {
        c->oom = 1;
        return -1;
    }
    int id = (int)c->nt++;
    struct btask *t = &c->t[id];
    memset(t, 0, sizeof *t);
    t->number = dup_number(c, number);
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

int pt_attach(struct ctx *c, const struct label *lb, int kind) {
    int d = pick_parent(c, lb);
    int parent = d > 0 ? c->stack[d - 1] : -1;
    const char *num = lb->kind == L_BULLET || lb->kind == L_NONE ? NULL : lb->num;
    int id = pt_new_task(c, parent, num, kind);
    if (id < 0) return -1;
    c->t[id].mark = lb->kind == L_BULLET ? lb->num[0] : 0;
    c->stack[d] = id;
    c->depth = d + 1;
    return id;
}

/* ------------------------------------------------------------------------------------------ */
/* Warnings and fields                                                                         */

/* Where a task sits, for warnings: "Mục II, nhiệm vụ 3, ý a". */
static void task_where(struct ctx *c, int id, struct buf *out) {
    int chain[16], n = 0;
    for (int p = id; p >= 0 && n < 16; p = c->t[p].parent) chain[n++] = p;
    const struct bsec *s = &c->sec[c->t[id].sec];
    if (s->number) {
        buf_puts(out, "Mục ");
        buf_puts(out, s->number);
        buf_puts(out, ", n");
    } else {
        buf_puts(out, "N");
    }
    buf_puts(out, "hiệm vụ ");
    for (int k = n - 1; k >= 0; k--) {
        const struct btask *t = &c->t[chain[k]];
        if (k < n - 1) buf_puts(out, t->number && strchr(t->number, '.') ? " / " : ", ý ");
        if (t->number) {
            buf_puts(out, t->number);
            continue;
        }
        int pos = 1, first = t->parent < 0 ? s->first : c->t[t->parent].first;
        for (int q = first; q >= 0 && q != chain[k]; q = c->t[q].next) pos++;
        char buf[48];
        snprintf(buf, sizeof buf, "không số (dòng thứ %d)", pos);
        buf_puts(out, buf);
    }
}

/* Stores one warning; on failure frees both texts and marks the parse out of memory. */
static void add_warning(struct ctx *c, char *where, char *message) {
    if (!where || !message || MEM_GROW(c->w, c->nw, c->capw) < 0) {
        free(where);
        free(message);
        c->oom = 1;
        return;
    }
    c->w[c->nw].where = where;
    c->w[c->nw].message = message;
    c->nw++;
}

void pt_warn(struct ctx *c, int task, const char *fmt, ...) {
    if (c->nw >= MAXWARN) {
        c->wdropped++;
        return;
    }
    struct buf where, msg;
    buf_init(&where);
    buf_init(&msg);
    if (task >= 0)
        task_where(c, task, &where);
    else if (task == -2 && c->cur >= 0 && c->sec[c->cur].number) {
        buf_puts(&where, "Mục ");
        buf_puts(&where, c->sec[c->cur].number);
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    buf_puts(&msg, buf);
    char *w = buf_detach(&where);
    add_warning(c, w, buf_detach(&msg));
}

/*
 * Appends a continuation to a field. Unit columns keep a line break unless the text goes on
 * in lower case ("UBND cấp" + "huyện"); prose columns join with a space unless the first part
 * ends a sentence or the second is a list item.
 */
void pt_field_join(struct buf *f, const char *add, int units) {
    if (!*add) return;
    if (f->len) {
        const char *had = buf_cstr(f);
        int nl = units ? (pt_ends_term(had) || !pt_starts_lower(add))
                       : (pt_ends_term(had) || pt_starts_list(add));
        buf_puts(f, nl ? "\n" : " ");
    }
    buf_puts(f, add);
}

int pt_unit_field(int f) {
    return f == F_LEAD || f == F_COOP;
}

void pt_free_lines(char **lines, size_t n) {
    for (size_t i = 0; i < n; i++) free(lines[i]);
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
    size_t n = strlen(s), i = 0;
    if (n > 300) return 0;
    char k[301]; /* folding never makes text longer */
    pt_fold_key(s, n, k, sizeof k);
    if (!pt_starts_words(k, "ke hoach")) return 0;
    int letters = 0;
    while (i < n && letters < 7) {
        uint32_t cp = utf8_next(s, n, &i);
        if (!vnfold_letter(cp)) continue;
        if (!vnfold_upper(cp)) return 0;
        letters++;
    }
    return 1;
}

/*
 * Whether the title line cl (raw as pasted) goes on with the title taken so far; *stop when the
 * title ends there. A key cut at the buffer's size still starts (or not) with "can cu".
 */
static int title_goes_on(const char *raw, const char *cl, int alone, int taken, int *stop) {
    struct label lb;
    char k[512];
    pt_fold_key(cl, strlen(cl), k, sizeof k);
    *stop = (pt_parse_label(cl, &lb, 0) && lb.kind != L_BULLET) || pt_starts_words(k, "can cu");
    const char *r = raw;
    while (*r == ' ') r++;
    int bold = r[0] == '*' && r[1] == '*';
    if (!*stop && (bold || pt_upper_share(cl) >= 80 || (alone && !taken)) && cl[0]) return 1;
    *stop = 1;
    return 0;
}

/* The heading line's text, and whether it is "KẾ HOẠCH" alone (its subject on the next lines). */
static char *heading_text(const char *line, int *alone) {
    char *h = pt_prose_clean(line, strlen(line));
    char hk[512] = ""; /* a key cut at this size is no "ke hoach" either way */
    if (h) pt_fold_key(h, strlen(h), hk, sizeof hk);
    *alone = !strcmp(hk, "ke hoach");
    return h;
}

char *pt_find_title(struct ctx *c, char **lines, size_t n) {
    int best = -1, alone;
    for (size_t i = 0; i < n; i++)
        if (is_plan_heading(lines[i])) best = (int)i;
    if (best < 0) return NULL;
    struct buf t;
    buf_init(&t);
    char *h = heading_text(lines[best], &alone);
    if (!h) t.oom = 1;
    buf_puts(&t, h ? h : "");
    free(h);
    int taken = 0, stop = 0;
    for (size_t j = (size_t)best + 1; j < n && taken < 3 && !stop && !t.oom; j++) {
        const char *raw = lines[j], *s = skip_marks(raw);
        if (!*s) continue;
        if (*s == '(' || strchr(raw, '\t') || strlen(raw) > 250) break;
        char *cl = pt_prose_clean(raw, strlen(raw));
        if (!cl) t.oom = 1;
        if (cl && title_goes_on(raw, cl, alone, taken, &stop)) {
            buf_puts(&t, " ");
            buf_puts(&t, cl);
            taken++;
        }
        free(cl);
    }
    char *title = buf_detach(&t);
    if (!title) c->oom = 1;
    return title;
}

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                     */

/* Frees the texts of warnings w[from..to). */
static void free_warnings(struct pt_warning *w, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        free(w[i].where);
        free(w[i].message);
    }
}

static void ctx_free(struct ctx *c) {
    for (size_t i = 0; i < c->nsec; i++) {
        free(c->sec[i].number);
        buf_free(&c->sec[i].title);
        for (int f = 0; f < NF; f++) buf_free(&c->sec[i].def[f]);
    }
    for (size_t i = 0; i < c->nt; i++) {
        free(c->t[i].number);
        for (int f = 0; f < NF; f++) buf_free(&c->t[i].f[f]);
    }
    free_warnings(c->w, 0, c->nw);
    free(c->sec);
    free(c->t);
    free(c->w);
    free(c->title);
}

/* A text buffer of the plan lost an append to a failed allocation. */
static int any_buf_oom(const struct ctx *c) {
    for (size_t i = 0; i < c->nsec; i++) {
        if (c->sec[i].title.oom) return 1;
        for (int f = 0; f < NF; f++)
            if (c->sec[i].def[f].oom) return 1;
    }
    for (size_t i = 0; i < c->nt; i++)
        for (int f = 0; f < NF; f++)
            if (c->t[i].f[f].oom) return 1;
    return 0;
}

/* Trimmed copy of a field; NULL when empty unless keep (and, with c->oom set, no memory). */
static char *take_field(struct ctx *c, struct buf *b, int keep) {
    const char *s = buf_cstr(b);
    size_t n = b->len;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    while (n && isspace((unsigned char)*s)) s++, n--;
    if (!n && !keep) return NULL;
    char *d = mem_strndup(s, n);
    if (!d) c->oom = 1;
    return d;
}

static size_t alive_children(struct ctx *c, int first) {
    size_t n = 0;
    for (int q = first; q >= 0; q = c->t[q].next) n += !c->t[q].dead;
    return n;
}

/* Room for n tasks, NULL for none; on failure n becomes 0 and c->oom is set. */
static struct pt_task *task_array(struct ctx *c, size_t *n) {
    struct pt_task *a = *n ? mem_realloc(NULL, *n * sizeof *a) : NULL;
    if (*n && !a) {
        *n = 0;
        c->oom = 1;
    }
    return a;
}

static void build_task(struct ctx *c, int id, struct pt_task *o) {
    struct btask *t = &c->t[id];
    o->number = t->number;
    t->number = NULL;
    o->title = take_field(c, &t->f[F_TITLE], 1);
    o->output = take_field(c, &t->f[F_OUTPUT], 0);
    o->lead = take_field(c, &t->f[F_LEAD], 0);
    o->coop = take_field(c, &t->f[F_COOP], 0);
    o->timeline = take_field(c, &t->f[F_TIME], 0);
    o->doubts = t->doubts;
    o->nchildren = alive_children(c, t->first);
    o->children = task_array(c, &o->nchildren);
    size_t k = 0;
    for (int q = t->first; q >= 0 && k < o->nchildren; q = c->t[q].next)
        if (!c->t[q].dead) build_task(c, q, &o->children[k++]);
}

/* Leaf tasks without lead unit or timeline are worth a look before saving. */
static void warn_missing(struct ctx *c) {
    for (size_t i = 0; i < c->nt; i++) {
        const struct btask *t = &c->t[i];
        if (t->dead || c->sec[t->sec].dead || alive_children(c, t->first)) continue;
        if (!t->f[F_LEAD].len) pt_warn(c, (int)i, "Chưa có đơn vị chủ trì.");
        if (!t->f[F_TIME].len) pt_warn(c, (int)i, "Chưa có thời gian thực hiện.");
    }
}

/* Keeps at most keep warnings, making room for a last one. */
static void trim_warnings(struct ctx *c, size_t keep) {
    if (c->nw <= keep) return;
    free_warnings(c->w, keep, c->nw);
    c->nw = keep;
}

/* The closing warnings: nothing found, or how many were left out. Returns the task count. */
static size_t closing_warnings(struct ctx *c) {
    size_t ntasks = 0;
    warn_missing(c);
    for (size_t i = 0; i < c->nt; i++) ntasks += !c->t[i].dead && !c->sec[c->t[i].sec].dead;
    if (!ntasks) {
        c->wdropped = 0;
        trim_warnings(c, MAXWARN - 1);
        pt_warn(c, -1,
                "Không tìm thấy nhiệm vụ nào. Hãy dán bảng kế hoạch kèm dòng tiêu đề (STT, "
                "Nhiệm vụ/Nội dung công việc, Kết quả, Chủ trì, Phối hợp, Thời gian thực "
                "hiện), hoặc các mục đánh số có dòng “Cơ quan chủ trì: …”.");
    }
    if (c->wdropped) {
        size_t d = c->wdropped;
        c->wdropped = 0;
        trim_warnings(c, MAXWARN - 1);
        pt_warn(c, -1, "Còn %zu cảnh báo khác không hiển thị.", d);
    }
    return ntasks;
}

/* Only Roman numerals: the second level of headings under "A", "B" ... */
static int roman_number(const char *n) {
    return n && *n && strspn(n, "IVXLCDM") == strlen(n);
}

static size_t live_tasks(struct ctx *c, size_t s) {
    return c->sec[s].dead ? 0 : alive_children(c, c->sec[s].first);
}

/*
 * Two-level headings: a numbered section with no task of its own, right before a section
 * numbered "I", is the group ("A. NHIỆM VỤ CHUNG") over the Roman sections that follow it; so is
 * the appendix heading of a mixed document over the appendix table's sections.
 */
static int is_group(struct ctx *c, size_t s) {
    const struct bsec *b = &c->sec[s];
    if (b->dead || (!b->number && !b->soft) || (b->number && !strcmp(b->number, "I")) ||
        live_tasks(c, s))
        return 0;
    for (size_t k = s + 1; k < c->nsec; k++) {
        if (c->sec[k].dead) continue;
        return c->sec[k].number && !strcmp(c->sec[k].number, "I");
    }
    return 0;
}

/* Moves one live section and its task tree into out, under its group (-1: none). */
static void build_section(struct ctx *c, size_t s, int group, size_t n, struct pt_plan *out) {
    struct bsec *b = &c->sec[s];
    struct pt_section *o = &out->sections[out->nsections++];
    memset(o, 0, sizeof *o);
    o->number = b->number;
    b->number = NULL;
    o->title = take_field(c, &b->title, 1);
    if (group >= 0) {
        o->group_number = dup_number(c, c->sec[group].number);
        o->group_title = take_field(c, &c->sec[group].title, 1);
    }
    o->ntasks = n;
    o->tasks = task_array(c, &o->ntasks);
    size_t k = 0;
    for (int q = b->first; q >= 0 && k < o->ntasks; q = c->t[q].next)
        if (!c->t[q].dead) build_task(c, q, &o->tasks[k++]);
}

/* Moves the live sections and their task trees into out; groups become the sections' group. */
static void build_sections(struct ctx *c, struct pt_plan *out) {
    out->sections = mem_realloc(NULL, (c->nsec ? c->nsec : 1) * sizeof *out->sections);
    if (!out->sections) {
        c->oom = 1;
        return;
    }
    int group = -1;
    for (size_t s = 0; s < c->nsec; s++) {
        struct bsec *b = &c->sec[s];
        if (b->dead) continue;
        if (is_group(c, s)) {
            group = (int)s;
            continue;
        }
        if (group >= 0 && !roman_number(b->number)) group = -1;
        size_t n = live_tasks(c, s);
        if (!n && ((!b->number && !b->title.len) || b->soft)) continue;
        build_section(c, s, group, n, out);
    }
}

int pt_finish(struct ctx *c, struct pt_plan *out) {
    memset(out, 0, sizeof *out);
    size_t ntasks = c->oom ? 0 : closing_warnings(c);
    if (!c->oom && !any_buf_oom(c)) {
        out->title = c->title;
        c->title = NULL;
        build_sections(c, out);
        out->warnings = c->w;
        out->nwarnings = c->nw;
        c->w = NULL;
        c->nw = 0;
    }
    int oom = c->oom || any_buf_oom(c);
    ctx_free(c);
    if (oom) {
        plantext_free(out);
        return PT_NOMEM;
    }
    return ntasks ? 0 : PT_NONE;
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
        free(sec->group_number);
        free(sec->group_title);
    }
    free_warnings(plan->warnings, 0, plan->nwarnings);
    free(plan->sections);
    free(plan->warnings);
    free(plan->title);
    memset(plan, 0, sizeof *plan);
}
