/* /api/v1/procedures, /api/v1/procedure-fields and /api/v1/public/procedures: the procedure
 * catalogue (CRUD, status, history, fields) and the citizens' search. Import: procedures_import.c;
 * the in-memory read model behind lists and search: procedures_catalog.c. */
#include "api/answers.h"
#include "api/procedures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/procedures_internal.h"
#include "core/procedure.h"
#include "core/procsearch.h"
#include "core/vnfold.h"
#include "lib/buf.h"

static const char *const level_choices[] = {"province", "district", "commune", NULL};
static const char *const online_choices[] = {"full", "partial", "none", NULL};
static const char *const status_choices[] = {"in_force", "amended", "abolished", NULL};
static const char *const unit_choices[] = {"days", "working_days", "hours", NULL};
static const char *const sort_choices[] = {"rank", "name", "code", NULL};

#define LEVELS_JSON                                                                                \
    "CONCAT('[', CONCAT_WS(',', IF(p.level_province, '\"province\"', NULL), "                      \
    "IF(p.level_district, '\"district\"', NULL), IF(p.level_commune, '\"commune\"', NULL)), ']') " \
    "AS levels__json"

/* The editable state: exactly the keys of the field table below. */
#define STATE_COLS                                                                                 \
    "p.code, p.name, p.field_id, " LEVELS_JSON ", p.agency_unit_id, p.agency, "                    \
    "p.time_limit_value, p.time_limit_unit, p.time_limit_text, p.fee_text, p.fee_amount, "         \
    "p.online_level, p.postal, p.boundary_free, p.four_on_spot, p.decision_no, p.decision_date, "  \
    "p.effective_date, p.internal_process_approved, p.internal_process_decision_no, "              \
    "p.internal_process_date, p.steps, p.way, p.dossier, p.subjects, p.requirements, p.result, "   \
    "p.legal_basis"

#define FULL_COLS                                                                                  \
    "p.id, " STATE_COLS ", f.name AS field_name, u.name AS agency_unit_name, p.status, "           \
    "p.replaced_by, p.status_decision_no, p.status_date, p.complete, p.created_at, p.updated_at "  \
    "FROM procedures p JOIN procedure_fields f ON f.id = p.field_id LEFT JOIN units u ON u.id = "  \
    "p.agency_unit_id"

/* ---- validation and writing (shared with the import) ---- */

static size_t field_table(struct proc_in *p, int creating, int *present, struct in_field *f) {
    const struct in_field t[PROC_NFIELDS] = {
        {"code", IN_STR, creating, 0, 1, PROC_CODE_MAX, NULL, &p->code, NULL},
        {"name", IN_STR, creating, 0, 3, 1000, NULL, &p->name, NULL},
        {"field_id", IN_ID, creating, 0, 0, 0, NULL, &p->field_id, NULL},
        {"levels", IN_JSON, creating, 0, 0, 0, NULL, &p->levels, NULL},
        {"agency_unit_id", IN_ID, 0, 1, 0, 0, NULL, &p->agency_unit_id, NULL},
        {"agency", IN_STR, 0, 1, 1, 1000, NULL, &p->agency, NULL},
        {"time_limit_value", IN_NUM, 0, 1, 0, 99999, NULL, &p->tl_value, &present[0]},
        {"time_limit_unit", IN_ENUM, 0, 1, 0, 0, unit_choices, &p->tl_unit, NULL},
        {"time_limit_text", IN_STR, 0, 1, 1, 16000, NULL, &p->tl_text, NULL},
        {"fee_text", IN_STR, 0, 1, 1, 16000, NULL, &p->fee_text, NULL},
        {"fee_amount", IN_INT, 0, 1, 0, 1000000000000LL, NULL, &p->fee_amount, &present[1]},
        {"online_level", IN_ENUM, 0, 0, 0, 0, online_choices, &p->online, NULL},
        {"postal", IN_BOOL, 0, 0, 0, 0, NULL, &p->postal, NULL},
        {"boundary_free", IN_BOOL, 0, 0, 0, 0, NULL, &p->boundary_free, NULL},
        {"four_on_spot", IN_BOOL, 0, 0, 0, 0, NULL, &p->four_on_spot, NULL},
        {"decision_no", IN_STR, 0, 1, 1, 64, NULL, &p->decision_no, NULL},
        {"decision_date", IN_DATE, 0, 1, 0, 0, NULL, &p->decision_date, NULL},
        {"effective_date", IN_DATE, 0, 1, 0, 0, NULL, &p->effective_date, NULL},
        {"internal_process_approved", IN_BOOL, 0, 0, 0, 0, NULL, &p->ip_approved, NULL},
        {"internal_process_decision_no", IN_STR, 0, 1, 1, 64, NULL, &p->ip_no, NULL},
        {"internal_process_date", IN_DATE, 0, 1, 0, 0, NULL, &p->ip_date, NULL},
        {"steps", IN_STR, 0, 1, 0, 100000, NULL, &p->steps, NULL},
        {"way", IN_STR, 0, 1, 0, 16000, NULL, &p->way, NULL},
        {"dossier", IN_STR, 0, 1, 0, 100000, NULL, &p->dossier, NULL},
        {"subjects", IN_STR, 0, 1, 0, 16000, NULL, &p->subjects, NULL},
        {"requirements", IN_STR, 0, 1, 0, 16000, NULL, &p->requirements, NULL},
        {"result", IN_STR, 0, 1, 0, 16000, NULL, &p->result, NULL},
        {"legal_basis", IN_STR, 0, 1, 0, 16000, NULL, &p->legal_basis, NULL},
    };
    memcpy(f, t, sizeof t);
    return PROC_NFIELDS;
}

