/* Unit test for core/timeline over a phrase corpus written the way other provinces' plans are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/timeline.h"

/*
 * tests/fixtures/timeline_phrases.tsv: phrase, plan year, kind, start, due, recurrence
 * ("monthly,quarterly", "-" for none) and offset ("10", "5w" = working days, "-" for none).
 * The expectations were written by reading each phrase; a phrase is right when every column
 * matches. The test prints the share right and lists the phrases that are not.
 */

#define MIN_SHARE 95 /* the goal, in per cent */

static FILE *open_fixture(void) {
    const char *dir = getenv("KSTT_FIXTURES");
    char path[1024];
    snprintf(path, sizeof path, "%s/timeline_phrases.tsv", dir && *dir ? dir : "tests/fixtures");
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s (run from the repo root or set KSTT_FIXTURES)", path);
    return f;
}

/* Splits line at tabs into at most max fields; returns how many. */
static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        f[n++] = line;
        char *tab = strchr(line, '\t');
        if (!tab) break;
        *tab = '\0';
        line = tab + 1;
    }
    return n;
}

static void date_text(struct tl_date d, char out[16]) {
    if (!d.y)
        strcpy(out, "-");
    else
        snprintf(out, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static void recur_text(unsigned rec, char *out, size_t cap) {
    out[0] = '\0';
    for (unsigned bit = 1; bit <= TL_REC_YEARLY; bit <<= 1) {
        if (!(rec & bit)) continue;
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? "," : "", timeline_recur_name(bit));
    }
    if (!out[0]) strcpy(out, "-");
}

static void offset_text(const struct timeline *t, char *out, size_t cap) {
    if (!t->has_offset)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%d%s", t->offset_days, t->offset_working ? "w" : "");
}

/* Whether the parse of f[0] with plan year f[1] matches the expected columns f[2..6]. */
static int phrase_right(char **f) {
    struct timeline t;
    char start[16], due[16], rec[64], off[16];

    timeline_parse(f[0], atoi(f[1]), &t);
    date_text(t.start, start);
    date_text(t.due, due);
    recur_text(t.recurrence, rec, sizeof rec);
    offset_text(&t, off, sizeof off);
    if (!strcmp(timeline_kind_name(t.kind), f[2]) && !strcmp(start, f[3]) && !strcmp(due, f[4]) &&
        !strcmp(rec, f[5]) && !strcmp(off, f[6]))
        return 1;
    printf("  wrong: \"%s\" (%s): got %s %s %s %s %s, expected %s %s %s %s %s\n", f[0], f[1],
           timeline_kind_name(t.kind), start, due, rec, off, f[2], f[3], f[4], f[5], f[6]);
    return 0;
}

static void test_corpus(void **state) {
    FILE *f = open_fixture();
    char line[4096];
    int total = 0, right = 0;

    (void)state;
    while (fgets(line, sizeof line, f)) {
        char *col[7];
        if (line[0] == '#' || line[0] == '\n') continue;
        assert_int_equal(split_tabs(line, col, 7), 7);
        total++;
        right += phrase_right(col);
    }
    fclose(f);
    printf("timeline corpus: %d of %d phrases right (%.1f %%)\n", right, total,
           total ? 100.0 * right / total : 0.0);
    assert_true(total >= 150);
    assert_true(right * 100 >= total * MIN_SHARE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
