/* Unit tests for core/plantext: the three real plans and hand-made variants against expectations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/plantext.h"
#include "lib/mem.h"

/* ---- fixtures ---------------------------------------------------------------------------- */

static char *read_fixture(const char *name, size_t *len) {
    const char *dir = getenv("KSTT_FIXTURES");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/fixtures", name);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open fixture %s (run from the repo root or set KSTT_FIXTURES)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = 0;
    fclose(f);
    if (len) *len = (size_t)n;
    return b;
}

/* One record of an expected_*.txt file, or of a parsed plan flattened the same way. */
struct rec {
    char kind; /* 'T' title, 'S' section, 't' task */
    int depth;
    char *f[6]; /* number, title, output, lead, coop, timeline (title: f[1]) */
    int line;
};

struct recs {
    struct rec *r;
    size_t n, cap;
};

static void add_rec(struct recs *rs, struct rec r) {
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 64;
        rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
        assert_non_null(rs->r);
    }
    rs->r[rs->n++] = r;
}

static void free_recs(struct recs *rs) {
    for (size_t i = 0; i < rs->n; i++)
        for (int k = 0; k < 6; k++) free(rs->r[i].f[k]);
    free(rs->r);
}

/* Copy of s[0..n) with "\n" (backslash, n) turned into a line break. */
static char *unescape(const char *s, size_t n) {
    char *d = malloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n')
            d[o++] = '\n', i++;
        else
            d[o++] = s[i];
    }
    d[o] = 0;
    return d;
}

static void parse_expected(const char *name, struct recs *rs) {
    char *b = read_fixture(name, NULL);
    int lineno = 0;
    for (char *line = b, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        int depth = 0;
        while (line[depth * 2] == ' ' && line[depth * 2 + 1] == ' ') depth++;
        char *s = line + depth * 2;
        if (!*s || *s == '#') continue;
        struct rec r = {0};
        r.depth = depth;
        r.line = lineno;
        const char *fields = strchr(s, '|');
        assert_non_null(fields);
        size_t kl = (size_t)(fields - s);
        r.kind = !strncmp(s, "title", kl) ? 'T' : !strncmp(s, "section", kl) ? 'S' : 't';
        int k = 0;
        for (const char *p = fields + 1; k < 6; k++) {
            const char *e = strchr(p, '|');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            r.f[k] = unescape(p, l);
            if (!e) break;
            p = e + 1;
        }
        add_rec(rs, r);
    }
    free(b);
}

static char *dup_or_empty(const char *s) {
    return strdup(s ? s : "");
}

static void flatten_task(const struct pt_task *t, int depth, struct recs *rs) {
    struct rec r = {'t', depth, {0}, 0};
    r.f[0] = dup_or_empty(t->number ? t->number : "-");
    r.f[1] = dup_or_empty(t->title);
    r.f[2] = dup_or_empty(t->output);
    r.f[3] = dup_or_empty(t->lead);
    r.f[4] = dup_or_empty(t->coop);
    r.f[5] = dup_or_empty(t->timeline);
    add_rec(rs, r);
    for (size_t i = 0; i < t->nchildren; i++) flatten_task(&t->children[i], depth + 1, rs);
}

static void flatten(const struct pt_plan *p, struct recs *rs) {
    if (p->title) add_rec(rs, (struct rec){'T', 0, {dup_or_empty(p->title)}, 0});
    for (size_t s = 0; s < p->nsections; s++) {
        const struct pt_section *sec = &p->sections[s];
        add_rec(rs, (struct rec){'S',
                                 0,
                                 {dup_or_empty(sec->number ? sec->number : "-"),
                                  dup_or_empty(sec->title), dup_or_empty(sec->group_number),
                                  dup_or_empty(sec->group_title)},
                                 0});
        for (size_t i = 0; i < sec->ntasks; i++) flatten_task(&sec->tasks[i], 0, rs);
    }
}

/* Expected field: exact, or a prefix when it ends with "…"; "" means empty. */
static int field_ok(const char *exp, const char *got) {
    static const char ELL[] = "\xE2\x80\xA6";
    size_t el = strlen(exp);
    if (el >= 3 && !strcmp(exp + el - 3, ELL)) return !strncmp(got, exp, el - 3);
    return !strcmp(exp, got);
}

