/* Unit tests for core/unitmatch: splitting the seeds' lead/coop cells and resolving unit names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/unitmatch.h"
#include "lib/mem.h"

/* A demo province (Nam Định), the shape of the seeded unit tree. */
static const struct um_unit UNITS[] = {
    {1, "Văn phòng UBND tỉnh", "VPUBND", "province", 0, 0},
    {2, "Sở Tư pháp", "STP", "department", 1, 0},
    {3, "Sở Nội vụ", "SNV", "department", 1, 0},
    {4, "Sở Tài chính", "STC", "department", 1, 0},
    {5, "Sở Thông tin và Truyền thông", "STTTT", "department", 1, 0},
    {6, "Sở Kế hoạch và Đầu tư", "SKHDT", "department", 1, 0},
    {7, "Sở Tài nguyên và Môi trường", "STNMT", "department", 1, 0},
    {8, "Sở Xây dựng", "SXD", "department", 1, 0},
    {9, "Sở Lao động - Thương binh và Xã hội", "SLDTBXH", "department", 1, 0},
    {10, "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "department", 1, 0},
    {11, "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "department", 1, 0},
    {12, "Sở Y tế", "SYT", "department", 1, 0},
    {13, "Sở Giáo dục và Đào tạo", "SGDDT", "department", 1, 0},
    {14, "Sở Giao thông vận tải", "SGTVT", "department", 1, 0},
    {15, "Sở Công Thương", "SCT", "department", 1, 0},
    {16, "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC", "onestop", 1, 0},
    {17, "Công an tỉnh", "CA", "vertical", 1, 0},
    {18, "Đài Phát thanh và Truyền hình tỉnh", NULL, "department", 1, 0},
    {19, "Báo Nam Định", NULL, "department", 1, 0},
    {20, "Bưu điện tỉnh", NULL, "vertical", 1, 0},
    {30, "UBND thành phố Nam Định", "TPND", "district", 1, 0},
    {31, "UBND huyện Mỹ Lộc", "ML", "district", 1, 0},
    {32, "UBND huyện Vụ Bản", "VB", "district", 1, 0},
    {40, "UBND phường Trần Hưng Đạo", NULL, "commune", 30, 0},
    {41, "UBND xã Mỹ Hà", NULL, "commune", 31, 0},
    {42, "UBND thị trấn Mỹ Lộc", NULL, "commune", 31, 0},
};
#define NUNITS (sizeof UNITS / sizeof *UNITS)

/*
 * Splits and resolves cell, then checks each ref against "text=what", where what is a group
 * name, a unit id, or 0 for unresolved. The list ends with NULL.
 */
static void check(const char *cell, const char *const *exp) {
    struct um_ref *r;
    size_t n, k = 0;
    assert_int_equal(unitmatch_split(cell, &r, &n), 0);
    unitmatch_resolve(r, n, UNITS, NUNITS);
    int bad = 0;
    for (; exp[k]; k++) {
        const char *eq = strrchr(exp[k], '=');
        char got[512];
        if (k >= n) {
            print_error("[%s]: missing ref %s\n", cell, exp[k]);
            bad++;
            continue;
        }
        const char *g = unitmatch_group_name(r[k].group);
        if (g)
            snprintf(got, sizeof got, "%s=%s", r[k].text, g);
        else
            snprintf(got, sizeof got, "%s=%lld", r[k].text, r[k].unit_id);
        if (strcmp(got, exp[k])) {
            print_error("[%s] ref %zu\n  expected: %s\n  got:      %s\n", cell, k, exp[k], got);
            bad++;
        }
        (void)eq;
    }
    for (size_t j = k; j < n; j++) {
        print_error("[%s]: extra ref [%s]\n", cell, r[j].text);
        bad++;
    }
    unitmatch_free(r, n);
    assert_int_equal(bad, 0);
}

#define CHECK(cell, ...) check(cell, (const char *const[]){__VA_ARGS__, NULL})

/* Lead/coop cells exactly as they are written in the three seeds. */
static void test_seed_cells_namdinh(void **state) {
    (void)state;
    CHECK("Các Sở, ban ngành; UBND cấp huyện", "Các Sở, ban ngành=departments",
          "UBND cấp huyện=districts");
    CHECK("Các cơ quan, đơn vị có liên quan", "Các cơ quan, đơn vị có liên quan=related");
    CHECK("Các Sở, ban, ngành; UBND cấp huyện, UBND cấp xã", "Các Sở, ban, ngành=departments",
          "UBND cấp huyện=districts", "UBND cấp xã=communes");
    CHECK("Văn phòng UBND tỉnh và cơ quan, đơn vị có liên quan.", "Văn phòng UBND tỉnh=1",
          "cơ quan, đơn vị có liên quan=related");
    CHECK("- Các sở, ban, ngành. - UBND cấp huyện.", "Các sở, ban, ngành=departments",
          "UBND cấp huyện=districts");
    CHECK("Văn phòng UBND tỉnh, Sở Nội vụ", "Văn phòng UBND tỉnh=1", "Sở Nội vụ=3");
    CHECK("Các sở, ban, ngành, UBND cấp huyện, UBND cấp xã", "Các sở, ban, ngành=departments",
          "UBND cấp huyện=districts", "UBND cấp xã=communes");
    CHECK("Văn phòng UBND tỉnh, UBND cấp huyện,", "Văn phòng UBND tỉnh=1",
          "UBND cấp huyện=districts");
    CHECK("Văn phòng UBND tỉnh, các sở, ban, ngành, UBND cấp huyện", "Văn phòng UBND tỉnh=1",
          "các sở, ban, ngành=departments", "UBND cấp huyện=districts");
    CHECK("Văn phòng UBND tỉnh, Sở Thông tin và TT, Báo Nam Định, Đài PTTH tỉnh, các cơ quan, "
          "đơn vị, địa phương",
          "Văn phòng UBND tỉnh=1", "Sở Thông tin và TT=5", "Báo Nam Định=19", "Đài PTTH tỉnh=18",
          "các cơ quan, đơn vị, địa phương=related");
    CHECK("Các sở, ban, ngành; UBND các huyện, thành phố", "Các sở, ban, ngành=departments",
          "UBND các huyện, thành phố=districts");
    CHECK("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông=5");
    CHECK("Các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan=related");
}

static void test_seed_cells_nghean(void **state) {
    (void)state;
    CHECK("- Các Sở, Ban, Ngành cấp tỉnh; - UBND cấp huyện; - UBND cấp xã.",
          "Các Sở, Ban, Ngành cấp tỉnh=departments", "UBND cấp huyện=districts",
          "UBND cấp xã=communes");
    CHECK("- Báo Nghệ An, Đài PT-TH tỉnh; - UBND cấp huyện;", "Báo Nghệ An=0", "Đài PT-TH tỉnh=18",
          "UBND cấp huyện=districts");
    CHECK("- Các Sở, Ban, Ngành cấp tỉnh; - UBND cấp huyện;\n- UBND cấp xã.",
          "Các Sở, Ban, Ngành cấp tỉnh=departments", "UBND cấp huyện=districts",
          "UBND cấp xã=communes");
    CHECK("Các Sở, Ban, Ngành cấp tỉnh liên quan",
          "Các Sở, Ban, Ngành cấp tỉnh liên quan=departments");
    CHECK("- Các Sở, Ngành liên quan - UBND cấp huyện", "Các Sở, Ngành liên quan=departments",
          "UBND cấp huyện=districts");
    CHECK("Các Sở, Ban, Ngành chuyên môn thuộc UBND tỉnh",
          "Các Sở, Ban, Ngành chuyên môn thuộc UBND tỉnh=departments");
    CHECK("- Các Sở, ban, ngành cấp tỉnh. - UBND các huyện, thành phố, thị xã",
          "Các Sở, ban, ngành cấp tỉnh=departments", "UBND các huyện, thành phố, thị xã=districts");
    CHECK("Cơ quan được giao chủ trì soạn thảo văn bản có quy định về TTHC",
          "Cơ quan được giao chủ trì soạn thảo văn bản có quy định về TTHC=0");
    CHECK("Đối tượng chịu sự tác động trực tiếp của văn bản và các cơ quan, tổ chức có liên quan.",
          "Đối tượng chịu sự tác động trực tiếp của văn bản=0",
          "các cơ quan, tổ chức có liên quan=related");
    CHECK("- Các Sở, ban, ngành cấp tỉnh, UBND cấp huyện, UBND cấp xã; - Trung tâm Phục vụ hành "
          "chính công tỉnh",
          "Các Sở, ban, ngành cấp tỉnh=departments", "UBND cấp huyện=districts",
          "UBND cấp xã=communes", "Trung tâm Phục vụ hành chính công tỉnh=16");
    CHECK("- Văn phòng UBND tỉnh; - Các Bộ, ngành liên quan.", "Văn phòng UBND tỉnh=1",
          "Các Bộ, ngành liên quan=0");
    CHECK("Các Sở, ban, ngành cấp tỉnh; UBND cấp huyện, UBND cấp xã; các cơ quan trung ương được "
          "tổ chức theo ngành dọc đóng tại địa phương",
          "Các Sở, ban, ngành cấp tỉnh=departments", "UBND cấp huyện=districts",
          "UBND cấp xã=communes",
          "các cơ quan trung ương được tổ chức theo ngành dọc đóng tại địa phương=0");
    CHECK("- Các Sở, Ngành, đơn vị liên quan; - Bưu điện tỉnh.",
          "Các Sở, Ngành, đơn vị liên quan=departments", "Bưu điện tỉnh=20");
    CHECK("- Sở Thông tin và Truyền thông; - Các Sở, ngành liên quan.",
          "Sở Thông tin và Truyền thông=5", "Các Sở, ngành liên quan=departments");
    CHECK("Các Sở, ban, ngành cấp tỉnh; Trung tâm Phục vụ hành chính công tỉnh, Bộ phận Một cửa "
          "các cấp",
          "Các Sở, ban, ngành cấp tỉnh=departments", "Trung tâm Phục vụ hành chính công tỉnh=16",
          "Bộ phận Một cửa các cấp=0");
    CHECK("- Các Sở, Ban, Ngành cấp tỉnh; - Báo Nghệ An; Đài Phát thanh - Truyền hình tỉnh; - "
          "UBND cấp huyện, xã.",
          "Các Sở, Ban, Ngành cấp tỉnh=departments", "Báo Nghệ An=0",
          "Đài Phát thanh - Truyền hình tỉnh=18", "UBND cấp huyện=districts",
          "UBND cấp xã=communes");
    CHECK("Các Sở: Nội vụ, Thông tin - Truyền thông", "Sở Nội vụ=3",
          "Sở Thông tin - Truyền thông=5");
    CHECK("Văn phòng UBND tỉnh; các Sở, Ban, Ngành liên quan.", "Văn phòng UBND tỉnh=1",
          "các Sở, Ban, Ngành liên quan=departments");
    CHECK("- Các Sở, ban, ngành cấp tỉnh;\n- Báo Nghệ An, Đài Phát thanh - Truyền hình tỉnh;\n- "
          "UBND cấp huyện, UBND cấp xã.",
          "Các Sở, ban, ngành cấp tỉnh=departments", "Báo Nghệ An=0",
          "Đài Phát thanh - Truyền hình tỉnh=18", "UBND cấp huyện=districts",
          "UBND cấp xã=communes");
    CHECK("Cơ quan, đơn vị được chuyển xử lý phản ánh, kiến nghị",
          "Cơ quan, đơn vị được chuyển xử lý phản ánh, kiến nghị=0");
}

static void test_seed_cells_tiengiang(void **state) {
    (void)state;
    CHECK("Văn phòng Ủy ban nhân dân tỉnh (sau đây gọi tắt là Văn phòng)",
          "Văn phòng Ủy ban nhân dân tỉnh (sau đây gọi tắt là Văn phòng)=1");
    CHECK("Sở, ban, ngành tỉnh và UBND cấp huyện, cấp xã", "Sở, ban, ngành tỉnh=departments",
          "UBND cấp huyện=districts", "UBND cấp xã=communes");
    CHECK("Văn phòng", "Văn phòng=0"); /* defined by the document, not a unit name */
    CHECK("Văn phòng, Bưu điện tỉnh", "Văn phòng=0", "Bưu điện tỉnh=20");
    CHECK("Sở, ban, ngành tỉnh (cơ quan chủ trì soạn thảo)",
          "Sở, ban, ngành tỉnh (cơ quan chủ trì soạn thảo)=departments");
    CHECK("Các cơ quan chuyên môn thuộc UBND tỉnh",
          "Các cơ quan chuyên môn thuộc UBND tỉnh=departments");
    CHECK("Sở, ban, ngành tỉnh, UBND cấp huyện, cấp xã", "Sở, ban, ngành tỉnh=departments",
          "UBND cấp huyện=districts", "UBND cấp xã=communes");
    CHECK("Văn phòng, Sở Thông tin và Truyền thông", "Văn phòng=0",
          "Sở Thông tin và Truyền thông=5");
    CHECK("Văn phòng và UBND cấp huyện", "Văn phòng=0", "UBND cấp huyện=districts");
    CHECK("Báo Ấp Bắc, Đài Phát thanh và Truyền hình tỉnh", "Báo Ấp Bắc=0",
          "Đài Phát thanh và Truyền hình tỉnh=18");
    CHECK("Sở Nội vụ và các đơn vị liên quan", "Sở Nội vụ=3", "các đơn vị liên quan=related");
    CHECK("Đơn vị có liên quan", "Đơn vị có liên quan=related");
    CHECK("Sở, ban, ngành tỉnh và UBND cấp huyện,", "Sở, ban, ngành tỉnh=departments",
          "UBND cấp huyện=districts");
}

/* Names that contain separators stay whole. */
static void test_names_kept_whole(void **state) {
    (void)state;
    CHECK("Sở Văn hóa, Thể thao và Du lịch; Sở Lao động - Thương binh và Xã hội",
          "Sở Văn hóa, Thể thao và Du lịch=10", "Sở Lao động - Thương binh và Xã hội=9");
    CHECK("Sở Văn hóa, Thể thao và Du lịch, Sở Kế hoạch và Đầu tư và Sở Nông nghiệp và Phát "
          "triển nông thôn",
          "Sở Văn hóa, Thể thao và Du lịch=10", "Sở Kế hoạch và Đầu tư=6",
          "Sở Nông nghiệp và Phát triển nông thôn=11");
    CHECK("Sở Tài nguyên và Môi trường - Sở Xây dựng", "Sở Tài nguyên và Môi trường=7",
          "Sở Xây dựng=8");
    CHECK("Công an tỉnh, UBND TP Nam Định, huyện Mỹ Lộc", "Công an tỉnh=17", "UBND TP Nam Định=30",
          "huyện Mỹ Lộc=31");
}

/* Abbreviations resolve through the initials of the unit's words. */
static void test_abbreviations(void **state) {
    (void)state;
    CHECK("VP UBND tỉnh", "VP UBND tỉnh=1");
    CHECK("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh=1");
    CHECK("Sở TT&TT", "Sở TT&TT=5");
    CHECK("Sở TTTT", "Sở TTTT=5");
    CHECK("Sở KH&ĐT", "Sở KH&ĐT=6");
    CHECK("Sở KHĐT", "Sở KHĐT=6");
    CHECK("Sở TN&MT", "Sở TN&MT=7");
    CHECK("Sở TNMT", "Sở TNMT=7");
    CHECK("Sở LĐ-TB&XH", "Sở LĐ-TB&XH=9");
    CHECK("Sở VH,TT&DL", "Sở VH,TT&DL=10");
    CHECK("Sở NN&PTNT", "Sở NN&PTNT=11");
    CHECK("Sở GD&ĐT", "Sở GD&ĐT=13");
    CHECK("Sở GTVT", "Sở GTVT=14");
    CHECK("TT PVHCC", "TT PVHCC=16");
    CHECK("Trung tâm PVHCC", "Trung tâm PVHCC=16");
    CHECK("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công=16");
    CHECK("Công an tỉnh", "Công an tỉnh=17");
    CHECK("Đài PT&TH tỉnh", "Đài PT&TH tỉnh=18");
    CHECK("Sở TT-TT; Sở Tư pháp tỉnh", "Sở TT-TT=5", "Sở Tư pháp tỉnh=2");
}

/* Accents, case and punctuation do not matter; UBND prefix may be left out. */
static void test_folded(void **state) {
    (void)state;
    CHECK("SỞ TƯ PHÁP", "SỞ TƯ PHÁP=2");
    CHECK("so tu phap", "so tu phap=2");
    CHECK("Sở Văn hoá Thể thao và Du lịch", "Sở Văn hoá Thể thao và Du lịch=10");
    CHECK("Ủy ban nhân dân thành phố Nam Định", "Ủy ban nhân dân thành phố Nam Định=30");
    CHECK("huyện Vụ Bản", "huyện Vụ Bản=32");
    CHECK("UBND xã Mỹ Hà", "UBND xã Mỹ Hà=41");
    CHECK("Giám đốc Sở Y tế", "Giám đốc Sở Y tế=12");
    /* "Sở Y te\xcc\x81" written decomposed (NFD) */
    CHECK("S\x6f\xcc\x9b\xcc\x89 Y te\xcc\x82\xcc\x81",
          "S\x6f\xcc\x9b\xcc\x89 Y te\xcc\x82\xcc\x81=12");
}

/* Groups in their other spellings, and combined levels giving two refs. */
static void test_groups(void **state) {
    (void)state;
    CHECK("UBND cấp huyện, cấp xã", "UBND cấp huyện=districts", "UBND cấp xã=communes");
    CHECK("UBND huyện, thành phố", "UBND huyện, thành phố=districts");
    CHECK("UBND các xã, phường, thị trấn", "UBND các xã, phường, thị trấn=communes");
    CHECK("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã=communes");
    CHECK("Sở, ban, ngành tỉnh", "Sở, ban, ngành tỉnh=departments");
    CHECK("các sở, ngành", "các sở, ngành=departments");
    CHECK("đơn vị liên quan", "đơn vị liên quan=related");
    CHECK("Chủ tịch UBND các huyện, thành phố Nam Định",
          "Chủ tịch UBND các huyện, thành phố Nam Định=districts");
    CHECK("UBND tỉnh", "UBND tỉnh=0");
    assert_string_equal(unitmatch_group_name(UM_DEPARTMENTS), "departments");
    assert_string_equal(unitmatch_group_name(UM_DISTRICTS), "districts");
    assert_string_equal(unitmatch_group_name(UM_COMMUNES), "communes");
    assert_string_equal(unitmatch_group_name(UM_RELATED), "related");
    assert_null(unitmatch_group_name(UM_NONE));
}

/* Two candidates: never guess. */
static void test_ties_stay_unresolved(void **state) {
    (void)state;
    static const struct um_unit twins[] = {
        {1, "Sở Tài chính", NULL, "department", 0, 0},
        {2, "Sở Tổ chức", NULL, "department", 0, 0},
        {3, "Phòng Tư pháp huyện Mỹ Lộc", NULL, "department", 0, 0},
        {4, "Phòng Tư pháp huyện Vụ Bản", NULL, "department", 0, 0},
        {5, "Sở Y tế", NULL, "department", 0, 0},
        {6, "Sở Y Tế", NULL, "department", 0, 0},
    };
    const char *cells[] = {"Sở TC", "Phòng Tư pháp", "Sở Y tế"};
    const long long want[] = {0, 0, 5}; /* the exact spelling wins over the folded twin */
    for (size_t i = 0; i < 3; i++) {
        struct um_ref *r;
        size_t n;
        assert_int_equal(unitmatch_split(cells[i], &r, &n), 0);
        assert_int_equal(n, 1);
        unitmatch_resolve(r, n, twins, 6);
        assert_int_equal(r[0].unit_id, want[i]);
        unitmatch_free(r, n);
    }
    struct um_ref *r;
    size_t n;
    unitmatch_split("so y te", &r, &n);
    unitmatch_resolve(r, n, twins, 6);
    assert_int_equal(r[0].unit_id, 0); /* "Sở Y tế" and "Sở Y Tế" fold the same */
    unitmatch_free(r, n);
}

static void test_edges(void **state) {
    (void)state;
    struct um_ref *r = (struct um_ref *)1;
    size_t n = 9;
    assert_int_equal(unitmatch_split("", &r, &n), 0);
    assert_int_equal(n, 0);
    assert_null(r);
    unitmatch_free(r, n);
    assert_int_equal(unitmatch_split(" ;\n - , . ", &r, &n), 0);
    assert_int_equal(n, 0);
    unitmatch_free(r, n);
    assert_int_equal(unitmatch_split(NULL, &r, &n), -1);
    assert_int_equal(unitmatch_split("x", NULL, &n), -1);
    unitmatch_resolve(NULL, 0, UNITS, NUNITS);
    /* a ref made by the caller gets its group on resolve */
    struct um_ref own = {strdup("Các Sở, ban, ngành"), 0, UM_NONE, 0};
    unitmatch_resolve(&own, 1, UNITS, NUNITS);
    assert_int_equal(own.group, UM_DEPARTMENTS);
    free(own.text);
    /* long garbage stays bounded */
    char big[20000];
    for (size_t i = 0; i < sizeof big - 1; i++) big[i] = "Sở ,;-và (x"[i % 11];
    big[sizeof big - 1] = 0;
    assert_int_equal(unitmatch_split(big, &r, &n), 0);
    unitmatch_resolve(r, n, UNITS, NUNITS);
    unitmatch_free(r, n);
}

/* A province of another shape (Quảng Trị-like names, written out in full), for the rules below. */
static const struct um_unit OTHER[] = {
    {101, "Văn phòng Ủy ban nhân dân tỉnh", NULL, "province", 0, 0},
    {102, "Sở Thông tin và Truyền thông", NULL, "department", 101, 0},
    {103, "Sở Kế hoạch và Đầu tư", NULL, "department", 101, 0},
    {104, "Sở Lao động - Thương binh và Xã hội", NULL, "department", 101, 0},
    {105, "Sở Nông nghiệp và Phát triển nông thôn", NULL, "department", 101, 0},
    {106, "Sở Tài nguyên và Môi trường", NULL, "department", 101, 0},
    {107, "Sở Giáo dục và Đào tạo", NULL, "department", 101, 0},
    {108, "Sở Giao thông vận tải", NULL, "department", 101, 0},
    {109, "Sở Văn hóa, Thể thao và Du lịch", NULL, "department", 101, 0},
    {110, "Ban Quản lý Khu kinh tế tỉnh", NULL, "department", 101, 0},
    {111, "Trung tâm Phục vụ hành chính công tỉnh", NULL, "onestop", 101, 0},
    {112, "Sở Nội vụ", NULL, "department", 101, 0},
    {120, "UBND thành phố Đông Hà", NULL, "district", 101, 0},
    {121, "UBND thị xã Quảng Trị", NULL, "district", 101, 0},
    {122, "UBND huyện Vĩnh Linh", NULL, "district", 101, 0},
    {130, "UBND phường Đông Lương", NULL, "commune", 120, 0},
    {131, "UBND xã Vĩnh Thủy", NULL, "commune", 122, 0},
};
#define NOTHER (sizeof OTHER / sizeof *OTHER)

/* Like check(), against OTHER and with the aliases of doc; "text=id*" expects via_alias. */
static void check_doc(const char *doc, const char *cell, const char *const *exp) {
    struct um_alias *al;
    struct um_ref *r;
    size_t nal, n, k = 0;
    int bad = 0;
    assert_int_equal(unitmatch_aliases(doc, strlen(doc), &al, &nal), 0);
    assert_int_equal(unitmatch_split_aliased(cell, al, nal, &r, &n), 0);
    assert_int_equal(unitmatch_resolve_aliased(r, n, OTHER, NOTHER, al, nal), 0);
    for (; exp[k]; k++) {
        char got[512];
        const char *g = k < n ? unitmatch_group_name(r[k].group) : NULL;
        if (k >= n)
            snprintf(got, sizeof got, "(missing)");
        else if (g)
            snprintf(got, sizeof got, "%s=%s%s", r[k].text, g, r[k].via_alias ? "*" : "");
        else
            snprintf(got, sizeof got, "%s=%lld%s", r[k].text, r[k].unit_id,
                     r[k].via_alias ? "*" : "");
        if (strcmp(got, exp[k])) {
            print_error("[%s] ref %zu\n  expected: %s\n  got:      %s\n", cell, k, exp[k], got);
            bad++;
        }
    }
    for (size_t j = k; j < n; j++, bad++) print_error("[%s]: extra ref [%s]\n", cell, r[j].text);
    unitmatch_free(r, n);
    unitmatch_aliases_free(al, nal);
    assert_int_equal(bad, 0);
}

#define CHECK_DOC(doc, cell, ...) check_doc(doc, cell, (const char *const[]){__VA_ARGS__, NULL})

/* Expects the aliases of doc, in order, as "alias=name" (the list ends with NULL). */
static void expect_aliases(const char *doc, const char *const *exp) {
    struct um_alias *al;
    size_t n, k = 0;
    assert_int_equal(unitmatch_aliases(doc, strlen(doc), &al, &n), 0);
    for (; exp[k]; k++) {
        char got[512];
        snprintf(got, sizeof got, "%s=%s", k < n ? al[k].alias : "(missing)",
                 k < n ? al[k].name : "");
        if (strcmp(got, exp[k]))
            print_error("[%s] alias %zu: expected %s, got %s\n", doc, k, exp[k], got);
        assert_string_equal(got, exp[k]);
    }
    if (n != k) print_error("[%s]: %zu aliases, expected %zu\n", doc, n, k);
    assert_int_equal(n, k);
    unitmatch_aliases_free(al, n);
}

#define ALIASES(doc, ...) expect_aliases(doc, (const char *const[]){__VA_ARGS__, NULL})
#define NO_ALIASES(doc)   expect_aliases(doc, (const char *const[]){NULL})

/* Each way a document defines a short name, and what is taken as the name it stands for. */
static void test_alias_definitions(void **state) {
    (void)state;
    ALIASES("Giao Sở Thông tin và Truyền thông (sau đây gọi tắt là Sở TTTT) chủ trì.",
            "Sở TTTT=Sở Thông tin và Truyền thông");
    ALIASES("Ban Quản lý Khu kinh tế tỉnh (gọi tắt là BQL KKT) thực hiện",
            "BQL KKT=Ban Quản lý Khu kinh tế tỉnh");
    ALIASES("Trung tâm Phục vụ hành chính công tỉnh (viết tắt là TTPVHCC)",
            "TTPVHCC=Trung tâm Phục vụ hành chính công tỉnh");
    ALIASES("Sở Lao động - Thương binh và Xã hội (viết tắt: Sở LĐ)",
            "Sở LĐ=Sở Lao động - Thương binh và Xã hội");
    /* the whole name, not its inner "UBND tỉnh"; a list's last item; without parentheses */
    ALIASES("Văn phòng UBND tỉnh (sau đây gọi tắt là Văn phòng)", "Văn phòng=Văn phòng UBND tỉnh");
    ALIASES("UBND tỉnh giao Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch (gọi tắt là Sở VH) ...",
            "Sở VH=Sở Văn hóa, Thể thao và Du lịch");
    ALIASES("Ban Quản lý Khu kinh tế tỉnh, sau đây gọi tắt là Ban Quản lý, có trách nhiệm",
            "Ban Quản lý=Ban Quản lý Khu kinh tế tỉnh");
    ALIASES("các sở, ban, ngành (sau đây gọi chung là các cơ quan, đơn vị)",
            "các cơ quan, đơn vị=các sở, ban, ngành");
    ALIASES("Sở Tư pháp (sau đây gọi tắt là “STP”).", "STP=Sở Tư pháp");
    /* HTML with entities; no diacritics; NFD */
    ALIASES("<p>Sở Thông tin &amp; Truyền thông (<i>sau đây gọi tắt là</i> Sở TT&amp;TT)</p>",
            "Sở TT&TT=Sở Thông tin & Truyền thông");
    ALIASES("So Noi vu (sau day goi tat la SNV)", "SNV=So Noi vu");
    ALIASES("Sở Y tế (go\xcc\xa3i ta\xcc\x86\xcc\x81t la\xcc\x80 SYT)", "SYT=Sở Y tế");
    /* not a unit, defined twice with two meanings, or too long: nothing */
    NO_ALIASES("Kế hoạch này (sau đây gọi tắt là Kế hoạch) được ban hành");
    NO_ALIASES("Sở Y tế (gọi tắt là SYT); Sở Xây dựng (gọi tắt là SYT)");
    ALIASES("Sở Y tế (gọi tắt là SYT); Sở Y tế (gọi tắt là SYT)", "SYT=Sở Y tế");
    NO_ALIASES("Sở Y tế (gọi tắt là một cái tên rất dài, dài hơn mọi tên gọi tắt mà một văn bản "
               "hành chính có thể đặt ra cho một cơ quan nhà nước ở bất cứ cấp nào)");
    NO_ALIASES("");
    NO_ALIASES("(gọi tắt là X)");
}

/* Cells resolve through the document's aliases, and the refs say so (the "*"). */
static void test_alias_resolution(void **state) {
    static const char doc[] =
        "I. MỤC ĐÍCH\nSở Thông tin và Truyền thông (sau đây gọi tắt là Sở TTTT) chủ trì; "
        "Ban Quản lý Khu kinh tế tỉnh (gọi tắt là BQL) phối hợp. Các sở, ban, ngành "
        "(sau đây gọi chung là các cơ quan, đơn vị). Văn phòng Ủy ban nhân dân tỉnh (sau đây gọi "
        "tắt là Văn phòng).\n";
    (void)state;
    CHECK_DOC(doc, "Sở TTTT", "Sở TTTT=102*");
    CHECK_DOC(doc, "Sở Nội vụ, BQL", "Sở Nội vụ=112", "BQL=110*");
    CHECK_DOC(doc, "BQL và Sở KH&ĐT", "BQL=110*", "Sở KH&ĐT=103");
    CHECK_DOC(doc, "- Văn phòng\n- BQL", "Văn phòng=101*", "BQL=110*");
    CHECK_DOC(doc, "các cơ quan, đơn vị", "các cơ quan, đơn vị=departments*");
    CHECK_DOC(doc, "so tttt", "so tttt=102*");
    /* an alias whose name is no unit of the tree: resolved as written, not through it */
    CHECK_DOC("Sở Du lịch (gọi tắt là Sở VHTTDL)", "Sở VHTTDL", "Sở VHTTDL=109");
    /* without the document, "BQL" stays for the person to pick */
    CHECK_DOC("", "BQL", "BQL=0");
}

/* The abbreviations plans use, against a tree whose names are written out in full. */
static void test_other_province(void **state) {
    (void)state;
    CHECK_DOC("", "VP UBND", "VP UBND=101");
    CHECK_DOC("", "VPUBND tỉnh", "VPUBND tỉnh=101");
    CHECK_DOC("", "Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh=101");
    CHECK_DOC("", "Sở TT&TT; Sở TTTT", "Sở TT&TT=102", "Sở TTTT=102");
    CHECK_DOC("", "Sở KH&ĐT, Sở KHĐT", "Sở KH&ĐT=103", "Sở KHĐT=103");
    CHECK_DOC("", "Sở LĐTB&XH", "Sở LĐTB&XH=104");
    CHECK_DOC("", "Sở NN&PTNT và Sở TN&MT", "Sở NN&PTNT=105", "Sở TN&MT=106");
    CHECK_DOC("", "Sở GD&ĐT + Sở GTVT", "Sở GD&ĐT=107", "Sở GTVT=108");
    CHECK_DOC("", "Sở VHTTDL", "Sở VHTTDL=109");
    CHECK_DOC("", "UBND cấp huyện", "UBND cấp huyện=districts");
    CHECK_DOC("", "các huyện, thành phố", "các huyện, thành phố=districts");
    CHECK_DOC("", "UBND các huyện, thị xã, thành phố",
              "UBND các huyện, thị xã, thành phố=districts");
    CHECK_DOC("", "UBND cấp xã; các xã, phường, thị trấn", "UBND cấp xã=communes",
              "các xã, phường, thị trấn=communes");
    /* lists: commas, semicolons, "và", line breaks, dashes and "+" bullets; names kept whole */
    CHECK_DOC("",
              "- Sở Văn hóa, Thể thao và Du lịch;\n- Sở Lao động - Thương binh và Xã hội\n+ UBND "
              "thành phố Đông Hà, UBND thị xã Quảng Trị và UBND huyện Vĩnh Linh",
              "Sở Văn hóa, Thể thao và Du lịch=109", "Sở Lao động - Thương binh và Xã hội=104",
              "UBND thành phố Đông Hà=120", "UBND thị xã Quảng Trị=121",
              "UBND huyện Vĩnh Linh=122");
    CHECK_DOC("", "Sở Nông nghiệp và Phát triển nông thôn, Sở Giáo dục và Đào tạo",
              "Sở Nông nghiệp và Phát triển nông thôn=105", "Sở Giáo dục và Đào tạo=107");
    CHECK_DOC("", "UBND xã Vĩnh Thủy, UBND phường Đông Lương", "UBND xã Vĩnh Thủy=131",
              "UBND phường Đông Lương=130");
}

/* Out of memory is an error return (503 for the API), never an abort: every allocation of a split
 * and of a resolve fails in turn, and the refs are as they were. */
static void test_out_of_memory(void **state) {
    (void)state;
    const char *cell = "Các Sở: Nội vụ, Tư pháp; UBND cấp huyện, cấp xã; Sở TT&TT; VP UBND tỉnh";
    long k = 0;
    struct um_ref *r = NULL;
    size_t n = 0;
    for (;; k++) {
        mem_fail_after(k, 1);
        int rc = unitmatch_split(cell, &r, &n);
        long failed = mem_failures();
        mem_fail_after(-1, 0);
        if (!failed) break;
        assert_int_equal(rc, -1);
        assert_null(r);
        assert_int_equal(n, 0);
    }
    assert_true(k > 3);
    assert_int_equal(n, 6);
    for (k = 0;; k++) {
        mem_fail_after(k, -1);
        int rc = unitmatch_resolve(r, n, UNITS, NUNITS);
        long failed = mem_failures();
        mem_fail_after(-1, 0);
        if (!failed) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, -1);
        for (size_t i = 0; i < n; i++) assert_int_equal(r[i].unit_id, 0);
    }
    assert_int_equal(r[2].unit_id, 0); /* a group */
    assert_int_equal(r[0].unit_id, 3);
    assert_int_equal(r[4].unit_id, 5);
    unitmatch_free(r, n);
}

/* Scanning for aliases fails cleanly at every allocation (-1, nothing returned, nothing leaked). */
static void test_alias_out_of_memory(void **state) {
    const char *doc = "Sở Tư pháp (gọi tắt là STP); Sở Y tế (gọi tắt là SYT); Sở Xây dựng (gọi tắt "
                      "là SYT); Ban Dân tộc (sau đây gọi tắt là BDT)";
    struct um_alias *al = NULL;
    size_t n = 0;
    long k;
    (void)state;
    for (k = 0;; k++) {
        mem_fail_after(k, 1);
        int rc = unitmatch_aliases(doc, strlen(doc), &al, &n);
        long failed = mem_failures();
        mem_fail_after(-1, 0);
        if (!failed) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, -1);
        assert_null(al);
        assert_int_equal(n, 0);
    }
    assert_true(k > 5);
    assert_int_equal(n, 2); /* STP and BDT; SYT has two meanings */
    unitmatch_aliases_free(al, n);
}