int proc_state(db_t *db, long long id, int lock, json_t **out) {
    return db_query_row_json(db, out,
                             lock ? "SELECT " STATE_COLS " FROM procedures p WHERE p.id = ? FOR "
                                    "UPDATE"
                                  : "SELECT " STATE_COLS " FROM procedures p WHERE p.id = ?",
                             "i", id);
}

static int check_levels(req_t *v, struct proc_in *p) {
    p->level_mask = 0;
    if (!json_is_array(p->levels)) {
        req_error(v, "levels", "Phải là danh sách cấp thực hiện.");
        return -1;
    }
    size_t i;
    json_t *x;
    json_array_foreach(p->levels, i, x) {
        const char *s = json_string_value(x);
        unsigned bit = 0;
        for (int k = 0; s && k < 3; k++)
            if (strcmp(s, proc_level_names[k]) == 0) bit = 1u << k;
        if (!bit || (p->level_mask & bit)) {
            req_error(v, "levels",
                      "Cấp thực hiện chỉ gồm province, district, commune (không lặp).");
            return -1;
        }
        p->level_mask |= bit;
    }
    if (!p->level_mask) {
        req_error(v, "levels", "Chọn ít nhất một cấp thực hiện (tỉnh, huyện, xã).");
        return -1;
    }
    return 0;
}

/* body_only: the keys a PUT sent, before they are merged into the stored state, so only the
 * rules about one key apply (pairs are checked on the merged state). */
static int check_state(req_t *v, db_t *db, json_t *state, struct proc_in *p, int creating,
                       int skip_field, int body_only) {
    struct in_field f[PROC_NFIELDS];
    int present[2] = {0, 0};
    memset(p, 0, sizeof *p);
    p->online = "none";
    field_table(p, creating, present, f);
    /* Go on after type errors: the rules across fields report on the keys that were valid, so
     * one answer lists every problem. */
    input_check(v, state, f, PROC_NFIELDS);
    p->has_tl_value = present[0] && !json_is_null(json_object_get(state, "time_limit_value"));
    p->has_fee_amount = present[1] && !json_is_null(json_object_get(state, "fee_amount"));
    if (p->code && !proc_code_valid(p->code))
        req_error(v, "code",
                  "Mã thủ tục có dạng 1.001234: một hoặc hai chữ số, dấu chấm, sáu chữ "
                  "số.");
    if (p->levels) check_levels(v, p);
    if (p->has_tl_value && p->tl_value <= 0)
        req_error(v, "time_limit_value", "Thời hạn phải lớn hơn 0.");
    if (body_only) return req_has_errors(v) ? -1 : 0;
    if (p->has_tl_value != (p->tl_unit != NULL))
        req_error(v, p->has_tl_value ? "time_limit_unit" : "time_limit_value",
                  "Nhập cả số và đơn vị của thời hạn giải quyết (hoặc bỏ trống cả hai).");
    if (p->ip_approved && !p->ip_no)
        req_error(v, "internal_process_decision_no",
                  "Nhập số quyết định phê duyệt quy trình nội bộ.");
    long long one;
    int rc;
    if (p->field_id && !skip_field) {
        rc =
            db_query_int(db, &one, "SELECT 1 FROM procedure_fields WHERE id = ?", "i", p->field_id);
        if (rc < 0) return -2;
        if (rc == 0) req_error(v, "field_id", "Lĩnh vực không tồn tại.");
    }
    if (p->agency_unit_id) {
        rc = db_query_int(db, &one, "SELECT 1 FROM units WHERE id = ?", "i", p->agency_unit_id);
        if (rc < 0) return -2;
        if (rc == 0) req_error(v, "agency_unit_id", "Cơ quan thực hiện không tồn tại.");
    }
    return req_has_errors(v) ? -1 : 0;
}

int proc_check(req_t *v, db_t *db, json_t *state, struct proc_in *p, int creating, int skip_field) {
    return check_state(v, db, state, p, creating, skip_field, 0);
}

int catalog_bump(db_t *db) {
    return db_exec(db, "UPDATE procedure_catalog SET version = version + 1 WHERE id = 1", NULL) < 0
               ? -1
               : 0;
}

/* What a procedure is found by besides its name, and whether its seven components are there. */
static int derive(db_t *db, const struct proc_in *p, char **name_folded, char **words,
                  int *complete) {
    char *field = NULL;
    struct db_res *res =
        db_query(db, "SELECT name FROM procedure_fields WHERE id = ?", "i", p->field_id);
    if (!res) return -1;
    if (res->nrows) field = strdup(db_val(res, 0, 0));
    db_res_free(res);
    const char *texts[] = {field,           p->agency, p->tl_text,    p->fee_text,
                           p->steps,        p->way,    p->dossier,    p->subjects,
                           p->requirements, p->result, p->legal_basis};
    *words = proc_search_words(texts, sizeof texts / sizeof texts[0]);
    *name_folded = vnfold_dup(p->name);
    free(field);
    /* The agency and the time limit count as published when given as a unit or a number. */
    const char *values[PROC_COMPONENTS] = {p->name,    p->steps,    p->way,   p->dossier,
                                           p->tl_text, p->subjects, p->agency};
    if (!p->tl_text && p->has_tl_value) values[4] = "x";
    if (!p->agency && p->agency_unit_id) values[6] = "x";
    *complete = proc_missing_components(values) == 0;
    if (!*words || !*name_folded) {
        free(*words);
        free(*name_folded);
        return -1;
    }
    return 0;
}