static const char *const FIELD[] = {"number", "title", "output", "lead", "coop", "timeline"};

static void compare(const char *expected_name, const struct pt_plan *plan) {
    struct recs exp = {0}, got = {0};
    parse_expected(expected_name, &exp);
    flatten(plan, &got);
    int bad = 0;
    for (size_t i = 0; i < exp.n && i < got.n && bad < 5; i++) {
        const struct rec *e = &exp.r[i], *g = &got.r[i];
        if (e->kind != g->kind || e->depth != g->depth) {
            print_error("%s:%d: expected a %c at depth %d, got %c at depth %d (%s %s)\n",
                        expected_name, e->line, e->kind, e->depth, g->kind, g->depth,
                        g->f[0] ? g->f[0] : "", g->f[1] ? g->f[1] : "");
            bad++;
            break;
        }
        int nf = e->kind == 'T' ? 1 : e->kind == 'S' ? 4 : 6; /* section|I|title|A|group */
        for (int k = 0; k < nf; k++) {
            const char *ev = e->f[k] ? e->f[k] : "", *gv = g->f[k] ? g->f[k] : "";
            if (e->kind == 'T') ev = e->f[0], gv = g->f[0];
            if (!field_ok(ev, gv)) {
                print_error("%s:%d: %s\n  expected: [%s]\n  got:      [%s]\n", expected_name,
                            e->line, e->kind == 'T' ? "title" : FIELD[k], ev, gv);
                bad++;
            }
        }
    }
    if (exp.n != got.n) {
        print_error("%s: expected %zu records, got %zu\n", expected_name, exp.n, got.n);
        bad++;
    }
    free_recs(&exp);
    free_recs(&got);
    assert_int_equal(bad, 0);
}

static void check_text(const char *input, const char *expected, int html) {
    size_t n;
    char *b = read_fixture(input, &n);
    struct pt_plan p;
    int rc = html ? plantext_parse_html(b, n, &p) : plantext_parse_text(b, n, &p);
    assert_int_equal(rc, 0);
    compare(expected, &p);
    plantext_free(&p);
    free(b);
}

static int has_warning(const struct pt_plan *p, const char *where, const char *msg_part) {
    for (size_t i = 0; i < p->nwarnings; i++)
        if (!strcmp(p->warnings[i].where, where) && strstr(p->warnings[i].message, msg_part))
            return 1;
    return 0;
}

/* ---- the three real plans ---------------------------------------------------------------- */

static void test_namdinh(void **state) {
    (void)state;
    check_text("plan_namdinh_2023.txt", "expected_namdinh_2023.txt", 0);
}

static void test_nghean(void **state) {
    (void)state;
    check_text("plan_nghean_2023.txt", "expected_nghean_2023.txt", 0);
}

static void test_tiengiang(void **state) {
    (void)state;
    check_text("plan_tiengiang_2022.txt", "expected_tiengiang_2022.txt", 0);
}

/* Warnings point at the rows a person should look at before saving. */
static void test_namdinh_warnings(void **state) {
    (void)state;
    size_t n;
    char *b = read_fixture("plan_namdinh_2023.txt", &n);
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(b, n, &p), 0);
    assert_true(has_warning(&p, "Mục VIII, nhiệm vụ 6", "tách sang trang"));
    assert_true(has_warning(&p, "Mục II, nhiệm vụ 4", "chủ trì"));
    assert_true(has_warning(&p, "Mục V, nhiệm vụ 1", "thời gian"));
    assert_true(has_warning(&p, "Mục XII, nhiệm vụ không số (dòng thứ 4)", "số thứ tự"));
    plantext_free(&p);
    free(b);
}

/* Windows line ends and a byte-order mark change nothing. */
static void test_crlf_bom(void **state) {
    (void)state;
    size_t n;
    char *b = read_fixture("plan_nghean_2023.txt", &n);
    char *w = malloc(n * 2 + 4);
    size_t o = 0;
    memcpy(w, "\xEF\xBB\xBF", 3), o = 3;
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\n') w[o++] = '\r';
        w[o++] = b[i];
    }
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(w, o, &p), 0);
    compare("expected_nghean_2023.txt", &p);
    plantext_free(&p);
    free(w);
    free(b);
}

