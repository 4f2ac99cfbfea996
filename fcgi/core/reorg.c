/* reorg: validation of a reorganisation request and the changes it makes to the unit tree. */
#include "core/reorg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More entries than units a province has; bounds the work a request can ask for. */
#define REORG_MAX_ITEMS 5000

static const char *const new_levels[] = {"province", "department", "district", "commune",
                                         "vertical", "onestop",    NULL};

int reorg_parent_level_ok(const char *child, const char *parent) {
    if (!child) return 0;
    if (strcmp(child, "province") == 0) return parent == NULL;
    if (!parent) return 0;
    if (strcmp(child, "onestop") == 0 || strcmp(child, "office") == 0) return 1;
    if (strcmp(child, "commune") == 0)
        return strcmp(parent, "district") == 0 || strcmp(parent, "province") == 0;
    return strcmp(parent, "province") == 0;
}

struct idx {
    long long id;
    size_t at;
};

/* Working state: per unit (by index in units) what the plan does to it. */
struct st {
    const struct reorg_unit *u;
    size_t n;
    struct idx *by_id;
    int *end;     /* change index ending the unit, -1 */
    int *moved;   /* change index moving the unit, -1 */
    int *fa, *fb; /* where the unit was named: merge[fa].from[fb], or retire[fa] (fb -1) */
    const char *eff;
    struct reorg_plan *p;
    size_t cap_news, cap_changes;
    reorg_err_fn err;
    void *ctx;
    int nerr;
    int oom;
};

static void fail(struct st *s, const char *field, const char *msg) {
    s->nerr++;
    if (s->err) s->err(s->ctx, field, msg);
}

static int cmp_idx(const void *a, const void *b) {
    long long x = ((const struct idx *)a)->id, y = ((const struct idx *)b)->id;
    return x < y ? -1 : x > y;
}

/* The index of unit id, or -1. */
static long find(const struct st *s, long long id) {
    struct idx key = {id, 0};
    const struct idx *hit = id > 0 ? bsearch(&key, s->by_id, s->n, sizeof key, cmp_idx) : NULL;
    return hit ? (long)hit->at : -1;
}

static int push_change(struct st *s, struct reorg_change c) {
    struct reorg_plan *p = s->p;
    if (p->nchanges == s->cap_changes) {
        size_t cap = s->cap_changes ? 2 * s->cap_changes : 16;
        struct reorg_change *m = realloc(p->changes, cap * sizeof *m);
        if (!m) return s->oom = -1;
        p->changes = m;
        s->cap_changes = cap;
    }
    p->changes[p->nchanges++] = c;
    return (int)p->nchanges - 1;
}

static int push_new(struct st *s, struct reorg_new nu) {
    struct reorg_plan *p = s->p;
    if (p->nnews == s->cap_news) {
        size_t cap = s->cap_news ? 2 * s->cap_news : 4;
        struct reorg_new *m = realloc(p->news, cap * sizeof *m);
        if (!m) return s->oom = -1;
        p->news = m;
        s->cap_news = cap;
    }
    p->news[p->nnews++] = nu;
    return (int)p->nnews - 1;
}

static size_t utf8_chars(const char *str) {
    size_t n = 0;
    for (; *str; str++)
        if (((unsigned char)*str & 0xC0) != 0x80) n++;
    return n;
}

/* Only keys from allowed in o (an object): 1, else a problem per other key and 0. */
static int only_keys(struct st *s, const json_t *o, const char *path, const char *const *allowed) {
    char f[96];
    const char *k;
    json_t *v;
    int ok = 1;
    if (!json_is_object(o)) {
        fail(s, path, "Phải là một đối tượng JSON.");
        return 0;
    }
    json_object_foreach((json_t *)o, k, v) {
        int known = 0;
        for (const char *const *a = allowed; *a; a++) known |= strcmp(k, *a) == 0;
        if (!known) {
            snprintf(f, sizeof f, "%.50s.%.40s", path, k);
            fail(s, f, "Khóa không được dùng.");
            ok = 0;
        }
    }
    return ok;
}

