/* POST /api/v1/procedures/import: CSV or .xlsx rows in the national database's export layout
 * (mã, tên, lĩnh vực, cấp thực hiện, cơ quan thực hiện, thời hạn, phí/lệ phí, mức độ DVC, and
 * optionally the published components), idempotent by code, with a report per row. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/procedures.h"
#include "api/procedures_internal.h"
#include "core/csv.h"
#include "core/procedure.h"
#include "core/procedure_row.h"
#include "core/unitmatch.h"
#include "core/vnfold.h"
#include "core/xlsx.h"
#include "server/server.h"
#include "lib/utf8.h"

/* Rows written per transaction; each row also has its own savepoint, so a row that fails is
 * undone alone and the rest go on. */
#define BATCH 200
/* The row that names the columns is looked for among the first rows (exports put a title and
 * the date above it). */
#define HEADER_SCAN 10
/* After an import of a file this large, freed memory is handed back to the system. */
#define TRIM_AFTER_BYTES ((size_t)1 << 20)
/* field_id of a field an import dry run would create (never a real id). */
#define NEW_FIELD_ID 9007199254740991LL

struct field_ref {
    long long id;
    char *folded, *name;
};

struct ctx {
    req_t *r;
    db_t *db;
    int dry;
    struct field_ref *fields;
    size_t nfields, capfields;
    struct db_res *units_res;
    struct um_unit *units;
    size_t nunits;
    json_t *fields_created;
    long long created, updated, unchanged, failed;
    struct proc_seen seen; /* the codes seen in the file, with their first row */
    int oom;               /* the import stopped for want of memory: 503, not a database error */
};

static int load_fields(struct ctx *c) {
    struct db_res *res =
        db_query(c->db, "SELECT id, name, name_folded FROM procedure_fields", NULL);
    if (!res) return -1;
    c->capfields = res->nrows + 16;
    c->fields = calloc(c->capfields, sizeof *c->fields);
    int rc = c->fields ? 0 : -1;
    for (size_t i = 0; i < res->nrows && rc == 0; i++) {
        struct field_ref *f = &c->fields[c->nfields++];
        f->id = db_int(res, i, 0);
        f->name = strdup(db_val(res, i, 1));
        f->folded = strdup(db_val(res, i, 2));
        if (!f->name || !f->folded) rc = -1;
    }
    db_res_free(res);
    return rc;
}

static struct field_ref *find_field(struct ctx *c, const char *folded) {
    for (size_t i = 0; i < c->nfields; i++)
        if (strcmp(c->fields[i].folded, folded) == 0) return &c->fields[i];
    return NULL;
}

static struct field_ref *add_field(struct ctx *c, long long id, const char *name,
                                   const char *folded) {
    if (c->nfields == c->capfields) {
        size_t cap = c->capfields ? c->capfields * 2 : 16;
        struct field_ref *f = realloc(c->fields, cap * sizeof *f);
        if (!f) return NULL;
        c->fields = f;
        c->capfields = cap;
    }
    struct field_ref *f = &c->fields[c->nfields];
    f->id = id;
    f->name = strdup(name);
    f->folded = strdup(folded);
    if (!f->name || !f->folded) {
        free(f->name);
        free(f->folded);
        return NULL;
    }
    c->nfields++;
    return f;
}

static int load_units(struct ctx *c) {
    c->units_res = db_query(c->db,
                            "SELECT id, name, code, level, COALESCE(parent_id, 0) FROM units WHERE "
                            "valid_to IS NULL OR valid_to >= CURDATE()",
                            NULL);
    if (!c->units_res) return -1;
    size_t n = c->units_res->nrows;
    c->units = calloc(n ? n : 1, sizeof *c->units);
    if (!c->units) return -1;
    for (size_t i = 0; i < n; i++) {
        c->units[i].id = db_int(c->units_res, i, 0);
        c->units[i].name = db_val(c->units_res, i, 1);
        c->units[i].code = db_val(c->units_res, i, 2);
        c->units[i].level = db_val(c->units_res, i, 3);
        c->units[i].parent_id = db_int(c->units_res, i, 4);
    }
    c->nunits = n;
    return 0;
}