/* ---- hand-made variants ------------------------------------------------------------------ */

static void test_variant_html(void **state) {
    (void)state;
    check_text("import_variants/namdinh_table.html", "expected_variant_namdinh_html.txt", 1);
}

/* HTML pasted into the text box is recognised as HTML. */
static void test_variant_html_via_text(void **state) {
    (void)state;
    check_text("import_variants/namdinh_table.html", "expected_variant_namdinh_html.txt", 0);
}

static void test_variant_columns_reordered(void **state) {
    (void)state;
    check_text("import_variants/columns_reordered.txt", "expected_variant_columns_reordered.txt",
               0);
}

static void test_variant_no_diacritics(void **state) {
    (void)state;
    check_text("import_variants/namdinh_no_diacritics.txt",
               "expected_variant_namdinh_no_diacritics.txt", 0);
}

static void test_variant_prose_text(void **state) {
    (void)state;
    check_text("import_variants/district_prose.txt", "expected_variant_district_prose.txt", 0);
}

static void test_variant_prose_html(void **state) {
    (void)state;
    check_text("import_variants/district_prose.html", "expected_variant_district_prose.txt", 1);
}

/* ---- layouts the importer had not seen (issue 20) ----------------------------------------- */

static void test_variant_district_subitems(void **state) {
    (void)state;
    check_text("import_variants/district_subitems.html", "expected_variant_district_subitems.txt",
               1);
}

static void test_variant_province_subitems(void **state) {
    (void)state;
    check_text("import_variants/province_subitems.txt", "expected_variant_province_subitems.txt",
               0);
}

static void test_variant_province_groups(void **state) {
    (void)state;
    check_text("import_variants/province_groups.html", "expected_variant_province_groups.txt", 1);
}

static void test_variant_district_groups(void **state) {
    (void)state;
    check_text("import_variants/district_groups.txt", "expected_variant_district_groups.txt", 0);
}

static void test_variant_commune_prose(void **state) {
    (void)state;
    check_text("import_variants/commune_prose.txt", "expected_variant_commune_prose.txt", 0);
}

static void test_variant_mixed_appendix(void **state) {
    (void)state;
    check_text("import_variants/mixed_appendix.html", "expected_variant_mixed_appendix_html.txt",
               1);
    check_text("import_variants/mixed_appendix.txt", "expected_variant_mixed_appendix_text.txt", 0);
}

static struct pt_plan parse_fixture(const char *name, int html) {
    size_t n;
    char *b = read_fixture(name, &n);
    struct pt_plan p;
    assert_int_equal(html ? plantext_parse_html(b, n, &p) : plantext_parse_text(b, n, &p), 0);
    free(b);
    return p;
}

/* Each guess is a doubt on its task (the preview's confidence); numbered sub-items are none. */
static void test_doubts(void **state) {
    (void)state;
    struct pt_plan p = parse_fixture("import_variants/district_subitems.html", 1);
    const struct pt_section *s1 = &p.sections[0], *s2 = &p.sections[1];
    assert_int_equal(s1->tasks[1].doubts, 0);
    assert_int_equal(s1->tasks[1].children[0].doubts, 0); /* 2.1 split from the task's own row */
    assert_int_equal(s1->tasks[1].children[2].doubts, 0);
    assert_int_equal(s2->tasks[0].doubts, PT_D_JOINED); /* split over the page break */
    assert_int_equal(s2->tasks[1].children[1].doubts, 0);
    assert_int_equal(s2->tasks[3].children[0].doubts, PT_D_SUBROW); /* unnumbered sub-row */
    assert_true(has_warning(&p, "Mục II, nhiệm vụ 1", "tách sang trang"));
    plantext_free(&p);
    p = parse_fixture("import_variants/commune_prose.txt", 0);
    assert_int_equal(p.sections[0].tasks[0].doubts, 0);
    assert_int_equal(p.sections[1].tasks[0].doubts, PT_D_INHERITED); /* lead from section III */
    plantext_free(&p);
}