/* Offices (phòng chuyên môn) under two districts, each also listed under its short name (its
 * alias, same id): a district plan's "Phòng Tư pháp" is its own district's office; a plan of
 * nobody's (no unit near) never resolves to an office; near also breaks ties between units. */
static long long resolve_near(const char *cell, long long owner) {
    struct um_unit u[] = {
        {2, "Sở Tư pháp", "STP", "department", 1, 0},
        {31, "UBND huyện Mỹ Lộc", "H02", "district", 1, 0},
        {32, "UBND huyện Vụ Bản", "H03", "district", 1, 0},
        {311, "Phòng Tư pháp huyện Mỹ Lộc", "H02-TP", "office", 31, 0},
        {311, "Phòng Tư pháp", "H02-TP", "office", 31, 0},
        {311, "Phòng TP", "H02-TP", "office", 31, 0},
        {321, "Phòng Tư pháp huyện Vụ Bản", "H03-TP", "office", 32, 0},
        {321, "Phòng Tư pháp", "H03-TP", "office", 32, 0},
        {321, "Phòng TP", "H03-TP", "office", 32, 0},
        {41, "UBND xã Hòa Bình", NULL, "commune", 31, 0},
        {42, "UBND xã Hòa Bình", NULL, "commune", 32, 0},
        {411, "Văn phòng HĐND và UBND xã Hòa Bình", NULL, "office", 41, 0},
        {411, "Văn phòng HĐND và UBND", NULL, "office", 41, 0},
        {312, "Văn phòng HĐND và UBND huyện Mỹ Lộc", NULL, "office", 31, 0},
        {312, "Văn phòng HĐND và UBND", NULL, "office", 31, 0},
        {413, "Phòng Kinh tế xã Hòa Bình", NULL, "office", 41, 0},
        {413, "Phòng Kinh tế", NULL, "office", 41, 0},
        {414, "Phòng Kinh tế xã Hòa Bình 2", NULL, "office", 41, 0},
        {414, "Phòng Kinh tế", NULL, "office", 41, 0},
        {413, "Phòng KT", NULL, "office", 41, 0},
    };
    size_t nu = sizeof u / sizeof *u;
    /* the depth below the owner: its children 1, their children (a commune's offices) 2 */
    for (size_t i = 0; i < nu; i++) {
        long long p = u[i].parent_id;
        u[i].near = !owner                                            ? 0
                    : p == owner                                      ? 1
                    : (p == 41 || p == 42) && owner == 31 + (p == 42) ? 2
                                                                      : 0;
    }
    struct um_ref *r;
    size_t n;
    assert_int_equal(unitmatch_split(cell, &r, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(unitmatch_resolve(r, n, u, nu), 0);
    long long id = r[0].unit_id;
    unitmatch_free(r, n);
    return id;
}

static void test_offices_near_owner(void **state) {
    (void)state;
    assert_int_equal(resolve_near("Phòng Tư pháp", 31), 311);
    assert_int_equal(resolve_near("Phòng Tư pháp", 32), 321);
    assert_int_equal(resolve_near("Phòng TP", 32), 321);
    assert_int_equal(resolve_near("Phòng Tư pháp huyện Vụ Bản", 32), 321);
    /* the other district's office, named in full, is not this plan's */
    assert_int_equal(resolve_near("Phòng Tư pháp huyện Vụ Bản", 31), 0);
    /* no owner below the province: offices are never candidates, departments still are */
    assert_int_equal(resolve_near("Phòng Tư pháp", 0), 0);
    assert_int_equal(resolve_near("Sở Tư pháp", 0), 2);
    assert_int_equal(resolve_near("Sở Tư pháp", 31), 2);
    /* two communes of one name: the owner's wins; without an owner, a person decides */
    assert_int_equal(resolve_near("UBND xã Hòa Bình", 32), 42);
    assert_int_equal(resolve_near("UBND xã Hòa Bình", 0), 0);
    /* the district's own office before its commune's of the same short name */
    assert_int_equal(resolve_near("Văn phòng HĐND và UBND", 31), 312);
    assert_int_equal(resolve_near("Văn phòng HĐND và UBND", 41), 411);
    /* two equally near: a person decides */
    assert_int_equal(resolve_near("Phòng Kinh tế", 31), 0);
    assert_int_equal(resolve_near("Phòng Kinh tế", 41), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_cells_namdinh),
        cmocka_unit_test(test_seed_cells_nghean),
        cmocka_unit_test(test_seed_cells_tiengiang),
        cmocka_unit_test(test_names_kept_whole),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_folded),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_ties_stay_unresolved),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_alias_definitions),
        cmocka_unit_test(test_alias_resolution),
        cmocka_unit_test(test_other_province),
        cmocka_unit_test(test_alias_out_of_memory),
        cmocka_unit_test(test_offices_near_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
