/* What the reform index files share (issue 19): the year and kind, the rule set, the appraiser,
 * the criteria tree read from the database, an assessment's answer, system figures, results. */
#ifndef KSTT_API_INDEX_COMMON_H
#define KSTT_API_INDEX_COMMON_H
#include <jansson.h>

#include "core/reform_index.h"
#include "server/http.h"
#include "store/db.h"

extern const char *const ix_kinds[]; /* "department", "district", NULL */
/* The ?kind= of the criteria and results routes (in_index_kind). */
struct ix_kind_query {
    int kind; /* ix_kinds[] */
};

/* The {year} of the path (2000..2100): the year, or -1 after answering 404. */
long long ix_year(req_t *r);
/* Points in hundredths as a JSON number (an integer when whole). */
json_t *ix_points(long long h);

/* 1 when the principal appraises the index: a staff member of the unit the rule set names (the
 * Department of Home Affairs), or the province's administrator standing in; 0; -1 on error. */
int ix_is_appraiser(db_t *db, const struct principal *p);
/* The bands ([{min, label}]) of the rule set version in force at the end of year: a new
 * reference ([] when none), NULL on error. */
json_t *ix_bands(db_t *db, long long year);

/* A year's tree of one kind, read and checked (core/reform_index). */
struct ix_tree {
    json_t *json; /* [{code, name, max, method, params, source}] in order */
    struct ri_node *nodes;
    size_t n;
};
/* 1 read (a tree with at least one node), 0 none, -1 error. Free with ix_tree_free. */
int ix_tree_load(db_t *db, long long year, const char *kind, struct ix_tree *t);
void ix_tree_free(struct ix_tree *t);
/* The index of code in the tree, or -1. */
int ix_tree_find(const struct ix_tree *t, const char *code);
/* 1 when an assessment of (year, kind) exists (the tree is locked), 0, -1. for_update: inside
 * a write, also keeps new assessments of (year, kind) out until it ends. */
int ix_tree_locked(db_t *db, long long year, const char *kind, int for_update);
/* Replaces the tree of (year, kind) with tree (already checked), in the caller's transaction. */
int ix_tree_store(db_t *db, long long year, const char *kind, json_t *tree, long long user_id);

/* The kind a unit is assessed as: 1 with *kind set (department, district), 0 when the unit is
 * not assessed (another level or no such unit), -1 on error. */
int ix_unit_kind(db_t *db, long long unit_id, const char **kind);
/* The assessment row of (year, unit) as JSON into *row: 1, 0 none, -1 error. for_update locks. */
int ix_assessment_row(db_t *db, long long year, long long unit_id, int for_update, json_t **row);
/* The answer for an assessment: the row's state and every node with the unit's and the council's
 * values and points, rolled up. 0, or -1 on error. */
json_t *ix_assessment_answer(db_t *db, long long year, long long unit_id, const char *kind,
                             const struct ix_tree *t);

/* A system criterion's figure for a unit and year: {metric, value (percent or null), numerator,
 * denominator, source}; a new reference or NULL on error. */
json_t *ix_system_figure(db_t *db, long long unit_id, long long year, const char *metric);

/* The results of (year, kind): [{unit_id, unit_name, total, max, percent, rank, band, areas,
 * previous_total, change}] ranked; only final assessments when final_only. NULL on error. */
json_t *ix_results(db_t *db, long long year, const char *kind, int final_only);
/* 1 when the year has a finalising decision, 0, -1. */
int ix_is_final(db_t *db, long long year);

/* Tells of an assessment's event, in the caller's transaction: "index.submitted" to the
 * appraising unit, "index.returned" to the assessed unit (body: the reason). 0 or -1. */
int ix_notify(db_t *db, const char *kind, long long year, long long unit_id, long long aid,
              const char *body);

/* What a handler of one unit's assessment works on. */
struct ix_target {
    long long year, unit_id;
    const char *kind;
    struct ix_tree tree;
};
/* Reads the path's year and unit and the year's tree of the unit's kind, and checks the caller
 * sees the unit (the appraiser sees every assessed unit when appraiser_too): 1, or answered
 * (404, 503) and -1. Free the tree with ix_tree_free. */
int ix_target_load(req_t *r, db_t *db, struct ix_target *t, int appraiser_too);
/* 1 when the caller appraises the index; otherwise answered (403, 503) and -1. */
int ix_need_appraiser(req_t *r, db_t *db);
/* Begins the transaction and locks (creating it when absent) the assessment of the target: its
 * id into *id and status into status; 1, or answered and -1. */
int ix_begin_assessment(req_t *r, db_t *db, const struct ix_target *t, long long *id, char *status,
                        size_t cap);
/* 0 when the unit may still change its self-assessment (draft or returned); otherwise rolled
 * back, answered 409 and -1. */
int ix_need_open(req_t *r, db_t *db, const char *status);
/* Adds "files" (the evidence files of the assessment aid, withdrawn ones marked) to each leaf of
 * the answer's criteria list. 0, -1 on error. */
int ix_evidence_attach(db_t *db, long long aid, json_t *criteria);

#endif
