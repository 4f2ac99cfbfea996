/* libFuzzer target: plantext text and HTML paths, and unitmatch on every lead/coop it yields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/plantext.h"
#include "core/unitmatch.h"

static const struct um_unit UNITS[] = {
    {1, "Văn phòng UBND tỉnh", NULL, "province", 0, 0},
    {2, "Sở Tư pháp", NULL, "department", 1, 0},
    {3, "Sở Thông tin và Truyền thông", NULL, "department", 1, 0},
    {4, "UBND huyện Mỹ Lộc", NULL, "district", 1, 0},
};

static void units_of(const char *cell) {
    struct um_ref *r;
    size_t n;
    if (!cell || unitmatch_split(cell, &r, &n)) return;
    if (unitmatch_resolve(r, n, UNITS, sizeof UNITS / sizeof *UNITS) < 0) {
        unitmatch_free(r, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (!r[i].text || !r[i].text[0]) abort(); /* refs are never empty */
    unitmatch_free(r, n);
}

static void walk(const struct pt_task *t, size_t depth) {
    if (!t->title || depth > 8) abort(); /* titles are never NULL; nesting is bounded */
    units_of(t->lead);
    units_of(t->coop);
    for (size_t i = 0; i < t->nchildren; i++) walk(&t->children[i], depth + 1);
}

static void check(const struct pt_plan *p, int rc) {
    size_t tasks = 0;
    if (rc == PT_NOMEM) { /* out of memory leaves nothing behind */
        if (p->nsections || p->nwarnings || p->title) abort();
        return;
    }
    for (size_t s = 0; s < p->nsections; s++) {
        if (!p->sections[s].title) abort();
        for (size_t i = 0; i < p->sections[s].ntasks; i++) walk(&p->sections[s].tasks[i], 0);
        tasks += p->sections[s].ntasks;
    }
    if ((rc == 0) != (tasks > 0)) abort();
    if (rc != 0 && p->nwarnings == 0) abort(); /* a failure always says why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* the first byte picks the path, so one corpus reaches both */
    int html = size && (data[0] & 1);
    const char *text = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;
    struct pt_plan p;
    int rc = html ? plantext_parse_html(text, len, &p) : plantext_parse_text(text, len, &p);
    check(&p, rc);
    plantext_free(&p);
    return 0;
}
