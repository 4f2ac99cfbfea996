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
#include "lib/utf8.h"

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

/* ---- streaming (issue 11 item 8) ---- */

/* One zip entry for zip_build, with ways to damage it. */
struct ent {
    const char *name;
    const char *data;
    size_t len;
    int deflate;
    long long usize_delta; /* added to the declared uncompressed size */
    uint32_t crc_xor;      /* xored into the declared CRC */
    size_t cut;            /* > 0: keep only this many compressed bytes */
};

static void put16(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)(v & 0xFF);
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v) {
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
}

/* A zip of the entries, stored or deflated (raw deflate, as zip writes it). */
static unsigned char *zip_build(const struct ent *e, size_t n, size_t *outlen) {
    size_t cap = 1024;
    for (size_t i = 0; i < n; i++) cap += compressBound((uLong)e[i].len) + 200;
    unsigned char *out = malloc(cap), *cd = malloc(n * 300 + 64);
    assert_non_null(out);
    assert_non_null(cd);
    size_t o = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(e[i].name), clen = e[i].len;
        uint32_t crc = (uint32_t)crc32(0, (const Bytef *)e[i].data, (uInt)e[i].len) ^ e[i].crc_xor;
        unsigned char *lh = out + o, *data = lh + 30 + nl;
        if (e[i].deflate) {
            z_stream z;
            memset(&z, 0, sizeof z);
            assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                             Z_OK);
            z.next_in = (Bytef *)e[i].data;
            z.avail_in = (uInt)e[i].len;
            z.next_out = data;
            z.avail_out = (uInt)(cap - o - 30 - nl);
            assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
            clen = z.total_out;
            deflateEnd(&z);
        } else {
            memcpy(data, e[i].data, e[i].len);
        }
        if (e[i].cut && e[i].cut < clen) clen = e[i].cut;
        uint32_t usize = (uint32_t)((long long)e[i].len + e[i].usize_delta);
        put32(lh, 0x04034b50);
        put16(lh + 4, 20);
        put16(lh + 6, 0);
        put16(lh + 8, e[i].deflate ? 8 : 0);
        put32(lh + 10, 0);
        put32(lh + 14, crc);
        put32(lh + 18, (uint32_t)clen);
        put32(lh + 22, usize);
        put16(lh + 26, (unsigned)nl);
        put16(lh + 28, 0);
        memcpy(lh + 30, e[i].name, nl);
        unsigned char *h = cd + c;
        memset(h, 0, 46);
        put32(h, 0x02014b50);
        put16(h + 4, 20);
        put16(h + 6, 20);
        put16(h + 10, e[i].deflate ? 8 : 0);
        put32(h + 16, crc);
        put32(h + 20, (uint32_t)clen);
        put32(h + 24, usize);
        put16(h + 28, (unsigned)nl);
        put32(h + 42, (uint32_t)o);
        memcpy(h + 46, e[i].name, nl);
        c += 46 + nl;
        o += 30 + nl + clen;
    }
    memcpy(out + o, cd, c);
    unsigned char *eocd = out + o + c;
    memset(eocd, 0, 22);
    put32(eocd, 0x06054b50);
    put16(eocd + 8, (unsigned)n);
    put16(eocd + 10, (unsigned)n);
    put32(eocd + 12, (uint32_t)c);
    put32(eocd + 16, (uint32_t)o);
    *outlen = o + c + 22;
    free(cd);
    return out;
}

/* A sheet of n rows: A = inline text padded to ~100 bytes, B = the row number, C = shared
 * string 0 or 1; one row (big_at) has a 200,000-byte cell, more than the reader's first
 * window, so a token crosses windows and the window grows. */
static char *make_sheet_xml(long n, long big_at, size_t *len) {
    struct {
        char *p;
        size_t len, cap;
    } b = {malloc(1 << 20), 0, 1 << 20};
    assert_non_null(b.p);
#define PUT(...)                                                                                   \
    do {                                                                                           \
        char t_[512];                                                                              \
        int k_ = snprintf(t_, sizeof t_, __VA_ARGS__);                                             \
        if (b.len + (size_t)k_ + 1 > b.cap) b.p = realloc(b.p, b.cap *= 2);                        \
        memcpy(b.p + b.len, t_, (size_t)k_ + 1);                                                   \
        b.len += (size_t)k_;                                                                       \
    } while (0)
    PUT("<?xml version=\"1.0\"?><worksheet><sheetData>");
    for (long i = 1; i <= n; i++) {
        PUT("<row r=\"%ld\"><c r=\"A%ld\" t=\"inlineStr\"><is><t>dòng %ld đệm đệm đệm đệm đệm "
            "&amp; _x0041_</t></is></c><c r=\"B%ld\"><v>%ld</v></c><c r=\"C%ld\" t=\"s\"><v>%ld"
            "</v></c>",
            i, i, i, i, i, i, i % 2);
        if (i == big_at) {
            PUT("<c r=\"D%ld\" t=\"inlineStr\"><is><t>", i);
            for (int k = 0; k < 20000; k++) PUT("0123456789");
            PUT("</t></is></c>");
        }
        PUT("</row>");
    }
    PUT("</sheetData></worksheet>");
#undef PUT
    *len = b.len;
    return b.p;
}

