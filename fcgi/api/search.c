/* The search across modules (GET /api/v1/search) and the folding of the titles it searches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/common.h"
#include "api/feedback_common.h"
#include "api/plans.h"
#include "api/procedures_internal.h"
#include "api/units.h"
#include "core/access.h"
#include "core/feedback_flow.h"
#include "core/procsearch.h"
#include "core/searchq.h"
#include "core/vnfold.h"

/* The kinds in the order of the answer's groups. */
enum { K_PLAN, K_TASK, K_PROCEDURE, K_FEEDBACK, K_UNIT, K_USER, K_COUNT };
static const char *const kinds[] = {"plan", "task", "procedure", "feedback", "unit", "user", NULL};

struct search_query {
    const char *q;
    int kind; /* kinds[], -1 = all */
    long long limit;
};
static const struct in_decl search_fields[] = {
    IN_FIELD(struct search_query, q, IN_STR, IN_REQUIRED, SQ_MIN_CHARS, SQ_MAX_CHARS, NULL),
    IN_FIELD(struct search_query, kind, IN_ENUM, 0, 0, 0, kinds),
    IN_FIELD(struct search_query, limit, IN_INT, 0, 1, 20, NULL),
};
const struct in_spec in_search = IN_SPEC(struct search_query, search_fields);

/*
 * Match and rank on a folded column X (core/searchq): every word of q begins a word of X (WORDS,
 * binds nwords and SQ_MAX_WORDS prefix patterns), and RANK orders an exact code first (binds the
 * code), then titles holding every word whole (binds SQ_MAX_WORDS whole-word patterns), then
 * the prefix matches. Unused slots hold "%", so each statement has one fixed format; each slot
 * is bound twice, "? = '%' OR ...", so that an unused one costs a comparison of two parameters
 * and not a CONCAT and a LIKE on every row scanned (OR stops at the first true operand).
 */
#define SLOT(E)  "(? = '%' OR " E " LIKE ?)"
#define PSLOT(X) SLOT("CONCAT(' ', " X ")")
#define WSLOT(X) SLOT("CONCAT(' ', " X ", ' ')")
#define WORDS(X)                                                                                   \
    "(? > 0 AND " PSLOT(X) " AND " PSLOT(X) " AND " PSLOT(X) " AND " PSLOT(X) " AND " PSLOT(       \
        X) " AND " PSLOT(X) ")"
#define WHOLE(X)                                                                                   \
    "(" WSLOT(X) " AND " WSLOT(X) " AND " WSLOT(X) " AND " WSLOT(X) " AND " WSLOT(                 \
        X) " AND " WSLOT(X) ")"
#define RANK(CODE, X) "CASE WHEN " CODE " THEN 0 WHEN " WHOLE(X) " THEN 1 ELSE 2 END"
#define WORDS_FMT     "issssssssssss"
#define WHOLE_FMT     "ssssssssssss"
#define WORDS_ARGS(s)                                                                              \
    (long long)(s)->nwords, (s)->prefix[0], (s)->prefix[0], (s)->prefix[1], (s)->prefix[1],        \
        (s)->prefix[2], (s)->prefix[2], (s)->prefix[3], (s)->prefix[3], (s)->prefix[4],            \
        (s)->prefix[4], (s)->prefix[5], (s)->prefix[5]
#define WHOLE_ARGS(s)                                                                              \
    (s)->whole[0], (s)->whole[0], (s)->whole[1], (s)->whole[1], (s)->whole[2], (s)->whole[2],      \
        (s)->whole[3], (s)->whole[3], (s)->whole[4], (s)->whole[4], (s)->whole[5], (s)->whole[5]
/*
 * The total of the matches is counted by the database in the same scan as the ranked page:
 * SQL_CALC_FOUND_ROWS, then FOUND_ROWS() (find_kind, find_feedback). A window COUNT(*) OVER ()
 * made MariaDB materialise and sort every match (76 ms for the 10,307 matches of "thu tuc"
 * against 25 ms), and a separate COUNT(*) scans the table a second time.
 */

