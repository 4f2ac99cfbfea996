/* The review form (biểu mẫu rà soát, đánh giá TTHC): its fixed components and the checks of a
 * draft and of a form ready to submit. Pure. */
#ifndef KSTT_CORE_REVIEW_FORM_H
#define KSTT_CORE_REVIEW_FORM_H

#include <jansson.h>
#include <stddef.h>

/* The components a procedure is reviewed by, in the form's order (JSON keys and labels). */
#define RV_NCOMPONENTS 11
extern const char *const rv_component_keys[];   /* NULL-terminated */
extern const char *const rv_component_labels[]; /* Vietnamese, same order */
/* keep, amend, replace, abolish, simplify (NULL-terminated). */
extern const char *const rv_proposals[];
/* A reason or a change text: at most this many characters. */
#define RV_TEXT_MAX 4000

struct rv_error {
    char field[48];
    const char *message;
};
#define RV_ERRORS_MAX 64 /* every error of a form: 11 components x 5, and the form's own */

/* The index of key in rv_component_keys, or -1. */
int rv_component_index(const char *key);
/* Checks components ([{component, necessary, reasonable, lawful, reason, proposal, change}]) and
 * the form's own proposal and change text. A draft may leave anything open; complete (submit)
 * needs every component answered, a reason where one of the three answers is no, a change text
 * where a proposal is not keep, and a form proposal that is not keep when a component's is not.
 * Errors go to errs (field paths such as "components[3].change"): their count. */
size_t rv_check(json_t *components, const char *proposal, const char *change, int complete,
                struct rv_error *errs, size_t cap);
/* The components in the form's order, each component present (missing answers null): a new
 * array (NULL when memory ran out). components must have passed rv_check. */
json_t *rv_normalise(json_t *components);

#endif
