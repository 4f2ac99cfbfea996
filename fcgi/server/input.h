/* Declared input: a JSON body or query is checked against a field table before a handler uses it.
 */
#ifndef KSTT_INPUT_H
#define KSTT_INPUT_H
#include <jansson.h>
#include <stddef.h>

#include "core/period.h"

#include "server/http.h"

/* What each type writes: through an in_field's out pointer (old style) / into a declared
 * route's input struct (struct in_decl, the route table's way). */
enum in_type {
    IN_STR,  /* const char * (borrowed from the request), length in characters within [min, max] */
    IN_INT,  /* long long, value within [min, max] */
    IN_ID,   /* long long, a positive id */
    IN_BOOL, /* int */
    IN_DATE, /* const char * "YYYY-MM-DD" / struct ymd; a real date */
    IN_ENUM, /* const char *, one of choices / int (a C enum): the index in choices, -1 absent */
    IN_NUM,  /* double within [min, max] */
    IN_JSON, /* json_t * (borrowed): any object or array */
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

/* --- Declared inputs attached to routes ---
 * A route names a query spec and a body spec (struct route in server/router.h). Before the
 * handler runs, the server allocates spec->size zeroed bytes, fills them from the query or the
 * JSON body through the field table, and hands them over as r->query_in / r->body_in; a bad
 * input is refused with one 422 listing every field error, and the handler never sees it. */

#define IN_REQUIRED 1u
#define IN_NULLABLE 2u
#define IN_NO_FLAG  ((size_t)-1)

struct in_decl {
    const char *name;
    enum in_type type;
    unsigned flags; /* IN_REQUIRED, IN_NULLABLE */
    long long min, max;
    const char *const *choices; /* IN_ENUM: NULL-terminated */
    size_t off;                 /* offsetof the value in the route's input struct */
    size_t has_off;             /* offsetof an int set to 1 when the key was given, or IN_NO_FLAG */
};

/* page (from 1) and per_page (1..max, default def): one shared declared piece of list queries. */
struct page {
    long long page, per_page, offset;
};

struct in_spec {
    const struct in_decl *fields;
    size_t n;
    size_t size;                /* sizeof the input struct */
    long long per_page_def;     /* > 0: the query also takes page and per_page ... */
    long long per_page_max;     /* ... per_page within 1..per_page_max */
    size_t page_off;            /* ... into the struct page at this offset */
    unsigned body_optional : 1; /* an empty body reads as {} (actions whose fields are optional) */
    /* The handler checks the body against this table itself (input_declared_body), because it
     * may come as a multipart form: the server reads it but does not parse it as JSON. */
    unsigned handler_checks : 1;
};

/* One field of struct S: member m, JSON/query name "m". */
#define IN_FIELD(S, m, type, flags, min, max, choices)                                             \
    { #m, type, flags, min, max, choices, offsetof(S, m), IN_NO_FLAG }
/* The same with a presence flag (int member has) for partial updates. */
#define IN_FIELD_HAS(S, m, type, flags, min, max, choices, has)                                    \
    { #m, type, flags, min, max, choices, offsetof(S, m), offsetof(S, has) }
/* A field whose query/JSON name differs from its member. */
#define IN_NAMED(S, m, name, type, flags, min, max, choices, has)                                  \
    { name, type, flags, min, max, choices, offsetof(S, m), offsetof(S, has) }
/* The same without a presence flag. */
#define IN_FIELD_AS(S, m, name, type, flags, min, max, choices)                                    \
    { name, type, flags, min, max, choices, offsetof(S, m), IN_NO_FLAG }
#define IN_FIELDS_N(a) (sizeof(a) / sizeof(a)[0])
#define IN_SPEC(S, fields)                                                                         \
    { fields, IN_FIELDS_N(fields), sizeof(S), 0, 0, 0, 0, 0 }
/* A list query: fields plus page/per_page into member `page` (struct page). */
#define IN_SPEC_PAGED(S, fields, def, max)                                                         \
    { fields, IN_FIELDS_N(fields), sizeof(S), def, max, offsetof(S, page), 0, 0 }
#define IN_SPEC_PAGE_ONLY(S, def, max)                                                             \
    { NULL, 0, sizeof(S), def, max, offsetof(S, page), 0, 0 }
/* A body the handler checks itself (a multipart form or JSON). */
#define IN_SPEC_FORM(S, fields)                                                                    \
    { fields, IN_FIELDS_N(fields), sizeof(S), 0, 0, 0, 0, 1 }
/* A body whose fields are all optional and that may be left out entirely. */
#define IN_SPEC_OPTIONAL(S, fields)                                                                \
    { fields, IN_FIELDS_N(fields), sizeof(S), 0, 0, 0, 1, 0 }

/* Allocates and fills *out (freed by the caller with free) from the query; -1 after a 422. */
int input_declared_query(req_t *r, const struct in_spec *spec, void **out);
/* The same from a parsed JSON body (unknown keys are errors). */
int input_declared_body(req_t *r, const struct in_spec *spec, json_t *obj, void **out);
/* Writes the spec's fields as a JSON array of {name, in, type, required, nullable, enum, min,
 * max} (for `kstt-api routes --json`, which docs/openapi.yaml is tested against). */
json_t *input_spec_json(const struct in_spec *spec, const char *in);
/* The text of a declared enum's value (choices[i]), NULL when absent (-1). */
const char *in_choice(const char *const *choices, int i);
/* The "YYYY-MM-DD" text of a declared date, for SQL parameters; NULL for a zero (null) date. */
const char *in_date_str(struct ymd d, char buf[11]);

/* --- Old style: a handler's own table of pointers to its locals --- */
/* Checks obj against fields (unknown keys are errors). Adds Vietnamese per-field errors to r.
 * Returns 0 when valid; otherwise answers 422 and returns -1. */
int input_check(req_t *r, json_t *obj, const struct in_field *fields, size_t n);
/* The same for query parameters (all values are strings in the query). Unknown keys are
 * ignored, since caches and tools add their own. */
int input_query(req_t *r, const struct in_field *fields, size_t n);
/* 1 when s is a valid calendar date "YYYY-MM-DD". */
int input_is_date(const char *s);

#endif
