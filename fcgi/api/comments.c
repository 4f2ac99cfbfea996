/* /api/v1/comments: internal discussion on tasks, assignments, feedback items and reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/comments.h"
#include "api/common.h"
#include "api/feedback_common.h"
#include "api/notifications_common.h"
#include "api/plans.h"
#include "api/report_common.h"
#include "api/uploads_gc.h"
#include "core/access.h"
#include "core/mentions.h"
#include "core/multipart.h"
#include "lib/utf8.h"
#include "server/server.h"

static const char *const entities[] = {"task", "assignment", "feedback", "report", NULL};
enum { E_TASK, E_ASSIGNMENT, E_FEEDBACK, E_REPORT };
/* What each object is called in a 404, as its own GET names it. */
static const char *const entity_what[] = {"nhiệm vụ", "phân công", "phản ánh, kiến nghị",
                                          "báo cáo"};

#define BODY_MAX  4000
#define FILES_MAX 3
/* Minutes after posting during which the author may edit or delete a comment. */
#define EDIT_WINDOW "15"

/* ---- the object a comment is about --------------------------------------------------------- */

static int entity_index(const char *name) {
    for (int i = 0; entities[i]; i++)
        if (name && strcmp(entities[i], name) == 0) return i;
    return -1;
}

/* Whether p may see the object: each module's own read check (never a copy of it). 1, 0 missing
 * or invisible, -1 database error. */
static int object_visible(db_t *db, const struct principal *p, int e, long long id) {
    switch (e) {
    case E_TASK:
        return task_visible(db, p, id);
    case E_ASSIGNMENT:
        return assignment_visible(db, p, id);
    case E_FEEDBACK:
        return fb_visible(db, p, id);
    case E_REPORT:
        return rp_visible(db, p, id);
    default:
        return 0;
    }
}

/* The object's title and app page, for a notification: 1, 0 missing, -1 database error. */
static int object_ref(db_t *db, int e, long long id, json_t **row) {
    static const char *const sql[] = {
        "SELECT title, CONCAT('/app/nhiem-vu/', id) AS link FROM tasks WHERE id = ?",
        ("SELECT CONCAT(t.title, ' (', un.name, ')') AS title, CONCAT('/app/nhiem-vu/', t.id, "
         "'?phan-cong=', a.id) AS link FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN "
         "units un ON un.id = a.unit_id WHERE a.id = ?"),
        "SELECT title, CONCAT('/app/phan-anh/', id) AS link FROM feedback WHERE id = ?",
        ("SELECT COALESCE(title, CONCAT('Báo cáo kỳ ', period)) AS title, CONCAT('/app/bao-cao/', "
         "id) AS link FROM reports WHERE id = ?"),
    };
    return db_query_row_json(db, row, sql[e], "i", id);
}

/* ---- answers ------------------------------------------------------------------------------- */

#define COMMENT_COLS                                                                               \
    "SELECT c.id, c.entity, c.entity_id, c.author_id, u.username, u.full_name, c.unit_id, "        \
    "un.name AS unit_name, c.body, c.created_at, c.edited_at, c.deleted_at, c.deleted_by, "        \
    "du.full_name AS deleted_by_name, c.created_at > NOW() - INTERVAL " EDIT_WINDOW                \
    " MINUTE AS fresh FROM comments c JOIN users u ON u.id = c.author_id JOIN units un ON un.id "  \
    "= c.unit_id LEFT JOIN users du ON du.id = c.deleted_by "

static long long jint(json_t *o, const char *k) {
    return json_integer_value(json_object_get(o, k));
}

/* The leader or administrator of the unit the author wrote for may remove a comment at any time
 * (moderation); the author only within the window. */
static int is_moderator(const struct principal *p, json_t *row) {
    return p->unit_id == jint(row, "unit_id") &&
           (strcmp(p->role, "leader") == 0 || strcmp(p->role, "admin") == 0);
}

static json_t *can_of(const struct principal *p, json_t *row) {
    struct access_who w = who_of(p);
    int live =
        json_is_null(json_object_get(row, "deleted_at")) && access_allows(&w, "comments.write");
    int mine = jint(row, "author_id") == p->user_id;
    int fresh = json_truthy(json_object_get(row, "fresh"));
    return json_pack("{s:b, s:b}", "edit", live && mine && fresh, "delete",
                     live && ((mine && fresh) || is_moderator(p, row)));
}