long long proc_write(db_t *db, const struct proc_in *p, long long id) {
    char *folded = NULL, *words = NULL;
    int complete = 0;
    if (derive(db, p, &folded, &words, &complete) < 0) return -1;
    if (!id) {
        if (db_exec(db, "INSERT INTO procedures (code, name, field_id) VALUES (?, ?, ?)", "ssi",
                    p->code, p->name, p->field_id) < 0) {
            free(folded);
            free(words);
            return -1;
        }
        id = db_last_id(db);
    }
    char tlv[32], fee[32];
    snprintf(tlv, sizeof tlv, "%.2f", p->tl_value);
    snprintf(fee, sizeof fee, "%lld", p->fee_amount);
    long long rc = db_exec(
        db,
        "UPDATE procedures SET code = ?, name = ?, field_id = ?, level_province = ?, "
        "level_district = ?, level_commune = ?, agency_unit_id = ?, agency = ?, time_limit_value = "
        "?, time_limit_unit = ?, time_limit_text = ?, fee_text = ?, fee_amount = ?, online_level = "
        "?, postal = ?, boundary_free = ?, four_on_spot = ?, decision_no = ?, decision_date = ?, "
        "effective_date = ?, internal_process_approved = ?, internal_process_decision_no = ?, "
        "internal_process_date = ?, steps = ?, way = ?, dossier = ?, subjects = ?, requirements = "
        "?, result = ?, legal_basis = ?, complete = ?, name_folded = ?, search_words = ? WHERE id "
        "= ?",
        "ssiiiiIsssssssiiisssisssssssssissi", p->code, p->name, p->field_id,
        (long long)((p->level_mask & PROC_LEVEL_PROVINCE) != 0),
        (long long)((p->level_mask & PROC_LEVEL_DISTRICT) != 0),
        (long long)((p->level_mask & PROC_LEVEL_COMMUNE) != 0), p->agency_unit_id, p->agency,
        p->has_tl_value ? tlv : NULL, p->tl_unit, p->tl_text, p->fee_text,
        p->has_fee_amount ? fee : NULL, p->online, (long long)p->postal,
        (long long)p->boundary_free, (long long)p->four_on_spot, p->decision_no, p->decision_date,
        p->effective_date, (long long)p->ip_approved, p->ip_no, p->ip_date, p->steps, p->way,
        p->dossier, p->subjects, p->requirements, p->result, p->legal_basis, (long long)complete,
        folded, words, id);
    free(folded);
    free(words);
    return rc < 0 ? -1 : id;
}

int proc_state_differs(json_t *a, json_t *b) {
    const char *k;
    json_t *v;
    json_object_foreach(a, k, v) {
        json_t *w = json_object_get(b, k);
        if (!w || !json_equal(v, w)) return 1;
    }
    json_object_foreach(b, k, v) if (!json_object_get(a, k)) return 1;
    return 0;
}

int proc_history(db_t *db, req_t *r, long long id, const char *code, const char *action,
                 json_t *before, json_t *after, const char *note) {
    struct buf changed;
    buf_init(&changed);
    if (before && after) {
        const char *k;
        json_t *v;
        json_object_foreach(after, k, v) {
            json_t *w = json_object_get(before, k);
            if (!w || !json_equal(v, w)) {
                if (changed.len) buf_puts(&changed, ",");
                buf_puts(&changed, k);
            }
        }
    }
    char *b = before ? json_dumps(before, JSON_COMPACT) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT) : NULL;
    long long rc =
        db_exec(db,
                "INSERT INTO procedure_history (procedure_id, code, action, changed, "
                "note, before_json, after_json, actor_id, actor_username) VALUES (?, "
                "?, ?, ?, ?, ?, ?, ?, ?)",
                "issssssIs", id, code, action, changed.len ? buf_cstr(&changed) : NULL, note, b, a,
                r->user ? r->user->user_id : 0LL, r->user ? r->user->username : NULL);
    free(b);
    free(a);
    buf_free(&changed);
    return rc < 0 ? -1 : 0;
}

/* ---- reading ---- */

/* Adds missing_components (JSON keys of the seven components that are empty). */
static void decorate(json_t *p) {
    const char *values[PROC_COMPONENTS];
    for (int i = 0; i < PROC_COMPONENTS; i++)
        values[i] = json_string_value(json_object_get(p, proc_component_keys[i]));
    if (!values[4] && json_is_number(json_object_get(p, "time_limit_value"))) values[4] = "x";
    if (!values[6] && json_is_integer(json_object_get(p, "agency_unit_id"))) values[6] = "x";
    unsigned missing = proc_missing_components(values);
    json_t *m = json_array();
    for (int i = 0; i < PROC_COMPONENTS; i++)
        if (missing & (1u << i)) json_array_append_new(m, json_string(proc_component_keys[i]));
    json_object_set_new(p, "missing_components", m);
}