/* Plans and tasks: what GET /plans shows the caller (PLAN_LIST_SCOPE); tasks of those plans. */
static json_t *find_plans(db_t *db, const struct searchq *s, long long wide, long long unit,
                          long long limit) {
    return db_query_json(
        db,
        "SELECT SQL_CALC_FOUND_ROWS p.id, p.title, CONCAT(un.name, ' · ', p.year, IF(p.decision_no "
        "IS NULL, '', "
        "CONCAT(' · ', p.decision_no))) AS subtitle, CONCAT('/app/ke-hoach/', p.id) AS link"
        " FROM plans p JOIN units un ON un.id = p.unit_id WHERE " PLAN_LIST_SCOPE
        " AND (p.decision_no = ? OR " WORDS("p.title_folded") ") ORDER BY " RANK(
            "p.decision_no = ?", "p.title_folded") ", p.updated_at DESC, p.id DESC LIMIT ?",
        "iii"
        "s" WORDS_FMT "s" WHOLE_FMT "i",
        wide, unit, unit, s->text, WORDS_ARGS(s), s->text, WHOLE_ARGS(s), limit);
}

static json_t *find_tasks(db_t *db, const struct searchq *s, long long wide, long long unit,
                          long long limit) {
    /* A task number ("1.2") is no code: it repeats in every plan, so it is not matched. */
    return db_query_json(
        db,
        "SELECT SQL_CALC_FOUND_ROWS t.id, LEFT(t.title, 300) AS title, CONCAT(IF(t.number IS NULL, "
        "'', CONCAT('Mục ', "
        "t.number, ' · ')), LEFT(p.title, 200)) AS subtitle, CONCAT('/app/nhiem-vu/', t.id) AS "
        "link FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE " PLAN_LIST_SCOPE
        " AND " WORDS("t.title_folded") " ORDER BY " RANK("0", "t.title_folded") ", t.updated_at "
                                                                                 "DESC, t.id DESC "
                                                                                 "LIMIT ?",
        "iii" WORDS_FMT WHOLE_FMT "i", wide, unit, unit, WORDS_ARGS(s), WHOLE_ARGS(s), limit);
}

/*
 * Procedures: the catalogue's own search (core/procsearch through the in-memory read model of
 * api/procedures_catalog.c), the one GET /procedures answers ?q= with, so the group holds what
 * the procedure list shows for the same q, in its order (code, then name, then the other
 * components), and every role sees the whole catalogue as that list does. A scan of the table
 * (10,000 wide rows per request) could not keep the 50 ms p95 (docs/PERFORMANCE.md).
 */
static json_t *find_procedures(db_t *db, const struct searchq *s, long long limit,
                               long long *total) {
    struct catalog *c = catalog_get(db);
    if (!c) return NULL;
    struct ps_hit hits[20];
    size_t n = 0;
    struct ps_filter f = ps_filter_any();
    long t = ps_search(catalog_index(c), s->text, &f, PS_ORDER_RANK, 0, (size_t)limit, hits, &n);
    json_t *rows = t < 0 ? NULL : json_array();
    for (size_t i = 0; rows && i < n; i++) {
        char *text = NULL;
        if (asprintf(&text, "%s}", catalog_item(c, hits[i].doc)) < 0) text = NULL;
        json_t *it = text ? json_loads(text, 0, NULL) : NULL;
        free(text);
        long long id = json_integer_value(json_object_get(it, "id"));
        char link[40], sub[600];
        snprintf(link, sizeof link, "/app/thu-tuc/%lld", id);
        snprintf(sub, sizeof sub, "%s · %s", json_string_value(json_object_get(it, "code")),
                 json_string_value(json_object_get(it, "field_name")));
        json_t *row = it ? json_pack("{s:I, s:O, s:s, s:s}", "id", (json_int_t)id, "title",
                                     json_object_get(it, "name"), "subtitle", sub, "link", link)
                         : NULL;
        json_decref(it);
        if (!row || json_array_append_new(rows, row) < 0) {
            json_decref(rows);
            rows = NULL;
        }
    }
    catalog_put(c);
    *total = t;
    return rows;
}

/*
 * Feedback: the staff scope of GET /feedback (FB_STAFF_SCOPE); a tracking code in any of its
 * written forms ("ABCD-EFGH-JKMN", lower case) matches exactly. Matching, counting and ranking
 * read only the index ix_feedback_search (020: folded title, unit, received, code), never the
 * wide rows; the page's display columns are read for its few ids afterwards.
 */
#define FB_MATCH                                                                                   \
    " FROM feedback f FORCE INDEX (ix_feedback_search) WHERE " FB_STAFF_SCOPE                      \
    " AND (f.tracking_code = ? OR " WORDS("f.title_folded") ")"
