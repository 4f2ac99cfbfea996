/* Declared input: a JSON body or query is checked against a field table before a handler uses it.
 */
#ifndef KSTT_INPUT_H
#define KSTT_INPUT_H
#include <jansson.h>

#include "server/http.h"

enum in_type {
    IN_STR,  /* const char **, length in characters within [min, max] */
    IN_INT,  /* long long *, value within [min, max] */
    IN_ID,   /* long long *, a positive id */
    IN_BOOL, /* int * */
    IN_DATE, /* const char ** "YYYY-MM-DD", a real date */
    IN_ENUM, /* const char **, one of choices */
    IN_NUM,  /* double * within [min, max] */
    IN_JSON, /* json_t ** (borrowed): any object or array */
};

struct in_field {
    const char *name;
    enum in_type type;
    int required;
    int nullable; /* JSON null is accepted (out gets NULL / 0) */
    long long min, max;
    const char *const *choices;
    void *out;
    int *present; /* optional: set to 1 when the key was given */
};

/* Checks obj against fields (unknown keys are errors). Adds Vietnamese per-field errors to r.
 * Returns 0 when valid; otherwise answers 422 and returns -1. */
int input_check(req_t *r, json_t *obj, const struct in_field *fields, size_t n);
/* The same for query parameters (all values are strings in the query). Unknown keys are
 * ignored, since caches and tools add their own. */
int input_query(req_t *r, const struct in_field *fields, size_t n);
/* Length of a UTF-8 string in characters. */
size_t utf8_chars(const char *s);
/* 1 when s is a valid calendar date "YYYY-MM-DD". */
int input_is_date(const char *s);

#endif
