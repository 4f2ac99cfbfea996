/* GET/PUT /api/v1/index/{year}/assessments/{unit_id}, POST .../submit: a unit's self-assessment
 * of the reform index (values with notes and evidence), submitted by its leader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/index.h"
#include "api/index_common.h"
#include "lib/utf8.h"

#define EVIDENCE_MAX 20
#define NOTE_MAX     4000

struct scores_body {
    json_t *scores;
};
static const struct in_decl scores_fields[] = {
    IN_FIELD(struct scores_body, scores, IN_JSON, IN_REQUIRED, 0, 0, NULL),
};
const struct in_spec in_index_assessment_put = IN_SPEC(struct scores_body, scores_fields);

int h_index_assessment_get(req_t *r) {
    db_t *db = db_or_503(r);
    struct ix_target t;
    if (!db || ix_target_load(r, db, &t, 1) < 0) return -1;
    json_t *out = ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
    ix_tree_free(&t.tree);
    if (!out) return db_fail(r, db);
    res_json(r, 200, out);
    return 0;
}

/* Field name scores[i].key into f. */
static const char *sf(char *f, size_t cap, size_t i, const char *key) {
    snprintf(f, cap, "scores[%zu].%s", i, key);
    return f;
}

/* 1 when s is an http(s) address of printable ASCII, at most 2000 bytes. */
static int url_ok(const char *s) {
    if (!s || strlen(s) > 2000 || (strncmp(s, "https://", 8) && strncmp(s, "http://", 7))) return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p >= 127) return 0;
    return 1;
}

/* Evidence: null, or a list of at most 20 {title, url}. 1 good, 0 not. */
static int evidence_ok(json_t *e) {
    if (!e || json_is_null(e)) return 1;
    if (!json_is_array(e) || json_array_size(e) > EVIDENCE_MAX) return 0;
    size_t i;
    json_t *x;
    json_array_foreach(e, i, x) {
        const char *title = json_string_value(json_object_get(x, "title"));
        if (!json_is_object(x) || json_object_size(x) != 2 || !title || utf8_chars(title) < 1 ||
            utf8_chars(title) > 500 || !url_ok(json_string_value(json_object_get(x, "url"))))
            return 0;
    }
    return 1;
}

/* Checks one score {code, value, note, evidence} of the unit: its points into *pts (-1: none). */
static void check_score(req_t *r, const struct ix_tree *t, size_t i, json_t *s, long long *pts) {
    char f[64];
    const char *key;
    json_t *v;
    *pts = -1;
    if (!json_is_object(s)) {
        req_error(r, sf(f, sizeof f, i, "code"), "Mỗi điểm là {code, value, note, evidence}.");
        return;
    }
    json_object_foreach(s, key, v) {
        if (strcmp(key, "code") && strcmp(key, "value") && strcmp(key, "note") &&
            strcmp(key, "evidence"))
            req_error(r, sf(f, sizeof f, i, key), "Trường này không được nhận.");
    }
    int k = ix_tree_find(t, json_string_value(json_object_get(s, "code")));
    if (k < 0 || !t->nodes[k].leaf || t->nodes[k].source != RI_S_SELF) {
        req_error(r, sf(f, sizeof f, i, "code"),
                  "Không có chỉ tiêu tự chấm (chỉ tiêu lá, nguồn self) với mã này.");
        return;
    }
    json_t *note = json_object_get(s, "note");
    if (note && !json_is_null(note) &&
        (!json_is_string(note) || utf8_chars(json_string_value(note)) > NOTE_MAX))
        req_error(r, sf(f, sizeof f, i, "note"), "Ghi chú tối đa 4000 ký tự.");
    if (!evidence_ok(json_object_get(s, "evidence")))
        req_error(
            r, sf(f, sizeof f, i, "evidence"),
            "Tài liệu kiểm chứng là danh sách tối đa 20 mục {title, url} (địa chỉ http/https).");
    json_t *value = json_object_get(s, "value");
    const char *msg = NULL;
    long long p = 0;
    if (!value || json_is_null(value)) return;
    if (ri_score(&t->nodes[k], value, &p, &msg) < 0)
        req_error(r, sf(f, sizeof f, i, "value"), msg);
    else
        *pts = p;
}

/* Checks the scores list: the points of each into pts (new array), or NULL after a 422. */
static long long *check_scores(req_t *r, const struct ix_tree *t, json_t *scores) {
    size_t n = json_array_size(scores);
    if (!json_is_array(scores) || n > RI_NODES_MAX) {
        req_error(r, "scores",
                  "scores là danh sách tối đa 400 điểm {code, value, note, evidence}.");
        res_invalid(r);
        return NULL;
    }
    long long *pts = calloc(n + 1, sizeof *pts);
    if (!pts) {
        res_no_memory(r);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        check_score(r, t, i, json_array_get(scores, i), &pts[i]);
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_object_get(json_array_get(scores, j), "code"),
                           json_object_get(json_array_get(scores, i), "code"))) {
                char f[64];
                req_error(r, sf(f, sizeof f, i, "code"), "Mã chỉ tiêu bị lặp trong danh sách.");
            }
    }
    if (!req_has_errors(r)) return pts;
    free(pts);
    res_invalid(r);
    return NULL;
}