/* The level of the unit a change leads to. */
static const char *level_to(const struct st *s, long long to, int target) {
    if (!to) return s->p->news[target].level;
    long i = find(s, to);
    return i < 0 ? NULL : s->u[i].level;
}

/* An active unit that the plan neither ends nor (by default) needs: index, or -1 after a problem
 * at field. what names the role in the message. */
static long live_unit(struct st *s, const json_t *v, const char *field) {
    long i = json_is_integer(v) ? find(s, json_integer_value(v)) : -1;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        fail(s, field, "Phải là mã số (id) đơn vị.");
        return -1;
    }
    if (i < 0) {
        fail(s, field, "Đơn vị không tồn tại.");
        return -1;
    }
    if (s->u[i].ended) {
        fail(s, field, "Đơn vị đã ngừng hoạt động hoặc đã sáp nhập trước đó.");
        return -1;
    }
    return i;
}

/* The unit i changes on the effective date: it must have begun before it. */
static int dated_ok(struct st *s, long i, const char *field) {
    (void)field;
    if (strcmp(s->eff, s->u[i].valid_from) > 0) return 1;
    char msg[200];
    snprintf(msg, sizeof msg, "Ngày hiệu lực phải sau ngày bắt đầu hiệu lực của đơn vị %lld (%s).",
             s->u[i].id, s->u[i].valid_from);
    fail(s, "effective_from", msg);
    return 0;
}

/* "into" as an object: a unit to create. Its index in news, or -1 after a problem. */
static int new_target(struct st *s, const json_t *o, const char *path) {
    static const char *const keys[] = {"code", "name", "level", "parent_id", NULL};
    char f[96];
    int ok = only_keys(s, o, path, keys); /* o is an object: the other fields are checked too */
    struct reorg_new nu = {json_string_value(json_object_get(o, "code")),
                           json_string_value(json_object_get(o, "name")),
                           json_string_value(json_object_get(o, "level")), 0};
    if (!nu.code || !*nu.code || strlen(nu.code) > 32) {
        snprintf(f, sizeof f, "%.60s.code", path);
        fail(s, f, "Mã đơn vị mới phải có từ 1 đến 32 ký tự.");
        ok = 0;
    }
    if (!nu.name || utf8_chars(nu.name) < 2 || utf8_chars(nu.name) > 255) {
        snprintf(f, sizeof f, "%.60s.name", path);
        fail(s, f, "Tên đơn vị mới phải có từ 2 đến 255 ký tự.");
        ok = 0;
    }
    int known = 0;
    for (int i = 0; nu.level && new_levels[i]; i++) known |= strcmp(nu.level, new_levels[i]) == 0;
    if (!known) {
        snprintf(f, sizeof f, "%.60s.level", path);
        fail(s, f, "Cấp đơn vị không hợp lệ.");
        ok = 0;
    }
    json_t *pv = json_object_get(o, "parent_id");
    long pi = -1;
    snprintf(f, sizeof f, "%.60s.parent_id", path);
    if (pv && !json_is_null(pv)) {
        pi = live_unit(s, pv, f);
        ok = ok && pi >= 0;
        if (pi >= 0) nu.parent_id = s->u[pi].id;
    }
    if (ok && !reorg_parent_level_ok(nu.level, pi >= 0 ? s->u[pi].level : NULL)) {
        fail(s, f, "Đơn vị cấp trên không phù hợp với cấp của đơn vị.");
        ok = 0;
    }
    return ok ? push_new(s, nu) : -1;
}

/* Records that unit i ends by change c (named at merge[a].from[b] or retire[a]); 0 when it was
 * already named. */
static int mark_end(struct st *s, long i, int c, int a, int b) {
    if (s->end[i] >= 0) return 0;
    s->end[i] = c;
    s->fa[i] = a;
    s->fb[i] = b;
    return 1;
}