/* The unit the agency cell names first ("Sở Tư pháp; UBND cấp huyện" -> Sở Tư pháp), or 0;
 * -1 (c->oom set) when memory ran out. */
static long long resolve_agency(struct ctx *c, const char *text) {
    struct um_ref *refs = NULL;
    size_t n = 0;
    long long id = 0;
    if (unitmatch_split(text, &refs, &n) < 0 ||
        unitmatch_resolve(refs, n, c->units, c->nunits) < 0) {
        unitmatch_free(refs, n);
        c->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < n && !id; i++) id = refs[i].unit_id;
    unitmatch_free(refs, n);
    return id;
}

struct row_out {
    struct proc_row p; /* the keys the row sets, its errors and warnings (core/procedure_row) */
    char *new_field;   /* a field to create, by name */
};

/* The field column: an existing field's id, or a field to create by name (its id a
 * placeholder until written). -1 on OOM. */
static int read_field(struct ctx *c, const char *v, struct row_out *out) {
    char *folded = vnfold_dup(v);
    if (!folded) return -1;
    struct field_ref *f = *folded ? find_field(c, folded) : NULL;
    if (f && f->id != NEW_FIELD_ID)
        json_object_set_new(out->p.in, "field_id", json_integer(f->id));
    else if (!*folded)
        proc_row_error(out->p.errors, "field", "Tên lĩnh vực không hợp lệ.");
    else if (utf8_chars(v) > 255)
        proc_row_error(out->p.errors, "field", "Tên lĩnh vực quá dài.");
    else {
        json_object_set_new(out->p.in, "field_id", json_integer(NEW_FIELD_ID));
        out->new_field = strdup(v);
    }
    free(folded);
    return 0;
}

/* The agency column: its text (core) and the unit it names first, or null. -1 on OOM. */
static int read_agency(struct ctx *c, const char *v, struct row_out *out) {
    proc_row_cell(&out->p, PC_AGENCY, v, 0);
    long long unit = resolve_agency(c, v);
    if (unit < 0) return -1;
    json_object_set_new(out->p.in, "agency_unit_id", unit ? json_integer(unit) : json_null());
    return 0;
}

/* Reads the cells of one row into out (empty cells set nothing: an import never erases). */
static int read_row(struct ctx *c, const struct sheet_row *row, const int *map,
                    struct row_out *out) {
    out->p.in = json_object();
    for (int col = 0; col < PC_NCOLS; col++) {
        if (map[col] < 0) continue;
        int numeric, rc = 0;
        char *v = proc_row_text(row, (size_t)map[col], &numeric);
        if (!v) {
            c->oom = 1;
            return -1;
        }
        if (col == PC_FIELD && *v)
            rc = read_field(c, v, out);
        else if (col == PC_AGENCY && *v)
            rc = read_agency(c, v, out);
        else if (*v || col == PC_CODE)
            proc_row_cell(&out->p, (enum proc_col)col, v, numeric);
        free(v);
        if (rc < 0) return -1;
    }
    return 0;
}

/* Moves the errors a validation put on the scratch request into the row's errors. */
static void take_errors(req_t *v, json_t *errors) {
    size_t i;
    json_t *e;
    json_array_foreach(v->errors, i, e) {
        const char *field = json_string_value(json_object_get(e, "field"));
        const char *message = json_string_value(json_object_get(e, "message"));
        /* "field_id" is the file's "Lĩnh vực" column: report it under its key there. */
        proc_row_error(errors,
                       field && strcmp(field, "field_id") == 0 ? "field"
                       : field                                 ? field
                                                               : "",
                       message ? message : "");
    }
}

static int savepoint(db_t *db, const char *sql) {
    return db_run_sql(db, sql);
}

/* Imports one row. Returns 0 (the row's outcome is in st), or -1 when the database failed in a
 * way that ends the import. */