/* Groups: "A" over I, II; no group for a plan with one level of headings. */
static void test_groups(void **state) {
    (void)state;
    struct pt_plan p = parse_fixture("import_variants/province_groups.html", 1);
    assert_int_equal(p.nsections, 4);
    assert_string_equal(p.sections[1].group_number, "A");
    assert_string_equal(p.sections[3].group_number, "B");
    assert_string_equal(p.sections[3].group_title, "NHIỆM VỤ CỦA UBND CẤP HUYỆN, CẤP XÃ");
    plantext_free(&p);
    p = parse_fixture("import_variants/district_groups.txt", 0);
    for (size_t i = 0; i < p.nsections; i++) assert_null(p.sections[i].group_number);
    assert_null(p.sections[0].group_title);
    plantext_free(&p);
}

/* Parses an inline tab table whose second data row follows a page break (blank line, header). */
static struct pt_plan after_break(const char *row) {
    static const char H[] = "STT\tNhiệm vụ\tKết quả\tChủ trì\tPhối hợp\tThời gian\n";
    char txt[1024];
    snprintf(txt, sizeof txt, "%s1\tTập huấn\t%s\tSở Nội vụ\t\tQuý II\n\n%s%s\n", H,
             strstr(row, "|ends") ? "Hội nghị cấp tỉnh." : "Hội nghị cấp tỉnh tại", H,
             strchr(row, '\t'));
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(txt, strlen(txt), &p), 0);
    return p;
}

/* A row after a page break: joined when it goes on mid-sentence, a sub-item when it stands alone.
 */
static void test_page_break_or_subitem(void **state) {
    (void)state;
    struct pt_plan p = after_break("|ends\t\tcho các huyện\tSở Nội vụ\t\tQuý III");
    assert_int_equal(p.sections[0].tasks[0].nchildren, 0); /* lower-case start: joined */
    assert_int_equal(p.sections[0].tasks[0].doubts, PT_D_JOINED);
    plantext_free(&p);
    p = after_break("|ends\t\tHội nghị cấp huyện.\tSở Nội vụ\t\tQuý III");
    assert_int_equal(p.sections[0].tasks[0].nchildren, 1); /* own units, row above ended */
    assert_string_equal(p.sections[0].tasks[0].children[0].timeline, "Quý III");
    plantext_free(&p);
    p = after_break("|mid\t\tHuyện Can Lộc\t\t\t");
    assert_int_equal(p.sections[0].tasks[0].nchildren, 0); /* no units of its own: joined */
    assert_string_equal(p.sections[0].tasks[0].output, "Hội nghị cấp tỉnh tại Huyện Can Lộc");
    plantext_free(&p);
    p = after_break("|mid\t\t1.2. Hội nghị cấp huyện\tUBND cấp huyện\t\tQuý III");
    const struct pt_task *t = &p.sections[0].tasks[0];
    assert_int_equal(t->nchildren, 1); /* numbered in the output column: a sub-item */
    assert_string_equal(t->children[0].number, "1.2");
    assert_string_equal(t->children[0].lead, "UBND cấp huyện");
    assert_string_equal(t->output, "Hội nghị cấp tỉnh tại"); /* no "1.1." above: kept */
    plantext_free(&p);
}

/* "Đơn vị chủ trì: Văn phòng Sở" lines never make a one-cell-per-line header. */
static void test_attribute_lines_no_header(void **state) {
    (void)state;
    const char *txt = "II. NHIỆM VỤ\n1. Tổ chức hội nghị\nĐơn vị chủ trì: Văn phòng Sở.\n"
                      "Đơn vị phối hợp: Phòng CCHC.\nThời hạn: Tháng 02/2025.\n";
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(txt, strlen(txt), &p), 0);
    assert_string_equal(p.sections[0].tasks[0].lead, "Văn phòng Sở.");
    assert_string_equal(p.sections[0].tasks[0].timeline, "Tháng 02/2025.");
    plantext_free(&p);
}

