/* Shared by the procedure catalogue's api files (procedures*.c): validation, writes, history and
 * the in-memory read model used for lists and search. Not for other resources. */
#ifndef KSTT_API_PROCEDURES_INTERNAL_H
#define KSTT_API_PROCEDURES_INTERNAL_H
#include <jansson.h>

#include "core/procsearch.h"
#include "server/http.h"
#include "server/input.h"
#include "store/db.h"

/* The editable columns of a procedure, as JSON keys. Status has its own endpoint. */
struct proc_in {
    const char *code, *name, *agency, *tl_unit, *tl_text, *fee_text, *online, *decision_no,
        *decision_date, *effective_date, *ip_no, *ip_date, *steps, *way, *dossier, *subjects,
        *requirements, *result, *legal_basis;
    long long field_id, agency_unit_id, fee_amount;
    double tl_value;
    int postal, boundary_free, four_on_spot, ip_approved;
    int has_tl_value, has_fee_amount; /* the number is given (not null) */
    json_t *levels;
    unsigned level_mask;
};

#define PROC_NFIELDS 28

/* The editable state of procedure id: every key of the field table ("levels" as an array).
 * 1 found (*out set), 0 not found, -1 database error. lock: SELECT ... FOR UPDATE. */
int proc_state(db_t *db, long long id, int lock, json_t **out);
/* Checks state (a complete or, when creating, a new object) into p: types, lengths, and the
 * rules across fields (code shape, levels, field and agency exist, time limit pairs). Errors go
 * to v (a request: the real one, or a scratch one for an import row). 0 valid, -1 not, -2 on a
 * database error. skip_field: the field is being created by an import dry run. */
int proc_check(req_t *v, db_t *db, json_t *state, struct proc_in *p, int creating, int skip_field);
/* Writes p to procedure id, or inserts a new one when id is 0: returns the id, or -1 (see
 * db_errno: 1062 = the code exists). Derived columns (folded name, search words, completeness)
 * are computed here. Call inside a transaction. */
long long proc_write(db_t *db, const struct proc_in *p, long long id);
/* One procedure_history row; changed = the keys whose values differ between before and after. */
int proc_history(db_t *db, req_t *r, long long id, const char *code, const char *action,
                 json_t *before, json_t *after, const char *note);
/* Marks the catalogue changed (in the writing transaction): read models rebuild. */
int catalog_bump(db_t *db);
/* The forms procedure_id offers (not withdrawn): [{n, name, mime, size, created_at}], NULL on a
 * database error (procedure_forms.c). */
json_t *procedure_forms_json(db_t *db, long long procedure_id);
/* 1 when state and the stored state differ in some key (so there is something to write). */
int proc_state_differs(json_t *a, json_t *b);

/* ---- read model (procedures_catalog.c) ---- */
struct catalog;
/* The current catalogue for this process, rebuilt when the database's version moved. Release
 * with catalog_put. NULL on a database error. */
struct catalog *catalog_get(db_t *db);
void catalog_put(struct catalog *c);
const struct ps_index *catalog_index(const struct catalog *c);
/* The list item of doc i as JSON text without its closing brace. */
const char *catalog_item(const struct catalog *c, size_t i);
/* The first hits of a search (by key: query, filters, order) kept with this catalogue. */
#define CATALOG_CACHE_HITS 200
/* 1 with hits [offset, offset + limit) in out when the search is cached and covers them. */
int catalog_cache_get(struct catalog *c, const char *key, size_t offset, size_t limit,
                      struct ps_hit *out, size_t *nout, long *total);
void catalog_cache_put(struct catalog *c, const char *key, long total, const struct ps_hit *hits,
                       size_t n);
/* Counts of the procedures in force (no query), computed with the index. */
const struct ps_facets *catalog_public_facets(const struct catalog *c);
/* The name of field id, or NULL. */
const char *catalog_field_name(const struct catalog *c, long long id);

#endif
