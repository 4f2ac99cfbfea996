/* What the review module's files share (issue 17, part 1): forms made at publishing, the scope of
 * forms and proposals, the counts the periodic report will read, and the lists' .xlsx export. */
#ifndef KSTT_API_REVIEW_COMMON_H
#define KSTT_API_REVIEW_COMMON_H
#include <jansson.h>

#include "server/http.h"
#include "store/db.h"

/* The rows (alias x, with x.unit_id) a principal sees: every one province-wide, else those of
 * its subtree. Binds scope_province_wide, unit_id ("ii"). */
#define REVIEW_SCOPE                                                                               \
    "(? = 1 OR x.unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ?))"

/* On publishing a plan (in its transaction): for a review plan, the fields its tasks name become
 * their procedures in force, and one draft form is made per (lead unit, procedure) of each task.
 * Other kinds: nothing. 0, or -1 on a database error. */
int review_plan_published(db_t *db, long long plan_id);
/* The draft forms of one task of a published review plan (those missing): 0 or -1. */
int review_task_forms(db_t *db, long long task_id);

/* Counts of the review of unit_id (its subtree when subtree) over [from, to]
 * (YYYY-MM-DD), for the periodic report: forms accepted, distinct procedures reviewed (an
 * accepted form), proposals made (accepted forms that change the procedure), proposals adopted
 * by a decision dated in the window and their distinct procedures (simplified), and proposals
 * implemented (document dated in the window). 0, or -1 on a database error. */
struct review_counts {
    long long forms_accepted, procedures_reviewed, proposals, proposals_decided,
        procedures_simplified, proposals_implemented;
};
int review_counts(db_t *db, long long unit_id, int subtree, const char *from, const char *to,
                  struct review_counts *out);

/* 1 when p sees form id (its unit is in p's scope), 0 missing or not, -1 on a database error. */
int review_form_visible(db_t *db, const struct principal *p, long long id);

#endif
