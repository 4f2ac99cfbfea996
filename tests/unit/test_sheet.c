/* Unit tests for core/csv and core/xlsx: uploads as spreadsheets write them, and broken ones. The
 * .xlsx files are written by libxlsxwriter, the library the project exports with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "core/csv.h"
#include "core/xlsx.h"

static void expect_row(const struct sheet *s, size_t i, long num, size_t n,
                       const char *const *cells) {
    assert_true(i < s->nrows);
    const struct sheet_row *r = &s->rows[i];
    assert_int_equal(r->num, num);
    assert_int_equal(r->ncells, n);
    for (size_t k = 0; k < n; k++) assert_string_equal(r->cells[k], cells[k]);
}

static int read_csv(const char *text, struct sheet *s, char *err) {
    return csv_read(text, strlen(text), s, err, 256);
}

static void test_csv_basic_quotes_and_line_ends(void **state) {
    (void)state;
    struct sheet s;
    char err[256];
    const char *text = "Mã,Tên,Phí\r\n"
                       "1.001193,\"Đăng ký khai sinh, lưu động\",\"Không \"\"thu\"\"\"\r\n"
                       "2.000815,\"Chứng thực\nbản sao\",2.000 đồng\n"
                       "\n"
                       "3.000182,Tuyển sinh,\r"
                       "4.000001,Cuối,không xuống dòng";
    assert_int_equal(read_csv(text, &s, err), 0);
    assert_int_equal(s.nrows, 5);
    expect_row(&s, 0, 1, 3, (const char *[]){"Mã", "Tên", "Phí"});
    expect_row(&s, 1, 2, 3,
               (const char *[]){"1.001193", "Đăng ký khai sinh, lưu động", "Không \"thu\""});
    expect_row(&s, 2, 3, 3, (const char *[]){"2.000815", "Chứng thực\nbản sao", "2.000 đồng"});
    /* the empty line is skipped but counted */
    expect_row(&s, 3, 5, 3, (const char *[]){"3.000182", "Tuyển sinh", ""});
    expect_row(&s, 4, 6, 3, (const char *[]){"4.000001", "Cuối", "không xuống dòng"});
    sheet_free(&s);
}

static void test_csv_delimiters_and_bom(void **state) {
    (void)state;
    struct sheet s;
    char err[256];
    /* Excel in a Vietnamese locale: ';' and a UTF-8 BOM; commas stay inside cells. */
    assert_int_equal(read_csv("\xEF\xBB\xBFMã;Tên;Phí\n1.001193;Khai sinh;1,5\n", &s, err), 0);
    expect_row(&s, 0, 1, 3, (const char *[]){"Mã", "Tên", "Phí"});
    expect_row(&s, 1, 2, 3, (const char *[]){"1.001193", "Khai sinh", "1,5"});
    sheet_free(&s);
    assert_int_equal(read_csv("Mã\tTên\n1.001193\tKhai sinh, kết hôn\n", &s, err), 0);
    expect_row(&s, 1, 2, 2, (const char *[]){"1.001193", "Khai sinh, kết hôn"});
    sheet_free(&s);
    /* a quoted header with ';' inside does not fool the detection */
    assert_int_equal(read_csv("\"a;b\",c\n1,2\n", &s, err), 0);
    expect_row(&s, 0, 1, 2, (const char *[]){"a;b", "c"});
    sheet_free(&s);
}

static void test_csv_utf16(void **state) {
    (void)state;
    /* "Mã\tĐ\n" in UTF-16 LE with BOM, then the same in BE, and a surrogate pair (😀). */
    const unsigned char le[] = {0xFF, 0xFE, 'M', 0, 0xE3, 0, '\t', 0, 0x10, 0x01, '\n', 0};
    const unsigned char be[] = {0xFE, 0xFF, 0, 'M', 0, 0xE3, 0, '\t', 0x01, 0x10, 0, '\n'};
    const unsigned char pair[] = {0xFF, 0xFE, 'x', 0, 0x3D, 0xD8, 0x00, 0xDE};
    const unsigned char lone[] = {0xFF, 0xFE, 'x', 0, 0x3D, 0xD8};
    struct sheet s;
    char err[256];
    assert_int_equal(csv_read((const char *)le, sizeof le, &s, err, sizeof err), 0);
    expect_row(&s, 0, 1, 2, (const char *[]){"Mã", "Đ"});
    sheet_free(&s);
    assert_int_equal(csv_read((const char *)be, sizeof be, &s, err, sizeof err), 0);
    expect_row(&s, 0, 1, 2, (const char *[]){"Mã", "Đ"});
    sheet_free(&s);
    assert_int_equal(csv_read((const char *)pair, sizeof pair, &s, err, sizeof err), 0);
    expect_row(&s, 0, 1, 1, (const char *[]){"x\xF0\x9F\x98\x80"});
    sheet_free(&s);
    assert_int_equal(csv_read((const char *)lone, sizeof lone, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "UTF-16"));
    sheet_free(&s);
}