/* The answer's shape of a row, with its mentions and files (arrays of rows with comment_id). */
static json_t *comment_item(const struct principal *p, json_t *row, json_t *mentions,
                            json_t *files) {
    long long id = jint(row, "id");
    int deleted = !json_is_null(json_object_get(row, "deleted_at"));
    json_t *m = json_array(), *f = json_array(), *x;
    size_t i;
    json_array_foreach(deleted ? NULL : mentions, i, x) {
        if (jint(x, "comment_id") != id) continue;
        json_array_append_new(m, json_pack("{s:O, s:O, s:O}", "id", json_object_get(x, "id"),
                                           "username", json_object_get(x, "username"), "full_name",
                                           json_object_get(x, "full_name")));
    }
    json_array_foreach(deleted ? NULL : files, i, x) {
        if (jint(x, "comment_id") != id) continue;
        json_array_append_new(f, json_pack("{s:O, s:O, s:O, s:O}", "n", json_object_get(x, "n"),
                                           "name", json_object_get(x, "name"), "type",
                                           json_object_get(x, "type"), "size",
                                           json_object_get(x, "size")));
    }
    json_t *o = json_pack(
        "{s:I, s:O, s:O, s:{s:O, s:O, s:O, s:O, s:O}, s:O, s:o, s:o, s:O, s:O, s:b, s:o}", "id",
        (json_int_t)id, "entity", json_object_get(row, "entity"), "entity_id",
        json_object_get(row, "entity_id"), "author", "id", json_object_get(row, "author_id"),
        "username", json_object_get(row, "username"), "full_name",
        json_object_get(row, "full_name"), "unit_id", json_object_get(row, "unit_id"), "unit_name",
        json_object_get(row, "unit_name"), "body",
        deleted ? json_null() : json_incref(json_object_get(row, "body")), "mentions", m, "files",
        f, "created_at", json_object_get(row, "created_at"), "edited_at",
        json_object_get(row, "edited_at"), "deleted", deleted, "can", can_of(p, row));
    if (o && deleted) {
        /* The tombstone keeps who removed it and when: evidence, like the author and date. */
        json_object_set(o, "deleted_at", json_object_get(row, "deleted_at"));
        json_object_set_new(o, "deleted_by",
                            json_pack("{s:O, s:O}", "id", json_object_get(row, "deleted_by"),
                                      "full_name", json_object_get(row, "deleted_by_name")));
    }
    return o;
}

/* The comments of an object (only_id 0), or one comment, as the answer shows them to p; NULL on a
 * database error. Mentions and files are read for the id range of the page in one query each. */
static json_t *comment_items(db_t *db, const struct principal *p, const char *entity,
                             long long entity_id, long long only_id, long long limit,
                             long long offset) {
    json_t *rows = db_query_json(db,
                                 COMMENT_COLS "WHERE c.entity = ? AND c.entity_id = ? AND (? = 0 "
                                              "OR c.id = ?) ORDER BY c.id LIMIT ? OFFSET ?",
                                 "siiiii", entity, entity_id, only_id, only_id, limit, offset);
    if (!rows) return NULL;
    size_t n = json_array_size(rows);
    long long lo = n ? jint(json_array_get(rows, 0), "id") : 0;
    long long hi = n ? jint(json_array_get(rows, n - 1), "id") : 0;
    json_t *mentions = db_query_json(
        db,
        "SELECT m.comment_id, u.id, u.username, u.full_name FROM comment_mentions m JOIN comments "
        "c "
        "ON c.id = m.comment_id JOIN users u ON u.id = m.user_id WHERE c.entity = ? AND "
        "c.entity_id = ? AND c.id BETWEEN ? AND ? ORDER BY m.comment_id, m.created_at, u.username",
        "siii", entity, entity_id, lo, hi);
    json_t *files =
        mentions ? db_query_json(db,
                                 "SELECT f.comment_id, f.n, f.name, f.mime AS type, f.size FROM "
                                 "comment_files f JOIN comments c ON c.id = f.comment_id WHERE "
                                 "c.entity = ? AND c.entity_id = ? AND c.id BETWEEN ? AND ? ORDER "
                                 "BY f.comment_id, f.n",
                                 "siii", entity, entity_id, lo, hi)
                 : NULL;
    json_t *items = files ? json_array() : NULL;
    size_t i;
    json_t *row;
    json_t *from = items ? rows : NULL;
    json_array_foreach(from, i, row) {
        json_array_append_new(items, comment_item(p, row, mentions, files));
    }
    json_decref(rows);
    json_decref(mentions);
    json_decref(files);
    return items;
}

