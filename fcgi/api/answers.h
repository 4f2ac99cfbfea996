/* Cached answers of the authenticated lists, by the reader's scope and the data versions read
 * with the session (migration 042, decision 214). */
#ifndef KSTT_ANSWERS_H
#define KSTT_ANSWERS_H
#include <jansson.h>
#include <stddef.h>

#include "server/http.h"

#define ANSWER_KEY_MAX 1536

/* A cached answer's key: the question (id) and what its answer is computed from (tag: the data
 * versions and today), kept apart so that a newer version replaces the answer (lib/memo.h). */
struct answer_key {
    char id[ANSWER_KEY_MAX];
    char tag[160]; /* room for the longest: a plan version, today and a holiday fingerprint (96) */
};

/*
 * Looks for this request's answer under the current version of area (a row of data_versions, or
 * "catalog": the procedure catalogue's). Call it after the handler's own checks of the caller's
 * scope and inputs: the key names the path and query, the caller's role, unit, unit level and
 * coordinator flag, today and the version, so a cached answer only reaches a caller who would
 * have computed the same one. 1 answered from the cache; 0 not there, with key filled for
 * answers_send (left empty, so nothing is kept, when the session carried no such version).
 */
int answers_lookup(req_t *r, const char *area, struct answer_key *key);
/* Answers out (released) as res_json(r, 200, out) does, and keeps its text under key. */
void answers_send(req_t *r, const struct answer_key *key, json_t *out);
/* The same for an answer already in text. */
void answers_send_text(req_t *r, const struct answer_key *key, const char *text, size_t len);
/* What every cache of computed answers shares (the lists here, the figures in kpi.c): sends the
 * answer kept under key in m as a 200 JSON answer (1), or nothing (0). */
struct memo;
int answers_serve(req_t *r, struct memo *m, const struct answer_key *key);
/* Answers out (released) as res_json(r, 200, out) does, and keeps its text under key in m (when
 * m and key are given). */
void answers_send_in(req_t *r, struct memo *m, const struct answer_key *key, json_t *out);
/* Version n of area in a "area=N;..." list: 1 found, 0 not. */
int answers_version_of(const char *versions, const char *area, long long *n);

#endif