static void test_csv_errors(void **state) {
    (void)state;
    struct sheet s;
    char err[256];
    /* Windows-1258 bytes, not UTF-8: named with the line */
    assert_int_equal(read_csv("Mã,Tên\n1.001193,\xD0\xE3ng k\xFD\n", &s, err), -1);
    assert_non_null(strstr(err, "UTF-8"));
    assert_non_null(strstr(err, "dòng 2"));
    sheet_free(&s);
    assert_int_equal(read_csv("a,b\n1,\"không đóng\n2,3\n", &s, err), -1);
    assert_non_null(strstr(err, "dòng 2"));
    sheet_free(&s);
    /* overlong encodings and surrogates are not UTF-8 */
    assert_int_equal(utf8_valid_prefix("\xC0\xAF", 2), 0);
    assert_int_equal(utf8_valid_prefix("ab\xED\xA0\x80", 5), 2);
    assert_int_equal(utf8_valid_prefix("\xF4\x90\x80\x80", 4), 0);
    assert_int_equal(utf8_valid_prefix("Việt", strlen("Việt")), strlen("Việt"));
    /* NUL bytes: not a CSV */
    assert_int_equal(csv_read("a\0b", 3, &s, err, sizeof err), -1);
    sheet_free(&s);
    /* empty input: no rows, no error */
    assert_int_equal(read_csv("", &s, err), 0);
    assert_int_equal(s.nrows, 0);
    sheet_free(&s);
}

static void test_csv_limits(void **state) {
    (void)state;
    /* more cells than SHEET_MAX_CELLS: the extra ones are dropped */
    size_t n = SHEET_MAX_CELLS + 10;
    char *text = malloc(n * 2 + 2);
    for (size_t i = 0; i < n; i++) text[i * 2] = 'x', text[i * 2 + 1] = ',';
    text[n * 2 - 1] = '\n';
    text[n * 2] = '\0';
    struct sheet s;
    char err[256];
    assert_int_equal(read_csv(text, &s, err), 0);
    assert_int_equal(s.rows[0].ncells, SHEET_MAX_CELLS);
    sheet_free(&s);
    free(text);
    /* more rows than SHEET_MAX_ROWS: refused with a message */
    size_t rows = SHEET_MAX_ROWS + 1;
    text = malloc(rows * 2 + 1);
    for (size_t i = 0; i < rows; i++) text[i * 2] = 'r', text[i * 2 + 1] = '\n';
    text[rows * 2] = '\0';
    assert_int_equal(read_csv(text, &s, err), -1);
    assert_non_null(strstr(err, "quá nhiều dòng"));
    sheet_free(&s);
    free(text);
}

/* ---- .xlsx ---- */

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* Writes a workbook like the national database's export: a title row, the header on row 3,
 * strings, numbers (a code typed as a number), an empty cell, a second sheet. */