/* One comment as p sees it (NULL on a database error or when it is gone). */
static json_t *comment_one(db_t *db, const struct principal *p, json_t *row) {
    json_t *items = comment_items(db, p, json_string_value(json_object_get(row, "entity")),
                                  jint(row, "entity_id"), jint(row, "id"), 1, 0);
    json_t *one = json_incref(json_array_get(items, 0));
    json_decref(items);
    return one;
}

/* ---- mentions ------------------------------------------------------------------------------ */

/* A mentioned user as the principal the modules' read checks take. */
static void principal_of(json_t *u, struct principal *p) {
    memset(p, 0, sizeof *p);
    p->user_id = jint(u, "id");
    p->unit_id = jint(u, "unit_id");
    snprintf(p->username, sizeof p->username, "%s",
             json_string_value(json_object_get(u, "username")));
    snprintf(p->role, sizeof p->role, "%s", json_string_value(json_object_get(u, "role")));
    snprintf(p->unit_level, sizeof p->unit_level, "%s",
             json_string_value(json_object_get(u, "unit_level")));
    p->coordinator = json_truthy(json_object_get(u, "coordinator"));
}

struct mention_ctx {
    long long comment_id, author_id;
    int e;
    long long entity_id;
    const char *author_name, *body;
    json_t *ref; /* the object's {title, link} */
};

/* Tells one mentioned user, once per comment, when the user exists, is active, is not the author
 * and may see the object (one who may not is neither told nor listed). 0 or -1. */
static int mention_one(db_t *db, const struct mention_ctx *m, const char *username) {
    json_t *u = NULL;
    int found = db_query_row_json(
        db, &u,
        "SELECT u.id, u.username, u.unit_id, u.role, un.level AS unit_level, un.coordinator FROM "
        "users u JOIN units un ON un.id = u.unit_id WHERE u.username = ? AND u.active = 1 AND "
        "(u.demo = 0 OR ? = 1)",
        "si", username, (long long)(server_cfg && server_cfg->demo));
    if (found <= 0) return found;
    struct principal who;
    principal_of(u, &who);
    json_decref(u);
    if (who.user_id == m->author_id) return 0;
    int sees = object_visible(db, &who, m->e, m->entity_id);
    if (sees <= 0) return sees;
    /* The row is the "once": an edit that names the user again inserts nothing. */
    long long added = db_exec(db,
                              "INSERT IGNORE INTO comment_mentions (comment_id, user_id) VALUES "
                              "(?, ?)",
                              "ii", m->comment_id, who.user_id);
    if (added <= 0) return added < 0 ? -1 : 0;
    char title[700], body[1100], key[96];
    const char *obj = json_string_value(json_object_get(m->ref, "title"));
    snprintf(title, sizeof title, "%s nhắc đến bạn trong trao đổi: %.500s", m->author_name,
             obj ? obj : "");
    size_t cut = utf8_cut(m->body, strlen(m->body), 1000);
    snprintf(body, sizeof body, "%.*s", (int)cut, m->body);
    snprintf(key, sizeof key, "comment.mention:%lld:%lld", m->comment_id, who.user_id);
    const struct notice n = {"comment.mention",
                             entities[m->e],
                             m->entity_id,
                             title,
                             body,
                             json_string_value(json_object_get(m->ref, "link")),
                             key};
    return notify_user(db, who.user_id, &n) < 0 ? -1 : 0;
}

/* Every @username of the body, in the caller's transaction. 0 or -1. */
static int mention_all(db_t *db, const struct mention_ctx *m) {
    static __thread char names[MENTION_MAX][MENTION_NAME_MAX + 1];
    size_t n = mentions_parse(m->body, strlen(m->body), names, MENTION_MAX);
    for (size_t i = 0; i < n; i++)
        if (mention_one(db, m, names[i]) < 0) return -1;
    return 0;
}

