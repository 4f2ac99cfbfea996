/* libFuzzer target for core/timeline: any bytes, several plan years, checks output invariants. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeline.h"

static int valid_date(struct tl_date d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.y == 0) return d.m == 0 && d.d == 0;
    return d.y >= 1900 && d.y <= 2199 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= days[d.m - 1];
}

/* Properties that must hold whatever the input: terminated strings, sane dates and kinds. */
static void check(const struct timeline *t) {
    if ((unsigned)t->kind > TL_REFERENCE || t->nlevels < 0 || t->nlevels > 4) abort();
    if (!memchr(t->note, 0, sizeof t->note) || !memchr(t->reference, 0, sizeof t->reference) ||
        !memchr(t->offset_after, 0, sizeof t->offset_after))
        abort();
    if (!valid_date(t->start) || !valid_date(t->due)) abort();
    if (t->start.y && t->due.y &&
        t->start.y * 10000 + t->start.m * 100 + t->start.d >
            t->due.y * 10000 + t->due.m * 100 + t->due.d)
        abort();
    if (t->kind == TL_UNKNOWN && (t->due.y || t->nlevels || t->has_offset)) abort();
    if (t->recurrence & ~15u) abort();
    /* a month is one whole month; a quarter starts and ends on quarter bounds */
    if (t->kind == TL_MONTH && t->start.y &&
        (t->start.d != 1 || t->start.y != t->due.y || t->start.m != t->due.m))
        abort();
    if (t->kind == TL_QUARTER && t->start.y &&
        (t->start.d != 1 || t->start.m % 3 != 1 || t->due.m % 3 != 0 || t->due.d < 30))
        abort();
    /* continuous work is the span of whole years */
    if (t->kind == TL_CONTINUOUS && t->start.y &&
        (t->start.m != 1 || t->start.d != 1 || t->due.m != 12 || t->due.d != 31))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const int years[] = {2023, 2022, 0, 2100, -5};
    char *text = malloc(size + 1);
    struct timeline t;

    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
        timeline_parse(text, years[i], &t);
        check(&t);
    }
    free(text);
    return 0;
}