/* Small inline cases: a header in another wording, sections per column, bullets as children. */
static void test_inline_layouts(void **state) {
    (void)state;
    const char *txt = "Stt\tTen nhiem vu\tDon vi thuc hien\tThoi gian\tKet qua du kien\n"
                      "A.\tNHIEM VU CHUNG\t\t\t\n"
                      "1\tTap huan\tSo Noi vu\tQuy II\tLop tap huan\n"
                      "-\tTap huan cap tinh\tSo Noi vu\tThang 4\t\n"
                      "-\tTap huan cap huyen\tUBND cap huyen\tThang 5\t\n"
                      "2\tKiem tra\tVan phong UBND tinh\tQuy III\tBao cao\n";
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(txt, strlen(txt), &p), 0);
    assert_int_equal(p.nsections, 1);
    assert_string_equal(p.sections[0].number, "A");
    assert_string_equal(p.sections[0].title, "NHIEM VU CHUNG");
    assert_int_equal(p.sections[0].ntasks, 2);
    const struct pt_task *t = &p.sections[0].tasks[0];
    assert_string_equal(t->lead, "So Noi vu");
    assert_string_equal(t->output, "Lop tap huan");
    assert_int_equal(t->nchildren, 2);
    assert_null(t->children[1].number);
    assert_string_equal(t->children[1].lead, "UBND cap huyen");
    assert_null(t->children[1].output);
    plantext_free(&p);
}

/* Word's plain-text copy breaks a row where a cell has two paragraphs; the row is re-joined. */
static void test_unquoted_multiline_cells(void **state) {
    (void)state;
    const char *txt = "STT\tNhiệm vụ\tKết quả\tChủ trì\tPhối hợp\tThời gian\n"
                      "1\tXây dựng kế hoạch\tKế hoạch\tSở Nội vụ\n"
                      "Sở Tư pháp\tVăn phòng UBND tỉnh\tTháng 01/2023\n"
                      "(Cấp xã: 02/2023)\n"
                      "2\tKiểm tra\tBáo cáo\tVăn phòng UBND tỉnh\t\tQuý IV\n";
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(txt, strlen(txt), &p), 0);
    assert_int_equal(p.sections[0].ntasks, 2);
    const struct pt_task *t = &p.sections[0].tasks[0];
    assert_string_equal(t->lead, "Sở Nội vụ\nSở Tư pháp");
    assert_string_equal(t->coop, "Văn phòng UBND tỉnh");
    assert_string_equal(t->timeline, "Tháng 01/2023\n(Cấp xã: 02/2023)");
    assert_string_equal(p.sections[0].tasks[1].timeline, "Quý IV");
    plantext_free(&p);
    /* clipboard fragment: rows without their <table> */
    const char *frag = "<tr><th>STT</th><th>Nội dung công việc</th><th>Sản phẩm</th>"
                       "<th>Cơ quan chủ trì</th><th>Thời gian</th></tr>"
                       "<tr><td>1.</td><td>Rà soát&nbsp;TTHC</td><td>Báo cáo</td>"
                       "<td>Sở Tư pháp</td><td>Quý II</td></tr>";
    assert_int_equal(plantext_parse_html(frag, strlen(frag), &p), 0);
    assert_string_equal(p.sections[0].tasks[0].number, "1");
    assert_string_equal(p.sections[0].tasks[0].title, "Rà soát TTHC");
    assert_string_equal(p.sections[0].tasks[0].output, "Báo cáo");
    plantext_free(&p);
}

/* Nothing plan-like: -1 and a Vietnamese explanation, and the plan is safe to free. */
static void test_nothing_found(void **state) {
    (void)state;
    const char *inputs[] = {"", "Xin chào, đây không phải là kế hoạch.", "\t\t\n\t\n",
                            "<p>Chỉ có văn bản</p>", "<table><tr><td>1</td></tr></table>"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        struct pt_plan p;
        assert_int_equal(plantext_parse_text(inputs[i], strlen(inputs[i]), &p), -1);
        assert_true(p.nwarnings >= 1);
        assert_non_null(strstr(p.warnings[p.nwarnings - 1].message, "Không tìm thấy"));
        plantext_free(&p);
        assert_int_equal(plantext_parse_html(inputs[i], strlen(inputs[i]), &p), -1);
        plantext_free(&p);
    }
    struct pt_plan z;
    memset(&z, 0, sizeof z);
    plantext_free(&z);
    plantext_free(NULL);
    assert_int_equal(plantext_parse_text(NULL, 5, &z), -1);
    plantext_free(&z);
}

