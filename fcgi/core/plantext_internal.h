/* plantext internals: what the cell reader, the builder and the three front-ends share. Not for
 * other modules: they use core/plantext.h. */
#ifndef KSTT_CORE_PLANTEXT_INTERNAL_H
#define KSTT_CORE_PLANTEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/plantext.h"
#include "lib/buf.h"

#define MAXCOL     64  /* columns kept per row; real plans have 5-8 */
#define MAXDEPTH   4   /* 1 / 1.1 / a / - : deeper items are attached one level up */
#define MAXWARN    300 /* a 2 MB garbage paste must not produce a megabyte of warnings */
#define HDRCELLMAX 80  /* header cells are short; longer text is data */

/* ---- the text of one cell (core/plantext_cell.c) ------------------------------------------ */

/*
 * Folds s[0..n) into out (cap bytes, NUL-terminated, cut when short): letters to lower-case
 * ASCII, digits kept, everything else one space, no leading/trailing space.
 * "Đơn vị chủ trì:" -> "don vi chu tri". Never allocates.
 */
void pt_fold_key(const char *s, size_t n, char *out, size_t cap);
/* True when phrase occurs in the folded key as whole words / starts it as whole words. */
int pt_has_words(const char *key, const char *phrase);
int pt_starts_words(const char *key, const char *phrase);
/* The first letter or digit of s is lower-case. */
int pt_starts_lower(const char *s);
/* Text that ends a sentence or a list item: what follows it starts a new line. */
int pt_ends_term(const char *s);
/* Share of upper-case letters among the letters of s, in percent (100 when no letters). */
int pt_upper_share(const char *s);
size_t pt_count_words(const char *s);
/* A line that starts a list item: "- x", "+ x", "• x", "1. x", "a) x". */
int pt_starts_list(const char *s);
/* Only white space in s[0..n). */
int pt_blank(const char *s, size_t n);

/* At s[i] == '&': decodes one entity into *cp and returns its length, 0 if not an entity. */
size_t pt_entity_at(const char *s, size_t n, size_t i, uint32_t *cp);
/* Appends cp, turning the many Unicode spaces into ' ' and dropping invisible ones. */
void pt_put_text_cp(struct buf *b, uint32_t cp);
int pt_is_block_tag(const char *t);
/* At s[i] == '<': the length of the tag starting there and its lower-case name, 0 if none. */
size_t pt_tag_at(const char *s, size_t n, size_t i, char name[16], int *closing);

/*
 * Clean text of one cell or line: tags (when tags is set) become line breaks or nothing,
 * entities are decoded, "**" dropped, spaces normalised, lines trimmed and soft wraps joined.
 * malloc'd; NULL when memory ran out.
 */
char *pt_clean_cell(const char *s, size_t n, int tags);
/* Same, for a prose line: markdown heading marks dropped, a single line. NULL when out of memory.
 */
char *pt_prose_clean(const char *s, size_t n);

/* Item labels: "I", "II.", "1", "1.2", "a)", "-". */
enum lkind { L_NONE, L_ROMAN, L_ULETTER, L_NUM, L_LETTER, L_BULLET };

struct label {
    enum lkind kind;
    char num[24]; /* normalised: "II", "1.2", "a", "-" or "+" */
    int depth;    /* components - 1 for numbers */
    size_t rest;  /* offset of the text after the label */
};

/* Length of a bullet mark at s (with what follows it being space/end/letter), 0 if none. */
int pt_bullet_len(const char *s);
/* Roman or single upper-case letter section marks ("II.", "IX Kiện toàn", "A."). */
int pt_parse_upper_label(const char *s, struct label *lb, int loose);
/*
 * Reads the item label at the start of s. loose: s is an STT cell, where "I", "1" and "a"
 * stand alone; otherwise (prose, title cell) a Roman numeral needs "." or ")".
 */
int pt_parse_label(const char *s, struct label *lb, int loose);

/* Header rows. */
enum role { R_NONE, R_STT, R_TITLE, R_OUTPUT, R_LEAD, R_COOP, R_TIME, R_ASSIGN, R_NOTE };

/* A header row: a task column plus two other known columns, every cell short and known. */
int pt_is_header(char **c, size_t n, enum role *roles);
/* The second header row under "Phân công thực hiện": only Chủ trì / Phối hợp (and alike). */
int pt_is_subheader(char **c, size_t n, enum role *roles);
/* "(1) (2) (3) ..." or "1 2 3 4 5 6" right under a header: column numbers, not a task. */
int pt_is_colnum_row(char **c, size_t n);