/* Adds the forms the procedure offers; -1 on a database error. */
static int with_forms(db_t *db, json_t *p) {
    json_t *forms = procedure_forms_json(db, json_integer_value(json_object_get(p, "id")));
    if (!forms) return -1;
    json_object_set_new(p, "forms", forms);
    return 0;
}

static int load_full(db_t *db, long long id, json_t **out) {
    int rc = db_query_row_json(db, out, "SELECT " FULL_COLS " WHERE p.id = ?", "i", id);
    if (rc == 1) decorate(*out);
    if (rc == 1 && with_forms(db, *out) < 0) {
        json_decref(*out);
        *out = NULL;
        rc = -1;
    }
    return rc;
}

int h_procedures_get(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *p = NULL;
    int rc = load_full(db, req_param_id(r, "id"), &p);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) return not_found(r, "thủ tục hành chính");
    res_json(r, 200, p);
    return 0;
}

int h_public_procedures_get(req_t *r) {
    const char *code = req_param(r, "code");
    if (!code || !proc_code_valid(code)) return not_found(r, "thủ tục hành chính");
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *p = NULL;
    int rc = db_query_row_json(db, &p, "SELECT " FULL_COLS " WHERE p.code = ?", "s", code);
    if (rc == 1 && with_forms(db, p) < 0) rc = -1;
    if (rc < 0) {
        json_decref(p);
        return db_fail(r, db);
    }
    if (rc == 0) return not_found(r, "thủ tục hành chính");
    decorate(p);
    /* What the public page needs; the workflow decision stays on the intranet. */
    static const char *const internal[] = {"internal_process_decision_no", "internal_process_date",
                                           "status_decision_no", "created_at"};
    for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++)
        json_object_del(p, internal[i]);
    res_json(r, 200, p);
    return 0;
}

static const char *match_name(enum ps_match m) {
    switch (m) {
    case PS_MATCH_CODE:
        return "code";
    case PS_MATCH_NAME:
        return "name";
    case PS_MATCH_BODY:
        return "body";
    default:
        return "none";
    }
}

/* Runs a search on the read model and answers {items, total, page, per_page}. */
static int answer_search(req_t *r, const char *q, const struct ps_filter *f, enum ps_order order,
                         const struct page *pg) {
    /* The intranet's answers are kept by the catalogue's version (the public list has no
     * session to read it with: nothing is kept, the read model's own cache serves it). */
    struct answer_key answer_key;
    if (answers_lookup(r, "catalog", &answer_key)) return 0;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct catalog *c = catalog_get(db);
    if (!c) return db_fail(r, db);
    size_t want = (size_t)(pg->offset + pg->per_page);
    struct ps_hit *hits = malloc(
        (want > CATALOG_CACHE_HITS ? (size_t)pg->per_page : CATALOG_CACHE_HITS) * sizeof *hits);
    size_t n = 0;
    long total = -1;
    char key[1024];
    int kl = snprintf(key, sizeof key, "%d|%lld|%lld|%u|%d|%u|%d|%d|%s", (int)order, f->field_id,
                      f->agency_unit_id, f->level, f->online, f->status_mask, f->complete,
                      f->approved, q ? q : "");
    if (!hits) {
        total = -1;
    } else if (want > CATALOG_CACHE_HITS || kl < 0 || (size_t)kl >= sizeof key) {
        /* Deep pages: searched each time. */
        total = ps_search(catalog_index(c), q, f, order, (size_t)pg->offset, (size_t)pg->per_page,
                          hits, &n);
    } else if (!catalog_cache_get(c, key, (size_t)pg->offset, (size_t)pg->per_page, hits, &n,
                                  &total)) {
        size_t all;
        total = ps_search(catalog_index(c), q, f, order, 0, CATALOG_CACHE_HITS, hits, &all);
        if (total >= 0) {
            catalog_cache_put(c, key, total, hits, all);
            n = 0;
            for (size_t k = (size_t)pg->offset; k < all && n < (size_t)pg->per_page; k++)
                hits[n++] = hits[k];
        }
    }
    if (total < 0) {
        free(hits);
        catalog_put(c);
        return res_internal(r, "procedure search: out of memory");
    }
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "{\"items\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, ",");
        buf_puts(&b, catalog_item(c, hits[i].doc));
        buf_printf(&b, ",\"match\":\"%s\"}", match_name(hits[i].match));
    }
    buf_printf(&b, "],\"total\":%ld,\"page\":%lld,\"per_page\":%lld}", total, pg->page,
               pg->per_page);
    catalog_put(c);
    free(hits);
    if (b.oom) {
        buf_free(&b);
        return res_internal(r, "procedure search: out of memory");
    }
    answers_send_text(r, &answer_key, b.data, b.len);
    buf_free(&b);
    return 0;
}

static int online_value(const char *s) {
    if (!s) return -1;
    if (strcmp(s, "full") == 0) return PS_ONLINE_FULL;
    if (strcmp(s, "partial") == 0) return PS_ONLINE_PARTIAL;
    return PS_ONLINE_NONE;
}

static unsigned level_bit(const char *s) {
    for (int k = 0; s && k < 3; k++)
        if (strcmp(s, proc_level_names[k]) == 0) return 1u << k;
    return 0;
}

