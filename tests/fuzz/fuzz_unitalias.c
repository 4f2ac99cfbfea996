/* libFuzzer target for core/unitmatch's alias scan: any document, its aliases used on itself. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/unitmatch.h"

static const struct um_unit UNITS[] = {
    {1, "Văn phòng UBND tỉnh", NULL, "province", 0, 0},
    {2, "Sở Thông tin và Truyền thông", NULL, "department", 1, 0},
    {3, "Ban Quản lý Khu kinh tế tỉnh", NULL, "department", 1, 0},
    {4, "UBND huyện Vĩnh Linh", NULL, "district", 1, 0},
};

/* Aliases are never empty; each names something; resolving with them keeps refs non-empty. */
static void check(const char *doc, const struct um_alias *al, size_t n) {
    struct um_ref *r;
    size_t nr;
    for (size_t i = 0; i < n; i++)
        if (!al[i].alias || !al[i].alias[0] || !al[i].name || !al[i].name[0] || !al[i].key) abort();
    if (unitmatch_split_aliased(doc, al, n, &r, &nr)) return;
    if (unitmatch_resolve_aliased(r, nr, UNITS, sizeof UNITS / sizeof *UNITS, al, n) == 0)
        for (size_t i = 0; i < nr; i++)
            if (!r[i].text || !r[i].text[0] || (r[i].via_alias && !n)) abort();
    unitmatch_free(r, nr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *doc = malloc(size + 1);
    struct um_alias *al;
    size_t n;
    if (!doc) return 0;
    memcpy(doc, data, size);
    doc[size] = '\0';
    if (unitmatch_aliases(doc, size, &al, &n) == 0) {
        check(doc, al, n);
        unitmatch_aliases_free(al, n);
    }
    free(doc);
    return 0;
}
