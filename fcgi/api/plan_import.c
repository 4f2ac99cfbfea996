/* POST /api/v1/plans/import/preview and /api/v1/plans/import: a plan's table (pasted text or the
 * HTML of a .docx converted in the browser) becomes a reviewed draft plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/calendar.h"
#include "api/common.h"
#include "api/plans.h"
#include "api/units.h"
#include "core/plantext.h"
#include "core/unitmatch.h"
#include "core/vnfold.h"

#define MAX_TASK_DEPTH 4

struct preview_ctx {
    const struct unit_catalog *units;
    const struct um_alias *al; /* the aliases the document defines */
    size_t nal;
    int year;
    json_t *warnings;
    json_t *resolved; /* cell text -> resolved list: plans repeat the same cells many times */
    int oom;          /* a cell could not be resolved for want of memory: answer 503 */
};

static void warn(struct preview_ctx *c, const char *where, const char *msg) {
    json_array_append_new(c->warnings, json_pack("{s:s, s:s}", "where", where, "message", msg));
}

static json_t *str_or_null(const char *s) {
    return s && *s ? json_string(s) : json_null();
}

/* The units named in a cell, resolved; *unresolved counts those nobody could match. */
static json_t *units_json(struct preview_ctx *c, const char *cell, const char *where,
                          const char *what, int *unresolved) {
    json_t *cached = cell ? json_object_get(c->resolved, cell) : NULL;
    json_t *list = cached ? json_deep_copy(cached)
                          : unit_catalog_resolve_aliased(c->units, cell, c->al, c->nal);
    if (!list) {
        c->oom = 1;
        return json_array();
    }
    if (!cached && cell) json_object_set_new(c->resolved, cell, json_deep_copy(list));
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u) {
        if (!json_is_integer(json_object_get(u, "unit_id")) &&
            !json_is_string(json_object_get(u, "group"))) {
            char msg[700];
            snprintf(msg, sizeof msg, "Chưa xác định được %s \"%s\": hãy chọn đơn vị.", what,
                     json_string_value(json_object_get(u, "text")));
            warn(c, where, msg);
            (*unresolved)++;
        }
    }
    return list;
}

/* A row's confidence: "low" when any reason is 2, "medium" when any is 1, else "high". */
struct doubt {
    json_t *reasons;
    int level;
};

static void doubt_add(struct doubt *d, int level, const char *why) {
    json_array_append_new(d->reasons, json_string(why));
    if (level > d->level) d->level = level;
}

/* What the reader guessed (core/plantext's PT_D_* bits), in words for the person. */
static void reader_doubts(struct doubt *d, unsigned bits) {
    if (bits & PT_D_JOINED)
        doubt_add(d, 2, "Có dòng tách sang trang sau được nối vào nhiệm vụ này.");
    if (bits & PT_D_NO_TITLE) doubt_add(d, 2, "Nhiệm vụ chưa có nội dung.");
    if (bits & PT_D_SUBROW)
        doubt_add(d, 1, "Ý con tách từ dòng không có số thứ tự và tên nhiệm vụ (ô gộp).");
    if (bits & PT_D_NO_NUMBER) doubt_add(d, 1, "Nhiệm vụ không có số thứ tự.");
    if (bits & PT_D_INHERITED)
        doubt_add(d, 1, "Đơn vị chủ trì hoặc thời gian lấy theo đề mục phía trên.");
}

/* Confidence of a task row and its reasons; a parent is judged on its own cells only. */
static void task_confidence(json_t *o, const struct pt_task *t, const struct timeline *tl,
                            int unresolved_lead, int unresolved_coop) {
    struct doubt d = {json_array(), 0};
    int leaf = !t->nchildren;
    reader_doubts(&d, t->doubts);
    if (leaf && (!t->lead || !*t->lead)) doubt_add(&d, 2, "Chưa có đơn vị chủ trì.");
    if (unresolved_lead) doubt_add(&d, 2, "Có đơn vị chủ trì chưa xác định được.");
    if (unresolved_coop) doubt_add(&d, 1, "Có đơn vị phối hợp chưa xác định được.");
    if (t->timeline && *t->timeline && tl->kind == TL_UNKNOWN)
        doubt_add(&d, 2, "Thời gian thực hiện chưa rõ.");
    else if (leaf && (!t->timeline || !*t->timeline))
        doubt_add(&d, 1, "Chưa có thời gian thực hiện.");
    static const char *const LEVEL[] = {"high", "medium", "low"};
    json_object_set_new(o, "confidence", json_string(LEVEL[d.level]));
    json_object_set_new(o, "reasons", d.reasons);
}