static int import_row(struct ctx *c, struct row_out *o, const char **st) {
    db_t *db = c->db;
    if (json_array_size(o->p.errors) > 0) {
        *st = "error";
        return 0;
    }
    long long id = 0;
    struct db_res *res = db_query(db,
                                  c->dry ? "SELECT id FROM procedures WHERE code = ?"
                                         : "SELECT id FROM procedures WHERE code = ? FOR UPDATE",
                                  "s", o->p.code);
    if (!res) return -1;
    if (res->nrows) id = db_int(res, 0, 0);
    db_res_free(res);
    json_t *before = NULL;
    int found = id ? proc_state(db, id, 0, &before) : 1;
    if (found != 1) return -1; /* it was there a moment ago: missing is a failure too */
    json_t *state = before ? json_deep_copy(before) : json_object();
    json_object_update(state, o->p.in);
    req_t v;
    req_init(&v, NULL);
    struct proc_in p;
    int rc = proc_check(&v, db, state, &p, id == 0, o->new_field != NULL);
    int added_field = 0;
    if (rc == -2) {
        req_free(&v);
        json_decref(before);
        json_decref(state);
        return -1;
    }
    if (rc < 0) {
        take_errors(&v, o->p.errors);
        *st = "error";
    } else if (before && !proc_state_differs(before, state)) {
        *st = "unchanged";
    } else if (c->dry) {
        *st = id ? "updated" : "created";
        /* Say once which fields the import would create; later rows find it in the cache. */
        char *folded = o->new_field ? vnfold_dup(o->new_field) : NULL;
        if (folded && !find_field(c, folded) && add_field(c, NEW_FIELD_ID, o->new_field, folded))
            json_array_append_new(c->fields_created, json_string(o->new_field));
        free(folded);
    } else {
        /* Write: the new field (if any) and the procedure, undone together on failure. */
        rc = savepoint(db, "SAVEPOINT import_row");
        if (rc == 0 && o->new_field) {
            char *folded = vnfold_dup(o->new_field);
            struct field_ref *f = folded ? find_field(c, folded) : NULL;
            if (!f && folded &&
                db_exec(db, "INSERT INTO procedure_fields (name, name_folded) VALUES (?, ?)", "ss",
                        o->new_field, folded) >= 0) {
                f = add_field(c, db_last_id(db), o->new_field, folded);
                if (f) {
                    json_array_append_new(c->fields_created, json_string(o->new_field));
                    added_field = 1;
                }
            }
            free(folded);
            if (!f)
                rc = -1;
            else
                p.field_id = f->id;
        }
        json_t *after = NULL;
        long long wid = rc == 0 ? proc_write(db, &p, id) : -1;
        int written = wid > 0 ? proc_state(db, wid, 0, &after) : -1;
        if (written == 1 &&
            proc_history(db, c->r, wid, p.code, "import", before, after, NULL) == 0 &&
            audit_write(db, c->r, "procedure.import", "procedure", wid, before, after) == 0) {
            *st = id ? "updated" : "created";
        } else {
            unsigned err = db_errno(db);
            if (added_field) { /* the field's row is undone too */
                c->nfields--;
                free(c->fields[c->nfields].name);
                free(c->fields[c->nfields].folded);
                json_array_remove(c->fields_created, json_array_size(c->fields_created) - 1);
            }
            if (savepoint(db, "ROLLBACK TO SAVEPOINT import_row") < 0)
                rc = -2;
            else {
                proc_row_error(o->p.errors, "row",
                               err == 1062 ? "Mã thủ tục vừa được tạo bởi một dòng khác."
                                           : "Không ghi được dòng này vào cơ sở dữ liệu.");
                *st = "error";
                rc = 0;
            }
        }
        json_decref(after);
        if (rc == -2) {
            req_free(&v);
            json_decref(before);
            json_decref(state);
            return -1;
        }
    }
    req_free(&v);
    json_decref(before);
    json_decref(state);
    return 0;
}

static void ctx_free(struct ctx *c) {
    for (size_t i = 0; i < c->nfields; i++) {
        free(c->fields[i].name);
        free(c->fields[i].folded);
    }
    free(c->fields);
    free(c->units);
    db_res_free(c->units_res);
    proc_seen_free(&c->seen);
    json_decref(c->fields_created);
}

static int fail(struct ctx *c, req_t *r, db_t *db, struct sheet *sh, json_t *rows) {
    int oom = c->oom;
    json_decref(rows);
    sheet_free(sh);
    ctx_free(c);
    if (!oom) return db_fail(r, db);
    if (db_in_txn(db)) db_rollback(db);
    return res_no_memory(r);
}