struct public_list_query {
    const char *q;
    long long field, agency;
    int level, online; /* level_choices[], online_choices[]; -1 = any */
    struct page page;
};
static const struct in_decl public_list_fields[] = {
    IN_FIELD(struct public_list_query, q, IN_STR, 0, 0, 200, NULL),
    IN_FIELD(struct public_list_query, field, IN_ID, 0, 0, 0, NULL),
    IN_FIELD(struct public_list_query, level, IN_ENUM, 0, 0, 0, level_choices),
    IN_FIELD(struct public_list_query, online, IN_ENUM, 0, 0, 0, online_choices),
    IN_FIELD(struct public_list_query, agency, IN_ID, 0, 0, 0, NULL),
};
const struct in_spec in_public_procedures_list =
    IN_SPEC_PAGED(struct public_list_query, public_list_fields, 20, 100);

int h_public_procedures_list(req_t *r) {
    const struct public_list_query *in = r->query_in;
    struct page pg = in->page;
    struct ps_filter flt = ps_filter_any();
    flt.field_id = in->field;
    flt.agency_unit_id = in->agency;
    flt.level = level_bit(in_choice(level_choices, in->level));
    flt.online = online_value(in_choice(online_choices, in->online));
    /* Citizens see the procedures in force (amended ones are in force too). */
    flt.status_mask = 1u << PS_STATUS_IN_FORCE | 1u << PS_STATUS_AMENDED;
    return answer_search(r, in->q, &flt, PS_ORDER_RANK, &pg);
}

/* status_choices and sort_choices in the order of these enums. */
enum proc_status_choice { PSC_ANY = -1, PSC_IN_FORCE, PSC_AMENDED, PSC_ABOLISHED };
enum proc_sort_choice { SORT_DEFAULT = -1, SORT_RANK, SORT_NAME, SORT_CODE };
struct procedures_list_query {
    const char *q;
    long long field_id, agency_unit_id;
    int level, online; /* level_choices[], online_choices[]; -1 = any */
    enum proc_status_choice status;
    enum proc_sort_choice sort;
    int complete, approved, has_complete, has_approved;
    struct page page;
};
#define PLQ_FIELD(m, type, choices)                                                                \
    IN_FIELD(struct procedures_list_query, m, type, 0, 0, 0, choices)
static const struct in_decl procedures_list_fields[] = {
    IN_FIELD(struct procedures_list_query, q, IN_STR, 0, 0, 200, NULL),
    PLQ_FIELD(field_id, IN_ID, NULL),
    PLQ_FIELD(level, IN_ENUM, level_choices),
    PLQ_FIELD(online, IN_ENUM, online_choices),
    PLQ_FIELD(status, IN_ENUM, status_choices),
    PLQ_FIELD(agency_unit_id, IN_ID, NULL),
    IN_FIELD_HAS(struct procedures_list_query, complete, IN_BOOL, 0, 0, 0, NULL, has_complete),
    IN_FIELD_HAS(struct procedures_list_query, approved, IN_BOOL, 0, 0, 0, NULL, has_approved),
    PLQ_FIELD(sort, IN_ENUM, sort_choices),
};
const struct in_spec in_procedures_list =
    IN_SPEC_PAGED(struct procedures_list_query, procedures_list_fields, 50, 500);

int h_procedures_list(req_t *r) {
    const struct procedures_list_query *in = r->query_in;
    struct page pg = in->page;
    struct ps_filter flt = ps_filter_any();
    flt.field_id = in->field_id;
    flt.agency_unit_id = in->agency_unit_id;
    flt.level = level_bit(in_choice(level_choices, in->level));
    flt.online = online_value(in_choice(online_choices, in->online));
    if (in->status != PSC_ANY)
        flt.status_mask = in->status == PSC_IN_FORCE  ? 1u << PS_STATUS_IN_FORCE
                          : in->status == PSC_AMENDED ? 1u << PS_STATUS_AMENDED
                                                      : 1u << PS_STATUS_ABOLISHED;
    flt.complete = in->has_complete ? in->complete : -1;
    flt.approved = in->has_approved ? in->approved : -1;
    enum ps_order order = in->sort == SORT_NAME   ? PS_ORDER_NAME
                          : in->sort == SORT_CODE ? PS_ORDER_CODE
                                                  : PS_ORDER_RANK;
    return answer_search(r, in->q, &flt, order, &pg);
}

struct stats_query {
    const char *q;
};
static const struct in_decl stats_fields[] = {
    IN_FIELD(struct stats_query, q, IN_STR, 0, 0, 200, NULL)};
const struct in_spec in_public_procedures_stats = IN_SPEC(struct stats_query, stats_fields);

int h_public_procedures_stats(req_t *r) {
    const char *q = ((const struct stats_query *)r->query_in)->q;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct catalog *c = catalog_get(db);
    if (!c) return db_fail(r, db);
    struct ps_filter flt = ps_filter_any();
    flt.status_mask = 1u << PS_STATUS_IN_FORCE | 1u << PS_STATUS_AMENDED;
    struct ps_facets own = {0};
    const struct ps_facets *fcp = catalog_public_facets(c);
    if (q && *q) {
        if (ps_facets(catalog_index(c), q, &flt, &own) < 0) {
            catalog_put(c);
            return res_internal(r, "procedure stats: out of memory");
        }
        fcp = &own;
    }
    const struct ps_facets fc = *fcp;
    json_t *fields = json_array();
    for (size_t i = 0; i < fc.nfields; i++) {
        const char *name = catalog_field_name(c, fc.field_ids[i]);
        json_array_append_new(
            fields, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)fc.field_ids[i], "name",
                              name ? name : "", "count", (json_int_t)fc.field_counts[i]));
    }
    catalog_put(c);
    json_t *out = json_pack("{s:I, s:{s:I, s:I, s:I}, s:{s:I, s:I, s:I}, s:o}", "total",
                            (json_int_t)fc.total, "levels", "province", (json_int_t)fc.level[0],
                            "district", (json_int_t)fc.level[1], "commune", (json_int_t)fc.level[2],
                            "online", "full", (json_int_t)fc.online[PS_ONLINE_FULL], "partial",
                            (json_int_t)fc.online[PS_ONLINE_PARTIAL], "none",
                            (json_int_t)fc.online[PS_ONLINE_NONE], "fields", fields);
    ps_facets_free(&own);
    res_json(r, 200, out);
    return 0;
}