static json_t *task_json(struct preview_ctx *c, const struct pt_task *t, const char *sec) {
    char where[160];
    snprintf(where, sizeof where, "Mục %s, nhiệm vụ %s", sec ? sec : "—",
             t->number ? t->number : "(không số)");
    struct timeline tl;
    timeline_parse(t->timeline ? t->timeline : "", c->year, &tl);
    if (tl.kind == TL_UNKNOWN && t->timeline && *t->timeline) {
        char msg[TL_TEXT_MAX + 64];
        snprintf(msg, sizeof msg, "Thời gian thực hiện chưa rõ%s%s: hãy kiểm tra.",
                 tl.note[0] ? " — " : "", tl.note); /* the parser's reason, when it has one */
        warn(c, where, msg);
    }
    int ul = 0, uc = 0;
    json_t *lead = units_json(c, t->lead, where, "đơn vị chủ trì", &ul);
    json_t *coop = units_json(c, t->coop, where, "đơn vị phối hợp", &uc);
    json_t *o =
        json_pack("{s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "number", str_or_null(t->number), "title",
                  t->title ? t->title : "", "output", str_or_null(t->output), "lead", lead, "coop",
                  coop, "timeline", timeline_to_json(&tl, t->timeline ? t->timeline : ""),
                  "children", json_array());
    if (!o) {
        c->oom = 1;
        return json_object();
    }
    task_confidence(o, t, &tl, ul, uc);
    for (size_t i = 0; i < t->nchildren; i++)
        json_array_append_new(json_object_get(o, "children"), task_json(c, &t->children[i], sec));
    return o;
}

/* Counts the rows of a task tree by confidence into summary {high, medium, low}. */
static void count_confidence(json_t *task, json_t *summary) {
    const char *level = json_string_value(json_object_get(task, "confidence"));
    if (level) {
        json_t *n = json_object_get(summary, level);
        json_object_set_new(summary, level, json_integer(json_integer_value(n) + 1));
    }
    size_t i;
    json_t *child;
    json_array_foreach(json_object_get(task, "children"), i, child) {
        count_confidence(child, summary);
    }
}

static json_t *group_json(const struct pt_section *s) {
    if (!s->group_number && !s->group_title) return json_null();
    return json_pack("{s:o, s:s}", "number", str_or_null(s->group_number), "title",
                     s->group_title ? s->group_title : "");
}

static json_t *preview_json(struct preview_ctx *c, const struct pt_plan *p) {
    json_t *sections = json_array();
    json_t *summary = json_pack("{s:i, s:i, s:i}", "high", 0, "medium", 0, "low", 0);
    for (size_t i = 0; i < p->nsections; i++) {
        const struct pt_section *s = &p->sections[i];
        json_t *tasks = json_array();
        for (size_t k = 0; k < s->ntasks; k++) {
            json_t *t = task_json(c, &s->tasks[k], s->number);
            count_confidence(t, summary);
            json_array_append_new(tasks, t);
        }
        json_array_append_new(
            sections, json_pack("{s:o, s:s, s:o, s:o}", "number", str_or_null(s->number), "title",
                                s->title ? s->title : "", "group", group_json(s), "tasks", tasks));
    }
    for (size_t i = 0; i < p->nwarnings; i++)
        warn(c, p->warnings[i].where ? p->warnings[i].where : "", p->warnings[i].message);
    json_object_set_new(summary, "review",
                        json_integer(json_integer_value(json_object_get(summary, "medium")) +
                                     json_integer_value(json_object_get(summary, "low"))));
    return json_pack("{s:o, s:o, s:O, s:o}", "title", str_or_null(p->title), "sections", sections,
                     "warnings", c->warnings, "confidence", summary);
}