/* The first pass: finds the header among the first rows and counts the data rows, so that a
 * damaged or oversized file is refused before anything is written. */
struct scan {
    int map[PC_NCOLS];
    long ordinal, header_at, data_rows;
};

static int scan_row(void *arg, const struct sheet_row *row) {
    struct scan *s = arg;
    long i = s->ordinal++;
    if (s->header_at < 0 && i < HEADER_SCAN) {
        proc_header_map((const char *const *)row->cells, row->ncells, s->map);
        if (s->map[PC_CODE] >= 0 && s->map[PC_NAME] >= 0) s->header_at = i;
    } else if (s->header_at >= 0 && !sheet_row_blank(row)) {
        s->data_rows++;
    }
    return 0;
}

/* The second pass: imports each data row as the reader hands it over. */
struct pass {
    struct ctx *c;
    const struct scan *scan;
    long ordinal;
    json_t *rows;
    long long total, in_batch;
    int db_failed;
};

static void count_status(struct ctx *c, const char *st) {
    if (strcmp(st, "created") == 0)
        c->created++;
    else if (strcmp(st, "updated") == 0)
        c->updated++;
    else if (strcmp(st, "unchanged") == 0)
        c->unchanged++;
    else
        c->failed++;
}

static int import_each(void *arg, const struct sheet_row *row) {
    struct pass *p = arg;
    struct ctx *c = p->c;
    if (p->ordinal++ <= p->scan->header_at || sheet_row_blank(row)) return 0;
    p->total++;
    struct row_out o = {.p = {.errors = json_array(), .warnings = json_array()}};
    const char *st = "error";
    int rc = read_row(c, row, p->scan->map, &o);
    if (rc == 0) rc = proc_row_first_of_code(&c->seen, &o.p, row->num);
    if (rc == 0) rc = import_row(c, &o, &st);
    if (rc == 0) {
        count_status(c, st);
        json_t *item = json_pack("{s:I, s:s, s:s}", "row", (json_int_t)row->num, "code", o.p.code,
                                 "status", st);
        if (json_array_size(o.p.errors)) json_object_set(item, "errors", o.p.errors);
        if (json_array_size(o.p.warnings)) json_object_set(item, "warnings", o.p.warnings);
        json_array_append_new(p->rows, item);
    }
    json_decref(o.p.in);
    json_decref(o.p.errors);
    json_decref(o.p.warnings);
    free(o.new_field);
    if (rc == 0 && !c->dry && (strcmp(st, "created") == 0 || strcmp(st, "updated") == 0) &&
        ++p->in_batch >= BATCH) {
        if (catalog_bump(c->db) < 0 || db_commit(c->db) < 0 || db_begin(c->db) < 0) rc = -1;
        p->in_batch = 0;
    }
    if (rc < 0) p->db_failed = 1;
    return rc < 0;
}

/* Hands every row to fn: streamed from an .xlsx, or from the CSV already read into csv. */
static int each_row(const req_t *r, int is_xlsx, const struct sheet *csv,
                    const struct sheet_limits *lim, sheet_row_fn fn, void *arg, char *err,
                    size_t errcap) {
    if (is_xlsx) return xlsx_each_row(r->body, r->body_len, lim, fn, arg, err, errcap);
    for (size_t i = 0; i < csv->nrows; i++)
        if (fn(arg, &csv->rows[i]) != 0) return SHEET_STOPPED;
    return 0;
}

/* The limits of one import, from the configuration (defaults when run outside the server). */
static struct sheet_limits import_limits(void) {
    struct sheet_limits lim = {20000, 500000};
    if (server_cfg) {
        lim.max_rows = server_cfg->import_max_rows;
        lim.max_cells = server_cfg->import_max_cells;
    }
    return lim;
}

static json_t *summary_of(const struct ctx *c, const int *map, int dry, int is_xlsx,
                          long long total) {
    json_t *columns = json_array();
    for (int col = 0; col < PC_NCOLS; col++)
        if (map[col] >= 0) json_array_append_new(columns, json_string(proc_col_label(col)));
    json_t *summary =
        json_pack("{s:b, s:s, s:I, s:I, s:I, s:I, s:I}", "dry_run", dry, "format",
                  is_xlsx ? "xlsx" : "csv", "total", (json_int_t)total, "created",
                  (json_int_t)c->created, "updated", (json_int_t)c->updated, "unchanged",
                  (json_int_t)c->unchanged, "failed", (json_int_t)c->failed);
    json_object_set(summary, "fields_created", c->fields_created);
    json_object_set_new(summary, "columns", columns);
    return summary;
}