static void one_merge(struct st *s, const json_t *m, size_t at) {
    static const char *const keys[] = {"from", "into", NULL};
    char path[48], f[96];
    snprintf(path, sizeof path, "merge[%zu]", at);
    if (!only_keys(s, m, path, keys)) return;
    json_t *into = json_object_get(m, "into"), *from = json_object_get(m, "from"), *v;
    long long to = 0;
    int target = -1;
    snprintf(f, sizeof f, "%.60s.into", path);
    if (json_is_object(into)) {
        if ((target = new_target(s, into, f)) < 0) return;
    } else {
        long ti = live_unit(s, into, f);
        if (ti < 0) return;
        if (strcmp(s->u[ti].valid_from, s->eff) > 0) {
            fail(s, f, "Đơn vị tiếp nhận chưa có hiệu lực vào ngày sáp nhập.");
            return;
        }
        to = s->u[ti].id;
    }
    snprintf(f, sizeof f, "%.60s.from", path);
    if (!json_is_array(from) || json_array_size(from) == 0) {
        fail(s, f, "Cần danh sách đơn vị được sáp nhập.");
        return;
    }
    size_t j;
    json_array_foreach(from, j, v) {
        snprintf(f, sizeof f, "%.40s.from[%zu]", path, j);
        long i = live_unit(s, v, f);
        if (i < 0 || !dated_ok(s, i, f)) continue;
        if (s->u[i].id == to) {
            fail(s, f, "Không thể sáp nhập đơn vị vào chính nó.");
        } else if (strcmp(s->u[i].level, level_to(s, to, target)) != 0) {
            fail(s, f, "Đơn vị được sáp nhập phải cùng cấp với đơn vị tiếp nhận.");
        } else {
            struct reorg_change c = {
                REORG_MERGE, s->u[i].id, to, target, s->u[i].parent_id, 0, s->u[i].parent_id != 0};
            if (s->end[i] >= 0) {
                fail(s, f, "Đơn vị đã được nêu ở một thay đổi khác.");
                continue;
            }
            int k = push_change(s, c);
            if (k >= 0) mark_end(s, i, k, (int)at, (int)j);
        }
    }
}

static void all_retires(struct st *s, const json_t *retire) {
    size_t k;
    json_t *v;
    char f[48];
    json_array_foreach(retire, k, v) {
        snprintf(f, sizeof f, "retire[%zu]", k);
        long i = live_unit(s, v, f);
        if (i < 0 || !dated_ok(s, i, f)) continue;
        if (s->end[i] >= 0) {
            fail(s, f, "Đơn vị vừa được sáp nhập vừa bị giải thể.");
            continue;
        }
        struct reorg_change c = {REORG_RETIRE,          s->u[i].id, 0, -1, s->u[i].parent_id, 0,
                                 s->u[i].parent_id != 0};
        int at = push_change(s, c);
        if (at >= 0) mark_end(s, i, at, (int)k, -1);
    }
}

/* Field of an ended unit: where the request named it. */
static void end_field(const struct st *s, long i, char *f, size_t cap) {
    if (s->fb[i] >= 0)
        snprintf(f, cap, "merge[%d].from[%d]", s->fa[i], s->fb[i]);
    else
        snprintf(f, cap, "retire[%d]", s->fa[i]);
}

/* Existing merge targets and new units' parents must stay active. */
static void targets_live(struct st *s) {
    char f[96];
    for (size_t c = 0; c < s->p->nchanges; c++) {
        const struct reorg_change *ch = &s->p->changes[c];
        long ti = ch->to ? find(s, ch->to) : -1;
        if (ch->kind == REORG_MERGE && ti >= 0 && s->end[ti] >= 0) {
            end_field(s, find(s, ch->id), f, sizeof f);
            fail(s, f,
                 "Đơn vị tiếp nhận cũng bị sáp nhập hoặc giải thể trong lần tổ chức lại này.");
        }
    }
    for (size_t t = 0; t < s->p->nnews; t++) {
        long pi = find(s, s->p->news[t].parent_id);
        if (pi >= 0 && s->end[pi] >= 0)
            fail(s, "merge",
                 "Đơn vị cấp trên của đơn vị mới bị sáp nhập hoặc giải thể trong lần tổ chức lại "
                 "này.");
    }
}