/* ---- writing ---- */

static int write_fail(req_t *r, db_t *db) {
    if (db_errno(db) == 1062) {
        db_rollback(db);
        req_error(r, "code", "Mã thủ tục đã có trong danh mục.");
        return res_invalid(r);
    }
    return db_fail(r, db);
}

int h_procedures_create(req_t *r) {
    if (req_json(r) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    struct proc_in p;
    int rc = proc_check(r, db, r->json, &p, 1, 0);
    if (rc == -2) return db_fail(r, db);
    if (rc < 0) return res_invalid(r);
    if (db_begin(db) < 0) return db_fail(r, db);
    long long id = proc_write(db, &p, 0);
    if (id < 0) return write_fail(r, db);
    json_t *after = NULL, *full = NULL;
    int written = proc_state(db, id, 0, &after); /* just written: missing is a failure too */
    if (written != 1 || proc_history(db, r, id, p.code, "create", NULL, after, NULL) < 0 ||
        audit_write(db, r, "procedure.create", "procedure", id, NULL, after) < 0 ||
        catalog_bump(db) < 0 || db_commit(db) < 0 || load_full(db, id, &full) != 1) {
        json_decref(after);
        json_decref(full);
        return db_fail(r, db);
    }
    json_decref(after);
    res_json(r, 201, full);
    return 0;
}

int h_procedures_update(req_t *r) {
    if (req_json(r) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    /* Check the body alone first, so errors name only what the caller sent. */
    struct proc_in p;
    int rc = check_state(r, db, r->json, &p, 0, 0, 1);
    if (rc == -2) return db_fail(r, db);
    if (rc < 0) return res_invalid(r);
    long long id = req_param_id(r, "id");
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *before = NULL;
    rc = proc_state(db, id, 1, &before);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) {
        db_rollback(db);
        return not_found(r, "thủ tục hành chính");
    }
    json_t *state = json_deep_copy(before);
    json_object_update(state, r->json);
    rc = proc_check(r, db, state, &p, 0, 0);
    if (rc < 0) {
        json_decref(before);
        json_decref(state);
        if (rc == -2) return db_fail(r, db);
        db_rollback(db);
        return res_invalid(r);
    }
    json_t *full = NULL;
    if (proc_state_differs(before, state)) {
        json_t *after = NULL;
        if (proc_write(db, &p, id) < 0) {
            json_decref(before);
            json_decref(state);
            return write_fail(r, db);
        }
        rc = proc_state(db, id, 0, &after) != 1 ||
             proc_history(db, r, id, p.code, "update", before, after, NULL) < 0 ||
             audit_write(db, r, "procedure.update", "procedure", id, before, after) < 0 ||
             catalog_bump(db) < 0 || db_commit(db) < 0;
        json_decref(after);
    } else {
        db_rollback(db); /* nothing changed: no history row, no audit row */
        rc = 0;
    }
    json_decref(before);
    json_decref(state);
    if (rc || load_full(db, id, &full) != 1) {
        json_decref(full);
        return db_fail(r, db);
    }
    res_json(r, 200, full);
    return 0;
}

int h_procedures_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *before = NULL;
    int rc = proc_state(db, id, 1, &before);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) {
        db_rollback(db);
        return not_found(r, "thủ tục hành chính");
    }
    char code[PROC_CODE_MAX + 1];
    snprintf(code, sizeof code, "%s", json_string_value(json_object_get(before, "code")));
    if (db_exec(db, "DELETE FROM procedures WHERE id = ?", "i", id) < 0) {
        json_decref(before);
        if (db_errno(db) == 1451) {
            db_rollback(db);
            res_problem(r, 409, "Không thể xóa",
                        "Thủ tục đang được dùng ở nơi khác (phản ánh, hồ sơ): hãy chuyển sang "
                        "trạng thái \"Đã bãi bỏ\" thay vì xóa.");
            return -1;
        }
        return db_fail(r, db);
    }
    rc = proc_history(db, r, id, code, "delete", before, NULL, NULL) < 0 ||
         audit_write(db, r, "procedure.delete", "procedure", id, before, NULL) < 0 ||
         catalog_bump(db) < 0 || db_commit(db) < 0;
    json_decref(before);
    if (rc) return db_fail(r, db);
    res_no_content(r);
    return 0;
}

