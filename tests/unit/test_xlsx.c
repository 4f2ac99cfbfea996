/* Unit tests for core/xlsx's zip container on libzip: a valid workbook, ZIP64, a bad CRC, a
 * truncated file and zip bombs, each built here byte by byte so every field is known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "core/sheet.h"
#include "core/xlsx.h"

/* ---- a zip writer for the tests ---- */

struct zbuf {
    unsigned char *p;
    size_t len, cap;
};

static void zput(struct zbuf *b, const void *d, size_t n) {
    if (b->len + n > b->cap) {
        while (b->len + n > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void z16(struct zbuf *b, unsigned v) {
    unsigned char o[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    zput(b, o, 2);
}

static void z32(struct zbuf *b, uint32_t v) {
    z16(b, v & 0xFFFF);
    z16(b, v >> 16);
}

static void z64(struct zbuf *b, uint64_t v) {
    z32(b, (uint32_t)v);
    z32(b, (uint32_t)(v >> 32));
}

/* One entry: data is deflated unless stored; the declared size and CRC can be made to lie. */
struct entry {
    const char *name;
    const unsigned char *data;
    size_t len;
    int stored;
    uint64_t declared; /* 0: the true size */
    uint32_t crc_xor;
};

/* Raw deflate of data (what zip calls method 8). */
static unsigned char *deflate_raw(const unsigned char *data, size_t len, size_t *out) {
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len);
    unsigned char *c = malloc(cap);
    assert_non_null(c);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = c;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out = z.total_out;
    deflateEnd(&z);
    return c;
}

/* A zip of the entries; zip64 = 1 writes every size and offset in ZIP64 form (extra fields,
 * the ZIP64 end record and its locator), as writers do for large workbooks. */
static unsigned char *zip_make(const struct entry *e, size_t n, int zip64, size_t *outlen) {
    struct zbuf out = {0}, cd = {0};
    for (size_t i = 0; i < n; i++) {
        size_t clen = e[i].len, nl = strlen(e[i].name);
        unsigned char *comp = e[i].stored ? NULL : deflate_raw(e[i].data, e[i].len, &clen);
        uint32_t crc = (uint32_t)crc32(0, e[i].data, (uInt)e[i].len) ^ e[i].crc_xor;
        uint64_t usize = e[i].declared ? e[i].declared : e[i].len, off = out.len;
        unsigned method = e[i].stored ? 0 : 8;
        z32(&out, 0x04034b50);
        z16(&out, zip64 ? 45 : 20);
        z16(&out, 0);
        z16(&out, method);
        z32(&out, 0);
        z32(&out, crc);
        z32(&out, zip64 ? 0xFFFFFFFF : (uint32_t)clen);
        z32(&out, zip64 ? 0xFFFFFFFF : (uint32_t)usize);
        z16(&out, (unsigned)nl);
        z16(&out, zip64 ? 20 : 0);
        zput(&out, e[i].name, nl);
        if (zip64) {
            z16(&out, 0x0001);
            z16(&out, 16);
            z64(&out, usize);
            z64(&out, clen);
        }
        zput(&out, comp ? comp : e[i].data, clen);
        free(comp);
        z32(&cd, 0x02014b50);
        z16(&cd, zip64 ? 45 : 20);
        z16(&cd, zip64 ? 45 : 20);
        z16(&cd, 0);
        z16(&cd, method);
        z32(&cd, 0);
        z32(&cd, crc);
        z32(&cd, zip64 ? 0xFFFFFFFF : (uint32_t)clen);
        z32(&cd, zip64 ? 0xFFFFFFFF : (uint32_t)usize);
        z16(&cd, (unsigned)nl);
        z16(&cd, zip64 ? 28 : 0);
        z16(&cd, 0);
        z16(&cd, 0);
        z16(&cd, 0);
        z32(&cd, 0);
        z32(&cd, zip64 ? 0xFFFFFFFF : (uint32_t)off);
        zput(&cd, e[i].name, nl);
        if (zip64) {
            z16(&cd, 0x0001);
            z16(&cd, 24);
            z64(&cd, usize);
            z64(&cd, clen);
            z64(&cd, off);
        }
    }
    uint64_t cdoff = out.len;
    zput(&out, cd.p, cd.len);
    if (zip64) {
        uint64_t e64 = out.len;
        z32(&out, 0x06064b50);
        z64(&out, 44);
        z16(&out, 45);
        z16(&out, 45);
        z32(&out, 0);
        z32(&out, 0);
        z64(&out, n);
        z64(&out, n);
        z64(&out, cd.len);
        z64(&out, cdoff);
        z32(&out, 0x07064b50);
        z32(&out, 0);
        z64(&out, e64);
        z32(&out, 1);
    }
    z32(&out, 0x06054b50);
    z16(&out, 0);
    z16(&out, 0);
    z16(&out, zip64 ? 0xFFFF : (unsigned)n);
    z16(&out, zip64 ? 0xFFFF : (unsigned)n);
    z32(&out, zip64 ? 0xFFFFFFFF : (uint32_t)cd.len);
    z32(&out, zip64 ? 0xFFFFFFFF : (uint32_t)cdoff);
    z16(&out, 0);
    free(cd.p);
    *outlen = out.len;
    return out.p;
}

/* ---- a workbook: workbook.xml and its relationships name the sheet, shared strings ---- */

static const char WORKBOOK[] = "<workbook><sheets><sheet name=\"Thủ tục\" sheetId=\"1\" "
                               "r:id=\"rId7\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships><Relationship Id=\"rId7\" Target=\"worksheets/data.xml\"/>"
    "</Relationships>";
static const char SST[] = "<sst><si><t>Mã</t></si><si><t>Tên thủ tục</t></si></sst>";
static const char SHEET[] =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
    "</c></row><row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\" "
    "t=\"inlineStr\"><is><t>Cấp giấy phép</t></is></c></row>"
    "</sheetData></worksheet>";

static const char INLINE_SHEET[] = "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>một</t>"
                                   "</is></c></row></sheetData></worksheet>";

#define ENT(name, text, stored)                                                                    \
    { name, (const unsigned char *)(text), strlen(text), stored, 0, 0 }

static unsigned char *workbook(int zip64, uint32_t sheet_crc_xor, size_t *len) {
    struct entry e[] = {
        ENT("xl/workbook.xml", WORKBOOK, 0), ENT("xl/_rels/workbook.xml.rels", RELS, 1),
        ENT("xl/sharedStrings.xml", SST, 0), ENT("xl/worksheets/data.xml", SHEET, 0)};
    e[3].crc_xor = sheet_crc_xor;
    return zip_make(e, 4, zip64, len);
}

static void check_workbook(const struct sheet *s) {
    assert_int_equal(s->nrows, 2);
    assert_int_equal(s->rows[0].ncells, 2);
    assert_string_equal(s->rows[0].cells[0], "Mã");
    assert_string_equal(s->rows[0].cells[1], "Tên thủ tục");
    assert_int_equal(s->rows[1].num, 2);
    assert_string_equal(s->rows[1].cells[0], "42");
    assert_true(s->rows[1].numeric[0]);
    assert_string_equal(s->rows[1].cells[1], "Cấp giấy phép");
}

static void test_valid_workbook(void **state) {
    (void)state;
    size_t len;
    unsigned char *z = workbook(0, 0, &len);
    struct sheet s;
    char err[256];
    assert_true(xlsx_sniff(z, len));
    assert_int_equal(xlsx_read(z, len, &s, err, sizeof err), 0);
    check_workbook(&s);
    sheet_free(&s);
    free(z);
}

static void test_zip64(void **state) {
    (void)state;
    size_t len;
    unsigned char *z = workbook(1, 0, &len);
    struct sheet s;
    char err[256];
    assert_int_equal(xlsx_read(z, len, &s, err, sizeof err), 0);
    check_workbook(&s);
    sheet_free(&s);
    free(z);
}

static void test_bad_crc(void **state) {
    (void)state;
    for (int zip64 = 0; zip64 < 2; zip64++) {
        size_t len;
        unsigned char *z = workbook(zip64, 0x10, &len);
        struct sheet s;
        char err[256];
        assert_int_equal(xlsx_read(z, len, &s, err, sizeof err), -1);
        assert_non_null(strstr(err, "bị hỏng"));
        sheet_free(&s);
        free(z);
    }
}

static void test_truncated(void **state) {
    (void)state;
    size_t len;
    unsigned char *z = workbook(0, 0, &len);
    struct sheet s;
    char err[256];
    /* every prefix is refused with a reason: the directory is gone, or an entry is cut */
    for (size_t cut = 0; cut < len; cut++) {
        assert_int_equal(xlsx_read(z, cut, &s, err, sizeof err), -1);
        assert_true(strlen(err) > 0);
        sheet_free(&s);
    }
    free(z);
    /* not a zip at all */
    assert_int_equal(xlsx_read("PK\3\4 and then nothing", 22, &s, err, sizeof err), -1);
    assert_string_equal(err, "Tệp không phải tệp .xlsx hợp lệ.");
    sheet_free(&s);
}

/* A sheet whose text cell is n bytes of 'a': it deflates about a thousandfold. */
static char *bomb_sheet(size_t n, size_t *len) {
    static const char head[] = "<worksheet><sheetData><row><c t=\"str\"><v>";
    static const char tail[] = "</v></c></row></sheetData></worksheet>";
    char *s = malloc(sizeof head + n + sizeof tail);
    assert_non_null(s);
    memcpy(s, head, sizeof head - 1);
    memset(s + sizeof head - 1, 'a', n);
    memcpy(s + sizeof head - 1 + n, tail, sizeof tail);
    *len = sizeof head - 1 + n + sizeof tail - 1;
    return s;
}

static void test_bombs(void **state) {
    (void)state;
    size_t slen, zlen;
    char *sheet = bomb_sheet(XLSX_MAX_ENTRY + 1024, &slen);
    struct entry e = {"xl/worksheets/sheet1.xml", (const unsigned char *)sheet, slen, 0, 0, 0};
    struct sheet s;
    char err[256];
    /* honest: the declared size is over the cap, refused before anything is inflated */
    unsigned char *z = zip_make(&e, 1, 0, &zlen);
    assert_true(zlen < slen / 100);
    assert_int_equal(xlsx_read(z, zlen, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "quá lớn"));
    sheet_free(&s);
    free(z);
    /* lying: declares 1 kB and inflates to 64 MB; refused at the first window past 1 kB */
    e.declared = 1024;
    for (int zip64 = 0; zip64 < 2; zip64++) {
        z = zip_make(&e, 1, zip64, &zlen);
        assert_int_equal(xlsx_read(z, zlen, &s, err, sizeof err), -1);
        assert_non_null(strstr(err, "bị hỏng"));
        sheet_free(&s);
        free(z);
    }
    /* the same lie in a stored entry: the sizes disagree, refused */
    struct entry st = ENT("xl/worksheets/sheet1.xml", SHEET, 1);
    st.declared = 10;
    z = zip_make(&st, 1, 0, &zlen);
    assert_int_equal(xlsx_read(z, zlen, &s, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    sheet_free(&s);
    free(z);
    /* small parts (workbook.xml) have a smaller cap: an oversized one is ignored, and the reader
     * falls back to sheet1.xml */
    struct entry two[] = {{"xl/workbook.xml", (const unsigned char *)sheet, 2u << 20, 0, 0, 0},
                          ENT("xl/worksheets/sheet1.xml", INLINE_SHEET, 0)};
    z = zip_make(two, 2, 0, &zlen);
    assert_int_equal(xlsx_read(z, zlen, &s, err, sizeof err), 0);
    assert_int_equal(s.nrows, 1);
    assert_string_equal(s.rows[0].cells[0], "một");
    sheet_free(&s);
    free(z);
    free(sheet);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_workbook), cmocka_unit_test(test_zip64),
        cmocka_unit_test(test_bad_crc),        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_bombs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