static const char SST[] = "<sst><si><t>chẵn</t></si><si><r><t>l</t></r><r><t>ẻ</t></r></si></sst>";

struct seen {
    long rows, stop_at;
    size_t big;
    int bad;
};

static int check_stream_row(void *ctx, const struct sheet_row *row) {
    struct seen *s = ctx;
    s->rows++;
    char want[128];
    snprintf(want, sizeof want, "dòng %ld đệm đệm đệm đệm đệm & A", s->rows);
    if (row->num != s->rows || row->ncells < 3 || strcmp(row->cells[0], want) != 0 ||
        strtol(row->cells[1], NULL, 10) != s->rows || !row->numeric[1] || row->numeric[0] ||
        strcmp(row->cells[2], s->rows % 2 ? "lẻ" : "chẵn") != 0)
        s->bad++;
    if (row->ncells == 4) s->big = strlen(row->cells[3]);
    return s->stop_at && s->rows == s->stop_at;
}

static unsigned char *stream_zip(const char *sheet, size_t slen, struct ent *tweak, size_t *zlen) {
    struct ent e[2] = {{"xl/sharedStrings.xml", SST, strlen(SST), 1, 0, 0, 0},
                       {"xl/worksheets/sheet1.xml", sheet, slen, 1, 0, 0, 0}};
    if (tweak) {
        e[1].usize_delta = tweak->usize_delta;
        e[1].crc_xor = tweak->crc_xor;
        e[1].cut = tweak->cut;
        e[1].deflate = tweak->deflate;
    }
    return zip_build(e, 2, zlen);
}

static void test_xlsx_stream_rows(void **state) {
    (void)state;
    size_t slen, zlen;
    char *sheet = make_sheet_xml(5000, 2500, &slen);
    assert_true(slen > 700000); /* many windows */
    const struct sheet_limits none = {0, 0};
    char err[300];
    for (int deflated = 0; deflated < 2; deflated++) {
        struct ent t = {.deflate = deflated};
        unsigned char *z = stream_zip(sheet, slen, &t, &zlen);
        struct seen s = {0};
        assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), 0);
        assert_int_equal(s.rows, 5000);
        assert_int_equal(s.bad, 0);
        assert_int_equal(s.big, 200000);
        /* the consumer may stop the reader */
        s = (struct seen){.stop_at = 10};
        assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err),
                         SHEET_STOPPED);
        assert_int_equal(s.rows, 10);
        free(z);
    }
    free(sheet);
}

static void test_xlsx_stream_damaged(void **state) {
    (void)state;
    size_t slen, zlen;
    char *sheet = make_sheet_xml(3000, 0, &slen);
    const struct sheet_limits none = {0, 0};
    char err[300];
    struct seen s;
    /* cut in the middle of the deflate stream: rows up to there, then a clean refusal */
    struct ent cut = {.deflate = 1, .cut = 20000};
    unsigned char *z = stream_zip(sheet, slen, &cut, &zlen);
    s = (struct seen){0};
    assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
    assert_true(s.rows > 0 && s.rows < 3000);
    assert_int_equal(s.bad, 0);
    assert_non_null(strstr(err, "bị hỏng"));
    free(z);
    /* a wrong CRC is found at the end of the entry: rows were seen, and the file is refused */
    struct ent crc = {.deflate = 1, .crc_xor = 1};
    z = stream_zip(sheet, slen, &crc, &zlen);
    s = (struct seen){0};
    assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
    assert_true(s.rows > 2000);
    assert_non_null(strstr(err, "bị hỏng"));
    free(z);
    /* more bytes than the directory declares (how a zip bomb lies): refused */
    for (int deflated = 0; deflated < 2; deflated++) {
        struct ent lie = {.deflate = deflated, .usize_delta = -100};
        z = stream_zip(sheet, slen, &lie, &zlen);
        s = (struct seen){0};
        assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
        assert_true(strlen(err) > 0);
        free(z);
    }
    /* a declared size over the cap: refused before anything is inflated */
    struct ent huge = {.deflate = 1, .usize_delta = (long long)XLSX_MAX_ENTRY};
    z = stream_zip(sheet, slen, &huge, &zlen);
    s = (struct seen){0};
    assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
    assert_int_equal(s.rows, 0);
    assert_non_null(strstr(err, "quá lớn"));
    free(z);
    free(sheet);
    /* one text token longer than the reader's largest window (4 MiB) */
    size_t blen = 5u << 20;
    char *big = malloc(blen + 64);
    int k = snprintf(big, 64, "<worksheet><sheetData><row><c t=\"str\"><v>");
    memset(big + k, 'a', blen - (size_t)k);
    z = stream_zip(big, blen, NULL, &zlen);
    assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "quá dài"));
    free(z);
    free(big);
    /* a cell that is not UTF-8 */
    const char *latin = "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\xd0\xe3ng</t></is>"
                        "</c></row></sheetData></worksheet>";
    z = stream_zip(latin, strlen(latin), NULL, &zlen);
    s = (struct seen){0};
    assert_int_equal(xlsx_each_row(z, zlen, &none, check_stream_row, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "UTF-8"));
    assert_int_equal(s.rows, 0);
    free(z);
}