/* Writes the unit's scores (each given code's value, points, note and evidence). */
static int write_scores(db_t *db, long long aid, json_t *scores, const long long *pts,
                        long long user) {
    size_t i;
    json_t *s;
    json_array_foreach(scores, i, s) {
        json_t *v = json_object_get(s, "value"), *e = json_object_get(s, "evidence");
        char *vt = v && !json_is_null(v) ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
        char *et = e && !json_is_null(e) ? json_dumps(e, JSON_COMPACT) : NULL;
        long long rc = db_exec(
            db,
            "INSERT INTO ri_scores (assessment_id, code, value_json, self_points_h, note, "
            "evidence_json, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
            "value_json = VALUES(value_json), self_points_h = VALUES(self_points_h), note = "
            "VALUES(note), evidence_json = VALUES(evidence_json), updated_by = VALUES(updated_by)",
            "ississI", aid, json_string_value(json_object_get(s, "code")), vt,
            pts[i] >= 0 ? pts[i] : 0LL, json_string_value(json_object_get(s, "note")), et, user);
        /* a cleared value keeps no points: NULL, not 0, so submit sees it is missing */
        if (rc >= 0 && pts[i] < 0)
            rc = db_exec(db,
                         "UPDATE ri_scores SET self_points_h = NULL WHERE assessment_id = ? AND "
                         "code = ?",
                         "is", aid, json_string_value(json_object_get(s, "code")));
        free(vt);
        free(et);
        if (rc < 0) return -1;
    }
    return 0;
}

int h_index_assessment_put(req_t *r) {
    const struct scores_body *in = r->body_in;
    db_t *db = db_or_503(r);
    struct ix_target t;
    if (!db || ix_target_load(r, db, &t, 0) < 0) return -1;
    long long *pts = check_scores(r, &t.tree, in->scores), aid = 0;
    char status[16];
    int rc = -1;
    if (pts && ix_begin_assessment(r, db, &t, &aid, status, sizeof status) > 0 &&
        ix_need_open(r, db, status) == 0) {
        json_t *before = ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
        int bad = !before || write_scores(db, aid, in->scores, pts, r->user->user_id) < 0;
        json_t *after = bad ? NULL : ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
        rc = commit_write(r, db, bad, "index.assess", "index_assessment", aid, before, after, 200);
    }
    free(pts);
    ix_tree_free(&t.tree);
    return rc;
}

/* Every self-assessed leaf without a value: a 422 naming their codes; 0 when none. */
static int need_complete(req_t *r, db_t *db, long long aid, const struct ix_tree *t) {
    char missing[600] = "";
    size_t used = 0, count = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!t->nodes[i].leaf || t->nodes[i].source != RI_S_SELF) continue;
        long long one = 0;
        int rc = db_query_int(db, &one,
                              "SELECT 1 FROM ri_scores WHERE assessment_id = ? AND code = ? AND "
                              "self_points_h IS NOT NULL",
                              "is", aid, t->nodes[i].code);
        if (rc < 0) return db_fail(r, db);
        if (rc == 0 && used + RI_CODE_MAX + 3 < sizeof missing)
            used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
                                     count++ ? ", " : "", t->nodes[i].code);
    }
    if (!missing[0]) return 0;
    db_rollback(db);
    char msg[800];
    snprintf(msg, sizeof msg, "Còn chỉ tiêu chưa tự chấm: %s.", missing);
    req_error(r, "scores", msg);
    return res_invalid(r);
}

/* Fixes the system criteria at submission: the figure and its points as the unit's. */
static int store_system(db_t *db, long long aid, const struct ix_target *t, long long user) {
    for (size_t i = 0; i < t->tree.n; i++) {
        const struct ri_node *nd = &t->tree.nodes[i];
        if (!nd->leaf || nd->source != RI_S_SYSTEM) continue;
        json_t *fig = ix_system_figure(db, t->unit_id, t->year,
                                       json_string_value(json_object_get(nd->params, "metric")));
        if (!fig) return -1;
        long long p = 0;
        json_t *v = json_object_get(fig, "value");
        ri_score(nd, v, &p, NULL);
        char *ft = json_dumps(fig, JSON_COMPACT), *vt = json_dumps(v, JSON_ENCODE_ANY);
        long long rc = db_exec(
            db,
            "INSERT INTO ri_scores (assessment_id, code, value_json, self_points_h, system_json, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE value_json = "
            "VALUES(value_json), self_points_h = VALUES(self_points_h), system_json = "
            "VALUES(system_json), updated_by = VALUES(updated_by)",
            "issisI", aid, nd->code, vt, p, ft, user);
        free(ft);
        free(vt);
        json_decref(fig);
        if (rc < 0) return -1;
    }
    return 0;
}

int h_index_assessment_submit(req_t *r) {
    db_t *db = db_or_503(r);
    struct ix_target t;
    if (!db || ix_target_load(r, db, &t, 0) < 0) return -1;
    long long aid = 0;
    char status[16];
    int rc = -1;
    if (ix_begin_assessment(r, db, &t, &aid, status, sizeof status) > 0 &&
        ix_need_open(r, db, status) == 0 && need_complete(r, db, aid, &t.tree) == 0) {
        json_t *before = ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
        int bad = !before || store_system(db, aid, &t, r->user->user_id) < 0 ||
                  db_exec(db,
                          "UPDATE ri_assessments SET status = 'submitted', submitted_by = ?, "
                          "submitted_at = NOW() WHERE id = ?",
                          "ii", r->user->user_id, aid) < 0 ||
                  ix_notify(db, "index.submitted", t.year, t.unit_id, aid, NULL) < 0;
        json_t *after = bad ? NULL : ix_assessment_answer(db, t.year, t.unit_id, t.kind, &t.tree);
        rc = commit_write(r, db, bad, "index.submit", "index_assessment", aid, before, after, 200);
    }
    ix_tree_free(&t.tree);
    return rc;
}