static int mention_run(req_t *r, db_t *db, long long comment_id, int e, long long entity_id,
                       const char *body) {
    if (!strchr(body, '@')) return 0;
    json_t *ref = NULL;
    int found = object_ref(db, e, entity_id, &ref);
    if (found <= 0) return found < 0 ? -1 : 0;
    const struct mention_ctx m = {
        comment_id, r->user->user_id, e, entity_id, r->user->full_name, body, ref};
    int rc = mention_all(db, &m);
    json_decref(ref);
    return rc;
}

/* ---- list ---------------------------------------------------------------------------------- */

struct comments_query {
    int entity;
    long long entity_id;
    struct page page;
};
static const struct in_decl comments_query_fields[] = {
    IN_FIELD(struct comments_query, entity, IN_ENUM, IN_REQUIRED, 0, 0, entities),
    IN_FIELD(struct comments_query, entity_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_comments_list =
    IN_SPEC_PAGED(struct comments_query, comments_query_fields, 50, 200);

int h_comments_list(req_t *r) {
    const struct comments_query *in = r->query_in;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int sees = object_visible(db, r->user, in->entity, in->entity_id);
    if (sees < 0) return db_fail(r, db);
    if (sees == 0) return not_found(r, entity_what[in->entity]);
    long long total = 0;
    if (db_query_int(db, &total, "SELECT COUNT(*) FROM comments WHERE entity = ? AND entity_id = ?",
                     "si", entities[in->entity], in->entity_id) < 0)
        return db_fail(r, db);
    json_t *items = comment_items(db, r->user, entities[in->entity], in->entity_id, 0,
                                  in->page.per_page, in->page.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &in->page));
    return 0;
}

/* ---- create -------------------------------------------------------------------------------- */

struct comment_new {
    int entity;
    long long entity_id;
    const char *body;
};
static const struct in_decl comment_new_fields[] = {
    IN_FIELD(struct comment_new, entity, IN_ENUM, IN_REQUIRED, 0, 0, entities),
    IN_FIELD(struct comment_new, entity_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct comment_new, body, IN_STR, IN_REQUIRED, 1, BODY_MAX, NULL),
};
const struct in_spec in_comments_create = IN_SPEC_FORM(struct comment_new, comment_new_fields);

struct comment_edit {
    const char *body;
};
static const struct in_decl comment_edit_fields[] = {
    IN_FIELD(struct comment_edit, body, IN_STR, IN_REQUIRED, 1, BODY_MAX, NULL),
};
const struct in_spec in_comments_update = IN_SPEC(struct comment_edit, comment_edit_fields);

/* The body as the object a JSON client sends, files collected from a form: NULL after answering
 * 400 (a malformed form or JSON). Field errors are collected in r. */
static json_t *create_body(req_t *r, struct fb_file *files, int *nfiles) {
    const char *ct = req_env(r, "CONTENT_TYPE");
    *nfiles = 0;
    if (!ct || strncasecmp(ct, "multipart/", 10) != 0) return req_json(r) < 0 ? NULL : r->json;
    static const char *const numbers[] = {"entity_id", NULL};
    json_t *obj = fb_form_json(r, "files", numbers, files, nfiles, FILES_MAX);
    if (!obj) return NULL;
    r->json = obj; /* freed with the request */
    return obj;
}

/* A body of only spaces and line breaks says nothing. */
static int blank(const char *s) {
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s)) return 0;
    return 1;
}

/* Reads and checks the whole request (fields, files, the object's visibility) before anything
 * touches the disk. 0, or -1 after answering. */
static int create_read(req_t *r, db_t *db, struct fb_file *files, int *nfiles,
                       const struct comment_new **out) {
    json_t *obj = create_body(r, files, nfiles);
    if (!obj) return -1;
    void *v = NULL;
    int checked = input_declared_body(r, &in_comments_create, obj, &v);
    r->body_in = v; /* freed with the request */
    if (checked < 0) return -1;
    const struct comment_new *in = v;
    if (blank(in->body)) {
        req_error(r, "body", "Không được để trống.");
        return res_invalid(r);
    }
    int sees = object_visible(db, r->user, in->entity, in->entity_id);
    if (sees < 0) return db_fail(r, db);
    if (sees == 0) return not_found(r, entity_what[in->entity]);
    *out = in;
    return 0;
}