struct status_input {
    enum proc_status_choice status;
    const char *replaced_by, *decision_no, *note;
    struct ymd date;
};
static const struct in_decl status_fields[] = {
    IN_FIELD(struct status_input, status, IN_ENUM, IN_REQUIRED, 0, 0, status_choices),
    IN_FIELD(struct status_input, replaced_by, IN_STR, IN_NULLABLE, 1, PROC_CODE_MAX, NULL),
    IN_FIELD(struct status_input, decision_no, IN_STR, IN_NULLABLE, 1, 64, NULL),
    IN_FIELD(struct status_input, date, IN_DATE, IN_NULLABLE, 0, 0, NULL),
    IN_FIELD(struct status_input, note, IN_STR, IN_NULLABLE, 0, 1000, NULL),
};
const struct in_spec in_procedures_status = IN_SPEC(struct status_input, status_fields);

int h_procedures_status(req_t *r) {
    const struct status_input *in = r->body_in;
    char date_buf[11];
    const char *status = status_choices[in->status], *replaced_by = in->replaced_by,
               *decision_no = in->decision_no, *date = in_date_str(in->date, date_buf),
               *note = in->note;
    if (replaced_by && strcmp(status, "abolished") != 0)
        req_error(r, "replaced_by", "Chỉ thủ tục đã bãi bỏ mới có thủ tục thay thế.");
    else if (replaced_by && !proc_code_valid(replaced_by))
        req_error(r, "replaced_by", "Mã thủ tục có dạng 1.001234.");
    if (req_has_errors(r)) return res_invalid(r);
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    json_t *before;
    if (begin_locked_row(r, db, &before,
                         "SELECT id, code, status, replaced_by, status_decision_no, status_date "
                         "FROM procedures WHERE id = ? FOR UPDATE",
                         id, "thủ tục hành chính") < 0)
        return -1;
    int rc;
    const char *code = json_string_value(json_object_get(before, "code"));
    const char *old_status = json_string_value(json_object_get(before, "status"));
    const char *old_repl = json_string_value(json_object_get(before, "replaced_by"));
    if (replaced_by) {
        long long one;
        if (strcmp(replaced_by, code) == 0)
            req_error(r, "replaced_by", "Thủ tục không thể thay thế chính nó.");
        else if ((rc = db_query_int(db, &one, "SELECT 1 FROM procedures WHERE code = ?", "s",
                                    replaced_by)) < 0) {
            json_decref(before);
            return db_fail(r, db);
        } else if (rc == 0)
            req_error(r, "replaced_by", "Không có thủ tục nào mang mã này trong danh mục.");
    }
    if (!req_has_errors(r) && strcmp(old_status, status) == 0 &&
        ((!old_repl && !replaced_by) ||
         (old_repl && replaced_by && !strcmp(old_repl, replaced_by)))) {
        json_decref(before);
        db_rollback(db);
        res_problem(r, 409, "Trạng thái không đổi", "Thủ tục đã ở trạng thái này.");
        return -1;
    }
    if (req_has_errors(r)) {
        json_decref(before);
        db_rollback(db);
        return res_invalid(r);
    }
    json_t *after = NULL;
    rc = db_exec(db,
                 "UPDATE procedures SET status = ?, replaced_by = ?, status_decision_no = ?, "
                 "status_date = ? WHERE id = ?",
                 "ssssi", status, replaced_by, decision_no, date, id) < 0;
    if (!rc)
        rc = db_query_row_json(db, &after,
                               "SELECT id, code, status, replaced_by, status_decision_no, "
                               "status_date FROM procedures WHERE id = ?",
                               "i", id) != 1;
    if (!rc)
        rc = proc_history(db, r, id, code, "status", before, after, note) < 0 ||
             audit_write(db, r, "procedure.status", "procedure", id, before, after) < 0 ||
             catalog_bump(db) < 0 || db_commit(db) < 0;
    json_decref(before);
    json_decref(after);
    json_t *full = NULL;
    if (rc || load_full(db, id, &full) != 1) {
        json_decref(full);
        return db_fail(r, db);
    }
    res_json(r, 200, full);
    return 0;
}

struct history_query {
    struct page page;
};
const struct in_spec in_procedures_history = IN_SPEC_PAGE_ONLY(struct history_query, 50, 200);

int h_procedures_history(req_t *r) {
    const struct page pg = ((const struct history_query *)r->query_in)->page;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id"), total = 0, one;
    int rc = db_query_int(db, &one, "SELECT 1 FROM procedures WHERE id = ?", "i", id);
    if (rc < 0) return db_fail(r, db);
    if (rc == 0) return not_found(r, "thủ tục hành chính");
    if (db_query_int(db, &total, "SELECT COUNT(*) FROM procedure_history WHERE procedure_id = ?",
                     "i", id) < 0)
        return db_fail(r, db);
    json_t *items = db_query_json(
        db,
        "SELECT id, action, IF(changed IS NULL, '[]', CONCAT('[\"', REPLACE(changed, ',', "
        "'\",\"'), '\"]')) AS changed__json, note, actor_username, at, before_json AS "
        "before__json, after_json AS after__json FROM procedure_history WHERE procedure_id = ? "
        "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
        "iii", id, pg.per_page, pg.offset);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, total, &pg));
    return 0;
}

/* ---- fields (lĩnh vực) ---- */

static int load_field(db_t *db, long long id, json_t **out) {
    return db_query_row_json(db, out,
                             "SELECT f.id, f.name, f.sort_order, (SELECT COUNT(*) FROM procedures "
                             "p WHERE p.field_id = f.id) AS procedures FROM procedure_fields f "
                             "WHERE f.id = ?",
                             "i", id);
}