/* Broken markup and odd bytes never crash and stay inside the input. */
static void test_malformed(void **state) {
    (void)state;
    const char *inputs[] = {
        "<table><tr><td colspan=99999 rowspan=99999>STT<td>Nhiệm vụ<td>Chủ trì<td>Thời gian",
        "<table><table><table><tr><td>x</td></tr>",
        "<!-- never closed",
        "<td>STT</td><td>Nội dung</td><td>Kết quả</td><td>Chủ trì</td>\n<td>1</td><td>a",
        "&#99999999; &#x110000; &#0; &bogus; &amp",
        "STT\tNhiệm vụ\tKết quả\tChủ trì\n1\t\"unterminated\n2\t\"x\"\"y\"\t\t\n",
        "STT\tNhiệm vụ\tKết quả\tChủ trì\n\xff\xfe\xc3\t\xe1\x80\t\xf0\x9f\n",
        "1.1.1.1.1.1\tx\n- - - -\n+\n•\nI.\nII\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        struct pt_plan p;
        plantext_parse_text(inputs[i], strlen(inputs[i]), &p);
        plantext_free(&p);
        plantext_parse_html(inputs[i], strlen(inputs[i]), &p);
        plantext_free(&p);
    }
}

/* ---- out of memory ------------------------------------------------------------------------ */

/*
 * Makes the k-th allocation fail (then `count` of them, -1: all the rest) for k = 0, 1, 2, ...
 * until a parse needs no more than k: each failed parse must answer PT_NOMEM with an empty plan,
 * never abort, crash or leak (LeakSanitizer checks at exit); the last one succeeds. Returns how
 * many allocations a whole parse makes.
 */
static long fail_each_allocation(const char *in, size_t len, int html, long count) {
    for (long k = 0;; k++) {
        struct pt_plan p;
        mem_fail_after(k, count);
        int rc = html ? plantext_parse_html(in, len, &p) : plantext_parse_text(in, len, &p);
        long failed = mem_failures();
        mem_fail_after(-1, 0);
        if (!failed) {
            assert_int_equal(rc, 0);
            assert_true(p.nsections > 0);
            plantext_free(&p);
            return k;
        }
        assert_int_equal(rc, PT_NOMEM);
        assert_null(p.sections);
        assert_null(p.warnings);
        assert_null(p.title);
        assert_int_equal(p.nsections + p.nwarnings, 0);
        plantext_free(&p);
    }
}

/* A big paste that memory cannot hold is an error the API answers with 503, not a dead worker:
 * every allocation of every front-end (tab, cell-per-line, prose, HTML table, HTML prose) fails
 * in turn, alone and for good. */