/* Removes the files this request stored when the write failed (a shared file stays). */
static void files_discard(db_t *db, struct fb_file *files, int n) {
    if (db_in_txn(db)) db_rollback(db);
    for (int i = 0; i < n; i++)
        if (files[i].sha[0]) upload_discard(db, server_cfg->upload_dir, files[i].sha);
}

static int files_insert(db_t *db, long long id, struct fb_file *files, int n) {
    for (int i = 0; i < n; i++)
        if (db_exec(db,
                    "INSERT INTO comment_files (comment_id, n, name, sha256, mime, size) VALUES "
                    "(?, ?, ?, ?, ?, ?)",
                    "iisssi", id, (long long)(i + 1), files[i].name, files[i].sha, files[i].mime,
                    (long long)files[i].len) < 0)
            return -1;
    return 0;
}

int h_comments_create(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct fb_file files[FILES_MAX];
    int nfiles = 0;
    const struct comment_new *in = NULL;
    /* !in spelled out: the analyzer cannot see that every answering path returns -1. */
    if (create_read(r, db, files, &nfiles, &in) < 0 || !in) return -1;
    if (fb_files_store(files, nfiles) < 0) {
        files_discard(db, files, nfiles);
        return res_internal(r, "comment file store failed");
    }
    int rc = db_begin(db) < 0 ||
             db_exec(db,
                     "INSERT INTO comments (entity, entity_id, author_id, unit_id, body) VALUES "
                     "(?, ?, ?, ?, ?)",
                     "siiis", entities[in->entity], in->entity_id, r->user->user_id,
                     r->user->unit_id, in->body) < 0;
    long long id = rc ? 0 : db_last_id(db);
    if (!rc) rc = files_insert(db, id, files, nfiles) < 0;
    if (!rc) rc = mention_run(r, db, id, in->entity, in->entity_id, in->body) < 0;
    json_t *row = json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "entity", entities[in->entity],
                            "entity_id", (json_int_t)in->entity_id);
    json_t *after = rc ? NULL : comment_one(db, r->user, row);
    json_decref(row);
    if (!after || audit_write(db, r, "comment.create", "comment", id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        files_discard(db, files, nfiles);
        return db_fail(r, db);
    }
    res_json(r, 201, after);
    return 0;
}

/* ---- edit and delete ----------------------------------------------------------------------- */

/* Locks comment id in a new transaction when p may see its object: 1 with *row, or -1 after
 * answering (404, 503). */
static int begin_comment(req_t *r, db_t *db, long long id, json_t **row) {
    if (begin_locked_row(r, db, row, COMMENT_COLS "WHERE c.id = ? FOR UPDATE", id, "trao đổi") < 0)
        return -1;
    int e = entity_index(json_string_value(json_object_get(*row, "entity")));
    int sees = object_visible(db, r->user, e, jint(*row, "entity_id"));
    if (sees == 1) return 1;
    json_decref(*row);
    *row = NULL;
    if (sees < 0) return db_fail(r, db);
    db_rollback(db);
    return not_found(r, "trao đổi");
}

/* Refuses a change to a removed comment or one past its window (409), or by someone else (403).
 * moderated: the unit's leader may act past the window. 0 to go on, -1 after answering. */
static int may_change(req_t *r, db_t *db, json_t *row, int moderated) {
    const char *msg = NULL;
    int status = 409;
    int mine = jint(row, "author_id") == r->user->user_id;
    int fresh = json_truthy(json_object_get(row, "fresh"));
    if (!json_is_null(json_object_get(row, "deleted_at")))
        msg = "Trao đổi này đã bị xoá.";
    else if (moderated && is_moderator(r->user, row))
        msg = NULL;
    else if (!mine) {
        status = 403;
        msg = moderated ? "Chỉ người viết hoặc lãnh đạo đơn vị của người viết mới xoá được trao "
                          "đổi này."
                        : "Chỉ người viết mới sửa được trao đổi này.";
    } else if (!fresh)
        msg = moderated ? "Đã quá 15 phút kể từ khi gửi: không xoá được trao đổi này nữa."
                        : "Đã quá 15 phút kể từ khi gửi: không sửa được trao đổi này nữa.";
    if (!msg) return 0;
    db_rollback(db);
    if (status == 409) return res_conflict(r, msg, "[]");
    res_problem(r, status, NULL, msg);
    return -1;
}

