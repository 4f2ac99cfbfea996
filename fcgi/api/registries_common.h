/* What the registries' files share: scope, uploads, the .xlsx table, focal-officer upkeep and the
 * counts for the periodic report. */
#ifndef KSTT_API_REGISTRIES_COMMON_H
#define KSTT_API_REGISTRIES_COMMON_H
#include <jansson.h>

#include "api/feedback_common.h"
#include "server/http.h"
#include "store/db.h"

/* Units (column col) the principal sees: binds scope_province_wide, unit_id ("ii"). */
#define REG_SCOPE(col)                                                                             \
    " AND (? = 1 OR EXISTS (SELECT 1 FROM unit_closure sc WHERE sc.ancestor_id = ? AND "           \
    "sc.descendant_id = " col "))"
/* Units (column col) in the subtree of a filter unit, or all when it is 0: binds "ii". */
#define REG_UNDER(col)                                                                             \
    " AND (? = 0 OR EXISTS (SELECT 1 FROM unit_closure su WHERE su.ancestor_id = ? AND "           \
    "su.descendant_id = " col "))"
/* An appointment (alias fa) in force today: started and not yet ended. */
#define FOCAL_CURRENT                                                                              \
    " fa.start_date <= CURDATE() AND (fa.end_date IS NULL OR fa.end_date > CURDATE())"

/* The principal's scope as the two REG_SCOPE parameters. */
long long reg_wide(const req_t *r);

/* The file parts named field of a multipart body, checked by size and content: their count (at
 * least one), or -1 after answering (400/422). what names the files in the messages. */
int reg_read_files(req_t *r, const char *field, struct fb_file *files, int max, const char *what);
/* Rolls back and removes the stored bytes of files no row refers to. */
void reg_discard(db_t *db, struct fb_file *files, int n);

/* One column of an exported table: its heading, the key in each row, its width, and whether the
 * value is a number (money: exact integers shown with thousands separators). */
struct reg_col {
    const char *head, *key;
    double width;
    int number;
};
/* Answers the rows as an .xlsx whose first row is the title (what, which unit, which period,
 * when made) and whose third row holds the headings. Takes rows. */
int reg_xlsx(req_t *r, const char *sheet, const char *title, const struct reg_col *cols, int ncols,
             json_t *rows, const char *filename);
/* Turns the 0/1 integers SQL gives for the boolean expressions named in keys (NULL-ended) into
 * JSON booleans, in one object or in each object of an array. Returns v. */
json_t *reg_bools(json_t *v, const char *const *keys);
/* "<unit name>" of unit_id, or "toàn tỉnh" for 0, into out. */
void reg_unit_name(db_t *db, long long unit_id, char *out, size_t cap);

/* Ends user_id's appointments in force (in the caller's transaction, audited as focal.end) that
 * are not in keep_unit_id (0: every one), because the account was disabled or moved; then keeps
 * users.focal_officer in step. 0, or -1 on a database error. */
int focal_end_for_user(db_t *db, req_t *r, long long user_id, long long keep_unit_id,
                       const char *reason);
/* Sets users.focal_officer (read by the reminders) from whether user_id holds an appointment in
 * force. */
int focal_sync_user(db_t *db, long long user_id);

/* The registries' figures for the periodic report of unit_id (its subtree when subtree) and the
 * window [from, to] (YYYY-MM-DD): {"focal_officers" in force today, "vacant_units" (units of the
 * four levels without one), "courses" organised and "trainees" attending in the window,
 * "budget_allocation", "budget_spending" (VND, lines not voided, of the window's years)}. NULL
 * on a database error. */
json_t *registries_counts(db_t *db, long long unit_id, int subtree, const char *from,
                          const char *to);

#endif