static unsigned char *make_xlsx(int constant_memory, size_t *len) {
    char path[] = "/tmp/kstt_test_sheet_XXXXXX.xlsx";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh mục TTHC");
    worksheet_write_string(ws, 0, 0, "DANH MỤC THỦ TỤC HÀNH CHÍNH", NULL);
    const char *header[] = {"STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Phí, lệ phí"};
    for (int c = 0; c < 5; c++) worksheet_write_string(ws, 2, (lxw_col_t)c, header[c], NULL);
    worksheet_write_number(ws, 3, 0, 1, NULL);
    worksheet_write_string(ws, 3, 1, "1.001193", NULL);
    worksheet_write_string(ws, 3, 2, "Thủ tục đăng ký khai sinh", NULL);
    worksheet_write_string(ws, 3, 3, "Hộ tịch", NULL);
    worksheet_write_string(ws, 3, 4, "Miễn lệ phí <đúng hạn> & \"không\" thu", NULL);
    worksheet_write_number(ws, 4, 0, 2, NULL);
    worksheet_write_number(ws, 4, 1, 1.00012, NULL); /* a code Excel turned into a number */
    worksheet_write_string(ws, 4, 2, "Thủ tục\nhai dòng", NULL);
    /* D5 left empty; E5 far to the right */
    worksheet_write_string(ws, 4, 4, "50.000 đồng", NULL);
    worksheet_write_boolean(ws, 5, 0, 1, NULL);
    worksheet_write_string(ws, 5, 27, "AB6", NULL);
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Khác");
    worksheet_write_string(ws2, 0, 0, "không đọc", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    unsigned char *b = slurp(path, len);
    unlink(path);
    return b;
}

static void check_export(const struct sheet *s) {
    assert_int_equal(s->nrows, 5);
    expect_row(s, 0, 1, 1, (const char *[]){"DANH MỤC THỦ TỤC HÀNH CHÍNH"});
    expect_row(s, 1, 3, 5,
               (const char *[]){"STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Phí, lệ phí"});
    expect_row(s, 2, 4, 5,
               (const char *[]){"1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch",
                                "Miễn lệ phí <đúng hạn> & \"không\" thu"});
    assert_true(s->rows[2].numeric[0]);
    assert_false(s->rows[2].numeric[1]);
    const struct sheet_row *r = &s->rows[3];
    assert_int_equal(r->num, 5);
    assert_int_equal(r->ncells, 5);
    assert_true(r->numeric[1]);
    assert_true(strtod(r->cells[1], NULL) > 1.000119 && strtod(r->cells[1], NULL) < 1.000121);
    assert_string_equal(r->cells[2], "Thủ tục\nhai dòng");
    assert_string_equal(r->cells[3], "");
    assert_string_equal(r->cells[4], "50.000 đồng");
    const struct sheet_row *last = &s->rows[4];
    assert_int_equal(last->num, 6);
    assert_int_equal(last->ncells, 28);
    assert_string_equal(last->cells[0], "TRUE");
    assert_string_equal(last->cells[27], "AB6");
}

static void test_xlsx_shared_strings(void **state) {
    (void)state;
    size_t len;
    unsigned char *b = make_xlsx(0, &len);
    assert_true(xlsx_sniff(b, len));
    struct sheet s;
    char err[256];
    assert_int_equal(xlsx_read(b, len, &s, err, sizeof err), 0);
    check_export(&s);
    sheet_free(&s);
    free(b);
}

static void test_xlsx_inline_strings(void **state) {
    (void)state;
    size_t len;
    unsigned char *b = make_xlsx(1, &len); /* constant_memory writes inline strings */
    struct sheet s;
    char err[256];
    assert_int_equal(xlsx_read(b, len, &s, err, sizeof err), 0);
    check_export(&s);
    sheet_free(&s);
    free(b);
}

static void test_xlsx_damaged(void **state) {
    (void)state;
    size_t len;
    unsigned char *b = make_xlsx(0, &len);
    struct sheet s;
    char err[256];
    /* not a zip at all */
    assert_int_equal(xlsx_read("Mã,Tên\n", 8, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, ".xlsx"));
    sheet_free(&s);
    /* every truncation is refused cleanly */
    for (size_t cut = 0; cut < len; cut += len / 40 + 1) {
        assert_int_equal(xlsx_read(b, cut, &s, err, sizeof err), -1);
        assert_true(strlen(err) > 0);
        sheet_free(&s);
    }
    /* a flipped byte in the middle of the compressed data: CRC or inflate fails, or the
     * parse still holds (the byte was in an unused part); never a crash */
    for (size_t at = 100; at < len; at += 97) {
        unsigned char *c = malloc(len);
        memcpy(c, b, len);
        c[at] ^= 0x5A;
        int rc = xlsx_read(c, len, &s, err, sizeof err);
        assert_true(rc == 0 || strlen(err) > 0);
        sheet_free(&s);
        free(c);
    }
    free(b);
}

/* A minimal zip with one stored entry, to test the container rules by hand. */
static size_t zip_one(unsigned char *out, const char *name, const char *data, unsigned flags) {
    size_t nl = strlen(name), dl = strlen(data), o = 0;
    uint32_t crc = (uint32_t)crc32(0, (const Bytef *)data, (uInt)dl);
#define W16(v) (out[o++] = (unsigned char)((v)&0xFF), out[o++] = (unsigned char)(((v) >> 8) & 0xFF))
#define W32(v) (W16((v)&0xFFFF), W16(((uint32_t)(v) >> 16) & 0xFFFF))
    W32(0x04034b50);
    W16(20);
    W16(flags);
    W16(0);
    W16(0);
    W16(0);
    W32(crc);
    W32(dl);
    W32(dl);
    W16(nl);
    W16(0);
    memcpy(out + o, name, nl), o += nl;
    memcpy(out + o, data, dl), o += dl;
    size_t cd = o;
    W32(0x02014b50);
    W16(20);
    W16(20);
    W16(flags);
    W16(0);
    W16(0);
    W16(0);
    W32(crc);
    W32(dl);
    W32(dl);
    W16(nl);
    W16(0);
    W16(0);
    W16(0);
    W16(0);
    W32(0);
    W32(0);
    memcpy(out + o, name, nl), o += nl;
    size_t cdlen = o - cd;
    W32(0x06054b50);
    W16(0);
    W16(0);
    W16(1);
    W16(1);
    W32(cdlen);
    W32(cd);
    W16(0);
#undef W16
#undef W32
    return o;
}

static void test_xlsx_container_rules(void **state) {
    (void)state;
    unsigned char z[2048];
    struct sheet s;
    char err[256];
    /* a stored sheet with inline strings, prefixed names and entities: read */
    const char *xml = "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"urn\"><x:sheetData>"
                      "<x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>Đ&amp;&#x110;"
                      "&#272;_x000D_</x:t></x:is></x:c><x:c t=\"str\"><x:v>next</x:v></x:c>"
                      "</x:row></x:sheetData></x:worksheet>";
    size_t n = zip_one(z, "xl/worksheets/sheet1.xml", xml, 0);
    assert_int_equal(xlsx_read(z, n, &s, err, sizeof err), 0);
    assert_int_equal(s.nrows, 1);
    expect_row(&s, 0, 2, 3, (const char *[]){"", "Đ&ĐĐ\r", "next"});
    sheet_free(&s);
    /* encrypted entries are refused with a message about the password */
    n = zip_one(z, "xl/worksheets/sheet1.xml", xml, 1);
    assert_int_equal(xlsx_read(z, n, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "mật khẩu"));
    sheet_free(&s);
    /* a workbook without a sheet */
    n = zip_one(z, "docProps/app.xml", "<x/>", 0);
    assert_int_equal(xlsx_read(z, n, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "trang tính"));
    sheet_free(&s);
    /* a shared string index out of range */
    n = zip_one(z, "xl/worksheets/sheet1.xml",
                "<worksheet><sheetData><row><c t=\"s\"><v>7</v></c></row></sheetData></worksheet>",
                0);
    assert_int_equal(xlsx_read(z, n, &s, err, sizeof err), -1);
    sheet_free(&s);
    /* a DOCTYPE with an entity is never expanded */
    n = zip_one(z, "xl/worksheets/sheet1.xml",
                "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData><row><c t=\"inlineStr\">"
                "<is><t>&a;</t></is></c></row></sheetData></worksheet>",
                0);
    assert_int_equal(xlsx_read(z, n, &s, err, sizeof err), 0);
    expect_row(&s, 0, 1, 1, (const char *[]){"&a;"});
    sheet_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_basic_quotes_and_line_ends),
        cmocka_unit_test(test_csv_delimiters_and_bom),
        cmocka_unit_test(test_csv_utf16),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_csv_limits),
        cmocka_unit_test(test_xlsx_shared_strings),
        cmocka_unit_test(test_xlsx_inline_strings),
        cmocka_unit_test(test_xlsx_damaged),
        cmocka_unit_test(test_xlsx_container_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