/* Ends an edit or a removal: the audit row with the comment before and after, the commit, and
 * the comment as p sees it now. Takes row. */
static int finish(req_t *r, db_t *db, int rc, const char *action, json_t *row, json_t *before) {
    json_t *after = rc ? NULL : comment_one(db, r->user, row);
    long long id = jint(row, "id");
    json_decref(row);
    return commit_write(r, db, rc, action, "comment", id, before, after, 200);
}

int h_comments_update(req_t *r) {
    const struct comment_edit *in = r->body_in;
    if (blank(in->body)) {
        req_error(r, "body", "Không được để trống.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (begin_comment(r, db, req_param_id(r, "id"), &row) < 0) return -1;
    if (may_change(r, db, row, 0) < 0) {
        json_decref(row);
        return -1;
    }
    long long id = jint(row, "id");
    json_t *before = comment_one(db, r->user, row);
    int rc = !before || db_exec(db, "UPDATE comments SET body = ?, edited_at = NOW() WHERE id = ?",
                                "si", in->body, id) < 0;
    int e = entity_index(json_string_value(json_object_get(row, "entity")));
    if (!rc) rc = mention_run(r, db, id, e, jint(row, "entity_id"), in->body) < 0;
    return finish(r, db, rc, "comment.update", row, before);
}

int h_comments_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *row = NULL;
    if (begin_comment(r, db, req_param_id(r, "id"), &row) < 0) return -1;
    if (may_change(r, db, row, 1) < 0) {
        json_decref(row);
        return -1;
    }
    json_t *before = comment_one(db, r->user, row);
    int rc = !before ||
             db_exec(db, "UPDATE comments SET deleted_at = NOW(), deleted_by = ? WHERE id = ?",
                     "ii", r->user->user_id, jint(row, "id")) < 0;
    /* The mention notifications quoted the text: a removed comment is no longer readable there
     * either (the comment row keeps it as evidence). */
    if (!rc)
        rc = db_exec(db,
                     "UPDATE notifications SET body = NULL WHERE kind = 'comment.mention' AND "
                     "dedupe LIKE CONCAT('comment.mention:', ?, ':%')",
                     "i", jint(row, "id")) < 0;
    return finish(r, db, rc, "comment.delete", row, before);
}

/* ---- files --------------------------------------------------------------------------------- */

int h_comments_file(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    const char *ns = req_param(r, "n");
    char *end = NULL;
    long n = ns ? strtol(ns, &end, 10) : 0;
    if (!ns || *end || n < 1 || n > FILES_MAX) return not_found(r, "tệp đính kèm");
    json_t *row = NULL, *file = NULL;
    int found =
        db_query_row_json(db, &row, COMMENT_COLS "WHERE c.id = ?", "i", req_param_id(r, "id"));
    if (found == 1)
        found = object_visible(db, r->user,
                               entity_index(json_string_value(json_object_get(row, "entity"))),
                               jint(row, "entity_id"));
    /* A removed comment's files are kept as evidence but no longer handed out. */
    if (found == 1 && !json_is_null(json_object_get(row, "deleted_at"))) found = 0;
    if (found == 1)
        found = db_query_row_json(db, &file,
                                  "SELECT name, sha256, mime FROM comment_files WHERE comment_id "
                                  "= ? AND n = ?",
                                  "ii", jint(row, "id"), (long long)n);
    json_decref(row);
    if (found < 0) return db_fail(r, db);
    if (found == 0) return not_found(r, "tệp đính kèm");
    int rc = res_stored_file(r, json_string_value(json_object_get(file, "sha256")),
                             json_string_value(json_object_get(file, "mime")),
                             json_string_value(json_object_get(file, "name")));
    json_decref(file);
    return rc;
}