/* ---- the plan being built (core/plantext_build.c) ----------------------------------------- */

/* Flat arrays, linked into a tree at the end. */
enum { F_TITLE, F_OUTPUT, F_LEAD, F_COOP, F_TIME, NF };
enum tkind { K_ROW, K_HEAD, K_ITEM, K_PLAIN, K_SUBROW };

struct btask {
    char *number;
    struct buf f[NF];
    int sec, parent, first, last, next, nchild, kind, dead;
    unsigned doubts; /* PT_D_* */
    char mark;       /* '-' or '+' for list items */
};

struct bsec {
    char *number;
    struct buf title;
    struct buf def[NF]; /* prose: attributes given before any task of the section */
    int first, last, dead;
    int soft; /* a "Phụ lục" heading of a mixed document: dropped when no task came under it */
};

/*
 * Out of memory is sticky, like struct buf's: the first failed allocation sets oom, the front-end
 * stops at the next row or line, and pt_finish throws everything away and returns PT_NOMEM.
 */
struct ctx {
    struct bsec *sec;
    size_t nsec, capsec;
    struct btask *t;
    size_t nt, capt;
    struct pt_warning *w;
    size_t nw, capw, wdropped;
    char *title;
    int cur;             /* current section, -1 before the first */
    int last;            /* last task written in the current section, -1 none */
    int stack[MAXDEPTH]; /* open tasks: [0] top level, [1] its last child, ... */
    int depth;
    int oom;
};

/* State of a table being read row by row. */
struct tab {
    enum role map[MAXCOL];
    size_t ncol;
    int have;         /* a header was seen */
    int after_header; /* the previous row was a header (a sub-header may follow) */
    int brk;          /* a page break (repeated header, blank lines) since the last data row */
    int keep_brk;     /* the row just read was a heading repeated at the top of the page */
};

void pt_ctx_init(struct ctx *c);
/* Starts a section; its index, or -1 when out of memory. */
int pt_new_section(struct ctx *c, const char *number, const char *title);
/* Appends a task to its parent's (-1: the current section's) list; its index, or -1 when out of
 * memory. */
int pt_new_task(struct ctx *c, int parent, const char *number, int kind);
/* Creates a task for a label (number/letter/bullet) under the right open parent; -1 when out of
 * memory. */
int pt_attach(struct ctx *c, const struct label *lb, int kind);
/* Adds a warning for a task (-1: whole document, -2: current section). */
void pt_warn(struct ctx *c, int task, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Appends a continuation to a field; units: a lead/coop column. */
void pt_field_join(struct buf *f, const char *add, int units);
int pt_unit_field(int f);
/*
 * Feeds one row of cells (raw text, tags allowed when tags is set). Header rows set the
 * column map, repeated headers mark a page break, rows before the first header are ignored.
 */
void pt_table_row(struct ctx *c, struct tab *tb, char **raw, size_t n, int brk, int tags);
/* Cleans raw cells and tells whether they make a header row. */
int pt_cells_header(struct ctx *c, char **raw, size_t n, int tags);
/* The "KẾ HOẠCH" heading among lines and what goes on with it; NULL when absent. */
char *pt_find_title(struct ctx *c, char **lines, size_t n);
/* Hands the plan over to out and releases c: 0, PT_NONE (no task, a warning says why) or
 * PT_NOMEM (out empty). */
int pt_finish(struct ctx *c, struct pt_plan *out);
void pt_free_lines(char **lines, size_t n);

/* ---- front-ends ------------------------------------------------------------------------- */

/* Prose layout: "I. ...", "1. ...", "- task", "Cơ quan chủ trì: ..." (core/plantext_prose.c). */
void pt_parse_prose(struct ctx *c, char **lines, size_t n);
/*
 * Mixed documents: numbered prose with attribute lines before the appendix table. Reads the
 * lines before the table's header as prose (what has no attribute is dropped as usual) and
 * opens a section for the appendix ("Phụ lục ...") when the prose gave tasks.
 */
void pt_prose_before_table(struct ctx *c, char **lines, size_t n);
/* Index of the first prose section heading ("I. ...", "A. ..."): the title comes before it. */
size_t pt_first_heading(struct ctx *c, char **lines, size_t n);

#endif