static void all_moves(struct st *s, const json_t *move) {
    static const char *const keys[] = {"id", "parent_id", NULL};
    size_t k;
    json_t *m;
    char path[48], f[96];
    json_array_foreach(move, k, m) {
        snprintf(path, sizeof path, "move[%zu]", k);
        if (!only_keys(s, m, path, keys)) continue;
        snprintf(f, sizeof f, "%.60s.id", path);
        long i = live_unit(s, json_object_get(m, "id"), f);
        if (i < 0 || !dated_ok(s, i, f)) continue;
        if (s->end[i] >= 0 || s->moved[i] >= 0) {
            fail(s, f, "Đơn vị đã được nêu ở một thay đổi khác.");
            continue;
        }
        snprintf(f, sizeof f, "%.60s.parent_id", path);
        long pi = live_unit(s, json_object_get(m, "parent_id"), f);
        if (pi < 0) continue;
        if (s->end[pi] >= 0) {
            fail(s, f, "Không thể chuyển vào đơn vị bị sáp nhập hoặc giải thể.");
        } else if (!reorg_parent_level_ok(s->u[i].level, s->u[pi].level)) {
            fail(s, f, "Đơn vị cấp trên không phù hợp với cấp của đơn vị.");
        } else {
            long oi = find(s, s->u[i].parent_id);
            struct reorg_change c = {REORG_MOVE,
                                     s->u[i].id,
                                     s->u[pi].id,
                                     -1,
                                     s->u[i].parent_id,
                                     0,
                                     oi >= 0 && s->end[oi] >= 0};
            int at = push_change(s, c);
            if (at >= 0) s->moved[i] = at;
        }
    }
}

/* A retired unit's successor: its parent, or the successor of the parent when the parent ends
 * too (now or before), up the tree. */
static void retire_successors(struct st *s) {
    char f[48];
    for (size_t c = 0; c < s->p->nchanges; c++) {
        struct reorg_change *ch = &s->p->changes[c];
        if (ch->kind != REORG_RETIRE) continue;
        long at = find(s, ch->id);
        long long up = s->u[at].parent_id;
        for (size_t steps = 0; up && steps <= s->n; steps++) {
            long pi = find(s, up);
            if (pi < 0) break;
            if (s->end[pi] >= 0 && s->p->changes[s->end[pi]].kind == REORG_MERGE) {
                ch->to = s->p->changes[s->end[pi]].to;
                ch->target = s->p->changes[s->end[pi]].target;
                break;
            }
            if (s->end[pi] < 0 && !s->u[pi].ended) {
                ch->to = up;
                break;
            }
            up = s->end[pi] >= 0
                     ? s->u[pi].parent_id
                     : (s->u[pi].successor_id ? s->u[pi].successor_id : s->u[pi].parent_id);
        }
        if (!ch->to && ch->target < 0) {
            end_field(s, at, f, sizeof f);
            fail(s, f, "Không tìm được đơn vị kế thừa: hãy sáp nhập đơn vị này vào đơn vị khác.");
        }
    }
}