int h_procedure_fields_list(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    json_t *items = db_query_json(db,
                                  "SELECT f.id, f.name, f.sort_order, COUNT(p.id) AS procedures "
                                  "FROM procedure_fields f LEFT JOIN procedures p ON p.field_id = "
                                  "f.id GROUP BY f.id, f.name, f.sort_order ORDER BY f.sort_order, "
                                  "f.name",
                                  NULL);
    if (!items) return db_fail(r, db);
    res_json(r, 200, list_envelope(items, (long long)json_array_size(items), NULL));
    return 0;
}

static int field_write_fail(req_t *r, db_t *db) {
    if (db_errno(db) == 1062) {
        db_rollback(db);
        req_error(r, "name", "Đã có lĩnh vực mang tên này.");
        return res_invalid(r);
    }
    return db_fail(r, db);
}

/* The body of a field's create (name required) and update (presence flags). */
struct field_input {
    const char *name;
    long long sort_order;
    int has_name, has_sort_order;
};
#define FIELD_FIELDS(REQ)                                                                          \
    IN_FIELD_HAS(struct field_input, name, IN_STR, REQ, 2, 255, NULL, has_name),                   \
        IN_FIELD_HAS(struct field_input, sort_order, IN_INT, 0, 0, 100000, NULL, has_sort_order)
static const struct in_decl field_create_fields[] = {FIELD_FIELDS(IN_REQUIRED)};
static const struct in_decl field_update_fields[] = {FIELD_FIELDS(0)};
const struct in_spec in_procedure_fields_create = IN_SPEC(struct field_input, field_create_fields);
const struct in_spec in_procedure_fields_update = IN_SPEC(struct field_input, field_update_fields);

static int field_save(req_t *r, long long id) {
    const struct field_input *in = r->body_in;
    const char *name = in->name;
    long long sort_order = in->sort_order;
    int has_name = in->has_name, has_sort = in->has_sort_order;
    db_t *db = db_or_503(r);
    if (!db) return -1;
    char *folded = name ? vnfold_dup(name) : NULL;
    if (name && (!folded || !*folded)) {
        free(folded);
        req_error(r, "name", "Tên lĩnh vực phải có chữ cái hoặc chữ số.");
        return res_invalid(r);
    }
    if (db_begin(db) < 0) {
        free(folded);
        return db_fail(r, db);
    }
    json_t *before = NULL;
    int rc;
    if (id) {
        rc = load_field(db, id, &before);
        if (rc <= 0) {
            free(folded);
            if (rc < 0) return db_fail(r, db);
            db_rollback(db);
            return not_found(r, "lĩnh vực");
        }
        rc = db_exec(db,
                     "UPDATE procedure_fields SET name = IF(?, ?, name), name_folded = IF(?, ?, "
                     "name_folded), sort_order = IF(?, ?, sort_order) WHERE id = ?",
                     "isisiii", (long long)has_name, name, (long long)has_name, folded,
                     (long long)has_sort, sort_order, id) < 0;
    } else {
        rc = db_exec(db,
                     "INSERT INTO procedure_fields (name, name_folded, sort_order) VALUES (?, "
                     "?, ?)",
                     "ssi", name, folded, sort_order) < 0;
        id = db_last_id(db);
    }
    free(folded);
    if (rc) {
        json_decref(before);
        return field_write_fail(r, db);
    }
    json_t *after = NULL;
    /* Field names are in the list items and the search words: the read model rebuilds. When a
     * field is renamed, the procedures' search words follow on their next write. */
    if (load_field(db, id, &after) != 1 ||
        audit_write(db, r, before ? "procedure_field.update" : "procedure_field.create",
                    "procedure_field", id, before, after) < 0 ||
        catalog_bump(db) < 0 || db_commit(db) < 0) {
        json_decref(before);
        json_decref(after);
        return db_fail(r, db);
    }
    int created = before == NULL;
    json_decref(before);
    res_json(r, created ? 201 : 200, after);
    return 0;
}

int h_procedure_fields_create(req_t *r) {
    return field_save(r, 0);
}

int h_procedure_fields_update(req_t *r) {
    long long id = req_param_id(r, "id");
    if (!id) return not_found(r, "lĩnh vực");
    return field_save(r, id);
}

int h_procedure_fields_delete(req_t *r) {
    db_t *db = db_or_503(r);
    if (!db) return -1;
    long long id = req_param_id(r, "id");
    if (db_begin(db) < 0) return db_fail(r, db);
    json_t *before = NULL;
    int rc = load_field(db, id, &before);
    if (rc <= 0) {
        if (rc < 0) return db_fail(r, db);
        db_rollback(db);
        return not_found(r, "lĩnh vực");
    }
    if (json_integer_value(json_object_get(before, "procedures")) > 0) {
        json_decref(before);
        db_rollback(db);
        res_problem(r, 409, "Không thể xóa",
                    "Lĩnh vực còn thủ tục: hãy chuyển các thủ tục sang lĩnh vực khác trước.");
        return -1;
    }
    rc = db_exec(db, "DELETE FROM procedure_fields WHERE id = ?", "i", id) < 0 ||
         audit_write(db, r, "procedure_field.delete", "procedure_field", id, before, NULL) < 0 ||
         catalog_bump(db) < 0 || db_commit(db) < 0;
    json_decref(before);
    if (rc) return db_fail(r, db);
    res_no_content(r);
    return 0;
}
