/* plantext: parse a plan pasted from its document (tab text, one cell per line, HTML, prose). */
#ifndef KSTT_CORE_PLANTEXT_H
#define KSTT_CORE_PLANTEXT_H

#include <stddef.h>

/*
 * Every string is malloc'd UTF-8 owned by the plan. A task's title and a section's title are
 * never NULL (possibly ""); number, output, lead, coop and timeline are NULL when the document
 * leaves them empty. Cell text keeps a line break only where it separates list items or
 * paragraphs; lead/coop are the raw cell text (split them with unitmatch_split).
 */
struct pt_task {
    char *number; /* "1", "1.1", "a", NULL for "-" items and unnumbered rows */
    char *title;
    char *output;
    char *lead;
    char *coop;
    char *timeline;
    struct pt_task *children;
    size_t nchildren;
    unsigned doubts; /* PT_D_* bits: how the reader guessed, for the preview's confidence */
};

/* What the reader was unsure of about a task (a person should look at it). */
enum {
    PT_D_JOINED = 1u,    /* a row split over a page break was joined into this task */
    PT_D_SUBROW = 2u,    /* an unnumbered row under a task became this sub-item (merged cells) */
    PT_D_NO_NUMBER = 4u, /* a table row without STT */
    PT_D_NO_TITLE = 8u,  /* a numbered row without task text */
    PT_D_INHERITED = 16u /* prose: lead/time come from the heading or section, not the item */
};

struct pt_section {
    char *number; /* "I", "II", "A", NULL for tasks before any section heading */
    char *title;
    struct pt_task *tasks;
    size_t ntasks;
    char *group_number; /* two-level headings: "A" over "I", "II" ...; NULL when none */
    char *group_title;  /* NULL when no group */
};

struct pt_warning {
    char *where;   /* "Mục II, nhiệm vụ 3", "" when about the whole document */
    char *message; /* Vietnamese, for the person reviewing the preview */
};

struct pt_plan {
    char *title; /* "KẾ HOẠCH ..." heading before the table, NULL when absent */
    struct pt_section *sections;
    size_t nsections;
    struct pt_warning *warnings;
    size_t nwarnings;
};

/* What the parsers return besides 0 (at least one task found). */
enum { PT_NONE = -1, PT_NOMEM = -2 };

/*
 * Parse a plain-text paste: tab-separated rows (Word/Excel clipboard, Excel-style quoted cells),
 * one cell per line with a leading tab (rows separated by blank lines), or numbered prose
 * sections with "Cơ quan chủ trì: ..." lines. Cells may still hold <b>, <p>, <li> and **.
 * Returns 0 when at least one task was found, PT_NONE (-1) otherwise (out then holds a warning
 * saying why), PT_NOMEM (-2) when memory ran out (out is then empty: answer 503, never abort).
 * out is always initialised and must be released with plantext_free. Pure, thread-safe.
 */
int plantext_parse_text(const char *text, size_t len, struct pt_plan *out);

/* Same for HTML from the clipboard or a .docx converted by mammoth (<table>, or <p>/<h1..h6>). */
int plantext_parse_html(const char *html, size_t len, struct pt_plan *out);

/* Releases everything the plan holds and zeroes it; NULL and zeroed plans are fine. */
void plantext_free(struct pt_plan *plan);

#endif