/* Active children of an ended unit that the request leaves in place move to its successor. */
static void automatic_moves(struct st *s) {
    char f[48], msg[200];
    for (size_t i = 0; i < s->n; i++) {
        const struct reorg_unit *u = &s->u[i];
        long pi = find(s, u->parent_id);
        if (u->ended || s->end[i] >= 0 || s->moved[i] >= 0 || pi < 0 || s->end[pi] < 0) continue;
        const struct reorg_change *pc = &s->p->changes[s->end[pi]];
        if (!pc->to && pc->target < 0) continue; /* reported: no successor */
        if (!reorg_parent_level_ok(u->level, level_to(s, pc->to, pc->target))) {
            end_field(s, pi, f, sizeof f);
            snprintf(msg, sizeof msg,
                     "Đơn vị cấp dưới %lld không thể chuyển sang đơn vị kế thừa: hãy chuyển, sáp "
                     "nhập hoặc giải thể nó.",
                     u->id);
            fail(s, f, msg);
            continue;
        }
        struct reorg_change c = {REORG_MOVE, u->id, pc->to, pc->target, u->parent_id, 1, 1};
        int at = push_change(s, c);
        if (at >= 0) s->moved[i] = at;
    }
}

/* Node of a unit id (its index) or of a new unit (nunits + target); -1 when none. */
static long node_of(const struct st *s, long long to, int target) {
    return to ? find(s, to) : target >= 0 ? (long)(s->n + (size_t)target) : -1;
}

struct graph {
    long *from, *to;
    size_t n, cap;
};

static int edge(struct graph *g, long a, long b) {
    if (a < 0 || b < 0) return 0;
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        long *f = realloc(g->from, cap * sizeof *f);
        if (f) g->from = f;
        long *t = f ? realloc(g->to, cap * sizeof *t) : NULL;
        if (!t) return -1;
        g->to = t;
        g->cap = cap;
    }
    g->from[g->n] = a;
    g->to[g->n++] = b;
    return 0;
}

/* The effective tree after the plan, with history edges (what unit_closure will hold). */
static int build_graph(const struct st *s, const struct reorg_edge *hist, size_t nhist,
                       struct graph *g) {
    int rc = 0;
    for (size_t i = 0; i < s->n && !rc; i++) {
        const struct reorg_unit *u = &s->u[i];
        const struct reorg_change *c = s->end[i] >= 0     ? &s->p->changes[s->end[i]]
                                       : s->moved[i] >= 0 ? &s->p->changes[s->moved[i]]
                                                          : NULL;
        if (c) {
            rc = edge(g, (long)i, node_of(s, c->to, c->target)) ||
                 (c->keep_history && edge(g, (long)i, find(s, c->from_parent)));
        } else {
            rc = edge(g, (long)i, find(s, u->successor_id ? u->successor_id : u->parent_id));
        }
    }
    for (size_t t = 0; t < s->p->nnews && !rc; t++)
        rc = edge(g, (long)(s->n + t), find(s, s->p->news[t].parent_id));
    for (size_t h = 0; h < nhist && !rc; h++)
        rc = edge(g, find(s, hist[h].unit_id), find(s, hist[h].parent_id));
    return rc ? -1 : 0;
}

/* 1 when the graph of nn nodes has a cycle (Kahn: some node never reaches in-degree 0), 0 when
 * not, -1 out of memory. */
static int has_cycle(const struct graph *g, size_t nn) {
    size_t *indeg = calloc(nn ? nn : 1, sizeof *indeg),
           *queue = malloc((nn ? nn : 1) * sizeof *queue);
    size_t *first = calloc(nn + 1, sizeof *first), *adj = malloc((g->n ? g->n : 1) * sizeof *adj);
    int rc = -1;
    if (indeg && queue && first && adj) {
        for (size_t e = 0; e < g->n; e++) first[g->from[e] + 1]++, indeg[g->to[e]]++;
        for (size_t v = 0; v < nn; v++) first[v + 1] += first[v];
        size_t *fill = calloc(nn ? nn : 1, sizeof *fill);
        if (fill) {
            for (size_t e = 0; e < g->n; e++)
                adj[first[g->from[e]] + fill[g->from[e]]++] = (size_t)g->to[e];
            size_t head = 0, tail = 0;
            for (size_t v = 0; v < nn; v++)
                if (!indeg[v]) queue[tail++] = v;
            while (head < tail) {
                size_t v = queue[head++];
                for (size_t e = first[v]; e < first[v + 1]; e++)
                    if (--indeg[adj[e]] == 0) queue[tail++] = adj[e];
            }
            rc = tail < nn;
            free(fill);
        }
    }
    free(indeg);
    free(queue);
    free(first);
    free(adj);
    return rc;
}