static void test_out_of_memory(void **state) {
    (void)state;
    static const struct {
        const char *name;
        int html;
    } docs[] = {
        {"import_variants/columns_reordered.txt", 0},
        {"import_variants/district_prose.txt", 0},
        {"import_variants/district_prose.html", 1},
        {"import_variants/namdinh_table.html", 1},
        {"import_variants/namdinh_no_diacritics.txt", 0},
        {"import_variants/district_subitems.html", 1},
        {"import_variants/province_subitems.txt", 0},
        {"import_variants/province_groups.html", 1},
        {"import_variants/commune_prose.txt", 0},
        {"import_variants/mixed_appendix.txt", 0},
        {"import_variants/mixed_appendix.html", 1},
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        size_t len;
        char *in = read_fixture(docs[i].name, &len);
        long once = fail_each_allocation(in, len, docs[i].html, 1);
        long always = fail_each_allocation(in, len, docs[i].html, -1);
        print_message("%s: %ld allocations\n", docs[i].name, once);
        assert_int_equal(once, always);
        assert_true(once > 10);
        free(in);
    }
    const char *inline_docs[] = {
        /* one cell per line, tab-led, with a continuation line */
        "\tSTT\n\tNhiệm vụ\n\tKết quả\n\tChủ trì\n\n\t1\n\tRà soát\nthủ tục\n\tBáo cáo\n"
        "\tSở Tư pháp\n\nII. Tổ chức thực hiện\nCác Sở thực hiện.\n",
        /* quoted Excel cells, a short row continued, a page break, a sub-row */
        "KẾ HOẠCH\nRà soát năm 2023\nSTT\tNhiệm vụ\tKết quả\tChủ trì\tPhối hợp\tThời gian\n"
        "I\tMỤC MỘT\n1\t\"Dòng một\nDòng \"\"hai\"\"\"\tKế hoạch\tSở Nội vụ\n"
        "Sở Tư pháp\tVP\tQuý I\n\n\tvà tiếp tục\t\t\t\t\n\t\tBáo cáo\tUBND cấp huyện\t\t\n",
    };
    for (size_t i = 0; i < sizeof inline_docs / sizeof *inline_docs; i++)
        assert_true(fail_each_allocation(inline_docs[i], strlen(inline_docs[i]), 0, 1) > 10);
}

/* ---- speed: a 2 MB paste ----------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *big_table(size_t target, int html, size_t *len) {
    size_t cap = target + 4096, o = 0;
    char *b = malloc(cap);
    o += (size_t)snprintf(b + o, cap - o, "%s",
                          html ? "<table><tr><td>STT</td><td>Nhiệm vụ</td><td>Kết quả công "
                                 "việc</td><td>Đơn vị chủ trì</td><td>Đơn vị phối hợp</td><td>"
                                 "Thời gian thực hiện</td></tr>\n"
                               : "STT\tNhiệm vụ\tKết quả công việc\tĐơn vị chủ trì\tĐơn vị phối "
                                 "hợp\tThời gian thực hiện\n");
    for (int i = 1; o + 1024 < target; i++) {
        if (i % 40 == 1)
            o += (size_t)snprintf(b + o, cap - o, "%s",
                                  html ? "<tr><td><b>XIV</b></td><td>MỤC LỚN</td></tr>\n"
                                       : "XIV\tMỤC LỚN\t\t\t\t\n");
        const char *fmt = html ? "<tr><td>%d</td><td><p>Rà soát, đánh giá thủ tục hành chính "
                                 "lĩnh vực %d theo kế hoạch của UBND tỉnh</p></td><td>Báo cáo "
                                 "kết quả &amp; đề xuất</td><td>Các Sở, ban, ngành; UBND cấp "
                                 "huyện</td><td>Văn phòng UBND tỉnh</td><td>Quý II/2023</td>"
                                 "</tr>\n"
                               : "%d\tRà soát, đánh giá thủ tục hành chính lĩnh vực %d theo kế "
                                 "hoạch của UBND tỉnh\tBáo cáo kết quả và đề xuất\tCác Sở, ban, "
                                 "ngành; UBND cấp huyện\tVăn phòng UBND tỉnh\tQuý II/2023\n";
        o += (size_t)snprintf(b + o, cap - o, fmt, i, i);
        if (i % 25 == 0) /* page break with a continuation row every now and then */
            o += (size_t)snprintf(b + o, cap - o,
                                  html ? "<tr><td></td><td>và kết nối, chia "
                                         "sẻ dữ liệu</td></tr>\n"
                                       : "\n\tvà kết nối, chia sẻ dữ liệu\t\t\t"
                                         "\t\n");
    }
    if (html) o += (size_t)snprintf(b + o, cap - o, "</table>");
    *len = o;
    return b;
}

static void test_speed_2mb(void **state) {
    (void)state;
    for (int html = 0; html < 2; html++) {
        size_t n;
        char *b = big_table(2u << 20, html, &n);
        assert_true(n > (2u << 20) - 2048);
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        struct pt_plan p;
        assert_int_equal(html ? plantext_parse_html(b, n, &p) : plantext_parse_text(b, n, &p), 0);
        double s = seconds_since(&t0);
        print_message("2 MB %s paste: %.3f s, %zu sections\n", html ? "HTML" : "text", s,
                      p.nsections);
        assert_true(p.nsections > 100); /* the time is reported, not asserted: bench/ measures it */
        plantext_free(&p);
        free(b);
    }
}