static json_t *find_feedback(db_t *db, const struct searchq *s, long long wide, long long unit,
                             long long limit, long long *total) {
    char code[13] = "";
    if (fb_code_normalize(s->text, code) < 0) code[0] = '\0';
    /* One scan of the index ranks the page's ids and counts the matches. */
    struct db_res *ids =
        db_query(db,
                 "SELECT SQL_CALC_FOUND_ROWS f.id" FB_MATCH
                 " ORDER BY " RANK("f.tracking_code = ?",
                                   "f.title_folded") ", f.received_at DESC, f.id DESC LIMIT ?",
                 "iis" WORDS_FMT "s" WHOLE_FMT "i", wide, unit, code, WORDS_ARGS(s), code,
                 WHOLE_ARGS(s), limit);
    /* FOUND_ROWS() always answers one row: only an error (-1) stops here. */
    int found = ids ? db_query_int(db, total, "SELECT FOUND_ROWS()", NULL) : -1;
    if (found < 0) {
        db_res_free(ids);
        return NULL;
    }
    long long id[20] = {0};
    for (size_t i = 0; i < ids->nrows && i < 20; i++) id[i] = db_int(ids, i, 0);
    db_res_free(ids);
    /* The display columns of those ids, in their order (FIELD: position in the list). */
    return db_query_json(
        db,
        "SELECT f.id, f.title, CONCAT(CONCAT_WS('-', SUBSTR(f.tracking_code, 1, 4), "
        "SUBSTR(f.tracking_code, 5, 4), SUBSTR(f.tracking_code, 9, 4)), ' · ', "
        "DATE_FORMAT(f.received_at, '%d/%m/%Y')) AS subtitle, f.status, CONCAT('/app/phan-anh/', "
        "f.id) AS link FROM feedback f WHERE f.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?) ORDER BY FIELD(f.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)",
        "iiiiiiiiiiiiiiiiiiii"
        "iiiiiiiiiiiiiiiiiiii",
        id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11],
        id[12], id[13], id[14], id[15], id[16], id[17], id[18], id[19], id[0], id[1], id[2], id[3],
        id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15],
        id[16], id[17], id[18], id[19]);
}

/* Units: every unit, as GET /units lists them (only roles with the admin page search them). */
static json_t *find_units(db_t *db, const struct searchq *s, long long limit) {
    return db_query_json(
        db,
        "SELECT SQL_CALC_FOUND_ROWS u.id, u.name AS title, CONCAT(u.code, IF(u.valid_to IS NULL, "
        "'', ' · đã kết "
        "thúc')) AS subtitle, CONCAT('/app/quan-tri/don-vi?q=', u.code) AS link"
        " FROM units u WHERE (u.code = ? OR " WORDS("u.name_folded") ") ORDER BY " RANK(
            "u.code = ?", "u.name_folded") ", u.updated_at DESC, u.id DESC LIMIT ?",
        "s" WORDS_FMT "s" WHOLE_FMT "i", s->text, WORDS_ARGS(s), s->text, WHOLE_ARGS(s), limit);
}

/* Users: USER_SCOPE, the scope of GET /users. */
static json_t *find_users(db_t *db, const struct searchq *s, long long wide, long long unit,
                          long long limit) {
    return db_query_json(
        db,
        "SELECT SQL_CALC_FOUND_ROWS u.id, u.full_name AS title, CONCAT(u.username, ' · ', un.name) "
        "AS subtitle, "
        "CONCAT('/app/quan-tri/nguoi-dung?q=', u.username) AS link"
        " FROM users u JOIN units un ON un.id = u.unit_id WHERE (u.username = ? OR " WORDS(
            "u.name_folded") ")" USER_SCOPE
                             " ORDER BY " RANK(
                                 "u.username = ?",
                                 "u.name_folded") ", u.updated_at DESC, u.id DESC LIMIT ?",
        "s" WORDS_FMT "ii"
        "s" WHOLE_FMT "i",
        s->text, WORDS_ARGS(s), wide, unit, s->text, WHOLE_ARGS(s), limit);
}

/* Whether the caller searches this kind: the kinds it has a page for in the intranet. */
static int kind_allowed(const struct principal *p, int kind) {
    struct access_who w = who_of(p);
    switch (kind) {
    case K_PLAN:
    case K_TASK:
        return access_allows(&w, "plans.read");
    case K_PROCEDURE:
        return access_allows(&w, "procedures.read");
    case K_FEEDBACK:
        return access_allows(&w, "feedback.read");
    case K_UNIT: /* the unit admin page (/app/quan-tri/don-vi) is for unit writers */
        return access_allows(&w, "units.read") && access_allows(&w, "units.write");
    case K_USER: /* the user admin page is for user writers; its data is USER_SCOPE */
        return access_allows(&w, "users.read") && access_allows(&w, "users.write");
    default:
        return 0;
    }
}

