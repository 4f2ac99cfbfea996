/* timeline: parse the Vietnamese "Thời gian thực hiện" prose of a plan task into a structure. */
#ifndef KSTT_CORE_TIMELINE_H
#define KSTT_CORE_TIMELINE_H

enum tl_kind {
    TL_UNKNOWN,
    TL_DATE,
    TL_MONTH,
    TL_QUARTER,
    TL_RANGE,
    TL_YEAR,
    TL_CONTINUOUS,
    TL_RECURRING,
    TL_EVENT,
    TL_ON_REQUEST,
    TL_REFERENCE
};

/* Bitmask; 0 means no recurrence (also: "định kỳ" without a period). */
enum tl_recur {
    TL_REC_MONTHLY = 1,
    TL_REC_QUARTERLY = 2,
    TL_REC_HALF_YEARLY = 4,
    TL_REC_YEARLY = 8
};

#define TL_TEXT_MAX  512  /* size of the string fields, NUL included */
#define TL_INPUT_MAX 2048 /* longer inputs parse as TL_UNKNOWN */

struct tl_date {
    int y, m, d; /* y == 0 means null */
};

struct tl_level_due {
    char level[16]; /* "province", "department", "district", "commune" */
    struct tl_date due;
};

struct timeline {
    enum tl_kind kind;
    struct tl_date start, due;
    unsigned recurrence; /* bitmask of tl_recur, 0 = null */
    struct tl_level_due levels[4];
    int nlevels;
    int has_offset;                 /* TL_EVENT: due = event date + offset */
    int offset_days;                /* 0 for "ngay sau khi ..." */
    int offset_working;             /* 1 when counted in working days */
    char offset_after[TL_TEXT_MAX]; /* the event, as written in the input */
    char reference[TL_TEXT_MAX];    /* document cited (TL_REFERENCE, may be set for others) */
    char note[TL_TEXT_MAX];         /* leftovers worth keeping, "; "-joined, "" if none */
};

/*
 * What each kind sets (year = the plan year, dates inclusive):
 *   date        due; start null ("Trước 15/01/2023", "Trước tháng 6/2023" -> 2023-05-31)
 *   month       first and last day of the month
 *   quarter     first day of the first quarter named, last day of the last one
 *   range       start and due (a list of months "tháng 3, 4/2023" is a range too)
 *   year        Jan 1 and Dec 31
 *   continuous  Jan 1 and Dec 31 of the plan year, recurrence when a period is named too
 *   recurring   Jan 1 and Dec 31 of the plan year, recurrence (0 for a bare "định kỳ")
 *   event       has_offset, offset_days, offset_working, offset_after; no dates
 *   on_request  nothing (reference for "Theo thư mời ...")
 *   reference   reference
 * Forms read besides the plain ones: "Quý II-2024", "quý 3 năm 2024", "Quí II/2024", lists of
 * quarters ("Quý I, II/2024", "quý I và quý II năm 2024": the span first to last); "Thường
 * xuyên trong năm 2024" is continuous over that year; dates and months without a year take the
 * plan year; month and date ranges may cross a year ("Từ tháng 11/2023 đến tháng 2/2024");
 * "đầu/giữa/cuối quý II" is the first/middle/last month of the quarter (month); "đầu năm" is
 * the first quarter; "N tháng đầu/cuối năm" the first/last N months (range); months, days and
 * offsets may be written in words ("tháng Sáu năm 2024", "mười ngày kể từ ..."; "sáu", "năm"
 * and "tư" as a month only with a year after them). "Giữa năm" is unknown with a note.
 * levels[] holds level-specific deadlines ("(Cấp xã: 02/2022)"); when every deadline is
 * level-specific, the first one also gives the main kind and dates. continuous and recurring
 * keep their kind but have no dates when year is not a plausible year (1900..2199).
 * Uses about 40 KB of stack.
 *
 * Parses text (UTF-8, NFC or NFD, with or without diacritics; HTML tags and markdown emphasis
 * are ignored) with year as the plan year used when the text names none. Always returns 0 and
 * fills *out completely; out->kind is TL_UNKNOWN (and no dates are set) when the text is empty,
 * invalid (31/02, month 13), contradictory or not understood. Pure, thread-safe, no allocation.
 * Strings in *out are valid UTF-8 and cut at a character boundary when too long.
 */
int timeline_parse(const char *text, int year, struct timeline *out);

/* "date", "month", ..., "unknown" for any value out of range. */
const char *timeline_kind_name(enum tl_kind k);

/* Name of one tl_recur bit ("monthly", "quarterly", "half_yearly", "yearly"), NULL otherwise. */
const char *timeline_recur_name(unsigned bit);

#endif
