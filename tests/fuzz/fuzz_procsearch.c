/* libFuzzer target for core/procsearch: any query text (the citizens' search box) searches a small
 * index without harm, the hits are valid documents in order, and the facets agree with the total.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/procedure.h"
#include "core/procsearch.h"

static struct ps_index *ix;

static void build(void) {
    static const struct ps_doc docs[] = {
        {"2.000815", "thu tuc chung thuc ban sao tu ban chinh", "chung thuc tu phap", 3, 0, 6, 1, 0,
         1, 1},
        {"2.000884", "thu tuc chung thuc chu ky", "chung thuc ban sao giay to", 3, 0, 4, 0, 0, 1,
         0},
        {"1.001193", "thu tuc dang ky khai sinh", "ho tich to khai", 2, 0, 4, 2, 0, 0, 1},
        {"1.012753", "dang ky dat dai lan dau", "dat dai van phong", 1, 7, 2, 1, 1, 1, 1},
        {"1.004227", "cap giay chung nhan quyen su dung dat", "", 1, 7, 2, 0, 2, 0, 0},
        {"10.000001", "", NULL, 4, 0, 1, 0, 0, 0, 0},
    };
    ix = ps_build(docs, sizeof docs / sizeof docs[0]);
    if (!ix) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!ix) build();
    char *q = malloc(size + 1);
    if (!q) return 0;
    memcpy(q, data, size);
    q[size] = '\0';
    struct ps_filter f = ps_filter_any();
    if (size > 0) {
        f.level = data[0] & 7;
        f.online = (int)(data[0] >> 3) % 4 - 1;
        f.status_mask = data[0] >> 5;
    }
    struct ps_hit hits[8];
    size_t n;
    long total = ps_search(ix, q, &f, (enum ps_order)(size % 3), size % 4, 8, hits, &n);
    if (total < 0 || n > 8 || (size_t)total < n) abort();
    for (size_t i = 0; i < n; i++)
        if (hits[i].doc >= ps_ndocs(ix)) abort();
    struct ps_facets fc;
    if (ps_facets(ix, q, &f, &fc) == 0) {
        if ((long)fc.total != total) abort();
        size_t sum = 0;
        for (size_t i = 0; i < fc.nfields; i++) sum += fc.field_counts[i];
        if (sum != fc.total) abort();
        ps_facets_free(&fc);
    }
    free(q);
    return 0;
}