/* Reads the file once without writing: damaged, oversized or headerless files are refused
 * (422, reason in field "file") before the database is touched. 0 or -1 (answered). */
static int import_scan(req_t *r, int is_xlsx, struct sheet *csv, const struct sheet_limits *lim,
                       struct scan *scan) {
    char err[300];
    int rc = is_xlsx ? 0 : csv_read(r->body, r->body_len, csv, err, sizeof err);
    if (rc == 0 && !is_xlsx) rc = sheet_check_limits(csv, lim, err, sizeof err);
    memset(scan, 0, sizeof *scan);
    scan->header_at = -1;
    if (rc == 0) rc = each_row(r, is_xlsx, csv, lim, scan_row, scan, err, sizeof err);
    if (rc == 0 && scan->header_at < 0) {
        rc = -1;
        snprintf(err, sizeof err,
                 "Không tìm thấy dòng tiêu đề có cột \"Mã thủ tục\" và \"Tên thủ tục\" trong "
                 "10 dòng đầu của tệp.");
    }
    if (rc == 0) return 0;
    sheet_free(csv);
    if (r->body_len > TRIM_AFTER_BYTES) malloc_trim(0); /* a large CSV was read whole */
    req_error(r, "file", err);
    return res_invalid(r);
}

struct import_query {
    int dry_run;
};
static const struct in_decl import_query_fields[] = {
    IN_FIELD(struct import_query, dry_run, IN_BOOL, 0, 0, 0, NULL),
};
const struct in_spec in_procedures_import = IN_SPEC(struct import_query, import_query_fields);

int h_procedures_import(req_t *r) {
    int dry = ((const struct import_query *)r->query_in)->dry_run;
    if (r->body_len == 0) {
        req_error(r, "file", "Chưa có tệp: hãy chọn tệp CSV hoặc Excel (.xlsx).");
        return res_invalid(r);
    }
    struct sheet sh;
    sheet_init(&sh);
    struct scan scan;
    const struct sheet_limits lim = import_limits();
    int is_xlsx = xlsx_sniff(r->body, r->body_len);
    if (import_scan(r, is_xlsx, &sh, &lim, &scan) < 0) return -1;
    db_t *db = db_or_503(r);
    if (!db) {
        sheet_free(&sh);
        return -1;
    }
    struct ctx c = {.r = r, .db = db, .dry = dry, .fields_created = json_array()};
    json_t *rows = json_array();
    if (proc_seen_init(&c.seen, (size_t)scan.data_rows) < 0 || load_fields(&c) < 0 ||
        load_units(&c) < 0)
        return fail(&c, r, db, &sh, rows);
    if (!dry && db_begin(db) < 0) return fail(&c, r, db, &sh, rows);
    struct pass p = {.c = &c, .scan = &scan, .rows = rows};
    char err[300];
    /* The scan read these same bytes whole, so the second pass fails only when the database
     * (or memory) does. */
    if (each_row(r, is_xlsx, &sh, &lim, import_each, &p, err, sizeof err) != 0)
        return fail(&c, r, db, &sh, rows);
    sheet_free(&sh);
    json_t *summary = summary_of(&c, scan.map, dry, is_xlsx, p.total);
    if (!dry && ((c.created + c.updated > 0 && catalog_bump(db) < 0) ||
                 audit_write(db, r, "procedure.import", "procedure_import", 0, NULL, summary) < 0 ||
                 db_commit(db) < 0)) {
        json_decref(summary);
        return fail(&c, r, db, &sh, rows);
    }
    json_object_set_new(summary, "rows", rows);
    ctx_free(&c);
    res_json(r, 200, summary);
    /* A large import leaves glibc's arenas holding the freed rows and report: give them back to
     * the system, or every worker that served one stays that much larger. */
    if (scan.data_rows > 1000 || r->body_len > TRIM_AFTER_BYTES) malloc_trim(0);
    return 0;
}