/* One huge task continued over thousands of page breaks stays linear too. */
static void test_speed_long_continuation(void **state) {
    (void)state;
    size_t cap = 2u << 20, o = 0;
    char *b = malloc(cap + 256);
    o += (size_t)snprintf(b, cap,
                          "STT\tNhiệm vụ\tKết quả\tChủ trì\tThời gian\n1\tBắt đầu\tx\ty\tz\n");
    while (o + 64 < cap) o += (size_t)snprintf(b + o, cap + 256 - o, "\n\tvà tiếp tục\t\t\t\n");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct pt_plan p;
    assert_int_equal(plantext_parse_text(b, o, &p), 0);
    print_message("2 MB continuation: %.3f s\n", seconds_since(&t0));
    assert_int_equal(p.sections[0].ntasks, 1);
    assert_true(strlen(p.sections[0].tasks[0].title) > 1000000);
    plantext_free(&p);
    free(b);
}

/* Writes a parsed plan in the expected_*.txt format (a new fixture's expectation is read and
 * checked by hand from this, then kept). Escapes line breaks as "\n". */
static void dump_field(const char *s) {
    putchar('|');
    for (; s && *s; s++) fputs(*s == '\n' ? "\\n" : (char[]){*s, 0}, stdout);
}

static int dump(const char *name) {
    size_t n;
    char *b = read_fixture(name, &n);
    struct pt_plan p;
    int rc = strstr(name, ".html") ? plantext_parse_html(b, n, &p) : plantext_parse_text(b, n, &p);
    struct recs rs = {0};
    flatten(&p, &rs);
    for (size_t i = 0; i < rs.n; i++) {
        const struct rec *r = &rs.r[i];
        printf("%*s%s", r->depth * 2, "",
               r->kind == 'T'   ? "title"
               : r->kind == 'S' ? "section"
                                : "task");
        int nf = r->kind == 'T' ? 1 : r->kind == 'S' ? (r->f[2][0] || r->f[3][0] ? 4 : 2) : 6;
        for (int k = 0; k < nf; k++) dump_field(r->f[k]);
        putchar('\n');
    }
    for (size_t i = 0; i < p.nwarnings; i++)
        printf("# warning: %s: %s\n", p.warnings[i].where, p.warnings[i].message);
    free_recs(&rs);
    plantext_free(&p);
    free(b);
    return rc;
}

int main(void) {
    if (getenv("KSTT_PT_DUMP")) return dump(getenv("KSTT_PT_DUMP"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_namdinh),
        cmocka_unit_test(test_nghean),
        cmocka_unit_test(test_tiengiang),
        cmocka_unit_test(test_namdinh_warnings),
        cmocka_unit_test(test_crlf_bom),
        cmocka_unit_test(test_variant_html),
        cmocka_unit_test(test_variant_html_via_text),
        cmocka_unit_test(test_variant_columns_reordered),
        cmocka_unit_test(test_variant_no_diacritics),
        cmocka_unit_test(test_variant_prose_text),
        cmocka_unit_test(test_variant_prose_html),
        cmocka_unit_test(test_variant_district_subitems),
        cmocka_unit_test(test_variant_province_subitems),
        cmocka_unit_test(test_variant_province_groups),
        cmocka_unit_test(test_variant_district_groups),
        cmocka_unit_test(test_variant_commune_prose),
        cmocka_unit_test(test_variant_mixed_appendix),
        cmocka_unit_test(test_doubts),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_page_break_or_subitem),
        cmocka_unit_test(test_attribute_lines_no_header),
        cmocka_unit_test(test_inline_layouts),
        cmocka_unit_test(test_unquoted_multiline_cells),
        cmocka_unit_test(test_nothing_found),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_speed_2mb),
        cmocka_unit_test(test_speed_long_continuation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