static void test_xlsx_stream_limits(void **state) {
    (void)state;
    size_t slen, zlen;
    char *sheet = make_sheet_xml(5000, 0, &slen);
    unsigned char *z = stream_zip(sheet, slen, NULL, &zlen);
    char err[300];
    struct seen s = {0};
    const struct sheet_limits rows = {100, 0};
    assert_int_equal(xlsx_each_row(z, zlen, &rows, check_stream_row, &s, err, sizeof err),
                     SHEET_TOO_BIG);
    assert_int_equal(s.rows, 100); /* never a row past the limit */
    assert_non_null(strstr(err, "tối đa 100 dòng"));
    s = (struct seen){0};
    const struct sheet_limits cells = {0, 150}; /* three cells a row: the 51st row passes it */
    assert_int_equal(xlsx_each_row(z, zlen, &cells, check_stream_row, &s, err, sizeof err),
                     SHEET_TOO_BIG);
    assert_int_equal(s.rows, 50);
    assert_non_null(strstr(err, "tối đa 150 ô"));
    s = (struct seen){0};
    const struct sheet_limits exact = {5000, 15000};
    assert_int_equal(xlsx_each_row(z, zlen, &exact, check_stream_row, &s, err, sizeof err), 0);
    assert_int_equal(s.rows, 5000);
    free(z);
    free(sheet);
    /* the same limits hold for a CSV already read (sheet_check_limits) */
    struct sheet sh;
    assert_int_equal(read_csv("a,b\n1,2\n3,4\n", &sh, err), 0);
    const struct sheet_limits two = {2, 0}, five = {0, 5};
    assert_int_equal(sheet_check_limits(&sh, &two, err, sizeof err), SHEET_TOO_BIG);
    assert_non_null(strstr(err, "tối đa 2 dòng"));
    assert_int_equal(sheet_check_limits(&sh, &five, err, sizeof err), SHEET_TOO_BIG);
    assert_non_null(strstr(err, "tối đa 5 ô"));
    const struct sheet_limits fits = {3, 6};
    assert_int_equal(sheet_check_limits(&sh, &fits, err, sizeof err), 0);
    sheet_free(&sh);
}

static int count_row(void *ctx, const struct sheet_row *row) {
    (void)row;
    ++*(long *)ctx;
    return 0;
}

/* A small zip whose shared strings table would be huge once read: refused with the limit. */
static void test_xlsx_shared_strings_bounded(void **state) {
    (void)state;
    const char *sheet = "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData>"
                        "</worksheet>";
    const struct sheet_limits none = {0, 0};
    char err[300];
    long rows = 0;
    /* 1,000,001 empty strings: 5 MB of XML in a few kB of zip */
    size_t n = 1000001, len = 5 + n * 5 + 6;
    char *sst = malloc(len + 1);
    memcpy(sst, "<sst>", 5);
    for (size_t i = 0; i < n; i++) memcpy(sst + 5 + i * 5, "<si/>", 5);
    memcpy(sst + 5 + n * 5, "</sst>", 6);
    struct ent e[2] = {{"xl/sharedStrings.xml", sst, len, 1, 0, 0, 0},
                       {"xl/worksheets/sheet1.xml", sheet, strlen(sheet), 1, 0, 0, 0}};
    size_t zlen;
    unsigned char *z = zip_build(e, 2, &zlen);
    assert_true(zlen < 100000);
    assert_int_equal(xlsx_each_row(z, zlen, &none, count_row, &rows, err, sizeof err), -1);
    assert_non_null(strstr(err, "chuỗi dùng chung"));
    assert_non_null(strstr(err, "1000000"));
    assert_int_equal(rows, 0);
    free(z);
    free(sst);
    /* 11 strings of 3 MB: more than 32 MB of text */
    size_t one = 3u << 20, total = 5 + 11 * (one + 16) + 6;
    sst = malloc(total);
    size_t o = 0;
    memcpy(sst + o, "<sst>", 5), o += 5;
    for (int i = 0; i < 11; i++) {
        memcpy(sst + o, "<si><t>", 7), o += 7;
        memset(sst + o, 'x', one), o += one;
        memcpy(sst + o, "</t></si>", 9), o += 9;
    }
    memcpy(sst + o, "</sst>", 6), o += 6;
    e[0].data = sst;
    e[0].len = o;
    z = zip_build(e, 2, &zlen);
    assert_int_equal(xlsx_each_row(z, zlen, &none, count_row, &rows, err, sizeof err), -1);
    assert_non_null(strstr(err, "32 MB"));
    free(z);
    free(sst);
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
        cmocka_unit_test(test_xlsx_stream_rows),
        cmocka_unit_test(test_xlsx_stream_damaged),
        cmocka_unit_test(test_xlsx_stream_limits),
        cmocka_unit_test(test_xlsx_shared_strings_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