/* The rows of one kind and their total (*total): FOUND_ROWS() after the SQL kinds. */
static json_t *find_kind(db_t *db, const struct principal *p, const struct searchq *s, int kind,
                         long long limit, long long *total) {
    long long wide = scope_province_wide(p), unit = p->unit_id;
    json_t *rows;
    switch (kind) {
    case K_PLAN:
        rows = find_plans(db, s, wide, unit, limit);
        break;
    case K_TASK:
        rows = find_tasks(db, s, wide, unit, limit);
        break;
    case K_PROCEDURE:
        return find_procedures(db, s, limit, total);
    case K_FEEDBACK:
        return find_feedback(db, s, wide, unit, limit, total);
    case K_UNIT:
        rows = find_units(db, s, limit);
        break;
    default:
        rows = find_users(db, s, wide, unit, limit);
    }
    /* FOUND_ROWS() always answers one row: only an error (-1) fails the group. */
    int found = rows ? db_query_int(db, total, "SELECT FOUND_ROWS()", NULL) : -1;
    if (found < 0) {
        json_decref(rows);
        return NULL;
    }
    return rows;
}

int h_search(req_t *r) {
    const struct search_query *in = r->query_in;
    struct searchq *s = malloc(sizeof *s);
    if (!s) return res_no_memory(r);
    enum sq_status st = searchq_parse(in->q, s);
    if (st != SQ_OK) {
        free(s);
        req_error(r, "q",
                  st == SQ_TOO_SHORT ? "Cần ít nhất 2 ký tự (không kể khoảng trắng ở hai đầu)."
                  : st == SQ_TOO_LONG ? "Không được dài quá 100 ký tự."
                                      : "Có ký tự không hợp lệ.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) {
        free(s);
        return -1;
    }
    long long limit = in->limit ? in->limit : 5;
    json_t *groups = json_array();
    for (int k = 0; k < K_COUNT; k++) {
        if ((in->kind >= 0 && in->kind != k) || !kind_allowed(r->user, k)) continue;
        long long total = 0;
        json_t *rows = find_kind(db, r->user, s, k, limit, &total);
        json_t *g = rows ? json_pack("{s:s, s:I, s:o}", "kind", kinds[k], "total",
                                     (json_int_t)total, "items", rows)
                         : NULL;
        if (!g) {
            free(s);
            json_decref(groups);
            return db_fail(r, db);
        }
        json_array_append_new(groups, g);
    }
    json_t *out = json_pack("{s:s, s:o}", "q", s->text, "groups", groups);
    free(s);
    res_json(r, 200, out);
    return 0;
}

/* ---- folding the titles (migration 020) ---- */

/* Folds src into dst for rows where dst IS NULL, a batch at a time: 0, or -1 on an error. */
static int fold_column(db_t *db, const char *table, const char *src, const char *dst) {
    char sel[300], upd[300];
    snprintf(sel, sizeof sel, "SELECT id, %s FROM %s WHERE %s IS NULL LIMIT 500", src, table, dst);
    snprintf(upd, sizeof upd, "UPDATE %s SET %s = ? WHERE id = ?", table, dst);
    for (;;) {
        struct db_res *res = db_query(db, sel, NULL);
        if (!res) return -1;
        size_t n = res->nrows;
        int rc = db_begin(db) < 0;
        for (size_t i = 0; !rc && i < n; i++) {
            char *f = vnfold_dup(db_val(res, i, 1));
            rc = !f || db_exec(db, upd, "si", f, db_int(res, i, 0)) < 0;
            free(f);
        }
        db_res_free(res);
        if (rc || db_commit(db) < 0) {
            db_rollback(db);
            return -1;
        }
        if (n < 500) return 0;
    }
}

int search_fold_all(db_t *db) {
    static const char *const cols[][3] = {
        {"plans", "title", "title_folded"},
        {"tasks", "title", "title_folded"},
        {"feedback", "title", "title_folded"},
        {"users", "full_name", "name_folded"},
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (fold_column(db, cols[i][0], cols[i][1], cols[i][2]) < 0) return -1;
    return 0;
}
