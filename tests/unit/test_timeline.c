/* Unit tests for core/timeline: every timeline phrase of the seed plans plus variants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/timeline.h"

#define Q TL_REC_QUARTERLY
#define M TL_REC_MONTHLY
#define H TL_REC_HALF_YEARLY
#define Y TL_REC_YEARLY

/*
 * Expected results, written by reading each phrase (not by running the parser).
 * s/d: start/due "YYYY-MM-DD", NULL = null date. lv: "level=YYYY-MM-DD ..." in order.
 * ev: 1 when an offset is expected (off days, work = working days, after = event phrase).
 * after/ref/note: NULL means "".
 */
struct tcase {
    const char *text;
    int year;
    enum tl_kind kind;
    const char *s, *d;
    unsigned rec;
    const char *lv;
    int ev, off, work;
    const char *after, *ref, *note;
};

static const struct tcase cases[] = {
    /* ---- plan_namdinh_2023.txt (plan year 2023) ---- */
    {.text = "Tháng 12/2022", .year = 2023, .kind = TL_MONTH, .s = "2022-12-01", .d = "2022-12-31"},
    {.text = "Thường xuyên",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Quý I/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-01-01", .d = "2023-03-31"},
    {.text = "Trước 15/01/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "Trước 31/01/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-31"},
    {.text = "Từ tháng 02/2023 - 7/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-02-01",
     .d = "2023-07-31"},
    {.text = "Tháng 8/2023", .year = 2023, .kind = TL_MONTH, .s = "2023-08-01", .d = "2023-08-31"},
    {.text = "Tháng 9/2023", .year = 2023, .kind = TL_MONTH, .s = "2023-09-01", .d = "2023-09-30"},
    {.text =
         "Theo Kế hoạch ban hành kèm theo Quyết định số 1955/QĐ-UBND ngày 25/10/2022 của UBND tỉnh",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch ban hành kèm theo Quyết định số 1955/QĐ-UBND ngày 25/10/2022 của UBND tỉnh"},
    {.text = "Trong năm", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Thực hiện trong giai đoạn 2023-2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"},
    {.text = "Theo yêu cầu", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Theo kế hoạch cải cách hành chính",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "kế hoạch cải cách hành chính"},
    {.text = "Kế hoạch kiểm tra đột xuất theo chỉ đạo", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của Chính phủ, UBND tỉnh",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | Y,
     .note = "BC đột xuất theo yêu cầu của Chính phủ, UBND tỉnh"},
    {.text = "Hàng quý, năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | Y},
    /* in the task column, in parentheses */
    {.text = "(ngay sau khi Chủ tịch UBND tỉnh công bố TTHC, danh mục TTHC)",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Chủ tịch UBND tỉnh công bố TTHC, danh mục TTHC"},
    {.text = "(ngay sau khi Chủ tịch UBND tỉnh phê duyệt quy trình nội bộ trong giải quyết TTHC)",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Chủ tịch UBND tỉnh phê duyệt quy trình nội bộ trong giải quyết TTHC"},
    {.text = "Thời gian thực hiện", .year = 2023, .kind = TL_UNKNOWN}, /* a repeated header row */

    /* ---- plan_nghean_2023.txt (plan year 2023) ---- */
    {.text = "Tháng 02/2023", .year = 2023, .kind = TL_MONTH, .s = "2023-02-01", .d = "2023-02-28"},
    {.text = "Trước ngày 21/02/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-02-21"},
    {.text = "Ngay sau khi văn bản QPPL được ban hành.",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "văn bản QPPL được ban hành"},
    {.text =
         "Chậm nhất 10 ngày kể từ ngày ban hành Quyết định công bố TTHC hoặc Quyết định công bố "
         "danh mục TTHC của Chủ tịch UBND tỉnh.",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 10,
     .after = "ban hành Quyết định công bố TTHC hoặc Quyết định công bố danh mục TTHC của Chủ "
              "tịch UBND tỉnh"},
    /* the cell is split by a page break: "... hiệu lực thi" + "hành" */
    {.text = "Công khai đúng ngày Quyết định công bố có hiệu lực thi\nhành",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Quyết định công bố có hiệu lực thi hành"},
    {.text = "hành", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "<p>Ngay sau khi có Quyết định công bố TTHC của Chủ tịch UBND tỉnh</p>",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Quyết định công bố TTHC của Chủ tịch UBND tỉnh"},
    {.text = "<p>Thường xuyên</p>",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Trong năm 2023", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Theo Kế hoạch của UBND tỉnh",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch của UBND tỉnh"},
    {.text = "Theo Quyết định số 1085/QĐ-TTg ngày 15/9/2022",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Quyết định số 1085/QĐ-TTg ngày 15/9/2022"},
    {.text =
         "Theo Quyết định số 1085/QĐ-TTg ngày 15/9/2022\n\ncủa Thủ tướng Chính phủ và Kế hoạch số "
         "793/QĐ-UBND ngày 14/11/2022 của UBND tỉnh",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Quyết định số 1085/QĐ-TTg ngày 15/9/2022 của Thủ tướng Chính phủ và Kế hoạch số "
            "793/QĐ-UBND ngày 14/11/2022 của UBND tỉnh"},
    {.text = "Thường xuyên khi có sự thay đổi",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .note = "khi có sự thay đổi"},
    {.text = "Quý III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-07-01",
     .d = "2023-09-30"},
    {.text = "<p>Quý 1/2023</p>",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "Hàng tháng",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = M},
    {.text = "Quý II/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-04-01", .d = "2023-06-30"},
    {.text = "Sau khi có Báo cáo kết quả giải quyết",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Báo cáo kết quả giải quyết"},
    {.text = "Quý II, III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-04-01",
     .d = "2023-09-30"},
    {.text = "Theo Kế hoạch của UBND tỉnh và Kiểm tra đột xuất theo yêu cầu.",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch của UBND tỉnh",
     .note = "Kiểm tra đột xuất theo yêu cầu"},
    {.text = "Sau kiểm tra", .year = 2023, .kind = TL_EVENT, .ev = 1, .after = "kiểm tra"},
    {.text = "Hàng quý và đột xuất khi có yêu cầu",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q,
     .note = "đột xuất khi có yêu cầu"},

    /* ---- plan_tiengiang_2022.txt (plan year 2022) ---- */
    {.text = "Tháng 01/2022 (Cấp xã: 02/2022)",
     .year = 2022,
     .kind = TL_MONTH,
     .s = "2022-01-01",
     .d = "2022-01-31",
     .lv = "commune=2022-02-28"},
    {.text = "Quý I/2022", .year = 2022, .kind = TL_QUARTER, .s = "2022-01-01", .d = "2022-03-31"},
    {.text = "Thường xuyên",
     .year = 2022,
     .kind = TL_CONTINUOUS,
     .s = "2022-01-01",
     .d = "2022-12-31"},
    {.text = "Theo hướng dẫn của Văn phòng Chính phủ",
     .year = 2022,
     .kind = TL_REFERENCE,
     .ref = "hướng dẫn của Văn phòng Chính phủ"},
    {.text = "Theo thư mời của Văn phòng Chính phủ",
     .year = 2022,
     .kind = TL_ON_REQUEST,
     .ref = "thư mời của Văn phòng Chính phủ"},
    {.text = "Theo Kế hoạch hoặc đề nghị của các đơn vị",
     .year = 2022,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch",
     .note = "đề nghị của các đơn vị"},
    {.text = "Theo Kế hoạch", .year = 2022, .kind = TL_REFERENCE, .ref = "Kế hoạch"},
    {.text = "Theo hướng dẫn của Văn phòng Chính phủ, bộ ngành liên quan",
     .year = 2022,
     .kind = TL_REFERENCE,
     .ref = "hướng dẫn của Văn phòng Chính phủ, bộ ngành liên quan"},
    {.text = "Theo hướng dẫn", .year = 2022, .kind = TL_REFERENCE, .ref = "hướng dẫn"},
    /* "định kỳ" names no period: recurring, period unknown */
    {.text = "Định kỳ hoặc đột xuất",
     .year = 2022,
     .kind = TL_RECURRING,
     .s = "2022-01-01",
     .d = "2022-12-31",
     .rec = 0,
     .note = "đột xuất"},
    {.text = "Theo Kế hoạch kiểm tra",
     .year = 2022,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch kiểm tra"},
    {.text = "Tháng 01/2023", .year = 2022, .kind = TL_MONTH, .s = "2023-01-01", .d = "2023-01-31"},

    /* ---- dates ---- */
    {.text = "Trước ngày 15/3", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-03-15"},
    {.text = "trước ngày 15/3", .year = 2024, .kind = TL_DATE, .s = NULL, .d = "2024-03-15"},
    {.text = "15/01/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "15-01-2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "15.01.2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "ngày 15 tháng 3 năm 2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-03-15"},
    {.text = "Ngày 15 tháng 3", .year = 2022, .kind = TL_DATE, .s = NULL, .d = "2022-03-15"},
    {.text = "truoc 15/01/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "TRƯỚC 15/01/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "Trước  15 / 01 / 2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "Trước 15/01/2023.", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "**Trước 15/01/2023**", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-15"},
    {.text = "Truoc ngay 21/02/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-02-21"},
    {.text = "Chậm nhất ngày 30/6/2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-06-30"},
    {.text = "Đến ngày 30/6/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-06-30"},
    {.text = "Hoàn thành trước 30/6/2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-06-30"},
    {.text = "Hạn chót 10/10/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-10-10"},
    {.text = "Trước ngày 5/1/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-01-05"},
    {.text = "29/02/2024", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2024-02-29"},
    {.text = "Từ nay đến 30/6/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-06-30"},
    {.text = "Trước tháng 6/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-05-31"},
    {.text = "Trước tháng 1/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2022-12-31"},
    {.text = "Trước Quý III/2023", .year = 2023, .kind = TL_DATE, .s = NULL, .d = "2023-06-30"},
    {.text = "Tru\xCC\x9b\xCC\x9bo\xCC\x9b\xCC\x81\xCC\x81"
             "c 15/01/2023",
     .year = 2023,
     .kind = TL_DATE,
     .d = "2023-01-15"}, /* doubled combining marks are still only marks */
    {.text = "Tru\xCC\x9bo\xCC\x9b\xCC\x81"
             "c 15/01/2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-01-15"}, /* NFD */
    {.text = "31/02/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "29/02/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Trước 32/01/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "15/13/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "0/1/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "15/01/23", .year = 2023, .kind = TL_UNKNOWN},     /* two-digit year: not guessed */
    {.text = "Trước ngày 15/3", .year = 0, .kind = TL_UNKNOWN}, /* no plan year to complete it */

    /* ---- months ---- */
    {.text = "Tháng 3", .year = 2023, .kind = TL_MONTH, .s = "2023-03-01", .d = "2023-03-31"},
    {.text = "tháng 02 năm 2023",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2023-02-01",
     .d = "2023-02-28"},
    {.text = "tháng 12 năm 2022",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2022-12-01",
     .d = "2022-12-31"},
    {.text = "T12/2022", .year = 2023, .kind = TL_MONTH, .s = "2022-12-01", .d = "2022-12-31"},
    {.text = "t4/2023", .year = 2023, .kind = TL_MONTH, .s = "2023-04-01", .d = "2023-04-30"},
    {.text = "Tháng 2/2024", .year = 2024, .kind = TL_MONTH, .s = "2024-02-01", .d = "2024-02-29"},
    {.text = "Tháng 2/2100", .year = 2100, .kind = TL_MONTH, .s = "2100-02-01", .d = "2100-02-28"},
    {.text = "Tháng 2/2000", .year = 2000, .kind = TL_MONTH, .s = "2000-02-01", .d = "2000-02-29"},
    {.text = "THÁNG 12/2022", .year = 2023, .kind = TL_MONTH, .s = "2022-12-01", .d = "2022-12-31"},
    {.text = "thang 12/2022", .year = 2023, .kind = TL_MONTH, .s = "2022-12-01", .d = "2022-12-31"},
    {.text = "Tháng 12 / 2022",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2022-12-01",
     .d = "2022-12-31"},
    {.text = "Tháng 12-2022", .year = 2023, .kind = TL_MONTH, .s = "2022-12-01", .d = "2022-12-31"},
    {.text = "Trong tháng 3/2023",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2023-03-01",
     .d = "2023-03-31"},
    {.text = "Cuối tháng 6/2023",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2023-06-01",
     .d = "2023-06-30"},
    {.text = "Tha\xCC\x81ng 12/2022",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2022-12-01",
     .d = "2022-12-31"}, /* NFD */
    {.text = "Tháng 13/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Tháng 0/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Tháng 3", .year = 0, .kind = TL_UNKNOWN},

    /* ---- quarters ---- */
    {.text = "Quý 1/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-01-01", .d = "2023-03-31"},
    {.text = "Quý IV/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-10-01", .d = "2023-12-31"},
    {.text = "quy IV", .year = 2023, .kind = TL_QUARTER, .s = "2023-10-01", .d = "2023-12-31"},
    {.text = "Quý II", .year = 2022, .kind = TL_QUARTER, .s = "2022-04-01", .d = "2022-06-30"},
    {.text = "Q.I/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-01-01", .d = "2023-03-31"},
    {.text = "QIV/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-10-01", .d = "2023-12-31"},
    {.text = "Q1/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-01-01", .d = "2023-03-31"},
    {.text = "Quý I năm 2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "QUÝ II/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-04-01", .d = "2023-06-30"},
    {.text = "Quy II/2023", .year = 2023, .kind = TL_QUARTER, .s = "2023-04-01", .d = "2023-06-30"},
    {.text = "Quý I / 2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "**Quý I/2023**",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "Quy\xCC\x81 III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-07-01",
     .d = "2023-09-30"}, /* NFD */
    {.text = "Quý II và Quý III năm 2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-04-01",
     .d = "2023-09-30"},
    {.text = "Quý I - Quý III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-09-30"},
    {.text = "Quý I, II/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-06-30"},
    {.text = "Quý II,III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-04-01",
     .d = "2023-09-30"},
    {.text = "Quý 2, 3/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-04-01",
     .d = "2023-09-30"},
    {.text = "Từ Quý I đến Quý III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-09-30"},
    {.text = "Trong quý I", .year = 2023, .kind = TL_QUARTER, .s = "2023-01-01", .d = "2023-03-31"},
    {.text = "Quý IV/2022 - Quý I/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2022-10-01",
     .d = "2023-03-31"},
    {.text = "Quý V/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Quý 5/2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Quý I/2023; Tháng 6/2023",
     .year = 2023,
     .kind = TL_UNKNOWN}, /* two deadlines: a person decides */

    /* ---- ranges ---- */
    {.text = "Từ tháng 3 đến tháng 6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "Từ tháng 11/2022 đến tháng 02/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2022-11-01",
     .d = "2023-02-28"},
    {.text = "Từ tháng 11 đến tháng 2/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2022-11-01",
     .d = "2023-02-28"},
    {.text = "Từ tháng 3 - 6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "Tu thang 02/2023 - 7/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-02-01",
     .d = "2023-07-31"},
    {.text = "Tháng 3 - 6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "Tháng 3, 4/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-04-30"},
    {.text = "giai đoạn 2023-2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"},
    {.text = "Giai đoạn 2023 - 2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"},
    {.text = "giai doan 2023-2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"},
    {.text = "Giai đoạn 2023 – 2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"}, /* en dash */
    {.text = "Từ năm 2023 đến năm 2025",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2025-12-31"},
    {.text = "6 tháng đầu năm",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-01-01",
     .d = "2023-06-30"},
    {.text = "6 tháng cuối năm",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-07-01",
     .d = "2023-12-31"},
    {.text = "6 tháng đầu năm 2024",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2024-01-01",
     .d = "2024-06-30"},
    {.text = "Sáu tháng cuối năm",
     .year = 2022,
     .kind = TL_RANGE,
     .s = "2022-07-01",
     .d = "2022-12-31"},
    {.text = "Từ 01/3/2023 đến 30/6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "Từ ngày 01/3/2023 đến ngày 30/6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "01/3/2023 - 30/6/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-06-30"},
    {.text = "Từ 15/11 đến 15/12",
     .year = 2022,
     .kind = TL_RANGE,
     .s = "2022-11-15",
     .d = "2022-12-15"},
    {.text = "Từ 30/6/2023 đến 01/3/2023", .year = 2023, .kind = TL_UNKNOWN}, /* backwards */
    {.text = "giai đoạn 2025-2023", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Tháng 3 hoặc tháng 4/2023",
     .year = 2023,
     .kind = TL_UNKNOWN}, /* either: not guessed */

    /* ---- years ---- */
    {.text = "Trong năm", .year = 2022, .kind = TL_YEAR, .s = "2022-01-01", .d = "2022-12-31"},
    {.text = "Năm 2023", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Cả năm", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "trong nam 2023", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Trong cả năm", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "TRONG NĂM 2024", .year = 2023, .kind = TL_YEAR, .s = "2024-01-01", .d = "2024-12-31"},
    {.text = "Trong năm.", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Năm 2500", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Trong năm", .year = 0, .kind = TL_UNKNOWN},
    {.text = "Trong năm 2023 hoặc 2024", .year = 2023, .kind = TL_UNKNOWN},

    /* ---- continuous ---- */
    {.text = "Thường xuyên, liên tục",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Thường xuyên - liên tục",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Thường xuyên; báo cáo hàng quý",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q},
    {.text = "Thường xuyên hàng năm",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Y},
    {.text = "THƯỜNG XUYÊN",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "thuong xuyen",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Thuong Xuyen",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "  Thường   xuyên.  ",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "**Thường xuyên**",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Thường\nxuyên",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Thu\xCC\x9bo\xCC\x9b\xCC\x80ng xuye\xCC\x82n",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"}, /* NFD */
    {.text = "Thường\xC2\xA0xuyên",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"}, /* NBSP */
    {.text = "Thường&nbsp;xuyên<br/>",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Liên tục", .year = 2023, .kind = TL_CONTINUOUS, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Thường xuyên",
     .year = 0,
     .kind = TL_CONTINUOUS}, /* no plan year: kind known, dates not */

    /* ---- recurring ---- */
    {.text = "Hàng quý",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q},
    {.text = "Định kỳ 6 tháng",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = H},
    {.text = "hằng năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Y},
    {.text = "Hàng năm",
     .year = 2022,
     .kind = TL_RECURRING,
     .s = "2022-01-01",
     .d = "2022-12-31",
     .rec = Y},
    {.text = "Báo cáo 6 tháng, năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = H | Y},
    {.text = "BC quý, BC 6 tháng, BC năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | H | Y},
    {.text = "Hàng quý, 6 tháng, năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | H | Y},
    {.text = "Định kỳ hàng quý",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q},
    {.text = "Báo cáo định kỳ hàng tháng",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = M},
    {.text = "Mỗi quý một lần",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q},
    {.text = "hang quy, nam",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | Y},
    {.text = "HÀNG THÁNG",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = M},
    {.text = "Báo cáo quý, năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q | Y},
    {.text = "Theo quý",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = Q},
    {.text = "Báo cáo Quý I/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "Báo cáo năm 2023",
     .year = 2023,
     .kind = TL_YEAR,
     .s = "2023-01-01",
     .d = "2023-12-31"},

    /* ---- events ---- */
    {.text = "trong vòng 05 ngày làm việc kể từ ngày nhận được hồ sơ",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 5,
     .work = 1,
     .after = "nhận được hồ sơ"},
    {.text = "Trong thời hạn 03 ngày làm việc, kể từ ngày nhận đủ hồ sơ",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 3,
     .work = 1,
     .after = "nhận đủ hồ sơ"},
    {.text = "Sau 15 ngày kể từ ngày ký",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 15,
     .after = "ký"},
    {.text = "Cham nhat 10 ngay ke tu ngay ban hanh Quyet dinh cong bo",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 10,
     .after = "ban hanh Quyet dinh cong bo"},
    {.text = "CHẬM NHẤT 10 NGÀY KỂ TỪ NGÀY BAN HÀNH QUYẾT ĐỊNH",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 10,
     .after = "BAN HÀNH QUYẾT ĐỊNH"},
    {.text = "Ngay sau khi có văn bản hướng dẫn của Bộ",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "văn bản hướng dẫn của Bộ"},
    {.text = "ngay sau khi van ban QPPL duoc ban hanh",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "van ban QPPL duoc ban hanh"},
    {.text = "Khi có văn bản chỉ đạo",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "văn bản chỉ đạo"},
    {.text = "**Ngay sau khi** Quyết định có hiệu lực",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .after = "Quyết định có hiệu lực"},
    {.text = "Sau 6 tháng", .year = 2023, .kind = TL_UNKNOWN}, /* months after what? */

    /* ---- on request ---- */
    {.text = "Khi có yêu cầu", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Đột xuất", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "đột xuất.", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "theo yeu cau", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "THEO YÊU CẦU", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Theo yêu cầu của UBND tỉnh", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Theo đề nghị của Sở Tư pháp", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Theo giấy mời", .year = 2023, .kind = TL_ON_REQUEST, .ref = "giấy mời"},

    /* ---- references ---- */
    {.text = "Theo quy định", .year = 2023, .kind = TL_REFERENCE, .ref = "quy định"},
    {.text = "Theo quy trình", .year = 2023, .kind = TL_REFERENCE, .ref = "quy trình"},
    {.text = "Theo tiến độ của Bộ Tư pháp",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "tiến độ của Bộ Tư pháp"},
    {.text = "Kế hoạch số 86/KH-UBND ngày 28/7/2021 của UBND tỉnh",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "Kế hoạch số 86/KH-UBND ngày 28/7/2021 của UBND tỉnh"},
    {.text = "theo ke hoach so 86/KH-UBND",
     .year = 2023,
     .kind = TL_REFERENCE,
     .ref = "ke hoach so 86/KH-UBND"},
    {.text = "Theo Kế hoạch số 12/KH-UBND, hoàn thành trước 30/6/2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-06-30",
     .ref = "Kế hoạch số 12/KH-UBND"},

    /* ---- level-specific deadlines ---- */
    {.text = "Tháng 01/2022 (cấp xã: tháng 02/2022)",
     .year = 2022,
     .kind = TL_MONTH,
     .s = "2022-01-01",
     .d = "2022-01-31",
     .lv = "commune=2022-02-28"},
    {.text = "Tháng 01/2022 (Cap xa: 02/2022)",
     .year = 2022,
     .kind = TL_MONTH,
     .s = "2022-01-01",
     .d = "2022-01-31",
     .lv = "commune=2022-02-28"},
    {.text = "Tháng 01/2022, cấp xã: 02/2022",
     .year = 2022,
     .kind = TL_MONTH,
     .s = "2022-01-01",
     .d = "2022-01-31",
     .lv = "commune=2022-02-28"},
    {.text = "Quý I/2023 (UBND cấp huyện: Quý II/2023)",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31",
     .lv = "district=2023-06-30"},
    {.text = "Trước 15/01/2023 (cấp xã trước 31/01/2023)",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-01-15",
     .lv = "commune=2023-01-31"},
    {.text = "Cấp tỉnh: Quý I/2023; cấp huyện: Quý II/2023; cấp xã: Quý III/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31",
     .lv = "province=2023-03-31 district=2023-06-30 commune=2023-09-30"},
    {.text = "Quý I/2023 đối với cấp tỉnh; Quý II/2023 đối với cấp huyện",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31",
     .lv = "province=2023-03-31 district=2023-06-30"},
    {.text = "Các sở, ngành: trước 15/3/2023; cấp huyện: trước 31/3/2023",
     .year = 2023,
     .kind = TL_DATE,
     .s = NULL,
     .d = "2023-03-15",
     .lv = "department=2023-03-15 district=2023-03-31"},
    {.text = "Thường xuyên (cấp xã: Quý I/2023)",
     .year = 2023,
     .kind = TL_CONTINUOUS,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .lv = "commune=2023-03-31"},
    {.text = "Tháng 01/2022 (Cấp xã: 13/2022)", .year = 2022, .kind = TL_UNKNOWN},

    /* ---- leftovers and the unclear ---- */
    {.text = "Dự kiến Quý II/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-04-01",
     .d = "2023-06-30",
     .note = "Dự kiến"},
    {.text = "Quý I/2023 \xFF",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-03-31"},
    {.text = "", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "   ", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "\n\t", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "-", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "abc xyz", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Tùy tình hình", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Theo", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "<p></p>", .year = 2023, .kind = TL_UNKNOWN},
    {.text = "Trước Tết", .year = 2023, .kind = TL_UNKNOWN},

    /* ---- more phrasings seen in other plans ---- */
    {.text = "2023", .year = 2022, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Năm 2023-2024", .year = 2023, .kind = TL_RANGE, .s = "2023-01-01", .d = "2024-12-31"},
    {.text = "Cuối năm 2023", .year = 2023, .kind = TL_YEAR, .s = "2023-01-01", .d = "2023-12-31"},
    {.text = "Đến hết năm 2023",
     .year = 2023,
     .kind = TL_YEAR,
     .s = "2023-01-01",
     .d = "2023-12-31"},
    {.text = "Trước ngày 31 tháng 12 năm 2023", .year = 2023, .kind = TL_DATE, .d = "2023-12-31"},
    {.text = "Tháng 3 - tháng 5 năm 2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-03-01",
     .d = "2023-05-31"},
    /* a list of months or quarters runs from the first to the last */
    {.text = "Tháng 6 và tháng 12/2023",
     .year = 2023,
     .kind = TL_RANGE,
     .s = "2023-06-01",
     .d = "2023-12-31"},
    {.text = "Quý I, Quý II/2023",
     .year = 2023,
     .kind = TL_QUARTER,
     .s = "2023-01-01",
     .d = "2023-06-30"},
    {.text = "Trước ngày 20 hàng tháng",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = M,
     .note = "Trước ngày 20"},
    {.text = "Ngày 25 hằng tháng",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = M,
     .note = "Ngày 25"},
    {.text = "Trước ngày 15/12 hằng năm",
     .year = 2023,
     .kind = TL_DATE,
     .d = "2023-12-15",
     .note = "hằng năm"},
    {.text = "Định kỳ 6 tháng và hằng năm",
     .year = 2023,
     .kind = TL_RECURRING,
     .s = "2023-01-01",
     .d = "2023-12-31",
     .rec = H | Y},
    {.text = "Tháng 3/2023 và duy trì thường xuyên",
     .year = 2023,
     .kind = TL_MONTH,
     .s = "2023-03-01",
     .d = "2023-03-31",
     .note = "duy trì thường xuyên"},
    {.text = "Theo chỉ đạo của UBND tỉnh", .year = 2023, .kind = TL_ON_REQUEST},
    {.text = "Khi có thay đổi", .year = 2023, .kind = TL_EVENT, .ev = 1, .after = "thay đổi"},
    {.text = "Trong vòng 5 ngày kể từ khi có yêu cầu",
     .year = 2023,
     .kind = TL_EVENT,
     .ev = 1,
     .off = 5,
     .after = "yêu cầu"},
    {.text = "trong vòng 10 ngày", .year = 2023, .kind = TL_UNKNOWN}, /* from what? */
    {.text = "Trước 30/6/2023 và 31/12/2023", .year = 2023, .kind = TL_UNKNOWN},
};

static void fmt_date(struct tl_date d, char *buf, size_t n) {
    if (d.y == 0)
        snprintf(buf, n, "null");
    else
        snprintf(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static void fmt_levels(const struct timeline *t, char *buf, size_t n) {
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < t->nlevels && len < n; i++) {
        char d[16];
        fmt_date(t->levels[i].due, d, sizeof d);
        len += (size_t)snprintf(buf + len, n - len, "%s%s=%s", i ? " " : "", t->levels[i].level, d);
    }
}

static int same(const char *want, const char *got) {
    return strcmp(want ? want : "", got) == 0;
}

/* Compares one field; prints a line naming the case when it differs. */
static int check(const struct tcase *tc, const char *field, const char *want, const char *got) {
    if (same(want, got)) return 0;
    print_message("  \"%s\" (%d): %s want [%s] got [%s]\n", tc->text, tc->year, field,
                  want ? want : "", got);
    return 1;
}

static int check_case(const struct tcase *tc) {
    struct timeline t;
    char got[600], want[64];
    int bad = 0;

    assert_int_equal(timeline_parse(tc->text, tc->year, &t), 0);
    bad += check(tc, "kind", timeline_kind_name(tc->kind), timeline_kind_name(t.kind));
    fmt_date(t.start, got, sizeof got);
    bad += check(tc, "start", tc->s ? tc->s : "null", got);
    fmt_date(t.due, got, sizeof got);
    bad += check(tc, "due", tc->d ? tc->d : "null", got);
    snprintf(want, sizeof want, "%u", tc->rec);
    snprintf(got, sizeof got, "%u", t.recurrence);
    bad += check(tc, "recurrence", want, got);
    fmt_levels(&t, got, sizeof got);
    bad += check(tc, "levels", tc->lv, got);
    snprintf(want, sizeof want, "%d/%d/%d", tc->ev, tc->off, tc->work);
    snprintf(got, sizeof got, "%d/%d/%d", t.has_offset, t.offset_days, t.offset_working);
    bad += check(tc, "offset", want, got);
    bad += check(tc, "offset_after", tc->after, t.offset_after);
    bad += check(tc, "reference", tc->ref, t.reference);
    bad += check(tc, "note", tc->note, t.note);
    return bad != 0;
}

static void test_cases(void **state) {
    int failed = 0;
    size_t n = sizeof cases / sizeof *cases;

    (void)state;
    for (size_t i = 0; i < n; i++) failed += check_case(&cases[i]);
    print_message("  %zu timeline cases, %d failed\n", n, failed);
    assert_int_equal(failed, 0);
}

static void test_kind_names(void **state) {
    (void)state;
    assert_string_equal(timeline_kind_name(TL_UNKNOWN), "unknown");
    assert_string_equal(timeline_kind_name(TL_DATE), "date");
    assert_string_equal(timeline_kind_name(TL_MONTH), "month");
    assert_string_equal(timeline_kind_name(TL_QUARTER), "quarter");
    assert_string_equal(timeline_kind_name(TL_RANGE), "range");
    assert_string_equal(timeline_kind_name(TL_YEAR), "year");
    assert_string_equal(timeline_kind_name(TL_CONTINUOUS), "continuous");
    assert_string_equal(timeline_kind_name(TL_RECURRING), "recurring");
    assert_string_equal(timeline_kind_name(TL_EVENT), "event");
    assert_string_equal(timeline_kind_name(TL_ON_REQUEST), "on_request");
    assert_string_equal(timeline_kind_name(TL_REFERENCE), "reference");
    assert_string_equal(timeline_kind_name((enum tl_kind)99), "unknown");
    assert_string_equal(timeline_recur_name(TL_REC_MONTHLY), "monthly");
    assert_string_equal(timeline_recur_name(TL_REC_QUARTERLY), "quarterly");
    assert_string_equal(timeline_recur_name(TL_REC_HALF_YEARLY), "half_yearly");
    assert_string_equal(timeline_recur_name(TL_REC_YEARLY), "yearly");
    assert_null(timeline_recur_name(3));
}

static void test_null_and_reset(void **state) {
    struct timeline t;

    (void)state;
    assert_int_equal(timeline_parse(NULL, 2023, &t), 0);
    assert_int_equal(t.kind, TL_UNKNOWN);
    assert_int_equal(timeline_parse("Quý I/2023", 2023, NULL), 0);
    /* a second parse into the same struct leaves nothing of the first */
    timeline_parse("Tháng 01/2022 (Cấp xã: 02/2022); ghi chú", 2022, &t);
    assert_int_equal(t.nlevels, 1);
    assert_string_equal(t.note, "ghi chú");
    timeline_parse("Theo yêu cầu", 2022, &t);
    assert_int_equal(t.kind, TL_ON_REQUEST);
    assert_int_equal(t.nlevels, 0);
    assert_int_equal(t.due.y, 0);
    assert_string_equal(t.note, "");
}

static int valid_utf8(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        if (!n) return 0;
        for (int i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80) return 0;
        p += n;
    }
    return 1;
}

static void test_long_inputs(void **state) {
    static char text[TL_INPUT_MAX + 64];
    struct timeline t;
    size_t len;

    (void)state;
    /* a reference longer than the field: cut at a character boundary */
    strcpy(text, "Theo Kế hoạch");
    while ((len = strlen(text)) < TL_INPUT_MAX - 16) memcpy(text + len, " của Ủy ban", 14);
    assert_true(strlen(text) <= TL_INPUT_MAX);
    timeline_parse(text, 2023, &t);
    assert_int_equal(t.kind, TL_REFERENCE);
    assert_true(strlen(t.reference) >= TL_TEXT_MAX - 4 && strlen(t.reference) < TL_TEXT_MAX);
    assert_true(valid_utf8(t.reference));
    /* over the input limit: unknown */
    memset(text, ' ', TL_INPUT_MAX + 10);
    memcpy(text, "Quý I/2023", strlen("Quý I/2023"));
    text[TL_INPUT_MAX + 10] = '\0';
    timeline_parse(text, 2023, &t);
    assert_int_equal(t.kind, TL_UNKNOWN);
    /* exactly at the limit: parsed */
    text[TL_INPUT_MAX] = '\0';
    timeline_parse(text, 2023, &t);
    assert_int_equal(t.kind, TL_QUARTER);
}

static void test_invalid_utf8_output(void **state) {
    struct timeline t;

    (void)state;
    timeline_parse("Theo Kế hoạch \xC3\x28 số \xE1\xBA", 2023, &t);
    assert_int_equal(t.kind, TL_REFERENCE);
    assert_true(valid_utf8(t.reference));
    timeline_parse("Ngay sau khi \xF0\x9F\x98\x80 ban hành", 2023, &t);
    assert_int_equal(t.kind, TL_EVENT);
    assert_string_equal(t.offset_after, "\xF0\x9F\x98\x80 ban hành");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_null_and_reset),
        cmocka_unit_test(test_long_inputs),
        cmocka_unit_test(test_invalid_utf8_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
