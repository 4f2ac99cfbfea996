/* GET /api/v1/audit: the administrator's search over the recorded changes of its scope. */
#include <stdio.h>

#include "api/api.h"
#include "api/common.h"
#include "api/units.h"

/* A province-wide admin reads every row; another admin reads the rows of actors in its subtree and
 * those about units, users and plans of its subtree (who changed them included), nothing else. */
#define AUDIT_SCOPE                                                                                \
    " AND (? = 1 OR actor_id IN (SELECT su.id FROM users su JOIN unit_closure sc ON "              \
    "sc.descendant_id = su.unit_id WHERE sc.ancestor_id = ?) OR (entity = 'unit' AND entity_id "   \
    "IN (SELECT sc.descendant_id FROM unit_closure sc WHERE sc.ancestor_id = ?)) "                 \
    "OR (entity = 'user' AND entity_id IN (SELECT su.id FROM users su JOIN "                       \
    "unit_closure sc ON sc.descendant_id = su.unit_id WHERE sc.ancestor_id = ?)) OR (entity = "    \
    "'plan' AND entity_id IN (SELECT sp.id FROM plans sp JOIN unit_closure sc ON "                 \
    "sc.descendant_id = sp.unit_id WHERE sc.ancestor_id = ?)))"

/* The object's name as people know it (a plan's title, a unit's name...), looked up for the page
 * of rows only; a deleted object keeps the name its "before" image recorded. */
#define AUDIT_ENTITY_NAME                                                                            \
    "COALESCE(CASE entity WHEN 'plan' THEN (SELECT title FROM plans WHERE id = entity_id) "          \
    "WHEN 'section' THEN (SELECT CONCAT_WS('. ', number, title) FROM plan_sections WHERE id = "      \
    "entity_id) WHEN 'task' THEN (SELECT CONCAT_WS('. ', number, title) FROM tasks WHERE id = "      \
    "entity_id) WHEN 'assignment' THEN (SELECT CONCAT(t.title, ' — ', u.name) FROM assignments "   \
    "a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id WHERE a.id = entity_id) "   \
    "WHEN 'unit' THEN (SELECT name FROM units WHERE id = entity_id) WHEN 'user' THEN (SELECT "       \
    "COALESCE(NULLIF(full_name, ''), username) FROM users WHERE id = entity_id) WHEN 'procedure' "   \
    "THEN (SELECT CONCAT_WS(' ', code, name) FROM procedures WHERE id = entity_id) WHEN "            \
    "'procedure_field' THEN (SELECT name FROM procedure_fields WHERE id = entity_id) WHEN "          \
    "'feedback' THEN (SELECT title FROM feedback WHERE id = entity_id) WHEN 'report' THEN "          \
    "(SELECT CONCAT(COALESCE(NULLIF(rp.title, ''), CONCAT('Báo cáo kỳ ', rp.period)), ' — ', " \
    "u.name) FROM reports rp JOIN units u ON u.id = rp.unit_id WHERE rp.id = entity_id) END, "       \
    "JSON_VALUE(before_json, '$.title'), JSON_VALUE(before_json, '$.name'), "                        \
    "JSON_VALUE(after_json, '$.title'), JSON_VALUE(after_json, '$.name')) AS entity_name"

struct audit_query {
    const char *actor, *entity, *entity_id, *action;
    struct ymd from, to;
    struct page page;
};
static const struct in_decl audit_fields[] = {
    IN_FIELD(struct audit_query, actor, IN_STR, 0, 1, 64, NULL),
    IN_FIELD(struct audit_query, entity, IN_STR, 0, 1, 64, NULL),
    IN_FIELD(struct audit_query, entity_id, IN_STR, 0, 1, 64, NULL),
    IN_FIELD(struct audit_query, action, IN_STR, 0, 1, 64, NULL),
    IN_FIELD(struct audit_query, from, IN_DATE, 0, 0, 0, NULL),
    IN_FIELD(struct audit_query, to, IN_DATE, 0, 0, 0, NULL),
};
const struct in_spec in_audit_list = IN_SPEC_PAGED(struct audit_query, audit_fields, 50, 500);

int h_audit_list(req_t *r) {
    const struct audit_query *in = r->query_in;
    const char *actor = in->actor, *entity = in->entity, *action = in->action,
               *entity_id = in->entity_id;
    char from_buf[11], to_buf[11];
    const char *from = in_date_str(in->from, from_buf), *to = in_date_str(in->to, to_buf);
    const struct page pg = in->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    const char *where = " FROM audit_log WHERE (? IS NULL OR actor_username = ?) AND (? IS NULL "
                        "OR entity = ?) AND (? IS NULL OR entity_id = ?) AND (? IS NULL OR action "
                        "LIKE CONCAT(?, '%')) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < "
                        "? + INTERVAL 1 DAY)" AUDIT_SCOPE;
    char sql[4000];
    long long total, wide = scope_province_wide(r->user), me = r->user->unit_id;
    snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", where);
    if (db_query_int(db, &total, sql, "ssssssssssssiiiii", actor, actor, entity, entity, entity_id,
                     entity_id, action, action, from, from, to, to, wide, me, me, me, me) < 0)
        return db_fail(r, db);
    snprintf(sql, sizeof sql,
             "SELECT id, at, actor_id, actor_username, address, action, entity, entity_id, "
             "before_json AS before__json, after_json AS after__json, request_id, "
             "" AUDIT_ENTITY_NAME "%s ORDER BY id DESC LIMIT ? OFFSET ?",
             where);
    json_t *items = db_query_json(db, sql, "ssssssssssssiiiiiii", actor, actor, entity, entity,
                                  entity_id, entity_id, action, action, from, from, to, to, wide,
                                  me, me, me, me, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}