static int check_cycles(struct st *s, const struct reorg_edge *hist, size_t nhist) {
    struct graph g = {0};
    int rc = build_graph(s, hist, nhist, &g);
    if (rc == 0) rc = has_cycle(&g, s->n + s->p->nnews);
    free(g.from);
    free(g.to);
    if (rc < 0) return -1;
    if (rc == 1) fail(s, "move", "Các thay đổi tạo thành vòng lặp trong cây đơn vị.");
    return 0;
}

static int list_ok(struct st *s, const json_t *a, const char *field) {
    if (!a || json_is_null(a)) return 0;
    if (!json_is_array(a) || json_array_size(a) > REORG_MAX_ITEMS) {
        fail(s, field, "Phải là một danh sách (tối đa 5000 mục).");
        return 0;
    }
    return 1;
}

static int setup(struct st *s, const struct reorg_unit *units, size_t n) {
    s->u = units;
    s->n = n;
    size_t m = n ? n : 1;
    s->by_id = malloc(m * sizeof *s->by_id);
    s->end = malloc(m * sizeof *s->end);
    s->moved = malloc(m * sizeof *s->moved);
    s->fa = calloc(m, sizeof *s->fa);
    s->fb = calloc(m, sizeof *s->fb);
    if (!s->by_id || !s->end || !s->moved || !s->fa || !s->fb) return -1;
    for (size_t i = 0; i < n; i++) {
        s->by_id[i] = (struct idx){units[i].id, i};
        s->end[i] = s->moved[i] = -1;
    }
    qsort(s->by_id, n, sizeof *s->by_id, cmp_idx);
    return 0;
}

static void teardown(struct st *s) {
    free(s->by_id);
    free(s->end);
    free(s->moved);
    free(s->fa);
    free(s->fb);
}

int reorg_plan_make(const json_t *merge, const json_t *retire, const json_t *move,
                    const char *effective_from, const struct reorg_unit *units, size_t nunits,
                    const struct reorg_edge *hist, size_t nhist, struct reorg_plan *plan,
                    reorg_err_fn err, void *ctx) {
    memset(plan, 0, sizeof *plan);
    struct st s = {.eff = effective_from ? effective_from : "", .p = plan, .err = err, .ctx = ctx};
    if (setup(&s, units, nunits) < 0) {
        teardown(&s);
        return -1;
    }
    int lm = list_ok(&s, merge, "merge"), lr = list_ok(&s, retire, "retire"),
        lv = list_ok(&s, move, "move");
    for (size_t k = 0; lm && k < json_array_size(merge); k++)
        one_merge(&s, json_array_get(merge, k), k);
    if (lr) all_retires(&s, retire);
    if (s.nerr == 0 && !s.oom) targets_live(&s);
    if (lv) all_moves(&s, move);
    if (s.nerr == 0 && !s.oom) retire_successors(&s);
    if (s.nerr == 0 && !s.oom) automatic_moves(&s);
    if (s.nerr == 0 && !s.oom && plan->nchanges == 0)
        fail(&s, "merge", "Cần ít nhất một thay đổi (sáp nhập, giải thể hoặc chuyển đơn vị).");
    if (s.nerr == 0 && !s.oom && check_cycles(&s, hist, nhist) < 0) s.oom = -1;
    teardown(&s);
    return s.oom ? -1 : s.nerr;
}

void reorg_plan_free(struct reorg_plan *plan) {
    free(plan->news);
    free(plan->changes);
    memset(plan, 0, sizeof *plan);
}