struct preview_input {
    const char *text, *html;
    long long year, unit_id;
};
static const struct in_decl preview_fields[] = {
    IN_FIELD(struct preview_input, text, IN_STR, 0, 1, 8 * 1024 * 1024, NULL),
    IN_FIELD(struct preview_input, html, IN_STR, 0, 1, 8 * 1024 * 1024, NULL),
    IN_FIELD(struct preview_input, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
    IN_FIELD(struct preview_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_plans_import_preview = IN_SPEC(struct preview_input, preview_fields);

int h_plans_import_preview(req_t *r) {
    const struct preview_input *in = r->body_in;
    const char *text = in->text, *html = in->html;
    long long year = in->year, unit_id = in->unit_id;
    if (!text == !html) {
        req_error(r, text ? "html" : "text", "Gửi một trong hai: text (dán bảng) hoặc html.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    int in_scope = scope_has_unit(db, r->user, unit_id);
    if (in_scope < 0) return db_fail(r, db);
    if (in_scope == 0) {
        req_error(r, "unit_id", "Đơn vị không tồn tại hoặc ngoài phạm vi của bạn.");
        return res_invalid(r);
    }
    struct pt_plan plan;
    int rc = text ? plantext_parse_text(text, strlen(text), &plan)
                  : plantext_parse_html(html, strlen(html), &plan);
    if (rc == PT_NOMEM) return res_no_memory(r); /* plan is empty */
    if (rc < 0) {
        const char *why = plan.nwarnings ? plan.warnings[0].message
                                         : "Không tìm thấy bảng nhiệm vụ trong nội dung đã dán.";
        req_error(r, text ? "text" : "html", why);
        plantext_free(&plan);
        return res_invalid(r);
    }
    struct unit_catalog units;
    if (unit_catalog_load(db, &units, unit_id) < 0) {
        unit_catalog_free(&units);
        plantext_free(&plan);
        return db_fail(r, db);
    }
    json_t *out = plan_import_preview(&units, (int)year, &plan, text ? text : html,
                                      strlen(text ? text : html));
    unit_catalog_free(&units);
    plantext_free(&plan);
    if (!out) return res_no_memory(r);
    res_json(r, 200, out);
    return 0;
}

/* ---- saving an edited preview ---------------------------------------------------------------- */

struct import_ctx {
    req_t *r;
    db_t *db;
    long long plan_id;
    int year;
    long long sort;
    json_t *unresolved;  /* the import report: what a person still has to settle */
    const char *section; /* number of the section being saved, for the report */
};

static void unresolved_add(struct import_ctx *c, long long task_id, json_t *t, const char *msg) {
    char where[160];
    const char *num = json_string_value(json_object_get(t, "number"));
    snprintf(where, sizeof where, "Mục %s, nhiệm vụ %s", c->section ? c->section : "—",
             num ? num : "(không số)");
    json_array_append_new(c->unresolved,
                          json_pack("{s:I, s:s, s:s}", "task_id", (json_int_t)task_id, "where",
                                    where, "message", msg));
}

/* What the saved task still leaves open: a lead unit nobody matched or none at all (a leaf),
 * a timeline the server could not read. */
static void report_unresolved(struct import_ctx *c, long long id, json_t *t, const char *tl_kind,
                              const char *tl_text) {
    json_t *lead = json_object_get(t, "lead"), *children = json_object_get(t, "children");
    size_t i;
    json_t *u;
    json_array_foreach(lead, i, u) {
        if (json_is_integer(json_object_get(u, "unit_id")) ||
            json_is_string(json_object_get(u, "group")))
            continue;
        char msg[700];
        snprintf(msg, sizeof msg, "Chưa xác định được đơn vị chủ trì \"%s\".",
                 json_string_value(json_object_get(u, "text")));
        unresolved_add(c, id, t, msg);
    }
    if (json_array_size(lead) == 0 && json_array_size(children) == 0)
        unresolved_add(c, id, t, "Chưa có đơn vị chủ trì.");
    if (tl_text && *tl_text && !strcmp(tl_kind, "unknown"))
        unresolved_add(c, id, t, "Thời gian thực hiện chưa rõ.");
}

static int check_units(struct import_ctx *c, json_t *list, const char *field) {
    if (!list) return 0;
    if (!json_is_array(list)) {
        req_error(c->r, field, "Phải là một mảng đơn vị.");
        return -1;
    }
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u) {
        json_t *id = json_object_get(u, "unit_id");
        long long one;
        int known = json_is_integer(id)
                        ? db_query_int(c->db, &one, "SELECT 1 FROM units WHERE id = ?", "i",
                                       json_integer_value(id))
                        : 0;
        if (known < 0) return -2; /* a database error, not a bad unit */
        if (!json_is_object(u) || !json_is_string(json_object_get(u, "text")) ||
            (id && !json_is_null(id) && known == 0)) {
            req_error(c->r, field, "Đơn vị không hợp lệ.");
            return -1;
        }
    }
    return 0;
}

static int insert_task(struct import_ctx *c, json_t *t, long long section_id, long long parent,
                       int depth, const char *where) {
    json_t *title = json_object_get(t, "title");
    if (!json_is_object(t) || !json_is_string(title) || json_string_length(title) < 1 ||
        json_string_length(title) > 20000 || depth > MAX_TASK_DEPTH) {
        req_error(c->r, where, "Nhiệm vụ phải có tên (title).");
        return -1;
    }
    json_t *lead = json_object_get(t, "lead"), *coop = json_object_get(t, "coop");
    int bad = check_units(c, lead, where);
    if (!bad) bad = check_units(c, coop, where);
    if (bad) return bad; /* -1 invalid, -2 database error */
    json_t *tl = json_object_get(t, "timeline");
    const char *tl_text =
        json_is_object(tl) ? json_string_value(json_object_get(tl, "text")) : json_string_value(tl);
    const char *kind;
    char start[11], due[11];
    /* The server parses the timeline text again: what the client sent is only a preview. */
    char *parsed = task_timeline(tl_text, c->year, &kind, start, due);
    char *lj = lead ? json_dumps(lead, JSON_COMPACT) : NULL;
    char *cj = coop ? json_dumps(coop, JSON_COMPACT) : NULL;
    char *folded = vnfold_dup(json_string_value(title));
    c->sort += 10;
    long long rc =
        !folded ? -1
                : db_exec(c->db,
                          "INSERT INTO tasks (plan_id, section_id, parent_task_id, "
                          "sort_order, number, title, title_folded, output, lead_json, "
                          "coop_json, timeline_text, timeline_json, tl_kind, start_date, "
                          "due_date) VALUES (?, ?, ?, ?, LEFT(?, 16), ?, ?, ?, "
                          "COALESCE(?, '[]'), COALESCE(?, '[]'), LEFT(?, 1000), ?, ?, "
                          "NULLIF(?, ''), NULLIF(?, ''))",
                          "iIIissssssssss"
                          "s",
                          c->plan_id, section_id, parent, c->sort,
                          json_string_value(json_object_get(t, "number")), json_string_value(title),
                          folded, json_string_value(json_object_get(t, "output")), lj, cj, tl_text,
                          parsed, kind, start, due);
    free(folded);
    free(parsed);
    free(lj);
    free(cj);
    if (rc < 0) return -2;
    long long id = db_last_id(c->db);
    report_unresolved(c, id, t, kind, tl_text);
    size_t i;
    json_t *child;
    json_array_foreach(json_object_get(t, "children"), i, child) {
        int k = insert_task(c, child, section_id, id, depth + 1, where);
        if (k) return k;
    }
    return 0;
}

static int insert_section_row(struct import_ctx *c, const char *number, const char *title,
                              long long sort) {
    return db_exec(c->db,
                   "INSERT INTO plan_sections (plan_id, number, title, sort_order) VALUES (?, "
                   "LEFT(?, 16), LEFT(?, 1000), ?)",
                   "issi", c->plan_id, number, title, sort) < 0
               ? -2
               : 0;
}

/*
 * Two-level headings: the preview gives a section its group ("A. NHIỆM VỤ CHUNG"); the plan
 * keeps the document's shape, the group a heading row of its own before its first section.
 */
static int insert_group(struct import_ctx *c, json_t *s, json_t **last, long long sort) {
    json_t *g = json_object_get(s, "group");
    if (!json_is_object(g) || json_equal(g, *last)) {
        *last = json_is_object(g) ? g : NULL;
        return 0;
    }
    *last = g;
    const char *title = json_string_value(json_object_get(g, "title"));
    return insert_section_row(c, json_string_value(json_object_get(g, "number")),
                              title ? title : "", sort - 5);
}

static int insert_sections(struct import_ctx *c, json_t *sections) {
    size_t i, k;
    json_t *s, *t, *group = NULL;
    json_array_foreach(sections, i, s) {
        char where[64];
        snprintf(where, sizeof where, "sections[%zu]", i);
        json_t *title = json_object_get(s, "title");
        if (!json_is_object(s) || !json_is_string(title)) {
            req_error(c->r, where, "Mục phải có tên (title).");
            return -1;
        }
        long long sort = (long long)(i + 1) * 10;
        if (insert_group(c, s, &group, sort) < 0 ||
            insert_section_row(c, json_string_value(json_object_get(s, "number")),
                               json_string_value(title), sort) < 0)
            return -2;
        long long sid = db_last_id(c->db);
        c->section = json_string_value(json_object_get(s, "number"));
        json_array_foreach(json_object_get(s, "tasks"), k, t) {
            snprintf(where, sizeof where, "sections[%zu].tasks[%zu]", i, k);
            int rc = insert_task(c, t, sid, 0, 0, where);
            if (rc) return rc;
        }
    }
    return 0;
}

static const char *const import_kinds[] = {"kstt",          "cchc",  "inspection", "review",
                                           "communication", "other", NULL};
struct import_input {
    const char *title, *decision_no;
    int kind; /* import_kinds[], -1 = kstt */
    struct ymd decision_date;
    long long year, unit_id;
    json_t *sections, *warnings;
};
static const struct in_decl import_fields[] = {
    IN_FIELD(struct import_input, title, IN_STR, IN_REQUIRED, 5, 500, NULL),
    IN_FIELD(struct import_input, kind, IN_ENUM, 0, 0, 0, import_kinds),
    IN_FIELD(struct import_input, decision_no, IN_STR, IN_NULLABLE, 1, 64, NULL),
    IN_FIELD(struct import_input, decision_date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct import_input, year, IN_INT, IN_REQUIRED, 2000, 2100, NULL),
    IN_FIELD(struct import_input, unit_id, IN_ID, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct import_input, sections, IN_JSON, IN_REQUIRED, 0, 0, NULL),
    IN_FIELD(struct import_input, warnings, IN_JSON, IN_NULLABLE, 0, 0, NULL),
};
const struct in_spec in_plans_import = IN_SPEC(struct import_input, import_fields);

int h_plans_import(req_t *r) {
    const struct import_input *in = r->body_in;
    char date_buf[11];
    const char *title = in->title, *kind = in->kind < 0 ? "kstt" : import_kinds[in->kind],
               *decision_no = in->decision_no,
               *decision_date = in_date_str(in->decision_date, date_buf);
    long long year = in->year, unit_id = in->unit_id;
    json_t *sections = in->sections; /* warnings: the preview's, sent back and not kept */
    if (!json_is_array(sections) || json_array_size(sections) == 0) {
        req_error(r, "sections", "Kế hoạch cần ít nhất một mục có nhiệm vụ.");
        return res_invalid(r);
    }
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct plan_new p = {unit_id, year, kind, title, decision_no, decision_date};
    long long plan_id = plan_begin_insert(r, db, &p);
    if (plan_id < 0) return -1;
    struct import_ctx c = {r, db, plan_id, (int)year, 0, json_array(), NULL};
    int rc = insert_sections(&c, sections);
    if (rc == -1) {
        json_decref(c.unresolved);
        db_rollback(db);
        return res_invalid(r);
    }
    json_t *after = rc ? NULL : plan_visible(db, r->user, c.plan_id);
    long long ntasks = 0;
    if (after && db_query_int(db, &ntasks, "SELECT COUNT(*) FROM tasks WHERE plan_id = ?", "i",
                              c.plan_id) < 0) {
        json_decref(after);
        after = NULL;
    }
    if (after) json_object_set_new(after, "task_count", json_integer(ntasks));
    if (rc || !after || audit_write(db, r, "plan.import", "plan", c.plan_id, NULL, after) < 0 ||
        db_commit(db) < 0) {
        json_decref(after);
        json_decref(c.unresolved);
        return db_fail(r, db);
    }
    json_object_set_new(after, "unresolved", c.unresolved); /* the report, after the audit */
    res_json(r, 201, after);
    return 0;
}

/* ---- for the demo plan (api/demo_plans.c) ---------------------------------------------------- */

json_t *plan_import_preview(const struct unit_catalog *units, int year, const struct pt_plan *p,
                            const char *doc, size_t doclen) {
    struct preview_ctx pc = {units, NULL, 0, year, json_array(), json_object(), 0};
    struct um_alias *al = NULL;
    /* the aliases are defined anywhere in the text (often in the prose above the table), so
     * the whole document is read for them before any cell is resolved */
    if (doc && unitmatch_aliases(doc, doclen, &al, &pc.nal) < 0) pc.oom = 1;
    pc.al = al;
    json_t *preview = pc.oom ? NULL : preview_json(&pc, p);
    unitmatch_aliases_free(al, pc.nal);
    json_decref(pc.warnings);
    json_decref(pc.resolved);
    if (pc.oom) {
        json_decref(preview);
        return NULL;
    }
    return preview;
}

int plan_import_sections(req_t *r, db_t *db, long long plan_id, int year, json_t *sections) {
    struct import_ctx c = {r, db, plan_id, year, 0, json_array(), NULL};
    int rc = insert_sections(&c, sections);
    json_decref(c.unresolved);
    return rc;
}
